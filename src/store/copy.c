/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * copy.c: a whole installation from one database into another (see
 * copy.h). Table and column names come from the databases' catalogues
 * (store/tables.c) and are quoted as identifiers; every value is bound.
 */
#include "store/copy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/log.h"
#include "base/params.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/tables.h"

/* Placeholders in one INSERT (PostgreSQL takes up to 256). */
#define MAX_PARAMS 240
/* Rows in one INSERT, at most. */
#define MAX_ROWS_PER_INSERT 64

__attribute__((format(printf, 2, 3))) static void say(struct copy_report *rep,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->error, sizeof(rep->error), fmt, ap);
    va_end(ap);
}

static const char *kind_name(struct db *db)
{
    return db_kind(db) == DB_SQLITE ? "SQLite" : "PostgreSQL";
}

/* The row counts a freshly migrated database holds (the migrations' own
 * rows, such as the default facilities checklist), into counts[] in the
 * order of set. */
static enum err baseline(struct arena *a, const struct table_set *set,
                         int64_t *counts)
{
    struct db *mem = NULL;
    enum log_level level = log_get_level();
    log_set_level(LOG_WARN); /* its "applied version N" lines mean nothing */
    /* A scratch file, not ":memory:": the SQLite driver reads through one
     * connection and writes through another (store/db_sqlite.c), and two
     * connections to ":memory:" are two databases. */
    const char *tmp = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof(path), "%s/satupintu-copy-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        log_set_level(level);
        log_error("copy: cannot make a scratch file in %s",
                  tmp && *tmp ? tmp : "/tmp");
        return ERR_IO;
    }
    close(fd);
    enum err rc = db_open(arena_printf(a, "sqlite:%s", path), &mem);
    int applied = 0;
    if (rc == ERR_OK)
        rc = migrate_up(mem, &applied);
    log_set_level(level);
    struct table_set fresh = {0};
    if (rc == ERR_OK)
        rc = tables_list(mem, a, &fresh);
    for (size_t i = 0; rc == ERR_OK && i < set->n; i++) {
        const struct table_info *t = tables_find(&fresh, set->items[i].name);
        counts[i] = 0;
        if (t)
            rc = tables_count(mem, t, &counts[i]);
    }
    db_close(mem);
    unlink(path);
    unlink(arena_printf(a, "%s-wal", path));
    unlink(arena_printf(a, "%s-shm", path));
    return rc;
}

/* Same tables with the same columns on both sides (names; any order). */
static bool same_schema(const struct table_set *from,
                        const struct table_set *to, struct copy_report *rep)
{
    for (size_t i = 0; i < from->n; i++) {
        const struct table_info *s = &from->items[i];
        const struct table_info *t = tables_find(to, s->name);
        if (!t) {
            say(rep, "the target has no table %s", s->name);
            return false;
        }
        if (t->n_cols != s->n_cols) {
            say(rep,
                "table %s has %zu columns in the source and %zu in the "
                "target",
                s->name, s->n_cols, t->n_cols);
            return false;
        }
        for (size_t c = 0; c < s->n_cols; c++) {
            bool found = false;
            for (size_t k = 0; !found && k < t->n_cols; k++)
                found = strcmp(s->cols[c], t->cols[k]) == 0;
            if (!found) {
                say(rep, "the target's table %s has no column %s", s->name,
                    s->cols[c]);
                return false;
            }
        }
    }
    for (size_t i = 0; i < to->n; i++)
        if (!tables_find(from, to->items[i].name)) {
            say(rep, "the source has no table %s", to->items[i].name);
            return false;
        }
    return true;
}

/* A trigger of a SQLite target, dropped for the copy and made again. */
struct saved_trigger {
    const char *name; /* its name */
    const char *sql;  /* its CREATE TRIGGER statement */
};

struct triggers {
    struct saved_trigger *items; /* SQLite: dropped triggers */
    size_t n;                    /* entries in items */
};

/* db_each() state of triggers_off(): the list being filled. */
struct trigger_rows {
    struct arena *a;
    struct triggers *tr;
    size_t cap;
};

static void trigger_row(struct db_stmt *st, void *ctx)
{
    struct trigger_rows *r = ctx;
    struct triggers *tr = r->tr;
    if (tr->n == r->cap)
        tr->items =
            arena_grow(r->a, tr->items, tr->n, &r->cap, sizeof(*tr->items));
    tr->items[tr->n].name = arena_strdup(r->a, db_col_text(st, 0));
    tr->items[tr->n].sql = arena_strdup(r->a, db_col_text(st, 1));
    tr->n++;
}

/* Switch the target's triggers off (inside its transaction). */
static enum err triggers_off(struct db *to, struct arena *a,
                             const struct table_set *set, struct triggers *tr)
{
    enum err rc = ERR_OK;
    if (db_kind(to) == DB_POSTGRES) {
        for (size_t i = 0; rc == ERR_OK && i < set->n; i++)
            rc = db_exec(to, arena_printf(a,
                                          "ALTER TABLE %s DISABLE TRIGGER "
                                          "USER",
                                          tables_quote(a, set->items[i].name)));
        return rc;
    }
    struct trigger_rows rows = {.a = a, .tr = tr};
    rc = db_each(to, trigger_row, &rows,
                 "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                 " AND $1 = 0 ORDER BY name",
                 DV_INT(0));
    for (size_t i = 0; rc == ERR_OK && i < tr->n; i++)
        rc = db_exec(to, arena_printf(a, "DROP TRIGGER %s",
                                      tables_quote(a, tr->items[i].name)));
    /* Foreign keys checked at COMMIT, as PostgreSQL's are per statement:
     * a table referring to itself may list a child first. */
    if (rc == ERR_OK)
        rc = db_exec(to, "PRAGMA defer_foreign_keys = ON");
    return rc;
}

static enum err triggers_on(struct db *to, struct arena *a,
                            const struct table_set *set,
                            const struct triggers *tr)
{
    enum err rc = ERR_OK;
    if (db_kind(to) == DB_POSTGRES) {
        for (size_t i = 0; rc == ERR_OK && i < set->n; i++)
            rc = db_exec(to, arena_printf(a,
                                          "ALTER TABLE %s ENABLE TRIGGER "
                                          "USER",
                                          tables_quote(a, set->items[i].name)));
        return rc;
    }
    for (size_t i = 0; rc == ERR_OK && i < tr->n; i++)
        rc = db_exec(to, tr->items[i].sql);
    return rc;
}

/* Rows of one table on their way into the target. */
struct batch {
    struct db *to;                /* the target */
    const struct table_info *src; /* the table, as the source has it */
    const bool *as_int;           /* per source column: bind as integer */
    size_t per_insert;            /* rows per full INSERT */
    const char *full_sql;         /* the INSERT of per_insert rows */
    struct arena *rows;           /* values of the rows held */
    const char **vals;            /* per_insert * n_cols values (NULL) */
    size_t n;                     /* rows held */
    int64_t copied;               /* rows written */
    uint64_t sum;                 /* checksum of the rows read */
    struct arena *a;              /* for SQL texts */
};

/* INSERT INTO t (cols) VALUES ($1..), ... for rows rows. */
static const char *insert_sql(struct arena *a, const struct table_info *t,
                              size_t rows)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    buf_printf(&b, "INSERT INTO %s (", tables_quote(a, t->name));
    for (size_t c = 0; c < t->n_cols; c++)
        buf_printf(&b, "%s%s", c ? ", " : "", tables_quote(a, t->cols[c]));
    buf_puts(&b, ") VALUES ");
    int k = 1;
    for (size_t r = 0; r < rows; r++) {
        buf_puts(&b, r ? ", (" : "(");
        for (size_t c = 0; c < t->n_cols; c++)
            buf_printf(&b, "%s$%d", c ? ", " : "", k++);
        buf_putc(&b, ')');
    }
    const char *sql = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return sql;
}

/* Write the rows held in the batch. */
static enum err flush(struct batch *b)
{
    if (!b->n)
        return ERR_OK;
    const char *sql =
        b->n == b->per_insert ? b->full_sql : insert_sql(b->a, b->src, b->n);
    size_t nc = b->src->n_cols;
    struct db_val *vals = arena_alloc(b->a, b->n * nc * sizeof(*vals));
    for (size_t i = 0; i < b->n * nc; i++) {
        const char *v = b->vals[i];
        int64_t iv = 0;
        if (!v)
            vals[i] = DV_NULL;
        else if (b->as_int[i % nc] && str_to_int(v, INT64_MIN, INT64_MAX, &iv))
            vals[i] = DV_INT(iv);
        else
            vals[i] = DV_TEXT(v);
    }
    enum err rc = db_run_v(b->to, NULL, sql, vals, b->n * nc);
    b->copied += (int64_t)b->n;
    b->n = 0;
    arena_free(b->rows);
    b->rows = arena_new();
    return rc;
}

/* tables_scan() callback: hash the source row and hold it. */
static enum err take_row(void *ctx, struct db_stmt *st)
{
    struct batch *b = ctx;
    size_t nc = b->src->n_cols;
    b->sum += tables_row_hash(st, nc);
    for (size_t c = 0; c < nc; c++)
        b->vals[b->n * nc + c] = arena_strdup(b->rows, db_col_text(st, (int)c));
    b->n++;
    return b->n == b->per_insert ? flush(b) : ERR_OK;
}

/* Copy one table; its count and checksum into *ct. */
static enum err copy_table(struct db *from, struct db *to, struct arena *a,
                           const struct table_info *t, struct copy_table *ct)
{
    struct batch b = {.to = to, .src = t, .a = a};
    bool *as_int = arena_alloc(a, (t->n_cols ? t->n_cols : 1) * sizeof(bool));
    /* SQLite stores a bound text as text whatever the column's affinity
     * when it does not look like a number; bind integers as integers.
     * PostgreSQL takes every value as text and converts by column type. */
    for (size_t c = 0; c < t->n_cols; c++)
        as_int[c] = db_kind(to) == DB_SQLITE && t->col_int[c];
    b.as_int = as_int;
    b.per_insert = t->n_cols ? MAX_PARAMS / t->n_cols : 1;
    if (b.per_insert < 1)
        b.per_insert = 1;
    if (b.per_insert > MAX_ROWS_PER_INSERT)
        b.per_insert = MAX_ROWS_PER_INSERT;
    b.full_sql = insert_sql(a, t, b.per_insert);
    b.vals = arena_alloc(a, b.per_insert * (t->n_cols ? t->n_cols : 1) *
                                sizeof(*b.vals));
    b.rows = arena_new();
    enum err rc = tables_scan(from, t, take_row, &b);
    if (rc == ERR_OK)
        rc = flush(&b);
    arena_free(b.rows);
    ct->name = t->name;
    ct->rows = b.copied;
    ct->sum = b.sum;
    return rc;
}

/* Set t's identity sequence past its highest id (PostgreSQL). */
static enum err continue_identity(struct db *to, struct arena *a,
                                  const struct table_info *t)
{
    if (db_kind(to) != DB_POSTGRES || !t->identity)
        return ERR_OK;
    const char *sql =
        arena_printf(a,
                     "SELECT setval(pg_get_serial_sequence($1, $2),"
                     " COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)",
                     tables_quote(a, t->identity), tables_quote(a, t->name));
    return db_run(to, NULL, sql, DV_TEXT(tables_quote(a, t->name)),
                  DV_TEXT(t->identity));
}

enum err copy_database(struct db *from, struct db *to, struct arena *a,
                       struct copy_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    int v_from = 0, v_to = 0, applied = 0;
    enum err rc = migrate_current(from, &v_from);
    if (rc != ERR_OK) {
        say(rep, "cannot read the source's schema version");
        return rc;
    }
    if (v_from != migrate_latest()) {
        say(rep,
            "the source's schema is at version %d and this program's at %d: "
            "%s",
            v_from, migrate_latest(),
            v_from < migrate_latest()
                ? "run 'satupintu migrate' on the source first"
                : "use the newer satupintu that upgraded it");
        return ERR_INVALID;
    }
    rc = migrate_current(to, &v_to);
    if (rc == ERR_OK && v_to > migrate_latest()) {
        say(rep,
            "the target's schema is at version %d, newer than this "
            "program's (%d)",
            v_to, migrate_latest());
        return ERR_INVALID;
    }
    if (rc == ERR_OK)
        rc = migrate_up(to, &applied);
    if (rc != ERR_OK) {
        say(rep, "cannot bring the target's schema to version %d",
            migrate_latest());
        return rc;
    }
    rep->schema = v_from;

    struct table_set src = {0}, dst = {0};
    rc = tables_list(from, a, &src);
    if (rc == ERR_OK)
        rc = tables_list(to, a, &dst);
    if (rc != ERR_OK) {
        say(rep, "cannot read the tables of the databases");
        return rc;
    }
    if (!same_schema(&src, &dst, rep))
        return ERR_INVALID;

    /* Empty: no table holds more than the migrations put there. */
    int64_t *fresh = arena_alloc(a, (src.n ? src.n : 1) * sizeof(*fresh));
    rc = baseline(a, &src, fresh);
    for (size_t i = 0; rc == ERR_OK && i < src.n; i++) {
        int64_t n = 0;
        rc = tables_count(to, tables_find(&dst, src.items[i].name), &n);
        if (rc == ERR_OK && n > fresh[i]) {
            say(rep,
                "the target is not empty: its table %s has %lld rows (a new "
                "database has %lld). Copy only into a new, empty database",
                src.items[i].name, (long long)n, (long long)fresh[i]);
            return ERR_CONFLICT;
        }
    }
    if (rc != ERR_OK) {
        say(rep, "cannot count the target's rows");
        return rc;
    }

    rep->tables = arena_alloc(a, (src.n ? src.n : 1) * sizeof(*rep->tables));
    rep->n = src.n;
    struct triggers tr = {0};
    rc = tables_snapshot_begin(from);
    if (rc != ERR_OK) {
        say(rep, "cannot open a read snapshot of the source");
        return rc;
    }
    rc = db_begin(to);
    if (rc == ERR_OK)
        rc = triggers_off(to, a, &dst, &tr);
    if (rc != ERR_OK)
        say(rep, "cannot switch off the target's triggers for the copy (on "
                 "PostgreSQL the tables must belong to the user copying)");
    /* The migrations' own rows make way for the source's, children first. */
    for (size_t i = src.n; rc == ERR_OK && i-- > 0;) {
        rc = db_run(to, NULL,
                    arena_printf(a, "DELETE FROM %s WHERE $1 = 0",
                                 tables_quote(a, src.items[i].name)),
                    DV_INT(0));
        if (rc != ERR_OK)
            say(rep, "cannot empty the target's table %s", src.items[i].name);
    }
    for (size_t i = 0; rc == ERR_OK && i < src.n; i++) {
        rc = copy_table(from, to, a, &src.items[i], &rep->tables[i]);
        if (rc == ERR_OK)
            rc = continue_identity(to, a, tables_find(&dst, src.items[i].name));
        if (rc != ERR_OK)
            say(rep, "copying table %s failed (see the log above)",
                src.items[i].name);
        rep->rows += rep->tables[i].rows;
    }
    tables_snapshot_end(from);
    if (rc == ERR_OK)
        rc = triggers_on(to, a, &dst, &tr);
    /* Read every table back from the target, in the same transaction. */
    for (size_t i = 0; rc == ERR_OK && i < src.n; i++) {
        struct table_sum s = {0};
        rc = tables_sum(to, &src.items[i], &s);
        rep->tables[i].target_rows = s.rows;
        rep->tables[i].target_sum = s.sum;
        if (rc == ERR_OK &&
            (s.rows != rep->tables[i].rows || s.sum != rep->tables[i].sum)) {
            say(rep,
                "table %s differs after the copy: %lld rows with checksum "
                "%016llx read, %lld rows with %016llx in the target; nothing "
                "was kept",
                src.items[i].name, (long long)rep->tables[i].rows,
                (unsigned long long)rep->tables[i].sum, (long long)s.rows,
                (unsigned long long)s.sum);
            rc = ERR_DB;
        }
    }
    bool checked = rc == ERR_OK;
    rc = db_tx_end(to, rc);
    if (checked && rc != ERR_OK)
        say(rep, "the target refused the commit (%s)", kind_name(to));
    return rc;
}
