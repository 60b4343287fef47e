/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_iso_contact.c: ISO 8601 instants (civil_parse_iso) and the shapes
 * of phone numbers and e-mail addresses (core/contact.h), with edges.
 */
#include "base/civil.h"
#include "core/contact.h"
#include "test.h"

static void test_iso(void)
{
    static const struct {
        const char *s;
        bool ok;
        int64_t t;
    } cases[] = {
        {"1970-01-01T00:00:00Z", true, 0},
        {"1970-01-01T07:00:00+07:00", true, 0},
        {"1970-01-01T07:00+07:00", true, 0},
        {"1969-12-31T19:00:00-05:00", true, 0},
        {"2026-03-02T10:00:00+07:00", true, 1772420400},
        {"2026-02-29T10:00:00Z", false, 0},
        {"2026-03-02T24:00:00Z", false, 0},
        {"2026-03-02T10:60:00Z", false, 0},
        {"2026-03-02T10:00:00", false, 0},
        {"2026-03-02 10:00:00Z", false, 0},
        {"2026-03-02T10:00:00+15:00", false, 0},
        {"2026-03-02T10:00:00+0700", false, 0},
        {"2026-03-02T10:00:00Zjunk", false, 0},
        {"", false, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t t = -1;
        bool ok = civil_parse_iso(cases[i].s, &t);
        if (ok != cases[i].ok)
            fprintf(stderr, "  case %s\n", cases[i].s);
        CHECK_INT(ok, cases[i].ok);
        if (cases[i].ok)
            CHECK_INT(t, cases[i].t);
    }
    int64_t t;
    CHECK(!civil_parse_iso(NULL, &t));
}

/* The years 0001..9999 (UTC) at their edges; the reason for a refusal. */
static void test_iso_range(void)
{
    static const struct {
        const char *s;
        enum civil_iso want;
        int64_t t;
    } cases[] = {
        {"0001-01-01T00:00:00Z", CIVIL_ISO_OK, CIVIL_MIN_UNIX},
        {"0001-01-01T07:00:00+07:00", CIVIL_ISO_OK, CIVIL_MIN_UNIX},
        {"0001-01-01T00:00:00-01:00", CIVIL_ISO_OK, CIVIL_MIN_UNIX + 3600},
        /* year 0001 locally, but 0000 in UTC */
        {"0001-01-01T00:00:00+07:00", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"0001-01-01T06:59:59+07:00", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"0000-12-31T23:59:59Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"0000-01-01T00:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"9999-12-31T23:59:59Z", CIVIL_ISO_OK, CIVIL_MAX_UNIX},
        {"9999-12-31T23:59:59+07:00", CIVIL_ISO_OK, CIVIL_MAX_UNIX - 25200},
        /* year 9999 locally, but 10000 in UTC */
        {"9999-12-31T23:59:59-00:01", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"9999-12-31T23:00:00-01:00", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"10000-01-01T00:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"10000-02-29T00:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0}, /* leap */
        {"99999-12-31T23:59:59+07:00", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"+2026-03-02T10:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"-0001-01-01T00:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        {"+10000-01-01T00:00:00Z", CIVIL_ISO_OUT_OF_RANGE, 0},
        /* not the form, or no such date or time: malformed */
        {"10000-02-30T00:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"10000-01-01T24:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"0000-13-01T00:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"999-01-01T00:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"1234567890123-01-01T00:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"+-2026-01-01T00:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T1:00:00Z", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T 1:00Z", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T10:00:0Z", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T10:00:00+7:00", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T10:00:00+07:0", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02T10:00:00+07:00 ", CIVIL_ISO_MALFORMED, 0},
        {"2026-03-02", CIVIL_ISO_MALFORMED, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t t = -1;
        enum civil_iso got = civil_check_iso(cases[i].s, &t);
        if (got != cases[i].want)
            fprintf(stderr, "  case %s\n", cases[i].s);
        CHECK_INT(got, cases[i].want);
        CHECK_INT(civil_parse_iso(cases[i].s, &t), got == CIVIL_ISO_OK);
        if (cases[i].want == CIVIL_ISO_OK)
            CHECK_INT(t, cases[i].t);
    }
    int64_t t = 0;
    CHECK_INT(civil_check_iso(NULL, &t), CIVIL_ISO_MALFORMED);
}

static void test_contact(void)
{
    CHECK(contact_phone_valid("081234567890"));
    CHECK(contact_phone_valid("+62 812-3456-7890"));
    CHECK(contact_phone_valid("12345678"));          /* 8 digits */
    CHECK(!contact_phone_valid("1234567"));          /* 7 */
    CHECK(contact_phone_valid("123456789012345"));   /* 15 */
    CHECK(!contact_phone_valid("1234567890123456")); /* 16 */
    CHECK(!contact_phone_valid("0812+3456789"));     /* + inside */
    CHECK(!contact_phone_valid("0812abc34567"));
    CHECK(!contact_phone_valid(NULL));
    CHECK(contact_email_valid("siti@example.id"));
    CHECK(!contact_email_valid("siti@"));
    CHECK(!contact_email_valid("@example.id"));
    CHECK(!contact_email_valid("siti@example"));
    CHECK(!contact_email_valid("siti@example.id."));
    CHECK(!contact_email_valid("si ti@example.id"));
    CHECK(!contact_email_valid("a@b@c.id"));
    CHECK(!contact_email_valid(NULL));
}

int main(void)
{
    RUN(test_iso);
    RUN(test_iso_range);
    RUN(test_contact);
    TEST_END();
}
