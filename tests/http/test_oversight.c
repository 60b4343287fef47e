/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_oversight.c: GET /api/v1/reports/performance against a naive
 * recomputation of every measure (docs/MEASURES.md) from the raw rows of a
 * generated regency.
 *
 * The benchmark's generator (bench/gen.c, built as sp_gen; its path in
 * $SP_GEN) fills a fresh `satupintu init` database with a few thousand
 * applications and their histories over the working days of 2026 up to
 * now; `satupintu measures rebuild` computes the aggregates. Complaints
 * are added with histories at explicit instants through the complaint
 * services (and a few through Open311 with an API key, verified and
 * answered now), paper questionnaires through POST /api/v1/surveys/import.
 *
 * The naive side reads applications, application_events, complaints,
 * complaint_events, surveys, service_versions and every office's calendar
 * (store/workcal.h, core/calendar.h) and decides each measure for each
 * application, complaint and questionnaire by the definitions of
 * MEASURES.md, aggregates by period and scope and takes percentiles from a
 * sorted plain array. (The IKM arithmetic and the sample target are
 * core/skm.c's, tested in tests/unit/test_skm.c: what is recomputed here
 * is which questionnaires and service users count.) Every number of the
 * answer is compared exactly, for several periods and scopes, and for the
 * previous period. The periods come from the data, never from today's
 * date; "overdue now" is compared at an instant the naive side brackets
 * (asked again if a promise fell due during the request).
 *
 * Then who may ask, the validation of the query, and that the answer
 * holds no personal data.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "core/calendar.h"
#include "core/complaint.h"
#include "core/office.h"
#include "core/skm.h"
#include "client.h"
#include "store/applications.h"
#include "store/catalogue.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "store/workcal.h"
#include "svc/applications.h"
#include "svc/complaints.h"
#include "test.h"

#define OFFSET_MIN 420 /* the regency's zone: WIB */
#define MAX_RETURNS 8

static struct server srv;
static struct db *db;
static struct arena *A;
static char key_sekda[64], key_bupati[64], key_admin[64], key_head[64],
    key_front[64];

/* ---- the raw rows ------------------------------------------------------ */

struct n_office {
    int64_t id;
    const char *code;
    char district[16]; /* "35.10.09" of its region, or "" */
    bool point;        /* a service point */
    struct office o;
    struct calendar cal;
    int64_t day_minutes; /* its working day */
};

struct n_service {
    int64_t id;
    const char *code;
    bool minutes; /* its current standard counts working minutes */
};

struct n_unit {
    int64_t service_id;
    int version;
    bool minutes;
};

struct n_app {
    int64_t id, office_id, service_id;
    int version;
    int64_t submitted, received_day;
    int64_t return_days[MAX_RETURNS];
    int n_returns;
    bool completed, on_time, rejected;
    int64_t completed_day;
    bool minutes;      /* measured in working minutes */
    int64_t proc;      /* minutes, or tenths of working days */
    const char *state; /* after the last event */
    int64_t promise;   /* as it stands after the last event */
};

struct n_complaint {
    int64_t office_id;
    int64_t received_day;
    bool verified_in_time, answered_in_time, escalated, open;
};

struct n_survey {
    int64_t office_id, service_id; /* service 0: none */
    bool counted;
    int64_t day;
    int scores[SKM_ELEMENTS];
};

static struct n_office *offs;
static size_t n_offs;
static struct n_service *svcs;
static size_t n_svcs;
static struct n_unit *units;
static size_t n_units;
static struct n_app *apps;
static size_t n_apps;
static struct n_complaint *cmps;
static size_t n_cmps;
static struct n_survey *survs;
static size_t n_survs;

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The local date (days since 1970) of instant t at offset minutes. */
static int64_t local_day(int64_t t, int offset_min)
{
    return floor_div(t + (int64_t)offset_min * 60, 86400);
}

static int64_t day_of(const char *ymd)
{
    struct civil_date d;
    if (!civil_parse_date(ymd, &d))
        return -1;
    return civil_to_days(d);
}

static const char *fmt_day(int64_t day)
{
    char *s = arena_alloc(A, 16);
    civil_format_date(civil_from_days(day), s);
    return s;
}

static struct n_office *office_by_id(int64_t id)
{
    for (size_t i = 0; i < n_offs; i++)
        if (offs[i].id == id)
            return &offs[i];
    return NULL;
}

static struct n_office *office_by_code(const char *code)
{
    for (size_t i = 0; i < n_offs; i++)
        if (strcmp(offs[i].code, code) == 0)
            return &offs[i];
    return NULL;
}

static struct n_service *service_by_id(int64_t id)
{
    for (size_t i = 0; i < n_svcs; i++)
        if (svcs[i].id == id)
            return &svcs[i];
    return NULL;
}

static struct n_service *service_by_code(const char *code)
{
    for (size_t i = 0; i < n_svcs; i++)
        if (strcmp(svcs[i].code, code) == 0)
            return &svcs[i];
    return NULL;
}

static bool unit_minutes(int64_t service_id, int version)
{
    for (size_t i = 0; i < n_units; i++)
        if (units[i].service_id == service_id && units[i].version == version)
            return units[i].minutes;
    CHECK(!"a service version without a unit");
    return false;
}

static bool is_open_state(const char *s)
{
    return strcmp(s, "received") == 0 || strcmp(s, "verified") == 0 ||
           strcmp(s, "in_process") == 0 || strcmp(s, "signed") == 0;
}

static void *grow(void *items, size_t n, size_t *cap, size_t size)
{
    return arena_grow(A, items, n, cap, size);
}

static void load_offices_and_services(void)
{
    struct office *list = NULL;
    size_t n = 0;
    struct office_filter f = {.level = -1};
    CHECK_INT(offices_list(db, A, &f, &list, &n), ERR_OK);
    offs = arena_alloc(A, (n + 1) * sizeof(*offs));
    n_offs = n;
    for (size_t i = 0; i < n; i++) {
        struct n_office *o = &offs[i];
        o->o = list[i];
        o->id = list[i].id;
        o->code = list[i].code;
        snprintf(o->district, sizeof(o->district), "%.8s",
                 list[i].region_code ? list[i].region_code : "");
        o->point = list[i].service_point_since != NULL;
        CHECK_INT(workcal_load(db, A, &list[i], &o->cal), ERR_OK);
        /* The working day: weekly opening minutes over the open weekdays,
         * rounded half up. */
        int64_t minutes = 0, days = 0;
        for (int wd = 0; wd < 7; wd++)
            if (list[i].hours.open[wd] >= 0 &&
                list[i].hours.close[wd] > list[i].hours.open[wd]) {
                minutes += list[i].hours.close[wd] - list[i].hours.open[wd];
                days++;
            }
        o->day_minutes = days ? (2 * minutes + days) / (2 * days) : 0;
    }
    struct service_def *defs = NULL;
    struct service_filter sf = {.level = -1, .include_inactive = true};
    CHECK_INT(catalogue_list(db, A, &sf, &defs, &n), ERR_OK);
    svcs = arena_alloc(A, (n + 1) * sizeof(*svcs));
    n_svcs = n;
    for (size_t i = 0; i < n; i++) {
        svcs[i].code = defs[i].code;
        svcs[i].minutes = defs[i].time_unit == TIME_WORKING_MINUTES;
        CHECK_INT(catalogue_service_id(db, defs[i].code, &svcs[i].id), ERR_OK);
    }
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT service_id, version, time_unit FROM"
                       " service_versions WHERE id > $1",
                       DV_INT(0)),
              ERR_OK);
    size_t cap = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        units = grow(units, n_units, &cap, sizeof(*units));
        units[n_units].service_id = db_col_int(st, 0);
        units[n_units].version = (int)db_col_int(st, 1);
        units[n_units].minutes =
            strcmp(db_col_text(st, 2), "working_minutes") == 0;
        n_units++;
    }
    db_finalize(st);
}

/*
 * Every application, decided from its events by MEASURES.md: received on
 * the local date of its submission; a return on the date of each return;
 * completed at the first event that made it ready or rejected, on time
 * when that is no later than the promise standing then (the submission's,
 * moved by each resumption) or when it was rejected while returned; the
 * processing time the working minutes from submission to completion less
 * those spent returned.
 */
static void load_applications(void)
{
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT id, office_id, service_id, service_version,"
                       " submitted_at FROM applications WHERE id > $1"
                       " ORDER BY id",
                       DV_INT(0)),
              ERR_OK);
    size_t cap = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        apps = grow(apps, n_apps, &cap, sizeof(*apps));
        struct n_app *a = &apps[n_apps++];
        memset(a, 0, sizeof(*a));
        a->id = db_col_int(st, 0);
        a->office_id = db_col_int(st, 1);
        a->service_id = db_col_int(st, 2);
        a->version = (int)db_col_int(st, 3);
        a->submitted = db_col_int(st, 4);
    }
    db_finalize(st);
    CHECK_INT(db_query(db, &st,
                       "SELECT application_id, at, action, state_after,"
                       " COALESCE(promised_at, 0) FROM application_events"
                       " WHERE id > $1 ORDER BY application_id, id",
                       DV_INT(0)),
              ERR_OK);
    size_t k = 0;
    /* Per application: where its walk stands. */
    bool returned = false;
    int64_t returned_at = 0, paused = 0;
    int64_t current = -1;
    while (st && db_step(st, &row) == ERR_OK && row) {
        int64_t app_id = db_col_int(st, 0);
        while (k < n_apps && apps[k].id < app_id)
            k++;
        if (k == n_apps || apps[k].id != app_id) {
            CHECK(!"an event without its application");
            continue;
        }
        struct n_app *a = &apps[k];
        const struct n_office *o = office_by_id(a->office_id);
        if (!o) {
            CHECK(!"an application at an unknown office");
            continue;
        }
        if (current != app_id) {
            current = app_id;
            returned = false;
            returned_at = paused = 0;
            a->received_day = local_day(a->submitted, o->o.utc_offset_min);
            a->minutes = unit_minutes(a->service_id, a->version);
        }
        int64_t at = db_col_int(st, 1);
        const char *action = db_col_text(st, 2);
        const char *after = arena_strdup(A, db_col_text(st, 3));
        int64_t promised = db_col_int(st, 4);
        if (promised)
            a->promise = promised;
        if (strcmp(action, "return") == 0) {
            CHECK(a->n_returns < MAX_RETURNS);
            if (a->n_returns < MAX_RETURNS)
                a->return_days[a->n_returns++] =
                    local_day(at, o->o.utc_offset_min);
        }
        bool now_returned = strcmp(after, "returned") == 0;
        bool prov = false;
        if (returned && !now_returned)
            paused +=
                cal_working_minutes_between(&o->cal, returned_at, at, &prov);
        if (!returned && now_returned)
            returned_at = at;
        if (!a->completed &&
            (strcmp(after, "ready") == 0 || strcmp(after, "rejected") == 0)) {
            a->completed = true;
            a->completed_day = local_day(at, o->o.utc_offset_min);
            a->on_time = returned || at <= a->promise;
            a->rejected = strcmp(after, "rejected") == 0;
            int64_t m =
                cal_working_minutes_between(&o->cal, a->submitted, at, &prov) -
                paused;
            if (m < 0)
                m = 0;
            a->proc = a->minutes
                          ? m
                          : (20 * m + o->day_minutes) / (2 * o->day_minutes);
        }
        returned = now_returned;
        a->state = after;
    }
    db_finalize(st);
    for (size_t i = 0; i < n_apps; i++)
        CHECK(apps[i].state != NULL);
}

/*
 * Complaints: received on the local date of received_at (noon of the slip's
 * date for paper); verified in time when the first verification came no
 * later than 3 working days after receipt; answered in time when the first
 * answer came no later than 5 working days after the verification;
 * escalated when it went to the Sekda's list; open unless closed or
 * rejected.
 */
static void load_complaints(void)
{
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT c.id, c.office_id, c.received_at, c.state,"
                       " CASE WHEN c.escalated_at IS NULL THEN 0 ELSE 1 END,"
                       " COALESCE((SELECT MIN(e.at) FROM complaint_events e"
                       " WHERE e.complaint_id = c.id AND e.action = 'verify'),"
                       " 0), COALESCE((SELECT MIN(e.at) FROM complaint_events"
                       " e WHERE e.complaint_id = c.id AND e.action ="
                       " 'answer'), 0) FROM complaints c WHERE c.id > $1",
                       DV_INT(0)),
              ERR_OK);
    size_t cap = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        cmps = grow(cmps, n_cmps, &cap, sizeof(*cmps));
        struct n_complaint *c = &cmps[n_cmps++];
        memset(c, 0, sizeof(*c));
        c->office_id = db_col_int(st, 1);
        int64_t received = db_col_int(st, 2);
        const char *state = db_col_text(st, 3);
        c->escalated = db_col_int(st, 4) == 1;
        int64_t verified = db_col_int(st, 5), answered = db_col_int(st, 6);
        c->received_day = local_day(received, OFFSET_MIN);
        c->open =
            strcmp(state, "closed") != 0 && strcmp(state, "rejected") != 0;
        const struct n_office *o = office_by_id(c->office_id);
        CHECK(o != NULL);
        if (!o)
            continue;
        struct deadline vd = cal_add_working_days(&o->cal, received, 3);
        c->verified_in_time = verified && vd.ok && verified <= vd.at;
        if (verified && answered) {
            struct deadline ad = cal_add_working_days(&o->cal, verified, 5);
            c->answered_in_time = ad.ok && answered <= ad.at;
        }
    }
    db_finalize(st);
}

/* Questionnaires: those of the three doors that count, by their day. */
static void load_surveys(void)
{
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT office_id, COALESCE(service_id, 0), channel,"
                       " answered_day, u1, u2, u3, u4, u5, u6, u7, u8, u9"
                       " FROM surveys WHERE id > $1",
                       DV_INT(0)),
              ERR_OK);
    size_t cap = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        survs = grow(survs, n_survs, &cap, sizeof(*survs));
        struct n_survey *s = &survs[n_survs++];
        memset(s, 0, sizeof(*s));
        s->office_id = db_col_int(st, 0);
        s->service_id = db_col_int(st, 1);
        const char *ch = db_col_text(st, 2);
        s->counted = strcmp(ch, "receipt") == 0 || strcmp(ch, "kiosk") == 0 ||
                     strcmp(ch, "paper") == 0;
        s->day = day_of(db_col_text(st, 3));
        for (int e = 0; e < SKM_ELEMENTS; e++)
            s->scores[e] =
                db_col_is_null(st, 4 + e) ? 0 : (int)db_col_int(st, 4 + e);
    }
    db_finalize(st);
}

/* ---- the naive report -------------------------------------------------- */

struct nq {
    const char *label;
    const char *period, *from, *to; /* as asked */
    const char *office, *district, *service;
    bool by_service;
    int64_t min_completed; /* -1: not given (the setting, 20) */
};

struct nm {
    int64_t received, completed, on_time, rejected, returned;
    int64_t *vals; /* processing values */
    size_t n_vals, cap_vals;
    bool minutes; /* the unit reported */
    int64_t overdue, oldest_promise;
    int64_t late; /* working days late of the oldest (the most, of several
                     offices) */
    int64_t c_received, c_verified, c_answered, c_escalated, c_open;
    struct skm_totals ikm;
};

struct nitem {
    int64_t id;
    const char *code;
    struct nm now, prev;
    int rank;
};

struct nres {
    int64_t from, to, prev_from, prev_to; /* days */
    struct nm total, total_prev;
    struct nitem *items;
    size_t n_items;
    int64_t min_completed;
};

/* The period asked for, by the table of MEASURES.md. */
static void naive_period(const struct nq *q, struct nres *r)
{
    if (q->from) {
        r->from = day_of(q->from);
        r->to = day_of(q->to);
        int64_t len = r->to - r->from + 1;
        r->prev_from = r->from - len;
        r->prev_to = r->from - 1;
        return;
    }
    int y = atoi(q->period);
    int m1 = 1, months = 12;
    if (strlen(q->period) == 7 && q->period[5] == 'Q') {
        months = 3;
        m1 = 3 * (q->period[6] - '0') - 2;
    } else if (strlen(q->period) == 7 && q->period[5] == 'S') {
        months = 6;
        m1 = 6 * (q->period[6] - '0') - 5;
    } else if (strlen(q->period) == 7) {
        months = 1;
        m1 = atoi(q->period + 5);
    }
    int m2 = m1 + months - 1;
    r->from = civil_to_days((struct civil_date){y, m1, 1});
    r->to =
        civil_to_days((struct civil_date){y, m2, civil_days_in_month(y, m2)});
    int py = y, pm1 = m1 - months;
    if (pm1 < 1) {
        pm1 += 12;
        py--;
    }
    int pm2 = pm1 + months - 1;
    r->prev_from = civil_to_days((struct civil_date){py, pm1, 1});
    r->prev_to = civil_to_days(
        (struct civil_date){py, pm2, civil_days_in_month(py, pm2)});
}

static void add_val(struct nm *m, int64_t v)
{
    m->vals = grow(m->vals, m->n_vals, &m->cap_vals, sizeof(int64_t));
    m->vals[m->n_vals++] = v;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Nearest rank: the value at rank ceil(p/100 x N) of the sorted values. */
static int64_t percentile(struct nm *m, int p)
{
    qsort(m->vals, m->n_vals, sizeof(int64_t), cmp_i64);
    size_t rank = ((size_t)p * m->n_vals + 99) / 100;
    return m->vals[rank - 1];
}

static struct nitem *nitem_of(struct nres *r, int64_t id)
{
    for (size_t i = 0; i < r->n_items; i++)
        if (r->items[i].id == id)
            return &r->items[i];
    return NULL;
}

/* The scope's offices: one, a district's, or all. */
static bool office_in(const struct nq *q, const struct n_office *o)
{
    if (q->office && strcmp(o->code, q->office) != 0)
        return false;
    if (q->district && strcmp(o->district, q->district) != 0)
        return false;
    return true;
}

/* Everything that depends on the period: [from, to] into now or prev. */
static void naive_measures(const struct nq *q, struct nres *r, int64_t from,
                           int64_t to, bool prev)
{
    const struct n_service *only =
        q->service ? service_by_code(q->service) : NULL;
    struct nm *total = prev ? &r->total_prev : &r->total;
    for (size_t i = 0; i < n_apps; i++) {
        const struct n_app *a = &apps[i];
        const struct n_office *o = office_by_id(a->office_id);
        if (!o || !office_in(q, o) || (only && a->service_id != only->id))
            continue;
        struct nitem *it =
            nitem_of(r, q->by_service ? a->service_id : a->office_id);
        struct nm *m = it ? (prev ? &it->prev : &it->now) : NULL;
        struct nm *both[2] = {total, m};
        for (int b = 0; b < 2; b++) {
            struct nm *x = both[b];
            if (!x)
                continue;
            x->received += a->received_day >= from && a->received_day <= to;
            for (int k = 0; k < a->n_returns; k++)
                x->returned +=
                    a->return_days[k] >= from && a->return_days[k] <= to;
            if (a->completed && a->completed_day >= from &&
                a->completed_day <= to) {
                x->completed++;
                x->on_time += a->on_time;
                x->rejected += a->rejected;
                /* The processing values: a service's own in its unit; an
                 * office, district or regency (and the total of one
                 * office's services) its working-day services. */
                bool own = q->service || (q->by_service && b == 1);
                if (own || !a->minutes)
                    add_val(x, a->proc);
            }
        }
    }
    /* Complaints (about offices: none per service). */
    for (size_t i = 0; i < n_cmps; i++) {
        const struct n_complaint *c = &cmps[i];
        const struct n_office *o = office_by_id(c->office_id);
        if (!o || !office_in(q, o) || c->received_day < from ||
            c->received_day > to)
            continue;
        struct nitem *it = q->by_service ? NULL : nitem_of(r, c->office_id);
        struct nm *both[2] = {total, it ? (prev ? &it->prev : &it->now) : NULL};
        for (int b = 0; b < 2; b++)
            if (both[b]) {
                both[b]->c_received++;
                both[b]->c_verified += c->verified_in_time;
                both[b]->c_answered += c->answered_in_time;
                both[b]->c_escalated += c->escalated;
            }
    }
    /* Questionnaires. */
    for (size_t i = 0; i < n_survs; i++) {
        const struct n_survey *s = &survs[i];
        const struct n_office *o = office_by_id(s->office_id);
        if (!s->counted || !o || !office_in(q, o) ||
            (only && s->service_id != only->id) || s->day < from || s->day > to)
            continue;
        struct nitem *it =
            q->by_service ? (s->service_id ? nitem_of(r, s->service_id) : NULL)
                          : nitem_of(r, s->office_id);
        struct nm *both[2] = {total, it ? (prev ? &it->prev : &it->now) : NULL};
        for (int b = 0; b < 2; b++)
            if (both[b])
                skm_add(&both[b]->ikm, s->scores);
    }
}

/* Overdue now at instant now: open (received .. signed) past its promise. */
static void naive_overdue(const struct nq *q, struct nres *r, int64_t now)
{
    const struct n_service *only =
        q->service ? service_by_code(q->service) : NULL;
    for (size_t i = 0; i < n_apps; i++) {
        const struct n_app *a = &apps[i];
        const struct n_office *o = office_by_id(a->office_id);
        if (!o || !office_in(q, o) || (only && a->service_id != only->id) ||
            !is_open_state(a->state) || a->promise >= now)
            continue;
        struct nitem *it =
            nitem_of(r, q->by_service ? a->service_id : a->office_id);
        int64_t late = cal_working_days_late(&o->cal, a->promise, now);
        struct nm *both[2] = {&r->total, it ? &it->now : NULL};
        for (int b = 0; b < 2; b++) {
            struct nm *x = both[b];
            if (!x)
                continue;
            if (!x->overdue || a->promise < x->oldest_promise) {
                x->oldest_promise = a->promise;
                if (b == 1) /* one office: the oldest's */
                    x->late = late;
            }
            if (b == 0 && late > x->late) /* the most of all offices */
                x->late = late;
            x->overdue++;
        }
    }
    /* Open complaints now, whenever received. */
    for (size_t i = 0; i < n_cmps; i++) {
        const struct n_office *o = office_by_id(cmps[i].office_id);
        if (!cmps[i].open || !o || !office_in(q, o))
            continue;
        r->total.c_open++;
        struct nitem *it = q->by_service ? NULL : nitem_of(r, o->id);
        if (it)
            it->now.c_open++;
    }
}

/* The items: the scope's service points, or one office's services. */
static void naive_items(const struct nq *q, struct nres *r)
{
    r->items = arena_alloc(A, (n_offs + n_svcs + 1) * sizeof(*r->items));
    if (q->by_service) {
        const struct n_office *o = office_by_code(q->office);
        struct service_def *defs = NULL;
        size_t n = 0;
        struct service_filter sf = {.level = -1, .include_inactive = true};
        CHECK_INT(catalogue_list(db, A, &sf, &defs, &n), ERR_OK);
        for (size_t i = 0; o && i < n; i++) {
            if (!office_accepts(&o->o, &defs[i]))
                continue;
            const struct n_service *s = service_by_code(defs[i].code);
            struct nitem *it = &r->items[r->n_items++];
            memset(it, 0, sizeof(*it));
            it->id = s->id;
            it->code = s->code;
            it->now.minutes = it->prev.minutes = s->minutes;
        }
        return;
    }
    const struct n_service *only =
        q->service ? service_by_code(q->service) : NULL;
    for (size_t i = 0; i < n_offs; i++) {
        if (!offs[i].point || !office_in(q, &offs[i]))
            continue;
        struct nitem *it = &r->items[r->n_items++];
        memset(it, 0, sizeof(*it));
        it->id = offs[i].id;
        it->code = offs[i].code;
        it->now.minutes = it->prev.minutes = only && only->minutes;
    }
}

/* Rank by on-time rate (cross-multiplied), more completed, then code. */
static int rank_before(const struct nitem *a, const struct nitem *b)
{
    int64_t l = a->now.on_time * b->now.completed;
    int64_t rr = b->now.on_time * a->now.completed;
    if (l != rr)
        return l > rr;
    if (a->now.completed != b->now.completed)
        return a->now.completed > b->now.completed;
    return strcmp(a->code, b->code) < 0;
}

static void naive_rank(struct nres *r)
{
    int next = 1;
    for (;;) {
        struct nitem *best = NULL;
        for (size_t i = 0; i < r->n_items; i++) {
            struct nitem *it = &r->items[i];
            if (it->rank || it->now.completed == 0 ||
                it->now.completed < r->min_completed)
                continue;
            if (!best || rank_before(it, best))
                best = it;
        }
        if (!best)
            return;
        best->rank = next++;
    }
}

static void naive_report(const struct nq *q, int64_t now, struct nres *r)
{
    memset(r, 0, sizeof(*r));
    naive_period(q, r);
    r->min_completed = q->min_completed >= 0 ? q->min_completed : 20;
    naive_items(q, r);
    const struct n_service *only =
        q->service ? service_by_code(q->service) : NULL;
    r->total.minutes = r->total_prev.minutes =
        only && only->minutes && !q->by_service;
    naive_measures(q, r, r->from, r->to, false);
    naive_measures(q, r, r->prev_from, r->prev_to, true);
    naive_overdue(q, r, now);
    if (!q->by_service)
        naive_rank(r);
}

/* ---- comparing --------------------------------------------------------- */

static const char *where_now; /* the query, for messages */

static void fail_at(const char *path, const char *what, const char *got,
                    const char *want)
{
    fprintf(stderr, "%s: %s: %s %s: got %s, expected %s\n", test_current,
            where_now, path, what, got, want);
    test_checks_failed++;
}

static void cmp_int(json_t *obj, const char *path, const char *name,
                    int64_t want)
{
    json_t *v = json_object_get(obj, name);
    if (!json_is_integer(v) || json_integer_value(v) != want) {
        char got[64], exp[64];
        char *text = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
        snprintf(got, sizeof(got), "%s", text ? text : "(missing)");
        free(text);
        snprintf(exp, sizeof(exp), "%lld", (long long)want);
        fail_at(path, name, got, exp);
    }
}

/* A number with one (tenths) or two (hundredths) decimals, or null when
 * !has: the JSON real must be exactly the double nearest to it. */
static void cmp_fixed(json_t *obj, const char *path, const char *name, bool has,
                      int64_t scaled, double scale)
{
    json_t *v = json_object_get(obj, name);
    bool ok =
        has ? json_is_real(v) && json_real_value(v) == (double)scaled / scale
            : json_is_null(v);
    if (!ok) {
        char got[64], exp[64];
        char *text = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
        snprintf(got, sizeof(got), "%s", text ? text : "(missing)");
        free(text);
        if (has)
            snprintf(exp, sizeof(exp), "%lld / %.0f", (long long)scaled, scale);
        else
            snprintf(exp, sizeof(exp), "null");
        fail_at(path, name, got, exp);
    }
}

static void cmp_measures(json_t *j, struct nm *m, bool snapshot,
                         const char *path)
{
    if (!json_is_object(j)) {
        fail_at(path, "object", "(missing)", "an object");
        return;
    }
    cmp_int(j, path, "received", m->received);
    cmp_int(j, path, "completed", m->completed);
    cmp_int(j, path, "completed_on_time", m->on_time);
    cmp_int(j, path, "rejected", m->rejected);
    cmp_int(j, path, "returned", m->returned);
    /* on_time_pct: tenths, rounded half up. */
    int64_t pct = m->completed
                      ? (2000 * m->on_time + m->completed) / (2 * m->completed)
                      : 0;
    cmp_fixed(j, path, "on_time_pct", m->completed > 0, pct, 10.0);
    json_t *p = json_object_get(j, "processing");
    char sub[256];
    snprintf(sub, sizeof(sub), "%s.processing", path);
    const char *unit = json_string_value(json_object_get(p, "unit"));
    const char *want_unit = m->minutes ? "working_minutes" : "working_days";
    if (!unit || strcmp(unit, want_unit) != 0)
        fail_at(sub, "unit", unit ? unit : "(missing)", want_unit);
    if (m->n_vals == 0) {
        cmp_fixed(p, sub, "median", false, 0, 1);
        cmp_fixed(p, sub, "p90", false, 0, 1);
    } else if (m->minutes) {
        cmp_int(p, sub, "median", percentile(m, 50));
        cmp_int(p, sub, "p90", percentile(m, 90));
    } else {
        cmp_fixed(p, sub, "median", true, percentile(m, 50), 10.0);
        cmp_fixed(p, sub, "p90", true, percentile(m, 90), 10.0);
    }
    json_t *c = json_object_get(j, "complaints");
    snprintf(sub, sizeof(sub), "%s.complaints", path);
    cmp_int(c, sub, "received", m->c_received);
    cmp_int(c, sub, "verified_in_time", m->c_verified);
    cmp_int(c, sub, "answered_in_time", m->c_answered);
    cmp_int(c, sub, "escalated", m->c_escalated);
    if (snapshot) {
        cmp_int(c, sub, "open", m->c_open);
        cmp_int(j, path, "overdue_now", m->overdue);
    } else if (json_object_get(j, "overdue_now") ||
               json_object_get(c, "open")) {
        fail_at(path, "snapshot", "present", "absent in a previous period");
    }
    json_t *k = json_object_get(j, "ikm");
    snprintf(sub, sizeof(sub), "%s.ikm", path);
    struct skm_result res;
    skm_compute(&m->ikm, &res);
    cmp_fixed(k, sub, "value", res.has_ikm, res.ikm_x100, 100.0);
    json_t *g = json_object_get(k, "grade");
    char want_grade[2] = {res.grade, 0};
    if (res.has_ikm ? !json_is_string(g) ||
                          strcmp(json_string_value(g), want_grade) != 0
                    : !json_is_null(g))
        fail_at(sub, "grade", json_is_string(g) ? json_string_value(g) : "?",
                res.has_ikm ? want_grade : "null");
    cmp_int(k, sub, "respondents", m->ikm.respondents);
    cmp_int(k, sub, "target_sample", skm_sample_target(m->completed));
}

/* The oldest overdue one's working days late (null when none). */
static void cmp_oldest(json_t *j, const struct nm *m, const char *path)
{
    json_t *v = json_object_get(j, "overdue_oldest_days_late");
    if (!m->overdue) {
        if (!json_is_null(v))
            fail_at(path, "overdue_oldest_days_late", "a value", "null");
        return;
    }
    cmp_int(j, path, "overdue_oldest_days_late", m->late);
}

static void cmp_period_text(json_t *j, const char *path, const char *name,
                            int64_t day)
{
    const char *got = json_string_value(json_object_get(j, name));
    const char *want = fmt_day(day);
    if (!got || strcmp(got, want) != 0)
        fail_at(path, name, got ? got : "(missing)", want);
}

/* The whole answer against the naive report at instant now. */
static void compare(json_t *j, struct nres *r, const struct nq *q)
{
    cmp_period_text(j, "", "from", r->from);
    cmp_period_text(j, "", "to", r->to);
    cmp_int(j, "", "min_completed", r->min_completed);
    json_t *reg = json_object_get(j, "regency");
    cmp_measures(reg, &r->total, true, "regency");
    cmp_oldest(reg, &r->total, "regency");
    json_t *prev = json_object_get(reg, "previous");
    cmp_measures(prev, &r->total_prev, false, "regency.previous");
    cmp_period_text(prev, "regency.previous", "from", r->prev_from);
    cmp_period_text(prev, "regency.previous", "to", r->prev_to);
    json_t *items = json_object_get(j, "items");
    if (json_array_size(items) != r->n_items) {
        char got[32], want[32];
        snprintf(got, sizeof(got), "%zu", json_array_size(items));
        snprintf(want, sizeof(want), "%zu", r->n_items);
        fail_at("items", "count", got, want);
    }
    const char *key = q->by_service ? "service" : "office";
    int last_rank = 0;
    const char *last_unranked = NULL;
    size_t i;
    json_t *o;
    json_array_foreach(items, i, o)
    {
        const char *code = json_string_value(json_object_get(o, key));
        struct nitem *it = NULL;
        for (size_t k = 0; code && k < r->n_items; k++)
            if (strcmp(r->items[k].code, code) == 0)
                it = &r->items[k];
        char path[128];
        snprintf(path, sizeof(path), "items[%s]", code ? code : "?");
        if (!it) {
            fail_at(path, key, code ? code : "(missing)", "a naive item");
            continue;
        }
        cmp_measures(o, &it->now, true, path);
        cmp_oldest(o, &it->now, path);
        char ppath[160];
        snprintf(ppath, sizeof(ppath), "%s.previous", path);
        cmp_measures(json_object_get(o, "previous"), &it->prev, false, ppath);
        if (q->by_service) {
            if (json_object_get(o, "rank"))
                fail_at(path, "rank", "present", "absent by service");
            continue;
        }
        json_t *rank = json_object_get(o, "rank");
        if (it->rank) {
            cmp_int(o, path, "rank", it->rank);
            if (json_object_get(o, "not_ranked"))
                fail_at(path, "not_ranked", "present", "absent");
            /* Ranked items come first, in rank order. */
            if (last_unranked || it->rank != last_rank + 1)
                fail_at(path, "order", "out of rank order", "ranked first");
            last_rank = it->rank;
        } else {
            if (!json_is_null(rank))
                fail_at(path, "rank", "a rank", "null");
            if (!json_is_string(json_object_get(o, "not_ranked")))
                fail_at(path, "not_ranked", "absent", "the reason");
            if (last_unranked && strcmp(last_unranked, it->code) >= 0)
                fail_at(path, "order", "out of code order", "by code");
            last_unranked = it->code;
        }
    }
}

/* The overdue parts of two naive reports agree (nothing fell due, no
 * midnight passed). */
static bool same_overdue(const struct nres *a, const struct nres *b)
{
    if (a->total.overdue != b->total.overdue || a->total.late != b->total.late)
        return false;
    for (size_t i = 0; i < a->n_items; i++)
        if (a->items[i].now.overdue != b->items[i].now.overdue ||
            a->items[i].now.late != b->items[i].now.late)
            return false;
    return true;
}

/* GET the report for q with the Sekda's key, or with auth (a header). */
static long get_report(const struct nq *q, const char *auth, json_t **out)
{
    char path[512];
    int n = snprintf(path, sizeof(path), "/api/v1/reports/performance?");
    if (q->period)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "period=%s&",
                      q->period);
    if (q->from)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "from=%s&to=%s&",
                      q->from, q->to);
    if (q->office)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "office=%s&",
                      q->office);
    if (q->district)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "district=%s&",
                      q->district);
    if (q->service)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "service=%s&",
                      q->service);
    if (q->by_service)
        n += snprintf(path + n, sizeof(path) - (size_t)n, "by_service=1&");
    if (q->min_completed >= 0)
        snprintf(path + n, sizeof(path) - (size_t)n, "min_completed=%lld",
                 (long long)q->min_completed);
    char header[128];
    snprintf(header, sizeof(header), "Authorization: Bearer %s",
             auth ? auth : key_sekda);
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "GET", path, NULL, NULL, header, &r);
    json_error_t e;
    *out = r.status == 200 ? json_loads(body(&r), 0, &e) : NULL;
    long status = r.status;
    resp_free(&r);
    client_free(c);
    return status;
}

/* Ask, and compare with the naive report at the same instant. */
static void check_query(const struct nq *q)
{
    where_now = q->label;
    for (int attempt = 0; attempt < 5; attempt++) {
        int64_t before = (int64_t)time(NULL);
        struct nres a;
        naive_report(q, before, &a);
        json_t *j = NULL;
        long status = get_report(q, NULL, &j);
        int64_t after = (int64_t)time(NULL);
        if (status != 200 || !j) {
            fprintf(stderr, "%s: %s: status %ld\n", test_current, q->label,
                    status);
            test_checks_failed++;
            return;
        }
        struct nres b;
        naive_report(q, after, &b);
        bool stable = same_overdue(&a, &b);
        if (stable || attempt == 4) {
            CHECK(stable);
            compare(j, &a, q);
            json_decref(j);
            return;
        }
        json_decref(j); /* a promise fell due meanwhile: ask again */
    }
}

/* ---- the data ---------------------------------------------------------- */

static void run_generator(void)
{
    const char *gen = getenv("SP_GEN");
    CHECK(gen && *gen);
    if (!gen || !*gen)
        return;
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "%s --n 4000 --seed 11 %s >/dev/null", gen,
             srv.db_url);
    CHECK_INT(system(cmd), 0);
    const char *rebuild[] = {"measures", "rebuild", NULL};
    CHECK_INT(server_cli(&srv, NULL, rebuild), 0);
}

static void user(const char *login, const char *role, const char *office,
                 char key[64])
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    snprintf(key, 64, "%.51s", buf_cstr(&out));
    buf_free(&out);
}

/* Unix seconds of a WIB wall-clock time. */
static int64_t wib(int y, int mo, int d, int h, int mi)
{
    return civil_to_days((struct civil_date){y, mo, d}) * 86400 +
           (int64_t)h * 3600 + (int64_t)mi * 60 - (int64_t)OFFSET_MIN * 60;
}

static struct svc_ctx ctx_at(int64_t now, const struct principal *who)
{
    struct svc_ctx c = {.db = db,
                        .arena = A,
                        .now = now,
                        .who = who,
                        .addr = "127.0.0.1",
                        .utc_offset_min = OFFSET_MIN};
    return c;
}

static void cact(struct complaint *k, enum complaint_action action, int64_t at,
                 const char *note)
{
    struct principal officer = {.login = "pengaduan.uji",
                                .role = ROLE_COMPLAINT};
    struct svc_ctx c = ctx_at(at, &officer);
    enum complaint_outcome out = CMPO_NOT_ALLOWED;
    CHECK_INT(complaint_act(&c, k, action, CACTOR_STAFF, note, 0, NULL, &out),
              ERR_OK);
    CHECK_INT(out, CMPO_DONE);
}

/* The Sekda's list as the jobs keep it: escalate what is late at t. */
static void escalate_at(int64_t t)
{
    int64_t n = 0;
    CHECK_INT(complaints_escalate(db, t, &n), ERR_OK);
}

/*
 * Complaints with histories in the year of the data: verified in time and
 * answered in time; verified late; answered late; never verified; answered,
 * reopened by the citizen and answered again late (the first answer is
 * measured); rejected. The jobs' escalations at the instants they would
 * have run; finally the jobs of today (escalation, closing answered ones),
 * so that the server's own jobs find nothing more to do.
 */
static void add_complaints(int year)
{
    static const char *const offices[] = {"35.10.09", "35.10.16",
                                          "35.10.16.1001", "35.10.01"};
    for (int i = 0; i < 16; i++) {
        const struct n_office *no = office_by_code(offices[i % 4]);
        CHECK(no != NULL);
        if (!no)
            return;
        /* A working morning in month 1 + i % 10. */
        int month = 1 + i % 10, mday = 5 + i % 3;
        int64_t t = wib(year, month, mday, 9, i);
        struct deadline start = cal_effective_start(&no->cal, t);
        if (start.ok)
            t = start.at + 60 * i;
        struct complaint k = {.office_id = no->id,
                              .category = "waiting_time",
                              .body = "Antrean terlalu lama.",
                              .identity = CID_ANONYMOUS,
                              .channel = i % 5 == 0 ? "paper" : "web",
                              .received_at = t};
        struct svc_ctx c = ctx_at(t, NULL);
        CHECK_INT(complaint_file(&c, &no->o, &k, "citizen", NULL, NULL, 0),
                  ERR_OK);
        /* As the staff pages load it. */
        CHECK_INT(complaints_get(db, A, k.number, &k), ERR_OK);
        int64_t day = 86400;
        switch (i % 6) {
        case 0: /* in time, in time */
            cact(&k, CA_VERIFY, t + 3600, "Diverifikasi");
            cact(&k, CA_ANSWER, t + day, "Loket ditambah.");
            break;
        case 1: /* verified late (escalated first) */
            escalate_at(t + 8 * day);
            cact(&k, CA_VERIFY, t + 8 * day, "Diverifikasi");
            cact(&k, CA_ANSWER, t + 9 * day, "Sudah ditangani.");
            break;
        case 2: /* answered late */
            cact(&k, CA_VERIFY, t + 3600, "Diverifikasi");
            escalate_at(t + 12 * day);
            cact(&k, CA_ANSWER, t + 12 * day, "Maaf terlambat.");
            break;
        case 3: /* never verified: the Sekda's list */
            break;
        case 4: /* answered in time, reopened, answered again late */
            cact(&k, CA_VERIFY, t + 3600, "Diverifikasi");
            cact(&k, CA_ANSWER, t + day, "Jawaban pertama.");
            {
                struct svc_ctx cz = ctx_at(t + 2 * day, NULL);
                enum complaint_outcome out = CMPO_NOT_ALLOWED;
                CHECK_INT(complaint_act(&cz, &k, CA_REPLY, CACTOR_CITIZEN,
                                        "Belum selesai.", 0, NULL, &out),
                          ERR_OK);
                CHECK_INT(out, CMPO_DONE);
            }
            cact(&k, CA_ANSWER, t + 20 * day, "Jawaban kedua.");
            break;
        case 5: /* out of scope */
            cact(&k, CA_REJECT, t + 7200, "Bukan wewenang kantor ini.");
            break;
        }
    }
    int64_t escalated = 0, closed = 0;
    CHECK_INT(complaints_jobs(db, (int64_t)time(NULL), &escalated, &closed),
              ERR_OK);
    CHECK(escalated > 0);
    CHECK(closed > 0);
}

/* Paper questionnaires through the API (an administrator's key), and one
 * walk-in answer stored as the old versions stored it: not counted. */
static void add_surveys(int year, int month)
{
    struct buf csv;
    buf_init(&csv, 1 << 20);
    buf_puts(&csv, "office,service,date,u1,u2,u3,u4,u5,u6,u7,u8,u9,sex,"
                   "age_group,education,occupation,suggestion\n");
    static const char *const offices[] = {
        "35.10.09", "35.10.16", "35.10.16.1001", "35.10.01", "35.10.09"};
    static const char *const services[] = {"SKTM", "LEGALISASI", "", "KK",
                                           "SKTM"};
    for (int i = 0; i < 40; i++) {
        int m = month - 1 + i % 3; /* the month before, the month, after */
        if (m < 1)
            m = 1;
        if (m > 12)
            m = 12;
        int d = 1 + (i * 7) % 28;
        buf_printf(&csv, "%s,%s,%04d-%02d-%02d", offices[i % 5],
                   services[(i / 5) % 5], year, m, d);
        for (int e = 0; e < SKM_ELEMENTS; e++) {
            int score = 1 + (i * 3 + e * 5) % 4;
            if (e == 8 && i % 7 == 0)
                buf_puts(&csv, ","); /* U9 not answered */
            else
                buf_printf(&csv, ",%d", score);
        }
        buf_printf(&csv, ",%s,20-29,sma,swasta,\n", i % 2 ? "L" : "P");
    }
    struct client *c = client_new(&srv);
    struct resp r;
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key_admin);
    client_req(c, "POST", "/api/v1/surveys/import", buf_cstr(&csv), "text/csv",
               auth, &r);
    CHECK_INT(r.status, 201);
    if (r.status != 201)
        fprintf(stderr, "%s\n", body(&r));
    resp_free(&r);
    client_free(c);
    buf_free(&csv);
    struct survey s = {.office_id = office_by_code("35.10.09")->id,
                       .channel = "unverified",
                       .answered_at = wib(year, month, 10, 10, 0),
                       .answered_day =
                           arena_printf(A, "%04d-%02d-10", year, month),
                       .scores = {1, 1, 1, 1, 1, 1, 1, 1, 1},
                       .addr = "10.0.0.1"};
    int64_t id = 0;
    CHECK_INT(surveys_insert(db, &s, &id), ERR_OK);
}

/* Complaints through Open311 now, one verified and one answered now. */
static void add_open311(void)
{
    const char *numbers[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++) {
        char form[512];
        snprintf(form, sizeof(form),
                 "api_key=%s&service_code=waiting_time&attribute%%5Boffice%%5D"
                 "=%s&description=Antrean+lama+%d",
                 key_front, i == 2 ? "35.10.16" : "35.10.09", i);
        struct client *c = client_new(&srv);
        struct resp r;
        client_post(c, "/open311/v2/requests.json", form, &r);
        CHECK_INT(r.status, 200);
        json_error_t e;
        json_t *j = json_loads(body(&r), 0, &e);
        const char *no = json_string_value(
            json_object_get(json_array_get(j, 0), "service_request_id"));
        numbers[i] = no ? arena_strdup(A, no) : NULL;
        json_decref(j);
        resp_free(&r);
        client_free(c);
        CHECK(numbers[i] != NULL);
    }
    struct complaint k;
    int64_t now = (int64_t)time(NULL);
    if (numbers[0] && complaints_get(db, A, numbers[0], &k) == ERR_OK) {
        cact(&k, CA_VERIFY, now, "Diverifikasi");
        cact(&k, CA_ANSWER, now, "Loket tambahan dibuka.");
    }
    if (numbers[1] && complaints_get(db, A, numbers[1], &k) == ERR_OK)
        cact(&k, CA_VERIFY, now, "Diverifikasi");
}

/* A staff member of office code with role (no user row behind it). */
static struct principal staff(enum role role, const char *code)
{
    const struct n_office *o = office_by_code(code);
    struct principal p = {.login = "petugas.uji",
                          .name = "Petugas Uji",
                          .role = role,
                          .office_id = o ? o->id : 0,
                          .office_code = code};
    return p;
}

/* Hand in at the counter at instant t (the intake services). */
static const char *hand_in(const char *office, const char *service, int64_t t)
{
    struct principal fo = staff(ROLE_FRONT, office);
    struct svc_ctx c = ctx_at(t, &fo);
    struct intake_ctx ic;
    CHECK_INT(intake_load(&c, office, service, &ic), ERR_OK);
    const char **reqs = arena_alloc(A, (ic.svc.n_reqs + 1) * sizeof(*reqs));
    size_t n = 0;
    for (size_t i = 0; i < ic.svc.n_reqs; i++)
        if (requirement_mandatory_at(&ic.svc.reqs[i], ic.office.level))
            reqs[n++] = ic.svc.reqs[i].code;
    struct intake_form form = {.nik = "3510094101900001",
                               .name = "Warga Uji",
                               .village = "",
                               .phone = "081234567890",
                               .email = "",
                               .fields_json = "{}",
                               .reqs = reqs,
                               .n_reqs = n};
    struct field_errors fe = {0};
    struct intake_check chk;
    enum intake_outcome out = INTAKE_DENIED;
    CHECK_INT(intake_check(&c, &ic, &form, &fe, &chk, &out), ERR_OK);
    CHECK_INT(out, INTAKE_OK);
    struct application a = {0};
    if (out == INTAKE_OK)
        CHECK_INT(intake_register(&c, &ic, &form, &chk, &a), ERR_OK);
    return a.regno ? a.regno : "";
}

/* An action at t by role (the next step's role for ACT_STEP). */
static void aact(const char *regno, enum appl_action action, enum role role,
                 int64_t t, const char *note)
{
    struct application a;
    CHECK_INT(applications_get(db, A, regno, &a), ERR_OK);
    if (action == ACT_STEP) {
        struct service_def s;
        CHECK_INT(catalogue_get(db, A, a.service_code, a.service_version, &s),
                  ERR_OK);
        role = s.steps[a.next_step].role;
    }
    struct principal who = staff(role, a.office_code);
    struct svc_ctx c = ctx_at(t, &who);
    enum appl_outcome out = APPL_NOT_ALLOWED;
    CHECK_INT(appl_act(&c, &a, action, note, 0, &out), ERR_OK);
    CHECK_INT(out, APPL_DONE);
}

/* Every remaining step a minute apart, ready exactly at t. */
static void ready_at(const char *regno, int64_t t)
{
    struct application a;
    struct service_def s;
    CHECK_INT(applications_get(db, A, regno, &a), ERR_OK);
    CHECK_INT(catalogue_get(db, A, a.service_code, a.service_version, &s),
              ERR_OK);
    size_t left = s.n_steps - a.next_step;
    for (size_t i = 0; i < left; i++)
        aact(regno, ACT_STEP, ROLE_FRONT, t - (int64_t)(left - 1 - i) * 60,
             NULL);
}

/*
 * A few applications through the intake and workflow services at explicit
 * instants, on top of the generated ones (the aggregates kept by each
 * action, next to the rebuilt ones): two never finished (overdue now,
 * whatever the time of the run), a return and resumption, a rejection
 * while returned, completions exactly at the promise and a second after.
 */
static void add_applications(int y)
{
    hand_in("35.10.09", "LEGALISASI", wib(y, 3, 10, 9, 0));
    const char *g2 = hand_in("35.10.16.1001", "PROPOSAL", wib(y, 4, 14, 10, 0));
    aact(g2, ACT_STEP, ROLE_BACK, wib(y, 4, 14, 11, 0), NULL);
    const char *g3 = hand_in("35.10.09", "PROPOSAL", wib(y, 5, 12, 10, 0));
    aact(g3, ACT_RETURN, ROLE_BACK, wib(y, 5, 13, 9, 0), "Belum lengkap");
    aact(g3, ACT_RESUME, ROLE_FRONT, wib(y, 5, 18, 9, 0), NULL);
    ready_at(g3, wib(y, 5, 19, 14, 0));
    const char *g4 = hand_in("35.10.09", "DOMISILI-USAHA", wib(y, 5, 12, 8, 0));
    aact(g4, ACT_RETURN, ROLE_FRONT, wib(y, 5, 12, 9, 0), "Belum lengkap");
    aact(g4, ACT_REJECT, ROLE_HEAD, wib(y, 6, 2, 10, 0), "Tidak dilengkapi");
    const char *g5 = hand_in("35.10.16.1001", "SKTM", wib(y, 6, 3, 10, 0));
    ready_at(g5, wib(y, 6, 3, 11, 0));
    const char *g6 = hand_in("35.10.16.1001", "SKTM", wib(y, 6, 3, 10, 0));
    ready_at(g6, wib(y, 6, 3, 11, 0) + 1);
}

/* ---- the tests --------------------------------------------------------- */

static int data_year;
static int64_t data_mid; /* the local day of the middle application */
static const char *mid_office, *mid_service;

/* The year, a month and a day of the data: the middle application's. */
static void pick_from_data(void)
{
    CHECK(n_apps > 1000);
    if (n_apps < 2)
        return;
    /* Applications are inserted in submission order. */
    const struct n_app *mid = &apps[n_apps / 2];
    data_mid = mid->received_day;
    data_year = civil_from_days(data_mid).year;
    mid_office = office_by_id(mid->office_id)->code;
    mid_service = service_by_id(mid->service_id)->code;
}

static void test_data(void)
{
    /* The generator's rows, decided: some open, some returned, some
     * rejected, completions in both units. */
    int64_t open = 0, returns = 0, rejected = 0, minutes = 0, days = 0;
    for (size_t i = 0; i < n_apps; i++) {
        open += is_open_state(apps[i].state);
        returns += apps[i].n_returns;
        rejected += apps[i].rejected;
        minutes += apps[i].completed && apps[i].minutes;
        days += apps[i].completed && !apps[i].minutes;
    }
    CHECK_INT(n_apps, 4006);
    /* Overdue now: at least the two left open above. */
    struct nq q = {.period = arena_printf(A, "%04d", data_year),
                   .min_completed = -1};
    struct nres r;
    naive_report(&q, (int64_t)time(NULL), &r);
    CHECK(r.total.overdue >= 2);
    CHECK(returns > 50);
    CHECK(rejected > 20);
    CHECK(minutes > 500 && days > 500);
    CHECK(n_cmps >= 19);
    CHECK(n_survs >= 41);
    (void)open;
}

static void test_periods_and_scopes(void)
{
    char year[32], month[32], quarter[32], semester[32], from[16], from2[16],
        to[16], day[16];
    struct civil_date m = civil_from_days(data_mid);
    snprintf(year, sizeof(year), "%04d", m.year);
    snprintf(month, sizeof(month), "%04d-%02d", m.year, m.month);
    snprintf(quarter, sizeof(quarter), "%04d-Q%d", m.year,
             (m.month - 1) / 3 + 1);
    snprintf(semester, sizeof(semester), "%04d-S%d", m.year,
             m.month <= 6 ? 1 : 2);
    /* From-to: five weeks, and ten weeks (then with a whole month inside),
     * before the middle day, starting and ending inside months (never on a
     * 1st or a month's last day). */
    int64_t f = data_mid - 40, f2 = data_mid - 75, t = data_mid - 5;
    if (civil_from_days(f).day == 1)
        f++;
    if (civil_from_days(f2).day == 1)
        f2++;
    struct civil_date td = civil_from_days(t);
    if (td.day == civil_days_in_month(td.year, td.month) || td.day == 1)
        t -= 2;
    civil_format_date(civil_from_days(f), from);
    civil_format_date(civil_from_days(f2), from2);
    civil_format_date(civil_from_days(t), to);
    struct civil_date cf = civil_from_days(f), cf2 = civil_from_days(f2),
                      ct = civil_from_days(t);
    CHECK(cf.month != ct.month);
    CHECK((ct.year * 12 + ct.month) - (cf2.year * 12 + cf2.month) >= 2);
    civil_format_date(m, day);
    const char *district = "35.10.16";

    struct {
        const char *period, *from, *to;
    } periods[] = {{year, NULL, NULL},    {month, NULL, NULL},
                   {quarter, NULL, NULL}, {semester, NULL, NULL},
                   {NULL, from, to},      {NULL, from2, to},
                   {NULL, day, day}};
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
        struct nq scopes[] = {
            {.office = NULL},
            {.district = district},
            {.office = mid_office, .by_service = true},
            {.office = "35.10.09", .by_service = true},
            {.office = "35.10.16.1001", .by_service = true},
            {.service = mid_service},
            {.service = "LEGALISASI"},
            {.office = mid_office},
            {.office = "35.10.09"},
        };
        for (size_t s = 0; s < sizeof(scopes) / sizeof(scopes[0]); s++) {
            struct nq q = scopes[s];
            q.period = periods[i].period;
            q.from = periods[i].from;
            q.to = periods[i].to;
            q.min_completed = -1;
            q.label =
                arena_printf(A,
                             "period=%s from=%s to=%s office=%s district=%s "
                             "service=%s by_service=%d",
                             q.period ? q.period : "", q.from ? q.from : "",
                             q.to ? q.to : "", q.office ? q.office : "",
                             q.district ? q.district : "",
                             q.service ? q.service : "", q.by_service);
            check_query(&q);
        }
    }
}

static void test_ranking(void)
{
    char year[16], month[16];
    struct civil_date m = civil_from_days(data_mid);
    snprintf(year, sizeof(year), "%04d", m.year);
    snprintf(month, sizeof(month), "%04d-%02d", m.year, m.month);
    /* The minimum changes who is ranked: from every office that completed
     * anything to nobody. */
    int64_t mins[] = {0, 1, 5, 60, 100000};
    for (size_t i = 0; i < sizeof(mins) / sizeof(mins[0]); i++) {
        struct nq q = {.period = i % 2 ? month : year,
                       .min_completed = mins[i]};
        q.label = arena_printf(A, "period=%s min_completed=%lld", q.period,
                               (long long)mins[i]);
        check_query(&q);
    }
    /* And the ranks really differ with the minimum. */
    struct nq q0 = {.period = year, .min_completed = 0};
    struct nq q60 = {.period = year, .min_completed = 60};
    struct nres r0, r60;
    naive_report(&q0, (int64_t)time(NULL), &r0);
    naive_report(&q60, (int64_t)time(NULL), &r60);
    int ranked0 = 0, ranked60 = 0;
    for (size_t i = 0; i < r0.n_items; i++) {
        ranked0 += r0.items[i].rank > 0;
        ranked60 += r60.items[i].rank > 0;
    }
    CHECK(ranked0 > ranked60);
    CHECK(ranked60 > 0);
    json_t *j0 = NULL, *j60 = NULL;
    CHECK_INT(get_report(&q0, NULL, &j0), 200);
    CHECK_INT(get_report(&q60, NULL, &j60), 200);
    size_t n0 = 0, n60 = 0, i;
    json_t *o;
    json_array_foreach(json_object_get(j0, "items"), i, o)
    {
        n0 += json_is_integer(json_object_get(o, "rank"));
    }
    json_array_foreach(json_object_get(j60, "items"), i, o)
    {
        n60 += json_is_integer(json_object_get(o, "rank"));
    }
    CHECK_INT(n0, ranked0);
    CHECK_INT(n60, ranked60);
    json_decref(j0);
    json_decref(j60);
}

static long status_of(const char *path, const char *key)
{
    char header[128];
    snprintf(header, sizeof(header), "Authorization: Bearer %s",
             key ? key : "");
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "GET", path, NULL, NULL, key ? header : NULL, &r);
    long status = r.status;
    resp_free(&r);
    client_free(c);
    return status;
}

static void test_who_may_ask(void)
{
    const char *p = "/api/v1/reports/performance?period=2026-03";
    CHECK_INT(status_of(p, key_sekda), 200);
    CHECK_INT(status_of(p, key_bupati), 200);
    CHECK_INT(status_of(p, key_admin), 200);
    CHECK_INT(status_of(p, key_front), 403);
    CHECK_INT(status_of(p, NULL), 401);
    CHECK_INT(
        status_of(p, "sp_000000000000000000000000000000000000000000000000"),
        401);
    /* A head of office: their own office, never another or a district. */
    CHECK_INT(status_of("/api/v1/reports/performance?period=2026-03&office="
                        "35.10.09",
                        key_head),
              200);
    CHECK_INT(status_of("/api/v1/reports/performance?period=2026-03&office="
                        "35.10.01",
                        key_head),
              403);
    CHECK_INT(status_of("/api/v1/reports/performance?period=2026-03&district="
                        "35.10.09",
                        key_head),
              403);
    CHECK_INT(status_of("/api/v1/reports/performance?period=2026-03&district="
                        "35.10.16",
                        key_head),
              403);
    CHECK_INT(status_of("/api/v1/reports/performance?period=2026-03&office="
                        "35.10.09&by_service=1",
                        key_head),
              200);
    /* Without office=: their own office, the same numbers as asked for. */
    char month[16];
    struct civil_date m = civil_from_days(data_mid);
    snprintf(month, sizeof(month), "%04d-%02d", m.year, m.month);
    struct nq own = {.period = month,
                     .office = "35.10.09",
                     .min_completed = -1,
                     .label = "the head's own office"};
    json_t *j = NULL;
    struct nq none = own;
    none.office = NULL;
    CHECK_INT(get_report(&none, key_head, &j), 200);
    CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
    CHECK_STR(json_string_value(json_object_get(
                  json_array_get(json_object_get(j, "items"), 0), "office")),
              "35.10.09");
    where_now = own.label;
    struct nres r;
    int64_t now = (int64_t)time(NULL);
    naive_report(&own, now, &r);
    if (j)
        compare(j, &r, &own);
    json_decref(j);
}

/* 422 with the field named, for each bad parameter. */
static void check_422(const char *query, const char *field)
{
    char path[256];
    snprintf(path, sizeof(path), "/api/v1/reports/performance?%s", query);
    char header[128];
    snprintf(header, sizeof(header), "Authorization: Bearer %s", key_sekda);
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "GET", path, NULL, NULL, header, &r);
    CHECK_INT(r.status, 422);
    json_error_t e;
    json_t *j = json_loads(body(&r), 0, &e);
    json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
    bool found = false;
    size_t i;
    json_t *v;
    json_array_foreach(fields, i, v)
    {
        const char *f = json_string_value(json_object_get(v, "field"));
        found |= f && strcmp(f, field) == 0;
    }
    if (!found) {
        fprintf(stderr, "%s: %s: no field error for %s: %s\n", test_current,
                query, field, body(&r));
        test_checks_failed++;
    }
    json_decref(j);
    resp_free(&r);
    client_free(c);
}

static void test_validation(void)
{
    check_422("period=2026-13", "period");
    check_422("period=2026-Q5", "period");
    check_422("period=26", "period");
    check_422("from=2026-03-10", "period");
    check_422("from=2026-03-10&to=2026-03-09", "period");
    check_422("from=2026-02-27&to=2026-02-30", "period");
    check_422("period=2026-3", "period");
    check_422("from=2016-01-01&to=2026-12-31", "period");
    check_422("period=2026&office=99.99.99", "office");
    check_422("period=2026&service=TIDAK-ADA", "service");
    check_422("period=2026&district=35.10.99", "district");
    check_422("period=2026&district=35.10.09.2001", "district");
    check_422("period=2026&min_completed=-1", "min_completed");
    check_422("period=2026&min_completed=lima", "min_completed");
}

static void test_no_personal_data(void)
{
    char year[16];
    snprintf(year, sizeof(year), "%04d", data_year);
    const char *paths[] = {"", "&office=35.10.09&by_service=1",
                           "&district=35.10.16"};
    /* Citizens' names, NIKs and phones of a sample of applications. */
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT nik, citizen_name, phone FROM applications"
                       " WHERE id % 97 = $1",
                       DV_INT(0)),
              ERR_OK);
    const char *secrets[256];
    size_t n = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row && n + 3 <= 256)
        for (int k = 0; k < 3; k++)
            secrets[n++] = arena_strdup(A, db_col_text(st, k));
    db_finalize(st);
    CHECK(n > 60);
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        char path[256];
        snprintf(path, sizeof(path), "/api/v1/reports/performance?period=%s%s",
                 year, paths[i]);
        char header[128];
        snprintf(header, sizeof(header), "Authorization: Bearer %s", key_sekda);
        struct client *c = client_new(&srv);
        struct resp r;
        client_req(c, "GET", path, NULL, NULL, header, &r);
        CHECK_INT(r.status, 200);
        for (size_t k = 0; k < n; k++)
            CHECK_NOT_CONTAINS(body(&r), secrets[k]);
        CHECK_NOT_CONTAINS(body(&r), "\"nik\"");
        CHECK_NOT_CONTAINS(body(&r), "\"phone\"");
        CHECK_NOT_CONTAINS(body(&r), "citizen");
        CHECK_NOT_CONTAINS(body(&r), "Antrean");
        /* No run of 10 or more digits (a NIK, a phone number) outside the
         * decimals of a number. */
        int run = 0, longest = 0;
        bool decimals = false;
        for (const char *p = body(&r); *p; p++) {
            bool digit = *p >= '0' && *p <= '9';
            if (!digit)
                decimals = *p == '.';
            run = digit && !decimals ? run + 1 : 0;
            longest = run > longest ? run : longest;
        }
        CHECK(longest < 10);
        resp_free(&r);
        client_free(c);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    setenv("SATUPINTU_LOG", "warn", 1);
    if (!server_init(&srv, argv[1], NULL))
        return 1;
    A = arena_new();
    test_current = "setup";
    run_generator();
    user("sekda", "sekkab", NULL, key_sekda);
    user("bupati", "bupati", NULL, key_bupati);
    user("admin2", "administrator", NULL, key_admin);
    user("camat.genteng", "head_of_office", "35.10.09", key_head);
    user("loket.genteng", "front_office", "35.10.09", key_front);
    if (db_open(srv.db_url, &db) != ERR_OK)
        return 1;
    load_offices_and_services();
    load_applications();
    pick_from_data();
    add_applications(data_year);
    add_complaints(data_year);
    /* Read again, with the applications just added. */
    n_apps = 0;
    apps = NULL;
    load_applications();
    if (!server_serve(&srv, NULL))
        return 1;
    struct civil_date mid = civil_from_days(data_mid);
    add_surveys(data_year, mid.month);
    add_open311();
    load_complaints();
    load_surveys();
    if (test_checks_failed) {
        fprintf(stderr, "setup failed\n");
        server_stop(&srv);
        return 1;
    }
    RUN(test_data);
    RUN(test_periods_and_scopes);
    RUN(test_ranking);
    RUN(test_who_may_ask);
    RUN(test_validation);
    RUN(test_no_personal_data);
    db_close(db);
    arena_free(A);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
