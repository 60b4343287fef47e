/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_multipart.c: multipart/form-data (base/multipart.h) on arbitrary
 * bodies with the boundary "XyZ", as the complaint form's uploads arrive.
 *
 * Invariants: the parse ends (ERR_OK, ERR_INVALID or ERR_TOO_LARGE); every
 * field name and value is valid UTF-8 and no longer than the caps; every
 * file part lies inside the body and there are at most
 * MULTIPART_MAX_FILES; memory stays proportional to the input.
 */
#include <stdbool.h>

#include "base/multipart.h"
#include "base/utf8.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    struct params form = {0};
    struct uploads files;
    const char *body = (const char *)data;
    enum err rc = multipart_parse(a, body, size, "XyZ", &form, &files);
    FUZZ_CHECK(rc == ERR_OK || rc == ERR_INVALID || rc == ERR_TOO_LARGE);
    for (size_t i = 0; i < form.n_items; i++) {
        const char *n = form.items[i].name, *v = form.items[i].value;
        FUZZ_CHECK(utf8_valid(n, strlen(n)));
        FUZZ_CHECK(utf8_valid(v, strlen(v)));
        FUZZ_CHECK(strlen(v) <= 3 * PARAMS_MAX_VALUE);
    }
    FUZZ_CHECK(files.n_items <= MULTIPART_MAX_FILES);
    for (size_t i = 0; rc == ERR_OK && i < files.n_items; i++) {
        const char *p = (const char *)files.items[i].data;
        FUZZ_CHECK(p >= body && p + files.items[i].len <= body + size);
    }
    FUZZ_CHECK(arena_used(a) <= 64 * (size + 1) + 65536);
    /* The boundary parser on the same bytes as a Content-Type. */
    char *ct = fuzz_cstr(data, size);
    const char *b = multipart_boundary(a, ct);
    FUZZ_CHECK(!b || (strlen(b) >= 1 && strlen(b) <= 70));
    free(ct);
    arena_free(a);
    return 0;
}
