/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* queue.c: the counter queue's pages and JSON shapes (see queue.h). */
#include "views/queue.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/params.h"
#include "base/qr.h"
#include "core/humanize.h"
#include "views/json.h"

/* ---- JSON ---------------------------------------------------------------- */

static json_t *iso_or_null(int64_t t, int offset_min)
{
    if (!t)
        return json_null();
    char out[32];
    civil_format_iso(t, offset_min, out);
    return json_string(out);
}

static json_t *board_call(const struct queue_board_call *c, int offset_min,
                          bool with_state)
{
    json_t *j =
        json_pack("{s:s,s:s?,s:s?,s:o,s:b}", "ticket", c->label, "counter",
                  c->counter_code, "counter_name", c->counter_name, "at",
                  iso_or_null(c->at, offset_min), "priority", c->priority);
    if (with_state)
        json_object_set_new(j, "state",
                            json_string(queue_state_code(c->state)));
    else
        json_object_set_new(j, "id", json_integer(c->event_id));
    return j;
}

json_t *json_queue_board(const struct queue_board *b, const char *office_code,
                         const char *day, int offset_min)
{
    json_t *serving = json_array();
    for (size_t i = 0; i < b->n_serving; i++)
        json_array_append_new(serving,
                              board_call(&b->serving[i], offset_min, true));
    json_t *calls = json_array();
    for (size_t i = 0; i < b->n_calls; i++)
        json_array_append_new(calls,
                              board_call(&b->calls[i], offset_min, false));
    return json_pack("{s:s,s:s,s:I,s:I,s:o,s:o}", "office", office_code, "day",
                     day, "seq", (json_int_t)b->seq, "waiting",
                     (json_int_t)b->waiting, "serving", serving, "calls",
                     calls);
}

json_t *json_queue_ticket(const struct queue_ticket *t, int offset_min)
{
    char group[2] = {t->group, '\0'};
    json_t *j = json_pack(
        "{s:I,s:s,s:s,s:b,s:s,s:s,s:i,s:s?,s:s?,s:s?,s:o,s:o,s:o,s:s?,s:I}",
        "id", (json_int_t)t->id, "ticket", t->label, "group", group, "priority",
        t->priority, "state", queue_state_code(t->state), "day", t->day,
        "calls", t->calls, "counter", t->counter_code, "counter_name",
        t->counter_name, "transferred_to", t->transfer_code, "issued_at",
        iso_or_null(t->issued_at, offset_min), "called_at",
        iso_or_null(t->called_at, offset_min), "finished_at",
        iso_or_null(t->finished_at, offset_min), "application", t->regno,
        "version", (json_int_t)t->version);
    return j;
}

json_t *json_queue_counter(const struct queue_counter *k)
{
    json_t *groups = json_array();
    if (strcmp(k->serves, "*") == 0) {
        json_array_append_new(groups, json_string("*"));
    } else {
        for (const char *p = k->serves; *p; p++)
            if (*p != ',') {
                char g[2] = {*p, '\0'};
                json_array_append_new(groups, json_string(g));
            }
    }
    return json_pack("{s:s,s:s,s:o,s:b,s:s?}", "code", k->code, "name", k->name,
                     "groups", groups, "active", k->active, "officer",
                     k->user_login);
}

json_t *json_queue_group(const struct queue_group *g)
{
    return json_pack("{s:s,s:o}", "code", g->code, "name",
                     json_text2(&g->name));
}

json_t *json_queue_booking(const struct queue_booking *b)
{
    char group[2] = {b->group, '\0'};
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "code", b->code, "office",
                     b->office_code, "date", b->day, "slot", b->slot, "service",
                     b->service_code, "group", group, "state",
                     booking_state_code(b->state));
}

static json_t *stats_json(const struct queue_stats *s)
{
    if (!s->n)
        return json_pack("{s:i,s:n,s:n,s:n}", "n", 0, "mean_s", "median_s",
                         "p90_s");
    return json_pack("{s:I,s:I,s:I,s:I}", "n", (json_int_t)s->n, "mean_s",
                     (json_int_t)s->mean_s, "median_s", (json_int_t)s->median_s,
                     "p90_s", (json_int_t)s->p90_s);
}

static json_t *line_json(const struct queue_fig_line *l, const char *key_name)
{
    json_t *j = json_pack(
        "{s:I,s:I,s:I,s:o,s:o}", "issued", (json_int_t)l->issued, "served",
        (json_int_t)l->served, "no_shows", (json_int_t)l->no_shows, "wait",
        stats_json(&l->wait), "service", stats_json(&l->service));
    if (key_name)
        json_object_set_new(j, key_name, json_string(l->key));
    return j;
}

static json_t *lines_json(const struct queue_fig_line *l, size_t n,
                          const char *key_name)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, line_json(&l[i], key_name));
    return a;
}

json_t *json_queue_figures(const struct queue_figures *f)
{
    return json_pack("{s:o,s:o,s:o,s:o,s:o}", "total",
                     line_json(&f->total, NULL), "offices",
                     lines_json(f->by_office, f->n_office, "office"), "groups",
                     lines_json(f->by_group, f->n_group, "group"), "days",
                     lines_json(f->by_day, f->n_day, "day"), "hours",
                     lines_json(f->by_hour, f->n_hour, "hour"));
}

json_t *json_queue_where(const struct queue_where *w, int offset_min)
{
    json_t *j = json_queue_ticket(&w->ticket, offset_min);
    json_object_set_new(j, "ahead", json_integer(w->ahead));
    json_object_set_new(j, "estimate_minutes",
                        w->has_estimate ? json_integer(w->estimate_min)
                                        : json_null());
    json_object_set_new(
        j, "state_text",
        json_pack("{s:s,s:s}", "id", queue_state_name(w->ticket.state, LANG_ID),
                  "en", queue_state_name(w->ticket.state, LANG_EN)));
    json_object_del(j, "version");
    json_object_del(j, "application");
    return j;
}

/* ---- Helpers ---------------------------------------------------------------
 */

/* A page without the site's header (kiosk, board): head and body open. */
static void bare_begin(struct view *v, const char *title)
{
    html_printf(v->out,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
                "charset=\"utf-8\"><meta name=\"viewport\" "
                "content=\"width=device-width, initial-scale=1\"><title>%s · "
                "Satu Pintu</title><link rel=\"stylesheet\" "
                "href=\"/static/style.css\"><link rel=\"icon\" "
                "href=\"/static/icon.svg\" type=\"image/svg+xml\">"
                "<script src=\"/static/queue.js\" defer></script>",
                lang_code(v->lang), title);
}

static void bare_body(struct view *v, const char *body_class)
{
    html_printf(v->out, "</head><body class=\"%s\"><main>", body_class);
}

static void bare_end(struct view *v)
{
    html_raw(v->out, "</main></body></html>\n");
}

/* "12:30" (minutes:seconds), "1:02:03" from an hour, "—" for none. */
static const char *duration(struct view *v, const struct queue_stats *s,
                            int64_t value)
{
    if (!s->n)
        return "—";
    if (value >= 3600)
        return arena_printf(
            v->arena, "%lld:%02lld:%02lld", (long long)(value / 3600),
            (long long)(value / 60 % 60), (long long)(value % 60));
    return arena_printf(v->arena, "%lld:%02lld", (long long)(value / 60),
                        (long long)(value % 60));
}

static const char *day_name(struct view *v, const char *date)
{
    return human_date_iso(v->arena, date, v->lang);
}

static void group_name(struct view *v, const struct queue_group *g)
{
    html_printf(v->out, "%s<span class=\"en\">%s</span>", g->name.id,
                g->name.en);
    (void)v;
}

/* ---- The kiosk --------------------------------------------------------- */

void view_queue_kiosk(struct view *v, const struct queue_kiosk_page *p)
{
    bare_begin(v, T(v, "Ambil nomor antrean", "Take a ticket"));
    bare_body(v, p->priority ? "queue-kiosk priority" : "queue-kiosk");
    html_printf(v->out,
                "<header class=\"kiosk-head\"><p class=\"kicker\">%s</p><h1>%s"
                "</h1><p class=\"en\">%s</p></header>",
                p->office->name,
                p->priority ? "Layanan prioritas: pilih layanan"
                            : "Ambil nomor antrean: pilih layanan",
                p->priority ? "Priority service: choose the service"
                            : "Take a ticket: choose the service");
    if (p->priority)
        html_raw(v->out,
                 "<p class=\"priority-note\">Untuk lansia, penyandang "
                 "disabilitas, ibu hamil dan warga yang membawa anak kecil "
                 "(UU 25/2009 Pasal 29).<span class=\"en\">For older people, "
                 "people with disabilities, pregnant women and people with "
                 "small children.</span></p>");
    html_raw(v->out, "<div class=\"kiosk-groups\">");
    for (size_t i = 0; i < p->n_groups; i++) {
        const struct queue_group *g = &p->groups[i];
        html_raw(v->out, "<form method=\"post\" action=\"/queue/kiosk\">");
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                    p->csrf ? p->csrf : "");
        view_form_token(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"group\" value=\"%s\">"
                    "<input type=\"hidden\" name=\"priority\" value=\"%d\">"
                    "<button class=\"kiosk-group\" type=\"submit\" "
                    "data-group=\"%s\"><span class=\"letter\">%s</span>"
                    "<span class=\"name\">",
                    g->code, p->priority ? 1 : 0, g->code, g->code);
        group_name(v, g);
        html_raw(v->out, "</span></button></form>");
    }
    html_raw(v->out, "</div><div class=\"kiosk-foot\">");
    if (p->priority)
        html_raw(v->out,
                 "<a class=\"button secondary big\" href=\"/queue/kiosk\">"
                 "Kembali ke antrean biasa<span class=\"en\">Back to the "
                 "ordinary queue</span></a>");
    else
        html_raw(v->out,
                 "<a class=\"button big priority-button\" "
                 "href=\"/queue/kiosk?priority=1\">Layanan prioritas<span "
                 "class=\"en\">Priority service</span></a>");
    html_raw(v->out, "<form class=\"kiosk-booking\" method=\"post\" "
                     "action=\"/queue/kiosk\">");
    html_printf(v->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                p->csrf ? p->csrf : "");
    view_form_token(v);
    html_printf(v->out,
                "<input type=\"hidden\" name=\"priority\" value=\"%d\">",
                p->priority ? 1 : 0);
    bool bad = p->fe && ferr_find(p->fe, "booking");
    html_printf(v->out,
                "<label for=\"f-booking\">Sudah booking? Ketik kodenya<span "
                "class=\"en\">Booked? Type the code</span></label>");
    view_field_error(v, p->fe, "booking");
    html_printf(v->out,
                "<input id=\"f-booking\" name=\"booking\" maxlength=\"12\" "
                "autocomplete=\"off\" value=\"%s\" aria-invalid=\"%s\" "
                "aria-describedby=\"%s\"><button "
                "type=\"submit\">Ambil nomor<span class=\"en\">Get the "
                "ticket</span></button></form></div>",
                p->booking ? p->booking : "", bad ? "true" : "false",
                bad ? "err-booking" : "");
    bare_end(v);
}

/* ---- The ticket -------------------------------------------------------- */

void view_queue_ticket(struct view *v, const struct queue_ticket_print *p)
{
    const struct queue_ticket *t = p->ticket;
    bare_begin(v, t->label);
    html_raw(v->out, "<link rel=\"stylesheet\" href=\"/static/ticket.css\">");
    bare_body(v, "print");
    if (p->kiosk)
        html_printf(
            v->out,
            "<div class=\"noprint ticket-actions\" data-autoprint=\"1\" "
            "data-return=\"/queue/kiosk\" data-return-after=\"%lld\">"
            "<a class=\"button big\" href=\"/queue/kiosk\">Selesai"
            "<span class=\"en\">Done</span></a></div>",
            (long long)p->return_after_s);
    html_printf(v->out,
                "<article class=\"queue-ticket\"><p class=\"kicker\">NOMOR "
                "ANTREAN · TICKET</p><h1>%s</h1><p class=\"number\">%s</p>",
                p->office->name, t->label);
    html_raw(v->out, "<p class=\"group\">");
    if (p->group)
        group_name(v, p->group);
    html_raw(v->out, "</p>");
    if (t->priority)
        html_raw(v->out, "<p class=\"prio\">PRIORITAS · PRIORITY</p>");
    html_printf(v->out,
                "<dl><dt>Diambil / Taken</dt><dd>%s</dd><dt>Di depan Anda / "
                "Ahead of you</dt><dd class=\"ahead\">%lld</dd></dl>",
                p->issued, (long long)p->ahead);
    if (p->follow_url) {
        struct buf qr;
        buf_init(&qr, 256 * 1024);
        if (qr_svg(&qr, p->follow_url, 120,
                   "Kode QR: pantau antrean di ponsel / QR code: follow the "
                   "queue on your phone"))
            html_raw_trusted(v->out, &qr);
        buf_free(&qr);
        html_printf(v->out,
                    "<p class=\"small\">Pantau di ponsel / Follow on your "
                    "phone:<br><span class=\"url\">%s</span></p>",
                    p->follow_url);
    }
    html_raw(v->out,
             "<p class=\"small\">Tunggu sampai nomor Anda dipanggil di layar. "
             "/ Wait until your number is called on the screen.</p>"
             "</article>");
    bare_end(v);
}

/* ---- The desk ---------------------------------------------------------- */

static void act_button(struct view *v, const struct queue_ticket *t,
                       const char *action, const char *label, bool enabled,
                       const char *cls)
{
    html_printf(v->out,
                "<form class=\"inline\" method=\"post\" "
                "action=\"/queue/desk/tickets/%lld/%s\">",
                (long long)t->id, action);
    view_csrf(v);
    html_printf(v->out,
                "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                "<button type=\"submit\" class=\"%s\" data-action=\"%s\"%s>"
                "%s</button></form> ",
                t->version, cls, action, enabled ? "" : " disabled", label);
}

void view_queue_desk(struct view *v, const struct queue_desk_page *p)
{
    view_begin(v, T(v, "Loket antrean", "Queue desk"));
    html_printf(v->out,
                "<h1>%s</h1><p class=\"muted\">%s · <a "
                "href=\"/queue/%s/board\">%s</a></p>",
                T(v, "Loket antrean", "Queue desk"), p->office->name,
                p->office->code, T(v, "Layar antrean", "Display board"));
    if (p->flash)
        html_printf(v->out, "<p class=\"%s\" role=\"status\">%s</p>",
                    p->flash_warn ? "warn flash" : "flash", p->flash);
    html_printf(v->out,
                "<p class=\"stats\">%s: <strong id=\"waiting\">%lld</strong>"
                "</p>",
                T(v, "Menunggu hari ini", "Waiting today"),
                (long long)p->waiting);
    /* Which counter the officer sits at. */
    html_raw(v->out, "<form class=\"filters\" method=\"post\" "
                     "action=\"/queue/desk/counter\">");
    view_csrf(v);
    html_printf(v->out,
                "<label for=\"f-counter\">%s</label><select "
                "id=\"f-counter\" name=\"counter\">",
                T(v, "Loket saya", "My counter"));
    html_printf(v->out, "<option value=\"\">%s</option>",
                T(v, "— tidak di loket —", "— not at a counter —"));
    for (size_t i = 0; i < p->n_counters; i++) {
        const struct queue_counter *k = &p->counters[i];
        if (!k->active)
            continue;
        bool mine = p->mine && p->mine->id == k->id;
        html_printf(v->out, "<option value=\"%s\"%s>%s (%s)%s</option>",
                    k->code, mine ? " selected" : "", k->name,
                    strcmp(k->serves, "*") == 0
                        ? T(v, "semua layanan", "every service")
                        : k->serves,
                    k->user_login && !mine
                        ? arena_printf(v->arena, " · %s", k->user_login)
                        : "");
    }
    html_printf(v->out, "</select><button type=\"submit\">%s</button></form>",
                T(v, "Pilih", "Choose"));
    if (!p->mine) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Pilih loket Anda untuk mulai memanggil.",
                      "Choose your counter to start calling."));
        view_end(v);
        return;
    }
    html_printf(v->out, "<section class=\"desk\"><h2>%s</h2>", p->mine->name);
    const struct queue_ticket *t = p->current;
    if (!t) {
        html_raw(v->out, "<form method=\"post\" action=\"/queue/desk/call\">");
        view_csrf(v);
        html_printf(v->out,
                    "<button class=\"big\" type=\"submit\" "
                    "data-action=\"call\">%s</button></form>",
                    T(v, "Panggil berikutnya", "Call the next"));
        html_raw(v->out, "</section>");
        view_end(v);
        return;
    }
    html_printf(v->out,
                "<p class=\"desk-ticket\"><span class=\"number\">%s</span> "
                "<span class=\"tag\">%s</span>%s</p>",
                t->label, queue_state_name(t->state, v->lang),
                t->priority
                    ? arena_printf(v->arena,
                                   " <span class=\"tag warn\">%s</span>",
                                   T(v, "prioritas", "priority"))
                    : "");
    if (t->state == QS_CALLED)
        html_printf(v->out, "<p>%s: %d / %d</p>", T(v, "Dipanggil", "Called"),
                    t->calls, QUEUE_MAX_CALLS);
    if (t->regno)
        html_printf(v->out, "<p>%s: <a href=\"/applications/%s\">%s</a></p>",
                    T(v, "Permohonan", "Application"), t->regno, t->regno);
    html_raw(v->out, "<p class=\"desk-actions\">");
    bool called = t->state == QS_CALLED;
    act_button(v, t, "recall", T(v, "Panggil ulang", "Recall"),
               called && t->calls < QUEUE_MAX_CALLS, "secondary");
    act_button(v, t, "start", T(v, "Mulai layani", "Start serving"), called,
               "");
    act_button(v, t, "finish", T(v, "Selesai", "Finish"), true, "");
    act_button(v, t, "no_show", T(v, "Tidak hadir", "No-show"),
               called && t->calls >= QUEUE_MAX_CALLS, "danger");
    html_raw(v->out, "</p>");
    if (p->may_intake && !t->regno)
        html_printf(v->out,
                    "<p><a class=\"button secondary\" "
                    "href=\"/intake?ticket=%lld\">%s</a></p>",
                    (long long)t->id,
                    T(v, "Daftarkan permohonan untuk nomor ini",
                      "Register an application for this ticket"));
    /* Transfer to another active counter. */
    size_t others = 0;
    for (size_t i = 0; i < p->n_counters; i++)
        others += p->counters[i].active && p->counters[i].id != p->mine->id;
    if (others) {
        html_printf(v->out,
                    "<form class=\"filters\" method=\"post\" "
                    "action=\"/queue/desk/tickets/%lld/transfer\">",
                    (long long)t->id);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                    "<label for=\"f-to\">%s</label><select id=\"f-to\" "
                    "name=\"to\">",
                    t->version, T(v, "Alihkan ke", "Transfer to"));
        for (size_t i = 0; i < p->n_counters; i++) {
            const struct queue_counter *k = &p->counters[i];
            if (k->active && k->id != p->mine->id)
                html_printf(v->out, "<option value=\"%s\">%s</option>", k->code,
                            k->name);
        }
        html_printf(v->out,
                    "</select><button class=\"secondary\" type=\"submit\" "
                    "data-action=\"transfer\">%s</button></form>",
                    T(v, "Alihkan", "Transfer"));
    }
    html_raw(v->out, "</section>");
    view_end(v);
}

/* ---- The display board -------------------------------------------------- */

static void board_time(struct view *v, int64_t t)
{
    char iso[32];
    civil_format_iso(t, v->utc_offset_min, iso);
    /* "2026-10-05T09:12:00+07:00" -> "09.12" ("09:12" in English, as
     * core/humanize.h writes times) */
    html_printf(v->out, "%.2s%c%.2s", iso + 11, v->lang == LANG_EN ? ':' : '.',
                iso + 14);
}

void view_queue_board(struct view *v, const struct office *o,
                      const struct queue_board *b)
{
    bare_begin(v, T(v, "Layar antrean", "Display board"));
    /* Without JavaScript the page reloads itself. */
    html_raw(
        v->out,
        "<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>");
    bare_body(v, "queue-board");
    html_printf(v->out,
                "<div id=\"board\" data-office=\"%s\" "
                "data-events=\"/queue/%s/events\" "
                "data-api=\"/api/v1/offices/%s/queue\" data-seq=\"%lld\">",
                o->code, o->code, o->code, (long long)b->seq);
    html_printf(v->out,
                "<header class=\"board-head\"><h1>%s</h1><p><span "
                "class=\"label\">Menunggu · Waiting</span> <strong "
                "id=\"board-waiting\">%lld</strong></p><button "
                "id=\"board-sound\" class=\"secondary noprint\" "
                "type=\"button\" hidden>Nyalakan suara · Sound on</button>"
                "</header>",
                o->name, (long long)b->waiting);
    html_raw(v->out,
             "<section class=\"board-now\"><h2>Dipanggil · Now calling</h2>"
             "<ul id=\"board-serving\">");
    for (size_t i = 0; i < b->n_serving; i++) {
        const struct queue_board_call *c = &b->serving[i];
        html_printf(v->out,
                    "<li class=\"%s%s\"><span class=\"number\">%s</span><span "
                    "class=\"arrow\">→</span><span class=\"counter\">%s</span>"
                    "</li>",
                    queue_state_code(c->state), c->priority ? " prio" : "",
                    c->label, c->counter_name ? c->counter_name : "");
    }
    html_raw(v->out,
             "</ul></section><section class=\"board-last\"><h2>Panggilan "
             "terakhir · Last calls</h2><ol id=\"board-calls\">");
    for (size_t i = 0; i < b->n_calls; i++) {
        const struct queue_board_call *c = &b->calls[i];
        html_printf(v->out,
                    "<li data-id=\"%lld\"><span class=\"number\">%s</span> "
                    "<span class=\"counter\">%s</span> <span "
                    "class=\"time\">",
                    (long long)c->event_id, c->label,
                    c->counter_name ? c->counter_name : "");
        board_time(v, c->at);
        html_raw(v->out, "</span></li>");
    }
    html_printf(v->out,
                "</ol></section><p class=\"board-state\" id=\"board-state\" "
                "data-live=\"Langsung · Live\" data-polling=\"Diperbarui "
                "berkala · Refreshing\" data-offline=\"Menyambung lagi… · "
                "Reconnecting…\"></p></div>");
    bare_end(v);
}

/* ---- The citizen's phone page ------------------------------------------ */

void view_queue_follow(struct view *v, const struct office *o,
                       const struct queue_where *w, const char *token)
{
    const struct queue_ticket *t = &w->ticket;
    bare_begin(v, t->label);
    bare_body(v, "queue-phone");
    struct buf enc;
    buf_init(&enc, 256);
    html_urlenc(&enc, token);
    html_printf(v->out,
                "<section class=\"queue-follow\" id=\"follow\" "
                "data-events=\"/queue/%s/events\" "
                "data-api=\"/api/v1/queue/follow?t=%s\"><p "
                "class=\"kicker\">%s</p><h1 class=\"number\">%s</h1>",
                o->code, buf_cstr(&enc), o->name, t->label);
    buf_free(&enc);
    html_printf(v->out, "<p class=\"lead\" id=\"follow-state\">%s</p>",
                queue_state_name(t->state, v->lang));
    html_printf(v->out, "<dl><dt>%s</dt><dd id=\"follow-ahead\">%lld</dd>",
                T(v, "Di depan Anda", "Ahead of you"), (long long)w->ahead);
    html_printf(
        v->out, "<dt>%s</dt><dd id=\"follow-estimate\">%s</dd>",
        T(v, "Perkiraan waktu tunggu", "Estimated wait"),
        w->has_estimate
            ? arena_printf(v->arena, "± %lld %s", (long long)w->estimate_min,
                           T(v, "menit", "minutes"))
            : T(v, "belum dapat diperkirakan", "cannot be estimated yet"));
    html_printf(v->out, "<dt>%s</dt><dd id=\"follow-counter\">%s</dd></dl>",
                T(v, "Loket", "Counter"),
                (t->state == QS_CALLED || t->state == QS_SERVING) &&
                        t->counter_name
                    ? t->counter_name
                    : "—");
    html_printf(
        v->out,
        "<p class=\"muted\" data-id=\"%s\" data-en=\"%s\" "
        "id=\"follow-note\">%s</p></section>",
        "Halaman ini diperbarui sendiri.", "This page updates itself.",
        T(v, "Halaman ini diperbarui sendiri.", "This page updates itself."));
    bare_end(v);
}

/* ---- Bookings ------------------------------------------------------------ */

static const char *sent(const struct params *form, const char *name)
{
    const char *s = form ? params_get(form, name) : NULL;
    return s ? s : "";
}

void view_queue_book(struct view *v, const struct queue_book_page *p)
{
    view_begin(v, T(v, "Booking antrean", "Book a place in the queue"));
    html_printf(v->out, "<h1>%s</h1>",
                T(v, "Booking antrean", "Book a place in the queue"));
    if (!p->office) {
        html_printf(v->out, "<p>%s</p><ul class=\"cards\">",
                    T(v, "Pilih kantor:", "Choose the office:"));
        for (size_t i = 0; i < p->n_offices; i++)
            html_printf(v->out,
                        "<li><a href=\"/queue/book?office=%s\">%s</a></li>",
                        p->offices[i].code, p->offices[i].name);
        html_raw(v->out, "</ul>");
        view_end(v);
        return;
    }
    html_printf(v->out, "<p class=\"lead\">%s</p>", p->office->name);
    if (p->full)
        html_printf(v->out, "<p class=\"warn\" role=\"alert\">%s</p>",
                    T(v, "Jam itu sudah penuh. Pilih jam lain.",
                      "That time is full. Choose another time."));
    view_error_summary(v, p->fe);
    html_raw(v->out, "<form method=\"post\" action=\"/queue/book\">");
    html_printf(v->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                p->csrf ? p->csrf : "");
    view_form_token(v);
    html_printf(v->out, "<input type=\"hidden\" name=\"office\" value=\"%s\">",
                p->office->code);
    bool bad = p->fe && ferr_find(p->fe, "service");
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-service\">%s *</label>",
                bad ? " invalid" : "", T(v, "Layanan", "Service"));
    view_field_error(v, p->fe, "service");
    html_raw(v->out, "<select id=\"f-service\" name=\"service\" required>");
    const char *chosen = sent(p->form, "service");
    for (size_t i = 0; i < p->n_services; i++) {
        const struct service_def *s = &p->services[i];
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", s->code,
                    strcmp(chosen, s->code) == 0 ? " selected" : "",
                    text2_get(&s->name, v->lang));
    }
    html_raw(v->out, "</select></div>");
    bad = p->fe && (ferr_find(p->fe, "date") || ferr_find(p->fe, "slot"));
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-when\">%s *</label>",
                bad ? " invalid" : "",
                T(v, "Hari dan jam kedatangan", "Day and time of arrival"));
    view_field_error(v, p->fe, "date");
    view_field_error(v, p->fe, "slot");
    html_raw(v->out, "<select id=\"f-when\" name=\"when\" required>");
    const char *when = sent(p->form, "when");
    for (size_t d = 0; d < p->n_days; d++) {
        const struct queue_book_day *day = &p->days[d];
        html_printf(v->out, "<optgroup label=\"%s\">", day_name(v, day->date));
        for (size_t i = 0; i < day->n_slots; i++) {
            const char *value =
                arena_printf(v->arena, "%s %s", day->date, day->slots[i]);
            html_printf(v->out,
                        "<option value=\"%s\"%s%s>%s (%s %lld)</option>", value,
                        strcmp(when, value) == 0 ? " selected" : "",
                        day->left[i] ? "" : " disabled", day->slots[i],
                        T(v, "sisa", "left"), (long long)day->left[i]);
        }
        html_raw(v->out, "</optgroup>");
    }
    html_raw(v->out, "</select></div>");
    view_input(v, p->fe, "name", T(v, "Nama", "Name"), sent(p->form, "name"),
               "text", true, 100);
    view_input(v, p->fe, "phone", T(v, "Nomor telepon", "Phone number"),
               sent(p->form, "phone"), "tel", true, 20);
    html_printf(v->out,
                "<p class=\"muted\">%s</p><button class=\"big\" "
                "type=\"submit\">%s</button></form>",
                T(v,
                  "Datang paling lambat 15 menit setelah jam yang dipilih; "
                  "lewat dari itu booking gugur dan Anda mengambil nomor "
                  "antrean biasa.",
                  "Come at the latest 15 minutes after the chosen time; "
                  "later, the booking lapses and you take an ordinary "
                  "ticket."),
                T(v, "Booking", "Book"));
    view_end(v);
}

void view_queue_booking(struct view *v, const struct queue_booking *b,
                        const char *follow_url, const char *token,
                        const char *csrf, bool fresh)
{
    view_begin(v, T(v, "Booking antrean", "Queue booking"));
    html_printf(v->out, "<section class=\"queue-booking\"><h1>%s</h1>",
                fresh ? T(v, "Booking diterima", "Booking received")
                      : T(v, "Booking antrean", "Queue booking"));
    html_printf(v->out, "<p>%s</p><p class=\"number booking-code\">%.4s-%s</p>",
                T(v, "Kode booking:", "Booking code:"), b->code,
                strlen(b->code) > 4 ? b->code + 4 : "");
    html_printf(v->out,
                "<dl><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s, %s</dd>"
                "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd "
                "id=\"booking-state\">%s</dd></dl>",
                T(v, "Kantor", "Office"), b->office_name,
                T(v, "Datang", "Come"), day_name(v, b->day), b->slot,
                T(v, "Layanan", "Service"), b->service_code,
                T(v, "Status", "Status"), booking_state_code(b->state));
    html_printf(v->out, "<p>%s</p>",
                T(v,
                  "Di kantor, ketik kode ini di mesin antrean: Anda mendapat "
                  "nomor dengan tempat sesuai jam booking.",
                  "At the office, type this code at the ticket kiosk: you "
                  "get a ticket with its place at your booked time."));
    if (follow_url) {
        struct buf qr;
        buf_init(&qr, 256 * 1024);
        if (qr_svg(&qr, follow_url, 132,
                   T(v, "Kode QR: pantau antrean di ponsel",
                     "QR code: follow the queue on your phone")))
            html_raw_trusted(v->out, &qr);
        buf_free(&qr);
        html_printf(v->out, "<p>%s <a href=\"%s\">%s</a></p>",
                    T(v,
                      "Simpan tautan ini untuk melihat atau membatalkan "
                      "booking:",
                      "Keep this link to see or cancel the booking:"),
                    follow_url, follow_url);
    }
    if (token && b->state == BOOKING_BOOKED) {
        html_raw(v->out,
                 "<form method=\"post\" action=\"/queue/booking/cancel\">");
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                    "<input type=\"hidden\" name=\"t\" value=\"%s\">"
                    "<button class=\"danger\" type=\"submit\">%s</button>"
                    "</form>",
                    csrf ? csrf : "", token,
                    T(v, "Batalkan booking", "Cancel the booking"));
    }
    html_raw(v->out, "</section>");
    view_end(v);
}

/* ---- Set-up ----------------------------------------------------------------
 */

static void serves_boxes(struct view *v, const struct queue_group *g, size_t n,
                         const char *serves, const char *prefix)
{
    bool all = strcmp(serves, "*") == 0;
    html_printf(v->out,
                "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"%sall\" value=\"1\"%s> %s</label>",
                prefix, all ? " checked" : "",
                T(v, "semua kelompok", "every group"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"%sgroup\" value=\"%s\"%s> %s</label>",
                    prefix, g[i].code,
                    !all && queue_counter_serves(serves, g[i].code[0])
                        ? " checked"
                        : "",
                    g[i].code);
}

void view_queue_admin(struct view *v, const struct queue_admin_page *p)
{
    view_begin(v, T(v, "Loket dan booking", "Counters and bookings"));
    html_printf(v->out, "<h1>%s</h1>",
                T(v, "Loket dan booking", "Counters and bookings"));
    if (p->offices) {
        html_printf(v->out,
                    "<form class=\"filters\" method=\"get\" "
                    "action=\"/queue/admin\"><label for=\"f-office\">%s"
                    "</label><select id=\"f-office\" name=\"office\">",
                    T(v, "Kantor", "Office"));
        for (size_t i = 0; i < p->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        p->offices[i].code,
                        p->office &&
                                strcmp(p->office->code, p->offices[i].code) == 0
                            ? " selected"
                            : "",
                        p->offices[i].name);
        html_printf(v->out,
                    "</select><button type=\"submit\">%s</button>"
                    "</form>",
                    T(v, "Tampilkan", "Show"));
    }
    if (!p->office) {
        view_end(v);
        return;
    }
    html_printf(v->out,
                "<p class=\"lead\">%s · <a href=\"/queue/%s/board\">%s</a> · "
                "<a href=\"/queue/book?office=%s\">%s</a></p>",
                p->office->name, p->office->code,
                T(v, "Layar antrean", "Display board"), p->office->code,
                T(v, "Halaman booking", "Booking page"));
    view_error_summary(v, p->fe);
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Kode", "Code"), T(v, "Nama", "Name"),
                T(v, "Melayani", "Serves"), T(v, "Aktif", "Active"),
                T(v, "Petugas", "Officer"));
    for (size_t i = 0; i < p->n_counters; i++) {
        const struct queue_counter *k = &p->counters[i];
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td></tr>",
                    k->code, k->name,
                    strcmp(k->serves, "*") == 0
                        ? T(v, "semua kelompok", "every group")
                        : k->serves,
                    k->active ? T(v, "ya", "yes") : T(v, "tidak", "no"),
                    k->user_login ? k->user_login : "—");
    }
    html_raw(v->out, "</tbody></table>");
    html_printf(v->out,
                "<h2>%s</h2><p class=\"muted\">%s</p>"
                "<form method=\"post\" action=\"/queue/admin/counters\">",
                T(v, "Tambah atau ubah loket", "Add or change a counter"),
                T(v, "Kode yang sudah ada mengubah loket itu.",
                  "An existing code changes that counter."));
    view_csrf(v);
    html_printf(v->out, "<input type=\"hidden\" name=\"office\" value=\"%s\">",
                p->office->code);
    view_input(v, p->fe, "code", T(v, "Kode loket", "Counter code"), NULL,
               "text", true, 8);
    view_input(v, p->fe, "name", T(v, "Nama", "Name"), NULL, "text", true, 60);
    html_printf(
        v->out, "<fieldset><legend>%s</legend>",
        T(v, "Kelompok layanan yang dilayani", "Service groups served"));
    view_field_error(v, p->fe, "groups");
    serves_boxes(v, p->groups, p->n_groups, "*", "");
    html_printf(v->out,
                "</fieldset><label class=\"check\"><input type=\"checkbox\" "
                "name=\"active\" value=\"1\" checked> %s</label> "
                "<button type=\"submit\">%s</button></form>",
                T(v, "aktif", "active"), T(v, "Simpan loket", "Save counter"));
    html_printf(v->out, "<h2>%s</h2><ul>",
                T(v, "Kelompok layanan", "Service groups"));
    for (size_t i = 0; i < p->n_groups; i++) {
        html_printf(v->out, "<li><strong>%s</strong> ", p->groups[i].code);
        group_name(v, &p->groups[i]);
        html_raw(v->out, "</li>");
    }
    html_raw(v->out, "</ul>");
    html_printf(v->out,
                "<h2>%s</h2><form method=\"post\" "
                "action=\"/queue/admin/settings\">",
                T(v, "Booking", "Bookings"));
    view_csrf(v);
    html_printf(v->out, "<input type=\"hidden\" name=\"office\" value=\"%s\">",
                p->office->code);
    view_input(v, p->fe, "slot_minutes",
               T(v, "Lama satu jam kedatangan (menit)",
                 "Length of an arrival slot (minutes)"),
               arena_printf(v->arena, "%d", p->cfg->slot_minutes), "number",
               true, 3);
    view_input(v, p->fe, "slot_quota",
               T(v, "Kuota per jam kedatangan", "Places per slot"),
               arena_printf(v->arena, "%d", p->cfg->slot_quota), "number", true,
               4);
    view_input(v, p->fe, "booking_days",
               T(v, "Booking dibuka berapa hari ke depan",
                 "Bookings taken how many days ahead"),
               arena_printf(v->arena, "%d", p->cfg->booking_days), "number",
               true, 3);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Simpan", "Save"));
    view_end(v);
}

/* ---- Figures ------------------------------------------------------------- */

static void fig_head(struct view *v, const char *key)
{
    html_printf(
        v->out,
        "<table class=\"list queue-figures\"><thead><tr><th>%s</th>"
        "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
        "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
        "<tbody>",
        key, T(v, "Diambil", "Issued"), T(v, "Dilayani", "Served"),
        T(v, "Tidak hadir", "No-shows"), T(v, "Tunggu rata-rata", "Wait mean"),
        T(v, "Tunggu median", "Wait median"), T(v, "Tunggu P90", "Wait p90"),
        T(v, "Layanan rata-rata", "Service mean"),
        T(v, "Layanan median", "Service median"),
        T(v, "Layanan P90", "Service p90"));
}

static void fig_row(struct view *v, const char *key,
                    const struct queue_fig_line *l)
{
    html_printf(
        v->out,
        "<tr><th scope=\"row\">%s</th><td>%lld</td><td>%lld</td><td>%lld</td>"
        "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
        "</tr>",
        key, (long long)l->issued, (long long)l->served, (long long)l->no_shows,
        duration(v, &l->wait, l->wait.mean_s),
        duration(v, &l->wait, l->wait.median_s),
        duration(v, &l->wait, l->wait.p90_s),
        duration(v, &l->service, l->service.mean_s),
        duration(v, &l->service, l->service.median_s),
        duration(v, &l->service, l->service.p90_s));
}

static void fig_table(struct view *v, const char *title, const char *key,
                      const struct queue_fig_line *lines, size_t n,
                      const struct queue_fig_line *total)
{
    html_printf(v->out, "<h3>%s</h3>", title);
    fig_head(v, key);
    for (size_t i = 0; i < n; i++)
        fig_row(v, lines[i].key, &lines[i]);
    if (total)
        fig_row(v, T(v, "Semua", "All"), total);
    html_raw(v->out, "</tbody></table>");
}

void view_queue_figures_section(struct view *v, const struct queue_figures *f,
                                bool by_office)
{
    html_printf(v->out,
                "<section class=\"queue-figures\"><h2>%s</h2><p "
                "class=\"muted\">%s</p>",
                T(v, "Antrean loket", "Counter queue"),
                T(v,
                  "Tunggu: dari ambil nomor (atau jam booking) sampai "
                  "dipanggil. Layanan: dari dipanggil sampai selesai. "
                  "Menit:detik; median dan P90 peringkat terdekat.",
                  "Wait: from taking the ticket (or the booked time) to the "
                  "call. Service: from the call to the finish. "
                  "Minutes:seconds; median and p90 by nearest rank."));
    if (!f->total.issued) {
        html_printf(v->out, "<p>%s</p></section>",
                    T(v, "Belum ada nomor antrean pada periode ini.",
                      "No tickets in this period."));
        return;
    }
    if (by_office)
        fig_table(v, T(v, "Per kantor", "By office"), T(v, "Kantor", "Office"),
                  f->by_office, f->n_office, &f->total);
    fig_table(v, T(v, "Per kelompok layanan", "By service group"),
              T(v, "Kelompok", "Group"), f->by_group, f->n_group,
              by_office ? NULL : &f->total);
    html_raw(v->out, "</section>");
}

void view_queue_figures(struct view *v, const struct queue_figures_page *p)
{
    view_begin(v, T(v, "Waktu tunggu antrean", "Queue waiting times"));
    html_printf(v->out, "<h1>%s</h1><p class=\"lead\">%s · %s — %s</p>",
                T(v, "Waktu tunggu antrean", "Queue waiting times"),
                p->scope_name, p->from, p->to);
    view_error_summary(v, p->fe);
    html_raw(v->out, "<form class=\"filters\" method=\"get\" "
                     "action=\"/queue/figures\">");
    if (p->offices) {
        html_printf(v->out,
                    "<label for=\"f-office\">%s</label><select id=\"f-office\" "
                    "name=\"office\"><option value=\"\">%s</option>",
                    T(v, "Kantor", "Office"),
                    T(v, "Semua kantor", "Every office"));
        for (size_t i = 0; i < p->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        p->offices[i].code,
                        strcmp(p->office, p->offices[i].code) == 0 ? " selected"
                                                                   : "",
                        p->offices[i].name);
        html_raw(v->out, "</select>");
    }
    html_printf(v->out,
                "<label for=\"f-from\">%s</label><input id=\"f-from\" "
                "name=\"from\" type=\"date\" value=\"%s\"><label "
                "for=\"f-to\">%s</label><input id=\"f-to\" name=\"to\" "
                "type=\"date\" value=\"%s\"><button type=\"submit\">%s"
                "</button></form>",
                T(v, "Dari", "From"), p->from, T(v, "Sampai", "To"), p->to,
                T(v, "Tampilkan", "Show"));
    const struct queue_figures *f = p->fig;
    view_queue_figures_section(v, f, f->n_office > 1);
    if (f->total.issued) {
        fig_table(v, T(v, "Per hari", "By day"), T(v, "Hari", "Day"), f->by_day,
                  f->n_day, NULL);
        fig_table(v, T(v, "Per jam ambil nomor", "By hour of the ticket"),
                  T(v, "Jam", "Hour"), f->by_hour, f->n_hour, NULL);
    }
    view_end(v);
}
