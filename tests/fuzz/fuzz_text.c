/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_text.c: text at the door and at the exit (base/text.h) on
 * arbitrary bytes, as any field of a form, a query or a JSON body.
 *
 * Invariants, for every input (NULs included where a length is given):
 *   - text_normalize() gives valid UTF-8 with no NUL before its end, no C0
 *     control, DEL, C1 control or noncharacter; as TEXT_LINE no tab, CR or
 *     LF either; as TEXT_LINES no CR; so a TEXT_LINES result is
 *     text_is_safe();
 *   - it is idempotent: normalising the result again changes nothing (NFC
 *     is stable, and nothing the first pass kept is dropped by the next);
 *   - text_line()/text_lines() of the input up to its first NUL are the
 *     normalised text with ASCII white space trimmed from both ends;
 *   - text_safe() gives text_is_safe() text, the input itself when that
 *     was safe already, and is idempotent; text_safe_append() appends the
 *     same bytes.
 */
#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "base/utf8.h"
#include "fuzz.h"

/* No control or noncharacter; tab/LF only as allowed. */
static void check_clean(const char *s, bool lines)
{
    size_t n = strlen(s);
    FUZZ_CHECK(utf8_valid(s, n));
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        FUZZ_CHECK(k > 0);
        FUZZ_CHECK(!utf8_is_noncharacter(cp));
        FUZZ_CHECK(!(cp >= 0x7F && cp <= 0x9F));
        if (cp < 0x20)
            FUZZ_CHECK(lines && (cp == '\t' || cp == '\n'));
        i += k;
    }
    if (lines)
        FUZZ_CHECK(text_is_safe(s, n));
}

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* t is s with ASCII white space trimmed from both ends. */
static void check_trimmed(const char *s, const char *t)
{
    while (space(*s))
        s++;
    size_t n = strlen(s);
    while (n && space(s[n - 1]))
        n--;
    FUZZ_CHECK(strlen(t) == n && memcmp(s, t, n) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *raw = (const char *)data;
    struct arena *a = arena_new();
    char *s = fuzz_cstr(data, size);

    for (int shape = TEXT_LINE; shape <= TEXT_LINES; shape++) {
        bool lines = shape == TEXT_LINES;
        char *once = text_normalize(a, raw, size, (enum text_shape)shape);
        check_clean(once, lines);
        char *twice =
            text_normalize(a, once, strlen(once), (enum text_shape)shape);
        FUZZ_CHECK(strcmp(once, twice) == 0);

        char *whole = text_normalize(a, s, strlen(s), (enum text_shape)shape);
        char *t = lines ? text_lines(a, s) : text_line(a, s);
        check_trimmed(whole, t);
    }
    FUZZ_CHECK(text_line(a, NULL) == NULL && text_lines(a, NULL) == NULL);

    const char *safe = text_safe(a, s);
    size_t n = strlen(s), safe_len = strlen(safe);
    FUZZ_CHECK(text_is_safe(safe, safe_len));
    if (text_is_safe(s, n))
        FUZZ_CHECK(safe == s);
    FUZZ_CHECK(strcmp(text_safe(a, safe), safe) == 0);
    struct buf b;
    buf_init(&b, size * 3 + 16);
    text_safe_append(&b, s, n);
    FUZZ_CHECK(b.len == safe_len && memcmp(buf_cstr(&b), safe, b.len) == 0);
    buf_free(&b);

    free(s);
    arena_free(a);
    return 0;
}
