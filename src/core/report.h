/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.h: the shapes of the performance report (docs/MEASURES.md
 * defines every measure): the counts kept per day and month, the measures
 * of one scope and period, a ranked row, and the whole report with its
 * twelve months of trends. Plain data: svc/oversight.c fills them, the
 * pages (views/oversight.c) and the API (app/oversight.c) show them.
 */
#ifndef SP_CORE_REPORT_H
#define SP_CORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/period.h"

/* What is kept per day and month (store/perf.h). */
struct perf_counts {
    int64_t received, completed, on_time, rejected, returned;
};

#define OVERSIGHT_MIN_COMPLETED_DEFAULT 20
#define OVERSIGHT_TREND_MONTHS 12

/* Processing time: median and 90th percentile, nearest rank. */
struct ov_processing {
    bool has;       /* anything completed in the period */
    bool minutes;   /* unit: working minutes (else tenths of days) */
    int64_t median; /* tenths of working days, or minutes */
    int64_t p90;    /* the same */
};

struct ov_complaints {
    int64_t received, verified_in_time, answered_in_time, escalated;
    int64_t open; /* open now (a snapshot) */
};

struct ov_ikm {
    bool has;     /* every element answered: an index */
    int64_t x100; /* IKM x 100 */
    char grade;   /* 'A'..'D' */
    int64_t respondents;
    int64_t target; /* Krejcie & Morgan target of the service users */
};

/* Every measure of one scope and period. */
struct ov_measures {
    struct perf_counts c;     /* received, completed, on time, ... */
    bool has_pct;             /* completed > 0 */
    int64_t on_time_pct_x10;  /* 875 = 87.5 % */
    int64_t overdue_now;      /* a snapshot, independent of the period */
    int64_t oldest_days_late; /* of the oldest overdue one (working days) */
    struct ov_processing proc;
    struct ov_complaints cmp;
    struct ov_ikm ikm;
};

/* One row: an office, or a service of one office. */
struct ov_item {
    int64_t id;              /* office or service id */
    const char *code;        /* office or service code */
    const char *name;        /* its name (the service's in Indonesian) */
    const char *name_en;     /* English name of a service, or NULL */
    const char *district;    /* the office's district name, or NULL */
    struct ov_measures now;  /* the period */
    struct ov_measures prev; /* the previous period */
    int rank;                /* 1.. by on-time rate; 0 = not ranked */
    bool too_few;            /* not ranked: fewer than the minimum */
    int64_t trend_pct_x10[OVERSIGHT_TREND_MONTHS]; /* on-time by month,
                                                      -1 = none */
};

struct ov_query {
    struct period period;  /* the period and the previous one */
    int64_t office_id;     /* one office, or 0 */
    const char *district;  /* the offices of a district, or NULL */
    int64_t service_id;    /* one service, or 0 */
    int64_t min_completed; /* the ranking's minimum */
    bool by_service;       /* items per service of office_id (else per
                              service point) */
    bool trends;           /* fill the items' monthly trend */
    bool trend_details;    /* also the processing median and complaints
                              answered in time per month (the trends
                              page) */
    bool current_only;     /* the period alone: neither the previous period
                              nor what is overdue now (an office's public
                              page shows neither) */
};

struct ov_report {
    struct ov_query q;
    struct ov_measures total;      /* the whole scope */
    struct ov_measures total_prev; /* ...in the previous period */
    struct ov_item *items;         /* ranked ones first (by rank), then the
                                      rest by code */
    size_t n_items;
    char months[OVERSIGHT_TREND_MONTHS][8]; /* the trend's months */
    int64_t total_trend_pct_x10[OVERSIGHT_TREND_MONTHS];
    int64_t total_trend_received[OVERSIGHT_TREND_MONTHS];
    int64_t total_trend_completed[OVERSIGHT_TREND_MONTHS];
    int64_t total_trend_ikm_x100[OVERSIGHT_TREND_MONTHS]; /* -1 = none */
    /* With trend_details (-1 = none): the median processing time (tenths
     * of working days, or minutes when total_trend_minutes), and the
     * share of complaints answered in time (x10). */
    int64_t total_trend_median[OVERSIGHT_TREND_MONTHS];
    bool total_trend_minutes;
    int64_t total_trend_cmp_pct_x10[OVERSIGHT_TREND_MONTHS];
};

#endif
