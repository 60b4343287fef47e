/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* json.c: JSON shapes (see json.h). */
#include "views/json.h"

#include <stdlib.h>

json_t *json_text2(const struct text2 *t)
{
    return json_pack("{s:s,s:s}", "id", t->id ? t->id : "", "en",
                     t->en ? t->en : "");
}

static json_t *levels(unsigned bits)
{
    json_t *a = json_array();
    for (int l = 0; l < OFFICE_AGENCY; l++)
        if (bits & (1u << l))
            json_array_append_new(
                a, json_string(office_level_code((enum office_level)l)));
    return a;
}

json_t *json_service_summary(const struct service_def *s)
{
    json_t *o = json_pack(
        "{s:s,s:o,s:s,s:{s:i,s:s},s:I,s:o,s:i,s:b,s:o}", "code", s->code,
        "name", json_text2(&s->name), "category", s->category, "time_limit",
        "amount", s->time_amount, "unit", time_unit_code(s->time_unit), "fee",
        (json_int_t)s->fee, "accepted_at", levels(s->accepted_levels),
        "version", s->version, "active", s->active, "description",
        json_text2(&s->comp[COMP_DESCRIPTION]));
    json_object_set_new(o, "agency",
                        s->agency ? json_string(s->agency) : json_null());
    json_object_set_new(o, "asks_purpose", json_boolean(s->asks_purpose));
    json_object_set_new(o, "href",
                        json_sprintf("/api/v1/services/%s", s->code));
    return o;
}

json_t *json_service(const struct service_def *s, bool all)
{
    json_t *o = json_service_summary(s);
    json_t *reqs = json_array();
    for (size_t i = 0; i < s->n_reqs; i++)
        json_array_append_new(
            reqs, json_pack("{s:s,s:o,s:b,s:o}", "code", s->reqs[i].code,
                            "name", json_text2(&s->reqs[i].name), "mandatory",
                            s->reqs[i].mandatory, "mandatory_at",
                            levels(s->reqs[i].mandatory_levels)));
    json_object_set_new(o, "requirements", reqs);
    json_t *steps = json_array();
    for (size_t i = 0; i < s->n_steps; i++)
        json_array_append_new(
            steps, json_pack("{s:s,s:o,s:s,s:s}", "code", s->steps[i].code,
                             "name", json_text2(&s->steps[i].name), "role",
                             role_code(s->steps[i].role), "state",
                             step_state_code(s->steps[i].state)));
    json_object_set_new(o, "steps", steps);
    for (int c = 0; c < COMP__COUNT; c++)
        if (all || service_component_is_public((enum service_component)c))
            json_object_set_new(
                o, service_component_key((enum service_component)c),
                json_text2(&s->comp[c]));
    return o;
}

json_t *json_office(const struct office *o, const char *today)
{
    static const char *const days[] = {"sunday",    "monday",   "tuesday",
                                       "wednesday", "thursday", "friday",
                                       "saturday"};
    json_t *hours = json_object();
    for (int i = 1; i <= 7; i++) {
        int d = i % 7;
        if (o->hours.open[d] < 0) {
            json_object_set_new(hours, days[d], json_null());
            continue;
        }
        char open[8], close[8];
        snprintf(open, sizeof(open), "%02d:%02d", o->hours.open[d] / 60 % 100,
                 o->hours.open[d] % 60);
        snprintf(close, sizeof(close), "%02d:%02d",
                 o->hours.close[d] / 60 % 100, o->hours.close[d] % 60);
        json_object_set_new(
            hours, days[d],
            json_pack("{s:s,s:s}", "open", open, "close", close));
    }
    json_t *j =
        json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:o,s:i,s:o}", "code", o->code,
                  "name", o->name, "level", office_level_code(o->level),
                  "region_code", o->region_code ? o->region_code : "",
                  "address", o->address, "phone", o->phone, "service_point",
                  office_is_service_point(o, today), "service_point_since",
                  o->service_point_since ? json_string(o->service_point_since)
                                         : json_null(),
                  "utc_offset_minutes", o->utc_offset_min, "hours", hours);
    json_object_set_new(j, "district",
                        o->district_name ? json_string(o->district_name)
                                         : json_null());
    if (o->has_position) {
        char lat[16], lon[16];
        office_format_coord(o->lat_e6, lat);
        office_format_coord(o->lon_e6, lon);
        json_object_set_new(j, "position",
                            json_pack("{s:f,s:f}", "lat", strtod(lat, NULL),
                                      "lon", strtod(lon, NULL)));
    } else {
        json_object_set_new(j, "position", json_null());
    }
    if (o->accepted_services)
        json_object_set_new(j, "accepts_only",
                            json_string(o->accepted_services));
    return j;
}
