/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar_admin.c: the holiday calendar and office closures pages. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "views/staff.h"

void view_calendar(struct view *v, int year, const struct holiday *items,
                   size_t n_items, const int *years, size_t n_years,
                   const struct field_errors *fe, const char *import_error)
{
    view_begin(v, T(v, "Kalender hari kerja", "Working calendar"));
    html_printf(v->out, "<h1>%s %d</h1><p>%s</p><p>%s: ",
                T(v, "Hari libur dan cuti bersama", "Holidays and leave"), year,
                T(v,
                  "Kantor tutup pada hari libur nasional dan cuti bersama. "
                  "Tahun yang belum dimuat dihitung tanpa hari libur dan "
                  "tanggal janjinya ditandai perkiraan.",
                  "Offices are closed on national holidays and collective "
                  "leave days. A year not loaded is computed without "
                  "holidays and its promised dates are marked "
                  "provisional."),
                T(v, "Tahun yang dimuat", "Years loaded"));
    for (size_t i = 0; i < n_years; i++)
        html_printf(v->out, "<a href=\"/admin/calendar?year=%d\">%d</a> ",
                    years[i], years[i]);
    if (n_years == 0)
        html_printf(v->out, "%s", T(v, "belum ada", "none yet"));
    html_printf(v->out,
                "<a href=\"/admin/calendar?year=%d\">%d →</a></p>"
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th></th></tr></thead><tbody>",
                year + 1, year + 1, T(v, "Tanggal", "Date"),
                T(v, "Jenis", "Kind"), T(v, "Nama", "Name"));
    for (size_t i = 0; i < n_items; i++) {
        const struct holiday *h = &items[i];
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s</td><td>%s<br><span "
                    "class=\"muted\">%s</span></td><td><form method=\"post\" "
                    "action=\"/admin/calendar/%s/delete\">",
                    h->day,
                    strcmp(h->kind, "cuti_bersama") == 0
                        ? T(v, "Cuti bersama", "Collective leave")
                        : T(v, "Libur nasional", "National holiday"),
                    h->name_id, h->name_en, h->day);
        view_csrf(v);
        html_printf(v->out,
                    "<button class=\"danger\" type=\"submit\">%s</button>"
                    "</form></td></tr>",
                    T(v, "Hapus", "Remove"));
    }
    html_printf(v->out, "</tbody></table><h2>%s</h2>",
                T(v, "Tambah hari libur", "Add a holiday"));
    view_error_summary(v, fe);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/calendar\">");
    view_csrf(v);
    view_input(v, fe, "day", T(v, "Tanggal (TTTT-BB-HH)", "Date (YYYY-MM-DD)"),
               "", "date", true, 10);
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-kind\">%s</label><select "
                "id=\"f-kind\" name=\"kind\"><option "
                "value=\"libur_nasional\">%s</option><option "
                "value=\"cuti_bersama\">%s</option></select></div>",
                T(v, "Jenis", "Kind"),
                T(v, "Libur nasional", "National holiday"),
                T(v, "Cuti bersama", "Collective leave"));
    view_input(v, fe, "name_id",
               T(v, "Nama (Bahasa Indonesia)", "Name (Bahasa Indonesia)"), "",
               "text", true, 200);
    view_input(v, fe, "name_en", T(v, "Nama (English)", "Name (English)"), "",
               "text", false, 200);
    html_printf(
        v->out, "<button type=\"submit\">%s</button></form><h2>%s</h2>",
        T(v, "Tambah", "Add"),
        T(v, "Impor SKB tahunan (CSV)", "Import the yearly decree (CSV)"));
    if (import_error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    import_error);
    html_raw(v->out,
             "<form method=\"post\" action=\"/admin/calendar/import\">");
    view_csrf(v);
    view_textarea(v, NULL, "csv",
                  T(v,
                    "Tempel CSV: date,kind,name_id,name_en (satu baris per "
                    "hari)",
                    "Paste the CSV: date,kind,name_id,name_en (one line a "
                    "day)"),
                  "", 8, 60000);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Impor", "Import"));
    view_end(v);
}

void view_closures(struct view *v, const struct office *o,
                   const struct closure *items, size_t n_items,
                   const struct field_errors *fe)
{
    html_printf(v->out, "<h2>%s</h2>",
                T(v, "Hari tutup kantor", "Office closures"));
    if (n_items == 0)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v, "Tidak ada.", "None."));
    html_raw(v->out, "<ul>");
    for (size_t i = 0; i < n_items; i++) {
        html_printf(v->out,
                    "<li>%s — %s <form class=\"inline\" method=\"post\" "
                    "action=\"/admin/offices/%s/closures/%s/delete\">",
                    items[i].day, items[i].reason, o->code, items[i].day);
        view_csrf(v);
        html_printf(v->out,
                    "<button class=\"link\" type=\"submit\">%s</button>"
                    "</form></li>",
                    T(v, "hapus", "remove"));
    }
    html_printf(v->out,
                "</ul><form method=\"post\" "
                "action=\"/admin/offices/%s/closures\">",
                o->code);
    view_csrf(v);
    view_input(v, fe, "day", T(v, "Tanggal tutup", "Closed on"), "", "date",
               true, 10);
    view_input(v, fe, "reason", T(v, "Alasan", "Reason"), "", "text", true,
               200);
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Tambah hari tutup", "Add a closure"));
}
