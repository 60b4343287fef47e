/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * backup.h: a consistent copy of a SQLite database while `serve` runs,
 * with SQLite's online backup API (the whole database copied in one step,
 * inside one read transaction: in WAL mode writers go on meanwhile and
 * the copy is the database as of one instant), then checked.
 *
 * The copy is a new file (an existing one is never overwritten), created
 * with mode 0600 since it holds the citizens' personal data and password
 * hashes, in rollback-journal mode so that it is one self-contained file,
 * and checked with PRAGMA integrity_check before it is reported good. On
 * any failure the new file is removed.
 */
#ifndef SP_STORE_BACKUP_H
#define SP_STORE_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;

struct backup_table {
    const char *name; /* a table of the copy */
    int64_t rows;     /* its rows */
};

struct backup_report {
    int64_t bytes;               /* size of the copy */
    int64_t pages;               /* its pages */
    struct backup_table *tables; /* every table, by name */
    size_t n_tables;             /* entries in tables */
    char integrity[256];         /* integrity_check's answer ("ok") */
    char error[512];             /* why it failed, for the user */
};

/*
 * The SQLite file path of a database URL ("sqlite:PATH", or a bare path
 * as db_open() takes it), or NULL when the URL is not SQLite's.
 */
const char *backup_sqlite_path(const char *url);

/*
 * Copy the SQLite database at src_path to the new file dst_path and check
 * it (see above). ERR_CONFLICT when dst_path exists, ERR_DB when the copy
 * fails its integrity check, ERR_IO for a file that cannot be written.
 */
enum err backup_sqlite(const char *src_path, const char *dst_path,
                       struct arena *a, struct backup_report *rep)
    __attribute__((warn_unused_result));

#endif
