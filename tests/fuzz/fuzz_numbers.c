/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_numbers.c: the parsers of what citizens type: NIK (core/nik.h),
 * registration and complaint numbers (core/regno.h), ISO 8601 instants
 * (base/civil.h), phone and e-mail shapes (core/contact.h).
 *
 * Invariants, for s the input up to its first NUL:
 *   - a NIK that parses has 16 digits, a district "PP.RR.DD" made of them,
 *     a sex L or P and a day/month that exist in 19YY or 20YY, and masking
 *     keeps the first six and last two digits;
 *   - a registration number that parses is written back in a canonical
 *     form that parses again to itself, and its digits pass the Damm check;
 *   - an accepted ISO instant, formatted at UTC and parsed again, is the
 *     same instant.
 */
#include <stdbool.h>

#include "base/civil.h"
#include "core/contact.h"
#include "core/nik.h"
#include "core/regno.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    struct nik n;
    if (nik_parse(s, &n) == NIK_VALID) {
        FUZZ_CHECK(strlen(n.digits) == 16);
        FUZZ_CHECK(n.sex == 'L' || n.sex == 'P');
        FUZZ_CHECK(n.district[2] == '.' && n.district[5] == '.');
        struct civil_date a = {1900 + n.yy, n.month, n.day};
        struct civil_date b = {2000 + n.yy, n.month, n.day};
        FUZZ_CHECK(civil_date_valid(a) || civil_date_valid(b));
        char masked[17];
        nik_mask(n.digits, masked);
        FUZZ_CHECK(memcmp(masked, n.digits, 6) == 0 &&
                   memcmp(masked + 14, n.digits + 14, 2) == 0);
    }
    char canon[REGNO_MAX], again[REGNO_MAX];
    if (regno_parse(s, canon) == REGNO_OK) {
        FUZZ_CHECK(regno_parse(canon, again) == REGNO_OK);
        FUZZ_CHECK(strcmp(canon, again) == 0);
        char digits[REGNO_MAX];
        size_t k = 0;
        for (const char *p = canon; *p; p++)
            if (*p != '-')
                digits[k++] = *p;
        FUZZ_CHECK(damm_valid(digits, k));
    }
    int64_t t = 0;
    if (civil_parse_iso(s, &t) && t > -62135596800LL && t < 253402300799LL) {
        char iso[32];
        civil_format_iso(t, 0, iso);
        int64_t back = 0;
        FUZZ_CHECK(civil_parse_iso(iso, &back) && back == t);
    }
    (void)contact_phone_valid(s);
    (void)contact_email_valid(s);
    free(s);
    return 0;
}
