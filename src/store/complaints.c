/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* complaints.c: the complaint box in the database (see complaints.h). */
#include "store/complaints.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/db.h"

enum err complaints_next_serial(struct db *db, int64_t office_id, int year,
                                int64_t *serial)
{
    char name[64];
    snprintf(name, sizeof(name), "complaint:%lld:%d", (long long)office_id,
             year);
    enum err rc = db_run(db, NULL,
                         "INSERT INTO counters (name, value) VALUES ($1, 0)"
                         " ON CONFLICT (name) DO NOTHING",
                         DV_TEXT(name));
    if (rc == ERR_OK)
        rc = db_int(db, serial,
                    "UPDATE counters SET value = value + 1 WHERE name = $1"
                    " RETURNING value",
                    DV_TEXT(name));
    return rc;
}

static struct db_val opt_int(int64_t v)
{
    return v ? DV_INT(v) : DV_NULL;
}

enum err complaints_insert(struct db *db, struct complaint *c,
                           const char *actor)
{
    enum err rc = db_int(
        db, &c->id,
        "INSERT INTO complaints (number, pin, token, office_id, category,"
        " regno, body, photo_id, identity, name, contact, address, channel,"
        " slip_date, state, received_at, deadline_at, escalated_at,"
        " escalation_reason, updated_at, version) VALUES ($1, $2, $3, $4,"
        " $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL,"
        " NULL, $18, 1) RETURNING id",
        DV_TEXT(c->number), DV_TEXT(c->pin), DV_TEXT(c->token),
        DV_INT(c->office_id), DV_TEXT(c->category), DV_TEXT(c->regno),
        DV_TEXT(c->body), opt_int(c->photo_id),
        DV_TEXT(complaint_identity_code(c->identity)), DV_TEXT(c->name),
        DV_TEXT(c->contact), DV_TEXT(c->address), DV_TEXT(c->channel),
        DV_TEXT(c->slip_date), DV_TEXT(complaint_state_code(c->state)),
        DV_INT(c->received_at), opt_int(c->deadline_at),
        DV_INT(c->updated_at ? c->updated_at : c->received_at));
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO complaint_events (complaint_id, at, actor,"
                    " action, state_after, note) VALUES ($1, $2, $3,"
                    " 'submit', $4, NULL)",
                    DV_INT(c->id),
                    DV_INT(c->updated_at ? c->updated_at : c->received_at),
                    DV_TEXT(actor), DV_TEXT(complaint_state_code(c->state)));
    c->version = 1;
    return rc;
}

/* Columns read by row(), in order. */
#define C_COLS                                                                 \
    "c.id, c.number, c.pin, c.token, c.office_id, o.code, o.name,"             \
    " c.category, c.regno, c.body, c.photo_id, c.identity, c.name,"            \
    " c.contact, c.address, c.channel, c.slip_date, c.state, c.received_at,"   \
    " c.verified_at, c.answered_at, c.reopened_at, c.closed_at,"               \
    " c.deadline_at, c.escalated_at, c.escalation_reason, c.public_answer,"    \
    " c.referred_office_id, r.name, c.updated_at, c.version,"                 \
    " COALESCE(c.verified_in_time, -1), COALESCE(c.answered_in_time, -1)"
#define C_FROM                                                                 \
    " FROM complaints c JOIN offices o ON o.id = c.office_id"                  \
    " LEFT JOIN offices r ON r.id = c.referred_office_id"

static void row(struct db_stmt *st, struct arena *a, struct complaint *c)
{
    memset(c, 0, sizeof(*c));
    int k = 0;
    c->id = db_col_int(st, k++);
    c->number = arena_strdup(a, db_col_text(st, k++));
    c->pin = arena_strdup(a, db_col_text(st, k++));
    c->token = arena_strdup(a, db_col_text(st, k++));
    c->office_id = db_col_int(st, k++);
    c->office_code = arena_strdup(a, db_col_text(st, k++));
    c->office_name = arena_strdup(a, db_col_text(st, k++));
    c->category = arena_strdup(a, db_col_text(st, k++));
    c->regno = arena_strdup(a, db_col_text(st, k++));
    c->body = arena_strdup(a, db_col_text(st, k++));
    c->photo_id = db_col_int(st, k++);
    if (!complaint_identity_parse(db_col_text(st, k++), &c->identity))
        c->identity = CID_ANONYMOUS;
    c->name = arena_strdup(a, db_col_text(st, k++));
    c->contact = arena_strdup(a, db_col_text(st, k++));
    c->address = arena_strdup(a, db_col_text(st, k++));
    c->channel = arena_strdup(a, db_col_text(st, k++));
    c->slip_date = arena_strdup(a, db_col_text(st, k++));
    if (!complaint_state_parse(db_col_text(st, k++), &c->state))
        c->state = CMP_RECEIVED;
    c->received_at = db_col_int(st, k++);
    c->verified_at = db_col_int(st, k++);
    c->answered_at = db_col_int(st, k++);
    c->reopened_at = db_col_int(st, k++);
    c->closed_at = db_col_int(st, k++);
    c->deadline_at = db_col_int(st, k++);
    c->escalated_at = db_col_int(st, k++);
    c->escalation_reason = arena_strdup(a, db_col_text(st, k++));
    c->public_answer = arena_strdup(a, db_col_text(st, k++));
    c->referred_office_id = db_col_int(st, k++);
    c->referred_office_name = arena_strdup(a, db_col_text(st, k++));
    c->updated_at = db_col_int(st, k++);
    c->version = (int)db_col_int(st, k++);
    c->verified_in_time = (int)db_col_int(st, k++);
    c->answered_in_time = (int)db_col_int(st, k++);
}

static enum err one(struct db_stmt *st, struct arena *a, struct complaint *c)
{
    bool r = false;
    enum err rc = db_step(st, &r);
    if (rc == ERR_OK && !r)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        row(st, a, c);
    db_finalize(st);
    return rc;
}

enum err complaints_get(struct db *db, struct arena *a, const char *number,
                        struct complaint *out)
{
    struct db_stmt *st = NULL;
    enum err rc =
        db_query(db, &st, "SELECT " C_COLS C_FROM " WHERE c.number = $1",
                 DV_TEXT(number));
    return rc == ERR_OK ? one(st, a, out) : rc;
}

enum err complaints_get_by_token(struct db *db, struct arena *a,
                                 const char *token, struct complaint *out)
{
    struct db_stmt *st = NULL;
    enum err rc = db_query(
        db, &st, "SELECT " C_COLS C_FROM " WHERE c.token = $1", DV_TEXT(token));
    return rc == ERR_OK ? one(st, a, out) : rc;
}

enum err complaints_events(struct db *db, struct arena *a, int64_t id,
                           struct complaint_event **items, size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    struct db_stmt *st = NULL;
    enum err rc = db_query(db, &st,
                           "SELECT at, actor, action, state_after, note FROM"
                           " complaint_events WHERE complaint_id = $1"
                           " ORDER BY id",
                           DV_INT(id));
    if (rc != ERR_OK)
        return rc;
    size_t cap = 0;
    bool r = false;
    while ((rc = db_step(st, &r)) == ERR_OK && r) {
        *items = arena_grow(a, *items, *n_items, &cap, sizeof(**items));
        struct complaint_event *e = &(*items)[(*n_items)++];
        e->at = db_col_int(st, 0);
        e->actor = arena_strdup(a, db_col_text(st, 1));
        e->action = arena_strdup(a, db_col_text(st, 2));
        if (!complaint_state_parse(db_col_text(st, 3), &e->state_after))
            e->state_after = CMP_RECEIVED;
        e->note = arena_strdup(a, db_col_text(st, 4));
    }
    db_finalize(st);
    return rc;
}

enum err complaints_apply(struct db *db, const struct complaint *c,
                          int expected, const struct complaint_event *ev)
{
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE complaints SET state = $1, verified_at = $2,"
               " answered_at = $3, reopened_at = $4, closed_at = $5,"
               " deadline_at = $6, public_answer = $7, referred_office_id = $8,"
               " updated_at = $9, verified_in_time = $12, answered_in_time ="
               " $13, version = version + 1 WHERE id = $10 AND"
               " version = $11",
               DV_TEXT(complaint_state_code(c->state)), opt_int(c->verified_at),
               opt_int(c->answered_at), opt_int(c->reopened_at),
               opt_int(c->closed_at), opt_int(c->deadline_at),
               DV_TEXT(c->public_answer), opt_int(c->referred_office_id),
               DV_INT(ev->at), DV_INT(c->id), DV_INT(expected),
               c->verified_in_time >= 0 ? DV_INT(c->verified_in_time) : DV_NULL,
               c->answered_in_time >= 0 ? DV_INT(c->answered_in_time)
                                        : DV_NULL);
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO complaint_events (complaint_id, at, actor,"
                    " action, state_after, note) VALUES ($1, $2, $3, $4, $5,"
                    " $6)",
                    DV_INT(c->id), DV_INT(ev->at), DV_TEXT(ev->actor),
                    DV_TEXT(ev->action),
                    DV_TEXT(complaint_state_code(ev->state_after)),
                    DV_TEXT(ev->note));
    return rc;
}

enum err complaints_list(struct db *db, struct arena *a,
                         const struct complaint_filter *f,
                         struct complaint **items, size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    /* A list of numbers is matched as a ,-joined text: no SQL built. */
    char *numbers = NULL;
    if (f->numbers && f->n_numbers) {
        size_t len = 2;
        for (size_t i = 0; i < f->n_numbers; i++)
            len += strlen(f->numbers[i]) + 1;
        numbers = arena_alloc(a, len + 1);
        strcpy(numbers, ",");
        for (size_t i = 0; i < f->n_numbers; i++) {
            strcat(numbers, f->numbers[i]);
            strcat(numbers, ",");
        }
    }
    const char *state =
        f->state >= 0 ? complaint_state_code((enum complaint_state)f->state)
                      : NULL;
    struct db_stmt *st = NULL;
    enum err rc = db_query(
        db, &st,
        f->newest_first
            ? "SELECT " C_COLS C_FROM
              " WHERE ($1 = 0 OR c.office_id = $1 OR c.referred_office_id ="
              " $1) AND ($2 = 0 OR c.state NOT IN ('closed', 'rejected'))"
              " AND ($3 = 0 OR c.escalated_at IS NOT NULL)"
              " AND (CAST($4 AS TEXT) IS NULL OR c.category = $4)"
              " AND (CAST($5 AS TEXT) IS NULL OR c.state = $5)"
              " AND (CAST($6 AS TEXT) IS NULL OR"
              "  $6 LIKE '%,' || c.number || ',%')"
              " AND ($7 = 0 OR c.received_at >= $7)"
              " AND ($8 = 0 OR c.received_at < $8)"
              " ORDER BY c.received_at DESC, c.id DESC LIMIT $9"
            : "SELECT " C_COLS C_FROM
              " WHERE ($1 = 0 OR c.office_id = $1 OR c.referred_office_id ="
              " $1) AND ($2 = 0 OR c.state NOT IN ('closed', 'rejected'))"
              " AND ($3 = 0 OR c.escalated_at IS NOT NULL)"
              " AND (CAST($4 AS TEXT) IS NULL OR c.category = $4)"
              " AND (CAST($5 AS TEXT) IS NULL OR c.state = $5)"
              " AND (CAST($6 AS TEXT) IS NULL OR"
              "  $6 LIKE '%,' || c.number || ',%')"
              " AND ($7 = 0 OR c.received_at >= $7)"
              " AND ($8 = 0 OR c.received_at < $8)"
              " ORDER BY c.deadline_at IS NULL, c.deadline_at, c.id LIMIT $9",
        DV_INT(f->office_id), DV_INT(f->open_only), DV_INT(f->escalated_only),
        DV_TEXT(f->category), DV_TEXT(state), DV_TEXT(numbers), DV_INT(f->from),
        DV_INT(f->to),
        DV_INT(f->limit > 0 && f->limit <= 1000 ? f->limit : 1000));
    if (rc != ERR_OK)
        return rc;
    size_t cap = 0;
    bool r = false;
    while ((rc = db_step(st, &r)) == ERR_OK && r) {
        *items = arena_grow(a, *items, *n_items, &cap, sizeof(**items));
        row(st, a, &(*items)[(*n_items)++]);
    }
    db_finalize(st);
    return rc;
}

enum err complaints_escalate(struct db *db, int64_t now, int64_t *count)
{
    *count = 0;
    enum err rc = db_begin(db);
    /* The events first, for exactly the rows the UPDATE below takes: the
     * transaction holds the write lock (SQLite) / row locks (PostgreSQL
     * re-checks escalated_at IS NULL after waiting), so two instances
     * never both escalate one complaint. */
    if (rc == ERR_OK)
        rc = db_run(
            db, NULL,
            "INSERT INTO complaint_events (complaint_id, at, actor, action,"
            " state_after, note) SELECT id, $1, 'system', 'escalate', state,"
            " CASE WHEN state = 'received' THEN"
            " 'Belum diverifikasi dalam 3 hari kerja / not verified within"
            " 3 working days' ELSE 'Belum dijawab dalam 5 hari kerja / not"
            " answered within 5 working days' END FROM complaints WHERE"
            " escalated_at IS NULL AND deadline_at < $1 AND state IN"
            " ('received', 'verified', 'referred', 'reopened')",
            DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(
            db, count,
            "UPDATE complaints SET escalated_at = $1, escalation_reason ="
            " CASE WHEN state = 'received' THEN 'verification_overdue' ELSE"
            " 'answer_overdue' END, updated_at = $1 WHERE escalated_at IS"
            " NULL AND deadline_at < $1 AND state IN ('received',"
            " 'verified', 'referred', 'reopened')",
            DV_INT(now));
    if (rc == ERR_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

enum err complaints_autoclose(struct db *db, int64_t now, int64_t *count)
{
    *count = 0;
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO complaint_events (complaint_id, at, actor,"
                    " action, state_after, note) SELECT id, $1, 'system',"
                    " 'close', 'closed', NULL FROM complaints WHERE state ="
                    " 'answered' AND deadline_at < $1",
                    DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(db, count,
                    "UPDATE complaints SET state = 'closed', closed_at = $1,"
                    " deadline_at = NULL, updated_at = $1,"
                    " version = version + 1 WHERE state = 'answered' AND"
                    " deadline_at < $1",
                    DV_INT(now));
    if (rc == ERR_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

enum err complaint_categories(struct db *db, struct arena *a,
                              struct complaint_category **items,
                              size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    struct db_stmt *st = NULL;
    enum err rc = db_query(db, &st,
                           "SELECT code, name_id, name_en FROM"
                           " complaint_categories WHERE active = $1"
                           " ORDER BY ord, code",
                           DV_INT(1));
    if (rc != ERR_OK)
        return rc;
    size_t cap = 0;
    bool r = false;
    while ((rc = db_step(st, &r)) == ERR_OK && r) {
        *items = arena_grow(a, *items, *n_items, &cap, sizeof(**items));
        struct complaint_category *c = &(*items)[(*n_items)++];
        c->code = arena_strdup(a, db_col_text(st, 0));
        c->name.id = arena_strdup(a, db_col_text(st, 1));
        c->name.en = arena_strdup(a, db_col_text(st, 2));
    }
    db_finalize(st);
    return rc;
}

enum err complaint_category_put(struct db *db, const char *code,
                                const char *name_id, const char *name_en,
                                int ord)
{
    return db_run(db, NULL,
                  "INSERT INTO complaint_categories (code, name_id, name_en,"
                  " ord) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE"
                  " SET name_id = excluded.name_id, name_en = excluded.name_en,"
                  " ord = excluded.ord, active = 1",
                  DV_TEXT(code), DV_TEXT(name_id), DV_TEXT(name_en),
                  DV_INT(ord));
}

enum err photos_put(struct db *db, const char *mime, const void *data,
                    size_t len, int64_t now, int64_t *id)
{
    size_t b64len =
        sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(b64len);
    sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
    enum err rc = db_int(db, id,
                         "INSERT INTO photos (mime, data_b64, bytes,"
                         " created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                         DV_TEXT(mime), DV_TEXT(b64), DV_INT(len), DV_INT(now));
    free(b64);
    return rc;
}

enum err photos_get(struct db *db, struct arena *a, int64_t id,
                    const char **mime, unsigned char **data, size_t *len)
{
    struct db_stmt *st = NULL;
    enum err rc = db_query(db, &st,
                           "SELECT mime, data_b64, bytes FROM photos"
                           " WHERE id = $1",
                           DV_INT(id));
    if (rc != ERR_OK)
        return rc;
    bool r = false;
    rc = db_step(st, &r);
    if (rc == ERR_OK && !r)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK) {
        *mime = arena_strdup(a, db_col_text(st, 0));
        const char *b64 = db_col_text(st, 1);
        size_t cap = (size_t)db_col_int(st, 2) + 4;
        *data = arena_alloc(a, cap);
        if (sodium_base642bin(*data, cap, b64, strlen(b64), NULL, len, NULL,
                              sodium_base64_VARIANT_ORIGINAL) != 0)
            rc = ERR_DB;
    }
    db_finalize(st);
    return rc;
}

enum err complaint_category_known(struct db *db, const char *code, bool *known)
{
    int64_t n = 0;
    enum err rc = db_int(db, &n,
                         "SELECT COUNT(*) FROM complaint_categories WHERE"
                         " code = $1 AND active = 1",
                         DV_TEXT(code));
    *known = n > 0;
    return rc;
}

enum err complaint_category_remove(struct db *db, const char *code)
{
    return db_run(db, NULL,
                  "UPDATE complaint_categories SET active = 0 WHERE code = $1",
                  DV_TEXT(code));
}

enum err complaints_photo_scope(struct db *db, int64_t photo_id,
                                int64_t *office_id, int64_t *referred_id)
{
    enum err rc = db_int(db, office_id,
                         "SELECT office_id FROM complaints WHERE photo_id = $1",
                         DV_INT(photo_id));
    if (rc == ERR_OK)
        rc = db_int(db, referred_id,
                    "SELECT COALESCE(referred_office_id, 0) FROM complaints"
                    " WHERE photo_id = $1",
                    DV_INT(photo_id));
    return rc;
}

static void measures_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct complaint_measures *m = out;
    m->key = db_col_int(st, 0);
    m->received = db_col_int(st, 1);
    m->verified_in_time = db_col_int(st, 2);
    m->answered_in_time = db_col_int(st, 3);
    m->escalated = db_col_int(st, 4);
}

#define MEASURES_COLS                                                          \
    "COUNT(*), SUM(CASE WHEN c.verified_in_time = 1 THEN 1 ELSE 0 END),"       \
    " SUM(CASE WHEN c.answered_in_time = 1 THEN 1 ELSE 0 END),"                \
    " SUM(CASE WHEN c.escalated_at IS NOT NULL THEN 1 ELSE 0 END)"
#define MEASURES_WHERE                                                         \
    " FROM complaints c JOIN offices o ON o.id = c.office_id"                  \
    " WHERE ($1 = 0 OR c.office_id = $1)"                                      \
    " AND (CAST($2 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $2)"

enum err complaints_measures(struct db *db, struct arena *a, int64_t office_id,
                             const char *district, int64_t from_at,
                             int64_t to_at, bool by_office,
                             struct complaint_measures **rows, size_t *n_rows)
{
    struct db_rows r;
    enum err rc =
        by_office
            ? db_get_list(db, a, measures_row,
                          sizeof(struct complaint_measures), &r,
                          "SELECT c.office_id, " MEASURES_COLS MEASURES_WHERE
                          " AND c.received_at >= $3 AND c.received_at < $4"
                          " GROUP BY c.office_id",
                          DV_INT(office_id), DV_TEXT(district), DV_INT(from_at),
                          DV_INT(to_at))
            : db_get_list(db, a, measures_row,
                          sizeof(struct complaint_measures), &r,
                          "SELECT 0, " MEASURES_COLS MEASURES_WHERE
                          " AND c.received_at >= $3 AND c.received_at < $4",
                          DV_INT(office_id), DV_TEXT(district), DV_INT(from_at),
                          DV_INT(to_at));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

enum err complaints_open_now(struct db *db, struct arena *a, int64_t office_id,
                             const char *district, bool by_office,
                             struct complaint_measures **rows, size_t *n_rows)
{
    struct db_rows r;
    enum err rc =
        by_office
            ? db_get_list(db, a, measures_row,
                          sizeof(struct complaint_measures), &r,
                          "SELECT c.office_id, COUNT(*), 0, 0, 0" MEASURES_WHERE
                          " AND c.state NOT IN ('closed', 'rejected')"
                          " GROUP BY c.office_id",
                          DV_INT(office_id), DV_TEXT(district))
            : db_get_list(db, a, measures_row,
                          sizeof(struct complaint_measures), &r,
                          "SELECT 0, COUNT(*), 0, 0, 0" MEASURES_WHERE
                          " AND c.state NOT IN ('closed', 'rejected')",
                          DV_INT(office_id), DV_TEXT(district));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}
