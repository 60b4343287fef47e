/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* devices.c: checking a kiosk's credential (see devices.h). */
#include "svc/devices.h"

#include <string.h>

#include "svc/guard.h"

enum err device_check(const struct svc_ctx *c, const char *token,
                      struct device *out, enum device_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = DEVICE_NONE;
    if (!token || !*token)
        return ERR_OK;
    enum err rc = devices_lookup(c->db, c->arena, token, c->now, out);
    if (rc == ERR_OK) {
        *outcome = out->revoked_at ? DEVICE_REVOKED : DEVICE_OK;
        return ERR_OK;
    }
    if (rc != ERR_NOT_FOUND)
        return rc;
    /* Credentials are 256 random bits; an address that keeps sending wrong
     * ones is told to stop all the same. */
    bool blocked = false;
    rc = guard_failed(c, NULL);
    if (rc == ERR_OK)
        rc = guard_addr_blocked(c, &blocked);
    *outcome = blocked ? DEVICE_THROTTLED : DEVICE_UNKNOWN;
    return rc;
}
