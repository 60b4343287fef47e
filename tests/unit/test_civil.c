/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_civil.c: calendar arithmetic (base/civil.h) against dates worked
 * out by hand: the epoch, leap days, century years, year ends, negative
 * day counts, weekdays and ISO 8601 text with positive and negative
 * offsets.
 */
#include <stdint.h>

#include "base/civil.h"
#include "test.h"

struct day_case {
    int year, month, day; /* the date */
    int64_t days;         /* days since 1970-01-01 */
    int weekday;          /* 0 = Sunday */
};

static const struct day_case day_cases[] = {
    {1970, 1, 1, 0, 4},         /* the epoch, a Thursday */
    {1969, 12, 31, -1, 3},      /* first negative day */
    {1969, 12, 28, -4, 0},      /* Sunday just before the epoch */
    {1969, 12, 27, -5, 6},      /* Saturday */
    {1969, 12, 25, -7, 4},      /* one week back: Thursday again */
    {1969, 12, 21, -11, 0},     /* Sunday, two weeks back */
    {1900, 1, 1, -25567, 1},    /* century start, Monday */
    {1900, 2, 28, -25509, 3},   /* 1900 is not a leap year... */
    {1900, 3, 1, -25508, 4},    /* ...so March follows Feb 28 */
    {1, 1, 1, -719162, 1},      /* first day of the calendar */
    {2000, 2, 29, 11016, 2},    /* 2000 is a leap year */
    {2000, 3, 1, 11017, 3},     /* day after the leap day */
    {2024, 2, 29, 19782, 4},    /* leap day */
    {2026, 1, 1, 20454, 4},     /* year start */
    {2026, 3, 18, 20530, 3},    /* Wednesday (holiday run start) */
    {2026, 3, 25, 20537, 3},    /* header example's date */
    {2026, 11, 29, 20786, 0},   /* a Sunday */
    {2026, 12, 31, 20818, 4},   /* year end */
    {2027, 1, 1, 20819, 5},     /* next year start */
    {9999, 12, 31, 2932896, 5}, /* last four-digit year */
};

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_to_days(void)
{
    for (size_t i = 0; i < N_ITEMS(day_cases); i++) {
        const struct day_case *c = &day_cases[i];
        struct civil_date d = {c->year, c->month, c->day};
        CHECK_INT(civil_to_days(d), c->days);
    }
}

static void test_from_days(void)
{
    for (size_t i = 0; i < N_ITEMS(day_cases); i++) {
        const struct day_case *c = &day_cases[i];
        struct civil_date d = civil_from_days(c->days);
        CHECK_INT(d.year, c->year);
        CHECK_INT(d.month, c->month);
        CHECK_INT(d.day, c->day);
    }
}

static void test_weekday(void)
{
    for (size_t i = 0; i < N_ITEMS(day_cases); i++) {
        const struct day_case *c = &day_cases[i];
        CHECK_INT(civil_weekday(c->days), c->weekday);
    }
    /* A whole week on either side of the epoch, day by day. */
    for (int64_t d = -14; d <= 14; d++)
        CHECK_INT(civil_weekday(d), ((d % 7) + 7 + 4) % 7);
}

static void test_round_trip_span(void)
{
    /* Every day from 1899-12-25 to 2100-01-07 survives the round trip and
     * consecutive days are consecutive dates. */
    struct civil_date prev = civil_from_days(-25574);
    CHECK_INT(prev.year, 1899);
    CHECK_INT(prev.month, 12);
    CHECK_INT(prev.day, 25);
    int bad = 0;
    for (int64_t z = -25573; z <= 47488; z++) {
        struct civil_date d = civil_from_days(z);
        if (civil_to_days(d) != z || !civil_date_valid(d))
            bad++;
        bool next_day = d.year == prev.year && d.month == prev.month &&
                        d.day == prev.day + 1;
        bool next_month =
            d.year == prev.year && d.month == prev.month + 1 && d.day == 1 &&
            prev.day == civil_days_in_month(prev.year, prev.month);
        bool next_year = d.year == prev.year + 1 && d.month == 1 &&
                         d.day == 1 && prev.month == 12 && prev.day == 31;
        if (!next_day && !next_month && !next_year)
            bad++;
        prev = d;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(prev.year, 2100);
    CHECK_INT(prev.month, 1);
    CHECK_INT(prev.day, 7);
}

static void test_leap_and_month_length(void)
{
    static const struct {
        int year;
        bool leap;
    } leaps[] = {
        {1900, false}, {2000, true}, {2024, true}, {2026, false},
        {2100, false}, {2400, true}, {2028, true}, {2027, false},
    };
    for (size_t i = 0; i < N_ITEMS(leaps); i++)
        CHECK_INT(civil_is_leap(leaps[i].year), leaps[i].leap);

    static const struct {
        int year, month, days;
    } months[] = {
        {2024, 2, 29}, {2026, 2, 28}, {1900, 2, 28},  {2000, 2, 29},
        {2026, 1, 31}, {2026, 4, 30}, {2026, 6, 30},  {2026, 7, 31},
        {2026, 8, 31}, {2026, 9, 30}, {2026, 11, 30}, {2026, 12, 31},
        {2026, 0, 0},  {2026, 13, 0}, {2026, -1, 0},
    };
    for (size_t i = 0; i < N_ITEMS(months); i++)
        CHECK_INT(civil_days_in_month(months[i].year, months[i].month),
                  months[i].days);
}

static void test_date_valid(void)
{
    static const struct {
        struct civil_date d;
        bool valid;
    } cases[] = {
        {{2026, 2, 28}, true},  {{2026, 2, 29}, false},  {{2024, 2, 29}, true},
        {{2024, 2, 30}, false}, {{2026, 4, 30}, true},   {{2026, 4, 31}, false},
        {{2026, 12, 31}, true}, {{2026, 12, 32}, false}, {{2026, 1, 0}, false},
        {{2026, 0, 1}, false},  {{2026, 13, 1}, false},  {{1900, 2, 29}, false},
        {{2000, 2, 29}, true},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++)
        CHECK_INT(civil_date_valid(cases[i].d), cases[i].valid);
}

static void test_parse_date(void)
{
    static const struct {
        const char *s;
        bool ok;
        int year, month, day;
    } cases[] = {
        {"2024-02-29", true, 2024, 2, 29},
        {"2026-02-28", true, 2026, 2, 28},
        {"2026-12-31", true, 2026, 12, 31},
        {"2027-01-01", true, 2027, 1, 1},
        {"1970-01-01", true, 1970, 1, 1},
        {"2026-02-29", false, 0, 0, 0}, /* 2026 is not a leap year */
        {"1900-02-29", false, 0, 0, 0},
        {"2026-04-31", false, 0, 0, 0},
        {"2026-1-01", false, 0, 0, 0}, /* month needs two digits */
        {"2026-01-1", false, 0, 0, 0},
        {"2026-13-01", false, 0, 0, 0},
        {"2026-00-10", false, 0, 0, 0},
        {"2026-01-00", false, 0, 0, 0},
        {"2026-01-32", false, 0, 0, 0},
        {"", false, 0, 0, 0},
        {"2026-01-01 ", false, 0, 0, 0}, /* trailing space */
        {" 2026-01-01", false, 0, 0, 0},
        {"2026-01-01T00:00", false, 0, 0, 0},
        {"2026/01/01", false, 0, 0, 0},
        {"20260101", false, 0, 0, 0},
        {"2026-0a-01", false, 0, 0, 0},
        {"+026-01-01", false, 0, 0, 0},
        {"-026-01-01", false, 0, 0, 0},
        {"2026-+1-01", false, 0, 0, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct civil_date d = {-1, -1, -1};
        bool ok = civil_parse_date(cases[i].s, &d);
        CHECK_INT(ok, cases[i].ok);
        if (cases[i].ok && ok) {
            CHECK_INT(d.year, cases[i].year);
            CHECK_INT(d.month, cases[i].month);
            CHECK_INT(d.day, cases[i].day);
        }
    }
    struct civil_date d = {-1, -1, -1};
    CHECK(!civil_parse_date(NULL, &d));
}

static void test_format_date(void)
{
    static const struct {
        struct civil_date d;
        const char *want;
        bool ok; /* year within 0001..9999 */
    } cases[] = {
        {{2026, 3, 5}, "2026-03-05", true},
        {{2026, 12, 31}, "2026-12-31", true},
        {{1, 1, 1}, "0001-01-01", true},
        {{999, 10, 10}, "0999-10-10", true},
        {{9999, 12, 31}, "9999-12-31", true},
        /* outside: expanded with a sign, never wrapped to 0000 */
        {{10000, 1, 1}, "+10000-01-01", false},
        {{0, 12, 31}, "+0000-12-31", false},
        {{-1, 12, 31}, "-0001-12-31", false},
        {{123456, 6, 15}, "+123456-06-15", false},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[16];
        CHECK_INT(civil_format_date(cases[i].d, out), cases[i].ok);
        CHECK_STR(out, cases[i].want);
    }
}

static void test_format_iso(void)
{
    static const struct {
        int64_t unix_s;
        int offset_min;
        const char *want;
    } cases[] = {
        /* The edges of years 0001..9999. */
        {CIVIL_MIN_UNIX, 0, "0001-01-01T00:00:00+00:00"},
        {CIVIL_MIN_UNIX, 420, "0001-01-01T07:00:00+07:00"},
        {CIVIL_MAX_UNIX, 0, "9999-12-31T23:59:59+00:00"},
        {CIVIL_MAX_UNIX - 25200, 420, "9999-12-31T23:59:59+07:00"},
        {0, 420, "1970-01-01T07:00:00+07:00"},
        {0, 0, "1970-01-01T00:00:00+00:00"},
        {-1, 0, "1969-12-31T23:59:59+00:00"},
        {-1, 420, "1970-01-01T06:59:59+07:00"},
        {0, -300, "1969-12-31T19:00:00-05:00"},
        {0, -90, "1969-12-31T22:30:00-01:30"},
        {0, -30, "1969-12-31T23:30:00-00:30"},
        {0, 330, "1970-01-01T05:30:00+05:30"},
        {0, 480, "1970-01-01T08:00:00+08:00"},
        {0, 540, "1970-01-01T09:00:00+09:00"},
        {86399, 0, "1970-01-01T23:59:59+00:00"},
        {86400, 0, "1970-01-02T00:00:00+00:00"},
        /* The header's example: 2026-03-25 08:30 UTC in WIB. */
        {1774427400, 420, "2026-03-25T15:30:00+07:00"},
        /* 2026-12-31 17:00 UTC is midnight of the new year in WIB. */
        {1798736400, 420, "2027-01-01T00:00:00+07:00"},
        {1798736399, 420, "2026-12-31T23:59:59+07:00"},
        {1798736400, 0, "2026-12-31T17:00:00+00:00"},
        /* Before 1970 and across a leap day. */
        {-2208988800, 0, "1900-01-01T00:00:00+00:00"},
        {-2208988800, -60, "1899-12-31T23:00:00-01:00"},
        {951782400, 0, "2000-02-29T00:00:00+00:00"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[32];
        CHECK(civil_format_iso(cases[i].unix_s, cases[i].offset_min, out));
        CHECK_STR(out, cases[i].want);
    }
}

/* Instants whose local year is 0000 or 10000: never a wrapped year. */
static void test_format_iso_out_of_range(void)
{
    static const struct {
        int64_t unix_s;
        int offset_min;
        const char *want;
    } cases[] = {
        {CIVIL_MAX_UNIX, 420, "+10000-01-01T06:59:59+07:00"},
        {CIVIL_MAX_UNIX + 1, 0, "+10000-01-01T00:00:00+00:00"},
        {CIVIL_MIN_UNIX - 1, 0, "+0000-12-31T23:59:59+00:00"},
        {CIVIL_MIN_UNIX, -60, "+0000-12-31T23:00:00-01:00"},
        {CIVIL_MIN_UNIX - 367LL * 86400, 0, "-0001-12-31T00:00:00+00:00"},
        {CIVIL_MAX_UNIX + 1 + 90000LL * 365 * 86400, 0,
         "+99940-03-31T00:00:00+00:00"},
        /* Far beyond any calendar: nothing rather than a wrong year. */
        {INT64_MAX, 0, ""},
        {INT64_MIN, 420, ""},
        {0, 100000, ""},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[32] = "unwritten";
        CHECK(!civil_format_iso(cases[i].unix_s, cases[i].offset_min, out));
        CHECK_STR(out, cases[i].want);
        CHECK(strncmp(out, "0000", 4) != 0);
    }
}

static void test_parse_hhmm(void)
{
    static const struct {
        const char *s;
        bool ok;
        int minutes;
    } cases[] = {
        {"00:00", true, 0},    {"00:01", true, 1},   {"07:30", true, 450},
        {"12:00", true, 720},  {"15:30", true, 930}, {"23:59", true, 1439},
        {"24:00", true, 1440}, {"24:01", false, 0},  {"25:00", false, 0},
        {"7:30", false, 0},    {"07:3", false, 0},   {"12:60", false, 0},
        {"99:99", false, 0},   {"", false, 0},       {"07:30 ", false, 0},
        {" 07:30", false, 0},  {"07-30", false, 0},  {"0a:00", false, 0},
        {"07:3a", false, 0},   {"-1:00", false, 0},  {"+7:30", false, 0},
        {"0730", false, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int m = -7;
        bool ok = civil_parse_hhmm(cases[i].s, &m);
        CHECK_INT(ok, cases[i].ok);
        if (cases[i].ok && ok)
            CHECK_INT(m, cases[i].minutes);
    }
    int m = -7;
    CHECK(!civil_parse_hhmm(NULL, &m));
}

int main(void)
{
    RUN(test_to_days);
    RUN(test_from_days);
    RUN(test_weekday);
    RUN(test_round_trip_span);
    RUN(test_leap_and_month_length);
    RUN(test_date_valid);
    RUN(test_parse_date);
    RUN(test_format_date);
    RUN(test_format_iso);
    RUN(test_format_iso_out_of_range);
    RUN(test_parse_hhmm);
    TEST_END();
}
