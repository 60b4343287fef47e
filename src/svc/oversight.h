/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * oversight.h: the performance report of the regency, a district, an
 * office or a service for any period, with the previous period of the
 * same length, the ranking of offices, and twelve months of trends
 * (docs/MEASURES.md defines every measure). Read-only: it reads the
 * aggregates of store/perf.h, the surveys and the complaints.
 */
#ifndef SP_SVC_OVERSIGHT_H
#define SP_SVC_OVERSIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"
#include "store/perf.h"
#include "svc/svc.h"

/* The regency's ranking minimum (setting oversight_min_completed, else
 * OVERSIGHT_MIN_COMPLETED_DEFAULT). */
enum err oversight_min_completed(const struct svc_ctx *c, int64_t *out)
    __attribute__((warn_unused_result));

/* Build the report for q at c->now. */
enum err oversight_report(const struct svc_ctx *c, const struct ov_query *q,
                          struct ov_report *out)
    __attribute__((warn_unused_result));

#endif
