/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * gzip.h: content coding for kept documents (zlib).
 *
 * gzip_accepted() reads an Accept-Encoding header as RFC 9110 section
 * 12.5.3 has it: "gzip" (or "x-gzip", or "*" when gzip is not named) with
 * a quality above zero. gzip_compress() writes the gzip format (RFC 1952)
 * of a body at zlib's default level.
 */
#ifndef SP_BASE_GZIP_H
#define SP_BASE_GZIP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "base/err.h"

/* True when the header (may be NULL) lets the answer be gzip-coded. */
bool gzip_accepted(const char *accept_encoding);
/* Append the gzip coding of data[0..len) to out; ERR_TOO_LARGE when
 * out's cap refuses it, ERR_INTERNAL when zlib fails. */
enum err gzip_compress(const void *data, size_t len, struct buf *out)
    __attribute__((warn_unused_result));

#endif
