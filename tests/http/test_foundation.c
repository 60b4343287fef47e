/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_foundation.c: HTTP tests of the foundation against the real server
 * (one satupintu serve on a free port with a temporary SQLite database):
 * public pages and API, sign-in, throttling, CSRF, permissions and office
 * scope, escaping, size caps, path traversal, API keys, languages, and a
 * clean stop on SIGTERM with a request really in flight.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "test.h"

static struct server srv;
static char admin_pw[64] = "Sandi-Admin-2026!";

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

/* A signed-in admin client (password changed on first run). */
static struct client *admin(void)
{
    struct client *c = client_new(&srv);
    long st = client_login(c, "admin", admin_pw);
    CHECK_INT(st, 303);
    return c;
}

static void test_public_pages(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Satu pintu, semua layanan");
    CHECK_CONTAINS(resp_header(&r, "Content-Security-Policy"),
                   "script-src 'self'");
    CHECK_STR(resp_header(&r, "X-Content-Type-Options"), "nosniff");
    resp_free(&r);

    client_get(c, "/services", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Katalog layanan");
    CHECK_CONTAINS(body(&r), "/services/SKTM");
    resp_free(&r);

    client_get(c, "/services?q=tidak+mampu", &r);
    CHECK_CONTAINS(body(&r), "/services/SKTM");
    CHECK_NOT_CONTAINS(body(&r), "/services/DOMISILI\"");
    resp_free(&r);

    client_get(c, "/services?category=kependudukan", &r);
    CHECK_CONTAINS(body(&r), "/services/KK");
    CHECK_NOT_CONTAINS(body(&r), "/services/SKTM\"");
    resp_free(&r);

    client_get(c, "/services/SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Surat Keterangan Tidak Mampu");
    CHECK_CONTAINS(body(&r), "1. Persyaratan");
    CHECK_CONTAINS(body(&r), "6. Pengaduan");
    CHECK_CONTAINS(body(&r), "Gratis");
    CHECK_CONTAINS(body(&r), "/offices/35.10.09"); /* accepted at Genteng */
    resp_free(&r);

    client_get(c, "/services/SKTM/poster?office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "MAKLUMAT STANDAR PELAYANAN");
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    CHECK_CONTAINS(body(&r), "Certificate of Low Income");
    resp_free(&r);

    client_get(c, "/offices", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Pesanggaran");
    CHECK_CONTAINS(body(&r), "Kantor Kelurahan");
    CHECK_NOT_CONTAINS(body(&r), "Kantor Desa"); /* not service points */
    resp_free(&r);

    client_get(c, "/offices?level=desa&district=35.10.09", &r);
    CHECK_CONTAINS(body(&r), "Kantor Desa");
    CHECK_CONTAINS(body(&r), "Belum");
    resp_free(&r);

    client_get(c, "/offices/35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Jam buka");
    CHECK_CONTAINS(body(&r), "07.30–15.30");
    CHECK_CONTAINS(body(&r), "/services/SKTM");
    resp_free(&r);

    client_get(c, "/services/NOPE", &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "tidak ada");
    resp_free(&r);
    client_free(c);
}

static void test_language_switch_remembered(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/lang/en?next=/services/SKTM", &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(resp_header(&r, "Location"), "/services/SKTM");
    CHECK_CONTAINS(resp_header(&r, "Set-Cookie"), "sp_lang=en");
    resp_free(&r);
    client_get(c, "/services", &r);
    CHECK_CONTAINS(body(&r), "Service catalogue");
    CHECK_CONTAINS(body(&r), "<html lang=\"en\">");
    resp_free(&r);
    client_get(c, "/services/NOPE", &r);
    CHECK_CONTAINS(body(&r), "does not exist");
    resp_free(&r);
    /* An open redirect is refused: next must be a local path. */
    client_get(c, "/lang/id?next=//evil.example/", &r);
    CHECK_STR(resp_header(&r, "Location"), "/");
    resp_free(&r);
    client_get(c, "/services", &r);
    CHECK_CONTAINS(body(&r), "Katalog layanan");
    resp_free(&r);
    client_free(c);
}

static void test_api_catalogue(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/api/v1/services", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "application/json");
    json_t *j = json_of(&r);
    json_t *items = json_object_get(j, "items");
    CHECK(json_array_size(items) >= 25);
    json_t *s0 = json_array_get(items, 0);
    CHECK(json_is_string(json_object_get(s0, "code")));
    CHECK(json_is_string(json_object_get(json_object_get(s0, "name"), "id")));
    CHECK(json_is_string(json_object_get(json_object_get(s0, "name"), "en")));
    CHECK(json_is_integer(json_object_get(s0, "fee")));
    CHECK(json_is_array(json_object_get(s0, "accepted_at")));
    CHECK(json_is_object(json_object_get(s0, "time_limit")));
    CHECK(json_is_string(
        json_object_get(json_object_get(s0, "description"), "id")));
    CHECK(json_is_boolean(json_object_get(s0, "asks_purpose")));
    /* The list is a summary: the details at each service's own address,
     * which it names. */
    CHECK(json_object_get(s0, "requirements") == NULL);
    CHECK(json_object_get(s0, "steps") == NULL);
    CHECK(json_object_get(s0, "complaint_handling") == NULL);
    char self[160];
    snprintf(self, sizeof(self), "/api/v1/services/%s",
             json_string_value(json_object_get(s0, "code")));
    CHECK_STR(json_string_value(json_object_get(s0, "href")), self);
    size_t n_summary = json_array_size(items);
    size_t summary_bytes = r.body.len;
    json_decref(j);
    resp_free(&r);
    client_get(c, self, &r);
    CHECK_INT(r.status, 200);
    j = json_of(&r);
    CHECK(json_is_array(json_object_get(j, "requirements")));
    CHECK(json_is_array(json_object_get(j, "steps")));
    CHECK_STR(json_string_value(json_object_get(j, "href")), self);
    json_decref(j);
    resp_free(&r);
    /* The whole catalogue in one answer, for a client that keeps a copy:
     * every service complete, as at its own address. */
    client_get(c, "/api/v1/services?detail=full", &r);
    CHECK_INT(r.status, 200);
    j = json_of(&r);
    items = json_object_get(j, "items");
    CHECK_INT(json_array_size(items), n_summary);
    s0 = json_array_get(items, 0);
    CHECK(json_is_array(json_object_get(s0, "requirements")));
    CHECK(json_array_size(json_object_get(s0, "steps")) >= 1);
    CHECK(json_is_object(json_object_get(s0, "complaint_handling")));
    CHECK(json_is_array(json_object_get(s0, "accepted_at")));
    CHECK(r.body.len > 3 * summary_bytes);
    json_decref(j);
    resp_free(&r);
    client_get(c, "/api/v1/services?detail=summary", &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, summary_bytes);
    resp_free(&r);
    client_get(c, "/api/v1/services?detail=", &r); /* empty: none */
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, summary_bytes);
    resp_free(&r);
    /* Anything else is refused, in both languages, not taken for one. */
    static const char *const wrong[][2] = {
        {"/api/v1/services?detail=everything", "harus 'summary'"},
        {"/api/v1/services?detail=FULL&lang=en", "must be 'summary'"}};
    for (size_t w = 0; w < 2; w++) {
        client_get(c, wrong[w][0], &r);
        CHECK_INT(r.status, 422);
        j = json_of(&r);
        json_t *err = json_object_get(j, "error");
        CHECK_STR(json_string_value(json_object_get(err, "code")),
                  "validation_failed");
        json_t *f0 = json_array_get(json_object_get(err, "fields"), 0);
        CHECK_STR(json_string_value(json_object_get(f0, "field")), "detail");
        CHECK_STR(json_string_value(json_object_get(f0, "code")), "invalid");
        CHECK_CONTAINS(json_string_value(json_object_get(f0, "message")),
                       wrong[w][1]);
        json_decref(j);
        resp_free(&r);
    }

    client_get(c, "/api/v1/services/SKTM", &r);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "code")), "SKTM");
    json_t *tl = json_object_get(j, "time_limit");
    CHECK(json_integer_value(json_object_get(tl, "amount")) > 0);
    const char *unit = json_string_value(json_object_get(tl, "unit"));
    CHECK(unit && (strcmp(unit, "working_days") == 0 ||
                   strcmp(unit, "working_minutes") == 0));
    CHECK_INT(json_integer_value(json_object_get(j, "fee")), 0);
    json_t *req0 = json_array_get(json_object_get(j, "requirements"), 0);
    CHECK(json_is_boolean(json_object_get(req0, "mandatory")));
    json_t *step0 = json_array_get(json_object_get(j, "steps"), 0);
    CHECK_STR(json_string_value(json_object_get(step0, "role")),
              "front_office");
    /* Public: the six public components; the others need a key. */
    CHECK(json_object_get(j, "legal_basis") == NULL);
    CHECK(json_object_get(j, "product") != NULL);
    CHECK(json_object_get(j, "complaint_handling") != NULL);
    json_decref(j);
    resp_free(&r);

    client_get(c, "/api/v1/offices", &r);
    j = json_of(&r);
    CHECK_INT(json_array_size(json_object_get(j, "items")), 43);
    json_decref(j);
    resp_free(&r);

    client_get(c, "/api/v1/offices/35.10.16.1001", &r);
    CHECK_INT(r.status, 200);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "level")), "kelurahan");
    CHECK(json_is_true(json_object_get(j, "service_point")));
    CHECK_STR(json_string_value(json_object_get(j, "service_point_since")),
              "2026-01-02");
    json_t *hours = json_object_get(j, "hours");
    CHECK(json_is_null(json_object_get(hours, "sunday")));
    CHECK_STR(json_string_value(
                  json_object_get(json_object_get(hours, "friday"), "close")),
              "14:00");
    json_decref(j);
    resp_free(&r);

    client_get(c, "/api/v1/services/NOPE", &r);
    CHECK_INT(r.status, 404);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "not_found");
    json_decref(j);
    resp_free(&r);

    client_req(c, "POST", "/api/v1/services", "x=1", NULL, NULL, &r);
    CHECK_INT(r.status, 405);
    CHECK_CONTAINS(resp_header(&r, "Allow"), "GET");
    resp_free(&r);
    client_free(c);
}

static void test_first_login_forces_password_change(void)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "admin", srv.admin_password), 303);
    struct resp r;
    client_get(c, "/admin/users", &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(resp_header(&r, "Location"), "/account/password");
    resp_free(&r);
    client_get(c, "/account/password", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    /* Too short: 422 with the message next to the field. */
    snprintf(form, sizeof(form), "csrf=%s&current=%s&new=short&confirm=short",
             csrf, srv.admin_password);
    client_post(c, "/account/password", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "10 sampai 128 karakter");
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&current=%s&new=%s&confirm=%s", csrf,
             srv.admin_password, urlenc(admin_pw), urlenc(admin_pw));
    client_post(c, "/account/password", form, &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(resp_header(&r, "Location"), "/staff");
    resp_free(&r);
    client_get(c, "/admin/users", &r);
    CHECK_INT(r.status, 200);
    resp_free(&r);
    client_free(c);
    /* The one-time password no longer works. */
    struct client *d = client_new(&srv);
    CHECK_INT(client_login(d, "admin", srv.admin_password), 401);
    client_free(d);
}

static void test_session_cookie(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/login", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    CHECK(strlen(csrf) == 64);
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&login=admin&password=%s", csrf,
             urlenc(admin_pw));
    client_post(c, "/login", form, &r);
    CHECK_INT(r.status, 303);
    const char *cookie = NULL;
    /* Find the session cookie among the Set-Cookie headers. */
    const char *h = strstr(buf_cstr(&r.headers), "sp_session=");
    cookie = h;
    CHECK(cookie != NULL);
    if (cookie) {
        char line[512];
        snprintf(line, sizeof(line), "%.*s", (int)strcspn(cookie, "\r\n"),
                 cookie);
        CHECK_CONTAINS(line, "HttpOnly");
        CHECK_CONTAINS(line, "SameSite=Lax");
        CHECK_NOT_CONTAINS(line, "Secure"); /* plain HTTP on loopback */
    }
    resp_free(&r);
    /* Sign out ends the session server-side. */
    client_get(c, "/staff", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, "/logout", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(c, "/staff", &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "/login");
    resp_free(&r);
    client_free(c);
}

static void test_wrong_password_and_throttling(void)
{
    struct buf out;
    buf_init(&out, 4096);
    /* Create the user through the admin form (audited). */
    struct client *a = admin();
    struct resp r;
    client_get(a, "/admin/users", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&login=budi&full_name=Budi&role=front_office&"
             "office=35.10.09",
             csrf);
    client_post(a, "/admin/users", form, &r);
    CHECK_INT(r.status, 201);
    const char *p = strstr(body(&r), "class=\"secret\">");
    char budi_pw[64] = "";
    if (p)
        sscanf(p + strlen("class=\"secret\">"), "%63[^<]", budi_pw);
    CHECK(strlen(budi_pw) >= 12);
    resp_free(&r);
    client_free(a);
    buf_free(&out);

    struct client *c = client_new(&srv);
    for (int i = 0; i < 5; i++)
        CHECK_INT(client_login(c, "budi", "salah-sekali-123"), 401);
    client_get(c, "/login", &r);
    resp_free(&r);
    /* The sixth attempt is refused even with the right password. */
    CHECK_INT(client_login(c, "budi", budi_pw), 429);
    /* A wrong password says so in the user's language. */
    client_get(c, "/lang/en?next=/login", &r);
    resp_free(&r);
    client_get(c, "/login", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&login=nobody&password=x", csrf);
    client_post(c, "/login", form, &r);
    CHECK_INT(r.status, 401);
    CHECK_CONTAINS(body(&r), "Wrong user name or password");
    resp_free(&r);
    client_free(c);

    /* An administrator's reset lifts the lock (via the CLI). */
    const char *reset[] = {"user", "passwd", "budi", NULL};
    buf_init(&out, 4096);
    CHECK_INT(server_cli(&srv, &out, reset), 0);
    p = strstr(buf_cstr(&out), "password for budi: ");
    char fresh[64] = "";
    if (p)
        sscanf(p + strlen("password for budi: "), "%63s", fresh);
    buf_free(&out);
    struct client *d = client_new(&srv);
    CHECK_INT(client_login(d, "budi", fresh), 303);
    client_free(d);
}

static void test_csrf_rejected(void)
{
    struct client *a = admin();
    struct resp r;
    client_post(a, "/admin/users", "login=eve&full_name=Eve&role=administrator",
                &r);
    CHECK_INT(r.status, 403);
    CHECK_CONTAINS(body(&r), "Formulir kedaluwarsa");
    resp_free(&r);
    client_post(a, "/admin/users",
                "csrf=0000000000000000000000000000000000000000000000000000000"
                "000000000&login=eve&full_name=Eve&role=administrator",
                &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* Nothing was created. */
    client_get(a, "/admin/users/eve", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(a);
    /* Sign-in without the cookie's token is refused too. */
    struct client *c = client_new(&srv);
    client_post(c, "/login", "login=admin&password=x", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(c);
}

/* Create a user through the CLI with a known password. */
static void cli_user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

static void test_permissions_and_scope(void)
{
    cli_user("camat.genteng", "head_of_office", "35.10.09");
    cli_user("loket.giri", "front_office", "35.10.17");
    cli_user("sekda", "sekkab", NULL);

    struct client *f = client_new(&srv);
    CHECK_INT(client_login(f, "loket.giri", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(f, "/admin/users", &r);
    CHECK_INT(r.status, 403);
    CHECK_CONTAINS(body(&r), "tidak berwenang");
    resp_free(&r);
    client_get(f, "/admin/offices/35.10.17", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_get(f, "/staff", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Giri");
    resp_free(&r);
    client_free(f);

    struct client *s = client_new(&srv);
    CHECK_INT(client_login(s, "sekda", "Sandi-Uji-12345"), 303);
    client_get(s, "/admin/audit", &r);
    CHECK_INT(r.status, 200);
    resp_free(&r);
    client_get(s, "/admin/services", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(s);

    /* A head of office edits their own office, not another. */
    struct client *h = client_new(&srv);
    CHECK_INT(client_login(h, "camat.genteng", "Sandi-Uji-12345"), 303);
    client_get(h, "/admin/offices/35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_NOT_CONTAINS(body(&r), "name=\"service_point_since\"");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[2048];
    snprintf(form, sizeof(form),
             "csrf=%s&address=Jl.+Gajah+Mada+1&phone=0333-845001&"
             "open_1=07:00&close_1=15:00&open_2=07:00&close_2=15:00&"
             "open_3=07:00&close_3=15:00&open_4=07:00&close_4=15:00&"
             "open_5=07:00&close_5=11:00&service_point_since=2030-01-01",
             csrf);
    client_post(h, "/admin/offices/35.10.09", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(h, "/api/v1/offices/35.10.09", &r);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "phone")), "0333-845001");
    /* The head cannot move the service point date. */
    CHECK_STR(json_string_value(json_object_get(j, "service_point_since")),
              "2026-01-02");
    json_decref(j);
    resp_free(&r);
    client_get(h, "/admin/offices/35.10.17", &r);
    CHECK_INT(r.status, 403);
    CHECK_CONTAINS(body(&r), "di luar wilayah kerja");
    resp_free(&r);
    client_post(h, "/admin/offices/35.10.17", form, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* Bad hours: 422 with the message next to the field. */
    snprintf(form, sizeof(form),
             "csrf=%s&address=x&phone=abc&open_1=15:00&close_1=07:00", csrf);
    client_post(h, "/admin/offices/35.10.09", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "tutup setelah buka");
    CHECK_CONTAINS(body(&r), "angka, spasi");
    resp_free(&r);
    client_free(h);
}

static void test_no_self_promotion(void)
{
    struct client *a = admin();
    struct resp r;
    client_get(a, "/admin/users/admin", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&full_name=Admin&role=sekkab&office=", csrf);
    client_post(a, "/admin/users/admin", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "peran Anda sendiri");
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&full_name=Admin&role=administrator&disabled=1", csrf);
    client_post(a, "/admin/users/admin", form, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    /* An office-bound role without an office is refused. */
    client_get(a, "/admin/users/budi", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&full_name=Budi&role=front_office&office=", csrf);
    client_post(a, "/admin/users/budi", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "terikat pada satu kantor");
    resp_free(&r);
    /* Every change is in the audit log, with before and after. */
    client_get(a, "/admin/audit?entity=office&key=35.10.09", &r);
    CHECK_CONTAINS(body(&r), "camat.genteng");
    CHECK_CONTAINS(body(&r), "0333-845001");
    resp_free(&r);
    client_free(a);
}

static void test_hostile_service_name_escaped(void)
{
    struct client *a = admin();
    struct resp r;
    client_get(a, "/admin/services/SKTM", &r);
    CHECK_INT(r.status, 200);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    /* Re-post the form as it is, with a hostile name. */
    client_get(a, "/api/v1/services/SKTM", &r);
    json_t *j = json_of(&r);
    resp_free(&r);
    struct buf form;
    buf_init(&form, 1 << 20);
    buf_printf(&form, "csrf=%s&category=%s&name_id=%s", csrf,
               json_string_value(json_object_get(j, "category")),
               urlenc("<script>alert('x')</script> \"Tidak Mampu\""));
    buf_printf(&form,
               "&name_en=%s&accepted_at=kecamatan&accepted_at="
               "kelurahan&time_amount=1&time_unit=working_days&fee=0"
               "&active=1",
               urlenc("Low income <b>certificate</b>"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(j, "requirements"), i, v)
    {
        buf_printf(&form, "&req_code[%zu]=%s", i,
                   json_string_value(json_object_get(v, "code")));
        buf_printf(&form, "&req_name[%zu]_id=%s", i,
                   urlenc(json_string_value(
                       json_object_get(json_object_get(v, "name"), "id"))));
        buf_printf(&form, "&req_mandatory[%zu]=1", i);
    }
    json_array_foreach(json_object_get(j, "steps"), i, v)
    {
        buf_printf(&form, "&step_code[%zu]=%s&step_role[%zu]=%s", i,
                   json_string_value(json_object_get(v, "code")), i,
                   json_string_value(json_object_get(v, "role")));
        buf_printf(&form, "&step_state[%zu]=%s", i,
                   json_string_value(json_object_get(v, "state")));
        buf_printf(&form, "&step_name[%zu]_id=%s", i,
                   urlenc(json_string_value(
                       json_object_get(json_object_get(v, "name"), "id"))));
    }
    static const char *const comps[] = {
        "description", "cost",       "product",    "complaint_handling",
        "legal_basis", "facilities", "competence", "supervision",
        "staff",       "guarantee",  "safety",     "evaluation"};
    for (size_t k = 0; k < sizeof(comps) / sizeof(comps[0]); k++)
        buf_printf(&form, "&comp_%s_id=%s", comps[k],
                   urlenc(json_string_value(
                       json_object_get(json_object_get(j, comps[k]), "id"))));
    json_decref(j);
    client_post(a, "/admin/services/SKTM", buf_cstr(&form), &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);

    client_get(a, "/services/SKTM", &r);
    CHECK_NOT_CONTAINS(body(&r), "<script>alert");
    CHECK_CONTAINS(body(&r), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; "
                             "&quot;Tidak Mampu&quot;");
    CHECK_CONTAINS(body(&r), "versi standar 2");
    resp_free(&r);
    client_get(a, "/services?q=Tidak+Mampu", &r);
    CHECK_NOT_CONTAINS(body(&r), "<script>alert");
    CHECK_CONTAINS(body(&r), "&lt;script&gt;");
    resp_free(&r);
    client_get(a, "/api/v1/services/SKTM", &r);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "name"), "id")),
        "<script>alert('x')</script> \"Tidak Mampu\"");
    CHECK_INT(json_integer_value(json_object_get(j, "version")), 2);
    json_decref(j);
    resp_free(&r);

    /* Invalid: a paid service without a tariff rule, no steps -> 422. */
    char bad[1024];
    snprintf(bad, sizeof(bad),
             "csrf=%s&code=BARU&category=keterangan&name_id=Baru&"
             "name_en=New&time_amount=0&fee=abc",
             csrf);
    client_post(a, "/admin/services/new", bad, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Isi biaya dalam rupiah");
    CHECK_CONTAINS(body(&r), "Isi 2 sampai 15 langkah SOP");
    CHECK_CONTAINS(body(&r), "minimal satu tingkat kantor");
    resp_free(&r);
    client_get(a, "/api/v1/services/BARU", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    buf_free(&form);
    client_free(a);
}

static void test_size_caps(void)
{
    struct client *c = client_new(&srv);
    size_t n = 5u * 1024 * 1024;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    memcpy(big, "q=", 2);
    big[n] = '\0';
    struct resp r;
    client_post(c, "/login", big, &r);
    CHECK_INT(r.status, 413);
    CHECK_CONTAINS(body(&r), "terlalu besar");
    resp_free(&r);
    free(big);
    /* One field over its cap (64 KiB) inside an allowed body. */
    size_t m = 70u * 1024;
    char *field = malloc(m + 32);
    memcpy(field, "login=", 6);
    memset(field + 6, 'b', m);
    field[6 + m] = '\0';
    client_post(c, "/login", field, &r);
    CHECK_INT(r.status, 413);
    resp_free(&r);
    free(field);
    /* The server is still there. */
    client_get(c, "/healthz", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "\"ok\"");
    resp_free(&r);
    client_free(c);
}

static void test_path_traversal(void)
{
    static const char *const paths[] = {"/static/../CMakeLists.txt",
                                        "/static/..%2f..%2fCMakeLists.txt",
                                        "/static/%2e%2e/data/regency.json",
                                        "/static/../../etc/passwd",
                                        "/static//etc/passwd",
                                        "/static/",
                                        "/static/style.css/../../x",
                                        "/static/%00style.css"};
    struct client *c = client_new(&srv);
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        struct resp r;
        client_get(c, paths[i], &r);
        CHECK(r.status == 404 || r.status == 400);
        CHECK_NOT_CONTAINS(body(&r), "cmake_minimum_required");
        CHECK_NOT_CONTAINS(body(&r), "root:");
        CHECK_NOT_CONTAINS(body(&r), "regency_code");
        resp_free(&r);
    }
    struct resp r;
    client_get(c, "/static/style.css", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/css");
    resp_free(&r);
    client_free(c);
}

static void test_api_keys(void)
{
    struct buf out;
    buf_init(&out, 4096);
    const char *create[] = {"apikey",  "create",    "--user", "sekda",
                            "--label", "dashboard", NULL};
    CHECK_INT(server_cli(&srv, &out, create), 0);
    char key[64] = "";
    sscanf(buf_cstr(&out), "%63s", key);
    CHECK_INT(strlen(key), 51);
    buf_free(&out);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "GET", "/api/v1/me", NULL, NULL, auth, &r);
    CHECK_INT(r.status, 200);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "role")), "sekkab");
    CHECK(json_is_true(json_object_get(j, "via_api_key")));
    json_decref(j);
    resp_free(&r);
    client_req(c, "GET", "/api/v1/services/SKTM", NULL, NULL, auth, &r);
    j = json_of(&r);
    CHECK(json_object_get(j, "legal_basis") != NULL);
    CHECK(json_object_get(j, "supervision") != NULL);
    json_decref(j);
    resp_free(&r);
    client_get(c, "/api/v1/me", &r);
    CHECK_INT(r.status, 401);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "unauthorized");
    json_decref(j);
    resp_free(&r);
    /* A wrong key is refused even on a public endpoint. */
    client_req(c, "GET", "/api/v1/services", NULL, NULL,
               "Authorization: Bearer sp_0000000000000000000000000000000000"
               "00000000000000",
               &r);
    CHECK_INT(r.status, 401);
    CHECK_STR(resp_header(&r, "WWW-Authenticate"), "Bearer");
    resp_free(&r);
    /* A key does not open the HTML staff pages. */
    client_req(c, "GET", "/admin/audit", NULL, NULL, auth, &r);
    CHECK(r.status == 401 || r.status == 303);
    resp_free(&r);
    /* Revoked: refused. */
    const char *list[] = {"apikey", "list", NULL};
    buf_init(&out, 4096);
    server_cli(&srv, &out, list);
    char id[16] = "";
    sscanf(buf_cstr(&out), "%15s", id);
    buf_free(&out);
    const char *revoke[] = {"apikey", "revoke", id, NULL};
    CHECK_INT(server_cli(&srv, NULL, revoke), 0);
    client_req(c, "GET", "/api/v1/me", NULL, NULL, auth, &r);
    CHECK_INT(r.status, 401);
    resp_free(&r);
    client_free(c);
}

static void test_bad_requests(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "DELETE", "/services", NULL, NULL, NULL, &r);
    CHECK_INT(r.status, 405);
    resp_free(&r);
    client_get(c, "/services?q=%ff%fe%00<x>", &r);
    CHECK_INT(r.status, 200);
    CHECK_NOT_CONTAINS(body(&r), "<x>");
    resp_free(&r);
    client_get(c, "/offices/%3Cscript%3E", &r);
    CHECK_INT(r.status, 404);
    CHECK_NOT_CONTAINS(body(&r), "<script>");
    resp_free(&r);
    client_req(c, "HEAD", "/services", NULL, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, 0);
    resp_free(&r);
    client_free(c);
}

static void test_static_dir(void)
{
    /* A second server serving /static/ from a directory. */
    char dir[] = "/tmp/sp-static-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128], cmd[512];
    snprintf(path, sizeof(path), "%s/site.css", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("body { color: teal; }\n", f);
        fclose(f);
    }
    snprintf(cmd, sizeof(cmd),
             "ln -s /etc/passwd %s/link.css && mkdir %s/sub && "
             "echo secret > %s/sub/x.css && echo hidden > %s/.env",
             dir, dir, dir, dir);
    CHECK_INT(system(cmd), 0);
    const char *extra[] = {"--static-dir", dir, NULL};
    struct server other;
    CHECK(server_start_with(&other, srv.bin, extra));
    struct client *c = client_new(&other);
    struct resp r;
    client_get(c, "/static/site.css", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "teal");
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/css");
    resp_free(&r);
    static const char *const refused[] = {
        "/static/link.css", "/static/sub/x.css", "/static/.env",
        "/static/../site.css", "/static/style.css"};
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        client_get(c, refused[i], &r);
        CHECK_INT(r.status, 404);
        CHECK_NOT_CONTAINS(body(&r), "root:");
        CHECK_NOT_CONTAINS(body(&r), "secret");
        CHECK_NOT_CONTAINS(body(&r), "hidden");
        resp_free(&r);
    }
    client_free(c);
    CHECK_INT(server_stop(&other), 0);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}

/* A raw connection to the server (no libcurl: we choose when each byte
 * goes out), with generous receive and send timeouts; -1 on failure. */
static int raw_connect_port(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool raw_send(int fd, const char *s)
{
    size_t len = strlen(s), off = 0;
    while (off < len) {
        ssize_t n = send(fd, s + off, len - off, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        off += (size_t)n;
    }
    return true;
}

/* Read into out until it contains needle (or, needle NULL, until the
 * peer closes); false on a timeout or an error first. */
static bool raw_read(int fd, struct buf *out, const char *needle)
{
    char chunk[4096];
    while (!needle || !strstr(buf_cstr(out), needle)) {
        ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
        if (n == 0)
            return needle == NULL;
        if (n < 0)
            return false;
        buf_append(out, chunk, (size_t)n);
    }
    return true;
}

static void test_clean_stop(void)
{
    /* SIGTERM with nothing in flight: exit 0. */
    CHECK_INT(server_halt(&srv), 0);

    /* Again with a request in flight: a sign-in POST whose body is sent
     * in two halves, SIGTERM between them. The answer echoes the user
     * name, which is split across the halves, so it can only come from
     * the whole body, received after the signal. */
    char log_path[128];
    snprintf(log_path, sizeof(log_path), "%s/serve.log", srv.dir);
    CHECK(server_serve_log(&srv, NULL, log_path));
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/login", &r);
    char csrf[128], cookie[128] = "";
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    const char *set = strstr(buf_cstr(&r.headers), "sp_csrf=");
    if (set)
        snprintf(cookie, sizeof(cookie), "%.*s", (int)strcspn(set, ";\r\n"),
                 set);
    resp_free(&r);
    client_free(c);
    CHECK(*csrf && *cookie);
    char first[256], rest[128], head[512];
    snprintf(first, sizeof(first), "csrf=%s&next=&login=in", csrf);
    snprintf(rest, sizeof(rest), "flight-complete&password=wrong-password");
    snprintf(head, sizeof(head),
             "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             "Content-Type: application/x-www-form-urlencoded\r\n"
             "Content-Length: %zu\r\nCookie: %s\r\n"
             "Expect: 100-continue\r\nConnection: close\r\n\r\n",
             strlen(first) + strlen(rest), cookie);
    int fd = raw_connect_port(srv.port);
    CHECK(fd >= 0);
    struct buf in;
    buf_init(&in, 1u << 20);
    /* "100 Continue" proves the server has the request: it is in flight. */
    CHECK(raw_send(fd, head));
    CHECK(raw_read(fd, &in, "\r\n\r\n"));
    CHECK(strncmp(buf_cstr(&in), "HTTP/1.1 100", 12) == 0);
    buf_reset(&in);
    CHECK(raw_send(fd, first));
    kill(srv.pid, SIGTERM);
    /* The server took the signal (it logs it) before the rest goes. */
    CHECK(file_wait_for(log_path, "finishing requests in flight", 30));
    CHECK(raw_send(fd, rest));
    CHECK(raw_read(fd, &in, NULL));
    close(fd);
    /* A complete answer: status, Content-Length bytes of body, and the
     * user name from both halves. */
    const char *resp_text = buf_cstr(&in);
    CHECK(strncmp(resp_text, "HTTP/1.1 401", 12) == 0);
    const char *end = strstr(resp_text, "\r\n\r\n");
    const char *cl = strstr(resp_text, "Content-Length: ");
    CHECK(end && cl && cl < end);
    if (end && cl && cl < end) {
        size_t want =
            (size_t)strtoul(cl + strlen("Content-Length: "), NULL, 10);
        CHECK_INT(in.len - (size_t)(end + 4 - resp_text), want);
        CHECK(want > 0);
    }
    CHECK_CONTAINS(resp_text, "value=\"inflight-complete\"");
    CHECK_CONTAINS(resp_text, "</html>");
    buf_free(&in);
    /* And the process exits 0 (server_stop also removes the directory). */
    CHECK_INT(server_stop(&srv), 0);
}

/* serve with one variable set: its exit status (a refused setting ends it
 * before it listens; one that is taken lets it serve until timeout(1)
 * ends it after 30 s, 124). */
static int serve_with(const char *assignment)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "timeout 30 env %s %s serve --db %s --listen 127.0.0.1:0 "
             ">/dev/null 2>&1",
             assignment, srv.bin, srv.db_url);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_settings_refused(void)
{
    /* A setting that is not a number in its range stops serve with exit
     * status 2, as the flags do; none is read as 0 or silently ignored. */
    static const char *const bad[] = {
        "SATUPINTU_KIOSK_GAP=abc",     "SATUPINTU_KIOSK_GAP=-1",
        "SATUPINTU_KIOSK_GAP=3601",    "SATUPINTU_JOBS_INTERVAL=0",
        "SATUPINTU_JOBS_INTERVAL=10x", "SATUPINTU_JOBS_INTERVAL=86401",
        "SATUPINTU_THREADS=0",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        int status = serve_with(bad[i]);
        if (status != 2)
            fprintf(stderr, "  %s: exit status %d\n", bad[i], status);
        CHECK_INT(status, 2);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_foundation PATH/TO/satupintu\n");
        return 2;
    }
    if (!server_start(&srv, argv[1]))
        return 1;
    RUN(test_public_pages);
    RUN(test_language_switch_remembered);
    RUN(test_api_catalogue);
    RUN(test_first_login_forces_password_change);
    RUN(test_session_cookie);
    RUN(test_wrong_password_and_throttling);
    RUN(test_csrf_rejected);
    RUN(test_permissions_and_scope);
    RUN(test_no_self_promotion);
    RUN(test_hostile_service_name_escaped);
    RUN(test_size_caps);
    RUN(test_path_traversal);
    RUN(test_api_keys);
    RUN(test_bad_requests);
    RUN(test_static_dir);
    RUN(test_settings_refused);
    RUN(test_clean_stop);
    TEST_END();
}
