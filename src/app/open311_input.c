/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* open311_input.c: Open311 requests read and checked (open311_input.h). */
#include "app/open311_input.h"

#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/utf8.h"
#include "core/complaint.h"
#include "core/contact.h"
#include "core/office.h"
#include "core/regno.h"
#include "store/seed.h"
#include "views/open311.h"

#define MAX_IDS 100        /* service_request_id list entries */
#define MAX_CODES 64       /* service_code list entries */
#define MAX_STATES 8       /* status list entries */
#define NAME_MAX_CHARS 100 /* characters of first + last name */
#define ADDRESS_MAX 500    /* characters of address_string */
#define PHONE_MAX 32       /* bytes of phone */

_Static_assert(MAX_IDS <= COMPLAINT_LIST_NUMBERS,
               "the store's list takes every number a listing may name");
_Static_assert(MAX_CODES <= COMPLAINT_LIST_CATEGORIES,
               "the store's list takes every category a listing may name");

void open311_input_error(const struct request *req, struct open311_errors *e,
                         int code, const char *msg_id, const char *msg_en)
{
    if (!e->list)
        e->list = json_array();
    if (!e->status)
        e->status = code;
    json_array_append_new(e->list,
                          open311_error(code, L(req->lang, msg_id, msg_en)));
}

bool open311_input_split(struct arena *a, const char *seg, const char **name,
                         enum open311_format *fmt)
{
    const char *dot = strrchr(seg, '.');
    if (!dot || dot == seg)
        return false;
    if (strcmp(dot, ".json") == 0)
        *fmt = OPEN311_JSON;
    else if (strcmp(dot, ".xml") == 0)
        *fmt = OPEN311_XML;
    else
        return false;
    *name = arena_strndup(a, seg, (size_t)(dot - seg));
    return true;
}

enum open311_format open311_input_format(const struct request *req)
{
    size_t n = strlen(req->path);
    return n >= 5 && strcmp(req->path + n - 5, ".json") == 0 ? OPEN311_JSON
                                                             : OPEN311_XML;
}

enum err open311_input_jurisdiction(struct request *req, const struct params *p,
                                    struct open311_errors *e)
{
    const char *j = params_str(p, req->arena, "jurisdiction_id");
    if (!*j)
        return ERR_OK;
    const char *mine = NULL;
    enum err rc = seed_get_setting(req->db, req->arena, "regency_code", &mine);
    if (rc == ERR_NOT_FOUND)
        mine = NULL;
    else if (rc != ERR_OK)
        return rc;
    if (!mine || strcmp(j, mine) != 0)
        open311_input_error(
            req, e, 400,
            arena_printf(req->arena,
                         "jurisdiction_id tidak dikenal; endpoint ini "
                         "melayani %s.",
                         mine ? mine : "satu kabupaten"),
            arena_printf(req->arena,
                         "Unknown jurisdiction_id; this endpoint serves "
                         "%s.",
                         mine ? mine : "one regency"));
    return ERR_OK;
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

/* The categories asked for: known ones, each once (codes rewritten). */
static void listing_codes(struct request *req,
                          const struct complaint_category *cats, size_t n_cats,
                          struct complaint_filter *f, struct open311_errors *e)
{
    struct arena *a = req->arena;
    const char **codes = NULL;
    size_t n_codes = 0;
    const char *code_list = params_str(&req->query, a, "service_code");
    if (!split_list(a, code_list, MAX_CODES, &codes, &n_codes))
        open311_input_error(req, e, 400, "Terlalu banyak service_code.",
                            "Too many service_code values.");
    size_t n_unique = 0;
    for (size_t i = 0; i < n_codes; i++) {
        if (!open311_find_category(cats, n_cats, codes[i])) {
            open311_input_error(
                req, e, 400,
                arena_printf(a, "service_code tidak dikenal: %s.", codes[i]),
                arena_printf(a, "Unknown service_code: %s.", codes[i]));
            break;
        }
        bool seen = false;
        for (size_t k = 0; k < n_unique; k++)
            seen |= strcmp(codes[k], codes[i]) == 0;
        if (!seen)
            codes[n_unique++] = codes[i];
    }
    f->categories = n_unique ? codes : NULL;
    f->n_categories = n_unique;
}

/* status: open is "not closed or rejected", closed is either of those. */
static void listing_status(struct request *req, struct complaint_filter *f,
                           struct open311_errors *e)
{
    struct arena *a = req->arena;
    const char **states = NULL;
    size_t n_states = 0;
    bool want_open = false, want_closed = false;
    if (!split_list(a, params_str(&req->query, a, "status"), MAX_STATES,
                    &states, &n_states))
        open311_input_error(req, e, 400, "status harus open atau closed.",
                            "status must be open or closed.");
    for (size_t i = 0; i < n_states; i++) {
        if (strcmp(states[i], "open") == 0)
            want_open = true;
        else if (strcmp(states[i], "closed") == 0)
            want_closed = true;
        else
            open311_input_error(req, e, 400, "status harus open atau closed.",
                                "status must be open or closed.");
    }
    f->open_only = want_open && !want_closed;
    f->closed_only = want_closed && !want_open;
}

/* The window start_date..end_date, both ends inclusive, at most 90 days. */
static void listing_window(struct request *req, struct complaint_filter *f,
                           struct open311_errors *e)
{
    struct arena *a = req->arena;
    const char *start_s = params_str(&req->query, a, "start_date");
    const char *end_s = params_str(&req->query, a, "end_date");
    int64_t start = 0, end = 0;
    bool bad_date = false;
    enum civil_iso start_ok =
        *start_s ? civil_check_iso(start_s, &start) : CIVIL_ISO_OK;
    enum civil_iso end_ok =
        *end_s ? civil_check_iso(end_s, &end) : CIVIL_ISO_OK;
    if (start_ok == CIVIL_ISO_MALFORMED) {
        bad_date = true;
        open311_input_error(req, e, 400,
                            "start_date harus ISO 8601, mis. "
                            "2026-03-02T00:00:00+07:00.",
                            "start_date must be ISO 8601, e.g. "
                            "2026-03-02T00:00:00+07:00.");
    }
    if (end_ok == CIVIL_ISO_MALFORMED) {
        bad_date = true;
        open311_input_error(
            req, e, 400,
            "end_date harus ISO 8601, mis. 2026-03-31T23:59:59+07:00.",
            "end_date must be ISO 8601, e.g. "
            "2026-03-31T23:59:59+07:00.");
    }
    if (start_ok == CIVIL_ISO_OUT_OF_RANGE ||
        end_ok == CIVIL_ISO_OUT_OF_RANGE) {
        bad_date = true;
        open311_input_error(req, e, 400,
                            "start_date dan end_date harus di antara tahun "
                            "0001 dan 9999 (UTC).",
                            "start_date and end_date must lie within the "
                            "years 0001 to 9999 (UTC).");
    }
    if (!bad_date && *start_s && *end_s && end < start)
        open311_input_error(req, e, 400,
                            "end_date tidak boleh sebelum start_date.",
                            "end_date must not be before start_date.");
    else if (!bad_date && *start_s && *end_s && end - start > OPEN311_WINDOW_S)
        open311_input_error(req, e, 400,
                            "Rentang start_date..end_date paling lama 90 hari.",
                            "start_date..end_date may span at most 90 days.");
    if (!*start_s && !*end_s) {
        end = req->now;
        start = end - OPEN311_WINDOW_S;
    } else if (!*end_s) {
        end = start + OPEN311_WINDOW_S;
    } else if (!*start_s) {
        start = end - OPEN311_WINDOW_S;
    }
    f->from = start > 0 ? start : 1;
    f->to = end + 1;
}

void open311_input_listing(struct request *req,
                           const struct complaint_category *cats, size_t n_cats,
                           struct complaint_filter *f, bool *empty,
                           struct open311_errors *e)
{
    memset(f, 0, sizeof(*f));
    f->state = -1;
    *empty = false;
    const char *ids = params_str(&req->query, req->arena, "service_request_id");
    if (*ids) {
        const char **numbers = NULL;
        size_t n_numbers = 0;
        if (!split_list(req->arena, ids, MAX_IDS, &numbers, &n_numbers))
            open311_input_error(
                req, e, 400, "Terlalu banyak service_request_id (maks. 100).",
                "Too many service_request_id values (at most 100).");
        f->numbers = numbers;
        f->n_numbers = n_numbers;
        *empty = n_numbers == 0;
        return;
    }
    listing_codes(req, cats, n_cats, f, e);
    listing_status(req, f, e);
    listing_window(req, f, e);
}

/* A POST field from the form body, trimmed, or "". */
static const char *field(struct request *req, const char *name)
{
    return params_str(&req->form, req->arena, name);
}

static size_t chars(const char *s)
{
    return utf8_length(s, strlen(s));
}

/* attribute[registration_no]: NULL when absent, else checked (arena). */
static char *filing_regno(struct request *req, struct open311_errors *e)
{
    const char *typed = field(req, "attribute[registration_no]");
    if (!*typed)
        return NULL;
    char *regno = arena_alloc(req->arena, REGNO_MAX);
    switch (regno_parse(typed, regno)) {
    case REGNO_OK:
        break;
    case REGNO_BAD_CHECK:
        open311_input_error(req, e, 400,
                            "attribute[registration_no]: angka cek salah "
                            "(salah ketik?).",
                            "attribute[registration_no]: the check digit is "
                            "wrong (a typing error?).");
        break;
    case REGNO_MALFORMED:
        open311_input_error(req, e, 400,
                            "attribute[registration_no] bukan nomor "
                            "registrasi, mis. 26-009-00042-2.",
                            "attribute[registration_no] is not a "
                            "registration number, e.g. 26-009-00042-2.");
        break;
    }
    return regno;
}

/* The complainant: a name makes the complaint named, with its contact. */
static void filing_person(struct request *req, struct complaint *c,
                          struct open311_errors *e)
{
    struct arena *a = req->arena;
    const char *first = field(req, "first_name");
    const char *last = field(req, "last_name");
    const char *name = *first && *last ? arena_printf(a, "%s %s", first, last)
                                       : (*first ? first : last);
    if (chars(name) > NAME_MAX_CHARS)
        open311_input_error(req, e, 400,
                            "Nama terlalu panjang (maks. 100 karakter).",
                            "The name is too long (at most 100 characters).");
    const char *email = field(req, "email");
    const char *phone = field(req, "phone");
    if (*email && !contact_email_valid(email))
        open311_input_error(req, e, 400, "email tidak valid.",
                            "email is not valid.");
    if (*phone && (strlen(phone) > PHONE_MAX || !contact_phone_valid(phone)))
        open311_input_error(req, e, 400,
                            "phone: 8 sampai 15 angka (boleh diawali +).",
                            "phone: 8 to 15 digits (may start with +).");
    if (!*name) {
        c->identity = CID_ANONYMOUS; /* no contact is kept */
        return;
    }
    c->identity = CID_NAMED;
    c->name = name;
    if (*email && *phone)
        c->contact = arena_printf(a, "%s, %s", email, phone);
    else if (*email || *phone)
        c->contact = *email ? email : phone;
}

enum err open311_input_filing(struct request *req,
                              const struct complaint_category *cats,
                              size_t n_cats, struct complaint *c,
                              struct office *office, struct open311_errors *e)
{
    struct arena *a = req->arena;
    memset(c, 0, sizeof(*c));
    memset(office, 0, sizeof(*office));
    const char *code = field(req, "service_code");
    if (!*code)
        open311_input_error(req, e, 400, "service_code wajib diisi.",
                            "service_code is required.");
    else if (!open311_find_category(cats, n_cats, code))
        open311_input_error(req, e, 400,
                            "service_code tidak dikenal (lihat services.json).",
                            "Unknown service_code (see services.json).");

    const char *office_code = field(req, "attribute[office]");
    if (!*office_code) {
        open311_input_error(
            req, e, 400,
            "attribute[office] wajib diisi: kode kantor yang diadukan.",
            "attribute[office] is required: the code of the office the "
            "complaint is about.");
    } else {
        enum err rc = offices_get(req->db, a, office_code, office);
        if (rc != ERR_OK && rc != ERR_NOT_FOUND)
            return rc;
        if (rc == ERR_NOT_FOUND ||
            !office_is_service_point(office, app_today(req)))
            open311_input_error(
                req, e, 400,
                "attribute[office] bukan titik layanan (lihat definisi "
                "layanan).",
                "attribute[office] is not a service point (see the "
                "service definition).");
    }

    const char *text = params_text(&req->form, a, "description");
    size_t text_chars = chars(text);
    if (!*text)
        open311_input_error(req, e, 400,
                            "description wajib diisi: isi pengaduan.",
                            "description is required: the complaint.");
    else if (text_chars > COMPLAINT_TEXT_MAX)
        open311_input_error(req, e, 400,
                            arena_printf(a,
                                         "description terlalu panjang (%zu "
                                         "karakter, maks. %d).",
                                         text_chars, COMPLAINT_TEXT_MAX),
                            arena_printf(a,
                                         "description is too long (%zu "
                                         "characters, at most %d).",
                                         text_chars, COMPLAINT_TEXT_MAX));
    c->regno = filing_regno(req, e);
    const char *address = field(req, "address_string");
    if (chars(address) > ADDRESS_MAX)
        open311_input_error(
            req, e, 400, "address_string terlalu panjang (maks. 500).",
            "address_string is too long (at most 500 characters).");
    filing_person(req, c, e);
    c->office_id = office->id;
    c->office_code = office->code;
    c->office_name = office->name;
    c->category = code;
    c->body = text;
    c->address = *address ? address : NULL;
    c->channel = "open311";
    return ERR_OK;
}
