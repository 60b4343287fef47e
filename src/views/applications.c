/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* applications.c: intake, receipt, work list, tracking pages. */
#include "views/applications.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/jsonw.h"
#include "base/qr.h"
#include "core/contact.h"

static void promise_line(struct view *v, const struct promise_text *p)
{
    html_printf(v->out, "<strong>%s</strong>", p->when);
    if (p->provisional)
        html_printf(v->out, " <span class=\"tag warn\">%s</span>",
                    T(v, "perkiraan: kalender tahun itu belum dimuat",
                      "provisional: that year's calendar is not loaded"));
}

static void picker_item(struct view *v, const struct service_def *s)
{
    html_printf(v->out,
                "<li data-code=\"%s\"><a href=\"/intake/%s\"><strong>%s"
                "</strong></a> <span class=\"muted\">%s · %s · <code>%s"
                "</code></span></li>",
                s->code, s->code, text2_get(&s->name, v->lang),
                service_time_text(s, v->arena, v->lang),
                service_fee_text(s->fee, v->arena, v->lang), s->code);
}

void view_intake_services(struct view *v, const struct office *o,
                          const struct service_def *items, size_t n_items,
                          const struct category *cats, size_t n_cats,
                          const char *q)
{
    view_begin(v, T(v, "Pendaftaran permohonan", "Register an application"));
    html_printf(v->out,
                "<h1>%s</h1><p>%s: <strong>%s</strong></p>"
                "<form class=\"search picker\" method=\"get\" "
                "action=\"/intake\" role=\"search\"><label for=\"picker-q\">"
                "%s</label><input id=\"picker-q\" name=\"q\" "
                "type=\"search\" maxlength=\"100\" value=\"%s\" "
                "autocomplete=\"off\" data-picker=\"services\"><button "
                "type=\"submit\">%s</button></form>",
                T(v, "Pendaftaran permohonan", "Register an application"),
                T(v, "Kantor", "Office"), o->name,
                T(v,
                  "Cari layanan yang diminta warga (mis. akte, e-ktp, "
                  "surat pindah)",
                  "Find the service the citizen asks for (e.g. akte, e-ktp, "
                  "surat pindah)"),
                q ? q : "", T(v, "Cari", "Search"));
    if (q && *q) {
        html_printf(
            v->out,
            "<p>%s <a href=\"/intake\">%s</a></p><ol "
            "class=\"services\" id=\"picker-list\">",
            n_items
                ? T(v, "Paling cocok lebih dulu.", "Best match first.")
                : T(v, "Tidak ada layanan yang cocok.", "No service matches."),
            T(v, "Semua layanan", "All services"));
        for (size_t i = 0; i < n_items; i++)
            picker_item(v, &items[i]);
        html_raw(v->out, "</ol>");
        view_end(v);
        return;
    }
    html_raw(v->out, "<div id=\"picker-list\">");
    for (size_t c = 0; c <= n_cats; c++) {
        /* Each category in its order, then any service of another. */
        size_t shown = 0;
        for (size_t i = 0; i < n_items; i++) {
            bool known = false;
            for (size_t k = 0; k < n_cats; k++)
                known |= strcmp(items[i].category, cats[k].code) == 0;
            bool here = c < n_cats
                            ? strcmp(items[i].category, cats[c].code) == 0
                            : !known;
            if (!here)
                continue;
            if (shown++ == 0)
                html_printf(v->out, "<h2>%s</h2><ul class=\"services\">",
                            c < n_cats ? text2_get(&cats[c].name, v->lang)
                                       : T(v, "Lainnya", "Other"));
            picker_item(v, &items[i]);
        }
        if (shown)
            html_raw(v->out, "</ul>");
    }
    html_raw(v->out, "</div><script src=\"/static/picker.js\" defer></script>");
    view_end(v);
}

static const char *form_value(const struct params *form, const char *name)
{
    const char *s = form ? params_get(form, name) : NULL;
    return s ? s : "";
}

static bool form_has(const struct params *form, const char *name,
                     const char *value)
{
    for (size_t i = 0; form && i < params_count(form, name); i++)
        if (strcmp(params_nth(form, name, i), value) == 0)
            return true;
    return false;
}

/* What the officer typed, as hidden fields (every name, every value, in
 * order), for the forms that go on (confirm) or back (edit): nothing
 * typed is lost. The controls of these pages are not carried. */
static void hidden_fields(struct view *v, const struct params *form)
{
    for (size_t i = 0; form && i < form->n_items; i++) {
        const char *name = form->items[i].name;
        if (strcmp(name, "confirm") == 0 || strcmp(name, "form_token") == 0 ||
            strcmp(name, "edit") == 0 || strcmp(name, "csrf") == 0)
            continue;
        html_printf(v->out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
                    name, form->items[i].value);
    }
}

/* A button that takes the officer back to the form with every field as it
 * was typed (a POST with edit=1: the NIK never goes into a URL). */
static void back_to_form(struct view *v, const struct service_def *s,
                         const struct params *form, const char *label)
{
    html_printf(v->out,
                "<form class=\"inline noprint\" method=\"post\" "
                "action=\"/intake/%s\">",
                s->code);
    view_csrf(v);
    hidden_fields(v, form);
    html_printf(v->out,
                "<button class=\"secondary\" type=\"submit\" name=\"edit\" "
                "value=\"1\">%s</button></form>",
                label);
}

void view_intake_form(struct view *v, const struct office *o,
                      const struct service_def *s,
                      const struct region *villages, size_t n_villages,
                      const struct params *form, const struct field_errors *fe,
                      const struct promise_text *promise,
                      const struct notify_offer *offer)
{
    view_begin(v, text2_get(&s->name, v->lang));
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/intake\">%s</a></nav>"
                "<h1>%s</h1><p class=\"muted\">%s · %s · %s</p>"
                "<p>%s ",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Pendaftaran", "Registration"),
                text2_get(&s->name, v->lang), o->name,
                service_time_text(s, v->arena, v->lang),
                service_fee_text(s->fee, v->arena, v->lang),
                T(v, "Jika didaftarkan sekarang, dijanjikan selesai:",
                  "If registered now, promised by:"));
    promise_line(v, promise);
    html_raw(v->out, "</p>");
    view_error_summary(v, fe);
    html_printf(v->out, "<form method=\"post\" action=\"/intake/%s\">",
                s->code);
    view_csrf(v);
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "Daftar periksa persyaratan", "Requirements checklist"));
    view_field_error(v, fe, "requirements");
    for (size_t i = 0; i < s->n_reqs; i++) {
        bool checked = form_has(form, "req", s->reqs[i].code);
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"req\" value=\"%s\"%s> %s",
                    s->reqs[i].code, checked ? " checked" : "",
                    text2_get(&s->reqs[i].name, v->lang));
        const char *note = view_requirement_note(v, &s->reqs[i], (int)o->level);
        if (note)
            html_printf(v->out, " <span class=\"tag\">%s</span>", note);
        html_raw(v->out, "</label><br>");
    }
    html_printf(v->out, "</fieldset><fieldset><legend>%s</legend>",
                T(v, "Data pemohon", "Applicant"));
    /* Digits, and the separators people copy from a card (stored as 16
     * digits). */
    view_input_digits(v, fe, "nik", T(v, "NIK (16 angka)", "NIK (16 digits)"),
                      form_value(form, "nik"), true, 24, "[0-9 .\\-]{16,24}");
    view_input(v, fe, "name", T(v, "Nama lengkap", "Full name"),
               form_value(form, "name"), "text", true, 100);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-village\">%s</label>",
                T(v, "Desa/kelurahan tempat tinggal", "Village of residence"));
    view_field_error(v, fe, "village");
    html_printf(v->out,
                "<select id=\"f-village\" name=\"village\"><option "
                "value=\"\">— %s —</option>",
                T(v, "di luar kecamatan ini / tidak diisi",
                  "outside this district / not given"));
    const char *village = form_value(form, "village");
    for (size_t i = 0; i < n_villages; i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    villages[i].code,
                    strcmp(village, villages[i].code) == 0 ? " selected" : "",
                    villages[i].name);
    html_raw(v->out, "</select></div>");
    view_input(v, fe, "phone", T(v, "Nomor telepon/WA", "Phone/WhatsApp"),
               form_value(form, "phone"), "tel", false, 20);
    /* Without a phone: why (a preset, or other words typed below). */
    const char *why = form_value(form, "no_phone_reason");
    bool bad = fe && ferr_find(fe, "no_phone_reason");
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-no_phone_reason\">%s"
                "</label>",
                bad ? " invalid" : "",
                T(v, "Tanpa nomor telepon? Pilih alasannya",
                  "No phone number? Choose why"));
    view_field_error(v, fe, "no_phone_reason");
    html_raw(v->out,
             "<select id=\"f-no_phone_reason\" name=\"no_phone_reason\"");
    if (bad)
        html_raw(v->out, " aria-invalid=\"true\" "
                         "aria-describedby=\"err-no_phone_reason\"");
    html_printf(v->out, "><option value=\"\">— %s —</option>",
                T(v, "ada nomor telepon", "a phone number is given"));
    for (size_t k = 0; k < contact_no_phone_n(); k++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    contact_no_phone_code(k),
                    strcmp(why, contact_no_phone_code(k)) == 0 ? " selected"
                                                               : "",
                    contact_no_phone_label(k, v->lang));
    html_printf(v->out, "<option value=\"other\"%s>%s</option></select></div>",
                strcmp(why, "other") == 0 ? " selected" : "",
                T(v, "Lainnya (tulis di bawah)", "Other (write it below)"));
    view_input(v, NULL, "no_phone_other",
               T(v, "Alasan lain tidak ada nomor telepon",
                 "Another reason for no phone number"),
               form_value(form, "no_phone_other"), "text", false,
               CONTACT_REASON_MAX_CHARS);
    view_input(v, fe, "email",
               T(v, "E-mail (tidak wajib)", "E-mail (optional)"),
               form_value(form, "email"), "email", false, 254);
    if (s->asks_purpose)
        view_input(v, fe, "purpose",
                   T(v, "Keperluan surat (mis. untuk melamar pekerjaan)",
                     "Purpose of the letter (e.g. to apply for a job)"),
                   form_value(form, "purpose"), "text", true,
                   PURPOSE_MAX_CHARS);
    html_raw(v->out, "</fieldset>");
    view_notify_consent(v, offer, form, fe, false);
    html_printf(v->out,
                "<p>%s: <strong>%s</strong></p><button "
                "type=\"submit\">%s</button></form>",
                T(v, "Biaya", "Fee"),
                service_fee_text(s->fee, v->arena, v->lang),
                T(v, "Periksa", "Check"));
    view_end(v);
}

void view_intake_missing(struct view *v, const struct office *o,
                         const struct service_def *s,
                         const struct requirement *const *missing,
                         size_t n_missing, const struct params *form,
                         const char *when, const char *hours)
{
    view_begin(v, T(v, "Persyaratan belum lengkap", "Requirements missing"));
    /* One A4 page (style.css: @page slip): the citizen's name, the date,
     * the documents to bring, and where and when to come back. */
    const char *name = form_value(form, "name");
    html_printf(
        v->out,
        "<section class=\"slip\"><p class=\"kicker\">%s</p><h1>%s"
        "</h1><dl class=\"summary\"><dt>%s</dt><dd class=\"name\">"
        "%s</dd><dt>%s</dt><dd class=\"date\">%s</dd><dt>%s</dt>"
        "<dd>%s</dd><dt>%s</dt><dd>%s<br>%s</dd><dt>%s</dt>"
        "<dd class=\"hours\">%s</dd></dl><p>%s</p><ol "
        "class=\"missing\">",
        o->name, T(v, "Persyaratan belum lengkap", "Requirements missing"),
        T(v, "Nama pemohon", "Applicant"), *name ? name : "—",
        T(v, "Tanggal", "Date"), when ? when : "", T(v, "Layanan", "Service"),
        text2_get(&s->name, v->lang), T(v, "Kantor", "Office"), o->name,
        o->address, T(v, "Jam buka", "Opening hours"), hours ? hours : "",
        T(v,
          "Belum dapat didaftarkan. Mohon lengkapi dokumen berikut, "
          "lalu datang kembali pada jam buka:",
          "It cannot be registered yet. Please bring these "
          "documents and come back during opening hours:"));
    for (size_t i = 0; i < n_missing; i++)
        html_printf(v->out, "<li>%s</li>",
                    text2_get(&missing[i]->name, v->lang));
    html_printf(v->out, "</ol><p class=\"muted noprint\">%s</p></section>",
                T(v, "Cetak lembar ini untuk warga (satu halaman A4).",
                  "Print this sheet for the citizen (one A4 page)."));
    back_to_form(v, s, form, T(v, "Kembali ke formulir", "Back to the form"));
    view_end(v);
}

/* Why no phone, as typed on the form, for people: a preset's label, or
 * the words written beside "other". */
static const char *form_no_phone_text(struct view *v, const struct params *form)
{
    const char *chosen = form_value(form, "no_phone_reason");
    if (*chosen && strcmp(chosen, "other") != 0)
        return contact_no_phone_reason_text(chosen, v->lang);
    return form_value(form, "no_phone_other");
}

void view_intake_confirm(struct view *v, const struct intake_summary *c)
{
    const struct service_def *s = c->svc;
    const struct params *form = c->form;
    const char *none = T(v, "— tidak diisi", "— not given");
    view_begin(v, T(v, "Konfirmasi pendaftaran", "Confirm the registration"));
    html_printf(v->out, "<h1>%s</h1><p>%s</p>",
                T(v, "Konfirmasi pendaftaran", "Confirm the registration"),
                T(v, "Periksa bersama warga: inilah yang akan disimpan.",
                  "Check with the citizen: this is what will be stored."));
    for (size_t i = 0; i < c->n_warnings; i++)
        html_printf(v->out, "<p class=\"warn\" role=\"alert\">%s</p>",
                    c->warnings[i]);
    html_printf(v->out,
                "<dl class=\"summary confirm\"><dt>%s</dt><dd>%s</dd><dt>%s"
                "</dt><dd>%s</dd><dt>NIK</dt><dd>%s<br><span class=\"muted\">"
                "%s</span></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                "<dd class=\"village\">%s</dd>",
                T(v, "Layanan", "Service"), text2_get(&s->name, v->lang),
                T(v, "Kantor", "Office"), c->office->name, c->nik_masked,
                c->district, T(v, "Nama", "Name"), form_value(form, "name"),
                T(v, "Desa/kelurahan", "Village"),
                c->village_name ? c->village_name : none);
    const char *phone = form_value(form, "phone");
    if (*phone)
        html_printf(v->out, "<dt>%s</dt><dd class=\"phone\">%s</dd>",
                    T(v, "Telepon", "Phone"), phone);
    else
        html_printf(v->out,
                    "<dt>%s</dt><dd class=\"phone\">%s: <strong>%s</strong>"
                    "</dd>",
                    T(v, "Telepon", "Phone"),
                    T(v, "tidak ada, alasannya", "none, because"),
                    form_no_phone_text(v, form));
    const char *email = form_value(form, "email");
    html_printf(v->out, "<dt>%s</dt><dd class=\"email\">%s</dd>",
                T(v, "E-mail", "E-mail"), *email ? email : none);
    if (s->asks_purpose)
        html_printf(v->out, "<dt>%s</dt><dd class=\"purpose\">%s</dd>",
                    T(v, "Keperluan surat", "Purpose of the letter"),
                    form_value(form, "purpose"));
    html_printf(v->out, "<dt>%s</dt><dd><ul class=\"handed\">",
                T(v, "Dokumen diserahkan", "Documents handed in"));
    size_t handed = 0;
    for (size_t i = 0; i < s->n_reqs; i++)
        if (form_has(form, "req", s->reqs[i].code)) {
            html_printf(v->out, "<li>%s</li>",
                        text2_get(&s->reqs[i].name, v->lang));
            handed++;
        }
    if (!handed)
        html_printf(v->out, "<li>%s</li>", T(v, "tidak ada", "none"));
    html_printf(v->out, "</ul></dd><dt>%s</dt><dd>",
                T(v, "Dijanjikan selesai", "Promised by"));
    promise_line(v, c->promise);
    html_printf(v->out, "</dd><dt>%s</dt><dd>%s</dd></dl>",
                T(v, "Biaya", "Fee"),
                service_fee_text(s->fee, v->arena, v->lang));
    html_printf(v->out, "<form method=\"post\" action=\"/intake/%s\">",
                s->code);
    /* Re-send what was checked, with confirm=1. */
    view_csrf(v);
    hidden_fields(v, form);
    view_form_token(v);
    html_printf(v->out,
                "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
                "<button type=\"submit\">%s</button></form> ",
                T(v, "Daftarkan dan cetak tanda terima",
                  "Register and print the receipt"));
    back_to_form(v, s, form, T(v, "Ubah", "Change"));
    view_end(v);
}

/* One copy of the receipt: the citizen's (with the PIN and the survey) or
 * the office's (the PIN not printed: it is the citizen's secret). */
static void receipt_copy(struct view *v, const struct receipt *r,
                         bool office_copy)
{
    const struct application *a = r->app;
    html_printf(v->out,
                "<article class=\"receipt receipt-%s%s\"><header><p "
                "class=\"kicker\">TANDA TERIMA · RECEIPT</p><p "
                "class=\"copy\">%s</p><h1>%s</h1><p>%s</p></header>",
                r->format, office_copy ? " copy-office" : "",
                office_copy ? "Arsip kantor / Office copy"
                            : "Untuk pemohon / Citizen's copy",
                r->office->name, r->office->address);
    html_printf(v->out, "<p class=\"regno\">%s<br><strong>%s</strong></p>",
                "No. registrasi / Registration no.", a->regno);
    if (office_copy)
        html_raw(v->out, "<p class=\"pin\">PIN: <strong>••••••</strong> "
                         "<span class=\"small\">(pada lembar pemohon / on "
                         "the citizen's copy)</span></p>");
    else
        html_printf(v->out, "<p class=\"pin\">PIN: <strong>%s</strong></p>",
                    a->pin);
    html_printf(v->out,
                "<dl><dt>Layanan / Service</dt><dd>%s<br><span "
                "class=\"en\">%s</span></dd><dt>Pemohon / Applicant</dt>"
                "<dd>%s</dd><dt>Diterima / Received</dt><dd>%s</dd>"
                "<dt>Petugas / Officer</dt><dd>%s</dd>"
                "<dt>Dijanjikan selesai / Promised by</dt><dd>",
                a->service_name_id, a->service_name_en, a->citizen_name,
                r->submitted, r->officer ? r->officer : "—");
    promise_line(v, &r->promise);
    html_printf(v->out,
                "</dd><dt>Biaya / Fee</dt><dd>%s</dd>"
                "<dt>Ambil di / Pick up at</dt><dd>%s<br><span "
                "class=\"small\">%s</span></dd></dl>"
                "<p class=\"label\">Dokumen diterima / Documents handed in"
                "</p><ul class=\"handed\">",
                service_fee_text(a->fee, v->arena, LANG_ID), r->office->name,
                r->hours ? r->hours : "");
    for (size_t i = 0; i < r->svc->n_reqs; i++) {
        bool given = false;
        for (size_t k = 0; k < r->n_handed_in; k++)
            given |= strcmp(r->handed_in[k], r->svc->reqs[i].code) == 0;
        if (given)
            html_printf(v->out, "<li>%s</li>", r->svc->reqs[i].name.id);
    }
    html_raw(v->out, "</ul>");
    if (!office_copy && r->svc->n_steps && strcmp(r->format, "a5") != 0) {
        /* What happens next, in the citizen's words (as the tracking page
         * names each step when it is done). Not on A5: its one page is
         * full. */
        html_raw(v->out, "<p class=\"small steps\">Tahapan / Steps: ");
        for (int l = LANG_ID; l <= LANG_EN; l++) {
            if (l == LANG_EN)
                html_raw(v->out, "<span class=\"en\">");
            for (size_t i = 0; i < r->svc->n_steps; i++)
                html_printf(v->out, "%s%s", i ? ", " : "",
                            step_public_name(r->svc->steps[i].code,
                                             r->svc->steps[i].state,
                                             (enum lang)l));
            if (l == LANG_EN)
                html_raw(v->out, "</span>");
        }
        html_raw(v->out, "</p>");
    }
    if (!office_copy) {
        html_raw(v->out, "<div class=\"track\">");
        struct buf qr;
        buf_init(&qr, 256 * 1024);
        if (qr_svg(&qr, r->track_url, 132,
                   "Kode QR: lacak permohonan ini / QR code: track this "
                   "application"))
            html_raw_trusted(v->out, &qr);
        buf_free(&qr);
        html_printf(v->out,
                    "<p>Lacak / Track: <span class=\"url\">%s</span></p>",
                    r->track_url);
        if (r->survey_url) {
            struct buf sq;
            buf_init(&sq, 256 * 1024);
            if (qr_svg(&sq, r->survey_url, 96,
                       "Kode QR: survei kepuasan / QR code: satisfaction "
                       "survey"))
                html_raw_trusted(v->out, &sq);
            buf_free(&sq);
            html_printf(v->out,
                        "<p>Survei kepuasan / Satisfaction survey: <span "
                        "class=\"url\">%s</span></p>",
                        r->survey_url);
        }
        html_raw(v->out,
                 "</div>"
                 "<p class=\"small\">Pengaduan / Complaints: kotak pengaduan "
                 "di kantor, formulir pengaduan Satu Pintu, SP4N-LAPOR! "
                 "(lapor.go.id).</p><p class=\"small\">Saat mengambil, bawa "
                 "tanda terima ini dan KTP-el asli. / At pick-up, bring this "
                 "receipt and the original ID card.</p>");
    } else {
        html_printf(v->out,
                    "<p class=\"small\">NIK: %s</p><p class=\"sign\">"
                    "Paraf pemohon / Citizen's initials: ________</p>",
                    r->nik_masked ? r->nik_masked : "");
    }
    html_raw(v->out, "</article>");
}

void view_receipt(struct view *v, const struct receipt *r)
{
    bool thermal =
        strcmp(r->format, "80mm") == 0 || strcmp(r->format, "58mm") == 0;
    view_begin_print(v, T(v, "Tanda terima", "Receipt"));
    html_printf(v->out,
                "<nav class=\"noprint receipt-formats\" aria-label=\"%s\"><a "
                "href=\"/work\">%s</a> · %s: <a href=\"?format=a4\">A4</a> <a "
                "href=\"?format=a5\">A5</a> <a href=\"?format=80mm\">80 mm</a>"
                " <a href=\"?format=58mm\">58 mm</a> · <a "
                "href=\"?format=%s&amp;copies=2\">%s</a></nav>",
                T(v, "Ukuran kertas", "Paper size"),
                T(v, "Daftar kerja", "Work list"),
                T(v, "Ukuran kertas", "Paper"), r->format,
                T(v, "2 lembar (pemohon dan arsip kantor)",
                  "2 copies (citizen and office)"));
    /* The sheet takes the paper of its format (style.css: @page
     * receipt-a4, -a5, -80mm, -58mm); a counter printer's is one strip as
     * long as the receipt (static/receipt.js measures it). */
    html_printf(v->out,
                "<div class=\"receipt-sheet sheet-%s%s\" data-page="
                "\"receipt-%s\" data-width=\"%s\">",
                r->format, thermal ? " thermal" : "", r->format,
                strcmp(r->format, "80mm") == 0   ? "80mm"
                : strcmp(r->format, "58mm") == 0 ? "58mm"
                                                 : "");
    receipt_copy(v, r, false);
    if (r->copies > 1) {
        html_raw(v->out, "<p class=\"cut\" aria-hidden=\"true\">✂ - - - - "
                         "potong di sini / cut here - - - -</p>");
        receipt_copy(v, r, true);
    }
    html_raw(v->out, "</div>");
    if (thermal)
        html_raw(v->out, "<script src=\"/static/receipt.js\" defer></script>");
    html_raw(v->out, "</main></body></html>\n");
}

/* The query of the work list with these filters (state may be NULL). */
static const char *worklist_query(struct view *v, const struct worklist_page *p,
                                  const char *state)
{
    struct buf b;
    buf_init(&b, 1024);
    buf_puts(&b, "/work?");
    if (state) {
        buf_puts(&b, "state=");
        html_urlenc(&b, state);
        buf_putc(&b, '&');
    }
    if (p->service && *p->service) {
        buf_puts(&b, "service=");
        html_urlenc(&b, p->service);
        buf_putc(&b, '&');
    }
    if (p->q && *p->q) {
        buf_puts(&b, "q=");
        html_urlenc(&b, p->q);
        buf_putc(&b, '&');
    }
    /* without the last '&' or '?' */
    char *out = arena_strndup(v->arena, buf_cstr(&b), b.len - 1);
    buf_free(&b);
    return out;
}

void view_worklist(struct view *v, const struct work_item *items,
                   size_t n_items, const struct worklist_page *p)
{
    view_begin(v, T(v, "Daftar kerja", "Work list"));
    html_printf(v->out, "<h1>%s</h1><p class=\"muted\">%s</p>",
                T(v, "Daftar kerja", "Work list"), p->scope_name);
    if (p->can_intake)
        html_printf(
            v->out, "<p><a class=\"button\" href=\"/intake\">%s</a></p>",
            T(v, "Daftarkan permohonan baru", "Register a new application"));
    html_raw(v->out, "<ul class=\"counts\">");
    for (int s = 0; s < APPL_STATE__COUNT; s++) {
        const char *code = appl_state_code((enum appl_state)s);
        const char *href = worklist_query(v, p, code);
        const char *name = appl_state_name((enum appl_state)s, v->lang);
        if (p->state && strcmp(p->state, code) == 0)
            html_printf(v->out,
                        "<li><a href=\"%s\" aria-current=\"true\">%s "
                        "<strong>%lld</strong></a></li>",
                        href, name, (long long)p->counts[s]);
        else
            html_printf(v->out,
                        "<li><a href=\"%s\">%s <strong>%lld</strong></a>"
                        "</li>",
                        href, name, (long long)p->counts[s]);
    }
    html_printf(v->out,
                "</ul><form class=\"filters\" method=\"get\" action=\"/work\">"
                "<label for=\"q\">%s</label><input id=\"q\" name=\"q\" "
                "type=\"search\" maxlength=\"100\" value=\"%s\">"
                "<label for=\"f-service\">%s</label><select id=\"f-service\" "
                "name=\"service\"><option value=\"\">%s</option>",
                T(v, "Cari nomor registrasi, NIK atau nama",
                  "Search registration number, NIK or name"),
                p->q ? p->q : "", T(v, "Layanan", "Service"),
                T(v, "Semua layanan", "All services"));
    for (size_t i = 0; i < p->n_svcs; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", p->svcs[i].code,
            p->service && strcmp(p->service, p->svcs[i].code) == 0 ? " selected"
                                                                   : "",
            text2_get(&p->svcs[i].name, v->lang));
    html_raw(v->out, "</select>");
    if (p->state)
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"state\" value=\"%s\">",
                    p->state);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Cari", "Search"));
    if (n_items == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada permohonan.", "No applications."));
        view_end(v);
        return;
    }
    html_printf(v->out, "<table class=\"list work\"><thead><tr><th>%s</th>",
                T(v, "Nomor", "Number"));
    if (p->show_office)
        html_printf(v->out, "<th>%s</th>", T(v, "Kantor", "Office"));
    html_printf(v->out,
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
                "<tbody>",
                T(v, "Layanan", "Service"), T(v, "Pemohon", "Applicant"),
                T(v, "Status", "Status"), T(v, "Janji selesai", "Promised by"));
    for (size_t i = 0; i < n_items; i++) {
        const struct application *a = items[i].app;
        html_printf(v->out,
                    "<tr class=\"%s\"><td><a href=\"/applications/%s\">%s</a>"
                    "</td>",
                    items[i].overdue ? "overdue" : "", a->regno, a->regno);
        if (p->show_office)
            html_printf(v->out, "<td class=\"office\">%s</td>",
                        a->office_name ? a->office_name : "");
        html_printf(
            v->out, "<td>%s</td><td>%s</td><td>%s</td><td>%s%s</td></tr>",
            L(v->lang, a->service_name_id, a->service_name_en), a->citizen_name,
            appl_state_name(a->state, v->lang), items[i].promised,
            items[i].overdue ? T(v, " — TERLAMBAT", " — OVERDUE") : "");
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

/* Who did it, in words: the citizen, the system, an integration's key
 * ("api:LOGIN") or a staff login. */
static const char *actor_words(struct view *v, const char *actor)
{
    if (!actor || !*actor)
        return "";
    if (strcmp(actor, "citizen") == 0)
        return T(v, "pemohon", "the applicant");
    if (strcmp(actor, "system") == 0)
        return T(v, "sistem", "the system");
    if (strncmp(actor, "api:", 4) == 0)
        return arena_printf(v->arena, "%s, %s", actor + 4,
                            T(v, "melalui API", "through the API"));
    return actor;
}

/* The SOP step an event completed, in a citizen's words (NULL if none). */
static const char *event_step(enum lang lang, const struct appl_event *e)
{
    if (!e->step_code)
        return NULL;
    enum step_state st = e->state_after <= APPL_READY
                             ? (enum step_state)e->state_after
                             : STEP_IN_PROCESS;
    return step_public_name(e->step_code, st, lang);
}

/* What happened, as a citizen reads it (past tense, no staff codes). */
static const char *event_public_text(struct view *v, const struct appl_event *e)
{
    const char *a = e->action;
    const char *step = event_step(v->lang, e);
    if (strcmp(a, "step") == 0 && step)
        return arena_printf(v->arena, "%s: %s",
                            T(v, "Langkah selesai", "Step done"), step);
    if (strcmp(a, "step") == 0)
        return T(v, "Langkah selesai", "Step done");
    if (strcmp(a, "return") == 0)
        return T(v, "Dikembalikan untuk dilengkapi", "Returned for completion");
    if (strcmp(a, "resume") == 0)
        return T(v, "Berkas dilengkapi, dilanjutkan",
                 "Documents completed, processing goes on");
    if (strcmp(a, "reject") == 0)
        return T(v, "Ditolak", "Rejected");
    if (strcmp(a, "hand_over") == 0)
        return T(v, "Diserahkan", "Handed over");
    return T(v, "Didaftarkan", "Registered");
}

/* One line of an application's history, in the reader's language: what
 * was done (for staff the step's short code and its words), the status
 * reached, who did it (staff), and the reason of a return or rejection. */
static void event_row(struct view *v, const struct appl_event *e,
                      const char *when, bool staff)
{
    if (!staff && strcmp(e->action, "note") == 0)
        return; /* internal notes are not for the public page */
    enum appl_action act;
    const char *what = !staff ? event_public_text(v, e)
                       : strcmp(e->action, "submit") == 0
                           ? T(v, "Didaftarkan", "Registered")
                           : (appl_action_parse(e->action, &act)
                                  ? appl_action_name(act, v->lang)
                                  : T(v, "Dicatat", "Recorded"));
    html_printf(v->out, "<li><time>%s</time> — %s → <strong>%s</strong>", when,
                what, appl_state_name(e->state_after, v->lang));
    /* Staff read the short code and the words. */
    if (staff && e->step_code)
        html_printf(v->out, " <code>%s</code> %s", e->step_code,
                    event_step(v->lang, e));
    if (staff)
        html_printf(v->out, " <span class=\"muted\">(%s %s)</span>",
                    T(v, "oleh", "by"), actor_words(v, e->actor));
    bool reason =
        strcmp(e->action, "return") == 0 || strcmp(e->action, "reject") == 0;
    if (e->note && reason)
        html_printf(v->out, "<br>%s: <q>%s</q>", T(v, "Alasan", "Reason"),
                    e->note);
    else if (e->note && strcmp(e->action, "hand_over") == 0 && staff)
        html_printf(v->out, "<br>%s: <q>%s</q>",
                    T(v, "Diambil oleh", "Collected by"), e->note);
    else if (e->note && staff)
        html_printf(v->out, "<br><q>%s</q>", e->note);
    html_raw(v->out, "</li>");
}

void view_application(struct view *v, const struct appl_page *p)
{
    const struct application *a = p->app;
    view_begin(v, a->regno);
    html_printf(
        v->out,
        "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/work\">%s</a></nav>"
        "<h1>%s</h1><p class=\"lead\">%s · %s</p>",
        T(v, "Jejak halaman", "Breadcrumb"), T(v, "Daftar kerja", "Work list"),
        a->regno, L(v->lang, a->service_name_id, a->service_name_en),
        a->office_name);
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
                "</dd><dt>%s</dt>",
                T(v, "Status", "Status"), appl_state_name(a->state, v->lang),
                T(v, "Janji selesai", "Promised by"));
    if (p->overdue)
        html_raw(v->out, "<dd class=\"overdue\">");
    else
        html_raw(v->out, "<dd>");
    html_printf(
        v->out, "%s%s</dd><dt>%s</dt><dd>%s</dd><dt>NIK</dt><dd>%s</dd>",
        p->promised,
        a->state == APPL_RETURNED ? T(v, " (jam berhenti selama dikembalikan)",
                                      " (clock stopped while returned)")
                                  : "",
        T(v, "Pemohon", "Applicant"), a->citizen_name, p->nik_masked);
    if (p->show_contact && a->phone && *a->phone)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>", T(v, "Telepon", "Phone"),
                    a->phone);
    else if (p->show_contact)
        html_printf(v->out, "<dt>%s</dt><dd>%s: %s</dd>",
                    T(v, "Telepon", "Phone"),
                    T(v, "tidak ada, alasannya", "none, because"),
                    contact_no_phone_reason_text(a->no_phone_reason, v->lang));
    if (p->show_contact && a->purpose)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>",
                    T(v, "Keperluan surat", "Purpose of the letter"),
                    a->purpose);
    if (a->collected_by)
        html_printf(v->out, "<dt>%s</dt><dd>%s</dd>",
                    T(v, "Diambil oleh", "Collected by"), a->collected_by);
    if (p->days_late > 0)
        html_printf(v->out, "<dt>%s</dt><dd class=\"overdue\">%d %s</dd>",
                    T(v, "Keterlambatan", "Late by"), p->days_late,
                    T(v, "hari kerja", "working days"));
    if (p->queue_label) {
        html_printf(v->out, "<dt>%s</dt><dd class=\"queue\">%s",
                    T(v, "Nomor antrean", "Queue ticket"), p->queue_label);
        if (p->queue_wait_s >= 0)
            html_printf(v->out, " · %s %lld:%02lld", T(v, "menunggu", "waited"),
                        (long long)(p->queue_wait_s / 60),
                        (long long)(p->queue_wait_s % 60));
        if (p->queue_service_s >= 0)
            html_printf(v->out, " · %s %lld:%02lld",
                        T(v, "dilayani", "served in"),
                        (long long)(p->queue_service_s / 60),
                        (long long)(p->queue_service_s % 60));
        html_raw(v->out, "</dd>");
    }
    html_raw(v->out, "</dl>");
    if (p->show_contact)
        html_printf(
            v->out, "<p><a href=\"/applications/%s/receipt\">%s</a></p>",
            a->regno,
            T(v, "Cetak ulang tanda terima", "Print the receipt again"));
    if (a->next_step < p->svc->n_steps && !appl_state_is_final(a->state))
        html_printf(v->out, "<p>%s: <strong>%s</strong> (%s)</p>",
                    T(v, "Langkah berikutnya", "Next step"),
                    text2_get(&p->svc->steps[a->next_step].name, v->lang),
                    role_name(p->svc->steps[a->next_step].role, v->lang));
    if (p->n_actions) {
        html_printf(v->out,
                    "<form class=\"actions\" method=\"post\" "
                    "action=\"/applications/%s/events\">",
                    a->regno);
        view_csrf(v);
        html_printf(v->out,
                    "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                    "<div class=\"field\"><label for=\"f-note\">%s</label>"
                    "<textarea id=\"f-note\" name=\"note\" rows=\"2\" "
                    "maxlength=\"1000\"></textarea></div><div "
                    "class=\"buttons\">",
                    a->version,
                    T(v,
                      "Catatan (wajib untuk kembalikan, tolak dan serahkan: "
                      "apa yang kurang, alasan, atau siapa yang mengambil)",
                      "Note (required to return, reject and hand over: what "
                      "is missing, the reason, or who collected it)"));
        for (size_t i = 0; i < p->n_actions; i++) {
            enum appl_action act = p->actions[i];
            const char *label = appl_action_name(act, v->lang);
            if (act == ACT_STEP)
                label = arena_printf(
                    v->arena, "%s: %s", label,
                    text2_get(&p->svc->steps[a->next_step].name, v->lang));
            html_printf(v->out,
                        "<button type=\"submit\" name=\"action\" "
                        "value=\"%s\" class=\"%s\">%s</button> ",
                        appl_action_code(act),
                        act == ACT_REJECT ? "danger" : "", label);
        }
        html_raw(v->out, "</div></form>");
    }
    html_printf(v->out, "<h2>%s</h2><ol class=\"events\">",
                T(v, "Riwayat", "History"));
    for (size_t i = 0; i < p->n_events; i++)
        event_row(v, &p->events[i], p->event_times[i], true);
    html_raw(v->out, "</ol>");
    view_end(v);
}

void view_track_form(struct view *v, const char *regno, const char *error,
                     bool ask_birth)
{
    view_begin(v, T(v, "Lacak permohonan", "Track an application"));
    html_printf(v->out, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>",
                T(v, "Lacak permohonan", "Track an application"),
                T(v,
                  "Masukkan nomor registrasi dan PIN yang tercetak pada "
                  "tanda terima.",
                  "Enter the registration number and PIN printed on your "
                  "receipt."));
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    html_raw(v->out, "<form method=\"get\" action=\"/track\">");
    view_input(v, NULL, "no", T(v, "Nomor registrasi", "Registration number"),
               regno ? regno : "", "text", true, 32);
    view_input_digits(v, NULL, "pin", "PIN", "", true, 8, "[0-9 ]*");
    if (ask_birth)
        view_input(
            v, NULL, "birth",
            T(v, "Tanggal lahir (sesuai NIK)", "Date of birth (as in the NIK)"),
            "", "date", true, 10);
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Lacak", "Track"));
    view_end(v);
}

void view_track(struct view *v, const struct track_page *p)
{
    const struct application *a = p->app;
    view_begin(v, T(v, "Status permohonan", "Application status"));
    html_printf(v->out,
                "<h1>%s</h1><p class=\"lead\">%s</p><p class=\"status "
                "status-%s\">%s</p>",
                a->regno, L(v->lang, a->service_name_id, a->service_name_en),
                appl_state_code(a->state), appl_state_name(a->state, v->lang));
    html_printf(v->out,
                "<dl class=\"summary\"><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                "<dd>%s",
                T(v, "Kantor", "Office"), a->office_name,
                T(v, "Dijanjikan selesai", "Promised by"), p->promised);
    if (p->provisional)
        html_printf(v->out, " <span class=\"tag warn\">%s</span>",
                    T(v, "perkiraan", "provisional"));
    html_raw(v->out, "</dd>");
    if (p->clock_stopped)
        html_printf(v->out, "<dt>%s</dt><dd class=\"warn\">%s</dd>",
                    T(v, "Perhatian", "Attention"),
                    T(v,
                      "Berkas dikembalikan untuk dilengkapi; waktu "
                      "penyelesaian berhenti sampai Anda menyerahkan "
                      "kekurangannya.",
                      "Returned for completion; the clock is stopped until "
                      "you hand in what is missing."));
    if (p->days_late > 0)
        html_printf(v->out, "<dt>%s</dt><dd class=\"overdue\">%d %s</dd>",
                    p->completed ? T(v, "Selesai terlambat", "Completed late")
                                 : T(v, "Terlambat", "Late"),
                    p->days_late, T(v, "hari kerja", "working days"));
    else if (p->completed && a->state != APPL_REJECTED)
        html_printf(v->out, "<dt>%s</dt><dd class=\"ok\">%s</dd>",
                    T(v, "Ketepatan waktu", "Timeliness"),
                    T(v, "Tepat waktu", "On time"));
    html_raw(v->out, "</dl>");
    if (a->state == APPL_READY)
        html_printf(v->out,
                    "<p class=\"ok ready\"><strong>%s</strong> %s %s. %s"
                    "</p>",
                    T(v, "Siap diambil", "Ready for pick-up"),
                    T(v, "sejak", "since"),
                    p->ready_since ? p->ready_since : "",
                    T(v,
                      "Bawa tanda terima dan KTP-el asli. Jika diwakilkan: "
                      "surat kuasa dan KTP-el penerima kuasa.",
                      "Bring the receipt and the original ID card. If "
                      "someone collects for you: a letter of authorisation "
                      "and their ID card."));
    if (p->office && a->state != APPL_HANDED_OVER &&
        a->state != APPL_REJECTED) {
        /* Where and when: the office, its address and opening hours. */
        html_printf(v->out,
                    "<section class=\"pickup\"><h2>%s</h2><p><strong>%s"
                    "</strong><br>%s</p><p>%s: %s</p>",
                    T(v, "Tempat pengambilan", "Where to pick it up"),
                    p->office->name, p->office->address,
                    T(v, "Jam buka", "Opening hours"),
                    p->hours ? p->hours : "");
        /* When: since when it is ready, or the promise (none while the
         * clock is stopped: it waits for the citizen). */
        if (a->state == APPL_READY)
            html_printf(v->out, "<p>%s: %s</p>",
                        T(v, "Siap diambil sejak", "Ready since"),
                        p->ready_since ? p->ready_since : p->promised);
        else if (!p->clock_stopped)
            html_printf(
                v->out, "<p>%s: %s</p>",
                T(v, "Perkiraan siap diambil", "Expected ready for pick-up"),
                p->promised);
        html_raw(v->out, "</section>");
    }
    html_printf(v->out, "<h2>%s</h2><ol class=\"events\">",
                T(v, "Langkah", "Steps"));
    for (size_t i = 0; i < p->n_events; i++)
        event_row(v, &p->events[i], p->event_times[i], false);
    html_raw(v->out, "</ol>");
    if (p->survey_url)
        html_printf(v->out,
                    "<p class=\"survey-link\"><a class=\"button\" "
                    "href=\"%s\">%s</a></p>",
                    p->survey_url,
                    T(v, "Isi survei kepuasan layanan ini",
                      "Rate this service (satisfaction survey)"));
    html_printf(v->out, "<p class=\"complain\">%s ",
                T(v, "Tidak puas?", "Not satisfied?"));
    if (p->complaint_url)
        html_printf(v->out, "<a href=\"%s\">%s</a>. ", p->complaint_url,
                    T(v, "Sampaikan pengaduan tentang permohonan ini",
                      "Complain about this application"));
    html_printf(v->out, "%s</p>",
                T(v,
                  "Atau lewat kotak pengaduan kantor, atau SP4N-LAPOR! "
                  "(lapor.go.id).",
                  "Or at the office's complaint box, or SP4N-LAPOR! "
                  "(lapor.go.id)."));
    view_end(v);
}

void view_track_json(struct buf *out, const struct track_page *p,
                     const char *promised_iso, const char *const *event_iso)
{
    const struct application *a = p->app;
    struct jsonw w;
    jw_init(&w, out);
    jw_object(&w);
    jw_key(&w, "registration_no");
    jw_str(&w, a->regno);
    jw_key(&w, "service");
    jw_str(&w, a->service_code);
    jw_key(&w, "office");
    jw_str(&w, a->office_name);
    jw_key(&w, "status");
    jw_str(&w, appl_state_code(a->state));
    jw_key(&w, "status_text");
    jw_object(&w);
    jw_key(&w, "id");
    jw_str(&w, appl_state_name(a->state, LANG_ID));
    jw_key(&w, "en");
    jw_str(&w, appl_state_name(a->state, LANG_EN));
    jw_end(&w);
    jw_key(&w, "promised_at");
    jw_str(&w, promised_iso);
    jw_key(&w, "provisional");
    jw_bool(&w, a->provisional);
    jw_key(&w, "clock_stopped");
    jw_bool(&w, p->clock_stopped);
    jw_key(&w, "working_days_late");
    jw_int(&w, p->days_late);
    jw_key(&w, "on_time");
    if (p->completed && a->state != APPL_REJECTED)
        jw_bool(&w, p->days_late == 0);
    else
        jw_null(&w);
    jw_key(&w, "steps");
    jw_array(&w);
    for (size_t i = 0; i < p->n_events; i++) {
        const struct appl_event *e = &p->events[i];
        bool public_note = strcmp(e->action, "return") == 0 ||
                           strcmp(e->action, "reject") == 0;
        jw_object(&w);
        jw_key(&w, "at");
        jw_str(&w, event_iso[i]);
        jw_key(&w, "action");
        jw_str(&w, e->action);
        jw_key(&w, "status");
        jw_str(&w, appl_state_code(e->state_after));
        /* The SOP step's stable code and its words for people. */
        jw_key(&w, "step");
        jw_str(&w, e->step_code);
        jw_key(&w, "step_text");
        if (e->step_code) {
            jw_object(&w);
            jw_key(&w, "id");
            jw_str(&w, event_step(LANG_ID, e));
            jw_key(&w, "en");
            jw_str(&w, event_step(LANG_EN, e));
            jw_end(&w);
        } else {
            jw_null(&w);
        }
        jw_key(&w, "note"); /* null unless a return or a rejection */
        jw_str(&w, public_note ? e->note : NULL);
        jw_end(&w);
    }
    jw_end(&w);
    jw_end(&w);
    buf_putc(out, '\n');
}
