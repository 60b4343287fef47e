/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* regno.c: Damm check digits and registration numbers (see regno.h). */
#include "core/regno.h"

#include <stdio.h>
#include <string.h>

/* The Damm quasigroup of order 10 (weakly totally anti-symmetric). */
static const unsigned char damm[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

static unsigned char damm_interim(const char *digits, size_t n)
{
    unsigned char x = 0;
    for (size_t i = 0; i < n; i++)
        x = damm[x][digits[i] - '0'];
    return x;
}

char damm_check_digit(const char *digits, size_t n)
{
    return (char)('0' + damm_interim(digits, n));
}

bool damm_valid(const char *digits, size_t n)
{
    return n > 0 && damm_interim(digits, n) == 0;
}

void regno_format(int year, int office_no, int64_t serial, char out[REGNO_MAX])
{
    char digits[REGNO_MAX];
    int n = snprintf(digits, sizeof(digits), "%02d%03d%05lld", year % 100,
                     office_no % 1000, (long long)(serial % 100000000000LL));
    char check = damm_check_digit(digits, (size_t)n);
    snprintf(out, REGNO_MAX, "%.2s-%.3s-%.11s-%c", digits, digits + 2,
             digits + 5, check);
}

enum regno_check regno_parse(const char *typed, char canon[REGNO_MAX])
{
    char digits[REGNO_MAX];
    size_t n = 0;
    for (const char *p = typed; p && *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '.')
            continue;
        if (*p < '0' || *p > '9' || n >= 16)
            return REGNO_MALFORMED;
        digits[n++] = *p;
    }
    if (n < 11)
        return REGNO_MALFORMED;
    if (!damm_valid(digits, n))
        return REGNO_BAD_CHECK;
    snprintf(canon, REGNO_MAX, "%.2s-%.3s-%.*s-%c", digits, digits + 2,
             (int)(n - 6), digits + 5, digits[n - 1]);
    return REGNO_OK;
}
