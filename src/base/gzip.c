/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* gzip.c: content coding for kept documents (see gzip.h). */
#include "base/gzip.h"

#include <stdlib.h>
#include <string.h>
/* next_in as a pointer to const: the input is never written. */
#define ZLIB_CONST
#include <zlib.h>

#include "base/arena.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* One element of the list at *p ("gzip;q=0.5"): its coding into name
 * (lower case, "" when longer than the buffer), whether its quality is
 * above zero; *p moves past it and its comma. */
static void next_element(const char **p, char name[16], bool *positive)
{
    const char *s = *p;
    size_t k = 0;
    bool too_long = false;
    while (*s && *s != ',' && *s != ';') {
        if (!is_space(*s)) {
            if (k + 1 < 16)
                name[k++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s);
            else
                too_long = true;
        }
        s++;
    }
    name[too_long ? 0 : k] = '\0';
    *positive = true;
    /* Parameters: only q matters. q=0, 0., 0.0, 0.00, 0.000 is zero. */
    while (*s == ';') {
        s++;
        while (is_space(*s))
            s++;
        bool q = (*s == 'q' || *s == 'Q') && s[1] == '=';
        if (q) {
            s += 2;
            bool zero = *s == '0';
            if (!zero)
                *positive = *s != ',' && *s != ';' && *s != '\0';
            for (; *s && *s != ',' && *s != ';' && !is_space(*s); s++)
                if (zero && *s != '0' && *s != '.')
                    zero = false;
            if (zero)
                *positive = false;
        }
        while (*s && *s != ',' && *s != ';')
            s++;
    }
    if (*s == ',')
        s++;
    *p = s;
}

bool gzip_accepted(const char *h)
{
    if (!h)
        return false;
    int gzip = -1, star = -1; /* -1: not named, 0: refused, 1: accepted */
    const char *p = h;
    while (*p) {
        char name[16];
        bool ok = false;
        next_element(&p, name, &ok);
        if (strcmp(name, "gzip") == 0 || strcmp(name, "x-gzip") == 0)
            gzip = ok;
        else if (strcmp(name, "*") == 0)
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
    z.next_in = (const Bytef *)data;
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
