/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* workcal.c: calendar storage (see workcal.h). */
#include "store/workcal.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/vcache.h"
#include "base/civil.h"
#include "base/csv.h"
#include "base/text.h"
#include "store/db.h"
#include "store/versions.h"

static __attribute__((warn_unused_result)) enum err
mark_year(struct db *db, int year, int64_t now, const char *source)
{
    return db_run(db, NULL,
                  "INSERT INTO calendar_years (year, loaded_at, source)"
                  " VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING",
                  DV_INT(year), DV_INT(now), DV_TEXT(source));
}

static bool kind_ok(const char *kind)
{
    return strcmp(kind, "libur_nasional") == 0 ||
           strcmp(kind, "cuti_bersama") == 0;
}

enum err workcal_put_holiday(struct db *db, const struct holiday *h,
                             int64_t now)
{
    struct civil_date d;
    if (!civil_parse_date(h->day, &d) || !kind_ok(h->kind))
        return ERR_INVALID;
    enum err rc =
        db_run(db, NULL,
               "INSERT INTO holidays (day, kind, name_id, name_en)"
               " VALUES ($1, $2, $3, $4) ON CONFLICT (day) DO UPDATE"
               " SET kind = excluded.kind, name_id = excluded.name_id,"
               " name_en = excluded.name_en",
               DV_TEXT(h->day), DV_TEXT(h->kind), DV_TEXT(h->name_id),
               DV_TEXT(h->name_en));
    if (rc == ERR_OK) {
        int64_t known = 0;
        rc = db_int(db, &known,
                    "SELECT COUNT(*) FROM calendar_years WHERE year = $1",
                    DV_INT(d.year));
        if (rc == ERR_OK && !known)
            rc = mark_year(db, d.year, now, "admin");
    }
    return rc;
}

enum err workcal_import_csv(struct db *db, struct arena *a, const char *data,
                            size_t len, const char *source, int64_t now,
                            int64_t *rows, const char **error)
{
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = workcal_import_rows(db, a, data, len, source, now, rows, error);
    return db_tx_end(db, rc);
}

enum err workcal_import_rows(struct db *db, struct arena *a, const char *data,
                             size_t len, const char *source, int64_t now,
                             int64_t *rows, const char **error)
{
    struct workcal_import r;
    enum err rc =
        workcal_import(db, a, data, len, source, now, WORKCAL_REPLACE, &r);
    *rows = r.added + r.unchanged + r.replaced;
    *error = NULL;
    if (rc == ERR_INVALID) {
        static const char bad_row[] = "need a date YYYY-MM-DD, kind "
                                      "libur_nasional or cuti_bersama, and "
                                      "names";
        static const char *const what[] = {
            [WORKCAL_OK] = "?",
            [WORKCAL_BAD_ROW] = bad_row,
            [WORKCAL_MALFORMED] = "malformed CSV",
            [WORKCAL_TWICE] = "the same date twice in the file",
            [WORKCAL_DIFFERS] = "the date is already in the calendar",
            [WORKCAL_EMPTY] = "no holidays in the file",
        };
        *error = r.problem == WORKCAL_EMPTY
                     ? what[WORKCAL_EMPTY]
                     : arena_printf(a, "line %zu: %s", r.line, what[r.problem]);
    }
    return rc;
}

/* "libur_nasional" or "cuti_bersama" for what a decree's table says:
 * the codes, or the words with a space or in capitals; NULL otherwise. */
static const char *kind_of(struct arena *a, const char *s)
{
    char *k = arena_strdup(a, s);
    for (char *p = k; *p; p++) {
        if (*p == ' ' || *p == '-')
            *p = '_';
        else if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    }
    return kind_ok(k) ? k : NULL;
}

/* A holidays row (kind, names) into a struct holiday (day set before). */
static void holiday_found_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct holiday *h = out;
    h->kind = arena_strdup(a, db_col_text(st, 0));
    h->name_id = arena_strdup(a, db_col_text(st, 1));
    h->name_en = arena_strdup(a, db_col_text(st, 2));
}

enum err workcal_holiday(struct db *db, struct arena *a, const char *day,
                         struct holiday *h, bool *found)
{
    *found = false;
    enum err rc = db_get_one(db, a, holiday_found_row, h,
                             "SELECT kind, name_id, name_en FROM holidays"
                             " WHERE day = $1",
                             DV_TEXT(day));
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    if (rc != ERR_OK)
        return rc;
    *found = true;
    h->day = arena_strdup(a, day);
    return ERR_OK;
}

enum err workcal_import(struct db *db, struct arena *a, const char *data,
                        size_t len, const char *source, int64_t now,
                        enum workcal_mode mode, struct workcal_import *out)
{
    memset(out, 0, sizeof(*out));
    struct csv_reader r;
    char *f[CSV_MAX_FIELDS];
    size_t n = 0;
    csv_init(&r, data, len);
    int years[64];
    size_t n_years = 0;
    const char **seen = NULL; /* the dates of the file so far */
    size_t n_seen = 0, cap = 0;
    enum err rc = ERR_OK;
    bool first = true;
    while ((rc = csv_next(&r, a, f, &n)) == ERR_OK) {
        struct civil_date d;
        /* The header is optional: a first line that is not a holiday but
         * names the columns is skipped. */
        if (first && n >= 2 && strcmp(text_line(a, f[0]), "date") == 0 &&
            strcmp(text_line(a, f[1]), "kind") == 0) {
            first = false;
            continue;
        }
        first = false;
        const char *day = n >= 1 ? text_line(a, f[0]) : "";
        const char *kind = n >= 2 ? kind_of(a, text_line(a, f[1])) : NULL;
        const char *name_id = n >= 3 ? text_line(a, f[2]) : "";
        const char *name_en = n >= 4 ? text_line(a, f[3]) : "";
        out->line = r.line;
        out->day = day;
        if (n < 3 || !civil_parse_date(day, &d) || !kind || !*name_id ||
            strlen(name_id) > 200 || strlen(name_en) > 200) {
            out->problem = WORKCAL_BAD_ROW;
            return ERR_INVALID;
        }
        for (size_t i = 0; i < n_seen; i++) {
            if (strcmp(seen[i], day) == 0) {
                out->problem = WORKCAL_TWICE;
                return ERR_INVALID;
            }
        }
        seen = arena_grow(a, seen, n_seen, &cap, sizeof(*seen));
        seen[n_seen++] = day;
        struct holiday h = {day, kind, name_id, *name_en ? name_en : name_id};
        struct holiday old;
        bool found = false;
        rc = workcal_holiday(db, a, day, &old, &found);
        if (rc != ERR_OK)
            return rc;
        bool same = found && strcmp(old.kind, h.kind) == 0 &&
                    strcmp(old.name_id, h.name_id) == 0 &&
                    strcmp(old.name_en, h.name_en) == 0;
        if (found && !same && mode == WORKCAL_REFUSE_CHANGES) {
            out->problem = WORKCAL_DIFFERS;
            out->existing = old;
            return ERR_INVALID;
        }
        if (same) {
            out->unchanged++;
        } else {
            rc = db_run(db, NULL,
                        "INSERT INTO holidays (day, kind, name_id, name_en)"
                        " VALUES ($1, $2, $3, $4) ON CONFLICT (day) DO UPDATE"
                        " SET kind = excluded.kind, name_id = excluded.name_id,"
                        " name_en = excluded.name_en",
                        DV_TEXT(h.day), DV_TEXT(h.kind), DV_TEXT(h.name_id),
                        DV_TEXT(h.name_en));
            if (rc != ERR_OK)
                return rc;
            if (found)
                out->replaced++;
            else
                out->added++;
        }
        bool known = false;
        for (size_t i = 0; i < n_years; i++)
            known |= years[i] == d.year;
        if (!known && n_years < 64)
            years[n_years++] = d.year;
        if (!out->first_year || d.year < out->first_year)
            out->first_year = d.year;
        if (d.year > out->last_year)
            out->last_year = d.year;
    }
    out->day = NULL;
    if (rc == ERR_NOT_FOUND) {
        rc = ERR_OK; /* end of input */
    } else if (rc == ERR_INVALID) {
        out->problem = WORKCAL_MALFORMED;
        out->line = r.line;
    }
    for (size_t i = 0; rc == ERR_OK && i < n_years; i++)
        rc = mark_year(db, years[i], now, source);
    if (rc == ERR_OK && n_seen == 0) {
        out->problem = WORKCAL_EMPTY;
        rc = ERR_INVALID;
    }
    return rc;
}

static void holiday_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct holiday *h = out;
    h->day = arena_strdup(a, db_col_text(st, 0));
    h->kind = arena_strdup(a, db_col_text(st, 1));
    h->name_id = arena_strdup(a, db_col_text(st, 2));
    h->name_en = arena_strdup(a, db_col_text(st, 3));
}

enum err workcal_holidays(struct db *db, struct arena *a, int year,
                          struct holiday **items, size_t *n_items)
{
    char lo[16] = "0000-00-00", hi[16] = "9999-99-99";
    if (year > 0) {
        civil_format_date((struct civil_date){year, 1, 1}, lo);
        civil_format_date((struct civil_date){year, 12, 31}, hi);
    }
    struct db_rows r;
    enum err rc = db_get_list(db, a, holiday_row, sizeof(**items), &r,
                              "SELECT day, kind, name_id, name_en FROM"
                              " holidays WHERE day >= $1 AND day <= $2"
                              " ORDER BY day",
                              DV_TEXT(lo), DV_TEXT(hi));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err workcal_delete_holiday(struct db *db, const char *day)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed, "DELETE FROM holidays WHERE day = $1",
                         DV_TEXT(day));
    return rc == ERR_OK && changed == 0 ? ERR_NOT_FOUND : rc;
}

static void year_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int *)out = (int)db_col_int(st, 0);
}

enum err workcal_years(struct db *db, struct arena *a, int **years,
                       size_t *n_years)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, year_row, sizeof(**years), &r,
                              "SELECT year FROM calendar_years WHERE year > $1"
                              " ORDER BY year",
                              DV_INT(0));
    *years = r.items;
    *n_years = r.n;
    return rc;
}

static void closure_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct closure *c = out;
    c->day = arena_strdup(a, db_col_text(st, 0));
    c->reason = arena_strdup(a, db_col_text(st, 1));
}

enum err workcal_closures(struct db *db, struct arena *a, int64_t office_id,
                          struct closure **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, closure_row, sizeof(**items), &r,
                              "SELECT day, reason FROM office_closures"
                              " WHERE office_id = $1 ORDER BY day",
                              DV_INT(office_id));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err workcal_put_closure(struct db *db, int64_t office_id, const char *day,
                             const char *reason)
{
    return db_run(db, NULL,
                  "INSERT INTO office_closures (office_id, day, reason)"
                  " VALUES ($1, $2, $3) ON CONFLICT (office_id, day) DO"
                  " UPDATE SET reason = excluded.reason",
                  DV_INT(office_id), DV_TEXT(day), DV_TEXT(reason));
}

enum err workcal_delete_closure(struct db *db, int64_t office_id,
                                const char *day)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "DELETE FROM office_closures WHERE office_id = $1"
                         " AND day = $2",
                         DV_INT(office_id), DV_TEXT(day));
    return rc == ERR_OK && changed == 0 ? ERR_NOT_FOUND : rc;
}

/* Not a date: a day_row() left out of a calendar. */
#define NOT_A_DAY INT64_MIN

/* A day as days since the epoch, or NOT_A_DAY. */
static void day_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct civil_date d;
    *(int64_t *)out =
        civil_parse_date(db_col_text(st, 0), &d) ? civil_to_days(d) : NOT_A_DAY;
}

/*
 * The closed days and loaded years of each office, cached per database and
 * office, stamped with the calendar version (store/versions.h), which
 * every change of holidays, loaded years, closures or offices raises.
 */
struct closed_days {
    int64_t *closed;
    size_t n_closed;
    int *years;
    size_t n_years;
};

static void *cache_make(void)
{
    return vcache_new(4096, 16u << 20);
}

static void cache_destroy(void *c)
{
    vcache_free(c);
}

static void closed_copy(struct arena *a, const void *src, void *out)
{
    const struct closed_days *s = src;
    struct closed_days *d = out;
    d->n_closed = s->n_closed;
    d->n_years = s->n_years;
    d->closed = arena_alloc(a, (s->n_closed + 1) * sizeof(*d->closed));
    memcpy(d->closed, s->closed, s->n_closed * sizeof(*d->closed));
    d->years = arena_alloc(a, (s->n_years + 1) * sizeof(*d->years));
    memcpy(d->years, s->years, s->n_years * sizeof(*d->years));
}

static enum err closed_load(struct db *db, struct arena *a, int64_t office_id,
                            struct closed_days *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = workcal_years(db, a, &out->years, &out->n_years);
    if (rc != ERR_OK)
        return rc;
    struct db_rows r;
    rc = db_get_list(db, a, day_row, sizeof(int64_t), &r,
                     "SELECT day FROM holidays UNION SELECT day FROM"
                     " office_closures WHERE office_id = $1 ORDER BY 1",
                     DV_INT(office_id));
    if (rc != ERR_OK)
        return rc;
    /* Days that are not dates are left out; the order stays. */
    int64_t *closed = r.items;
    size_t n = 0;
    for (size_t i = 0; i < r.n; i++)
        if (closed[i] != NOT_A_DAY)
            closed[n++] = closed[i];
    out->closed = closed;
    out->n_closed = n;
    return ERR_OK;
}

enum err workcal_load(struct db *db, struct arena *a, const struct office *o,
                      struct calendar *out)
{
    memset(out, 0, sizeof(*out));
    out->hours = o->hours;
    out->utc_offset_min = o->utc_offset_min;
    int64_t version = 0;
    enum err rc = data_version(db, DATA_CALENDAR, &version);
    if (rc != ERR_OK)
        return rc;
    struct vcache *c =
        db_shared(db, DB_SLOT_CALENDARS, cache_make, cache_destroy);
    char key[32];
    snprintf(key, sizeof(key), "%lld", (long long)o->id);
    struct closed_days days;
    if (!vcache_get(c, key, version, closed_copy, a, &days)) {
        rc = closed_load(db, a, o->id, &days);
        if (rc != ERR_OK)
            return rc;
        if (!db_in_tx(db)) {
            struct arena *own = arena_new();
            struct closed_days *keep = arena_alloc(own, sizeof(*keep));
            closed_copy(own, &days, keep);
            vcache_put(c, key, version, own, keep, arena_used(own));
        }
    }
    out->years = days.years;
    out->n_years = days.n_years;
    out->closed = days.closed;
    out->n_closed = days.n_closed;
    return ERR_OK;
}

/* A closed day of one office (workcal_load_all()). */
struct office_day {
    int64_t office_id; /* the office */
    int64_t day;       /* days since the epoch, or NOT_A_DAY */
};

static void office_day_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct office_day *r = out;
    r->office_id = db_col_int(st, 0);
    struct civil_date c;
    r->day =
        civil_parse_date(db_col_text(st, 1), &c) ? civil_to_days(c) : NOT_A_DAY;
}

enum err workcal_load_all(struct db *db, struct arena *a,
                          const struct office *offices, size_t n,
                          struct calendar *cals)
{
    int *years;
    size_t n_years;
    enum err rc = workcal_years(db, a, &years, &n_years);
    if (rc != ERR_OK)
        return rc;
    struct db_rows h, c;
    rc = db_get_list(db, a, day_row, sizeof(int64_t), &h,
                     "SELECT day FROM holidays WHERE day > $1 ORDER BY day",
                     DV_TEXT(""));
    if (rc == ERR_OK)
        rc = db_get_list(db, a, office_day_row, sizeof(struct office_day), &c,
                         "SELECT office_id, day FROM office_closures WHERE"
                         " office_id > $1 ORDER BY office_id, day",
                         DV_INT(0));
    if (rc != ERR_OK)
        return rc;
    const int64_t *hol = h.items;
    const struct office_day *cl = c.items;
    for (size_t i = 0; i < n; i++) {
        memset(&cals[i], 0, sizeof(cals[i]));
        cals[i].hours = offices[i].hours;
        cals[i].utc_offset_min = offices[i].utc_offset_min;
        cals[i].years = years;
        cals[i].n_years = n_years;
        /* This office's closures: a run of the sorted rows. */
        size_t lo = 0;
        while (lo < c.n && cl[lo].office_id < offices[i].id)
            lo++;
        size_t hi = lo;
        while (hi < c.n && cl[hi].office_id == offices[i].id)
            hi++;
        /* Merge the holidays and the closures, both sorted, without
         * duplicates (as the UNION of workcal_load()). */
        int64_t *days = arena_alloc(a, (h.n + (hi - lo) + 1) * sizeof(*days));
        size_t k = 0, x = 0, y = lo;
        while (x < h.n || y < hi) {
            int64_t d;
            if (y >= hi || (x < h.n && hol[x] <= cl[y].day))
                d = hol[x++];
            else
                d = cl[y++].day;
            if (d == NOT_A_DAY || (k && days[k - 1] == d))
                continue;
            days[k++] = d;
        }
        cals[i].closed = days;
        cals[i].n_closed = k;
    }
    return ERR_OK;
}
