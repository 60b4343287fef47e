/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db.c: dispatch from the one database interface to the driver that opened
 * the connection, and the transaction helpers shared by both drivers.
 */
#include "store/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/utf8.h"

/* Monotonic seconds, for the database time in the metrics. */
static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* What the connections to one database in this process share. */
struct db_shared {
    struct db_shared *next; /* in the process-wide list */
    char *url;              /* the database */
    int refs;               /* connections open */
    pthread_mutex_t mu;     /* guards the slots */
    void *slots[DB_SLOT__COUNT];
    void (*destroy[DB_SLOT__COUNT])(void *);
};

static pthread_mutex_t shared_mu = PTHREAD_MUTEX_INITIALIZER;
static struct db_shared *shared_list;

static struct db_shared *shared_attach(const char *url)
{
    pthread_mutex_lock(&shared_mu);
    struct db_shared *s = shared_list;
    while (s && strcmp(s->url, url) != 0)
        s = s->next;
    if (!s) {
        s = xcalloc(1, sizeof(*s));
        s->url = xstrdup(url);
        pthread_mutex_init(&s->mu, NULL);
        s->next = shared_list;
        shared_list = s;
    }
    s->refs++;
    pthread_mutex_unlock(&shared_mu);
    return s;
}

static void shared_detach(struct db_shared *s)
{
    pthread_mutex_lock(&shared_mu);
    bool last = --s->refs == 0;
    if (last)
        for (struct db_shared **pp = &shared_list; *pp; pp = &(*pp)->next)
            if (*pp == s) {
                *pp = s->next;
                break;
            }
    pthread_mutex_unlock(&shared_mu);
    if (!last)
        return;
    for (int i = 0; i < DB_SLOT__COUNT; i++)
        if (s->slots[i] && s->destroy[i])
            s->destroy[i](s->slots[i]);
    pthread_mutex_destroy(&s->mu);
    free(s->url);
    free(s);
}

void *db_shared(struct db *db, enum db_slot slot, void *(*make)(void),
                void (*destroy)(void *))
{
    struct db_shared *s = db->shared;
    pthread_mutex_lock(&s->mu);
    if (!s->slots[slot]) {
        s->slots[slot] = make();
        s->destroy[slot] = destroy;
    }
    void *v = s->slots[slot];
    pthread_mutex_unlock(&s->mu);
    return v;
}

bool db_in_tx(const struct db *db)
{
    return db->tx_depth > 0;
}

/* Fault injection (db.h): set once at start, before any thread runs. */
static atomic_bool faults_on;

void db_faults_enable(void)
{
    atomic_store(&faults_on, true);
}

bool db_faults_enabled(void)
{
    return atomic_load(&faults_on);
}

void db_fail_after(struct db *db, int64_t n)
{
    if (!db_faults_enabled())
        return;
    db->fault_after = n < 0 ? -1 : n;
    db->fault_seen = 0;
    db->fault_fired = false;
}

bool db_fault_fired(const struct db *db)
{
    return db->fault_fired;
}

int64_t db_fault_seen(const struct db *db)
{
    return db->fault_seen;
}

/* Count a statement about to run; ERR_DB when it is the one to fail. */
static __attribute__((warn_unused_result)) enum err fault_point(struct db *db)
{
    if (db->fault_after < 0 || !db_faults_enabled())
        return ERR_OK;
    if (db->fault_seen++ != db->fault_after)
        return ERR_OK;
    db->fault_fired = true;
    log_warn("db: statement %lld failed on purpose (fault injection)",
             (long long)db->fault_seen);
    return ERR_DB;
}

/* A connection just opened: no fault armed. */
static enum err opened(enum err rc, struct db **out)
{
    if (rc == ERR_OK) {
        (*out)->fault_after = -1;
        (*out)->fault_seen = 0;
        (*out)->fault_fired = false;
    }
    return rc;
}

static enum err open_driver(const char *url, struct db **out)
{
    *out = NULL;
    if (!url || !*url) {
        log_error("db: empty database URL");
        return ERR_INVALID;
    }
    if (has_prefix(url, "postgresql://") || has_prefix(url, "postgres://"))
        return opened(db_pg_driver.open(url, out), out);
    if (has_prefix(url, "sqlite:"))
        return opened(db_sqlite_driver.open(url + strlen("sqlite:"), out), out);
    size_t n = strlen(url);
    if (!strchr(url, ':') || (n > 3 && strcmp(url + n - 3, ".db") == 0))
        return opened(db_sqlite_driver.open(url, out), out);
    log_error("db: unknown database URL scheme (use sqlite:PATH or "
              "postgresql://...)");
    return ERR_INVALID;
}

enum err db_open(const char *url, struct db **out)
{
    enum err rc = open_driver(url, out);
    if (rc == ERR_OK)
        (*out)->shared = shared_attach(url);
    return rc;
}

enum db_kind db_kind(const struct db *db)
{
    return db->drv->kind;
}

enum err db_exec(struct db *db, const char *sql)
{
    enum err rc = fault_point(db);
    if (rc != ERR_OK)
        return rc;
    double t0 = mono_s();
    rc = db->drv->exec(db, sql);
    metrics_db_time(mono_s() - t0, true);
    return rc;
}

/* One statement kept by db_defer(): the SQL (a literal) and copies of
 * its values. */
struct db_deferred_one {
    const char *sql;       /* the caller's literal */
    struct db_val vals[8]; /* the values, text copied below */
    char *texts[8];        /* owned copies of the text values */
    size_t n;              /* values */
    bool ran;              /* ran in the open transaction */
};

struct db_deferred {
    struct db_deferred_one items[DB_DEFER_MAX];
    size_t n;
};

static void deferred_drop(struct db_deferred_one *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->texts[i]);
    memset(d, 0, sizeof(*d));
}

enum err db_defer_v(struct db *db, const char *sql, const struct db_val *vals,
                    size_t n)
{
    if (n > 8)
        return ERR_INVALID;
    if (!db->deferred)
        db->deferred = xcalloc(1, sizeof(*db->deferred));
    struct db_deferred *q = db->deferred;
    /* The same statement with the same values is kept once. */
    for (size_t k = 0; k < q->n; k++) {
        struct db_deferred_one *d = &q->items[k];
        bool same = d->sql == sql && d->n == n;
        for (size_t i = 0; same && i < n; i++)
            same = d->vals[i].type == vals[i].type &&
                   d->vals[i].i == vals[i].i &&
                   ((!d->vals[i].s && !vals[i].s) ||
                    (d->vals[i].s && vals[i].s &&
                     strcmp(d->vals[i].s, vals[i].s) == 0));
        if (same)
            return ERR_OK;
    }
    if (q->n >= DB_DEFER_MAX)
        return ERR_TOO_LARGE;
    struct db_deferred_one *d = &q->items[q->n++];
    memset(d, 0, sizeof(*d));
    d->sql = sql;
    d->n = n;
    for (size_t i = 0; i < n; i++) {
        d->vals[i] = vals[i];
        if (vals[i].type == DBV_TEXT && vals[i].s) {
            d->texts[i] = xstrdup(vals[i].s);
            d->vals[i].s = d->texts[i];
        }
    }
    return ERR_OK;
}

/* Run the kept statements inside the transaction just begun; one that
 * fails is logged and forgotten (it must never fail the transaction). */
static void deferred_run(struct db *db)
{
    struct db_deferred *q = db->deferred;
    if (!q)
        return;
    /* On PostgreSQL a failed statement would abort the transaction: each
     * runs in a savepoint of its own (on SQLite a failed statement undoes
     * itself alone). */
    bool pg = db->drv->kind == DB_POSTGRES;
    /* Their failure is swallowed: no injected fault may land on them. */
    int64_t fault_after = db->fault_after;
    db->fault_after = -1;
    for (size_t k = 0; k < q->n; k++) {
        struct db_deferred_one *d = &q->items[k];
        enum err rc = pg ? db->drv->exec(db, "SAVEPOINT sp_deferred") : ERR_OK;
        if (rc == ERR_OK)
            rc = db_run_v(db, NULL, d->sql, d->vals, d->n);
        /* A savepoint that cannot end leaves the transaction aborted: the
         * request's own statements then fail, and it with them. */
        if (pg &&
            db->drv->exec(db, rc == ERR_OK ? "RELEASE SAVEPOINT sp_deferred"
                                           : "ROLLBACK TO SAVEPOINT"
                                             " sp_deferred") != ERR_OK)
            log_warn("db: the savepoint of a deferred write did not end");
        if (rc != ERR_OK)
            log_warn("db: a deferred write failed (%s); dropped", err_name(rc));
        d->ran = true;
    }
    db->fault_after = fault_after;
}

/* After a commit: forget what ran in it. After a rollback: keep all. */
static void deferred_settle(struct db *db, bool committed)
{
    struct db_deferred *q = db->deferred;
    if (!q)
        return;
    size_t kept = 0;
    for (size_t k = 0; k < q->n; k++) {
        struct db_deferred_one *d = &q->items[k];
        if (committed && d->ran) {
            deferred_drop(d);
            continue;
        }
        d->ran = false;
        if (kept != k) {
            q->items[kept] = *d;
            memset(d, 0, sizeof(*d));
        }
        kept++;
    }
    q->n = kept;
}

enum err db_begin(struct db *db)
{
    if (db->tx_depth) {
        log_error("db: a transaction is already open on this connection");
        return ERR_DB;
    }
    enum err rc = fault_point(db);
    if (rc != ERR_OK)
        return rc;
    double t0 = mono_s();
    rc = db->drv->begin(db);
    metrics_db_time(mono_s() - t0, true);
    if (rc != ERR_OK)
        return rc;
    db->tx_depth = 1;
    db->versions_known = false;
    deferred_run(db);
    return ERR_OK;
}

enum err db_commit(struct db *db)
{
    if (!db->tx_depth) {
        log_error("db: commit without a transaction");
        return ERR_DB;
    }
    enum err rc = fault_point(db);
    if (rc != ERR_OK) {
        db_rollback(db);
        return rc;
    }
    double t0 = mono_s();
    rc = db->drv->commit(db);
    metrics_db_time(mono_s() - t0, true);
    db->tx_depth = 0;
    db->versions_known = false;
    deferred_settle(db, rc == ERR_OK);
    return rc;
}

void db_rollback(struct db *db)
{
    if (db->tx_depth) {
        db->drv->rollback(db);
        db->tx_depth = 0;
        db->versions_known = false;
        deferred_settle(db, false);
    }
}

void db_request_begin(struct db *db, bool read_only)
{
    db->versions_known = false;
    db->read_only_request = read_only;
    db->in_request = true;
    /* Every request reads from one snapshot until it writes: on SQLite
     * each new snapshot after another thread's COMMIT starts from an
     * empty page cache, and a request that writes (an intake) reads a
     * dozen times before its transaction. */
    if (db->drv->read_scope)
        db->drv->read_scope(db, true);
}

void db_snapshot_end(struct db *db)
{
    if (db->drv->read_scope && db->in_request && db->tx_depth == 0) {
        db->drv->read_scope(db, false);
        db->drv->read_scope(db, true);
    }
}

/* Write what db_defer() still keeps, in a transaction of its own. */
static void deferred_flush(struct db *db)
{
    if (!db->deferred || db->deferred->n == 0)
        return;
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc != ERR_OK) {
        log_warn("db: deferred writes not written (%s)", err_name(rc));
        for (size_t k = 0; k < db->deferred->n; k++)
            deferred_drop(&db->deferred->items[k]);
        db->deferred->n = 0;
    }
}

void db_request_end(struct db *db)
{
    db_rollback(db); /* no transaction outlives its request */
    deferred_flush(db);
    if (db->drv->read_scope)
        db->drv->read_scope(db, false);
    db->versions_known = false;
    db->read_only_request = false;
    db->in_request = false;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    db_rollback(db);
    deferred_flush(db);
    if (db->deferred) {
        for (size_t k = 0; k < db->deferred->n; k++)
            deferred_drop(&db->deferred->items[k]);
        free(db->deferred);
        db->deferred = NULL;
    }
    struct db_shared *shared = db->shared;
    db->drv->close(db);
    if (shared)
        shared_detach(shared);
}

enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    *out = NULL;
    enum err rc = fault_point(db);
    if (rc != ERR_OK)
        return rc;
    double t0 = mono_s();
    rc = db->drv->prepare(db, sql, out);
    metrics_db_time(mono_s() - t0, true);
    if (rc == ERR_OK) {
        (*out)->repaired = NULL;
        (*out)->started = 0;
    }
    return rc;
}

/* Free the repaired copies of the current row. */
static void drop_repaired(struct db_stmt *st)
{
    if (st->repaired) {
        arena_free(st->repaired);
        st->repaired = NULL;
    }
}

void db_bind_text(struct db_stmt *st, int n, const char *s)
{
    st->db->drv->bind_text(st, n, s, -1);
}

void db_bind_int(struct db_stmt *st, int n, int64_t v)
{
    st->db->drv->bind_int(st, n, v);
}

void db_bind_null(struct db_stmt *st, int n)
{
    st->db->drv->bind_null(st, n);
}

void db_bind_text_or_null(struct db_stmt *st, int n, const char *s)
{
    if (s)
        db_bind_text(st, n, s);
    else
        db_bind_null(st, n);
}

enum err db_step(struct db_stmt *st, bool *row)
{
    drop_repaired(st);
    /* The database time of a statement runs from its first step to its
     * last (the rows read in between included): two clock readings per
     * execution, not per row. */
    if (st->started == 0)
        st->started = mono_s();
    enum err rc = st->db->drv->step(st, row);
    if (rc != ERR_OK || !*row) {
        metrics_db_time(mono_s() - st->started, false);
        st->started = 0;
    }
    return rc;
}

const char *db_col_text(struct db_stmt *st, int col)
{
    const char *s = st->db->drv->col_text(st, col);
    if (!s || utf8_valid(s, strlen(s)))
        return s;
    if (!st->repaired)
        st->repaired = arena_new();
    return utf8_repair(st->repaired, s, strlen(s));
}

int db_col_count(struct db_stmt *st)
{
    return st->db->drv->col_count(st);
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return st->db->drv->col_int(st, col);
}

bool db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->drv->col_is_null(st, col);
}

int64_t db_changes(struct db_stmt *st)
{
    return st->db->drv->changes(st);
}

void db_finalize(struct db_stmt *st)
{
    if (st) {
        drop_repaired(st);
        if (st->started != 0) /* finished before its last row */
            metrics_db_time(mono_s() - st->started, false);
        st->started = 0;
        st->db->drv->finalize(st);
    }
}

const char *db_errmsg(struct db *db)
{
    return db->drv->errmsg(db);
}

enum err db_prepare_v(struct db *db, const char *sql, const struct db_val *vals,
                      size_t n, struct db_stmt **out)
{
    enum err rc = db_prepare(db, sql, out);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < n; i++) {
        int k = (int)i + 1;
        switch (vals[i].type) {
        case DBV_NULL:
            db_bind_null(*out, k);
            break;
        case DBV_TEXT:
            db_bind_text_or_null(*out, k, vals[i].s);
            break;
        case DBV_INT:
            db_bind_int(*out, k, vals[i].i);
            break;
        }
    }
    return ERR_OK;
}

enum err db_run_v(struct db *db, int64_t *changed, const char *sql,
                  const struct db_val *vals, size_t n)
{
    struct db_stmt *st = NULL;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    bool row = false;
    do {
        rc = db_step(st, &row);
    } while (rc == ERR_OK && row);
    if (rc == ERR_OK && changed)
        *changed = db_changes(st);
    db_finalize(st);
    return rc;
}

/* The rest of a statement read in part (a write run outside a
 * transaction is committed here). */
static enum err finish(struct db_stmt *st, enum err rc)
{
    if (!st->db->drv->finish)
        return rc;
    enum err frc = st->db->drv->finish(st);
    return rc == ERR_OK || rc == ERR_NOT_FOUND ? (frc != ERR_OK ? frc : rc)
                                               : rc;
}

enum err db_int_v(struct db *db, int64_t *out, const char *sql,
                  const struct db_val *vals, size_t n)
{
    struct db_stmt *st = NULL;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (rc == ERR_OK && (!row || db_col_is_null(st, 0)))
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        *out = db_col_int(st, 0);
    rc = finish(st, rc);
    db_finalize(st);
    return rc;
}

enum err db_get_one_v(struct db *db, struct arena *a, db_row_fn fn, void *out,
                      const char *sql, const struct db_val *vals, size_t n)
{
    struct db_stmt *st = NULL;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    bool row = false;
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        fn(st, a, out);
    rc = finish(st, rc);
    db_finalize(st);
    return rc;
}

enum err db_get_list_v(struct db *db, struct arena *a, db_row_fn fn,
                       size_t size, struct db_rows *rows, const char *sql,
                       const struct db_val *vals, size_t n)
{
    rows->items = NULL;
    rows->n = 0;
    struct db_stmt *st = NULL;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    size_t cap = 0;
    bool row = false;
    for (;;) {
        rc = db_step(st, &row);
        if (rc != ERR_OK || !row)
            break;
        rows->items = arena_grow(a, rows->items, rows->n, &cap, size);
        void *item = (char *)rows->items + rows->n * size;
        memset(item, 0, size);
        fn(st, a, item);
        rows->n++;
    }
    db_finalize(st);
    return rc;
}

enum err db_each_v(struct db *db, db_each_fn fn, void *ctx, const char *sql,
                   const struct db_val *vals, size_t n)
{
    struct db_stmt *st = NULL;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    bool row = false;
    for (;;) {
        rc = db_step(st, &row);
        if (rc != ERR_OK || !row)
            break;
        fn(st, ctx);
    }
    db_finalize(st);
    return rc;
}

enum err db_scan_v(struct db *db, db_scan_fn fn, void *ctx, size_t *rows,
                   const char *sql, const struct db_val *vals, size_t n)
{
    struct db_stmt *st = NULL;
    if (rows)
        *rows = 0;
    enum err rc = db_prepare_v(db, sql, vals, n, &st);
    if (rc != ERR_OK)
        return rc;
    bool row = false;
    for (;;) {
        rc = db_step(st, &row);
        if (rc != ERR_OK || !row)
            break;
        if (rows)
            (*rows)++;
        rc = fn(ctx, st);
        if (rc != ERR_OK)
            break;
    }
    db_finalize(st);
    return rc;
}

void db_row_text(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = arena_strdup(a, db_col_text(st, 0));
}

void db_row_int(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

enum err db_tx_end(struct db *db, enum err rc)
{
    if (rc == ERR_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

char *db_like_contains(struct arena *a, const char *q)
{
    size_t n = strlen(q);
    char *out = arena_alloc(a, 2 * n + 3);
    size_t o = 0;
    out[o++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
            out[o++] = '\\';
        out[o++] = q[i];
    }
    out[o++] = '%';
    out[o] = '\0';
    return out;
}

bool db_ping(struct db *db)
{
    int64_t one = 0;
    return db_int(db, &one, "SELECT $1", DV_INT(1)) == ERR_OK && one == 1;
}

bool db_broken(struct db *db)
{
    return db && db->drv->kind == DB_POSTGRES && db_pg_broken(db);
}

/* ---- SQL built at run time ------------------------------------------- */

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static char *intern_slots[2 * DB_INTERN_MAX]; /* open addressing, half full */
static size_t intern_n;

static uint64_t intern_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

const char *db_sql_intern(const char *sql)
{
    const size_t cap = sizeof(intern_slots) / sizeof(intern_slots[0]);
    size_t i = (size_t)(intern_hash(sql) % cap);
    const char *out = sql;
    pthread_mutex_lock(&intern_lock);
    while (intern_slots[i] && strcmp(intern_slots[i], sql) != 0)
        i = (i + 1) % cap;
    if (intern_slots[i])
        out = intern_slots[i];
    else if (intern_n < DB_INTERN_MAX) {
        intern_slots[i] = xmalloc(strlen(sql) + 1);
        memcpy(intern_slots[i], sql, strlen(sql) + 1);
        intern_n++;
        out = intern_slots[i];
    }
    pthread_mutex_unlock(&intern_lock);
    return out;
}
