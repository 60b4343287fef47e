/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* perf.c: the performance aggregates (see perf.h). */
#include "store/perf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "core/period.h"
#include "store/db.h"

/*
 * The upsert of one grain's counts: the service's row and, for a
 * service, the office's own row (service 0) in one statement (SQLite has
 * one writer: each statement's fixed cost is paid while the transaction
 * holds it). Both rows get the same delta ($4 to $8).
 */
#define COUNT_UPSERT(T, COL, ROWS)                                             \
    "INSERT INTO " T " (office_id, service_id, " COL ", received, completed,"  \
    " on_time, rejected, returned) VALUES " ROWS " ON CONFLICT (office_id,"    \
    " service_id, " COL ") DO UPDATE SET received = " T ".received +"          \
    " excluded.received, completed = " T ".completed + excluded.completed,"    \
    " on_time = " T ".on_time + excluded.on_time, rejected = " T ".rejected +" \
    " excluded.rejected, returned = " T ".returned + excluded.returned"
#define COUNT_ONE_ROW "($1, $2, $3, $4, $5, $6, $7, $8)"
#define COUNT_TWO_ROWS                                                         \
    "($1, $2, $3, $4, $5, $6, $7, $8), ($1, 0, $3, $4, $5, $6, $7, $8)"

enum err perf_count(struct db *db, int64_t office_id, int64_t service_id,
                    const char *day, const struct perf_delta *d)
{
    /* The service's rows, and the office's (service 0): an office's
     * figures read its own rows, not the sum of thirty services'. */
    static const char *const one[3] = {
        COUNT_UPSERT("perf_day", "day", COUNT_ONE_ROW),
        COUNT_UPSERT("perf_month", "month", COUNT_ONE_ROW),
        COUNT_UPSERT("perf_year", "year", COUNT_ONE_ROW)};
    static const char *const two[3] = {
        COUNT_UPSERT("perf_day", "day", COUNT_TWO_ROWS),
        COUNT_UPSERT("perf_month", "month", COUNT_TWO_ROWS),
        COUNT_UPSERT("perf_year", "year", COUNT_TWO_ROWS)};
    char key[3][16];
    snprintf(key[0], sizeof(key[0]), "%.10s", day);
    snprintf(key[1], sizeof(key[1]), "%.7s", day);
    snprintf(key[2], sizeof(key[2]), "%.4s", day);
    enum err rc = ERR_OK;
    for (int g = 0; g < 3 && rc == ERR_OK; g++)
        rc = db_run(db, NULL, service_id != 0 ? two[g] : one[g],
                    DV_INT(office_id), DV_INT(service_id), DV_TEXT(key[g]),
                    DV_INT(d->received), DV_INT(d->completed),
                    DV_INT(d->on_time), DV_INT(d->rejected),
                    DV_INT(d->returned));
    return rc;
}

/* Add n processing times of value to the day, month and year rows. */
static __attribute__((warn_unused_result)) enum err
proc_add(struct db *db, int64_t office_id, int64_t service_id, const char *day,
         int64_t value, int64_t n)
{
    char month[8], year[8];
    snprintf(month, sizeof(month), "%.7s", day);
    snprintf(year, sizeof(year), "%.4s", day);
    enum err rc = db_run(
        db, NULL,
        "INSERT INTO perf_proc_day (office_id, service_id, day, value, n)"
        " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (office_id, service_id, day,"
        " value) DO UPDATE SET n = perf_proc_day.n + excluded.n",
        DV_INT(office_id), DV_INT(service_id), DV_TEXT(day), DV_INT(value),
        DV_INT(n));
    if (rc == ERR_OK)
        rc = db_run(
            db, NULL,
            "INSERT INTO perf_proc_month (office_id, service_id, month, value,"
            " n) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (office_id,"
            " service_id, month, value) DO UPDATE SET n = perf_proc_month.n +"
            " excluded.n",
            DV_INT(office_id), DV_INT(service_id), DV_TEXT(month),
            DV_INT(value), DV_INT(n));
    if (rc == ERR_OK)
        rc = db_run(
            db, NULL,
            "INSERT INTO perf_proc_year (office_id, service_id, year, value,"
            " n) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (office_id,"
            " service_id, year, value) DO UPDATE SET n = perf_proc_year.n +"
            " excluded.n",
            DV_INT(office_id), DV_INT(service_id), DV_TEXT(year), DV_INT(value),
            DV_INT(n));
    return rc;
}

enum err perf_proc_n(struct db *db, int64_t office_id, int64_t service_id,
                     const char *day, int64_t value, int64_t n)
{
    return proc_add(db, office_id, service_id, day, value, n);
}

enum err perf_proc(struct db *db, int64_t office_id, int64_t service_id,
                   const char *day, int64_t value, bool also_office)
{
    enum err rc = proc_add(db, office_id, service_id, day, value, 1);
    if (rc == ERR_OK && also_office)
        rc = proc_add(db, office_id, 0, day, value, 1);
    return rc;
}

enum err perf_clear(struct db *db)
{
    enum err rc =
        db_run(db, NULL, "DELETE FROM perf_day WHERE day > $1", DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_run(db, NULL, "DELETE FROM perf_month WHERE month > $1",
                    DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_run(db, NULL, "DELETE FROM perf_proc_day WHERE day > $1",
                    DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_run(db, NULL, "DELETE FROM perf_proc_month WHERE month > $1",
                    DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_run(db, NULL, "DELETE FROM perf_year WHERE year > $1",
                    DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_run(db, NULL, "DELETE FROM perf_proc_year WHERE year > $1",
                    DV_TEXT(""));
    return rc;
}

enum err perf_tidy(struct db *db)
{
    if (db_kind(db) != DB_POSTGRES)
        return ERR_OK;
    return db_exec(db, "VACUUM (ANALYZE) perf_day, perf_month, perf_year,"
                       " perf_proc_day, perf_proc_month, perf_proc_year");
}

/* "INSERT INTO table (cols) VALUES ($1, ..), .." for rows of per values,
 * into b. */
static void insert_sql(struct buf *b, const char *table, const char *cols,
                       size_t rows, int per)
{
    buf_printf(b, "INSERT INTO %s (%s) VALUES ", table, cols);
    for (size_t r = 0; r < rows; r++) {
        buf_puts(b, r ? ", (" : "(");
        for (int k = 1; k <= per; k++)
            buf_printf(b, "%s$%zu", k > 1 ? ", " : "",
                       r * (size_t)per + (size_t)k);
        buf_putc(b, ')');
    }
}

static const char *const grain_col[] = {"day", "month", "year"};
_Static_assert(PERF_INSERT_COUNTS * 8 <= DB_MAX_PARAMS, "counts batch");
_Static_assert(PERF_INSERT_PROCS * 5 <= DB_MAX_PARAMS, "procs batch");

/* The per values of one row (row i of rows) into x. */
typedef void (*row_vals_fn)(const void *rows, size_t i, struct db_val *x);

/* n rows into table (cols), batch rows per INSERT of per values each. */
static enum err insert_batched(struct db *db, const char *table,
                               const char *cols, int per, size_t batch,
                               const void *rows, size_t n, row_vals_fn fill)
{
    struct db_val *v = xcalloc(batch * (size_t)per, sizeof(*v));
    struct buf sql;
    buf_init(&sql, 1u << 20);
    enum err rc = ERR_OK;
    for (size_t at = 0; rc == ERR_OK && at < n; at += batch) {
        size_t k = n - at;
        if (k > batch)
            k = batch;
        for (size_t i = 0; i < k; i++)
            fill(rows, at + i, &v[i * (size_t)per]);
        buf_reset(&sql);
        insert_sql(&sql, table, cols, k, per);
        rc = buf_status(&sql);
        if (rc == ERR_OK)
            rc = db_run_v(db, NULL, db_sql_intern(buf_cstr(&sql)), v,
                          k * (size_t)per);
    }
    buf_free(&sql);
    free(v);
    return rc;
}

static void count_vals(const void *rows, size_t i, struct db_val *x)
{
    const struct perf_count_row *r = (const struct perf_count_row *)rows + i;
    x[0] = DV_INT(r->office_id);
    x[1] = DV_INT(r->service_id);
    x[2] = DV_TEXT(r->period);
    x[3] = DV_INT(r->d.received);
    x[4] = DV_INT(r->d.completed);
    x[5] = DV_INT(r->d.on_time);
    x[6] = DV_INT(r->d.rejected);
    x[7] = DV_INT(r->d.returned);
}

static void proc_vals(const void *rows, size_t i, struct db_val *x)
{
    const struct perf_proc_row *r = (const struct perf_proc_row *)rows + i;
    x[0] = DV_INT(r->office_id);
    x[1] = DV_INT(r->service_id);
    x[2] = DV_TEXT(r->period);
    x[3] = DV_INT(r->value);
    x[4] = DV_INT(r->n);
}

enum err perf_insert_counts(struct db *db, enum perf_grain g,
                            const struct perf_count_row *rows, size_t n)
{
    static const char *const table[] = {"perf_day", "perf_month", "perf_year"};
    char cols[128];
    snprintf(cols, sizeof(cols),
             "office_id, service_id, %s, received, completed, on_time,"
             " rejected, returned",
             grain_col[g]);
    return insert_batched(db, table[g], cols, 8, PERF_INSERT_COUNTS, rows, n,
                          count_vals);
}

enum err perf_insert_procs(struct db *db, enum perf_grain g,
                           const struct perf_proc_row *rows, size_t n)
{
    static const char *const table[] = {"perf_proc_day", "perf_proc_month",
                                        "perf_proc_year"};
    char cols[64];
    snprintf(cols, sizeof(cols), "office_id, service_id, %s, value, n",
             grain_col[g]);
    return insert_batched(db, table[g], cols, 5, PERF_INSERT_PROCS, rows, n,
                          proc_vals);
}

/* The scope's split into head days, whole months and tail days. */
static bool split_of(const struct perf_scope *sc, struct period_split *p)
{
    struct civil_date f, t;
    if (!civil_parse_date(sc->from, &f) || !civil_parse_date(sc->to, &t))
        return false;
    period_split(f, t, p);
    return true;
}

/*
 * The rows of a period from a day, a month and a year table of the same
 * shape, into b with their values in v (*nv of them, at most
 * PERIOD_VALS): SELECT_ then "(arms) p", a district filter, then SUFFIX.
 * Only the parts of the split that hold days become arms (a calendar year
 * is one arm, a month one): every arm costs PostgreSQL planning at each
 * execution and both databases a range read. COLS is the select list of
 * the tables; own_services: the services' own rows (service_id <> 0, or
 * the one of the scope) rather than the rows of service sc->service_id
 * (0: the offices' own). The office and service conditions sit in each
 * arm, so that each reads only its range of a covering index (migration
 * 7): a calendar year is one row per office, service (and value), never
 * the whole table. Conditions and parameters appear only where they
 * narrow: "($n = 0 OR office_id = $n)" cannot be an index constraint
 * when $n is a bound parameter, and PostgreSQL wants a type for every
 * parameter of a statement.
 */
#define PERIOD_VALS 16
static __attribute__((warn_unused_result)) enum err
period_sql(struct buf *b, struct db_val *v, size_t *nv, const char *select_,
           const char *cols, const char *const tables[3],
           const struct period_split *s, const struct perf_scope *sc,
           bool own_services, const char *suffix)
{
    const struct {
        int table;
        const char *col, *from, *to;
    } part[] = {{0, "day", s->head_from, s->head_to},
                {1, "month", s->month_from, s->month_to},
                {2, "year", s->year_from, s->year_to},
                {1, "month", s->month2_from, s->month2_to},
                {0, "day", s->tail_from, s->tail_to}};
    size_t n = 0;
    char office[32] = "", service[64];
    if (sc->office_id) {
        v[n++] = DV_INT(sc->office_id);
        snprintf(office, sizeof(office), " AND office_id = $%zu", n);
    }
    if (own_services && !sc->service_id)
        snprintf(service, sizeof(service), " AND service_id <> 0");
    else {
        v[n++] = DV_INT(sc->service_id);
        snprintf(service, sizeof(service), " AND service_id = $%zu", n);
    }
    buf_puts(b, select_);
    buf_puts(b, " FROM (");
    int arms = 0;
    for (size_t i = 0; i < sizeof(part) / sizeof(part[0]); i++) {
        /* An empty part (from after to) reads nothing; the first stays
         * when all are empty, so that the statement is whole. */
        bool last = i + 1 == sizeof(part) / sizeof(part[0]);
        if (strcmp(part[i].from, part[i].to) > 0 && !(last && arms == 0))
            continue;
        v[n++] = DV_TEXT(part[i].from);
        v[n++] = DV_TEXT(part[i].to);
        buf_printf(b, "%sSELECT %s FROM %s WHERE %s >= $%zu AND %s <= $%zu%s%s",
                   arms ? " UNION ALL " : "", cols, tables[part[i].table],
                   part[i].col, n - 1, part[i].col, n, office, service);
        arms++;
    }
    buf_puts(b, ") p");
    if (sc->district) {
        v[n++] = DV_TEXT(sc->district);
        buf_printf(b,
                   " WHERE p.office_id IN (SELECT o.id FROM offices o"
                   " WHERE substr(o.region_code, 1, 8) = $%zu)",
                   n);
    }
    buf_puts(b, suffix);
    *nv = n;
    return buf_status(b);
}

#define COUNT_COLS                                                             \
    "office_id, service_id, received, completed, on_time, rejected, returned"
#define COUNT_SUMS                                                             \
    "SUM(p.received), SUM(p.completed), SUM(p.on_time), SUM(p.rejected),"      \
    " SUM(p.returned)"

static void count_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_row *r = out;
    r->key = db_col_int(st, 0);
    r->c.received = db_col_int(st, 1);
    r->c.completed = db_col_int(st, 2);
    r->c.on_time = db_col_int(st, 3);
    r->c.rejected = db_col_int(st, 4);
    r->c.returned = db_col_int(st, 5);
}

enum err perf_counts_of(struct db *db, struct arena *a,
                        const struct perf_scope *sc, enum perf_group g,
                        struct perf_row **rows, size_t *n_rows)
{
    *rows = NULL;
    *n_rows = 0;
    struct period_split s;
    if (!split_of(sc, &s))
        return ERR_INVALID;
    static const char *const tables[3] = {"perf_day", "perf_month",
                                          "perf_year"};
    /* [group]: by service, the services' own rows; otherwise the rows of
     * the scope's service, or the offices' own (service 0). */
    static const char *const select_[3] = {
        [PERF_TOTAL] = "SELECT 0, " COUNT_SUMS,
        [PERF_BY_OFFICE] = "SELECT p.office_id, " COUNT_SUMS,
        [PERF_BY_SERVICE] = "SELECT p.service_id, " COUNT_SUMS};
    static const char *const suffix[3] = {
        [PERF_TOTAL] = "",
        [PERF_BY_OFFICE] = " GROUP BY p.office_id",
        [PERF_BY_SERVICE] = " GROUP BY p.service_id"};
    struct db_val v[PERIOD_VALS];
    size_t nv = 0;
    struct buf sql;
    buf_init(&sql, 8192);
    enum err rc = period_sql(&sql, v, &nv, select_[g], COUNT_COLS, tables, &s,
                             sc, g == PERF_BY_SERVICE, suffix[g]);
    struct db_rows r = {0};
    if (rc == ERR_OK)
        rc = db_get_list_v(db, a, count_row, sizeof(struct perf_row), &r,
                           db_sql_intern(buf_cstr(&sql)), v, nv);
    buf_free(&sql);
    *rows = r.items;
    *n_rows = r.n;
    /* SUM over no rows is one row of NULLs for the total: read as 0. */
    return rc;
}

static void bucket_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_bucket *b = out;
    b->key = db_col_int(st, 0);
    b->value = db_col_int(st, 1);
    b->n = db_col_int(st, 2);
}

static int by_key_value(const void *x, const void *y)
{
    const struct perf_bucket *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->value < b->value ? -1 : a->value > b->value;
}

/* The rows summed per (key, value), ordered by key, then value. The rows
 * of one period part come in that order from the covering index (a whole
 * year is one part): then no sort. */
static size_t sum_buckets(struct perf_bucket *b, size_t n)
{
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = by_key_value(&b[i - 1], &b[i]) <= 0;
    if (!sorted)
        qsort(b, n, sizeof(*b), by_key_value);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k && b[k - 1].key == b[i].key && b[k - 1].value == b[i].value)
            b[k - 1].n += b[i].n;
        else
            b[k++] = b[i];
    }
    return k;
}

#define HIST_COLS "office_id, service_id, value, n"

enum err perf_hist_of(struct db *db, struct arena *a,
                      const struct perf_scope *sc, enum perf_group g,
                      struct perf_bucket **rows, size_t *n_rows)
{
    *rows = NULL;
    *n_rows = 0;
    struct period_split s;
    if (!split_of(sc, &s))
        return ERR_INVALID;
    static const char *const tables[3] = {"perf_proc_day", "perf_proc_month",
                                          "perf_proc_year"};
    /* The rows are summed per key and value here, not with GROUP BY: a
     * temporary b-tree per request cost more than the reading (a year of
     * the regency is some 4,000 rows, already in order). By service:
     * every service's own rows of the scope's office; otherwise the
     * scope's service, or the offices' working-day rows (service 0). */
    static const char *const select_[3] = {
        [PERF_TOTAL] = "SELECT 0, p.value, p.n",
        [PERF_BY_OFFICE] = "SELECT p.office_id, p.value, p.n",
        [PERF_BY_SERVICE] = "SELECT p.service_id, p.value, p.n"};
    struct db_val v[PERIOD_VALS];
    size_t nv = 0;
    struct buf sql;
    buf_init(&sql, 8192);
    enum err rc = period_sql(&sql, v, &nv, select_[g], HIST_COLS, tables, &s,
                             sc, g == PERF_BY_SERVICE, "");
    struct db_rows r = {0};
    if (rc == ERR_OK)
        rc = db_get_list_v(db, a, bucket_row, sizeof(struct perf_bucket), &r,
                           db_sql_intern(buf_cstr(&sql)), v, nv);
    buf_free(&sql);
    if (rc != ERR_OK)
        return rc;
    *rows = r.items;
    *n_rows = sum_buckets(r.items, r.n);
    return ERR_OK;
}

static void month_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_month_row *m = out;
    m->office_id = db_col_int(st, 0);
    snprintf(m->month, sizeof(m->month), "%s",
             db_col_text(st, 1) ? db_col_text(st, 1) : "");
    m->c.received = db_col_int(st, 2);
    m->c.completed = db_col_int(st, 3);
    m->c.on_time = db_col_int(st, 4);
    m->c.rejected = db_col_int(st, 5);
    m->c.returned = db_col_int(st, 6);
}

enum err perf_months_of(struct db *db, struct arena *a,
                        const struct perf_scope *sc, const char *month_from,
                        const char *month_to, struct perf_month_row **rows,
                        size_t *n_rows)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, month_row, sizeof(struct perf_month_row), &r,
        "SELECT p.office_id, p.month, p.received, p.completed, p.on_time,"
        " p.rejected, p.returned"
        " FROM perf_month p WHERE p.month >= $1 AND p.month <= $2"
        " AND ($3 = 0 OR p.office_id = $3)"
        " AND (CAST($4 AS TEXT) IS NULL OR p.office_id IN (SELECT o.id FROM"
        " offices o WHERE substr(o.region_code, 1, 8) = $4))"
        " AND p.service_id = $5",
        DV_TEXT(month_from), DV_TEXT(month_to), DV_INT(sc->office_id),
        DV_TEXT(sc->district), DV_INT(sc->service_id));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

static void overdue_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_overdue *o = out;
    o->key = db_col_int(st, 0);
    o->n = db_col_int(st, 1);
    o->oldest_promise = db_col_int(st, 2);
}

enum err perf_overdue_of(struct db *db, struct arena *a,
                         const struct perf_scope *sc, enum perf_group g,
                         int64_t now, struct perf_overdue **rows,
                         size_t *n_rows)
{
/* The open applications past their promise; OFFICE and DISTRICT narrow
 * them. No join to offices without a district: PostgreSQL's generic plan
 * for the join read every office's applications (3 ms on the
 * regency-year) where the partial index applications_open gives the few
 * overdue ones (0.8 ms). */
#define OVERDUE_WHERE(OFFICE, DISTRICT)                                        \
    " FROM applications x"                                                     \
    " WHERE x.state IN ('received', 'verified', 'in_process', 'signed')"       \
    " AND x.promised_at < $1" OFFICE DISTRICT                                  \
    " AND ($4 = 0 OR x.service_id = $4)"
#define ANY_DISTRICT " AND CAST($3 AS TEXT) IS NULL"
#define IN_DISTRICT                                                            \
    " AND x.office_id IN (SELECT o.id FROM offices o"                          \
    " WHERE substr(o.region_code, 1, 8) = $3)"
    /* "+ 0": group in a temporary b-tree. Grouping by the column itself
     * lets SQLite's planner (without statistics) read every application
     * through applications_office for its order instead of the few open
     * ones through applications_open. For one office the office is named
     * outright, so that its (office_id, state, promised_at) range is read
     * rather than every open application of the regency. */
#define OVERDUE_SQL(OFFICE, DISTRICT)                                          \
    {                                                                          \
        [PERF_TOTAL] = "SELECT 0, COUNT(*), MIN(x.promised_at)" OVERDUE_WHERE( \
            OFFICE, DISTRICT),                                                 \
        [PERF_BY_OFFICE] = "SELECT x.office_id + 0, COUNT(*),"                 \
                           " MIN(x.promised_at)" OVERDUE_WHERE(                \
                               OFFICE, DISTRICT) " GROUP BY x.office_id + 0",  \
        [PERF_BY_SERVICE] = "SELECT x.service_id + 0, COUNT(*),"               \
                            " MIN(x.promised_at)" OVERDUE_WHERE(               \
                                OFFICE, DISTRICT) " GROUP BY x.service_id + 0" \
    }
    /* [one office][in a district][group] */
    static const char *const sql[2][2][3] = {
        {OVERDUE_SQL(" AND $2 = 0", ANY_DISTRICT),
         OVERDUE_SQL(" AND $2 = 0", IN_DISTRICT)},
        {OVERDUE_SQL(" AND x.office_id = $2", ANY_DISTRICT),
         OVERDUE_SQL(" AND x.office_id = $2", IN_DISTRICT)}};
#undef OVERDUE_SQL
#undef OVERDUE_WHERE
#undef ANY_DISTRICT
#undef IN_DISTRICT
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, overdue_row, sizeof(struct perf_overdue), &r,
        sql[sc->office_id != 0][sc->district != NULL][g], DV_INT(now),
        DV_INT(sc->office_id), DV_TEXT(sc->district), DV_INT(sc->service_id));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

static void raw_app_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_raw_app *r = out;
    r->id = db_col_int(st, 0);
    r->office_id = db_col_int(st, 1);
    r->service_id = db_col_int(st, 2);
    r->service_version = (int)db_col_int(st, 3);
    r->submitted_at = db_col_int(st, 4);
}

enum err perf_raw_apps(struct db *db, struct arena *a, int64_t after_id,
                       int limit, struct perf_raw_app **rows, size_t *n_rows)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, raw_app_row, sizeof(struct perf_raw_app), &r,
        "SELECT id, office_id, service_id, service_version, submitted_at FROM"
        " applications WHERE id > $1 ORDER BY id LIMIT $2",
        DV_INT(after_id), DV_INT(limit));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

static void raw_event_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct perf_raw_event *e = out;
    e->application_id = db_col_int(st, 0);
    e->at = db_col_int(st, 1);
    e->action = arena_strdup(a, db_col_text(st, 2));
    e->state_after = arena_strdup(a, db_col_text(st, 3));
    e->promised_at = db_col_int(st, 4);
}

enum err perf_raw_events(struct db *db, struct arena *a, int64_t first_id,
                         int64_t last_id, struct perf_raw_event **rows,
                         size_t *n_rows)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, raw_event_row, sizeof(struct perf_raw_event), &r,
        "SELECT application_id, at, action, state_after, promised_at FROM"
        " application_events WHERE application_id >= $1 AND application_id"
        " <= $2 ORDER BY application_id, id",
        DV_INT(first_id), DV_INT(last_id));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

static void raw_unit_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct perf_raw_unit *u = out;
    u->service_id = db_col_int(st, 0);
    u->version = (int)db_col_int(st, 1);
    const char *unit = db_col_text(st, 2);
    u->minutes = unit && strcmp(unit, "working_minutes") == 0;
}

enum err perf_raw_units(struct db *db, struct arena *a,
                        struct perf_raw_unit **rows, size_t *n_rows)
{
    struct db_rows r;
    enum err rc =
        db_get_list(db, a, raw_unit_row, sizeof(struct perf_raw_unit), &r,
                    "SELECT service_id, version, time_unit FROM"
                    " service_versions WHERE id > $1",
                    DV_INT(0));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

enum err perf_set_pause(struct db *db, int64_t id, int64_t returned_at,
                        int64_t paused_minutes)
{
    return db_run(db, NULL,
                  "UPDATE applications SET returned_at = $1, paused_minutes ="
                  " $2 WHERE id = $3",
                  returned_at ? DV_INT(returned_at) : DV_NULL,
                  DV_INT(paused_minutes), DV_INT(id));
}
