/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * measures.h: the arithmetic of the performance measures
 * (docs/MEASURES.md): processing time in tenths of working days,
 * percentiles by nearest rank over a histogram, percentages with one
 * decimal rounded half up, changes against the previous period, and the
 * ranking of offices. Pure: the counts come from the caller.
 */
#ifndef SP_CORE_MEASURES_H
#define SP_CORE_MEASURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hours.h"

/*
 * An office's working day, in minutes: its weekly opening minutes divided
 * by its number of open weekdays, rounded half up (Banyuwangi's default
 * week: (4 x 480 + 390) / 5 = 462). 0 when it never opens.
 */
int64_t measure_day_minutes(const struct hours *h);
/*
 * Working minutes as tenths of working days of day_minutes each, rounded
 * half up (924 minutes of a 462-minute day: 20, i.e. 2.0 days). 0 when
 * day_minutes is not positive.
 */
int64_t measure_tenths_of_days(int64_t minutes, int64_t day_minutes);

/* One bar of a histogram: n values equal to value. */
struct measure_bucket {
    int64_t value; /* the value (minutes, or tenths of days) */
    int64_t n;     /* how many times it occurred */
};

/*
 * The pct-th percentile (1..100) by nearest rank: the smallest value v such
 * that at least ceil(pct/100 x N) of the N values are <= v. buckets in any
 * order (values distinct or not); false when N is 0.
 */
bool measure_percentile(const struct measure_bucket *buckets, size_t n, int pct,
                        int64_t *out);

/*
 * part / whole as a percentage in tenths (875 = 87.5 %), rounded half up;
 * false when whole is 0 (no value: "null" in the API, "—" on pages).
 */
bool measure_pct_x10(int64_t part, int64_t whole, int64_t *out);

/* What the ranking looks at, per office. */
struct measure_rankable {
    int64_t completed; /* applications completed in the period */
    int64_t on_time;   /* of those, on time */
    const char *code;  /* office code: the last tie-break */
};

/*
 * Rank offices by on-time rate, highest first; ties by more completed
 * applications, then by code. An office with fewer than min_completed
 * completed applications is not ranked: rank[i] = 0. Ranked offices get
 * 1, 2, ... (distinct). order[] receives every index, ranked first in rank
 * order, then the unranked by code. n <= 100000.
 */
void measure_rank(const struct measure_rankable *items, size_t n,
                  int64_t min_completed, int *rank, size_t *order);

#endif
