/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* ferr.c: field error lists. */
#include "base/ferr.h"

#include <string.h>

#include "base/arena.h"

void ferr_add(struct field_errors *fe, struct arena *a, const char *field,
              const char *code, const char *msg_id, const char *msg_en)
{
    fe->items =
        arena_grow(a, fe->items, fe->n_items, &fe->cap, sizeof(*fe->items));
    struct field_error *e = &fe->items[fe->n_items++];
    e->field = arena_strdup(a, field);
    e->code = arena_strdup(a, code);
    e->msg_id = arena_strdup(a, msg_id);
    e->msg_en = arena_strdup(a, msg_en);
}

const struct field_error *ferr_find(const struct field_errors *fe,
                                    const char *field)
{
    for (size_t i = 0; i < fe->n_items; i++)
        if (strcmp(fe->items[i].field, field) == 0)
            return &fe->items[i];
    return NULL;
}
