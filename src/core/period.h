/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * period.h: the periods reports are asked for, in local dates (inclusive):
 * a month "2026-03", a quarter "2026-Q1", a semester "2026-S2", a year
 * "2026", or any from-to of at most ten years. Each has a previous period
 * of the same length: the same calendar unit before it, or for from-to
 * as many days just before it. Pure: "today" is an argument.
 */
#ifndef SP_CORE_PERIOD_H
#define SP_CORE_PERIOD_H

#include <stdbool.h>
#include <stdint.h>

#include <stddef.h>

#include "base/civil.h"
#include "core/lang.h"

struct period {
    struct civil_date from, to;           /* the period, inclusive */
    struct civil_date prev_from, prev_to; /* the previous one */
    int months; /* 1, 3, 6 or 12 for a calendar unit, 0 for from-to */
};

/*
 * Parse what a report was asked for: from and to (both "YYYY-MM-DD",
 * from <= to, at most 3660 days apart), else period (the forms above,
 * years 2000..2100), else the year of today. NULL or "" means not given.
 * False for anything else.
 */
bool period_parse(const char *from, const char *to, const char *period,
                  struct civil_date today, struct period *out);
/* The last n (1..120) calendar months up to and including the month of
 * today, oldest first: months[i] is "YYYY-MM" (8 bytes each). */
void period_last_months(struct civil_date today, int n, char months[][8]);
/*
 * [from, to] cut into whole calendar years, whole months and days, so that
 * sums kept per day, per month and per year cover it exactly once: head
 * days [head_from, head_to] ("YYYY-MM-DD"), head months [month_from,
 * month_to] ("YYYY-MM"), whole years [year_from, year_to] ("YYYY"), tail
 * months [month2_from, month2_to], tail days [tail_from, tail_to]. Without
 * a whole year every whole month is a head month. A part that is empty
 * has its from after its to ("9999-12-31" > "0000-01-01", "9999-12" >
 * "0000-01", "9999" > "0000").
 */
struct period_split {
    char head_from[16], head_to[16];
    char month_from[8], month_to[8];
    char year_from[8], year_to[8];
    char month2_from[8], month2_to[8];
    char tail_from[16], tail_to[16];
};
void period_split(struct civil_date from, struct civil_date to,
                  struct period_split *out);
/*
 * The period for people, into out (n bytes, at least 64): "Maret 2026" /
 * "March 2026", "Triwulan I 2026" / "Q1 2026", "Semester II 2026" /
 * "Second half 2026", "Tahun 2026" / "The year 2026", "1 Maret 2026" for
 * one day, "1 Maret – 19 April 2026" / "1 March – 19 April 2026" (the
 * year on both sides when they differ). months as in struct period (a
 * calendar unit only when from is its first day).
 */
void period_text(struct civil_date from, struct civil_date to, int months,
                 enum lang lang, char *out, size_t n);
/* The period as period_parse() reads it ("2026-03", "2026-Q1",
 * "2026-S2", "2026"), or "" for a from-to; out 16 bytes. */
void period_code(const struct period *p, char out[16]);
/* A month "YYYY-MM" for a chart's axis: "Jan 2026", "Agu 2026" /
 * "Aug 2026"; anything else is copied as it is (cut to 15 bytes). */
void period_month_label(const char *ym, enum lang lang, char out[16]);
/* "YYYY-MM" of a date into out (8 bytes). */
void period_month(struct civil_date d, char out[8]);

#endif
