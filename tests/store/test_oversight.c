/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_oversight.c: the performance measures (docs/MEASURES.md) from
 * hand-built histories at explicit instants, one program (the CMake target
 * store_oversight: tests/http/test_oversight.c is test_oversight) run
 * against both drivers like test_store:
 *   store_oversight sqlite            a fresh SQLite file
 *   store_oversight postgresql [URL]  URL or $SP_TEST_PG_URL (a throwaway
 *                                     cluster: the public schema is
 *                                     recreated)
 *
 * The real services do the work: intake_load / intake_check /
 * intake_register at the counter and appl_act for every step, return,
 * resumption and rejection, each with a struct svc_ctx whose `now` is the
 * instant of the history and a principal of the role the step needs. The
 * report is oversight_report() at a chosen `now`. Which office holds which
 * history (so that each check knows everything its scope contains):
 *   35.10.09 Genteng      the worked example of MEASURES.md (March/April)
 *   35.10.01 Pesanggaran  May: completed exactly at the promise and one
 *                         second later (a minute service), rejected while
 *                         returned
 *   35.10.02 Bangorejo    handed in at 23:59:59 WIB on 31 March and at
 *                         00:00:00 WIB on 1 April; completed at 23:59:59 on
 *                         30 April and 00:00:00 on 1 May
 *   35.10.04, 35.10.05    May: on time (for the ranking)
 *   35.10.03 Purwoharjo   June: overdue now, returned, not yet due
 *   35.10.07 Gambiran     June: overdue, the oldest promise, after closures
 *   35.10.09.2001         June: overdue at a former service point
 *   35.10.16 (+ kelurahan 35.10.16.1001), 35.10.06   July: districts
 * Finally the four aggregate tables are compared row by row with what
 * perf_rebuild() recomputes from the history: the incremental path and the
 * rebuild must agree exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "base/ferr.h"
#include "store/applications.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/offices.h"
#include "store/seed.h"
#include "store/workcal.h"
#include "svc/applications.h"
#include "svc/oversight.h"
#include "svc/perf.h"
#include "test.h"

static struct db *db;
static struct arena *A;
static const int64_t T_SEED = 1767225600; /* 2026-01-01T00:00:00Z */

static const char *embedded_loader(void *ctx, const char *path, size_t *len)
{
    (void)ctx;
    char name[512];
    snprintf(name, sizeof(name), "data/%s", path);
    const struct embedded_file *f = embedded_find(name);
    if (!f)
        return NULL;
    *len = f->len;
    return (const char *)f->data;
}

/* Unix seconds of a WIB (UTC+7) wall-clock time. */
static int64_t wib(int y, int mo, int d, int h, int mi, int s)
{
    return civil_to_days((struct civil_date){y, mo, d}) * 86400 +
           (int64_t)h * 3600 + (int64_t)mi * 60 + s - 7 * 3600;
}

static int64_t office_id(const char *code)
{
    struct office o;
    CHECK_INT(offices_get(db, A, code, &o), ERR_OK);
    return o.id;
}

static int64_t service_id(const char *code)
{
    int64_t id = 0;
    CHECK_INT(catalogue_service_id(db, code, &id), ERR_OK);
    return id;
}

/* A staff member of office_code with role (no user row: user_id 0). */
static struct principal staff(enum role role, const char *office_code)
{
    struct principal p = {.user_id = 0,
                          .login = role == ROLE_FRONT  ? "loket.uji"
                                   : role == ROLE_BACK ? "proses.uji"
                                                       : "camat.uji",
                          .name = "Petugas Uji",
                          .role = role,
                          .office_id = office_id(office_code),
                          .office_code = office_code};
    return p;
}

static struct svc_ctx ctx_at(int64_t now, const struct principal *who)
{
    struct svc_ctx c = {
        .db = db, .arena = A, .now = now, .who = who, .utc_offset_min = 420};
    return c;
}

/*
 * Hand in an application of service at office at instant t through the
 * counter's services (every mandatory requirement ticked); its
 * registration number (arena), or "" on failure.
 */
static const char *hand_in(const char *office, const char *service, int64_t t)
{
    struct principal fo = staff(ROLE_FRONT, office);
    struct svc_ctx c = ctx_at(t, &fo);
    struct intake_ctx ic;
    CHECK_INT(intake_load(&c, office, service, &ic), ERR_OK);
    const char **reqs = arena_alloc(A, (ic.svc.n_reqs + 1) * sizeof(*reqs));
    size_t n = 0;
    for (size_t i = 0; i < ic.svc.n_reqs; i++)
        if (requirement_mandatory_at(&ic.svc.reqs[i], ic.office.level))
            reqs[n++] = ic.svc.reqs[i].code;
    struct intake_form form = {.nik = "3510094101900001",
                               .name = "Warga Uji",
                               .village = "",
                               .phone = "081234567890",
                               .email = "",
                               .fields_json = "{}",
                               .reqs = reqs,
                               .n_reqs = n};
    struct field_errors fe = {0};
    struct intake_check chk;
    enum intake_outcome out = INTAKE_DENIED;
    CHECK_INT(intake_check(&c, &ic, &form, &fe, &chk, &out), ERR_OK);
    CHECK_INT(out, INTAKE_OK);
    if (out != INTAKE_OK)
        return "";
    struct application a;
    CHECK_INT(intake_register(&c, &ic, &form, &chk, &a), ERR_OK);
    return a.regno ? a.regno : "";
}

static struct application load(const char *regno)
{
    struct application a;
    memset(&a, 0, sizeof(a));
    CHECK_INT(applications_get(db, A, regno, &a), ERR_OK);
    return a;
}

/* Take action on regno at t as role (of the application's office). */
static void act(const char *regno, enum appl_action action, enum role role,
                int64_t t, const char *note)
{
    struct application a = load(regno);
    struct principal who = staff(role, a.office_code);
    struct svc_ctx c = ctx_at(t, &who);
    enum appl_outcome out = APPL_NOT_ALLOWED;
    CHECK_INT(appl_act(&c, &a, action, note, 0, &out), ERR_OK);
    CHECK_INT(out, APPL_DONE);
}

/* The next SOP step of regno, by the role the step names, at t. */
static void step(const char *regno, int64_t t)
{
    struct application a = load(regno);
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, a.service_code, a.service_version, &s),
              ERR_OK);
    CHECK(a.next_step < s.n_steps);
    if (a.next_step >= s.n_steps)
        return;
    act(regno, ACT_STEP, s.steps[a.next_step].role, t, NULL);
}

/* Every remaining step, a minute apart, the last (ready) exactly at t. */
static void ready_at(const char *regno, int64_t t)
{
    struct application a = load(regno);
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, a.service_code, a.service_version, &s),
              ERR_OK);
    size_t left = s.n_steps - a.next_step;
    for (size_t i = 0; i < left; i++)
        step(regno, t - (int64_t)(left - 1 - i) * 60);
    CHECK_INT(load(regno).state, APPL_READY);
}

/* The report of q's period and scope at now, with a regency-wide reader. */
static struct ov_report report_at(int64_t now, const char *period,
                                  const char *from, const char *to,
                                  const char *office, const char *district,
                                  const char *service, int64_t min_completed,
                                  bool by_service)
{
    struct principal sekda = {.login = "sekda.uji", .role = ROLE_SEKKAB};
    struct svc_ctx c = ctx_at(now, &sekda);
    struct ov_query q = {.office_id = office ? office_id(office) : 0,
                         .district = district,
                         .service_id = service ? service_id(service) : 0,
                         .min_completed = min_completed,
                         .by_service = by_service};
    struct civil_date today = civil_from_days((now + 7 * 3600) / 86400);
    CHECK(period_parse(from, to, period, today, &q.period));
    struct ov_report r;
    memset(&r, 0, sizeof(r));
    CHECK_INT(oversight_report(&c, &q, &r), ERR_OK);
    return r;
}

/* The item of code (office or service), or NULL. */
static const struct ov_item *item(const struct ov_report *r, const char *code)
{
    for (size_t i = 0; i < r->n_items; i++)
        if (strcmp(r->items[i].code, code) == 0)
            return &r->items[i];
    fprintf(stderr, "%s: no item %s\n", test_current, code);
    test_checks_failed++;
    return NULL;
}

/* The counts of m: received, completed, on time, rejected, returned. */
static void check_counts(const struct ov_measures *m, int64_t received,
                         int64_t completed, int64_t on_time, int64_t rejected,
                         int64_t returned, int line)
{
    if (m->c.received != received || m->c.completed != completed ||
        m->c.on_time != on_time || m->c.rejected != rejected ||
        m->c.returned != returned) {
        fprintf(stderr,
                "%s:%d: %s: counts %lld/%lld/%lld/%lld/%lld, expected "
                "%lld/%lld/%lld/%lld/%lld (received/completed/on "
                "time/rejected/returned)\n",
                __FILE__, line, test_current, (long long)m->c.received,
                (long long)m->c.completed, (long long)m->c.on_time,
                (long long)m->c.rejected, (long long)m->c.returned,
                (long long)received, (long long)completed, (long long)on_time,
                (long long)rejected, (long long)returned);
        test_checks_failed++;
    }
}
#define COUNTS(m, rec, comp, ot, rej, ret)                                     \
    check_counts((m), (rec), (comp), (ot), (rej), (ret), __LINE__)

/* The on-time rate in tenths, or -1 for none. */
static int64_t pct(const struct ov_measures *m)
{
    return m->has_pct ? m->on_time_pct_x10 : -1;
}

/* Processing: minutes or tenths; median and p90, or -1/-1 for none. */
static void check_proc(const struct ov_measures *m, bool minutes,
                       int64_t median, int64_t p90, int line)
{
    int64_t gm = m->proc.has ? m->proc.median : -1;
    int64_t gp = m->proc.has ? m->proc.p90 : -1;
    if (m->proc.minutes != minutes || gm != median || gp != p90) {
        fprintf(stderr,
                "%s:%d: %s: processing %s %lld/%lld, expected %s "
                "%lld/%lld (median/p90)\n",
                __FILE__, line, test_current,
                m->proc.minutes ? "minutes" : "tenths", (long long)gm,
                (long long)gp, minutes ? "minutes" : "tenths",
                (long long)median, (long long)p90);
        test_checks_failed++;
    }
}
#define PROC(m, minutes, median, p90)                                          \
    check_proc((m), (minutes), (median), (p90), __LINE__)

/* ---- the histories ---------------------------------------------------- */

static char reg_a[32], reg_b[32], reg_c[32], reg_d[32], reg_e[32];

static void keep(char out[32], const char *regno)
{
    snprintf(out, 32, "%s", regno);
}

/* The worked example of docs/MEASURES.md at Kantor Kecamatan Genteng. */
static void build_worked_example(void)
{
    const char *g = "35.10.09";
    /* A: PROPOSAL (2 days), Mon 2 Mar 10:00, ready exactly at the promise
     * Wed 4 Mar 15:30. */
    keep(reg_a, hand_in(g, "PROPOSAL", wib(2026, 3, 2, 10, 0, 0)));
    CHECK_INT(load(reg_a).promised_at, wib(2026, 3, 4, 15, 30, 0));
    step(reg_a, wib(2026, 3, 2, 11, 0, 0));
    step(reg_a, wib(2026, 3, 3, 9, 0, 0));
    step(reg_a, wib(2026, 3, 4, 10, 0, 0));
    step(reg_a, wib(2026, 3, 4, 15, 30, 0));
    CHECK_INT(load(reg_a).state, APPL_READY);

    /* B: PROPOSAL, Mon 2 Mar 10:00; returned Tue 3 Mar 10:00 (810 working
     * minutes left), resumed Mon 9 Mar 09:00: promised Tue 10 Mar 14:30;
     * ready Tue 10 Mar 14:00. */
    keep(reg_b, hand_in(g, "PROPOSAL", wib(2026, 3, 2, 10, 0, 0)));
    act(reg_b, ACT_RETURN, ROLE_BACK, wib(2026, 3, 3, 10, 0, 0),
        "Susunan pengurus belum ditandatangani");
    CHECK_INT(load(reg_b).minutes_left, 810);
    act(reg_b, ACT_RESUME, ROLE_FRONT, wib(2026, 3, 9, 9, 0, 0), NULL);
    CHECK_INT(load(reg_b).promised_at, wib(2026, 3, 10, 14, 30, 0));
    ready_at(reg_b, wib(2026, 3, 10, 14, 0, 0));
    /* The stopped clock kept on the row: 330 + 480 + 480 + 390 + 90. */
    CHECK_INT(load(reg_b).paused_minutes, 1770);

    /* C: DOMISILI-USAHA (1 day), Tue 3 Mar 07:00 before opening: promised
     * Wed 4 Mar 15:30; ready Thu 5 Mar 09:00, late. */
    keep(reg_c, hand_in(g, "DOMISILI-USAHA", wib(2026, 3, 3, 7, 0, 0)));
    CHECK_INT(load(reg_c).promised_at, wib(2026, 3, 4, 15, 30, 0));
    ready_at(reg_c, wib(2026, 3, 5, 9, 0, 0));

    /* D: PROPOSAL, Tue 31 Mar 15:00: promised Thu 2 Apr 15:30; rejected
     * Wed 1 Apr 10:00. */
    keep(reg_d, hand_in(g, "PROPOSAL", wib(2026, 3, 31, 15, 0, 0)));
    CHECK_INT(load(reg_d).promised_at, wib(2026, 4, 2, 15, 30, 0));
    step(reg_d, wib(2026, 3, 31, 15, 20, 0));
    act(reg_d, ACT_REJECT, ROLE_BACK, wib(2026, 4, 1, 10, 0, 0),
        "Proposal bukan untuk wilayah ini");

    /* E: LEGALISASI (30 minutes), Fri 6 Mar 08:00: promised 08:30; ready
     * 08:20. */
    keep(reg_e, hand_in(g, "LEGALISASI", wib(2026, 3, 6, 8, 0, 0)));
    CHECK_INT(load(reg_e).promised_at, wib(2026, 3, 6, 8, 30, 0));
    ready_at(reg_e, wib(2026, 3, 6, 8, 20, 0));
}

/*
 * Pesanggaran in May: SKTM (60 working minutes) handed in twice at Mon 4
 * May 10:00 (promised 11:00), one ready at 11:00:00 (on time) and one at
 * 11:00:01 (late); PROPOSAL handed in Mon 11 May 10:00 (promised Wed 13
 * May 15:30), returned Tue 12 May 09:00 and rejected while returned on
 * Tue 26 May 10:00, long after the promise: on time by the documented
 * choice. Processing of the rejection: Mon 330 + Tue 07:30-09:00 90 = 420
 * minutes -> 0.9 days; the stopped clock does not count.
 */
static void build_edges(void)
{
    const char *p = "35.10.01";
    const char *x = hand_in(p, "SKTM", wib(2026, 5, 4, 10, 0, 0));
    CHECK_INT(load(x).promised_at, wib(2026, 5, 4, 11, 0, 0));
    ready_at(x, wib(2026, 5, 4, 11, 0, 0));
    const char *y = hand_in(p, "SKTM", wib(2026, 5, 4, 10, 0, 0));
    ready_at(y, wib(2026, 5, 4, 11, 0, 1));
    const char *z = hand_in(p, "PROPOSAL", wib(2026, 5, 11, 10, 0, 0));
    CHECK_INT(load(z).promised_at, wib(2026, 5, 13, 15, 30, 0));
    act(z, ACT_RETURN, ROLE_FRONT, wib(2026, 5, 12, 9, 0, 0),
        "Proposal belum bermeterai");
    act(z, ACT_REJECT, ROLE_HEAD, wib(2026, 5, 26, 10, 0, 0),
        "Tidak dilengkapi dalam 10 hari kerja");
    CHECK_INT(load(z).state, APPL_REJECTED);

    /* Bangorejo: local midnight. 23:59:59 WIB on 31 March is 16:59:59 UTC
     * on 31 March; 00:00:00 WIB on 1 April is 17:00:00 UTC, still 31
     * March in UTC. */
    const char *b = "35.10.02";
    const char *before = hand_in(b, "LEGALISASI", wib(2026, 3, 31, 23, 59, 59));
    const char *after = hand_in(b, "LEGALISASI", wib(2026, 4, 1, 0, 0, 0));
    CHECK_INT(wib(2026, 4, 1, 0, 0, 0) / 86400,
              civil_to_days((struct civil_date){2026, 3, 31}));
    ready_at(before, wib(2026, 4, 30, 23, 59, 59));
    ready_at(after, wib(2026, 5, 1, 0, 0, 0));

    /* Tegaldlimo: two on time in May; Muncar: one. */
    const char *t1 =
        hand_in("35.10.04", "LEGALISASI", wib(2026, 5, 5, 9, 0, 0));
    ready_at(t1, wib(2026, 5, 5, 9, 10, 0));
    const char *t2 =
        hand_in("35.10.04", "LEGALISASI", wib(2026, 5, 6, 9, 0, 0));
    ready_at(t2, wib(2026, 5, 6, 9, 25, 0));
    const char *m1 =
        hand_in("35.10.05", "LEGALISASI", wib(2026, 5, 7, 9, 0, 0));
    ready_at(m1, wib(2026, 5, 7, 9, 5, 0));
}

/*
 * Purwoharjo in June, seen at Mon 15 Jun 10:00: O1 LEGALISASI handed in
 * Mon 8 Jun 10:00 (promised 10:30), verified, still open: overdue, the
 * oldest, 5 working days late (9, 10, 11, 12, 15 June); O2 PROPOSAL Wed
 * 10 Jun 10:00 (promised Fri 12 Jun 14:00), open: overdue; O3 LEGALISASI
 * Mon 8 Jun 09:00, returned: its clock is stopped, not overdue; O4
 * DOMISILI-USAHA Mon 15 Jun 09:00 (promised Wed 17 Jun: 16 June is a
 * holiday): not due yet; O5 LEGALISASI Tue 9 Jun 10:00, ready late on Wed
 * 10 Jun: completed, not overdue.
 */
static void build_overdue(void)
{
    const char *k = "35.10.03";
    const char *o1 = hand_in(k, "LEGALISASI", wib(2026, 6, 8, 10, 0, 0));
    step(o1, wib(2026, 6, 8, 10, 20, 0));
    CHECK_INT(load(o1).promised_at, wib(2026, 6, 8, 10, 30, 0));
    const char *o2 = hand_in(k, "PROPOSAL", wib(2026, 6, 10, 10, 0, 0));
    CHECK_INT(load(o2).promised_at, wib(2026, 6, 12, 14, 0, 0));
    const char *o3 = hand_in(k, "LEGALISASI", wib(2026, 6, 8, 9, 0, 0));
    act(o3, ACT_RETURN, ROLE_FRONT, wib(2026, 6, 8, 9, 10, 0),
        "Fotokopi kurang jelas");
    const char *o4 = hand_in(k, "DOMISILI-USAHA", wib(2026, 6, 15, 9, 0, 0));
    CHECK_INT(load(o4).promised_at, wib(2026, 6, 17, 15, 30, 0));
    const char *o5 = hand_in(k, "LEGALISASI", wib(2026, 6, 9, 10, 0, 0));
    ready_at(o5, wib(2026, 6, 10, 9, 0, 0));

    /* Gambiran, closed Tue 9 to Fri 12 June: handed in Mon 8 Jun 07:30
     * (promised 08:00, the oldest promise of all), open: at Mon 15 Jun
     * 10:00 one working day late. */
    const char *o6 =
        hand_in("35.10.07", "LEGALISASI", wib(2026, 6, 8, 7, 30, 0));
    CHECK_INT(load(o6).promised_at, wib(2026, 6, 8, 8, 0, 0));
    for (int d = 9; d <= 12; d++)
        CHECK_INT(workcal_put_closure(db, office_id("35.10.07"),
                                      arena_printf(A, "2026-06-%02d", d),
                                      "Renovasi"),
                  ERR_OK);

    /* Desa Genteng Kulon, a service point for a while: handed in Mon 8
     * Jun 08:00 (promised 08:30), still open after the office stopped
     * being a service point. It is no longer an item of any report, but
     * its applications still count in the regency's totals. */
    struct office d;
    CHECK_INT(offices_get(db, A, "35.10.09.2001", &d), ERR_OK);
    d.service_point_since = "2026-01-02";
    CHECK_INT(offices_update(db, &d), ERR_OK);
    const char *o7 =
        hand_in("35.10.09.2001", "LEGALISASI", wib(2026, 6, 8, 8, 0, 0));
    CHECK_INT(load(o7).promised_at, wib(2026, 6, 8, 8, 30, 0));
    d.service_point_since = NULL;
    CHECK_INT(offices_update(db, &d), ERR_OK);
}

/* July: Kecamatan Banyuwangi and its kelurahan Pakis (district 35.10.16)
 * and Cluring (35.10.06), one completed application each. */
static void build_districts(void)
{
    const char *offices[] = {"35.10.16", "35.10.16.1001", "35.10.06"};
    for (int i = 0; i < 3; i++) {
        const char *r =
            hand_in(offices[i], "LEGALISASI", wib(2026, 7, 6, 9, 0, 0));
        ready_at(r, wib(2026, 7, 6, 9, 10 + 5 * i, 0));
    }
}

/* ---- the checks ------------------------------------------------------- */

static void test_worked_example(void)
{
    int64_t now = wib(2026, 11, 2, 10, 0, 0);
    struct ov_report r = report_at(now, "2026-03", NULL, NULL, "35.10.09", NULL,
                                   NULL, 20, false);
    CHECK_INT(r.n_items, 1);
    COUNTS(&r.total, 5, 4, 3, 0, 1);
    CHECK_INT(pct(&r.total), 750);
    /* A 2.8, B 2.7, C 2.3 (tenths of 462-minute days); E is a minute
     * service and not among them. */
    PROC(&r.total, false, 27, 28);
    const struct ov_item *g = item(&r, "35.10.09");
    if (g) {
        COUNTS(&g->now, 5, 4, 3, 0, 1);
        CHECK_INT(pct(&g->now), 750);
        PROC(&g->now, false, 27, 28);
        CHECK_INT(g->now.overdue_now, 0);
        /* The previous period, February: nothing. */
        COUNTS(&g->prev, 0, 0, 0, 0, 0);
        CHECK_INT(pct(&g->prev), -1);
        PROC(&g->prev, false, -1, -1);
    }

    /* By service: E's 20 minutes in its own unit. */
    r = report_at(now, "2026-03", NULL, NULL, "35.10.09", NULL, NULL, 20, true);
    COUNTS(&r.total, 5, 4, 3, 0, 1);
    PROC(&r.total, false, 27, 28);
    const struct ov_item *e = item(&r, "LEGALISASI");
    if (e) {
        COUNTS(&e->now, 1, 1, 1, 0, 0);
        CHECK_INT(pct(&e->now), 1000);
        PROC(&e->now, true, 20, 20);
        CHECK_INT(e->rank, 0);
        CHECK(!e->too_few);
    }
    const struct ov_item *p = item(&r, "PROPOSAL");
    if (p) {
        /* A, B and D received; A (2.8) and B (2.7) completed on time. */
        COUNTS(&p->now, 3, 2, 2, 0, 1);
        PROC(&p->now, false, 27, 28);
    }
    const struct ov_item *c = item(&r, "DOMISILI-USAHA");
    if (c) {
        COUNTS(&c->now, 1, 1, 0, 0, 0);
        CHECK_INT(pct(&c->now), 0);
        PROC(&c->now, false, 23, 23);
    }
    const struct ov_item *k = item(&r, "SKTM");
    if (k) {
        COUNTS(&k->now, 0, 0, 0, 0, 0);
        PROC(&k->now, true, -1, -1);
    }

    /* April: D, rejected on time (Tue 31 Mar 15:00-15:30 30 + Wed
     * 07:30-10:00 150 = 180 minutes = 0.4 days); March is the previous
     * period. */
    r = report_at(now, "2026-04", NULL, NULL, "35.10.09", NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 0, 1, 1, 1, 0);
    CHECK_INT(pct(&r.total), 1000);
    PROC(&r.total, false, 4, 4);
    COUNTS(&r.total_prev, 5, 4, 3, 0, 1);
    CHECK_INT(pct(&r.total_prev), 750);
    PROC(&r.total_prev, false, 27, 28);
    g = item(&r, "35.10.09");
    if (g) {
        COUNTS(&g->prev, 5, 4, 3, 0, 1);
        PROC(&g->prev, false, 27, 28);
    }
    /* The first quarter holds March; the second D's rejection. */
    r = report_at(now, "2026-Q1", NULL, NULL, "35.10.09", NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 5, 4, 3, 0, 1);
    r = report_at(now, "2026-Q2", NULL, NULL, "35.10.09", NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 0, 1, 1, 1, 0);
    COUNTS(&r.total_prev, 5, 4, 3, 0, 1);
    /* From-to across the months, mid-month at both ends: 3 Mar..1 Apr
     * has C, D and E received, A..E completed (A and B on 4 and 10 March),
     * B's return on 3 March. */
    r = report_at(now, NULL, "2026-03-03", "2026-04-01", "35.10.09", NULL, NULL,
                  20, false);
    COUNTS(&r.total, 3, 5, 4, 1, 1);
    PROC(&r.total, false, 23, 28);
    /* ...and the previous 30 days, 1 Feb..2 Mar (February whole, then two
     * days): A and B received. */
    COUNTS(&r.total_prev, 2, 0, 0, 0, 0);
    /* Days of March, the whole of April, days of May: D and E received; C
     * (5 March, late), E, B and D completed. */
    r = report_at(now, NULL, "2026-03-05", "2026-05-10", "35.10.09", NULL, NULL,
                  20, false);
    COUNTS(&r.total, 2, 4, 3, 1, 0);
    PROC(&r.total, false, 23, 27);
    /* Single days. */
    r = report_at(now, NULL, "2026-03-10", "2026-03-10", "35.10.09", NULL, NULL,
                  20, false);
    COUNTS(&r.total, 0, 1, 1, 0, 0);
    PROC(&r.total, false, 27, 27);
}

static void test_exact_promise_and_return(void)
{
    int64_t now = wib(2026, 11, 2, 10, 0, 0);
    struct ov_report r =
        report_at(now, "2026-05", NULL, NULL, "35.10.01", NULL, NULL, 20, true);
    const struct ov_item *s = item(&r, "SKTM");
    if (s) {
        /* 11:00:00 is on time, 11:00:01 is not; 60 minutes each. */
        COUNTS(&s->now, 2, 2, 1, 0, 0);
        CHECK_INT(pct(&s->now), 500);
        PROC(&s->now, true, 60, 60);
    }
    const struct ov_item *p = item(&r, "PROPOSAL");
    if (p) {
        /* Rejected while returned: on time, 0.9 days. */
        COUNTS(&p->now, 1, 1, 1, 1, 1);
        PROC(&p->now, false, 9, 9);
    }
    /* The office: 2 of 3 on time = 66.7; the working-day services' 0.9. */
    COUNTS(&r.total, 3, 3, 2, 1, 1);
    CHECK_INT(pct(&r.total), 667);
    PROC(&r.total, false, 9, 9);
    /* A service across offices, in its own unit. */
    r = report_at(now, "2026-05", NULL, NULL, NULL, NULL, "SKTM", 20, false);
    COUNTS(&r.total, 2, 2, 1, 0, 0);
    PROC(&r.total, true, 60, 60);
    const struct ov_item *o = item(&r, "35.10.01");
    if (o) {
        COUNTS(&o->now, 2, 2, 1, 0, 0);
        PROC(&o->now, true, 60, 60);
    }
}

static void test_midnight(void)
{
    int64_t now = wib(2026, 11, 2, 10, 0, 0);
    const char *b = "35.10.02";
    struct ov_report r =
        report_at(now, "2026-03", NULL, NULL, b, NULL, NULL, 20, false);
    COUNTS(&r.total, 1, 0, 0, 0, 0);
    r = report_at(now, "2026-04", NULL, NULL, b, NULL, NULL, 20, false);
    COUNTS(&r.total, 1, 1, 0, 0, 0);
    r = report_at(now, "2026-05", NULL, NULL, b, NULL, NULL, 20, false);
    COUNTS(&r.total, 0, 1, 0, 0, 0);
    /* The same with single days at either side of each midnight. */
    r = report_at(now, NULL, "2026-03-31", "2026-03-31", b, NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 1, 0, 0, 0, 0);
    r = report_at(now, NULL, "2026-04-01", "2026-04-01", b, NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 1, 0, 0, 0, 0);
    r = report_at(now, NULL, "2026-04-30", "2026-04-30", b, NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 0, 1, 0, 0, 0);
    r = report_at(now, NULL, "2026-05-01", "2026-05-01", b, NULL, NULL, 20,
                  false);
    COUNTS(&r.total, 0, 1, 0, 0, 0);
}

static void test_overdue_now(void)
{
    /* Mon 15 Jun 10:00: O1 and O2. */
    struct ov_report r = report_at(wib(2026, 6, 15, 10, 0, 0), "2026-06", NULL,
                                   NULL, "35.10.03", NULL, NULL, 20, false);
    CHECK_INT(r.total.overdue_now, 2);
    CHECK_INT(r.total.oldest_days_late, 5);
    CHECK_INT(r.total_prev.overdue_now, 2); /* a snapshot */
    const struct ov_item *k = item(&r, "35.10.03");
    if (k) {
        CHECK_INT(k->now.overdue_now, 2);
        CHECK_INT(k->now.oldest_days_late, 5);
    }
    /* O4 counts once its promise has passed (Wed 17 Jun 15:30): at 15:30
     * it has not, one second later it has. */
    r = report_at(wib(2026, 6, 17, 15, 30, 0), "2026-06", NULL, NULL,
                  "35.10.03", NULL, NULL, 20, false);
    CHECK_INT(r.total.overdue_now, 2);
    r = report_at(wib(2026, 6, 17, 15, 30, 1), "2026-06", NULL, NULL,
                  "35.10.03", NULL, NULL, 20, false);
    CHECK_INT(r.total.overdue_now, 3);
    /* 16 June is a holiday: at Wed 17 Jun 15:30:01 O1 is 6 days late
     * (9, 10, 11, 12, 15, 17). */
    CHECK_INT(r.total.oldest_days_late, 6);
    /* Before O1's promise: nothing overdue (the period does not matter). */
    r = report_at(wib(2026, 6, 8, 10, 30, 0), "2025", NULL, NULL, "35.10.03",
                  NULL, NULL, 20, false);
    CHECK_INT(r.total.overdue_now, 0);
    /* The regency at Mon 15 Jun 10:00: Purwoharjo's two, Gambiran's (the
     * oldest promise, 1 working day late after its closure) and the former
     * service point's, which counts in the total as its applications do
     * (June: 5 + 1 + 1 received). The most working days late: 5. */
    r = report_at(wib(2026, 6, 15, 10, 0, 0), "2026-06", NULL, NULL, NULL, NULL,
                  NULL, 20, false);
    CHECK_INT(r.n_items, 43);
    CHECK_INT(r.total.c.received, 7);
    CHECK_INT(r.total.overdue_now, 4);
    CHECK_INT(r.total.oldest_days_late, 5);
    const struct ov_item *gm = item(&r, "35.10.07");
    if (gm) {
        CHECK_INT(gm->now.overdue_now, 1);
        CHECK_INT(gm->now.oldest_days_late, 1);
    }
    /* The district of Genteng: the kantor kecamatan is its only item; the
     * former desa service point's application counts in the total. */
    r = report_at(wib(2026, 6, 15, 10, 0, 0), "2026-06", NULL, NULL, NULL,
                  "35.10.09", NULL, 20, false);
    CHECK_INT(r.n_items, 1);
    CHECK_INT(r.total.c.received, 1);
    CHECK_INT(r.total.overdue_now, 1);
    CHECK_INT(r.total.oldest_days_late, 5);
    r = report_at(wib(2026, 6, 15, 10, 0, 0), "2026-06", NULL, NULL, "35.10.03",
                  NULL, NULL, 20, true);
    const struct ov_item *l = item(&r, "LEGALISASI");
    if (l) {
        CHECK_INT(l->now.overdue_now, 1);
        CHECK_INT(l->now.oldest_days_late, 5);
        /* O1, O3 (returned) and O5 received; O5 completed late. */
        COUNTS(&l->now, 3, 1, 0, 0, 1);
    }
    const struct ov_item *p = item(&r, "PROPOSAL");
    if (p) {
        CHECK_INT(p->now.overdue_now, 1);
        /* Fri 12 Jun 14:00 -> Mon 15 Jun 10:00: 1 working day late. */
        CHECK_INT(p->now.oldest_days_late, 1);
    }
}

static void test_ranking(void)
{
    int64_t now = wib(2026, 11, 2, 10, 0, 0);
    /* May: Tegaldlimo 2 of 2, Pesanggaran 2 of 3, Bangorejo 0 of 1, Muncar
     * 1 of 1; everyone else nothing. */
    struct ov_report r =
        report_at(now, "2026-05", NULL, NULL, NULL, NULL, NULL, 2, false);
    CHECK_INT(r.n_items, 43);
    COUNTS(&r.total, 6, 7, 5, 1, 1);
    const struct ov_item *t = item(&r, "35.10.04");
    const struct ov_item *p = item(&r, "35.10.01");
    const struct ov_item *b = item(&r, "35.10.02");
    const struct ov_item *m = item(&r, "35.10.05");
    const struct ov_item *g = item(&r, "35.10.09");
    if (t && p && b && m && g) {
        CHECK_INT(t->rank, 1);
        CHECK_INT(p->rank, 2);
        CHECK_INT(b->rank, 0);
        CHECK(b->too_few);
        CHECK_INT(m->rank, 0); /* 1 completed, fewer than 2 */
        CHECK(m->too_few);
        CHECK_INT(g->rank, 0);
        CHECK(g->too_few);
        CHECK(!t->too_few && !p->too_few);
    }
    /* Ranked first, by rank; then the rest by code. */
    CHECK_STR(r.items[0].code, "35.10.04");
    CHECK_STR(r.items[1].code, "35.10.01");
    CHECK_STR(r.items[2].code, "35.10.02");
    CHECK_STR(r.items[3].code, "35.10.03");
    /* A minimum of 1: Muncar (1 of 1) after Tegaldlimo (2 of 2, more
     * completed), Bangorejo last at 0 %. */
    r = report_at(now, "2026-05", NULL, NULL, NULL, NULL, NULL, 1, false);
    t = item(&r, "35.10.04");
    m = item(&r, "35.10.05");
    p = item(&r, "35.10.01");
    b = item(&r, "35.10.02");
    if (t && m && p && b) {
        CHECK_INT(t->rank, 1);
        CHECK_INT(m->rank, 2);
        CHECK_INT(p->rank, 3);
        CHECK_INT(b->rank, 4);
        CHECK(!b->too_few);
    }
    /* The regency's setting (20): nobody is ranked. */
    struct principal sekda = {.login = "sekda.uji", .role = ROLE_SEKKAB};
    struct svc_ctx c = ctx_at(now, &sekda);
    int64_t min = 0;
    CHECK_INT(oversight_min_completed(&c, &min), ERR_OK);
    CHECK_INT(min, 20);
    r = report_at(now, "2026-05", NULL, NULL, NULL, NULL, NULL, min, false);
    for (size_t i = 0; i < r.n_items; i++) {
        CHECK_INT(r.items[i].rank, 0);
        CHECK(r.items[i].too_few);
    }
}

/* Twelve months up to the month of now, for the pages' trends. */
static void test_trends(void)
{
    struct principal sekda = {.login = "sekda.uji", .role = ROLE_SEKKAB};
    struct svc_ctx c = ctx_at(wib(2026, 7, 15, 10, 0, 0), &sekda);
    struct ov_query q = {.office_id = office_id("35.10.09"),
                         .min_completed = 20,
                         .trends = true};
    CHECK(period_parse(NULL, NULL, "2026-03", (struct civil_date){2026, 7, 15},
                       &q.period));
    struct ov_report r;
    CHECK_INT(oversight_report(&c, &q, &r), ERR_OK);
    CHECK_STR(r.months[0], "2025-08");
    CHECK_STR(r.months[7], "2026-03");
    CHECK_STR(r.months[11], "2026-07");
    CHECK_INT(r.total_trend_received[7], 5);
    CHECK_INT(r.total_trend_completed[7], 4);
    CHECK_INT(r.total_trend_pct_x10[7], 750);
    CHECK_INT(r.total_trend_received[8], 0);
    CHECK_INT(r.total_trend_completed[8], 1);
    CHECK_INT(r.total_trend_pct_x10[8], 1000);
    CHECK_INT(r.total_trend_pct_x10[6], -1);
    CHECK_INT(r.total_trend_ikm_x100[7], -1);
    CHECK_INT(r.n_items, 1);
    if (r.n_items == 1) {
        CHECK_INT(r.items[0].trend_pct_x10[7], 750);
        CHECK_INT(r.items[0].trend_pct_x10[9], -1);
    }
    /* Without the details (the ranking's lines), no medians are read. */
    CHECK_INT(r.total_trend_median[7], 0);
    /* With them (the trends page): March's median as the worked example,
     * none in a month without completions; no complaints here. */
    q.trend_details = true;
    CHECK_INT(oversight_report(&c, &q, &r), ERR_OK);
    CHECK(!r.total_trend_minutes);
    CHECK_INT(r.total_trend_median[7], 27);
    CHECK_INT(r.total_trend_median[6], -1);
    CHECK_INT(r.total_trend_median[11], -1);
    CHECK_INT(r.total_trend_cmp_pct_x10[7], -1);
}

static void test_district(void)
{
    int64_t now = wib(2026, 11, 2, 10, 0, 0);
    struct ov_report r =
        report_at(now, "2026-07", NULL, NULL, NULL, "35.10.16", NULL, 1, false);
    /* The kecamatan and its 18 kelurahan offices. */
    CHECK_INT(r.n_items, 19);
    COUNTS(&r.total, 2, 2, 2, 0, 0);
    const struct ov_item *k = item(&r, "35.10.16.1001");
    if (k) {
        COUNTS(&k->now, 1, 1, 1, 0, 0);
        CHECK_INT(k->rank, 2); /* 100 % each: the code decides */
    }
    r = report_at(now, "2026-07", NULL, NULL, NULL, NULL, NULL, 1, false);
    COUNTS(&r.total, 3, 3, 3, 0, 0);
    r = report_at(now, "2026-07", NULL, NULL, NULL, "35.10.06", NULL, 1, false);
    CHECK_INT(r.n_items, 1);
    COUNTS(&r.total, 1, 1, 1, 0, 0);
    /* The whole year at Genteng: A..E. */
    r = report_at(now, "2026", NULL, NULL, "35.10.09", NULL, NULL, 1, false);
    COUNTS(&r.total, 5, 5, 4, 1, 1);
    PROC(&r.total, false, 23, 28);
    COUNTS(&r.total_prev, 0, 0, 0, 0, 0);
}

/* Every row of the six aggregate tables, sorted, as text. */
static void snapshot(struct buf *out)
{
    static const char *const sql[] = {
        "SELECT office_id, service_id, day, received, completed, on_time,"
        " rejected, returned FROM perf_day WHERE office_id > $1"
        " ORDER BY office_id, service_id, day",
        "SELECT office_id, service_id, month, received, completed, on_time,"
        " rejected, returned FROM perf_month WHERE office_id > $1"
        " ORDER BY office_id, service_id, month",
        "SELECT office_id, service_id, day, value, n FROM perf_proc_day"
        " WHERE office_id > $1 ORDER BY office_id, service_id, day, value",
        "SELECT office_id, service_id, month, value, n FROM perf_proc_month"
        " WHERE office_id > $1 ORDER BY office_id, service_id, month, value",
        "SELECT office_id, service_id, year, received, completed, on_time,"
        " rejected, returned FROM perf_year WHERE office_id > $1"
        " ORDER BY office_id, service_id, year",
        "SELECT office_id, service_id, year, value, n FROM perf_proc_year"
        " WHERE office_id > $1 ORDER BY office_id, service_id, year, value",
    };
    for (size_t t = 0; t < sizeof(sql) / sizeof(sql[0]); t++) {
        buf_printf(out, "table %zu\n", t);
        struct db_stmt *st = NULL;
        CHECK_INT(db_query(db, &st, sql[t], DV_INT(0)), ERR_OK);
        if (!st)
            continue;
        bool row = false;
        while (db_step(st, &row) == ERR_OK && row) {
            int cols = db_col_count(st);
            for (int i = 0; i < cols; i++)
                buf_printf(out, "%s%s", i ? " " : "",
                           db_col_text(st, i) ? db_col_text(st, i) : "NULL");
            buf_putc(out, '\n');
        }
        db_finalize(st);
    }
}

static void test_rebuild_equals_incremental(void)
{
    struct buf before, after;
    buf_init(&before, 16u << 20);
    buf_init(&after, 16u << 20);
    snapshot(&before);
    /* Something was kept: 23 applications' worth of rows. */
    CHECK(before.len > 400);
    struct perf_rebuild_report rep;
    CHECK_INT(perf_rebuild(db, &rep), ERR_OK);
    CHECK_INT(rep.applications, 23);
    snapshot(&after);
    CHECK_INT(before.len, after.len);
    if (strcmp(buf_cstr(&before), buf_cstr(&after)) != 0) {
        fprintf(stderr,
                "%s: the rebuild differs:\n--- incremental\n%s"
                "--- rebuild\n%s",
                test_current, buf_cstr(&before), buf_cstr(&after));
        test_checks_failed++;
    }
    /* And the stopped clock set from the history: B's 1770 minutes. */
    CHECK_INT(load(reg_b).paused_minutes, 1770);
    buf_free(&before);
    buf_free(&after);
    /* The report is the same after the rebuild. */
    struct ov_report r = report_at(wib(2026, 11, 2, 10, 0, 0), "2026-03", NULL,
                                   NULL, "35.10.09", NULL, NULL, 20, false);
    COUNTS(&r.total, 5, 4, 3, 0, 1);
    PROC(&r.total, false, 27, 28);
}

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* The rebuild's batched inserts: no rows, one, a whole batch and one more
 * (the last statement shorter than the others) for both kinds of rows,
 * every value where it belongs. Rolled back: the histories stay. */
static void test_insert_batches(void)
{
    int64_t office = 0;
    CHECK_INT(db_int(db, &office, "SELECT MIN(id) FROM offices WHERE id > $1",
                     DV_INT(0)),
              ERR_OK);
    const size_t sizes[] = {0,
                            1,
                            PERF_INSERT_COUNTS,
                            PERF_INSERT_COUNTS + 1,
                            PERF_INSERT_PROCS,
                            PERF_INSERT_PROCS + 1,
                            3 * PERF_INSERT_PROCS + 2};
    for (size_t t = 0; t < N_ITEMS(sizes); t++) {
        size_t n = sizes[t];
        struct perf_count_row *cr = arena_alloc(A, (n + 1) * sizeof(*cr));
        struct perf_proc_row *pr = arena_alloc(A, (n + 1) * sizeof(*pr));
        for (size_t i = 0; i < n; i++) {
            int64_t s = 100000 + (int64_t)i;
            cr[i] = (struct perf_count_row){
                office, s, "1999", {(int)i, 1, 2, 3, (int)(i % 7)}};
            pr[i] = (struct perf_proc_row){office, s, "1999-01", (int64_t)i,
                                           (int64_t)i + 1};
        }
        CHECK_INT(db_begin(db), ERR_OK);
        CHECK_INT(perf_insert_counts(db, PERF_YEAR, cr, n), ERR_OK);
        CHECK_INT(perf_insert_procs(db, PERF_MONTH, pr, n), ERR_OK);
        int64_t rows = -1, sum = -1, ret = -1, pn = -1, pv = -1;
        CHECK_INT(db_int(db, &rows,
                         "SELECT COUNT(*) FROM perf_year WHERE year = $1",
                         DV_TEXT("1999")),
                  ERR_OK);
        CHECK_INT(rows, (int64_t)n);
        CHECK_INT(db_int(db, &sum,
                         "SELECT COALESCE(SUM(received - (service_id - 100000))"
                         " + SUM(completed + on_time + rejected), 0)"
                         " FROM perf_year WHERE year = $1",
                         DV_TEXT("1999")),
                  ERR_OK);
        CHECK_INT(sum, 6 * (int64_t)n);
        CHECK_INT(db_int(db, &ret,
                         "SELECT COALESCE(SUM(returned), 0) FROM perf_year"
                         " WHERE year = $1",
                         DV_TEXT("1999")),
                  ERR_OK);
        int64_t want_ret = 0;
        for (size_t i = 0; i < n; i++)
            want_ret += (int64_t)(i % 7);
        CHECK_INT(ret, want_ret);
        CHECK_INT(db_int(db, &pn,
                         "SELECT COUNT(*) FROM perf_proc_month WHERE month = $1"
                         " AND n = value + 1 AND service_id - 100000 = value",
                         DV_TEXT("1999-01")),
                  ERR_OK);
        CHECK_INT(pn, (int64_t)n);
        CHECK_INT(
            db_int(db, &pv,
                   "SELECT COUNT(*) FROM perf_proc_month WHERE month = $1",
                   DV_TEXT("1999-01")),
            ERR_OK);
        CHECK_INT(pv, (int64_t)n);
        db_rollback(db);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: store_oversight sqlite|postgresql [URL]\n");
        return 2;
    }
    crypto_init();
    char url[512];
    char dir[] = "/tmp/sp-oversight-XXXXXX";
    bool pg = strcmp(argv[1], "postgresql") == 0;
    if (pg) {
        const char *u = argc > 2 ? argv[2] : getenv("SP_TEST_PG_URL");
        if (!u || !*u) {
            fprintf(stderr, "store_oversight: no PostgreSQL URL: skipped\n");
            return 77;
        }
        snprintf(url, sizeof(url), "%s", u);
    } else {
        if (!mkdtemp(dir))
            return 1;
        snprintf(url, sizeof(url), "sqlite:%s/oversight.db", dir);
    }
    if (db_open(url, &db) != ERR_OK)
        return 1;
    if (pg && db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public") !=
                  ERR_OK)
        return 1;
    int applied = 0;
    if (migrate_up(db, &applied) != ERR_OK || applied < 1)
        return 1;
    A = arena_new();
    const struct embedded_file *cfg = embedded_find("data/regency.json");
    struct seed_report rep = {0};
    if (!cfg || seed_regency(db, (const char *)cfg->data, embedded_loader, NULL,
                             T_SEED, &rep) != ERR_OK)
        return 1;
    test_current = "histories";
    build_worked_example();
    build_edges();
    build_overdue();
    build_districts();
    if (test_checks_failed) {
        fprintf(stderr, "the histories could not be built\n");
        return 1;
    }
    RUN(test_worked_example);
    RUN(test_exact_promise_and_return);
    RUN(test_midnight);
    RUN(test_overdue_now);
    RUN(test_ranking);
    RUN(test_district);
    RUN(test_trends);
    RUN(test_rebuild_equals_incremental);
    RUN(test_insert_batches);
    arena_free(A);
    db_close(db);
    if (!pg) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    TEST_END();
}
