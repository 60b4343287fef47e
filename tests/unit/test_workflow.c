/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_workflow.c: the workflow table row by row, allowed and forbidden:
 * every action x state x role is checked against an expectation written
 * out by hand here (not derived from the code), plus a whole journey.
 */
#include "core/workflow.h"
#include "test.h"

/* A typical SOP: front office receives, back office verifies and
 * processes, the head signs, the front office makes it ready. */
static struct sop_step steps[] = {
    {"TERIMA", {"Terima", "Receive"}, ROLE_FRONT, STEP_RECEIVED},
    {"VERIF", {"Verifikasi", "Verify"}, ROLE_BACK, STEP_VERIFIED},
    {"PROSES", {"Proses", "Process"}, ROLE_BACK, STEP_IN_PROCESS},
    {"TTD", {"Tanda tangan", "Sign"}, ROLE_HEAD, STEP_SIGNED},
    {"SIAP", {"Siap", "Ready"}, ROLE_FRONT, STEP_READY},
};
static struct service_def svc = {.code = "SKTM", .steps = steps, .n_steps = 5};

/* next_step that goes with each state in this SOP (after intake, step 0
 * is done). */
static size_t next_of(enum app_state s)
{
    switch (s) {
    case APP_RECEIVED:
        return 1;
    case APP_VERIFIED:
        return 2;
    case APP_IN_PROCESS:
        return 3;
    case APP_SIGNED:
        return 4;
    default:
        return 5;
    }
}

/* Expected: may role take action in state? (by hand from workflow.h) */
static bool expected(enum app_action a, enum app_state s, enum role r)
{
    bool open = s == APP_RECEIVED || s == APP_VERIFIED || s == APP_IN_PROCESS ||
                s == APP_SIGNED;
    bool staff = r == ROLE_FRONT || r == ROLE_BACK || r == ROLE_HEAD;
    switch (a) {
    case ACT_STEP:
        return (s == APP_RECEIVED && r == ROLE_BACK) ||
               (s == APP_VERIFIED && r == ROLE_BACK) ||
               (s == APP_IN_PROCESS && r == ROLE_HEAD) ||
               (s == APP_SIGNED && r == ROLE_FRONT);
    case ACT_RETURN:
        return staff &&
               (s == APP_RECEIVED || s == APP_VERIFIED || s == APP_IN_PROCESS);
    case ACT_RESUME:
        return s == APP_RETURNED && r == ROLE_FRONT;
    case ACT_REJECT:
        return (open || s == APP_RETURNED) &&
               (r == ROLE_BACK || r == ROLE_HEAD);
    case ACT_HAND_OVER:
        return s == APP_READY && r == ROLE_FRONT;
    case ACT_NOTE:
        return staff;
    default:
        return false;
    }
}

static void test_table_row_by_row(void)
{
    int allowed = 0, forbidden = 0;
    for (int a = 0; a < ACT__COUNT; a++) {
        for (int s = 0; s < APP_STATE__COUNT; s++) {
            for (int r = 0; r < ROLE__COUNT; r++) {
                struct wf_app app = {(enum app_state)s,
                                     next_of((enum app_state)s), APP_VERIFIED};
                struct wf_app next;
                enum wf_result got = wf_check(&svc, &app, (enum app_action)a,
                                              (enum role)r, true, &next);
                bool want = expected((enum app_action)a, (enum app_state)s,
                                     (enum role)r);
                if ((got == WF_OK) != want)
                    fprintf(stderr, "  %s from %s by %s: got %d\n",
                            app_action_code((enum app_action)a),
                            app_state_code((enum app_state)s),
                            role_code((enum role)r), got);
                CHECK_INT(got == WF_OK, want);
                if (want)
                    allowed++;
                else
                    forbidden++;
            }
        }
    }
    CHECK(allowed > 20);
    CHECK_INT(allowed + forbidden, ACT__COUNT * APP_STATE__COUNT * ROLE__COUNT);
    CHECK(forbidden > 200);
}

static void test_results(void)
{
    struct wf_app a = {APP_RECEIVED, 1, APP_RECEIVED}, n;
    CHECK_INT(wf_check(&svc, &a, ACT_STEP, ROLE_BACK, false, &n), WF_OK);
    CHECK_INT(n.state, APP_VERIFIED);
    CHECK_INT(n.next_step, 2);
    CHECK_INT(wf_check(&svc, &a, ACT_STEP, ROLE_FRONT, false, &n),
              WF_WRONG_ROLE);
    CHECK_INT(wf_check(&svc, &a, ACT_HAND_OVER, ROLE_FRONT, true, &n),
              WF_WRONG_STATE);
    /* Reasons are required. */
    CHECK_INT(wf_check(&svc, &a, ACT_REJECT, ROLE_BACK, false, &n),
              WF_NOTE_REQUIRED);
    CHECK_INT(wf_check(&svc, &a, ACT_RETURN, ROLE_FRONT, false, &n),
              WF_NOTE_REQUIRED);
    /* Return remembers the state; resume goes back to it. */
    struct wf_app v = {APP_IN_PROCESS, 3, APP_RECEIVED};
    CHECK_INT(wf_check(&svc, &v, ACT_RETURN, ROLE_BACK, true, &n), WF_OK);
    CHECK_INT(n.state, APP_RETURNED);
    CHECK_INT(n.before_return, APP_IN_PROCESS);
    CHECK_INT(n.next_step, 3);
    struct wf_app r = n;
    CHECK_INT(wf_check(&svc, &r, ACT_STEP, ROLE_HEAD, false, &n),
              WF_WRONG_STATE); /* no step while returned */
    CHECK_INT(wf_check(&svc, &r, ACT_RESUME, ROLE_FRONT, false, &n), WF_OK);
    CHECK_INT(n.state, APP_IN_PROCESS);
    /* Final states take notes only. */
    struct wf_app done = {APP_HANDED_OVER, 5, APP_RECEIVED};
    for (int act = 0; act < ACT__COUNT; act++)
        CHECK_INT(wf_check(&svc, &done, (enum app_action)act, ROLE_HEAD, true,
                           &n) == WF_OK,
                  act == ACT_NOTE);
    CHECK(app_state_is_completed(APP_READY));
    CHECK(app_state_is_completed(APP_REJECTED));
    CHECK(!app_state_is_completed(APP_RETURNED));
    CHECK(app_state_is_final(APP_HANDED_OVER));
    CHECK(!app_state_is_final(APP_READY));
}

static void test_whole_journey(void)
{
    struct wf_app a = {APP_RECEIVED, 1, APP_RECEIVED}, n;
    static const enum role who[] = {ROLE_BACK, ROLE_BACK, ROLE_HEAD,
                                    ROLE_FRONT};
    static const enum app_state after[] = {APP_VERIFIED, APP_IN_PROCESS,
                                           APP_SIGNED, APP_READY};
    for (size_t i = 0; i < 4; i++) {
        CHECK_INT(wf_check(&svc, &a, ACT_STEP, who[i], false, &n), WF_OK);
        CHECK_INT(n.state, after[i]);
        a = n;
    }
    CHECK_INT(wf_check(&svc, &a, ACT_STEP, ROLE_FRONT, false, &n),
              WF_WRONG_STATE); /* no steps left */
    CHECK_INT(wf_check(&svc, &a, ACT_HAND_OVER, ROLE_FRONT, true, &n), WF_OK);
    CHECK_INT(n.state, APP_HANDED_OVER);
}

static void test_codes(void)
{
    for (int s = 0; s < APP_STATE__COUNT; s++) {
        enum app_state back;
        CHECK(app_state_parse(app_state_code((enum app_state)s), &back));
        CHECK_INT(back, s);
    }
    for (int a = 0; a < ACT__COUNT; a++) {
        enum app_action back;
        CHECK(app_action_parse(app_action_code((enum app_action)a), &back));
        CHECK_INT(back, a);
    }
    enum app_action x;
    CHECK(!app_action_parse("delete", &x));
    CHECK_STR(app_state_name(APP_READY, LANG_ID), "Siap diambil");
    CHECK_STR(app_state_name(APP_READY, LANG_EN), "Ready for pick-up");
}

int main(void)
{
    RUN(test_table_row_by_row);
    RUN(test_results);
    RUN(test_whole_journey);
    RUN(test_codes);
    TEST_END();
}
