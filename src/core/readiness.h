/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.h: office readiness, the pure rules: the statuses of a
 * facilities checklist item, the readiness score, whether a desa office may
 * be enabled as a service point, the camat's report of inability (reason
 * codes, decisions), whether a referral is in force for a service on a
 * date, and the socialisation forums. No I/O, no clock: dates are
 * arguments ("YYYY-MM-DD", compared as text).
 */
#ifndef SP_CORE_READINESS_H
#define SP_CORE_READINESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"

/* How an item of the checklist was found. */
enum facility_status { FAC_MET, FAC_PARTLY, FAC_NOT_MET, FAC_STATUS__COUNT };

const char *facility_status_code(enum facility_status s);
bool facility_status_parse(const char *s, enum facility_status *out);
const char *facility_status_name(enum facility_status s, enum lang lang);

/* One item of an assessment, as the score sees it. */
struct readiness_item {
    bool mandatory;
    enum facility_status status;
};

struct readiness_score {
    int mandatory;      /* mandatory items assessed */
    int mandatory_met;  /* of which met (partly is not met) */
    int pct;            /* mandatory_met / mandatory in %, rounded half
                           up; 0 when no item is mandatory */
    bool all_mandatory; /* every mandatory item met (and at least one) */
};

/* The score of an assessment's items. */
struct readiness_score readiness_score(const struct readiness_item *items,
                                       size_t n);

/*
 * May an office of this level be enabled as a service point? Only a desa
 * office is bound by the rule: its last assessment (has_assessment) must
 * meet every mandatory item, unless an administrator overrides with a
 * written reason (override_reason non-empty).
 */
enum service_point_verdict {
    SPV_ALLOWED,      /* no rule, or the rule is met */
    SPV_OVERRIDDEN,   /* not met, but overridden with a reason (audit it) */
    SPV_NOT_ASSESSED, /* a desa office never assessed */
    SPV_NOT_READY,    /* its last assessment misses a mandatory item */
};
enum service_point_verdict readiness_service_point(bool is_desa,
                                                   bool has_assessment,
                                                   bool all_mandatory,
                                                   const char *override_reason);

/* Why an office cannot implement the one stop service. */
enum inability_reason {
    INR_STAFF,
    INR_ROOM,
    INR_EQUIPMENT,
    INR_NETWORK,
    INR_BUDGET,
    INR_OTHER,
    INR__COUNT
};
const char *inability_reason_code(enum inability_reason r);
bool inability_reason_parse(const char *s, enum inability_reason *out);
const char *inability_reason_name(enum inability_reason r, enum lang lang);

/* The Sekda's decision on a report. */
enum inability_decision {
    IND_SUPPORT, /* the regency supports: what and by when */
    IND_REFER,   /* the services go to another office until a date */
    IND_ACCEPT,  /* accepted, with a deadline */
    IND__COUNT
};
const char *inability_decision_code(enum inability_decision d);
bool inability_decision_parse(const char *s, enum inability_decision *out);
const char *inability_decision_name(enum inability_decision d, enum lang lang);

/* Working days the Sekda has to acknowledge a report. */
#define INABILITY_ACK_DAYS 3

/*
 * A referral: the services of office ("" or NULL services = every service;
 * else a ","-joined list of codes) go to another office from from_day to
 * until_day (both inclusive, "YYYY-MM-DD").
 */
struct referral_rule {
    const char *services;
    const char *from_day;
    const char *until_day;
};
/* Is the referral in force for service on day? */
bool referral_applies(const struct referral_rule *r, const char *service,
                      const char *day);

/*
 * A finding of an inspection: open (the office must answer by its
 * deadline) -> answered (by the office, with a note and photos) -> closed
 * by the inspector, or reopened (open again, with a new deadline). An
 * inspector may also close an open finding (found fixed on a visit).
 */
enum finding_state {
    FINDING_OPEN,
    FINDING_ANSWERED,
    FINDING_CLOSED,
    FINDING_STATE__COUNT
};
enum finding_action { FA_ANSWER, FA_CLOSE, FA_REOPEN, FA__COUNT };
const char *finding_state_code(enum finding_state s);
bool finding_state_parse(const char *s, enum finding_state *out);
const char *finding_state_name(enum finding_state s, enum lang lang);
const char *finding_action_code(enum finding_action a);
bool finding_action_parse(const char *s, enum finding_action *out);
/* Is action allowed from state? *next the state after it. Answering is
 * the office's, closing and reopening the inspector's (by permission). */
bool finding_allowed(enum finding_state state, enum finding_action action,
                     enum finding_state *next);
/* Working days an inspector may give for a follow-up. */
#define FINDING_DAYS_MIN 1
#define FINDING_DAYS_MAX 60

/* A report of inability: submitted -> acknowledged -> decided (a decision
 * acknowledges as well). */
enum inability_state {
    INS_SUBMITTED,
    INS_ACKNOWLEDGED,
    INS_DECIDED,
    INS__COUNT
};
const char *inability_state_code(enum inability_state s);
bool inability_state_parse(const char *s, enum inability_state *out);
const char *inability_state_name(enum inability_state s, enum lang lang);

/* Socialisation forums. */
enum forum {
    FORUM_PENGAJIAN,
    FORUM_MAJELIS_TAKLIM,
    FORUM_KHOTBAH_JUMAT,
    FORUM_CHURCH,
    FORUM_PURA,
    FORUM_MUSYAWARAH_DESA,
    FORUM_POSYANDU,
    FORUM_SCHOOL,
    FORUM_MARKET,
    FORUM_RADIO,
    FORUM_SOCIAL_MEDIA,
    FORUM_OTHER,
    FORUM__COUNT
};
const char *forum_code(enum forum f);
bool forum_parse(const char *s, enum forum *out);
const char *forum_name(enum forum f, enum lang lang);
/* A religious forum (forum keagamaan). */
bool forum_is_religious(enum forum f);

/*
 * A checklist code: 2 to 32 of [a-z0-9_], starting with a letter (also
 * the codes of reasons, forums and statuses are of this shape).
 */
bool readiness_code_valid(const char *s);

/*
 * The first day of the six months that end on day "YYYY-MM-DD": the same
 * day six months earlier (that month's last day when it is shorter),
 * written to out. false on a malformed date.
 */
bool readiness_six_months_before(const char *day, char out[16]);

#endif
