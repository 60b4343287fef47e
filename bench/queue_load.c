/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue_load.c: the counter queue under load, for bench/queue.sh.
 *
 *   queue_load PORT PID STREAMS SECONDS OFFICES... -- KEYS...
 *
 * Opens STREAMS display-board event streams (GET /queue/CODE/events)
 * spread over the OFFICES, then for SECONDS seconds one worker per KEY
 * (the front-office key of the office at the same position) issues a
 * ticket, calls the next one at counter 1 and finishes it, again and
 * again. It reports the latency of every issue and call as the client
 * sees it (p50, p99, max), how long each call took to reach the streams
 * of its office (from the call's answer to the event naming the ticket,
 * on every stream of that office), and the server's memory (VmRSS, VmHWM
 * of PID) with the streams open. Plain blocking sockets, HTTP/1.1 keep
 * alive; one epoll thread reads every stream.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_STREAMS 20000
#define MAX_SAMPLES 200000
#define MAX_WORKERS 64

static int port;
static const char *offices[MAX_WORKERS * 4];
static size_t n_offices;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_local(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

/* ---- samples ------------------------------------------------------------ */

struct samples {
    pthread_mutex_t lock;
    double v[MAX_SAMPLES];
    size_t n;
};
static struct samples issue_ms = {.lock = PTHREAD_MUTEX_INITIALIZER};
static struct samples call_ms = {.lock = PTHREAD_MUTEX_INITIALIZER};
static struct samples shown_ms = {.lock = PTHREAD_MUTEX_INITIALIZER};
static atomic_long errors;

static void add(struct samples *s, double v)
{
    pthread_mutex_lock(&s->lock);
    if (s->n < MAX_SAMPLES)
        s->v[s->n++] = v;
    pthread_mutex_unlock(&s->lock);
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, struct samples *s)
{
    qsort(s->v, s->n, sizeof(double), cmp_d);
    if (!s->n) {
        printf("%s n 0\n", name);
        return;
    }
    size_t p50 = (s->n * 50 + 99) / 100, p99 = (s->n * 99 + 99) / 100;
    printf("%s n %zu p50 %.1f p99 %.1f max %.1f\n", name, s->n, s->v[p50 - 1],
           s->v[p99 - 1], s->v[s->n - 1]);
}

/* ---- the streams ----------------------------------------------------------
 */

/* A call waiting to be seen: its office and label, when it was answered. */
struct pending {
    int office;
    char label[16];
    double at;
    int left; /* streams of the office that have not shown it yet */
};
static pthread_mutex_t pend_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pending pend[4096];
static size_t n_pend;

struct stream {
    int fd;
    int office;
    char buf[16384];
    size_t len;
    bool seen[4096]; /* pend[] entries seen */
};
static struct stream *streams;
static size_t n_streams;
static int per_office[MAX_WORKERS * 4];
static atomic_bool stop_streams;

static void scan(struct stream *s)
{
    double t = now_s();
    pthread_mutex_lock(&pend_lock);
    for (size_t i = 0; i < n_pend; i++) {
        if (s->seen[i] || pend[i].office != s->office)
            continue;
        char needle[48];
        snprintf(needle, sizeof(needle), "\"serving\":[{\"ticket\":\"%s\"",
                 pend[i].label);
        if (memmem(s->buf, s->len, needle, strlen(needle))) {
            s->seen[i] = true;
            pend[i].left--;
            double ms = (t - pend[i].at) * 1e3;
            pthread_mutex_unlock(&pend_lock);
            add(&shown_ms, ms < 0 ? 0 : ms);
            pthread_mutex_lock(&pend_lock);
        }
    }
    pthread_mutex_unlock(&pend_lock);
}

static void *streams_main(void *arg)
{
    (void)arg;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    for (size_t i = 0; i < n_streams; i++) {
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = &streams[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, streams[i].fd, &e);
    }
    struct epoll_event ev[256];
    while (!atomic_load(&stop_streams)) {
        int n = epoll_wait(ep, ev, 256, 100);
        for (int i = 0; i < n; i++) {
            struct stream *s = ev[i].data.ptr;
            /* Keep the tail of what was read: an event may straddle. */
            if (s->len > sizeof(s->buf) / 2) {
                memmove(s->buf, s->buf + s->len - 2048, 2048);
                s->len = 2048;
            }
            ssize_t r =
                recv(s->fd, s->buf + s->len, sizeof(s->buf) - s->len - 1, 0);
            if (r <= 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
                atomic_fetch_add(&errors, 1);
                continue;
            }
            s->len += (size_t)r;
            scan(s);
        }
    }
    close(ep);
    return NULL;
}

/* ---- the workers -------------------------------------------------------- */

/* One request on fd (kept alive); the status, the body into body. */
static int request(int fd, const char *method, const char *path,
                   const char *key, const char *json, char *body,
                   size_t body_cap)
{
    char req[1024];
    int n = snprintf(req, sizeof(req),
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                     "Bearer %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: %zu\r\n\r\n%s",
                     method, path, key, strlen(json), json);
    if (send(fd, req, (size_t)n, MSG_NOSIGNAL) != n)
        return -1;
    char in[16384];
    size_t len = 0;
    for (;;) {
        ssize_t r = recv(fd, in + len, sizeof(in) - len - 1, 0);
        if (r <= 0)
            return -1;
        len += (size_t)r;
        in[len] = '\0';
        char *end = strstr(in, "\r\n\r\n");
        if (!end)
            continue;
        const char *cl = strcasestr(in, "Content-Length:");
        size_t want = cl ? (size_t)atol(cl + 15) : 0;
        size_t have = len - (size_t)(end + 4 - in);
        if (have < want)
            continue;
        size_t copy = want < body_cap - 1 ? want : body_cap - 1;
        memcpy(body, end + 4, copy);
        body[copy] = '\0';
        return atoi(in + 9);
    }
}

struct worker {
    int office;
    const char *key;
    double until;
};

static const char *json_str(const char *body, const char *name, char *out,
                            size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\":\"", name);
    const char *p = strstr(body, pat);
    out[0] = '\0';
    if (!p)
        return out;
    p += strlen(pat);
    size_t i = 0;
    while (p[i] && p[i] != '"' && i + 1 < cap) {
        out[i] = p[i];
        i++;
    }
    out[i] = '\0';
    return out;
}

static long json_int(const char *body, const char *name)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\":", name);
    const char *p = strstr(body, pat);
    return p ? atol(p + strlen(pat)) : 0;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    int fd = connect_local();
    char path[128], body[16384];
    const char *code = offices[w->office];
    for (int i = 0; fd >= 0 && now_s() < w->until; i++) {
        snprintf(path, sizeof(path), "/api/v1/offices/%s/queue/tickets", code);
        double t0 = now_s();
        int st = request(fd, "POST", path, w->key,
                         i % 5 ? "{\"group\":\"B\"}" : "{\"group\":\"A\"}",
                         body, sizeof(body));
        double t1 = now_s();
        if (st != 201) {
            atomic_fetch_add(&errors, 1);
            break;
        }
        add(&issue_ms, (t1 - t0) * 1e3);
        snprintf(path, sizeof(path), "/api/v1/offices/%s/queue/call", code);
        t0 = now_s();
        st = request(fd, "POST", path, w->key, "{\"counter\":\"1\"}", body,
                     sizeof(body));
        t1 = now_s();
        if (st != 200) {
            atomic_fetch_add(&errors, 1);
            break;
        }
        add(&call_ms, (t1 - t0) * 1e3);
        char label[16];
        json_str(body, "ticket", label, sizeof(label));
        long id = json_int(body, "id");
        pthread_mutex_lock(&pend_lock);
        if (n_pend < sizeof(pend) / sizeof(pend[0]) && per_office[w->office]) {
            pend[n_pend] =
                (struct pending){w->office, "", t1, per_office[w->office]};
            snprintf(pend[n_pend].label, sizeof(pend[n_pend].label), "%s",
                     label);
            n_pend++;
        }
        pthread_mutex_unlock(&pend_lock);
        /* Let the call stand a moment, as at a counter, then finish. */
        struct timespec pause = {0, 200 * 1000 * 1000};
        nanosleep(&pause, NULL);
        snprintf(path, sizeof(path), "/api/v1/queue/tickets/%ld/finish", id);
        st = request(fd, "POST", path, w->key, "{}", body, sizeof(body));
        if (st != 200) {
            atomic_fetch_add(&errors, 1);
            break;
        }
    }
    if (fd >= 0)
        close(fd);
    return NULL;
}

static long mem_kib(long pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof(path), "/proc/%ld/status", pid);
    FILE *f = fopen(path, "r");
    long v = -1;
    while (f && fgets(line, sizeof(line), f))
        if (strncmp(line, field, strlen(field)) == 0)
            v = atol(line + strlen(field) + 1);
    if (f)
        fclose(f);
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr,
                "usage: queue_load PORT PID STREAMS SECONDS OFFICES... -- "
                "KEYS...\n");
        return 2;
    }
    port = atoi(argv[1]);
    long pid = atol(argv[2]);
    size_t want = (size_t)atol(argv[3]);
    double seconds = atof(argv[4]);
    int i = 5;
    for (; i < argc && strcmp(argv[i], "--") != 0 &&
           n_offices < sizeof(offices) / sizeof(offices[0]);
         i++)
        offices[n_offices++] = argv[i];
    i++;
    struct worker workers[MAX_WORKERS];
    size_t n_workers = 0;
    for (; i < argc && n_workers < MAX_WORKERS && n_workers < n_offices; i++)
        workers[n_workers] = (struct worker){(int)n_workers, argv[i], 0},
        n_workers++;
    if (want > MAX_STREAMS)
        want = MAX_STREAMS;
    streams = calloc(want, sizeof(*streams));
    long rss0 = mem_kib(pid, "VmRSS");
    for (size_t k = 0; k < want; k++) {
        int fd = connect_local();
        if (fd < 0) {
            fprintf(stderr, "stream %zu: cannot connect: %s\n", k,
                    strerror(errno));
            break;
        }
        int office = (int)(k % n_offices);
        char req[256];
        int n = snprintf(req, sizeof(req),
                         "GET /queue/%s/events HTTP/1.1\r\nHost: 127.0.0.1"
                         "\r\nAccept: text/event-stream\r\n\r\n",
                         offices[office]);
        if (send(fd, req, (size_t)n, MSG_NOSIGNAL) != n) {
            close(fd);
            break;
        }
        streams[n_streams].fd = fd;
        streams[n_streams].office = office;
        n_streams++;
        per_office[office]++;
    }
    pthread_t reader;
    pthread_create(&reader, NULL, streams_main, NULL);
    /* Let every stream get its first board. */
    struct timespec settle = {3, 0};
    nanosleep(&settle, NULL);
    long rss_streams = mem_kib(pid, "VmRSS");
    double until = now_s() + seconds;
    pthread_t wt[MAX_WORKERS];
    for (size_t k = 0; k < n_workers; k++) {
        workers[k].until = until;
        pthread_create(&wt[k], NULL, worker_main, &workers[k]);
    }
    for (size_t k = 0; k < n_workers; k++)
        pthread_join(wt[k], NULL);
    /* The last calls reach their streams. */
    struct timespec tail = {2, 0};
    nanosleep(&tail, NULL);
    long rss_end = mem_kib(pid, "VmRSS"), hwm = mem_kib(pid, "VmHWM");
    atomic_store(&stop_streams, true);
    pthread_join(reader, NULL);
    size_t unseen = 0;
    for (size_t k = 0; k < n_pend; k++)
        unseen += (size_t)(pend[k].left > 0 ? pend[k].left : 0);
    printf("streams %zu workers %zu seconds %.0f\n", n_streams, n_workers,
           seconds);
    report("issue_ms", &issue_ms);
    report("call_ms", &call_ms);
    report("shown_ms", &shown_ms);
    size_t over = 0;
    for (size_t k = 0; k < shown_ms.n; k++)
        over += shown_ms.v[k] > 1000.0;
    printf("shown_over_1s %zu of %zu; not shown %zu\n", over, shown_ms.n,
           unseen);
    printf("rss_kib before %ld streams %ld end %ld hwm %ld\n", rss0,
           rss_streams, rss_end, hwm);
    printf("errors %ld\n", atomic_load(&errors));
    for (size_t k = 0; k < n_streams; k++)
        close(streams[k].fd);
    free(streams);
    return 0;
}
