/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* board.c: the display boards' hub and watcher (see board.h). */
#include "app/board.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/log.h"
#include "http/server.h"
#include "store/db.h"
#include "store/queue.h"
#include "views/queue.h"

/* One office someone watches. */
struct entry {
    struct entry *next;  /* in hub.head */
    int64_t office_id;   /* offices.id */
    char code[40];       /* its code (for the JSON) */
    int64_t subscribers; /* open streams */
    int64_t seq;         /* change counter the JSON was read at */
    char day[16];        /* the day it shows */
    int64_t version;     /* one more at every new JSON */
    char *json;          /* the board (heap), or NULL */
    size_t json_len;
};

static struct {
    pthread_mutex_t lock; /* guards everything below but the thread */
    pthread_cond_t wake;  /* pokes and stop */
    struct entry *head;   /* offices watched */
    int64_t streams;      /* open streams */
    bool poked;           /* a local write: look now */
    bool stop;            /* the watcher should end */
    bool running;         /* the watcher runs */
    int64_t next_version; /* versions are unique in the process */
    pthread_t thread;     /* the watcher */
    struct app *app;      /* its settings */
} hub = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

/* The entry of office_id (lock held), or NULL. */
static struct entry *find(int64_t office_id)
{
    for (struct entry *e = hub.head; e; e = e->next)
        if (e->office_id == office_id)
            return e;
    return NULL;
}

static void today_of(int offset_min, int64_t now, char out[16])
{
    int64_t local = now + (int64_t)offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    civil_format_date(civil_from_days(days), out);
}

/* Read and render office's board; *json is heap (free()). */
static enum err render(struct db *db, int64_t office_id, const char *code,
                       const char *day, int offset_min, int64_t *seq,
                       char **json)
{
    struct arena *a = arena_new();
    struct queue_board b;
    enum err rc = queue_board_get(db, a, office_id, day, &b);
    *json = NULL;
    if (rc == ERR_OK) {
        json_t *j = json_queue_board(&b, code, day, offset_min);
        *json = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
        json_decref(j);
        *seq = b.seq;
        if (!*json)
            rc = ERR_INVALID;
    }
    arena_free(a);
    return rc;
}

/* Keep json (taken) as office's board if it is newer than what the hub
 * has (lock not held). */
static void store(int64_t office_id, const char *day, int64_t seq, char *json)
{
    pthread_mutex_lock(&hub.lock);
    struct entry *e = find(office_id);
    if (e && (!e->json || seq > e->seq || strcmp(e->day, day) != 0)) {
        free(e->json);
        e->json = json;
        e->json_len = strlen(json);
        e->seq = seq;
        snprintf(e->day, sizeof(e->day), "%s", day);
        e->version = ++hub.next_version;
        json = NULL;
    }
    pthread_mutex_unlock(&hub.lock);
    free(json);
}

enum err board_subscribe(struct db *db, struct arena *a, int64_t office_id,
                         const char *code, const char *day, int offset_min)
{
    (void)a;
    pthread_mutex_lock(&hub.lock);
    struct entry *e = find(office_id);
    if (!e) {
        e = xcalloc(1, sizeof(*e));
        e->office_id = office_id;
        snprintf(e->code, sizeof(e->code), "%s", code);
        e->seq = -1;
        e->next = hub.head;
        hub.head = e;
    }
    e->subscribers++;
    hub.streams++;
    bool current = e->json && strcmp(e->day, day) == 0;
    pthread_mutex_unlock(&hub.lock);
    if (current)
        return ERR_OK;
    int64_t seq = 0;
    char *json = NULL;
    enum err rc = render(db, office_id, code, day, offset_min, &seq, &json);
    if (rc == ERR_OK)
        store(office_id, day, seq, json);
    else
        board_unsubscribe(office_id);
    return rc;
}

void board_unsubscribe(int64_t office_id)
{
    pthread_mutex_lock(&hub.lock);
    for (struct entry **p = &hub.head; *p; p = &(*p)->next) {
        struct entry *e = *p;
        if (e->office_id != office_id)
            continue;
        hub.streams--;
        if (--e->subscribers <= 0) {
            *p = e->next;
            free(e->json);
            free(e);
        }
        break;
    }
    pthread_mutex_unlock(&hub.lock);
}

bool board_event(int64_t office_id, int64_t *version, struct buf *out)
{
    bool news = false;
    pthread_mutex_lock(&hub.lock);
    struct entry *e = find(office_id);
    if (e && e->json && e->version != *version) {
        buf_printf(out, "id: %lld\nevent: board\ndata: ", (long long)e->seq);
        buf_append(out, e->json, e->json_len);
        buf_puts(out, "\n\n");
        *version = e->version;
        news = true;
    }
    pthread_mutex_unlock(&hub.lock);
    return news;
}

int64_t board_streams(void)
{
    pthread_mutex_lock(&hub.lock);
    int64_t n = hub.streams;
    pthread_mutex_unlock(&hub.lock);
    return n;
}

void board_poke(void)
{
    pthread_mutex_lock(&hub.lock);
    hub.poked = true;
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
}

/* What to refresh: an office someone watches whose counter or day moved. */
struct due {
    int64_t office_id;
    char code[40];
};

/* One look at every change counter; refresh what moved. */
static void watch_once(struct db *db, struct arena *a)
{
    const struct app *app = hub.app;
    char day[16];
    today_of(app->utc_offset_min, (int64_t)time(NULL), day);
    struct queue_seq *seqs = NULL;
    size_t n = 0;
    if (queue_office_seqs(db, a, &seqs, &n) != ERR_OK) {
        db_rollback(db);
        return;
    }
    pthread_mutex_lock(&hub.lock);
    size_t cap = 0;
    for (struct entry *e = hub.head; e; e = e->next)
        cap++;
    struct due *due = arena_alloc(a, (cap + 1) * sizeof(*due));
    size_t n_due = 0;
    for (struct entry *e = hub.head; e && n_due < cap; e = e->next) {
        int64_t seq = 0;
        for (size_t i = 0; i < n; i++)
            if (seqs[i].office_id == e->office_id)
                seq = seqs[i].seq;
        if (e->json && seq == e->seq && strcmp(e->day, day) == 0)
            continue;
        due[n_due].office_id = e->office_id;
        snprintf(due[n_due].code, sizeof(due[n_due].code), "%s", e->code);
        n_due++;
    }
    pthread_mutex_unlock(&hub.lock);
    for (size_t i = 0; i < n_due; i++) {
        int64_t seq = 0;
        char *json = NULL;
        if (render(db, due[i].office_id, due[i].code, day, app->utc_offset_min,
                   &seq, &json) != ERR_OK) {
            db_rollback(db);
            continue;
        }
        store(due[i].office_id, day, seq, json);
        http_server_wake(app->server, (uint64_t)due[i].office_id);
    }
}

static void *watcher_main(void *arg)
{
    (void)arg;
    struct db *db = NULL;
    pthread_mutex_lock(&hub.lock);
    while (!hub.stop) {
        bool poked = hub.poked;
        hub.poked = false;
        pthread_mutex_unlock(&hub.lock);
        (void)poked;
        if (!db && db_open(hub.app->db_url, &db) != ERR_OK)
            db = NULL;
        if (db) {
            struct arena *a = arena_new();
            watch_once(db, a);
            arena_free(a);
        }
        pthread_mutex_lock(&hub.lock);
        if (hub.stop || hub.poked)
            continue;
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += BOARD_WATCH_MS * 1000L * 1000L;
        while (until.tv_nsec >= 1000L * 1000L * 1000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000L * 1000L * 1000L;
        }
        pthread_cond_timedwait(&hub.wake, &hub.lock, &until);
    }
    pthread_mutex_unlock(&hub.lock);
    db_close(db);
    return NULL;
}

void board_start(struct app *app)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_lock(&hub.lock);
    pthread_cond_destroy(&hub.wake);
    pthread_cond_init(&hub.wake, &ca);
    hub.app = app;
    hub.stop = false;
    hub.running = true;
    pthread_mutex_unlock(&hub.lock);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&hub.thread, NULL, watcher_main, NULL) != 0) {
        log_error("board: cannot start the watcher");
        hub.running = false;
    }
}

void board_stop(void)
{
    pthread_mutex_lock(&hub.lock);
    bool running = hub.running;
    hub.stop = true;
    pthread_cond_signal(&hub.wake);
    pthread_mutex_unlock(&hub.lock);
    if (running)
        pthread_join(hub.thread, NULL);
    hub.running = false;
}
