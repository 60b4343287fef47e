/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_durability.c: what was acknowledged is never lost, and numbers are
 * unique across instances.
 *
 *   test_durability BIN              SQLite: kill -9 in a burst of
 *                                    intakes, restart, check; then two
 *                                    serve processes on one SQLite file
 *   test_durability BIN postgresql   the same against $SP_TEST_PG_URL
 *
 * Crash: several clients register applications through the API while the
 * server is killed with SIGKILL; after a restart every registration number
 * that was answered 201 is there with its first event, and no application
 * is half written (each has its submit event and all its requirement
 * rows). A power cut is covered by the same commit rule: SQLite runs with
 * synchronous=FULL in WAL mode, PostgreSQL commits with fsync (its
 * defaults), so an acknowledged commit is on disk.
 *
 * The counter queue, on the same database: kill -9 in a burst of ticket
 * issues and calls, then every acknowledged ticket and call is there and
 * the day's numbering goes on after the restart; and two instances with
 * a counter each calling through QUEUE_TICKETS tickets at once: each
 * ticket called exactly once, in the order of the rule, and a display
 * board held by one instance shows the calls made through the other.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "client.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/queue.h"
#include "test.h"

#define CLIENTS 4
#define MAX_ACKED 20000

static const char *bin;
static const char *pg_url; /* NULL: SQLite */
static char key[64];

struct acked {
    pthread_mutex_t lock;
    char regno[MAX_ACKED][24];
    size_t n;
    long non_201; /* answers other than 201 while the server was up */
};

struct burst {
    struct server *srv;  /* where to send */
    struct acked *acked; /* what was acknowledged */
    volatile int *stop;  /* set by the main thread */
    int id;              /* client number, for distinct NIKs */
};

static void *burst_client(void *arg)
{
    struct burst *b = arg;
    struct client *c = client_new(b->srv);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    for (int i = 0; !*b->stop && i < 100000; i++) {
        char js[1024];
        /* A valid NIK: Banyuwangi district, a real date, serial >= 1. */
        snprintf(js, sizeof(js),
                 "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                 "\"citizen\":{\"nik\":\"351009%02d01%02d%04d\","
                 "\"name\":\"Warga %d-%d\",\"phone\":\"0812345%05d\"},"
                 "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                 "\"PENGANTAR_DESA\"]}",
                 1 + i % 28, 50 + b->id, 1 + i % 9999, b->id, i, i % 100000);
        struct resp r;
        bool sent = client_req(c, "POST", "/api/v1/applications", js,
                               "application/json", auth, &r);
        if (sent && r.status == 201) {
            json_error_t e;
            json_t *j = json_loads(buf_cstr(&r.body), 0, &e);
            const char *no =
                json_string_value(json_object_get(j, "registration_no"));
            pthread_mutex_lock(&b->acked->lock);
            if (no && b->acked->n < MAX_ACKED)
                snprintf(b->acked->regno[b->acked->n++], 24, "%s", no);
            pthread_mutex_unlock(&b->acked->lock);
            json_decref(j);
        } else if (sent) {
            pthread_mutex_lock(&b->acked->lock);
            b->acked->non_201++;
            pthread_mutex_unlock(&b->acked->lock);
            fprintf(stderr, "  client %d: %ld %s\n", b->id, r.status,
                    buf_cstr(&r.body));
        } else {
            resp_free(&r);
            break; /* the server is gone */
        }
        resp_free(&r);
    }
    client_free(c);
    return NULL;
}

/* Run n clients against servers[i % n_servers] until *stop. */
static void run_burst_n(struct server *servers, size_t n_servers,
                        struct acked *acked, volatile int *stop,
                        pthread_t *threads, struct burst *args, int n)
{
    for (int i = 0; i < n; i++) {
        args[i] =
            (struct burst){&servers[(size_t)i % n_servers], acked, stop, i};
        pthread_create(&threads[i], NULL, burst_client, &args[i]);
    }
}

static void join_burst_n(pthread_t *threads, int n)
{
    for (int i = 0; i < n; i++)
        pthread_join(threads[i], NULL);
}

/* CLIENTS clients. */
static void run_burst(struct server *servers, size_t n_servers,
                      struct acked *acked, volatile int *stop,
                      pthread_t *threads, struct burst *args)
{
    run_burst_n(servers, n_servers, acked, stop, threads, args, CLIENTS);
}

static void join_burst(pthread_t *threads)
{
    join_burst_n(threads, CLIENTS);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static bool setup(struct server *s)
{
    if (pg_url) {
        struct db *db = NULL;
        if (db_open(pg_url, &db) != ERR_OK)
            return false;
        enum err rc =
            db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        db_close(db);
        if (rc != ERR_OK)
            return false;
    }
    if (!server_init(s, bin, pg_url))
        return false;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add loket --role front_office "
             "--office 35.10.09 --password-stdin --db '%s' >/dev/null",
             bin, s->db_url);
    if (system(cmd) != 0)
        return false;
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", "loket", NULL};
    int st = server_cli(s, &out, args);
    snprintf(key, sizeof(key), "%.51s", buf_cstr(&out));
    buf_free(&out);
    return st == 0;
}

/* Every acknowledged number is there, and nothing is half written. */
static void check_database(const char *db_url, struct acked *acked)
{
    struct db *db = NULL;
    CHECK_INT(db_open(db_url, &db), ERR_OK);
    if (!db)
        return;
    size_t missing = 0;
    for (size_t i = 0; i < acked->n; i++) {
        int64_t n = 0;
        enum err rc =
            db_int(db, &n,
                   "SELECT COUNT(*) FROM applications a JOIN application_events"
                   " e ON e.application_id = a.id AND e.action = 'submit'"
                   " WHERE a.regno = $1",
                   DV_TEXT(acked->regno[i]));
        if (rc != ERR_OK || n != 1) {
            fprintf(stderr, "  acknowledged %s is missing\n", acked->regno[i]);
            missing++;
        }
    }
    CHECK_INT(missing, 0);
    int64_t half = -1;
    CHECK_INT(db_int(db, &half,
                     "SELECT COUNT(*) FROM applications a WHERE"
                     " (SELECT COUNT(*) FROM application_events e WHERE"
                     "  e.application_id = a.id) < $1 OR"
                     " (SELECT COUNT(*) FROM application_requirements r"
                     "  WHERE r.application_id = a.id) <> 4",
                     DV_INT(1)),
              ERR_OK);
    CHECK_INT(half, 0);
    int64_t dup = -1;
    CHECK_INT(db_int(db, &dup,
                     "SELECT COUNT(*) - COUNT(DISTINCT regno) FROM"
                     " applications WHERE id > $1",
                     DV_INT(0)),
              ERR_OK);
    CHECK_INT(dup, 0);
    /* The counter is never behind the numbers handed out. */
    int64_t total = 0, counter = 0;
    CHECK_INT(db_int(db, &total,
                     "SELECT COUNT(*) FROM applications WHERE id > $1",
                     DV_INT(0)),
              ERR_OK);
    CHECK_INT(db_int(db, &counter,
                     "SELECT COALESCE(SUM(value), 0) FROM counters WHERE"
                     " name LIKE $1",
                     DV_TEXT("regno:%")),
              ERR_OK);
    CHECK(counter >= total);
    db_close(db);
}

static struct acked acked_crash = {.lock = PTHREAD_MUTEX_INITIALIZER};
static struct acked acked_two = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void test_kill9_in_a_burst(void)
{
    struct server s;
    CHECK(setup(&s));
    CHECK(server_serve(&s, NULL));
    volatile int stop = 0;
    pthread_t threads[CLIENTS];
    struct burst args[CLIENTS];
    run_burst(&s, 1, &acked_crash, &stop, threads, args);
    sleep_ms(1500);
    server_kill9(&s); /* in the middle of the burst */
    stop = 1;
    join_burst(threads);
    fprintf(stderr, "  acknowledged before the crash: %zu\n", acked_crash.n);
    CHECK(acked_crash.n > 10);
    CHECK_INT(acked_crash.non_201, 0);
    /* Restart on the same database; everything acknowledged is there. */
    CHECK(server_serve(&s, NULL));
    struct client *c = client_new(&s);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    size_t seen = 0;
    for (size_t i = 0; i < acked_crash.n; i += 7) {
        char path[96];
        snprintf(path, sizeof(path), "/api/v1/applications/%s",
                 acked_crash.regno[i]);
        struct resp r;
        client_req(c, "GET", path, NULL, NULL, auth, &r);
        seen += r.status == 200;
        CHECK_INT(r.status, 200);
        resp_free(&r);
    }
    CHECK(seen > 0);
    client_free(c);
    check_database(s.db_url, &acked_crash);
    CHECK_INT(server_stop(&s), 0);
}

static void test_two_instances_unique(void)
{
    struct server s[2];
    CHECK(setup(&s[0]));
    s[1] = s[0];
    CHECK(server_serve(&s[0], NULL));
    CHECK(server_serve(&s[1], NULL));
    CHECK(s[0].port != s[1].port);
    volatile int stop = 0;
    pthread_t threads[CLIENTS];
    struct burst args[CLIENTS];
    run_burst(s, 2, &acked_two, &stop, threads, args);
    sleep_ms(2500);
    stop = 1;
    join_burst(threads);
    fprintf(stderr, "  registered through two instances: %zu\n", acked_two.n);
    CHECK(acked_two.n > 20);
    CHECK_INT(acked_two.non_201, 0);
    /* Unique across both instances (and in the database). */
    size_t dups = 0;
    for (size_t i = 0; i < acked_two.n; i++)
        for (size_t k = i + 1; k < acked_two.n; k++)
            dups += strcmp(acked_two.regno[i], acked_two.regno[k]) == 0;
    CHECK_INT(dups, 0);
    check_database(s[0].db_url, &acked_two);
    CHECK_INT(server_halt(&s[1]), 0);
    CHECK_INT(server_stop(&s[0]), 0);
}

/*
 * The same two with SQLite's transactions committed in groups: more
 * clients than worker threads, and each group's COMMIT delayed
 * (--commit-delay) so that groups are large and the kill finds one open:
 * a number answered 201 was in a group whose COMMIT had ended; one in an
 * open group was not answered, and is not half there. (On PostgreSQL the
 * flag changes nothing: each request has its own transaction.)
 */
#define GROUP_CLIENTS 16

static struct acked acked_gc_crash = {.lock = PTHREAD_MUTEX_INITIALIZER};
static struct acked acked_gc_two = {.lock = PTHREAD_MUTEX_INITIALIZER};
static const char *const group_args[] = {"--commit-delay", "25", "--threads",
                                         "16", NULL};

static void test_kill9_group_commit(void)
{
    struct server s;
    CHECK(setup(&s));
    CHECK(server_serve(&s, group_args));
    volatile int stop = 0;
    pthread_t threads[GROUP_CLIENTS];
    struct burst args[GROUP_CLIENTS];
    run_burst_n(&s, 1, &acked_gc_crash, &stop, threads, args, GROUP_CLIENTS);
    sleep_ms(1500);
    server_kill9(&s);
    stop = 1;
    join_burst_n(threads, GROUP_CLIENTS);
    fprintf(stderr, "  acknowledged before the crash (groups): %zu\n",
            acked_gc_crash.n);
    CHECK(acked_gc_crash.n > 10);
    CHECK_INT(acked_gc_crash.non_201, 0);
    CHECK(server_serve(&s, group_args));
    check_database(s.db_url, &acked_gc_crash);
    CHECK_INT(server_stop(&s), 0);
}

static void test_two_instances_group_commit(void)
{
    struct server s[2];
    CHECK(setup(&s[0]));
    s[1] = s[0];
    CHECK(server_serve(&s[0], group_args));
    CHECK(server_serve(&s[1], group_args));
    volatile int stop = 0;
    pthread_t threads[GROUP_CLIENTS];
    struct burst args[GROUP_CLIENTS];
    run_burst_n(s, 2, &acked_gc_two, &stop, threads, args, GROUP_CLIENTS);
    sleep_ms(2500);
    stop = 1;
    join_burst_n(threads, GROUP_CLIENTS);
    fprintf(stderr, "  registered through two instances (groups): %zu\n",
            acked_gc_two.n);
    CHECK(acked_gc_two.n > 20);
    CHECK_INT(acked_gc_two.non_201, 0);
    size_t dups = 0;
    for (size_t i = 0; i < acked_gc_two.n; i++)
        for (size_t k = i + 1; k < acked_gc_two.n; k++)
            dups += strcmp(acked_gc_two.regno[i], acked_gc_two.regno[k]) == 0;
    CHECK_INT(dups, 0);
    check_database(s[0].db_url, &acked_gc_two);
    CHECK_INT(server_halt(&s[1]), 0);
    CHECK_INT(server_stop(&s[0]), 0);
}

/* ---- The counter queue ---------------------------------------------- */

#define QUEUE_TICKETS 200
#define MAX_CALLED 4096

struct queue_acked {
    pthread_mutex_t lock;
    int64_t ids[MAX_ACKED]; /* tickets answered 201 */
    char labels[MAX_ACKED][16];
    size_t n;
    int64_t called[MAX_CALLED]; /* calls answered 200 */
    size_t n_called;
    long bad; /* answers other than the expected ones while up */
};

struct queue_worker {
    struct server *srv;
    struct queue_acked *acked;
    volatile int *stop;
    int id; /* 0..: issuers; CLIENTS - 1: the caller */
    const char *counter;
    bool caller; /* calls and finishes instead of issuing */
};

static long post(struct client *c, const char *path, const char *js,
                 struct resp *r)
{
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    if (!client_req(c, "POST", path, js, "application/json", auth, r))
        return 0;
    return r->status;
}

static void *queue_worker_main(void *arg)
{
    struct queue_worker *w = arg;
    struct client *c = client_new(w->srv);
    for (int i = 0; !*w->stop && i < 100000; i++) {
        struct resp r;
        if (!w->caller) {
            long st =
                post(c, "/api/v1/offices/35.10.09/queue/tickets",
                     i % 2 ? "{\"group\":\"A\"}" : "{\"group\":\"B\"}", &r);
            if (st == 0) {
                resp_free(&r);
                break; /* the server is gone */
            }
            json_error_t e;
            json_t *j = json_loads(buf_cstr(&r.body), 0, &e);
            pthread_mutex_lock(&w->acked->lock);
            if (st == 201 && w->acked->n < MAX_ACKED) {
                w->acked->ids[w->acked->n] =
                    json_integer_value(json_object_get(j, "id"));
                snprintf(w->acked->labels[w->acked->n], 16, "%s",
                         json_string_value(json_object_get(j, "ticket")));
                w->acked->n++;
            } else if (st != 201) {
                w->acked->bad++;
            }
            pthread_mutex_unlock(&w->acked->lock);
            json_decref(j);
            resp_free(&r);
            continue;
        }
        char js[64];
        snprintf(js, sizeof(js), "{\"counter\":\"%s\"}", w->counter);
        long st = post(c, "/api/v1/offices/35.10.09/queue/call", js, &r);
        if (st == 0) {
            resp_free(&r);
            break;
        }
        if (st == 204) { /* nobody now: the issuers will bring more */
            resp_free(&r);
            pthread_mutex_lock(&w->acked->lock);
            bool all = w->acked->n >= QUEUE_TICKETS;
            pthread_mutex_unlock(&w->acked->lock);
            if (all)
                break;
            continue;
        }
        json_error_t e;
        json_t *j = json_loads(buf_cstr(&r.body), 0, &e);
        int64_t id = json_integer_value(json_object_get(j, "id"));
        json_decref(j);
        resp_free(&r);
        pthread_mutex_lock(&w->acked->lock);
        if (st == 200 && w->acked->n_called < MAX_CALLED)
            w->acked->called[w->acked->n_called++] = id;
        else if (st != 200)
            w->acked->bad++;
        pthread_mutex_unlock(&w->acked->lock);
        if (st != 200)
            continue;
        char path[96];
        snprintf(path, sizeof(path), "/api/v1/queue/tickets/%lld/finish",
                 (long long)id);
        st = post(c, path, "{}", &r);
        resp_free(&r);
        if (st == 0)
            break;
    }
    client_free(c);
    return NULL;
}

static void queue_counters(const char *db_url)
{
    struct db *db = NULL;
    CHECK_INT(db_open(db_url, &db), ERR_OK);
    struct arena *a = arena_new();
    struct office o;
    CHECK_INT(offices_get(db, a, "35.10.09", &o), ERR_OK);
    CHECK_INT(queue_office_ensure(db, o.id, 0), ERR_OK);
    CHECK_INT(queue_counter_put(db, o.id, "2", "Loket 2", "*", true, 0),
              ERR_OK);
    arena_free(a);
    db_close(db);
}

static struct queue_acked queue_crash = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void test_queue_kill9(void)
{
    struct server s;
    CHECK(setup(&s));
    queue_counters(s.db_url);
    CHECK(server_serve(&s, NULL));
    volatile int stop = 0;
    pthread_t t[CLIENTS];
    struct queue_worker w[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        w[i] = (struct queue_worker){&s, &queue_crash, &stop,
                                     i,  "1",          i == CLIENTS - 1};
        pthread_create(&t[i], NULL, queue_worker_main, &w[i]);
    }
    /* Kill once some issues and calls were answered (a condition with a
     * generous bound, not a time). */
    for (int i = 0; i < 600; i++) {
        pthread_mutex_lock(&queue_crash.lock);
        bool enough = queue_crash.n >= 20 && queue_crash.n_called >= 3;
        pthread_mutex_unlock(&queue_crash.lock);
        if (enough)
            break;
        sleep_ms(100);
    }
    server_kill9(&s); /* in the middle of issues and calls */
    stop = 1;
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(t[i], NULL);
    fprintf(stderr, "  tickets acknowledged before the crash: %zu, calls %zu\n",
            queue_crash.n, queue_crash.n_called);
    CHECK(queue_crash.n >= 20);
    CHECK(queue_crash.n_called >= 3);
    CHECK_INT(queue_crash.bad, 0);
    struct db *db = NULL;
    CHECK_INT(db_open(s.db_url, &db), ERR_OK);
    /* Every acknowledged ticket, with its label and its issue event. */
    size_t missing = 0;
    for (size_t i = 0; db && i < queue_crash.n; i++) {
        int64_t n = 0;
        enum err rc =
            db_int(db, &n,
                   "SELECT COUNT(*) FROM queue_tickets t JOIN queue_events e ON"
                   " e.ticket_id = t.id AND e.action = 'issue' WHERE t.id = $1"
                   " AND t.label = $2",
                   DV_INT(queue_crash.ids[i]), DV_TEXT(queue_crash.labels[i]));
        missing += rc != ERR_OK || n != 1;
    }
    CHECK_INT(missing, 0);
    /* Every acknowledged call, with its event; no ticket called twice. */
    size_t lost = 0;
    for (size_t i = 0; db && i < queue_crash.n_called; i++) {
        int64_t n = 0;
        enum err rc =
            db_int(db, &n,
                   "SELECT COUNT(*) FROM queue_tickets t JOIN queue_events e ON"
                   " e.ticket_id = t.id AND e.action = 'call' WHERE t.id = $1"
                   " AND t.state <> 'waiting'",
                   DV_INT(queue_crash.called[i]));
        if (rc != ERR_OK)
            n = 0;
        lost += n != 1;
    }
    CHECK_INT(lost, 0);
    int64_t dup = -1;
    CHECK_INT(db_int(db, &dup,
                     "SELECT COUNT(*) - COUNT(DISTINCT office_id || ' ' ||"
                     " day || ' ' || label) FROM queue_tickets WHERE id > $1",
                     DV_INT(0)),
              ERR_OK);
    CHECK_INT(dup, 0);
    int64_t max_b = 0;
    CHECK_INT(db_int(db, &max_b,
                     "SELECT MAX(number) FROM queue_tickets WHERE"
                     " group_code = $1",
                     DV_TEXT("B")),
              ERR_OK);
    db_close(db);
    /* After the restart the day's numbering goes on. */
    CHECK(server_serve(&s, NULL));
    struct client *c = client_new(&s);
    struct resp r;
    CHECK_INT(post(c, "/api/v1/offices/35.10.09/queue/tickets",
                   "{\"group\":\"B\"}", &r),
              201);
    json_error_t e;
    json_t *j = json_loads(buf_cstr(&r.body), 0, &e);
    char want[32];
    snprintf(want, sizeof(want), "B-%03lld", (long long)max_b + 1);
    CHECK_STR(json_string_value(json_object_get(j, "ticket")), want);
    json_decref(j);
    resp_free(&r);
    client_free(c);
    CHECK_INT(server_stop(&s), 0);
}

static struct queue_acked queue_two = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void test_queue_two_instances(void)
{
    struct server s[2];
    CHECK(setup(&s[0]));
    queue_counters(s[0].db_url);
    s[1] = s[0];
    CHECK(server_serve(&s[0], NULL));
    CHECK(server_serve(&s[1], NULL));
    /* QUEUE_TICKETS tickets through both instances, every 7th a
     * priority. */
    struct client *c0 = client_new(&s[0]);
    struct client *c1 = client_new(&s[1]);
    size_t issued = 0;
    for (int i = 0; i < QUEUE_TICKETS; i++) {
        struct resp r;
        long st =
            post(i % 2 ? c1 : c0, "/api/v1/offices/35.10.09/queue/tickets",
                 i % 7 == 3 ? "{\"group\":\"A\",\"priority\":true}"
                            : "{\"group\":\"B\"}",
                 &r);
        issued += st == 201;
        resp_free(&r);
    }
    CHECK_INT(issued, QUEUE_TICKETS);
    queue_two.n = QUEUE_TICKETS; /* the callers stop at 204 */
    /* A display board held by instance 1. */
    int fd = raw_get(&s[1], "/queue/35.10.09/events");
    CHECK(fd >= 0);
    struct buf in;
    buf_init(&in, 64u << 20);
    CHECK(raw_read_until(fd, &in, "event: board", 30));
    /* Two counters, one through each instance, at once. */
    volatile int stop = 0;
    pthread_t t[2];
    struct queue_worker w[2] = {
        {&s[0], &queue_two, &stop, 0, "1", true},
        {&s[1], &queue_two, &stop, 1, "2", true},
    };
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, queue_worker_main, &w[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    fprintf(stderr, "  calls through two instances: %zu\n", queue_two.n_called);
    CHECK_INT(queue_two.n_called, QUEUE_TICKETS);
    CHECK_INT(queue_two.bad, 0);
    struct db *db = NULL;
    CHECK_INT(db_open(s[0].db_url, &db), ERR_OK);
    int64_t n = -1;
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM queue_tickets WHERE state <> $1",
                     DV_TEXT("done")),
              ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM (SELECT ticket_id FROM queue_events"
                     " WHERE action = 'call' GROUP BY ticket_id HAVING"
                     " COUNT(*) <> 1) x"),
              ERR_OK);
    CHECK_INT(n, 0);
    /* None skipped: in the order the calls committed, priority first,
     * then by issue (the id breaks ties within a second). */
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT t.priority, t.queue_at, t.id FROM queue_events"
                       " e JOIN queue_tickets t ON t.id = e.ticket_id WHERE"
                       " e.action = 'call' ORDER BY e.id"),
              ERR_OK);
    int64_t prev[3] = {1, 0, 0};
    size_t k = 0, out_of_order = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        int64_t cur[3] = {db_col_int(st, 0), db_col_int(st, 1),
                          db_col_int(st, 2)};
        if (k > 0 &&
            (cur[0] > prev[0] ||
             (cur[0] == prev[0] &&
              (cur[1] < prev[1] || (cur[1] == prev[1] && cur[2] < prev[2])))))
            out_of_order++;
        memcpy(prev, cur, sizeof(prev));
        k++;
    }
    db_finalize(st);
    db_close(db);
    CHECK_INT(k, QUEUE_TICKETS);
    CHECK_INT(out_of_order, 0);
    /* A call through instance 0 reaches the board held by instance 1
     * (waited for with a generous bound; the watcher looks every 250 ms). */
    struct resp r;
    CHECK_INT(post(c0, "/api/v1/offices/35.10.09/queue/tickets",
                   "{\"group\":\"D\"}", &r),
              201);
    resp_free(&r);
    CHECK_INT(post(c0, "/api/v1/offices/35.10.09/queue/call",
                   "{\"counter\":\"1\"}", &r),
              200);
    resp_free(&r);
    CHECK(raw_read_until(fd, &in, "\"serving\":[{\"ticket\":\"D-001\"", 30));
    close(fd);
    buf_free(&in);
    client_free(c0);
    client_free(c1);
    CHECK_INT(server_halt(&s[1]), 0);
    CHECK_INT(server_stop(&s[0]), 0);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    bin = argv[1];
    crypto_init();
    if (argc > 2 && strcmp(argv[2], "postgresql") == 0) {
        pg_url = getenv("SP_TEST_PG_URL");
        if (!pg_url || !*pg_url) {
            fprintf(stderr, "no SP_TEST_PG_URL: skipped\n");
            return 77;
        }
    }
    RUN(test_kill9_in_a_burst);
    RUN(test_two_instances_unique);
    RUN(test_kill9_group_commit);
    RUN(test_two_instances_group_commit);
    RUN(test_queue_kill9);
    RUN(test_queue_two_instances);
    TEST_END();
}
