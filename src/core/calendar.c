/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar.c: working-time arithmetic (rules in calendar.h). */
#include "core/calendar.h"

#include "base/civil.h"

#define DAY_S 86400

static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

int64_t cal_local_day(const struct calendar *c, int64_t t)
{
    return floor_div(t + (int64_t)c->utc_offset_min * 60, DAY_S);
}

/* Unix seconds of local date day at minute m after midnight. */
static int64_t at_minute(const struct calendar *c, int64_t day, int m)
{
    return day * DAY_S + (int64_t)m * 60 - (int64_t)c->utc_offset_min * 60;
}

static bool year_loaded(const struct calendar *c, int year)
{
    for (size_t i = 0; i < c->n_years; i++)
        if (c->years[i] == year)
            return true;
    return false;
}

static bool is_closed(const struct calendar *c, int64_t day)
{
    size_t lo = 0, hi = c->n_closed;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->closed[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_closed && c->closed[lo] == day;
}

bool cal_is_working_day(const struct calendar *c, int64_t day,
                        bool *provisional)
{
    if (!year_loaded(c, civil_from_days(day).year) && provisional)
        *provisional = true;
    return hours_is_open_day(&c->hours, civil_weekday(day)) &&
           !is_closed(c, day);
}

struct deadline cal_effective_start(const struct calendar *c, int64_t t)
{
    struct deadline d = {.at = t, .provisional = false, .ok = false};
    int64_t day = cal_local_day(c, t);
    int64_t minute =
        floor_div(t + (int64_t)c->utc_offset_min * 60 - day * DAY_S, 60);
    for (int i = 0; i <= CAL_MAX_DAYS; i++, day++) {
        if (!cal_is_working_day(c, day, &d.provisional))
            continue;
        int wd = civil_weekday(day);
        int open = c->hours.open[wd], close = c->hours.close[wd];
        if (i == 0) {
            if (minute >= close)
                continue;
            if (minute >= open) {
                d.ok = true; /* inside opening hours: now */
                return d;
            }
        }
        d.at = at_minute(c, day, open);
        d.ok = true;
        return d;
    }
    return d;
}

struct deadline cal_add_working_days(const struct calendar *c, int64_t t, int n)
{
    struct deadline d = cal_effective_start(c, t);
    if (!d.ok)
        return d;
    int64_t day = cal_local_day(c, d.at);
    d.ok = false;
    for (int i = 0, found = 0; i < CAL_MAX_DAYS; i++) {
        day++;
        if (!cal_is_working_day(c, day, &d.provisional))
            continue;
        if (++found == n) {
            d.at = at_minute(c, day, c->hours.close[civil_weekday(day)]);
            d.ok = true;
            return d;
        }
    }
    return d;
}

struct deadline cal_add_working_minutes(const struct calendar *c, int64_t t,
                                        int64_t m)
{
    struct deadline d = cal_effective_start(c, t);
    if (!d.ok)
        return d;
    int64_t day = cal_local_day(c, d.at);
    int64_t now = d.at;
    int64_t s = m * 60; /* working seconds still to count */
    d.ok = false;
    for (int i = 0; i <= CAL_MAX_DAYS; i++, day++) {
        if (i > 0) {
            if (!cal_is_working_day(c, day, &d.provisional))
                continue;
            now = at_minute(c, day, c->hours.open[civil_weekday(day)]);
        }
        int64_t close = at_minute(c, day, c->hours.close[civil_weekday(day)]);
        /* Seconds, not whole minutes: what is left of today's opening
         * hours counts to the second (docs/WORKING-TIME.md, "Seconds"). */
        int64_t left_today = close - now;
        if (s <= left_today) {
            d.at = now + s;
            d.ok = true;
            return d;
        }
        s -= left_today;
    }
    return d;
}

struct open_state cal_open_state(const struct calendar *c, int64_t t)
{
    struct open_state s = {false, 0, 0};
    struct deadline d = cal_effective_start(c, t);
    if (!d.ok)
        return s;
    if (d.at == t) {
        int64_t day = cal_local_day(c, t);
        s.open = true;
        s.closes_at = at_minute(c, day, c->hours.close[civil_weekday(day)]);
    } else {
        s.opens_at = d.at;
    }
    return s;
}

int64_t cal_working_minutes_between(const struct calendar *c, int64_t from,
                                    int64_t to, bool *provisional)
{
    if (to <= from)
        return 0;
    int64_t total = 0;
    int64_t first = cal_local_day(c, from), last = cal_local_day(c, to);
    for (int64_t day = first; day <= last && day - first <= CAL_MAX_DAYS;
         day++) {
        if (!cal_is_working_day(c, day, provisional))
            continue;
        int wd = civil_weekday(day);
        int64_t open = at_minute(c, day, c->hours.open[wd]);
        int64_t close = at_minute(c, day, c->hours.close[wd]);
        int64_t a = from > open ? from : open;
        int64_t b = to < close ? to : close;
        if (b > a)
            total += b - a;
    }
    return total / 60; /* seconds summed over the days, then whole minutes */
}

int cal_working_days_late(const struct calendar *c, int64_t promised,
                          int64_t done)
{
    if (done <= promised)
        return 0;
    int64_t from = cal_local_day(c, promised), to = cal_local_day(c, done);
    int late = 0;
    for (int64_t day = from + 1; day <= to && day - from <= CAL_MAX_DAYS; day++)
        if (cal_is_working_day(c, day, NULL))
            late++;
    return late ? late : 1;
}
