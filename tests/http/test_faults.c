/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_faults.c: every kind of route when the database fails.
 *
 * The server runs with SATUPINTU_TEST_FAULTS=1, so a request may carry
 * X-Test-Db-Fail-After: N: the first N statements of its connection run,
 * the next one fails with ERR_DB, and the answer says whether the fault
 * fired (store/db.h, "Fault injection"). Each probe below is sent with
 * N = 0, 1, 2, ... until the fault is no longer reached, so every
 * statement a handler runs fails once. Each time the fault fires:
 *   - the status is 503 with Retry-After, in the route's own format: an
 *     HTML page in the request's language (Indonesian, or English with
 *     ?lang=en), JSON {"error":{"code":"database_unavailable"}} on the
 *     API, the Open311 error list on Open311;
 *   - nothing is half-written: the row count of every table is the same
 *     before and after (a write is one transaction, or it is not done);
 *   - the server lives on (the next attempt is answered).
 * When the fault is not reached the probe must succeed with its usual
 * status, which shows the walk went through the whole handler. Under the
 * ASan build the server's clean exit at the end also shows no leak on
 * any of these paths (LeakSanitizer fails the exit status).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

/* More statements than any handler runs: the walk must end before. */
#define MAX_STATEMENTS 400

static struct server srv;
static struct client *admin, *front, *officer, *anon, *sekda;
static char key_front[64], key_admin[64];
static char regno[32], pin[16];      /* an application at 35.10.09 */
static char cnumber[32], ctoken[64]; /* a complaint about 35.10.09 */
static char survey_token[64];        /* a handed-over application's */

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

/* A form field's value in a page (static), e.g. form_token. */
static const char *field_of(const struct resp *r, const char *name)
{
    static char value[256];
    char pat[96];
    snprintf(pat, sizeof(pat), "name=\"%s\" value=\"", name);
    const char *p = strstr(body(r), pat);
    value[0] = '\0';
    if (p)
        sscanf(p + strlen(pat), "%255[^\"]", value);
    return value;
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

/* ---- The database's row counts ------------------------------------- */

/* Every table but skip with its row count, "name=count;..." (arena a). */
static const char *fingerprint(struct arena *a, const char *skip)
{
    struct db *db = NULL;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return "(no database)";
    struct db_rows t;
    const char *out = "";
    if (db_get_list(db, a, db_row_text, sizeof(const char *), &t,
                    "SELECT name FROM sqlite_master WHERE type = $1"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                    DV_TEXT("table")) != ERR_OK)
        out = "(no tables)";
    const char *const *names = t.items;
    for (size_t i = 0; i < t.n; i++) {
        if (skip && strcmp(names[i], skip) == 0)
            continue;
        char sql[200];
        snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE 1 = $1",
                 names[i]);
        int64_t n = -1;
        if (db_int(db, &n, sql, DV_INT(1)) != ERR_OK)
            n = -1;
        out = arena_printf(a, "%s%s=%lld;", out, names[i], (long long)n);
    }
    db_close(db);
    return out;
}

/* ---- Probes --------------------------------------------------------- */

enum answer_kind { HTML, JSON_API, OPEN311_JSON, OPEN311_XML };

/* One request, made afresh before each attempt (forms need new tokens). */
struct attempt {
    struct client *c;   /* who sends it (a fresh anonymous one if NULL) */
    const char *method; /* "GET" or "POST" */
    char path[512];     /* path and query */
    char body[4096];    /* the body, or "" */
    const char *ctype;  /* its Content-Type, or NULL */
    char header[256];   /* one more header line, or "" */
};

struct probe {
    const char *name;                   /* for failure messages */
    void (*prepare)(struct attempt *a); /* fills the attempt */
    enum answer_kind kind;              /* the format of its errors */
    long ok;                            /* its status when all goes well */
    bool english;                       /* sent with ?lang=en */
    const char *may_change;             /* a table written on purpose
                                           before the failure, or NULL */
};

/* A form page fetched by c: the csrf and form_token fields, urlencoded
 * into a body prefix "csrf=...&form_token=...". */
static void form_prefix(struct client *c, const char *page, char *out,
                        size_t size)
{
    struct resp r;
    client_get(c, page, &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    snprintf(out, size, "csrf=%s&form_token=%s", csrf,
             field_of(&r, "form_token"));
    resp_free(&r);
}

static void get(struct attempt *a, struct client *c, const char *path)
{
    a->c = c;
    a->method = "GET";
    snprintf(a->path, sizeof(a->path), "%s", path);
}

static void p_home(struct attempt *a)
{
    get(a, NULL, "/");
}

static void p_service(struct attempt *a)
{
    get(a, NULL, "/services/SKTM");
}

static void p_office(struct attempt *a)
{
    get(a, NULL, "/offices/35.10.09");
}

static void p_track(struct attempt *a)
{
    get(a, NULL, "/track");
    snprintf(a->path, sizeof(a->path), "/track?no=%s&pin=%s", regno, pin);
}

static void p_complaint_track(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/complaints/track?t=%s", ctoken);
}

static void p_report(struct attempt *a)
{
    get(a, NULL, "/reports/ikm?office=35.10.09");
}

static void p_staff(struct attempt *a)
{
    get(a, front, "/staff");
}

static void p_work(struct attempt *a)
{
    get(a, front, "/work");
}

static void p_application(struct attempt *a)
{
    get(a, front, "/");
    snprintf(a->path, sizeof(a->path), "/applications/%s", regno);
}

static void p_complaints(struct attempt *a)
{
    get(a, officer, "/complaints");
}

static void p_complaint(struct attempt *a)
{
    get(a, officer, "/");
    snprintf(a->path, sizeof(a->path), "/complaints/%s", cnumber);
}

static void p_admin_users(struct attempt *a)
{
    get(a, admin, "/admin/users");
}

static void p_admin_audit(struct attempt *a)
{
    get(a, admin, "/admin/audit");
}

static void p_api_services(struct attempt *a)
{
    get(a, NULL, "/api/v1/services");
}

static void p_api_office(struct attempt *a)
{
    get(a, NULL, "/api/v1/offices/35.10.09");
}

static void bearer(struct attempt *a)
{
    snprintf(a->header, sizeof(a->header), "Authorization: Bearer %s",
             key_front);
}

static void p_api_me(struct attempt *a)
{
    get(a, NULL, "/api/v1/me");
    bearer(a);
}

static void p_api_application(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/api/v1/applications/%s", regno);
    bearer(a);
}

static void p_api_report(struct attempt *a)
{
    get(a, NULL, "/api/v1/reports/ikm?office=35.10.09");
}

static void p_o311_requests(struct attempt *a)
{
    get(a, NULL, "/open311/v2/requests.json");
}

static void p_o311_requests_xml(struct attempt *a)
{
    get(a, NULL, "/open311/v2/requests.xml?status=open");
}

static void p_o311_request(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/open311/v2/requests/%s.json", cnumber);
}

static void p_intake(struct attempt *a)
{
    char prefix[256];
    form_prefix(front, "/intake/SKTM", prefix, sizeof(prefix));
    a->c = front;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/intake/SKTM");
    snprintf(a->body, sizeof(a->body),
             "%s&req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA&req=SURAT_"
             "PERNYATAAN&"
             "nik=3510164101900123&name=Siti&phone=081234567890&"
             "village=35.10.09.2001&confirm=1",
             prefix);
}

static void p_api_intake(struct attempt *a)
{
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/api/v1/applications");
    snprintf(a->body, sizeof(a->body),
             "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{"
             "\"nik\":\"3510164101900123\",\"name\":\"Siti\",\"phone\":"
             "\"081234567890\"},\"requirements\":[\"KTP\",\"KK\","
             "\"PENGANTAR_RT\",\"PENGANTAR_DESA\",\"SURAT_PERNYATAAN\"]}");
    a->ctype = "application/json";
    bearer(a);
}

static void p_application_event(struct attempt *a)
{
    char page[64];
    snprintf(page, sizeof(page), "/applications/%s", regno);
    struct resp r;
    client_get(front, page, &r);
    const char *v = strstr(body(&r), "name=\"version\" value=\"");
    int version = v ? atoi(v + strlen("name=\"version\" value=\"")) : 1;
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    a->c = front;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/applications/%s/events", regno);
    snprintf(a->body, sizeof(a->body),
             "csrf=%s&version=%d&action=note&note=lengkap", csrf, version);
}

static void p_complaint_submit(struct attempt *a)
{
    char prefix[256];
    a->c = client_new(&srv);
    form_prefix(a->c, "/complaints/new", prefix, sizeof(prefix));
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/complaints");
    snprintf(a->body, sizeof(a->body),
             "%s&office=35.10.09&category=other&body=Loket+tutup&"
             "identity=named&name=Ani&contact=081234567890",
             prefix);
}

static void p_complaint_event(struct attempt *a)
{
    char page[64];
    snprintf(page, sizeof(page), "/complaints/%s", cnumber);
    struct resp r;
    client_get(officer, page, &r);
    const char *v = strstr(body(&r), "name=\"version\" value=\"");
    int version = v ? atoi(v + strlen("name=\"version\" value=\"")) : 1;
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    a->c = officer;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/complaints/%s/events", cnumber);
    snprintf(a->body, sizeof(a->body),
             "csrf=%s&version=%d&action=verify&note=diterima", csrf, version);
}

static void p_o311_post(struct attempt *a)
{
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/open311/v2/requests.json");
    snprintf(a->body, sizeof(a->body),
             "api_key=%s&service_code=other&attribute%%5Boffice%%5D=35.10.09&"
             "description=Antrean+panjang",
             key_front);
}

static void p_user_create(struct attempt *a)
{
    static int n;
    char prefix[256];
    form_prefix(admin, "/admin/users", prefix, sizeof(prefix));
    a->c = admin;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/admin/users");
    /* A new login each time: the one that is finally created is new. */
    snprintf(a->body, sizeof(a->body),
             "%s&login=baru%d&full_name=Petugas+Baru&role=front_office&"
             "office=35.10.09",
             prefix, ++n);
}

static void p_category_put(struct attempt *a)
{
    char prefix[256];
    form_prefix(admin, "/admin/complaint-categories", prefix, sizeof(prefix));
    a->c = admin;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/admin/complaint-categories");
    snprintf(a->body, sizeof(a->body),
             "%s&code=parkir&name_id=Parkir&name_en=Parking&ord=7", prefix);
}

static void p_survey(struct attempt *a)
{
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/api/v1/surveys");
    snprintf(a->body, sizeof(a->body),
             "{\"token\":\"%s\",\"scores\":[4,4,4,4,4,4,4,4,4]}", survey_token);
    a->ctype = "application/json";
}

static void p_login(struct attempt *a)
{
    /* Each attempt is a first one: the reservations of the attempts that
     * failed are forgotten (else the sixth would be throttled). */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    if (db) {
        CHECK_INT(db_run(db, NULL, "DELETE FROM throttle WHERE key LIKE $1",
                         DV_TEXT("signin:%")),
                  ERR_OK);
        db_close(db);
    }
    a->c = client_new(&srv);
    struct resp r;
    client_get(a->c, "/login", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/login");
    snprintf(a->body, sizeof(a->body),
             "csrf=%s&login=loket&password=Sandi-Uji-12345", csrf);
}

/* Pages and reads named by path only, for the table below. */
#define GET_PROBE(fn, c, path)                                                 \
    static void fn(struct attempt *a)                                          \
    {                                                                          \
        get(a, c, path);                                                       \
    }
GET_PROBE(p_services, NULL, "/services")
GET_PROBE(p_performance, NULL, "/performance")
GET_PROBE(p_oversight, admin, "/oversight")
GET_PROBE(p_oversight_office, admin, "/oversight/offices/35.10.09")
GET_PROBE(p_oversight_overdue, admin, "/oversight/overdue")
GET_PROBE(p_oversight_trends, admin, "/oversight/trends")
GET_PROBE(p_oversight_esc, sekda, "/oversight/escalations")
GET_PROBE(p_readiness, admin, "/readiness/35.10.09")
GET_PROBE(p_oversight_readiness, admin, "/oversight/readiness")
GET_PROBE(p_facilities, admin, "/admin/facilities")
GET_PROBE(p_api_facilities, NULL, "/api/v1/facilities")
GET_PROBE(p_notifications, admin, "/admin/notifications")
GET_PROBE(p_webhooks, admin, "/admin/webhooks")

static void p_notify_stats(struct attempt *a)
{
    get(a, NULL, "/api/v1/notifications/stats");
    snprintf(a->header, sizeof(a->header), "Authorization: Bearer %s",
             key_admin);
}
static void p_api_perf(struct attempt *a)
{
    get(a, NULL, "/api/v1/reports/performance");
    snprintf(a->header, sizeof(a->header), "Authorization: Bearer %s",
             key_admin);
}
GET_PROBE(p_service_office, NULL, "/services/SKTM?office=35.10.09")
GET_PROBE(p_offices, NULL, "/offices")
GET_PROBE(p_complaint_form, NULL, "/complaints/new")
GET_PROBE(p_intake_list, front, "/intake")
GET_PROBE(p_intake_page, front, "/intake/SKTM")
GET_PROBE(p_admin_office, admin, "/admin/offices/35.10.09")
GET_PROBE(p_admin_calendar, admin, "/admin/calendar")
GET_PROBE(p_admin_service, admin, "/admin/services/SKTM")
GET_PROBE(p_admin_apikeys, admin, "/admin/apikeys")
GET_PROBE(p_devices, admin, "/devices")
GET_PROBE(p_api_offices, NULL, "/api/v1/offices")
GET_PROBE(p_api_service, NULL, "/api/v1/services/SKTM")
GET_PROBE(p_api_promise, NULL, "/api/v1/services/SKTM/promise?office=35.10.09")
GET_PROBE(p_o311_discovery, NULL,
          "/open311/v2/discovery.json?jurisdiction_id=35.10")
GET_PROBE(p_o311_services, NULL, "/open311/v2/services.xml")
GET_PROBE(p_o311_service, NULL, "/open311/v2/services/other.json")

static void p_receipt(struct attempt *a)
{
    get(a, front, "/");
    snprintf(a->path, sizeof(a->path), "/applications/%s/receipt", regno);
}

static void p_api_track(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/api/v1/track/%s?pin=%s", regno, pin);
}

static void p_o311_token(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/open311/v2/tokens/%s.json", ctoken);
}

static void p_survey_page(struct attempt *a)
{
    get(a, NULL, "/");
    snprintf(a->path, sizeof(a->path), "/survey?t=%s", survey_token);
}

/* A form of c's page posted to path with fields after the tokens. */
static void post_form(struct attempt *a, struct client *c, const char *page,
                      const char *path, const char *fields)
{
    char prefix[256];
    form_prefix(c, page, prefix, sizeof(prefix));
    a->c = c;
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "%s", path);
    snprintf(a->body, sizeof(a->body), "%s&%s", prefix, fields);
}

static void p_user_update(struct attempt *a)
{
    post_form(a, admin, "/admin/users/loket", "/admin/users/loket",
              "full_name=Loket+Genteng&role=front_office&office=35.10.09");
}

static void p_apikey_create(struct attempt *a)
{
    post_form(a, admin, "/admin/apikeys", "/admin/apikeys",
              "user=loket&label=Integrasi");
}

static void p_device_enrol(struct attempt *a)
{
    post_form(a, admin, "/devices", "/devices", "label=Kios&office=35.10.09");
}

static void p_holiday_add(struct attempt *a)
{
    post_form(a, admin, "/admin/calendar", "/admin/calendar",
              "day=2026-12-24&kind=cuti_bersama&name_id=Cuti+Natal&"
              "name_en=Christmas+leave");
}

static void p_closure_add(struct attempt *a)
{
    post_form(a, admin, "/admin/offices/35.10.09",
              "/admin/offices/35.10.09/closures",
              "day=2026-12-28&reason=Rapat+kerja");
}

static void p_api_event(struct attempt *a)
{
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/api/v1/applications/%s/events", regno);
    snprintf(a->body, sizeof(a->body),
             "{\"action\":\"note\",\"note\":\"dicek\",\"version\":0}");
    a->ctype = "application/json";
    bearer(a);
}

static void p_paper_import(struct attempt *a)
{
    char csv[512];
    snprintf(csv, sizeof(csv), "%s",
             "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,age_group,"
             "education,occupation,suggestion\n"
             "35.10.09,SKTM,2026-02-10,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,"
             "Ruang+tunggu+panas\n");
    char fields[1024];
    snprintf(fields, sizeof(fields), "csv=%s", urlenc(csv));
    post_form(a, admin, "/admin/surveys/import", "/admin/surveys/import",
              fields);
}

static void p_service_users(struct attempt *a)
{
    post_form(a, admin, "/admin/surveys/import", "/admin/surveys/users",
              "office=35.10.09&from=2026-01-01&to=2026-06-30&users=120");
}

static void p_password_shown(struct attempt *a)
{
    /* A user created just now: the page its form redirects to shows the
     * one-time password once. */
    static int n;
    struct attempt made = {0};
    char fields[256];
    snprintf(fields, sizeof(fields),
             "login=sekali%d&full_name=Sekali&role=front_office&"
             "office=35.10.09",
             ++n);
    post_form(&made, admin, "/admin/users", "/admin/users", fields);
    struct resp r;
    client_req(admin, "POST", made.path, made.body, NULL, NULL, &r);
    const char *loc = resp_header(&r, "Location");
    get(a, admin, "/admin/users");
    if (loc)
        snprintf(a->path, sizeof(a->path), "%s", loc);
    resp_free(&r);
}

static void p_logout(struct attempt *a)
{
    a->c = client_new(&srv);
    CHECK_INT(client_login(a->c, "loket", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(a->c, "/staff", &r);
    a->method = "POST";
    snprintf(a->path, sizeof(a->path), "/logout");
    snprintf(a->body, sizeof(a->body), "csrf=%s", resp_csrf(&r));
    resp_free(&r);
}

static const struct probe probes[] = {
    /* Public pages. */
    {"home", p_home, HTML, 200, false, NULL},
    {"service page", p_service, HTML, 200, true, NULL},
    {"office page", p_office, HTML, 200, false, NULL},
    {"tracking", p_track, HTML, 200, false, NULL},
    {"complaint tracking", p_complaint_track, HTML, 200, true, NULL},
    {"IKM report", p_report, HTML, 200, false, NULL},
    {"catalogue", p_services, HTML, 200, false, NULL},
    {"performance", p_performance, HTML, 200, false, NULL},
    {"oversight", p_oversight, HTML, 200, false, NULL},
    {"oversight office", p_oversight_office, HTML, 200, false, NULL},
    {"oversight overdue", p_oversight_overdue, HTML, 200, false, NULL},
    {"oversight trends", p_oversight_trends, HTML, 200, false, NULL},
    {"oversight escalations", p_oversight_esc, HTML, 200, false, NULL},
    {"readiness office", p_readiness, HTML, 200, false, NULL},
    {"oversight readiness", p_oversight_readiness, HTML, 200, false, NULL},
    {"facilities admin", p_facilities, HTML, 200, false, NULL},
    {"API facilities", p_api_facilities, JSON_API, 200, false, NULL},
    {"notifications admin", p_notifications, HTML, 200, false, NULL},
    {"webhooks admin", p_webhooks, HTML, 200, false, NULL},
    {"API notification stats", p_notify_stats, JSON_API, 200, false, NULL},
    {"API performance", p_api_perf, JSON_API, 200, false, NULL},
    {"service page at an office", p_service_office, HTML, 200, false, NULL},
    {"offices", p_offices, HTML, 200, true, NULL},
    {"complaint form page", p_complaint_form, HTML, 200, false, NULL},
    {"survey page", p_survey_page, HTML, 200, false, NULL},
    /* Staff pages (a session: its lookup is a statement too). */
    {"intake list", p_intake_list, HTML, 200, false, NULL},
    {"intake page", p_intake_page, HTML, 200, false, NULL},
    {"receipt", p_receipt, HTML, 200, false, NULL},
    {"office admin", p_admin_office, HTML, 200, false, NULL},
    {"calendar admin", p_admin_calendar, HTML, 200, false, NULL},
    {"service editor", p_admin_service, HTML, 200, true, NULL},
    {"API keys admin", p_admin_apikeys, HTML, 200, false, NULL},
    {"devices", p_devices, HTML, 200, false, NULL},
    {"staff home", p_staff, HTML, 200, false, NULL},
    {"work list", p_work, HTML, 200, true, NULL},
    {"application page", p_application, HTML, 200, false, NULL},
    {"complaint list", p_complaints, HTML, 200, false, NULL},
    {"complaint page", p_complaint, HTML, 200, false, NULL},
    {"users", p_admin_users, HTML, 200, false, NULL},
    {"password shown once", p_password_shown, HTML, 200, false, NULL},
    {"audit log", p_admin_audit, HTML, 200, false, NULL},
    /* The API (a bearer key: its lookup is a statement too). */
    {"API services", p_api_services, JSON_API, 200, false, NULL},
    {"API office", p_api_office, JSON_API, 200, true, NULL},
    {"API me", p_api_me, JSON_API, 200, false, NULL},
    {"API application", p_api_application, JSON_API, 200, false, NULL},
    {"API IKM", p_api_report, JSON_API, 200, false, NULL},
    {"API offices", p_api_offices, JSON_API, 200, false, NULL},
    {"API service", p_api_service, JSON_API, 200, false, NULL},
    {"API promise", p_api_promise, JSON_API, 200, false, NULL},
    {"API tracking", p_api_track, JSON_API, 200, false, NULL},
    {"Open311 discovery", p_o311_discovery, OPEN311_JSON, 200, false, NULL},
    {"Open311 services", p_o311_services, OPEN311_XML, 200, false, NULL},
    {"Open311 service", p_o311_service, OPEN311_JSON, 200, false, NULL},
    {"Open311 token", p_o311_token, OPEN311_JSON, 200, false, NULL},
    {"Open311 listing", p_o311_requests, OPEN311_JSON, 200, false, NULL},
    {"Open311 listing XML", p_o311_requests_xml, OPEN311_XML, 200, false, NULL},
    {"Open311 request", p_o311_request, OPEN311_JSON, 200, false, NULL},
    /* Writes. */
    /* A sign-in attempt is reserved (counted) in a transaction of its own
     * before the password is checked, so that parallel guesses cannot get
     * more tries (svc/signin.h): a failure after it leaves it counted. */
    {"sign-in", p_login, HTML, 303, false, "throttle"},
    {"intake form", p_intake, HTML, 303, false, NULL},
    {"intake API", p_api_intake, JSON_API, 201, false, NULL},
    {"workflow action", p_application_event, HTML, 303, true, NULL},
    {"complaint form", p_complaint_submit, HTML, 303, false, NULL},
    {"complaint action", p_complaint_event, HTML, 303, false, NULL},
    {"Open311 POST", p_o311_post, OPEN311_JSON, 200, false, NULL},
    {"user created", p_user_create, HTML, 303, false, NULL},
    {"complaint category", p_category_put, HTML, 303, false, NULL},
    {"survey API", p_survey, JSON_API, 201, false, NULL},
    {"user updated", p_user_update, HTML, 303, false, NULL},
    {"API key created", p_apikey_create, HTML, 303, false, NULL},
    {"device enrolled", p_device_enrol, HTML, 303, false, NULL},
    {"holiday added", p_holiday_add, HTML, 303, false, NULL},
    {"closure added", p_closure_add, HTML, 303, false, NULL},
    {"workflow API", p_api_event, JSON_API, 200, false, NULL},
    {"sign-out", p_logout, HTML, 303, false, NULL},
    {"paper questionnaires", p_paper_import, HTML, 200, false, NULL},
    {"service users", p_service_users, HTML, 200, false, NULL},
};

/* The 503 in the probe's format, in its language. */
static void check_unavailable(const struct probe *p, const struct resp *r,
                              int n)
{
    bool ok = r->status == 503 && resp_header(r, "Retry-After");
    const char *b = body(r);
    switch (p->kind) {
    case HTML:
        ok = ok && strstr(b, "<html") &&
             strstr(b, p->english ? "The database cannot be reached"
                                  : "Basis data tidak dapat dihubungi");
        break;
    case JSON_API: {
        json_error_t e;
        json_t *j = json_loads(b, 0, &e);
        const char *code = json_string_value(
            json_object_get(json_object_get(j, "error"), "code"));
        ok = ok && code && strcmp(code, "database_unavailable") == 0;
        json_decref(j);
        break;
    }
    case OPEN311_JSON: {
        json_error_t e;
        json_t *j = json_loads(b, 0, &e);
        ok = ok && json_integer_value(
                       json_object_get(json_array_get(j, 0), "code")) == 503;
        json_decref(j);
        break;
    }
    case OPEN311_XML:
        ok = ok && strstr(b, "<errors>") && strstr(b, "<code>503</code>");
        break;
    }
    if (!ok) {
        fprintf(stderr, "  %s, statement %d failing: status %ld, body %.300s\n",
                p->name, n + 1, r->status, b);
        CHECK(ok);
    }
}

/* Send p with the database failing after n statements. */
static void send(const struct probe *p, struct attempt *a, int n,
                 struct resp *r)
{
    char header[512];
    snprintf(header, sizeof(header), "X-Test-Db-Fail-After: %d%s%s", n,
             a->header[0] ? "\n" : "", a->header);
    if (p->english)
        snprintf(a->path + strlen(a->path), sizeof(a->path) - strlen(a->path),
                 "%slang=en", strchr(a->path, '?') ? "&" : "?");
    client_req(a->c, a->method, a->path, a->body[0] ? a->body : NULL, a->ctype,
               header, r);
}

/* Walk every failure point of p; the number of points that fired. */
static int walk(const struct probe *p)
{
    int fired = 0;
    for (int n = 0; n < MAX_STATEMENTS; n++) {
        struct arena *a = arena_new();
        struct attempt at = {0};
        p->prepare(&at);
        bool own = !at.c;
        if (own)
            at.c = client_new(&srv);
        bool fresh = at.c != admin && at.c != front && at.c != officer &&
                     at.c != anon && at.c != sekda && !own;
        const char *before = fingerprint(a, p->may_change);
        struct resp r;
        send(p, &at, n, &r);
        const char *f = resp_header(&r, "X-Test-Db-Fault");
        char fault[32] = "";
        if (f)
            snprintf(fault, sizeof(fault), "%s", f);
        if (!fault[0]) {
            fprintf(stderr, "  %s: no X-Test-Db-Fault (status %ld)\n", p->name,
                    r.status);
            CHECK(fault[0]);
            n = MAX_STATEMENTS;
        } else if (strcmp(fault, "fired") == 0) {
            fired++;
            check_unavailable(p, &r, n);
            const char *after = fingerprint(a, p->may_change);
            if (strcmp(before, after) != 0) {
                fprintf(stderr,
                        "  %s, statement %d failing: rows changed\n"
                        "    before %s\n    after  %s\n",
                        p->name, n + 1, before, after);
                CHECK_STR(after, before);
            }
        } else {
            CHECK_STR(fault, "not-reached");
            if (r.status != p->ok)
                fprintf(stderr, "  %s without a fault: status %ld, %.300s\n",
                        p->name, r.status, body(&r));
            CHECK_INT(r.status, p->ok);
            n = MAX_STATEMENTS;
        }
        resp_free(&r);
        if (own || fresh)
            client_free(at.c);
        arena_free(a);
    }
    return fired;
}

static void test_every_failure_point(void)
{
    int total = 0;
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        int fired = walk(&probes[i]);
        printf("  %-24s %3d failure points\n", probes[i].name, fired);
        total += fired;
        /* Every probe reads the database: at least one point fired. */
        if (fired == 0)
            fprintf(stderr, "  %s: no statement failed\n", probes[i].name);
        CHECK(fired > 0);
    }
    printf("  %zu probes, %d failure points, each answered 503\n",
           sizeof(probes) / sizeof(probes[0]), total);
    /* The server is alive and well after all of them. */
    struct resp r;
    client_get(anon, "/healthz", &r);
    CHECK_INT(r.status, 200);
    resp_free(&r);
}

static void test_off_without_the_setting(void)
{
    /* A server started without SATUPINTU_TEST_FAULTS ignores the header
     * (as production does): nothing fails, nothing is reported. */
    struct server plain;
    unsetenv("SATUPINTU_TEST_FAULTS");
    if (!server_start(&plain, srv.bin)) {
        CHECK(false);
        return;
    }
    struct client *c = client_new(&plain);
    struct resp r;
    client_req(c, "GET", "/services", NULL, NULL, "X-Test-Db-Fail-After: 0",
               &r);
    CHECK_INT(r.status, 200);
    CHECK(resp_header(&r, "X-Test-Db-Fault") == NULL);
    resp_free(&r);
    client_free(c);
    CHECK_INT(server_stop(&plain), 0);
    setenv("SATUPINTU_TEST_FAULTS", "1", 1);
}

/* The fixtures: users, a key, an application, a complaint, a survey
 * token, all made without faults. */
static void setup(void)
{
    user("loket", "front_office", "35.10.09");
    user("pengaduan", "complaint_officer", NULL);
    user("admin2", "administrator", NULL);
    user("sekda", "sekkab", NULL);
    key_for("loket", key_front);
    key_for("admin2", key_admin);
    admin = client_new(&srv);
    front = client_new(&srv);
    officer = client_new(&srv);
    anon = client_new(&srv);
    sekda = client_new(&srv);
    CHECK_INT(client_login(admin, "admin2", "Sandi-Uji-12345"), 303);
    CHECK_INT(client_login(sekda, "sekda", "Sandi-Uji-12345"), 303);
    CHECK_INT(client_login(front, "loket", "Sandi-Uji-12345"), 303);
    CHECK_INT(client_login(officer, "pengaduan", "Sandi-Uji-12345"), 303);
    /* Two applications through the API: one to act on, one handed over
     * for the survey. */
    for (int i = 0; i < 2; i++) {
        struct attempt a = {0};
        p_api_intake(&a);
        struct resp r;
        char header[256];
        snprintf(header, sizeof(header), "%s", a.header);
        client_req(anon, "POST", a.path, a.body, a.ctype, header, &r);
        CHECK_INT(r.status, 201);
        json_error_t e;
        json_t *j = json_loads(body(&r), 0, &e);
        const char *no =
            json_string_value(json_object_get(j, "registration_no"));
        const char *url = json_string_value(json_object_get(j, "survey_url"));
        const char *t = url ? strstr(url, "?t=") : NULL;
        if (i == 0) {
            snprintf(regno, sizeof(regno), "%s", no ? no : "");
            snprintf(pin, sizeof(pin), "%s",
                     json_string_value(json_object_get(j, "pin"))
                         ? json_string_value(json_object_get(j, "pin"))
                         : "");
        } else {
            snprintf(survey_token, sizeof(survey_token), "%s", t ? t + 3 : "");
            struct db *db = NULL;
            CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
            if (db) {
                CHECK_INT(db_run(db, NULL,
                                 "UPDATE applications SET state ="
                                 " 'handed_over' WHERE regno = $1",
                                 DV_TEXT(no ? no : "")),
                          ERR_OK);
                db_close(db);
            }
        }
        json_decref(j);
        resp_free(&r);
    }
    CHECK(regno[0] && pin[0] && survey_token[0]);
    /* A complaint through Open311: its number and token. */
    struct attempt a = {0};
    p_o311_post(&a);
    struct resp r;
    client_req(anon, "POST", a.path, a.body, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    json_error_t e;
    json_t *j = json_loads(body(&r), 0, &e);
    json_t *one = json_array_get(j, 0);
    snprintf(cnumber, sizeof(cnumber), "%s",
             json_string_value(json_object_get(one, "service_request_id"))
                 ? json_string_value(json_object_get(one, "service_request_id"))
                 : "");
    snprintf(ctoken, sizeof(ctoken), "%s",
             json_string_value(json_object_get(one, "token"))
                 ? json_string_value(json_object_get(one, "token"))
                 : "");
    json_decref(j);
    resp_free(&r);
    CHECK(cnumber[0] && ctoken[0]);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s SATUPINTU_BINARY\n", argv[0]);
        return 2;
    }
    setenv("SATUPINTU_TEST_FAULTS", "1", 1);
    if (!server_start(&srv, argv[1]))
        return 1;
    setup();
    RUN(test_every_failure_point);
    RUN(test_off_without_the_setting);
    client_free(admin);
    client_free(front);
    client_free(officer);
    client_free(anon);
    client_free(sekda);
    /* A clean exit: under ASan, also no leak on any path walked. */
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
