/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_exports.c: text that breaks documents, end to end (base/text.h).
 *
 * One string holds every class of code point: a decomposed "é", C0
 * controls, DEL, C1 controls, tab, LF, CR, CR LF, the noncharacters
 * U+FFFE, U+FFFF, U+FDD0, U+1FFFF and U+10FFFF, a surrogate and an
 * overlong as invalid bytes, an invalid byte, NUL (where the transport can
 * carry it), an emoji, a zero-width-joiner family, markup characters and
 * a leading formula. It goes through the doors: the public complaint form
 * (multipart, as the browser sends it), Open311 POST, and a paper survey
 * imported from CSV by an administrator. Then:
 *   - what was stored is NFC, one line for names and addresses, lines for
 *     texts, without controls or noncharacters;
 *   - every export stays well-formed: /open311/v2/requests.xml parsed by
 *     libxml2, the JSON answers by jansson, the IKM CSV by the RFC 4180
 *     reader (with the formula guard), the IKM XLSX unzipped and every XML
 *     part of it parsed by libxml2, and the HTML pages where the text
 *     appears hold no raw control character or noncharacter.
 * Finally rows are written straight into the test server's database with
 * raw bad bytes (text written before the door's rules, or by another
 * tool), and every export is checked again: the write-time guards.
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/csv.h"
#include "client.h"
#include "store/db.h"
#include "test.h"

static struct server srv;
static char key[64]; /* Open311 API key */

#define E_ACUTE "\xC3\xA9"
#define ZWJ "\xE2\x80\x8D"
#define FAMILY "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7"
#define EMOJI "\xF0\x9F\x98\x80"
#define FFFD "\xEF\xBF\xBD"

/* Every class, for a text field (starts like a formula after trimming). */
static const char evil_text[] =
    " =HYPERLINK(\"http://x\") Jose\xCC\x81"
    " c0\x01\x1B[31m\x1F\x0B\x0C del\x7F c1\xC2\x85\xC2\x9F"
    " tab\tLF\nCR\rCRLF\r\n"
    " nc\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xB7\x90\xF0\x9F\xBF\xBF\xF4\x8F\xBF\xBF"
    " sur\xED\xA0\x80 ovl\xC0\xAF bad\xFF"
    " " EMOJI " " FAMILY " k\xCC\x81 x\xCC\x81 <&>\"']]> end ";
/* The same classes, short enough for a name. */
static const char evil_name[] =
    " Jose\xCC\x81\x01\t\xEF\xBF\xBF"
    "de\nla\r\nCruz\xC2\x85\xEF\xB7\x90" FAMILY "\xFF ";
/* Written straight into the database: valid UTF-8 with every control and
 * noncharacter (only the write-time guards stand between it and a
 * document), and invalid UTF-8 (repaired when read, db_col_text()). */
static const char raw_valid[] =
    "raw\x01\x02\x1B\x7F\xC2\x80\xC2\x9F\xEF\xBF\xBE\xEF\xBF\xBF"
    "\xEF\xB7\x90\xF0\x9F\xBF\xBF\xF4\x8F\xBF\xBF\r\n\x0B\x0C"
    "end";
static const char raw_invalid[] = "bad\xED\xA0\x80\xC0\xAF\xFF\x01\xEF\xBF\xBF"
                                  "end";

static char number_form[32], pin_form[16], number_o311[32], number_raw[32];

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

/*
 * The code point at s[0..n) (RFC 3629, written here, not base/utf8.c):
 * its length, or 0 when the sequence is not well-formed.
 */
static size_t decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len;
    unsigned long min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        len = 2;
        min = 0x80;
        *cp = s[0] & 0x1Fu;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3;
        min = 0x800;
        *cp = s[0] & 0x0Fu;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4;
        min = 0x10000;
        *cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3Fu);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return len;
}

/*
 * -1 when s[0..n) is valid UTF-8 without controls (but tab, LF, and CR
 * when allow_cr) and without noncharacters; else the offset of the first
 * offending byte (printed with its neighbourhood).
 */
static long bad_char(const char *what, const char *s, size_t n, bool allow_cr)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned long cp = 0;
        size_t k = decode(p + i, n - i, &cp);
        bool bad = !k || (cp < 0x20 && cp != '\t' && cp != '\n' &&
                          !(allow_cr && cp == '\r'));
        bad |= cp >= 0x7F && cp <= 0x9F;
        bad |= (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu;
        if (bad) {
            fprintf(stderr, "  %s: bad character U+%04lX at byte %zu: %.40s\n",
                    what, k ? cp : (unsigned long)p[i], i,
                    s + (i > 20 ? i - 20 : 0));
            return (long)i;
        }
        i += k;
    }
    return -1;
}

/* Text stored from evil_text (lines) or evil_name (one line). */
static void check_stored(const char *what, const char *s, bool lines)
{
    CHECK(s != NULL);
    if (!s)
        return;
    fprintf(stderr, "  stored %s: %s\n", what, s);
    CHECK_INT(bad_char(what, s, strlen(s), false), -1);
    CHECK_CONTAINS(s, "Jos" E_ACUTE); /* NFC */
    CHECK_NOT_CONTAINS(s, "e\xCC\x81");
    CHECK_NOT_CONTAINS(s, "k\xCC\x81");
    CHECK_CONTAINS(s, FAMILY); /* the zero-width joiners kept */
    CHECK_CONTAINS(s, FFFD);   /* the invalid bytes made visible */
    CHECK(s[0] != ' ' && s[strlen(s) - 1] != ' '); /* trimmed */
    if (lines) {
        CHECK_CONTAINS(s, "tab\tLF\nCR\nCRLF\n");
        /* k + U+0301 composes to U+1E31; x + U+0301 has no composite. */
        CHECK_CONTAINS(s, EMOJI " " FAMILY
                                " \xE1\xB8\xB1 x\xCC\x81 <&>\"']]> end");
        CHECK_CONTAINS(s, " nc sur" FFFD FFFD FFFD " ovl" FFFD FFFD " bad" FFFD
                          " ");
        CHECK_CONTAINS(s, " c0[31m del c1 tab");
    } else {
        CHECK_NOT_CONTAINS(s, "\t");
        CHECK_NOT_CONTAINS(s, "\n");
        CHECK_CONTAINS(s, "Jos" E_ACUTE " de la Cruz" FAMILY FFFD);
    }
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

/* A multipart body (as a browser sends the complaint form). */
static long post_multipart(struct client *c, const char *path,
                           const char *const *fields, struct resp *r)
{
    struct buf b;
    buf_init(&b, 1 << 20);
    for (size_t i = 0; fields[i]; i += 2)
        buf_printf(&b,
                   "--XyZ\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n",
                   fields[i], fields[i + 1]);
    buf_puts(&b, "--XyZ--\r\n");
    client_req_bytes(c, "POST", path, b.data, b.len,
                     "multipart/form-data; boundary=XyZ", r);
    buf_free(&b);
    return r->status;
}

/* The service_request_id of an Open311 answer's first entry, or "". */
static const char *first_id(json_t *j)
{
    const char *id = json_string_value(
        json_object_get(json_array_get(j, 0), "service_request_id"));
    return id ? id : "";
}

/* Append name=value (both URL-encoded) to a form. */
static void form_add(struct buf *f, const char *name, const char *value)
{
    if (f->len)
        buf_putc(f, '&');
    buf_puts(f, urlenc(name));
    buf_putc(f, '=');
    buf_puts(f, urlenc(value));
}

static void test_doors(void)
{
    /* 1. The public complaint form, named. */
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/complaints/new?office=35.10.09", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    const char *fields[] = {"csrf",     csrf,           "office", "35.10.09",
                            "category", "other",        "body",   evil_text,
                            "identity", "named",        "name",   evil_name,
                            "contact",  "081234567890", NULL};
    CHECK_INT(post_multipart(c, "/complaints", fields, &r), 201);
    const char *p = strstr(body(&r), "<strong>P-");
    if (p)
        sscanf(p + 8, "%31[^<]", number_form);
    p = strstr(body(&r), "PIN: <strong>");
    if (p)
        sscanf(p + 13, "%15[0-9]", pin_form);
    CHECK(number_form[0] && pin_form[0]);
    resp_free(&r);
    client_free(c);

    /* 2. Open311, anonymous (no name): with a NUL in the description. */
    struct buf f;
    buf_init(&f, 1 << 20);
    form_add(&f, "api_key", key);
    form_add(&f, "service_code", "waiting_time");
    form_add(&f, "attribute[office]", "35.10.09");
    form_add(&f, "description", evil_text);
    buf_puts(&f, "%00nul");
    form_add(&f, "address_string", evil_name);
    c = client_new(&srv);
    client_post(c, "/open311/v2/requests.json", buf_cstr(&f), &r);
    CHECK_INT(r.status, 200);
    json_error_t e;
    json_t *j = json_loads(body(&r), 0, &e);
    CHECK(j != NULL);
    snprintf(number_o311, sizeof(number_o311), "%s", first_id(j));
    json_decref(j);
    resp_free(&r);
    buf_free(&f);

    /* 3. A plain Open311 complaint, to be spoilt in the database later. */
    buf_init(&f, 4096);
    form_add(&f, "api_key", key);
    form_add(&f, "service_code", "waiting_time");
    form_add(&f, "attribute[office]", "35.10.09");
    form_add(&f, "description", "plain, to be overwritten");
    client_post(c, "/open311/v2/requests.json", buf_cstr(&f), &r);
    CHECK_INT(r.status, 200);
    j = json_loads(body(&r), 0, &e);
    snprintf(number_raw, sizeof(number_raw), "%s", first_id(j));
    json_decref(j);
    resp_free(&r);
    buf_free(&f);
    client_free(c);

    /* 4. Paper questionnaires from CSV: the evil suggestion (quoted, its
     * quotes doubled) and a plain one to be spoilt later. */
    c = client_new(&srv);
    CHECK_INT(client_login(c, "admin2", "Sandi-Uji-12345"), 303);
    struct buf csv;
    buf_init(&csv, 1 << 20);
    buf_puts(&csv, "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,"
                   "age_group,education,occupation,suggestion\n"
                   "35.10.09,,2026-02-10,4,4,4,4,4,4,4,4,4,L,20-29,sma,"
                   "swasta,\"");
    for (const char *q = evil_text; *q; q++) {
        if (*q == '"')
            buf_putc(&csv, '"');
        buf_putc(&csv, *q);
    }
    buf_puts(&csv, "\"\n35.10.09,,2026-02-11,3,3,3,3,3,3,3,3,3,P,30-39,s1,"
                   "pns,raw-valid\n"
                   "35.10.09,,2026-02-12,3,3,3,3,3,3,3,3,3,P,30-39,s1,"
                   "pns,raw-invalid\n");
    client_get(c, "/admin/surveys/import", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    buf_init(&f, 1 << 20);
    form_add(&f, "csrf", csrf);
    form_add(&f, "csv", buf_cstr(&csv));
    client_post(c, "/admin/surveys/import", buf_cstr(&f), &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "3 kuesioner diimpor");
    resp_free(&r);
    buf_free(&f);
    buf_free(&csv);
    client_free(c);

    /* What the doors stored. */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    if (!db)
        return;
    struct db_stmt *st = NULL;
    bool row = false;
    CHECK_INT(db_query(db, &st,
                       "SELECT body, name FROM complaints WHERE number = $1",
                       DV_TEXT(number_form)),
              ERR_OK);
    CHECK_INT(db_step(st, &row), ERR_OK);
    CHECK(row);
    if (row) {
        check_stored("form body", db_col_text(st, 0), true);
        check_stored("form name", db_col_text(st, 1), false);
    }
    db_finalize(st);
    CHECK_INT(db_query(db, &st,
                       "SELECT body, address FROM complaints WHERE number = $1",
                       DV_TEXT(number_o311)),
              ERR_OK);
    row = false;
    CHECK_INT(db_step(st, &row), ERR_OK);
    CHECK(row);
    if (row) {
        check_stored("open311 description", db_col_text(st, 0), true);
        CHECK_CONTAINS(db_col_text(st, 0), " end " FFFD "nul");
        check_stored("open311 address", db_col_text(st, 1), false);
    }
    db_finalize(st);
    CHECK_INT(db_query(db, &st,
                       "SELECT suggestion FROM surveys WHERE channel = 'paper'"
                       " AND suggestion NOT LIKE 'raw-%'"),
              ERR_OK);
    row = false;
    CHECK_INT(db_step(st, &row), ERR_OK);
    CHECK(row);
    if (row)
        check_stored("survey suggestion", db_col_text(st, 0), true);
    db_finalize(st);
    db_close(db);
}

/* ---- The exports -------------------------------------------------- */

static xmlDocPtr xml_parse(const char *what, const char *s, size_t n)
{
    xmlDocPtr d = xmlReadMemory(s, (int)n, what, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING);
    if (!d)
        fprintf(stderr, "  %s is not well-formed XML\n", what);
    return d;
}

static void check_xml(const char *what, const char *path, const char *want)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    xmlDocPtr d = xml_parse(what, body(&r), r.body.len);
    CHECK(d != NULL);
    xmlFreeDoc(d);
    CHECK_INT(bad_char(what, body(&r), r.body.len, false), -1);
    if (want)
        CHECK_CONTAINS(body(&r), want);
    resp_free(&r);
    client_free(c);
}

static void check_json(const char *what, struct client *c, const char *path)
{
    struct resp r;
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    json_error_t e;
    json_t *j = json_loadb(body(&r), r.body.len, 0, &e);
    if (!j)
        fprintf(stderr, "  %s is not JSON: %s\n", what, e.text);
    CHECK(j != NULL);
    json_decref(j);
    /* Sent with JSON_ENSURE_ASCII: ASCII only, and no raw control
     * character (RFC 8259 wants them escaped; DEL may stay raw). */
    size_t bad = 0;
    for (size_t i = 0; i < r.body.len; i++) {
        unsigned char b = (unsigned char)r.body.data[i];
        bad += b >= 0x80 || (b < 0x20 && b != '\n' && b != '\t' && b != '\r');
    }
    CHECK_INT(bad, 0);
    resp_free(&r);
}

static void check_html(const char *what, struct client *c, const char *path,
                       const char *want)
{
    struct resp r;
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(bad_char(what, body(&r), r.body.len, false), -1);
    if (want)
        CHECK_CONTAINS(body(&r), want);
    resp_free(&r);
}

/* The IKM CSV: valid text, two fields a row, formulas guarded. */
static void check_csv(struct client *c, const char *want_guarded)
{
    struct resp r;
    client_get(c, "/reports/ikm?office=35.10.09&period=2026-02&format=csv", &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(bad_char("IKM CSV", body(&r), r.body.len, true), -1);
    struct arena *a = arena_new();
    struct csv_reader rd;
    csv_init(&rd, body(&r), r.body.len);
    char *f[CSV_MAX_FIELDS];
    size_t n = 0, rows = 0, suggestions = 0;
    enum err rc;
    bool found = false;
    while ((rc = csv_next(&rd, a, f, &n)) == ERR_OK) {
        rows++;
        CHECK_INT(n, 2);
        if (n == 2 && strcmp(f[0], "suggestion") == 0) {
            suggestions++;
            /* Whatever the text: never a formula in a spreadsheet. */
            CHECK(!csv_formula_risk(f[1]));
            found |= strncmp(f[1], want_guarded, strlen(want_guarded)) == 0;
        }
    }
    CHECK_INT(rc, ERR_NOT_FOUND); /* the end, not a malformed row */
    CHECK(rows > 10);
    CHECK_INT(suggestions, 3);
    if (!found)
        fprintf(stderr, "  no suggestion starts with %s\n", want_guarded);
    CHECK(found);
    arena_free(a);
    resp_free(&r);
}

/* The IKM XLSX: every XML part of the archive parses. */
static void check_xlsx(struct client *c, const char *want)
{
    struct resp r;
    client_get(c, "/reports/ikm?office=35.10.09&period=2026-02&format=xlsx",
               &r);
    CHECK_INT(r.status, 200);
    char path[128], dir[128], cmd[512];
    snprintf(path, sizeof(path), "%s/ikm.xlsx", srv.dir);
    snprintf(dir, sizeof(dir), "%s/ikm", srv.dir);
    FILE *out = fopen(path, "wb");
    CHECK(out != NULL);
    if (!out) {
        resp_free(&r);
        return;
    }
    fwrite(r.body.data, 1, r.body.len, out);
    fclose(out);
    resp_free(&r);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && unzip -q -o '%s' -d '%s'", dir,
             path, dir);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof(cmd),
             "cd '%s' && find . -type f \\( -name '*.xml' -o -name '*.rels' "
             "\\) | sort",
             dir);
    FILE *list = popen(cmd, "r");
    CHECK(list != NULL);
    char name[256];
    size_t parts = 0;
    bool seen = false;
    while (list && fgets(name, sizeof(name), list)) {
        name[strcspn(name, "\n")] = '\0';
        char file[512];
        snprintf(file, sizeof(file), "%s/%s", dir, name);
        FILE *part = fopen(file, "rb");
        struct buf b;
        buf_init(&b, 16u << 20);
        char chunk[8192];
        size_t k;
        while (part && (k = fread(chunk, 1, sizeof(chunk), part)) > 0)
            buf_append(&b, chunk, k);
        if (part)
            fclose(part);
        xmlDocPtr d = xml_parse(name, buf_cstr(&b), b.len);
        CHECK(d != NULL);
        xmlFreeDoc(d);
        CHECK_INT(bad_char(name, buf_cstr(&b), b.len, true), -1);
        seen |= want && strstr(buf_cstr(&b), want) != NULL;
        parts++;
        buf_free(&b);
    }
    if (list)
        CHECK_INT(pclose(list), 0);
    CHECK(parts >= 8); /* types, rels, workbook, 2 sheets, strings, ... */
    if (want && !seen)
        fprintf(stderr, "  the XLSX does not hold %s\n", want);
    CHECK(!want || seen);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", dir, path);
    CHECK_INT(system(cmd), 0);
}

static void check_exports(const char *want_text, const char *want_guarded)
{
    char path[256];
    check_xml("requests.xml", "/open311/v2/requests.xml", want_text);
    snprintf(path, sizeof(path), "/open311/v2/requests/%s.xml", number_raw);
    check_xml("request.xml", path, NULL);
    check_xml("services.xml", "/open311/v2/services.xml", NULL);

    struct client *anon = client_new(&srv);
    check_json("requests.json", anon, "/open311/v2/requests.json");
    snprintf(path, sizeof(path), "/open311/v2/requests/%s.json", number_raw);
    check_json("request.json", anon, path);
    check_json("IKM JSON", anon,
               "/api/v1/reports/ikm?office=35.10.09&period=2026-02");
    snprintf(path, sizeof(path), "/complaints/track?no=%s&pin=%s", number_form,
             pin_form);
    check_html("tracking page", anon, path, NULL);
    check_html("IKM publication", anon,
               "/reports/ikm?office=35.10.09&period=2026-02", want_text);
    client_free(anon);

    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "admin2", "Sandi-Uji-12345"), 303);
    check_csv(c, want_guarded);
    check_xlsx(c, want_text);
    const char *numbers[] = {number_form, number_o311, number_raw};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof(path), "/complaints/%s", numbers[i]);
        check_html("staff complaint page", c, path, NULL);
    }
    check_html("staff complaint list", c, "/complaints", NULL);
    client_free(c);
}

static void test_exports_after_doors(void)
{
    check_exports("Jos" E_ACUTE, "'=HYPERLINK(");
}

/* Rows written past the doors: the guards at write time. */
static void test_exports_of_raw_rows(void)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    if (!db)
        return;
    int64_t changed = 0;
    char tab_formula[128], cr_formula[128];
    snprintf(tab_formula, sizeof(tab_formula), "\t=1+1 %s", raw_valid);
    snprintf(cr_formula, sizeof(cr_formula), "\r@x %s", raw_invalid);
    CHECK_INT(db_run(db, &changed,
                     "UPDATE complaints SET body = $2, name = $2,"
                     " public_answer = $2, address = $3, contact = $3,"
                     " identity = 'named' WHERE number = $1",
                     DV_TEXT(number_raw), DV_TEXT(raw_valid),
                     DV_TEXT(raw_invalid)),
              ERR_OK);
    CHECK_INT(changed, 1);
    CHECK_INT(db_run(db, &changed,
                     "UPDATE surveys SET suggestion = $1"
                     " WHERE suggestion = 'raw-valid'",
                     DV_TEXT(tab_formula)),
              ERR_OK);
    CHECK_INT(changed, 1);
    CHECK_INT(db_run(db, &changed,
                     "UPDATE surveys SET suggestion = $1"
                     " WHERE suggestion = 'raw-invalid'",
                     DV_TEXT(cr_formula)),
              ERR_OK);
    CHECK_INT(changed, 1);
    CHECK_INT(db_run(db, &changed,
                     "UPDATE offices SET name = $1 WHERE code = '35.10.09'",
                     DV_TEXT("Kantor Kecamatan Genteng \x01\xEF\xBF\xBF"
                             "\xFF\xC0\xAF\x7F")),
              ERR_OK);
    CHECK_INT(changed, 1);
    CHECK_INT(db_run(db, &changed,
                     "UPDATE complaint_categories SET name_id = $1"
                     " WHERE code = 'waiting_time'",
                     DV_TEXT("Waktu tunggu\x01\xEF\xBF\xBE\xF4\x8F\xBF\xBF")),
              ERR_OK);
    CHECK_INT(changed, 1);
    db_close(db);
    /* raw_valid through text_safe(): "raw", LF, "end". */
    check_exports("raw\nend", "'\t=1+1 raw\nend");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("admin2", "administrator", NULL);
    user("kiosk.o311", "front_office", "35.10.09");
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", "kiosk.o311", NULL};
    CHECK_INT(server_cli(&srv, &b, args), 0);
    snprintf(key, sizeof(key), "%.51s", buf_cstr(&b));
    buf_free(&b);
    RUN(test_doors);
    RUN(test_exports_after_doors);
    RUN(test_exports_of_raw_rows);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
