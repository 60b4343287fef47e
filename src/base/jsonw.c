/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* jsonw.c: JSON straight into a buffer (see jsonw.h). */
#include "base/jsonw.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void jw_init(struct jsonw *w, struct buf *out)
{
    memset(w, 0, sizeof(*w));
    w->out = out;
}

/* Before a value: the comma between items of an array or object. */
static void before_value(struct jsonw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0 && w->depth <= JW_DEPTH) {
        if (w->items[w->depth - 1])
            buf_putc(w->out, ',');
        w->items[w->depth - 1] = true;
    }
}

static void open_container(struct jsonw *w, char open, char close)
{
    before_value(w);
    buf_putc(w->out, open);
    if (w->depth < JW_DEPTH) {
        w->items[w->depth] = false;
        w->close[w->depth] = close;
    }
    w->depth++;
}

void jw_object(struct jsonw *w)
{
    open_container(w, '{', '}');
}

void jw_array(struct jsonw *w)
{
    open_container(w, '[', ']');
}

void jw_end(struct jsonw *w)
{
    if (w->depth <= 0)
        return;
    w->depth--;
    w->after_key = false;
    char close = '}';
    if (w->depth < JW_DEPTH)
        close = w->close[w->depth];
    buf_putc(w->out, close);
}

/* The code point of the UTF-8 sequence at s (len bytes left) and its
 * length; an invalid sequence is U+FFFD of length 1. */
static uint32_t decode(const unsigned char *s, size_t len, size_t *n)
{
    *n = 1;
    unsigned char c = s[0];
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07u;
        min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if (len < need)
        return 0xFFFD;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *n = need;
    return cp;
}

static void put_u(struct buf *b, uint32_t u)
{
    char seq[8];
    snprintf(seq, sizeof(seq), "\\u%04X", (unsigned)u);
    buf_puts(b, seq);
}

static void put_string(struct buf *b, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text);
    buf_putc(b, '"');
    size_t i = 0;
    while (i < len) {
        /* The longest run that needs no escape, in one append. */
        size_t run = i;
        while (run < len && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' &&
               s[run] != '\\')
            run++;
        if (run > i)
            buf_append(b, s + i, run - i);
        i = run;
        if (i >= len)
            break;
        size_t n = 1;
        uint32_t cp = decode(s + i, len - i, &n);
        i += n;
        switch (cp) {
        case '"':
            buf_puts(b, "\\\"");
            break;
        case '\\':
            buf_puts(b, "\\\\");
            break;
        case '\b':
            buf_puts(b, "\\b");
            break;
        case '\f':
            buf_puts(b, "\\f");
            break;
        case '\n':
            buf_puts(b, "\\n");
            break;
        case '\r':
            buf_puts(b, "\\r");
            break;
        case '\t':
            buf_puts(b, "\\t");
            break;
        default:
            if (cp < 0x10000) {
                put_u(b, cp);
            } else {
                uint32_t v = cp - 0x10000;
                put_u(b, 0xD800 | (v >> 10));
                put_u(b, 0xDC00 | (v & 0x3FF));
            }
        }
    }
    buf_putc(b, '"');
}

void jw_key(struct jsonw *w, const char *key)
{
    before_value(w);
    put_string(w->out, key);
    buf_putc(w->out, ':');
    w->after_key = true;
}

void jw_str(struct jsonw *w, const char *s)
{
    before_value(w);
    if (s)
        put_string(w->out, s);
    else
        buf_puts(w->out, "null");
}

void jw_int(struct jsonw *w, int64_t v)
{
    before_value(w);
    char n[24];
    snprintf(n, sizeof(n), "%" PRId64, v);
    buf_puts(w->out, n);
}

void jw_bool(struct jsonw *w, bool v)
{
    before_value(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jw_null(struct jsonw *w)
{
    before_value(w);
    buf_puts(w->out, "null");
}
