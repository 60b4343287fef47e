/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * work.c: the back office: work lists per role and office, one
 * application with the actions this user may take, the receipt, and the
 * staff JSON API for applications.
 */
#include <stdio.h>
#include <string.h>

#include "app/apps.h"
#include "base/arena.h"
#include "base/text.h"
#include "core/nik.h"
#include "core/notify.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "store/queue.h"
#include "store/users.h"
#include "store/workcal.h"
#include "views/applications.h"

/* Times on staff pages and the staff API: the regency's zone. */
#define REGION_OFFSET_DEFAULT (app_utc_offset(req))

/* The work-list scope of the user: every office, the own office, or an
 * agency's services. Fails closed: no scope, or an office that cannot be
 * read, is ERR_DENIED, never "all offices". */
static __attribute__((warn_unused_result)) enum err
scope_filter(struct request *req, struct appl_filter *f,
             const char **scope_name, struct office *o)
{
    memset(f, 0, sizeof(*f));
    f->state = -1;
    f->limit = 300;
    *scope_name = L(req->lang, "Semua kantor", "All offices");
    enum worklist_scope scope = scope_worklist(&req->who);
    if (scope == WORKLIST_ALL)
        return ERR_OK;
    if (scope == WORKLIST_NONE)
        return ERR_DENIED;
    enum err rc = offices_get_by_id(req->db, req->arena, req->who.office_id, o);
    if (rc != ERR_OK)
        return rc == ERR_NOT_FOUND ? ERR_DENIED : rc;
    *scope_name = o->name;
    if (scope == WORKLIST_AGENCY)
        f->agency = o->code;
    else
        f->office_id = o->id;
    return ERR_OK;
}

void h_work(struct request *req, struct response *res)
{
    struct appl_filter f;
    const char *scope;
    struct office o = {0};
    enum err rc = scope_filter(req, &f, &scope, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* The services to choose from, and the one chosen (an unknown code
     * filters nothing out: the select shows "all services"). */
    struct service_filter sf = {
        .level = -1, .include_inactive = true, .day = app_today(req)};
    struct service_def *svcs = NULL;
    size_t n_svcs = 0;
    rc = catalogue_list(req->db, req->arena, &sf, &svcs, &n_svcs);
    const char *service = params_get(&req->query, "service");
    if (rc == ERR_OK && service && *service) {
        rc = catalogue_service_id(req->db, service, &f.service_id);
        if (rc == ERR_NOT_FOUND) {
            service = NULL;
            f.service_id = 0;
            rc = ERR_OK;
        }
    }
    int64_t counts[APPL_STATE__COUNT];
    if (rc == ERR_OK)
        rc = applications_count_states(req->db, &f, counts);
    const char *q = params_str(&req->query, req->arena, "q");
    enum appl_state st;
    const char *state = NULL;
    if (appl_state_parse(params_get(&req->query, "state"), &st)) {
        f.state = (int)st;
        state = appl_state_code(st);
    } else {
        f.open_only = true;
    }
    f.q = *q ? q : NULL;
    char canon[REGNO_MAX];
    if (f.q && regno_parse(f.q, canon) == REGNO_OK)
        f.q = arena_strdup(req->arena, canon);
    struct application *items = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = applications_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct work_item *w = arena_alloc(req->arena, (n + 1) * sizeof(*w));
    for (size_t i = 0; i < n; i++) {
        w[i].app = &items[i];
        w[i].promised =
            apps_when(req, items[i].promised_at, REGION_OFFSET_DEFAULT);
        w[i].overdue = !appl_state_is_completed(items[i].state) &&
                       items[i].state != APPL_RETURNED &&
                       items[i].promised_at < req->now;
    }
    struct worklist_page p = {
        .counts = counts,
        .q = q,
        .state = state,
        .service = f.service_id ? service : NULL,
        .svcs = svcs,
        .n_svcs = n_svcs,
        .scope_name = scope,
        .can_intake = o.id && scope_intake(&req->who, o.id),
        /* every office (the Sekda, the Bupati, an agency): each row
         * names its office */
        .show_office = f.office_id == 0,
    };
    struct view v = app_view(req, res);
    view_worklist(&v, w, n, &p);
}

/* Load the application at the path, if the user may see it. */
static __attribute__((warn_unused_result)) enum err
visible_app(struct request *req, struct application *a)
{
    char canon[REGNO_MAX];
    if (regno_parse(req->path_args[0], canon) != REGNO_OK)
        return ERR_NOT_FOUND;
    enum err rc = applications_get(req->db, req->arena, canon, a);
    struct svc_ctx c = app_svc(req);
    if (rc == ERR_OK && !appl_visible(&c, a))
        rc = ERR_NOT_FOUND; /* outside the scope: as if it did not exist */
    return rc;
}

/* The actions the user could take now (for the buttons). */
static size_t possible_actions(struct request *req, const struct application *a,
                               const struct service_def *s,
                               enum appl_action *out)
{
    size_t n = 0;
    struct wf_app cur = {a->state, a->next_step, a->before_return}, next;
    for (int act = 0; act < ACT__COUNT; act++)
        if (act != ACT_NOTE && wf_check(s, &cur, (enum appl_action)act,
                                        req->who.role, true, &next) == WF_OK)
            out[n++] = (enum appl_action)act;
    if (wf_check(s, &cur, ACT_NOTE, req->who.role, true, &next) == WF_OK)
        out[n++] = ACT_NOTE;
    return n;
}

static void show_app(struct request *req, struct response *res,
                     struct application *a, const char *flash,
                     const char *error)
{
    struct service_def s;
    struct appl_event *events;
    size_t n_events;
    struct office o;
    struct calendar cal;
    enum err rc = catalogue_get(req->db, req->arena, a->service_code,
                                a->service_version, &s);
    if (rc == ERR_OK)
        rc =
            applications_events(req->db, req->arena, a->id, &events, &n_events);
    if (rc == ERR_OK)
        rc = offices_get_by_id(req->db, req->arena, a->office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(req->db, req->arena, &o, &cal);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char **times =
        arena_alloc(req->arena, (n_events + 1) * sizeof(char *));
    for (size_t i = 0; i < n_events; i++)
        times[i] = apps_when(req, events[i].at, o.utc_offset_min);
    enum appl_action actions[ACT__COUNT];
    char masked[17];
    nik_mask(a->nik, masked);
    bool done = appl_state_is_completed(a->state);
    int64_t end = done ? a->completed_at : req->now;
    struct appl_page p = {
        .app = a,
        .svc = &s,
        .events = events,
        .n_events = n_events,
        .event_times = times,
        .promised = apps_when(req, a->promised_at, o.utc_offset_min),
        .days_late = a->state == APPL_RETURNED
                         ? 0
                         : cal_working_days_late(&cal, a->promised_at, end),
        .overdue =
            !done && a->state != APPL_RETURNED && a->promised_at < req->now,
        .actions = actions,
        .n_actions = possible_actions(req, a, &s, actions),
        .nik_masked = masked,
        .show_contact = role_has(req->who.role, PERM_PERSONAL_DATA),
        .flash = flash,
        .error = error,
    };
    if (a->state == APPL_REJECTED)
        p.days_late = 0;
    struct queue_ticket qt;
    p.queue_wait_s = p.queue_service_s = -1;
    rc = queue_ticket_of_application(req->db, req->arena, a->id, &qt);
    if (rc != ERR_OK && rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    if (rc == ERR_OK) {
        p.queue_label = qt.label;
        if (qt.called_at)
            p.queue_wait_s =
                queue_wait_s(qt.issued_at, qt.queue_at, qt.called_at);
        if (qt.called_at && qt.finished_at)
            p.queue_service_s = queue_service_s(qt.called_at, qt.finished_at);
    }
    struct view v = app_view(req, res);
    view_application(&v, &p);
}

void h_application(struct request *req, struct response *res)
{
    struct application a;
    enum err rc = visible_app(req, &a);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_app(req, res, &a,
             params_get(&req->query, "done")
                 ? L(req->lang, "Tercatat.", "Recorded.")
                 : NULL,
             NULL);
}

/* Messages for an action that was not recorded. */
static void outcome_text(struct request *req, enum appl_outcome o,
                         const char **id, const char **en, int *status)
{
    (void)req;
    switch (o) {
    case APPL_NEEDS_NOTE:
        *id = "Isi catatan: apa yang kurang, alasan penolakan, atau siapa "
              "yang mengambil.";
        *en = "Give a note: what is missing, the reason for rejection, or "
              "who collected it.";
        *status = 422;
        return;
    case APPL_STALE:
        *id = "Permohonan ini baru saja diubah oleh petugas lain. Lihat "
              "statusnya sekarang sebelum bertindak lagi.";
        *en = "Another officer changed this application a moment ago. See "
              "its status now before acting again.";
        *status = 409;
        return;
    case APPL_NOT_ALLOWED:
    default:
        *id = "Tindakan ini tidak dapat dilakukan oleh peran Anda pada "
              "status sekarang.";
        *en = "Your role cannot take this action in the current status.";
        *status = 409;
        return;
    }
}

void h_application_event(struct request *req, struct response *res)
{
    struct application a;
    enum err rc = visible_app(req, &a);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    enum appl_action action;
    int64_t version = 0;
    if (!appl_action_parse(params_get(&req->form, "action"), &action) ||
        params_int(&req->form, "version", 1, INT32_MAX, &version) != ERR_OK) {
        app_error(req, res, 400, "bad_request",
                  "Tindakan atau versi tidak dikenal.",
                  "Unknown action or version.");
        return;
    }
    const char *note = params_text(&req->form, req->arena, "note");
    if (strlen(note) > 1000) {
        res->status = 422;
        show_app(req, res, &a, NULL,
                 L(req->lang, "Catatan paling banyak 1000 karakter.",
                   "A note has at most 1000 characters."));
        return;
    }
    enum appl_outcome outcome;
    struct svc_ctx sc = app_svc(req);
    rc = appl_act(&sc, &a, action, note, (int)version, &outcome);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (outcome != APPL_DONE) {
        const char *id, *en;
        int status;
        outcome_text(req, outcome, &id, &en, &status);
        struct application fresh;
        if (applications_get(req->db, req->arena, a.regno, &fresh) == ERR_OK)
            a = fresh;
        res->status = status;
        show_app(req, res, &a, NULL, L(req->lang, id, en));
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/applications/%s?done=1", a.regno));
}

const char *apps_track_url(struct request *req, const struct application *a)
{
    const struct app *app = app_of(req);
    const char *base = app->public_url;
    if (!base || !*base)
        base = arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                            *req->host ? req->host : "localhost");
    return arena_printf(req->arena, "%s/track?no=%s&pin=%s", base, a->regno,
                        a->pin);
}

const char *apps_survey_url(struct request *req, const struct application *a)
{
    const char *track = apps_track_url(req, a);
    const char *q = strstr(track, "/track?");
    size_t base = q ? (size_t)(q - track) : strlen(track);
    return arena_printf(req->arena, "%.*s/survey?t=%s", (int)base, track,
                        a->survey_token);
}

void h_receipt(struct request *req, struct response *res)
{
    struct application a;
    enum err rc = visible_app(req, &a);
    /* The receipt holds the PIN and the citizen's data: for those who
     * serve citizens, not for oversight. */
    if (rc == ERR_OK && !role_has(req->who.role, PERM_PERSONAL_DATA))
        rc = ERR_NOT_FOUND;
    struct service_def s;
    struct office o;
    const char **codes = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = catalogue_get(req->db, req->arena, a.service_code,
                           a.service_version, &s);
    if (rc == ERR_OK)
        rc = offices_get_by_id(req->db, req->arena, a.office_id, &o);
    if (rc == ERR_OK)
        rc = applications_requirements(req->db, req->arena, a.id, &codes, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *format = params_get(&req->query, "format");
    if (!format || (strcmp(format, "a5") != 0 && strcmp(format, "80mm") != 0 &&
                    strcmp(format, "58mm") != 0))
        format = "a4";
    int64_t copies = 1;
    if (params_int(&req->query, "copies", 1, 2, &copies) != ERR_OK)
        copies = 1;
    /* The officer who registered it: the actor of its first event. */
    const char *officer = NULL;
    struct appl_event *events = NULL;
    size_t n_events = 0;
    rc = applications_events(req->db, req->arena, a.id, &events, &n_events);
    if (rc == ERR_OK && n_events > 0) {
        const char *login = events[0].actor;
        if (strncmp(login, "api:", 4) == 0)
            login += 4;
        struct user u;
        rc = users_get(req->db, req->arena, login, &u);
        officer =
            rc == ERR_OK && u.full_name && *u.full_name ? u.full_name : login;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK; /* a login since removed: its name */
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    char masked[17];
    nik_mask(a.nik, masked);
    struct receipt r = {
        .app = &a,
        .svc = &s,
        .office = &o,
        .handed_in = codes,
        .n_handed_in = n,
        .promise = {apps_when(req, a.promised_at, o.utc_offset_min),
                    a.provisional},
        .submitted = apps_when(req, a.submitted_at, o.utc_offset_min),
        .track_url = apps_track_url(req, &a),
        .survey_url = a.survey_token ? apps_survey_url(req, &a) : NULL,
        .format = format,
        .copies = (int)copies,
        .officer = officer,
        .hours = arena_printf(req->arena, "%s / %s",
                              notify_hours_text(req->arena, &o.hours, LANG_ID),
                              notify_hours_text(req->arena, &o.hours, LANG_EN)),
        .nik_masked = arena_strdup(req->arena, masked),
    };
    struct view v = app_view(req, res);
    view_receipt(&v, &r);
}

void h_api_application(struct request *req, struct response *res)
{
    struct application a;
    enum err rc = visible_app(req, &a);
    struct appl_event *events = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = applications_events(req->db, req->arena, a.id, &events, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *j = apps_json(req, &a, REGION_OFFSET_DEFAULT, true);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
            list, json_pack("{s:s,s:s,s:s,s:s?,s:s?}", "at",
                            apps_iso(req, events[i].at, REGION_OFFSET_DEFAULT),
                            "action", events[i].action, "status",
                            appl_state_code(events[i].state_after), "step",
                            events[i].step_code, "note", events[i].note));
    json_object_set_new(j, "events", list);
    struct queue_ticket qt;
    rc = queue_ticket_of_application(req->db, req->arena, a.id, &qt);
    if (rc != ERR_OK && rc != ERR_NOT_FOUND) {
        json_decref(j);
        app_fail(req, res, rc);
        return;
    }
    if (rc == ERR_OK)
        json_object_set_new(
            j, "queue",
            json_pack("{s:s,s:o,s:o}", "ticket", qt.label, "wait_s",
                      qt.called_at
                          ? json_integer(queue_wait_s(qt.issued_at, qt.queue_at,
                                                      qt.called_at))
                          : json_null(),
                      "service_s",
                      qt.called_at && qt.finished_at
                          ? json_integer(
                                queue_service_s(qt.called_at, qt.finished_at))
                          : json_null()));
    app_json(req, res, 200, j);
}

void h_api_application_event(struct request *req, struct response *res)
{
    struct application a;
    enum err rc = visible_app(req, &a);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_error_t e;
    json_t *body = json_loadb(req->body, req->body_len, 0, &e);
    if (!json_is_object(body)) {
        json_decref(body);
        app_error(req, res, 400, "invalid_json",
                  "Isi permintaan bukan objek JSON yang sah.",
                  "The request body is not a valid JSON object.");
        return;
    }
    enum appl_action action;
    bool known = appl_action_parse(
        json_string_value(json_object_get(body, "action")), &action);
    const char *note_raw = json_string_value(json_object_get(body, "note"));
    const char *note = note_raw ? text_lines(req->arena, note_raw) : "";
    json_int_t version = json_integer_value(json_object_get(body, "version"));
    json_decref(body);
    struct field_errors fe = {0};
    if (!known)
        ferr_add(&fe, req->arena, "action", "unknown_action",
                 "Tindakan: step, return, resume, reject, hand_over, note.",
                 "Action: step, return, resume, reject, hand_over, note.");
    if (strlen(note) > 1000)
        ferr_add(&fe, req->arena, "note", "too_long",
                 "Catatan paling banyak 1000 karakter.",
                 "A note has at most 1000 characters.");
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    enum appl_outcome outcome;
    struct svc_ctx sc = app_svc(req);
    rc = appl_act(&sc, &a, action, note, (int)version, &outcome);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (outcome == APPL_NEEDS_NOTE) {
        ferr_add(&fe, req->arena, "note", "required",
                 "Catatan wajib untuk tindakan ini.",
                 "This action needs a note.");
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (outcome != APPL_DONE) {
        const char *id, *en;
        int status;
        outcome_text(req, outcome, &id, &en, &status);
        app_error(req, res, status,
                  outcome == APPL_STALE ? "conflict" : "action_not_allowed", id,
                  en);
        return;
    }
    app_json(req, res, 200, apps_json(req, &a, REGION_OFFSET_DEFAULT, true));
}
