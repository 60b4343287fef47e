/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ferr.h: field errors. Bad user input is data, not an error: validators
 * append one entry per offending field, with a stable machine code and a
 * message in Bahasa Indonesia and English; the page is shown again with the
 * messages next to the fields (HTML 422) or the list is returned as JSON
 * 422 {"error": {"code": "validation_failed", "fields": [...]}}.
 */
#ifndef SP_BASE_FERR_H
#define SP_BASE_FERR_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct field_error {
    const char *field;  /* form/JSON field name, e.g. "name_id" */
    const char *code;   /* stable code, e.g. "required", "too_long" */
    const char *msg_id; /* message in Bahasa Indonesia */
    const char *msg_en; /* message in English */
};

struct field_errors {
    struct field_error *items; /* arena array */
    size_t n_items;            /* entries */
    size_t cap;                /* allocated entries */
};

/* Append an error; strings are copied into a. */
void ferr_add(struct field_errors *fe, struct arena *a, const char *field,
              const char *code, const char *msg_id, const char *msg_en);
/* The first error for field, or NULL. */
const struct field_error *ferr_find(const struct field_errors *fe,
                                    const char *field);
static inline bool ferr_any(const struct field_errors *fe)
{
    return fe->n_items > 0;
}

#endif
