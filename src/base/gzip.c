/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* gzip.c: content coding for kept documents (see gzip.h). */
#include "base/gzip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "base/arena.h"

/* The quality of one element's parameters ("q=0.5"): 1 without one, 0 for
 * q=0, q=0.0, q=0.00 or q=0.000, anything else above zero. */
static bool quality_positive(const char *params, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n &&
               (params[i] == ';' || params[i] == ' ' || params[i] == '\t'))
            i++;
        size_t start = i;
        while (i < n && params[i] != ';')
            i++;
        size_t end = i;
        while (end > start &&
               (params[end - 1] == ' ' || params[end - 1] == '\t'))
            end--;
        if (end - start >= 2 &&
            (params[start] == 'q' || params[start] == 'Q') &&
            params[start + 1] == '=') {
            const char *v = params + start + 2;
            size_t vn = end - start - 2;
            /* 0, 0., 0.0, 0.00, 0.000: zero; 1 or 0.x with a digit above
             * zero: positive. */
            if (vn == 0)
                return false;
            if (v[0] != '0')
                return true;
            for (size_t k = 1; k < vn; k++)
                if (v[k] != '.' && v[k] != '0')
                    return true;
            return false;
        }
    }
    return true;
}

bool gzip_accepted(const char *h)
{
    if (!h)
        return false;
    int gzip = -1, star = -1; /* -1: not named, 0: refused, 1: accepted */
    const char *p = h;
    while (*p) {
        while (*p == ',' || *p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ',')
            p++;
        const char *end = p;
        const char *semi = memchr(start, ';', (size_t)(end - start));
        const char *tok_end = semi ? semi : end;
        while (tok_end > start && (tok_end[-1] == ' ' || tok_end[-1] == '\t'))
            tok_end--;
        size_t tn = (size_t)(tok_end - start);
        bool ok = semi ? quality_positive(semi, (size_t)(end - semi)) : true;
        if ((tn == 4 && strncasecmp(start, "gzip", 4) == 0) ||
            (tn == 6 && strncasecmp(start, "x-gzip", 6) == 0))
            gzip = ok;
        else if (tn == 1 && *start == '*')
            star = ok;
    }
    if (gzip >= 0)
        return gzip == 1;
    return star == 1;
}

enum err gzip_compress(const void *data, size_t len, struct buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    /* 15 + 16: a 32 KiB window, the gzip wrapper. */
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK)
        return ERR_INTERNAL;
    uLong bound = deflateBound(&z, (uLong)len);
    unsigned char *tmp = xmalloc(bound ? bound : 1);
    z.next_in = (Bytef *)(uintptr_t)data;
    z.avail_in = (uInt)len;
    z.next_out = tmp;
    z.avail_out = (uInt)bound;
    int zr = deflate(&z, Z_FINISH);
    size_t n = (size_t)z.total_out;
    deflateEnd(&z);
    enum err rc = ERR_INTERNAL;
    if (zr == Z_STREAM_END) {
        buf_append(out, tmp, n);
        rc = buf_status(out);
    }
    free(tmp);
    return rc;
}
