/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* metrics.c: per-thread shards of atomic counters (see metrics.h). */
#include "base/metrics.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"

/* The statuses counted by name; anything else counts as "other". */
static const int statuses[] = {200, 201, 204, 206, 301, 302, 303, 304, 307, 308,
                               400, 401, 403, 404, 405, 406, 409, 410, 411, 412,
                               413, 414, 415, 422, 429, 500, 502, 503, 504};
#define N_STATUS (sizeof(statuses) / sizeof(statuses[0]) + 1)

/* Upper bounds of the latency histogram's buckets, in seconds (+Inf is
 * the count). */
static const double bounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                0.5,   1,    2.5,   5,    10};
static const char *const bound_text[] = {"0.005", "0.01", "0.025", "0.05",
                                         "0.1",   "0.25", "0.5",   "1",
                                         "2.5",   "5",    "10"};
#define N_BUCKETS (sizeof(bounds) / sizeof(bounds[0]))

/* One thread's counters, per route slot. */
struct shard {
    size_t n_slots;                 /* route slots when it was made (a thread
                                       counting before metrics_init() has 1) */
    _Atomic uint64_t *requests;     /* [slot][status] */
    _Atomic uint64_t *buckets;      /* [slot][bucket], not cumulative; the
                                       last bucket is above every bound */
    _Atomic uint64_t *time_us;      /* [slot] microseconds answering */
    _Atomic uint64_t *db_us;        /* [slot] microseconds in the database */
    _Atomic uint64_t db_total_us;   /* every database call */
    _Atomic uint64_t db_statements; /* statements run */
};

static size_t n_slots = 1;
static const char *const *route_methods;
static const char *const *route_patterns;
static _Atomic(struct shard *) shards[METRICS_MAX_SHARDS];
static _Atomic unsigned next_shard;
static struct shard *spare;
static _Atomic(struct shard *) spare_ptr;
static _Thread_local struct shard *mine;
static _Thread_local double thread_db_s;

static _Atomic uint64_t throttled[METRICS_THROTTLE_N];
static _Atomic int64_t conn_open;
static _Atomic uint64_t conn_total;
static _Atomic int64_t pool_waiting[METRICS_POOL_N],
    pool_running[METRICS_POOL_N];
static _Atomic uint64_t db_unavailable;
static _Atomic int64_t jobs_last_start, jobs_last_ok, jobs_duration_us;
static _Atomic uint64_t jobs_ok, jobs_failed, jobs_escalated, jobs_closed,
    jobs_readiness;
static const char *info_version = "";
static int info_schema;
static int64_t info_started;

static struct shard *shard_new(void)
{
    struct shard *s = xcalloc(1, sizeof(*s));
    s->n_slots = n_slots;
    s->requests = xcalloc(n_slots * N_STATUS, sizeof(*s->requests));
    s->buckets = xcalloc(n_slots * (N_BUCKETS + 1), sizeof(*s->buckets));
    s->time_us = xcalloc(n_slots, sizeof(*s->time_us));
    s->db_us = xcalloc(n_slots, sizeof(*s->db_us));
    return s;
}

void metrics_init(const char *const *methods, const char *const *patterns,
                  size_t n)
{
    if (n + 1 > METRICS_MAX_ROUTES)
        n = METRICS_MAX_ROUTES - 1;
    route_methods = methods;
    route_patterns = patterns;
    n_slots = n + 1;
}

/* This thread's shard, taken at its first count. */
static struct shard *my_shard(void)
{
    if (mine)
        return mine;
    unsigned i =
        atomic_fetch_add_explicit(&next_shard, 1, memory_order_relaxed);
    if (i < METRICS_MAX_SHARDS) {
        mine = shard_new();
        atomic_store_explicit(&shards[i], mine, memory_order_release);
        return mine;
    }
    /* Past the shards: the spare, made once by whoever comes first. */
    struct shard *s = atomic_load_explicit(&spare_ptr, memory_order_acquire);
    if (!s) {
        struct shard *fresh = shard_new();
        struct shard *none = NULL;
        if (atomic_compare_exchange_strong(&spare_ptr, &none, fresh)) {
            spare = fresh;
            s = fresh;
        } else {
            free(fresh->requests);
            free(fresh->buckets);
            free(fresh->time_us);
            free(fresh->db_us);
            free(fresh);
            s = none;
        }
    }
    mine = s;
    return mine;
}

#define ADD(p, v) atomic_fetch_add_explicit((p), (v), memory_order_relaxed)
#define GET(p) atomic_load_explicit((p), memory_order_relaxed)

size_t metrics_status_index(int status)
{
    for (size_t i = 0; i < N_STATUS - 1; i++)
        if (statuses[i] == status)
            return i;
    return N_STATUS - 1;
}

static uint64_t to_us(double s)
{
    return s > 0 ? (uint64_t)(s * 1e6 + 0.5) : 0;
}

void metrics_request(size_t route, int status, double seconds,
                     double db_seconds)
{
    struct shard *s = my_shard();
    size_t slot = route < s->n_slots ? route : 0;
    ADD(&s->requests[slot * N_STATUS + metrics_status_index(status)], 1);
    size_t b = 0;
    while (b < N_BUCKETS && seconds > bounds[b])
        b++;
    ADD(&s->buckets[slot * (N_BUCKETS + 1) + b], 1);
    ADD(&s->time_us[slot], to_us(seconds));
    ADD(&s->db_us[slot], to_us(db_seconds));
    if (status == 429)
        metrics_throttled(METRICS_THROTTLE_429, 1);
}

void metrics_db_time(double seconds, bool statement)
{
    struct shard *s = my_shard();
    thread_db_s += seconds;
    ADD(&s->db_total_us, to_us(seconds));
    if (statement)
        ADD(&s->db_statements, 1);
}

double metrics_db_thread_take(void)
{
    double s = thread_db_s;
    thread_db_s = 0;
    return s;
}

void metrics_throttled(enum metrics_throttle why, uint64_t n)
{
    if (why < METRICS_THROTTLE_N)
        ADD(&throttled[why], n);
}

void metrics_pool(enum metrics_pool pool, int waiting, int running)
{
    if ((unsigned)pool >= METRICS_POOL_N)
        return;
    ADD(&pool_waiting[pool], waiting);
    ADD(&pool_running[pool], running);
}

void metrics_connection(int delta)
{
    ADD(&conn_open, delta);
    if (delta > 0)
        ADD(&conn_total, (uint64_t)delta);
}

void metrics_db_unavailable(void)
{
    ADD(&db_unavailable, 1);
}

void metrics_jobs(const struct metrics_jobs_run *run)
{
    atomic_store(&jobs_last_start, run->started);
    atomic_store(&jobs_duration_us, (int64_t)to_us(run->seconds));
    if (run->ok) {
        atomic_store(&jobs_last_ok, run->started);
        ADD(&jobs_ok, 1);
    } else {
        ADD(&jobs_failed, 1);
    }
    ADD(&jobs_escalated, (uint64_t)run->complaints_escalated);
    ADD(&jobs_closed, (uint64_t)run->complaints_closed);
    ADD(&jobs_readiness, (uint64_t)run->readiness_escalated);
}

void metrics_set_info(const char *version, int schema, int64_t started)
{
    info_version = version;
    info_schema = schema;
    info_started = started;
}

/* ---- Rendering ---------------------------------------------------------- */

/* The shards in use (the spare too), for one scrape. */
static size_t live_shards(struct shard **out)
{
    size_t n = 0;
    for (size_t i = 0; i < METRICS_MAX_SHARDS; i++) {
        struct shard *s =
            atomic_load_explicit(&shards[i], memory_order_acquire);
        if (s)
            out[n++] = s;
    }
    struct shard *s = atomic_load_explicit(&spare_ptr, memory_order_acquire);
    if (s)
        out[n++] = s;
    return n;
}

/* A label value with \, " and newline escaped. */
static void label(struct buf *b, const char *v)
{
    for (const char *p = v ? v : ""; *p; p++) {
        if (*p == '\\' || *p == '"')
            buf_putc(b, '\\');
        if (*p == '\n') {
            buf_puts(b, "\\n");
            continue;
        }
        buf_putc(b, *p);
    }
}

static void route_labels(struct buf *b, size_t slot)
{
    buf_puts(b, "method=\"");
    label(b, slot && route_methods ? route_methods[slot - 1] : "any");
    buf_puts(b, "\",route=\"");
    label(b, slot && route_patterns ? route_patterns[slot - 1] : "none");
    buf_putc(b, '"');
}

static void head(struct buf *b, const char *name, const char *type,
                 const char *help)
{
    buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

void metrics_render_counter(struct buf *out, const char *name, const char *help,
                            uint64_t value)
{
    head(out, name, "counter", help);
    buf_printf(out, "%s %llu\n", name, (unsigned long long)value);
}

/* Resident memory of this process in bytes, or -1. */
static long long resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    char line[128];
    bool got = fgets(line, sizeof(line), f) != NULL;
    fclose(f);
    if (!got)
        return -1;
    /* "size resident shared ...", in pages. */
    char *end = NULL;
    errno = 0;
    (void)strtoll(line, &end, 10);
    if (errno || end == line)
        return -1;
    const char *p = end;
    long long rss = strtoll(p, &end, 10);
    if (errno || end == p || rss < 0)
        return -1;
    return rss * (long long)sysconf(_SC_PAGESIZE);
}

enum err metrics_render(struct buf *out)
{
    struct shard *sh[METRICS_MAX_SHARDS + 1];
    size_t ns = live_shards(sh);
    uint64_t *req = xcalloc(n_slots * N_STATUS, sizeof(*req));
    uint64_t *bk = xcalloc(n_slots * (N_BUCKETS + 1), sizeof(*bk));
    uint64_t *tus = xcalloc(n_slots, sizeof(*tus));
    uint64_t *dus = xcalloc(n_slots, sizeof(*dus));
    uint64_t db_us = 0, db_st = 0;
    for (size_t k = 0; k < ns; k++) {
        size_t n = sh[k]->n_slots < n_slots ? sh[k]->n_slots : n_slots;
        for (size_t i = 0; i < n * N_STATUS; i++)
            req[i] += GET(&sh[k]->requests[i]);
        for (size_t i = 0; i < n * (N_BUCKETS + 1); i++)
            bk[i] += GET(&sh[k]->buckets[i]);
        for (size_t i = 0; i < n; i++) {
            tus[i] += GET(&sh[k]->time_us[i]);
            dus[i] += GET(&sh[k]->db_us[i]);
        }
        db_us += GET(&sh[k]->db_total_us);
        db_st += GET(&sh[k]->db_statements);
    }

    head(out, "satupintu_http_requests_total", "counter",
         "HTTP requests answered, by route pattern, method and status.");
    for (size_t s = 0; s < n_slots; s++)
        for (size_t i = 0; i < N_STATUS; i++) {
            uint64_t v = req[s * N_STATUS + i];
            if (!v)
                continue;
            buf_puts(out, "satupintu_http_requests_total{");
            route_labels(out, s);
            if (i < N_STATUS - 1)
                buf_printf(out, ",status=\"%d\"} %llu\n", statuses[i],
                           (unsigned long long)v);
            else
                buf_printf(out, ",status=\"other\"} %llu\n",
                           (unsigned long long)v);
        }

    head(out, "satupintu_http_request_duration_seconds", "histogram",
         "Time from a request's arrival to its answer, by route.");
    for (size_t s = 0; s < n_slots; s++) {
        uint64_t count = 0;
        for (size_t b = 0; b <= N_BUCKETS; b++)
            count += bk[s * (N_BUCKETS + 1) + b];
        if (!count)
            continue;
        uint64_t cum = 0;
        for (size_t b = 0; b <= N_BUCKETS; b++) {
            cum += bk[s * (N_BUCKETS + 1) + b];
            buf_puts(out, "satupintu_http_request_duration_seconds_bucket{");
            route_labels(out, s);
            buf_printf(out, ",le=\"%s\"} %llu\n",
                       b < N_BUCKETS ? bound_text[b] : "+Inf",
                       (unsigned long long)cum);
        }
        buf_puts(out, "satupintu_http_request_duration_seconds_sum{");
        route_labels(out, s);
        buf_printf(out, "} %.6f\n", (double)tus[s] / 1e6);
        buf_puts(out, "satupintu_http_request_duration_seconds_count{");
        route_labels(out, s);
        buf_printf(out, "} %llu\n", (unsigned long long)count);
    }

    head(out, "satupintu_http_request_db_seconds_total", "counter",
         "Seconds requests spent in the database, by route.");
    for (size_t s = 0; s < n_slots; s++) {
        uint64_t count = 0;
        for (size_t b = 0; b <= N_BUCKETS; b++)
            count += bk[s * (N_BUCKETS + 1) + b];
        if (!count)
            continue;
        buf_puts(out, "satupintu_http_request_db_seconds_total{");
        route_labels(out, s);
        buf_printf(out, "} %.6f\n", (double)dus[s] / 1e6);
    }

    head(out, "satupintu_db_seconds_total", "counter",
         "Seconds spent in database calls (requests and jobs).");
    buf_printf(out, "satupintu_db_seconds_total %.6f\n", (double)db_us / 1e6);
    head(out, "satupintu_db_statements_total", "counter",
         "Database statements prepared or executed.");
    buf_printf(out, "satupintu_db_statements_total %llu\n",
               (unsigned long long)db_st);
    head(out, "satupintu_db_unavailable_total", "counter",
         "Requests answered 503 because the database could not be reached.");
    buf_printf(out, "satupintu_db_unavailable_total %llu\n",
               (unsigned long long)GET(&db_unavailable));

    head(out, "satupintu_http_connections_open", "gauge",
         "Client connections open now.");
    buf_printf(out, "satupintu_http_connections_open %lld\n",
               (long long)GET(&conn_open));
    head(out, "satupintu_http_connections_total", "counter",
         "Client connections accepted.");
    buf_printf(out, "satupintu_http_connections_total %llu\n",
               (unsigned long long)GET(&conn_total));

    static const char *const pool_name[METRICS_POOL_N] = {"report", "write"};
    head(out, "satupintu_http_pool_waiting", "gauge",
         "Requests waiting for a worker of a pool (reports, writes).");
    for (unsigned i = 0; i < METRICS_POOL_N; i++)
        buf_printf(out, "satupintu_http_pool_waiting{pool=\"%s\"} %lld\n",
                   pool_name[i], (long long)GET(&pool_waiting[i]));
    head(out, "satupintu_http_pool_running", "gauge",
         "Requests a worker of a pool is handling now.");
    for (unsigned i = 0; i < METRICS_POOL_N; i++)
        buf_printf(out, "satupintu_http_pool_running{pool=\"%s\"} %lld\n",
                   pool_name[i], (long long)GET(&pool_running[i]));

    static const char *const why[METRICS_THROTTLE_N] = {
        "too_many_requests", "body_budget", "slow_headers", "slow_body"};
    head(out, "satupintu_throttled_total", "counter",
         "Clients refused (429, 503 for the body budget) or cut off (too "
         "slow), by reason.");
    for (size_t i = 0; i < METRICS_THROTTLE_N; i++)
        buf_printf(out, "satupintu_throttled_total{reason=\"%s\"} %llu\n",
                   why[i], (unsigned long long)GET(&throttled[i]));

    head(out, "satupintu_jobs_runs_total", "counter",
         "Runs of the scheduled jobs by this process, by result.");
    buf_printf(out,
               "satupintu_jobs_runs_total{result=\"ok\"} %llu\n"
               "satupintu_jobs_runs_total{result=\"error\"} %llu\n",
               (unsigned long long)GET(&jobs_ok),
               (unsigned long long)GET(&jobs_failed));
    head(out, "satupintu_jobs_last_run_timestamp_seconds", "gauge",
         "When the last run of the jobs started (Unix seconds; 0: none yet).");
    buf_printf(out, "satupintu_jobs_last_run_timestamp_seconds %lld\n",
               (long long)atomic_load(&jobs_last_start));
    head(out, "satupintu_jobs_last_success_timestamp_seconds", "gauge",
         "When the last successful run of the jobs started (Unix seconds; "
         "0: none yet).");
    buf_printf(out, "satupintu_jobs_last_success_timestamp_seconds %lld\n",
               (long long)atomic_load(&jobs_last_ok));
    head(out, "satupintu_jobs_last_duration_seconds", "gauge",
         "How long the last run of the jobs took.");
    buf_printf(out, "satupintu_jobs_last_duration_seconds %.6f\n",
               (double)atomic_load(&jobs_duration_us) / 1e6);
    head(out, "satupintu_jobs_items_total", "counter",
         "Items the jobs changed, by kind.");
    buf_printf(out,
               "satupintu_jobs_items_total{item=\"complaints_escalated\"} "
               "%llu\n"
               "satupintu_jobs_items_total{item=\"complaints_closed\"} %llu\n"
               "satupintu_jobs_items_total{item=\"readiness_escalated\"} "
               "%llu\n",
               (unsigned long long)GET(&jobs_escalated),
               (unsigned long long)GET(&jobs_closed),
               (unsigned long long)GET(&jobs_readiness));

    head(out, "satupintu_build_info", "gauge",
         "The program's version and the schema version it needs.");
    buf_puts(out, "satupintu_build_info{version=\"");
    label(out, info_version);
    buf_printf(out, "\",schema=\"%d\"} 1\n", info_schema);
    head(out, "satupintu_start_time_seconds", "gauge",
         "When this process started (Unix seconds).");
    buf_printf(out, "satupintu_start_time_seconds %lld\n",
               (long long)info_started);
    long long rss = resident_bytes();
    if (rss >= 0) {
        head(out, "process_resident_memory_bytes", "gauge",
             "Resident memory of this process.");
        buf_printf(out, "process_resident_memory_bytes %lld\n", rss);
    }
    free(req);
    free(bk);
    free(tus);
    free(dus);
    return out->overflow ? ERR_TOO_LARGE : ERR_OK;
}
