/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * calendar.h: working time. The exact rules (docs/WORKING-TIME.md):
 *
 * An office works on a local date when the office has opening hours on
 * that weekday, the date is not a national holiday or collective leave
 * day, and the office is not closed that day. Times are Unix seconds
 * (UTC); dates are local to the office (utc_offset_min).
 *
 * Effective start: a submission inside opening hours starts the clock at
 * once; one outside them (before opening, after closing, on a closed day)
 * starts it at the next opening.
 *
 * N working days: due at closing time on the Nth working day after the
 * date of the effective start. Example: Monday 10:00, 1 day -> Tuesday at
 * closing; Friday 16:00 (after closing) -> effective Monday 07:30 ->
 * 1 day -> Tuesday at closing.
 *
 * M working minutes: counted only inside opening hours from the effective
 * start, to the second (what is left of a day carries its seconds to the
 * next opening); due at the instant the Mth minute ends (which may be a
 * closing time, never the following opening).
 *
 * Clock stop: while an application is returned to the citizen its clock
 * stops; the working minutes left between the stop and the promised
 * instant are kept, and on resubmission the new promised instant is that
 * many working minutes after the effective resubmission.
 *
 * Provisional: a year whose national calendar is not loaded is computed
 * on weekends and opening hours alone; any deadline that looked at such a
 * date is marked provisional.
 *
 * Pure functions: no clock, no I/O. The caller supplies the calendar.
 */
#ifndef SP_CORE_CALENDAR_H
#define SP_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hours.h"

/* How far ahead a search for a working day goes before giving up. */
#define CAL_MAX_DAYS (5 * 366)

struct calendar {
    struct hours hours;    /* weekly opening hours of the office */
    int utc_offset_min;    /* office zone, e.g. 420 for WIB */
    const int64_t *closed; /* sorted local dates (days since epoch) on
                              which the office is closed: holidays,
                              collective leave, office closures */
    size_t n_closed;       /* entries in closed */
    const int *years;      /* years whose national calendar is loaded */
    size_t n_years;        /* entries in years */
};

struct deadline {
    int64_t at;       /* Unix seconds of the deadline */
    bool provisional; /* an unloaded year was involved */
    bool ok;          /* false: no working day within CAL_MAX_DAYS */
};

/* Local date (days since 1970-01-01) of instant t at the office. */
int64_t cal_local_day(const struct calendar *c, int64_t t);
/* True when the office works on local date day; *provisional set when the
 * day's year is not loaded (never cleared). */
bool cal_is_working_day(const struct calendar *c, int64_t day,
                        bool *provisional);
/* The effective start of a submission at t (see above). */
struct deadline cal_effective_start(const struct calendar *c, int64_t t);
/* Due instant for n >= 1 working days after a submission at t. */
struct deadline cal_add_working_days(const struct calendar *c, int64_t t,
                                     int n);
/* Due instant for m >= 0 working minutes after a submission at t. */
struct deadline cal_add_working_minutes(const struct calendar *c, int64_t t,
                                        int64_t m);
/* Whether the office is open at t ("open now"), and until when, or when
 * it opens next (the next working day's opening: holidays, leave and the
 * office's closures skipped). */
struct open_state {
    bool open;         /* inside opening hours on a working day */
    int64_t closes_at; /* when open: today's closing */
    int64_t opens_at;  /* when closed: the next opening (0: never) */
};
struct open_state cal_open_state(const struct calendar *c, int64_t t);
/* Working minutes inside opening hours between from and to (0 if to <=
 * from). */
int64_t cal_working_minutes_between(const struct calendar *c, int64_t from,
                                    int64_t to, bool *provisional);
/*
 * Working days late: 0 when done <= promised, else the number of working
 * days from the promised instant's local date (exclusive) to the local
 * date of done (inclusive); at least 1 when late.
 */
int cal_working_days_late(const struct calendar *c, int64_t promised,
                          int64_t done);

#endif
