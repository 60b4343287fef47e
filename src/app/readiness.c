/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.c: office readiness handlers (see readiness.h): parse, call
 * the service, answer. Who may see and do what: core/role.h's scope
 * functions; the rules: svc/readiness.c.
 */
#include "app/readiness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/apps.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/text.h"
#include "core/readiness.h"
#include "store/catalogue.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "svc/readiness.h"
#include "views/readiness.h"

/* ---- shared ----------------------------------------------------------- */

/* The office of the path's first argument, when p may read its
 * readiness (ERR_DENIED otherwise). */

/* An optional integer field: *out stays as it is when the field is absent
 * or empty; false when it is there but not a number within [min, max]
 * (answered 400, never read as 0). */
static bool form_int(struct request *req, const char *name, int64_t min,
                     int64_t max, int64_t *out)
{
    enum err rc = params_int(&req->form, name, min, max, out);
    return rc == ERR_OK || rc == ERR_NOT_FOUND;
}

static enum err readable_office(struct request *req, struct office *o)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc == ERR_OK &&
        (o->level == OFFICE_AGENCY || !scope_readiness(&req->who, o->id)))
        rc = ERR_DENIED;
    return rc;
}

/* The public address of this deployment (SATUPINTU_PUBLIC_URL or Host). */
static const char *base_url(struct request *req)
{
    const struct app *app = app_of(req);
    if (app->public_url && *app->public_url)
        return app->public_url;
    return arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                        *req->host ? req->host : "localhost");
}

/* The services an office accepts (current versions, active). */
static enum err accepted_services(struct request *req, const struct office *o,
                                  struct service_def **out, size_t *n_out)
{
    struct service_filter f = {.level = -1, .day = app_today(req)};
    struct service_def *all;
    size_t n;
    enum err rc = catalogue_list(req->db, req->arena, &f, &all, &n);
    if (rc != ERR_OK)
        return rc;
    *out = arena_alloc(req->arena, (n + 1) * sizeof(**out));
    *n_out = 0;
    for (size_t i = 0; i < n; i++)
        if (office_accepts(o, &all[i]))
            (*out)[(*n_out)++] = all[i];
    return ERR_OK;
}

/* The villages of an office's district (the socialisation form). */
static enum err district_villages(struct request *req, const struct office *o,
                                  struct region **items, size_t *n)
{
    char district[16] = "";
    *items = NULL;
    *n = 0;
    if (!o->region_code || strlen(o->region_code) < 8)
        return ERR_OK;
    snprintf(district, sizeof(district), "%.8s", o->region_code);
    return regions_children(req->db, req->arena, district, items, n);
}

/* The regency of the offices (its districts are the kecamatan). */
static enum err regency_code(struct request *req, char out[16])
{
    struct office_filter kf = {.level = OFFICE_KECAMATAN};
    struct office *kec;
    size_t n_kec;
    out[0] = '\0';
    enum err rc = offices_list(req->db, req->arena, &kf, &kec, &n_kec);
    if (rc == ERR_OK && n_kec && !region_parent(kec[0].region_code, out))
        out[0] = '\0';
    return rc;
}

static void outcome_fail(struct request *req, struct response *res,
                         enum readiness_outcome o)
{
    switch (o) {
    case RDO_DENIED:
        app_fail(req, res, ERR_DENIED);
        return;
    case RDO_STALE:
        app_error(req, res, 409, "stale",
                  "Data ini baru saja diubah orang lain. Muat ulang halaman.",
                  "Someone else changed this a moment ago. Reload the page.");
        return;
    case RDO_NOT_ALLOWED:
    case RDO_DONE:
    case RDO_INVALID:
    default:
        app_error(req, res, 409, "not_allowed",
                  "Tindakan ini tidak dapat dilakukan sekarang.",
                  "This action cannot be taken now.");
        return;
    }
}

/* The first file of a multipart field, or none. */
static struct rd_upload file_of(struct request *req, const char *field)
{
    struct rd_upload u = {NULL, 0};
    for (size_t i = 0; i < req->files.n_items; i++) {
        if (strcmp(req->files.items[i].field, field) == 0 &&
            req->files.items[i].len) {
            u.data = req->files.items[i].data;
            u.len = req->files.items[i].len;
            return u;
        }
    }
    return u;
}

/* A form sent twice: the page of the first result (true when answered). */
static bool replayed(struct request *req, struct response *res, const char *to)
{
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t at = 0;
    enum err rc = svc_replay_find(&c, &first, &at);
    if (rc == ERR_NOT_FOUND)
        return false;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return true;
    }
    res_redirect(req, res, to);
    return true;
}

/* ---- the office's page -------------------------------------------------- */

static void show_office(struct request *req, struct response *res,
                        const struct office *o, const struct params *sent,
                        const struct field_errors *fe, const char *flash)
{
    struct readiness_page p = {0};
    struct assessment last;
    p.office = o;
    p.now = req->now;
    p.can_assess = scope_assess(&req->who, o->id);
    p.can_inspect = scope_inspect(&req->who, o->id);
    p.fe = fe;
    p.sent = sent;
    p.flash = flash;
    enum err rc = assessments_latest(req->db, req->arena, o->id, &last);
    if (rc == ERR_OK)
        p.last = &last;
    else if (rc == ERR_NOT_FOUND)
        rc = ERR_OK;
    struct assessment *hist = NULL;
    struct finding *fs = NULL;
    struct inability_report *rs = NULL;
    struct socialisation *ss = NULL;
    struct facility_item *items = NULL;
    struct region *villages = NULL;
    struct finding_filter ff = {.office_id = o->id};
    if (rc == ERR_OK)
        rc = inspections_last(req->db, o->id, &p.inspected_at);
    if (rc == ERR_OK)
        rc = assessments_history(req->db, req->arena, o->id, &hist,
                                 &p.n_history);
    if (rc == ERR_OK)
        rc = findings_list(req->db, req->arena, &ff, &fs, &p.n_findings);
    if (rc == ERR_OK)
        rc = inability_list(req->db, req->arena, o->id, false, &rs,
                            &p.n_reports);
    if (rc == ERR_OK)
        rc = socialisation_list(req->db, req->arena, o->id, NULL, NULL, &ss,
                                &p.n_activities);
    if (rc == ERR_OK && p.can_inspect)
        rc = facilities_list(req->db, req->arena, &items, &p.n_checklist);
    if (rc == ERR_OK && p.can_assess)
        rc = district_villages(req, o, &villages, &p.n_villages);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    p.history = hist;
    p.findings = fs;
    p.reports = rs;
    p.activities = ss;
    p.checklist = items;
    p.villages = villages;
    struct view v = app_view(req, res);
    view_readiness_page(&v, &p);
}

void h_readiness_home(struct request *req, struct response *res)
{
    if (role_has(req->who.role, PERM_READINESS_ALL)) {
        res_redirect(req, res, "/oversight/readiness");
        return;
    }
    if (req->who.office_code &&
        scope_readiness(&req->who, req->who.office_id)) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/readiness/%s", req->who.office_code));
        return;
    }
    app_fail(req, res, ERR_DENIED);
}

void h_readiness_office(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = readable_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *done = params_get(&req->query, "done");
    show_office(req, res, &o, NULL, NULL,
                done ? L(req->lang, "Tersimpan.", "Saved.") : NULL);
}

/* ---- self-assessment ---------------------------------------------------- */

static enum err assess_office(struct request *req, struct office *o)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc == ERR_OK && !scope_assess(&req->who, o->id))
        rc = ERR_DENIED;
    return rc;
}

static void show_assess(struct request *req, struct response *res,
                        const struct office *o, const struct params *sent,
                        const struct field_errors *fe)
{
    struct facility_item *items;
    size_t n;
    enum err rc = facilities_list(req->db, req->arena, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_assess_form(&v, o, items, n, sent, fe);
}

void h_assess_form(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = assess_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_assess(req, res, &o, NULL, NULL);
}

void h_assess_submit(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = assess_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *done = arena_printf(req->arena, "/readiness/%s?done=1", o.code);
    if (replayed(req, res, done))
        return;
    struct facility_item *items;
    size_t n;
    rc = facilities_list(req->db, req->arena, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct assess_input *in = arena_alloc(req->arena, (n + 1) * sizeof(*in));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *st = params_get(
            &req->form, arena_printf(req->arena, "status_%s", items[i].code));
        if (!st || !*st)
            continue; /* not assessed: a mandatory one is an error */
        in[k].code = items[i].code;
        in[k].status = st;
        in[k].note =
            params_str(&req->form, req->arena,
                       arena_printf(req->arena, "note_%s", items[i].code));
        in[k].photo =
            file_of(req, arena_printf(req->arena, "photo_%s", items[i].code));
        k++;
    }
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    struct assessment as;
    enum readiness_outcome out;
    rc = readiness_assess(&c, &o, in, k, &fe, &as, &out);
    if (rc == ERR_CONFLICT && replayed(req, res, done))
        return;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        res->status = 422;
        show_assess(req, res, &o, &req->form, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(req, res, done);
}

/* ---- inspections and findings ------------------------------------------ */

void h_inspect_submit(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *done = arena_printf(req->arena, "/readiness/%s?done=1", o.code);
    if (replayed(req, res, done))
        return;
    /* Rows of the form: item, observed, text, due_days in step; a row
     * without a finding's text is no finding. */
    size_t rows = params_count(&req->form, "item");
    struct finding_input *in =
        arena_alloc(req->arena, (rows + 1) * sizeof(*in));
    size_t k = 0;
    for (size_t i = 0; i < rows; i++) {
        const char *text = params_nth(&req->form, "text", i);
        const char *obs = params_nth(&req->form, "observed", i);
        if ((!text || !*text) && (!obs || !*obs))
            continue;
        in[k].item = params_nth(&req->form, "item", i);
        in[k].observed = obs ? obs : "";
        in[k].text = text_lines(req->arena, text ? text : "");
        const char *days = params_nth(&req->form, "due_days", i);
        in[k].due_days = 0;
        if (days && *days && !str_to_int(days, 0, 1000, &in[k].due_days)) {
            app_fail(req, res, ERR_INVALID); /* never read as 0 */
            return;
        }
        k++;
    }
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    int64_t id = 0;
    enum readiness_outcome out;
    rc = readiness_inspect(&c, &o, params_text(&req->form, req->arena, "note"),
                           in, k, &fe, &id, &out);
    if (rc == ERR_CONFLICT && replayed(req, res, done))
        return;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        res->status = 422;
        show_office(req, res, &o, &req->form, &fe, NULL);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(req, res, done);
}

static enum err finding_at(struct request *req, struct finding *f)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id))
        return ERR_NOT_FOUND;
    enum err rc = findings_get(req->db, req->arena, id, f);
    if (rc == ERR_OK && !scope_readiness(&req->who, f->office_id))
        rc = ERR_NOT_FOUND; /* out of scope answers as unknown */
    return rc;
}

static void finding_action(struct request *req, struct response *res,
                           enum finding_action action)
{
    struct finding f;
    enum err rc = finding_at(req, &f);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    int64_t version = 0, days = 0;
    if (!form_int(req, "version", 1, INT32_MAX, &version)) {
        app_fail(req, res, ERR_INVALID);
        return;
    }
    if (!form_int(req, "due_days", 0, 1000, &days)) {
        app_fail(req, res, ERR_INVALID);
        return;
    }
    struct rd_upload photo = file_of(req, "photo");
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    enum readiness_outcome out;
    rc =
        finding_act(&c, &f, action, params_text(&req->form, req->arena, "note"),
                    &photo, days, (int)version, &fe, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct office o;
    if (out == RDO_INVALID) {
        rc = offices_get_by_id(req->db, req->arena, f.office_id, &o);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        res->status = 422;
        show_office(req, res, &o, &req->form, &fe, NULL);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/readiness/%s?done=1#finding-%lld",
                              f.office_code, (long long)f.id));
}

void h_finding_answer(struct request *req, struct response *res)
{
    finding_action(req, res, FA_ANSWER);
}

void h_finding_event(struct request *req, struct response *res)
{
    enum finding_action a;
    if (!finding_action_parse(params_get(&req->form, "action"), &a) ||
        a == FA_ANSWER) {
        app_error(req, res, 400, "bad_request", "Tindakan tidak dikenal.",
                  "Unknown action.");
        return;
    }
    finding_action(req, res, a);
}

void h_readiness_photo(struct request *req, struct response *res)
{
    int64_t id = 0, office_id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    enum err rc = readiness_photo_office(req->db, id, &office_id);
    if (rc == ERR_OK && !scope_readiness(&req->who, office_id))
        rc = ERR_NOT_FOUND;
    const char *mime;
    unsigned char *data;
    size_t len;
    if (rc == ERR_OK)
        rc = photos_get(req->db, req->arena, id, &mime, &data, &len);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res->content_type = mime;
    buf_append(&res->body, data, len);
}

/* ---- reports of inability ----------------------------------------------- */

static void show_inability_form(struct request *req, struct response *res,
                                const struct office *o,
                                const struct params *sent,
                                const struct field_errors *fe)
{
    struct service_def *services;
    size_t n;
    enum err rc = accepted_services(req, o, &services, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_inability_form(&v, o, services, n, sent, fe);
}

void h_inability_form(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = assess_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_inability_form(req, res, &o, NULL, NULL);
}

static const char **nth_all(struct request *req, const struct params *p,
                            const char *name, size_t *n)
{
    *n = params_count(p, name);
    const char **out = arena_alloc(req->arena, (*n + 1) * sizeof(char *));
    for (size_t i = 0; i < *n; i++)
        out[i] = params_nth(p, name, i);
    return out;
}

void h_inability_submit(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = assess_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t at = 0;
    rc = svc_replay_find(&c, &first, &at);
    if (rc == ERR_OK) {
        res_redirect(req, res,
                     arena_printf(req->arena, "/inability/%s", first));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    struct inability_input in = {0};
    in.services = nth_all(req, &req->form, "service", &in.n_services);
    in.reasons = nth_all(req, &req->form, "reason", &in.n_reasons);
    in.details = params_text(&req->form, req->arena, "details");
    in.support_requested =
        params_text(&req->form, req->arena, "support_requested");
    in.expected_by = params_str(&req->form, req->arena, "expected_by");
    struct field_errors fe = {0};
    struct inability_report r;
    enum readiness_outcome out;
    rc = inability_file(&c, &o, &in, &fe, &r, &out);
    if (rc == ERR_CONFLICT && svc_replay_find(&c, &first, &at) == ERR_OK) {
        res_redirect(req, res,
                     arena_printf(req->arena, "/inability/%s", first));
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        res->status = 422;
        show_inability_form(req, res, &o, &req->form, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(
        req, res,
        arena_printf(req->arena, "/inability/%lld?done=1", (long long)r.id));
}

static enum err report_at(struct request *req, struct inability_report *r)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id))
        return ERR_NOT_FOUND;
    enum err rc = inability_get(req->db, req->arena, id, r);
    if (rc == ERR_OK && !scope_readiness(&req->who, r->office_id))
        rc = ERR_NOT_FOUND;
    return rc;
}

static void show_report(struct request *req, struct response *res,
                        const struct inability_report *r,
                        const struct params *sent,
                        const struct field_errors *fe, const char *flash)
{
    struct readiness_event *ev;
    size_t n;
    struct office *offices = NULL;
    size_t n_offices = 0;
    bool can_decide = role_has(req->who.role, PERM_INSTRUCT);
    enum err rc =
        readiness_events_of(req->db, req->arena, "inability", r->id, &ev, &n);
    if (rc == ERR_OK && can_decide) {
        struct office_filter f = {.level = -1, .service_points_only = true};
        rc = offices_list(req->db, req->arena, &f, &offices, &n_offices);
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_inability_page(&v, r, ev, n, can_decide, offices, n_offices, sent, fe,
                        flash);
}

void h_inability(struct request *req, struct response *res)
{
    struct inability_report r;
    enum err rc = report_at(req, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_report(req, res, &r, NULL, NULL,
                params_get(&req->query, "done")
                    ? L(req->lang, "Tercatat.", "Recorded.")
                    : NULL);
}

void h_inability_ack(struct request *req, struct response *res)
{
    struct inability_report r;
    enum err rc = report_at(req, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    int64_t version = 0;
    if (!form_int(req, "version", 1, INT32_MAX, &version)) {
        app_fail(req, res, ERR_INVALID);
        return;
    }
    struct svc_ctx c = app_svc(req);
    enum readiness_outcome out;
    rc = inability_acknowledge(&c, &r, (int)version, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(
        req, res,
        arena_printf(req->arena, "/inability/%lld?done=1", (long long)r.id));
}

void h_inability_decide(struct request *req, struct response *res)
{
    struct inability_report r;
    enum err rc = report_at(req, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    int64_t version = 0;
    if (!form_int(req, "version", 1, INT32_MAX, &version)) {
        app_fail(req, res, ERR_INVALID);
        return;
    }
    struct decision_input in = {
        .decision = params_str(&req->form, req->arena, "decision"),
        .refer_to = params_str(&req->form, req->arena, "refer_to"),
        .until = params_str(&req->form, req->arena, "until"),
        .note = params_text(&req->form, req->arena, "note"),
    };
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    enum readiness_outcome out;
    rc = inability_decide(&c, &r, &in, (int)version, &fe, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        res->status = 422;
        show_report(req, res, &r, &req->form, &fe, NULL);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(
        req, res,
        arena_printf(req->arena, "/inability/%lld?done=1", (long long)r.id));
}

/* ---- socialisation ------------------------------------------------------ */

void h_socialisation_submit(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = assess_office(req, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *done = arena_printf(req->arena, "/readiness/%s?done=1", o.code);
    if (replayed(req, res, done))
        return;
    int64_t audience = -1;
    if (params_int(&req->form, "audience", 0, 100000, &audience) != ERR_OK)
        audience = -1;
    struct socialisation_input in = {
        .date = params_str(&req->form, req->arena, "date"),
        .forum = params_str(&req->form, req->arena, "forum"),
        .place = params_str(&req->form, req->arena, "place"),
        .village = params_str(&req->form, req->arena, "village"),
        .audience = audience,
        .materials = params_str(&req->form, req->arena, "materials"),
        .note = params_text(&req->form, req->arena, "note"),
        .photo = file_of(req, "photo"),
    };
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    struct socialisation s;
    enum readiness_outcome out;
    rc = socialisation_log(&c, &o, &in, &fe, &s, &out);
    if (rc == ERR_CONFLICT && replayed(req, res, done))
        return;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        res->status = 422;
        show_office(req, res, &o, &req->form, &fe, NULL);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_redirect(req, res, done);
}

/* ---- printed materials -------------------------------------------------- */

static enum err public_office(struct request *req, struct office *o,
                              struct service_def **services, size_t *n)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc == ERR_OK && o->level == OFFICE_AGENCY)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        rc = accepted_services(req, o, services, n);
    return rc;
}

void h_leaflet(struct request *req, struct response *res)
{
    struct office o;
    struct service_def *services;
    size_t n;
    enum err rc = public_office(req, &o, &services, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_leaflet(
        &v, &o, services, n,
        arena_printf(req->arena, "%s/offices/%s", base_url(req), o.code));
}

void h_announcement(struct request *req, struct response *res)
{
    struct office o;
    struct service_def *services;
    size_t n;
    enum err rc = public_office(req, &o, &services, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_announcement(
        &v, &o, services, n,
        arena_printf(req->arena, "%s/offices/%s", base_url(req), o.code));
}

/* ---- the regency's lists ------------------------------------------------ */

void h_oversight_readiness(struct request *req, struct response *res)
{
    const char *district = params_str(&req->query, req->arena, "district");
    struct readiness_summary_filter f = {.district =
                                             *district ? district : NULL};
    struct readiness_summary *items;
    size_t n;
    char regency[16];
    struct region *districts = NULL;
    size_t n_districts = 0;
    enum err rc =
        readiness_summaries(req->db, req->arena, &f, req->now, &items, &n);
    if (rc == ERR_OK)
        rc = regency_code(req, regency);
    if (rc == ERR_OK && *regency)
        rc = regions_children(req->db, req->arena, regency, &districts,
                              &n_districts);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_readiness_list(&v, items, n, districts, n_districts, f.district,
                        req->now);
}

void h_oversight_inability(struct request *req, struct response *res)
{
    struct inability_report *items;
    size_t n;
    struct finding *fs;
    size_t n_fs;
    struct finding_filter ff = {.open_only = true, .escalated_only = true};
    enum err rc = inability_list(req->db, req->arena, 0, false, &items, &n);
    if (rc == ERR_OK)
        rc = findings_list(req->db, req->arena, &ff, &fs, &n_fs);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_inability_list(&v, items, n, fs, n_fs, req->now);
}

/* The socialisation report's query: from, to (default: the last six
 * months to today), district; field errors to fe. */
static enum err soc_query(struct request *req, const char **from,
                          const char **to, const char **six_from,
                          const char **district, struct field_errors *fe)
{
    const char *today = app_today(req);
    *to = params_str(&req->query, req->arena, "to");
    *from = params_str(&req->query, req->arena, "from");
    *district = params_str(&req->query, req->arena, "district");
    struct civil_date d;
    if (!**to)
        *to = today;
    else if (strlen(*to) != 10 || !civil_parse_date(*to, &d))
        ferr_add(fe, req->arena, "to", "invalid_date", "Sampai: TTTT-BB-HH.",
                 "to: YYYY-MM-DD.");
    char *six = arena_alloc(req->arena, 16);
    if (!readiness_six_months_before(*to, six))
        six = arena_strdup(req->arena, *to);
    *six_from = six;
    if (!**from)
        *from = six;
    else if (strlen(*from) != 10 || !civil_parse_date(*from, &d))
        ferr_add(fe, req->arena, "from", "invalid_date", "Dari: TTTT-BB-HH.",
                 "from: YYYY-MM-DD.");
    else if (strcmp(*from, *to) > 0)
        ferr_add(fe, req->arena, "from", "invalid_period",
                 "Dari harus sebelum sampai.", "from must not be after to.");
    if (**district) {
        struct region reg;
        enum err rc = regions_get(req->db, req->arena, *district, &reg);
        if (rc == ERR_NOT_FOUND ||
            (rc == ERR_OK && strcmp(reg.level, "district") != 0))
            ferr_add(fe, req->arena, "district", "unknown_district",
                     "Kecamatan tidak dikenal.", "Unknown district.");
        else if (rc != ERR_OK)
            return rc;
    } else {
        *district = NULL;
    }
    return ERR_OK;
}

static enum err soc_report(struct request *req, const char *from,
                           const char *to, const char *six_from,
                           const char *district,
                           struct socialisation_district **items, size_t *n)
{
    char regency[16];
    enum err rc = regency_code(req, regency);
    if (rc != ERR_OK)
        return rc;
    return socialisation_report(req->db, req->arena, regency, district, from,
                                to, six_from, items, n);
}

void h_oversight_socialisation(struct request *req, struct response *res)
{
    const char *from, *to, *six, *district;
    struct field_errors fe = {0};
    enum err rc = soc_query(req, &from, &to, &six, &district, &fe);
    if (rc == ERR_OK && ferr_any(&fe))
        rc = ERR_INVALID;
    struct socialisation_district *items = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = soc_report(req, from, to, six, district, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_socialisation_report(&v, items, n, from, to, six);
}

/* ---- the checklist ------------------------------------------------------ */

static void show_facilities(struct request *req, struct response *res,
                            const char *error)
{
    struct facility_item *items;
    size_t n;
    enum err rc = facilities_list(req->db, req->arena, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_facilities_admin(&v, items, n, error);
}

void h_admin_facilities(struct request *req, struct response *res)
{
    show_facilities(req, res, NULL);
}

void h_admin_facility_put(struct request *req, struct response *res)
{
    int64_t ord = 0;
    if (!form_int(req, "ord", 0, 999, &ord)) {
        app_fail(req, res, ERR_INVALID);
        return;
    }
    struct facility_item it = {
        .code = params_str(&req->form, req->arena, "code"),
        .name = {params_str(&req->form, req->arena, "name_id"),
                 params_str(&req->form, req->arena, "name_en")},
        .criterion = {params_str(&req->form, req->arena, "criterion_id"),
                      params_str(&req->form, req->arena, "criterion_en")},
        .mandatory = params_bool(&req->form, "mandatory"),
        .ord = (int)ord,
    };
    bool remove = params_bool(&req->form, "remove");
    if (!readiness_code_valid(it.code) ||
        (!remove &&
         (!*it.name.id || strlen(it.name.id) > 100 ||
          strlen(it.name.en) > 100 || strlen(it.criterion.id) > 300 ||
          strlen(it.criterion.en) > 300))) {
        res->status = 422;
        show_facilities(req, res,
                        L(req->lang,
                          "Kode: 2-32 huruf kecil, angka atau _, diawali "
                          "huruf; nama wajib (paling banyak 100 karakter).",
                          "Code: 2-32 lower-case letters, digits or _, "
                          "starting with a letter; a name is required (at "
                          "most 100 characters)."));
        return;
    }
    if (!*it.name.en)
        it.name.en = it.name.id;
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = remove ? facilities_remove(req->db, it.code)
                    : facilities_put(req->db, &it);
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:s,s:s,s:s,s:b,s:i,s:b}", "code", it.code, "name_id",
                      it.name.id, "name_en", it.name.en, "mandatory",
                      it.mandatory, "ord", it.ord, "removed", remove);
        rc = app_audit(req, remove ? "remove" : "put", "facility_item", it.code,
                       NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/facilities");
}

/* ---- the API ------------------------------------------------------------ */

/* A string member as one line of text ("" when absent or not a string). */
static const char *jline(struct request *req, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return text_line(req->arena, s ? s : "");
}

static const char *jlines(struct request *req, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return text_lines(req->arena, s ? s : "");
}

/* An array member of strings; field errors for anything else. */
static const char **jcodes(struct request *req, json_t *o, const char *key,
                           size_t *n, struct field_errors *fe)
{
    json_t *a = json_object_get(o, key);
    *n = 0;
    if (a && !json_is_array(a)) {
        ferr_add(
            fe, req->arena, key, "invalid",
            arena_printf(req->arena, "'%s' harus larik kode.", key),
            arena_printf(req->arena, "'%s' must be an array of codes.", key));
        return NULL;
    }
    size_t len = json_array_size(a);
    const char **out = arena_alloc(req->arena, (len + 1) * sizeof(char *));
    for (size_t i = 0; i < len; i++) {
        const char *s = json_string_value(json_array_get(a, i));
        if (!s) {
            ferr_add(fe, req->arena,
                     arena_printf(req->arena, "%s[%zu]", key, i), "invalid",
                     "Harus teks.", "Must be a string.");
            continue;
        }
        out[(*n)++] = arena_strdup(req->arena, s);
    }
    return out;
}

static json_t *text2_json(const struct text2 *t)
{
    return json_pack("{s:s,s:s}", "id", t->id ? t->id : "", "en",
                     t->en ? t->en : "");
}

void h_api_facilities(struct request *req, struct response *res)
{
    struct facility_item *items;
    size_t n;
    enum err rc = facilities_list(req->db, req->arena, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            list, json_pack("{s:s,s:o,s:b,s:o}", "code", items[i].code, "name",
                            text2_json(&items[i].name), "mandatory",
                            items[i].mandatory, "criterion",
                            text2_json(&items[i].criterion)));
    app_json(req, res, 200, json_pack("{s:o}", "items", list));
}

enum err readiness_office_json(struct request *req, const struct office *o,
                               const char *const *service_codes, size_t n,
                               json_t *office)
{
    struct assessment last;
    int64_t inspected = 0;
    enum err rc = assessments_latest(req->db, req->arena, o->id, &last);
    bool have = rc == ERR_OK;
    if (rc == ERR_NOT_FOUND)
        rc = ERR_OK;
    if (rc == ERR_OK)
        rc = inspections_last(req->db, o->id, &inspected);
    struct referral *refs = NULL;
    size_t n_refs = 0;
    if (rc == ERR_OK)
        rc = referrals_in_force(req->db, req->arena, o->id, app_today(req),
                                &refs, &n_refs);
    if (rc != ERR_OK)
        return rc;
    if (have) {
        json_t *items = json_array();
        for (size_t i = 0; i < last.n_items; i++)
            json_array_append_new(
                items,
                json_pack("{s:s,s:o,s:b,s:s}", "code", last.items[i].code,
                          "name", text2_json(&last.items[i].name), "mandatory",
                          last.items[i].mandatory, "status",
                          facility_status_code(last.items[i].status)));
        json_t *f = json_pack(
            "{s:s,s:o,s:i,s:o}", "assessed_at",
            apps_iso(req, last.created_at, o->utc_offset_min), "inspected_at",
            inspected ? json_string(apps_iso(req, inspected, o->utc_offset_min))
                      : json_null(),
            "score_pct", last.score.pct, "items", items);
        json_object_set_new(f, "all_mandatory_met",
                            json_boolean(last.score.all_mandatory));
        json_object_set_new(office, "facilities", f);
    } else {
        json_object_set_new(office, "facilities", json_null());
    }
    json_t *rl = json_array();
    for (size_t i = 0; i < n_refs; i++) {
        for (size_t k = 0; k < n; k++) {
            struct referral_rule rule = {refs[i].services, refs[i].from_day,
                                         refs[i].until_day};
            if (!referral_applies(&rule, service_codes[k], app_today(req)))
                continue;
            json_array_append_new(
                rl, json_pack("{s:s,s:s,s:s,s:s}", "service", service_codes[k],
                              "to", refs[i].to_code, "to_name", refs[i].to_name,
                              "until", refs[i].until_day));
        }
    }
    json_object_set_new(office, "referrals", rl);
    return ERR_OK;
}

/* The office of the path for a head of office's API call: 404 unknown,
 * 403 not theirs. */
static bool api_office(struct request *req, struct response *res,
                       struct office *o)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc == ERR_OK && !scope_assess(&req->who, o->id))
        rc = ERR_DENIED;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

void h_api_assessment(struct request *req, struct response *res)
{
    struct office o;
    if (!api_office(req, res, &o))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    struct field_errors fe = {0};
    json_t *items = json_object_get(body, "items");
    if (!json_is_array(items))
        ferr_add(&fe, req->arena, "items", "required",
                 "'items' wajib: larik {code, status, note}.",
                 "'items' is required: an array of {code, status, note}.");
    size_t n = json_array_size(items);
    struct assess_input *in = arena_alloc(req->arena, (n + 1) * sizeof(*in));
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_array_get(items, i);
        in[i].code = jline(req, it, "code");
        in[i].status = jline(req, it, "status");
        in[i].note = jlines(req, it, "note");
        in[i].photo = (struct rd_upload){NULL, 0};
    }
    json_decref(body);
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct assessment as;
    enum readiness_outcome out;
    enum err rc = readiness_assess(&c, &o, in, n, &fe, &as, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    app_json(req, res, 201,
             json_pack("{s:I,s:s,s:s,s:i,s:b}", "id", (json_int_t)as.id,
                       "office", o.code, "assessed_on", as.assessed_on,
                       "score_pct", as.score.pct, "all_mandatory_met",
                       as.score.all_mandatory));
}

void h_api_inability(struct request *req, struct response *res)
{
    struct office o;
    if (!api_office(req, res, &o))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    struct field_errors fe = {0};
    struct inability_input in = {0};
    in.services = jcodes(req, body, "services", &in.n_services, &fe);
    in.reasons = jcodes(req, body, "reasons", &in.n_reasons, &fe);
    in.details = jlines(req, body, "details");
    in.support_requested = jlines(req, body, "support_requested");
    in.expected_by = jline(req, body, "expected_by");
    json_decref(body);
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct inability_report r;
    enum readiness_outcome out;
    enum err rc = inability_file(&c, &o, &in, &fe, &r, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    res_header(req, res, "Location",
               arena_printf(req->arena, "/api/v1/inability-reports/%lld",
                            (long long)r.id));
    app_json(req, res, 201,
             json_pack("{s:I,s:s,s:s}", "id", (json_int_t)r.id, "status",
                       inability_state_code(r.state), "acknowledge_by",
                       apps_iso(req, r.ack_due_at, o.utc_offset_min)));
}

static json_t *report_json(struct request *req,
                           const struct inability_report *r,
                           const struct readiness_event *ev, size_t n)
{
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            events,
            json_pack("{s:s,s:s,s:s,s:s?}", "at",
                      apps_iso(req, ev[i].at, app_utc_offset(req)), "actor",
                      ev[i].actor, "action", ev[i].action, "note", ev[i].note));
    json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "id",
                          (json_int_t)r->id, "office", r->office_code, "status",
                          inability_state_code(r->state), "services",
                          r->services, "reasons", r->reasons, "details",
                          r->details, "support_requested", r->support_requested,
                          "expected_by", r->expected_by, "acknowledge_by",
                          apps_iso(req, r->ack_due_at, app_utc_offset(req)));
    json_object_set_new(
        j, "decision",
        r->decision >= 0 ? json_pack("{s:s,s:s?,s:s?,s:s?}", "decision",
                                     inability_decision_code(
                                         (enum inability_decision)r->decision),
                                     "refer_to", r->refer_to_code, "until",
                                     r->until_day, "note", r->decision_note)
                         : json_null());
    json_object_set_new(j, "escalated", json_boolean(r->escalated_at != 0));
    json_object_set_new(j, "events", events);
    return j;
}

static bool api_report(struct request *req, struct response *res,
                       struct inability_report *r)
{
    enum err rc = report_at(req, r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

void h_api_inability_get(struct request *req, struct response *res)
{
    struct inability_report r;
    if (!api_report(req, res, &r))
        return;
    struct readiness_event *ev;
    size_t n;
    enum err rc =
        readiness_events_of(req->db, req->arena, "inability", r.id, &ev, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    app_json(req, res, 200, report_json(req, &r, ev, n));
}

void h_api_inability_decision(struct request *req, struct response *res)
{
    struct inability_report r;
    if (!api_report(req, res, &r))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    struct decision_input in = {
        .decision = jline(req, body, "decision"),
        .refer_to = jline(req, body, "refer_to"),
        .until = jline(req, body, "until"),
        .note = jlines(req, body, "note"),
    };
    json_int_t version = json_integer_value(json_object_get(body, "version"));
    json_decref(body);
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    enum readiness_outcome out;
    enum err rc = inability_decide(
        &c, &r, &in, version > 0 && version < INT32_MAX ? (int)version : 0, &fe,
        &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    struct readiness_event *ev;
    size_t n;
    rc = readiness_events_of(req->db, req->arena, "inability", r.id, &ev, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    app_json(req, res, 200, report_json(req, &r, ev, n));
}

void h_api_socialisation(struct request *req, struct response *res)
{
    struct office o;
    if (!api_office(req, res, &o))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    json_t *aud = json_object_get(body, "audience");
    struct socialisation_input in = {
        .date = jline(req, body, "date"),
        .forum = jline(req, body, "forum"),
        .place = jline(req, body, "place"),
        .village = jline(req, body, "village"),
        .audience =
            json_is_integer(aud) ? (int64_t)json_integer_value(aud) : -1,
        .materials = jlines(req, body, "materials"),
        .note = jlines(req, body, "note"),
    };
    json_decref(body);
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    struct socialisation s;
    enum readiness_outcome out;
    enum err rc = socialisation_log(&c, &o, &in, &fe, &s, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == RDO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (out != RDO_DONE) {
        outcome_fail(req, res, out);
        return;
    }
    app_json(req, res, 201,
             json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)s.id, "office",
                       o.code, "date", s.held_on, "forum",
                       forum_code(s.forum)));
}

void h_api_report_socialisation(struct request *req, struct response *res)
{
    const char *from, *to, *six, *district;
    struct field_errors fe = {0};
    enum err rc = soc_query(req, &from, &to, &six, &district, &fe);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct socialisation_district *items;
    size_t n;
    rc = soc_report(req, from, to, six, district, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *reached = json_array(), *not_reached = json_array();
        for (size_t k = 0; k < items[i].n_villages; k++) {
            const struct village_reach *vr = &items[i].villages[k];
            if (vr->reached)
                json_array_append_new(
                    reached,
                    json_pack("{s:s,s:s}", "code", vr->code, "name", vr->name));
            else
                json_array_append_new(
                    not_reached,
                    json_pack("{s:s,s:s,s:b}", "code", vr->code, "name",
                              vr->name, "ever_reached", vr->ever_reached));
        }
        json_array_append_new(
            list, json_pack("{s:s,s:s,s:I,s:I,s:I,s:o,s:o}", "district",
                            items[i].code, "name", items[i].name, "activities",
                            (json_int_t)items[i].activities, "audience",
                            (json_int_t)items[i].audience, "religious_forums",
                            (json_int_t)items[i].religious, "villages_reached",
                            reached, "villages_not_reached", not_reached));
    }
    app_json(req, res, 200,
             json_pack("{s:s,s:s,s:s,s:o}", "from", from, "to", to,
                       "reach_from", six, "items", list));
}
