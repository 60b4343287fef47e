/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.c: the libmicrohttpd glue (see server.h).
 *
 * Security model of this layer:
 *   1. Every request body is capped (max_body): a declared Content-Length
 *      above the cap is refused with 413 before the body is read, and a
 *      body that grows past it is discarded and answered 413.
 *   2. The path handed on is the library's decoded path; routing is by
 *      exact table match, and static files are looked up by exact name, so
 *      no path reaches the file system unchecked.
 *   3. Every response carries a Content-Security-Policy without inline
 *      script or style, nosniff, frame denial and a strict referrer policy.
 *   4. Client addresses come from the socket; X-Forwarded-For and
 *      X-Forwarded-Proto are believed only with trust_proxy.
 *   5. Connections are limited in number, memory and idle time.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/utf8.h"

#define HTTP_CSP                                                               \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "             \
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "          \
    "base-uri 'none'; object-src 'none'"

struct http_server {
    struct MHD_Daemon *daemon; /* the library's daemon */
    struct http_options opt;   /* copy of the options */
    http_entry entry;          /* application entry */
    void *ctx;                 /* application context */
    int port;                  /* bound port */
};

/* Per-request state kept between the library's callbacks. */
struct conn_state {
    struct request req;    /* what the handler sees */
    struct buf body;       /* body collected so far */
    bool too_large;        /* body passed the cap */
    struct timespec start; /* arrival, for the log */
};

static enum http_method method_of(const char *m)
{
    if (strcmp(m, "GET") == 0)
        return HTTP_GET;
    if (strcmp(m, "HEAD") == 0)
        return HTTP_HEAD;
    if (strcmp(m, "POST") == 0)
        return HTTP_POST;
    return HTTP_OTHER;
}

static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
    (void)kind;
    struct request *req = cls;
    if (req->query.n_items >= PARAMS_MAX_ITEMS)
        return MHD_NO;
    const char *v = value ? value : "";
    size_t vlen = strlen(v);
    if (vlen > PARAMS_MAX_VALUE)
        vlen = PARAMS_MAX_VALUE;
    params_add(&req->query, req->arena,
               utf8_repair(req->arena, key, strlen(key)),
               utf8_repair(req->arena, v, vlen));
    return MHD_YES;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static void client_addr(struct MHD_Connection *c, struct request *req,
                        bool trust_proxy)
{
    char text[INET6_ADDRSTRLEN] = "unknown";
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET,
                      &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                      text, sizeof(text));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(
                AF_INET6,
                &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                text, sizeof(text));
    }
    req->remote_addr = arena_strdup(req->arena, text);
    if (trust_proxy) {
        const char *xff = header(c, "X-Forwarded-For");
        if (xff && *xff) {
            const char *comma = strchr(xff, ',');
            size_t n = comma ? (size_t)(comma - xff) : strlen(xff);
            if (n > 64)
                n = 64;
            req->remote_addr =
                utf8_repair(req->arena, xff, n); /* first hop: the client */
        }
        const char *proto = header(c, "X-Forwarded-Proto");
        req->tls = proto && strcmp(proto, "https") == 0;
    }
}

static struct conn_state *state_new(struct http_server *s,
                                    struct MHD_Connection *c, const char *url,
                                    const char *method)
{
    struct conn_state *st = xcalloc(1, sizeof(*st));
    clock_gettime(CLOCK_MONOTONIC, &st->start);
    buf_init(&st->body, s->opt.max_body);
    struct request *req = &st->req;
    req->arena = arena_new();
    req->method = method_of(method);
    req->method_name = arena_strdup(req->arena, method);
    req->path = utf8_repair(req->arena, url, strlen(url));
    req->now = (int64_t)time(NULL);
    crypto_random_hex(req->request_id, 8);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, req);
    const char *cookie = header(c, MHD_HTTP_HEADER_COOKIE);
    if (cookie)
        params_parse_cookies(&req->cookies, req->arena, cookie, strlen(cookie));
    const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
    req->content_type = arena_strdup(req->arena, ct ? ct : "");
    const char *auth = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
    req->authorization = auth ? arena_strdup(req->arena, auth) : NULL;
    const char *accept = header(c, MHD_HTTP_HEADER_ACCEPT);
    req->accept = arena_strdup(req->arena, accept ? accept : "");
    const char *host = header(c, MHD_HTTP_HEADER_HOST);
    req->host = utf8_repair(req->arena, host ? host : "",
                            host ? strnlen(host, 255) : 0);
    const char *idem = header(c, "Idempotency-Key");
    req->idempotency_key =
        idem ? utf8_repair(req->arena, idem, strnlen(idem, 255)) : NULL;
    const char *dev = header(c, "X-Satupintu-Device");
    req->device_token =
        dev ? utf8_repair(req->arena, dev, strnlen(dev, 255)) : NULL;
    client_addr(c, req, s->opt.trust_proxy);
    return st;
}

static void security_headers(struct MHD_Response *r)
{
    MHD_add_response_header(r, "Content-Security-Policy", HTTP_CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "Permissions-Policy",
                            "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
}

static enum MHD_Result send_response(struct MHD_Connection *c,
                                     struct conn_state *st,
                                     struct response *res)
{
    size_t len = 0;
    char *body = buf_steal(&res->body, &len);
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    security_headers(r);
    MHD_add_response_header(r, "X-Request-Id", st->req.request_id);
    if (res->content_type)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                                res->content_type);
    bool cache_set = false;
    for (size_t i = 0; i < res->n_headers; i++) {
        MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
        if (strcmp(res->headers[i].name, "Cache-Control") == 0)
            cache_set = true;
    }
    if (!cache_set)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - st->start.tv_sec) * 1e3 +
                (double)(end.tv_nsec - st->start.tv_nsec) / 1e6;
    log_info("%s %s %s %d %zu %.1fms %s", st->req.request_id,
             st->req.method_name, st->req.path, res->status, len, ms,
             st->req.remote_addr);
    return ok;
}

/* A plain-text answer the application never sees (413 before routing). */
static enum MHD_Result send_plain(struct MHD_Connection *c,
                                  struct conn_state *st, int status,
                                  const char *text)
{
    struct response res = {.status = status,
                           .content_type = "text/plain; charset=utf-8"};
    buf_init(&res.body, 4096);
    buf_puts(&res.body, text);
    return send_response(c, st, &res);
}

static const char too_large_text[] =
    "413 Permintaan terlalu besar / Request too large\n";

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct http_server *s = cls;
    struct conn_state *st = *con_cls;
    if (!st) {
        st = state_new(s, c, url, method);
        *con_cls = st;
        const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > s->opt.max_body) {
            st->too_large = true;
            return send_plain(c, st, 413, too_large_text);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!st->too_large &&
            buf_append(&st->body, upload_data, *upload_data_size) != ERR_OK)
            st->too_large = true;
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (st->too_large)
        return send_plain(c, st, 413, too_large_text);

    struct request *req = &st->req;
    req->body = arena_strndup(req->arena, buf_cstr(&st->body), st->body.len);
    req->body_len = st->body.len;
    buf_free(&st->body);
    struct response res = {.status = 200,
                           .content_type = "text/html; charset=utf-8"};
    buf_init(&res.body, HTTP_MAX_RESPONSE);
    if (req->method == HTTP_POST &&
        strncmp(req->content_type, "application/x-www-form-urlencoded", 33) ==
            0 &&
        params_parse_form(&req->form, req->arena, req->body, req->body_len) !=
            ERR_OK) {
        buf_free(&res.body);
        return send_plain(c, st, 413, too_large_text);
    }
    const char *boundary =
        req->method == HTTP_POST
            ? multipart_boundary(req->arena, req->content_type)
            : NULL;
    if (boundary) {
        enum err mrc = multipart_parse(req->arena, req->body, req->body_len,
                                       boundary, &req->form, &req->files);
        if (mrc == ERR_TOO_LARGE) {
            buf_free(&res.body);
            return send_plain(c, st, 413, too_large_text);
        }
        if (mrc != ERR_OK) {
            buf_free(&res.body);
            return send_plain(c, st, 400,
                              "400 Formulir rusak / Malformed form\n");
        }
    }
    s->entry(s->ctx, req, &res);
    if (res.body.overflow) {
        log_error("%s response over %u bytes", req->request_id,
                  HTTP_MAX_RESPONSE);
        buf_free(&res.body);
        return send_plain(c, st, 500,
                          "500 Jawaban terlalu besar / Response too large\n");
    }
    if (req->method == HTTP_HEAD)
        buf_reset(&res.body);
    return send_response(c, st, &res);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    struct conn_state *st = *con_cls;
    if (!st)
        return;
    buf_free(&st->body);
    arena_free(st->req.arena);
    free(st);
    *con_cls = NULL;
}

/* Parse "ADDR:PORT" or "[V6]:PORT" into a socket address. */
static bool parse_listen(const char *listen, struct sockaddr_storage *ss,
                         bool *v6)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    if (!colon)
        return false;
    size_t hn = (size_t)(colon - listen);
    if (hn >= sizeof(host))
        return false;
    memcpy(host, listen, hn);
    host[hn] = '\0';
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        return false;
    memset(ss, 0, sizeof(*ss));
    if (host[0] == '[' && hn > 2 && host[hn - 1] == ']') {
        host[hn - 1] = '\0';
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)(void *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        *v6 = true;
        return inet_pton(AF_INET6, host + 1, &a->sin6_addr) == 1;
    }
    struct sockaddr_in *a = (struct sockaddr_in *)(void *)ss;
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    *v6 = false;
    return inet_pton(AF_INET, hn ? host : "0.0.0.0", &a->sin_addr) == 1;
}

enum err http_server_start(const struct http_options *opt, http_entry entry,
                           void *ctx, struct http_server **out)
{
    struct sockaddr_storage ss;
    bool v6 = false;
    if (!parse_listen(opt->listen, &ss, &v6)) {
        log_error("http: cannot parse listen address '%s' (ADDR:PORT)",
                  opt->listen);
        return ERR_INVALID;
    }
    struct http_server *s = xcalloc(1, sizeof(*s));
    s->opt = *opt;
    s->entry = entry;
    s->ctx = ctx;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(opt->threads ? opt->threads : 4),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)0,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    if (!s->daemon) {
        log_error("http: cannot listen on %s", opt->listen);
        free(s);
        return ERR_IO;
    }
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : 0;
    *out = s;
    return ERR_OK;
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}

void http_server_stop(struct http_server *s, int grace_s)
{
    if (!s)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    for (int i = 0; i < grace_s * 20; i++) {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!di || di->num_connections == 0)
            break;
        usleep(50 * 1000);
    }
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    free(s);
}
