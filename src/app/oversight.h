/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * oversight.h: the oversight handlers (app/oversight.c) and what they
 * share: reading a report's query and its JSON shape.
 */
#ifndef SP_APP_OVERSIGHT_H
#define SP_APP_OVERSIGHT_H

#include "app/app.h"
#include "svc/oversight.h"

/* The report's query from req (period, office, district, service,
 * min_completed); field errors to fe; ERR_DENIED out of scope. */
enum err oversight_query(struct request *req, struct ov_query *q,
                         struct field_errors *fe)
    __attribute__((warn_unused_result));
/* The report as the API's JSON (docs/MEASURES.md). */
json_t *oversight_json(struct request *req, const struct ov_report *r);

void h_api_report_performance(struct request *req, struct response *res);
/* Pages (app/oversight_pages.c). */
void h_oversight(struct request *req, struct response *res);
void h_oversight_office(struct request *req, struct response *res);
void h_oversight_applications(struct request *req, struct response *res);
void h_oversight_overdue(struct request *req, struct response *res);
void h_oversight_trends(struct request *req, struct response *res);
void h_oversight_report(struct request *req, struct response *res);
void h_performance(struct request *req, struct response *res);
/* The Sekda's list and instructions (app/followups.c). */
void h_oversight_escalations(struct request *req, struct response *res);
void h_oversight_instruct_form(struct request *req, struct response *res);
void h_oversight_instruct(struct request *req, struct response *res);
void h_followups(struct request *req, struct response *res);
void h_followup_acknowledge(struct request *req, struct response *res);
void h_followup_answer(struct request *req, struct response *res);

#endif
