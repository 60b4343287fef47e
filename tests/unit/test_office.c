/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_office.c: service points and acceptance (core/office.h): the day
 * before, on and after the service point date, offices that are not
 * service points, acceptance by level bits and by processing agency, and
 * zone names.
 */
#include <string.h>

#include "core/office.h"
#include "core/service.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define LV(l) (1u << (l))

static void test_service_point(void)
{
    struct office o = {.id = 1,
                       .code = "35.10.01",
                       .level = OFFICE_KECAMATAN,
                       .service_point_since = "2026-03-01"};
    static const struct {
        const char *date;
        bool want;
    } cases[] = {
        {"2025-12-31", false}, {"2026-02-28", false}, {"2026-03-01", true},
        {"2026-03-02", true},  {"2026-12-31", true},  {"2027-01-01", true},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        bool got = office_is_service_point(&o, cases[i].date);
        if (got != cases[i].want)
            fprintf(stderr, "  office_is_service_point on %s\n", cases[i].date);
        CHECK_INT(got, cases[i].want);
    }
    CHECK(!office_is_service_point(&o, NULL));

    /* Year boundary as the start date. */
    o.service_point_since = "2027-01-01";
    CHECK(!office_is_service_point(&o, "2026-12-31"));
    CHECK(office_is_service_point(&o, "2027-01-01"));

    /* Not a service point at all. */
    o.service_point_since = NULL;
    CHECK(!office_is_service_point(&o, "2026-03-01"));
    CHECK(!office_is_service_point(&o, "9999-12-31"));
}

static void test_accepts_by_level(void)
{
    static const struct {
        enum office_level office;
        unsigned levels; /* service's accepted_levels */
        bool want;
    } cases[] = {
        {OFFICE_KECAMATAN, LV(OFFICE_KECAMATAN), true},
        {OFFICE_KELURAHAN, LV(OFFICE_KECAMATAN), false},
        {OFFICE_DESA, LV(OFFICE_KECAMATAN), false},
        {OFFICE_KECAMATAN, LV(OFFICE_KECAMATAN) | LV(OFFICE_KELURAHAN), true},
        {OFFICE_KELURAHAN, LV(OFFICE_KECAMATAN) | LV(OFFICE_KELURAHAN), true},
        {OFFICE_DESA, LV(OFFICE_KECAMATAN) | LV(OFFICE_KELURAHAN), false},
        {OFFICE_DESA, LV(OFFICE_DESA), true},
        {OFFICE_KECAMATAN, LV(OFFICE_DESA), false},
        {OFFICE_KECAMATAN, 0, false},
        {OFFICE_KELURAHAN, 0, false},
        {OFFICE_DESA,
         LV(OFFICE_KECAMATAN) | LV(OFFICE_KELURAHAN) | LV(OFFICE_DESA), true},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct office o = {
            .id = 1, .code = "35.10.01", .level = cases[i].office};
        struct service_def s = {.code = "SKTM",
                                .accepted_levels = cases[i].levels};
        CHECK_INT(office_accepts(&o, &s), cases[i].want);
    }
}

static void test_accepts_agency(void)
{
    struct office agency = {
        .id = 9, .code = "DISPENDUKCAPIL", .level = OFFICE_AGENCY};
    struct service_def s = {.code = "KK",
                            .accepted_levels = LV(OFFICE_KECAMATAN),
                            .agency = "DISPENDUKCAPIL"};
    CHECK(office_accepts(&agency, &s));

    /* Another agency, or no processing agency: no. */
    s.agency = "DINKES";
    CHECK(!office_accepts(&agency, &s));
    s.agency = NULL;
    CHECK(!office_accepts(&agency, &s));
    /* The agency bit in the levels does not make every agency accept. */
    s.accepted_levels = LV(OFFICE_AGENCY) | LV(OFFICE_KECAMATAN);
    CHECK(!office_accepts(&agency, &s));
    /* Code match is exact. */
    s.agency = "DISPENDUKCAPI";
    CHECK(!office_accepts(&agency, &s));
    s.agency = "dispendukcapil";
    CHECK(!office_accepts(&agency, &s));

    /* A region office is judged by level, not by the agency code. */
    struct office kec = {
        .id = 2, .code = "35.10.01", .level = OFFICE_KECAMATAN};
    s.agency = "35.10.01";
    s.accepted_levels = LV(OFFICE_KELURAHAN);
    CHECK(!office_accepts(&kec, &s));
    s.accepted_levels = LV(OFFICE_KECAMATAN);
    s.agency = "DISPENDUKCAPIL";
    CHECK(office_accepts(&kec, &s));
}

static void test_zone_name(void)
{
    CHECK_STR(office_zone_name(420), "WIB");
    CHECK_STR(office_zone_name(480), "WITA");
    CHECK_STR(office_zone_name(540), "WIT");
    /* Anything else: "UTC+H". */
    CHECK_STR(office_zone_name(600), "UTC+10");
}

int main(void)
{
    RUN(test_service_point);
    RUN(test_accepts_by_level);
    RUN(test_accepts_agency);
    RUN(test_zone_name);
    TEST_END();
}
