/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * apps.h: what the intake, work-list and tracking handlers share: times
 * for people and the receipt's links; the handlers. The rules are the
 * services' (svc/applications.h).
 */
#ifndef SP_APP_APPS_H
#define SP_APP_APPS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "store/applications.h"
#include "svc/applications.h"

/* ISO 8601 with the office's offset, e.g. "2026-03-03T15:30:00+07:00". */
const char *apps_iso(struct request *req, int64_t t, int offset_min);
/* "Selasa, 3 Maret 2026 pukul 15.30 WIB" / "Tuesday, 3 March 2026 at
 * 15:30 WIB" for people. (core/humanize.h
 * human_when(): the one way a time is written for people). */
const char *apps_when(struct request *req, int64_t t, int offset_min);

/* An application as JSON; staff get the citizen's data and version. */
json_t *apps_json(struct request *req, const struct application *a,
                  int offset_min, bool staff);

/* The tracking URL (with number and PIN) for receipts and QR codes. */
const char *apps_track_url(struct request *req, const struct application *a);

/* The survey URL of the receipt (token of the application). */
const char *apps_survey_url(struct request *req, const struct application *a);

/* Handlers (intake.c, work.c, track.c). */
void h_intake_services(struct request *req, struct response *res);
void h_intake_form(struct request *req, struct response *res);
void h_intake_submit(struct request *req, struct response *res);
void h_api_intake(struct request *req, struct response *res);
void h_api_promise(struct request *req, struct response *res);
void h_work(struct request *req, struct response *res);
void h_application(struct request *req, struct response *res);
void h_application_event(struct request *req, struct response *res);
void h_receipt(struct request *req, struct response *res);
void h_api_application(struct request *req, struct response *res);
void h_api_application_event(struct request *req, struct response *res);
void h_track(struct request *req, struct response *res);
void h_api_track(struct request *req, struct response *res);

#endif
