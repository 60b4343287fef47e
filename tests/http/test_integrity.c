/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_integrity.c: nothing a citizen or an official relies on can be
 * guessed, faked or locked by a stranger (docs/SECURITY.md rules 5, 8,
 * 15, 27, 28, 31-34, 38-45). The server runs with --trust-proxy, so each
 * request can come from the address its X-Forwarded-For names: one test
 * plays the office, the citizen and the attacker at different addresses.
 *
 *   - a scripted brute force of a complaint PIN is stopped, and the
 *     complainant still opens the complaint with the second fact;
 *   - five wrong passwords from a stranger's address do not lock the
 *     officer out at the office; 40 parallel guesses get exactly five
 *     evaluations (the attempt is reserved before hashing);
 *   - the public complaint form is rate-limited per address;
 *   - a complaint naming a registration number goes to that office; a
 *     complaint officer bound to one office cannot file slips for another;
 *   - front- and back-office staff read no complaints; oversight sees the
 *     NIK masked and no phone or e-mail, and no receipt;
 *   - a record outside the scope answers like an unknown one;
 *   - a valid API key where keys are not used is ignored, a bad one is
 *     401;
 *   - a form sent twice creates one record (complaint, application, API
 *     key), and so does an API request repeated with its Idempotency-Key;
 *   - a password change rotates the session; passwords count characters;
 *   - a citizen's reply is capped at 4000 characters.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

/* A JSON string member, or "". */
static const char *jstr(json_t *j, const char *key)
{
    const char *v = json_string_value(json_object_get(j, key));
    return v ? v : "";
}

/* "X-Forwarded-For: ADDR" (static). */
static const char *from(const char *addr)
{
    static _Thread_local char h[96]; /* the guesses run in parallel */
    snprintf(h, sizeof(h), "X-Forwarded-For: %s", addr);
    return h;
}

static long get_from(struct client *c, const char *path, const char *addr,
                     struct resp *r)
{
    client_req(c, "GET", path, NULL, NULL, from(addr), r);
    return r->status;
}

static long post_from(struct client *c, const char *path, const char *form,
                      const char *addr, struct resp *r)
{
    client_req(c, "POST", path, form, NULL, from(addr), r);
    return r->status;
}

/* The csrf field of path's page (seen from addr), into out[128]. */
static void csrf_of(struct client *c, const char *path, const char *addr,
                    char out[128])
{
    struct resp r;
    get_from(c, path, addr, &r);
    snprintf(out, 128, "%s", resp_csrf(&r));
    resp_free(&r);
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

static long login_from(struct client *c, const char *login,
                       const char *password, const char *addr)
{
    char csrf[128];
    csrf_of(c, "/login", addr, csrf);
    char form[1024];
    int n =
        snprintf(form, sizeof(form), "csrf=%s&login=%s", csrf, urlenc(login));
    snprintf(form + n, sizeof(form) - (size_t)n, "&password=%s",
             urlenc(password));
    struct resp r;
    long status = post_from(c, "/login", form, addr, &r);
    resp_free(&r);
    return status;
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

/* "Authorization: Bearer KEY" of a new key of login, into out[128]. */
static void bearer(const char *login, char out[128])
{
    struct buf o;
    buf_init(&o, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &o, args), 0);
    snprintf(out, 128, "Authorization: Bearer %.51s", buf_cstr(&o));
    buf_free(&o);
}

static int64_t count_rows(const char *sql)
{
    struct db *db = NULL;
    int64_t n = -1;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &n, sql, DV_INT(0)) != ERR_OK)
        n = -1;
    db_close(db);
    return n;
}

/* File a complaint from addr through the public form: the status of the
 * POST; number and pin from the acknowledgement it redirects to. */
static long complain(const char *addr, const char *office, const char *regno,
                     const char *contact, char number[32], char pin[16])
{
    struct client *c = client_new(&srv);
    struct resp r;
    get_from(c, "/complaints/new", addr, &r);
    char csrf[128], token[64];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    snprintf(token, sizeof(token), "%s", field_of(&r, "form_token"));
    resp_free(&r);
    char form[2048];
    snprintf(form, sizeof(form),
             "csrf=%s&form_token=%s&office=%s&regno=%s&category=other&"
             "body=Loket+tutup+jam+10&identity=named&name=Ani&contact=%s",
             csrf, token, office, regno, urlenc(contact));
    long status = post_from(c, "/complaints", form, addr, &r);
    const char *loc = resp_header(&r, "Location");
    char where[256] = "";
    if (loc)
        snprintf(where, sizeof(where), "%s", loc);
    resp_free(&r);
    if (number)
        number[0] = '\0';
    if (status == 303 && number) {
        get_from(c, where, addr, &r);
        const char *p = strstr(body(&r), "<strong>P-");
        if (p)
            sscanf(p + 8, "%31[^<]", number);
        p = strstr(body(&r), "PIN: <strong>");
        if (p)
            sscanf(p + 13, "%15[0-9]", pin);
        resp_free(&r);
    }
    client_free(c);
    return status;
}

static void test_complaint_pin_brute_force(void)
{
    char number[32] = "", pin[16] = "";
    CHECK_INT(
        complain("10.20.0.1", "35.10.09", "", "0812-3456-7890", number, pin),
        303);
    CHECK(strncmp(number, "P-", 2) == 0);
    CHECK_INT(strlen(pin), 6);
    /* An attacker tries PINs on the reply form (the path that can close
     * someone's complaint), from one address. */
    struct client *a = client_new(&srv);
    char csrf[128];
    csrf_of(a, "/complaints/new", "10.66.0.1", csrf);
    int found = 0, guarded = 0, throttled = 0;
    for (int i = 0; i < 60; i++) {
        char form[512];
        snprintf(form, sizeof(form), "csrf=%s&no=%s&pin=%06d&action=accept",
                 csrf, number, (i * 7919) % 1000000);
        struct resp r;
        long st = post_from(a, "/complaints/track", form, "10.66.0.1", &r);
        found += st == 303;
        guarded += st == 422;
        throttled += st == 429;
        resp_free(&r);
    }
    CHECK_INT(found, 0);
    CHECK(guarded > 0);            /* the number is guarded after 10 */
    CHECK_INT(throttled, 60 - 30); /* the address, after its 30 failures */
    /* Even the right PIN from the attacker's address: refused. */
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&no=%s&pin=%s&action=accept", csrf,
             number, pin);
    struct resp r;
    CHECK_INT(post_from(a, "/complaints/track", form, "10.66.0.1", &r), 429);
    resp_free(&r);
    client_free(a);
    /* The complainant, elsewhere: the PIN alone is not enough now, the PIN
     * with the last four digits of the phone is. */
    struct client *c = client_new(&srv);
    char path[256];
    snprintf(path, sizeof(path), "/complaints/track?no=%s&pin=%s", number, pin);
    CHECK_INT(get_from(c, path, "10.20.0.1", &r), 422);
    CHECK_CONTAINS(body(&r), "name=\"phone4\"");
    resp_free(&r);
    snprintf(path, sizeof(path), "/complaints/track?no=%s&pin=%s&phone4=7891",
             number, pin);
    CHECK_INT(get_from(c, path, "10.20.0.1", &r), 404); /* wrong fact */
    resp_free(&r);
    snprintf(path, sizeof(path), "/complaints/track?no=%s&pin=%s&phone4=7890",
             number, pin);
    CHECK_INT(get_from(c, path, "10.20.0.1", &r), 200);
    CHECK_CONTAINS(body(&r), number);
    CHECK_CONTAINS(body(&r), "Diterima");
    resp_free(&r);
    client_free(c);
    /* Nothing was accepted or closed. */
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT COUNT(*) FROM complaints WHERE number = '%s' AND state ="
             " 'received' AND id > $1",
             number);
    CHECK_INT(count_rows(sql), 1);
}

/* One guess per thread, all at once. */
struct guess {
    long status;
};

static void *guess_thread(void *arg)
{
    struct guess *g = arg;
    struct client *c = client_new(&srv);
    g->status = login_from(c, "petugas.tebak", "salah-sekali-123", "10.77.0.1");
    client_free(c);
    return NULL;
}

static void test_signin_lockout_and_race(void)
{
    user("petugas.kantor", "front_office", "35.10.09");
    /* The officer signs in at the office once (its address is known). */
    struct client *o = client_new(&srv);
    CHECK_INT(login_from(o, "petugas.kantor", "Sandi-Uji-12345", "10.1.9.9"),
              303);
    client_free(o);
    /* A stranger's five wrong passwords, then even the right one is held
     * back at the stranger's address... */
    struct client *s = client_new(&srv);
    for (int i = 0; i < 5; i++)
        CHECK_INT(login_from(s, "petugas.kantor", "Salah-Salah-1", "10.66.1.1"),
                  401);
    CHECK_INT(login_from(s, "petugas.kantor", "Sandi-Uji-12345", "10.66.1.1"),
              429);
    client_free(s);
    /* ...while the officer signs in at the office. */
    o = client_new(&srv);
    CHECK_INT(login_from(o, "petugas.kantor", "Sandi-Uji-12345", "10.1.9.9"),
              303);
    client_free(o);
    /* 40 guesses at once from one address: exactly 5 are evaluated. */
    user("petugas.tebak", "front_office", "35.10.09");
    enum { N = 40 };
    pthread_t t[N];
    struct guess g[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, guess_thread, &g[i]);
    int wrong = 0, held = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        wrong += g[i].status == 401;
        held += g[i].status == 429;
    }
    /* Any other answer is named, so that a failure says what it was. */
    for (int i = 0; i < N; i++)
        if (g[i].status != 401 && g[i].status != 429)
            fprintf(stderr, "guess %d of %d: status %ld\n", i + 1, N,
                    g[i].status);
    CHECK_INT(wrong, 5);
    CHECK_INT(held, N - 5);
}

static void test_complaint_doors(void)
{
    /* Five from one address in ten minutes, then 429 and nothing stored. */
    int64_t before =
        count_rows("SELECT COUNT(*) FROM complaints WHERE id > $1");
    for (int i = 0; i < 5; i++)
        CHECK_INT(complain("10.30.0.1", "35.10.09", "", "", NULL, NULL), 303);
    CHECK_INT(complain("10.30.0.1", "35.10.09", "", "", NULL, NULL), 429);
    CHECK_INT(count_rows("SELECT COUNT(*) FROM complaints WHERE id > $1"),
              before + 5);
    /* Another address is not held back. */
    CHECK_INT(complain("10.30.0.2", "35.10.09", "", "", NULL, NULL), 303);
    /* The public form preselects no office. */
    struct client *c = client_new(&srv);
    struct resp r;
    get_from(c, "/complaints/new?office=35.10.09", "10.30.0.3", &r);
    CHECK_NOT_CONTAINS(body(&r), "selected>Kantor Kecamatan");
    CHECK_CONTAINS(body(&r), "<option value=\"\">");
    resp_free(&r);
    client_free(c);
}

/* Register an application at 35.10.09 through the API; its number. */
static void register_app(const char *auth, const char *idem, char regno[32],
                         long *status)
{
    struct client *c = client_new(&srv);
    struct resp r;
    char headers[300];
    snprintf(headers, sizeof(headers), "%s", auth);
    /* One extra header only: Idempotency-Key rides on a second request
     * helper below when needed. */
    (void)idem;
    client_req(
        c, "POST", "/api/v1/applications",
        "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{"
        "\"nik\":\"3510164101900123\",\"name\":\"Siti\",\"phone\":"
        "\"081234567890\",\"email\":\"siti@example.id\"},"
        "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\","
        "\"SURAT_PERNYATAAN\"]}",
        "application/json", headers, &r);
    *status = r.status;
    json_t *j = json_of(&r);
    snprintf(regno, 32, "%s", jstr(j, "registration_no"));
    json_decref(j);
    resp_free(&r);
    client_free(c);
}

static void test_scope_and_masking(void)
{
    user("loket.genteng", "front_office", "35.10.09");
    user("proses.genteng", "back_office", "35.10.09");
    user("camat.giri", "head_of_office", "35.10.17");
    user("pengaduan.giri", "complaint_officer", "35.10.17");
    user("bupati", "bupati", NULL);
    char auth[128];
    bearer("loket.genteng", auth);
    char regno[32];
    long st = 0;
    register_app(auth, NULL, regno, &st);
    CHECK_INT(st, 201);
    /* A complaint naming the application goes to its office... */
    char number[32], pin[16];
    CHECK_INT(complain("10.40.0.1", "", regno, "", number, pin), 303);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT COUNT(*) FROM complaints c JOIN offices o ON o.id ="
             " c.office_id WHERE c.number = '%s' AND o.code = '35.10.09'"
             " AND c.id > $1",
             number);
    CHECK_INT(count_rows(sql), 1);
    /* ...and naming another office with it is refused, with the right
     * office named. */
    struct client *c = client_new(&srv);
    struct resp r;
    get_from(c, "/complaints/new", "10.40.0.2", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.17&regno=%s&category=other&body=x&"
             "identity=anonymous",
             csrf, regno);
    CHECK_INT(post_from(c, "/complaints", form, "10.40.0.2", &r), 422);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    resp_free(&r);
    client_free(c);
    /* A complaint officer bound to Giri types slips for Giri only. */
    struct client *k = client_new(&srv);
    CHECK_INT(login_from(k, "pengaduan.giri", "Sandi-Uji-12345", "10.17.0.1"),
              303);
    csrf_of(k, "/complaints/paper", "10.17.0.1", csrf);
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&category=other&body=x&identity="
             "anonymous&slip_date=2026-01-05",
             csrf);
    CHECK_INT(post_from(k, "/complaints/paper", form, "10.17.0.1", &r), 422);
    CHECK_CONTAINS(body(&r), "kantor Anda");
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.17&category=other&body=x&identity="
             "anonymous&slip_date=2026-01-05",
             csrf);
    CHECK_INT(post_from(k, "/complaints/paper", form, "10.17.0.1", &r), 303);
    resp_free(&r);
    client_free(k);
    /* Front and back office read no complaints; another office's head
     * sees this one as if it did not exist. */
    char path[128];
    snprintf(path, sizeof(path), "/complaints/%s", number);
    const char *no_read[] = {"loket.genteng", "proses.genteng"};
    for (int i = 0; i < 2; i++) {
        struct client *x = client_new(&srv);
        CHECK_INT(login_from(x, no_read[i], "Sandi-Uji-12345", "10.9.0.1"),
                  303);
        CHECK_INT(get_from(x, path, "10.9.0.1", &r), 403);
        resp_free(&r);
        CHECK_INT(get_from(x, "/complaints", "10.9.0.1", &r), 403);
        resp_free(&r);
        client_free(x);
    }
    struct client *h = client_new(&srv);
    CHECK_INT(login_from(h, "camat.giri", "Sandi-Uji-12345", "10.17.0.2"), 303);
    CHECK_INT(get_from(h, path, "10.17.0.2", &r), 404);
    json_t *j = NULL;
    resp_free(&r);
    CHECK_INT(get_from(h, "/complaints/P-26-999-99999-0", "10.17.0.2", &r),
              404);
    resp_free(&r);
    /* The same for an application: out of scope = unknown. */
    snprintf(path, sizeof(path), "/applications/%s", regno);
    CHECK_INT(get_from(h, path, "10.17.0.2", &r), 404);
    resp_free(&r);
    client_free(h);
    /* The regent: the NIK masked, no phone or e-mail, no receipt. */
    char bauth[128];
    bearer("bupati", bauth);
    struct client *b = client_new(&srv);
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    client_req(b, "GET", path, NULL, NULL, bauth, &r);
    CHECK_INT(r.status, 200);
    CHECK_NOT_CONTAINS(body(&r), "3510164101900123");
    CHECK_NOT_CONTAINS(body(&r), "081234567890");
    CHECK_NOT_CONTAINS(body(&r), "siti@example.id");
    CHECK_CONTAINS(body(&r), "351016********23");
    resp_free(&r);
    CHECK_INT(login_from(b, "bupati", "Sandi-Uji-12345", "10.5.0.1"), 303);
    snprintf(path, sizeof(path), "/applications/%s", regno);
    CHECK_INT(get_from(b, path, "10.5.0.1", &r), 200);
    CHECK_NOT_CONTAINS(body(&r), "3510164101900123");
    CHECK_NOT_CONTAINS(body(&r), "081234567890");
    CHECK_NOT_CONTAINS(body(&r), "/receipt");
    resp_free(&r);
    snprintf(path, sizeof(path), "/applications/%s/receipt", regno);
    CHECK_INT(get_from(b, path, "10.5.0.1", &r), 404);
    resp_free(&r);
    client_free(b);
    /* The front office of the office does see the phone. */
    struct client *f = client_new(&srv);
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    client_req(f, "GET", path, NULL, NULL, auth, &r);
    CHECK_CONTAINS(body(&r), "3510164101900123");
    CHECK_CONTAINS(body(&r), "081234567890");
    resp_free(&r);
    client_free(f);
    json_decref(j);
}

static void test_keys_where_unused(void)
{
    char auth[128];
    user("integrasi", "front_office", "35.10.09");
    bearer("integrasi", auth);
    struct client *c = client_new(&srv);
    struct resp r;
    const char *paths[] = {"/healthz", "/services", "/survey",
                           "/open311/v2/services.json", "/static/style.css"};
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        client_req(c, "GET", paths[i], NULL, NULL, auth, &r);
        CHECK_INT(r.status, 200);
        resp_free(&r);
        client_req(c, "GET", paths[i], NULL, NULL,
                   "Authorization: Bearer sp_"
                   "000000000000000000000000000000000000000000000000",
                   &r);
        CHECK_INT(r.status, 401);
        resp_free(&r);
    }
    client_free(c);
}

static void test_repeats(void)
{
    /* The same complaint form sent twice: one complaint, the same
     * acknowledgement. */
    struct client *c = client_new(&srv);
    struct resp r;
    get_from(c, "/complaints/new", "10.50.0.1", &r);
    char csrf[128], token[64];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    snprintf(token, sizeof(token), "%s", field_of(&r, "form_token"));
    resp_free(&r);
    CHECK_INT(strlen(token), 32);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&form_token=%s&office=35.10.09&category=other&"
             "body=Dua+kali&identity=anonymous",
             csrf, token);
    int64_t before =
        count_rows("SELECT COUNT(*) FROM complaints WHERE id > $1");
    CHECK_INT(post_from(c, "/complaints", form, "10.50.0.1", &r), 303);
    char first[256];
    snprintf(first, sizeof(first), "%s", resp_header(&r, "Location"));
    resp_free(&r);
    CHECK_INT(post_from(c, "/complaints", form, "10.50.0.1", &r), 303);
    CHECK_STR(resp_header(&r, "Location"), first);
    resp_free(&r);
    CHECK_INT(count_rows("SELECT COUNT(*) FROM complaints WHERE id > $1"),
              before + 1);
    CHECK_INT(get_from(c, first, "10.50.0.1", &r), 200);
    CHECK_CONTAINS(body(&r), "PIN: <strong>");
    resp_free(&r);
    /* An unknown acknowledgement token: 404 (and counted). */
    CHECK_INT(
        get_from(c, "/complaints/received?f=00000000000000000000000000000000",
                 "10.50.0.1", &r),
        404);
    resp_free(&r);
    client_free(c);

    /* An API key made twice from one form: one key. */
    user("admin.ulang", "administrator", NULL);
    struct client *a = client_new(&srv);
    CHECK_INT(login_from(a, "admin.ulang", "Sandi-Uji-12345", "10.50.0.2"),
              303);
    get_from(a, "/admin/apikeys", "10.50.0.2", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    snprintf(token, sizeof(token), "%s", field_of(&r, "form_token"));
    resp_free(&r);
    int64_t keys = count_rows("SELECT COUNT(*) FROM api_keys WHERE id > $1");
    snprintf(form, sizeof(form),
             "csrf=%s&form_token=%s&user=admin.ulang&label=Integrasi", csrf,
             token);
    CHECK_INT(post_from(a, "/admin/apikeys", form, "10.50.0.2", &r), 303);
    snprintf(first, sizeof(first), "%s", resp_header(&r, "Location"));
    resp_free(&r);
    CHECK_INT(post_from(a, "/admin/apikeys", form, "10.50.0.2", &r), 303);
    resp_free(&r);
    CHECK_INT(count_rows("SELECT COUNT(*) FROM api_keys WHERE id > $1"),
              keys + 1);
    /* The key is shown once on the page the form leads to. */
    CHECK_INT(get_from(a, first, "10.50.0.2", &r), 200);
    CHECK_CONTAINS(body(&r), "class=\"secret\">sp_");
    resp_free(&r);
    CHECK_INT(get_from(a, first, "10.50.0.2", &r), 200);
    CHECK_NOT_CONTAINS(body(&r), "class=\"secret\">sp_");
    CHECK_CONTAINS(body(&r), "sudah ditampilkan sekali");
    resp_free(&r);
    client_free(a);

    /* The counter's confirmation sent twice: one application. */
    user("loket.ulang", "front_office", "35.10.09");
    struct client *f = client_new(&srv);
    CHECK_INT(login_from(f, "loket.ulang", "Sandi-Uji-12345", "10.50.0.3"),
              303);
    csrf_of(f, "/intake/SKTM", "10.50.0.3", csrf);
    snprintf(form, sizeof(form),
             "csrf=%s&req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA&req="
             "SURAT_PERNYATAAN&"
             "nik=3510164101900123&name=Siti+Ulang&phone=081234567890",
             csrf);
    CHECK_INT(post_from(f, "/intake/SKTM", form, "10.50.0.3", &r), 200);
    snprintf(token, sizeof(token), "%s", field_of(&r, "form_token"));
    resp_free(&r);
    char confirm[1200];
    snprintf(confirm, sizeof(confirm), "%s&confirm=1&form_token=%s", form,
             token);
    int64_t apps =
        count_rows("SELECT COUNT(*) FROM applications WHERE id > $1");
    CHECK_INT(post_from(f, "/intake/SKTM", confirm, "10.50.0.3", &r), 303);
    snprintf(first, sizeof(first), "%s", resp_header(&r, "Location"));
    resp_free(&r);
    CHECK_INT(post_from(f, "/intake/SKTM", confirm, "10.50.0.3", &r), 303);
    CHECK_STR(resp_header(&r, "Location"), first);
    resp_free(&r);
    CHECK_INT(count_rows("SELECT COUNT(*) FROM applications WHERE id > $1"),
              apps + 1);
    client_free(f);

    /* The API with an Idempotency-Key: the first answer again. */
    char auth[128];
    bearer("loket.ulang", auth);
    apps = count_rows("SELECT COUNT(*) FROM applications WHERE id > $1");
    char numbers[2][32];
    for (int i = 0; i < 2; i++) {
        struct client *x = client_new(&srv);
        char two[300];
        snprintf(two, sizeof(two), "%s\nIdempotency-Key: ulang-0001", auth);
        client_req(x, "POST", "/api/v1/applications",
                   "{\"office\":\"35.10.09\",\"service\":\"SKTM\","
                   "\"citizen\":{\"nik\":\"3510164101900123\",\"name\":"
                   "\"Siti API\",\"phone\":\"081234567890\"},"
                   "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                   "\"PENGANTAR_DESA\","
                   "\"SURAT_PERNYATAAN\"]}",
                   "application/json", two, &r);
        CHECK_INT(r.status, 201);
        json_t *j = json_of(&r);
        snprintf(numbers[i], 32, "%s", jstr(j, "registration_no"));
        json_decref(j);
        if (i == 1)
            CHECK_STR(resp_header(&r, "Idempotent-Replayed"), "true");
        resp_free(&r);
        client_free(x);
    }
    CHECK_STR(numbers[0], numbers[1]);
    CHECK_INT(count_rows("SELECT COUNT(*) FROM applications WHERE id > $1"),
              apps + 1);
}

static void test_password_change(void)
{
    user("ganti.sandi", "front_office", "35.10.09");
    struct client *c = client_new(&srv);
    struct client *other = client_new(&srv);
    CHECK_INT(login_from(c, "ganti.sandi", "Sandi-Uji-12345", "10.60.0.1"),
              303);
    CHECK_INT(login_from(other, "ganti.sandi", "Sandi-Uji-12345", "10.60.0.1"),
              303);
    struct resp r;
    get_from(c, "/account/password", "10.60.0.1", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    /* Ten spaces, and nine two-byte characters (18 bytes): refused. */
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&current=Sandi-Uji-12345&new=%s&confirm=%s", csrf,
             "++++++++++", "++++++++++");
    CHECK_INT(post_from(c, "/account/password", form, "10.60.0.1", &r), 422);
    resp_free(&r);
    const char *nine = "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9";
    snprintf(form, sizeof(form),
             "csrf=%s&current=Sandi-Uji-12345&new=%s&confirm=%s", csrf, nine,
             nine);
    CHECK_INT(post_from(c, "/account/password", form, "10.60.0.1", &r), 422);
    resp_free(&r);
    /* Ten of them: accepted; the session token changes. */
    const char *ten =
        "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9";
    snprintf(form, sizeof(form),
             "csrf=%s&current=Sandi-Uji-12345&new=%s&confirm=%s", csrf, ten,
             ten);
    CHECK_INT(post_from(c, "/account/password", form, "10.60.0.1", &r), 303);
    CHECK_CONTAINS(buf_cstr(&r.headers), "sp_session=");
    resp_free(&r);
    CHECK_INT(get_from(c, "/staff", "10.60.0.1", &r), 200);
    resp_free(&r);
    /* The other browser's session ended. */
    CHECK_INT(get_from(other, "/staff", "10.60.0.1", &r), 303);
    resp_free(&r);
    client_free(other);
    client_free(c);
}

/* The current password on the change form is a secret checked like a
 * sign-in: five wrong ones, then even the right one is held back (from
 * any address: a stolen session cannot guess it), and a sign-in elsewhere
 * still works. */
static void test_password_recheck_throttled(void)
{
    user("sandi.tebak", "front_office", "35.10.09");
    struct client *c = client_new(&srv);
    CHECK_INT(login_from(c, "sandi.tebak", "Sandi-Uji-12345", "10.61.0.1"),
              303);
    struct resp r;
    get_from(c, "/account/password", "10.61.0.1", &r);
    char csrf[128], form[1024];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    for (int i = 0; i < 5; i++) {
        snprintf(form, sizeof(form),
                 "csrf=%s&current=Tebakan-%d-xyz&new=Sandi-Baru-12345&"
                 "confirm=Sandi-Baru-12345",
                 csrf, i);
        CHECK_INT(post_from(c, "/account/password", form, "10.61.0.1", &r),
                  422);
        resp_free(&r);
    }
    snprintf(form, sizeof(form),
             "csrf=%s&current=Sandi-Uji-12345&new=Sandi-Baru-12345&"
             "confirm=Sandi-Baru-12345",
             csrf);
    CHECK_INT(post_from(c, "/account/password", form, "10.61.0.2", &r), 429);
    CHECK_CONTAINS(body(&r), "Terlalu banyak");
    resp_free(&r);
    client_free(c);
    /* Nothing changed: the old password still signs in, elsewhere. */
    struct client *d = client_new(&srv);
    CHECK_INT(login_from(d, "sandi.tebak", "Sandi-Uji-12345", "10.61.0.9"),
              303);
    client_free(d);
}

static void test_reply_cap(void)
{
    /* A complaint answered by the desk, then a reply of 4001 characters:
     * refused, nothing stored. */
    char number[32], pin[16];
    CHECK_INT(complain("10.70.0.1", "35.10.09", "", "", number, pin), 303);
    user("meja.pengaduan", "complaint_officer", NULL);
    struct client *o = client_new(&srv);
    CHECK_INT(login_from(o, "meja.pengaduan", "Sandi-Uji-12345", "10.70.0.2"),
              303);
    const char *acts[] = {"verify", "answer"};
    for (int i = 0; i < 2; i++) {
        char path[96];
        snprintf(path, sizeof(path), "/complaints/%s", number);
        struct resp r;
        get_from(o, path, "10.70.0.2", &r);
        char csrf[128], version[16];
        snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
        snprintf(version, sizeof(version), "%s", field_of(&r, "version"));
        resp_free(&r);
        char form[512];
        snprintf(form, sizeof(form),
                 "csrf=%s&version=%s&action=%s&note=Sudah+diperbaiki", csrf,
                 version, acts[i]);
        snprintf(path, sizeof(path), "/complaints/%s/events", number);
        CHECK_INT(post_from(o, path, form, "10.70.0.2", &r), 303);
        resp_free(&r);
    }
    client_free(o);
    struct client *c = client_new(&srv);
    char csrf[128];
    csrf_of(c, "/complaints/new", "10.70.0.1", csrf);
    size_t n = 4001;
    char *form = malloc(n + 512);
    int k =
        snprintf(form, n + 512,
                 "csrf=%s&no=%s&pin=%s&action=reply&reply=", csrf, number, pin);
    memset(form + k, 'x', n);
    form[k + (int)n] = '\0';
    struct resp r;
    CHECK_INT(post_from(c, "/complaints/track", form, "10.70.0.1", &r), 422);
    resp_free(&r);
    free(form);
    char sql[256];
    snprintf(sql, sizeof(sql),
             "SELECT COUNT(*) FROM complaint_events e JOIN complaints c ON"
             " c.id = e.complaint_id WHERE c.number = '%s' AND e.action ="
             " 'reply' AND e.id > $1",
             number);
    CHECK_INT(count_rows(sql), 0);
    client_free(c);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *extra[] = {"--trust-proxy", NULL};
    if (!server_start_with(&srv, argv[1], extra))
        return 1;
    RUN(test_complaint_pin_brute_force);
    RUN(test_signin_lockout_and_race);
    RUN(test_complaint_doors);
    RUN(test_scope_and_masking);
    RUN(test_keys_where_unused);
    RUN(test_repeats);
    RUN(test_password_change);
    RUN(test_password_recheck_throttled);
    RUN(test_reply_cap);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
