/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * role.h: staff roles, what each may do, and office scope.
 *
 * A permission is checked twice: by the router from the route table (does
 * the role have it at all?) and by the handler on the particular record
 * (is the record inside the user's office scope?). Roles with regency-wide
 * scope (administrator, sekkab, bupati) have no office; head of office,
 * front office and back office are bound to one office (a back-office user
 * of a regency agency is bound to the agency and sees that agency's
 * services across all offices). A complaint officer is either bound to one
 * office or, with no office, works for the whole regency (the Sekkab's
 * complaint desk).
 */
#ifndef SP_CORE_ROLE_H
#define SP_CORE_ROLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lang.h"

enum role {
    ROLE_ADMIN,
    ROLE_SEKKAB,
    ROLE_BUPATI,
    ROLE_HEAD,
    ROLE_FRONT,
    ROLE_BACK,
    ROLE_COMPLAINT,
    ROLE_INSPECTOR, /* the Sekda's staff inspecting offices (readiness) */
    ROLE__COUNT
};

/*
 * Permissions, as bits; a route names the one it needs, and the record's
 * scope function below decides about the particular record. This table
 * (role.c) and the scope functions are the only place that decides who
 * may do what: handlers and views ask, they never compare roles
 * (tools/check-layers.sh refuses role comparisons outside core/).
 */
enum perm {
    PERM_NONE = 0,                  /* public */
    PERM_STAFF = 1u << 0,           /* any signed-in staff user */
    PERM_USERS = 1u << 1,           /* manage staff accounts */
    PERM_CATALOGUE = 1u << 2,       /* edit the service catalogue */
    PERM_OFFICES = 1u << 3,         /* edit offices and service points */
    PERM_APIKEYS = 1u << 4,         /* manage API keys */
    PERM_AUDIT = 1u << 5,           /* read the audit log */
    PERM_READ_ALL = 1u << 6,        /* read every office's records */
    PERM_OWN_OFFICE = 1u << 7,      /* edit the own office's hours, contacts */
    PERM_INTAKE = 1u << 8,          /* register applications at the counter */
    PERM_COMPLAINTS = 1u << 9,      /* read complaints with the complainant */
    PERM_COMPLAINT_DESK = 1u << 10, /* handle complaints, paper slips,
                                       confidential names */
    PERM_PERSONAL_DATA = 1u << 11,  /* a citizen's full NIK, phone, e-mail */
    PERM_OVERSIGHT = 1u << 12,      /* the regency's performance view */
    PERM_DEVICES = 1u << 13,        /* enrol and revoke kiosk devices */
    PERM_SURVEY_PAPER = 1u << 14,   /* enter paper questionnaires */
    PERM_ESCALATIONS = 1u << 15,    /* the Sekda's list of escalations */
    PERM_OFFICE_REPORT = 1u << 16,  /* an office's performance (which:
                                       scope_oversight) */
    PERM_INSTRUCT = 1u << 17,       /* instruct an office (the Sekda) */
    PERM_FOLLOWUP = 1u << 27,       /* acknowledge and answer the regency's
                                       follow-ups of the own office */
    /* Office readiness (issue 11). */
    PERM_ASSESS = 1u << 18,        /* the own office's self-assessment,
                                      answers to findings, reports of
                                      inability, socialisation log */
    PERM_INSPECT = 1u << 19,       /* inspect offices: findings, close,
                                      reopen */
    PERM_READINESS_ALL = 1u << 20, /* read every office's readiness */
    /* The counter queue (issue 13); 1u << 23 is reserved for it. */
    PERM_QUEUE_DESK = 1u << 21,  /* call and serve queue tickets at a
                                    counter of the own office */
    PERM_QUEUE_ADMIN = 1u << 22, /* set up an office's counters and
                                    booking quotas */
    /* notify (issue 14): 1u << 24 .. 1u << 26 */
    PERM_NOTIFICATIONS = 1u << 24, /* the outbox: counts, errors, resend */
    PERM_WEBHOOKS = 1u << 25,      /* register and revoke webhooks */
};

/* Stable code ("administrator", "front_office", ...). */
const char *role_code(enum role r);
/* Parse a stable code; false if unknown. */
bool role_parse(const char *s, enum role *out);
/* The role's name for people. */
const char *role_name(enum role r, enum lang lang);
/* True when r holds every bit of perms. */
bool role_has(enum role r, unsigned perms);
/* True when users of this role must be bound to an office. */
bool role_needs_office(enum role r);
/* True when users of this role read every office and so are never bound
 * to one (administrator, sekkab, bupati). */
bool role_is_regency_wide(enum role r);
/* True when a user of this role may be bound to a regency agency. */
bool role_allows_agency(enum role r);

/* Who is acting: a signed-in user or the user behind an API key. */
struct principal {
    int64_t user_id;         /* users.id */
    const char *login;       /* user name */
    const char *name;        /* full name, for pages */
    enum role role;          /* the user's role */
    int64_t office_id;       /* office scope; 0 = regency-wide */
    const char *office_code; /* code of office_id, or NULL */
    bool office_is_agency;   /* office_id is a regency agency */
};

/*
 * Scope functions: may p act on this particular record? Each fails closed:
 * an unknown role, or a user without an office where one is needed, is
 * refused.
 *
 * scope_allows: records of office_id (hours, closures, the office's
 * survey figures). Regency-wide roles see all; office-bound users their
 * own office only.
 */
bool scope_allows(const struct principal *p, int64_t office_id);
/*
 * An application handed in at office_id for a service processed by the
 * agency agency_code (or NULL): regency-wide readers, the staff of that
 * office, and a regency agency's staff for its services everywhere.
 */
bool scope_application(const struct principal *p, int64_t office_id,
                       const char *agency_code);
/* May p register applications at office_id (the counter)? */
bool scope_intake(const struct principal *p, int64_t office_id);
/*
 * A complaint about office_id (referred to referred_office_id, or 0):
 * only roles with PERM_COMPLAINTS: regency-wide readers and the regency's
 * complaint desk (a complaint officer without an office) see all; a
 * complaint officer or head of office bound to an office sees its own and
 * those referred to it.
 */
bool scope_complaint(const struct principal *p, int64_t office_id,
                     int64_t referred_office_id);
/* Does p see complaints about every office (regency-wide readers and the
 * regency's complaint desk)? */
bool scope_complaints_everywhere(const struct principal *p);
/* May p enter a paper complaint slip for office_id? */
bool scope_complaint_slip(const struct principal *p, int64_t office_id);
/* Does p see the complainant's name of a complaint in scope? confidential:
 * the complainant asked that only complaint officers see it. */
bool scope_complainant_name(const struct principal *p, bool confidential);

/*
 * The performance view of office_id (0: the regency or a district):
 * regency-wide oversight roles see every office; a head of office sees
 * their own office only.
 */
bool scope_oversight(const struct principal *p, int64_t office_id);
/* scope_followup: may p acknowledge and answer a follow-up addressed to
 * office_id (the head of that office)? */
bool scope_followup(const struct principal *p, int64_t office_id);

/*
 * Office readiness (core/readiness.h). scope_readiness: read office_id's
 * facilities, findings, reports of inability and socialisation (the
 * regency's readers and inspectors all; a head of office their own).
 * scope_assess: act for office_id as its head (assess, answer a finding,
 * report inability, log socialisation): bound to that very office, never
 * an agency. scope_inspect: record findings at office_id, close or reopen
 * them (inspectors, regency-wide).
 */
bool scope_readiness(const struct principal *p, int64_t office_id);
bool scope_assess(const struct principal *p, int64_t office_id);
bool scope_inspect(const struct principal *p, int64_t office_id);
/*
 * The counter queue of office_id: may p call, serve and transfer tickets
 * and issue one on a citizen's behalf there (front office and heads of
 * office, at their own region office)?
 */
bool scope_queue_desk(const struct principal *p, int64_t office_id);
/*
 * May p set up the counters and booking quotas of office_id
 * (administrators at any office, a head of office at their own)?
 */
bool scope_queue_admin(const struct principal *p, int64_t office_id);

/* Which applications a work list shows. */
enum worklist_scope {
    WORKLIST_NONE,   /* nothing: the user has no office (fail closed) */
    WORKLIST_ALL,    /* every office */
    WORKLIST_OFFICE, /* the user's office */
    WORKLIST_AGENCY, /* the agency's services at every office */
};
enum worklist_scope scope_worklist(const struct principal *p);

/*
 * True when actor may give target_role to a user (create or change). Only
 * an administrator manages users, and never their own role (nobody can
 * raise their own role); is_self says the target is the actor.
 */
bool role_may_assign(const struct principal *actor, enum role target_role,
                     bool is_self);

#endif
