/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* admin.c: administration pages (see staff.h). */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/humanize.h"
#include "views/public.h"
#include "views/staff.h"

static void office_select(struct view *v, const struct field_errors *fe,
                          const char *name, const struct office *offices,
                          size_t n, int64_t selected)
{
    html_printf(v->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>",
                fe && ferr_find(fe, name) ? " invalid" : "", name,
                T(v, "Kantor (kosong untuk peran tingkat kabupaten)",
                  "Office (empty for regency-wide roles)"));
    view_field_error(v, fe, name);
    html_printf(v->out,
                "<select id=\"f-%s\" name=\"%s\"><option value=\"\">— %s —"
                "</option>",
                name, name, T(v, "tingkat kabupaten", "regency-wide"));
    for (size_t i = 0; i < n; i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s (%s)</option>",
                    offices[i].code,
                    offices[i].id == selected ? " selected" : "",
                    offices[i].name, offices[i].code);
    html_raw(v->out, "</select></div>");
}

static void role_select(struct view *v, const struct field_errors *fe,
                        enum role selected)
{
    html_printf(
        v->out, "<div class=\"field%s\"><label for=\"f-role\">%s *</label>",
        fe && ferr_find(fe, "role") ? " invalid" : "", T(v, "Peran", "Role"));
    view_field_error(v, fe, "role");
    html_raw(v->out, "<select id=\"f-role\" name=\"role\">");
    for (int r = 0; r < ROLE__COUNT; r++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    role_code((enum role)r),
                    r == (int)selected ? " selected" : "",
                    role_name((enum role)r, v->lang));
    html_raw(v->out, "</select></div>");
}

static void one_time_password(struct view *v, const char *login,
                              const char *password)
{
    if (!password)
        return;
    html_printf(v->out,
                "<div class=\"flash\" role=\"status\"><p>%s <strong>%s"
                "</strong>: <code class=\"secret\">%s</code></p><p>%s</p>"
                "</div>",
                T(v, "Kata sandi sementara untuk", "Temporary password for"),
                login, password,
                T(v,
                  "Sampaikan langsung kepada pengguna. Kata sandi ini hanya "
                  "ditampilkan sekali dan harus diganti saat masuk pertama.",
                  "Hand it to the user in person. It is shown only once and "
                  "must be changed at the first sign-in."));
}

void view_users(struct view *v, const struct user *users, size_t n_users,
                const struct office *offices, size_t n_offices,
                const struct params *form, const struct field_errors *fe,
                const char *new_password)
{
    view_begin(v, T(v, "Pengguna", "Users"));
    html_printf(v->out, "<h1>%s</h1>", T(v, "Pengguna", "Users"));
    if (new_password && form)
        one_time_password(v, params_get(form, "login"), new_password);
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Nama pengguna", "User name"), T(v, "Nama", "Name"),
                T(v, "Peran", "Role"), T(v, "Kantor", "Office"),
                T(v, "Status", "Status"));
    for (size_t i = 0; i < n_users; i++) {
        const struct user *u = &users[i];
        html_printf(v->out,
                    "<tr><td><a href=\"/admin/users/%s\">%s</a></td>"
                    "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    u->login, u->login, u->full_name,
                    role_name(u->role, v->lang),
                    u->office_name ? u->office_name
                                   : T(v, "tingkat kabupaten", "regency-wide"),
                    u->disabled ? T(v, "Nonaktif", "Disabled")
                                : T(v, "Aktif", "Active"));
    }
    html_printf(v->out, "</tbody></table><h2>%s</h2>",
                T(v, "Tambah pengguna", "Add a user"));
    view_error_summary(v, new_password ? NULL : fe);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/users\">");
    view_form_token(v);
    view_csrf(v);
    const struct params *f = new_password ? NULL : form;
    view_input(v, fe, "login",
               T(v, "Nama pengguna (huruf kecil, angka, . _ -)",
                 "User name (lower case, digits, . _ -)"),
               f ? params_get(f, "login") : "", "text", true, 32);
    view_input(v, fe, "full_name", T(v, "Nama lengkap", "Full name"),
               f ? params_get(f, "full_name") : "", "text", true, 100);
    enum role r = ROLE_FRONT;
    if (f)
        role_parse(params_get(f, "role"), &r);
    role_select(v, fe, r);
    int64_t office_id = 0;
    const char *oc = f ? params_get(f, "office") : NULL;
    for (size_t i = 0; oc && i < n_offices; i++)
        if (strcmp(offices[i].code, oc) == 0)
            office_id = offices[i].id;
    office_select(v, fe, "office", offices, n_offices, office_id);
    html_printf(v->out,
                "<p class=\"muted\">%s</p><button type=\"submit\">%s</button>"
                "</form>",
                T(v,
                  "Kata sandi sementara dibuat otomatis dan ditampilkan "
                  "sekali.",
                  "A temporary password is generated and shown once."),
                T(v, "Tambah", "Add"));
    view_end(v);
}

void view_user(struct view *v, const struct user *u,
               const struct office *offices, size_t n_offices,
               const struct field_errors *fe, const char *new_password)
{
    view_begin(v, u->login);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/admin/users\">%s</a></nav>"
                "<h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"), T(v, "Pengguna", "Users"),
                u->login);
    one_time_password(v, u->login, new_password);
    view_error_summary(v, fe);
    html_printf(v->out, "<form method=\"post\" action=\"/admin/users/%s\">",
                u->login);
    view_csrf(v);
    view_input(v, fe, "full_name", T(v, "Nama lengkap", "Full name"),
               u->full_name, "text", true, 100);
    role_select(v, fe, u->role);
    office_select(v, fe, "office", offices, n_offices, u->office_id);
    html_printf(
        v->out,
        "<div class=\"field check\"><label><input type=\"checkbox\" "
        "name=\"disabled\" value=\"1\"%s> %s</label></div>"
        "<div class=\"field check\"><label><input type=\"checkbox\" "
        "name=\"reset_password\" value=\"1\"> %s</label></div>"
        "<button type=\"submit\">%s</button></form>",
        u->disabled ? " checked" : "",
        T(v, "Nonaktifkan (tidak dapat masuk)", "Disabled (cannot sign in)"),
        T(v, "Buat kata sandi sementara baru",
          "Generate a new temporary password"),
        T(v, "Simpan", "Save"));
    html_printf(v->out,
                "<p><a href=\"/admin/audit?entity=user&amp;key=%s\">"
                "%s</a></p>",
                u->login, T(v, "Riwayat perubahan", "Change history"));
    view_end(v);
}

static const char *format_time(struct view *v, int64_t t)
{
    return t ? human_when(v->arena, t, v->utc_offset_min, v->lang) : "—";
}

void view_apikeys(struct view *v, const struct api_key *keys, size_t n_keys,
                  const struct user *users, size_t n_users, const char *new_key,
                  const struct field_errors *fe)
{
    view_begin(v, T(v, "Kunci API", "API keys"));
    html_printf(v->out, "<h1>%s</h1>", T(v, "Kunci API", "API keys"));
    if (new_key)
        html_printf(v->out,
                    "<div class=\"flash\" role=\"status\"><p>%s</p><p><code "
                    "class=\"secret\">%s</code></p></div>",
                    T(v,
                      "Kunci baru. Salin sekarang: kunci ini tidak akan "
                      "ditampilkan lagi.",
                      "The new key. Copy it now: it will not be shown "
                      "again."),
                    new_key);
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>#</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                "<th></th></tr></thead><tbody>",
                T(v, "Awalan", "Prefix"), T(v, "Pengguna", "User"),
                T(v, "Kantor pemilik", "Owner's office"),
                T(v, "Keterangan", "Label"), T(v, "Dibuat", "Created"),
                T(v, "Terakhir dipakai", "Last used"));
    for (size_t i = 0; i < n_keys; i++) {
        const char *created = format_time(v, keys[i].created_at);
        const char *used = format_time(v, keys[i].last_used_at);
        html_printf(v->out,
                    "<tr><td>%lld</td><td><code>%s…</code></td><td>%s</td>"
                    "<td class=\"office\">%s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td><td>",
                    (long long)keys[i].id, keys[i].prefix, keys[i].login,
                    keys[i].office_name
                        ? keys[i].office_name
                        : T(v, "Seluruh kabupaten", "Regency-wide"),
                    keys[i].label, created, used);
        if (keys[i].revoked_at) {
            html_printf(v->out, "%s", T(v, "Dicabut", "Revoked"));
        } else {
            html_printf(v->out,
                        "<form method=\"post\" action=\"/admin/apikeys/%lld/"
                        "revoke\">",
                        (long long)keys[i].id);
            view_csrf(v);
            html_printf(v->out,
                        "<button class=\"danger\" type=\"submit\">%s</button>"
                        "</form>",
                        T(v, "Cabut", "Revoke"));
        }
        html_raw(v->out, "</td></tr>");
    }
    html_printf(v->out, "</tbody></table><h2>%s</h2>",
                T(v, "Buat kunci", "Create a key"));
    view_error_summary(v, fe);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/apikeys\">");
    view_form_token(v);
    view_csrf(v);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-user\">%s *</label>",
                T(v, "Pengguna pemilik kunci", "User the key acts as"));
    view_field_error(v, fe, "user");
    html_raw(v->out, "<select id=\"f-user\" name=\"user\">");
    for (size_t i = 0; i < n_users; i++)
        if (!users[i].disabled)
            html_printf(v->out, "<option value=\"%s\">%s (%s, %s)</option>",
                        users[i].login, users[i].login,
                        role_name(users[i].role, v->lang),
                        users[i].office_name
                            ? users[i].office_name
                            : T(v, "seluruh kabupaten", "regency-wide"));
    html_raw(v->out, "</select></div>");
    view_input(v, fe, "label",
               T(v, "Keterangan (untuk apa)", "Label (what it is for)"), "",
               "text", true, 100);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Buat", "Create"));
    view_end(v);
}

void view_admin_offices(struct view *v, const struct office *items,
                        size_t n_items, const struct admin_offices_page *p)
{
    view_begin(v,
               T(v, "Kantor dan titik layanan", "Offices and service points"));
    html_printf(v->out,
                "<h1>%s</h1><p>%s</p><form class=\"filters\" method=\"get\" "
                "action=\"/admin/offices\"><label for=\"f-q\">%s</label><input "
                "id=\"f-q\" name=\"q\" type=\"search\" maxlength=\"100\" "
                "value=\"%s\"><label for=\"f-level\">%s</label><select "
                "id=\"f-level\" name=\"level\"><option value=\"\">%s</option>",
                T(v, "Kantor dan titik layanan", "Offices and service points"),
                T(v,
                  "Kantor desa diaktifkan satu per satu sebagai titik "
                  "layanan dengan tanggal mulai.",
                  "Village offices are enabled one at a time as service "
                  "points, with a start date."),
                T(v, "Nama atau kode", "Name or code"), p->q ? p->q : "",
                T(v, "Tingkat", "Level"), T(v, "Semua tingkat", "Every level"));
    for (int l = 0; l < OFFICE_LEVEL__COUNT; l++) {
        const char *code = office_level_code((enum office_level)l);
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", code,
                    p->level && strcmp(p->level, code) == 0 ? " selected" : "",
                    office_level_name((enum office_level)l, v->lang));
    }
    html_printf(v->out,
                "</select><label for=\"f-district\">%s</label><select "
                "id=\"f-district\" name=\"district\"><option value=\"\">%s"
                "</option>",
                T(v, "Kecamatan", "District"),
                T(v, "Semua kecamatan", "Every district"));
    for (size_t i = 0; i < p->n_districts; i++) {
        const struct office *d = &p->districts[i];
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", d->region_code,
            p->district && strcmp(p->district, d->region_code) == 0
                ? " selected"
                : "",
            d->district_name && *d->district_name ? d->district_name : d->name);
    }
    html_printf(v->out,
                "</select><button type=\"submit\">%s</button></form>"
                "<p class=\"muted\" role=\"status\">%zu %s</p>",
                T(v, "Saring", "Filter"), n_items, T(v, "kantor", "offices"));
    if (n_items == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada kantor yang cocok.", "No office matches."));
        view_end(v);
        return;
    }
    html_printf(v->out,
                "<table class=\"list\"><thead><tr>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
                "</thead><tbody>",
                T(v, "Kantor", "Office"), T(v, "Kode", "Code"),
                T(v, "Tingkat", "Level"), T(v, "Kecamatan", "District"),
                T(v, "Titik layanan sejak", "Service point since"));
    for (size_t i = 0; i < n_items; i++) {
        const struct office *o = &items[i];
        html_printf(
            v->out,
            "<tr><td><a href=\"/admin/offices/%s\">%s</a></td><td>%s</td>"
            "<td>%s</td><td>%s</td><td>%s%s</td></tr>",
            o->code, o->name, o->code, office_level_name(o->level, v->lang),
            o->district_name ? o->district_name : "—",
            o->service_point_since
                ? human_date_iso(v->arena, o->service_point_since, v->lang)
                : "—",
            o->service_point_since && !office_is_service_point(o, p->today)
                ? T(v, " (terjadwal)", " (scheduled)")
                : "");
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_admin_office(struct view *v, const struct office *o,
                       const struct params *form, const struct field_errors *fe,
                       bool full, const struct closure *closures,
                       size_t n_closures, const struct service_def *services,
                       size_t n_services)
{
    static const char *const days_id[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                          "Kamis",  "Jumat", "Sabtu"};
    static const char *const days_en[] = {"Sunday",    "Monday",   "Tuesday",
                                          "Wednesday", "Thursday", "Friday",
                                          "Saturday"};
    view_begin(v, o->name);
    html_printf(
        v->out,
        "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"%s\">%s</a>"
        "</nav><h1>%s</h1><p class=\"muted\">%s · %s</p>",
        T(v, "Jejak halaman", "Breadcrumb"), full ? "/admin/offices" : "/staff",
        full ? T(v, "Kantor", "Offices") : T(v, "Ruang kerja", "Workspace"),
        o->name, o->code, office_level_name(o->level, v->lang));
    view_error_summary(v, fe);
    html_printf(v->out, "<form method=\"post\" action=\"/admin/offices/%s\">",
                o->code);
    view_csrf(v);
    const char *name = form ? params_get(form, "name") : o->name;
    const char *address = form ? params_get(form, "address") : o->address;
    const char *phone = form ? params_get(form, "phone") : o->phone;
    const char *since =
        form ? params_get(form, "service_point_since") : o->service_point_since;
    if (full)
        view_input(v, fe, "name", T(v, "Nama kantor", "Office name"), name,
                   "text", true, 200);
    view_input(v, fe, "address", T(v, "Alamat", "Address"), address, "text",
               false, 300);
    view_input(v, fe, "phone", T(v, "Telepon", "Phone"), phone, "tel", false,
               30);
    /* The map position, shown to citizens as a link to a map. */
    char lat[16] = "", lon[16] = "";
    if (o->has_position) {
        office_format_coord(o->lat_e6, lat);
        office_format_coord(o->lon_e6, lon);
    }
    html_printf(v->out,
                "<fieldset><legend>%s</legend><p class=\"muted\">%s</p>",
                T(v, "Letak di peta", "Position on the map"),
                T(v,
                  "Derajat desimal, mis. -8.219400 dan 114.369100 (dari peta "
                  "di ponsel: tekan lama pada kantor). Kosongkan keduanya "
                  "bila belum diketahui.",
                  "Decimal degrees, e.g. -8.219400 and 114.369100 (from a "
                  "map on a phone: press and hold on the office). Leave both "
                  "empty when not known."));
    view_input(v, fe, "lat", T(v, "Lintang", "Latitude"),
               form ? params_get(form, "lat") : lat, "text", false, 12);
    view_input(v, fe, "lon", T(v, "Bujur", "Longitude"),
               form ? params_get(form, "lon") : lon, "text", false, 12);
    html_raw(v->out, "</fieldset>");
    if (full && n_services > 0) {
        html_printf(v->out,
                    "<fieldset><legend>%s</legend><p class=\"muted\">%s"
                    "</p>",
                    T(v, "Layanan yang diterima", "Services accepted"),
                    T(v,
                      "Titik layanan desa dapat mulai dengan sebagian "
                      "layanan. Tidak dicentang sama sekali: semua layanan "
                      "tingkat desa.",
                      "A desa service point may start with some of the "
                      "services. None ticked: every service of the desa "
                      "level."));
        view_field_error(v, fe, "only");
        for (size_t i = 0; i < n_services; i++) {
            bool on = false;
            if (form) {
                for (size_t k = 0; k < params_count(form, "only"); k++)
                    on |= strcmp(params_nth(form, "only", k),
                                 services[i].code) == 0;
            } else if (o->accepted_services) {
                struct office probe = *o;
                on = office_accepts(&probe, &services[i]);
            }
            html_printf(v->out,
                        "<label class=\"check\"><input type=\"checkbox\" "
                        "name=\"only\" value=\"%s\"%s> %s</label><br>",
                        services[i].code, on ? " checked" : "",
                        text2_get(&services[i].name, v->lang));
        }
        html_raw(v->out, "</fieldset>");
    }
    if (full)
        view_input(v, fe, "service_point_since",
                   T(v,
                     "Titik layanan sejak (TTTT-BB-HH; kosong = bukan titik "
                     "layanan)",
                     "Service point since (YYYY-MM-DD; empty = not a service "
                     "point)"),
                   since, "date", false, 10);
    if (full && o->level == OFFICE_DESA && !o->service_point_since)
        view_textarea(v, fe, "readiness_override",
                      T(v,
                        "Alasan tertulis bila kantor desa diaktifkan tanpa "
                        "memenuhi semua butir wajib (dicatat di log audit)",
                        "Written reason when a desa office is enabled "
                        "without meeting every mandatory item (kept in the "
                        "audit log)"),
                      form ? params_get(form, "readiness_override") : "", 2,
                      500);
    html_printf(v->out, "<fieldset><legend>%s (%s)</legend>",
                T(v, "Jam buka", "Opening hours"),
                office_zone_name(o->utc_offset_min));
    for (int i = 1; i <= 7; i++) {
        int d = i % 7;
        char fo[24], fc[24], vo[16] = "", vc[16] = "";
        snprintf(fo, sizeof(fo), "open_%d", d);
        snprintf(fc, sizeof(fc), "close_%d", d);
        if (o->hours.open[d] >= 0) {
            snprintf(vo, sizeof(vo), "%02d:%02d", o->hours.open[d] / 60 % 100,
                     o->hours.open[d] % 60);
            snprintf(vc, sizeof(vc), "%02d:%02d", o->hours.close[d] / 60 % 100,
                     o->hours.close[d] % 60);
        }
        const char *open = form ? params_get(form, fo) : vo;
        const char *close = form ? params_get(form, fc) : vc;
        html_printf(v->out,
                    "<div class=\"hours-row\"><span>%s</span><input "
                    "aria-label=\"%s %s\" name=\"%s\" type=\"time\" "
                    "value=\"%s\"> – <input aria-label=\"%s %s\" name=\"%s\" "
                    "type=\"time\" value=\"%s\"></div>",
                    T(v, days_id[d], days_en[d]), T(v, days_id[d], days_en[d]),
                    T(v, "buka", "opens"), fo, open ? open : "",
                    T(v, days_id[d], days_en[d]), T(v, "tutup", "closes"), fc,
                    close ? close : "");
        view_field_error(v, fe, fo);
    }
    html_printf(v->out,
                "<p class=\"muted\">%s</p></fieldset><button "
                "type=\"submit\">%s</button></form>",
                T(v, "Kosongkan kedua jam untuk hari tutup.",
                  "Leave both times empty for a closed day."),
                T(v, "Simpan", "Save"));
    view_closures(v, o, closures, n_closures, NULL);
    view_end(v);
}

void view_audit(struct view *v, const struct audit_entry *items, size_t n_items)
{
    view_begin(v, T(v, "Log audit", "Audit log"));
    html_printf(v->out,
                "<h1>%s</h1><p>%s</p><table class=\"list audit\"><thead><tr>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th></tr></thead><tbody>",
                T(v, "Log audit", "Audit log"),
                T(v,
                  "Setiap perubahan oleh petugas, tidak dapat diubah atau "
                  "dihapus.",
                  "Every change by staff; it cannot be edited or deleted."),
                T(v, "Waktu", "Time"), T(v, "Oleh", "By"),
                T(v, "Tindakan", "Action"), T(v, "Data", "Record"),
                T(v, "Sebelum", "Before"), T(v, "Sesudah", "After"));
    for (size_t i = 0; i < n_items; i++) {
        const struct audit_entry *e = &items[i];
        const char *at = format_time(v, e->at);
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s<br><span class=\"muted\">%s</span>"
                    "</td><td>%s</td><td>%s %s</td><td><code>%s</code></td>"
                    "<td><code>%s</code></td></tr>",
                    at, e->actor, e->addr, e->action, e->entity, e->entity_key,
                    e->before_json ? e->before_json : "",
                    e->after_json ? e->after_json : "");
    }
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}
