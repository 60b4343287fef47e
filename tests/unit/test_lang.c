/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_lang.c: the two languages (core/lang.h): L(), text2_get's fallback
 * to Indonesian, codes and parsing.
 */
#include "core/lang.h"
#include "test.h"

static void test_l(void)
{
    CHECK_STR(L(LANG_ID, "Layanan", "Services"), "Layanan");
    CHECK_STR(L(LANG_EN, "Layanan", "Services"), "Services");
}

static void test_text2(void)
{
    struct text2 both = {"Persyaratan", "Requirements"};
    CHECK_STR(text2_get(&both, LANG_ID), "Persyaratan");
    CHECK_STR(text2_get(&both, LANG_EN), "Requirements");
    struct text2 id_only = {"Persyaratan", ""};
    CHECK_STR(text2_get(&id_only, LANG_EN), "Persyaratan");
    struct text2 id_null_en = {"Persyaratan", NULL};
    CHECK_STR(text2_get(&id_null_en, LANG_EN), "Persyaratan");
    CHECK_STR(text2_get(&id_null_en, LANG_ID), "Persyaratan");
    /* English never stands in for a missing Indonesian text. */
    struct text2 en_only = {"", "Requirements"};
    CHECK_STR(text2_get(&en_only, LANG_ID), "");
}

static void test_codes(void)
{
    CHECK_STR(lang_code(LANG_ID), "id");
    CHECK_STR(lang_code(LANG_EN), "en");
    static const struct {
        const char *s;
        bool ok;
        enum lang lang;
    } cases[] = {
        {"id", true, LANG_ID},    {"en", true, LANG_EN},
        {"in", true, LANG_ID},    {"en-US", true, LANG_EN},
        {"en-GB", true, LANG_EN}, {"id-ID", true, LANG_ID},
        {"fr", false, LANG_ID},   {"", false, LANG_ID},
        {"e", false, LANG_ID},    {"i", false, LANG_ID},
        {"jv", false, LANG_ID},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum lang l = (enum lang)7;
        bool ok = lang_parse(cases[i].s, &l);
        if (ok != cases[i].ok)
            fprintf(stderr, "  lang_parse(\"%s\")\n", cases[i].s);
        CHECK_INT(ok, cases[i].ok);
        CHECK_INT(l, cases[i].ok ? (int)cases[i].lang : 7);
    }
    enum lang l = LANG_EN;
    CHECK(!lang_parse(NULL, &l));
    CHECK_INT(l, LANG_EN);
}

int main(void)
{
    RUN(test_l);
    RUN(test_text2);
    RUN(test_codes);
    TEST_END();
}
