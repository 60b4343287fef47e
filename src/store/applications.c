/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* applications.c: applications and events (see applications.h). */
#include "store/applications.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "store/db.h"

enum err applications_next_serial(struct db *db, int64_t office_id, int year,
                                  int64_t *serial)
{
    char name[64];
    snprintf(name, sizeof(name), "regno:%lld:%d", (long long)office_id, year);
    /* One statement: the counter's first use creates it at 1. */
    return db_int(db, serial,
                  "INSERT INTO counters (name, value) VALUES ($1, 1)"
                  " ON CONFLICT (name) DO UPDATE SET value = counters.value"
                  " + 1 RETURNING value",
                  DV_TEXT(name));
}

enum err applications_office_number(struct db *db, int64_t office_id,
                                    int *number)
{
    int64_t n = 0;
    enum err rc = db_int(db, &n, "SELECT number FROM offices WHERE id = $1",
                         DV_INT(office_id));
    *number = (int)n;
    return rc;
}

/* Rows of application_requirements per statement. */
#define REQS_PER_INSERT 8

/* "INSERT ... VALUES ($1, $2), ($1, $3), .." for 1 to REQS_PER_INSERT
 * rows, made once (interned: the statement caches are keyed by the SQL's
 * address). */
static const char *reqs_sql_of[REQS_PER_INSERT + 1];
static pthread_once_t reqs_sql_once = PTHREAD_ONCE_INIT;

static void make_reqs_sql(void)
{
    for (size_t n = 1; n <= REQS_PER_INSERT; n++) {
        struct buf b;
        buf_init(&b, 1024);
        buf_puts(&b, "INSERT INTO application_requirements (application_id,"
                     " code) VALUES ");
        for (size_t i = 0; i < n; i++)
            buf_printf(&b, "%s($1, $%zu)", i ? ", " : "", i + 2);
        buf_puts(&b, " ON CONFLICT DO NOTHING");
        reqs_sql_of[n] = db_sql_intern(buf_cstr(&b));
        buf_free(&b);
    }
}

static __attribute__((warn_unused_result)) enum err
insert_reqs(struct db *db, int64_t application_id, const char *const *reqs,
            size_t n)
{
    struct db_val v[REQS_PER_INSERT + 1];
    v[0] = DV_INT(application_id);
    for (size_t i = 0; i < n; i++)
        v[i + 1] = DV_TEXT(reqs[i]);
    pthread_once(&reqs_sql_once, make_reqs_sql);
    return db_run_v(db, NULL, reqs_sql_of[n], v, n + 1);
}

enum err applications_insert(struct db *db, struct application *a,
                             const char *const *reqs, size_t n_reqs,
                             int64_t service_id, int64_t user_id,
                             const char *actor)
{
    enum err rc = db_int(
        db, &a->id,
        "INSERT INTO applications (regno, pin, office_id, service_id,"
        " service_version, nik, citizen_name, village_code, phone, email,"
        " fields_json, fee, state, next_step, submitted_at, promised_at,"
        " provisional, version, created_by, survey_token, no_phone_reason,"
        " purpose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,"
        " $13, $14, $15, $16, $17, 1, $18, $19, $20, $21) RETURNING id",
        DV_TEXT(a->regno), DV_TEXT(a->pin), DV_INT(a->office_id),
        DV_INT(service_id), DV_INT(a->service_version), DV_TEXT(a->nik),
        DV_TEXT(a->citizen_name), DV_TEXT(a->village_code), DV_TEXT(a->phone),
        DV_TEXT(a->email), DV_TEXT(a->fields_json ? a->fields_json : "{}"),
        DV_INT(a->fee), DV_TEXT(appl_state_code(a->state)),
        DV_INT(a->next_step), DV_INT(a->submitted_at), DV_INT(a->promised_at),
        DV_INT(a->provisional ? 1 : 0), user_id ? DV_INT(user_id) : DV_NULL,
        DV_TEXT(a->survey_token), DV_TEXT(a->no_phone_reason),
        DV_TEXT(a->purpose));
    /* The documents handed in: one statement of up to REQS_PER_INSERT
     * rows at a time (a statement's fixed cost is paid while the
     * transaction holds SQLite's one writer). */
    for (size_t i = 0; rc == ERR_OK && i < n_reqs; i += REQS_PER_INSERT) {
        size_t n = n_reqs - i;
        if (n > REQS_PER_INSERT)
            n = REQS_PER_INSERT;
        rc = insert_reqs(db, a->id, reqs + i, n);
    }
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO application_events (application_id, at,"
                    " user_id, actor, action, step_code, state_after,"
                    " promised_at, note) VALUES ($1, $2, $3, $4, 'submit',"
                    " NULL, $5, $6, NULL)",
                    DV_INT(a->id), DV_INT(a->submitted_at),
                    user_id ? DV_INT(user_id) : DV_NULL, DV_TEXT(actor),
                    DV_TEXT(appl_state_code(a->state)), DV_INT(a->promised_at));
    a->version = 1;
    return rc;
}

/* Columns read by appl_row(), in order. */
#define APPL_COLS                                                              \
    "a.id, a.regno, a.pin, a.office_id, o.code, o.name, s.code,"               \
    " a.service_version, v.name_id, v.name_en, v.agency_code, a.nik,"          \
    " a.citizen_name, a.village_code, a.phone, a.email, a.fields_json,"        \
    " a.fee, a.state, a.next_step, a.before_return, a.submitted_at,"           \
    " a.promised_at, a.provisional, a.minutes_left, a.completed_at,"           \
    " a.collected_by, a.version, a.survey_token, a.service_id,"                \
    " a.returned_at, a.paused_minutes, a.no_phone_reason, a.purpose"
#define APPL_FROM                                                              \
    " FROM applications a JOIN offices o ON o.id = a.office_id"                \
    " JOIN services s ON s.id = a.service_id"                                  \
    " JOIN service_versions v ON v.service_id = a.service_id"                  \
    "  AND v.version = a.service_version"

static void appl_row(struct db_stmt *st, struct arena *ar, void *out)
{
    struct application *a = out;
    memset(a, 0, sizeof(*a));
    a->id = db_col_int(st, 0);
    a->regno = arena_strdup(ar, db_col_text(st, 1));
    a->pin = arena_strdup(ar, db_col_text(st, 2));
    a->office_id = db_col_int(st, 3);
    a->office_code = arena_strdup(ar, db_col_text(st, 4));
    a->office_name = arena_strdup(ar, db_col_text(st, 5));
    a->service_code = arena_strdup(ar, db_col_text(st, 6));
    a->service_version = (int)db_col_int(st, 7);
    a->service_name_id = arena_strdup(ar, db_col_text(st, 8));
    a->service_name_en = arena_strdup(ar, db_col_text(st, 9));
    a->agency_code = arena_strdup(ar, db_col_text(st, 10));
    a->nik = arena_strdup(ar, db_col_text(st, 11));
    a->citizen_name = arena_strdup(ar, db_col_text(st, 12));
    a->village_code = arena_strdup(ar, db_col_text(st, 13));
    a->phone = arena_strdup(ar, db_col_text(st, 14));
    a->email = arena_strdup(ar, db_col_text(st, 15));
    a->fields_json = arena_strdup(ar, db_col_text(st, 16));
    a->fee = db_col_int(st, 17);
    if (!appl_state_parse(db_col_text(st, 18), &a->state))
        a->state = APPL_RECEIVED;
    a->next_step = (size_t)db_col_int(st, 19);
    if (!appl_state_parse(db_col_text(st, 20), &a->before_return))
        a->before_return = APPL_RECEIVED;
    a->submitted_at = db_col_int(st, 21);
    a->promised_at = db_col_int(st, 22);
    a->provisional = db_col_int(st, 23) != 0;
    a->minutes_left = db_col_int(st, 24);
    a->completed_at = db_col_int(st, 25);
    a->collected_by = arena_strdup(ar, db_col_text(st, 26));
    a->version = (int)db_col_int(st, 27);
    a->survey_token = arena_strdup(ar, db_col_text(st, 28));
    a->service_id = db_col_int(st, 29);
    a->returned_at = db_col_int(st, 30);
    a->paused_minutes = db_col_int(st, 31);
    a->no_phone_reason = arena_strdup(ar, db_col_text(st, 32));
    a->purpose = arena_strdup(ar, db_col_text(st, 33));
}

enum err applications_get(struct db *db, struct arena *ar, const char *regno,
                          struct application *out)
{
    return db_get_one(db, ar, appl_row, out,
                      "SELECT " APPL_COLS APPL_FROM " WHERE a.regno = $1",
                      DV_TEXT(regno));
}

enum err applications_requirements(struct db *db, struct arena *ar, int64_t id,
                                   const char ***codes, size_t *n_codes)
{
    struct db_rows r;
    enum err rc = db_get_list(db, ar, db_row_text, sizeof(**codes), &r,
                              "SELECT code FROM application_requirements"
                              " WHERE application_id = $1 ORDER BY code",
                              DV_INT(id));
    *codes = r.items;
    *n_codes = r.n;
    return rc;
}

static void event_row(struct db_stmt *st, struct arena *ar, void *out)
{
    struct appl_event *e = out;
    e->id = db_col_int(st, 0);
    e->at = db_col_int(st, 1);
    e->actor = arena_strdup(ar, db_col_text(st, 2));
    e->action = arena_strdup(ar, db_col_text(st, 3));
    e->step_code = arena_strdup(ar, db_col_text(st, 4));
    if (!appl_state_parse(db_col_text(st, 5), &e->state_after))
        e->state_after = APPL_RECEIVED;
    e->promised_at = db_col_int(st, 6);
    e->note = arena_strdup(ar, db_col_text(st, 7));
}

enum err applications_events(struct db *db, struct arena *ar, int64_t id,
                             struct appl_event **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, ar, event_row, sizeof(**items), &r,
                              "SELECT id, at, actor, action, step_code,"
                              " state_after, promised_at, note FROM"
                              " application_events WHERE application_id = $1"
                              " ORDER BY id",
                              DV_INT(id));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err applications_apply(struct db *db, const struct application *a,
                            int expected, const struct appl_event *ev,
                            int64_t user_id)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "UPDATE applications SET state = $1, next_step = $2,"
        " before_return = $3, promised_at = $4, provisional = $5,"
        " minutes_left = $6, completed_at = $7, collected_by = $8,"
        " returned_at = $11, paused_minutes = $12,"
        " version = version + 1 WHERE id = $9 AND version = $10",
        DV_TEXT(appl_state_code(a->state)), DV_INT(a->next_step),
        a->state == APPL_RETURNED ? DV_TEXT(appl_state_code(a->before_return))
                                  : DV_NULL,
        DV_INT(a->promised_at), DV_INT(a->provisional ? 1 : 0),
        a->state == APPL_RETURNED ? DV_INT(a->minutes_left) : DV_NULL,
        a->completed_at ? DV_INT(a->completed_at) : DV_NULL,
        DV_TEXT(a->collected_by), DV_INT(a->id), DV_INT(expected),
        a->returned_at ? DV_INT(a->returned_at) : DV_NULL,
        DV_INT(a->paused_minutes));
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO application_events (application_id, at,"
                    " user_id, actor, action, step_code, state_after,"
                    " promised_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                    " $8, $9)",
                    DV_INT(a->id), DV_INT(ev->at),
                    user_id ? DV_INT(user_id) : DV_NULL, DV_TEXT(ev->actor),
                    DV_TEXT(ev->action), DV_TEXT(ev->step_code),
                    DV_TEXT(appl_state_code(ev->state_after)),
                    ev->promised_at ? DV_INT(ev->promised_at) : DV_NULL,
                    DV_TEXT(ev->note));
    return rc;
}

/* The WHERE clause shared by list and count: $1..$7. */
#define APPL_WHERE                                                             \
    " WHERE ($1 = 0 OR a.office_id = $1)"                                      \
    "   AND (CAST($2 AS TEXT) IS NULL OR v.agency_code = $2)"                  \
    "   AND ($3 = 0 OR a.state NOT IN ('handed_over', 'rejected'))"            \
    "   AND (CAST($4 AS TEXT) IS NULL OR a.state = $4)"                        \
    "   AND (CAST($5 AS TEXT) IS NULL OR a.regno = $5 OR a.nik = $5"           \
    "        OR lower(a.citizen_name) LIKE lower($6) ESCAPE '\\')"             \
    "   AND ($7 = 0 OR a.service_id = $7)"

enum err applications_list(struct db *db, struct arena *ar,
                           const struct appl_filter *f,
                           struct application **items, size_t *n_items)
{
    const char *state =
        f->state >= 0 ? appl_state_code((enum appl_state)f->state) : NULL;
    const char *q = f->q && *f->q ? f->q : NULL;
    struct db_rows r;
    enum err rc = db_get_list(
        db, ar, appl_row, sizeof(**items), &r,
        "SELECT " APPL_COLS APPL_FROM APPL_WHERE
        " ORDER BY a.promised_at, a.id LIMIT $8",
        DV_INT(f->office_id), DV_TEXT(f->agency), DV_INT(f->open_only),
        DV_TEXT(state), DV_TEXT(q), DV_TEXT(q ? db_like_contains(ar, q) : NULL),
        DV_INT(f->service_id),
        DV_INT(f->limit > 0 && f->limit <= 1000 ? f->limit : 200));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

/* One row of the count per state: add it to the counts (ctx). */
static void count_state(struct db_stmt *st, void *ctx)
{
    int64_t *counts = ctx;
    enum appl_state s;
    if (appl_state_parse(db_col_text(st, 0), &s))
        counts[s] = db_col_int(st, 1);
}

enum err applications_count_states(struct db *db, const struct appl_filter *f,
                                   int64_t counts[APPL_STATE__COUNT])
{
    memset(counts, 0, sizeof(int64_t) * APPL_STATE__COUNT);
    return db_each(db, count_state, counts,
                   "SELECT a.state, COUNT(*) FROM applications a"
                   " JOIN service_versions v ON v.service_id = a.service_id"
                   "  AND v.version = a.service_version" APPL_WHERE
                   " GROUP BY a.state",
                   DV_INT(f->office_id), DV_TEXT(f->agency), DV_INT(0), DV_NULL,
                   DV_NULL, DV_NULL, DV_INT(f->service_id));
}

enum err applications_open_same(struct db *db, const char *nik,
                                const char *service_code, int64_t *count)
{
    return db_int(db, count,
                  /* "+a.service_id": look applications up by NIK, not by
                   * service (SQLite without statistics would scan every
                   * application of the service; see bench/). */
                  "SELECT COUNT(*) FROM applications a JOIN services s ON"
                  " s.id = +a.service_id WHERE a.nik = $1 AND s.code = $2"
                  " AND a.state NOT IN ('handed_over', 'rejected', 'ready')",
                  DV_TEXT(nik), DV_TEXT(service_code));
}

enum err applications_office_of(struct db *db, const char *regno,
                                int64_t *office_id)
{
    return db_int(db, office_id,
                  "SELECT office_id FROM applications WHERE regno = $1",
                  DV_TEXT(regno));
}

enum err applications_oversight_list(struct db *db, struct arena *a,
                                     const struct appl_list_filter *f,
                                     struct application **items,
                                     size_t *n_items)
{
/* One office ($1, its rows by applications_office) or every office ($1 is
 * 0): two texts, since SQLite cannot use "($1 = 0 OR a.office_id = $1)"
 * as an index constraint when $1 is a bound parameter. */
#define OVER_WHERE(OFF)                                                        \
    " WHERE " OFF " AND (CAST($2 AS TEXT) IS NULL OR"                          \
    " substr(o.region_code, 1, 8) = $2)"                                       \
    " AND ($3 = 0 OR a.service_id = $3)"                                       \
    " AND (CAST($7 AS TEXT) IS NULL OR a.state = $7)"
#define OPEN_LATE                                                              \
    " AND a.state IN ('received', 'verified', 'in_process', 'signed')"         \
    " AND a.promised_at < $4 AND a.submitted_at < $5"
#define LATE                                                                   \
    " AND a.completed_at >= $4 AND a.completed_at < $5 AND"                    \
    " a.completed_at > a.promised_at"
#define DONE " AND a.completed_at >= $4 AND a.completed_at < $5"
#define RECV " AND a.submitted_at >= $4 AND a.submitted_at < $5"
#define BY3(OFF, COND, ORDER)                                                  \
    {                                                                          \
        "SELECT " APPL_COLS APPL_FROM OVER_WHERE(OFF) COND " ORDER BY " ORDER  \
                                                           ", a.id LIMIT $6",  \
            "SELECT " APPL_COLS APPL_FROM OVER_WHERE(OFF) COND                 \
            " ORDER BY o.code, " ORDER ", a.id LIMIT $6",                      \
            "SELECT " APPL_COLS APPL_FROM OVER_WHERE(OFF) COND                 \
            " ORDER BY s.code, " ORDER ", a.id LIMIT $6"                       \
    }
#define KINDS(OFF)                                                             \
    {                                                                          \
        [APPL_LIST_OVERDUE] = BY3(OFF, OPEN_LATE, "a.promised_at"),            \
        [APPL_LIST_LATE] =                                                     \
            BY3(OFF, LATE, "a.completed_at - a.promised_at DESC"),             \
        [APPL_LIST_COMPLETED] = BY3(OFF, DONE, "a.completed_at DESC"),         \
        [APPL_LIST_RECEIVED] = BY3(OFF, RECV, "a.submitted_at DESC"),          \
    }
    /* [one office][kind][sort]: sort orders are literals, never spliced. */
    static const char *const sql[2][4][3] = {KINDS("$1 = 0"),
                                             KINDS("a.office_id = $1")};
#undef KINDS
#undef BY3
#undef OPEN_LATE
#undef LATE
#undef DONE
#undef RECV
#undef OVER_WHERE
    int kind = (int)f->kind, sort = (int)f->sort;
    if (kind < 0 || kind > 3 || sort < 0 || sort > 2)
        return ERR_INVALID;
    bool overdue = f->kind == APPL_LIST_OVERDUE;
    struct db_rows r;
    enum err rc =
        db_get_list(db, a, appl_row, sizeof(struct application), &r,
                    sql[f->office_id != 0][kind][sort], DV_INT(f->office_id),
                    DV_TEXT(f->district), DV_INT(f->service_id),
                    DV_INT(overdue ? f->now : f->from_at),
                    DV_INT(overdue ? f->now + 1 : f->to_at),
                    DV_INT(f->limit > 0 && f->limit <= 1000 ? f->limit : 200),
                    DV_TEXT(f->state));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

static void officer_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct appl_officer *o = out;
    o->login = arena_strdup(a, db_col_text(st, 0));
    o->full_name = arena_strdup(a, db_col_text(st, 1));
    if (!role_parse(db_col_text(st, 2), &o->role))
        o->role = ROLE__COUNT;
    o->steps = db_col_int(st, 3);
    o->open_handled = db_col_int(st, 4);
}

enum err applications_officers(struct db *db, struct arena *a,
                               int64_t office_id, int64_t from_at,
                               int64_t to_at, struct appl_officer **items,
                               size_t *n_items)
{
    /* One pass over the office's events, grouped by the user who wrote
     * them, joined to the office's users (also those without events). */
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, officer_row, sizeof(struct appl_officer), &r,
        "SELECT u.login, u.full_name, u.role, COALESCE(w.steps, 0),"
        " COALESCE(w.open_handled, 0) FROM users u LEFT JOIN (SELECT"
        " e.user_id AS user_id, SUM(CASE WHEN e.at >= $2 AND e.at < $3"
        " THEN 1 ELSE 0 END) AS steps, COUNT(DISTINCT CASE WHEN a.state NOT"
        " IN ('handed_over', 'rejected') THEN a.id END) AS open_handled FROM "
        "applications a JOIN"
        " application_events e ON e.application_id = a.id WHERE"
        " a.office_id = $1 AND e.user_id IS NOT NULL GROUP BY e.user_id) w"
        " ON w.user_id = u.id WHERE u.office_id = $1 AND u.disabled = 0"
        " ORDER BY u.login",
        DV_INT(office_id), DV_INT(from_at), DV_INT(to_at));
    *items = r.items;
    *n_items = r.n;
    return rc;
}
