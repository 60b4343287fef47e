/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* workflow.c: the state table (see workflow.h). */
#include "core/workflow.h"

#include <string.h>

struct state_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static const struct state_row states[APPL_STATE__COUNT] = {
    [APPL_RECEIVED] = {"received", "Diterima", "Received"},
    [APPL_VERIFIED] = {"verified", "Diverifikasi", "Verified"},
    [APPL_IN_PROCESS] = {"in_process", "Sedang diproses", "In process"},
    [APPL_SIGNED] = {"signed", "Sudah ditandatangani", "Signed"},
    [APPL_READY] = {"ready", "Siap diambil", "Ready for pick-up"},
    [APPL_HANDED_OVER] = {"handed_over", "Sudah diserahkan", "Handed over"},
    [APPL_RETURNED] = {"returned", "Dikembalikan untuk dilengkapi",
                       "Returned for completion"},
    [APPL_REJECTED] = {"rejected", "Ditolak", "Rejected"},
};

struct action_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
    unsigned from;    /* bits (1u << enum appl_state) it may start from */
    unsigned roles;   /* bits (1u << enum role) that may take it; 0 for
                         ACT_STEP: the step's own role decides */
    bool needs_note;  /* a reason, missing list or collector */
};

#define S(x) (1u << (x))
#define OPEN_STATES                                                            \
    (S(APPL_RECEIVED) | S(APPL_VERIFIED) | S(APPL_IN_PROCESS) | S(APPL_SIGNED))

static const struct action_row actions[ACT__COUNT] = {
    [ACT_STEP] = {"step", "Selesaikan langkah", "Complete the step",
                  OPEN_STATES, 0, false},
    [ACT_RETURN] = {"return", "Kembalikan untuk dilengkapi",
                    "Return for completion",
                    S(APPL_RECEIVED) | S(APPL_VERIFIED) | S(APPL_IN_PROCESS),
                    S(ROLE_FRONT) | S(ROLE_BACK) | S(ROLE_HEAD), true},
    [ACT_RESUME] = {"resume", "Berkas dilengkapi, lanjutkan",
                    "Completed by the citizen, resume", S(APPL_RETURNED),
                    S(ROLE_FRONT), false},
    [ACT_REJECT] = {"reject", "Tolak", "Reject", OPEN_STATES | S(APPL_RETURNED),
                    S(ROLE_BACK) | S(ROLE_HEAD), true},
    [ACT_HAND_OVER] = {"hand_over", "Serahkan", "Hand over", S(APPL_READY),
                       S(ROLE_FRONT), true},
    [ACT_NOTE] = {"note", "Tambah catatan", "Add a note",
                  (1u << APPL_STATE__COUNT) - 1,
                  S(ROLE_FRONT) | S(ROLE_BACK) | S(ROLE_HEAD), true},
};

const char *appl_state_code(enum appl_state s)
{
    return (unsigned)s < APPL_STATE__COUNT ? states[s].code : "unknown";
}

bool appl_state_parse(const char *s, enum appl_state *out)
{
    for (int i = 0; s && i < APPL_STATE__COUNT; i++) {
        if (strcmp(s, states[i].code) == 0) {
            *out = (enum appl_state)i;
            return true;
        }
    }
    return false;
}

const char *appl_state_name(enum appl_state s, enum lang lang)
{
    if ((unsigned)s >= APPL_STATE__COUNT)
        return "?";
    return L(lang, states[s].id, states[s].en);
}

const char *appl_action_code(enum appl_action a)
{
    return (unsigned)a < ACT__COUNT ? actions[a].code : "unknown";
}

bool appl_action_parse(const char *s, enum appl_action *out)
{
    for (int i = 0; s && i < ACT__COUNT; i++) {
        if (strcmp(s, actions[i].code) == 0) {
            *out = (enum appl_action)i;
            return true;
        }
    }
    return false;
}

const char *appl_action_name(enum appl_action a, enum lang lang)
{
    if ((unsigned)a >= ACT__COUNT)
        return "?";
    return L(lang, actions[a].id, actions[a].en);
}

bool appl_state_is_completed(enum appl_state s)
{
    return s == APPL_READY || s == APPL_HANDED_OVER || s == APPL_REJECTED;
}

bool appl_state_is_final(enum appl_state s)
{
    return s == APPL_HANDED_OVER || s == APPL_REJECTED;
}

enum appl_state appl_state_of_step(enum step_state s)
{
    switch (s) {
    case STEP_RECEIVED:
        return APPL_RECEIVED;
    case STEP_VERIFIED:
        return APPL_VERIFIED;
    case STEP_IN_PROCESS:
        return APPL_IN_PROCESS;
    case STEP_SIGNED:
        return APPL_SIGNED;
    case STEP_READY:
    default:
        return APPL_READY;
    }
}

enum wf_result wf_check(const struct service_def *s, const struct wf_app *a,
                        enum appl_action action, enum role role, bool has_note,
                        struct wf_app *next)
{
    if ((unsigned)action >= ACT__COUNT ||
        (unsigned)a->state >= APPL_STATE__COUNT)
        return WF_WRONG_STATE;
    const struct action_row *row = &actions[action];
    if (!(row->from & S(a->state)))
        return WF_WRONG_STATE;
    if (action == ACT_STEP) {
        if (a->next_step >= s->n_steps)
            return WF_WRONG_STATE;
        if (s->steps[a->next_step].role != role)
            return WF_WRONG_ROLE;
    } else if (!(row->roles & S(role))) {
        return WF_WRONG_ROLE;
    }
    if (row->needs_note && !has_note)
        return WF_NOTE_REQUIRED;
    *next = *a;
    switch (action) {
    case ACT_STEP:
        next->state = appl_state_of_step(s->steps[a->next_step].state);
        next->next_step = a->next_step + 1;
        break;
    case ACT_RETURN:
        next->before_return = a->state;
        next->state = APPL_RETURNED;
        break;
    case ACT_RESUME:
        next->state = a->before_return;
        break;
    case ACT_REJECT:
        next->state = APPL_REJECTED;
        break;
    case ACT_HAND_OVER:
        next->state = APPL_HANDED_OVER;
        break;
    case ACT_NOTE:
    case ACT__COUNT:
        break;
    }
    return WF_OK;
}

bool appl_survey_open(enum appl_state s)
{
    return s == APPL_HANDED_OVER || s == APPL_REJECTED;
}
