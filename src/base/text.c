/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* text.c: text at the door and at the exit (see text.h). */
#include "base/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"

/*
 * Apply the shape to s (after utf8_repair: only tab, CR and LF are left of
 * the controls) in place; returns the new length.
 */
static size_t shape_in_place(char *s, enum text_shape shape)
{
    size_t o = 0;
    for (size_t i = 0; s[i]; i++) {
        char c = s[i];
        if (c == '\r') {
            if (s[i + 1] == '\n')
                i++; /* CR LF is one line break */
            c = shape == TEXT_LINE ? ' ' : '\n';
        } else if ((c == '\n' || c == '\t') && shape == TEXT_LINE) {
            c = ' ';
        }
        s[o++] = c;
    }
    s[o] = '\0';
    return o;
}

/* s[0..n) (valid UTF-8) in Normalization Form C: s itself or a copy. */
static char *nfc(struct arena *a, char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n)
        return s; /* ASCII is its own NFC */
    /* NFC grows a text at most threefold (UAX #15); u8_normalize mallocs
     * when the guess is short, and the result is copied into the arena. */
    size_t cap = n * 3;
    uint8_t *room = arena_alloc(a, cap + 1);
    size_t len = cap;
    uint8_t *r = u8_normalize(UNINORM_NFC, (const uint8_t *)s, n, room, &len);
    if (!r)
        return s; /* out of memory in libunistring: keep the text as is */
    if (r != room) {
        char *copy = arena_strndup(a, (const char *)r, len);
        free(r);
        return copy;
    }
    room[len] = '\0';
    return (char *)room;
}

char *text_normalize(struct arena *a, const char *s, size_t n,
                     enum text_shape shape)
{
    char *r = utf8_repair(a, s, n);
    size_t len = shape_in_place(r, shape);
    return nfc(a, r, len);
}

static bool ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *trimmed(struct arena *a, const char *s, enum text_shape shape)
{
    if (!s)
        return NULL;
    char *r = text_normalize(a, s, strlen(s), shape);
    while (ascii_space(*r))
        r++;
    size_t n = strlen(r);
    while (n && ascii_space(r[n - 1]))
        n--;
    r[n] = '\0';
    return r;
}

char *text_line(struct arena *a, const char *s)
{
    return trimmed(a, s, TEXT_LINE);
}

char *text_lines(struct arena *a, const char *s)
{
    return trimmed(a, s, TEXT_LINES);
}

bool text_is_safe(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n') {
            i++;
            continue;
        }
        if (c < 0x80)
            return false; /* C0 (CR included), NUL, DEL */
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (!k || cp < 0xA0 || utf8_is_noncharacter(cp))
            return false; /* invalid, C1, noncharacter */
        i += k;
    }
    return true;
}

const char *text_safe(struct arena *a, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (text_is_safe(s, n))
        return s;
    char *r = utf8_repair(a, s, n);
    shape_in_place(r, TEXT_LINES);
    return r;
}

void text_safe_append(struct buf *b, const char *s, size_t n)
{
    if (text_is_safe(s, n)) {
        buf_append(b, s, n);
        return;
    }
    struct arena *tmp = arena_new();
    char *r = utf8_repair(tmp, s, n);
    size_t len = shape_in_place(r, TEXT_LINES);
    buf_append(b, r, len);
    arena_free(tmp);
}

bool text_is_hex(const char *s, size_t len)
{
    return s && strlen(s) == len && strspn(s, "0123456789abcdef") == len;
}
