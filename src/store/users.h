/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * users.h: staff accounts, sessions, API keys, login throttling and the
 * append-only audit log.
 *
 * Secrets are never stored: sessions and API keys are kept as the SHA-256
 * of the token, passwords as argon2id hashes. Times are Unix seconds passed
 * in by the caller, so expiry rules are testable with explicit times.
 */
#ifndef SP_STORE_USERS_H
#define SP_STORE_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/role.h"

struct arena;
struct db;

/* Session lifetimes (seconds). */
#define SESSION_IDLE_S (60 * 60)          /* 1 hour without a request */
#define SESSION_ABSOLUTE_S (12 * 60 * 60) /* 12 hours after sign-in */

struct user {
    int64_t id;                /* users.id */
    const char *login;         /* unique user name */
    const char *full_name;     /* name shown on pages */
    enum role role;            /* role */
    int64_t office_id;         /* office scope, 0 = regency-wide */
    const char *office_code;   /* code of office_id, or NULL */
    const char *office_name;   /* name of office_id, or NULL */
    bool office_is_agency;     /* office_id is a regency agency */
    bool disabled;             /* may not sign in */
    bool must_change_password; /* forced to change at next sign-in */
    const char *password_hash; /* argon2id string (only from users_get*) */
};

/* True for 3..32 characters of a-z 0-9 . _ - starting with a letter. */
bool user_login_valid(const char *login);
/* Password policy: 10..128 characters (not bytes), valid UTF-8, not only
 * white space. */
bool user_password_ok(const char *password);

/* Create a user with the given password hash (crypto_password_hash(),
 * made before the transaction: a hash takes a CPU and 64 MiB for tens of
 * milliseconds and may wait its turn, and must not hold SQLite's one
 * writer meanwhile); *id = new id. */
enum err users_create(struct db *db, const struct user *u,
                      const char *password_hash, int64_t now, int64_t *id)
    __attribute__((warn_unused_result));
enum err users_get(struct db *db, struct arena *a, const char *login,
                   struct user *out) __attribute__((warn_unused_result));
enum err users_get_by_id(struct db *db, struct arena *a, int64_t id,
                         struct user *out) __attribute__((warn_unused_result));
enum err users_list(struct db *db, struct arena *a, struct user **items,
                    size_t *n_items) __attribute__((warn_unused_result));
/* Save full_name, role, office_id and disabled of user u->id. */
enum err users_update(struct db *db, const struct user *u, int64_t now)
    __attribute__((warn_unused_result));
/* Set a new password by its hash (made before the transaction, as for
 * users_create()); must_change says whether to force another change. */
enum err users_set_password(struct db *db, int64_t id,
                            const char *password_hash, bool must_change,
                            int64_t now) __attribute__((warn_unused_result));
/* Count of enabled administrators. */
enum err users_count_admins(struct db *db, int64_t *out)
    __attribute__((warn_unused_result));

/*
 * Start a session for user_id: a new random token (64 hex characters,
 * written to token_out[65]) and CSRF token (csrf_out[65]); the hash of the
 * token is stored, never the token.
 */
enum err sessions_create(struct db *db, int64_t user_id, int64_t now,
                         char token_out[65], char csrf_out[65])
    __attribute__((warn_unused_result));
/*
 * The user behind a session token, if the session is within its idle and
 * absolute limits and the user is enabled; refreshes last_seen. *csrf gets
 * the session's CSRF token (arena). ERR_UNAUTH when not valid.
 */
enum err sessions_lookup(struct db *db, struct arena *a, const char *token,
                         int64_t now, struct user *out, const char **csrf)
    __attribute__((warn_unused_result));
enum err sessions_delete(struct db *db, const char *token)
    __attribute__((warn_unused_result));
/* End every session of a user (password change, disabling). */
enum err sessions_delete_user(struct db *db, int64_t user_id)
    __attribute__((warn_unused_result));

struct api_key {
    int64_t id;              /* api_keys.id */
    int64_t user_id;         /* owner */
    const char *login;       /* owner's login */
    const char *prefix;      /* first characters of the key, for listing */
    const char *label;       /* what it is for */
    int64_t created_at;      /* Unix seconds */
    int64_t revoked_at;      /* 0 if active */
    int64_t last_used_at;    /* 0 if never */
    const char *office_code; /* the owner's office, NULL = regency-wide */
    const char *office_name; /* (apikeys_list() only) */
};

/*
 * Create a key for user_id; the key ("sp_" + 48 hex) is written to
 * key_out[56] and shown once; only its hash is stored.
 */
enum err apikeys_create(struct db *db, int64_t user_id, const char *label,
                        int64_t now, char key_out[56], int64_t *id)
    __attribute__((warn_unused_result));
/* The enabled user behind an unrevoked key; ERR_UNAUTH otherwise. The
 * key's last_used_at is written at most once a minute, through db_defer()
 * (inside the request's next write transaction, else at its end). */
enum err apikeys_lookup(struct db *db, struct arena *a, const char *key,
                        int64_t now, struct user *out)
    __attribute__((warn_unused_result));
enum err apikeys_revoke(struct db *db, int64_t id, int64_t now)
    __attribute__((warn_unused_result));
enum err apikeys_list(struct db *db, struct arena *a, struct api_key **items,
                      size_t *n_items) __attribute__((warn_unused_result));

/*
 * Addresses a user has signed in from: remembered at each successful
 * sign-in; while the account is under a guessing attack only these may
 * still try (see svc/guard.h).
 */
enum err users_address_ok(struct db *db, int64_t user_id, const char *addr,
                          int64_t now) __attribute__((warn_unused_result));
/* True when user_id signed in from addr at or after since. */
enum err users_address_known(struct db *db, int64_t user_id, const char *addr,
                             int64_t since, bool *known)
    __attribute__((warn_unused_result));

struct audit_entry {
    int64_t id;              /* audit_log.id */
    int64_t at;              /* Unix seconds */
    const char *actor;       /* login of the staff user, or "system"/"cli" */
    const char *action;      /* "create", "update", "disable", ... */
    const char *entity;      /* "user", "service", "office", "api_key" */
    const char *entity_key;  /* login, service code, office code, key id */
    const char *before_json; /* state before, or NULL */
    const char *after_json;  /* state after, or NULL */
    const char *addr;        /* client address */
};

/* Append one record. The table refuses UPDATE and DELETE. */
enum err audit_append(struct db *db, int64_t user_id, const char *actor,
                      const char *action, const char *entity,
                      const char *entity_key, const char *before_json,
                      const char *after_json, const char *addr, int64_t now)
    __attribute__((warn_unused_result));
/* The newest records first, at most limit, optionally for one entity. */
enum err audit_list(struct db *db, struct arena *a, const char *entity,
                    const char *entity_key, int limit,
                    struct audit_entry **items, size_t *n_items)
    __attribute__((warn_unused_result));

#endif
