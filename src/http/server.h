/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * server.h: the HTTP server on GNU libmicrohttpd. This file and server.c
 * are the only code that includes <microhttpd.h>.
 *
 * A pool of worker threads serves requests; each request gets an arena, its
 * query, cookies and (capped) body parsed, and is handed to the
 * application's entry function, which fills the response. The server adds
 * the security headers, a request id and a log line, and frees the arena
 * when the library reports the request complete.
 */
#ifndef SP_HTTP_SERVER_H
#define SP_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "http/request.h"

struct http_server;

/* Where a request is handled (http_options.pool_of). */
enum http_pool {
    HTTP_POOL_CONN,   /* in its connection's thread */
    HTTP_POOL_REPORT, /* by a report worker */
    HTTP_POOL_WRITE,  /* by a write worker */
    HTTP_POOLS
};

/* The pool of the calling thread: HTTP_POOL_REPORT or HTTP_POOL_WRITE in
 * a pool's worker, HTTP_POOL_CONN in any other thread. */
enum http_pool http_thread_pool(void);

/*
 * Where and how to serve, and the limits against flooding (SECURITY.md
 * rule 30; the defaults are the CLI's, cli/cli.h). A limit of 0 is off.
 */
struct http_options {
    const char *listen;         /* "ADDR:PORT"; port 0 picks a free one */
    unsigned threads;           /* worker threads */
    size_t max_body;            /* request body cap in bytes (413 beyond) */
    size_t max_upload_body;     /* the cap of a multipart/form-data body
                                   (a form with a phone photo); 0: max_body */
    bool trust_proxy;           /* believe X-Forwarded-For / -Proto */
    bool reuse_port;            /* share the port with other processes
                                   (SO_REUSEPORT); otherwise a port in use is an
                                   error */
    unsigned max_connections;   /* open connections in all */
    unsigned max_conn_per_addr; /* open connections per client address */
    unsigned idle_timeout_s;    /* close a connection idle this long */
    unsigned header_timeout_s;  /* request line and headers complete
                                   within this many seconds of the
                                   connection (or of the previous answer) */
    unsigned body_timeout_s;    /* a body complete within this many
                                   seconds of its headers ... */
    unsigned body_min_rate;     /* ... plus one second per this many bytes
                                   received (bytes per second) */
    size_t body_budget;         /* bytes of request bodies in flight over
                                   all connections (503 beyond) */
    /* Pools of workers: a request for which pool_of(ctx, req) names a
     * pool is not handled in the thread of its connection (which serves
     * its other connections meanwhile) but by one of that pool's
     * workers, in the order the requests came; its connection is
     * suspended until the answer is made. Reports (long reads) have
     * report_threads workers; writes, which wait for their COMMIT to be
     * durable, have write_threads. A pool's handler never answers a
     * stream. A pool of 0 threads, or no pool_of: every request in its
     * connection's thread. */
    unsigned report_threads;
    unsigned write_threads;
    enum http_pool (*pool_of)(void *ctx, struct request *req);
};

typedef void (*http_entry)(void *ctx, struct request *req,
                           struct response *res);
/* Called once in each worker thread when it ends (close its database). */
typedef void (*http_thread_end)(void *ctx);

/*
 * Start serving. entry is called for every request with ctx. On success
 * *out is the running server, stopped with http_server_stop().
 */
enum err http_server_start(const struct http_options *opt, http_entry entry,
                           void *ctx, struct http_server **out)
    __attribute__((warn_unused_result));
/*
 * Wake the parked streams of topic (0: every parked stream; see
 * res_stream_parked() in request.h). Safe from any thread.
 */
void http_server_wake(struct http_server *s, uint64_t topic);
/* Streams parked right now (for logs and tests). */
size_t http_server_parked(struct http_server *s);
/* The port actually bound (useful with port 0). */
int http_server_port(const struct http_server *s);
/*
 * Stop accepting, let requests in flight finish (at most grace_s seconds;
 * then the pools' workers answer what they hold and their answers get up
 * to one second more to leave), then stop and free the server.
 */
void http_server_stop(struct http_server *s, int grace_s);

#endif
