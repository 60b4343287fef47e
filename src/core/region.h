/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * region.h: Kemendagri region codes ("35", "35.10", "35.10.01",
 * "35.10.01.2001") and office levels.
 */
#ifndef SP_CORE_REGION_H
#define SP_CORE_REGION_H

#include <stdbool.h>

#include "core/lang.h"

enum region_level {
    REGION_PROVINCE,
    REGION_REGENCY,
    REGION_DISTRICT,
    REGION_VILLAGE
};

/* Level of a well-formed code; false for anything else. */
bool region_code_level(const char *code, enum region_level *level);
/*
 * The parent code of a well-formed code below province level, written to
 * out (at least 16 bytes); false for a province or a malformed code.
 */
bool region_parent(const char *code, char out[16]);
/* Stable name of a level: "province", "regency", "district", "village". */
const char *region_level_code(enum region_level l);

/* Office levels: where a service may be accepted. */
enum office_level {
    OFFICE_KECAMATAN,
    OFFICE_KELURAHAN,
    OFFICE_DESA,
    OFFICE_AGENCY,
    OFFICE_LEVEL__COUNT
};

/* "kecamatan", "kelurahan", "desa", "agency". */
const char *office_level_code(enum office_level l);
bool office_level_parse(const char *s, enum office_level *out);
const char *office_level_name(enum office_level l, enum lang lang);
/*
 * Office level of a village code by the first digit of its last part:
 * 1 kelurahan, 2 desa, 3 desa adat (a desa). False when not a village.
 */
bool region_village_kind(const char *code, enum office_level *out);

#endif
