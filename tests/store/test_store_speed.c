/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store_speed.c: what the speed work must never cost, on both drivers:
 *   test_store_speed sqlite            a fresh SQLite file in a temporary dir
 *   test_store_speed postgresql [URL]  URL or $SP_TEST_PG_URL (the public
 * schema is recreated)
 *
 * - the caches (office rows, service standards, working calendars) show
 *   every change at once: made through the store, by a second connection,
 *   or by raw SQL as another instance or tool would write it; nothing is
 *   kept from a transaction that is rolled back; the data versions rise
 *   with every change of the tables they cover and with nothing else;
 * - the statement caches survive a schema change made on another
 *   connection and, on PostgreSQL, a connection dropped by the server;
 * - SQLite's group commit: one transaction that fails in a group fails
 *   alone, its neighbours commit; db_commit() returns only when the group
 *   is committed; a rolled-back transaction's reads are committed or gone
 *   by the time db_rollback() returns.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "core/calendar.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/offices.h"
#include "store/perf.h"
#include "store/seed.h"
#include "store/versions.h"
#include "store/workcal.h"
#include "test.h"

static struct db *db;  /* the first connection */
static struct db *db2; /* a second one: "another instance" writes here */
static struct arena *A;
static bool pg;
static char url[512];
static char dir[] = "/tmp/sp-speed-XXXXXX";
static const int64_t T0 = 1790000000; /* 2026-09-21T14:13:20Z */

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

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

static int64_t version_of(struct db *d, enum data_kind k)
{
    int64_t v = -1;
    CHECK_INT(data_version(d, k, &v), ERR_OK);
    return v;
}

/* Many changes in one transaction: seen by others only at its commit,
 * and raised once per transaction on PostgreSQL (migration 17: each raise
 * of the one row left a row version the next had to walk past), once per
 * row on SQLite. A rolled-back transaction raises nothing. */
static void test_versions_once_per_transaction(void)
{
    int64_t cal = version_of(db, DATA_CALENDAR);
    CHECK_INT(db_begin(db2), ERR_OK);
    static const char *const days[] = {"2026-10-12", "2026-10-13", "2026-10-14",
                                       "2026-10-15"};
    for (size_t i = 0; i < 4; i++)
        CHECK_INT(db_run(db2, NULL,
                         "INSERT INTO holidays (day, kind, name_id, name_en)"
                         " VALUES ($1, 'libur_nasional', 'Uji', 'Test')",
                         DV_TEXT(days[i])),
                  ERR_OK);
    CHECK_INT(version_of(db, DATA_CALENDAR), cal); /* not yet committed */
    CHECK_INT(db_commit(db2), ERR_OK);
    int64_t after = version_of(db, DATA_CALENDAR);
    CHECK_INT(after - cal, pg ? 1 : 4);
    CHECK_INT(db_begin(db2), ERR_OK);
    CHECK_INT(db_run(db2, NULL,
                     "DELETE FROM holidays WHERE day >= $1 AND day <= $2",
                     DV_TEXT("2026-10-12"), DV_TEXT("2026-10-15")),
              ERR_OK);
    db_rollback(db2);
    CHECK_INT(version_of(db, DATA_CALENDAR), after);
    CHECK_INT(db_run(db2, NULL,
                     "DELETE FROM holidays WHERE day >= $1 AND day <= $2",
                     DV_TEXT("2026-10-12"), DV_TEXT("2026-10-15")),
              ERR_OK);
    CHECK(version_of(db, DATA_CALENDAR) > after);
}

static void test_versions_rise(void)
{
    int64_t cat = version_of(db, DATA_CATALOGUE);
    int64_t cal = version_of(db, DATA_CALENDAR);
    CHECK(cat >= 1 && cal >= 1);
    /* A holiday: the calendar, not the catalogue. */
    CHECK_INT(db_run(db2, NULL,
                     "INSERT INTO holidays (day, kind, name_id, name_en)"
                     " VALUES ($1, 'libur_nasional', 'Uji', 'Test')",
                     DV_TEXT("2026-10-07")),
              ERR_OK);
    CHECK(version_of(db, DATA_CALENDAR) > cal);
    CHECK_INT(version_of(db, DATA_CATALOGUE), cat);
    cal = version_of(db, DATA_CALENDAR);
    /* A category: the catalogue, not the calendar. */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE categories SET ord = ord WHERE code = $1",
                     DV_TEXT("kependudukan")),
              ERR_OK);
    CHECK(version_of(db, DATA_CATALOGUE) > cat);
    CHECK_INT(version_of(db, DATA_CALENDAR), cal);
    cat = version_of(db, DATA_CATALOGUE);
    /* An office: both. */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE offices SET phone = phone WHERE code = $1",
                     DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK(version_of(db, DATA_CATALOGUE) > cat);
    CHECK(version_of(db, DATA_CALENDAR) > cal);
    cat = version_of(db, DATA_CATALOGUE);
    cal = version_of(db, DATA_CALENDAR);
    /* A referral of services to another office (the service page names
     * it): the catalogue. */
    int64_t report = 0, o1 = 0, o2 = 0;
    CHECK_INT(db_int(db2, &o1, "SELECT id FROM offices WHERE code = $1",
                     DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK_INT(db_int(db2, &o2, "SELECT id FROM offices WHERE code = $1",
                     DV_TEXT("35.10.01")),
              ERR_OK);
    CHECK_INT(db_int(db2, &report,
                     "INSERT INTO inability_reports (office_id, services,"
                     " reasons, details, support_requested, expected_by,"
                     " state, created_at, actor, ack_due_at, updated_at)"
                     " VALUES ($1, '', 'staff', 'uji', '', '2026-12-31',"
                     " 'submitted', $2, 'test', $2, $2) RETURNING id",
                     DV_INT(o1), DV_INT(T0)),
              ERR_OK);
    CHECK_INT(version_of(db, DATA_CATALOGUE), cat);
    CHECK_INT(db_run(db2, NULL,
                     "INSERT INTO referrals (report_id, office_id, services,"
                     " to_office_id, from_day, until_day, created_at) VALUES"
                     " ($1, $2, '', $3, '2026-10-01', '2026-10-31', $4)",
                     DV_INT(report), DV_INT(o1), DV_INT(o2), DV_INT(T0)),
              ERR_OK);
    CHECK(version_of(db, DATA_CATALOGUE) > cat);
    cat = version_of(db, DATA_CATALOGUE);
    CHECK_INT(db_run(db2, NULL, "DELETE FROM referrals WHERE report_id = $1",
                     DV_INT(report)),
              ERR_OK);
    CHECK(version_of(db, DATA_CATALOGUE) > cat);
    cat = version_of(db, DATA_CATALOGUE);
    /* Anything else: neither (a throttle count, a counter). */
    CHECK_INT(db_run(db2, NULL,
                     "INSERT INTO counters (name, value) VALUES ($1, 1)",
                     DV_TEXT("speed:test")),
              ERR_OK);
    CHECK_INT(version_of(db, DATA_CATALOGUE), cat);
    CHECK_INT(version_of(db, DATA_CALENDAR), cal);
    CHECK_INT(db_run(db2, NULL, "DELETE FROM holidays WHERE day = $1",
                     DV_TEXT("2026-10-07")),
              ERR_OK);
}

static void test_office_cache(void)
{
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK); /* cached */
    const char *phone = o.phone;
    /* Another instance changes the phone and the hours by raw SQL. */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE offices SET phone = $1, hours = $2 WHERE code"
                     " = $3",
                     DV_TEXT("0333-845678"),
                     DV_TEXT("-,08:00-12:00,07:30-15:30,07:30-15:30,"
                             "07:30-15:30,07:30-14:00,-"),
                     DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_STR(o.phone, "0333-845678");
    CHECK_INT(o.hours.open[1], 480);
    struct office by_id;
    CHECK_INT(offices_get_by_id(db, A, o.id, &by_id), ERR_OK);
    CHECK_STR(by_id.phone, "0333-845678");
    /* Through the store on the second connection. */
    by_id.phone = phone;
    CHECK_INT(offices_update(db2, &by_id), ERR_OK);
    CHECK_INT(offices_get_by_id(db, A, o.id, &by_id), ERR_OK);
    CHECK_STR(by_id.phone, phone);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_STR(o.phone, phone);
    /* The district's name comes from regions: renamed, it shows. */
    CHECK_INT(db_run(db2, NULL, "UPDATE regions SET name = $1 WHERE code = $2",
                     DV_TEXT("Genteng Baru"), DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_STR(o.district_name, "Genteng Baru");
    CHECK_INT(db_run(db2, NULL, "UPDATE regions SET name = $1 WHERE code = $2",
                     DV_TEXT("Genteng"), DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_STR(o.district_name, "Genteng");
}

/* The index of the office with code in a list, or -1. */
static long find_code(const struct office *items, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].code, code) == 0)
            return (long)i;
    return -1;
}

/* Lists of offices without a name to look for are cached by filter: a
 * service point made or unmade and a rename by another instance show at
 * the next list; a list with a name filter is never cached. */
static void test_office_list_cache(void)
{
    struct office_filter sp = {.level = -1, .service_points_only = true};
    struct office_filter in_district = {
        .level = -1, .service_points_only = true, .district = "35.10.09"};
    struct office *items = NULL;
    size_t n = 0, n_before = 0;
    CHECK_INT(offices_list(db, A, &sp, &items, &n), ERR_OK);
    n_before = n;
    CHECK(n > 0);
    CHECK_INT(offices_list(db, A, &sp, &items, &n), ERR_OK); /* cached */
    CHECK_INT(n, n_before);
    /* A desa of Genteng that is not a service point yet. */
    const char *desa = NULL;
    struct office_filter all = {.level = -1, .district = "35.10.09"};
    CHECK_INT(offices_list(db, A, &all, &items, &n), ERR_OK);
    for (size_t i = 0; i < n && !desa; i++)
        if (!items[i].service_point_since)
            desa = items[i].code;
    CHECK(desa != NULL);
    if (!desa)
        return;
    CHECK_INT(offices_list(db, A, &in_district, &items, &n), ERR_OK);
    size_t n_district = n;
    CHECK(n_district > 0 && n_district < n_before);
    for (size_t i = 0; i < n; i++)
        CHECK(strncmp(items[i].region_code, "35.10.09", 8) == 0);
    CHECK(find_code(items, n, desa) < 0);
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE offices SET service_point_since = $1,"
                     " name = $2 WHERE code = $3",
                     DV_TEXT("2026-01-05"), DV_TEXT("Desa Cache Baru"),
                     DV_TEXT(desa)),
              ERR_OK);
    CHECK_INT(offices_list(db, A, &sp, &items, &n), ERR_OK);
    CHECK_INT(n, n_before + 1);
    CHECK_INT(offices_list(db, A, &in_district, &items, &n), ERR_OK);
    CHECK_INT(n, n_district + 1);
    long at = find_code(items, n, desa);
    CHECK(at >= 0);
    if (at >= 0)
        CHECK_STR(items[at].name, "Desa Cache Baru");
    /* Looked for by name: straight from the table. */
    struct office_filter named = {.level = -1, .q = "cache baru"};
    CHECK_INT(offices_list(db, A, &named, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    /* Unmade: gone from the cached lists at once. */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE offices SET service_point_since = NULL WHERE"
                     " code = $1",
                     DV_TEXT(desa)),
              ERR_OK);
    CHECK_INT(offices_list(db, A, &sp, &items, &n), ERR_OK);
    CHECK_INT(n, n_before);
    CHECK_INT(offices_list(db, A, &in_district, &items, &n), ERR_OK);
    CHECK_INT(n, n_district);
    CHECK(find_code(items, n, desa) < 0);
}

/* The statements this session has prepared on the PostgreSQL server. */
static int64_t prepared_on_server(void)
{
    int64_t n = -1;
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM pg_prepared_statements WHERE $1 = 0",
                     DV_INT(0)),
              ERR_OK);
    return n;
}

/* SQL built at run time is prepared once: the same text gives the same
 * pointer (the statement caches' key), a different text another; a year's
 * report asked again and again leaves no new prepared statement on the
 * PostgreSQL server. */
static void test_built_sql_prepared_once(void)
{
    char one[64], two[64];
    snprintf(one, sizeof(one), "SELECT %d", 41);
    snprintf(two, sizeof(two), "SELECT %d", 41);
    const char *a = db_sql_intern(one);
    CHECK(a != one);
    CHECK(db_sql_intern(two) == a);
    CHECK_STR(a, "SELECT 41");
    snprintf(two, sizeof(two), "SELECT %d", 42);
    CHECK(db_sql_intern(two) != a);
    struct perf_scope sc = {0, NULL, 0, "2026-01-01", "2026-12-31"};
    struct perf_row *rows = NULL;
    struct perf_bucket *b = NULL;
    size_t n = 0;
    int64_t before = -1, after = -1;
    for (int round = 0; round < 6; round++) {
        CHECK_INT(perf_counts_of(db, A, &sc, PERF_BY_OFFICE, &rows, &n),
                  ERR_OK);
        CHECK_INT(perf_hist_of(db, A, &sc, PERF_BY_OFFICE, &b, &n), ERR_OK);
        sc.from = round % 2 ? "2026-01-01" : "2026-02-03"; /* two shapes */
        if (pg && round == 1)
            before = prepared_on_server();
    }
    if (pg) {
        after = prepared_on_server();
        CHECK(before > 0);
        CHECK_INT(after, before);
    }
}

static const char *text_of(const struct service_def *s,
                           enum service_component c)
{
    return s->comp[c].id ? s->comp[c].id : "";
}

static void test_catalogue_cache(void)
{
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &s), ERR_OK);
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &s), ERR_OK); /* cached */
    int v = s.version;
    const char *cost = text_of(&s, COMP_COST);
    int64_t sid = 0;
    CHECK_INT(catalogue_service_id(db, "SKTM", &sid), ERR_OK);
    /* Raw SQL on the current version's text (another tool). */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE service_texts SET text_id = $1 WHERE component"
                     " = 'cost' AND version_id = (SELECT v.id FROM"
                     " service_versions v JOIN services x ON x.id ="
                     " v.service_id WHERE x.code = $2 AND v.version ="
                     " x.current_version)",
                     DV_TEXT("Gratis, diubah"), DV_TEXT("SKTM")),
              ERR_OK);
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &s), ERR_OK);
    CHECK_STR(text_of(&s, COMP_COST), "Gratis, diubah");
    CHECK_INT(catalogue_get(db, A, "SKTM", v, &s), ERR_OK); /* by number */
    CHECK_STR(text_of(&s, COMP_COST), "Gratis, diubah");
    /* A new version saved on the second connection: the time limit. */
    s.time_amount = s.time_amount + 2;
    s.comp[COMP_COST].id = cost;
    int saved = 0;
    CHECK_INT(db_begin(db2), ERR_OK);
    CHECK_INT(catalogue_save(db2, &s, 0, T0, &saved), ERR_OK);
    CHECK_INT(db_commit(db2), ERR_OK);
    CHECK_INT(saved, v + 1);
    struct service_def now;
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &now), ERR_OK);
    CHECK_INT(now.version, v + 1);
    CHECK_INT(now.time_amount, s.time_amount);
    CHECK_STR(text_of(&now, COMP_COST), cost);
    /* Taken out of the catalogue and back. */
    CHECK_INT(catalogue_set_active(db2, "SKTM", false), ERR_OK);
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &now), ERR_OK);
    CHECK(!now.active);
    CHECK_INT(catalogue_set_active(db2, "SKTM", true), ERR_OK);
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &now), ERR_OK);
    CHECK(now.active);
    int64_t sid2 = 0;
    CHECK_INT(catalogue_service_id(db, "SKTM", &sid2), ERR_OK);
    CHECK_INT(sid2, sid);
    CHECK_INT(catalogue_service_id(db, "NO-SUCH", &sid2), ERR_NOT_FOUND);

    /* The full list reads one query per table and equals catalogue_get. */
    struct service_filter f = {.level = -1};
    struct service_def *items;
    size_t n = 0;
    CHECK_INT(catalogue_list_full(db, A, &f, &items, &n), ERR_OK);
    CHECK(n >= 25);
    for (size_t i = 0; i < n; i++) {
        struct service_def one;
        CHECK_INT(catalogue_get(db, A, items[i].code, 0, &one), ERR_OK);
        CHECK_INT(items[i].version, one.version);
        CHECK_INT(items[i].n_reqs, one.n_reqs);
        CHECK_INT(items[i].n_steps, one.n_steps);
        for (size_t k = 0; k < one.n_reqs && k < items[i].n_reqs; k++)
            CHECK_STR(items[i].reqs[k].code, one.reqs[k].code);
        for (size_t k = 0; k < one.n_steps && k < items[i].n_steps; k++)
            CHECK_STR(items[i].steps[k].code, one.steps[k].code);
        for (int c = 0; c < COMP__COUNT; c++)
            CHECK_STR(text_of(&items[i], (enum service_component)c),
                      text_of(&one, (enum service_component)c));
    }
}

static bool closed_on(const struct calendar *c, const char *day)
{
    struct civil_date d;
    if (!civil_parse_date(day, &d))
        return false;
    int64_t k = civil_to_days(d);
    for (size_t i = 0; i < c->n_closed; i++)
        if (c->closed[i] == k)
            return true;
    return false;
}

static void test_calendar_cache(void)
{
    struct office o, other;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.01", &other), ERR_OK);
    struct calendar c;
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK); /* cached */
    CHECK(!closed_on(&c, "2026-10-08"));
    /* A promise across the day, before and after it becomes a holiday. */
    int64_t at = 1791349200; /* 2026-10-07T12:00+07:00, a Wednesday */
    struct deadline before = cal_add_working_days(&c, at, 1);
    /* Another instance adds a holiday by raw SQL. */
    CHECK_INT(db_run(db2, NULL,
                     "INSERT INTO holidays (day, kind, name_id, name_en)"
                     " VALUES ($1, 'cuti_bersama', 'Uji', 'Test')",
                     DV_TEXT("2026-10-08")),
              ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK(closed_on(&c, "2026-10-08"));
    struct deadline after = cal_add_working_days(&c, at, 1);
    CHECK(after.at > before.at); /* the promised date moved */
    CHECK_INT(db_run(db2, NULL, "DELETE FROM holidays WHERE day = $1",
                     DV_TEXT("2026-10-08")),
              ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK(!closed_on(&c, "2026-10-08"));
    /* A closure of one office, through the store on the other connection:
     * that office only. */
    struct calendar oc;
    CHECK_INT(workcal_load(db, A, &other, &oc), ERR_OK); /* cached too */
    CHECK_INT(workcal_put_closure(db2, o.id, "2026-10-09", "Uji"), ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK(closed_on(&c, "2026-10-09"));
    CHECK_INT(workcal_load(db, A, &other, &oc), ERR_OK);
    CHECK(!closed_on(&oc, "2026-10-09"));
    CHECK_INT(workcal_delete_closure(db2, o.id, "2026-10-09"), ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK(!closed_on(&c, "2026-10-09"));
    /* A year's calendar marked loaded: no longer provisional. */
    CHECK_INT(db_run(db2, NULL,
                     "INSERT INTO calendar_years (year, loaded_at, source)"
                     " VALUES ($1, $2, 'uji') ON CONFLICT (year) DO NOTHING",
                     DV_INT(2031), DV_INT(T0)),
              ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    bool has2031 = false;
    for (size_t i = 0; i < c.n_years; i++)
        has2031 |= c.years[i] == 2031;
    CHECK(has2031);
    CHECK_INT(db_run(db2, NULL, "DELETE FROM calendar_years WHERE year = $1",
                     DV_INT(2031)),
              ERR_OK);
    /* Hours come with the office row: changed, the calendar follows. */
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET hours = $1 WHERE code = $2",
                     DV_TEXT("-,09:00-12:00,07:30-15:30,07:30-15:30,"
                             "07:30-15:30,07:30-14:00,-"),
                     DV_TEXT("35.10.09")),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(workcal_load(db, A, &o, &c), ERR_OK);
    CHECK_INT(c.hours.open[1], 540);
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET hours = $1 WHERE code = $2",
                     DV_TEXT("-,07:30-15:30,07:30-15:30,07:30-15:30,"
                             "07:30-15:30,07:30-14:00,-"),
                     DV_TEXT("35.10.09")),
              ERR_OK);
}

/* Nothing is kept from inside a transaction that is then rolled back. */
static void test_rollback_not_cached(void)
{
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &s), ERR_OK);
    const char *name = s.name.id;
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(db_run(db, NULL,
                     "UPDATE service_versions SET name_id = $1 WHERE"
                     " service_id = (SELECT id FROM services WHERE code ="
                     " $2)",
                     DV_TEXT("Tidak jadi"), DV_TEXT("DOMISILI")),
              ERR_OK);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &s), ERR_OK);
    CHECK_STR(s.name.id, "Tidak jadi"); /* the transaction sees its own */
    db_rollback(db);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &s), ERR_OK);
    CHECK_STR(s.name.id, name);
    CHECK_INT(catalogue_get(db2, A, "DOMISILI", 0, &s), ERR_OK);
    CHECK_STR(s.name.id, name);
    /* A later committed change gets the version the rolled-back one
     * had seen: it must show, not a copy from the rolled-back one. */
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE service_versions SET name_id = $1 WHERE"
                     " service_id = (SELECT id FROM services WHERE code ="
                     " $2)",
                     DV_TEXT("Surat Keterangan Domisili (baru)"),
                     DV_TEXT("DOMISILI")),
              ERR_OK);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &s), ERR_OK);
    CHECK_STR(s.name.id, "Surat Keterangan Domisili (baru)");
    CHECK_INT(db_run(db2, NULL,
                     "UPDATE service_versions SET name_id = $1 WHERE"
                     " service_id = (SELECT id FROM services WHERE code ="
                     " $2)",
                     DV_TEXT(name), DV_TEXT("DOMISILI")),
              ERR_OK);
}

/* Offices 35.10.01 with that phone, as d reads it now (0 or 1). */
static int64_t phone_count(struct db *d, const char *phone)
{
    int64_t n = -1;
    CHECK_INT(db_int(d, &n,
                     "SELECT COUNT(*) FROM offices WHERE phone = $1 AND code"
                     " = $2",
                     DV_TEXT(phone), DV_TEXT("35.10.01")),
              ERR_OK);
    return n;
}

/* A read-only request reads one version; the next request sees more. */
static void test_request_snapshot(void)
{
    struct office o;
    db_request_begin(db, true);
    CHECK_INT(offices_get(db, A, "35.10.01", &o), ERR_OK);
    const char *phone = o.phone;
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET phone = $1 WHERE code = $2",
                     DV_TEXT("0333-111"), DV_TEXT("35.10.01")),
              ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.01", &o), ERR_OK);
    if (!pg)
        CHECK_STR(o.phone, phone); /* one snapshot on SQLite */
    db_request_end(db);
    db_request_begin(db, true);
    CHECK_INT(offices_get(db, A, "35.10.01", &o), ERR_OK);
    CHECK_STR(o.phone, "0333-111");
    db_request_end(db);
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET phone = $1 WHERE code = $2",
                     DV_TEXT(phone), DV_TEXT("35.10.01")),
              ERR_OK);
    /* A request that writes (a POST) reads from one snapshot too, until
     * it writes: then it sees its write and what others committed
     * before it. The versions are read at every use: the second read
     * below looks at the office row, not at a remembered version. */
    db_request_begin(db, false);
    CHECK_INT(phone_count(db, "0333-222"), 0);
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET phone = $1 WHERE code = $2",
                     DV_TEXT("0333-222"), DV_TEXT("35.10.01")),
              ERR_OK);
    CHECK_INT(phone_count(db, "0333-222"),
              pg ? 1 : 0); /* SQLite: still the first snapshot */
    CHECK_INT(db_run(db, NULL, "UPDATE regions SET name = name WHERE code = $1",
                     DV_TEXT("35.10.01")),
              ERR_OK); /* this request writes */
    CHECK_INT(phone_count(db, "0333-222"), 1);
    CHECK_INT(offices_get(db, A, "35.10.01", &o), ERR_OK);
    CHECK_STR(o.phone, "0333-222");
    /* db_snapshot_end() (before slow work): the next read is fresh. */
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET phone = $1 WHERE code = $2",
                     DV_TEXT("0333-333"), DV_TEXT("35.10.01")),
              ERR_OK);
    CHECK_INT(phone_count(db, "0333-333"), pg ? 1 : 0);
    db_snapshot_end(db);
    CHECK_INT(phone_count(db, "0333-333"), 1);
    db_request_end(db);
    CHECK_INT(db_run(db2, NULL, "UPDATE offices SET phone = $1 WHERE code = $2",
                     DV_TEXT(phone), DV_TEXT("35.10.01")),
              ERR_OK);
}

/* The statement caches survive a schema change on another connection. */
static void test_statements_survive_schema_change(void)
{
    static const char *const sel = "SELECT * FROM speed_t WHERE a >= $1";
    CHECK_INT(db_exec(db2, "CREATE TABLE speed_t (a INTEGER)"), ERR_OK);
    CHECK_INT(
        db_run(db2, NULL, "INSERT INTO speed_t (a) VALUES ($1)", DV_INT(1)),
        ERR_OK);
    for (int round = 0; round < 2; round++) {
        struct db_stmt *st = NULL;
        bool row = false;
        CHECK_INT(db_query(db, &st, sel, DV_INT(0)), ERR_OK);
        CHECK_INT(db_step(st, &row), ERR_OK);
        CHECK(row);
        CHECK_INT(db_col_count(st), 1);
        db_finalize(st);
    }
    /* A migration on another connection adds a column... */
    CHECK_INT(db_exec(db2, "ALTER TABLE speed_t ADD COLUMN b TEXT"), ERR_OK);
    CHECK_INT(db_run(db2, NULL, "UPDATE speed_t SET b = $1", DV_TEXT("x")),
              ERR_OK);
    struct db_stmt *st = NULL;
    bool row = false;
    CHECK_INT(db_query(db, &st, sel, DV_INT(0)), ERR_OK);
    CHECK_INT(db_step(st, &row), ERR_OK);
    CHECK(row);
    CHECK_INT(db_col_count(st), 2);
    if (row && db_col_count(st) == 2)
        CHECK_STR(db_col_text(st, 1), "x");
    db_finalize(st);
    /* ... or drops and makes the table again. */
    CHECK_INT(db_exec(db2, "DROP TABLE speed_t; CREATE TABLE speed_t (a"
                           " INTEGER, b TEXT, c INTEGER);"
                           " INSERT INTO speed_t VALUES (5, 'y', 7)"),
              ERR_OK);
    CHECK_INT(db_query(db, &st, sel, DV_INT(0)), ERR_OK);
    CHECK_INT(db_step(st, &row), ERR_OK);
    CHECK(row);
    CHECK_INT(db_col_count(st), 3);
    if (row && db_col_count(st) == 3)
        CHECK_INT(db_col_int(st, 2), 7);
    db_finalize(st);
    /* And the real migrations, run again, leave every cached statement
     * usable. */
    int applied = -1;
    CHECK_INT(migrate_up(db2, &applied), ERR_OK);
    CHECK_INT(applied, 0);
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(db_exec(db2, "DROP TABLE speed_t"), ERR_OK);
}

/* PostgreSQL: a connection the server drops is opened again, and its
 * prepared statements with it; inside a transaction the transaction is
 * lost (an error), the next one works. */
static void test_dropped_connection(void)
{
    if (!pg) {
        /* SQLite has no server to drop a connection: a closed and
         * reopened connection starts with an empty cache and works. */
        struct db *d = NULL;
        CHECK_INT(db_open(url, &d), ERR_OK);
        struct office o;
        CHECK_INT(offices_get(d, A, "35.10.09", &o), ERR_OK);
        db_close(d);
        CHECK_INT(db_open(url, &d), ERR_OK);
        CHECK_INT(offices_get(d, A, "35.10.09", &o), ERR_OK);
        db_close(d);
        return;
    }
    struct office o;
    int64_t pid = 0, ok = 0;
    CHECK_INT(offices_get_by_id(db, A, 1, &o), ERR_OK);
    CHECK_INT(db_int(db, &pid, "SELECT pg_backend_pid() + $1", DV_INT(0)),
              ERR_OK);
    CHECK_INT(db_int(db2, &ok, "SELECT CAST(pg_terminate_backend($1) AS INT)",
                     DV_INT(pid)),
              ERR_OK);
    CHECK_INT(ok, 1);
    sleep_ms(200); /* the backend is gone once pg_terminate returns;
                      the socket may take a moment to report it */
    /* Outside a transaction: reconnected, prepared again, answered. */
    int64_t pid2 = 0;
    CHECK_INT(db_int(db, &pid2, "SELECT pg_backend_pid() + $1", DV_INT(0)),
              ERR_OK);
    CHECK(pid2 != pid);
    int64_t n = 0;
    CHECK_INT(
        db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE id > $1", DV_INT(0)),
        ERR_OK);
    CHECK(n > 200);
    /* Inside a transaction: that transaction fails, the next works. */
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(db_int(db2, &ok, "SELECT CAST(pg_terminate_backend($1) AS INT)",
                     DV_INT(pid2)),
              ERR_OK);
    sleep_ms(200);
    enum err rc =
        db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE id > $1", DV_INT(0));
    CHECK(rc != ERR_OK);
    db_rollback(db);
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(
        db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE id > $1", DV_INT(0)),
        ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
}

/* An office's public page reads its own rows (store/perf.c names the
 * office outright): the same figures as the regency's grouped by office. */
static void test_one_office_figures(void)
{
    struct office o1, o2;
    CHECK_INT(offices_get(db, A, "35.10.09", &o1), ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.01", &o2), ERR_OK);
    int64_t svc = 0;
    CHECK_INT(catalogue_service_id(db, "DOMISILI", &svc), ERR_OK);
    /* Days at the edges of the period and whole months inside it. */
    static const char *const days[] = {"2026-02-27", "2026-03-02",
                                       "2026-04-15", "2026-05-29",
                                       "2026-06-01", "2026-06-03"};
    for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
        struct perf_delta d1 = {.received = 2, .completed = 1, .on_time = 1};
        struct perf_delta d2 = {.received = 5, .completed = 3, .rejected = 1};
        CHECK_INT(perf_count(db, o1.id, svc, days[i], &d1), ERR_OK);
        CHECK_INT(perf_count(db, o2.id, svc, days[i], &d2), ERR_OK);
        CHECK_INT(perf_proc(db, o1.id, svc, days[i], 10 + (int64_t)i, true),
                  ERR_OK);
        CHECK_INT(perf_proc(db, o2.id, svc, days[i], 30, true), ERR_OK);
    }
    struct perf_scope all = {0, NULL, 0, "2026-03-01", "2026-06-02"};
    struct perf_scope one = all;
    one.office_id = o1.id;
    struct perf_row *ra = NULL, *r1 = NULL;
    size_t na = 0, n1 = 0;
    CHECK_INT(perf_counts_of(db, A, &all, PERF_BY_OFFICE, &ra, &na), ERR_OK);
    CHECK_INT(perf_counts_of(db, A, &one, PERF_BY_OFFICE, &r1, &n1), ERR_OK);
    CHECK_INT(n1, 1);
    for (size_t i = 0; i < na && n1 == 1; i++)
        if (ra[i].key == o1.id) {
            CHECK_INT(r1[0].c.received, ra[i].c.received);
            CHECK_INT(r1[0].c.completed, ra[i].c.completed);
            CHECK_INT(r1[0].c.on_time, ra[i].c.on_time);
        }
    CHECK_INT(r1[0].c.received, 8); /* 03-02, 04-15, 05-29, 06-01 */
    struct perf_bucket *ba = NULL, *b1 = NULL;
    CHECK_INT(perf_hist_of(db, A, &all, PERF_BY_OFFICE, &ba, &na), ERR_OK);
    CHECK_INT(perf_hist_of(db, A, &one, PERF_BY_OFFICE, &b1, &n1), ERR_OK);
    size_t mine = 0;
    for (size_t i = 0; i < na; i++)
        if (ba[i].key == o1.id)
            mine++;
    CHECK_INT(n1, mine);
    CHECK_INT(n1, 4);
    struct perf_overdue *oa = NULL, *o1r = NULL;
    CHECK_INT(perf_overdue_of(db, A, &all, PERF_BY_OFFICE, T0, &oa, &na),
              ERR_OK);
    CHECK_INT(perf_overdue_of(db, A, &one, PERF_BY_OFFICE, T0, &o1r, &n1),
              ERR_OK);
    int64_t want = 0;
    for (size_t i = 0; i < na; i++)
        if (oa[i].key == o1.id)
            want = oa[i].n;
    CHECK_INT(n1 ? o1r[0].n : 0, want);
}

/* ---- SQLite's group commit ------------------------------------------- */

struct txn {
    const char *url;
    const char *key; /* the row it inserts */
    enum err insert_rc, end_rc;
    bool commit; /* commit when the insert worked (else roll back) */
    volatile int done;
};

static void *txn_main(void *arg)
{
    struct txn *t = arg;
    struct db *d = NULL;
    if (db_open(t->url, &d) != ERR_OK) {
        t->insert_rc = ERR_DB;
        t->done = 1;
        return NULL;
    }
    t->end_rc = db_begin(d);
    if (t->end_rc == ERR_OK) {
        t->insert_rc =
            db_run(d, NULL, "INSERT INTO g (k) VALUES ($1)", DV_TEXT(t->key));
        if (t->insert_rc == ERR_OK && t->commit) {
            t->end_rc = db_commit(d);
        } else {
            db_rollback(d);
            t->end_rc = t->insert_rc;
        }
    }
    t->done = 1;
    db_close(d);
    return NULL;
}

static bool wait_pending(struct db *d, uint64_t n)
{
    for (int i = 0; i < 1000; i++) { /* up to 10 s: a bound, not a timing */
        struct db_writer_stats s;
        db_writer_stats(d, &s);
        if (s.pending >= n)
            return true;
        sleep_ms(10);
    }
    return false;
}

/* SQLite: a reader connection's page cache is 1 MiB, the writer's
 * SQLite's default (2,000 KiB): a read outside a transaction goes to the
 * reader, one inside to the writer; a thread may ask for another size
 * for the readers it opens (db_sqlite_thread_cache()). */
static void test_page_caches(void)
{
    if (pg)
        return;
    int64_t kib = 0;
    CHECK_INT(db_int(db, &kib, "PRAGMA cache_size"), ERR_OK);
    CHECK_INT(kib, -1024);
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(db_int(db, &kib, "PRAGMA cache_size"), ERR_OK);
    CHECK_INT(kib, -2000);
    db_rollback(db);
    CHECK_INT(db_int(db2, &kib, "PRAGMA cache_size"), ERR_OK);
    CHECK_INT(kib, -1024);
    /* A thread that asks for more (a report thread) gets it in the
     * readers it opens from then on; the others keep theirs. */
    db_sqlite_thread_cache(2000);
    struct db *big = NULL;
    CHECK_INT(db_open(url, &big), ERR_OK);
    db_sqlite_thread_cache(0);
    if (big) {
        CHECK_INT(db_int(big, &kib, "PRAGMA cache_size"), ERR_OK);
        CHECK_INT(kib, -2000);
        db_close(big);
    }
    CHECK_INT(db_int(db, &kib, "PRAGMA cache_size"), ERR_OK);
    CHECK_INT(kib, -1024);
}

static void test_group_commit(void)
{
    if (pg)
        return; /* PostgreSQL: one transaction per request, its own */
    char gurl[600];
    snprintf(gurl, sizeof(gurl), "sqlite:%s/group.db", dir);
    struct db *g = NULL;
    CHECK_INT(db_open(gurl, &g), ERR_OK);
    if (!g)
        return;
    CHECK_INT(db_exec(g, "CREATE TABLE g (k TEXT PRIMARY KEY)"), ERR_OK);
    struct db_writer_stats before, after;
    db_writer_stats(g, &before);
    db_sqlite_hold_commits(true);
    struct txn t[4] = {
        {gurl, "a", ERR_OK, ERR_OK, true, 0},
        {gurl, "a", ERR_OK, ERR_OK, true, 0}, /* fails: a is there */
        {gurl, "c", ERR_OK, ERR_OK, true, 0},
        {gurl, "d", ERR_OK, ERR_OK, false, 0}, /* rolls itself back */
    };
    pthread_t th[4];
    pthread_create(&th[0], NULL, txn_main, &t[0]);
    CHECK(wait_pending(g, 1)); /* a is released into the open group */
    CHECK(!t[0].done);         /* and not acknowledged yet */
    pthread_create(&th[1], NULL, txn_main, &t[1]);
    pthread_create(&th[2], NULL, txn_main, &t[2]);
    CHECK(wait_pending(g, 2));
    pthread_create(&th[3], NULL, txn_main, &t[3]);
    /* The failing one and the rolled-back one wait for the group too
     * (they read what it holds); nobody is acknowledged while held. */
    for (int i = 0; i < 50; i++)
        sleep_ms(10);
    CHECK(!t[0].done && !t[2].done);
    /* Readers outside see nothing of the group yet. */
    int64_t seen = -1;
    CHECK_INT(
        db_int(g, &seen, "SELECT COUNT(*) FROM g WHERE k > $1", DV_TEXT("")),
        ERR_OK);
    CHECK_INT(seen, 0);
    db_sqlite_hold_commits(false);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    CHECK_INT(t[0].insert_rc, ERR_OK);
    CHECK_INT(t[0].end_rc, ERR_OK);
    CHECK_INT(t[1].insert_rc, ERR_CONFLICT);
    CHECK_INT(t[2].insert_rc, ERR_OK);
    CHECK_INT(t[2].end_rc, ERR_OK);
    CHECK_INT(t[3].insert_rc, ERR_OK);
    db_writer_stats(g, &after);
    CHECK_INT(after.transactions - before.transactions, 2);
    CHECK_INT(after.groups - before.groups, 1); /* one COMMIT for both */
    CHECK_INT(after.failed - before.failed, 0);
    struct db_stmt *st = NULL;
    CHECK_INT(db_query(g, &st, "SELECT k FROM g WHERE k > $1 ORDER BY k",
                       DV_TEXT("")),
              ERR_OK);
    bool row = false;
    char got[16] = "";
    while (db_step(st, &row) == ERR_OK && row)
        strncat(got, db_col_text(st, 0), sizeof(got) - strlen(got) - 1);
    db_finalize(st);
    CHECK_STR(got, "ac");
    /* The first transaction of a group (no savepoint) rolled back leaves
     * nothing, and the next group goes on. */
    CHECK_INT(db_begin(g), ERR_OK);
    CHECK_INT(db_run(g, NULL, "INSERT INTO g (k) VALUES ($1)", DV_TEXT("f1")),
              ERR_OK);
    db_rollback(g);
    struct txn f2 = {gurl, "f2", ERR_OK, ERR_OK, true, 0};
    pthread_t tf;
    pthread_create(&tf, NULL, txn_main, &f2);
    pthread_join(tf, NULL);
    CHECK_INT(f2.end_rc, ERR_OK);
    CHECK_INT(db_int(g, &seen, "SELECT COUNT(*) FROM g WHERE k IN ($1, $2)",
                     DV_TEXT("f1"), DV_TEXT("f2")),
              ERR_OK);
    CHECK_INT(seen, 1);
    CHECK_INT(db_run(g, NULL, "DELETE FROM g WHERE k = $1", DV_TEXT("f2")),
              ERR_OK);
    /* Writes outside a transaction are transactions of their own. */
    int64_t changed = 0;
    CHECK_INT(db_run(g, &changed, "DELETE FROM g WHERE k = $1", DV_TEXT("c")),
              ERR_OK);
    CHECK_INT(changed, 1);
    int64_t k = 0;
    CHECK_INT(db_int(g, &k, "INSERT INTO g (k) VALUES ($1) RETURNING length(k)",
                     DV_TEXT("eee")),
              ERR_OK);
    CHECK_INT(k, 3);
    CHECK_INT(
        db_int(g, &seen, "SELECT COUNT(*) FROM g WHERE k > $1", DV_TEXT("")),
        ERR_OK);
    CHECK_INT(seen, 2);
    db_close(g);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    crypto_init();
    pg = strcmp(argv[1], "postgresql") == 0;
    if (pg) {
        const char *u = argc > 2 ? argv[2] : getenv("SP_TEST_PG_URL");
        if (!u || !*u) {
            fprintf(stderr, "test_store_speed: no PostgreSQL URL: skipped\n");
            return 77;
        }
        snprintf(url, sizeof(url), "%s", u);
    } else {
        if (!mkdtemp(dir))
            return 1;
        snprintf(url, sizeof(url), "sqlite:%s/store.db", dir);
    }
    if (db_open(url, &db) != ERR_OK)
        return 1;
    if (pg && db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public") !=
                  ERR_OK)
        return 1;
    int applied = 0;
    if (migrate_up(db, &applied) != ERR_OK || applied < 1)
        return 1;
    const struct embedded_file *cfg = embedded_find("data/regency.json");
    struct seed_report rep = {0};
    if (!cfg || seed_regency(db, (const char *)cfg->data, embedded_loader, NULL,
                             T0, &rep) != ERR_OK)
        return 1;
    if (db_open(url, &db2) != ERR_OK)
        return 1;
    A = arena_new();
    RUN(test_versions_rise);
    RUN(test_versions_once_per_transaction);
    RUN(test_office_cache);
    RUN(test_office_list_cache);
    RUN(test_built_sql_prepared_once);
    RUN(test_catalogue_cache);
    RUN(test_calendar_cache);
    RUN(test_rollback_not_cached);
    RUN(test_request_snapshot);
    RUN(test_statements_survive_schema_change);
    RUN(test_dropped_connection);
    RUN(test_one_office_figures);
    RUN(test_page_caches);
    RUN(test_group_commit);
    arena_free(A);
    db_close(db2);
    db_close(db);
    if (!pg) {
        char cmd[600];
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", dir);
    }
    TEST_END();
}
