/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* csv.c: RFC 4180 reader, and the field writer of CSV exports. */
#include "base/csv.h"

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/text.h"
#include "base/utf8.h"

void csv_init(struct csv_reader *r, const char *data, size_t len)
{
    r->data = data;
    r->len = len;
    r->pos = 0;
    r->line = 1;
    r->next_line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

enum err csv_next(struct csv_reader *r, struct arena *a,
                  char *fields[CSV_MAX_FIELDS], size_t *n_fields)
{
    *n_fields = 0;
    r->line = r->next_line;
    /* Skip blank lines. */
    while (r->pos < r->len &&
           (r->data[r->pos] == '\n' || r->data[r->pos] == '\r')) {
        if (r->data[r->pos] == '\n')
            r->line++;
        r->pos++;
    }
    if (r->pos >= r->len)
        return ERR_NOT_FOUND;
    size_t start_line = r->line;
    /* Scratch for one field: no field is longer than its row, so size it
     * by the row (outside quotes, a row ends at CR or LF). Memory stays
     * proportional to the input, however many rows it has. */
    size_t end = r->pos;
    bool quoted = false;
    while (end < r->len) {
        char c = r->data[end];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        end++;
    }
    char *tmp = arena_alloc(a, end - r->pos + 1);
    for (;;) {
        size_t o = 0;
        if (*n_fields >= CSV_MAX_FIELDS) {
            r->line = start_line;
            return ERR_INVALID;
        }
        if (r->pos < r->len && r->data[r->pos] == '"') {
            r->pos++;
            for (;;) {
                if (r->pos >= r->len) {
                    r->line = start_line;
                    return ERR_INVALID; /* unterminated quote */
                }
                char c = r->data[r->pos++];
                if (c == '"') {
                    if (r->pos < r->len && r->data[r->pos] == '"') {
                        tmp[o++] = '"';
                        r->pos++;
                        continue;
                    }
                    break;
                }
                if (c == '\n')
                    r->line++;
                tmp[o++] = c;
            }
            if (r->pos < r->len && r->data[r->pos] != ',' &&
                r->data[r->pos] != '\n' && r->data[r->pos] != '\r') {
                r->line = start_line;
                return ERR_INVALID; /* text after closing quote */
            }
        } else {
            while (r->pos < r->len && r->data[r->pos] != ',' &&
                   r->data[r->pos] != '\n' && r->data[r->pos] != '\r') {
                if (r->data[r->pos] == '"') {
                    r->line = start_line;
                    return ERR_INVALID; /* quote inside unquoted field */
                }
                tmp[o++] = r->data[r->pos++];
            }
        }
        fields[(*n_fields)++] = utf8_repair(a, tmp, o);
        if (r->pos < r->len && r->data[r->pos] == ',') {
            r->pos++;
            continue;
        }
        /* End of row. */
        if (r->pos < r->len && r->data[r->pos] == '\r')
            r->pos++;
        if (r->pos < r->len && r->data[r->pos] == '\n') {
            r->pos++;
            r->line++;
        }
        break;
    }
    r->next_line = r->line;
    r->line = start_line;
    return ERR_OK;
}

bool csv_formula_risk(const char *s)
{
    if (!s)
        return false;
    if (*s == '\t' || *s == '\r' || *s == '\n')
        return true;
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (s[0] == '\xC2' && s[1] == '\xA0')
            s += 2; /* NO-BREAK SPACE */
        else
            break;
    }
    return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

void csv_put_field(struct buf *b, const char *s)
{
    struct buf t;
    buf_init(&t, (s ? strlen(s) : 0) * 3 + 1);
    if (s)
        text_safe_append(&t, s, strlen(s));
    const char *v = buf_cstr(&t);
    buf_putc(b, '"');
    /* A lone CR became LF in text_safe(): check the original as well. */
    if (csv_formula_risk(v) || csv_formula_risk(s))
        buf_putc(b, '\'');
    for (const char *p = v; *p; p++) {
        if (*p == '"')
            buf_putc(b, '"');
        buf_putc(b, *p);
    }
    buf_putc(b, '"');
    buf_free(&t);
}
