/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * surveys.h: satisfaction questionnaires (SKM) and the sums the index is
 * computed from, per office, district, service or the whole regency over
 * any period of local dates.
 */
#ifndef SP_STORE_SURVEYS_H
#define SP_STORE_SURVEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/skm.h"

struct arena;
struct db;

#define SKM_MAX_CODES 8

struct survey {
    int64_t office_id;                   /* where the service was used */
    int64_t service_id;                  /* which service, or 0 */
    int64_t application_id;              /* the application (token), or 0 */
    const char *channel;                 /* "receipt", "kiosk", "paper" (what
                                            counts) or "unverified" */
    int64_t answered_at;                 /* Unix seconds */
    const char *answered_day;            /* local date "YYYY-MM-DD" */
    int scores[SKM_ELEMENTS];            /* 1..4, 0 = not answered */
    const char *profile[SKM_DIMENSIONS]; /* codes, or NULL */
    const char *suggestion;              /* free text, or NULL */
    const char *device;                  /* legacy device text, or NULL */
    int64_t device_id;                   /* the enrolled kiosk, or 0 */
    const char *addr;                    /* client address */
    const char *batch;                   /* paper import batch, or NULL */
};

/* Store one questionnaire; ERR_CONFLICT when its application already has
 * one (one response per application). */
enum err surveys_insert(struct db *db, const struct survey *s, int64_t *id)
    __attribute__((warn_unused_result));

/* What a report covers. */
struct survey_scope {
    int64_t office_id;    /* one office, or 0 */
    const char *district; /* offices in this district code, or NULL */
    int64_t service_id;   /* one service, or 0 */
    const char *from;     /* first local date, inclusive */
    const char *to;       /* last local date, inclusive */
};

/*
 * The channels whose questionnaires count in the index: a receipt's token
 * after the hand-over (or rejection), an enrolled kiosk of the office, and
 * paper questionnaires entered by the office. Rows of earlier versions
 * that cannot be tied to a service user are kept as "unverified" and
 * counted nowhere.
 */
#define SURVEY_COUNTED_CHANNELS "('receipt', 'kiosk', 'paper')"

/* Sums per element and the profile counts [dimension][code index]. */
enum err surveys_totals(struct db *db, const struct survey_scope *sc,
                        struct skm_totals *t,
                        int64_t profile[SKM_DIMENSIONS][SKM_MAX_CODES])
    __attribute__((warn_unused_result));

struct suggestion {
    const char *day;    /* answered_day */
    const char *office; /* office name */
    const char *text;   /* the suggestion */
};

/* The newest suggestions in scope, at most limit. */
enum err surveys_suggestions(struct db *db, struct arena *a,
                             const struct survey_scope *sc, int limit,
                             struct suggestion **items, size_t *n_items)
    __attribute__((warn_unused_result));
/*
 * Service users in scope: applications completed in the period (the one
 * "completed" of docs/MEASURES.md: ready for pick-up or rejected, counted
 * once, on the day it first happened); when there are none, the numbers
 * offices entered for periods that lie inside the period, summed (a count
 * inside a larger count of the same office that also lies inside is not
 * added again). *from_apps says which.
 */
enum err surveys_service_users(struct db *db, const struct survey_scope *sc,
                               int offset_min, int64_t *n, bool *from_apps)
    __attribute__((warn_unused_result));
/* An office's count of service users for a period (no applications). */
enum err surveys_put_user_count(struct db *db, int64_t office_id,
                                const char *from, const char *to, int64_t users)
    __attribute__((warn_unused_result));
/* Totals per office (group_by_service false) or per service of the
 * scope; key 0 never appears. */
struct survey_group_totals {
    int64_t key;         /* office or service id */
    struct skm_totals t; /* sums */
};
enum err surveys_totals_by(struct db *db, struct arena *a,
                           const struct survey_scope *sc, bool by_service,
                           struct survey_group_totals **rows, size_t *n_rows)
    __attribute__((warn_unused_result));
/* Totals per month ("YYYY-MM", from answered_day) of the scope. */
struct survey_month_totals {
    char month[8];
    struct skm_totals t;
};
enum err surveys_totals_by_month(struct db *db, struct arena *a,
                                 const struct survey_scope *sc,
                                 struct survey_month_totals **rows,
                                 size_t *n_rows)
    __attribute__((warn_unused_result));
/* Respondents in scope per counted channel. */
struct survey_channels {
    int64_t receipt, kiosk, paper;
};
enum err surveys_channels(struct db *db, const struct survey_scope *sc,
                          struct survey_channels *out)
    __attribute__((warn_unused_result));
/* Questionnaires from an enrolled device since a time. */
enum err surveys_device_recent(struct db *db, int64_t device_id, int64_t since,
                               int64_t *n) __attribute__((warn_unused_result));

/* What a receipt's survey token opens. */
struct survey_token {
    int64_t appl_id;    /* the application */
    int64_t office_id;  /* where it was handed in */
    int64_t service_id; /* its service */
    const char *state;  /* its state code ("handed_over", ...) */
    bool answered;      /* its questionnaire is in already */
};
/* ERR_NOT_FOUND for an unknown token. */
enum err surveys_token(struct db *db, struct arena *a, const char *token,
                       struct survey_token *out)
    __attribute__((warn_unused_result));

#endif
