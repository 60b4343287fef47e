/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * jobs.h: the scheduled jobs every `serve` process runs in a thread
 * (SATUPINTU_JOBS_INTERVAL): complaint escalation and closing (each change
 * happens once however many instances run them, see store/complaints.h),
 * the escalation of overdue findings and unacknowledged reports of
 * inability (store/readiness.h, the same guarded way), the queue's
 * tickets of past days (expired) and bookings whose slot passed (no-show),
 * each changed once however many instances run them (svc/queue.h),
 * and forgetting expired throttle counters and replayed answers.
 */
#ifndef SP_SVC_JOBS_H
#define SP_SVC_JOBS_H

#include <stdint.h>

#include "base/err.h"

struct db;

struct jobs_result {
    int64_t escalated;           /* complaints escalated by this run */
    int64_t closed;              /* complaints closed by this run */
    int64_t expired;             /* throttle counters forgotten */
    int64_t readiness_escalated; /* findings and reports of inability
                                    escalated by this run */
    int64_t tickets_expired;     /* queue tickets of past days closed */
    int64_t bookings_released;   /* bookings whose slot passed unused */
    int64_t versions_promoted;   /* services whose scheduled standard
                                    became current */
};

enum err jobs_run(struct db *db, int64_t now, struct jobs_result *out)
    __attribute__((warn_unused_result));

#endif
