/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_office_readiness.c: the readiness score, the desa service-point rule,
 * the referral rule and the codes of office readiness (core/readiness.h).
 */
#include "core/readiness.h"
#include "test.h"

#define M(s)                                                                   \
    {                                                                          \
        true, (s)                                                              \
    }
#define O(s)                                                                   \
    {                                                                          \
        false, (s)                                                             \
    }

static void test_score(void)
{
    /* Only mandatory items count; partly is not met. */
    struct readiness_item a[] = {M(FAC_MET), M(FAC_PARTLY), M(FAC_NOT_MET),
                                 O(FAC_NOT_MET)};
    struct readiness_score s = readiness_score(a, 4);
    CHECK_INT(s.mandatory, 3);
    CHECK_INT(s.mandatory_met, 1);
    CHECK_INT(s.pct, 33); /* 33.33 */
    CHECK(!s.all_mandatory);
    /* 2 of 3: 66.67 -> 67 (half up at .5 and above). */
    struct readiness_item b[] = {M(FAC_MET), M(FAC_MET), M(FAC_NOT_MET)};
    s = readiness_score(b, 3);
    CHECK_INT(s.pct, 67);
    /* 1 of 8 = 12.5 -> 13; 7 of 8 = 87.5 -> 88. */
    struct readiness_item c[8];
    for (int i = 0; i < 8; i++)
        c[i] = (struct readiness_item)M(i == 0 ? FAC_MET : FAC_NOT_MET);
    CHECK_INT(readiness_score(c, 8).pct, 13);
    for (int i = 0; i < 8; i++)
        c[i] = (struct readiness_item)M(i == 0 ? FAC_NOT_MET : FAC_MET);
    CHECK_INT(readiness_score(c, 8).pct, 88);
    CHECK(!readiness_score(c, 8).all_mandatory);
    /* Every mandatory item met: 100 and all; optional ones do not matter. */
    struct readiness_item d[] = {M(FAC_MET), O(FAC_NOT_MET), M(FAC_MET)};
    s = readiness_score(d, 3);
    CHECK_INT(s.pct, 100);
    CHECK(s.all_mandatory);
    /* Nothing mandatory: 0 and not ready (nothing to stand on). */
    struct readiness_item e[] = {O(FAC_MET)};
    s = readiness_score(e, 1);
    CHECK_INT(s.pct, 0);
    CHECK(!s.all_mandatory);
    CHECK_INT(readiness_score(NULL, 0).pct, 0);
    /* 12 of 13 mandatory = 92.3 -> 92. */
    struct readiness_item f[13];
    for (int i = 0; i < 13; i++)
        f[i] = (struct readiness_item)M(i ? FAC_MET : FAC_PARTLY);
    CHECK_INT(readiness_score(f, 13).pct, 92);
}

static void test_service_point_rule(void)
{
    /* Not a desa office: no rule. */
    CHECK_INT(readiness_service_point(false, false, false, NULL), SPV_ALLOWED);
    /* A desa office: its last assessment must meet every mandatory item. */
    CHECK_INT(readiness_service_point(true, true, true, NULL), SPV_ALLOWED);
    CHECK_INT(readiness_service_point(true, true, false, NULL), SPV_NOT_READY);
    CHECK_INT(readiness_service_point(true, false, false, ""),
              SPV_NOT_ASSESSED);
    /* Overridden with a written reason. */
    CHECK_INT(readiness_service_point(true, true, false, "Bupati's order"),
              SPV_OVERRIDDEN);
    CHECK_INT(readiness_service_point(true, false, false, "x"), SPV_OVERRIDDEN);
    /* A reason where none is needed changes nothing. */
    CHECK_INT(readiness_service_point(true, true, true, "x"), SPV_ALLOWED);
}

static void test_referral_rule(void)
{
    struct referral_rule some = {"SKTM,KTP_BARU", "2026-03-02", "2026-03-31"};
    /* The first and last days are inside; the days around are not. */
    CHECK(!referral_applies(&some, "SKTM", "2026-03-01"));
    CHECK(referral_applies(&some, "SKTM", "2026-03-02"));
    CHECK(referral_applies(&some, "KTP_BARU", "2026-03-31"));
    CHECK(!referral_applies(&some, "SKTM", "2026-04-01"));
    /* Only the named services; no prefix or part matches. */
    CHECK(!referral_applies(&some, "SKT", "2026-03-10"));
    CHECK(!referral_applies(&some, "KTP", "2026-03-10"));
    CHECK(!referral_applies(&some, "SKTM2", "2026-03-10"));
    CHECK(!referral_applies(&some, "", "2026-03-10"));
    /* No list: every service. */
    struct referral_rule all = {"", "2026-03-02", "2026-03-02"};
    CHECK(referral_applies(&all, "ANY", "2026-03-02"));
    CHECK(!referral_applies(&all, "ANY", "2026-03-03"));
    struct referral_rule null_list = {NULL, "2026-01-01", "2026-12-31"};
    CHECK(referral_applies(&null_list, "X", "2026-06-15"));
    /* Year ends compare right as text. */
    struct referral_rule year = {"A", "2026-12-31", "2027-01-01"};
    CHECK(referral_applies(&year, "A", "2027-01-01"));
    CHECK(!referral_applies(&year, "A", "2027-01-02"));
    CHECK(!referral_applies(&year, "A", "2026-12-30"));
    struct referral_rule open = {"A", NULL, "2026-01-01"};
    CHECK(!referral_applies(&open, "A", "2025-01-01"));
}

static void test_codes(void)
{
    enum facility_status s;
    CHECK(facility_status_parse("partly", &s) && s == FAC_PARTLY);
    CHECK(!facility_status_parse("Met", &s));
    CHECK(!facility_status_parse(NULL, &s));
    CHECK_STR(facility_status_code(FAC_NOT_MET), "not_met");
    for (int i = 0; i < FAC_STATUS__COUNT; i++) {
        CHECK(facility_status_parse(
                  facility_status_code((enum facility_status)i), &s) &&
              (int)s == i);
    }
    enum inability_reason r;
    const char *rs[] = {"staff",   "room",   "equipment",
                        "network", "budget", "other"};
    for (int i = 0; i < 6; i++)
        CHECK(inability_reason_parse(rs[i], &r) && (int)r == i);
    CHECK(!inability_reason_parse("money", &r));
    enum inability_decision d;
    CHECK(inability_decision_parse("refer", &d) && d == IND_REFER);
    CHECK(!inability_decision_parse("reject", &d));
    enum forum f;
    CHECK(forum_parse("khotbah_jumat", &f) && forum_is_religious(f));
    CHECK(forum_parse("pura", &f) && forum_is_religious(f));
    CHECK(forum_parse("posyandu", &f) && !forum_is_religious(f));
    CHECK(!forum_parse("mosque", &f));
    for (int i = 0; i < FORUM__COUNT; i++)
        CHECK(forum_parse(forum_code((enum forum)i), &f) && (int)f == i);
    CHECK(readiness_code_valid("waiting_room"));
    CHECK(readiness_code_valid("t2"));
    CHECK(!readiness_code_valid("t"));
    CHECK(!readiness_code_valid("2t"));
    CHECK(!readiness_code_valid("Toilet"));
    CHECK(!readiness_code_valid("a-b"));
    CHECK(!readiness_code_valid("abcdefghijklmnopqrstuvwxyz0123456"));
    CHECK(readiness_code_valid("abcdefghijklmnopqrstuvwxyz012345"));
}

static void test_findings(void)
{
    /* Every action from every state, against the table written out. */
    static const struct {
        enum finding_state from;
        enum finding_action action;
        bool ok;
        enum finding_state to;
    } want[] = {
        {FINDING_OPEN, FA_ANSWER, true, FINDING_ANSWERED},
        {FINDING_OPEN, FA_CLOSE, true, FINDING_CLOSED},
        {FINDING_OPEN, FA_REOPEN, false, FINDING_OPEN},
        {FINDING_ANSWERED, FA_ANSWER, false, FINDING_ANSWERED},
        {FINDING_ANSWERED, FA_CLOSE, true, FINDING_CLOSED},
        {FINDING_ANSWERED, FA_REOPEN, true, FINDING_OPEN},
        {FINDING_CLOSED, FA_ANSWER, false, FINDING_ANSWERED},
        {FINDING_CLOSED, FA_CLOSE, false, FINDING_CLOSED},
        {FINDING_CLOSED, FA_REOPEN, true, FINDING_OPEN},
    };
    CHECK_INT(sizeof(want) / sizeof(want[0]), FINDING_STATE__COUNT * FA__COUNT);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        enum finding_state next = FINDING_STATE__COUNT;
        bool ok = finding_allowed(want[i].from, want[i].action, &next);
        CHECK_INT(ok, want[i].ok);
        if (ok)
            CHECK_INT(next, want[i].to);
    }
    enum finding_state st = FINDING_STATE__COUNT;
    CHECK(!finding_allowed(FINDING_OPEN, FA__COUNT, &st));
    enum finding_action a;
    CHECK(finding_action_parse("reopen", &a) && a == FA_REOPEN);
    CHECK(!finding_action_parse("delete", &a));
    CHECK(finding_state_parse("answered", &st) && st == FINDING_ANSWERED);
    enum inability_state is;
    CHECK(inability_state_parse("decided", &is) && is == INS_DECIDED);
    CHECK(!inability_state_parse("refused", &is));
}

static void test_six_months(void)
{
    char out[16];
    CHECK(readiness_six_months_before("2026-09-30", out));
    CHECK_STR(out, "2026-03-30");
    CHECK(readiness_six_months_before("2026-08-31", out));
    CHECK_STR(out, "2026-02-28"); /* February is shorter */
    CHECK(readiness_six_months_before("2028-08-31", out));
    CHECK_STR(out, "2028-02-29"); /* a leap year */
    CHECK(readiness_six_months_before("2026-03-15", out));
    CHECK_STR(out, "2025-09-15"); /* across the year */
    CHECK(readiness_six_months_before("2026-06-01", out));
    CHECK_STR(out, "2025-12-01");
    CHECK(!readiness_six_months_before("2026-02-30", out));
    CHECK(!readiness_six_months_before("x", out));
}

int main(void)
{
    RUN(test_score);
    RUN(test_service_point_rule);
    RUN(test_referral_rule);
    RUN(test_codes);
    RUN(test_findings);
    RUN(test_six_months);
    TEST_END();
}
