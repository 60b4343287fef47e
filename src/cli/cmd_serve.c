/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cmd_serve.c: 'satupintu serve': run the server until SIGTERM/SIGINT. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/cpus.h"
#include "app/board.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/netaddr.h"
#include "base/crypto.h"
#include "base/outbound.h"
#include "base/vcache.h"
#include "cli/cli.h"
#include "http/server.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/seed.h"
#include "svc/jobs.h"
#include "svc/notify.h"

#define MAX_BODY (4u * 1024 * 1024)
/* A form with a file (multipart/form-data): one phone photo of up to
 * 12 MB (PHOTO_MAX_UPLOAD) and the form around it. */
#define MAX_UPLOAD_BODY (16u * 1024 * 1024)
#define GRACE_S 10
/* Rendered public documents kept (app_doc_cached in app/app.h). */
#define DOCS_MAX 1024
#define DOCS_MAX_BYTES (16u * 1024 * 1024)

static const char serve_help[] =
    "Usage: satupintu serve [--db URL] [--listen ADDR:PORT] [--threads N]\n"
    "                       [--trust-proxy] [--static-dir DIR] [--reuse-port]\n"
    "                       [LIMITS]\n"
    "\n"
    "Serve the web pages and the API. The database must have been created\n"
    "with 'satupintu init'. Port 0 picks a free port. A port already in use\n"
    "is an error, unless every instance sharing it is started with\n"
    "--reuse-port [SATUPINTU_REUSE_PORT=1]. SIGTERM or SIGINT lets the\n"
    "requests in flight finish (up to 10 s), then exits.\n"
    "The line 'Satu Pintu listening on http://ADDR:PORT/' is printed when\n"
    "the server accepts connections. Scheduled jobs (complaint escalation\n"
    "and closing, queue tickets of past days, bookings whose time passed)\n"
    "run every SATUPINTU_JOBS_INTERVAL seconds (1-86400, default 60); an\n"
    "enrolled survey kiosk waits SATUPINTU_KIOSK_GAP seconds between\n"
    "questionnaires (0-3600, default 20).\n"
    "GET /metrics (Prometheus) answers SATUPINTU_METRICS_ALLOW (default\n"
    "127.0.0.0/8, ::1) or a bearer SATUPINTU_METRICS_TOKEN (32+ chars).\n"
    "\n"
    "Limits against flooding (also as variables; 0 switches off the\n"
    "per-address limit and the rate):\n"
    "  --max-connections N    open connections in all (1000)\n"
    "                         [SATUPINTU_MAX_CONNECTIONS]\n"
    "  --max-conn-per-addr N  open connections per client address (64; off\n"
    "                         with --trust-proxy unless given)\n"
    "                         [SATUPINTU_MAX_CONN_PER_ADDR]\n"
    "  --idle-timeout S       close a connection idle S seconds (30)\n"
    "                         [SATUPINTU_IDLE_TIMEOUT]\n"
    "  --header-timeout S     request line and headers within S seconds\n"
    "                         (10) [SATUPINTU_HEADER_TIMEOUT]\n"
    "  --body-timeout S       a request body within S seconds (30) ...\n"
    "                         [SATUPINTU_BODY_TIMEOUT]\n"
    "  --body-min-rate B      ... plus one second per B bytes received\n"
    "                         (1024) [SATUPINTU_BODY_MIN_RATE]\n"
    "  --body-budget MIB      MiB of request bodies in flight over all\n"
    "                         connections (64; 503 beyond)\n"
    "                         [SATUPINTU_BODY_BUDGET]\n"
    "  --report-threads N     threads that compute the regency's reports\n"
    "                         (/oversight, /performance, the performance\n"
    "                         API), in the order asked, each with its\n"
    "                         database connection (0: twice the CPUs\n"
    "                         it may use)\n"
    "                         [SATUPINTU_REPORT_THREADS]\n"
    "  --write-threads N      threads that handle the requests that write\n"
    "                         (POST), each with its database connection,\n"
    "                         while the connections' threads serve the\n"
    "                         rest (0: 32 on SQLite, 8 on PostgreSQL)\n"
    "                         [SATUPINTU_WRITE_THREADS]\n"
    "\n"
    "Notifications (variables only; see README.md): SATUPINTU_SMTP_URL and\n"
    "SATUPINTU_SMTP_FROM switch e-mail on, SATUPINTU_SMS_URL and\n"
    "SATUPINTU_SMS_TOKEN SMS/WhatsApp; SATUPINTU_NOTIFY_SENDER=0 keeps this\n"
    "instance from sending; SATUPINTU_NOTIFY_INTERVAL, _BACKOFF,\n"
    "_BACKOFF_MAX, _ATTEMPTS, _TIMEOUT and _LEASE tune the sender.\n"
    "\n"
    "SQLite (docs/ARCHITECTURE.md, \"One writer, group commit\"):\n"
    "  --commit-delay MS      how long a group's committer waits for more\n"
    "                         transactions (0) [SATUPINTU_COMMIT_DELAY_MS]\n"
    "  --sqlite-mmap MIB      MiB of the database each reading connection\n"
    "                         maps into memory (0: off)\n"
    "                         [SATUPINTU_SQLITE_MMAP_MIB]\n";

/* The scheduled jobs: escalate overdue complaints, close answered ones
 * whose reply window passed. Every instance runs them; the store makes
 * each change happen once (see store/complaints.h). */
struct jobs {
    const char *db_url;  /* the database */
    unsigned interval_s; /* seconds between runs */
    atomic_bool stop;    /* set by the main thread */
};

static void *jobs_thread(void *arg)
{
    struct jobs *j = arg;
    struct db *db = NULL;
    while (!atomic_load(&j->stop)) {
        if (!db && db_open(j->db_url, &db) != ERR_OK)
            db = NULL;
        if (!db)
            metrics_jobs(&(struct metrics_jobs_run){
                .started = (int64_t)time(NULL), .ok = false});
        if (db) {
            struct jobs_result r = {0};
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            int64_t started = (int64_t)time(NULL);
            enum err rc = jobs_run(db, started, &r);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            metrics_jobs(&(struct metrics_jobs_run){
                .started = started,
                .seconds = (double)(t1.tv_sec - t0.tv_sec) +
                           (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                .ok = rc == ERR_OK,
                .complaints_escalated = r.escalated,
                .complaints_closed = r.closed,
                .readiness_escalated = r.readiness_escalated});
            if (rc != ERR_OK && db_broken(db)) {
                log_warn("jobs: the database connection is lost; opening a "
                         "new one for the next run");
                db_close(db);
                db = NULL;
            } else if (rc != ERR_OK) {
                log_warn("jobs: %s", err_name(rc));
            } else if (r.escalated || r.closed || r.tickets_expired ||
                       r.bookings_released) {
                log_info("jobs: %lld complaints escalated, %lld closed; "
                         "%lld queue tickets of past days expired, %lld "
                         "bookings released",
                         (long long)r.escalated, (long long)r.closed,
                         (long long)r.tickets_expired,
                         (long long)r.bookings_released);
            }
            if (rc == ERR_OK && r.versions_promoted)
                log_info("jobs: %lld services took their scheduled standard",
                         (long long)r.versions_promoted);
            if (rc == ERR_OK && r.readiness_escalated)
                log_info("jobs: %lld readiness items escalated",
                         (long long)r.readiness_escalated);
        }
        for (unsigned i = 0; i < j->interval_s * 10 && !atomic_load(&j->stop);
             i++) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    db_close(db);
    return NULL;
}

/* The notification sender: queues late notices, then delivers what is
 * due, one message at a time, until nothing is; then waits. Every
 * instance may run one; the store's claims keep each message with one
 * sender at a time. */
struct sender {
    const char *db_url;              /* the database */
    const struct notify_config *cfg; /* channels and retry schedule */
    int utc_offset_min;              /* the regency's zone */
    unsigned interval_s;             /* seconds between rounds */
    char owner[96];                  /* this sender's name in claims */
    atomic_bool stop;                /* set by the main thread */
};

static void *sender_thread(void *arg)
{
    struct sender *sn = arg;
    struct db *db = NULL;
    while (!atomic_load(&sn->stop)) {
        if (!db && db_open(sn->db_url, &db) != ERR_OK)
            db = NULL;
        if (db) {
            struct notify_run run = {0};
            enum err rc = notify_late_run(db, sn->cfg, sn->utc_offset_min,
                                          (int64_t)time(NULL), &run);
            bool tried = true;
            while (rc == ERR_OK && tried && !atomic_load(&sn->stop))
                rc = notify_deliver_one(db, sn->cfg, sn->owner,
                                        (int64_t)time(NULL), &tried, &run);
            db_rollback(db);
            if (rc != ERR_OK)
                log_warn("notify: %s", err_name(rc));
            if (run.sent || run.retried || run.failed || run.cancelled ||
                run.late)
                log_info("notify: %lld sent, %lld to retry, %lld failed, "
                         "%lld cancelled, %lld late notices",
                         (long long)run.sent, (long long)run.retried,
                         (long long)run.failed, (long long)run.cancelled,
                         (long long)run.late);
        }
        for (unsigned i = 0; i < sn->interval_s * 10 && !atomic_load(&sn->stop);
             i++) {
            struct timespec ts = {0, 100 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    db_close(db);
    return NULL;
}

/* An integer variable within [min, max], else def (a value outside is
 * refused: false). */
static bool env_int(const char *name, long long min, long long max,
                    long long def, long long *out)
{
    const char *v = getenv(name);
    *out = def;
    if (!v || !*v)
        return true;
    char *end = NULL;
    long long x = strtoll(v, &end, 10);
    if (*end || x < min || x > max) {
        fprintf(stderr,
                "satupintu serve: %s must be a number from %lld to %lld\n",
                name, min, max);
        return false;
    }
    *out = x;
    return true;
}

static const char *env_str(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

/* The notification settings from the environment; false (with a message)
 * when one is out of range. */
static bool notify_settings(struct notify_config *cfg, const char *listen,
                            long long *interval, bool *send)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->smtp_url = env_str("SATUPINTU_SMTP_URL");
    cfg->smtp_from = env_str("SATUPINTU_SMTP_FROM");
    cfg->smtp_ca = env_str("SATUPINTU_SMTP_CA");
    if (cfg->smtp_ca && access(cfg->smtp_ca, R_OK) != 0) {
        fprintf(stderr,
                "satupintu serve: SATUPINTU_SMTP_CA: cannot read %s (a PEM "
                "file of the authority that signed the mail server's "
                "certificate)\n",
                cfg->smtp_ca);
        return false;
    }
    cfg->sms_url = env_str("SATUPINTU_SMS_URL");
    cfg->sms_token = env_str("SATUPINTU_SMS_TOKEN");
    if (cfg->smtp_url && !cfg->smtp_from) {
        log_warn("notify: SATUPINTU_SMTP_URL without SATUPINTU_SMTP_FROM: "
                 "e-mail stays off");
        cfg->smtp_url = NULL;
    }
    if (cfg->sms_url && !cfg->sms_token) {
        log_warn("notify: SATUPINTU_SMS_URL without SATUPINTU_SMS_TOKEN: "
                 "SMS stays off");
        cfg->sms_url = NULL;
    }
    const char *pub = env_str("SATUPINTU_PUBLIC_URL");
    static char fallback[128];
    snprintf(fallback, sizeof(fallback), "http://%s", listen);
    cfg->public_url = pub ? pub : fallback;
    if (!pub && (cfg->smtp_url || cfg->sms_url))
        log_warn("notify: SATUPINTU_PUBLIC_URL is not set: links in "
                 "messages point to %s",
                 fallback);
    long long backoff, backoff_max, attempts, timeout, lease, sender;
    if (!env_int("SATUPINTU_NOTIFY_INTERVAL", 1, 3600, 5, interval) ||
        !env_int("SATUPINTU_NOTIFY_BACKOFF", 0, 86400, 60, &backoff) ||
        !env_int("SATUPINTU_NOTIFY_BACKOFF_MAX", 0, 7 * 86400, 3600,
                 &backoff_max) ||
        !env_int("SATUPINTU_NOTIFY_ATTEMPTS", 1, 100, 8, &attempts) ||
        !env_int("SATUPINTU_NOTIFY_TIMEOUT", 1, 600, 30, &timeout) ||
        !env_int("SATUPINTU_NOTIFY_LEASE", 2, 86400, 2 * timeout + 10,
                 &lease) ||
        !env_int("SATUPINTU_NOTIFY_SENDER", 0, 1, 1, &sender))
        return false;
    if (lease <= timeout) {
        fprintf(stderr, "satupintu serve: SATUPINTU_NOTIFY_LEASE must be "
                        "longer than SATUPINTU_NOTIFY_TIMEOUT\n");
        return false;
    }
    cfg->backoff_s = backoff;
    cfg->backoff_max_s = backoff_max < backoff ? backoff : backoff_max;
    cfg->max_attempts = (int)attempts;
    cfg->timeout_s = timeout;
    cfg->lease_s = lease;
    *send = sender == 1;
    return true;
}

int cmd_serve(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(serve_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    if (argc > 1) {
        fprintf(stderr, "satupintu serve: unexpected argument '%s'\n", argv[1]);
        return 2;
    }
    /* /metrics: for these addresses, or with this bearer token. */
    const char *metrics_allow = getenv("SATUPINTU_METRICS_ALLOW");
    if (!metrics_allow)
        metrics_allow = "127.0.0.0/8, ::1";
    if (!netaddr_list_valid(metrics_allow)) {
        fprintf(stderr,
                "satupintu serve: SATUPINTU_METRICS_ALLOW must be addresses "
                "or networks (127.0.0.0/8, ::1, 10.0.0.5) separated by "
                "commas\n");
        return 2;
    }
    const char *metrics_token = getenv("SATUPINTU_METRICS_TOKEN");
    if (metrics_token && !*metrics_token)
        metrics_token = NULL;
    if (metrics_token && strlen(metrics_token) < 32) {
        fprintf(stderr, "satupintu serve: SATUPINTU_METRICS_TOKEN must be at "
                        "least 32 characters (openssl rand -hex 32)\n");
        return 2;
    }
    long long gap = 20, interval = 60, ticket_return = 10;
    struct notify_config ncfg;
    long long notify_interval = 5;
    bool notify_send = true;
    if (!env_int("SATUPINTU_KIOSK_GAP", 0, 3600, 20, &gap) ||
        !env_int("SATUPINTU_JOBS_INTERVAL", 1, 86400, 60, &interval) ||
        !env_int("SATUPINTU_TICKET_RETURN", 0, 3600, 10, &ticket_return) ||
        !notify_settings(&ncfg, s.listen, &notify_interval, &notify_send))
        return 2;
    db_sqlite_set_commit_delay(s.commit_delay_ms);
    db_sqlite_set_mmap((uint64_t)s.sqlite_mmap_mib * 1024 * 1024);
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    bool on_sqlite = db_kind(db) == DB_SQLITE;
    int offset = 0;
    enum err orc = seed_utc_offset(db, &offset);
    /* Which regency: in the log, and in /healthz (one database serves one
     * regency; the arena lives as long as the process). */
    struct arena *settings = arena_new();
    const char *regency = NULL, *regency_name = NULL;
    if (orc == ERR_OK &&
        seed_regency_info(db, settings, &regency, &regency_name) != ERR_OK)
        regency = NULL;
    db_close(db);
    if (orc != ERR_OK) {
        fprintf(stderr,
                "satupintu serve: the regency's time zone (setting "
                "utc_offset_min) cannot be read (%s): run 'satupintu init'\n",
                err_name(orc));
        arena_free(settings);
        return 1;
    }

    /* Block the stop signals in every thread; this one waits for them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    const char *public_url = getenv("SATUPINTU_PUBLIC_URL");
    struct app app = {.db_url = s.db_url,
                      .static_dir = s.static_dir,
                      .public_url =
                          public_url && *public_url ? public_url : NULL,
                      .utc_offset_min = offset,
                      .regency_code = regency,
                      .metrics_allow = metrics_allow,
                      .metrics_token = metrics_token,
                      .kiosk_gap_s = gap,
                      .ticket_return_s = ticket_return,
                      .notify = &ncfg,
                      .docs = vcache_new(DOCS_MAX, DOCS_MAX_BYTES)};
    /* The metrics know the routes by number (the router's). */
    const char **methods = xcalloc(app_n_routes + 1, sizeof(*methods));
    const char **patterns = xcalloc(app_n_routes + 1, sizeof(*patterns));
    for (size_t i = 0; i < app_n_routes; i++) {
        methods[i] = app_routes[i].method == HTTP_POST ? "POST" : "GET";
        patterns[i] = app_routes[i].pattern;
    }
    metrics_init(methods, patterns, app_n_routes);
    metrics_set_info(SP_VERSION, migrate_latest(), (int64_t)time(NULL));
    const char *faults = getenv("SATUPINTU_TEST_FAULTS");
    if (faults && strcmp(faults, "1") == 0) {
        /* Tests only (store/db.h): never set in production. */
        db_faults_enable();
        log_warn("serve: SATUPINTU_TEST_FAULTS=1: a request with "
                 "X-Test-Db-Fail-After makes the database fail on purpose; "
                 "for tests only");
    }
    /* Reports wait for one of these rather than for a busy connection
     * thread; twice the CPUs keeps the CPUs busy while some wait for the
     * database, and no more (a report is CPU work on both sides). */
    unsigned report_threads = s.report_threads;
    if (!report_threads) {
        unsigned cpus = cpus_usable(); /* affinity and quota: base/cpus.h */
        report_threads = 2 * (cpus < 64 ? cpus : 64);
    }
    /* On SQLite the writes waiting together are what makes a group, so as
     * many as the connections that write at a busy moment; on PostgreSQL
     * each may hold a server connection (max_connections, 100 by default,
     * shared by every instance), and the server makes its own groups. */
    unsigned write_threads = s.write_threads;
    if (!write_threads)
        write_threads = on_sqlite ? 32 : 8;
    struct http_options opt = {.listen = s.listen,
                               .threads = s.threads,
                               .max_body = MAX_BODY,
                               .max_upload_body = MAX_UPLOAD_BODY,
                               .trust_proxy = s.trust_proxy,
                               .reuse_port = s.reuse_port,
                               .max_connections = s.max_connections,
                               .max_conn_per_addr = s.max_conn_per_addr,
                               .idle_timeout_s = s.idle_timeout,
                               .header_timeout_s = s.header_timeout,
                               .body_timeout_s = s.body_timeout,
                               .body_min_rate = s.body_min_rate,
                               .body_budget =
                                   (size_t)s.body_budget_mib * 1024 * 1024,
                               .report_threads = report_threads,
                               .write_threads = write_threads,
                               .pool_of = app_pool_of};
    struct http_server *server = NULL;
    if (http_server_start(&opt, app_handle, &app, &server) != ERR_OK) {
        vcache_free(app.docs);
        free(methods);
        free(patterns);
        arena_free(settings);
        return 1;
    }
    app.server = server;
    board_start(&app);
    char host[64];
    const char *colon = strrchr(s.listen, ':');
    size_t hn = colon ? (size_t)(colon - s.listen) : 0;
    if (hn >= sizeof(host))
        hn = 0;
    memcpy(host, s.listen, hn);
    host[hn] = '\0';
    log_info("serve: regency %s%s%s", regency ? regency : "(none)",
             regency_name ? " " : "", regency_name ? regency_name : "");
    log_info("serve: %u worker threads, %u report threads and %u write "
             "threads, each with its database connection",
             s.threads, report_threads, write_threads);
    log_info("serve: at most %u connections, %u per address (0: no "
             "limit), idle %u s; headers within %u s, bodies within %u s + "
             "1 s per %u bytes; %u MiB of bodies in flight%s",
             s.max_connections, s.max_conn_per_addr, s.idle_timeout,
             s.header_timeout, s.body_timeout, s.body_min_rate,
             s.body_budget_mib,
             s.reuse_port ? "; port shared (reuse-port)" : "");
    struct jobs jobs = {.db_url = s.db_url, .interval_s = (unsigned)interval};
    atomic_init(&jobs.stop, false);
    pthread_t jobs_tid;
    if (pthread_create(&jobs_tid, NULL, jobs_thread, &jobs) != 0) {
        log_error("serve: the jobs thread cannot start");
        http_server_stop(server, 0);
        return 1;
    }
    outbound_init();
    struct sender sender = {.db_url = s.db_url,
                            .cfg = &ncfg,
                            .utc_offset_min = offset,
                            .interval_s = (unsigned)notify_interval};
    atomic_init(&sender.stop, false);
    {
        char host_name[64] = "";
        gethostname(host_name, sizeof(host_name) - 1);
        char rnd[17];
        crypto_random_hex(rnd, 8);
        snprintf(sender.owner, sizeof(sender.owner), "%.60s:%ld:%s", host_name,
                 (long)getpid(), rnd);
    }
    pthread_t sender_tid;
    if (notify_send &&
        pthread_create(&sender_tid, NULL, sender_thread, &sender) != 0) {
        log_error("serve: the notification sender cannot start");
        notify_send = false; /* messages wait in the outbox */
    }
    log_info("notify: e-mail %s, SMS/WhatsApp %s, webhooks on; this "
             "instance %s",
             notify_email_on(&ncfg) ? "on" : "off",
             notify_sms_on(&ncfg) ? "on" : "off",
             notify_send ? "sends" : "does not send");
    printf("Satu Pintu listening on http://%s:%d/\n", hn ? host : "0.0.0.0",
           http_server_port(server));
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    log_info("serve: signal %d: finishing requests in flight", sig);
    board_stop(); /* before the server it wakes goes away */
    http_server_stop(server, GRACE_S);
    atomic_store(&jobs.stop, true);
    pthread_join(jobs_tid, NULL);
    atomic_store(&sender.stop, true);
    if (notify_send)
        pthread_join(sender_tid, NULL);
    vcache_free(app.docs);
    log_info("serve: stopped");
    free(methods);
    free(patterns);
    arena_free(settings);
    return 0;
}
