/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* queue.c: the counter queue's services (see queue.h). */
#include "svc/queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/calendar.h"
#include "core/contact.h"
#include "core/regno.h"
#include "store/applications.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/throttle.h"
#include "store/workcal.h"
#include "svc/guard.h"

#define NAME_MAX_CHARS 100

/* A small non-negative integer written in decimal. */
static bool str_to_int_s(const char *s, int64_t *out)
{
    *out = 0;
    if (!s || !*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || *out > 1000000)
            return false;
        *out = *out * 10 + (*s - '0');
    }
    return true;
}

static int64_t local_days(int64_t t, int offset_min)
{
    int64_t local = t + (int64_t)offset_min * 60;
    return local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
}

/* The active group of code, or false. */
static bool find_group(const struct queue_group *g, size_t n, char code,
                       struct queue_group *out)
{
    for (size_t i = 0; i < n; i++) {
        if (g[i].code[0] == code) {
            *out = g[i];
            return true;
        }
    }
    return false;
}

static const char *device_key(const struct svc_ctx *c, int64_t device_id)
{
    return arena_printf(c->arena, "queue:device:%lld", (long long)device_id);
}

/* Check the booking code typed for a ticket at o now. */
static enum err check_booking(const struct svc_ctx *c, const struct office *o,
                              const char *typed, const char *today,
                              struct field_errors *fe, struct queue_booking *b,
                              bool *throttled)
{
    struct arena *a = c->arena;
    *throttled = false;
    char code[QUEUE_BOOKING_LEN + 1];
    if (!queue_booking_code_parse(typed, code)) {
        /* A typing error (wrong length or letters never used): answered
         * at once, not counted. */
        ferr_add(fe, a, "booking", "invalid_booking",
                 "Kode booking terdiri dari 8 huruf dan angka, mis. "
                 "K7QM-9XPA.",
                 "A booking code is 8 letters and digits, e.g. K7QM-9XPA.");
        return ERR_OK;
    }
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK || blocked) {
        *throttled = blocked;
        return rc;
    }
    rc = queue_booking_by_code(c->db, a, code, b);
    if (rc == ERR_NOT_FOUND) {
        ferr_add(fe, a, "booking", "unknown_booking",
                 "Kode booking tidak dikenal.", "Unknown booking code.");
        return guard_failed(c, NULL);
    }
    if (rc != ERR_OK)
        return rc;
    if (b->office_id != o->id) {
        ferr_add(fe, a, "booking", "other_office",
                 arena_printf(a, "Booking ini untuk %s.", b->office_name),
                 arena_printf(a, "This booking is for %s.", b->office_name));
    } else if (b->state == BOOKING_CHECKED_IN) {
        ferr_add(fe, a, "booking", "booking_used",
                 "Kode booking ini sudah dipakai untuk nomor antrean.",
                 "This booking code has already been turned into a ticket.");
    } else if (b->state != BOOKING_BOOKED) {
        ferr_add(fe, a, "booking", "booking_released",
                 "Booking ini sudah dibatalkan atau lewat waktunya. Ambil "
                 "nomor antrean biasa.",
                 "This booking was cancelled or its time has passed. Take "
                 "an ordinary ticket.");
    } else if (strcmp(b->day, today) != 0 ||
               c->now < b->slot_start - QUEUE_BOOKING_EARLY_S) {
        ferr_add(fe, a, "booking", "booking_not_today",
                 arena_printf(a,
                              "Booking ini untuk tanggal %s pukul %s; "
                              "datanglah pada hari itu.",
                              b->day, b->slot),
                 arena_printf(a,
                              "This booking is for %s at %s; come on that "
                              "day.",
                              b->day, b->slot));
    } else if (c->now > b->slot_end + QUEUE_BOOKING_GRACE_S) {
        ferr_add(fe, a, "booking", "booking_late",
                 "Waktu booking ini sudah lewat. Ambil nomor antrean biasa.",
                 "The time of this booking has passed. Take an ordinary "
                 "ticket.");
    }
    return ERR_OK;
}

enum err queue_issue(const struct svc_ctx *c, const struct queue_issue_in *in,
                     struct field_errors *fe, struct queue_issued *out,
                     enum queue_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = QO_INVALID;
    struct arena *a = c->arena;
    const struct office *o = in->office;
    const char *today = svc_today(c);
    if (!office_is_service_point(o, today))
        ferr_add(fe, a, "office", "not_a_service_point",
                 "Kantor ini belum menjadi titik layanan.",
                 "This office is not a service point yet.");
    struct queue_group *groups = NULL;
    size_t n_groups = 0;
    enum err rc = queue_groups_list(c->db, a, true, &groups, &n_groups);
    if (rc != ERR_OK)
        return rc;
    struct queue_booking b = {0};
    bool booked = in->booking && *in->booking;
    char group = '\0';
    if (booked) {
        bool throttled = false;
        rc = check_booking(c, o, in->booking, today, fe, &b, &throttled);
        if (rc != ERR_OK)
            return rc;
        if (throttled) {
            *outcome = QO_THROTTLED;
            return ERR_OK;
        }
        group = b.group;
    } else if (queue_group_valid(in->group)) {
        group = in->group[0];
    }
    if (!ferr_any(fe) && !find_group(groups, n_groups, group, &out->group))
        ferr_add(fe, a, "group", "unknown_group", "Pilih kelompok layanan.",
                 "Choose the service group.");
    if (ferr_any(fe))
        return ERR_OK;
    if (in->device_id) {
        int64_t n = 0;
        rc = throttle_count(c->db, device_key(c, in->device_id), 3600, c->now,
                            &n);
        if (rc != ERR_OK)
            return rc;
        if (n >= QUEUE_RATE_DEVICE_MAX) {
            *outcome = QO_RATE_LIMITED;
            return ERR_OK;
        }
    }

    char *token = arena_alloc(a, QUEUE_TOKEN_HEX + 1);
    crypto_random_hex(token, QUEUE_TOKEN_HEX / 2);
    char hash[65];
    crypto_sha256_hex(token, hash);
    struct queue_ticket *t = &out->ticket;
    t->office_id = o->id;
    t->day = today;
    t->group = group;
    t->priority = in->priority;
    t->booking_id = booked ? b.id : 0;
    t->channel = in->channel;
    t->device_id = in->device_id;
    t->state = QS_WAITING;
    t->issued_at = c->now;
    t->queue_at = booked ? b.slot_start : c->now;
    t->version = 1;
    char *label = arena_alloc(a, QUEUE_LABEL_MAX);
    struct queue_cand *cands = NULL;
    size_t n_cands = 0;
    rc = queue_office_ensure(c->db, o->id, c->now);
    if (rc == ERR_OK)
        rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = queue_office_touch(c->db, o->id, c->now, NULL);
    if (rc == ERR_OK)
        rc = queue_next_number(c->db, o->id, today, group, &t->number);
    if (rc == ERR_OK && !queue_label(group, t->number, label))
        rc = ERR_INVALID;
    t->label = label;
    if (rc == ERR_OK)
        rc = queue_ticket_insert(c->db, t, hash);
    if (rc == ERR_OK)
        rc = queue_event_add(c->db, t, c->now, svc_actor(c), "issue", 0,
                             booked ? b.code : NULL);
    if (rc == ERR_OK && booked) {
        bool moved = false;
        rc = queue_booking_move(c->db, b.id, BOOKING_BOOKED, BOOKING_CHECKED_IN,
                                t->id, c->now, &moved);
        if (rc == ERR_OK && !moved)
            rc = ERR_BUSY; /* used at the same moment elsewhere */
    }
    if (rc == ERR_OK)
        rc = queue_waiting(c->db, a, o->id, today, &cands, &n_cands);
    if (rc == ERR_OK) {
        struct queue_cand me = {t->id, group, t->priority, t->queue_at,
                                0,     today, QS_WAITING};
        out->ahead = (int64_t)queue_ahead(cands, n_cands, &me, today);
    }
    if (rc == ERR_OK && in->device_id) {
        int64_t n = 0;
        rc =
            throttle_hit(c->db, device_key(c, in->device_id), 3600, c->now, &n);
    }
    if (rc == ERR_OK)
        rc = svc_replay_record_secret(
            c, arena_printf(a, "%lld", (long long)t->id), token);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_BUSY && booked) {
        ferr_add(fe, a, "booking", "booking_used",
                 "Kode booking ini sudah dipakai untuk nomor antrean.",
                 "This booking code has already been turned into a ticket.");
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    out->token = token;
    *outcome = QO_DONE;
    return ERR_OK;
}

enum err queue_setup(const struct svc_ctx *c, const struct office *o,
                     struct queue_group **groups, size_t *n_groups,
                     struct queue_counter **counters, size_t *n_counters)
{
    enum err rc = queue_groups_list(c->db, c->arena, true, groups, n_groups);
    if (rc == ERR_OK)
        rc = queue_counters_list(c->db, c->arena, o->id, false, counters,
                                 n_counters);
    if (rc == ERR_OK && *n_counters == 0 &&
        office_is_service_point(o, svc_today(c))) {
        rc = queue_office_ensure(c->db, o->id, c->now);
        if (rc == ERR_OK)
            rc = queue_counters_list(c->db, c->arena, o->id, false, counters,
                                     n_counters);
    }
    return rc;
}

enum err queue_call_next(const struct svc_ctx *c, const struct queue_counter *k,
                         struct queue_ticket *out, enum queue_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = QO_NOT_ALLOWED;
    if (!k->active)
        return ERR_OK;
    const char *today = svc_today(c);
    struct queue_cand *cands = NULL;
    size_t n = 0;
    enum err rc = queue_office_ensure(c->db, k->office_id, c->now);
    if (rc == ERR_OK)
        rc = db_begin(c->db);
    /* The office's lock first: the calls of one office, one at a time. */
    if (rc == ERR_OK)
        rc = queue_office_touch(c->db, k->office_id, c->now, NULL);
    if (rc == ERR_OK) {
        rc = queue_ticket_at_counter(c->db, c->arena, k->id, today, out);
        if (rc == ERR_OK) {
            db_rollback(c->db);
            *outcome = QO_COUNTER_BUSY;
            return ERR_OK;
        }
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    if (rc == ERR_OK)
        rc = queue_waiting(c->db, c->arena, k->office_id, today, &cands, &n);
    if (rc == ERR_OK) {
        long pick = queue_pick(cands, n, k->id, k->serves, today);
        if (pick < 0) {
            db_rollback(c->db);
            *outcome = QO_NOBODY;
            return ERR_OK;
        }
        rc = queue_ticket_get(c->db, c->arena, cands[pick].id, out);
    }
    struct queue_pos cur = {out->state, out->calls}, next;
    if (rc == ERR_OK && queue_check(&cur, QA_CALL, &next) != QV_OK)
        rc = ERR_CONFLICT; /* cannot happen under the lock */
    int expected = out->version;
    if (rc == ERR_OK) {
        out->state = next.state;
        out->calls = next.calls;
        out->counter_id = k->id;
        out->counter_code = k->code;
        out->counter_name = k->name;
        out->transfer_counter_id = 0;
        out->transfer_code = NULL;
        if (!out->called_at)
            out->called_at = c->now; /* the first call: the wait ends */
        out->last_called_at = c->now;
        rc = queue_ticket_update(c->db, out, expected);
    }
    if (rc == ERR_OK)
        rc = queue_event_add(c->db, out, c->now, svc_actor(c), "call", k->id,
                             NULL);
    rc = db_tx_end(c->db, rc);
    if (rc != ERR_OK)
        return rc;
    out->version = expected + 1;
    *outcome = QO_DONE;
    return ERR_OK;
}

enum err queue_act(const struct svc_ctx *c, struct queue_ticket *t,
                   enum queue_action action, const struct queue_counter *to,
                   const char *regno, int expected, enum queue_outcome *outcome)
{
    *outcome = QO_NOT_ALLOWED;
    if (action == QA_CALL || action == QA_EXPIRE)
        return ERR_OK; /* calls go through queue_call_next(), expiry the jobs */
    struct queue_pos cur = {t->state, t->calls}, next;
    switch (queue_check(&cur, action, &next)) {
    case QV_OK:
        break;
    case QV_TOO_EARLY:
        *outcome = QO_TOO_EARLY;
        return ERR_OK;
    case QV_CALLS_USED:
        *outcome = QO_CALLS_USED;
        return ERR_OK;
    case QV_WRONG_STATE:
    default:
        return ERR_OK;
    }
    struct queue_ticket n = *t;
    n.state = next.state;
    n.calls = next.calls;
    const char *note = NULL;
    int64_t event_counter = t->counter_id;
    enum err rc = ERR_OK;
    switch (action) {
    case QA_RECALL:
        n.last_called_at = c->now;
        break;
    case QA_NO_SHOW:
        n.ended_at = c->now;
        break;
    case QA_START:
        n.started_at = c->now;
        break;
    case QA_FINISH:
        n.finished_at = c->now;
        n.served_by = c->who ? c->who->user_id : 0;
        if (regno && *regno) {
            struct application ap;
            rc = applications_get(c->db, c->arena, regno, &ap);
            if (rc == ERR_NOT_FOUND ||
                (rc == ERR_OK && ap.office_id != t->office_id)) {
                *outcome = QO_INVALID;
                return ERR_OK;
            }
            if (rc != ERR_OK)
                return rc;
            n.application_id = ap.id;
            n.regno = ap.regno;
            note = ap.regno;
        }
        break;
    case QA_TRANSFER:
        if (!to || !to->active || to->office_id != t->office_id ||
            to->id == t->counter_id) {
            *outcome = QO_INVALID;
            return ERR_OK;
        }
        n.transfer_counter_id = to->id;
        n.transfer_code = to->code;
        n.counter_id = 0;
        n.counter_code = NULL;
        n.counter_name = NULL;
        event_counter = to->id;
        note = to->code;
        break;
    default:
        return ERR_OK;
    }
    int base = expected > 0 ? expected : t->version;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = queue_office_touch(c->db, t->office_id, c->now, NULL);
    if (rc == ERR_OK)
        rc = queue_ticket_update(c->db, &n, base);
    if (rc == ERR_OK)
        rc = queue_event_add(c->db, &n, c->now, svc_actor(c),
                             queue_action_code(action), event_counter, note);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = QO_STALE;
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    n.version = base + 1;
    *t = n;
    *outcome = QO_DONE;
    return ERR_OK;
}

enum err queue_link_in_tx(const struct svc_ctx *c, int64_t ticket_id,
                          int64_t office_id, int64_t application_id)
{
    struct queue_ticket t;
    enum err rc = queue_ticket_get(c->db, c->arena, ticket_id, &t);
    if (rc == ERR_OK && t.office_id != office_id)
        rc = ERR_NOT_FOUND;
    if (rc == ERR_OK)
        rc = queue_ticket_link(c->db, ticket_id, office_id, application_id);
    if (rc == ERR_OK)
        rc = queue_event_add(c->db, &t, c->now, svc_actor(c), "link",
                             t.counter_id, NULL);
    return rc;
}

enum err queue_where_is(const struct svc_ctx *c, const struct queue_ticket *t,
                        struct queue_where *out)
{
    memset(out, 0, sizeof(*out));
    out->ticket = *t;
    if (t->state != QS_WAITING)
        return ERR_OK;
    struct queue_cand *cands = NULL;
    size_t n = 0;
    enum err rc =
        queue_waiting(c->db, c->arena, t->office_id, t->day, &cands, &n);
    if (rc != ERR_OK)
        return rc;
    struct queue_cand me = {
        t->id,  t->group,  t->priority, t->queue_at, t->transfer_counter_id,
        t->day, QS_WAITING};
    out->ahead = (int64_t)queue_ahead(cands, n, &me, t->day);
    int64_t calls = 0, first = 0;
    rc = queue_pace(c->db, t->office_id, t->day, t->group, &calls, &first);
    if (rc == ERR_OK && strcmp(t->day, svc_today(c)) == 0)
        out->has_estimate = queue_estimate_minutes(out->ahead, calls, first,
                                                   c->now, &out->estimate_min);
    return rc;
}

/* A follow token's SHA-256, or false when it cannot be one. */
static bool token_hash(const char *token, char hash[65])
{
    if (!token || strlen(token) != QUEUE_TOKEN_HEX ||
        strspn(token, "0123456789abcdef") != QUEUE_TOKEN_HEX)
        return false;
    crypto_sha256_hex(token, hash);
    return true;
}

enum err queue_follow(const struct svc_ctx *c, const char *token,
                      struct queue_where *out, enum queue_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = QO_NOT_FOUND;
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        *outcome = QO_THROTTLED;
        return ERR_OK;
    }
    char hash[65];
    struct queue_ticket t;
    rc = token_hash(token, hash)
             ? queue_ticket_by_token(c->db, c->arena, hash, &t)
             : ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND)
        return guard_failed(c, NULL);
    if (rc == ERR_OK)
        rc = queue_where_is(c, &t, out);
    if (rc == ERR_OK)
        *outcome = QO_DONE;
    return rc;
}

/* The slots of o on local day (days since epoch); 0 when closed. */
static size_t slots_of(const struct office *o, int64_t day, int slot_min,
                       int *starts, size_t cap)
{
    int wd = civil_weekday(day);
    return queue_slots(o->hours.open[wd], o->hours.close[wd], slot_min, starts,
                       cap);
}

enum err queue_book_days(const struct svc_ctx *c, const struct office *o,
                         struct queue_book_day **days, size_t *n_days)
{
    struct arena *a = c->arena;
    *days = NULL;
    *n_days = 0;
    struct queue_office cfg;
    struct calendar cal;
    enum err rc = queue_office_get(c->db, o->id, &cfg);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, a, o, &cal);
    if (rc != ERR_OK)
        return rc;
    int64_t today = local_days(c->now, c->utc_offset_min);
    size_t cap = 0;
    for (int64_t d = today; rc == ERR_OK && d <= today + cfg.booking_days;
         d++) {
        bool prov = false;
        char date[16];
        civil_format_date(civil_from_days(d), date);
        if (!cal_is_working_day(&cal, d, &prov) ||
            !office_is_service_point(o, date))
            continue;
        int starts[64];
        size_t n = slots_of(o, d, cfg.slot_minutes, starts, 64);
        struct queue_book_day day = {.date = arena_strdup(a, date),
                                     .weekday = civil_weekday(d)};
        day.slots = arena_alloc(a, (n + 1) * sizeof(*day.slots));
        day.left = arena_alloc(a, (n + 1) * sizeof(*day.left));
        for (size_t i = 0; rc == ERR_OK && i < n; i++) {
            int64_t at = d * 86400 + (int64_t)starts[i] * 60 -
                         (int64_t)c->utc_offset_min * 60;
            if (at <= c->now)
                continue; /* begun already */
            const char *slot =
                arena_printf(a, "%02d:%02d", starts[i] / 60, starts[i] % 60);
            int64_t used = 0;
            rc = queue_slot_used(c->db, o->id, day.date, slot, &used);
            day.slots[day.n_slots] = slot;
            day.left[day.n_slots] =
                used < cfg.slot_quota ? cfg.slot_quota - used : 0;
            day.n_slots++;
        }
        if (day.n_slots == 0)
            continue;
        *days = arena_grow(a, *days, *n_days, &cap, sizeof(**days));
        (*days)[(*n_days)++] = day;
    }
    return rc;
}

static const char *book_key(const struct svc_ctx *c, const char *kind)
{
    return arena_printf(c->arena, "queue:book:%s:%s", kind,
                        c->addr ? c->addr : "");
}

/* The group that serves service s: the first active group listing its
 * category; false when none does. */
static bool group_of_service(const struct queue_group *g, size_t n,
                             const char *category, char *out)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = g[i].categories;
        size_t k = strlen(category);
        while (p && *p) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            if (len == k && strncmp(p, category, k) == 0) {
                *out = g[i].code[0];
                return true;
            }
            p = comma ? comma + 1 : NULL;
        }
    }
    return false;
}

enum err queue_book(const struct svc_ctx *c, const struct queue_book_in *in,
                    struct field_errors *fe, struct queue_booking *out,
                    const char **token, enum queue_outcome *outcome)
{
    struct arena *a = c->arena;
    const struct office *o = in->office;
    memset(out, 0, sizeof(*out));
    *token = NULL;
    *outcome = QO_INVALID;

    /* The door first: an address over its counts learns nothing more. */
    int64_t hour = 0, day_n = 0;
    enum err rc =
        throttle_count(c->db, book_key(c, "addr"), 3600, c->now, &hour);
    if (rc == ERR_OK)
        rc = throttle_count(c->db, book_key(c, "addr-day"), 86400, c->now,
                            &day_n);
    if (rc != ERR_OK)
        return rc;
    if (hour >= QUEUE_BOOK_RATE_ADDR_MAX || day_n >= QUEUE_BOOK_RATE_DAY_MAX) {
        *outcome = QO_RATE_LIMITED;
        return ERR_OK;
    }

    struct queue_office cfg;
    struct calendar cal;
    struct service_def s;
    rc = queue_office_get(c->db, o->id, &cfg);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, a, o, &cal);
    if (rc != ERR_OK)
        return rc;
    rc = catalogue_in_effect(c->db, a, in->service ? in->service : "",
                             svc_today(c), &s);
    char group = '\0';
    struct queue_group *groups = NULL;
    size_t n_groups = 0;
    if (rc == ERR_OK)
        rc = queue_groups_list(c->db, a, true, &groups, &n_groups);
    if (rc == ERR_NOT_FOUND ||
        (rc == ERR_OK && (!s.active || !office_accepts(o, &s)))) {
        ferr_add(fe, a, "service", "not_accepted_here",
                 "Layanan ini tidak diterima di kantor ini.",
                 "This service is not accepted at this office.");
    } else if (rc != ERR_OK) {
        return rc;
    } else if (!group_of_service(groups, n_groups, s.category, &group)) {
        ferr_add(fe, a, "service", "not_bookable",
                 "Layanan ini tidak dapat dipesan antreannya.",
                 "This service cannot be booked.");
    }

    struct civil_date date = {0};
    bool date_ok = in->date && civil_parse_date(in->date, &date);
    int64_t today = local_days(c->now, c->utc_offset_min);
    int64_t d = date_ok ? civil_to_days(date) : 0;
    bool prov = false;
    int slot_min = -1;
    if (!date_ok) {
        ferr_add(fe, a, "date", "invalid_date",
                 "Tanggal harus berbentuk TTTT-BB-HH.",
                 "The date must be YYYY-MM-DD.");
    } else if (d < today || d > today + cfg.booking_days) {
        ferr_add(fe, a, "date", "out_of_window",
                 arena_printf(a,
                              "Booking dapat dibuat untuk hari ini sampai "
                              "%d hari ke depan.",
                              cfg.booking_days),
                 arena_printf(a,
                              "Bookings are taken for today up to %d days "
                              "ahead.",
                              cfg.booking_days));
    } else if (!cal_is_working_day(&cal, d, &prov) ||
               !office_is_service_point(o, in->date)) {
        ferr_add(fe, a, "date", "office_closed",
                 "Kantor tidak melayani pada tanggal itu.",
                 "The office does not serve on that date.");
    } else if (!in->slot || !civil_parse_hhmm(in->slot, &slot_min)) {
        ferr_add(fe, a, "slot", "invalid_slot", "Pilih jam kedatangan.",
                 "Choose the time of arrival.");
    } else {
        int starts[64];
        size_t n = slots_of(o, d, cfg.slot_minutes, starts, 64);
        bool known = false;
        for (size_t i = 0; i < n; i++)
            known |= starts[i] == slot_min;
        int64_t at = d * 86400 + (int64_t)slot_min * 60 -
                     (int64_t)c->utc_offset_min * 60;
        if (!known)
            ferr_add(fe, a, "slot", "invalid_slot",
                     "Jam itu bukan salah satu jam kedatangan kantor ini.",
                     "That time is not one of the office's arrival times.");
        else if (at <= c->now)
            ferr_add(fe, a, "slot", "slot_passed", "Jam itu sudah lewat.",
                     "That time has passed.");
    }
    size_t name_chars = in->name ? utf8_length(in->name, strlen(in->name)) : 0;
    if (name_chars < 2 || name_chars > NAME_MAX_CHARS)
        ferr_add(fe, a, "name", "invalid_name",
                 "Isi nama (2 sampai 100 karakter).",
                 "Give your name (2 to 100 characters).");
    if (!in->phone || !contact_phone_valid(in->phone))
        ferr_add(fe, a, "phone", "invalid_phone",
                 "Nomor telepon 8 sampai 15 angka (boleh diawali +).",
                 "A phone number of 8 to 15 digits (may start with +).");
    else if (date_ok) {
        int64_t open = 0;
        rc = queue_bookings_of_phone(c->db, o->id, in->date, in->phone, &open);
        if (rc != ERR_OK)
            return rc;
        if (open > 0)
            ferr_add(fe, a, "phone", "already_booked",
                     "Nomor telepon ini sudah punya booking di kantor ini "
                     "pada tanggal itu.",
                     "This phone number already has a booking at this "
                     "office on that date.");
    }
    if (ferr_any(fe))
        return ERR_OK;

    char code[QUEUE_BOOKING_LEN + 1];
    crypto_random_from(code, QUEUE_BOOKING_LEN, QUEUE_BOOKING_ALPHABET);
    char *tok = arena_alloc(a, QUEUE_TOKEN_HEX + 1);
    crypto_random_hex(tok, QUEUE_TOKEN_HEX / 2);
    char hash[65];
    crypto_sha256_hex(tok, hash);
    out->code = arena_strdup(a, code);
    out->office_id = o->id;
    out->office_code = o->code;
    out->office_name = o->name;
    out->day =
        arena_printf(a, "%04d-%02d-%02d", date.year, date.month, date.day);
    out->slot = arena_printf(a, "%02d:%02d", slot_min / 60, slot_min % 60);
    out->slot_start =
        d * 86400 + (int64_t)slot_min * 60 - (int64_t)c->utc_offset_min * 60;
    out->slot_end = out->slot_start + (int64_t)cfg.slot_minutes * 60;
    out->service_code = s.code;
    out->group = group;
    out->name = in->name;
    out->phone = in->phone;
    out->state = BOOKING_BOOKED;
    out->created_at = c->now;
    rc = catalogue_service_id(c->db, s.code, &out->service_id);
    if (rc != ERR_OK)
        return rc;
    bool taken = false;
    int64_t n = 0;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = queue_slot_take(c->db, o->id, out->day, out->slot, cfg.slot_quota,
                             &taken);
    if (rc == ERR_OK && !taken) {
        db_rollback(c->db);
        *outcome = QO_FULL;
        return ERR_OK;
    }
    if (rc == ERR_OK)
        rc = queue_booking_insert(c->db, out, hash, c->addr);
    if (rc == ERR_OK)
        rc = throttle_hit(c->db, book_key(c, "addr"), 3600, c->now, &n);
    if (rc == ERR_OK)
        rc = throttle_hit(c->db, book_key(c, "addr-day"), 86400, c->now, &n);
    if (rc == ERR_OK)
        rc = svc_replay_record_secret(c, out->code, tok);
    rc = db_tx_end(c->db, rc);
    if (rc != ERR_OK)
        return rc;
    *token = tok;
    *outcome = QO_DONE;
    return ERR_OK;
}

enum err queue_booking_follow(const struct svc_ctx *c, const char *token,
                              struct queue_booking *out,
                              enum queue_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = QO_NOT_FOUND;
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        *outcome = QO_THROTTLED;
        return ERR_OK;
    }
    char hash[65];
    rc = token_hash(token, hash)
             ? queue_booking_by_token(c->db, c->arena, hash, out)
             : ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND)
        return guard_failed(c, NULL);
    if (rc == ERR_OK)
        *outcome = QO_DONE;
    return rc;
}

enum err queue_booking_cancel(const struct svc_ctx *c, struct queue_booking *b,
                              enum queue_outcome *outcome)
{
    *outcome = QO_NOT_ALLOWED;
    if (b->state != BOOKING_BOOKED)
        return ERR_OK;
    bool moved = false;
    enum err rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = queue_booking_move(c->db, b->id, BOOKING_BOOKED, BOOKING_CANCELLED,
                                0, c->now, &moved);
    if (rc == ERR_OK && moved)
        rc = queue_slot_give(c->db, b->office_id, b->day, b->slot);
    rc = db_tx_end(c->db, rc);
    if (rc != ERR_OK)
        return rc;
    if (moved) {
        b->state = BOOKING_CANCELLED;
        *outcome = QO_DONE;
    } else {
        *outcome = QO_STALE;
    }
    return ERR_OK;
}

/* ---- Figures ----------------------------------------------------------- */

/* Rows in order of dimension, then key (C's order: the database's
 * collation may order text differently), then kind. */
static int cmp_dim_key(enum queue_fig_dim d1, const char *k1,
                       enum queue_fig_dim d2, const char *k2)
{
    if (d1 != d2)
        return d1 < d2 ? -1 : 1;
    return strcmp(k1, k2);
}

static int cmp_count(const void *a, const void *b)
{
    const struct queue_fig_count *x = a, *y = b;
    return cmp_dim_key(x->dim, x->key, y->dim, y->key);
}

static int cmp_value(const void *a, const void *b)
{
    const struct queue_fig_value *x = a, *y = b;
    int c = cmp_dim_key(x->dim, x->key, y->dim, y->key);
    if (c)
        return c;
    return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The lines of one dimension from its counts and histograms (rows of
 * other dimensions are passed over). The arrays are sorted here. */
static void fig_lines(struct arena *a, enum queue_fig_dim dim,
                      struct queue_fig_count *counts, size_t n_counts,
                      struct queue_fig_value *values, size_t n_values,
                      struct queue_fig_line **lines, size_t *n_lines)
{
    if (n_counts)
        qsort(counts, n_counts, sizeof(*counts), cmp_count);
    if (n_values)
        qsort(values, n_values, sizeof(*values), cmp_value);
    *lines = arena_alloc(a, (n_counts + 1) * sizeof(**lines));
    *n_lines = 0;
    struct queue_bucket *wait = arena_alloc(a, (n_values + 1) * sizeof(*wait));
    struct queue_bucket *serv = arena_alloc(a, (n_values + 1) * sizeof(*serv));
    size_t v = 0;
    for (size_t i = 0; i < n_counts; i++) {
        if (counts[i].dim != dim)
            continue;
        struct queue_fig_line *l = &(*lines)[(*n_lines)++];
        memset(l, 0, sizeof(*l));
        l->key = counts[i].key;
        if (dim == QFD_HOUR) {
            int64_t h = 0;
            if (str_to_int_s(counts[i].key, &h))
                l->key = arena_printf(a, "%02lld", (long long)h);
        }
        l->issued = counts[i].issued;
        l->served = counts[i].served;
        l->no_shows = counts[i].no_shows;
        while (v < n_values && cmp_dim_key(values[v].dim, values[v].key, dim,
                                           counts[i].key) < 0)
            v++;
        size_t nw = 0, ns = 0;
        for (; v < n_values && cmp_dim_key(values[v].dim, values[v].key, dim,
                                           counts[i].key) == 0;
             v++) {
            struct queue_bucket bar = {values[v].value, values[v].n};
            if (values[v].kind == 's')
                serv[ns++] = bar;
            else
                wait[nw++] = bar;
        }
        queue_stats_of_hist(wait, nw, &l->wait);
        queue_stats_of_hist(serv, ns, &l->service);
    }
}

/* The lines of one dimension from the database's counts and histograms. */
static enum err fig_dimension(const struct svc_ctx *c,
                              const struct queue_fig_filter *f,
                              enum queue_fig_dim dim,
                              struct queue_fig_line **lines, size_t *n_lines)
{
    struct queue_fig_count *counts = NULL;
    struct queue_fig_value *values = NULL;
    size_t n_counts = 0, n_values = 0;
    enum err rc = queue_fig_counts(c->db, c->arena, f, dim, &counts, &n_counts);
    if (rc == ERR_OK)
        rc = queue_fig_values(c->db, c->arena, f, dim, &values, &n_values);
    if (rc == ERR_OK)
        fig_lines(c->arena, dim, counts, n_counts, values, n_values, lines,
                  n_lines);
    return rc;
}

/* Rows of dimension dim beyond cap: the figures are too large to read. */
static bool over_cap(const struct queue_fig_count *counts, size_t n_counts,
                     const struct queue_fig_value *values, size_t n_values,
                     enum queue_fig_dim dim, size_t cap)
{
    size_t nc = 0, nv = 0;
    for (size_t i = 0; i < n_counts; i++)
        nc += counts[i].dim == dim;
    for (size_t i = 0; i < n_values; i++)
        nv += values[i].dim == dim;
    return nc > cap || nv > cap;
}

/* Per office, per group and the total: two statements (the office and
 * group dimensions together), the total summed from the offices' rows (a
 * ticket belongs to one office). */
static enum err fig_office_group_total(const struct svc_ctx *c,
                                       const struct queue_fig_filter *f,
                                       struct queue_figures *out)
{
    struct arena *a = c->arena;
    struct queue_fig_filter both = *f;
    both.cap = 2 * f->cap;
    struct queue_fig_count *counts = NULL;
    struct queue_fig_value *values = NULL;
    size_t n_counts = 0, n_values = 0;
    enum err rc =
        queue_fig_counts(c->db, a, &both, QFD_OFFICE_GROUP, &counts, &n_counts);
    if (rc == ERR_OK)
        rc = queue_fig_values(c->db, a, &both, QFD_OFFICE_GROUP, &values,
                              &n_values);
    if (rc == ERR_OK &&
        (over_cap(counts, n_counts, values, n_values, QFD_OFFICE, f->cap) ||
         over_cap(counts, n_counts, values, n_values, QFD_GROUP, f->cap)))
        rc = ERR_TOO_LARGE;
    if (rc != ERR_OK)
        return rc;
    /* The total: the offices' rows under one key. */
    struct queue_fig_count *tc = arena_alloc(a, sizeof(*tc));
    struct queue_fig_value *tv = arena_alloc(a, (n_values + 1) * sizeof(*tv));
    size_t n_tv = 0;
    *tc = (struct queue_fig_count){QFD_TOTAL, "", 0, 0, 0};
    for (size_t i = 0; i < n_counts; i++)
        if (counts[i].dim == QFD_OFFICE) {
            tc->issued += counts[i].issued;
            tc->served += counts[i].served;
            tc->no_shows += counts[i].no_shows;
        }
    for (size_t i = 0; i < n_values; i++)
        if (values[i].dim == QFD_OFFICE) {
            tv[n_tv] = values[i];
            tv[n_tv].dim = QFD_TOTAL;
            tv[n_tv++].key = "";
        }
    struct queue_fig_line *total = NULL;
    size_t n_total = 0;
    fig_lines(a, QFD_TOTAL, tc, tc->issued ? 1 : 0, tv, n_tv, &total, &n_total);
    if (n_total == 1)
        out->total = total[0];
    out->total.key = "";
    fig_lines(a, QFD_OFFICE, counts, n_counts, values, n_values,
              &out->by_office, &out->n_office);
    fig_lines(a, QFD_GROUP, counts, n_counts, values, n_values, &out->by_group,
              &out->n_group);
    return ERR_OK;
}

enum err queue_figures_get(const struct svc_ctx *c,
                           const struct queue_fig_filter *f,
                           struct queue_figures *out)
{
    memset(out, 0, sizeof(*out));
    struct queue_fig_filter g = *f;
    g.cap = QUEUE_FIG_CAP;
    g.utc_offset_min = c->utc_offset_min;
    enum err rc = fig_office_group_total(c, &g, out);
    /* Per day and per hour for a short period only (a page of days). */
    struct civil_date from, to;
    out->detailed =
        civil_parse_date(g.from_day, &from) &&
        civil_parse_date(g.to_day, &to) &&
        civil_to_days(to) - civil_to_days(from) < QUEUE_FIG_DETAIL_DAYS;
    if (rc == ERR_OK && out->detailed)
        rc = fig_dimension(c, &g, QFD_DAY, &out->by_day, &out->n_day);
    if (rc == ERR_OK && out->detailed)
        rc = fig_dimension(c, &g, QFD_HOUR, &out->by_hour, &out->n_hour);
    return rc;
}

enum err queue_jobs(struct db *db, int64_t now, int utc_offset_min,
                    int64_t *expired, int64_t *released)
{
    *expired = *released = 0;
    char today[16];
    civil_format_date(civil_from_days(local_days(now, utc_offset_min)), today);
    enum err rc = queue_expire(db, today, now, expired);
    if (rc == ERR_OK)
        rc = queue_bookings_release(db, now - QUEUE_BOOKING_GRACE_S, now,
                                    released);
    return rc;
}
