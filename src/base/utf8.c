/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* utf8.c: UTF-8 checks (RFC 3629 well-formedness table) and repair. */
#include "base/utf8.h"

#include <string.h>

#include "base/arena.h"

/* Length of the valid sequence at s (1..4), or 0 if it is invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] > 0x9F)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] > 0x8F)
            return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t k = utf8_seq(p, n);
    switch (k) {
    case 1:
        *cp = p[0];
        break;
    case 2:
        *cp = (uint32_t)(p[0] & 0x1F) << 6 | (uint32_t)(p[1] & 0x3F);
        break;
    case 3:
        *cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 |
              (uint32_t)(p[2] & 0x3F);
        break;
    case 4:
        *cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
              (uint32_t)(p[2] & 0x3F) << 6 | (uint32_t)(p[3] & 0x3F);
        break;
    default:
        *cp = 0xFFFD;
        break;
    }
    return k;
}

bool utf8_is_noncharacter(uint32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) ||
           ((cp & 0xFFFE) == 0xFFFE && cp <= 0x10FFFF);
}

bool utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

size_t utf8_length(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        i += k ? k : 1;
        count++;
    }
    return count;
}

char *utf8_repair(struct arena *a, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    /* Worst case: every byte becomes a 3-byte U+FFFD. */
    char *out = arena_alloc(a, n * 3 + 1);
    size_t o = 0, i = 0;
    while (i < n) {
        size_t k = utf8_seq(p + i, n - i);
        if (k == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
            p[i] != '\r') {
            if (p[i] == 0) {
                memcpy(out + o, "\xEF\xBF\xBD", 3);
                o += 3;
            }
            i++;
            continue;
        }
        if (k == 1 && p[i] == 0x7F) {
            i++;
            continue;
        }
        if (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
            i += 2; /* C1 control (U+0080..U+009F) */
            continue;
        }
        if (!k) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        uint32_t cp = 0;
        if (k >= 3)
            utf8_decode(s + i, n - i, &cp);
        if (utf8_is_noncharacter(cp)) {
            i += k; /* U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF */
            continue;
        }
        memcpy(out + o, p + i, k);
        o += k;
        i += k;
    }
    out[o] = '\0';
    return out;
}
