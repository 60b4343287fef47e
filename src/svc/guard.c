/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* guard.c: counting failed secret checks (see guard.h). */
#include "svc/guard.h"

#include "base/arena.h"
#include "store/throttle.h"

static const char *addr_key(const struct svc_ctx *c)
{
    return arena_printf(c->arena, "secret:addr:%s", c->addr ? c->addr : "");
}

static const char *number_key(const struct svc_ctx *c, const char *number)
{
    return arena_printf(c->arena, "secret:no:%s", number);
}

enum err guard_addr_blocked(const struct svc_ctx *c, bool *blocked)
{
    int64_t n = 0;
    enum err rc =
        throttle_count(c->db, addr_key(c), GUARD_ADDR_WINDOW_S, c->now, &n);
    *blocked = rc == ERR_OK && n >= GUARD_ADDR_MAX;
    return rc;
}

enum err guard_number_guarded(const struct svc_ctx *c, const char *number,
                              bool *guarded)
{
    int64_t n = 0;
    enum err rc = throttle_count(c->db, number_key(c, number),
                                 GUARD_NUMBER_WINDOW_S, c->now, &n);
    *guarded = rc == ERR_OK && n >= GUARD_NUMBER_MAX;
    return rc;
}

enum err guard_check(const struct svc_ctx *c, const char *number, bool *blocked,
                     bool *guarded)
{
    int64_t na = 0, nn = 0;
    enum err rc = throttle_count2(c->db, addr_key(c), GUARD_ADDR_WINDOW_S,
                                  number_key(c, number), GUARD_NUMBER_WINDOW_S,
                                  c->now, &na, &nn);
    *blocked = rc == ERR_OK && na >= GUARD_ADDR_MAX;
    *guarded = rc == ERR_OK && nn >= GUARD_NUMBER_MAX;
    return rc;
}

enum err guard_failed(const struct svc_ctx *c, const char *number)
{
    int64_t n = 0;
    enum err rc =
        throttle_hit(c->db, addr_key(c), GUARD_ADDR_WINDOW_S, c->now, &n);
    if (rc == ERR_OK && number)
        rc = throttle_hit(c->db, number_key(c, number), GUARD_NUMBER_WINDOW_S,
                          c->now, &n);
    return rc;
}
