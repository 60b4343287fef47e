/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * params.h: name/value lists from query strings, form bodies and cookies,
 * read only through typed, range-checked getters.
 *
 * Parsing is total: any byte string parses. Names and values are percent-
 * decoded ('+' is a space in forms), repaired to valid UTF-8 (utf8.h) and
 * capped: at most PARAMS_MAX_ITEMS pairs and PARAMS_MAX_VALUE bytes per
 * value; beyond a cap the parse fails with ERR_TOO_LARGE. The getter
 * decides the shape of text (base/text.h): params_str() for one line,
 * params_text() for several.
 */
#ifndef SP_BASE_PARAMS_H
#define SP_BASE_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;

#define PARAMS_MAX_ITEMS 512
#define PARAMS_MAX_VALUE (64 * 1024)

struct param {
    const char *name;  /* decoded, NUL-terminated, arena */
    const char *value; /* decoded, NUL-terminated, arena */
};

struct params {
    struct param *items; /* arena array */
    size_t n_items;      /* pairs in items */
    size_t cap;          /* allocated pairs */
};

/*
 * Parse application/x-www-form-urlencoded text (also a query string) and
 * append the pairs to p. Everything is allocated from a.
 */
enum err params_parse_form(struct params *p, struct arena *a, const char *s,
                           size_t n) __attribute__((warn_unused_result));
/* Parse a Cookie header ("a=b; c=d"); values are not percent-decoded. */
enum err params_parse_cookies(struct params *p, struct arena *a, const char *s,
                              size_t n) __attribute__((warn_unused_result));
/* Append one pair (copied into a). */
void params_add(struct params *p, struct arena *a, const char *name,
                const char *value);

/*
 * The first value of name as it arrived (repaired to UTF-8, no controls
 * but tab, CR, LF, no noncharacters), or NULL. For tokens, passwords,
 * codes compared against a list, and whole documents parsed further (a
 * CSV upload); text that is stored or shown comes through params_str()
 * or params_text().
 */
const char *params_get(const struct params *p, const char *name);
/*
 * The first value of name as one line of text (text_line(), base/text.h:
 * NFC, tab and line breaks made spaces, trimmed), or "". Every input field.
 */
const char *params_str(const struct params *p, struct arena *a,
                       const char *name);
/*
 * The first value of name as lines of text (text_lines(): NFC, CR LF and
 * CR made LF, tab and LF kept, trimmed), or "". Every textarea.
 */
const char *params_text(const struct params *p, struct arena *a,
                        const char *name);
/*
 * Integer value of name. Returns ERR_NOT_FOUND when missing or empty (out
 * untouched), ERR_INVALID when not a decimal integer within [min, max].
 */
enum err params_int(const struct params *p, const char *name, int64_t min,
                    int64_t max, int64_t *out)
    __attribute__((warn_unused_result));
/* True when name is present with a value other than "", "0", "off",
 * "false". */
bool params_bool(const struct params *p, const char *name);
/* Count of values named name; the k-th of them (or NULL). */
size_t params_count(const struct params *p, const char *name);
const char *params_nth(const struct params *p, const char *name, size_t k);

/* Trim ASCII white space from both ends: an arena copy. */
char *str_trim(struct arena *a, const char *s);
/* Decimal integer in [min, max]; whole string, no white space. */
bool str_to_int(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
