/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_surveys.c: HTTP tests of the satisfaction survey: only three doors
 * count (the receipt's token after the hand-over, an enrolled kiosk, paper
 * entered by the office) and everything else is refused and stored
 * nowhere; the JSON API and its validation; the token's single use; the
 * kiosk's gap; the paper CSV import by page and API (row-by-row errors,
 * all or nothing, own office only) and the report in every format against
 * worked numbers, with respondents per channel.
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

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

static long post_json(const char *path, const char *js, struct resp *r)
{
    struct client *c = client_new(&srv);
    client_req(c, "POST", path, js, "application/json", NULL, r);
    client_free(c);
    return r->status;
}

static bool has_field(json_t *j, const char *field)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(json_object_get(j, "error"), "fields"),
                       i, v)
    {
        if (strcmp(json_string_value(json_object_get(v, "field")), field) == 0)
            return true;
    }
    return false;
}

/* Stored questionnaires, counted or not (straight from the database). */
static int64_t stored_surveys(void)
{
    struct db *db = NULL;
    int64_t n = -1;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &n, "SELECT COUNT(*) FROM surveys WHERE id > $1",
               DV_INT(0)) != ERR_OK)
        n = -1;
    db_close(db);
    return n;
}

static void set_state(const char *regno, const char *state)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_run(db, NULL,
                     "UPDATE applications SET state = $1 WHERE"
                     " regno = $2",
                     DV_TEXT(state), DV_TEXT(regno)),
              ERR_OK);
    db_close(db);
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

/* "Authorization: Bearer KEY" for a new key of login (static). */
static const char *bearer(const char *login)
{
    static char auth[128];
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    snprintf(auth, sizeof(auth), "Authorization: Bearer %.51s", buf_cstr(&out));
    buf_free(&out);
    return auth;
}

/*
 * Enrol the browser c as a kiosk of office (signed in as login), then sign
 * out; the device credential into cred (65 bytes).
 */
static void enrol(struct client *c, const char *login, const char *office,
                  char cred[65])
{
    CHECK_INT(client_login(c, login, "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/devices", &r);
    CHECK_INT(r.status, 200);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&label=Tablet+keluar&office=%s", csrf,
             office);
    client_post(c, "/devices", form, &r);
    CHECK_INT(r.status, 303);
    const char *h = strstr(buf_cstr(&r.headers), "sp_device=");
    cred[0] = '\0';
    if (h)
        sscanf(h + 10, "%64[0-9a-f]", cred);
    CHECK_INT(strlen(cred), 64);
    resp_free(&r);
    client_get(c, "/staff", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, "/logout", form, &r);
    resp_free(&r);
}

static const char *scores9 = "u1=3&u2=3&u3=3&u4=4&u5=3&u6=3&u7=4&u8=3&u9=3";

static void test_walk_in_refused(void)
{
    int64_t before = stored_surveys();
    struct client *c = client_new(&srv);
    struct resp r;
    /* The public page explains the doors; there is no open form. */
    client_get(c, "/survey?office=35.10.09&service=SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "tanda terima");
    CHECK_NOT_CONTAINS(body(&r), "name=\"u9\"");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    /* 31 anonymous posts with fresh cookies: all refused, none stored. */
    for (int i = 0; i < 31; i++) {
        struct client *x = client_new(&srv);
        client_get(x, "/complaints/new", &r); /* a CSRF cookie */
        char cs[128];
        snprintf(cs, sizeof(cs), "%s", resp_csrf(&r));
        resp_free(&r);
        char form[512];
        snprintf(form, sizeof(form), "csrf=%s&office=35.10.09&%s", cs, scores9);
        client_post(x, "/survey", form, &r);
        CHECK_INT(r.status, 403);
        resp_free(&r);
        client_free(x);
    }
    /* The kiosk flag without an enrolled device is no kiosk. */
    client_get(c, "/complaints/new", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&kiosk=1&office=35.10.09&%s", csrf,
             scores9);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 403);
    CHECK_CONTAINS(body(&r), "belum didaftarkan");
    resp_free(&r);
    client_get(c, "/survey/kiosk?office=35.10.09", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* The API: neither token nor device -> 401; a made-up device -> 403. */
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"35.10.09\",\"scores\":[4,4,4,4,4,4,"
                        "4,4,4]}",
                        &r),
              401);
    json_t *j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "channel_required");
    json_decref(j);
    resp_free(&r);
    client_req(
        c, "POST", "/api/v1/surveys", "{\"scores\":[4,4,4,4,4,4,4,4,4]}",
        "application/json",
        "X-Satupintu-Device: "
        "0000000000000000000000000000000000000000000000000000000000000000",
        &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* Without the CSRF token: refused before anything. */
    client_post(c, "/survey", "office=35.10.09&u1=4", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(c);
    CHECK_INT(stored_surveys(), before);
}

static void test_kiosk(void)
{
    user("kades.sumber", "head_of_office", "35.10.17");
    struct client *c = client_new(&srv);
    char cred[65];
    enrol(c, "kades.sumber", "", cred);
    struct resp r;
    /* The office is the device's; the page's ?office= is ignored. */
    client_get(c, "/survey/kiosk?office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "survey kiosk");
    CHECK_CONTAINS(body(&r), "value=\"35.10.17\"");
    CHECK_NOT_CONTAINS(body(&r), "value=\"35.10.09\"");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&kiosk=1&office=35.10.09&%s", csrf,
             scores9);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "http-equiv=\"refresh\"");
    resp_free(&r);
    /* The same device again within its gap: refused. */
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 429);
    resp_free(&r);
    /* The device's credential also opens the API door. */
    char hdr[128];
    snprintf(hdr, sizeof(hdr), "X-Satupintu-Device: %s", cred);
    struct client *api = client_new(&srv);
    client_req(api, "POST", "/api/v1/surveys",
               "{\"scores\":[4,4,4,4,4,4,4,4,4]}", "application/json", hdr, &r);
    CHECK_INT(r.status, 429); /* the same device: its gap holds */
    resp_free(&r);
    /* Validation with a door: codes and sizes. */
    client_req(api, "POST", "/api/v1/surveys",
               "{\"scores\":[5,4,4,4,4,4,4,4,4]}", "application/json", hdr, &r);
    CHECK_INT(r.status, 422);
    json_t *j = json_of(&r);
    CHECK(has_field(j, "scores[0]"));
    json_decref(j);
    resp_free(&r);
    client_req(api, "POST", "/api/v1/surveys",
               "{\"scores\":[4,4,4,4,4,4,4,4,4],\"respondent\":{\"sex\":"
               "\"X\"}}",
               "application/json", hdr, &r);
    CHECK_INT(r.status, 422);
    j = json_of(&r);
    CHECK(has_field(j, "sex"));
    json_decref(j);
    resp_free(&r);
    client_req(api, "POST", "/api/v1/surveys", "office=35.10.09",
               "application/x-www-form-urlencoded", hdr, &r);
    CHECK_INT(r.status, 415);
    resp_free(&r);
    client_free(api);
    /* Revoked: the tablet is no kiosk any more. */
    CHECK_INT(client_login(c, "kades.sumber", "Sandi-Uji-12345"), 303);
    client_get(c, "/devices", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    const char *rv = strstr(body(&r), "/devices/");
    char path[64] = "";
    if (rv)
        sscanf(rv, "%63[^\"]", path);
    resp_free(&r);
    CHECK_CONTAINS(path, "/revoke");
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(c, "/survey/kiosk", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(c);
    /* A desa office that is not a service point: enrolled by an
     * administrator, but its questionnaires are refused. */
    user("admin3", "administrator", NULL);
    struct client *d = client_new(&srv);
    enrol(d, "admin3", "35.10.01.2001", cred); /* Desa Sarongan */
    client_get(d, "/survey/kiosk", &r);
    CHECK_INT(r.status, 200);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    int64_t before = stored_surveys();
    snprintf(form, sizeof(form), "csrf=%s&kiosk=1&%s", csrf, scores9);
    client_post(d, "/survey", form, &r);
    CHECK_INT(r.status, 409);
    CHECK_CONTAINS(body(&r), "belum menjadi titik layanan");
    resp_free(&r);
    CHECK_INT(stored_surveys(), before);
    client_free(d);
}

static void test_token_after_hand_over(void)
{
    user("loket", "front_office", "35.10.09");
    const char *auth = bearer("loket");
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "POST", "/api/v1/applications",
               "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{"
               "\"nik\":\"3510164101900123\",\"name\":\"Siti\",\"phone\":"
               "\"081234567890\"},\"requirements\":[\"KTP\",\"KK\","
               "\"PENGANTAR_RT\",\"PENGANTAR_DESA\",\"SURAT_PERNYATAAN\"]}",
               "application/json", auth, &r);
    CHECK_INT(r.status, 201);
    json_t *j = json_of(&r);
    const char *url = json_string_value(json_object_get(j, "survey_url"));
    const char *t = url ? strstr(url, "?t=") : NULL;
    char token[64] = "", regno[32] = "";
    if (t)
        snprintf(token, sizeof(token), "%s", t + 3);
    snprintf(regno, sizeof(regno), "%s",
             json_string_value(json_object_get(j, "registration_no")));
    CHECK_INT(strlen(token), 32);
    /* Its first 8 digits are the second it was registered in, the rest
     * random: a second intake in the same second or the next differs in
     * the random part. */
    const char *sub = json_string_value(json_object_get(j, "submitted_at"));
    struct tm tm = {0};
    CHECK(sub && sscanf(sub, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
                        &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    long long at = (long long)timegm(&tm) - 7 * 3600; /* +07:00 */
    char prefix[16];
    snprintf(prefix, sizeof(prefix), "%08llx", at);
    CHECK(strncmp(token, prefix, 8) == 0);
    json_decref(j);
    resp_free(&r);
    client_req(c, "POST", "/api/v1/applications",
               "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{"
               "\"nik\":\"3510164101900124\",\"name\":\"Sri\",\"phone\":"
               "\"081234567891\"},\"requirements\":[\"KTP\",\"KK\","
               "\"PENGANTAR_RT\",\"PENGANTAR_DESA\",\"SURAT_PERNYATAAN\"]}",
               "application/json", auth, &r);
    CHECK_INT(r.status, 201);
    j = json_of(&r);
    const char *url2 = json_string_value(json_object_get(j, "survey_url"));
    const char *t2 = url2 ? strstr(url2, "?t=") : NULL;
    CHECK(t2 && strlen(t2 + 3) == 32 && strcmp(t2 + 3 + 8, token + 8) != 0);
    json_decref(j);
    resp_free(&r);
    char path[128], js[512];
    snprintf(path, sizeof(path), "/survey?t=%s", token);
    snprintf(js, sizeof(js),
             "{\"token\":\"%s\",\"scores\":[4,4,4,4,4,4,4,4,4]}", token);
    /* Not before the hand-over: nothing to rate yet. */
    client_get(c, path, &r);
    CHECK_INT(r.status, 409);
    CHECK_CONTAINS(body(&r), "setelah dokumen Anda diserahkan");
    resp_free(&r);
    int64_t before = stored_surveys();
    CHECK_INT(post_json("/api/v1/surveys", js, &r), 409);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "not_yet_valid");
    json_decref(j);
    resp_free(&r);
    set_state(regno, "ready"); /* ready is not handed over */
    CHECK_INT(post_json("/api/v1/surveys", js, &r), 409);
    resp_free(&r);
    CHECK_INT(stored_surveys(), before);
    /* Handed over (the workflow itself is test_applications'): open. */
    set_state(regno, "handed_over");
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), token);
    CHECK_CONTAINS(body(&r), "name=\"u9\"");
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys", js, &r), 201);
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys", js, &r), 409);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "already_answered");
    json_decref(j);
    resp_free(&r);
    client_get(c, path, &r);
    CHECK_INT(r.status, 409);
    CHECK_CONTAINS(body(&r), "Sudah diisi");
    resp_free(&r);
    client_get(c, "/survey?t=00000000000000000000000000000000", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"token\":\"00000000000000000000000000000000\","
                        "\"scores\":[4,4,4,4,4,4,4,4,4]}",
                        &r),
              403);
    resp_free(&r);
    /* The form path with the token: a questionnaire with errors is shown
     * again with what was sent. */
    set_state(regno, "handed_over");
    client_free(c);
}

static long admin_post(struct client *c, const char *path, const char *csv,
                       struct resp *r)
{
    client_get(c, "/admin/surveys/import", r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(r));
    resp_free(r);
    size_t size = strlen(csv) * 3 + 256;
    char *form = malloc(size);
    snprintf(form, size, "csrf=%s&csv=%s", csrf, urlenc(csv));
    client_post(c, path, form, r);
    free(form);
    return r->status;
}

static json_t *report(const char *query)
{
    struct client *c = client_new(&srv);
    struct resp r;
    char path[256];
    snprintf(path, sizeof(path), "/api/v1/reports/ikm?%s", query);
    client_get(c, path, &r);
    json_t *j = r.status == 200 ? json_of(&r) : NULL;
    resp_free(&r);
    client_free(c);
    return j;
}

static void test_import_and_report(void)
{
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add admin2 --role "
             "administrator --password-stdin --db %s >/dev/null",
             srv.bin, srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "admin2", "Sandi-Uji-12345"), 303);
    struct resp r;
    /* Two bad lines: both reported, nothing imported. */
    const char *bad =
        "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,age_group,"
        "education,occupation,suggestion\n"
        "35.10.01,,2026-02-10,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,\n"
        "99.99.99,,2026-02-10,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,\n"
        "35.10.01,,2026-02-11,5,4,4,4,4,4,4,4,4,P,20-29,sma,swasta,\n";
    CHECK_INT(admin_post(c, "/admin/surveys/import", bad, &r), 422);
    CHECK_CONTAINS(body(&r), "Baris 3");
    CHECK_CONTAINS(body(&r), "Baris 4");
    CHECK_CONTAINS(body(&r), "Tidak ada yang diimpor");
    resp_free(&r);
    json_t *j = report("office=35.10.01&period=2026-02");
    CHECK_INT(json_integer_value(json_object_get(j, "respondents")), 0);
    CHECK(json_is_null(json_object_get(j, "ikm")));
    json_decref(j);
    /* Worked numbers: 4 respondents in February at Pesanggaran.
     * U1..U9 sums: 14,12,12,16,12,12,14,8,12 over 4 answers each, except
     * U9 answered by 3 (sum 9). NRR: 3.5,3,3,4,3,3,3.5,2,3 -> sum 28;
     * IKM = 25 x 28 / 9 = 77.777... -> 77.78, grade B. */
    const char *good =
        "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,age_group,"
        "education,occupation,suggestion\n"
        "35.10.01,SKTM,2026-02-02,4,3,3,4,3,3,4,2,3,L,20-29,sma,swasta,"
        "\"Antrian, tolong \"\"lebih cepat\"\"\"\n"
        "35.10.01,SKTM,2026-02-10,3,3,3,4,3,3,3,2,3,P,30-39,s1,pns,\n"
        "35.10.01,,2026-02-15,4,3,3,4,3,3,4,2,3,P,30-39,smp,wirausaha,\n"
        "35.10.01,,2026-02-28,3,3,3,4,3,3,3,2,,L,60+,sd,lainnya,\n"
        "35.10.01,,2026-01-20,2,2,2,4,2,2,2,2,2,L,20-29,sma,swasta,\n";
    CHECK_INT(admin_post(c, "/admin/surveys/import", good, &r), 200);
    CHECK_CONTAINS(body(&r), "5 kuesioner diimpor");
    resp_free(&r);
    j = report("office=35.10.01&period=2026-02");
    CHECK(j != NULL);
    CHECK_INT(json_integer_value(json_object_get(j, "respondents")), 4);
    CHECK_STR(json_string_value(json_object_get(j, "ikm_text")), "77.78");
    CHECK_STR(json_string_value(json_object_get(j, "grade")), "B");
    CHECK_STR(json_string_value(json_object_get(j, "regulation")),
              "PermenPANRB 14/2017");
    json_t *nrr = json_object_get(j, "nrr");
    CHECK_INT(
        json_integer_value(json_object_get(json_array_get(nrr, 8), "answers")),
        3);
    CHECK(json_real_value(json_object_get(json_array_get(nrr, 0), "nrr")) ==
          3.5);
    /* Weakest first: U8 (NRR 2). */
    CHECK_STR(
        json_string_value(json_array_get(json_object_get(j, "weakest"), 0)),
        "U8");
    CHECK_INT(json_integer_value(json_object_get(
                  json_object_get(json_object_get(j, "profile"), "sex"), "P")),
              2);
    CHECK_STR(
        json_string_value(json_array_get(json_object_get(j, "suggestions"), 0)),
        "Antrian, tolong \"lebih cepat\"");
    /* The previous period (January): 1 respondent, NRR 2 x 8 + 4 ->
     * 25 x 20 / 9 = 55.56. */
    json_t *prev = json_object_get(j, "previous");
    CHECK(json_real_value(json_object_get(prev, "ikm")) > 55.55 &&
          json_real_value(json_object_get(prev, "ikm")) < 55.57);
    CHECK_STR(json_string_value(json_object_get(prev, "from")), "2026-01-01");
    json_decref(j);
    /* No applications there in February: the office enters the number of
     * service users; 100 users -> a sample target of 80, not reached. */
    client_get(c, "/admin/surveys/import", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[256];
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.01&from=2026-02-01&to=2026-02-28&"
             "users=100",
             csrf);
    client_post(c, "/admin/surveys/users", form, &r);
    CHECK_INT(r.status, 200);
    resp_free(&r);
    j = report("office=35.10.01&period=2026-02");
    CHECK_INT(json_integer_value(json_object_get(j, "service_users")), 100);
    CHECK_INT(json_integer_value(json_object_get(j, "target_sample")), 80);
    CHECK(json_is_false(json_object_get(j, "target_reached")));
    json_decref(j);
    /* Service filter and the district scope. */
    j = report("office=35.10.01&service=SKTM&from=2026-02-01&to=2026-02-28");
    CHECK_INT(json_integer_value(json_object_get(j, "respondents")), 2);
    json_decref(j);
    j = report("district=35.10.01&period=2026-Q1");
    CHECK_INT(json_integer_value(json_object_get(j, "respondents")), 5);
    json_decref(j);
    /* Bad periods. */
    client_get(c, "/api/v1/reports/ikm?from=2026-03-01&to=2026-02-01", &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    client_get(c, "/api/v1/reports/ikm?period=2026-Q5", &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    /* The publication, CSV and XLSX. */
    client_get(c, "/reports/ikm?office=35.10.01&period=2026-02", &r);
    CHECK_INT(r.status, 200);
    /* Numbers for people: the decimal comma in Bahasa Indonesia (IKM and
     * NRR, U1 = 3.5), the period's dates with their weekdays. */
    CHECK_CONTAINS(body(&r), "<strong>77,78</strong>");
    CHECK_NOT_CONTAINS(body(&r), "77.78");
    CHECK_CONTAINS(body(&r), "<td>3,50</td>");
    CHECK_CONTAINS(body(&r), "Minggu, 1 Februari 2026");
    CHECK_CONTAINS(body(&r), "1/9");
    CHECK_CONTAINS(body(&r), "PermenPANRB 14/2017");
    CHECK_CONTAINS(body(&r), "Baik");
    CHECK_CONTAINS(body(&r), "&quot;lebih cepat&quot;");
    resp_free(&r);
    /* The decimal point in English. */
    client_get(c, "/reports/ikm?office=35.10.01&period=2026-02&lang=en", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "<strong>77.78</strong>");
    CHECK_CONTAINS(body(&r), "<td>3.50</td>");
    CHECK_CONTAINS(body(&r), "Sunday, 1 February 2026");
    resp_free(&r);
    /* Machine outputs keep the decimal point whatever the language. */
    client_get(c,
               "/reports/ikm?office=35.10.01&period=2026-02&format=csv&lang=id",
               &r);
    CHECK_CONTAINS(body(&r), "IKM,77.78");
    resp_free(&r);
    client_get(c, "/reports/ikm?office=35.10.01&period=2026-02&format=csv", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/csv");
    CHECK_CONTAINS(body(&r), "IKM,77.78");
    CHECK_CONTAINS(body(&r), "respondents,4");
    resp_free(&r);
    client_get(c, "/reports/ikm?office=35.10.01&period=2026-02&format=xlsx",
               &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "spreadsheetml");
    CHECK(r.body.len > 1000 && memcmp(r.body.data, "PK", 2) == 0);
    resp_free(&r);
    client_free(c);
}

static void test_import_scope_and_api(void)
{
    /* A head of office enters paper questionnaires of their own office
     * only; a desa that is not a service point is refused. */
    user("camat.pesanggaran", "head_of_office", "35.10.01");
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "camat.pesanggaran", "Sandi-Uji-12345"), 303);
    struct resp r;
    const char *other =
        "35.10.02,,2026-03-02,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,\n"
        "35.10.01.2001,,2026-03-02,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,\n";
    CHECK_INT(admin_post(c, "/admin/surveys/import", other, &r), 422);
    CHECK_CONTAINS(body(&r), "bukan kantor Anda");
    resp_free(&r);
    client_free(c);
    /* The same import through the API with the head's key. */
    const char *auth = bearer("camat.pesanggaran");
    struct client *api = client_new(&srv);
    client_req(api, "POST", "/api/v1/surveys/import", other, "text/csv", auth,
               &r);
    CHECK_INT(r.status, 422);
    json_t *j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "invalid_rows");
    CHECK_INT(
        json_array_size(json_object_get(json_object_get(j, "error"), "rows")),
        2);
    json_decref(j);
    resp_free(&r);
    const char *mine =
        "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,age_group,"
        "education,occupation,suggestion\n"
        "35.10.01,,2026-03-02,4,4,4,4,4,4,4,4,4,L,20-29,sma,swasta,\n"
        "35.10.01,,2026-03-03,3,3,3,3,3,3,3,3,3,P,20-29,sma,swasta,\n";
    client_req(api, "POST", "/api/v1/surveys/import", mine, "text/csv", auth,
               &r);
    CHECK_INT(r.status, 201);
    j = json_of(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "rows")), 2);
    json_decref(j);
    resp_free(&r);
    client_req(api, "POST", "/api/v1/surveys/import", mine, "text/plain", auth,
               &r);
    CHECK_INT(r.status, 415);
    resp_free(&r);
    /* A front-office key may not import. */
    user("loket.pesanggaran", "front_office", "35.10.01");
    client_req(api, "POST", "/api/v1/surveys/import", mine, "text/csv",
               bearer("loket.pesanggaran"), &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(api);
    /* Per channel in the report; two paper answers against no service
     * users in March: flagged. */
    j = report("office=35.10.01&period=2026-03");
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(j, "channels"), "paper")),
              2);
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(j, "channels"), "receipt")),
              0);
    CHECK(json_is_true(json_object_get(j, "respondents_exceed_users")));
    json_decref(j);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    /* A kiosk's gap longer than any run: the second answer is refused
     * however slow the machine is. */
    setenv("SATUPINTU_KIOSK_GAP", "3600", 1);
    if (!server_start(&srv, argv[1]))
        return 1;
    RUN(test_walk_in_refused);
    RUN(test_kiosk);
    RUN(test_token_after_hand_over);
    RUN(test_import_and_report);
    RUN(test_import_scope_and_api);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
