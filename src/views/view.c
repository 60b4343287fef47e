/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* view.c: the page frame and form helpers (see view.h). */
#include "views/view.h"

#include <string.h>

#include "base/arena.h"
#include "core/service.h"

static void lang_switch(struct view *v)
{
    enum lang other = v->lang == LANG_EN ? LANG_ID : LANG_EN;
    struct buf next;
    buf_init(&next, 8192);
    buf_puts(&next, v->path ? v->path : "/");
    if (v->query && *v->query) {
        buf_putc(&next, '?');
        buf_puts(&next, v->query);
    }
    html_printf(v->out,
                "<a class=\"lang\" href=\"/lang/%s?next=", lang_code(other));
    struct buf enc;
    buf_init(&enc, 32768);
    html_urlenc(&enc, buf_cstr(&next));
    html_text(v->out, buf_cstr(&enc));
    html_printf(v->out, "\" hreflang=\"%s\" lang=\"%s\">%s</a>",
                lang_code(other), lang_code(other),
                other == LANG_EN ? "English" : "Bahasa Indonesia");
    buf_free(&enc);
    buf_free(&next);
}

static void head(struct view *v, const char *title)
{
    html_printf(v->out,
                "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
                "<meta charset=\"utf-8\">"
                "<meta name=\"viewport\" content=\"width=device-width, "
                "initial-scale=1\">"
                "<title>%s · Satu Pintu</title>"
                "<link rel=\"stylesheet\" href=\"/static/style.css\">"
                "<link rel=\"icon\" href=\"/static/icon.svg\" "
                "type=\"image/svg+xml\">"
                "</head>",
                lang_code(v->lang), title);
}

static void kiosk_begin(struct view *v)
{
    html_raw(v->out, "<body class=\"kiosk\"><header class=\"site\"><div "
                     "class=\"bar\"><span class=\"brand\">"
                     "<img src=\"/static/icon.svg\" alt=\"\" width=\"28\" "
                     "height=\"28\"> Satu Pintu</span>");
    html_printf(v->out, "<nav aria-label=\"%s\">", T(v, "Bahasa", "Language"));
    lang_switch(v);
    html_raw(v->out, "</nav></div></header><main>");
}

void view_begin(struct view *v, const char *title)
{
    head(v, title);
    if (v->kiosk) {
        kiosk_begin(v);
        return;
    }
    html_raw(v->out, "<body><header class=\"site\"><div class=\"bar\">"
                     "<a class=\"brand\" href=\"/\">"
                     "<img src=\"/static/icon.svg\" alt=\"\" width=\"28\" "
                     "height=\"28\"> Satu Pintu</a>");
    html_printf(v->out, "<nav aria-label=\"%s\">",
                T(v, "Menu utama", "Main menu"));
    html_printf(v->out,
                "<a href=\"/services\">%s</a>"
                "<a href=\"/offices\">%s</a>"
                "<a href=\"/track\">%s</a>"
                "<a href=\"/complaints/new\">%s</a>",
                T(v, "Layanan", "Services"), T(v, "Kantor", "Offices"),
                T(v, "Lacak", "Track"), T(v, "Pengaduan", "Complaints"));
    if (v->signed_in && v->who) {
        html_printf(v->out, "<a href=\"/staff\">%s</a>",
                    T(v, "Ruang kerja", "Workspace"));
    }
    lang_switch(v);
    if (v->signed_in && v->who) {
        html_printf(v->out,
                    "<form class=\"inline\" method=\"post\" "
                    "action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
                    "value=\"%s\"><button class=\"link\" type=\"submit\" "
                    "title=\"%s\">%s (%s)</button></form>",
                    v->csrf ? v->csrf : "", T(v, "Keluar", "Sign out"),
                    T(v, "Keluar", "Sign out"), v->who->login);
    } else {
        html_printf(v->out, "<a href=\"/login\">%s</a>",
                    T(v, "Masuk petugas", "Staff sign-in"));
    }
    html_raw(v->out, "</nav></div></header><main>");
    if (v->flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>",
                    v->flash);
}

void view_begin_print(struct view *v, const char *title)
{
    head(v, title);
    html_raw(v->out, "<body class=\"print\"><main>");
}

void view_end(struct view *v)
{
    if (v->kiosk) {
        html_printf(v->out,
                    "</main><footer class=\"site\"><p>%s</p></footer>"
                    "</body></html>\n",
                    T(v, "Satu Pintu — pelayanan terpadu satu pintu.",
                      "Satu Pintu — one stop public service."));
        return;
    }
    html_printf(v->out,
                "</main><footer class=\"site\"><p>%s</p><p "
                "class=\"muted\">%s <a "
                "href=\"https://opendatacommons.org/licenses/odbl/1-0/\">"
                "ODbL 1.0</a>. %s <a "
                "href=\"https://www.gnu.org/licenses/agpl-3.0.html\">"
                "AGPL-3.0-or-later</a>.</p></footer></body></html>\n",
                T(v,
                  "Satu Pintu — pelayanan terpadu satu pintu: satu pintu, "
                  "semua layanan, waktu dan biaya yang pasti.",
                  "Satu Pintu — one stop public service: one door, every "
                  "service, a promised time and cost."),
                T(v,
                  "Data wilayah: kode Kemendagri dari idn-area-data "
                  "(Kepmendagri 300.2.2-2138/2025), lisensi",
                  "Region data: Kemendagri codes from idn-area-data "
                  "(Kepmendagri 300.2.2-2138/2025), licence"),
                T(v, "Perangkat lunak bebas Satu Pintu, lisensi",
                  "Satu Pintu is free software under the"));
}

void view_form_token(struct view *v)
{
    html_printf(v->out,
                "<input type=\"hidden\" name=\"form_token\" value=\"%s\">",
                v->form_token ? v->form_token : "");
}

void view_csrf(struct view *v)
{
    html_printf(v->out, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">",
                v->csrf ? v->csrf : "");
}

void view_field_error(struct view *v, const struct field_errors *fe,
                      const char *field)
{
    const struct field_error *e = fe ? ferr_find(fe, field) : NULL;
    if (e)
        html_printf(v->out, "<p class=\"field-error\" id=\"err-%s\">%s</p>",
                    field, T(v, e->msg_id, e->msg_en));
}

void view_error_summary(struct view *v, const struct field_errors *fe)
{
    if (!fe || !ferr_any(fe))
        return;
    html_printf(v->out,
                "<div class=\"error-summary\" role=\"alert\"><h2>%s</h2><ul>",
                T(v, "Periksa isian berikut", "Please check these fields"));
    for (size_t i = 0; i < fe->n_items; i++)
        html_printf(v->out, "<li><a href=\"#f-%s\">%s</a></li>",
                    fe->items[i].field,
                    T(v, fe->items[i].msg_id, fe->items[i].msg_en));
    html_raw(v->out, "</ul></div>");
}

void view_input(struct view *v, const struct field_errors *fe, const char *name,
                const char *label, const char *value, const char *type,
                bool required, int maxlength)
{
    bool bad = fe && ferr_find(fe, name);
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-%s\">%s%s</label>",
                bad ? " invalid" : "", name, label, required ? " *" : "");
    view_field_error(v, fe, name);
    html_printf(v->out,
                "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", name,
                name, type ? type : "text", value ? value : "");
    if (maxlength > 0)
        html_printf(v->out, " maxlength=\"%d\"", maxlength);
    if (required)
        html_raw(v->out, " required");
    if (bad)
        html_printf(v->out,
                    " aria-invalid=\"true\" aria-describedby=\"err-%s\"", name);
    html_raw(v->out, "></div>");
}

void view_input_digits(struct view *v, const struct field_errors *fe,
                       const char *name, const char *label, const char *value,
                       bool required, int maxlength, const char *pattern)
{
    bool bad = fe && ferr_find(fe, name);
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-%s\">%s%s</label>",
                bad ? " invalid" : "", name, label, required ? " *" : "");
    view_field_error(v, fe, name);
    html_printf(v->out,
                "<input id=\"f-%s\" name=\"%s\" type=\"text\" "
                "inputmode=\"numeric\" value=\"%s\"",
                name, name, value ? value : "");
    if (pattern)
        html_printf(v->out, " pattern=\"%s\"", pattern);
    html_raw(v->out, " autocomplete=\"off\"");
    if (maxlength > 0)
        html_printf(v->out, " maxlength=\"%d\"", maxlength);
    if (required)
        html_raw(v->out, " required");
    if (bad)
        html_printf(v->out,
                    " aria-invalid=\"true\" aria-describedby=\"err-%s\"", name);
    html_raw(v->out, "></div>");
}

void view_textarea(struct view *v, const struct field_errors *fe,
                   const char *name, const char *label, const char *value,
                   int rows, int maxlength)
{
    bool bad = fe && ferr_find(fe, name);
    html_printf(v->out, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>",
                bad ? " invalid" : "", name, label);
    view_field_error(v, fe, name);
    html_printf(v->out,
                "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\" "
                "maxlength=\"%d\">%s</textarea></div>",
                name, name, rows, maxlength, value ? value : "");
}

const char *requirement_note(struct arena *a, const struct requirement *r,
                             int level, enum lang lang)
{
    if (r->mandatory)
        return NULL;
    if (!r->mandatory_levels)
        return L(lang, "tidak wajib", "optional");
    if (level >= 0) {
        const char *name = office_level_name((enum office_level)level, lang);
        bool here = requirement_mandatory_at(r, (enum office_level)level);
        if (lang == LANG_EN)
            return arena_printf(a, "%s at a %s office",
                                here ? "required" : "optional", name);
        return arena_printf(a, "%s di kantor %s",
                            here ? "wajib" : "tidak wajib", name);
    }
    struct buf b;
    buf_init(&b, 1024);
    buf_puts(&b, L(lang, "wajib bila diajukan di kantor ", "required at a "));
    bool first = true;
    for (int l = 0; l < OFFICE_AGENCY; l++) {
        if (!(r->mandatory_levels & (1u << l)))
            continue;
        if (!first)
            buf_puts(&b, L(lang, " atau ", " or "));
        buf_puts(&b, office_level_name((enum office_level)l, lang));
        first = false;
    }
    buf_puts(&b, L(lang, "; di kantor lain tidak wajib",
                   " office; optional elsewhere"));
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

const char *view_requirement_note(struct view *v, const struct requirement *r,
                                  int level)
{
    return requirement_note(v->arena, r, level, v->lang);
}

void view_photo_script(struct view *v)
{
    html_raw(v->out, "<script src=\"/static/photo.js\" defer></script>");
}

void view_error_page(struct view *v, int status, const char *message)
{
    const char *title;
    switch (status) {
    case 400:
        title = T(v, "Permintaan tidak sah", "Bad request");
        break;
    case 401:
        title = T(v, "Perlu masuk", "Sign-in needed");
        break;
    case 403:
        title = T(v, "Tidak diizinkan", "Not allowed");
        break;
    case 404:
        title = T(v, "Tidak ditemukan", "Not found");
        break;
    case 405:
        title = T(v, "Metode tidak diizinkan", "Method not allowed");
        break;
    case 409:
        title = T(v, "Bentrok perubahan", "Conflicting change");
        break;
    case 413:
        title = T(v, "Terlalu besar", "Too large");
        break;
    case 422:
        title = T(v, "Isian tidak valid", "Invalid input");
        break;
    case 429:
        title = T(v, "Terlalu banyak percobaan", "Too many attempts");
        break;
    case 503:
        title = T(v, "Layanan sedang tidak tersedia", "Service unavailable");
        break;
    default:
        title = T(v, "Terjadi kesalahan", "Something went wrong");
        break;
    }
    view_begin(v, title);
    html_printf(v->out,
                "<section class=\"error\"><h1>%d · %s</h1><p>%s</p>"
                "<p class=\"muted\">%s <code>%s</code></p>",
                status, title, message, T(v, "Kode permintaan:", "Request id:"),
                v->request_id ? v->request_id : "-");
    /* A kiosk's error page leads back to its kiosk only. */
    if (v->kiosk)
        html_printf(v->out, "<p><a class=\"button big\" href=\"%s\">%s</a></p>",
                    v->path && strncmp(v->path, "/complaints", 11) == 0
                        ? "/complaints/new?kiosk=1"
                        : "/survey/kiosk",
                    T(v, "Kembali", "Back"));
    else
        html_printf(v->out, "<p><a href=\"/\">%s</a></p>",
                    T(v, "Kembali ke beranda", "Back to the home page"));
    html_raw(v->out, "</section>");
    view_end(v);
}
