/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.h: the pages of office readiness: an office's readiness page
 * (score, last assessment, findings with their forms, reports of
 * inability, socialisation log), the self-assessment form for a phone,
 * the report of inability and its page, the regency's lists for the Sekda
 * (readiness per office, reports of inability, socialisation per
 * district), the printable A5 leaflet and the announcement text, and the
 * administrator's checklist.
 */
#ifndef SP_VIEWS_READINESS_H
#define SP_VIEWS_READINESS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/params.h"
#include "core/service.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "views/view.h"

/* Everything an office's readiness page shows. */
struct readiness_page {
    const struct office *office;
    const struct assessment *last; /* or NULL: never assessed */
    int64_t inspected_at;          /* last inspection, or 0 */
    const struct assessment *history;
    size_t n_history;
    const struct finding *findings;
    size_t n_findings;
    const struct inability_report *reports;
    size_t n_reports;
    const struct socialisation *activities;
    size_t n_activities;
    const struct facility_item *checklist; /* for the inspector's form */
    size_t n_checklist;
    const struct region *villages; /* for the socialisation form */
    size_t n_villages;
    bool can_assess;  /* the head of this office */
    bool can_inspect; /* an inspector */
    int64_t now;
    const struct field_errors *fe; /* of the last form sent, or NULL */
    const struct params *sent;     /* its values, or NULL */
    const char *flash;
};
void view_readiness_page(struct view *v, const struct readiness_page *p);

/* The self-assessment form (multipart, a photo per item). */
void view_assess_form(struct view *v, const struct office *o,
                      const struct facility_item *items, size_t n,
                      const struct params *sent, const struct field_errors *fe);

/* The report of inability: services of the office to name, reasons. */
void view_inability_form(struct view *v, const struct office *o,
                         const struct service_def *services, size_t n,
                         const struct params *sent,
                         const struct field_errors *fe);
/* One report with its history; the Sekda's forms when can_decide. */
void view_inability_page(struct view *v, const struct inability_report *r,
                         const struct readiness_event *events, size_t n,
                         bool can_decide, const struct office *offices,
                         size_t n_offices, const struct params *sent,
                         const struct field_errors *fe, const char *flash);

/* The regency's readiness per office (the Sekda, inspectors). */
void view_readiness_list(struct view *v, const struct readiness_summary *s,
                         size_t n, const struct region *districts,
                         size_t n_districts, const char *district, int64_t now);
/* Reports of inability (the Sekda's list). */
void view_inability_list(struct view *v, const struct inability_report *r,
                         size_t n, const struct finding *overdue,
                         size_t n_overdue, int64_t now);
/* Socialisation per district in [from, to]. */
void view_socialisation_report(struct view *v,
                               const struct socialisation_district *d, size_t n,
                               const char *from, const char *to,
                               const char *six_from);

/* The A5 leaflet and the announcement text of an office. */
void view_leaflet(struct view *v, const struct office *o,
                  const struct service_def *services, size_t n,
                  const char *url);
void view_announcement(struct view *v, const struct office *o,
                       const struct service_def *services, size_t n,
                       const char *url);
/* The announcement in plain words (lang: which one), arena text. */
const char *readiness_announcement_text(struct arena *a, enum lang lang,
                                        const struct office *o,
                                        const struct service_def *services,
                                        size_t n, const char *url);

/* The readiness block of the Sekda's list (/oversight/escalations):
 * escalated findings and reports of inability, the reason in words. */
void view_readiness_escalations(struct view *v, const struct finding *f,
                                size_t n_f, const struct inability_report *r,
                                size_t n_r);

/* The administrator's checklist editor. */
void view_facilities_admin(struct view *v, const struct facility_item *items,
                           size_t n, const char *error);

/* The public office page's facilities block (✓ per item), and the
 * referrals in force (the services named from services[], the office's
 * accepted ones). */
void view_office_facilities(struct view *v, const struct assessment *last,
                            int64_t inspected_at,
                            const struct referral *referrals, size_t n_ref,
                            const struct service_def *services,
                            size_t n_services);

#endif
