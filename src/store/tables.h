/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tables.h: the tables of a database as its own catalogue tells them
 * (sqlite_master and the table pragmas on SQLite, information_schema and
 * pg_catalog on PostgreSQL), never a list written down here: a table a
 * later migration adds is found the day it exists. Used to copy a whole
 * installation from one database to another (store/copy.h), to report a
 * backup's contents and to compare two databases table by table.
 *
 * The checksum of a table does not depend on the order of its rows, nor
 * on the database it is read from: each row is hashed (crypto_hash64()
 * over its columns as text, NULL told apart from '') and the hashes are
 * added modulo 2^64. Integers read as their decimal text on both drivers,
 * so a row has the same hash in SQLite and in PostgreSQL.
 */
#ifndef SP_STORE_TABLES_H
#define SP_STORE_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;
struct db_stmt;

struct table_info {
    const char *name;     /* the table's name */
    const char **cols;    /* its columns, in the table's order */
    bool *col_int;        /* per column: declared as an integer type */
    size_t n_cols;        /* entries in cols and col_int */
    const char **pk;      /* primary key columns in key order */
    size_t n_pk;          /* entries in pk (0: none) */
    const char *identity; /* PostgreSQL identity column, or NULL */
    const char **refs;    /* the other tables its foreign keys name */
    size_t n_refs;        /* entries in refs */
};

struct table_set {
    struct table_info *items; /* parents before the tables naming them */
    size_t n;                 /* tables */
};

/*
 * Every table of the database but schema_migrations (each database keeps
 * its own), in dependency order: a table comes after every table its
 * foreign keys reference; otherwise by name. ERR_INVALID on a cycle.
 * Everything is allocated from a.
 */
enum err tables_list(struct db *db, struct arena *a, struct table_set *out)
    __attribute__((warn_unused_result));
/* The table named name in set, or NULL. */
const struct table_info *tables_find(const struct table_set *set,
                                     const char *name);

/* Rows of a table. */
enum err tables_count(struct db *db, const struct table_info *t, int64_t *rows)
    __attribute__((warn_unused_result));

/* A table's rows and their order-independent checksum (see above). */
struct table_sum {
    int64_t rows; /* rows read */
    uint64_t sum; /* sum of the rows' hashes modulo 2^64 */
};
enum err tables_sum(struct db *db, const struct table_info *t,
                    struct table_sum *out) __attribute__((warn_unused_result));
/* The hash of the current row of st, whose first n columns are a row. */
uint64_t tables_row_hash(struct db_stmt *st, size_t n);

/*
 * Call fn(ctx, st) for every row of t (its columns in t->cols order), in
 * primary key order. Rows are streamed: SQLite steps one statement, and
 * PostgreSQL reads through a cursor 1000 rows at a time, so it must run
 * inside a transaction (tables_snapshot_begin() or db_begin()). A return
 * other than ERR_OK from fn stops the scan and is returned.
 */
typedef enum err (*tables_row_fn)(void *ctx, struct db_stmt *st);
enum err tables_scan(struct db *db, const struct table_info *t,
                     tables_row_fn fn, void *ctx)
    __attribute__((warn_unused_result));

/*
 * A read-only snapshot of the whole database until tables_snapshot_end():
 * every scan, count and sum in between sees the same instant, while other
 * connections go on writing (SQLite: a deferred read transaction in WAL
 * mode; PostgreSQL: REPEATABLE READ, READ ONLY).
 */
enum err tables_snapshot_begin(struct db *db)
    __attribute__((warn_unused_result));
void tables_snapshot_end(struct db *db);

/* name as a quoted SQL identifier ("a""b"), from a. */
const char *tables_quote(struct arena *a, const char *name);

#endif
