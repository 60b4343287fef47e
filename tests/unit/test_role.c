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
    PERM_STAFF,         PERM_USERS,          PERM_CATALOGUE,
    PERM_OFFICES,       PERM_APIKEYS,        PERM_AUDIT,
    PERM_READ_ALL,      PERM_OWN_OFFICE,     PERM_INTAKE,
    PERM_COMPLAINTS,    PERM_COMPLAINT_DESK, PERM_PERSONAL_DATA,
    PERM_OVERSIGHT,     PERM_DEVICES,        PERM_SURVEY_PAPER,
    PERM_ESCALATIONS,   PERM_OFFICE_REPORT,  PERM_INSTRUCT,
    PERM_FOLLOWUP,      PERM_ASSESS,         PERM_INSPECT,
    PERM_READINESS_ALL, PERM_QUEUE_DESK,     PERM_QUEUE_ADMIN,
};

/* The table, written out: who may do what (docs/SECURITY.md). */
static const struct {
    enum role role;
    unsigned perms;    /* every bit the role holds */
    bool needs_office; /* bound to one office */
    bool regency_wide; /* reads every office's records */
} table[] = {
    /* IT administration: everything but citizens' personal data. */
    {ROLE_ADMIN,
     PERM_STAFF | PERM_USERS | PERM_CATALOGUE | PERM_OFFICES | PERM_APIKEYS |
         PERM_AUDIT | PERM_READ_ALL | PERM_OWN_OFFICE | PERM_COMPLAINTS |
         PERM_OVERSIGHT | PERM_OFFICE_REPORT | PERM_DEVICES |
         PERM_SURVEY_PAPER | PERM_READINESS_ALL | PERM_QUEUE_ADMIN,
     false, true},
    /* Oversight: reads all, masked. */
    {ROLE_SEKKAB,
     PERM_STAFF | PERM_AUDIT | PERM_READ_ALL | PERM_COMPLAINTS |
         PERM_OVERSIGHT | PERM_OFFICE_REPORT | PERM_ESCALATIONS |
         PERM_INSTRUCT | PERM_READINESS_ALL,
     false, true},
    {ROLE_BUPATI,
     PERM_STAFF | PERM_READ_ALL | PERM_COMPLAINTS | PERM_OVERSIGHT |
         PERM_OFFICE_REPORT | PERM_ESCALATIONS | PERM_READINESS_ALL,
     false, true},
    {ROLE_HEAD,
     PERM_STAFF | PERM_PERSONAL_DATA | PERM_OWN_OFFICE | PERM_INTAKE |
         PERM_COMPLAINTS | PERM_DEVICES | PERM_SURVEY_PAPER |
         PERM_OFFICE_REPORT | PERM_FOLLOWUP | PERM_ASSESS | PERM_QUEUE_DESK |
         PERM_QUEUE_ADMIN,
     true, false},
    {ROLE_FRONT,
     PERM_STAFF | PERM_PERSONAL_DATA | PERM_INTAKE | PERM_QUEUE_DESK, true,
     false},
    {ROLE_BACK, PERM_STAFF | PERM_PERSONAL_DATA, true, false},
    /* A complaint officer may work for the whole regency (no office). */
    {ROLE_COMPLAINT,
     PERM_STAFF | PERM_PERSONAL_DATA | PERM_COMPLAINTS | PERM_COMPLAINT_DESK,
     false, false},
    /* The Sekda's inspectors: every office's readiness, nothing else. */
    {ROLE_INSPECTOR, PERM_STAFF | PERM_INSPECT | PERM_READINESS_ALL, false,
     false},
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
        } else if (table[i].needs_office) {
            CHECK(scope_allows(&p, 7));
            CHECK(!scope_allows(&p, 8));
            CHECK(!scope_allows(&p, 6));
            CHECK(!scope_allows(&p, 0));
        } else { /* the regency's complaint desk: no office records */
            CHECK(!scope_allows(&p, 7));
            CHECK(!scope_allows(&p, 0));
        }
    }
    /* A regency-wide role keeps its scope even if an office is set. */
    struct principal admin = {.role = ROLE_ADMIN, .office_id = 3};
    CHECK(scope_allows(&admin, 4));
    /* An office-bound user without an office sees nothing (fail closed). */
    for (size_t i = 0; i < N_ITEMS(table); i++) {
        if (!table[i].needs_office)
            continue;
        struct principal p = {.role = table[i].role, .office_id = 0};
        CHECK(!scope_allows(&p, 5));
        CHECK(!scope_allows(&p, 0));
        CHECK(!scope_application(&p, 0, NULL));
        CHECK(!scope_intake(&p, 0));
        CHECK(!scope_complaint(&p, 0, 0));
        CHECK_INT(scope_worklist(&p), WORKLIST_NONE);
    }
    /* An unknown role is refused everything. */
    struct principal bad = {.role = ROLE__COUNT, .office_id = 7};
    CHECK(!scope_allows(&bad, 7));
    CHECK(!scope_application(&bad, 7, NULL));
    CHECK(!scope_complaint(&bad, 7, 0));
    CHECK_INT(scope_worklist(&bad), WORKLIST_NONE);
}

/* Applications: office staff, the agency's staff for its services,
 * regency-wide readers. */
static void test_scope_application(void)
{
    struct principal front = {.role = ROLE_FRONT, .office_id = 7};
    CHECK(scope_application(&front, 7, NULL));
    CHECK(!scope_application(&front, 8, NULL));
    CHECK(!scope_application(&front, 8, "DISPENDUKCAPIL"));
    struct principal agency = {.role = ROLE_BACK,
                               .office_id = 99,
                               .office_code = "DISPENDUKCAPIL",
                               .office_is_agency = true};
    CHECK(scope_application(&agency, 8, "DISPENDUKCAPIL"));
    CHECK(!scope_application(&agency, 8, "DPMPTSP"));
    CHECK(!scope_application(&agency, 8, NULL));
    /* An office whose code happens to equal an agency code is no agency. */
    struct principal fake = agency;
    fake.office_is_agency = false;
    CHECK(!scope_application(&fake, 8, "DISPENDUKCAPIL"));
    CHECK_INT(scope_worklist(&agency), WORKLIST_AGENCY);
    CHECK_INT(scope_worklist(&front), WORKLIST_OFFICE);
    struct principal bupati = {.role = ROLE_BUPATI};
    CHECK(scope_application(&bupati, 8, NULL));
    CHECK_INT(scope_worklist(&bupati), WORKLIST_ALL);
    /* Intake: front office and heads, at their own office only; never an
     * agency, never a back office or oversight role. */
    struct principal head = {.role = ROLE_HEAD, .office_id = 7};
    CHECK(scope_intake(&front, 7));
    CHECK(scope_intake(&head, 7));
    CHECK(!scope_intake(&front, 8));
    struct principal back = {.role = ROLE_BACK, .office_id = 7};
    CHECK(!scope_intake(&back, 7));
    CHECK(!scope_intake(&bupati, 7));
    struct principal head_agency = {
        .role = ROLE_HEAD, .office_id = 99, .office_is_agency = true};
    CHECK(!scope_intake(&head_agency, 99));
}

/* The counter queue: the desk for front office and heads at their own
 * region office; counters set up by administrators anywhere and heads at
 * their own office. Everything else refused, failing closed. */
static void test_scope_queue(void)
{
    /* Expected, by hand: role -> desk at own office 7, admin at 7, admin
     * at another office 8. */
    static const struct {
        enum role role;
        bool desk7, admin7, admin8;
    } want[] = {
        {ROLE_ADMIN, false, true, true},
        {ROLE_SEKKAB, false, false, false},
        {ROLE_BUPATI, false, false, false},
        {ROLE_HEAD, true, true, false},
        {ROLE_FRONT, true, false, false},
        {ROLE_BACK, false, false, false},
        {ROLE_COMPLAINT, false, false, false},
        {ROLE_INSPECTOR, false, false, false},
    };
    CHECK_INT(N_ITEMS(want), ROLE__COUNT);
    for (size_t i = 0; i < N_ITEMS(want); i++) {
        struct principal p = {.role = want[i].role,
                              .office_id =
                                  role_needs_office(want[i].role) ? 7 : 0};
        if (want[i].role == ROLE_COMPLAINT)
            p.office_id = 7; /* bound: still no queue */
        if (scope_queue_desk(&p, 7) != want[i].desk7 ||
            scope_queue_admin(&p, 7) != want[i].admin7 ||
            scope_queue_admin(&p, 8) != want[i].admin8)
            fprintf(stderr, "  queue scope of %s\n", role_code(want[i].role));
        CHECK_INT(scope_queue_desk(&p, 7), want[i].desk7);
        CHECK_INT(scope_queue_admin(&p, 7), want[i].admin7);
        CHECK_INT(scope_queue_admin(&p, 8), want[i].admin8);
        CHECK(!scope_queue_desk(&p, 8));
    }
    /* Fail closed: no office, an agency, an unknown role. */
    struct principal front0 = {.role = ROLE_FRONT, .office_id = 0};
    CHECK(!scope_queue_desk(&front0, 0));
    struct principal head0 = {.role = ROLE_HEAD, .office_id = 0};
    CHECK(!scope_queue_admin(&head0, 0));
    struct principal head_agency = {
        .role = ROLE_HEAD, .office_id = 99, .office_is_agency = true};
    CHECK(!scope_queue_desk(&head_agency, 99));
    CHECK(!scope_queue_admin(&head_agency, 99));
    struct principal bad = {.role = ROLE__COUNT, .office_id = 7};
    CHECK(!scope_queue_desk(&bad, 7));
    CHECK(!scope_queue_admin(&bad, 7));
}

/* Complaints: complaint officers, the head of the office, oversight; not
 * the front and back office (they would see the complainant). */
static void test_scope_complaint(void)
{
    struct principal front = {.role = ROLE_FRONT, .office_id = 7};
    struct principal back = {.role = ROLE_BACK, .office_id = 7};
    CHECK(!scope_complaint(&front, 7, 0));
    CHECK(!scope_complaint(&back, 7, 0));
    struct principal head = {.role = ROLE_HEAD, .office_id = 7};
    CHECK(scope_complaint(&head, 7, 0));
    CHECK(scope_complaint(&head, 8, 7)); /* referred to the office */
    CHECK(!scope_complaint(&head, 8, 0));
    CHECK(!scope_complaints_everywhere(&head));
    struct principal desk = {.role = ROLE_COMPLAINT, .office_id = 0};
    CHECK(scope_complaint(&desk, 8, 0));
    CHECK(scope_complaints_everywhere(&desk));
    struct principal local = {.role = ROLE_COMPLAINT, .office_id = 7};
    CHECK(scope_complaint(&local, 7, 0));
    CHECK(!scope_complaint(&local, 8, 0));
    CHECK(!scope_complaints_everywhere(&local));
    struct principal sekkab = {.role = ROLE_SEKKAB};
    CHECK(scope_complaint(&sekkab, 8, 0));
    CHECK(scope_complaints_everywhere(&sekkab));
    /* Paper slips: the desk for any office, a local officer for its own. */
    CHECK(scope_complaint_slip(&desk, 8));
    CHECK(scope_complaint_slip(&local, 7));
    CHECK(!scope_complaint_slip(&local, 8));
    CHECK(!scope_complaint_slip(&head, 7));
    CHECK(!scope_complaint_slip(&sekkab, 7));
    /* Names: named complaints to whoever reads them; confidential ones to
     * complaint officers only. */
    CHECK(scope_complainant_name(&head, false));
    CHECK(!scope_complainant_name(&head, true));
    CHECK(scope_complainant_name(&local, true));
    CHECK(!scope_complainant_name(&sekkab, true));
    CHECK(scope_complainant_name(&sekkab, false));
    CHECK(!scope_complainant_name(&front, false));
    /* The performance view: oversight everywhere, a head their office. */
    CHECK(scope_oversight(&sekkab, 0));
    CHECK(scope_oversight(&sekkab, 8));
    CHECK(scope_oversight(&head, 7));
    CHECK(!scope_oversight(&head, 8));
    CHECK(!scope_oversight(&head, 0));
    CHECK(!scope_oversight(&front, 7));
    CHECK(!scope_oversight(&local, 7));
    /* The Sekda's follow-ups: answered by the head of that office only. */
    CHECK(scope_followup(&head, 7));
    CHECK(!scope_followup(&head, 8));
    CHECK(!scope_followup(&head, 0));
    CHECK(!scope_followup(&sekkab, 7));
    CHECK(!scope_followup(&front, 7));
    CHECK(!scope_followup(&local, 7));
    struct principal unbound_head = {.user_id = 9, .role = ROLE_HEAD};
    CHECK(!scope_followup(&unbound_head, 0));
    /* Personal data (NIK, phone, e-mail): never for oversight. */
    CHECK(!role_has(ROLE_SEKKAB, PERM_PERSONAL_DATA));
    CHECK(!role_has(ROLE_BUPATI, PERM_PERSONAL_DATA));
    CHECK(!role_has(ROLE_ADMIN, PERM_PERSONAL_DATA));
}

/* Readiness: heads of office act for their own office; inspectors and the
 * regency's readers see every office; nobody else sees any. */
static void test_scope_readiness(void)
{
    struct principal head = {.role = ROLE_HEAD, .office_id = 7};
    CHECK(scope_readiness(&head, 7));
    CHECK(!scope_readiness(&head, 8));
    CHECK(scope_assess(&head, 7));
    CHECK(!scope_assess(&head, 8)); /* never another office */
    CHECK(!scope_assess(&head, 0));
    CHECK(!scope_inspect(&head, 7)); /* no inspecting oneself */
    struct principal head_agency = {
        .role = ROLE_HEAD, .office_id = 99, .office_is_agency = true};
    CHECK(!scope_assess(&head_agency, 99));
    struct principal unbound = {.role = ROLE_HEAD, .office_id = 0};
    CHECK(!scope_assess(&unbound, 0));
    CHECK(!scope_readiness(&unbound, 0));
    struct principal front = {.role = ROLE_FRONT, .office_id = 7};
    struct principal back = {.role = ROLE_BACK, .office_id = 7};
    CHECK(!scope_assess(&front, 7)); /* a front office cannot report */
    CHECK(!scope_readiness(&front, 7));
    CHECK(!scope_assess(&back, 7));
    struct principal insp = {.role = ROLE_INSPECTOR};
    CHECK(scope_inspect(&insp, 7));
    CHECK(scope_inspect(&insp, 8));
    CHECK(!scope_inspect(&insp, 0));
    CHECK(scope_readiness(&insp, 8));
    CHECK(!scope_assess(&insp, 8));
    CHECK(!scope_allows(&insp, 8)); /* no applications, no surveys */
    CHECK(!scope_application(&insp, 8, NULL));
    CHECK(!scope_complaint(&insp, 8, 0));
    struct principal sekkab = {.role = ROLE_SEKKAB};
    CHECK(scope_readiness(&sekkab, 8));
    CHECK(!scope_inspect(&sekkab, 8));
    CHECK(!scope_assess(&sekkab, 8));
    /* Only the Sekda decides on a report of inability. */
    for (int r = 0; r < ROLE__COUNT; r++)
        CHECK_INT(role_has((enum role)r, PERM_INSTRUCT), r == ROLE_SEKKAB);
    struct principal local = {.role = ROLE_COMPLAINT, .office_id = 7};
    CHECK(!scope_readiness(&local, 7));
    struct principal bad = {.role = ROLE__COUNT, .office_id = 7};
    CHECK(!scope_readiness(&bad, 7));
    CHECK(!scope_assess(&bad, 7));
    CHECK(!scope_inspect(&bad, 7));
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
    RUN(test_scope_application);
    RUN(test_scope_complaint);
    RUN(test_scope_readiness);
    RUN(test_scope_queue);
    RUN(test_may_assign);
    TEST_END();
}
