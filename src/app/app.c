/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * app.c: the application entry: database connection per thread, language,
 * authentication, error answers, audit (see app.h).
 */
#include "app/app.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/gzip.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/text.h"
#include "base/vcache.h"
#include "store/db.h"
#include "store/users.h"
#include "store/versions.h"
#include "svc/guard.h"

#define SESSION_COOKIE "sp_session"
#define ANON_CSRF_COOKIE "sp_csrf"
#define LANG_COOKIE "sp_lang"

/*
 * Each server thread's connection, opened on first use and closed by the
 * key's destructor when the thread ends.
 */
static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_thread_db(void *db)
{
    db_close(db);
}

static void make_db_key(void)
{
    if (pthread_key_create(&db_key, close_thread_db) != 0)
        abort();
}

static const struct router_hooks hooks;

static enum lang request_lang(struct request *req)
{
    enum lang l = LANG_ID;
    const char *q = params_get(&req->query, "lang");
    if (q && lang_parse(q, &l))
        return l;
    const char *c = req_cookie(req, LANG_COOKIE);
    if (c && lang_parse(c, &l))
        return l;
    return LANG_ID;
}

static void set_principal(struct request *req, const struct user *u)
{
    req->signed_in = true;
    req->who.user_id = u->id;
    req->who.login = u->login;
    req->who.name = u->full_name;
    req->who.role = u->role;
    req->who.office_id = u->office_id;
    req->who.office_code = u->office_code;
    req->who.office_is_agency = u->office_is_agency;
    req->must_change_password = u->must_change_password;
}

static void authenticate(struct request *req, bool allow_bearer)
{
    struct user u;
    const char *auth = req->authorization;
    if (auth && strncmp(auth, "Bearer ", 7) == 0) {
        /* A bearer key is checked wherever it is sent: an unknown or
         * revoked one is 401 (and counts as a failed secret for the
         * address); a valid one acts where the route takes keys and is
         * ignored elsewhere. */
        struct svc_ctx c = app_svc(req);
        enum err rc =
            apikeys_lookup(req->db, req->arena, auth + 7, req->now, &u);
        if (rc == ERR_UNAUTH || rc == ERR_NOT_FOUND) {
            /* Keys are 192 random bits; still, an address that keeps
             * sending wrong secrets is told to stop. */
            bool blocked = false;
            req->auth_failed = true;
            if (guard_failed(&c, NULL) != ERR_OK ||
                guard_addr_blocked(&c, &blocked) != ERR_OK)
                log_warn("%s could not count a failed key", req->request_id);
            req->auth_throttled = blocked;
            return;
        }
        if (rc != ERR_OK) {
            req->auth_unavailable = true; /* cannot tell: refuse (503) */
            return;
        }
        if (allow_bearer) {
            set_principal(req, &u);
            req->via_api_key = true;
            req->must_change_password = false;
        }
        return;
    }
    const char *token = req_cookie(req, SESSION_COOKIE);
    const char *csrf = NULL;
    enum err rc =
        token ? sessions_lookup(req->db, req->arena, token, req->now, &u, &csrf)
              : ERR_UNAUTH;
    if (rc == ERR_OK) {
        set_principal(req, &u);
        req->session_token = token;
        req->csrf_token = csrf;
        return;
    }
    if (rc != ERR_UNAUTH && rc != ERR_NOT_FOUND) {
        /* A session that cannot be checked is not "signed out": the
         * request is refused, not served to an anonymous visitor. */
        req->auth_unavailable = true;
        return;
    }
    /* Anonymous forms (sign-in) use a double-submit cookie. */
    const char *anon = req_cookie(req, ANON_CSRF_COOKIE);
    if (anon && strlen(anon) == 64)
        req->csrf_token = anon;
}

/* 503 while the database cannot be reached, with Retry-After. */
static void db_unavailable(struct request *req, struct response *res)
{
    res_header(req, res, "Retry-After", "5");
    app_error(req, res, 503, "database_unavailable",
              "Basis data tidak dapat dihubungi. Coba lagi sebentar lagi.",
              "The database cannot be reached. Try again shortly.");
}

enum http_pool app_pool_of(void *ctx, struct request *req)
{
    (void)ctx;
    const struct route *r = router_lookup(app_routes, app_n_routes, req);
    if (r && (r->flags & ROUTE_REPORT))
        return HTTP_POOL_REPORT;
    return req->method == HTTP_POST ? HTTP_POOL_WRITE : HTTP_POOL_CONN;
}

void app_handle(void *ctx, struct request *req, struct response *res)
{
    req->app = ctx;
    req->lang = request_lang(req);
    pthread_once(&db_key_once, make_db_key);
    struct db *thread_db = pthread_getspecific(db_key);
    if (!thread_db) {
        struct app *app = ctx;
        /* A report reads much at once: SQLite's default page cache
         * (2,000 KiB) for its threads, 1 MiB for the others. */
        db_sqlite_thread_cache(http_thread_pool() == HTTP_POOL_REPORT ? 2000
                                                                      : 0);
        if (db_open(app->db_url, &thread_db) != ERR_OK) {
            thread_db = NULL;
            metrics_db_unavailable();
            /* The metrics are served without the database: they tell
             * the monitoring that it is down. */
            if (strcmp(req->path, "/metrics") == 0) {
                router_dispatch(app_routes, app_n_routes, &hooks, req, res);
                return;
            }
            db_unavailable(req, res);
            return;
        }
        pthread_setspecific(db_key, thread_db);
    }
    req->db = thread_db;
    /* Reads come from one snapshot until the request writes; a GET or
     * HEAD reads the data versions once. */
    db_request_begin(req->db,
                     req->method == HTTP_GET || req->method == HTTP_HEAD);
    /* Fault injection, tests only (store/db.h): the request names how many
     * statements succeed before one fails; the answer says whether it did
     * and how many ran, so a test can walk every failure point. */
    int64_t fail_after = -1;
    bool inject = db_faults_enabled() && req->test_db_fail_after &&
                  str_to_int(req->test_db_fail_after, 0, 1000000, &fail_after);
    if (inject)
        db_fail_after(req->db, fail_after);
    router_dispatch(app_routes, app_n_routes, &hooks, req, res);
    if (inject) {
        res_header(req, res, "X-Test-Db-Fault",
                   db_fault_fired(req->db) ? "fired" : "not-reached");
        res_header(req, res, "X-Test-Db-Statements",
                   arena_printf(req->arena, "%lld",
                                (long long)db_fault_seen(req->db)));
        db_fail_after(req->db, -1);
    }
    /* No transaction outlives its request; deferred writes go now. */
    db_request_end(req->db);
    if (db_broken(thread_db)) {
        /* PostgreSQL went away during the request: an answer built on a
         * failed lookup (a 401 for a key that could not be checked, a
         * redirect to the sign-in page for a session that could not be
         * read, a 500) says so instead: 503, and the next request opens
         * a new connection. A 2xx stands: it was answered from what was
         * read or committed before the loss. */
        db_close(thread_db);
        pthread_setspecific(db_key, NULL);
        req->db = NULL;
        if (res->status >= 300 && !res->stream) {
            metrics_db_unavailable();
            res->n_headers = 0;
            db_unavailable(req, res);
        }
    }
}

const struct app *app_of(const struct request *req)
{
    return req->app;
}

int app_utc_offset(const struct request *req)
{
    return app_of(req)->utc_offset_min;
}

struct svc_ctx app_svc(const struct request *req)
{
    struct svc_ctx c = {.db = req->db,
                        .arena = req->arena,
                        .now = req->now,
                        .who = req->signed_in ? &req->who : NULL,
                        .via_api_key = req->via_api_key,
                        .addr = req->remote_addr,
                        .utc_offset_min = app_utc_offset(req),
                        .notify = app_of(req)->notify};
    const char *form_token = params_get(&req->form, "form_token");
    if (req->method == HTTP_POST && text_is_hex(form_token, 32)) {
        c.replay_scope = "form";
        c.replay_key = form_token;
    } else if (req->method == HTTP_POST && req->signed_in &&
               req->idempotency_key && *req->idempotency_key) {
        c.replay_scope =
            arena_printf(req->arena, "idem:%lld", (long long)req->who.user_id);
        c.replay_key = req->idempotency_key;
    }
    return c;
}

struct view app_view(struct request *req, struct response *res)
{
    struct view v = {0};
    v.out = &res->body;
    v.arena = req->arena;
    v.lang = req->lang;
    v.path = req->path;
    struct buf q;
    buf_init(&q, 8192);
    for (size_t i = 0; i < req->query.n_items; i++) {
        if (strcmp(req->query.items[i].name, "lang") == 0)
            continue;
        if (q.len)
            buf_putc(&q, '&');
        html_urlenc(&q, req->query.items[i].name);
        buf_putc(&q, '=');
        html_urlenc(&q, req->query.items[i].value);
    }
    v.query = arena_strdup(req->arena, buf_cstr(&q));
    buf_free(&q);
    v.signed_in = req->signed_in && !req->via_api_key;
    v.who = &req->who;
    v.csrf = req->csrf_token;
    v.request_id = req->request_id;
    v.utc_offset_min = app_utc_offset(req);
    char *token = arena_alloc(req->arena, 33);
    crypto_random_hex(token, 16);
    v.form_token = token;
    return v;
}

bool app_json_body(struct request *req, struct response *res, json_t **out)
{
    json_error_t e;
    *out = NULL;
    if (strncmp(req->content_type, "application/json", 16) != 0) {
        app_error(req, res, 415, "unsupported_media_type",
                  "Kirim JSON dengan Content-Type: application/json.",
                  "Send JSON with Content-Type: application/json.");
        return false;
    }
    *out = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &e);
    if (!*out || !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        app_error(req, res, 400, "invalid_json",
                  "Isi permintaan bukan objek JSON yang sah.",
                  "The request body is not a valid JSON object.");
        return false;
    }
    return true;
}

void app_json(struct request *req, struct response *res, int status,
              json_t *body)
{
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
    /* Reals with 12 significant digits: 93.9, not 93.900000000000006
     * (our reals are rates, indices and coordinates with at most 9). */
    char *text = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII |
                                      JSON_REAL_PRECISION(12));
    json_decref(body);
    if (!text) {
        /* A body that could not be built (a json_pack() that failed gives
         * NULL) is a fault, never an empty answer with the status meant
         * for a good one. */
        log_error("%s: JSON answer could not be built", req->request_id);
        res->status = 500;
        res->content_type = "text/plain; charset=utf-8";
        buf_reset(&res->body);
        buf_puts(&res->body, "500 Kesalahan server / Server error\n");
        return;
    }
    buf_puts(&res->body, text);
    buf_putc(&res->body, '\n');
    free(text);
}

void app_error(struct request *req, struct response *res, int status,
               const char *code, const char *msg_id, const char *msg_en)
{
    res->status = status;
    buf_reset(&res->body);
    if (req_wants_json(req)) {
        app_json(req, res, status,
                 json_pack("{s:{s:s,s:s,s:s}}", "error", "code", code,
                           "message", L(req->lang, msg_id, msg_en),
                           "request_id", req->request_id));
        return;
    }
    res->content_type = "text/html; charset=utf-8";
    struct view v = app_view(req, res);
    view_error_page(&v, status, L(req->lang, msg_id, msg_en));
}

static const struct router_hooks hooks = {
    .authenticate = authenticate,
    .error = app_error,
};

void app_fail(struct request *req, struct response *res, enum err rc)
{
    switch (rc) {
    case ERR_NOT_FOUND:
        app_error(req, res, 404, "not_found", "Data yang Anda cari tidak ada.",
                  "The record you asked for does not exist.");
        return;
    case ERR_CONFLICT:
        app_error(req, res, 409, "conflict",
                  "Data ini baru saja diubah atau sudah ada. Muat ulang lalu "
                  "coba lagi.",
                  "This record was just changed or already exists. Reload "
                  "and try again.");
        return;
    case ERR_BUSY:
        res_header(req, res, "Retry-After", "2");
        app_error(req, res, 503, "busy",
                  "Server sedang sibuk. Coba lagi sebentar lagi.",
                  "The server is busy. Try again shortly.");
        return;
    case ERR_DB:
        /* The database failed (logged by the driver): nothing was
         * written, since every unit of work is one transaction. */
        log_error("%s failed: %s", req->request_id, err_name(rc));
        res_header(req, res, "Retry-After", "5");
        app_error(req, res, 503, "database_unavailable",
                  "Basis data tidak dapat dihubungi. Coba lagi sebentar "
                  "lagi.",
                  "The database cannot be reached. Try again shortly.");
        return;
    case ERR_DENIED:
        app_error(req, res, 403, "forbidden",
                  "Data ini di luar wilayah kerja Anda.",
                  "This record is outside your office scope.");
        return;
    case ERR_TOO_LARGE:
        app_error(req, res, 413, "too_large", "Isian terlalu besar.",
                  "The input is too large.");
        return;
    case ERR_UNAUTH:
        app_error(req, res, 401, "unauthorized",
                  "Silakan masuk terlebih dahulu.", "Please sign in first.");
        return;
    case ERR_THROTTLED:
        app_error(req, res, 429, "too_many_requests",
                  "Terlalu banyak permintaan. Coba lagi nanti.",
                  "Too many requests. Try again later.");
        return;
    case ERR_INVALID:
        app_error(req, res, 400, "bad_request",
                  "Permintaan tidak dapat diproses.",
                  "The request cannot be processed.");
        return;
    default:
        log_error("%s failed: %s", req->request_id, err_name(rc));
        app_error(req, res, 500, "internal_error",
                  "Terjadi kesalahan di server. Sebutkan kode permintaan "
                  "ini kepada petugas TI.",
                  "Something went wrong on the server. Quote this request "
                  "id to the IT staff.");
        return;
    }
}

void app_json_field_errors(struct request *req, struct response *res,
                           const struct field_errors *fe)
{
    json_t *fields = json_array();
    for (size_t i = 0; i < fe->n_items; i++)
        json_array_append_new(
            fields,
            json_pack("{s:s,s:s,s:s}", "field", fe->items[i].field, "code",
                      fe->items[i].code, "message",
                      L(req->lang, fe->items[i].msg_id, fe->items[i].msg_en)));
    app_json(req, res, 422,
             json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code",
                       "validation_failed", "message",
                       L(req->lang, "Ada isian yang tidak valid.",
                         "Some fields are not valid."),
                       "request_id", req->request_id, "fields", fields));
}

enum err app_audit(struct request *req, const char *action, const char *entity,
                   const char *key, json_t *before, json_t *after)
{
    char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    /* An audit entry without the change it records is no entry: the
     * action fails with it. */
    enum err rc = (before && !b) || (after && !a) ? ERR_INTERNAL : ERR_OK;
    if (rc == ERR_OK)
        rc = audit_append(req->db, req->signed_in ? req->who.user_id : 0,
                          req->signed_in ? req->who.login : "anonymous", action,
                          entity, key, b, a, req->remote_addr, req->now);
    free(b);
    free(a);
    return rc;
}

const char *app_today(struct request *req)
{
    struct svc_ctx c = app_svc(req);
    return svc_today(&c);
}

/* A kept document: its type and bytes, and their gzip coding (gz NULL
 * when the coding would not be smaller). */
struct doc {
    const char *content_type;
    size_t len;
    const char *data;
    size_t gz_len;
    const char *gz;
};

/* Where a kept document goes, and in which coding. */
struct doc_out {
    struct response *res;
    bool want_gzip; /* the client accepts gzip */
    bool gzipped;   /* the body is gzip-coded */
};

static void doc_copy(struct arena *a, const void *src, void *out)
{
    (void)a;
    const struct doc *d = src;
    struct doc_out *o = out;
    struct response *res = o->res;
    o->gzipped = o->want_gzip && d->gz;
    res->content_type = d->content_type;
    buf_reset(&res->body);
    if (o->gzipped)
        buf_append(&res->body, d->gz, d->gz_len);
    else
        buf_append(&res->body, d->data, d->len);
    if (buf_status(&res->body) != ERR_OK)
        res->status = 500; /* cannot be: documents are far below the cap */
}

bool app_doc_cached(struct request *req, struct response *res,
                    struct app_doc *d)
{
    d->key = NULL;
    d->version = 0;
    d->rc = ERR_OK;
    const struct app *app = app_of(req);
    if (!app->docs || (req->signed_in && !req->via_api_key))
        return false;
    d->rc = data_version(req->db, DATA_CATALOGUE, &d->version);
    if (d->rc != ERR_OK) {
        app_fail(req, res, d->rc); /* answered: the database failed */
        return true;
    }
    struct buf k;
    buf_init(&k, 4096);
    buf_printf(&k, "%s|%s|%s|", lang_code(req->lang),
               req->via_api_key ? "key" : "-", app_today(req));
    html_urlenc(&k, req->path);
    buf_putc(&k, '?');
    for (size_t i = 0; i < req->query.n_items; i++) {
        if (strcmp(req->query.items[i].name, "lang") == 0)
            continue;
        html_urlenc(&k, req->query.items[i].name);
        buf_putc(&k, '=');
        html_urlenc(&k, req->query.items[i].value);
        buf_putc(&k, '&');
    }
    /* A long query (a search text) is answered, not kept. */
    if (k.len < 1024 && !k.overflow)
        d->key = arena_strdup(req->arena, buf_cstr(&k));
    buf_free(&k);
    if (!d->key)
        return false;
    res->status = 200;
    struct doc_out o = {res, gzip_accepted(req->accept_encoding), false};
    if (!vcache_get(app->docs, d->key, d->version, doc_copy, req->arena, &o))
        return false;
    /* A kept document answers in either coding: caches along the way
     * keep them apart. */
    res_header(req, res, "Vary", "Accept-Encoding");
    if (o.gzipped)
        res_header(req, res, "Content-Encoding", "gzip");
    return true;
}

void app_doc_keep(struct request *req, struct response *res,
                  const struct app_doc *d)
{
    const struct app *app = app_of(req);
    if (!d->key || !app->docs || res->status != 200 || res->n_headers ||
        db_in_tx(req->db))
        return;
    struct arena *own = arena_new();
    struct doc *doc = arena_alloc(own, sizeof(*doc));
    doc->content_type = arena_strdup(own, res->content_type);
    doc->len = res->body.len;
    char *data = arena_alloc(own, res->body.len + 1);
    if (res->body.len)
        memcpy(data, res->body.data, res->body.len);
    doc->data = data;
    /* The gzip coding, made once per document and version: the catalogue
     * in JSON is some 120 KiB, a tenth of that coded. Below 1 KiB it is
     * not worth a header. */
    size_t bytes = res->body.len;
    if (res->body.len >= 1024) {
        struct buf gz;
        buf_init(&gz, res->body.len + 1024);
        if (gzip_compress(res->body.data, res->body.len, &gz) == ERR_OK &&
            gz.len < res->body.len) {
            char *g = arena_alloc(own, gz.len + 1);
            memcpy(g, gz.data, gz.len);
            doc->gz = g;
            doc->gz_len = gz.len;
            bytes += gz.len;
        }
        buf_free(&gz);
    }
    vcache_put(app->docs, d->key, d->version, own, doc, bytes);
}
