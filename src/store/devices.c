/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* devices.c: enrolled kiosk devices (see devices.h). */
#include "store/devices.h"

#include <string.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "store/db.h"

enum err devices_create(struct db *db, int64_t office_id, const char *label,
                        int64_t user_id, int64_t now,
                        char token_out[DEVICE_TOKEN_HEX + 1], int64_t *id)
{
    crypto_random_hex(token_out, DEVICE_TOKEN_HEX / 2);
    char hash[65];
    crypto_sha256_hex(token_out, hash);
    return db_int(db, id,
                  "INSERT INTO devices (office_id, label, token_hash,"
                  " created_at, created_by) VALUES ($1, $2, $3, $4, $5)"
                  " RETURNING id",
                  DV_INT(office_id), DV_TEXT(label), DV_TEXT(hash), DV_INT(now),
                  user_id ? DV_INT(user_id) : DV_NULL);
}

#define DEVICE_COLS                                                            \
    "d.id, d.office_id, o.code, o.name, d.label, d.created_at, u.login,"       \
    " d.revoked_at, d.last_seen_at"
#define DEVICE_FROM                                                            \
    " FROM devices d JOIN offices o ON o.id = d.office_id"                     \
    " LEFT JOIN users u ON u.id = d.created_by"

static void device_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct device *d = out;
    d->id = db_col_int(st, 0);
    d->office_id = db_col_int(st, 1);
    d->office_code = arena_strdup(a, db_col_text(st, 2));
    d->office_name = arena_strdup(a, db_col_text(st, 3));
    d->label = arena_strdup(a, db_col_text(st, 4));
    d->created_at = db_col_int(st, 5);
    d->created_by = arena_strdup(a, db_col_text(st, 6));
    d->revoked_at = db_col_int(st, 7);
    d->last_seen_at = db_col_int(st, 8);
}

enum err devices_lookup(struct db *db, struct arena *a, const char *token,
                        int64_t now, struct device *out)
{
    memset(out, 0, sizeof(*out));
    if (!token || strlen(token) != DEVICE_TOKEN_HEX ||
        strspn(token, "0123456789abcdef") != DEVICE_TOKEN_HEX)
        return ERR_NOT_FOUND;
    char hash[65];
    crypto_sha256_hex(token, hash);
    enum err rc =
        db_get_one(db, a, device_row, out,
                   "SELECT " DEVICE_COLS DEVICE_FROM " WHERE d.token_hash = $1",
                   DV_TEXT(hash));
    if (rc == ERR_OK && out->revoked_at)
        return ERR_OK; /* the caller tells revoked from active */
    if (rc == ERR_OK && now - out->last_seen_at >= 60)
        rc = db_run(db, NULL,
                    "UPDATE devices SET last_seen_at = $1 WHERE id = $2",
                    DV_INT(now), DV_INT(out->id));
    return rc;
}

enum err devices_get(struct db *db, struct arena *a, int64_t id,
                     struct device *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, device_row, out,
                      "SELECT " DEVICE_COLS DEVICE_FROM " WHERE d.id = $1",
                      DV_INT(id));
}

enum err devices_list(struct db *db, struct arena *a, int64_t office_id,
                      struct device **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, device_row, sizeof(struct device), &r,
                              "SELECT " DEVICE_COLS DEVICE_FROM
                              " WHERE ($1 = 0 OR d.office_id = $1)"
                              " ORDER BY d.id DESC",
                              DV_INT(office_id));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err devices_revoke(struct db *db, int64_t id, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE devices SET revoked_at = $1 WHERE id = $2"
                         " AND revoked_at IS NULL",
                         DV_INT(now), DV_INT(id));
    return rc == ERR_OK && changed == 0 ? ERR_NOT_FOUND : rc;
}
