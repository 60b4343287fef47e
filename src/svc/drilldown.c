/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* drilldown.c: the applications and officers behind a figure (see
 * drilldown.h). */
#include "svc/drilldown.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/calendar.h"
#include "core/role.h"
#include "store/offices.h"
#include "store/workcal.h"

/* The first instant of local date d. */
static int64_t day_start(struct civil_date d, int offset_min)
{
    return civil_to_days(d) * 86400 - (int64_t)offset_min * 60;
}

/* The calendars of the offices in a list: one office's alone, or every
 * office's at once (store/workcal.h: a few queries whatever their
 * number). */
struct cals {
    const struct office *office;
    struct calendar *cal;
    size_t n;
};

static enum err cals_for(const struct svc_ctx *c, const struct application *a,
                         size_t n, struct cals *out)
{
    memset(out, 0, sizeof(*out));
    if (n == 0)
        return ERR_OK;
    bool one = true;
    for (size_t i = 1; i < n && one; i++)
        one = a[i].office_id == a[0].office_id;
    struct office *offices = NULL;
    size_t n_offices = 0;
    enum err rc;
    if (one) {
        offices = arena_alloc(c->arena, sizeof(*offices));
        rc = offices_get_by_id(c->db, c->arena, a[0].office_id, offices);
        n_offices = 1;
    } else {
        struct office_filter f = {.level = -1};
        rc = offices_list(c->db, c->arena, &f, &offices, &n_offices);
    }
    if (rc != ERR_OK)
        return rc;
    out->cal =
        arena_alloc(c->arena, (n_offices ? n_offices : 1) * sizeof(*out->cal));
    out->office = offices;
    out->n = n_offices;
    return workcal_load_all(c->db, c->arena, offices, n_offices, out->cal);
}

static const struct calendar *cal_of(const struct cals *cs, int64_t office_id)
{
    for (size_t i = 0; i < cs->n; i++)
        if (cs->office[i].id == office_id)
            return &cs->cal[i];
    return NULL;
}

/* Working days late of a: completed after the promise, or open and past
 * it now; 0 otherwise. */
static int late_of(const struct calendar *cal, const struct application *a,
                   int64_t now)
{
    if (a->completed_at)
        return a->completed_at > a->promised_at
                   ? cal_working_days_late(cal, a->promised_at, a->completed_at)
                   : 0;
    if (a->state == APPL_HANDED_OVER || a->state == APPL_REJECTED)
        return 0;
    return now > a->promised_at
               ? cal_working_days_late(cal, a->promised_at, now)
               : 0;
}

enum err drill_applications(const struct svc_ctx *c,
                            const struct drill_query *q, struct drill_list *out)
{
    memset(out, 0, sizeof(*out));
    if (!c->who || !scope_oversight(c->who, q->office_id))
        return ERR_DENIED;
    struct appl_list_filter f = {
        .kind = q->kind,
        .office_id = q->office_id,
        .district = q->district,
        .service_id = q->service_id,
        .state = q->kind == APPL_LIST_OVERDUE ? q->state : NULL,
        .from_at = day_start(q->period.from, c->utc_offset_min),
        .to_at = day_start(civil_from_days(civil_to_days(q->period.to) + 1),
                           c->utc_offset_min),
        .now = c->now,
        .sort = q->sort,
        /* One more than shown tells whether the list was cut. With a
         * days-late filter the rows are filtered after the calendars:
         * read the most the store gives. */
        .limit = q->min_days_late > 0 ? 1000 : DRILL_LIMIT + 1,
    };
    struct application *items = NULL;
    size_t n = 0;
    enum err rc = applications_oversight_list(c->db, c->arena, &f, &items, &n);
    if (rc != ERR_OK)
        return rc;
    struct cals cs;
    rc = cals_for(c, items, n, &cs);
    if (rc != ERR_OK)
        return rc;
    int *late = arena_alloc(c->arena, (n ? n : 1) * sizeof(int));
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const struct calendar *cal = cal_of(&cs, items[i].office_id);
        if (!cal)
            return ERR_NOT_FOUND;
        int d = late_of(cal, &items[i], c->now);
        if (d < q->min_days_late)
            continue;
        if (kept == DRILL_LIMIT) {
            out->truncated = true;
            break;
        }
        items[kept] = items[i];
        late[kept++] = d;
    }
    if (q->min_days_late > 0 && n == 1000)
        out->truncated = true;
    out->items = items;
    out->days_late = late;
    out->n = kept;
    return ERR_OK;
}

enum err drill_officers(const struct svc_ctx *c, int64_t office_id,
                        const struct period *p, struct appl_officer **items,
                        size_t *n)
{
    *items = NULL;
    *n = 0;
    if (!c->who || office_id <= 0 || !scope_oversight(c->who, office_id))
        return ERR_DENIED;
    int64_t from = day_start(p->from, c->utc_offset_min);
    int64_t to =
        day_start(civil_from_days(civil_to_days(p->to) + 1), c->utc_offset_min);
    return applications_officers(c->db, c->arena, office_id, from, to, items,
                                 n);
}
