/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* replays.c: first answers of repeated submissions (see replays.h). */
#include "store/replays.h"

#include <string.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "store/db.h"

static void replay_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct replay *r = out;
    r->status = (int)db_col_int(st, 0);
    r->location = arena_strdup(a, db_col_text(st, 1));
    r->body = arena_strdup(a, db_col_text(st, 2));
    r->secret = arena_strdup(a, db_col_text(st, 3));
    r->created_at = db_col_int(st, 4);
}

enum err replays_get(struct db *db, struct arena *a, const char *scope,
                     const char *key, int64_t since, struct replay *out)
{
    memset(out, 0, sizeof(*out));
    char hash[65];
    crypto_sha256_hex(key, hash);
    return db_get_one(db, a, replay_row, out,
                      "SELECT status, location, body, secret, created_at"
                      " FROM replays WHERE scope = $1 AND key_hash = $2 AND"
                      " created_at >= $3",
                      DV_TEXT(scope), DV_TEXT(hash), DV_INT(since));
}

enum err replays_put(struct db *db, const char *scope, const char *key,
                     int64_t now, const struct replay *r)
{
    char hash[65];
    crypto_sha256_hex(key, hash);
    /* An expired twin may still be there until the jobs remove it. */
    enum err rc =
        db_run(db, NULL,
               "DELETE FROM replays WHERE scope = $1 AND key_hash ="
               " $2 AND created_at < $3",
               DV_TEXT(scope), DV_TEXT(hash), DV_INT(now - REPLAY_KEEP_S));
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO replays (scope, key_hash, created_at, status,"
                    " location, body, secret) VALUES ($1, $2, $3, $4, $5, $6,"
                    " $7)",
                    DV_TEXT(scope), DV_TEXT(hash), DV_INT(now),
                    DV_INT(r->status), DV_TEXT(r->location), DV_TEXT(r->body),
                    DV_TEXT(r->secret));
    return rc;
}

enum err replays_take_secret(struct db *db, struct arena *a, const char *scope,
                             const char *key, const char **secret)
{
    *secret = NULL;
    char hash[65];
    crypto_sha256_hex(key, hash);
    struct replay r;
    memset(&r, 0, sizeof(r));
    enum err rc = db_get_one(db, a, replay_row, &r,
                             "SELECT status, location, body, secret,"
                             " created_at FROM replays WHERE scope = $1 AND"
                             " key_hash = $2 AND secret IS NOT NULL",
                             DV_TEXT(scope), DV_TEXT(hash));
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    int64_t changed = 0;
    if (rc == ERR_OK)
        rc = db_run(db, &changed,
                    "UPDATE replays SET secret = NULL WHERE scope = $1 AND"
                    " key_hash = $2 AND secret = $3",
                    DV_TEXT(scope), DV_TEXT(hash), DV_TEXT(r.secret));
    if (rc == ERR_OK && changed == 1)
        *secret = r.secret; /* the one reader that cleared it */
    return rc;
}

enum err replays_expire(struct db *db, int64_t now)
{
    enum err rc = db_run(db, NULL, "DELETE FROM replays WHERE created_at < $1",
                         DV_INT(now - REPLAY_KEEP_S));
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "UPDATE replays SET secret = NULL WHERE secret IS NOT"
                    " NULL AND created_at < $1",
                    DV_INT(now - 600));
    return rc;
}
