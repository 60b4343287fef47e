/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_humanize.c: dates, times and numbers for people (core/humanize.h):
 * the written forms in both languages, the minute before and at local
 * midnight, the three Indonesian zones for one instant, the turn of the
 * year and a leap day, a time before 1970; numbers with the decimal comma
 * and thousands point (and the other way round in English), zero padding,
 * negatives, int64 extremes; percentages.
 */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "core/humanize.h"
#include "test.h"

static struct arena *A;

static void test_when_forms(void)
{
    /* Thursday 3 December 2026, 15:30 WIB = 08:30 UTC. */
    CHECK_STR(human_when(A, 1796286600, 420, LANG_ID),
              "Kamis, 3 Desember 2026 pukul 15.30 WIB");
    CHECK_STR(human_when(A, 1796286600, 420, LANG_EN),
              "Thursday, 3 December 2026 at 15:30 WIB");
    CHECK_STR(human_date(A, (struct civil_date){2026, 12, 3}, LANG_ID),
              "Kamis, 3 Desember 2026");
    CHECK_STR(human_date(A, (struct civil_date){2026, 12, 3}, LANG_EN),
              "Thursday, 3 December 2026");
    CHECK_STR(human_date_iso(A, "2026-12-03", LANG_ID),
              "Kamis, 3 Desember 2026");
    /* Not a date: returned as it is. */
    CHECK_STR(human_date_iso(A, "2026-02-30", LANG_ID), "2026-02-30");
}

static void test_when_midnight(void)
{
    /* 2026-12-02T17:00Z is local midnight at +7. */
    CHECK_STR(human_when(A, 1796230800, 420, LANG_ID),
              "Kamis, 3 Desember 2026 pukul 00.00 WIB");
    CHECK_STR(human_when(A, 1796230799, 420, LANG_ID),
              "Rabu, 2 Desember 2026 pukul 23.59 WIB");
    CHECK_STR(human_when(A, 1796230799, 420, LANG_EN),
              "Wednesday, 2 December 2026 at 23:59 WIB");
}

static void test_when_zones(void)
{
    /* One instant, 2026-12-02T16:30Z, in the three zones: the date turns
     * at +8 and +9 but not at +7. */
    CHECK_STR(human_when(A, 1796229000, 420, LANG_ID),
              "Rabu, 2 Desember 2026 pukul 23.30 WIB");
    CHECK_STR(human_when(A, 1796229000, 480, LANG_ID),
              "Kamis, 3 Desember 2026 pukul 00.30 WITA");
    CHECK_STR(human_when(A, 1796229000, 540, LANG_EN),
              "Thursday, 3 December 2026 at 01:30 WIT");
    /* Another offset keeps its name from office_zone_name(). */
    CHECK_STR(human_when(A, 1796229000, 0, LANG_EN),
              "Wednesday, 2 December 2026 at 16:30 UTC");
}

static void test_when_year_end(void)
{
    CHECK_STR(human_when(A, 1798736399, 420, LANG_ID),
              "Kamis, 31 Desember 2026 pukul 23.59 WIB");
    CHECK_STR(human_when(A, 1798736400, 420, LANG_ID),
              "Jumat, 1 Januari 2027 pukul 00.00 WIB");
    CHECK_STR(human_when(A, 1798736400, 420, LANG_EN),
              "Friday, 1 January 2027 at 00:00 WIB");
    /* A leap day, and a time before 1970 (negative seconds). */
    CHECK_STR(human_when(A, 1835370000, 420, LANG_ID),
              "Selasa, 29 Februari 2028 pukul 00.00 WIB");
    CHECK_STR(human_when(A, -25260, 420, LANG_ID),
              "Rabu, 31 Desember 1969 pukul 23.59 WIB");
}

static void test_numbers(void)
{
    static const struct {
        int64_t v;
        int dec;
        const char *id, *en;
    } cases[] = {
        {8831, 2, "88,31", "88.31"},
        {925, 1, "92,5", "92.5"},
        {1000, 1, "100,0", "100.0"},
        {0, 0, "0", "0"},
        {0, 2, "0,00", "0.00"},
        {5, 2, "0,05", "0.05"},
        {-5, 1, "-0,5", "-0.5"},
        {999, 0, "999", "999"},
        {1000, 0, "1.000", "1,000"},
        {1234, 0, "1.234", "1,234"},
        {123456, 1, "12.345,6", "12,345.6"},
        {-1234567, 0, "-1.234.567", "-1,234,567"},
        {100000, 2, "1.000,00", "1,000.00"},
        {INT64_MAX, 0, "9.223.372.036.854.775.807",
         "9,223,372,036,854,775,807"},
        {INT64_MIN, 0, "-9.223.372.036.854.775.808",
         "-9,223,372,036,854,775,808"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK_STR(human_number(A, cases[i].v, cases[i].dec, LANG_ID),
                  cases[i].id);
        CHECK_STR(human_number(A, cases[i].v, cases[i].dec, LANG_EN),
                  cases[i].en);
    }
    /* The longest: INT64_MIN with six decimals fits in 40 bytes. */
    char out[40];
    human_number_buf(INT64_MIN, 6, LANG_EN, out);
    CHECK_STR(out, "-9,223,372,036,854.775808");
}

static void test_pct(void)
{
    CHECK_STR(human_pct(A, 925, 1, LANG_ID), "92,5\xc2\xa0%");
    CHECK_STR(human_pct(A, 925, 1, LANG_EN), "92.5%");
    CHECK_STR(human_pct(A, 100, 0, LANG_ID), "100\xc2\xa0%");
}

int main(void)
{
    A = arena_new();
    RUN(test_when_forms);
    RUN(test_when_midnight);
    RUN(test_when_zones);
    RUN(test_when_year_end);
    RUN(test_numbers);
    RUN(test_pct);
    arena_free(A);
    TEST_END();
}
