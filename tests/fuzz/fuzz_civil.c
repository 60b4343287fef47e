/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_civil.c: the date and time-of-day parsers of base/civil.h on
 * arbitrary text, as dates and times arrive in forms and query strings.
 *
 * Invariants, for s the input up to its first NUL:
 *   - a date that civil_parse_date() accepts is valid (civil_date_valid),
 *     is exactly 10 bytes, and civil_format_date() gives those 10 bytes
 *     back; it survives civil_to_days()/civil_from_days(), and its weekday
 *     is 0..6 and one more than the day before's (mod 7);
 *   - a time that civil_parse_hhmm() accepts is 0..24:00 minutes from
 *     exactly 5 bytes, which "%02d:%02d" writes back.
 */
#include <stdbool.h>
#include <string.h>

#include "base/civil.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);

    struct civil_date d;
    if (civil_parse_date(s, &d)) {
        FUZZ_CHECK(civil_date_valid(d));
        FUZZ_CHECK(strlen(s) == 10);
        char out[16];
        civil_format_date(d, out);
        FUZZ_CHECK(strlen(out) == 10 && memcmp(out, s, 10) == 0);
        int64_t days = civil_to_days(d);
        struct civil_date back = civil_from_days(days);
        FUZZ_CHECK(back.year == d.year && back.month == d.month &&
                   back.day == d.day);
        int wd = civil_weekday(days);
        FUZZ_CHECK(wd >= 0 && wd <= 6);
        FUZZ_CHECK(civil_weekday(days - 1) == (wd + 6) % 7);
    }

    int minutes = -1;
    if (civil_parse_hhmm(s, &minutes)) {
        FUZZ_CHECK(minutes >= 0 && minutes <= 24 * 60);
        FUZZ_CHECK(strlen(s) == 5);
        char out[16];
        snprintf(out, sizeof(out), "%02d:%02d", minutes / 60, minutes % 60);
        FUZZ_CHECK(strcmp(out, s) == 0);
    } else {
        FUZZ_CHECK(minutes == -1); /* untouched on failure */
    }

    free(s);
    return 0;
}
