/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * applications.h: the pages of intake (choose a service, the form with
 * the requirements checklist, the missing-documents list, confirmation),
 * the receipt (A4, A5, 80 mm and 58 mm), the work list, one application
 * with its actions, and public tracking.
 */
#ifndef SP_VIEWS_APPLICATIONS_H
#define SP_VIEWS_APPLICATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/params.h"
#include "core/office.h"
#include "core/service.h"
#include "core/workflow.h"
#include "store/applications.h"
#include "store/offices.h"
#include "views/notify.h"
#include "views/view.h"

/* Dates already formatted for people, passed in by the handler. */
struct promise_text {
    const char *when; /* "Selasa, 3 Maret 2026 pukul 15.30 WIB" */
    bool provisional; /* computed without the year's calendar */
};

/* The counter's service picker: a search box (q, "" for none) above the
 * services grouped by category, or the matches best first. */
void view_intake_services(struct view *v, const struct office *o,
                          const struct service_def *items, size_t n_items,
                          const struct category *cats, size_t n_cats,
                          const char *q);
/* form: the values sent (or NULL for a fresh form). */
void view_intake_form(struct view *v, const struct office *o,
                      const struct service_def *s,
                      const struct region *villages, size_t n_villages,
                      const struct params *form, const struct field_errors *fe,
                      const struct promise_text *promise,
                      const struct notify_offer *offer);
/* 422: mandatory documents not handed in; a slip printed for the citizen
 * on one A4 page with their name, the date (when), the office, its
 * opening hours and the documents to bring; "back to the form" re-posts
 * form (what was typed) with edit=1. */
void view_intake_missing(struct view *v, const struct office *o,
                         const struct service_def *s,
                         const struct requirement *const *missing,
                         size_t n_missing, const struct params *form,
                         const char *when, const char *hours);
/* What the confirmation shows: everything that will be stored. */
struct intake_summary {
    const struct office *office;
    const struct service_def *svc;
    const struct params *form; /* as typed (re-posted with confirm=1) */
    const char *nik_masked;
    const char *district;     /* from the NIK */
    const char *village_name; /* the chosen village's name, or NULL */
    const char *const *warnings;
    size_t n_warnings;
    const struct promise_text *promise;
};
/* The summary to confirm, with warnings: the service, office, NIK, name,
 * village, phone or why there is none, e-mail, the letter's purpose
 * (where asked), the documents ticked, the promise and the fee; re-posts
 * the form with confirm=1, or with edit=1 ("Ubah") to change it with
 * every field kept. */
void view_intake_confirm(struct view *v, const struct intake_summary *c);

struct receipt {
    const struct application *app; /* the application */
    const struct service_def *svc; /* its standard (that version) */
    const struct office *office;   /* where it was handed in */
    const char *const *handed_in;  /* requirement codes handed in */
    size_t n_handed_in;
    struct promise_text promise; /* promised date */
    const char *submitted;       /* when handed in, for people */
    const char *track_url;       /* absolute URL with number and PIN */
    const char *survey_url;      /* absolute URL of the survey, or NULL */
    const char *format;          /* "a4", "a5", "80mm", "58mm" */
    int copies;                  /* 1, or 2: the citizen's and the office's */
    const char *officer;         /* who registered it (full name) */
    const char *hours;           /* the office's opening hours, for people */
    const char *nik_masked;      /* for the office copy */
};
void view_receipt(struct view *v, const struct receipt *r);

struct work_item {
    const struct application *app; /* the application */
    const char *promised;          /* promised date for people */
    bool overdue;                  /* past its promised date, not done */
};
/* The work list's filters and what the user's scope shows. */
struct worklist_page {
    const int64_t *counts;          /* [APPL_STATE__COUNT] */
    const char *q;                  /* the search typed, or "" */
    const char *state;              /* the state chosen (code), or NULL */
    const char *service;            /* the service chosen (code), or NULL */
    const struct service_def *svcs; /* the services to choose from */
    size_t n_svcs;
    const char *scope_name; /* "All offices" or the office */
    bool can_intake;        /* the user registers applications */
    bool show_office;       /* rows from many offices: name each */
};
void view_worklist(struct view *v, const struct work_item *items,
                   size_t n_items, const struct worklist_page *p);

struct appl_page {
    const struct application *app;
    const struct service_def *svc; /* that version's standard */
    const struct appl_event *events;
    size_t n_events;
    const char *const *event_times;  /* formatted, one per event */
    const char *promised;            /* for people */
    int days_late;                   /* 0 on time (or not yet due) */
    bool overdue;                    /* past due and not completed */
    const enum appl_action *actions; /* what this user may do now */
    size_t n_actions;
    const char *nik_masked;  /* shown instead of the NIK */
    bool show_contact;       /* the viewer may see phone and receipt */
    const char *flash;       /* result of the last action */
    const char *error;       /* why the last action failed */
    const char *queue_label; /* the queue ticket it came with, or NULL */
    int64_t queue_wait_s;    /* its wait (issue to call), or -1 */
    int64_t queue_service_s; /* its service (call to finish), or -1 */
};
void view_application(struct view *v, const struct appl_page *p);

void view_track_form(struct view *v, const char *regno, const char *error,
                     bool ask_birth);
struct track_page {
    const struct application *app;
    const struct appl_event *events;
    size_t n_events;
    const char *const *event_times;
    const char *promised;
    bool provisional;
    int days_late;      /* when completed late, or overdue by */
    bool completed;     /* ready, handed over or rejected */
    bool clock_stopped; /* returned for completion */
    /* Where and when to pick up (the page only, not the JSON): */
    const struct office *office; /* where it was handed in, or NULL */
    const char *hours;           /* its opening hours, for people */
    const char *ready_since;     /* when it became ready, for people */
    const char *survey_url;      /* the survey while it may be answered */
    const char *complaint_url;   /* the complaint form, prefilled */
};
void view_track(struct view *v, const struct track_page *p);
/*
 * The public tracking API's answer for p, written straight into out (with
 * a final newline), byte for byte what jansson would write for the same
 * object: registration_no, service, office, status, status_text {id, en},
 * promised_at, provisional, clock_stopped, working_days_late, on_time
 * (null unless completed and not rejected), steps [{at, action, status,
 * step (the SOP step's code, or null), step_text {id, en} (its words for
 * people, or null), note (return and reject only)}]. promised_iso and
 * event_iso[i] are the instants as ISO 8601 in the office's zone.
 */
void view_track_json(struct buf *out, const struct track_page *p,
                     const char *promised_iso, const char *const *event_iso);

#endif
