/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * devices.h: enrolled kiosk devices. A head of office or an administrator
 * enrols a tablet (the survey kiosk at the exit, the complaint kiosk, the
 * queue's ticket kiosk) for one office; the tablet keeps a long random
 * credential in a cookie, of which only the SHA-256 is stored. The office
 * is the device's, never the page's: a kiosk cannot be moved to another
 * office from the tablet. Revoking ends it at once.
 */
#ifndef SP_STORE_DEVICES_H
#define SP_STORE_DEVICES_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;

#define DEVICE_TOKEN_HEX 64 /* 32 random bytes */

struct device {
    int64_t id;              /* devices.id */
    int64_t office_id;       /* the office it serves */
    const char *office_code; /* and its code */
    const char *office_name; /* and name */
    const char *label;       /* "Tablet pintu keluar" */
    int64_t created_at;      /* Unix seconds */
    const char *created_by;  /* login of the enrolling user, or NULL */
    int64_t revoked_at;      /* 0 while active */
    int64_t last_seen_at;    /* 0 if never used */
};

/*
 * Enrol a device for office_id; the credential (64 hex characters) is
 * written to token_out and given to the device once; *id is the new row.
 */
enum err devices_create(struct db *db, int64_t office_id, const char *label,
                        int64_t user_id, int64_t now,
                        char token_out[DEVICE_TOKEN_HEX + 1], int64_t *id)
    __attribute__((warn_unused_result));
/*
 * The device holding token (out->revoked_at set when it was revoked);
 * ERR_NOT_FOUND for an unknown or malformed one. Notes the use of an active
 * one (at most once a minute).
 */
enum err devices_lookup(struct db *db, struct arena *a, const char *token,
                        int64_t now, struct device *out)
    __attribute__((warn_unused_result));
enum err devices_get(struct db *db, struct arena *a, int64_t id,
                     struct device *out) __attribute__((warn_unused_result));
/* Devices of office_id (0: every office), newest first. */
enum err devices_list(struct db *db, struct arena *a, int64_t office_id,
                      struct device **items, size_t *n_items)
    __attribute__((warn_unused_result));
/* Revoke; ERR_NOT_FOUND when unknown or already revoked. */
enum err devices_revoke(struct db *db, int64_t id, int64_t now)
    __attribute__((warn_unused_result));

#endif
