/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_role.c: roles, permissions and office scope (core/role.h): the
 * permission table row by row and bit by bit, office binding, codes,
 * scope_allows and role_may_assign for every role.
 */
#include <string.h>

#include "core/role.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static const unsigned all_perms[] = {
    PERM_STAFF,   PERM_USERS, PERM_CATALOGUE, PERM_OFFICES,
    PERM_APIKEYS, PERM_AUDIT, PERM_READ_ALL,
};

/* The table as role.h and the README (roles, pages) describe it. */
static const struct {
    enum role role;
    unsigned perms;    /* every bit the role holds */
    bool needs_office; /* bound to one office */
    bool regency_wide; /* sees every office */
} table[] = {
    {ROLE_ADMIN,
     PERM_STAFF | PERM_USERS | PERM_CATALOGUE | PERM_OFFICES | PERM_APIKEYS |
         PERM_AUDIT | PERM_READ_ALL | PERM_OWN_OFFICE,
     false, true},
    {ROLE_SEKKAB, PERM_STAFF | PERM_AUDIT | PERM_READ_ALL, false, true},
    {ROLE_BUPATI, PERM_STAFF | PERM_READ_ALL, false, true},
    {ROLE_HEAD, PERM_STAFF | PERM_OWN_OFFICE, true, false},
    {ROLE_FRONT, PERM_STAFF, true, false},
    {ROLE_BACK, PERM_STAFF, true, false},
    /* A complaint officer may work for the whole regency (no office). */
    {ROLE_COMPLAINT, PERM_STAFF, false, true},
};

static void test_permission_table(void)
{
    CHECK_INT(N_ITEMS(table), ROLE__COUNT);
    for (size_t i = 0; i < N_ITEMS(table); i++) {
        enum role r = table[i].role;
        for (size_t k = 0; k < N_ITEMS(all_perms); k++) {
            bool want = (table[i].perms & all_perms[k]) != 0;
            bool got = role_has(r, all_perms[k]);
            if (got != want)
                fprintf(stderr, "  role %s perm bit 0x%x\n", role_code(r),
                        all_perms[k]);
            CHECK_INT(got, want);
        }
        /* The whole row at once, and the row plus any missing bit. */
        CHECK(role_has(r, table[i].perms));
        for (size_t k = 0; k < N_ITEMS(all_perms); k++)
            if (!(table[i].perms & all_perms[k]))
                CHECK(!role_has(r, table[i].perms | all_perms[k]));
        /* Public routes need nothing. */
        CHECK(role_has(r, PERM_NONE));
    }
    CHECK(!role_has(ROLE__COUNT, PERM_STAFF));
    CHECK(!role_has((enum role) - 1, PERM_STAFF));
}

static void test_office_binding(void)
{
    for (size_t i = 0; i < N_ITEMS(table); i++) {
        enum role r = table[i].role;
        bool got = role_needs_office(r);
        if (got != table[i].needs_office)
            fprintf(stderr, "  role_needs_office(%s)\n", role_code(r));
        CHECK_INT(got, table[i].needs_office);
    }
    /* Only office-bound roles can be bound to an agency; a back-office
     * user of a regency agency is the case role.h names. */
    CHECK(role_allows_agency(ROLE_BACK));
    CHECK(!role_allows_agency(ROLE_ADMIN));
    CHECK(!role_allows_agency(ROLE_SEKKAB));
    CHECK(!role_allows_agency(ROLE_BUPATI));
    CHECK(!role_allows_agency(ROLE__COUNT));
}

static void test_codes(void)
{
    CHECK_STR(role_code(ROLE_ADMIN), "administrator");
    CHECK_STR(role_code(ROLE_FRONT), "front_office");
    for (int r = 0; r < ROLE__COUNT; r++) {
        const char *code = role_code((enum role)r);
        CHECK(code != NULL && strlen(code) > 0);
        enum role back = (enum role)99;
        CHECK(role_parse(code, &back));
        CHECK_INT(back, r);
        /* Codes are distinct. */
        for (int s = 0; s < r; s++)
            CHECK(strcmp(code, role_code((enum role)s)) != 0);
        /* Names exist in both languages. */
        CHECK(strlen(role_name((enum role)r, LANG_ID)) > 0);
        CHECK(strlen(role_name((enum role)r, LANG_EN)) > 0);
    }
    static const char *const unknown[] = {
        "admin", "Administrator", "administrator ", "",
        "root",  "front",         "FRONT_OFFICE",
    };
    for (size_t i = 0; i < N_ITEMS(unknown); i++) {
        enum role r = ROLE_BUPATI;
        CHECK(!role_parse(unknown[i], &r));
        CHECK_INT(r, ROLE_BUPATI);
    }
    enum role r;
    CHECK(!role_parse(NULL, &r));
}

static void test_scope(void)
{
    /* Every role, bound to office 7 (or regency-wide with 0). */
    for (size_t i = 0; i < N_ITEMS(table); i++) {
        struct principal p = {.user_id = 1,
                              .login = "u",
                              .name = "U",
                              .role = table[i].role,
                              .office_id = table[i].needs_office ? 7 : 0};
        if (table[i].regency_wide) {
            CHECK(scope_allows(&p, 7));
            CHECK(scope_allows(&p, 8));
            CHECK(scope_allows(&p, 123456));
        } else {
            CHECK(scope_allows(&p, 7));
            CHECK(!scope_allows(&p, 8));
            CHECK(!scope_allows(&p, 6));
            CHECK(!scope_allows(&p, 0));
        }
    }
    /* A regency-wide role keeps its scope even if an office is set. */
    struct principal admin = {.role = ROLE_ADMIN, .office_id = 3};
    CHECK(scope_allows(&admin, 4));
    /* An office-bound user without an office sees no office at all. */
    for (size_t i = 0; i < N_ITEMS(table); i++) {
        if (!table[i].needs_office)
            continue;
        struct principal p = {.role = table[i].role, .office_id = 0};
        bool got = scope_allows(&p, 5);
        if (got)
            fprintf(stderr, "  scope_allows(%s with office 0, 5)\n",
                    role_code(table[i].role));
        CHECK(!got);
    }
}

static void test_may_assign(void)
{
    struct principal admin = {.user_id = 1, .role = ROLE_ADMIN};
    for (int t = 0; t < ROLE__COUNT; t++) {
        /* An administrator may give any role to someone else... */
        CHECK(role_may_assign(&admin, (enum role)t, false));
        /* ...but on themself only keep their own role. */
        CHECK_INT(role_may_assign(&admin, (enum role)t, true), t == ROLE_ADMIN);
    }
    CHECK(!role_may_assign(&admin, ROLE__COUNT, false));
    /* Nobody else may assign anything, to anyone. */
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (r == ROLE_ADMIN)
            continue;
        struct principal actor = {
            .user_id = 2, .role = (enum role)r, .office_id = 7};
        for (int t = 0; t < ROLE__COUNT; t++) {
            CHECK(!role_may_assign(&actor, (enum role)t, false));
            CHECK(!role_may_assign(&actor, (enum role)t, true));
        }
    }
}

int main(void)
{
    RUN(test_permission_table);
    RUN(test_office_binding);
    RUN(test_codes);
    RUN(test_scope);
    RUN(test_may_assign);
    TEST_END();
}
