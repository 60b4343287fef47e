/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* jobs.c: the scheduled jobs (see jobs.h). */
#include "svc/jobs.h"

#include <string.h>

#include "store/replays.h"
#include "store/throttle.h"
#include "store/seed.h"
#include "svc/complaints.h"
#include "svc/readiness.h"
#include "svc/queue.h"

enum err jobs_run(struct db *db, int64_t now, struct jobs_result *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = complaints_jobs(db, now, &out->escalated, &out->closed);
    if (rc == ERR_OK)
        rc = readiness_jobs(db, now, &out->readiness_escalated);
    if (rc == ERR_OK)
        rc = throttle_expire(db, now, &out->expired);
    if (rc == ERR_OK)
        rc = replays_expire(db, now);
    int offset = 0;
    if (rc == ERR_OK)
        rc = seed_utc_offset(db, &offset);
    if (rc == ERR_OK)
        rc = queue_jobs(db, now, offset, &out->tickets_expired,
                        &out->bookings_released);
    return rc;
}
