/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_html.c: the escaping HTML writer (base/html.h) on arbitrary text,
 * as any user-supplied string on its way into a page or a link.
 *
 * Invariants, for s the input up to its first NUL:
 *   - html_text(s) has no '<', '>', '"' or '\'', every '&' starts one of
 *     the five entities it writes, decoding them gives text_safe(s) back
 *     (base/text.h: s itself for valid text without controls or
 *     noncharacters), and the output is text_is_safe();
 *   - html_printf() with "%s" writes exactly what html_text() writes, and
 *     "%.Ns" the escaped safe text of the first N bytes;
 *   - html_text_n() on all the bytes (NULs included) decodes back to their
 *     safe text;
 *   - html_urlenc(s) has only [A-Za-z0-9-_.~%], every '%' is followed by
 *     two upper-case hex digits, and percent-decoding gives s back.
 */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/text.h"
#include "fuzz.h"

#define FUZZ_BUF_MAX ((size_t)64 * 1024 * 1024)

/* text_safe() of s[0..n): a heap copy (free()), its length in *len. */
static char *safe_of(const char *s, size_t n, size_t *len)
{
    struct buf t;
    buf_init(&t, FUZZ_BUF_MAX);
    text_safe_append(&t, s, n);
    FUZZ_CHECK(!t.overflow);
    *len = t.len;
    char *out = xstrdup(buf_cstr(&t));
    buf_free(&t);
    return out;
}

static const struct {
    const char *entity; /* as written by html_text() */
    size_t len;         /* bytes in entity */
    char c;             /* the character it stands for */
} entities[] = {
    {"&amp;", 5, '&'},  {"&lt;", 4, '<'},   {"&gt;", 4, '>'},
    {"&quot;", 6, '"'}, {"&#39;", 5, '\''},
};

/* Check escaped text e[0..n) and that it decodes to s[0..len). */
static void check_escaped(const char *e, size_t n, const char *s, size_t len)
{
    size_t j = 0;
    for (size_t i = 0; i < n; j++) {
        FUZZ_CHECK(j < len);
        FUZZ_CHECK(e[i] != '<' && e[i] != '>' && e[i] != '"' && e[i] != '\'');
        if (e[i] != '&') {
            FUZZ_CHECK(e[i] == s[j]);
            i++;
            continue;
        }
        size_t k = 0;
        while (k < sizeof(entities) / sizeof(entities[0]) &&
               (n - i < entities[k].len ||
                memcmp(e + i, entities[k].entity, entities[k].len) != 0))
            k++;
        FUZZ_CHECK(k < sizeof(entities) / sizeof(entities[0]));
        FUZZ_CHECK(s[j] == entities[k].c);
        i += entities[k].len;
    }
    FUZZ_CHECK(j == len);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1; /* lower case is not what html_urlenc() writes */
}

static bool unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == '~';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    size_t len = strlen(s);
    struct buf b;

    size_t safe_len = 0;
    char *safe = safe_of(s, len, &safe_len);
    if (text_is_safe(s, len))
        FUZZ_CHECK(safe_len == len && memcmp(safe, s, len) == 0);
    buf_init(&b, FUZZ_BUF_MAX);
    html_text(&b, s);
    FUZZ_CHECK(!b.overflow && b.len >= safe_len);
    check_escaped(buf_cstr(&b), b.len, safe, safe_len);
    FUZZ_CHECK(text_is_safe(buf_cstr(&b), b.len));
    char *text = xstrdup(buf_cstr(&b));

    buf_reset(&b);
    html_printf(&b, "%s", s);
    FUZZ_CHECK(strcmp(buf_cstr(&b), text) == 0);
    buf_reset(&b);
    html_printf(&b, "[%.7s]", s);
    size_t cut = len < 7 ? len : 7, cut_len = 0;
    char *cut_safe = safe_of(s, cut, &cut_len);
    FUZZ_CHECK(b.len >= 2 && b.data[0] == '[' && b.data[b.len - 1] == ']');
    check_escaped(b.data + 1, b.len - 2, cut_safe, cut_len);
    free(cut_safe);

    buf_reset(&b);
    html_text_n(&b, (const char *)data, size);
    FUZZ_CHECK(!b.overflow);
    size_t all_len = 0;
    char *all_safe = safe_of((const char *)data, size, &all_len);
    check_escaped(b.data ? b.data : "", b.len, all_safe, all_len);
    FUZZ_CHECK(text_is_safe(b.data ? b.data : "", b.len));
    free(all_safe);

    buf_reset(&b);
    html_urlenc(&b, s);
    FUZZ_CHECK(!b.overflow);
    const char *u = buf_cstr(&b);
    size_t j = 0;
    for (size_t i = 0; i < b.len; j++) {
        FUZZ_CHECK(j < len);
        if (u[i] == '%') {
            FUZZ_CHECK(i + 2 < b.len);
            int hi = hexval(u[i + 1]), lo = hexval(u[i + 2]);
            FUZZ_CHECK(hi >= 0 && lo >= 0);
            FUZZ_CHECK((unsigned char)s[j] == hi * 16 + lo);
            FUZZ_CHECK(!unreserved(s[j])); /* unreserved stays literal */
            i += 3;
        } else {
            FUZZ_CHECK(unreserved(u[i]) && u[i] == s[j]);
            i++;
        }
    }
    FUZZ_CHECK(j == len);

    buf_free(&b);
    free(text);
    free(safe);
    free(s);
    return 0;
}
