/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_usability_admin.c: HTTP tests of issue 15's staff lists and
 * administration, one server for the whole file:
 *   the work list's service filter (kept in the URL with the state and
 *   the search) and the office column for those who see every office;
 *   history lines and escalation reasons in the reader's language only;
 *   the offices table's filter, fees typed the Indonesian way, the API
 *   keys' owners' offices;
 *   a catalogue version scheduled for a later day: the promise API at the
 *   second before the office's midnight and at the midnight, the public
 *   pages and intake until then, the refusals, the comparison of two
 *   versions, withdrawing it.
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
static char key_front[64], key_back[64], key_other[64];

static void user(const char *login, const char *role, const char *office)
{
    CHECK(server_user_add(&srv, login, role, office, "Sandi-Uji-12345"));
}

static void key_for(const char *login, char out[64])
{
    CHECK(server_apikey(&srv, login, out));
}

static long api(const char *key, const char *method, const char *path,
                const char *json, struct resp *r)
{
    return client_api(&srv, key, method, path, json, r);
}

static struct client *signed_in(const char *login)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, login, "Sandi-Uji-12345"), 303);
    return c;
}

/* Run one SQL statement with one text parameter (test set-up only). */
static void sql1(const char *stmt, const char *a)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_run(db, NULL, stmt, DV_TEXT(a)), ERR_OK);
    db_close(db);
}

/* Register an application at office through key; its number. */
static void register_with(const char *key, const char *office,
                          const char *village, const char *service,
                          const char *nik, const char *reqs, char regno[32]);

static void register_at(const char *key, const char *office,
                        const char *village, const char *service,
                        const char *nik, char regno[32])
{
    const char *reqs =
        strcmp(service, "SKTM") == 0
            ? "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\","
              "\"SURAT_PERNYATAAN\"]"
            : "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]";
    register_with(key, office, village, service, nik, reqs, regno);
}

static void register_with(const char *key, const char *office,
                          const char *village, const char *service,
                          const char *nik, const char *reqs, char regno[32])
{
    char js[1024];
    snprintf(js, sizeof(js),
             "{\"office\":\"%s\",\"service\":\"%s\",\"citizen\":"
             "{\"nik\":\"%s\",\"name\":\"Siti Aminah\",\"village\":"
             "\"%s\",\"phone\":\"081234567890\"},"
             "\"requirements\":%s}",
             office, service, nik, village, reqs);
    struct resp r;
    long st = api(key, "POST", "/api/v1/applications", js, &r);
    if (st != 201)
        fprintf(stderr, "  register: %ld %s\n", st, resp_body(&r));
    CHECK_INT(st, 201);
    json_t *j = resp_json(&r);
    const char *no = json_string_value(json_object_get(j, "registration_no"));
    snprintf(regno, 32, "%s", no ? no : "");
    json_decref(j);
    resp_free(&r);
}

/* The local day ("YYYY-MM-DD") days from today in WIB (the regency's
 * zone), as the server reckons it. */
static void wib_day(int days, char out[16])
{
    time_t t = time(NULL) + 7 * 3600 + (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

/* ---- 1. the work list ------------------------------------------------ */

static char regno_sktm[32], regno_dom[32], regno_other[32];

static void test_worklist_service_and_office(void)
{
    register_at(key_front, "35.10.09", "35.10.09.2001", "SKTM",
                "3510160101900201", regno_sktm);
    register_at(key_front, "35.10.09", "35.10.09.2001", "DOMISILI",
                "3510160101900202", regno_dom);
    register_at(key_other, "35.10.01", "35.10.01.2001", "DOMISILI",
                "3510160101900203", regno_other);
    struct resp r;

    /* The front office of one office: a service select, no office
     * column (every row is theirs). */
    struct client *f = signed_in("loket.genteng");
    client_get(f, "/work", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "<select id=\"f-service\" name=\"service\">");
    CHECK_CONTAINS(resp_body(&r), "<option value=\"SKTM\">");
    CHECK_CONTAINS(resp_body(&r), regno_sktm);
    CHECK_CONTAINS(resp_body(&r), regno_dom);
    CHECK_NOT_CONTAINS(resp_body(&r), regno_other);
    CHECK_NOT_CONTAINS(resp_body(&r), "<td class=\"office\">");
    resp_free(&r);
    /* Filtered by service (a plain GET: no script needed), the choice
     * kept in the select and in the state links. */
    client_get(f, "/work?service=SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), regno_sktm);
    CHECK_NOT_CONTAINS(resp_body(&r), regno_dom);
    CHECK_CONTAINS(resp_body(&r), "<option value=\"SKTM\" selected>");
    CHECK_CONTAINS(resp_body(&r),
                   "href=\"/work?state=received&amp;service=SKTM\"");
    resp_free(&r);
    /* With a state and a search: all three kept. */
    client_get(f, "/work?service=SKTM&state=received&q=Siti", &r);
    CHECK_CONTAINS(resp_body(&r), regno_sktm);
    CHECK_NOT_CONTAINS(resp_body(&r), regno_dom);
    CHECK_CONTAINS(resp_body(&r), "<input type=\"hidden\" name=\"state\" "
                                  "value=\"received\">");
    CHECK_CONTAINS(resp_body(&r), "href=\"/work?state=verified&amp;service=SKTM"
                                  "&amp;q=Siti\"");
    resp_free(&r);
    /* An unknown service filters nothing out. */
    client_get(f, "/work?service=NOPE", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), regno_sktm);
    CHECK_CONTAINS(resp_body(&r), regno_dom);
    resp_free(&r);
    client_free(f);

    /* The Sekda and the Bupati see every office: each row names it. */
    static const char *const readers[] = {"sekda.u", "bupati.u"};
    for (size_t i = 0; i < 2; i++) {
        struct client *s = signed_in(readers[i]);
        client_get(s, "/work", &r);
        CHECK_INT(r.status, 200);
        CHECK_CONTAINS(resp_body(&r), "<th>Kantor</th>");
        CHECK_CONTAINS(resp_body(&r), regno_other);
        CHECK_CONTAINS(resp_body(&r), "<td class=\"office\">Kantor Kecamatan "
                                      "Genteng</td>");
        CHECK_CONTAINS(resp_body(&r), "<td class=\"office\">Kantor Kecamatan "
                                      "Pesanggaran</td>");
        resp_free(&r);
        client_get(s, "/work?service=DOMISILI&lang=en", &r);
        CHECK_CONTAINS(resp_body(&r), "<th>Office</th>");
        CHECK_CONTAINS(resp_body(&r), regno_other);
        CHECK_CONTAINS(resp_body(&r), regno_dom);
        CHECK_NOT_CONTAINS(resp_body(&r), regno_sktm);
        resp_free(&r);
        client_free(s);
    }
}

/* ---- 2. history lines and escalations in words ------------------------ */

static json_t *app_json(const char *regno)
{
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    struct resp r;
    CHECK_INT(api(key_front, "GET", path, NULL, &r), 200);
    json_t *j = resp_json(&r);
    resp_free(&r);
    return j;
}

static long act(const char *key, const char *regno, const char *action,
                const char *note)
{
    json_t *j = app_json(regno);
    int version = (int)json_integer_value(json_object_get(j, "version"));
    json_decref(j);
    char path[128], js[512];
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", regno);
    snprintf(js, sizeof(js), "{\"action\":\"%s\",\"version\":%d%s%s%s}", action,
             version, note ? ",\"note\":\"" : "", note ? note : "",
             note ? "\"" : "");
    struct resp r;
    long st = api(key, "POST", path, js, &r);
    if (st != 200)
        fprintf(stderr, "  %s: %ld %s\n", action, st, resp_body(&r));
    resp_free(&r);
    return st;
}

static void test_history_in_words(void)
{
    /* A step, then a return with its reason. */
    long st = act(key_front, regno_sktm, "step", NULL);
    if (st != 200) /* the first step may already be the intake's */
        st = act(key_back, regno_sktm, "step", NULL);
    CHECK_INT(st, 200);
    CHECK_INT(act(key_back, regno_sktm, "return", "Fotokopi KK buram"), 200);
    json_t *j = app_json(regno_sktm);
    json_t *events = json_object_get(j, "events");
    const char *step_code = NULL;
    size_t i;
    json_t *e;
    json_array_foreach(events, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "action")), "step") ==
            0)
            step_code = json_string_value(json_object_get(e, "step"));
    }
    CHECK(step_code != NULL);
    char code[32];
    snprintf(code, sizeof(code), "%s", step_code ? step_code : "?");
    json_decref(j);

    struct client *b = signed_in("belakang.genteng");
    char path[128];
    snprintf(path, sizeof(path), "/applications/%s", regno_sktm);
    struct resp r;
    client_get(b, path, &r);
    CHECK_INT(r.status, 200);
    /* The step by its name, not its code; who did it; the reason. */
    char raw[64];
    snprintf(raw, sizeof(raw), "<code>%s</code> ", code);
    CHECK_CONTAINS(resp_body(&r), raw); /* the short code, then its words */
    CHECK_CONTAINS(resp_body(&r), "(oleh loket.genteng, melalui API)");
    CHECK_CONTAINS(resp_body(&r), "Alasan: <q>Fotokopi KK buram</q>");
    CHECK_NOT_CONTAINS(resp_body(&r), "Reason");
    resp_free(&r);
    snprintf(path, sizeof(path), "/applications/%s?lang=en", regno_sktm);
    client_get(b, path, &r);
    CHECK_CONTAINS(resp_body(&r), "(by belakang.genteng, through the API)");
    CHECK_CONTAINS(resp_body(&r), "Reason: <q>Fotokopi KK buram</q>");
    CHECK_NOT_CONTAINS(resp_body(&r), "Alasan");
    CHECK_NOT_CONTAINS(resp_body(&r), "melalui API");
    resp_free(&r);
    client_free(b);

    /* A paper complaint dated ten days ago is escalated at once; its
     * history says why in one language, never the code. */
    struct client *o = signed_in("pengaduan.u");
    time_t t = time(NULL) - 10 * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    char date[16], form[1024];
    strftime(date, sizeof(date), "%Y-%m-%d", &tm);
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&category=fees&body=%s&identity="
             "anonymous&slip_date=%s",
             client_csrf_at(o, "/complaints/paper"), urlenc("Diminta uang"),
             date);
    client_post(o, "/complaints/paper", form, &r);
    CHECK_INT(r.status, 303);
    const char *loc = resp_header(&r, "Location");
    char number[32] = "";
    if (loc)
        sscanf(loc, "/complaints/%31[^?]", number);
    resp_free(&r);
    CHECK(number[0] != '\0');
    /* An escalation written by an earlier version: one sentence in both
     * languages. */
    sql1("INSERT INTO complaint_events (complaint_id, at, actor, action,"
         " state_after, note) SELECT id, 1790000000, 'system', 'escalate',"
         " state, 'Belum dijawab dalam 5 hari kerja / not answered within 5"
         " working days' FROM complaints WHERE number = $1",
         number);
    snprintf(path, sizeof(path), "/complaints/%s", number);
    client_get(o, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_NOT_CONTAINS(resp_body(&r), "verification_overdue");
    CHECK_NOT_CONTAINS(resp_body(&r), "not verified within");
    CHECK_NOT_CONTAINS(resp_body(&r), "not answered within");
    CHECK_NOT_CONTAINS(resp_body(&r), " / ");
    CHECK_CONTAINS(resp_body(&r),
                   "Alasan: Tidak diverifikasi dalam 3 hari kerja");
    CHECK_CONTAINS(resp_body(&r),
                   "Alasan: Tidak dijawab dalam 5 hari kerja setelah "
                   "verifikasi");
    CHECK_CONTAINS(resp_body(&r), "(oleh sistem)");
    resp_free(&r);
    snprintf(path, sizeof(path), "/complaints/%s?lang=en", number);
    client_get(o, path, &r);
    CHECK_CONTAINS(resp_body(&r), "Reason: Not verified within 3 working days");
    CHECK_CONTAINS(resp_body(&r), "Reason: Not answered within 5 working days");
    CHECK_CONTAINS(resp_body(&r), "(by the system)");
    CHECK_NOT_CONTAINS(resp_body(&r), "Belum");
    CHECK_NOT_CONTAINS(resp_body(&r), "Tidak diverifikasi");
    resp_free(&r);
    client_free(o);
    /* The Sekda's escalations and complaint list name the office. */
    struct client *s = signed_in("sekda.u");
    client_get(s, "/oversight/escalations", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), number);
    CHECK_CONTAINS(resp_body(&r), "Kantor Kecamatan Genteng");
    CHECK_CONTAINS(resp_body(&r), "Tidak diverifikasi dalam 3 hari kerja");
    CHECK_NOT_CONTAINS(resp_body(&r), "verification_overdue");
    resp_free(&r);
    client_get(s, "/complaints", &r);
    CHECK_CONTAINS(resp_body(&r), "<th>Kantor</th>");
    CHECK_CONTAINS(resp_body(&r), "Kantor Kecamatan Genteng");
    resp_free(&r);
    client_free(s);
}

/* ---- 3. administration ---------------------------------------------- */

static void test_offices_filter(void)
{
    struct client *a = signed_in("admin.u");
    struct resp r;
    client_get(a, "/admin/offices", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "<form class=\"filters\" method=\"get\" "
                                  "action=\"/admin/offices\">");
    CHECK_CONTAINS(resp_body(&r), "Kantor Kecamatan Pesanggaran");
    CHECK_CONTAINS(resp_body(&r), "245 kantor");
    resp_free(&r);
    /* By name, case aside. */
    client_get(a, "/admin/offices?q=GENTENG", &r);
    CHECK_CONTAINS(resp_body(&r), "Kantor Kecamatan Genteng");
    CHECK_NOT_CONTAINS(resp_body(&r), "Kantor Kecamatan Pesanggaran");
    CHECK_CONTAINS(resp_body(&r), "value=\"GENTENG\"");
    resp_free(&r);
    /* By code. */
    client_get(a, "/admin/offices?q=35.10.09.2001", &r);
    CHECK_CONTAINS(resp_body(&r), "1 kantor");
    CHECK_CONTAINS(resp_body(&r), "/admin/offices/35.10.09.2001");
    resp_free(&r);
    /* By level and district (kecamatan) together. */
    client_get(a, "/admin/offices?level=kecamatan&district=35.10.09", &r);
    CHECK_CONTAINS(resp_body(&r), "1 kantor");
    CHECK_CONTAINS(resp_body(&r), "<option value=\"kecamatan\" selected>");
    CHECK_CONTAINS(resp_body(&r), "<option value=\"35.10.09\" selected>");
    resp_free(&r);
    client_get(a, "/admin/offices?district=35.10.09&level=desa", &r);
    CHECK_CONTAINS(resp_body(&r), "/admin/offices/35.10.09.2001");
    CHECK_NOT_CONTAINS(resp_body(&r), "/admin/offices/35.10.09\"");
    CHECK_NOT_CONTAINS(resp_body(&r), "/admin/offices/35.10.01.");
    resp_free(&r);
    /* Nothing matches: said in words; English too. */
    client_get(a, "/admin/offices?q=zzzz&lang=en", &r);
    CHECK_CONTAINS(resp_body(&r), "No office matches.");
    resp_free(&r);
    /* The API keys name each owner's office. */
    client_get(a, "/admin/apikeys", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "<th>Kantor pemilik</th>");
    CHECK_CONTAINS(resp_body(&r), "<td class=\"office\">Kantor Kecamatan "
                                  "Genteng</td>");
    CHECK_CONTAINS(resp_body(&r), "<td class=\"office\">Kantor Kecamatan "
                                  "Pesanggaran</td>");
    CHECK_CONTAINS(resp_body(&r),
                   "<td class=\"office\">Seluruh kabupaten</td>");
    resp_free(&r);
    client_free(a);
}

/* The editor's form for code as it stands in the API, with these time,
 * fee and effective day (NULL: left out). */
static void service_form(struct client *a, const char *code, int amount,
                         const char *fee, const char *effective,
                         struct buf *form)
{
    char path[128];
    snprintf(path, sizeof(path), "/admin/services/%s", code);
    const char *csrf = client_csrf_at(a, path);
    snprintf(path, sizeof(path), "/api/v1/services/%s", code);
    struct resp r;
    client_get(a, path, &r);
    json_t *j = resp_json(&r);
    resp_free(&r);
    buf_reset(form);
    buf_printf(form, "csrf=%s&category=%s&name_id=%s&name_en=%s", csrf,
               json_string_value(json_object_get(j, "category")),
               urlenc(json_string_value(
                   json_object_get(json_object_get(j, "name"), "id"))),
               urlenc(json_string_value(
                   json_object_get(json_object_get(j, "name"), "en"))));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(j, "accepted_at"), i, v)
        buf_printf(form, "&accepted_at=%s", json_string_value(v));
    json_t *limit = json_object_get(j, "time_limit");
    buf_printf(form, "&time_amount=%d&time_unit=%s&fee=%s&active=1",
               amount
                   ? amount
                   : (int)json_integer_value(json_object_get(limit, "amount")),
               json_string_value(json_object_get(limit, "unit")), urlenc(fee));
    if (effective)
        buf_printf(form, "&effective_from=%s", effective);
    json_array_foreach(json_object_get(j, "requirements"), i, v)
    {
        buf_printf(form, "&req_code[%zu]=%s", i,
                   json_string_value(json_object_get(v, "code")));
        buf_printf(form, "&req_name[%zu]_id=%s", i,
                   urlenc(json_string_value(
                       json_object_get(json_object_get(v, "name"), "id"))));
        if (json_is_true(json_object_get(v, "mandatory")))
            buf_printf(form, "&req_mandatory[%zu]=1", i);
        size_t k;
        json_t *l;
        json_array_foreach(json_object_get(v, "mandatory_at"), k, l) buf_printf(
            form, "&req_mandatory_at[%zu]=%s", i, json_string_value(l));
    }
    json_array_foreach(json_object_get(j, "steps"), i, v)
    {
        buf_printf(form, "&step_code[%zu]=%s&step_role[%zu]=%s", i,
                   json_string_value(json_object_get(v, "code")), i,
                   json_string_value(json_object_get(v, "role")));
        buf_printf(form, "&step_state[%zu]=%s", i,
                   json_string_value(json_object_get(v, "state")));
        buf_printf(form, "&step_name[%zu]_id=%s", i,
                   urlenc(json_string_value(
                       json_object_get(json_object_get(v, "name"), "id"))));
    }
    static const char *const comps[] = {
        "description", "product",    "complaint_handling", "legal_basis",
        "facilities",  "competence", "supervision",        "staff",
        "guarantee",   "safety",     "evaluation"};
    for (size_t k = 0; k < sizeof(comps) / sizeof(comps[0]); k++) {
        const char *t = json_string_value(
            json_object_get(json_object_get(j, comps[k]), "id"));
        buf_printf(form, "&comp_%s_id=%s", comps[k],
                   urlenc(t && *t ? t : "Tersedia"));
    }
    buf_printf(form, "&comp_cost_id=%s&comp_cost_en=%s",
               urlenc("Retribusi menurut Perda Nomor 1 Tahun 2024"),
               urlenc("A levy under regional regulation 1/2024"));
    json_decref(j);
}

static int64_t api_fee(const char *code)
{
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/services/%s", code);
    struct resp r;
    CHECK_INT(api(NULL, "GET", path, NULL, &r), 200);
    json_t *j = resp_json(&r);
    int64_t fee = (int64_t)json_integer_value(json_object_get(j, "fee"));
    json_decref(j);
    resp_free(&r);
    return fee;
}

static void test_fee_typed(void)
{
    struct client *a = signed_in("admin.u");
    struct buf form;
    buf_init(&form, 1 << 20);
    struct resp r;
    static const struct {
        const char *typed;
        int64_t fee;
    } ok[] = {
        {"Rp 10.000", 10000}, {"25000", 25000}, {"7.500", 7500}, {"0", 0}};
    for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
        service_form(a, "LEGALISASI", 0, ok[i].typed, NULL, &form);
        client_post(a, "/admin/services/LEGALISASI", buf_cstr(&form), &r);
        if (r.status != 303)
            fprintf(stderr, "  fee %s: %ld %.600s\n", ok[i].typed, r.status,
                    strstr(resp_body(&r), "error-summary")
                        ? strstr(resp_body(&r), "error-summary")
                        : "");
        CHECK_INT(r.status, 303);
        resp_free(&r);
        CHECK_INT(api_fee("LEGALISASI"), ok[i].fee);
    }
    /* The editor shows the fee with Indonesian dots, as it accepts it. */
    service_form(a, "LEGALISASI", 0, "12.500", NULL, &form);
    client_post(a, "/admin/services/LEGALISASI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(a, "/admin/services/LEGALISASI", &r);
    CHECK_CONTAINS(resp_body(&r),
                   "name=\"fee\" type=\"text\" value=\"12.500\"");
    resp_free(&r);
    /* Ambiguous: refused with a clear message, the text kept. */
    service_form(a, "LEGALISASI", 0, "10,5", NULL, &form);
    client_post(a, "/admin/services/LEGALISASI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "koma tidak jelas artinya");
    CHECK_CONTAINS(resp_body(&r), "name=\"fee\" type=\"text\" value=\"10,5\"");
    resp_free(&r);
    CHECK_INT(api_fee("LEGALISASI"), 12500);
    service_form(a, "LEGALISASI", 0, "10.00", NULL, &form);
    client_post(a, "/admin/services/LEGALISASI?lang=en", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "Give the fee in rupiah, e.g. 10.000");
    resp_free(&r);
    buf_free(&form);
    client_free(a);
}

/* A report of inability escalated by the jobs: its history in words. */
static void test_report_history_in_words(void)
{
    char key_head[64];
    key_for("camat.u", key_head);
    struct resp r;
    CHECK_INT(api(key_head, "POST",
                  "/api/v1/offices/35.10.09/inability-reports",
                  "{\"services\":[],\"reasons\":[\"room\"],\"details\":"
                  "\"Kantor direnovasi\",\"support_requested\":\"Ruang "
                  "sementara\",\"expected_by\":\"2099-03-01\"}",
                  &r),
              201);
    json_t *j = resp_json(&r);
    long long id = (long long)json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    resp_free(&r);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"jobs", "run", "--at", "2099-01-01T00:00:00Z", NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    buf_free(&out);
    struct client *s = signed_in("sekda.u");
    char path[64];
    snprintf(path, sizeof(path), "/inability/%lld", id);
    client_get(s, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r),
                   "Dilaporkan kepada Sekda (oleh camat.u, melalui API)");
    CHECK_CONTAINS(resp_body(&r),
                   "Terlambat, dilaporkan (oleh sistem): Laporan "
                   "ketidakmampuan belum diterima Sekda dalam 3 "
                   "hari kerja");
    CHECK_NOT_CONTAINS(resp_body(&r), "inability_unacknowledged");
    CHECK_NOT_CONTAINS(resp_body(&r), "escalate (system)");
    resp_free(&r);
    snprintf(path, sizeof(path), "/inability/%lld?lang=en", id);
    client_get(s, path, &r);
    CHECK_CONTAINS(resp_body(&r),
                   "Overdue, escalated (by the system): A report "
                   "of inability was not acknowledged within 3 "
                   "working days");
    CHECK_NOT_CONTAINS(resp_body(&r), "Terlambat");
    resp_free(&r);
    client_free(s);
}

/* ---- 4. a version scheduled for a later day ------------------------- */

/* The promise API at a local time of the office: the version and the
 * time limit it promised by. */
static void promise_at(const char *service, const char *local, int *version,
                       int *amount)
{
    char path[256];
    snprintf(path, sizeof(path),
             "/api/v1/services/%s/promise?office=35.10.09&at=%s", service,
             local);
    struct resp r;
    long st = api(NULL, "GET", path, NULL, &r);
    if (st != 200)
        fprintf(stderr, "  promise %s: %ld %s\n", local, st, resp_body(&r));
    CHECK_INT(st, 200);
    json_t *j = resp_json(&r);
    *version = (int)json_integer_value(json_object_get(j, "service_version"));
    *amount = (int)json_integer_value(
        json_object_get(json_object_get(j, "time_limit"), "amount"));
    json_decref(j);
    resp_free(&r);
}

static void test_scheduled_version(void)
{
    struct client *a = signed_in("admin.u");
    struct buf form;
    buf_init(&form, 1 << 20);
    struct resp r;
    char day[16], eve[16], past[16], earlier[16];
    wib_day(10, day);
    wib_day(9, eve);
    wib_day(-1, past);
    wib_day(5, earlier);
    int v_now = 0, amount_now = 0;
    char at[48];
    snprintf(at, sizeof(at), "%sT23:59:59", eve);
    promise_at("DOMISILI", at, &v_now, &amount_now);
    CHECK_INT(amount_now, 60);

    /* Scheduled from `day`: 90 working minutes instead of 60. */
    service_form(a, "DOMISILI", 90, "0", day, &form);
    client_post(a, "/admin/services/DOMISILI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "scheduled=1");
    resp_free(&r);

    /* The boundary: the second before the office's midnight promises by
     * the version in effect now, the midnight by the new one. */
    int v = 0, amount = 0;
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now);
    CHECK_INT(amount, 60);
    snprintf(at, sizeof(at), "%sT00:00:00", day);
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now + 1);
    CHECK_INT(amount, 90);
    /* The same instants written in UTC. */
    snprintf(at, sizeof(at), "%sT16:59:59Z", eve);
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now);
    snprintf(at, sizeof(at), "%sT17:00:00Z", eve);
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now + 1);
    /* Now: the public page, the API and intake keep the current one. */
    CHECK_INT(api(NULL, "GET", "/api/v1/services/DOMISILI", NULL, &r), 200);
    json_t *j = resp_json(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "version")), v_now);
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(j, "time_limit"), "amount")),
              60);
    json_decref(j);
    resp_free(&r);
    struct client *c = client_new(&srv);
    client_get(c, "/services/DOMISILI", &r);
    CHECK_INT(r.status, 200);
    char text[64];
    snprintf(text, sizeof(text), "versi standar %d", v_now);
    CHECK_CONTAINS(resp_body(&r), text);
    resp_free(&r);
    client_free(c);
    char regno[32];
    register_at(key_front, "35.10.09", "35.10.09.2001", "DOMISILI",
                "3510160101900204", regno);
    j = app_json(regno);
    CHECK_INT(json_integer_value(json_object_get(j, "service_version")), v_now);
    json_decref(j);

    /* The editor: the versions with their days. */
    client_get(a, "/admin/services/DOMISILI", &r);
    CHECK_CONTAINS(resp_body(&r), "terjadwal");
    snprintf(text, sizeof(text), "<time datetime=\"%s\">", day);
    CHECK_CONTAINS(resp_body(&r), text);
    snprintf(text, sizeof(text), "Versi berlaku hari ini %d.", v_now);
    CHECK_CONTAINS(resp_body(&r), text);
    CHECK_CONTAINS(resp_body(&r), "Batalkan versi terjadwal");
    resp_free(&r);
    /* The catalogue list says a newer version is coming, and when. */
    client_get(a, "/admin/services", &r);
    snprintf(text, sizeof(text),
             "versi baru berlaku mulai <time datetime=\"%s\">", day);
    CHECK_CONTAINS(resp_body(&r), text);
    resp_free(&r);

    /* Refused: at once while one is scheduled, before the scheduled day,
     * a past day, not a date. */
    service_form(a, "DOMISILI", 75, "0", NULL, &form);
    client_post(a, "/admin/services/DOMISILI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "sudah dijadwalkan berlaku mulai");
    resp_free(&r);
    service_form(a, "DOMISILI", 75, "0", earlier, &form);
    client_post(a, "/admin/services/DOMISILI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "tidak boleh berlaku lebih dulu");
    resp_free(&r);
    service_form(a, "DOMISILI", 75, "0", past, &form);
    client_post(a, "/admin/services/DOMISILI?lang=en", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "must be after today");
    resp_free(&r);
    service_form(a, "DOMISILI", 75, "0", "31-12-2030", &form);
    client_post(a, "/admin/services/DOMISILI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(resp_body(&r), "harus berbentuk tanggal");
    resp_free(&r);

    /* Side by side: the time limit and the day differ, the name not. */
    char path[128];
    snprintf(path, sizeof(path), "/admin/services/DOMISILI/compare?a=%d&b=%d",
             v_now, v_now + 1);
    client_get(a, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r),
                   "<tr class=\"changed\"><th scope=\"row\">3. "
                   "Jangka waktu — berubah</th><td>60 menit kerja"
                   "</td><td>90 menit kerja</td></tr>");
    CHECK_CONTAINS(resp_body(&r),
                   "<tr class=\"\"><th scope=\"row\">Nama (Bahasa "
                   "Indonesia)</th>");
    CHECK_CONTAINS(resp_body(&r), "<tr class=\"changed\"><th scope=\"row\">"
                                  "Berlaku mulai — berubah</th>");
    resp_free(&r);
    snprintf(path, sizeof(path),
             "/admin/services/DOMISILI/compare?a=%d&b=%d&lang=en", v_now,
             v_now + 1);
    client_get(a, path, &r);
    CHECK_CONTAINS(resp_body(&r), "3. Time limit — changed");
    resp_free(&r);
    client_get(a, "/admin/services/DOMISILI/compare?a=999", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);

    /* The jobs on its day make it current; asked by day, nothing waits
     * for them (today is still before its day). */
    snprintf(at, sizeof(at), "%sT00:00:05+07:00", day);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"jobs", "run", "--at", at, NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    CHECK_CONTAINS(buf_cstr(&out), "1 services took their scheduled standard");
    buf_free(&out);
    CHECK_INT(api(NULL, "GET", "/api/v1/services/DOMISILI", NULL, &r), 200);
    j = resp_json(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "version")), v_now);
    json_decref(j);
    resp_free(&r);
    /* Back on today's jobs it is current no more; then withdrawn. */
    const char *today_args[] = {"jobs", "run", NULL};
    buf_init(&out, 4096);
    CHECK_INT(server_cli(&srv, &out, today_args), 0);
    CHECK_CONTAINS(buf_cstr(&out), "1 services took their scheduled standard");
    buf_free(&out);
    client_post(a, "/admin/services/DOMISILI/cancel-scheduled", "", &r);
    CHECK_INT(r.status, 403); /* no CSRF token */
    resp_free(&r);
    char cf[256];
    snprintf(cf, sizeof(cf), "csrf=%s",
             client_csrf_at(a, "/admin/services/DOMISILI"));
    client_post(a, "/admin/services/DOMISILI/cancel-scheduled", cf, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    snprintf(at, sizeof(at), "%sT00:00:00", day);
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now);
    CHECK_INT(amount, 60);
    /* Now a change at once is taken. */
    service_form(a, "DOMISILI", 75, "0", NULL, &form);
    client_post(a, "/admin/services/DOMISILI", buf_cstr(&form), &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    promise_at("DOMISILI", at, &v, &amount);
    CHECK_INT(v, v_now + 1);
    CHECK_INT(amount, 75);
    buf_free(&form);
    client_free(a);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("loket.genteng", "front_office", "35.10.09");
    user("belakang.genteng", "back_office", "35.10.09");
    user("loket.pesanggaran", "front_office", "35.10.01");
    user("sekda.u", "sekkab", NULL);
    user("bupati.u", "bupati", NULL);
    user("admin.u", "administrator", NULL);
    user("pengaduan.u", "complaint_officer", NULL);
    user("camat.u", "head_of_office", "35.10.09");
    key_for("loket.genteng", key_front);
    key_for("belakang.genteng", key_back);
    key_for("loket.pesanggaran", key_other);
    char key_sekda[64];
    key_for("sekda.u", key_sekda);
    RUN(test_worklist_service_and_office);
    RUN(test_history_in_words);
    RUN(test_offices_filter);
    RUN(test_fee_typed);
    RUN(test_report_history_in_words);
    RUN(test_scheduled_version);
    int stopped = server_stop(&srv);
    CHECK_INT(stopped, 0);
    TEST_END();
}
