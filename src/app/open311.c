/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311.c: Open311 GeoReport v2 for complaints (see open311.h): the
 * handlers. What a request asks for is read and checked by
 * app/open311_input.c, the complaints come from one store query
 * (complaints_list()), and the documents are shaped by views/open311.c
 * and written as XML by views/open311_xml.c: each answer is built once
 * as a jansson value in the specification's JSON layout, then dumped as
 * JSON or written as XML, so the two formats say the same thing. The
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
#include "app/open311.h"

#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/open311_input.h"
#include "base/arena.h"
#include "base/log.h"
#include "store/complaints.h"
#include "store/offices.h"
#include "store/users.h"
#include "svc/complaints.h"
#include "svc/guard.h"
#include "svc/track.h"
#include "views/open311.h"
#include "views/open311_xml.h"

/* When this endpoint's behaviour last changed (discovery's changeset):
 * 2026-03-01T00:00:00Z. Bump it with every change clients can see. */
#define O311_CHANGESET 1772323200

/* ---- Answers and errors -------------------------------------------- */

/*
 * Answer doc (its reference is taken) with status in fmt: JSON as is, or
 * XML under root, a top-level array's entries named item.
 */
static void answer(struct request *req, struct response *res,
                   enum open311_format fmt, int status, json_t *doc,
                   const char *root, const char *item)
{
    if (fmt == OPEN311_JSON) {
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
        app_fail(req, res, rc == ERR_TOO_LARGE ? ERR_TOO_LARGE : ERR_INTERNAL);
    }
}

/* Answer the collected errors (and free them). */
static void err_answer(struct request *req, struct response *res,
                       enum open311_format fmt, struct open311_errors *e)
{
    answer(req, res, fmt, e->status, e->list, "errors", "error");
    e->list = NULL;
}

/* Answer one error. */
static void fail(struct request *req, struct response *res,
                 enum open311_format fmt, int code, const char *msg_id,
                 const char *msg_en)
{
    struct open311_errors e = {0};
    open311_input_error(req, &e, code, msg_id, msg_en);
    err_answer(req, res, fmt, &e);
}

/*
 * A failure in the specification's format: 404 for ERR_NOT_FOUND, 503
 * (with Retry-After) when the database failed or is busy, 413 for a cap,
 * 500 for anything else (logged). Frees the errors collected so far.
 */
static void fail_rc(struct request *req, struct response *res,
                    enum open311_format fmt, struct open311_errors *e,
                    enum err rc)
{
    json_decref(e->list);
    e->list = NULL;
    switch (rc) {
    case ERR_NOT_FOUND:
        fail(req, res, fmt, 404, "Data tidak ditemukan.",
             "The record was not found.");
        return;
    case ERR_DB:
    case ERR_BUSY:
        log_error("%s failed: %s", req->request_id, err_name(rc));
        res_header(req, res, "Retry-After", "5");
        fail(req, res, fmt, 503,
             "Basis data tidak dapat dihubungi. Coba lagi sebentar lagi.",
             "The database cannot be reached. Try again shortly.");
        return;
    case ERR_TOO_LARGE:
        fail(req, res, fmt, 413, "Isian terlalu besar.",
             "The input is too large.");
        return;
    default:
        log_error("%s failed: %s", req->request_id, err_name(rc));
        fail(req, res, fmt, 500, "Terjadi kesalahan di server.",
             "Something went wrong on the server.");
        return;
    }
}

/* The same without errors collected before. */
static void fail_err(struct request *req, struct response *res,
                     enum open311_format fmt, enum err rc)
{
    struct open311_errors e = {0};
    fail_rc(req, res, fmt, &e, rc);
}

/* The public base URL, e.g. "https://layanan.example.go.id" (arena). */
static const char *base_url(struct request *req)
{
    const struct app *app = app_of(req);
    if (app->public_url && *app->public_url)
        return app->public_url;
    return arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                        req->host && *req->host ? req->host : "localhost");
}

/* What the views need from the request (the categories may be NULL). */
static struct open311_view view_of(struct request *req,
                                   const struct complaint_category *cats,
                                   size_t n_cats)
{
    struct open311_view v = {.lang = req->lang,
                             .offset_min = app_utc_offset(req),
                             .base = base_url(req),
                             .cats = cats,
                             .n_cats = n_cats};
    return v;
}

/*
 * The prologue of every read: the format (from the fixed path, or split
 * from "<name>.<ext>" when name is not NULL) and jurisdiction_id. Answers
 * and returns false when either fails.
 */
static bool open_read(struct request *req, struct response *res,
                      const char **name, enum open311_format *fmt)
{
    *fmt = open311_input_format(req);
    if (name &&
        !open311_input_split(req->arena, req->path_args[0], name, fmt)) {
        fail(req, res, OPEN311_XML, 404,
             "Alamat tidak dikenal (pakai .xml/.json).",
             "Unknown address (use .xml or .json).");
        return false;
    }
    struct open311_errors e = {0};
    enum err rc = open311_input_jurisdiction(req, &req->query, &e);
    if (rc != ERR_OK) {
        fail_rc(req, res, *fmt, &e, rc);
        return false;
    }
    if (e.list) {
        err_answer(req, res, *fmt, &e);
        return false;
    }
    return true;
}

/* ---- Discovery and services ---------------------------------------- */

void h_open311_discovery(struct request *req, struct response *res)
{
    enum open311_format fmt;
    if (!open_read(req, res, NULL, &fmt))
        return;
    struct open311_view v = view_of(req, NULL, 0);
    const char *url = arena_printf(req->arena, "%s" OPEN311_BASE, v.base);
    answer(req, res, fmt, 200,
           open311_discovery(&v, req->arena, url, O311_CHANGESET), "discovery",
           NULL);
}

void h_open311_services(struct request *req, struct response *res)
{
    enum open311_format fmt;
    if (!open_read(req, res, NULL, &fmt))
        return;
    struct complaint_category *cats = NULL;
    size_t n = 0;
    enum err rc = complaint_categories(req->db, req->arena, &cats, &n);
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
        return;
    }
    struct open311_view v = view_of(req, cats, n);
    answer(req, res, fmt, 200, open311_services(&v, req->arena), "services",
           "service");
}

void h_open311_service(struct request *req, struct response *res)
{
    const char *code = NULL;
    enum open311_format fmt;
    if (!open_read(req, res, &code, &fmt))
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
        fail_err(req, res, fmt, rc);
        return;
    }
    const struct complaint_category *cat =
        open311_find_category(cats, n_cats, code);
    if (!cat) {
        fail(req, res, fmt, 404, "service_code tidak dikenal.",
             "Unknown service_code.");
        return;
    }
    answer(req, res, fmt, 200,
           open311_definition(cat, offices, n_offices, app_today(req)),
           "service_definition", NULL);
}

/* ---- POST requests ------------------------------------------------- */

/* The answer to a POST that filed c. */
static void post_answer(struct request *req, struct response *res,
                        enum open311_format fmt, const struct complaint *c)
{
    struct open311_view v = view_of(req, NULL, 0);
    answer(req, res, fmt, 200, open311_filed(&v, req->arena, c),
           "service_requests", "request");
}

/* The answer to a repeated POST (the same Idempotency-Key): the first
 * one's, the complaint read again by number. */
static void post_repeated(struct request *req, struct response *res,
                          enum open311_format fmt, const char *number)
{
    struct complaint c;
    enum err rc = complaints_get(req->db, req->arena, number, &c);
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
        return;
    }
    post_answer(req, res, fmt, &c);
}

/*
 * The API key of a POST (the api_key form field), nothing else looked at
 * without it: on success *who is its user. Answers and returns false when
 * the address is held back, the key is missing, unknown or revoked (a
 * wrong key counts against the address), or the database fails.
 */
static bool post_key(struct request *req, struct response *res,
                     enum open311_format fmt, struct svc_ctx *sc,
                     struct user *who)
{
    const char *key = params_str(&req->form, req->arena, "api_key");
    bool blocked = false;
    enum err rc = guard_addr_blocked(sc, &blocked);
    if (rc == ERR_OK && blocked) {
        fail(req, res, fmt, 429,
             "Terlalu banyak percobaan yang salah dari alamat ini.",
             "Too many failed attempts from this address.");
        return false;
    }
    if (rc == ERR_OK)
        rc = *key ? apikeys_lookup(req->db, req->arena, key, req->now, who)
                  : ERR_UNAUTH;
    if ((rc == ERR_UNAUTH || rc == ERR_NOT_FOUND) && *key &&
        guard_failed(sc, NULL) != ERR_OK)
        rc = ERR_DB;
    if (rc == ERR_UNAUTH || rc == ERR_NOT_FOUND) {
        fail(req, res, fmt, 403,
             *key ? "api_key tidak dikenal atau sudah dicabut; pengaduan "
                    "tidak dibuat."
                  : "api_key wajib diisi untuk membuat pengaduan.",
             *key ? "The api_key is unknown or revoked; no request was "
                    "created."
                  : "An api_key is required to create a request.");
        return false;
    }
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
        return false;
    }
    return true;
}

void h_open311_post_request(struct request *req, struct response *res)
{
    struct arena *a = req->arena;
    enum open311_format fmt = open311_input_format(req);
    if (strncmp(req->content_type, "application/x-www-form-urlencoded", 33) !=
            0 &&
        req->body_len > 0) {
        fail(req, res, fmt, 400,
             "Kirim isian sebagai application/x-www-form-urlencoded.",
             "Send the fields as application/x-www-form-urlencoded.");
        return;
    }
    /* 1. The API key: an integration's key acts for its user; a repeated
     * request with the same Idempotency-Key gets the first answer. */
    struct svc_ctx sc = app_svc(req);
    struct user who;
    if (!post_key(req, res, fmt, &sc, &who))
        return;
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
    enum err rc = svc_replay_find(&sc, &earlier, &earlier_at);
    if (rc == ERR_OK) {
        post_repeated(req, res, fmt, earlier);
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        fail_err(req, res, fmt, rc);
        return;
    }
    const char *subject = arena_printf(a, "%lld", (long long)who.id);
    bool rate_ok = true;
    rc = complaint_rate_ok(&sc, "key", subject, &rate_ok);
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
        return;
    }
    if (!rate_ok) {
        fail(req, res, fmt, 429,
             "Terlalu banyak pengaduan dari kunci API ini; coba lagi nanti.",
             "Too many requests from this API key; try again later.");
        return;
    }

    /* 2. Every field, with every error collected. */
    struct open311_errors e = {0};
    rc = open311_input_jurisdiction(req, &req->form, &e);
    if (rc == ERR_OK && !e.list)
        rc = open311_input_jurisdiction(req, &req->query, &e);
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    struct complaint c;
    struct office office;
    if (rc == ERR_OK)
        rc = complaint_categories(req->db, a, &cats, &n_cats);
    if (rc == ERR_OK)
        rc = open311_input_filing(req, cats, n_cats, &c, &office, &e);
    if (rc != ERR_OK) {
        fail_rc(req, res, fmt, &e, rc);
        return;
    }
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }

    /* 3. File it. */
    rc = complaint_file_notify(&sc, &office, &c, svc_actor(&sc), NULL, NULL, 0,
                               NULL, "key", subject);
    if (rc == ERR_CONFLICT &&
        svc_replay_find(&sc, &earlier, &earlier_at) == ERR_OK) {
        post_repeated(req, res, fmt, earlier);
        return;
    }
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
        return;
    }
    /* The answer comes from what was filed: nothing is read after the
     * commit, so a filed complaint is never answered as failed. */
    post_answer(req, res, fmt, &c);
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
    struct open311_view view;       /* how to write an entry */
    enum open311_format fmt;        /* JSON or XML */
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
static __attribute__((warn_unused_result)) enum err
listing_fill(struct o311_stream *st)
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
static __attribute__((warn_unused_result)) enum err
write_entry(struct o311_stream *st, const struct complaint *c, struct arena *a,
            struct buf *out)
{
    json_t *r = open311_request(&st->view, a, c);
    enum err rc = ERR_OK;
    if (st->fmt == OPEN311_JSON) {
        char *text = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (!text)
            rc = ERR_INTERNAL;
        if (rc == ERR_OK && st->sent)
            buf_putc(out, ',');
        if (rc == ERR_OK)
            buf_puts(out, text);
        free(text);
        if (rc == ERR_OK)
            rc = buf_status(out);
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
static __attribute__((warn_unused_result)) enum err
listing_next(void *ctx, struct buf *out, bool *done)
{
    struct o311_stream *st = ctx;
    enum err rc = ERR_OK;
    if (!st->begun) {
        st->begun = true;
        if (st->fmt == OPEN311_JSON)
            buf_putc(out, '[');
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
            if (st->fmt == OPEN311_JSON)
                buf_puts(out, "]\n");
            else
                rc = open311_xml_stream_end(st->xml, out);
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
    if (rc == ERR_OK)
        rc = buf_status(out);
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
            fail_err(req, res, st->fmt, rc);
            return;
        }
    }
    res->status = 200;
    res->content_type = st->fmt == OPEN311_JSON
                            ? "application/json; charset=utf-8"
                            : "text/xml; charset=utf-8";
    res_stream(res, listing_next, listing_end, st);
}

void h_open311_requests(struct request *req, struct response *res)
{
    /* Every problem of the query is answered at once. */
    enum open311_format fmt = open311_input_format(req);
    struct open311_errors e = {0};
    enum err rc = open311_input_jurisdiction(req, &req->query, &e);
    struct complaint_category *cats = NULL;
    size_t n_cats = 0;
    if (rc == ERR_OK)
        rc = complaint_categories(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        fail_rc(req, res, fmt, &e, rc);
        return;
    }
    struct complaint_filter f;
    bool empty = false;
    open311_input_listing(req, cats, n_cats, &f, &empty, &e);
    if (e.list) {
        err_answer(req, res, fmt, &e);
        return;
    }
    struct o311_stream *st = arena_alloc(req->arena, sizeof(*st));
    memset(st, 0, sizeof(*st));
    st->db = req->db;
    st->view = view_of(req, cats, n_cats);
    st->fmt = fmt;
    st->max = OPEN311_MAX_RESULTS;
    listing_answer(req, res, st, &f, empty);
}

void h_open311_request(struct request *req, struct response *res)
{
    const char *number = NULL;
    enum open311_format fmt;
    if (!open_read(req, res, &number, &fmt))
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
        fail_err(req, res, fmt, rc);
        return;
    }
    struct open311_view v = view_of(req, cats, n_cats);
    answer(req, res, fmt, 200,
           json_pack("[o]", open311_request(&v, req->arena, &c)),
           "service_requests", "request");
}

void h_open311_token(struct request *req, struct response *res)
{
    const char *token = NULL;
    enum open311_format fmt;
    if (!open_read(req, res, &token, &fmt))
        return;
    struct svc_ctx sc = app_svc(req);
    struct track_result r;
    enum err rc = track_complaint_token(&sc, token, &r);
    if (rc != ERR_OK) {
        fail_err(req, res, fmt, rc);
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
    answer(req, res, fmt, 200, open311_token(&r.complaint), "service_requests",
           "request");
}
