/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* signin.c: password sign-in and its throttle (see signin.h). */
#include "svc/signin.h"

#include <pthread.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "store/db.h"
#include "store/throttle.h"

/* A hash of a random password, made once, so that an unknown user costs
 * the same hashing time as a wrong password. */
static char dummy_hash[256];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
    char pw[33];
    crypto_random_password(pw, 32);
    if (crypto_password_hash(pw, dummy_hash, sizeof(dummy_hash)) != ERR_OK)
        dummy_hash[0] = '\0';
}

enum err signin_attempt(const struct svc_ctx *c, const char *login,
                        const char *password, struct user *out,
                        enum signin_outcome *outcome)
{
    struct arena *a = c->arena;
    const char *addr = c->addr ? c->addr : "";
    const char *pair = arena_printf(a, "signin:pair:%s %s", login, addr);
    const char *by_addr = arena_printf(a, "signin:addr:%s", addr);
    const char *account = arena_printf(a, "signin:account:%s", login);
    *outcome = SIGNIN_THROTTLED;
    int64_t n_pair = 0, n_addr = 0, n_account = 0;
    /* Reserve the attempt before any hashing, in a transaction of its own
     * (its counts together or not at all): first for the pair, and only an
     * attempt the pair allows for the address, so that a burst on one pair
     * cannot use the address's reservations up (exactly SIGNIN_PAIR_MAX of
     * any burst are evaluated). */
    enum err rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = throttle_hit(c->db, pair, SIGNIN_WINDOW_S, c->now, &n_pair);
    bool pair_ok = rc == ERR_OK && n_pair <= SIGNIN_PAIR_MAX;
    if (pair_ok)
        rc = throttle_hit(c->db, by_addr, SIGNIN_WINDOW_S, c->now, &n_addr);
    if (pair_ok && rc == ERR_OK)
        rc = throttle_count(c->db, account, SIGNIN_ACCOUNT_WINDOW_S, c->now,
                            &n_account);
    rc = db_tx_end(c->db, rc);
    if (rc != ERR_OK || !pair_ok || n_addr > SIGNIN_ADDR_MAX)
        return rc;
    rc = users_get(c->db, a, login, out);
    if (rc != ERR_OK && rc != ERR_NOT_FOUND)
        return rc;
    bool exists = rc == ERR_OK;
    if (n_account >= SIGNIN_ACCOUNT_MAX) {
        /* Under attack: only the user's own addresses may try. */
        bool known = false;
        if (exists) {
            rc =
                users_address_known(c->db, out->id, addr,
                                    c->now - SIGNIN_KNOWN_DAYS * 86400, &known);
            if (rc != ERR_OK)
                return rc;
        }
        if (!known)
            return ERR_OK;
    }
    bool ok = false;
    db_snapshot_end(c->db); /* the hash takes a while and reads nothing */
    if (exists) {
        ok = crypto_password_verify(out->password_hash, password) &&
             !out->disabled;
    } else {
        pthread_once(&dummy_once, make_dummy_hash);
        crypto_password_verify(dummy_hash, password);
    }
    if (!ok) {
        *outcome = SIGNIN_WRONG;
        return throttle_hit(c->db, account, SIGNIN_ACCOUNT_WINDOW_S, c->now,
                            &n_account);
    }
    *outcome = SIGNIN_OK;
    return ERR_OK;
}

enum err signin_succeeded(const struct svc_ctx *c, const struct user *u)
{
    /* Forget the pair, give the address's reservation back. */
    struct arena *a = c->arena;
    const char *addr = c->addr ? c->addr : "";
    enum err rc = throttle_clear(
        c->db, arena_printf(a, "signin:pair:%s %s", u->login, addr));
    if (rc == ERR_OK)
        rc = throttle_refund(c->db, arena_printf(a, "signin:addr:%s", addr),
                             SIGNIN_WINDOW_S, c->now);
    if (rc == ERR_OK)
        rc = users_address_ok(c->db, u->id, addr, c->now);
    return rc;
}

enum err signin_recheck(const struct svc_ctx *c, const struct user *u,
                        const char *password, enum signin_outcome *outcome)
{
    const char *key =
        arena_printf(c->arena, "signin:recheck:%lld", (long long)u->id);
    int64_t n = 0;
    *outcome = SIGNIN_THROTTLED;
    enum err rc = throttle_hit(c->db, key, SIGNIN_WINDOW_S, c->now, &n);
    if (rc != ERR_OK || n > SIGNIN_PAIR_MAX)
        return rc;
    if (!password || !crypto_password_verify(u->password_hash, password)) {
        *outcome = SIGNIN_WRONG;
        return ERR_OK;
    }
    *outcome = SIGNIN_OK;
    return throttle_clear(c->db, key);
}

enum err signin_forget(const struct svc_ctx *c, const char *login)
{
    enum err rc = throttle_clear_prefix(
        c->db, arena_printf(c->arena, "signin:pair:%s ", login));
    if (rc == ERR_OK)
        rc = throttle_clear(c->db,
                            arena_printf(c->arena, "signin:account:%s", login));
    return rc;
}
