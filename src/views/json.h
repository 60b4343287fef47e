/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * json.h: the JSON shapes other modules and integrations rely on, built
 * with jansson (never printf). Text pairs are {"id": ..., "en": ...}.
 */
#ifndef SP_VIEWS_JSON_H
#define SP_VIEWS_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "core/office.h"
#include "core/service.h"

/*
 * A service with its standard (new reference): every component when all,
 * else the six public ones (requirements, procedure, time, cost, product,
 * complaint handling) and the description.
 */
json_t *json_service(const struct service_def *s, bool all);
/* A catalogue list entry: code, name, category, time_limit, fee,
 * accepted_at, version, active, description, agency, asks_purpose and
 * href (the address of the service complete). */
json_t *json_service_summary(const struct service_def *s);
/* An office; today decides service_point (YYYY-MM-DD). */
json_t *json_office(const struct office *o, const char *today);
/* {"id": ..., "en": ...} */
json_t *json_text2(const struct text2 *t);

#endif
