/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_nik_regno.c: the NIK rules (README.md "The rules that must be
 * exact") and registration numbers (core/regno.h): the Damm check digit
 * (every single-digit error and every swap of neighbours is caught), and
 * the office field at its boundaries (0 refused, 1, 999, the wider field
 * from 1000 to 99999, refused beyond), with boundary values.
 */
#include <string.h>

#include "core/nik.h"
#include "core/regno.h"
#include "test.h"

static void test_nik_parse(void)
{
    static const struct {
        const char *nik;
        enum nik_verdict want;
        char sex;
        int day, month, yy;
    } cases[] = {
        {"3510160101900001", NIK_VALID, 'L', 1, 1, 90},
        {"3510164101900001", NIK_VALID, 'P', 1, 1, 90}, /* day + 40 */
        {"3510167112990123", NIK_VALID, 'P', 31, 12, 99},
        {"3510 1601 0190 0001", NIK_VALID, 'L', 1, 1, 90},
        {"35.10.16.010190.0001", NIK_VALID, 'L', 1, 1, 90},
        {"3510-1601-0190-0001", NIK_VALID, 'L', 1, 1, 90},
        {" 3510 16.01-0190 0001 ", NIK_VALID, 'L', 1, 1, 90},
        {"3510_1601_0190_0001", NIK_BAD_FORMAT, 0, 0, 0, 0},
        {"3510/1601/0190/0001", NIK_BAD_FORMAT, 0, 0, 0, 0},
        {"3510162902000001", NIK_VALID, 'L', 29, 2, 0}, /* 2000 leap */
        {"3510162902040001", NIK_VALID, 'L', 29, 2, 4}, /* 2004 leap */
        {"3510162902010001", NIK_BAD_DATE, 0, 0, 0, 0}, /* 1901/2001 */
        {"3510163002000001", NIK_BAD_DATE, 0, 0, 0, 0}, /* Feb 30 */
        {"3510163201900001", NIK_BAD_DATE, 0, 0, 0, 0}, /* day 32 */
        {"3510164001900001", NIK_BAD_DATE, 0, 0, 0, 0}, /* day 40 = 0 */
        {"3510167201900001", NIK_BAD_DATE, 0, 0, 0, 0}, /* 72 = 32 */
        {"3510160013900001", NIK_BAD_DATE, 0, 0, 0, 0}, /* month 13 */
        {"3510160100900001", NIK_BAD_DATE, 0, 0, 0, 0}, /* month 0 */
        {"3510160101900000", NIK_BAD_SERIAL, 0, 0, 0, 0},
        {"351016010190000", NIK_BAD_FORMAT, 0, 0, 0, 0}, /* 15 digits */
        {"35101601019000011", NIK_BAD_FORMAT, 0, 0, 0, 0},
        {"35101601019000O1", NIK_BAD_FORMAT, 0, 0, 0, 0}, /* letter O */
        {"", NIK_BAD_FORMAT, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct nik n;
        enum nik_verdict v = nik_parse(cases[i].nik, &n);
        if (v != cases[i].want)
            fprintf(stderr, "  case %s\n", cases[i].nik);
        CHECK_INT(v, cases[i].want);
        if (cases[i].want == NIK_VALID) {
            CHECK_INT(n.sex, cases[i].sex);
            CHECK_INT(n.day, cases[i].day);
            CHECK_INT(n.month, cases[i].month);
            CHECK_INT(n.yy, cases[i].yy);
            CHECK_STR(n.district, "35.10.16");
            CHECK_STR(n.regency, "35.10");
            CHECK_STR(n.province, "35");
        }
    }
    struct nik n;
    CHECK_INT(nik_parse(NULL, &n), NIK_BAD_FORMAT);
}

static void test_nik_classify_and_mask(void)
{
    CHECK_INT(nik_classify(NIK_VALID, true, true), NIK_VALID);
    CHECK_INT(nik_classify(NIK_VALID, true, false), NIK_VALID_WARNING);
    CHECK_INT(nik_classify(NIK_VALID, false, false), NIK_UNKNOWN_REGION);
    CHECK_INT(nik_classify(NIK_BAD_DATE, true, true), NIK_BAD_DATE);
    char out[17];
    nik_mask("3510164101900123", out);
    CHECK_STR(out, "351016********23");
    nik_mask("123", out);
    CHECK_STR(out, "****************");
    struct nik n;
    nik_parse("3510160101250001", &n);
    CHECK_INT(nik_birth_year(&n, 2026), 2025);
    nik_parse("3510160101300001", &n);
    CHECK_INT(nik_birth_year(&n, 2026), 1930);
    nik_parse("3510162902000001", &n);
    CHECK_INT(nik_birth_year(&n, 2026), 2000);
}

static void test_damm_known_values(void)
{
    /* The published example: 572 -> check digit 4. */
    CHECK_INT(damm_check_digit("572", 3), '4');
    CHECK(damm_valid("5724", 4));
    CHECK(!damm_valid("5727", 4));
    CHECK_INT(damm_check_digit("", 0), '0');
    char out[REGNO_MAX];
    regno_format(2026, 9, 42, out);
    CHECK(strncmp(out, "26-009-00042-", 13) == 0);
    CHECK_INT(strlen(out), 14);
    char canon[REGNO_MAX];
    CHECK_INT(regno_parse(out, canon), REGNO_OK);
    CHECK_STR(canon, out);
    regno_format(2027, 245, 123456, out);
    CHECK(strncmp(out, "27-245-123456-", 14) == 0);
    CHECK_INT(regno_parse(out, canon), REGNO_OK);
    CHECK_STR(canon, out);
}

/* The office field: three digits up to 999, then (digits - 1) zeros and
 * the number, so that the digits alone split one way only. */
static void test_regno_office_numbers(void)
{
    static const struct {
        int office;
        int64_t serial;
        const char *prefix; /* expected written form without the check */
    } cases[] = {
        {1, 1, "26-001-00001-"},
        {9, 42, "26-009-00042-"},
        {999, 42, "26-999-00042-"},
        {1000, 42, "26-0001000-00042-"},
        {1001, 1, "26-0001001-00001-"},
        {9999, 42, "26-0009999-00042-"},
        {10000, 42, "26-000010000-00042-"},
        {99999, 42, "26-000099999-00042-"},
        {100, 123456, "26-100-123456-"},
        {1000, 123456, "26-0001000-123456-"},
        {999, 9999999999LL, "26-999-9999999999-"},
        {99999, 9999999999LL, "26-000099999-9999999999-"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[REGNO_MAX], canon[REGNO_MAX];
        CHECK(regno_format(2026, cases[i].office, cases[i].serial, out));
        size_t plen = strlen(cases[i].prefix);
        if (strncmp(out, cases[i].prefix, plen) != 0)
            fprintf(stderr, "  office %d: %s\n", cases[i].office, out);
        CHECK(strncmp(out, cases[i].prefix, plen) == 0);
        CHECK_INT(strlen(out), plen + 1);
        /* Read back, with the hyphens and as bare digits. */
        CHECK_INT(regno_parse(out, canon), REGNO_OK);
        CHECK_STR(canon, out);
        char digits[REGNO_MAX];
        size_t n = 0;
        for (const char *p = out; *p; p++)
            if (*p != '-')
                digits[n++] = *p;
        digits[n] = '\0';
        CHECK_INT(regno_parse(digits, canon), REGNO_OK);
        CHECK_STR(canon, out);
    }
    /* Office 1000 no longer collides with office 0 (or 1000 with 1):
     * every office of a province gets numbers of its own. */
    char a[REGNO_MAX], b[REGNO_MAX];
    CHECK(regno_format(2026, 1000, 42, a));
    CHECK(regno_format(2026, 1, 42, b));
    CHECK(strcmp(a, b) != 0);
    /* The digits of office 1234 serial 56789 and of office 123 serial
     * 456789 would be the same without the leading zeros. */
    CHECK(regno_format(2026, 1234, 56789, a));
    CHECK(regno_format(2026, 123, 456789, b));
    CHECK(strcmp(a, b) != 0);
    /* Out of range: refused, out is "". */
    static const struct {
        int year, office;
        int64_t serial;
    } refused[] = {
        {2026, 0, 42},
        {2026, -1, 42},
        {2026, 100000, 42},
        {2026, 1000000, 42},
        {2026, 9, 0},
        {2026, 9, -5},
        {2026, 9, 10000000000LL},
        {-1, 9, 42},
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        char out[REGNO_MAX] = "x";
        CHECK(!regno_format(refused[i].year, refused[i].office,
                            refused[i].serial, out));
        CHECK_STR(out, "");
    }
    /* Field shapes the format never writes, even with a right check
     * digit: office "000" + 3 digits, 5 zeros, a serial of 4 or 11
     * digits, a 6-digit serial with a leading zero. */
    static const char *const bad_fields[] = {
        "2600010000042",     /* 000 + 100 + 00042: serial of 4 */
        "2600000100000042",  /* five zeros */
        "260090042",         /* serial of 4 (too short anyway) */
        "26009123456789012", /* serial of 11 */
        "26009012345",       /* 6-digit serial 012345 */
        "2600012345678",     /* 0001234 + 5678: serial of 4 */
    };
    for (size_t i = 0; i < sizeof(bad_fields) / sizeof(bad_fields[0]); i++) {
        char typed[REGNO_MAX + 2], canon[REGNO_MAX];
        size_t n = strlen(bad_fields[i]);
        memcpy(typed, bad_fields[i], n);
        typed[n] = damm_check_digit(bad_fields[i], n);
        typed[n + 1] = '\0';
        if (regno_parse(typed, canon) != REGNO_MALFORMED)
            fprintf(stderr, "  accepted %s\n", typed);
        CHECK_INT(regno_parse(typed, canon), REGNO_MALFORMED);
    }
}

static void test_every_single_error_and_swap_caught(void)
{
    char out[REGNO_MAX], canon[REGNO_MAX];
    int tried = 0;
    /* Offices across both field widths. */
    static const int offices[] = {1,   9,    10,   99,   100,   245,
                                  999, 1000, 4321, 9999, 10000, 99999};
    for (int serial = 1; serial < 3000; serial += 37) {
        int office =
            offices[(size_t)serial % (sizeof(offices) / sizeof(offices[0]))];
        CHECK(regno_format(2026, office, serial, out));
        char digits[REGNO_MAX];
        size_t n = 0;
        for (const char *p = out; *p; p++)
            if (*p != '-')
                digits[n++] = *p;
        digits[n] = '\0';
        CHECK_INT(regno_parse(digits, canon), REGNO_OK);
        /* Every single-digit substitution. */
        for (size_t i = 0; i < n; i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d == digits[i])
                    continue;
                char bad[REGNO_MAX];
                memcpy(bad, digits, n + 1);
                bad[i] = d;
                CHECK_INT(regno_parse(bad, canon), REGNO_BAD_CHECK);
                tried++;
            }
        }
        /* Every swap of neighbours that changes the string. */
        for (size_t i = 0; i + 1 < n; i++) {
            if (digits[i] == digits[i + 1])
                continue;
            char bad[REGNO_MAX];
            memcpy(bad, digits, n + 1);
            bad[i] = digits[i + 1];
            bad[i + 1] = digits[i];
            CHECK_INT(regno_parse(bad, canon), REGNO_BAD_CHECK);
            tried++;
        }
    }
    CHECK(tried > 5000);
}

static void test_regno_malformed(void)
{
    char canon[REGNO_MAX];
    CHECK_INT(regno_parse("", canon), REGNO_MALFORMED);
    CHECK_INT(regno_parse("26-009-0004", canon), REGNO_MALFORMED);
    CHECK_INT(regno_parse("26-009-00042-x", canon), REGNO_MALFORMED);
    /* 23 digits: longer than any number (22 at most). */
    CHECK_INT(regno_parse("26 009 00042 7 1 2 3 4 5 6 7 8 9 0 1 2", canon),
              REGNO_MALFORMED);
    CHECK_INT(regno_parse("<script>", canon), REGNO_MALFORMED);
    CHECK_INT(regno_parse(NULL, canon), REGNO_MALFORMED);
}

int main(void)
{
    RUN(test_nik_parse);
    RUN(test_nik_classify_and_mask);
    RUN(test_damm_known_values);
    RUN(test_regno_office_numbers);
    RUN(test_every_single_error_and_swap_caught);
    RUN(test_regno_malformed);
    TEST_END();
}
