/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * metrics.h: the server's counters, for GET /metrics in the Prometheus
 * text format (version 0.0.4). Nothing here knows HTTP or the domain:
 * routes are numbered slots with a label each, given once at start.
 *
 * Cheap on the hot path: every thread counts into its own shard (a block
 * of atomic counters only it writes, taken at its first count), with
 * relaxed atomic additions and no lock; a scrape adds the shards up.
 * Threads past METRICS_MAX_SHARDS share one spare shard (still exact,
 * the atomics make sharing safe). Rare events (throttles, connections,
 * the jobs) are plain process-wide atomics.
 *
 * Every metric and its meaning is listed in docs/OPERATIONS.md,
 * "Monitoring".
 */
#ifndef SP_BASE_METRICS_H
#define SP_BASE_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct buf;

#define METRICS_MAX_ROUTES 1024
#define METRICS_MAX_SHARDS 64

/*
 * The routes: slot 0 is "no route" (not found, or answered before
 * routing); slot i (1..n) is routes[i - 1] with its method and pattern.
 * Called once, before any thread counts; the strings must live as long
 * as the process (the route table's literals). Without it, every request
 * counts in slot 0.
 */
void metrics_init(const char *const *methods, const char *const *patterns,
                  size_t n);

/* A request answered: its route slot, status, seconds from arrival to
 * the answer, and seconds of that spent in the database. */
void metrics_request(size_t route, int status, double seconds,
                     double db_seconds);

/* Time spent in one database call by this thread (store/db.c). */
void metrics_db_time(double seconds, bool statement);
/* This thread's database seconds since the last call (0 the first
 * time): the server takes it before and after each handler. */
double metrics_db_thread_take(void);

/* Why a client was refused or cut off for its own good. */
enum metrics_throttle {
    METRICS_THROTTLE_429,          /* any 429 answer (guessing, flooding) */
    METRICS_THROTTLE_BODY_BUDGET,  /* 503: the bodies in flight were full */
    METRICS_THROTTLE_SLOW_HEADERS, /* closed: headers too slow */
    METRICS_THROTTLE_SLOW_BODY,    /* closed: body too slow */
    METRICS_THROTTLE_N
};
void metrics_throttled(enum metrics_throttle why, uint64_t n);

/* A connection opened (+1) or closed (-1). */
void metrics_connection(int delta);

/* Requests handed to a pool of workers (the HTTP server's report and
 * write pools): waiting for a worker, and being handled by one. */
enum metrics_pool { METRICS_POOL_REPORT, METRICS_POOL_WRITE, METRICS_POOL_N };
void metrics_pool(enum metrics_pool pool, int waiting, int running);
/* The database could not be reached for a request (503). */
void metrics_db_unavailable(void);

/* One run of the scheduled jobs: when it started (Unix seconds), how
 * long it took, whether it succeeded, and the items it changed. */
struct metrics_jobs_run {
    int64_t started;              /* Unix seconds */
    double seconds;               /* its duration */
    bool ok;                      /* every job ran */
    int64_t complaints_escalated; /* items changed ... */
    int64_t complaints_closed;    /* ... by this run */
    int64_t readiness_escalated;
};
void metrics_jobs(const struct metrics_jobs_run *run);

/* Static facts shown as satupintu_build_info and the start time. */
void metrics_set_info(const char *version, int schema, int64_t started);

/* Every metric in the Prometheus text format, appended to out. */
enum err metrics_render(struct buf *out) __attribute__((warn_unused_result));
/* One counter without labels, with its HELP and TYPE lines, in the same
 * format (for counters kept elsewhere, e.g. SQLite's writer). */
void metrics_render_counter(struct buf *out, const char *name, const char *help,
                            uint64_t value);

/* The index of status in the status table (the last one: any other). */
size_t metrics_status_index(int status);

#endif
