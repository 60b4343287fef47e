/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_open311.c: HTTP tests of the Open311 GeoReport v2 endpoint
 * against the real server: discovery, services, service definitions,
 * filing complaints (api_key, every validation error), listing with
 * every filter, one request, tokens; both formats for each, with the
 * specification's error list; JSON types (identifiers are strings),
 * +07:00 offsets, no personal data in any answer, hostile text escaped.
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "store/db.h"
#include "test.h"

#define BASE "/open311/v2"

static struct server srv;
static char key[64];

/* Personal data filed with the named complaint: never in an answer. */
#define SECRET_FIRST "Rahasiawati"
#define SECRET_LAST "Pelaporsari"
#define SECRET_EMAIL "rahasiawati@example.id"
#define SECRET_PHONE "081299998888"
#define HOSTILE "<script>alert(\"x\")</script> & 'kutip' </description>"

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

static long get(const char *path, struct resp *r)
{
    struct client *c = client_new(&srv);
    client_get(c, path, r);
    client_free(c);
    return r->status;
}

static long post(const char *path, const char *form, struct resp *r)
{
    struct client *c = client_new(&srv);
    client_post(c, path, form, r);
    client_free(c);
    return r->status;
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

/* A valid complaint form, with key k (NULL: none) and description d. */
static void form_basic(struct buf *f, const char *k, const char *d)
{
    buf_init(f, 1 << 20);
    if (k)
        form_add(f, "api_key", k);
    form_add(f, "service_code", "waiting_time");
    form_add(f, "attribute[office]", "35.10.09");
    form_add(f, "description", d);
}

/* A parsed XML answer (NULL when not well-formed); free with xmlFreeDoc. */
static xmlDocPtr xml_of(const struct resp *r)
{
    return xmlReadMemory(body(r), (int)r->body.len, "answer.xml", "UTF-8",
                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING);
}

static const char *root_name(xmlDocPtr d)
{
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    return root ? (const char *)root->name : "";
}

/* The first element named name below n (depth first), or NULL. */
static xmlNodePtr find(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, name) == 0)
            return c;
        xmlNodePtr deeper = find(c, name);
        if (deeper)
            return deeper;
    }
    return NULL;
}

/* The text of the first element named name (static copy), or "". */
static const char *xml_text(xmlDocPtr d, const char *name)
{
    static char out[8192];
    out[0] = '\0';
    xmlNodePtr n = find(d ? xmlDocGetRootElement(d) : NULL, name);
    if (n) {
        xmlChar *t = xmlNodeGetContent(n);
        snprintf(out, sizeof(out), "%s", t ? (const char *)t : "");
        xmlFree(t);
    }
    return out;
}

/* Element children of the root named name. */
static size_t count_children(xmlDocPtr d, const char *name)
{
    size_t n = 0;
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
        n += c->type == XML_ELEMENT_NODE &&
             strcmp((const char *)c->name, name) == 0;
    return n;
}

/* The JSON error list has one entry with code (a number) = status. */
static void check_json_error(const struct resp *r, long status)
{
    CHECK_INT(r->status, status);
    CHECK_CONTAINS(resp_header(r, "Content-Type"), "application/json");
    json_t *j = json_of(r);
    CHECK(json_is_array(j) && json_array_size(j) >= 1);
    json_t *e = json_array_get(j, 0);
    CHECK(json_is_integer(json_object_get(e, "code")));
    CHECK_INT(json_integer_value(json_object_get(e, "code")), status);
    CHECK(json_is_string(json_object_get(e, "description")));
    json_decref(j);
}

/* The XML error list: <errors><error><code>status</code>... */
static void check_xml_error(const struct resp *r, long status)
{
    char code[16];
    snprintf(code, sizeof(code), "%ld", status);
    CHECK_INT(r->status, status);
    CHECK_CONTAINS(resp_header(r, "Content-Type"), "text/xml");
    xmlDocPtr d = xml_of(r);
    CHECK(d != NULL);
    CHECK_STR(root_name(d), "errors");
    CHECK(count_children(d, "error") >= 1);
    CHECK_STR(xml_text(d, "code"), code);
    CHECK(*xml_text(d, "description"));
    xmlFreeDoc(d);
}

/* GET path.json and path.xml (path without extension, query q or ""):
 * both answer the error status. */
static void check_get_error(const char *path, const char *q, long status)
{
    char url[1024];
    struct resp r;
    snprintf(url, sizeof(url), "%s.json%s", path, q);
    get(url, &r);
    check_json_error(&r, status);
    resp_free(&r);
    snprintf(url, sizeof(url), "%s.xml%s", path, q);
    get(url, &r);
    check_xml_error(&r, status);
    resp_free(&r);
}

/* POST form to requests.json and requests.xml: both answer status. */
static void check_post_error(const char *form, long status)
{
    struct resp r;
    post(BASE "/requests.json", form, &r);
    check_json_error(&r, status);
    resp_free(&r);
    post(BASE "/requests.xml", form, &r);
    check_xml_error(&r, status);
    resp_free(&r);
}

/* No personal data of the named complaint in an answer. */
static void check_private(const struct resp *r, const char *pin)
{
    CHECK_NOT_CONTAINS(body(r), SECRET_FIRST);
    CHECK_NOT_CONTAINS(body(r), SECRET_LAST);
    CHECK_NOT_CONTAINS(body(r), SECRET_EMAIL);
    CHECK_NOT_CONTAINS(body(r), SECRET_PHONE);
    CHECK_NOT_CONTAINS(body(r), "rahasiawati");
    if (pin && *pin)
        CHECK_NOT_CONTAINS(body(r), pin);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = s ? strlen(s) : 0, k = strlen(suffix);
    return s && n >= k && strcmp(s + n - k, suffix) == 0;
}

static void test_discovery(void)
{
    struct resp r;
    CHECK_INT(get(BASE "/discovery.json", &r), 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "application/json");
    json_t *j = json_of(&r);
    CHECK(json_is_object(j));
    CHECK(ends_with(json_string_value(json_object_get(j, "changeset")),
                    "+07:00"));
    CHECK(json_is_string(json_object_get(j, "contact")));
    CHECK(json_is_string(json_object_get(j, "key_service")));
    json_t *ep = json_array_get(json_object_get(j, "endpoints"), 0);
    CHECK_STR(json_string_value(json_object_get(ep, "specification")),
              "http://wiki.open311.org/GeoReport_v2");
    CHECK(ends_with(json_string_value(json_object_get(ep, "url")), BASE));
    CHECK_STR(json_string_value(json_object_get(ep, "type")), "production");
    json_t *formats = json_object_get(ep, "formats");
    CHECK_INT(json_array_size(formats), 2);
    CHECK_STR(json_string_value(json_array_get(formats, 0)), "text/xml");
    CHECK_STR(json_string_value(json_array_get(formats, 1)),
              "application/json");
    json_decref(j);
    resp_free(&r);

    CHECK_INT(get(BASE "/discovery.xml", &r), 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/xml");
    CHECK(strncmp(body(&r), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 38) ==
          0);
    xmlDocPtr d = xml_of(&r);
    CHECK_STR(root_name(d), "discovery");
    CHECK(find(find(xmlDocGetRootElement(d), "endpoints"), "endpoint"));
    CHECK_STR(xml_text(d, "format"), "text/xml");
    CHECK_STR(xml_text(d, "type"), "production");
    xmlFreeDoc(d);
    resp_free(&r);
}

static void test_services(void)
{
    struct resp r;
    CHECK_INT(get(BASE "/services.json", &r), 200);
    json_t *j = json_of(&r);
    CHECK_INT(json_array_size(j), 6);
    size_t i;
    json_t *s;
    bool seen = false;
    json_array_foreach(j, i, s)
    {
        CHECK(json_is_string(json_object_get(s, "service_code")));
        CHECK(json_is_string(json_object_get(s, "service_name")));
        CHECK(json_is_true(json_object_get(s, "metadata")));
        CHECK_STR(json_string_value(json_object_get(s, "type")), "realtime");
        CHECK_STR(json_string_value(json_object_get(s, "group")), "pengaduan");
        CHECK(json_is_string(json_object_get(s, "keywords")));
        if (strcmp(json_string_value(json_object_get(s, "service_code")),
                   "service_quality") == 0) {
            seen = true;
            CHECK_STR(json_string_value(json_object_get(s, "service_name")),
                      "Mutu pelayanan");
            CHECK_CONTAINS(json_string_value(json_object_get(s, "description")),
                           "Service quality");
        }
    }
    CHECK(seen);
    json_decref(j);
    resp_free(&r);

    CHECK_INT(get(BASE "/services.xml", &r), 200);
    xmlDocPtr d = xml_of(&r);
    CHECK_STR(root_name(d), "services");
    CHECK_INT(count_children(d, "service"), 6);
    CHECK_STR(xml_text(d, "service_code"), "service_quality");
    CHECK_STR(xml_text(d, "metadata"), "true");
    CHECK_STR(xml_text(d, "group"), "pengaduan");
    xmlFreeDoc(d);
    resp_free(&r);

    /* jurisdiction_id: the regency's code, or absent; anything else 400. */
    CHECK_INT(get(BASE "/services.json?jurisdiction_id=35.10", &r), 200);
    resp_free(&r);
    check_get_error(BASE "/services", "?jurisdiction_id=35.11", 400);
    check_get_error(BASE "/discovery", "?jurisdiction_id=kota.example", 400);
}

static void test_service_definition(void)
{
    struct resp r;
    CHECK_INT(get(BASE "/services/service_quality.json", &r), 200);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "service_code")),
              "service_quality");
    json_t *attrs = json_object_get(j, "attributes");
    CHECK_INT(json_array_size(attrs), 2);
    json_t *office = json_array_get(attrs, 0);
    CHECK_STR(json_string_value(json_object_get(office, "code")), "office");
    CHECK(json_is_true(json_object_get(office, "variable")));
    CHECK_STR(json_string_value(json_object_get(office, "datatype")),
              "singlevaluelist");
    CHECK(json_is_true(json_object_get(office, "required")));
    CHECK_INT(json_integer_value(json_object_get(office, "order")), 1);
    json_t *values = json_object_get(office, "values");
    CHECK(json_array_size(values) >= 25);
    bool genteng = false, desa = false;
    size_t i;
    json_t *v;
    json_array_foreach(values, i, v)
    {
        const char *k = json_string_value(json_object_get(v, "key"));
        CHECK(k != NULL);
        CHECK(json_is_string(json_object_get(v, "name")));
        genteng |= k && strcmp(k, "35.10.09") == 0;
        desa |= k && strcmp(k, "35.10.09.2001") == 0;
    }
    CHECK(genteng);
    CHECK(!desa); /* not a service point yet */
    json_t *regno = json_array_get(attrs, 1);
    CHECK_STR(json_string_value(json_object_get(regno, "code")),
              "registration_no");
    CHECK_STR(json_string_value(json_object_get(regno, "datatype")), "string");
    CHECK(json_is_false(json_object_get(regno, "required")));
    json_decref(j);
    resp_free(&r);

    CHECK_INT(get(BASE "/services/service_quality.xml", &r), 200);
    xmlDocPtr d = xml_of(&r);
    CHECK_STR(root_name(d), "service_definition");
    CHECK_STR(xml_text(d, "service_code"), "service_quality");
    xmlNodePtr attrs_n = find(xmlDocGetRootElement(d), "attributes");
    CHECK(find(attrs_n, "attribute") != NULL);
    CHECK_STR(xml_text(d, "datatype"), "singlevaluelist");
    CHECK_STR(xml_text(d, "required"), "true");
    CHECK(find(find(attrs_n, "values"), "value") != NULL);
    CHECK(*xml_text(d, "key"));
    xmlFreeDoc(d);
    resp_free(&r);

    check_get_error(BASE "/services/no_such_service", "", 404);
    check_get_error(BASE "/services/service_quality", "?jurisdiction_id=x",
                    400);
    CHECK_INT(get(BASE "/services/service_quality.html", &r), 404);
    resp_free(&r);
}

static char number1[64], token1[64], pin1[16];
static char number_named[64], pin_named[16], number_hostile[64];

/* POST a valid form; the new request's id and token. */
static void post_ok(const char *form, const char *fmt, char number[64],
                    char token[64], char pin[16])
{
    struct resp r;
    char path[64];
    snprintf(path, sizeof(path), BASE "/requests.%s", fmt);
    CHECK_INT(post(path, form, &r), 200);
    number[0] = token[0] = pin[0] = '\0';
    const char *notice = NULL;
    if (strcmp(fmt, "json") == 0) {
        CHECK_CONTAINS(resp_header(&r, "Content-Type"), "application/json");
        json_t *j = json_of(&r);
        CHECK_INT(json_array_size(j), 1);
        json_t *one = json_array_get(j, 0);
        CHECK(json_is_string(json_object_get(one, "service_request_id")));
        CHECK(json_is_string(json_object_get(one, "token")));
        CHECK(json_is_null(json_object_get(one, "account_id")));
        CHECK(json_is_string(json_object_get(one, "service_notice")));
        const char *id =
            json_string_value(json_object_get(one, "service_request_id"));
        const char *tk = json_string_value(json_object_get(one, "token"));
        snprintf(number, 64, "%s", id ? id : "");
        snprintf(token, 64, "%s", tk ? tk : "");
        notice = json_string_value(json_object_get(one, "service_notice"));
        const char *p = notice ? strstr(notice, "PIN") : NULL;
        if (p)
            sscanf(p, "PIN %*s %15[0-9]", pin);
        json_decref(j);
    } else {
        CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/xml");
        xmlDocPtr d = xml_of(&r);
        CHECK_STR(root_name(d), "service_requests");
        CHECK_INT(count_children(d, "request"), 1);
        snprintf(number, 64, "%s", xml_text(d, "service_request_id"));
        snprintf(token, 64, "%s", xml_text(d, "token"));
        CHECK(find(xmlDocGetRootElement(d), "account_id") != NULL);
        CHECK_STR(xml_text(d, "account_id"), "");
        CHECK_CONTAINS(xml_text(d, "service_notice"), "+07:00");
        xmlFreeDoc(d);
    }
    CHECK(strncmp(number, "P-", 2) == 0 && strlen(number) == 16);
    CHECK_INT(strlen(token), 32);
    resp_free(&r);
}

static void test_post_errors(void)
{
    struct buf f;
    /* No key, a wrong key: 403, nothing created. */
    form_basic(&f, NULL, "Antrean terlalu lama.");
    check_post_error(buf_cstr(&f), 403);
    buf_free(&f);
    form_basic(&f, "sp_000000000000000000000000000000000000000000000000",
               "Antrean terlalu lama.");
    check_post_error(buf_cstr(&f), 403);
    buf_free(&f);
    form_basic(&f, "", "Antrean terlalu lama.");
    check_post_error(buf_cstr(&f), 403);
    buf_free(&f);
    /* The key belongs in the body, never in the URL (logs keep URLs). */
    {
        char path[256];
        struct resp rq;
        snprintf(path, sizeof(path), BASE "/requests.json?api_key=%s", key);
        form_basic(&f, NULL, "Antrean terlalu lama.");
        post(path, buf_cstr(&f), &rq);
        check_json_error(&rq, 403);
        resp_free(&rq);
        buf_free(&f);
    }

    /* Unknown and missing service_code. */
    buf_init(&f, 1 << 20);
    form_add(&f, "api_key", key);
    form_add(&f, "service_code", "potholes");
    form_add(&f, "attribute[office]", "35.10.09");
    form_add(&f, "description", "x");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);
    buf_init(&f, 1 << 20);
    form_add(&f, "api_key", key);
    form_add(&f, "attribute[office]", "35.10.09");
    form_add(&f, "description", "x");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);

    /* Missing office, unknown office, an office not a service point. */
    const char *offices[] = {NULL, "99.99.99", "35.10.09.2001"};
    for (size_t i = 0; i < 3; i++) {
        buf_init(&f, 1 << 20);
        form_add(&f, "api_key", key);
        form_add(&f, "service_code", "fees");
        if (offices[i])
            form_add(&f, "attribute[office]", offices[i]);
        form_add(&f, "address_string", "Jl. Raya Genteng 1");
        form_add(&f, "description", "Ada pungutan.");
        check_post_error(buf_cstr(&f), 400);
        buf_free(&f);
    }

    /* Description: missing, 4001 characters (4000 is fine: below). */
    form_basic(&f, key, "");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);
    char *long_text = malloc(4002);
    memset(long_text, 'a', 4001);
    long_text[4001] = '\0';
    form_basic(&f, key, long_text);
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);
    /* 4000 characters of two bytes each are 4000, not 8000. */
    char *wide = malloc(8001);
    for (size_t i = 0; i < 4000; i++)
        memcpy(wide + 2 * i, "\xc3\xa9", 2);
    wide[8000] = '\0';
    form_basic(&f, key, wide);
    struct resp r;
    CHECK_INT(post(BASE "/requests.json", buf_cstr(&f), &r), 200);
    resp_free(&r);
    buf_free(&f);
    free(wide);

    /* Jurisdiction: the regency's code passes, another is refused. */
    form_basic(&f, key, "Loket tutup lebih awal.");
    form_add(&f, "jurisdiction_id", "35.10");
    CHECK_INT(post(BASE "/requests.json", buf_cstr(&f), &r), 200);
    resp_free(&r);
    buf_free(&f);
    form_basic(&f, key, "Loket tutup lebih awal.");
    form_add(&f, "jurisdiction_id", "35.11");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);

    /* registration_no: a typing error and garbage. */
    const char *regnos[] = {"26-009-00042-0", "nomor saya"};
    for (size_t i = 0; i < 2; i++) {
        form_basic(&f, key, "Berkas hilang.");
        form_add(&f, "attribute[registration_no]", regnos[i]);
        check_post_error(buf_cstr(&f), 400);
        buf_free(&f);
    }
    /* e-mail and phone are checked when given. */
    form_basic(&f, key, "x");
    form_add(&f, "first_name", "Budi");
    form_add(&f, "email", "bukan-email");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);
    form_basic(&f, key, "x");
    form_add(&f, "phone", "12ab");
    check_post_error(buf_cstr(&f), 400);
    buf_free(&f);

    /* Several errors are answered together, in the spec's list. */
    buf_init(&f, 1 << 20);
    form_add(&f, "api_key", key);
    form_add(&f, "service_code", "potholes");
    form_add(&f, "description", long_text);
    post(BASE "/requests.json", buf_cstr(&f), &r);
    json_t *j = json_of(&r);
    CHECK_INT(r.status, 400);
    CHECK_INT(json_array_size(j), 3);
    json_decref(j);
    resp_free(&r);
    buf_free(&f);
    free(long_text);

    /* JSON is not the POST format. */
    struct client *c = client_new(&srv);
    client_req(c, "POST", BASE "/requests.json", "{\"service_code\":\"fees\"}",
               "application/json", NULL, &r);
    check_json_error(&r, 400);
    resp_free(&r);
    client_free(c);

    /* Nothing of the above was filed: only the two good ones. */
    CHECK_INT(get(BASE "/requests.json", &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 2);
    json_decref(j);
    resp_free(&r);
}

static void test_post(void)
{
    struct buf f;
    form_basic(&f, key, "Antrean di loket 2 lebih dari tiga jam.");
    char token_x[64], pin_x[16], number_x[64];
    post_ok(buf_cstr(&f), "json", number1, token1, pin1);
    CHECK_INT(strlen(pin1), 6);
    post_ok(buf_cstr(&f), "xml", number_x, token_x, pin_x);
    CHECK(strcmp(number1, number_x) != 0);
    CHECK(strcmp(token1, token_x) != 0);
    buf_free(&f);

    /* A named complaint with contact details and a registration no. */
    buf_init(&f, 1 << 20);
    form_add(&f, "api_key", key);
    form_add(&f, "jurisdiction_id", "35.10");
    form_add(&f, "service_code", "staff_behaviour");
    form_add(&f, "attribute[office]", "35.10.09");
    form_add(&f, "attribute[registration_no]", "26 009 00042 2");
    form_add(&f, "address_string", "Loket 3, Kantor Kecamatan Genteng");
    form_add(&f, "description", "Petugas meminta uang rokok.");
    form_add(&f, "first_name", SECRET_FIRST);
    form_add(&f, "last_name", SECRET_LAST);
    form_add(&f, "email", SECRET_EMAIL);
    form_add(&f, "phone", SECRET_PHONE);
    form_add(&f, "media_url", "http://example.com/x.jpg");
    char token_n[64];
    post_ok(buf_cstr(&f), "json", number_named, token_n, pin_named);
    buf_free(&f);

    /* Hostile text, a control character and invalid UTF-8. */
    form_basic(&f, key, HOSTILE);
    buf_puts(&f, "%01%FF%FE");
    char token_h[64], pin_h[16];
    post_ok(buf_cstr(&f), "json", number_hostile, token_h, pin_h);
    buf_free(&f);
}

static void test_get_requests(void)
{
    struct resp r;
    CHECK_INT(get(BASE "/requests.json", &r), 200);
    check_private(&r, pin_named);
    json_t *j = json_of(&r);
    CHECK_INT(json_array_size(j), 6);
    /* Newest first: the last filed leads. */
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 0), "service_request_id")),
              number_hostile);
    size_t i;
    json_t *q;
    json_array_foreach(j, i, q)
    {
        CHECK(json_is_string(json_object_get(q, "service_request_id")));
        CHECK(json_is_string(json_object_get(q, "service_code")));
        CHECK_STR(json_string_value(json_object_get(q, "status")), "open");
        CHECK(json_is_string(json_object_get(q, "status_notes")));
        CHECK(json_is_string(json_object_get(q, "service_name")));
        CHECK(json_is_string(json_object_get(q, "description")));
        CHECK_STR(json_string_value(json_object_get(q, "agency_responsible")),
                  "Kantor Kecamatan Genteng");
        CHECK(ends_with(
            json_string_value(json_object_get(q, "requested_datetime")),
            "+07:00"));
        CHECK(
            ends_with(json_string_value(json_object_get(q, "updated_datetime")),
                      "+07:00"));
        CHECK(ends_with(
            json_string_value(json_object_get(q, "expected_datetime")),
            "+07:00"));
        CHECK(json_is_string(json_object_get(q, "address")));
        CHECK(json_is_null(json_object_get(q, "address_id")));
        CHECK(json_is_null(json_object_get(q, "zipcode")));
        CHECK(json_is_null(json_object_get(q, "lat")));
        CHECK(json_is_null(json_object_get(q, "long")));
        CHECK(json_is_null(json_object_get(q, "media_url")));
        /* No field carries personal data, whatever its name. */
        CHECK(!json_object_get(q, "email"));
        CHECK(!json_object_get(q, "first_name"));
        CHECK(!json_object_get(q, "phone"));
        const char *id =
            json_string_value(json_object_get(q, "service_request_id"));
        if (id && strcmp(id, number_hostile) == 0) {
            const char *d =
                json_string_value(json_object_get(q, "description"));
            CHECK(d && strncmp(d, HOSTILE, strlen(HOSTILE)) == 0);
            CHECK_CONTAINS(d, "\xef\xbf\xbd"); /* the repaired bytes */
            CHECK_NOT_CONTAINS(d, "\x01");
        }
        if (id && strcmp(id, number_named) == 0)
            CHECK_STR(json_string_value(json_object_get(q, "address")),
                      "Loket 3, Kantor Kecamatan Genteng");
    }
    json_decref(j);
    /* The raw JSON text: the quote is escaped inside the string. */
    CHECK_CONTAINS(body(&r), "alert(\\\"x\\\")");
    resp_free(&r);

    CHECK_INT(get(BASE "/requests.xml", &r), 200);
    check_private(&r, pin_named);
    CHECK_NOT_CONTAINS(body(&r), "<script>");
    CHECK_CONTAINS(body(&r), "&lt;script&gt;");
    CHECK_CONTAINS(body(&r), "&amp;");
    CHECK_NOT_CONTAINS(body(&r), "\x01");
    xmlDocPtr d = xml_of(&r);
    CHECK(d != NULL); /* well-formed despite the hostile text */
    CHECK_STR(root_name(d), "service_requests");
    CHECK_INT(count_children(d, "request"), 6);
    CHECK_STR(xml_text(d, "service_request_id"), number_hostile);
    CHECK(strncmp(xml_text(d, "description"), HOSTILE, strlen(HOSTILE)) == 0);
    CHECK(ends_with(xml_text(d, "requested_datetime"), "+07:00"));
    CHECK_STR(xml_text(d, "lat"), "");
    xmlFreeDoc(d);
    resp_free(&r);

    /* A list of ids overrides every other parameter. */
    char path[512];
    snprintf(path, sizeof(path),
             BASE "/requests.json?service_request_id=%s,%s"
                  "&status=closed&service_code=fees",
             number1, number_named);
    CHECK_INT(get(path, &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 2);
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 0), "service_request_id")),
              number_named);
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 1), "service_request_id")),
              number1);
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 0), "service_code")),
              "staff_behaviour");
    json_decref(j);
    resp_free(&r);
    snprintf(path, sizeof(path), BASE "/requests.xml?service_request_id=%s",
             number1);
    CHECK_INT(get(path, &r), 200);
    d = xml_of(&r);
    CHECK_INT(count_children(d, "request"), 1);
    CHECK_STR(xml_text(d, "service_request_id"), number1);
    xmlFreeDoc(d);
    resp_free(&r);

    /* service_code filter (a comma list). */
    CHECK_INT(get(BASE "/requests.json?service_code=staff_behaviour", &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(get(BASE
                  "/requests.json?service_code=staff_behaviour,waiting_time,"
                  "staff_behaviour",
                  &r),
              200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 6);
    json_decref(j);
    resp_free(&r);
    check_get_error(BASE "/requests", "?service_code=potholes", 400);

    /* Reject one complaint behind the API's back: it turns "closed". */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    int64_t changed = 0;
    if (db) {
        /* The named complaint kept its name and contact (so the privacy
         * checks above test something), the anonymous one kept none. */
        struct db_stmt *st = NULL;
        bool row = false;
        CHECK_INT(db_query(db, &st,
                           "SELECT name, contact, identity, channel FROM"
                           " complaints WHERE number = $1",
                           DV_TEXT(number_named)),
                  ERR_OK);
        CHECK_INT(db_step(st, &row), ERR_OK);
        CHECK(row);
        if (row) {
            CHECK_STR(db_col_text(st, 0), SECRET_FIRST " " SECRET_LAST);
            CHECK_STR(db_col_text(st, 1), SECRET_EMAIL ", " SECRET_PHONE);
            CHECK_STR(db_col_text(st, 2), "named");
            CHECK_STR(db_col_text(st, 3), "open311");
        }
        db_finalize(st);
        CHECK_INT(db_query(db, &st,
                           "SELECT name, contact, identity FROM complaints"
                           " WHERE number = $1",
                           DV_TEXT(number1)),
                  ERR_OK);
        row = false;
        CHECK_INT(db_step(st, &row), ERR_OK);
        if (row) {
            CHECK(db_col_is_null(st, 0));
            CHECK(db_col_is_null(st, 1));
            CHECK_STR(db_col_text(st, 2), "anonymous");
        }
        db_finalize(st);
        CHECK_INT(db_run(db, &changed,
                         "UPDATE complaints SET state = 'rejected',"
                         " public_answer = $2, deadline_at = NULL"
                         " WHERE number = $1",
                         DV_TEXT(number1),
                         DV_TEXT("Bukan wewenang kantor ini.")),
                  ERR_OK);
        CHECK_INT(changed, 1);
    }
    CHECK_INT(get(BASE "/requests.json?status=closed", &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    json_t *closed = json_array_get(j, 0);
    CHECK_STR(json_string_value(json_object_get(closed, "service_request_id")),
              number1);
    CHECK_STR(json_string_value(json_object_get(closed, "status")), "closed");
    CHECK_STR(json_string_value(json_object_get(closed, "status_notes")),
              "Bukan wewenang kantor ini.");
    CHECK(json_is_null(json_object_get(closed, "expected_datetime")));
    json_decref(j);
    resp_free(&r);
    CHECK_INT(get(BASE "/requests.xml?status=closed", &r), 200);
    d = xml_of(&r);
    CHECK_INT(count_children(d, "request"), 1);
    CHECK_STR(xml_text(d, "status"), "closed");
    CHECK_STR(xml_text(d, "expected_datetime"), "");
    xmlFreeDoc(d);
    resp_free(&r);
    CHECK_INT(get(BASE "/requests.json?status=open", &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 5);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(get(BASE "/requests.json?status=open,closed", &r), 200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 6);
    json_decref(j);
    resp_free(&r);
    check_get_error(BASE "/requests", "?status=pending", 400);

    /* Dates: an old complaint is outside the default 90 days but inside
     * an explicit window. */
    if (db) {
        CHECK_INT(db_run(db, &changed,
                         "UPDATE complaints SET received_at = $2"
                         " WHERE number = $1",
                         DV_TEXT(number_named),
                         DV_INT(1767225600) /* 2026-01-01T07:00+07:00 */),
                  ERR_OK);
        db_close(db);
    }
    CHECK_INT(get(BASE "/requests.json?start_date=2025-12-31T00:00:00%2B07:00"
                       "&end_date=2026-01-02T00:00:00Z",
                  &r),
              200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 0), "service_request_id")),
              number_named);
    CHECK_STR(json_string_value(
                  json_object_get(json_array_get(j, 0), "requested_datetime")),
              "2026-01-01T07:00:00+07:00");
    json_decref(j);
    resp_free(&r);
    /* The window's ends are inclusive. */
    CHECK_INT(get(BASE "/requests.json?start_date=2026-01-01T07:00:00%2B07:00"
                       "&end_date=2026-01-01T07:00:00%2B07:00",
                  &r),
              200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(get(BASE "/requests.json?start_date=2099-01-01T00:00:00Z", &r),
              200);
    j = json_of(&r);
    CHECK_INT(json_array_size(j), 0);
    json_decref(j);
    resp_free(&r);
    CHECK_INT(get(BASE "/requests.xml?start_date=2099-01-01T00:00:00Z", &r),
              200);
    d = xml_of(&r);
    CHECK_STR(root_name(d), "service_requests");
    CHECK_INT(count_children(d, "request"), 0);
    xmlFreeDoc(d);
    resp_free(&r);
    check_get_error(BASE "/requests",
                    "?start_date=2026-03-10T00:00:00Z"
                    "&end_date=2026-03-01T00:00:00Z",
                    400);
    check_get_error(BASE "/requests", "?start_date=kemarin", 400);
    check_get_error(BASE "/requests", "?end_date=2026-02-30T00:00:00Z", 400);
    check_get_error(BASE "/requests",
                    "?start_date=2026-01-01T00:00:00Z"
                    "&end_date=2026-06-01T00:00:00Z",
                    400);
    check_get_error(BASE "/requests", "?jurisdiction_id=35.11", 400);
    /* Years outside 0001..9999 (UTC): refused, and the answer says so. */
    const char *years[] = {
        "?start_date=10000-01-01T00:00:00Z",
        "?end_date=0000-12-31T23:59:59Z",
        "?start_date=0001-01-01T00:00:00%2B07:00",
        "?start_date=9999-12-31T23:00:00Z&end_date=9999-12-31T23:59:59-01:00",
    };
    for (size_t y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
        check_get_error(BASE "/requests", years[y], 400);
        char url[256];
        snprintf(url, sizeof(url), BASE "/requests.json%s", years[y]);
        get(url, &r);
        CHECK_CONTAINS(body(&r), "0001");
        CHECK_CONTAINS(body(&r), "9999");
        resp_free(&r);
    }
}

static void test_get_request(void)
{
    struct resp r;
    char path[256];
    snprintf(path, sizeof(path), BASE "/requests/%s.json", number_named);
    CHECK_INT(get(path, &r), 200);
    check_private(&r, pin_named);
    json_t *j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    json_t *q = json_array_get(j, 0);
    CHECK_STR(json_string_value(json_object_get(q, "service_request_id")),
              number_named);
    CHECK_STR(json_string_value(json_object_get(q, "service_code")),
              "staff_behaviour");
    CHECK_STR(json_string_value(json_object_get(q, "service_name")),
              "Perilaku petugas");
    CHECK_STR(json_string_value(json_object_get(q, "description")),
              "Petugas meminta uang rokok.");
    CHECK_STR(json_string_value(json_object_get(q, "status")), "open");
    json_decref(j);
    resp_free(&r);

    snprintf(path, sizeof(path), BASE "/requests/%s.xml", number_named);
    CHECK_INT(get(path, &r), 200);
    check_private(&r, pin_named);
    xmlDocPtr d = xml_of(&r);
    CHECK_STR(root_name(d), "service_requests");
    CHECK_INT(count_children(d, "request"), 1);
    CHECK_STR(xml_text(d, "service_request_id"), number_named);
    CHECK_STR(xml_text(d, "agency_responsible"), "Kantor Kecamatan Genteng");
    xmlFreeDoc(d);
    resp_free(&r);

    check_get_error(BASE "/requests/P-26-009-99999-0", "", 404);
    check_get_error(BASE "/requests/nothing", "", 404);
    snprintf(path, sizeof(path), BASE "/requests/%s", number_named);
    check_get_error(path, "?jurisdiction_id=35.11", 400);
}

static void test_tokens(void)
{
    struct resp r;
    char path[256];
    snprintf(path, sizeof(path), BASE "/tokens/%s.json", token1);
    CHECK_INT(get(path, &r), 200);
    json_t *j = json_of(&r);
    CHECK_INT(json_array_size(j), 1);
    json_t *t = json_array_get(j, 0);
    CHECK_STR(json_string_value(json_object_get(t, "service_request_id")),
              number1);
    CHECK_STR(json_string_value(json_object_get(t, "token")), token1);
    json_decref(j);
    resp_free(&r);

    snprintf(path, sizeof(path), BASE "/tokens/%s.xml", token1);
    CHECK_INT(get(path, &r), 200);
    xmlDocPtr d = xml_of(&r);
    CHECK_STR(root_name(d), "service_requests");
    CHECK_STR(xml_text(d, "service_request_id"), number1);
    CHECK_STR(xml_text(d, "token"), token1);
    xmlFreeDoc(d);
    resp_free(&r);

    check_get_error(BASE "/tokens/00000000000000000000000000000000", "", 404);
}

/* Every answer of the API, again, for the named complainant's data. */
static void test_no_personal_data(void)
{
    const char *paths[] = {
        BASE "/discovery.json",
        BASE "/discovery.xml",
        BASE "/services.json",
        BASE "/services.xml",
        BASE "/requests.json",
        BASE "/requests.xml",
        BASE "/requests.json?status=open",
        BASE "/requests.json?start_date=2025-12-01T00:00:00Z",
    };
    struct resp r;
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        CHECK_INT(get(paths[i], &r), 200);
        check_private(&r, pin_named);
        resp_free(&r);
    }
    char path[256];
    snprintf(path, sizeof(path), BASE "/requests.xml?service_request_id=%s",
             number_named);
    CHECK_INT(get(path, &r), 200);
    CHECK_CONTAINS(body(&r), number_named);
    check_private(&r, pin_named);
    resp_free(&r);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add kiosk.o311 --role "
             "front_office --office 35.10.09 --password-stdin --db %s "
             ">/dev/null",
             srv.bin, srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", "kiosk.o311", NULL};
    CHECK_INT(server_cli(&srv, &b, args), 0);
    snprintf(key, sizeof(key), "%.51s", buf_cstr(&b));
    buf_free(&b);
    RUN(test_discovery);
    RUN(test_services);
    RUN(test_service_definition);
    RUN(test_post_errors);
    RUN(test_post);
    RUN(test_get_requests);
    RUN(test_get_request);
    RUN(test_tokens);
    RUN(test_no_personal_data);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
