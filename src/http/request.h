/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * request.h: one HTTP request and its response, as the handlers see them.
 *
 * Everything a request allocates comes from req->arena, freed by the
 * server when the request completes; handlers and views never free. The
 * response body is a capped buffer the server hands to the HTTP library.
 * Nothing here includes <microhttpd.h>.
 */
#ifndef SP_HTTP_REQUEST_H
#define SP_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/multipart.h"
#include "base/params.h"
#include "core/lang.h"
#include "core/role.h"

struct arena;
struct db;

#define HTTP_MAX_HEADERS 24
#define HTTP_MAX_PATH_ARGS 4
#define HTTP_MAX_RESPONSE (8u * 1024 * 1024)
/* Most bytes one call of a stream's producer may append (res_stream()). */
#define HTTP_STREAM_PIECE (1024u * 1024)

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

struct route;

struct request {
    struct arena *arena;            /* owns everything below */
    enum http_method method;        /* request method */
    const char *method_name;        /* "GET", "POST", ... */
    const char *path;               /* decoded path, without the query */
    struct params query;            /* query string arguments */
    struct params form;             /* body fields (urlencoded or multipart) */
    struct uploads files;           /* files of a multipart body */
    struct params cookies;          /* Cookie header */
    const char *body;               /* raw body, NUL-terminated (arena) */
    size_t body_len;                /* bytes in body */
    const char *content_type;       /* Content-Type header, or "" */
    const char *authorization;      /* Authorization header, or NULL */
    const char *accept;             /* Accept header, or "" */
    const char *accept_encoding;    /* Accept-Encoding header, or NULL */
    const char *host;               /* Host header, or "" */
    const char *idempotency_key;    /* Idempotency-Key header, or NULL */
    const char *device_token;       /* X-Satupintu-Device header, or NULL */
    const char *test_db_fail_after; /* X-Test-Db-Fail-After header, or NULL
                                       (read only with fault injection on:
                                       store/db.h) */
    const char *signature;          /* X-Satupintu-Signature header, or NULL */
    const char *remote_addr;        /* client address (text) */
    bool tls;                       /* reached over HTTPS (via trusted proxy) */
    const char *path_args[HTTP_MAX_PATH_ARGS]; /* {} segments matched */
    size_t n_path_args;                        /* entries in path_args */
    char request_id[17]; /* random id, in logs and error pages */
    int64_t now;         /* Unix seconds at arrival */
    enum lang lang;      /* language of the answer */
    /* Set by authentication (see router.h): */
    bool signed_in;                /* a valid session or API key */
    bool via_api_key;              /* authenticated by a bearer API key */
    bool auth_failed;              /* credentials were sent but are not valid */
    bool auth_throttled;           /* ...and the address failed too often */
    bool auth_unavailable;         /* credentials could not be checked (the
                                      database failed): answered 503 */
    struct principal who;          /* who is acting, when signed_in */
    bool must_change_password;     /* the user has to set a new password */
    const char *csrf_token;        /* token forms must carry, or NULL */
    const char *session_token;     /* raw session cookie value, or NULL */
    size_t route;                  /* the matched route's index + 1, 0 when
                                      none (set by the router; metrics) */
    const struct route *route_hit; /* router_lookup()'s answer, kept so
                                      the table is searched once */
    bool route_looked_up;          /* route_hit is set */
    const char *route_pattern;     /* its pattern, or NULL (access log) */
    struct db *db;                 /* this thread's database connection */
    void *app;                     /* application context */
};

struct http_header {
    const char *name;  /* header name */
    const char *value; /* header value (arena) */
};

/*
 * A streamed body's producer: append the next piece of the body to out
 * (at most HTTP_STREAM_PIECE bytes; out starts empty) and return ERR_OK,
 * setting *done after the last piece. Any other return ends the
 * response at once: the connection is closed, so the client sees a
 * truncated (chunked) body, never a complete-looking wrong one.
 */
typedef enum err (*http_stream_fn)(void *ctx, struct buf *out, bool *done)
    __attribute__((warn_unused_result));
/* Called once when the stream is over, however it ended. */
typedef void (*http_stream_end_fn)(void *ctx);

struct response {
    int status;               /* HTTP status, 200 by default */
    const char *content_type; /* Content-Type */
    struct buf body;          /* body bytes (capped) */
    struct http_header headers[HTTP_MAX_HEADERS]; /* extra headers */
    size_t n_headers;                             /* entries in headers */
    http_stream_fn stream;         /* producer of a streamed body, or NULL */
    http_stream_end_fn stream_end; /* its clean-up, or NULL */
    void *stream_ctx;              /* their argument */
    bool stream_parks;             /* an empty piece parks the stream */
    uint64_t stream_topic;         /* what wakes it (http_server_wake()) */
};

/*
 * Answer with a body produced piece by piece instead of res->body, so an
 * answer of any length needs memory for one piece only (sent chunked).
 * The server calls fn(ctx, ...) after the headers, each time the client
 * can take more, and end(ctx) once at the end (also for HEAD, where fn is
 * never called, and when the client goes away).
 *
 * Lifetimes and threads: the request's arena lives until end() returns,
 * so ctx and what it points to may be allocated from req->arena; the
 * struct request itself must not be used after the handler returns. fn
 * runs in the worker thread that ran the handler (the server checks it
 * and ends the stream otherwise), between other requests of that thread,
 * so it may use that thread's database connection (req->db) as long as
 * it leaves no statement or transaction open between calls. end() may
 * run in another thread and must not touch the database.
 */
void res_stream(struct response *res, http_stream_fn fn, http_stream_end_fn end,
                void *ctx);
/*
 * A stream that waits for news (Server-Sent Events): as res_stream(),
 * but when fn appends nothing and does not set *done, the connection is
 * parked: taken out of the server's polling, holding no thread, until
 * http_server_wake() names topic (or wakes every topic), or at the
 * latest HTTP_PARK_MAX_S seconds later, so the producer can send a
 * keep-alive and a client that went away is noticed; then fn is called
 * again. A wake between fn's look at the news and the parking is never
 * lost: fn is called again instead of parking. When the server stops,
 * every such stream ends (the connection is closed after it).
 */
#define HTTP_PARK_MAX_S 15
void res_stream_parked(struct response *res, http_stream_fn fn,
                       http_stream_end_fn end, void *ctx, uint64_t topic);
/* Add a header (value copied into the request arena). */
void res_header(struct request *req, struct response *res, const char *name,
                const char *value);
/*
 * Set a cookie: HttpOnly, SameSite=Lax, Path=/, Secure when req->tls;
 * max_age seconds (0: session cookie, -1: delete it now).
 */
void res_cookie(struct request *req, struct response *res, const char *name,
                const char *value, int64_t max_age);
/* 303 See Other to a local path. */
void res_redirect(struct request *req, struct response *res,
                  const char *location);
/* True when location is a safe local path ("/..." but not "//..."). */
bool http_local_path(const char *location);
/* True when the client prefers JSON (API path or Accept header). */
bool req_wants_json(const struct request *req);
/* The value of cookie name, or NULL. */
const char *req_cookie(const struct request *req, const char *name);

#endif
