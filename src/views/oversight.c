/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* oversight.c: the pages of the performance view (see oversight.h). */
#include "views/oversight.h"
#include "views/readiness.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/complaint.h"
#include "core/humanize.h"
#include "core/skm.h"
#include "views/chart.h"
#include "views/queue.h"

const char *ov_pct(struct view *v, bool has, int64_t x10)
{
    if (!has)
        return "—";
    return human_number(v->arena, x10, 1, v->lang);
}

/* A trend month for people ("Agu 2026"). */
static const char *month(struct view *v, const char *ym)
{
    char *l = arena_alloc(v->arena, 16);
    period_month_label(ym, v->lang, l);
    return l;
}

/* The percent sign as core/humanize.h writes it, for the charts' labels:
 * after a no-break space in Bahasa Indonesia. */
static const char *pct_unit(struct view *v)
{
    return T(v, "\xc2\xa0%", "%");
}

/* A percentage with its sign ("94,1 %", "94.1%"), or "—". */
static const char *pct(struct view *v, bool has, int64_t x10)
{
    if (!has)
        return "—";
    return human_pct(v->arena, x10, 1, v->lang);
}

const char *ov_proc(struct view *v, const struct ov_processing *p, bool p90)
{
    if (!p->has)
        return "—";
    int64_t x = p90 ? p->p90 : p->median;
    if (p->minutes)
        return arena_printf(v->arena, "%s %s",
                            human_number(v->arena, x, 0, v->lang),
                            T(v, "menit", "min"));
    return arena_printf(v->arena, "%s %s",
                        human_number(v->arena, x, 1, v->lang),
                        T(v, "hari", "days"));
}

/* A count with thousands separators in the page's language. */
static const char *count(struct view *v, int64_t n)
{
    return human_number(v->arena, n, 0, v->lang);
}

/*
 * The change against the previous period: an arrow and the difference.
 * higher_is_better says which way is good.
 */
static void change(struct view *v, bool has_now, int64_t now, bool has_prev,
                   int64_t prev, int decimals, bool higher_is_better)
{
    if (!has_now || !has_prev) {
        html_raw(v->out, "<span class=\"change none\">·</span>");
        return;
    }
    int64_t d = now - prev;
    char num[40];
    human_number_buf(d < 0 ? -d : d, decimals, v->lang, num);
    if (d == 0) {
        html_printf(v->out, "<span class=\"change same\" title=\"%s\">=</span>",
                    T(v, "sama dengan periode sebelumnya",
                      "the same as the previous period"));
        return;
    }
    bool better = (d > 0) == higher_is_better;
    if (better)
        html_raw(v->out, "<span class=\"change better\"");
    else
        html_raw(v->out, "<span class=\"change worse\"");
    html_printf(v->out, " title=\"%s\">%s%s</span>",
                better ? T(v, "lebih baik dari periode sebelumnya",
                           "better than the previous period")
                       : T(v, "lebih buruk dari periode sebelumnya",
                           "worse than the previous period"),
                d > 0 ? "▲ +" : "▼ −", num);
}

static const char *ikm_text(struct view *v, const struct ov_ikm *k)
{
    if (!k->has)
        return "—";
    return arena_printf(v->arena, "%s (%c)",
                        human_number(v->arena, k->x100, 2, v->lang), k->grade);
}

/* "12 / 15" of complaints answered in time, or "—". */
static const char *answered(struct view *v, const struct ov_complaints *c)
{
    if (!c->received)
        return "—";
    return arena_printf(v->arena, "%lld / %lld", (long long)c->answered_in_time,
                        (long long)c->received);
}

/* The period form (GET, keeps the district). */
static void period_form(struct view *v, const struct ov_page *p,
                        const char *action)
{
    html_printf(v->out,
                "<form class=\"filters noprint\" method=\"get\" action=\"%s\">"
                "<label for=\"f-period\">%s</label><input id=\"f-period\" "
                "name=\"period\" maxlength=\"7\" value=\"%s\" "
                "placeholder=\"2026-03\" aria-describedby=\"f-period-hint\">"
                "<label for=\"f-from\">%s</label><input id=\"f-from\" "
                "name=\"from\" type=\"date\" value=\"%s\"><label "
                "for=\"f-to\">%s</label><input id=\"f-to\" name=\"to\" "
                "type=\"date\" value=\"%s\">",
                action, T(v, "Periode", "Period"),
                p->period_code ? p->period_code : "",
                T(v, "atau dari tanggal", "or from"),
                p->from_value ? p->from_value : "", T(v, "sampai", "to"),
                p->to_value ? p->to_value : "");
    if (p->districts && p->n_districts) {
        html_printf(v->out,
                    "<label for=\"f-district\">%s</label><select "
                    "id=\"f-district\" name=\"district\"><option "
                    "value=\"\">%s</option>",
                    T(v, "Kecamatan", "District"),
                    T(v, "Seluruh kabupaten", "The whole regency"));
        for (size_t i = 0; i < p->n_districts; i++) {
            bool sel = p->district &&
                       strcmp(p->district, p->districts[i].region_code) == 0;
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        p->districts[i].region_code, sel ? " selected" : "",
                        p->districts[i].district_name &&
                                *p->districts[i].district_name
                            ? p->districts[i].district_name
                            : p->districts[i].name);
        }
        html_raw(v->out, "</select>");
    }
    html_printf(v->out,
                "<button type=\"submit\">%s</button><p class=\"hint\" "
                "id=\"f-period-hint\">%s</p></form>",
                T(v, "Tampilkan", "Show"),
                T(v,
                  "Bulan 2026-03, triwulan 2026-Q1, semester 2026-S1, tahun "
                  "2026; atau dua tanggal.",
                  "Month 2026-03, quarter 2026-Q1, half-year 2026-S1, year "
                  "2026; or two dates."));
}

/* The headline figures of a scope. */
static void headline(struct view *v, const struct ov_report *r)
{
    const struct ov_measures *m = &r->total, *pm = &r->total_prev;
    html_raw(v->out, "<dl class=\"headline\">");
    html_printf(v->out, "<div><dt>%s</dt><dd>%s",
                T(v, "Selesai tepat waktu", "Completed on time"),
                pct(v, m->has_pct, m->on_time_pct_x10));
    change(v, m->has_pct, m->on_time_pct_x10, pm->has_pct, pm->on_time_pct_x10,
           1, true);
    html_printf(v->out, "</dd><dd class=\"muted\">%s %s %s %s</dd></div>",
                count(v, m->c.on_time), T(v, "dari", "of"),
                count(v, m->c.completed), T(v, "selesai", "completed"));
    html_printf(v->out, "<div><dt>%s</dt><dd>%s ",
                T(v, "Terlambat sekarang", "Overdue now"),
                count(v, m->overdue_now));
    html_printf(v->out, "</dd><dd class=\"muted\">%s</dd></div>",
                m->overdue_now
                    ? arena_printf(v->arena, "%s %lld %s",
                                   T(v, "tertua", "the oldest"),
                                   (long long)m->oldest_days_late,
                                   T(v, "hari kerja", "working days"))
                    : T(v, "tidak ada", "none"));
    html_printf(v->out, "<div><dt>%s</dt><dd>%s ", T(v, "Diterima", "Received"),
                count(v, m->c.received));
    change(v, true, m->c.received, true, pm->c.received, 0, true);
    html_printf(v->out, "</dd><dd class=\"muted\">%s %s · %s %s</dd></div>",
                count(v, m->c.returned), T(v, "dikembalikan", "returned"),
                count(v, m->c.rejected), T(v, "ditolak", "rejected"));
    html_printf(v->out,
                "<div><dt>%s</dt><dd>%s</dd><dd class=\"muted\">p90 %s</dd>"
                "</div>",
                T(v, "Waktu proses (median)", "Processing time (median)"),
                ov_proc(v, &m->proc, false), ov_proc(v, &m->proc, true));
    html_printf(
        v->out,
        "<div><dt>%s</dt><dd>%s</dd><dd class=\"muted\">%s %s · "
        "%s %s</dd></div>",
        T(v, "Pengaduan dijawab tepat waktu", "Complaints answered in time"),
        answered(v, &m->cmp), count(v, m->cmp.escalated),
        T(v, "dilaporkan ke Sekda", "escalated to the Sekda"),
        count(v, m->cmp.open), T(v, "terbuka", "open"));
    html_printf(v->out, "<div><dt>%s</dt><dd>%s ",
                T(v, "Indeks kepuasan (IKM)", "Satisfaction index (IKM)"),
                ikm_text(v, &m->ikm));
    change(v, m->ikm.has, m->ikm.x100, pm->ikm.has, pm->ikm.x100, 2, true);
    html_printf(v->out,
                "</dd><dd class=\"muted\">%s %s · %s %s</dd></div></dl>",
                count(v, m->ikm.respondents), T(v, "responden", "respondents"),
                T(v, "target", "target"), count(v, m->ikm.target));
}

static void page_title(struct view *v, const struct ov_page *p,
                       const char *title)
{
    html_printf(v->out,
                "<h1>%s</h1><p class=\"lead\">%s · <span class=\"muted\">%s "
                "%s</span></p>",
                title, p->period_text,
                T(v, "dibandingkan dengan", "compared with"), p->prev_text);
}

const struct readiness_summary *ov_readiness_of(const struct ov_page *p,
                                                int64_t office_id)
{
    for (size_t i = 0; p->readiness && i < p->n_readiness; i++)
        if (p->readiness[i].office_id == office_id)
            return &p->readiness[i];
    return NULL;
}

/* The readiness cell: the score (mandatory items met), overdue findings
 * and open reports of inability; "—" before the first assessment. */
static void readiness_cell(struct view *v, const struct readiness_summary *s,
                           bool links)
{
    if (!s) {
        html_raw(v->out, "<td>—</td>");
        return;
    }
    html_raw(v->out, "<td class=\"readiness\">");
    const char *score =
        s->assessed ? human_pct(v->arena, s->score_pct, 0, v->lang) : "—";
    if (links)
        html_printf(v->out, "<a href=\"/readiness/%s\">%s</a>", s->code, score);
    else
        html_printf(v->out, "%s", score);
    if (s->overdue_findings)
        html_printf(v->out, "<br><span class=\"overdue\">%lld %s</span>",
                    (long long)s->overdue_findings,
                    T(v, "temuan terlambat", "findings overdue"));
    if (s->open_inability)
        html_printf(v->out, "<br><span class=\"warn\">%lld %s</span>",
                    (long long)s->open_inability,
                    T(v, "laporan ketidakmampuan", "report(s) of inability"));
    html_raw(v->out, "</td>");
}

void view_oversight_home(struct view *v, const struct ov_page *p)
{
    const struct ov_report *r = p->r;
    const char *title = T(v, "Kinerja pelayanan kabupaten",
                          "The regency's service performance");
    view_begin(v, title);
    page_title(v, p, title);
    period_form(v, p, "/oversight");
    html_printf(v->out,
                "<p class=\"noprint links\"><a href=\"/oversight/trends?%s\">"
                "%s</a> · <a href=\"/oversight/overdue\">%s</a> · <a "
                "href=\"/oversight/escalations\">%s</a> · <a "
                "href=\"/oversight/report?%s\">%s</a> · <a "
                "href=\"/oversight/report?%s&amp;format=csv\">CSV</a> · <a "
                "href=\"/oversight/report?%s&amp;format=xlsx\">XLSX</a> · <a "
                "href=\"/oversight/readiness\">%s</a> · <a "
                "href=\"/oversight/socialisation\">%s</a></p>",
                p->query, T(v, "Tren 12 bulan", "12-month trends"),
                T(v, "Daftar terlambat", "Overdue list"),
                T(v, "Pengaduan yang dilaporkan", "Escalated complaints"),
                p->query, T(v, "Laporan bulanan", "Monthly report"), p->query,
                p->query, T(v, "Kesiapan kantor", "Office readiness"),
                T(v, "Sosialisasi", "Socialisation"));
    headline(v, r);
    html_printf(v->out, "<h2>%s</h2><p class=\"muted\">%s</p>",
                T(v, "Peringkat kantor", "Ranking of the offices"),
                arena_printf(v->arena,
                             v->lang == LANG_ID
                                 ? "Menurut persentase selesai tepat waktu. "
                                   "Kantor dengan kurang dari %lld "
                                   "permohonan selesai dicantumkan tanpa "
                                   "peringkat."
                                 : "By the share completed on time. Offices "
                                   "with fewer than %lld completed "
                                   "applications are listed without a rank.",
                             (long long)r->q.min_completed));
    html_printf(v->out,
                "<div class=\"scroll\"><table class=\"list ranking\"><thead>"
                "<tr><th scope=\"col\">#</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th>",
                T(v, "Kantor", "Office"), T(v, "Selesai", "Completed"),
                T(v, "Tepat waktu", "On time"), T(v, "12 bulan", "12 months"),
                T(v, "Terlambat sekarang", "Overdue now"),
                T(v, "Waktu proses", "Processing"), T(v, "IKM", "IKM"),
                T(v, "Pengaduan tepat waktu", "Complaints in time"));
    if (p->readiness)
        html_printf(v->out, "<th scope=\"col\">%s</th>",
                    T(v, "Kesiapan kantor", "Office readiness"));
    html_raw(v->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        html_raw(v->out, "<tr>");
        if (it->rank)
            html_printf(v->out, "<td>%d</td>", it->rank);
        else
            html_printf(v->out, "<td class=\"muted\" title=\"%s\">–</td>",
                        T(v, "terlalu sedikit permohonan selesai",
                          "too few completed applications"));
        html_printf(v->out,
                    "<td><a href=\"/oversight/offices/%s?%s\">%s</a><br><span "
                    "class=\"muted\">%s</span></td><td>%s</td><td>",
                    it->code, p->query, it->name,
                    it->district ? it->district : "",
                    count(v, it->now.c.completed));
        if (it->too_few)
            html_printf(
                v->out, "<span class=\"muted\">%s</span>",
                T(v, "terlalu sedikit untuk diukur", "too few to measure"));
        else {
            html_printf(v->out, "%s",
                        pct(v, it->now.has_pct, it->now.on_time_pct_x10));
            change(v, it->now.has_pct, it->now.on_time_pct_x10,
                   it->prev.has_pct, it->prev.on_time_pct_x10, 1, true);
        }
        html_raw(v->out, "</td><td>");
        int64_t spark[OVERSIGHT_TREND_MONTHS];
        for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
            spark[m] =
                it->trend_pct_x10[m] < 0 ? CHART_NONE : it->trend_pct_x10[m];
        chart_spark(v->out, spark, OVERSIGHT_TREND_MONTHS, 0, 1000, 1,
                    pct_unit(v), month(v, r->months[0]),
                    month(v, r->months[OVERSIGHT_TREND_MONTHS - 1]), v->lang);
        if (it->now.overdue_now)
            html_printf(v->out,
                        "</td><td class=\"overdue\"><a "
                        "href=\"/oversight/offices/%s/applications?which="
                        "overdue&amp;%s\">%s</a><br><span class=\"muted\">%lld "
                        "%s</span></td>",
                        it->code, p->query, count(v, it->now.overdue_now),
                        (long long)it->now.oldest_days_late,
                        T(v, "hari kerja", "working days"));
        else
            html_raw(v->out, "</td><td>0</td>");
        html_printf(v->out, "<td>%s</td><td>%s</td><td>%s</td>",
                    ov_proc(v, &it->now.proc, false), ikm_text(v, &it->now.ikm),
                    answered(v, &it->now.cmp));
        if (p->readiness)
            readiness_cell(v, ov_readiness_of(p, it->id), true);
        html_raw(v->out, "</tr>");
    }
    html_raw(v->out, "</tbody></table></div>");
    if (p->queue)
        view_queue_figures_section(v, p->queue, true);
    view_end(v);
}

void view_oversight_office(struct view *v, const struct ov_page *p,
                           const struct appl_officer *officers,
                           size_t n_officers)
{
    const struct ov_report *r = p->r;
    view_begin(v, p->office_name);
    html_printf(v->out,
                "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                "href=\"/oversight?%s\">%s</a></nav>",
                T(v, "Jejak", "Breadcrumbs"), p->query,
                T(v, "Kinerja kabupaten", "The regency's performance"));
    page_title(v, p, p->office_name);
    period_form(
        v, p, arena_printf(v->arena, "/oversight/offices/%s", p->office_code));
    headline(v, r);
    html_printf(v->out,
                "<p class=\"links noprint\"><a "
                "href=\"/oversight/offices/%s/applications?which=overdue&amp;"
                "%s\">%s</a> · <a href=\"/oversight/offices/%s/applications?"
                "which=late&amp;%s\">%s</a> · <a "
                "href=\"/oversight/offices/%s/applications?which=received&amp;"
                "%s\">%s</a></p>",
                p->office_code, p->query,
                T(v, "Terlambat sekarang", "Overdue now"), p->office_code,
                p->query, T(v, "Selesai terlambat", "Completed late"),
                p->office_code, p->query,
                T(v, "Semua yang diterima", "Everything received"));
    html_printf(
        v->out,
        "<h2>%s</h2><div class=\"scroll\"><table class=\"list\"><thead>"
        "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
        "scope=\"col\">%s</th></tr></thead><tbody>",
        T(v, "Per layanan", "By service"), T(v, "Layanan", "Service"),
        T(v, "Diterima", "Received"), T(v, "Selesai", "Completed"),
        T(v, "Tepat waktu", "On time"),
        T(v, "Terlambat sekarang", "Overdue now"),
        T(v, "Waktu proses (median / p90)", "Processing (median / p90)"),
        T(v, "IKM", "IKM"));
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        if (!it->now.c.received && !it->now.c.completed &&
            !it->now.overdue_now && !it->prev.c.completed)
            continue; /* nothing to show for this service */
        html_printf(v->out,
                    "<tr><td><a href=\"/oversight/offices/%s/applications?"
                    "which=received&amp;service=%s&amp;%s\">%s</a></td><td>%s"
                    "</td><td>%s</td><td>%s",
                    p->office_code, it->code, p->query,
                    L(v->lang, it->name,
                      it->name_en && *it->name_en ? it->name_en : it->name),
                    count(v, it->now.c.received), count(v, it->now.c.completed),
                    pct(v, it->now.has_pct, it->now.on_time_pct_x10));
        html_raw(v->out, "</td>");
        if (it->now.overdue_now)
            html_printf(v->out,
                        "<td class=\"overdue\"><a "
                        "href=\"/oversight/offices/%s/applications?which="
                        "overdue&amp;service=%s&amp;%s\">%s</a></td>",
                        p->office_code, it->code, p->query,
                        count(v, it->now.overdue_now));
        else
            html_raw(v->out, "<td>0</td>");
        html_printf(v->out, "<td>%s / %s</td><td>%s</td></tr>",
                    ov_proc(v, &it->now.proc, false),
                    ov_proc(v, &it->now.proc, true), ikm_text(v, &it->now.ikm));
    }
    html_raw(v->out, "</tbody></table></div>");
    if (officers && n_officers) {
        html_printf(v->out,
                    "<h2>%s</h2><div class=\"scroll\"><table class=\"list\">"
                    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">"
                    "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
                    "</th></tr></thead><tbody>",
                    T(v, "Per petugas", "By officer"),
                    T(v, "Petugas", "Officer"), T(v, "Peran", "Role"),
                    T(v, "Langkah dikerjakan dalam periode",
                      "Steps taken in the period"),
                    T(v, "Permohonan terbuka yang pernah ditangani",
                      "Open applications they handled"));
        for (size_t i = 0; i < n_officers; i++)
            html_printf(v->out,
                        "<tr><td>%s<br><span class=\"muted\">%s</span></td>"
                        "<td>%s</td><td>%s</td><td>%s</td></tr>",
                        officers[i].full_name, officers[i].login,
                        role_name(officers[i].role, v->lang),
                        count(v, officers[i].steps),
                        count(v, officers[i].open_handled));
        html_raw(v->out, "</tbody></table></div>");
    }
    if (p->queue)
        view_queue_figures_section(v, p->queue, false);
    view_end(v);
}

static void list_table(struct view *v, const struct ov_list *l);

void view_oversight_list(struct view *v, const struct ov_page *p,
                         const struct ov_list *l)
{
    view_begin(v, l->title);
    if (p->office_code)
        html_printf(v->out,
                    "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                    "href=\"/oversight?%s\">%s</a> › <a "
                    "href=\"/oversight/offices/%s?%s\">%s</a></nav>",
                    T(v, "Jejak", "Breadcrumbs"), p->query,
                    T(v, "Kinerja kabupaten", "The regency's performance"),
                    p->office_code, p->query, p->office_name);
    html_printf(v->out, "<h1>%s</h1>", l->title);
    if (p->period_text)
        html_printf(v->out, "<p class=\"lead\">%s</p>", p->period_text);
    if (l->n_items == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada permohonan.", "No applications."));
        view_end(v);
        return;
    }
    list_table(v, l);
    if (l->csv_href)
        html_printf(v->out, "<p class=\"noprint\"><a href=\"%s\">%s</a></p>",
                    l->csv_href, T(v, "Unduh CSV", "Download CSV"));
    view_end(v);
}

static void list_table(struct view *v, const struct ov_list *l)
{
    html_printf(v->out,
                "<div class=\"scroll\"><table class=\"list work\"><thead><tr>"
                "<th scope=\"col\">%s</th>",
                T(v, "Nomor", "Number"));
    if (l->show_office)
        html_printf(v->out, "<th scope=\"col\">%s</th>",
                    T(v, "Kantor", "Office"));
    html_printf(v->out,
                "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
                "<tbody>",
                T(v, "Layanan", "Service"), T(v, "Status", "Status"),
                T(v, "Dijanjikan", "Promised"),
                T(v, "Terlambat (hari kerja)", "Late (working days)"));
    for (size_t i = 0; i < l->n_items; i++) {
        const struct application *a = &l->items[i];
        if (l->days_late[i] > 0)
            html_raw(v->out, "<tr class=\"overdue\">");
        else
            html_raw(v->out, "<tr>");
        html_printf(v->out, "<td><a href=\"/applications/%s\">%s</a></td>",
                    a->regno, a->regno);
        if (l->show_office)
            html_printf(v->out, "<td>%s</td>", a->office_name);
        html_printf(
            v->out, "<td>%s</td><td>%s</td><td>%s</td><td>",
            L(v->lang, a->service_name_id,
              a->service_name_en && *a->service_name_en ? a->service_name_en
                                                        : a->service_name_id),
            appl_state_name(a->state, v->lang), l->when ? l->when[i] : "");
        if (l->days_late[i] > 0)
            html_printf(v->out, "<strong>%d</strong>", l->days_late[i]);
        else
            html_printf(v->out, "%s", T(v, "tepat waktu", "on time"));
        html_raw(v->out, "</td></tr>");
    }
    html_raw(v->out, "</tbody></table></div>");
    if (l->truncated)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v,
                      "Hanya 500 yang pertama ditampilkan; persempit "
                      "penyaringan atau unduh CSV.",
                      "Only the first 500 are shown; narrow the filters or "
                      "download the CSV."));
}

void view_oversight_overdue(struct view *v, const struct ov_page *p,
                            const struct ov_filters *f, const struct ov_list *l)
{
    view_begin(v, l->title);
    html_printf(v->out,
                "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                "href=\"/oversight\">%s</a></nav><h1>%s</h1>",
                T(v, "Jejak", "Breadcrumbs"),
                T(v, "Kinerja kabupaten", "The regency's performance"),
                l->title);
    html_raw(v->out, "<form class=\"filters noprint\" method=\"get\" "
                     "action=\"/oversight/overdue\">");
    if (!f->one_office) {
        html_printf(v->out,
                    "<label for=\"o-office\">%s</label><select id=\"o-office\" "
                    "name=\"office\"><option value=\"\">%s</option>",
                    T(v, "Kantor", "Office"), T(v, "Semua", "All"));
        for (size_t i = 0; i < f->n_offices; i++)
            html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                        f->offices[i].code,
                        strcmp(f->office, f->offices[i].code) == 0 ? " selected"
                                                                   : "",
                        f->offices[i].name);
        html_raw(v->out, "</select>");
        if (p->districts && p->n_districts) {
            html_printf(v->out,
                        "<label for=\"o-district\">%s</label><select "
                        "id=\"o-district\" name=\"district\"><option "
                        "value=\"\">%s</option>",
                        T(v, "Kecamatan", "District"), T(v, "Semua", "All"));
            for (size_t i = 0; i < p->n_districts; i++)
                html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                            p->districts[i].region_code,
                            p->district &&
                                    strcmp(p->district,
                                           p->districts[i].region_code) == 0
                                ? " selected"
                                : "",
                            p->districts[i].district_name &&
                                    *p->districts[i].district_name
                                ? p->districts[i].district_name
                                : p->districts[i].name);
            html_raw(v->out, "</select>");
        }
    }
    html_printf(v->out,
                "<label for=\"o-service\">%s</label><select id=\"o-service\" "
                "name=\"service\"><option value=\"\">%s</option>",
                T(v, "Layanan", "Service"), T(v, "Semua", "All"));
    for (size_t i = 0; i < f->n_services; i++)
        html_printf(
            v->out, "<option value=\"%s\"%s>%s</option>", f->service_codes[i],
            strcmp(f->service, f->service_codes[i]) == 0 ? " selected" : "",
            f->service_names[i]);
    html_printf(v->out,
                "</select><label for=\"o-state\">%s</label><select "
                "id=\"o-state\" name=\"state\"><option value=\"\">%s</option>",
                T(v, "Status", "Status"), T(v, "Semua", "All"));
    static const enum appl_state open_states[] = {APPL_RECEIVED, APPL_VERIFIED,
                                                  APPL_IN_PROCESS, APPL_SIGNED};
    for (size_t i = 0; i < sizeof(open_states) / sizeof(open_states[0]); i++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    appl_state_code(open_states[i]),
                    strcmp(f->state, appl_state_code(open_states[i])) == 0
                        ? " selected"
                        : "",
                    appl_state_name(open_states[i], v->lang));
    html_printf(v->out,
                "</select><label for=\"o-days\">%s</label><input id=\"o-days\" "
                "name=\"min_days\" type=\"number\" inputmode=\"numeric\" "
                "min=\"0\" max=\"1000\" value=\"%s\"><label "
                "for=\"o-sort\">%s</label><select id=\"o-sort\" name=\"sort\">"
                "<option value=\"late\"%s>%s</option><option "
                "value=\"office\"%s>%s</option><option value=\"service\"%s>%s"
                "</option></select><button type=\"submit\">%s</button></form>",
                T(v, "Terlambat sedikitnya (hari kerja)",
                  "At least (working days late)"),
                f->min_days, T(v, "Urutkan", "Sort"),
                strcmp(f->sort, "late") == 0 ? " selected" : "",
                T(v, "Paling lama terlambat", "Longest overdue"),
                strcmp(f->sort, "office") == 0 ? " selected" : "",
                T(v, "Kantor", "Office"),
                strcmp(f->sort, "service") == 0 ? " selected" : "",
                T(v, "Layanan", "Service"), T(v, "Tampilkan", "Show"));
    html_printf(v->out, "<p class=\"noprint\"><a href=\"%s\">%s</a></p>",
                f->csv_href, T(v, "Unduh CSV", "Download CSV"));
    if (l->n_items == 0)
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada permohonan yang terlambat.",
                      "No overdue applications."));
    else {
        html_printf(v->out, "<p>%s: <strong>%zu%s</strong></p>",
                    T(v, "Terlambat", "Overdue"), l->n_items,
                    l->truncated ? "+" : "");
        list_table(v, l);
    }
    view_end(v);
}

void view_oversight_trends(struct view *v, const struct ov_page *p)
{
    const struct ov_report *r = p->r;
    const char *title = T(v, "Tren 12 bulan", "Twelve-month trends");
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                "href=\"/oversight?%s\">%s</a>",
                T(v, "Jejak", "Breadcrumbs"), p->query,
                T(v, "Kinerja kabupaten", "The regency's performance"));
    if (p->office_code)
        html_printf(v->out, " › <a href=\"/oversight/offices/%s?%s\">%s</a>",
                    p->office_code, p->query, p->office_name);
    html_printf(v->out, "</nav><h1>%s</h1><p class=\"lead\">%s · %s – %s</p>",
                title,
                p->office_code ? p->office_name
                               : T(v, "Seluruh kabupaten", "The whole regency"),
                month(v, r->months[0]),
                month(v, r->months[OVERSIGHT_TREND_MONTHS - 1]));
    const char *labels[OVERSIGHT_TREND_MONTHS];
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
        labels[m] = month(v, r->months[m]);
    int64_t on_time[OVERSIGHT_TREND_MONTHS], rec[OVERSIGHT_TREND_MONTHS],
        done[OVERSIGHT_TREND_MONTHS], ikm[OVERSIGHT_TREND_MONTHS];
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++) {
        on_time[m] = r->total_trend_pct_x10[m] < 0 ? CHART_NONE
                                                   : r->total_trend_pct_x10[m];
        rec[m] = r->total_trend_received[m];
        done[m] = r->total_trend_completed[m];
        ikm[m] = r->total_trend_ikm_x100[m] < 0 ? CHART_NONE
                                                : r->total_trend_ikm_x100[m];
    }
    struct chart_series s1[] = {{T(v, "Tepat waktu", "On time"), on_time}};
    struct chart c1 = {T(v, "Permohonan selesai tepat waktu",
                         "Applications completed on time"),
                       T(v, "Tepat waktu (%)", "On time (%)"),
                       T(v, "Bulan", "Month"),
                       labels,
                       OVERSIGHT_TREND_MONTHS,
                       s1,
                       1,
                       1,
                       pct_unit(v),
                       0,
                       1000,
                       v->lang};
    chart_line(v->out, &c1, "t-ontime");
    struct chart_series s2[] = {{T(v, "Diterima", "Received"), rec},
                                {T(v, "Selesai", "Completed"), done}};
    struct chart c2 = {T(v, "Permohonan diterima dan selesai",
                         "Applications received and completed"),
                       T(v, "Permohonan", "Applications"),
                       T(v, "Bulan", "Month"),
                       labels,
                       OVERSIGHT_TREND_MONTHS,
                       s2,
                       2,
                       0,
                       "",
                       0,
                       0,
                       v->lang};
    chart_line(v->out, &c2, "t-volume");
    struct chart_series s3[] = {{"IKM", ikm}};
    struct chart c3 = {T(v, "Indeks kepuasan masyarakat (IKM)",
                         "Public satisfaction index (IKM)"),
                       "IKM",
                       T(v, "Bulan", "Month"),
                       labels,
                       OVERSIGHT_TREND_MONTHS,
                       s3,
                       1,
                       2,
                       "",
                       2500,
                       10000,
                       v->lang};
    chart_line(v->out, &c3, "t-ikm");
    int64_t med[OVERSIGHT_TREND_MONTHS], cmp[OVERSIGHT_TREND_MONTHS];
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++) {
        med[m] = r->total_trend_median[m] < 0 ? CHART_NONE
                                              : r->total_trend_median[m];
        cmp[m] = r->total_trend_cmp_pct_x10[m] < 0
                     ? CHART_NONE
                     : r->total_trend_cmp_pct_x10[m];
    }
    struct chart_series s4[] = {{T(v, "Median", "Median"), med}};
    struct chart c4 = {
        T(v, "Waktu proses (median)", "Processing time (median)"),
        r->total_trend_minutes ? T(v, "Menit kerja", "Working minutes")
                               : T(v, "Hari kerja", "Working days"),
        T(v, "Bulan", "Month"),
        labels,
        OVERSIGHT_TREND_MONTHS,
        s4,
        1,
        r->total_trend_minutes ? 0 : 1,
        "",
        0,
        0,
        v->lang};
    chart_line(v->out, &c4, "t-proc");
    struct chart_series s5[] = {
        {T(v, "Dijawab tepat waktu", "Answered in time"), cmp}};
    struct chart c5 = {
        T(v, "Pengaduan dijawab tepat waktu", "Complaints answered in time"),
        T(v, "Tepat waktu (%)", "In time (%)"),
        T(v, "Bulan", "Month"),
        labels,
        OVERSIGHT_TREND_MONTHS,
        s5,
        1,
        1,
        pct_unit(v),
        0,
        1000,
        v->lang};
    chart_line(v->out, &c5, "t-complaints");
    /* Every office's on-time rate by month, as a table of sparklines. */
    html_printf(v->out,
                "<h2>%s</h2><div class=\"scroll\"><table class=\"list\">"
                "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s"
                "</th>",
                p->office_code ? T(v, "Per layanan: tepat waktu per bulan",
                                   "By service: on time per month")
                               : T(v, "Per kantor: tepat waktu per bulan",
                                   "By office: on time per month"),
                p->office_code ? T(v, "Layanan", "Service")
                               : T(v, "Kantor", "Office"),
                T(v, "Tren", "Trend"));
    for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
        html_printf(v->out, "<th scope=\"col\">%s</th>", labels[m]);
    html_raw(v->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        int64_t spark[OVERSIGHT_TREND_MONTHS];
        for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
            spark[m] =
                it->trend_pct_x10[m] < 0 ? CHART_NONE : it->trend_pct_x10[m];
        if (p->office_code)
            html_printf(
                v->out, "<tr><td>%s</td><td>",
                L(v->lang, it->name,
                  it->name_en && *it->name_en ? it->name_en : it->name));
        else
            html_printf(v->out,
                        "<tr><td><a href=\"/oversight/trends?office=%s\">%s"
                        "</a></td><td>",
                        it->code, it->name);
        chart_spark(v->out, spark, OVERSIGHT_TREND_MONTHS, 0, 1000, 1,
                    pct_unit(v), month(v, r->months[0]),
                    month(v, r->months[OVERSIGHT_TREND_MONTHS - 1]), v->lang);
        html_raw(v->out, "</td>");
        for (int m = 0; m < OVERSIGHT_TREND_MONTHS; m++)
            html_printf(
                v->out, "<td>%s</td>",
                ov_pct(v, it->trend_pct_x10[m] >= 0, it->trend_pct_x10[m]));
        html_raw(v->out, "</tr>");
    }
    html_raw(v->out, "</tbody></table></div>");
    view_end(v);
}

/* The latest instruction about a complaint, in a box (red when its
 * follow-up is overdue). */
static void instruction_box(struct view *v, const struct followup *f,
                            const char *due, bool overdue)
{
    html_printf(v->out,
                "<div class=\"followup%s\"><p><strong>%s</strong> (%s, %s): "
                "%s</p><p>%s: %s",
                overdue ? " overdue" : "", T(v, "Instruksi", "Instruction"),
                f->actor, f->office_name, f->text,
                T(v, "Tindak lanjut paling lambat", "Follow-up due"),
                due ? due : "");
    if (f->answered_at)
        html_printf(v->out, "</p><p><strong>%s</strong> (%s): %s",
                    T(v, "Jawaban kantor", "The office's answer"),
                    f->answered_by ? f->answered_by : "",
                    f->answer ? f->answer : "");
    else if (overdue)
        html_printf(v->out, " · <strong class=\"late\">%s</strong>",
                    T(v, "terlambat, belum dijawab", "overdue, not answered"));
    else if (f->acknowledged_at)
        html_printf(v->out, " · %s (%s)",
                    T(v, "diterima kantor, belum dijawab",
                      "acknowledged, not answered yet"),
                    f->acknowledged_by ? f->acknowledged_by : "");
    else
        html_printf(v->out, " · %s",
                    T(v, "belum diterima kantor", "not acknowledged yet"));
    html_raw(v->out, "</p></div>");
}

void view_oversight_escalations(struct view *v,
                                const struct ov_escalation *items, size_t n,
                                bool may_instruct, const char *flash,
                                const char *error,
                                const struct ov_readiness_escalations *re)
{
    const char *title = T(v, "Pengaduan yang dilaporkan ke Sekda",
                          "Complaints escalated to the Sekda");
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                "href=\"/oversight\">%s</a></nav><h1>%s</h1>",
                T(v, "Jejak", "Breadcrumbs"),
                T(v, "Kinerja kabupaten", "The regency's performance"), title);
    if (flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>", flash);
    if (error)
        html_printf(v->out,
                    "<div class=\"error-summary\" role=\"alert\"><p>%s</p>"
                    "</div>",
                    error);
    if (n == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada pengaduan yang dilaporkan.",
                      "No escalated complaints."));
        if (re)
            view_readiness_escalations(v, re->findings, re->n_findings,
                                       re->reports, re->n_reports);
        view_end(v);
        return;
    }
    html_printf(v->out, "<p class=\"muted\">%s</p>",
                T(v,
                  "Pengaduan yang tidak diverifikasi atau tidak dijawab tepat "
                  "waktu, yang paling lama menunggu lebih dulu.",
                  "Complaints not verified or not answered in time, the "
                  "longest waiting first."));
    for (size_t i = 0; i < n; i++) {
        const struct ov_escalation *e = &items[i];
        const struct complaint *c = e->c;
        html_printf(
            v->out,
            "<article class=\"escalation%s\"><h2><a "
            "href=\"/complaints/%s\">%s</a> · %s</h2><p><strong>%s"
            "</strong>: %s</p><p class=\"muted\">%s: %s · %s %s</p>",
            e->followup_overdue ? " overdue" : "", c->number, c->number,
            c->office_name, T(v, "Alasan", "Reason"),
            complaint_escalation_reason(c->escalation_reason, v->lang),
            T(v, "Status", "Status"), complaint_state_name(c->state, v->lang),
            T(v, "batas waktu", "deadline"), e->deadline ? e->deadline : "—");
        if (e->followup)
            instruction_box(v, e->followup, e->followup_due,
                            e->followup_overdue);
        if (may_instruct)
            html_printf(v->out,
                        "<p class=\"noprint\"><a class=\"button\" "
                        "href=\"/oversight/escalations/%s/instruct\">%s</a>"
                        "</p>",
                        c->number,
                        e->followup ? T(v, "Instruksi baru", "New instruction")
                                    : T(v, "Beri instruksi kepada kantor",
                                        "Instruct the office"));
        html_raw(v->out, "</article>");
    }
    if (re)
        view_readiness_escalations(v, re->findings, re->n_findings, re->reports,
                                   re->n_reports);
    view_end(v);
}

void view_oversight_instruct(struct view *v, const struct ov_escalation *e,
                             const struct field_errors *fe, const char *text,
                             const char *due_days)
{
    const struct complaint *c = e->c;
    const char *title =
        T(v, "Instruksi kepada kantor", "Instruction to the office");
    view_begin(v, title);
    html_printf(v->out,
                "<nav class=\"crumbs noprint\" aria-label=\"%s\"><a "
                "href=\"/oversight/escalations\">%s</a></nav><h1>%s</h1>",
                T(v, "Jejak", "Breadcrumbs"),
                T(v, "Pengaduan yang dilaporkan", "Escalated complaints"),
                title);
    view_error_summary(v, fe);
    html_printf(v->out,
                "<p><a href=\"/complaints/%s\">%s</a> · %s</p><p><strong>%s"
                "</strong>: %s</p><blockquote>%s</blockquote>",
                c->number, c->number, c->office_name, T(v, "Alasan", "Reason"),
                complaint_escalation_reason(c->escalation_reason, v->lang),
                c->body ? c->body : "");
    if (e->followup)
        instruction_box(v, e->followup, e->followup_due, e->followup_overdue);
    html_printf(v->out,
                "<form method=\"post\" "
                "action=\"/oversight/escalations/%s/instruct\">",
                c->number);
    view_csrf(v);
    view_form_token(v);
    view_textarea(
        v, fe, "text",
        T(v, "Apa yang harus dilakukan kantor", "What the office must do"),
        text ? text : "", 4, 2000);
    html_printf(v->out,
                "<div class=\"field%s\"><label for=\"f-due_days\">%s</label>",
                fe && ferr_find(fe, "due_days") ? " invalid" : "",
                T(v, "Dijawab dalam (hari kerja, 1–30)",
                  "Answer within (working days, 1–30)"));
    view_field_error(v, fe, "due_days");
    html_printf(v->out,
                "<input id=\"f-due_days\" name=\"due_days\" type=\"number\" "
                "inputmode=\"numeric\" min=\"1\" max=\"30\" value=\"%s\" "
                "required></div><button type=\"submit\">%s</button></form>",
                due_days && *due_days ? due_days : "3",
                T(v, "Kirim instruksi", "Send the instruction"));
    view_end(v);
}

void view_followups(struct view *v, const struct ov_followup_row *rows,
                    size_t n, bool may_answer, const char *flash)
{
    const char *title = T(v, "Instruksi Sekda", "The Sekda's instructions");
    view_begin(v, title);
    html_printf(v->out, "<h1>%s</h1>", title);
    if (flash)
        html_printf(v->out, "<p class=\"flash\" role=\"status\">%s</p>", flash);
    if (n == 0) {
        html_printf(v->out, "<p>%s</p>",
                    T(v, "Tidak ada instruksi.", "No instructions."));
        view_end(v);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct followup *f = rows[i].f;
        html_printf(v->out, "<article class=\"followup%s\" id=\"fu-%lld\"><h2>",
                    rows[i].overdue ? " overdue" : "", (long long)f->id);
        if (rows[i].about)
            html_printf(v->out, "<a href=\"/complaints/%s\">%s</a> · ",
                        rows[i].about, rows[i].about);
        html_printf(v->out,
                    "%s</h2><p><strong>%s</strong> (%s): %s</p><p>%s: %s",
                    f->office_name, T(v, "Instruksi", "Instruction"), f->actor,
                    f->text, T(v, "Paling lambat", "Due"), rows[i].due);
        if (rows[i].overdue)
            html_printf(v->out, " · <strong class=\"late\">%s</strong>",
                        T(v, "terlambat", "overdue"));
        html_raw(v->out, "</p>");
        if (f->answered_at) {
            html_printf(v->out, "<p><strong>%s</strong> (%s): %s</p></article>",
                        T(v, "Jawaban", "Answer"),
                        f->answered_by ? f->answered_by : "",
                        f->answer ? f->answer : "");
            continue;
        }
        if (f->acknowledged_at)
            html_printf(v->out, "<p class=\"muted\">%s (%s)</p>",
                        T(v, "Sudah diterima", "Acknowledged"),
                        f->acknowledged_by ? f->acknowledged_by : "");
        else if (may_answer) {
            html_printf(v->out,
                        "<form class=\"inline noprint\" method=\"post\" "
                        "action=\"/followups/%lld/acknowledge\">",
                        (long long)f->id);
            view_csrf(v);
            html_printf(v->out,
                        "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                        "<button type=\"submit\" class=\"secondary\">%s"
                        "</button></form>",
                        f->version, T(v, "Terima instruksi", "Acknowledge"));
        } else
            html_printf(v->out, "<p class=\"muted\">%s</p>",
                        T(v, "Belum diterima kantor", "Not acknowledged yet"));
        if (may_answer) {
            html_printf(v->out,
                        "<form class=\"noprint\" method=\"post\" "
                        "action=\"/followups/%lld/answer\">",
                        (long long)f->id);
            view_csrf(v);
            html_printf(v->out,
                        "<input type=\"hidden\" name=\"version\" value=\"%d\">"
                        "<div class=\"field\"><label for=\"answer-%lld\">%s"
                        "</label><textarea id=\"answer-%lld\" name=\"answer\" "
                        "rows=\"3\" maxlength=\"2000\" required></textarea>"
                        "</div><button type=\"submit\">%s</button></form>",
                        f->version, (long long)f->id,
                        T(v, "Jawaban kepada Sekda", "Answer to the Sekda"),
                        (long long)f->id,
                        T(v, "Kirim jawaban", "Send the answer"));
        }
        html_raw(v->out, "</article>");
    }
    view_end(v);
}

/* One page of the report: the measures of a scope as a table. */
static void report_table(struct view *v, const struct ov_report *r)
{
    const struct ov_measures *m = &r->total, *pm = &r->total_prev;
    html_printf(v->out,
                "<table class=\"list report\"><thead><tr><th scope=\"col\">"
                "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                "</tr></thead><tbody>",
                T(v, "Ukuran", "Measure"), T(v, "Periode", "Period"),
                T(v, "Sebelumnya", "Previous"));
    html_printf(
        v->out,
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>—</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>"
        "<tr><td>%s</td><td>%s</td><td>%s</td></tr>",
        T(v, "Diterima", "Received"), count(v, m->c.received),
        count(v, pm->c.received), T(v, "Selesai", "Completed"),
        count(v, m->c.completed), count(v, pm->c.completed),
        T(v, "Selesai tepat waktu", "Completed on time"),
        pct(v, m->has_pct, m->on_time_pct_x10),
        pct(v, pm->has_pct, pm->on_time_pct_x10), T(v, "Ditolak", "Rejected"),
        count(v, m->c.rejected), count(v, pm->c.rejected),
        T(v, "Dikembalikan", "Returned"), count(v, m->c.returned),
        count(v, pm->c.returned),
        T(v, "Waktu proses (median)", "Processing time (median)"),
        ov_proc(v, &m->proc, false), ov_proc(v, &pm->proc, false),
        T(v, "Waktu proses (p90)", "Processing time (p90)"),
        ov_proc(v, &m->proc, true), ov_proc(v, &pm->proc, true),
        T(v, "Terlambat sekarang", "Overdue now"), count(v, m->overdue_now),
        T(v, "Pengaduan dijawab tepat waktu", "Complaints answered in time"),
        answered(v, &m->cmp), answered(v, &pm->cmp), T(v, "IKM", "IKM"),
        ikm_text(v, &m->ikm), ikm_text(v, &pm->ikm));
    html_raw(v->out, "</tbody></table>");
}

void view_oversight_report(struct view *v, const struct ov_page *p,
                           const struct ov_report *const *offices,
                           const char *const *office_names, size_t n_offices)
{
    const struct ov_report *r = p->r;
    const char *title =
        T(v, "Laporan kinerja pelayanan", "Service performance report");
    view_begin_print(v, title);
    html_printf(v->out,
                "<nav class=\"noprint\" aria-label=\"Menu\"><a "
                "href=\"/oversight?%s\">%s</a> · "
                "<a href=\"/oversight/report?%s&amp;format=csv\">CSV</a> · "
                "<a href=\"/oversight/report?%s&amp;format=xlsx\">XLSX</a>"
                "</nav>",
                p->query, T(v, "Kembali", "Back"), p->query, p->query);
    html_printf(v->out,
                "<section class=\"report-page\"><h1>%s</h1><p class=\"lead\">"
                "%s · %s %s</p>",
                title, p->period_text,
                T(v, "dibandingkan dengan", "compared with"), p->prev_text);
    report_table(v, r);
    html_printf(v->out,
                "<h2>%s</h2><table class=\"list report\"><thead><tr><th "
                "scope=\"col\">#</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                "scope=\"col\">%s</th><th scope=\"col\">%s</th>",
                T(v, "Peringkat kantor", "Ranking of the offices"),
                T(v, "Kantor", "Office"), T(v, "Selesai", "Completed"),
                T(v, "Tepat waktu", "On time"),
                T(v, "Terlambat sekarang", "Overdue now"), T(v, "IKM", "IKM"));
    if (p->readiness)
        html_printf(v->out, "<th scope=\"col\">%s</th>",
                    T(v, "Kesiapan kantor", "Office readiness"));
    html_raw(v->out, "</tr></thead><tbody>");
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s"
                    "</td><td>%s</td>",
                    it->rank ? arena_printf(v->arena, "%d", it->rank) : "–",
                    it->name, count(v, it->now.c.completed),
                    it->too_few
                        ? T(v, "terlalu sedikit", "too few")
                        : pct(v, it->now.has_pct, it->now.on_time_pct_x10),
                    count(v, it->now.overdue_now), ikm_text(v, &it->now.ikm));
        if (p->readiness)
            readiness_cell(v, ov_readiness_of(p, it->id), false);
        html_raw(v->out, "</tr>");
    }
    html_raw(v->out, "</tbody></table>");
    /* The summary fills its A4 page: the counter queue gets a page of its
     * own, printed only when the period has tickets. */
    if (p->queue && !p->queue->total.issued)
        html_printf(v->out, "<p class=\"noprint\">%s</p>",
                    T(v, "Antrean loket: belum ada nomor pada periode ini.",
                      "Counter queue: no tickets in this period."));
    html_raw(v->out, "</section>");
    if (p->queue && p->queue->total.issued) {
        html_printf(v->out,
                    "<section class=\"report-page\"><h1>%s</h1>"
                    "<p class=\"lead\">%s</p>",
                    T(v, "Antrean loket", "Counter queue"), p->period_text);
        view_queue_figures_section(v, p->queue, true);
        html_raw(v->out, "</section>");
    }
    for (size_t i = 0; i < n_offices; i++) {
        const struct ov_report *o = offices[i];
        html_printf(v->out,
                    "<section class=\"report-page\"><h1>%s</h1>"
                    "<p class=\"lead\">%s</p>",
                    office_names[i], p->period_text);
        const struct readiness_summary *rs =
            i < r->n_items ? ov_readiness_of(p, r->items[i].id) : NULL;
        if (rs && rs->assessed)
            html_printf(v->out,
                        "<p class=\"readiness\">%s: %s %s (%s %s)%s</p>",
                        T(v, "Kesiapan kantor", "Office readiness"),
                        human_pct(v->arena, rs->score_pct, 0, v->lang),
                        T(v, "butir wajib terpenuhi", "of mandatory items met"),
                        T(v, "penilaian", "assessed"),
                        human_date_iso(v->arena, rs->assessed_on, v->lang),
                        rs->overdue_findings
                            ? T(v, "; ada temuan pemeriksaan yang terlambat",
                                "; inspection findings overdue")
                            : "");
        else if (rs)
            html_printf(v->out, "<p class=\"readiness\">%s: %s</p>",
                        T(v, "Kesiapan kantor", "Office readiness"),
                        T(v, "belum dinilai", "not assessed"));
        report_table(v, o);
        html_printf(v->out,
                    "<table class=\"list report\"><thead><tr><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
                    "scope=\"col\">%s</th></tr></thead><tbody>",
                    T(v, "Layanan", "Service"), T(v, "Diterima", "Received"),
                    T(v, "Selesai", "Completed"),
                    T(v, "Tepat waktu", "On time"),
                    T(v, "Terlambat sekarang", "Overdue now"));
        for (size_t k = 0; k < o->n_items; k++) {
            const struct ov_item *it = &o->items[k];
            if (!it->now.c.received && !it->now.c.completed &&
                !it->now.overdue_now)
                continue;
            html_printf(v->out,
                        "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                        "<td>%s</td></tr>",
                        L(v->lang, it->name,
                          it->name_en && *it->name_en ? it->name_en : it->name),
                        count(v, it->now.c.received),
                        count(v, it->now.c.completed),
                        pct(v, it->now.has_pct, it->now.on_time_pct_x10),
                        count(v, it->now.overdue_now));
        }
        html_raw(v->out, "</tbody></table></section>");
    }
    html_raw(v->out, "</main></body></html>\n");
}

void view_performance(struct view *v, const struct ov_page *p)
{
    const struct ov_report *r = p->r;
    const char *title = T(v, "Kinerja pelayanan", "Service performance");
    view_begin(v, title);
    html_printf(v->out, "<h1>%s</h1><p class=\"lead\">%s</p><p>%s</p>", title,
                p->period_text,
                T(v,
                  "Setiap kantor menjanjikan tanggal selesai pada tanda "
                  "terima. Di sini tampak seberapa sering janji itu "
                  "ditepati, kepuasan warga (IKM), dan pengaduan yang "
                  "dijawab tepat waktu.",
                  "Every office promises a completion date on the receipt. "
                  "Here you see how often it keeps that promise, citizens' "
                  "satisfaction (IKM) and complaints answered in time."));
    period_form(v, p, "/performance");
    html_printf(
        v->out,
        "<div class=\"scroll\"><table class=\"list\"><thead><tr><th "
        "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
        "scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>"
        "<tbody>",
        T(v, "Kantor", "Office"),
        T(v, "Selesai tepat waktu", "Completed on time"), T(v, "IKM", "IKM"),
        T(v, "Pengaduan dijawab tepat waktu", "Complaints answered in time"));
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        html_printf(v->out, "<tr><td><a href=\"/offices/%s\">%s</a></td><td>",
                    it->code, it->name);
        if (it->too_few)
            html_printf(
                v->out, "<span class=\"muted\">%s</span>",
                T(v, "terlalu sedikit untuk diukur", "too few to measure"));
        else {
            html_printf(v->out, "%s",
                        pct(v, it->now.has_pct, it->now.on_time_pct_x10));
        }
        html_printf(v->out, "</td><td>%s</td><td>%s</td></tr>",
                    it->now.ikm.respondents >= r->q.min_completed
                        ? ikm_text(v, &it->now.ikm)
                        : T(v, "terlalu sedikit", "too few"),
                    it->now.cmp.received ? answered(v, &it->now.cmp) : "—");
    }
    html_raw(v->out, "</tbody></table></div>");
    view_end(v);
}

void view_performance_block(struct view *v, const struct ov_item *item,
                            int64_t min_completed, const char *period_text)
{
    html_printf(v->out,
                "<section class=\"performance\"><h2>%s</h2><p class=\"muted\">"
                "%s</p><dl class=\"summary\"><dt>%s</dt><dd>",
                T(v, "Kinerja kantor ini", "This office's performance"),
                period_text, T(v, "Selesai tepat waktu", "Completed on time"));
    if (!item || item->too_few || item->now.c.completed < min_completed)
        html_printf(v->out, "%s",
                    T(v, "terlalu sedikit untuk diukur", "too few to measure"));
    else {
        html_printf(v->out, "%s",
                    pct(v, item->now.has_pct, item->now.on_time_pct_x10));
    }
    html_printf(
        v->out,
        "</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
        "</dl><p><a href=\"/performance\">%s</a></p>"
        "</section>",
        T(v, "IKM", "IKM"),
        item && item->now.ikm.respondents >= min_completed
            ? ikm_text(v, &item->now.ikm)
            : T(v, "terlalu sedikit", "too few"),
        T(v, "Pengaduan dijawab tepat waktu", "Complaints answered in time"),
        item && item->now.cmp.received ? answered(v, &item->now.cmp) : "—",
        T(v, "Semua kantor", "Every office"));
}
