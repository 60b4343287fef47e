/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* vcache.c: versioned values by key (see vcache.h). */
#include "base/vcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define BUCKETS 1024

struct ventry {
    struct ventry *next;  /* in its bucket */
    struct ventry *older; /* insertion order: the next older entry */
    struct ventry *newer; /* ... and newer */
    char *key;            /* owned */
    int64_t version;      /* of the data it was made from */
    struct arena *owner;  /* holds the value */
    const void *value;    /* in owner */
    size_t bytes;         /* for the budget */
};

struct vcache {
    pthread_mutex_t mu;
    struct ventry *buckets[BUCKETS];
    struct ventry *oldest, *newest;
    size_t n, bytes, max_entries, max_bytes;
};

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return (size_t)(h % BUCKETS);
}

struct vcache *vcache_new(size_t max_entries, size_t max_bytes)
{
    struct vcache *c = xcalloc(1, sizeof(*c));
    pthread_mutex_init(&c->mu, NULL);
    c->max_entries = max_entries ? max_entries : 1;
    c->max_bytes = max_bytes;
    return c;
}

static void entry_free(struct ventry *e)
{
    arena_free(e->owner);
    free(e->key);
    free(e);
}

/* Drop the oldest entry (there is one): nothing is older than it. */
static void evict_oldest(struct vcache *c)
{
    struct ventry *x = c->oldest;
    for (struct ventry **pp = &c->buckets[hash(x->key)]; *pp; pp = &(*pp)->next)
        if (*pp == x) {
            *pp = x->next;
            break;
        }
    c->oldest = x->newer;
    if (c->oldest)
        c->oldest->older = NULL;
    else
        c->newest = NULL;
    c->n--;
    c->bytes -= x->bytes;
    entry_free(x);
}

void vcache_clear(struct vcache *c)
{
    pthread_mutex_lock(&c->mu);
    while (c->oldest)
        evict_oldest(c);
    pthread_mutex_unlock(&c->mu);
}

void vcache_free(struct vcache *c)
{
    if (!c)
        return;
    vcache_clear(c);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct ventry *find(struct vcache *c, const char *key)
{
    for (struct ventry *e = c->buckets[hash(key)]; e; e = e->next)
        if (strcmp(e->key, key) == 0)
            return e;
    return NULL;
}

bool vcache_get(struct vcache *c, const char *key, int64_t version,
                vcache_copy_fn copy, struct arena *a, void *out)
{
    pthread_mutex_lock(&c->mu);
    struct ventry *e = find(c, key);
    bool hit = e && e->version == version;
    if (hit)
        copy(a, e->value, out);
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void vcache_put(struct vcache *c, const char *key, int64_t version,
                struct arena *owner, const void *value, size_t bytes)
{
    if (c->max_bytes && bytes > c->max_bytes / 4) {
        arena_free(owner); /* too large to keep */
        return;
    }
    pthread_mutex_lock(&c->mu);
    struct ventry *old = find(c, key);
    if (old && old->version > version) {
        pthread_mutex_unlock(&c->mu);
        arena_free(owner); /* a newer copy is there */
        return;
    }
    struct ventry *e = old;
    if (e) {
        /* The same entry with the newer value, made the newest. */
        arena_free(e->owner);
        c->bytes -= e->bytes;
        if (e->older)
            e->older->newer = e->newer;
        else
            c->oldest = e->newer;
        if (e->newer)
            e->newer->older = e->older;
        else
            c->newest = e->older;
        e->newer = NULL;
    } else {
        e = xcalloc(1, sizeof(*e));
        e->key = xstrdup(key);
        size_t b = hash(key);
        e->next = c->buckets[b];
        c->buckets[b] = e;
        c->n++;
    }
    e->version = version;
    e->owner = owner;
    e->value = value;
    e->bytes = bytes;
    e->older = c->newest;
    if (c->newest)
        c->newest->newer = e;
    else
        c->oldest = e;
    c->newest = e;
    c->bytes += bytes;
    while (
        c->oldest && c->oldest != e &&
        (c->n > c->max_entries || (c->max_bytes && c->bytes > c->max_bytes))) {
        evict_oldest(c);
    }
    pthread_mutex_unlock(&c->mu);
}
