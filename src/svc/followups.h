/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * followups.h: the Sekda's instructions about escalated complaints. The
 * Sekda (PERM_INSTRUCT) instructs the office responsible for a complaint
 * on the list (the office it was referred to, else the office complained
 * about), with a deadline in working days of that office's calendar
 * (FOLLOWUP_DUE_MIN..FOLLOWUP_DUE_MAX); the head of that office
 * acknowledges and answers (scope_followup()); a follow-up not answered
 * by its deadline is overdue (shown in red on both lists). Every step is
 * also an event in the complaint's history.
 */
#ifndef SP_SVC_FOLLOWUPS_H
#define SP_SVC_FOLLOWUPS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "store/complaints.h"
#include "store/followups.h"
#include "svc/svc.h"

#define FOLLOWUP_DUE_MIN 1
#define FOLLOWUP_DUE_MAX 30
#define FOLLOWUP_DUE_DEFAULT 3
#define FOLLOWUP_TEXT_MAX 2000

enum followup_outcome {
    FUO_DONE,          /* written */
    FUO_INVALID,       /* field errors (nothing written) */
    FUO_NOT_FOUND,     /* no such complaint / follow-up in the user's scope */
    FUO_NOT_ESCALATED, /* the complaint is not on the Sekda's list (not
                          escalated, or closed or rejected) */
    FUO_STALE,         /* someone acted first (the version moved) */
    FUO_REPEATED,      /* the same form again: its first result stands */
};

/* The instruction as typed. */
struct instruct_input {
    const char *number;   /* the complaint's number */
    const char *text;     /* what the office must do */
    const char *due_days; /* working days, as typed ("" = the default) */
};

/* Instruct the responsible office (one transaction, with c's one-time
 * form token recorded). */
enum err followup_instruct(const struct svc_ctx *c,
                           const struct instruct_input *in,
                           struct field_errors *fe, struct followup *out,
                           enum followup_outcome *outcome)
    __attribute__((warn_unused_result));
/* The head of the office acknowledges follow-up id, seen at version
 * expected. */
enum err followup_acknowledge(const struct svc_ctx *c, int64_t id, int expected,
                              enum followup_outcome *outcome)
    __attribute__((warn_unused_result));
/* ...answers it (text 1..FOLLOWUP_TEXT_MAX characters). */
enum err followup_answer(const struct svc_ctx *c, int64_t id, int expected,
                         const char *answer, struct field_errors *fe,
                         enum followup_outcome *outcome)
    __attribute__((warn_unused_result));

/* A follow-up is overdue at now: not answered and past its deadline. */
bool followup_overdue(const struct followup *f, int64_t now);

/* One row of the Sekda's list: an escalated complaint and its latest
 * instruction (or NULL). */
struct escalation_row {
    struct complaint c;
    const struct followup *latest;
};
/* The complaints on the Sekda's list (escalated, open), the oldest
 * deadline first, at most 500, each with its latest instruction. */
enum err followup_escalations(const struct svc_ctx *c,
                              struct escalation_row **rows, size_t *n)
    __attribute__((warn_unused_result));
/* The follow-ups c->who may read: an office's head their office's, the
 * Sekda and the Bupati every office's; unanswered first. */
enum err followup_list(const struct svc_ctx *c, struct followup **items,
                       size_t *n) __attribute__((warn_unused_result));

#endif
