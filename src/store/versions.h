/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * versions.h: the versions of the data the server caches (migration 11,
 * table data_versions). Triggers on both drivers raise them on every change
 * of the tables they cover, whoever writes (another instance, the CLI):
 *
 *   catalogue  regions, offices, categories, services and every table of a
 *              service standard: the public catalogue, the office
 *              directory, the office and service rows the store caches
 *   calendar   holidays, calendar_years, office_closures, offices: the
 *              working calendars of offices
 *
 * A cache keeps what it made together with the version it read just
 * before making it, and uses it only while that is still the version
 * read: a change made anywhere shows at the next request. A read-only
 * request (db_request_begin(db, true)) reads it once (remembered until the
 * next transaction boundary or the end of the request); everything else
 * reads it at every use.
 * Nothing is put into a cache inside a write transaction (db_in_tx()):
 * what the transaction sees may yet be rolled back.
 */
#ifndef SP_STORE_VERSIONS_H
#define SP_STORE_VERSIONS_H

#include <stdint.h>

#include "base/err.h"

struct db;

enum data_kind { DATA_CATALOGUE, DATA_CALENDAR };

/* The current version of kind's data (ERR_DB and kin on failure). */
enum err data_version(struct db *db, enum data_kind kind, int64_t *version)
    __attribute__((warn_unused_result));

#endif
