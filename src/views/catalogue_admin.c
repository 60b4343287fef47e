/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* catalogue_admin.c: the catalogue list and service standard form. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/humanize.h"
#include "views/staff.h"

/* Empty rows offered below the existing ones. */
#define EXTRA_REQ_ROWS 3
#define EXTRA_STEP_ROWS 2

void view_admin_services(struct view *v, const struct service_def *items,
                         size_t n_items, const char *const *scheduled)
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
                    "href=\"/admin/services/%s\">%s</a></td><td>%d",
                    s->code, s->code, text2_get(&s->name, v->lang), s->version);
        if (scheduled && scheduled[i])
            html_printf(v->out,
                        " <span class=\"tag\">%s <time datetime=\"%s\">%s"
                        "</time></span>",
                        T(v, "versi baru berlaku mulai",
                          "a new version in effect from"),
                        scheduled[i],
                        human_date_iso(v->arena, scheduled[i], v->lang));
        html_printf(v->out, "</td><td>%s</td><td>%s</td></tr>",
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

/* Which a version is on day today: in effect, scheduled, or earlier. */
static const char *version_status(struct view *v,
                                  const struct service_version_info *vi,
                                  int in_effect, const char *today)
{
    if (vi->version == in_effect)
        return T(v, "berlaku", "in effect");
    if (vi->effective_from && strcmp(vi->effective_from, today) > 0)
        return T(v, "terjadwal", "scheduled");
    if (vi->version > in_effect)
        return T(v, "berlaku", "in effect");
    return T(v, "versi lama", "earlier");
}

/* The version in effect on today: the highest due one (as the store
 * chooses it). */
static int version_on(const struct service_version_info *vs, size_t n,
                      const char *today)
{
    int best = 0;
    for (size_t i = 0; i < n; i++)
        if ((!vs[i].effective_from ||
             strcmp(vs[i].effective_from, today) <= 0) &&
            vs[i].version > best)
            best = vs[i].version;
    return best;
}

/* The two version selects of the comparison (a GET form: no script). */
static void compare_form(struct view *v, const char *code,
                         const struct service_version_info *vs, size_t n, int a,
                         int b)
{
    html_printf(v->out,
                "<form class=\"filters\" method=\"get\" "
                "action=\"/admin/services/%s/compare\"><label "
                "for=\"f-a\">%s</label><select id=\"f-a\" name=\"a\">",
                code, T(v, "Bandingkan versi", "Compare version"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out, "<option value=\"%d\"%s>%d</option>", vs[i].version,
                    vs[i].version == a ? " selected" : "", vs[i].version);
    html_printf(v->out,
                "</select><label for=\"f-b\">%s</label><select id=\"f-b\" "
                "name=\"b\">",
                T(v, "dengan versi", "with version"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out, "<option value=\"%d\"%s>%d</option>", vs[i].version,
                    vs[i].version == b ? " selected" : "", vs[i].version);
    html_printf(v->out, "</select><button type=\"submit\">%s</button></form>",
                T(v, "Bandingkan", "Compare"));
}

static void versions_table(struct view *v, const char *code,
                           const struct service_version_info *vs, size_t n,
                           const char *today)
{
    if (n == 0)
        return;
    int in_effect = version_on(vs, n, today);
    html_printf(v->out,
                "<details class=\"versions\"%s><summary>%s (%zu)</summary>"
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                n > 1 && vs[0].version != in_effect ? " open" : "",
                T(v, "Versi standar", "Versions of the standard"), n,
                T(v, "Versi", "Version"), T(v, "Disimpan", "Saved"),
                T(v, "Oleh", "By"), T(v, "Berlaku mulai", "In effect from"),
                T(v, "Keadaan", "Status"));
    bool scheduled = false;
    for (size_t i = 0; i < n; i++) {
        /* written as every page writes a time (core/humanize.h) */
        const char *saved =
            human_when(v->arena, vs[i].created_at, v->utc_offset_min, v->lang);
        const char *status = version_status(v, &vs[i], in_effect, today);
        bool later =
            vs[i].effective_from && strcmp(vs[i].effective_from, today) > 0;
        scheduled = scheduled || later;
        html_printf(v->out,
                    "<tr class=\"%s\"><td>%d</td><td>%s</td><td>%s</td>",
                    later ? "scheduled" : "", vs[i].version, saved,
                    vs[i].created_by ? vs[i].created_by : "—");
        if (vs[i].effective_from)
            html_printf(
                v->out, "<td><time datetime=\"%s\">%s</time></td>",
                vs[i].effective_from,
                human_date_iso(v->arena, vs[i].effective_from, v->lang));
        else
            html_printf(v->out, "<td>%s</td>",
                        T(v, "saat disimpan", "when saved"));
        html_printf(v->out, "<td>%s</td></tr>", status);
    }
    html_raw(v->out, "</tbody></table>");
    if (n > 1)
        compare_form(v, code, vs, n, vs[1].version, vs[0].version);
    if (scheduled) {
        html_printf(v->out,
                    "<form method=\"post\" "
                    "action=\"/admin/services/%s/cancel-scheduled\">",
                    code);
        view_csrf(v);
        html_printf(
            v->out,
            "<button class=\"danger\" type=\"submit\">%s</button>"
            "</form>",
            T(v, "Batalkan versi terjadwal", "Withdraw the scheduled version"));
    }
    html_raw(v->out, "</details>");
}

/* A requirement list as lines of text, for the comparison. */
static const char *reqs_text(struct view *v, const struct service_def *s)
{
    const char *out = "";
    for (size_t i = 0; i < s->n_reqs; i++)
        out = arena_printf(
            v->arena, "%s%s%s: %s%s", out, i ? "\n" : "", s->reqs[i].code,
            text2_get(&s->reqs[i].name, v->lang),
            s->reqs[i].mandatory ? T(v, " (wajib)", " (mandatory)") : "");
    return out;
}

static const char *steps_text(struct view *v, const struct service_def *s)
{
    const char *out = "";
    for (size_t i = 0; i < s->n_steps; i++)
        out =
            arena_printf(v->arena, "%s%s%zu. %s (%s → %s)", out, i ? "\n" : "",
                         i + 1, text2_get(&s->steps[i].name, v->lang),
                         role_name(s->steps[i].role, v->lang),
                         step_state_name(s->steps[i].state, v->lang));
    return out;
}

/* One row of the comparison; *changed counts the differing rows. */
static void compare_row(struct view *v, const char *label, const char *a,
                        const char *b, int *changed)
{
    a = a ? a : "";
    b = b ? b : "";
    bool diff = strcmp(a, b) != 0;
    if (diff)
        (*changed)++;
    html_printf(v->out,
                "<tr class=\"%s\"><th scope=\"row\">%s%s</th><td>%s</td>"
                "<td>%s</td></tr>",
                diff ? "changed" : "", label,
                diff ? T(v, " — berubah", " — changed") : "", a, b);
}

void view_admin_service_compare(struct view *v, const struct service_def *a,
                                const struct service_def *b,
                                const struct service_version_info *versions,
                                size_t n_versions)
{
    const char *title =
        arena_printf(v->arena, "%s: %s %d / %d", text2_get(&b->name, v->lang),
                     T(v, "versi", "versions"), a->version, b->version);
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/admin/services\">%s</a> › <a "
                "href=\"/admin/services/%s\">%s</a></nav><h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Katalog", "Catalogue"), b->code,
                text2_get(&b->name, v->lang), title);
    compare_form(v, b->code, versions, n_versions, a->version, b->version);
    html_printf(v->out,
                "<table class=\"list compare\"><thead><tr><th>%s</th>"
                "<th>%s %d</th><th>%s %d</th></tr></thead><tbody>",
                T(v, "Bagian", "Field"), T(v, "Versi", "Version"), a->version,
                T(v, "Versi", "Version"), b->version);
    int changed = 0;
    compare_row(v, T(v, "Berlaku mulai", "In effect from"),
                a->effective_from ? a->effective_from
                                  : T(v, "saat disimpan", "when saved"),
                b->effective_from ? b->effective_from
                                  : T(v, "saat disimpan", "when saved"),
                &changed);
    compare_row(v, T(v, "Nama (Bahasa Indonesia)", "Name (Bahasa Indonesia)"),
                a->name.id, b->name.id, &changed);
    compare_row(v, T(v, "Nama (Inggris)", "Name (English)"), a->name.en,
                b->name.en, &changed);
    compare_row(v, T(v, "Kategori", "Category"), a->category, b->category,
                &changed);
    compare_row(v, T(v, "Diterima di kantor", "Accepted at"),
                catalogue_levels_text(v->arena, a->accepted_levels),
                catalogue_levels_text(v->arena, b->accepted_levels), &changed);
    compare_row(v, T(v, "Diproses oleh", "Processed by"), a->agency, b->agency,
                &changed);
    compare_row(
        v, T(v, "Menanyakan keperluan surat", "Asks the purpose of the letter"),
        a->asks_purpose ? T(v, "ya", "yes") : T(v, "tidak", "no"),
        b->asks_purpose ? T(v, "ya", "yes") : T(v, "tidak", "no"), &changed);
    compare_row(v, T(v, "1. Persyaratan", "1. Requirements"), reqs_text(v, a),
                reqs_text(v, b), &changed);
    compare_row(v, T(v, "2. Prosedur", "2. Procedure"), steps_text(v, a),
                steps_text(v, b), &changed);
    compare_row(v, T(v, "3. Jangka waktu", "3. Time limit"),
                service_time_text(a, v->arena, v->lang),
                service_time_text(b, v->arena, v->lang), &changed);
    compare_row(v, T(v, "4. Biaya", "4. Cost"),
                service_fee_text(a->fee, v->arena, v->lang),
                service_fee_text(b->fee, v->arena, v->lang), &changed);
    for (int c = 0; c < COMP__COUNT; c++) {
        enum service_component k = (enum service_component)c;
        const char *name = service_component_name(k, v->lang);
        compare_row(v, arena_printf(v->arena, "%s (ID)", name), a->comp[c].id,
                    b->comp[c].id, &changed);
        compare_row(v, arena_printf(v->arena, "%s (EN)", name), a->comp[c].en,
                    b->comp[c].en, &changed);
    }
    html_printf(v->out, "</tbody></table><p role=\"status\">%d %s</p>", changed,
                T(v, "bagian berbeda",
                  changed == 1 ? "field differs" : "fields differ"));
    view_end(v);
}

void view_admin_service(struct view *v, const struct admin_service_page *p)
{
    const struct service_def *s = p->s;
    bool is_new = p->is_new;
    const struct category *cats = p->cats;
    size_t n_cats = p->n_cats;
    const struct office *agencies = p->agencies;
    size_t n_agencies = p->n_agencies;
    const struct field_errors *fe = p->fe;
    const char *title = is_new ? T(v, "Layanan baru", "New service")
                               : text2_get(&s->name, v->lang);
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/admin/services\">%s</a>"
                "</nav><h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Katalog", "Catalogue"), title);
    if (!is_new) {
        html_printf(v->out,
                    "<p class=\"muted\">%s %s. %s <a href=\"/services/%s\">"
                    "%s</a></p>",
                    T(v, "Versi berlaku hari ini", "Version in effect today"),
                    p->in_effect ? arena_printf(v->arena, "%d", p->in_effect)
                                 : T(v, "belum ada", "none yet"),
                    T(v,
                      "Menyimpan membuat versi baru; permohonan lama tetap "
                      "memakai versinya.",
                      "Saving creates a new version; earlier applications "
                      "keep theirs."),
                    s->code, T(v, "Lihat halaman publik", "View public page"));
        versions_table(v, s->code, p->versions, p->n_versions, p->today);
    }
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
    /* Indonesian thousands dots, as the field accepts them */
    snprintf(fee, sizeof(fee), "%s",
             s->fee ? service_fee_text(s->fee, v->arena, LANG_ID) + 3 : "0");
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
    view_input(v, fe, "fee",
               T(v, "Biaya dalam rupiah, mis. 10.000 (0 = gratis)",
                 "Fee in rupiah, e.g. 10.000 (0 = free)"),
               p->fee_typed ? p->fee_typed : fee, "text", true, 24);
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
        "name=\"active\" value=\"1\"%s> %s</label></div>",
        s->active ? " checked" : "",
        T(v, "Tampilkan di katalog publik", "Show in the public catalogue"));
    /* When the new version takes effect: now, or from a later day's
     * midnight (the offices' time), announced in advance. */
    html_printf(v->out,
                "<fieldset><legend>%s</legend><p class=\"muted\">%s</p>",
                T(v, "Mulai berlaku", "Takes effect"),
                T(v,
                  "Kosongkan agar berlaku segera. Dengan tanggal, versi ini "
                  "dijadwalkan: sampai tanggal itu pendaftaran, halaman "
                  "publik, API dan tanggal janji memakai versi yang berlaku "
                  "sekarang; mulai pukul 00.00 tanggal itu (waktu kantor) "
                  "versi baru.",
                  "Leave empty for it to take effect at once. With a date "
                  "the version is scheduled: until that day registration, "
                  "the public pages, the API and promised dates use the "
                  "version in effect now; from 00:00 that day (the "
                  "office's time) the new one."));
    view_input(v, fe, "effective_from",
               T(v, "Berlaku mulai tanggal", "In effect from"),
               p->effective_typed ? p->effective_typed : "", "date", false, 10);
    html_printf(v->out, "</fieldset><button type=\"submit\">%s</button></form>",
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
