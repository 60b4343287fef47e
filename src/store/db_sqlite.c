/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db_sqlite.c: the SQLite driver.
 *
 * Every connection runs in WAL mode with foreign keys on, a busy timeout,
 * and synchronous=FULL: a transaction is on disk when COMMIT returns, so an
 * acknowledged write survives a crash and a power cut. Placeholders $1..$n
 * are named parameters, bound by name. Knows nothing of the schema.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "store/db.h"

#define SQLITE_BUSY_MS 10000

struct sqlite_db {
    struct db hdr; /* must be first */
    sqlite3 *conn; /* the connection */
};

struct sqlite_stmt {
    struct db_stmt hdr; /* must be first */
    sqlite3_stmt *stmt; /* the prepared statement */
    int64_t changes;    /* rows changed by the last step that finished */
    bool done;          /* SQLITE_DONE seen */
};

static __attribute__((warn_unused_result)) enum err
map_rc(sqlite3 *conn, int rc, const char *what)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return ERR_OK;
    case SQLITE_CONSTRAINT:
        log_debug("db: %s: %s", what, sqlite3_errmsg(conn));
        return ERR_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        log_warn("db: %s: %s", what, sqlite3_errmsg(conn));
        return ERR_BUSY;
    default:
        log_error("db: %s: %s", what, sqlite3_errmsg(conn));
        return ERR_DB;
    }
}

static __attribute__((warn_unused_result)) enum err sq_open(const char *target,
                                                            struct db **out)
{
    sqlite3 *conn = NULL;
    int rc = sqlite3_open_v2(
        target, &conn,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("db: cannot open %s: %s", target,
                  conn ? sqlite3_errmsg(conn) : "out of memory");
        sqlite3_close(conn);
        return ERR_DB;
    }
    sqlite3_busy_timeout(conn, SQLITE_BUSY_MS);
    sqlite3_extended_result_codes(conn, 1);
    char *msg = NULL;
    rc = sqlite3_exec(conn,
                      "PRAGMA journal_mode=WAL;"
                      "PRAGMA synchronous=FULL;"
                      "PRAGMA foreign_keys=ON;"
                      "PRAGMA temp_store=MEMORY;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("db: cannot configure %s: %s", target, msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(conn);
        return ERR_DB;
    }
    struct sqlite_db *db = xcalloc(1, sizeof(*db));
    db->hdr.drv = &db_sqlite_driver;
    db->conn = conn;
    *out = &db->hdr;
    return ERR_OK;
}

static void sq_close(struct db *hdr)
{
    struct sqlite_db *db = (struct sqlite_db *)hdr;
    sqlite3_close(db->conn);
    free(db);
}

static __attribute__((warn_unused_result)) enum err sq_exec(struct db *hdr,
                                                            const char *sql)
{
    struct sqlite_db *db = (struct sqlite_db *)hdr;
    int rc = sqlite3_exec(db->conn, sql, NULL, NULL, NULL);
    return map_rc(db->conn, rc, "exec");
}

static __attribute__((warn_unused_result)) enum err
sq_prepare(struct db *hdr, const char *sql, struct db_stmt **out)
{
    struct sqlite_db *db = (struct sqlite_db *)hdr;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK) {
        enum err e = map_rc(db->conn, rc, "prepare");
        log_error("db: in SQL: %.200s", sql);
        *out = NULL;
        return e == ERR_OK ? ERR_DB : e;
    }
    struct sqlite_stmt *st = xcalloc(1, sizeof(*st));
    st->hdr.db = hdr;
    st->stmt = stmt;
    *out = &st->hdr;
    return ERR_OK;
}

/* Index of $n in the statement, or 0 when the SQL does not use it. */
static int param_index(struct sqlite_stmt *st, int n)
{
    char name[16];
    snprintf(name, sizeof(name), "$%d", n);
    return sqlite3_bind_parameter_index(st->stmt, name);
}

static void sq_bind_text(struct db_stmt *hdr, int n, const char *s, int len)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_text(st->stmt, i, s, len, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct db_stmt *hdr, int n, int64_t v)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_int64(st->stmt, i, v);
}

static void sq_bind_null(struct db_stmt *hdr, int n)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_null(st->stmt, i);
}

static __attribute__((warn_unused_result)) enum err sq_step(struct db_stmt *hdr,
                                                            bool *row)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)hdr;
    struct sqlite_db *db = (struct sqlite_db *)hdr->db;
    *row = false;
    if (st->done)
        return ERR_OK;
    int rc = sqlite3_step(st->stmt);
    if (rc == SQLITE_ROW) {
        *row = true;
        return ERR_OK;
    }
    st->done = true;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(db->conn);
        return ERR_OK;
    }
    return map_rc(db->conn, rc, "step");
}

static int sq_col_count(struct db_stmt *hdr)
{
    return sqlite3_column_count(((struct sqlite_stmt *)hdr)->stmt);
}

static const char *sq_col_text(struct db_stmt *hdr, int col)
{
    sqlite3_stmt *stmt = ((struct sqlite_stmt *)hdr)->stmt;
    return (const char *)sqlite3_column_text(stmt, col);
}

static int64_t sq_col_int(struct db_stmt *hdr, int col)
{
    return sqlite3_column_int64(((struct sqlite_stmt *)hdr)->stmt, col);
}

static bool sq_col_is_null(struct db_stmt *hdr, int col)
{
    sqlite3_stmt *stmt = ((struct sqlite_stmt *)hdr)->stmt;
    return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

static int64_t sq_changes(struct db_stmt *hdr)
{
    return ((struct sqlite_stmt *)hdr)->changes;
}

static void sq_finalize(struct db_stmt *hdr)
{
    struct sqlite_stmt *st = (struct sqlite_stmt *)hdr;
    sqlite3_finalize(st->stmt);
    free(st);
}

static const char *sq_errmsg(struct db *hdr)
{
    return sqlite3_errmsg(((struct sqlite_db *)hdr)->conn);
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .kind = DB_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_count = sq_col_count,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_is_null = sq_col_is_null,
    .changes = sq_changes,
    .finalize = sq_finalize,
    .errmsg = sq_errmsg,
};
