/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_hardening.c: the HTTP layer against flooding and malformed
 * requests (SECURITY.md rules 19, 29 and 30), on the real binary, with
 * raw sockets wherever curl would normalise the request:
 *
 *   - slowloris: hundreds of connections from one address (127.0.0.2)
 *     sending their headers a byte at a time; /healthz from 127.0.0.1
 *     answers throughout, and every slow connection is closed by the
 *     server although it never stops sending; a body trickled below the
 *     minimum rate is closed too, one sent steadily above it is answered;
 *   - memory bomb: hundreds of connections from as many addresses each
 *     start a body just under the 4 MiB cap and stall; the server's peak
 *     memory stays under a stated bound, refused ones get 503 with
 *     Retry-After, /healthz answers, and all of them are closed;
 *   - the body budget at its boundaries (a Content-Length that exactly
 *     fits, one byte more, a chunked body growing past it, 413 above the
 *     per-request cap, the budget given back);
 *   - a second serve on a port in use exits non-zero with "port already
 *     in use"; two with --reuse-port share it;
 *   - request smuggling (two Content-Length headers, Transfer-Encoding
 *     with Content-Length), Host missing or doubled: 400 and the
 *     connection closed, nothing served twice;
 *   - the query caps: 512 arguments pass, the 513th is 414; a value over
 *     64 KiB is 414;
 *   - log forging: CR/LF in the path gives exactly one log line;
 *   - the Open311 listing of 1,000 complaints of 4,000 emoji each (about
 *     48 MB of JSON, 16 MB of XML, far over the 8 MiB response cap) is
 *     answered whole, well-formed and in order, also when several
 *     queries are merged, with many complaints in the same second.
 *
 * Deadlines are parameters of the servers started here (2-second header
 * and body timeouts); the test asserts outcomes (closed connections,
 * statuses, bounded memory) and waits for them with generous upper
 * bounds, never for a speed.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/params.h"
#include "client.h"
#include "core/regno.h"
#include "store/applications.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/offices.h"
#include "test.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* Generous upper bounds for conditions to come true (never asserted as
 * speeds: a slower machine only waits longer). */
#define WAIT_CLOSED_S 90
#define WAIT_ANSWER_S 30

static struct server srv; /* the database (init once) and the main serve */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The status of a raw answer ("HTTP/1.1 400 ..."), or -1. */
static long status_of(const char *raw)
{
    if (strncmp(raw, "HTTP/1.", 7) != 0 || strlen(raw) < 12)
        return -1;
    return strtol(raw + 9, NULL, 10);
}

/* A header's value in a raw answer (static copy), or NULL. */
static const char *raw_header(const char *raw, const char *name)
{
    static char value[256];
    size_t n = strlen(name);
    for (const char *p = strstr(raw, "\r\n"); p && p[2] != '\r';
         p = strstr(p + 2, "\r\n")) {
        if (strncasecmp(p + 2, name, n) == 0 && p[2 + n] == ':') {
            const char *v = p + 3 + n;
            while (*v == ' ')
                v++;
            size_t len = strcspn(v, "\r\n");
            if (len >= sizeof(value))
                len = sizeof(value) - 1;
            memcpy(value, v, len);
            value[len] = '\0';
            return value;
        }
    }
    return NULL;
}

/* Send the text req on a new connection; the whole answer into out. */
static bool raw_text(const char *req, struct buf *out, bool *closed)
{
    buf_reset(out);
    return raw_request(&srv, req, strlen(req), out, WAIT_ANSWER_S, closed);
}

/* Start another serve on srv's database with extra arguments, logging to
 * log_name in srv's directory. */
static bool serve_more(struct server *s, const char *log_name,
                       const char *const *extra)
{
    *s = srv;
    s->pid = 0;
    server_log_to(s, log_name);
    return server_serve(s, extra);
}

static long healthz(const struct server *s)
{
    struct client *c = client_new(s);
    struct resp r;
    client_get(c, "/healthz", &r);
    long status = r.status;
    resp_free(&r);
    client_free(c);
    return status;
}

static void set_nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* True when the peer closed fd (EOF or reset); drains what is readable,
 * keeping its first bytes in head (NUL-terminated, may be NULL). */
static bool peer_closed(int fd, char *head, size_t head_cap, size_t *head_len)
{
    for (;;) {
        char chunk[4096];
        ssize_t n = recv(fd, chunk, sizeof(chunk), MSG_DONTWAIT);
        if (n == 0)
            return true;
        if (n < 0)
            return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR;
        if (head && *head_len + 1 < head_cap) {
            size_t k = (size_t)n;
            if (k > head_cap - 1 - *head_len)
                k = head_cap - 1 - *head_len;
            memcpy(head + *head_len, chunk, k);
            *head_len += k;
            head[*head_len] = '\0';
        }
    }
}

/* ---- 3. Malformed requests -------------------------------------------- */

/*
 * Each smuggling attempt hides a second request in what the server must
 * refuse: exactly one answer, 400, then the connection is closed, and
 * the hidden request is never served (not in the log).
 */
static void test_smuggling_refused(void)
{
    static const char *const attempts[] = {
        /* Two Content-Length headers: which one ends the body? */
        "POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
        "Content-Length: 45\r\n\r\nhelloGET /smuggled-1 HTTP/1.1\r\nHost: "
        "a\r\n\r\n",
        /* The same value twice is refused as well. */
        "POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
        "Content-Length: 5\r\n\r\nhelloGET /smuggled-2 HTTP/1.1\r\nHost: "
        "a\r\n\r\n",
        /* Transfer-Encoding with Content-Length (CL.TE / TE.CL). */
        "POST /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
        "Content-Length: 50\r\n\r\n0\r\n\r\nGET /smuggled-3 HTTP/1.1\r\n"
        "Host: a\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n"
        "Transfer-Encoding: chunked\r\n\r\n5e\r\nGET /smuggled-4 HTTP/1.1\r\n"
        "Host: a\r\n\r\n0\r\n\r\n",
        /* Transfer-Encoding twice, or not ending in chunked. */
        "POST /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled-5 "
        "HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST /healthz HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"
        "GET /smuggled-6 HTTP/1.1\r\nHost: a\r\n\r\n",
    };
    struct buf out;
    buf_init(&out, 1 << 20);
    for (size_t i = 0; i < sizeof(attempts) / sizeof(attempts[0]); i++) {
        bool closed = false;
        CHECK(raw_text(attempts[i], &out, &closed));
        if (status_of(buf_cstr(&out)) != 400 || !closed)
            fprintf(stderr, "  smuggling attempt %zu: %.60s\n", i,
                    buf_cstr(&out));
        CHECK_INT(status_of(buf_cstr(&out)), 400);
        CHECK_INT(count_of(buf_cstr(&out), "HTTP/1."), 1);
        CHECK(closed);
        CHECK_STR(raw_header(buf_cstr(&out), "Connection"), "close");
    }
    /* A sound request still works, and nothing hidden was served. */
    bool closed = false;
    raw_text("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
             &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 200);
    struct buf log;
    buf_init(&log, 64u << 20);
    read_file(srv.log_path, &log);
    CHECK_INT(count_of(buf_cstr(&log), "/smuggled"), 0);
    buf_free(&log);
    buf_free(&out);
}

static void test_host_required(void)
{
    struct buf out;
    buf_init(&out, 1 << 20);
    bool closed = false;
    /* HTTP/1.1 without Host. */
    raw_text("GET /healthz HTTP/1.1\r\n\r\n", &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 400);
    CHECK(closed);
    /* Two Host headers. */
    raw_text("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", &out,
             &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 400);
    CHECK(closed);
    /* HTTP/1.0 needs none; HTTP/1.1 with one is fine. */
    raw_text("GET /healthz HTTP/1.0\r\n\r\n", &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 200);
    raw_text("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
             &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 200);
    buf_free(&out);
}

/* GET /healthz with the query q (raw); the status. */
static long get_query(const char *q)
{
    struct buf req, out;
    buf_init(&req, 1 << 20);
    buf_init(&out, 1 << 20);
    buf_printf(&req, "GET /healthz?%s HTTP/1.1\r\nHost: a\r\n", q);
    buf_puts(&req, "Connection: close\r\n\r\n");
    bool closed = false;
    raw_request(&srv, req.data, req.len, &out, WAIT_ANSWER_S, &closed);
    long status = status_of(buf_cstr(&out));
    buf_free(&req);
    buf_free(&out);
    return status;
}

static void test_query_caps(void)
{
    struct buf q;
    buf_init(&q, 1 << 20);
    for (int i = 0; i < PARAMS_MAX_ITEMS; i++)
        buf_printf(&q, "%sa%d=1", i ? "&" : "", i);
    CHECK_INT(get_query(q.data), 200); /* 512 arguments */
    buf_puts(&q, "&last=1");
    CHECK_INT(get_query(q.data), 414); /* the 513th: never dropped */
    /* Valueless arguments count as well. */
    buf_reset(&q);
    for (int i = 0; i <= PARAMS_MAX_ITEMS; i++)
        buf_printf(&q, "%sk%d", i ? "&" : "", i);
    CHECK_INT(get_query(q.data), 414);
    /* A long value passes; one over 64 KiB is 414, never cut. */
    buf_reset(&q);
    buf_puts(&q, "q=");
    for (int i = 0; i < 60000; i++)
        buf_putc(&q, 'x');
    CHECK_INT(get_query(q.data), 200);
    for (int i = 60000; i <= PARAMS_MAX_VALUE; i++)
        buf_putc(&q, 'x');
    CHECK_INT(get_query(q.data), 414);
    buf_free(&q);
}

/* ---- 5. Log forging ------------------------------------------------------ */

static void test_log_forging(void)
{
    struct buf out, log;
    buf_init(&out, 1 << 20);
    buf_init(&log, 64u << 20);
    bool closed = false;
    raw_text("GET /x%0D%0A2026-01-01T00:00:00Z%20info%20forgedline%20GET%20/"
             "%20200%200%200.1ms%20203.0.113.9%0A HTTP/1.1\r\nHost: "
             "a\r\nConnection: close\r\n\r\n",
             &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 404);
    const char *id = raw_header(buf_cstr(&out), "X-Request-Id");
    CHECK(id && strlen(id) == 16);
    char rid[32];
    snprintf(rid, sizeof(rid), "%s", id ? id : "none");
    read_file(srv.log_path, &log);
    const char *text = buf_cstr(&log);
    /* Exactly one line for the request, holding the forged text escaped. */
    CHECK_INT(count_of(text, rid), 1);
    CHECK_INT(count_of(text, "forgedline"), 1);
    CHECK_CONTAINS(text, "GET /x\\r\\n2026-01-01T00:00:00Z info forgedline");
    CHECK_NOT_CONTAINS(text, "\n2026-01-01T00:00:00Z info forgedline");
    const char *line = strstr(text, rid);
    if (line) {
        const char *eol = strchr(line, '\n');
        const char *forged = strstr(line, "forgedline");
        CHECK(forged && eol && forged < eol);
    }
    CHECK(strchr(text, '\r') == NULL);
    buf_free(&out);
    buf_free(&log);
}

/* ---- 2. A port in use -----------------------------------------------------
 */

static void test_port_in_use(void)
{
    char listen[64];
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", srv.port);
    /* Without --reuse-port: refused, with a clear message, non-zero. */
    const char *same[] = {"--listen", listen, NULL};
    struct server second;
    CHECK(!serve_more(&second, "second.log", same));
    int status = server_wait_exit(&second, WAIT_ANSWER_S);
    if (status == -1)
        server_halt(&second);
    CHECK(status > 0);
    struct buf log;
    buf_init(&log, 1 << 20);
    read_file(second.log_path, &log);
    CHECK_CONTAINS(buf_cstr(&log), "port already in use");
    CHECK_CONTAINS(buf_cstr(&log), listen);
    CHECK_INT(healthz(&srv), 200); /* the first one goes on */

    /* Two instances that both ask for --reuse-port share a port. */
    struct server a, b;
    const char *first[] = {"--reuse-port", NULL};
    CHECK(serve_more(&a, "reuse-a.log", first));
    char listen_a[64];
    snprintf(listen_a, sizeof(listen_a), "127.0.0.1:%d", a.port);
    const char *shared[] = {"--listen", listen_a, "--reuse-port", NULL};
    CHECK(serve_more(&b, "reuse-b.log", shared));
    CHECK_INT(b.port, a.port);
    CHECK_INT(server_wait_exit(&b, 0), -1); /* still running */
    CHECK_INT(healthz(&a), 200);
    /* ... and SATUPINTU_REUSE_PORT=1 is the same as the flag. */
    struct server c;
    setenv("SATUPINTU_REUSE_PORT", "1", 1);
    const char *by_env[] = {"--listen", listen_a, NULL};
    CHECK(serve_more(&c, "reuse-c.log", by_env));
    unsetenv("SATUPINTU_REUSE_PORT");
    CHECK_INT(server_halt(&c), 0);
    CHECK_INT(server_halt(&b), 0);
    CHECK_INT(server_halt(&a), 0);
    buf_free(&log);
}

/* ---- 1. Slow connections ------------------------------------------------- */

#define SLOW_CONNS 300
#define SLOW_PER_ADDR "20"
#define SLOW_TOTAL                                                             \
    "200" /* fewer than SLOW_CONNS: without the per-address                    \
             limit the attack alone would fill the server */

static void test_slowloris(void)
{
    const char *extra[] = {"--header-timeout",
                           "2",
                           "--max-conn-per-addr",
                           SLOW_PER_ADDR,
                           "--max-connections",
                           SLOW_TOTAL,
                           NULL};
    struct server s;
    CHECK(serve_more(&s, "slowloris.log", extra));
    static int fds[SLOW_CONNS];
    static size_t pos[SLOW_CONNS];
    size_t open_now = 0;
    for (int i = 0; i < SLOW_CONNS; i++) {
        fds[i] = raw_connect(&s, "127.0.0.2");
        pos[i] = 0;
        if (fds[i] >= 0) {
            set_nonblocking(fds[i]);
            open_now++;
        }
    }
    CHECK(open_now > 0);
    static const char start[] = "GET /healthz HTTP/1.1\r\nHost: a\r\n";
    static const char filler[] = "X-Slow: 1\r\n";
    /* /healthz from 127.0.0.1 answers while every attacker is open. */
    long h1 = healthz(&s), h2 = healthz(&s);
    CHECK_INT(h1, 200);
    CHECK_INT(h2, 200);
    /* The attack goes on, a byte per connection per round, until the
     * server has closed every connection (or the generous bound). */
    int healthz_checks = 0, healthz_ok = 0;
    double t0 = now_s();
    for (int round = 0; open_now && now_s() - t0 < WAIT_CLOSED_S; round++) {
        for (int i = 0; i < SLOW_CONNS; i++) {
            if (fds[i] < 0)
                continue;
            char byte = pos[i] < sizeof(start) - 1
                            ? start[pos[i]]
                            : filler[(pos[i] - (sizeof(start) - 1)) %
                                     (sizeof(filler) - 1)];
            ssize_t n = send(fds[i], &byte, 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n == 1)
                pos[i]++;
            bool gone = (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) ||
                        peer_closed(fds[i], NULL, 0, NULL);
            if (gone) {
                close(fds[i]);
                fds[i] = -1;
                open_now--;
            }
        }
        if (round % 10 == 5) {
            healthz_checks++;
            healthz_ok += healthz(&s) == 200;
        }
        sleep_ms(100);
    }
    /* Every slow connection was closed though it never stopped sending. */
    CHECK_INT(open_now, 0);
    CHECK_INT(healthz_ok, healthz_checks);
    for (int i = 0; i < SLOW_CONNS; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    struct buf log;
    buf_init(&log, 64u << 20);
    read_file(s.log_path, &log);
    CHECK_CONTAINS(buf_cstr(&log), "whose headers took over 2 s");
    buf_free(&log);
    CHECK_INT(server_halt(&s), 0);
}

/* A body trickled below the minimum rate is cut; one sent steadily at a
 * rate well above it is answered although it takes longer than the body
 * timeout. */
static void test_slow_body(void)
{
    const char *extra[] = {"--body-timeout", "2", "--body-min-rate", "64",
                           NULL};
    struct server s;
    CHECK(serve_more(&s, "slowbody.log", extra));
    static const char headers[] =
        "POST /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
        "Content-Type: application/octet-stream\r\nContent-Length: "
        "32768\r\n\r\n";
    enum { TRICKLERS = 5 };
    int fds[TRICKLERS];
    size_t open_now = 0;
    for (int i = 0; i < TRICKLERS; i++) {
        fds[i] = raw_connect(&s, "127.0.0.3");
        if (fds[i] < 0)
            continue;
        send(fds[i], headers, sizeof(headers) - 1, MSG_NOSIGNAL);
        set_nonblocking(fds[i]);
        open_now++;
    }
    CHECK_INT(open_now, TRICKLERS);
    /* The steady client: 1 KiB every 250 ms (each KiB earns 16 s). */
    int steady = raw_connect(&s, "127.0.0.4");
    CHECK(steady >= 0);
    send(steady, headers, sizeof(headers) - 1, MSG_NOSIGNAL);
    char kib[1024];
    memset(kib, 'x', sizeof(kib));
    size_t steady_sent = 0;
    double t0 = now_s();
    while ((open_now || steady_sent < 32768) && now_s() - t0 < WAIT_CLOSED_S) {
        for (int i = 0; i < TRICKLERS; i++) {
            if (fds[i] < 0)
                continue;
            ssize_t n = send(fds[i], "x", 1, MSG_NOSIGNAL | MSG_DONTWAIT);
            if ((n < 0 && errno != EAGAIN) ||
                peer_closed(fds[i], NULL, 0, NULL)) {
                close(fds[i]);
                fds[i] = -1;
                open_now--;
            }
        }
        if (steady >= 0 && steady_sent < 32768) {
            ssize_t n = send(steady, kib, sizeof(kib), MSG_NOSIGNAL);
            if (n > 0)
                steady_sent += (size_t)n;
        }
        sleep_ms(250);
    }
    CHECK_INT(open_now, 0);
    CHECK_INT(steady_sent, 32768);
    struct buf out;
    buf_init(&out, 1 << 20);
    if (steady >= 0) {
        raw_read_all(steady, &out, 5);
        close(steady);
    }
    CHECK_INT(status_of(buf_cstr(&out)), 405); /* answered, not cut */
    buf_free(&out);
    CHECK(now_s() - t0 > 2.0); /* it did outlast the body timeout */
    CHECK_INT(server_halt(&s), 0);
}

/* ---- 1. Memory: the body budget ------------------------------------------ */

#define BOMB_CONNS 300
#define BOMB_BODY 4194000 /* just under the 4 MiB cap (4194304) */
#define BOMB_BUDGET_MIB 16
/* The stated bound on the server's peak memory above its idle size:
 * the budget (the bodies, plus their copy for the handler), the
 * library's 64 KiB per connection, and room for the allocator. Without
 * the budget the same attack takes over 1 GiB. */
#define BOMB_BOUND_MIB (UNDER_ASAN ? 512 : 160)

/*
 * Hundreds of connections, each from its own address (so the limit per
 * address plays no part), each announcing a body just under the cap.
 * "Expect: 100-continue" makes the server's decision visible before any
 * body byte is sent: 100 Continue (admitted) or 503 (refused). The
 * admitted ones then send all but the last 1000 bytes and stall.
 */
static void test_memory_bomb(void)
{
    const char *extra[] = {"--body-budget",
                           "16",
                           "--body-timeout",
                           "5",
                           "--idle-timeout",
                           "5",
                           NULL};
    struct server s;
    CHECK(serve_more(&s, "bomb.log", extra));
    CHECK_INT(healthz(&s), 200);
    long base_kib = server_mem_kib(&s, "VmRSS");
    CHECK(base_kib > 0);
    static int fds[BOMB_CONNS];
    static char head[BOMB_CONNS][4096];
    static size_t head_len[BOMB_CONNS];
    char headers[256];
    int hn = snprintf(headers, sizeof(headers),
                      "POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Type: "
                      "application/octet-stream\r\nExpect: 100-continue\r\n"
                      "Content-Length: %d\r\n\r\n",
                      BOMB_BODY);
    for (int i = 0; i < BOMB_CONNS; i++) {
        char from[32];
        snprintf(from, sizeof(from), "127.0.%d.%d", 1 + i / 250, 1 + i % 250);
        fds[i] = raw_connect(&s, from);
        head_len[i] = 0;
        head[i][0] = '\0';
        if (fds[i] < 0)
            continue;
        send(fds[i], headers, (size_t)hn, MSG_NOSIGNAL);
        set_nonblocking(fds[i]);
    }
    /* Wait for every decision. */
    int undecided = BOMB_CONNS;
    double t0 = now_s();
    while (undecided && now_s() - t0 < WAIT_CLOSED_S) {
        undecided = 0;
        for (int i = 0; i < BOMB_CONNS; i++) {
            if (fds[i] < 0 || head_len[i] >= 12)
                continue;
            if (peer_closed(fds[i], head[i], sizeof(head[i]), &head_len[i])) {
                close(fds[i]);
                fds[i] = -1;
            } else if (head_len[i] < 12) {
                undecided++;
            }
        }
        if (undecided)
            sleep_ms(50);
    }
    CHECK_INT(undecided, 0);
    int admitted = 0, refused = 0, with_retry = 0;
    for (int i = 0; i < BOMB_CONNS; i++) {
        long status = status_of(head[i]);
        admitted += status == 100;
        if (status == 503) {
            refused++;
            with_retry += raw_header(head[i], "Retry-After") != NULL;
            if (fds[i] >= 0) {
                close(fds[i]);
                fds[i] = -1;
            }
        }
    }
    /* The budget holds BOMB_BUDGET_MIB / 4 of these bodies. */
    CHECK(admitted >= 1);
    CHECK(admitted <= (BOMB_BUDGET_MIB << 20) / BOMB_BODY);
    CHECK_INT(admitted + refused, BOMB_CONNS);
    CHECK_INT(with_retry, refused);
    /* The admitted send their bodies but for the last 1000 bytes. */
    static char chunk[65536];
    memset(chunk, 'b', sizeof(chunk));
    const size_t target = BOMB_BODY - 1000;
    static size_t sent[BOMB_CONNS];
    bool pushing = true;
    while (pushing && now_s() - t0 < WAIT_CLOSED_S) {
        pushing = false;
        for (int i = 0; i < BOMB_CONNS; i++) {
            if (fds[i] < 0 || status_of(head[i]) != 100 || sent[i] >= target)
                continue;
            size_t want = target - sent[i];
            ssize_t n =
                send(fds[i], chunk, want < sizeof(chunk) ? want : sizeof(chunk),
                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0)
                sent[i] += (size_t)n;
            else if (errno != EAGAIN && errno != EWOULDBLOCK)
                sent[i] = target; /* closed under us: counted below */
            pushing |= sent[i] < target;
        }
        if (pushing)
            sleep_ms(10);
    }
    /* The bodies in flight sit there; /healthz answers meanwhile. */
    CHECK_INT(healthz(&s), 200);
    CHECK_INT(healthz(&s), 200);
    long peak_kib = server_mem_kib(&s, "VmHWM");
    /* Stalled, they are closed (idle timeout) without an answer. */
    int open_now = admitted;
    while (open_now && now_s() - t0 < WAIT_CLOSED_S) {
        open_now = 0;
        for (int i = 0; i < BOMB_CONNS; i++) {
            if (fds[i] < 0)
                continue;
            if (peer_closed(fds[i], NULL, 0, NULL)) {
                close(fds[i]);
                fds[i] = -1;
            } else {
                open_now++;
            }
        }
        if (open_now)
            sleep_ms(100);
    }
    CHECK_INT(open_now, 0);
    for (int i = 0; i < BOMB_CONNS; i++)
        if (fds[i] >= 0)
            close(fds[i]);
    long end_kib = server_mem_kib(&s, "VmHWM");
    if (end_kib > peak_kib)
        peak_kib = end_kib;
    long grew_mib = (peak_kib - base_kib) / 1024;
    fprintf(stderr,
            "  memory bomb: %d admitted, %d refused (503), server %ld MiB "
            "idle, peak %ld MiB (+%ld MiB, bound +%d MiB)\n",
            admitted, refused, base_kib / 1024, peak_kib / 1024, grew_mib,
            BOMB_BOUND_MIB);
    CHECK(peak_kib > 0);
    CHECK(grew_mib < BOMB_BOUND_MIB);
    /* The server is still there and answers. */
    CHECK_INT(healthz(&s), 200);
    CHECK_INT(server_halt(&s), 0);
}

/* Send headers (and up to body_len bytes of 'x') on a new connection;
 * the answer's status once the server has answered, or -1. */
static long post_len(const struct server *s, long declared, size_t body_len,
                     const char **retry_after)
{
    static char retry[64];
    struct buf req, out;
    buf_init(&req, 8u << 20);
    buf_init(&out, 1 << 20);
    buf_printf(&req,
               "POST /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
               "Content-Type: application/octet-stream\r\nContent-Length: "
               "%ld\r\n\r\n",
               declared);
    for (size_t i = 0; i < body_len; i++)
        buf_putc(&req, 'x');
    bool closed = false;
    raw_request(s, req.data, req.len, &out, WAIT_ANSWER_S, &closed);
    long status = status_of(buf_cstr(&out));
    const char *r = raw_header(buf_cstr(&out), "Retry-After");
    snprintf(retry, sizeof(retry), "%s", r ? r : "");
    if (retry_after)
        *retry_after = retry;
    buf_free(&req);
    buf_free(&out);
    return status;
}

static void test_budget_boundaries(void)
{
    const char *extra[] = {"--body-budget", "4", "--body-timeout", "600", NULL};
    struct server s;
    CHECK(serve_more(&s, "budget.log", extra));
    const long budget = 4L * 1024 * 1024, held = 3000000;
    /* A holds 3,000,000 bytes of the budget: its headers are in (the
     * 100 Continue says the server took them) and its body never comes. */
    int a = raw_connect(&s, NULL);
    CHECK(a >= 0);
    char headers[256];
    int hn = snprintf(headers, sizeof(headers),
                      "POST /healthz HTTP/1.1\r\nHost: a\r\nExpect: "
                      "100-continue\r\nContent-Length: %ld\r\n\r\n",
                      held);
    send(a, headers, (size_t)hn, MSG_NOSIGNAL);
    char cont[256] = "";
    size_t got = 0;
    double t0 = now_s();
    while (!strstr(cont, "100 Continue") && now_s() - t0 < WAIT_ANSWER_S) {
        struct pollfd p = {.fd = a, .events = POLLIN};
        if (poll(&p, 1, 1000) > 0) {
            ssize_t n = recv(a, cont + got, sizeof(cont) - 1 - got, 0);
            if (n <= 0)
                break;
            got += (size_t)n;
            cont[got] = '\0';
        }
    }
    CHECK_CONTAINS(cont, "100 Continue");
    /* Exactly what is left fits; one byte more is 503 with Retry-After. */
    const char *retry = NULL;
    CHECK_INT(post_len(&s, budget - held, (size_t)(budget - held), &retry),
              405);
    CHECK_INT(post_len(&s, budget - held + 1, 0, &retry), 503);
    CHECK(*retry != '\0');
    /* Above the per-request cap it is 413, whatever the budget. */
    CHECK_INT(post_len(&s, 4L * 1024 * 1024 + 1, 0, NULL), 413);
    /* A chunked body (no declared length) that grows past what is left. */
    struct buf req, out;
    buf_init(&req, 8u << 20);
    buf_init(&out, 1 << 20);
    buf_puts(&req, "POST /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n");
    for (int k = 0; k < 20; k++) { /* 20 x 64 KiB = 1,310,720 bytes */
        buf_printf(&req, "%x\r\n", 65536);
        for (int i = 0; i < 65536; i++)
            buf_putc(&req, 'y');
        buf_puts(&req, "\r\n");
    }
    buf_puts(&req, "0\r\n\r\n");
    bool closed = false;
    raw_request(&s, req.data, req.len, &out, WAIT_ANSWER_S, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 503);
    CHECK(raw_header(buf_cstr(&out), "Retry-After") != NULL);
    /* A small chunked body fits. */
    raw_text("POST /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
             "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
             &out, &closed);
    CHECK_INT(status_of(buf_cstr(&out)), 405);
    /* When A goes, its share comes back. */
    close(a);
    long status = -1;
    t0 = now_s();
    while (now_s() - t0 < WAIT_ANSWER_S) {
        status = post_len(&s, held, (size_t)held, NULL);
        if (status != 503)
            break;
        sleep_ms(100);
    }
    CHECK_INT(status, 405);
    buf_free(&req);
    buf_free(&out);
    CHECK_INT(server_halt(&s), 0);
}

/* ---- 4. A listing of any size ---------------------------------------------
 */

#define LIST_N 1005        /* more than the 1,000 an answer holds */
#define LIST_EMOJI 4000    /* COMPLAINT_TEXT_MAX characters */
#define LIST_SAME_SECOND 7 /* complaints received in the same second */

struct filed {
    char number[32];
    const char *category;
    bool closed;
    int64_t received_at;
    int64_t id;
};
static struct filed filed[LIST_N];

/* File LIST_N complaints of LIST_EMOJI emoji each, straight through the
 * store (one transaction), before the listing server starts. */
static bool file_complaints(void)
{
    struct db *db = NULL;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return false;
    struct arena *a = arena_new();
    struct office o;
    int office_no = 0;
    enum err rc = offices_get(db, a, "35.10.09", &o);
    if (rc == ERR_OK)
        rc = applications_office_number(db, o.id, &office_no);
    char *text = arena_alloc(a, LIST_EMOJI * 4 + 1);
    for (int i = 0; i < LIST_EMOJI; i++)
        memcpy(text + i * 4, "\xF0\x9F\x98\x80", 4);
    int64_t now = (int64_t)time(NULL);
    if (rc == ERR_OK)
        rc = db_begin(db);
    for (int i = 0; rc == ERR_OK && i < LIST_N; i++) {
        struct filed *f = &filed[i];
        char no[REGNO_MAX];
        regno_format(26, office_no, 90000 + i, no);
        snprintf(f->number, sizeof(f->number), "P-%s", no);
        f->category = i % 3 == 0 ? "staff_behaviour" : "waiting_time";
        f->closed = i % 5 == 0;
        f->received_at = now - 3600 - (int64_t)(i / LIST_SAME_SECOND) * 60;
        struct complaint c;
        memset(&c, 0, sizeof(c));
        c.number = f->number;
        c.pin = "123456";
        char token[40];
        snprintf(token, sizeof(token), "tok%05d", i);
        c.token = token;
        c.office_id = o.id;
        c.category = f->category;
        c.body = text;
        c.identity = CID_ANONYMOUS;
        c.channel = "open311";
        c.state = f->closed ? CMP_CLOSED : CMP_RECEIVED;
        c.received_at = f->received_at;
        c.deadline_at = f->received_at + 3 * 86400;
        c.updated_at = f->received_at;
        rc = complaints_insert(db, &c, "test");
        f->id = c.id;
    }
    if (rc == ERR_OK)
        rc = db_commit(db);
    arena_free(a);
    db_close(db);
    return rc == ERR_OK;
}

/* The numbers the listing must give, in order: newest first, then the
 * higher id; only rows keep() accepts; at most 1000. */
static size_t expected(bool (*keep)(const struct filed *), const char **out)
{
    static int order[LIST_N];
    size_t n = 0;
    for (int i = 0; i < LIST_N; i++)
        if (keep(&filed[i]))
            order[n++] = i;
    /* Insertion order is oldest-second-last with ids rising, so newest
     * first is: by received_at descending, then id descending. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0; k--) {
            const struct filed *x = &filed[order[k]], *y = &filed[order[k - 1]];
            bool before = x->received_at > y->received_at ||
                          (x->received_at == y->received_at && x->id > y->id);
            if (!before)
                break;
            int t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    if (n > 1000)
        n = 1000;
    for (size_t i = 0; i < n; i++)
        out[i] = filed[order[i]].number;
    return n;
}

static bool keep_all(const struct filed *f)
{
    (void)f;
    return true;
}

static bool keep_closed(const struct filed *f)
{
    return f->closed;
}

static bool keep_open_staff(const struct filed *f)
{
    return !f->closed && strcmp(f->category, "staff_behaviour") == 0;
}

static bool keep_two_open(const struct filed *f)
{
    return !f->closed;
}

/* The JSON listing at path holds exactly want[0..n) in order, each
 * whole (its 4,000 emoji). */
static void check_json_listing(const struct server *s, const char *path,
                               const char **want, size_t n)
{
    struct client *c = client_new(s);
    struct resp r;
    client_get(c, path, &r);
    client_free(c);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "application/json");
    json_error_t e;
    json_t *list = json_loadb(r.body.data, r.body.len, 0, &e);
    CHECK(json_is_array(list));
    if (!json_is_array(list))
        fprintf(stderr, "  %s: not JSON (%s) after %zu bytes\n", path, e.text,
                r.body.len);
    CHECK_INT(json_array_size(list), n);
    size_t bad = 0;
    for (size_t i = 0; i < n && i < json_array_size(list); i++) {
        json_t *item = json_array_get(list, i);
        const char *id =
            json_string_value(json_object_get(item, "service_request_id"));
        const char *d = json_string_value(json_object_get(item, "description"));
        if (!id || strcmp(id, want[i]) != 0 || !d ||
            strlen(d) != LIST_EMOJI * 4)
            bad++;
    }
    CHECK_INT(bad, 0);
    json_decref(list);
    resp_free(&r);
}

/* The same for the XML listing. */
static void check_xml_listing(const struct server *s, const char *path,
                              const char **want, size_t n)
{
    struct client *c = client_new(s);
    struct resp r;
    client_get(c, path, &r);
    client_free(c);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/xml");
    xmlDocPtr d = xmlReadMemory(
        r.body.data, (int)r.body.len, "listing.xml", "UTF-8",
        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    CHECK(d != NULL);
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    CHECK(root && strcmp((const char *)root->name, "service_requests") == 0);
    size_t k = 0, bad = 0;
    for (xmlNodePtr req = root ? root->children : NULL; req; req = req->next) {
        if (req->type != XML_ELEMENT_NODE)
            continue;
        const char *id = NULL;
        size_t dlen = 0;
        xmlChar *idtext = NULL, *dtext = NULL;
        for (xmlNodePtr f = req->children; f; f = f->next) {
            if (f->type != XML_ELEMENT_NODE)
                continue;
            if (strcmp((const char *)f->name, "service_request_id") == 0)
                idtext = xmlNodeGetContent(f);
            else if (strcmp((const char *)f->name, "description") == 0)
                dtext = xmlNodeGetContent(f);
        }
        id = (const char *)idtext;
        dlen = dtext ? strlen((const char *)dtext) : 0;
        if (k >= n || !id || strcmp(id, want[k]) != 0 || dlen != LIST_EMOJI * 4)
            bad++;
        xmlFree(idtext);
        xmlFree(dtext);
        k++;
    }
    CHECK_INT(k, n);
    CHECK_INT(bad, 0);
    if (d)
        xmlFreeDoc(d);
    resp_free(&r);
}

static void test_listing_any_size(void)
{
    CHECK(file_complaints());
    struct server s;
    CHECK(serve_more(&s, "listing.log", NULL));
    long base_kib = server_mem_kib(&s, "VmRSS");
    static const char *want[LIST_N];
    size_t n = expected(keep_all, want);
    CHECK_INT(n, 1000);
    /* The default window: 1,000 of the 1,005, newest first, whole. */
    check_json_listing(&s, "/open311/v2/requests.json", want, n);
    check_xml_listing(&s, "/open311/v2/requests.xml", want, n);
    /* Several queries merged: two categories x closed and rejected. */
    n = expected(keep_closed, want);
    check_json_listing(&s,
                       "/open311/v2/requests.json?service_code=waiting_time,"
                       "staff_behaviour&status=closed",
                       want, n);
    n = expected(keep_open_staff, want);
    check_xml_listing(
        &s, "/open311/v2/requests.xml?service_code=staff_behaviour&status=open",
        want, n);
    n = expected(keep_two_open, want);
    check_json_listing(&s,
                       "/open311/v2/requests.json?service_code=staff_behaviour,"
                       "waiting_time&status=open",
                       want, n);
    /* A client that goes away mid-answer: the stream is cut and freed
     * (the ASan run checks for leaks at the clean stop), and the server
     * goes on. */
    int fd = raw_connect(&s, NULL);
    CHECK(fd >= 0);
    static const char get[] = "GET /open311/v2/requests.json HTTP/1.1\r\n"
                              "Host: a\r\n\r\n";
    send(fd, get, sizeof(get) - 1, MSG_NOSIGNAL);
    char part[65536];
    size_t got = 0;
    while (got < 200000) {
        ssize_t k = recv(fd, part, sizeof(part), 0);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    CHECK(got >= 200000);
    close(fd);
    CHECK_INT(healthz(&s), 200);
    /* HEAD: the headers only. */
    struct client *c = client_new(&s);
    struct resp r;
    client_req(c, "HEAD", "/open311/v2/requests.json", NULL, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body.len, 0);
    resp_free(&r);
    client_free(c);
    /* The listing is sent piece by piece: the server's memory did not
     * grow with it (48 MB of JSON went out). Not under ASan, whose
     * quarantine keeps up to 256 MiB of freed memory on purpose. */
    long peak_kib = server_mem_kib(&s, "VmHWM");
    fprintf(stderr, "  listing: server %ld MiB idle, peak %ld MiB\n",
            base_kib / 1024, peak_kib / 1024);
    if (!UNDER_ASAN)
        CHECK((peak_kib - base_kib) / 1024 < 64);
    CHECK_INT(server_halt(&s), 0);
}

/* The main serve stops cleanly (under ASan: without leaks or errors). */
static void test_clean_stop(void)
{
    CHECK_INT(server_halt(&srv), 0);
    struct buf log;
    buf_init(&log, 64u << 20);
    read_file(srv.log_path, &log);
    CHECK_NOT_CONTAINS(buf_cstr(&log), "Sanitizer");
    CHECK_CONTAINS(buf_cstr(&log), "serve: stopped");
    buf_free(&log);
    server_stop(&srv);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH/TO/satupintu\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    if (!server_init(&srv, argv[1], NULL))
        return 1;
    server_log_to(&srv, "serve.log");
    if (!server_serve(&srv, NULL))
        return 1;
    RUN(test_smuggling_refused);
    RUN(test_host_required);
    RUN(test_query_caps);
    RUN(test_log_forging);
    RUN(test_port_in_use);
    RUN(test_slowloris);
    RUN(test_slow_body);
    RUN(test_memory_bomb);
    RUN(test_budget_boundaries);
    RUN(test_listing_any_size);
    RUN(test_clean_stop);
    TEST_END();
}
