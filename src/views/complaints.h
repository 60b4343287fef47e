/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.h: the complaint form (phone, kiosk, the officer's paper-slip
 * entry), the acknowledgement, public tracking with the citizen's reply,
 * and the staff lists and complaint page.
 */
#ifndef SP_VIEWS_COMPLAINTS_H
#define SP_VIEWS_COMPLAINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/params.h"
#include "store/complaints.h"
#include "store/offices.h"
#include "views/notify.h"
#include "views/view.h"

enum complaint_form_mode { CFORM_WEB, CFORM_KIOSK, CFORM_PAPER };

/*
 * The form. offices: the choice (none preselected unless sent); a kiosk
 * shows kiosk_office (its device's office) instead of a choice.
 */
void view_complaint_form(struct view *v, enum complaint_form_mode mode,
                         const struct office *offices, size_t n_offices,
                         const struct complaint_category *cats, size_t n_cats,
                         const struct params *sent,
                         const struct field_errors *fe,
                         const char *kiosk_office,
                         const struct notify_offer *offer);
/*
 * The acknowledgement: number, the PIN while show_pin, how to track. At a
 * kiosk, with the PIN: the slip for the counter printer (58 mm, one strip,
 * style.css @page receipt-58mm) with the number, the PIN and track_url as
 * a QR code, and a button that prints it.
 */
void view_complaint_done(struct view *v, const struct complaint *c, bool kiosk,
                         bool show_pin, const char *track_url);
struct complaint_view {
    const struct complaint *c;
    const struct complaint_event *events;
    size_t n_events;
    const char *const *times; /* formatted, one per event */
    const char *deadline;     /* the current deadline for people, or NULL */
    bool overdue;             /* past an escalating deadline */
    bool show_name;           /* the viewer may see the complainant */
    bool show_contact;        /* and the contact (personal data) */
    const enum complaint_action *actions; /* the staff actions allowed */
    size_t n_actions;
    const struct office *offices; /* for referral */
    size_t n_offices;
    const char *flash, *error; /* result of the last action */
};
/* Ask for number and PIN (and, ask_fact: the last 4 phone digits). */
void view_complaint_track_form(struct view *v, const char *number,
                               const char *error, bool ask_fact);
/* The public page; the reply form carries what opened it (pin and fact,
 * or the link token). */
void view_complaint_track(struct view *v, const struct complaint_view *p,
                          const char *pin, const char *fact, const char *token);
void view_complaint_page(struct view *v, const struct complaint_view *p);
struct complaint_row {
    const struct complaint *c;
    const char *deadline; /* for people, or "—" */
    bool overdue;
};
void view_complaints(struct view *v, const char *title,
                     const struct complaint_row *rows, size_t n_rows,
                     bool paper_link);

/* The administrator's list of complaint categories. */
void view_complaint_categories(struct view *v,
                               const struct complaint_category *cats, size_t n,
                               const char *error);

#endif
