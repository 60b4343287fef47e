/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_ops.c: backup, restore and moving between databases, and the
 * schema guard (docs/OPERATIONS.md).
 *
 *   test_ops BIN              SQLite: the schema guard; a backup taken
 *                             while serve registers applications; the
 *                             restore drill (the backup restored into a
 *                             fresh file, every table compared; serving
 *                             it, tracking and the next number); copy
 *                             refusing a target that is not empty
 *   test_ops BIN postgresql   SQLite -> PostgreSQL -> SQLite with every
 *                             table compared, the next registration
 *                             number and id on PostgreSQL, a second
 *                             copy refused; backup explains pg_dump
 *                             ($SP_TEST_PG_URL; skipped without it)
 *
 * The data is a generated regency (bench/gen.c as $SP_GEN) plus
 * applications registered through the API. Two databases are "the same"
 * when every table has the same rows and the same order-independent
 * checksum (store/tables.h), read through the library, not the CLI
 * under test.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "client.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/tables.h"
#include "test.h"

static const char *bin;
static const char *pg_url; /* NULL: the SQLite part */
static char key[64];       /* a front-office key of 35.10.09 */

/* Run argv (NULL-terminated, argv[0] the program) with stdout and stderr
 * into out (may be NULL); the exit status. */
static int run(const char *const *argv, struct buf *out)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        char *args[32];
        size_t n = 0;
        for (; argv[n] && n < 31; n++)
            args[n] = strdup(argv[n]);
        args[n] = NULL;
        execv(args[0], args);
        _exit(127);
    }
    close(fds[1]);
    char chunk[4096];
    ssize_t n;
    while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
        if (out)
            buf_append(out, chunk, (size_t)n);
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* Every table of the database at url: "name rows checksum" lines. */
static void fingerprint(const char *url, struct buf *out)
{
    buf_reset(out);
    struct db *db = NULL;
    CHECK_INT(db_open(url, &db), ERR_OK);
    if (!db)
        return;
    struct arena *a = arena_new();
    struct table_set set = {0};
    CHECK_INT(tables_snapshot_begin(db), ERR_OK);
    CHECK_INT(tables_list(db, a, &set), ERR_OK);
    /* Sorted by name: the order of dependencies may differ by driver. */
    for (size_t i = 0; i < set.n; i++)
        for (size_t k = i + 1; k < set.n; k++)
            if (strcmp(set.items[k].name, set.items[i].name) < 0) {
                struct table_info t = set.items[i];
                set.items[i] = set.items[k];
                set.items[k] = t;
            }
    for (size_t i = 0; i < set.n; i++) {
        struct table_sum s = {0};
        CHECK_INT(tables_sum(db, &set.items[i], &s), ERR_OK);
        buf_printf(out, "%s %lld %016llx\n", set.items[i].name,
                   (long long)s.rows, (unsigned long long)s.sum);
    }
    tables_snapshot_end(db);
    arena_free(a);
    db_close(db);
}

static int64_t count_of_table(const char *url, const char *sql)
{
    struct db *db = NULL;
    int64_t n = -1;
    if (db_open(url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &n, sql, DV_INT(0)) != ERR_OK)
        n = -1;
    db_close(db);
    return n;
}

/* A front-office user of 35.10.09 with an API key (into key). */
static bool make_key(struct server *s)
{
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
    return st == 0 && strncmp(key, "sp_", 3) == 0;
}

/* Register one application at 35.10.09; its number and PIN. */
static bool register_one(struct client *c, int i, char regno[32], char pin[16])
{
    char js[1024], auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    snprintf(js, sizeof(js),
             "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
             "\"citizen\":{\"nik\":\"351009%02d0190%04d\","
             "\"name\":\"Warga %d\",\"phone\":\"081234500000\"},"
             "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_"
             "DESA\"]}",
             1 + i % 28, 1 + i % 9999, i);
    struct resp r;
    bool ok = client_req(c, "POST", "/api/v1/applications", js,
                         "application/json", auth, &r) &&
              r.status == 201;
    if (ok) {
        json_t *j = json_loads(buf_cstr(&r.body), 0, NULL);
        snprintf(regno, 32, "%s",
                 json_string_value(json_object_get(j, "registration_no")));
        snprintf(pin, 16, "%s", json_string_value(json_object_get(j, "pin")));
        json_decref(j);
    } else {
        fprintf(stderr, "  register: %ld %s\n", r.status, buf_cstr(&r.body));
    }
    resp_free(&r);
    return ok;
}

/* The serial of a registration number YY-OOO-SSSSS-C. */
static long serial_of(const char *regno)
{
    const char *p = strchr(regno, '-');
    p = p ? strchr(p + 1, '-') : NULL;
    return p ? strtol(p + 1, NULL, 10) : -1;
}

/* ---- the schema guard --------------------------------------------------- */

static void test_newer_schema_refused(void)
{
    struct server s;
    CHECK(server_init(&s, bin, NULL));
    struct db *db = NULL;
    CHECK_INT(db_open(s.db_url, &db), ERR_OK);
    if (db) {
        CHECK_INT(db_run(db, NULL,
                         "INSERT INTO schema_migrations (version, applied_at)"
                         " VALUES ($1, $2)",
                         DV_INT(migrate_latest() + 1), DV_INT(0)),
                  ERR_OK);
        db_close(db);
    }
    char want[160];
    snprintf(want, sizeof(want),
             "the database schema is at version %d, newer than this program "
             "knows (%d)",
             migrate_latest() + 1, migrate_latest());
    const char *cmds[][4] = {
        {"serve", "--listen", "127.0.0.1:0", NULL},
        {"init", NULL},
        {"migrate", NULL},
        {"user", "list", NULL},
        {"backup", "--to", "/nonexistent/never-written.db", NULL},
    };
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        const char *argv[8] = {bin};
        size_t n = 1;
        for (size_t k = 0; cmds[i][k]; k++)
            argv[n++] = cmds[i][k];
        argv[n++] = "--db";
        argv[n++] = s.db_url;
        argv[n] = NULL;
        struct buf out;
        buf_init(&out, 1 << 20);
        CHECK_INT(run(argv, &out), 1);
        CHECK_CONTAINS(buf_cstr(&out), want);
        CHECK_NOT_CONTAINS(buf_cstr(&out), "listening on");
        buf_free(&out);
    }
    /* Nothing was changed: the newer version is still the last. */
    CHECK_INT(count_of_table(s.db_url, "SELECT MAX(version) FROM "
                                       "schema_migrations WHERE $1 = 0"),
              migrate_latest() + 1);
    server_stop(&s); /* never served: removes its directory */
}

static void test_older_schema_and_migrate_to(void)
{
    char dir[] = "/tmp/sp-ops-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char url[128];
    snprintf(url, sizeof(url), "sqlite:%s/old.db", dir);
    const char *to3[] = {bin, "migrate", "--to", "3", "--db", url, NULL};
    struct buf out;
    buf_init(&out, 1 << 20);
    CHECK_INT(run(to3, &out), 0);
    CHECK_CONTAINS(buf_cstr(&out), "Schema at version 3");
    buf_reset(&out);
    const char *serve[] = {bin,    "serve", "--listen", "127.0.0.1:0",
                           "--db", url,     NULL};
    CHECK_INT(run(serve, &out), 1);
    char want[128];
    snprintf(want, sizeof(want),
             "the database schema is at version 3, this program needs %d",
             migrate_latest());
    CHECK_CONTAINS(buf_cstr(&out), want);
    buf_reset(&out);
    const char *bad[] = {bin, "migrate", "--to", "0", "--db", url, NULL};
    CHECK_INT(run(bad, &out), 2);
    buf_reset(&out);
    const char *up[] = {bin, "migrate", "--db", url, NULL};
    CHECK_INT(run(up, &out), 0);
    snprintf(want, sizeof(want), "Schema at version %d", migrate_latest());
    CHECK_CONTAINS(buf_cstr(&out), want);
    buf_free(&out);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

/* ---- backup while serving, and the restore drill ------------------------ */

struct burst {
    struct server *srv;
    volatile int *stop;
    int registered;
};

static void *burst_main(void *arg)
{
    struct burst *b = arg;
    struct client *c = client_new(b->srv);
    for (int i = 0; !*b->stop && i < 5000; i++) {
        char no[32], pin[16];
        if (register_one(c, 1000 + i, no, pin))
            b->registered++;
    }
    client_free(c);
    return NULL;
}

/* A generated regency with an API key, served. */
static bool regency(struct server *s, const char *db_url)
{
    if (!server_init(s, bin, db_url))
        return false;
    const char *gen = getenv("SP_GEN");
    if (!gen || !*gen) {
        fprintf(stderr, "no SP_GEN\n");
        return false;
    }
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "%s --n 1500 --seed 5 '%s' >/dev/null", gen,
             s->db_url);
    if (system(cmd) != 0)
        return false;
    const char *rebuild[] = {"measures", "rebuild", NULL};
    return server_cli(s, NULL, rebuild) == 0 && make_key(s);
}

static void test_backup_while_serving_and_restore(void)
{
    struct server s;
    CHECK(regency(&s, NULL));
    CHECK(server_serve(&s, NULL));
    struct client *c = client_new(&s);
    char early_no[32] = "", early_pin[16] = "";
    CHECK(register_one(c, 1, early_no, early_pin));

    /* A backup in the middle of a burst of registrations. */
    int64_t before = count_of_table(s.db_url, "SELECT COUNT(*) FROM "
                                              "applications WHERE $1 = 0");
    volatile int stop = 0;
    struct burst b = {&s, &stop, 0};
    pthread_t tid;
    pthread_create(&tid, NULL, burst_main, &b);
    for (int i = 0; i < 200 && b.registered < 5; i++)
        usleep(20 * 1000);
    char during[256], quiet[256];
    snprintf(during, sizeof(during), "%s/during.db", s.dir);
    snprintf(quiet, sizeof(quiet), "%s/quiet.db", s.dir);
    const char *bk[] = {bin, "backup", "--to", during, "--db", s.db_url, NULL};
    struct buf out;
    buf_init(&out, 1 << 20);
    CHECK_INT(run(bk, &out), 0);
    stop = 1;
    pthread_join(tid, NULL);
    fprintf(stderr, "  registered during the backup's burst: %d\n",
            b.registered);
    CHECK(b.registered >= 5);
    CHECK_CONTAINS(buf_cstr(&out), "integrity check: ok");
    CHECK_CONTAINS(buf_cstr(&out), "applications");
    struct stat st;
    CHECK_INT(stat(during, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    char sidecar[300];
    snprintf(sidecar, sizeof(sidecar), "%s-wal", during);
    CHECK(access(sidecar, F_OK) != 0); /* one self-contained file */
    char url_during[300];
    snprintf(url_during, sizeof(url_during), "sqlite:%s", during);
    int64_t in_backup = count_of_table(
        url_during, "SELECT COUNT(*) FROM applications WHERE $1 = 0");
    int64_t after = count_of_table(s.db_url, "SELECT COUNT(*) FROM "
                                             "applications WHERE $1 = 0");
    CHECK(in_backup >= before && in_backup <= after);
    /* Consistent: every application in it has its events and counter. */
    CHECK_INT(count_of_table(url_during,
                             "SELECT COUNT(*) FROM applications a WHERE NOT"
                             " EXISTS (SELECT 1 FROM application_events e"
                             " WHERE e.application_id = a.id) AND $1 = 0"),
              0);

    /* Quiet now: a backup is the database, table for table. */
    buf_reset(&out);
    const char *bk2[] = {bin, "backup", "--to", quiet, "--db", s.db_url, NULL};
    CHECK_INT(run(bk2, &out), 0);
    struct buf live, copy;
    buf_init(&live, 1 << 20);
    buf_init(&copy, 1 << 20);
    char url_quiet[300];
    snprintf(url_quiet, sizeof(url_quiet), "sqlite:%s", quiet);
    fingerprint(s.db_url, &live);
    fingerprint(url_quiet, &copy);
    CHECK(live.len > 0);
    CHECK_STR(buf_cstr(&copy), buf_cstr(&live));
    /* Never over an existing file. */
    buf_reset(&out);
    CHECK_INT(run(bk2, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "never overwrites");
    fingerprint(url_quiet, &copy);
    CHECK_STR(buf_cstr(&copy), buf_cstr(&live));

    /* The restore drill: the backup into a fresh file, as OPERATIONS.md
     * says (a copy of the file), and with satupintu copy. */
    char restored[96], cmd[1024], url_restored[112], url_copied[112];
    snprintf(restored, sizeof(restored), "%s/restored.db", s.dir);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", quiet, restored);
    CHECK_INT(system(cmd), 0);
    snprintf(url_restored, sizeof(url_restored), "sqlite:%s", restored);
    snprintf(url_copied, sizeof(url_copied), "sqlite:%s/copied.db", s.dir);
    const char *cp[] = {bin,    "copy",     "--from", url_quiet,
                        "--to", url_copied, NULL};
    buf_reset(&out);
    CHECK_INT(run(cp, &out), 0);
    CHECK_CONTAINS(buf_cstr(&out), "rows and checksum match");
    fingerprint(url_restored, &copy);
    CHECK_STR(buf_cstr(&copy), buf_cstr(&live));
    fingerprint(url_copied, &copy);
    CHECK_STR(buf_cstr(&copy), buf_cstr(&live));
    /* The CLI's own comparison says the same. */
    struct buf info1, info2;
    buf_init(&info1, 1 << 20);
    buf_init(&info2, 1 << 20);
    const char *i1[] = {bin, "info", "--tables", "--db", s.db_url, NULL};
    const char *i2[] = {bin, "info", "--tables", "--db", url_copied, NULL};
    CHECK_INT(run(i1, &info1), 0);
    CHECK_INT(run(i2, &info2), 0);
    CHECK_CONTAINS(buf_cstr(&info1), "Regency 35.10 Kabupaten Banyuwangi");
    const char *t1 = strstr(buf_cstr(&info1), "\n  ");
    const char *t2 = strstr(buf_cstr(&info2), "\n  ");
    CHECK(t1 && t2);
    if (t1 && t2)
        CHECK_STR(t2, t1);
    buf_free(&info1);
    buf_free(&info2);
    CHECK_INT(server_halt(&s), 0);
    client_free(c);

    /* Copy refuses a target that is not empty, and leaves it alone. */
    buf_reset(&out);
    const char *again[] = {bin,    "copy",     "--from", s.db_url,
                           "--to", url_copied, NULL};
    CHECK_INT(run(again, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "the target is not empty");
    fingerprint(url_copied, &copy);
    CHECK_STR(buf_cstr(&copy), buf_cstr(&live));
    const char *same[] = {bin,    "copy",   "--from", s.db_url,
                          "--to", s.db_url, NULL};
    CHECK_INT(run(same, NULL), 2);

    /* The restored file serves: tracking what was acknowledged before the
     * backup, and the next registration number after the last. */
    struct server r = s;
    snprintf(r.db_url, sizeof(r.db_url), "%s", url_restored);
    CHECK(server_serve(&r, NULL));
    c = client_new(&r);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", early_no,
             early_pin);
    struct resp tr;
    CHECK(client_get(c, path, &tr));
    CHECK_INT(tr.status, 200);
    resp_free(&tr);
    int64_t counter = count_of_table(
        url_restored, "SELECT MAX(value) FROM counters WHERE name LIKE "
                      "'regno:%' AND name = (SELECT 'regno:' || id || ':' ||"
                      " strftime('%Y', 'now') FROM offices WHERE code ="
                      " '35.10.09') AND $1 = 0");
    char no[32], pin[16];
    CHECK(register_one(c, 9001, no, pin));
    CHECK_INT(serial_of(no), counter + 1);
    client_free(c);
    CHECK_INT(server_halt(&r), 0);
    buf_free(&out);
    buf_free(&live);
    buf_free(&copy);
    server_stop(&s); /* halted above: removes its directory */
}

/* ---- SQLite -> PostgreSQL -> SQLite ------------------------------------- */

static void test_copy_through_postgresql(void)
{
    struct server s;
    CHECK(regency(&s, NULL));
    CHECK(server_serve(&s, NULL));
    struct client *c = client_new(&s);
    char no[32], pin[16];
    for (int i = 0; i < 5; i++)
        CHECK(register_one(c, 500 + i, no, pin));
    client_free(c);
    CHECK_INT(server_halt(&s), 0);

    struct db *db = NULL;
    CHECK_INT(db_open(pg_url, &db), ERR_OK);
    if (db) {
        CHECK_INT(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA "
                              "public"),
                  ERR_OK);
        db_close(db);
    }
    struct buf out, lite, pg, back;
    buf_init(&out, 1 << 20);
    buf_init(&lite, 1 << 20);
    buf_init(&pg, 1 << 20);
    buf_init(&back, 1 << 20);
    const char *to_pg[] = {bin,    "copy", "--from", s.db_url,
                           "--to", pg_url, NULL};
    CHECK_INT(run(to_pg, &out), 0);
    CHECK_CONTAINS(buf_cstr(&out), "to PostgreSQL (PostgreSQL)");
    CHECK_NOT_CONTAINS(buf_cstr(&out), pg_url); /* never the URL */
    fingerprint(s.db_url, &lite);
    fingerprint(pg_url, &pg);
    CHECK(lite.len > 0);
    CHECK_STR(buf_cstr(&pg), buf_cstr(&lite));

    char url_back[112];
    snprintf(url_back, sizeof(url_back), "sqlite:%s/back.db", s.dir);
    const char *to_lite[] = {bin,    "copy",   "--from", pg_url,
                             "--to", url_back, NULL};
    buf_reset(&out);
    CHECK_INT(run(to_lite, &out), 0);
    fingerprint(url_back, &back);
    CHECK_STR(buf_cstr(&back), buf_cstr(&lite));

    /* A second copy into the PostgreSQL database is refused. */
    buf_reset(&out);
    CHECK_INT(run(to_pg, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "the target is not empty");
    fingerprint(pg_url, &pg);
    CHECK_STR(buf_cstr(&pg), buf_cstr(&lite));

    /* Serving the PostgreSQL copy: the next id and the next serial. */
    struct server p = s;
    snprintf(p.db_url, sizeof(p.db_url), "%s", pg_url);
    int64_t max_id = count_of_table(pg_url, "SELECT MAX(id) FROM "
                                            "applications WHERE $1 = 0");
    int64_t max_event = count_of_table(
        pg_url, "SELECT MAX(id) FROM application_events WHERE $1 = 0");
    int serial_before = (int)serial_of(no);
    CHECK(server_serve(&p, NULL));
    c = client_new(&p);
    char no2[32], pin2[16];
    CHECK(register_one(c, 777, no2, pin2));
    CHECK_INT(serial_of(no2), serial_before + 1);
    struct db *pdb = NULL;
    CHECK_INT(db_open(pg_url, &pdb), ERR_OK);
    if (pdb) {
        int64_t id = 0, ev = 0;
        CHECK_INT(db_int(pdb, &id,
                         "SELECT id FROM applications WHERE regno = $1",
                         DV_TEXT(no2)),
                  ERR_OK);
        CHECK_INT(id, max_id + 1);
        CHECK_INT(db_int(pdb, &ev,
                         "SELECT MIN(e.id) FROM application_events e JOIN"
                         " applications a ON a.id = e.application_id"
                         " WHERE a.regno = $1",
                         DV_TEXT(no2)),
                  ERR_OK);
        CHECK_INT(ev, max_event + 1);
        db_close(pdb);
    }
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", no, pin);
    struct resp tr;
    CHECK(client_get(c, path, &tr));
    CHECK_INT(tr.status, 200);
    resp_free(&tr);
    client_free(c);
    CHECK_INT(server_halt(&p), 0);

    /* backup on PostgreSQL explains pg_dump and fails. */
    buf_reset(&out);
    const char *bk[] = {bin,    "backup", "--to", "/tmp/never.db",
                        "--db", pg_url,   NULL};
    CHECK_INT(run(bk, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "pg_dump --format=custom");
    CHECK(access("/tmp/never.db", F_OK) != 0);
    buf_free(&out);
    buf_free(&lite);
    buf_free(&pg);
    buf_free(&back);
    server_stop(&s); /* halted above: removes its directory */
}

/* ---- a second regency, in a database of its own ------------------------ */

/* GET path on s: the status, the body into out. */
static long get_json(struct server *s, const char *path, const char *header,
                     struct buf *out)
{
    struct client *c = client_new(s);
    struct resp r;
    long status = -1;
    if (client_req(c, "GET", path, NULL, NULL, header, &r)) {
        status = r.status;
        buf_reset(out);
        buf_puts(out, buf_cstr(&r.body));
    }
    resp_free(&r);
    client_free(c);
    return status;
}

/* True when every office code in an /api/v1/offices answer starts with
 * prefix or is an agency (no dot); *n = offices. */
static bool offices_of(const struct buf *body, const char *prefix, size_t *n)
{
    json_t *j = json_loads(buf_cstr(body), 0, NULL);
    json_t *items = json_object_get(j, "items");
    bool all = json_array_size(items) > 0;
    *n = json_array_size(items);
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
    {
        const char *code = json_string_value(json_object_get(o, "code"));
        if (!code ||
            (strchr(code, '.') && strncmp(code, prefix, strlen(prefix)) != 0))
            all = false;
    }
    json_decref(j);
    return all;
}

static void test_second_regency_side_by_side(void)
{
    const char *srcdir = getenv("SP_SOURCE_DIR");
    CHECK(srcdir && *srcdir);
    if (!srcdir)
        return;
    char settings[512];
    snprintf(settings, sizeof(settings), "%s/tests/http/regency-3509.json",
             srcdir);
    /* Banyuwangi, as every test makes it. */
    struct server bwi;
    CHECK(server_init(&bwi, bin, NULL));
    /* Jember: its own database, initialised with its own settings. */
    struct server jbr;
    memset(&jbr, 0, sizeof(jbr));
    jbr.bin = bin;
    snprintf(jbr.dir, sizeof(jbr.dir), "/tmp/sp-jember-XXXXXX");
    CHECK(mkdtemp(jbr.dir) != NULL);
    snprintf(jbr.db_url, sizeof(jbr.db_url), "sqlite:%s/jember.db", jbr.dir);
    const char *init[] = {bin,    "init",     "--regency", settings,
                          "--db", jbr.db_url, NULL};
    struct buf out;
    buf_init(&out, 1 << 20);
    CHECK_INT(run(init, &out), 0);
    CHECK_CONTAINS(buf_cstr(&out), "Regency 35.09 Kabupaten Jember");
    CHECK_CONTAINS(buf_cstr(&out), "one-time password");
    /* The national villages are loaded (the file this test names). */
    CHECK_INT(count_of_table(jbr.db_url, "SELECT COUNT(*) FROM regions WHERE"
                                         " level = 'village' AND $1 = 0"),
              83762);
    /* One database serves one regency: Banyuwangi's settings are refused
     * here, and Jember's in Banyuwangi's database. */
    buf_reset(&out);
    const char *other[] = {bin, "init", "--db", jbr.db_url, NULL};
    CHECK_INT(run(other, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "this database belongs to regency 35.09");
    buf_reset(&out);
    const char *into_bwi[] = {bin,    "init",     "--regency", settings,
                              "--db", bwi.db_url, NULL};
    CHECK_INT(run(into_bwi, &out), 1);
    CHECK_CONTAINS(buf_cstr(&out), "this database belongs to regency 35.10");
    buf_reset(&out);
    const char *info[] = {bin, "info", "--db", jbr.db_url, NULL};
    CHECK_INT(run(info, &out), 0);
    CHECK_CONTAINS(buf_cstr(&out), "Regency 35.09 Kabupaten Jember");

    /* Both served side by side. */
    CHECK(server_serve(&bwi, NULL));
    CHECK(server_serve(&jbr, NULL));
    struct buf body;
    buf_init(&body, 1 << 22);
    CHECK_INT(get_json(&bwi, "/healthz", NULL, &body), 200);
    CHECK_CONTAINS(buf_cstr(&body), "\"regency\":\"35.10\"");
    CHECK_INT(get_json(&jbr, "/healthz", NULL, &body), 200);
    CHECK_CONTAINS(buf_cstr(&body), "\"regency\":\"35.09\"");
    size_t n_bwi = 0, n_jbr = 0;
    CHECK_INT(get_json(&jbr, "/api/v1/offices?level=all", NULL, &body), 200);
    CHECK(offices_of(&body, "35.09.", &n_jbr));
    CHECK_INT(get_json(&bwi, "/api/v1/offices?level=all", NULL, &body), 200);
    CHECK(offices_of(&body, "35.10.", &n_bwi));
    /* 31 kecamatan and their villages, plus 3 agencies. */
    CHECK_INT(n_jbr, 31 + 248 + 3);
    CHECK_INT(n_bwi, 245);

    /* Staff of each: intake at their own offices; a key of one is
     * unknown to the other. */
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add loket.kaliwates --role "
             "front_office --office 35.09.19 --password-stdin --db '%s' "
             ">/dev/null 2>&1",
             bin, jbr.db_url);
    CHECK_INT(system(cmd), 0);
    buf_reset(&out);
    const char *mk[] = {
        bin,    "apikey",   "create", "--user", "loket.kaliwates",
        "--db", jbr.db_url, NULL};
    CHECK_INT(run(mk, &out), 0);
    char jkey[64] = "";
    const char *k = strstr(buf_cstr(&out), "sp_");
    if (k)
        snprintf(jkey, sizeof(jkey), "%.51s", k);
    CHECK(make_key(&bwi));
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", jkey);
    struct client *c = client_new(&jbr);
    struct resp r;
    CHECK(client_req(c, "POST", "/api/v1/applications",
                     "{\"office\":\"35.09.19\",\"service\":\"DOMISILI\","
                     "\"citizen\":{\"nik\":\"3509194101900003\","
                     "\"name\":\"Warga Jember\",\"phone\":\"081234500001\"},"
                     "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                     "\"PENGANTAR_DESA\"]}",
                     "application/json", auth, &r));
    CHECK_INT(r.status, 201);
    resp_free(&r);
    /* A Banyuwangi office is unknown in Jember's database. */
    CHECK(client_req(c, "POST", "/api/v1/applications",
                     "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                     "\"citizen\":{\"nik\":\"3510094101900003\","
                     "\"name\":\"Warga\",\"phone\":\"081234500001\"},"
                     "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                     "\"PENGANTAR_DESA\"]}",
                     "application/json", auth, &r));
    CHECK(r.status == 403 || r.status == 422);
    resp_free(&r);
    client_free(c);
    struct client *cb = client_new(&bwi);
    char no[32], pin[16];
    CHECK(register_one(cb, 3, no, pin));
    CHECK(client_req(cb, "GET", "/api/v1/me", NULL, NULL, auth, &r));
    CHECK_INT(r.status, 401); /* Jember's key means nothing here */
    resp_free(&r);
    client_free(cb);
    CHECK_INT(count_of_table(jbr.db_url,
                             "SELECT COUNT(*) FROM applications WHERE $1 = 0"),
              1);
    buf_free(&out);
    buf_free(&body);
    CHECK_INT(server_stop(&jbr), 0);
    CHECK_INT(server_stop(&bwi), 0);
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
        RUN(test_copy_through_postgresql);
        TEST_END();
    }
    RUN(test_newer_schema_refused);
    RUN(test_older_schema_and_migrate_to);
    RUN(test_backup_while_serving_and_restore);
    RUN(test_second_regency_side_by_side);
    TEST_END();
}
