/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_params.c: form, query and cookie parsing and the typed getters
 * (base/params.h): percent-decoding, '+', bad escapes, repeated and empty
 * pairs, UTF-8 repair, the item and value caps, integer ranges.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/params.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define FFFD "\xEF\xBF\xBD"

static enum err parse_form(struct params *p, struct arena *a, const char *s)
{
    memset(p, 0, sizeof(*p));
    return params_parse_form(p, a, s, strlen(s));
}

static enum err parse_cookies(struct params *p, struct arena *a, const char *s)
{
    memset(p, 0, sizeof(*p));
    return params_parse_cookies(p, a, s, strlen(s));
}

/* One form body and the single value of name "v" it must decode to. */
static void test_form_decoding(void)
{
    static const struct {
        const char *body;
        const char *want;
    } cases[] = {
        {"v=plain", "plain"},
        {"v=hello+world", "hello world"},
        {"v=a%20b", "a b"},
        {"v=%41%42", "AB"},
        {"v=%2B", "+"},
        {"v=%2b", "+"},           /* lower-case hex */
        {"v=%c3%a9", "\xC3\xA9"}, /* e acute */
        {"v=%C3%A9", "\xC3\xA9"},
        {"v=%26%3D", "&="}, /* escaped separators stay in the value */
        {"v=a==b", "a==b"}, /* only the first '=' splits */
        {"v=%zz", "%zz"},   /* bad escapes are kept literally */
        {"v=%4", "%4"},
        {"v=%", "%"},
        {"v=%%41", "%A"},
        {"v=%2g", "%2g"},
        {"v=100%", "100%"},
        {"v=%FF", FFFD},                 /* invalid UTF-8 repaired */
        {"v=%C0%80", FFFD FFFD},         /* overlong NUL */
        {"v=a%00b", "a" FFFD "b"},       /* NUL becomes U+FFFD */
        {"v=x%01y", "xy"},               /* control characters removed */
        {"v=a%0D%0Ab%09c", "a\r\nb\tc"}, /* but CR, LF and tab kept */
        {"v=", ""},
        {"v", ""}, /* missing '=' is an empty value */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct arena *a = arena_new();
        struct params p;
        CHECK_INT(parse_form(&p, a, cases[i].body), ERR_OK);
        CHECK_INT(p.n_items, 1);
        CHECK_STR(params_get(&p, "v"), cases[i].want);
        arena_free(a);
    }
}

static void test_form_names(void)
{
    struct arena *a = arena_new();
    struct params p;
    CHECK_INT(parse_form(&p, a, "first+name=Budi&%6Eik=1&a%00b=2"), ERR_OK);
    CHECK_INT(p.n_items, 3);
    CHECK_STR(params_get(&p, "first name"), "Budi");
    CHECK_STR(params_get(&p, "nik"), "1");
    CHECK_STR(params_get(&p, "a" FFFD "b"), "2");
    CHECK(params_get(&p, "first+name") == NULL);
    CHECK(params_get(&p, "missing") == NULL);
    arena_free(a);
}

static void test_form_pairs(void)
{
    struct arena *a = arena_new();
    struct params p;

    CHECK_INT(parse_form(&p, a, "&&a=1&&"), ERR_OK);
    CHECK_INT(p.n_items, 1);
    CHECK_STR(params_get(&p, "a"), "1");

    CHECK_INT(parse_form(&p, a, ""), ERR_OK);
    CHECK_INT(p.n_items, 0);
    CHECK_INT(parse_form(&p, a, "&"), ERR_OK);
    CHECK_INT(p.n_items, 0);

    CHECK_INT(parse_form(&p, a, "flag&x=1"), ERR_OK);
    CHECK_INT(p.n_items, 2);
    CHECK_STR(params_get(&p, "flag"), "");
    CHECK_STR(params_get(&p, "x"), "1");

    /* x-www-form-urlencoded pairs are split on '&' only (WHATWG URL
     * standard): a raw ';' is part of the value, not a second separator
     * (splitting on it enables parameter cloaking, CVE-2021-23336). */
    CHECK_INT(parse_form(&p, a, "q=a;b&r=1"), ERR_OK);
    CHECK_INT(p.n_items, 2);
    CHECK_STR(params_get(&p, "q"), "a;b");
    CHECK(params_get(&p, "b") == NULL);

    /* Repeated keys keep their order. */
    CHECK_INT(parse_form(&p, a, "t=1&u=x&t=2&t=3"), ERR_OK);
    CHECK_INT(params_count(&p, "t"), 3);
    CHECK_INT(params_count(&p, "u"), 1);
    CHECK_INT(params_count(&p, "none"), 0);
    CHECK_STR(params_get(&p, "t"), "1");
    CHECK_STR(params_nth(&p, "t", 0), "1");
    CHECK_STR(params_nth(&p, "t", 1), "2");
    CHECK_STR(params_nth(&p, "t", 2), "3");
    CHECK(params_nth(&p, "t", 3) == NULL);
    CHECK(params_nth(&p, "none", 0) == NULL);

    /* A second parse appends (query string, then body). */
    CHECK_INT(params_parse_form(&p, a, "t=4", 3), ERR_OK);
    CHECK_INT(params_count(&p, "t"), 4);
    CHECK_STR(params_nth(&p, "t", 3), "4");

    /* Only n bytes are read. */
    CHECK_INT(parse_form(&p, a, ""), ERR_OK);
    CHECK_INT(params_parse_form(&p, a, "a=12&b=3", 3), ERR_OK);
    CHECK_INT(p.n_items, 1);
    CHECK_STR(params_get(&p, "a"), "1");

    /* params_add copies. */
    char name[8] = "k", value[8] = "v1";
    params_add(&p, a, name, value);
    name[0] = 'X';
    value[1] = '9';
    CHECK_STR(params_get(&p, "k"), "v1");
    arena_free(a);
}

/* "k=1&" repeated n times. */
static char *repeat_pairs(size_t n, const char *pair)
{
    size_t len = strlen(pair);
    char *s = malloc(n * len + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * len, pair, len);
    s[n * len] = '\0';
    return s;
}

static void test_item_cap(void)
{
    struct arena *a = arena_new();
    struct params p;
    char *s = repeat_pairs(PARAMS_MAX_ITEMS, "k=1&");
    CHECK_INT(parse_form(&p, a, s), ERR_OK);
    CHECK_INT(p.n_items, PARAMS_MAX_ITEMS);
    free(s);

    s = repeat_pairs(PARAMS_MAX_ITEMS + 1, "k=1&");
    CHECK_INT(parse_form(&p, a, s), ERR_TOO_LARGE);
    free(s);

    s = repeat_pairs(PARAMS_MAX_ITEMS, "c=1; ");
    CHECK_INT(parse_cookies(&p, a, s), ERR_OK);
    CHECK_INT(p.n_items, PARAMS_MAX_ITEMS);
    free(s);

    s = repeat_pairs(PARAMS_MAX_ITEMS + 1, "c=1; ");
    CHECK_INT(parse_cookies(&p, a, s), ERR_TOO_LARGE);
    free(s);
    arena_free(a);
}

/* "<prefix>" followed by n copies of c. */
static char *long_value(const char *prefix, size_t n, char c)
{
    size_t k = strlen(prefix);
    char *s = malloc(k + n + 1);
    memcpy(s, prefix, k);
    memset(s + k, c, n);
    s[k + n] = '\0';
    return s;
}

static void test_value_cap(void)
{
    struct arena *a = arena_new();
    struct params p;
    char *s = long_value("v=", PARAMS_MAX_VALUE, 'x');
    CHECK_INT(parse_form(&p, a, s), ERR_OK);
    CHECK_INT(strlen(params_get(&p, "v") ? params_get(&p, "v") : ""),
              PARAMS_MAX_VALUE);
    free(s);

    s = long_value("v=", PARAMS_MAX_VALUE + 1, 'x');
    CHECK_INT(parse_form(&p, a, s), ERR_TOO_LARGE);
    free(s);

    /* The cap is on decoded bytes: 64 KiB written as "%41" is fine. */
    s = repeat_pairs(PARAMS_MAX_VALUE, "%41");
    size_t slen = strlen(s);
    char *body = malloc(slen + 3);
    memcpy(body, "v=", 2);
    memcpy(body + 2, s, slen + 1);
    CHECK_INT(parse_form(&p, a, body), ERR_OK);
    free(body);
    free(s);

    /* Cookies are under the same per-value cap (params.h). */
    s = long_value("c=", PARAMS_MAX_VALUE, 'x');
    CHECK_INT(parse_cookies(&p, a, s), ERR_OK);
    free(s);
    s = long_value("c=", PARAMS_MAX_VALUE + 1, 'x');
    CHECK_INT(parse_cookies(&p, a, s), ERR_TOO_LARGE);
    free(s);
    arena_free(a);
}

static void test_cookies(void)
{
    struct arena *a = arena_new();
    struct params p;

    CHECK_INT(parse_cookies(&p, a, "a=b; c=d"), ERR_OK);
    CHECK_INT(p.n_items, 2);
    CHECK_STR(params_get(&p, "a"), "b");
    CHECK_STR(params_get(&p, "c"), "d");

    CHECK_INT(parse_cookies(&p, a, "  a=b;c=d  ;   e=f"), ERR_OK);
    CHECK_INT(p.n_items, 3);
    CHECK_STR(params_get(&p, "a"), "b");
    CHECK_STR(params_get(&p, "c"), "d");
    CHECK_STR(params_get(&p, "e"), "f");

    /* Cookie values are not percent-decoded, and '+' stays. */
    CHECK_INT(parse_cookies(&p, a, "sid=a%20b+c"), ERR_OK);
    CHECK_STR(params_get(&p, "sid"), "a%20b+c");

    /* Pieces without a name or without '=' are dropped. */
    CHECK_INT(parse_cookies(&p, a, "noeq; =v; ok=1;;"), ERR_OK);
    CHECK_INT(p.n_items, 1);
    CHECK_STR(params_get(&p, "ok"), "1");

    /* An empty value and a value with '='. */
    CHECK_INT(parse_cookies(&p, a, "e=; t=x=y"), ERR_OK);
    CHECK_STR(params_get(&p, "e"), "");
    CHECK_STR(params_get(&p, "t"), "x=y");

    /* Invalid UTF-8 is repaired. */
    CHECK_INT(parse_cookies(&p, a, "u=\xFF"), ERR_OK);
    CHECK_STR(params_get(&p, "u"), FFFD);

    CHECK_INT(parse_cookies(&p, a, ""), ERR_OK);
    CHECK_INT(p.n_items, 0);
    arena_free(a);
}

static void test_params_int(void)
{
    static const struct {
        const char *body;
        int64_t min, max;
        enum err rc;
        int64_t want; /* when rc is ERR_OK, else out stays 777 */
    } cases[] = {
        {"n=12", 0, 100, ERR_OK, 12},
        {"n=0", 0, 100, ERR_OK, 0},
        {"n=100", 0, 100, ERR_OK, 100},
        {"n=101", 0, 100, ERR_INVALID, 777},
        {"n=-1", 0, 100, ERR_INVALID, 777},
        {"n=-5", -10, -1, ERR_OK, -5},
        {"n=+12+", 0, 100, ERR_OK, 12}, /* " 12 " */
        {"n=%2012%20", 0, 100, ERR_OK, 12},
        {"n=abc", 0, 100, ERR_INVALID, 777},
        {"n=12abc", 0, 100, ERR_INVALID, 777},
        {"n=1.5", 0, 100, ERR_INVALID, 777},
        {"n=1+2", 0, 100, ERR_INVALID, 777}, /* "1 2" */
        {"n=0x10", 0, 100, ERR_INVALID, 777},
        {"n=-", 0, 100, ERR_INVALID, 777},
        {"n=", 0, 100, ERR_NOT_FOUND, 777},
        {"m=5", 0, 100, ERR_NOT_FOUND, 777},
        {"n=9223372036854775807", INT64_MIN, INT64_MAX, ERR_OK, INT64_MAX},
        {"n=9223372036854775808", INT64_MIN, INT64_MAX, ERR_INVALID, 777},
        {"n=7&n=8", 0, 100, ERR_OK, 7}, /* the first value */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct arena *a = arena_new();
        struct params p;
        CHECK_INT(parse_form(&p, a, cases[i].body), ERR_OK);
        int64_t out = 777;
        CHECK_INT(params_int(&p, "n", cases[i].min, cases[i].max, &out),
                  cases[i].rc);
        CHECK_INT(out, cases[i].want);
        arena_free(a);
    }
}

static void test_params_str(void)
{
    struct arena *a = arena_new();
    struct params p;
    CHECK_INT(parse_form(&p, a, "s=+%09hi+there%0D%0A&e=&w=++"), ERR_OK);
    CHECK_STR(params_str(&p, a, "s"), "hi there");
    CHECK_STR(params_str(&p, a, "e"), "");
    CHECK_STR(params_str(&p, a, "w"), "");
    CHECK_STR(params_str(&p, a, "missing"), "");
    arena_free(a);
}

/*
 * The getter decides the shape: params_str() one line, params_text()
 * several; both NFC, without controls or noncharacters (base/text.h).
 * params_get() gives the value as parsed: repaired, no controls but tab,
 * CR, LF, no noncharacters, not normalised.
 */
static void test_params_text(void)
{
    struct arena *a = arena_new();
    struct params p;
    /* "Jose" + U+0301, U+0001, tab, CR LF, U+FFFF, U+FDD0, U+0085, an
     * overlong '/', then "Cruz", a lone CR and "!" */
    CHECK_INT(parse_form(&p, a,
                         "v=+Jose%CC%81%01%09de%0D%0Ala%EF%BF%BF%EF%B7%90"
                         "%C2%85%C0%AFCruz%0D!+&nul=a%00b&e="),
              ERR_OK);
    CHECK_STR(params_str(&p, a, "v"),
              "Jos\xC3\xA9 de la\xEF\xBF\xBD\xEF\xBF\xBD"
              "Cruz !");
    CHECK_STR(params_text(&p, a, "v"),
              "Jos\xC3\xA9\tde\nla\xEF\xBF\xBD\xEF\xBF\xBD"
              "Cruz\n!");
    CHECK_STR(params_get(&p, "v"),
              " Jose\xCC\x81\tde\r\nla\xEF\xBF\xBD\xEF\xBF\xBD"
              "Cruz\r! ");
    CHECK_STR(params_str(&p, a, "nul"), "a\xEF\xBF\xBD"
                                        "b");
    CHECK_STR(params_text(&p, a, "e"), "");
    CHECK_STR(params_text(&p, a, "missing"), "");
    arena_free(a);
}

static void test_params_bool(void)
{
    static const struct {
        const char *body;
        bool want;
    } cases[] = {
        {"b=1", true},      {"b=on", true}, {"b=yes", true}, {"b=true", true},
        {"b=2", true},      {"b=x", true},  {"b=", false},   {"b=0", false},
        {"b=off", false},   {"b", false},   {"c=1", false},  {"b=00", true},
        {"b=false", false}, /* header: "", "0", "off" and "false" are false */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct arena *a = arena_new();
        struct params p;
        CHECK_INT(parse_form(&p, a, cases[i].body), ERR_OK);
        bool got = params_bool(&p, "b");
        if (got != cases[i].want)
            fprintf(stderr, "  params_bool case \"%s\"\n", cases[i].body);
        CHECK_INT(got, cases[i].want);
        arena_free(a);
    }
}

static void test_str_to_int(void)
{
    static const struct {
        const char *s;
        int64_t min, max;
        bool ok;
        int64_t want;
    } cases[] = {
        {"0", 0, 0, true, 0},
        {"-0", 0, 0, true, 0},
        {"42", 0, 100, true, 42},
        {"007", 0, 100, true, 7},
        {"100", 0, 99, false, 0},
        {"-1", 0, 99, false, 0},
        {"9223372036854775807", INT64_MIN, INT64_MAX, true, INT64_MAX},
        {"-9223372036854775808", INT64_MIN, INT64_MAX, true, INT64_MIN},
        {"9223372036854775808", INT64_MIN, INT64_MAX, false, 0},
        {"-9223372036854775809", INT64_MIN, INT64_MAX, false, 0},
        {"99999999999999999999", INT64_MIN, INT64_MAX, false, 0},
        {"-", INT64_MIN, INT64_MAX, false, 0},
        {"+", INT64_MIN, INT64_MAX, false, 0},
        {"+1", INT64_MIN, INT64_MAX, false, 0},
        {"--1", INT64_MIN, INT64_MAX, false, 0},
        {"1e3", INT64_MIN, INT64_MAX, false, 0},
        {"1.0", INT64_MIN, INT64_MAX, false, 0},
        {" 1", INT64_MIN, INT64_MAX, false, 0},
        {"1 ", INT64_MIN, INT64_MAX, false, 0},
        {"0x1", INT64_MIN, INT64_MAX, false, 0},
        {"", INT64_MIN, INT64_MAX, false, 0},
        {"\xD9\xA1", INT64_MIN, INT64_MAX, false, 0}, /* Arabic-Indic 1 */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        int64_t out = 555;
        bool ok = str_to_int(cases[i].s, cases[i].min, cases[i].max, &out);
        if (ok != cases[i].ok)
            fprintf(stderr, "  str_to_int case \"%s\"\n", cases[i].s);
        CHECK_INT(ok, cases[i].ok);
        CHECK_INT(out, cases[i].ok ? cases[i].want : 555);
    }
    int64_t out = 555;
    CHECK(!str_to_int(NULL, 0, 10, &out));
    CHECK_INT(out, 555);
}

static void test_str_trim(void)
{
    struct arena *a = arena_new();
    CHECK_STR(str_trim(a, "  a b \t\r\n"), "a b");
    CHECK_STR(str_trim(a, "\t\r\n "), "");
    CHECK_STR(str_trim(a, ""), "");
    CHECK_STR(str_trim(a, "x"), "x");
    CHECK_STR(str_trim(a, NULL), "");
    const char *src = "keep";
    char *t = str_trim(a, src);
    CHECK(t != src); /* an arena copy */
    arena_free(a);
}

int main(void)
{
    RUN(test_form_decoding);
    RUN(test_form_names);
    RUN(test_form_pairs);
    RUN(test_item_cap);
    RUN(test_value_cap);
    RUN(test_cookies);
    RUN(test_params_int);
    RUN(test_params_str);
    RUN(test_params_text);
    RUN(test_params_bool);
    RUN(test_str_to_int);
    RUN(test_str_trim);
    TEST_END();
}
