/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_form.c: params_parse_form() (base/params.h) on arbitrary bytes, as
 * a query string or an urlencoded body arrives from a client.
 *
 * Invariants:
 *   - parsing is total: ERR_OK, or ERR_TOO_LARGE beyond a cap; and ERR_OK
 *     whenever the input is too small to reach any cap;
 *   - n_items <= PARAMS_MAX_ITEMS <= cap; every name and value is valid
 *     UTF-8 with no control character but tab, CR and LF; no value is
 *     longer than PARAMS_MAX_VALUE;
 *   - memory is linear in the input: at most 64 arena bytes per input
 *     byte, plus the item array;
 *   - the getters agree with the item list: params_get() is the first
 *     match, params_count()/params_nth() count and index the matches,
 *     params_int() stays within its range, params_str() is trimmed and
 *     one line (no tab, CR or LF), params_text() is trimmed and has no
 *     CR, and both are text_is_safe() (base/text.h);
 *   - round trip: the pairs, percent-encoded with html_urlenc() and parsed
 *     again, come back identical.
 */
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/html.h"
#include "base/text.h"
#include "base/params.h"
#include "base/utf8.h"
#include "fuzz.h"

/* Names the handlers really read, plus the empty name. */
static const char *const names[] = {"q", "page", "csrf", "office", "id", ""};

/* Well-formed, repaired text: valid UTF-8, no control but \t \r \n. */
static bool clean_text(const char *s)
{
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F)
            return false;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
            return false; /* C1 control */
    }
    return true;
}

static void check_getters(const struct params *p, struct arena *a,
                          const char *name)
{
    size_t count = 0;
    const char *first = NULL;
    for (size_t i = 0; i < p->n_items; i++) {
        if (strcmp(p->items[i].name, name) == 0) {
            if (!first)
                first = p->items[i].value;
            FUZZ_CHECK(params_nth(p, name, count) == p->items[i].value);
            count++;
        }
    }
    FUZZ_CHECK(params_get(p, name) == first);
    FUZZ_CHECK(params_count(p, name) == count);
    FUZZ_CHECK(params_nth(p, name, count) == NULL);

    int64_t v = 12345;
    enum err rc = params_int(p, name, -1000, 1000, &v);
    if (rc == ERR_OK)
        FUZZ_CHECK(v >= -1000 && v <= 1000 && first);
    else if (rc == ERR_NOT_FOUND)
        FUZZ_CHECK(v == 12345 && (!first || !*first));
    else
        FUZZ_CHECK(rc == ERR_INVALID && v == 12345 && first && *first);

    const char *s = params_str(p, a, name);
    size_t n = strlen(s);
    FUZZ_CHECK(n == 0 ||
               (!strchr(" \t\r\n", s[0]) && !strchr(" \t\r\n", s[n - 1])));
    FUZZ_CHECK(!strpbrk(s, "\t\r\n") && text_is_safe(s, n));
    if (!first)
        FUZZ_CHECK(n == 0 && !params_bool(p, name));
    const char *t = params_text(p, a, name);
    size_t tn = strlen(t);
    FUZZ_CHECK(tn == 0 ||
               (!strchr(" \t\r\n", t[0]) && !strchr(" \t\r\n", t[tn - 1])));
    FUZZ_CHECK(!strchr(t, '\r') && text_is_safe(t, tn));
}

/* Encode the pairs as a form body and parse it again. */
static void check_round_trip(const struct params *p, struct arena *a)
{
    struct buf b;
    buf_init(&b, (size_t)64 * 1024 * 1024);
    for (size_t i = 0; i < p->n_items; i++) {
        if (i)
            buf_putc(&b, '&');
        size_t start = b.len;
        html_urlenc(&b, p->items[i].name);
        if (b.len - start > 256 * 3) {
            buf_free(&b); /* repair grew the name past the raw cap */
            return;
        }
        buf_putc(&b, '=');
        html_urlenc(&b, p->items[i].value);
    }
    FUZZ_CHECK(!b.overflow);
    struct params again = {0};
    FUZZ_CHECK(params_parse_form(&again, a, buf_cstr(&b), b.len) == ERR_OK);
    FUZZ_CHECK(again.n_items == p->n_items);
    for (size_t i = 0; i < p->n_items; i++) {
        FUZZ_CHECK(strcmp(again.items[i].name, p->items[i].name) == 0);
        FUZZ_CHECK(strcmp(again.items[i].value, p->items[i].value) == 0);
    }
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    struct params p = {0};
    enum err rc = params_parse_form(&p, a, (const char *)data, size);
    FUZZ_CHECK(rc == ERR_OK || rc == ERR_TOO_LARGE);

    size_t n_seps = 0;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '&' || data[i] == ';')
            n_seps++;
    if (size <= 256 * 3 && n_seps < PARAMS_MAX_ITEMS)
        FUZZ_CHECK(rc == ERR_OK); /* no cap can be reached */

    FUZZ_CHECK(p.n_items <= PARAMS_MAX_ITEMS && p.n_items <= p.cap);
    FUZZ_CHECK(arena_used(a) <=
               64 * (size + 1) + 2 * PARAMS_MAX_ITEMS * sizeof(struct param));
    for (size_t i = 0; i < p.n_items; i++) {
        FUZZ_CHECK(p.items[i].name && p.items[i].value);
        FUZZ_CHECK(clean_text(p.items[i].name));
        FUZZ_CHECK(clean_text(p.items[i].value));
        FUZZ_CHECK(strlen(p.items[i].value) <= PARAMS_MAX_VALUE);
    }
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        check_getters(&p, a, names[i]);
    if (p.n_items)
        check_getters(&p, a, p.items[p.n_items - 1].name);
    if (rc == ERR_OK)
        check_round_trip(&p, a);
    arena_free(a);
    return 0;
}
