/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.h: a growable byte buffer with a hard cap (as curl's dynbuf).
 *
 * Every buffer that grows from outside input has a cap. An append past
 * it is refused whole: it sets the sticky `overflow` flag and leaves the
 * contents as they were. So a writer appends freely and checks once, at
 * the end, with buf_status(); the appending functions return nothing, so
 * no result can be ignored by mistake.
 * The data is always NUL-terminated (when non-NULL).
 */
#ifndef SP_BASE_BUF_H
#define SP_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct buf {
    char *data;    /* heap bytes, NUL-terminated; NULL until first append */
    size_t len;    /* bytes used, not counting the NUL */
    size_t cap;    /* bytes allocated */
    size_t max;    /* hard cap on len */
    bool overflow; /* an append was refused (buf_status()) */
};

/* An empty buffer that may grow to max bytes. Free with buf_free(). */
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
/* Empty the buffer, keeping its memory and clearing overflow. */
void buf_reset(struct buf *b);
/* Append n bytes (any bytes, NUL included), or refuse them whole. */
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
/* Append formatted text; refused whole past the cap, and also when
 * vsnprintf() cannot format it (sets overflow either way). */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* ERR_TOO_LARGE when an append was refused since the last init or reset,
 * else ERR_OK. */
enum err buf_status(const struct buf *b) __attribute__((warn_unused_result));
/* The contents as a C string ("" when empty); borrowed from b. */
const char *buf_cstr(const struct buf *b);
/* Hand the heap bytes to the caller (free() them); b becomes empty. */
char *buf_steal(struct buf *b, size_t *len);

#endif
