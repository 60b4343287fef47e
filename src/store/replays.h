/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * replays.h: the first answer to a submission, kept so that a repeated
 * submission gets it again instead of creating something twice: one-time
 * form tokens (a reloaded or double-clicked form) and Idempotency-Key
 * headers of API clients. A replay is written in the same transaction as
 * what it creates, so it exists exactly when the creation committed.
 *
 * scope separates the users of one key space ("form", "idem:<user id>");
 * the key itself is stored as its SHA-256 only.
 */
#ifndef SP_STORE_REPLAYS_H
#define SP_STORE_REPLAYS_H

#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;

#define REPLAY_KEEP_S (24 * 3600) /* how long a first answer is kept */

struct replay {
    int status;           /* HTTP status of the first answer */
    const char *location; /* where it redirected, or NULL */
    const char *body;     /* its body (JSON answers), or NULL */
    const char *secret;   /* a value shown once (an API key), or NULL */
    int64_t created_at;   /* Unix seconds */
};

/* The first answer for (scope, key) since `since`; ERR_NOT_FOUND if none. */
enum err replays_get(struct db *db, struct arena *a, const char *scope,
                     const char *key, int64_t since, struct replay *out)
    __attribute__((warn_unused_result));
/* Keep the first answer; ERR_CONFLICT when (scope, key) has one already
 * (a concurrent twin committed first). */
enum err replays_put(struct db *db, const char *scope, const char *key,
                     int64_t now, const struct replay *r)
    __attribute__((warn_unused_result));
/* Read and forget the secret of (scope, key): NULL the second time. */
enum err replays_take_secret(struct db *db, struct arena *a, const char *scope,
                             const char *key, const char **secret)
    __attribute__((warn_unused_result));
/* Forget answers created before `before` (the jobs thread); secrets older
 * than ten minutes are blanked as well. */
enum err replays_expire(struct db *db, int64_t now)
    __attribute__((warn_unused_result));

#endif
