/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * oversight_pages.c: the pages of the performance view: the regency at a
 * glance (/oversight), one office (/oversight/offices/{code}), the
 * applications behind a figure, the overdue list, the trends, the
 * monthly report (A4, CSV, XLSX) and the public /performance page. The
 * measures are svc/oversight.c's, the lists svc/drilldown.c's, the pages
 * views/oversight.c's. Who sees what: scope_oversight() (core/role.c),
 * applied by oversight_query() and drill_*().
 */
#include <stdio.h>
#include <string.h>

#include "app/apps.h"
#include "app/oversight.h"
#include "app/queue.h"
#include "app/xlsx.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/csv.h"
#include "base/text.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "svc/drilldown.h"
#include "views/oversight.h"

/* The query's field errors as a page (or JSON) in the reader's language. */
static bool read_query(struct request *req, struct response *res,
                       struct ov_query *q)
{
    struct field_errors fe = {0};
    enum err rc = oversight_query(req, q, &fe);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    if (ferr_any(&fe)) {
        app_error(req, res, 422, fe.items[0].code, fe.items[0].msg_id,
                  fe.items[0].msg_en);
        return false;
    }
    return true;
}

/* The kecamatan offices, for the district filter. */
static enum err districts(struct request *req, struct office **items, size_t *n)
{
    struct office_filter f = {.level = OFFICE_KECAMATAN};
    return offices_list(req->db, req->arena, &f, items, n);
}

/* The page's period part: texts, the form's values, the query for links
 * (from, to and the district: the period read back exactly). */
static void fill_page(struct request *req, const struct ov_query *q,
                      struct ov_page *p)
{
    memset(p, 0, sizeof(*p));
    const struct period *pd = &q->period;
    char from[16], to[16], *code = arena_alloc(req->arena, 16);
    civil_format_date(pd->from, from);
    civil_format_date(pd->to, to);
    period_code(pd, code);
    p->period_code = code;
    if (!*code) {
        p->from_value = arena_strdup(req->arena, from);
        p->to_value = arena_strdup(req->arena, to);
    }
    char *text = arena_alloc(req->arena, 96),
         *prev = arena_alloc(req->arena, 96);
    period_text(pd->from, pd->to, pd->months, req->lang, text, 96);
    period_text(pd->prev_from, pd->prev_to, pd->months, req->lang, prev, 96);
    p->period_text = text;
    p->prev_text = prev;
    struct buf b;
    buf_init(&b, 512);
    if (*code) {
        buf_puts(&b, "period=");
        html_urlenc(&b, code);
    } else
        buf_printf(&b, "from=%s&to=%s", from, to);
    if (q->district) {
        buf_puts(&b, "&district=");
        html_urlenc(&b, q->district);
    }
    p->query = arena_strdup(req->arena, buf_cstr(&b));
    buf_free(&b);
    p->district = q->district;
}

/* The offices' readiness for the page: the column on /oversight (its rows
 * are service points: service_points_only) and the figures of the monthly
 * report (every office of the query's district, also one preparing to
 * become a service point). */
static enum err fill_readiness(struct request *req, const struct ov_query *q,
                               bool service_points_only, struct ov_page *p)
{
    struct readiness_summary_filter f = {.office_id = q->office_id,
                                         .district = q->district,
                                         .service_points_only =
                                             service_points_only};
    struct readiness_summary *items = NULL;
    size_t n = 0;
    enum err rc =
        readiness_summaries(req->db, req->arena, &f, req->now, &items, &n);
    p->readiness = items;
    p->n_readiness = n;
    p->now = req->now;
    return rc;
}

/* Scope: the office in the path, if c->who may see it (else 404, as if
 * there were none). */
static bool path_office(struct request *req, struct response *res,
                        struct office *o)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    if (rc == ERR_OK && !scope_oversight(&req->who, o->id))
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

/* ---- CSV and XLSX of the report's tables ---------------------------- */

static void csv_num(struct buf *b, bool has, int64_t v, int decimals)
{
    buf_putc(b, ',');
    if (!has)
        return;
    if (decimals == 0)
        buf_printf(b, "%lld", (long long)v);
    else if (decimals == 1)
        buf_printf(b, "%s%lld.%lld", v < 0 ? "-" : "",
                   (long long)((v < 0 ? -v : v) / 10),
                   (long long)((v < 0 ? -v : v) % 10));
    else
        buf_printf(b, "%s%lld.%02lld", v < 0 ? "-" : "",
                   (long long)((v < 0 ? -v : v) / 100),
                   (long long)((v < 0 ? -v : v) % 100));
}

/* The columns of a row of measures (after the row's own columns). */
static const char *const measure_cols_id[] = {
    "Diterima",
    "Selesai",
    "Selesai tepat waktu",
    "Tepat waktu (%)",
    "Terlambat sekarang",
    "Terlambat tertua (hari kerja)",
    "Dikembalikan",
    "Ditolak",
    "Waktu proses median",
    "Waktu proses p90",
    "Satuan waktu proses",
    "Pengaduan diterima",
    "Pengaduan diverifikasi tepat waktu",
    "Pengaduan dijawab tepat waktu",
    "Pengaduan dilaporkan ke Sekda",
    "Pengaduan terbuka",
    "IKM",
    "Mutu",
    "Responden",
    "Target sampel"};
static const char *const measure_cols_en[] = {"Received",
                                              "Completed",
                                              "Completed on time",
                                              "On time (%)",
                                              "Overdue now",
                                              "Oldest overdue (working days)",
                                              "Returned",
                                              "Rejected",
                                              "Processing median",
                                              "Processing p90",
                                              "Processing unit",
                                              "Complaints received",
                                              "Complaints verified in time",
                                              "Complaints answered in time",
                                              "Complaints escalated",
                                              "Complaints open",
                                              "IKM",
                                              "Grade",
                                              "Respondents",
                                              "Target sample"};
#define N_MEASURE_COLS (sizeof(measure_cols_id) / sizeof(measure_cols_id[0]))

/* The queue's waiting and service times of q's scope and period (the
 * offices of a district, one office, or the regency). */
static enum err queue_of(struct request *req, const struct ov_query *q,
                         struct queue_figures *out)
{
    char from[16], to[16];
    civil_format_date(q->period.from, from);
    civil_format_date(q->period.to, to);
    return queue_figures_of(req, q->office_id,
                            q->office_id ? NULL : q->district, from, to, out);
}

/* The queue columns of the CSV report (times in seconds). */
static const char *const queue_cols_id[] = {
    "Antrean: nomor diambil",
    "Antrean: dilayani",
    "Antrean: tidak hadir",
    "Antrean: tunggu rata-rata (detik)",
    "Antrean: tunggu median (detik)",
    "Antrean: tunggu p90 (detik)",
    "Antrean: layanan rata-rata (detik)",
    "Antrean: layanan median (detik)",
    "Antrean: layanan p90 (detik)"};
static const char *const queue_cols_en[] = {
    "Queue: tickets",          "Queue: served",
    "Queue: no-shows",         "Queue: wait mean (s)",
    "Queue: wait median (s)",  "Queue: wait p90 (s)",
    "Queue: service mean (s)", "Queue: service median (s)",
    "Queue: service p90 (s)"};
#define N_QUEUE_COLS (sizeof(queue_cols_id) / sizeof(queue_cols_id[0]))

static void csv_queue(struct buf *b, const struct queue_fig_line *l)
{
    if (!l) {
        for (size_t k = 0; k < N_QUEUE_COLS; k++)
            buf_putc(b, ',');
        return;
    }
    buf_printf(b, ",%lld,%lld,%lld", (long long)l->issued, (long long)l->served,
               (long long)l->no_shows);
    const struct queue_stats *st[2] = {&l->wait, &l->service};
    for (int i = 0; i < 2; i++) {
        if (st[i]->n)
            buf_printf(b, ",%lld,%lld,%lld", (long long)st[i]->mean_s,
                       (long long)st[i]->median_s, (long long)st[i]->p90_s);
        else
            buf_puts(b, ",,,");
    }
}

/* The line of office code in f's by-office figures, or NULL. */
static const struct queue_fig_line *queue_line(const struct queue_figures *f,
                                               const char *code)
{
    for (size_t i = 0; f && i < f->n_office; i++)
        if (strcmp(f->by_office[i].key, code) == 0)
            return &f->by_office[i];
    return NULL;
}

/* The readiness columns of the CSV report: the office's score over the
 * mandatory facilities, the date of its last self-assessment, and its
 * inspection findings open past their deadline. */
static const char *const ready_cols_id[] = {"Kesiapan: skor (%)",
                                            "Kesiapan: penilaian terakhir",
                                            "Kesiapan: temuan lewat batas"};
static const char *const ready_cols_en[] = {
    "Readiness: score (%)", "Readiness: last assessment",
    "Readiness: findings past deadline"};
#define N_READY_COLS (sizeof(ready_cols_id) / sizeof(ready_cols_id[0]))

static void csv_ready(struct buf *b, const struct readiness_summary *s)
{
    if (!s) {
        for (size_t k = 0; k < N_READY_COLS; k++)
            buf_putc(b, ',');
        return;
    }
    if (s->assessed)
        buf_printf(b, ",%d,%s", s->score_pct,
                   s->assessed_on ? s->assessed_on : "");
    else
        buf_puts(b, ",,");
    buf_printf(b, ",%lld", (long long)s->overdue_findings);
}

static void csv_measures(struct buf *b, const struct ov_measures *m,
                         enum lang lang)
{
    csv_num(b, true, m->c.received, 0);
    csv_num(b, true, m->c.completed, 0);
    csv_num(b, true, m->c.on_time, 0);
    csv_num(b, m->has_pct, m->on_time_pct_x10, 1);
    csv_num(b, true, m->overdue_now, 0);
    csv_num(b, m->overdue_now > 0, m->oldest_days_late, 0);
    csv_num(b, true, m->c.returned, 0);
    csv_num(b, true, m->c.rejected, 0);
    csv_num(b, m->proc.has, m->proc.median, m->proc.minutes ? 0 : 1);
    csv_num(b, m->proc.has, m->proc.p90, m->proc.minutes ? 0 : 1);
    buf_putc(b, ',');
    csv_put_field(b, m->proc.minutes ? L(lang, "menit kerja", "working minutes")
                                     : L(lang, "hari kerja", "working days"));
    csv_num(b, true, m->cmp.received, 0);
    csv_num(b, true, m->cmp.verified_in_time, 0);
    csv_num(b, true, m->cmp.answered_in_time, 0);
    csv_num(b, true, m->cmp.escalated, 0);
    csv_num(b, true, m->cmp.open, 0);
    csv_num(b, m->ikm.has, m->ikm.x100, 2);
    buf_putc(b, ',');
    if (m->ikm.has)
        buf_putc(b, m->ikm.grade);
    csv_num(b, true, m->ikm.respondents, 0);
    csv_num(b, true, m->ikm.target, 0);
}

/* The report as CSV: the scope's total first, then one row per office
 * (or per service of one office). */
static void report_csv(struct request *req, struct response *res,
                       const struct ov_report *r, const char *scope_name,
                       const struct queue_figures *queue,
                       const struct ov_page *ready)
{
    struct buf *b = &res->body;
    res->content_type = "text/csv; charset=utf-8";
    res_header(req, res, "Content-Disposition",
               "attachment; filename=\"kinerja.csv\"");
    bool by_service = r->q.by_service;
    char from[16], to[16];
    civil_format_date(r->q.period.from, from);
    civil_format_date(r->q.period.to, to);
    csv_put_field(b, L(req->lang, "Dari", "From"));
    buf_putc(b, ',');
    csv_put_field(b, L(req->lang, "Sampai", "To"));
    buf_putc(b, ',');
    csv_put_field(b, by_service ? L(req->lang, "Kode layanan", "Service code")
                                : L(req->lang, "Kode kantor", "Office code"));
    buf_putc(b, ',');
    csv_put_field(b, by_service ? L(req->lang, "Layanan", "Service")
                                : L(req->lang, "Kantor", "Office"));
    buf_putc(b, ',');
    csv_put_field(b, L(req->lang, "Peringkat", "Rank"));
    for (size_t k = 0; k < N_MEASURE_COLS; k++) {
        buf_putc(b, ',');
        csv_put_field(b, L(req->lang, measure_cols_id[k], measure_cols_en[k]));
    }
    for (size_t k = 0; queue && k < N_QUEUE_COLS; k++) {
        buf_putc(b, ',');
        csv_put_field(b, L(req->lang, queue_cols_id[k], queue_cols_en[k]));
    }
    for (size_t k = 0; ready && k < N_READY_COLS; k++) {
        buf_putc(b, ',');
        csv_put_field(b, L(req->lang, ready_cols_id[k], ready_cols_en[k]));
    }
    buf_puts(b, "\r\n");
    buf_printf(b, "%s,%s,,", from, to);
    csv_put_field(b, scope_name);
    buf_putc(b, ',');
    csv_measures(b, &r->total, req->lang);
    if (queue)
        csv_queue(b, &queue->total);
    /* The total row of one office is that office's readiness. */
    if (ready)
        csv_ready(b, r->q.office_id ? ov_readiness_of(ready, r->q.office_id)
                                    : NULL);
    buf_puts(b, "\r\n");
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        buf_printf(b, "%s,%s,", from, to);
        csv_put_field(b, it->code);
        buf_putc(b, ',');
        csv_put_field(b, by_service && req->lang == LANG_EN && it->name_en &&
                                 *it->name_en
                             ? it->name_en
                             : it->name);
        buf_putc(b, ',');
        if (it->rank)
            buf_printf(b, "%d", it->rank);
        csv_measures(b, &it->now, req->lang);
        /* Queue figures are per office (a service is no queue group). */
        if (queue)
            csv_queue(b, by_service ? NULL : queue_line(queue, it->code));
        if (ready)
            csv_ready(b, by_service ? NULL : ov_readiness_of(ready, it->id));
        buf_puts(b, "\r\n");
    }
}

static void xlsx_num(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, bool has,
                     int64_t v, int decimals, lxw_format *fmt)
{
    if (!has)
        return;
    double d = (double)v;
    for (int i = 0; i < decimals; i++)
        d /= 10.0;
    worksheet_write_number(ws, row, col, d, decimals ? fmt : NULL);
}

static void xlsx_measures(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row,
                          lxw_col_t col, const struct ov_measures *m,
                          struct arena *a, enum lang lang)
{
    lxw_col_t c = col;
    xlsx_num(ws, row, c++, true, m->c.received, 0, NULL);
    xlsx_num(ws, row, c++, true, m->c.completed, 0, NULL);
    xlsx_num(ws, row, c++, true, m->c.on_time, 0, NULL);
    xlsx_num(ws, row, c++, m->has_pct, m->on_time_pct_x10, 1, x->decimal);
    xlsx_num(ws, row, c++, true, m->overdue_now, 0, NULL);
    xlsx_num(ws, row, c++, m->overdue_now > 0, m->oldest_days_late, 0, NULL);
    xlsx_num(ws, row, c++, true, m->c.returned, 0, NULL);
    xlsx_num(ws, row, c++, true, m->c.rejected, 0, NULL);
    xlsx_num(ws, row, c++, m->proc.has, m->proc.median, m->proc.minutes ? 0 : 1,
             x->decimal);
    xlsx_num(ws, row, c++, m->proc.has, m->proc.p90, m->proc.minutes ? 0 : 1,
             x->decimal);
    worksheet_write_string(ws, row, c++,
                           m->proc.minutes
                               ? L(lang, "menit kerja", "working minutes")
                               : L(lang, "hari kerja", "working days"),
                           NULL);
    xlsx_num(ws, row, c++, true, m->cmp.received, 0, NULL);
    xlsx_num(ws, row, c++, true, m->cmp.verified_in_time, 0, NULL);
    xlsx_num(ws, row, c++, true, m->cmp.answered_in_time, 0, NULL);
    xlsx_num(ws, row, c++, true, m->cmp.escalated, 0, NULL);
    xlsx_num(ws, row, c++, true, m->cmp.open, 0, NULL);
    xlsx_num(ws, row, c++, m->ikm.has, m->ikm.x100, 2, x->decimal);
    if (m->ikm.has)
        worksheet_write_string(ws, row, c, arena_printf(a, "%c", m->ikm.grade),
                               NULL);
    c++;
    xlsx_num(ws, row, c++, true, m->ikm.respondents, 0, NULL);
    xlsx_num(ws, row, c++, true, m->ikm.target, 0, NULL);
}

/* One sheet: the header row, the scope's total, one row per item. */
static void xlsx_sheet(struct xlsx *x, struct request *req, const char *name,
                       const struct ov_report *r, const char *scope_name,
                       const char *period_text)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (!ws)
        return;
    bool by_service = r->q.by_service;
    worksheet_write_string(ws, 0, 0, text_safe(req->arena, scope_name),
                           x->bold);
    worksheet_write_string(ws, 1, 0, period_text, NULL);
    worksheet_write_string(ws, 3, 0,
                           by_service
                               ? L(req->lang, "Kode layanan", "Service code")
                               : L(req->lang, "Kode kantor", "Office code"),
                           x->bold);
    worksheet_write_string(ws, 3, 1,
                           by_service ? L(req->lang, "Layanan", "Service")
                                      : L(req->lang, "Kantor", "Office"),
                           x->bold);
    worksheet_write_string(ws, 3, 2, L(req->lang, "Peringkat", "Rank"),
                           x->bold);
    for (size_t k = 0; k < N_MEASURE_COLS; k++)
        worksheet_write_string(
            ws, 3, (lxw_col_t)(3 + k),
            L(req->lang, measure_cols_id[k], measure_cols_en[k]), x->bold);
    worksheet_write_string(ws, 4, 1, L(req->lang, "Jumlah", "Total"), x->bold);
    xlsx_measures(x, ws, 4, 3, &r->total, req->arena, req->lang);
    for (size_t i = 0; i < r->n_items; i++) {
        const struct ov_item *it = &r->items[i];
        lxw_row_t row = (lxw_row_t)(5 + i);
        worksheet_write_string(ws, row, 0, text_safe(req->arena, it->code),
                               NULL);
        worksheet_write_string(
            ws, row, 1,
            text_safe(req->arena, by_service && req->lang == LANG_EN &&
                                          it->name_en && *it->name_en
                                      ? it->name_en
                                      : it->name),
            NULL);
        if (it->rank)
            worksheet_write_number(ws, row, 2, it->rank, NULL);
        xlsx_measures(x, ws, row, 3, &it->now, req->arena, req->lang);
    }
    worksheet_set_column(ws, 1, 1, 36, NULL);
    worksheet_freeze_panes(ws, 4, 2);
}

/* ---- the counter queue's figures of a report's scope ---------------- */

static void xlsx_queue_rows(struct xlsx *x, struct request *req,
                            lxw_worksheet *ws, lxw_row_t *row,
                            const char *title,
                            const struct queue_fig_line *lines, size_t n,
                            const struct queue_fig_line *total)
{
    worksheet_write_string(ws, (*row)++, 0, title, x->bold);
    for (size_t k = 0; k < N_QUEUE_COLS; k++)
        worksheet_write_string(ws, *row, (lxw_col_t)(1 + k),
                               L(req->lang, queue_cols_id[k], queue_cols_en[k]),
                               x->bold);
    (*row)++;
    for (size_t i = 0; i <= n; i++) {
        const struct queue_fig_line *l = i < n ? &lines[i] : total;
        if (!l)
            break;
        worksheet_write_string(ws, *row, 0,
                               i < n ? text_safe(req->arena, l->key)
                                     : L(req->lang, "Jumlah", "Total"),
                               i < n ? NULL : x->bold);
        worksheet_write_number(ws, *row, 1, (double)l->issued, NULL);
        worksheet_write_number(ws, *row, 2, (double)l->served, NULL);
        worksheet_write_number(ws, *row, 3, (double)l->no_shows, NULL);
        const struct queue_stats *st[2] = {&l->wait, &l->service};
        for (int k = 0; k < 2; k++)
            if (st[k]->n) {
                worksheet_write_number(ws, *row, (lxw_col_t)(4 + 3 * k),
                                       (double)st[k]->mean_s, NULL);
                worksheet_write_number(ws, *row, (lxw_col_t)(5 + 3 * k),
                                       (double)st[k]->median_s, NULL);
                worksheet_write_number(ws, *row, (lxw_col_t)(6 + 3 * k),
                                       (double)st[k]->p90_s, NULL);
            }
        (*row)++;
    }
    (*row)++;
}

/* The sheet of the counter queue: per office and per service group. */
static void xlsx_queue(struct xlsx *x, struct request *req,
                       const struct queue_figures *f, const char *scope_name,
                       const char *period_text)
{
    lxw_worksheet *ws =
        workbook_add_worksheet(x->wb, L(req->lang, "Antrean", "Queue"));
    if (!ws)
        return;
    worksheet_write_string(ws, 0, 0, text_safe(req->arena, scope_name),
                           x->bold);
    worksheet_write_string(ws, 1, 0, period_text, NULL);
    lxw_row_t row = 3;
    xlsx_queue_rows(x, req, ws, &row, L(req->lang, "Per kantor", "By office"),
                    f->by_office, f->n_office, &f->total);
    xlsx_queue_rows(x, req, ws, &row,
                    L(req->lang, "Per kelompok layanan", "By service group"),
                    f->by_group, f->n_group, NULL);
    worksheet_set_column(ws, 0, 0, 24, NULL);
}

/* The sheet of the offices' readiness (as on /oversight, at the time the
 * report is made: readiness is a state, not a count over the period). */
static void xlsx_ready(struct xlsx *x, struct request *req,
                       const struct ov_page *p, const char *scope_name)
{
    lxw_worksheet *ws =
        workbook_add_worksheet(x->wb, L(req->lang, "Kesiapan", "Readiness"));
    if (!ws)
        return;
    worksheet_write_string(ws, 0, 0, text_safe(req->arena, scope_name),
                           x->bold);
    worksheet_write_string(ws, 1, 0,
                           L(req->lang, "Keadaan saat laporan dibuat",
                             "As when the report was made"),
                           NULL);
    static const char *const id[] = {
        "Kode kantor",        "Kantor",
        "Skor (%)",           "Semua wajib terpenuhi",
        "Penilaian terakhir", "Temuan terbuka",
        "Temuan lewat batas"};
    static const char *const en[] = {
        "Office code",           "Office",          "Score (%)",
        "All mandatory met",     "Last assessment", "Open findings",
        "Findings past deadline"};
    for (size_t k = 0; k < sizeof(id) / sizeof(id[0]); k++)
        worksheet_write_string(ws, 3, (lxw_col_t)k, L(req->lang, id[k], en[k]),
                               x->bold);
    for (size_t i = 0; i < p->n_readiness; i++) {
        const struct readiness_summary *r = &p->readiness[i];
        lxw_row_t row = (lxw_row_t)(4 + i);
        worksheet_write_string(ws, row, 0, text_safe(req->arena, r->code),
                               NULL);
        worksheet_write_string(ws, row, 1, text_safe(req->arena, r->name),
                               NULL);
        if (r->assessed) {
            worksheet_write_number(ws, row, 2, (double)r->score_pct, NULL);
            worksheet_write_string(ws, row, 3,
                                   r->all_mandatory
                                       ? L(req->lang, "ya", "yes")
                                       : L(req->lang, "tidak", "no"),
                                   NULL);
            if (r->assessed_on)
                worksheet_write_string(ws, row, 4, r->assessed_on, NULL);
        } else {
            worksheet_write_string(
                ws, row, 4, L(req->lang, "belum dinilai", "not assessed"),
                NULL);
        }
        worksheet_write_number(ws, row, 5, (double)r->open_findings, NULL);
        worksheet_write_number(ws, row, 6, (double)r->overdue_findings, NULL);
    }
    worksheet_set_column(ws, 1, 1, 32, NULL);
}

/* ---- the regency at a glance ---------------------------------------- */

void h_oversight(struct request *req, struct response *res)
{
    /* A head of office: their own office's page. */
    if (!role_has(req->who.role, PERM_OVERSIGHT)) {
        struct office o;
        enum err rc =
            offices_get_by_id(req->db, req->arena, req->who.office_id, &o);
        if (rc != ERR_OK) {
            app_fail(req, res, rc == ERR_NOT_FOUND ? ERR_DENIED : rc);
            return;
        }
        /* The whole query goes along (the period, and ?lang=). */
        struct buf b;
        buf_init(&b, 8192);
        buf_printf(&b, "/oversight/offices/%s", o.code);
        for (size_t i = 0; i < req->query.n_items; i++) {
            buf_putc(&b, i ? '&' : '?');
            html_urlenc(&b, req->query.items[i].name);
            buf_putc(&b, '=');
            html_urlenc(&b, req->query.items[i].value);
        }
        const char *to = arena_strdup(req->arena, buf_cstr(&b));
        buf_free(&b);
        res_redirect(req, res, to);
        return;
    }
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    q.trends = true;
    struct svc_ctx c = app_svc(req);
    struct ov_report r;
    struct office *ds = NULL;
    size_t nd = 0;
    enum err rc = oversight_report(&c, &q, &r);
    if (rc == ERR_OK)
        rc = districts(req, &ds, &nd);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct queue_figures qf;
    rc = queue_of(req, &q, &qf);
    if (rc != ERR_OK && rc != ERR_TOO_LARGE) {
        app_fail(req, res, rc);
        return;
    }
    struct ov_page p;
    fill_page(req, &q, &p);
    p.r = &r;
    p.districts = ds;
    p.n_districts = nd;
    p.queue = rc == ERR_OK ? &qf : NULL;
    rc = fill_readiness(req, &q, true, &p);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_oversight_home(&v, &p);
}

/* ---- one office -------------------------------------------------------- */

void h_oversight_office(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    q.office_id = o.id;
    q.district = NULL;
    q.by_service = true;
    struct svc_ctx c = app_svc(req);
    struct ov_report r;
    struct appl_officer *officers = NULL;
    size_t n_officers = 0;
    enum err rc = oversight_report(&c, &q, &r);
    if (rc == ERR_OK)
        rc = drill_officers(&c, o.id, &q.period, &officers, &n_officers);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct queue_figures qf;
    rc = queue_of(req, &q, &qf);
    if (rc != ERR_OK && rc != ERR_TOO_LARGE) {
        app_fail(req, res, rc);
        return;
    }
    const struct queue_figures *queue = rc == ERR_OK ? &qf : NULL;
    const char *format = params_get(&req->query, "format");
    if (format && strcmp(format, "csv") == 0) {
        struct ov_page rp;
        memset(&rp, 0, sizeof(rp));
        rc = fill_readiness(req, &q, false, &rp);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        report_csv(req, res, &r, o.name, queue, &rp);
        return;
    }
    struct ov_page p;
    fill_page(req, &q, &p);
    p.r = &r;
    p.office_code = o.code;
    p.office_name = o.name;
    p.queue = queue;
    struct view v = app_view(req, res);
    view_oversight_office(&v, &p, officers, n_officers);
}

/* ---- the lists -------------------------------------------------------- */

/* A list as CSV: number, office, service, state, promised, completed,
 * working days late (no personal data). */
static void list_csv(struct request *req, struct response *res,
                     const struct drill_list *l)
{
    struct buf *b = &res->body;
    res->content_type = "text/csv; charset=utf-8";
    res_header(req, res, "Content-Disposition",
               "attachment; filename=\"permohonan.csv\"");
    static const char *const head_id[] = {"Nomor",    "Kode kantor",
                                          "Kantor",   "Kode layanan",
                                          "Layanan",  "Status",
                                          "Diterima", "Dijanjikan",
                                          "Selesai",  "Terlambat (hari kerja)"};
    static const char *const head_en[] = {"Number",    "Office code",
                                          "Office",    "Service code",
                                          "Service",   "Status",
                                          "Received",  "Promised",
                                          "Completed", "Late (working days)"};
    for (size_t k = 0; k < sizeof(head_id) / sizeof(head_id[0]); k++) {
        if (k)
            buf_putc(b, ',');
        csv_put_field(b, L(req->lang, head_id[k], head_en[k]));
    }
    buf_puts(b, "\r\n");
    int off = app_utc_offset(req);
    for (size_t i = 0; i < l->n; i++) {
        const struct application *a = &l->items[i];
        char sub[32], prom[32], done[32] = "";
        civil_format_iso(a->submitted_at, off, sub);
        civil_format_iso(a->promised_at, off, prom);
        if (a->completed_at)
            civil_format_iso(a->completed_at, off, done);
        const char *fields[] = {a->regno,
                                a->office_code,
                                a->office_name,
                                a->service_code,
                                L(req->lang, a->service_name_id,
                                  a->service_name_en && *a->service_name_en
                                      ? a->service_name_en
                                      : a->service_name_id),
                                appl_state_name(a->state, req->lang),
                                sub,
                                prom,
                                done};
        for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
            if (k)
                buf_putc(b, ',');
            csv_put_field(b, fields[k]);
        }
        buf_printf(b, ",%d\r\n", l->days_late[i]);
    }
}

/* The times shown in a list: the promise (overdue) or completion. */
static const char **list_times(struct request *req, const struct drill_list *l)
{
    const char **when =
        arena_alloc(req->arena, (l->n ? l->n : 1) * sizeof(*when));
    int off = app_utc_offset(req);
    for (size_t i = 0; i < l->n; i++)
        when[i] = apps_when(req, l->items[i].promised_at, off);
    return when;
}

/* The link to the same list as CSV. */
static const char *csv_link(struct request *req)
{
    struct buf b;
    buf_init(&b, 4096);
    buf_puts(&b, req->path);
    buf_puts(&b, "?format=csv");
    for (size_t i = 0; i < req->query.n_items; i++) {
        if (strcmp(req->query.items[i].name, "format") == 0)
            continue;
        buf_putc(&b, '&');
        html_urlenc(&b, req->query.items[i].name);
        buf_putc(&b, '=');
        html_urlenc(&b, req->query.items[i].value);
    }
    const char *s = arena_strdup(req->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void h_oversight_applications(struct request *req, struct response *res)
{
    struct office o;
    if (!path_office(req, res, &o))
        return;
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    const char *which = params_get(&req->query, "which");
    struct drill_query dq = {.period = q.period,
                             .office_id = o.id,
                             .service_id = q.service_id,
                             .sort = APPL_SORT_DEFAULT};
    const char *title_id, *title_en;
    if (!which || strcmp(which, "overdue") == 0) {
        dq.kind = APPL_LIST_OVERDUE;
        title_id = "Terlambat sekarang";
        title_en = "Overdue now";
    } else if (strcmp(which, "late") == 0) {
        dq.kind = APPL_LIST_LATE;
        title_id = "Selesai terlambat";
        title_en = "Completed late";
    } else if (strcmp(which, "completed") == 0) {
        dq.kind = APPL_LIST_COMPLETED;
        title_id = "Selesai";
        title_en = "Completed";
    } else if (strcmp(which, "received") == 0) {
        dq.kind = APPL_LIST_RECEIVED;
        title_id = "Diterima";
        title_en = "Received";
    } else {
        app_error(req, res, 422, "invalid_list",
                  "Daftar tidak dikenal: which=overdue, late, completed atau "
                  "received.",
                  "Unknown list: which=overdue, late, completed or received.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct drill_list l;
    enum err rc = drill_applications(&c, &dq, &l);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *format = params_get(&req->query, "format");
    if (format && strcmp(format, "csv") == 0) {
        list_csv(req, res, &l);
        return;
    }
    /* Late ones first in the period's lists: the store orders overdue
     * and late lists by lateness already; received and completed keep
     * their time order with the late ones moved ahead. */
    if (dq.kind == APPL_LIST_RECEIVED || dq.kind == APPL_LIST_COMPLETED) {
        size_t w = 0;
        struct application *items =
            arena_alloc(req->arena, (l.n ? l.n : 1) * sizeof(*items));
        int *late = arena_alloc(req->arena, (l.n ? l.n : 1) * sizeof(int));
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < l.n; i++)
                if ((l.days_late[i] > 0) == (pass == 0)) {
                    items[w] = l.items[i];
                    late[w++] = l.days_late[i];
                }
        l.items = items;
        l.days_late = late;
    }
    struct ov_page p;
    fill_page(req, &q, &p);
    p.office_code = o.code;
    p.office_name = o.name;
    if (dq.kind == APPL_LIST_OVERDUE)
        p.period_text = L(req->lang, "Keadaan sekarang", "As of now");
    const char *title = L(req->lang, title_id, title_en);
    if (q.service_id) {
        const char *code = params_get(&req->query, "service");
        title = arena_printf(req->arena, "%s · %s", title, code ? code : "");
    }
    struct ov_list ol = {.title =
                             arena_printf(req->arena, "%s · %s", title, o.name),
                         .items = l.items,
                         .n_items = l.n,
                         .days_late = l.days_late,
                         .when = list_times(req, &l),
                         .show_office = false,
                         .truncated = l.truncated,
                         .csv_href = csv_link(req)};
    struct view v = app_view(req, res);
    view_oversight_list(&v, &p, &ol);
}

void h_oversight_overdue(struct request *req, struct response *res)
{
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    struct ov_filters f = {0};
    f.office = params_str(&req->query, req->arena, "office");
    f.service = params_str(&req->query, req->arena, "service");
    f.state = params_str(&req->query, req->arena, "state");
    f.min_days = params_str(&req->query, req->arena, "min_days");
    f.sort = params_str(&req->query, req->arena, "sort");
    f.one_office = !role_has(req->who.role, PERM_OVERSIGHT);
    struct drill_query dq = {.kind = APPL_LIST_OVERDUE,
                             .period = q.period,
                             .office_id = q.office_id,
                             .district = q.district,
                             .service_id = q.service_id};
    if (*f.state) {
        enum appl_state st;
        if (!appl_state_parse(f.state, &st)) {
            app_error(req, res, 422, "unknown_state", "Status tidak dikenal.",
                      "Unknown status.");
            return;
        }
        dq.state = appl_state_code(st);
    }
    if (*f.min_days) {
        int64_t d = 0;
        if (!str_to_int(f.min_days, 0, 1000, &d)) {
            app_error(req, res, 422, "out_of_range",
                      "Hari terlambat: bilangan 0 sampai 1000.",
                      "Days late: a number from 0 to 1000.");
            return;
        }
        dq.min_days_late = (int)d;
    }
    if (!*f.sort || strcmp(f.sort, "late") == 0)
        f.sort = "late";
    else if (strcmp(f.sort, "office") == 0)
        dq.sort = APPL_SORT_OFFICE;
    else if (strcmp(f.sort, "service") == 0)
        dq.sort = APPL_SORT_SERVICE;
    else {
        app_error(req, res, 422, "invalid_sort",
                  "Urutan: late, office atau service.",
                  "Sort: late, office or service.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct drill_list l;
    enum err rc = drill_applications(&c, &dq, &l);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *format = params_get(&req->query, "format");
    if (format && strcmp(format, "csv") == 0) {
        list_csv(req, res, &l);
        return;
    }
    struct office *offices = NULL, *ds = NULL;
    size_t n_offices = 0, nd = 0;
    struct office_filter of = {.level = -1, .service_points_only = true};
    if (!f.one_office)
        rc = offices_list(req->db, req->arena, &of, &offices, &n_offices);
    if (rc == ERR_OK && !f.one_office)
        rc = districts(req, &ds, &nd);
    struct service_def *svcs = NULL;
    size_t n_svcs = 0;
    if (rc == ERR_OK) {
        struct service_filter sf = {.level = -1};
        rc = catalogue_list(req->db, req->arena, &sf, &svcs, &n_svcs);
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char **codes = arena_alloc(req->arena, (n_svcs + 1) * sizeof(char *));
    const char **names = arena_alloc(req->arena, (n_svcs + 1) * sizeof(char *));
    for (size_t i = 0; i < n_svcs; i++) {
        codes[i] = svcs[i].code;
        names[i] = L(req->lang, svcs[i].name.id,
                     svcs[i].name.en && *svcs[i].name.en ? svcs[i].name.en
                                                         : svcs[i].name.id);
    }
    f.offices = offices;
    f.n_offices = n_offices;
    f.service_codes = codes;
    f.service_names = names;
    f.n_services = n_svcs;
    f.csv_href = csv_link(req);
    struct ov_page p;
    fill_page(req, &q, &p);
    p.districts = ds;
    p.n_districts = nd;
    struct ov_list ol = {
        .title = L(req->lang, "Permohonan terlambat", "Overdue applications"),
        .items = l.items,
        .n_items = l.n,
        .days_late = l.days_late,
        .when = list_times(req, &l),
        .show_office = true,
        .truncated = l.truncated};
    struct view v = app_view(req, res);
    view_oversight_overdue(&v, &p, &f, &ol);
}

/* ---- trends ----------------------------------------------------------- */

void h_oversight_trends(struct request *req, struct response *res)
{
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    q.trends = true;
    q.trend_details = true;
    struct office o;
    bool one = q.office_id > 0;
    if (one) {
        enum err rc = offices_get_by_id(req->db, req->arena, q.office_id, &o);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        q.by_service = true;
    }
    struct svc_ctx c = app_svc(req);
    struct ov_report r;
    enum err rc = oversight_report(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct ov_page p;
    fill_page(req, &q, &p);
    p.r = &r;
    if (one) {
        p.office_code = o.code;
        p.office_name = o.name;
    }
    struct view v = app_view(req, res);
    view_oversight_trends(&v, &p);
}

/* ---- the monthly report ----------------------------------------------- */

void h_oversight_report(struct request *req, struct response *res)
{
    struct ov_query q;
    if (!read_query(req, res, &q))
        return;
    /* The report's default is the last whole month, not the year. */
    if (!params_get(&req->query, "period") &&
        !params_get(&req->query, "from")) {
        struct civil_date t;
        if (civil_parse_date(app_today(req), &t)) {
            int y = t.month == 1 ? t.year - 1 : t.year;
            int m = t.month <= 1 || t.month > 12 ? 12 : t.month - 1;
            char code[24];
            snprintf(code, sizeof(code), "%04d-%02d", y, m);
            if (!period_parse(NULL, NULL, code, t, &q.period))
                q.period.months = 0;
        }
    }
    struct svc_ctx c = app_svc(req);
    struct ov_report r;
    enum err rc = oversight_report(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *format = params_get(&req->query, "format");
    bool one = q.office_id > 0;
    const char *scope_name = L(req->lang, "Kabupaten", "The regency");
    struct office o;
    if (one) {
        rc = offices_get_by_id(req->db, req->arena, q.office_id, &o);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        scope_name = o.name;
    }
    struct queue_figures qf;
    rc = queue_of(req, &q, &qf);
    if (rc != ERR_OK && rc != ERR_TOO_LARGE) {
        app_fail(req, res, rc);
        return;
    }
    const struct queue_figures *queue = rc == ERR_OK ? &qf : NULL;
    struct ov_page p;
    fill_page(req, &q, &p);
    p.r = &r;
    p.queue = queue;
    rc = fill_readiness(req, &q, false, &p);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (format && strcmp(format, "csv") == 0) {
        report_csv(req, res, &r, scope_name, queue, &p);
        return;
    }
    /* One report per office (its services): the per-office pages. */
    size_t n = r.n_items;
    /* An array of pointers: sizeof a pointer is meant. */
    const struct ov_report **per = arena_alloc(
        req->arena,
        (n ? n : 1) * sizeof(*per)); // NOLINT(bugprone-sizeof-expression)
    const char **names = arena_alloc(req->arena, (n ? n : 1) * sizeof(*names));
    for (size_t i = 0; i < n; i++) {
        struct ov_query oq = q;
        oq.office_id = r.items[i].id;
        oq.district = NULL;
        oq.by_service = true;
        oq.trends = false;
        struct ov_report *one_r = arena_alloc(req->arena, sizeof(*one_r));
        rc = oversight_report(&c, &oq, one_r);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        per[i] = one_r;
        names[i] = r.items[i].name;
    }
    if (format && strcmp(format, "xlsx") == 0) {
        struct xlsx x;
        rc = xlsx_open(&x);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        xlsx_sheet(&x, req, L(req->lang, "Ringkasan", "Summary"), &r,
                   scope_name, p.period_text);
        for (size_t i = 0; i < n; i++) {
            /* Sheet names: at most 31 characters, unique: the code. */
            char sheet[32];
            snprintf(sheet, sizeof(sheet), "%.31s", r.items[i].code);
            for (char *s = sheet; *s; s++)
                if (strchr("[]:*?/\\", *s))
                    *s = '_';
            xlsx_sheet(&x, req, sheet, per[i], names[i], p.period_text);
        }
        if (queue)
            xlsx_queue(&x, req, queue, scope_name, p.period_text);
        xlsx_ready(&x, req, &p, scope_name);
        xlsx_send(req, res, &x, "kinerja.xlsx");
        return;
    }
    if (format && *format) {
        app_error(req, res, 422, "invalid_format",
                  "Format: csv atau xlsx (tanpa format: halaman cetak).",
                  "Format: csv or xlsx (no format: the printable page).");
        return;
    }
    struct view v = app_view(req, res);
    view_oversight_report(&v, &p, per, names, n);
}

/* ---- the public page ------------------------------------------------- */

void h_performance(struct request *req, struct response *res)
{
    struct ov_query q;
    memset(&q, 0, sizeof(q));
    struct civil_date today;
    if (!civil_parse_date(app_today(req), &today) ||
        !period_parse(params_get(&req->query, "from"),
                      params_get(&req->query, "to"),
                      params_get(&req->query, "period"), today, &q.period)) {
        app_error(req, res, 422, "invalid_period",
                  "Periode tidak valid: 2026, 2026-03, 2026-Q1, 2026-S1, "
                  "atau dua tanggal TTTT-BB-HH.",
                  "Invalid period: 2026, 2026-03, 2026-Q1, 2026-S1, or two "
                  "dates YYYY-MM-DD.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    enum err rc = oversight_min_completed(&c, &q.min_completed);
    struct ov_report r;
    if (rc == ERR_OK)
        rc = oversight_report(&c, &q, &r);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct ov_page p;
    fill_page(req, &q, &p);
    p.r = &r;
    p.public_page = true;
    struct view v = app_view(req, res);
    view_performance(&v, &p);
}
