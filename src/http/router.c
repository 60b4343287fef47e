/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* router.c: the dispatcher (see router.h). */
#include "http/router.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/html.h"

bool router_match(const char *pattern, const char *path, struct request *req)
{
    const char *p = pattern, *s = path;
    size_t nargs = 0;
    while (*p) {
        if (p[0] == '*' && p[1] == '\0')
            break;
        if (p[0] == '{' && p[1] == '}') {
            const char *end = strchr(s, '/');
            size_t n = end ? (size_t)(end - s) : strlen(s);
            if (n == 0 || nargs >= HTTP_MAX_PATH_ARGS)
                return false;
            if (req)
                req->path_args[nargs] = arena_strndup(req->arena, s, n);
            nargs++;
            s += n;
            p += 2;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (!(p[0] == '*' && p[1] == '\0') && *s)
        return false;
    if (req)
        req->n_path_args = nargs;
    return true;
}

/* The kinds of pattern segment, from the least specific to the most. */
enum seg_kind {
    SEG_END,     /* no more segments */
    SEG_REST,    /* a trailing "*": any rest */
    SEG_ARG,     /* "{}": any one segment */
    SEG_LITERAL, /* fixed text */
};

/*
 * The kind of the segment at *p (just after a '/'; NULL when the pattern
 * has no more), and *p moved to the next one.
 */
static enum seg_kind next_segment(const char **p)
{
    const char *s = *p;
    if (!s)
        return SEG_END;
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    *p = slash ? slash + 1 : NULL;
    if (!slash && n == 1 && s[0] == '*')
        return SEG_REST;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == '{' && s[i + 1] == '}')
            return SEG_ARG;
    return SEG_LITERAL;
}

int router_specificity_cmp(const char *a, const char *b)
{
    const char *pa = *a == '/' ? a + 1 : NULL;
    const char *pb = *b == '/' ? b + 1 : NULL;
    for (;;) {
        enum seg_kind ka = next_segment(&pa), kb = next_segment(&pb);
        if (ka != kb)
            return ka > kb ? 1 : -1;
        if (ka == SEG_END || ka == SEG_REST)
            return 0;
    }
}

static bool method_fits(enum http_method route, enum http_method got)
{
    return route == got || (route == HTTP_GET && got == HTTP_HEAD);
}

const struct route *router_lookup(const struct route *routes, size_t n,
                                  struct request *req)
{
    if (req->route_looked_up)
        return req->route_hit;
    const struct route *hit = NULL;
    for (size_t i = 0; i < n; i++)
        if (method_fits(routes[i].method, req->method) &&
            router_match(routes[i].pattern, req->path, NULL) &&
            (!hit ||
             router_specificity_cmp(routes[i].pattern, hit->pattern) > 0))
            hit = &routes[i];
    req->route_hit = hit;
    req->route_looked_up = true;
    return hit;
}

/* 405 with Allow when the path is some route's under another method,
 * else 404. */
static void no_route(const struct route *routes, size_t n,
                     const struct router_hooks *hooks, struct request *req,
                     struct response *res)
{
    struct buf allow;
    buf_init(&allow, 64);
    for (size_t i = 0; i < n; i++) {
        if (!router_match(routes[i].pattern, req->path, NULL))
            continue;
        const char *m = routes[i].method == HTTP_POST ? "POST" : "GET, HEAD";
        if (!strstr(buf_cstr(&allow), m)) {
            if (allow.len)
                buf_puts(&allow, ", ");
            buf_puts(&allow, m);
        }
    }
    if (allow.len) {
        res_header(req, res, "Allow", buf_cstr(&allow));
        hooks->error(req, res, 405, "method_not_allowed",
                     "Metode permintaan ini tidak diizinkan di alamat "
                     "ini.",
                     "This request method is not allowed here.");
    } else {
        hooks->error(req, res, 404, "not_found",
                     "Halaman atau data yang Anda cari tidak ada.",
                     "The page or record you asked for does not exist.");
    }
    buf_free(&allow);
}

void router_dispatch(const struct route *routes, size_t n,
                     const struct router_hooks *hooks, struct request *req,
                     struct response *res)
{
    /* The lookup made before (the server's question) is used once. */
    const struct route *hit = router_lookup(routes, n, req);
    req->route_looked_up = false;
    if (hit) {
        router_match(hit->pattern, req->path, req);
        req->route = (size_t)(hit - routes) + 1;
        req->route_pattern = hit->pattern;
    }
    /* A route that checks its own credentials (/metrics' token) is not
     * authenticated here: its bearer token is no API key. */
    if (!hit || !(hit->flags & ROUTE_OWN_AUTH))
        hooks->authenticate(req, hit && (hit->flags & ROUTE_BEARER));
    if (!hit) {
        no_route(routes, n, hooks, req, res);
        return;
    }
    if (req->auth_unavailable) {
        /* Who is asking is unknown: neither signed in nor anonymous. */
        res_header(req, res, "Retry-After", "5");
        hooks->error(req, res, 503, "database_unavailable",
                     "Basis data tidak dapat dihubungi. Coba lagi sebentar "
                     "lagi.",
                     "The database cannot be reached. Try again shortly.");
        return;
    }
    if (req->auth_failed && req->auth_throttled) {
        res_header(req, res, "Retry-After", "3600");
        hooks->error(req, res, 429, "too_many_attempts",
                     "Terlalu banyak percobaan yang salah dari alamat ini. "
                     "Coba lagi dalam satu jam.",
                     "Too many failed attempts from this address. Try again "
                     "in an hour.");
        return;
    }
    if (req->auth_failed) {
        res_header(req, res, "WWW-Authenticate", "Bearer");
        hooks->error(req, res, 401, "invalid_api_key",
                     "Kunci API tidak dikenal atau sudah dicabut.",
                     "The API key is unknown or has been revoked.");
        return;
    }
    if (hit->perm) {
        if (!req->signed_in) {
            if (!req_wants_json(req) && req->method != HTTP_POST) {
                struct buf next;
                buf_init(&next, 4096);
                buf_puts(&next, "/login?next=");
                html_urlenc(&next, req->path);
                res_redirect(req, res, buf_cstr(&next));
                buf_free(&next);
                return;
            }
            res_header(req, res, "WWW-Authenticate", "Bearer");
            hooks->error(req, res, 401, "unauthorized",
                         "Silakan masuk terlebih dahulu.",
                         "Please sign in first.");
            return;
        }
        if (req->must_change_password && !(hit->flags & ROUTE_ANY_PASSWORD)) {
            res_redirect(req, res, "/account/password");
            return;
        }
        if (!role_has(req->who.role, hit->perm)) {
            hooks->error(req, res, 403, "forbidden",
                         "Peran Anda tidak berwenang membuka halaman ini.",
                         "Your role is not allowed to open this page.");
            return;
        }
    }
    /* A bearer API key is not sent by browsers: no CSRF to defend. */
    if ((hit->flags & ROUTE_CSRF) && !req->via_api_key) {
        const char *sent = params_get(&req->form, "csrf");
        if (!req->csrf_token || !sent ||
            !crypto_str_equal(sent, req->csrf_token)) {
            hooks->error(req, res, 403, "csrf_failed",
                         "Formulir kedaluwarsa atau tidak sah. Muat ulang "
                         "halaman lalu kirim lagi.",
                         "The form has expired or is not valid. Reload the "
                         "page and send it again.");
            return;
        }
    }
    hit->handler(req, res);
}
