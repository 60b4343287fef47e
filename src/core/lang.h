/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * lang.h: the two languages of every word a user reads. Bahasa Indonesia
 * first, English second: a text pair is written with both forms side by
 * side at the place it is used, L(lang, "Layanan", "Services"), so neither
 * can be forgotten.
 */
#ifndef SP_CORE_LANG_H
#define SP_CORE_LANG_H

#include <stdbool.h>

enum lang { LANG_ID = 0, LANG_EN = 1 };

/* A text in both languages (either may be borrowed or arena-owned). */
struct text2 {
    const char *id; /* Bahasa Indonesia */
    const char *en; /* English */
};

static inline const char *L(enum lang lang, const char *id, const char *en)
{
    return lang == LANG_EN ? en : id;
}

/* The text in lang, falling back to Indonesian when the English is empty. */
const char *text2_get(const struct text2 *t, enum lang lang);
/* "id" or "en". */
const char *lang_code(enum lang lang);
/* Parse "id"/"en" (also "in", "en-US"...); false if neither. */
bool lang_parse(const char *s, enum lang *out);

#endif
