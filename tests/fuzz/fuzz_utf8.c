/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_utf8.c: UTF-8 validation and repair (base/utf8.h) on arbitrary
 * bytes, against a reference decoder written here from RFC 3629 (code
 * point arithmetic, not utf8.c's byte table).
 *
 * Invariants:
 *   - utf8_valid() and utf8_length() agree with the reference;
 *   - utf8_repair() equals the reference repair byte for byte: each
 *     invalid byte and each NUL becomes U+FFFD, control characters (C0 but
 *     tab, CR, LF; DEL; C1) and noncharacters (U+FDD0..U+FDEF, U+xxFFFE,
 *     U+xxFFFF) are dropped, everything else is kept; so its
 *     output is valid UTF-8 and has no NUL before its end;
 *   - valid input without a dropped control character repairs to itself;
 *   - repair is idempotent.
 */
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "fuzz.h"

#define FFFD "\xEF\xBF\xBD"

/*
 * Decode the code point at s[0..n) into *cp; returns its length in bytes,
 * or 0 when the sequence is not well-formed (RFC 3629, section 4).
 */
static size_t ref_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len;
    unsigned long min;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if ((s[0] & 0xE0) == 0xC0) {
        len = 2;
        min = 0x80;
        *cp = s[0] & 0x1Fu;
    } else if ((s[0] & 0xF0) == 0xE0) {
        len = 3;
        min = 0x800;
        *cp = s[0] & 0x0Fu;
    } else if ((s[0] & 0xF8) == 0xF0) {
        len = 4;
        min = 0x10000;
        *cp = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3Fu);
    }
    if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return len;
}

/* True for a code point that repair drops. */
static bool ref_dropped(unsigned long cp)
{
    return (cp > 0 && cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') ||
           (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
           (cp & 0xFFFEu) == 0xFFFEu;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct arena *a = arena_new();

    /* The reference: validity, length, repair and "has a dropped char". */
    char *ref = xmalloc(size * 3 + 1);
    size_t ref_len = 0, ref_count = 0;
    bool ref_valid = true, has_dropped = false;
    for (size_t i = 0; i < size;) {
        unsigned long cp = 0;
        size_t k = ref_decode(data + i, size - i, &cp);
        ref_count++;
        if (!k) {
            ref_valid = false;
            memcpy(ref + ref_len, FFFD, 3);
            ref_len += 3;
            i++;
        } else if (cp == 0) {
            has_dropped = true;
            memcpy(ref + ref_len, FFFD, 3);
            ref_len += 3;
            i++;
        } else if (ref_dropped(cp)) {
            has_dropped = true;
            i += k;
        } else {
            memcpy(ref + ref_len, data + i, k);
            ref_len += k;
            i += k;
        }
    }

    FUZZ_CHECK(utf8_valid(s, size) == ref_valid);
    FUZZ_CHECK(utf8_length(s, size) == ref_count);

    char *out = utf8_repair(a, s, size);
    size_t out_len = strlen(out);
    FUZZ_CHECK(out_len == ref_len); /* no NUL before the end, none lost */
    FUZZ_CHECK(memcmp(out, ref, ref_len) == 0);
    FUZZ_CHECK(utf8_valid(out, out_len));
    if (ref_valid && !has_dropped)
        FUZZ_CHECK(out_len == size && memcmp(out, s, size) == 0);

    char *twice = utf8_repair(a, out, out_len);
    FUZZ_CHECK(strcmp(twice, out) == 0);

    free(ref);
    arena_free(a);
    return 0;
}
