/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * migrate.h: versioned schema migrations for both drivers.
 *
 * Each migration is one SQL text shared by both dialects, in which @ID@
 * stands for the auto-increment primary key column type, plus optional
 * driver-specific SQL (triggers differ). Applied in order inside one
 * transaction each; the versions applied are kept in schema_migrations.
 * On PostgreSQL an advisory lock serialises instances that start at once.
 */
#ifndef SP_STORE_MIGRATE_H
#define SP_STORE_MIGRATE_H

#include "base/err.h"

struct db;

/* Bring the schema to the newest version. *applied = migrations run. */
enum err migrate_up(struct db *db, int *applied)
    __attribute__((warn_unused_result));
/*
 * Apply the migrations up to version target only (a staged upgrade, or a
 * database of an older release made for a test). ERR_INVALID, with
 * nothing applied, when the schema is newer than this program knows.
 */
enum err migrate_up_to(struct db *db, int target, int *applied)
    __attribute__((warn_unused_result));
/* The newest version this program knows, and the database's. */
int migrate_latest(void);
enum err migrate_current(struct db *db, int *version)
    __attribute__((warn_unused_result));

#endif
