/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* region.c: region code syntax. */
#include "core/region.h"

#include <string.h>

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool region_code_level(const char *code, enum region_level *level)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    if (n == 2 && all_digits(code, 2)) {
        *level = REGION_PROVINCE;
    } else if (n == 5 && code[2] == '.' && all_digits(code, 2) &&
               all_digits(code + 3, 2)) {
        *level = REGION_REGENCY;
    } else if (n == 8 && code[2] == '.' && code[5] == '.' &&
               all_digits(code, 2) && all_digits(code + 3, 2) &&
               all_digits(code + 6, 2)) {
        *level = REGION_DISTRICT;
    } else if (n == 13 && code[2] == '.' && code[5] == '.' && code[8] == '.' &&
               all_digits(code, 2) && all_digits(code + 3, 2) &&
               all_digits(code + 6, 2) && all_digits(code + 9, 4)) {
        *level = REGION_VILLAGE;
    } else {
        return false;
    }
    return true;
}

bool region_parent(const char *code, char out[16])
{
    enum region_level l;
    if (!region_code_level(code, &l) || l == REGION_PROVINCE)
        return false;
    static const size_t parent_len[] = {0, 2, 5, 8};
    size_t n = parent_len[l];
    memcpy(out, code, n);
    out[n] = '\0';
    return true;
}

const char *region_level_code(enum region_level l)
{
    static const char *const names[] = {"province", "regency", "district",
                                        "village"};
    return names[l];
}

struct level_row {
    const char *code; /* stable code */
    const char *id;   /* name in Bahasa Indonesia */
    const char *en;   /* name in English */
};

static const struct level_row levels[OFFICE_LEVEL__COUNT] = {
    [OFFICE_KECAMATAN] = {"kecamatan", "Kecamatan", "District (kecamatan)"},
    [OFFICE_KELURAHAN] = {"kelurahan", "Kelurahan",
                          "Urban village (kelurahan)"},
    [OFFICE_DESA] = {"desa", "Desa", "Village (desa)"},
    [OFFICE_AGENCY] = {"agency", "Perangkat Daerah", "Regency agency"},
};

const char *office_level_code(enum office_level l)
{
    return (unsigned)l < OFFICE_LEVEL__COUNT ? levels[l].code : "unknown";
}

bool office_level_parse(const char *s, enum office_level *out)
{
    for (int i = 0; s && i < OFFICE_LEVEL__COUNT; i++) {
        if (strcmp(s, levels[i].code) == 0) {
            *out = (enum office_level)i;
            return true;
        }
    }
    return false;
}

const char *office_level_name(enum office_level l, enum lang lang)
{
    if ((unsigned)l >= OFFICE_LEVEL__COUNT)
        return "?";
    return L(lang, levels[l].id, levels[l].en);
}

bool region_village_kind(const char *code, enum office_level *out)
{
    enum region_level l;
    if (!region_code_level(code, &l) || l != REGION_VILLAGE)
        return false;
    switch (code[9]) {
    case '1':
        *out = OFFICE_KELURAHAN;
        return true;
    case '2':
    case '3':
        *out = OFFICE_DESA;
        return true;
    default:
        return false;
    }
}
