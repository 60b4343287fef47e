/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_utf8.c: UTF-8 validation, length and repair (base/utf8.h) at the
 * edges of RFC 3629's well-formedness table: overlongs, surrogates, the
 * U+10FFFF ceiling, truncated sequences, stray continuation bytes, NUL and
 * control characters.
 */
#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD "\xEF\xBF\xBD"

struct bytes_case {
    const char *s; /* bytes */
    size_t n;      /* length (the bytes may contain NUL) */
    bool valid;    /* well-formed UTF-8 */
    size_t length; /* code points, invalid bytes counting one each */
};

#define B(lit) lit, sizeof(lit) - 1

static const struct bytes_case cases[] = {
    {B(""), true, 0},
    {B("abc"), true, 3},
    {B("a\0b"), true, 3},             /* NUL is well-formed */
    {B("\x7F"), true, 1},             /* last one-byte */
    {B("\xC2\x80"), true, 1},         /* U+0080, first two-byte */
    {B("\xC3\xA9"), true, 1},         /* e acute */
    {B("\xDF\xBF"), true, 1},         /* U+07FF, last two-byte */
    {B("\xE0\xA0\x80"), true, 1},     /* U+0800, first three-byte */
    {B("\xE2\x82\xAC"), true, 1},     /* euro sign */
    {B("\xED\x9F\xBF"), true, 1},     /* U+D7FF, below the surrogates */
    {B("\xEE\x80\x80"), true, 1},     /* U+E000, above them */
    {B("\xEF\xBF\xBF"), true, 1},     /* U+FFFF */
    {B("\xF0\x90\x80\x80"), true, 1}, /* U+10000, first four-byte */
    {B("\xF0\x9F\x98\x80"), true, 1}, /* an emoji */
    {B("\xF4\x8F\xBF\xBF"), true, 1}, /* U+10FFFF, the last code point */
    {B("Rp 10.000 \xE2\x82\xAC \xC3\xA9"), true, 13},
    /* Overlongs. */
    {B("\xC0\x80"), false, 2},
    {B("\xC1\xBF"), false, 2},
    {B("\xE0\x80\x80"), false, 3},
    {B("\xE0\x9F\xBF"), false, 3},
    {B("\xF0\x80\x80\x80"), false, 4},
    {B("\xF0\x8F\xBF\xBF"), false, 4},
    /* Surrogates. */
    {B("\xED\xA0\x80"), false, 3},
    {B("\xED\xBF\xBF"), false, 3},
    /* Above U+10FFFF, and bytes that never occur. */
    {B("\xF4\x90\x80\x80"), false, 4},
    {B("\xF5\x80\x80\x80"), false, 4},
    {B("\xFE"), false, 1},
    {B("\xFF"), false, 1},
    /* Truncated sequences. */
    {B("\xC3"), false, 1},
    {B("\xE2\x82"), false, 2},
    {B("\xF0\x9F\x98"), false, 3},
    {B("\xE2\x82"
       "a"),
     false, 3},
    {B("\xC3"
       "a"),
     false, 2},
    /* Stray continuation bytes. */
    {B("\x80"), false, 1},
    {B("a\xBF"
       "b"),
     false, 3},
    {B("\xC3\xA9\xA9"), false, 2},
};

static void test_valid(void)
{
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        bool got = utf8_valid(cases[i].s, cases[i].n);
        if (got != cases[i].valid)
            fprintf(stderr, "  utf8_valid case %zu\n", i);
        CHECK_INT(got, cases[i].valid);
    }
    /* Only n bytes are looked at: a cut inside a sequence is invalid,
     * a cut before it is valid. */
    CHECK(!utf8_valid("a\xC3\xA9", 2));
    CHECK(utf8_valid("a\xC3\xA9", 1));
}

static void test_length(void)
{
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        size_t got = utf8_length(cases[i].s, cases[i].n);
        if (got != cases[i].length)
            fprintf(stderr, "  utf8_length case %zu\n", i);
        CHECK_INT(got, cases[i].length);
    }
}

static void test_repair(void)
{
    static const struct {
        const char *s;
        size_t n;
        const char *want;
    } rep[] = {
        {B("plain"), "plain"},
        {B(""), ""},
        {B("caf\xC3\xA9"), "caf\xC3\xA9"},
        {B("\xF4\x8F\xBF\xBD"), "\xF4\x8F\xBF\xBD"}, /* U+10FFFD kept */
        {B("\xF4\x8F\xBF\xBF"), ""},                 /* U+10FFFF dropped */
        {B("a\xEF\xBF\xBE"
           "b\xEF\xBF\xBF"
           "c"),
         "abc"},                             /* U+FFFE, U+FFFF */
        {B("\xEF\xB7\x90\xEF\xB7\xAF"), ""}, /* U+FDD0, U+FDEF */
        {B("\xEF\xB7\x8F\xEF\xB7\xB0"),
         "\xEF\xB7\x8F\xEF\xB7\xB0"}, /* U+FDCF, U+FDF0: characters */
        {B("\xF0\x9F\xBF\xBE\xF0\x9F\xBF\xBF"), ""}, /* U+1FFFE/F */
        {B("\xEF\xBF\xBD"), FFFD},                   /* U+FFFD kept */
        {B("a\xFF"
           "b"),
         "a" FFFD "b"},
        {B("\x80"), FFFD},
        {B("\xC0\x80"), FFFD FFFD},
        {B("\xED\xA0\x80"), FFFD FFFD FFFD},
        {B("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD},
        {B("a\0b"), "a" FFFD "b"}, /* NUL becomes U+FFFD */
        {B("\0"), FFFD},
        {B("t\tr\rn\n"), "t\tr\rn\n"}, /* tab, CR, LF kept */
        {B("a\x01"
           "b\x1B[31m\x1F"
           "c"),
         "ab[31mc"},
        {B("\x08\x0B\x0C"), ""},
        {B("del\x7F"), "del"},
        {B("\x20~"), " ~"},
    };
    for (size_t i = 0; i < N_ITEMS(rep); i++) {
        struct arena *a = arena_new();
        char *got = utf8_repair(a, rep[i].s, rep[i].n);
        CHECK_STR(got, rep[i].want);
        CHECK(utf8_valid(got, strlen(got)));
        arena_free(a);
    }
}

static void test_repair_truncated(void)
{
    struct arena *a = arena_new();
    /* A truncated three-byte sequence before 'a': the 'a' survives, the
     * broken bytes become U+FFFD (one per byte or one per sequence). */
    char *got = utf8_repair(a,
                            "\xE2\x82"
                            "a",
                            3);
    CHECK_CONTAINS(got, FFFD);
    CHECK(utf8_valid(got, strlen(got)));
    size_t n = strlen(got);
    CHECK(n > 0 && got[n - 1] == 'a');
    CHECK(strcmp(got, FFFD "a") == 0 || strcmp(got, FFFD FFFD "a") == 0);

    /* Truncated at the end of the input. */
    got = utf8_repair(a, "ok\xF0\x9F\x98", 5);
    CHECK(strncmp(got, "ok" FFFD, 5) == 0);
    CHECK(utf8_valid(got, strlen(got)));
    arena_free(a);
}

static void test_repair_c1_controls(void)
{
    /* U+0080..U+009F are control characters (general category Cc) too;
     * utf8.h removes every control character but tab, CR and LF. */
    struct arena *a = arena_new();
    CHECK_STR(utf8_repair(a, B("a\xC2\x85"
                               "b")),
              "ab"); /* NEL */
    CHECK_STR(utf8_repair(a, B("a\xC2\x9B"
                               "b")),
              "ab"); /* CSI */
    CHECK_STR(utf8_repair(a, B("a\xC2\xA0"
                               "b")),
              "a\xC2\xA0"
              "b"); /* NBSP */
    arena_free(a);
}

static void test_repair_every_byte(void)
{
    /* Every single byte value: the result is valid UTF-8 and never holds
     * a C0 control other than tab, CR, LF. */
    struct arena *a = arena_new();
    int bad = 0;
    for (int c = 0; c < 256; c++) {
        char in[3] = {'x', (char)c, 'y'};
        char *got = utf8_repair(a, in, 3);
        size_t n = strlen(got);
        if (!utf8_valid(got, n) || got[0] != 'x' || got[n - 1] != 'y')
            bad++;
        for (size_t k = 0; k < n; k++) {
            unsigned char u = (unsigned char)got[k];
            if ((u < 0x20 && u != '\t' && u != '\r' && u != '\n') || u == 0x7F)
                bad++;
        }
        bool keep =
            (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\r' || c == '\n';
        if (keep && n != 3)
            bad++;
    }
    CHECK_INT(bad, 0);
    arena_free(a);
}

static void test_decode_and_noncharacters(void)
{
    static const struct {
        const char *s;
        size_t n;
        size_t len;  /* utf8_decode's answer */
        uint32_t cp; /* the code point (U+FFFD when invalid) */
    } dec[] = {
        {B("A"), 1, 0x41},
        {B("\x7F"), 1, 0x7F},
        {B("\xC2\x80"), 2, 0x80},
        {B("\xDF\xBF"), 2, 0x7FF},
        {B("\xE0\xA0\x80"), 3, 0x800},
        {B("\xEF\xBF\xBF"), 3, 0xFFFF},
        {B("\xF0\x90\x80\x80"), 4, 0x10000},
        {B("\xF4\x8F\xBF\xBF"), 4, 0x10FFFF},
        {B("\xC0\xAF"), 0, 0xFFFD},         /* overlong '/' */
        {B("\xED\xA0\x80"), 0, 0xFFFD},     /* surrogate U+D800 */
        {B("\xF4\x90\x80\x80"), 0, 0xFFFD}, /* above U+10FFFF */
        {B("\xE2\x82"), 0, 0xFFFD},         /* truncated */
    };
    for (size_t i = 0; i < N_ITEMS(dec); i++) {
        uint32_t cp = 0;
        CHECK_INT(utf8_decode(dec[i].s, dec[i].n, &cp), dec[i].len);
        CHECK_INT(cp, dec[i].cp);
    }
    /* The 66 noncharacters, and their neighbours that are not. */
    int count = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++)
        count += utf8_is_noncharacter(cp);
    CHECK_INT(count, 66);
    CHECK(utf8_is_noncharacter(0xFDD0) && utf8_is_noncharacter(0xFDEF));
    CHECK(!utf8_is_noncharacter(0xFDCF) && !utf8_is_noncharacter(0xFDF0));
    CHECK(utf8_is_noncharacter(0xFFFE) && utf8_is_noncharacter(0xFFFF));
    CHECK(!utf8_is_noncharacter(0xFFFD));
    CHECK(utf8_is_noncharacter(0x1FFFF) && utf8_is_noncharacter(0x10FFFE));
    CHECK(!utf8_is_noncharacter(0x10FFFD) && !utf8_is_noncharacter(0x20000));
    CHECK(!utf8_is_noncharacter(0x110000 | 0xFFFF)); /* not a code point */
}

int main(void)
{
    RUN(test_valid);
    RUN(test_length);
    RUN(test_repair);
    RUN(test_repair_truncated);
    RUN(test_repair_c1_controls);
    RUN(test_repair_every_byte);
    RUN(test_decode_and_noncharacters);
    TEST_END();
}
