/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_readiness.c: HTTP tests of office readiness (issue 11): the
 * checklist API; every role boundary (a head of office cannot assess
 * another office, a front-office officer cannot file a report, only the
 * Sekda decides, an inspector cannot assess, a head cannot inspect); the
 * self-assessment from the phone form with a photo whose GPS position is
 * gone when it is served back; findings, the office's answer, close and
 * reopen; follow-up escalation at an exact instant (`satupintu jobs run
 * --at`, time as a parameter: not at the deadline, once one second
 * after, never again); the report of inability escalated the same way;
 * the referral's effect on intake, the promise API, the office page and
 * JSON and the service page; the desa service-point rule and its audited
 * override; socialisation and the Sekda's report per district; the
 * leaflet and announcement.
 */
#include <jansson.h>
#include <libexif/exif-data.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "base/civil.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;
static char k_head[64], k_head2[64], k_front[64], k_sekda[64], k_insp[64],
    k_bupati[64], k_desa[64];

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
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s%s%s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? " --office " : "",
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
    return client_api(&srv, key, method, path, json, r);
}

static long api_status(const char *key, const char *method, const char *path,
                       const char *json)
{
    struct resp r;
    long s = api(key, method, path, json, &r);
    if (s >= 500)
        fprintf(stderr, "  %s %s: %ld %s\n", method, path, s, body(&r));
    resp_free(&r);
    return s;
}

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

/* A full assessment: every mandatory item, `partly` for the one named. */
static char *assessment(const char *partly)
{
    static const char *const codes[] = {
        "service_room",     "waiting_room",     "toilet",         "parking",
        "complaint_box",    "service_standard", "service_pledge", "sop_display",
        "information_desk", "drinking_water"};
    static char out[2048];
    size_t at = (size_t)snprintf(out, sizeof(out), "{\"items\":[");
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        at += (size_t)snprintf(
            out + at, sizeof(out) - at,
            "%s{\"code\":\"%s\",\"status\":\"%s\","
            "\"note\":\"ok\"}",
            i ? "," : "", codes[i],
            partly && strcmp(partly, codes[i]) == 0 ? "partly" : "met");
    snprintf(out + at, sizeof(out) - at, "]}");
    return out;
}

/* A multipart body of fields and files (name, bytes) to path. */
struct part {
    const char *name, *value;  /* a field */
    const unsigned char *file; /* or a file's bytes */
    size_t len;
};

static long post_parts(struct client *c, const char *path,
                       const struct part *parts, size_t n, struct resp *r)
{
    struct buf b;
    buf_init(&b, 8u << 20);
    for (size_t i = 0; i < n; i++) {
        if (parts[i].file) {
            buf_printf(&b,
                       "--XyZ\r\nContent-Disposition: form-data; name=\"%s\";"
                       " filename=\"p.jpg\"\r\nContent-Type: image/jpeg"
                       "\r\n\r\n",
                       parts[i].name);
            buf_append(&b, parts[i].file, parts[i].len);
            buf_puts(&b, "\r\n");
        } else {
            buf_printf(&b,
                       "--XyZ\r\nContent-Disposition: form-data; name=\"%s\""
                       "\r\n\r\n%s\r\n",
                       parts[i].name, parts[i].value);
        }
    }
    buf_puts(&b, "--XyZ--\r\n");
    size_t len = 0;
    char *m = buf_steal(&b, &len);
    client_req_bytes(c, "POST", path, m, len,
                     "multipart/form-data; boundary=XyZ", r);
    free(m);
    return r->status;
}

static void csrf_of(struct client *c, const char *path, char out[128])
{
    struct resp r;
    client_get(c, path, &r);
    snprintf(out, 128, "%s", resp_csrf(&r));
    resp_free(&r);
}

static struct client *signed_in(const char *login)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, login, "Sandi-Uji-12345"), 303);
    return c;
}

/* A JPEG whose EXIF carries a GPS position (and orientation 6). */
static unsigned char *gps_jpeg(unsigned long *len)
{
    ExifData *ed = exif_data_new();
    exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
    ExifEntry *e = exif_entry_new();
    e->tag = (ExifTag)EXIF_TAG_GPS_LATITUDE_REF;
    e->format = EXIF_FORMAT_ASCII;
    e->components = 2;
    e->size = 2;
    e->data = malloc(2);
    memcpy(e->data, "S", 2);
    exif_content_add_entry(ed->ifd[EXIF_IFD_GPS], e);
    exif_entry_unref(e);
    unsigned char *exif = NULL;
    unsigned exif_len = 0;
    exif_data_save_data(ed, &exif, &exif_len);
    exif_data_unref(ed);
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr err;
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    jpeg_mem_dest(&c, &out, len);
    c.image_width = 16;
    c.image_height = 16;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    jpeg_write_marker(&c, JPEG_APP0 + 1, exif, exif_len);
    unsigned char row[16 * 3];
    for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16 * 3; x++)
            row[x] = (unsigned char)(x * 5 + y * 9);
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    free(exif);
    return out;
}

static int gps_entries(const unsigned char *jpeg, size_t len)
{
    ExifData *ed = exif_data_new_from_data(jpeg, (unsigned)len);
    if (!ed)
        return 0;
    int n = (int)ed->ifd[EXIF_IFD_GPS]->count;
    exif_data_unref(ed);
    return n;
}

/* One integer from the database. */
static int64_t db_value(const char *sql, const char *arg)
{
    struct db *db = NULL;
    int64_t v = -1;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &v, sql, DV_TEXT(arg)) != ERR_OK)
        v = -1;
    db_close(db);
    return v;
}

/* `satupintu jobs run --at` the instant t (UTC offset +07:00): how many
 * readiness items it escalated. */
static long jobs_at(int64_t t)
{
    char iso[40];
    civil_format_iso(t, 420, iso);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"jobs", "run", "--at", iso, NULL};
    int st = server_cli(&srv, &out, args);
    long n = -1;
    const char *p = strstr(buf_cstr(&out), " closed, ");
    if (st == 0 && p)
        n = strtol(p + 9, NULL, 10);
    buf_free(&out);
    return n;
}

static void test_checklist_api(void)
{
    struct resp r;
    CHECK_INT(api(NULL, "GET", "/api/v1/facilities", NULL, &r), 200);
    json_t *j = json_of(&r);
    json_t *items = json_object_get(j, "items");
    CHECK(json_array_size(items) >= 12);
    bool toilet = false, queue_optional = false;
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v)
    {
        const char *code = json_string_value(json_object_get(v, "code"));
        if (strcmp(code, "toilet") == 0)
            toilet = json_is_true(json_object_get(v, "mandatory")) &&
                     json_string_value(json_object_get(
                         json_object_get(v, "name"), "en")) != NULL;
        if (strcmp(code, "queue_system") == 0)
            queue_optional = json_is_false(json_object_get(v, "mandatory"));
    }
    CHECK(toilet);
    CHECK(queue_optional);
    json_decref(j);
    resp_free(&r);
    /* Before the first assessment: facilities null, no referrals. */
    CHECK_INT(api(NULL, "GET", "/api/v1/offices/35.10.02", NULL, &r), 200);
    j = json_of(&r);
    CHECK(json_is_null(json_object_get(j, "facilities")));
    CHECK_INT(json_array_size(json_object_get(j, "referrals")), 0);
    json_decref(j);
    resp_free(&r);
}

static void test_role_boundaries(void)
{
    const char *full = assessment(NULL);
    /* A head of office assesses their own office, never another. */
    CHECK_INT(api_status(k_head, "POST", "/api/v1/offices/35.10.01/assessments",
                         full),
              403);
    CHECK_INT(api_status(k_insp, "POST", "/api/v1/offices/35.10.09/assessments",
                         full),
              403);
    CHECK_INT(api_status(k_front, "POST",
                         "/api/v1/offices/35.10.09/assessments", full),
              403);
    CHECK_INT(
        api_status(k_head, "POST", "/api/v1/offices/99.99/assessments", full),
        404);
    /* Validation: unknown codes and a missing mandatory item, per field. */
    struct resp r;
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/assessments",
                  "{\"items\":[{\"code\":\"helipad\",\"status\":\"met\"},"
                  "{\"code\":\"toilet\",\"status\":\"wonderful\"}]}",
                  &r),
              422);
    json_t *j = json_of(&r);
    CHECK(has_field_error(j, "items[0].code", "unknown_item"));
    CHECK(has_field_error(j, "items[1].status", "invalid_status"));
    CHECK(has_field_error(j, "items", "missing_mandatory"));
    json_decref(j);
    resp_free(&r);
    /* A front-office officer cannot file a report of inability. */
    const char *report =
        "{\"services\":[],\"reasons\":[\"staff\"],\"details\":\"x\","
        "\"support_requested\":\"y\",\"expected_by\":\"2099-01-01\"}";
    CHECK_INT(api_status(k_front, "POST",
                         "/api/v1/offices/35.10.09/inability-reports", report),
              403);
    CHECK_INT(api_status(k_head2, "POST",
                         "/api/v1/offices/35.10.09/inability-reports", report),
              403);
    struct client *front = signed_in("loket");
    client_get(front, "/readiness/35.10.09/inability/new", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_get(front, "/readiness/35.10.09", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(front);
    /* Only the Sekda decides. */
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/inability-reports",
                  report, &r),
              201);
    j = json_of(&r);
    json_int_t id = json_integer_value(json_object_get(j, "id"));
    CHECK_STR(json_string_value(json_object_get(j, "status")), "submitted");
    json_decref(j);
    resp_free(&r);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/inability-reports/%lld/decision",
             (long long)id);
    const char *accept =
        "{\"decision\":\"accept\",\"until\":\"2099-06-30\",\"note\":\"ok\"}";
    CHECK_INT(api_status(k_head, "POST", path, accept), 403);
    CHECK_INT(api_status(k_insp, "POST", path, accept), 403);
    CHECK_INT(api_status(k_bupati, "POST", path, accept), 403);
    CHECK_INT(api_status(k_front, "POST", path, accept), 403);
    CHECK_INT(api(k_sekda, "POST", path,
                  "{\"decision\":\"refer\",\"until\":\"2099-06-30\"}", &r),
              422);
    j = json_of(&r);
    CHECK(has_field_error(j, "refer_to", "invalid_office"));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api(k_sekda, "POST", path, accept, &r), 200);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "decided");
    /* The whole history: submitted, decided. */
    CHECK_INT(json_array_size(json_object_get(j, "events")), 2);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api_status(k_sekda, "POST", path, accept), 409); /* once */
    /* Another office's head cannot read it; the office's head can. */
    snprintf(path, sizeof(path), "/api/v1/inability-reports/%lld",
             (long long)id);
    CHECK_INT(api_status(k_head2, "GET", path, NULL), 404);
    CHECK_INT(api_status(k_head, "GET", path, NULL), 200);
    CHECK_INT(api_status(NULL, "GET", path, NULL), 401);
    /* A head of office cannot inspect; an inspector can (HTML). */
    struct client *head = signed_in("camat");
    char csrf[128];
    csrf_of(head, "/readiness/35.10.09", csrf);
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&item=toilet&observed=partly&text=x&due_days=2", csrf);
    client_post(head, "/readiness/35.10.09/inspections", form, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* The oversight lists are not a head of office's. */
    client_get(head, "/oversight/readiness", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_get(head, "/readiness/35.10.01", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(head);
    CHECK_INT(api_status(k_head, "GET", "/api/v1/reports/socialisation", NULL),
              403);
}

static void test_assess_photo_inspect_escalate(void)
{
    /* The camat assesses from the phone form with a photo carrying GPS. */
    struct client *head = signed_in("camat");
    char csrf[128];
    csrf_of(head, "/readiness/35.10.09/assess", csrf);
    unsigned long jlen = 0;
    unsigned char *jpeg = gps_jpeg(&jlen);
    CHECK_INT(gps_entries(jpeg, jlen), 1); /* the input has the position */
    static const char *const mandatory[] = {
        "service_room",   "waiting_room",  "toilet",
        "parking",        "complaint_box", "service_standard",
        "service_pledge", "sop_display",   "information_desk"};
    struct part parts[40];
    size_t n = 0;
    parts[n++] = (struct part){"csrf", csrf, NULL, 0};
    parts[n++] = (struct part){"form_token", "0123456789abcdef0123456789abcdef",
                               NULL, 0};
    static char names[9][64];
    for (size_t i = 0; i < 9; i++) {
        char *name = names[i];
        snprintf(name, 64, "status_%s", mandatory[i]);
        parts[n++] = (struct part){
            name, strcmp(mandatory[i], "parking") == 0 ? "not_met" : "met",
            NULL, 0};
    }
    parts[n++] =
        (struct part){"note_toilet", "Dua toilet, satu rusak", NULL, 0};
    parts[n++] = (struct part){"photo_toilet", NULL, jpeg, jlen};
    /* A file that is not a photo: 422, nothing stored. */
    static const unsigned char not_photo[] = "GIF89a not a photo";
    parts[n] =
        (struct part){"photo_parking", NULL, not_photo, sizeof(not_photo)};
    struct resp r;
    CHECK_INT(post_parts(head, "/readiness/35.10.09/assess", parts, n + 1, &r),
              422);
    CHECK_CONTAINS(body(&r), "bukan foto JPEG atau PNG");
    resp_free(&r);
    CHECK_INT(db_value("SELECT COUNT(*) FROM assessments a JOIN offices o ON"
                       " o.id = a.office_id WHERE o.code = $1",
                       "35.10.09"),
              0);
    CHECK_INT(post_parts(head, "/readiness/35.10.09/assess", parts, n, &r),
              303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "/readiness/35.10.09");
    resp_free(&r);
    /* The same form sent again: the first result, no second record. */
    CHECK_INT(post_parts(head, "/readiness/35.10.09/assess", parts, n, &r),
              303);
    resp_free(&r);
    CHECK_INT(db_value("SELECT COUNT(*) FROM assessments a JOIN offices o ON"
                       " o.id = a.office_id WHERE o.code = $1",
                       "35.10.09"),
              1);
    free(jpeg);
    /* 8 of 9 mandatory items met: 89 %. */
    client_get(head, "/readiness/35.10.09", &r);
    CHECK_CONTAINS(body(&r), "89\xc2\xa0%");
    const char *ph = strstr(body(&r), "/readiness/photo/");
    char photo_path[64] = "";
    if (ph)
        snprintf(photo_path, sizeof(photo_path), "%.*s", (int)strcspn(ph, "\""),
                 ph);
    resp_free(&r);
    CHECK(*photo_path);
    /* The photo served back has no GPS position left. */
    client_get(head, photo_path, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(resp_header(&r, "Content-Type"), "image/jpeg");
    CHECK_INT(gps_entries((const unsigned char *)r.body.data, r.body.len), 0);
    resp_free(&r);
    /* Another office's head cannot see it; nor can the public. */
    struct client *other = signed_in("camat2");
    client_get(other, photo_path, &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(other);
    /* The public page: waiting room ✓, parking ✗. */
    struct client *pub = client_new(&srv);
    client_get(pub, "/offices/35.10.09", &r);
    CHECK_CONTAINS(body(&r), "Ruang tunggu (tempat duduk) ✓");
    CHECK_CONTAINS(body(&r), "Parkir aman dan nyaman ✗");
    CHECK_CONTAINS(body(&r), "89\xc2\xa0%");
    CHECK_NOT_CONTAINS(body(&r), "/readiness/photo/");
    resp_free(&r);
    client_free(pub);

    /* The inspector records a finding with 2 working days. */
    struct client *insp = signed_in("pemeriksa");
    csrf_of(insp, "/readiness/35.10.09", csrf);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&form_token=abcdefabcdefabcdefabcdefabcdef01&item=parking"
             "&observed=not_met&text=Parkir+tanpa+atap&due_days=2"
             "&item=toilet&observed=&text=&due_days=5&note=Kunjungan",
             csrf);
    client_post(insp, "/readiness/35.10.09/inspections", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    /* 0 or 61 working days are refused. */
    snprintf(form, sizeof(form),
             "csrf=%s&item=parking&observed=not_met&text=x&due_days=61", csrf);
    client_post(insp, "/readiness/35.10.09/inspections", form, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    int64_t fid = db_value("SELECT MAX(f.id) FROM findings f JOIN offices o ON"
                           " o.id = f.office_id WHERE o.code = $1",
                           "35.10.09");
    CHECK(fid > 0);
    char fid_s[32];
    snprintf(fid_s, sizeof(fid_s), "%lld", (long long)fid);
    int64_t due = db_value("SELECT due_at FROM findings WHERE id = "
                           "CAST($1 AS BIGINT)",
                           fid_s);
    CHECK(due > 0);

    /* Escalation at an exact instant: not at the deadline, once after. */
    CHECK_INT(jobs_at(due), 0);
    CHECK_INT(jobs_at(due + 1), 1);
    CHECK_INT(jobs_at(due + 2), 0);
    CHECK_INT(jobs_at(due + 86400 * 30), 0);
    CHECK_INT(db_value("SELECT COUNT(*) FROM readiness_events WHERE kind ="
                       " 'finding' AND action = 'escalate' AND ref_id ="
                       " CAST($1 AS BIGINT)",
                       fid_s),
              1);
    CHECK_INT(db_value("SELECT COUNT(*) FROM findings WHERE"
                       " escalation_reason = 'finding_overdue' AND id ="
                       " CAST($1 AS BIGINT)",
                       fid_s),
              1);
    /* The Sekda sees it among the escalations. */
    struct client *sekda = signed_in("sekda");
    client_get(sekda, "/oversight/inability", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Parkir aman dan nyaman");
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    resp_free(&r);
    /* ...on the Sekda's list of escalations, the reason in words. */
    client_get(sekda, "/oversight/escalations", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "class=\"readiness-escalations\"");
    CHECK_CONTAINS(body(&r), "Temuan pemeriksaan tidak ditindaklanjuti "
                             "sampai batas waktu");
    CHECK_CONTAINS(body(&r), "Parkir aman dan nyaman");
    resp_free(&r);
    /* The readiness column on /oversight and in the monthly report. */
    client_get(sekda, "/oversight?period=2026", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "<th scope=\"col\">Kesiapan kantor</th>");
    CHECK_CONTAINS(body(&r), "<a href=\"/readiness/35.10.09\">89\xc2\xa0%</a>");
    /* Overdue now counts at the real instant: its deadline is still
     * ahead (the job ran "in the future" above). */
    CHECK_NOT_CONTAINS(body(&r), "temuan terlambat");
    resp_free(&r);
    client_get(sekda, "/oversight/report?period=2026-01", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r),
                   "Kesiapan kantor: 89\xc2\xa0% butir wajib terpenuhi");
    resp_free(&r);
    /* And a "readiness" object per office in the performance API. */
    CHECK_INT(api(k_sekda, "GET", "/api/v1/reports/performance?period=2026",
                  NULL, &r),
              200);
    json_t *pj = json_of(&r);
    json_t *pit;
    size_t pi;
    bool seen = false, null_seen = false;
    json_array_foreach(json_object_get(pj, "items"), pi, pit)
    {
        json_t *rd = json_object_get(pit, "readiness");
        const char *oc = json_string_value(json_object_get(pit, "office"));
        if (oc && strcmp(oc, "35.10.09") == 0) {
            seen = true;
            CHECK_INT(json_integer_value(json_object_get(rd, "score_pct")), 89);
            CHECK_INT(json_integer_value(json_object_get(rd, "open_findings")),
                      1);
            CHECK_INT(
                json_integer_value(json_object_get(rd, "overdue_findings")), 0);
            CHECK(json_is_string(json_object_get(rd, "inspected_at")));
        } else if (oc && strcmp(oc, "35.10.10") == 0) {
            null_seen = json_is_null(json_object_get(rd, "score_pct"));
        }
    }
    CHECK(seen);
    CHECK(null_seen); /* an office never assessed: no score */
    json_decref(pj);
    resp_free(&r);

    /* The office answers with a note and a photo. */
    csrf_of(head, "/readiness/35.10.09", csrf);
    char path[96], version[8];
    snprintf(path, sizeof(path), "/readiness/findings/%lld/answer",
             (long long)fid);
    snprintf(version, sizeof(version), "1");
    unsigned long plen = 0;
    unsigned char *photo = gps_jpeg(&plen);
    struct part ans[] = {{"csrf", csrf, NULL, 0},
                         {"version", version, NULL, 0},
                         {"note", "Atap parkir sudah dipasang", NULL, 0},
                         {"photo", NULL, photo, plen}};
    CHECK_INT(post_parts(head, path, ans, 4, &r), 303);
    resp_free(&r);
    /* Answering twice is refused (stale version / state). */
    CHECK_INT(post_parts(head, path, ans, 4, &r), 409);
    resp_free(&r);
    free(photo);
    /* A head of another office cannot answer it. */
    struct client *other2 = signed_in("camat2");
    char csrf2[128];
    csrf_of(other2, "/readiness/35.10.01", csrf2);
    struct part ans2[] = {{"csrf", csrf2, NULL, 0},
                          {"version", "2", NULL, 0},
                          {"note", "x", NULL, 0}};
    CHECK_INT(post_parts(other2, path, ans2, 3, &r), 404);
    resp_free(&r);
    client_free(other2);
    /* The inspector reopens with 3 working days, then closes. */
    csrf_of(insp, "/readiness/35.10.09", csrf);
    snprintf(path, sizeof(path), "/readiness/findings/%lld/events",
             (long long)fid);
    snprintf(form, sizeof(form),
             "csrf=%s&version=2&action=reopen&due_days=3&note=Belum+rapi",
             csrf);
    client_post(insp, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&version=3&action=close", csrf);
    client_post(insp, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    CHECK_INT(db_value("SELECT COUNT(*) FROM findings WHERE state = 'closed'"
                       " AND id = CAST($1 AS BIGINT)",
                       fid_s),
              1);
    /* The head cannot close. */
    csrf_of(head, "/readiness/35.10.09", csrf);
    snprintf(form, sizeof(form), "csrf=%s&version=4&action=reopen&due_days=3",
             csrf);
    client_post(head, path, form, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    /* The Sekda's readiness list shows the office's score. */
    client_get(sekda, "/oversight/readiness", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "id=\"office-35.10.09\"");
    CHECK_CONTAINS(body(&r), "89\xc2\xa0%");
    resp_free(&r);
    client_free(sekda);
    client_free(insp);
    client_free(head);
}

static void test_inability_escalates_once(void)
{
    struct resp r;
    CHECK_INT(api(k_head2, "POST", "/api/v1/offices/35.10.01/inability-reports",
                  "{\"services\":[],\"reasons\":[\"room\",\"budget\"],"
                  "\"details\":\"Kantor direnovasi\",\"support_requested\":"
                  "\"Ruang sementara\",\"expected_by\":\"2099-03-01\"}",
                  &r),
              201);
    json_t *j = json_of(&r);
    char id[32];
    snprintf(id, sizeof(id), "%lld",
             (long long)json_integer_value(json_object_get(j, "id")));
    json_decref(j);
    resp_free(&r);
    int64_t due = db_value("SELECT ack_due_at FROM inability_reports WHERE"
                           " id = CAST($1 AS BIGINT)",
                           id);
    CHECK(due > 0);
    CHECK_INT(jobs_at(due), 0);
    CHECK_INT(jobs_at(due + 1), 1);
    CHECK_INT(jobs_at(due + 1), 0);
    CHECK_INT(db_value("SELECT COUNT(*) FROM inability_reports WHERE"
                       " escalation_reason = 'inability_unacknowledged' AND"
                       " id = CAST($1 AS BIGINT)",
                       id),
              1);
    /* Acknowledged: once. */
    struct client *sekda = signed_in("sekda");
    char csrf[128], path[64], form[256];
    snprintf(path, sizeof(path), "/inability/%s", id);
    csrf_of(sekda, path, csrf);
    snprintf(path, sizeof(path), "/inability/%s/acknowledge", id);
    snprintf(form, sizeof(form), "csrf=%s&version=1", csrf);
    client_post(sekda, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_post(sekda, path, form, &r);
    CHECK_INT(r.status, 409);
    resp_free(&r);
    client_free(sekda);
    /* The report was on the Sekda's list at once, and escalated. */
    struct client *s1 = signed_in("sekda");
    client_get(s1, "/oversight/escalations", &r);
    CHECK_CONTAINS(body(&r), "Laporan ketidakmampuan belum diterima Sekda "
                             "dalam 3 hari kerja");
    resp_free(&r);
    client_free(s1);
    /* The inability list the Sekda sees names the office. */
    struct client *s2 = signed_in("sekda");
    client_get(s2, "/oversight/inability", &r);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Pesanggaran");
    resp_free(&r);
    client_free(s2);
}

static void test_referral_effect(void)
{
    struct resp r;
    /* Before: SKTM is promised at Genteng. */
    CHECK_INT(api_status(NULL, "GET",
                         "/api/v1/services/SKTM/promise?office=35.10.09", NULL),
              200);
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/inability-reports",
                  "{\"services\":[\"SKTM\"],\"reasons\":[\"staff\"],"
                  "\"details\":\"Petugas cuti\",\"support_requested\":\"-\","
                  "\"expected_by\":\"2099-02-01\"}",
                  &r),
              201);
    json_t *j = json_of(&r);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/inability-reports/%lld/decision",
             (long long)json_integer_value(json_object_get(j, "id")));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api_status(k_sekda, "POST", path,
                         "{\"decision\":\"refer\",\"refer_to\":\"35.10.10\","
                         "\"until\":\"2099-01-31\",\"note\":\"sementara\"}"),
              200);
    /* Intake of SKTM at Genteng: 422, field service, code referred,
     * naming the office to go to. */
    const char *intake =
        "{\"office\":\"35.10.09\",\"service\":\"SKTM\",\"citizen\":{\"nik\":"
        "\"3510164101900001\",\"name\":\"Siti\",\"phone\":\"081234567890\"},"
        "\"requirements\":[\"ktp\",\"kk\",\"pengantar_rt\",\"pernyataan\"]}";
    CHECK_INT(api(k_front, "POST", "/api/v1/applications", intake, &r), 422);
    j = json_of(&r);
    CHECK(has_field_error(j, "service", "referred"));
    CHECK_CONTAINS(body(&r), "Glenmore");
    json_decref(j);
    resp_free(&r);
    /* The promise API answers the same. */
    CHECK_INT(api(NULL, "GET", "/api/v1/services/SKTM/promise?office=35.10.09",
                  NULL, &r),
              422);
    j = json_of(&r);
    CHECK(has_field_error(j, "service", "referred"));
    json_decref(j);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Glenmore");
    resp_free(&r);
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09&lang=en", NULL,
                  &r),
              422);
    CHECK_CONTAINS(body(&r), "Please apply at Kantor Kecamatan Glenmore");
    resp_free(&r);
    /* Other services at Genteng, and SKTM elsewhere, are unaffected. */
    CHECK_INT(api_status(NULL, "GET",
                         "/api/v1/services/SKTM/promise?office=35.10.10", NULL),
              200);
    /* The public pages and the office JSON say so. */
    struct client *pub = client_new(&srv);
    client_get(pub, "/offices/35.10.09", &r);
    CHECK_CONTAINS(body(&r), "class=\"warn referral\"");
    CHECK_CONTAINS(body(&r), "Untuk sementara layanan Surat Keterangan Tidak "
                             "Mampu dilayani di");
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Glenmore");
    resp_free(&r);
    client_get(pub, "/services/SKTM", &r);
    CHECK_CONTAINS(body(&r), "Silakan ajukan di Kantor Kecamatan Glenmore");
    resp_free(&r);
    client_free(pub);
    CHECK_INT(api(NULL, "GET", "/api/v1/offices/35.10.09", NULL, &r), 200);
    j = json_of(&r);
    json_t *refs = json_object_get(j, "referrals");
    CHECK_INT(json_array_size(refs), 1);
    json_t *one = json_array_get(refs, 0);
    CHECK_STR(json_string_value(json_object_get(one, "service")), "SKTM");
    CHECK_STR(json_string_value(json_object_get(one, "to")), "35.10.10");
    CHECK_STR(json_string_value(json_object_get(one, "until")), "2099-01-31");
    CHECK_INT(json_integer_value(json_object_get(
                  json_object_get(j, "facilities"), "score_pct")),
              89);
    json_decref(j);
    resp_free(&r);
    /* The HTML counter says the same. */
    struct client *front = signed_in("loket");
    char csrf[128];
    csrf_of(front, "/intake/SKTM", csrf);
    char form[512];
    snprintf(
        form, sizeof(form),
        "csrf=%s&nik=3510164101900001&name=Siti&phone=081234567890"
        "&req=ktp&req=kk&req=pengantar_rt&req=pengantar_desa&req=pernyataan",
        csrf);
    client_post(front, "/intake/SKTM", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Glenmore");
    resp_free(&r);
    client_free(front);
}

static void test_desa_service_point(void)
{
    /* 35.10.09.2001 is a desa office of Genteng, not a service point. */
    const char *desa = "35.10.09.2001";
    struct client *adm = signed_in("adm");
    char path[96], csrf[128], form[1024];
    snprintf(path, sizeof(path), "/admin/offices/%s", desa);
    csrf_of(adm, path, csrf);
    const char *hours = "&open_1=08:00&close_1=14:00";
    snprintf(form, sizeof(form),
             "csrf=%s&name=Kantor+Desa&address=&phone=&service_point_since="
             "2026-01-05%s",
             csrf, hours);
    struct resp r;
    client_post(adm, path, form, &r);
    CHECK_INT(r.status, 422); /* never assessed */
    CHECK_CONTAINS(body(&r), "belum menilai");
    resp_free(&r);
    /* The kepala desa assesses: parking partly -> not every mandatory. */
    CHECK_INT(api_status(k_desa, "POST",
                         "/api/v1/offices/35.10.09.2001/"
                         "assessments",
                         assessment("parking")),
              201);
    client_post(adm, path, form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "8 dari 9");
    resp_free(&r);
    /* With a written reason: enabled, and the reason is audited. */
    snprintf(form, sizeof(form),
             "csrf=%s&name=Kantor+Desa&address=&phone=&service_point_since="
             "2026-01-05&readiness_override=Instruksi+Bupati+nomor+7%s",
             csrf, hours);
    client_post(adm, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    CHECK_INT(db_value("SELECT COUNT(*) FROM audit_log WHERE action ="
                       " 'service_point_override' AND entity_key = $1 AND"
                       " after_json LIKE '%Instruksi Bupati%'",
                       desa),
              1);
    client_free(adm);
    /* A desa that meets every mandatory item needs no reason. */
    CHECK_INT(api_status(k_desa, "POST",
                         "/api/v1/offices/35.10.09.2001/assessments",
                         assessment(NULL)),
              201);
}

static void test_socialisation(void)
{
    struct resp r;
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/socialisation",
                  "{\"date\":\"2099-01-01\",\"forum\":\"casino\",\"place\":"
                  "\"\",\"audience\":-3,\"materials\":\"\"}",
                  &r),
              422);
    json_t *j = json_of(&r);
    CHECK(has_field_error(j, "date", "future"));
    CHECK(has_field_error(j, "forum", "unknown_forum"));
    CHECK(has_field_error(j, "place", "required"));
    CHECK(has_field_error(j, "audience", "out_of_range"));
    CHECK(has_field_error(j, "materials", "required"));
    json_decref(j);
    resp_free(&r);
    /* A village of another district is refused. */
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/socialisation",
                  "{\"date\":\"2026-01-09\",\"forum\":\"pengajian\",\"place\":"
                  "\"Masjid\",\"village\":\"35.10.01.2001\",\"audience\":40,"
                  "\"materials\":\"leaflet\"}",
                  &r),
              422);
    resp_free(&r);
    CHECK_INT(api(k_head, "POST", "/api/v1/offices/35.10.09/socialisation",
                  "{\"date\":\"2026-01-09\",\"forum\":\"khotbah_jumat\","
                  "\"place\":\"Masjid Jami'\",\"village\":\"35.10.09.2001\","
                  "\"audience\":120,\"materials\":\"teks pengumuman\"}",
                  &r),
              201);
    resp_free(&r);
    CHECK_INT(api_status(k_head2, "POST",
                         "/api/v1/offices/35.10.09/socialisation",
                         "{\"date\":\"2026-01-09\",\"forum\":\"pura\","
                         "\"place\":\"x\",\"audience\":1,\"materials\":\"y\"}"),
              403);
    CHECK_INT(api(k_sekda, "GET",
                  "/api/v1/reports/socialisation?from=2026-01-01&to=2026-03-31"
                  "&district=35.10.09",
                  NULL, &r),
              200);
    j = json_of(&r);
    json_t *d = json_array_get(json_object_get(j, "items"), 0);
    CHECK_STR(json_string_value(json_object_get(d, "district")), "35.10.09");
    CHECK_INT(json_integer_value(json_object_get(d, "activities")), 1);
    CHECK_INT(json_integer_value(json_object_get(d, "audience")), 120);
    CHECK_INT(json_integer_value(json_object_get(d, "religious_forums")), 1);
    json_t *reached = json_object_get(d, "villages_reached");
    CHECK_INT(json_array_size(reached), 1);
    CHECK_STR(
        json_string_value(json_object_get(json_array_get(reached, 0), "code")),
        "35.10.09.2001");
    CHECK(json_array_size(json_object_get(d, "villages_not_reached")) >= 1);
    json_decref(j);
    resp_free(&r);
    /* Six months later the village is no longer reached (but was). */
    CHECK_INT(api(k_sekda, "GET",
                  "/api/v1/reports/socialisation?from=2026-07-01&to=2026-07-31"
                  "&district=35.10.09",
                  NULL, &r),
              200);
    j = json_of(&r);
    d = json_array_get(json_object_get(j, "items"), 0);
    CHECK_INT(json_integer_value(json_object_get(d, "activities")), 0);
    CHECK_INT(json_array_size(json_object_get(d, "villages_reached")), 0);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(api_status(k_sekda, "GET",
                         "/api/v1/reports/socialisation?from=2026-05-01&to="
                         "2026-04-01",
                         NULL),
              422);
    /* The whole regency, and the Sekda's page. */
    CHECK_INT(api(k_sekda, "GET", "/api/v1/reports/socialisation", NULL, &r),
              200);
    j = json_of(&r);
    CHECK_INT(json_array_size(json_object_get(j, "items")), 25);
    json_decref(j);
    resp_free(&r);
    struct client *sekda = signed_in("sekda");
    client_get(sekda, "/oversight/socialisation?from=2026-01-01&to=2026-03-31",
               &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "belum pernah dijangkau");
    resp_free(&r);
    client_free(sekda);
}

static void test_leaflet_announcement(void)
{
    struct client *pub = client_new(&srv);
    struct resp r;
    client_get(pub, "/offices/35.10.09/leaflet", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "class=\"leaflet\"");
    CHECK_CONTAINS(body(&r), "<svg");
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    CHECK_CONTAINS(body(&r), "Gratis");
    resp_free(&r);
    client_get(pub, "/offices/35.10.09/announcement", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Bapak, Ibu, dan Saudara sekalian.");
    CHECK_CONTAINS(body(&r), "/offices/35.10.09");
    resp_free(&r);
    client_get(pub, "/offices/DISPENDUKCAPIL/leaflet", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(pub);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("camat", "head_of_office", "35.10.09");
    user("camat2", "head_of_office", "35.10.01");
    user("kades", "head_of_office", "35.10.09.2001");
    user("loket", "front_office", "35.10.09");
    user("sekda", "sekkab", NULL);
    user("bupati", "bupati", NULL);
    user("pemeriksa", "inspector", NULL);
    user("adm", "administrator", NULL);
    key_for("camat", k_head);
    key_for("camat2", k_head2);
    key_for("kades", k_desa);
    key_for("loket", k_front);
    key_for("sekda", k_sekda);
    key_for("bupati", k_bupati);
    key_for("pemeriksa", k_insp);
    RUN(test_checklist_api);
    RUN(test_role_boundaries);
    RUN(test_assess_photo_inspect_escalate);
    RUN(test_inability_escalates_once);
    RUN(test_referral_effect);
    RUN(test_desa_service_point);
    RUN(test_socialisation);
    RUN(test_leaflet_announcement);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
