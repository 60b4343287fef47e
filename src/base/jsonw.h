/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * jsonw.h: JSON written straight into a buffer, for the hottest answers
 * (tracking), without building a tree first.
 *
 * The bytes are exactly what jansson's json_dumps() writes with
 * JSON_COMPACT | JSON_ENSURE_ASCII for the same values in the same order
 * (tests/unit/test_jsonw.c compares them): no spaces; in strings ", \ and
 * the controls \b \f \n \r \t escaped by name, other bytes below 0x20 and
 * every non-ASCII character as \uXXXX (upper-case hex, surrogate pairs
 * above U+FFFF). Strings must be valid UTF-8 (jansson refuses others);
 * an invalid byte is written as \uFFFD. A NULL string is written as null.
 *
 *   struct jsonw w;
 *   jw_init(&w, &res->body);
 *   jw_object(&w);
 *   jw_key(&w, "status"); jw_str(&w, "ready");
 *   jw_end(&w);
 */
#ifndef SP_BASE_JSONW_H
#define SP_BASE_JSONW_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

#define JW_DEPTH 16

struct jsonw {
    struct buf *out;
    int depth;            /* open containers */
    bool items[JW_DEPTH]; /* the container at each depth has an item */
    char close[JW_DEPTH]; /* and its closing bracket */
    bool after_key;       /* a key was written; its value comes next */
};

void jw_init(struct jsonw *w, struct buf *out);
void jw_object(struct jsonw *w); /* { */
void jw_array(struct jsonw *w);  /* [ */
void jw_end(struct jsonw *w);    /* the innermost } or ] */
void jw_key(struct jsonw *w, const char *key);
void jw_str(struct jsonw *w, const char *s);
void jw_int(struct jsonw *w, int64_t v);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);

#endif
