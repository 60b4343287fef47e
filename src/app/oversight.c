/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * oversight.c: what the Sekda and the Bupati see (and a head of office of
 * their own office): the performance of every office for a period, its
 * drill-down, trends, the overdue list, escalations with the Sekda's
 * instructions, the monthly report, the public performance page, and
 * GET /api/v1/reports/performance. The measures are svc/oversight.c's;
 * the pages views/oversight.c's.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/apps.h"
#include "app/oversight.h"
#include "base/arena.h"
#include "base/civil.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "svc/oversight.h"

/*
 * Read the report's query: the period (period=, or from= and to=), and
 * office=, district=, service= codes, min_completed=. Field errors to fe;
 * scope checked: a head of office sees their own office only (ERR_DENIED
 * otherwise).
 */
enum err oversight_query(struct request *req, struct ov_query *q,
                         struct field_errors *fe)
{
    struct svc_ctx c = app_svc(req);
    memset(q, 0, sizeof(*q));
    struct civil_date today;
    if (!civil_parse_date(app_today(req), &today))
        return ERR_INVALID;
    if (!period_parse(params_get(&req->query, "from"),
                      params_get(&req->query, "to"),
                      params_get(&req->query, "period"), today, &q->period))
        ferr_add(fe, req->arena, "period", "invalid_period",
                 "Periode tidak valid: period=2026, 2026-03, 2026-Q1, "
                 "2026-S1, atau from/to TTTT-BB-HH (dari <= sampai).",
                 "Invalid period: period=2026, 2026-03, 2026-Q1, 2026-S1, "
                 "or from/to YYYY-MM-DD (from <= to).");
    const char *office = params_str(&req->query, req->arena, "office");
    const char *district = params_str(&req->query, req->arena, "district");
    const char *service = params_str(&req->query, req->arena, "service");
    enum err rc = ERR_OK;
    if (*office) {
        struct office o;
        rc = offices_get(req->db, req->arena, office, &o);
        if (rc == ERR_NOT_FOUND)
            ferr_add(fe, req->arena, "office", "unknown_office",
                     "Kantor tidak dikenal.", "Unknown office.");
        else if (rc != ERR_OK)
            return rc;
        else
            q->office_id = o.id;
    }
    if (*district) {
        struct region reg;
        rc = regions_get(req->db, req->arena, district, &reg);
        if (rc == ERR_NOT_FOUND ||
            (rc == ERR_OK && strcmp(reg.level, "district") != 0))
            ferr_add(fe, req->arena, "district", "unknown_district",
                     "Kecamatan tidak dikenal.", "Unknown district.");
        else if (rc != ERR_OK)
            return rc;
        else
            q->district = reg.code;
    }
    if (*service) {
        rc = catalogue_service_id(req->db, service, &q->service_id);
        if (rc == ERR_NOT_FOUND)
            ferr_add(fe, req->arena, "service", "unknown_service",
                     "Layanan tidak dikenal.", "Unknown service.");
        else if (rc != ERR_OK)
            return rc;
    }
    rc = oversight_min_completed(&c, &q->min_completed);
    if (rc != ERR_OK)
        return rc;
    int64_t min = 0;
    enum err mrc = params_int(&req->query, "min_completed", 0, 1000000, &min);
    if (mrc == ERR_OK)
        q->min_completed = min;
    else if (mrc == ERR_INVALID)
        ferr_add(fe, req->arena, "min_completed", "out_of_range",
                 "min_completed: bilangan 0 sampai 1000000.",
                 "min_completed: a number from 0 to 1000000.");
    /* A head of office: their own office, whatever was asked. */
    if (!role_has(req->who.role, PERM_OVERSIGHT)) {
        if (q->office_id && q->office_id != req->who.office_id)
            return ERR_DENIED;
        if (q->district)
            return ERR_DENIED;
        q->office_id = req->who.office_id;
    }
    if (!scope_oversight(&req->who, q->office_id ? q->office_id : 0))
        return ERR_DENIED;
    return ERR_OK;
}

/* Tenths as a JSON number with one decimal (875 -> 87.5). */
static json_t *tenths(int64_t v)
{
    return json_real((double)v / 10.0);
}

static json_t *measures_json(const struct ov_measures *m, bool with_snapshot)
{
    json_t *j = json_object();
    json_object_set_new(j, "received", json_integer(m->c.received));
    json_object_set_new(j, "completed", json_integer(m->c.completed));
    json_object_set_new(j, "completed_on_time", json_integer(m->c.on_time));
    json_object_set_new(j, "on_time_pct",
                        m->has_pct ? tenths(m->on_time_pct_x10) : json_null());
    if (with_snapshot) {
        json_object_set_new(j, "overdue_now", json_integer(m->overdue_now));
        json_object_set_new(j, "overdue_oldest_days_late",
                            m->overdue_now ? json_integer(m->oldest_days_late)
                                           : json_null());
    }
    json_object_set_new(j, "returned", json_integer(m->c.returned));
    json_object_set_new(j, "rejected", json_integer(m->c.rejected));
    json_t *p = json_object();
    json_object_set_new(
        p, "unit",
        json_string(m->proc.minutes ? "working_minutes" : "working_days"));
    if (m->proc.has && m->proc.minutes) {
        json_object_set_new(p, "median", json_integer(m->proc.median));
        json_object_set_new(p, "p90", json_integer(m->proc.p90));
    } else if (m->proc.has) {
        json_object_set_new(p, "median", tenths(m->proc.median));
        json_object_set_new(p, "p90", tenths(m->proc.p90));
    } else {
        json_object_set_new(p, "median", json_null());
        json_object_set_new(p, "p90", json_null());
    }
    json_object_set_new(j, "processing", p);
    json_t *cmp =
        json_pack("{s:I,s:I,s:I,s:I}", "received", (json_int_t)m->cmp.received,
                  "verified_in_time", (json_int_t)m->cmp.verified_in_time,
                  "answered_in_time", (json_int_t)m->cmp.answered_in_time,
                  "escalated", (json_int_t)m->cmp.escalated);
    if (with_snapshot)
        json_object_set_new(cmp, "open", json_integer(m->cmp.open));
    json_object_set_new(j, "complaints", cmp);
    char grade[2] = {m->ikm.grade, 0};
    json_object_set_new(
        j, "ikm",
        json_pack("{s:o,s:o,s:I,s:I}", "value",
                  m->ikm.has ? json_real((double)m->ikm.x100 / 100.0)
                             : json_null(),
                  "grade", m->ikm.has ? json_string(grade) : json_null(),
                  "respondents", (json_int_t)m->ikm.respondents,
                  "target_sample", (json_int_t)m->ikm.target));
    return j;
}

json_t *oversight_json(struct request *req, const struct ov_report *r)
{
    char from[16], to[16], pf[16], pt[16];
    civil_format_date(r->q.period.from, from);
    civil_format_date(r->q.period.to, to);
    civil_format_date(r->q.period.prev_from, pf);
    civil_format_date(r->q.period.prev_to, pt);
    json_t *total = measures_json(&r->total, true);
    json_t *prev = measures_json(&r->total_prev, false);
    json_object_set_new(prev, "from", json_string(pf));
    json_object_set_new(prev, "to", json_string(pt));
    json_object_set_new(total, "previous", prev);
    json_t *items = json_array();
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        json_t *o = measures_json(&it->now, true);
        json_object_set_new(o, r->q.by_service ? "service" : "office",
                            json_string(it->code));
        json_object_set_new(
            o, "name",
            json_string(
                r->q.by_service
                    ? L(req->lang, it->name,
                        it->name_en && *it->name_en ? it->name_en : it->name)
                    : it->name));
        if (!r->q.by_service) {
            json_object_set_new(
                o, "rank", it->rank ? json_integer(it->rank) : json_null());
            if (it->too_few)
                json_object_set_new(
                    o, "not_ranked",
                    json_string(L(req->lang,
                                  "terlalu sedikit permohonan selesai untuk "
                                  "diperingkat",
                                  "too few completed applications to be "
                                  "ranked")));
        }
        json_object_set_new(o, "previous", measures_json(&it->prev, false));
        json_array_append_new(items, o);
    }
    json_t *j = json_pack("{s:s,s:s,s:I}", "from", from, "to", to,
                          "min_completed", (json_int_t)r->q.min_completed);
    json_object_set_new(j, "regency", total);
    json_object_set_new(j, "items", items);
    return j;
}

void h_api_report_performance(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    struct ov_query q;
    enum err rc = oversight_query(req, &q, &fe);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    /* One office asked for: its services; else the service points. */
    q.by_service = params_bool(&req->query, "by_service") && q.office_id;
    struct svc_ctx c = app_svc(req);
    struct ov_report r;
    rc = oversight_report(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *j = oversight_json(req, &r);
    /* Each office's readiness (null before its first assessment). */
    if (!q.by_service) {
        /* The items are service points. */
        struct readiness_summary_filter f = {.office_id = q.office_id,
                                             .district = q.district,
                                             .service_points_only = true};
        struct readiness_summary *rs = NULL;
        size_t n_rs = 0;
        rc = readiness_summaries(req->db, req->arena, &f, req->now, &rs, &n_rs);
        if (rc != ERR_OK) {
            json_decref(j);
            app_fail(req, res, rc);
            return;
        }
        json_t *items = json_object_get(j, "items");
        for (size_t i = 0; i < r.n_items; i++) {
            const struct readiness_summary *s = NULL;
            for (size_t k = 0; k < n_rs; k++)
                if (rs[k].office_id == r.items[i].id)
                    s = &rs[k];
            json_t *o = NULL;
            if (s)
                o = json_pack(
                    "{s:o,s:o,s:o,s:o,s:I,s:I,s:I}", "score_pct",
                    s->assessed ? json_integer(s->score_pct) : json_null(),
                    "all_mandatory_met",
                    s->assessed ? json_boolean(s->all_mandatory) : json_null(),
                    "assessed_at",
                    s->assessed ? json_string(apps_iso(req, s->assessed_at,
                                                       app_utc_offset(req)))
                                : json_null(),
                    "inspected_at",
                    s->inspected_at ? json_string(apps_iso(req, s->inspected_at,
                                                           app_utc_offset(req)))
                                    : json_null(),
                    "open_findings", (json_int_t)s->open_findings,
                    "overdue_findings", (json_int_t)s->overdue_findings,
                    "open_inability_reports", (json_int_t)s->open_inability);
            json_object_set_new(json_array_get(items, i), "readiness",
                                o ? o : json_null());
        }
    }
    app_json(req, res, 200, j);
}
