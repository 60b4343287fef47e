/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* calendar_admin.c: the holiday calendar and office closures pages. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/humanize.h"
#include "views/staff.h"

static const char *sent(const struct params *p, const char *name)
{
    const char *s = p ? params_get(p, name) : NULL;
    return s ? s : "";
}

static const char *kind_name(struct view *v, const char *kind)
{
    return strcmp(kind, "cuti_bersama") == 0
               ? T(v, "Cuti bersama", "Collective leave")
               : T(v, "Libur nasional", "National holiday");
}

void view_calendar(struct view *v, const struct calendar_page *p)
{
    int year = p->year;
    view_begin(v, T(v, "Kalender hari kerja", "Working calendar"));
    html_printf(v->out, "<h1>%s %d</h1>",
                T(v, "Hari libur dan cuti bersama", "Holidays and leave"),
                year);
    if (p->next_year_missing)
        html_printf(v->out, "<p class=\"warn\" role=\"alert\">%s</p>",
                    T(v,
                      "Kalender libur tahun depan belum dimuat: tanggal janji "
                      "setelah 31 Desember hanya perkiraan. Impor SKB tahun "
                      "depan di bawah.",
                      "Next year's holiday calendar is not loaded: promised "
                      "dates after 31 December are only provisional. Import "
                      "next year's decree below."));
    html_printf(v->out, "<p>%s</p><p>%s: ",
                T(v,
                  "Kantor tutup pada hari libur nasional dan cuti bersama. "
                  "Tahun yang belum dimuat dihitung tanpa hari libur dan "
                  "tanggal janjinya ditandai perkiraan.",
                  "Offices are closed on national holidays and collective "
                  "leave days. A year not loaded is computed without "
                  "holidays and its promised dates are marked "
                  "provisional."),
                T(v, "Tahun yang dimuat", "Years loaded"));
    for (size_t i = 0; i < p->n_years; i++)
        html_printf(v->out, "<a href=\"/admin/calendar?year=%d\">%d</a> ",
                    p->years[i], p->years[i]);
    if (p->n_years == 0)
        html_printf(v->out, "%s", T(v, "belum ada", "none yet"));
    html_printf(v->out,
                "<a href=\"/admin/calendar?year=%d\">← %d</a> "
                "<a href=\"/admin/calendar?year=%d\">%d →</a></p>",
                year - 1, year - 1, year + 1, year + 1);
    if (p->n_items == 0)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v, "Belum ada hari libur tahun ini.",
                      "No holidays this year yet."));
    else
        html_printf(v->out,
                    "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                    "<th>%s</th><th></th></tr></thead><tbody>",
                    T(v, "Tanggal", "Date"), T(v, "Jenis", "Kind"),
                    T(v, "Nama", "Name"));
    for (size_t i = 0; i < p->n_items; i++) {
        const struct holiday *h = &p->items[i];
        /* Removing asks first (a page of its own: no JavaScript needed). */
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s</td><td>%s<br><span "
                    "class=\"muted\">%s</span></td><td><a "
                    "href=\"/admin/calendar/%s/delete\">%s</a></td></tr>",
                    human_date_iso(v->arena, h->day, v->lang),
                    kind_name(v, h->kind), h->name_id, h->name_en, h->day,
                    T(v, "Hapus…", "Remove…"));
    }
    if (p->n_items)
        html_raw(v->out, "</tbody></table>");
    html_printf(v->out, "<h2>%s</h2>",
                T(v, "Tambah hari libur", "Add a holiday"));
    view_error_summary(v, p->fe);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/calendar\">");
    view_csrf(v);
    view_input(v, p->fe, "day",
               T(v, "Tanggal (TTTT-BB-HH)", "Date (YYYY-MM-DD)"),
               sent(p->sent, "day"), "date", true, 10);
    bool leave = strcmp(sent(p->sent, "kind"), "cuti_bersama") == 0;
    html_printf(
        v->out,
        "<div class=\"field\"><label for=\"f-kind\">%s</label><select "
        "id=\"f-kind\" name=\"kind\"><option "
        "value=\"libur_nasional\">%s</option><option "
        "value=\"cuti_bersama\"%s>%s</option></select></div>",
        T(v, "Jenis", "Kind"), T(v, "Libur nasional", "National holiday"),
        leave ? " selected" : "", T(v, "Cuti bersama", "Collective leave"));
    view_input(v, p->fe, "name_id",
               T(v, "Nama (Bahasa Indonesia)", "Name (Bahasa Indonesia)"),
               sent(p->sent, "name_id"), "text", true, 200);
    view_input(v, p->fe, "name_en", T(v, "Nama (English)", "Name (English)"),
               sent(p->sent, "name_en"), "text", false, 200);
    html_printf(
        v->out,
        "<button type=\"submit\">%s</button></form><h2 id=\"import\">"
        "%s</h2>",
        T(v, "Tambah", "Add"),
        T(v, "Impor SKB tahunan (CSV)", "Import the yearly decree (CSV)"));
    html_printf(v->out,
                "<p>%s</p><pre class=\"example\">2027-01-01,libur_nasional,"
                "Tahun Baru 2027 Masehi,New Year's Day\n2027-03-09,"
                "cuti_bersama,Cuti Bersama Hari Suci Nyepi,Collective leave "
                "for Nyepi</pre><p class=\"muted\">%s</p>",
                T(v,
                  "Satu hari libur per baris: tanggal (TTTT-BB-HH), jenis "
                  "(libur_nasional atau cuti_bersama), nama dalam Bahasa "
                  "Indonesia, nama dalam bahasa Inggris (boleh kosong). "
                  "Baris judul date,kind,name_id,name_en boleh ada, boleh "
                  "tidak. Contoh:",
                  "One holiday a line: the date (YYYY-MM-DD), the kind "
                  "(libur_nasional or cuti_bersama), the name in Bahasa "
                  "Indonesia, the name in English (may be empty). A header "
                  "line date,kind,name_id,name_en may be there or not. For "
                  "example:"),
                T(v,
                  "Tanggal yang sudah ada dengan nama atau jenis lain "
                  "dilaporkan, tidak ditimpa, kecuali Anda mencentang "
                  "\"ganti\" di bawah. Tanggal yang sama dua kali dalam "
                  "berkas ditolak. Jika ada yang salah, tidak ada yang "
                  "disimpan dan teks Anda tetap di kotak.",
                  "A date already kept with another name or kind is "
                  "reported, not overwritten, unless you tick \"replace\" "
                  "below. The same date twice in the file is refused. If "
                  "anything is wrong, nothing is saved and your text stays "
                  "in the box."));
    if (p->import_error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\" "
                    "id=\"import-error\"><p>%s</p></div>",
                    p->import_error);
    html_raw(v->out,
             "<form method=\"post\" action=\"/admin/calendar/import\">");
    view_csrf(v);
    html_printf(v->out, "<input type=\"hidden\" name=\"year\" value=\"%d\">",
                year);
    view_textarea(v, NULL, "csv",
                  T(v, "Tempel CSV (satu baris per hari)",
                    "Paste the CSV (one line a day)"),
                  sent(p->sent, "csv"), 8, 60000);
    html_printf(v->out,
                "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"replace\" value=\"1\"%s> %s</label><br>"
                "<button type=\"submit\">%s</button></form>",
                *sent(p->sent, "replace") ? " checked" : "",
                T(v, "Ganti tanggal yang sudah ada dengan isi berkas",
                  "Replace dates already kept with the file's"),
                T(v, "Impor", "Import"));
    view_end(v);
}

void view_calendar_delete(struct view *v, const struct holiday *h)
{
    view_begin(v, T(v, "Hapus hari libur?", "Remove the holiday?"));
    html_printf(v->out,
                "<h1>%s</h1><p>%s <strong>%s</strong> (%s, %s)</p><p>%s</p>"
                "<form method=\"post\" action=\"/admin/calendar/%s/delete\">",
                T(v, "Hapus hari libur?", "Remove the holiday?"),
                T(v, "Hari libur", "The holiday"), h->name_id,
                human_date_iso(v->arena, h->day, v->lang),
                kind_name(v, h->kind),
                T(v,
                  "Kantor akan dianggap buka pada tanggal itu; tanggal janji "
                  "yang dihitung sesudahnya berubah.",
                  "Offices will count as open that day; promised dates "
                  "computed from now on change."),
                h->day);
    view_csrf(v);
    html_printf(v->out,
                "<button class=\"danger\" type=\"submit\">%s</button> "
                "<a class=\"button secondary\" "
                "href=\"/admin/calendar?year=%.4s\">%s</a></form>",
                T(v, "Ya, hapus", "Yes, remove it"), h->day,
                T(v, "Batal", "Cancel"));
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
                    human_date_iso(v->arena, items[i].day, v->lang),
                    items[i].reason, o->code, items[i].day);
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
