/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* office.c: service point rules. */
#include "core/office.h"

#include <stdio.h>
#include <string.h>

#include "core/service.h"

bool office_is_service_point(const struct office *o, const char *date)
{
    /* Dates as YYYY-MM-DD compare correctly as text. */
    return o->service_point_since && date &&
           strcmp(o->service_point_since, date) <= 0;
}

/* True when code is one of the comma-separated codes of list. */
static bool listed(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

bool office_accepts(const struct office *o, const struct service_def *s)
{
    if (o->level == OFFICE_AGENCY)
        return s->agency && strcmp(s->agency, o->code) == 0;
    if ((s->accepted_levels & (1u << o->level)) == 0)
        return false;
    return !o->accepted_services || listed(o->accepted_services, s->code);
}

bool office_parse_coord(const char *s, int max_deg, int64_t *e6)
{
    if (!s)
        return false;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    int64_t whole = 0, frac = 0;
    int nw = 0, nf = 0;
    while (*s >= '0' && *s <= '9' && nw < 4)
        whole = whole * 10 + (*s++ - '0'), nw++;
    if (nw == 0)
        return false;
    if (*s == '.' || *s == ',') {
        s++;
        while (*s >= '0' && *s <= '9' && nf < 6)
            frac = frac * 10 + (*s++ - '0'), nf++;
        if (nf == 0)
            return false;
    }
    if (*s)
        return false;
    for (int i = nf; i < 6; i++)
        frac *= 10;
    int64_t v = whole * 1000000 + frac;
    if (v > (int64_t)max_deg * 1000000)
        return false;
    *e6 = neg ? -v : v;
    return true;
}

void office_format_coord(int64_t e6, char out[16])
{
    /* Within +-180 degrees: at most "-180.000000". */
    int64_t a = e6 < 0 ? -e6 : e6;
    int whole = (int)(a / 1000000 % 1000), frac = (int)(a % 1000000);
    snprintf(out, 16, "%s%d.%06d", e6 < 0 ? "-" : "", whole, frac);
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
