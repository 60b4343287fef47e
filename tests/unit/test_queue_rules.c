/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_queue_rules.c: the counter queue's rules: every action from every state
 * against the expected table written out below, the calling order
 * (priority, issue time, booked slots, transfer, recall, no-show, day
 * change), tickets ahead, the estimate, labels, groups, slots, booking
 * codes and the figures against hand-worked numbers.
 */
#include <string.h>

#include "core/queue.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The expected table by hand: (action, state, calls from lo to hi) ->
 * verdict, state and calls after (-1: unchanged). Every other cell of
 * action x state x calls 0..QUEUE_MAX_CALLS is QV_WRONG_STATE.
 */
static const struct row {
    enum queue_action action;
    enum queue_state from;
    int lo, hi; /* calls before, inclusive */
    enum queue_verdict verdict;
    enum queue_state to;
    int calls_after;
} expected[] = {
    /* A transferred ticket waits again with its calls counted anew. */
    {QA_CALL, QS_WAITING, 0, 3, QV_OK, QS_CALLED, 1},
    {QA_RECALL, QS_CALLED, 0, 0, QV_OK, QS_CALLED, 1},
    {QA_RECALL, QS_CALLED, 1, 1, QV_OK, QS_CALLED, 2},
    {QA_RECALL, QS_CALLED, 2, 2, QV_OK, QS_CALLED, 3},
    {QA_RECALL, QS_CALLED, 3, 3, QV_CALLS_USED, QS_CALLED, -1},
    {QA_NO_SHOW, QS_CALLED, 0, 2, QV_TOO_EARLY, QS_CALLED, -1},
    {QA_NO_SHOW, QS_CALLED, 3, 3, QV_OK, QS_NO_SHOW, -1},
    {QA_START, QS_CALLED, 0, 3, QV_OK, QS_SERVING, -1},
    {QA_FINISH, QS_CALLED, 0, 3, QV_OK, QS_DONE, -1},
    {QA_FINISH, QS_SERVING, 0, 3, QV_OK, QS_DONE, -1},
    {QA_TRANSFER, QS_CALLED, 0, 3, QV_OK, QS_WAITING, 0},
    {QA_TRANSFER, QS_SERVING, 0, 3, QV_OK, QS_WAITING, 0},
    {QA_EXPIRE, QS_WAITING, 0, 3, QV_OK, QS_EXPIRED, -1},
    {QA_EXPIRE, QS_CALLED, 0, 3, QV_OK, QS_EXPIRED, -1},
    {QA_EXPIRE, QS_SERVING, 0, 3, QV_OK, QS_EXPIRED, -1},
};

static void test_action_table(void)
{
    for (int a = 0; a < QA__COUNT; a++) {
        for (int s = 0; s < QS__COUNT; s++) {
            for (int calls = 0; calls <= QUEUE_MAX_CALLS; calls++) {
                const struct row *want = NULL;
                for (size_t i = 0; i < N_ITEMS(expected); i++)
                    if ((int)expected[i].action == a &&
                        (int)expected[i].from == s && expected[i].lo <= calls &&
                        calls <= expected[i].hi)
                        want = &expected[i];
                struct queue_pos cur = {(enum queue_state)s, calls};
                struct queue_pos next = {QS__COUNT, -1};
                enum queue_verdict v =
                    queue_check(&cur, (enum queue_action)a, &next);
                enum queue_verdict want_v =
                    want ? want->verdict : QV_WRONG_STATE;
                if (v != want_v)
                    fprintf(stderr, "  %s from %s with %d calls: %d\n",
                            queue_action_code((enum queue_action)a),
                            queue_state_code((enum queue_state)s), calls,
                            (int)v);
                CHECK_INT(v, want_v);
                if (v == QV_OK && want) {
                    CHECK_INT(next.state, want->to);
                    CHECK_INT(next.calls, want->calls_after < 0
                                              ? calls
                                              : want->calls_after);
                } else {
                    CHECK_INT(next.state, QS__COUNT); /* untouched */
                }
            }
        }
    }
    CHECK(queue_state_is_final(QS_DONE));
    CHECK(queue_state_is_final(QS_NO_SHOW));
    CHECK(queue_state_is_final(QS_EXPIRED));
    CHECK(!queue_state_is_final(QS_WAITING));
    CHECK(!queue_state_is_final(QS_CALLED));
    CHECK(!queue_state_is_final(QS_SERVING));
}

/* A whole life: called three times, then a no-show; another served. */
static void test_journeys(void)
{
    struct queue_pos t = {QS_WAITING, 0};
    CHECK_INT(queue_check(&t, QA_CALL, &t), QV_OK);
    CHECK_INT(queue_check(&t, QA_NO_SHOW, &t), QV_TOO_EARLY);
    CHECK_INT(queue_check(&t, QA_RECALL, &t), QV_OK);
    CHECK_INT(queue_check(&t, QA_NO_SHOW, &t), QV_TOO_EARLY);
    CHECK_INT(queue_check(&t, QA_RECALL, &t), QV_OK);
    CHECK_INT(t.calls, 3);
    CHECK_INT(queue_check(&t, QA_RECALL, &t), QV_CALLS_USED);
    CHECK_INT(queue_check(&t, QA_NO_SHOW, &t), QV_OK);
    CHECK_INT(t.state, QS_NO_SHOW);

    struct queue_pos u = {QS_WAITING, 0};
    CHECK_INT(queue_check(&u, QA_CALL, &u), QV_OK);
    CHECK_INT(queue_check(&u, QA_START, &u), QV_OK);
    CHECK_INT(queue_check(&u, QA_TRANSFER, &u), QV_OK);
    CHECK_INT(u.state, QS_WAITING);
    CHECK_INT(queue_check(&u, QA_CALL, &u), QV_OK);
    CHECK_INT(queue_check(&u, QA_FINISH, &u), QV_OK);
    CHECK_INT(u.state, QS_DONE);
}

static void test_codes(void)
{
    for (int s = 0; s < QS__COUNT; s++) {
        enum queue_state back;
        CHECK(queue_state_parse(queue_state_code((enum queue_state)s), &back));
        CHECK_INT(back, s);
        CHECK(strcmp(queue_state_name((enum queue_state)s, LANG_ID),
                     queue_state_name((enum queue_state)s, LANG_EN)) != 0);
    }
    for (int a = 0; a < QA__COUNT; a++) {
        enum queue_action back;
        CHECK(
            queue_action_parse(queue_action_code((enum queue_action)a), &back));
        CHECK_INT(back, a);
    }
    enum queue_action x;
    CHECK(!queue_action_parse("CALL", &x));
    CHECK(!queue_action_parse(NULL, &x));
    CHECK_STR(queue_state_code(QS_NO_SHOW), "no_show");
    CHECK_STR(queue_action_code(QA_NO_SHOW), "no_show");
}

static void test_labels_groups(void)
{
    char out[QUEUE_LABEL_MAX];
    CHECK(queue_label('B', 17, out));
    CHECK_STR(out, "B-017");
    CHECK(queue_label('A', 1, out));
    CHECK_STR(out, "A-001");
    CHECK(queue_label('Z', 999, out));
    CHECK_STR(out, "Z-999");
    CHECK(queue_label('C', 1000, out));
    CHECK_STR(out, "C-1000");
    CHECK(queue_label('C', 9999999999LL, out));
    CHECK_STR(out, "C-9999999999");
    CHECK(!queue_label('C', 10000000000LL, out));
    CHECK_STR(out, "");
    CHECK(!queue_label('C', 0, out));
    CHECK(!queue_label('a', 5, out));
    CHECK(!queue_label('@', 5, out));
    CHECK(!queue_label('[', 5, out));

    CHECK(queue_group_valid("A"));
    CHECK(queue_group_valid("Z"));
    CHECK(!queue_group_valid("a"));
    CHECK(!queue_group_valid("AB"));
    CHECK(!queue_group_valid(""));
    CHECK(!queue_group_valid(NULL));

    CHECK(queue_counter_serves("*", 'A'));
    CHECK(queue_counter_serves("*", 'Z'));
    CHECK(queue_counter_serves("A,B", 'B'));
    CHECK(queue_counter_serves("B", 'B'));
    CHECK(!queue_counter_serves("A,B", 'C'));
    CHECK(!queue_counter_serves("A,B", ','));
    CHECK(!queue_counter_serves("", 'A'));
    CHECK(!queue_counter_serves(NULL, 'A'));
    CHECK(!queue_counter_serves("*", 'a'));

    CHECK(queue_groups_valid("*"));
    CHECK(queue_groups_valid("A"));
    CHECK(queue_groups_valid("A,B,E"));
    CHECK(!queue_groups_valid(""));
    CHECK(!queue_groups_valid("A,"));
    CHECK(!queue_groups_valid(",A"));
    CHECK(!queue_groups_valid("A,,B"));
    CHECK(!queue_groups_valid("A,A"));
    CHECK(!queue_groups_valid("AB"));
    CHECK(!queue_groups_valid("a"));
    CHECK(!queue_groups_valid("*,A"));
    CHECK(!queue_groups_valid(NULL));
}

#define DAY "2026-10-05"
#define NEXT_DAY "2026-10-06"
#define T0 1791165600 /* 2026-10-05T09:00:00+07:00 */

static void test_order(void)
{
    /* Issued in id order, one minute apart unless said. */
    struct queue_cand c[] = {
        {1, 'A', false, T0 + 60, 0, DAY, QS_WAITING},
        {2, 'B', false, T0 + 120, 0, DAY, QS_WAITING},
        {3, 'A', true, T0 + 180, 0, DAY, QS_WAITING}, /* priority */
        {4, 'A', false, T0 + 30, 0, DAY, QS_WAITING}, /* booked 08:00:30 */
        {5, 'A', false, T0 + 30, 0, DAY, QS_WAITING}, /* same instant */
        {6, 'A', false, T0 - 600, 0, "2026-10-04", QS_WAITING}, /* yesterday */
        {7, 'A', false, T0 + 10, 0, DAY, QS_CALLED},  /* called already */
        {8, 'C', false, T0 + 5, 9, DAY, QS_WAITING},  /* for counter 9 */
        {9, 'A', true, T0 + 400, 0, DAY, QS_WAITING}, /* priority, later */
    };
    size_t n = N_ITEMS(c);
    /* Counter 1 serves A and B: priority first (3 then 9), then by the
     * time in the queue (4 and 5 at the same instant: by id), then 1, 2;
     * never yesterday's 6, the called 7 or 8 (transferred to 9). */
    long order[] = {2, 8, 3, 4, 0, 1};
    bool taken[N_ITEMS(c)] = {false};
    struct queue_cand work[N_ITEMS(c)];
    memcpy(work, c, sizeof(c));
    for (size_t k = 0; k < N_ITEMS(order); k++) {
        long i = queue_pick(work, n, 1, "A,B", DAY);
        CHECK_INT(i, order[k]);
        if (i < 0)
            break;
        taken[i] = true;
        work[i].state = QS_CALLED;
    }
    CHECK_INT(queue_pick(work, n, 1, "A,B", DAY), -1);
    (void)taken;

    /* Counter 2 serves only B; counter 9 (any groups) gets its transfer
     * first, before older tickets of groups it serves. */
    CHECK_INT(queue_pick(c, n, 2, "B", DAY), 1);
    CHECK_INT(queue_pick(c, n, 2, "C", DAY), -1); /* 8 waits for 9 only */
    CHECK_INT(queue_pick(c, n, 9, "C", DAY), 7);
    /* Every group: the priority ticket 3 first. */
    CHECK_INT(queue_pick(c, n, 9, "*", DAY), 2);

    /* Day change: the same tickets seen the next day: nothing (6 was
     * yesterday's already); yesterday sees only 6. */
    CHECK_INT(queue_pick(c, n, 1, "*", NEXT_DAY), -1);
    CHECK_INT(queue_pick(c, n, 1, "*", "2026-10-04"), 5);
    CHECK_INT(queue_pick(c, 0, 1, "*", DAY), -1);

    /* The comparison itself. */
    CHECK(queue_before(&c[2], &c[0])); /* priority beats time */
    CHECK(!queue_before(&c[0], &c[2]));
    CHECK(queue_before(&c[3], &c[4])); /* same time: id */
    CHECK(!queue_before(&c[4], &c[3]));
    CHECK(!queue_before(&c[0], &c[0])); /* strict */
    CHECK(queue_before(&c[2], &c[8]));  /* two priorities: time */
}

static void test_recall_transfer_keep_place(void)
{
    /* A ticket transferred back to waiting keeps its queue_at: it is
     * still before everything issued after it at the counter it waits
     * for, and invisible to the others. */
    struct queue_cand c[] = {
        {10, 'A', false, T0 + 100, 0, DAY, QS_WAITING},
        {11, 'A', false, T0 + 50, 3, DAY, QS_WAITING}, /* transferred */
        {12, 'A', true, T0 + 200, 0, DAY, QS_WAITING},
    };
    CHECK_INT(queue_pick(c, 3, 3, "A", DAY), 2); /* priority still first */
    c[2].state = QS_DONE;
    CHECK_INT(queue_pick(c, 3, 3, "A", DAY), 1); /* then the transfer */
    CHECK_INT(queue_pick(c, 3, 4, "A", DAY), 0); /* not for counter 4 */
    /* A recalled (called) ticket is never called again by "next". */
    c[0].state = QS_CALLED;
    CHECK_INT(queue_pick(c, 3, 4, "A", DAY), -1);
    /* A no-show is gone for good. */
    c[1].state = QS_NO_SHOW;
    CHECK_INT(queue_pick(c, 3, 3, "A", DAY), -1);
}

static void test_ahead(void)
{
    struct queue_cand c[] = {
        {1, 'A', false, T0 + 60, 0, DAY, QS_WAITING},
        {2, 'B', false, T0 + 70, 0, DAY, QS_WAITING},
        {3, 'A', true, T0 + 300, 0, DAY, QS_WAITING},
        {4, 'A', false, T0 + 80, 0, DAY, QS_CALLED},
        {5, 'A', false, T0 + 90, 0, DAY, QS_WAITING},
        {6, 'A', false, T0 + 20, 0, "2026-10-04", QS_WAITING},
        {7, 'A', false, T0 + 10, 2, DAY, QS_WAITING},
        {8, 'A', false, T0 + 5, 2, DAY, QS_WAITING},
    };
    size_t n = N_ITEMS(c);
    CHECK_INT(queue_ahead(c, n, &c[4], DAY), 2); /* 3 (priority), 1 */
    CHECK_INT(queue_ahead(c, n, &c[0], DAY), 1); /* 3 */
    CHECK_INT(queue_ahead(c, n, &c[2], DAY), 0);
    CHECK_INT(queue_ahead(c, n, &c[1], DAY), 0); /* alone in B */
    CHECK_INT(queue_ahead(c, n, &c[6], DAY), 1); /* 8, same counter */
    CHECK_INT(queue_ahead(c, n, &c[7], DAY), 0);
    /* A new ticket not yet in the list counts everyone before it. */
    struct queue_cand fresh = {99, 'A', false, T0 + 1000, 0, DAY, QS_WAITING};
    CHECK_INT(queue_ahead(c, n, &fresh, DAY), 3);
    fresh.priority = true;
    CHECK_INT(queue_ahead(c, n, &fresh, DAY), 1);
}

static void test_estimate(void)
{
    int64_t m = -1;
    /* 6 calls in 30 minutes: one every 5 minutes; 2 ahead -> 15. */
    CHECK(queue_estimate_minutes(2, 6, T0, T0 + 1800, &m));
    CHECK_INT(m, 15);
    /* Next in line: one interval. */
    CHECK(queue_estimate_minutes(0, 6, T0, T0 + 1800, &m));
    CHECK_INT(m, 5);
    /* Rounded up: 3 calls in 10 minutes, 0 ahead -> 200 s -> 4 min. */
    CHECK(queue_estimate_minutes(0, 3, T0, T0 + 600, &m));
    CHECK_INT(m, 4);
    /* Boundaries: too few calls, no span. */
    CHECK(
        !queue_estimate_minutes(2, QUEUE_PACE_MIN_CALLS - 1, T0, T0 + 600, &m));
    CHECK_INT(m, 0);
    CHECK(queue_estimate_minutes(2, QUEUE_PACE_MIN_CALLS, T0, T0 + 600, &m));
    CHECK(!queue_estimate_minutes(2, 5, T0, T0, &m));
    CHECK(!queue_estimate_minutes(-1, 5, T0, T0 + 60, &m));
}

static void test_times(void)
{
    /* Walk-in: issue to call. */
    CHECK_INT(queue_wait_s(T0, T0, T0 + 754), 754);
    /* Booked for 09:00, came at 08:40: waits from the slot. */
    CHECK_INT(queue_wait_s(T0 + 2400, T0 + 3600, T0 + 3700), 100);
    /* Booked for 08:00, came at 08:40: from arrival. */
    CHECK_INT(queue_wait_s(T0 + 2400, T0, T0 + 2500), 100);
    /* Called before the slot began (a quiet morning): 0, never negative. */
    CHECK_INT(queue_wait_s(T0, T0 + 3600, T0 + 60), 0);
    CHECK_INT(queue_service_s(T0, T0 + 480), 480);
    CHECK_INT(queue_service_s(T0, T0), 0);
    CHECK_INT(queue_service_s(T0 + 5, T0), 0);
}

static void test_stats(void)
{
    struct queue_stats s;
    /* Ten values 60..600: mean 330, median the 5th (300), p90 the 9th
     * (540). */
    int64_t v[] = {600, 60, 540, 120, 480, 180, 420, 240, 360, 300};
    CHECK(queue_stats_of(v, N_ITEMS(v), &s));
    CHECK_INT(s.n, 10);
    CHECK_INT(s.mean_s, 330);
    CHECK_INT(s.median_s, 300);
    CHECK_INT(s.p90_s, 540);
    /* One value. */
    int64_t one[] = {42};
    CHECK(queue_stats_of(one, 1, &s));
    CHECK_INT(s.mean_s, 42);
    CHECK_INT(s.median_s, 42);
    CHECK_INT(s.p90_s, 42);
    /* Mean rounded half up: (1 + 2) / 2 = 1.5 -> 2; (1+1+2)/3 -> 1. */
    int64_t two[] = {2, 1};
    CHECK(queue_stats_of(two, 2, &s));
    CHECK_INT(s.mean_s, 2);
    CHECK_INT(s.median_s, 1); /* ceil(0.5 x 2) = 1st */
    CHECK_INT(s.p90_s, 2);    /* ceil(0.9 x 2) = 2nd */
    int64_t three[] = {1, 1, 2};
    CHECK(queue_stats_of(three, 3, &s));
    CHECK_INT(s.mean_s, 1);
    CHECK_INT(s.median_s, 1); /* ceil(1.5) = 2nd */
    CHECK_INT(s.p90_s, 2);    /* ceil(2.7) = 3rd */
    /* Eleven values 1..11: p90 = ceil(9.9) = 10th. */
    int64_t eleven[11];
    for (int i = 0; i < 11; i++)
        eleven[i] = 11 - i;
    CHECK(queue_stats_of(eleven, 11, &s));
    CHECK_INT(s.median_s, 6);
    CHECK_INT(s.p90_s, 10);
    CHECK_INT(s.mean_s, 6);
    CHECK(!queue_stats_of(v, 0, &s));
    CHECK_INT(s.n, 0);
}

/* The histogram form gives what the values give (duplicates, order,
 * negative values as 0, empty bars ignored). */
static void test_stats_hist(void)
{
    struct queue_bucket b[] = {{540, 1}, {60, 1}, {300, 2}, {120, 0},
                               {600, 1}, {-5, 1}, {0, 1},   {45, 3}};
    int64_t v[] = {540, 60, 300, 300, 600, 0, 0, 45, 45, 45};
    struct queue_stats h, s;
    CHECK(queue_stats_of_hist(b, N_ITEMS(b), &h));
    CHECK(queue_stats_of(v, N_ITEMS(v), &s));
    CHECK_INT(h.n, 10);
    CHECK_INT(h.n, s.n);
    CHECK_INT(h.mean_s, s.mean_s); /* 1935 / 10 = 193.5 -> 194 */
    CHECK_INT(h.mean_s, 194);
    CHECK_INT(h.median_s, s.median_s);
    CHECK_INT(h.median_s, 45); /* 5th of 0 0 45 45 45 60 ... */
    CHECK_INT(h.p90_s, s.p90_s);
    CHECK_INT(h.p90_s, 540);
    struct queue_bucket none[] = {{10, 0}};
    CHECK(!queue_stats_of_hist(none, 1, &h));
    CHECK_INT(h.n, 0);
    CHECK(!queue_stats_of_hist(none, 0, &h));
}

static void test_slots(void)
{
    int st[32];
    /* 07:30-15:30, an hour each: 07:30 ... 14:30 (8 slots). */
    size_t n = queue_slots(450, 930, 60, st, 32);
    CHECK_INT(n, 8);
    CHECK_INT(st[0], 450);
    CHECK_INT(st[7], 870);
    /* 07:30-14:00 (Friday): 13:30 starts 30 minutes before closing, so
     * it is kept (half a slot); 07:30 ... 13:30 is 7. */
    n = queue_slots(450, 840, 60, st, 32);
    CHECK_INT(n, 7);
    CHECK_INT(st[6], 810);
    /* 29 minutes left is less than half: 07:30-13:59 gives 6. */
    n = queue_slots(450, 839, 60, st, 32);
    CHECK_INT(n, 6);
    /* Capped by cap. */
    CHECK_INT(queue_slots(450, 930, 30, st, 4), 4);
    /* Closed, nonsense. */
    CHECK_INT(queue_slots(-1, -1, 60, st, 32), 0);
    CHECK_INT(queue_slots(450, 450, 60, st, 32), 0);
    CHECK_INT(queue_slots(450, 930, 4, st, 32), 0);
    CHECK_INT(queue_slots(450, 930, 481, st, 32), 0);
    CHECK_INT(queue_slots(450, 930, 480, st, 32), 1);
}

static void test_booking_codes(void)
{
    char out[QUEUE_BOOKING_LEN + 1];
    CHECK(queue_booking_code_parse("K7QM-9XPA", out));
    CHECK_STR(out, "K7QM9XPA");
    CHECK(queue_booking_code_parse(" k7qm 9xpa ", out));
    CHECK_STR(out, "K7QM9XPA");
    CHECK(!queue_booking_code_parse("K7QM-9XP", out));   /* 7 */
    CHECK(!queue_booking_code_parse("K7QM-9XPAB", out)); /* 9 */
    CHECK(!queue_booking_code_parse("K7QM-9XP0", out));  /* 0 not used */
    CHECK(!queue_booking_code_parse("K7QM-9XPO", out));  /* O not used */
    CHECK(!queue_booking_code_parse("K7QM-9XPI", out));  /* I not used */
    CHECK(!queue_booking_code_parse("K7QM_9XPA", out));
    CHECK(!queue_booking_code_parse("", out));
    CHECK(!queue_booking_code_parse(NULL, out));
    CHECK_STR(out, "");
}

int main(void)
{
    RUN(test_action_table);
    RUN(test_journeys);
    RUN(test_codes);
    RUN(test_labels_groups);
    RUN(test_order);
    RUN(test_recall_transfer_keep_place);
    RUN(test_ahead);
    RUN(test_estimate);
    RUN(test_times);
    RUN(test_stats);
    RUN(test_stats_hist);
    RUN(test_slots);
    RUN(test_booking_codes);
    TEST_END();
}
