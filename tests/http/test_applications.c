/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_applications.c: HTTP tests of intake, workflow and tracking
 * against the real server: the promise API at hand-worked instants, every
 * intake validation error, the HTML intake with its checklist and
 * confirmation, receipts, workflow permissions and concurrent steps, the
 * stopped clock, and tracking (check digit, wrong PIN, throttling).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "test.h"

static struct server srv;
static char key_front[64], key_back[64], key_head[64], key_other[64];

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
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s --office %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office, srv.db_url);
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
    return client_api(&srv, key, method, path, json, r);
}

static const char *error_code(json_t *j)
{
    return json_string_value(
        json_object_get(json_object_get(j, "error"), "code"));
}

/* The first field error's field and code, for 422 answers. */
static bool has_field_error(json_t *j, const char *field, const char *code)
{
    json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
    size_t i;
    json_t *v;
    json_array_foreach(fields, i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, "field")), field) ==
                0 &&
            strcmp(json_string_value(json_object_get(v, "code")), code) == 0)
            return true;
    }
    return false;
}

static void test_promise_api(void)
{
    static const struct {
        const char *service, *at, *want;
        bool provisional;
    } cases[] = {
        /* SKTM: 60 working minutes. */
        {"SKTM", "2026-03-02T10:00:00%2B07:00", "2026-03-02T11:00:00+07:00",
         false},
        {"SKTM", "2026-03-06T13:30:00%2B07:00", "2026-03-09T08:00:00+07:00",
         false},
        {"SKTM", "2026-03-17T15:00:00%2B07:00", "2026-03-25T08:00:00+07:00",
         false},
        {"SKTM", "2026-03-02T03:00:00Z", "2026-03-02T11:00:00+07:00", false},
        {"SKTM", "2026-12-31T15:00:00%2B07:00", "2027-01-01T08:00:00+07:00",
         true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        snprintf(path, sizeof(path),
                 "/api/v1/services/%s/promise?office=35.10.09&at=%s",
                 cases[i].service, cases[i].at);
        struct resp r;
        CHECK_INT(api(NULL, "GET", path, NULL, &r), 200);
        json_t *j = json_of(&r);
        CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
                  cases[i].want);
        CHECK_INT(json_is_true(json_object_get(j, "provisional")),
                  cases[i].provisional);
        json_decref(j);
        resp_free(&r);
    }
    /* A working-days service: 1 day from Friday after closing. */
    struct resp r;
    api(NULL, "GET", "/api/v1/services/DOMISILI", NULL, &r);
    json_t *s = json_of(&r);
    resp_free(&r);
    json_t *tl = json_object_get(s, "time_limit");
    bool days = strcmp(json_string_value(json_object_get(tl, "unit")),
                       "working_days") == 0;
    json_decref(s);
    (void)days;

    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09&at=kemarin",
                  NULL, &r),
              422);
    json_t *j = json_of(&r);
    CHECK(has_field_error(j, "at", "invalid_time"));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api(NULL, "GET", "/api/v1/services/SKTM/promise", NULL, &r), 422);
    resp_free(&r);
    CHECK_INT(api(NULL, "GET", "/api/v1/services/SKTM/promise?office=99.99.99",
                  NULL, &r),
              404);
    resp_free(&r);
    /* A desa office is not a service point yet. */
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09.2001", NULL,
                  &r),
              422);
    j = json_of(&r);
    CHECK(has_field_error(j, "office", "not_a_service_point"));
    json_decref(j);
    resp_free(&r);
    /* The service page shows the promise for a chosen office. */
    struct client *c = client_new(&srv);
    client_get(c, "/services/SKTM?office=35.10.09", &r);
    CHECK_CONTAINS(body(&r), "dijanjikan selesai");
    CHECK_CONTAINS(body(&r), "WIB");
    resp_free(&r);
    client_free(c);
}

static const char *intake_json(const char *nik, const char *name,
                               const char *phone, const char *reqs)
{
    static char out[2048];
    snprintf(out, sizeof(out),
             "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\",\"citizen\":"
             "{\"nik\":\"%s\",\"name\":\"%s\",\"village\":\"35.10.09.2001\","
             "\"phone\":\"%s\",\"email\":\"siti@example.id\"},"
             "\"requirements\":%s,\"fields\":{\"keperluan\":\"sekolah\"}}",
             nik, name, phone, reqs);
    return out;
}

static char regno1[32], pin1[16];

static void test_api_intake(void)
{
    struct resp r;
    CHECK_INT(
        api(key_front, "POST", "/api/v1/applications",
            intake_json("3510164101900123", "Siti Aminah", "081234567890",
                        "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]"),
            &r),
        201);
    json_t *j = json_of(&r);
    const char *no = json_string_value(json_object_get(j, "registration_no"));
    const char *pin = json_string_value(json_object_get(j, "pin"));
    CHECK(no && strlen(no) == 14 && no[2] == '-' && no[6] == '-');
    CHECK(pin && strlen(pin) == 6);
    snprintf(regno1, sizeof(regno1), "%s", no ? no : "");
    snprintf(pin1, sizeof(pin1), "%s", pin ? pin : "");
    CHECK_STR(json_string_value(json_object_get(j, "status")), "received");
    CHECK(strstr(json_string_value(json_object_get(j, "promised_at")),
                 "+07:00") != NULL);
    CHECK_INT(json_array_size(json_object_get(j, "warnings")), 0);
    CHECK_CONTAINS(resp_header(&r, "Location"), regno1);
    json_decref(j);
    resp_free(&r);

    /* The same NIK again for the same service: a warning, not a refusal. */
    CHECK_INT(
        api(key_front, "POST", "/api/v1/applications",
            intake_json("3510164101900123", "Siti Aminah", "081234567890",
                        "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]"),
            &r),
        201);
    j = json_of(&r);
    CHECK_INT(json_array_size(json_object_get(j, "warnings")), 1);
    CHECK(strcmp(json_string_value(json_object_get(j, "registration_no")),
                 regno1) != 0);
    json_decref(j);
    resp_free(&r);

    /* An unknown district inside a known regency: a warning. */
    CHECK_INT(
        api(key_front, "POST", "/api/v1/applications",
            intake_json("3510990101900001", "Budi", "081234567890",
                        "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]"),
            &r),
        201);
    j = json_of(&r);
    CHECK_INT(json_array_size(json_object_get(j, "warnings")), 1);
    CHECK_CONTAINS(
        json_string_value(json_array_get(json_object_get(j, "warnings"), 0)),
        "35.10.99");
    json_decref(j);
    resp_free(&r);
}

/* Text at the door of the JSON API (base/text.h): the citizen's name is
 * one line, NFC, without controls or noncharacters. */
static void test_api_intake_text(void)
{
    struct resp r;
    CHECK_INT(
        api(key_front, "POST", "/api/v1/applications",
            intake_json("3510164101900123",
                        " Siti\\u0001\\tAmi\\nnah\\r\\nJose\\u0301"
                        "\\uffff\\ufdd0\\u0085\\u007f ",
                        "081234567890",
                        "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]"),
            &r),
        201);
    json_t *j = json_of(&r);
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/applications/%s",
             json_string_value(json_object_get(j, "registration_no")));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api(key_front, "GET", path, NULL, &r), 200);
    j = json_of(&r);
    CHECK_STR(json_string_value(
                  json_object_get(json_object_get(j, "citizen"), "name")),
              "Siti Ami nah Jos\xC3\xA9");
    json_decref(j);
    resp_free(&r);
}

/* Instants outside the years 0001..9999 are refused with a reason, and a
 * promise beyond 9999 is never written with a wrapped year. */
static void test_promise_years(void)
{
    static const struct {
        const char *at;
        long status;
        const char *field; /* the field error's code, or NULL */
        const char *code;  /* the error code otherwise */
    } cases[] = {
        {"10000-01-01T00:00:00Z", 422, "out_of_range", NULL},
        {"0000-12-31T23:59:59Z", 422, "out_of_range", NULL},
        {"0001-01-01T00:00:00%2B07:00", 422, "out_of_range", NULL},
        {"%2B2026-03-02T10:00:00Z", 422, "out_of_range", NULL},
        {"9999-12-31T20:00:00Z", 422, NULL, "out_of_range"},
        {"9999-12-30T01:00:00Z", 200, NULL, NULL},
        {"0001-01-01T01:00:00Z", 200, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[256];
        snprintf(path, sizeof(path),
                 "/api/v1/services/SKTM/promise?office=35.10.09&at=%s",
                 cases[i].at);
        struct resp r;
        if (api(NULL, "GET", path, NULL, &r) != cases[i].status)
            fprintf(stderr, "  at=%s\n", cases[i].at);
        CHECK_INT(r.status, cases[i].status);
        json_t *j = json_of(&r);
        if (cases[i].field)
            CHECK(has_field_error(j, "at", cases[i].field));
        if (cases[i].code) {
            CHECK_STR(error_code(j), cases[i].code);
            CHECK_CONTAINS(body(&r), "9999");
        }
        const char *promised =
            json_string_value(json_object_get(j, "promised_at"));
        if (cases[i].status == 200) {
            CHECK(promised != NULL);
            CHECK(promised && (strncmp(promised, "9999-12-30T", 11) == 0 ||
                               strncmp(promised, "0001-01-01T", 11) == 0));
        }
        CHECK_NOT_CONTAINS(body(&r), "\"0000-");
        json_decref(j);
        resp_free(&r);
    }
}

static void test_api_intake_errors(void)
{
    static const struct {
        const char *nik, *name, *phone, *reqs, *field, *code;
    } cases[] = {
        {"351016410190012", "Siti", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "nik", "invalid_format"},
        {"3510163002900123", "Siti", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "nik", "invalid_date"},
        {"3510160101900000", "Siti", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "nik", "invalid_serial"},
        {"9910160101900001", "Siti", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "nik", "unknown_region"},
        {"3510160101900001", "S", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "name", "invalid_name"},
        {"3510160101900001", "Siti", "0812",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]",
         "phone", "invalid_phone"},
        {"3510160101900001", "Siti", "081234567890", "[\"KTP\"]",
         "requirements", "missing_mandatory"},
        {"3510160101900001", "Siti", "081234567890",
         "[\"KTP\",\"KK\","
         "\"PENGANTAR_RT\",\"PENGANTAR_DESA\",\"PALSU\"]",
         "requirements", "unknown_requirement"},
    };
    int64_t before = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct resp r;
        CHECK_INT(api(key_front, "POST", "/api/v1/applications",
                      intake_json(cases[i].nik, cases[i].name, cases[i].phone,
                                  cases[i].reqs),
                      &r),
                  422);
        json_t *j = json_of(&r);
        if (!has_field_error(j, cases[i].field, cases[i].code))
            fprintf(stderr, "  case %zu: %s\n", i, body(&r));
        CHECK(has_field_error(j, cases[i].field, cases[i].code));
        CHECK_STR(error_code(j), "validation_failed");
        json_decref(j);
        resp_free(&r);
    }
    (void)before;
    struct resp r;
    /* Bad e-mail, unknown village. */
    CHECK_INT(api(key_front, "POST", "/api/v1/applications",
                  "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                  "\"citizen\":{\"nik\":\"3510160101900001\",\"name\":\"Siti\""
                  ",\"village\":\"35.10.99.2999\",\"phone\":\"081234567890\","
                  "\"email\":\"siti@\"},\"requirements\":[\"KTP\",\"KK\","
                  "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]}",
                  &r),
              422);
    json_t *j = json_of(&r);
    CHECK(has_field_error(j, "email", "invalid_email"));
    CHECK(has_field_error(j, "village", "unknown_village"));
    json_decref(j);
    resp_free(&r);
    /* Not JSON, wrong type, no key, another office's key. */
    CHECK_INT(api(key_front, "POST", "/api/v1/applications", "{nope", &r), 400);
    resp_free(&r);
    struct client *c = client_new(&srv);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key_front);
    client_req(c, "POST", "/api/v1/applications", "office=1",
               "application/x-www-form-urlencoded", auth, &r);
    CHECK_INT(r.status, 415);
    resp_free(&r);
    client_free(c);
    CHECK_INT(api(NULL, "POST", "/api/v1/applications",
                  intake_json("3510160101900001", "Siti", "081234567890", "[]"),
                  &r),
              401);
    resp_free(&r);
    CHECK_INT(
        api(key_other, "POST", "/api/v1/applications",
            intake_json("3510160101900001", "Siti", "081234567890",
                        "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]"),
            &r),
        403);
    resp_free(&r);
    /* Nothing of the refused ones was written: still 3 at this office. */
    CHECK_INT(api(key_front, "GET", "/api/v1/applications/26-073-00004-0", NULL,
                  &r) == 200,
              0);
    resp_free(&r);
}

static void test_html_intake(void)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "loket", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/intake", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "/intake/SKTM");
    resp_free(&r);
    client_get(c, "/intake/SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Daftar periksa persyaratan");
    CHECK_CONTAINS(body(&r), "dijanjikan selesai");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[2048];
    /* A mandatory document unchecked: refused, with the missing list. */
    snprintf(form, sizeof(form),
             "csrf=%s&req=KTP&nik=3510164101900123&name=Siti+Aminah&"
             "phone=081234567890",
             csrf);
    client_post(c, "/intake/SKTM", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Persyaratan belum lengkap");
    CHECK_CONTAINS(body(&r), "Kartu Keluarga");
    resp_free(&r);
    /* A bad NIK: the form again, the message next to the field. */
    snprintf(form, sizeof(form),
             "csrf=%s&req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA&req="
             "SURAT_PERNYATAAN&"
             "nik=12&name=Siti&phone=081234567890",
             csrf);
    client_post(c, "/intake/SKTM", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "NIK harus 16 angka");
    CHECK_CONTAINS(body(&r), "value=\"KK\" checked");
    resp_free(&r);
    /* Valid: a confirmation page with the NIK masked. */
    client_get(c, "/api/v1/services/SKTM", &r);
    json_t *s = json_of(&r);
    resp_free(&r);
    char reqs[512] = "";
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(s, "requirements"), i, v)
    {
        /* Mandatory here: everywhere or at a kecamatan (this office). */
        bool here = json_is_true(json_object_get(v, "mandatory"));
        size_t k;
        json_t *lv;
        json_array_foreach(json_object_get(v, "mandatory_at"), k, lv)
        {
            here |= strcmp(json_string_value(lv), "kecamatan") == 0;
        }
        if (here) {
            size_t len = strlen(reqs);
            snprintf(reqs + len, sizeof(reqs) - len, "&req=%s",
                     json_string_value(json_object_get(v, "code")));
        }
    }
    json_decref(s);
    snprintf(form, sizeof(form),
             "csrf=%s%s&nik=3510164101900123&name=Siti+%%3Cb%%3EAminah&"
             "phone=081234567890&village=35.10.09.2001",
             csrf, reqs);
    client_post(c, "/intake/SKTM", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Konfirmasi pendaftaran");
    CHECK_CONTAINS(body(&r), "351016********23");
    CHECK_CONTAINS(body(&r), "Kecamatan Banyuwangi");
    CHECK_CONTAINS(body(&r), "Siti &lt;b&gt;Aminah");
    resp_free(&r);
    char confirm[2100];
    snprintf(confirm, sizeof(confirm), "%s&confirm=1", form);
    client_post(c, "/intake/SKTM", confirm, &r);
    CHECK_INT(r.status, 303);
    const char *loc = resp_header(&r, "Location");
    char receipt[128] = "";
    if (loc)
        snprintf(receipt, sizeof(receipt), "%s", loc);
    CHECK_CONTAINS(receipt, "/receipt");
    resp_free(&r);
    client_get(c, receipt, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "TANDA TERIMA");
    CHECK_CONTAINS(body(&r), "PIN: <strong>");
    CHECK_CONTAINS(body(&r), "<svg");
    CHECK_CONTAINS(body(&r), "Gratis");
    CHECK_CONTAINS(body(&r), "/track?no=");
    CHECK_NOT_CONTAINS(body(&r), "3510164101900123");
    resp_free(&r);
    char r80[160];
    snprintf(r80, sizeof(r80), "%s?format=58mm", receipt);
    client_get(c, r80, &r);
    CHECK_CONTAINS(body(&r), "receipt-58mm");
    resp_free(&r);
    client_free(c);
}

static json_t *event(const char *key, const char *regno, const char *action,
                     const char *note, int version, long *status)
{
    char path[128], js[512];
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", regno);
    snprintf(js, sizeof(js),
             "{\"action\":\"%s\",\"note\":\"%s\",\"version\":%d}", action, note,
             version);
    struct resp r;
    *status = api(key, "POST", path, js, &r);
    json_t *j = json_of(&r);
    resp_free(&r);
    return j;
}

static void test_workflow(void)
{
    long st;
    /* The front office cannot verify (a back-office step). */
    json_t *j = event(key_front, regno1, "step", "", 1, &st);
    CHECK_INT(st, 409);
    CHECK_STR(error_code(j), "action_not_allowed");
    json_decref(j);
    /* Another office's staff cannot even see it: answered exactly as an
     * unknown number (no existence probe). */
    j = event(key_other, regno1, "note", "x", 1, &st);
    CHECK_INT(st, 404);
    CHECK_STR(error_code(j), "not_found");
    json_decref(j);
    /* Back office verifies with version 1; a second officer with the same
     * version is told plainly that someone came first. */
    j = event(key_back, regno1, "step", "", 1, &st);
    CHECK_INT(st, 200);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "verified");
    CHECK_INT(json_integer_value(json_object_get(j, "version")), 2);
    json_decref(j);
    j = event(key_back, regno1, "step", "", 1, &st);
    CHECK_INT(st, 409);
    CHECK_STR(error_code(j), "conflict");
    json_decref(j);
    /* Return without saying what is missing: 422. */
    j = event(key_back, regno1, "return", "", 2, &st);
    CHECK_INT(st, 422);
    json_decref(j);
    j = event(key_back, regno1, "return", "Fotokopi KK kurang jelas", 2, &st);
    CHECK_INT(st, 200);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "returned");
    json_decref(j);
    /* While returned, no step; the tracking page says the clock stopped. */
    j = event(key_back, regno1, "step", "", 3, &st);
    CHECK_INT(st, 409);
    json_decref(j);
    struct resp r;
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", regno1, pin1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 200);
    j = json_of(&r);
    CHECK(json_is_true(json_object_get(j, "clock_stopped")));
    CHECK_STR(json_string_value(json_object_get(
                  json_array_get(json_object_get(j, "steps"), 2), "note")),
              "Fotokopi KK kurang jelas");
    json_decref(j);
    resp_free(&r);
    j = event(key_front, regno1, "resume", "", 3, &st);
    CHECK_INT(st, 200);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "verified");
    json_decref(j);
    /* Through the remaining steps to ready, then hand-over. */
    for (int k = 0; k < 10; k++) {
        struct resp g;
        char p2[128];
        snprintf(p2, sizeof(p2), "/api/v1/applications/%s", regno1);
        api(key_back, "GET", p2, NULL, &g);
        json_t *app = json_of(&g);
        resp_free(&g);
        const char *status = json_string_value(json_object_get(app, "status"));
        int version = (int)json_integer_value(json_object_get(app, "version"));
        bool ready = status && strcmp(status, "ready") == 0;
        json_decref(app);
        if (ready)
            break;
        /* Whoever's step it is: try back office, head, front office. */
        const char *keys[] = {key_back, key_head, key_front};
        bool moved = false;
        for (int w = 0; w < 3 && !moved; w++) {
            j = event(keys[w], regno1, "step", "", version, &st);
            moved = st == 200;
            json_decref(j);
        }
        CHECK(moved);
    }
    j = event(key_front, regno1, "hand_over", "", 0, &st);
    CHECK_INT(st, 422); /* who collected it is required */
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno1);
    api(key_front, "GET", path, NULL, &r);
    json_t *app = json_of(&r);
    resp_free(&r);
    CHECK_STR(json_string_value(json_object_get(app, "status")), "ready");
    int version = (int)json_integer_value(json_object_get(app, "version"));
    json_decref(app);
    j = event(key_front, regno1, "hand_over", "Pemohon sendiri", version, &st);
    CHECK_INT(st, 200);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "handed_over");
    json_decref(j);
    /* Final: no more steps or rejections. */
    j = event(key_back, regno1, "reject", "terlambat", 0, &st);
    CHECK_INT(st, 409);
    json_decref(j);
    /* The history lists every event, in order. */
    api(key_back, "GET", path, NULL, &r);
    app = json_of(&r);
    json_t *events = json_object_get(app, "events");
    CHECK(json_array_size(events) >= 7);
    CHECK_STR(
        json_string_value(json_object_get(json_array_get(events, 0), "action")),
        "submit");
    json_decref(app);
    resp_free(&r);
}

static void test_tracking(void)
{
    struct resp r, r2;
    char path[128];
    /* A typing error: caught by the check digit, before any lookup. */
    char typo[32];
    snprintf(typo, sizeof(typo), "%s", regno1);
    typo[4] = typo[4] == '9' ? '8' : (char)(typo[4] + 1);
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", typo, pin1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 422);
    json_t *j = json_of(&r);
    CHECK_STR(error_code(j), "check_digit");
    json_decref(j);
    resp_free(&r);
    /* A wrong PIN answers exactly like an unknown number. */
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=000000", regno1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 404);
    CHECK_INT(api(NULL, "GET", "/api/v1/track/26-001-99999-9?pin=000000", NULL,
                  &r2) == 404 ||
                  r2.status == 422,
              1);
    json_t *a = json_of(&r);
    CHECK_STR(error_code(a), "not_found");
    json_decref(a);
    resp_free(&r);
    resp_free(&r2);
    /* The public page: status and steps, no NIK, no staff, no phone. */
    struct client *c = client_new(&srv);
    snprintf(path, sizeof(path), "/track?no=%s&pin=%s", regno1, pin1);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Sudah diserahkan");
    CHECK_CONTAINS(body(&r), "Dijanjikan selesai");
    CHECK_NOT_CONTAINS(body(&r), "3510164101900123");
    CHECK_NOT_CONTAINS(body(&r), "081234567890");
    CHECK_NOT_CONTAINS(body(&r), "petugas.belakang");
    CHECK_NOT_CONTAINS(body(&r), "Pemohon sendiri");
    resp_free(&r);
    snprintf(path, sizeof(path), "/track?no=%s&pin=123", typo);
    client_get(c, path, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "salah ketik");
    resp_free(&r);
    /* Guessing PINs guards the number: after ten failures (here from one
     * address) the PIN alone no longer opens it... */
    long last = 0;
    for (int i = 0; i < 12; i++) {
        snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%06d", regno1, i);
        last = api(NULL, "GET", path, NULL, &r);
        resp_free(&r);
    }
    CHECK_INT(last, 422);
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", regno1, pin1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 422);
    json_t *g = json_of(&r);
    CHECK_STR(error_code(g), "second_fact_required");
    json_decref(g);
    resp_free(&r);
    /* ...but the holder, with the birth date in the NIK, still can. */
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s&birth=1990-01-01",
             regno1, pin1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 200);
    resp_free(&r);
    snprintf(path, sizeof(path), "/track?no=%s&pin=%s", regno1, pin1);
    client_get(c, path, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "name=\"birth\"");
    resp_free(&r);
    /* An address that keeps failing is held back, whatever it asks. */
    for (int i = 0; i < 30; i++) {
        snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%06d", regno1, i);
        last = api(NULL, "GET", path, NULL, &r);
        resp_free(&r);
    }
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s&birth=1990-01-01",
             regno1, pin1);
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 429);
    resp_free(&r);
    client_free(c);
}

static void test_calendar_admin(void)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add kalender --role "
             "administrator --password-stdin --db %s >/dev/null",
             srv.bin, srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "kalender", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/admin/calendar?year=2026", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Hari Suci Nyepi");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    /* A malformed decree imports nothing. */
    char form[1024];
    snprintf(form, sizeof(form), "csrf=%s&csv=%s", csrf,
             urlenc("date,kind,name_id,name_en\n2027-01-01,libur_nasional,"
                    "Tahun Baru,New Year\n2027-13-01,libur,x,y\n"));
    client_post(c, "/admin/calendar/import", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Baris 3");
    resp_free(&r);
    snprintf(cmd, sizeof(cmd),
             "/api/v1/services/SKTM/promise?office=35.10.09"
             "&at=2026-12-31T15:00:00%%2B07:00");
    api(NULL, "GET", cmd, NULL, &r);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
              "2027-01-01T08:00:00+07:00");
    CHECK(json_is_true(json_object_get(j, "provisional")));
    json_decref(j);
    resp_free(&r);
    /* The 2027 decree: New Year's Day is now a holiday, not provisional. */
    snprintf(form, sizeof(form), "csrf=%s&csv=%s", csrf,
             urlenc("date,kind,name_id,name_en\n2027-01-01,libur_nasional,"
                    "Tahun Baru 2027 Masehi,New Year's Day\n"));
    client_post(c, "/admin/calendar/import", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    api(NULL, "GET", cmd, NULL, &r);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
              "2027-01-04T08:00:00+07:00");
    CHECK(json_is_false(json_object_get(j, "provisional")));
    json_decref(j);
    resp_free(&r);
    /* An office closure moves that office's promise only. */
    snprintf(form, sizeof(form),
             "csrf=%s&day=2026-03-09&reason=Renovasi+ruang+pelayanan", csrf);
    client_post(c, "/admin/offices/35.10.09/closures", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    api(NULL, "GET",
        "/api/v1/services/SKTM/promise?office=35.10.09&at=2026-03-06T13:30:00"
        "%2B07:00",
        NULL, &r);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
              "2026-03-10T08:00:00+07:00");
    json_decref(j);
    resp_free(&r);
    api(NULL, "GET",
        "/api/v1/services/SKTM/promise?office=35.10.17&at=2026-03-06T13:30:00"
        "%2B07:00",
        NULL, &r);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "promised_at")),
              "2026-03-09T08:00:00+07:00");
    json_decref(j);
    resp_free(&r);
    /* Bad holiday form: 422 next to the field. */
    snprintf(form, sizeof(form),
             "csrf=%s&day=2027-02-30&kind=libur_nasional&name_id=X", csrf);
    client_post(c, "/admin/calendar", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Tanggal tidak valid");
    resp_free(&r);
    client_free(c);
    /* The CLI imports a decree file too. */
    snprintf(cmd, sizeof(cmd), "%s/cal.csv", srv.dir);
    FILE *f = fopen(cmd, "w");
    if (f) {
        fputs("date,kind,name_id,name_en\n2028-01-01,libur_nasional,"
              "Tahun Baru 2028,New Year\n",
              f);
        fclose(f);
    }
    const char *args[] = {"import", "calendar", cmd, NULL};
    struct buf out;
    buf_init(&out, 4096);
    CHECK_INT(server_cli(&srv, &out, args), 0);
    CHECK_CONTAINS(buf_cstr(&out), "1 holidays");
    buf_free(&out);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("loket", "front_office", "35.10.09");
    user("petugas.belakang", "back_office", "35.10.09");
    user("camat", "head_of_office", "35.10.09");
    user("loket.giri", "front_office", "35.10.17");
    key_for("loket", key_front);
    key_for("petugas.belakang", key_back);
    key_for("camat", key_head);
    key_for("loket.giri", key_other);
    RUN(test_promise_api);
    RUN(test_api_intake);
    RUN(test_api_intake_text);
    RUN(test_promise_years);
    RUN(test_api_intake_errors);
    RUN(test_html_intake);
    RUN(test_workflow);
    RUN(test_tracking);
    RUN(test_calendar_admin);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
