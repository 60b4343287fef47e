/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaint.h: the complaint box's rules (after SP4N-LAPOR! practice;
 * README.md, "The rules that must be exact", "Complaint deadlines"):
 *
 *   received --verify (3 working days)--> verified --refer--> referred
 *   verified/referred --answer (5 working days after verification)-->
 *   answered --the complainant accepts, or 10 days pass--> closed
 *   answered --the complainant replies within 10 days--> reopened, and
 *   the answer clock starts again (5 working days from the reply)
 *   any open state --reject (out of scope, duplicate; reason)--> rejected
 *
 * A complaint past its current deadline (verification or answer) is
 * escalated to the Sekkab's list automatically, once, with the reason.
 * Choice: the complainant's reply window is 10 calendar days (the rule
 * says "10 days"; the working-day clocks say "working days").
 *
 * Pure: deadlines are computed with a core calendar passed in.
 */
#ifndef SP_CORE_COMPLAINT_H
#define SP_CORE_COMPLAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/lang.h"
#include "core/role.h"

#define COMPLAINT_VERIFY_DAYS 3
#define COMPLAINT_ANSWER_DAYS 5
#define COMPLAINT_REPLY_DAYS 10
#define COMPLAINT_TEXT_MAX 4000

enum complaint_state {
    CMP_RECEIVED,
    CMP_VERIFIED,
    CMP_REFERRED,
    CMP_ANSWERED,
    CMP_CLOSED,
    CMP_REOPENED,
    CMP_REJECTED,
    CMP_STATE__COUNT
};

enum complaint_action {
    CA_VERIFY, /* the complaint officer checks it is a complaint */
    CA_REFER,  /* send it to the responsible office or agency */
    CA_ANSWER, /* the public answer */
    CA_REJECT, /* out of scope or duplicate, with a reason */
    CA_ACCEPT, /* the complainant accepts the answer */
    CA_REPLY,  /* the complainant replies: reopens */
    CA_CLOSE,  /* the reply window passed (the system) */
    CA_NOTE,   /* an internal note */
    CA__COUNT
};

/* Who takes an action: staff by role, the complainant, or the system. */
enum complaint_actor { CACTOR_STAFF, CACTOR_CITIZEN, CACTOR_SYSTEM };

enum complaint_identity {
    CID_NAMED,        /* name shown to staff handling it */
    CID_CONFIDENTIAL, /* name seen by complaint officers only */
    CID_ANONYMOUS,    /* no name kept */
};

const char *complaint_state_code(enum complaint_state s);
bool complaint_state_parse(const char *s, enum complaint_state *out);
const char *complaint_state_name(enum complaint_state s, enum lang lang);
/* Open311's two states: "open" or "closed". */
const char *complaint_open311_status(enum complaint_state s);
const char *complaint_action_code(enum complaint_action a);
bool complaint_action_parse(const char *s, enum complaint_action *out);
const char *complaint_action_name(enum complaint_action a, enum lang lang);
const char *complaint_identity_code(enum complaint_identity i);
bool complaint_identity_parse(const char *s, enum complaint_identity *out);

/* The timestamps the clocks need (Unix seconds, 0 = not yet). */
struct complaint_clock {
    enum complaint_state state;
    int64_t received_at; /* on the slip for paper complaints */
    int64_t verified_at;
    int64_t answered_at;
    int64_t reopened_at; /* the latest reply that reopened it */
};

/*
 * The current deadline: verification while received, the answer while
 * verified/referred/reopened, the end of the reply window while answered;
 * 0 when closed or rejected. *provisional as for promised dates.
 */
int64_t complaint_deadline(const struct calendar *cal,
                           const struct complaint_clock *c, bool *provisional);
/* True when the current deadline is one that escalates (verification or
 * answer) and now is past it. */
bool complaint_is_overdue(const struct complaint_clock *c, int64_t deadline,
                          int64_t now);

/*
 * May actor (with role, for staff) take action from state? has_note: a
 * reason/answer/reply was given. On true, *next is the new state.
 * Staff: complaint officers verify, refer, answer, reject and note; heads
 * of office answer and note; citizens accept or reply (answered only,
 * within the window: the caller checks the time); the system closes.
 */
bool complaint_allowed(enum complaint_state state, enum complaint_action action,
                       enum complaint_actor actor, enum role role,
                       bool has_note, enum complaint_state *next);

/* Why a complaint (or a finding, a report) was escalated, in lang's
 * words: the stored reason code ("verification_overdue",
 * "answer_overdue", "followup_overdue", ...) or the two-language sentence
 * earlier versions wrote as the escalation's note; a general "past its
 * deadline" for anything else (never the code). */
const char *complaint_escalation_reason(const char *code, enum lang lang);

/*
 * A complaint number as typed ("P-26-009-00001-3", "p-26 009...", or the
 * registration-number part alone) in canonical form "P-26-009-00001-3"
 * into out; false when malformed or the check digit is wrong.
 */
bool complaint_number_parse(const char *typed, char out[32]);

#endif
