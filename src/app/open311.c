/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311.c: Open311 GeoReport v2 for complaints (see open311.h).
 *
 * Every answer is built once as a jansson value in the specification's
 * JSON layout, then dumped as JSON or written as XML by
 * views/open311_xml.c, so the two formats say the same thing. The
 * requests listing is the one answer that can be long (1,000 complaints
 * of 4,000 characters each): it is streamed (res_stream()), its rows read
 * in keyset batches and each entry built, written and freed in turn, so
 * its memory does not grow with its length and no size cap can refuse it.
 *
 * Security model:
 *  1. Reading is public, as the specification intends; filing needs an
 *     API key (the api_key form field, checked with apikeys_lookup()).
 *  2. A GET answer carries the complaint's text, category, office, state,
 *     public answer and times, and never its complainant's name, contact
 *     or PIN, whatever the complaint's identity (named, confidential,
 *     anonymous).
 *  3. Every input is capped and validated before anything is written;
 *     a refused POST writes nothing.
 */
#include "core/contact.h"
#include "app/complaints.h"
#include "svc/complaints.h"
#include "svc/guard.h"
#include "svc/track.h"
#include "app/open311.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/complaint.h"
#include "core/regno.h"
#include "store/applications.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/seed.h"
#include "store/users.h"
#include "store/workcal.h"
#include "views/open311_xml.h"

#define O311_SPEC_URL "http://wiki.open311.org/GeoReport_v2"
/* When this endpoint's behaviour last changed (discovery's changeset):
 * 2026-03-01T00:00:00Z. Bump it with every change clients can see. */
#define O311_CHANGESET 1772323200
#define O311_PIN_DIGITS 6
#define O311_TOKEN_BYTES 16
#define O311_MAX_IDS 100           /* service_request_id list entries */
#define O311_MAX_CODES 64          /* service_code list entries */
#define O311_MAX_RESULTS 1000      /* the specification's default cap */
#define O311_WINDOW_S (90 * 86400) /* ... and its 90-day window */
#define O311_NAME_MAX 100          /* characters of first + last name */
#define O311_ADDRESS_MAX 500       /* characters of address_string */
#define O311_EMAIL_MAX 254
#define O311_PHONE_MAX 32
#define O311_NUMBER_MAX (REGNO_MAX + 2) /* "P-" + a registration number */

enum o311_fmt { O311_XML, O311_JSON };

/* ---- Formats, answers and errors ---------------------------------- */

/*
 * Split a last path segment "NAME.xml" / "NAME.json" into NAME (arena)
 * and the format; false for any other extension or an empty NAME.
 */
static bool split_ext(struct arena *a, const char *seg, const char **name,
                      enum o311_fmt *fmt)
{
    const char *dot = strrchr(seg, '.');
    if (!dot || dot == seg)
        return false;
    if (strcmp(dot, ".json") == 0)
        *fmt = O311_JSON;
    else if (strcmp(dot, ".xml") == 0)
        *fmt = O311_XML;
    else
        return false;
    *name = arena_strndup(a, seg, (size_t)(dot - seg));
    return true;
}

/* The format of a fixed route ("/open311/v2/services.json"). */
static enum o311_fmt path_fmt(const struct request *req)
{
    size_t n = strlen(req->path);
    return n >= 5 && strcmp(req->path + n - 5, ".json") == 0 ? O311_JSON
                                                             : O311_XML;
}

/*
 * Answer doc (its reference is taken) with status in fmt: JSON as is, or
 * XML under root, a top-level array's entries named item.
 */
static void answer(struct request *req, struct response *res, enum o311_fmt fmt,
                   int status, json_t *doc, const char *root, const char *item)
{
    if (fmt == O311_JSON) {
        app_json(req, res, status, doc);
        return;
    }
    res->status = status;
    res->content_type = "text/xml; charset=utf-8";
    buf_reset(&res->body);
    enum err rc = open311_xml_write(doc, root, item, req->arena, &res->body);
    json_decref(doc);
    if (rc != ERR_OK) {
        buf_reset(&res->body);
        app_fail(req, res, rc == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_IO);
    }
}

/* The specification's error list: collected, then answered at once. */
struct o311_errors {
    json_t *list; /* [{code, description}], owned */
    int status;   /* the HTTP status: the first error's code */
};

static void err_add(struct request *req, struct o311_errors *e, int code,
                    const char *msg_id, const char *msg_en)
{
    if (!e->list)
        e->list = json_array();
    if (!e->status)
        e->status = code;
    json_array_append_new(e->list,
                          json_pack("{s:i,s:s}", "code", code, "description",
                                    L(req->lang, msg_id, msg_en)));
}

/* Answer the collected errors (and free them). */
static void err_answer(struct request *req, struct response *res,
                       enum o311_fmt fmt, struct o311_errors *e)
{
    answer(req, res, fmt, e->status, e->list, "errors", "error");
    e->list = NULL;
}

/* Answer one error. */
static void fail(struct request *req, struct response *res, enum o311_fmt fmt,
                 int code, const char *msg_id, const char *msg_en)
{
    struct o311_errors e = {0};
    err_add(req, &e, code, msg_id, msg_en);
    err_answer(req, res, fmt, &e);
}

/* A store failure: 404 in the specification's format, else app_fail. */
static void fail_store(struct request *req, struct response *res,
                       enum o311_fmt fmt, enum err rc)
{
    if (rc == ERR_NOT_FOUND)
        fail(req, res, fmt, 404, "Data tidak ditemukan.",
             "The record was not found.");
    else
        app_fail(req, res, rc);
}

/* ---- Shared pieces ------------------------------------------------- */

static int offset_min(const struct request *req)
{
    return app_utc_offset(req);
}

/* ISO 8601 at offset minutes east of UTC, or JSON null for 0. */
static json_t *iso_at(int offset, int64_t t)
{
    if (!t)
        return json_null();
    char out[32];
    civil_format_iso(t, offset, out);
    return json_string(out);
}

/* ISO 8601 at the regency's offset, or JSON null for 0. */
static json_t *iso_or_null(struct request *req, int64_t t)
{
    return iso_at(offset_min(req), t);
}

/* The public base URL, e.g. "https://layanan.example.go.id" (arena). */
static const char *base_url(struct request *req)
{
    const struct app *app = req->app;
    if (app->public_url && *app->public_url)
        return app->public_url;
    return arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                        req->host && *req->host ? req->host : "localhost");
}

/*
 * The regency's code from the deployment settings ("35.10"), or NULL
 * when it is not set (arena).
 */
static const char *regency_code(struct request *req)
{
    const char *code = NULL;
    if (seed_get_setting(req->db, req->arena, "regency_code", &code) != ERR_OK)
        return NULL;
    return code;
}

/*
 * Check jurisdiction_id (from params p): absent, empty or the regency's
 * code. Adds a 400 error otherwise.
 */
static void check_jurisdiction(struct request *req, const struct params *p,
                               struct o311_errors *e)
{
    const char *j = params_str(p, req->arena, "jurisdiction_id");
    if (!*j)
        return;
    const char *mine = regency_code(req);
    if (!mine || strcmp(j, mine) != 0)
        err_add(req, e, 400,
                arena_printf(req->arena,
                             "jurisdiction_id tidak dikenal; endpoint ini "
                             "melayani %s.",
                             mine ? mine : "satu kabupaten"),
                arena_printf(req->arena,
                             "Unknown jurisdiction_id; this endpoint serves "
                             "%s.",
                             mine ? mine : "one regency"));
}

/*
 * The prologue of the single-item reads (service, request, token): split
 * "<name>.<ext>" from the path and check jurisdiction_id. Answers and
 * returns false when either fails.
 */
static bool open_item(struct request *req, struct response *res,
                      const char **name, enum o311_fmt *fmt)
{
    *fmt = O311_XML;
    if (!split_ext(req->arena, req->path_args[0], name, fmt)) {
        fail(req, res, O311_XML, 404,
             "Alamat tidak dikenal (pakai .xml/.json).",
             "Unknown address (use .xml or .json).");
        return false;
    }
    struct o311_errors e = {0};
    check_jurisdiction(req, &req->query, &e);
    if (e.list) {
        err_answer(req, res, *fmt, &e);
        return false;
    }
    return true;
}

/* The category with code, or NULL. */
static const struct complaint_category *
find_category(const struct complaint_category *cats, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cats[i].code, code) == 0)
            return &cats[i];
    return NULL;
}

/*
 * Split a comma list into trimmed, non-empty entries (arena). At most max
 * entries; false when there are more.
 */
static bool split_list(struct arena *a, const char *s, size_t max,
                       const char ***items, size_t *n_items)
{
    *n_items = 0;
    *items = arena_alloc(a, (max + 1) * sizeof(**items));
    const char *p = s;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char *one = str_trim(a, arena_strndup(a, p, len));
        if (*one) {
            if (*n_items == max)
                return false;
            (*items)[(*n_items)++] = one;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return true;
}

/* ---- Discovery and services ---------------------------------------- */

void h_open311_discovery(struct request *req, struct response *res)
{
    enum o311_fmt fmt = path_fmt(req);
    struct o311_errors e = {0};
    check_jurisdiction(req, &req->query, &e);
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }
    const char *base = base_url(req);
    json_t *endpoint = json_object();
    json_object_set_new(endpoint, "specification", json_string(O311_SPEC_URL));
    json_object_set_new(
        endpoint, "url",
        json_string(arena_printf(req->arena, "%s" OPEN311_BASE, base)));
    json_object_set_new(endpoint, "changeset",
                        iso_or_null(req, O311_CHANGESET));
    json_object_set_new(endpoint, "type", json_string("production"));
    json_object_set_new(endpoint, "formats",
                        json_pack("[s,s]", "text/xml", "application/json"));
    json_t *doc = json_object();
    json_object_set_new(doc, "changeset", iso_or_null(req, O311_CHANGESET));
    json_object_set_new(
        doc, "contact",
        json_string(arena_printf(
            req->arena,
            "Satu Pintu (%s): untuk pertanyaan teknis hubungi Diskominfo "
            "kabupaten. / For technical questions contact the regency's IT "
            "office (Diskominfo).",
            base)));
    json_object_set_new(
        doc, "key_service",
        json_string("Kunci API (api_key) untuk mengirim pengaduan diberikan "
                    "oleh administrator kabupaten. / API keys for filing "
                    "complaints are issued by the regency's administrator."));
    json_object_set_new(doc, "endpoints", json_pack("[o]", endpoint));
    answer(req, res, fmt, 200, doc, "discovery", NULL);
}

/* A category as an Open311 service. */
static json_t *service_json(const struct complaint_category *c, struct arena *a)
{
    json_t *s = json_object();
    json_object_set_new(s, "service_code", json_string(c->code));
    json_object_set_new(s, "service_name", json_string(c->name.id));
    json_object_set_new(
        s, "description",
        json_string(arena_printf(a, "Complaint: %s. Pengaduan: %s.", c->name.en,
                                 c->name.id)));
    json_object_set_new(s, "metadata", json_true());
    json_object_set_new(s, "type", json_string("realtime"));
    json_object_set_new(
        s, "keywords",
        json_string(arena_printf(a, "pengaduan, complaint, %s, %s", c->name.id,
                                 c->name.en)));
    json_object_set_new(s, "group", json_string("pengaduan"));
    return s;
}

void h_open311_services(struct request *req, struct response *res)
{
    enum o311_fmt fmt = path_fmt(req);
    struct o311_errors e = {0};
    check_jurisdiction(req, &req->query, &e);
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }
    struct complaint_category *cats = NULL;
    size_t n = 0;
    enum err rc = complaint_categories(req->db, req->arena, &cats, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, service_json(&cats[i], req->arena));
    answer(req, res, fmt, 200, list, "services", "service");
}

void h_open311_service(struct request *req, struct response *res)
{
    const char *code = NULL;
    enum o311_fmt fmt;
    if (!open_item(req, res, &code, &fmt))
        return;
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct office_filter f = {.level = -1, .service_points_only = true};
    enum err rc = complaint_categories(req->db, req->arena, &cats, &n_cats);
    if (rc == ERR_OK)
        rc = offices_list(req->db, req->arena, &f, &offices, &n_offices);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const struct complaint_category *cat = find_category(cats, n_cats, code);
    if (!cat) {
        fail(req, res, fmt, 404, "service_code tidak dikenal.",
             "Unknown service_code.");
        return;
    }
    const char *today = app_today(req);
    json_t *values = json_array();
    for (size_t i = 0; i < n_offices; i++)
        if (office_is_service_point(&offices[i], today))
            json_array_append_new(values,
                                  json_pack("{s:s,s:s}", "key", offices[i].code,
                                            "name", offices[i].name));
    json_t *office = json_object();
    json_object_set_new(office, "variable", json_true());
    json_object_set_new(office, "code", json_string("office"));
    json_object_set_new(office, "datatype", json_string("singlevaluelist"));
    json_object_set_new(office, "required", json_true());
    json_object_set_new(
        office, "datatype_description",
        json_string("Kode titik layanan. / The service point's code."));
    json_object_set_new(office, "order", json_integer(1));
    json_object_set_new(office, "description",
                        json_string("Kantor yang diadukan / The office the "
                                    "complaint is about"));
    json_object_set_new(office, "values", values);

    json_t *regno = json_object();
    json_object_set_new(regno, "variable", json_true());
    json_object_set_new(regno, "code", json_string("registration_no"));
    json_object_set_new(regno, "datatype", json_string("string"));
    json_object_set_new(regno, "required", json_false());
    json_object_set_new(regno, "datatype_description",
                        json_string("Nomor registrasi, mis. / A registration "
                                    "number, e.g. 26-009-00042-2"));
    json_object_set_new(regno, "order", json_integer(2));
    json_object_set_new(regno, "description",
                        json_string("Nomor registrasi permohonan yang terkait "
                                    "/ The related application's "
                                    "registration number"));

    json_t *doc = json_object();
    json_object_set_new(doc, "service_code", json_string(cat->code));
    json_object_set_new(doc, "attributes", json_pack("[o,o]", office, regno));
    answer(req, res, fmt, 200, doc, "service_definition", NULL);
}

/* ---- POST requests ------------------------------------------------- */

/*
 * A POST field from the form body, trimmed, or "". Never from the query
 * string: an api_key there would end up in proxies' and browsers' logs.
 */
static const char *field(struct request *req, const char *name)
{
    return params_str(&req->form, req->arena, name);
}

static size_t chars(const char *s)
{
    return utf8_length(s, strlen(s));
}

/* The answer to a POST that filed complaint number (also to a repeated
 * POST with the same Idempotency-Key). */
static void post_answer(struct request *req, struct response *res,
                        enum o311_fmt fmt, const char *number)
{
    struct arena *a = req->arena;
    struct complaint c;
    enum err rc = complaints_get(req->db, a, number, &c);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    char due[32];
    civil_format_iso(c.deadline_at, offset_min(req), due);
    const char *notice =
        req->lang == LANG_EN
            ? arena_printf(a,
                           "Complaint %s received; it will be verified by %s. "
                           "Tracking PIN: %s (give it to the complainant; it "
                           "is not shown again).",
                           c.number, due, c.pin)
            : arena_printf(a,
                           "Pengaduan %s diterima dan akan diverifikasi "
                           "paling lambat %s. PIN pelacakan: %s (berikan "
                           "kepada pelapor; tidak ditampilkan lagi).",
                           c.number, due, c.pin);
    json_t *one = json_object();
    json_object_set_new(one, "service_request_id", json_string(c.number));
    json_object_set_new(one, "token", json_string(c.token));
    json_object_set_new(one, "service_notice", json_string(notice));
    json_object_set_new(one, "account_id", json_null());
    answer(req, res, fmt, 200, json_pack("[o]", one), "service_requests",
           "request");
}

void h_open311_post_request(struct request *req, struct response *res)
{
    struct arena *a = req->arena;
    enum o311_fmt fmt = path_fmt(req);
    if (strncmp(req->content_type, "application/x-www-form-urlencoded", 33) !=
            0 &&
        req->body_len > 0) {
        fail(req, res, fmt, 400,
             "Kirim isian sebagai application/x-www-form-urlencoded.",
             "Send the fields as application/x-www-form-urlencoded.");
        return;
    }
    /* 1. The API key: nothing else is looked at without it. */
    const char *key = field(req, "api_key");
    struct user who;
    struct svc_ctx sc = app_svc(req);
    bool blocked = false;
    enum err rc = guard_addr_blocked(&sc, &blocked);
    if (rc == ERR_OK && blocked) {
        fail(req, res, fmt, 429,
             "Terlalu banyak percobaan yang salah dari alamat ini.",
             "Too many failed attempts from this address.");
        return;
    }
    if (rc == ERR_OK)
        rc = *key ? apikeys_lookup(req->db, a, key, req->now, &who)
                  : ERR_UNAUTH;
    if ((rc == ERR_UNAUTH || rc == ERR_NOT_FOUND) && *key &&
        guard_failed(&sc, NULL) != ERR_OK)
        rc = ERR_DB;
    if (rc == ERR_UNAUTH || rc == ERR_NOT_FOUND) {
        fail(req, res, fmt, 403,
             *key ? "api_key tidak dikenal atau sudah dicabut; pengaduan "
                    "tidak dibuat."
                  : "api_key wajib diisi untuk membuat pengaduan.",
             *key ? "The api_key is unknown or revoked; no request was "
                    "created."
                  : "An api_key is required to create a request.");
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* An integration's key acts for its user; a repeated request with the
     * same Idempotency-Key gets the first answer. */
    struct principal by = {.user_id = who.id,
                           .login = who.login,
                           .name = who.full_name,
                           .role = who.role,
                           .office_id = who.office_id,
                           .office_code = who.office_code,
                           .office_is_agency = who.office_is_agency};
    sc.who = &by;
    sc.via_api_key = true;
    sc.replay_scope = NULL;
    sc.replay_key = NULL;
    if (req->idempotency_key && *req->idempotency_key) {
        sc.replay_scope = arena_printf(a, "idem:%lld", (long long)who.id);
        sc.replay_key = req->idempotency_key;
    }
    const char *earlier = NULL;
    int64_t earlier_at = 0;
    rc = svc_replay_find(&sc, &earlier, &earlier_at);
    if (rc == ERR_OK) {
        post_answer(req, res, fmt, earlier);
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    const char *subject = arena_printf(a, "%lld", (long long)who.id);
    bool rate_ok = true;
    rc = complaint_rate_ok(&sc, "key", subject, &rate_ok);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (!rate_ok) {
        fail(req, res, fmt, 429,
             "Terlalu banyak pengaduan dari kunci API ini; coba lagi nanti.",
             "Too many requests from this API key; try again later.");
        return;
    }

    /* 2. Every field, with every error collected. */
    struct o311_errors e = {0};
    check_jurisdiction(req, &req->form, &e);
    if (!e.list)
        check_jurisdiction(req, &req->query, &e);
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    rc = complaint_categories(req->db, a, &cats, &n_cats);
    if (rc != ERR_OK) {
        json_decref(e.list);
        app_fail(req, res, rc);
        return;
    }
    const char *code = field(req, "service_code");
    if (!*code)
        err_add(req, &e, 400, "service_code wajib diisi.",
                "service_code is required.");
    else if (!find_category(cats, n_cats, code))
        err_add(req, &e, 400,
                "service_code tidak dikenal (lihat services.json).",
                "Unknown service_code (see services.json).");

    const char *office_code = field(req, "attribute[office]");
    struct office office;
    if (!*office_code) {
        err_add(req, &e, 400,
                "attribute[office] wajib diisi: kode kantor yang diadukan.",
                "attribute[office] is required: the code of the office the "
                "complaint is about.");
    } else {
        rc = offices_get(req->db, a, office_code, &office);
        if (rc != ERR_OK && rc != ERR_NOT_FOUND) {
            json_decref(e.list);
            app_fail(req, res, rc);
            return;
        }
        if (rc == ERR_NOT_FOUND ||
            !office_is_service_point(&office, app_today(req)))
            err_add(req, &e, 400,
                    "attribute[office] bukan titik layanan (lihat definisi "
                    "layanan).",
                    "attribute[office] is not a service point (see the "
                    "service definition).");
    }

    const char *text = params_text(&req->form, a, "description");
    size_t text_chars = chars(text);
    if (!*text)
        err_add(req, &e, 400, "description wajib diisi: isi pengaduan.",
                "description is required: the complaint.");
    else if (text_chars > COMPLAINT_TEXT_MAX)
        err_add(req, &e, 400,
                arena_printf(a,
                             "description terlalu panjang (%zu karakter, "
                             "maks. %d).",
                             text_chars, COMPLAINT_TEXT_MAX),
                arena_printf(a,
                             "description is too long (%zu characters, at "
                             "most %d).",
                             text_chars, COMPLAINT_TEXT_MAX));

    const char *regno_typed = field(req, "attribute[registration_no]");
    char *regno = NULL;
    if (*regno_typed) {
        regno = arena_alloc(a, REGNO_MAX);
        switch (regno_parse(regno_typed, regno)) {
        case REGNO_OK:
            break;
        case REGNO_BAD_CHECK:
            err_add(req, &e, 400,
                    "attribute[registration_no]: angka cek salah (salah "
                    "ketik?).",
                    "attribute[registration_no]: the check digit is wrong "
                    "(a typing error?).");
            break;
        case REGNO_MALFORMED:
            err_add(req, &e, 400,
                    "attribute[registration_no] bukan nomor registrasi, "
                    "mis. 26-009-00042-2.",
                    "attribute[registration_no] is not a registration "
                    "number, e.g. 26-009-00042-2.");
            break;
        }
    }

    const char *address = field(req, "address_string");
    if (chars(address) > O311_ADDRESS_MAX)
        err_add(req, &e, 400, "address_string terlalu panjang (maks. 500).",
                "address_string is too long (at most 500 characters).");

    const char *first = field(req, "first_name");
    const char *last = field(req, "last_name");
    const char *name = *first && *last ? arena_printf(a, "%s %s", first, last)
                                       : (*first ? first : last);
    if (chars(name) > O311_NAME_MAX)
        err_add(req, &e, 400, "Nama terlalu panjang (maks. 100 karakter).",
                "The name is too long (at most 100 characters).");
    const char *email = field(req, "email");
    const char *phone = field(req, "phone");
    if (*email && !contact_email_valid(email))
        err_add(req, &e, 400, "email tidak valid.", "email is not valid.");
    if (*phone &&
        (strlen(phone) > O311_PHONE_MAX || !contact_phone_valid(phone)))
        err_add(req, &e, 400, "phone: 8 sampai 15 angka (boleh diawali +).",
                "phone: 8 to 15 digits (may start with +).");
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }

    /* 3. File it. Without a name it is anonymous: no contact is kept. */
    struct complaint c;
    memset(&c, 0, sizeof(c));
    c.office_id = office.id;
    c.office_code = office.code;
    c.office_name = office.name;
    c.category = code;
    c.regno = regno;
    c.body = text;
    c.address = *address ? address : NULL;
    if (*name) {
        c.identity = CID_NAMED;
        c.name = name;
        if (*email && *phone)
            c.contact = arena_printf(a, "%s, %s", email, phone);
        else if (*email || *phone)
            c.contact = *email ? email : phone;
    } else {
        c.identity = CID_ANONYMOUS;
    }
    c.channel = "open311";
    rc = complaint_file(&sc, &office, &c, svc_actor(&sc), NULL, NULL, 0);
    if (rc == ERR_OK)
        rc = complaint_count_filed(&sc, "key", subject);
    if (rc == ERR_CONFLICT &&
        svc_replay_find(&sc, &earlier, &earlier_at) == ERR_OK) {
        post_answer(req, res, fmt, earlier);
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    post_answer(req, res, fmt, c.number);
}

/* ---- GET requests -------------------------------------------------- */

/*
 * What a complaint's Open311 form needs besides the complaint, taken from
 * the request once: a streamed listing builds entries after its handler
 * has returned, when the struct request is gone (request.h).
 */
struct o311_view {
    enum lang lang;                        /* the answer's language */
    int offset_min;                        /* the regency's zone */
    const char *base;                      /* base_url() */
    const struct complaint_category *cats; /* for the service names */
    size_t n_cats;                         /* entries in cats */
};

static struct o311_view view_of(struct request *req,
                                const struct complaint_category *cats,
                                size_t n_cats)
{
    struct o311_view v = {.lang = req->lang,
                          .offset_min = offset_min(req),
                          .base = base_url(req),
                          .cats = cats,
                          .n_cats = n_cats};
    return v;
}

/* A complaint as an Open311 request: no personal data (open311.h). */
static json_t *request_json(const struct o311_view *v, struct arena *a,
                            const struct complaint *c)
{
    const struct complaint_category *cat =
        find_category(v->cats, v->n_cats, c->category);
    const char *notes = c->public_answer && *c->public_answer
                            ? c->public_answer
                            : complaint_state_name(c->state, v->lang);
    const char *agency = c->referred_office_name && *c->referred_office_name
                             ? c->referred_office_name
                             : c->office_name;
    json_t *r = json_object();
    json_object_set_new(r, "service_request_id", json_string(c->number));
    json_object_set_new(r, "status",
                        json_string(complaint_open311_status(c->state)));
    json_object_set_new(r, "status_notes", json_string(notes));
    json_object_set_new(r, "service_name",
                        json_string(cat ? cat->name.id : c->category));
    json_object_set_new(r, "service_code", json_string(c->category));
    json_object_set_new(r, "description", json_string(c->body));
    json_object_set_new(r, "agency_responsible", json_string(agency));
    json_object_set_new(
        r, "service_notice",
        json_string(L(v->lang,
                      "Diverifikasi dalam 3 hari kerja, dijawab dalam 5 hari "
                      "kerja setelahnya.",
                      "Verified within 3 working days, answered within 5 "
                      "working days after that.")));
    json_object_set_new(r, "requested_datetime",
                        iso_at(v->offset_min, c->received_at));
    json_object_set_new(
        r, "updated_datetime",
        iso_at(v->offset_min, c->updated_at ? c->updated_at : c->received_at));
    json_object_set_new(r, "expected_datetime",
                        iso_at(v->offset_min, c->deadline_at));
    json_object_set_new(
        r, "address",
        json_string(c->address && *c->address ? c->address : c->office_name));
    json_object_set_new(r, "address_id", json_null());
    json_object_set_new(r, "zipcode", json_null());
    json_object_set_new(r, "lat", json_null());
    json_object_set_new(r, "long", json_null());
    json_object_set_new(
        r, "media_url",
        c->photo_id ? json_string(arena_printf(a, "%s/complaints/photo/%lld",
                                               v->base, (long long)c->photo_id))
                    : json_null());
    return r;
}

/* ---- The streamed listing ----------------------------------------------- */

/* Rows read per query: one batch. */
#define O311_BATCH 50
/* Bytes gathered before a piece is handed to the server. */
#define O311_PIECE_TARGET (64 * 1024)

/*
 * The listing: one query (complaints_list(), newest first) read in
 * batches by keyset pagination on (received_at, id): each batch asks for
 * the rows after the last one sent, so no row is sent twice or skipped,
 * however many share a second.
 */
struct o311_stream {
    struct db *db;                  /* the handler's thread's connection */
    struct o311_view view;          /* how to write an entry */
    enum o311_fmt fmt;              /* JSON or XML */
    struct complaint_filter f;      /* the query; after_* follow the rows */
    struct arena *arena;            /* the current batch's rows, or NULL */
    struct complaint *rows;         /* the current batch */
    size_t n, next;                 /* rows in it; the next one to send */
    bool exhausted;                 /* nothing after the current batch */
    size_t sent, max;               /* entries sent; at most this many */
    bool begun;                     /* the opening was written */
    struct open311_xml_stream *xml; /* the XML writer (fmt XML) */
};

/* Read the next batch (freeing the last one). */
static enum err listing_fill(struct o311_stream *st)
{
    arena_free(st->arena);
    st->arena = arena_new();
    st->rows = NULL;
    st->n = st->next = 0;
    size_t left = st->max - st->sent;
    st->f.limit = (int)(left < O311_BATCH ? left : O311_BATCH);
    enum err rc = complaints_list(st->db, st->arena, &st->f, &st->rows, &st->n);
    st->exhausted = rc != ERR_OK || st->n < (size_t)st->f.limit;
    return rc;
}

/* Append one entry to out in the stream's format. */
static enum err write_entry(struct o311_stream *st, const struct complaint *c,
                            struct arena *a, struct buf *out)
{
    json_t *r = request_json(&st->view, a, c);
    enum err rc = ERR_OK;
    if (st->fmt == O311_JSON) {
        char *text = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (!text)
            rc = ERR_INVALID;
        if (rc == ERR_OK && st->sent)
            rc = buf_putc(out, ',');
        if (rc == ERR_OK)
            rc = buf_puts(out, text);
        free(text);
    } else {
        rc = open311_xml_stream_item(st->xml, r, a, out);
    }
    json_decref(r);
    return rc;
}

/*
 * The producer (http_stream_fn): the opening, then entries newest first
 * until about O311_PIECE_TARGET bytes, then the closing after the last.
 * Runs in the handler's thread (request.h), and each batch is one
 * complete query, so nothing stays open between calls.
 */
static enum err listing_next(void *ctx, struct buf *out, bool *done)
{
    struct o311_stream *st = ctx;
    enum err rc = ERR_OK;
    if (!st->begun) {
        st->begun = true;
        if (st->fmt == O311_JSON)
            rc = buf_putc(out, '[');
        else
            rc = open311_xml_stream_begin("service_requests", "request",
                                          &st->xml);
    }
    while (rc == ERR_OK && out->len < O311_PIECE_TARGET) {
        if (st->next == st->n && !st->exhausted && st->sent < st->max)
            rc = listing_fill(st);
        if (rc != ERR_OK)
            break;
        if (st->next == st->n || st->sent == st->max) {
            rc = st->fmt == O311_JSON ? buf_puts(out, "]\n")
                                      : open311_xml_stream_end(st->xml, out);
            *done = true;
            break;
        }
        /* The entry's own text lives in the batch's arena. */
        const struct complaint *c = &st->rows[st->next++];
        rc = write_entry(st, c, st->arena, out);
        st->f.after_at = c->received_at;
        st->f.after_id = c->id;
        st->sent++;
    }
    return rc;
}

/* The stream's end (http_stream_end_fn): free what is not in the arena. */
static void listing_end(void *ctx)
{
    struct o311_stream *st = ctx;
    arena_free(st->arena);
    st->arena = NULL;
    open311_xml_stream_free(st->xml);
    st->xml = NULL;
}

/*
 * Answer the listing of f (or an empty one when empty): read the first
 * batch now, so a database that does not answer is still a proper error
 * status; then stream.
 */
static void listing_answer(struct request *req, struct response *res,
                           struct o311_stream *st,
                           const struct complaint_filter *f, bool empty)
{
    st->f = *f;
    st->f.newest_first = true;
    st->f.after_at = st->f.after_id = 0;
    st->exhausted = empty;
    if (!empty) {
        enum err rc = listing_fill(st);
        if (rc != ERR_OK) {
            listing_end(st);
            app_fail(req, res, rc);
            return;
        }
    }
    res->status = 200;
    res->content_type = st->fmt == O311_JSON ? "application/json; charset=utf-8"
                                             : "text/xml; charset=utf-8";
    res_stream(res, listing_next, listing_end, st);
}

void h_open311_requests(struct request *req, struct response *res)
{
    struct arena *a = req->arena;
    const struct params *q = &req->query;
    enum o311_fmt fmt = path_fmt(req);
    struct o311_errors e = {0};
    check_jurisdiction(req, q, &e);
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    enum err rc = complaint_categories(req->db, a, &cats, &n_cats);
    if (rc != ERR_OK) {
        json_decref(e.list);
        app_fail(req, res, rc);
        return;
    }
    struct o311_stream *st = arena_alloc(a, sizeof(*st));
    st->db = req->db;
    st->view = view_of(req, cats, n_cats);
    st->fmt = fmt;
    st->max = O311_MAX_RESULTS;
    const char *ids = params_str(q, a, "service_request_id");
    if (*ids) {
        /* A list of ids overrides every other parameter. */
        const char **numbers = NULL;
        size_t n_numbers = 0;
        if (!split_list(a, ids, O311_MAX_IDS, &numbers, &n_numbers))
            err_add(req, &e, 400,
                    "Terlalu banyak service_request_id (maks. 100).",
                    "Too many service_request_id values (at most 100).");
        if (e.list) {
            err_answer(req, res, fmt, &e);
            return;
        }
        struct complaint_filter f = {
            .state = -1, .numbers = numbers, .n_numbers = n_numbers};
        listing_answer(req, res, st, &f, n_numbers == 0);
        return;
    }
    /* Categories (NULL: all) and states asked for. */
    const char **codes = NULL;
    size_t n_codes = 0;
    const char *code_list = params_str(q, a, "service_code");
    if (!split_list(a, code_list, O311_MAX_CODES, &codes, &n_codes))
        err_add(req, &e, 400, "Terlalu banyak service_code.",
                "Too many service_code values.");
    size_t n_unique = 0;
    for (size_t i = 0; i < n_codes; i++) {
        if (!find_category(cats, n_cats, codes[i])) {
            err_add(
                req, &e, 400,
                arena_printf(a, "service_code tidak dikenal: %s.", codes[i]),
                arena_printf(a, "Unknown service_code: %s.", codes[i]));
            break;
        }
        /* A code named twice is queried once. */
        bool seen = false;
        for (size_t k = 0; k < n_unique; k++)
            seen |= strcmp(codes[k], codes[i]) == 0;
        if (!seen)
            codes[n_unique++] = codes[i];
    }
    n_codes = n_unique;
    const char **states = NULL;
    size_t n_states = 0;
    bool want_open = false, want_closed = false;
    if (!split_list(a, params_str(q, a, "status"), 8, &states, &n_states))
        err_add(req, &e, 400, "status harus open atau closed.",
                "status must be open or closed.");
    for (size_t i = 0; i < n_states; i++) {
        if (strcmp(states[i], "open") == 0)
            want_open = true;
        else if (strcmp(states[i], "closed") == 0)
            want_closed = true;
        else
            err_add(req, &e, 400, "status harus open atau closed.",
                    "status must be open or closed.");
    }
    if (!want_open && !want_closed)
        want_open = want_closed = true;

    const char *start_s = params_str(q, a, "start_date");
    const char *end_s = params_str(q, a, "end_date");
    int64_t start = 0, end = 0;
    bool bad_date = false;
    enum civil_iso start_ok =
        *start_s ? civil_check_iso(start_s, &start) : CIVIL_ISO_OK;
    enum civil_iso end_ok =
        *end_s ? civil_check_iso(end_s, &end) : CIVIL_ISO_OK;
    if (start_ok == CIVIL_ISO_MALFORMED) {
        bad_date = true;
        err_add(req, &e, 400,
                "start_date harus ISO 8601, mis. "
                "2026-03-02T00:00:00+07:00.",
                "start_date must be ISO 8601, e.g. "
                "2026-03-02T00:00:00+07:00.");
    }
    if (end_ok == CIVIL_ISO_MALFORMED) {
        bad_date = true;
        err_add(req, &e, 400,
                "end_date harus ISO 8601, mis. 2026-03-31T23:59:59+07:00.",
                "end_date must be ISO 8601, e.g. "
                "2026-03-31T23:59:59+07:00.");
    }
    if (start_ok == CIVIL_ISO_OUT_OF_RANGE || end_ok == CIVIL_ISO_OUT_OF_RANGE) {
        bad_date = true;
        err_add(req, &e, 400,
                "start_date dan end_date harus di antara tahun 0001 dan "
                "9999 (UTC).",
                "start_date and end_date must lie within the years 0001 "
                "to 9999 (UTC).");
    }
    /* The window: both ends inclusive, at most 90 days. */
    if (!bad_date && *start_s && *end_s && end < start)
        err_add(req, &e, 400, "end_date tidak boleh sebelum start_date.",
                "end_date must not be before start_date.");
    else if (!bad_date && *start_s && *end_s && end - start > O311_WINDOW_S)
        err_add(req, &e, 400,
                "Rentang start_date..end_date paling lama 90 hari.",
                "start_date..end_date may span at most 90 days.");
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }
    if (!*start_s && !*end_s) {
        end = req->now;
        start = end - O311_WINDOW_S;
    } else if (!*end_s) {
        end = start + O311_WINDOW_S;
    } else if (!*start_s) {
        start = end - O311_WINDOW_S;
    }
    /* Open is "not closed or rejected", closed is either of those two. */
    struct complaint_filter f = {.state = -1,
                                 .open_only = want_open && !want_closed,
                                 .closed_only = want_closed && !want_open,
                                 .categories = n_codes ? codes : NULL,
                                 .n_categories = n_codes,
                                 .from = start > 0 ? start : 1,
                                 .to = end + 1};
    listing_answer(req, res, st, &f, false);
}

void h_open311_request(struct request *req, struct response *res)
{
    const char *number = NULL;
    enum o311_fmt fmt;
    if (!open_item(req, res, &number, &fmt))
        return;
    struct complaint c;
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    enum err rc = complaints_get(req->db, req->arena, number, &c);
    if (rc == ERR_NOT_FOUND) {
        fail(req, res, fmt, 404, "service_request_id tidak ditemukan.",
             "The service_request_id was not found.");
        return;
    }
    if (rc == ERR_OK)
        rc = complaint_categories(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        fail_store(req, res, fmt, rc);
        return;
    }
    struct o311_view v = view_of(req, cats, n_cats);
    answer(req, res, fmt, 200,
           json_pack("[o]", request_json(&v, req->arena, &c)),
           "service_requests", "request");
}

void h_open311_token(struct request *req, struct response *res)
{
    const char *token = NULL;
    enum o311_fmt fmt;
    if (!open_item(req, res, &token, &fmt))
        return;
    struct svc_ctx sc = app_svc(req);
    struct track_result r;
    enum err rc = track_complaint_token(&sc, token, &r);
    if (rc != ERR_OK) {
        fail_store(req, res, fmt, rc);
        return;
    }
    if (r.outcome == TRACK_THROTTLED) {
        fail(req, res, fmt, 429,
             "Terlalu banyak percobaan yang salah dari alamat ini.",
             "Too many failed attempts from this address.");
        return;
    }
    if (r.outcome != TRACK_FOUND) {
        fail(req, res, fmt, 404, "Token tidak ditemukan.",
             "The token was not found.");
        return;
    }
    struct complaint c = r.complaint;
    answer(req, res, fmt, 200,
           json_pack("[{s:s,s:s}]", "service_request_id", c.number, "token",
                     c.token),
           "service_requests", "request");
}
