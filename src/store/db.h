/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db.h: the one database interface, with a SQLite and a PostgreSQL driver.
 *
 * SQL is written once, as a string literal with placeholders $1..$n, and
 * runs unchanged on both drivers wherever the dialects allow. Values are
 * bound by type, never spliced into SQL. In SQLite, $1 is a named
 * parameter: the driver binds by sqlite3_bind_parameter_index(stmt, "$1"),
 * never by position, so a placeholder may appear several times.
 *
 * A statement uses at most DB_MAX_PARAMS placeholders ($1..$256); in
 * PostgreSQL every placeholder up to the highest must appear in the SQL
 * (the server must infer each one's type).
 *
 * A struct db is one connection, used by one thread at a time (the server
 * opens one per worker thread). Nothing here knows about HTTP or the domain.
 *
 * Types on the wire: every column is read as text or as a 64-bit integer.
 * Flags are stored as integers 0/1 in both dialects, times as Unix seconds
 * (UTC) in BIGINT columns, dates as 'YYYY-MM-DD' text.
 */
#ifndef SP_STORE_DB_H
#define SP_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

enum db_kind { DB_SQLITE, DB_POSTGRES };

/* The highest placeholder number a statement may use. */
#define DB_MAX_PARAMS 256

struct arena;

struct db;
struct db_stmt;
struct db_val;

/* Driver vtable: every driver fills one of these (db_sqlite.c, db_pg.c). */
struct db_driver {
    const char *name; /* "sqlite" or "postgresql" */
    enum db_kind kind;
    /* Open a connection for the driver-specific part of the URL. */
    enum err (*open)(const char *target, struct db **out)
        __attribute__((warn_unused_result));
    void (*close)(struct db *db);
    /* Run SQL without parameters; may hold several statements. */
    enum err (*exec)(struct db *db, const char *sql)
        __attribute__((warn_unused_result));
    enum err (*prepare)(struct db *db, const char *sql, struct db_stmt **out)
        __attribute__((warn_unused_result));
    void (*bind_text)(struct db_stmt *st, int n, const char *s, int len);
    void (*bind_int)(struct db_stmt *st, int n, int64_t v);
    void (*bind_null)(struct db_stmt *st, int n);
    enum err (*step)(struct db_stmt *st, bool *row)
        __attribute__((warn_unused_result));
    int (*col_count)(struct db_stmt *st);
    const char *(*col_text)(struct db_stmt *st, int col);
    int64_t (*col_int)(struct db_stmt *st, int col);
    bool (*col_is_null)(struct db_stmt *st, int col);
    int64_t (*changes)(struct db_stmt *st);
    /* Run what is left of a statement (an implicit write is committed
     * here); may be NULL when there is nothing to finish. */
    enum err (*finish)(struct db_stmt *st);
    void (*finalize)(struct db_stmt *st);
    const char *(*errmsg)(struct db *db);
    /* A write transaction: begin, commit (durable when it returns
     * ERR_OK), roll back (safe without one). */
    enum err (*begin)(struct db *db);
    enum err (*commit)(struct db *db);
    void (*rollback)(struct db *db);
    /* Reads outside a write transaction share one snapshot while on
     * (may be NULL: every statement reads the latest commit). */
    void (*read_scope)(struct db *db, bool on);
};

/*
 * Every connection starts with this header, so db.c can dispatch.
 * Drivers embed it as the first member of their own struct.
 */
struct db_deferred;
struct db_shared;
struct db {
    const struct db_driver *drv;  /* the driver that opened it */
    int tx_depth;                 /* 1 inside db_begin..commit/rollback */
    struct db_deferred *deferred; /* db_defer()'s statements, or NULL */
    struct db_shared *shared;     /* what every connection to the same
                                     database in this process shares */
    int64_t versions[2];          /* store/versions.c: the data versions
                                     read in this read-only request ... */
    bool versions_known;          /* ... forgotten at every transaction
                                     boundary */
    bool read_only_request;       /* between db_request_begin(db, true)
                                     and db_request_end() */
    bool in_request;              /* between db_request_begin() and
                                     db_request_end() */
    int64_t fault_after;          /* db_fail_after(): statements that still
                                     succeed, or -1 (no fault armed) */
    int64_t fault_seen;           /* statements run since it was armed */
    bool fault_fired;             /* the armed fault has happened */
};

/* Every statement starts with this header (first member of driver's). */
struct db_stmt {
    struct db *db;          /* the connection it belongs to */
    struct arena *repaired; /* db_col_text()'s repaired copies, or NULL;
                               freed at the next step and at finalize */
    double started;         /* monotonic seconds of the execution's first
                               step, 0 between executions (metrics) */
};

/*
 * Open a connection. url is "sqlite:PATH" (or a plain path ending in .db),
 * "postgresql://..." or "postgres://...". On success *out is the new
 * connection, closed by the caller with db_close(). On failure *out is NULL
 * and a message has been logged.
 */
enum err db_open(const char *url, struct db **out)
    __attribute__((warn_unused_result));
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/* Run parameterless SQL, possibly several statements (migrations). */
enum err db_exec(struct db *db, const char *sql)
    __attribute__((warn_unused_result));

/*
 * Transactions. On PostgreSQL db_begin() is a plain BEGIN on this
 * connection. On SQLite every connection opened on one file in a process
 * shares one writer connection (db_sqlite.c, docs/ARCHITECTURE.md "One
 * writer, group commit"): db_begin() waits for it, then runs the
 * transaction in the group's BEGIN IMMEDIATE (as a SAVEPOINT, but for the
 * group's first transaction); reads
 * inside see the transaction's own writes. db_commit() releases the
 * savepoint and returns once a COMMIT that holds it is on disk (ERR_OK) or
 * has failed (the error). db_rollback() undoes this transaction alone and
 * is safe to call when no transaction is open. A write statement run
 * outside a transaction is a transaction of its own (committed, durably,
 * before the statement's last step returns). After db_commit() or
 * db_rollback() returns, reads outside a transaction see at least what the
 * transaction saw.
 */
enum err db_begin(struct db *db) __attribute__((warn_unused_result));
enum err db_commit(struct db *db) __attribute__((warn_unused_result));
void db_rollback(struct db *db);

/*
 * A request's life on one connection (the server calls these around each
 * request). db_request_begin(): the reads outside a write transaction
 * share one snapshot until the request writes (SQLite: one read
 * transaction, ended by any write and by db_request_end; the next read
 * after a write starts another); with read_only, the cached data's
 * versions are also read once (store/versions.h). db_request_end(): rolls
 * back a transaction left open, writes what db_defer() kept (a
 * transaction of its own), ends the read snapshot. Safe to call without
 * db_request_begin().
 */
void db_request_begin(struct db *db, bool read_only);
void db_request_end(struct db *db);
/*
 * End the request's read snapshot now, before slow work that reads nothing
 * (a password hash, a photo scaled down): a snapshot held that long keeps
 * SQLite from copying the newer WAL pages back. The next read takes a new
 * one. Nothing outside a request or inside a transaction.
 */
void db_snapshot_end(struct db *db);

/*
 * Keep a small write (one statement, at most DB_DEFER_MAX at a time) for
 * later: it runs first thing in the next write transaction on this
 * connection (db_begin) and is forgotten when that commits; a rollback
 * keeps it. What is still kept at db_request_end() or db_close() runs
 * then, in a transaction of its own. For bookkeeping that may be late and
 * may be lost in a crash (an API key's last use), never for the record of
 * anything acknowledged. Values are copied. ERR_TOO_LARGE when full.
 */
#define DB_DEFER_MAX 4
enum err db_defer_v(struct db *db, const char *sql, const struct db_val *vals,
                    size_t n) __attribute__((warn_unused_result));
#define db_defer(db, sql, ...) db_defer_v((db), (sql), DB_VALS(__VA_ARGS__))

/*
 * Process-wide settings of the SQLite driver, read when a database's
 * writer is opened (set them before the first db_open()).
 * commit_delay_ms: how long a group's committer waits for more
 * transactions before its COMMIT (0: commit as soon as no transaction
 * waits for the writer; PostgreSQL's commit_delay in spirit).
 */
void db_sqlite_set_commit_delay(unsigned ms);
/*
 * bytes of the file each reading connection maps into memory (PRAGMA
 * mmap_size; 0, the default: none). Saves a read() per page on large
 * databases read at random (tracking), but each connection's mapped pages
 * then count in the process's resident memory, and a growing file is
 * mapped again (writes pay for it). Read when a connection opens.
 */
void db_sqlite_set_mmap(uint64_t bytes);
/*
 * The page cache, KiB, of the reading connections the calling thread
 * opens from now on (0, the default: 1 MiB; see db_sqlite.c). A thread
 * that reads much at once (a report) asks for more.
 */
void db_sqlite_thread_cache(unsigned kib);

/* Counters of the SQLite writer of db's file (0 on PostgreSQL): group
 * COMMITs run and transactions committed in them since it opened. */
struct db_writer_stats {
    uint64_t groups;       /* COMMITs of groups that held a transaction */
    uint64_t transactions; /* transactions committed in them */
    uint64_t largest;      /* most transactions in one group */
    uint64_t failed;       /* transactions whose group failed */
    uint64_t pending;      /* transactions waiting in the open group now */
};
void db_writer_stats(struct db *db, struct db_writer_stats *out);

/*
 * For tests: while held, no group is committed (transactions pile up in
 * the open group, their db_commit() waiting); releasing lets the groups
 * commit. Process-wide.
 */
void db_sqlite_hold_commits(bool hold);

/*
 * Prepare one statement. *out is freed with db_finalize(). Bind values
 * before the first db_step(); n is the placeholder number ($n).
 * Text is copied by the driver.
 */
enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out)
    __attribute__((warn_unused_result));
void db_bind_text(struct db_stmt *st, int n, const char *s);
void db_bind_int(struct db_stmt *st, int n, int64_t v);
void db_bind_null(struct db_stmt *st, int n);
/* Bind text, or NULL when s is NULL. */
void db_bind_text_or_null(struct db_stmt *st, int n, const char *s);

/*
 * Execute (first call) or advance. *row is true while a row is available.
 * Errors: ERR_CONFLICT for a unique or foreign-key violation, ERR_BUSY for
 * a lock timeout or serialization failure, ERR_DB otherwise.
 */
enum err db_step(struct db_stmt *st, bool *row)
    __attribute__((warn_unused_result));
/*
 * Column text, NULL for SQL NULL; borrowed until the next step/finalize.
 * Always valid UTF-8: a value that is not (SQLite keeps any bytes, and
 * another tool may have written them) comes back repaired by
 * utf8_repair(), so jansson, which refuses invalid UTF-8, can always
 * build the JSON answers.
 */
const char *db_col_text(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
/* Columns of the result (0 before the first step). */
int db_col_count(struct db_stmt *st);
bool db_col_is_null(struct db_stmt *st, int col);
/* Rows changed by the last INSERT/UPDATE/DELETE this statement ran. */
int64_t db_changes(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
const char *db_errmsg(struct db *db);

/*
 * Typed values for the short forms below: a statement with its parameters
 * in one call, type-checked by the compound literal, e.g.
 *   db_run(db, &changed, "UPDATE t SET a = $1 WHERE id = $2",
 *          DV_TEXT(a), DV_INT(id));
 */
enum db_val_type { DBV_NULL, DBV_TEXT, DBV_INT };
struct db_val {
    enum db_val_type type; /* which member is set */
    const char *s;         /* DBV_TEXT (NULL binds SQL NULL) */
    int64_t i;             /* DBV_INT */
};
#define DV_TEXT(x) ((struct db_val){.type = DBV_TEXT, .s = (x)})
#define DV_INT(x) ((struct db_val){.type = DBV_INT, .i = (int64_t)(x)})
#define DV_NULL ((struct db_val){.type = DBV_NULL})
#define DB_VALS(...)                                                           \
    (const struct db_val[]){__VA_ARGS__},                                      \
        sizeof((const struct db_val[]){__VA_ARGS__}) / sizeof(struct db_val)

/* Prepare sql and bind vals[0..n) as $1..$n; *out as db_prepare(). */
enum err db_prepare_v(struct db *db, const char *sql, const struct db_val *vals,
                      size_t n, struct db_stmt **out)
    __attribute__((warn_unused_result));
/* Run a statement without result rows; *changed (may be NULL) = rows. */
enum err db_run_v(struct db *db, int64_t *changed, const char *sql,
                  const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));
/*
 * Run a query and read the first column of its first row as an integer.
 * ERR_NOT_FOUND when there is no row (or the value is NULL).
 */
enum err db_int_v(struct db *db, int64_t *out, const char *sql,
                  const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));

#define db_query(db, out, sql, ...)                                            \
    db_prepare_v((db), (sql), DB_VALS(__VA_ARGS__), (out))
#define db_run(db, changed, sql, ...)                                          \
    db_run_v((db), (changed), (sql), DB_VALS(__VA_ARGS__))
#define db_int(db, out, sql, ...)                                              \
    db_int_v((db), (out), (sql), DB_VALS(__VA_ARGS__))

/*
 * Reading rows into structs: a row function copies the columns of the
 * current row of st into *out (strings into the arena a; the text of st is
 * borrowed until the next step). db_get_one runs sql with its values and
 * fills *out from the first row: ERR_NOT_FOUND when there is none.
 * db_get_list fills an arena array of elements of `size` bytes (each zeroed
 * before fn sees it): rows->items and rows->n. Both finalize the statement.
 *   struct db_rows r;
 *   rc = db_get_list(db, a, user_row, sizeof(struct user), &r,
 *                    "SELECT ... WHERE office_id = $1", DV_INT(id));
 */
typedef void (*db_row_fn)(struct db_stmt *st, struct arena *a, void *out);
struct db_rows {
    void *items; /* arena array of n elements */
    size_t n;    /* rows read */
};
enum err db_get_one_v(struct db *db, struct arena *a, db_row_fn fn, void *out,
                      const char *sql, const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));
enum err db_get_list_v(struct db *db, struct arena *a, db_row_fn fn,
                       size_t size, struct db_rows *rows, const char *sql,
                       const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));
#define db_get_one(db, a, fn, out, sql, ...)                                   \
    db_get_one_v((db), (a), (fn), (out), (sql), DB_VALS(__VA_ARGS__))
#define db_get_list(db, a, fn, size, rows, sql, ...)                           \
    db_get_list_v((db), (a), (fn), (size), (rows), (sql), DB_VALS(__VA_ARGS__))

/*
 * Visit rows: fn sees each row of sql in turn with ctx (the text of st is
 * borrowed until the next step), for a result that is not a list of
 * structs (counts folded into an array, texts matched to slots). Finalizes
 * the statement; the first failure stops and is returned.
 */
typedef void (*db_each_fn)(struct db_stmt *st, void *ctx);
enum err db_each_v(struct db *db, db_each_fn fn, void *ctx, const char *sql,
                   const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));
#define db_each(db, fn, ctx, sql, ...)                                         \
    db_each_v((db), (fn), (ctx), (sql), DB_VALS(__VA_ARGS__))

/*
 * The same with a visitor that may fail (a stream copied elsewhere, rows
 * checked as they come): the first failure, of the database or of fn,
 * stops the scan and is returned; *rows (when not NULL) counts the rows
 * seen.
 */
typedef enum err (*db_scan_fn)(void *ctx, struct db_stmt *st);
enum err db_scan_v(struct db *db, db_scan_fn fn, void *ctx, size_t *rows,
                   const char *sql, const struct db_val *vals, size_t n)
    __attribute__((warn_unused_result));
#define db_scan(db, fn, ctx, rows, sql, ...)                                   \
    db_scan_v((db), (fn), (ctx), (rows), (sql), DB_VALS(__VA_ARGS__))

/* Row functions for one-column results: the first column as arena text
 * (out is a const char **) or as an integer (out is an int64_t *). */
void db_row_text(struct db_stmt *st, struct arena *a, void *out);
void db_row_int(struct db_stmt *st, struct arena *a, void *out);

/*
 * End the transaction of a unit of work: commit when rc is ERR_OK (a failed
 * commit is rolled back and returned), otherwise roll back and return rc.
 *   rc = db_begin(db); if (rc == ERR_OK) rc = step1(); ...;
 *   rc = db_tx_end(db, rc);
 */
enum err db_tx_end(struct db *db, enum err rc)
    __attribute__((warn_unused_result));

/*
 * A LIKE pattern matching text that contains q, with q's own % _ and \
 * escaped; use with "LIKE $n ESCAPE '\\'" (arena string).
 */
char *db_like_contains(struct arena *a, const char *q);

/*
 * SQL built at run time, kept for the life of the process: the same text
 * always gives the same pointer. The statement caches of both drivers are
 * keyed by the address of the SQL (a literal's is fixed), so a text built
 * anew for every request would be prepared anew every time (and on
 * PostgreSQL leave a prepared statement on the server each time). For SQL
 * with a bounded number of shapes (a period's parts, a batch's rows); at
 * most DB_INTERN_MAX texts, then sql itself is returned (prepared anew, as
 * before).
 */
#define DB_INTERN_MAX 4096
const char *db_sql_intern(const char *sql);

/* True inside db_begin()..db_commit()/db_rollback(). */
bool db_in_tx(const struct db *db);

/*
 * Process-wide state per database (the same URL), shared by every
 * connection opened on it and freed with the last: the caches of store/
 * hang here. The slot's value is made by make() the first time (under a
 * lock) and freed by destroy().
 */
enum db_slot {
    DB_SLOT_OFFICES,   /* store/offices.c */
    DB_SLOT_CALENDARS, /* store/workcal.c */
    DB_SLOT_CATALOGUE, /* store/catalogue.c */
    DB_SLOT__COUNT
};
void *db_shared(struct db *db, enum db_slot slot, void *(*make)(void),
                void (*destroy)(void *));

/* True when the database answers a trivial query. */
bool db_ping(struct db *db);

/*
 * True when the connection is lost for good (PostgreSQL restarted or went
 * away; never for SQLite): every call on it now fails with ERR_BUSY, and
 * its owner closes it and opens a new one (app_handle(), the jobs).
 */
bool db_broken(struct db *db);
/* The PostgreSQL driver's part of db_broken(). */
bool db_pg_broken(struct db *db);
/*
 * Fault injection, for tests only: a database that fails on purpose, so a
 * test can drive every error path of a handler (tests/http/test_faults.c;
 * docs/ARCHITECTURE.md, "Faults"). It is off in every process until
 * db_faults_enable() is called, which `satupintu serve` does only when
 * its environment has SATUPINTU_TEST_FAULTS=1; while off, db_fail_after()
 * does nothing and no statement is counted.
 *
 * A statement is one db_prepare() or one db_exec() (so BEGIN and COMMIT
 * count; the ROLLBACK of db_rollback() never fails on purpose, so a unit
 * of work can always be undone). After db_fail_after(db, n) the next n
 * statements on db run as usual and the one after them fails with ERR_DB
 * without reaching the database; later ones run as usual again. n < 0
 * disarms. db_fault_fired() tells whether the armed fault happened, and
 * db_fault_seen() how many statements ran since it was armed.
 */
void db_faults_enable(void);
bool db_faults_enabled(void);
void db_fail_after(struct db *db, int64_t n);
bool db_fault_fired(const struct db *db);
int64_t db_fault_seen(const struct db *db);

/* Drivers. */
extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
