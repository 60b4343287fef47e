/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_arena.c: the request arena (base/arena.h): zeroed and aligned
 * allocations, copies, printf, arena_grow's doubling, large allocations
 * next to small ones, and the byte count.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "test.h"

static void test_alloc(void)
{
    struct arena *a = arena_new();
    CHECK_INT(arena_used(a), 0);
    static const size_t sizes[] = {1,    3,    8,    15,   16,   17,   100,
                                   4095, 4096, 4097, 8191, 8192, 8193, 100000};
    unsigned char *blocks[sizeof(sizes) / sizeof(sizes[0])];
    size_t total = 0;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = arena_alloc(a, sizes[i]);
        CHECK(p != NULL);
        /* Aligned for any type. */
        CHECK_INT((uintptr_t)p % alignof(max_align_t), 0);
        /* Zeroed. */
        size_t nonzero = 0;
        for (size_t k = 0; k < sizes[i]; k++)
            nonzero += p[k] != 0;
        CHECK_INT(nonzero, 0);
        memset(p, (int)(i + 1), sizes[i]);
        blocks[i] = p;
        total += sizes[i];
        CHECK(arena_used(a) >= total);
    }
    /* Earlier blocks are intact after later (and larger) ones. */
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t bad = 0;
        for (size_t k = 0; k < sizes[i]; k++)
            bad += blocks[i][k] != (unsigned char)(i + 1);
        CHECK_INT(bad, 0);
    }
    arena_free(a);
    arena_free(NULL); /* a no-op */
}

static void test_large_between_small(void)
{
    struct arena *a = arena_new();
    char *s1 = arena_strdup(a, "first");
    char *big = arena_alloc(a, 1u << 20); /* 1 MiB */
    memset(big, 'b', 1u << 20);
    char *s2 = arena_strdup(a, "second");
    char *big2 = arena_alloc(a, 3u << 20);
    memset(big2, 'c', 3u << 20);
    char *s3 = arena_strdup(a, "third");
    CHECK_STR(s1, "first");
    CHECK_STR(s2, "second");
    CHECK_STR(s3, "third");
    CHECK_INT(big[0], 'b');
    CHECK_INT(big[(1u << 20) - 1], 'b');
    CHECK_INT(big2[(3u << 20) - 1], 'c');
    CHECK(arena_used(a) >= (4u << 20) + 18);
    /* Many small allocations after the big ones stay distinct. */
    char *prev = NULL;
    int overlaps = 0;
    for (int i = 0; i < 5000; i++) {
        char *p = arena_printf(a, "%04d", i);
        if (prev && strcmp(prev, arena_printf(a, "%04d", i - 1)) != 0)
            overlaps++;
        prev = p;
    }
    CHECK_INT(overlaps, 0);
    CHECK_STR(prev, "4999");
    arena_free(a);
}

static void test_copies(void)
{
    struct arena *a = arena_new();
    const char *src = "hello";
    char *d = arena_strdup(a, src);
    CHECK_STR(d, "hello");
    CHECK(d != src);
    CHECK(arena_strdup(a, NULL) == NULL);
    CHECK(arena_strndup(a, NULL, 3) == NULL);
    CHECK_STR(arena_strndup(a, "abcdef", 3), "abc");
    CHECK_STR(arena_strndup(a, "abcdef", 0), "");
    CHECK_STR(arena_strdup(a, ""), "");
    CHECK_STR(arena_printf(a, "%s-%d-%05.1f", "x", -3, 2.5), "x--3-002.5");
    CHECK_STR(arena_printf(a, "%s", ""), "");
    /* A formatted string longer than a chunk. */
    char *long_s = arena_printf(a, "%20000d|", 7);
    CHECK_INT(strlen(long_s), 20001);
    CHECK_INT(long_s[19999], '7');
    CHECK_INT(long_s[0], ' ');
    arena_free(a);
}

static void test_grow(void)
{
    struct arena *a = arena_new();
    int *items = NULL;
    size_t n = 0, cap = 0;
    /* Not full: the same array back, cap unchanged. */
    int fixed[4] = {1, 2, 3, 4};
    size_t fixed_cap = 4;
    CHECK(arena_grow(a, fixed, 3, &fixed_cap, sizeof(int)) == fixed);
    CHECK_INT(fixed_cap, 4);

    /* From empty: at least 16. */
    items = arena_grow(a, items, n, &cap, sizeof(*items));
    CHECK(items != NULL);
    CHECK_INT(cap, 16);
    for (int i = 0; i < 16; i++)
        items[n++] = i * 10;
    /* Full: twice as many, contents copied. */
    int *old = items;
    items = arena_grow(a, items, n, &cap, sizeof(*items));
    CHECK_INT(cap, 32);
    CHECK(items != old);
    CHECK_INT(items[0], 0);
    CHECK_INT(items[15], 150);
    /* Through several doublings. */
    for (int i = 16; i < 1000; i++) {
        if (n == cap)
            items = arena_grow(a, items, n, &cap, sizeof(*items));
        items[n++] = i * 10;
    }
    CHECK_INT(cap, 1024);
    int bad = 0;
    for (int i = 0; i < 1000; i++)
        bad += items[i] != i * 10;
    CHECK_INT(bad, 0);
    arena_free(a);
}

static void test_heap_helpers(void)
{
    char *s = xstrdup("abc");
    CHECK_STR(s, "abc");
    free(s);
    s = xstrndup("abcdef", 2);
    CHECK_STR(s, "ab");
    free(s);
    int *z = xcalloc(8, sizeof(int));
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += z[i];
    CHECK_INT(sum, 0);
    z = xrealloc(z, 1000 * sizeof(int));
    z[999] = 5;
    CHECK_INT(z[0], 0);
    CHECK_INT(z[999], 5);
    free(z);
    void *p = xmalloc(0); /* never NULL */
    CHECK(p != NULL);
    free(p);
}

int main(void)
{
    RUN(test_alloc);
    RUN(test_large_between_small);
    RUN(test_copies);
    RUN(test_grow);
    RUN(test_heap_helpers);
    TEST_END();
}
