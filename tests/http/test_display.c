/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_display.c: HTTP tests of issue 15's "how things read, and kiosks",
 * one server for the whole file:
 *   steps in citizens' words on the tracking page and in the tracking
 *   JSON (code kept, words added), code and words on the staff page;
 *   dates and times written one way (core/humanize.h) on the tracking page
 *   in both languages;
 *   every NIK, PIN and phone-digit field of every form brings up the
 *   number pad (inputmode, pattern, autocomplete=off);
 *   the kiosks (survey and complaint): no staff links in the frame, the
 *   office fixed to the device's whatever the URL or the form says, the
 *   complaint kiosk's 58 mm slip with the number and the PIN;
 *   the role sekkab reads "Sekda" in both languages.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "test.h"

static struct server srv;
static char key_front[64], key_back[64];

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

/* ---- steps in citizens' words, dates ---------------------------------- */

static char regno[32], pin[16];

static void register_and_verify(void)
{
    struct resp r;
    CHECK_INT(client_api(&srv, key_front, "POST", "/api/v1/applications",
                         "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\","
                         "\"citizen\":{\"nik\":\"3510164101900123\",\"name\":"
                         "\"Siti Aminah\",\"village\":\"35.10.09.2001\","
                         "\"phone\":\"081234567890\"},\"requirements\":"
                         "[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"],"
                         "\"fields\":{\"keperluan\":\"sekolah\"}}",
                         &r),
              201);
    json_error_t e;
    json_t *j = json_loads(resp_body(&r), 0, &e);
    const char *no = json_string_value(json_object_get(j, "registration_no"));
    const char *p = json_string_value(json_object_get(j, "pin"));
    snprintf(regno, sizeof(regno), "%s", no ? no : "");
    snprintf(pin, sizeof(pin), "%s", p ? p : "");
    json_decref(j);
    resp_free(&r);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", regno);
    CHECK_INT(client_api(&srv, key_back, "POST", path,
                         "{\"action\":\"step\",\"note\":\"\",\"version\":1}",
                         &r),
              200);
    resp_free(&r);
}

/* The text of the <dd> after the <dt> holding label (static copy). */
static const char *dd_after(const char *html, const char *label)
{
    static char out[256];
    out[0] = '\0';
    const char *p = html ? strstr(html, label) : NULL;
    p = p ? strstr(p, "<dd>") : NULL;
    if (p)
        sscanf(p + 4, "%255[^<]", out);
    return out;
}

/* "Kamis, 3 Desember 2026 pukul 15.30 WIB" or "Thursday, 3 December 2026
 * at 15:30 WIB": the weekday, a comma, the date, the word, the time with
 * the language's separator and the zone. */
static bool reads_as_when(const char *s, bool en)
{
    char wd[16], month[16], word[8], zone[8];
    int day, year, hh, mm, n = 0;
    int got = en ? sscanf(s, "%15[A-Za-z], %d %15s %d %7s %d:%d %7s%n", wd,
                          &day, month, &year, word, &hh, &mm, zone, &n)
                 : sscanf(s, "%15[A-Za-z], %d %15s %d %7s %d.%d %7s%n", wd,
                          &day, month, &year, word, &hh, &mm, zone, &n);
    return got == 8 && s[n] == '\0' && strcmp(word, en ? "at" : "pukul") == 0 &&
           strcmp(zone, "WIB") == 0 && day >= 1 && day <= 31 && year >= 2026 &&
           hh >= 0 && hh < 24 && mm >= 0 && mm < 60;
}

static void test_tracking_words_and_dates(void)
{
    register_and_verify();
    struct client *c = client_new(&srv);
    char path[160];
    snprintf(path, sizeof(path), "/track?no=%s&pin=%s", regno, pin);
    struct resp r;
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    /* The citizen reads the step in plain words, never the staff code nor
     * the button's imperative. */
    CHECK_CONTAINS(resp_body(&r), "Langkah selesai: Pemeriksaan berkas");
    CHECK_NOT_CONTAINS(resp_body(&r), "VERIFIKASI");
    CHECK_NOT_CONTAINS(resp_body(&r), "Selesaikan langkah");
    const char *promised = dd_after(resp_body(&r), "Dijanjikan selesai");
    if (!reads_as_when(promised, false))
        fprintf(stderr, "  promised: \"%s\"\n", promised);
    CHECK(reads_as_when(promised, false));
    resp_free(&r);

    snprintf(path, sizeof(path), "/track?no=%s&pin=%s&lang=en", regno, pin);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "Step done: Checking your documents");
    CHECK_NOT_CONTAINS(resp_body(&r), "VERIFIKASI");
    promised = dd_after(resp_body(&r), "Promised by");
    if (!reads_as_when(promised, true))
        fprintf(stderr, "  promised: \"%s\"\n", promised);
    CHECK(reads_as_when(promised, true));
    resp_free(&r);
    client_free(c);

    /* The JSON keeps the stable code and adds the words. */
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", regno, pin);
    c = client_new(&srv);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    json_error_t e;
    json_t *j = json_loads(resp_body(&r), 0, &e);
    json_t *steps = json_object_get(j, "steps");
    CHECK_INT(json_array_size(steps), 2);
    json_t *s0 = json_array_get(steps, 0), *s1 = json_array_get(steps, 1);
    CHECK(json_is_null(json_object_get(s0, "step_text")));
    CHECK_STR(json_string_value(json_object_get(s1, "action")), "step");
    CHECK_STR(json_string_value(json_object_get(s1, "step")), "VERIFIKASI");
    json_t *words = json_object_get(s1, "step_text");
    CHECK_STR(json_string_value(json_object_get(words, "id")),
              "Pemeriksaan berkas");
    CHECK_STR(json_string_value(json_object_get(words, "en")),
              "Checking your documents");
    /* Machine times stay ISO 8601. */
    CHECK_CONTAINS(json_string_value(json_object_get(s1, "at")), "+07:00");
    json_decref(j);
    resp_free(&r);
    client_free(c);

    /* Staff read the short code and the words. */
    c = signed_in("belakang.genteng");
    snprintf(path, sizeof(path), "/applications/%s", regno);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "<code>VERIFIKASI</code> Pemeriksaan berkas");
    resp_free(&r);
    /* The receipt names the steps ahead in the same words, both
     * languages, no staff code. */
    snprintf(path, sizeof(path), "/applications/%s/receipt?format=80mm", regno);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "Tahapan / Steps: Penerimaan berkas, "
                                  "Pemeriksaan berkas");
    CHECK_CONTAINS(resp_body(&r),
                   "<span class=\"en\">Receiving your documents, "
                   "Checking your documents");
    CHECK_NOT_CONTAINS(resp_body(&r), "VERIFIKASI");
    resp_free(&r);
    client_free(c);
}

/* ---- number pads --------------------------------------------------------
 */

/* Every visible <input> named nik, pin or phone4 in html: inputmode
 * numeric, a pattern, autocomplete off. Returns how many were seen. */
static int digit_fields_ok(const char *html, const char *page)
{
    int seen = 0;
    for (const char *p = strstr(html, "<input"); p;
         p = strstr(p + 1, "<input")) {
        const char *end = strchr(p, '>');
        if (!end)
            break;
        char tag[1024];
        snprintf(tag, sizeof(tag), "%.*s", (int)(end - p), p);
        if (strstr(tag, "type=\"hidden\""))
            continue;
        if (!strstr(tag, "name=\"nik\"") && !strstr(tag, "name=\"pin\"") &&
            !strstr(tag, "name=\"phone4\""))
            continue;
        seen++;
        bool ok = strstr(tag, "inputmode=\"numeric\"") &&
                  strstr(tag, "pattern=\"") &&
                  strstr(tag, "autocomplete=\"off\"");
        if (!ok)
            fprintf(stderr, "  %s: %s>\n", page, tag);
        CHECK(ok);
    }
    return seen;
}

static void test_number_pads(void)
{
    static const struct {
        const char *path;
        const char *who; /* signed in as, or NULL */
        int at_least;    /* digit fields expected */
    } pages[] = {
        {"/intake/DOMISILI", "loket.genteng", 1}, /* NIK */
        {"/track", NULL, 1},                      /* PIN */
        {"/track?no=26-009-00001-0&pin=1", NULL, 1},
        {"/complaints/track", NULL, 1},
        {"/complaints/new", NULL, 0},
        {"/survey", NULL, 0},
    };
    for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
        struct client *c =
            pages[i].who ? signed_in(pages[i].who) : client_new(&srv);
        struct resp r;
        client_get(c, pages[i].path, &r);
        int n = digit_fields_ok(resp_body(&r), pages[i].path);
        if (n < pages[i].at_least)
            fprintf(stderr, "  %s: %d digit fields\n", pages[i].path, n);
        CHECK(n >= pages[i].at_least);
        resp_free(&r);
        client_free(c);
    }
    /* The intake form's NIK accepts the separators people copy. */
    struct client *c = signed_in("loket.genteng");
    struct resp r;
    client_get(c, "/intake/DOMISILI", &r);
    CHECK_CONTAINS(resp_body(&r), "pattern=\"[0-9 .\\-]{16,24}\"");
    resp_free(&r);
    client_free(c);
}

/* ---- kiosks -------------------------------------------------------------
 */

/* Enrol k as a kiosk of office (by a throwaway administrator), sign out. */
static void enrol_kiosk(struct client *k, const char *office)
{
    user("kioskadm", "administrator", NULL);
    CHECK_INT(client_login(k, "kioskadm", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(k, "/devices", &r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&label=Kiosk&office=%s", resp_csrf(&r),
             office);
    resp_free(&r);
    client_post(k, "/devices", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(k, "/staff", &r);
    snprintf(form, sizeof(form), "csrf=%s", resp_csrf(&r));
    resp_free(&r);
    client_post(k, "/logout", form, &r);
    resp_free(&r);
}

/* No link in the page leads to the staff side or out of the kiosk. */
static void kiosk_frame(const char *html, const char *page)
{
    static const char *const banned[] = {
        "href=\"/login\"",    "href=\"/staff\"", "href=\"/work\"",
        "action=\"/logout\"", "href=\"/\"",      "href=\"/services\"",
        "href=\"/offices\"",  "href=\"/track\"", "href=\"https://"};
    for (size_t i = 0; i < sizeof(banned) / sizeof(banned[0]); i++) {
        if (strstr(html, banned[i]))
            fprintf(stderr, "  %s has %s\n", page, banned[i]);
        CHECK_NOT_CONTAINS(html, banned[i]);
    }
    /* The language switch stays. */
    CHECK_CONTAINS(html, "href=\"/lang/en?next=");
}

static void test_kiosks(void)
{
    struct client *k = client_new(&srv);
    enrol_kiosk(k, "35.10.17"); /* Kantor Kecamatan Giri */
    struct resp r;

    /* The survey kiosk: the device's office whatever ?office= says. */
    client_get(k, "/survey/kiosk?office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    kiosk_frame(resp_body(&r), "/survey/kiosk");
    CHECK_CONTAINS(resp_body(&r), "name=\"office\" value=\"35.10.17\"");
    CHECK_NOT_CONTAINS(resp_body(&r), "value=\"35.10.09\"");
    resp_free(&r);

    /* The complaint kiosk. */
    client_get(k, "/complaints/new?kiosk=1&office=35.10.09", &r);
    CHECK_INT(r.status, 200);
    kiosk_frame(resp_body(&r), "/complaints/new?kiosk=1");
    CHECK_CONTAINS(resp_body(&r), "Kantor Kecamatan Giri");
    CHECK_NOT_CONTAINS(resp_body(&r), "name=\"office\"");
    CHECK(digit_fields_ok(resp_body(&r), "complaint kiosk") >= 0);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&kiosk=1&office=35.10.09&category=facilities&body="
             "Toilet%%20rusak&identity=anonymous",
             resp_csrf(&r));
    resp_free(&r);
    client_post(k, "/complaints", form, &r);
    CHECK_INT(r.status, 201);
    kiosk_frame(resp_body(&r), "the complaint kiosk's acknowledgement");
    /* Filed at the device's office, not the form's. */
    CHECK_CONTAINS(resp_body(&r), "Tentang: <strong>Kantor Kecamatan Giri");
    CHECK_NOT_CONTAINS(resp_body(&r), "Genteng");
    /* The 58 mm slip: one strip (receipt.js), the number and the PIN. */
    CHECK_CONTAINS(resp_body(&r),
                   "<div class=\"receipt-sheet sheet-58mm thermal\" "
                   "data-page=\"receipt-58mm\" data-width=\"58mm\">");
    CHECK_CONTAINS(resp_body(&r), "<article class=\"receipt receipt-58mm "
                                  "complaint-slip\">");
    CHECK_CONTAINS(resp_body(&r), "/static/receipt.js");
    const char *slip = strstr(resp_body(&r), "complaint-slip");
    CHECK_CONTAINS(slip, "<strong>P-");
    CHECK_CONTAINS(slip, "PIN: <strong>");
    CHECK_CONTAINS(slip, " pukul ");
    CHECK_CONTAINS(slip, " at ");
    CHECK_CONTAINS(slip, "/complaints/track?no=P-");
    CHECK_CONTAINS(slip, "<svg");
    /* The PIN on the slip is the one on the screen. */
    const char *p1 = strstr(resp_body(&r), "PIN: <strong>");
    const char *p2 = slip ? strstr(slip, "PIN: <strong>") : NULL;
    CHECK(p1 && p2 && p1 != p2 && strncmp(p1, p2, 19) == 0);
    resp_free(&r);

    /* Past the kiosk's hourly limit (30): the refusal in the kiosk's
     * frame, leading back to the kiosk only. */
    long status = 0;
    for (int i = 0; i < 40 && status != 429; i++) {
        client_get(k, "/complaints/new?kiosk=1", &r);
        snprintf(form, sizeof(form),
                 "csrf=%s&kiosk=1&category=facilities&body=Lampu%%20mati%%20%d"
                 "&identity=anonymous",
                 resp_csrf(&r), i);
        resp_free(&r);
        client_post(k, "/complaints", form, &r);
        status = r.status;
        if (status != 429)
            resp_free(&r);
    }
    CHECK_INT(status, 429);
    if (status == 429) {
        kiosk_frame(resp_body(&r), "the complaint kiosk's 429 page");
        CHECK_CONTAINS(resp_body(&r), "href=\"/complaints/new?kiosk=1\"");
        resp_free(&r);
    }

    /* A survey answer refused at the kiosk (no answers): still the kiosk
     * frame. */
    client_get(k, "/survey/kiosk", &r);
    snprintf(form, sizeof(form), "csrf=%s&kiosk=1&office=35.10.09",
             resp_csrf(&r));
    resp_free(&r);
    client_post(k, "/survey", form, &r);
    CHECK_INT(r.status, 422);
    kiosk_frame(resp_body(&r), "the survey kiosk's error page");
    CHECK_CONTAINS(resp_body(&r), "name=\"office\" value=\"35.10.17\"");
    resp_free(&r);
    client_free(k);

    /* The public complaint form keeps the full frame. */
    struct client *c = client_new(&srv);
    client_get(c, "/complaints/new", &r);
    CHECK_CONTAINS(resp_body(&r), "href=\"/login\"");
    resp_free(&r);
    client_free(c);
}

/* ---- the Sekda ---------------------------------------------------------- */

static void test_sekda(void)
{
    user("sekda", "sekkab", NULL);
    struct client *c = signed_in("sekda");
    struct resp r;
    client_get(c, "/staff", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_body(&r), "Sekda");
    CHECK_NOT_CONTAINS(resp_body(&r), "Sekretaris Daerah");
    resp_free(&r);
    client_get(c, "/staff?lang=en", &r);
    CHECK_CONTAINS(resp_body(&r), "Sekda");
    CHECK_NOT_CONTAINS(resp_body(&r), "Regency Secretary");
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
    RUN(test_tracking_words_and_dates);
    RUN(test_number_pads);
    RUN(test_kiosks);
    RUN(test_sekda);
    int stopped = server_stop(&srv);
    CHECK_INT(stopped, 0);
    TEST_END();
}
