/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.h: a growable byte buffer with a hard cap (as curl's dynbuf).
 *
 * Every buffer that grows from outside input has a cap. Appending past it
 * fails with ERR_TOO_LARGE, sets the sticky `overflow` flag and leaves the
 * contents as they were, so a writer can append freely and check once.
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
    bool overflow; /* an append was refused because of max */
};

/* An empty buffer that may grow to max bytes. Free with buf_free(). */
void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
/* Empty the buffer, keeping its memory and clearing overflow. */
void buf_reset(struct buf *b);
enum err buf_append(struct buf *b, const void *p, size_t n);
enum err buf_puts(struct buf *b, const char *s);
enum err buf_putc(struct buf *b, char c);
enum err buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
enum err buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The contents as a C string ("" when empty); borrowed from b. */
const char *buf_cstr(const struct buf *b);
/* Hand the heap bytes to the caller (free() them); b becomes empty. */
char *buf_steal(struct buf *b, size_t *len);

#endif
