/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_csv.c: the RFC 4180 reader (base/csv.h) on arbitrary bytes, as an
 * uploaded region, calendar or questionnaire file.
 *
 * Invariants:
 *   - csv_next() is called until it stops, and it stops: every ERR_OK row
 *     consumes input, so there are at most size rows; the last result is
 *     ERR_NOT_FOUND (end) or ERR_INVALID (a malformed row);
 *   - every row has 1..CSV_MAX_FIELDS fields, each valid UTF-8;
 *   - line numbers start at 1 and never go back;
 *   - memory is linear in the input: reading every row takes at most
 *     FUZZ_ARENA_PER_BYTE arena bytes per input byte (fields repaired to
 *     U+FFFD triple, and each allocation is rounded to 16 bytes), so an
 *     importer can read a national region file in one arena;
 *   - round trip: the rows read, written back with every field quoted
 *     (quotes doubled), read back as the same rows.
 */
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/utf8.h"
#include "fuzz.h"

/* Arena bytes a linear reader may use per input byte (see above). */
#define FUZZ_ARENA_PER_BYTE 64

/* Append fields[0..n) to b as one CSV row, every field quoted. */
static void write_row(struct buf *b, char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(b, ',');
        buf_putc(b, '"');
        for (const char *p = fields[i]; *p; p++) {
            if (*p == '"')
                buf_putc(b, '"');
            buf_putc(b, *p);
        }
        buf_putc(b, '"');
    }
    buf_puts(b, "\r\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena *a = arena_new();
    struct buf out;
    buf_init(&out, (size_t)64 * 1024 * 1024);
    struct csv_reader r;
    csv_init(&r, (const char *)data, size);
    char *fields[CSV_MAX_FIELDS];
    size_t n_fields = 0, n_rows = 0, last_line = 1;
    enum err rc;
    for (;;) {
        size_t pos = r.pos;
        rc = csv_next(&r, a, fields, &n_fields);
        if (rc != ERR_OK)
            break;
        FUZZ_CHECK(r.pos > pos && r.pos <= size);
        FUZZ_CHECK(++n_rows <= size);
        FUZZ_CHECK(n_fields >= 1 && n_fields <= CSV_MAX_FIELDS);
        FUZZ_CHECK(r.line >= last_line && r.next_line >= r.line);
        last_line = r.line;
        for (size_t i = 0; i < n_fields; i++) {
            FUZZ_CHECK(fields[i]);
            FUZZ_CHECK(utf8_valid(fields[i], strlen(fields[i])));
        }
        write_row(&out, fields, n_fields);
    }
    FUZZ_CHECK(rc == ERR_NOT_FOUND || rc == ERR_INVALID);
    FUZZ_CHECK(r.line >= 1 && r.pos <= size);
    FUZZ_CHECK(!out.overflow);
    FUZZ_CHECK(arena_used(a) <= FUZZ_ARENA_PER_BYTE * (size + 1));

    /* Read the rewritten rows back: the same fields, in order. */
    struct csv_reader r1, r2;
    csv_init(&r1, (const char *)data, size);
    csv_init(&r2, buf_cstr(&out), out.len);
    char *again[CSV_MAX_FIELDS];
    size_t n_again = 0;
    for (size_t row = 0; row < n_rows; row++) {
        FUZZ_CHECK(csv_next(&r1, a, fields, &n_fields) == ERR_OK);
        FUZZ_CHECK(csv_next(&r2, a, again, &n_again) == ERR_OK);
        FUZZ_CHECK(n_again == n_fields);
        for (size_t i = 0; i < n_fields; i++)
            FUZZ_CHECK(strcmp(again[i], fields[i]) == 0);
    }
    FUZZ_CHECK(csv_next(&r2, a, again, &n_again) == ERR_NOT_FOUND);
    buf_free(&out);
    arena_free(a);
    return 0;
}
