/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* params.c: form, query and cookie parsing with typed getters. */
#include "base/params.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "base/utf8.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decode s[0..n) ('+' as space when plus) and repair UTF-8. */
static char *decode(struct arena *a, const char *s, size_t n, bool plus)
{
    char *tmp = arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
            hexval(s[i + 2]) >= 0) {
            tmp[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else if (plus && s[i] == '+') {
            tmp[o++] = ' ';
        } else {
            tmp[o++] = s[i];
        }
    }
    return utf8_repair(a, tmp, o);
}

void params_add(struct params *p, struct arena *a, const char *name,
                const char *value)
{
    p->items = arena_grow(a, p->items, p->n_items, &p->cap, sizeof(*p->items));
    p->items[p->n_items].name = arena_strdup(a, name);
    p->items[p->n_items].value = arena_strdup(a, value);
    p->n_items++;
}

enum err params_parse_form(struct params *p, struct arena *a, const char *s,
                           size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && s[end] != '&')
            end++;
        if (end > i) {
            size_t eq = i;
            while (eq < end && s[eq] != '=')
                eq++;
            size_t vlen = eq < end ? end - eq - 1 : 0;
            if (vlen > PARAMS_MAX_VALUE * 3 || eq - i > 256 * 3)
                return ERR_TOO_LARGE;
            if (p->n_items >= PARAMS_MAX_ITEMS)
                return ERR_TOO_LARGE;
            char *name = decode(a, s + i, eq - i, true);
            char *value = eq < end ? decode(a, s + eq + 1, vlen, true)
                                   : arena_strdup(a, "");
            if (strlen(value) > PARAMS_MAX_VALUE)
                return ERR_TOO_LARGE;
            p->items =
                arena_grow(a, p->items, p->n_items, &p->cap, sizeof(*p->items));
            p->items[p->n_items].name = name;
            p->items[p->n_items].value = value;
            p->n_items++;
        }
        i = end + 1;
    }
    return ERR_OK;
}

enum err params_parse_cookies(struct params *p, struct arena *a, const char *s,
                              size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t end = i;
        while (end < n && s[end] != ';')
            end++;
        size_t eq = i;
        while (eq < end && s[eq] != '=')
            eq++;
        if (eq < end && eq > i) {
            if (p->n_items >= PARAMS_MAX_ITEMS)
                return ERR_TOO_LARGE;
            size_t vend = end;
            while (vend > eq + 1 && (s[vend - 1] == ' ' || s[vend - 1] == '\t'))
                vend--;
            if (vend - eq - 1 > PARAMS_MAX_VALUE || eq - i > 256)
                return ERR_TOO_LARGE;
            char *name = utf8_repair(a, s + i, eq - i);
            char *value = utf8_repair(a, s + eq + 1, vend - eq - 1);
            /* Repair may grow invalid bytes threefold: cap the result. */
            if (strlen(value) > PARAMS_MAX_VALUE)
                return ERR_TOO_LARGE;
            params_add(p, a, name, value);
        }
        i = end + 1;
    }
    return ERR_OK;
}

const char *params_get(const struct params *p, const char *name)
{
    for (size_t i = 0; i < p->n_items; i++)
        if (strcmp(p->items[i].name, name) == 0)
            return p->items[i].value;
    return NULL;
}

char *str_trim(struct arena *a, const char *s)
{
    if (!s)
        return arena_strdup(a, "");
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
                 s[n - 1] == '\n'))
        n--;
    return arena_strndup(a, s, n);
}

const char *params_str(const struct params *p, struct arena *a,
                       const char *name)
{
    const char *v = params_get(p, name);
    return v ? text_line(a, v) : "";
}

const char *params_text(const struct params *p, struct arena *a,
                        const char *name)
{
    const char *v = params_get(p, name);
    return v ? text_lines(a, v) : "";
}

bool str_to_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    if (!s || !*s)
        return false;
    const char *q = s;
    if (*q == '-')
        q++;
    if (!*q)
        return false;
    for (; *q; q++)
        if (*q < '0' || *q > '9')
            return false;
    errno = 0;
    char *end = NULL;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

enum err params_int(const struct params *p, const char *name, int64_t min,
                    int64_t max, int64_t *out)
{
    const char *v = params_get(p, name);
    if (!v || !*v)
        return ERR_NOT_FOUND;
    /* Allow surrounding spaces typed in a form. */
    while (*v == ' ')
        v++;
    size_t n = strlen(v);
    while (n && v[n - 1] == ' ')
        n--;
    char tmp[32];
    if (n == 0 || n >= sizeof(tmp))
        return ERR_INVALID;
    memcpy(tmp, v, n);
    tmp[n] = '\0';
    return str_to_int(tmp, min, max, out) ? ERR_OK : ERR_INVALID;
}

bool params_bool(const struct params *p, const char *name)
{
    const char *v = params_get(p, name);
    return v && *v && strcmp(v, "0") != 0 && strcmp(v, "off") != 0 &&
           strcmp(v, "false") != 0;
}

size_t params_count(const struct params *p, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n_items; i++)
        if (strcmp(p->items[i].name, name) == 0)
            n++;
    return n;
}

const char *params_nth(const struct params *p, const char *name, size_t k)
{
    for (size_t i = 0; i < p->n_items; i++)
        if (strcmp(p->items[i].name, name) == 0 && k-- == 0)
            return p->items[i].value;
    return NULL;
}
