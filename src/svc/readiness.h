/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.h: the office readiness services, free of HTTP: the head of
 * office's self-assessment (with photos cleaned of their metadata), the
 * inspector's findings with follow-up deadlines in working days, the
 * office's answer and the inspector's close or reopen, the camat's report
 * of inability and the Sekda's acknowledgement and decision (a referral
 * refuses intake of those services at that office), the socialisation
 * log, the escalation job, and the referral check intake and the promise
 * API ask.
 *
 * Who may act is decided by core/role.h (scope_assess, scope_inspect,
 * PERM_INSTRUCT); the rules by core/readiness.h. Every change is one
 * transaction with its event (findings, reports) or is append-only
 * (assessments, socialisation).
 */
#ifndef SP_SVC_READINESS_H
#define SP_SVC_READINESS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "core/office.h"
#include "store/readiness.h"
#include "svc/svc.h"

/* Texts (notes, findings, details) are capped at this many characters. */
#define READINESS_TEXT_MAX 2000

enum readiness_outcome {
    RDO_DONE,        /* recorded */
    RDO_INVALID,     /* field errors (nothing written) */
    RDO_DENIED,      /* not this user's to do (403) */
    RDO_NOT_ALLOWED, /* not in this state (409) */
    RDO_STALE,       /* someone else acted first (409) */
};

/* A photo as uploaded (bytes of the request). */
struct rd_upload {
    const unsigned char *data; /* or NULL */
    size_t len;
};

/* One item of a self-assessment as sent. */
struct assess_input {
    const char *code;
    const char *status; /* "met", "partly", "not_met" */
    const char *note;   /* or "" */
    struct rd_upload photo;
};

/*
 * The head of office assesses office o: every item of the checklist once
 * (unknown codes, a repeated code, a bad status and a missing mandatory
 * item are field errors "items[i].status"/"items" ...). On RDO_DONE *out
 * is the stored assessment with its score.
 */
enum err readiness_assess(const struct svc_ctx *c, const struct office *o,
                          const struct assess_input *in, size_t n,
                          struct field_errors *fe, struct assessment *out,
                          enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/* One finding as the inspector records it. */
struct finding_input {
    const char *item;     /* checklist code */
    const char *observed; /* "met", "partly", "not_met" */
    const char *text;     /* what was found and what is asked */
    int64_t due_days;     /* working days to follow up */
};

/* An inspection of o on today's date with its findings (may be none). */
enum err readiness_inspect(const struct svc_ctx *c, const struct office *o,
                           const char *note, const struct finding_input *in,
                           size_t n, struct field_errors *fe,
                           int64_t *inspection_id,
                           enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * Act on finding f: the office answers (note required, a photo allowed;
 * scope_assess), the inspector closes or reopens (scope_inspect; a reopen
 * gives due_days new working days). expected: the version seen (0: the
 * current one). On RDO_DONE *f is updated.
 */
enum err finding_act(const struct svc_ctx *c, struct finding *f,
                     enum finding_action action, const char *note,
                     const struct rd_upload *photo, int64_t due_days,
                     int expected, struct field_errors *fe,
                     enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/* A report of inability as sent. */
struct inability_input {
    const char **services; /* service codes; none = every service */
    size_t n_services;
    const char **reasons; /* reason codes (at least one) */
    size_t n_reasons;
    const char *details;
    const char *support_requested;
    const char *expected_by; /* "YYYY-MM-DD", today or later */
};
enum err inability_file(const struct svc_ctx *c, const struct office *o,
                        const struct inability_input *in,
                        struct field_errors *fe, struct inability_report *out,
                        enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/* The Sekda acknowledges (once). */
enum err inability_acknowledge(const struct svc_ctx *c,
                               struct inability_report *r, int expected,
                               enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));
/* The Sekda's decision as sent. */
struct decision_input {
    const char *decision; /* "support", "refer", "accept" */
    const char *refer_to; /* office code (refer) */
    const char *until;    /* "YYYY-MM-DD", today or later */
    const char *note;     /* what is supported / why */
};
/* Decide (once; acknowledges too). A referral is in force from today to
 * until for the report's services. */
enum err inability_decide(const struct svc_ctx *c, struct inability_report *r,
                          const struct decision_input *in, int expected,
                          struct field_errors *fe,
                          enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/* A socialisation activity as sent. */
struct socialisation_input {
    const char *date; /* "YYYY-MM-DD", not in the future */
    const char *forum;
    const char *place;
    const char *village; /* village region code, or "" */
    int64_t audience;    /* people reached, 0..100000 (-1: not given) */
    const char *materials;
    const char *note;
    struct rd_upload photo;
};
enum err socialisation_log(const struct svc_ctx *c, const struct office *o,
                           const struct socialisation_input *in,
                           struct field_errors *fe, struct socialisation *out,
                           enum readiness_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * The referral in force today for service at office_id, if any: intake
 * and the promise API refuse the service there (field "service", code
 * "referred") naming the office to go to. The message in both languages
 * into msg_id / msg_en (arena).
 */
enum err readiness_referral(const struct svc_ctx *c, int64_t office_id,
                            const char *service, bool *referred,
                            struct referral *r, const char **msg_id,
                            const char **msg_en)
    __attribute__((warn_unused_result));

/* The scheduled job: escalate overdue findings and unacknowledged
 * reports (store/readiness.h); *count how many. */
enum err readiness_jobs(struct db *db, int64_t now, int64_t *count)
    __attribute__((warn_unused_result));

#endif
