/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_workflow.c: the workflow table row by row, allowed and forbidden:
 * every action x state x role is checked against the expected table
 * listed as data here (which roles may take which action from which
 * state, and the state it leads to), plus a whole journey.
 */
#include <string.h>

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
static size_t next_of(enum appl_state s)
{
    switch (s) {
    case APPL_RECEIVED:
        return 1;
    case APPL_VERIFIED:
        return 2;
    case APPL_IN_PROCESS:
        return 3;
    case APPL_SIGNED:
        return 4;
    default:
        return 5;
    }
}

/*
 * The expected table, written out by hand: every (action, state) from
 * which the action is possible, the roles that may take it there, and the
 * state it leads to (for resume: the state before the return, which is
 * "verified" for every application below). Anything not listed is
 * forbidden: an action with no row for the state is WF_WRONG_STATE, a
 * role not listed in the row is WF_WRONG_ROLE. Roles by their stable
 * codes (core/role.c), so the table reads like the documentation.
 */
static const struct expected_row {
    enum appl_action action;
    enum appl_state from;
    const char *roles; /* role codes, separated by spaces */
    enum appl_state to;
} expected[] = {
    /* The SOP steps of the service above, each by its own role. */
    {ACT_STEP, APPL_RECEIVED, "back_office", APPL_VERIFIED},
    {ACT_STEP, APPL_VERIFIED, "back_office", APPL_IN_PROCESS},
    {ACT_STEP, APPL_IN_PROCESS, "head_of_office", APPL_SIGNED},
    {ACT_STEP, APPL_SIGNED, "front_office", APPL_READY},
    /* Return for completion, before the head signs. */
    {ACT_RETURN, APPL_RECEIVED, "front_office back_office head_of_office",
     APPL_RETURNED},
    {ACT_RETURN, APPL_VERIFIED, "front_office back_office head_of_office",
     APPL_RETURNED},
    {ACT_RETURN, APPL_IN_PROCESS, "front_office back_office head_of_office",
     APPL_RETURNED},
    /* The citizen brought what was missing: back where it was. */
    {ACT_RESUME, APPL_RETURNED, "front_office", APPL_VERIFIED},
    /* Rejection, from any open state or while returned. */
    {ACT_REJECT, APPL_RECEIVED, "back_office head_of_office", APPL_REJECTED},
    {ACT_REJECT, APPL_VERIFIED, "back_office head_of_office", APPL_REJECTED},
    {ACT_REJECT, APPL_IN_PROCESS, "back_office head_of_office", APPL_REJECTED},
    {ACT_REJECT, APPL_SIGNED, "back_office head_of_office", APPL_REJECTED},
    {ACT_REJECT, APPL_RETURNED, "back_office head_of_office", APPL_REJECTED},
    /* Hand-over of a ready product, at the counter. */
    {ACT_HAND_OVER, APPL_READY, "front_office", APPL_HANDED_OVER},
    /* Notes in every state, by office staff; the state stays. */
    {ACT_NOTE, APPL_RECEIVED, "front_office back_office head_of_office",
     APPL_RECEIVED},
    {ACT_NOTE, APPL_VERIFIED, "front_office back_office head_of_office",
     APPL_VERIFIED},
    {ACT_NOTE, APPL_IN_PROCESS, "front_office back_office head_of_office",
     APPL_IN_PROCESS},
    {ACT_NOTE, APPL_SIGNED, "front_office back_office head_of_office",
     APPL_SIGNED},
    {ACT_NOTE, APPL_READY, "front_office back_office head_of_office",
     APPL_READY},
    {ACT_NOTE, APPL_HANDED_OVER, "front_office back_office head_of_office",
     APPL_HANDED_OVER},
    {ACT_NOTE, APPL_RETURNED, "front_office back_office head_of_office",
     APPL_RETURNED},
    {ACT_NOTE, APPL_REJECTED, "front_office back_office head_of_office",
     APPL_REJECTED},
};

/* The row for (action, state), or NULL. */
static const struct expected_row *row_of(enum appl_action a, enum appl_state s)
{
    for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
        if (expected[i].action == a && expected[i].from == s)
            return &expected[i];
    return NULL;
}

/* True when the space-separated list holds code as a whole word. */
static bool lists(const char *list, const char *code)
{
    size_t n = strlen(code);
    const char *p = strstr(list, code);
    while (p) {
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return true;
        p = strstr(p + n, code);
    }
    return false;
}

static void test_table_row_by_row(void)
{
    int allowed = 0, forbidden = 0;
    for (int a = 0; a < ACT__COUNT; a++) {
        for (int s = 0; s < APPL_STATE__COUNT; s++) {
            const struct expected_row *row =
                row_of((enum appl_action)a, (enum appl_state)s);
            for (int r = 0; r < ROLE__COUNT; r++) {
                struct wf_app app = {(enum appl_state)s,
                                     next_of((enum appl_state)s),
                                     APPL_VERIFIED};
                struct wf_app next = {APPL_STATE__COUNT, 0, APPL_STATE__COUNT};
                enum wf_result got = wf_check(&svc, &app, (enum appl_action)a,
                                              (enum role)r, true, &next);
                enum wf_result want =
                    !row ? WF_WRONG_STATE
                    : !lists(row->roles, role_code((enum role)r))
                        ? WF_WRONG_ROLE
                        : WF_OK;
                if (got != want)
                    fprintf(stderr, "  %s from %s by %s: got %d, want %d\n",
                            appl_action_code((enum appl_action)a),
                            appl_state_code((enum appl_state)s),
                            role_code((enum role)r), got, want);
                CHECK_INT(got, want);
                if (want != WF_OK) {
                    forbidden++;
                    continue;
                }
                allowed++;
                CHECK_INT(next.state, row->to);
                /* A step moves to the next one; nothing else does. */
                CHECK_INT(next.next_step,
                          app.next_step + (a == ACT_STEP ? 1 : 0));
                /* A return remembers where it was. */
                CHECK_INT(next.before_return,
                          a == ACT_RETURN ? app.state : app.before_return);
            }
        }
    }
    /* Every role code in the table exists (a typo would forbid silently). */
    for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        char list[128];
        snprintf(list, sizeof(list), "%s", expected[i].roles);
        for (char *tok = strtok(list, " "); tok; tok = strtok(NULL, " ")) {
            enum role r;
            CHECK(role_parse(tok, &r));
        }
    }
    /* 4 steps + 9 returns + 1 resume + 10 rejections + 1 hand-over + 24
     * notes. */
    CHECK_INT(allowed, 49);
    CHECK_INT(allowed + forbidden,
              ACT__COUNT * APPL_STATE__COUNT * ROLE__COUNT);
}

static void test_results(void)
{
    struct wf_app a = {APPL_RECEIVED, 1, APPL_RECEIVED}, n;
    CHECK_INT(wf_check(&svc, &a, ACT_STEP, ROLE_BACK, false, &n), WF_OK);
    CHECK_INT(n.state, APPL_VERIFIED);
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
    struct wf_app v = {APPL_IN_PROCESS, 3, APPL_RECEIVED};
    CHECK_INT(wf_check(&svc, &v, ACT_RETURN, ROLE_BACK, true, &n), WF_OK);
    CHECK_INT(n.state, APPL_RETURNED);
    CHECK_INT(n.before_return, APPL_IN_PROCESS);
    CHECK_INT(n.next_step, 3);
    struct wf_app r = n;
    CHECK_INT(wf_check(&svc, &r, ACT_STEP, ROLE_HEAD, false, &n),
              WF_WRONG_STATE); /* no step while returned */
    CHECK_INT(wf_check(&svc, &r, ACT_RESUME, ROLE_FRONT, false, &n), WF_OK);
    CHECK_INT(n.state, APPL_IN_PROCESS);
    /* Final states take notes only. */
    struct wf_app done = {APPL_HANDED_OVER, 5, APPL_RECEIVED};
    for (int act = 0; act < ACT__COUNT; act++)
        CHECK_INT(wf_check(&svc, &done, (enum appl_action)act, ROLE_HEAD, true,
                           &n) == WF_OK,
                  act == ACT_NOTE);
    CHECK(appl_state_is_completed(APPL_READY));
    CHECK(appl_state_is_completed(APPL_REJECTED));
    CHECK(!appl_state_is_completed(APPL_RETURNED));
    CHECK(appl_state_is_final(APPL_HANDED_OVER));
    CHECK(!appl_state_is_final(APPL_READY));
}

static void test_whole_journey(void)
{
    struct wf_app a = {APPL_RECEIVED, 1, APPL_RECEIVED}, n;
    static const enum role who[] = {ROLE_BACK, ROLE_BACK, ROLE_HEAD,
                                    ROLE_FRONT};
    static const enum appl_state after[] = {APPL_VERIFIED, APPL_IN_PROCESS,
                                            APPL_SIGNED, APPL_READY};
    for (size_t i = 0; i < 4; i++) {
        CHECK_INT(wf_check(&svc, &a, ACT_STEP, who[i], false, &n), WF_OK);
        CHECK_INT(n.state, after[i]);
        a = n;
    }
    CHECK_INT(wf_check(&svc, &a, ACT_STEP, ROLE_FRONT, false, &n),
              WF_WRONG_STATE); /* no steps left */
    CHECK_INT(wf_check(&svc, &a, ACT_HAND_OVER, ROLE_FRONT, true, &n), WF_OK);
    CHECK_INT(n.state, APPL_HANDED_OVER);
}

static void test_codes(void)
{
    for (int s = 0; s < APPL_STATE__COUNT; s++) {
        enum appl_state back;
        CHECK(appl_state_parse(appl_state_code((enum appl_state)s), &back));
        CHECK_INT(back, s);
    }
    for (int a = 0; a < ACT__COUNT; a++) {
        enum appl_action back;
        CHECK(appl_action_parse(appl_action_code((enum appl_action)a), &back));
        CHECK_INT(back, a);
    }
    enum appl_action x;
    CHECK(!appl_action_parse("delete", &x));
    CHECK_STR(appl_state_name(APPL_READY, LANG_ID), "Siap diambil");
    CHECK_STR(appl_state_name(APPL_READY, LANG_EN), "Ready for pick-up");
}

int main(void)
{
    RUN(test_table_row_by_row);
    RUN(test_results);
    RUN(test_whole_journey);
    RUN(test_codes);
    TEST_END();
}
