/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.c: the counter queue's handlers (see queue.h). Thin: parse, call
 * the service (svc/queue.h), answer with a page, a redirect or JSON; after
 * every write, board_poke() so this process's boards look at once (the
 * other instances see the change counter within BOARD_WATCH_MS).
 */
#include "app/queue.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/apps.h"
#include "app/board.h"
#include "app/complaints.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/text.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/devices.h"
#include "store/offices.h"
#include "svc/devices.h"
#include "svc/queue.h"
#include "views/queue.h"

/* ---- Shared ---------------------------------------------------------------
 */

/* The public address for the links printed on tickets and bookings. */
static const char *base_url(struct request *req)
{
    const struct app *app = app_of(req);
    if (app->public_url && *app->public_url)
        return app->public_url;
    return arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                        *req->host ? req->host : "localhost");
}

static const char *follow_url(struct request *req, const char *token)
{
    return arena_printf(req->arena, "%s/queue/ticket?t=%s", base_url(req),
                        token);
}

static const char *booking_url(struct request *req, const char *token)
{
    return arena_printf(req->arena, "%s/queue/booking?t=%s", base_url(req),
                        token);
}

/* The office named by the path's first argument; false (answered 404)
 * when unknown. */
static bool path_office(struct request *req, struct response *res,
                        struct office *o)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

/* Answer a refused queue action in the client's format. */
static void refuse(struct request *req, struct response *res,
                   enum queue_outcome o)
{
    switch (o) {
    case QO_COUNTER_BUSY:
        app_error(req, res, 409, "counter_busy",
                  "Loket ini masih memanggil atau melayani nomor lain. "
                  "Selesaikan atau tandai tidak hadir dulu.",
                  "This counter still has a ticket called or being served. "
                  "Finish it or mark it a no-show first.");
        return;
    case QO_TOO_EARLY:
        app_error(req, res, 409, "too_early",
                  "Nomor ini baru boleh ditandai tidak hadir setelah "
                  "dipanggil tiga kali.",
                  "A ticket may be marked a no-show only after three calls.");
        return;
    case QO_CALLS_USED:
        app_error(req, res, 409, "calls_used",
                  "Nomor ini sudah dipanggil tiga kali: tandai tidak hadir "
                  "atau layani.",
                  "This ticket was called three times already: mark it a "
                  "no-show or serve it.");
        return;
    case QO_STALE:
        app_error(req, res, 409, "conflict",
                  "Nomor ini baru saja diubah oleh petugas lain.",
                  "Another officer changed this ticket a moment ago.");
        return;
    case QO_INVALID:
        app_error(req, res, 422, "invalid",
                  "Loket tujuan atau nomor permohonan tidak valid.",
                  "The target counter or the registration number is not "
                  "valid.");
        return;
    case QO_RATE_LIMITED:
        res_header(req, res, "Retry-After", "3600");
        app_error(req, res, 429, "too_many_requests",
                  "Terlalu banyak permintaan dari sini. Coba lagi nanti.",
                  "Too many requests from here. Try again later.");
        return;
    case QO_THROTTLED:
        app_fail(req, res, ERR_THROTTLED);
        return;
    case QO_FULL:
        app_error(req, res, 409, "slot_full",
                  "Jam kedatangan itu sudah penuh. Pilih jam lain.",
                  "That arrival time is full. Choose another.");
        return;
    case QO_NOT_FOUND:
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    case QO_NOBODY:
    case QO_NOT_ALLOWED:
    case QO_DONE:
    default:
        app_error(req, res, 409, "not_allowed",
                  "Tindakan ini tidak dapat dilakukan pada status nomor "
                  "sekarang.",
                  "This action cannot be taken in the ticket's current "
                  "state.");
        return;
    }
}

static const char *jstr(struct request *req, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return text_line(req->arena, s ? s : "");
}

/* ---- The kiosk ---------------------------------------------------------- */

static void show_kiosk(struct request *req, struct response *res,
                       const struct office *o, bool priority,
                       const struct field_errors *fe, const char *booking)
{
    struct svc_ctx c = app_svc(req);
    struct queue_group *groups = NULL;
    struct queue_counter *counters = NULL;
    size_t n_groups = 0, n_counters = 0;
    enum err rc =
        queue_setup(&c, o, &groups, &n_groups, &counters, &n_counters);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct queue_kiosk_page p = {.office = o,
                                 .groups = groups,
                                 .n_groups = n_groups,
                                 .priority = priority,
                                 .fe = fe,
                                 .booking = booking,
                                 .csrf = app_anon_csrf(req, res)};
    struct view v = app_view(req, res);
    view_queue_kiosk(&v, &p);
}

/* The kiosk device and its office; false when answered. */
static bool kiosk_office(struct request *req, struct response *res,
                         struct device *dev, struct office *o)
{
    if (!app_kiosk(req, res, dev))
        return false;
    enum err rc = offices_get_by_id(req->db, req->arena, dev->office_id, o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

void h_queue_kiosk(struct request *req, struct response *res)
{
    struct device dev;
    struct office o;
    if (!kiosk_office(req, res, &dev, &o))
        return;
    show_kiosk(req, res, &o, params_bool(&req->query, "priority"), NULL, NULL);
}

void h_queue_kiosk_issue(struct request *req, struct response *res)
{
    struct device dev;
    struct office o;
    if (!kiosk_office(req, res, &dev, &o))
        return;
    struct svc_ctx c = app_svc(req);
    if (!c.replay_key) {
        app_error(req, res, 400, "bad_request",
                  "Formulir ini sudah kedaluwarsa; muat ulang halaman.",
                  "This form has expired; reload the page.");
        return;
    }
    const char *done =
        arena_printf(req->arena, "/queue/kiosk/ticket?f=%s", c.replay_key);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) { /* pressed twice: the first ticket */
        res_redirect(req, res, done);
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    const char *booking = params_str(&req->form, req->arena, "booking");
    struct queue_issue_in in = {.office = &o,
                                .group =
                                    params_str(&req->form, req->arena, "group"),
                                .priority = params_bool(&req->form, "priority"),
                                .booking = booking,
                                .channel = "kiosk",
                                .device_id = dev.id};
    struct field_errors fe = {0};
    struct queue_issued out;
    enum queue_outcome qo;
    rc = queue_issue(&c, &in, &fe, &out, &qo);
    if (rc == ERR_CONFLICT) { /* a twin got there first */
        res_redirect(req, res, done);
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_INVALID) {
        res->status = 422;
        show_kiosk(req, res, &o, in.priority, &fe, booking);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    board_poke();
    res_redirect(req, res, done);
}

void h_queue_kiosk_ticket(struct request *req, struct response *res)
{
    struct device dev;
    struct office o;
    if (!kiosk_office(req, res, &dev, &o))
        return;
    struct svc_ctx c = app_svc(req);
    const char *f = params_get(&req->query, "f");
    c.replay_scope = "form";
    c.replay_key = f && strlen(f) == 32 ? f : "-";
    const char *id = NULL;
    int64_t created = 0;
    struct queue_ticket t;
    int64_t tid = 0;
    enum err rc = svc_replay_find(&c, &id, &created);
    if (rc == ERR_OK && !str_to_int(id, 1, INT64_MAX, &tid))
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        rc = queue_ticket_get(req->db, req->arena, tid, &t);
    if (rc == ERR_OK && t.office_id != o.id)
        rc = ERR_NOT_FOUND; /* another office's kiosk */
    const char *token = NULL;
    if (rc == ERR_OK)
        rc = svc_replay_take_secret(&c, &token);
    struct queue_where w;
    if (rc == ERR_OK)
        rc = queue_where_is(&c, &t, &w);
    struct queue_group *groups = NULL;
    size_t n_groups = 0;
    if (rc == ERR_OK)
        rc = queue_groups_list(req->db, req->arena, false, &groups, &n_groups);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const struct queue_group *g = NULL;
    for (size_t i = 0; i < n_groups; i++)
        if (groups[i].code[0] == t.group)
            g = &groups[i];
    struct queue_ticket_print p = {
        .office = &o,
        .ticket = &t,
        .group = g,
        .ahead = w.ahead,
        .issued = apps_when(req, t.issued_at, o.utc_offset_min),
        .follow_url = token ? follow_url(req, token) : NULL,
        .kiosk = true,
        .return_after_s = app_of(req)->ticket_return_s};
    struct view v = app_view(req, res);
    view_queue_ticket(&v, &p);
}

/* ---- The board and its events -------------------------------------------- */

void h_queue_board(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    struct queue_board b;
    enum err rc =
        queue_board_get(req->db, req->arena, o.id, app_today(req), &b);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_queue_board(&v, &o, &b);
}

/* One open event stream. */
struct events {
    int64_t office_id; /* what it shows */
    int64_t version;   /* the board version sent last (0: none yet) */
    bool hello;        /* the retry field is sent */
    double last_write; /* monotonic seconds of the last bytes */
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static enum err events_next(void *ctx, struct buf *out, bool *done)
{
    struct events *e = ctx;
    *done = false;
    if (!e->hello) {
        /* Browsers reconnect after 2 s when the stream ends (a restart). */
        buf_puts(out, "retry: 2000\n\n");
        e->hello = true;
    }
    board_event(e->office_id, &e->version, out);
    if (!out->len && mono_s() - e->last_write >= HTTP_PARK_MAX_S - 1) {
        /* A named event, so the page can tell a live stream from a
         * stream a proxy holds back (comments never reach the page). */
        buf_puts(out, "event: ping\ndata: {}\n\n");
    }
    if (out->len)
        e->last_write = mono_s();
    return ERR_OK; /* nothing: the server parks the stream */
}

static void events_end(void *ctx)
{
    struct events *e = ctx;
    board_unsubscribe(e->office_id);
}

void h_queue_events(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    enum err rc = board_subscribe(req->db, req->arena, o.id, o.code,
                                  app_today(req), app_utc_offset(req));
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct events *e = arena_alloc(req->arena, sizeof(*e));
    *e = (struct events){.office_id = o.id, .last_write = mono_s()};
    res->content_type = "text/event-stream; charset=utf-8";
    res_header(req, res, "X-Accel-Buffering", "no"); /* nginx: no buffer */
    res_stream_parked(res, events_next, events_end, e, (uint64_t)o.id);
}

/* ---- The citizen's phone page -------------------------------------------- */

static bool follow(struct request *req, struct response *res,
                   struct queue_where *w, struct office *o)
{
    struct svc_ctx c = app_svc(req);
    enum queue_outcome qo;
    enum err rc = queue_follow(&c, params_get(&req->query, "t"), w, &qo);
    if (rc == ERR_OK && qo == QO_DONE)
        rc = offices_get_by_id(req->db, req->arena, w->ticket.office_id, o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return false;
    }
    return true;
}

void h_queue_follow(struct request *req, struct response *res)
{
    struct queue_where w;
    struct office o;
    if (!follow(req, res, &w, &o))
        return;
    struct view v = app_view(req, res);
    view_queue_follow(&v, &o, &w, params_get(&req->query, "t"));
}

void h_api_queue_follow(struct request *req, struct response *res)
{
    struct queue_where w;
    struct office o;
    if (!follow(req, res, &w, &o))
        return;
    json_t *j = json_queue_where(&w, o.utc_offset_min);
    json_object_set_new(j, "office", json_string(o.code));
    json_object_set_new(j, "office_name", json_string(o.name));
    app_json(req, res, 200, j);
}

/* ---- Bookings ------------------------------------------------------------ */

static void show_book(struct request *req, struct response *res,
                      const struct office *o, const struct field_errors *fe,
                      bool full)
{
    struct queue_book_page p = {.office = o,
                                .form = fe || full ? &req->form : NULL,
                                .fe = fe,
                                .full = full,
                                .csrf = app_anon_csrf(req, res)};
    enum err rc = ERR_OK;
    if (!o) {
        struct office_filter f = {.level = -1, .service_points_only = true};
        struct office *items = NULL;
        rc = offices_list(req->db, req->arena, &f, &items, &p.n_offices);
        p.offices = items;
    } else {
        struct svc_ctx c = app_svc(req);
        struct service_def *all = NULL;
        size_t n = 0;
        struct service_filter sf = {.level = -1, .day = app_today(req)};
        rc = catalogue_list(req->db, req->arena, &sf, &all, &n);
        struct service_def *items =
            arena_alloc(req->arena, (n + 1) * sizeof(*items));
        for (size_t i = 0; rc == ERR_OK && i < n; i++)
            if (all[i].active && office_accepts(o, &all[i]))
                items[p.n_services++] = all[i];
        p.services = items;
        struct queue_book_day *days = NULL;
        if (rc == ERR_OK)
            rc = queue_book_days(&c, o, &days, &p.n_days);
        p.days = days;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_queue_book(&v, &p);
}

void h_queue_book_form(struct request *req, struct response *res)
{
    const char *code = params_get(&req->query, "office");
    struct office o;
    if (code && *code) {
        enum err rc = offices_get(req->db, req->arena, code, &o);
        if (rc == ERR_OK && !office_is_service_point(&o, app_today(req)))
            rc = ERR_NOT_FOUND;
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        show_book(req, res, &o, NULL, false);
        return;
    }
    show_book(req, res, NULL, NULL, false);
}

void h_queue_book(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *done =
        c.replay_key
            ? arena_printf(req->arena, "/queue/booking?f=%s", c.replay_key)
            : NULL;
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK && done) {
        res_redirect(req, res, done);
        return;
    }
    if (rc != ERR_OK && rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    struct office o;
    rc = offices_get(req->db, req->arena,
                     params_str(&req->form, req->arena, "office"), &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* "2026-10-07 08:30" from the one select. */
    const char *when = params_str(&req->form, req->arena, "when");
    const char *space = strchr(when, ' ');
    struct queue_book_in in = {
        .office = &o,
        .date = space ? arena_strndup(req->arena, when, (size_t)(space - when))
                      : when,
        .slot = space ? space + 1 : "",
        .service = params_str(&req->form, req->arena, "service"),
        .name = params_str(&req->form, req->arena, "name"),
        .phone = params_str(&req->form, req->arena, "phone")};
    struct field_errors fe = {0};
    struct queue_booking b;
    const char *token = NULL;
    enum queue_outcome qo;
    rc = queue_book(&c, &in, &fe, &b, &token, &qo);
    if (rc == ERR_CONFLICT && done) {
        res_redirect(req, res, done);
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_INVALID || qo == QO_FULL) {
        res->status = qo == QO_FULL ? 409 : 422;
        show_book(req, res, &o, &fe, qo == QO_FULL);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    if (done) {
        res_redirect(req, res, done);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/queue/booking?t=%s", token));
}

void h_queue_booking(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *t = params_get(&req->query, "t");
    const char *f = params_get(&req->query, "f");
    struct queue_booking b;
    enum queue_outcome qo = QO_NOT_FOUND;
    const char *token = t;
    bool fresh = false;
    enum err rc = ERR_OK;
    if (t && *t) {
        rc = queue_booking_follow(&c, t, &b, &qo);
    } else {
        /* Right after booking (the form's token): the code, and the link
         * with its token the first time only. */
        c.replay_scope = "form";
        c.replay_key = f && strlen(f) == 32 ? f : "-";
        const char *code = NULL;
        int64_t created = 0;
        rc = svc_replay_find(&c, &code, &created);
        if (rc == ERR_OK)
            rc = queue_booking_by_code(req->db, req->arena, code, &b);
        if (rc == ERR_OK)
            rc = svc_replay_take_secret(&c, &token);
        if (rc == ERR_OK) {
            qo = QO_DONE;
            fresh = true;
        }
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    struct view v = app_view(req, res);
    view_queue_booking(&v, &b, fresh && token ? booking_url(req, token) : NULL,
                       token, app_anon_csrf(req, res), fresh);
}

void h_queue_booking_cancel(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *t = params_get(&req->form, "t");
    struct queue_booking b;
    enum queue_outcome qo;
    enum err rc = queue_booking_follow(&c, t, &b, &qo);
    if (rc == ERR_OK && qo == QO_DONE)
        rc = queue_booking_cancel(&c, &b, &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    res_redirect(req, res, arena_printf(req->arena, "/queue/booking?t=%s", t));
}

void h_api_bookings(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    struct queue_book_in in = {.office = &o,
                               .date = jstr(req, body, "date"),
                               .slot = jstr(req, body, "slot"),
                               .service = jstr(req, body, "service"),
                               .name = jstr(req, body, "name"),
                               .phone = jstr(req, body, "phone")};
    json_decref(body);
    struct svc_ctx c = app_svc(req);
    c.replay_scope = c.replay_key = NULL; /* anonymous: no replays */
    struct field_errors fe = {0};
    struct queue_booking b;
    const char *token = NULL;
    enum queue_outcome qo;
    enum err rc = queue_book(&c, &in, &fe, &b, &token, &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    json_t *j = json_queue_booking(&b);
    json_object_set_new(j, "follow_url", json_string(booking_url(req, token)));
    app_json(req, res, 201, j);
}

/* ---- The desk --------------------------------------------------------------
 */

/* The officer's office, for the desk (front office and heads). */
static enum err desk_office(struct request *req, struct office *o)
{
    if (!scope_queue_desk(&req->who, req->who.office_id))
        return ERR_DENIED;
    return offices_get_by_id(req->db, req->arena, req->who.office_id, o);
}

enum err queue_current_ticket(struct request *req, struct queue_ticket *out)
{
    if (!req->signed_in || !scope_queue_desk(&req->who, req->who.office_id))
        return ERR_NOT_FOUND;
    struct queue_counter k;
    enum err rc =
        queue_counter_of_user(req->db, req->arena, req->who.user_id, &k);
    if (rc == ERR_OK && k.office_id != req->who.office_id)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        rc = queue_ticket_at_counter(req->db, req->arena, k.id, app_today(req),
                                     out);
    if (rc == ERR_OK && out->application_id)
        rc = ERR_NOT_FOUND;
    return rc;
}

static void show_desk(struct request *req, struct response *res,
                      const char *flash, bool warn)
{
    struct office o;
    enum err rc = desk_office(req, &o);
    struct svc_ctx c = app_svc(req);
    struct queue_group *groups = NULL;
    struct queue_counter *counters = NULL;
    size_t n_groups = 0, n_counters = 0;
    if (rc == ERR_OK)
        rc = queue_setup(&c, &o, &groups, &n_groups, &counters, &n_counters);
    struct queue_counter mine = {0};
    bool has_mine = false;
    struct queue_ticket cur;
    bool has_cur = false;
    if (rc == ERR_OK) {
        rc =
            queue_counter_of_user(req->db, req->arena, req->who.user_id, &mine);
        has_mine = rc == ERR_OK && mine.office_id == o.id;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    if (rc == ERR_OK && has_mine) {
        rc = queue_ticket_at_counter(req->db, req->arena, mine.id,
                                     app_today(req), &cur);
        has_cur = rc == ERR_OK;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    struct queue_board b;
    if (rc == ERR_OK)
        rc = queue_board_get(req->db, req->arena, o.id, app_today(req), &b);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct queue_desk_page p = {.office = &o,
                                .counters = counters,
                                .n_counters = n_counters,
                                .mine = has_mine ? &mine : NULL,
                                .current = has_cur ? &cur : NULL,
                                .waiting = b.waiting,
                                .flash = flash,
                                .flash_warn = warn,
                                .may_intake = scope_intake(&req->who, o.id)};
    struct view v = app_view(req, res);
    view_queue_desk(&v, &p);
}

void h_queue_desk(struct request *req, struct response *res)
{
    const char *flash = NULL;
    bool warn = false;
    const char *m = params_get(&req->query, "m");
    if (m && strcmp(m, "nobody") == 0) {
        flash = L(req->lang, "Tidak ada yang menunggu untuk loket ini.",
                  "Nobody is waiting for this counter.");
        warn = true;
    } else if (m && strcmp(m, "done") == 0) {
        flash = L(req->lang, "Tercatat.", "Recorded.");
    }
    show_desk(req, res, flash, warn);
}

void h_queue_desk_counter(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = desk_office(req, &o);
    const char *code = params_str(&req->form, req->arena, "counter");
    struct queue_counter k = {0};
    if (rc == ERR_OK && *code) {
        rc = queue_counter_get(req->db, req->arena, o.id, code, &k);
        if (rc == ERR_OK && !k.active)
            rc = ERR_NOT_FOUND;
    }
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = queue_counter_sign_in(req->db, req->who.user_id, k.id, req->now);
    if (rc == ERR_OK)
        rc = app_audit(
            req, *code ? "counter_sign_in" : "counter_sign_out",
            "queue_counter",
            arena_printf(req->arena, "%s/%s", o.code, *code ? code : "-"), NULL,
            NULL);
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/queue/desk");
}

void h_queue_desk_call(struct request *req, struct response *res)
{
    struct office o;
    enum err rc = desk_office(req, &o);
    struct queue_counter k;
    if (rc == ERR_OK)
        rc = queue_counter_of_user(req->db, req->arena, req->who.user_id, &k);
    if (rc == ERR_OK && k.office_id != o.id)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND) {
        res->status = 409;
        show_desk(req, res,
                  L(req->lang, "Pilih loket Anda dulu.",
                    "Choose your counter first."),
                  true);
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct queue_ticket t;
    enum queue_outcome qo = QO_NOT_ALLOWED;
    if (rc == ERR_OK)
        rc = queue_call_next(&c, &k, &t, &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_DONE)
        board_poke();
    res_redirect(req, res,
                 qo == QO_NOBODY ? "/queue/desk?m=nobody" : "/queue/desk");
}

/* The ticket of the path (/.../tickets/{id}/...) in the user's scope. */
static enum err path_ticket(struct request *req, struct queue_ticket *t)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id))
        return ERR_NOT_FOUND;
    enum err rc = queue_ticket_get(req->db, req->arena, id, t);
    if (rc == ERR_OK && !scope_queue_desk(&req->who, t->office_id))
        rc = ERR_NOT_FOUND; /* another office's: as if none */
    return rc;
}

/* Do action (the path's second argument) on t; the answer's outcome. */
static enum err act(struct request *req, struct queue_ticket *t,
                    const char *action_code, const char *to_code,
                    const char *regno, int version, enum queue_outcome *qo)
{
    enum queue_action action;
    *qo = QO_NOT_ALLOWED;
    if (!queue_action_parse(action_code, &action) || action == QA_CALL ||
        action == QA_EXPIRE)
        return ERR_NOT_FOUND;
    struct queue_counter to;
    bool has_to = false;
    if (action == QA_TRANSFER) {
        enum err rc = queue_counter_get(req->db, req->arena, t->office_id,
                                        to_code ? to_code : "", &to);
        if (rc == ERR_OK)
            has_to = true;
        else if (rc != ERR_NOT_FOUND)
            return rc;
    }
    struct svc_ctx c = app_svc(req);
    enum err rc =
        queue_act(&c, t, action, has_to ? &to : NULL, regno, version, qo);
    if (rc == ERR_OK && *qo == QO_DONE)
        board_poke();
    return rc;
}

void h_queue_desk_act(struct request *req, struct response *res)
{
    struct queue_ticket t;
    enum err rc = path_ticket(req, &t);
    int64_t version = 0;
    if (rc == ERR_OK &&
        params_int(&req->form, "version", 1, INT32_MAX, &version) != ERR_OK)
        version = 0;
    enum queue_outcome qo = QO_NOT_ALLOWED;
    if (rc == ERR_OK)
        rc = act(req, &t, req->path_args[1],
                 params_str(&req->form, req->arena, "to"), NULL, (int)version,
                 &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo != QO_DONE) {
        res->status = qo == QO_INVALID ? 422 : 409;
        const char *msg = NULL;
        switch (qo) {
        case QO_TOO_EARLY:
            msg =
                L(req->lang, "Tandai tidak hadir setelah dipanggil tiga kali.",
                  "Mark a no-show after three calls.");
            break;
        case QO_CALLS_USED:
            msg = L(req->lang, "Sudah dipanggil tiga kali.",
                    "Called three times already.");
            break;
        case QO_STALE:
            msg = L(req->lang, "Nomor ini baru saja diubah petugas lain.",
                    "Another officer changed this ticket a moment ago.");
            break;
        case QO_INVALID:
            msg = L(req->lang, "Pilih loket tujuan yang lain.",
                    "Choose another counter.");
            break;
        default:
            msg = L(req->lang, "Tindakan ini tidak dapat dilakukan sekarang.",
                    "This action cannot be taken now.");
            break;
        }
        show_desk(req, res, msg, true);
        return;
    }
    res_redirect(req, res, "/queue/desk?m=done");
}

/* ---- Set-up ----------------------------------------------------------------
 */

/* The office an administrator names (?office= / form), or the head's own. */
static enum err admin_office(struct request *req, const char *code,
                             struct office *o, bool *chosen)
{
    *chosen = false;
    enum err rc;
    if (role_is_regency_wide(req->who.role)) {
        if (!code || !*code)
            return ERR_OK;
        rc = offices_get(req->db, req->arena, code, o);
    } else {
        rc = offices_get_by_id(req->db, req->arena, req->who.office_id, o);
    }
    if (rc == ERR_OK && !scope_queue_admin(&req->who, o->id))
        rc = ERR_NOT_FOUND;
    *chosen = rc == ERR_OK;
    return rc;
}

static void show_admin(struct request *req, struct response *res,
                       const char *code, const struct field_errors *fe,
                       const char *flash)
{
    struct office o;
    bool chosen = false;
    enum err rc = admin_office(req, code, &o, &chosen);
    struct queue_admin_page p = {.fe = fe, .flash = flash};
    struct queue_office cfg;
    if (rc == ERR_OK && role_is_regency_wide(req->who.role)) {
        struct office_filter f = {.level = -1, .service_points_only = true};
        struct office *items = NULL;
        rc = offices_list(req->db, req->arena, &f, &items, &p.n_offices);
        p.offices = items;
    }
    struct queue_group *groups = NULL;
    struct queue_counter *counters = NULL;
    if (rc == ERR_OK && chosen) {
        struct svc_ctx c = app_svc(req);
        rc =
            queue_setup(&c, &o, &groups, &p.n_groups, &counters, &p.n_counters);
        if (rc == ERR_OK)
            rc = queue_office_get(req->db, o.id, &cfg);
        p.office = &o;
        p.groups = groups;
        p.counters = counters;
        p.cfg = &cfg;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    v.flash = flash;
    view_queue_admin(&v, &p);
}

void h_queue_admin(struct request *req, struct response *res)
{
    show_admin(req, res, params_get(&req->query, "office"), NULL,
               params_get(&req->query, "saved")
                   ? L(req->lang, "Tersimpan.", "Saved.")
                   : NULL);
}

void h_queue_admin_counter(struct request *req, struct response *res)
{
    const char *code_office = params_str(&req->form, req->arena, "office");
    struct office o;
    bool chosen = false;
    enum err rc = admin_office(req, code_office, &o, &chosen);
    if (rc == ERR_OK && !chosen)
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct field_errors fe = {0};
    const char *code = params_str(&req->form, req->arena, "code");
    const char *name = params_str(&req->form, req->arena, "name");
    size_t clen = strlen(code);
    bool code_ok = clen >= 1 && clen <= 8;
    for (size_t i = 0; i < clen; i++)
        code_ok &= (code[i] >= '0' && code[i] <= '9') ||
                   (code[i] >= 'A' && code[i] <= 'Z');
    if (!code_ok)
        ferr_add(&fe, req->arena, "code", "invalid_code",
                 "Kode loket 1 sampai 8 angka atau huruf besar, mis. 2 atau "
                 "A1.",
                 "A counter code is 1 to 8 digits or capital letters, e.g. 2 "
                 "or A1.");
    if (!*name || strlen(name) > 60)
        ferr_add(&fe, req->arena, "name", "required",
                 "Beri nama loket (paling banyak 60 karakter).",
                 "Name the counter (at most 60 characters).");
    char serves[64] = "*";
    if (!params_bool(&req->form, "all")) {
        size_t n = params_count(&req->form, "group"), len = 0;
        serves[0] = '\0';
        for (size_t i = 0; i < n && len + 3 < sizeof(serves); i++) {
            const char *g = params_nth(&req->form, "group", i);
            if (!queue_group_valid(g))
                continue;
            if (len)
                serves[len++] = ',';
            serves[len++] = g[0];
            serves[len] = '\0';
        }
    }
    if (!queue_groups_valid(serves))
        ferr_add(&fe, req->arena, "groups", "invalid_groups",
                 "Pilih kelompok layanan yang dilayani loket ini.",
                 "Choose the service groups this counter serves.");
    if (ferr_any(&fe)) {
        res->status = 422;
        show_admin(req, res, o.code, &fe, NULL);
        return;
    }
    bool active = params_bool(&req->form, "active");
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = queue_office_ensure(req->db, o.id, req->now);
    if (rc == ERR_OK)
        rc = queue_counter_put(req->db, o.id, code, name, serves, active,
                               req->now);
    if (rc == ERR_OK)
        rc = queue_office_touch(req->db, o.id, req->now, NULL);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:s,s:s,s:s,s:b}", "code", code, "name",
                                  name, "serves", serves, "active", active);
        rc = app_audit(req, "counter_put", "queue_counter",
                       arena_printf(req->arena, "%s/%s", o.code, code), NULL,
                       after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    board_poke();
    res_redirect(
        req, res,
        arena_printf(req->arena, "/queue/admin?office=%s&saved=1", o.code));
}

void h_queue_admin_settings(struct request *req, struct response *res)
{
    const char *code_office = params_str(&req->form, req->arena, "office");
    struct office o;
    bool chosen = false;
    enum err rc = admin_office(req, code_office, &o, &chosen);
    if (rc == ERR_OK && !chosen)
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct field_errors fe = {0};
    int64_t minutes = 0, quota = 0, days = 0;
    if (params_int(&req->form, "slot_minutes", 15, 240, &minutes) != ERR_OK)
        ferr_add(&fe, req->arena, "slot_minutes", "out_of_range",
                 "15 sampai 240 menit.", "15 to 240 minutes.");
    if (params_int(&req->form, "slot_quota", 0, 1000, &quota) != ERR_OK)
        ferr_add(&fe, req->arena, "slot_quota", "out_of_range",
                 "0 sampai 1000 (0: booking ditutup).",
                 "0 to 1000 (0: no bookings).");
    if (params_int(&req->form, "booking_days", 0, 90, &days) != ERR_OK)
        ferr_add(&fe, req->arena, "booking_days", "out_of_range",
                 "0 sampai 90 hari.", "0 to 90 days.");
    if (ferr_any(&fe)) {
        res->status = 422;
        show_admin(req, res, o.code, &fe, NULL);
        return;
    }
    rc = queue_office_ensure(req->db, o.id, req->now);
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = queue_office_set(req->db, o.id, (int)minutes, (int)quota,
                              (int)days, req->now);
    if (rc == ERR_OK) {
        json_t *after = json_pack(
            "{s:I,s:I,s:I}", "slot_minutes", (json_int_t)minutes, "slot_quota",
            (json_int_t)quota, "booking_days", (json_int_t)days);
        rc = app_audit(req, "queue_settings", "office", o.code, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(
        req, res,
        arena_printf(req->arena, "/queue/admin?office=%s&saved=1", o.code));
}

/* ---- Figures ------------------------------------------------------------- */

enum err queue_figures_of(struct request *req, int64_t office_id,
                          const char *district, const char *from,
                          const char *to, struct queue_figures *out)
{
    struct svc_ctx c = app_svc(req);
    struct queue_fig_filter f = {.office_id = office_id,
                                 .district = district,
                                 .from_day = from,
                                 .to_day = to};
    return queue_figures_get(&c, &f, out);
}

/* The period of ?from=&to= (default: this month so far); field errors. */
static void period_of(struct request *req, const char **from, const char **to,
                      struct field_errors *fe)
{
    const char *today = app_today(req);
    *to = params_get(&req->query, "to");
    *from = params_get(&req->query, "from");
    struct civil_date d;
    if (!*to || !**to)
        *to = today;
    if (!*from || !**from)
        *from = arena_printf(req->arena, "%.8s01", today);
    if (!civil_parse_date(*from, &d))
        ferr_add(fe, req->arena, "from", "invalid_date",
                 "Tanggal harus TTTT-BB-HH.", "The date must be YYYY-MM-DD.");
    if (!civil_parse_date(*to, &d))
        ferr_add(fe, req->arena, "to", "invalid_date",
                 "Tanggal harus TTTT-BB-HH.", "The date must be YYYY-MM-DD.");
    if (!ferr_any(fe) && strcmp(*from, *to) > 0)
        ferr_add(fe, req->arena, "to", "before_from",
                 "Tanggal akhir sebelum tanggal awal.",
                 "The end date is before the start date.");
}

/* The office of ?office= the user may see figures of (0: every office for
 * regency-wide readers); ERR_NOT_FOUND outside the scope. */
static enum err figures_office(struct request *req, struct office *o,
                               int64_t *office_id)
{
    const char *code = params_get(&req->query, "office");
    *office_id = 0;
    if (!role_has(req->who.role, PERM_OVERSIGHT)) {
        /* A head of office: their own office only. */
        enum err rc =
            offices_get_by_id(req->db, req->arena, req->who.office_id, o);
        if (rc == ERR_OK && !scope_oversight(&req->who, o->id))
            rc = ERR_NOT_FOUND;
        if (rc == ERR_OK)
            *office_id = o->id;
        return rc;
    }
    if (!code || !*code)
        return ERR_OK;
    enum err rc = offices_get(req->db, req->arena, code, o);
    if (rc == ERR_OK && !scope_oversight(&req->who, o->id))
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        *office_id = o->id;
    return rc;
}

void h_queue_figures(struct request *req, struct response *res)
{
    if (!scope_oversight(&req->who, req->who.office_id) &&
        !role_has(req->who.role, PERM_OVERSIGHT)) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    struct office o;
    int64_t office_id = 0;
    enum err rc = figures_office(req, &o, &office_id);
    struct field_errors fe = {0};
    const char *from, *to;
    period_of(req, &from, &to, &fe);
    struct queue_figures fig = {0};
    if (rc == ERR_OK && !ferr_any(&fe))
        rc = queue_figures_of(req, office_id, NULL, from, to, &fig);
    struct queue_figures_page p = {
        .fig = &fig,
        .scope_name =
            office_id ? o.name
                      : L(req->lang, "Seluruh kabupaten", "The whole regency"),
        .from = from,
        .to = to,
        .office = office_id ? o.code : "",
        .fe = &fe};
    if (rc == ERR_OK && role_has(req->who.role, PERM_OVERSIGHT)) {
        struct office_filter f = {.level = -1, .service_points_only = true};
        struct office *items = NULL;
        rc = offices_list(req->db, req->arena, &f, &items, &p.n_offices);
        p.offices = items;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe))
        res->status = 422;
    struct view v = app_view(req, res);
    view_queue_figures(&v, &p);
}

void h_api_report_queue(struct request *req, struct response *res)
{
    if (!scope_oversight(&req->who, req->who.office_id) &&
        !role_has(req->who.role, PERM_OVERSIGHT)) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    struct office o;
    int64_t office_id = 0;
    enum err rc = figures_office(req, &o, &office_id);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct field_errors fe = {0};
    const char *from, *to;
    period_of(req, &from, &to, &fe);
    const char *district = params_get(&req->query, "district");
    if (district && !*district)
        district = NULL;
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct queue_figures fig;
    rc = queue_figures_of(req, office_id, office_id ? NULL : district, from, to,
                          &fig);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *j = json_queue_figures(&fig);
    json_object_set_new(j, "from", json_string(from));
    json_object_set_new(j, "to", json_string(to));
    json_object_set_new(j, "office",
                        office_id ? json_string(o.code) : json_null());
    app_json(req, res, 200, j);
}

/* ---- The API
 * ----------------------------------------------------------------- */

void h_api_queue(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    struct svc_ctx c = app_svc(req);
    struct queue_group *groups = NULL;
    struct queue_counter *counters = NULL;
    size_t n_groups = 0, n_counters = 0;
    struct queue_board b;
    enum err rc =
        queue_setup(&c, &o, &groups, &n_groups, &counters, &n_counters);
    if (rc == ERR_OK)
        rc = queue_board_get(req->db, req->arena, o.id, app_today(req), &b);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *j = json_queue_board(&b, o.code, app_today(req), o.utc_offset_min);
    json_t *g = json_array();
    for (size_t i = 0; i < n_groups; i++)
        json_array_append_new(g, json_queue_group(&groups[i]));
    json_t *k = json_array();
    for (size_t i = 0; i < n_counters; i++)
        if (counters[i].active)
            json_array_append_new(k, json_queue_counter(&counters[i]));
    json_object_set_new(j, "groups", g);
    json_object_set_new(j, "counters", k);
    app_json(req, res, 200, j);
}

void h_api_queue_issue(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    /* The doors: an enrolled kiosk of this office (X-Satupintu-Device),
     * or an API key of the office's front office. */
    struct svc_ctx c = app_svc(req);
    struct device dev = {0};
    const char *channel = "api";
    if (!req->via_api_key) {
        enum device_outcome dout = DEVICE_NONE;
        enum err rc = device_check(&c, req->device_token, &dev, &dout);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        if (dout == DEVICE_THROTTLED) {
            app_fail(req, res, ERR_THROTTLED);
            return;
        }
        if (dout == DEVICE_UNKNOWN || dout == DEVICE_REVOKED) {
            app_error(req, res, 403, "unknown_device",
                      "Kredensial perangkat tidak dikenal atau sudah "
                      "dicabut.",
                      "The device credential is unknown or revoked.");
            return;
        }
        if (dout != DEVICE_OK || dev.office_id != o.id) {
            app_error(req, res, dout == DEVICE_NONE ? 401 : 403, "not_a_kiosk",
                      "Nomor antrean diambil di kiosk kantor ini atau oleh "
                      "petugas loket kantor ini.",
                      "Tickets come from this office's kiosk or its "
                      "front-office staff.");
            return;
        }
        channel = "kiosk";
    } else if (!scope_queue_desk(&req->who, o.id)) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    json_t *prio = json_object_get(body, "priority");
    json_t *bk = json_object_get(body, "booking");
    struct field_errors fe = {0};
    if (prio && !json_is_boolean(prio))
        ferr_add(&fe, req->arena, "priority", "invalid",
                 "'priority' harus true atau false.",
                 "'priority' must be true or false.");
    if (bk && !json_is_null(bk) && !json_is_string(bk))
        ferr_add(&fe, req->arena, "booking", "invalid",
                 "'booking' harus kode atau null.",
                 "'booking' must be a code or null.");
    struct queue_issue_in in = {
        .office = &o,
        .group = jstr(req, body, "group"),
        .priority = json_is_true(prio),
        .booking = json_is_string(bk) ? jstr(req, body, "booking") : NULL,
        .channel = channel,
        .device_id = dev.id};
    json_decref(body);
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    c.replay_scope = c.replay_key = NULL;
    struct queue_issued out;
    enum queue_outcome qo;
    enum err rc = queue_issue(&c, &in, &fe, &out, &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_INVALID) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    board_poke();
    json_t *j = json_pack("{s:I,s:s,s:I,s:s,s:s,s:b,s:s}", "id",
                          (json_int_t)out.ticket.id, "ticket", out.ticket.label,
                          "ahead", (json_int_t)out.ahead, "issued_at",
                          apps_iso(req, out.ticket.issued_at, o.utc_offset_min),
                          "follow_url", follow_url(req, out.token), "priority",
                          out.ticket.priority, "group", out.group.code);
    app_json(req, res, 201, j);
}

void h_api_queue_call(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    if (!scope_queue_desk(&req->who, o.id)) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    json_t *body;
    if (!app_json_body(req, res, &body))
        return;
    const char *code = jstr(req, body, "counter");
    json_decref(body);
    struct queue_counter k;
    enum err rc = queue_counter_get(req->db, req->arena, o.id, code, &k);
    if (rc == ERR_NOT_FOUND) {
        struct field_errors fe = {0};
        ferr_add(&fe, req->arena, "counter", "unknown_counter",
                 "Loket tidak dikenal di kantor ini.",
                 "Unknown counter at this office.");
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct queue_ticket t;
    enum queue_outcome qo = QO_NOT_ALLOWED;
    if (rc == ERR_OK)
        rc = queue_call_next(&c, &k, &t, &qo);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo == QO_NOBODY) {
        res->status = 204;
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    board_poke();
    app_json(req, res, 200, json_queue_ticket(&t, o.utc_offset_min));
}

void h_api_queue_act(struct request *req, struct response *res)
{
    struct queue_ticket t;
    enum err rc = path_ticket(req, &t);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *body = NULL;
    if (req->body_len && !app_json_body(req, res, &body))
        return;
    const char *to = body ? jstr(req, body, "counter") : "";
    const char *regno = body ? jstr(req, body, "application") : "";
    json_t *ver = body ? json_object_get(body, "version") : NULL;
    int version = json_is_integer(ver) && json_integer_value(ver) > 0 &&
                          json_integer_value(ver) <= INT32_MAX
                      ? (int)json_integer_value(ver)
                      : 0;
    enum queue_outcome qo = QO_NOT_ALLOWED;
    rc = act(req, &t, req->path_args[1], to, regno, version, &qo);
    json_decref(body);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (qo != QO_DONE) {
        refuse(req, res, qo);
        return;
    }
    struct office o;
    rc = offices_get_by_id(req->db, req->arena, t.office_id, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    app_json(req, res, 200, json_queue_ticket(&t, o.utc_offset_min));
}
