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
    RUN(test_contact);
    TEST_END();
}
