/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * vcache.h: a thread-safe cache of values stamped with the version of the
 * data they were made from.
 *
 * A value is found by its key and the version the caller read just before
 * (from the database): an entry made at any other version is not returned,
 * so a change of the data (which raises the version) makes every copy made
 * before it unusable at once. Each value lives in an arena of its own,
 * owned by the cache; a hit copies it out (under the lock) with the
 * caller's copy function. Entries beyond max_entries or max_bytes go
 * oldest first.
 */
#ifndef SP_BASE_VCACHE_H
#define SP_BASE_VCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct vcache;

/* Copy the cached value src into dst's memory (out), allocating in a. */
typedef void (*vcache_copy_fn)(struct arena *a, const void *src, void *out);

struct vcache *vcache_new(size_t max_entries, size_t max_bytes);
void vcache_free(struct vcache *c);

/*
 * True (and *out filled by copy, in a) when key is cached at exactly
 * version; false otherwise.
 */
bool vcache_get(struct vcache *c, const char *key, int64_t version,
                vcache_copy_fn copy, struct arena *a, void *out);
/*
 * Keep value (allocated in owner, which the cache takes over) for key at
 * version, unless an entry made at a later version is there already.
 * bytes: what the value holds, for the budget.
 */
void vcache_put(struct vcache *c, const char *key, int64_t version,
                struct arena *owner, const void *value, size_t bytes);
/* Forget everything. */
void vcache_clear(struct vcache *c);

#endif
