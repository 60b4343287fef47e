/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* auth.c: sign-in, password and workspace pages (see staff.h). */
#include "views/staff.h"

void view_login(struct view *v, const char *login, const char *next,
                const char *error)
{
    view_begin(v, T(v, "Masuk petugas", "Staff sign-in"));
    html_printf(v->out, "<section class=\"narrow\"><h1>%s</h1>",
                T(v, "Masuk petugas", "Staff sign-in"));
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    html_raw(v->out, "<form method=\"post\" action=\"/login\">");
    view_csrf(v);
    html_printf(v->out, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
                next ? next : "");
    view_input(v, NULL, "login", T(v, "Nama pengguna", "User name"), login,
               "text", true, 32);
    view_input(v, NULL, "password", T(v, "Kata sandi", "Password"), "",
               "password", true, 128);
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Masuk", "Sign in"));
    view_end(v);
}

void view_password(struct view *v, const struct field_errors *fe, bool forced)
{
    view_begin(v, T(v, "Ganti kata sandi", "Change password"));
    html_printf(v->out, "<section class=\"narrow\"><h1>%s</h1>",
                T(v, "Ganti kata sandi", "Change password"));
    if (forced)
        html_printf(v->out, "<p class=\"warn\">%s</p>",
                    T(v,
                      "Kata sandi Anda sementara. Buat kata sandi baru "
                      "sebelum melanjutkan.",
                      "Your password is temporary. Choose a new one "
                      "before you go on."));
    view_error_summary(v, fe);
    html_raw(v->out, "<form method=\"post\" action=\"/account/password\">");
    view_csrf(v);
    view_input(v, fe, "current",
               T(v, "Kata sandi sekarang", "Current password"), "", "password",
               true, 128);
    view_input(v, fe, "new",
               T(v, "Kata sandi baru (minimal 10 karakter)",
                 "New password (at least 10 characters)"),
               "", "password", true, 128);
    view_input(v, fe, "confirm",
               T(v, "Ulangi kata sandi baru", "Repeat the new password"), "",
               "password", true, 128);
    html_printf(v->out, "<button type=\"submit\">%s</button></form></section>",
                T(v, "Simpan", "Save"));
    view_end(v);
}

void view_staff_home(struct view *v, const char *office_name,
                     const char *office_code)
{
    view_begin(v, T(v, "Ruang kerja", "Workspace"));
    html_printf(v->out, "<h1>%s, %s</h1><p>%s: <strong>%s</strong>",
                T(v, "Selamat datang", "Welcome"), v->who->name,
                T(v, "Peran", "Role"), role_name(v->who->role, v->lang));
    if (office_name)
        html_printf(v->out, " · %s: <strong>%s</strong>",
                    T(v, "Kantor", "Office"), office_name);
    html_raw(v->out, "</p><ul class=\"cards\">");
    if (role_has(v->who->role, PERM_OVERSIGHT))
        html_printf(v->out, "<li><a href=\"/oversight\">%s</a></li>",
                    T(v, "Kinerja pelayanan kabupaten",
                      "The regency's service performance"));
    else if (role_has(v->who->role, PERM_OFFICE_REPORT))
        html_printf(v->out, "<li><a href=\"/oversight\">%s</a></li>",
                    T(v, "Kinerja kantor", "The office's performance"));
    if (role_has(v->who->role, PERM_ESCALATIONS))
        html_printf(v->out,
                    "<li><a href=\"/oversight/escalations\">%s</a></li>",
                    T(v, "Pengaduan yang dilaporkan ke Sekda",
                      "Complaints escalated to the Sekda"));
    if (role_has(v->who->role, PERM_FOLLOWUP) ||
        role_has(v->who->role, PERM_ESCALATIONS))
        html_printf(v->out, "<li><a href=\"/followups\">%s</a></li>",
                    T(v, "Instruksi Sekda dan jawabannya",
                      "The Sekda's instructions and answers"));
    if (scope_intake(v->who, v->who->office_id))
        html_printf(v->out, "<li><a href=\"/intake\">%s</a></li>",
                    T(v, "Daftarkan permohonan", "Register an application"));
    if (scope_queue_desk(v->who, v->who->office_id))
        html_printf(
            v->out, "<li><a href=\"/queue/desk\">%s</a></li>",
            T(v, "Loket antrean: panggil nomor", "Queue desk: call tickets"));
    if (role_has(v->who->role, PERM_QUEUE_ADMIN))
        html_printf(
            v->out, "<li><a href=\"/queue/admin\">%s</a></li>",
            T(v, "Loket antrean dan booking", "Queue counters and bookings"));
    if (role_has(v->who->role, PERM_OVERSIGHT) ||
        role_has(v->who->role, PERM_OFFICE_REPORT))
        html_printf(v->out, "<li><a href=\"/queue/figures\">%s</a></li>",
                    T(v, "Waktu tunggu antrean", "Queue waiting times"));
    if (scope_worklist(v->who) != WORKLIST_NONE &&
        !role_has(v->who->role, PERM_USERS))
        html_printf(v->out, "<li><a href=\"/work\">%s</a></li>",
                    T(v, "Daftar kerja", "Work list"));
    if (role_has(v->who->role, PERM_USERS))
        html_printf(v->out, "<li><a href=\"/admin/users\">%s</a></li>",
                    T(v, "Pengguna dan peran", "Users and roles"));
    if (role_has(v->who->role, PERM_APIKEYS))
        html_printf(v->out, "<li><a href=\"/admin/apikeys\">%s</a></li>",
                    T(v, "Kunci API", "API keys"));
    if (role_has(v->who->role, PERM_OFFICES))
        html_printf(
            v->out, "<li><a href=\"/admin/offices\">%s</a></li>",
            T(v, "Kantor dan titik layanan", "Offices and service points"));
    if (role_has(v->who->role, PERM_OWN_OFFICE) &&
        !role_has(v->who->role, PERM_OFFICES) && office_code)
        html_printf(
            v->out, "<li><a href=\"/admin/offices/%s\">%s</a></li>",
            office_code,
            T(v, "Jam buka dan kontak kantor", "Office hours and contacts"));
    if (role_has(v->who->role, PERM_OFFICES))
        html_printf(v->out, "<li><a href=\"/admin/calendar\">%s</a></li>",
                    T(v, "Kalender hari libur", "Holiday calendar"));
    if (role_has(v->who->role, PERM_COMPLAINTS))
        html_printf(v->out, "<li><a href=\"/complaints\">%s</a></li>",
                    T(v, "Pengaduan", "Complaints"));
    if (role_has(v->who->role, PERM_CATALOGUE))
        html_printf(v->out,
                    "<li><a href=\"/admin/complaint-categories\">%s</a></li>",
                    T(v, "Jenis pengaduan", "Complaint categories"));
    if (role_has(v->who->role, PERM_CATALOGUE))
        html_printf(v->out, "<li><a href=\"/admin/services\">%s</a></li>",
                    T(v, "Katalog dan standar pelayanan",
                      "Catalogue and service standards"));
    /* Office readiness (the head of office: their own; the regency's
     * readers and inspectors: every office). */
    if (role_has(v->who->role, PERM_READINESS_ALL))
        html_printf(
            v->out,
            "<li><a href=\"/oversight/readiness\">%s</a></li>"
            "<li><a href=\"/oversight/inability\">%s</a></li>"
            "<li><a href=\"/oversight/socialisation\">%s</a></li>",
            T(v, "Kesiapan kantor", "Office readiness"),
            T(v, "Laporan ketidakmampuan", "Reports of inability"),
            T(v, "Sosialisasi per kecamatan", "Socialisation by district"));
    else if (office_code && scope_assess(v->who, v->who->office_id))
        html_printf(v->out, "<li><a href=\"/readiness/%s\">%s</a></li>",
                    office_code,
                    T(v, "Kesiapan kantor dan sosialisasi",
                      "Office readiness and socialisation"));
    if (role_has(v->who->role, PERM_CATALOGUE))
        html_printf(
            v->out, "<li><a href=\"/admin/facilities\">%s</a></li>",
            T(v, "Daftar sarana (standar kesiapan)", "Facilities checklist"));
    html_printf(
        v->out, "<li><a href=\"/reports/ikm\">%s</a></li>",
        T(v, "Indeks kepuasan masyarakat", "Satisfaction index report"));
    if (role_has(v->who->role, PERM_SURVEY_PAPER))
        html_printf(
            v->out, "<li><a href=\"/admin/surveys/import\">%s</a></li>",
            T(v, "Impor kuesioner kertas", "Import paper questionnaires"));
    if (role_has(v->who->role, PERM_DEVICES))
        html_printf(v->out, "<li><a href=\"/devices\">%s</a></li>",
                    T(v, "Perangkat kiosk", "Kiosk devices"));
    if (role_has(v->who->role, PERM_AUDIT))
        html_printf(v->out, "<li><a href=\"/admin/audit\">%s</a></li>",
                    T(v, "Log audit", "Audit log"));
    html_printf(v->out,
                "<li><a href=\"/services\">%s</a></li>"
                "<li><a href=\"/account/password\">%s</a></li></ul>",
                T(v, "Katalog layanan", "Service catalogue"),
                T(v, "Ganti kata sandi", "Change password"));
    view_end(v);
}
