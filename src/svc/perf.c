/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* perf.c: recomputing the performance aggregates (see perf.h). */
#include "svc/perf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/calendar.h"
#include "core/measures.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/perf.h"
#include "store/workcal.h"

#define BATCH 5000

/* One office's calendar and working-day length. */
struct office_cal {
    int64_t id;
    struct calendar cal;
    int64_t day_minutes;
};

/* Counts of one (office, service, local day). */
struct count_cell {
    int64_t office_id, service_id, day;
    struct perf_delta d;
    bool used;
};

/* Processing values of one (office, service, local day, value). */
struct proc_cell {
    int64_t office_id, service_id, day, value, n;
    bool used;
};

/* Open addressing over power-of-two tables, grown at half full. */
struct cells {
    void *items;
    size_t cap, n;
};

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

static uint64_t count_hash(int64_t o, int64_t s, int64_t d)
{
    return mix((uint64_t)o * 1000003u ^
               mix((uint64_t)s * 7919u ^ mix((uint64_t)d)));
}

static uint64_t proc_hash(int64_t o, int64_t s, int64_t d, int64_t v)
{
    return mix(count_hash(o, s, d) ^ mix((uint64_t)v + 0x9e3779b97f4a7c15ULL));
}

static struct count_cell *count_at(struct cells *t, int64_t o, int64_t s,
                                   int64_t d);

static void count_grow(struct cells *t)
{
    struct cells old = *t;
    t->cap = old.cap ? old.cap * 2 : 4096;
    t->items = xcalloc(t->cap, sizeof(struct count_cell));
    t->n = 0;
    struct count_cell *c = old.items;
    for (size_t i = 0; i < old.cap; i++)
        if (c[i].used)
            count_at(t, c[i].office_id, c[i].service_id, c[i].day)->d = c[i].d;
    free(old.items);
}

static struct count_cell *count_at(struct cells *t, int64_t o, int64_t s,
                                   int64_t d)
{
    if (2 * (t->n + 1) > t->cap)
        count_grow(t);
    struct count_cell *c = t->items;
    size_t i = count_hash(o, s, d) & (t->cap - 1);
    while (c[i].used &&
           !(c[i].office_id == o && c[i].service_id == s && c[i].day == d))
        i = (i + 1) & (t->cap - 1);
    if (!c[i].used) {
        c[i] = (struct count_cell){
            .office_id = o, .service_id = s, .day = d, .used = true};
        t->n++;
    }
    return &c[i];
}

static struct proc_cell *proc_at(struct cells *t, int64_t o, int64_t s,
                                 int64_t d, int64_t v);

static void proc_grow(struct cells *t)
{
    struct cells old = *t;
    t->cap = old.cap ? old.cap * 2 : 4096;
    t->items = xcalloc(t->cap, sizeof(struct proc_cell));
    t->n = 0;
    struct proc_cell *c = old.items;
    for (size_t i = 0; i < old.cap; i++)
        if (c[i].used)
            proc_at(t, c[i].office_id, c[i].service_id, c[i].day, c[i].value)
                ->n = c[i].n;
    free(old.items);
}

static struct proc_cell *proc_at(struct cells *t, int64_t o, int64_t s,
                                 int64_t d, int64_t v)
{
    if (2 * (t->n + 1) > t->cap)
        proc_grow(t);
    struct proc_cell *c = t->items;
    size_t i = proc_hash(o, s, d, v) & (t->cap - 1);
    while (c[i].used && !(c[i].office_id == o && c[i].service_id == s &&
                          c[i].day == d && c[i].value == v))
        i = (i + 1) & (t->cap - 1);
    if (!c[i].used) {
        c[i] = (struct proc_cell){.office_id = o,
                                  .service_id = s,
                                  .day = d,
                                  .value = v,
                                  .used = true};
        t->n++;
    }
    return &c[i];
}

static const struct office_cal *cal_of(const struct office_cal *cals, size_t n,
                                       int64_t office_id)
{
    for (size_t i = 0; i < n; i++)
        if (cals[i].id == office_id)
            return &cals[i];
    return NULL;
}

static bool minutes_of(const struct perf_raw_unit *u, size_t n,
                       int64_t service_id, int version)
{
    for (size_t i = 0; i < n; i++)
        if (u[i].service_id == service_id && u[i].version == version)
            return u[i].minutes;
    return false;
}

static bool is_completion(const char *state)
{
    return strcmp(state, "ready") == 0 || strcmp(state, "rejected") == 0;
}

/* Walk one application's events (sorted); add what it counts. */
static __attribute__((warn_unused_result)) enum err
one_app(struct db *db, const struct perf_raw_app *app,
        const struct perf_raw_event *ev, size_t n, const struct office_cal *oc,
        bool minutes, struct cells *counts, struct cells *procs)
{
    const struct calendar *cal = &oc->cal;
    count_at(counts, app->office_id, app->service_id,
             cal_local_day(cal, app->submitted_at))
        ->d.received++;
    bool returned = false, completed = false, prov = false;
    int64_t returned_at = 0, paused = 0, promise = 0;
    for (size_t i = 0; i < n; i++) {
        const struct perf_raw_event *e = &ev[i];
        if (e->promised_at)
            promise = e->promised_at;
        bool now_returned = strcmp(e->state_after, "returned") == 0;
        if (strcmp(e->action, "return") == 0) {
            count_at(counts, app->office_id, app->service_id,
                     cal_local_day(cal, e->at))
                ->d.returned++;
        }
        if (returned && !now_returned) {
            paused +=
                cal_working_minutes_between(cal, returned_at, e->at, &prov);
            returned_at = 0;
        }
        if (!completed && is_completion(e->state_after) &&
            strcmp(e->action, "submit") != 0) {
            completed = true;
            struct count_cell *c =
                count_at(counts, app->office_id, app->service_id,
                         cal_local_day(cal, e->at));
            c->d.completed++;
            c->d.on_time += returned || e->at <= promise;
            c->d.rejected += strcmp(e->state_after, "rejected") == 0;
            int64_t m = cal_working_minutes_between(cal, app->submitted_at,
                                                    e->at, &prov) -
                        paused;
            if (m < 0)
                m = 0;
            int64_t v =
                minutes ? m : measure_tenths_of_days(m, oc->day_minutes);
            int64_t day = cal_local_day(cal, e->at);
            proc_at(procs, app->office_id, app->service_id, day, v)->n++;
            if (!minutes)
                proc_at(procs, app->office_id, 0, day, v)->n++;
        }
        if (now_returned && !returned)
            returned_at = e->at;
        returned = now_returned;
    }
    if (returned || paused)
        return perf_set_pause(db, app->id, returned ? returned_at : 0, paused);
    return ERR_OK;
}

static void add_delta(struct perf_delta *to, const struct perf_delta *d)
{
    to->received += d->received;
    to->completed += d->completed;
    to->on_time += d->on_time;
    to->rejected += d->rejected;
    to->returned += d->returned;
}

/* A cell's period (a day number, a month y * 100 + m, a year) as text. */
static const char *grain_text(struct arena *a, enum perf_grain g, int64_t k)
{
    char *t = arena_alloc(a, 16);
    if (g == PERF_DAY)
        civil_format_date(civil_from_days(k), t);
    else if (g == PERF_MONTH)
        snprintf(t, 16, "%04d-%02d", (int)(k / 100), (int)(k % 100));
    else
        snprintf(t, 16, "%04d", (int)k);
    return t;
}

/* The keys of a day at each grain. */
static void grain_keys(int64_t day, int64_t key[3])
{
    struct civil_date d = civil_from_days(day);
    key[PERF_DAY] = day;
    key[PERF_MONTH] = (int64_t)d.year * 100 + d.month;
    key[PERF_YEAR] = d.year;
}

/*
 * Everything counted, as whole rows: each cell at its day, month and year,
 * the counts also for the office as a whole (service 0), as perf_count()
 * and perf_proc() keep them one event at a time; written in batches.
 */
static __attribute__((warn_unused_result)) enum err
write_out(struct db *db, const struct cells *counts, const struct cells *procs,
          struct perf_rebuild_report *rep)
{
    struct cells cg[3] = {{0}}, pg[3] = {{0}};
    const struct count_cell *c = counts->items;
    for (size_t i = 0; i < counts->cap; i++) {
        if (!c[i].used)
            continue;
        int64_t key[3];
        grain_keys(c[i].day, key);
        for (int g = 0; g < 3; g++) {
            add_delta(
                &count_at(&cg[g], c[i].office_id, c[i].service_id, key[g])->d,
                &c[i].d);
            if (c[i].service_id != 0)
                add_delta(&count_at(&cg[g], c[i].office_id, 0, key[g])->d,
                          &c[i].d);
        }
        rep->day_rows++;
    }
    const struct proc_cell *p = procs->items;
    for (size_t i = 0; i < procs->cap; i++) {
        if (!p[i].used)
            continue;
        int64_t key[3];
        grain_keys(p[i].day, key);
        for (int g = 0; g < 3; g++)
            proc_at(&pg[g], p[i].office_id, p[i].service_id, key[g], p[i].value)
                ->n += p[i].n;
        rep->proc_rows++;
    }
    enum err rc = ERR_OK;
    for (int g = 0; g < 3; g++) {
        struct arena *a = arena_new();
        struct perf_count_row *cr = arena_alloc(a, (cg[g].n + 1) * sizeof(*cr));
        size_t k = 0;
        const struct count_cell *x = cg[g].items;
        for (size_t i = 0; i < cg[g].cap; i++)
            if (x[i].used)
                cr[k++] = (struct perf_count_row){
                    x[i].office_id, x[i].service_id,
                    grain_text(a, (enum perf_grain)g, x[i].day), x[i].d};
        if (rc == ERR_OK)
            rc = perf_insert_counts(db, (enum perf_grain)g, cr, k);
        struct perf_proc_row *pr = arena_alloc(a, (pg[g].n + 1) * sizeof(*pr));
        k = 0;
        const struct proc_cell *y = pg[g].items;
        for (size_t i = 0; i < pg[g].cap; i++)
            if (y[i].used)
                pr[k++] = (struct perf_proc_row){
                    y[i].office_id, y[i].service_id,
                    grain_text(a, (enum perf_grain)g, y[i].day), y[i].value,
                    y[i].n};
        if (rc == ERR_OK)
            rc = perf_insert_procs(db, (enum perf_grain)g, pr, k);
        arena_free(a);
        free(cg[g].items);
        free(pg[g].items);
    }
    return rc;
}

enum err perf_rebuild(struct db *db, struct perf_rebuild_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    struct arena *a = arena_new();
    struct cells counts = {0};
    struct cells procs = {0};
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct office_filter f = {.level = -1};
    struct perf_raw_unit *units = NULL;
    size_t n_units = 0;
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = perf_clear(db);
    if (rc == ERR_OK)
        rc = offices_list(db, a, &f, &offices, &n_offices);
    if (rc == ERR_OK)
        rc = perf_raw_units(db, a, &units, &n_units);
    struct office_cal *cals = arena_alloc(a, (n_offices + 1) * sizeof(*cals));
    for (size_t i = 0; rc == ERR_OK && i < n_offices; i++) {
        cals[i].id = offices[i].id;
        rc = workcal_load(db, a, &offices[i], &cals[i].cal);
        cals[i].day_minutes = measure_day_minutes(&offices[i].hours);
    }
    int64_t after = 0;
    while (rc == ERR_OK) {
        struct arena *b = arena_new();
        struct perf_raw_app *apps = NULL;
        size_t n_apps = 0;
        rc = perf_raw_apps(db, b, after, BATCH, &apps, &n_apps);
        if (rc != ERR_OK || n_apps == 0) {
            arena_free(b);
            break;
        }
        struct perf_raw_event *ev = NULL;
        size_t n_ev = 0;
        rc =
            perf_raw_events(db, b, apps[0].id, apps[n_apps - 1].id, &ev, &n_ev);
        size_t k = 0;
        for (size_t i = 0; rc == ERR_OK && i < n_apps; i++) {
            while (k < n_ev && ev[k].application_id < apps[i].id)
                k++;
            size_t start = k;
            while (k < n_ev && ev[k].application_id == apps[i].id)
                k++;
            const struct office_cal *oc =
                cal_of(cals, n_offices, apps[i].office_id);
            if (!oc)
                continue; /* an office that is gone: nothing to count */
            rc = one_app(db, &apps[i], &ev[start], k - start, oc,
                         minutes_of(units, n_units, apps[i].service_id,
                                    apps[i].service_version),
                         &counts, &procs);
        }
        rep->applications += (int64_t)n_apps;
        rep->events += (int64_t)n_ev;
        after = apps[n_apps - 1].id;
        arena_free(b);
    }
    if (rc == ERR_OK)
        rc = write_out(db, &counts, &procs, rep);
    rc = db_tx_end(db, rc);
    if (rc == ERR_OK)
        rc = perf_tidy(db);
    free(counts.items);
    free(procs.items);
    arena_free(a);
    return rc;
}
