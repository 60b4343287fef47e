/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_surveys.c: HTTP tests of the satisfaction survey: the form, the
 * JSON API and its validation, the receipt's token (second use refused),
 * kiosk throttling, the paper CSV import (row-by-row errors, all or
 * nothing) and the report in every format against worked numbers.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
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

static void test_form(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/survey?office=35.10.09&service=SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Survei kepuasan masyarakat");
    CHECK_CONTAINS(body(&r), "name=\"u9\"");
    CHECK_CONTAINS(body(&r), "Gratis"); /* SKTM is free: U4's best answer */
    CHECK_CONTAINS(body(&r), "Dikelola dengan baik");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&service=SKTM&u1=4&u2=3&u3=5", csrf);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Pilih salah satu jawaban 1 sampai 4");
    CHECK_CONTAINS(body(&r), "value=\"3\" checked"); /* kept what was sent */
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&office=35.10.09&service=SKTM", csrf);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Jawab minimal satu pertanyaan");
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&service=SKTM&u1=4&u2=3&u3=4&u4=4&u5=3&"
             "u6=4&u7=4&u8=2&u9=3&sex=P&age_group=30-39&education=sma&"
             "occupation=wirausaha&suggestion=%%3Cb%%3EKursi%%3C%%2Fb%%3E+"
             "ruang+tunggu+kurang",
             csrf);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Terima kasih");
    resp_free(&r);
    /* Without the CSRF token: refused. */
    client_post(c, "/survey", "office=35.10.09&u1=4", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(c);
}

static void test_api_validation(void)
{
    struct resp r;
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"35.10.09\",\"scores\":[5,4,4,4,4,4,4,"
                        "4,4]}",
                        &r),
              422);
    json_t *j = json_of(&r);
    CHECK(has_field(j, "scores[0]"));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"35.10.09\",\"scores\":[4,4,4,4]}", &r),
              422);
    j = json_of(&r);
    CHECK(has_field(j, "scores"));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"35.10.09\",\"scores\":[4,4,4,4,4,4,4,4,"
                        "4],\"respondent\":{\"sex\":\"X\"}}",
                        &r),
              422);
    j = json_of(&r);
    CHECK(has_field(j, "sex"));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"99.99\",\"scores\":[4,4,4,4,4,4,4,4,"
                        "4]}",
                        &r),
              422);
    resp_free(&r);
    struct client *c = client_new(&srv);
    client_req(c, "POST", "/api/v1/surveys", "office=35.10.09",
               "application/x-www-form-urlencoded", NULL, &r);
    CHECK_INT(r.status, 415);
    resp_free(&r);
    client_free(c);
    CHECK_INT(post_json("/api/v1/surveys",
                        "{\"office\":\"35.10.09\",\"service\":\"SKTM\","
                        "\"scores\":[4,null,3,4,3,4,4,3,null],\"respondent\":"
                        "{\"sex\":\"L\",\"age_group\":\"60+\"}}",
                        &r),
              201);
    resp_free(&r);
}

static void test_token_once(void)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add loket --role front_office "
             "--office 35.10.09 --password-stdin --db %s >/dev/null",
             srv.bin, srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", "loket", NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %.51s", buf_cstr(&out));
    buf_free(&out);
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "POST", "/api/v1/applications",
               "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{"
               "\"nik\":\"3510164101900123\",\"name\":\"Siti\",\"phone\":"
               "\"081234567890\"},\"requirements\":[\"KTP\",\"KK\","
               "\"PENGANTAR_RT\",\"SURAT_PERNYATAAN\"]}",
               "application/json", auth, &r);
    CHECK_INT(r.status, 201);
    json_t *j = json_of(&r);
    const char *url = json_string_value(json_object_get(j, "survey_url"));
    const char *t = url ? strstr(url, "?t=") : NULL;
    char token[64] = "";
    if (t)
        snprintf(token, sizeof(token), "%s", t + 3);
    CHECK_INT(strlen(token), 32);
    json_decref(j);
    resp_free(&r);
    char path[128], js[512];
    snprintf(path, sizeof(path), "/survey?t=%s", token);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), token);
    resp_free(&r);
    snprintf(js, sizeof(js),
             "{\"token\":\"%s\",\"scores\":[4,4,4,4,4,4,4,4,4]}", token);
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
    client_free(c);
}

static void test_kiosk_throttled(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/survey/kiosk?office=35.10.17", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "survey kiosk");
    CHECK_CONTAINS(resp_header(&r, "Set-Cookie") ? buf_cstr(&r.headers) : "",
                   "sp_kiosk=");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&kiosk=1&office=35.10.17&service=&u1=3&u2=3&u3=3&u4=4&"
             "u5=3&u6=3&u7=4&u8=3&u9=3",
             csrf);
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "http-equiv=\"refresh\"");
    CHECK_CONTAINS(body(&r), "/survey/kiosk?office=35.10.17");
    resp_free(&r);
    /* The same device again at once: refused, the box cannot be stuffed. */
    client_post(c, "/survey", form, &r);
    CHECK_INT(r.status, 429);
    resp_free(&r);
    client_free(c);
}

static long admin_post(struct client *c, const char *path, const char *csv,
                       struct resp *r)
{
    client_get(c, "/admin/surveys/import", r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(r));
    resp_free(r);
    char *form = malloc(strlen(csv) * 3 + 256);
    sprintf(form, "csrf=%s&csv=%s", csrf, urlenc(csv));
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
    CHECK_CONTAINS(body(&r), "77.78");
    CHECK_CONTAINS(body(&r), "1/9");
    CHECK_CONTAINS(body(&r), "PermenPANRB 14/2017");
    CHECK_CONTAINS(body(&r), "Baik");
    CHECK_CONTAINS(body(&r), "&quot;lebih cepat&quot;");
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

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    RUN(test_form);
    RUN(test_api_validation);
    RUN(test_token_once);
    RUN(test_kiosk_throttled);
    RUN(test_import_and_report);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
