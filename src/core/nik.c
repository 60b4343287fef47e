/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* nik.c: NIK syntax and date rules (see nik.h). */
#include "core/nik.h"

#include <stdio.h>
#include <string.h>

enum nik_verdict nik_parse(const char *s, struct nik *out)
{
    memset(out, 0, sizeof(*out));
    size_t n = 0;
    for (const char *p = s; p && *p; p++) {
        if (*p == ' ' || *p == '.' || *p == '-')
            continue;
        if (*p < '0' || *p > '9' || n == 16)
            return NIK_BAD_FORMAT;
        out->digits[n++] = *p;
    }
    if (n != 16)
        return NIK_BAD_FORMAT;
    const char *d = out->digits;
    memcpy(out->province, d, 2);
    memcpy(out->regency, d, 2);
    out->regency[2] = '.';
    memcpy(out->regency + 3, d + 2, 2);
    memcpy(out->district, out->regency, 5);
    out->district[5] = '.';
    memcpy(out->district + 6, d + 4, 2);
    int day = (d[6] - '0') * 10 + (d[7] - '0');
    out->month = (d[8] - '0') * 10 + (d[9] - '0');
    out->yy = (d[10] - '0') * 10 + (d[11] - '0');
    out->sex = day > 40 ? 'P' : 'L';
    out->day = day > 40 ? day - 40 : day;
    struct civil_date c19 = {1900 + out->yy, out->month, out->day};
    struct civil_date c20 = {2000 + out->yy, out->month, out->day};
    if (!civil_date_valid(c19) && !civil_date_valid(c20))
        return NIK_BAD_DATE;
    if (memcmp(d + 12, "0000", 4) == 0)
        return NIK_BAD_SERIAL;
    return NIK_VALID;
}

enum nik_verdict nik_classify(enum nik_verdict parsed, bool regency_known,
                              bool district_known)
{
    if (parsed != NIK_VALID)
        return parsed;
    if (!regency_known)
        return NIK_UNKNOWN_REGION;
    return district_known ? NIK_VALID : NIK_VALID_WARNING;
}

void nik_mask(const char *digits, char out[17])
{
    size_t n = digits ? strlen(digits) : 0;
    if (n != 16) {
        memcpy(out, "****************", 17);
        return;
    }
    memcpy(out, digits, 6);
    memset(out + 6, '*', 8);
    memcpy(out + 14, digits + 14, 2);
    out[16] = '\0';
}

int nik_birth_year(const struct nik *n, int this_year)
{
    int y = 2000 + n->yy;
    struct civil_date c20 = {y, n->month, n->day};
    if (y > this_year || !civil_date_valid(c20))
        y -= 100;
    return y;
}

/* The n decimal digits at s as a number; false unless all n are digits. */
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

/* Parse "YYYY-MM-DD", "DD-MM-YYYY" or "DD/MM/YYYY" (optional spaces
 * around; every field with all its digits); false otherwise. */
static bool parse_birth(const char *t, int *d, int *m, int *y)
{
    while (*t == ' ')
        t++;
    if (strnlen(t, 10) < 10)
        return false;
    bool iso = digits(t, 4, y) && t[4] == '-' && digits(t + 5, 2, m) &&
               t[7] == '-' && digits(t + 8, 2, d); /* YYYY-MM-DD */
    bool dmy = !iso && digits(t, 2, d) && (t[2] == '-' || t[2] == '/') &&
               digits(t + 3, 2, m) && t[5] == t[2] &&
               digits(t + 6, 4, y); /* DD-MM-YYYY, DD/MM/YYYY */
    if (!iso && !dmy)
        return false;
    for (const char *p = t + 10; *p; p++)
        if (*p != ' ')
            return false;
    return *y >= 1000 && *y <= 9999;
}

bool nik_birth_matches(const char *digits, const char *typed)
{
    if (!digits || !typed || strlen(digits) != 16)
        return false;
    for (int i = 0; i < 16; i++)
        if (digits[i] < '0' || digits[i] > '9')
            return false;
    int d = 0, m = 0, y = 0;
    if (!parse_birth(typed, &d, &m, &y))
        return false;
    int nd = (digits[6] - '0') * 10 + (digits[7] - '0');
    int nm = (digits[8] - '0') * 10 + (digits[9] - '0');
    int ny = (digits[10] - '0') * 10 + (digits[11] - '0');
    if (nd > 40)
        nd -= 40;
    return d >= 1 && d == nd && m == nm && y % 100 == ny;
}
