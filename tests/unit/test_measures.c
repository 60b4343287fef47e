/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_measures.c: the arithmetic of the performance measures
 * (core/measures.h) and report periods (core/period.h), against the
 * worked examples of docs/MEASURES.md and at their edges.
 */
#include <string.h>

#include "core/measures.h"
#include "core/period.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void date_is(struct civil_date d, const char *want)
{
    char s[16];
    civil_format_date(d, s);
    CHECK_STR(s, want);
}

static void test_periods(void)
{
    struct civil_date today = {2026, 11, 29};
    struct period p;
    CHECK(period_parse(NULL, NULL, NULL, today, &p)); /* this year */
    date_is(p.from, "2026-01-01");
    date_is(p.to, "2026-12-31");
    date_is(p.prev_from, "2025-01-01");
    date_is(p.prev_to, "2025-12-31");
    CHECK_INT(p.months, 12);
    CHECK(period_parse("", "", "2026-03", today, &p));
    date_is(p.from, "2026-03-01");
    date_is(p.to, "2026-03-31");
    date_is(p.prev_from, "2026-02-01");
    date_is(p.prev_to, "2026-02-28");
    CHECK(period_parse(NULL, NULL, "2026-01", today, &p));
    date_is(p.prev_from, "2025-12-01"); /* across the year */
    date_is(p.prev_to, "2025-12-31");
    CHECK(period_parse(NULL, NULL, "2024-Q1", today, &p));
    date_is(p.to, "2024-03-31");
    date_is(p.prev_from, "2023-10-01");
    date_is(p.prev_to, "2023-12-31");
    CHECK(period_parse(NULL, NULL, "2026-S2", today, &p));
    date_is(p.from, "2026-07-01");
    date_is(p.to, "2026-12-31");
    date_is(p.prev_from, "2026-01-01");
    date_is(p.prev_to, "2026-06-30");
    CHECK(period_parse(NULL, NULL, "2024-02", today, &p));
    date_is(p.to, "2024-02-29"); /* leap year */
    /* From-to: the previous period is as many days just before. */
    CHECK(period_parse("2026-03-10", "2026-03-19", NULL, today, &p));
    date_is(p.prev_from, "2026-02-28");
    date_is(p.prev_to, "2026-03-09");
    CHECK_INT(p.months, 0);
    CHECK(period_parse("2026-03-10", "2026-03-10", NULL, today, &p));
    date_is(p.prev_from, "2026-03-09");
    date_is(p.prev_to, "2026-03-09");
    /* Refused. */
    const char *bad[] = {"2026-13",    "2026-00", "2026-Q5", "2026-Q0",
                         "2026-S3",    "1999",    "2101",    "26",
                         "2026-1",     "2026-Q",  "2026Q1",  "abcd",
                         "2026-01-01", "2026-3"};
    for (size_t i = 0; i < N_ITEMS(bad); i++)
        CHECK(!period_parse(NULL, NULL, bad[i], today, &p));
    CHECK(!period_parse("2026-03-10", NULL, NULL, today, &p));
    CHECK(!period_parse("2026-03-10", "2026-03-09", NULL, today, &p));
    CHECK(!period_parse("2026-02-30", "2026-03-09", NULL, today, &p));
    CHECK(!period_parse("2016-01-01", "2026-03-09", NULL, today, &p));
    char months[12][8];
    period_last_months(today, 12, months);
    CHECK_STR(months[0], "2025-12");
    CHECK_STR(months[11], "2026-11");
    period_last_months((struct civil_date){2026, 1, 5}, 2, months);
    CHECK_STR(months[0], "2025-12");
    CHECK_STR(months[1], "2026-01");
}

static void split_is(const char *from, const char *to, const char *want)
{
    struct civil_date a, b;
    CHECK(civil_parse_date(from, &a) && civil_parse_date(to, &b));
    struct period_split p;
    period_split(a, b, &p);
    char got[200];
    snprintf(got, sizeof(got), "%s..%s %s..%s %s..%s %s..%s %s..%s",
             p.head_from, p.head_to, p.month_from, p.month_to, p.year_from,
             p.year_to, p.month2_from, p.month2_to, p.tail_from, p.tail_to);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "  split %s..%s\n", from, to);
    CHECK_STR(got, want);
}

/* Empty parts, as the split writes them. */
#define ND "9999-12-31..0000-01-01"
#define NM "9999-12..0000-01"
#define NY "9999..0000"

static void test_split(void)
{
    /* A whole year: one year row, nothing else. */
    split_is("2026-01-01", "2026-12-31", ND " " NM " 2026..2026 " NM " " ND);
    /* Whole months inside a year: months only. */
    split_is("2026-02-01", "2026-02-28",
             ND " 2026-02..2026-02 " NY " " NM " " ND);
    split_is("2026-01-01", "2026-11-30",
             ND " 2026-01..2026-11 " NY " " NM " " ND);
    /* Days at both ends around whole months. */
    split_is("2026-01-15", "2026-04-10",
             "2026-01-15..2026-01-31 2026-02..2026-03 " NY " " NM
             " 2026-04-01..2026-04-10");
    /* Inside one month: days only. */
    split_is("2026-03-10", "2026-03-19",
             "2026-03-10..2026-03-19 " NM " " NY " " NM " " ND);
    split_is("2026-03-31", "2026-04-01",
             "2026-03-31..2026-04-01 " NM " " NY " " NM " " ND);
    /* Across a year end without a whole year, and a leap February as the
     * last month. */
    split_is("2025-12-02", "2026-01-31",
             "2025-12-02..2025-12-31 2026-01..2026-01 " NY " " NM " " ND);
    split_is("2024-01-01", "2024-02-29",
             ND " 2024-01..2024-02 " NY " " NM " " ND);
    split_is("2024-01-01", "2024-02-28",
             ND " 2024-01..2024-01 " NY " " NM " 2024-02-01..2024-02-28");
    /* A year and more: days, months, years, months, days. */
    split_is("2024-11-15", "2027-02-10",
             "2024-11-15..2024-11-30 2024-12..2024-12 2025..2026 "
             "2027-01..2027-01 2027-02-01..2027-02-10");
    split_is("2025-01-01", "2026-03-31",
             ND " " NM " 2025..2025 "
                "2026-01..2026-03 " ND);
    split_is("2024-12-31", "2025-12-31",
             "2024-12-31..2024-12-31 " NM " 2025..2025 " NM " " ND);
    /* 365 days not on a year's edge: months only, no year. */
    split_is("2025-11-30", "2026-11-29",
             "2025-11-30..2025-11-30 2025-12..2026-10 " NY " " NM
             " 2026-11-01..2026-11-29");
    /* One day; and a from after to: everything empty. */
    split_is("2026-05-01", "2026-05-01",
             "2026-05-01..2026-05-01 " NM " " NY " " NM " " ND);
    split_is("2026-05-02", "2026-05-01", ND " " NM " " NY " " NM " " ND);
}

#undef ND
#undef NM
#undef NY

static void test_days(void)
{
    struct hours h;
    CHECK(hours_parse(HOURS_DEFAULT, &h));
    CHECK_INT(measure_day_minutes(&h), 462); /* (4 x 480 + 390) / 5 */
    CHECK(hours_parse("-,08:00-16:00,08:00-16:00,-,-,-,-", &h));
    CHECK_INT(measure_day_minutes(&h), 480);
    CHECK(hours_parse("-,-,-,-,-,-,-", &h));
    CHECK_INT(measure_day_minutes(&h), 0);
    /* Half up: 3 days of 480, 480, 481 -> 480.33 -> 480; 481,481,480 ->
     * 480.67 -> 481; 481, 480 -> 480.5 -> 481. */
    CHECK(hours_parse("-,08:00-16:00,08:00-16:00,08:00-16:01,-,-,-", &h));
    CHECK_INT(measure_day_minutes(&h), 480);
    CHECK(hours_parse("-,08:00-16:01,08:00-16:00,-,-,-,-", &h));
    CHECK_INT(measure_day_minutes(&h), 481);
    /* Tenths of a day, half up. */
    CHECK_INT(measure_tenths_of_days(924, 462), 20);
    CHECK_INT(measure_tenths_of_days(0, 462), 0);
    CHECK_INT(measure_tenths_of_days(-5, 462), 0);
    CHECK_INT(measure_tenths_of_days(22, 462), 0);   /* 0.0476 */
    CHECK_INT(measure_tenths_of_days(23, 462), 0);   /* 0.0498 */
    CHECK_INT(measure_tenths_of_days(24, 480), 1);   /* exactly 0.05 */
    CHECK_INT(measure_tenths_of_days(23, 480), 0);   /* 0.0479 */
    CHECK_INT(measure_tenths_of_days(810, 462), 18); /* 1.753 */
    CHECK_INT(measure_tenths_of_days(100, 0), 0);
}

static void test_percentiles(void)
{
    int64_t v = -1;
    CHECK(!measure_percentile(NULL, 0, 50, &v));
    struct measure_bucket one[] = {{7, 1}};
    CHECK(measure_percentile(one, 1, 50, &v));
    CHECK_INT(v, 7);
    CHECK(measure_percentile(one, 1, 90, &v));
    CHECK_INT(v, 7);
    /* 1..10 once each: median (rank 5) 5, p90 (rank 9) 9, p100 10. */
    struct measure_bucket ten[10];
    for (int i = 0; i < 10; i++)
        ten[i] = (struct measure_bucket){10 - i, 1}; /* any order */
    CHECK(measure_percentile(ten, 10, 50, &v));
    CHECK_INT(v, 5);
    CHECK(measure_percentile(ten, 10, 90, &v));
    CHECK_INT(v, 9);
    CHECK(measure_percentile(ten, 10, 100, &v));
    CHECK_INT(v, 10);
    CHECK(measure_percentile(ten, 10, 1, &v));
    CHECK_INT(v, 1);
    /* The worked example of MEASURES.md: 2.0 x 3, 0.5 x 1, 7.5 x 1 (in
     * tenths), repeated values split over two buckets. N = 5: median rank
     * 3 -> 20, p90 rank ceil(4.5) = 5 -> 75. */
    struct measure_bucket w[] = {{20, 2}, {5, 1}, {75, 1}, {20, 1}, {3, 0}};
    CHECK(measure_percentile(w, N_ITEMS(w), 50, &v));
    CHECK_INT(v, 20);
    CHECK(measure_percentile(w, N_ITEMS(w), 90, &v));
    CHECK_INT(v, 75);
    /* Even N: nearest rank takes the lower middle. */
    struct measure_bucket even[] = {{1, 1}, {2, 1}, {3, 1}, {4, 1}};
    CHECK(measure_percentile(even, 4, 50, &v));
    CHECK_INT(v, 2);
    CHECK(!measure_percentile(even, 4, 0, &v));
    CHECK(!measure_percentile(even, 4, 101, &v));
    /* In value order (the store's order) the one-pass walk must agree with
     * any other order of the same buckets: repeated values, empty and
     * negative counts, the first and the last bucket reaching the rank. */
    struct measure_bucket sorted[] = {{0, 0}, {1, 2}, {1, 1}, {3, -4},
                                      {4, 0}, {6, 3}, {9, 1}};
    struct measure_bucket reversed[N_ITEMS(sorted)];
    for (size_t i = 0; i < N_ITEMS(sorted); i++)
        reversed[i] = sorted[N_ITEMS(sorted) - 1 - i];
    for (int pct = 1; pct <= 100; pct++) {
        int64_t a = -1, b = -2;
        CHECK(measure_percentile(sorted, N_ITEMS(sorted), pct, &a));
        CHECK(measure_percentile(reversed, N_ITEMS(reversed), pct, &b));
        CHECK_INT(a, b);
    }
    /* N = 7 (counts 2 + 1 + 3 + 1): p1 rank 1 -> 1; p42 rank 3 -> 1;
     * p43 rank ceil(3.01) = 4 -> 6; p86 rank ceil(6.02) = 7 -> 9. */
    CHECK(measure_percentile(sorted, N_ITEMS(sorted), 1, &v));
    CHECK_INT(v, 1);
    CHECK(measure_percentile(sorted, N_ITEMS(sorted), 42, &v));
    CHECK_INT(v, 1);
    CHECK(measure_percentile(sorted, N_ITEMS(sorted), 43, &v));
    CHECK_INT(v, 6);
    CHECK(measure_percentile(sorted, N_ITEMS(sorted), 86, &v));
    CHECK_INT(v, 9);
    CHECK(measure_percentile(sorted, N_ITEMS(sorted), 85, &v));
    CHECK_INT(v, 6);
    /* Only empty or negative counts: no percentile. */
    struct measure_bucket none[] = {{1, 0}, {2, -1}};
    CHECK(!measure_percentile(none, 2, 50, &v));
}

static void test_percentages(void)
{
    int64_t x = -1;
    CHECK(!measure_pct_x10(0, 0, &x));
    CHECK(measure_pct_x10(0, 5, &x));
    CHECK_INT(x, 0);
    CHECK(measure_pct_x10(5, 5, &x));
    CHECK_INT(x, 1000);
    CHECK(measure_pct_x10(2, 3, &x)); /* 66.666 -> 66.7 */
    CHECK_INT(x, 667);
    CHECK(measure_pct_x10(1, 3, &x)); /* 33.333 -> 33.3 */
    CHECK_INT(x, 333);
    CHECK(measure_pct_x10(1, 8, &x)); /* 12.5 exactly */
    CHECK_INT(x, 125);
    CHECK(measure_pct_x10(1, 16, &x)); /* 6.25 -> 6.3, half up */
    CHECK_INT(x, 63);
    CHECK(measure_pct_x10(7, 8, &x)); /* 87.5 */
    CHECK_INT(x, 875);
}

static void test_ranking(void)
{
    struct measure_rankable items[] = {
        {40, 30, "35.10.03"}, /* 75 % */
        {19, 19, "35.10.01"}, /* 100 % but below the minimum of 20 */
        {20, 19, "35.10.02"}, /* 95 % */
        {80, 60, "35.10.04"}, /* 75 %, more completed: ahead of .03 */
        {40, 30, "35.10.00"}, /* 75 %, same as .03: by code */
        {0, 0, "35.10.05"},   /* nothing completed */
    };
    int rank[N_ITEMS(items)];
    size_t order[N_ITEMS(items)];
    measure_rank(items, N_ITEMS(items), 20, rank, order);
    CHECK_INT(rank[2], 1);
    CHECK_INT(rank[3], 2);
    CHECK_INT(rank[4], 3);
    CHECK_INT(rank[0], 4);
    CHECK_INT(rank[1], 0);
    CHECK_INT(rank[5], 0);
    size_t want[] = {2, 3, 4, 0, 1, 5};
    for (size_t i = 0; i < N_ITEMS(want); i++)
        CHECK_INT(order[i], want[i]);
    /* A minimum of 0 ranks every office with something completed. */
    measure_rank(items, N_ITEMS(items), 0, rank, order);
    CHECK_INT(rank[1], 1);
    CHECK_INT(rank[5], 0);
    measure_rank(items, 0, 20, rank, order); /* nothing: no crash */
}

static void test_period_code(void)
{
    /* Every code parses back to the same period. */
    const char *codes[] = {"2026-03", "2026-Q1", "2026-Q4", "2026-S1",
                           "2026-S2", "2026",    "2000-01", "2100-12"};
    struct civil_date today = {2026, 11, 29};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        struct period p;
        CHECK(period_parse(NULL, NULL, codes[i], today, &p));
        char out[16];
        period_code(&p, out);
        CHECK_STR(out, codes[i]);
    }
    struct period p;
    CHECK(period_parse("2026-03-01", "2026-03-31", NULL, today, &p));
    char out[16];
    period_code(&p, out);
    CHECK_STR(out, "");
}

static void test_month_label(void)
{
    char out[16];
    period_month_label("2026-08", LANG_ID, out);
    CHECK_STR(out, "Agu 2026");
    period_month_label("2026-08", LANG_EN, out);
    CHECK_STR(out, "Aug 2026");
    period_month_label("2025-12", LANG_ID, out);
    CHECK_STR(out, "Des 2025");
    period_month_label("2026-13", LANG_ID, out);
    CHECK_STR(out, "2026-13");
    period_month_label("2026-1", LANG_ID, out);
    CHECK_STR(out, "2026-1");
    period_month_label("2026-01x", LANG_ID, out);
    CHECK_STR(out, "2026-01x");
}

static void test_period_text(void)
{
    char out[96];
    struct civil_date mar1 = {2026, 3, 1}, mar31 = {2026, 3, 31};
    period_text(mar1, mar31, 1, LANG_ID, out, sizeof(out));
    CHECK_STR(out, "Maret 2026");
    period_text(mar1, mar31, 1, LANG_EN, out, sizeof(out));
    CHECK_STR(out, "March 2026");
    period_text((struct civil_date){2026, 10, 1},
                (struct civil_date){2026, 12, 31}, 3, LANG_ID, out,
                sizeof(out));
    CHECK_STR(out, "Triwulan IV 2026");
    period_text((struct civil_date){2026, 10, 1},
                (struct civil_date){2026, 12, 31}, 3, LANG_EN, out,
                sizeof(out));
    CHECK_STR(out, "Q4 2026");
    period_text((struct civil_date){2026, 7, 1},
                (struct civil_date){2026, 12, 31}, 6, LANG_ID, out,
                sizeof(out));
    CHECK_STR(out, "Semester II 2026");
    period_text((struct civil_date){2026, 1, 1},
                (struct civil_date){2026, 6, 30}, 6, LANG_EN, out, sizeof(out));
    CHECK_STR(out, "First half 2026");
    period_text((struct civil_date){2026, 1, 1},
                (struct civil_date){2026, 12, 31}, 12, LANG_ID, out,
                sizeof(out));
    CHECK_STR(out, "Tahun 2026");
    /* From-to: one day, within a year, across years. */
    period_text(mar1, mar1, 0, LANG_ID, out, sizeof(out));
    CHECK_STR(out, "1 Maret 2026");
    period_text((struct civil_date){2026, 3, 10},
                (struct civil_date){2026, 4, 19}, 0, LANG_ID, out, sizeof(out));
    CHECK_STR(out, "10 Maret – 19 April 2026");
    period_text((struct civil_date){2025, 12, 29},
                (struct civil_date){2026, 1, 2}, 0, LANG_EN, out, sizeof(out));
    CHECK_STR(out, "29 December 2025 – 2 January 2026");
    /* A from-to that happens to be a whole month is still from-to. */
    period_text(mar1, mar31, 0, LANG_ID, out, sizeof(out));
    CHECK_STR(out, "1 Maret – 31 Maret 2026");
}

int main(void)
{
    RUN(test_period_text);
    RUN(test_period_code);
    RUN(test_month_label);
    RUN(test_periods);
    RUN(test_split);
    RUN(test_days);
    RUN(test_percentiles);
    RUN(test_percentages);
    RUN(test_ranking);
    TEST_END();
}
