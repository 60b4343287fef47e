/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_calendar.c: working time (core/calendar.h, docs/WORKING-TIME.md)
 * at every edge: after hours, Friday afternoon, weekends, the holiday run
 * 2026-03-18..24, year end, a year not yet loaded, the stopped clock.
 * Expected instants were worked out by hand from the 2026 decree and the
 * default hours (Mon-Thu 07:30-15:30, Fri 07:30-14:00, WIB = UTC+7).
 */
#include "base/civil.h"
#include "core/calendar.h"
#include "test.h"

/* National holidays and collective leave 2026 (data/calendar/ID-2026.csv). */
static const char *const holidays_2026[] = {
    "2026-01-01", "2026-01-16", "2026-02-16", "2026-02-17", "2026-03-18",
    "2026-03-19", "2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23",
    "2026-03-24", "2026-04-03", "2026-04-05", "2026-05-01", "2026-05-14",
    "2026-05-15", "2026-05-27", "2026-05-28", "2026-05-31", "2026-06-01",
    "2026-06-16", "2026-08-17", "2026-08-25", "2026-12-24", "2026-12-25"};
#define N_HOL (sizeof(holidays_2026) / sizeof(holidays_2026[0]))

static int64_t closed[N_HOL + 1];
static const int years[] = {2026};
static struct calendar cal;

static int64_t day_of(const char *date)
{
    struct civil_date d;
    if (!civil_parse_date(date, &d))
        return 0;
    return civil_to_days(d);
}

/* Unix seconds of a WIB wall-clock time. */
static int64_t wib(const char *date, int hh, int mm)
{
    return day_of(date) * 86400 + hh * 3600 + mm * 60 - 7 * 3600;
}

static void setup(void)
{
    for (size_t i = 0; i < N_HOL; i++)
        closed[i] = day_of(holidays_2026[i]);
    hours_parse(HOURS_DEFAULT, &cal.hours);
    cal.utc_offset_min = 420;
    cal.closed = closed;
    cal.n_closed = N_HOL;
    cal.years = years;
    cal.n_years = 1;
}

static void test_working_days(void)
{
    static const struct {
        const char *date; /* submission, local */
        int hh, mm;
        int n;                /* working days */
        const char *due_date; /* expected, local */
        int due_hh, due_mm;
        bool provisional;
        const char *why;
    } cases[] = {
        {"2026-03-02", 10, 0, 1, "2026-03-03", 15, 30, false, "Mon in hours"},
        {"2026-03-02", 7, 30, 1, "2026-03-03", 15, 30, false, "at opening"},
        {"2026-03-02", 6, 0, 1, "2026-03-03", 15, 30, false, "before open"},
        {"2026-03-02", 15, 29, 1, "2026-03-03", 15, 30, false, "last minute"},
        {"2026-03-02", 15, 30, 1, "2026-03-04", 15, 30, false, "at closing"},
        {"2026-03-02", 20, 0, 1, "2026-03-04", 15, 30, false, "after hours"},
        {"2026-03-05", 15, 0, 1, "2026-03-06", 14, 0, false, "due Friday"},
        {"2026-03-06", 13, 0, 1, "2026-03-09", 15, 30, false, "Fri in hours"},
        {"2026-03-06", 14, 0, 1, "2026-03-10", 15, 30, false, "Fri closing"},
        {"2026-03-06", 15, 0, 1, "2026-03-10", 15, 30, false, "Fri after"},
        {"2026-03-07", 10, 0, 1, "2026-03-10", 15, 30, false, "Saturday"},
        {"2026-03-08", 23, 59, 1, "2026-03-10", 15, 30, false, "Sunday"},
        {"2026-03-02", 10, 0, 5, "2026-03-09", 15, 30, false, "a week"},
        {"2026-03-17", 10, 0, 1, "2026-03-25", 15, 30, false, "before run"},
        {"2026-03-17", 10, 0, 3, "2026-03-27", 14, 0, false, "over run"},
        {"2026-03-19", 9, 0, 1, "2026-03-26", 15, 30, false, "in run"},
        {"2026-03-24", 16, 0, 1, "2026-03-26", 15, 30, false, "run's end"},
        {"2026-12-23", 10, 0, 2, "2026-12-29", 15, 30, false, "Christmas"},
        {"2026-12-30", 10, 0, 1, "2026-12-31", 15, 30, false, "year end"},
        {"2026-12-31", 10, 0, 1, "2027-01-01", 14, 0, true, "into 2027"},
        {"2027-06-01", 10, 0, 1, "2027-06-02", 15, 30, true, "2027 only"},
        {"2025-12-31", 10, 0, 1, "2026-01-02", 14, 0, true, "from 2025"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct deadline d = cal_add_working_days(
            &cal, wib(cases[i].date, cases[i].hh, cases[i].mm), cases[i].n);
        int64_t want = wib(cases[i].due_date, cases[i].due_hh, cases[i].due_mm);
        if (d.at != want || d.provisional != cases[i].provisional) {
            char got[32];
            civil_format_iso(d.at, 420, got);
            fprintf(stderr, "  case %s: got %s%s\n", cases[i].why, got,
                    d.provisional ? " (provisional)" : "");
        }
        CHECK(d.ok);
        CHECK_INT(d.at, want);
        CHECK_INT(d.provisional, cases[i].provisional);
    }
}

static void test_working_minutes(void)
{
    static const struct {
        const char *date;
        int hh, mm;
        int64_t minutes;
        const char *due_date;
        int due_hh, due_mm;
        const char *why;
    } cases[] = {
        {"2026-03-02", 10, 0, 60, "2026-03-02", 11, 0, "in hours"},
        {"2026-03-02", 15, 0, 30, "2026-03-02", 15, 30, "ends at closing"},
        {"2026-03-02", 15, 0, 31, "2026-03-03", 7, 31, "one over"},
        {"2026-03-02", 20, 0, 60, "2026-03-03", 8, 30, "after hours"},
        {"2026-03-02", 6, 0, 60, "2026-03-02", 8, 30, "before opening"},
        {"2026-03-06", 13, 30, 60, "2026-03-09", 8, 0, "Friday afternoon"},
        {"2026-03-07", 12, 0, 15, "2026-03-09", 7, 45, "weekend"},
        {"2026-03-17", 15, 0, 60, "2026-03-25", 8, 0, "over the run"},
        {"2026-03-02", 10, 0, 0, "2026-03-02", 10, 0, "zero"},
        {"2026-03-02", 20, 0, 0, "2026-03-03", 7, 30, "zero after hours"},
        {"2026-03-02", 7, 30, 480 + 480 + 480 + 480 + 390, "2026-03-06", 14, 0,
         "a full week to Friday closing"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct deadline d = cal_add_working_minutes(
            &cal, wib(cases[i].date, cases[i].hh, cases[i].mm),
            cases[i].minutes);
        int64_t want = wib(cases[i].due_date, cases[i].due_hh, cases[i].due_mm);
        if (d.at != want) {
            char got[32];
            civil_format_iso(d.at, 420, got);
            fprintf(stderr, "  case %s: got %s\n", cases[i].why, got);
        }
        CHECK(d.ok);
        CHECK_INT(d.at, want);
        CHECK(!d.provisional);
    }
}

static void test_minutes_between_and_clock_stop(void)
{
    bool prov = false;
    CHECK_INT(cal_working_minutes_between(&cal, wib("2026-03-02", 10, 0),
                                          wib("2026-03-03", 10, 0), &prov),
              330 + 150);
    CHECK_INT(cal_working_minutes_between(&cal, wib("2026-03-06", 13, 0),
                                          wib("2026-03-09", 8, 0), &prov),
              60 + 30);
    CHECK_INT(cal_working_minutes_between(&cal, wib("2026-03-17", 15, 0),
                                          wib("2026-03-25", 7, 30), &prov),
              30);
    CHECK_INT(cal_working_minutes_between(&cal, wib("2026-03-03", 10, 0),
                                          wib("2026-03-02", 10, 0), &prov),
              0);
    CHECK(!prov);

    /* Submitted Mon 10:00 for 2 days: due Wed 15:30. Returned Tue 10:00:
     * 330 + 480 = 810 minutes left. Resubmitted Mon 09:00 the next week:
     * 390 on Monday, 420 on Tuesday -> due Tue 14:30. */
    struct deadline due =
        cal_add_working_days(&cal, wib("2026-03-02", 10, 0), 2);
    CHECK_INT(due.at, wib("2026-03-04", 15, 30));
    int64_t left = cal_working_minutes_between(&cal, wib("2026-03-03", 10, 0),
                                               due.at, &prov);
    CHECK_INT(left, 810);
    struct deadline resumed =
        cal_add_working_minutes(&cal, wib("2026-03-09", 9, 0), left);
    CHECK_INT(resumed.at, wib("2026-03-10", 14, 30));
    /* Resubmitted inside the holiday run: the clock waits for it. */
    resumed = cal_add_working_minutes(&cal, wib("2026-03-20", 9, 0), 60);
    CHECK_INT(resumed.at, wib("2026-03-25", 8, 30));
}

static void test_days_late(void)
{
    int64_t promised = wib("2026-03-03", 15, 30);
    CHECK_INT(cal_working_days_late(&cal, promised, promised), 0);
    CHECK_INT(cal_working_days_late(&cal, promised, promised - 60), 0);
    CHECK_INT(cal_working_days_late(&cal, promised, promised + 60), 1);
    CHECK_INT(cal_working_days_late(&cal, promised, wib("2026-03-05", 9, 0)),
              2);
    CHECK_INT(cal_working_days_late(&cal, wib("2026-03-17", 15, 30),
                                    wib("2026-03-25", 9, 0)),
              1);
    CHECK_INT(cal_working_days_late(&cal, wib("2026-03-06", 14, 0),
                                    wib("2026-03-09", 8, 0)),
              1);
}

/* Unix seconds of a WIB wall-clock time with seconds. */
static int64_t wibs(const char *date, int hh, int mm, int ss)
{
    return wib(date, hh, mm) + ss;
}

/*
 * Seconds (docs/WORKING-TIME.md, "Seconds"): working time is counted to
 * the second, the same inside a day and across closing. LEGALISASI, 30
 * minutes, handed in Mon 15:00:30: 29 min 30 s that day, 30 s the next
 * morning -> 07:30:30 (not 07:31:00).
 */
static void test_seconds(void)
{
    static const struct {
        int hh, mm, ss;
        int64_t minutes;
        const char *due_date;
        int due_hh, due_mm, due_ss;
        const char *why;
    } cases[] = {
        {15, 0, 30, 30, "2026-03-03", 7, 30, 30, "carries past closing"},
        {15, 0, 30, 29, "2026-03-02", 15, 29, 30, "inside the day"},
        {10, 0, 30, 60, "2026-03-02", 11, 0, 30, "inside the day, 60"},
        {15, 0, 0, 30, "2026-03-02", 15, 30, 0, "ends at closing"},
        {15, 29, 59, 1, "2026-03-03", 7, 30, 59, "one second before"},
        {15, 29, 59, 0, "2026-03-02", 15, 29, 59, "zero, last second"},
        {15, 30, 0, 1, "2026-03-03", 7, 31, 0, "at closing"},
        {7, 29, 59, 1, "2026-03-02", 7, 31, 0, "before opening"},
        {15, 0, 1, 509, "2026-03-03", 15, 29, 1, "a day across"},
        {15, 0, 1, 510, "2026-03-04", 7, 30, 1, "a second past Tuesday"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct deadline d = cal_add_working_minutes(
            &cal, wibs("2026-03-02", cases[i].hh, cases[i].mm, cases[i].ss),
            cases[i].minutes);
        int64_t want = wibs(cases[i].due_date, cases[i].due_hh, cases[i].due_mm,
                            cases[i].due_ss);
        if (d.at != want) {
            char got[32];
            civil_format_iso(d.at, 420, got);
            fprintf(stderr, "  case %s: got %s\n", cases[i].why, got);
        }
        CHECK(d.ok);
        CHECK_INT(d.at, want);
    }
    /* Working minutes between two instants: seconds summed over the days,
     * then whole minutes (30 s on Monday + 30 s on Tuesday = 1 minute). */
    bool prov = false;
    CHECK_INT(cal_working_minutes_between(&cal, wibs("2026-03-02", 15, 29, 30),
                                          wibs("2026-03-03", 7, 30, 30), &prov),
              1);
    CHECK_INT(cal_working_minutes_between(&cal, wibs("2026-03-02", 15, 29, 30),
                                          wibs("2026-03-03", 7, 30, 29), &prov),
              0);
    /* The stopped clock to the second: returned at 15:00:30 with a promise
     * of Tue 07:30:30 -> 30 minutes left -> resubmitted Wed 15:00:30 ->
     * Thu 07:30:30, the same rule. */
    int64_t left =
        cal_working_minutes_between(&cal, wibs("2026-03-02", 15, 0, 30),
                                    wibs("2026-03-03", 7, 30, 30), &prov);
    CHECK_INT(left, 30);
    struct deadline r =
        cal_add_working_minutes(&cal, wibs("2026-03-04", 15, 0, 30), left);
    CHECK_INT(r.at, wibs("2026-03-05", 7, 30, 30));
}

/* Open now, and until when or from when (the office directory). */
static void test_open_state(void)
{
    static const struct {
        const char *date;
        int hh, mm, ss;
        bool open;
        const char *at_date; /* closes (open) or opens (closed) */
        int at_hh, at_mm;
    } cases[] = {
        {"2026-03-02", 10, 0, 0, true, "2026-03-02", 15, 30},
        {"2026-03-02", 7, 30, 0, true, "2026-03-02", 15, 30},
        {"2026-03-02", 7, 29, 59, false, "2026-03-02", 7, 30},
        {"2026-03-02", 15, 29, 59, true, "2026-03-02", 15, 30},
        {"2026-03-02", 15, 30, 0, false, "2026-03-03", 7, 30},
        {"2026-03-06", 13, 59, 0, true, "2026-03-06", 14, 0},
        {"2026-03-06", 14, 0, 0, false, "2026-03-09", 7, 30},
        {"2026-03-07", 9, 0, 0, false, "2026-03-09", 7, 30},
        {"2026-03-17", 16, 0, 0, false, "2026-03-25", 7, 30},
        {"2026-03-19", 9, 0, 0, false, "2026-03-25", 7, 30},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct open_state s = cal_open_state(
            &cal, wibs(cases[i].date, cases[i].hh, cases[i].mm, cases[i].ss));
        int64_t want = wib(cases[i].at_date, cases[i].at_hh, cases[i].at_mm);
        CHECK_INT(s.open, cases[i].open);
        CHECK_INT(cases[i].open ? s.closes_at : s.opens_at, want);
    }
    struct calendar never = cal;
    hours_parse("-,-,-,-,-,-,-", &never.hours);
    struct open_state s = cal_open_state(&never, wib("2026-03-02", 10, 0));
    CHECK(!s.open);
    CHECK_INT(s.opens_at, 0);
}

static void test_office_variants(void)
{
    /* A kelurahan open on Saturday mornings too. */
    struct calendar sat = cal;
    hours_parse("-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,"
                "07:30-14:00,08:00-12:00",
                &sat.hours);
    struct deadline d = cal_add_working_days(&sat, wib("2026-03-06", 13, 0), 1);
    CHECK_INT(d.at, wib("2026-03-07", 12, 0));
    /* An office closure on a working day moves the deadline. */
    static int64_t with_closure[N_HOL + 1];
    size_t n = 0;
    bool inserted = false;
    for (size_t i = 0; i < N_HOL; i++) {
        if (!inserted && closed[i] > day_of("2026-03-03")) {
            with_closure[n++] = day_of("2026-03-03");
            inserted = true;
        }
        with_closure[n++] = closed[i];
    }
    struct calendar shut = cal;
    shut.closed = with_closure;
    shut.n_closed = n;
    CHECK(!cal_is_working_day(&shut, day_of("2026-03-03"), NULL));
    d = cal_add_working_days(&shut, wib("2026-03-02", 10, 0), 1);
    CHECK_INT(d.at, wib("2026-03-04", 15, 30));
    /* An office that never opens: no deadline, no endless loop. */
    struct calendar never = cal;
    hours_parse("-,-,-,-,-,-,-", &never.hours);
    d = cal_add_working_days(&never, wib("2026-03-02", 10, 0), 1);
    CHECK(!d.ok);
    d = cal_add_working_minutes(&never, wib("2026-03-02", 10, 0), 10);
    CHECK(!d.ok);
    /* WITA (UTC+8): the same wall-clock rules an hour earlier in UTC. */
    struct calendar wita = cal;
    wita.utc_offset_min = 480;
    d = cal_add_working_days(&wita, wib("2026-03-02", 9, 0), 1);
    CHECK_INT(d.at, wib("2026-03-03", 14, 30));
}

int main(void)
{
    setup();
    RUN(test_working_days);
    RUN(test_working_minutes);
    RUN(test_minutes_between_and_clock_stop);
    RUN(test_days_late);
    RUN(test_seconds);
    RUN(test_open_state);
    RUN(test_office_variants);
    TEST_END();
}
