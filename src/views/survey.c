/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* survey.c: the questionnaire and the IKM report (see survey.h). */
#include "views/survey.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/params.h"
#include "core/humanize.h"

static const char *sent_value(const struct params *p, const char *name)
{
    const char *s = p ? params_get(p, name) : NULL;
    return s ? s : "";
}

void view_survey(struct view *v, const struct survey_form *f,
                 const struct field_errors *fe)
{
    const char *title =
        T(v, "Survei kepuasan masyarakat", "Public satisfaction survey");
    view_begin(v, title);
    html_printf(v->out, "<section class=\"survey%s\"><h1>%s</h1><p>%s</p>",
                f->kiosk ? " kiosk" : "", title,
                T(v,
                  "Bantu kami memperbaiki pelayanan. Jawaban Anda tanpa nama "
                  "dan hanya dipakai untuk menghitung indeks kepuasan.",
                  "Help us improve the service. Your answers are anonymous "
                  "and used only to compute the satisfaction index."));
    /* What is being rated: the service (from the receipt's link) and the
     * office. */
    const char *service_name = NULL;
    for (size_t i = 0; f->token && i < f->n_services; i++)
        if (strcmp(f->services[i].code, f->service) == 0)
            service_name = text2_get(&f->services[i].name, v->lang);
    if (service_name && f->office_name)
        html_printf(v->out,
                    "<p class=\"rated\">%s <strong class=\"service\">%s"
                    "</strong> %s <strong class=\"office\">%s</strong></p>",
                    T(v, "Anda menilai layanan", "You are rating the service"),
                    service_name, T(v, "di", "at"), f->office_name);
    else if (f->office_name)
        html_printf(
            v->out,
            "<p class=\"rated\">%s <strong class=\"office\">%s"
            "</strong></p>",
            T(v, "Anda menilai pelayanan di", "You are rating the service at"),
            f->office_name);
    view_error_summary(v, fe);
    html_raw(v->out, "<form method=\"post\" action=\"/survey\">");
    view_csrf(v);
    if (f->kiosk)
        html_raw(v->out, "<input type=\"hidden\" name=\"kiosk\" value=\"1\">");
    if (f->token)
        html_printf(v->out, "<input type=\"hidden\" name=\"t\" value=\"%s\">",
                    f->token);
    if (f->kiosk || f->token) {
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"office\" value=\"%s\">",
                    f->office);
    } else {
        html_printf(
            v->out,
            "<div class=\"field\"><label for=\"f-office\">%s *"
            "</label>",
            T(v, "Kantor tempat Anda dilayani", "The office that served you"));
        view_field_error(v, fe, "office");
        html_raw(v->out, "<select id=\"f-office\" name=\"office\">");
        for (size_t i = 0; i < f->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        f->offices[i].code,
                        strcmp(f->office, f->offices[i].code) == 0 ? " selected"
                                                                   : "",
                        f->offices[i].name);
        html_raw(v->out, "</select></div>");
    }
    if (f->token) {
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"service\" value=\"%s\">",
                    f->service);
    } else {
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-service\">%s</label>",
                    T(v, "Layanan yang Anda terima", "The service you used"));
        view_field_error(v, fe, "service");
        html_printf(v->out,
                    "<select id=\"f-service\" name=\"service\"><option "
                    "value=\"\">— %s —</option>",
                    T(v, "pilih", "choose"));
        for (size_t i = 0; i < f->n_services; i++)
            html_printf(
                v->out, "<option value=\"%s\"%s>%s</option>",
                f->services[i].code,
                strcmp(f->service, f->services[i].code) == 0 ? " selected" : "",
                text2_get(&f->services[i].name, v->lang));
        html_raw(v->out, "</select></div>");
    }
    for (int e = 0; e < SKM_ELEMENTS; e++) {
        char name[16];
        snprintf(name, sizeof(name), "u%d", e + 1);
        const char *chosen = sent_value(f->sent, name);
        html_printf(v->out,
                    "<fieldset class=\"question\"><legend>%d. %s</legend>",
                    e + 1, skm_question(e, v->lang));
        view_field_error(v, fe, name);
        for (int a = 1; a <= 4; a++) {
            char val[16];
            snprintf(val, sizeof(val), "%d", a);
            html_printf(v->out,
                        "<label class=\"answer\"><input type=\"radio\" "
                        "name=\"%s\" value=\"%d\"%s> %s</label>",
                        name, a, strcmp(chosen, val) == 0 ? " checked" : "",
                        skm_answer(e, a, f->free, v->lang));
        }
        html_raw(v->out, "</fieldset>");
    }
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "Tentang Anda (tidak wajib)", "About you (optional)"));
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        const char *key = skm_dimension_key((enum skm_dimension)d);
        const char *chosen = sent_value(f->sent, key);
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-%s\">%s</label>", key,
                    skm_dimension_name((enum skm_dimension)d, v->lang));
        view_field_error(v, fe, key);
        html_printf(v->out,
                    "<select id=\"f-%s\" name=\"%s\"><option value=\"\">— "
                    "%s —</option>",
                    key, key, T(v, "tidak diisi", "not given"));
        for (int k = 0; k < skm_n_codes((enum skm_dimension)d); k++) {
            const char *code = skm_code((enum skm_dimension)d, k);
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>", code,
                        strcmp(chosen, code) == 0 ? " selected" : "",
                        skm_code_name((enum skm_dimension)d, k, v->lang));
        }
        html_raw(v->out, "</select></div>");
    }
    html_raw(v->out, "</fieldset>");
    view_textarea(
        v, fe, "suggestion",
        T(v, "Saran dan masukan (tidak wajib)", "Suggestions (optional)"),
        f->kiosk ? "" : sent_value(f->sent, "suggestion"), 3, 2000);
    html_printf(v->out,
                "<button class=\"big\" type=\"submit\">%s</button></form>"
                "</section>",
                T(v, "Kirim", "Send"));
    view_end(v);
}

void view_survey_thanks(struct view *v, bool kiosk, const char *office)
{
    if (kiosk) {
        /* Back to a blank questionnaire after a few seconds: the next
         * person sees nothing of this one. */
        html_printf(v->out,
                    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
                    "charset=\"utf-8\"><meta http-equiv=\"refresh\" "
                    "content=\"5;url=/survey/kiosk?office=%s\">"
                    "<meta name=\"viewport\" content=\"width=device-width, "
                    "initial-scale=1\"><title>%s</title><link "
                    "rel=\"stylesheet\" href=\"/static/style.css\"><link "
                    "rel=\"icon\" href=\"/static/icon.svg\" "
                    "type=\"image/svg+xml\"></head>"
                    "<body><main><section class=\"survey kiosk thanks\">",
                    lang_code(v->lang), office,
                    T(v, "Terima kasih", "Thank you"));
    } else {
        view_begin(v, T(v, "Terima kasih", "Thank you"));
        html_raw(v->out, "<section class=\"survey thanks\">");
    }
    html_printf(v->out, "<h1>%s</h1><p>%s</p>",
                T(v, "Terima kasih!", "Thank you!"),
                T(v, "Jawaban Anda sudah kami terima.",
                  "Your answers have been received."));
    if (kiosk) {
        html_printf(v->out,
                    "<p><a class=\"button big\" "
                    "href=\"/survey/kiosk?office=%s\">%s</a></p></section>"
                    "</main></body></html>\n",
                    office, T(v, "Responden berikutnya", "Next respondent"));
        return;
    }
    html_raw(v->out, "</section>");
    view_end(v);
}

void view_survey_notice(struct view *v, const char *title, const char *message,
                        const char *back)
{
    view_begin(v, title);
    html_printf(v->out,
                "<section class=\"survey\"><h1>%s</h1><p>%s</p><p><a "
                "href=\"%s\">%s</a></p></section>",
                title, message, back, T(v, "Kembali", "Back"));
    view_end(v);
}

/* IKM and NRR values for people: "88,31" / "88.31" (core/humanize.h). */
static const char *x100(struct view *v, int64_t x)
{
    return human_number(v->arena, x, 2, v->lang);
}

static const char *nrr_text(struct view *v, double nrr)
{
    return x100(v, (int64_t)(nrr * 100.0 + (nrr < 0 ? -0.5 : 0.5)));
}

static const char *num(struct view *v, int64_t n)
{
    return human_number(v->arena, n, 0, v->lang);
}

static const char *day(struct view *v, const char *ymd)
{
    return human_date_iso(v->arena, ymd, v->lang);
}

void view_ikm_report(struct view *v, const struct ikm_report *r,
                     const struct office *offices, size_t n_offices,
                     const char *office, const char *query)
{
    const char *title =
        T(v, "Indeks Kepuasan Masyarakat", "Public Satisfaction Index");
    view_begin(v, title);
    html_printf(v->out,
                "<form class=\"filters noprint\" method=\"get\" "
                "action=\"/reports/ikm\"><label for=\"office\">%s</label>"
                "<select id=\"office\" name=\"office\"><option value=\"\">%s"
                "</option>",
                T(v, "Unit", "Unit"),
                T(v, "Seluruh kabupaten", "The whole regency"));
    for (size_t i = 0; i < n_offices; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", offices[i].code,
            office && strcmp(office, offices[i].code) == 0 ? " selected" : "",
            offices[i].name);
    html_printf(v->out,
                "</select><label for=\"from\">%s</label><input id=\"from\" "
                "name=\"from\" type=\"date\" value=\"%s\"><label "
                "for=\"to\">%s</label><input id=\"to\" name=\"to\" "
                "type=\"date\" value=\"%s\"><button type=\"submit\">%s"
                "</button></form>",
                T(v, "Dari", "From"), r->from, T(v, "Sampai", "To"), r->to,
                T(v, "Tampilkan", "Show"));
    html_printf(v->out,
                "<article class=\"ikm\"><header><p class=\"kicker\">%s</p>"
                "<h1>%s</h1><p>%s · %s %s %s %s</p></header>",
                T(v, "HASIL SURVEI KEPUASAN MASYARAKAT",
                  "PUBLIC SATISFACTION SURVEY RESULT"),
                r->scope_name, title, T(v, "periode", "period"),
                day(v, r->from), T(v, "s.d.", "to"), day(v, r->to));
    if (r->result.has_ikm) {
        const char *ikm = x100(v, r->result.ikm_x100);
        html_printf(v->out,
                    "<p class=\"ikm-value\"><strong>%s</strong> <span "
                    "class=\"grade grade-%c\">%c · %s</span></p>",
                    ikm, r->result.grade, r->result.grade,
                    skm_grade_name(r->result.grade, v->lang));
    } else {
        html_printf(v->out, "<p class=\"ikm-value\">%s</p>",
                    T(v,
                      "IKM belum dapat dihitung: ada unsur yang belum "
                      "dijawab satu responden pun.",
                      "No IKM yet: an element has no answers at all."));
    }
    if (r->has_previous && r->result.has_ikm) {
        const char *prev = x100(v, r->previous_x100);
        int64_t delta = r->result.ikm_x100 - r->previous_x100;
        const char *d = x100(v, delta < 0 ? -delta : delta);
        html_printf(v->out, "<p>%s (%s – %s): %s · %s %s%s</p>",
                    T(v, "Periode sebelumnya", "Previous period"),
                    day(v, r->prev_from), day(v, r->prev_to), prev,
                    T(v, "perubahan", "change"), delta < 0 ? "−" : "+", d);
    }
    html_printf(v->out,
                "<dl class=\"summary\"><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                "<dd>%s (%s)</dd><dt>%s</dt><dd>%s — %s</dd></dl>",
                T(v, "Responden", "Respondents"), num(v, r->totals.respondents),
                T(v, "Pengguna layanan", "Service users"), num(v, r->users),
                r->users_from_apps
                    ? T(v, "permohonan selesai", "completed applications")
                    : T(v, "diisi oleh kantor", "entered by the office"),
                T(v, "Target sampel (Krejcie & Morgan)",
                  "Sample target (Krejcie & Morgan)"),
                num(v, r->target),
                r->totals.respondents >= r->target
                    ? T(v, "tercapai", "reached")
                    : T(v, "belum tercapai", "not reached"));
    html_printf(v->out, "<p>%s: %s %s · %s %s · %s %s</p>",
                T(v, "Responden per saluran", "Respondents per channel"),
                T(v, "tanda terima", "receipt"), num(v, r->channels.receipt),
                T(v, "kiosk", "kiosk"), num(v, r->channels.kiosk),
                T(v, "kertas", "paper"), num(v, r->channels.paper));
    if (r->over_users)
        html_printf(v->out, "<p class=\"warning\" role=\"alert\">%s</p>",
                    T(v,
                      "Perhatian: jumlah responden melebihi jumlah pengguna "
                      "layanan periode ini. Periksa kuesioner kertas dan "
                      "kiosk sebelum indeks ini diterbitkan.",
                      "Warning: there are more respondents than service "
                      "users in this period. Check the paper and kiosk "
                      "questionnaires before publishing this index."));
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>NRR</th></tr></thead><tbody>",
                T(v, "Unsur", "Element"), T(v, "Nama", "Name"),
                T(v, "Jawaban", "Answers"));
    for (int e = 0; e < SKM_ELEMENTS; e++) {
        const char *nrr =
            r->result.has_nrr[e] ? nrr_text(v, r->result.nrr[e]) : "—";
        html_printf(v->out,
                    "<tr><td>U%d</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    e + 1, skm_element_name(e, v->lang),
                    num(v, r->totals.count[e]), nrr);
    }
    html_printf(
        v->out, "</tbody></table><p class=\"muted\">%s</p><h2>%s</h2><ol>",
        T(v,
          "IKM = 25 × rata-rata NRR kesembilan unsur, bobot tepat "
          "1/9 per unsur (bukan 0,11), dibulatkan dua desimal "
          "sebelum mutu ditentukan. Dihitung menurut PermenPANRB "
          "14/2017.",
          "IKM = 25 × the mean NRR of the nine elements, each "
          "weighed exactly 1/9 (not 0.11), rounded to two decimals "
          "before grading. Computed under PermenPANRB 14/2017."),
        T(v, "Yang perlu diperbaiki lebih dulu", "What to improve first"));
    for (int i = 0; i < SKM_ELEMENTS && i < 3; i++) {
        int e = r->weakest[i];
        if (!r->result.has_nrr[e])
            continue;
        html_printf(v->out, "<li>U%d %s (NRR %s)</li>", e + 1,
                    skm_element_name(e, v->lang),
                    nrr_text(v, r->result.nrr[e]));
    }
    html_printf(v->out, "</ol><h2>%s</h2><div class=\"profile\">",
                T(v, "Profil responden", "Respondents"));
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        html_printf(v->out, "<table class=\"list\"><caption>%s</caption>",
                    skm_dimension_name((enum skm_dimension)d, v->lang));
        for (int k = 0; k < skm_n_codes((enum skm_dimension)d); k++)
            html_printf(v->out, "<tr><td>%s</td><td>%s</td></tr>",
                        skm_code_name((enum skm_dimension)d, k, v->lang),
                        num(v, r->profile[d][k]));
        html_raw(v->out, "</table>");
    }
    html_printf(v->out, "</div><h2>%s</h2><ul class=\"suggestions\">",
                T(v, "Saran responden", "Suggestions"));
    for (size_t i = 0; i < r->n_suggestions; i++)
        html_printf(v->out,
                    "<li><q>%s</q> <span class=\"muted\">%s, %s"
                    "</span></li>",
                    r->suggestions[i].text, r->suggestions[i].office,
                    day(v, r->suggestions[i].day));
    html_printf(v->out,
                "</ul><footer><p>%s: %s</p></footer></article><p "
                "class=\"noprint\"><a href=\"/reports/ikm?%s&amp;format=csv\">"
                "CSV</a> · <a href=\"/reports/ikm?%s&amp;format=xlsx\">XLSX"
                "</a> · <a href=\"/api/v1/reports/ikm?%s\">JSON</a></p>",
                T(v, "Dasar perhitungan", "Computed under"), SKM_REGULATION,
                query, query, query);
    view_end(v);
}

void view_survey_import(struct view *v, const char *const *errors,
                        size_t n_errors, const char *done)
{
    view_begin(v,
               T(v, "Impor kuesioner kertas", "Import paper questionnaires"));
    html_printf(v->out, "<h1>%s</h1><p>%s</p>",
                T(v, "Impor kuesioner kertas", "Import paper questionnaires"),
                T(v,
                  "Satu baris per responden: office,service,date,u1,...,u9,"
                  "sex,age_group,education,occupation,suggestion. Nilai 1-4, "
                  "kosong bila tidak dijawab. Bila ada satu baris salah, "
                  "tidak ada yang diimpor.",
                  "One line per respondent: office,service,date,u1,...,u9,"
                  "sex,age_group,education,occupation,suggestion. Scores "
                  "1-4, empty when unanswered. If any line is wrong, nothing "
                  "is imported."));
    if (done)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>", done);
    if (n_errors) {
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><h2>%s</h2>"
                    "<ul>",
                    T(v, "Tidak ada yang diimpor", "Nothing was imported"));
        for (size_t i = 0; i < n_errors; i++)
            html_printf(v->out, "<li>%s</li>", errors[i]);
        html_raw(v->out, "</ul></div>");
    }
    html_raw(v->out, "<form method=\"post\" action=\"/admin/surveys/import\">");
    view_csrf(v);
    view_form_token(v);
    view_textarea(v, NULL, "csv", T(v, "CSV", "CSV"), "", 12, 60000);
    html_printf(v->out,
                "<button type=\"submit\">%s</button></form><h2>%s</h2><p>%s"
                "</p><form method=\"post\" action=\"/admin/surveys/users\">",
                T(v, "Impor", "Import"),
                T(v, "Jumlah pengguna layanan", "Number of service users"),
                T(v,
                  "Untuk kantor yang belum mencatat permohonan di Satu "
                  "Pintu: jumlah pengguna layanan pada periode, untuk target "
                  "sampel Krejcie & Morgan.",
                  "For offices whose applications are not recorded in Satu "
                  "Pintu: the service users of a period, for the Krejcie & "
                  "Morgan sample target."));
    view_csrf(v);
    view_input(v, NULL, "office", T(v, "Kode kantor", "Office code"), "",
               "text", true, 20);
    view_input(v, NULL, "from", T(v, "Dari", "From"), "", "date", true, 10);
    view_input(v, NULL, "to", T(v, "Sampai", "To"), "", "date", true, 10);
    view_input(v, NULL, "users", T(v, "Pengguna layanan", "Service users"), "",
               "number", true, 9);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Simpan", "Save"));
    view_end(v);
}
