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
/* Parse exactly "YYYY-MM-DD" of a valid date. */
bool civil_parse_date(const char *s, struct civil_date *out);
/* "YYYY-MM-DD" into out (16 bytes). */
void civil_format_date(struct civil_date d, char out[16]);
/*
 * Unix seconds as ISO 8601 local time at offset_min minutes east of UTC,
 * e.g. "2026-03-25T15:30:00+07:00"; out holds 32 bytes.
 */
void civil_format_iso(int64_t unix_s, int offset_min, char out[32]);
/*
 * Parse ISO 8601 "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" into Unix
 * seconds; false for anything else (no other forms, no missing zone).
 */
bool civil_parse_iso(const char *s, int64_t *out);
/* Parse "HH:MM" (00:00..23:59, or 24:00) into minutes after midnight. */
bool civil_parse_hhmm(const char *s, int *minutes);

#endif
