/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * civil.h: calendar arithmetic on the proleptic Gregorian calendar, with no
 * clock and no time zone database: days since 1970-01-01, dates, weekdays,
 * and ISO 8601 text with an explicit UTC offset.
 */
#ifndef SP_BASE_CIVIL_H
#define SP_BASE_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

struct civil_date {
    int year;  /* e.g. 2026 */
    int month; /* 1..12 */
    int day;   /* 1..31 */
};

/* Days since 1970-01-01 of a date (which need not be valid). */
int64_t civil_to_days(struct civil_date d);
struct civil_date civil_from_days(int64_t days);
/* 0 = Sunday .. 6 = Saturday. */
int civil_weekday(int64_t days);
bool civil_is_leap(int year);
int civil_days_in_month(int year, int month);
bool civil_date_valid(struct civil_date d);
/*
 * The instants this program takes and writes: years 0001 to 9999 in UTC,
 * 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z, as Unix seconds.
 */
#define CIVIL_MIN_UNIX (-62135596800LL)
#define CIVIL_MAX_UNIX 253402300799LL

/* Parse exactly "YYYY-MM-DD" of a valid date (years 0001..9999). */
bool civil_parse_date(const char *s, struct civil_date *out);
/*
 * "YYYY-MM-DD" into out (16 bytes). A year outside 0001..9999 is never
 * wrapped: it is written in ISO 8601's expanded form with a sign and at
 * least four digits ("+10000-01-01", "+0000-12-31", "-0001-12-31") and the
 * answer is false.
 */
bool civil_format_date(struct civil_date d, char out[16]);
/*
 * Unix seconds as ISO 8601 local time at offset_min minutes east of UTC,
 * e.g. "2026-03-25T15:30:00+07:00"; out holds 32 bytes. False when the
 * local date falls outside years 0001..9999; the year is then written
 * expanded as by civil_format_date ("+10000-01-01T06:59:59+07:00"), never
 * wrapped. Instants beyond +-10^14 s (3 million years) and offsets
 * beyond +-24 h write "".
 */
bool civil_format_iso(int64_t unix_s, int offset_min, char out[32]);

enum civil_iso {
    CIVIL_ISO_OK,
    CIVIL_ISO_MALFORMED,    /* not the form below, or no such date/time */
    CIVIL_ISO_OUT_OF_RANGE, /* the form, but outside CIVIL_MIN_UNIX..MAX */
};
/*
 * Parse ISO 8601 "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" into Unix
 * seconds (no other forms, no missing zone). A year of more than four
 * digits, with a sign, or 0000, and an instant outside CIVIL_MIN_UNIX ..
 * CIVIL_MAX_UNIX (e.g. 0001-01-01T00:00+07:00, which is still year 0000
 * in UTC) is CIVIL_ISO_OUT_OF_RANGE, so callers can say so.
 */
enum civil_iso civil_check_iso(const char *s, int64_t *out);
/*
 * The same, but a time written without a zone ("2026-03-02T15:00:30") is
 * read as local time at offset_min minutes east of UTC (the office's
 * zone); with a zone it is read as civil_check_iso() reads it.
 */
enum civil_iso civil_check_iso_local(const char *s, int offset_min,
                                     int64_t *out);
/* civil_check_iso(s, out) == CIVIL_ISO_OK. */
bool civil_parse_iso(const char *s, int64_t *out);
/* Parse "HH:MM" (00:00..23:59, or 24:00) into minutes after midnight. */
bool civil_parse_hhmm(const char *s, int *minutes);

#endif
