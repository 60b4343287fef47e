/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* role.c: the role table. */
#include "core/role.h"

#include <string.h>

struct role_row {
    const char *code;  /* stable code */
    const char *id;    /* name in Bahasa Indonesia */
    const char *en;    /* name in English */
    unsigned perms;    /* enum perm bits */
    bool needs_office; /* bound to one office */
    bool agency_ok;    /* may be bound to a regency agency */
};

/* Who may read citizens' details: those who serve them. */
#define SERVING (PERM_STAFF | PERM_PERSONAL_DATA)

static const struct role_row roles[ROLE__COUNT] = {
    /* IT administration: no citizen's NIK or contact details. */
    [ROLE_ADMIN] = {"administrator", "Administrator", "Administrator",
                    PERM_STAFF | PERM_USERS | PERM_CATALOGUE | PERM_OFFICES |
                        PERM_APIKEYS | PERM_AUDIT | PERM_READ_ALL |
                        PERM_OWN_OFFICE | PERM_COMPLAINTS | PERM_OVERSIGHT |
                        PERM_OFFICE_REPORT | PERM_DEVICES | PERM_SURVEY_PAPER |
                        PERM_READINESS_ALL | PERM_NOTIFICATIONS |
                        PERM_WEBHOOKS | PERM_QUEUE_ADMIN,
                    false, false},
    /* Oversight reads everything, but masked: no NIK, phone or e-mail. */
    [ROLE_SEKKAB] = {"sekkab", "Sekda", "Sekda",
                     PERM_STAFF | PERM_AUDIT | PERM_READ_ALL | PERM_COMPLAINTS |
                         PERM_OVERSIGHT | PERM_OFFICE_REPORT |
                         PERM_ESCALATIONS | PERM_INSTRUCT | PERM_READINESS_ALL,
                     false, false},
    [ROLE_BUPATI] = {"bupati", "Bupati", "Regent",
                     PERM_STAFF | PERM_READ_ALL | PERM_COMPLAINTS |
                         PERM_OVERSIGHT | PERM_OFFICE_REPORT |
                         PERM_ESCALATIONS | PERM_READINESS_ALL,
                     false, false},
    [ROLE_HEAD] = {"head_of_office", "Kepala Kantor (Camat/Lurah/Kades)",
                   "Head of office",
                   SERVING | PERM_OWN_OFFICE | PERM_INTAKE | PERM_COMPLAINTS |
                       PERM_DEVICES | PERM_SURVEY_PAPER | PERM_OFFICE_REPORT |
                       PERM_FOLLOWUP | PERM_ASSESS | PERM_QUEUE_DESK |
                       PERM_QUEUE_ADMIN,
                   true, true},
    [ROLE_FRONT] = {"front_office", "Petugas Loket", "Front-office officer",
                    SERVING | PERM_INTAKE | PERM_QUEUE_DESK, true, false},
    [ROLE_BACK] = {"back_office", "Petugas Proses", "Back-office officer",
                   SERVING, true, true},
    [ROLE_COMPLAINT] = {"complaint_officer", "Petugas Pengaduan",
                        "Complaint officer",
                        SERVING | PERM_COMPLAINTS | PERM_COMPLAINT_DESK, false,
                        true},
    /* The Sekda's staff who inspect offices: regency-wide, no office, no
     * citizen's data and no applications. */
    [ROLE_INSPECTOR] = {"inspector", "Pemeriksa Kesiapan Kantor",
                        "Readiness inspector",
                        PERM_STAFF | PERM_INSPECT | PERM_READINESS_ALL, false,
                        false},
};

const char *role_code(enum role r)
{
    return (unsigned)r < ROLE__COUNT ? roles[r].code : "unknown";
}

bool role_parse(const char *s, enum role *out)
{
    for (int i = 0; s && i < ROLE__COUNT; i++) {
        if (strcmp(s, roles[i].code) == 0) {
            *out = (enum role)i;
            return true;
        }
    }
    return false;
}

const char *role_name(enum role r, enum lang lang)
{
    if ((unsigned)r >= ROLE__COUNT)
        return "?";
    return L(lang, roles[r].id, roles[r].en);
}

bool role_has(enum role r, unsigned perms)
{
    return (unsigned)r < ROLE__COUNT && (roles[r].perms & perms) == perms;
}

bool role_needs_office(enum role r)
{
    return (unsigned)r < ROLE__COUNT && roles[r].needs_office;
}

bool role_is_regency_wide(enum role r)
{
    return role_has(r, PERM_READ_ALL);
}

bool role_allows_agency(enum role r)
{
    return (unsigned)r < ROLE__COUNT && roles[r].agency_ok;
}

/* A known role bound to an office when the role needs one. */
static bool bound_ok(const struct principal *p)
{
    if ((unsigned)p->role >= ROLE__COUNT)
        return false;
    return !roles[p->role].needs_office || p->office_id > 0;
}

bool scope_allows(const struct principal *p, int64_t office_id)
{
    if (!bound_ok(p))
        return false;
    if (role_has(p->role, PERM_READ_ALL))
        return true;
    return p->office_id > 0 && p->office_id == office_id;
}

bool scope_application(const struct principal *p, int64_t office_id,
                       const char *agency_code)
{
    if (!bound_ok(p))
        return false;
    if (role_has(p->role, PERM_READ_ALL))
        return true;
    if (p->office_id > 0 && p->office_id == office_id)
        return true;
    /* A regency agency's staff see its services at every office. */
    return p->office_is_agency && agency_code && p->office_code &&
           strcmp(agency_code, p->office_code) == 0;
}

bool scope_intake(const struct principal *p, int64_t office_id)
{
    return bound_ok(p) && role_has(p->role, PERM_INTAKE) &&
           !p->office_is_agency && p->office_id > 0 &&
           p->office_id == office_id;
}

bool scope_complaint(const struct principal *p, int64_t office_id,
                     int64_t referred_office_id)
{
    if (!bound_ok(p) || !role_has(p->role, PERM_COMPLAINTS))
        return false;
    if (role_has(p->role, PERM_READ_ALL))
        return true;
    if (p->office_id == 0)
        return role_has(p->role, PERM_COMPLAINT_DESK); /* regency desk */
    return p->office_id == office_id ||
           (referred_office_id > 0 && p->office_id == referred_office_id);
}

bool scope_complaints_everywhere(const struct principal *p)
{
    if (!bound_ok(p) || !role_has(p->role, PERM_COMPLAINTS))
        return false;
    return role_has(p->role, PERM_READ_ALL) ||
           (p->office_id == 0 && role_has(p->role, PERM_COMPLAINT_DESK));
}

bool scope_complaint_slip(const struct principal *p, int64_t office_id)
{
    if (!bound_ok(p) || !role_has(p->role, PERM_COMPLAINT_DESK))
        return false;
    return p->office_id == 0 || p->office_id == office_id;
}

bool scope_complainant_name(const struct principal *p, bool confidential)
{
    if (!bound_ok(p) || !role_has(p->role, PERM_COMPLAINTS))
        return false;
    return !confidential || role_has(p->role, PERM_COMPLAINT_DESK);
}

bool scope_oversight(const struct principal *p, int64_t office_id)
{
    if (!bound_ok(p))
        return false;
    if (role_has(p->role, PERM_OVERSIGHT))
        return true;
    return role_has(p->role, PERM_OFFICE_REPORT) && office_id > 0 &&
           p->office_id == office_id;
}

bool scope_followup(const struct principal *p, int64_t office_id)
{
    return bound_ok(p) && role_has(p->role, PERM_FOLLOWUP) &&
           p->office_id > 0 && p->office_id == office_id;
}

bool scope_readiness(const struct principal *p, int64_t office_id)
{
    if (!bound_ok(p))
        return false;
    if (role_has(p->role, PERM_READINESS_ALL))
        return true;
    return role_has(p->role, PERM_ASSESS) && p->office_id > 0 &&
           p->office_id == office_id;
}

bool scope_assess(const struct principal *p, int64_t office_id)
{
    return bound_ok(p) && role_has(p->role, PERM_ASSESS) &&
           !p->office_is_agency && p->office_id > 0 &&
           p->office_id == office_id;
}

bool scope_inspect(const struct principal *p, int64_t office_id)
{
    return bound_ok(p) && role_has(p->role, PERM_INSPECT) && office_id > 0;
}

bool scope_queue_desk(const struct principal *p, int64_t office_id)
{
    return bound_ok(p) && role_has(p->role, PERM_QUEUE_DESK) &&
           !p->office_is_agency && p->office_id > 0 &&
           p->office_id == office_id;
}

bool scope_queue_admin(const struct principal *p, int64_t office_id)
{
    if (!bound_ok(p) || !role_has(p->role, PERM_QUEUE_ADMIN))
        return false;
    if (role_has(p->role, PERM_READ_ALL))
        return true;
    return !p->office_is_agency && p->office_id > 0 &&
           p->office_id == office_id;
}

enum worklist_scope scope_worklist(const struct principal *p)
{
    if (!bound_ok(p))
        return WORKLIST_NONE;
    if (role_has(p->role, PERM_READ_ALL))
        return WORKLIST_ALL;
    if (p->office_id <= 0)
        return WORKLIST_NONE;
    return p->office_is_agency ? WORKLIST_AGENCY : WORKLIST_OFFICE;
}

bool role_may_assign(const struct principal *actor, enum role target_role,
                     bool is_self)
{
    if (!role_has(actor->role, PERM_USERS))
        return false;
    if (is_self)
        return target_role == actor->role;
    return (unsigned)target_role < ROLE__COUNT;
}
