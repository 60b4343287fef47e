/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* lang.c: language helpers. */
#include "core/lang.h"

#include <string.h>

const char *text2_get(const struct text2 *t, enum lang lang)
{
    if (lang == LANG_EN && t->en && *t->en)
        return t->en;
    return t->id ? t->id : "";
}

const char *lang_code(enum lang lang)
{
    return lang == LANG_EN ? "en" : "id";
}

bool lang_parse(const char *s, enum lang *out)
{
    if (!s)
        return false;
    if (strncmp(s, "en", 2) == 0) {
        *out = LANG_EN;
        return true;
    }
    if (strncmp(s, "id", 2) == 0 || strncmp(s, "in", 2) == 0) {
        *out = LANG_ID;
        return true;
    }
    return false;
}
