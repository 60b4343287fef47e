/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db_pg.c: the PostgreSQL driver behind db.h, on libpq.
 *
 * What it does: opens one connection per struct db from a
 * "postgresql://..." or "postgres://..." URL, runs parameterless SQL with
 * PQexec and parameterised statements with PQexecParams (text in, text
 * out), and maps SQLSTATE codes onto enum err: integrity violations are
 * ERR_CONFLICT, serialization failures, deadlocks and lock timeouts are
 * ERR_BUSY, anything else is ERR_DB.
 *
 * What it must not do:
 *   1. Splice values into SQL. Values travel only as PQexecParams
 *      parameters; the SQL text is the caller's literal, passed unchanged.
 *   2. Log connection URLs (they may hold a password) or bound values
 *      (they hold citizens' data). Error logs carry the server message and
 *      at most the first 200 characters of the SQL literal.
 *   3. Know about HTTP, the domain, or transactions: BEGIN/COMMIT are
 *      plain SQL sent by db.c.
 *   4. Be shared between threads: a struct db is one connection for one
 *      thread at a time, as db.h says.
 *
 * Statements are prepared on the server once per connection: prepare()
 * finds the SQL in the connection's cache (keyed by the address of the SQL
 * literal, checked against its text) and keeps the parameter slots; the
 * first step() prepares it on the server (PQprepare, named "spN") if this
 * session has not yet, then runs it (PQexecPrepared, text in and out) and
 * keeps the whole result, which later steps walk row by row.
 *
 * A dropped connection is opened again (PQreset) before the next statement
 * that runs outside a transaction, and the cache forgets what the old
 * session had prepared; a statement that finds the connection gone, or its
 * prepared statement stale after a schema change ("cached plan must not
 * change result type"), is prepared again and run once more when no
 * transaction was open (inside one the transaction is lost: ERR_BUSY, so
 * that the caller may try again). A lost connection is also marked
 * (db_pg_broken()), so that its owner closes it after the request and
 * opens a new one. Allocation failure aborts.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store/db.h"

/* Highest placeholder number a statement may use (db.h). */
#define PG_MAX_PARAMS DB_MAX_PARAMS

/* How much of the SQL text an error log line shows. */
#define PG_LOG_SQL_MAX 200

/* Prepared statements kept per connection (the oldest go first). */
#define PG_CACHE_MAX 512
#define PG_CACHE_BUCKETS 512

/* One SQL text prepared (or to be prepared) on this connection. */
struct pg_cached {
    struct pg_cached *next; /* in its bucket */
    const char *key;        /* the caller's SQL pointer */
    char *sql;              /* its text, owned */
    char name[24];          /* the server-side name, "spN" */
    bool prepared;          /* prepared in the current session */
};

/* One connection; the struct db header comes first so db.c can dispatch. */
struct pg_db {
    struct db hdr; /* must stay first: pg_db_of() casts the header */
    PGconn *conn;  /* the libpq connection, owned; PQfinish on close */
    char *err;     /* last error message, owned, NULL after a success */
    struct pg_cached *buckets[PG_CACHE_BUCKETS]; /* the statement cache */
    size_t n_cached;                             /* entries in it */
    unsigned long next; /* number of the next server-side name */
    bool lost;          /* the server went away: open a new connection */
};

/* One statement; the struct db_stmt header comes first. */
struct pg_stmt {
    struct db_stmt hdr;          /* must stay first; hdr.db: connection */
    struct pg_cached *cached;    /* the cache entry of its SQL */
    const char *sql;             /* the SQL text (the entry's) */
    char *params[PG_MAX_PARAMS]; /* text of $1..$n, owned; NULL = NULL */
    int n_params;                /* highest $n bound so far */
    bool ran;                    /* true once the query has been sent */
    enum err rc;                 /* result of the run, repeated after */
    PGresult *res;               /* the whole result, owned, or NULL */
    int n_rows;                  /* PQntuples(res), 0 without rows */
    int cur;                     /* index of the current row */
};

/* malloc that aborts on failure: allocation failure is not an error. */
static void *pg_xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);

    if (p == NULL)
        abort();
    return p;
}

/* Copy of the first len bytes of s plus a NUL; caller frees with free(). */
static char *pg_xstrndup(const char *s, size_t len)
{
    char *p = pg_xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Copy of the NUL-terminated s; caller frees with free(). */
static char *pg_xstrdup(const char *s)
{
    return pg_xstrndup(s, strlen(s));
}

/* The driver's connection behind the generic header. */
static struct pg_db *pg_db_of(struct db *db)
{
    assert(db != NULL && db->drv == &db_pg_driver);
    return (struct pg_db *)db;
}

/* The driver's statement behind the generic header. */
static struct pg_stmt *pg_stmt_of(struct db_stmt *st)
{
    assert(st != NULL && st->db != NULL && st->db->drv == &db_pg_driver);
    return (struct pg_stmt *)st;
}

/*
 * Remember msg (may be NULL) as the connection's last error, as one line:
 * newlines and tabs become spaces and trailing white space is dropped.
 * Replaces the previous message; the copy is owned by pdb.
 */
static void pg_set_err(struct pg_db *pdb, const char *msg)
{
    size_t i, len;

    if (msg == NULL || msg[0] == '\0')
        msg = "unknown PostgreSQL error";
    len = strlen(msg);
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == '\r' ||
                       msg[len - 1] == ' '))
        len--;
    free(pdb->err);
    pdb->err = pg_xstrndup(msg, len);
    for (i = 0; i < len; i++)
        if (pdb->err[i] == '\n' || pdb->err[i] == '\r' || pdb->err[i] == '\t')
            pdb->err[i] = ' ';
}

/*
 * Write at most max bytes of s to f on one line, each run of white space
 * (newlines included) as one space and without trailing white space, with
 * "..." when s was cut, so that a log line stays one line.
 */
static void pg_put_flat(FILE *f, const char *s, size_t max)
{
    size_t i;
    bool in_space = false;

    for (i = 0; i < max && s[i] != '\0'; i++) {
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') {
            in_space = true;
            continue;
        }
        if (in_space && i > 0)
            fputc(' ', f);
        in_space = false;
        fputc(s[i], f);
    }
    if (s[i] != '\0')
        fputs("...", f);
}

/* Forget the last error after an operation that succeeded. */
static void pg_clear_err(struct pg_db *pdb)
{
    free(pdb->err);
    pdb->err = NULL;
}

/*
 * Map a failed result (res may be NULL when libpq itself failed) to an
 * error, remember its message on pdb, and log it to stderr ("db: ",
 * message, SQLSTATE, first 200 bytes of sql) only when it is ERR_DB.
 * Integrity violations (ERR_CONFLICT: a duplicate registration number, a
 * stale reference) are outcomes the caller turns into a message for the
 * user, and ERR_BUSY is retried, so neither is logged here; the caller may
 * log db_errmsg() at debug level.
 */
static __attribute__((warn_unused_result)) enum err
pg_fail(struct pg_db *pdb, const PGresult *res, const char *sql)
{
    const char *state = NULL;
    enum err rc = ERR_DB;

    if (res != NULL) {
        /* The primary message only: the full one spans several lines. */
        const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        pg_set_err(pdb, primary != NULL ? primary : PQresultErrorMessage(res));
        state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    } else {
        pg_set_err(pdb, PQerrorMessage(pdb->conn));
    }
    if (state != NULL) {
        if (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0 ||
            strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0)
            rc = ERR_CONFLICT;
        else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                 strcmp(state, "55P03") == 0)
            rc = ERR_BUSY;
    }
    /* The server went away (restarted, shut down, the network): the
     * caller answers 503 and the connection is opened anew (db_broken()). */
    if (db_pg_broken(&pdb->hdr) ||
        (state != NULL &&
         (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
          strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0))) {
        pdb->lost = true;
        fprintf(stderr, "db: the connection to PostgreSQL is lost: %s\n",
                pdb->err);
        return ERR_BUSY;
    }
    if (rc == ERR_DB) {
        fprintf(stderr, "db: %s [sqlstate %s] in: ", pdb->err,
                state != NULL ? state : "none");
        pg_put_flat(stderr, sql, PG_LOG_SQL_MAX);
        fputc('\n', stderr);
    }
    return rc;
}

/*
 * Open a connection. target is the whole URL ("postgresql://..." or
 * "postgres://..."), handed to PQconnectdb. On success *out is a new
 * connection with client_min_messages=warning and TimeZone=UTC, freed by
 * pg_close(). On failure *out is NULL, "db: <libpq message>" has been
 * written to stderr (never the URL), and the result is ERR_DB.
 */
static __attribute__((warn_unused_result)) enum err pg_open(const char *target,
                                                            struct db **out)
{
    struct pg_db *pdb = NULL;
    PGconn *conn;
    PGresult *res = NULL;
    enum err rc = ERR_OK;

    *out = NULL;
    /* A server that does not answer is given up after 10 s (the URL's
     * own connect_timeout wins: later keywords override earlier ones). */
    static const char *const keys[] = {"connect_timeout", "dbname", NULL};
    const char *vals[] = {"10", target, NULL};
    conn = PQconnectdbParams(keys, vals, 1);
    if (conn == NULL)
        abort(); /* libpq could not allocate its connection object */
    if (PQstatus(conn) != CONNECTION_OK) {
        fputs("db: ", stderr);
        pg_put_flat(stderr, PQerrorMessage(conn), SIZE_MAX);
        fputc('\n', stderr);
        rc = ERR_DB;
        goto done;
    }
    res = PQexec(conn, "SET client_min_messages = warning; "
                       "SET TimeZone = 'UTC'");
    if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
        fputs("db: session setup failed: ", stderr);
        pg_put_flat(stderr,
                    res != NULL ? PQresultErrorMessage(res)
                                : PQerrorMessage(conn),
                    SIZE_MAX);
        fputc('\n', stderr);
        rc = ERR_DB;
        goto done;
    }
    pdb = pg_xmalloc(sizeof(*pdb));
    memset(pdb, 0, sizeof(*pdb));
    pdb->hdr.drv = &db_pg_driver;
    pdb->hdr.tx_depth = 0;
    pdb->hdr.deferred = NULL;
    pdb->conn = conn;
    pdb->err = NULL;
    pdb->lost = false;
    conn = NULL;
    *out = &pdb->hdr;

done:
    PQclear(res);
    if (conn != NULL)
        PQfinish(conn);
    return rc;
}

/* Close the connection and free it with its last error; NULL is a no-op. */
static void pg_close(struct db *db)
{
    struct pg_db *pdb;

    if (db == NULL)
        return;
    pdb = pg_db_of(db);
    PQfinish(pdb->conn);
    for (size_t b = 0; b < PG_CACHE_BUCKETS; b++) {
        struct pg_cached *c = pdb->buckets[b];
        while (c != NULL) {
            struct pg_cached *next = c->next;
            free(c->sql);
            free(c);
            c = next;
        }
    }
    free(pdb->err);
    free(pdb);
}

/* The session is new: nothing is prepared on the server any more. */
static void pg_forget_prepared(struct pg_db *pdb)
{
    for (size_t b = 0; b < PG_CACHE_BUCKETS; b++)
        for (struct pg_cached *c = pdb->buckets[b]; c != NULL; c = c->next)
            c->prepared = false;
}

/*
 * Before a statement outside a transaction: a connection that was dropped
 * (server restart, pg_terminate_backend, network) is opened again. True
 * when the connection is usable.
 */
static bool pg_ensure_conn(struct pg_db *pdb)
{
    if (PQstatus(pdb->conn) == CONNECTION_OK)
        return true;
    PQreset(pdb->conn);
    pg_forget_prepared(pdb);
    if (PQstatus(pdb->conn) != CONNECTION_OK)
        return false;
    PGresult *res = PQexec(pdb->conn, "SET client_min_messages = warning; "
                                      "SET TimeZone = 'UTC'");
    bool ok = res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (ok)
        fputs("db: the connection to PostgreSQL was opened again\n", stderr);
    return ok;
}

/* The cache entry of sql, made when new. */
static struct pg_cached *pg_cache_get(struct pg_db *pdb, const char *sql)
{
    uintptr_t p = (uintptr_t)sql;
    p ^= p >> 17;
    p *= (uintptr_t)0x9E3779B97F4A7C15ull;
    size_t b = (size_t)(p >> 7) % PG_CACHE_BUCKETS;
    for (struct pg_cached *c = pdb->buckets[b]; c != NULL; c = c->next)
        if (c->key == sql && strcmp(c->sql, sql) == 0)
            return c;
    if (pdb->n_cached >= PG_CACHE_MAX) {
        /* Full (SQL built at run time?): start again. The server-side
         * statements are left; names are never reused. */
        for (size_t k = 0; k < PG_CACHE_BUCKETS; k++) {
            struct pg_cached *c = pdb->buckets[k];
            while (c != NULL) {
                struct pg_cached *next = c->next;
                free(c->sql);
                free(c);
                c = next;
            }
            pdb->buckets[k] = NULL;
        }
        pdb->n_cached = 0;
    }
    struct pg_cached *c = pg_xmalloc(sizeof(*c));
    memset(c, 0, sizeof(*c));
    c->key = sql;
    c->sql = pg_xstrdup(sql);
    snprintf(c->name, sizeof(c->name), "sp%lu", ++pdb->next);
    c->next = pdb->buckets[b];
    pdb->buckets[b] = c;
    pdb->n_cached++;
    return c;
}

/*
 * Run sql without parameters through PQexec; it may hold several
 * statements, which PostgreSQL runs as one implicit transaction unless sql
 * has its own BEGIN/COMMIT. ERR_OK when the last result is a command or
 * rows (an empty string is ERR_OK too); otherwise the error as in
 * pg_fail(). Rows returned are discarded.
 */
static __attribute__((warn_unused_result)) enum err pg_exec(struct db *db,
                                                            const char *sql)
{
    struct pg_db *pdb = pg_db_of(db);
    PGresult *res;
    ExecStatusType status;
    enum err rc = ERR_OK;

    if (db->tx_depth == 0 && !pg_ensure_conn(pdb))
        return pg_fail(pdb, NULL, sql);
    res = PQexec(pdb->conn, sql);
    status = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ||
        status == PGRES_EMPTY_QUERY)
        pg_clear_err(pdb);
    else
        rc = pg_fail(pdb, res, sql);
    PQclear(res);
    return rc;
}

/*
 * Make a statement for one SQL statement with placeholders $1..$256. Only
 * copies sql: nothing is sent until the first step, so errors in the SQL
 * show there. *out is freed with pg_finalize(). Always ERR_OK.
 */
static __attribute__((warn_unused_result)) enum err
pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct pg_stmt *ps = pg_xmalloc(sizeof(*ps));

    assert(db != NULL && db->drv == &db_pg_driver);
    memset(ps, 0, sizeof(*ps));
    ps->hdr.db = db;
    ps->cached = pg_cache_get(pg_db_of(db), sql);
    ps->sql = ps->cached->sql;
    ps->rc = ERR_OK;
    *out = &ps->hdr;
    return ERR_OK;
}

/*
 * Put value (owned, NULL for SQL NULL) in slot n (1-based, $n), replacing
 * any earlier value. n outside 1..256 is a programming error and aborts,
 * as does binding after the statement ran.
 */
static void pg_bind_slot(struct db_stmt *st, int n, char *value)
{
    struct pg_stmt *ps = pg_stmt_of(st);

    if (n < 1 || n > PG_MAX_PARAMS || ps->ran)
        abort();
    free(ps->params[n - 1]);
    ps->params[n - 1] = value;
    if (n > ps->n_params)
        ps->n_params = n;
}

/* Bind a copy of s (len bytes, or up to the NUL when len < 0) to $n. */
static void pg_bind_text(struct db_stmt *st, int n, const char *s, int len)
{
    char *copy = NULL;

    if (s != NULL)
        copy = len < 0 ? pg_xstrdup(s) : pg_xstrndup(s, (size_t)len);
    pg_bind_slot(st, n, copy);
}

/* Bind v to $n, sent as decimal text. */
static void pg_bind_int(struct db_stmt *st, int n, int64_t v)
{
    char buf[24]; /* "-9223372036854775808" is 20 chars */

    snprintf(buf, sizeof(buf), "%" PRId64, v);
    pg_bind_slot(st, n, pg_xstrdup(buf));
}

/* Bind SQL NULL to $n. */
static void pg_bind_null(struct db_stmt *st, int n)
{
    pg_bind_slot(st, n, NULL);
}

/* No db_begin() transaction is open on db. */
static bool tx_none(const struct db *db)
{
    return db->tx_depth == 0;
}

/*
 * First call: send the SQL with $1..$n_params (unbound slots below the
 * highest bound one are NULL) through PQexecParams, text in and out, and
 * keep the whole result. Every call: *row is true while a row is current.
 * After the rows run out, further calls keep answering ERR_OK with *row
 * false; after a failure they repeat the error. Errors as in pg_fail().
 */
static __attribute__((warn_unused_result)) enum err pg_step(struct db_stmt *st,
                                                            bool *row)
{
    struct pg_stmt *ps = pg_stmt_of(st);
    struct pg_db *pdb = pg_db_of(st->db);
    ExecStatusType status;

    *row = false;
    if (ps->ran) {
        if (ps->rc != ERR_OK)
            return ps->rc;
        if (ps->cur < ps->n_rows)
            ps->cur++;
        *row = ps->cur < ps->n_rows;
        return ERR_OK;
    }
    ps->ran = true;
    for (int attempt = 0;; attempt++) {
        /* Outside a transaction a dropped connection may be reopened and
         * the statement run again; inside one, never. */
        bool idle = PQtransactionStatus(pdb->conn) == PQTRANS_IDLE ||
                    PQstatus(pdb->conn) != CONNECTION_OK;
        if (idle && tx_none(st->db) && !pg_ensure_conn(pdb)) {
            ps->rc = pg_fail(pdb, NULL, ps->sql);
            return ps->rc;
        }
        bool retry = false;
        PGresult *res = NULL;
        if (!ps->cached->prepared) {
            res = PQprepare(pdb->conn, ps->cached->name, ps->sql, 0, NULL);
            if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
                ps->cached->prepared = true;
                PQclear(res);
                res = NULL;
            }
        }
        if (res == NULL)
            res =
                PQexecPrepared(pdb->conn, ps->cached->name, ps->n_params,
                               (const char *const *)ps->params, NULL, NULL, 0);
        status = res != NULL ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            ps->res = res;
            break;
        }
        const char *state =
            res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
        bool gone = PQstatus(pdb->conn) != CONNECTION_OK;
        bool stale = state != NULL && (strcmp(state, "26000") == 0 ||
                                       strcmp(state, "0A000") == 0);
        if (gone)
            pg_forget_prepared(pdb);
        if (stale && ps->cached->prepared) {
            /* Prepared before a schema change, or lost by the session:
             * prepare it again under a new name. */
            ps->cached->prepared = false;
            snprintf(ps->cached->name, sizeof(ps->cached->name), "sp%lu",
                     ++pdb->next);
        }
        retry = attempt == 0 && idle && tx_none(st->db) && (gone || stale);
        if (retry) {
            PQclear(res);
            continue;
        }
        ps->rc = pg_fail(pdb, res, ps->sql);
        if ((gone || stale) && !tx_none(st->db))
            ps->rc = ERR_BUSY; /* the transaction is lost: try again */
        PQclear(res);
        return ps->rc;
    }
    pg_clear_err(pdb);
    ps->n_rows = status == PGRES_TUPLES_OK ? PQntuples(ps->res) : 0;
    ps->cur = 0;
    *row = ps->cur < ps->n_rows;
    return ERR_OK;
}

/* Result columns (even with 0 rows); 0 before step, after a failure. */
static int pg_col_count(struct db_stmt *st)
{
    struct pg_stmt *ps = pg_stmt_of(st);

    return ps->res != NULL ? PQnfields(ps->res) : 0;
}

/* True when a row is current and col is one of its columns. */
static bool pg_has_cell(const struct pg_stmt *ps, int col)
{
    return ps->res != NULL && ps->cur < ps->n_rows && col >= 0 &&
           col < PQnfields(ps->res);
}

/*
 * Text of column col (0-based) in the current row, NULL for SQL NULL.
 * Borrowed from the result; callers treat it as valid only until the next
 * step or finalize, as db.h promises (this driver happens to keep it until
 * finalize). Reading with no current row is a programming error.
 */
static const char *pg_col_text(struct db_stmt *st, int col)
{
    struct pg_stmt *ps = pg_stmt_of(st);

    assert(pg_has_cell(ps, col));
    if (!pg_has_cell(ps, col) || PQgetisnull(ps->res, ps->cur, col))
        return NULL;
    return PQgetvalue(ps->res, ps->cur, col);
}

/* Column col of the current row as a decimal integer; 0 for SQL NULL. */
static int64_t pg_col_int(struct db_stmt *st, int col)
{
    const char *s = pg_col_text(st, col);

    if (s == NULL)
        return 0;
    return (int64_t)strtoll(s, NULL, 10);
}

/* True when column col of the current row is SQL NULL. */
static bool pg_col_is_null(struct db_stmt *st, int col)
{
    struct pg_stmt *ps = pg_stmt_of(st);

    assert(pg_has_cell(ps, col));
    if (!pg_has_cell(ps, col))
        return true;
    return PQgetisnull(ps->res, ps->cur, col) != 0;
}

/*
 * Rows the statement inserted, updated or deleted (PQcmdTuples); 0 before
 * it ran, after a failure, or for statements that change no rows.
 */
static int64_t pg_changes(struct db_stmt *st)
{
    struct pg_stmt *ps = pg_stmt_of(st);

    if (ps->res == NULL)
        return 0;
    return (int64_t)strtoll(PQcmdTuples(ps->res), NULL, 10);
}

/* Free the statement, its SQL copy, bound values and result; NULL ok. */
static void pg_finalize(struct db_stmt *st)
{
    struct pg_stmt *ps;
    int i;

    if (st == NULL)
        return;
    ps = pg_stmt_of(st);
    for (i = 0; i < ps->n_params; i++)
        free(ps->params[i]);
    PQclear(ps->res);
    free(ps);
}

/* Transactions: plain SQL on this connection. */
static enum err pg_begin(struct db *db)
{
    struct pg_db *pdb = pg_db_of(db);
    if (!pg_ensure_conn(pdb))
        return pg_fail(pdb, NULL, "BEGIN");
    return pg_exec(db, "BEGIN");
}

static enum err pg_commit(struct db *db)
{
    enum err rc = pg_exec(db, "COMMIT");
    /* A failed COMMIT has ended the transaction already; a ROLLBACK that
     * fails too (the connection is gone) has nothing left to undo. */
    if (rc != ERR_OK && pg_exec(db, "ROLLBACK") != ERR_OK)
        fputs("db: ROLLBACK after a failed COMMIT failed\n", stderr);
    return rc;
}

static void pg_rollback(struct db *db)
{
    struct pg_db *pdb = pg_db_of(db);
    if (PQstatus(pdb->conn) == CONNECTION_OK &&
        pg_exec(db, "ROLLBACK") != ERR_OK)
        fputs("db: ROLLBACK failed\n", stderr);
}

/*
 * Message of the last failed exec or step on db, else libpq's current
 * connection message (often ""). Borrowed until the next call on db.
 */
static const char *pg_errmsg(struct db *db)
{
    struct pg_db *pdb = pg_db_of(db);

    if (pdb->err != NULL)
        return pdb->err;
    return PQerrorMessage(pdb->conn);
}

const struct db_driver db_pg_driver = {
    .name = "postgresql",
    .kind = DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_count = pg_col_count,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .col_is_null = pg_col_is_null,
    .changes = pg_changes,
    .finish = NULL,
    .finalize = pg_finalize,
    .errmsg = pg_errmsg,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .read_scope = NULL,
};

bool db_pg_broken(struct db *db)
{
    struct pg_db *pdb = pg_db_of(db);
    return pdb->lost || PQstatus(pdb->conn) == CONNECTION_BAD;
}
