/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * copy.h: move a whole installation from one database to another
 * (SQLite to PostgreSQL when a regency outgrows one machine, and back),
 * the way `satupintu copy` does it:
 *
 *   1. the source must be at this program's schema version; the target
 *      is brought to it (migrations) and must hold nothing but what the
 *      migrations themselves insert (compared with a fresh in-memory
 *      database): a target with any data of its own is refused;
 *   2. the source is read in one snapshot (store/tables.h), the tables
 *      in dependency order, found from the databases' own catalogues;
 *   3. everything is written to the target in ONE transaction, with its
 *      triggers switched off for the copy (the append-only guards, and
 *      the counters triggers keep: their rows are copied as they are),
 *      the migrations' own rows replaced by the source's;
 *   4. PostgreSQL identity sequences are set past the highest id, so the
 *      next row, application or registration gets the next number (the
 *      registration serials are rows of `counters`, copied);
 *   5. every table is read back inside the transaction and its row count
 *      and checksum compared with the source's; only when all match is
 *      the transaction committed.
 */
#ifndef SP_STORE_COPY_H
#define SP_STORE_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;

struct copy_table {
    const char *name;    /* the table */
    int64_t rows;        /* rows read from the source */
    uint64_t sum;        /* their checksum (store/tables.h) */
    int64_t target_rows; /* rows read back from the target */
    uint64_t target_sum; /* their checksum */
};

struct copy_report {
    struct copy_table *tables; /* in the order copied */
    size_t n;                  /* entries in tables */
    int64_t rows;              /* rows copied in all */
    int schema;                /* the schema version of both */
    char error[512];           /* why it failed, for the user */
};

/*
 * Copy every table of from into to, as described above. On any failure
 * nothing is left written in the target (beyond its migrations) and
 * rep->error says why: ERR_CONFLICT for a target that is not empty,
 * ERR_INVALID for a schema mismatch, ERR_DB when a check failed.
 */
enum err copy_database(struct db *from, struct db *to, struct arena *a,
                       struct copy_report *rep)
    __attribute__((warn_unused_result));

#endif
