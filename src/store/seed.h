/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * seed.h: loading reference data into the store: region CSV files, the
 * regency's offices and service points, and the service catalogue.
 *
 * Everything is idempotent: loading twice changes nothing. Regions are
 * upserted (a renamed region takes the new name); offices and services that
 * already exist are left as they are, so an administrator's edits survive
 * an upgrade. Each load runs in one transaction: on any error nothing of it
 * is written.
 */
#ifndef SP_STORE_SEED_H
#define SP_STORE_SEED_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;

/* Reads a file named in the regency settings; NULL when missing. */
typedef const char *(*seed_loader)(void *ctx, const char *path, size_t *len);

struct seed_report {
    int64_t regions;  /* regions read */
    int64_t offices;  /* offices created */
    int64_t services; /* services created */
    int64_t holidays; /* holiday rows read */
    char error[512];  /* what went wrong, for people (when rc != ERR_OK) */
};

/*
 * Import one region CSV. The layout is found from the header: a "code"
 * column, a "name" column, optionally a parent column (any "*_code") and a
 * "type" column; the level is read from each code's shape. Rows whose
 * parent is unknown are refused. RFC 4180 quoting.
 */
enum err seed_regions_csv(struct db *db, const char *data, size_t len,
                          const char *label, struct seed_report *rep)
    __attribute__((warn_unused_result));
/*
 * Load a regency settings JSON (see data/regency.json): its region files,
 * offices (one per kecamatan and village of the regency plus its agencies),
 * service points, and catalogue, reading files through load.
 */
enum err seed_regency(struct db *db, const char *settings_json,
                      seed_loader load, void *ctx, int64_t now,
                      struct seed_report *rep)
    __attribute__((warn_unused_result));
/* Store one deployment setting (name, value). */
enum err seed_put_setting(struct db *db, const char *name, const char *value)
    __attribute__((warn_unused_result));
/* A deployment setting (arena copy), or ERR_NOT_FOUND. */
enum err seed_get_setting(struct db *db, struct arena *a, const char *name,
                          const char **value)
    __attribute__((warn_unused_result));
/*
 * The regency's UTC offset in minutes (the setting utc_offset_min that
 * init writes): ERR_NOT_FOUND when the database has none, ERR_INVALID
 * when it is not -720..840. Never a silent default.
 */
enum err seed_utc_offset(struct db *db, int *offset)
    __attribute__((warn_unused_result));
/*
 * The regency this database serves: its code (the setting regency_code;
 * ERR_NOT_FOUND before init) and its name from the regions (NULL when
 * the region is not loaded). Arena copies.
 */
enum err seed_regency_info(struct db *db, struct arena *a, const char **code,
                           const char **name)
    __attribute__((warn_unused_result));
/* Load a catalogue JSON (data/services.json layout). */
enum err seed_catalogue(struct db *db, const char *json, size_t len,
                        int64_t now, struct seed_report *rep)
    __attribute__((warn_unused_result));

#endif
