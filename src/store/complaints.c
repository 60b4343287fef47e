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
    " c.referred_office_id, r.name, c.updated_at, c.version,"                  \
    " COALESCE(c.verified_in_time, -1), COALESCE(c.answered_in_time, -1)"
#define C_FROM                                                                 \
    " FROM complaints c JOIN offices o ON o.id = c.office_id"                  \
    " LEFT JOIN offices r ON r.id = c.referred_office_id"

static void row(struct db_stmt *st, struct arena *a, void *out)
{
    struct complaint *c = out;
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

enum err complaints_get(struct db *db, struct arena *a, const char *number,
                        struct complaint *out)
{
    return db_get_one(db, a, row, out,
                      "SELECT " C_COLS C_FROM " WHERE c.number = $1",
                      DV_TEXT(number));
}

enum err complaints_get_by_token(struct db *db, struct arena *a,
                                 const char *token, struct complaint *out)
{
    return db_get_one(db, a, row, out,
                      "SELECT " C_COLS C_FROM " WHERE c.token = $1",
                      DV_TEXT(token));
}

static void event_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct complaint_event *e = out;
    e->at = db_col_int(st, 0);
    e->actor = arena_strdup(a, db_col_text(st, 1));
    e->action = arena_strdup(a, db_col_text(st, 2));
    if (!complaint_state_parse(db_col_text(st, 3), &e->state_after))
        e->state_after = CMP_RECEIVED;
    e->note = arena_strdup(a, db_col_text(st, 4));
}

enum err complaints_events(struct db *db, struct arena *a, int64_t id,
                           struct complaint_event **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, event_row, sizeof(**items), &r,
                              "SELECT at, actor, action, state_after, note"
                              " FROM complaint_events WHERE complaint_id = $1"
                              " ORDER BY id",
                              DV_INT(id));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err complaints_apply(struct db *db, const struct complaint *c,
                          int expected, const struct complaint_event *ev)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "UPDATE complaints SET state = $1, verified_at = $2,"
        " answered_at = $3, reopened_at = $4, closed_at = $5,"
        " deadline_at = $6, public_answer = $7, referred_office_id = $8,"
        " updated_at = $9, verified_in_time = $12, answered_in_time ="
        " $13, version = version + 1 WHERE id = $10 AND"
        " version = $11",
        DV_TEXT(complaint_state_code(c->state)), opt_int(c->verified_at),
        opt_int(c->answered_at), opt_int(c->reopened_at), opt_int(c->closed_at),
        opt_int(c->deadline_at), DV_TEXT(c->public_answer),
        opt_int(c->referred_office_id), DV_INT(ev->at), DV_INT(c->id),
        DV_INT(expected),
        c->verified_in_time >= 0 ? DV_INT(c->verified_in_time) : DV_NULL,
        c->answered_in_time >= 0 ? DV_INT(c->answered_in_time) : DV_NULL);
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

/*
 * complaints_list()'s one query. $1..$11 are the scalar filters; the
 * numbers are bound to $12..$111 and the categories to $112..$191, the
 * unused ones NULL (which IN never matches), the first NULL meaning "no
 * such filter". The order is chosen by $9: newest first, or by deadline
 * (the CASE keys are all NULL, so equal, when $9 is 0).
 */
#define LIST_NUMBERS_FIRST 12
#define LIST_CATEGORIES_FIRST (LIST_NUMBERS_FIRST + COMPLAINT_LIST_NUMBERS)
#define LIST_VALS (LIST_CATEGORIES_FIRST + COMPLAINT_LIST_CATEGORIES - 1)
static const char list_sql[] =
    "SELECT " C_COLS C_FROM
    " WHERE ($1 = 0 OR c.office_id = $1 OR c.referred_office_id = $1)"
    " AND ($2 = 0 OR c.state NOT IN ('closed', 'rejected'))"
    " AND ($3 = 0 OR c.state IN ('closed', 'rejected'))"
    " AND ($4 = 0 OR c.escalated_at IS NOT NULL)"
    " AND (CAST($5 AS TEXT) IS NULL OR c.state = $5)"
    " AND ($6 = 0 OR c.received_at >= $6)"
    " AND ($7 = 0 OR c.received_at < $7)"
    " AND ($11 = 0 OR c.received_at < $10"
    "  OR (c.received_at = $10 AND c.id < $11))"
    " AND (CAST($12 AS TEXT) IS NULL OR c.number IN ("
    " $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,"
    " $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35,"
    " $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47,"
    " $48, $49, $50, $51, $52, $53, $54, $55, $56, $57, $58, $59,"
    " $60, $61, $62, $63, $64, $65, $66, $67, $68, $69, $70, $71,"
    " $72, $73, $74, $75, $76, $77, $78, $79, $80, $81, $82, $83,"
    " $84, $85, $86, $87, $88, $89, $90, $91, $92, $93, $94, $95,"
    " $96, $97, $98, $99, $100, $101, $102, $103, $104, $105, $106,"
    " $107, $108, $109, $110, $111))"
    " AND (CAST($112 AS TEXT) IS NULL OR c.category IN ("
    " $112, $113, $114, $115, $116, $117, $118, $119, $120, $121,"
    " $122, $123, $124, $125, $126, $127, $128, $129, $130, $131,"
    " $132, $133, $134, $135, $136, $137, $138, $139, $140, $141,"
    " $142, $143, $144, $145, $146, $147, $148, $149, $150, $151,"
    " $152, $153, $154, $155, $156, $157, $158, $159, $160, $161,"
    " $162, $163, $164, $165, $166, $167, $168, $169, $170, $171,"
    " $172, $173, $174, $175, $176, $177, $178, $179, $180, $181,"
    " $182, $183, $184, $185, $186, $187, $188, $189, $190, $191))"
    " ORDER BY CASE WHEN $9 = 1 THEN c.received_at END DESC,"
    " CASE WHEN $9 = 1 THEN c.id END DESC,"
    " c.deadline_at IS NULL, c.deadline_at, c.id LIMIT $8";

enum err complaints_list(struct db *db, struct arena *a,
                         const struct complaint_filter *f,
                         struct complaint **items, size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    size_t n_numbers = f->numbers ? f->n_numbers : 0;
    size_t n_categories = f->categories ? f->n_categories : 0;
    if (n_numbers > COMPLAINT_LIST_NUMBERS ||
        n_categories > COMPLAINT_LIST_CATEGORIES)
        return ERR_INVALID;
    const char *state =
        f->state >= 0 ? complaint_state_code((enum complaint_state)f->state)
                      : NULL;
    struct db_val v[LIST_VALS];
    for (size_t i = 0; i < LIST_VALS; i++)
        v[i] = DV_NULL;
    v[0] = DV_INT(f->office_id);
    v[1] = DV_INT(f->open_only);
    v[2] = DV_INT(f->closed_only);
    v[3] = DV_INT(f->escalated_only);
    v[4] = DV_TEXT(state);
    v[5] = DV_INT(f->from);
    v[6] = DV_INT(f->to);
    v[7] = DV_INT(f->limit > 0 && f->limit <= 1000 ? f->limit : 1000);
    v[8] = DV_INT(f->newest_first);
    v[9] = DV_INT(f->after_at);
    v[10] = DV_INT(f->newest_first ? f->after_id : 0);
    for (size_t i = 0; i < n_numbers; i++)
        v[LIST_NUMBERS_FIRST - 1 + i] = DV_TEXT(f->numbers[i]);
    for (size_t i = 0; i < n_categories; i++)
        v[LIST_CATEGORIES_FIRST - 1 + i] = DV_TEXT(f->categories[i]);
    struct db_rows r;
    enum err rc =
        db_get_list_v(db, a, row, sizeof(**items), &r, list_sql, v, LIST_VALS);
    *items = r.items;
    *n_items = r.n;
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
            " CASE WHEN state = 'received' THEN 'verification_overdue' ELSE"
            " 'answer_overdue' END FROM complaints WHERE"
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
    return db_tx_end(db, rc);
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
    return db_tx_end(db, rc);
}

static void category_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct complaint_category *c = out;
    c->code = arena_strdup(a, db_col_text(st, 0));
    c->name.id = arena_strdup(a, db_col_text(st, 1));
    c->name.en = arena_strdup(a, db_col_text(st, 2));
}

enum err complaint_categories(struct db *db, struct arena *a,
                              struct complaint_category **items,
                              size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, category_row, sizeof(**items), &r,
                              "SELECT code, name_id, name_en FROM"
                              " complaint_categories WHERE active = $1"
                              " ORDER BY ord, code",
                              DV_INT(1));
    *items = r.items;
    *n_items = r.n;
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

/* A stored photo: its type, its bytes decoded, and whether they were. */
struct photo_row {
    const char *mime;    /* arena */
    unsigned char *data; /* arena */
    size_t len;          /* bytes in data */
    bool decoded;        /* false when data_b64 was not Base64 */
};

static void photo_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct photo_row *p = out;
    p->mime = arena_strdup(a, db_col_text(st, 0));
    const char *b64 = db_col_text(st, 1);
    size_t cap = (size_t)db_col_int(st, 2) + 4;
    p->data = arena_alloc(a, cap);
    p->decoded =
        b64 && sodium_base642bin(p->data, cap, b64, strlen(b64), NULL, &p->len,
                                 NULL, sodium_base64_VARIANT_ORIGINAL) == 0;
}

enum err photos_get(struct db *db, struct arena *a, int64_t id,
                    const char **mime, unsigned char **data, size_t *len)
{
    struct photo_row p = {0};
    enum err rc = db_get_one(db, a, photo_row, &p,
                             "SELECT mime, data_b64, bytes FROM photos"
                             " WHERE id = $1",
                             DV_INT(id));
    if (rc == ERR_OK && !p.decoded)
        rc = ERR_DB;
    if (rc == ERR_OK) {
        *mime = p.mime;
        *data = p.data;
        *len = p.len;
    }
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
