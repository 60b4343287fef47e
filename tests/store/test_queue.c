/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_queue.c: the counter queue against a real database, one program
 * run against both drivers:
 *   test_queue sqlite            a fresh SQLite file in a temporary dir
 *   test_queue postgresql [URL]  URL or $SP_TEST_PG_URL (the public
 *                                schema is recreated)
 * Numbering per office, group and day; the default counter; the calling
 * order through the services; two counters on two connections calling at
 * once through 200 tickets (each called exactly once, none skipped, in
 * the order of the rule); booking quotas under concurrency; the jobs;
 * the history append-only; the figures from hand-worked times. Times are
 * explicit (the queue day is 2026-10-05, a Monday).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/offices.h"
#include "store/queue.h"
#include "store/seed.h"
#include "svc/queue.h"
#include "test.h"

static struct db *db;
static struct arena *A;
static char url[512];
static struct office genteng;              /* 35.10.09, a service point */
static struct office giri;                 /* 35.10.17, another */
static const int64_t SEED_AT = 1767225600; /* 2026-01-01 */
static const int64_t T9 = 1791165600;      /* 2026-10-05T09:00:00+07:00 */
#define DAY "2026-10-05"
#define TICKETS 200

static const char *embedded_loader(void *ctx, const char *path, size_t *len)
{
    (void)ctx;
    char name[512];
    snprintf(name, sizeof(name), "data/%s", path);
    const struct embedded_file *f = embedded_find(name);
    if (!f)
        return NULL;
    *len = f->len;
    return (const char *)f->data;
}

static struct svc_ctx ctx_at(struct db *d, struct arena *a, int64_t now)
{
    return (struct svc_ctx){.db = d,
                            .arena = a,
                            .now = now,
                            .addr = "192.0.2.1",
                            .utc_offset_min = 420};
}

static void test_setup(void)
{
    const struct embedded_file *cfg = embedded_find("data/regency.json");
    CHECK(cfg != NULL);
    struct seed_report rep = {0};
    CHECK_INT(seed_regency(db, (const char *)cfg->data, embedded_loader, NULL,
                           SEED_AT, &rep),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &genteng), ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.17", &giri), ERR_OK);
    struct queue_group *g;
    size_t n;
    CHECK_INT(queue_groups_list(db, A, true, &g, &n), ERR_OK);
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_STR(g[0].code, "A");
        CHECK_STR(g[1].code, "B");
        CHECK_STR(g[1].categories, "keterangan,legalisasi");
        CHECK_STR(g[4].code, "E");
    }
}

static void test_default_counter(void)
{
    struct queue_counter *k;
    size_t n = 9;
    CHECK_INT(queue_counters_list(db, A, genteng.id, false, &k, &n), ERR_OK);
    CHECK_INT(n, 0);
    struct svc_ctx c = ctx_at(db, A, T9);
    struct queue_group *g;
    size_t ng;
    CHECK_INT(queue_setup(&c, &genteng, &g, &ng, &k, &n), ERR_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(k[0].code, "1");
        CHECK_STR(k[0].name, "Loket 1");
        CHECK_STR(k[0].serves, "*");
        CHECK(k[0].active);
    }
    /* Twice, and from a second connection: still one. */
    CHECK_INT(queue_office_ensure(db, genteng.id, T9), ERR_OK);
    struct db *other = NULL;
    CHECK_INT(db_open(url, &other), ERR_OK);
    CHECK_INT(queue_office_ensure(other, genteng.id, T9), ERR_OK);
    db_close(other);
    CHECK_INT(queue_counters_list(db, A, genteng.id, false, &k, &n), ERR_OK);
    CHECK_INT(n, 1);
    /* A second counter for group B only, and a third for A. */
    CHECK_INT(queue_counter_put(db, genteng.id, "2", "Loket 2", "B", true, T9),
              ERR_OK);
    CHECK_INT(queue_counter_put(db, genteng.id, "3", "Loket 3", "A", true, T9),
              ERR_OK);
    CHECK_INT(queue_counters_list(db, A, genteng.id, false, &k, &n), ERR_OK);
    CHECK_INT(n, 3);
}

static struct queue_ticket issue(struct svc_ctx *c, const struct office *o,
                                 const char *group, bool priority)
{
    struct queue_issue_in in = {
        .office = o, .group = group, .priority = priority, .channel = "api"};
    struct field_errors fe = {0};
    struct queue_issued out;
    enum queue_outcome qo = QO_INVALID;
    CHECK_INT(queue_issue(c, &in, &fe, &out, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(fe.n_items, 0);
    return out.ticket;
}

static void test_numbering(void)
{
    struct svc_ctx c = ctx_at(db, A, T9);
    struct queue_ticket a1 = issue(&c, &genteng, "A", false);
    struct queue_ticket a2 = issue(&c, &genteng, "A", false);
    struct queue_ticket b1 = issue(&c, &genteng, "B", false);
    struct queue_ticket g1 = issue(&c, &giri, "A", false);
    CHECK_STR(a1.label, "A-001");
    CHECK_STR(a2.label, "A-002");
    CHECK_STR(b1.label, "B-001");
    CHECK_STR(g1.label, "A-001"); /* per office */
    CHECK_STR(a1.day, DAY);
    /* Ahead: in its group's queue. */
    struct queue_issue_in in = {
        .office = &genteng, .group = "A", .channel = "kiosk"};
    struct field_errors fe = {0};
    struct queue_issued out;
    enum queue_outcome qo;
    CHECK_INT(queue_issue(&c, &in, &fe, &out, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_STR(out.ticket.label, "A-003");
    CHECK_INT(out.ahead, 2);
    CHECK_INT(strlen(out.token), QUEUE_TOKEN_HEX);
    /* The follow token opens it; a wrong one does not. */
    struct queue_where w;
    CHECK_INT(queue_follow(&c, out.token, &w, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_STR(w.ticket.label, "A-003");
    CHECK_INT(w.ahead, 2);
    char wrong[QUEUE_TOKEN_HEX + 1];
    memcpy(wrong, out.token, sizeof(wrong));
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    CHECK_INT(queue_follow(&c, wrong, &w, &qo), ERR_OK);
    CHECK_INT(qo, QO_NOT_FOUND);
    /* Bad groups are field errors. */
    struct field_errors fe2 = {0};
    in.group = "Q";
    CHECK_INT(queue_issue(&c, &in, &fe2, &out, &qo), ERR_OK);
    CHECK_INT(qo, QO_INVALID);
    CHECK_STR(fe2.items[0].code, "unknown_group");
    /* The next day starts from 1 again. */
    struct svc_ctx next = ctx_at(db, A, T9 + 86400);
    struct queue_ticket tomorrow = issue(&next, &genteng, "A", false);
    CHECK_STR(tomorrow.label, "A-001");
    CHECK_STR(tomorrow.day, "2026-10-06");
}

static void test_calling(void)
{
    struct svc_ctx c = ctx_at(db, A, T9 + 600);
    struct queue_counter k1, k2, k3;
    CHECK_INT(queue_counter_get(db, A, genteng.id, "1", &k1), ERR_OK);
    CHECK_INT(queue_counter_get(db, A, genteng.id, "2", &k2), ERR_OK);
    CHECK_INT(queue_counter_get(db, A, genteng.id, "3", &k3), ERR_OK);
    /* A priority ticket issued last is called first by a counter for A. */
    struct queue_ticket p = issue(&c, &genteng, "A", true);
    CHECK_STR(p.label, "A-004");
    struct queue_ticket t;
    enum queue_outcome qo;
    CHECK_INT(queue_call_next(&c, &k3, &t, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_STR(t.label, "A-004");
    CHECK_INT(t.calls, 1);
    CHECK_INT(t.state, QS_CALLED);
    /* Busy until it is finished or marked. */
    struct queue_ticket busy;
    CHECK_INT(queue_call_next(&c, &k3, &busy, &qo), ERR_OK);
    CHECK_INT(qo, QO_COUNTER_BUSY);
    CHECK_STR(busy.label, "A-004");
    /* Recall twice, then no-show is allowed, not before. */
    CHECK_INT(queue_act(&c, &t, QA_NO_SHOW, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_TOO_EARLY);
    CHECK_INT(queue_act(&c, &t, QA_RECALL, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(queue_act(&c, &t, QA_RECALL, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(t.calls, 3);
    CHECK_INT(queue_act(&c, &t, QA_RECALL, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_CALLS_USED);
    /* A stale version is refused. */
    struct queue_ticket old = t;
    old.version -= 1;
    CHECK_INT(queue_act(&c, &old, QA_NO_SHOW, NULL, NULL, old.version, &qo),
              ERR_OK);
    CHECK_INT(qo, QO_STALE);
    CHECK_INT(queue_act(&c, &t, QA_NO_SHOW, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(t.state, QS_NO_SHOW);

    /* Counter 2 serves B only: B-001. Counter 3 next: A-001. */
    CHECK_INT(queue_call_next(&c, &k2, &t, &qo), ERR_OK);
    CHECK_STR(t.label, "B-001");
    CHECK_INT(queue_act(&c, &t, QA_START, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(queue_act(&c, &t, QA_FINISH, NULL, NULL, 0, &qo), ERR_OK);
    CHECK_INT(t.state, QS_DONE);
    CHECK_INT(queue_call_next(&c, &k2, &t, &qo), ERR_OK);
    CHECK_INT(qo, QO_NOBODY);
    struct queue_ticket a1;
    CHECK_INT(queue_call_next(&c, &k3, &a1, &qo), ERR_OK);
    CHECK_STR(a1.label, "A-001");
    /* Transfer to counter 2 (B only): it waits for 2 alone, and keeps
     * its place there. */
    CHECK_INT(queue_act(&c, &a1, QA_TRANSFER, &k3, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_INVALID); /* to itself */
    CHECK_INT(queue_act(&c, &a1, QA_TRANSFER, &k2, NULL, 0, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(a1.state, QS_WAITING);
    CHECK_INT(a1.calls, 0);
    CHECK_INT(a1.transfer_counter_id, k2.id);
    struct queue_ticket x;
    CHECK_INT(queue_call_next(&c, &k3, &x, &qo), ERR_OK);
    CHECK_STR(x.label, "A-002"); /* not the transferred A-001 */
    CHECK_INT(queue_act(&c, &x, QA_FINISH, NULL, NULL, 0, &qo), ERR_OK);
    struct svc_ctx later = ctx_at(db, A, T9 + 700);
    CHECK_INT(queue_call_next(&later, &k2, &x, &qo), ERR_OK);
    CHECK_STR(x.label, "A-001");
    CHECK_INT(x.called_at, T9 + 600); /* the first call is kept */
    CHECK_INT(x.last_called_at, T9 + 700);
    CHECK_INT(queue_act(&later, &x, QA_FINISH, NULL, NULL, 0, &qo), ERR_OK);

    /* The board: A-003 waits; the last five calls, newest first. */
    struct queue_board b;
    CHECK_INT(queue_board_get(db, A, genteng.id, DAY, &b), ERR_OK);
    CHECK_INT(b.waiting, 1);
    CHECK_INT(b.n_serving, 0);
    CHECK_INT(b.n_calls, 5);
    if (b.n_calls == 5) {
        CHECK_STR(b.calls[0].label, "A-001");
        CHECK_STR(b.calls[0].counter_code, "2");
        CHECK_STR(b.calls[1].label, "A-002");
        CHECK_STR(b.calls[4].label, "A-004"); /* its second recall */
    }
    CHECK(b.seq > 0);
    /* The history is append-only. */
    CHECK(db_run(db, NULL, "UPDATE queue_events SET actor = $1",
                 DV_TEXT("x")) != ERR_OK);
    CHECK(db_run(db, NULL, "DELETE FROM queue_events WHERE id > $1",
                 DV_INT(0)) != ERR_OK);
}

/* Two counters on two connections through TICKETS tickets, starting
 * together. How the calls split between them is up to the scheduler and
 * is only reported; what is checked holds for any split. */
static pthread_barrier_t start_line;

struct caller {
    const char *url;
    const char *code; /* counter */
    int64_t called[TICKETS + 8];
    size_t n;
    int errors;
};

static void *caller_main(void *arg)
{
    struct caller *w = arg;
    struct db *d = NULL;
    if (db_open(w->url, &d) != ERR_OK) {
        w->errors++;
        return NULL;
    }
    struct arena *a = arena_new();
    struct queue_counter k;
    if (queue_counter_get(d, a, giri.id, w->code, &k) != ERR_OK)
        w->errors++;
    pthread_barrier_wait(&start_line);
    for (int i = 0; i < 4 * TICKETS && !w->errors; i++) {
        struct svc_ctx c = ctx_at(d, a, T9 + 3600);
        struct queue_ticket t;
        enum queue_outcome qo;
        enum err rc = queue_call_next(&c, &k, &t, &qo);
        if (rc == ERR_BUSY)
            continue; /* the database asked us to come back */
        if (rc != ERR_OK) {
            fprintf(stderr, "  %s: call: %s\n", w->code, err_name(rc));
            w->errors++;
            break;
        }
        if (qo == QO_NOBODY)
            break;
        if (qo != QO_DONE) {
            w->errors++;
            break;
        }
        if (w->n < TICKETS + 8)
            w->called[w->n++] = t.id;
        do {
            rc = queue_act(&c, &t, QA_FINISH, NULL, NULL, 0, &qo);
        } while (rc == ERR_BUSY);
        if (rc != ERR_OK || qo != QO_DONE)
            w->errors++;
    }
    arena_free(a);
    db_close(d);
    return NULL;
}

static void test_two_counters_at_once(void)
{
    CHECK_INT(queue_office_ensure(db, giri.id, T9), ERR_OK);
    CHECK_INT(queue_counter_put(db, giri.id, "2", "Loket 2", "*", true, T9),
              ERR_OK);
    /* Giri has A-001 from test_numbering. TICKETS more, every 7th a
     * priority, in groups A and B. */
    struct svc_ctx c = ctx_at(db, A, T9 + 1800);
    int64_t ids[TICKETS + 1];
    bool prio[TICKETS + 1];
    for (int i = 0; i < TICKETS; i++) {
        prio[i] = i % 7 == 3;
        struct queue_ticket t = issue(&c, &giri, i % 2 ? "B" : "A", prio[i]);
        ids[i] = t.id;
    }
    struct caller w1 = {.url = url, .code = "1"};
    struct caller w2 = {.url = url, .code = "2"};
    pthread_t t1, t2;
    pthread_barrier_init(&start_line, NULL, 2);
    pthread_create(&t1, NULL, caller_main, &w1);
    pthread_create(&t2, NULL, caller_main, &w2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_barrier_destroy(&start_line);
    CHECK_INT(w1.errors, 0);
    CHECK_INT(w2.errors, 0);
    fprintf(stderr, "  counter 1 called %zu, counter 2 called %zu\n", w1.n,
            w2.n);
    /* Every ticket (and the earlier A-001) exactly once, by one counter. */
    CHECK_INT(w1.n + w2.n, TICKETS + 1);
    size_t dup = 0;
    for (size_t i = 0; i < w1.n; i++)
        for (size_t k = 0; k < w2.n; k++)
            dup += w1.called[i] == w2.called[k];
    CHECK_INT(dup, 0);
    int64_t n = -1;
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM queue_tickets WHERE office_id = $1"
                     " AND state <> 'done'",
                     DV_INT(giri.id)),
              ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM (SELECT ticket_id FROM queue_events"
                     " WHERE office_id = $1 AND action = 'call' GROUP BY"
                     " ticket_id HAVING COUNT(*) <> 1) x",
                     DV_INT(giri.id)),
              ERR_OK);
    CHECK_INT(n, 0);
    /* None skipped: in the order the calls committed, every call took the
     * first ticket of the rule: the priority ones by id, then A-001 (the
     * oldest), then the rest by id. */
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(db, &st,
                       "SELECT e.ticket_id FROM queue_events e WHERE"
                       " e.office_id = $1 AND e.action = 'call' ORDER BY e.id",
                       DV_INT(giri.id)),
              ERR_OK);
    int64_t want[TICKETS + 1];
    size_t nw = 0;
    for (int i = 0; i < TICKETS; i++)
        if (prio[i])
            want[nw++] = ids[i];
    int64_t first_a = 0;
    CHECK_INT(db_int(db, &first_a,
                     "SELECT id FROM queue_tickets WHERE office_id = $1 AND"
                     " label = 'A-001' AND day = $2",
                     DV_INT(giri.id), DV_TEXT(DAY)),
              ERR_OK);
    want[nw++] = first_a;
    for (int i = 0; i < TICKETS; i++)
        if (!prio[i])
            want[nw++] = ids[i];
    size_t k = 0, out_of_order = 0;
    bool row = false;
    while (st && db_step(st, &row) == ERR_OK && row) {
        if (k < nw && db_col_int(st, 0) != want[k])
            out_of_order++;
        k++;
    }
    db_finalize(st);
    CHECK_INT(k, TICKETS + 1);
    CHECK_INT(out_of_order, 0);
}

/* Bookings: the quota holds when two connections book the last places. */
struct booker {
    const char *url;
    int id;
    const char *slot;
    int done, full, other;
};

static void *booker_main(void *arg)
{
    struct booker *b = arg;
    struct db *d = NULL;
    if (db_open(b->url, &d) != ERR_OK) {
        b->other++;
        return NULL;
    }
    struct arena *a = arena_new();
    for (int i = 0; i < 10; i++) {
        struct svc_ctx c = ctx_at(d, a, T9);
        c.addr = arena_printf(a, "198.51.100.%d", b->id * 10 + i);
        struct queue_book_in in = {
            .office = &genteng,
            .date = "2026-10-07",
            .slot = b->slot,
            .service = "SKTM",
            .name = "Warga Uji",
            .phone = arena_printf(a, "08123450%02d%02d", b->id, i)};
        struct field_errors fe = {0};
        struct queue_booking out;
        const char *token;
        enum queue_outcome qo;
        enum err rc = queue_book(&c, &in, &fe, &out, &token, &qo);
        if (rc == ERR_BUSY) {
            i--;
            continue;
        }
        if (rc == ERR_OK && qo == QO_DONE)
            b->done++;
        else if (rc == ERR_OK && qo == QO_FULL)
            b->full++;
        else {
            fprintf(stderr, "  booking: %s %d %s\n", err_name(rc), (int)qo,
                    fe.n_items ? fe.items[0].code : "");
            b->other++;
        }
    }
    arena_free(a);
    db_close(d);
    return NULL;
}

static void test_bookings(void)
{
    CHECK_INT(queue_office_set(db, genteng.id, 60, 5, 14, T9), ERR_OK);
    struct booker b1 = {.url = url, .id = 1, .slot = "08:30"};
    struct booker b2 = {.url = url, .id = 2, .slot = "08:30"};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, booker_main, &b1);
    pthread_create(&t2, NULL, booker_main, &b2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    CHECK_INT(b1.done + b2.done, 5);
    CHECK_INT(b1.full + b2.full, 15);
    CHECK_INT(b1.other + b2.other, 0);
    int64_t n = -1;
    CHECK_INT(queue_slot_used(db, genteng.id, "2026-10-07", "08:30", &n),
              ERR_OK);
    CHECK_INT(n, 5);

    /* Validation: a closed day (Sunday), a slot that is not one, a slot
     * that has passed, a service not accepted, the phone's second. */
    struct svc_ctx c = ctx_at(db, A, T9);
    struct queue_book_in in = {.office = &genteng,
                               .date = "2026-10-11",
                               .slot = "08:30",
                               .service = "SKTM",
                               .name = "Warga Uji",
                               .phone = "081299990000"};
    struct field_errors fe = {0};
    struct queue_booking out;
    const char *token;
    enum queue_outcome qo;
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_INT(qo, QO_INVALID);
    CHECK_STR(fe.items[0].code, "office_closed");
    in.date = "2026-10-07";
    in.slot = "08:45";
    fe = (struct field_errors){0};
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_STR(fe.items[0].code, "invalid_slot");
    in.date = DAY;
    in.slot = "08:30"; /* 09:00 now */
    fe = (struct field_errors){0};
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_STR(fe.items[0].code, "slot_passed");
    in.slot = "10:30";
    in.service = "KTP-EL-GANTI";
    fe = (struct field_errors){0};
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE); /* civil registration: group A */
    CHECK_INT(out.group, 'A');
    CHECK_INT(strlen(out.code), QUEUE_BOOKING_LEN);
    struct queue_booking ktp = out; /* never comes */
    fe = (struct field_errors){0};
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_INT(qo, QO_INVALID);
    CHECK_STR(fe.items[0].code, "already_booked");

    /* The follow token opens it; cancelling gives the place back. */
    struct queue_booking bk;
    in.phone = "081299990001";
    in.slot = "11:30";
    fe = (struct field_errors){0};
    CHECK_INT(queue_book(&c, &in, &fe, &out, &token, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(queue_booking_follow(&c, token, &bk, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_STR(bk.code, out.code);
    CHECK_INT(queue_slot_used(db, genteng.id, DAY, "11:30", &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(queue_booking_cancel(&c, &bk, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(queue_slot_used(db, genteng.id, DAY, "11:30", &n), ERR_OK);
    CHECK_INT(n, 0);

    /* A booking checks in at 10:20 (before its 10:30 slot): its place is
     * the slot's start. */
    in.phone = "081299990002";
    in.slot = "10:30";
    fe = (struct field_errors){0};
    struct queue_booking ten;
    CHECK_INT(queue_book(&c, &in, &fe, &ten, &token, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    struct svc_ctx at = ctx_at(db, A, T9 + 4800);
    struct queue_issue_in iin = {.office = &genteng,
                                 .group = "E",
                                 .booking = ten.code,
                                 .channel = "kiosk"};
    struct queue_issued issued;
    fe = (struct field_errors){0};
    CHECK_INT(queue_issue(&at, &iin, &fe, &issued, &qo), ERR_OK);
    CHECK_INT(qo, QO_DONE);
    CHECK_INT(issued.ticket.group, 'A');
    CHECK_INT(issued.ticket.queue_at, ten.slot_start);
    CHECK_INT(issued.ticket.booking_id, ten.id);
    /* Used once only. */
    fe = (struct field_errors){0};
    CHECK_INT(queue_issue(&at, &iin, &fe, &issued, &qo), ERR_OK);
    CHECK_INT(qo, QO_INVALID);
    CHECK_STR(fe.items[0].code, "booking_used");
    /* The jobs: an unused booking whose slot ended is released. */
    int64_t expired = 0, released = 0;
    CHECK_INT(queue_jobs(db, T9 + 3 * 86400, 420, &expired, &released), ERR_OK);
    CHECK(released >= 5);
    CHECK(expired > 0);
    struct queue_booking first;
    CHECK_INT(queue_booking_by_code(db, A, ktp.code, &first), ERR_OK);
    CHECK_INT(first.state, BOOKING_NO_SHOW);
    CHECK_INT(queue_booking_by_code(db, A, ten.code, &first), ERR_OK);
    CHECK_INT(first.state, BOOKING_CHECKED_IN);
    /* Every ticket of a past day still open expired, with an event. */
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM queue_tickets WHERE day < $1 AND"
                     " state IN ('waiting', 'called', 'serving')",
                     DV_TEXT("2026-10-08")),
              ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM queue_events WHERE action ="
                     " 'expire'"),
              ERR_OK);
    CHECK_INT(n, expired);
    /* Run again: nothing more (each ticket expires once). */
    CHECK_INT(queue_jobs(db, T9 + 3 * 86400, 420, &expired, &released), ERR_OK);
    CHECK_INT(expired, 0);
    CHECK_INT(released, 0);
}

/* The figures from hand-worked times at a third office. */
static void test_figures(void)
{
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.01", &o), ERR_OK);
    const int64_t T = T9 + 7 * 86400 - 7200; /* 2026-10-12 07:00+07 */
    CHECK_INT(queue_office_ensure(db, o.id, T), ERR_OK);
    struct queue_counter k;
    CHECK_INT(queue_counter_get(db, A, o.id, "1", &k), ERR_OK);
    /* Three tickets issued at 07:00, 07:10, 08:05; called after 60, 300
     * and 600 s waits, served 120 and 240 s; the third a no-show. */
    int64_t issued_at[3] = {T, T + 600, T + 3900};
    int64_t call_at[3] = {T + 60, T + 900, T + 4500};
    struct queue_ticket t[3];
    for (int i = 0; i < 3; i++) {
        struct svc_ctx c = ctx_at(db, A, issued_at[i]);
        t[i] = issue(&c, &o, "B", false);
    }
    enum queue_outcome qo;
    for (int i = 0; i < 3; i++) {
        struct svc_ctx c = ctx_at(db, A, call_at[i]);
        struct queue_ticket x;
        CHECK_INT(queue_call_next(&c, &k, &x, &qo), ERR_OK);
        CHECK_INT(x.id, t[i].id);
        if (i < 2) {
            struct svc_ctx f = ctx_at(db, A, call_at[i] + 120 * (i + 1));
            CHECK_INT(queue_act(&f, &x, QA_FINISH, NULL, NULL, 0, &qo), ERR_OK);
        } else {
            CHECK_INT(queue_act(&c, &x, QA_RECALL, NULL, NULL, 0, &qo), ERR_OK);
            CHECK_INT(queue_act(&c, &x, QA_RECALL, NULL, NULL, 0, &qo), ERR_OK);
            CHECK_INT(queue_act(&c, &x, QA_NO_SHOW, NULL, NULL, 0, &qo),
                      ERR_OK);
        }
    }
    struct svc_ctx c = ctx_at(db, A, T + 86400);
    struct queue_fig_filter f = {
        .office_id = o.id, .from_day = "2026-10-12", .to_day = "2026-10-12"};
    struct queue_figures fig;
    CHECK_INT(queue_figures_get(&c, &f, &fig), ERR_OK);
    CHECK_INT(fig.total.issued, 3);
    CHECK_INT(fig.total.served, 2);
    CHECK_INT(fig.total.no_shows, 1);
    CHECK_INT(fig.total.wait.n, 3);
    CHECK_INT(fig.total.wait.mean_s, 320); /* (60 + 300 + 600) / 3 */
    CHECK_INT(fig.total.wait.median_s, 300);
    CHECK_INT(fig.total.wait.p90_s, 600);
    CHECK_INT(fig.total.service.n, 2);
    CHECK_INT(fig.total.service.mean_s, 180);
    CHECK_INT(fig.total.service.median_s, 120);
    CHECK_INT(fig.total.service.p90_s, 240);
    CHECK_INT(fig.n_hour, 2); /* 07 and 08 */
    if (fig.n_hour == 2) {
        CHECK_STR(fig.by_hour[0].key, "07");
        CHECK_INT(fig.by_hour[0].issued, 2);
        CHECK_STR(fig.by_hour[1].key, "08");
        CHECK_INT(fig.by_hour[1].no_shows, 1);
    }
    CHECK_INT(fig.n_group, 1);
    CHECK_INT(fig.n_office, 1);
    CHECK_INT(fig.n_day, 1);
    if (fig.n_day == 1)
        CHECK_STR(fig.by_day[0].key, "2026-10-12");
    /* The district of the office, and a day without tickets. */
    f.office_id = 0;
    f.district = "35.10.01";
    CHECK_INT(queue_figures_get(&c, &f, &fig), ERR_OK);
    CHECK_INT(fig.total.issued, 3);
    f.from_day = f.to_day = "2026-10-13";
    CHECK_INT(queue_figures_get(&c, &f, &fig), ERR_OK);
    CHECK_INT(fig.total.issued, 0);
    CHECK_INT(fig.total.wait.n, 0);
    CHECK_INT(fig.n_office, 0);
    CHECK_INT(fig.n_group, 0);
    /* A second office and a second group the same day (Genteng, group
     * A: issued 07:20, called after 30 s, served 90 s): the regency's
     * total is both offices' tickets; each office and each group its
     * own. */
    {
        struct svc_ctx ci = ctx_at(db, A, T + 1200);
        struct queue_ticket g = issue(&ci, &genteng, "A", false);
        struct queue_counter kg;
        CHECK_INT(queue_counter_get(db, A, genteng.id, "1", &kg), ERR_OK);
        struct svc_ctx cc = ctx_at(db, A, T + 1230);
        struct queue_ticket x;
        CHECK_INT(queue_call_next(&cc, &kg, &x, &qo), ERR_OK);
        CHECK_INT(x.id, g.id);
        struct svc_ctx cf = ctx_at(db, A, T + 1320);
        CHECK_INT(queue_act(&cf, &x, QA_FINISH, NULL, NULL, 0, &qo), ERR_OK);
    }
    f.district = NULL;
    f.from_day = f.to_day = "2026-10-12";
    CHECK_INT(queue_figures_get(&c, &f, &fig), ERR_OK);
    CHECK_INT(fig.total.issued, 4);
    CHECK_INT(fig.total.served, 3);
    CHECK_INT(fig.total.no_shows, 1);
    CHECK_INT(fig.total.wait.n, 4);
    CHECK_INT(fig.total.wait.mean_s, 248); /* 990 / 4 = 247.5, rounded */
    CHECK_INT(fig.total.wait.median_s, 60);
    CHECK_INT(fig.total.wait.p90_s, 600);
    CHECK_INT(fig.total.service.n, 3);
    CHECK_INT(fig.total.service.mean_s, 150);
    CHECK_INT(fig.total.service.median_s, 120);
    CHECK_INT(fig.total.service.p90_s, 240);
    CHECK_INT(fig.n_office, 2);
    if (fig.n_office == 2) {
        CHECK_STR(fig.by_office[0].key, "35.10.01");
        CHECK_INT(fig.by_office[0].issued, 3);
        CHECK_INT(fig.by_office[0].wait.n, 3);
        CHECK_INT(fig.by_office[0].wait.median_s, 300);
        CHECK_STR(fig.by_office[1].key, "35.10.09");
        CHECK_INT(fig.by_office[1].issued, 1);
        CHECK_INT(fig.by_office[1].wait.median_s, 30);
        CHECK_INT(fig.by_office[1].service.median_s, 90);
    }
    CHECK_INT(fig.n_group, 2);
    if (fig.n_group == 2) {
        CHECK_STR(fig.by_group[0].key, "A");
        CHECK_INT(fig.by_group[0].issued, 1);
        CHECK_INT(fig.by_group[0].served, 1);
        CHECK_INT(fig.by_group[0].wait.mean_s, 30);
        CHECK_STR(fig.by_group[1].key, "B");
        CHECK_INT(fig.by_group[1].issued, 3);
        CHECK_INT(fig.by_group[1].no_shows, 1);
        CHECK_INT(fig.by_group[1].service.mean_s, 180);
    }
    CHECK_INT(fig.n_hour, 2);
    if (fig.n_hour == 2)
        CHECK_INT(fig.by_hour[0].issued, 3); /* 07:00, 07:10, 07:20 */
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_queue sqlite|postgresql [URL]\n");
        return 2;
    }
    crypto_init();
    char dir[] = "/tmp/sp-queue-XXXXXX";
    bool pg = strcmp(argv[1], "postgresql") == 0;
    if (pg) {
        const char *u = argc > 2 ? argv[2] : getenv("SP_TEST_PG_URL");
        if (!u || !*u) {
            fprintf(stderr, "test_queue: no PostgreSQL URL: skipped\n");
            return 77;
        }
        snprintf(url, sizeof(url), "%s", u);
    } else {
        if (!mkdtemp(dir))
            return 1;
        snprintf(url, sizeof(url), "sqlite:%s/queue.db", dir);
    }
    if (db_open(url, &db) != ERR_OK)
        return 1;
    if (pg && db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public") !=
                  ERR_OK)
        return 1;
    int applied = 0;
    if (migrate_up(db, &applied) != ERR_OK || applied < 1)
        return 1;
    A = arena_new();
    RUN(test_setup);
    RUN(test_default_counter);
    RUN(test_numbering);
    RUN(test_calling);
    RUN(test_two_counters_at_once);
    RUN(test_bookings);
    RUN(test_figures);
    arena_free(A);
    db_close(db);
    if (!pg) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    TEST_END();
}
