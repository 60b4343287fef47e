/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* civil.c: Howard Hinnant's days-from-civil algorithms. */
#include "base/civil.h"

#include <stdio.h>
#include <string.h>

int64_t civil_to_days(struct civil_date d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t mp = (d.month + 9) % 12;
    int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct civil_date civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    struct civil_date r = {(int)(y + (m <= 2)), (int)m, (int)d};
    return r;
}

int civil_weekday(int64_t days)
{
    return (int)(days >= -4 ? (days + 4) % 7 : (days + 5) % 7 + 6);
}

bool civil_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int civil_days_in_month(int year, int month)
{
    static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && civil_is_leap(year) ? 29 : dim[month - 1];
}

bool civil_date_valid(struct civil_date d)
{
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= civil_days_in_month(d.year, d.month);
}

static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool civil_parse_date(const char *s, struct civil_date *out)
{
    struct civil_date d;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (!digits(s, 4, &d.year) || !digits(s + 5, 2, &d.month) ||
        !digits(s + 8, 2, &d.day))
        return false;
    if (!civil_date_valid(d))
        return false;
    *out = d;
    return true;
}

/* The year as ISO 8601 writes it: "2026", or expanded "+10000", "-0001". */
static bool format_year(long long year, char out[16])
{
    if (year >= 1 && year <= 9999) {
        snprintf(out, 16, "%04lld", year);
        return true;
    }
    snprintf(out, 16, "%c%04lld", year < 0 ? '-' : '+',
             year < 0 ? -year : year);
    return false;
}

bool civil_format_date(struct civil_date d, char out[16])
{
    char y[16];
    bool ok = format_year(d.year, y);
    /* Month and day are in range for valid dates; % keeps gcc sure. */
    snprintf(out, 16, "%.9s-%02d-%02d", y, (d.month % 100 + 100) % 100,
             (d.day % 100 + 100) % 100);
    return ok;
}

bool civil_format_iso(int64_t unix_s, int offset_min, char out[32])
{
    /* 10^14 s is about 3.2 million years: the year fits an int, and the
     * sums below cannot overflow. */
    if (unix_s < -100000000000000LL || unix_s > 100000000000000LL ||
        offset_min < -24 * 60 || offset_min > 24 * 60) {
        out[0] = '\0';
        return false;
    }
    int64_t local = unix_s + (int64_t)offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    struct civil_date d = civil_from_days(days);
    char date[16];
    bool ok = civil_format_date(d, date);
    unsigned off = (unsigned)(offset_min < 0 ? -offset_min : offset_min);
    unsigned hms = (unsigned)secs; /* 0..86399 */
    snprintf(out, 32, "%.14sT%02u:%02u:%02u%c%02u:%02u", date, hms / 3600 % 24,
             hms / 60 % 60, hms % 60, offset_min < 0 ? '-' : '+',
             off / 60 % 100, off % 60);
    return ok;
}

bool civil_parse_hhmm(const char *s, int *minutes)
{
    int h, m;
    if (!s || strlen(s) != 5 || s[2] != ':' || !digits(s, 2, &h) ||
        !digits(s + 3, 2, &m))
        return false;
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}

static enum civil_iso check_iso(const char *s, const int *local_offset,
                                int64_t *out);

enum civil_iso civil_check_iso(const char *s, int64_t *out)
{
    return check_iso(s, NULL, out);
}

enum civil_iso civil_check_iso_local(const char *s, int offset_min,
                                     int64_t *out)
{
    return check_iso(s, &offset_min, out);
}

/* local_offset: NULL when a zone is required, else the zone of a time
 * written without one. */
static enum civil_iso check_iso(const char *s, const int *local_offset,
                                int64_t *out)
{
    if (!s)
        return CIVIL_ISO_MALFORMED;
    /* The year: four digits, or (out of range) a sign and/or more. */
    const char *p = s;
    bool expanded = *p == '+' || *p == '-';
    bool negative = *p == '-';
    if (expanded)
        p++;
    size_t nd = 0;
    long long year = 0;
    while (p[nd] >= '0' && p[nd] <= '9') {
        if (nd < 12)
            year = year * 10 + (p[nd] - '0');
        nd++;
    }
    if (nd < 4 || nd > 12)
        return CIVIL_ISO_MALFORMED;
    expanded |= nd != 4;
    if (negative)
        year = -year;
    const char *r = p + nd; /* "-MM-DDTHH:MM[:SS]zone" */
    int month, day, hh, mm, ss = 0, oh = 0, om = 0;
    if (r[0] != '-' || !digits(r + 1, 2, &month) || r[3] != '-' ||
        !digits(r + 4, 2, &day) || r[6] != 'T' || !digits(r + 7, 2, &hh) ||
        r[9] != ':' || !digits(r + 10, 2, &mm))
        return CIVIL_ISO_MALFORMED;
    const char *t = r + 12;
    if (*t == ':') {
        if (!digits(t + 1, 2, &ss))
            return CIVIL_ISO_MALFORMED;
        t += 3;
    }
    char sign;
    if (*t == '\0' && local_offset && *local_offset > -24 * 60 &&
        *local_offset < 24 * 60) {
        int a = *local_offset < 0 ? -*local_offset : *local_offset;
        sign = *local_offset < 0 ? '-' : '+';
        oh = a / 60;
        om = a % 60;
    } else if (*t == 'Z' && t[1] == '\0') {
        sign = '+';
    } else if ((*t == '+' || *t == '-') && strlen(t) == 6 &&
               digits(t + 1, 2, &oh) && t[3] == ':' && digits(t + 4, 2, &om)) {
        sign = *t;
    } else {
        return CIVIL_ISO_MALFORMED;
    }
    /* Leap years repeat every 400 years: check the day on that cycle. */
    int cycle = (int)(((year % 400) + 400) % 400);
    if (month < 1 || month > 12 || day < 1 ||
        day > civil_days_in_month(cycle, month) || hh > 23 || mm > 59 ||
        ss > 59 || oh > 14 || om > 59)
        return CIVIL_ISO_MALFORMED;
    if (expanded || year < 1)
        return CIVIL_ISO_OUT_OF_RANGE;
    struct civil_date d = {(int)year, month, day};
    int64_t off = (int64_t)(oh * 60 + om) * 60 * (sign == '-' ? -1 : 1);
    int64_t v = civil_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss - off;
    if (v < CIVIL_MIN_UNIX || v > CIVIL_MAX_UNIX)
        return CIVIL_ISO_OUT_OF_RANGE;
    *out = v;
    return CIVIL_ISO_OK;
}

bool civil_parse_iso(const char *s, int64_t *out)
{
    return civil_check_iso(s, out) == CIVIL_ISO_OK;
}
