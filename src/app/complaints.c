/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.c: the complaint box's handlers (see complaints.h): parse,
 * call the service, answer. Who may see and do what is decided by the
 * scope functions of core/role.h; the rules by svc/complaints.c.
 */
#include <stdio.h>
#include <string.h>

#include "app/complaints.h"
#include "app/notify.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/log.h"
#include "core/humanize.h"
#include "core/regno.h"
#include "store/db.h"
#include "store/offices.h"
#include "svc/complaints.h"
#include "svc/devices.h"
#include "svc/guard.h"
#include "svc/track.h"
#include "views/complaints.h"

/* A time for people in the regency's zone (core/humanize.h). */
static const char *local_minute(struct request *req, int64_t t)
{
    return human_when(req->arena, t, app_utc_offset(req), req->lang);
}

/* Offices a complaint may concern on this form: every service point; an
 * officer bound to one office types slips for that office only. */
static __attribute__((warn_unused_result)) enum err
form_offices(struct request *req, enum complaint_form_mode mode,
             struct office **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    if (mode == CFORM_KIOSK)
        return ERR_OK;
    if (mode == CFORM_PAPER && req->who.office_id) {
        struct office *o = arena_alloc(req->arena, sizeof(*o));
        enum err rc =
            offices_get_by_id(req->db, req->arena, req->who.office_id, o);
        if (rc == ERR_OK) {
            *items = o;
            *n = 1;
        }
        return rc;
    }
    struct office_filter f = {.level = -1, .service_points_only = true};
    return offices_list(req->db, req->arena, &f, items, n);
}

static void show_form(struct request *req, struct response *res,
                      enum complaint_form_mode mode,
                      const struct field_errors *fe, const struct device *dev)
{
    struct office *offices;
    size_t n;
    struct complaint_category *cats;
    size_t n_cats;
    enum err rc = form_offices(req, mode, &offices, &n);
    if (rc == ERR_OK)
        rc = complaint_categories(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    v.kiosk = mode == CFORM_KIOSK; /* the kiosk's frame: no staff links */
    /* A fresh form may come prefilled from the tracking page's link with
     * the application's number, and nothing else: no text put in the
     * citizen's mouth by a link, and no office preselected (SECURITY.md
     * rule 41; the number names its office anyway). */
    struct params start = {0};
    if (!fe && mode == CFORM_WEB) {
        const char *no = params_str(&req->query, req->arena, "regno");
        if (*no && strlen(no) <= 24)
            params_add(&start, req->arena, "regno", no);
    }
    struct notify_offer offer = app_notify_offer(req);
    view_complaint_form(&v, mode, offices, n, cats, n_cats,
                        fe ? &req->form : &start, fe,
                        dev ? dev->office_name : NULL, &offer);
}

/* The tracking link printed on the kiosk's slip, with its PIN as on an
 * application's receipt (the slip is the complainant's). */
static const char *kiosk_track_url(struct request *req,
                                   const struct complaint *k)
{
    const struct app *app = app_of(req);
    const char *base = app->public_url;
    if (!base || !*base)
        base = arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http",
                            *req->host ? req->host : "localhost");
    return arena_printf(req->arena, "%s/complaints/track?no=%s&pin=%s", base,
                        k->number, k->pin ? k->pin : "");
}

void h_complaint_form(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    if (params_bool(&req->query, "kiosk")) {
        struct device dev;
        if (app_kiosk(req, res, &dev))
            show_form(req, res, CFORM_KIOSK, NULL, &dev);
        return;
    }
    show_form(req, res, CFORM_WEB, NULL, NULL);
}

static struct complaint_input input_from_form(struct request *req,
                                              const char *channel)
{
    struct complaint_input in = {
        .office = params_str(&req->form, req->arena, "office"),
        .category = params_str(&req->form, req->arena, "category"),
        .regno = params_str(&req->form, req->arena, "regno"),
        .body = params_text(&req->form, req->arena, "body"),
        .identity = params_str(&req->form, req->arena, "identity"),
        .name = params_str(&req->form, req->arena, "name"),
        .contact = params_str(&req->form, req->arena, "contact"),
        .address = "",
        .channel = channel,
        .slip_date = params_str(&req->form, req->arena, "slip_date"),
        .notify = app_notify_consent(req),
    };
    for (size_t i = 0; i < req->files.n_items; i++) {
        if (strcmp(req->files.items[i].field, "photo") == 0 &&
            req->files.items[i].len) {
            in.photo = req->files.items[i].data;
            in.photo_len = req->files.items[i].len;
        }
    }
    return in;
}

static void rate_limited(struct request *req, struct response *res, bool kiosk)
{
    res_header(req, res, "Retry-After", "600");
    const char *id = "Terlalu banyak pengaduan dari sini dalam waktu singkat. "
                     "Coba lagi nanti, atau sampaikan langsung di kantor.";
    const char *en = "Too many complaints from here in a short time. Try "
                     "again later, or hand it in at the office.";
    if (!kiosk) {
        app_error(req, res, 429, "too_many_complaints", id, en);
        return;
    }
    /* At the kiosk: the kiosk's frame, no way out to the site. */
    res->status = 429;
    res->content_type = "text/html; charset=utf-8";
    buf_reset(&res->body);
    struct view v = app_view(req, res);
    v.kiosk = true;
    view_error_page(&v, 429, L(req->lang, id, en));
}

void h_complaint_submit(struct request *req, struct response *res)
{
    bool kiosk = params_bool(&req->form, "kiosk");
    struct device dev = {0};
    if (kiosk && !app_kiosk(req, res, &dev))
        return;
    struct svc_ctx c = app_svc(req);
    const char *ack =
        c.replay_key ? arena_printf(req->arena, "/complaints/received?f=%s",
                                    c.replay_key)
                     : NULL;
    const char *first = NULL;
    int64_t created = 0;
    enum err rc = svc_replay_find(&c, &first, &created);
    if (rc == ERR_OK) { /* sent twice: show the first acknowledgement */
        res_redirect(req, res, ack);
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    struct complaint_input in = input_from_form(req, kiosk ? "kiosk" : "web");
    if (kiosk) {
        in.photo = NULL; /* the kiosk takes no files */
        in.photo_len = 0;
        in.office = "";
        in.device_id = dev.id;
        in.device_office_id = dev.office_id;
    }
    struct field_errors fe = {0};
    struct complaint k;
    enum complaint_outcome o;
    rc = complaint_create(&c, &in, &fe, &k, &o);
    if (rc == ERR_CONFLICT && ack) { /* a twin got there first */
        res_redirect(req, res, ack);
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o == CMPO_RATE_LIMITED) {
        rate_limited(req, res, kiosk);
        return;
    }
    if (o != CMPO_DONE) {
        res->status = 422;
        show_form(req, res, kiosk ? CFORM_KIOSK : CFORM_WEB, &fe,
                  kiosk ? &dev : NULL);
        return;
    }
    if (ack) {
        res_redirect(req, res, ack);
        return;
    }
    res->status = 201;
    struct view v = app_view(req, res);
    v.kiosk = kiosk;
    view_complaint_done(&v, &k, kiosk, true, kiosk_track_url(req, &k));
}

void h_complaint_received(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *f = params_get(&req->query, "f");
    c.replay_scope = "form";
    c.replay_key = f && strlen(f) == 32 ? f : "-";
    struct complaint k;
    bool found, show_pin, throttled;
    enum err rc =
        complaint_acknowledgement(&c, &k, &found, &show_pin, &throttled);
    if (rc == ERR_OK && throttled)
        rc = ERR_THROTTLED;
    if (rc == ERR_OK && !found)
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    v.kiosk = strcmp(k.channel, "kiosk") == 0;
    view_complaint_done(&v, &k, v.kiosk, show_pin, kiosk_track_url(req, &k));
}

/* The page of a complaint for people; staff: with names as scope allows.
 * A history that cannot be read fails the page (never shown empty). */
static __attribute__((warn_unused_result)) enum err
fill_view(struct request *req, struct complaint *k, struct complaint_view *p,
          bool staff)
{
    memset(p, 0, sizeof(*p));
    p->c = k;
    struct complaint_event *ev = NULL;
    size_t n = 0;
    enum err rc = complaints_events(req->db, req->arena, k->id, &ev, &n);
    if (rc != ERR_OK)
        return rc;
    p->events = ev;
    p->n_events = n;
    const char **times = arena_alloc(req->arena, (n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++)
        times[i] = local_minute(req, ev[i].at);
    p->times = times;
    if (k->deadline_at)
        p->deadline = local_minute(req, k->deadline_at);
    struct complaint_clock clock = {k->state, k->received_at, k->verified_at,
                                    k->answered_at, k->reopened_at};
    p->overdue = complaint_is_overdue(&clock, k->deadline_at, req->now);
    p->show_name =
        staff && k->identity != CID_ANONYMOUS &&
        scope_complainant_name(&req->who, k->identity == CID_CONFIDENTIAL);
    p->show_contact =
        p->show_name && role_has(req->who.role, PERM_PERSONAL_DATA);
    return ERR_OK;
}

static void track_message(struct request *req, enum track_outcome o,
                          int *status, const char **msg)
{
    switch (o) {
    case TRACK_MALFORMED:
    case TRACK_BAD_CHECK:
        *status = 422;
        *msg = L(req->lang,
                 "Nomor ini salah ketik: periksa kembali nomor pengaduan "
                 "Anda.",
                 "This number has a typing error: check your complaint "
                 "number.");
        return;
    case TRACK_THROTTLED:
        *status = 429;
        *msg = L(req->lang,
                 "Terlalu banyak percobaan yang salah dari alamat ini. Coba "
                 "lagi dalam satu jam.",
                 "Too many wrong attempts from this address. Try again in "
                 "an hour.");
        return;
    case TRACK_NEEDS_FACT:
        *status = 422;
        *msg = L(req->lang,
                 "Nomor ini sedang dilindungi karena banyak percobaan PIN "
                 "yang salah. Masukkan PIN dan 4 angka terakhir nomor "
                 "telepon yang Anda berikan, atau buka tautan pada bukti "
                 "pengaduan.",
                 "This number is protected because of many wrong PINs. "
                 "Enter the PIN and the last 4 digits of the phone number "
                 "you gave, or open the link on your acknowledgement.");
        return;
    case TRACK_NO_MATCH:
    case TRACK_FOUND:
    default:
        *status = 404;
        *msg =
            L(req->lang, "Nomor dan PIN tidak cocok dengan pengaduan mana pun.",
              "The number and PIN do not match any complaint.");
        return;
    }
}

/* The secret a citizen opened the complaint with, carried into the reply
 * form and the redirect after it. */
struct opened_with {
    const char *number, *pin, *fact, *token;
};

/* Open a complaint from the query (GET) or form (POST): by link token, or
 * number and PIN (and the second fact). false: answered already. */
static bool open_complaint(struct request *req, struct response *res,
                           const struct params *in, struct complaint *k,
                           struct opened_with *w)
{
    struct svc_ctx c = app_svc(req);
    w->number = params_str(in, req->arena, "no");
    w->pin = params_str(in, req->arena, "pin");
    w->fact = params_str(in, req->arena, "phone4");
    w->token = params_str(in, req->arena, "t");
    struct track_result r;
    enum err rc;
    if (*w->token) {
        rc = track_complaint_token(&c, w->token, &r);
    } else {
        struct track_query q = {TRACK_COMPLAINT, w->number, w->pin, w->fact};
        rc = track_lookup(&c, &q, &r);
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    if (r.outcome != TRACK_FOUND) {
        int status;
        const char *msg;
        track_message(req, r.outcome, &status, &msg);
        res->status = status;
        struct view v = app_view(req, res);
        view_complaint_track_form(&v, r.number ? r.number : w->number, msg,
                                  r.outcome == TRACK_NEEDS_FACT || *w->fact);
        return false;
    }
    *k = r.complaint;
    return true;
}

void h_complaint_track(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    const char *typed = params_str(&req->query, req->arena, "no");
    const char *pin = params_str(&req->query, req->arena, "pin");
    const char *token = params_str(&req->query, req->arena, "t");
    if (!*token && (!*typed || !*pin)) {
        /* No number, or the number without its PIN (the acknowledgement's
         * link): ask for the PIN, count no failure. */
        char number[32];
        struct view v = app_view(req, res);
        view_complaint_track_form(
            &v, complaint_number_parse(typed, number) ? number : typed, NULL,
            false);
        return;
    }
    struct complaint k;
    struct opened_with w;
    if (!open_complaint(req, res, &req->query, &k, &w))
        return;
    struct complaint_view p;
    enum err rc = fill_view(req, &k, &p, false);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_complaint_track(&v, &p, w.pin, w.fact, w.token);
}

static const char *outcome_text(struct request *req, enum complaint_outcome o,
                                int *status)
{
    *status = 409;
    switch (o) {
    case CMPO_NOTE_REQUIRED:
        *status = 422;
        return L(req->lang, "Isi jawaban, alasan atau catatan terlebih dahulu.",
                 "Write the answer, reason or note first.");
    case CMPO_TOO_LONG:
        *status = 422;
        return L(req->lang, "Paling banyak 4000 karakter.",
                 "At most 4000 characters.");
    case CMPO_NO_OFFICE:
        *status = 422;
        return L(req->lang, "Pilih kantor tujuan.",
                 "Choose the office to refer to.");
    case CMPO_WINDOW_CLOSED:
        return L(req->lang, "Batas 10 hari untuk menanggapi sudah lewat.",
                 "The 10 days to reply have passed.");
    case CMPO_STALE:
        return L(req->lang,
                 "Pengaduan ini baru saja diubah oleh petugas lain. Lihat "
                 "statusnya sekarang.",
                 "Another officer changed this complaint a moment ago. See "
                 "its status now.");
    case CMPO_RATE_LIMITED:
        *status = 429;
        return L(req->lang, "Terlalu banyak permintaan. Coba lagi nanti.",
                 "Too many requests. Try again later.");
    case CMPO_DONE:
    case CMPO_INVALID:
    case CMPO_NOT_ALLOWED:
    default:
        return L(req->lang, "Tindakan ini tidak dapat dilakukan sekarang.",
                 "This action cannot be taken now.");
    }
}

void h_complaint_reply(struct request *req, struct response *res)
{
    struct complaint k;
    struct opened_with w;
    if (!open_complaint(req, res, &req->form, &k, &w))
        return;
    enum complaint_action action;
    if (!complaint_action_parse(params_get(&req->form, "action"), &action) ||
        (action != CA_ACCEPT && action != CA_REPLY)) {
        app_error(req, res, 400, "bad_request", "Tindakan tidak dikenal.",
                  "Unknown action.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    c.who = NULL; /* the complainant acts, whoever is signed in */
    enum complaint_outcome o;
    enum err rc = complaint_act(&c, &k, action, CACTOR_CITIZEN,
                                params_text(&req->form, req->arena, "reply"), 0,
                                NULL, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o != CMPO_DONE) {
        int status;
        const char *msg = outcome_text(req, o, &status);
        app_error(req, res, status, "not_allowed", msg, msg);
        return;
    }
    struct buf to;
    buf_init(&to, 1024);
    if (*w.token) {
        buf_puts(&to, "/complaints/track?t=");
        html_urlenc(&to, w.token);
    } else {
        buf_puts(&to, "/complaints/track?no=");
        html_urlenc(&to, k.number);
        buf_puts(&to, "&pin=");
        html_urlenc(&to, w.pin);
        if (*w.fact) {
            buf_puts(&to, "&phone4=");
            html_urlenc(&to, w.fact);
        }
    }
    res_redirect(req, res, arena_strdup(req->arena, buf_cstr(&to)));
    buf_free(&to);
}

void h_complaints(struct request *req, struct response *res)
{
    struct complaint_filter f = {.state = -1, .open_only = true, .limit = 500};
    const char *title = L(req->lang, "Pengaduan (urut batas waktu)",
                          "Complaints (by deadline)");
    if (params_bool(&req->query, "escalated") ||
        role_has(req->who.role, PERM_ESCALATIONS)) {
        f.escalated_only = true;
        title = L(req->lang, "Pengaduan yang dilaporkan ke Sekda",
                  "Complaints escalated to the Sekda");
    }
    /* Regency-wide readers and the regency's desk see every office. */
    if (!scope_complaints_everywhere(&req->who)) {
        if (req->who.office_id <= 0) {
            app_fail(req, res, ERR_DENIED);
            return;
        }
        f.office_id = req->who.office_id;
    }
    struct complaint *items;
    size_t n;
    enum err rc = complaints_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct complaint_row *rows =
        arena_alloc(req->arena, (n + 1) * sizeof(*rows));
    for (size_t i = 0; i < n; i++) {
        rows[i].c = &items[i];
        rows[i].deadline = items[i].deadline_at
                               ? local_minute(req, items[i].deadline_at)
                               : "—";
        struct complaint_clock clock = {
            items[i].state, items[i].received_at, items[i].verified_at,
            items[i].answered_at, items[i].reopened_at};
        rows[i].overdue =
            complaint_is_overdue(&clock, items[i].deadline_at, req->now);
    }
    struct view v = app_view(req, res);
    view_complaints(&v, title, rows, n,
                    role_has(req->who.role, PERM_COMPLAINT_DESK));
}

/* The complaint at the path, when the user may see it; one that exists
 * outside the user's scope answers like one that does not. */
static __attribute__((warn_unused_result)) enum err visible(struct request *req,
                                                            struct complaint *k)
{
    char number[32];
    if (!complaint_number_parse(req->path_args[0], number))
        return ERR_NOT_FOUND;
    enum err rc = complaints_get(req->db, req->arena, number, k);
    if (rc == ERR_OK &&
        !scope_complaint(&req->who, k->office_id, k->referred_office_id))
        rc = ERR_NOT_FOUND;
    return rc;
}

static void show_page(struct request *req, struct response *res,
                      struct complaint *k, const char *flash, const char *error)
{
    struct complaint_view p;
    enum err rc = fill_view(req, k, &p, true);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    enum complaint_action actions[CA__COUNT];
    size_t n = 0;
    enum complaint_state next;
    for (int a = 0; a < CA__COUNT; a++)
        if (complaint_allowed(k->state, (enum complaint_action)a, CACTOR_STAFF,
                              req->who.role, true, &next))
            actions[n++] = (enum complaint_action)a;
    p.actions = actions;
    p.n_actions = n;
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct office_filter f = {.level = -1};
    if (role_has(req->who.role, PERM_COMPLAINT_DESK)) {
        rc = offices_list(req->db, req->arena, &f, &offices, &n_offices);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
    }
    p.offices = offices;
    p.n_offices = n_offices;
    p.flash = flash;
    p.error = error;
    struct view v = app_view(req, res);
    view_complaint_page(&v, &p);
}

void h_complaint(struct request *req, struct response *res)
{
    struct complaint k;
    enum err rc = visible(req, &k);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_page(req, res, &k,
              params_get(&req->query, "done")
                  ? L(req->lang, "Tercatat.", "Recorded.")
                  : NULL,
              NULL);
}

void h_complaint_event(struct request *req, struct response *res)
{
    struct complaint k;
    enum err rc = visible(req, &k);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    enum complaint_action action;
    int64_t version = 0;
    if (!complaint_action_parse(params_get(&req->form, "action"), &action) ||
        params_int(&req->form, "version", 1, INT32_MAX, &version) != ERR_OK) {
        app_error(req, res, 400, "bad_request", "Tindakan tidak dikenal.",
                  "Unknown action.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    enum complaint_outcome o;
    rc = complaint_act(&c, &k, action, CACTOR_STAFF,
                       params_text(&req->form, req->arena, "note"),
                       (int)version, params_get(&req->form, "refer_to"), &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o != CMPO_DONE) {
        int status;
        const char *msg = outcome_text(req, o, &status);
        struct complaint fresh;
        if (complaints_get(req->db, req->arena, k.number, &fresh) == ERR_OK)
            k = fresh;
        res->status = status;
        show_page(req, res, &k, NULL, msg);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/complaints/%s?done=1", k.number));
}

void h_complaint_paper_form(struct request *req, struct response *res)
{
    show_form(req, res, CFORM_PAPER, NULL, NULL);
}

void h_complaint_paper(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t created = 0;
    enum err rc = svc_replay_find(&c, &first, &created);
    if (rc == ERR_OK) { /* the same slip sent twice */
        res_redirect(req, res,
                     arena_printf(req->arena, "/complaints/%s?done=1", first));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    struct complaint_input in = input_from_form(req, "paper");
    struct field_errors fe = {0};
    struct complaint k;
    enum complaint_outcome o;
    rc = complaint_create(&c, &in, &fe, &k, &o);
    if (rc == ERR_CONFLICT && svc_replay_find(&c, &first, &created) == ERR_OK) {
        res_redirect(req, res,
                     arena_printf(req->arena, "/complaints/%s?done=1", first));
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o != CMPO_DONE) {
        res->status = 422;
        show_form(req, res, CFORM_PAPER, &fe, NULL);
        return;
    }
    /* A slip already past its deadline goes to the Sekda at once. */
    int64_t escalated = 0, closed = 0;
    rc = complaints_jobs(req->db, req->now, &escalated, &closed);
    if (rc != ERR_OK) /* the jobs thread will do it within its interval */
        log_warn("%s escalation after a paper slip: %s", req->request_id,
                 err_name(rc));
    res_redirect(req, res,
                 arena_printf(req->arena, "/complaints/%s?done=1", k.number));
}

void h_complaint_photo(struct request *req, struct response *res)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    /* Photos are shown to those who may read the complaint only. */
    int64_t office_id = 0, referred = 0;
    enum err rc = complaints_photo_scope(req->db, id, &office_id, &referred);
    if (rc == ERR_OK && !scope_complaint(&req->who, office_id, referred))
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

/* Administrators edit the list of categories. */
static void show_categories(struct request *req, struct response *res,
                            const char *error)
{
    struct complaint_category *cats;
    size_t n;
    enum err rc = complaint_categories(req->db, req->arena, &cats, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_complaint_categories(&v, cats, n, error);
}

void h_admin_complaint_categories(struct request *req, struct response *res)
{
    show_categories(req, res, NULL);
}

void h_admin_complaint_category_put(struct request *req, struct response *res)
{
    const char *code = params_str(&req->form, req->arena, "code");
    const char *name_id = params_str(&req->form, req->arena, "name_id");
    const char *name_en = params_str(&req->form, req->arena, "name_en");
    int64_t ord = 0;
    bool remove = params_bool(&req->form, "remove");
    enum err ord_rc = params_int(&req->form, "ord", 0, 999, &ord);
    bool ord_ok = ord_rc == ERR_OK || ord_rc == ERR_NOT_FOUND; /* 0 */
    bool code_ok =
        strlen(code) >= 2 && strlen(code) <= 32 &&
        strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(code);
    if (!code_ok || !ord_ok ||
        (!remove &&
         (!*name_id || strlen(name_id) > 100 || strlen(name_en) > 100))) {
        res->status = 422;
        show_categories(req, res,
                        L(req->lang,
                          "Kode: 2-32 huruf kecil, angka atau _; nama wajib "
                          "(paling banyak 100 karakter); urutan 0-999.",
                          "Code: 2-32 lower-case letters, digits or _; a "
                          "name is required (at most 100 characters); "
                          "order 0-999."));
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = remove ? complaint_category_remove(req->db, code)
                    : complaint_category_put(req->db, code, name_id,
                                             *name_en ? name_en : name_id,
                                             (int)ord);
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:s,s:s,s:s,s:b}", "code", code, "name_id", name_id,
                      "name_en", name_en, "removed", remove);
        rc = app_audit(req, remove ? "remove" : "put", "complaint_category",
                       code, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/complaint-categories");
}
