/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* public.c: public pages (see public.h). */
#include "views/public.h"
#include "views/readiness.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/humanize.h"
#include "views/oversight.h"

static const char *cat_name(struct view *v, const struct category *cats,
                            size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cats[i].code, code) == 0)
            return text2_get(&cats[i].name, v->lang);
    return code;
}

void view_home(struct view *v, const struct category *cats, size_t n_cats,
               size_t n_services, size_t n_points)
{
    view_begin(v, T(v, "Beranda", "Home"));
    html_printf(
        v->out,
        "<section class=\"hero\"><h1>%s</h1><p>%s</p>"
        "<form class=\"search\" method=\"get\" action=\"/services\">"
        "<label for=\"q\">%s</label><input id=\"q\" name=\"q\" "
        "type=\"search\" maxlength=\"100\" placeholder=\"%s\">"
        "<button type=\"submit\">%s</button></form></section>",
        T(v, "Satu pintu, semua layanan", "One door, every service"),
        T(v,
          "Ajukan surat, izin dan keterangan di kantor terdekat. Setiap "
          "layanan punya persyaratan, biaya dan waktu penyelesaian yang "
          "diumumkan, dan setiap tanda terima memuat tanggal janji selesai.",
          "Apply for letters, permits and certificates at the nearest "
          "office. Every service has published requirements, cost and "
          "time, and every receipt carries a promised completion date."),
        T(v, "Cari layanan", "Find a service"),
        T(v, "mis. domisili, SKTM, ahli waris", "e.g. domicile, income"),
        T(v, "Cari", "Search"));
    html_printf(v->out,
                "<p class=\"stats\">%s: <strong>%zu</strong> · %s: "
                "<strong>%zu</strong></p>",
                T(v, "Layanan", "Services"), n_services,
                T(v, "Titik layanan", "Service points"), n_points);
    html_printf(v->out, "<h2>%s</h2><ul class=\"cards\">",
                T(v, "Kategori layanan", "Service categories"));
    for (size_t i = 0; i < n_cats; i++) {
        html_printf(v->out, "<li><a href=\"/services?category=%s\">%s</a></li>",
                    cats[i].code, text2_get(&cats[i].name, v->lang));
    }
    html_printf(v->out, "</ul><h2>%s</h2><p><a href=\"/offices\">%s</a></p>",
                T(v, "Di mana saya mengajukan?", "Where do I apply?"),
                T(v, "Daftar kantor, jam buka dan layanan yang diterima",
                  "Offices, opening hours and the services they accept"));
    view_end(v);
}

void view_catalogue(struct view *v, const struct service_def *items,
                    size_t n_items, const struct category *cats, size_t n_cats,
                    const char *q, const char *category)
{
    view_begin(v, T(v, "Katalog layanan", "Service catalogue"));
    html_printf(v->out,
                "<h1>%s</h1><form class=\"filters\" method=\"get\" "
                "action=\"/services\"><label for=\"q\">%s</label>"
                "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" "
                "value=\"%s\"><label for=\"category\">%s</label>"
                "<select id=\"category\" name=\"category\"><option "
                "value=\"\">%s</option>",
                T(v, "Katalog layanan", "Service catalogue"),
                T(v, "Cari", "Search"), q ? q : "",
                T(v, "Kategori", "Category"),
                T(v, "Semua kategori", "All categories"));
    for (size_t i = 0; i < n_cats; i++) {
        bool sel = category && strcmp(category, cats[i].code) == 0;
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", cats[i].code,
                    sel ? " selected" : "", text2_get(&cats[i].name, v->lang));
    }
    html_printf(v->out,
                "</select><button type=\"submit\">%s</button></form>"
                "<p class=\"muted\">%zu %s</p>",
                T(v, "Tampilkan", "Show"), n_items,
                T(v, "layanan", n_items == 1 ? "service" : "services"));
    if (n_items == 0)
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada layanan yang cocok dengan pencarian.",
                      "No service matches the search."));
    html_raw(v->out, "<ul class=\"services\">");
    for (size_t i = 0; i < n_items; i++) {
        const struct service_def *s = &items[i];
        html_printf(
            v->out,
            "<li><a href=\"/services/%s\"><strong>%s</strong></a>"
            "<span class=\"tag\">%s</span><p>%s</p>"
            "<p class=\"facts\"><span>%s: %s</span> "
            "<span>%s: %s</span></p></li>",
            s->code, text2_get(&s->name, v->lang),
            cat_name(v, cats, n_cats, s->category),
            text2_get(&s->comp[COMP_DESCRIPTION], v->lang),
            T(v, "Waktu", "Time"), service_time_text(s, v->arena, v->lang),
            T(v, "Biaya", "Cost"), service_fee_text(s->fee, v->arena, v->lang));
    }
    html_raw(v->out, "</ul>");
    view_end(v);
}

static void levels_text(struct view *v, unsigned levels)
{
    bool first = true;
    for (int l = 0; l < OFFICE_AGENCY; l++) {
        if (!(levels & (1u << l)))
            continue;
        html_printf(v->out, "%s%s", first ? "" : ", ",
                    office_level_name((enum office_level)l, v->lang));
        first = false;
    }
}

/* The six public components: requirements, procedure, time, cost, product,
 * complaints. */
static void public_components(struct view *v, const struct service_def *s,
                              const struct office *chosen)
{
    html_printf(v->out, "<h2>1. %s</h2><ol class=\"reqs\">",
                T(v, "Persyaratan", "Requirements"));
    for (size_t i = 0; i < s->n_reqs; i++) {
        html_printf(v->out, "<li>%s", text2_get(&s->reqs[i].name, v->lang));
        const char *note = view_requirement_note(
            v, &s->reqs[i], chosen ? (int)chosen->level : -1);
        if (note)
            html_printf(v->out, " <span class=\"tag\">%s</span>", note);
        html_raw(v->out, "</li>");
    }
    html_printf(v->out, "</ol><h2>2. %s</h2><ol class=\"steps\">",
                T(v, "Prosedur", "Procedure"));
    for (size_t i = 0; i < s->n_steps; i++)
        html_printf(v->out, "<li>%s <span class=\"muted\">(%s)</span></li>",
                    text2_get(&s->steps[i].name, v->lang),
                    role_name(s->steps[i].role, v->lang));
    html_printf(v->out,
                "</ol><h2>3. %s</h2><p class=\"big\">%s</p>"
                "<h2>4. %s</h2><p class=\"big\">%s</p><p>%s</p>"
                "<h2>5. %s</h2><p>%s</p><h2>6. %s</h2><p>%s</p>",
                T(v, "Jangka waktu penyelesaian", "Time limit"),
                service_time_text(s, v->arena, v->lang),
                T(v, "Biaya/tarif", "Cost/tariff"),
                service_fee_text(s->fee, v->arena, v->lang),
                text2_get(&s->comp[COMP_COST], v->lang),
                T(v, "Produk pelayanan", "Service product"),
                text2_get(&s->comp[COMP_PRODUCT], v->lang),
                T(v, "Pengaduan, saran dan masukan",
                  "Complaints, suggestions and feedback"),
                text2_get(&s->comp[COMP_COMPLAINT], v->lang));
}

void view_service(struct view *v, const struct service_def *s,
                  const char *category_name, const struct office *offices,
                  size_t n_offices, const struct office *chosen,
                  const char *promise, bool provisional,
                  const char *const *notes)
{
    view_begin(v, text2_get(&s->name, v->lang));
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/services\">%s</a> › "
                "<a href=\"/services?category=%s\">%s</a></nav>"
                "<h1>%s</h1>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Katalog layanan", "Service catalogue"), s->category,
                category_name, text2_get(&s->name, v->lang));
    /* What a citizen on a phone needs first: how long, how much, where
     * (issue 15); the standard's components follow. */
    html_printf(v->out,
                "<dl class=\"keyfacts\"><div><dt>%s</dt><dd>%s</dd></div>"
                "<div><dt>%s</dt><dd>%s</dd></div><div><dt>%s</dt><dd>",
                T(v, "Waktu", "Time"), service_time_text(s, v->arena, v->lang),
                T(v, "Biaya", "Cost"),
                service_fee_text(s->fee, v->arena, v->lang),
                T(v, "Di mana", "Where"));
    levels_text(v, s->accepted_levels);
    html_printf(
        v->out,
        " <a href=\"#where\">%s</a></dd></div></dl>"
        "<p class=\"lead\">%s</p><p class=\"muted\">%s "
        "<code>%s</code> · %s %d · %s: ",
        n_offices ? arena_printf(v->arena, "(%zu %s)", n_offices,
                                 T(v, "titik layanan", "service points"))
                  : T(v, "(belum ada titik layanan)", "(no service point yet)"),
        text2_get(&s->comp[COMP_DESCRIPTION], v->lang), T(v, "Kode", "Code"),
        s->code, T(v, "versi standar", "standard version"), s->version,
        T(v, "diterima di", "accepted at"));
    levels_text(v, s->accepted_levels);
    html_printf(v->out,
                "</p><p><a class=\"button secondary\" "
                "href=\"/services/%s/poster\">%s</a></p>",
                s->code,
                T(v, "Cetak maklumat standar pelayanan (A4)",
                  "Print the service standard poster (A4)"));
    html_raw(v->out, "<section class=\"standard\">");
    public_components(v, s, chosen);
    html_raw(v->out, "</section>");
    html_printf(v->out, "<h2 id=\"where\">%s</h2>",
                T(v, "Di mana mengajukan", "Where to apply"));
    if (n_offices) {
        html_printf(v->out,
                    "<form class=\"filters\" method=\"get\" "
                    "action=\"/services/%s\"><label for=\"office\">%s"
                    "</label><select id=\"office\" name=\"office\">",
                    s->code,
                    T(v, "Kapan selesai jika saya mengajukan sekarang di",
                      "When is it done if I apply now at"));
        for (size_t i = 0; i < n_offices; i++)
            html_printf(
                v->out, "<option value=\"%s\"%s>%s</option>", offices[i].code,
                chosen && chosen->id == offices[i].id ? " selected" : "",
                offices[i].name);
        html_printf(v->out,
                    "</select><button type=\"submit\">%s</button>"
                    "</form>",
                    T(v, "Hitung", "Show"));
    }
    if (chosen && promise) {
        html_printf(
            v->out, "<p class=\"promise\">%s %s, %s <strong>%s</strong>",
            T(v, "Jika Anda mengajukan sekarang di", "If you apply now at"),
            chosen->name, T(v, "dijanjikan selesai", "it is promised by"),
            promise);
        if (provisional)
            html_printf(v->out, " <span class=\"tag warn\">%s</span>",
                        T(v, "perkiraan", "provisional"));
        html_raw(v->out, "</p>");
    }
    if (n_offices == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Belum ada titik layanan yang menerima layanan ini.",
                      "No service point accepts this service yet."));
    } else {
        html_raw(v->out, "<ul class=\"columns\">");
        for (size_t i = 0; i < n_offices; i++) {
            html_printf(v->out, "<li><a href=\"/offices/%s\">%s</a>",
                        offices[i].code, offices[i].name);
            if (notes && notes[i])
                html_printf(v->out, "<p class=\"warn referral\">%s</p>",
                            notes[i]);
            html_raw(v->out, "</li>");
        }
        html_raw(v->out, "</ul>");
    }
    view_end(v);
}

void view_poster(struct view *v, const struct service_def *s,
                 const struct office *office)
{
    view_begin_print(v, text2_get(&s->name, v->lang));
    /* One A4 page, always: a standard with more text than the bundled
     * ones (whose longest takes 257 of the page's 273 mm) prints smaller
     * (style.css: .poster.dense, .poster.denser). The weight is its
     * characters and 60 for each listed item (a line's start). */
    size_t weight = 0;
    for (size_t i = 0; i < s->n_reqs; i++)
        weight += strlen(s->reqs[i].name.id) + strlen(s->reqs[i].name.en) + 60;
    for (size_t i = 0; i < s->n_steps; i++)
        weight +=
            strlen(s->steps[i].name.id) + strlen(s->steps[i].name.en) + 60;
    static const enum service_component shown[] = {COMP_COST, COMP_PRODUCT,
                                                   COMP_COMPLAINT};
    for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
        weight += (s->comp[shown[i]].id ? strlen(s->comp[shown[i]].id) : 0) +
                  (s->comp[shown[i]].en ? strlen(s->comp[shown[i]].en) : 0);
    html_printf(v->out,
                "<article class=\"poster%s\"><header><p class=\"kicker\">%s"
                "</p><h1>%s</h1><p class=\"en\">%s</p>",
                weight > 5200   ? " denser"
                : weight > 3800 ? " dense"
                                : "",
                "MAKLUMAT STANDAR PELAYANAN · SERVICE STANDARD", s->name.id,
                s->name.en);
    if (office)
        html_printf(v->out, "<p class=\"office\">%s — %s</p>", office->name,
                    office->address);
    html_raw(v->out, "</header><div class=\"poster-grid\">");
    /* Both languages on the wall: Indonesian, then English in grey. */
    html_raw(v->out, "<section><h2>1. Persyaratan <span>Requirements</span>"
                     "</h2><ol>");
    for (size_t i = 0; i < s->n_reqs; i++) {
        int level = office ? (int)office->level : -1;
        const char *id =
            requirement_note(v->arena, &s->reqs[i], level, LANG_ID);
        const char *en =
            requirement_note(v->arena, &s->reqs[i], level, LANG_EN);
        html_printf(
            v->out, "<li>%s%s<span class=\"en\">%s%s</span></li>",
            s->reqs[i].name.id, id ? arena_printf(v->arena, " (%s)", id) : "",
            s->reqs[i].name.en, en ? arena_printf(v->arena, " (%s)", en) : "");
    }
    html_raw(v->out, "</ol></section><section><h2>2. Prosedur "
                     "<span>Procedure</span></h2><ol>");
    for (size_t i = 0; i < s->n_steps; i++)
        html_printf(v->out, "<li>%s<span class=\"en\">%s</span></li>",
                    s->steps[i].name.id, s->steps[i].name.en);
    html_printf(v->out,
                "</ol></section><section class=\"facts\"><h2>3. Waktu "
                "<span>Time</span></h2><p class=\"big\">%s<span "
                "class=\"en\">%s</span></p><h2>4. Biaya <span>Cost</span>"
                "</h2><p class=\"big\">%s<span class=\"en\">%s</span></p>"
                "<p>%s</p></section><section><h2>5. Produk "
                "<span>Product</span></h2><p>%s<span class=\"en\">%s</span>"
                "</p><h2>6. Pengaduan <span>Complaints</span></h2><p>%s"
                "<span class=\"en\">%s</span></p></section>",
                service_time_text(s, v->arena, LANG_ID),
                service_time_text(s, v->arena, LANG_EN),
                service_fee_text(s->fee, v->arena, LANG_ID),
                service_fee_text(s->fee, v->arena, LANG_EN),
                s->comp[COMP_COST].id, s->comp[COMP_PRODUCT].id,
                s->comp[COMP_PRODUCT].en, s->comp[COMP_COMPLAINT].id,
                s->comp[COMP_COMPLAINT].en);
    html_printf(v->out,
                "</div><footer><p>Kode layanan / service code: <strong>%s"
                "</strong> · versi / version %d</p><p>Pelayanan ini "
                "tidak dipungut biaya selain yang tercantum. / No charge "
                "beyond what is stated here.</p></footer></article>",
                s->code, s->version);
    html_raw(v->out, "</main></body></html>\n");
}

void view_hours(struct view *v, const struct hours *h, int utc_offset_min)
{
    static const char *const days_id[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                          "Kamis",  "Jumat", "Sabtu"};
    static const char *const days_en[] = {"Sunday",    "Monday",   "Tuesday",
                                          "Wednesday", "Thursday", "Friday",
                                          "Saturday"};
    html_printf(v->out, "<table class=\"hours\"><caption>%s (%s)</caption>",
                T(v, "Jam buka", "Opening hours"),
                office_zone_name(utc_offset_min));
    for (int i = 1; i <= 7; i++) {
        int d = i % 7; /* Monday first */
        html_printf(v->out, "<tr><th scope=\"row\">%s</th><td>",
                    T(v, days_id[d], days_en[d]));
        if (h->open[d] < 0)
            html_printf(v->out, "%s", T(v, "Tutup", "Closed"));
        else
            html_printf(v->out, "%02d.%02d–%02d.%02d", h->open[d] / 60,
                        h->open[d] % 60, h->close[d] / 60, h->close[d] % 60);
        html_raw(v->out, "</td></tr>");
    }
    html_printf(v->out, "</table><p class=\"muted\">%s</p>",
                T(v, "Tutup pada hari libur nasional dan cuti bersama.",
                  "Closed on national holidays and collective leave days."));
}

const char *view_open_text(struct view *v, const struct open_state *s,
                           int64_t now, int offset_min)
{
    int64_t at = s->open ? s->closes_at : s->opens_at;
    if (!s->open && !at)
        return T(v, "Tutup", "Closed");
    int64_t off = (int64_t)offset_min * 60;
    int64_t local = at + off, local_now = now + off;
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t today =
        local_now >= 0 ? local_now / 86400 : -((-local_now + 86399) / 86400);
    int hh = (int)((local - day * 86400) / 3600);
    int mm = (int)((local - day * 86400) / 60 % 60);
    if (s->open)
        return v->lang == LANG_EN
                   ? arena_printf(v->arena, "Open now, until %02d:%02d", hh, mm)
                   : arena_printf(v->arena, "Buka sekarang, sampai %02d.%02d",
                                  hh, mm);
    const char *when;
    if (day == today)
        when = T(v, "hari ini", "today");
    else if (day == today + 1)
        when = T(v, "besok", "tomorrow");
    else {
        when = human_date(v->arena, civil_from_days(day), v->lang);
    }
    return v->lang == LANG_EN
               ? arena_printf(v->arena, "Closed, opens %s at %02d:%02d", when,
                              hh, mm)
               : arena_printf(v->arena, "Tutup, buka %s pukul %02d.%02d", when,
                              hh, mm);
}

/* The link to a map of an office's position. */
static void map_link(struct view *v, const struct office *o)
{
    if (!o->has_position)
        return;
    char lat[16], lon[16];
    office_format_coord(o->lat_e6, lat);
    office_format_coord(o->lon_e6, lon);
    html_printf(v->out,
                " <a class=\"map\" href=\"https://www.openstreetmap.org/"
                "?mlat=%s&amp;mlon=%s#map=18/%s/%s\">%s</a>",
                lat, lon, lat, lon, T(v, "Peta", "Map"));
}

void view_offices(struct view *v, const struct office_list_page *p)
{
    view_begin(v, T(v, "Daftar kantor", "Office directory"));
    html_printf(v->out,
                "<h1>%s</h1><form class=\"filters\" method=\"get\" "
                "action=\"/offices\"><label for=\"q\">%s</label><input "
                "id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" "
                "value=\"%s\"><label for=\"district\">%s</label><select "
                "id=\"district\" name=\"district\"><option value=\"\">%s"
                "</option>",
                T(v, "Daftar kantor", "Office directory"),
                T(v, "Nama kantor, desa atau kelurahan",
                  "Office, desa or kelurahan name"),
                p->q ? p->q : "", T(v, "Kecamatan", "District"),
                T(v, "Semua", "All"));
    for (size_t i = 0; i < p->n_districts; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", p->districts[i].code,
            p->district && strcmp(p->district, p->districts[i].code) == 0
                ? " selected"
                : "",
            p->districts[i].name);
    html_printf(v->out,
                "</select><label for=\"level\">%s</label><select id=\"level\" "
                "name=\"level\"><option value=\"\">%s</option>",
                T(v, "Tingkat", "Level"),
                T(v, "Titik layanan saja", "Service points only"));
    static const char *const levels[] = {"all", "kecamatan", "kelurahan",
                                         "desa", "agency"};
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        enum office_level ol;
        const char *name = office_level_parse(levels[i], &ol)
                               ? office_level_name(ol, v->lang)
                               : T(v, "Semua kantor", "All offices");
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>", levels[i],
                    p->level && strcmp(p->level, levels[i]) == 0 ? " selected"
                                                                 : "",
                    name);
    }
    html_printf(v->out, "</select><button type=\"submit\">%s</button></form>",
                T(v, "Tampilkan", "Show"));
    /* A village's name: where its people apply. */
    if (p->n_served) {
        html_printf(
            v->out, "<section class=\"served\"><h2>%s</h2><ul>",
            T(v, "Desa dan kelurahan yang dicari", "Villages you looked for"));
        for (size_t i = 0; i < p->n_served; i++)
            html_printf(v->out,
                        "<li><strong>%s</strong> — %s <a "
                        "href=\"/offices/%s\">%s</a></li>",
                        p->served[i].village->name,
                        T(v, "ajukan permohonan di", "apply at"),
                        p->served[i].by->code, p->served[i].by->name);
        html_raw(v->out, "</ul></section>");
    }
    html_printf(v->out, "<p class=\"muted\">%zu %s</p>", p->n_items,
                T(v, "kantor", "offices"));
    /* Grouped by kecamatan: the items come in code order, so a district's
     * offices are together; agencies last. */
    const char *group = NULL;
    bool open_table = false;
    for (size_t i = 0; i < p->n_items; i++) {
        const struct office *o = &p->items[i];
        const char *g = o->level == OFFICE_AGENCY || !o->district_name
                            ? T(v, "Perangkat daerah", "Regency agencies")
                            : o->district_name;
        if (!group || strcmp(g, group) != 0) {
            if (open_table)
                html_raw(v->out, "</tbody></table>");
            html_printf(v->out,
                        "<h2>%s%s</h2><table class=\"list offices\"><thead>"
                        "<tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
                        "<tbody>",
                        o->level == OFFICE_AGENCY || !o->district_name
                            ? ""
                            : T(v, "Kecamatan ", "District of "),
                        g, T(v, "Kantor", "Office"), T(v, "Buka", "Open"),
                        T(v, "Titik layanan", "Service point"));
            group = g;
            open_table = true;
        }
        bool point = office_is_service_point(o, p->today);
        html_printf(v->out,
                    "<tr><td><a href=\"/offices/%s\">%s</a><br><span "
                    "class=\"muted\">%s",
                    o->code, o->name, o->address);
        if (o->phone && *o->phone)
            html_printf(v->out, " · <a href=\"tel:%s\">%s</a>", o->phone,
                        o->phone);
        map_link(v, o);
        html_printf(
            v->out,
            "</span></td><td class=\"%s\">%s</td><td>%s</td>"
            "</tr>",
            p->open && p->open[i].open ? "open-now" : "",
            p->open ? view_open_text(v, &p->open[i], p->now, o->utc_offset_min)
                    : "",
            point ? T(v, "Ya", "Yes")
                  : (o->service_point_since ? T(v, "Segera", "Soon")
                                            : T(v, "Belum", "Not yet")));
    }
    if (open_table)
        html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_office(struct view *v, const struct office *o,
                 const struct service_def *services, size_t n_services,
                 const char *today, const struct office_perf *perf,
                 const struct office_readiness *r, const struct office_extra *x)
{
    view_office_top(v, o, services, n_services, today, x);
    view_office_bottom(v, o, services, n_services, today, perf, r, x);
}

void view_office_top(struct view *v, const struct office *o,
                     const struct service_def *services, size_t n_services,
                     const char *today, const struct office_extra *x)
{
    view_begin(v, o->name);
    html_printf(v->out,
                "<nav class=\"crumbs\" aria-label=\"%s\"><a "
                "href=\"/offices\">%s</a></nav>"
                "<h1>%s</h1><p>%s</p>",
                T(v, "Jejak halaman", "Breadcrumb"),
                T(v, "Daftar kantor", "Office directory"), o->name, o->address);
    if (o->phone && *o->phone)
        html_printf(v->out, "<p>%s: <a href=\"tel:%s\">%s</a></p>",
                    T(v, "Telepon", "Phone"), o->phone, o->phone);
    if (o->has_position) {
        html_raw(v->out, "<p>");
        map_link(v, o);
        html_raw(v->out, "</p>");
    }
    bool point = office_is_service_point(o, today);
    if (point)
        html_printf(v->out, "<p class=\"ok\">%s %s</p>",
                    T(v, "Titik layanan sejak", "Service point since"),
                    human_date_iso(v->arena, o->service_point_since, v->lang));
    else if (o->service_point_since)
        html_printf(
            v->out, "<p class=\"warn\">%s %s</p>",
            T(v, "Menjadi titik layanan mulai", "Becomes a service point on"),
            human_date_iso(v->arena, o->service_point_since, v->lang));
    else if (x && x->apply_at)
        html_printf(v->out,
                    "<p class=\"warn\">%s <a href=\"/offices/%s\">%s</a>.</p>",
                    T(v,
                      "Kantor ini belum menjadi titik layanan. Ajukan "
                      "permohonan di",
                      "This office is not a service point yet. Apply at"),
                    x->apply_at->code, x->apply_at->name);
    else
        html_printf(v->out, "<p class=\"warn\">%s</p>",
                    T(v,
                      "Kantor ini belum menjadi titik layanan. Ajukan "
                      "permohonan di kantor kecamatan.",
                      "This office is not a service point yet. Apply at "
                      "the district office."));
    view_hours(v, &o->hours, o->utc_offset_min);
    if (point || o->service_point_since) {
        html_printf(v->out, "<h2>%s (%zu)</h2><ul class=\"columns\">",
                    T(v, "Layanan yang diterima", "Services accepted"),
                    n_services);
        for (size_t i = 0; i < n_services; i++)
            html_printf(v->out,
                        "<li><a href=\"/services/%s\">%s</a> <a "
                        "class=\"muted\" href=\"/services/%s/poster?office="
                        "%s\">%s</a></li>",
                        services[i].code, text2_get(&services[i].name, v->lang),
                        services[i].code, o->code, T(v, "maklumat", "poster"));
        html_raw(v->out, "</ul>");
    }
}

void view_office_bottom(struct view *v, const struct office *o,
                        const struct service_def *services, size_t n_services,
                        const char *today, const struct office_perf *perf,
                        const struct office_readiness *r,
                        const struct office_extra *x)
{
    /* Open now: after the kept part, as it changes with the clock. */
    if (x && x->open)
        html_printf(v->out, "<p class=\"open-state%s\"><strong>%s</strong></p>",
                    x->open->open ? " open-now" : "",
                    view_open_text(v, x->open, x->now, o->utc_offset_min));
    if (r)
        view_office_facilities(v, r->last, r->inspected_at, r->referrals,
                               r->n_referrals, services, n_services);
    bool point = office_is_service_point(o, today);
    if (perf && (point || perf->item))
        view_performance_block(v, perf->item, perf->min_completed,
                               perf->period_text);
    view_end(v);
}
