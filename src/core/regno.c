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

/* Decimal digits of n > 0. */
static int n_digits(long long n)
{
    int d = 0;
    for (; n > 0; n /= 10)
        d++;
    return d;
}

bool regno_format(int year, int office_no, int64_t serial, char out[REGNO_MAX])
{
    out[0] = '\0';
    if (year < 0 || office_no < 1 || office_no > REGNO_OFFICE_MAX ||
        serial < 1 || serial > REGNO_SERIAL_MAX)
        return false;
    char office[12];
    if (office_no <= 999) {
        snprintf(office, sizeof(office), "%03d", office_no);
    } else {
        int zeros = n_digits(office_no) - 1;
        snprintf(office, sizeof(office), "%.*s%d", zeros, "0000", office_no);
    }
    char digits[REGNO_MAX];
    int n = snprintf(digits, sizeof(digits), "%02d%s%05lld", year % 100, office,
                     (long long)serial);
    char check = damm_check_digit(digits, (size_t)n);
    snprintf(out, REGNO_MAX, "%.2s-%s-%s-%c", digits, office,
             digits + 2 + strlen(office), check);
    return true;
}

/* Width of the office field at the start of body[0..n), or 0 if none. */
static size_t office_width(const char *body, size_t n)
{
    size_t zeros = 0;
    while (zeros < n && body[zeros] == '0')
        zeros++;
    if (zeros <= 2)
        return 3;
    /* 1000..99999: 3 or 4 zeros, then the 4 or 5 digits. */
    if (zeros > (size_t)n_digits(REGNO_OFFICE_MAX) - 1)
        return 0;
    return 2 * zeros + 1;
}

enum regno_check regno_parse(const char *typed, char canon[REGNO_MAX])
{
    char digits[REGNO_MAX];
    size_t n = 0;
    for (const char *p = typed; p && *p; p++) {
        if (*p == ' ' || *p == '-' || *p == '.')
            continue;
        if (*p < '0' || *p > '9' || n >= REGNO_MAX - 4)
            return REGNO_MALFORMED;
        digits[n++] = *p;
    }
    if (n < 11)
        return REGNO_MALFORMED;
    if (!damm_valid(digits, n))
        return REGNO_BAD_CHECK;
    /* The office and the serial lie between the year and the check. */
    const char *body = digits + 2;
    size_t body_len = n - 3;
    size_t ow = office_width(body, body_len);
    if (ow == 0 || ow > body_len)
        return REGNO_MALFORMED;
    size_t sw = body_len - ow;
    if (sw < 5 || sw > 10 || (sw > 5 && body[ow] == '0'))
        return REGNO_MALFORMED;
    snprintf(canon, REGNO_MAX, "%.2s-%.*s-%.*s-%c", digits, (int)ow, body,
             (int)sw, body + ow, digits[n - 1]);
    return REGNO_OK;
}
