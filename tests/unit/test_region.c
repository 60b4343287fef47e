/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_region.c: Kemendagri region codes and office levels
 * (core/region.h): the level of each code shape, malformed codes, parents
 * and the village kind from the first digit of the last part.
 */
#include <string.h>

#include "core/region.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_code_level(void)
{
    static const struct {
        const char *code;
        bool ok;
        enum region_level level;
    } cases[] = {
        {"35", true, REGION_PROVINCE},
        {"00", true, REGION_PROVINCE},
        {"35.10", true, REGION_REGENCY},
        {"35.10.01", true, REGION_DISTRICT},
        {"35.10.01.2001", true, REGION_VILLAGE},
        {"35.10.25.1009", true, REGION_VILLAGE},
        {"3", false, 0},
        {"351", false, 0},
        {"35.1", false, 0},
        {"35.10.1", false, 0},
        {"3510", false, 0},
        {"35.10.01.200", false, 0},
        {"35.10.01.20011", false, 0},
        {"35.10.01.2001.", false, 0},
        {"35.10.", false, 0},
        {".35.10", false, 0},
        {"35-10", false, 0},
        {"35.10-01", false, 0},
        {"35.1a", false, 0},
        {"3a.10", false, 0},
        {"35.10.0a", false, 0},
        {"35.10.01.2a01", false, 0},
        {"ab", false, 0},
        {" 35", false, 0},
        {"35 ", false, 0},
        {"+5", false, 0},
        {"", false, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        enum region_level l = (enum region_level)99;
        bool ok = region_code_level(cases[i].code, &l);
        if (ok != cases[i].ok)
            fprintf(stderr, "  region_code_level(\"%s\")\n", cases[i].code);
        CHECK_INT(ok, cases[i].ok);
        if (cases[i].ok)
            CHECK_INT(l, cases[i].level);
    }
    enum region_level l;
    CHECK(!region_code_level(NULL, &l));
}

static void test_parent(void)
{
    static const struct {
        const char *code;
        const char *parent; /* NULL: none */
    } cases[] = {
        {"35.10.01.2001", "35.10.01"},
        {"35.10.01", "35.10"},
        {"35.10", "35"},
        {"35", NULL},
        {"35.1", NULL},
        {"3510", NULL},
        {"35.10.01.200", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[16];
        memset(out, 'Z', sizeof(out));
        bool ok = region_parent(cases[i].code, out);
        CHECK_INT(ok, cases[i].parent != NULL);
        if (cases[i].parent && ok)
            CHECK_STR(out, cases[i].parent);
    }
    char out[16];
    CHECK(!region_parent(NULL, out));
}

static void test_level_code(void)
{
    CHECK_STR(region_level_code(REGION_PROVINCE), "province");
    CHECK_STR(region_level_code(REGION_REGENCY), "regency");
    CHECK_STR(region_level_code(REGION_DISTRICT), "district");
    CHECK_STR(region_level_code(REGION_VILLAGE), "village");
}

static void test_village_kind(void)
{
    static const struct {
        const char *code;
        bool ok;
        enum office_level level;
    } cases[] = {
        {"35.10.01.1001", true, OFFICE_KELURAHAN},
        {"35.10.01.1999", true, OFFICE_KELURAHAN},
        {"35.10.01.2001", true, OFFICE_DESA},
        {"35.10.01.3001", true, OFFICE_DESA}, /* desa adat */
        {"35.10.01.4001", false, 0},
        {"35.10.01.0001", false, 0},
        {"35.10.01.9001", false, 0},
        {"35.10.01", false, 0}, /* a district, not a village */
        {"35.10", false, 0},
        {"35", false, 0},
        {"35.10.01.100", false, 0},
        {"xx.10.01.1001", false, 0},
        {"", false, 0},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        enum office_level l = (enum office_level)99;
        bool ok = region_village_kind(cases[i].code, &l);
        if (ok != cases[i].ok)
            fprintf(stderr, "  region_village_kind(\"%s\")\n", cases[i].code);
        CHECK_INT(ok, cases[i].ok);
        if (cases[i].ok)
            CHECK_INT(l, cases[i].level);
    }
    enum office_level l;
    CHECK(!region_village_kind(NULL, &l));
}

static void test_office_level(void)
{
    static const struct {
        enum office_level level;
        const char *code;
    } cases[] = {
        {OFFICE_KECAMATAN, "kecamatan"},
        {OFFICE_KELURAHAN, "kelurahan"},
        {OFFICE_DESA, "desa"},
        {OFFICE_AGENCY, "agency"},
    };
    CHECK_INT(N_ITEMS(cases), OFFICE_LEVEL__COUNT);
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        CHECK_STR(office_level_code(cases[i].level), cases[i].code);
        enum office_level l = (enum office_level)99;
        CHECK(office_level_parse(cases[i].code, &l));
        CHECK_INT(l, cases[i].level);
        /* Names exist in both languages. */
        CHECK(strlen(office_level_name(cases[i].level, LANG_ID)) > 0);
        CHECK(strlen(office_level_name(cases[i].level, LANG_EN)) > 0);
    }
    static const char *const bad[] = {"Kecamatan", "KECAMATAN", "kecamatan ",
                                      "kec",       "",          "village",
                                      "desa_adat"};
    for (size_t i = 0; i < N_ITEMS(bad); i++) {
        enum office_level l = OFFICE_DESA;
        CHECK(!office_level_parse(bad[i], &l));
        CHECK_INT(l, OFFICE_DESA);
    }
    enum office_level l;
    CHECK(!office_level_parse(NULL, &l));
    CHECK_STR(office_level_name(OFFICE_KECAMATAN, LANG_ID), "Kecamatan");
    CHECK_STR(office_level_name(OFFICE_DESA, LANG_ID), "Desa");
}

int main(void)
{
    RUN(test_code_level);
    RUN(test_parent);
    RUN(test_level_code);
    RUN(test_village_kind);
    RUN(test_office_level);
    TEST_END();
}
