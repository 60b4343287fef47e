/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notify.c: consent, webhooks, the outbox (see notify.h). */
#include "store/notify.h"

#include <string.h>

#include "base/arena.h"
#include "store/db.h"

static const struct {
    const char *code, *id, *en;
} states[NST__COUNT] = {
    [NST_QUEUED] = {"queued", "Menunggu", "Queued"},
    [NST_SENDING] = {"sending", "Sedang dikirim", "Sending"},
    [NST_SENT] = {"sent", "Terkirim", "Sent"},
    [NST_FAILED] = {"failed", "Gagal", "Failed"},
    [NST_CANCELLED] = {"cancelled", "Dibatalkan", "Cancelled"},
};

const char *notify_state_code(enum notify_state s)
{
    return (unsigned)s < NST__COUNT ? states[s].code : "unknown";
}

bool notify_state_parse(const char *code, enum notify_state *out)
{
    for (int i = 0; code && i < NST__COUNT; i++) {
        if (strcmp(code, states[i].code) == 0) {
            *out = (enum notify_state)i;
            return true;
        }
    }
    return false;
}

const char *notify_state_name(enum notify_state s, enum lang lang)
{
    return (unsigned)s < NST__COUNT ? L(lang, states[s].id, states[s].en) : "?";
}

/* ---- Consent --------------------------------------------------------- */

enum err notify_sub_add(struct db *db, struct notify_sub *s)
{
    return db_int(db, &s->id,
                  "INSERT INTO notify_subscriptions (kind, ref_id, channel,"
                  " address, lang, token, created_at) VALUES ($1, $2, $3, $4,"
                  " $5, $6, $7) RETURNING id",
                  DV_TEXT(s->kind), DV_INT(s->ref_id),
                  DV_TEXT(notify_channel_code(s->channel)), DV_TEXT(s->address),
                  DV_TEXT(lang_code(s->lang)), DV_TEXT(s->token),
                  DV_INT(s->created_at));
}

#define SUB_COLS                                                               \
    "id, kind, ref_id, channel, address, lang, token, created_at, stopped_at," \
    " CASE kind WHEN 'application' THEN (SELECT regno FROM applications a"     \
    " WHERE a.id = ref_id) ELSE (SELECT number FROM complaints k WHERE k.id =" \
    " ref_id) END"

static void sub_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct notify_sub *s = out;
    s->id = db_col_int(st, 0);
    s->kind = arena_strdup(a, db_col_text(st, 1));
    s->ref_id = db_col_int(st, 2);
    if (!notify_channel_parse(db_col_text(st, 3), &s->channel))
        s->channel = NCH_SMS;
    s->address = arena_strdup(a, db_col_text(st, 4));
    if (!lang_parse(db_col_text(st, 5), &s->lang))
        s->lang = LANG_ID;
    s->token = arena_strdup(a, db_col_text(st, 6));
    s->created_at = db_col_int(st, 7);
    s->stopped_at = db_col_int(st, 8);
    s->number = arena_strdup(a, db_col_text(st, 9));
}

enum err notify_subs_of(struct db *db, struct arena *a, const char *kind,
                        int64_t ref_id, struct notify_sub **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, sub_row, sizeof(struct notify_sub), &r,
                              "SELECT " SUB_COLS " FROM notify_subscriptions"
                              " WHERE kind = $1 AND ref_id = $2 AND stopped_at"
                              " IS NULL ORDER BY id",
                              DV_TEXT(kind), DV_INT(ref_id));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err notify_sub_get(struct db *db, struct arena *a, int64_t id,
                        struct notify_sub *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, sub_row, out,
                      "SELECT " SUB_COLS " FROM notify_subscriptions WHERE"
                      " id = $1",
                      DV_INT(id));
}

enum err notify_sub_by_token(struct db *db, struct arena *a, const char *token,
                             struct notify_sub *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, sub_row, out,
                      "SELECT " SUB_COLS " FROM notify_subscriptions WHERE"
                      " token = $1",
                      DV_TEXT(token));
}

enum err notify_subs_stop_ref(struct db *db, const char *kind, int64_t ref_id,
                              int64_t now, int64_t *changed)
{
    return db_run(db, changed,
                  "UPDATE notify_subscriptions SET stopped_at = $3 WHERE"
                  " kind = $1 AND ref_id = $2 AND stopped_at IS NULL",
                  DV_TEXT(kind), DV_INT(ref_id), DV_INT(now));
}

enum err notify_subs_stop_address(struct db *db, enum notify_channel ch,
                                  const char *address, int64_t now,
                                  int64_t *changed)
{
    return db_run(db, changed,
                  "UPDATE notify_subscriptions SET stopped_at = $3 WHERE"
                  " channel = $1 AND address = $2 AND stopped_at IS NULL",
                  DV_TEXT(notify_channel_code(ch)), DV_TEXT(address),
                  DV_INT(now));
}

/* ---- Webhooks -------------------------------------------------------- */

enum err webhooks_add(struct db *db, struct webhook *w, int64_t created_by)
{
    return db_int(db, &w->id,
                  "INSERT INTO webhooks (url, events, secret, label,"
                  " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6)"
                  " RETURNING id",
                  DV_TEXT(w->url), DV_TEXT(w->events), DV_TEXT(w->secret),
                  DV_TEXT(w->label), DV_INT(w->created_at),
                  created_by ? DV_INT(created_by) : DV_NULL);
}

#define HOOK_COLS "id, url, events, secret, label, created_at, revoked_at"

static void hook_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct webhook *w = out;
    w->id = db_col_int(st, 0);
    w->url = arena_strdup(a, db_col_text(st, 1));
    w->events = arena_strdup(a, db_col_text(st, 2));
    w->secret = arena_strdup(a, db_col_text(st, 3));
    w->label = arena_strdup(a, db_col_text(st, 4));
    w->created_at = db_col_int(st, 5);
    w->revoked_at = db_col_int(st, 6);
}

enum err webhooks_get(struct db *db, struct arena *a, int64_t id,
                      struct webhook *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, hook_row, out,
                      "SELECT " HOOK_COLS " FROM webhooks WHERE id = $1",
                      DV_INT(id));
}

enum err webhooks_list(struct db *db, struct arena *a, bool active_only,
                       struct webhook **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, hook_row, sizeof(struct webhook), &r,
                              "SELECT " HOOK_COLS " FROM webhooks WHERE $1 = 0"
                              " OR revoked_at IS NULL ORDER BY id DESC",
                              DV_INT(active_only ? 1 : 0));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err webhooks_revoke(struct db *db, int64_t id, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE webhooks SET revoked_at = $2 WHERE id = $1"
                         " AND revoked_at IS NULL",
                         DV_INT(id), DV_INT(now));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

/* ---- The outbox ------------------------------------------------------ */

enum err notify_outbox_put(struct db *db, struct notify_msg *m)
{
    return db_int(
        db, &m->id,
        "INSERT INTO notify_outbox (idem_key, channel, recipient,"
        " webhook_id, subscription_id, event, ref_no, subject, body,"
        " created_at, state, attempts, next_at) VALUES ($1, $2, $3,"
        " $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $10) RETURNING"
        " id",
        DV_TEXT(m->idem_key), DV_TEXT(notify_channel_code(m->channel)),
        DV_TEXT(m->recipient), m->webhook_id ? DV_INT(m->webhook_id) : DV_NULL,
        m->subscription_id ? DV_INT(m->subscription_id) : DV_NULL,
        DV_TEXT(m->event), DV_TEXT(m->ref_no),
        DV_TEXT(m->subject ? m->subject : ""), DV_TEXT(m->body),
        DV_INT(m->created_at));
}

#define MSG_COLS                                                               \
    "id, idem_key, channel, recipient, webhook_id, subscription_id, event,"    \
    " ref_no, subject, body, created_at, state, attempts, next_at, sent_at,"   \
    " last_error, last_error_at"

static void msg_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct notify_msg *m = out;
    int k = 0;
    m->id = db_col_int(st, k++);
    m->idem_key = arena_strdup(a, db_col_text(st, k++));
    if (!notify_channel_parse(db_col_text(st, k++), &m->channel))
        m->channel = NCH_SMS;
    m->recipient = arena_strdup(a, db_col_text(st, k++));
    m->webhook_id = db_col_int(st, k++);
    m->subscription_id = db_col_int(st, k++);
    m->event = arena_strdup(a, db_col_text(st, k++));
    m->ref_no = arena_strdup(a, db_col_text(st, k++));
    m->subject = arena_strdup(a, db_col_text(st, k++));
    m->body = arena_strdup(a, db_col_text(st, k++));
    m->created_at = db_col_int(st, k++);
    if (!notify_state_parse(db_col_text(st, k++), &m->state))
        m->state = NST_FAILED;
    m->attempts = (int)db_col_int(st, k++);
    m->next_at = db_col_int(st, k++);
    m->sent_at = db_col_int(st, k++);
    m->last_error = arena_strdup(a, db_col_text(st, k++));
    m->last_error_at = db_col_int(st, k++);
}

enum err notify_outbox_get(struct db *db, struct arena *a, int64_t id,
                           struct notify_msg *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, msg_row, out,
                      "SELECT " MSG_COLS " FROM notify_outbox WHERE id = $1",
                      DV_INT(id));
}

/* The first column as an id. */
static void id_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    *(int64_t *)out = db_col_int(st, 0);
}

enum err notify_outbox_claim(struct db *db, struct arena *a, int64_t now,
                             int64_t lease_s, const char *owner, bool sms,
                             bool email, struct notify_msg *out, bool *got)
{
    *got = false;
    memset(out, 0, sizeof(*out));
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, id_row, sizeof(int64_t), &r,
        "SELECT id FROM notify_outbox WHERE state IN ('queued', 'sending')"
        " AND next_at <= $1 AND (channel <> 'sms' OR $2 = 1) AND (channel <>"
        " 'email' OR $3 = 1) ORDER BY next_at, id LIMIT 16",
        DV_INT(now), DV_INT(sms ? 1 : 0), DV_INT(email ? 1 : 0));
    const int64_t *ids = r.items;
    for (size_t i = 0; rc == ERR_OK && i < r.n; i++) {
        int64_t changed = 0;
        /* The guard: still due, whoever else looked at it meanwhile. */
        rc = db_run(db, &changed,
                    "UPDATE notify_outbox SET state = 'sending', attempts ="
                    " attempts + 1, next_at = $3, lease_owner = $4 WHERE id ="
                    " $1 AND state IN ('queued', 'sending') AND next_at <= $2",
                    DV_INT(ids[i]), DV_INT(now), DV_INT(now + lease_s),
                    DV_TEXT(owner));
        if (rc == ERR_OK && changed == 1) {
            rc = notify_outbox_get(db, a, ids[i], out);
            *got = rc == ERR_OK;
            return rc;
        }
    }
    return rc;
}

enum err notify_outbox_sent(struct db *db, int64_t id, const char *owner,
                            int64_t now, bool *kept)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE notify_outbox SET state = 'sent', sent_at ="
                         " $3, lease_owner = NULL WHERE id = $1 AND"
                         " lease_owner = $2 AND state = 'sending'",
                         DV_INT(id), DV_TEXT(owner), DV_INT(now));
    *kept = changed == 1;
    return rc;
}

enum err notify_outbox_failed(struct db *db, int64_t id, const char *owner,
                              int64_t now, int64_t next_at, bool give_up,
                              bool cancel, const char *error)
{
    const char *state = cancel ? "cancelled" : give_up ? "failed" : "queued";
    return db_run(db, NULL,
                  "UPDATE notify_outbox SET state = $3, next_at = $4,"
                  " lease_owner = NULL, last_error = $5, last_error_at = $6"
                  " WHERE id = $1 AND lease_owner = $2 AND state = 'sending'",
                  DV_INT(id), DV_TEXT(owner), DV_TEXT(state), DV_INT(next_at),
                  DV_TEXT(error), DV_INT(now));
}

enum err notify_outbox_resend(struct db *db, int64_t id, int64_t now)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE notify_outbox SET state = 'queued', attempts"
                         " = 0, next_at = $2 WHERE id = $1 AND state ="
                         " 'failed'",
                         DV_INT(id), DV_INT(now));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

enum err notify_outbox_list(struct db *db, struct arena *a,
                            const struct notify_outbox_filter *f,
                            struct notify_msg **items, size_t *n)
{
    struct db_rows r;
    int limit = f->limit < 1 ? 1 : f->limit > 1000 ? 1000 : f->limit;
    enum err rc = db_get_list(
        db, a, msg_row, sizeof(struct notify_msg), &r,
        "SELECT " MSG_COLS " FROM notify_outbox WHERE (CAST($1 AS TEXT) IS"
        " NULL OR state = $1) AND (CAST($2 AS TEXT) IS NULL OR channel = $2)"
        " AND (CAST($3 AS TEXT) IS NULL OR ref_no = $3) ORDER BY id DESC"
        " LIMIT $4",
        DV_TEXT(f->state >= 0 ? notify_state_code((enum notify_state)f->state)
                              : NULL),
        DV_TEXT(f->channel >= 0
                    ? notify_channel_code((enum notify_channel)f->channel)
                    : NULL),
        DV_TEXT(f->ref_no), DV_INT(limit));
    *items = r.items;
    *n = r.n;
    return rc;
}

/* One (channel, state) count of the outbox (ctx: struct notify_stats). */
static void state_count_row(struct db_stmt *st, void *ctx)
{
    struct notify_stats *out = ctx;
    enum notify_channel ch;
    enum notify_state s;
    if (!notify_channel_parse(db_col_text(st, 0), &ch) ||
        !notify_state_parse(db_col_text(st, 1), &s))
        return;
    out->count[ch][s] = db_col_int(st, 2);
    if (s == NST_QUEUED)
        out->oldest_queued_at[ch] = db_col_int(st, 3);
}

/* One channel's sending of the last day (ctx: struct notify_stats). */
static void latency_row(struct db_stmt *st, void *ctx)
{
    struct notify_stats *out = ctx;
    enum notify_channel ch;
    if (!notify_channel_parse(db_col_text(st, 0), &ch))
        return;
    int64_t k = db_col_int(st, 1);
    out->sent_day[ch] = k;
    out->latency_avg_s[ch] = k ? db_col_int(st, 2) / k : 0;
    out->latency_max_s[ch] = db_col_int(st, 3);
}

/* A channel's last error: its text (arena) and when. */
struct last_error {
    const char *text; /* arena */
    int64_t at;       /* Unix seconds */
};

static void last_error_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct last_error *e = out;
    e->text = arena_strdup(a, db_col_text(st, 0));
    e->at = db_col_int(st, 1);
}

enum err notify_outbox_stats(struct db *db, struct arena *a, int64_t now,
                             struct notify_stats *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = db_each(db, state_count_row, out,
                          "SELECT channel, state, COUNT(*), MIN(created_at)"
                          " FROM notify_outbox WHERE id > $1 GROUP BY"
                          " channel, state",
                          DV_INT(0));
    if (rc == ERR_OK)
        rc = db_each(db, latency_row, out,
                     "SELECT channel, COUNT(*), SUM(sent_at - created_at),"
                     " MAX(sent_at - created_at) FROM notify_outbox WHERE"
                     " state = 'sent' AND sent_at >= $1 GROUP BY channel",
                     DV_INT(now - 86400));
    for (int ch = 0; rc == ERR_OK && ch < NCH__COUNT; ch++) {
        struct last_error e = {0};
        rc = db_get_one(db, a, last_error_row, &e,
                        "SELECT last_error, last_error_at FROM notify_outbox"
                        " WHERE channel = $1 AND last_error_at IS NOT NULL"
                        " ORDER BY last_error_at DESC LIMIT 1",
                        DV_TEXT(notify_channel_code((enum notify_channel)ch)));
        if (rc == ERR_NOT_FOUND) {
            rc = ERR_OK; /* no error on this channel */
        } else if (rc == ERR_OK) {
            out->last_error[ch] = e.text;
            out->last_error_at[ch] = e.at;
        }
    }
    return rc;
}

/* ---- Late notices ---------------------------------------------------- */

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = arena_strdup(a, db_col_text(st, 0));
}

enum err notify_late_candidates(struct db *db, struct arena *a, int64_t since,
                                int64_t now, int limit, const char ***regnos,
                                size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, text_row, sizeof(const char *), &r,
        "SELECT a.regno FROM applications a WHERE a.state IN ('received',"
        " 'verified', 'in_process', 'signed') AND a.promised_at >= $1 AND"
        " a.promised_at < $2 AND NOT EXISTS (SELECT 1 FROM notify_late l"
        " WHERE l.application_id = a.id) ORDER BY a.promised_at LIMIT $3",
        DV_INT(since), DV_INT(now), DV_INT(limit));
    *regnos = r.items;
    *n = r.n;
    return rc;
}

enum err notify_late_claim(struct db *db, int64_t application_id, int64_t now,
                           bool *claimed)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "INSERT INTO notify_late (application_id, at) VALUES"
                         " ($1, $2) ON CONFLICT (application_id) DO NOTHING",
                         DV_INT(application_id), DV_INT(now));
    *claimed = changed == 1;
    return rc;
}
