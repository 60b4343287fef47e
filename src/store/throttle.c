/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* throttle.c: window counters (see throttle.h). */
#include "store/throttle.h"

#include <string.h>

#include "store/db.h"

/*
 * A window opens at the first hit after the previous one expired and lasts
 * window_s seconds: a burst is counted in one window whatever the clock
 * says (a window aligned to the clock could split it at a boundary). The
 * SET expressions read the row as it was.
 */
enum err throttle_hit(struct db *db, const char *key, int64_t window_s,
                      int64_t now, int64_t *n)
{
    return db_int(db, n,
                  "INSERT INTO throttle (key, window_start, expires_at, n)"
                  " VALUES ($1, $2, $3, 1) ON CONFLICT (key) DO UPDATE SET"
                  " n = CASE WHEN throttle.expires_at > excluded.window_start"
                  " THEN throttle.n + 1 ELSE 1 END,"
                  " window_start = CASE WHEN throttle.expires_at >"
                  " excluded.window_start THEN throttle.window_start ELSE"
                  " excluded.window_start END,"
                  " expires_at = CASE WHEN throttle.expires_at >"
                  " excluded.window_start THEN throttle.expires_at ELSE"
                  " excluded.expires_at END RETURNING n",
                  DV_TEXT(key), DV_INT(now), DV_INT(now + window_s));
}

enum err throttle_count(struct db *db, const char *key, int64_t window_s,
                        int64_t now, int64_t *n)
{
    (void)window_s;
    *n = 0;
    enum err rc = db_int(db, n,
                         "SELECT n FROM throttle WHERE key = $1 AND"
                         " expires_at > $2",
                         DV_TEXT(key), DV_INT(now));
    return rc == ERR_NOT_FOUND ? ERR_OK : rc;
}

struct count2 {
    const char *key1;
    int64_t n1, n2;
};

static void count2_row(struct db_stmt *st, void *ctx)
{
    struct count2 *c = ctx;
    const char *key = db_col_text(st, 0);
    if (key && strcmp(key, c->key1) == 0)
        c->n1 = db_col_int(st, 1);
    else
        c->n2 = db_col_int(st, 1);
}

enum err throttle_count2(struct db *db, const char *key1, int64_t window1_s,
                         const char *key2, int64_t window2_s, int64_t now,
                         int64_t *n1, int64_t *n2)
{
    (void)window1_s;
    (void)window2_s;
    struct count2 c = {key1, 0, 0};
    enum err rc = db_each(db, count2_row, &c,
                          "SELECT key, n FROM throttle WHERE (key = $1 OR"
                          " key = $2) AND expires_at > $3",
                          DV_TEXT(key1), DV_TEXT(key2), DV_INT(now));
    *n1 = c.n1;
    *n2 = c.n2;
    return rc;
}

enum err throttle_refund(struct db *db, const char *key, int64_t window_s,
                         int64_t now)
{
    (void)window_s;
    return db_run(db, NULL,
                  "UPDATE throttle SET n = n - 1 WHERE key = $1 AND"
                  " expires_at > $2 AND n > 0",
                  DV_TEXT(key), DV_INT(now));
}

enum err throttle_clear(struct db *db, const char *key)
{
    return db_run(db, NULL, "DELETE FROM throttle WHERE key = $1",
                  DV_TEXT(key));
}

enum err throttle_clear_prefix(struct db *db, const char *prefix)
{
    return db_run(db, NULL,
                  "DELETE FROM throttle WHERE substr(key, 1, length($1)) = $1",
                  DV_TEXT(prefix));
}

enum err throttle_expire(struct db *db, int64_t now, int64_t *deleted)
{
    return db_run(db, deleted, "DELETE FROM throttle WHERE expires_at <= $1",
                  DV_INT(now));
}
