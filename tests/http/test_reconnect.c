/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_reconnect.c: PostgreSQL restarted under load.
 *
 *   test_reconnect BIN   (SP_SOURCE_DIR: for scripts/pg-cluster.sh)
 *
 * A throwaway cluster of its own (scripts/pg-cluster.sh; the shared test
 * database is not restarted under the other tests), two serve instances
 * on it, and clients registering applications through both without a
 * pause. The server is stopped (fast: every session cut) in the middle:
 *   - while it is down, every answer is 503 with Retry-After, in JSON for
 *     the API and HTML for pages, and comes at once (no request hangs:
 *     a request the client gives up on after 30 s counts as hung);
 *     /metrics still answers and counts the database as unavailable;
 *   - it is started again: both instances serve again by themselves
 *     (their connections are opened anew), within a generous bound;
 *   - every registration answered 201, before, during or after, is in the
 *     database with its first event; numbers are unique; no answer was
 *     anything but 201 or 503.
 * Skipped (77) when the PostgreSQL server binaries cannot be had.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/crypto.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

#define CLIENTS 4
#define MAX_ACKED 20000

static const char *bin;
static char cluster[128];
static char pg_script[512];
static char key[64];

struct tally {
    pthread_mutex_t lock;
    char regno[MAX_ACKED][24];
    size_t n;         /* 201 answers */
    long unavailable; /* 503 answers */
    long no_retry;    /* 503 without Retry-After */
    long other;       /* anything else */
    long hung;        /* no answer within the client's 30 s */
};

static struct tally tally = {.lock = PTHREAD_MUTEX_INITIALIZER};

struct worker {
    struct server *srv;
    volatile int *stop;
    int id;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct client *c = client_new(w->srv);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    for (int i = 0; !*w->stop && i < 100000; i++) {
        char js[1024];
        snprintf(js, sizeof(js),
                 "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                 "\"citizen\":{\"nik\":\"351009%02d01%02d%04d\","
                 "\"name\":\"Warga %d-%d\",\"phone\":\"0812345%05d\"},"
                 "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                 "\"PENGANTAR_DESA\"]}",
                 1 + i % 28, 50 + w->id, 1 + i % 9999, w->id, i, i % 100000);
        struct resp r;
        bool sent = client_req(c, "POST", "/api/v1/applications", js,
                               "application/json", auth, &r);
        pthread_mutex_lock(&tally.lock);
        if (!sent) {
            tally.hung++;
        } else if (r.status == 201) {
            json_t *j = json_loads(buf_cstr(&r.body), 0, NULL);
            const char *no =
                json_string_value(json_object_get(j, "registration_no"));
            if (no && tally.n < MAX_ACKED)
                snprintf(tally.regno[tally.n++], 24, "%s", no);
            json_decref(j);
        } else if (r.status == 503) {
            tally.unavailable++;
            if (!resp_header(&r, "Retry-After"))
                tally.no_retry++;
        } else {
            tally.other++;
            fprintf(stderr, "  unexpected %ld %s\n", r.status,
                    buf_cstr(&r.body));
        }
        pthread_mutex_unlock(&tally.lock);
        resp_free(&r);
        if (sent && r.status == 503)
            usleep(20 * 1000); /* as a client told to retry would */
    }
    client_free(c);
    return NULL;
}

static int pg(const char *what)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "'%s' %s '%s' >/dev/null 2>&1", pg_script, what,
             cluster);
    return system(cmd);
}

static long acked(void)
{
    pthread_mutex_lock(&tally.lock);
    long n = (long)tally.n;
    pthread_mutex_unlock(&tally.lock);
    return n;
}

static long unavailable(void)
{
    pthread_mutex_lock(&tally.lock);
    long n = tally.unavailable;
    pthread_mutex_unlock(&tally.lock);
    return n;
}

/* GET path from s with header (may be NULL): the status; body in out. */
static long get(struct server *s, const char *path, const char *header,
                struct buf *out)
{
    struct client *c = client_new(s);
    struct resp r;
    long st = -1;
    if (client_req(c, "GET", path, NULL, NULL, header, &r)) {
        st = r.status;
        buf_reset(out);
        buf_puts(out, buf_cstr(&r.body));
        if (st == 503)
            CHECK(resp_header(&r, "Retry-After") != NULL);
    }
    resp_free(&r);
    client_free(c);
    return st;
}

static char pg_url[256];

static void test_restart_under_load(void)
{
    const char *url = pg_url;
    struct server s[2];
    CHECK(server_init(&s[0], bin, url));
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add loket --role front_office "
             "--office 35.10.09 --password-stdin --db '%s' >/dev/null 2>&1",
             bin, url);
    CHECK_INT(system(cmd), 0);
    struct buf out;
    buf_init(&out, 1 << 20);
    const char *args[] = {"apikey", "create", "--user", "loket", NULL};
    CHECK_INT(server_cli(&s[0], &out, args), 0);
    snprintf(key, sizeof(key), "%.51s", buf_cstr(&out));
    s[1] = s[0];
    setenv("SATUPINTU_JOBS_INTERVAL", "1", 1);
    CHECK(server_serve(&s[0], NULL));
    CHECK(server_serve(&s[1], NULL));

    volatile int stop = 0;
    pthread_t tid[CLIENTS];
    struct worker w[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
        w[i] = (struct worker){&s[i % 2], &stop, i};
        pthread_create(&tid[i], NULL, worker_main, &w[i]);
    }
    for (int i = 0; i < 300 && acked() < 20; i++)
        usleep(50 * 1000);
    long before = acked();
    fprintf(stderr, "  registered before the restart: %ld\n", before);
    CHECK(before >= 20);

    /* Down. */
    CHECK_INT(pg("pause"), 0);
    for (int i = 0; i < 600 && unavailable() < 8; i++)
        usleep(50 * 1000);
    CHECK(unavailable() >= 8);
    /* A page and the API while it is down: 503 in their own format. */
    CHECK_INT(get(&s[0], "/offices", NULL, &out), 503);
    CHECK_CONTAINS(buf_cstr(&out), "<html");
    CHECK_INT(get(&s[1], "/api/v1/offices", NULL, &out), 503);
    CHECK_CONTAINS(buf_cstr(&out), "\"code\":\"database_unavailable\"");
    CHECK_INT(get(&s[0], "/healthz", NULL, &out), 503);
    CHECK_INT(get(&s[0], "/metrics", NULL, &out), 200);
    CHECK_CONTAINS(buf_cstr(&out), "satupintu_db_unavailable_total ");
    CHECK_NOT_CONTAINS(buf_cstr(&out), "satupintu_db_unavailable_total 0\n");

    /* Up again: both instances serve again by themselves. */
    CHECK_INT(pg("resume"), 0);
    long at_resume = acked();
    bool back[2] = {false, false};
    for (int i = 0; i < 1200 && !(back[0] && back[1]); i++) {
        for (int k = 0; k < 2; k++)
            back[k] =
                back[k] || get(&s[k], "/api/v1/offices", NULL, &out) == 200;
        if (!(back[0] && back[1]))
            usleep(50 * 1000);
    }
    CHECK(back[0]);
    CHECK(back[1]);
    for (int i = 0; i < 600 && acked() < at_resume + 20; i++)
        usleep(50 * 1000);
    stop = 1;
    for (int i = 0; i < CLIENTS; i++)
        pthread_join(tid[i], NULL);
    fprintf(stderr,
            "  201: %zu (%ld after the restart), 503: %ld, other: %ld, "
            "hung: %ld\n",
            tally.n, (long)tally.n - at_resume, tally.unavailable, tally.other,
            tally.hung);
    CHECK((long)tally.n >= at_resume + 20);
    CHECK_INT(tally.other, 0);
    CHECK_INT(tally.hung, 0);
    CHECK_INT(tally.no_retry, 0);

    /* Nothing acknowledged is lost; numbers are unique. */
    struct db *db = NULL;
    CHECK_INT(db_open(url, &db), ERR_OK);
    size_t missing = 0;
    for (size_t i = 0; db && i < tally.n; i++) {
        int64_t n = 0;
        if (db_int(db, &n,
                   "SELECT COUNT(*) FROM applications a JOIN"
                   " application_events e ON e.application_id = a.id AND"
                   " e.action = 'submit' WHERE a.regno = $1",
                   DV_TEXT(tally.regno[i])) != ERR_OK ||
            n != 1) {
            fprintf(stderr, "  acknowledged %s is missing\n", tally.regno[i]);
            missing++;
        }
    }
    CHECK_INT(missing, 0);
    int64_t dup = -1;
    if (db)
        CHECK_INT(db_int(db, &dup,
                         "SELECT COUNT(*) - COUNT(DISTINCT regno) FROM"
                         " applications WHERE id > $1",
                         DV_INT(0)),
                  ERR_OK);
    CHECK_INT(dup, 0);
    db_close(db);
    /* The jobs reconnected too: they ran after the restart. */
    CHECK_INT(get(&s[0], "/metrics", NULL, &out), 200);
    CHECK_CONTAINS(buf_cstr(&out), "satupintu_jobs_runs_total{result=\"ok\"}");
    buf_free(&out);
    CHECK_INT(server_halt(&s[1]), 0);
    CHECK_INT(server_stop(&s[0]), 0);
    unsetenv("SATUPINTU_JOBS_INTERVAL");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    bin = argv[1];
    crypto_init();
    const char *src = getenv("SP_SOURCE_DIR");
    if (!src || !*src) {
        fprintf(stderr, "no SP_SOURCE_DIR\n");
        return 2;
    }
    snprintf(pg_script, sizeof(pg_script), "%s/scripts/pg-cluster.sh", src);
    char tmpl[] = "/tmp/sp-pgr.XXXXXX";
    if (!mkdtemp(tmpl))
        return 2;
    rmdir(tmpl); /* pg-cluster.sh makes it, as the cluster's owner */
    snprintf(cluster, sizeof(cluster), "%s", tmpl);
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "'%s' start '%s' 2>/dev/null", pg_script,
             cluster);
    FILE *p = popen(cmd, "r");
    char url[256] = "";
    if (p) {
        if (!fgets(url, sizeof(url), p))
            url[0] = '\0';
        pclose(p);
    }
    url[strcspn(url, "\n")] = '\0';
    if (!url[0]) {
        fprintf(stderr, "no PostgreSQL cluster could be started: skipped\n");
        return 77;
    }
    snprintf(pg_url, sizeof(pg_url), "%s", url);
    RUN(test_restart_under_load);
    pg("stop");
    TEST_END();
}
