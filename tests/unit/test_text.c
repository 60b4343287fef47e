/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_text.c: text at the door and at the exit (base/text.h), one row per
 * class of code point: NFC composition, C0 and C1 controls, DEL, tab, LF,
 * CR and CR LF in one line and in several, the noncharacters (U+FDD0,
 * U+FDEF, U+FFFE, U+FFFF, U+1FFFF, U+10FFFF) and their neighbours that are
 * characters, surrogates and overlongs as invalid bytes, emoji, combining
 * marks and the zero width joiner, which are kept.
 */
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/utf8.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define B(lit) lit, sizeof(lit) - 1
#define FFFD "\xEF\xBF\xBD"
#define E_ACUTE "\xC3\xA9"         /* U+00E9, the composed é */
#define COMBINING_ACUTE "\xCC\x81" /* U+0301 */
#define ZWJ "\xE2\x80\x8D"         /* U+200D */
/* U+1F468 U+200D U+1F469 U+200D U+1F467: one family emoji. */
#define FAMILY "\xF0\x9F\x91\xA8" ZWJ "\xF0\x9F\x91\xA9" ZWJ "\xF0\x9F\x91\xA7"

struct norm_case {
    const char *name;
    const char *in;
    size_t n;
    const char *line;  /* text_normalize(TEXT_LINE) */
    const char *lines; /* text_normalize(TEXT_LINES) */
};

static const struct norm_case norm_cases[] = {
    /* NFC */
    {"e + U+0301 composes", B("e" COMBINING_ACUTE), E_ACUTE, E_ACUTE},
    {"caf + e + U+0301", B("Cafe" COMBINING_ACUTE), "Caf" E_ACUTE,
     "Caf" E_ACUTE},
    {"already NFC", B("caf" E_ACUTE), "caf" E_ACUTE, "caf" E_ACUTE},
    {"A + ring -> U+00C5", B("A\xCC\x8A"), "\xC3\x85", "\xC3\x85"},
    {"U+212B ANGSTROM SIGN -> U+00C5", B("\xE2\x84\xAB"), "\xC3\x85",
     "\xC3\x85"},
    {"marks reordered: d + dot below + dot above -> U+1E0D U+0307",
     B("d\xCC\x87\xCC\xA3"), "\xE1\xB8\x8D\xCC\x87", "\xE1\xB8\x8D\xCC\x87"},
    {"combining mark alone kept", B(COMBINING_ACUTE), COMBINING_ACUTE,
     COMBINING_ACUTE},
    {"Devanagari with virama kept",
     B("\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8"
       "\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5\x80"),
     "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5"
     "\x80",
     "\xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\xA8\xE0\xA5\x8D\xE0\xA4\xA6\xE0\xA5"
     "\x80"},
    {"control between e and U+0301: dropped, then composed",
     B("e\x01" COMBINING_ACUTE), E_ACUTE, E_ACUTE},
    /* C0, DEL, C1 */
    {"NUL becomes U+FFFD", B("a\0b"), "a" FFFD "b", "a" FFFD "b"},
    {"U+0001", B("a\x01z"), "az", "az"},
    {"ESC sequence", B("a\x1B[31mz"), "a[31mz", "a[31mz"},
    {"U+001F", B("a\x1Fz"), "az", "az"},
    {"VT and FF", B("a\x0B\x0Cz"), "az", "az"},
    {"DEL", B("a\x7Fz"), "az", "az"},
    {"U+0080 (C1)", B("a\xC2\x80z"), "az", "az"},
    {"U+0085 NEL (C1)", B("a\xC2\x85z"), "az", "az"},
    {"U+009F (C1)", B("a\xC2\x9Fz"), "az", "az"},
    {"U+00A0 NBSP kept", B("a\xC2\xA0z"), "a\xC2\xA0z", "a\xC2\xA0z"},
    {"space and tilde kept", B(" ~"), " ~", " ~"},
    /* tab and line breaks: the shape */
    {"tab", B("a\tb"), "a b", "a\tb"},
    {"LF", B("a\nb"), "a b", "a\nb"},
    {"CR", B("a\rb"), "a b", "a\nb"},
    {"CR LF is one break", B("a\r\nb"), "a b", "a\nb"},
    {"LF CR is two", B("a\n\rb"), "a  b", "a\n\nb"},
    {"CR CR LF", B("a\r\r\nb"), "a  b", "a\n\nb"},
    {"trailing CR", B("a\r"), "a ", "a\n"},
    /* noncharacters, and the characters beside them */
    {"U+FFFE", B("a\xEF\xBF\xBEz"), "az", "az"},
    {"U+FFFF", B("a\xEF\xBF\xBFz"), "az", "az"},
    {"U+FFFD kept", B("a" FFFD "z"), "a" FFFD "z", "a" FFFD "z"},
    {"U+FDD0", B("a\xEF\xB7\x90z"), "az", "az"},
    {"U+FDEF", B("a\xEF\xB7\xAFz"), "az", "az"},
    {"U+FDCF kept", B("\xEF\xB7\x8F"), "\xEF\xB7\x8F", "\xEF\xB7\x8F"},
    {"U+FDF0 kept", B("\xEF\xB7\xB0"), "\xEF\xB7\xB0", "\xEF\xB7\xB0"},
    {"U+1FFFE", B("a\xF0\x9F\xBF\xBEz"), "az", "az"},
    {"U+1FFFF", B("a\xF0\x9F\xBF\xBFz"), "az", "az"},
    {"U+10FFFF", B("a\xF4\x8F\xBF\xBFz"), "az", "az"},
    {"U+10FFFD kept", B("\xF4\x8F\xBF\xBD"), "\xF4\x8F\xBF\xBD",
     "\xF4\x8F\xBF\xBD"},
    /* invalid UTF-8: one U+FFFD per byte that starts no valid sequence */
    {"surrogate U+D800 as bytes", B("a\xED\xA0\x80z"), "a" FFFD FFFD FFFD "z",
     "a" FFFD FFFD FFFD "z"},
    {"surrogate U+DFFF as bytes", B("\xED\xBF\xBF"), FFFD FFFD FFFD,
     FFFD FFFD FFFD},
    {"CESU-8 surrogate pair", B("\xED\xA0\xBD\xED\xB8\x80"),
     FFFD FFFD FFFD FFFD FFFD FFFD, FFFD FFFD FFFD FFFD FFFD FFFD},
    {"overlong '/'", B("\xC0\xAF"), FFFD FFFD, FFFD FFFD},
    {"overlong NUL", B("\xC0\x80"), FFFD FFFD, FFFD FFFD},
    {"three-byte overlong", B("\xE0\x80\xAF"), FFFD FFFD FFFD, FFFD FFFD FFFD},
    {"above U+10FFFF", B("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD,
     FFFD FFFD FFFD FFFD},
    {"lone continuation", B("\x80"), FFFD, FFFD},
    {"FF FE bytes", B("\xFF\xFE"), FFFD FFFD, FFFD FFFD},
    {"truncated at the end", B("ok\xE2\x82"), "ok" FFFD FFFD, "ok" FFFD FFFD},
    /* kept: emoji, flags, ZWJ sequences, skin tones */
    {"emoji", B("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
    {"ZWJ family kept whole", B(FAMILY), FAMILY, FAMILY},
    {"lone ZWJ kept", B("a" ZWJ "b"), "a" ZWJ "b", "a" ZWJ "b"},
    {"flag ID", B("\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9"),
     "\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9", "\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9"},
    {"thumbs up, skin tone", B("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"),
     "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"},
    {"empty", B(""), "", ""},
    {"not trimmed", B("  a  "), "  a  ", "  a  "},
};

static void test_normalize(void)
{
    struct arena *a = arena_new();
    for (size_t i = 0; i < N_ITEMS(norm_cases); i++) {
        const struct norm_case *c = &norm_cases[i];
        test_current = c->name;
        char *line = text_normalize(a, c->in, c->n, TEXT_LINE);
        char *lines = text_normalize(a, c->in, c->n, TEXT_LINES);
        CHECK_STR(line, c->line);
        CHECK_STR(lines, c->lines);
        CHECK(utf8_valid(line, strlen(line)));
        CHECK(text_is_safe(lines, strlen(lines)));
        /* Normalising twice changes nothing. */
        CHECK_STR(text_normalize(a, line, strlen(line), TEXT_LINE), line);
        CHECK_STR(text_normalize(a, lines, strlen(lines), TEXT_LINES), lines);
    }
    test_current = "test_normalize";
    arena_free(a);
}

static void test_line_and_lines(void)
{
    struct arena *a = arena_new();
    /* Trimmed: ASCII space, tab, CR, LF at both ends; NBSP is kept. */
    CHECK_STR(text_line(a, " \t Siti\r\nAminah \n"), "Siti Aminah");
    CHECK_STR(text_lines(a, "\r\n  Baris satu\r\nBaris\tdua\r\n\r\n"),
              "Baris satu\nBaris\tdua");
    CHECK_STR(text_line(a, "\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");
    CHECK_STR(text_line(a, " \x01 "), "");
    CHECK_STR(text_line(a, ""), "");
    CHECK(text_line(a, NULL) == NULL);
    CHECK(text_lines(a, NULL) == NULL);
    /* A name with every class in it, as a form would send it. */
    CHECK_STR(text_line(a, "Jos"
                           "e" COMBINING_ACUTE "\x01\x7F\xC2\x85"
                           "\xEF\xBF\xBF\xEF\xB7\x90\tde\nla\rCruz" ZWJ),
              "Jos" E_ACUTE " de la Cruz" ZWJ);
    arena_free(a);
}

static void test_is_safe(void)
{
    static const struct {
        const char *s;
        size_t n;
        bool safe;
    } cases[] = {
        {B("plain"), true},
        {B(""), true},
        {B("tab\tand\nLF"), true},
        {B("CR\r"), false},
        {B("\x01"), false},
        {B("\x1F"), false},
        {B("\x7F"), false},
        {B("\0"), false},
        {B("\xC2\x80"), false},
        {B("\xC2\x9F"), false},
        {B("\xC2\xA0"), true},
        {B("\xEF\xBF\xBE"), false},
        {B("\xEF\xBF\xBF"), false},
        {B("\xEF\xBF\xBD"), true},
        {B("\xEF\xB7\x90"), false},
        {B("\xF0\x9F\xBF\xBF"), false},
        {B("\xF4\x8F\xBF\xBF"), false},
        {B("\xED\xA0\x80"), false},
        {B("\xC0\xAF"), false},
        {B(FAMILY), true},
        {B("e" COMBINING_ACUTE), true}, /* not NFC, but safe */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        if (text_is_safe(cases[i].s, cases[i].n) != cases[i].safe)
            fprintf(stderr, "  case %zu\n", i);
        CHECK_INT(text_is_safe(cases[i].s, cases[i].n), cases[i].safe);
    }
}

static void test_safe(void)
{
    struct arena *a = arena_new();
    static const struct {
        const char *in; /* NUL-terminated: stored text */
        const char *out;
    } cases[] = {
        {"plain", "plain"},
        {"a\x01"
         "b\x7F"
         "c\xC2\x85"
         "d",
         "abcd"},
        {"a\xEF\xBF\xBF"
         "b\xEF\xBF\xBE"
         "c\xEF\xB7\x90"
         "d\xF0\x9F\xBF\xBF"
         "e\xF4\x8F\xBF\xBF",
         "abcde"},
        {"x\xED\xA0\x80y", "x" FFFD FFFD FFFD "y"},
        {"x\xC0\xAFy", "x" FFFD FFFD "y"},
        {"line\r\nnext\rlast", "line\nnext\nlast"},
        {"tab\tkept\n", "tab\tkept\n"},
        {"e" COMBINING_ACUTE, "e" COMBINING_ACUTE}, /* no NFC at the exit */
        {FAMILY, FAMILY},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        const char *got = text_safe(a, cases[i].in);
        CHECK_STR(got, cases[i].out);
        CHECK(text_is_safe(got, strlen(got)));
        struct buf b;
        buf_init(&b, 1024);
        text_safe_append(&b, cases[i].in, strlen(cases[i].in));
        CHECK_STR(buf_cstr(&b), cases[i].out);
        buf_free(&b);
    }
    /* Safe text is returned as it is, without a copy. */
    const char *s = "Kantor Kecamatan Genteng";
    CHECK(text_safe(a, s) == s);
    CHECK(text_safe(a, NULL) == NULL);
    /* NUL bytes inside a counted string. */
    struct buf b;
    buf_init(&b, 64);
    text_safe_append(&b, "a\0b", 3);
    CHECK_STR(buf_cstr(&b), "a" FFFD "b");
    buf_free(&b);
    arena_free(a);
}

/* Lowercase hex of an exact length, at its edges. */
static void test_is_hex(void)
{
    CHECK(text_is_hex("0123456789abcdef", 16));
    CHECK(text_is_hex("", 0));
    CHECK(!text_is_hex("0123456789abcdef", 15));
    CHECK(!text_is_hex("0123456789abcdef", 17));
    CHECK(!text_is_hex("0123456789abcdeF", 16));
    CHECK(!text_is_hex("0123456789abcdeg", 16));
    CHECK(!text_is_hex("01234567 9abcdef", 16));
    CHECK(!text_is_hex(NULL, 0));
}

int main(void)
{
    RUN(test_normalize);
    RUN(test_line_and_lines);
    RUN(test_is_safe);
    RUN(test_safe);
    RUN(test_is_hex);
    TEST_END();
}
