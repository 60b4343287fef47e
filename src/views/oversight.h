/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * oversight.h: the pages of the regency's performance view: the regency
 * at a glance with the ranking of offices, one office with its services
 * (also the head of office's own view), a list of applications behind a
 * figure, the trends as charts, the regency-wide overdue list, the
 * escalated complaints with the Sekda's instructions, the follow-ups an
 * office must answer, the monthly report (A4), and the public
 * performance page.
 */
#ifndef SP_VIEWS_OVERSIGHT_H
#define SP_VIEWS_OVERSIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/applications.h"
#include "store/complaints.h"
#include "store/followups.h"
#include "store/offices.h"
#include "core/queue.h"
#include "store/readiness.h"
#include "core/report.h"
#include "views/view.h"

/* What every report page knows of its request. */
struct ov_page {
    const struct ov_report *r;
    const char *query;       /* the period part of the query, for links */
    const char *period_code; /* "2026-03"... for the form, or "" */
    const char *from_value;  /* the from-to for the form (from-to only) */
    const char *to_value;
    const char *period_text; /* "Maret 2026", "2026-03-10 – 2026-03-19" */
    const char *prev_text;   /* the previous period, the same way */
    const struct office *districts; /* for the district filter (kecamatan
                                       offices), or NULL */
    size_t n_districts;
    const char *district;    /* the chosen district code, or NULL */
    const char *office_code; /* the office (office page), or NULL */
    const char *office_name;
    bool public_page; /* /performance: no links into staff pages */
    /* Office readiness per office (store/readiness.h), for the column on
     * /oversight and the monthly report; NULL: not shown. */
    const struct readiness_summary *readiness;
    size_t n_readiness;
    int64_t now; /* for the readiness column's overdue findings */
    const struct queue_figures *queue; /* the counter queue's waiting and
                                          service times of the scope and
                                          period (views/queue.h), or NULL */
};
/* The readiness of office_id among p's summaries, or NULL. */
const struct readiness_summary *ov_readiness_of(const struct ov_page *p,
                                                int64_t office_id);

/* /oversight: the regency (or a district) at a glance. */
void view_oversight_home(struct view *v, const struct ov_page *p);
/* /oversight/offices/{code}: one office and its services, and what each
 * officer did (store/applications.h; n_officers 0: none shown). */
void view_oversight_office(struct view *v, const struct ov_page *p,
                           const struct appl_officer *officers,
                           size_t n_officers);
/* A list of applications behind a figure; days_late[i] per row (working
 * days late, 0 = on time). title says which list. */
struct ov_list {
    const char *title;
    const struct application *items;
    size_t n_items;
    const int *days_late;
    const char *const *when; /* the relevant time, for people */
    bool show_office;        /* the office and service columns */
    bool truncated;          /* more than shown */
    const char *csv_href;    /* the list as CSV, or NULL */
};
void view_oversight_list(struct view *v, const struct ov_page *p,
                         const struct ov_list *l);
/* /oversight/overdue: the regency-wide overdue list with its filters. */
struct ov_filters {
    const struct office *offices; /* the service points to choose from */
    size_t n_offices;
    const char *const *service_codes; /* the services to choose from */
    const char *const *service_names; /* in the page's language */
    size_t n_services;
    const char *office;   /* chosen office code, or "" */
    const char *service;  /* chosen service code, or "" */
    const char *state;    /* chosen state code, or "" */
    const char *min_days; /* chosen least days late, as typed, or "" */
    const char *sort;     /* "late", "office" or "service" */
    bool one_office;      /* a head of office: no office filter */
    const char *csv_href; /* the list as CSV */
};
void view_oversight_overdue(struct view *v, const struct ov_page *p,
                            const struct ov_filters *f,
                            const struct ov_list *l);
/* /oversight/trends: charts of the last twelve months (of the regency,
 * or of one office when p->office_code is set). */
void view_oversight_trends(struct view *v, const struct ov_page *p);
/* /oversight/escalations: escalated complaints, the reason in words, the
 * instruction given (and its follow-up), and the form to instruct. */
struct ov_escalation {
    const struct complaint *c;
    const char *deadline;            /* for people */
    const struct followup *followup; /* the latest instruction, or NULL */
    const char *followup_due;        /* for people */
    bool followup_overdue;
};
/* The readiness items on the Sekda's list: findings escalated and not
 * closed, reports of inability not decided (escalated ones marked). */
struct ov_readiness_escalations {
    const struct finding *findings;
    size_t n_findings;
    const struct inability_report *reports;
    size_t n_reports;
};
/* re may be NULL (none shown). */
void view_oversight_escalations(struct view *v,
                                const struct ov_escalation *items, size_t n,
                                bool may_instruct, const char *flash,
                                const char *error,
                                const struct ov_readiness_escalations *re);
/* /oversight/escalations/{number}/instruct: the form (fe, text and
 * due_days kept after an error). */
void view_oversight_instruct(struct view *v, const struct ov_escalation *e,
                             const struct field_errors *fe, const char *text,
                             const char *due_days);
/* /followups: what the office must acknowledge and answer. */
struct ov_followup_row {
    const struct followup *f;
    const char *due; /* for people */
    bool overdue;
    const char *about; /* the complaint's number, or the subject */
};
void view_followups(struct view *v, const struct ov_followup_row *rows,
                    size_t n, bool may_answer, const char *flash);
/* /oversight/report: the monthly performance report (A4 print). */
void view_oversight_report(struct view *v, const struct ov_page *p,
                           const struct ov_report *const *offices,
                           const char *const *office_names, size_t n_offices);
/* /performance: the public page (no personal data; too few to measure
 * below the minimum). */
void view_performance(struct view *v, const struct ov_page *p);
/* The block on an office's public page. */
void view_performance_block(struct view *v, const struct ov_item *item,
                            int64_t min_completed, const char *period_text);

/* Formatting shared with the CSV/XLSX exports: "87,5" / "87.5"; "—"
 * without a value. */
const char *ov_pct(struct view *v, bool has, int64_t x10);
const char *ov_proc(struct view *v, const struct ov_processing *p, bool p90);

#endif
