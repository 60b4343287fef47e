/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.h: what the complaint pages, the Open311 API and the
 * scheduled jobs share: creating a complaint from any channel with its
 * number, PIN, token and deadline, taking an action, and the job that
 * escalates and closes.
 */
#ifndef SP_APP_COMPLAINTS_H
#define SP_APP_COMPLAINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "core/office.h"
#include "store/complaints.h"

/* What a complainant (or an officer typing a paper slip) hands in. */
struct complaint_input {
    const char *office;         /* office code */
    const char *category;       /* category code */
    const char *regno;          /* related registration number, or "" */
    const char *body;           /* the text */
    const char *identity;       /* "named", "confidential", "anonymous" */
    const char *name;           /* name (named/confidential), or "" */
    const char *contact;        /* phone or e-mail, or "" */
    const char *address;        /* location text, or "" */
    const char *channel;        /* "web", "paper", "kiosk", "open311" */
    const char *slip_date;      /* paper: the date on the slip, or "" */
    const unsigned char *photo; /* photo bytes, or NULL */
    size_t photo_len;
};

/*
 * Validate in and create the complaint (one transaction with its photo
 * and first event). Field errors to fe (nothing written then); on success
 * *out is the stored complaint.
 */
enum err complaint_create(struct request *req, const struct complaint_input *in,
                          struct field_errors *fe, struct complaint *out);
/*
 * File a validated complaint c for office o: a number (the registration
 * number's form with "P-"), PIN, token and the verification deadline, the
 * photo if any, and the first event by actor, in one transaction.
 * c->received_at 0 means now.
 */
enum err complaint_file(struct request *req, const struct office *o,
                        struct complaint *c, const char *actor,
                        const char *photo_mime, const unsigned char *photo,
                        size_t photo_len);
/* Run the scheduled jobs once (escalation, auto-close) at now. */
enum err complaints_jobs(struct db *db, int64_t now, int64_t *escalated,
                         int64_t *closed);

void h_complaint_form(struct request *req, struct response *res);
void h_complaint_submit(struct request *req, struct response *res);
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
