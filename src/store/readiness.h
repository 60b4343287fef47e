/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * readiness.h: office readiness in the database: the regency's facilities
 * checklist, self-assessments (append-only, with their items), inspections
 * and findings, reports of inability and the referrals decided on them,
 * their history (append-only readiness_events), the socialisation log,
 * and what the oversight reads (a summary per office, the socialisation
 * report per district). Findings and reports change only by guarded
 * updates (the version the user saw), each with an event; the escalation
 * job is one guarded UPDATE per table, so several server instances
 * escalate each item exactly once.
 */
#ifndef SP_STORE_READINESS_H
#define SP_STORE_READINESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/lang.h"
#include "core/readiness.h"

struct arena;
struct db;

/* One item of the regency's checklist. */
struct facility_item {
    const char *code;       /* "waiting_room" */
    struct text2 name;      /* name */
    struct text2 criterion; /* what counts as met */
    bool mandatory;
    int ord;
};

/* The checklist (active items), in order. */
enum err facilities_list(struct db *db, struct arena *a,
                         struct facility_item **items, size_t *n)
    __attribute__((warn_unused_result));
/* Add or change an item (made active again). */
enum err facilities_put(struct db *db, const struct facility_item *it)
    __attribute__((warn_unused_result));
/* Take an item off the checklist (kept in old assessments). */
enum err facilities_remove(struct db *db, const char *code)
    __attribute__((warn_unused_result));

struct assessment_item {
    const char *code;
    struct text2 name; /* as the checklist named it then */
    bool mandatory;    /* as it was then */
    enum facility_status status;
    const char *note; /* or NULL */
    int64_t photo_id; /* or 0 */
};

struct assessment {
    int64_t id;
    int64_t office_id;
    const char *assessed_on; /* the date, "YYYY-MM-DD" */
    int64_t created_at;
    const char *actor; /* who (login) */
    struct readiness_score score;
    struct assessment_item *items; /* latest only; else NULL */
    size_t n_items;
};

/* Insert an assessment with its items (sets a->id). */
enum err assessments_insert(struct db *db, struct assessment *as,
                            int64_t created_by)
    __attribute__((warn_unused_result));
/* The office's last assessment with its items; ERR_NOT_FOUND if none. */
enum err assessments_latest(struct db *db, struct arena *a, int64_t office_id,
                            struct assessment *out)
    __attribute__((warn_unused_result));
/* One assessment by id with its items. */
enum err assessments_get(struct db *db, struct arena *a, int64_t id,
                         struct assessment *out)
    __attribute__((warn_unused_result));
/* Every assessment of an office, newest first (without items). */
enum err assessments_history(struct db *db, struct arena *a, int64_t office_id,
                             struct assessment **items, size_t *n)
    __attribute__((warn_unused_result));

struct finding {
    int64_t id;
    int64_t inspection_id;
    const char *inspected_on; /* the inspection's date */
    const char *inspector;    /* its actor */
    int64_t office_id;
    const char *office_code;
    const char *office_name;
    const char *item_code;
    struct text2 item_name; /* the checklist's name, or the code */
    enum facility_status observed;
    const char *text; /* what the inspector found and asks */
    int due_days;
    int64_t due_at; /* the follow-up's deadline */
    enum finding_state state;
    int64_t answered_at;           /* or 0 */
    const char *answer;            /* or NULL */
    int64_t answer_photo_id;       /* or 0 */
    int64_t closed_at;             /* or 0 */
    int64_t escalated_at;          /* or 0 */
    const char *escalation_reason; /* or NULL */
    int64_t updated_at;
    int version;
};

/* An inspection (sets *id) and its findings (each f->id set, with a
 * "create" event by actor). One transaction is the caller's. */
enum err inspections_insert(struct db *db, int64_t office_id,
                            const char *inspected_on, const char *note,
                            int64_t now, int64_t created_by, const char *actor,
                            struct finding *findings, size_t n, int64_t *id)
    __attribute__((warn_unused_result));
/* The instant of the office's last inspection (0: never). */
enum err inspections_last(struct db *db, int64_t office_id, int64_t *at)
    __attribute__((warn_unused_result));
enum err findings_get(struct db *db, struct arena *a, int64_t id,
                      struct finding *out) __attribute__((warn_unused_result));
struct finding_filter {
    int64_t office_id;   /* or 0: every office */
    bool open_only;      /* not closed */
    bool escalated_only; /* escalated to the Sekda's list */
};
enum err findings_list(struct db *db, struct arena *a,
                       const struct finding_filter *f, struct finding **items,
                       size_t *n) __attribute__((warn_unused_result));

/* One step in the history of a finding or report. */
struct readiness_event {
    int64_t at;
    const char *actor;  /* login, "api:login" or "system" */
    const char *action; /* "create", "answer", "close", "reopen",
                           "submit", "acknowledge", "decide", "escalate" */
    const char *note;   /* or NULL */
    int64_t photo_id;   /* or 0 */
};
enum err readiness_events_of(struct db *db, struct arena *a, const char *kind,
                             int64_t ref_id, struct readiness_event **items,
                             size_t *n) __attribute__((warn_unused_result));

/* Write f's state fields if the row still has version expected, with the
 * event; ERR_CONFLICT when someone came first. */
enum err findings_apply(struct db *db, const struct finding *f, int expected,
                        const struct readiness_event *ev)
    __attribute__((warn_unused_result));

struct inability_report {
    int64_t id;
    int64_t office_id;
    const char *office_code;
    const char *office_name;
    const char *services; /* ","-joined service codes; "" = every one */
    const char *reasons;  /* ","-joined reason codes */
    const char *details;
    const char *support_requested;
    const char *expected_by; /* "YYYY-MM-DD" */
    enum inability_state state;
    int64_t created_at;
    const char *actor;
    int64_t ack_due_at;      /* acknowledge by */
    int64_t acknowledged_at; /* or 0 */
    const char *acknowledged_by;
    int decision; /* enum inability_decision, or -1 */
    int64_t decided_at;
    const char *decided_by;
    const char *decision_note;
    int64_t refer_to_office_id; /* or 0 */
    const char *refer_to_code;  /* and its code, name */
    const char *refer_to_name;
    const char *until_day; /* "YYYY-MM-DD", or NULL */
    int64_t escalated_at;  /* or 0 */
    const char *escalation_reason;
    int64_t updated_at;
    int version;
};

/* Insert r (sets r->id) with its "submit" event. */
enum err inability_insert(struct db *db, struct inability_report *r,
                          int64_t created_by)
    __attribute__((warn_unused_result));
enum err inability_get(struct db *db, struct arena *a, int64_t id,
                       struct inability_report *out)
    __attribute__((warn_unused_result));
/* Reports of an office (0: all), open (not decided) first, newest first. */
enum err inability_list(struct db *db, struct arena *a, int64_t office_id,
                        bool open_only, struct inability_report **items,
                        size_t *n) __attribute__((warn_unused_result));
/* Guarded update with its event (as findings_apply). */
enum err inability_apply(struct db *db, const struct inability_report *r,
                         int expected, const struct readiness_event *ev)
    __attribute__((warn_unused_result));
/* The referral decided on report r: r's services of r's office go to
 * r->refer_to_office_id from from_day to r->until_day. */
enum err referrals_insert(struct db *db, const struct inability_report *r,
                          const char *from_day, int64_t now)
    __attribute__((warn_unused_result));

/* A referral in force. */
struct referral {
    const char *services; /* "" = every service */
    const char *from_day;
    const char *until_day;
    int64_t to_office_id;
    const char *to_code;
    const char *to_name;
};
/* The referrals of an office in force on day (from <= day <= until). */
enum err referrals_in_force(struct db *db, struct arena *a, int64_t office_id,
                            const char *day, struct referral **items, size_t *n)
    __attribute__((warn_unused_result));
/* The referral of service at office on day, if any (*found). */
enum err referral_for(struct db *db, struct arena *a, int64_t office_id,
                      const char *service, const char *day,
                      struct referral *out, bool *found)
    __attribute__((warn_unused_result));

/*
 * Escalate every finding still open past its deadline and every report
 * not acknowledged within its 3 working days, that were not escalated
 * yet: escalated_at, the reason ("finding_overdue",
 * "inability_unacknowledged") and an "escalate" event. *count: how many
 * this call escalated (both together).
 */
enum err readiness_escalate(struct db *db, int64_t now, int64_t *count)
    __attribute__((warn_unused_result));

struct socialisation {
    int64_t id;
    int64_t office_id;
    const char *office_name;
    const char *held_on; /* "YYYY-MM-DD" */
    enum forum forum;
    const char *place;
    const char *village_code; /* or NULL */
    const char *village_name; /* or NULL */
    int64_t audience;
    const char *materials;
    const char *note; /* or NULL */
    int64_t photo_id; /* or 0 */
    int64_t created_at;
    const char *actor;
};
enum err socialisation_insert(struct db *db, struct socialisation *s,
                              int64_t created_by)
    __attribute__((warn_unused_result));
/* An office's activities held within [from, to] (dates; NULL = open),
 * newest first, at most 500. */
enum err socialisation_list(struct db *db, struct arena *a, int64_t office_id,
                            const char *from, const char *to,
                            struct socialisation **items, size_t *n)
    __attribute__((warn_unused_result));

/* One village of a district and when it was reached. */
struct village_reach {
    const char *code;
    const char *name;
    bool reached;      /* an activity there within the six months */
    bool ever_reached; /* an activity there at any time */
};
/* Per district: activities and audience in [from, to], and its villages
 * with their reach in [six_from, to]. */
struct socialisation_district {
    const char *code; /* "35.10.09" */
    const char *name;
    int64_t activities;
    int64_t audience;
    int64_t religious; /* activities in religious forums */
    struct village_reach *villages;
    size_t n_villages;
    size_t n_reached;
};
/* The report for every district of the regency (district NULL) or one. */
enum err socialisation_report(struct db *db, struct arena *a,
                              const char *regency, const char *district,
                              const char *from, const char *to,
                              const char *six_from,
                              struct socialisation_district **items, size_t *n)
    __attribute__((warn_unused_result));

/* What the oversight shows per office. */
struct readiness_summary {
    int64_t office_id;
    const char *code;
    const char *name;
    const char *level; /* "kecamatan", "kelurahan", "desa" */
    const char *region_code;
    bool service_point;      /* has a service_point_since */
    bool assessed;           /* has an assessment */
    int64_t assessed_at;     /* the last one's instant */
    const char *assessed_on; /* and date */
    int score_pct;
    bool all_mandatory;
    int64_t inspected_at;     /* the last inspection, or 0 */
    int64_t open_findings;    /* not closed */
    int64_t overdue_findings; /* open past the deadline at now */
    int64_t open_inability;   /* reports not decided */
};
struct readiness_summary_filter {
    int64_t office_id;        /* or 0 */
    const char *district;     /* offices in this district, or NULL */
    bool service_points_only; /* only service points */
};
enum err readiness_summaries(struct db *db, struct arena *a,
                             const struct readiness_summary_filter *f,
                             int64_t now, struct readiness_summary **items,
                             size_t *n) __attribute__((warn_unused_result));

/* The office a readiness photo belongs to (assessment item, finding
 * answer, event or socialisation); ERR_NOT_FOUND when none. */
enum err readiness_photo_office(struct db *db, int64_t photo_id,
                                int64_t *office_id)
    __attribute__((warn_unused_result));

#endif
