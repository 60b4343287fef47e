/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* surveys.c: the doors a questionnaire may come through (see surveys.h). */
#include "svc/surveys.h"

#include <string.h>

#include "base/utf8.h"
#include "core/office.h"
#include "core/skm.h"
#include "core/workflow.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "svc/guard.h"

void survey_check_answers(const struct svc_ctx *c, struct survey_answers *a,
                          struct field_errors *fe)
{
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        const char *code = a->profile[d];
        if (code && *code && skm_code_index((enum skm_dimension)d, code) < 0)
            ferr_add(fe, c->arena, skm_dimension_key((enum skm_dimension)d),
                     "unknown_code", "Pilihan tidak dikenal.",
                     "Unknown choice.");
        if (code && !*code)
            a->profile[d] = NULL;
    }
    if (a->suggestion && utf8_length(a->suggestion, strlen(a->suggestion)) >
                             SURVEY_SUGGESTION_MAX)
        ferr_add(fe, c->arena, "suggestion", "too_long",
                 "Saran paling banyak 2000 karakter.",
                 "At most 2000 characters.");
    if (a->suggestion && !*a->suggestion)
        a->suggestion = NULL;
}

enum err survey_token_state(const struct svc_ctx *c, const char *token,
                            struct survey_token *t,
                            enum survey_outcome *outcome)
{
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        *outcome = SURVEY_THROTTLED;
        return ERR_OK;
    }
    rc = skm_token_shaped(token) ? surveys_token(c->db, c->arena, token, t)
                                 : ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND) {
        *outcome = SURVEY_UNKNOWN_TOKEN;
        return guard_failed(c, NULL);
    }
    if (rc != ERR_OK)
        return rc;
    enum appl_state st;
    if (t->answered)
        *outcome = SURVEY_ALREADY;
    else if (!appl_state_parse(t->state, &st) || !appl_survey_open(st))
        *outcome = SURVEY_NOT_YET;
    else
        *outcome = SURVEY_RECORDED;
    return ERR_OK;
}

enum err survey_record(const struct svc_ctx *c, struct survey_answers *a,
                       const struct survey_door *door, const char *service_code,
                       struct field_errors *fe, enum survey_outcome *outcome)
{
    *outcome = SURVEY_INVALID;
    struct survey s = {0};
    enum err rc = ERR_OK;
    survey_check_answers(c, a, fe);
    if (ferr_any(fe))
        return ERR_OK;
    if (door->token && *door->token) {
        struct survey_token t;
        rc = survey_token_state(c, door->token, &t, outcome);
        if (rc != ERR_OK || *outcome != SURVEY_RECORDED)
            return rc;
        *outcome = SURVEY_INVALID;
        s.application_id = t.appl_id;
        s.office_id = t.office_id;
        s.service_id = t.service_id;
        s.channel = "receipt";
    } else if (door->device) {
        struct office o;
        rc = offices_get_by_id(c->db, c->arena, door->device->office_id, &o);
        if (rc != ERR_OK)
            return rc;
        if (!office_is_service_point(&o, svc_today(c))) {
            *outcome = SURVEY_NOT_SERVICE_POINT;
            return ERR_OK;
        }
        int64_t last = 0, hour = 0;
        if (door->gap_s > 0)
            rc = surveys_device_recent(c->db, door->device->id,
                                       c->now - door->gap_s + 1, &last);
        if (rc == ERR_OK)
            rc = surveys_device_recent(c->db, door->device->id,
                                       c->now - 3600 + 1, &hour);
        if (rc != ERR_OK)
            return rc;
        if (last > 0 || hour >= SURVEY_KIOSK_PER_HOUR) {
            *outcome = SURVEY_WAIT;
            return ERR_OK;
        }
        s.office_id = o.id;
        s.device_id = door->device->id;
        s.channel = "kiosk";
        if (service_code && *service_code) {
            rc = catalogue_service_id(c->db, service_code, &s.service_id);
            if (rc == ERR_NOT_FOUND)
                ferr_add(fe, c->arena, "service", "unknown_service",
                         "Layanan tidak dikenal.", "Unknown service.");
            else if (rc != ERR_OK)
                return rc;
        }
    } else {
        *outcome = SURVEY_NO_DOOR;
        return ERR_OK;
    }
    if (ferr_any(fe))
        return ERR_OK;
    memcpy(s.scores, a->scores, sizeof(s.scores));
    memcpy(s.profile, a->profile, sizeof(s.profile));
    s.suggestion = a->suggestion;
    s.answered_at = c->now;
    s.answered_day = svc_today(c);
    s.addr = c->addr;
    int64_t id = 0;
    rc = surveys_insert(c->db, &s, &id);
    if (rc == ERR_CONFLICT) {
        *outcome = SURVEY_ALREADY; /* answered at the same moment elsewhere */
        return ERR_OK;
    }
    if (rc == ERR_OK)
        *outcome = SURVEY_RECORDED;
    return rc;
}
