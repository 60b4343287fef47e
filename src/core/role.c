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

static const struct role_row roles[ROLE__COUNT] = {
    [ROLE_ADMIN] = {"administrator", "Administrator", "Administrator",
                    PERM_STAFF | PERM_USERS | PERM_CATALOGUE | PERM_OFFICES |
                        PERM_APIKEYS | PERM_AUDIT | PERM_READ_ALL |
                        PERM_OWN_OFFICE,
                    false, false},
    [ROLE_SEKKAB] = {"sekkab", "Sekretaris Daerah", "Regency Secretary",
                     PERM_STAFF | PERM_AUDIT | PERM_READ_ALL, false, false},
    [ROLE_BUPATI] = {"bupati", "Bupati", "Regent", PERM_STAFF | PERM_READ_ALL,
                     false, false},
    [ROLE_HEAD] = {"head_of_office", "Kepala Kantor (Camat/Lurah/Kades)",
                   "Head of office", PERM_STAFF | PERM_OWN_OFFICE, true, true},
    [ROLE_FRONT] = {"front_office", "Petugas Loket", "Front-office officer",
                    PERM_STAFF, true, false},
    [ROLE_BACK] = {"back_office", "Petugas Proses", "Back-office officer",
                   PERM_STAFF, true, true},
    [ROLE_COMPLAINT] = {"complaint_officer", "Petugas Pengaduan",
                        "Complaint officer", PERM_STAFF, false, true},
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

bool role_allows_agency(enum role r)
{
    return (unsigned)r < ROLE__COUNT && roles[r].agency_ok;
}

bool scope_allows(const struct principal *p, int64_t office_id)
{
    if (role_has(p->role, PERM_READ_ALL) || p->office_id == 0)
        return role_has(p->role, PERM_READ_ALL) || p->role == ROLE_COMPLAINT;
    return p->office_id == office_id;
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
