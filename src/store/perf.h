/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * perf.h: the performance aggregates the oversight view reads
 * (docs/MEASURES.md; why aggregates: docs/ARCHITECTURE.md, "Oversight").
 *
 * Counts per office, service and local day, and again per month and per
 * year, are kept in the same transaction as the intake or action that
 * changes them (perf_count(), called by svc/applications.c), for the
 * service and for the office as a whole (service 0); so are the
 * histograms of processing times (perf_proc()). A period is read as whole
 * years, whole months and the days at either end (period_split()), so a
 * calendar year is one row per office (and service), whatever the number
 * of applications.
 * perf_clear() and the rebuild (svc/perf.c) recompute everything from the
 * applications and their events.
 */
#ifndef SP_STORE_PERF_H
#define SP_STORE_PERF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/report.h"

struct arena;
struct db;

/* What one event changes on its local day. */
struct perf_delta {
    int received;  /* an application registered */
    int completed; /* completed (ready or rejected) */
    int on_time;   /* ...no later than its promised instant */
    int rejected;  /* ...by rejection */
    int returned;  /* returned to the citizen for completion */
};

/* Add d to (office, service, day), its month and its year, and the same
 * for the office as a whole (service 0). */
enum err perf_count(struct db *db, int64_t office_id, int64_t service_id,
                    const char *day, const struct perf_delta *d)
    __attribute__((warn_unused_result));
/*
 * One processing time value (tenths of working days, or minutes for a
 * minute service) into the histogram of (office, service) for day, its
 * month and its year; with also_office, into the office's (service 0) as
 * well (the office's working-day services together).
 */
enum err perf_proc(struct db *db, int64_t office_id, int64_t service_id,
                   const char *day, int64_t value, bool also_office)
    __attribute__((warn_unused_result));
/* As perf_proc(), for n values at once (a rebuild). */
enum err perf_proc_n(struct db *db, int64_t office_id, int64_t service_id,
                     const char *day, int64_t value, int64_t n)
    __attribute__((warn_unused_result));
/* The grain of an aggregate row: its period is a day "YYYY-MM-DD", a
 * month "YYYY-MM" or a year "YYYY". */
enum perf_grain { PERF_DAY, PERF_MONTH, PERF_YEAR };
/* One row of counts, or of a processing histogram, as a whole. */
struct perf_count_row {
    int64_t office_id, service_id;
    const char *period;
    struct perf_delta d;
};
struct perf_proc_row {
    int64_t office_id, service_id;
    const char *period;
    int64_t value, n;
};
/* Rows per INSERT statement of perf_insert_*(): as many as the drivers'
 * 256 parameters hold (8 per row of counts, 5 per row of a histogram). */
#define PERF_INSERT_COUNTS 32
#define PERF_INSERT_PROCS 51
/*
 * Insert whole rows into the tables of the grain (a rebuild, after
 * perf_clear(); every key once), many rows per statement: a
 * rebuild of a regency-year is some 850,000 rows, one round trip each on
 * PostgreSQL was a quarter of an hour.
 */
enum err perf_insert_counts(struct db *db, enum perf_grain g,
                            const struct perf_count_row *rows, size_t n)
    __attribute__((warn_unused_result));
enum err perf_insert_procs(struct db *db, enum perf_grain g,
                           const struct perf_proc_row *rows, size_t n)
    __attribute__((warn_unused_result));
/* Forget every aggregate (before a rebuild). */
enum err perf_clear(struct db *db) __attribute__((warn_unused_result));
/* After a rebuild, outside any transaction: on PostgreSQL, VACUUM
 * (ANALYZE) the aggregate tables, so that their covering indexes are read
 * without visiting the table (the visibility map) and the planner knows
 * their size; nothing on SQLite. */
enum err perf_tidy(struct db *db) __attribute__((warn_unused_result));

/* What a query covers. */
struct perf_scope {
    int64_t office_id;    /* one office, or 0 */
    const char *district; /* offices in this district code, or NULL */
    int64_t service_id;   /* one service, or 0 */
    const char *from;     /* first local date, inclusive */
    const char *to;       /* last local date, inclusive */
};

/* How rows are grouped. */
enum perf_group {
    PERF_TOTAL,      /* one row, key 0 */
    PERF_BY_OFFICE,  /* key: office id */
    PERF_BY_SERVICE, /* key: service id */
};

struct perf_row {
    int64_t key;          /* office or service id (0 for the total) */
    struct perf_counts c; /* the sums */
};
/* Sums over the scope, grouped; an arena array. */
enum err perf_counts_of(struct db *db, struct arena *a,
                        const struct perf_scope *sc, enum perf_group g,
                        struct perf_row **rows, size_t *n_rows)
    __attribute__((warn_unused_result));

struct perf_bucket {
    int64_t key;   /* office or service id (0 for the total) */
    int64_t value; /* processing time */
    int64_t n;     /* how many */
};
/*
 * The processing histograms over the scope, grouped. Without a service in
 * the scope and grouped by office or total, the offices' working-day
 * histograms (service 0); otherwise the services' own. Ordered by key,
 * then value.
 */
enum err perf_hist_of(struct db *db, struct arena *a,
                      const struct perf_scope *sc, enum perf_group g,
                      struct perf_bucket **rows, size_t *n_rows)
    __attribute__((warn_unused_result));

struct perf_month_row {
    int64_t office_id;    /* the office */
    char month[8];        /* "YYYY-MM" */
    struct perf_counts c; /* the month's counts of the scope's service */
};
/* Month rows from month_from to month_to ("YYYY-MM"), one per office and
 * month, in no particular order, for the scope's office, district and
 * service (0: the offices' own rows; its dates are not used). Each is one
 * row of perf_month, read from its covering index without sorting. */
enum err perf_months_of(struct db *db, struct arena *a,
                        const struct perf_scope *sc, const char *month_from,
                        const char *month_to, struct perf_month_row **rows,
                        size_t *n_rows) __attribute__((warn_unused_result));

struct perf_overdue {
    int64_t key;            /* office or service id */
    int64_t n;              /* open applications past their promise */
    int64_t oldest_promise; /* the earliest such promised instant */
};
/*
 * Overdue now: open applications (received, verified, in process,
 * signed; not returned) whose promised instant is before now, grouped;
 * the scope's dates are not used.
 */
enum err perf_overdue_of(struct db *db, struct arena *a,
                         const struct perf_scope *sc, enum perf_group g,
                         int64_t now, struct perf_overdue **rows,
                         size_t *n_rows) __attribute__((warn_unused_result));

/* Raw rows for a rebuild, read in batches. */
struct perf_raw_app {
    int64_t id, office_id, service_id;
    int service_version;
    int64_t submitted_at;
};
/* Applications with id > after_id, at most limit, by id. */
enum err perf_raw_apps(struct db *db, struct arena *a, int64_t after_id,
                       int limit, struct perf_raw_app **rows, size_t *n_rows)
    __attribute__((warn_unused_result));
struct perf_raw_event {
    int64_t application_id;
    int64_t at;
    const char *action;      /* "submit", "return", ... */
    const char *state_after; /* state code */
    int64_t promised_at;     /* the promise after it, or 0 = unchanged */
};
/* Events of applications first_id..last_id, by application and id. */
enum err perf_raw_events(struct db *db, struct arena *a, int64_t first_id,
                         int64_t last_id, struct perf_raw_event **rows,
                         size_t *n_rows) __attribute__((warn_unused_result));
struct perf_raw_unit {
    int64_t service_id;
    int version;
    bool minutes; /* a working-minutes service */
};
/* The time unit of every version of every service. */
enum err perf_raw_units(struct db *db, struct arena *a,
                        struct perf_raw_unit **rows, size_t *n_rows)
    __attribute__((warn_unused_result));
/* Set an application's stopped-clock fields (a rebuild). */
enum err perf_set_pause(struct db *db, int64_t id, int64_t returned_at,
                        int64_t paused_minutes)
    __attribute__((warn_unused_result));

#endif
