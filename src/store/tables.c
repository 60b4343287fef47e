/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tables.c: the tables of a database from its own catalogue (see
 * tables.h). The only SQL here that names a table does so with the name
 * the catalogue gave, quoted as an identifier; values are bound as
 * everywhere else.
 */
#include "store/tables.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/log.h"
#include "store/db.h"

/* Rows one FETCH brings from a PostgreSQL cursor. */
#define PG_FETCH_ROWS 1000
/* Bytes of one row serialised for its hash (a photo is 2.7 MB). */
#define ROW_MAX (64u * 1024 * 1024)

const char *tables_quote(struct arena *a, const char *name)
{
    size_t n = strlen(name), quotes = 0;
    for (size_t i = 0; i < n; i++)
        quotes += name[i] == '"';
    char *out = arena_alloc(a, n + quotes + 3);
    size_t o = 0;
    out[o++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (name[i] == '"')
            out[o++] = '"';
        out[o++] = name[i];
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

/* Append s to an arena array of strings. */
static void push(struct arena *a, const char ***items, size_t *n, size_t *cap,
                 const char *s)
{
    if (*n == *cap)
        *items = arena_grow(a, *items, *n, cap, sizeof(**items));
    (*items)[(*n)++] = arena_strdup(a, s);
}

/* db_each() state of strings(). */
struct str_list {
    struct arena *a;
    const char ***out;
    size_t *n, cap;
};

static void str_row(struct db_stmt *st, void *ctx)
{
    struct str_list *l = ctx;
    const char *s = db_col_text(st, 0);
    if (s)
        push(l->a, l->out, l->n, &l->cap, s);
}

/* Every text in the first column of sql's rows (one bound text value). */
static enum err strings(struct db *db, struct arena *a, const char *sql,
                        const char *arg, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    struct str_list l = {.a = a, .out = out, .n = n};
    return arg ? db_each(db, str_row, &l, sql, DV_TEXT(arg))
               : db_each(db, str_row, &l, sql, DV_INT(0));
}

/* True when a declared column type is an integer type. */
static bool int_type(const char *type)
{
    char up[64];
    size_t i = 0;
    for (; type && type[i] && i + 1 < sizeof(up); i++)
        up[i] =
            (char)(type[i] >= 'a' && type[i] <= 'z' ? type[i] - 32 : type[i]);
    up[i] = '\0';
    return strstr(up, "INT") != NULL;
}

/* db_each() state of the column readers: the table being described. */
struct col_list {
    struct arena *a;
    struct table_info *t;
    size_t cap, ints_cap;
    const char *pk_by_pos[64]; /* SQLite: the key's columns by position */
    size_t n_pk;
};

/* One column (name, declared type) into the table's columns. */
static void add_col(struct col_list *c, struct db_stmt *st)
{
    struct table_info *t = c->t;
    const char *name = db_col_text(st, 0);
    push(c->a, &t->cols, &t->n_cols, &c->cap, name ? name : "");
    if (t->n_cols > c->ints_cap)
        t->col_int = arena_grow(c->a, t->col_int, t->n_cols - 1, &c->ints_cap,
                                sizeof(*t->col_int));
    t->col_int[t->n_cols - 1] = int_type(db_col_text(st, 1));
}

/* A row of pragma_table_info: name, type, position in the key. */
static void sqlite_col_row(struct db_stmt *st, void *ctx)
{
    struct col_list *c = ctx;
    add_col(c, st);
    int64_t pos = db_col_int(st, 2);
    if (pos > 0 && pos <= 64) {
        c->pk_by_pos[pos - 1] = c->t->cols[c->t->n_cols - 1];
        if ((size_t)pos > c->n_pk)
            c->n_pk = (size_t)pos;
    }
}

/* A row of information_schema.columns: name, type, identity. */
static void pg_col_row(struct db_stmt *st, void *ctx)
{
    struct col_list *c = ctx;
    add_col(c, st);
    const char *ident = db_col_text(st, 2);
    if (ident && strcmp(ident, "YES") == 0)
        c->t->identity = c->t->cols[c->t->n_cols - 1];
}

/* The columns, key and references of t on SQLite. */
static enum err sqlite_table(struct db *db, struct arena *a,
                             struct table_info *t)
{
    struct col_list c = {.a = a, .t = t};
    enum err rc = db_each(db, sqlite_col_row, &c,
                          "SELECT name, type, pk FROM pragma_table_info($1)"
                          " ORDER BY cid",
                          DV_TEXT(t->name));
    if (rc != ERR_OK)
        return rc;
    const char **pk_by_pos = c.pk_by_pos;
    size_t n_pk = c.n_pk;
    t->pk = arena_alloc(a, (n_pk ? n_pk : 1) * sizeof(*t->pk));
    for (size_t i = 0; i < n_pk; i++)
        if (pk_by_pos[i])
            t->pk[t->n_pk++] = pk_by_pos[i];
    return strings(db, a,
                   "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)"
                   " ORDER BY 1",
                   t->name, &t->refs, &t->n_refs);
}

/* The columns, key, identity and references of t on PostgreSQL. */
static enum err pg_table(struct db *db, struct arena *a, struct table_info *t)
{
    struct col_list cols = {.a = a, .t = t};
    enum err rc = db_each(
        db, pg_col_row, &cols,
        "SELECT column_name, data_type, is_identity FROM"
        " information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = $1 ORDER BY ordinal_position",
        DV_TEXT(t->name));
    if (rc == ERR_OK)
        rc = strings(db, a,
                     "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                     " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                     " WHERE i.indrelid = to_regclass(quote_ident($1))"
                     " AND i.indisprimary"
                     " ORDER BY array_position(i.indkey::int2[], a.attnum)",
                     t->name, &t->pk, &t->n_pk);
    if (rc == ERR_OK)
        rc = strings(db, a,
                     "SELECT DISTINCT r.relname FROM pg_constraint c"
                     " JOIN pg_class r ON r.oid = c.confrelid"
                     " WHERE c.contype = 'f'"
                     " AND c.conrelid = to_regclass(quote_ident($1))"
                     " ORDER BY 1",
                     t->name, &t->refs, &t->n_refs);
    return rc;
}

const struct table_info *tables_find(const struct table_set *set,
                                     const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (strcmp(set->items[i].name, name) == 0)
            return &set->items[i];
    return NULL;
}

/* Order tabs (n) parents first into out; false on a cycle. */
static bool dependency_order(struct arena *a, const struct table_info *tabs,
                             size_t n, struct table_info *out)
{
    bool *placed = arena_alloc(a, (n ? n : 1) * sizeof(*placed));
    size_t done = 0;
    while (done < n) {
        size_t before = done;
        /* tabs are sorted by name: each round places, in name order,
         * every table whose references are all placed. */
        for (size_t i = 0; i < n; i++) {
            if (placed[i])
                continue;
            bool ready = true;
            for (size_t r = 0; ready && r < tabs[i].n_refs; r++) {
                if (strcmp(tabs[i].refs[r], tabs[i].name) == 0)
                    continue; /* a parent row in the same table */
                for (size_t k = 0; k < n; k++)
                    if (!placed[k] &&
                        strcmp(tabs[k].name, tabs[i].refs[r]) == 0)
                        ready = false;
            }
            if (ready) {
                placed[i] = true;
                out[done++] = tabs[i];
            }
        }
        if (done == before)
            return false;
    }
    return true;
}

enum err tables_list(struct db *db, struct arena *a, struct table_set *out)
{
    bool lite = db_kind(db) == DB_SQLITE;
    const char **names = NULL;
    size_t n = 0;
    out->items = NULL;
    out->n = 0;
    enum err rc = strings(
        db, a,
        lite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
               " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
               " AND name <> 'schema_migrations' AND $1 = 0 ORDER BY name"
             : "SELECT table_name FROM information_schema.tables"
               " WHERE table_schema = current_schema()"
               " AND table_type = 'BASE TABLE'"
               " AND table_name <> 'schema_migrations' AND $1 = 0"
               " ORDER BY table_name COLLATE \"C\"",
        NULL, &names, &n);
    if (rc != ERR_OK)
        return rc;
    struct table_info *tabs = arena_alloc(a, (n ? n : 1) * sizeof(*tabs));
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        tabs[i].name = names[i];
        rc = lite ? sqlite_table(db, a, &tabs[i]) : pg_table(db, a, &tabs[i]);
    }
    if (rc != ERR_OK)
        return rc;
    out->items = arena_alloc(a, (n ? n : 1) * sizeof(*out->items));
    if (!dependency_order(a, tabs, n, out->items)) {
        log_error("tables: the foreign keys between tables form a cycle");
        return ERR_INVALID;
    }
    out->n = n;
    return ERR_OK;
}

enum err tables_count(struct db *db, const struct table_info *t, int64_t *rows)
{
    struct arena *a = arena_new();
    const char *sql = arena_printf(a, "SELECT COUNT(*) FROM %s WHERE $1 = 0",
                                   tables_quote(a, t->name));
    enum err rc = db_int(db, rows, sql, DV_INT(0));
    arena_free(a);
    return rc;
}

uint64_t tables_row_hash(struct db_stmt *st, size_t n)
{
    struct buf b;
    buf_init(&b, ROW_MAX);
    for (size_t i = 0; i < n; i++) {
        const char *s = db_col_text(st, (int)i);
        if (!s) {
            buf_putc(&b, '\xff'); /* NULL: no length can start with it */
            continue;
        }
        size_t len = strlen(s);
        unsigned char head[5] = {0, (unsigned char)(len >> 24),
                                 (unsigned char)(len >> 16),
                                 (unsigned char)(len >> 8), (unsigned char)len};
        buf_append(&b, head, sizeof(head));
        buf_append(&b, s, len);
    }
    uint64_t h = crypto_hash64(b.data ? b.data : "", b.len);
    buf_free(&b);
    return h;
}

/* The SELECT of every row of t in key order. */
static const char *select_sql(struct arena *a, const struct table_info *t)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    buf_puts(&b, "SELECT ");
    for (size_t i = 0; i < t->n_cols; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", tables_quote(a, t->cols[i]));
    buf_printf(&b, " FROM %s", tables_quote(a, t->name));
    for (size_t i = 0; i < t->n_pk; i++)
        buf_printf(&b, "%s%s", i ? ", " : " ORDER BY ",
                   tables_quote(a, t->pk[i]));
    const char *sql = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return sql;
}

enum err tables_scan(struct db *db, const struct table_info *t,
                     tables_row_fn fn, void *ctx)
{
    struct arena *a = arena_new();
    const char *select = select_sql(a, t);
    enum err rc = ERR_OK;
    if (db_kind(db) == DB_SQLITE) {
        rc = db_scan(db, fn, ctx, NULL, select);
        arena_free(a);
        return rc;
    }
    rc = db_exec(
        db, arena_printf(a, "DECLARE sp_scan NO SCROLL CURSOR FOR %s", select));
    const char *fetch = "FETCH FORWARD " /* PG_FETCH_ROWS */ "1000"
                        " FROM sp_scan";
    _Static_assert(PG_FETCH_ROWS == 1000, "the FETCH text says 1000");
    for (bool more = true; rc == ERR_OK && more;) {
        size_t got = 0;
        rc = db_scan(db, fn, ctx, &got, fetch);
        more = got == PG_FETCH_ROWS;
    }
    /* After a failure the transaction is aborted, and the cursor with it. */
    if (rc == ERR_OK)
        rc = db_exec(db, "CLOSE sp_scan");
    arena_free(a);
    return rc;
}

/* tables_scan() callback of tables_sum(). */
static enum err sum_row(void *ctx, struct db_stmt *st)
{
    struct table_sum *s = ctx;
    s->rows++;
    s->sum += tables_row_hash(st, (size_t)db_col_count(st));
    return ERR_OK;
}

enum err tables_sum(struct db *db, const struct table_info *t,
                    struct table_sum *out)
{
    out->rows = 0;
    out->sum = 0;
    return tables_scan(db, t, sum_row, out);
}

enum err tables_snapshot_begin(struct db *db)
{
    /* SQLite: the driver's read scope, one read transaction on the
     * handle's reader from its first read on (a BEGIN of our own would
     * be refused: SQL outside a transaction runs on the shared writer). */
    if (db_kind(db) == DB_SQLITE) {
        db_request_begin(db, true);
        return ERR_OK;
    }
    return db_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

void tables_snapshot_end(struct db *db)
{
    if (db_kind(db) == DB_SQLITE) {
        db_request_end(db);
        return;
    }
    if (db_exec(db, "ROLLBACK") != ERR_OK)
        log_warn("tables: the read snapshot did not end cleanly");
}
