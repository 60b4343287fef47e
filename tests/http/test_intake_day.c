/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_intake_day.c: HTTP tests of issue 15 on the citizen's and the
 * counter's side, one server for the whole file:
 *   a citizen without a phone registered with a reason (preset or typed,
 *   3 to 200 characters), the purpose of the letter where the service asks
 *   for it (3 to 200), both through the counter's form and the API, and
 *   stored; the confirmation showing everything that will be stored in
 *   both languages; the missing-documents slip with the name, the date and
 *   the opening hours; the tracking page telling where and when to pick
 *   up, linking the complaint form (prefilled) and, once the survey is
 *   open, the survey; the survey naming the service and office rated.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;
static char key_front[64], key_back[64];

#define OFFICE "35.10.09"
#define VILLAGE "35.10.09.2001"
#define NIK "3510164101900123"
/* SKU asks the purpose (data/services.json asks_purpose); the four
 * documents mandatory at a kecamatan. */
#define SKU_REQS "req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA"
/* DOMISILI's mandatory documents and the citizen's NIK (a form's start). */
#define DOM_NIK "req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA&nik=" NIK

static void user(const char *login, const char *role, const char *office)
{
    CHECK(server_user_add(&srv, login, role, office, "Sandi-Uji-12345"));
}

static void key_for(const char *login, char out[64])
{
    CHECK(server_apikey(&srv, login, out));
}

static struct client *signed_in(const char *login)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, login, "Sandi-Uji-12345"), 303);
    return c;
}

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
    const char *t = db_col_text(st, 0);
    *(char **)out = t ? arena_strdup(a, t) : NULL;
}

/* One text column of one row (test set-up and checks), copied into out
 * ("(null)" for NULL, "" when there is no row). */
static const char *sql_text(char *out, size_t n, const char *stmt,
                            const char *arg)
{
    struct db *db = NULL;
    struct arena *a = arena_new();
    char *v = NULL;
    out[0] = '\0';
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    enum err rc = db_get_one(db, a, text_row, &v, stmt, DV_TEXT(arg));
    if (rc == ERR_OK)
        snprintf(out, n, "%s", v ? v : "(null)");
    db_close(db);
    arena_free(a);
    return out;
}

static void sql(const char *stmt, const char *a, const char *b)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_run(db, NULL, stmt, DV_TEXT(a), DV_TEXT(b)), ERR_OK);
    db_close(db);
}

/* The registration number from a receipt's redirect Location. */
static void regno_of(const struct resp *r, char regno[32])
{
    const char *loc = resp_header(r, "Location");
    regno[0] = '\0';
    if (loc && strncmp(loc, "/applications/", 14) == 0)
        sscanf(loc + 14, "%31[^/]", regno);
}

/* POST the intake form of service (with the csrf) in lang ("" or
 * "?lang=en"); the status. */
static long intake(struct client *c, const char *service, const char *lang,
                   const char *fields, struct resp *r)
{
    char path[64], form[4096];
    snprintf(path, sizeof(path), "/intake/%s", service);
    const char *csrf = client_csrf_at(c, path);
    snprintf(path, sizeof(path), "/intake/%s%s", service, lang);
    snprintf(form, sizeof(form), "csrf=%s&%s", csrf, fields);
    client_post(c, path, form, r);
    return r->status;
}

/* A string of n 'x'. */
static const char *xs(size_t n)
{
    static char b[512];
    memset(b, 'x', n);
    b[n] = '\0';
    return b;
}

/* ---- 1. no phone, with a reason; the purpose of the letter ---- */

static void test_no_phone_needs_reason(void)
{
    struct client *c = signed_in("loket.genteng");
    struct resp r;
    /* Neither phone nor reason: refused, the form says what to do. */
    CHECK_INT(intake(c, "DOMISILI", "",
                     DOM_NIK "&name=Siti&phone=&no_phone_reason=", &r),
              422);
    CHECK_CONTAINS(resp_body(&r), "pilih alasan tidak ada nomor");
    CHECK_NOT_CONTAINS(resp_body(&r), "=&quot;"); /* no escaped attribute */
    CHECK_CONTAINS(resp_body(&r), "name=\"no_phone_reason\"");
    CHECK_CONTAINS(resp_body(&r), "Tidak punya HP");
    CHECK_CONTAINS(resp_body(&r), "Nomor tidak diingat");
    resp_free(&r);
    /* In English. */
    CHECK_INT(
        intake(c, "DOMISILI", "?lang=en", DOM_NIK "&name=Siti&phone=", &r),
        422);
    CHECK_CONTAINS(resp_body(&r), "choose why there is none");
    CHECK_CONTAINS(resp_body(&r), "Has no phone");
    resp_free(&r);
    /* "Other" with 2 characters typed: too short; 3: accepted. */
    CHECK_INT(
        intake(c, "DOMISILI", "?lang=id",
               DOM_NIK
               "&name=Siti&phone=&no_phone_reason=other&no_phone_other=ab",
               &r),
        422);
    CHECK_CONTAINS(resp_body(&r), "3 sampai 200");
    resp_free(&r);
    CHECK_INT(
        intake(c, "DOMISILI", "",
               DOM_NIK
               "&name=Siti&phone=&no_phone_reason=other&no_phone_other=abc",
               &r),
        200);
    CHECK_CONTAINS(resp_body(&r), "name=\"confirm\"");
    resp_free(&r);
    /* 200 typed characters pass, 201 do not. */
    char f[2048];
    snprintf(f, sizeof(f),
             DOM_NIK
             "&name=Siti&phone=&no_phone_reason=other&no_phone_other=%s",
             xs(200));
    CHECK_INT(intake(c, "DOMISILI", "", f, &r), 200);
    resp_free(&r);
    snprintf(f, sizeof(f),
             DOM_NIK
             "&name=Siti&phone=&no_phone_reason=other&no_phone_other=%s",
             xs(201));
    CHECK_INT(intake(c, "DOMISILI", "", f, &r), 422);
    resp_free(&r);
    /* A mistyped phone is still refused (no reason makes it right). */
    CHECK_INT(intake(c, "DOMISILI", "",
                     DOM_NIK "&name=Siti&phone=0812&no_phone_reason=no_phone",
                     &r),
              422);
    CHECK_CONTAINS(resp_body(&r), "8 sampai 15 angka");
    resp_free(&r);
    /* SMS messages need a number: no phone, no SMS consent. */
    CHECK_INT(intake(c, "DOMISILI", "",
                     DOM_NIK
                     "&name=Siti&phone=&no_phone_reason=no_phone&notify=sms",
                     &r),
              422);
    resp_free(&r);
    client_free(c);
}

static void test_purpose_where_asked(void)
{
    struct client *c = signed_in("loket.genteng");
    struct resp r;
    /* SKU asks: the field is on the form, required. */
    client_get(c, "/intake/SKU", &r);
    CHECK_CONTAINS(resp_body(&r), "name=\"purpose\"");
    CHECK_CONTAINS(resp_body(&r), "Keperluan surat");
    resp_free(&r);
    client_get(c, "/intake/DOMISILI", &r);
    CHECK_NOT_CONTAINS(resp_body(&r), "name=\"purpose\"");
    resp_free(&r);
    CHECK_INT(intake(c, "SKU", "",
                     SKU_REQS "&nik=" NIK "&name=Siti&phone=081234567890", &r),
              422);
    CHECK_CONTAINS(resp_body(&r), "Isi keperluan surat");
    resp_free(&r);
    CHECK_INT(intake(c, "SKU", "?lang=en",
                     SKU_REQS "&nik=" NIK "&name=Siti&phone=081234567890", &r),
              422);
    CHECK_CONTAINS(resp_body(&r), "Give the purpose of the letter");
    resp_free(&r);
    CHECK_INT(intake(c, "SKU", "?lang=id",
                     SKU_REQS "&nik=" NIK
                              "&name=Siti&phone=081234567890&purpose=ab",
                     &r),
              422);
    CHECK_CONTAINS(resp_body(&r), "Keperluan surat 3 sampai 200");
    resp_free(&r);
    char f[2048];
    snprintf(f, sizeof(f),
             SKU_REQS "&nik=" NIK "&name=Siti&phone=081234567890&purpose=%s",
             xs(201));
    CHECK_INT(intake(c, "SKU", "", f, &r), 422);
    resp_free(&r);
    snprintf(f, sizeof(f),
             SKU_REQS "&nik=" NIK "&name=Siti&phone=081234567890&purpose=%s",
             xs(200));
    CHECK_INT(intake(c, "SKU", "", f, &r), 200);
    resp_free(&r);
    CHECK_INT(intake(c, "SKU", "",
                     SKU_REQS "&nik=" NIK
                              "&name=Siti&phone=081234567890&purpose=abc",
                     &r),
              200);
    resp_free(&r);
    client_free(c);
}

/* ---- 2. the confirmation shows everything; 1. it is stored ---- */

static void test_confirm_shows_and_stores(void)
{
    struct client *c = signed_in("loket.genteng");
    struct resp r;
    const char *fields =
        SKU_REQS "&nik=" NIK "&name=Siti+Aminah&village=" VILLAGE
                 "&phone=&no_phone_reason=no_phone&email=siti%40example.id"
                 "&purpose=Untuk+melamar+pekerjaan";
    char village[128];
    sql_text(village, sizeof(village),
             "SELECT name FROM regions WHERE code = $1", VILLAGE);
    CHECK(strlen(village) > 2);
    CHECK_INT(intake(c, "SKU", "", fields, &r), 200);
    const char *h = resp_body(&r);
    CHECK_CONTAINS(h, "Konfirmasi pendaftaran");
    CHECK_CONTAINS(h, village);
    CHECK_CONTAINS(h, "siti@example.id");
    CHECK_CONTAINS(h, "tidak ada, alasannya: <strong>Tidak punya HP</strong>");
    CHECK_CONTAINS(h, "Keperluan surat</dt><dd class=\"purpose\">Untuk "
                      "melamar pekerjaan");
    CHECK_CONTAINS(h, "Dokumen diserahkan");
    CHECK_CONTAINS(h, "<li>Kartu Keluarga");
    /* The business photo was not ticked: not listed. */
    CHECK_NOT_CONTAINS(h, "Foto tempat usaha");
    resp_free(&r);
    /* The same in English. */
    CHECK_INT(intake(c, "SKU", "?lang=en", fields, &r), 200);
    h = resp_body(&r);
    CHECK_CONTAINS(h, "Confirm the registration");
    CHECK_CONTAINS(h, village);
    CHECK_CONTAINS(h, "none, because: <strong>Has no phone</strong>");
    CHECK_CONTAINS(h, "Purpose of the letter");
    CHECK_CONTAINS(h, "Documents handed in");
    CHECK_CONTAINS(h, "Family Card");
    resp_free(&r);
    /* A typed reason is shown as typed. */
    CHECK_INT(intake(c, "SKU", "?lang=id",
                     SKU_REQS "&nik=" NIK "&name=Siti&phone=&no_phone_reason="
                              "other&no_phone_other=HP+hilang&purpose=abc",
                     &r),
              200);
    CHECK_CONTAINS(resp_body(&r), "<strong>HP hilang</strong>");
    CHECK_CONTAINS(resp_body(&r), "— tidak diisi"); /* no village, no e-mail */
    resp_free(&r);
    /* Confirmed: registered, and stored as shown. */
    char form[2048];
    snprintf(form, sizeof(form), "%s&confirm=1", fields);
    CHECK_INT(intake(c, "SKU", "", form, &r), 303);
    char regno[32], got[256];
    regno_of(&r, regno);
    resp_free(&r);
    CHECK(strlen(regno) > 10);
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT no_phone_reason FROM applications WHERE regno "
                       "= $1",
                       regno),
              "no_phone");
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT purpose FROM applications WHERE regno = $1",
                       regno),
              "Untuk melamar pekerjaan");
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT phone FROM applications WHERE regno = $1",
                       regno),
              "");
    /* The application's page and JSON carry them (personal data). */
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    CHECK_INT(client_api(&srv, key_front, "GET", path, NULL, &r), 200);
    json_t *j = resp_json(&r);
    CHECK_STR(json_string_value(json_object_get(j, "purpose")),
              "Untuk melamar pekerjaan");
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "citizen"),
                                                "no_phone_reason")),
              "no_phone");
    json_decref(j);
    resp_free(&r);
    snprintf(path, sizeof(path), "/applications/%s", regno);
    client_get(c, path, &r);
    CHECK_CONTAINS(resp_body(&r), "Tidak punya HP");
    CHECK_CONTAINS(resp_body(&r), "Untuk melamar pekerjaan");
    resp_free(&r);
    /* A phone given with a reason chosen: the phone kept, the reason
     * not; a purpose sent where none is asked: not stored. */
    CHECK_INT(intake(c, "DOMISILI", "",
                     DOM_NIK
                     "&name=Budi&phone=081234567891&no_phone_reason=declined"
                     "&purpose=Untuk+bank&confirm=1",
                     &r),
              303);
    regno_of(&r, regno);
    resp_free(&r);
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT no_phone_reason FROM applications WHERE regno "
                       "= $1",
                       regno),
              "(null)");
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT purpose FROM applications WHERE regno = $1",
                       regno),
              "(null)");
    client_free(c);
}

/* The error code of the first field error of a JSON answer. */
static const char *first_code(json_t *j, const char *field)
{
    json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
    {
        if (strcmp(json_string_value(json_object_get(f, "field"))
                       ? json_string_value(json_object_get(f, "field"))
                       : "",
                   field) == 0)
            return json_string_value(json_object_get(f, "code"));
    }
    return "";
}

static void test_api_intake(void)
{
    struct resp r;
    char js[1024];
    const char *tail = "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                       "\"PENGANTAR_DESA\"]}";
    /* No phone, no reason. */
    snprintf(js, sizeof(js),
             "{\"office\":\"" OFFICE "\",\"service\":\"SKU\",\"purpose\":"
             "\"Untuk kredit usaha\",\"citizen\":{\"nik\":\"" NIK "\","
             "\"name\":\"Siti\"},%s",
             tail);
    CHECK_INT(
        client_api(&srv, key_front, "POST", "/api/v1/applications", js, &r),
        422);
    json_t *j = resp_json(&r);
    CHECK_STR(first_code(j, "phone"), "phone_or_reason");
    json_decref(j);
    resp_free(&r);
    /* No purpose for SKU. */
    snprintf(js, sizeof(js),
             "{\"office\":\"" OFFICE "\",\"service\":\"SKU\",\"citizen\":{"
             "\"nik\":\"" NIK "\",\"name\":\"Siti\",\"no_phone_reason\":"
             "\"not_remembered\"},%s",
             tail);
    CHECK_INT(
        client_api(&srv, key_front, "POST", "/api/v1/applications", js, &r),
        422);
    j = resp_json(&r);
    CHECK_STR(first_code(j, "purpose"), "purpose_required");
    json_decref(j);
    resp_free(&r);
    /* Both: registered, the purpose in the answer, both stored. */
    snprintf(js, sizeof(js),
             "{\"office\":\"" OFFICE "\",\"service\":\"SKU\",\"purpose\":"
             "\"Untuk kredit usaha\",\"citizen\":{\"nik\":\"" NIK "\","
             "\"name\":\"Siti\",\"no_phone_reason\":\"not_remembered\"},%s",
             tail);
    CHECK_INT(
        client_api(&srv, key_front, "POST", "/api/v1/applications", js, &r),
        201);
    j = resp_json(&r);
    CHECK_STR(json_string_value(json_object_get(j, "purpose")),
              "Untuk kredit usaha");
    char regno[32], got[256];
    snprintf(regno, sizeof(regno), "%s",
             json_string_value(json_object_get(j, "registration_no")));
    json_decref(j);
    resp_free(&r);
    CHECK_STR(sql_text(got, sizeof(got),
                       "SELECT no_phone_reason FROM applications WHERE regno "
                       "= $1",
                       regno),
              "not_remembered");
    /* The catalogue's API says which services ask. */
    CHECK_INT(client_api(&srv, NULL, "GET", "/api/v1/services/SKU", NULL, &r),
              200);
    j = resp_json(&r);
    CHECK(json_is_true(json_object_get(j, "asks_purpose")));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(
        client_api(&srv, NULL, "GET", "/api/v1/services/DOMISILI", NULL, &r),
        200);
    j = resp_json(&r);
    CHECK(json_is_false(json_object_get(j, "asks_purpose")));
    json_decref(j);
    resp_free(&r);
}

/* ---- 3. the missing-documents slip ---- */

static void test_missing_slip(void)
{
    struct client *c = signed_in("loket.genteng");
    struct resp r;
    CHECK_INT(intake(c, "SKU", "",
                     "req=KTP&nik=" NIK "&name=Siti+Aminah&phone=081234567890"
                     "&purpose=abc",
                     &r),
              422);
    const char *h = resp_body(&r);
    CHECK_CONTAINS(h, "class=\"slip\"");
    CHECK_CONTAINS(h, "Nama pemohon</dt><dd class=\"name\">Siti Aminah");
    CHECK_CONTAINS(h, "Tanggal</dt><dd class=\"date\">");
    /* The hours, by weekday ("Sen-Kam 07.30-15.30, ..."). */
    CHECK_CONTAINS(h, "Jam buka</dt><dd class=\"hours\">Sen");
    CHECK_CONTAINS(h, "Kartu Keluarga");
    resp_free(&r);
    CHECK_INT(intake(c, "SKU", "?lang=en",
                     "req=KTP&nik=" NIK "&name=Siti+Aminah&phone=081234567890"
                     "&purpose=abc",
                     &r),
              422);
    h = resp_body(&r);
    CHECK_CONTAINS(h, "Applicant</dt><dd class=\"name\">Siti Aminah");
    CHECK_CONTAINS(h, "Opening hours</dt><dd class=\"hours\">Mon");
    CHECK_CONTAINS(h, "Family Card");
    resp_free(&r);
    client_free(c);
}

/* ---- 4. tracking: where and when, complaint, survey ---- */

static void test_tracking_pickup(void)
{
    struct resp r;
    const char *js = "{\"office\":\"" OFFICE "\",\"service\":\"DOMISILI\","
                     "\"citizen\":{\"nik\":\"" NIK "\",\"name\":\"Siti\","
                     "\"phone\":\"081234567890\"},\"requirements\":[\"KTP\","
                     "\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]}";
    CHECK_INT(
        client_api(&srv, key_front, "POST", "/api/v1/applications", js, &r),
        201);
    json_t *j = resp_json(&r);
    char regno[32], pin[16], token[64] = "";
    snprintf(regno, sizeof(regno), "%s",
             json_string_value(json_object_get(j, "registration_no")));
    snprintf(pin, sizeof(pin), "%s",
             json_string_value(json_object_get(j, "pin")));
    const char *su = json_string_value(json_object_get(j, "survey_url"));
    if (su && strstr(su, "?t="))
        snprintf(token, sizeof(token), "%s", strstr(su, "?t=") + 3);
    json_decref(j);
    resp_free(&r);
    char office[256], address[512], path[200];
    sql_text(office, sizeof(office), "SELECT name FROM offices WHERE code = $1",
             OFFICE);
    sql_text(address, sizeof(address),
             "SELECT address FROM offices WHERE code = $1", OFFICE);
    CHECK(strlen(address) > 3);
    snprintf(path, sizeof(path), "/track?no=%s&pin=%s", regno, pin);
    struct client *c = client_new(&srv);
    /* Received: where to pick up and when it is expected; the complaint
     * link prefilled; no survey yet. */
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    const char *h = resp_body(&r);
    CHECK_CONTAINS(h, "Tempat pengambilan");
    CHECK_CONTAINS(h, office);
    CHECK_CONTAINS(h, address);
    CHECK_CONTAINS(h, "Jam buka: Sen");
    CHECK_CONTAINS(h, "Perkiraan siap diambil");
    char link[128];
    snprintf(link, sizeof(link), "href=\"/complaints/new?regno=%s\"", regno);
    CHECK_CONTAINS(h, link);
    CHECK_NOT_CONTAINS(h, "/survey?t=");
    resp_free(&r);
    /* The complaint form takes the number from the link, and nothing
     * else: no office preselected (SECURITY.md rule 41), no text. */
    char cpath[256];
    snprintf(cpath, sizeof(cpath),
             "/complaints/new?regno=%s&office=" OFFICE "&body=Bayar+dulu",
             regno);
    client_get(c, cpath, &r);
    CHECK_INT(r.status, 200);
    snprintf(link, sizeof(link), "name=\"regno\" type=\"text\" value=\"%s\"",
             regno);
    CHECK_CONTAINS(resp_body(&r), link);
    CHECK_NOT_CONTAINS(resp_body(&r), "value=\"" OFFICE "\" selected");
    CHECK_NOT_CONTAINS(resp_body(&r), "Bayar dulu");
    resp_free(&r);
    /* Returned for completion: where, but no promise while the clock
     * is stopped. */
    sql("UPDATE applications SET state = $1 WHERE regno = $2", "returned",
        regno);
    client_get(c, path, &r);
    CHECK_CONTAINS(resp_body(&r), "Tempat pengambilan");
    CHECK_CONTAINS(resp_body(&r), "waktu penyelesaian berhenti");
    CHECK_NOT_CONTAINS(resp_body(&r), "Perkiraan siap diambil");
    resp_free(&r);
    /* Ready: "siap diambil" with the date it became ready. */
    char now[32];
    snprintf(now, sizeof(now), "%lld", (long long)1767240000); /* 2026-01-01 */
    sql("UPDATE applications SET state = 'ready', completed_at = CAST($1 AS "
        "BIGINT) WHERE regno = $2",
        now, regno);
    client_get(c, path, &r);
    h = resp_body(&r);
    CHECK_CONTAINS(h, "<strong>Siap diambil</strong> sejak");
    CHECK_CONTAINS(h, "1 Januari 2026");
    CHECK_CONTAINS(h, "Siap diambil sejak: ");
    CHECK_CONTAINS(h, address);
    CHECK_NOT_CONTAINS(h, "/survey?t=");
    resp_free(&r);
    snprintf(cpath, sizeof(cpath), "%s&lang=en", path);
    client_get(c, cpath, &r);
    h = resp_body(&r);
    CHECK_CONTAINS(h, "<strong>Ready for pick-up</strong> since");
    CHECK_CONTAINS(h, "1 January 2026");
    CHECK_CONTAINS(h, "Opening hours: Mon");
    CHECK_CONTAINS(h, "Complain about this application");
    resp_free(&r);
    /* Handed over: the survey opens (core: appl_survey_open); the
     * pick-up box is gone. */
    sql("UPDATE applications SET state = $1 WHERE regno = $2", "handed_over",
        regno);
    snprintf(cpath, sizeof(cpath), "%s&lang=id", path);
    client_get(c, cpath, &r);
    h = resp_body(&r);
    char surl[128];
    snprintf(surl, sizeof(surl), "href=\"/survey?t=%s\"", token);
    CHECK_CONTAINS(h, surl);
    CHECK_CONTAINS(h, "Isi survei kepuasan");
    CHECK_NOT_CONTAINS(h, "Tempat pengambilan");
    resp_free(&r);
    /* 5. The survey names the service and the office rated. */
    snprintf(cpath, sizeof(cpath), "/survey?t=%s", token);
    client_get(c, cpath, &r);
    CHECK_INT(r.status, 200);
    char rated[512];
    snprintf(rated, sizeof(rated), "<strong class=\"office\">%s</strong>",
             office);
    CHECK_CONTAINS(resp_body(&r), "Anda menilai layanan");
    CHECK_CONTAINS(resp_body(&r), "<strong class=\"service\">Surat Keterangan "
                                  "Domisili");
    CHECK_CONTAINS(resp_body(&r), rated);
    resp_free(&r);
    snprintf(cpath, sizeof(cpath), "/survey?t=%s&lang=en", token);
    client_get(c, cpath, &r);
    CHECK_CONTAINS(resp_body(&r), "You are rating the service");
    CHECK_CONTAINS(resp_body(&r), rated);
    resp_free(&r);
    /* Answered: the tracking page no longer offers it. */
    char sj[256];
    snprintf(sj, sizeof(sj),
             "{\"token\":\"%s\",\"scores\":[4,4,4,4,4,4,4,4,4]}", token);
    CHECK_INT(client_api(&srv, NULL, "POST", "/api/v1/surveys", sj, &r), 201);
    resp_free(&r);
    snprintf(cpath, sizeof(cpath), "%s&lang=id", path);
    client_get(c, cpath, &r);
    CHECK_NOT_CONTAINS(resp_body(&r), "/survey?t=");
    resp_free(&r);
    client_free(c);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("loket.genteng", "front_office", OFFICE);
    user("belakang.genteng", "back_office", OFFICE);
    key_for("loket.genteng", key_front);
    key_for("belakang.genteng", key_back);
    RUN(test_no_phone_needs_reason);
    RUN(test_purpose_where_asked);
    RUN(test_confirm_shows_and_stores);
    RUN(test_api_intake);
    RUN(test_missing_slip);
    RUN(test_tracking_pickup);
    int stopped = server_stop(&srv);
    CHECK_INT(stopped, 0);
    TEST_END();
}
