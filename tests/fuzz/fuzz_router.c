/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_router.c: router_match() (http/router.h) on arbitrary text as a
 * request path, against patterns of the real route table; and
 * http_local_path() (http/request.h) on the same text as a redirect target.
 *
 * Invariants, for s the input up to its first NUL:
 *   - a match captures one argument per "{}", each non-empty, without '/',
 *     copied into the request arena; the pattern with its arguments put
 *     back gives s exactly (for a trailing "*": a prefix of s);
 *   - matching without a request gives the same answer;
 *   - router_specificity_cmp() is antisymmetric and a pattern is as
 *     specific as itself, for every pair of patterns that match s;
 *   - a path http_local_path() accepts starts with one '/', not "//" or
 *     "/\", and has no control character or backslash.
 */
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "http/request.h"
#include "http/router.h"
#include "fuzz.h"

static const char *const patterns[] = {
    "/services/{}",
    "/static/*",
    "/admin/users/{}",
    "/api/v1/offices/{}",
    "/services/{}/poster",
    "/admin/apikeys/{}/revoke",
    "/",
    "/{}/{}/{}/{}/{}",
    "/services/{}/{}",
    "/{}/*",
};

/* Check a successful match of pattern against path. */
static void check_match(const char *pattern, const char *path,
                        const struct request *req)
{
    struct buf b;
    buf_init(&b, (size_t)1024 * 1024);
    size_t k = 0;
    bool star = false;
    for (const char *p = pattern; *p;) {
        if (p[0] == '{' && p[1] == '}') {
            FUZZ_CHECK(k < req->n_path_args);
            const char *arg = req->path_args[k++];
            FUZZ_CHECK(arg && *arg && !strchr(arg, '/'));
            buf_puts(&b, arg);
            p += 2;
        } else if (p[0] == '*' && p[1] == '\0') {
            star = true;
            break;
        } else {
            buf_putc(&b, *p++);
        }
    }
    FUZZ_CHECK(k == req->n_path_args && k <= HTTP_MAX_PATH_ARGS);
    FUZZ_CHECK(!b.overflow);
    if (star)
        FUZZ_CHECK(strncmp(path, buf_cstr(&b), b.len) == 0);
    else
        FUZZ_CHECK(strcmp(path, buf_cstr(&b)) == 0);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct request req;
    memset(&req, 0, sizeof(req));
    req.arena = arena_new();
    req.path = s;

    size_t n_patterns = sizeof(patterns) / sizeof(patterns[0]);
    bool hits[sizeof(patterns) / sizeof(patterns[0])];
    for (size_t i = 0; i < n_patterns; i++) {
        memset(req.path_args, 0, sizeof(req.path_args));
        req.n_path_args = 0;
        bool hit = router_match(patterns[i], s, &req);
        FUZZ_CHECK(hit == router_match(patterns[i], s, NULL));
        if (hit)
            check_match(patterns[i], s, &req);
        hits[i] = hit;
    }
    for (size_t i = 0; i < n_patterns; i++) {
        for (size_t j = 0; hits[i] && j < n_patterns; j++) {
            if (!hits[j])
                continue;
            int ab = router_specificity_cmp(patterns[i], patterns[j]);
            int ba = router_specificity_cmp(patterns[j], patterns[i]);
            FUZZ_CHECK((ab > 0) == (ba < 0) && (ab == 0) == (ba == 0));
            FUZZ_CHECK(i != j || ab == 0);
        }
    }

    if (http_local_path(s)) {
        FUZZ_CHECK(s[0] == '/' && s[1] != '/' && s[1] != '\\');
        for (const char *p = s; *p; p++)
            FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != '\\');
    }

    arena_free(req.arena);
    free(s);
    return 0;
}
