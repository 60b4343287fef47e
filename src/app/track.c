/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * track.c: public tracking of an application by registration number and
 * PIN. A mistyped number is caught by its check digit before any lookup;
 * a wrong PIN gets the same answer as an unknown number; failures are
 * counted per number and per address and throttled. No NIK, staff names
 * or phone numbers are shown.
 */
#include <string.h>

#include "app/apps.h"
#include "base/arena.h"
#include "core/notify.h"
#include "core/workflow.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "store/workcal.h"
#include "svc/track.h"
#include "views/applications.h"

static void outcome_message(enum track_outcome o, int *status,
                            const char **code, const char **id, const char **en)
{
    switch (o) {
    case TRACK_MALFORMED:
        *status = 422;
        *code = "malformed_number";
        *id = "Nomor registrasi terdiri dari 12 angka atau lebih, mis. "
              "26-009-00042-7.";
        *en = "A registration number has 12 or more digits, e.g. "
              "26-009-00042-7.";
        return;
    case TRACK_BAD_CHECK:
        *status = 422;
        *code = "check_digit";
        *id = "Nomor ini salah ketik: periksa kembali nomor pada tanda "
              "terima Anda.";
        *en = "This number has a typing error: check the number on your "
              "receipt.";
        return;
    case TRACK_THROTTLED:
        *status = 429;
        *code = "too_many_attempts";
        *id = "Terlalu banyak percobaan yang salah dari alamat ini. Coba "
              "lagi dalam satu jam, atau tanyakan di kantor.";
        *en = "Too many wrong attempts from this address. Try again in an "
              "hour, or ask at the office.";
        return;
    case TRACK_NEEDS_FACT:
        *status = 422;
        *code = "second_fact_required";
        *id = "Nomor ini sedang dilindungi karena banyak percobaan PIN yang "
              "salah. Masukkan PIN dan tanggal lahir Anda (sesuai NIK).";
        *en = "This number is protected because of many wrong PINs. Enter "
              "the PIN and your date of birth (as in your NIK).";
        return;
    case TRACK_NO_MATCH:
    case TRACK_FOUND:
    default:
        *status = 404;
        *code = "not_found";
        *id = "Nomor registrasi dan PIN tidak cocok dengan permohonan mana "
              "pun.";
        *en = "The registration number and PIN do not match any "
              "application.";
        return;
    }
}

/* Fill a track page of a found application. */
static __attribute__((warn_unused_result)) enum err
track_page(struct request *req, struct application *a, struct track_page *p,
           int *offset)
{
    struct office o;
    struct calendar cal;
    struct appl_event *events;
    size_t n;
    enum err rc = offices_get_by_id(req->db, req->arena, a->office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(req->db, req->arena, &o, &cal);
    if (rc == ERR_OK)
        rc = applications_events(req->db, req->arena, a->id, &events, &n);
    if (rc != ERR_OK)
        return rc;
    const char **times = arena_alloc(req->arena, (n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++)
        times[i] = apps_when(req, events[i].at, o.utc_offset_min);
    bool done = appl_state_is_completed(a->state);
    memset(p, 0, sizeof(*p));
    p->app = a;
    p->events = events;
    p->n_events = n;
    p->event_times = times;
    p->promised = apps_when(req, a->promised_at, o.utc_offset_min);
    p->provisional = a->provisional;
    p->completed = done;
    p->clock_stopped = a->state == APPL_RETURNED;
    if (a->state != APPL_RETURNED && a->state != APPL_REJECTED)
        p->days_late = cal_working_days_late(&cal, a->promised_at,
                                             done ? a->completed_at : req->now);
    *offset = o.utc_offset_min;
    /* Where and when to pick it up, the complaint form about it, and the
     * survey once it may be answered (appl_survey_open, not yet done). */
    struct office *op = arena_alloc(req->arena, sizeof(*op));
    *op = o;
    p->office = op;
    p->hours = notify_hours_text(req->arena, &o.hours, req->lang);
    if (a->state == APPL_READY && a->completed_at)
        p->ready_since = apps_when(req, a->completed_at, o.utc_offset_min);
    p->complaint_url =
        arena_printf(req->arena, "/complaints/new?regno=%s", a->regno);
    if (appl_survey_open(a->state) && a->survey_token) {
        struct survey_token t;
        rc = surveys_token(req->db, req->arena, a->survey_token, &t);
        if (rc == ERR_NOT_FOUND)
            return ERR_OK;
        if (rc != ERR_OK)
            return rc;
        if (!t.answered)
            p->survey_url =
                arena_printf(req->arena, "/survey?t=%s", a->survey_token);
    }
    return ERR_OK;
}

void h_track(struct request *req, struct response *res)
{
    const char *typed = params_str(&req->query, req->arena, "no");
    const char *pin = params_str(&req->query, req->arena, "pin");
    const char *fact = params_str(&req->query, req->arena, "birth");
    struct view v = app_view(req, res);
    if (!*typed || !*pin) {
        /* No number, or a number without its PIN (the receipt's link):
         * ask for the PIN, count no failure. */
        view_track_form(&v, typed, NULL, false);
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct track_query q = {TRACK_APPLICATION, typed, pin, fact};
    struct track_result r;
    enum err rc = track_lookup(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (r.outcome != TRACK_FOUND) {
        int status;
        const char *code, *id, *en;
        outcome_message(r.outcome, &status, &code, &id, &en);
        res->status = status;
        view_track_form(&v, typed, L(req->lang, id, en),
                        r.outcome == TRACK_NEEDS_FACT || *fact);
        return;
    }
    struct track_page p;
    int offset = app_utc_offset(req);
    rc = track_page(req, &r.app, &p, &offset);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    view_track(&v, &p);
}

void h_api_track(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    struct track_query q = {TRACK_APPLICATION, req->path_args[0],
                            params_get(&req->query, "pin"),
                            params_get(&req->query, "birth")};
    struct track_result r;
    enum err rc = track_lookup(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (r.outcome != TRACK_FOUND) {
        int status;
        const char *code, *id, *en;
        outcome_message(r.outcome, &status, &code, &id, &en);
        app_error(req, res, status, code, id, en);
        return;
    }
    struct application a = r.app;
    struct track_page p;
    int offset = app_utc_offset(req);
    rc = track_page(req, &a, &p, &offset);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* Written straight into the answer (the hottest JSON there is). */
    const char **iso = arena_alloc(req->arena, (p.n_events + 1) * sizeof(*iso));
    for (size_t i = 0; i < p.n_events; i++)
        iso[i] = apps_iso(req, p.events[i].at, offset);
    res->status = 200;
    res->content_type = "application/json; charset=utf-8";
    view_track_json(&res->body, &p, apps_iso(req, a.promised_at, offset), iso);
}
