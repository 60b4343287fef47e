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
        return "UTC";
    }
}
