/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_service.c: service standard rules (core/service.h). A valid
 * standard is built in code and must pass service_validate() without
 * errors; then each rule is broken by one mutation and must give exactly
 * the expected field and code (and only that error). Also the code
 * syntax rules and the time and fee texts.
 */
#include <string.h>

#include "base/arena.h"
#include "base/ferr.h"
#include "core/service.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A fresh valid standard; arrays come from a so mutations can resize. */
static void make_valid(struct service_def *s, struct arena *a)
{
    memset(s, 0, sizeof(*s));
    s->code = "SKTM";
    s->category = "kependudukan";
    s->name.id = "Surat Keterangan Tidak Mampu";
    s->name.en = "Certificate of low income";
    s->accepted_levels = 1u << OFFICE_KECAMATAN | 1u << OFFICE_KELURAHAN;
    s->agency = NULL;

    s->n_reqs = 2;
    s->reqs = arena_alloc(a, SERVICE_MAX_REQS * 2 * sizeof(*s->reqs));
    s->reqs[0] = (struct requirement){
        "KTP", {"Fotokopi KTP", "Copy of identity card"}, true, 0};
    s->reqs[1] =
        (struct requirement){"PENGANTAR_RT",
                             {"Surat pengantar RT/RW", "Letter from RT/RW"},
                             false,
                             0};

    s->n_steps = 3;
    s->steps = arena_alloc(a, SERVICE_MAX_STEPS * 2 * sizeof(*s->steps));
    s->steps[0] = (struct sop_step){"TERIMA",
                                    {"Terima berkas", "Receive documents"},
                                    ROLE_FRONT,
                                    STEP_RECEIVED};
    s->steps[1] = (struct sop_step){"PROSES",
                                    {"Proses surat", "Prepare letter"},
                                    ROLE_BACK,
                                    STEP_IN_PROCESS};
    s->steps[2] = (struct sop_step){"SIAP",
                                    {"Tanda tangan dan siap", "Sign, ready"},
                                    ROLE_HEAD,
                                    STEP_READY};

    s->time_amount = 1;
    s->time_unit = TIME_WORKING_DAYS;
    s->fee = 0;
    for (int c = 0; c < COMP__COUNT; c++) {
        s->comp[c].id = arena_printf(a, "Uraian komponen %d", c);
        s->comp[c].en = arena_printf(a, "Component text %d", c);
    }
    s->version = 1;
    s->active = true;
}

/* A string of n copies of c in the arena. */
static char *filled(struct arena *a, size_t n, char c)
{
    char *p = arena_alloc(a, n + 1);
    memset(p, c, n);
    p[n] = '\0';
    return p;
}

static void print_errors(const struct field_errors *fe)
{
    for (size_t i = 0; i < fe->n_items; i++)
        fprintf(stderr, "    got %s: %s\n", fe->items[i].field,
                fe->items[i].code);
}

static void test_valid(void)
{
    struct arena *a = arena_new();
    struct service_def s;
    make_valid(&s, a);
    struct field_errors fe = {0};
    service_validate(&s, a, &fe);
    CHECK_INT(fe.n_items, 0);
    if (fe.n_items)
        print_errors(&fe);
    CHECK(!ferr_any(&fe));
    arena_free(a);
}

/* Mutations that break exactly one rule. */
static void m_code_lower(struct service_def *s, struct arena *a)
{
    (void)a;
    s->code = "sktm";
}
static void m_code_short(struct service_def *s, struct arena *a)
{
    (void)a;
    s->code = "S";
}
static void m_code_long(struct service_def *s, struct arena *a)
{
    s->code = filled(a, SERVICE_CODE_MAX + 1, 'A');
}
static void m_dup_req(struct service_def *s, struct arena *a)
{
    (void)a;
    s->reqs[1].code = "KTP";
}
static void m_bad_req_code(struct service_def *s, struct arena *a)
{
    (void)a;
    s->reqs[0].code = "ktp";
}
static void m_no_mandatory(struct service_def *s, struct arena *a)
{
    (void)a;
    s->reqs[0].mandatory = false;
}
static void m_no_reqs(struct service_def *s, struct arena *a)
{
    (void)a;
    s->n_reqs = 0;
}
static void m_too_many_reqs(struct service_def *s, struct arena *a)
{
    s->n_reqs = SERVICE_MAX_REQS + 1;
    for (size_t i = 0; i < s->n_reqs; i++)
        s->reqs[i] = (struct requirement){
            arena_printf(a, "R%zu", i), {"Dokumen", "Document"}, true, 0};
}
static void m_one_step(struct service_def *s, struct arena *a)
{
    (void)a;
    s->n_steps = 1;
}
static void m_too_many_steps(struct service_def *s, struct arena *a)
{
    s->n_steps = SERVICE_MAX_STEPS + 1;
    for (size_t i = 0; i < s->n_steps; i++)
        s->steps[i] =
            (struct sop_step){arena_printf(a, "S%zu", i),
                              {"Langkah", "Step"},
                              ROLE_BACK,
                              i == 0                ? STEP_RECEIVED
                              : i + 1 == s->n_steps ? STEP_READY
                                                    : STEP_IN_PROCESS};
}
static void m_first_not_received(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[0].state = STEP_VERIFIED;
}
static void m_last_not_ready(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[2].state = STEP_SIGNED;
}
static void m_state_back(struct service_def *s, struct arena *a)
{
    (void)a;
    s->n_steps = 4;
    s->steps[3] = s->steps[2]; /* ready */
    s->steps[2] = (struct sop_step){
        "VERIF", {"Verifikasi", "Verify"}, ROLE_BACK, STEP_VERIFIED};
    /* received, in_process, verified (back), ready */
}
static void m_role_admin(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[1].role = ROLE_ADMIN;
}
static void m_role_sekkab(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[0].role = ROLE_SEKKAB;
}
static void m_role_complaint(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[2].role = ROLE_COMPLAINT;
}
static void m_dup_step(struct service_def *s, struct arena *a)
{
    (void)a;
    s->steps[1].code = "TERIMA";
}
static void m_days_0(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_amount = 0;
}
static void m_days_366(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_amount = 366;
}
static void m_days_neg(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_amount = -1;
}
static void m_minutes_60001(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_unit = TIME_WORKING_MINUTES;
    s->time_amount = 60001;
}
static void m_minutes_0(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_unit = TIME_WORKING_MINUTES;
    s->time_amount = 0;
}
static void m_fee_neg(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = -1;
}
static void m_fee_max1(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = (int64_t)SERVICE_FEE_MAX + 1;
    s->comp[COMP_COST].id = "Rp 100.000.001 sesuai Perda";
}
static void m_fee_no_tariff(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = 10000;
    s->comp[COMP_COST].id = "Gratis";
}
static void m_name_en_empty(struct service_def *s, struct arena *a)
{
    (void)a;
    s->name.en = "";
}
static void m_name_en_null(struct service_def *s, struct arena *a)
{
    (void)a;
    s->name.en = NULL;
}
static void m_name_id_blank(struct service_def *s, struct arena *a)
{
    (void)a;
    s->name.id = "  \t ";
}
static void m_name_id_long(struct service_def *s, struct arena *a)
{
    s->name.id = filled(a, SERVICE_NAME_MAX + 1, 'n');
}
static void m_name_en_long(struct service_def *s, struct arena *a)
{
    s->name.en = filled(a, SERVICE_NAME_MAX + 1, 'n');
}
static void m_no_level(struct service_def *s, struct arena *a)
{
    (void)a;
    s->accepted_levels = 0;
}
static void m_req_at_desa(struct service_def *s, struct arena *a)
{
    (void)a; /* accepted at kecamatan and kelurahan, not at a desa */
    s->reqs[1].mandatory_levels = 1u << OFFICE_DESA;
}
static void m_req_at_agency(struct service_def *s, struct arena *a)
{
    (void)a;
    s->reqs[1].mandatory_levels = 1u << OFFICE_KECAMATAN | 1u << OFFICE_AGENCY;
}
static void m_comp_legal_empty(struct service_def *s, struct arena *a)
{
    (void)a;
    s->comp[COMP_LEGAL].id = "";
}
static void m_comp_long(struct service_def *s, struct arena *a)
{
    s->comp[COMP_PRODUCT].id = filled(a, SERVICE_TEXT_MAX + 1, 't');
}

static const struct {
    const char *name;                                     /* for messages */
    void (*mutate)(struct service_def *, struct arena *); /* the change */
    const char *field;                                    /* expected field */
    const char *code;                                     /* expected code */
    bool exact; /* no other error may be reported */
} broken[] = {
    {"lower-case code", m_code_lower, "code", "invalid_code", true},
    {"one-letter code", m_code_short, "code", "invalid_code", true},
    {"17-character code", m_code_long, "code", "invalid_code", true},
    {"duplicate requirement", m_dup_req, "req_code[1]", "duplicate", true},
    {"bad requirement code", m_bad_req_code, "req_code[0]", "invalid_code",
     true},
    {"no mandatory requirement", m_no_mandatory, "requirements", "no_mandatory",
     true},
    {"no requirements", m_no_reqs, "requirements", "count", true},
    {"31 requirements", m_too_many_reqs, "requirements", "count", true},
    {"one step", m_one_step, "steps", "count", false},
    {"16 steps", m_too_many_steps, "steps", "count", true},
    {"first step not received", m_first_not_received, "step_state[0]",
     "first_state", true},
    {"last step not ready", m_last_not_ready, "step_state[2]", "last_state",
     true},
    {"state going back", m_state_back, "step_state[2]", "state_order", true},
    {"admin performs a step", m_role_admin, "step_role[1]", "invalid_role",
     true},
    {"sekkab performs a step", m_role_sekkab, "step_role[0]", "invalid_role",
     true},
    {"complaint officer performs a step", m_role_complaint, "step_role[2]",
     "invalid_role", true},
    {"duplicate step code", m_dup_step, "step_code[1]", "duplicate", true},
    {"0 days", m_days_0, "time_amount", "out_of_range", true},
    {"366 days", m_days_366, "time_amount", "out_of_range", true},
    {"-1 days", m_days_neg, "time_amount", "out_of_range", true},
    {"60001 minutes", m_minutes_60001, "time_amount", "out_of_range", true},
    {"0 minutes", m_minutes_0, "time_amount", "out_of_range", true},
    {"fee -1", m_fee_neg, "fee", "out_of_range", true},
    {"fee max+1", m_fee_max1, "fee", "out_of_range", true},
    {"fee without tariff", m_fee_no_tariff, "comp_cost_id", "tariff_rule",
     true},
    {"empty English name", m_name_en_empty, "name_en", "required", true},
    {"NULL English name", m_name_en_null, "name_en", "required", true},
    {"blank Indonesian name", m_name_id_blank, "name_id", "required", true},
    {"201-byte name", m_name_id_long, "name_id", "too_long", true},
    {"201-byte English name", m_name_en_long, "name_en", "too_long", true},
    {"no accepted level", m_no_level, "accepted_at", "required", true},
    {"mandatory at a level not accepting it", m_req_at_desa,
     "req_mandatory_at[1]", "level_not_accepted", true},
    {"mandatory at the agency level", m_req_at_agency, "req_mandatory_at[1]",
     "level_not_accepted", true},
    {"empty legal basis", m_comp_legal_empty, "comp_legal_basis_id", "required",
     true},
    {"4001-byte product text", m_comp_long, "comp_product_id", "too_long",
     true},
};

static void test_each_rule(void)
{
    for (size_t i = 0; i < N_ITEMS(broken); i++) {
        struct arena *a = arena_new();
        struct service_def s;
        make_valid(&s, a);
        broken[i].mutate(&s, a);
        struct field_errors fe = {0};
        service_validate(&s, a, &fe);
        int before = test_checks_failed;
        const struct field_error *e = ferr_find(&fe, broken[i].field);
        CHECK(e != NULL);
        if (e)
            CHECK_STR(e->code, broken[i].code);
        if (broken[i].exact)
            CHECK_INT(fe.n_items, 1);
        if (e) {
            CHECK(e->msg_id && strlen(e->msg_id) > 0);
            CHECK(e->msg_en && strlen(e->msg_en) > 0);
        }
        if (test_checks_failed != before) {
            fprintf(stderr, "  in case \"%s\"\n", broken[i].name);
            print_errors(&fe);
        }
        arena_free(a);
    }
}

/* Changes at the edge of a rule that must stay valid. */
static void ok_days_365(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_amount = 365;
}
static void ok_minutes_60000(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_unit = TIME_WORKING_MINUTES;
    s->time_amount = 60000;
}
static void ok_minutes_1(struct service_def *s, struct arena *a)
{
    (void)a;
    s->time_unit = TIME_WORKING_MINUTES;
    s->time_amount = 1;
}
static void ok_fee_max(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = SERVICE_FEE_MAX;
    s->comp[COMP_COST].id = "Rp 100.000.000 sesuai Perda Nomor 1 Tahun 2024";
}
static void ok_fee_tarif(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = 10000;
    s->comp[COMP_COST].id = "Sesuai tarif dalam Perda Nomor 1 Tahun 2024";
}
static void ok_fee_retribusi(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = 5000;
    s->comp[COMP_COST].id = "Retribusi daerah: lihat retribusi Perda 2/2024";
}
static void ok_fee_tarif_capital(struct service_def *s, struct arena *a)
{
    (void)a;
    s->fee = 10000;
    s->comp[COMP_COST].id = "Tarif sesuai Perda Nomor 1 Tahun 2024";
}
static void ok_name_200(struct service_def *s, struct arena *a)
{
    s->name.id = filled(a, SERVICE_NAME_MAX, 'n');
    s->name.en = filled(a, SERVICE_NAME_MAX, 'n');
}
static void ok_comp_4000(struct service_def *s, struct arena *a)
{
    s->comp[COMP_PRODUCT].id = filled(a, SERVICE_TEXT_MAX, 't');
}
static void ok_comp_en_empty(struct service_def *s, struct arena *a)
{
    (void)a;
    for (int c = 0; c < COMP__COUNT; c++)
        s->comp[c].en = "";
}
static void ok_comp_en_null(struct service_def *s, struct arena *a)
{
    (void)a;
    s->comp[COMP_SAFETY].en = NULL;
}
static void ok_one_level(struct service_def *s, struct arena *a)
{
    (void)a;
    s->accepted_levels = 1u << OFFICE_DESA;
}
static void ok_req_at_kecamatan(struct service_def *s, struct arena *a)
{
    (void)a;
    s->reqs[1].mandatory_levels = 1u << OFFICE_KECAMATAN;
}
static void ok_req_at_every_level(struct service_def *s, struct arena *a)
{
    (void)a; /* every accepted level: as good as mandatory, still valid */
    s->reqs[1].mandatory_levels = s->accepted_levels;
}
static void ok_two_steps(struct service_def *s, struct arena *a)
{
    (void)a;
    s->n_steps = 2;
    s->steps[1] = (struct sop_step){
        "SELESAI", {"Selesai", "Done"}, ROLE_FRONT, STEP_READY};
}
static void ok_equal_states(struct service_def *s, struct arena *a)
{
    (void)a;
    s->n_steps = 4;
    s->steps[3] = s->steps[2];
    s->steps[2] = (struct sop_step){"PROSES2",
                                    {"Proses lanjut", "More processing"},
                                    ROLE_BACK,
                                    STEP_IN_PROCESS};
}
static void ok_max_lists(struct service_def *s, struct arena *a)
{
    s->n_reqs = SERVICE_MAX_REQS;
    for (size_t i = 0; i < s->n_reqs; i++)
        s->reqs[i] = (struct requirement){
            arena_printf(a, "R%zu", i), {"Dokumen", ""}, i == 29, 0};
    s->n_steps = SERVICE_MAX_STEPS;
    for (size_t i = 0; i < s->n_steps; i++)
        s->steps[i] = (struct sop_step){arena_printf(a, "S-%zu", i),
                                        {"Langkah", ""},
                                        ROLE_BACK,
                                        i == 0                ? STEP_RECEIVED
                                        : i + 1 == s->n_steps ? STEP_READY
                                                              : STEP_SIGNED};
}
static void ok_codes_edge(struct service_def *s, struct arena *a)
{
    s->code = filled(a, SERVICE_CODE_MAX, 'Z');
    s->reqs[0].code = "K1";
    s->reqs[1].code = "9_A-B";
}

static const struct {
    const char *name;
    void (*mutate)(struct service_def *, struct arena *);
} still_valid[] = {
    {"365 days", ok_days_365},
    {"60000 minutes", ok_minutes_60000},
    {"1 minute", ok_minutes_1},
    {"fee at the maximum", ok_fee_max},
    {"fee with 'tarif'", ok_fee_tarif},
    {"fee with 'retribusi'", ok_fee_retribusi},
    {"fee with 'Tarif' at the start", ok_fee_tarif_capital},
    {"200-byte names", ok_name_200},
    {"4000-byte text", ok_comp_4000},
    {"English component texts empty", ok_comp_en_empty},
    {"English component text NULL", ok_comp_en_null},
    {"desa only", ok_one_level},
    {"optional, mandatory at the kecamatan", ok_req_at_kecamatan},
    {"optional, mandatory at every accepted level", ok_req_at_every_level},
    {"two steps", ok_two_steps},
    {"equal consecutive states", ok_equal_states},
    {"30 requirements and 15 steps", ok_max_lists},
    {"16-character code", ok_codes_edge},
};

static void test_edges_valid(void)
{
    for (size_t i = 0; i < N_ITEMS(still_valid); i++) {
        struct arena *a = arena_new();
        struct service_def s;
        make_valid(&s, a);
        still_valid[i].mutate(&s, a);
        struct field_errors fe = {0};
        service_validate(&s, a, &fe);
        CHECK_INT(fe.n_items, 0);
        if (fe.n_items) {
            fprintf(stderr, "  in case \"%s\"\n", still_valid[i].name);
            print_errors(&fe);
        }
        arena_free(a);
    }
}

static void test_several_errors(void)
{
    /* Errors add up: one per problem. */
    struct arena *a = arena_new();
    struct service_def s;
    make_valid(&s, a);
    s.code = "x";
    s.name.id = "";
    s.time_amount = 0;
    s.fee = -5;
    struct field_errors fe = {0};
    service_validate(&s, a, &fe);
    CHECK_INT(fe.n_items, 4);
    CHECK(ferr_find(&fe, "code") != NULL);
    CHECK(ferr_find(&fe, "name_id") != NULL);
    CHECK(ferr_find(&fe, "time_amount") != NULL);
    CHECK(ferr_find(&fe, "fee") != NULL);
    arena_free(a);
}

static void test_code_syntax(void)
{
    static const struct {
        const char *code;
        bool ok;
    } svc[] = {
        {"AB", true},
        {"SKTM", true},
        {"1A", true},
        {"99", true},
        {"A_B-1", true},
        {"ABCDEFGHIJKLMNOP", true},   /* 16 */
        {"ABCDEFGHIJKLMNOPQ", false}, /* 17 */
        {"A", false},
        {"", false},
        {"sktm", false},
        {"Sktm", false},
        {"_AB", false},
        {"-AB", false},
        {"SK TM", false},
        {"SK.TM", false},
        {"SK/TM", false},
        {"SK\xC3\x89", false},
    };
    for (size_t i = 0; i < N_ITEMS(svc); i++) {
        bool got = service_code_valid(svc[i].code);
        if (got != svc[i].ok)
            fprintf(stderr, "  service_code_valid(\"%s\")\n", svc[i].code);
        CHECK_INT(got, svc[i].ok);
    }
    CHECK(!service_code_valid(NULL));

    static const struct {
        const char *code;
        bool ok;
    } cat[] = {
        {"ab", true},
        {"kependudukan", true},
        {"a_1", true},
        {"_a", true},
        {"12", true},
        {"abcdefghijklmnopqrstuvwxyz012345", true},   /* 32 */
        {"abcdefghijklmnopqrstuvwxyz0123456", false}, /* 33 */
        {"a", false},
        {"", false},
        {"Ab", false},
        {"a-b", false},
        {"a b", false},
        {"umum.", false},
    };
    for (size_t i = 0; i < N_ITEMS(cat); i++) {
        bool got = category_code_valid(cat[i].code);
        if (got != cat[i].ok)
            fprintf(stderr, "  category_code_valid(\"%s\")\n", cat[i].code);
        CHECK_INT(got, cat[i].ok);
    }
    CHECK(!category_code_valid(NULL));
}

static void test_fee_text(void)
{
    static const struct {
        int64_t fee;
        const char *id;
        const char *en;
    } cases[] = {
        {0, "Gratis", "Free"},
        {1, "Rp 1", "Rp 1"},
        {999, "Rp 999", "Rp 999"},
        {1000, "Rp 1.000", "Rp 1,000"},
        {10000, "Rp 10.000", "Rp 10,000"},
        {100000, "Rp 100.000", "Rp 100,000"},
        {1000000, "Rp 1.000.000", "Rp 1,000,000"},
        {1234567, "Rp 1.234.567", "Rp 1,234,567"},
        {SERVICE_FEE_MAX, "Rp 100.000.000", "Rp 100,000,000"},
    };
    struct arena *a = arena_new();
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        CHECK_STR(service_fee_text(cases[i].fee, a, LANG_ID), cases[i].id);
        CHECK_STR(service_fee_text(cases[i].fee, a, LANG_EN), cases[i].en);
    }
    arena_free(a);
}

static void test_time_text(void)
{
    static const struct {
        int amount;
        enum time_unit unit;
        const char *id;
        const char *en;
    } cases[] = {
        {1, TIME_WORKING_DAYS, "1 hari kerja", "1 working day"},
        {3, TIME_WORKING_DAYS, "3 hari kerja", "3 working days"},
        {365, TIME_WORKING_DAYS, "365 hari kerja", "365 working days"},
        {1, TIME_WORKING_MINUTES, "1 menit kerja", "1 working minute"},
        {90, TIME_WORKING_MINUTES, "90 menit kerja", "90 working minutes"},
    };
    struct arena *a = arena_new();
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct service_def s = {.time_amount = cases[i].amount,
                                .time_unit = cases[i].unit};
        CHECK_STR(service_time_text(&s, a, LANG_ID), cases[i].id);
        CHECK_STR(service_time_text(&s, a, LANG_EN), cases[i].en);
    }
    arena_free(a);
}

static void test_codes_and_names(void)
{
    static const char *const states[] = {"received", "verified", "in_process",
                                         "signed", "ready"};
    CHECK_INT(N_ITEMS(states), STEP_STATE__COUNT);
    for (int i = 0; i < STEP_STATE__COUNT; i++) {
        CHECK_STR(step_state_code((enum step_state)i), states[i]);
        enum step_state st = (enum step_state)99;
        CHECK(step_state_parse(states[i], &st));
        CHECK_INT(st, i);
        CHECK(strlen(step_state_name((enum step_state)i, LANG_ID)) > 0);
        CHECK(strlen(step_state_name((enum step_state)i, LANG_EN)) > 0);
    }
    enum step_state st = STEP_SIGNED;
    CHECK(!step_state_parse("Ready", &st));
    CHECK(!step_state_parse("", &st));
    CHECK(!step_state_parse(NULL, &st));
    CHECK_INT(st, STEP_SIGNED);

    CHECK_STR(time_unit_code(TIME_WORKING_DAYS), "working_days");
    CHECK_STR(time_unit_code(TIME_WORKING_MINUTES), "working_minutes");
    enum time_unit u = TIME_WORKING_DAYS;
    CHECK(time_unit_parse("working_minutes", &u));
    CHECK_INT(u, TIME_WORKING_MINUTES);
    CHECK(time_unit_parse("working_days", &u));
    CHECK_INT(u, TIME_WORKING_DAYS);
    CHECK(!time_unit_parse("days", &u));
    CHECK(!time_unit_parse(NULL, &u));

    CHECK_STR(service_component_key(COMP_COST), "cost");
    CHECK_STR(service_component_key(COMP_LEGAL), "legal_basis");
    /* Component keys are distinct. */
    for (int c = 0; c < COMP__COUNT; c++)
        for (int d = 0; d < c; d++)
            CHECK(strcmp(service_component_key((enum service_component)c),
                         service_component_key((enum service_component)d)) !=
                  0);
    /* Public: description, cost, product, complaint handling (with
     * requirements, procedure and time, the first six components). */
    static const bool is_public[COMP__COUNT] = {
        [COMP_DESCRIPTION] = true,
        [COMP_COST] = true,
        [COMP_PRODUCT] = true,
        [COMP_COMPLAINT] = true,
    };
    for (int c = 0; c < COMP__COUNT; c++)
        CHECK_INT(service_component_is_public((enum service_component)c),
                  is_public[c]);
}

/* A requirement mandatory at some office levels only (the village head's
 * cover letter at the kecamatan): each level, the edges of the enum. */
static void test_mandatory_at(void)
{
    const unsigned kec = 1u << OFFICE_KECAMATAN;
    const struct {
        bool mandatory;
        unsigned levels;
        enum office_level at;
        bool want;
    } cases[] = {
        {true, 0, OFFICE_KECAMATAN, true},
        {true, 0, OFFICE_DESA, true},
        {true, 0, OFFICE_AGENCY, true},
        {true, 0, OFFICE_LEVEL__COUNT, true},
        {false, 0, OFFICE_KECAMATAN, false},
        {false, 0, OFFICE_KELURAHAN, false},
        {false, 0, OFFICE_DESA, false},
        {false, 0, OFFICE_AGENCY, false},
        {false, kec, OFFICE_KECAMATAN, true},
        {false, kec, OFFICE_KELURAHAN, false},
        {false, kec, OFFICE_DESA, false},
        {false, kec, OFFICE_AGENCY, false},
        {false, kec, OFFICE_LEVEL__COUNT, false},
        {false, 1u << OFFICE_DESA, OFFICE_DESA, true},
        {false, 1u << OFFICE_DESA, OFFICE_KELURAHAN, false},
        {false, kec | 1u << OFFICE_KELURAHAN, OFFICE_KELURAHAN, true},
        {false, kec | 1u << OFFICE_KELURAHAN, OFFICE_DESA, false},
        {false, ~0u, OFFICE_LEVEL__COUNT, false},
        {false, ~0u, (enum office_level)31, false},
        {false, ~0u, (enum office_level) - 1, false},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct requirement r = {"PENGANTAR_DESA",
                                {"Surat pengantar", "Cover letter"},
                                cases[i].mandatory,
                                cases[i].levels};
        int before = test_checks_failed;
        CHECK_INT(requirement_mandatory_at(&r, cases[i].at), cases[i].want);
        if (test_checks_failed != before)
            fprintf(stderr, "  in case %zu\n", i);
    }
}

int main(void)
{
    RUN(test_valid);
    RUN(test_each_rule);
    RUN(test_edges_valid);
    RUN(test_several_errors);
    RUN(test_code_syntax);
    RUN(test_fee_text);
    RUN(test_time_text);
    RUN(test_codes_and_names);
    RUN(test_mandatory_at);
    TEST_END();
}
