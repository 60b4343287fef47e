/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.c: the libmicrohttpd glue (see server.h).
 *
 * Security model of this layer:
 *   1. Every request body is capped (max_body; max_upload_body for a
 *      multipart/form-data body, a form with a phone photo): a declared
 *      Content-Length above the cap is refused with 413 before the body is
 *      read, and a body that grows past it is discarded and answered 413.
 *   2. The path handed on is the library's decoded path; routing is by
 *      exact table match, and static files are looked up by exact name, so
 *      no path reaches the file system unchecked.
 *   3. Every response carries a Content-Security-Policy without inline
 *      script or style, nosniff, frame denial and a strict referrer policy.
 *   4. Client addresses come from the socket; X-Forwarded-For and
 *      X-Forwarded-Proto are believed only with trust_proxy.
 *   5. Connections are limited in number (in all and per address), memory
 *      and idle time, and a connection must deliver its headers within
 *      header_timeout_s and its body within body_timeout_s plus one second
 *      per body_min_rate bytes: the reaper thread shuts down the socket of
 *      one that is late, however steadily it trickles bytes (the library's
 *      own timeout restarts with every byte).
 *   6. Request bodies in flight share one budget (body_budget): a declared
 *      Content-Length that does not fit what is left is answered 503 with
 *      Retry-After before the body is read, and a chunked body that grows
 *      past it is dropped and answered 503.
 *   7. Framing is unambiguous or refused: two Content-Length headers, a
 *      Transfer-Encoding with a Content-Length, a Transfer-Encoding other
 *      than "chunked", and an HTTP/1.1 request without exactly one Host
 *      header are answered 400 and the connection is closed, before any
 *      body is read, so no body can be taken for a second request.
 *   8. Query strings are never cut silently: more than PARAMS_MAX_ITEMS
 *      arguments or a value over PARAMS_MAX_VALUE bytes is 414.
 *   9. The listening socket is ours: a port already in use is an error
 *      unless reuse_port is set (then SO_REUSEPORT shares it on purpose).
 *  10. A stream that waits for news (Server-Sent Events) holds no thread:
 *      its connection is suspended (MHD_suspend_connection()) and kept on
 *      the parked list until http_server_wake() or HTTP_PARK_MAX_S; it
 *      still counts against the connection limits, and it ends when the
 *      server stops (every parked connection is resumed first, as the
 *      library requires before MHD_stop_daemon()).
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/utf8.h"

#define HTTP_CSP                                                               \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "             \
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "          \
    "base-uri 'none'; object-src 'none'"

/* Seconds a client is asked to wait after a 503 for lack of budget. */
#define BUSY_RETRY_AFTER "10"
/* How often the reaper looks for connections past their deadline. */
#define REAP_INTERVAL_MS 200
/* Bytes the library asks a stream for at most, per call (the library
 * keeps a buffer of this size with every response): a long listing, and
 * an event stream, whose events are small and which many hold open. */
#define STREAM_BLOCK (32u * 1024)
#define STREAM_BLOCK_PARKED (4u * 1024)

/* Where a connection is in its current request (for the reaper). */
enum conn_phase {
    PHASE_HEADERS, /* waiting for the request line and headers */
    PHASE_BODY,    /* headers in, body arriving */
    PHASE_ANSWER   /* request in: handling and answering (no deadline) */
};

/* One open connection, known from the library's connect notification. */
struct conn_track {
    struct conn_track *prev, *next; /* in http_server.conns */
    int fd;                         /* its socket */
    enum conn_phase phase;          /* see above */
    double since;                   /* monotonic seconds: phase began */
    size_t received;                /* body bytes so far (PHASE_BODY) */
    bool shut;                      /* the reaper shut the socket down */
};

struct stream;
struct http_server;
static void wake_parked(struct http_server *s, uint64_t topic, double max_age);

/* A pool of workers and the requests waiting for one. */
struct pool {
    struct http_server *srv;     /* the server */
    enum http_pool which;        /* which pool */
    pthread_mutex_t lock;        /* guards everything below */
    struct conn_state *head;     /* requests waiting, oldest first */
    struct conn_state *tail;     /* the newest */
    struct pool_worker *idle;    /* idle workers, the last idle on top */
    bool stop;                   /* the workers end once none waits */
    struct pool_worker *workers; /* n of them */
    unsigned n;                  /* started */
};

/*
 * One worker of a pool. Idle workers wait each on its own condition, on
 * a stack: a request wakes the one idle last, so that under a light load
 * the same few threads serve it (their caches warm) and a thread that is
 * never needed never opens a database connection — its memory is spent
 * only when that many requests come at once.
 */
struct pool_worker {
    struct pool *pool;
    pthread_t thread;
    pthread_cond_t cv;             /* woken from the idle stack, or stop */
    bool idle;                     /* on the idle stack */
    struct pool_worker *next_idle; /* below it on the stack */
};

struct http_server {
    struct MHD_Daemon *daemon; /* the library's daemon */
    struct http_options opt;   /* copy of the options */
    http_entry entry;          /* application entry */
    void *ctx;                 /* application context */
    int port;                  /* bound port */
    int listen_fd;             /* our listening socket */
    _Atomic size_t in_flight;  /* body bytes reserved by requests */
    atomic_bool running;       /* the daemon has started */
    pthread_mutex_t lock;      /* guards conns and stopping */
    pthread_cond_t wake;       /* wakes the reaper to stop */
    struct conn_track *conns;  /* every open connection */
    bool stopping;             /* the reaper should end */
    pthread_t reaper;          /* closes connections past deadline */
    /* Parked streams (res_stream_parked()): */
    pthread_mutex_t park_lock; /* guards the fields below; never held
                                  together with lock */
    struct stream *parked;     /* suspended streams, newest first */
    size_t n_parked;           /* entries in parked */
    bool closing_streams;      /* stopping: streams end, none parks */
    _Atomic uint64_t wake_gen; /* one more at every wake */
    /* The pools of workers, by enum http_pool (see server.h; the
     * connection's own thread, [HTTP_POOL_CONN], has none): */
    struct pool pools[HTTP_POOLS];
};

/* Per-request state kept between the library's callbacks. */
struct conn_state {
    struct http_server *srv; /* the server */
    struct request req;      /* what the handler sees */
    struct buf body;         /* body collected so far */
    size_t cap;              /* its cap (max_body or max_upload_body) */
    bool too_large;          /* body passed the cap */
    bool over_budget;        /* body did not fit the budget */
    bool query_too_long;     /* too many query arguments or a long value */
    bool cookies_refused;    /* the Cookie header passed the caps */
    size_t reserved;         /* bytes of the body budget held */
    struct timespec start;   /* arrival, for the log */
    double db_s;             /* seconds the handler spent in the database */
    /* A request handed to a pool's workers: */
    struct MHD_Connection *conn; /* its connection, suspended meanwhile */
    struct response res;         /* the answer the worker made */
    bool handed;                 /* given to the workers */
    _Atomic bool answered;       /* the worker's answer is in res */
    struct conn_state *job_next; /* in its pool's queue */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- The body budget ------------------------------------------------- */

/* Take n bytes of the budget; false (nothing taken) when they do not fit. */
static bool budget_take(struct http_server *s, size_t n)
{
    if (!s->opt.body_budget) {
        atomic_fetch_add(&s->in_flight, n);
        return true;
    }
    size_t cur = atomic_load(&s->in_flight);
    do {
        if (cur > s->opt.body_budget || n > s->opt.body_budget - cur)
            return false;
    } while (!atomic_compare_exchange_weak(&s->in_flight, &cur, cur + n));
    return true;
}

static void budget_give(struct http_server *s, size_t n)
{
    if (n)
        atomic_fetch_sub(&s->in_flight, n);
}

/* ---- Connection deadlines --------------------------------------------- */

static struct conn_track *track_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Move c's connection to phase p, starting its clock now. */
static void track_phase(struct http_server *s, struct MHD_Connection *c,
                        enum conn_phase p)
{
    struct conn_track *t = track_of(c);
    if (!t)
        return;
    pthread_mutex_lock(&s->lock);
    t->phase = p;
    t->since = now_s();
    t->received = 0;
    pthread_mutex_unlock(&s->lock);
}

static void track_received(struct http_server *s, struct MHD_Connection *c,
                           size_t n)
{
    struct conn_track *t = track_of(c);
    if (!t)
        return;
    pthread_mutex_lock(&s->lock);
    t->received += n;
    pthread_mutex_unlock(&s->lock);
}

static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct http_server *s = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn_track *t = xcalloc(1, sizeof(*t));
        t->fd = ci ? ci->connect_fd : -1;
        t->phase = PHASE_HEADERS;
        t->since = now_s();
        metrics_connection(1);
        pthread_mutex_lock(&s->lock);
        t->next = s->conns;
        if (s->conns)
            s->conns->prev = t;
        s->conns = t;
        pthread_mutex_unlock(&s->lock);
        *socket_context = t;
        return;
    }
    /* Closed: the library closes the socket only after this returns, so
     * the reaper (which holds the lock) never shuts down a reused fd. */
    struct conn_track *t = *socket_context;
    if (!t)
        return;
    metrics_connection(-1);
    pthread_mutex_lock(&s->lock);
    if (t->prev)
        t->prev->next = t->next;
    else
        s->conns = t->next;
    if (t->next)
        t->next->prev = t->prev;
    pthread_mutex_unlock(&s->lock);
    free(t);
    *socket_context = NULL;
}

/* True when t is past its phase's deadline at now (lock held). */
static bool past_deadline(const struct http_server *s,
                          const struct conn_track *t, double now)
{
    double allowed;
    if (t->phase == PHASE_HEADERS && s->opt.header_timeout_s)
        allowed = (double)s->opt.header_timeout_s;
    else if (t->phase == PHASE_BODY && s->opt.body_timeout_s)
        allowed = (double)s->opt.body_timeout_s +
                  (s->opt.body_min_rate
                       ? (double)t->received / (double)s->opt.body_min_rate
                       : 0.0);
    else
        return false;
    return now - t->since > allowed;
}

/*
 * The reaper: every REAP_INTERVAL_MS, shut down the socket of each
 * connection past its deadline. The library then sees the connection end
 * and closes it as usual (and notifies on_connection()).
 */
static void *reaper_main(void *arg)
{
    struct http_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += REAP_INTERVAL_MS * 1000L * 1000L;
        if (until.tv_nsec >= 1000L * 1000L * 1000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000L * 1000L * 1000L;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &until);
        if (s->stopping)
            break;
        double now = now_s();
        size_t headers = 0, bodies = 0;
        for (struct conn_track *t = s->conns; t; t = t->next) {
            if (t->shut || t->fd < 0 || !past_deadline(s, t, now))
                continue;
            shutdown(t->fd, SHUT_RDWR);
            t->shut = true;
            if (t->phase == PHASE_HEADERS)
                headers++;
            else
                bodies++;
        }
        pthread_mutex_unlock(&s->lock);
        metrics_throttled(METRICS_THROTTLE_SLOW_HEADERS, headers);
        metrics_throttled(METRICS_THROTTLE_SLOW_BODY, bodies);
        if (headers || bodies)
            log_info("http: closed %zu connections whose headers took over "
                     "%u s and %zu whose bodies were too slow",
                     headers, s->opt.header_timeout_s, bodies);
        /* Parked streams look at the world at least every
         * HTTP_PARK_MAX_S: a keep-alive, or a client that went away. */
        wake_parked(s, 0, (double)HTTP_PARK_MAX_S);
        pthread_mutex_lock(&s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* ---- Reading a request -------------------------------------------------- */

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

/* One query argument; past a cap, flag the request (414) and stop. */
static enum MHD_Result add_query(void *cls, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
    (void)kind;
    struct conn_state *st = cls;
    struct request *req = &st->req;
    const char *v = value ? value : "";
    size_t vlen = strlen(v);
    if (req->query.n_items >= PARAMS_MAX_ITEMS || vlen > PARAMS_MAX_VALUE ||
        strlen(key) > PARAMS_MAX_VALUE) {
        st->query_too_long = true;
        return MHD_NO;
    }
    params_add(&req->query, req->arena,
               utf8_repair(req->arena, key, strlen(key)),
               utf8_repair(req->arena, v, vlen));
    return MHD_YES;
}

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The headers that decide a request's framing, counted. */
struct framing {
    unsigned content_length;    /* Content-Length headers */
    unsigned transfer_encoding; /* Transfer-Encoding headers */
    unsigned host;              /* Host headers */
    bool chunked_only;          /* every Transfer-Encoding is "chunked" */
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind,
                                     const char *key, const char *value)
{
    (void)kind;
    struct framing *f = cls;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
        f->content_length++;
    else if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
        f->host++;
    else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        f->transfer_encoding++;
        if (!value || strcasecmp(value, "chunked") != 0)
            f->chunked_only = false;
    }
    return MHD_YES;
}

/*
 * True when the request's framing is unambiguous (RFC 9112 6.3): at most
 * one Content-Length, no Transfer-Encoding beside it, Transfer-Encoding
 * only as one "chunked", and exactly one Host in HTTP/1.1 (at most one
 * in HTTP/1.0).
 */
static bool framing_ok(struct MHD_Connection *c, const char *version)
{
    struct framing f = {.chunked_only = true};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
    if (f.content_length > 1 || f.transfer_encoding > 1)
        return false;
    if (f.transfer_encoding && (f.content_length || !f.chunked_only))
        return false;
    if (f.host > 1)
        return false;
    return f.host == 1 || strcmp(version, MHD_HTTP_VERSION_1_1) != 0;
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
    st->srv = s;
    clock_gettime(CLOCK_MONOTONIC, &st->start);
    const char *ctype = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
    st->cap = s->opt.max_body;
    if (ctype && strncasecmp(ctype, "multipart/form-data", 19) == 0 &&
        s->opt.max_upload_body > st->cap)
        st->cap = s->opt.max_upload_body;
    buf_init(&st->body, st->cap);
    struct request *req = &st->req;
    req->arena = arena_new();
    req->method = method_of(method);
    req->method_name = arena_strdup(req->arena, method);
    req->path = utf8_repair(req->arena, url, strlen(url));
    req->now = (int64_t)time(NULL);
    crypto_random_hex(req->request_id, 8);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query, st);
    const char *cookie = header(c, MHD_HTTP_HEADER_COOKIE);
    if (cookie && params_parse_cookies(&req->cookies, req->arena, cookie,
                                       strlen(cookie)) != ERR_OK)
        st->cookies_refused = true;
    const char *ct = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
    req->content_type = arena_strdup(req->arena, ct ? ct : "");
    const char *auth = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
    req->authorization = auth ? arena_strdup(req->arena, auth) : NULL;
    const char *accept = header(c, MHD_HTTP_HEADER_ACCEPT);
    req->accept = arena_strdup(req->arena, accept ? accept : "");
    const char *enc = header(c, MHD_HTTP_HEADER_ACCEPT_ENCODING);
    req->accept_encoding =
        enc ? arena_strndup(req->arena, enc, strnlen(enc, 255)) : NULL;
    const char *host = header(c, MHD_HTTP_HEADER_HOST);
    req->host = utf8_repair(req->arena, host ? host : "",
                            host ? strnlen(host, 255) : 0);
    const char *idem = header(c, "Idempotency-Key");
    req->idempotency_key =
        idem ? utf8_repair(req->arena, idem, strnlen(idem, 255)) : NULL;
    const char *fail = header(c, "X-Test-Db-Fail-After");
    req->test_db_fail_after =
        fail ? arena_strndup(req->arena, fail, strnlen(fail, 32)) : NULL;
    const char *dev = header(c, "X-Satupintu-Device");
    req->device_token =
        dev ? utf8_repair(req->arena, dev, strnlen(dev, 255)) : NULL;
    const char *sig = header(c, "X-Satupintu-Signature");
    req->signature =
        sig ? utf8_repair(req->arena, sig, strnlen(sig, 255)) : NULL;
    client_addr(c, req, s->opt.trust_proxy);
    return st;
}

/* ---- Answering ---------------------------------------------------------- */

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

/* The headers every answer carries, and the handler's own. */
static void add_headers(struct MHD_Response *r, const struct conn_state *st,
                        const struct response *res)
{
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
}

static double ms_since(const struct timespec *start)
{
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    return (double)(end.tv_sec - start->tv_sec) * 1e3 +
           (double)(end.tv_nsec - start->tv_nsec) / 1e6;
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
    add_headers(r, st, res);
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    double ms = ms_since(&st->start);
    metrics_request(st->req.route, res->status, ms / 1e3, st->db_s);
    log_access(&(struct log_access){.request_id = st->req.request_id,
                                    .method = st->req.method_name,
                                    .path = st->req.path,
                                    .route = st->req.route_pattern,
                                    .client = st->req.remote_addr,
                                    .status = res->status,
                                    .bytes = len,
                                    .ms = ms,
                                    .db_ms = st->db_s * 1e3});
    return ok;
}

/*
 * A plain-text answer the application never sees (before routing). With
 * close, the connection is closed after it (the body, if any, unread);
 * retry_after, when not NULL, is sent as Retry-After.
 */
static enum MHD_Result send_plain(struct MHD_Connection *c,
                                  struct conn_state *st, int status,
                                  const char *text, bool close,
                                  const char *retry_after)
{
    struct response res = {.status = status,
                           .content_type = "text/plain; charset=utf-8"};
    buf_init(&res.body, 4096);
    buf_puts(&res.body, text);
    if (close)
        res_header(&st->req, &res, MHD_HTTP_HEADER_CONNECTION, "close");
    if (retry_after)
        res_header(&st->req, &res, MHD_HTTP_HEADER_RETRY_AFTER, retry_after);
    return send_response(c, st, &res);
}

static const char too_large_text[] =
    "413 Permintaan terlalu besar / Request too large\n\n"
    "Foto paling besar 12 MB. Kembali ke halaman sebelumnya (tombol Kembali "
    "peramban): isian Anda masih ada; pilih foto yang lebih kecil.\n"
    "Photos of up to 12 MB. Go back to the previous page (the browser's Back "
    "button): what you typed is still there; choose a smaller photo.\n";
static const char busy_text[] =
    "503 Server sedang sibuk, coba lagi sebentar lagi / Server busy, try "
    "again shortly\n";
static const char malformed_text[] =
    "400 Permintaan rusak / Malformed request\n";
static const char uri_too_long_text[] =
    "414 Alamat terlalu panjang / URI too long\n";
static const char cookies_refused_text[] =
    "431 Cookie terlalu banyak atau terlalu panjang / Cookies too many or "
    "too long\n";

/* A streamed answer in flight (see res_stream() in request.h). */
struct stream {
    struct http_server *srv;              /* the server */
    struct MHD_Connection *conn;          /* its connection */
    bool parks;                           /* an empty piece parks it */
    uint64_t topic;                       /* what wakes it */
    bool parked;                          /* on srv->parked (park_lock) */
    double parked_at;                     /* monotonic seconds, when parked */
    struct stream *park_prev, *park_next; /* on srv->parked */
    http_stream_fn fn;                    /* the producer */
    http_stream_end_fn end;               /* its clean-up */
    void *ctx;                            /* their argument */
    struct arena *arena;   /* the request's arena, kept until the end */
    struct buf piece;      /* the piece being sent */
    size_t off;            /* bytes of piece already sent */
    bool done;             /* the producer gave its last piece */
    bool failed;           /* the producer or a check failed */
    pthread_t thread;      /* the worker thread that ran the handler */
    size_t total;          /* bytes sent */
    struct timespec start; /* arrival, for the log */
    int status;            /* for the log line */
    size_t route;          /* the route's slot, for the metrics */
    const char *pattern;   /* its pattern, for the log */
    double db_s;           /* database seconds of the handler */
    const char *id, *method, *path, *addr; /* for the log line (arena) */
};

/* Take sm off the parked list (park_lock held). */
static void unpark(struct http_server *s, struct stream *sm)
{
    if (sm->park_prev)
        sm->park_prev->park_next = sm->park_next;
    else
        s->parked = sm->park_next;
    if (sm->park_next)
        sm->park_next->park_prev = sm->park_prev;
    sm->park_prev = sm->park_next = NULL;
    sm->parked = false;
    s->n_parked--;
}

/*
 * Park sm (from its producer's thread, inside the content reader): true
 * when its connection is now suspended until a wake. False when a wake
 * came after the producer looked (gen is the count it saw then): call it
 * again. While the server stops, *ending is set instead.
 */
static bool park(struct stream *sm, uint64_t gen, bool *ending)
{
    struct http_server *s = sm->srv;
    pthread_mutex_lock(&s->park_lock);
    if (s->closing_streams) {
        pthread_mutex_unlock(&s->park_lock);
        *ending = true;
        return false;
    }
    if (atomic_load(&s->wake_gen) != gen) {
        pthread_mutex_unlock(&s->park_lock);
        return false;
    }
    /* Suspended under the lock, so a waker that finds it on the list
     * always resumes a suspended connection. */
    MHD_suspend_connection(sm->conn);
    sm->parked = true;
    sm->parked_at = now_s();
    sm->park_prev = NULL;
    sm->park_next = s->parked;
    if (s->parked)
        s->parked->park_prev = sm;
    s->parked = sm;
    s->n_parked++;
    pthread_mutex_unlock(&s->park_lock);
    buf_free(&sm->piece); /* nothing held while waiting */
    return true;
}

/* Resume the parked streams of topic (0: all), or those parked longer
 * than max_age seconds when max_age > 0. */
static void wake_parked(struct http_server *s, uint64_t topic, double max_age)
{
    pthread_mutex_lock(&s->park_lock);
    if (max_age <= 0)
        atomic_fetch_add(&s->wake_gen, 1);
    double now = now_s();
    struct stream *next = NULL;
    for (struct stream *sm = s->parked; sm; sm = next) {
        next = sm->park_next;
        bool due = max_age > 0 ? now - sm->parked_at >= max_age
                               : topic == 0 || sm->topic == topic;
        if (!due)
            continue;
        unpark(s, sm);
        MHD_resume_connection(sm->conn);
    }
    pthread_mutex_unlock(&s->park_lock);
}

void http_server_wake(struct http_server *s, uint64_t topic)
{
    if (s)
        wake_parked(s, topic, 0);
}

size_t http_server_parked(struct http_server *s)
{
    pthread_mutex_lock(&s->park_lock);
    size_t n = s->n_parked;
    pthread_mutex_unlock(&s->park_lock);
    return n;
}

static bool streams_closing(struct http_server *s)
{
    pthread_mutex_lock(&s->park_lock);
    bool closing = s->closing_streams;
    pthread_mutex_unlock(&s->park_lock);
    return closing;
}

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
    (void)pos;
    struct stream *sm = cls;
    if (!pthread_equal(sm->thread, pthread_self())) {
        /* Never expected with a thread pool (each connection stays with
         * the worker that accepted it); the producer may use that
         * worker's database connection, so refuse rather than share. */
        log_error("%s stream called from another thread", sm->id);
        sm->failed = true;
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    for (int calls = 0; sm->off == sm->piece.len; calls++) {
        if (sm->parks && !sm->done && streams_closing(sm->srv))
            sm->done = true; /* the server stops: end it here */
        if (sm->done)
            return MHD_CONTENT_READER_END_OF_STREAM;
        buf_reset(&sm->piece);
        sm->off = 0;
        uint64_t gen = atomic_load(&sm->srv->wake_gen);
        enum err rc =
            calls < 1000 ? sm->fn(sm->ctx, &sm->piece, &sm->done) : ERR_INVALID;
        if (rc == ERR_OK && sm->piece.overflow)
            rc = ERR_TOO_LARGE;
        if (rc != ERR_OK) {
            log_error("%s stream failed after %zu bytes: %s", sm->id, sm->total,
                      err_name(rc));
            sm->failed = true;
            return MHD_CONTENT_READER_END_WITH_ERROR;
        }
        if (sm->parks && !sm->done && sm->piece.len == 0) {
            bool ending = false;
            if (park(sm, gen, &ending))
                return 0; /* suspended: called again after a wake */
            if (ending)
                sm->done = true;
        }
    }
    size_t n = sm->piece.len - sm->off;
    if (n > max)
        n = max;
    memcpy(out, sm->piece.data + sm->off, n);
    sm->off += n;
    sm->total += n;
    return (ssize_t)n;
}

/* The library is done with the stream: log it, free everything. */
static void stream_free(void *cls)
{
    struct stream *sm = cls;
    if (sm->end)
        sm->end(sm->ctx);
    double ms = ms_since(&sm->start);
    metrics_request(sm->route, sm->status, ms / 1e3, sm->db_s);
    log_access(&(struct log_access){.request_id = sm->id,
                                    .method = sm->method,
                                    .path = sm->path,
                                    .route = sm->pattern,
                                    .client = sm->addr,
                                    .status = sm->status,
                                    .bytes = sm->total,
                                    .ms = ms,
                                    .db_ms = sm->db_s * 1e3,
                                    .cut = sm->failed || !sm->done});
    buf_free(&sm->piece);
    arena_free(sm->arena);
    free(sm);
}

/*
 * Queue res's stream. The request's arena moves to the stream, which
 * frees it when the library is done (on_completed() then finds none).
 */
static enum MHD_Result send_stream(struct MHD_Connection *c,
                                   struct conn_state *st, struct response *res)
{
    struct stream *sm = xcalloc(1, sizeof(*sm));
    sm->srv = st->srv;
    sm->conn = c;
    sm->parks = res->stream_parks;
    sm->topic = res->stream_topic;
    sm->fn = res->stream;
    sm->end = res->stream_end;
    sm->ctx = res->stream_ctx;
    sm->arena = st->req.arena;
    st->req.arena = NULL;
    buf_init(&sm->piece, HTTP_STREAM_PIECE);
    sm->thread = pthread_self();
    sm->start = st->start;
    sm->status = res->status;
    sm->route = st->req.route;
    sm->pattern = st->req.route_pattern;
    sm->db_s = st->db_s;
    sm->id = arena_strdup(sm->arena, st->req.request_id);
    sm->method = st->req.method_name;
    sm->path = st->req.path;
    sm->addr = st->req.remote_addr;
    struct MHD_Response *r = MHD_create_response_from_callback(
        MHD_SIZE_UNKNOWN, sm->parks ? STREAM_BLOCK_PARKED : STREAM_BLOCK,
        stream_read, sm, stream_free);
    if (!r) {
        sm->failed = true;
        stream_free(sm);
        return MHD_NO;
    }
    add_headers(r, st, res);
    if (sm->parks) /* a long wait ends with the connection */
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

/*
 * The first call for a request, its headers read: refuse what must not
 * be read further, reserve the body's share of the budget.
 */
static enum MHD_Result on_headers(struct http_server *s,
                                  struct MHD_Connection *c,
                                  struct conn_state *st, const char *version)
{
    if (!framing_ok(c, version)) {
        track_phase(s, c, PHASE_ANSWER);
        return send_plain(c, st, 400, malformed_text, true, NULL);
    }
    if (st->query_too_long) {
        track_phase(s, c, PHASE_ANSWER);
        return send_plain(c, st, 414, uri_too_long_text, true, NULL);
    }
    if (st->cookies_refused) {
        track_phase(s, c, PHASE_ANSWER);
        return send_plain(c, st, 431, cookies_refused_text, true, NULL);
    }
    const char *cl = header(c, MHD_HTTP_HEADER_CONTENT_LENGTH);
    unsigned long long declared = cl ? strtoull(cl, NULL, 10) : 0;
    if (declared > st->cap) {
        st->too_large = true;
        track_phase(s, c, PHASE_ANSWER);
        return send_plain(c, st, 413, too_large_text, true, NULL);
    }
    if (declared && !budget_take(s, (size_t)declared)) {
        st->over_budget = true;
        track_phase(s, c, PHASE_ANSWER);
        metrics_throttled(METRICS_THROTTLE_BODY_BUDGET, 1);
        log_warn("%s body of %llu bytes refused: %zu of %zu bytes of bodies "
                 "in flight",
                 st->req.request_id, declared, atomic_load(&s->in_flight),
                 s->opt.body_budget);
        return send_plain(c, st, 503, busy_text, true, BUSY_RETRY_AFTER);
    }
    st->reserved = (size_t)declared;
    track_phase(s, c, PHASE_BODY);
    return MHD_YES;
}

/* A piece of the body: keep it while it fits the cap and the budget. */
static void on_body(struct http_server *s, struct MHD_Connection *c,
                    struct conn_state *st, const char *data, size_t n)
{
    /* Once refused, the rest is read and dropped, and earns no more time
     * (so a refused chunked body cannot keep its connection forever). */
    if (st->too_large || st->over_budget)
        return;
    track_received(s, c, n);
    buf_append(&st->body, data, n);
    if (buf_status(&st->body) != ERR_OK) {
        st->too_large = true;
        buf_free(&st->body);
        return;
    }
    /* A chunked body has no declared length: take budget as it grows. */
    if (st->body.len > st->reserved) {
        size_t more = st->body.len - st->reserved;
        if (!budget_take(s, more)) {
            st->over_budget = true;
            buf_free(&st->body);
            return;
        }
        st->reserved += more;
    }
}

static enum MHD_Result respond(struct MHD_Connection *c, struct conn_state *st,
                               const struct response *res_in);
static bool pool_hand(struct pool *p, struct conn_state *st,
                      struct MHD_Connection *c, const struct response *res);

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_server *s = cls;
    struct conn_state *st = *con_cls;
    if (!st) {
        st = state_new(s, c, url, method);
        *con_cls = st;
        return on_headers(s, c, st, version);
    }
    if (*upload_data_size) {
        on_body(s, c, st, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    /* A request a pool's workers answered (the connection was resumed). */
    if (st->handed) {
        if (!atomic_load(&st->answered))
            return MHD_YES;
        return respond(c, st, &st->res);
    }
    track_phase(s, c, PHASE_ANSWER);
    if (st->too_large)
        return send_plain(c, st, 413, too_large_text, true, NULL);
    if (st->over_budget) {
        metrics_throttled(METRICS_THROTTLE_BODY_BUDGET, 1);
        return send_plain(c, st, 503, busy_text, true, BUSY_RETRY_AFTER);
    }

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
        return send_plain(c, st, 413, too_large_text, false, NULL);
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
            return send_plain(c, st, 413, too_large_text, false, NULL);
        }
        if (mrc != ERR_OK) {
            buf_free(&res.body);
            return send_plain(c, st, 400,
                              "400 Formulir rusak / Malformed form\n", false,
                              NULL);
        }
    }
    /* A report or a write goes to its pool's workers: this thread serves
     * its other connections meanwhile, and the pool's requests wait for
     * a worker in the order they came (no connection waits behind
     * another's report or another's COMMIT). */
    enum http_pool which =
        s->opt.pool_of ? s->opt.pool_of(s->ctx, req) : HTTP_POOL_CONN;
    if (which != HTTP_POOL_CONN && which < HTTP_POOLS &&
        pool_hand(&s->pools[which], st, c, &res))
        return MHD_YES;
    (void)metrics_db_thread_take(); /* what came before is not its */
    s->entry(s->ctx, req, &res);
    st->db_s = metrics_db_thread_take();
    return respond(c, st, &res);
}

/* Send what the handler made (res) for st's request. */
static enum MHD_Result respond(struct MHD_Connection *c, struct conn_state *st,
                               const struct response *res_in)
{
    struct request *req = &st->req;
    struct response res = *res_in;
    if (res.stream && st->handed) {
        /* A pool's worker made it: its producer would run in this thread
         * with the worker's database connection (server.h). */
        log_error("%s a stream answered by a pool's worker: refused",
                  req->request_id);
        if (res.stream_end)
            res.stream_end(res.stream_ctx);
        buf_free(&res.body);
        return send_plain(c, st, 500, "500 Kesalahan server / Server error\n",
                          false, NULL);
    }
    if (res.stream) {
        buf_free(&res.body);
        if (req->method != HTTP_HEAD)
            return send_stream(c, st, &res);
        /* HEAD: the headers only; the producer is never called. */
        if (res.stream_end)
            res.stream_end(res.stream_ctx);
        buf_init(&res.body, HTTP_MAX_RESPONSE);
        return send_response(c, st, &res);
    }
    if (res.body.overflow) {
        log_error("%s response over %u bytes", req->request_id,
                  HTTP_MAX_RESPONSE);
        buf_free(&res.body);
        return send_plain(c, st, 500,
                          "500 Jawaban terlalu besar / Response too large\n",
                          false, NULL);
    }
    if (req->method == HTTP_HEAD)
        buf_reset(&res.body);
    return send_response(c, st, &res);
}

/* ---- Pools of workers ---------------------------------------------------- */

static _Thread_local enum http_pool thread_pool = HTTP_POOL_CONN;

enum http_pool http_thread_pool(void)
{
    return thread_pool;
}

static enum metrics_pool metrics_pool_of(enum http_pool which)
{
    return which == HTTP_POOL_WRITE ? METRICS_POOL_WRITE : METRICS_POOL_REPORT;
}

/*
 * Hand st's request (its answer so far in res) to p's workers: the
 * connection is suspended and the request queued. False when the pool has
 * no workers or has stopped (the server is stopping): the caller handles
 * it in the connection's thread then, so that no request is queued where
 * no worker will take it (libmicrohttpd cannot stop with a suspended
 * connection).
 */
static bool pool_hand(struct pool *p, struct conn_state *st,
                      struct MHD_Connection *c, const struct response *res)
{
    pthread_mutex_lock(&p->lock);
    if (p->stop || !p->n) { /* n is not read once stopping */
        pthread_mutex_unlock(&p->lock);
        return false;
    }
    st->res = *res;
    st->conn = c;
    st->handed = true;
    MHD_suspend_connection(c);
    st->job_next = NULL;
    if (p->tail)
        p->tail->job_next = st;
    else
        p->head = st;
    p->tail = st;
    metrics_pool(metrics_pool_of(p->which), 1, 0);
    struct pool_worker *w = p->idle;
    if (w) {
        p->idle = w->next_idle;
        w->idle = false;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&p->lock);
    return true;
}

/* A pool's worker: the oldest waiting request, handled here (with this
 * thread's database connection), its connection resumed to send the
 * answer; until stopped and none waits. */
static void *worker_main(void *arg)
{
    struct pool_worker *w = arg;
    struct pool *p = w->pool;
    struct http_server *s = p->srv;
    thread_pool = p->which;
    enum metrics_pool m = metrics_pool_of(p->which);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->head && !p->stop) {
            w->idle = true;
            w->next_idle = p->idle;
            p->idle = w;
            while (w->idle && !p->stop)
                pthread_cond_wait(&w->cv, &p->lock);
        }
        struct conn_state *st = p->head;
        if (st) {
            p->head = st->job_next;
            if (!p->head)
                p->tail = NULL;
            metrics_pool(m, -1, 1);
        }
        pthread_mutex_unlock(&p->lock);
        if (!st)
            break;
        (void)metrics_db_thread_take();
        s->entry(s->ctx, &st->req, &st->res);
        st->db_s = metrics_db_thread_take();
        metrics_pool(m, 0, -1);
        atomic_store(&st->answered, true);
        MHD_resume_connection(st->conn);
    }
    return NULL; /* the application's thread data goes with the thread */
}

/* Start a pool of n workers (none when n is 0). */
static void pool_start(struct http_server *s, enum http_pool which, unsigned n)
{
    struct pool *p = &s->pools[which];
    if (!n)
        return;
    p->workers = xcalloc(n, sizeof(*p->workers));
    for (unsigned i = 0; i < n; i++) {
        struct pool_worker *w = &p->workers[i];
        w->pool = p;
        pthread_cond_init(&w->cv, NULL);
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
            abort();
        p->n++;
    }
}

/* The pool's workers answer what waits and end. */
static void pool_stop(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    p->idle = NULL; /* no one is woken from it any more */
    for (unsigned i = 0; i < p->n; i++)
        pthread_cond_signal(&p->workers[i].cv);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n; i++) {
        pthread_join(p->workers[i].thread, NULL);
        pthread_cond_destroy(&p->workers[i].cv);
    }
    pthread_mutex_lock(&p->lock);
    free(p->workers);
    p->workers = NULL;
    p->n = 0;
    pthread_mutex_unlock(&p->lock);
}

static void pool_destroy(struct pool *p)
{
    pthread_mutex_destroy(&p->lock);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)toe;
    struct http_server *s = cls;
    struct conn_state *st = *con_cls;
    /* A kept-alive connection waits for its next request's headers. */
    track_phase(s, c, PHASE_HEADERS);
    if (!st)
        return;
    budget_give(s, st->reserved);
    buf_free(&st->body);
    arena_free(st->req.arena);
    free(st);
    *con_cls = NULL;
}

/*
 * The library's messages, through our logger (one escaped line each).
 * While the daemon starts they say why it could not (warn); once it runs
 * they are about single connections (refused, broken, cut by the
 * reaper), one line each, which would flood the log under attack (debug).
 */
__attribute__((format(printf, 2, 0))) static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    const struct http_server *s = cls;
    char text[1024];
    vsnprintf(text, sizeof(text), fmt, ap);
    size_t n = strlen(text);
    while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        text[--n] = '\0';
    if (atomic_load(&s->running))
        log_debug("http: %s", text);
    else
        log_warn("http: %s", text);
}

/* ---- Starting and stopping -------------------------------------------- */

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

/*
 * Open the listening socket. SO_REUSEADDR only lets a restart bind while
 * old connections linger in TIME_WAIT; a port another socket listens on
 * is refused (EADDRINUSE) unless reuse_port shares it on purpose.
 */
static __attribute__((warn_unused_result)) enum err
open_listener(const struct http_options *opt, const struct sockaddr_storage *ss,
              bool v6, int *out, int *port)
{
    int fd = socket(v6 ? AF_INET6 : AF_INET,
                    SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        log_error("http: cannot open a socket: %s", strerror(errno));
        return ERR_IO;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (opt->reuse_port)
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one));
    if (v6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    socklen_t len =
        v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (bind(fd, (const struct sockaddr *)(const void *)ss, len) != 0) {
        int e = errno;
        if (e == EADDRINUSE)
            log_error("http: port already in use: %s (another satupintu "
                      "serve or another program listens there; stop it or "
                      "choose another --listen address; to run several "
                      "instances on one port on purpose, start every one "
                      "of them with --reuse-port)",
                      opt->listen);
        else
            log_error("http: cannot listen on %s: %s", opt->listen,
                      strerror(e));
        close(fd);
        return e == EADDRINUSE ? ERR_CONFLICT : ERR_IO;
    }
    if (listen(fd, SOMAXCONN) != 0) {
        log_error("http: cannot listen on %s: %s", opt->listen,
                  strerror(errno));
        close(fd);
        return ERR_IO;
    }
    struct sockaddr_storage bound;
    socklen_t blen = sizeof(bound);
    *port = 0;
    if (getsockname(fd, (struct sockaddr *)(void *)&bound, &blen) == 0)
        *port = ntohs(
            v6 ? ((const struct sockaddr_in6 *)(const void *)&bound)->sin6_port
               : ((const struct sockaddr_in *)(const void *)&bound)->sin_port);
    *out = fd;
    return ERR_OK;
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
    int fd = -1, port = 0;
    enum err rc = open_listener(opt, &ss, v6, &fd, &port);
    if (rc != ERR_OK)
        return rc;
    struct http_server *s = xcalloc(1, sizeof(*s));
    s->opt = *opt;
    s->entry = entry;
    s->ctx = ctx;
    s->listen_fd = fd;
    s->port = port;
    atomic_init(&s->in_flight, 0);
    atomic_init(&s->running, false);
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->park_lock, NULL);
    for (unsigned i = 0; i < HTTP_POOLS; i++) {
        s->pools[i].srv = s;
        s->pools[i].which = (enum http_pool)i;
        pthread_mutex_init(&s->pools[i].lock, NULL);
    }
    atomic_init(&s->wake_gen, 0);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->wake, &ca);
    pthread_condattr_destroy(&ca);
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
                     (v6 ? MHD_USE_IPv6 : 0);
    /* The pools first: a request may be handed to one at once. */
    if (opt->pool_of) {
        pool_start(s, HTTP_POOL_REPORT, opt->report_threads);
        pool_start(s, HTTP_POOL_WRITE, opt->write_threads);
    }
    s->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
        mhd_log, s, MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
        MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(opt->threads ? opt->threads : 4),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_CONNECTION_TIMEOUT, opt->idle_timeout_s,
        MHD_OPTION_CONNECTION_LIMIT,
        opt->max_connections ? opt->max_connections : 1000u,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt->max_conn_per_addr,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_END);
    if (!s->daemon) {
        log_error("http: cannot serve on %s", opt->listen);
        close(fd);
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        pthread_mutex_destroy(&s->park_lock);
        for (unsigned i = 0; i < HTTP_POOLS; i++) {
            pool_stop(&s->pools[i]);
            pool_destroy(&s->pools[i]);
        }
        free(s);
        return ERR_IO;
    }
    atomic_store(&s->running, true);
    if (pthread_create(&s->reaper, NULL, reaper_main, s) != 0)
        abort();
    *out = s;
    return ERR_OK;
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}

/*
 * Stopping: shut down the connections that wait for a next request (kept
 * alive between requests, or ended streams), so a stop waits only for the
 * requests in flight, not for idle browsers. A client that sends a request
 * on such a connection at this moment sees it closed and retries.
 */
static void close_idle(struct http_server *s)
{
    pthread_mutex_lock(&s->lock);
    for (struct conn_track *t = s->conns; t; t = t->next) {
        if (t->phase != PHASE_HEADERS || t->shut || t->fd < 0)
            continue;
        shutdown(t->fd, SHUT_RDWR);
        t->shut = true;
    }
    pthread_mutex_unlock(&s->lock);
}

/* Wait up to ticks × 50 ms for every connection to end, closing those
 * that wait idle for a next request meanwhile. */
static void wait_connections(struct http_server *s, int ticks)
{
    for (int i = 0; i < ticks; i++) {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!di || di->num_connections == 0)
            break;
        close_idle(s);
        usleep(50 * 1000);
    }
}

void http_server_stop(struct http_server *s, int grace_s)
{
    if (!s)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    /* Streams that wait for news end now; none parks any more, and the
     * library wants every suspended connection resumed before it stops.
     * Idle connections are closed (close_idle()) while the requests in
     * flight finish. */
    pthread_mutex_lock(&s->park_lock);
    s->closing_streams = true;
    pthread_mutex_unlock(&s->park_lock);
    wake_parked(s, 0, 0);
    wait_connections(s, grace_s * 20);
    /* The pools' workers answer what waits and end (a request that comes
     * after is handled in its connection's thread); every connection they
     * held is resumed. Its answer, a write perhaps committed, is then
     * given a moment to leave before the library closes what is open. */
    for (unsigned i = 0; i < HTTP_POOLS; i++)
        pool_stop(&s->pools[i]);
    wait_connections(s, 20);
    MHD_stop_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->reaper, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->park_lock);
    for (unsigned i = 0; i < HTTP_POOLS; i++)
        pool_destroy(&s->pools[i]);
    free(s);
}
