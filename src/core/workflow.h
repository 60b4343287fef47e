/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * workflow.h: the life of an application, as a table.
 *
 * A service's SOP steps (core/service.h) each lead to one of the canonical
 * states received -> verified -> in process -> signed -> ready; the
 * application then ends handed over. Side states: returned for completion
 * (the clock stops; the citizen resubmits and it resumes where it was) and
 * rejected (with a reason; final). Which role may take which action from
 * which state is actions[] in workflow.c, tested row by row against the
 * expected table in tests/unit/test_workflow.c.
 *
 * Pure: the caller loads the application and the service, asks
 * wf_check(), and writes the event and the new state in one transaction.
 */
#ifndef SP_CORE_WORKFLOW_H
#define SP_CORE_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"
#include "core/role.h"
#include "core/service.h"

enum appl_state {
    APPL_RECEIVED,
    APPL_VERIFIED,
    APPL_IN_PROCESS,
    APPL_SIGNED,
    APPL_READY,
    APPL_HANDED_OVER,
    APPL_RETURNED,
    APPL_REJECTED,
    APPL_STATE__COUNT
};

enum appl_action {
    ACT_STEP,      /* do the next SOP step */
    ACT_RETURN,    /* return to the citizen for completion (clock stops) */
    ACT_RESUME,    /* the citizen handed in what was missing */
    ACT_REJECT,    /* refuse, with a reason (final) */
    ACT_HAND_OVER, /* the product was collected (by the citizen or proxy) */
    ACT_NOTE,      /* a note on the file; changes nothing else */
    ACT__COUNT
};

/* What the workflow needs to know of an application. */
struct wf_app {
    enum appl_state state;         /* current state */
    size_t next_step;              /* index of the next SOP step to do */
    enum appl_state before_return; /* state to resume to (when returned) */
};

enum wf_result {
    WF_OK,
    WF_WRONG_STATE,   /* the action is not possible in this state */
    WF_WRONG_ROLE,    /* the user's role may not take it */
    WF_NOTE_REQUIRED, /* a reason, missing list or collector is needed */
};

/*
 * Whether the satisfaction survey of an application in state s may be
 * answered (through the receipt's link): once the document was handed
 * over or the application rejected, a citizen rates what they received
 * (docs/SECURITY.md rule 31). One answer per application besides.
 */
bool appl_survey_open(enum appl_state s);

const char *appl_state_code(enum appl_state s);
bool appl_state_parse(const char *s, enum appl_state *out);
/* Plain words for citizens and staff. */
const char *appl_state_name(enum appl_state s, enum lang lang);
const char *appl_action_code(enum appl_action a);
bool appl_action_parse(const char *s, enum appl_action *out);
const char *appl_action_name(enum appl_action a, enum lang lang);
/* Completed for on-time purposes: ready, handed over or rejected. */
bool appl_state_is_completed(enum appl_state s);
/* No further action but notes: handed over or rejected. */
bool appl_state_is_final(enum appl_state s);
enum appl_state appl_state_of_step(enum step_state s);

/*
 * May a user of role take action on application a of service s? has_note
 * says whether a note/reason/collector was given. On WF_OK, *next is the
 * application after the action (state, next_step, before_return).
 */
enum wf_result wf_check(const struct service_def *s, const struct wf_app *a,
                        enum appl_action action, enum role role, bool has_note,
                        struct wf_app *next);

#endif
