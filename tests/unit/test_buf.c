/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_buf.c: the capped buffer (base/buf.h): appending exactly up to the
 * cap succeeds, one byte more is refused whole: buf_status() says
 * ERR_TOO_LARGE from then on (the sticky overflow flag) and the contents
 * stay as they were; printf, reset and steal.
 */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "test.h"

static void test_empty(void)
{
    struct buf b;
    buf_init(&b, 10);
    CHECK_STR(buf_cstr(&b), "");
    CHECK_INT(b.len, 0);
    CHECK_INT(b.max, 10);
    CHECK(!b.overflow);
    CHECK_INT((buf_append(&b, "", 0), buf_status(&b)), ERR_OK);
    CHECK_STR(buf_cstr(&b), "");
    buf_free(&b);
    CHECK(b.data == NULL);
    CHECK_INT(b.len, 0);
}

static void test_cap_exact(void)
{
    /* Sizes around the cap: below, at, one past, far past. */
    static const struct {
        size_t max;    /* cap */
        size_t first;  /* bytes appended first */
        size_t second; /* then this many */
        enum err rc;   /* result of the second append */
        size_t len;    /* length afterwards */
    } cases[] = {
        {8, 0, 8, ERR_OK, 8},
        {8, 0, 9, ERR_TOO_LARGE, 0},
        {8, 5, 3, ERR_OK, 8},
        {8, 5, 4, ERR_TOO_LARGE, 5},
        {8, 8, 0, ERR_OK, 8},
        {8, 8, 1, ERR_TOO_LARGE, 8},
        {0, 0, 0, ERR_OK, 0},
        {0, 0, 1, ERR_TOO_LARGE, 0},
        {1000, 999, 1, ERR_OK, 1000},
        {1000, 999, 2, ERR_TOO_LARGE, 999},
        {1000, 10, (size_t)-1, ERR_TOO_LARGE, 10}, /* no wrap-around */
    };
    static char as[2000], bs[2000];
    memset(as, 'a', sizeof(as));
    memset(bs, 'b', sizeof(bs));
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct buf b;
        buf_init(&b, cases[i].max);
        CHECK_INT((buf_append(&b, as, cases[i].first), buf_status(&b)), ERR_OK);
        CHECK(!b.overflow);
        /* A huge length must be refused before memory is touched. */
        CHECK_INT((buf_append(&b, bs, cases[i].second), buf_status(&b)),
                  cases[i].rc);
        CHECK_INT(b.len, cases[i].len);
        CHECK_INT(b.overflow, cases[i].rc != ERR_OK);
        /* Contents: the first bytes, then the second only on success. */
        const char *s = buf_cstr(&b);
        CHECK_INT(strlen(s), cases[i].len);
        size_t k = 0;
        for (; k < cases[i].first && k < strlen(s); k++)
            if (s[k] != 'a')
                break;
        CHECK_INT(k, cases[i].first);
        for (; k < strlen(s); k++)
            if (s[k] != 'b')
                break;
        CHECK_INT(k, cases[i].len);
        buf_free(&b);
    }
}

static void test_overflow_sticky(void)
{
    struct buf b;
    buf_init(&b, 4);
    CHECK_INT((buf_puts(&b, "abc"), buf_status(&b)), ERR_OK);
    CHECK_INT((buf_puts(&b, "de"), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "abc");
    CHECK(b.overflow);
    /* A later append that fits is made, but the status stays refused. */
    CHECK_INT((buf_putc(&b, 'd'), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "abcd");
    CHECK(b.overflow);
    CHECK_INT((buf_putc(&b, 'e'), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "abcd");
    /* Reset empties and clears the flag; the cap stays. */
    buf_reset(&b);
    CHECK(!b.overflow);
    CHECK_STR(buf_cstr(&b), "");
    CHECK_INT(b.len, 0);
    CHECK_INT((buf_puts(&b, "wxyz"), buf_status(&b)), ERR_OK);
    CHECK_INT((buf_puts(&b, "!"), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "wxyz");
    buf_free(&b);
}

static void test_printf(void)
{
    struct buf b;
    buf_init(&b, 10);
    CHECK_INT((buf_printf(&b, "%d-%s", 12, "ab"), buf_status(&b)), ERR_OK);
    CHECK_STR(buf_cstr(&b), "12-ab");
    CHECK_INT(b.len, 5);
    /* Exactly to the cap. */
    CHECK_INT((buf_printf(&b, "%05d", 7), buf_status(&b)), ERR_OK);
    CHECK_STR(buf_cstr(&b), "12-ab00007");
    CHECK_INT(b.len, 10);
    CHECK(!b.overflow);
    /* Past the cap: refused whole, nothing written. */
    CHECK_INT((buf_printf(&b, "%s", "x"), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "12-ab00007");
    CHECK_INT(b.len, 10);
    CHECK(b.overflow);

    buf_reset(&b);
    CHECK_INT((buf_printf(&b, "%s", "0123456789A"), buf_status(&b)),
              ERR_TOO_LARGE);
    CHECK_STR(buf_cstr(&b), "");
    CHECK_INT(b.len, 0);
    CHECK_INT((buf_printf(&b, "%s", ""), buf_status(&b)), ERR_TOO_LARGE);
    CHECK_INT(b.len, 0);
    buf_reset(&b);
    CHECK_INT((buf_printf(&b, "%s", ""), buf_status(&b)), ERR_OK);
    buf_free(&b);

    /* Growth over many small appends keeps every byte. */
    buf_init(&b, 100000);
    for (int i = 0; i < 10000; i++)
        buf_printf(&b, "%d", i % 10);
    CHECK_INT(b.len, 10000);
    CHECK(!b.overflow);
    CHECK(memcmp(buf_cstr(&b) + 9990, "0123456789", 10) == 0);
    CHECK_INT(buf_cstr(&b)[10000], '\0');
    buf_free(&b);
}

static void test_binary(void)
{
    struct buf b;
    buf_init(&b, 16);
    CHECK_INT((buf_append(&b, "a\0b", 3), buf_status(&b)), ERR_OK);
    CHECK_INT(b.len, 3);
    CHECK(memcmp(b.data, "a\0b", 4) == 0); /* NUL-terminated after */
    buf_free(&b);
}

static void test_steal(void)
{
    struct buf b;
    buf_init(&b, 64);
    buf_puts(&b, "hello");
    size_t len = 0;
    char *p = buf_steal(&b, &len);
    CHECK_STR(p, "hello");
    CHECK_INT(len, 5);
    CHECK(b.data == NULL);
    CHECK_INT(b.len, 0);
    CHECK_STR(buf_cstr(&b), "");
    /* The buffer is usable again and does not share the stolen bytes. */
    CHECK_INT((buf_puts(&b, "new"), buf_status(&b)), ERR_OK);
    CHECK_STR(buf_cstr(&b), "new");
    CHECK_STR(p, "hello");
    free(p);
    buf_free(&b);

    /* Stealing an empty buffer gives a heap "" and length 0. */
    buf_init(&b, 64);
    len = 99;
    p = buf_steal(&b, &len);
    CHECK(p != NULL);
    CHECK_STR(p, "");
    CHECK_INT(len, 0);
    free(p);

    /* len may be NULL. */
    buf_puts(&b, "xy");
    p = buf_steal(&b, NULL);
    CHECK_STR(p, "xy");
    free(p);
    buf_free(&b);
}

int main(void)
{
    RUN(test_empty);
    RUN(test_cap_exact);
    RUN(test_overflow_sticky);
    RUN(test_printf);
    RUN(test_binary);
    RUN(test_steal);
    TEST_END();
}
