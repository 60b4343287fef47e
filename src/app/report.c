/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * report.c: the satisfaction index report for an office, a district, a
 * service or the whole regency over any period: HTML (the A4 publication),
 * CSV, XLSX and JSON; and the import of paper questionnaires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "base/log.h"
#include "core/period.h"
#include "base/text.h"
#include "store/db.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "views/survey.h"

#define SUGGESTIONS_SHOWN 200

/* Parse the period of the query (core/period.h) into from, to and the
 * previous period's dates; "today" at the regency's offset. */
static bool parse_period(struct request *req, char from[16], char to[16],
                         char pfrom[16], char pto[16])
{
    struct civil_date today;
    struct period p;
    if (!civil_parse_date(app_today(req), &today) ||
        !period_parse(params_get(&req->query, "from"),
                      params_get(&req->query, "to"),
                      params_get(&req->query, "period"), today, &p))
        return false;
    civil_format_date(p.from, from);
    civil_format_date(p.to, to);
    civil_format_date(p.prev_from, pfrom);
    civil_format_date(p.prev_to, pto);
    return true;
}

/* Build the report from the query; false (with the answer sent) on bad
 * input. */
static bool build(struct request *req, struct response *res,
                  struct ikm_report *r, struct office *office_out,
                  bool *has_office)
{
    memset(r, 0, sizeof(*r));
    char *f = arena_alloc(req->arena, 16), *t = arena_alloc(req->arena, 16);
    char *pf = arena_alloc(req->arena, 16), *pt = arena_alloc(req->arena, 16);
    if (!parse_period(req, f, t, pf, pt)) {
        app_error(req, res, 422, "invalid_period",
                  "Periode tidak valid: from/to TTTT-BB-HH (dari <= sampai), "
                  "atau period=2026, 2026-03, 2026-Q1, 2026-S1.",
                  "Invalid period: from/to YYYY-MM-DD (from <= to), or "
                  "period=2026, 2026-03, 2026-Q1, 2026-S1.");
        return false;
    }
    struct survey_scope sc = {.from = f, .to = t};
    *has_office = false;
    r->scope_name = L(req->lang, "Kabupaten (semua titik layanan)",
                      "The regency (every service point)");
    const char *office = params_get(&req->query, "office");
    const char *district = params_get(&req->query, "district");
    const char *service = params_get(&req->query, "service");
    enum err rc = ERR_OK;
    if (office && *office) {
        rc = offices_get(req->db, req->arena, office, office_out);
        if (rc == ERR_OK) {
            sc.office_id = office_out->id;
            r->scope_name = office_out->name;
            *has_office = true;
        }
    } else if (district && *district) {
        struct region reg;
        rc = regions_get(req->db, req->arena, district, &reg);
        if (rc == ERR_OK && strcmp(reg.level, "district") != 0)
            rc = ERR_NOT_FOUND;
        if (rc == ERR_OK) {
            sc.district = reg.code;
            r->scope_name = arena_printf(req->arena, "Kecamatan %s", reg.name);
        }
    }
    if (rc == ERR_OK && service && *service) {
        rc = catalogue_service_id(req->db, service, &sc.service_id);
        if (rc == ERR_OK)
            r->scope_name =
                arena_printf(req->arena, "%s · %s", r->scope_name, service);
    }
    if (rc == ERR_OK)
        rc = surveys_totals(req->db, &sc, &r->totals, r->profile);
    if (rc == ERR_OK)
        rc = surveys_service_users(req->db, &sc, app_utc_offset(req), &r->users,
                                   &r->users_from_apps);
    if (rc == ERR_OK)
        rc = surveys_channels(req->db, &sc, &r->channels);
    struct suggestion *sug = NULL;
    size_t n_sug = 0;
    if (rc == ERR_OK)
        rc = surveys_suggestions(req->db, req->arena, &sc, SUGGESTIONS_SHOWN,
                                 &sug, &n_sug);
    struct skm_totals prev;
    struct survey_scope psc = sc;
    psc.from = pf;
    psc.to = pt;
    if (rc == ERR_OK) {
        int64_t unused[SKM_DIMENSIONS][SKM_MAX_CODES]; /* the profile */
        rc = surveys_totals(req->db, &psc, &prev, unused);
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    r->from = f;
    r->to = t;
    r->prev_from = pf;
    r->prev_to = pt;
    r->suggestions = sug;
    r->n_suggestions = n_sug;
    skm_compute(&r->totals, &r->result);
    struct skm_result pr;
    skm_compute(&prev, &pr);
    r->has_previous = pr.has_ikm;
    r->previous_x100 = pr.ikm_x100;
    r->target = skm_sample_target(r->users);
    r->over_users = r->totals.respondents > r->users;
    /* Weakest first: answered elements by NRR, then unanswered. */
    for (int i = 0; i < SKM_ELEMENTS; i++)
        r->weakest[i] = i;
    for (int i = 1; i < SKM_ELEMENTS; i++) {
        for (int k = i; k > 0; k--) {
            int a = r->weakest[k - 1], b = r->weakest[k];
            double na = r->result.has_nrr[a] ? r->result.nrr[a] : 9;
            double nb = r->result.has_nrr[b] ? r->result.nrr[b] : 9;
            if (nb < na) {
                r->weakest[k - 1] = b;
                r->weakest[k] = a;
            }
        }
    }
    return true;
}

static const char *x100(struct request *req, int64_t v)
{
    return arena_printf(req->arena, "%lld.%02lld", (long long)(v / 100),
                        (long long)(v % 100));
}

static json_t *report_json(struct request *req, const struct ikm_report *r)
{
    json_t *nrr = json_array();
    for (int e = 0; e < SKM_ELEMENTS; e++)
        json_array_append_new(
            nrr, json_pack("{s:s,s:o,s:I}", "element",
                           arena_printf(req->arena, "U%d", e + 1), "nrr",
                           r->result.has_nrr[e] ? json_real(r->result.nrr[e])
                                                : json_null(),
                           "answers", (json_int_t)r->totals.count[e]));
    json_t *profile = json_object();
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        json_t *o = json_object();
        for (int k = 0; k < skm_n_codes((enum skm_dimension)d); k++)
            json_object_set_new(o, skm_code((enum skm_dimension)d, k),
                                json_integer(r->profile[d][k]));
        json_object_set_new(profile, skm_dimension_key((enum skm_dimension)d),
                            o);
    }
    json_t *weak = json_array();
    for (int i = 0; i < SKM_ELEMENTS; i++)
        if (r->result.has_nrr[r->weakest[i]])
            json_array_append_new(weak,
                                  json_string(arena_printf(req->arena, "U%d",
                                                           r->weakest[i] + 1)));
    json_t *sug = json_array();
    for (size_t i = 0; i < r->n_suggestions; i++)
        json_array_append_new(sug, json_string(r->suggestions[i].text));
    char grade[2] = {r->result.grade, 0};
    json_t *j = json_pack(
        "{s:s,s:s,s:s,s:I,s:o,s:o,s:o,s:I,s:I,s:b,s:s,s:o,s:o,s:o,s:s}",
        "scope", r->scope_name, "from", r->from, "to", r->to, "respondents",
        (json_int_t)r->totals.respondents, "nrr", nrr, "ikm",
        r->result.has_ikm ? json_real((double)r->result.ikm_x100 / 100.0)
                          : json_null(),
        "grade", r->result.has_ikm ? json_string(grade) : json_null(),
        "service_users", (json_int_t)r->users, "target_sample",
        (json_int_t)r->target, "target_reached",
        r->totals.respondents >= r->target, "grade_text",
        skm_grade_name(r->result.grade, req->lang), "weakest", weak, "profile",
        profile, "suggestions", sug, "regulation", SKM_REGULATION);
    json_object_set_new(j, "channels",
                        json_pack("{s:I,s:I,s:I}", "receipt",
                                  (json_int_t)r->channels.receipt, "kiosk",
                                  (json_int_t)r->channels.kiosk, "paper",
                                  (json_int_t)r->channels.paper));
    json_object_set_new(j, "respondents_exceed_users",
                        json_boolean(r->over_users));
    json_object_set_new(j, "ikm_text",
                        r->result.has_ikm
                            ? json_string(x100(req, r->result.ikm_x100))
                            : json_null());
    json_object_set_new(j, "previous",
                        r->has_previous
                            ? json_pack("{s:s,s:s,s:f}", "from", r->prev_from,
                                        "to", r->prev_to, "ikm",
                                        (double)r->previous_x100 / 100.0)
                            : json_null());
    return j;
}

static void report_csv(struct request *req, struct response *res,
                       const struct ikm_report *r)
{
    struct buf *b = &res->body;
    res->content_type = "text/csv; charset=utf-8";
    res_header(req, res, "Content-Disposition",
               "attachment; filename=\"ikm.csv\"");
    buf_puts(b, "item,value\r\n");
    buf_puts(b, "scope,");
    csv_put_field(b, r->scope_name);
    buf_printf(b, "\r\nfrom,%s\r\nto,%s\r\nrespondents,%lld\r\n", r->from,
               r->to, (long long)r->totals.respondents);
    for (int e = 0; e < SKM_ELEMENTS; e++) {
        if (r->result.has_nrr[e])
            buf_printf(b, "NRR U%d,%.4f\r\n", e + 1, r->result.nrr[e]);
        else
            buf_printf(b, "NRR U%d,\r\n", e + 1);
    }
    buf_printf(b,
               "IKM,%s\r\ngrade,%c\r\nservice users,%lld\r\n"
               "target sample,%lld\r\nregulation,%s\r\n",
               r->result.has_ikm ? x100(req, r->result.ikm_x100) : "",
               r->result.grade ? r->result.grade : ' ', (long long)r->users,
               (long long)r->target, SKM_REGULATION);
    for (size_t i = 0; i < r->n_suggestions; i++) {
        buf_puts(b, "suggestion,");
        /* Formula guard and safe text: csv_put_field(), base/csv.h. */
        csv_put_field(b, r->suggestions[i].text);
        buf_puts(b, "\r\n");
    }
}

/* Cells written with the first failure kept: libxlsxwriter answers each
 * write with an lxw_error, and one failed cell fails the whole file. */
struct sheet {
    lxw_worksheet *ws; /* the sheet, or NULL when it could not be added */
    lxw_error err;     /* the first failure, or LXW_NO_ERROR */
};

static void cell_text(struct sheet *s, int row, int col, const char *text,
                      lxw_format *f)
{
    if (s->err == LXW_NO_ERROR)
        s->err = worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col,
                                        text, f);
}

static void cell_number(struct sheet *s, int row, int col, double v,
                        lxw_format *f)
{
    if (s->err == LXW_NO_ERROR)
        s->err =
            worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

/* A sheet of wb named name; s->err is set when it cannot be added. */
static struct sheet sheet_add(lxw_workbook *wb, const char *name)
{
    struct sheet s = {.ws = workbook_add_worksheet(wb, name),
                      .err = LXW_NO_ERROR};
    if (!s.ws)
        s.err = LXW_ERROR_MEMORY_MALLOC_FAILED;
    return s;
}

/* The report's two sheets into wb; the first failure, or LXW_NO_ERROR. */
static lxw_error xlsx_sheets(struct request *req, lxw_workbook *wb,
                             const struct ikm_report *r)
{
    lxw_format *bold = workbook_add_format(wb);
    if (!bold)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    format_set_bold(bold);
    struct sheet s = sheet_add(wb, "IKM");
    cell_text(&s, 0, 0, "Indeks Kepuasan Masyarakat", bold);
    /* Stored text through text_safe() (base/text.h): the sheet's XML
     * stays well-formed whatever the database holds. */
    cell_text(&s, 1, 0, text_safe(req->arena, r->scope_name), NULL);
    cell_text(&s, 2, 0, "Periode / Period", NULL);
    cell_text(&s, 2, 1, arena_printf(req->arena, "%s – %s", r->from, r->to),
              NULL);
    cell_text(&s, 3, 0, "Responden / Respondents", NULL);
    cell_number(&s, 3, 1, (double)r->totals.respondents, NULL);
    for (int e = 0; e < SKM_ELEMENTS; e++) {
        cell_text(&s, 5 + e, 0,
                  arena_printf(req->arena, "U%d %s", e + 1,
                               skm_element_name(e, LANG_ID)),
                  NULL);
        if (r->result.has_nrr[e])
            cell_number(&s, 5 + e, 1, r->result.nrr[e], NULL);
    }
    cell_text(&s, 15, 0, "IKM", bold);
    if (r->result.has_ikm)
        cell_number(&s, 15, 1, (double)r->result.ikm_x100 / 100.0, bold);
    char grade[2] = {r->result.grade, 0};
    cell_text(&s, 16, 0, "Mutu / Grade", NULL);
    cell_text(&s, 16, 1, grade, NULL);
    cell_text(&s, 17, 0, "Target sampel / Sample target", NULL);
    cell_number(&s, 17, 1, (double)r->target, NULL);
    cell_text(&s, 18, 0, "Dasar / Regulation", NULL);
    cell_text(&s, 18, 1, SKM_REGULATION, NULL);
    if (s.err != LXW_NO_ERROR)
        return s.err;
    struct sheet ss = sheet_add(wb, "Saran");
    for (size_t i = 0; i < r->n_suggestions; i++) {
        cell_text(&ss, (int)i, 0, text_safe(req->arena, r->suggestions[i].day),
                  NULL);
        cell_text(&ss, (int)i, 1, text_safe(req->arena, r->suggestions[i].text),
                  NULL);
    }
    return ss.err;
}

static void report_xlsx(struct request *req, struct response *res,
                        const struct ikm_report *r)
{
    char path[] = "/tmp/sp-ikm-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        app_fail(req, res, ERR_IO);
        return;
    }
    close(fd);
    /* Every step of libxlsxwriter can fail (memory, the temporary file):
     * any failure is an error answer, never a partial file. */
    lxw_workbook *wb = workbook_new(path);
    lxw_error err = wb ? xlsx_sheets(req, wb, r) : LXW_ERROR_CREATING_XLSX_FILE;
    if (wb) {
        lxw_error closed = workbook_close(wb); /* frees wb either way */
        if (err == LXW_NO_ERROR)
            err = closed;
    }
    FILE *f = err == LXW_NO_ERROR ? fopen(path, "rb") : NULL;
    bool read_ok = f != NULL;
    if (f) {
        char chunk[16384];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            buf_append(&res->body, chunk, n);
        read_ok = !ferror(f);
        fclose(f);
    }
    unlink(path);
    if (err != LXW_NO_ERROR)
        log_error("report: XLSX not written: %s", lxw_strerror(err));
    if (buf_status(&res->body) != ERR_OK) {
        buf_reset(&res->body);
        app_fail(req, res, ERR_TOO_LARGE);
        return;
    }
    if (!read_ok) {
        buf_reset(&res->body);
        app_fail(req, res, ERR_IO);
        return;
    }
    res->content_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    res_header(req, res, "Content-Disposition",
               "attachment; filename=\"ikm.xlsx\"");
}

void h_report_ikm(struct request *req, struct response *res)
{
    struct ikm_report r;
    struct office o;
    bool has_office = false;
    if (!build(req, res, &r, &o, &has_office))
        return;
    const char *format = params_get(&req->query, "format");
    if (format && strcmp(format, "csv") == 0) {
        report_csv(req, res, &r);
        return;
    }
    if (format && strcmp(format, "xlsx") == 0) {
        report_xlsx(req, res, &r);
        return;
    }
    struct office *offices;
    size_t n;
    struct office_filter f = {.level = -1, .service_points_only = true};
    enum err rc = offices_list(req->db, req->arena, &f, &offices, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct buf q;
    buf_init(&q, 4096);
    for (size_t i = 0; i < req->query.n_items; i++) {
        if (strcmp(req->query.items[i].name, "format") == 0)
            continue;
        if (q.len)
            buf_putc(&q, '&');
        html_urlenc(&q, req->query.items[i].name);
        buf_putc(&q, '=');
        html_urlenc(&q, req->query.items[i].value);
    }
    const char *query = arena_strdup(req->arena, buf_cstr(&q));
    buf_free(&q);
    struct view v = app_view(req, res);
    view_ikm_report(&v, &r, offices, n, has_office ? o.code : NULL, query);
}

void h_api_report_ikm(struct request *req, struct response *res)
{
    struct ikm_report r;
    struct office o;
    bool has_office = false;
    if (!build(req, res, &r, &o, &has_office))
        return;
    app_json(req, res, 200, report_json(req, &r));
}

void h_admin_survey_import_form(struct request *req, struct response *res)
{
    struct view v = app_view(req, res);
    view_survey_import(&v, NULL, 0, NULL);
}

/*
 * One paper questionnaire from a CSV row into s: *ok when it is good,
 * else its problem appended to errs. A database failure is returned (an
 * office or service that cannot be looked up is not "unknown").
 */
static __attribute__((warn_unused_result)) enum err
paper_row(struct request *req, char **f, size_t n, size_t line,
          struct survey *s, const char ***errs, size_t *n_errs, size_t *cap,
          bool *ok)
{
    struct arena *a = req->arena;
    const char *problem = NULL;
    memset(s, 0, sizeof(*s));
    *ok = false;
    struct office o;
    struct civil_date d;
    enum err rc = ERR_OK;
    if (n < 12) {
        problem = L(req->lang, "kurang kolom (minimal 12)",
                    "too few columns (at least 12)");
    } else {
        rc = offices_get(req->db, a, f[0], &o);
        if (rc == ERR_NOT_FOUND)
            problem = arena_printf(
                a, "%s '%.20s'",
                L(req->lang, "kantor tidak dikenal", "unknown office"), f[0]);
        else if (rc == ERR_OK && !scope_allows(&req->who, o.id))
            problem = arena_printf(
                a, "%s '%.20s'",
                L(req->lang, "bukan kantor Anda", "not your office"), f[0]);
    }
    if (rc == ERR_OK && !problem && *f[1]) {
        rc = catalogue_service_id(req->db, f[1], &s->service_id);
        if (rc == ERR_NOT_FOUND)
            problem = arena_printf(
                a, "%s '%.20s'",
                L(req->lang, "layanan tidak dikenal", "unknown service"), f[1]);
    }
    if (rc != ERR_OK && rc != ERR_NOT_FOUND)
        return rc;
    /* The first problem of the row is the one told. */
    if (!problem && !civil_parse_date(f[2], &d))
        problem = L(req->lang, "tanggal tidak valid (TTTT-BB-HH)",
                    "invalid date (YYYY-MM-DD)");
    if (!problem && !office_is_service_point(&o, f[2]))
        problem = arena_printf(
            a, "%s '%.20s'",
            L(req->lang, "kantor itu bukan titik layanan pada tanggal ini",
              "that office was not a service point on this date"),
            f[0]);
    for (int e = 0; !problem && e < SKM_ELEMENTS; e++) {
        int64_t v = 0;
        if (!*f[3 + e])
            continue;
        if (!str_to_int(f[3 + e], 1, 4, &v))
            problem = arena_printf(a, "U%d: %s", e + 1,
                                   L(req->lang, "nilai harus 1-4 atau kosong",
                                     "a score is 1-4 or empty"));
        s->scores[e] = (int)v;
    }
    for (int dd = 0; !problem && dd < SKM_DIMENSIONS; dd++) {
        const char *code = 12 + (size_t)dd < n ? f[12 + dd] : "";
        if (*code && skm_code_index((enum skm_dimension)dd, code) < 0)
            problem = arena_printf(
                a, "%s: '%.20s' %s", skm_dimension_key((enum skm_dimension)dd),
                code, L(req->lang, "tidak dikenal", "is not a known code"));
        s->profile[dd] = *code ? code : NULL;
    }
    if (problem) {
        *errs = arena_grow(a, *errs, *n_errs, cap, sizeof(**errs));
        (*errs)[(*n_errs)++] = arena_printf(
            a, "%s %zu: %s", L(req->lang, "Baris", "Line"), line, problem);
        return ERR_OK;
    }
    s->office_id = o.id;
    s->answered_day = f[2];
    s->answered_at = civil_to_days(d) * 86400 + 12 * 3600;
    const char *sug = n > 16 ? text_lines(a, f[16]) : NULL;
    s->suggestion = sug && *sug ? sug : NULL;
    s->channel = "paper";
    s->addr = req->remote_addr;
    *ok = true;
    return ERR_OK;
}

/*
 * Read and store paper questionnaires from CSV text, all or nothing: row
 * errors (in the request's language) to *errs; *n_rows stored.
 */
static __attribute__((warn_unused_result)) enum err
import_paper(struct request *req, const char *csv, const char ***errs,
             size_t *n_errs, size_t *n_rows)
{
    struct csv_reader rd;
    char *f[CSV_MAX_FIELDS];
    size_t n = 0, cap = 0, scap = 0;
    csv_init(&rd, csv ? csv : "", csv ? strlen(csv) : 0);
    *errs = NULL;
    *n_errs = 0;
    *n_rows = 0;
    struct survey *rows = NULL;
    enum err rc;
    bool header = true;
    while ((rc = csv_next(&rd, req->arena, f, &n)) == ERR_OK) {
        if (header && n > 0 && strcmp(f[0], "office") == 0) {
            header = false;
            continue;
        }
        header = false;
        rows = arena_grow(req->arena, rows, *n_rows, &scap, sizeof(*rows));
        bool ok = false;
        enum err row_rc = paper_row(req, f, n, rd.line, &rows[*n_rows], errs,
                                    n_errs, &cap, &ok);
        if (row_rc != ERR_OK)
            return row_rc;
        if (ok)
            (*n_rows)++;
    }
    if (rc == ERR_INVALID) {
        *errs = arena_grow(req->arena, *errs, *n_errs, &cap, sizeof(**errs));
        (*errs)[(*n_errs)++] = arena_printf(
            req->arena, "%s %zu: %s", L(req->lang, "Baris", "Line"), rd.line,
            L(req->lang, "CSV rusak (tanda kutip)", "malformed CSV (quotes)"));
    }
    if (!*n_errs && *n_rows == 0) {
        *errs = arena_grow(req->arena, *errs, *n_errs, &cap, sizeof(**errs));
        (*errs)[(*n_errs)++] = L(req->lang, "Tidak ada baris.", "No lines.");
    }
    if (*n_errs)
        return ERR_OK;
    char batch[33];
    crypto_random_hex(batch, 16);
    struct svc_ctx c = app_svc(req);
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = svc_replay_record(&c, arena_printf(req->arena, "%zu", *n_rows));
    for (size_t i = 0; rc == ERR_OK && i < *n_rows; i++) {
        int64_t id;
        rows[i].batch = batch;
        rc = surveys_insert(req->db, &rows[i], &id);
    }
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:s,s:I}", "batch", batch, "rows", (json_int_t)*n_rows);
        rc = app_audit(req, "import", "surveys", batch, NULL, after);
        json_decref(after);
    }
    return db_tx_end(req->db, rc);
}

void h_admin_survey_import(struct request *req, struct response *res)
{
    const char **errs;
    size_t n_errs = 0, n_rows = 0;
    /* The same import sent twice: the first result, no second batch. */
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) {
        struct view v = app_view(req, res);
        view_survey_import(&v, NULL, 0,
                           arena_printf(req->arena, "%s %s", first,
                                        L(req->lang, "kuesioner diimpor.",
                                          "questionnaires imported.")));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    rc = import_paper(req, params_get(&req->form, "csv"), &errs, &n_errs,
                      &n_rows);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (n_errs) {
        res->status = 422;
        view_survey_import(&v, errs, n_errs, NULL);
        return;
    }
    view_survey_import(&v, NULL, 0,
                       arena_printf(req->arena, "%zu %s", n_rows,
                                    L(req->lang, "kuesioner diimpor.",
                                      "questionnaires imported.")));
}

void h_api_survey_import(struct request *req, struct response *res)
{
    if (strncmp(req->content_type, "text/csv", 8) != 0) {
        app_error(req, res, 415, "unsupported_media_type",
                  "Kirim CSV dengan Content-Type: text/csv.",
                  "Send CSV with Content-Type: text/csv.");
        return;
    }
    const char **errs;
    size_t n_errs, n_rows;
    enum err rc = import_paper(req, req->body, &errs, &n_errs, &n_rows);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (n_errs) {
        json_t *rows = json_array();
        for (size_t i = 0; i < n_errs; i++)
            json_array_append_new(rows, json_string(errs[i]));
        app_json(req, res, 422,
                 json_pack("{s:{s:s,s:s,s:s,s:o}}", "error", "code",
                           "invalid_rows", "message",
                           L(req->lang,
                             "Ada baris yang tidak valid; tidak ada yang "
                             "disimpan.",
                             "Some rows are not valid; nothing was stored."),
                           "request_id", req->request_id, "rows", rows));
        return;
    }
    app_json(req, res, 201,
             json_pack("{s:s,s:I}", "status", "imported", "rows",
                       (json_int_t)n_rows));
}

void h_admin_survey_users(struct request *req, struct response *res)
{
    const char *office = params_str(&req->form, req->arena, "office");
    const char *from = params_str(&req->form, req->arena, "from");
    const char *to = params_str(&req->form, req->arena, "to");
    int64_t users = 0;
    struct civil_date a, b;
    struct office o;
    const char *problem = NULL;
    enum err rc = offices_get(req->db, req->arena, office, &o);
    if (rc != ERR_OK && rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    if (rc == ERR_NOT_FOUND || !scope_allows(&req->who, o.id))
        problem = L(req->lang, "Kantor tidak dikenal.", "Unknown office.");
    else if (!civil_parse_date(from, &a) || !civil_parse_date(to, &b) ||
             civil_to_days(b) < civil_to_days(a))
        problem = L(req->lang, "Periode tidak valid.", "Invalid period.");
    else if (params_int(&req->form, "users", 0, 100000000, &users) != ERR_OK)
        problem = L(req->lang, "Jumlah pengguna: bilangan 0 sampai 100000000.",
                    "Service users: a number from 0 to 100000000.");
    if (problem) {
        res->status = 422;
        struct view v = app_view(req, res);
        const char *errs[1] = {problem};
        view_survey_import(&v, errs, 1, NULL);
        return;
    }
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = surveys_put_user_count(req->db, o.id, from, to, users);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:s,s:s,s:s,s:I}", "office", o.code, "from",
                                  from, "to", to, "users", (json_int_t)users);
        rc = app_audit(req, "service_users", "surveys", o.code, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_survey_import(&v, NULL, 0, L(req->lang, "Tersimpan.", "Saved."));
}
