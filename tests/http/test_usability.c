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

#include <jpeglib.h>

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
    return client_api(&srv, key, method, path, json, r);
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
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]", regno);
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
    const char *reqs = "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"SURAT_PERNYATAAN\","
                       "\"PENGANTAR_DESA\"]";
    register_app("SKTM", "3510160101900001", reqs, a);
    register_app("SKTM", "3510160101900002", reqs, b);
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
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]", regno);
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

/* ---- 2. forms that keep what was typed ---- */

/* The value attribute of the input named name in html ("" if none). */
static const char *input_value(const char *html, const char *name)
{
    static char out[256];
    out[0] = '\0';
    char key[64];
    snprintf(key, sizeof(key), "name=\"%s\"", name);
    const char *p = strstr(html, key);
    const char *v = p ? strstr(p, "value=\"") : NULL;
    if (v)
        sscanf(v + 7, "%255[^\"]", out);
    return out;
}

static void test_intake_edit_keeps_fields(void)
{
    struct client *c = signed_in("loket.genteng");
    const char *csrf = csrf_at(c, "/intake/DOMISILI");
    char form[1024];
    /* Confirmation first (every mandatory document ticked). */
    snprintf(form, sizeof(form),
             "csrf=%s&req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_DESA&nik="
             "3510164101900123&name=%s&village=35.10.09.2001&phone="
             "081234567890&email=siti%%40example.id",
             csrf, urlenc("Siti \"Aminah\""));
    struct resp r;
    client_post(c, "/intake/DOMISILI", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "name=\"edit\"");
    resp_free(&r);
    /* "Ubah": the form comes back with everything in it. */
    char edit[1200];
    snprintf(edit, sizeof(edit), "%s&edit=1", form);
    client_post(c, "/intake/DOMISILI", edit, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(input_value(body(&r), "nik"), "3510164101900123");
    CHECK_STR(input_value(body(&r), "name"), "Siti &quot;Aminah&quot;");
    CHECK_STR(input_value(body(&r), "phone"), "081234567890");
    CHECK_STR(input_value(body(&r), "email"), "siti@example.id");
    CHECK_CONTAINS(body(&r), "value=\"35.10.09.2001\" selected");
    CHECK_CONTAINS(body(&r), "value=\"PENGANTAR_DESA\" checked");
    CHECK_NOT_CONTAINS(body(&r), "value=\"BUKTI_TEMPAT\" checked");
    resp_free(&r);
    /* The missing-documents slip goes back the same way. */
    snprintf(form, sizeof(form),
             "csrf=%s&req=KTP&nik=3510164101900123&name=Budi&phone="
             "081234567891",
             csrf);
    client_post(c, "/intake/DOMISILI", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "name=\"edit\"");
    CHECK_CONTAINS(body(&r), "name=\"nik\" value=\"3510164101900123\"");
    resp_free(&r);
    snprintf(edit, sizeof(edit), "%s&edit=1", form);
    client_post(c, "/intake/DOMISILI", edit, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(input_value(body(&r), "name"), "Budi");
    CHECK_CONTAINS(body(&r), "value=\"KTP\" checked");
    resp_free(&r);
    client_free(c);
}

/* A multipart body with text fields and one file "photo". */
static long post_photo(struct client *c, const char *path,
                       const char *const *fields, const unsigned char *file,
                       size_t file_len, struct resp *r)
{
    struct buf b;
    buf_init(&b, 40u << 20);
    for (size_t i = 0; fields[i]; i += 2)
        buf_printf(&b,
                   "--XyZ\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n",
                   fields[i], fields[i + 1]);
    buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"photo\";"
                 " filename=\"IMG_2041.jpg\"\r\nContent-Type: image/jpeg"
                 "\r\n\r\n");
    buf_append(&b, file, file_len);
    buf_puts(&b, "\r\n--XyZ--\r\n");
    CHECK(!b.overflow);
    client_req_bytes(c, "POST", path, b.data, b.len,
                     "multipart/form-data; boundary=XyZ", r);
    buf_free(&b);
    return r->status;
}

/* A w x h JPEG of noise (it compresses badly, as a phone photo does) with
 * an APP1 "Exif" marker carrying a position in plain text. */
static unsigned char *noisy_jpeg(int w, int h, unsigned long *len)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    jpeg_mem_dest(&c, &out, len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 97, TRUE);
    jpeg_start_compress(&c, TRUE);
    static const char exif[] = "Exif\0\0SECRETGPS -8.2194,114.3691";
    jpeg_write_marker(&c, JPEG_APP0 + 1, (const JOCTET *)exif,
                      sizeof(exif) - 1);
    unsigned char *row = malloc((size_t)w * 3);
    unsigned seed = 42;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w * 3; x++) {
            seed = seed * 1103515245u + 12345u;
            row[x] = (unsigned char)(seed >> 16);
        }
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    free(row);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return out;
}

static void jpeg_dims(const unsigned char *p, size_t n, long *w, long *h)
{
    struct jpeg_decompress_struct d;
    struct jpeg_error_mgr e;
    d.err = jpeg_std_error(&e);
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, p, (unsigned long)n);
    *w = *h = 0;
    if (jpeg_read_header(&d, TRUE) == JPEG_HEADER_OK) {
        *w = (long)d.image_width;
        *h = (long)d.image_height;
    }
    jpeg_destroy_decompress(&d);
}

static bool bytes_contain(const struct buf *b, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= b->len; i++)
        if (memcmp(b->data + i, needle, k) == 0)
            return true;
    return false;
}

static void test_phone_photo(void)
{
    /* A 3000 x 2250 photo of several MB (over the old 4 MiB body cap). */
    unsigned long len = 0;
    unsigned char *jpeg = noisy_jpeg(3000, 2250, &len);
    CHECK(len > 4u * 1024 * 1024 && len <= 12u * 1024 * 1024);
    struct client *c = client_new(&srv);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", csrf_at(c, "/complaints/new"));
    /* Refused for another reason (no text): the form again, every field
     * kept, and a word about choosing the photo again. */
    const char *bad[] = {"csrf",     csrf,           "office", "35.10.09",
                         "category", "waiting_time", "body",   "",
                         "identity", "confidential", "name",   "Rina Wati",
                         "contact",  "081299990000", "regno",  "",
                         NULL};
    struct resp r;
    CHECK_INT(post_photo(c, "/complaints", bad, jpeg, len, &r), 422);
    CHECK_STR(input_value(body(&r), "name"), "Rina Wati");
    CHECK_STR(input_value(body(&r), "contact"), "081299990000");
    CHECK_CONTAINS(body(&r), "value=\"confidential\" checked");
    CHECK_CONTAINS(body(&r), "value=\"35.10.09\" selected");
    CHECK_CONTAINS(body(&r), "pilih lagi");
    resp_free(&r);
    /* Accepted, scaled down, and stored without the position. */
    const char *ok[] = {"csrf",     csrf,           "office", "35.10.09",
                        "category", "waiting_time", "body",   "Antre lama",
                        "identity", "anonymous",    "regno",  "",
                        NULL};
    /* (No form token: the acknowledgement comes straight back, 201.) */
    CHECK_INT(post_photo(c, "/complaints", ok, jpeg, len, &r), 201);
    char number[32] = "";
    const char *at = strstr(body(&r), "<strong>P-");
    if (at)
        sscanf(at + 8, "%31[^<]", number);
    resp_free(&r);
    free(jpeg);
    client_free(c);
    struct client *o = signed_in("pengaduan");
    char path[96];
    snprintf(path, sizeof(path), "/complaints/%s", number);
    client_get(o, path, &r);
    const char *img = strstr(body(&r), "/complaints/photo/");
    char photo[64] = "";
    if (img)
        sscanf(img, "%63[^\"]", photo);
    resp_free(&r);
    CHECK(*photo);
    client_get(o, photo, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(resp_header(&r, "Content-Type"), "image/jpeg");
    long w = 0, h = 0;
    jpeg_dims((const unsigned char *)r.body.data, r.body.len, &w, &h);
    CHECK_INT(w, 1600);
    CHECK_INT(h, 1200);
    CHECK(r.body.len <= 2u * 1024 * 1024);
    CHECK(!bytes_contain(&r.body, "SECRETGPS"));
    CHECK(!bytes_contain(&r.body, "Exif"));
    resp_free(&r);
    client_free(o);
    /* Over the 16 MiB of a form with a photo: 413, saying what to do. */
    size_t huge_len = 17u * 1024 * 1024;
    unsigned char *huge = calloc(1, huge_len);
    memcpy(huge, "\xFF\xD8\xFF", 3);
    /* (Declared in the headers, answered before any of the body is read:
     * a raw request, so that no sending races the answer.) */
    char head[512];
    int hn = snprintf(head, sizeof(head),
                      "POST /complaints HTTP/1.1\r\nHost: a\r\nContent-Type: "
                      "multipart/form-data; boundary=XyZ\r\nContent-Length: "
                      "%zu\r\n\r\n",
                      huge_len);
    struct buf raw;
    buf_init(&raw, 1u << 20);
    bool closed = false;
    CHECK(raw_request(&srv, head, (size_t)hn, &raw, 30, &closed));
    CHECK_CONTAINS(buf_cstr(&raw), "HTTP/1.1 413");
    CHECK_CONTAINS(buf_cstr(&raw), "terlalu besar");
    CHECK_CONTAINS(buf_cstr(&raw), "isian Anda masih ada");
    buf_free(&raw);
    c = client_new(&srv);
    snprintf(csrf, sizeof(csrf), "%s", csrf_at(c, "/complaints/new"));
    /* A photo between 12 MB and the cap: the form again, fields kept. */
    CHECK_INT(post_photo(c, "/complaints", bad, huge, 13u * 1024 * 1024, &r),
              422);
    CHECK_CONTAINS(body(&r), "paling besar 12 MB");
    CHECK_STR(input_value(body(&r), "name"), "Rina Wati");
    resp_free(&r);
    free(huge);
    client_free(c);
}

static void test_holiday_import(void)
{
    user("admin.kalender", "administrator", NULL);
    struct client *c = signed_in("admin.kalender");
    const char *csrf = csrf_at(c, "/admin/calendar?year=2029");
    struct resp r;
    char form[2048];
    /* The page says what the CSV looks like. */
    client_get(c, "/admin/calendar?year=2029", &r);
    CHECK_CONTAINS(body(&r), "Satu hari libur per baris");
    CHECK_CONTAINS(body(&r), "name=\"year\" value=\"2029\"");
    resp_free(&r);
    /* Without a header: accepted; the page stays on 2029 and counts. */
    snprintf(form, sizeof(form), "csrf=%s&year=2029&csv=%s", csrf,
             urlenc("2029-01-01,libur_nasional,Tahun Baru 2029,New Year\n"
                    "2029-02-13,Libur Nasional,Isra Mikraj,\n"));
    client_post(c, "/admin/calendar/import", form, &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "year=2029");
    CHECK_CONTAINS(resp_header(&r, "Location"), "added=2");
    resp_free(&r);
    client_get(c, "/admin/calendar?year=2029&added=2&replaced=0&unchanged=0",
               &r);
    CHECK_CONTAINS(body(&r), "2 hari disimpan (2 baru");
    CHECK_CONTAINS(body(&r), "Isra Mikraj");
    resp_free(&r);
    /* A date kept with another name: reported, not overwritten; the text
     * stays in the box; in English when the page is English. */
    const char *changed = "date,kind,name_id,name_en\n"
                          "2029-01-01,libur_nasional,Tahun Baru Masehi,New "
                          "Year's Day\n";
    snprintf(form, sizeof(form), "csrf=%s&year=2029&csv=%s", csrf,
             urlenc(changed));
    client_post(c, "/admin/calendar/import?lang=en", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Nothing was imported. Line 2: the date "
                             "2029-01-01 is already kept as &quot;Tahun Baru "
                             "2029&quot;");
    CHECK_CONTAINS(body(&r), "Tahun Baru Masehi,New Year&#39;s Day");
    CHECK_CONTAINS(body(&r), "Holidays and leave 2029");
    resp_free(&r);
    /* Asked to replace: replaced, and the other day unchanged. */
    snprintf(form, sizeof(form), "csrf=%s&year=2029&replace=1&csv=%s", csrf,
             urlenc("2029-01-01,libur_nasional,Tahun Baru Masehi,New Year\n"
                    "2029-02-13,libur_nasional,Isra Mikraj,Isra Mikraj\n"));
    client_post(c, "/admin/calendar/import", form, &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "added=0&replaced=1&"
                                                "unchanged=1");
    resp_free(&r);
    /* The same date twice in one file. */
    snprintf(form, sizeof(form), "csrf=%s&year=2029&csv=%s", csrf,
             urlenc("2029-05-01,libur_nasional,Hari Buruh,Labour Day\n"
                    "2029-05-01,cuti_bersama,Lagi,Again\n"));
    client_post(c, "/admin/calendar/import", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Baris 2: tanggal 2029-05-01 muncul dua kali");
    resp_free(&r);
    client_get(c, "/admin/calendar?year=2029", &r);
    CHECK_NOT_CONTAINS(body(&r), "Hari Buruh");
    /* Removing asks first: a link to a page, not a button that deletes. */
    CHECK_CONTAINS(body(&r), "href=\"/admin/calendar/2029-01-01/delete\"");
    CHECK_NOT_CONTAINS(body(&r),
                       "action=\"/admin/calendar/2029-01-01/delete\"");
    resp_free(&r);
    client_get(c, "/admin/calendar/2029-01-01/delete", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Hapus hari libur?");
    CHECK_CONTAINS(body(&r), "Tahun Baru Masehi");
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, "/admin/calendar/2029-01-01/delete", form, &r);
    CHECK_INT(r.status, 303);
    CHECK_CONTAINS(resp_header(&r, "Location"), "year=2029");
    resp_free(&r);
    client_get(c, "/admin/calendar/2029-01-01/delete", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    /* The add form keeps what was typed when refused. */
    snprintf(form, sizeof(form),
             "csrf=%s&day=2029-02-30&kind=cuti_bersama&name_id=%s", csrf,
             urlenc("Cuti Imlek"));
    client_post(c, "/admin/calendar", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_STR(input_value(body(&r), "name_id"), "Cuti Imlek");
    CHECK_CONTAINS(body(&r), "value=\"cuti_bersama\" selected");
    resp_free(&r);
    client_free(c);
}

/* ---- 3. paper ---- */

static void test_paper(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    /* A poster only where the service is offered: KTP-el is a kecamatan
     * service, not a kelurahan's. */
    client_get(c, "/services/KTP-EL/poster?office=35.10.16.1001", &r);
    CHECK_INT(r.status, 404);
    CHECK_CONTAINS(body(&r), "tidak dilayani di");
    resp_free(&r);
    client_get(c, "/services/KTP-EL/poster?office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "class=\"poster");
    resp_free(&r);
    client_get(c, "/services/KTP-EL/poster", &r);
    CHECK_INT(r.status, 200);
    resp_free(&r);
    client_free(c);
    /* The receipt: two copies naming the officer, the office's without
     * the PIN; QR codes with a text alternative; the navigation named. */
    char regno[32];
    register_app("DOMISILI", "3510164101900125",
                 "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]", regno);
    struct client *f = signed_in("loket.genteng");
    char path[128];
    snprintf(path, sizeof(path),
             "/applications/%s/receipt?format=58mm&copies=2", regno);
    client_get(f, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(count_of(body(&r), "<article class=\"receipt receipt-58mm"), 2);
    CHECK_CONTAINS(body(&r), "copy-office");
    CHECK_CONTAINS(body(&r), "Petugas / Officer</dt><dd>loket.genteng");
    CHECK_CONTAINS(body(&r), "role=\"img\" aria-label=\"Kode QR: lacak");
    CHECK_CONTAINS(body(&r), "<title>Kode QR: lacak");
    CHECK_CONTAINS(body(&r), "<nav class=\"noprint receipt-formats\" "
                             "aria-label=");
    CHECK_CONTAINS(body(&r), "data-page=\"receipt-58mm\"");
    CHECK_CONTAINS(body(&r), "/static/receipt.js");
    resp_free(&r);
    client_get(f, "/intake", &r);
    CHECK_CONTAINS(body(&r), "<nav aria-label=\"Menu utama\">");
    resp_free(&r);
    client_free(f);
    c = client_new(&srv);
    client_get(c, "/static/receipt.js", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "javascript");
    resp_free(&r);
    client_free(c);
}

/* ---- 4. finding things ---- */

/* The codes the catalogue search answers for q (static, space-separated,
 * best first). */
static const char *search(const char *q)
{
    static char out[2048];
    char path[512];
    snprintf(path, sizeof(path), "/api/v1/services?q=%s", urlenc(q));
    struct resp r;
    api(NULL, "GET", path, NULL, &r);
    json_t *j = json_of(&r);
    resp_free(&r);
    out[0] = '\0';
    size_t len = 0;
    json_t *items = json_object_get(j, "items");
    for (size_t i = 0; i < json_array_size(items) && len < 1900; i++) {
        const char *code = json_string_value(
            json_object_get(json_array_get(items, i), "code"));
        int n = snprintf(out + len, sizeof(out) - len, "%s%s", i ? " " : "",
                         code ? code : "?");
        if (n > 0)
            len += (size_t)n;
    }
    json_decref(j);
    return out;
}

/* What citizens type, and the service that must come first (the bundled
 * catalogue and synonym list). */
static void test_search_cases(void)
{
    static const struct {
        const char *q, *first;
    } cases[] = {
        {"akte", "AKTA-LAHIR"},
        {"akte kelahiran", "AKTA-LAHIR"},
        {"akte kematian", "AKTA-MATI"},
        {"akta kematian", "AKTA-MATI"},
        {"birth certificate", "AKTA-LAHIR"},
        {"death certificate", "AKTA-MATI"},
        {"e-ktp", "KTP-EL"},
        {"ktp el", "KTP-EL"},
        {"KTP-el", "KTP-EL"},
        {"ektp", "KTP-EL"},
        {"ktp hilang", "KTP-EL-GANTI"},
        {"kartu keluarga", "KK"},
        {"kk hilang", "KK"},
        {"kartu anak", "KIA"},
        {"surat pindah", "PINDAH"},
        {"pindah domisili", "PINDAH"},
        {"surat domisili", "DOMISILI"},
        {"domisili usaha", "DOMISILI-USAHA"},
        {"usaha domisili", "DOMISILI-USAHA"},
        {"domisli", "DOMISILI"},
        {"sktm", "SKTM"},
        {"surat tidak mampu", "SKTM"},
        {"keterangan miskin", "SKTM"},
        {"skck", "PENGANTAR-SKCK"},
        {"surat kelakuan baik", "PENGANTAR-SKCK"},
        {"nikah", "PENGANTAR-NIKAH"},
        {"surat nikah", "PENGANTAR-NIKAH"},
        {"dispensasi nikah", "DISPENSASI-NIKAH"},
        {"belum kawin", "BELUM-MENIKAH"},
        {"waris", "AHLI-WARIS"},
        {"surat keterangan usaha", "SKU"},
        {"izin usaha", "NIB-UMK"},
        {"izin keramaian", "KERAMAIAN"},
        {"keramian", "KERAMAIAN"},
        {"beasiwa", "BEASISWA"},
        {"penelitian skripsi", "PENELITIAN"},
        {"bpjs gratis", "PBI-JK"},
        {"bantuan sosial", "DTKS"},
        {"imb", "REKOM-PBG"},
        {"legalisir", "LEGALISASI"},
        {"letter c", "RIWAYAT-TANAH"},
        {"sketsa", "RIWAYAT-TANAH"},
        {"penghasilan orang tua", "PENGHASILAN"},
        {"proposal kegiatan", "PROPOSAL"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = search(cases[i].q);
        size_t n = strlen(cases[i].first);
        bool ok = strncmp(got, cases[i].first, n) == 0 &&
                  (got[n] == ' ' || got[n] == '\0');
        if (!ok)
            fprintf(stderr, "  \"%s\": want %s first, got %s\n", cases[i].q,
                    cases[i].first, got);
        CHECK(ok);
    }
    /* Nothing like it: nothing. */
    CHECK_STR(search("zzzz qqqq"), "");
    /* The page: best match first, the query kept in the box. */
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/services?q=surat+pindah", &r);
    CHECK_CONTAINS(body(&r), "value=\"surat pindah\"");
    const char *pindah = strstr(body(&r), "/services/PINDAH\"");
    const char *kk = strstr(body(&r), "/services/KK\"");
    CHECK(pindah && (!kk || pindah < kk));
    resp_free(&r);
    client_free(c);
}

static void test_search_synonyms_admin(void)
{
    /* A phrase of the regency's own: SKTM is not its best match until an
     * administrator adds it to a group. */
    CHECK(strncmp(search("surat susah"), "SKTM", 4) != 0);
    user("admin.katalog", "administrator", NULL);
    struct client *c = signed_in("admin.katalog");
    struct resp r;
    client_get(c, "/admin/search", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "akta, akte");
    CHECK_CONTAINS(body(&r), "Daftar bawaan");
    resp_free(&r);
    const char *csrf = csrf_at(c, "/admin/search");
    char form[4096];
    /* A line with one phrase is refused, the text kept. */
    snprintf(form, sizeof(form), "csrf=%s&synonyms=%s", csrf,
             urlenc("akta, akte\nsusah sendiri\n"));
    client_post(c, "/admin/search", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Baris 2");
    CHECK_CONTAINS(body(&r), "susah sendiri");
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&synonyms=%s", csrf,
             urlenc("akta, akte\nsurat susah, tidak mampu\n"));
    client_post(c, "/admin/search", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    CHECK(strncmp(search("surat susah"), "SKTM", 4) == 0);
    client_get(c, "/admin/search", &r);
    CHECK_CONTAINS(body(&r), "Daftar milik kabupaten");
    resp_free(&r);
    /* Back to the bundled list. */
    snprintf(form, sizeof(form), "csrf=%s&bundled=1&synonyms=", csrf);
    client_post(c, "/admin/search", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    CHECK(strncmp(search("surat susah"), "SKTM", 4) != 0);
    CHECK(strncmp(search("e-ktp"), "KTP-EL", 6) == 0);
    client_free(c);
    /* Only administrators edit it. */
    struct client *f = signed_in("loket.genteng");
    client_get(f, "/admin/search", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(f);
}

static void test_counter_picker(void)
{
    struct client *f = signed_in("loket.genteng");
    struct resp r;
    client_get(f, "/intake", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "id=\"picker-q\"");
    CHECK_CONTAINS(body(&r), "<h2>"); /* grouped by category */
    CHECK(count_of(body(&r), "data-code=") >= 20);
    resp_free(&r);
    /* Without JavaScript: the form's GET, best match first. */
    client_get(f, "/intake?q=akte+kematian", &r);
    CHECK_INT(r.status, 200);
    const char *first = strstr(body(&r), "data-code=\"");
    CHECK(first && strncmp(first + 11, "AKTA-MATI\"", 10) == 0);
    CHECK_CONTAINS(body(&r), "value=\"akte kematian\"");
    resp_free(&r);
    client_free(f);
}

static void test_directory(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    /* A village's name finds the service point that serves it. */
    client_get(c, "/offices?q=Kembiritan", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Kantor Desa Kembiritan</strong> — ajukan "
                             "permohonan di <a href=\"/offices/35.10.09\">");
    resp_free(&r);
    /* Grouped by kecamatan, open now or when it opens. */
    client_get(c, "/offices", &r);
    CHECK_CONTAINS(body(&r), "<h2>Kecamatan Genteng</h2>");
    CHECK_CONTAINS(body(&r), "<h2>Kecamatan Banyuwangi</h2>");
    CHECK(strstr(body(&r), "Buka sekarang, sampai") ||
          strstr(body(&r), "Tutup, buka "));
    resp_free(&r);
    /* A desa office that is not a service point links its kecamatan. */
    client_get(c, "/offices/35.10.09.2001", &r);
    CHECK_CONTAINS(body(&r), "Ajukan permohonan di <a "
                             "href=\"/offices/35.10.09\">Kantor Kecamatan "
                             "Genteng</a>");
    resp_free(&r);
    /* A service page: time, cost and where before the standard. */
    client_get(c, "/services/SKTM", &r);
    const char *facts = strstr(body(&r), "class=\"keyfacts\"");
    const char *reqs = strstr(body(&r), "Persyaratan");
    CHECK(facts && reqs && facts < reqs);
    CHECK_CONTAINS(body(&r), "<dt>Biaya</dt><dd>Gratis</dd>");
    resp_free(&r);
    client_free(c);
    /* An administrator records the address, phone and map position. */
    struct client *a = signed_in("admin.kalender");
    const char *csrf = csrf_at(a, "/admin/offices/35.10.09");
    char form[2048], name[128], addr[128];
    snprintf(name, sizeof(name), "%s", urlenc("Kantor Kecamatan Genteng"));
    snprintf(addr, sizeof(addr), "%s", urlenc("Jl. Raya Genteng No. 1"));
    const char *hours = "&open_1=07:30&close_1=15:30&open_2=07:30&close_2=15:"
                        "30&open_3=07:30&close_3=15:30&open_4=07:30&close_4="
                        "15:30&open_5=07:30&close_5=14:00";
    snprintf(form, sizeof(form),
             "csrf=%s&name=%s&address=%s&phone=0333-845001&"
             "service_point_since=2026-01-02&lat=-8.3701&lon=200%s",
             csrf, name, addr, hours);
    client_post(a, "/admin/offices/35.10.09", form, &r);
    CHECK_INT(r.status, 422);
    CHECK_CONTAINS(body(&r), "Lintang -90 sampai 90");
    CHECK_CONTAINS(body(&r), "value=\"Jl. Raya Genteng No. 1\"");
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&name=%s&address=%s&phone=0333-845001&"
             "service_point_since=2026-01-02&lat=-8,3701&lon=114.2177%s",
             csrf, name, addr, hours);
    client_post(a, "/admin/offices/35.10.09", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    c = client_new(&srv);
    client_get(c, "/offices/35.10.09", &r);
    CHECK_CONTAINS(body(&r), "Jl. Raya Genteng No. 1");
    CHECK_CONTAINS(body(&r), "href=\"tel:0333-845001\"");
    CHECK_CONTAINS(body(&r), "openstreetmap.org/?mlat=-8.370100&amp;mlon="
                             "114.217700");
    resp_free(&r);
    api(NULL, "GET", "/api/v1/offices/35.10.09", NULL, &r);
    CHECK_CONTAINS(body(&r), "\"position\"");
    resp_free(&r);
    client_free(c);
    /* A desa service point accepting some services only. */
    csrf = csrf_at(a, "/admin/offices/35.10.09.2001");
    client_get(a, "/admin/offices/35.10.09.2001", &r);
    CHECK_CONTAINS(body(&r), "name=\"only\" value=\"SKTM\"");
    resp_free(&r);
    snprintf(form, sizeof(form),
             "csrf=%s&name=%s&address=&phone=&service_point_since=2026-01-02&"
             "readiness_override=%s&only=SKTM&only=DOMISILI%s",
             csrf, "Kantor+Desa+Kembiritan", "Mulai+dengan+dua+layanan", hours);
    client_post(a, "/admin/offices/35.10.09.2001", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_free(a);
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/SKTM/promise?office=35.10.09.2001", NULL,
                  &r),
              200);
    resp_free(&r);
    CHECK_INT(api(NULL, "GET",
                  "/api/v1/services/BELUM-MENIKAH/promise?office=35.10.09.2001",
                  NULL, &r),
              422);
    CHECK_CONTAINS(body(&r), "not_accepted_here");
    resp_free(&r);
    c = client_new(&srv);
    client_get(c, "/offices/35.10.09.2001", &r);
    CHECK_CONTAINS(body(&r), "Layanan yang diterima (2)");
    resp_free(&r);
    /* Now Kembiritan is its own service point. */
    client_get(c, "/offices?q=Kembiritan", &r);
    CHECK_NOT_CONTAINS(body(&r), "ajukan permohonan di");
    CHECK_CONTAINS(body(&r), "href=\"/offices/35.10.09.2001\"");
    resp_free(&r);
    client_free(c);
}

/* The requirement of PENGANTAR_DESA in the service's JSON (borrowed). */
static json_t *requirement_json(json_t *service, const char *code)
{
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(service, "requirements"), i, r)
    {
        if (strcmp(json_string_value(json_object_get(r, "code")), code) == 0)
            return r;
    }
    return NULL;
}

/* Post an SKTM registration with an API key; the status. */
static long sktm_at(const char *key, const char *office, const char *nik,
                    const char *reqs, struct resp *r)
{
    char js[1024];
    snprintf(js, sizeof(js),
             "{\"office\":\"%s\",\"service\":\"SKTM\",\"citizen\":"
             "{\"nik\":\"%s\",\"name\":\"Siti Aminah\",\"village\":"
             "\"35.10.09.2001\",\"phone\":\"081234567890\"},"
             "\"requirements\":%s}",
             office, nik, reqs);
    return api(key, "POST", "/api/v1/applications", js, r);
}

/*
 * A requirement mandatory at some office levels only: the village head's
 * cover letter for an SKTM is required at the kecamatan office, not at a
 * desa service point (35.10.09.2001 became one in test_directory). In the
 * API, on the service page per office, on the poster, in the intake
 * checklist and the catalogue editor.
 */
static void test_level_requirements(void)
{
    const char *without = "[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                          "\"SURAT_PERNYATAAN\"]";
    const char *with = "[\"KTP\",\"KK\",\"PENGANTAR_RT\","
                       "\"SURAT_PERNYATAAN\",\"PENGANTAR_DESA\"]";
    struct resp r;
    /* The API: mandatory false, mandatory_at ["kecamatan"]. */
    CHECK_INT(api(NULL, "GET", "/api/v1/services/SKTM", NULL, &r), 200);
    json_t *j = json_of(&r);
    json_t *cover = requirement_json(j, "PENGANTAR_DESA");
    json_t *ktp = requirement_json(j, "KTP");
    CHECK(cover != NULL && ktp != NULL);
    if (cover && ktp) {
        CHECK(json_is_false(json_object_get(cover, "mandatory")));
        json_t *at = json_object_get(cover, "mandatory_at");
        CHECK_INT(json_array_size(at), 1);
        CHECK_STR(json_string_value(json_array_get(at, 0)), "kecamatan");
        CHECK(json_is_true(json_object_get(ktp, "mandatory")));
        CHECK_INT(json_array_size(json_object_get(ktp, "mandatory_at")), 0);
    }
    json_decref(j);
    resp_free(&r);

    /* Intake at the kecamatan: refused without it, taken with it. */
    CHECK_INT(sktm_at(key_front, "35.10.09", "3510160101900031", without, &r),
              422);
    CHECK_CONTAINS(body(&r), "missing_mandatory");
    CHECK_CONTAINS(body(&r), "Surat pengantar Kepala Desa/Lurah");
    resp_free(&r);
    CHECK_INT(sktm_at(key_front, "35.10.09", "3510160101900032", with, &r),
              201);
    resp_free(&r);
    /* At the desa service point: taken without it. */
    user("loket.kembiritan", "front_office", "35.10.09.2001");
    char key_desa[64];
    key_for("loket.kembiritan", key_desa);
    CHECK_INT(
        sktm_at(key_desa, "35.10.09.2001", "3510160101900033", without, &r),
        201);
    resp_free(&r);

    /* The service page: the rule, then per chosen office. */
    struct client *c = client_new(&srv);
    client_get(c, "/services/SKTM", &r);
    CHECK_CONTAINS(body(&r), "Surat pengantar Kepala Desa/Lurah <span "
                             "class=\"tag\">wajib bila diajukan di kantor "
                             "Kecamatan; di kantor lain tidak wajib</span>");
    resp_free(&r);
    client_get(c, "/services/SKTM?office=35.10.09", &r);
    CHECK_CONTAINS(body(&r), "Surat pengantar Kepala Desa/Lurah <span "
                             "class=\"tag\">wajib di kantor Kecamatan</span>");
    resp_free(&r);
    client_get(c, "/services/SKTM?office=35.10.09.2001&lang=en", &r);
    CHECK_CONTAINS(body(&r), "Cover letter from the village head or lurah "
                             "<span class=\"tag\">optional at a Village "
                             "(desa) office</span>");
    resp_free(&r);
    /* The poster of each office says it in both languages. */
    client_get(c, "/services/SKTM/poster?office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Surat pengantar Kepala Desa/Lurah (wajib di "
                             "kantor Kecamatan)");
    CHECK_CONTAINS(body(&r), "(required at a District (kecamatan) office)");
    resp_free(&r);
    client_get(c, "/services/SKTM/poster?office=35.10.09.2001", &r);
    CHECK_CONTAINS(body(&r), "(tidak wajib di kantor Desa)");
    resp_free(&r);
    client_free(c);

    /* The intake checklist at the kecamatan marks it as required there. */
    c = signed_in("loket.genteng");
    client_get(c, "/intake/SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "Surat pengantar Kepala Desa/Lurah <span "
                             "class=\"tag\">wajib di kantor Kecamatan</span>");
    resp_free(&r);
    client_free(c);

    /* The catalogue editor shows the level ticked. */
    c = signed_in("admin.kalender");
    client_get(c, "/admin/services/SKTM", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "name=\"req_mandatory_at[3]\" "
                             "value=\"kecamatan\" checked>");
    CHECK_CONTAINS(body(&r), "name=\"req_mandatory_at[3]\" "
                             "value=\"desa\">");
    resp_free(&r);
    client_free(c);
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
    RUN(test_intake_edit_keeps_fields);
    RUN(test_phone_photo);
    RUN(test_holiday_import);
    RUN(test_paper);
    RUN(test_search_cases);
    RUN(test_search_synonyms_admin);
    RUN(test_counter_picker);
    RUN(test_directory);
    RUN(test_level_requirements);
    int stopped = server_stop(&srv);
    CHECK_INT(stopped, 0);
    TEST_END();
}
