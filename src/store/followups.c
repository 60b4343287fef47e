/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* followups.c: what an office must answer (see followups.h). */
#include "store/followups.h"

#include <string.h>

#include "base/arena.h"
#include "store/db.h"

/* The event on the thing a follow-up is about (the complaint's history),
 * in the caller's transaction. */
static enum err ref_event(struct db *db, int64_t followup_id, int64_t at,
                          const char *actor, const char *action,
                          const char *note)
{
    return db_run(db, NULL,
                  "INSERT INTO complaint_events (complaint_id, at, actor,"
                  " action, state_after, note) SELECT c.id, $1, $2, $3,"
                  " c.state, $4 FROM followups f JOIN complaints c ON c.id ="
                  " f.ref_id WHERE f.id = $5 AND f.kind = 'instruction'",
                  DV_INT(at), DV_TEXT(actor), DV_TEXT(action), DV_TEXT(note),
                  DV_INT(followup_id));
}

enum err followups_create(struct db *db, struct followup *f, int64_t created_by)
{
    enum err rc =
        db_int(db, &f->id,
               "INSERT INTO followups (kind, ref_id, office_id, text,"
               " created_at, created_by, actor, due_days, due_at) VALUES"
               " ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
               DV_TEXT(f->kind), DV_INT(f->ref_id), DV_INT(f->office_id),
               DV_TEXT(f->text), DV_INT(f->created_at),
               created_by ? DV_INT(created_by) : DV_NULL, DV_TEXT(f->actor),
               DV_INT(f->due_days), DV_INT(f->due_at));
    if (rc == ERR_OK)
        rc = ref_event(db, f->id, f->created_at, f->actor, "instruct", f->text);
    return rc;
}

#define F_COLS                                                                 \
    "f.id, f.kind, f.ref_id, c.number, f.office_id, o.code, o.name, f.text,"   \
    " f.created_at, f.actor, f.due_days, f.due_at, f.acknowledged_at,"         \
    " f.acknowledged_by, f.answered_at, f.answered_by, f.answer, f.version"
#define F_FROM                                                                 \
    " FROM followups f JOIN offices o ON o.id = f.office_id"                   \
    " LEFT JOIN complaints c ON f.kind = 'instruction' AND c.id = f.ref_id"

static void f_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct followup *f = out;
    int k = 0;
    f->id = db_col_int(st, k++);
    f->kind = arena_strdup(a, db_col_text(st, k++));
    f->ref_id = db_col_int(st, k++);
    f->ref_number = arena_strdup(a, db_col_text(st, k++));
    f->office_id = db_col_int(st, k++);
    f->office_code = arena_strdup(a, db_col_text(st, k++));
    f->office_name = arena_strdup(a, db_col_text(st, k++));
    f->text = arena_strdup(a, db_col_text(st, k++));
    f->created_at = db_col_int(st, k++);
    f->actor = arena_strdup(a, db_col_text(st, k++));
    f->due_days = (int)db_col_int(st, k++);
    f->due_at = db_col_int(st, k++);
    f->acknowledged_at = db_col_int(st, k++);
    f->acknowledged_by = arena_strdup(a, db_col_text(st, k++));
    f->answered_at = db_col_int(st, k++);
    f->answered_by = arena_strdup(a, db_col_text(st, k++));
    f->answer = arena_strdup(a, db_col_text(st, k++));
    f->version = (int)db_col_int(st, k++);
}

enum err followups_get(struct db *db, struct arena *a, int64_t id,
                       struct followup *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, f_row, out,
                      "SELECT " F_COLS F_FROM " WHERE f.id = $1", DV_INT(id));
}

enum err followups_of(struct db *db, struct arena *a, const char *kind,
                      int64_t ref_id, struct followup **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, f_row, sizeof(struct followup), &r,
                              "SELECT " F_COLS F_FROM
                              " WHERE f.kind = $1 AND f.ref_id = $2"
                              " ORDER BY f.id DESC",
                              DV_TEXT(kind), DV_INT(ref_id));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err followups_for_office(struct db *db, struct arena *a, int64_t office_id,
                              bool open_only, struct followup **items,
                              size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, f_row, sizeof(struct followup), &r,
        "SELECT " F_COLS F_FROM
        " WHERE ($1 = 0 OR f.office_id = $1) AND ($2 = 0 OR f.answered_at IS"
        " NULL) ORDER BY CASE WHEN f.answered_at IS NULL THEN 0 ELSE 1 END,"
        " f.due_at, f.id DESC LIMIT 500",
        DV_INT(office_id), DV_INT(open_only ? 1 : 0));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err followups_acknowledge(struct db *db, int64_t id, int expected,
                               const char *by, int64_t now)
{
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE followups SET acknowledged_at = $1,"
               " acknowledged_by = $2, version = version + 1 WHERE"
               " id = $3 AND version = $4 AND acknowledged_at IS"
               " NULL",
               DV_INT(now), DV_TEXT(by), DV_INT(id), DV_INT(expected));
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = ref_event(db, id, now, by, "followup_ack", NULL);
    return rc;
}

enum err followups_answer(struct db *db, int64_t id, int expected,
                          const char *by, const char *answer, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE followups SET answered_at = $1, answered_by ="
                         " $2, answer = $3, acknowledged_at ="
                         " COALESCE(acknowledged_at, $1), acknowledged_by ="
                         " COALESCE(acknowledged_by, $2), version = version"
                         " + 1 WHERE id = $4 AND version = $5 AND answered_at"
                         " IS NULL",
                         DV_INT(now), DV_TEXT(by), DV_TEXT(answer), DV_INT(id),
                         DV_INT(expected));
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = ref_event(db, id, now, by, "followup_answer", answer);
    return rc;
}

enum err followups_of_escalated(struct db *db, struct arena *a,
                                struct followup **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, f_row, sizeof(struct followup), &r,
        "SELECT " F_COLS F_FROM
        " WHERE f.kind = 'instruction' AND c.escalated_at IS NOT NULL AND"
        " c.state NOT IN ('closed', 'rejected') ORDER BY f.ref_id, f.id DESC");
    *items = r.items;
    *n = r.n;
    return rc;
}
