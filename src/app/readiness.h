/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.h: the office readiness handlers (app/readiness.c): the
 * office's readiness page and its forms, reports of inability, the
 * regency's lists, the leaflet and announcement, the checklist editor,
 * the API; and what the public office pages add (facilities, referrals).
 * The rules are the services' (svc/readiness.h).
 */
#ifndef SP_APP_READINESS_H
#define SP_APP_READINESS_H

#include "app/app.h"
#include "core/office.h"

/* The office's "facilities" (null before the first assessment) and
 * "referrals" members of GET /api/v1/offices/{code}; service_codes are
 * the services the office accepts (a referral of every service is listed
 * per service). */
enum err readiness_office_json(struct request *req, const struct office *o,
                               const char *const *service_codes, size_t n,
                               json_t *office)
    __attribute__((warn_unused_result));

void h_readiness_home(struct request *req, struct response *res);
void h_readiness_office(struct request *req, struct response *res);
void h_assess_form(struct request *req, struct response *res);
void h_assess_submit(struct request *req, struct response *res);
void h_inspect_submit(struct request *req, struct response *res);
void h_finding_answer(struct request *req, struct response *res);
void h_finding_event(struct request *req, struct response *res);
void h_readiness_photo(struct request *req, struct response *res);
void h_inability_form(struct request *req, struct response *res);
void h_inability_submit(struct request *req, struct response *res);
void h_inability(struct request *req, struct response *res);
void h_inability_ack(struct request *req, struct response *res);
void h_inability_decide(struct request *req, struct response *res);
void h_socialisation_submit(struct request *req, struct response *res);
void h_leaflet(struct request *req, struct response *res);
void h_announcement(struct request *req, struct response *res);
void h_oversight_readiness(struct request *req, struct response *res);
void h_oversight_inability(struct request *req, struct response *res);
void h_oversight_socialisation(struct request *req, struct response *res);
void h_admin_facilities(struct request *req, struct response *res);
void h_admin_facility_put(struct request *req, struct response *res);
void h_api_facilities(struct request *req, struct response *res);
void h_api_assessment(struct request *req, struct response *res);
void h_api_inability(struct request *req, struct response *res);
void h_api_inability_get(struct request *req, struct response *res);
void h_api_inability_decision(struct request *req, struct response *res);
void h_api_socialisation(struct request *req, struct response *res);
void h_api_report_socialisation(struct request *req, struct response *res);

#endif
