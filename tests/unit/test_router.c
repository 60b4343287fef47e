/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_router.c: which route router_dispatch() picks (http/router.h,
 * "Which route"): the most specific pattern whose method fits, whatever
 * the order of the table. Every table here is tried in its written order
 * (the "wrong" one: the general pattern first) and reversed, and must give
 * the same handler; plus 404, 405 with Allow, and the captured arguments.
 */
#include "base/arena.h"
#include "http/router.h"
#include "test.h"

static const char *called;   /* name of the last handler called, or NULL */
static int error_status;     /* status of the last error answered, or 0 */
static struct request *seen; /* the request the handler got */

#define HANDLER(name)                                                          \
    static void name(struct request *req, struct response *res)                \
    {                                                                          \
        (void)res;                                                             \
        called = #name;                                                        \
        seen = req;                                                            \
    }
HANDLER(h_complaint)
HANDLER(h_track)
HANDLER(h_reply)
HANDLER(h_events)
HANDLER(h_static_rest)
HANDLER(h_static_one)
HANDLER(h_static_css)
HANDLER(h_a_arg_c)
HANDLER(h_a_b_arg)
HANDLER(h_x_rest)
HANDLER(h_two_args)
HANDLER(h_root)
HANDLER(h_root_rest)

static void no_auth(struct request *req, bool allow_bearer)
{
    (void)req;
    (void)allow_bearer;
}

static void record_error(struct request *req, struct response *res, int status,
                         const char *code, const char *msg_id,
                         const char *msg_en)
{
    (void)req;
    (void)code;
    (void)msg_id;
    (void)msg_en;
    res->status = status;
    error_status = status;
}

static const struct router_hooks hooks = {no_auth, record_error};

/* The general pattern comes first in every pair: first-match would pick
 * the wrong one. */
static const struct route table[] = {
    {HTTP_GET, "/complaints/{}", h_complaint, 0, 0},
    {HTTP_POST, "/complaints/{}/events", h_events, 0, 0},
    {HTTP_GET, "/complaints/track", h_track, 0, 0},
    {HTTP_POST, "/complaints/track", h_reply, 0, 0},
    {HTTP_GET, "/static/*", h_static_rest, 0, 0},
    {HTTP_GET, "/static/{}", h_static_one, 0, 0},
    {HTTP_GET, "/static/site.css", h_static_css, 0, 0},
    {HTTP_GET, "/a/{}/c", h_a_arg_c, 0, 0},
    {HTTP_GET, "/a/b/{}", h_a_b_arg, 0, 0},
    {HTTP_GET, "/{}/{}", h_two_args, 0, 0},
    {HTTP_GET, "/x/*", h_x_rest, 0, 0},
    {HTTP_GET, "/*", h_root_rest, 0, 0},
    {HTTP_GET, "/", h_root, 0, 0},
};
#define N_ROUTES (sizeof(table) / sizeof(table[0]))

struct outcome {
    const char *handler; /* handler called, or NULL */
    int status;          /* error status answered, or 0 */
    char allow[64];      /* the Allow header, or "" */
    char arg0[32];       /* path_args[0] the handler saw, or "" */
    size_t n_args;       /* n_path_args the handler saw */
};

/* Dispatch method path over routes[0..n), in order or reversed. */
static struct outcome dispatch(enum http_method method, const char *path,
                               bool reversed)
{
    struct route routes[N_ROUTES];
    for (size_t i = 0; i < N_ROUTES; i++)
        routes[i] = table[reversed ? N_ROUTES - 1 - i : i];
    struct request req;
    memset(&req, 0, sizeof(req));
    req.arena = arena_new();
    req.method = method;
    req.path = path;
    req.accept = "";
    req.content_type = "";
    struct response res;
    memset(&res, 0, sizeof(res));
    res.status = 200;
    called = NULL;
    seen = NULL;
    error_status = 0;
    router_dispatch(routes, N_ROUTES, &hooks, &req, &res);
    struct outcome o;
    memset(&o, 0, sizeof(o));
    o.handler = called;
    o.status = error_status;
    for (size_t i = 0; i < res.n_headers; i++)
        if (strcmp(res.headers[i].name, "Allow") == 0)
            snprintf(o.allow, sizeof(o.allow), "%s", res.headers[i].value);
    if (seen) {
        o.n_args = seen->n_path_args;
        if (seen->n_path_args)
            snprintf(o.arg0, sizeof(o.arg0), "%s", seen->path_args[0]);
    }
    arena_free(req.arena);
    return o;
}

static void test_most_specific_wins_in_any_order(void)
{
    static const struct {
        enum http_method method;
        const char *path;
        const char *handler; /* expected */
        const char *arg0;    /* expected first argument, "" for none */
        size_t n_args;       /* expected number of arguments */
    } cases[] = {
        /* A literal beats "{}". */
        {HTTP_GET, "/complaints/track", "h_track", "", 0},
        {HTTP_HEAD, "/complaints/track", "h_track", "", 0},
        {HTTP_GET, "/complaints/P-26-009-00001-3", "h_complaint",
         "P-26-009-00001-3", 1},
        {HTTP_POST, "/complaints/track", "h_reply", "", 0},
        {HTTP_POST, "/complaints/7/events", "h_events", "7", 1},
        /* A literal beats "{}", which beats a trailing "*". */
        {HTTP_GET, "/static/site.css", "h_static_css", "", 0},
        {HTTP_GET, "/static/app.js", "h_static_one", "app.js", 1},
        {HTTP_GET, "/static/img/logo.svg", "h_static_rest", "", 0},
        {HTTP_GET, "/static/", "h_static_rest", "", 0},
        /* Segment by segment from the left: the first difference
         * decides. */
        {HTTP_GET, "/a/b/c", "h_a_b_arg", "c", 1},
        {HTTP_GET, "/a/z/c", "h_a_arg_c", "z", 1},
        {HTTP_GET, "/x/y", "h_x_rest", "", 0},
        {HTTP_GET, "/q/y", "h_two_args", "q", 2},
        {HTTP_GET, "/", "h_root", "", 0},
        {HTTP_GET, "/q", "h_root_rest", "", 0},
        {HTTP_GET, "/q/r/s", "h_root_rest", "", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int rev = 0; rev < 2; rev++) {
            struct outcome o =
                dispatch(cases[i].method, cases[i].path, rev == 1);
            if (!o.handler || strcmp(o.handler, cases[i].handler) != 0)
                fprintf(stderr, "  %s (%s order): got %s\n", cases[i].path,
                        rev ? "reversed" : "written",
                        o.handler ? o.handler : "no handler");
            CHECK_STR(o.handler, cases[i].handler);
            CHECK_STR(o.arg0, cases[i].arg0);
            CHECK_INT(o.n_args, cases[i].n_args);
        }
    }
}

static void test_not_found_and_wrong_method(void)
{
    for (int rev = 0; rev < 2; rev++) {
        /* Only a GET route matches: 405 with Allow. */
        struct outcome o = dispatch(HTTP_POST, "/static/site.css", rev);
        CHECK(o.handler == NULL);
        CHECK_INT(o.status, 405);
        CHECK_STR(o.allow, "GET, HEAD");
        /* GET and POST routes match the path: both are allowed. */
        o = dispatch(HTTP_OTHER, "/complaints/track", rev);
        CHECK(o.handler == NULL);
        CHECK_INT(o.status, 405);
        CHECK(strstr(o.allow, "GET, HEAD") && strstr(o.allow, "POST"));
        /* The catch-all of "/" is GET only: a POST elsewhere is 405. */
        o = dispatch(HTTP_POST, "/complaints/7/events/x", rev);
        CHECK(o.handler == NULL);
        CHECK_INT(o.status, 405);
    }
    /* No pattern matches at all: 404 (a table without a catch-all). */
    struct route only[] = {{HTTP_GET, "/complaints/{}", h_complaint, 0, 0}};
    struct request req;
    memset(&req, 0, sizeof(req));
    req.arena = arena_new();
    req.method = HTTP_GET;
    req.path = "/complaints/";
    req.accept = "";
    struct response res;
    memset(&res, 0, sizeof(res));
    called = NULL;
    error_status = 0;
    router_dispatch(only, 1, &hooks, &req, &res);
    CHECK(called == NULL);
    CHECK_INT(error_status, 404); /* "{}" never matches an empty segment */
    arena_free(req.arena);
}

/* The method fits first: the most specific route among those of the
 * request's method wins, so a POST to "/items/new" (GET only) goes to
 * "POST /items/{}". */
static void test_method_before_specificity(void)
{
    struct route items[] = {
        {HTTP_POST, "/items/{}", h_complaint, 0, 0},
        {HTTP_GET, "/items/new", h_track, 0, 0},
    };
    for (int rev = 0; rev < 2; rev++) {
        struct route routes[2] = {items[rev], items[1 - rev]};
        struct request req;
        memset(&req, 0, sizeof(req));
        req.arena = arena_new();
        req.method = HTTP_POST;
        req.path = "/items/new";
        req.accept = "";
        struct response res;
        memset(&res, 0, sizeof(res));
        called = NULL;
        router_dispatch(routes, 2, &hooks, &req, &res);
        CHECK_STR(called, "h_complaint");
        req.method = HTTP_GET;
        called = NULL;
        router_dispatch(routes, 2, &hooks, &req, &res);
        CHECK_STR(called, "h_track");
        arena_free(req.arena);
    }
}

static void test_specificity_compare(void)
{
    static const struct {
        const char *a, *b;
        int sign; /* of router_specificity_cmp(a, b) */
    } cases[] = {
        {"/complaints/track", "/complaints/{}", 1},
        {"/complaints/{}", "/complaints/track", -1},
        {"/complaints/{}", "/complaints/{}", 0},
        {"/static/{}", "/static/*", 1},
        {"/static/site.css", "/static/*", 1},
        {"/static/*", "/static/*", 0},
        {"/a/b/{}", "/a/{}/c", 1},
        {"/x/*", "/{}/{}", 1},
        {"/", "/*", 1},
        {"/services/{}/poster", "/services/{}/{}", 1},
        {"/{}/{}/{}", "/{}/{}/{}", 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = router_specificity_cmp(cases[i].a, cases[i].b);
        int sign = got > 0 ? 1 : got < 0 ? -1 : 0;
        if (sign != cases[i].sign)
            fprintf(stderr, "  %s vs %s: got %d\n", cases[i].a, cases[i].b,
                    got);
        CHECK_INT(sign, cases[i].sign);
    }
}

int main(void)
{
    RUN(test_most_specific_wins_in_any_order);
    RUN(test_not_found_and_wrong_method);
    RUN(test_method_before_specificity);
    RUN(test_specificity_compare);
    TEST_END();
}
