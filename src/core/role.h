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
    ROLE__COUNT
};

/* Permissions, as bits; a route names the one it needs. */
enum perm {
    PERM_NONE = 0,             /* public */
    PERM_STAFF = 1u << 0,      /* any signed-in staff user */
    PERM_USERS = 1u << 1,      /* manage staff accounts */
    PERM_CATALOGUE = 1u << 2,  /* edit the service catalogue */
    PERM_OFFICES = 1u << 3,    /* edit offices and service points */
    PERM_APIKEYS = 1u << 4,    /* manage API keys */
    PERM_AUDIT = 1u << 5,      /* read the audit log */
    PERM_READ_ALL = 1u << 6,   /* read every office's records */
    PERM_OWN_OFFICE = 1u << 7, /* edit the own office's hours, contacts */
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
};

/*
 * True when p may see records of office_id. Regency-wide roles see all;
 * office-bound users see their own office only.
 */
bool scope_allows(const struct principal *p, int64_t office_id);
/*
 * True when actor may give target_role to a user (create or change). Only
 * an administrator manages users, and never their own role (nobody can
 * raise their own role); is_self says the target is the actor.
 */
bool role_may_assign(const struct principal *actor, enum role target_role,
                     bool is_self);

#endif
