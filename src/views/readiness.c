/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* readiness.c: the pages of office readiness (see readiness.h). */
#include "views/readiness.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/humanize.h"
#include "base/qr.h"
#include "core/complaint.h"
#include "views/public.h"

static const char *sent(const struct params *p, const char *name)
{
    const char *s = p ? params_get(p, name) : NULL;
    return s ? s : "";
}

/* "Kamis, 3 Desember 2026 pukul 15.30 WIB" (core/humanize.h), or "—". */
static const char *when(struct view *v, int64_t t)
{
    return t ? human_when(v->arena, t, v->utc_offset_min, v->lang) : "—";
}

/* "N hari lalu" / "N days ago" of instant t at now. */
static const char *age(struct view *v, int64_t t, int64_t now)
{
    if (!t)
        return T(v, "belum pernah", "never");
    int64_t days = (now - t) / 86400;
    if (days < 1)
        return T(v, "hari ini", "today");
    return arena_printf(v->arena, "%lld %s", (long long)days,
                        T(v, "hari lalu", "days ago"));
}

static const char *status_mark(enum facility_status s)
{
    return s == FAC_MET ? "✓" : s == FAC_PARTLY ? "◐" : "✗";
}

static void score_line(struct view *v, const struct assessment *last,
                       int64_t inspected_at, int64_t now)
{
    if (!last) {
        html_printf(v->out, "<p class=\"warn\">%s</p>",
                    T(v, "Belum pernah menilai diri.", "Not assessed yet."));
    } else {
        html_printf(v->out,
                    "<p class=\"score\"><strong class=\"readiness-score\">"
                    "%s</strong> %s (%d/%d) — %s %s (%s)</p>",
                    human_pct(v->arena, last->score.pct, 0, v->lang),
                    T(v, "butir wajib terpenuhi", "of mandatory items met"),
                    last->score.mandatory_met, last->score.mandatory,
                    T(v, "penilaian mandiri", "self-assessment"),
                    human_date_iso(v->arena, last->assessed_on, v->lang),
                    age(v, last->created_at, now));
    }
    html_printf(v->out, "<p>%s: %s (%s)</p>",
                T(v, "Pemeriksaan terakhir", "Last inspection"),
                inspected_at ? when(v, inspected_at) : "—",
                age(v, inspected_at, now));
}

static void items_table(struct view *v, const struct assessment *last,
                        bool photos)
{
    html_printf(v->out,
                "<table class=\"facilities\"><thead><tr><th>%s</th><th>%s"
                "</th><th>%s</th></tr></thead><tbody>",
                T(v, "Sarana", "Facility"), T(v, "Keadaan", "Status"),
                T(v, "Catatan", "Note"));
    for (size_t i = 0; i < last->n_items; i++) {
        const struct assessment_item *it = &last->items[i];
        html_printf(
            v->out, "<tr class=\"fac-%s\"><td>%s%s</td><td>%s %s</td><td>%s",
            facility_status_code(it->status), text2_get(&it->name, v->lang),
            it->mandatory ? " *" : "", status_mark(it->status),
            facility_status_name(it->status, v->lang),
            it->note ? it->note : "");
        if (photos && it->photo_id)
            html_printf(v->out, " <a href=\"/readiness/photo/%lld\">%s</a>",
                        (long long)it->photo_id, T(v, "foto", "photo"));
        html_raw(v->out, "</td></tr>");
    }
    html_printf(v->out, "</tbody></table><p class=\"muted\">* %s</p>",
                T(v, "butir wajib", "mandatory item"));
}

static void status_select(struct view *v, const char *name, const char *cur,
                          bool blank)
{
    html_printf(v->out, "<select name=\"%s\" id=\"f-%s\">", name, name);
    if (blank)
        html_printf(v->out, "<option value=\"\">%s</option>",
                    T(v, "— tidak ada temuan —", "— no finding —"));
    for (int s = 0; s < FAC_STATUS__COUNT; s++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>",
            facility_status_code((enum facility_status)s),
            strcmp(cur, facility_status_code((enum facility_status)s)) == 0
                ? " selected"
                : "",
            facility_status_name((enum facility_status)s, v->lang));
    html_raw(v->out, "</select>");
}

static void finding_block(struct view *v, const struct readiness_page *p,
                          const struct finding *f)
{
    bool overdue = f->state == FINDING_OPEN && f->due_at < p->now;
    html_printf(v->out,
                "<li class=\"finding%s\" id=\"finding-%lld\"><p><strong>%s"
                "</strong> — %s %s. %s</p><p>%s: <span class=\"state\">%s"
                "</span>; %s %s (%d %s)%s</p>",
                overdue ? " overdue" : "", (long long)f->id,
                text2_get(&f->item_name, v->lang), T(v, "ditemukan", "found"),
                facility_status_name(f->observed, v->lang), f->text,
                T(v, "Status", "Status"), finding_state_name(f->state, v->lang),
                T(v, "tindak lanjut paling lambat", "follow up by"),
                when(v, f->due_at), f->due_days,
                T(v, "hari kerja", "working days"),
                f->escalated_at ? T(v, " — dilaporkan ke Sekda",
                                    " — escalated to the Sekda")
                                : "");
    if (f->answer) {
        html_printf(v->out, "<p>%s (%s): <q>%s</q>",
                    T(v, "Jawaban kantor", "The office's answer"),
                    when(v, f->answered_at), f->answer);
        if (f->answer_photo_id)
            html_printf(v->out, " <a href=\"/readiness/photo/%lld\">%s</a>",
                        (long long)f->answer_photo_id, T(v, "foto", "photo"));
        html_raw(v->out, "</p>");
    }
    if (p->can_assess && f->state == FINDING_OPEN) {
        html_printf(v->out,
                    "<form method=\"post\" enctype=\"multipart/form-data\" "
                    "action=\"/readiness/findings/%lld/answer\" "
                    "class=\"answer\">",
                    (long long)f->id);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    f->version);
        view_textarea(v, NULL, "note",
                      T(v, "Tindak lanjut kantor", "What the office did"), "",
                      3, 2000);
        html_printf(v->out,
                    "<div class=\"field\"><label>%s <input name=\"photo\" "
                    "type=\"file\" accept=\"image/jpeg,image/png\" "
                    "data-max-side=\"1600\" capture=\"environment\">"
                    "</label></div><button "
                    "type=\"submit\">%s</button></form>",
                    T(v, "Foto (JPEG/PNG, sampai 12 MB)",
                      "Photo (JPEG/PNG, up to 12 MB)"),
                    T(v, "Kirim jawaban", "Send the answer"));
    }
    if (p->can_inspect && f->state != FINDING_CLOSED) {
        html_printf(v->out,
                    "<form method=\"post\" action=\"/readiness/findings/%lld/"
                    "events\" class=\"inline\">",
                    (long long)f->id);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                    "<input type=\"hidden\" name=\"action\" value=\"close\">"
                    "<button type=\"submit\">%s</button></form>",
                    f->version, T(v, "Tutup temuan", "Close the finding"));
    }
    if (p->can_inspect && f->state != FINDING_OPEN) {
        html_printf(v->out,
                    "<form method=\"post\" action=\"/readiness/findings/%lld/"
                    "events\" class=\"inline\">",
                    (long long)f->id);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                    "<input type=\"hidden\" name=\"action\" value=\"reopen\">"
                    "<label>%s <input name=\"due_days\" type=\"number\" "
                    "min=\"1\" max=\"60\" value=\"5\"></label> <input "
                    "name=\"note\" placeholder=\"%s\"> <button "
                    "type=\"submit\">%s</button></form>",
                    f->version, T(v, "Hari kerja", "Working days"),
                    T(v, "alasan", "reason"), T(v, "Buka kembali", "Reopen"));
    }
    html_raw(v->out, "</li>");
}

static void inspection_form(struct view *v, const struct readiness_page *p)
{
    html_printf(v->out,
                "<section class=\"inspect\"><h2>%s</h2><p>%s</p><form "
                "method=\"post\" action=\"/readiness/%s/inspections\">",
                T(v, "Catat pemeriksaan", "Record an inspection"),
                T(v,
                  "Isi temuan hanya untuk butir yang perlu ditindaklanjuti; "
                  "batas waktu dalam hari kerja kantor.",
                  "Fill in findings only for items that need a follow-up; "
                  "deadlines in the office's working days."),
                p->office->code);
    view_csrf(v);
    view_form_token(v);
    view_error_summary(v, p->fe);
    for (size_t i = 0; i < p->n_checklist; i++) {
        const struct facility_item *it = &p->checklist[i];
        html_printf(v->out, "<fieldset class=\"item\"><legend>%s%s</legend>",
                    text2_get(&it->name, v->lang), it->mandatory ? " *" : "");
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"item\" "
                    "value=\"%s\"><label>%s ",
                    it->code, T(v, "Keadaan", "Status"));
        status_select(v, "observed", "", true);
        html_printf(v->out,
                    "</label><label>%s <textarea name=\"text\" rows=\"2\" "
                    "maxlength=\"2000\"></textarea></label><label>%s <input "
                    "name=\"due_days\" type=\"number\" min=\"1\" max=\"60\" "
                    "value=\"5\"></label></fieldset>",
                    T(v, "Temuan dan tindak lanjut", "Finding and follow-up"),
                    T(v, "Hari kerja", "Working days"));
    }
    view_textarea(v, NULL, "note", T(v, "Catatan umum", "General note"), "", 2,
                  2000);
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Simpan pemeriksaan", "Save the inspection"));
}

static void socialisation_form(struct view *v, const struct readiness_page *p)
{
    html_printf(v->out,
                "<h3>%s</h3><form method=\"post\" enctype=\"multipart/"
                "form-data\" action=\"/readiness/%s/socialisation\">",
                T(v, "Catat kegiatan sosialisasi", "Log an activity"),
                p->office->code);
    view_csrf(v);
    view_form_token(v);
    view_input(v, p->fe, "date", T(v, "Tanggal", "Date"), sent(p->sent, "date"),
               "date", true, 10);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-forum\">%s</label>",
                T(v, "Forum", "Forum"));
    view_field_error(v, p->fe, "forum");
    html_raw(v->out, "<select id=\"f-forum\" name=\"forum\">");
    for (int f = 0; f < FORUM__COUNT; f++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    forum_code((enum forum)f),
                    strcmp(sent(p->sent, "forum"), forum_code((enum forum)f)) ==
                            0
                        ? " selected"
                        : "",
                    forum_name((enum forum)f, v->lang));
    html_raw(v->out, "</select></div>");
    view_input(v, p->fe, "place", T(v, "Tempat", "Place"),
               sent(p->sent, "place"), "text", true, 200);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-village\">%s</label>",
                T(v, "Desa/kelurahan", "Village"));
    view_field_error(v, p->fe, "village");
    html_printf(v->out, "<select id=\"f-village\" name=\"village\"><option "
                        "value=\"\">—</option>");
    for (size_t i = 0; i < p->n_villages; i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    p->villages[i].code,
                    strcmp(sent(p->sent, "village"), p->villages[i].code) == 0
                        ? " selected"
                        : "",
                    p->villages[i].name);
    html_raw(v->out, "</select></div>");
    view_input(v, p->fe, "audience", T(v, "Jumlah peserta", "Audience"),
               sent(p->sent, "audience"), "number", true, 6);
    view_input(v, p->fe, "materials", T(v, "Bahan yang dipakai", "Materials"),
               sent(p->sent, "materials"), "text", true, 200);
    view_textarea(v, p->fe, "note", T(v, "Catatan", "Note"),
                  sent(p->sent, "note"), 2, 2000);
    html_printf(
        v->out,
        "<div class=\"field\"><label>%s <input name=\"photo\" "
        "type=\"file\" accept=\"image/jpeg,image/png\" "
        "data-max-side=\"1600\"></label>",
        T(v, "Foto (JPEG/PNG, sampai 12 MB)", "Photo (JPEG/PNG, up to 12 MB)"));
    view_field_error(v, p->fe, "photo");
    html_printf(v->out, "</div><button type=\"submit\">%s</button></form>",
                T(v, "Simpan kegiatan", "Save the activity"));
}

void view_readiness_page(struct view *v, const struct readiness_page *p)
{
    const struct office *o = p->office;
    view_begin(v, arena_printf(v->arena, "%s — %s",
                               T(v, "Kesiapan kantor", "Office readiness"),
                               o->name));
    if (p->flash)
        html_printf(v->out, "<p class=\"flash\">%s</p>", p->flash);
    html_printf(v->out, "<h1>%s</h1><p class=\"muted\">%s</p>", o->name,
                T(v, "Kesiapan kantor untuk pelayanan terpadu satu pintu",
                  "The office's readiness for the one stop service"));
    score_line(v, p->last, p->inspected_at, p->now);
    html_raw(v->out, "<p class=\"buttons\">");
    if (p->can_assess)
        html_printf(
            v->out,
            "<a class=\"button\" href=\"/readiness/%s/assess\">%s</a> "
            "<a class=\"button\" href=\"/readiness/%s/inability/new\">"
            "%s</a> ",
            o->code, T(v, "Penilaian mandiri baru", "New self-assessment"),
            o->code, T(v, "Laporkan ketidakmampuan", "Report inability"));
    html_printf(v->out,
                "<a href=\"/offices/%s/leaflet\">%s</a> · <a "
                "href=\"/offices/%s/announcement\">%s</a></p>",
                o->code, T(v, "Leaflet A5", "A5 leaflet"), o->code,
                T(v, "Teks pengumuman", "Announcement text"));
    if (p->last) {
        html_printf(v->out, "<h2>%s</h2>",
                    T(v, "Penilaian mandiri terakhir", "Last self-assessment"));
        items_table(v, p->last, true);
    }
    html_printf(v->out, "<h2>%s (%zu)</h2>",
                T(v, "Temuan pemeriksaan", "Inspection findings"),
                p->n_findings);
    if (p->n_findings) {
        html_raw(v->out, "<ul class=\"findings\">");
        for (size_t i = 0; i < p->n_findings; i++)
            finding_block(v, p, &p->findings[i]);
        html_raw(v->out, "</ul>");
    }
    if (p->can_inspect)
        inspection_form(v, p);
    html_printf(v->out, "<h2>%s</h2>",
                T(v, "Laporan ketidakmampuan", "Reports of inability"));
    if (!p->n_reports)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v, "Tidak ada.", "None."));
    else
        html_raw(v->out, "<ul>");
    for (size_t i = 0; i < p->n_reports; i++)
        html_printf(v->out,
                    "<li><a href=\"/inability/%lld\">%s %s</a> — %s</li>",
                    (long long)p->reports[i].id, T(v, "Laporan", "Report"),
                    when(v, p->reports[i].created_at),
                    inability_state_name(p->reports[i].state, v->lang));
    if (p->n_reports)
        html_raw(v->out, "</ul>");
    html_printf(v->out, "<h2>%s (%zu)</h2>",
                T(v, "Sosialisasi", "Socialisation"), p->n_activities);
    if (p->n_activities) {
        html_printf(v->out,
                    "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th></tr></thead><tbody>",
                    T(v, "Tanggal", "Date"), T(v, "Forum", "Forum"),
                    T(v, "Tempat", "Place"), T(v, "Peserta", "Audience"),
                    T(v, "Bahan", "Materials"));
        for (size_t i = 0; i < p->n_activities; i++) {
            const struct socialisation *s = &p->activities[i];
            html_printf(v->out,
                        "<tr><td>%s</td><td>%s</td><td>%s%s%s</td><td>%lld"
                        "</td><td>%s",
                        human_date_iso(v->arena, s->held_on, v->lang),
                        forum_name(s->forum, v->lang), s->place,
                        s->village_name ? ", " : "",
                        s->village_name ? s->village_name : "",
                        (long long)s->audience, s->materials);
            if (s->photo_id)
                html_printf(v->out, " <a href=\"/readiness/photo/%lld\">%s</a>",
                            (long long)s->photo_id, T(v, "foto", "photo"));
            html_raw(v->out, "</td></tr>");
        }
        html_raw(v->out, "</tbody></table>");
    }
    if (p->can_assess)
        socialisation_form(v, p);
    if (p->n_history) {
        html_printf(v->out,
                    "<h2>%s</h2><table><thead><tr><th>%s</th><th>%s"
                    "</th><th>%s</th></tr></thead><tbody>",
                    T(v, "Riwayat penilaian", "Assessment history"),
                    T(v, "Tanggal", "Date"), T(v, "Oleh", "By"),
                    T(v, "Skor", "Score"));
        for (size_t i = 0; i < p->n_history; i++)
            html_printf(
                v->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
                when(v, p->history[i].created_at), p->history[i].actor,
                human_pct(v->arena, p->history[i].score.pct, 0, v->lang));
        html_raw(v->out, "</tbody></table>");
    }
    view_photo_script(v);
    view_end(v);
}

void view_assess_form(struct view *v, const struct office *o,
                      const struct facility_item *items, size_t n,
                      const struct params *p, const struct field_errors *fe)
{
    view_begin(v, T(v, "Penilaian mandiri", "Self-assessment"));
    html_printf(v->out,
                "<section class=\"assess\"><h1>%s</h1><p>%s</p><p>%s</p>",
                T(v, "Penilaian mandiri", "Self-assessment"), o->name,
                T(v,
                  "Nilai setiap butir apa adanya. Foto membantu pemeriksa; "
                  "lokasi GPS dalam foto dihapus sebelum disimpan.",
                  "Assess every item as it is. Photos help the inspector; "
                  "the GPS position in a photo is removed before it is "
                  "stored."));
    view_error_summary(v, fe);
    html_printf(v->out,
                "<form method=\"post\" enctype=\"multipart/form-data\" "
                "action=\"/readiness/%s/assess\">",
                o->code);
    view_csrf(v);
    view_form_token(v);
    for (size_t i = 0; i < n; i++) {
        const struct facility_item *it = &items[i];
        const char *name = arena_printf(v->arena, "status_%s", it->code);
        const char *cur = sent(p, name);
        html_printf(v->out,
                    "<fieldset class=\"item\" id=\"item-%s\"><legend>%s%s"
                    "</legend><p class=\"muted\">%s</p>",
                    it->code, text2_get(&it->name, v->lang),
                    it->mandatory ? T(v, " (wajib)", " (mandatory)") : "",
                    text2_get(&it->criterion, v->lang));
        view_field_error(v, fe, name);
        for (int s = 0; s < FAC_STATUS__COUNT; s++) {
            const char *code = facility_status_code((enum facility_status)s);
            html_printf(v->out,
                        "<label class=\"check\"><input type=\"radio\" "
                        "name=\"%s\" value=\"%s\"%s> %s</label>",
                        name, code, strcmp(cur, code) == 0 ? " checked" : "",
                        facility_status_name((enum facility_status)s, v->lang));
        }
        html_printf(v->out,
                    "<label>%s <input name=\"note_%s\" maxlength=\"2000\" "
                    "value=\"%s\"></label><label>%s <input name=\"photo_%s\" "
                    "type=\"file\" accept=\"image/jpeg,image/png\" "
                    "data-max-side=\"1600\" capture=\"environment\">"
                    "</label>",
                    T(v, "Catatan", "Note"), it->code,
                    sent(p, arena_printf(v->arena, "note_%s", it->code)),
                    T(v, "Foto", "Photo"), it->code);
        view_field_error(v, fe, arena_printf(v->arena, "photo_%s", it->code));
        html_raw(v->out, "</fieldset>");
    }
    html_printf(v->out,
                "<button class=\"big\" type=\"submit\">%s</button></form>"
                "</section>",
                T(v, "Kirim penilaian", "Send the assessment"));
    view_photo_script(v);
    view_end(v);
}

void view_inability_form(struct view *v, const struct office *o,
                         const struct service_def *services, size_t n,
                         const struct params *p, const struct field_errors *fe)
{
    view_begin(v, T(v, "Laporan ketidakmampuan", "Report of inability"));
    html_printf(v->out, "<section><h1>%s</h1><p>%s</p><p>%s</p>",
                T(v, "Laporan ketidakmampuan melaksanakan PATEN",
                  "Report: the office cannot implement the one stop "
                  "service"),
                o->name,
                T(v,
                  "Laporan langsung masuk daftar Sekda dan harus diterima "
                  "dalam 3 hari kerja. Publik tidak melihat laporan ini.",
                  "The report reaches the Sekda's list at once and must be "
                  "acknowledged within 3 working days. The public does not "
                  "see it."));
    view_error_summary(v, fe);
    html_printf(v->out,
                "<form method=\"post\" action=\"/readiness/%s/"
                "inability\">",
                o->code);
    view_csrf(v);
    view_form_token(v);
    html_printf(v->out,
                "<fieldset><legend>%s</legend><p class=\"muted\">%s"
                "</p>",
                T(v, "Layanan yang tidak dapat dilaksanakan",
                  "Services that cannot be provided"),
                T(v, "Tidak memilih apa pun berarti semua layanan.",
                  "Choosing none means every service."));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"service\" value=\"%s\"> %s</label>",
                    services[i].code, text2_get(&services[i].name, v->lang));
    html_printf(v->out, "</fieldset><fieldset><legend>%s</legend>",
                T(v, "Alasan", "Reasons"));
    view_field_error(v, fe, "reasons");
    for (int r = 0; r < INR__COUNT; r++)
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"reason\" value=\"%s\"> %s</label>",
                    inability_reason_code((enum inability_reason)r),
                    inability_reason_name((enum inability_reason)r, v->lang));
    html_raw(v->out, "</fieldset>");
    view_textarea(v, fe, "details", T(v, "Penjelasan", "Details"),
                  sent(p, "details"), 4, 2000);
    view_textarea(v, fe, "support_requested",
                  T(v, "Dukungan yang diminta", "Support requested"),
                  sent(p, "support_requested"), 3, 2000);
    view_input(
        v, fe, "expected_by",
        T(v, "Sanggup melaksanakan mulai tanggal", "Able to implement from"),
        sent(p, "expected_by"), "date", true, 10);
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Kirim ke Sekda", "Send to the Sekda"));
    view_end(v);
}

static void codes_named(struct view *v, const char *list, bool reasons)
{
    if (!list || !*list) {
        html_printf(v->out, "%s", T(v, "semua layanan", "every service"));
        return;
    }
    char *copy = arena_strdup(v->arena, list);
    bool first = true;
    for (char *tok = strtok(copy, ","); tok; tok = strtok(NULL, ",")) {
        enum inability_reason r;
        html_printf(v->out, "%s%s", first ? "" : ", ",
                    reasons && inability_reason_parse(tok, &r)
                        ? inability_reason_name(r, v->lang)
                        : tok);
        first = false;
    }
}

/* One line of a report's history in the reader's words: what was done,
 * by whom, and its note (an escalation's reason code and a decision's
 * code, "refer -> CODE, DAY note", put into words). */
static void report_event(struct view *v, const struct readiness_event *e)
{
    static const struct {
        const char *code, *id, *en;
    } acts[] = {
        {"submit", "Dilaporkan kepada Sekda", "Reported to the Sekda"},
        {"acknowledge", "Diterima Sekda", "Acknowledged by the Sekda"},
        {"decide", "Diputuskan Sekda", "Decided by the Sekda"},
        {"escalate", "Terlambat, dilaporkan", "Overdue, escalated"},
        {"create", "Dicatat", "Recorded"},
        {"answer", "Dijawab kantor", "Answered by the office"},
        {"close", "Ditutup", "Closed"},
        {"reopen", "Dibuka kembali", "Reopened"},
    };
    const char *what = T(v, "Dicatat", "Recorded");
    for (size_t k = 0; k < sizeof(acts) / sizeof(acts[0]); k++)
        if (strcmp(e->action, acts[k].code) == 0)
            what = T(v, acts[k].id, acts[k].en);
    const char *actor =
        strcmp(e->actor, "system") == 0 ? T(v, "sistem", "the system")
        : strncmp(e->actor, "api:", 4) == 0
            ? arena_printf(v->arena, "%s, %s", e->actor + 4,
                           T(v, "melalui API", "through the API"))
            : e->actor;
    html_printf(v->out, "<li><time>%s</time> %s (%s %s)", when(v, e->at), what,
                T(v, "oleh", "by"), actor);
    const char *note = e->note;
    const char *sep = ": "; /* before the note */
    if (strcmp(e->action, "escalate") == 0) {
        html_printf(v->out, ": %s", complaint_escalation_reason(note, v->lang));
        note = NULL;
    } else if (note && strcmp(e->action, "decide") == 0) {
        /* "CODE, DAY note" or "refer -> OFFICE, DAY note" */
        size_t len = strcspn(note, " ,");
        char code[16];
        enum inability_decision d;
        if (len < sizeof(code)) {
            memcpy(code, note, len);
            code[len] = '\0';
            if (inability_decision_parse(code, &d)) {
                html_printf(v->out, ": %s",
                            inability_decision_name(d, v->lang));
                note += len;
                sep = "";
                if (strncmp(note, " -> ", 4) == 0) {
                    html_raw(v->out, " → ");
                    note += 4;
                } else if (*note == ',') {
                    html_raw(v->out, ", ");
                    note++;
                    while (*note == ' ')
                        note++;
                }
            }
        }
    }
    if (note && *note)
        html_printf(v->out, "%s%s", sep, note);
    html_raw(v->out, "</li>");
}

void view_inability_page(struct view *v, const struct inability_report *r,
                         const struct readiness_event *events, size_t n,
                         bool can_decide, const struct office *offices,
                         size_t n_offices, const struct params *p,
                         const struct field_errors *fe, const char *flash)
{
    view_begin(v, T(v, "Laporan ketidakmampuan", "Report of inability"));
    if (flash)
        html_printf(v->out, "<p class=\"flash\">%s</p>", flash);
    html_printf(v->out,
                "<h1>%s</h1><p><a href=\"/readiness/%s\">%s</a></p><dl "
                "class=\"summary\"><dt>%s</dt><dd class=\"state\">%s</dd>"
                "<dt>%s</dt><dd>",
                T(v, "Laporan ketidakmampuan", "Report of inability"),
                r->office_code, r->office_name, T(v, "Status", "Status"),
                inability_state_name(r->state, v->lang),
                T(v, "Layanan", "Services"));
    codes_named(v, r->services, false);
    html_printf(v->out, "</dd><dt>%s</dt><dd>", T(v, "Alasan", "Reasons"));
    codes_named(v, r->reasons, true);
    html_printf(v->out,
                "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s"
                "</dt><dd>%s</dd><dt>%s</dt><dd>%s%s</dd>",
                T(v, "Penjelasan", "Details"), r->details,
                T(v, "Dukungan yang diminta", "Support requested"),
                r->support_requested, T(v, "Sanggup mulai", "Able from"),
                r->expected_by,
                T(v, "Diterima Sekda paling lambat", "To be acknowledged by"),
                when(v, r->ack_due_at),
                r->escalated_at
                    ? T(v, " — terlambat, dilaporkan", " — overdue, escalated")
                    : "");
    if (r->decision >= 0) {
        html_printf(v->out, "<dt>%s</dt><dd class=\"decision\">%s",
                    T(v, "Keputusan", "Decision"),
                    inability_decision_name(
                        (enum inability_decision)r->decision, v->lang));
        if (r->refer_to_name)
            html_printf(v->out, " → %s", r->refer_to_name);
        html_printf(
            v->out, " (%s %s)%s%s</dd>", T(v, "sampai", "until"),
            r->until_day ? human_date_iso(v->arena, r->until_day, v->lang) : "",
            r->decision_note ? ": " : "",
            r->decision_note ? r->decision_note : "");
    }
    html_printf(v->out, "</dl><h2>%s</h2><ol class=\"events\">",
                T(v, "Riwayat", "History"));
    for (size_t i = 0; i < n; i++)
        report_event(v, &events[i]);
    html_raw(v->out, "</ol>");
    if (can_decide && r->state == INS_SUBMITTED) {
        html_printf(v->out,
                    "<form method=\"post\" action=\"/inability/%lld/"
                    "acknowledge\">",
                    (long long)r->id);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                    "<button type=\"submit\">%s</button></form>",
                    r->version, T(v, "Terima laporan", "Acknowledge"));
    }
    if (can_decide && r->state != INS_DECIDED) {
        html_printf(v->out,
                    "<h2>%s</h2><form method=\"post\" action=\"/inability/"
                    "%lld/decision\">",
                    T(v, "Keputusan Sekda", "The Sekda's decision"),
                    (long long)r->id);
        view_csrf(v);
        view_error_summary(v, fe);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">",
                    r->version);
        for (int d = 0; d < IND__COUNT; d++)
            html_printf(
                v->out,
                "<label class=\"check\"><input type=\"radio\" "
                "name=\"decision\" value=\"%s\"%s> %s</label>",
                inability_decision_code((enum inability_decision)d),
                strcmp(sent(p, "decision"),
                       inability_decision_code((enum inability_decision)d)) == 0
                    ? " checked"
                    : "",
                inability_decision_name((enum inability_decision)d, v->lang));
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-refer_to\">%s</label>",
                    T(v, "Kantor tujuan (jika dialihkan)",
                      "Office to refer to (for a referral)"));
        view_field_error(v, fe, "refer_to");
        html_raw(v->out, "<select id=\"f-refer_to\" name=\"refer_to\">"
                         "<option value=\"\">—</option>");
        for (size_t i = 0; i < n_offices; i++)
            html_printf(v->out, "<option value=\"%s\">%s</option>",
                        offices[i].code, offices[i].name);
        html_raw(v->out, "</select></div>");
        view_input(v, fe, "until", T(v, "Sampai tanggal", "Until"),
                   sent(p, "until"), "date", true, 10);
        view_textarea(v, fe, "note",
                      T(v, "Catatan (dukungan yang diberikan)",
                        "Note (the support given)"),
                      sent(p, "note"), 3, 2000);
        html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                    T(v, "Putuskan", "Decide"));
    }
    view_end(v);
}

void view_readiness_list(struct view *v, const struct readiness_summary *s,
                         size_t n, const struct region *districts,
                         size_t n_districts, const char *district, int64_t now)
{
    view_begin(v, T(v, "Kesiapan kantor", "Office readiness"));
    html_printf(v->out,
                "<h1>%s</h1><p><a href=\"/oversight/inability\">%s</a> · <a "
                "href=\"/oversight/socialisation\">%s</a></p><form "
                "method=\"get\" class=\"filters\"><label>%s <select "
                "name=\"district\"><option value=\"\">%s</option>",
                T(v, "Kesiapan kantor", "Office readiness"),
                T(v, "Laporan ketidakmampuan", "Reports of inability"),
                T(v, "Sosialisasi", "Socialisation"),
                T(v, "Kecamatan", "District"), T(v, "semua", "all"));
    for (size_t i = 0; i < n_districts; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", districts[i].code,
            district && strcmp(district, districts[i].code) == 0 ? " selected"
                                                                 : "",
            districts[i].name);
    html_printf(v->out,
                "</select></label> <button type=\"submit\">%s</button></form>"
                "<table class=\"readiness\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                "</thead><tbody>",
                T(v, "Tampilkan", "Show"), T(v, "Kantor", "Office"),
                T(v, "Titik layanan", "Service point"), T(v, "Skor", "Score"),
                T(v, "Penilaian terakhir", "Last assessment"),
                T(v, "Pemeriksaan terakhir", "Last inspection"),
                T(v, "Temuan terbuka (terlambat)", "Open findings (overdue)"),
                T(v, "Laporan ketidakmampuan", "Reports of inability"));
    for (size_t i = 0; i < n; i++) {
        const struct readiness_summary *r = &s[i];
        html_printf(v->out,
                    "<tr id=\"office-%s\" class=\"%s\"><td><a "
                    "href=\"/readiness/%s\">%s</a></td><td>%s</td><td "
                    "class=\"score\">",
                    r->code, r->overdue_findings ? "overdue" : "", r->code,
                    r->name, r->service_point ? T(v, "ya", "yes") : "—");
        if (r->assessed)
            html_printf(v->out, "%s",
                        human_pct(v->arena, r->score_pct, 0, v->lang));
        else
            html_raw(v->out, "—");
        html_printf(v->out,
                    "</td><td>%s</td><td>%s</td><td>%lld (%lld)</td><td>%lld"
                    "</td></tr>",
                    r->assessed ? age(v, r->assessed_at, now) : "—",
                    age(v, r->inspected_at, now), (long long)r->open_findings,
                    (long long)r->overdue_findings,
                    (long long)r->open_inability);
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_inability_list(struct view *v, const struct inability_report *r,
                         size_t n, const struct finding *overdue,
                         size_t n_overdue, int64_t now)
{
    view_begin(v, T(v, "Laporan ketidakmampuan", "Reports of inability"));
    html_printf(v->out,
                "<h1>%s</h1><table><thead><tr><th>%s</th><th>%s</th><th>%s"
                "</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Laporan ketidakmampuan", "Reports of inability"),
                T(v, "Kantor", "Office"), T(v, "Dikirim", "Sent"),
                T(v, "Status", "Status"),
                T(v, "Diterima paling lambat", "Acknowledge by"),
                T(v, "Keputusan", "Decision"));
    for (size_t i = 0; i < n; i++) {
        bool late = !r[i].acknowledged_at && r[i].ack_due_at < now;
        html_printf(v->out,
                    "<tr class=\"%s\"><td><a href=\"/inability/%lld\">%s"
                    "</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                    "</tr>",
                    late ? "overdue" : "", (long long)r[i].id, r[i].office_name,
                    when(v, r[i].created_at),
                    inability_state_name(r[i].state, v->lang),
                    when(v, r[i].ack_due_at),
                    r[i].decision >= 0
                        ? inability_decision_name(
                              (enum inability_decision)r[i].decision, v->lang)
                        : "—");
    }
    html_printf(v->out,
                "</tbody></table><h2>%s</h2><table><thead><tr><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Temuan pemeriksaan yang dilaporkan ke Sekda",
                  "Inspection findings escalated to the Sekda"),
                T(v, "Kantor", "Office"), T(v, "Sarana", "Facility"),
                T(v, "Batas waktu", "Deadline"), T(v, "Status", "Status"));
    for (size_t i = 0; i < n_overdue; i++)
        html_printf(v->out,
                    "<tr><td><a href=\"/readiness/%s#finding-%lld\">%s</a></td>"
                    "<td>%s</td><td>%s</td><td>%s</td></tr>",
                    overdue[i].office_code, (long long)overdue[i].id,
                    overdue[i].office_name,
                    text2_get(&overdue[i].item_name, v->lang),
                    when(v, overdue[i].due_at),
                    finding_state_name(overdue[i].state, v->lang));
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_socialisation_report(struct view *v,
                               const struct socialisation_district *d, size_t n,
                               const char *from, const char *to,
                               const char *six_from)
{
    view_begin(v, T(v, "Sosialisasi per kecamatan",
                    "Socialisation by "
                    "district"));
    html_printf(v->out,
                "<h1>%s</h1><form method=\"get\" class=\"filters\"><label>%s "
                "<input type=\"date\" name=\"from\" value=\"%s\"></label> "
                "<label>%s <input type=\"date\" name=\"to\" value=\"%s\">"
                "</label> <button type=\"submit\">%s</button></form><p>%s %s "
                "– %s.</p>",
                T(v, "Sosialisasi per kecamatan", "Socialisation by district"),
                T(v, "Dari", "From"), from, T(v, "Sampai", "To"), to,
                T(v, "Tampilkan", "Show"),
                T(v, "Desa/kelurahan yang dijangkau dalam enam bulan",
                  "Villages reached in the six months"),
                six_from, to);
    for (size_t i = 0; i < n; i++) {
        html_printf(v->out,
                    "<section class=\"district\" id=\"district-%s\"><h2>%s"
                    "</h2><p>%lld %s, %lld %s (%lld %s). %zu/%zu %s.</p><ul "
                    "class=\"villages\">",
                    d[i].code, d[i].name, (long long)d[i].activities,
                    T(v, "kegiatan", "activities"), (long long)d[i].audience,
                    T(v, "peserta", "people"), (long long)d[i].religious,
                    T(v, "di forum keagamaan", "in religious forums"),
                    d[i].n_reached, d[i].n_villages,
                    T(v, "desa/kelurahan dijangkau", "villages reached"));
        for (size_t k = 0; k < d[i].n_villages; k++) {
            const struct village_reach *r = &d[i].villages[k];
            html_printf(
                v->out, "<li class=\"%s\">%s %s%s</li>",
                r->reached        ? "reached"
                : r->ever_reached ? "lapsed"
                                  : "never",
                r->reached ? "✓" : "✗", r->name,
                r->reached ? ""
                : r->ever_reached
                    ? T(v, " (tidak dalam enam bulan)", " (not in six months)")
                    : T(v, " — belum pernah dijangkau", " — never reached"));
        }
        html_raw(v->out, "</ul></section>");
    }
    view_end(v);
}

static void hours_line(struct view *v, const struct hours *h)
{
    static const char *const d_id[] = {"Min", "Sen", "Sel", "Rab",
                                       "Kam", "Jum", "Sab"};
    static const char *const d_en[] = {"Sun", "Mon", "Tue", "Wed",
                                       "Thu", "Fri", "Sat"};
    bool first = true;
    for (int i = 1; i <= 7; i++) {
        int d = i % 7;
        if (h->open[d] < 0)
            continue;
        html_printf(v->out, "%s%s %02d.%02d–%02d.%02d", first ? "" : " · ",
                    T(v, d_id[d], d_en[d]), h->open[d] / 60, h->open[d] % 60,
                    h->close[d] / 60, h->close[d] % 60);
        first = false;
    }
}

void view_leaflet(struct view *v, const struct office *o,
                  const struct service_def *services, size_t n, const char *url)
{
    view_begin_print(v, arena_printf(v->arena, "Leaflet — %s", o->name));
    html_printf(v->out,
                "<article class=\"leaflet\"><header><p class=\"kicker\">%s"
                "</p><h1>%s</h1><p>%s</p><p class=\"hours\">",
                T(v, "PELAYANAN TERPADU SATU PINTU", "ONE STOP PUBLIC SERVICE"),
                o->name, o->address);
    hours_line(v, &o->hours);
    html_printf(v->out, " %s", office_zone_name(o->utc_offset_min));
    if (o->phone && *o->phone)
        html_printf(v->out, " · %s %s", T(v, "Telp.", "Phone"), o->phone);
    html_printf(v->out,
                "</p></header><table class=\"services\"><thead><tr><th>%s"
                "</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Layanan", "Service"), T(v, "Waktu", "Time"),
                T(v, "Biaya", "Cost"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
                    text2_get(&services[i].name, v->lang),
                    service_time_text(&services[i], v->arena, v->lang),
                    service_fee_text(services[i].fee, v->arena, v->lang));
    html_printf(v->out, "</tbody></table><footer><div class=\"qr\">");
    struct buf qr;
    buf_init(&qr, 64 * 1024);
    if (qr_svg(&qr, url, 96,
               T(v, "Kode QR: halaman kantor ini",
                 "QR code: this office's "
                 "page")))
        html_raw_trusted(v->out, &qr);
    buf_free(&qr);
    html_printf(v->out,
                "</div><p>%s<br><span class=\"url\">%s</span></p><p>%s</p>"
                "</footer></article>",
                T(v, "Pindai untuk melihat persyaratan lengkap setiap layanan:",
                  "Scan for the full requirements of every service:"),
                url,
                T(v,
                  "Keluhan? Sampaikan di kotak pengaduan kantor atau di "
                  "laman pengaduan. Dijawab paling lambat 8 hari kerja.",
                  "A complaint? Use the office's complaint box or the "
                  "complaint page. Answered within 8 working days."));
    html_raw(v->out, "</main></body></html>\n");
}

const char *readiness_announcement_text(struct arena *a, enum lang lang,
                                        const struct office *o,
                                        const struct service_def *services,
                                        size_t n, const char *url)
{
    size_t free_n = 0;
    for (size_t i = 0; i < n; i++)
        free_n += services[i].fee == 0;
    char hours[96];
    hours_format(&o->hours, hours, sizeof(hours));
    /* The first opening and closing of the week, for the sentence. */
    int open = -1, close = -1;
    for (int i = 1; i <= 7 && open < 0; i++) {
        if (o->hours.open[i % 7] >= 0) {
            open = o->hours.open[i % 7];
            close = o->hours.close[i % 7];
        }
    }
    const char *examples = "";
    for (size_t i = 0; i < n && i < 3; i++)
        examples = arena_printf(a, "%s%s%s", examples, i ? ", " : "",
                                text2_get(&services[i].name, lang));
    if (lang == LANG_EN)
        return arena_printf(
            a,
            "Ladies and gentlemen. %s now serves %zu kinds of services at "
            "one door, for example %s. Bring the documents asked for, "
            "receive a receipt with the date your document will be ready, "
            "and follow it with the number on the receipt. %zu of the "
            "services are free of charge; pay nothing beyond the cost "
            "written on the board. The office is open on working days from "
            "%02d.%02d to %02d.%02d. The list of services and their "
            "requirements is at %s. If something is wrong, put a note in "
            "the complaint box: every complaint is answered. Thank you.",
            o->name, n, examples, free_n, open / 60, open % 60, close / 60,
            close % 60, url);
    return arena_printf(
        a,
        "Bapak, Ibu, dan Saudara sekalian. Sekarang %s melayani %zu jenis "
        "layanan di satu pintu, misalnya %s. Bawalah berkas yang diminta, "
        "terima tanda terima yang berisi tanggal dokumen Anda selesai, dan "
        "lacak dengan nomor pada tanda terima itu. %zu layanan tidak "
        "dipungut biaya; jangan membayar lebih dari biaya yang tertulis di "
        "papan. Kantor buka pada hari kerja pukul %02d.%02d sampai "
        "%02d.%02d. Daftar layanan dan persyaratannya ada di %s. Jika ada "
        "yang kurang, tulis di kotak pengaduan: setiap pengaduan dijawab. "
        "Terima kasih.",
        o->name, n, examples, free_n, open / 60, open % 60, close / 60,
        close % 60, url);
}

void view_announcement(struct view *v, const struct office *o,
                       const struct service_def *services, size_t n,
                       const char *url)
{
    view_begin(v, T(v, "Teks pengumuman", "Announcement text"));
    html_printf(
        v->out,
        "<h1>%s</h1><p class=\"muted\">%s</p><blockquote "
        "class=\"announcement\" lang=\"id\">%s</blockquote>",
        T(v, "Teks pengumuman", "Announcement text"),
        T(v, "Untuk dibacakan di forum keagamaan atau musyawarah desa.",
          "To be read out in a religious forum or village meeting "
          "(in Bahasa Indonesia; a translation follows)."),
        readiness_announcement_text(v->arena, LANG_ID, o, services, n, url));
    if (v->lang == LANG_EN)
        html_printf(v->out,
                    "<h2>Translation</h2><blockquote lang=\"en\">%s"
                    "</blockquote>",
                    readiness_announcement_text(v->arena, LANG_EN, o, services,
                                                n, url));
    view_end(v);
}

void view_readiness_escalations(struct view *v, const struct finding *f,
                                size_t n_f, const struct inability_report *r,
                                size_t n_r)
{
    html_printf(v->out, "<section class=\"readiness-escalations\"><h2>%s</h2>",
                T(v, "Kesiapan kantor: yang dilaporkan ke Sekda",
                  "Office readiness: on the Sekda's list"));
    if (!n_f && !n_r)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v, "Tidak ada.", "None."));
    for (size_t i = 0; i < n_r; i++)
        html_printf(
            v->out,
            "<article class=\"escalation inability%s\"><h3><a "
            "href=\"/inability/%lld\">%s</a> · %s</h3><p><strong>%s</strong>"
            ": %s</p><p class=\"muted\">%s %s</p></article>",
            r[i].escalated_at ? " overdue" : "", (long long)r[i].id,
            T(v, "Laporan ketidakmampuan", "Report of inability"),
            r[i].office_name,
            r[i].escalated_at ? T(v, "Alasan", "Reason")
                              : T(v, "Status", "Status"),
            r[i].escalated_at
                ? complaint_escalation_reason(r[i].escalation_reason, v->lang)
                : inability_state_name(r[i].state, v->lang),
            T(v, "diterima paling lambat", "to be acknowledged by"),
            when(v, r[i].ack_due_at));
    for (size_t i = 0; i < n_f; i++)
        html_printf(
            v->out,
            "<article class=\"escalation finding overdue\"><h3><a "
            "href=\"/readiness/%s#finding-%lld\">%s: %s</a> · %s</h3>"
            "<p><strong>%s</strong>: %s</p><p class=\"muted\">%s · %s "
            "%s</p></article>",
            f[i].office_code, (long long)f[i].id,
            T(v, "Temuan pemeriksaan", "Inspection finding"),
            text2_get(&f[i].item_name, v->lang), f[i].office_name,
            T(v, "Alasan", "Reason"),
            complaint_escalation_reason(f[i].escalation_reason, v->lang),
            finding_state_name(f[i].state, v->lang),
            T(v, "batas waktu", "deadline"), when(v, f[i].due_at));
    html_raw(v->out, "</section>");
}

void view_facilities_admin(struct view *v, const struct facility_item *items,
                           size_t n, const char *error)
{
    view_begin(v, T(v, "Daftar sarana", "Facilities checklist"));
    html_printf(v->out, "<h1>%s</h1>",
                T(v, "Daftar sarana (standar kesiapan kantor)",
                  "Facilities checklist (the readiness standard)"));
    if (error)
        html_printf(v->out, "<p class=\"error\">%s</p>", error);
    html_printf(v->out,
                "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s"
                "</th><th>%s</th></tr></thead><tbody>",
                T(v, "Kode", "Code"), T(v, "Nama", "Name"),
                T(v, "Wajib", "Mandatory"), T(v, "Terpenuhi bila", "Met when"),
                T(v, "Urutan", "Order"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s / %s</td><td>%s</td><td>%s</td>"
                    "<td>%d</td></tr>",
                    items[i].code, items[i].name.id, items[i].name.en,
                    items[i].mandatory ? T(v, "ya", "yes") : "—",
                    text2_get(&items[i].criterion, v->lang), items[i].ord);
    html_printf(v->out,
                "</tbody></table><h2>%s</h2><form method=\"post\" "
                "action=\"/admin/facilities\">",
                T(v, "Tambah atau ubah butir", "Add or change an item"));
    view_csrf(v);
    view_input(v, NULL, "code", T(v, "Kode", "Code"), "", "text", true, 32);
    view_input(v, NULL, "name_id",
               T(v, "Nama (Indonesia)", "Name (Indonesian)"), "", "text", true,
               100);
    view_input(v, NULL, "name_en", T(v, "Nama (Inggris)", "Name (English)"), "",
               "text", false, 100);
    view_input(v, NULL, "criterion_id",
               T(v, "Terpenuhi bila (Indonesia)", "Met when (Indonesian)"), "",
               "text", false, 300);
    view_input(v, NULL, "criterion_en",
               T(v, "Terpenuhi bila (Inggris)", "Met when (English)"), "",
               "text", false, 300);
    view_input(v, NULL, "ord", T(v, "Urutan", "Order"), "", "number", false, 3);
    html_printf(v->out,
                "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"mandatory\" value=\"1\" checked> %s</label><label "
                "class=\"check\"><input type=\"checkbox\" name=\"remove\" "
                "value=\"1\"> %s</label><button type=\"submit\">%s</button>"
                "</form>",
                T(v, "Wajib", "Mandatory"),
                T(v, "Hapus dari daftar", "Take off the checklist"),
                T(v, "Simpan", "Save"));
    view_end(v);
}

void view_office_facilities(struct view *v, const struct assessment *last,
                            int64_t inspected_at,
                            const struct referral *referrals, size_t n_ref,
                            const struct service_def *services,
                            size_t n_services)
{
    for (size_t i = 0; i < n_ref; i++) {
        html_printf(v->out, "<p class=\"warn referral\">%s ",
                    T(v, "Untuk sementara layanan", "For the time being,"));
        if (!referrals[i].services || !*referrals[i].services) {
            html_printf(v->out, "%s", T(v, "semua layanan", "every service"));
        } else {
            bool first = true;
            for (size_t k = 0; k < n_services; k++) {
                struct referral_rule rule = {referrals[i].services,
                                             referrals[i].from_day,
                                             referrals[i].until_day};
                if (!referral_applies(&rule, services[k].code,
                                      referrals[i].from_day))
                    continue;
                html_printf(v->out, "%s%s", first ? "" : ", ",
                            text2_get(&services[k].name, v->lang));
                first = false;
            }
        }
        html_printf(v->out, " %s <a href=\"/offices/%s\">%s</a> %s %s.</p>",
                    T(v, "dilayani di", "are served at"), referrals[i].to_code,
                    referrals[i].to_name, T(v, "sampai", "until"),
                    human_date_iso(v->arena, referrals[i].until_day, v->lang));
    }
    html_printf(v->out, "<section class=\"facilities\"><h2>%s</h2>",
                T(v, "Sarana kantor", "The office's facilities"));
    if (!last) {
        html_printf(v->out, "<p class=\"muted\">%s</p></section>",
                    T(v, "Belum dinilai.", "Not assessed yet."));
        return;
    }
    html_printf(v->out,
                "<p><strong class=\"readiness-score\">%s</strong> %s (%s "
                "%s",
                human_pct(v->arena, last->score.pct, 0, v->lang),
                T(v, "standar wajib terpenuhi",
                  "of the mandatory standard "
                  "met"),
                T(v, "penilaian", "assessed"),
                human_date_iso(v->arena, last->assessed_on, v->lang));
    if (inspected_at) {
        html_printf(v->out, "; %s %s", T(v, "diperiksa", "inspected"),
                    when(v, inspected_at));
    }
    html_raw(v->out, ")</p><ul class=\"facility-marks\">");
    for (size_t i = 0; i < last->n_items; i++)
        html_printf(v->out, "<li class=\"fac-%s\">%s %s</li>",
                    facility_status_code(last->items[i].status),
                    text2_get(&last->items[i].name, v->lang),
                    status_mark(last->items[i].status));
    html_raw(v->out, "</ul></section>");
}
