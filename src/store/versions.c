/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* versions.c: the versions of cached data (see versions.h). */
#include "store/versions.h"

#include <stdbool.h>

#include "store/db.h"

static void versions_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    int64_t *v = out;
    v[0] = db_col_int(st, 0);
    v[1] = db_col_int(st, 1);
}

enum err data_version(struct db *db, enum data_kind kind, int64_t *version)
{
    /* Remembered only through a read-only request (one snapshot on
     * SQLite); read every time otherwise, so that a write is seen. */
    if (!db->versions_known || !db->read_only_request) {
        int64_t v[2] = {0, 0};
        enum err rc = db_get_one(db, NULL, versions_row, v,
                                 "SELECT catalogue, calendar FROM"
                                 " data_versions WHERE id = $1",
                                 DV_INT(1));
        if (rc != ERR_OK)
            return rc;
        db->versions[0] = v[0];
        db->versions[1] = v[1];
        db->versions_known = true;
    }
    *version = db->versions[kind == DATA_CALENDAR ? 1 : 0];
    return ERR_OK;
}
