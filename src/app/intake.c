/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * intake.c: registering an application at the counter (HTML) and through
 * the API, and the promised date of a hypothetical hand-in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/apps.h"
#include "app/notify.h"
#include "app/queue.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/text.h"
#include "core/nik.h"
#include "core/notify.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "svc/readiness.h"
#include "svc/search.h"
#include "views/applications.h"

/* The user's office, for the counter pages (front office and heads). */
static __attribute__((warn_unused_result)) enum err
counter_office(struct request *req, struct office *o)
{
    if (!scope_intake(&req->who, req->who.office_id))
        return ERR_DENIED;
    return offices_get_by_id(req->db, req->arena, req->who.office_id, o);
}

void h_intake_services(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = counter_office(req, &o);
    struct service_def *all = NULL;
    size_t n = 0;
    /* The picker: a search box above the list grouped by category (a GET
     * form, so it works without JavaScript; static/picker.js narrows the
     * list while typing). */
    const char *q = params_str(&req->query, req->arena, "q");
    if (strlen(q) > 100)
        q = arena_strndup(req->arena, q, 100);
    struct service_filter f = {.level = -1, .q = q};
    struct svc_ctx c = app_svc(req);
    if (rc == ERR_OK)
        rc = search_services(&c, &f, &all, &n);
    struct category *cats = NULL;
    size_t n_cats = 0;
    if (rc == ERR_OK)
        rc = categories_list(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct service_def *items =
        arena_alloc(req->arena, (n + 1) * sizeof(*items));
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (office_accepts(&o, &all[i]))
            items[k++] = all[i];
    struct view v = app_view(req, res);
    view_intake_services(&v, &o, items, k, cats, n_cats, q);
}

static struct promise_text promise_now(struct request *req,
                                       const struct intake_ctx *ctx)
{
    struct deadline d = intake_promise(ctx, req->now);
    struct promise_text p = {
        d.ok ? apps_when(req, d.at, ctx->office.utc_offset_min)
             : L(req->lang, "tidak dapat dihitung (kantor tidak pernah buka)",
                 "cannot be computed (the office never opens)"),
        d.provisional};
    return p;
}

static __attribute__((warn_unused_result)) enum err
villages_of(struct request *req, const struct office *o, struct region **items,
            size_t *n)
{
    char district[16] = "";
    if (o->level == OFFICE_KECAMATAN)
        snprintf(district, sizeof(district), "%s", o->region_code);
    else if (!region_parent(o->region_code, district))
        district[0] = '\0';
    *items = NULL;
    *n = 0;
    return *district ? regions_children(req->db, req->arena, district, items, n)
                     : ERR_OK;
}

static __attribute__((warn_unused_result)) enum err
form_ctx(struct request *req, struct intake_ctx *ctx)
{
    struct svc_ctx c = app_svc(req);
    struct office o;
    enum err rc = counter_office(req, &o);
    if (rc == ERR_OK)
        rc = intake_load(&c, o.code, req->path_args[0], ctx);
    if (rc == ERR_OK && (!ctx->svc.active || !office_accepts(&o, &ctx->svc)))
        rc = ERR_NOT_FOUND;
    return rc;
}

static void show_form(struct request *req, struct response *res,
                      const struct intake_ctx *ctx, const struct params *form,
                      const struct field_errors *fe)
{
    struct region *villages;
    size_t n;
    enum err rc = villages_of(req, &ctx->office, &villages, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct promise_text p = promise_now(req, ctx);
    struct notify_offer offer = app_notify_offer(req);
    struct view v = app_view(req, res);
    view_intake_form(&v, &ctx->office, &ctx->svc, villages, n, form, fe, &p,
                     &offer);
}

void h_intake_form(struct request *req, struct response *res)
{
    struct intake_ctx ctx;
    enum err rc = form_ctx(req, &ctx);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_form(req, res, &ctx, NULL, NULL);
}

/* Why no phone, from the form: a preset chosen, or (with "other", or
 * nothing chosen) the words typed beside it. */
static const char *apps_no_phone_reason(struct request *req)
{
    const char *chosen = params_str(&req->form, req->arena, "no_phone_reason");
    if (*chosen && strcmp(chosen, "other") != 0)
        return chosen;
    return params_str(&req->form, req->arena, "no_phone_other");
}

void h_intake_submit(struct request *req, struct response *res)
{
    /* The confirmation sent twice (a reload, a double click): the receipt
     * of the first, no second registration. */
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/applications/%s/receipt", first));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    first = NULL;
    struct intake_ctx ctx;
    rc = form_ctx(req, &ctx);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* "Ubah" on the confirmation, "back to the form" on the missing-
     * documents slip: the form again, as it was typed. */
    if (params_bool(&req->form, "edit")) {
        show_form(req, res, &ctx, &req->form, NULL);
        return;
    }
    struct intake_form form = {
        .nik = params_str(&req->form, req->arena, "nik"),
        .name = params_str(&req->form, req->arena, "name"),
        .village = params_str(&req->form, req->arena, "village"),
        .phone = params_str(&req->form, req->arena, "phone"),
        .no_phone_reason = apps_no_phone_reason(req),
        .purpose = params_str(&req->form, req->arena, "purpose"),
        .email = params_str(&req->form, req->arena, "email"),
        .fields_json = "{}",
        .notify = app_notify_consent(req),
    };
    form.n_reqs = params_count(&req->form, "req");
    form.reqs = arena_alloc(req->arena, (form.n_reqs + 1) * sizeof(char *));
    for (size_t i = 0; i < form.n_reqs; i++)
        form.reqs[i] = params_nth(&req->form, "req", i);
    struct field_errors fe = {0};
    struct intake_check chk;
    enum intake_outcome io;
    rc = intake_check(&c, &ctx, &form, &fe, &chk, &io);
    if (rc == ERR_OK && io == INTAKE_DENIED)
        rc = ERR_DENIED;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (io == INTAKE_INVALID) {
        res->status = 422;
        show_form(req, res, &ctx, &req->form, &fe);
        return;
    }
    if (io == INTAKE_MISSING) {
        res->status = 422;
        struct view v = app_view(req, res);
        view_intake_missing(
            &v, &ctx.office, &ctx.svc, chk.missing, chk.n_missing, &req->form,
            apps_when(req, req->now, ctx.office.utc_offset_min),
            notify_hours_text(req->arena, &ctx.office.hours, req->lang));
        return;
    }
    if (!params_bool(&req->form, "confirm")) {
        char masked[17];
        nik_mask(chk.nik_digits, masked);
        const char *warnings[4];
        for (size_t i = 0; i < chk.n_warnings; i++)
            warnings[i] = L(req->lang, chk.warnings_id[i], chk.warnings_en[i]);
        struct promise_text p = promise_now(req, &ctx);
        struct view v = app_view(req, res);
        struct intake_summary sum = {.office = &ctx.office,
                                     .svc = &ctx.svc,
                                     .form = &req->form,
                                     .nik_masked = masked,
                                     .district = chk.district,
                                     .village_name = chk.village_name,
                                     .warnings = warnings,
                                     .n_warnings = chk.n_warnings,
                                     .promise = &p};
        view_intake_confirm(&v, &sum);
        return;
    }
    struct application a;
    struct queue_ticket qt;
    rc = queue_current_ticket(req, &qt);
    if (rc == ERR_OK)
        form.ticket_id = qt.id; /* the citizen at the officer's counter */
    else if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    rc = intake_register(&c, &ctx, &form, &chk, &a);
    if (rc == ERR_CONFLICT) /* a twin of this form registered first */
        rc = svc_replay_find(&c, &first, &first_at);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/applications/%s/receipt",
                              first ? first : a.regno));
}

/* Read a JSON string member, "" when absent or not a string. */
static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

json_t *apps_json(struct request *req, const struct application *a,
                  int offset_min, bool staff)
{
    json_t *j = json_pack(
        "{s:s,s:s,s:s,s:s,s:i,s:s,s:b,s:s,s:s?}", "registration_no", a->regno,
        "service", a->service_code, "office", a->office_code, "status",
        appl_state_code(a->state), "service_version", a->service_version,
        "promised_at", apps_iso(req, a->promised_at, offset_min), "provisional",
        a->provisional, "submitted_at",
        apps_iso(req, a->submitted_at, offset_min), "completed_at",
        a->completed_at ? apps_iso(req, a->completed_at, offset_min) : NULL);
    json_object_set_new(j, "status_text",
                        json_pack("{s:s,s:s}", "id",
                                  appl_state_name(a->state, LANG_ID), "en",
                                  appl_state_name(a->state, LANG_EN)));
    if (staff && role_has(req->who.role, PERM_PERSONAL_DATA)) {
        json_object_set_new(j, "citizen",
                            json_pack("{s:s,s:s,s:s?,s:s,s:s?,s:s?}", "nik",
                                      a->nik, "name", a->citizen_name,
                                      "village", a->village_code, "phone",
                                      a->phone, "email", a->email,
                                      "no_phone_reason", a->no_phone_reason));
    } else if (staff) {
        /* Oversight: the NIK masked, no contact details. */
        char masked[17];
        nik_mask(a->nik, masked);
        json_object_set_new(j, "citizen",
                            json_pack("{s:s,s:s,s:s?}", "nik", masked, "name",
                                      a->citizen_name, "village",
                                      a->village_code));
    }
    /* The purpose may say more than it seems ("untuk berobat"): to the
     * registering client and to those who see personal data. */
    if (!staff || role_has(req->who.role, PERM_PERSONAL_DATA))
        json_object_set_new(j, "purpose",
                            a->purpose ? json_string(a->purpose) : json_null());
    if (staff) {
        json_object_set_new(j, "version", json_integer(a->version));
        json_object_set_new(j, "fee", json_integer(a->fee));
    }
    return j;
}

/* The answer to a registration (also to its repeat with the same
 * Idempotency-Key): the application with its PIN and survey link. */
static void intake_answer(struct request *req, struct response *res,
                          const struct application *a, int offset_min,
                          const struct intake_check *chk)
{
    json_t *out = apps_json(req, a, offset_min, false);
    json_object_set_new(out, "pin", json_string(a->pin));
    json_object_set_new(out, "survey_url",
                        json_string(apps_survey_url(req, a)));
    json_t *warnings = json_array();
    for (size_t i = 0; chk && i < chk->n_warnings; i++)
        json_array_append_new(warnings,
                              json_string(L(req->lang, chk->warnings_id[i],
                                            chk->warnings_en[i])));
    json_object_set_new(out, "warnings", warnings);
    res_header(req, res, "Location",
               arena_printf(req->arena, "/api/v1/applications/%s", a->regno));
    app_json(req, res, 201, out);
}

/* A repeat of an earlier registration with the same Idempotency-Key. */
static bool intake_replayed(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_NOT_FOUND)
        return false;
    struct application a;
    struct office o;
    if (rc == ERR_OK)
        rc = applications_get(req->db, req->arena, first, &a);
    if (rc == ERR_OK)
        rc = offices_get_by_id(req->db, req->arena, a.office_id, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return true;
    }
    res_header(req, res, "Idempotent-Replayed", "true");
    intake_answer(req, res, &a, o.utc_offset_min, NULL);
    return true;
}

void h_api_intake(struct request *req, struct response *res)
{
    if (intake_replayed(req, res))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    json_t *citizen = json_object_get(body, "citizen");
    json_t *reqs = json_object_get(body, "requirements");
    json_t *fields = json_object_get(body, "fields");
    json_t *ticket = json_object_get(body, "ticket");
    struct field_errors fe = {0};
    if (ticket && !json_is_null(ticket) &&
        (!json_is_integer(ticket) || json_integer_value(ticket) < 1))
        ferr_add(&fe, req->arena, "ticket", "invalid",
                 "'ticket' harus id nomor antrean atau null.",
                 "'ticket' must be a queue ticket id or null.");
    if (!json_is_object(citizen))
        ferr_add(&fe, req->arena, "citizen", "required",
                 "Objek 'citizen' wajib.", "The 'citizen' object is required.");
    if (reqs && !json_is_array(reqs))
        ferr_add(&fe, req->arena, "requirements", "invalid",
                 "'requirements' harus larik kode.",
                 "'requirements' must be an array of codes.");
    if (fields && !json_is_object(fields))
        ferr_add(&fe, req->arena, "fields", "invalid", "'fields' harus objek.",
                 "'fields' must be an object.");
    struct notify_consent consent = {false, false, LANG_ID};
    if (json_is_object(citizen))
        app_notify_consent_json(req, citizen, &consent, &fe);
    struct intake_ctx ctx;
    struct svc_ctx c = app_svc(req);
    enum err rc = ERR_OK;
    if (!ferr_any(&fe)) {
        rc = intake_load(&c, jstr(body, "office"), jstr(body, "service"), &ctx);
        if (rc == ERR_NOT_FOUND)
            ferr_add(&fe, req->arena, "office", "unknown",
                     "Kantor atau layanan tidak dikenal.",
                     "Unknown office or service.");
        else if (rc != ERR_OK) {
            json_decref(body);
            app_fail(req, res, rc);
            return;
        }
    }
    if (ferr_any(&fe)) {
        json_decref(body);
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct intake_form form = {
        .nik = text_line(req->arena, jstr(citizen, "nik")),
        .name = text_line(req->arena, jstr(citizen, "name")),
        .village = text_line(req->arena, jstr(citizen, "village")),
        .phone = text_line(req->arena, jstr(citizen, "phone")),
        .no_phone_reason =
            text_line(req->arena, jstr(citizen, "no_phone_reason")),
        .purpose = text_line(req->arena, jstr(body, "purpose")),
        .email = text_line(req->arena, jstr(citizen, "email")),
        .notify = consent,
    };
    form.ticket_id = json_is_integer(ticket) ? json_integer_value(ticket) : 0;
    char *fj = fields ? json_dumps(fields, JSON_COMPACT) : NULL;
    if (fields && !fj) {
        json_decref(body);
        app_fail(req, res, ERR_INTERNAL);
        return;
    }
    form.fields_json = arena_strdup(req->arena, fj ? fj : "{}");
    free(fj);
    form.n_reqs = json_array_size(reqs);
    form.reqs = arena_alloc(req->arena, (form.n_reqs + 1) * sizeof(char *));
    for (size_t i = 0; i < form.n_reqs; i++)
        form.reqs[i] = arena_strdup(
            req->arena, json_string_value(json_array_get(reqs, i))
                            ? json_string_value(json_array_get(reqs, i))
                            : "");
    json_decref(body);
    struct intake_check chk;
    enum intake_outcome io;
    rc = intake_check(&c, &ctx, &form, &fe, &chk, &io);
    if (rc == ERR_OK && io == INTAKE_DENIED)
        rc = ERR_DENIED;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    for (size_t i = 0; i < chk.n_missing; i++)
        ferr_add(&fe, req->arena, "requirements", "missing_mandatory",
                 arena_printf(req->arena, "Persyaratan wajib belum ada: %s",
                              chk.missing[i]->name.id),
                 arena_printf(req->arena, "Mandatory requirement missing: %s",
                              chk.missing[i]->name.en));
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct application a;
    rc = intake_register(&c, &ctx, &form, &chk, &a);
    if (rc == ERR_CONFLICT && intake_replayed(req, res))
        return; /* a twin with the same key registered first */
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    intake_answer(req, res, &a, ctx.office.utc_offset_min, &chk);
}

void h_api_promise(struct request *req, struct response *res)
{
    const char *office = params_get(&req->query, "office");
    const char *at = params_get(&req->query, "at");
    struct field_errors fe = {0};
    int64_t t = req->now;
    if (!office || !*office)
        ferr_add(&fe, req->arena, "office", "required",
                 "Sebutkan kantor (?office=KODE).",
                 "Name the office (?office=CODE).");
    /* A time without a zone is the office's local time: checked here in
     * the regency's zone, read again below in the office's. */
    enum civil_iso at_ok =
        at && *at ? civil_check_iso_local(at, app_utc_offset(req), &t)
                  : CIVIL_ISO_OK;
    if (at_ok == CIVIL_ISO_MALFORMED)
        ferr_add(&fe, req->arena, "at", "invalid_time",
                 "Waktu harus ISO 8601, mis. 2026-03-02T10:00:00+07:00 "
                 "(tanpa zona: waktu kantor).",
                 "The time must be ISO 8601, e.g. 2026-03-02T10:00:00+07:00 "
                 "(without a zone: the office's time).");
    else if (at_ok == CIVIL_ISO_OUT_OF_RANGE)
        ferr_add(&fe, req->arena, "at", "out_of_range",
                 "Waktu harus di antara tahun 0001 dan 9999 (UTC).",
                 "The time must lie within the years 0001 to 9999 (UTC).");
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct intake_ctx ctx;
    struct svc_ctx c = app_svc(req);
    enum err rc = intake_load(&c, office, req->path_args[0], &ctx);
    if (rc == ERR_OK &&
        (!ctx.svc.active || !office_accepts(&ctx.office, &ctx.svc)))
        ferr_add(&fe, req->arena, "office", "not_accepted_here",
                 "Layanan ini tidak diterima di kantor ini.",
                 "This service is not accepted at this office.");
    else if (rc == ERR_OK &&
             !office_is_service_point(&ctx.office, app_today(req)))
        ferr_add(&fe, req->arena, "office", "not_a_service_point",
                 "Kantor ini belum menjadi titik layanan.",
                 "This office is not a service point yet.");
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (!ferr_any(&fe)) {
        /* Referred elsewhere: the same answer as intake gives. */
        bool referred = false;
        struct referral r;
        const char *msg_id, *msg_en;
        rc = readiness_referral(&c, ctx.office.id, ctx.svc.code, &referred, &r,
                                &msg_id, &msg_en);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        if (referred)
            ferr_add(&fe, req->arena, "service", "referred", msg_id, msg_en);
    }
    if (!ferr_any(&fe) && at && *at &&
        civil_check_iso_local(at, ctx.office.utc_offset_min, &t) !=
            CIVIL_ISO_OK)
        ferr_add(&fe, req->arena, "at", "out_of_range",
                 "Waktu harus di antara tahun 0001 dan 9999 (UTC).",
                 "The time must lie within the years 0001 to 9999 (UTC).");
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct deadline d = intake_promise(&ctx, t);
    if (!d.ok) {
        app_error(req, res, 422, "office_never_opens",
                  "Kantor ini tidak punya jam buka.",
                  "This office has no opening hours.");
        return;
    }
    char promised[32];
    if (!civil_format_iso(d.at, ctx.office.utc_offset_min, promised)) {
        app_error(req, res, 422, "out_of_range",
                  "Tanggal janji jatuh setelah tahun 9999.",
                  "The promised date falls after the year 9999.");
        return;
    }
    app_json(req, res, 200,
             json_pack("{s:s,s:b,s:s,s:s,s:{s:i,s:s}}", "promised_at", promised,
                       "provisional", d.provisional, "office", ctx.office.code,
                       "service", ctx.svc.code, "time_limit", "amount",
                       ctx.svc.time_amount, "unit",
                       time_unit_code(ctx.svc.time_unit)));
}
