/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* users.c: accounts, sessions, API keys, throttling, audit (users.h). */
#include "store/users.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/utf8.h"
#include "store/db.h"

bool user_login_valid(const char *login)
{
    if (!login)
        return false;
    size_t n = strlen(login);
    if (n < 3 || n > 32 || login[0] < 'a' || login[0] > 'z')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = login[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-'))
            return false;
    }
    return true;
}

bool user_password_ok(const char *password)
{
    if (!password)
        return false;
    size_t bytes = strlen(password);
    if (!utf8_valid(password, bytes))
        return false;
    size_t chars = utf8_length(password, bytes);
    bool blank = strspn(password, " \t\r\n") == bytes;
    return chars >= 10 && chars <= 128 && !blank;
}

/* A password hash as crypto_password_hash() makes it (a password given
 * by mistake instead is never stored). */
static bool is_hash(const char *s)
{
    return s && strncmp(s, "$argon2id$", 10) == 0;
}

enum err users_create(struct db *db, const struct user *u,
                      const char *password_hash, int64_t now, int64_t *id)
{
    if (!is_hash(password_hash))
        return ERR_INVALID;
    return db_int(
        db, id,
        "INSERT INTO users (login, full_name, role, office_id,"
        " password_hash, must_change_password, disabled,"
        " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6,"
        " $7, $8, $8) RETURNING id",
        DV_TEXT(u->login), DV_TEXT(u->full_name), DV_TEXT(role_code(u->role)),
        u->office_id ? DV_INT(u->office_id) : DV_NULL, DV_TEXT(password_hash),
        DV_INT(u->must_change_password ? 1 : 0), DV_INT(u->disabled ? 1 : 0),
        DV_INT(now));
}

/* Columns read by user_row(), in order. */
#define USER_COLS                                                              \
    "u.id, u.login, u.full_name, u.role, u.office_id, o.code, o.name,"         \
    " u.disabled, u.must_change_password, u.password_hash, o.level"
#define USER_FROM " FROM users u LEFT JOIN offices o ON o.id = u.office_id"

static void user_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct user *u = out;
    memset(u, 0, sizeof(*u));
    u->id = db_col_int(st, 0);
    u->login = arena_strdup(a, db_col_text(st, 1));
    u->full_name = arena_strdup(a, db_col_text(st, 2));
    if (!role_parse(db_col_text(st, 3), &u->role))
        u->role = ROLE_BUPATI; /* unknown role: read-only */
    u->office_id = db_col_int(st, 4);
    u->office_code = arena_strdup(a, db_col_text(st, 5));
    u->office_name = arena_strdup(a, db_col_text(st, 6));
    u->disabled = db_col_int(st, 7) != 0;
    u->must_change_password = db_col_int(st, 8) != 0;
    u->password_hash = arena_strdup(a, db_col_text(st, 9));
    const char *level = db_col_text(st, 10);
    u->office_is_agency = level && strcmp(level, "agency") == 0;
}

/* A user without the password hash (lists, sessions, keys). */
static void user_row_nohash(struct db_stmt *st, struct arena *a, void *out)
{
    struct user *u = out;
    user_row(st, a, u);
    u->password_hash = NULL;
}

enum err users_get(struct db *db, struct arena *a, const char *login,
                   struct user *out)
{
    return db_get_one(db, a, user_row, out,
                      "SELECT " USER_COLS USER_FROM " WHERE u.login = $1",
                      DV_TEXT(login));
}

enum err users_get_by_id(struct db *db, struct arena *a, int64_t id,
                         struct user *out)
{
    return db_get_one(db, a, user_row, out,
                      "SELECT " USER_COLS USER_FROM " WHERE u.id = $1",
                      DV_INT(id));
}

enum err users_list(struct db *db, struct arena *a, struct user **items,
                    size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, user_row_nohash, sizeof(**items), &r,
                              "SELECT " USER_COLS USER_FROM
                              " WHERE u.id > $1 ORDER BY u.login",
                              DV_INT(0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err users_update(struct db *db, const struct user *u, int64_t now)
{
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE users SET full_name = $1, role = $2, office_id = $3,"
               " disabled = $4, updated_at = $5 WHERE id = $6",
               DV_TEXT(u->full_name), DV_TEXT(role_code(u->role)),
               u->office_id ? DV_INT(u->office_id) : DV_NULL,
               DV_INT(u->disabled ? 1 : 0), DV_INT(now), DV_INT(u->id));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK && u->disabled)
        rc = sessions_delete_user(db, u->id);
    return rc;
}

enum err users_set_password(struct db *db, int64_t id,
                            const char *password_hash, bool must_change,
                            int64_t now)
{
    if (!is_hash(password_hash))
        return ERR_INVALID;
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE users SET password_hash = $1,"
               " must_change_password = $2, updated_at = $3 WHERE id = $4",
               DV_TEXT(password_hash), DV_INT(must_change ? 1 : 0), DV_INT(now),
               DV_INT(id));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

enum err users_count_admins(struct db *db, int64_t *out)
{
    return db_int(db, out,
                  "SELECT COUNT(*) FROM users WHERE role = $1 AND"
                  " disabled = 0",
                  DV_TEXT(role_code(ROLE_ADMIN)));
}

enum err sessions_create(struct db *db, int64_t user_id, int64_t now,
                         char token_out[65], char csrf_out[65])
{
    char hash[65];
    crypto_random_hex(token_out, 32);
    crypto_random_hex(csrf_out, 32);
    crypto_sha256_hex(token_out, hash);
    /* Forget this user's expired sessions while we are here. */
    enum err rc = db_run(db, NULL,
                         "DELETE FROM sessions WHERE user_id = $1 AND"
                         " (last_seen < $2 OR created_at < $3)",
                         DV_INT(user_id), DV_INT(now - SESSION_IDLE_S),
                         DV_INT(now - SESSION_ABSOLUTE_S));
    if (rc != ERR_OK)
        return rc;
    return db_run(db, NULL,
                  "INSERT INTO sessions (token_hash, user_id, csrf,"
                  " created_at, last_seen) VALUES ($1, $2, $3, $4, $4)",
                  DV_TEXT(hash), DV_INT(user_id), DV_TEXT(csrf_out),
                  DV_INT(now));
}

/* A user with what a session or a key row adds after the user's columns. */
struct user_with {
    struct user *u;   /* the user, without the password hash */
    const char *csrf; /* sessions: the CSRF token (arena) */
    int64_t extra;    /* sessions: last_seen; keys: the key's id */
    int64_t last;     /* keys: last_used_at (0 when never used) */
};

static void session_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct user_with *w = out;
    user_row_nohash(st, a, w->u);
    w->csrf = arena_strdup(a, db_col_text(st, 11));
    w->extra = db_col_int(st, 12);
}

static void key_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct user_with *w = out;
    user_row_nohash(st, a, w->u);
    w->extra = db_col_int(st, 11);
    w->last = db_col_int(st, 12); /* NULL reads as 0 */
}

enum err sessions_lookup(struct db *db, struct arena *a, const char *token,
                         int64_t now, struct user *out, const char **csrf)
{
    if (!token || strlen(token) != 64)
        return ERR_UNAUTH;
    char hash[65];
    crypto_sha256_hex(token, hash);
    struct user_with w = {.u = out};
    enum err rc =
        db_get_one(db, a, session_row, &w,
                   "SELECT " USER_COLS ", s.csrf, s.last_seen" USER_FROM
                   " JOIN sessions s ON s.user_id = u.id"
                   " WHERE s.token_hash = $1 AND s.last_seen >= $2"
                   " AND s.created_at >= $3 AND u.disabled = 0",
                   DV_TEXT(hash), DV_INT(now - SESSION_IDLE_S),
                   DV_INT(now - SESSION_ABSOLUTE_S));
    if (rc == ERR_NOT_FOUND)
        rc = ERR_UNAUTH;
    if (rc == ERR_OK)
        *csrf = w.csrf;
    /* Touch at most once a minute: fewer writes on busy pages. */
    if (rc == ERR_OK && now - w.extra >= 60)
        rc = db_run(db, NULL,
                    "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2",
                    DV_INT(now), DV_TEXT(hash));
    return rc;
}

enum err sessions_delete(struct db *db, const char *token)
{
    if (!token)
        return ERR_OK;
    char hash[65];
    crypto_sha256_hex(token, hash);
    return db_run(db, NULL, "DELETE FROM sessions WHERE token_hash = $1",
                  DV_TEXT(hash));
}

enum err sessions_delete_user(struct db *db, int64_t user_id)
{
    return db_run(db, NULL, "DELETE FROM sessions WHERE user_id = $1",
                  DV_INT(user_id));
}

enum err apikeys_create(struct db *db, int64_t user_id, const char *label,
                        int64_t now, char key_out[56], int64_t *id)
{
    char hex[49], hash[65], prefix[12];
    crypto_random_hex(hex, 24);
    snprintf(key_out, 56, "sp_%s", hex);
    crypto_sha256_hex(key_out, hash);
    snprintf(prefix, sizeof(prefix), "%.11s", key_out);
    return db_int(db, id,
                  "INSERT INTO api_keys (user_id, prefix, key_hash, label,"
                  " created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  DV_INT(user_id), DV_TEXT(prefix), DV_TEXT(hash),
                  DV_TEXT(label ? label : ""), DV_INT(now));
}

enum err apikeys_lookup(struct db *db, struct arena *a, const char *key,
                        int64_t now, struct user *out)
{
    if (!key || strlen(key) != 51 || strncmp(key, "sp_", 3) != 0)
        return ERR_UNAUTH;
    char hash[65];
    crypto_sha256_hex(key, hash);
    struct user_with w = {.u = out};
    enum err rc =
        db_get_one(db, a, key_row, &w,
                   "SELECT " USER_COLS ", k.id, k.last_used_at" USER_FROM
                   " JOIN api_keys k ON k.user_id = u.id"
                   " WHERE k.key_hash = $1 AND k.revoked_at IS NULL"
                   " AND u.disabled = 0",
                   DV_TEXT(hash));
    if (rc == ERR_NOT_FOUND)
        rc = ERR_UNAUTH;
    /* The last use, at most once a minute, written with the request's
     * own transaction (or after it, when it writes nothing). */
    if (rc == ERR_OK && w.last < now - 60 &&
        db_defer(db,
                 "UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND"
                 " (last_used_at IS NULL OR last_used_at < $3)",
                 DV_INT(now), DV_INT(w.extra), DV_INT(now - 60)) != ERR_OK)
        log_warn("apikeys: the last use of key %lld not kept",
                 (long long)w.extra);
    return rc;
}

enum err apikeys_revoke(struct db *db, int64_t id, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE api_keys SET revoked_at = $1 WHERE id = $2"
                         " AND revoked_at IS NULL",
                         DV_INT(now), DV_INT(id));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

static void apikey_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct api_key *k = out;
    k->id = db_col_int(st, 0);
    k->user_id = db_col_int(st, 1);
    k->login = arena_strdup(a, db_col_text(st, 2));
    k->prefix = arena_strdup(a, db_col_text(st, 3));
    k->label = arena_strdup(a, db_col_text(st, 4));
    k->created_at = db_col_int(st, 5);
    k->revoked_at = db_col_int(st, 6);
    k->last_used_at = db_col_int(st, 7);
    k->office_code = arena_strdup(a, db_col_text(st, 8));
    k->office_name = arena_strdup(a, db_col_text(st, 9));
}

enum err apikeys_list(struct db *db, struct arena *a, struct api_key **items,
                      size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, apikey_row, sizeof(**items), &r,
        "SELECT k.id, k.user_id, u.login, k.prefix, k.label, k.created_at,"
        " k.revoked_at, k.last_used_at, o.code, o.name FROM api_keys k"
        " JOIN users u ON u.id = k.user_id"
        " LEFT JOIN offices o ON o.id = u.office_id"
        " WHERE k.id > $1 ORDER BY k.id",
        DV_INT(0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err users_address_ok(struct db *db, int64_t user_id, const char *addr,
                          int64_t now)
{
    return db_run(db, NULL,
                  "INSERT INTO user_addresses (user_id, addr, last_ok_at)"
                  " VALUES ($1, $2, $3) ON CONFLICT (user_id, addr) DO UPDATE"
                  " SET last_ok_at = excluded.last_ok_at",
                  DV_INT(user_id), DV_TEXT(addr), DV_INT(now));
}

enum err users_address_known(struct db *db, int64_t user_id, const char *addr,
                             int64_t since, bool *known)
{
    int64_t n = 0;
    enum err rc = db_int(db, &n,
                         "SELECT COUNT(*) FROM user_addresses WHERE user_id ="
                         " $1 AND addr = $2 AND last_ok_at >= $3",
                         DV_INT(user_id), DV_TEXT(addr), DV_INT(since));
    *known = rc == ERR_OK && n > 0;
    return rc;
}

enum err audit_append(struct db *db, int64_t user_id, const char *actor,
                      const char *action, const char *entity,
                      const char *entity_key, const char *before_json,
                      const char *after_json, const char *addr, int64_t now)
{
    return db_run(db, NULL,
                  "INSERT INTO audit_log (at, user_id, actor, action, entity,"
                  " entity_key, before_json, after_json, addr) VALUES ($1,"
                  " $2, $3, $4, $5, $6, $7, $8, $9)",
                  DV_INT(now), user_id ? DV_INT(user_id) : DV_NULL,
                  DV_TEXT(actor), DV_TEXT(action), DV_TEXT(entity),
                  DV_TEXT(entity_key), DV_TEXT(before_json),
                  DV_TEXT(after_json), DV_TEXT(addr ? addr : ""));
}

static void audit_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct audit_entry *e = out;
    e->id = db_col_int(st, 0);
    e->at = db_col_int(st, 1);
    e->actor = arena_strdup(a, db_col_text(st, 2));
    e->action = arena_strdup(a, db_col_text(st, 3));
    e->entity = arena_strdup(a, db_col_text(st, 4));
    e->entity_key = arena_strdup(a, db_col_text(st, 5));
    e->before_json = arena_strdup(a, db_col_text(st, 6));
    e->after_json = arena_strdup(a, db_col_text(st, 7));
    e->addr = arena_strdup(a, db_col_text(st, 8));
}

enum err audit_list(struct db *db, struct arena *a, const char *entity,
                    const char *entity_key, int limit,
                    struct audit_entry **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, audit_row, sizeof(**items), &r,
        "SELECT id, at, actor, action, entity, entity_key, before_json,"
        " after_json, addr FROM audit_log"
        " WHERE (CAST($1 AS TEXT) IS NULL OR entity = $1) AND (CAST($2 AS "
        "TEXT) IS NULL OR"
        " entity_key = $2) ORDER BY id DESC LIMIT $3",
        DV_TEXT(entity), DV_TEXT(entity_key), DV_INT(limit));
    *items = r.items;
    *n_items = r.n;
    return rc;
}
