/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_skm.c: the satisfaction index (PermenPANRB 14/2017) at every grade
 * boundary, the exact 1/9 weights, half-up rounding at an exact tie,
 * unanswered elements, and the Krejcie & Morgan sample sizes.
 */
#include <string.h>

#include "core/skm.h"
#include "test.h"

/* Totals where every element has `count` answers summing to `sum`. */
static struct skm_totals uniform(int64_t sum, int64_t count)
{
    struct skm_totals t = {0};
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        t.sum[i] = sum;
        t.count[i] = count;
    }
    t.respondents = count;
    return t;
}

static void test_grade_boundaries(void)
{
    /* 2500 answers per element: IKM = sum / 100 exactly. */
    static const struct {
        int64_t sum;
        int64_t ikm_x100;
        char grade;
    } cases[] = {
        {8831, 8831, 'A'},   {8830, 8830, 'B'}, {7661, 7661, 'B'},
        {7660, 7660, 'C'},   {6500, 6500, 'C'}, {6499, 6499, 'D'},
        {2500, 2500, 'D'},   /* all 1s: 25.00 */
        {10000, 10000, 'A'}, /* all 4s: 100.00 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct skm_totals t = uniform(cases[i].sum, 2500);
        struct skm_result r;
        skm_compute(&t, &r);
        CHECK(r.has_ikm);
        CHECK_INT(r.ikm_x100, cases[i].ikm_x100);
        CHECK_INT(r.grade, cases[i].grade);
    }
    CHECK_INT(skm_grade(8831), 'A');
    CHECK_INT(skm_grade(8830), 'B');
    CHECK_INT(skm_grade(7661), 'B');
    CHECK_INT(skm_grade(7660), 'C');
    CHECK_INT(skm_grade(6500), 'C');
    CHECK_INT(skm_grade(6499), 'D');
    CHECK_STR(skm_grade_name('A', LANG_ID), "Sangat Baik");
    CHECK_STR(skm_grade_name('D', LANG_EN), "Very poor");
}

static void test_exact_weights(void)
{
    /* Every NRR 3.5: IKM 87.50 (grade B). Weights of 0.111 instead of
     * 1/9 would give 87.41. */
    struct skm_totals t = uniform(7, 2);
    struct skm_result r;
    skm_compute(&t, &r);
    CHECK_INT(r.ikm_x100, 8750);
    CHECK_INT(r.grade, 'B');
    /* Different NRR per element: 1,2,3,4,1,2,3,4,4 -> mean 24/9 -> IKM
     * 66.666... -> 66.67. */
    struct skm_totals u = {0};
    static const int s[9] = {1, 2, 3, 4, 1, 2, 3, 4, 4};
    for (int i = 0; i < 9; i++) {
        u.sum[i] = s[i];
        u.count[i] = 1;
    }
    u.respondents = 1;
    skm_compute(&u, &r);
    CHECK_INT(r.ikm_x100, 6667);
    CHECK_INT(r.grade, 'C');
}

static void test_half_up_at_an_exact_tie(void)
{
    /* Eight elements at NRR 1.000, one at 1.009 (1000 answers each):
     * IKM x 100 = 5 x 9009 / 18 = 2502.5 exactly -> 2503 (25.03). */
    struct skm_totals t = uniform(1000, 1000);
    t.sum[8] = 1009;
    struct skm_result r;
    skm_compute(&t, &r);
    CHECK_INT(r.ikm_x100, 2503);
    /* Just below the tie: 1008 -> 2502.22 -> 2502. */
    t.sum[8] = 1008;
    skm_compute(&t, &r);
    CHECK_INT(r.ikm_x100, 2502);
    /* Counts that differ per element (denominators 3 and 7). */
    struct skm_totals d = uniform(4, 1);
    d.sum[0] = 10; /* 10/3 */
    d.count[0] = 3;
    d.sum[1] = 20; /* 20/7 */
    d.count[1] = 7;
    /* S = 7*4 + 10/3 + 20/7 = 28 + 130/21 = 718/21; IKM x100 =
     * 2500 * 718 / 189 = 9497.35... -> 9497. */
    skm_compute(&d, &r);
    CHECK_INT(r.ikm_x100, 9497);
}

static void test_unanswered(void)
{
    struct skm_totals t = {0};
    int all[9] = {4, 4, 4, 4, 4, 4, 4, 4, 4};
    int some[9] = {3, 0, 3, 3, 3, 3, 3, 3, 3};
    int bad[9] = {5, -1, 3, 3, 3, 3, 3, 3, 3}; /* out of range: skipped */
    skm_add(&t, all);
    skm_add(&t, some);
    CHECK_INT(t.respondents, 2);
    CHECK_INT(t.count[1], 1);
    CHECK_INT(t.sum[1], 4);
    CHECK_INT(t.count[0], 2);
    struct skm_result r;
    skm_compute(&t, &r);
    CHECK(r.has_ikm);
    /* NRR: 3.5 x 8, 4.0 x 1 -> S = 32; IKM x100 = 2500*32/9 = 8888.9 */
    CHECK_INT(r.ikm_x100, 8889);
    skm_add(&t, bad);
    CHECK_INT(t.count[0], 2);
    /* An element nobody answered: no IKM. */
    struct skm_totals none = {0};
    int gap[9] = {4, 4, 0, 4, 4, 4, 4, 4, 4};
    skm_add(&none, gap);
    skm_compute(&none, &r);
    CHECK(!r.has_ikm);
    CHECK(!r.has_nrr[2]);
    CHECK(r.has_nrr[3]);
    CHECK_INT(r.grade, 0);
    struct skm_totals empty = {0};
    skm_compute(&empty, &r);
    CHECK(!r.has_ikm);
}

static void test_krejcie_morgan(void)
{
    static const struct {
        int64_t n, s;
    } cases[] = {{10, 10},    {15, 14},     {50, 44},       {100, 80},
                 {1000, 278}, {10000, 370}, {1000000, 384}, {0, 0},
                 {1, 1},      {2, 2},       {200, 132},     {500, 217}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (skm_sample_target(cases[i].n) != cases[i].s)
            fprintf(stderr, "  N = %lld\n", (long long)cases[i].n);
        CHECK_INT(skm_sample_target(cases[i].n), cases[i].s);
    }
}

static void test_labels(void)
{
    CHECK_STR(skm_element_name(0, LANG_ID), "Persyaratan");
    CHECK_STR(skm_element_name(8, LANG_EN), "Complaint handling");
    CHECK_STR(skm_answer(3, 4, true, LANG_ID), "Gratis");
    CHECK_STR(skm_answer(3, 4, false, LANG_ID), "Sangat murah");
    CHECK_STR(skm_answer(3, 1, true, LANG_EN), "Very expensive");
    CHECK_STR(skm_answer(0, 5, true, LANG_ID), "?");
    CHECK_STR(skm_answer(9, 1, true, LANG_ID), "?");
}

/* The receipt's survey token: 32 lowercase hex digits, the instant's
 * seconds first (tokens made later sort after), then the random part. */
static void test_token(void)
{
    const char *rnd = "0123456789abcdef01234567";
    char a[SKM_TOKEN_LEN + 1], b[SKM_TOKEN_LEN + 1];
    skm_token_format(1790000000, rnd, a); /* 2026-09-21T14:13:20Z */
    CHECK_STR(a, "6ab13b800123456789abcdef01234567");
    CHECK(skm_token_shaped(a));
    skm_token_format(1790000001, "000000000000000000000000", b);
    CHECK(strcmp(a, b) < 0); /* a second later sorts after, whatever
                                the random part */
    skm_token_format(0, rnd, a);
    CHECK_STR(a, "000000000123456789abcdef01234567");
    skm_token_format(4294967295LL, rnd, a); /* 2106-02-07T06:28:15Z */
    CHECK_STR(a, "ffffffff0123456789abcdef01234567");
    /* The shape, at its edges. */
    CHECK(skm_token_shaped("0123456789abcdef0123456789abcdef"));
    CHECK(!skm_token_shaped("0123456789abcdef0123456789abcde"));
    CHECK(!skm_token_shaped("0123456789abcdef0123456789abcdef0"));
    CHECK(!skm_token_shaped("0123456789ABCDEF0123456789abcdef"));
    CHECK(!skm_token_shaped("0123456789abcdeg0123456789abcdef"));
    CHECK(!skm_token_shaped(""));
    CHECK(!skm_token_shaped(NULL));
}

int main(void)
{
    RUN(test_grade_boundaries);
    RUN(test_exact_weights);
    RUN(test_half_up_at_an_exact_tie);
    RUN(test_unanswered);
    RUN(test_krejcie_morgan);
    RUN(test_labels);
    RUN(test_token);
    TEST_END();
}
