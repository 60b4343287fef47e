/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * html.h: the HTML writer. The safe way is the only short way:
 *
 *   html_text(b, s)          escapes s for element content and attributes;
 *   html_printf(b, fmt, ...) escapes every %s argument (format-checked);
 *   html_raw(b, "<p>")       writes markup, and only from a string literal.
 *
 * html_raw() refuses anything but a literal at compile time ("" lit); there
 * is no way to write an unescaped runtime string except html_raw_trusted(),
 * which takes output of this writer itself (a fragment already built with
 * these functions) and is greppable.
 */
#ifndef SP_BASE_HTML_H
#define SP_BASE_HTML_H

#include <stddef.h>

#include "base/buf.h"

#define html_raw(b, lit) html_raw_n((b), "" lit, sizeof(lit) - 1)

void html_raw_n(struct buf *b, const char *s, size_t n);
/* Append a fragment that was itself produced by this writer. */
void html_raw_trusted(struct buf *b, const struct buf *fragment);
/*
 * Escape & < > " ' for content and quoted attribute values. NULL: "".
 * The text first goes through text_safe() (base/text.h): invalid UTF-8
 * becomes U+FFFD, controls but tab and LF and noncharacters are dropped.
 * html_printf()'s %s arguments take the same path.
 */
void html_text(struct buf *b, const char *s);
void html_text_n(struct buf *b, const char *s, size_t n);
/*
 * printf whose every %s is escaped. Supports flags (- + space # 0), width
 * and precision as digits, and the conversions d i u x X (with the length
 * modifiers hh h l ll z j), f (also lf), c, s (no length modifier) and %%.
 * Anything else the compiler would accept ('*' as width or precision, %e,
 * %g, %o, %p, %n, %ls, %Lf, a '%' at the end, a spec over 31 characters)
 * is a programming error: html_printf() prints the format on stderr and
 * aborts, in every build (with or without NDEBUG), rather than read the
 * arguments out of step.
 */
void html_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Percent-encode s as a URL query component (RFC 3986 unreserved kept). */
void html_urlenc(struct buf *b, const char *s);

#endif
