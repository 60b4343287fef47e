/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* oversight.c: the performance report (see oversight.h). */
#include "svc/oversight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/params.h"
#include "core/calendar.h"
#include "core/measures.h"
#include "core/office.h"
#include "core/skm.h"
#include "store/catalogue.h"
#include "store/complaints.h"
#include "store/offices.h"
#include "store/seed.h"
#include "store/surveys.h"
#include "store/workcal.h"

enum err oversight_min_completed(const struct svc_ctx *c, int64_t *out)
{
    *out = OVERSIGHT_MIN_COMPLETED_DEFAULT;
    const char *v = NULL;
    enum err rc =
        seed_get_setting(c->db, c->arena, "oversight_min_completed", &v);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    if (rc != ERR_OK)
        return rc;
    int64_t n = 0;
    if (str_to_int(v, 0, 1000000, &n))
        *out = n;
    return ERR_OK;
}

/* The index of key among the items, or -1. */
/* A month's code "YYYY-MM" into its year and month; false if it is not
 * one (read as the first day of that month). */
static bool month_code(const char *code, int *y, int *mo)
{
    char day[16];
    struct civil_date d;
    if (!code || strlen(code) != 7)
        return false;
    snprintf(day, sizeof(day), "%s-01", code);
    if (!civil_parse_date(day, &d))
        return false;
    *y = d.year;
    *mo = d.month;
    return true;
}

static long find_item(const struct ov_report *r, int64_t key)
{
    for (size_t i = 0; r->items && i < r->n_items; i++)
        if (r->items[i].id == key)
            return (long)i;
    return -1;
}

/* Local midnight of date at offset_min, as Unix seconds. */
static int64_t day_start(struct civil_date d, int offset_min)
{
    return civil_to_days(d) * 86400 - (int64_t)offset_min * 60;
}

static void set_pct(struct ov_measures *m)
{
    m->has_pct =
        measure_pct_x10(m->c.on_time, m->c.completed, &m->on_time_pct_x10);
}

/* Processing measures of every key from histogram rows (ordered by key,
 * then value), one pass. */
static void fill_proc(struct arena *a, const struct perf_bucket *rows, size_t n,
                      struct ov_processing *by_key_total, struct ov_report *r,
                      bool prev, bool total, const bool *item_minutes,
                      bool total_minutes)
{
    struct measure_bucket *buf = arena_alloc(a, (n ? n : 1) * sizeof(*buf));
    if (total) {
        for (size_t i = 0; i < n; i++)
            buf[i] = (struct measure_bucket){rows[i].value, rows[i].n};
        by_key_total->minutes = total_minutes;
        by_key_total->has =
            measure_percentile(buf, n, 50, &by_key_total->median) &&
            measure_percentile(buf, n, 90, &by_key_total->p90);
        return;
    }
    for (size_t it = 0; it < r->n_items; it++) {
        struct ov_processing *p =
            prev ? &r->items[it].prev.proc : &r->items[it].now.proc;
        p->minutes = item_minutes[it];
        p->has = false;
    }
    for (size_t i = 0; i < n;) {
        size_t k = 0, j = i;
        for (; j < n && rows[j].key == rows[i].key; j++)
            buf[k++] = (struct measure_bucket){rows[j].value, rows[j].n};
        long it = find_item(r, rows[i].key);
        if (it >= 0) {
            struct ov_processing *p =
                prev ? &r->items[it].prev.proc : &r->items[it].now.proc;
            p->has = measure_percentile(buf, k, 50, &p->median) &&
                     measure_percentile(buf, k, 90, &p->p90);
        }
        i = j;
    }
}

static int by_value(const void *x, const void *y)
{
    const struct perf_bucket *a = x, *b = y;
    return a->value < b->value ? -1 : a->value > b->value;
}

/* The largest value that merge_keys() counts in an array rather than by
 * sorting: working days and the minutes of a few working days. */
#define MERGE_COUNT_MAX 4096

/* The buckets of every key summed by value (ordered by value). Values are
 * small numbers of working days (or minutes) and the rows many (a year of
 * the regency: some 4,000): when every value is at most MERGE_COUNT_MAX
 * they are counted in an array indexed by value, one pass and no sort. */
static struct perf_bucket *merge_keys(struct arena *a,
                                      const struct perf_bucket *rows, size_t n,
                                      size_t *n_out)
{
    struct perf_bucket *m = arena_alloc(a, (n ? n : 1) * sizeof(*m));
    int64_t max = -1;
    bool countable = true;
    for (size_t i = 0; i < n && countable; i++) {
        countable = rows[i].value >= 0 && rows[i].value <= MERGE_COUNT_MAX;
        if (rows[i].value > max)
            max = rows[i].value;
    }
    if (countable) {
        size_t span = (size_t)(max + 1);
        int64_t *count = arena_alloc(a, (span ? span : 1) * sizeof(*count));
        for (size_t i = 0; i < n; i++)
            count[rows[i].value] += rows[i].n;
        size_t k = 0;
        for (size_t v = 0; v < span; v++)
            if (count[v])
                m[k++] = (struct perf_bucket){0, (int64_t)v, count[v]};
        *n_out = k;
        return m;
    }
    if (n)
        memcpy(m, rows, n * sizeof(*m));
    qsort(m, n, sizeof(*m), by_value);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && m[k - 1].value == m[i].value)
            m[k - 1].n += m[i].n;
        else
            m[k++] = (struct perf_bucket){0, m[i].value, m[i].n};
    }
    *n_out = k;
    return m;
}

static void set_ikm(struct ov_ikm *k, const struct skm_totals *t, int64_t users)
{
    struct skm_result res;
    skm_compute(t, &res);
    k->has = res.has_ikm;
    k->x100 = res.ikm_x100;
    k->grade = res.grade;
    k->respondents = t->respondents;
    k->target = skm_sample_target(users);
}

/* Everything that depends on the period, for from..to (now or prev). */
static enum err measure_period(const struct svc_ctx *c,
                               const struct ov_query *q, struct ov_report *r,
                               struct civil_date from, struct civil_date to,
                               bool prev, const bool *item_minutes,
                               bool total_minutes)
{
    struct arena *a = c->arena;
    char f[16], t[16];
    civil_format_date(from, f);
    civil_format_date(to, t);
    struct perf_scope sc = {q->office_id, q->district, q->service_id, f, t};
    enum perf_group g = q->by_service ? PERF_BY_SERVICE : PERF_BY_OFFICE;
    struct ov_measures *total = prev ? &r->total_prev : &r->total;

    /* Counts. */
    struct perf_row *rows = NULL;
    size_t n = 0;
    enum err rc = perf_counts_of(c->db, a, &sc, g, &rows, &n);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        long it = find_item(r, rows[i].key);
        struct perf_counts *dst = it < 0 ? NULL
                                  : prev ? &r->items[it].prev.c
                                         : &r->items[it].now.c;
        if (dst)
            *dst = rows[i].c;
        total->c.received += rows[i].c.received;
        total->c.completed += rows[i].c.completed;
        total->c.on_time += rows[i].c.on_time;
        total->c.rejected += rows[i].c.rejected;
        total->c.returned += rows[i].c.returned;
    }
    set_pct(total);
    for (size_t it = 0; it < r->n_items; it++)
        set_pct(prev ? &r->items[it].prev : &r->items[it].now);

    /* Processing. */
    struct perf_bucket *hist = NULL;
    rc = perf_hist_of(c->db, a, &sc, g, &hist, &n);
    if (rc != ERR_OK)
        return rc;
    fill_proc(a, hist, n, NULL, r, prev, false, item_minutes, total_minutes);
    /* The total: by office, the same rows summed over the offices (no
     * second query); by service, every service's own rows only make sense
     * for one unit, so the total takes the working-day histogram of the
     * office (service 0). */
    if (q->by_service) {
        struct perf_scope tsc = sc;
        tsc.service_id = 0;
        rc = perf_hist_of(c->db, a, &tsc, PERF_TOTAL, &hist, &n);
        if (rc != ERR_OK)
            return rc;
    } else
        hist = merge_keys(a, hist, n, &n);
    fill_proc(a, hist, n, &total->proc, r, prev, true, item_minutes,
              q->by_service ? false : total_minutes);

    /* Complaints (per office; none per service). */
    int offset = c->utc_offset_min;
    int64_t from_at = day_start(from, offset);
    int64_t to_at = day_start(civil_from_days(civil_to_days(to) + 1), offset);
    struct complaint_measures *cm = NULL;
    rc = complaints_measures(c->db, a, q->office_id, q->district, from_at,
                             to_at, !q->by_service, &cm, &n);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        struct ov_complaints *dst = NULL;
        if (!q->by_service) {
            long it = find_item(r, cm[i].key);
            dst = it < 0 ? NULL
                  : prev ? &r->items[it].prev.cmp
                         : &r->items[it].now.cmp;
        }
        if (dst) {
            dst->received = cm[i].received;
            dst->verified_in_time = cm[i].verified_in_time;
            dst->answered_in_time = cm[i].answered_in_time;
            dst->escalated = cm[i].escalated;
        }
        total->cmp.received += cm[i].received;
        total->cmp.verified_in_time += cm[i].verified_in_time;
        total->cmp.answered_in_time += cm[i].answered_in_time;
        total->cmp.escalated += cm[i].escalated;
    }

    /* The satisfaction index. */
    struct survey_scope ss = {q->office_id, q->district, q->service_id, f, t};
    struct survey_group_totals *st = NULL;
    rc = surveys_totals_by(c->db, a, &ss, q->by_service, &st, &n);
    if (rc != ERR_OK)
        return rc;
    struct skm_totals all = {0};
    for (size_t it = 0; r->items && it < r->n_items; it++) {
        struct ov_measures *m = prev ? &r->items[it].prev : &r->items[it].now;
        m->ikm.target = skm_sample_target(m->c.completed);
    }
    for (size_t i = 0; i < n; i++) {
        long it = find_item(r, st[i].key);
        if (it >= 0 && r->items) {
            struct ov_measures *m =
                prev ? &r->items[it].prev : &r->items[it].now;
            set_ikm(&m->ikm, &st[i].t, m->c.completed);
        }
        if (!q->by_service) {
            all.respondents += st[i].t.respondents;
            for (int e = 0; e < SKM_ELEMENTS; e++) {
                all.sum[e] += st[i].t.sum[e];
                all.count[e] += st[i].t.count[e];
            }
        }
    }
    if (q->by_service) {
        int64_t profile[SKM_DIMENSIONS][SKM_MAX_CODES];
        rc = surveys_totals(c->db, &ss, &all, profile);
        if (rc != ERR_OK)
            return rc;
    }
    set_ikm(&total->ikm, &all, total->c.completed);
    return ERR_OK;
}

/* The items of the report: the service points of the scope, or the
 * services one office accepts. item_minutes[i]: the item measures in
 * minutes. */
static enum err load_items(const struct svc_ctx *c, const struct ov_query *q,
                           struct ov_report *r, bool **item_minutes,
                           bool *total_minutes)
{
    struct arena *a = c->arena;
    *total_minutes = false;
    if (q->by_service) {
        struct office o;
        enum err rc = offices_get_by_id(c->db, a, q->office_id, &o);
        struct service_def *svcs = NULL;
        size_t n = 0;
        struct service_filter sf = {
            .level = -1, .include_inactive = true, .day = svc_today(c)};
        if (rc == ERR_OK)
            rc = catalogue_list(c->db, a, &sf, &svcs, &n);
        if (rc != ERR_OK)
            return rc;
        r->items = arena_alloc(a, (n + 1) * sizeof(*r->items));
        *item_minutes = arena_alloc(a, (n + 1) * sizeof(bool));
        for (size_t i = 0; i < n; i++) {
            if (!office_accepts(&o, &svcs[i]) ||
                (q->service_id && svcs[i].id != q->service_id))
                continue;
            struct ov_item *it = &r->items[r->n_items];
            it->id = svcs[i].id;
            it->code = svcs[i].code;
            it->name = svcs[i].name.id;
            it->name_en = svcs[i].name.en;
            (*item_minutes)[r->n_items] =
                svcs[i].time_unit == TIME_WORKING_MINUTES;
            r->n_items++;
        }
        return ERR_OK;
    }
    struct office *offices = NULL;
    size_t n = 0;
    enum err rc = ERR_OK;
    if (q->office_id) {
        /* One office (its public page): the cached row, taken when it is
         * a service point in the district asked for, as the list below
         * would. */
        struct office *o = arena_alloc(a, sizeof(*o));
        rc = offices_get_by_id(c->db, a, q->office_id, o);
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
        else if (rc == ERR_OK && o->service_point_since &&
                 (!q->district ||
                  (o->region_code && strlen(q->district) == 8 &&
                   strncmp(o->region_code, q->district, 8) == 0))) {
            offices = o;
            n = 1;
        }
    } else {
        struct office_filter f = {
            .level = -1, .service_points_only = true, .district = q->district};
        rc = offices_list(c->db, a, &f, &offices, &n);
    }
    if (rc != ERR_OK)
        return rc;
    r->items = arena_alloc(a, (n + 1) * sizeof(*r->items));
    *item_minutes = arena_alloc(a, (n + 1) * sizeof(bool));
    for (size_t i = 0; i < n; i++) {
        if (q->office_id && offices[i].id != q->office_id)
            continue;
        struct ov_item *it = &r->items[r->n_items++];
        it->id = offices[i].id;
        it->code = offices[i].code;
        it->name = offices[i].name;
        it->district = offices[i].district_name;
    }
    /* A service filter measures that service's unit. */
    if (q->service_id) {
        const char *code = NULL;
        struct service_def s;
        rc = catalogue_code_of(c->db, a, q->service_id, &code);
        if (rc == ERR_OK)
            rc = catalogue_in_effect(c->db, a, code, svc_today(c), &s);
        if (rc != ERR_OK)
            return rc;
        *total_minutes = s.time_unit == TIME_WORKING_MINUTES;
        for (size_t i = 0; i < r->n_items; i++)
            (*item_minutes)[i] = *total_minutes;
    }
    return ERR_OK;
}

/* Overdue now: a snapshot, the same for the period and the previous. */
static enum err overdue(const struct svc_ctx *c, const struct ov_query *q,
                        struct ov_report *r)
{
    struct arena *a = c->arena;
    struct perf_scope sc = {q->office_id, q->district, q->service_id, NULL,
                            NULL};
    struct perf_overdue *rows = NULL;
    size_t n = 0;
    enum err rc = perf_overdue_of(
        c->db, a, &sc, q->by_service ? PERF_BY_SERVICE : PERF_BY_OFFICE, c->now,
        &rows, &n);
    if (rc != ERR_OK)
        return rc;
    /* Working days late need the office's calendar: every office's at
     * once (a few queries, not three per office). Every row counts in the
     * total, as its applications' counts do, also one that is no item (a
     * former service point, a service the office no longer accepts). */
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct calendar *cals = NULL;
    if (n > 0) {
        if (q->by_service) {
            offices = arena_alloc(a, sizeof(*offices));
            rc = offices_get_by_id(c->db, a, q->office_id, offices);
            n_offices = 1;
        } else {
            struct office_filter of = {.level = -1};
            rc = offices_list(c->db, a, &of, &offices, &n_offices);
        }
        if (rc == ERR_OK) {
            cals = arena_alloc(a, (n_offices ? n_offices : 1) * sizeof(*cals));
            rc = workcal_load_all(c->db, a, offices, n_offices, cals);
        }
        if (rc != ERR_OK)
            return rc;
    }
    for (size_t i = 0; i < n; i++) {
        long it = find_item(r, rows[i].key);
        int64_t office_id = q->by_service ? q->office_id : rows[i].key;
        const struct calendar *cp = NULL;
        for (size_t k = 0; k < n_offices && !cp; k++)
            if (offices[k].id == office_id)
                cp = &cals[k];
        if (!cp)
            return ERR_NOT_FOUND;
        struct calendar cal = *cp;
        int late = cal_working_days_late(&cal, rows[i].oldest_promise, c->now);
        r->total.overdue_now += rows[i].n;
        if (late > r->total.oldest_days_late)
            r->total.oldest_days_late = late;
        if (it < 0)
            continue;
        struct ov_item *item = &r->items[it];
        item->now.overdue_now = item->prev.overdue_now = rows[i].n;
        item->now.oldest_days_late = item->prev.oldest_days_late = late;
    }
    r->total_prev.overdue_now = r->total.overdue_now;
    r->total_prev.oldest_days_late = r->total.oldest_days_late;
    /* Open complaints now (per office). */
    struct complaint_measures *open = NULL;
    rc = complaints_open_now(c->db, a, q->office_id, q->district,
                             !q->by_service, &open, &n);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (!q->by_service) {
            long it = find_item(r, open[i].key);
            if (it >= 0)
                r->items[it].now.cmp.open = r->items[it].prev.cmp.open =
                    open[i].received;
        }
        r->total.cmp.open += open[i].received;
    }
    r->total_prev.cmp.open = r->total.cmp.open;
    return ERR_OK;
}

/* Twelve months of on-time rates (items and total), received and
 * completed (total), and the IKM (total), up to today's month. */
/* Per month: the processing median of the scope (the offices' rows, or
 * the one service's) and complaints answered in time, each month one
 * small read of the month rows. */
static enum err trend_details(const struct svc_ctx *c, const struct ov_query *q,
                              struct ov_report *r, bool total_minutes)
{
    struct arena *a = c->arena;
    r->total_trend_minutes = total_minutes;
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++) {
        r->total_trend_median[m] = -1;
        r->total_trend_cmp_pct_x10[m] = -1;
        int y = 0, mo = 0;
        if (!month_code(r->months[m], &y, &mo))
            return ERR_INVALID;
        struct civil_date first = {y, mo, 1},
                          last = {y, mo, civil_days_in_month(y, mo)};
        char f[16], t[16];
        civil_format_date(first, f);
        civil_format_date(last, t);
        struct perf_scope sc = {q->office_id, q->district, q->service_id, f, t};
        struct perf_bucket *hist = NULL;
        size_t n = 0;
        enum err rc = perf_hist_of(c->db, a, &sc, PERF_TOTAL, &hist, &n);
        if (rc != ERR_OK)
            return rc;
        struct measure_bucket *buf = arena_alloc(a, (n ? n : 1) * sizeof(*buf));
        for (size_t i = 0; i < n; i++)
            buf[i] = (struct measure_bucket){hist[i].value, hist[i].n};
        int64_t median = 0;
        if (measure_percentile(buf, n, 50, &median))
            r->total_trend_median[m] = median;
        struct complaint_measures *cm = NULL;
        int64_t from_at = day_start(first, c->utc_offset_min);
        int64_t to_at = day_start(civil_from_days(civil_to_days(last) + 1),
                                  c->utc_offset_min);
        rc = complaints_measures(c->db, a, q->office_id, q->district, from_at,
                                 to_at, false, &cm, &n);
        if (rc != ERR_OK)
            return rc;
        int64_t received = 0, in_time = 0, pct = 0;
        for (size_t i = 0; i < n; i++) {
            received += cm[i].received;
            in_time += cm[i].answered_in_time;
        }
        if (measure_pct_x10(in_time, received, &pct))
            r->total_trend_cmp_pct_x10[m] = pct;
    }
    return ERR_OK;
}

static enum err trends(const struct svc_ctx *c, const struct ov_query *q,
                       struct ov_report *r, bool total_minutes)
{
    struct arena *a = c->arena;
    struct civil_date today;
    if (!civil_parse_date(svc_today(c), &today))
        return ERR_INVALID;
    period_last_months(today, OVERSIGHT_TREND_MONTHS, r->months);
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++) {
        r->total_trend_pct_x10[m] = -1;
        r->total_trend_ikm_x100[m] = -1;
        for (size_t i = 0; i < r->n_items; i++)
            r->items[i].trend_pct_x10[m] = -1;
    }
    struct perf_scope sc = {q->office_id, q->district, q->service_id, NULL,
                            NULL};
    struct perf_month_row *rows = NULL;
    size_t n = 0;
    enum err rc =
        perf_months_of(c->db, a, &sc, r->months[0],
                       r->months[OVERSIGHT_TREND_MONTHS - 1], &rows, &n);
    if (rc != ERR_OK)
        return rc;
    struct perf_counts sum[OVERSIGHT_TREND_MONTHS];
    memset(sum, 0, sizeof(sum));
    for (size_t i = 0; i < n; i++) {
        int m = -1;
        for (int k = 0; k < OVERSIGHT_TREND_MONTHS; k++)
            if (strcmp(r->months[k], rows[i].month) == 0)
                m = k;
        if (m < 0)
            continue;
        sum[m].received += rows[i].c.received;
        sum[m].completed += rows[i].c.completed;
        sum[m].on_time += rows[i].c.on_time;
        if (!q->by_service) {
            long it = find_item(r, rows[i].office_id);
            int64_t pct = 0;
            if (it >= 0 &&
                measure_pct_x10(rows[i].c.on_time, rows[i].c.completed, &pct))
                r->items[it].trend_pct_x10[m] = pct;
        }
    }
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++) {
        int64_t pct = 0;
        if (measure_pct_x10(sum[m].on_time, sum[m].completed, &pct))
            r->total_trend_pct_x10[m] = pct;
        r->total_trend_received[m] = sum[m].received;
        r->total_trend_completed[m] = sum[m].completed;
    }
    char from[16], to[16];
    snprintf(from, sizeof(from), "%s-01", r->months[0]);
    struct civil_date last;
    int y = 0, mo = 0;
    if (!month_code(r->months[OVERSIGHT_TREND_MONTHS - 1], &y, &mo))
        return ERR_INVALID;
    last = (struct civil_date){y, mo, civil_days_in_month(y, mo)};
    civil_format_date(last, to);
    struct survey_scope ss = {q->office_id, q->district, q->service_id, from,
                              to};
    struct survey_month_totals *st = NULL;
    rc = surveys_totals_by_month(c->db, a, &ss, &st, &n);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < n; i++)
        for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
            if (strcmp(r->months[m], st[i].month) == 0) {
                struct skm_result res;
                skm_compute(&st[i].t, &res);
                if (res.has_ikm)
                    r->total_trend_ikm_x100[m] = res.ikm_x100;
            }
    return q->trend_details ? trend_details(c, q, r, total_minutes) : ERR_OK;
}

enum err oversight_report(const struct svc_ctx *c, const struct ov_query *q,
                          struct ov_report *out)
{
    memset(out, 0, sizeof(*out));
    out->q = *q;
    bool *item_minutes = NULL, total_minutes = false;
    enum err rc = load_items(c, q, out, &item_minutes, &total_minutes);
    if (rc == ERR_OK)
        rc = measure_period(c, q, out, q->period.from, q->period.to, false,
                            item_minutes, total_minutes);
    if (rc == ERR_OK && !q->current_only)
        rc = measure_period(c, q, out, q->period.prev_from, q->period.prev_to,
                            true, item_minutes, total_minutes);
    if (rc == ERR_OK && !q->current_only)
        rc = overdue(c, q, out);
    if (rc == ERR_OK && (q->trends || q->trend_details))
        rc = trends(c, q, out, total_minutes);
    if (rc != ERR_OK)
        return rc;
    /* The ranking (offices only), and the order of the items. */
    size_t n = out->n_items;
    struct measure_rankable *rk = arena_alloc(c->arena, (n + 1) * sizeof(*rk));
    int *rank = arena_alloc(c->arena, (n + 1) * sizeof(*rank));
    size_t *order = arena_alloc(c->arena, (n + 1) * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        rk[i] = (struct measure_rankable){out->items[i].now.c.completed,
                                          out->items[i].now.c.on_time,
                                          out->items[i].code};
    measure_rank(rk, n, q->by_service ? 0 : q->min_completed, rank, order);
    struct ov_item *sorted = arena_alloc(c->arena, (n + 1) * sizeof(*sorted));
    for (size_t i = 0; i < n; i++) {
        sorted[i] = out->items[order[i]];
        sorted[i].rank = q->by_service ? 0 : rank[order[i]];
        sorted[i].too_few = !q->by_service && rank[order[i]] == 0;
    }
    out->items = sorted;
    return ERR_OK;
}
