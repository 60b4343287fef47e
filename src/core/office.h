/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * office.h: an office (kantor) and whether it is a service point on a
 * given date, and which services it may accept.
 */
#ifndef SP_CORE_OFFICE_H
#define SP_CORE_OFFICE_H

#include <stdbool.h>
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
};

/* True when o is a service point on date (YYYY-MM-DD). */
bool office_is_service_point(const struct office *o, const char *date);
/*
 * True when o may accept s: o is a region office whose level s lists, or
 * the agency that processes s.
 */
bool office_accepts(const struct office *o, const struct service_def *s);
/* Short zone name for an offset: WIB, WITA, WIT, else "UTC+H". */
const char *office_zone_name(int utc_offset_min);

#endif
