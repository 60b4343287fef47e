/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * office.h: an office (kantor) and whether it is a service point on a
 * given date, and which services it may accept.
 */
#ifndef SP_CORE_OFFICE_H
#define SP_CORE_OFFICE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdint.h>

#include "core/hours.h"
#include "core/region.h"

struct service_def;

struct office {
    int64_t id;                      /* offices.id */
    const char *code;                /* region code, or an agency code */
    enum office_level level;         /* kecamatan, kelurahan, desa, agency */
    const char *region_code;         /* the region it serves */
    const char *name;                /* "Kantor Kecamatan Genteng" */
    const char *address;             /* street address ("" if unknown) */
    const char *phone;               /* public phone ("" if none) */
    struct hours hours;              /* weekly opening hours */
    int utc_offset_min;              /* 420 for WIB */
    const char *service_point_since; /* "YYYY-MM-DD", or NULL: not one */
    const char *district_name;       /* name of the kecamatan it lies in */
    bool has_position;               /* a map position is recorded */
    int64_t lat_e6, lon_e6;          /* latitude, longitude in millionths
                                        of a degree */
    const char *accepted_services;   /* "SKTM,DOMISILI": of the services of
                                        its level, only these (a desa
                                        service point starting small);
                                        NULL: all of them */
};

/* True when o is a service point on date (YYYY-MM-DD). */
bool office_is_service_point(const struct office *o, const char *date);
/*
 * True when o may accept s: o is a region office whose level s lists, or
 * the agency that processes s.
 */
bool office_accepts(const struct office *o, const struct service_def *s);
/*
 * A coordinate in decimal degrees ("-8.2194", "114.369101", at most six
 * decimals, "," also as the decimal mark) into millionths of a degree,
 * within +-max_deg (90 for a latitude, 180 for a longitude); false
 * otherwise.
 */
bool office_parse_coord(const char *s, int max_deg, int64_t *e6);
/* Millionths of a degree as decimal degrees ("-8.219400"); out 16 bytes. */
void office_format_coord(int64_t e6, char out[16]);
/* Short zone name for an offset: WIB, WITA, WIT, else "UTC+H". */
const char *office_zone_name(int utc_offset_min);

#endif
