/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_speed.c: the caches and the group commit seen from outside, with
 * two serve instances on one database (issue 12's rules):
 *
 *   test_speed BIN              SQLite
 *   test_speed BIN postgresql   the same against $SP_TEST_PG_URL
 *
 * - every cached document and record shows a change at the next request,
 *   on the instance that made it and on the other one, whoever made it:
 *   the service standard (a tool writing the database; the CLI's catalogue
 *   import), an office's hours (the administrator on the other instance),
 *   a holiday and an office closure (the administrator; the CLI's calendar
 *   import), an application's status (the workflow on the other
 *   instance), an office's performance figures (an intake);
 * - a group of intakes committed together (SQLite, --commit-delay): one
 *   that fails inside its transaction fails alone, its neighbours are
 *   acknowledged and stored, and it leaves nothing behind.
 */
#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <time.h>
#include <unistd.h>

#include "base/crypto.h"
#include "base/embedded.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

static const char *bin;
static const char *pg_url; /* NULL: SQLite */
static struct server s[2]; /* A and B on one database */
static char key_front[64], key_back[64], key_far[64], key_admin[64];

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s%s "
             "--password-stdin --db '%s' >/dev/null",
             bin, login, role, office ? "--office " : "", office ? office : "",
             s[0].db_url);
    CHECK_INT(system(cmd), 0);
}

static void key_for(const char *login, char out[64])
{
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&s[0], &b, args), 0);
    snprintf(out, 64, "%.51s", buf_cstr(&b));
    buf_free(&b);
}

/* GET path on instance i; the status; the body in r (caller frees). */
static long get(int i, const char *path, struct resp *r)
{
    struct client *c = client_new(&s[i]);
    client_get(c, path, r);
    client_free(c);
    return r->status;
}

static long api(int i, const char *key, const char *method, const char *path,
                const char *json, struct resp *r)
{
    struct client *c = client_new(&s[i]);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    client_req(c, method, path, json, json ? "application/json" : NULL,
               key ? auth : NULL, r);
    client_free(c);
    return r->status;
}

/* A tool (not a serve instance) writes the database directly. */
static void tool_sql(const char *sql, const char *a, const char *b)
{
    struct db *db = NULL;
    CHECK_INT(db_open(s[0].db_url, &db), ERR_OK);
    if (!db)
        return;
    CHECK_INT(db_run(db, NULL, sql, DV_TEXT(a), DV_TEXT(b)), ERR_OK);
    db_close(db);
}

static int64_t tool_int(const char *sql, const char *a)
{
    struct db *db = NULL;
    int64_t v = -1;
    CHECK_INT(db_open(s[0].db_url, &db), ERR_OK);
    if (!db)
        return -1;
    if (db_int(db, &v, sql, DV_TEXT(a)) != ERR_OK)
        v = -1;
    db_close(db);
    return v;
}

/* The promised instant for SKTM at 35.10.09 handed in at `at`, from
 * instance i (the cached office, standard and calendar). */
static char *promise(int i, const char *at)
{
    char path[256];
    snprintf(path, sizeof(path),
             "/api/v1/services/SKTM/promise?office=35.10.09&at=%s", at);
    struct resp r;
    CHECK_INT(get(i, path, &r), 200);
    json_error_t e;
    json_t *j = json_loads(body(&r), 0, &e);
    const char *p = json_string_value(json_object_get(j, "promised_at"));
    char *out = strdup(p ? p : "");
    json_decref(j);
    resp_free(&r);
    return out;
}

/* Read every cached document once on both instances (and again). */
static void warm(void)
{
    static const char *const paths[] = {"/services",
                                        "/services?lang=en",
                                        "/services/SKTM",
                                        "/api/v1/services",
                                        "/api/v1/services/SKTM",
                                        "/offices/35.10.09",
                                        "/api/v1/offices/35.10.09",
                                        "/offices",
                                        "/api/v1/offices",
                                        "/"};
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2; i++)
            for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
                struct resp r;
                CHECK_INT(get(i, paths[k], &r), 200);
                resp_free(&r);
            }
}

static void test_catalogue_everywhere(void)
{
    warm();
    struct resp r;
    CHECK_INT(get(1, "/services/SKTM", &r), 200);
    CHECK_NOT_CONTAINS(body(&r), "Keterangan Uji Cepat");
    resp_free(&r);
    /* A tool renames the current standard in the database. */
    tool_sql("UPDATE service_versions SET name_id = $1 WHERE id = (SELECT"
             " v.id FROM service_versions v JOIN services x ON x.id ="
             " v.service_id AND v.version = x.current_version WHERE x.code"
             " = $2)",
             "Surat Keterangan Uji Cepat", "SKTM");
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/services/SKTM", &r), 200);
        CHECK_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
        CHECK_INT(get(i, "/services", &r), 200);
        CHECK_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
        CHECK_INT(get(i, "/api/v1/services", &r), 200);
        CHECK_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
        CHECK_INT(get(i, "/api/v1/services/SKTM", &r), 200);
        CHECK_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
        CHECK_INT(get(i, "/offices/35.10.09", &r), 200);
        CHECK_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
    }
    /* Taken out of the catalogue by a tool: gone everywhere at once. */
    tool_sql("UPDATE services SET active = 0 WHERE code = $1 OR code = $2",
             "SKTM", "SKTM");
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/services/SKTM", &r), 404);
        resp_free(&r);
        CHECK_INT(get(i, "/services", &r), 200);
        CHECK_NOT_CONTAINS(body(&r), "Surat Keterangan Uji Cepat");
        resp_free(&r);
        CHECK_INT(get(i, "/api/v1/services/SKTM", &r), 404);
        resp_free(&r);
    }
    tool_sql("UPDATE services SET active = 1 WHERE code = $1 OR code = $2",
             "SKTM", "SKTM");
    /* The CLI imports a new service: listed at once on both. */
    const struct embedded_file *f = embedded_find("data/services.json");
    CHECK(f != NULL);
    json_error_t e;
    json_t *cat = f ? json_loadb((const char *)f->data, f->len, 0, &e) : NULL;
    json_t *svc =
        json_deep_copy(json_array_get(json_object_get(cat, "services"), 0));
    json_object_set_new(svc, "code", json_string("UJI-CEPAT"));
    json_object_set_new(json_object_get(svc, "name"), "id",
                        json_string("Layanan Uji Kecepatan"));
    json_t *one =
        json_pack("{s:O,s:[o]}", "categories",
                  json_object_get(cat, "categories"), "services", svc);
    char path[128];
    snprintf(path, sizeof(path), "%s/one.json", s[0].dir);
    CHECK_INT(json_dump_file(one, path, 0), 0);
    json_decref(one);
    json_decref(cat);
    const char *args[] = {"import", "catalogue", path, NULL};
    CHECK_INT(server_cli(&s[0], NULL, args), 0);
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/services", &r), 200);
        CHECK_CONTAINS(body(&r), "Layanan Uji Kecepatan");
        resp_free(&r);
        CHECK_INT(get(i, "/api/v1/services", &r), 200);
        CHECK_CONTAINS(body(&r), "UJI-CEPAT");
        resp_free(&r);
        CHECK_INT(get(i, "/services/UJI-CEPAT", &r), 200);
        resp_free(&r);
    }
}

/* GET path on instance i with an Accept-Encoding header (NULL: none). */
static long get_coded(int i, const char *path, const char *enc, struct resp *r)
{
    struct client *c = client_new(&s[i]);
    char h[128];
    snprintf(h, sizeof(h), "Accept-Encoding: %s", enc ? enc : "");
    client_req(c, "GET", path, NULL, NULL, enc ? h : NULL, r);
    client_free(c);
    return r->status;
}

/* The gzip-coded body of r inflated into out; false if it is not gzip. */
static bool inflate_body(const struct resp *r, struct buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return false;
    z.next_in = (Bytef *)r->body.data;
    z.avail_in = (uInt)r->body.len;
    unsigned char chunk[8192];
    int zr = Z_OK;
    while (zr == Z_OK) {
        z.next_out = chunk;
        z.avail_out = sizeof(chunk);
        zr = inflate(&z, Z_NO_FLUSH);
        buf_append(out, chunk, sizeof(chunk) - z.avail_out);
    }
    inflateEnd(&z);
    return zr == Z_STREAM_END;
}

/* Kept documents answer gzip-coded to clients that accept it (the same
 * bytes, inflated), plain to the others, with Vary either way; a change of
 * the catalogue shows in both codings on both instances. */
static void test_gzip_documents(void)
{
    static const char *const paths[] = {"/api/v1/services", "/services",
                                        "/services/SKTM"};
    for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
        for (int i = 0; i < 2; i++) {
            struct resp plain, coded;
            CHECK_INT(get_coded(i, paths[k], NULL, &plain), 200);
            CHECK_INT(get_coded(i, paths[k], "gzip, deflate, br", &coded), 200);
            const char *ce = resp_header(&coded, "Content-Encoding");
            CHECK(ce && strcmp(ce, "gzip") == 0);
            const char *vary = resp_header(&coded, "Vary");
            CHECK(vary && strcmp(vary, "Accept-Encoding") == 0);
            CHECK(coded.body.len < plain.body.len / 3);
            struct buf back;
            buf_init(&back, 4u << 20);
            CHECK(inflate_body(&coded, &back));
            CHECK_INT(back.len, plain.body.len);
            CHECK(back.len == plain.body.len &&
                  memcmp(back.data, plain.body.data, back.len) == 0);
            buf_free(&back);
            CHECK(resp_header(&plain, "Content-Encoding") == NULL);
            resp_free(&plain);
            resp_free(&coded);
        }
    }
    /* Refused or unknown codings: plain. */
    static const char *const no[] = {"gzip;q=0", "br", "identity",
                                     "*, gzip;q=0"};
    for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++) {
        struct resp r;
        CHECK_INT(get_coded(0, "/api/v1/services", no[k], &r), 200);
        CHECK(resp_header(&r, "Content-Encoding") == NULL);
        CHECK(r.body.len > 0 && r.body.data[0] == '{');
        resp_free(&r);
    }
    /* A tool renames a service: the coded answers show it at once. */
    tool_sql("UPDATE service_versions SET name_id = $1 WHERE id = (SELECT"
             " v.id FROM service_versions v JOIN services x ON x.id ="
             " v.service_id AND v.version = x.current_version WHERE x.code"
             " = $2)",
             "Surat Keterangan Kode Gzip", "SKTM");
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 2; i++) {
            struct resp r;
            CHECK_INT(get_coded(i, "/api/v1/services", "gzip", &r), 200);
            struct buf back;
            buf_init(&back, 4u << 20);
            const char *ce = resp_header(&r, "Content-Encoding");
            if (ce && strcmp(ce, "gzip") == 0)
                CHECK(inflate_body(&r, &back));
            else
                buf_append(&back, r.body.data, r.body.len);
            CHECK_CONTAINS(buf_cstr(&back), "Surat Keterangan Kode Gzip");
            buf_free(&back);
            resp_free(&r);
        }
}

/* The administrator edits an office on A; B shows it. */
static void test_office_everywhere(void)
{
    warm();
    struct client *admin = client_new(&s[0]);
    CHECK_INT(client_login(admin, "atasan", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(admin, "/admin/offices/35.10.09", &r);
    CHECK_INT(r.status, 200);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char *before = promise(1, "2026-03-02T08:00:00%2B07:00"); /* Monday */
    char form[2048];
    snprintf(form, sizeof(form),
             "csrf=%s&name=%s&address=%s&phone=0333-845001"
             "&service_point_since=2026-01-02"
             "&open_1=10:00&close_1=12:30&open_2=07:30&close_2=15:30"
             "&open_3=07:30&close_3=15:30&open_4=07:30&close_4=15:30"
             "&open_5=07:30&close_5=14:00",
             csrf, urlenc("Kantor Kecamatan Genteng"),
             urlenc("Jl. Raya Genteng 1"));
    client_post(admin, "/admin/offices/35.10.09", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_free(admin);
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/offices/35.10.09", &r), 200);
        CHECK_CONTAINS(body(&r), "10.00–12.30");
        CHECK_CONTAINS(body(&r), "0333-845001");
        resp_free(&r);
        CHECK_INT(get(i, "/api/v1/offices/35.10.09", &r), 200);
        CHECK_CONTAINS(body(&r), "\"open\":\"10:00\"");
        resp_free(&r);
    }
    /* The hours move the promise made for a Monday morning hand-in. */
    char *after = promise(1, "2026-03-02T08:00:00%2B07:00");
    CHECK(strcmp(before, after) != 0);
    free(before);
    free(after);
}

/* Holidays and closures from the administrator on A, and from the CLI:
 * B's promised dates follow at once. */
static void test_calendar_everywhere(void)
{
    /* SKTM takes 60 working minutes: 30 on Tuesday, 30 the next working
     * day. */
    const char *at = "2026-10-06T15:00:00%2B07:00"; /* a Tuesday */
    char *p0 = promise(1, at);
    char *p0a = promise(0, at);
    CHECK_STR(p0, p0a);
    struct client *admin = client_new(&s[0]);
    CHECK_INT(client_login(admin, "atasan", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(admin, "/admin/calendar?year=2026", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    snprintf(
        form, sizeof(form),
        "csrf=%s&day=2026-10-07&kind=cuti_bersama&name_id=Uji&name_en=Test",
        csrf);
    client_post(admin, "/admin/calendar", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    char *p1 = promise(1, at);
    CHECK(strcmp(p1, p0) > 0); /* later: a working day fewer */
    char *p1a = promise(0, at);
    CHECK_STR(p1a, p1);
    /* A closure of the office, on A. */
    snprintf(form, sizeof(form), "csrf=%s&day=2026-10-08&reason=Uji", csrf);
    client_post(admin, "/admin/offices/35.10.09/closures", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    char *p2 = promise(1, at);
    CHECK(strcmp(p2, p1) > 0);
    client_free(admin);
    /* The CLI imports a decree with one more day. */
    char path[128];
    snprintf(path, sizeof(path), "%s/decree.csv", s[0].dir);
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp) {
        fputs("date,kind,name_id,name_en\n2026-10-09,cuti_bersama,Uji CLI,"
              "CLI test\n",
              fp);
        fclose(fp);
    }
    const char *args[] = {"import", "calendar", path, NULL};
    CHECK_INT(server_cli(&s[0], NULL, args), 0);
    char *p3 = promise(1, at);
    CHECK(strcmp(p3, p2) > 0);
    char *p3a = promise(0, at);
    CHECK_STR(p3a, p3);
    free(p0);
    free(p0a);
    free(p1);
    free(p1a);
    free(p2);
    free(p3);
    free(p3a);
}

static char regno[32], pin[16];

/* Register one application at 35.10.09 through instance i. */
static long intake(int i, const char *key, int n, char *no, char *pin_out)
{
    char js[1024];
    snprintf(js, sizeof(js),
             "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
             "\"citizen\":{\"nik\":\"351009%02d0190%04d\","
             "\"name\":\"Warga Uji %d\",\"phone\":\"081234567%03d\"},"
             "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_"
             "DESA\"]}",
             1 + n % 28, 1 + n % 9999, n, n % 1000);
    struct resp r;
    long st = api(i, key, "POST", "/api/v1/applications", js, &r);
    if (st == 201) {
        json_error_t e;
        json_t *j = json_loads(body(&r), 0, &e);
        if (no)
            snprintf(no, 32, "%s",
                     json_string_value(json_object_get(j, "registration_no")));
        if (pin_out)
            snprintf(pin_out, 16, "%s",
                     json_string_value(json_object_get(j, "pin")));
        json_decref(j);
    }
    resp_free(&r);
    return st;
}

static const char *track_status(int i)
{
    static char status[32];
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", regno, pin);
    struct resp r;
    CHECK_INT(get(i, path, &r), 200);
    json_error_t e;
    json_t *j = json_loads(body(&r), 0, &e);
    snprintf(status, sizeof(status), "%s",
             json_string_value(json_object_get(j, "status"))
                 ? json_string_value(json_object_get(j, "status"))
                 : "");
    json_decref(j);
    resp_free(&r);
    return status;
}

/* An application's status: acted on through A, tracked through B. */
static void test_status_everywhere(void)
{
    CHECK_INT(intake(0, key_front, 1, regno, pin), 201);
    CHECK_STR(track_status(1), "received");
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", regno);
    struct resp r;
    CHECK_INT(api(0, key_back, "POST", path,
                  "{\"action\":\"step\",\"note\":\"\",\"version\":1}", &r),
              200);
    resp_free(&r);
    CHECK_STR(track_status(1), "verified");
    CHECK_STR(track_status(0), "verified");
    CHECK_INT(api(1, key_back, "POST", path,
                  "{\"action\":\"return\",\"note\":\"KK buram\","
                  "\"version\":2}",
                  &r),
              200);
    resp_free(&r);
    CHECK_STR(track_status(0), "returned");
    /* The office page's performance figures are never kept: with one
     * completed application enough to measure, the page that said "too
     * few" gives a share as soon as the application is completed. */
    tool_sql("UPDATE settings SET value = $1 WHERE name = $2", "1",
             "oversight_min_completed");
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/offices/35.10.09", &r), 200);
        CHECK_CONTAINS(body(&r), "class=\"performance\"");
        CHECK_CONTAINS(body(&r), "terlalu sedikit untuk diukur");
        resp_free(&r);
    }
    CHECK_INT(api(0, key_back, "POST", path,
                  "{\"action\":\"reject\",\"note\":\"Tidak memenuhi\","
                  "\"version\":3}",
                  &r),
              200);
    resp_free(&r);
    CHECK_STR(track_status(1), "rejected");
    for (int i = 0; i < 2; i++) {
        CHECK_INT(get(i, "/offices/35.10.09", &r), 200);
        CHECK_CONTAINS(body(&r), "class=\"performance\"");
        CHECK_NOT_CONTAINS(body(&r), "terlalu sedikit untuk diukur");
        CHECK_CONTAINS(body(&r), "%");
        resp_free(&r);
    }
}

/* ---- Group commit: one failing intake among its neighbours ---------- */

struct shot {
    const char *key;
    int n;
    long status;
    char no[32];
};

static void *shoot(void *arg)
{
    struct shot *x = arg;
    char js[1024];
    const char *office = x->key == key_far ? "35.10.01" : "35.10.09";
    snprintf(js, sizeof(js),
             "{\"office\":\"%s\",\"service\":\"DOMISILI\","
             "\"citizen\":{\"nik\":\"351009%02d0191%04d\","
             "\"name\":\"Tetangga %d\",\"phone\":\"081234568%03d\"},"
             "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_"
             "DESA\"]}",
             office, 1 + x->n % 28, 1 + x->n, x->n, x->n);
    struct resp r;
    x->status = api(0, x->key, "POST", "/api/v1/applications", js, &r);
    if (x->status == 201) {
        json_error_t e;
        json_t *j = json_loads(body(&r), 0, &e);
        snprintf(x->no, sizeof(x->no), "%s",
                 json_string_value(json_object_get(j, "registration_no")));
        json_decref(j);
    } else {
        fprintf(stderr, "  intake %d: %ld %s\n", x->n, x->status, body(&r));
    }
    resp_free(&r);
    return NULL;
}

#define NEIGHBOURS 6

static void test_one_fails_in_a_group(void)
{
    /* Office 35.10.01's number is made one the registration number
     * cannot hold: its intake fails inside the transaction, after taking
     * a serial from the counter. */
    tool_sql("UPDATE offices SET number = 100000 WHERE code = $1 OR code = $2",
             "35.10.01", "35.10.01");
    int64_t counter_before =
        tool_int("SELECT COALESCE(SUM(value), 0) FROM counters WHERE name"
                 " LIKE $1",
                 "regno:%");
    /* A again, committing in groups after 1 s (or when full). */
    CHECK_INT(server_halt(&s[0]), 0);
    char log[200];
    snprintf(log, sizeof(log), "%s/group.log", s[0].dir);
    setenv("SATUPINTU_LOG", "debug", 1);
    const char *delay[] = {"--commit-delay", "1000", "--threads", "16", NULL};
    CHECK(server_serve_log(&s[0], delay, log));
    unsetenv("SATUPINTU_LOG");
    struct shot shots[NEIGHBOURS + 1];
    pthread_t th[NEIGHBOURS + 1];
    for (int i = 0; i <= NEIGHBOURS; i++) {
        shots[i] = (struct shot){i == NEIGHBOURS / 2 ? key_far : key_front,
                                 100 + i, 0, ""};
        pthread_create(&th[i], NULL, shoot, &shots[i]);
    }
    for (int i = 0; i <= NEIGHBOURS; i++)
        pthread_join(th[i], NULL);
    int ok = 0;
    for (int i = 0; i <= NEIGHBOURS; i++) {
        if (i == NEIGHBOURS / 2) {
            CHECK(shots[i].status >= 400 && shots[i].status < 600);
            continue;
        }
        CHECK_INT(shots[i].status, 201);
        ok += shots[i].status == 201;
        CHECK_INT(tool_int("SELECT COUNT(*) FROM applications a JOIN"
                           " application_events e ON e.application_id = a.id"
                           " WHERE a.regno = $1",
                           shots[i].no),
                  1);
    }
    CHECK_INT(ok, NEIGHBOURS);
    /* The failed one left nothing: no application, its serial given back
     * with its rollback. */
    CHECK_INT(tool_int("SELECT COUNT(*) FROM applications a JOIN offices o ON"
                       " o.id = a.office_id WHERE o.code = $1",
                       "35.10.01"),
              0);
    int64_t counter_after =
        tool_int("SELECT COALESCE(SUM(value), 0) FROM counters WHERE name"
                 " LIKE $1",
                 "regno:%");
    CHECK_INT(counter_after - counter_before, NEIGHBOURS);
    /* Groups were committed (SQLite: the log counts them). */
    if (!pg_url)
        CHECK(file_count(log, "group commit of ") >= 1);
}

/* A request sent from a thread of the test, answered in r (done then). */
struct waiting {
    struct server *srv;
    const char *key;
    const char *method;
    const char *path;
    const char *json;
    struct resp r;
    atomic_bool done;
};

static void *waiting_main(void *arg)
{
    struct waiting *w = arg;
    struct client *c = client_new(w->srv);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", w->key);
    client_req(c, w->method, w->path, w->json,
               w->json ? "application/json" : NULL, auth, &w->r);
    client_free(c);
    atomic_store(&w->done, true);
    return NULL;
}

/* The test's lock on the database goes (its transaction commits): the
 * request w held by it (from thread t) is answered with status, its body
 * naming needle. */
static void lock_released(struct db *lock, pthread_t t, struct waiting *w,
                          long status, const char *needle)
{
    CHECK_INT(db_commit(lock), ERR_OK);
    db_close(lock);
    pthread_join(t, NULL);
    CHECK_INT(w->r.status, status);
    CHECK(strstr(body(&w->r), needle) != NULL);
    resp_free(&w->r);
}

/* A page on another connection of srv: answered (200). */
static void page_served(struct server *srv)
{
    struct client *c = client_new(srv);
    struct resp r;
    CHECK(client_get(c, "/services", &r));
    CHECK_INT(r.status, 200);
    resp_free(&r);
    client_free(c);
}

/* A report that waits (PostgreSQL: a table it reads is locked by this
 * test) holds no connection thread: on an instance with one connection
 * thread and one report thread, a page on another connection is answered
 * meanwhile, and the report is answered once the lock goes. Without the
 * report workers the page would wait behind the report (the client gives
 * up after 30 s: the test fails; it never passes by timing). */
static void test_report_waits_alone(void)
{
    if (!pg_url) {
        printf("  (PostgreSQL only: a lock to hold a report)\n");
        return;
    }
    struct server one = s[0];
    const char *const extra[] = {"--threads", "1", "--report-threads", "1",
                                 NULL};
    CHECK(server_serve(&one, extra));
    struct db *lock = NULL;
    CHECK_INT(db_open(pg_url, &lock), ERR_OK);
    if (!lock)
        return;
    CHECK_INT(db_begin(lock), ERR_OK);
    CHECK_INT(db_exec(lock, "LOCK TABLE perf_year IN ACCESS EXCLUSIVE MODE"),
              ERR_OK);
    struct waiting w = {.srv = &one,
                        .key = key_admin,
                        .method = "GET",
                        .path = "/api/v1/reports/performance?period=2026"};
    atomic_init(&w.done, false);
    pthread_t t;
    CHECK_INT(pthread_create(&t, NULL, waiting_main, &w), 0);
    /* The report's statement waits for the lock (a generous bound). */
    int64_t waiting = 0;
    for (int i = 0; i < 600 && waiting == 0; i++) {
        if (i)
            usleep(50 * 1000);
        struct db *q = NULL;
        if (db_open(pg_url, &q) == ERR_OK) {
            if (db_int(q, &waiting,
                       "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND"
                       " relation = CAST($1 AS regclass)",
                       DV_TEXT("perf_year")) != ERR_OK)
                waiting = 0;
            db_close(q);
        }
    }
    CHECK_INT(waiting, 1);
    /* Another connection is served meanwhile. */
    page_served(&one);
    CHECK(!atomic_load(&w.done));
    /* The lock goes: the report is answered. */
    lock_released(lock, t, &w, 200, "\"regency\"");
    CHECK_INT(server_halt(&one), 0);
}

/* The requests a write worker of srv is handling now (/metrics), -1 if
 * the metrics cannot be read. */
static long writes_running(struct server *srv)
{
    struct client *c = client_new(srv);
    struct resp r;
    long n = -1;
    if (client_get(c, "/metrics", &r) && r.status == 200) {
        const char *at =
            strstr(body(&r), "\nsatupintu_http_pool_running{pool=\"write\"} ");
        if (at)
            n = strtol(strchr(at, '}') + 2, NULL, 10);
    }
    resp_free(&r);
    client_free(c);
    return n;
}

/* An intake that waits for the database's write lock (held by this test:
 * SQLite's file lock, or PostgreSQL's lock on the counters) holds no
 * connection thread: on an instance with one connection thread and one
 * write thread, /metrics shows it in the write worker's hands and a page
 * on another connection is answered meanwhile; once the lock goes the
 * intake is registered. Without the write workers the metrics and the
 * page would wait behind the intake until SQLite's busy timeout failed it
 * (the loop below then never sees it running: the test fails; it never
 * passes by timing). */
static void test_write_waits_alone(void)
{
    struct server one = s[0];
    const char *const extra[] = {"--threads", "1", "--write-threads", "1",
                                 NULL};
    CHECK(server_serve(&one, extra));
    struct db *lock = NULL;
    CHECK_INT(db_open(one.db_url, &lock), ERR_OK);
    if (!lock)
        return;
    CHECK_INT(db_begin(lock), ERR_OK);
    if (pg_url)
        CHECK_INT(db_exec(lock, "LOCK TABLE counters IN ACCESS EXCLUSIVE MODE"),
                  ERR_OK);
    else /* SQLite: BEGIN IMMEDIATE has the file's write lock; a write
          * makes sure of it */
        CHECK_INT(db_run(lock, NULL,
                         "UPDATE counters SET value = value WHERE name = $1",
                         DV_TEXT("none")),
                  ERR_OK);
    struct waiting w = {
        .srv = &one,
        .key = key_front,
        .method = "POST",
        .path = "/api/v1/applications",
        .json = "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                "\"citizen\":{\"nik\":\"3510091501900777\","
                "\"name\":\"Menunggu Kunci\",\"phone\":\"081234569777\"},"
                "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                "\"PENGANTAR_DESA\"]}"};
    atomic_init(&w.done, false);
    pthread_t t;
    CHECK_INT(pthread_create(&t, NULL, waiting_main, &w), 0);
    long running = 0;
    for (int i = 0; i < 600 && running != 1 && !atomic_load(&w.done); i++) {
        if (i)
            usleep(50 * 1000);
        running = writes_running(&one);
    }
    CHECK_INT(running, 1);
    page_served(&one);
    CHECK(!atomic_load(&w.done));
    CHECK_INT(writes_running(&one), 1);
    /* The lock goes: the intake is registered. */
    lock_released(lock, t, &w, 201, "\"registration_no\"");
    CHECK_INT(writes_running(&one), 0);
    CHECK_INT(server_halt(&one), 0);
}

/* Database connections the serve process srv holds open on SQLite: its
 * descriptors on the database file (one a connection). */
static int sqlite_connections(const struct server *srv)
{
    char dir[64], path[PATH_MAX], want[PATH_MAX];
    snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)srv->pid);
    if (!realpath(srv->db_url + strlen("sqlite:"), want))
        return -1;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char link[PATH_MAX + 80];
        snprintf(link, sizeof(link), "%s/%s", dir, e->d_name);
        ssize_t k = readlink(link, path, sizeof(path) - 1);
        if (k <= 0)
            continue;
        path[k] = '\0';
        n += strcmp(path, want) == 0;
    }
    closedir(d);
    return n;
}

/* Write threads are woken the last idle first: twenty intakes one after
 * the other on an instance with 32 write threads are handled by one or
 * two of them, and only those open a database connection (a pool that
 * woke its threads in turn opened twenty: the bound of five more leaves
 * room for two write threads and the three background threads' own).
 * SQLite: the connections are the process's descriptors on the database
 * file. */
static void test_write_threads_on_demand(void)
{
    if (pg_url) {
        printf("  (SQLite only: connections counted as open files)\n");
        return;
    }
    struct server one = s[0];
    const char *const extra[] = {"--write-threads", "32", NULL};
    CHECK(server_serve(&one, extra));
    struct client *c = client_new(&one);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key_front);
    int before = -1;
    for (int i = 0; i <= 20; i++) {
        char js[512];
        snprintf(js, sizeof(js),
                 "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                 "\"citizen\":{\"nik\":\"351009%02d0192%04d\","
                 "\"name\":\"Satu-satu %d\",\"phone\":\"081234570%03d\"},"
                 "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                 "\"PENGANTAR_DESA\"]}",
                 1 + i % 28, 1 + i, i, i);
        struct resp r;
        client_req(c, "POST", "/api/v1/applications", js, "application/json",
                   auth, &r);
        CHECK_INT(r.status, 201);
        resp_free(&r);
        /* After the first: the writer's connection, one write thread's,
         * and those the jobs, the sender and the boards' watcher opened
         * meanwhile or may still open (three: the bound below). */
        if (i == 0)
            before = sqlite_connections(&one);
    }
    client_free(c);
    int after = sqlite_connections(&one);
    CHECK(before > 0);
    CHECK(after >= before && after <= before + 5);
    if (after > before + 5)
        fprintf(stderr, "  %d connections before, %d after\n", before, after);
    CHECK_INT(server_halt(&one), 0);
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
        struct db *db = NULL;
        if (db_open(pg_url, &db) != ERR_OK ||
            db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public") !=
                ERR_OK)
            return 1;
        db_close(db);
    }
    if (!server_init(&s[0], bin, pg_url))
        return 1;
    user("atasan", "administrator", NULL);
    user("loket", "front_office", "35.10.09");
    user("belakang", "back_office", "35.10.09");
    user("jauh", "front_office", "35.10.01");
    key_for("loket", key_front);
    key_for("belakang", key_back);
    key_for("jauh", key_far);
    key_for("atasan", key_admin);
    s[1] = s[0];
    if (!server_serve(&s[0], NULL) || !server_serve(&s[1], NULL))
        return 1;
    RUN(test_catalogue_everywhere);
    RUN(test_gzip_documents);
    RUN(test_office_everywhere);
    RUN(test_calendar_everywhere);
    RUN(test_status_everywhere);
    RUN(test_one_fails_in_a_group);
    RUN(test_report_waits_alone);
    RUN(test_write_waits_alone);
    RUN(test_write_threads_on_demand);
    CHECK_INT(server_halt(&s[1]), 0);
    CHECK_INT(server_stop(&s[0]), 0);
    TEST_END();
}
