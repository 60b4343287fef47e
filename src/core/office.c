/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* office.c: service point rules. */
#include "core/office.h"

#include <string.h>

#include "core/service.h"

bool office_is_service_point(const struct office *o, const char *date)
{
    /* Dates as YYYY-MM-DD compare correctly as text. */
    return o->service_point_since && date &&
           strcmp(o->service_point_since, date) <= 0;
}

bool office_accepts(const struct office *o, const struct service_def *s)
{
    if (o->level == OFFICE_AGENCY)
        return s->agency && strcmp(s->agency, o->code) == 0;
    return (s->accepted_levels & (1u << o->level)) != 0;
}

const char *office_zone_name(int utc_offset_min)
{
    switch (utc_offset_min) {
    case 420:
        return "WIB";
    case 480:
        return "WITA";
    case 540:
        return "WIT";
    default:
        break;
    }
    static const char *const whole_hours[] = {
        "UTC-12", "UTC-11", "UTC-10", "UTC-9",  "UTC-8",  "UTC-7", "UTC-6",
        "UTC-5",  "UTC-4",  "UTC-3",  "UTC-2",  "UTC-1",  "UTC",   "UTC+1",
        "UTC+2",  "UTC+3",  "UTC+4",  "UTC+5",  "UTC+6",  "UTC+7", "UTC+8",
        "UTC+9",  "UTC+10", "UTC+11", "UTC+12", "UTC+13", "UTC+14"};
    if (utc_offset_min % 60 == 0 && utc_offset_min >= -720 &&
        utc_offset_min <= 840)
        return whole_hours[utc_offset_min / 60 + 12];
    return "UTC";
}
