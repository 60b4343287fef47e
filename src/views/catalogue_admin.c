/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* catalogue_admin.c: the catalogue list and service standard form. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "views/staff.h"

/* Empty rows offered below the existing ones. */
#define EXTRA_REQ_ROWS 3
#define EXTRA_STEP_ROWS 2

void view_admin_services(struct view *v, const struct service_def *items,
                         size_t n_items)
{
    view_begin(v, T(v, "Katalog dan standar pelayanan",
                    "Catalogue and service standards"));
    html_printf(v->out,
                "<h1>%s</h1><p><a class=\"button\" "
                "href=\"/admin/services/new\">%s</a> <a "
                "href=\"/admin/search\">%s</a></p><table "
                "class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Katalog dan standar pelayanan",
                  "Catalogue and service standards"),
                T(v, "Tambah layanan", "Add a service"),
                T(v, "Ejaan lain dan sinonim pencarian",
                  "Search spellings and synonyms"),
                T(v, "Kode", "Code"), T(v, "Layanan", "Service"),
                T(v, "Versi", "Version"), T(v, "Waktu", "Time"),
                T(v, "Status", "Status"));
    for (size_t i = 0; i < n_items; i++) {
        const struct service_def *s = &items[i];
        html_printf(v->out,
                    "<tr><td><code>%s</code></td><td><a "
                    "href=\"/admin/services/%s\">%s</a></td><td>%d</td>"
                    "<td>%s</td><td>%s</td></tr>",
                    s->code, s->code, text2_get(&s->name, v->lang), s->version,
                    service_time_text(s, v->arena, v->lang),
                    s->active ? T(v, "Tampil", "Published")
                              : T(v, "Disembunyikan", "Hidden"));
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

static void text_pair(struct view *v, const struct field_errors *fe,
                      const char *field, const char *label,
                      const struct text2 *t, bool multiline)
{
    char *fid = arena_printf(v->arena, "%s_id", field);
    char *fen = arena_printf(v->arena, "%s_en", field);
    char *lid = arena_printf(v->arena, "%s (Bahasa Indonesia)", label);
    char *len = arena_printf(v->arena, "%s (English)", label);
    if (multiline) {
        view_textarea(v, fe, fid, lid, t->id, 3, 4000);
        view_textarea(v, fe, fen, len, t->en, 3, 4000);
    } else {
        view_input(v, fe, fid, lid, t->id, "text", true, 200);
        view_input(v, fe, fen, len, t->en, "text", false, 200);
    }
}

static void small_input(struct view *v, const struct field_errors *fe,
                        const char *name, const char *label, const char *value,
                        int maxlength)
{
    bool bad = fe && ferr_find(fe, name);
    html_printf(v->out,
                "<td class=\"%s\"><input aria-label=\"%s\" id=\"f-%s\" "
                "name=\"%s\" value=\"%s\" maxlength=\"%d\">",
                bad ? "invalid" : "", label, name, name, value ? value : "",
                maxlength);
    view_field_error(v, fe, name);
    html_raw(v->out, "</td>");
}

static void requirement_rows(struct view *v, const struct service_def *s,
                             const struct field_errors *fe)
{
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "1. Persyaratan", "1. Requirements"));
    view_field_error(v, fe, "requirements");
    html_printf(
        v->out,
        "<table class=\"rows\"><thead><tr><th>%s</th><th>%s</th>"
        "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
        T(v, "Kode", "Code"), T(v, "Dokumen (ID)", "Document (ID)"),
        T(v, "Dokumen (EN)", "Document (EN)"), T(v, "Wajib", "Mandatory"),
        T(v, "Bila tidak: wajib hanya di kantor", "If not: mandatory only at"));
    for (size_t i = 0; i < s->n_reqs + EXTRA_REQ_ROWS; i++) {
        const struct requirement *r = i < s->n_reqs ? &s->reqs[i] : NULL;
        html_raw(v->out, "<tr>");
        small_input(v, fe, arena_printf(v->arena, "req_code[%zu]", i),
                    T(v, "Kode", "Code"), r ? r->code : "", 16);
        small_input(v, fe, arena_printf(v->arena, "req_name[%zu]_id", i),
                    T(v, "Dokumen", "Document"), r ? r->name.id : "", 200);
        small_input(v, fe, arena_printf(v->arena, "req_name[%zu]_en", i),
                    "Document (EN)", r ? r->name.en : "", 200);
        html_printf(v->out,
                    "<td><input aria-label=\"%s\" type=\"checkbox\" "
                    "name=\"req_mandatory[%zu]\" value=\"1\"%s></td><td",
                    T(v, "Wajib", "Mandatory"), i,
                    (!r || r->mandatory) ? " checked" : "");
        const char *f = arena_printf(v->arena, "req_mandatory_at[%zu]", i);
        html_printf(v->out, " class=\"%s\">",
                    fe && ferr_find(fe, f) ? "invalid" : "");
        for (int l = 0; l < OFFICE_AGENCY; l++)
            html_printf(v->out,
                        "<label><input type=\"checkbox\" name=\"%s\" "
                        "value=\"%s\"%s> %s</label> ",
                        f, office_level_code((enum office_level)l),
                        r && (r->mandatory_levels & (1u << l)) ? " checked"
                                                               : "",
                        office_level_name((enum office_level)l, v->lang));
        view_field_error(v, fe, f);
        html_raw(v->out, "</td></tr>");
    }
    html_printf(v->out, "</tbody></table><p class=\"muted\">%s</p></fieldset>",
                T(v, "Baris kosong diabaikan.", "Empty rows are ignored."));
}

/* The performer shown as chosen in a step's role list (a selection, not a
 * permission: who may do what is core/role.c's). */
static bool same_role(enum role a, enum role b)
{
    return a == b;
}

static void step_rows(struct view *v, const struct service_def *s,
                      const struct field_errors *fe)
{
    static const enum role performers[] = {ROLE_FRONT, ROLE_BACK, ROLE_HEAD};
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "2. Prosedur (langkah SOP)", "2. Procedure (SOP steps)"));
    view_field_error(v, fe, "steps");
    html_printf(v->out,
                "<table class=\"rows\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Kode", "Code"), T(v, "Langkah (ID)", "Step (ID)"),
                T(v, "Langkah (EN)", "Step (EN)"),
                T(v, "Pelaksana", "Performer"),
                T(v, "Status sesudahnya", "State after"));
    for (size_t i = 0; i < s->n_steps + EXTRA_STEP_ROWS; i++) {
        const struct sop_step *st = i < s->n_steps ? &s->steps[i] : NULL;
        html_raw(v->out, "<tr>");
        small_input(v, fe, arena_printf(v->arena, "step_code[%zu]", i),
                    T(v, "Kode", "Code"), st ? st->code : "", 16);
        small_input(v, fe, arena_printf(v->arena, "step_name[%zu]_id", i),
                    T(v, "Langkah", "Step"), st ? st->name.id : "", 200);
        small_input(v, fe, arena_printf(v->arena, "step_name[%zu]_en", i),
                    "Step (EN)", st ? st->name.en : "", 200);
        html_printf(v->out,
                    "<td><select aria-label=\"%s\" name=\"step_role[%zu]\">",
                    T(v, "Pelaksana", "Performer"), i);
        for (size_t k = 0; k < 3; k++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        role_code(performers[k]),
                        st && same_role(st->role, performers[k]) ? " selected"
                                                                 : "",
                        role_name(performers[k], v->lang));
        html_printf(v->out,
                    "</select></td><td><select aria-label=\"%s\" "
                    "name=\"step_state[%zu]\">",
                    T(v, "Status", "State"), i);
        for (int k = 0; k < STEP_STATE__COUNT; k++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        step_state_code((enum step_state)k),
                        st && (int)st->state == k ? " selected" : "",
                        step_state_name((enum step_state)k, v->lang));
        html_raw(v->out, "</select>");
        view_field_error(v, fe, arena_printf(v->arena, "step_state[%zu]", i));
        view_field_error(v, fe, arena_printf(v->arena, "step_role[%zu]", i));
        html_raw(v->out, "</td></tr>");
    }
    html_raw(v->out, "</tbody></table></fieldset>");
}

void view_admin_service(struct view *v, const struct service_def *s,
                        bool is_new, const struct category *cats, size_t n_cats,
                        const struct office *agencies, size_t n_agencies,
                        const struct field_errors *fe)
{
    const char *title = is_new ? T(v, "Layanan baru", "New service")
                               : text2_get(&s->name, v->lang);
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/admin/services\">%s</a>"
                "</nav><h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Katalog", "Catalogue"), title);
    if (!is_new)
        html_printf(v->out,
                    "<p class=\"muted\">%s %d. %s <a href=\"/services/%s\">"
                    "%s</a></p>",
                    T(v, "Versi sekarang", "Current version"), s->version,
                    T(v,
                      "Menyimpan membuat versi baru; permohonan lama tetap "
                      "memakai versinya.",
                      "Saving creates a new version; earlier applications "
                      "keep theirs."),
                    s->code, T(v, "Lihat halaman publik", "View public page"));
    view_error_summary(v, fe);
    html_printf(v->out,
                "<form class=\"wide\" method=\"post\" "
                "action=\"/admin/services/%s\">",
                is_new ? "new" : s->code);
    view_csrf(v);
    view_form_token(v);
    if (is_new)
        view_input(v, fe, "code",
                   T(v, "Kode (huruf besar, angka, - atau _)",
                     "Code (capitals, digits, - or _)"),
                   s->code, "text", true, 16);
    text_pair(v, fe, "name", T(v, "Nama layanan", "Service name"), &s->name,
              false);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-category\">%s *</label>",
                T(v, "Kategori", "Category"));
    view_field_error(v, fe, "category");
    html_raw(v->out, "<select id=\"f-category\" name=\"category\">");
    for (size_t i = 0; i < n_cats; i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", cats[i].code,
                    s->category && strcmp(s->category, cats[i].code) == 0
                        ? " selected"
                        : "",
                    text2_get(&cats[i].name, v->lang));
    html_printf(v->out, "</select></div><fieldset><legend>%s *</legend>",
                T(v, "Diterima di kantor", "Accepted at offices of level"));
    view_field_error(v, fe, "accepted_at");
    for (int l = 0; l < OFFICE_AGENCY; l++)
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"accepted_at\" value=\"%s\"%s> %s</label>",
                    office_level_code((enum office_level)l),
                    s->accepted_levels & (1u << l) ? " checked" : "",
                    office_level_name((enum office_level)l, v->lang));
    html_printf(
        v->out,
        "</fieldset><div class=\"field\"><label for=\"f-agency\">%s"
        "</label><select id=\"f-agency\" name=\"agency\"><option "
        "value=\"\">— %s —</option>",
        T(v, "Diproses oleh perangkat daerah", "Processed by a regency agency"),
        T(v, "kantor penerima", "the accepting office"));
    for (size_t i = 0; i < n_agencies; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", agencies[i].code,
            s->agency && strcmp(s->agency, agencies[i].code) == 0 ? " selected"
                                                                  : "",
            agencies[i].name);
    html_raw(v->out, "</select></div>");
    /* A letter that states what it is for (SKTM, domisili...): the
     * counter asks the purpose (keperluan) and keeps it. */
    html_printf(v->out,
                "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"asks_purpose\" value=\"1\"%s> %s</label>",
                s->asks_purpose ? " checked" : "",
                T(v,
                  "Loket menanyakan keperluan surat (mis. \"untuk melamar "
                  "pekerjaan\")",
                  "The counter asks the purpose of the letter (e.g. \"to "
                  "apply for a job\")"));
    requirement_rows(v, s, fe);
    step_rows(v, s, fe);
    char amount[16], fee[24];
    snprintf(amount, sizeof(amount), "%d", s->time_amount);
    snprintf(fee, sizeof(fee), "%lld", (long long)s->fee);
    html_printf(
        v->out, "<fieldset><legend>%s</legend>",
        T(v, "3. Jangka waktu dan 4. biaya", "3. Time limit and 4. cost"));
    view_input(v, fe, "time_amount", T(v, "Jangka waktu", "Time limit"), amount,
               "number", true, 6);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-time_unit\">%s</label>"
                "<select id=\"f-time_unit\" name=\"time_unit\"><option "
                "value=\"working_days\"%s>%s</option><option "
                "value=\"working_minutes\"%s>%s</option></select></div>",
                T(v, "Satuan", "Unit"),
                s->time_unit == TIME_WORKING_DAYS ? " selected" : "",
                T(v, "hari kerja", "working days"),
                s->time_unit == TIME_WORKING_MINUTES ? " selected" : "",
                T(v, "menit kerja", "working minutes"));
    view_input(
        v, fe, "fee",
        T(v, "Biaya dalam rupiah (0 = gratis)", "Fee in rupiah (0 = free)"),
        fee, "number", true, 12);
    html_raw(v->out, "</fieldset>");
    for (int c = 0; c < COMP__COUNT; c++) {
        enum service_component k = (enum service_component)c;
        text_pair(v, fe,
                  arena_printf(v->arena, "comp_%s", service_component_key(k)),
                  service_component_name(k, v->lang), &s->comp[c], true);
    }
    html_printf(
        v->out,
        "<div class=\"field check\"><label><input type=\"checkbox\" "
        "name=\"active\" value=\"1\"%s> %s</label></div>"
        "<button type=\"submit\">%s</button></form>",
        s->active ? " checked" : "",
        T(v, "Tampilkan di katalog publik", "Show in the public catalogue"),
        T(v, "Simpan sebagai versi baru", "Save as a new version"));
    view_end(v);
}

void view_admin_synonyms(struct view *v, const char *text, bool custom,
                         const char *error, const char *flash)
{
    view_begin(v, T(v, "Ejaan lain dan sinonim pencarian",
                    "Search spellings and synonyms"));
    html_printf(
        v->out,
        "<nav class=\"crumbs\" aria-label=\"%s\"><a "
        "href=\"/admin/services\">%s</a></nav><h1>%s</h1><p>%s</p><p "
        "class=\"muted\">%s</p>",
        T(v, "Jejak halaman", "Breadcrumb"), T(v, "Katalog", "Catalogue"),
        T(v, "Ejaan lain dan sinonim pencarian",
          "Search spellings and synonyms"),
        T(v,
          "Pencarian layanan memaafkan satu salah ketik dan urutan kata. "
          "Kata dan frasa yang berarti sama ditulis di sini: satu kelompok "
          "per baris, dipisah koma, misalnya \"akta, akte, akte kelahiran\". "
          "Frasa dari kelompok yang diketik warga menemukan layanan yang "
          "memuat frasa lain dari kelompok itu. Baris yang diawali # adalah "
          "catatan.",
          "The service search forgives one typo and the word order. Words "
          "and phrases that mean the same are written here: one group a "
          "line, separated by commas, e.g. \"akta, akte, akte kelahiran\". "
          "A phrase of a group a citizen types finds the services holding "
          "another phrase of that group. A line starting with # is a note."),
        custom
            ? T(v, "Daftar milik kabupaten (disimpan administrator).",
                "The regency's own list (saved by an administrator).")
            : T(v, "Daftar bawaan Satu Pintu.", "Satu Pintu's bundled list."));
    if (flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>", flash);
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/search\">");
    view_csrf(v);
    view_textarea(v, NULL, "synonyms", T(v, "Kelompok", "Groups"), text, 20,
                  60000);
    html_printf(v->out,
                "<button type=\"submit\">%s</button> <button "
                "class=\"secondary\" type=\"submit\" name=\"bundled\" "
                "value=\"1\">%s</button></form><h2>%s</h2><form "
                "method=\"get\" action=\"/services\" class=\"search\"><label "
                "for=\"try-q\">%s</label><input id=\"try-q\" name=\"q\" "
                "type=\"search\"><button type=\"submit\">%s</button></form>",
                T(v, "Simpan", "Save"),
                T(v, "Kembali ke daftar bawaan", "Back to the bundled list"),
                T(v, "Coba", "Try it"), T(v, "Cari layanan", "Search services"),
                T(v, "Cari", "Search"));
    view_end(v);
}
