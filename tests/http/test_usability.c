/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_usability.c: HTTP tests of issue 15 (what a real office trips over
 * in its first week), one server for the whole file:
 *   the small exactness points: overdue rows marked (not escaped), the
 *   working-minute rule to the second through the promise API, `at`
 *   without a zone read in the office's, one "completed" for the sample
 *   target, counts entered for a year inside a longer report period, NIK
 *   typed with separators stored as 16 digits;
 * and the later groups (forms that keep what was typed, paper, finding
 * things, the office day) below, each in its own test function.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;
static char key_front[64], key_back[64];

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

static void key_for(const char *login, char out[64])
{
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &b, args), 0);
    snprintf(out, 64, "%.51s", buf_cstr(&b));
    buf_free(&b);
}

static long api(const char *key, const char *method, const char *path,
                const char *json, struct resp *r)
{
    struct client *c = client_new(&srv);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    client_req(c, method, path, json, json ? "application/json" : NULL,
               key ? auth : NULL, r);
    client_free(c);
    return r->status;
}

/* A signed-in browser (client_free it). */
static struct client *signed_in(const char *login)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, login, "Sandi-Uji-12345"), 303);
    return c;
}

/* The csrf token of the form at path (static copy). */
static const char *csrf_at(struct client *c, const char *path)
{
    static char csrf[128];
    struct resp r;
    client_get(c, path, &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    return csrf;
}

/* Run one SQL statement on the server's database (test set-up only). */
static void sql(const char *stmt, const char *a, const char *b)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_run(db, NULL, stmt, DV_TEXT(a), DV_TEXT(b)), ERR_OK);
    db_close(db);
}

/* Register an application through the API; its number into regno. */
static void register_app(const char *service, const char *nik, const char *reqs,
                         char regno[32])
{
    char js[1024];
    snprintf(js, sizeof(js),
             "{\"office\":\"35.10.09\",\"service\":\"%s\",\"citizen\":"
             "{\"nik\":\"%s\",\"name\":\"Siti Aminah\",\"village\":"
             "\"35.10.09.2001\",\"phone\":\"081234567890\"},"
             "\"requirements\":%s}",
             service, nik, reqs);
    struct resp r;
    CHECK_INT(api(key_front, "POST", "/api/v1/applications", js, &r), 201);
    json_t *j = json_of(&r);
    snprintf(regno, 32, "%s",
             json_string_value(json_object_get(j, "registration_no"))
                 ? json_string_value(json_object_get(j, "registration_no"))
                 : "");
    json_decref(j);
    resp_free(&r);
}

/* No attribute of any tag in the page is escaped markup. */
static void no_escaped_attribute(const char *html)
{
    CHECK_NOT_CONTAINS(html, "=&quot;");
    CHECK_NOT_CONTAINS(html, "<tr class=&");
}

/* ---- 1. the small exactness points ---- */

static void test_overdue_rows_marked(void)
{
    user("pengaduan", "complaint_officer", NULL);
    struct client *o = signed_in("pengaduan");
    /* A paper slip dated twenty days ago: its verification deadline has
     * passed, so its row is overdue. */
    time_t t = time(NULL) - 20 * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[16], form[1024];
    strftime(date, sizeof(date), "%Y-%m-%d", &tm);
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.01&category=fees&body=%s&identity="
             "anonymous&slip_date=%s",
             csrf_at(o, "/complaints/paper"), urlenc("Diminta uang"), date);
    struct resp r;
    /* The paper form is multipart in the browser; urlencoded works too. */
    client_post(o, "/complaints/paper", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(o, "/complaints", &r);
    CHECK_CONTAINS(body(&r), "<tr class=\"overdue\">");
    no_escaped_attribute(body(&r));
    resp_free(&r);
    client_free(o);

    /* The work list: an application whose promise has passed. */
    char regno[32];
    register_app("DOMISILI", "3510164101900123",
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\"]", regno);
    sql("UPDATE applications SET promised_at = promised_at - 864000 WHERE"
        " regno = $1 AND $2 = $2",
        regno, "x");
    struct client *f = signed_in("loket.genteng");
    client_get(f, "/work", &r);
    CHECK_CONTAINS(body(&r), "<tr class=\"overdue\">");
    no_escaped_attribute(body(&r));
    resp_free(&r);
    client_free(f);
}

static json_t *promise(const char *service, const char *at)
{
    char path[256];
    snprintf(path, sizeof(path),
             "/api/v1/services/%s/promise?office=35.10.09&at=%s", service, at);
    struct resp r;
    api(NULL, "GET", path, NULL, &r);
    json_t *j = r.status == 200 ? json_of(&r) : NULL;
    if (r.status != 200)
        fprintf(stderr, "  promise %s: %ld %s\n", at, r.status, body(&r));
    resp_free(&r);
    return j;
}

static void test_promise_seconds_and_zone(void)
{
    static const struct {
        const char *service, *at, *want;
    } cases[] = {
        /* LEGALISASI, 30 working minutes, Mon 15:00:30: 29 min 30 s that
         * day and 30 s the next morning (docs/WORKING-TIME.md). */
        {"LEGALISASI", "2026-03-02T15:00:30%2B07:00",
         "2026-03-03T07:30:30+07:00"},
        {"LEGALISASI", "2026-03-02T14:00:30%2B07:00",
         "2026-03-02T14:30:30+07:00"},
        /* Without a zone: the office's time (WIB), the same answers. */
        {"LEGALISASI", "2026-03-02T15:00:30", "2026-03-03T07:30:30+07:00"},
        {"LEGALISASI", "2026-03-02T14:00", "2026-03-02T14:30:00+07:00"},
        {"SKTM", "2026-03-02T10:00:00", "2026-03-02T11:00:00+07:00"},
        /* With a zone it is what it says. */
        {"SKTM", "2026-03-02T03:00:00Z", "2026-03-02T11:00:00+07:00"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *j = promise(cases[i].service, cases[i].at);
        CHECK(j != NULL);
        CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
                  cases[i].want);
        json_decref(j);
    }
    /* Still refused: not a time at all, and a zone-less year 0000. */
    struct resp r;
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09&at="
                  "2026-03-02T25:00",
                  NULL, &r),
              422);
    CHECK_CONTAINS(body(&r), "invalid_time");
    resp_free(&r);
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09&at="
                  "0001-01-01T03:00",
                  NULL, &r),
              422);
    CHECK_CONTAINS(body(&r), "out_of_range");
    resp_free(&r);
}

static json_t *ikm(const char *query)
{
    char path[256];
    snprintf(path, sizeof(path), "/api/v1/reports/ikm?%s", query);
    struct resp r;
    api(NULL, "GET", path, NULL, &r);
    json_t *j = json_of(&r);
    resp_free(&r);
    return j;
}

static void test_service_users(void)
{
    /* One application rejected, one handed over... both completed: both
     * are service users of the period around today. */
    char a[32], b[32];
    register_app("SKTM", "3510160101900001",
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"SURAT_PERNYATAAN\"]", a);
    register_app("SKTM", "3510160101900002",
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"SURAT_PERNYATAAN\"]", b);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", a);
    struct resp r;
    CHECK_INT(api(key_back, "POST", path,
                  "{\"action\":\"reject\",\"note\":\"Bukan warga\","
                  "\"version\":1}",
                  &r),
              200);
    resp_free(&r);
    time_t now = time(NULL);
    char from[16], to[16], q[128];
    struct tm tm;
    time_t f = now - 40 * 86400, t = now + 40 * 86400;
    gmtime_r(&f, &tm);
    strftime(from, sizeof(from), "%Y-%m-%d", &tm);
    gmtime_r(&t, &tm);
    strftime(to, sizeof(to), "%Y-%m-%d", &tm);
    snprintf(q, sizeof(q), "office=35.10.09&service=SKTM&from=%s&to=%s", from,
             to);
    json_t *j = ikm(q);
    /* The rejected one counts; the open one does not. */
    CHECK_INT(json_integer_value(json_object_get(j, "service_users")), 1);
    json_decref(j);

    /* Counts entered by an office without applications: a year inside a
     * two-year report counts, and a quarter inside that year is not
     * added again; a quarter alone counts for a report of its half. */
    user("admin.survei", "administrator", NULL);
    struct client *c = signed_in("admin.survei");
    const char *entries[][3] = {{"2024-01-01", "2024-12-31", "1000"},
                                {"2024-01-01", "2024-03-31", "300"},
                                {"2025-07-01", "2025-09-30", "200"},
                                {"2023-12-01", "2024-01-31", "50"}};
    for (size_t i = 0; i < 4; i++) {
        char form[512];
        snprintf(form, sizeof(form),
                 "csrf=%s&office=35.10.02&from=%s&to=%s&users=%s",
                 csrf_at(c, "/admin/surveys/import"), entries[i][0],
                 entries[i][1], entries[i][2]);
        client_post(c, "/admin/surveys/users", form, &r);
        CHECK_INT(r.status, 200);
        resp_free(&r);
    }
    client_free(c);
    static const struct {
        const char *q;
        int64_t users;
    } want[] = {
        {"office=35.10.02&from=2024-01-01&to=2025-12-31", 1000 + 200},
        {"office=35.10.02&period=2024", 1000},
        {"office=35.10.02&period=2024-Q1", 300},
        {"office=35.10.02&from=2025-01-01&to=2025-12-31", 200},
        {"office=35.10.02&from=2023-01-01&to=2025-12-31", 1000 + 200 + 50},
        {"office=35.10.02&period=2024-Q2", 0},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        j = ikm(want[i].q);
        if (json_integer_value(json_object_get(j, "service_users")) !=
            want[i].users)
            fprintf(stderr, "  case %s\n", want[i].q);
        CHECK_INT(json_integer_value(json_object_get(j, "service_users")),
                  want[i].users);
        json_decref(j);
    }
}

static void test_nik_separators(void)
{
    char regno[32];
    register_app("DOMISILI", "3510-1641 0190.0124",
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\"]", regno);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    struct resp r;
    CHECK_INT(api(key_front, "GET", path, NULL, &r), 200);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(
                  json_object_get(json_object_get(j, "citizen"), "nik")),
              "3510164101900124");
    json_decref(j);
    resp_free(&r);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("loket.genteng", "front_office", "35.10.09");
    user("belakang.genteng", "back_office", "35.10.09");
    key_for("loket.genteng", key_front);
    key_for("belakang.genteng", key_back);
    RUN(test_overdue_rows_marked);
    RUN(test_promise_seconds_and_zone);
    RUN(test_service_users);
    RUN(test_nik_separators);
    int stopped = server_stop(&srv);
    CHECK_INT(stopped, 0);
    TEST_END();
}
