/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv.h: an RFC 4180 reader (quoted fields with "" escapes, CRLF or LF
 * line ends, commas and line breaks inside quotes). Used by the importers
 * for regions, calendars and paper questionnaires. And the one way to
 * write a text field of a CSV export (csv_put_field()).
 */
#ifndef SP_BASE_CSV_H
#define SP_BASE_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct arena;
struct buf;

#define CSV_MAX_FIELDS 64

struct csv_reader {
    const char *data; /* whole input, borrowed */
    size_t len;       /* bytes in data */
    size_t pos;       /* next byte to read */
    size_t line;      /* 1-based line where the last row started */
    size_t next_line; /* 1-based line at pos */
};

void csv_init(struct csv_reader *r, const char *data, size_t len);
/*
 * Read the next row into fields (arena strings, at most CSV_MAX_FIELDS),
 * setting *n_fields. Returns ERR_OK, ERR_NOT_FOUND at end of input, or
 * ERR_INVALID for an unterminated quote, text after a closing quote or too
 * many fields (r->line names the row). A UTF-8 byte order mark at the start
 * is skipped. Blank lines are skipped.
 */
enum err csv_next(struct csv_reader *r, struct arena *a,
                  char *fields[CSV_MAX_FIELDS], size_t *n_fields)
    __attribute__((warn_unused_result));

/*
 * True when a spreadsheet could take s as a formula (OWASP "CSV
 * injection"): s starts with tab, CR or LF, or its first character that is
 * not blank (space, tab, CR, LF, U+00A0) is = + - or @.
 */
bool csv_formula_risk(const char *s);
/*
 * Append s (NULL: "") as one quoted RFC 4180 field: its text through
 * text_safe() (base/text.h: valid UTF-8, no controls but tab and LF, no
 * noncharacters), quotes doubled, and a ' in front when
 * csv_formula_risk() says so. For text; numbers are written as numbers.
 */
void csv_put_field(struct buf *b, const char *s);

#endif
