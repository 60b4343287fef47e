/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * perf.h: recomputing the performance aggregates (store/perf.h) from the
 * applications and their events, for a database whose rows were written
 * without them: a regency upgraded to schema 7, a bulk import, the
 * benchmark's generator. The same rules as the intake and the actions
 * (svc/applications.c): received on the day of submission; returned on
 * the day of each return; completed (and on time, rejected, the
 * processing time less the stopped clock) on the day the application
 * first became ready or was rejected. Also sets each application's
 * returned_at and paused_minutes from its history.
 */
#ifndef SP_SVC_PERF_H
#define SP_SVC_PERF_H

#include <stdint.h>

#include "base/err.h"

struct db;

struct perf_rebuild_report {
    int64_t applications; /* read */
    int64_t events;       /* read */
    int64_t day_rows;     /* count rows written per day */
    int64_t proc_rows;    /* histogram rows written per day */
};

/* Clear and recompute everything, in one transaction; then, on
 * PostgreSQL, vacuum the aggregates (perf_tidy(): not inside a
 * transaction of the caller). */
enum err perf_rebuild(struct db *db, struct perf_rebuild_report *rep)
    __attribute__((warn_unused_result));

#endif
