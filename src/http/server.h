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

struct http_options {
    const char *listen; /* "ADDR:PORT"; port 0 picks a free one */
    unsigned threads;   /* worker threads */
    size_t max_body;    /* request body cap in bytes (413 beyond) */
    bool trust_proxy;   /* believe X-Forwarded-For / -Proto */
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
                           void *ctx, struct http_server **out);
/* The port actually bound (useful with port 0). */
int http_server_port(const struct http_server *s);
/*
 * Stop accepting, let requests in flight finish (at most grace_s seconds),
 * then stop and free the server.
 */
void http_server_stop(struct http_server *s, int grace_s);

#endif
