/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey.h: the satisfaction questionnaire (phone and kiosk), its thank-you
 * page, and the IKM report as the A4 publication an office posts.
 */
#ifndef SP_VIEWS_SURVEY_H
#define SP_VIEWS_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/office.h"
#include "core/service.h"
#include "core/skm.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "views/view.h"

struct survey_form {
    const struct office *offices; /* service points to choose from */
    size_t n_offices;
    const struct service_def *services; /* services to choose from */
    size_t n_services;
    const char *office;        /* chosen office code, or "" */
    const char *office_name;   /* the office being rated (token, kiosk) */
    const char *service;       /* chosen service code, or "" */
    const char *token;         /* the receipt's token, or NULL */
    bool kiosk;                /* the exit tablet: large targets, no memory */
    bool free;                 /* the service is free: U4's best is "Gratis" */
    const struct params *sent; /* what was sent (on errors), or NULL */
};

void view_survey(struct view *v, const struct survey_form *f,
                 const struct field_errors *fe);
void view_survey_thanks(struct view *v, bool kiosk, const char *office);
/* A notice page (already answered, too many answers): status text. */
void view_survey_notice(struct view *v, const char *title, const char *message,
                        const char *back);

struct ikm_report {
    const char *scope_name;   /* "Kantor Kecamatan Genteng", "Semua" */
    const char *from, *to;    /* the period */
    struct skm_totals totals; /* sums */
    struct skm_result result; /* NRR, IKM, grade */
    int64_t profile[SKM_DIMENSIONS][SKM_MAX_CODES];
    struct survey_channels channels; /* respondents per channel */
    bool over_users;      /* more respondents than service users: suspicious */
    int64_t users;        /* service users in the period */
    bool users_from_apps; /* counted from applications */
    int64_t target;       /* Krejcie & Morgan sample target */
    int weakest[SKM_ELEMENTS]; /* element indices, lowest NRR first */
    bool has_previous;         /* the previous period had an IKM */
    int64_t previous_x100;     /* its IKM x 100 */
    const char *prev_from, *prev_to;
    const struct suggestion *suggestions;
    size_t n_suggestions;
};

/* The report page (prints as the A4 publication). query: the current
 * query string for the export links. */
void view_ikm_report(struct view *v, const struct ikm_report *r,
                     const struct office *offices, size_t n_offices,
                     const char *office, const char *query);
/* The paper-questionnaire import page (administrators). */
void view_survey_import(struct view *v, const char *const *errors,
                        size_t n_errors, const char *done);

#endif
