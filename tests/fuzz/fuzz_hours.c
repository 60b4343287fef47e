/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_hours.c: hours_parse() (core/hours.h) on arbitrary text, as the
 * opening hours an office administrator types or the database returns.
 *
 * Invariants, for s the input up to its first NUL:
 *   - when parsing succeeds, each day is closed (open = close = -1) or
 *     0 <= open < close <= 24:00, and hours_is_open_day() agrees;
 *   - hours_format() then writes s itself (the text form is canonical:
 *     two-digit fields only), which parses again to the same struct;
 *   - hours_format() into a short buffer (exactly sized on the heap, so
 *     ASan sees an overrun) writes a NUL-terminated prefix of the full text.
 */
#include <stdbool.h>
#include <string.h>

#include "core/hours.h"
#include "fuzz.h"

static bool same_hours(const struct hours *x, const struct hours *y)
{
    for (int d = 0; d < 7; d++)
        if (x->open[d] != y->open[d] || x->close[d] != y->close[d])
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct hours h, again;
    if (!hours_parse(s, &h)) {
        free(s);
        return 0;
    }
    for (int d = 0; d < 7; d++) {
        if (h.open[d] < 0)
            FUZZ_CHECK(h.open[d] == -1 && h.close[d] == -1 &&
                       !hours_is_open_day(&h, d));
        else
            FUZZ_CHECK(h.open[d] < h.close[d] && h.close[d] <= 24 * 60 &&
                       hours_is_open_day(&h, d));
    }
    FUZZ_CHECK(!hours_is_open_day(&h, -1) && !hours_is_open_day(&h, 7));

    char out[96];
    hours_format(&h, out, sizeof(out));
    FUZZ_CHECK(strcmp(out, s) == 0);
    FUZZ_CHECK(hours_parse(out, &again) && same_hours(&h, &again));

    static const size_t short_lens[] = {1, 2, 11, 12, 40, 78};
    for (size_t i = 0; i < sizeof(short_lens) / sizeof(short_lens[0]); i++) {
        size_t n = short_lens[i];
        char *part = xmalloc(n);
        hours_format(&h, part, n);
        size_t len = strnlen(part, n);
        FUZZ_CHECK(len < n && strncmp(part, out, len) == 0);
        free(part);
    }
    free(s);
    return 0;
}
