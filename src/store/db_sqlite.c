/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * db_sqlite.c: the SQLite driver.
 *
 * Every connection runs in WAL mode with foreign keys on, a busy timeout,
 * and synchronous=FULL: a transaction is on disk when COMMIT returns, so an
 * acknowledged write survives a crash and a power cut. Placeholders $1..$n
 * are named parameters, bound by name. Knows nothing of the schema.
 *
 * Connections. A struct db (a "handle", one per server thread) has its own
 * reader connection. Every handle opened on one file in this process
 * shares one writer connection (struct writer, found by path in a
 * process-wide list), used by one transaction at a time under the writer's
 * mutex:
 *
 *   begin    wait until no one holds the writer (and the open group is
 *            not full), take it; BEGIN IMMEDIATE when no group is open
 *            (the group's first transaction runs without a savepoint),
 *            else SAVEPOINT tx. Reads of the handle go to the writer while
 *            the transaction is open, so they see its own writes.
 *   commit   RELEASE tx (if any), give the writer back, then wait until
 *            the group's COMMIT has ended: ERR_OK once it is on disk, its
 *            error otherwise. A waiting thread commits the group itself
 *            when the writer is free and nobody waits for it (or the group
 *            is full, or has waited commit_delay_ms).
 *   rollback ROLLBACK TO tx; RELEASE tx (the group's first: ROLLBACK):
 *            this transaction alone is undone, the group goes on; then
 *            wait for the group like commit (so that what the transaction
 *            read is committed or gone).
 *   outside  a statement that writes, prepared outside a transaction, is a
 *            transaction of its own: begin at prepare, commit when it has
 *            run (db.h's finish, or its last step).
 *
 * A statement error that makes SQLite roll the whole group back (disk
 * full, I/O error) fails every transaction of the group: none of them has
 * been acknowledged yet. Readers never see a group before its COMMIT.
 *
 * Statement cache. Each connection keeps its prepared statements
 * (sqlite3_prepare_v3 with SQLITE_PREPARE_PERSISTENT), keyed by the
 * address of the SQL literal and checked against its text; finalize
 * resets and clears the bindings instead. A statement still in use when
 * the same SQL is asked for again is prepared once more, uncached. SQLite
 * prepares a cached statement again by itself after a schema change.
 * SQLite's memory statistics (a global mutex on every allocation) are off.
 */
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/log.h"
#include "store/db.h"

#define SQLITE_BUSY_MS 10000
/* Page cache of a reader connection, KiB (SQLite's default is 2,000). A
 * reader's cache is emptied whenever another connection commits (WAL),
 * so under writes it holds one request's pages; under reads alone 16 pool
 * threads' caches of 2 MB were a third of the server's memory, and 1 MiB
 * read as fast (docs/ARCHITECTURE.md, "One writer, group commit"). The
 * writer keeps the default: its cache is emptied only when another
 * process has committed. A report thread
 * keeps it too (db_sqlite_thread_cache()): a year's report read 15 %
 * faster with it. */
#define READER_CACHE_KIB 1024
/* Prepared statements kept per connection (least recently used go). */
#define CACHE_MAX 256
#define CACHE_BUCKETS 512
/* Highest $n bound through the cached index. */
#define PARAM_MAX 32
/* Transactions in one group at most before its COMMIT goes first. */
#define GROUP_MAX 256

/* One prepared statement on one connection. */
struct entry {
    struct entry *next;     /* in its bucket */
    const char *key;        /* the caller's SQL pointer */
    char *sql;              /* its text (the key is checked against it) */
    sqlite3_stmt *stmt;     /* the statement */
    int idx[PARAM_MAX + 1]; /* parameter index of $n, 0: not used */
    bool readonly;          /* sqlite3_stmt_readonly() */
    bool in_use;            /* handed out */
    bool cached;            /* in the cache (else freed when released) */
    uint64_t used;          /* tick of the last use */
};

/* One SQLite connection with its statement cache. */
struct conn {
    sqlite3 *db;
    struct entry *buckets[CACHE_BUCKETS];
    size_t n_cached;
    uint64_t tick;
    sqlite3_stmt *fixed[7]; /* see enum fixed */
};

enum fixed {
    FX_BEGIN,      /* BEGIN (a read snapshot) */
    FX_BEGIN_IMM,  /* BEGIN IMMEDIATE (a group) */
    FX_COMMIT,     /* COMMIT */
    FX_ROLLBACK,   /* ROLLBACK */
    FX_SAVEPOINT,  /* SAVEPOINT tx */
    FX_RELEASE,    /* RELEASE tx */
    FX_ROLLBACK_TO /* ROLLBACK TO tx */
};

static const char *const fixed_sql[] = {[FX_BEGIN] = "BEGIN",
                                        [FX_BEGIN_IMM] = "BEGIN IMMEDIATE",
                                        [FX_COMMIT] = "COMMIT",
                                        [FX_ROLLBACK] = "ROLLBACK",
                                        [FX_SAVEPOINT] = "SAVEPOINT tx",
                                        [FX_RELEASE] = "RELEASE tx",
                                        [FX_ROLLBACK_TO] = "ROLLBACK TO tx"};

/* A thread waiting for the group its transaction is in. */
struct waiter {
    struct waiter *next;
    bool done;   /* the group has ended */
    enum err rc; /* how */
};

/* The one writer connection of a file, shared by the process's handles. */
struct writer {
    struct writer *next;    /* in the process-wide list */
    char *path;             /* the file, as opened */
    int refs;               /* handles using it */
    struct conn conn;       /* used only by whoever holds it */
    pthread_mutex_t mu;     /* guards everything below */
    pthread_cond_t cv_take; /* signalled when the writer is given back
                               and someone waits to begin */
    pthread_cond_t cv_done; /* broadcast when a group ends (and when its
                               COMMIT may have become due) */
    bool held;              /* a transaction or a COMMIT has the connection */
    bool open;              /* BEGIN IMMEDIATE ran: a group is open */
    unsigned waiting;       /* threads waiting to begin a transaction */
    unsigned pending;       /* transactions released into the open group */
    struct timespec opened; /* when the open group began */
    struct waiter *waiters; /* of the open group */
    unsigned delay_ms;      /* commit delay */
    struct db_writer_stats stats;
};

/* A handle: one thread's connection. */
struct handle {
    struct db hdr;      /* must be first */
    struct conn reader; /* reads outside a write transaction */
    struct writer *w;   /* the file's writer */
    bool in_tx;         /* this handle holds the writer (a transaction) */
    bool savepoint;     /* ... as SAVEPOINT tx (else the group's first) */
    bool implicit;      /* ... for one write statement (no db_begin) */
    bool read_scope;    /* reads share one snapshot (db_request_begin) */
    bool read_open;     /* the reader's BEGIN ran */
    struct stmt *out;   /* statements on the writer not yet finalized */
};

/* A statement handed to db.c. */
struct stmt {
    struct db_stmt hdr;    /* must be first */
    struct entry *e;       /* NULL once its transaction ended under it */
    struct conn *c;        /* the connection of e */
    struct stmt *next_out; /* in handle.out (writer statements) */
    int64_t changes;       /* rows changed by the last step that finished */
    bool done;             /* SQLITE_DONE seen */
    bool implicit;         /* it opened the handle's implicit transaction */
};

static _Atomic unsigned commit_delay_ms;
static atomic_bool commits_held;
static _Atomic uint64_t mmap_bytes;
static _Thread_local unsigned thread_cache_kib;

void db_sqlite_set_commit_delay(unsigned ms)
{
    atomic_store(&commit_delay_ms, ms);
}

void db_sqlite_set_mmap(uint64_t bytes)
{
    atomic_store(&mmap_bytes, bytes);
}

void db_sqlite_thread_cache(unsigned kib)
{
    thread_cache_kib = kib;
}

static pthread_mutex_t writers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct writer *writers;

void db_sqlite_hold_commits(bool hold)
{
    atomic_store(&commits_held, hold);
    if (hold)
        return;
    pthread_mutex_lock(&writers_mu);
    for (struct writer *w = writers; w; w = w->next) {
        pthread_mutex_lock(&w->mu);
        pthread_cond_broadcast(&w->cv_take);
        pthread_cond_broadcast(&w->cv_done);
        pthread_mutex_unlock(&w->mu);
    }
    pthread_mutex_unlock(&writers_mu);
}
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void configure(void)
{
    /* Before the library initialises: no global memory statistics (a
     * mutex taken on every allocation of every thread). */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

static enum err map_rc(sqlite3 *db, int rc, const char *what)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return ERR_OK;
    case SQLITE_CONSTRAINT:
        log_debug("db: %s: %s", what, sqlite3_errmsg(db));
        return ERR_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        log_warn("db: %s: %s", what, sqlite3_errmsg(db));
        return ERR_BUSY;
    default:
        log_error("db: %s: %s", what, sqlite3_errmsg(db));
        return ERR_DB;
    }
}

/* ---- Connections and their statement caches --------------------------- */

static enum err conn_open(const char *path, struct conn *c, bool reader)
{
    memset(c, 0, sizeof(*c));
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(
        path, &db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        log_error("db: cannot open %s: %s", path,
                  db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return ERR_DB;
    }
    sqlite3_busy_timeout(db, SQLITE_BUSY_MS);
    sqlite3_extended_result_codes(db, 1);
    char *msg = NULL;
    char pragmas[256];
    snprintf(pragmas, sizeof(pragmas),
             "PRAGMA journal_mode=WAL;"
             "PRAGMA synchronous=FULL;"
             "PRAGMA foreign_keys=ON;"
             "PRAGMA temp_store=MEMORY;"
             "PRAGMA mmap_size=%lld;"
             "PRAGMA cache_size=%d;",
             reader ? (long long)atomic_load(&mmap_bytes) : 0LL,
             !reader            ? -2000
             : thread_cache_kib ? -(int)thread_cache_kib
                                : -READER_CACHE_KIB);
    rc = sqlite3_exec(db, pragmas, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_error("db: cannot configure %s: %s", path, msg ? msg : "?");
        sqlite3_free(msg);
        sqlite3_close(db);
        return ERR_DB;
    }
    for (size_t i = 0; i < sizeof(fixed_sql) / sizeof(fixed_sql[0]); i++) {
        rc = sqlite3_prepare_v3(db, fixed_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                                &c->fixed[i], NULL);
        if (rc != SQLITE_OK) {
            map_rc(db, rc, "prepare");
            for (size_t k = 0; k < i; k++)
                sqlite3_finalize(c->fixed[k]);
            sqlite3_close(db);
            return ERR_DB;
        }
    }
    c->db = db;
    return ERR_OK;
}

static void entry_free(struct entry *e)
{
    sqlite3_finalize(e->stmt);
    free(e->sql);
    free(e);
}

static void conn_close(struct conn *c)
{
    if (!c->db)
        return;
    for (size_t b = 0; b < CACHE_BUCKETS; b++) {
        struct entry *e = c->buckets[b];
        while (e) {
            struct entry *next = e->next;
            entry_free(e);
            e = next;
        }
        c->buckets[b] = NULL;
    }
    for (size_t i = 0; i < sizeof(c->fixed) / sizeof(c->fixed[0]); i++)
        sqlite3_finalize(c->fixed[i]);
    sqlite3_close(c->db);
    c->db = NULL;
}

/* Run one of the fixed statements. */
static enum err conn_fixed(struct conn *c, enum fixed f)
{
    sqlite3_stmt *s = c->fixed[f];
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ERR_OK : map_rc(c->db, rc, fixed_sql[f]);
}

static size_t bucket_of(const char *key)
{
    uintptr_t p = (uintptr_t)key;
    p ^= p >> 17;
    p *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(p >> 7) % CACHE_BUCKETS;
}

/* Drop the least recently used statement that is not in use. */
static void cache_evict(struct conn *c)
{
    struct entry **victim = NULL;
    for (size_t b = 0; b < CACHE_BUCKETS; b++)
        for (struct entry **pp = &c->buckets[b]; *pp; pp = &(*pp)->next)
            if (!(*pp)->in_use && (!victim || (*pp)->used < (*victim)->used))
                victim = pp;
    if (!victim)
        return;
    struct entry *e = *victim;
    *victim = e->next;
    entry_free(e);
    c->n_cached--;
}

static void entry_index(struct entry *e)
{
    int n = sqlite3_bind_parameter_count(e->stmt);
    for (int i = 1; i <= n; i++) {
        const char *name = sqlite3_bind_parameter_name(e->stmt, i);
        if (!name || name[0] != '$')
            continue;
        char *end = NULL;
        long k = strtol(name + 1, &end, 10);
        if (end && *end == '\0' && k >= 1 && k <= PARAM_MAX)
            e->idx[k] = i;
    }
}

/* The statement for sql on c, prepared once and kept. */
static enum err conn_get(struct conn *c, const char *sql, struct entry **out)
{
    *out = NULL;
    size_t b = bucket_of(sql);
    struct entry *hit = NULL;
    for (struct entry *e = c->buckets[b]; e; e = e->next)
        if (e->key == sql && strcmp(e->sql, sql) == 0) {
            hit = e;
            break;
        }
    if (hit && !hit->in_use) {
        hit->in_use = true;
        hit->used = ++c->tick;
        *out = hit;
        return ERR_OK;
    }
    /* Not there, or in use by an enclosing loop: prepare it. */
    bool keep = !hit;
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(
        c->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, NULL);
    if (rc != SQLITE_OK) {
        enum err e = map_rc(c->db, rc, "prepare");
        log_error("db: in SQL: %.200s", sql);
        sqlite3_finalize(stmt);
        return e == ERR_OK ? ERR_DB : e;
    }
    if (!stmt) { /* SQL without a statement (only a comment) */
        log_error("db: no statement in SQL: %.200s", sql);
        return ERR_DB;
    }
    struct entry *e = xcalloc(1, sizeof(*e));
    e->key = sql;
    e->sql = xstrdup(sql);
    e->stmt = stmt;
    e->readonly = sqlite3_stmt_readonly(stmt) != 0;
    e->in_use = true;
    e->cached = keep;
    e->used = ++c->tick;
    entry_index(e);
    if (keep) {
        if (c->n_cached >= CACHE_MAX)
            cache_evict(c);
        e->next = c->buckets[b];
        c->buckets[b] = e;
        c->n_cached++;
    }
    *out = e;
    return ERR_OK;
}

/* Give a statement back: reset, bindings cleared (or freed if uncached). */
static void conn_put(struct entry *e)
{
    if (!e->cached) {
        entry_free(e);
        return;
    }
    sqlite3_reset(e->stmt);
    sqlite3_clear_bindings(e->stmt);
    e->in_use = false;
}

/* ---- The writer and its groups ------------------------------------------ */

static double ms_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) * 1e3 +
           (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

/* End the open group with rc: every waiter learns it. Under mu. */
static void group_end(struct writer *w, enum err rc, unsigned n)
{
    for (struct waiter *x = w->waiters; x; x = x->next) {
        x->done = true;
        x->rc = rc;
    }
    w->waiters = NULL;
    w->open = false;
    w->pending = 0;
    if (n) {
        if (rc == ERR_OK) {
            w->stats.groups++;
            w->stats.transactions += n;
            if (n > w->stats.largest)
                w->stats.largest = n;
        } else {
            w->stats.failed += n;
        }
    }
    pthread_cond_broadcast(&w->cv_done);
    if (w->waiting && !w->held)
        pthread_cond_signal(&w->cv_take);
}

/* The writer is free again: one thread waiting to begin takes it (the
 * thread giving it back then checks whether a COMMIT is due). Under mu. */
static void writer_free(struct writer *w)
{
    w->held = false;
    if (w->waiting)
        pthread_cond_signal(&w->cv_take);
}

/*
 * COMMIT the open group. Called with mu locked and the writer not held;
 * takes it for the COMMIT (mu unlocked meanwhile) and gives it back.
 */
static void group_commit(struct writer *w)
{
    unsigned n = w->pending;
    w->held = true;
    pthread_mutex_unlock(&w->mu);
    enum err rc = conn_fixed(&w->conn, FX_COMMIT);
    if (rc != ERR_OK && !sqlite3_get_autocommit(w->conn.db))
        conn_fixed(&w->conn, FX_ROLLBACK);
    pthread_mutex_lock(&w->mu);
    if (n > 1)
        log_debug("db: group commit of %u transactions: %s", n, err_name(rc));
    w->held = false;
    group_end(w, rc, n);
}

/*
 * True when a thread that is not holding the writer should commit the open
 * group now: nobody holds the writer and nobody waits to begin (or the
 * group is full), and the commit delay, if any, has passed.
 */
static bool commit_due(struct writer *w, struct timespec *until)
{
    if (w->held || !w->open || atomic_load(&commits_held))
        return false;
    if (w->pending >= GROUP_MAX)
        return true;
    if (w->waiting)
        return false;
    if (!w->delay_ms || !w->pending)
        return true;
    if (ms_since(&w->opened) >= (double)w->delay_ms)
        return true;
    *until = w->opened;
    until->tv_sec += w->delay_ms / 1000;
    until->tv_nsec += (long)(w->delay_ms % 1000) * 1000000L;
    if (until->tv_nsec >= 1000000000L) {
        until->tv_sec++;
        until->tv_nsec -= 1000000000L;
    }
    return false;
}

/*
 * Wait with mu locked until x's group has ended (x NULL: until the writer
 * is free or the open group empty is closed), committing groups that are
 * due meanwhile.
 */
static void settle(struct writer *w, struct waiter *x)
{
    for (;;) {
        if (x && x->done)
            return;
        struct timespec until = {0, 0};
        if (commit_due(w, &until)) {
            group_commit(w);
            continue;
        }
        if (!x) {
            /* Due later (the delay): a waiter of the group keeps the
             * time. */
            if (until.tv_sec)
                pthread_cond_broadcast(&w->cv_done);
            return;
        }
        if (until.tv_sec)
            pthread_cond_timedwait(&w->cv_done, &w->mu, &until);
        else
            pthread_cond_wait(&w->cv_done, &w->mu);
    }
}

/*
 * Take the writer for a transaction: BEGIN IMMEDIATE if no group is open
 * (the transaction is then the group's first and runs without a
 * savepoint: undoing it is undoing the group), else SAVEPOINT.
 * *savepoint says which.
 */
static enum err writer_take(struct writer *w, bool *savepoint)
{
    pthread_mutex_lock(&w->mu);
    w->waiting++;
    while (w->held || (w->open && w->pending >= GROUP_MAX)) {
        struct timespec until = {0, 0};
        if (w->pending >= GROUP_MAX && commit_due(w, &until)) {
            group_commit(w);
            continue;
        }
        pthread_cond_wait(&w->cv_take, &w->mu);
    }
    w->waiting--;
    w->held = true;
    bool open = w->open;
    pthread_mutex_unlock(&w->mu);
    enum err rc = ERR_OK;
    if (!open) {
        rc = conn_fixed(&w->conn, FX_BEGIN_IMM);
        if (rc == ERR_OK) {
            pthread_mutex_lock(&w->mu);
            w->open = true;
            clock_gettime(CLOCK_MONOTONIC, &w->opened);
            pthread_mutex_unlock(&w->mu);
        }
    }
    /* A statement ending inside a savepoint costs time in proportion to
     * the pages the savepoint has changed: a long first transaction (an
     * import, init's seeding) would be quadratic in one. */
    *savepoint = open;
    if (rc == ERR_OK && open)
        rc = conn_fixed(&w->conn, FX_SAVEPOINT);
    if (rc != ERR_OK) {
        pthread_mutex_lock(&w->mu);
        if (w->open && sqlite3_get_autocommit(w->conn.db))
            group_end(w, ERR_DB, w->pending); /* SQLite ended it */
        writer_free(w);
        settle(w, NULL);
        pthread_mutex_unlock(&w->mu);
    }
    return rc;
}

/*
 * Give the writer back after the transaction's savepoint was released
 * (released true) or rolled back, and wait for the group: the result of
 * its COMMIT when released, else ERR_OK once it has ended.
 */
static enum err writer_give(struct writer *w, bool released)
{
    pthread_mutex_lock(&w->mu);
    struct waiter x = {0};
    if (w->open && sqlite3_get_autocommit(w->conn.db)) {
        /* SQLite rolled the whole group back (I/O error, disk full). */
        log_error("db: the open group was rolled back by SQLite");
        group_end(w, ERR_DB, w->pending);
    }
    bool wait = w->open && (released || w->pending > 0);
    if (wait) {
        if (released)
            w->pending++;
        x.next = w->waiters;
        /* x lives until settle() below has seen its group end, and the
         * group's end takes every waiter off the list. */
        // cppcheck-suppress autoVariables
        w->waiters = &x;
    }
    writer_free(w);
    settle(w, wait ? &x : NULL);
    pthread_mutex_unlock(&w->mu);
    if (!wait)
        return released ? ERR_DB : ERR_OK; /* released but no group: lost */
    return released ? x.rc : ERR_OK;
}

static struct writer *writer_attach(const char *path, enum err *rc)
{
    char *real = realpath(path, NULL);
    const char *key = real ? real : path;
    pthread_mutex_lock(&writers_mu);
    struct writer *w = writers;
    while (w && strcmp(w->path, key) != 0)
        w = w->next;
    if (w) {
        w->refs++;
        *rc = ERR_OK;
    } else {
        w = xcalloc(1, sizeof(*w));
        *rc = conn_open(path, &w->conn, false);
        if (*rc != ERR_OK) {
            free(w);
            w = NULL;
        } else {
            w->path = xstrdup(key);
            w->refs = 1;
            w->delay_ms = atomic_load(&commit_delay_ms);
            pthread_mutex_init(&w->mu, NULL);
            pthread_condattr_t ca;
            pthread_condattr_init(&ca);
            pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
            pthread_cond_init(&w->cv_take, &ca);
            pthread_cond_init(&w->cv_done, &ca);
            pthread_condattr_destroy(&ca);
            w->next = writers;
            writers = w;
        }
    }
    pthread_mutex_unlock(&writers_mu);
    free(real);
    return w;
}

static void writer_detach(struct writer *w)
{
    pthread_mutex_lock(&writers_mu);
    if (--w->refs > 0) {
        pthread_mutex_unlock(&writers_mu);
        return;
    }
    for (struct writer **pp = &writers; *pp; pp = &(*pp)->next)
        if (*pp == w) {
            *pp = w->next;
            break;
        }
    pthread_mutex_unlock(&writers_mu);
    pthread_mutex_lock(&w->mu);
    if (w->open) /* cannot be: every transaction waits for its group */
        group_commit(w);
    pthread_mutex_unlock(&w->mu);
    conn_close(&w->conn);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv_take);
    pthread_cond_destroy(&w->cv_done);
    free(w->path);
    free(w);
}

/* ---- The handle ---------------------------------------------------------- */

static struct handle *handle_of(struct db *hdr)
{
    return (struct handle *)hdr;
}

/* End the reader's snapshot, so that later reads see the latest commit
 * (a read transaction that would not end is rolled back: kept, it would
 * hold the connection to one old snapshot for good). */
static void read_close(struct handle *h)
{
    if (h->read_open) {
        conn_fixed(&h->reader, FX_COMMIT);
        if (!sqlite3_get_autocommit(h->reader.db))
            conn_fixed(&h->reader, FX_ROLLBACK);
        h->read_open = false;
    }
}

/* Statements still out on the writer when its transaction ends are reset
 * and orphaned: the writer may be another thread's by the time they are
 * finalized. */
static void orphan_out(struct handle *h)
{
    while (h->out) {
        struct stmt *s = h->out;
        h->out = s->next_out;
        s->next_out = NULL;
        if (s->e) {
            log_error("db: a statement outlived its transaction: %.200s",
                      s->e->sql);
            conn_put(s->e);
            s->e = NULL;
        }
    }
}

static enum err tx_begin(struct handle *h, bool implicit)
{
    read_close(h);
    enum err rc = writer_take(h->w, &h->savepoint);
    if (rc != ERR_OK)
        return rc;
    h->in_tx = true;
    h->implicit = implicit;
    return ERR_OK;
}

static enum err tx_commit(struct handle *h)
{
    struct writer *w = h->w;
    orphan_out(h);
    enum err rc = ERR_OK;
    if (h->savepoint) {
        rc = conn_fixed(&w->conn, FX_RELEASE);
        if (rc != ERR_OK && !sqlite3_get_autocommit(w->conn.db)) {
            conn_fixed(&w->conn, FX_ROLLBACK_TO);
            conn_fixed(&w->conn, FX_RELEASE);
        }
    }
    h->in_tx = false;
    h->implicit = false;
    enum err grc = writer_give(w, rc == ERR_OK);
    return rc != ERR_OK ? rc : grc;
}

static void tx_rollback(struct handle *h)
{
    struct writer *w = h->w;
    orphan_out(h);
    if (!sqlite3_get_autocommit(w->conn.db)) {
        if (h->savepoint) {
            conn_fixed(&w->conn, FX_ROLLBACK_TO);
            conn_fixed(&w->conn, FX_RELEASE);
        } else {
            /* The group's first: the group held nothing else. */
            conn_fixed(&w->conn, FX_ROLLBACK);
            pthread_mutex_lock(&w->mu);
            w->open = false;
            pthread_mutex_unlock(&w->mu);
        }
    }
    h->in_tx = false;
    h->implicit = false;
    writer_give(w, false);
}

static enum err sq_open(const char *target, struct db **out)
{
    pthread_once(&config_once, configure);
    *out = NULL;
    struct handle *h = xcalloc(1, sizeof(*h));
    enum err rc = conn_open(target, &h->reader, true);
    if (rc == ERR_OK) {
        h->w = writer_attach(target, &rc);
        if (rc != ERR_OK)
            conn_close(&h->reader);
    }
    if (rc != ERR_OK) {
        free(h);
        return rc;
    }
    h->hdr.drv = &db_sqlite_driver;
    *out = &h->hdr;
    return ERR_OK;
}

static void sq_close(struct db *hdr)
{
    struct handle *h = handle_of(hdr);
    if (h->in_tx)
        tx_rollback(h);
    read_close(h);
    conn_close(&h->reader);
    writer_detach(h->w);
    free(h);
}

static enum err sq_begin(struct db *hdr)
{
    struct handle *h = handle_of(hdr);
    if (h->in_tx) {
        log_error("db: begin inside a write statement");
        return ERR_DB;
    }
    return tx_begin(h, false);
}

static enum err sq_commit(struct db *hdr)
{
    struct handle *h = handle_of(hdr);
    if (!h->in_tx)
        return ERR_DB;
    return tx_commit(h);
}

static void sq_rollback(struct db *hdr)
{
    struct handle *h = handle_of(hdr);
    if (h->in_tx)
        tx_rollback(h);
}

static void sq_read_scope(struct db *hdr, bool on)
{
    struct handle *h = handle_of(hdr);
    if (!on)
        read_close(h);
    h->read_scope = on;
}

/*
 * Parameterless SQL, perhaps several statements. Inside a transaction it
 * runs there. Outside, on the writer with no group open (so that a PRAGMA
 * or a checkpoint works), as its own autocommit statements.
 */
static enum err sq_exec(struct db *hdr, const char *sql)
{
    struct handle *h = handle_of(hdr);
    struct writer *w = h->w;
    if (h->in_tx) {
        int rc = sqlite3_exec(w->conn.db, sql, NULL, NULL, NULL);
        return map_rc(w->conn.db, rc, "exec");
    }
    read_close(h);
    pthread_mutex_lock(&w->mu);
    w->waiting++;
    while (w->held)
        pthread_cond_wait(&w->cv_take, &w->mu);
    w->waiting--;
    if (w->open)
        group_commit(w); /* the group first: it may be waited for */
    w->held = true;
    pthread_mutex_unlock(&w->mu);
    int rc = sqlite3_exec(w->conn.db, sql, NULL, NULL, NULL);
    enum err e = map_rc(w->conn.db, rc, "exec");
    if (!sqlite3_get_autocommit(w->conn.db)) {
        log_error("db: exec left a transaction open: rolled back");
        conn_fixed(&w->conn, FX_ROLLBACK);
        if (e == ERR_OK)
            e = ERR_DB;
    }
    pthread_mutex_lock(&w->mu);
    writer_free(w);
    settle(w, NULL);
    pthread_mutex_unlock(&w->mu);
    return e;
}

static enum err sq_prepare(struct db *hdr, const char *sql,
                           struct db_stmt **out)
{
    struct handle *h = handle_of(hdr);
    *out = NULL;
    struct entry *e = NULL;
    struct conn *c = h->in_tx ? &h->w->conn : &h->reader;
    enum err rc = conn_get(c, sql, &e);
    if (rc != ERR_OK)
        return rc;
    bool implicit = false;
    if (!h->in_tx && !e->readonly) {
        /* A write outside a transaction: a transaction of its own. The
         * reader keeps the statement, which tells next time that it
         * writes. */
        conn_put(e);
        rc = tx_begin(h, true);
        if (rc != ERR_OK)
            return rc;
        c = &h->w->conn;
        rc = conn_get(c, sql, &e);
        if (rc != ERR_OK) {
            tx_rollback(h);
            return rc;
        }
        implicit = true;
    } else if (!h->in_tx && h->read_scope && !h->read_open) {
        if (conn_fixed(&h->reader, FX_BEGIN) == ERR_OK)
            h->read_open = true;
    }
    struct stmt *st = xcalloc(1, sizeof(*st));
    st->hdr.db = hdr;
    st->e = e;
    st->c = c;
    st->implicit = implicit;
    if (c != &h->reader) {
        st->next_out = h->out;
        h->out = st;
    }
    *out = &st->hdr;
    return ERR_OK;
}

static int param_index(struct stmt *st, int n)
{
    if (!st->e)
        return 0;
    if (n >= 1 && n <= PARAM_MAX)
        return st->e->idx[n];
    char name[16];
    snprintf(name, sizeof(name), "$%d", n);
    return sqlite3_bind_parameter_index(st->e->stmt, name);
}

static void sq_bind_text(struct db_stmt *hdr, int n, const char *s, int len)
{
    struct stmt *st = (struct stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_text(st->e->stmt, i, s, len, SQLITE_TRANSIENT);
}

static void sq_bind_int(struct db_stmt *hdr, int n, int64_t v)
{
    struct stmt *st = (struct stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_int64(st->e->stmt, i, v);
}

static void sq_bind_null(struct db_stmt *hdr, int n)
{
    struct stmt *st = (struct stmt *)hdr;
    int i = param_index(st, n);
    if (i)
        sqlite3_bind_null(st->e->stmt, i);
}

/* Take st off the handle's list of writer statements. */
static void out_remove(struct handle *h, struct stmt *st)
{
    for (struct stmt **pp = &h->out; *pp; pp = &(*pp)->next_out)
        if (*pp == st) {
            *pp = st->next_out;
            st->next_out = NULL;
            return;
        }
}

/* The implicit transaction of st ends: commit when rc is ERR_OK. */
static enum err implicit_end(struct stmt *st, enum err rc)
{
    struct handle *h = handle_of(st->hdr.db);
    st->implicit = false;
    if (st->e) {
        out_remove(h, st);
        conn_put(st->e);
        st->e = NULL;
    }
    if (!h->in_tx || !h->implicit)
        return rc;
    if (rc == ERR_OK)
        return tx_commit(h);
    tx_rollback(h);
    return rc;
}

static enum err sq_step(struct db_stmt *hdr, bool *row)
{
    struct stmt *st = (struct stmt *)hdr;
    *row = false;
    if (st->done)
        return ERR_OK;
    if (!st->e) {
        log_error("db: step of a statement whose transaction has ended");
        return ERR_DB;
    }
    int rc = sqlite3_step(st->e->stmt);
    if (rc == SQLITE_ROW) {
        *row = true;
        return ERR_OK;
    }
    st->done = true;
    enum err e;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(st->c->db);
        e = ERR_OK;
    } else {
        e = map_rc(st->c->db, rc, "step");
    }
    if (st->implicit)
        e = implicit_end(st, e);
    return e;
}

static enum err sq_finish(struct db_stmt *hdr)
{
    struct stmt *st = (struct stmt *)hdr;
    if (!st->implicit)
        return ERR_OK;
    bool row = true;
    enum err rc = ERR_OK;
    while (rc == ERR_OK && row)
        rc = sq_step(hdr, &row);
    return rc;
}

static int sq_col_count(struct db_stmt *hdr)
{
    struct stmt *st = (struct stmt *)hdr;
    return st->e ? sqlite3_column_count(st->e->stmt) : 0;
}

static const char *sq_col_text(struct db_stmt *hdr, int col)
{
    struct stmt *st = (struct stmt *)hdr;
    return (const char *)sqlite3_column_text(st->e->stmt, col);
}

static int64_t sq_col_int(struct db_stmt *hdr, int col)
{
    return sqlite3_column_int64(((struct stmt *)hdr)->e->stmt, col);
}

static bool sq_col_is_null(struct db_stmt *hdr, int col)
{
    struct stmt *st = (struct stmt *)hdr;
    return sqlite3_column_type(st->e->stmt, col) == SQLITE_NULL;
}

static int64_t sq_changes(struct db_stmt *hdr)
{
    return ((struct stmt *)hdr)->changes;
}

static void sq_finalize(struct db_stmt *hdr)
{
    struct stmt *st = (struct stmt *)hdr;
    if (st->implicit) {
        enum err rc = sq_finish(hdr);
        if (rc != ERR_OK)
            log_error("db: a write outside a transaction failed at its "
                      "end: %s",
                      err_name(rc));
    }
    if (st->e) {
        if (st->c != &handle_of(hdr->db)->reader)
            out_remove(handle_of(hdr->db), st);
        conn_put(st->e);
    }
    free(st);
}

static const char *sq_errmsg(struct db *hdr)
{
    struct handle *h = handle_of(hdr);
    return sqlite3_errmsg(h->in_tx ? h->w->conn.db : h->reader.db);
}

void db_writer_stats(struct db *db, struct db_writer_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (db->drv != &db_sqlite_driver)
        return;
    struct writer *w = handle_of(db)->w;
    pthread_mutex_lock(&w->mu);
    *out = w->stats;
    out->pending = w->pending;
    pthread_mutex_unlock(&w->mu);
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
    .finish = sq_finish,
    .finalize = sq_finalize,
    .errmsg = sq_errmsg,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .read_scope = sq_read_scope,
};
