/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * applications.h: applications (permohonan) and their events.
 *
 * The events are the history: append-only (the database refuses UPDATE
 * and DELETE on them). The application row is the current state of that
 * history, changed only together with a new event, and guarded by a
 * version number: an action carries the version the officer saw, and a
 * concurrent action that got there first makes it ERR_CONFLICT (no lost
 * update). Callers wrap each change in a transaction.
 */
#ifndef SP_STORE_APPLICATIONS_H
#define SP_STORE_APPLICATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/role.h"
#include "core/regno.h"
#include "core/workflow.h"

struct arena;
struct db;

struct application {
    int64_t id;                  /* applications.id */
    const char *regno;           /* "26-009-00042-7" */
    const char *pin;             /* 6-digit tracking PIN */
    int64_t office_id;           /* where it was handed in */
    const char *office_code;     /* that office's code */
    const char *office_name;     /* and name */
    const char *service_code;    /* the service */
    int service_version;         /* the standard's version it was taken under */
    const char *service_name_id; /* service name (of that version) */
    const char *service_name_en;
    const char *agency_code;  /* processing agency of that version, or NULL */
    const char *nik;          /* the citizen's NIK (personal data) */
    const char *citizen_name; /* name */
    const char *village_code; /* village region code, or NULL */
    const char *phone;        /* phone */
    const char *email;        /* e-mail, or NULL */
    const char *no_phone_reason;   /* why no phone: a preset code or words
                                      (core/contact.h), or NULL */
    const char *purpose;           /* the letter's purpose, or NULL */
    const char *fields_json;       /* the service's own fields, JSON object */
    int64_t fee;                   /* rupiah */
    enum appl_state state;         /* current state */
    size_t next_step;              /* index of the next SOP step */
    enum appl_state before_return; /* state to resume to */
    int64_t submitted_at;          /* Unix seconds */
    int64_t promised_at;           /* promised completion instant */
    bool provisional;         /* promised date computed without a calendar */
    int64_t minutes_left;     /* while returned: working minutes kept */
    int64_t completed_at;     /* ready/rejected instant, or 0 */
    const char *collected_by; /* who collected it, or NULL */
    int version;              /* optimistic concurrency version */
    const char *survey_token; /* token of the receipt's survey link */
    int64_t service_id;       /* services.id */
    int64_t returned_at;      /* while returned: when, else 0 */
    int64_t paused_minutes;   /* working minutes spent returned so far */
};

struct appl_event {
    int64_t id;                  /* application_events.id */
    int64_t at;                  /* Unix seconds */
    const char *actor;           /* login, "api:<login>" or "citizen" */
    const char *action;          /* "submit", "step", "return", ... */
    const char *step_code;       /* SOP step done, or NULL */
    enum appl_state state_after; /* state after the event */
    int64_t promised_at;         /* promised instant after it (0 = unchanged) */
    const char *note;            /* note, reason, missing list, collector */
};

/*
 * The next serial for office_id in year, from a counter row locked by the
 * caller's transaction (unique across every server instance sharing the
 * database).
 */
enum err applications_next_serial(struct db *db, int64_t office_id, int year,
                                  int64_t *serial)
    __attribute__((warn_unused_result));
/* The office's fixed number (for registration numbers). */
enum err applications_office_number(struct db *db, int64_t office_id,
                                    int *number)
    __attribute__((warn_unused_result));
/*
 * Insert a, its handed-in requirement codes and its first event; sets
 * a->id. a->regno must be fresh (see applications_next_serial).
 */
enum err applications_insert(struct db *db, struct application *a,
                             const char *const *reqs, size_t n_reqs,
                             int64_t service_id, int64_t user_id,
                             const char *actor)
    __attribute__((warn_unused_result));
enum err applications_get(struct db *db, struct arena *a, const char *regno,
                          struct application *out)
    __attribute__((warn_unused_result));
enum err applications_requirements(struct db *db, struct arena *a, int64_t id,
                                   const char ***codes, size_t *n_codes)
    __attribute__((warn_unused_result));
enum err applications_events(struct db *db, struct arena *a, int64_t id,
                             struct appl_event **items, size_t *n_items)
    __attribute__((warn_unused_result));
/*
 * Record an action: the new state fields of a (state, next_step,
 * before_return, promised_at, provisional, minutes_left, completed_at,
 * collected_by) are written if the row still has version expected, and
 * the event is appended. ERR_CONFLICT when another action came first.
 */
enum err applications_apply(struct db *db, const struct application *a,
                            int expected, const struct appl_event *ev,
                            int64_t user_id)
    __attribute__((warn_unused_result));

struct appl_filter {
    int64_t office_id;  /* only this office, or 0 */
    const char *agency; /* only services processed by this agency */
    bool open_only;     /* not handed over or rejected */
    int state;          /* enum appl_state, or -1 */
    const char *q;      /* registration number, NIK or name, or NULL */
    int limit;          /* at most this many (1..1000) */
};

/* Matching applications, the earliest promised first. */
enum err applications_list(struct db *db, struct arena *a,
                           const struct appl_filter *f,
                           struct application **items, size_t *n_items)
    __attribute__((warn_unused_result));
/* Count per state (counts[APPL_STATE__COUNT]) within a filter's scope. */
enum err applications_count_states(struct db *db, const struct appl_filter *f,
                                   int64_t counts[APPL_STATE__COUNT])
    __attribute__((warn_unused_result));
/* The oversight's lists of applications (views of store/perf.h's counts). */
enum appl_list_kind {
    APPL_LIST_OVERDUE,   /* open and past the promise now, oldest first */
    APPL_LIST_LATE,      /* completed in [from, to) after the promise,
                            latest first */
    APPL_LIST_COMPLETED, /* completed in [from, to), latest first */
    APPL_LIST_RECEIVED,  /* handed in in [from, to), newest first */
};
enum appl_list_sort {
    APPL_SORT_DEFAULT, /* as the kind says */
    APPL_SORT_OFFICE,  /* by office code, then the default */
    APPL_SORT_SERVICE, /* by service code, then the default */
};
struct appl_list_filter {
    enum appl_list_kind kind;
    int64_t office_id;    /* one office, or 0 */
    const char *district; /* the offices of a district, or NULL */
    int64_t service_id;   /* one service, or 0 */
    const char *state;    /* one state code (overdue list), or NULL */
    int64_t from_at;      /* [from_at, to_at): Unix seconds */
    int64_t to_at;
    int64_t now; /* for the overdue list */
    enum appl_list_sort sort;
    int limit; /* 1..1000 */
};
enum err applications_oversight_list(struct db *db, struct arena *a,
                                     const struct appl_list_filter *f,
                                     struct application **items,
                                     size_t *n_items)
    __attribute__((warn_unused_result));
/* What each officer of an office did: steps taken (events they wrote)
 * in [from_at, to_at), and the open applications they have handled at
 * any time (registered or took a step on) that are still open. Every
 * active user placed at the office, also those with nothing done, by
 * login. */
struct appl_officer {
    const char *login;
    const char *full_name;
    enum role role;
    int64_t steps;
    int64_t open_handled;
};
enum err applications_officers(struct db *db, struct arena *a,
                               int64_t office_id, int64_t from_at,
                               int64_t to_at, struct appl_officer **items,
                               size_t *n_items)
    __attribute__((warn_unused_result));
/* The office an application was handed in at; ERR_NOT_FOUND if none. */
enum err applications_office_of(struct db *db, const char *regno,
                                int64_t *office_id)
    __attribute__((warn_unused_result));
/* Open applications of the same NIK for the same service. */
enum err applications_open_same(struct db *db, const char *nik,
                                const char *service_code, int64_t *count)
    __attribute__((warn_unused_result));

#endif
