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
 *     form: exactly what regno_format() writes for the fields it holds,
 *     which parses again to itself, and its digits pass the Damm check;
 *   - a complaint number that parses (core/complaint.h) is "P-" and such a
 *     canonical registration number; parsing the output again, with or
 *     without the "P-", gives the same; a success implies a valid Damm
 *     check digit;
 *   - an accepted ISO instant, formatted at UTC and parsed again, is the
 *     same instant.
 */
#include <stdbool.h>

#include "base/civil.h"
#include "core/complaint.h"
#include "core/contact.h"
#include "core/nik.h"
#include "core/regno.h"
#include "fuzz.h"

/* The invariants of a canonical registration number (see above). */
static void check_regno_canon(const char *canon)
{
    char again[REGNO_MAX];
    FUZZ_CHECK(strlen(canon) < REGNO_MAX);
    FUZZ_CHECK(regno_parse(canon, again) == REGNO_OK);
    FUZZ_CHECK(strcmp(canon, again) == 0);
    char digits[REGNO_MAX];
    size_t k = 0;
    for (const char *p = canon; *p; p++)
        if (*p != '-')
            digits[k++] = *p;
    FUZZ_CHECK(damm_valid(digits, k));
    /* YY-OFFICE-SERIAL-C, the office field as regno.h describes it. */
    const char *h1 = strchr(canon, '-');
    const char *h2 = h1 ? strchr(h1 + 1, '-') : NULL;
    const char *h3 = h2 ? strchr(h2 + 1, '-') : NULL;
    FUZZ_CHECK(h1 == canon + 2 && h2 && h3 && h3[1] && !h3[2]);
    size_t width = (size_t)(h2 - h1 - 1), zeros = 0;
    while (h1[1 + zeros] == '0')
        zeros++;
    FUZZ_CHECK(width == 3 ? zeros <= 2 : width == 2 * zeros + 1);
    int yy = atoi(canon);
    int office = atoi(h1 + 1 + (width == 3 ? 0 : zeros));
    long long serial = atoll(h2 + 1);
    char written[REGNO_MAX];
    FUZZ_CHECK(regno_format(2000 + yy, office, serial, written));
    FUZZ_CHECK(strcmp(written, canon) == 0);
}

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
    char canon[REGNO_MAX];
    if (regno_parse(s, canon) == REGNO_OK)
        check_regno_canon(canon);
    char cno[32], cagain[32];
    if (complaint_number_parse(s, cno)) {
        FUZZ_CHECK(strncmp(cno, "P-", 2) == 0);
        check_regno_canon(cno + 2);
        FUZZ_CHECK(complaint_number_parse(cno, cagain));
        FUZZ_CHECK(strcmp(cno, cagain) == 0);
        FUZZ_CHECK(complaint_number_parse(cno + 2, cagain));
        FUZZ_CHECK(strcmp(cno, cagain) == 0);
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
