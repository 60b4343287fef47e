/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.h: the complaint box's handlers: the public form (phone and
 * kiosk), its acknowledgement, public tracking with the complainant's
 * accept or reply, the officer's paper slips, staff lists and the
 * complaint page with its actions, photos, categories. The rules are the
 * services' (svc/complaints.h, svc/track.h).
 */
#ifndef SP_APP_COMPLAINTS_H
#define SP_APP_COMPLAINTS_H

#include "app/app.h"

/* The cookie an enrolled kiosk device carries (app/devices.c). */
#define DEVICE_COOKIE "sp_device"

void h_complaint_form(struct request *req, struct response *res);
void h_complaint_submit(struct request *req, struct response *res);
void h_complaint_received(struct request *req, struct response *res);
void h_complaint_track(struct request *req, struct response *res);
void h_complaint_reply(struct request *req, struct response *res);
void h_complaints(struct request *req, struct response *res);
void h_complaint(struct request *req, struct response *res);
void h_complaint_event(struct request *req, struct response *res);
void h_complaint_paper_form(struct request *req, struct response *res);
void h_complaint_paper(struct request *req, struct response *res);
void h_complaint_photo(struct request *req, struct response *res);
void h_admin_complaint_categories(struct request *req, struct response *res);
void h_admin_complaint_category_put(struct request *req, struct response *res);

#endif
