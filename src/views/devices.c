/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* devices.c: the kiosk devices page (see devices.h). */
#include "views/devices.h"

#include "base/civil.h"
#include "core/humanize.h"

static void when(struct view *v, int64_t t)
{
    if (!t) {
        html_raw(v->out, "—");
        return;
    }
    html_text(v->out, human_when(v->arena, t, v->utc_offset_min, v->lang));
}

void view_devices(struct view *v, const struct devices_page *p)
{
    const char *title = T(v, "Perangkat kiosk", "Kiosk devices");
    view_begin(v, title);
    html_printf(v->out, "<h1>%s</h1><p>%s</p>", title,
                T(v,
                  "Tablet di pintu keluar atau ruang tunggu yang dipakai "
                  "warga untuk mengisi survei kepuasan, menyampaikan "
                  "pengaduan, atau mengambil nomor antrean. Hanya perangkat "
                  "yang didaftarkan di sini yang diterima; kantornya tidak "
                  "dapat diubah dari tablet.",
                  "Tablets at the exit or in the waiting room where citizens "
                  "answer the satisfaction survey, make a complaint or take a "
                  "queue ticket. Only devices enrolled here are accepted; "
                  "their office cannot be changed from the tablet."));
    if (p->flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>",
                    p->flash);
    if (p->this_is_kiosk)
        html_printf(v->out,
                    "<p class=\"flash\">%s <a href=\"/survey/kiosk\">%s</a> · "
                    "<a href=\"/complaints/new?kiosk=1\">%s</a></p>",
                    T(v, "Browser ini adalah kiosk terdaftar.",
                      "This browser is an enrolled kiosk."),
                    T(v, "Buka kiosk survei", "Open the survey kiosk"),
                    T(v, "Buka kiosk pengaduan", "Open the complaint kiosk"));
    if (p->n_items == 0) {
        html_printf(
            v->out, "<p>%s</p>",
            T(v, "Belum ada perangkat terdaftar.", "No device enrolled yet."));
    } else {
        html_printf(v->out,
                    "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead>"
                    "<tbody>",
                    T(v, "Perangkat", "Device"), T(v, "Kantor", "Office"),
                    T(v, "Didaftarkan", "Enrolled"),
                    T(v, "Terakhir dipakai", "Last used"),
                    T(v, "Status", "Status"));
        for (size_t i = 0; i < p->n_items; i++) {
            const struct device *d = &p->items[i];
            html_printf(v->out, "<tr><td>%s</td><td>%s</td><td>", d->label,
                        d->office_name);
            when(v, d->created_at);
            if (d->created_by)
                html_printf(v->out, " <span class=\"muted\">(%s)</span>",
                            d->created_by);
            html_raw(v->out, "</td><td>");
            when(v, d->last_seen_at);
            html_raw(v->out, "</td><td>");
            if (d->revoked_at) {
                html_printf(v->out, "%s</td><td></td></tr>",
                            T(v, "Dicabut", "Revoked"));
                continue;
            }
            html_printf(v->out,
                        "%s</td><td><form method=\"post\" "
                        "action=\"/devices/%lld/revoke\">",
                        T(v, "Aktif", "Active"), (long long)d->id);
            view_csrf(v);
            html_printf(v->out,
                        "<button class=\"danger\" type=\"submit\">%s</button>"
                        "</form></td></tr>",
                        T(v, "Cabut", "Revoke"));
        }
        html_raw(v->out, "</tbody></table>");
    }
    html_printf(v->out, "<h2>%s</h2><p>%s</p>",
                T(v, "Daftarkan browser ini sebagai kiosk",
                  "Enrol this browser as a kiosk"),
                T(v,
                  "Buka halaman ini di tablet kiosk, daftarkan, lalu keluar "
                  "(Keluar): tablet tetap terdaftar tanpa akun Anda.",
                  "Open this page on the kiosk tablet, enrol it, then sign "
                  "out: the tablet stays enrolled without your account."));
    view_error_summary(v, p->fe);
    html_raw(v->out, "<form method=\"post\" action=\"/devices\">");
    view_csrf(v);
    view_form_token(v);
    view_input(v, p->fe, "label",
               T(v, "Nama perangkat (mis. Tablet pintu keluar)",
                 "Device name (e.g. Exit tablet)"),
               "", "text", true, 100);
    if (p->offices) {
        html_printf(v->out,
                    "<div class=\"field\"><label for=\"f-office\">%s</label>",
                    T(v, "Kantor", "Office"));
        view_field_error(v, p->fe, "office");
        html_printf(v->out,
                    "<select id=\"f-office\" name=\"office\"><option "
                    "value=\"\">%s</option>",
                    T(v, "— pilih —", "— choose —"));
        for (size_t i = 0; i < p->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\">%s</option>",
                        p->offices[i].code, p->offices[i].name);
        html_raw(v->out, "</select></div>");
    } else {
        html_printf(v->out, "<p>%s: <strong>%s</strong></p>",
                    T(v, "Kantor", "Office"),
                    p->own_office ? p->own_office : "");
    }
    html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                T(v, "Daftarkan", "Enrol"));
    view_end(v);
}
