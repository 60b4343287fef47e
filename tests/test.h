/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test.h: the tiny test helper (after Redis's). A test file defines
 * functions and lists them in main() with RUN(); CHECK* record failures
 * with file and line and carry on; the closing line is the plain
 * "N passed, N failed" that CI reads, and the exit status is non-zero
 * when anything failed.
 */
#ifndef SP_TEST_H
#define SP_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int test_checks_failed;
static int test_passed;
static int test_failed;
static const char *test_current;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__,         \
                    __LINE__, test_current, #cond);                            \
            test_checks_failed++;                                              \
        }                                                                      \
    } while (0)

#define CHECK_INT(a, b)                                                        \
    do {                                                                       \
        long long va_ = (long long)(a), vb_ = (long long)(b);                  \
        if (va_ != vb_) {                                                      \
            fprintf(stderr, "%s:%d: %s: %s == %lld, expected %lld\n",          \
                    __FILE__, __LINE__, test_current, #a, va_, vb_);           \
            test_checks_failed++;                                              \
        }                                                                      \
    } while (0)

#define CHECK_STR(a, b)                                                        \
    do {                                                                       \
        const char *sa_ = (a), *sb_ = (b);                                     \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                           \
            fprintf(stderr, "%s:%d: %s: %s == \"%s\", expected \"%s\"\n",      \
                    __FILE__, __LINE__, test_current, #a,                      \
                    sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");               \
            test_checks_failed++;                                              \
        }                                                                      \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                            \
    do {                                                                       \
        const char *h_ = (hay), *n_ = (needle);                                \
        if (!h_ || !strstr(h_, n_)) {                                          \
            fprintf(stderr, "%s:%d: %s: %s does not contain \"%s\"\n",         \
                    __FILE__, __LINE__, test_current, #hay, n_);               \
            test_checks_failed++;                                              \
        }                                                                      \
    } while (0)

#define CHECK_NOT_CONTAINS(hay, needle)                                        \
    do {                                                                       \
        const char *h_ = (hay), *n_ = (needle);                                \
        if (h_ && strstr(h_, n_)) {                                            \
            fprintf(stderr, "%s:%d: %s: %s contains \"%s\"\n", __FILE__,       \
                    __LINE__, test_current, #hay, n_);                         \
            test_checks_failed++;                                              \
        }                                                                      \
    } while (0)

#define RUN(fn)                                                                \
    do {                                                                       \
        int before_ = test_checks_failed;                                      \
        test_current = #fn;                                                    \
        fn();                                                                  \
        if (test_checks_failed == before_)                                     \
            test_passed++;                                                     \
        else                                                                   \
            test_failed++;                                                     \
    } while (0)

#define TEST_END()                                                             \
    do {                                                                       \
        printf("%d passed, %d failed\n", test_passed, test_failed);            \
        return test_failed ? 1 : 0;                                            \
    } while (0)

#endif
