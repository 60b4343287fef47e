/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* complaints.c: complaint pages (see complaints.h). */
#include "views/complaints.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/qr.h"
#include "core/humanize.h"

static const char *sent(const struct params *p, const char *name)
{
    const char *s = p ? params_get(p, name) : NULL;
    return s ? s : "";
}

void view_complaint_form(struct view *v, enum complaint_form_mode mode,
                         const struct office *offices, size_t n_offices,
                         const struct complaint_category *cats, size_t n_cats,
                         const struct params *p, const struct field_errors *fe,
                         const char *kiosk_office,
                         const struct notify_offer *offer)
{
    const char *title = mode == CFORM_PAPER
                            ? T(v, "Ketik pengaduan dari kotak pengaduan",
                                "Type in a complaint from the box")
                            : T(v, "Sampaikan pengaduan", "Make a complaint");
    view_begin(v, title);
    html_printf(v->out, "<section class=\"complaint%s\"><h1>%s</h1><p>%s</p>",
                mode == CFORM_KIOSK ? " kiosk" : "", title,
                T(v,
                  "Pengaduan diverifikasi paling lambat 3 hari kerja dan "
                  "dijawab paling lambat 5 hari kerja setelahnya. Anda "
                  "mendapat nomor dan PIN untuk melacaknya.",
                  "Complaints are verified within 3 working days and "
                  "answered within 5 working days after that. You get a "
                  "number and PIN to track it."));
    view_error_summary(v, fe);
    html_printf(v->out,
                "<form method=\"post\" action=\"%s\" "
                "enctype=\"multipart/form-data\">",
                mode == CFORM_PAPER ? "/complaints/paper" : "/complaints");
    view_csrf(v);
    view_form_token(v);
    if (mode == CFORM_KIOSK) {
        html_raw(v->out, "<input type=\"hidden\" name=\"kiosk\" value=\"1\">");
        html_printf(v->out,
                    "<p class=\"kiosk-office\">%s: <strong>%s</strong></p>",
                    T(v, "Kantor", "Office"), kiosk_office ? kiosk_office : "");
        view_field_error(v, fe, "office");
    } else {
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-office\">%s *</label>",
                    T(v, "Kantor yang diadukan", "The office concerned"));
        view_field_error(v, fe, "office");
        html_printf(v->out,
                    "<select id=\"f-office\" name=\"office\"><option "
                    "value=\"\">%s</option>",
                    n_offices == 1 ? T(v, "— pilih —", "— choose —")
                                   : T(v,
                                       "— pilih kantor (atau isi nomor "
                                       "registrasi di bawah) —",
                                       "— choose the office (or give the "
                                       "registration number below) —"));
        for (size_t i = 0; i < n_offices; i++)
            html_printf(
                v->out, "<option value=\"%s\"%s>%s</option>", offices[i].code,
                strcmp(sent(p, "office"), offices[i].code) == 0 ? " selected"
                                                                : "",
                offices[i].name);
        html_raw(v->out, "</select></div>");
    }
    html_printf(v->out,
                "<div class=\"field\"><label "
                "for=\"f-category\">%s *</label>",
                T(v, "Jenis pengaduan", "Category"));
    view_field_error(v, fe, "category");
    html_raw(v->out, "<select id=\"f-category\" name=\"category\">");
    for (size_t i = 0; i < n_cats; i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", cats[i].code,
                    strcmp(sent(p, "category"), cats[i].code) == 0 ? " selected"
                                                                   : "",
                    text2_get(&cats[i].name, v->lang));
    html_raw(v->out, "</select></div>");
    view_textarea(v, fe, "body",
                  T(v, "Isi pengaduan (paling banyak 4000 karakter) *",
                    "Your complaint (at most 4000 characters) *"),
                  sent(p, "body"), 6, 4000);
    view_input(v, fe, "regno",
               T(v, "Nomor registrasi permohonan terkait (jika ada)",
                 "Registration number of a related application (if any)"),
               sent(p, "regno"), "text", false, 24);
    if (mode != CFORM_KIOSK) {
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-photo\">%s</label>",
                    T(v,
                      "Foto (JPEG atau PNG, sampai 12 MB; diperkecil dan "
                      "dibersihkan dari data lokasi sebelum disimpan)",
                      "Photo (JPEG or PNG, up to 12 MB; scaled down and "
                      "cleaned of location data before it is stored)"));
        view_field_error(v, fe, "photo");
        if (fe && ferr_any(fe) && !ferr_find(fe, "photo"))
            html_printf(v->out, "<p class=\"hint\">%s</p>",
                        T(v,
                          "Isian Anda tetap ada; jika tadi memilih foto, "
                          "pilih lagi.",
                          "What you typed is kept; if you chose a photo, "
                          "choose it again."));
        html_raw(v->out, "<input id=\"f-photo\" name=\"photo\" type=\"file\" "
                         "accept=\"image/jpeg,image/png\" "
                         "data-max-side=\"1600\"></div>");
    }
    if (mode == CFORM_PAPER)
        view_input(
            v, fe, "slip_date",
            T(v, "Tanggal pada lembar pengaduan", "The date on the slip"),
            sent(p, "slip_date"), "date", true, 10);
    const char *id = *sent(p, "identity") ? sent(p, "identity") : "named";
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "Identitas Anda", "Your identity"));
    view_field_error(v, fe, "identity");
    static const char *const ids[] = {"named", "confidential", "anonymous"};
    static const char *const names_id[] = {
        "Dengan nama", "Rahasia (nama hanya dilihat petugas pengaduan)",
        "Tanpa nama"};
    static const char *const names_en[] = {
        "Named", "Confidential (name seen by complaint officers only)",
        "Anonymous"};
    for (int i = 0; i < 3; i++)
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"radio\" "
                    "name=\"identity\" value=\"%s\"%s> %s</label>",
                    ids[i], strcmp(id, ids[i]) == 0 ? " checked" : "",
                    T(v, names_id[i], names_en[i]));
    html_raw(v->out, "</fieldset>");
    view_input(v, fe, "name", T(v, "Nama", "Name"), sent(p, "name"), "text",
               false, 100);
    view_input(v, fe, "contact",
               T(v, "Telepon atau e-mail untuk jawaban",
                 "Phone or e-mail for the answer"),
               sent(p, "contact"), "text", false, 100);
    if (offer && mode != CFORM_PAPER)
        view_notify_consent(v, offer, p, fe, true);
    html_printf(v->out,
                "<button class=\"big\" type=\"submit\">%s</button></form>"
                "</section>",
                T(v, "Kirim pengaduan", "Send the complaint"));
    if (mode != CFORM_KIOSK)
        view_photo_script(v);
    view_end(v);
}

/* The kiosk's slip: bilingual like an application's receipt, printed on
 * the 58 mm counter printer as one strip (static/receipt.js). */
static void kiosk_slip(struct view *v, const struct complaint *c,
                       const char *track_url)
{
    html_printf(
        v->out,
        "<div class=\"receipt-sheet sheet-58mm thermal\" "
        "data-page=\"receipt-58mm\" data-width=\"58mm\">"
        "<article class=\"receipt receipt-58mm complaint-slip\">"
        "<header><p class=\"kicker\">PENGADUAN · COMPLAINT</p>"
        "<h1>%s</h1></header>"
        "<p class=\"regno\">Nomor pengaduan / Complaint no.<br>"
        "<strong>%s</strong></p>"
        "<p class=\"pin\">PIN: <strong>%s</strong></p>"
        "<dl><dt>Diterima / Received</dt><dd>%s<br><span "
        "class=\"en\">%s</span></dd>",
        c->office_name, c->number, c->pin ? c->pin : "",
        human_when(v->arena, c->received_at, v->utc_offset_min, LANG_ID),
        human_when(v->arena, c->received_at, v->utc_offset_min, LANG_EN));
    if (c->deadline_at)
        html_printf(
            v->out,
            "<dt>Diverifikasi paling lambat / Verified by</dt>"
            "<dd>%s<br><span class=\"en\">%s</span></dd>",
            human_when(v->arena, c->deadline_at, v->utc_offset_min, LANG_ID),
            human_when(v->arena, c->deadline_at, v->utc_offset_min, LANG_EN));
    html_raw(v->out, "</dl><div class=\"track\">");
    struct buf qr;
    buf_init(&qr, 256 * 1024);
    if (track_url && qr_svg(&qr, track_url, 96,
                            "Kode QR: lacak pengaduan ini / QR code: track "
                            "this complaint"))
        html_raw_trusted(v->out, &qr);
    buf_free(&qr);
    html_printf(v->out,
                "<p>Lacak / Track: <span class=\"url\">%s</span></p></div>"
                "<p class=\"small\">Simpan slip ini: PIN tidak ditampilkan "
                "lagi. / Keep this slip: the PIN is not shown again.</p>"
                "</article></div>",
                track_url ? track_url : "");
}

void view_complaint_done(struct view *v, const struct complaint *c, bool kiosk,
                         bool show_pin, const char *track_url)
{
    view_begin(v, T(v, "Pengaduan diterima", "Complaint received"));
    html_printf(
        v->out,
        "<section class=\"complaint done%s\"><h1>%s</h1><p>%s: "
        "<strong>%s</strong></p><p>%s</p>"
        "<p class=\"regno\">%s<br><strong>%s</strong></p>",
        kiosk ? " kiosk" : "", T(v, "Pengaduan diterima", "Complaint received"),
        T(v, "Tentang", "About"), c->office_name,
        show_pin ? T(v, "Catat nomor dan PIN ini untuk melacak jawabannya.",
                     "Keep this number and PIN to follow the answer.")
                 : T(v,
                     "PIN hanya ditampilkan sesaat setelah pengaduan "
                     "dikirim. Gunakan PIN yang Anda catat.",
                     "The PIN is shown only right after sending. Use the "
                     "PIN you noted."),
        T(v, "Nomor pengaduan", "Complaint number"), c->number);
    if (show_pin)
        html_printf(v->out, "<p class=\"pin\">PIN: <strong>%s</strong></p>",
                    c->pin);
    if (show_pin && !kiosk && c->token)
        html_printf(v->out,
                    "<p>%s <a href=\"/complaints/track?t=%s\">%s</a></p>",
                    T(v, "Simpan tautan ini untuk melacak tanpa PIN:",
                      "Keep this link to track it without the PIN:"),
                    c->token, T(v, "tautan pelacakan", "tracking link"));
    if (!kiosk) {
        html_printf(v->out,
                    "<p>%s <a href=\"/complaints/track?no=%s\">%s</a></p>",
                    T(v, "Lacak di", "Track it at"), c->number,
                    T(v, "halaman pelacakan", "the tracking page"));
        html_raw(v->out, "</section>");
        view_end(v);
        return;
    }
    /* The kiosk: no way out to the site, the slip for the counter
     * printer, and back to a blank form. */
    if (show_pin) {
        kiosk_slip(v, c, track_url);
        html_printf(v->out,
                    "<p class=\"noprint\"><button type=\"button\" "
                    "class=\"big print-now\" hidden>%s</button></p>",
                    T(v, "Cetak nomor dan PIN", "Print the number and PIN"));
    }
    html_printf(v->out,
                "<p class=\"noprint\"><a class=\"button big\" "
                "href=\"/complaints/new?kiosk=1\">%s</a></p></section>",
                T(v, "Selesai", "Done"));
    if (show_pin)
        html_raw(v->out, "<script src=\"/static/receipt.js\" defer></script>");
    view_end(v);
}

static void events_list(struct view *v, const struct complaint_view *p,
                        bool staff)
{
    html_printf(v->out, "<h2>%s</h2><ol class=\"events\">",
                T(v, "Riwayat", "History"));
    for (size_t i = 0; i < p->n_events; i++) {
        const struct complaint_event *e = &p->events[i];
        if (!staff && strcmp(e->action, "note") == 0)
            continue; /* internal notes are not for the public page */
        enum complaint_action a;
        const char *what =
            strcmp(e->action, "submit") == 0 ? T(v, "Diterima", "Received")
            : strcmp(e->action, "escalate") == 0
                ? T(v, "Dilaporkan ke Sekda", "Escalated to the Sekda")
            : strcmp(e->action, "instruct") == 0
                ? T(v, "Instruksi Sekda kepada kantor",
                    "The Sekda's instruction to the office")
            : strcmp(e->action, "followup_ack") == 0
                ? T(v, "Instruksi diterima kantor",
                    "The office acknowledged the instruction")
            : strcmp(e->action, "followup_answer") == 0
                ? T(v, "Kantor menjawab instruksi",
                    "The office answered the instruction")
            : complaint_action_parse(e->action, &a)
                ? complaint_action_name(a, v->lang)
                : e->action;
        html_printf(v->out, "<li><time>%s</time> — %s → <strong>%s</strong>",
                    p->times[i], what,
                    complaint_state_name(e->state_after, v->lang));
        if (staff)
            html_printf(
                v->out, " <span class=\"muted\">(%s %s)</span>",
                T(v, "oleh", "by"),
                strcmp(e->actor, "system") == 0 ? T(v, "sistem", "the system")
                : strcmp(e->actor, "citizen") == 0
                    ? T(v, "pelapor", "the complainant")
                : strncmp(e->actor, "api:", 4) == 0
                    ? arena_printf(v->arena, "%s, %s", e->actor + 4,
                                   T(v, "melalui API", "through the API"))
                    : e->actor);
        bool public_note = strcmp(e->action, "answer") == 0 ||
                           strcmp(e->action, "reject") == 0 ||
                           strcmp(e->action, "reply") == 0;
        if (strcmp(e->action, "escalate") == 0)
            /* the reason's code (or an earlier version's sentence in
             * both languages), in the reader's words */
            html_printf(v->out, "<br>%s: %s", T(v, "Alasan", "Reason"),
                        complaint_escalation_reason(e->note, v->lang));
        else if (e->note && (staff || public_note))
            html_printf(v->out, "<br><q>%s</q>", e->note);
        html_raw(v->out, "</li>");
    }
    html_raw(v->out, "</ol>");
}

void view_complaint_track_form(struct view *v, const char *number,
                               const char *error, bool ask_fact)
{
    view_begin(v, T(v, "Lacak pengaduan", "Track a complaint"));
    html_printf(v->out, "<section class=\"narrow\"><h1>%s</h1>",
                T(v, "Lacak pengaduan", "Track a complaint"));
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    html_raw(v->out, "<form method=\"get\" action=\"/complaints/track\">");
    view_input(v, NULL, "no", T(v, "Nomor pengaduan", "Complaint number"),
               number ? number : "", "text", true, 32);
    view_input_digits(v, NULL, "pin", "PIN", "", true, 8, "[0-9 ]*");
    if (ask_fact)
        view_input_digits(v, NULL, "phone4",
                          T(v, "4 angka terakhir nomor telepon Anda",
                            "The last 4 digits of your phone number"),
                          "", true, 4, "[0-9]{4}");
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Lacak", "Track"));
    view_end(v);
}

void view_complaint_track(struct view *v, const struct complaint_view *p,
                          const char *pin, const char *fact, const char *token)
{
    const struct complaint *c = p->c;
    view_begin(v, c->number);
    html_printf(v->out,
                "<h1>%s</h1><p class=\"status\">%s</p><dl "
                "class=\"summary\"><dt>%s</dt><dd>%s</dd>",
                c->number, complaint_state_name(c->state, v->lang),
                T(v, "Kantor", "Office"), c->office_name);
    if (p->deadline)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>",
                    c->state == CMP_ANSWERED
                        ? T(v, "Tanggapi paling lambat", "Reply by")
                        : T(v, "Batas waktu", "Deadline"),
                    p->deadline);
    html_raw(v->out, "</dl>");
    if (c->public_answer)
        html_printf(v->out,
                    "<section class=\"answer\"><h2>%s</h2><p>%s</p></section>",
                    T(v, "Jawaban", "Answer"), c->public_answer);
    if (c->state == CMP_ANSWERED) {
        html_printf(v->out,
                    "<form method=\"post\" action=\"/complaints/track\">");
        view_csrf(v);
        if (token && *token)
            html_printf(v->out,
                        "<input type=\"hidden\" name=\"t\" value=\"%s\">",
                        token);
        else
            html_printf(v->out,
                        "<input type=\"hidden\" name=\"no\" value=\"%s\">"
                        "<input type=\"hidden\" name=\"pin\" value=\"%s\">"
                        "<input type=\"hidden\" name=\"phone4\" "
                        "value=\"%s\">",
                        c->number, pin ? pin : "", fact ? fact : "");
        view_textarea(v, NULL, "reply",
                      T(v, "Belum puas? Tulis tanggapan Anda",
                        "Not satisfied? Write your reply"),
                      "", 3, 4000);
        html_printf(v->out,
                    "<button type=\"submit\" name=\"action\" "
                    "value=\"accept\">%s</button> <button type=\"submit\" "
                    "name=\"action\" value=\"reply\" class=\"secondary\">%s"
                    "</button></form>",
                    T(v, "Saya menerima jawaban ini", "I accept this answer"),
                    T(v, "Kirim tanggapan", "Send the reply"));
    }
    events_list(v, p, false);
    view_end(v);
}

void view_complaint_page(struct view *v, const struct complaint_view *p)
{
    const struct complaint *c = p->c;
    view_begin(v, c->number);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/complaints\">%s</a></nav>"
                "<h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Pengaduan", "Complaints"), c->number);
    if (p->flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>",
                    p->flash);
    if (p->error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    p->error);
    html_printf(v->out,
                "<dl class=\"summary\"><dt>%s</dt><dd><strong>%s</strong>"
                "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>",
                T(v, "Status", "Status"),
                complaint_state_name(c->state, v->lang),
                T(v, "Kantor", "Office"), c->office_name,
                T(v, "Saluran", "Channel"), c->channel);
    if (p->deadline) {
        html_printf(v->out, "<dt>%s</dt>", T(v, "Batas waktu", "Deadline"));
        if (p->overdue)
            html_raw(v->out, "<dd class=\"overdue\">");
        else
            html_raw(v->out, "<dd>");
        html_printf(v->out, "%s</dd>", p->deadline);
    }
    if (c->escalated_at)
        html_printf(v->out, "<dt>%s</dt><dd class=\"overdue\">%s</dd>",
                    T(v, "Dilaporkan ke Sekda", "Escalated to the Sekda"),
                    complaint_escalation_reason(c->escalation_reason, v->lang));
    if (c->slip_date)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>",
                    T(v, "Tanggal lembar", "Slip date"), c->slip_date);
    html_printf(v->out, "<dt>%s</dt><dd>%s</dd>",
                T(v, "Pengadu", "Complainant"),
                c->identity == CID_ANONYMOUS ? T(v, "tanpa nama", "anonymous")
                : p->show_name               ? (c->name ? c->name : "—")
                               : T(v, "dirahasiakan", "confidential"));
    if (p->show_contact && c->contact)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>", T(v, "Kontak", "Contact"),
                    c->contact);
    if (c->regno)
        html_printf(v->out,
                    "<dt>%s</dt><dd><a href=\"/applications/%s\">%s"
                    "</a></dd>",
                    T(v, "Permohonan terkait", "Related application"), c->regno,
                    c->regno);
    html_printf(v->out, "</dl><blockquote class=\"body\">%s</blockquote>",
                c->body);
    if (c->photo_id)
        html_printf(v->out,
                    "<p><img class=\"photo\" src=\"/complaints/photo/%lld\" "
                    "alt=\"%s\"></p>",
                    (long long)c->photo_id, T(v, "Foto", "Photo"));
    if (p->n_actions) {
        html_printf(v->out,
                    "<form class=\"actions\" method=\"post\" "
                    "action=\"/complaints/%s/events\">",
                    c->number);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    c->version);
        view_textarea(v, NULL, "note",
                      T(v,
                        "Jawaban (tampil untuk pengadu), alasan penolakan, "
                        "atau catatan",
                        "Answer (shown to the complainant), reason for "
                        "rejection, or note"),
                      "", 4, 4000);
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-refer\">%s</label>"
                    "<select id=\"f-refer\" name=\"refer_to\"><option "
                    "value=\"\">—</option>",
                    T(v, "Teruskan ke", "Refer to"));
        for (size_t i = 0; i < p->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\">%s</option>",
                        p->offices[i].code, p->offices[i].name);
        html_raw(v->out, "</select></div><div class=\"buttons\">");
        for (size_t i = 0; i < p->n_actions; i++)
            html_printf(v->out,
                        "<button type=\"submit\" name=\"action\" "
                        "value=\"%s\">%s</button> ",
                        complaint_action_code(p->actions[i]),
                        complaint_action_name(p->actions[i], v->lang));
        html_raw(v->out, "</div></form>");
    }
    events_list(v, p, true);
    view_end(v);
}

void view_complaints(struct view *v, const char *title,
                     const struct complaint_row *rows, size_t n_rows,
                     bool paper_link)
{
    view_begin(v, title);
    html_printf(v->out, "<h1>%s</h1>", title);
    if (paper_link)
        html_printf(v->out,
                    "<p><a class=\"button\" href=\"/complaints/paper\">%s"
                    "</a> <a href=\"/complaints?escalated=1\">%s</a></p>",
                    T(v, "Ketik pengaduan dari kotak",
                      "Type in a complaint from the box"),
                    T(v, "Daftar eskalasi ke Sekda", "Escalated to the Sekda"));
    if (n_rows == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada pengaduan.", "No complaints."));
        view_end(v);
        return;
    }
    html_printf(v->out,
                "<table class=\"list work\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Nomor", "Number"), T(v, "Kantor", "Office"),
                T(v, "Status", "Status"), T(v, "Batas waktu", "Deadline"));
    for (size_t i = 0; i < n_rows; i++) {
        const struct complaint *c = rows[i].c;
        if (rows[i].overdue)
            html_raw(v->out, "<tr class=\"overdue\">");
        else
            html_raw(v->out, "<tr>");
        html_printf(v->out,
                    "<td><a href=\"/complaints/%s\">%s</a></td><td>%s"
                    "</td><td>%s%s</td><td>%s</td></tr>",
                    c->number, c->number, c->office_name,
                    complaint_state_name(c->state, v->lang),
                    c->escalated_at ? T(v, " · eskalasi", " · escalated") : "",
                    rows[i].deadline);
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_complaint_categories(struct view *v,
                               const struct complaint_category *cats, size_t n,
                               const char *error)
{
    view_begin(v, T(v, "Jenis pengaduan", "Complaint categories"));
    html_printf(v->out, "<h1>%s</h1>",
                T(v, "Jenis pengaduan", "Complaint categories"));
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th></th></tr></thead><tbody>",
                T(v, "Kode", "Code"), T(v, "Nama", "Name"));
    for (size_t i = 0; i < n; i++) {
        html_printf(v->out,
                    "<tr><td><code>%s</code></td><td>%s<br><span "
                    "class=\"muted\">%s</span></td><td><form method=\"post\" "
                    "action=\"/admin/complaint-categories\">",
                    cats[i].code, cats[i].name.id, cats[i].name.en);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"code\" value=\"%s\">"
                    "<input type=\"hidden\" name=\"remove\" value=\"1\">"
                    "<button class=\"danger\" type=\"submit\">%s</button>"
                    "</form></td></tr>",
                    cats[i].code, T(v, "Hapus dari formulir", "Remove"));
    }
    html_printf(v->out, "</tbody></table><h2>%s</h2>",
                T(v, "Tambah atau ubah", "Add or rename"));
    html_raw(v->out,
             "<form method=\"post\" action=\"/admin/complaint-categories\">");
    view_csrf(v);
    view_input(v, NULL, "code", T(v, "Kode", "Code"), "", "text", true, 32);
    view_input(v, NULL, "name_id",
               T(v, "Nama (Bahasa Indonesia)", "Name (Bahasa Indonesia)"), "",
               "text", true, 100);
    view_input(v, NULL, "name_en", T(v, "Nama (English)", "Name (English)"), "",
               "text", false, 100);
    view_input(v, NULL, "ord", T(v, "Urutan", "Order"), "", "number", false, 3);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Simpan", "Save"));
    view_end(v);
}
