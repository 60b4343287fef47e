/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_cookies.c: params_parse_cookies() (base/params.h) on arbitrary
 * bytes, as a client's Cookie header.
 *
 * Invariants:
 *   - parsing is total: ERR_OK, or ERR_TOO_LARGE beyond a cap; and ERR_OK
 *     whenever the input is too small to reach any cap;
 *   - n_items <= PARAMS_MAX_ITEMS <= cap; every name and value is valid
 *     UTF-8 (values are not percent-decoded, only repaired); a name holds
 *     no '=' or ';', a value no ';' (they are the separators);
 *   - memory is linear in the input: at most 64 arena bytes per input
 *     byte, plus the item array;
 *   - at most one pair per ';'-separated piece;
 *   - params_get() (what req_cookie() uses) returns the first match and
 *     params_count() counts the matches.
 */
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/params.h"
#include "base/utf8.h"
#include "fuzz.h"

/* Cookie names the server reads, plus the empty name. */
static const char *const names[] = {"sp_session", "sp_lang", "sp_csrf", ""};

static void check_getters(const struct params *p, const char *name)
{
    size_t count = 0;
    const char *first = NULL;
    for (size_t i = 0; i < p->n_items; i++) {
        if (strcmp(p->items[i].name, name) == 0) {
            if (!first)
                first = p->items[i].value;
            count++;
        }
    }
    FUZZ_CHECK(params_get(p, name) == first);
    FUZZ_CHECK(params_count(p, name) == count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    struct params p = {0};
    enum err rc = params_parse_cookies(&p, a, (const char *)data, size);
    FUZZ_CHECK(rc == ERR_OK || rc == ERR_TOO_LARGE);

    size_t n_pieces = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == ';')
            n_pieces++;
    if (size <= 256 && n_pieces <= PARAMS_MAX_ITEMS)
        FUZZ_CHECK(rc == ERR_OK); /* no cap can be reached */

    FUZZ_CHECK(p.n_items <= PARAMS_MAX_ITEMS && p.n_items <= p.cap);
    FUZZ_CHECK(p.n_items <= n_pieces);
    FUZZ_CHECK(arena_used(a) <=
               64 * (size + 1) + 2 * PARAMS_MAX_ITEMS * sizeof(struct param));
    for (size_t i = 0; i < p.n_items; i++) {
        const char *name = p.items[i].name, *value = p.items[i].value;
        FUZZ_CHECK(name && value);
        FUZZ_CHECK(utf8_valid(name, strlen(name)));
        FUZZ_CHECK(utf8_valid(value, strlen(value)));
        FUZZ_CHECK(!strchr(name, '=') && !strchr(name, ';'));
        FUZZ_CHECK(!strchr(value, ';'));
        FUZZ_CHECK(strlen(value) <= 3 * PARAMS_MAX_VALUE);
    }
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        check_getters(&p, names[i]);
    if (p.n_items)
        check_getters(&p, p.items[p.n_items - 1].name);
    arena_free(a);
    return 0;
}
