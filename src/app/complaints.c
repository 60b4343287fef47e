/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.c: the complaint box: the public form (phone and kiosk), the
 * officer's entry of paper slips, public tracking with the complainant's
 * accept or reply, staff lists (by deadline; the Sekkab's escalated list),
 * the complaint page with its actions, photos, and the scheduled jobs.
 */
#include <stdio.h>
#include <string.h>

#include "app/complaints.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/regno.h"
#include "store/applications.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"
#include "views/complaints.h"

bool complaint_number_parse(const char *typed, char out[32])
{
    if (!typed)
        return false;
    while (*typed == ' ')
        typed++;
    if ((typed[0] == 'P' || typed[0] == 'p') && typed[1] == '-')
        typed += 2;
    char canon[REGNO_MAX];
    if (regno_parse(typed, canon) != REGNO_OK)
        return false;
    snprintf(out, 32, "P-%s", canon);
    return true;
}

const char *complaint_photo_type(const unsigned char *d, size_t n)
{
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    return NULL;
}

static int64_t parse_day_noon(const char *date, int offset_min, bool *ok)
{
    struct civil_date d;
    *ok = civil_parse_date(date, &d);
    return *ok ? civil_to_days(d) * 86400 + 12 * 3600 - (int64_t)offset_min * 60
               : 0;
}

enum err complaint_create(struct request *req, const struct complaint_input *in,
                          struct field_errors *fe, struct complaint *out)
{
    struct arena *a = req->arena;
    memset(out, 0, sizeof(*out));
    struct office o;
    enum err rc = offices_get(req->db, a, in->office, &o);
    if (rc == ERR_NOT_FOUND)
        ferr_add(fe, a, "office", "unknown_office", "Pilih kantor.",
                 "Choose the office.");
    else if (rc != ERR_OK)
        return rc;
    bool known = false;
    rc = complaint_category_known(req->db, in->category, &known);
    if (rc != ERR_OK)
        return rc;
    if (!known)
        ferr_add(fe, a, "category", "unknown_category",
                 "Pilih jenis pengaduan.", "Choose a category.");
    size_t chars = utf8_length(in->body, strlen(in->body));
    if (chars == 0)
        ferr_add(fe, a, "body", "required", "Tulis isi pengaduan.",
                 "Write your complaint.");
    else if (chars > COMPLAINT_TEXT_MAX)
        ferr_add(fe, a, "body", "too_long", "Paling banyak 4000 karakter.",
                 "At most 4000 characters.");
    char regno[REGNO_MAX] = "";
    if (*in->regno && regno_parse(in->regno, regno) != REGNO_OK)
        ferr_add(fe, a, "regno", "check_digit",
                 "Nomor registrasi salah ketik: periksa tanda terima.",
                 "The registration number has a typing error: check the "
                 "receipt.");
    enum complaint_identity id;
    if (!complaint_identity_parse(in->identity, &id))
        ferr_add(fe, a, "identity", "required",
                 "Pilih: dengan nama, rahasia, atau tanpa nama.",
                 "Choose: named, confidential or anonymous.");
    else if (id != CID_ANONYMOUS && !*in->name)
        ferr_add(fe, a, "name", "required", "Isi nama, atau pilih tanpa nama.",
                 "Give your name, or choose anonymous.");
    if (strlen(in->name) > 100 || strlen(in->contact) > 100)
        ferr_add(fe, a, "name", "too_long", "Paling banyak 100 karakter.",
                 "At most 100 characters.");
    const char *mime = NULL;
    if (in->photo && in->photo_len) {
        mime = complaint_photo_type(in->photo, in->photo_len);
        if (in->photo_len > PHOTO_MAX_BYTES)
            ferr_add(fe, a, "photo", "too_large", "Foto paling besar 2 MB.",
                     "A photo of at most 2 MB.");
        else if (!mime)
            ferr_add(fe, a, "photo", "not_an_image",
                     "Berkas ini bukan foto JPEG atau PNG.",
                     "This file is not a JPEG or PNG photo.");
    }
    int offset = ((const struct app *)req->app)->utc_offset_min;
    int64_t received = req->now;
    if (strcmp(in->channel, "paper") == 0) {
        bool ok = false;
        received = parse_day_noon(in->slip_date, offset, &ok);
        if (!ok)
            ferr_add(fe, a, "slip_date", "invalid_date",
                     "Tanggal pada lembar: TTTT-BB-HH.",
                     "The date on the slip: YYYY-MM-DD.");
        else if (received > req->now + 86400)
            ferr_add(fe, a, "slip_date", "future",
                     "Tanggal lembar tidak boleh di masa depan.",
                     "The slip's date cannot be in the future.");
    }
    if (ferr_any(fe))
        return ERR_OK;

    out->office_id = o.id;
    out->office_code = o.code;
    out->office_name = o.name;
    out->category = in->category;
    out->regno = *regno ? arena_strdup(a, regno) : NULL;
    out->body = in->body;
    out->identity = id;
    out->name = id == CID_ANONYMOUS || !*in->name ? NULL : in->name;
    out->contact = *in->contact ? in->contact : NULL;
    out->address = *in->address ? in->address : NULL;
    out->channel = in->channel;
    out->slip_date = strcmp(in->channel, "paper") == 0 ? in->slip_date : NULL;
    out->received_at = received;
    return complaint_file(req, &o, out,
                          req->signed_in && !req->via_api_key ? req->who.login
                                                              : "citizen",
                          mime, in->photo, in->photo_len);
}

enum err complaint_file(struct request *req, const struct office *o,
                        struct complaint *c, const char *actor,
                        const char *photo_mime, const unsigned char *photo,
                        size_t photo_len)
{
    struct arena *a = req->arena;
    struct calendar cal;
    enum err rc = workcal_load(req->db, a, o, &cal);
    if (rc != ERR_OK)
        return rc;
    if (!c->received_at)
        c->received_at = req->now;
    struct complaint_clock clock = {CMP_RECEIVED, c->received_at, 0, 0, 0};
    int year = civil_from_days(cal_local_day(&cal, req->now)).year;
    char *pin = arena_alloc(a, 8), *token = arena_alloc(a, 40);
    crypto_random_digits(pin, 6);
    crypto_random_hex(token, 16);
    c->pin = pin;
    c->token = token;
    c->office_id = o->id;
    c->office_code = o->code;
    c->office_name = o->name;
    c->state = CMP_RECEIVED;
    c->deadline_at = complaint_deadline(&cal, &clock, NULL);
    c->updated_at = req->now;
    int number = 0;
    int64_t serial = 0;
    rc = db_begin(req->db);
    if (rc == ERR_OK && photo_mime)
        rc = photos_put(req->db, photo_mime, photo, photo_len, req->now,
                        &c->photo_id);
    if (rc == ERR_OK)
        rc = applications_office_number(req->db, o->id, &number);
    if (rc == ERR_OK)
        rc = complaints_next_serial(req->db, o->id, year, &serial);
    if (rc == ERR_OK) {
        char no[REGNO_MAX];
        regno_format(year, number, serial, no);
        c->number = arena_printf(a, "P-%s", no);
        rc = complaints_insert(req->db, c, actor);
    }
    if (rc == ERR_OK)
        rc = db_commit(req->db);
    else
        db_rollback(req->db);
    return rc;
}

enum err complaints_jobs(struct db *db, int64_t now, int64_t *escalated,
                         int64_t *closed)
{
    enum err rc = complaints_escalate(db, now, escalated);
    if (rc == ERR_OK)
        rc = complaints_autoclose(db, now, closed);
    return rc;
}

/* Offices a complaint may concern: every office (agencies included). */
static enum err all_offices(struct request *req, struct office **items,
                            size_t *n)
{
    struct office_filter f = {.level = -1, .service_points_only = true};
    return offices_list(req->db, req->arena, &f, items, n);
}

static void show_form(struct request *req, struct response *res,
                      enum complaint_form_mode mode,
                      const struct field_errors *fe)
{
    struct office *offices;
    size_t n;
    struct complaint_category *cats;
    size_t n_cats;
    enum err rc = all_offices(req, &offices, &n);
    if (rc == ERR_OK)
        rc = complaint_categories(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    struct params initial = {0};
    const struct params *sent = fe ? &req->form : &initial;
    const char *office = params_get(&req->query, "office");
    if (!fe && office)
        params_add(&initial, req->arena, "office", office);
    view_complaint_form(&v, mode, offices, n, cats, n_cats, sent, fe);
}

void h_complaint_form(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    show_form(req, res,
              params_bool(&req->query, "kiosk") ? CFORM_KIOSK : CFORM_WEB,
              NULL);
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

void h_complaint_submit(struct request *req, struct response *res)
{
    bool kiosk = params_bool(&req->form, "kiosk");
    struct complaint_input in = input_from_form(req, kiosk ? "kiosk" : "web");
    if (kiosk) {
        in.photo = NULL; /* the kiosk takes no files */
        in.photo_len = 0;
    }
    struct field_errors fe = {0};
    struct complaint c;
    enum err rc = complaint_create(req, &in, &fe, &c);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        show_form(req, res, kiosk ? CFORM_KIOSK : CFORM_WEB, &fe);
        return;
    }
    res->status = 201;
    struct view v = app_view(req, res);
    view_complaint_done(&v, &c, kiosk, in.office);
}

/* May the signed-in user handle complaints of office_id? */
static bool staff_scope(const struct request *req, const struct complaint *c)
{
    if (!req->signed_in)
        return false;
    if (role_has(req->who.role, PERM_READ_ALL))
        return true;
    if (req->who.role == ROLE_COMPLAINT && !req->who.office_id)
        return true; /* the regency's complaint desk */
    return req->who.office_id && (req->who.office_id == c->office_id ||
                                  req->who.office_id == c->referred_office_id);
}

static void fill_view(struct request *req, struct complaint *c,
                      struct complaint_view *p, bool staff)
{
    memset(p, 0, sizeof(*p));
    p->c = c;
    struct complaint_event *ev = NULL;
    size_t n = 0;
    complaints_events(req->db, req->arena, c->id, &ev, &n);
    p->events = ev;
    p->n_events = n;
    const char **times = arena_alloc(req->arena, (n + 1) * sizeof(char *));
    int offset = ((const struct app *)req->app)->utc_offset_min;
    for (size_t i = 0; i < n; i++) {
        char *t = arena_alloc(req->arena, 32);
        civil_format_iso(ev[i].at, offset, t);
        t[16] = '\0';
        t[10] = ' ';
        times[i] = t;
    }
    p->times = times;
    if (c->deadline_at) {
        char *t = arena_alloc(req->arena, 32);
        civil_format_iso(c->deadline_at, offset, t);
        t[16] = '\0';
        t[10] = ' ';
        p->deadline = t;
    }
    struct complaint_clock clock = {c->state, c->received_at, c->verified_at,
                                    c->answered_at, c->reopened_at};
    p->overdue = complaint_is_overdue(&clock, c->deadline_at, req->now);
    p->show_name =
        staff && (c->identity == CID_NAMED || req->who.role == ROLE_COMPLAINT);
}

void h_complaint_track(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    const char *typed = params_str(&req->query, req->arena, "no");
    const char *pin = params_str(&req->query, req->arena, "pin");
    struct view v = app_view(req, res);
    if (!*typed) {
        view_complaint_track_form(&v, "", NULL);
        return;
    }
    char number[32];
    if (!*pin && complaint_number_parse(typed, number)) {
        /* The link on the acknowledgement: ask for the PIN, no failure. */
        view_complaint_track_form(&v, number, NULL);
        return;
    }
    if (!complaint_number_parse(typed, number)) {
        res->status = 422;
        view_complaint_track_form(
            &v, typed,
            L(req->lang,
              "Nomor ini salah ketik: periksa kembali nomor pengaduan Anda.",
              "This number has a typing error: check your complaint "
              "number."));
        return;
    }
    bool blocked = false;
    enum err rc =
        track_blocked(req->db, number, req->remote_addr, req->now, &blocked);
    if (rc == ERR_OK && blocked) {
        res->status = 429;
        view_complaint_track_form(
            &v, typed,
            L(req->lang, "Terlalu banyak percobaan. Coba lagi nanti.",
              "Too many attempts. Try again later."));
        return;
    }
    struct complaint c;
    if (rc == ERR_OK)
        rc = complaints_get(req->db, req->arena, number, &c);
    if (rc == ERR_NOT_FOUND ||
        (rc == ERR_OK && !crypto_str_equal(pin, c.pin))) {
        track_fail(req->db, number, req->remote_addr, req->now);
        res->status = 404;
        view_complaint_track_form(
            &v, typed,
            L(req->lang, "Nomor dan PIN tidak cocok dengan pengaduan mana pun.",
              "The number and PIN do not match any complaint."));
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct complaint_view p;
    fill_view(req, &c, &p, false);
    view_complaint_track(&v, &p, pin);
}

/* Apply action to c for the actor; fills *error on refusal. */
static enum err act(struct request *req, struct complaint *c,
                    enum complaint_action action, enum complaint_actor actor,
                    const char *note, int expected, const char *refer_to,
                    const char **error, int *status)
{
    *error = NULL;
    bool has_note = note && *note;
    enum complaint_state next;
    if (!complaint_allowed(c->state, action, actor, req->who.role, has_note,
                           &next)) {
        *status = 409;
        *error =
            has_note || action == CA_VERIFY || action == CA_ACCEPT
                ? L(req->lang, "Tindakan ini tidak dapat dilakukan sekarang.",
                    "This action cannot be taken now.")
                : L(req->lang,
                    "Isi jawaban, alasan atau catatan terlebih dahulu.",
                    "Write the answer, reason or note first.");
        if (!has_note && action != CA_VERIFY && action != CA_ACCEPT)
            *status = 422;
        return ERR_OK;
    }
    struct complaint n = *c;
    n.state = next;
    struct office o;
    struct calendar cal;
    enum err rc = offices_get_by_id(req->db, req->arena, c->office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(req->db, req->arena, &o, &cal);
    if (rc != ERR_OK)
        return rc;
    switch (action) {
    case CA_VERIFY:
        n.verified_at = req->now;
        break;
    case CA_REFER: {
        struct office to;
        if (!refer_to ||
            offices_get(req->db, req->arena, refer_to, &to) != ERR_OK) {
            *status = 422;
            *error = L(req->lang, "Pilih kantor tujuan.",
                       "Choose the office to refer to.");
            return ERR_OK;
        }
        n.referred_office_id = to.id;
        break;
    }
    case CA_ANSWER:
        n.answered_at = req->now;
        n.public_answer = note;
        break;
    case CA_REPLY:
        n.reopened_at = req->now;
        break;
    case CA_ACCEPT:
    case CA_CLOSE:
    case CA_REJECT:
        n.closed_at = req->now;
        if (action == CA_REJECT)
            n.public_answer = note;
        break;
    case CA_NOTE:
    case CA__COUNT:
        break;
    }
    struct complaint_clock clock = {n.state, n.received_at, n.verified_at,
                                    n.answered_at, n.reopened_at};
    n.deadline_at = complaint_deadline(&cal, &clock, NULL);
    struct complaint_event ev = {
        .at = req->now,
        .actor = actor == CACTOR_CITIZEN ? "citizen" : req->who.login,
        .action = complaint_action_code(action),
        .state_after = n.state,
        .note = has_note ? note : NULL};
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = complaints_apply(req->db, &n, expected ? expected : c->version,
                              &ev);
    if (rc == ERR_OK)
        rc = db_commit(req->db);
    else
        db_rollback(req->db);
    if (rc == ERR_CONFLICT) {
        *status = 409;
        *error = L(req->lang,
                   "Pengaduan ini baru saja diubah oleh petugas lain. Lihat "
                   "statusnya sekarang.",
                   "Another officer changed this complaint a moment ago. "
                   "See its status now.");
        return ERR_OK;
    }
    if (rc == ERR_OK)
        *c = n;
    return rc;
}

void h_complaint_reply(struct request *req, struct response *res)
{
    char number[32];
    const char *pin = params_str(&req->form, req->arena, "pin");
    struct complaint c;
    enum err rc = ERR_NOT_FOUND;
    if (complaint_number_parse(params_get(&req->form, "no"), number))
        rc = complaints_get(req->db, req->arena, number, &c);
    if (rc == ERR_OK && !crypto_str_equal(pin, c.pin))
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    enum complaint_action action;
    if (!complaint_action_parse(params_get(&req->form, "action"), &action) ||
        (action != CA_ACCEPT && action != CA_REPLY)) {
        app_error(req, res, 400, "bad_request", "Tindakan tidak dikenal.",
                  "Unknown action.");
        return;
    }
    if (action == CA_REPLY && req->now > c.deadline_at) {
        app_error(req, res, 409, "window_closed",
                  "Batas 10 hari untuk menanggapi sudah lewat.",
                  "The 10 days to reply have passed.");
        return;
    }
    const char *note = params_text(&req->form, req->arena, "reply");
    const char *error;
    int status = 200;
    rc = act(req, &c, action, CACTOR_CITIZEN, note, 0, NULL, &error, &status);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (error) {
        app_error(req, res, status, "not_allowed", error, error);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/complaints/track?no=%s&pin=%s",
                              c.number, c.pin));
}

void h_complaints(struct request *req, struct response *res)
{
    struct complaint_filter f = {.state = -1, .open_only = true, .limit = 500};
    const char *title = L(req->lang, "Pengaduan (urut batas waktu)",
                          "Complaints (by deadline)");
    if (params_bool(&req->query, "escalated") || req->who.role == ROLE_SEKKAB ||
        req->who.role == ROLE_BUPATI) {
        f.escalated_only = true;
        title = L(req->lang, "Pengaduan yang dilaporkan ke Sekda",
                  "Complaints escalated to the Sekkab");
    }
    if (!role_has(req->who.role, PERM_READ_ALL) &&
        !(req->who.role == ROLE_COMPLAINT && !req->who.office_id))
        f.office_id = req->who.office_id ? req->who.office_id : -1;
    struct complaint *items;
    size_t n;
    enum err rc = complaints_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct complaint_row *rows =
        arena_alloc(req->arena, (n + 1) * sizeof(*rows));
    int offset = ((const struct app *)req->app)->utc_offset_min;
    for (size_t i = 0; i < n; i++) {
        rows[i].c = &items[i];
        char *t = arena_alloc(req->arena, 32);
        if (items[i].deadline_at) {
            civil_format_iso(items[i].deadline_at, offset, t);
            t[16] = '\0';
            t[10] = ' ';
        } else {
            strcpy(t, "—");
        }
        rows[i].deadline = t;
        struct complaint_clock clock = {
            items[i].state, items[i].received_at, items[i].verified_at,
            items[i].answered_at, items[i].reopened_at};
        rows[i].overdue =
            complaint_is_overdue(&clock, items[i].deadline_at, req->now);
    }
    struct view v = app_view(req, res);
    view_complaints(&v, title, rows, n, req->who.role == ROLE_COMPLAINT);
}

static enum err visible(struct request *req, struct complaint *c)
{
    char number[32];
    if (!complaint_number_parse(req->path_args[0], number))
        return ERR_NOT_FOUND;
    enum err rc = complaints_get(req->db, req->arena, number, c);
    if (rc == ERR_OK && !staff_scope(req, c))
        rc = ERR_DENIED;
    return rc;
}

static void show_page(struct request *req, struct response *res,
                      struct complaint *c, const char *flash, const char *error)
{
    struct complaint_view p;
    fill_view(req, c, &p, true);
    enum complaint_action actions[CA__COUNT];
    size_t n = 0;
    enum complaint_state next;
    for (int a = 0; a < CA__COUNT; a++)
        if (complaint_allowed(c->state, (enum complaint_action)a, CACTOR_STAFF,
                              req->who.role, true, &next))
            actions[n++] = (enum complaint_action)a;
    p.actions = actions;
    p.n_actions = n;
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct office_filter f = {.level = -1};
    if (req->who.role == ROLE_COMPLAINT)
        offices_list(req->db, req->arena, &f, &offices, &n_offices);
    p.offices = offices;
    p.n_offices = n_offices;
    p.flash = flash;
    p.error = error;
    struct view v = app_view(req, res);
    view_complaint_page(&v, &p);
}

void h_complaint(struct request *req, struct response *res)
{
    struct complaint c;
    enum err rc = visible(req, &c);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_page(req, res, &c,
              params_get(&req->query, "done")
                  ? L(req->lang, "Tercatat.", "Recorded.")
                  : NULL,
              NULL);
}

void h_complaint_event(struct request *req, struct response *res)
{
    struct complaint c;
    enum err rc = visible(req, &c);
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
    const char *note = params_text(&req->form, req->arena, "note");
    if (utf8_length(note, strlen(note)) > COMPLAINT_TEXT_MAX) {
        res->status = 422;
        show_page(req, res, &c, NULL,
                  L(req->lang, "Paling banyak 4000 karakter.",
                    "At most 4000 characters."));
        return;
    }
    const char *error;
    int status = 200;
    rc = act(req, &c, action, CACTOR_STAFF, note, (int)version,
             params_get(&req->form, "refer_to"), &error, &status);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (error) {
        struct complaint fresh;
        if (complaints_get(req->db, req->arena, c.number, &fresh) == ERR_OK)
            c = fresh;
        res->status = status;
        show_page(req, res, &c, NULL, error);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/complaints/%s?done=1", c.number));
}

void h_complaint_paper_form(struct request *req, struct response *res)
{
    if (req->who.role != ROLE_COMPLAINT) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    show_form(req, res, CFORM_PAPER, NULL);
}

void h_complaint_paper(struct request *req, struct response *res)
{
    if (req->who.role != ROLE_COMPLAINT) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    struct complaint_input in = input_from_form(req, "paper");
    struct field_errors fe = {0};
    struct complaint c;
    enum err rc = complaint_create(req, &in, &fe, &c);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        show_form(req, res, CFORM_PAPER, &fe);
        return;
    }
    /* A slip already past its deadline goes to the Sekkab at once. */
    int64_t escalated = 0, closed = 0;
    complaints_jobs(req->db, req->now, &escalated, &closed);
    res_redirect(req, res,
                 arena_printf(req->arena, "/complaints/%s?done=1", c.number));
}

void h_complaint_photo(struct request *req, struct response *res)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    /* Photos are shown to staff handling complaints only. */
    int64_t office_id = 0, referred = 0;
    enum err rc = complaints_photo_scope(req->db, id, &office_id, &referred);
    struct complaint probe = {.office_id = office_id,
                              .referred_office_id = referred};
    if (rc == ERR_OK && !staff_scope(req, &probe))
        rc = ERR_DENIED;
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
    params_int(&req->form, "ord", 0, 999, &ord);
    bool code_ok =
        strlen(code) >= 2 && strlen(code) <= 32 &&
        strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(code);
    if (!code_ok || (!remove && (!*name_id || strlen(name_id) > 100 ||
                                 strlen(name_en) > 100))) {
        res->status = 422;
        show_categories(req, res,
                        L(req->lang,
                          "Kode: 2-32 huruf kecil, angka atau _; nama wajib "
                          "(paling banyak 100 karakter).",
                          "Code: 2-32 lower-case letters, digits or _; a "
                          "name is required (at most 100 characters)."));
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
    if (rc == ERR_OK)
        rc = db_commit(req->db);
    else
        db_rollback(req->db);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/complaint-categories");
}
