/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* multipart.c: multipart/form-data parsing (see multipart.h). */
#include "base/multipart.h"

#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/utf8.h"

const char *multipart_boundary(struct arena *a, const char *ct)
{
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
        return NULL;
    const char *b = strstr(ct, "boundary=");
    if (!b)
        return NULL;
    b += 9;
    size_t n;
    if (*b == '"') {
        b++;
        n = strcspn(b, "\"");
    } else {
        n = strcspn(b, "; \t");
    }
    if (n == 0 || n > 70)
        return NULL;
    return arena_strndup(a, b, n);
}

/* memmem without GNU extensions. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0 || n < m)
        return NULL;
    for (size_t i = 0; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

/* The value of name="..." (or filename="...") in a header line. */
static const char *header_param(struct arena *a, const char *h, size_t n,
                                const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl + 2 <= n; i++) {
        if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';') &&
            strncasecmp(h + i, key, kl) == 0 && h[i + kl] == '=' &&
            h[i + kl + 1] == '"') {
            const char *v = h + i + kl + 2;
            const char *end = memchr(v, '"', n - (size_t)(v - h));
            if (!end)
                return NULL;
            return utf8_repair(a, v, (size_t)(end - v));
        }
    }
    return NULL;
}

enum err multipart_parse(struct arena *a, const char *body, size_t len,
                         const char *boundary, struct params *form,
                         struct uploads *files)
{
    files->n_items = 0;
    char *delim = arena_printf(a, "--%s", boundary);
    size_t dl = strlen(delim);
    const char *p = find(body, len, delim, dl);
    if (!p)
        return ERR_INVALID;
    const char *end = body + len;
    for (;;) {
        p += dl;
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return ERR_OK; /* closing delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return ERR_INVALID;
        p += 2;
        const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hend)
            return ERR_INVALID;
        const char *name = NULL, *filename = NULL;
        const char *line = p;
        while (line < hend) {
            const char *eol = find(line, (size_t)(hend - line), "\r\n", 2);
            size_t ln = eol ? (size_t)(eol - line) : (size_t)(hend - line);
            if (ln > 19 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
                name = header_param(a, line, ln, "name");
                filename = header_param(a, line, ln, "filename");
            }
            line += ln + 2;
        }
        const char *data = hend + 4;
        char *next_delim = arena_printf(a, "\r\n%s", delim);
        const char *next = find(data, (size_t)(end - data), next_delim, dl + 2);
        if (!next || !name)
            return ERR_INVALID;
        size_t n = (size_t)(next - data);
        if (filename && n == 0 && !*filename) {
            /* An empty file input (nothing chosen): not a file. */
        } else if (filename) {
            if (files->n_items >= MULTIPART_MAX_FILES)
                return ERR_TOO_LARGE;
            struct upload *u = &files->items[files->n_items++];
            u->field = name;
            u->filename = filename;
            u->data = (const unsigned char *)data;
            u->len = n;
        } else {
            if (n > PARAMS_MAX_VALUE || form->n_items >= PARAMS_MAX_ITEMS)
                return ERR_TOO_LARGE;
            params_add(form, a, name, utf8_repair(a, data, n));
        }
        p = next + 2;
    }
}
