/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * drilldown.h: what lies behind an oversight figure: the applications
 * (overdue now, completed late, completed, received in a period) with
 * their working days late, and what each officer of an office did.
 * Scope: c->who must pass scope_oversight() for the office asked (a head
 * of office: their own; the Sekda, the Bupati, administrators: any).
 */
#ifndef SP_SVC_DRILLDOWN_H
#define SP_SVC_DRILLDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/period.h"
#include "store/applications.h"
#include "svc/svc.h"

#define DRILL_LIMIT 500

struct drill_query {
    enum appl_list_kind kind;
    struct period period; /* for every kind but overdue */
    int64_t office_id;    /* one office, or 0 (regency-wide roles) */
    const char *district; /* the offices of a district, or NULL */
    int64_t service_id;   /* one service, or 0 */
    const char *state;    /* one state code (overdue list), or NULL */
    int min_days_late;    /* at least this many working days late (0) */
    enum appl_list_sort sort;
};

struct drill_list {
    struct application *items;
    int *days_late; /* per item: working days late (0 = on time) */
    size_t n;
    bool truncated; /* more matched than DRILL_LIMIT */
};

/* The list for q; ERR_DENIED out of c->who's scope. */
enum err drill_applications(const struct svc_ctx *c,
                            const struct drill_query *q, struct drill_list *out)
    __attribute__((warn_unused_result));

/* The officers of office_id and what they did in period p. */
enum err drill_officers(const struct svc_ctx *c, int64_t office_id,
                        const struct period *p, struct appl_officer **items,
                        size_t *n) __attribute__((warn_unused_result));

#endif
