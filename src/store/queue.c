/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* queue.c: the counter queue in the database (see queue.h). */
#include "store/queue.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "store/db.h"

/* 0 as SQL NULL (optional keys and times). */
static struct db_val nz(int64_t v)
{
    return v ? DV_INT(v) : DV_NULL;
}

static void group_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_group *g = out;
    g->code = arena_strdup(a, db_col_text(st, 0));
    g->name.id = arena_strdup(a, db_col_text(st, 1));
    g->name.en = arena_strdup(a, db_col_text(st, 2));
    g->categories = arena_strdup(a, db_col_text(st, 3));
    g->ord = (int)db_col_int(st, 4);
    g->active = db_col_int(st, 5) != 0;
}

enum err queue_groups_list(struct db *db, struct arena *a, bool active_only,
                           struct queue_group **items, size_t *n_items)
{
    struct db_rows r = {0};
    enum err rc = db_get_list(db, a, group_row, sizeof(struct queue_group), &r,
                              "SELECT code, name_id, name_en, categories, ord,"
                              " active FROM queue_groups WHERE ($1 = 0 OR"
                              " active = 1) ORDER BY ord, code",
                              DV_INT(active_only ? 1 : 0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err queue_office_ensure(struct db *db, int64_t office_id, int64_t now)
{
    enum err rc = db_run(db, NULL,
                         "INSERT INTO queue_offices (office_id, changed_at)"
                         " VALUES ($1, $2) ON CONFLICT (office_id) DO NOTHING",
                         DV_INT(office_id), DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO queue_counters (office_id, code, name, serves,"
                    " created_at) SELECT $1, '1', 'Loket 1', '*', $2 WHERE NOT"
                    " EXISTS (SELECT 1 FROM queue_counters WHERE office_id ="
                    " $1) ON CONFLICT (office_id, code) DO NOTHING",
                    DV_INT(office_id), DV_INT(now));
    return rc;
}

static void office_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct queue_office *o = out;
    o->office_id = db_col_int(st, 0);
    o->seq = db_col_int(st, 1);
    o->slot_minutes = (int)db_col_int(st, 2);
    o->slot_quota = (int)db_col_int(st, 3);
    o->booking_days = (int)db_col_int(st, 4);
}

enum err queue_office_get(struct db *db, int64_t office_id,
                          struct queue_office *out)
{
    *out = (struct queue_office){office_id, 0, 60, 10, 14};
    enum err rc = db_get_one(db, NULL, office_row, out,
                             "SELECT office_id, seq, slot_minutes, slot_quota,"
                             " booking_days FROM queue_offices WHERE"
                             " office_id = $1",
                             DV_INT(office_id));
    return rc == ERR_NOT_FOUND ? ERR_OK : rc;
}

enum err queue_office_set(struct db *db, int64_t office_id, int slot_minutes,
                          int slot_quota, int booking_days, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE queue_offices SET slot_minutes = $2,"
                         " slot_quota = $3, booking_days = $4, seq = seq + 1,"
                         " changed_at = $5 WHERE office_id = $1",
                         DV_INT(office_id), DV_INT(slot_minutes),
                         DV_INT(slot_quota), DV_INT(booking_days), DV_INT(now));
    if (rc == ERR_OK && changed != 1)
        rc = ERR_NOT_FOUND;
    return rc;
}

enum err queue_office_touch(struct db *db, int64_t office_id, int64_t now,
                            int64_t *seq)
{
    int64_t s = 0;
    enum err rc = db_int(db, &s,
                         "UPDATE queue_offices SET seq = seq + 1, changed_at ="
                         " $2 WHERE office_id = $1 RETURNING seq",
                         DV_INT(office_id), DV_INT(now));
    if (seq)
        *seq = s;
    return rc;
}

static void seq_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct queue_seq *s = out;
    s->office_id = db_col_int(st, 0);
    s->seq = db_col_int(st, 1);
}

enum err queue_office_seqs(struct db *db, struct arena *a,
                           struct queue_seq **items, size_t *n_items)
{
    struct db_rows r = {0};
    enum err rc = db_get_list(db, a, seq_row, sizeof(struct queue_seq), &r,
                              "SELECT office_id, seq FROM queue_offices WHERE"
                              " seq >= $1",
                              DV_INT(0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

#define COUNTER_COLS                                                           \
    "k.id, k.office_id, k.code, k.name, k.serves, k.active, k.user_id,"        \
    " u.login, u.full_name, k.signed_in_at"
#define COUNTER_FROM                                                           \
    " FROM queue_counters k LEFT JOIN users u ON u.id = k.user_id"

static void counter_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_counter *k = out;
    k->id = db_col_int(st, 0);
    k->office_id = db_col_int(st, 1);
    k->code = arena_strdup(a, db_col_text(st, 2));
    k->name = arena_strdup(a, db_col_text(st, 3));
    k->serves = arena_strdup(a, db_col_text(st, 4));
    k->active = db_col_int(st, 5) != 0;
    k->user_id = db_col_int(st, 6);
    k->user_login = arena_strdup(a, db_col_text(st, 7));
    k->user_name = arena_strdup(a, db_col_text(st, 8));
    k->signed_in_at = db_col_int(st, 9);
}

enum err queue_counters_list(struct db *db, struct arena *a, int64_t office_id,
                             bool active_only, struct queue_counter **items,
                             size_t *n_items)
{
    struct db_rows r = {0};
    /* Counters read "1", "2", ..., "10" in the order people count. */
    enum err rc =
        db_get_list(db, a, counter_row, sizeof(struct queue_counter), &r,
                    "SELECT " COUNTER_COLS COUNTER_FROM
                    " WHERE k.office_id = $1 AND ($2 = 0 OR"
                    " k.active = 1) ORDER BY length(k.code), k.code",
                    DV_INT(office_id), DV_INT(active_only ? 1 : 0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err queue_counter_get(struct db *db, struct arena *a, int64_t office_id,
                           const char *code, struct queue_counter *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, counter_row, out,
                      "SELECT " COUNTER_COLS COUNTER_FROM
                      " WHERE k.office_id = $1 AND k.code = $2",
                      DV_INT(office_id), DV_TEXT(code));
}

enum err queue_counter_get_by_id(struct db *db, struct arena *a, int64_t id,
                                 struct queue_counter *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, counter_row, out,
                      "SELECT " COUNTER_COLS COUNTER_FROM " WHERE k.id = $1",
                      DV_INT(id));
}

enum err queue_counter_put(struct db *db, int64_t office_id, const char *code,
                           const char *name, const char *serves, bool active,
                           int64_t now)
{
    return db_run(db, NULL,
                  "INSERT INTO queue_counters (office_id, code, name, serves,"
                  " active, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
                  " ON CONFLICT (office_id, code) DO UPDATE SET name ="
                  " excluded.name, serves = excluded.serves, active ="
                  " excluded.active",
                  DV_INT(office_id), DV_TEXT(code), DV_TEXT(name),
                  DV_TEXT(serves), DV_INT(active ? 1 : 0), DV_INT(now));
}

enum err queue_counter_sign_in(struct db *db, int64_t user_id,
                               int64_t counter_id, int64_t now)
{
    enum err rc = db_run(db, NULL,
                         "UPDATE queue_counters SET user_id = NULL,"
                         " signed_in_at = NULL WHERE user_id = $1",
                         DV_INT(user_id));
    if (rc == ERR_OK && counter_id) {
        int64_t changed = 0;
        rc = db_run(db, &changed,
                    "UPDATE queue_counters SET user_id = $1, signed_in_at = $2"
                    " WHERE id = $3",
                    DV_INT(user_id), DV_INT(now), DV_INT(counter_id));
        if (rc == ERR_OK && changed != 1)
            rc = ERR_NOT_FOUND;
    }
    return rc;
}

enum err queue_counter_of_user(struct db *db, struct arena *a, int64_t user_id,
                               struct queue_counter *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, counter_row, out,
                      "SELECT " COUNTER_COLS COUNTER_FROM
                      " WHERE k.user_id = $1 ORDER BY k.signed_in_at DESC"
                      " LIMIT 1",
                      DV_INT(user_id));
}

enum err queue_next_number(struct db *db, int64_t office_id, const char *day,
                           char group, int64_t *number)
{
    /* Under the office's lock (queue_office_touch()), so no other issue
     * of this office runs meanwhile; UNIQUE (office_id, day, group_code,
     * number) would refuse a duplicate anyway. */
    char g[2] = {group, '\0'};
    return db_int(db, number,
                  "SELECT COALESCE(MAX(number), 0) + 1 FROM queue_tickets"
                  " WHERE office_id = $1 AND day = $2 AND group_code = $3",
                  DV_INT(office_id), DV_TEXT(day), DV_TEXT(g));
}

enum err queue_ticket_insert(struct db *db, struct queue_ticket *t,
                             const char *token_hash)
{
    char g[2] = {t->group, '\0'};
    return db_int(
        db, &t->id,
        "INSERT INTO queue_tickets (office_id, day, group_code, number, label,"
        " priority, booking_id, token_hash, channel, device_id, state,"
        " issued_at, queue_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7,"
        " $8, $9, $10, $11, $12, $13, 1) RETURNING id",
        DV_INT(t->office_id), DV_TEXT(t->day), DV_TEXT(g), DV_INT(t->number),
        DV_TEXT(t->label), DV_INT(t->priority ? 1 : 0), nz(t->booking_id),
        DV_TEXT(token_hash), DV_TEXT(t->channel), nz(t->device_id),
        DV_TEXT(queue_state_code(t->state)), DV_INT(t->issued_at),
        DV_INT(t->queue_at));
}

#define TICKET_COLS                                                            \
    "t.id, t.office_id, t.day, t.group_code, t.number, t.label, t.priority,"   \
    " t.booking_id, t.channel, t.device_id, t.state, t.issued_at, t.queue_at," \
    " t.counter_id, c.code, c.name, t.transfer_counter_id, x.code, t.calls,"   \
    " t.called_at, t.last_called_at, t.started_at, t.finished_at, t.ended_at," \
    " t.application_id, ap.regno, t.served_by, t.version"
#define TICKET_FROM                                                            \
    " FROM queue_tickets t LEFT JOIN queue_counters c ON c.id = t.counter_id"  \
    " LEFT JOIN queue_counters x ON x.id = t.transfer_counter_id"              \
    " LEFT JOIN applications ap ON ap.id = t.application_id"

static void ticket_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_ticket *t = out;
    t->id = db_col_int(st, 0);
    t->office_id = db_col_int(st, 1);
    t->day = arena_strdup(a, db_col_text(st, 2));
    const char *g = db_col_text(st, 3);
    t->group = (char)(g ? g[0] : '?');
    t->number = db_col_int(st, 4);
    t->label = arena_strdup(a, db_col_text(st, 5));
    t->priority = db_col_int(st, 6) != 0;
    t->booking_id = db_col_int(st, 7);
    t->channel = arena_strdup(a, db_col_text(st, 8));
    t->device_id = db_col_int(st, 9);
    if (!queue_state_parse(db_col_text(st, 10), &t->state))
        t->state = QS_EXPIRED; /* unknown: never callable */
    t->issued_at = db_col_int(st, 11);
    t->queue_at = db_col_int(st, 12);
    t->counter_id = db_col_int(st, 13);
    t->counter_code = arena_strdup(a, db_col_text(st, 14));
    t->counter_name = arena_strdup(a, db_col_text(st, 15));
    t->transfer_counter_id = db_col_int(st, 16);
    t->transfer_code = arena_strdup(a, db_col_text(st, 17));
    t->calls = (int)db_col_int(st, 18);
    t->called_at = db_col_int(st, 19);
    t->last_called_at = db_col_int(st, 20);
    t->started_at = db_col_int(st, 21);
    t->finished_at = db_col_int(st, 22);
    t->ended_at = db_col_int(st, 23);
    t->application_id = db_col_int(st, 24);
    t->regno = arena_strdup(a, db_col_text(st, 25));
    t->served_by = db_col_int(st, 26);
    t->version = (int)db_col_int(st, 27);
}

enum err queue_ticket_get(struct db *db, struct arena *a, int64_t id,
                          struct queue_ticket *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, ticket_row, out,
                      "SELECT " TICKET_COLS TICKET_FROM " WHERE t.id = $1",
                      DV_INT(id));
}

enum err queue_ticket_by_token(struct db *db, struct arena *a,
                               const char *token_hash, struct queue_ticket *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, ticket_row, out,
                      "SELECT " TICKET_COLS TICKET_FROM
                      " WHERE t.token_hash = $1",
                      DV_TEXT(token_hash));
}

enum err queue_ticket_of_application(struct db *db, struct arena *a,
                                     int64_t application_id,
                                     struct queue_ticket *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, ticket_row, out,
                      "SELECT " TICKET_COLS TICKET_FROM
                      " WHERE t.application_id = $1 ORDER BY t.id DESC"
                      " LIMIT 1",
                      DV_INT(application_id));
}

enum err queue_ticket_at_counter(struct db *db, struct arena *a,
                                 int64_t counter_id, const char *day,
                                 struct queue_ticket *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, ticket_row, out,
                      "SELECT " TICKET_COLS TICKET_FROM
                      " WHERE t.counter_id = $1 AND t.day = $2 AND t.state IN"
                      " ('called', 'serving') ORDER BY t.last_called_at DESC,"
                      " t.id DESC LIMIT 1",
                      DV_INT(counter_id), DV_TEXT(day));
}

static void cand_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct queue_cand *c = out;
    const char *g = db_col_text(st, 1);
    *c = (struct queue_cand){.id = db_col_int(st, 0),
                             .group = (char)(g ? g[0] : '?'),
                             .priority = db_col_int(st, 2) != 0,
                             .queue_at = db_col_int(st, 3),
                             .transfer_counter_id = db_col_int(st, 4),
                             .state = QS_WAITING};
}

enum err queue_waiting(struct db *db, struct arena *a, int64_t office_id,
                       const char *day, struct queue_cand **items,
                       size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    struct db_rows rows = {0};
    enum err rc = db_get_list(
        db, a, cand_row, sizeof(struct queue_cand), &rows,
        "SELECT id, group_code, priority, queue_at, transfer_counter_id FROM"
        " queue_tickets WHERE office_id = $1 AND day = $2 AND state ="
        " 'waiting'",
        DV_INT(office_id), DV_TEXT(day));
    if (rc != ERR_OK)
        return rc;
    const char *d = arena_strdup(a, day);
    *items = rows.items;
    *n_items = rows.n;
    for (size_t i = 0; i < rows.n; i++)
        (*items)[i].day = d;
    return ERR_OK;
}

enum err queue_ticket_update(struct db *db, const struct queue_ticket *t,
                             int expected)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "UPDATE queue_tickets SET state = $1, counter_id = $2,"
        " transfer_counter_id = $3, calls = $4, called_at = $5,"
        " last_called_at = $6, started_at = $7, finished_at = $8, ended_at ="
        " $9, application_id = $10, served_by = $11, version = version + 1"
        " WHERE id = $12 AND version = $13",
        DV_TEXT(queue_state_code(t->state)), nz(t->counter_id),
        nz(t->transfer_counter_id), DV_INT(t->calls), nz(t->called_at),
        nz(t->last_called_at), nz(t->started_at), nz(t->finished_at),
        nz(t->ended_at), nz(t->application_id), nz(t->served_by), DV_INT(t->id),
        DV_INT(expected));
    if (rc == ERR_OK && changed != 1)
        rc = ERR_CONFLICT;
    return rc;
}

enum err queue_event_add(struct db *db, const struct queue_ticket *t,
                         int64_t at, const char *actor, const char *action,
                         int64_t counter_id, const char *note)
{
    return db_run(db, NULL,
                  "INSERT INTO queue_events (ticket_id, office_id, day, at,"
                  " actor, action, counter_id, state_after, note) VALUES ($1,"
                  " $2, $3, $4, $5, $6, $7, $8, $9)",
                  DV_INT(t->id), DV_INT(t->office_id), DV_TEXT(t->day),
                  DV_INT(at), DV_TEXT(actor), DV_TEXT(action), nz(counter_id),
                  DV_TEXT(queue_state_code(t->state)), DV_TEXT(note));
}

enum err queue_ticket_link(struct db *db, int64_t ticket_id, int64_t office_id,
                           int64_t application_id)
{
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE queue_tickets SET application_id = $1,"
               " version = version + 1 WHERE id = $2 AND"
               " office_id = $3 AND state IN ('called', 'serving',"
               " 'done')",
               DV_INT(application_id), DV_INT(ticket_id), DV_INT(office_id));
    if (rc == ERR_OK && changed != 1)
        rc = ERR_NOT_FOUND;
    return rc;
}

/* Two integer columns into an int64_t[2]. */
static void int_pair_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    int64_t *v = out;
    v[0] = db_col_int(st, 0);
    v[1] = db_col_int(st, 1);
}

enum err queue_pace(struct db *db, int64_t office_id, const char *day,
                    char group, int64_t *calls, int64_t *first_call_at)
{
    char g[2] = {group, '\0'};
    *calls = 0;
    *first_call_at = 0;
    int64_t v[2] = {0, 0};
    enum err rc =
        db_get_one(db, NULL, int_pair_row, v,
                   "SELECT COUNT(*), MIN(called_at) FROM queue_tickets"
                   " WHERE office_id = $1 AND day = $2 AND"
                   " group_code = $3 AND called_at IS NOT NULL",
                   DV_INT(office_id), DV_TEXT(day), DV_TEXT(g));
    if (rc == ERR_NOT_FOUND)
        rc = ERR_OK;
    *calls = v[0];
    *first_call_at = v[1];
    return rc;
}

static void board_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_board_call *c = out;
    c->label = arena_strdup(a, db_col_text(st, 0));
    c->counter_code = arena_strdup(a, db_col_text(st, 1));
    c->counter_name = arena_strdup(a, db_col_text(st, 2));
    c->at = db_col_int(st, 3);
    if (!queue_state_parse(db_col_text(st, 4), &c->state))
        c->state = QS_CALLED;
    c->priority = db_col_int(st, 5) != 0;
    c->event_id = db_col_int(st, 6);
}

enum err queue_board_get(struct db *db, struct arena *a, int64_t office_id,
                         const char *day, struct queue_board *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = db_int(db, &out->seq,
                         "SELECT seq FROM queue_offices WHERE office_id = $1",
                         DV_INT(office_id));
    if (rc == ERR_NOT_FOUND) {
        out->seq = 0;
        rc = ERR_OK;
    }
    if (rc == ERR_OK)
        rc = db_int(db, &out->waiting,
                    "SELECT COUNT(*) FROM queue_tickets WHERE office_id = $1"
                    " AND day = $2 AND state = 'waiting'",
                    DV_INT(office_id), DV_TEXT(day));
    struct db_rows r = {0};
    if (rc == ERR_OK)
        rc = db_get_list(db, a, board_row, sizeof(struct queue_board_call), &r,
                         "SELECT t.label, c.code, c.name, t.last_called_at,"
                         " t.state, t.priority, 0 FROM queue_tickets t JOIN"
                         " queue_counters c ON c.id = t.counter_id WHERE"
                         " t.office_id = $1 AND t.day = $2 AND t.state IN"
                         " ('called', 'serving') ORDER BY length(c.code),"
                         " c.code, t.id",
                         DV_INT(office_id), DV_TEXT(day));
    out->serving = r.items;
    out->n_serving = r.n;
    struct db_rows k = {0};
    if (rc == ERR_OK)
        rc = db_get_list(db, a, board_row, sizeof(struct queue_board_call), &k,
                         "SELECT t.label, c.code, c.name, e.at, t.state,"
                         " t.priority, e.id FROM queue_events e JOIN"
                         " queue_tickets t ON t.id = e.ticket_id LEFT JOIN"
                         " queue_counters c ON c.id = e.counter_id WHERE"
                         " e.office_id = $1 AND e.day = $2 AND e.action IN"
                         " ('call', 'recall') ORDER BY e.id DESC LIMIT 5",
                         DV_INT(office_id), DV_TEXT(day));
    out->calls = k.items;
    out->n_calls = k.n;
    return rc;
}

enum err queue_expire(struct db *db, const char *today, int64_t now, int64_t *n)
{
    *n = 0;
    struct arena *a = arena_new();
    struct db_rows r = {0};
    /* Guarded UPDATE first (each row changes once, however many
     * instances run the jobs), then one event per ticket it changed. */
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = db_get_list(db, a, ticket_row, sizeof(struct queue_ticket), &r,
                         "SELECT " TICKET_COLS TICKET_FROM
                         " WHERE t.day < $1 AND t.state IN ('waiting',"
                         " 'called', 'serving')",
                         DV_TEXT(today));
    struct queue_ticket *items = r.items;
    for (size_t i = 0; rc == ERR_OK && i < r.n; i++) {
        int64_t changed = 0;
        rc = db_run(db, &changed,
                    "UPDATE queue_tickets SET state = 'expired', ended_at ="
                    " $1, version = version + 1 WHERE id = $2 AND state IN"
                    " ('waiting', 'called', 'serving')",
                    DV_INT(now), DV_INT(items[i].id));
        if (rc == ERR_OK && changed == 1) {
            items[i].state = QS_EXPIRED;
            rc = queue_event_add(db, &items[i], now, "system", "expire", 0,
                                 NULL);
            (*n)++;
        }
    }
    rc = db_tx_end(db, rc);
    arena_free(a);
    if (rc != ERR_OK)
        *n = 0;
    return rc;
}

static const char *const booking_states[] = {
    [BOOKING_BOOKED] = "booked",
    [BOOKING_CHECKED_IN] = "checked_in",
    [BOOKING_NO_SHOW] = "no_show",
    [BOOKING_CANCELLED] = "cancelled",
};

const char *booking_state_code(enum booking_state s)
{
    return (unsigned)s <= BOOKING_CANCELLED ? booking_states[s] : "unknown";
}

static enum booking_state booking_state_of(const char *s)
{
    for (int i = 0; s && i <= BOOKING_CANCELLED; i++)
        if (strcmp(s, booking_states[i]) == 0)
            return (enum booking_state)i;
    return BOOKING_CANCELLED;
}

enum err queue_slot_take(struct db *db, int64_t office_id, const char *day,
                         const char *slot, int quota, bool *taken)
{
    *taken = false;
    int64_t changed = 0;
    enum err rc = db_run(db, NULL,
                         "INSERT INTO queue_slot_use (office_id, day, slot, n)"
                         " VALUES ($1, $2, $3, 0) ON CONFLICT (office_id, day,"
                         " slot) DO NOTHING",
                         DV_INT(office_id), DV_TEXT(day), DV_TEXT(slot));
    if (rc == ERR_OK)
        rc = db_run(db, &changed,
                    "UPDATE queue_slot_use SET n = n + 1 WHERE office_id = $1"
                    " AND day = $2 AND slot = $3 AND n < $4",
                    DV_INT(office_id), DV_TEXT(day), DV_TEXT(slot),
                    DV_INT(quota));
    *taken = rc == ERR_OK && changed == 1;
    return rc;
}

enum err queue_slot_give(struct db *db, int64_t office_id, const char *day,
                         const char *slot)
{
    return db_run(db, NULL,
                  "UPDATE queue_slot_use SET n = n - 1 WHERE office_id = $1"
                  " AND day = $2 AND slot = $3 AND n > 0",
                  DV_INT(office_id), DV_TEXT(day), DV_TEXT(slot));
}

enum err queue_slot_used(struct db *db, int64_t office_id, const char *day,
                         const char *slot, int64_t *used)
{
    enum err rc = db_int(db, used,
                         "SELECT n FROM queue_slot_use WHERE office_id = $1"
                         " AND day = $2 AND slot = $3",
                         DV_INT(office_id), DV_TEXT(day), DV_TEXT(slot));
    if (rc == ERR_NOT_FOUND) {
        *used = 0;
        rc = ERR_OK;
    }
    return rc;
}

enum err queue_booking_insert(struct db *db, struct queue_booking *b,
                              const char *token_hash, const char *addr)
{
    char g[2] = {b->group, '\0'};
    return db_int(db, &b->id,
                  "INSERT INTO queue_bookings (code, token_hash, office_id,"
                  " day, slot, slot_start, slot_end, service_id, group_code,"
                  " name, phone, state, addr, created_at, updated_at) VALUES"
                  " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
                  " $14, $14) RETURNING id",
                  DV_TEXT(b->code), DV_TEXT(token_hash), DV_INT(b->office_id),
                  DV_TEXT(b->day), DV_TEXT(b->slot), DV_INT(b->slot_start),
                  DV_INT(b->slot_end), DV_INT(b->service_id), DV_TEXT(g),
                  DV_TEXT(b->name), DV_TEXT(b->phone),
                  DV_TEXT(booking_state_code(b->state)),
                  DV_TEXT(addr ? addr : ""), DV_INT(b->created_at));
}

#define BOOKING_COLS                                                           \
    "b.id, b.code, b.office_id, o.code, o.name, b.day, b.slot, b.slot_start,"  \
    " b.slot_end, b.service_id, s.code, b.group_code, b.name, b.phone,"        \
    " b.state, b.ticket_id, b.created_at"
#define BOOKING_FROM                                                           \
    " FROM queue_bookings b JOIN offices o ON o.id = b.office_id"              \
    " JOIN services s ON s.id = b.service_id"

static void booking_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_booking *b = out;
    b->id = db_col_int(st, 0);
    b->code = arena_strdup(a, db_col_text(st, 1));
    b->office_id = db_col_int(st, 2);
    b->office_code = arena_strdup(a, db_col_text(st, 3));
    b->office_name = arena_strdup(a, db_col_text(st, 4));
    b->day = arena_strdup(a, db_col_text(st, 5));
    b->slot = arena_strdup(a, db_col_text(st, 6));
    b->slot_start = db_col_int(st, 7);
    b->slot_end = db_col_int(st, 8);
    b->service_id = db_col_int(st, 9);
    b->service_code = arena_strdup(a, db_col_text(st, 10));
    const char *g = db_col_text(st, 11);
    b->group = (char)(g ? g[0] : '?');
    b->name = arena_strdup(a, db_col_text(st, 12));
    b->phone = arena_strdup(a, db_col_text(st, 13));
    b->state = booking_state_of(db_col_text(st, 14));
    b->ticket_id = db_col_int(st, 15);
    b->created_at = db_col_int(st, 16);
}

enum err queue_booking_by_code(struct db *db, struct arena *a, const char *code,
                               struct queue_booking *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, booking_row, out,
                      "SELECT " BOOKING_COLS BOOKING_FROM " WHERE b.code = $1",
                      DV_TEXT(code));
}

enum err queue_booking_by_token(struct db *db, struct arena *a,
                                const char *token_hash,
                                struct queue_booking *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, booking_row, out,
                      "SELECT " BOOKING_COLS BOOKING_FROM
                      " WHERE b.token_hash = $1",
                      DV_TEXT(token_hash));
}

enum err queue_booking_move(struct db *db, int64_t id, enum booking_state from,
                            enum booking_state to, int64_t ticket_id,
                            int64_t now, bool *changed)
{
    int64_t n = 0;
    enum err rc =
        db_run(db, &n,
               "UPDATE queue_bookings SET state = $1, ticket_id ="
               " COALESCE($2, ticket_id), updated_at = $3 WHERE"
               " id = $4 AND state = $5",
               DV_TEXT(booking_state_code(to)), nz(ticket_id), DV_INT(now),
               DV_INT(id), DV_TEXT(booking_state_code(from)));
    *changed = rc == ERR_OK && n == 1;
    return rc;
}

enum err queue_bookings_of_phone(struct db *db, int64_t office_id,
                                 const char *day, const char *phone, int64_t *n)
{
    return db_int(db, n,
                  "SELECT COUNT(*) FROM queue_bookings WHERE office_id = $1"
                  " AND day = $2 AND phone = $3 AND state = 'booked'",
                  DV_INT(office_id), DV_TEXT(day), DV_TEXT(phone));
}

enum err queue_bookings_release(struct db *db, int64_t before, int64_t now,
                                int64_t *n)
{
    return db_run(db, n,
                  "UPDATE queue_bookings SET state = 'no_show', updated_at ="
                  " $1 WHERE state = 'booked' AND slot_end < $2",
                  DV_INT(now), DV_INT(before));
}

/* The key of a dimension ($5) as text, and the scope's filter. */
#define FIG_KEY                                                                \
    "CASE CAST($5 AS TEXT) WHEN 'office' THEN o.code WHEN 'group' THEN"        \
    " t.group_code WHEN 'day' THEN t.day WHEN 'hour' THEN CAST(((t.issued_at"  \
    " + $6) % 86400) / 3600 AS TEXT) ELSE '' END"
#define FIG_SCOPE                                                              \
    " FROM queue_tickets t JOIN offices o ON o.id = t.office_id WHERE t.day"   \
    " >= $1 AND t.day <= $2 AND ($3 = 0 OR t.office_id = $3) AND"              \
    " (CAST($4 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $4)"
#define FIG_VALS4(f)                                                           \
    DV_TEXT((f)->from_day), DV_TEXT((f)->to_day), DV_INT((f)->office_id),      \
        DV_TEXT((f)->district)
#define FIG_VALS(f, dim)                                                       \
    FIG_VALS4(f), DV_TEXT(dim_code(dim)),                                      \
        DV_INT((int64_t)(f)->utc_offset_min * 60)

static const char *dim_code(enum queue_fig_dim d)
{
    switch (d) {
    case QFD_OFFICE:
        return "office";
    case QFD_GROUP:
        return "group";
    case QFD_DAY:
        return "day";
    case QFD_HOUR:
        return "hour";
    case QFD_TOTAL:
    default:
        return "total";
    }
}

/* The rows of sql into an arena array of size-byte rows made by fn,
 * refusing more than cap (0: no cap) rows: the query asks for one more
 * than cap, so a refused answer reads at most cap + 1 rows. */
static enum err fig_collect(struct db *db, struct arena *a, size_t cap,
                            size_t size, db_row_fn fn, void **items,
                            size_t *n_items, const char *sql,
                            const struct db_val *vals, size_t n_vals)
{
    struct db_rows rows = {0};
    if (cap)
        sql = db_sql_intern(arena_printf(a, "%s LIMIT %zu", sql, cap + 1));
    enum err rc = db_get_list_v(db, a, fn, size, &rows, sql, vals, n_vals);
    if (rc == ERR_OK && cap && rows.n > cap)
        rc = ERR_TOO_LARGE;
    if (rc == ERR_OK) {
        *items = rows.items;
        *n_items = rows.n;
    }
    return rc;
}

/* The dimension of a row of the office-and-group statements. */
static enum queue_fig_dim row_dim(const char *d)
{
    return d && d[0] == 'g' ? QFD_GROUP : QFD_OFFICE;
}

static void fig_count_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_fig_count *c = out;
    c->dim = row_dim(db_col_text(st, 0));
    c->key = arena_strdup(a, db_col_text(st, 1));
    c->issued = db_col_int(st, 2);
    c->served = db_col_int(st, 3);
    c->no_shows = db_col_int(st, 4);
}

static void fig_value_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct queue_fig_value *v = out;
    v->dim = row_dim(db_col_text(st, 0));
    v->key = arena_strdup(a, db_col_text(st, 1));
    const char *k = db_col_text(st, 2);
    v->kind = (char)(k ? k[0] : 'w');
    v->value = db_col_int(st, 3);
    v->n = db_col_int(st, 4);
}

/* The rows' dimension, for a statement of one dimension. */
static void fig_set_dim(struct queue_fig_count *c, size_t nc,
                        struct queue_fig_value *v, size_t nv,
                        enum queue_fig_dim dim)
{
    for (size_t i = 0; i < nc; i++)
        c[i].dim = dim;
    for (size_t i = 0; i < nv; i++)
        v[i].dim = dim;
}

/* The counts of the scope per office ('o') and per group ('g'), one
 * statement; the scope's parameters only ($1 to $4). */
#define FIG_COUNTS                                                             \
    ", COUNT(*), SUM(CASE WHEN t.state = 'done' THEN 1 ELSE 0 END), SUM(CASE"  \
    " WHEN t.state = 'no_show' THEN 1 ELSE 0 END)"
#define FIG_WAIT                                                               \
    " 'w' AS kind, t.called_at - CASE WHEN t.queue_at > t.issued_at THEN"      \
    " t.queue_at ELSE t.issued_at END AS v"
#define FIG_WAIT_WHERE " AND t.called_at IS NOT NULL"
#define FIG_SERVICE " 's' AS kind, t.finished_at - t.called_at AS v"
#define FIG_SERVICE_WHERE                                                      \
    " AND t.state = 'done' AND t.called_at IS NOT NULL AND t.finished_at IS"   \
    " NOT NULL"

enum err queue_fig_counts(struct db *db, struct arena *a,
                          const struct queue_fig_filter *f,
                          enum queue_fig_dim dim,
                          struct queue_fig_count **items, size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    if (dim == QFD_OFFICE_GROUP)
        return fig_collect(db, a, f->cap, sizeof(**items), fig_count_row,
                           (void **)items, n_items,
                           "SELECT 'o', o.code" FIG_COUNTS FIG_SCOPE
                           " GROUP BY o.code UNION ALL SELECT 'g',"
                           " t.group_code" FIG_COUNTS FIG_SCOPE
                           " GROUP BY t.group_code",
                           DB_VALS(FIG_VALS4(f)));
    enum err rc = fig_collect(db, a, f->cap, sizeof(**items), fig_count_row,
                              (void **)items, n_items,
                              "SELECT '', " FIG_KEY " AS k" FIG_COUNTS FIG_SCOPE
                              " GROUP BY k ORDER BY k",
                              DB_VALS(FIG_VALS(f, dim)));
    fig_set_dim(*items, *n_items, NULL, 0, dim);
    return rc;
}

enum err queue_fig_values(struct db *db, struct arena *a,
                          const struct queue_fig_filter *f,
                          enum queue_fig_dim dim,
                          struct queue_fig_value **items, size_t *n_items)
{
    *items = NULL;
    *n_items = 0;
    if (dim == QFD_OFFICE_GROUP)
        return fig_collect(
            db, a, f->cap, sizeof(**items), fig_value_row, (void **)items,
            n_items,
            "SELECT d, k, kind, v, COUNT(*) FROM (SELECT 'o' AS d, o.code AS"
            " k," FIG_WAIT FIG_SCOPE FIG_WAIT_WHERE
            " UNION ALL SELECT 'o', o.code," FIG_SERVICE FIG_SCOPE
                FIG_SERVICE_WHERE
            " UNION ALL SELECT 'g', t.group_code," FIG_WAIT FIG_SCOPE
                FIG_WAIT_WHERE
            " UNION ALL SELECT 'g', t.group_code," FIG_SERVICE FIG_SCOPE
                FIG_SERVICE_WHERE ") x GROUP BY d, k, kind, v",
            DB_VALS(FIG_VALS4(f)));
    enum err rc = fig_collect(
        db, a, f->cap, sizeof(**items), fig_value_row, (void **)items, n_items,
        "SELECT '', k, kind, v, COUNT(*) FROM (SELECT " FIG_KEY
        " AS k," FIG_WAIT FIG_SCOPE FIG_WAIT_WHERE " UNION ALL SELECT " FIG_KEY
        " AS k," FIG_SERVICE FIG_SCOPE FIG_SERVICE_WHERE
        ") x GROUP BY k, kind, v ORDER BY k, kind, v",
        DB_VALS(FIG_VALS(f, dim)));
    fig_set_dim(NULL, 0, *items, *n_items, dim);
    return rc;
}
