/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * utf8.h: UTF-8 validation and repair. Text from outside is repaired
 * (invalid sequences become U+FFFD) before it is stored, so hostile bytes
 * are kept as visible text and never reach the database as invalid UTF-8.
 */
#ifndef SP_BASE_UTF8_H
#define SP_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool utf8_valid(const char *s, size_t n);
/* Length in code points of valid UTF-8 text (invalid bytes count one). */
size_t utf8_length(const char *s, size_t n);
/*
 * The sequence at s[0..n) (n >= 1): its length (1..4) with its code point
 * in *cp, or 0 when it is not well-formed (*cp is then U+FFFD; skip one
 * byte).
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* True for the 66 noncharacters: U+FDD0..U+FDEF and U+xxFFFE, U+xxFFFF. */
bool utf8_is_noncharacter(uint32_t cp);
/*
 * A NUL-terminated copy of s[0..n) in the arena with every invalid
 * sequence and every NUL byte replaced by U+FFFD, and control characters
 * (C0 other than tab, CR and LF; DEL; C1) and noncharacters removed.
 * The first step of text_normalize() and text_safe() (base/text.h).
 */
char *utf8_repair(struct arena *a, const char *s, size_t n);

#endif
