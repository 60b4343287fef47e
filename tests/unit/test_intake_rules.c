/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_intake_rules.c: the rules of an intake without a phone (a preset
 * reason or 3 to 200 typed characters, shown in each language) and of
 * the purpose of a letter (3 to 200 characters), with their edges
 * counted in characters, not bytes (core/contact.h); when the survey of
 * an application opens (core/workflow.h), in every state.
 */
#include <string.h>

#include "core/contact.h"
#include "core/workflow.h"
#include "test.h"

/* n copies of the UTF-8 character ch into out (NUL-terminated). */
static const char *repeat(char *out, const char *ch, size_t n)
{
    size_t w = strlen(ch);
    for (size_t i = 0; i < n; i++)
        memcpy(out + i * w, ch, w);
    out[n * w] = '\0';
    return out;
}

static void test_no_phone_reason(void)
{
    char b[1024];
    CHECK_INT((long long)contact_no_phone_n(), 3);
    for (size_t k = 0; k < contact_no_phone_n(); k++) {
        const char *code = contact_no_phone_code(k);
        CHECK(contact_no_phone_reason_valid(code));
        CHECK_STR(contact_no_phone_reason_text(code, LANG_ID),
                  contact_no_phone_label(k, LANG_ID));
        CHECK_STR(contact_no_phone_reason_text(code, LANG_EN),
                  contact_no_phone_label(k, LANG_EN));
        CHECK(strcmp(contact_no_phone_label(k, LANG_ID),
                     contact_no_phone_label(k, LANG_EN)) != 0);
    }
    CHECK_STR(contact_no_phone_reason_text("no_phone", LANG_ID),
              "Tidak punya HP");
    CHECK_STR(contact_no_phone_reason_text("no_phone", LANG_EN),
              "Has no phone");
    CHECK_STR(contact_no_phone_code(3), "");
    CHECK_STR(contact_no_phone_label(3, LANG_ID), "");
    /* Typed words: as they are, in both languages. */
    CHECK_STR(contact_no_phone_reason_text("HP dijual", LANG_EN), "HP dijual");
    CHECK(!contact_no_phone_reason_valid(NULL));
    CHECK(!contact_no_phone_reason_valid(""));
    CHECK(!contact_no_phone_reason_valid("ab")); /* 2 */
    CHECK(contact_no_phone_reason_valid("abc")); /* 3 */
    CHECK(contact_no_phone_reason_valid(repeat(b, "x", 200)));
    CHECK(!contact_no_phone_reason_valid(repeat(b, "x", 201)));
    /* Characters, not bytes: 200 two-byte letters are allowed. */
    CHECK(contact_no_phone_reason_valid(repeat(b, "é", 200)));
    CHECK(!contact_no_phone_reason_valid(repeat(b, "é", 201)));
    CHECK(!contact_no_phone_reason_valid(repeat(b, "é", 2)));
}

static void test_purpose(void)
{
    char b[1024];
    CHECK(!contact_purpose_valid(NULL));
    CHECK(!contact_purpose_valid(""));
    CHECK(!contact_purpose_valid("ab"));
    CHECK(contact_purpose_valid("abc"));
    CHECK(contact_purpose_valid("Untuk melamar pekerjaan"));
    CHECK(contact_purpose_valid(repeat(b, "x", 200)));
    CHECK(!contact_purpose_valid(repeat(b, "x", 201)));
    CHECK(contact_purpose_valid(repeat(b, "ü", 200)));
    CHECK(!contact_purpose_valid(repeat(b, "ü", 201)));
}

static void test_survey_open(void)
{
    for (int st = 0; st < APPL_STATE__COUNT; st++) {
        bool want = st == APPL_HANDED_OVER || st == APPL_REJECTED;
        CHECK_INT(appl_survey_open((enum appl_state)st), want);
    }
    CHECK(!appl_survey_open(APPL_READY)); /* ready is not handed over */
}

int main(void)
{
    RUN(test_no_phone_reason);
    RUN(test_purpose);
    RUN(test_survey_open);
    TEST_END();
}
