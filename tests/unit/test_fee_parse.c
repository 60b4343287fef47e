/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_fee_parse.c: a fee as an administrator types it
 * (service_fee_parse(), core/service.h): plain digits, Indonesian
 * thousands dots in groups of three, "Rp", "no sen" endings, and every
 * kind of refusal, at the boundaries (SERVICE_FEE_MAX and one more).
 */
#include <string.h>

#include "core/service.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_fee_accepted(void)
{
    static const struct {
        const char *typed;
        int64_t fee;
    } cases[] = {
        {"0", 0},
        {"10000", 10000},
        {"10.000", 10000},
        {"Rp 10.000", 10000},
        {"Rp10.000", 10000},
        {"rp. 10.000", 10000},
        {"RP 10000", 10000},
        {"  10.000  ", 10000},
        {"10.000,-", 10000},
        {"Rp 10.000,00", 10000},
        {"1.500", 1500},
        {"999", 999},
        {"1.000.000", 1000000},
        {"100.000.000", SERVICE_FEE_MAX},
        {"100000000", SERVICE_FEE_MAX},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int64_t fee = -1;
        enum fee_parse r = service_fee_parse(cases[i].typed, &fee);
        if (r != FEE_OK || fee != cases[i].fee)
            fprintf(stderr, "  \"%s\": %d %lld\n", cases[i].typed, (int)r,
                    (long long)fee);
        CHECK_INT(r, FEE_OK);
        CHECK_INT(fee, cases[i].fee);
    }
}

static void test_fee_refused(void)
{
    static const struct {
        const char *typed;
        enum fee_parse r;
    } cases[] = {
        {"10,5", FEE_AMBIGUOUS},
        {"10,50", FEE_AMBIGUOUS},
        {"10,000", FEE_AMBIGUOUS},
        {"Rp 10.000,5", FEE_AMBIGUOUS},
        {"10,0", FEE_AMBIGUOUS},
        {"", FEE_INVALID},
        {"Rp", FEE_INVALID},
        {"Rp ", FEE_INVALID},
        {"-5", FEE_INVALID},
        {"10.00", FEE_INVALID},
        {"10.0000", FEE_INVALID},
        {"1000.000", FEE_INVALID},
        {".500", FEE_INVALID},
        {"10.", FEE_INVALID},
        {"10..000", FEE_INVALID},
        {"10 000", FEE_INVALID},
        {"10.000,", FEE_INVALID},
        {"10.000,-x", FEE_INVALID},
        {"10.000,000", FEE_AMBIGUOUS},
        {"sepuluh ribu", FEE_INVALID},
        {"100.000.001", FEE_RANGE},
        {"100000001", FEE_RANGE},
        {"99999999999999999999999", FEE_RANGE},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int64_t fee = -1;
        enum fee_parse r = service_fee_parse(cases[i].typed, &fee);
        if (r != cases[i].r)
            fprintf(stderr, "  \"%s\": %d\n", cases[i].typed, (int)r);
        CHECK_INT(r, cases[i].r);
        CHECK_INT(fee, 0);
    }
    int64_t fee = -1;
    CHECK_INT(service_fee_parse(NULL, &fee), FEE_INVALID);
}

int main(void)
{
    RUN(test_fee_accepted);
    RUN(test_fee_refused);
    TEST_END();
}
