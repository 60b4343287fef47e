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

void civil_format_date(struct civil_date d, char out[16])
{
    /* Fields are in range for valid dates; the modulo keeps gcc sure. */
    snprintf(out, 16, "%04d-%02d-%02d", d.year % 10000, d.month % 100,
             d.day % 100);
}

void civil_format_iso(int64_t unix_s, int offset_min, char out[32])
{
    int64_t local = unix_s + (int64_t)offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    struct civil_date d = civil_from_days(days);
    int off = offset_min < 0 ? -offset_min : offset_min;
    snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
             d.year % 10000, d.month % 100, d.day % 100, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60),
             offset_min < 0 ? '-' : '+', (off / 60) % 100, off % 60);
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

bool civil_parse_iso(const char *s, int64_t *out)
{
    char date[11];
    int hh, mm, ss = 0, oh = 0, om = 0, n = 0;
    char sign;
    if (!s || strlen(s) < 16 || s[10] != 'T')
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    struct civil_date d;
    if (!civil_parse_date(date, &d))
        return false;
    const char *t = s + 11;
    if (sscanf(t, "%2d:%2d%n", &hh, &mm, &n) != 2 || n != 5)
        return false;
    t += 5;
    if (*t == ':') {
        if (sscanf(t, ":%2d%n", &ss, &n) != 1 || n != 3)
            return false;
        t += 3;
    }
    if (*t == 'Z' && t[1] == '\0') {
        sign = '+';
    } else if ((*t == '+' || *t == '-') && strlen(t) == 6 && t[3] == ':' &&
               sscanf(t + 1, "%2d:%2d", &oh, &om) == 2) {
        sign = *t;
    } else {
        return false;
    }
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 || oh < 0 ||
        oh > 14 || om < 0 || om > 59)
        return false;
    int64_t off = (int64_t)(oh * 60 + om) * 60 * (sign == '-' ? -1 : 1);
    *out = civil_to_days(d) * 86400 + hh * 3600 + mm * 60 + ss - off;
    return true;
}
