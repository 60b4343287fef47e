/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * router.h: one route table, as data, and the dispatcher that enforces it.
 *
 * For every request the router: finds the route (404, or 405 with Allow
 * when only the method differs; see "Which route" below), authenticates
 * (session cookie or bearer API key, through the application's hook), refuses
 * what the route's permission does not allow (401 or a redirect to the sign-in
 * page, then 403), checks the CSRF token of every route flagged ROUTE_CSRF
 * (403), and only then calls the handler. Handlers still check access to the
 * particular record (office scope).
 *
 * Which route: among the routes whose pattern matches the path and whose
 * method fits (a GET route also serves HEAD), the most specific wins, and
 * the order of the table does not matter. Patterns are compared segment
 * by segment from the left; at the first segment where they differ in
 * kind, a literal segment beats "{}", and "{}" beats a trailing "*". So
 * "/complaints/track" wins over "/complaints/{}" for "/complaints/track",
 * and "/static/{}" over the catch-all of "/static/" for
 * "/static/site.css". Two patterns
 * of the same kind at every segment are equally specific; the earlier
 * one in the table wins (the table should not hold such a pair for one
 * method).
 */
#ifndef SP_HTTP_ROUTER_H
#define SP_HTTP_ROUTER_H

#include <stddef.h>

#include "http/request.h"

enum route_flags {
    ROUTE_CSRF = 1u << 0,         /* state-changing form: csrf field required */
    ROUTE_BEARER = 1u << 1,       /* an API key may authenticate */
    ROUTE_ANY_PASSWORD = 1u << 2, /* reachable while a password change is
                                     pending (sign-out, change page) */
    ROUTE_OWN_AUTH = 1u << 7,     /* no session or API key: the handler
                                     checks its own credentials (/metrics);
                                     only for routes without perm bits */
    ROUTE_REPORT = 1u << 8,       /* a report computed over many offices or
                                     a long period: answered by the report
                                     workers (http/server.h), not in the
                                     connection's thread; never a stream */
};

typedef void (*route_handler)(struct request *req, struct response *res);

struct route {
    enum http_method method; /* GET (also serves HEAD) or POST */
    const char *pattern;     /* "/services/{}"; "{}" is one segment,
                                a trailing "*" matches any rest */
    route_handler handler;   /* the handler */
    unsigned perm;           /* enum perm bits needed; 0 = public */
    unsigned flags;          /* enum route_flags */
};

struct router_hooks {
    /* Fill req->signed_in, who, csrf_token... from cookie or bearer key. */
    void (*authenticate)(struct request *req, bool allow_bearer);
    /*
     * Answer an error in the client's format and language. code is the
     * stable machine code, msg_id/msg_en the message for people.
     */
    void (*error)(struct request *req, struct response *res, int status,
                  const char *code, const char *msg_id, const char *msg_en);
};

/* Route req through routes[0..n) (see above). */
void router_dispatch(const struct route *routes, size_t n,
                     const struct router_hooks *hooks, struct request *req,
                     struct response *res);
/* The route req's method and path reach (see "Which route" above), or
 * NULL. The answer is kept in req (route_hit) until router_dispatch()
 * uses it, so that the server's question before handling (a report?)
 * and the dispatch share one search of the table. */
const struct route *router_lookup(const struct route *routes, size_t n,
                                  struct request *req);
/*
 * Match path against pattern, storing "{}" segments in req->path_args.
 * Exposed for tests.
 */
bool router_match(const char *pattern, const char *path, struct request *req);
/*
 * Compare the specificity of two patterns (see "Which route" above):
 * > 0 when a is more specific than b, < 0 when less, 0 when equal.
 * Meaningful for two patterns that match the same path. Exposed for tests.
 */
int router_specificity_cmp(const char *a, const char *b);

#endif
