/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* jobs.c: the scheduled jobs (see jobs.h). */
#include "svc/jobs.h"

#include <string.h>

#include "base/civil.h"
#include "store/catalogue.h"
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
    /* Versions scheduled for today become current (readers asking for a
     * day find them without waiting for this). */
    if (rc == ERR_OK) {
        char day[16];
        int64_t local = now + (int64_t)offset * 60;
        int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
        civil_format_date(civil_from_days(days), day);
        rc = catalogue_promote(db, day, &out->versions_promoted);
    }
    return rc;
}
