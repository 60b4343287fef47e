/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store.c: the store suite, one program run against both drivers:
 *   test_store sqlite            a fresh SQLite file in a temporary dir
 *   test_store postgresql [URL]  URL or $SP_TEST_PG_URL (a throwaway
 *                                cluster: the public schema is recreated)
 * Times are explicit arguments, so expiry rules are tested exactly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/offices.h"
#include "store/seed.h"
#include "store/users.h"
#include "store/workcal.h"
#include "store/complaints.h"
#include "store/applications.h"
#include "base/civil.h"
#include "store/devices.h"
#include "store/notify.h"
#include "store/replays.h"
#include "store/throttle.h"
#include "store/readiness.h"
#include "svc/guard.h"
#include "svc/signin.h"
#include "svc/applications.h"
#include "svc/track.h"
#include "test.h"

static struct db *db;
static struct arena *A;
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

static void test_migrate_idempotent(void)
{
    int applied = -1, version = 0;
    CHECK_INT(migrate_up(db, &applied), ERR_OK);
    CHECK_INT(applied, 0);
    CHECK_INT(migrate_current(db, &version), ERR_OK);
    CHECK_INT(version, migrate_latest());
}

static void test_seed_regency(void)
{
    const struct embedded_file *cfg = embedded_find("data/regency.json");
    CHECK(cfg != NULL);
    struct seed_report rep = {0};
    CHECK_INT(seed_regency(db, (const char *)cfg->data, embedded_loader, NULL,
                           T0, &rep),
              ERR_OK);
    /* 25 kecamatan + 217 villages + 3 agencies. */
    CHECK_INT(rep.offices, 245);
    CHECK(rep.services >= 25);
    int64_t n = 0;
    CHECK_INT(db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE level = $1",
                     DV_TEXT("kecamatan")),
              ERR_OK);
    CHECK_INT(n, 25);
    CHECK_INT(db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE level = $1",
                     DV_TEXT("kelurahan")),
              ERR_OK);
    CHECK_INT(n, 28);
    CHECK_INT(db_int(db, &n, "SELECT COUNT(*) FROM offices WHERE level = $1",
                     DV_TEXT("desa")),
              ERR_OK);
    CHECK_INT(n, 189);
    /* Launch: 25 kecamatan + the 18 kelurahan of Kecamatan Banyuwangi. */
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM offices WHERE"
                     " service_point_since IS NOT NULL AND level <> $1",
                     DV_TEXT("agency")),
              ERR_OK);
    CHECK_INT(n, 43);
    CHECK_INT(db_int(db, &n, "SELECT COUNT(*) FROM regions WHERE level = $1",
                     DV_TEXT("district")),
              ERR_OK);
    CHECK(n > 7000); /* every Indonesian district, for NIK checks */

    /* Twice changes nothing. */
    struct seed_report again = {0};
    CHECK_INT(seed_regency(db, (const char *)cfg->data, embedded_loader, NULL,
                           T0 + 10, &again),
              ERR_OK);
    CHECK_INT(again.offices, 0);
    CHECK_INT(again.services, 0);
}

static void test_offices(void)
{
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_STR(o.name, "Kantor Kecamatan Genteng");
    CHECK_INT(o.level, OFFICE_KECAMATAN);
    CHECK_STR(o.service_point_since, "2026-01-02");
    CHECK_STR(o.district_name, "Genteng");
    CHECK_INT(o.utc_offset_min, 420);
    CHECK_INT(o.hours.open[1], 450);
    CHECK_INT(o.hours.open[0], -1);
    CHECK_INT(offices_get(db, A, "99.99.99", &o), ERR_NOT_FOUND);

    struct office *items;
    size_t n;
    struct office_filter f = {.level = -1, .service_points_only = true};
    CHECK_INT(offices_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 43);
    struct office_filter byd = {.level = OFFICE_DESA, .district = "35.10.09"};
    CHECK_INT(offices_list(db, A, &byd, &items, &n), ERR_OK);
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++)
        CHECK(strncmp(items[i].code, "35.10.09.", 9) == 0);
    struct office_filter q = {.level = -1, .q = "gENTeng"};
    CHECK_INT(offices_list(db, A, &q, &items, &n), ERR_OK);
    CHECK(n >= 1);

    /* Enable a desa office as a service point, edit hours. */
    struct office d;
    CHECK_INT(offices_get(db, A, "35.10.09.2001", &d), ERR_OK);
    CHECK(d.service_point_since == NULL);
    d.service_point_since = "2026-12-01";
    d.hours.open[6] = 480;
    d.hours.close[6] = 720;
    d.address = "Jl. <Raya> 'Genteng' \"1\"";
    CHECK_INT(offices_update(db, &d), ERR_OK);
    struct office back;
    CHECK_INT(offices_get(db, A, "35.10.09.2001", &back), ERR_OK);
    CHECK_STR(back.service_point_since, "2026-12-01");
    CHECK_INT(back.hours.open[6], 480);
    CHECK_STR(back.address, "Jl. <Raya> 'Genteng' \"1\"");
    CHECK(office_is_service_point(&back, "2026-12-01"));
    CHECK(!office_is_service_point(&back, "2026-11-30"));
    d.id = 999999;
    CHECK_INT(offices_update(db, &d), ERR_NOT_FOUND);
}

static void test_regions(void)
{
    struct region r;
    CHECK_INT(regions_get(db, A, "35.10.16", &r), ERR_OK);
    CHECK_STR(r.name, "Banyuwangi");
    CHECK_STR(r.parent, "35.10");
    struct region *kids;
    size_t n;
    CHECK_INT(regions_children(db, A, "35.10", &kids, &n), ERR_OK);
    CHECK_INT(n, 25);
    CHECK_INT(regions_children(db, A, "35.10.16", &kids, &n), ERR_OK);
    CHECK_INT(n, 18);
    CHECK_STR(kids[0].village_kind, "kelurahan");

    /* A file with a bad row imports nothing. */
    const char bad[] = "code,name,district_code,type\n"
                       "35.10.16.1901,\"Baru, \"\"Satu\"\"\",35.10.16,"
                       "kelurahan\n"
                       "35.10.16.19,Rusak,35.10.16,desa\n";
    struct seed_report rep = {0};
    CHECK_INT(seed_regions_csv(db, bad, sizeof(bad) - 1, "bad.csv", &rep),
              ERR_INVALID);
    CHECK_CONTAINS(rep.error, "line 3");
    CHECK_INT(regions_get(db, A, "35.10.16.1901", &r), ERR_NOT_FOUND);
    /* A village whose district is not loaded is refused. */
    const char orphan[] = "code,name,district_code\n"
                          "35.99.01.2001,Nowhere,35.99.01\n";
    struct seed_report rep2 = {0};
    CHECK(seed_regions_csv(db, orphan, sizeof(orphan) - 1, "o.csv", &rep2) !=
          ERR_OK);
    /* A good file with RFC 4180 quoting imports, and again is a no-op. */
    const char good[] = "code,name,district_code,type\r\n"
                        "35.10.16.1901,\"Baru, \"\"Satu\"\"\",35.10.16,"
                        "kelurahan\r\n";
    struct seed_report rep3 = {0};
    CHECK_INT(seed_regions_csv(db, good, sizeof(good) - 1, "g.csv", &rep3),
              ERR_OK);
    CHECK_INT(regions_get(db, A, "35.10.16.1901", &r), ERR_OK);
    CHECK_STR(r.name, "Baru, \"Satu\"");
}

static void test_catalogue_versions(void)
{
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &s), ERR_OK);
    CHECK_INT(s.version, 1);
    CHECK(s.n_reqs >= 2);
    CHECK(s.n_steps >= 3);
    CHECK_INT(s.steps[0].state, STEP_RECEIVED);
    CHECK_INT(s.steps[s.n_steps - 1].state, STEP_READY);
    CHECK(s.comp[COMP_LEGAL].id[0] != '\0');
    const char *old_name = arena_strdup(A, s.name.id);
    size_t old_reqs = s.n_reqs;

    /* A new version with a hostile name; version 1 stays as it was. */
    s.name.id = "<script>alert('x')</script> \"; DROP TABLE services; --";
    s.n_reqs = 1;
    s.reqs[0].mandatory = true;
    int version = 0;
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(catalogue_save(db, &s, 0, T0, &version), ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    CHECK_INT(version, 2);
    struct service_def cur, v1;
    CHECK_INT(catalogue_get(db, A, "SKTM", 0, &cur), ERR_OK);
    CHECK_INT(cur.version, 2);
    CHECK_STR(cur.name.id, s.name.id);
    CHECK_INT(cur.n_reqs, 1);
    CHECK_INT(catalogue_get(db, A, "SKTM", 1, &v1), ERR_OK);
    CHECK_STR(v1.name.id, old_name);
    CHECK_INT(v1.n_reqs, old_reqs);
    CHECK_INT(catalogue_get(db, A, "SKTM", 3, &v1), ERR_NOT_FOUND);
    CHECK_INT(catalogue_get(db, A, "NOPE", 0, &v1), ERR_NOT_FOUND);

    /* Rolled back: nothing of a failed save remains. */
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(catalogue_save(db, &s, 0, T0, &version), ERR_OK);
    db_rollback(db);
    CHECK_INT(catalogue_get(db, A, "SKTM", 3, &v1), ERR_NOT_FOUND);

    /* Filters. */
    struct service_def *items;
    size_t n;
    struct service_filter f = {.level = -1, .q = "domisili"};
    CHECK_INT(catalogue_list(db, A, &f, &items, &n), ERR_OK);
    CHECK(n >= 1);
    for (size_t i = 0; i < n; i++)
        CHECK(strstr(items[i].code, "DOMISILI") != NULL ||
              strstr(items[i].name.id, "omisili") != NULL);
    struct service_filter lv = {.level = OFFICE_DESA};
    CHECK_INT(catalogue_list(db, A, &lv, &items, &n), ERR_OK);
    for (size_t i = 0; i < n; i++)
        CHECK(items[i].accepted_levels & (1u << OFFICE_DESA));
    CHECK_INT(catalogue_set_active(db, "SKTM", false), ERR_OK);
    struct service_filter all = {.level = -1};
    size_t before = 0;
    CHECK_INT(catalogue_list(db, A, &all, &items, &before), ERR_OK);
    for (size_t i = 0; i < before; i++)
        CHECK(strcmp(items[i].code, "SKTM") != 0);
    all.include_inactive = true;
    CHECK_INT(catalogue_list(db, A, &all, &items, &n), ERR_OK);
    CHECK_INT(n, before + 1);
    CHECK_INT(catalogue_set_active(db, "SKTM", true), ERR_OK);
    CHECK_INT(catalogue_set_active(db, "NOPE", true), ERR_NOT_FOUND);
}

/*
 * A version scheduled for a later day (issue 15): before its day every
 * reader gets the current one, from its day the new one, asked by day
 * (catalogue_in_effect(), lists, requirement texts) or by instant in the
 * office's zone (intake_load(), intake_load_at()): the second before the
 * office's midnight and the midnight itself. Withdrawn, then promoted.
 */
static void test_catalogue_scheduled(void)
{
    /* 2027-01-01T00:00:00+07:00, midnight at a WIB office. */
    const int64_t midnight = 1798736400;
    struct service_def s;
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &s), ERR_OK);
    const int v1 = s.version;
    const int old_time = s.time_amount;
    CHECK(s.effective_from == NULL);
    s.time_amount = old_time + 4;
    s.effective_from = "2027-01-01";
    int version = 0;
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(catalogue_save(db, &s, 0, T0, &version), ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    CHECK_INT(version, v1 + 1);

    struct service_def got;
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &got), ERR_OK);
    CHECK_INT(got.version, v1); /* not current until promoted */
    CHECK_INT(catalogue_in_effect(db, A, "DOMISILI", "2026-12-31", &got),
              ERR_OK);
    CHECK_INT(got.version, v1);
    CHECK_INT(got.time_amount, old_time);
    CHECK_INT(catalogue_in_effect(db, A, "DOMISILI", "2027-01-01", &got),
              ERR_OK);
    CHECK_INT(got.version, v1 + 1);
    CHECK_INT(got.time_amount, old_time + 4);
    CHECK_STR(got.effective_from, "2027-01-01");
    CHECK(got.n_reqs > 0 && got.n_steps > 0);
    CHECK_INT(catalogue_in_effect(db, A, "DOMISILI", "2030-06-30", &got),
              ERR_OK);
    CHECK_INT(got.version, v1 + 1);
    CHECK_INT(catalogue_in_effect(db, A, "NOPE", "2027-01-01", &got),
              ERR_NOT_FOUND);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", v1 + 1, &got), ERR_OK);
    CHECK_STR(got.effective_from, "2027-01-01");

    /* Lists (plain and full) by day. */
    static const char *const days[] = {"2026-12-31", "2027-01-01"};
    for (int d = 0; d < 2; d++) {
        struct service_filter f = {.level = -1, .day = days[d]};
        struct service_def *items = NULL;
        size_t n = 0;
        CHECK_INT(catalogue_list(db, A, &f, &items, &n), ERR_OK);
        int seen = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(items[i].code, "DOMISILI") == 0)
                seen = items[i].version;
        CHECK_INT(seen, v1 + d);
        CHECK_INT(catalogue_list_full(db, A, &f, &items, &n), ERR_OK);
        seen = 0;
        for (size_t i = 0; i < n; i++)
            if (strcmp(items[i].code, "DOMISILI") == 0 && items[i].n_reqs > 0 &&
                items[i].n_steps > 0)
                seen = items[i].time_amount;
        CHECK_INT(seen, old_time + 4 * d);
        const char **texts = NULL;
        CHECK_INT(catalogue_requirement_texts(db, A, items, n, days[d], &texts),
                  ERR_OK);
    }

    /* Intake at the office (WIB): the second before its midnight takes
     * the current version, midnight the scheduled one. */
    struct svc_ctx c = {
        .db = db, .arena = A, .now = midnight - 1, .utc_offset_min = 420};
    struct intake_ctx ctx;
    CHECK_INT(intake_load(&c, "35.10.09", "DOMISILI", &ctx), ERR_OK);
    CHECK_INT(ctx.svc.version, v1);
    c.now = midnight;
    CHECK_INT(intake_load(&c, "35.10.09", "DOMISILI", &ctx), ERR_OK);
    CHECK_INT(ctx.svc.version, v1 + 1);
    CHECK_INT(intake_load_at(&c, &ctx, midnight - 1), ERR_OK);
    CHECK_INT(ctx.svc.version, v1);
    CHECK_INT(intake_load_at(&c, &ctx, midnight), ERR_OK);
    CHECK_INT(ctx.svc.version, v1 + 1);

    /* Withdrawn the day before: gone, and the number is free again. */
    int64_t n = -1;
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(catalogue_cancel_scheduled(db, "DOMISILI", "2026-12-31", &n),
              ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(catalogue_in_effect(db, A, "DOMISILI", "2027-01-01", &got),
              ERR_OK);
    CHECK_INT(got.version, v1);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", v1 + 1, &got), ERR_NOT_FOUND);

    /* Scheduled again and promoted by the jobs on its day (not before). */
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(catalogue_save(db, &s, 0, T0, &version), ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    CHECK_INT(version, v1 + 1);
    CHECK_INT(catalogue_promote(db, "2026-12-31", &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &got), ERR_OK);
    CHECK_INT(got.version, v1);
    CHECK_INT(catalogue_promote(db, "2027-01-01", &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(catalogue_get(db, A, "DOMISILI", 0, &got), ERR_OK);
    CHECK_INT(got.version, v1 + 1);
    CHECK_INT(catalogue_promote(db, "2027-01-01", &n), ERR_OK);
    CHECK_INT(n, 0);
    /* In effect now: nothing left to withdraw. */
    CHECK_INT(catalogue_cancel_scheduled(db, "DOMISILI", "2027-01-01", &n),
              ERR_OK);
    CHECK_INT(n, 0);
    struct service_version_info *vs = NULL;
    size_t nv = 0;
    CHECK_INT(catalogue_versions(db, A, "DOMISILI", &vs, &nv), ERR_OK);
    CHECK_INT(nv, (size_t)(v1 + 1));
    if (nv) {
        CHECK_INT(vs[0].version, v1 + 1);
        CHECK(vs[0].current);
        CHECK_STR(vs[0].effective_from, "2027-01-01");
    }
}

static void test_users_sessions(void)
{
    struct user u = {
        .login = "siti", .full_name = "Siti <b>Aminah</b>", .role = ROLE_FRONT};
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    u.office_id = o.id;
    int64_t id = 0, id2 = 0;
    char hash[256];
    CHECK_INT(crypto_password_hash("rahasia-sekali-123", hash, sizeof(hash)),
              ERR_OK);
    int64_t none = 0;
    CHECK_INT(users_create(db, &u, "rahasia-sekali-123", T0, &none),
              ERR_INVALID); /* a password, not its hash: never stored */
    CHECK_INT(users_create(db, &u, hash, T0, &id), ERR_OK);
    CHECK(id > 0);
    CHECK_INT(users_create(db, &u, hash, T0, &id2), ERR_CONFLICT);
    struct user got;
    CHECK_INT(users_get(db, A, "siti", &got), ERR_OK);
    CHECK_STR(got.full_name, "Siti <b>Aminah</b>");
    CHECK_STR(got.office_code, "35.10.09");
    CHECK(crypto_password_verify(got.password_hash, "rahasia-sekali-123"));
    CHECK(!crypto_password_verify(got.password_hash, "rahasia-sekali-124"));
    CHECK(strncmp(got.password_hash, "$argon2id$", 10) == 0);

    char token[65], csrf[65];
    CHECK_INT(sessions_create(db, id, T0, token, csrf), ERR_OK);
    int64_t stored = 0;
    CHECK_INT(db_int(db, &stored,
                     "SELECT COUNT(*) FROM sessions WHERE token_hash = $1",
                     DV_TEXT(token)),
              ERR_OK);
    CHECK_INT(stored, 0); /* only the hash is stored */
    const char *c = NULL;
    struct user who;
    CHECK_INT(sessions_lookup(db, A, token, T0 + 10, &who, &c), ERR_OK);
    CHECK_INT(who.id, id);
    CHECK_STR(c, csrf);
    /* Idle limit: one second past an hour without use. */
    CHECK_INT(sessions_lookup(db, A, token, T0 + SESSION_IDLE_S, &who, &c),
              ERR_OK);
    CHECK_INT(
        sessions_lookup(db, A, token, T0 + 2 * SESSION_IDLE_S + 1, &who, &c),
        ERR_UNAUTH);
    /* Absolute limit, even when used every 30 minutes. */
    char t2[65], c2[65];
    CHECK_INT(sessions_create(db, id, T0, t2, c2), ERR_OK);
    int64_t t = T0;
    bool alive = true;
    while (t < T0 + SESSION_ABSOLUTE_S - 1800) {
        t += 1800;
        alive &= sessions_lookup(db, A, t2, t, &who, &c) == ERR_OK;
    }
    CHECK(alive);
    CHECK_INT(sessions_lookup(db, A, t2, T0 + SESSION_ABSOLUTE_S + 1, &who, &c),
              ERR_UNAUTH);
    /* Disabled users' sessions end. */
    char t3[65], c3[65];
    CHECK_INT(sessions_create(db, id, T0, t3, c3), ERR_OK);
    got.disabled = true;
    CHECK_INT(users_update(db, &got, T0), ERR_OK);
    CHECK_INT(sessions_lookup(db, A, t3, T0 + 1, &who, &c), ERR_UNAUTH);
    got.disabled = false;
    CHECK_INT(users_update(db, &got, T0), ERR_OK);
    CHECK_INT(sessions_lookup(db, A, "short", T0, &who, &c), ERR_UNAUTH);
}

static void test_apikeys(void)
{
    struct user u;
    CHECK_INT(users_get(db, A, "siti", &u), ERR_OK);
    char key[56];
    int64_t id = 0;
    CHECK_INT(apikeys_create(db, u.id, "kiosk", T0, key, &id), ERR_OK);
    CHECK_INT(strlen(key), 51);
    CHECK(strncmp(key, "sp_", 3) == 0);
    struct user who;
    CHECK_INT(apikeys_lookup(db, A, key, T0, &who), ERR_OK);
    CHECK_STR(who.login, "siti");
    char wrong[56];
    memcpy(wrong, key, sizeof(wrong));
    wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
    CHECK_INT(apikeys_lookup(db, A, wrong, T0, &who), ERR_UNAUTH);
    CHECK_INT(apikeys_revoke(db, id, T0 + 5), ERR_OK);
    CHECK_INT(apikeys_revoke(db, id, T0 + 6), ERR_NOT_FOUND);
    CHECK_INT(apikeys_lookup(db, A, key, T0 + 7, &who), ERR_UNAUTH);
    struct api_key *keys;
    size_t n;
    CHECK_INT(apikeys_list(db, A, &keys, &n), ERR_OK);
    CHECK(n >= 1);
    CHECK_INT(keys[n - 1].revoked_at, T0 + 5);
}

static void test_throttle(void)
{
    /* Windows of 900 s that open at the first hit: any instant starts
     * one (here start + 1, not a multiple of 900). */
    const int64_t w = 900, start = T0 - T0 % 900 + 7;
    int64_t n = -1;
    CHECK_INT(throttle_count(db, "k:a", w, start, &n), ERR_OK);
    CHECK_INT(n, 0);
    for (int i = 1; i <= 3; i++) {
        CHECK_INT(throttle_hit(db, "k:a", w, start + i, &n), ERR_OK);
        CHECK_INT(n, i);
    }
    /* The window is [start + 1, start + 1 + w): a clock-aligned window
     * would have ended at the next multiple of 900 and split a burst. */
    CHECK_INT(throttle_count(db, "k:a", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 3); /* the last second of the window */
    CHECK_INT(throttle_count(db, "k:a", w, start + 1 + w, &n), ERR_OK);
    CHECK_INT(n, 0); /* the next window starts from nothing */
    CHECK_INT(throttle_hit(db, "k:a", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 4); /* still the first window */
    CHECK_INT(throttle_hit(db, "k:a", w, start + 1 + w, &n), ERR_OK);
    CHECK_INT(n, 1); /* a new window, opened by this hit */
    CHECK_INT(throttle_count(db, "k:a", w, start + 2 * w, &n), ERR_OK);
    CHECK_INT(n, 1);
    /* From here on, start + w is inside k:a's second window. */
    CHECK_INT(throttle_refund(db, "k:a", w, start + w + 2), ERR_OK);
    CHECK_INT(throttle_hit(db, "k:a", w, start + w + 2, &n), ERR_OK);
    CHECK_INT(n, 1);
    /* Refunds never go below zero; other keys are untouched. */
    CHECK_INT(throttle_hit(db, "k:b", w, start + w, &n), ERR_OK);
    CHECK_INT(throttle_refund(db, "k:a", w, start + w), ERR_OK);
    CHECK_INT(throttle_refund(db, "k:a", w, start + w), ERR_OK);
    CHECK_INT(throttle_count(db, "k:a", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(throttle_count(db, "k:b", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 1);
    /* Prefixes: "k:" clears both, "k:%" (LIKE syntax) nothing. */
    CHECK_INT(throttle_hit(db, "k:%x", w, start + w, &n), ERR_OK);
    CHECK_INT(throttle_clear_prefix(db, "k:%"), ERR_OK);
    CHECK_INT(throttle_count(db, "k:b", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(throttle_count(db, "k:%x", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(throttle_clear(db, "k:b"), ERR_OK);
    CHECK_INT(throttle_count(db, "k:b", w, start + w, &n), ERR_OK);
    CHECK_INT(n, 0);
    /* Expiry: a counter lives until its window's end. */
    CHECK_INT(throttle_hit(db, "k:c", w, start, &n), ERR_OK);
    int64_t gone = -1;
    CHECK_INT(throttle_expire(db, start + w - 1, &gone), ERR_OK);
    CHECK_INT(throttle_count(db, "k:c", w, start, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(throttle_expire(db, start + w, &gone), ERR_OK);
    CHECK(gone >= 1);
    CHECK_INT(throttle_count(db, "k:c", w, start, &n), ERR_OK);
    CHECK_INT(n, 0);
}

/* A sign-in as the web's does it: the attempt, and on success the
 * success's writes (in the session's transaction there). */
static enum err sign_in(const struct svc_ctx *c, const char *login,
                        const char *password, struct user *u,
                        enum signin_outcome *o)
{
    enum err rc = signin_attempt(c, login, password, u, o);
    if (rc == ERR_OK && *o == SIGNIN_OK)
        rc = signin_succeeded(c, u);
    return rc;
}

static void test_signin(void)
{
    struct user u = {.login = "wati", .full_name = "Wati", .role = ROLE_FRONT};
    CHECK_INT(offices_get_by_id(db, A, 1, &(struct office){0}), ERR_OK);
    u.office_id = 1;
    int64_t id = 0;
    char hash[256];
    CHECK_INT(crypto_password_hash("benar-sekali-123", hash, sizeof(hash)),
              ERR_OK);
    CHECK_INT(users_create(db, &u, hash, T0, &id), ERR_OK);
    struct svc_ctx office = {
        .db = db, .arena = A, .now = T0, .addr = "10.1.0.1"};
    struct svc_ctx stranger = office;
    stranger.addr = "10.66.6.6";
    struct user got;
    enum signin_outcome o;
    /* The office signs in once: its address becomes known. */
    CHECK_INT(sign_in(&office, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_OK);
    /* A stranger's five wrong guesses: then that address is held back,
     * even with the right password... */
    for (int i = 0; i < SIGNIN_PAIR_MAX; i++) {
        CHECK_INT(sign_in(&stranger, "wati", "salah", &got, &o), ERR_OK);
        CHECK_INT(o, SIGNIN_WRONG);
    }
    CHECK_INT(sign_in(&stranger, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_THROTTLED);
    /* ...but the officer at the office is not locked out. */
    CHECK_INT(sign_in(&office, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_OK);
    /* An account under attack from many addresses: only the addresses it
     * signed in from may still try. */
    int64_t n = 0;
    for (int i = 0; i < SIGNIN_ACCOUNT_MAX; i++)
        CHECK_INT(throttle_hit(db, "signin:account:wati",
                               SIGNIN_ACCOUNT_WINDOW_S, T0, &n),
                  ERR_OK);
    struct svc_ctx fresh = office;
    fresh.addr = "10.77.7.7";
    CHECK_INT(sign_in(&fresh, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_THROTTLED);
    CHECK_INT(sign_in(&office, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_OK);
    /* Forgetting (an administrator's reset) lets everyone try again. */
    CHECK_INT(signin_forget(&office, "wati"), ERR_OK);
    CHECK_INT(sign_in(&stranger, "wati", "benar-sekali-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_OK);
    /* An unknown user answers like a wrong password. */
    CHECK_INT(sign_in(&office, "nobody", "whatever-123", &got, &o), ERR_OK);
    CHECK_INT(o, SIGNIN_WRONG);
    /* Per address over all accounts: reservations are given back on
     * success, so staff sharing an address never block one another. */
    struct svc_ctx shared = office;
    shared.addr = "10.2.0.2";
    shared.now = T0 + 3600;
    for (int i = 0; i < SIGNIN_ADDR_MAX + 5; i++) {
        CHECK_INT(sign_in(&shared, "wati", "benar-sekali-123", &got, &o),
                  ERR_OK);
        CHECK_INT(o, SIGNIN_OK);
    }
}

static void test_devices_replays(void)
{
    char token[DEVICE_TOKEN_HEX + 1];
    int64_t id = 0;
    CHECK_INT(devices_create(db, 1, "Tablet pintu keluar", 0, T0, token, &id),
              ERR_OK);
    CHECK_INT(strlen(token), DEVICE_TOKEN_HEX);
    struct device d;
    CHECK_INT(devices_lookup(db, A, token, T0 + 1, &d), ERR_OK);
    CHECK_INT(d.office_id, 1);
    CHECK_STR(d.label, "Tablet pintu keluar");
    CHECK_INT(d.last_seen_at, 0); /* noted, the row read before */
    CHECK_INT(devices_lookup(db, A, token, T0 + 2, &d), ERR_OK);
    CHECK_INT(d.last_seen_at, T0 + 1);
    char wrong[DEVICE_TOKEN_HEX + 1];
    memcpy(wrong, token, sizeof(wrong));
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    CHECK_INT(devices_lookup(db, A, wrong, T0, &d), ERR_NOT_FOUND);
    CHECK_INT(devices_lookup(db, A, "short", T0, &d), ERR_NOT_FOUND);
    CHECK_INT(devices_lookup(db, A, NULL, T0, &d), ERR_NOT_FOUND);
    struct device *items;
    size_t n = 0;
    CHECK_INT(devices_list(db, A, 1, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(devices_list(db, A, 2, &items, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(devices_revoke(db, id, T0 + 3), ERR_OK);
    CHECK_INT(devices_revoke(db, id, T0 + 4), ERR_NOT_FOUND);
    CHECK_INT(devices_lookup(db, A, token, T0 + 5, &d), ERR_OK);
    CHECK_INT(d.revoked_at, T0 + 3); /* known, and revoked */

    struct replay r = {.status = 201, .body = "P-1", .secret = "rahasia"};
    CHECK_INT(replays_put(db, "form", "tok-1", T0, &r), ERR_OK);
    CHECK_INT(replays_put(db, "form", "tok-1", T0 + 1, &r), ERR_CONFLICT);
    CHECK_INT(replays_put(db, "idem:7", "tok-1", T0, &r), ERR_OK);
    struct replay got;
    CHECK_INT(replays_get(db, A, "form", "tok-1", T0, &got), ERR_OK);
    CHECK_STR(got.body, "P-1");
    CHECK_INT(got.status, 201);
    CHECK_INT(replays_get(db, A, "form", "tok-1", T0 + 1, &got),
              ERR_NOT_FOUND); /* older than asked for */
    CHECK_INT(replays_get(db, A, "form", "tok-2", T0, &got), ERR_NOT_FOUND);
    const char *secret = NULL;
    CHECK_INT(replays_take_secret(db, A, "form", "tok-1", &secret), ERR_OK);
    CHECK_STR(secret, "rahasia");
    CHECK_INT(replays_take_secret(db, A, "form", "tok-1", &secret), ERR_OK);
    CHECK(secret == NULL); /* shown once */
    /* After the keeping time the same key may be used again. */
    CHECK_INT(replays_put(db, "form", "tok-1", T0 + REPLAY_KEEP_S + 1, &r),
              ERR_OK);
    CHECK_INT(replays_expire(db, T0 + 3 * REPLAY_KEEP_S), ERR_OK);
    CHECK_INT(replays_get(db, A, "idem:7", "tok-1", 0, &got), ERR_NOT_FOUND);
}

static void test_audit_append_only(void)
{
    CHECK_INT(audit_append(db, 0, "cli", "create", "user", "siti", NULL,
                           "{\"a\":1}", "127.0.0.1", T0),
              ERR_OK);
    struct audit_entry *items;
    size_t n;
    CHECK_INT(audit_list(db, A, "user", "siti", 10, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_STR(items[0].after_json, "{\"a\":1}");
    int64_t changed = 0;
    CHECK(db_run(db, &changed, "UPDATE audit_log SET actor = $1",
                 DV_TEXT("mallory")) != ERR_OK);
    CHECK(db_run(db, &changed, "DELETE FROM audit_log WHERE id > $1",
                 DV_INT(0)) != ERR_OK);
    CHECK_INT(audit_list(db, A, NULL, NULL, 10, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_STR(items[0].actor, "cli");
}

static void test_workcal(void)
{
    struct holiday *h;
    size_t n;
    CHECK_INT(workcal_holidays(db, A, 2026, &h, &n), ERR_OK);
    CHECK_INT(n, 25); /* 17 national holidays + 8 collective leave days */
    CHECK_STR(h[0].day, "2026-01-01");
    int *years;
    size_t n_years;
    CHECK_INT(workcal_years(db, A, &years, &n_years), ERR_OK);
    CHECK_INT(n_years, 1);
    CHECK_INT(years[0], 2026);
    /* A file with one bad line imports nothing, marks no year. */
    const char bad[] = "date,kind,name_id,name_en\n"
                       "2027-01-01,libur_nasional,Tahun Baru,New Year\n"
                       "2027-02-30,libur_nasional,Rusak,Broken\n";
    int64_t rows = 0;
    const char *error = NULL;
    CHECK_INT(workcal_import_csv(db, A, bad, sizeof(bad) - 1, "bad", T0, &rows,
                                 &error),
              ERR_INVALID);
    CHECK_CONTAINS(error, "line 3");
    CHECK_INT(workcal_holidays(db, A, 2027, &h, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(workcal_years(db, A, &years, &n_years), ERR_OK);
    CHECK_INT(n_years, 1);
    const char good[] = "date,kind,name_id,name_en\n"
                        "2027-01-01,libur_nasional,Tahun Baru,New Year\n";
    CHECK_INT(workcal_import_csv(db, A, good, sizeof(good) - 1, "good", T0,
                                 &rows, &error),
              ERR_OK);
    CHECK_INT(workcal_years(db, A, &years, &n_years), ERR_OK);
    CHECK_INT(n_years, 2);
    /* The office calendar: holidays and the office's own closures. */
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(workcal_put_closure(db, o.id, "2026-07-01", "Renovasi"), ERR_OK);
    struct calendar cal;
    CHECK_INT(workcal_load(db, A, &o, &cal), ERR_OK);
    CHECK_INT(cal.n_closed, 25 + 1 + 1);
    struct civil_date d = {2026, 7, 1};
    CHECK(!cal_is_working_day(&cal, civil_to_days(d), NULL));
    d.day = 2;
    CHECK(cal_is_working_day(&cal, civil_to_days(d), NULL));
    struct office other;
    CHECK_INT(offices_get(db, A, "35.10.17", &other), ERR_OK);
    CHECK_INT(workcal_load(db, A, &other, &cal), ERR_OK);
    CHECK_INT(cal.n_closed, 25 + 1);
    CHECK_INT(workcal_delete_closure(db, o.id, "2026-07-01"), ERR_OK);
    CHECK_INT(workcal_delete_closure(db, o.id, "2026-07-01"), ERR_NOT_FOUND);
}

static void test_applications(void)
{
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    int64_t service_id = 0;
    CHECK_INT(db_int(db, &service_id, "SELECT id FROM services WHERE code = $1",
                     DV_TEXT("DOMISILI")),
              ERR_OK);
    int number = 0;
    CHECK_INT(applications_office_number(db, o.id, &number), ERR_OK);
    CHECK(number >= 1 && number <= 999);
    /* Serials count up per office and year. */
    int64_t s1 = 0, s2 = 0, s3 = 0;
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(applications_next_serial(db, o.id, 2026, &s1), ERR_OK);
    CHECK_INT(applications_next_serial(db, o.id, 2026, &s2), ERR_OK);
    CHECK_INT(applications_next_serial(db, o.id, 2027, &s3), ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    CHECK_INT(s1, 1);
    CHECK_INT(s2, 2);
    CHECK_INT(s3, 1);

    struct application a = {0};
    char regno[REGNO_MAX];
    regno_format(2026, number, s2, regno);
    a.regno = regno;
    a.pin = "123456";
    a.office_id = o.id;
    a.service_version = 1;
    a.nik = "3510164101900123";
    a.citizen_name = "Siti <Aminah>";
    a.phone = "081234567890";
    a.state = APPL_RECEIVED;
    a.next_step = 1;
    a.submitted_at = T0;
    a.promised_at = T0 + 86400;
    const char *reqs[] = {"KTP", "KK"};
    CHECK_INT(db_begin(db), ERR_OK);
    CHECK_INT(applications_insert(db, &a, reqs, 2, service_id, 0, "siti"),
              ERR_OK);
    CHECK_INT(db_commit(db), ERR_OK);
    struct application got;
    CHECK_INT(applications_get(db, A, regno, &got), ERR_OK);
    CHECK_STR(got.citizen_name, "Siti <Aminah>");
    CHECK_STR(got.service_code, "DOMISILI");
    CHECK_STR(got.office_code, "35.10.09");
    CHECK_INT(got.version, 1);
    const char **codes;
    size_t n;
    CHECK_INT(applications_requirements(db, A, got.id, &codes, &n), ERR_OK);
    CHECK_INT(n, 2);
    /* The same number twice is refused by the database. */
    struct application dup = a;
    CHECK_INT(applications_insert(db, &dup, reqs, 0, service_id, 0, "x"),
              ERR_CONFLICT);

    /* An action with the version seen; a second with the same version
     * loses (no lost update). */
    struct application next = got;
    next.state = APPL_VERIFIED;
    next.next_step = 2;
    struct appl_event ev = {.at = T0 + 60,
                            .actor = "budi",
                            .action = "step",
                            .step_code = "VERIF",
                            .state_after = APPL_VERIFIED};
    CHECK_INT(applications_apply(db, &next, 1, &ev, 0), ERR_OK);
    CHECK_INT(applications_apply(db, &next, 1, &ev, 0), ERR_CONFLICT);
    struct appl_event *events;
    CHECK_INT(applications_events(db, A, got.id, &events, &n), ERR_OK);
    CHECK_INT(n, 2);
    CHECK_STR(events[0].action, "submit");
    CHECK_STR(events[1].step_code, "VERIF");
    CHECK(db_run(db, NULL, "DELETE FROM application_events WHERE id > $1",
                 DV_INT(0)) != ERR_OK);

    struct application *items;
    struct appl_filter f = {.office_id = o.id, .state = -1, .open_only = true};
    CHECK_INT(applications_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    f.q = "aminah";
    CHECK_INT(applications_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    f.q = "3510164101900123";
    CHECK_INT(applications_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 1);
    f.q = "%";
    CHECK_INT(applications_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 0);
    int64_t counts[APPL_STATE__COUNT];
    f.q = NULL;
    CHECK_INT(applications_count_states(db, &f, counts), ERR_OK);
    CHECK_INT(counts[APPL_VERIFIED], 1);
    int64_t same = 0;
    CHECK_INT(applications_open_same(db, a.nik, "DOMISILI", &same), ERR_OK);
    CHECK_INT(same, 1);

    /* Tracking: the PIN opens it; ten failures from anywhere guard the
     * number, after which the PIN alone no longer does, the PIN with the
     * birth date in the NIK does (1990-01-01: day 41 = a woman's 1st). */
    struct svc_ctx c = {.db = db, .arena = A, .now = T0, .addr = "10.1.1.1"};
    struct track_query q = {TRACK_APPLICATION, regno, "123456", NULL};
    struct track_result r;
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_FOUND);
    CHECK_STR(r.app.regno, regno);
    q.pin = "654321";
    for (int i = 0; i < GUARD_NUMBER_MAX; i++) {
        c.addr = i % 2 ? "10.3.3.3" : "10.4.4.4";
        CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
        CHECK_INT(r.outcome, TRACK_NO_MATCH);
        CHECK(r.app.nik == NULL); /* nothing leaks on a failure */
    }
    c.addr = "10.5.5.5";
    q.pin = "123456";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_NEEDS_FACT);
    q.pin = "000000";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_NEEDS_FACT); /* says nothing about the PIN */
    q.pin = "123456";
    q.fact = "1990-01-02";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_NO_MATCH);
    q.fact = "1990-01-01";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_FOUND);
    q.fact = "01-01-1990";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_FOUND);
    /* After the 30-day window the PIN alone works again. */
    c.now = T0 + GUARD_NUMBER_WINDOW_S;
    q.fact = NULL;
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_FOUND);
    /* One address that failed too often is held back, whatever it asks. */
    c.addr = "10.6.6.6";
    q.pin = "999999";
    for (int i = 0; i < GUARD_ADDR_MAX; i++)
        CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    q.pin = "123456";
    q.fact = "1990-01-01";
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_THROTTLED);
    /* A typing error is answered at once and counts nothing. */
    c.addr = "10.7.7.7";
    char typo[REGNO_MAX];
    snprintf(typo, sizeof(typo), "%s", regno);
    typo[strlen(typo) - 1] = typo[strlen(typo) - 1] == '1' ? '2' : '1';
    q.number = typo;
    for (int i = 0; i < GUARD_ADDR_MAX + 1; i++)
        CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_BAD_CHECK);
    q.number = regno;
    CHECK_INT(track_lookup(&c, &q, &r), ERR_OK);
    CHECK_INT(r.outcome, TRACK_FOUND);
}

static void test_complaints(void)
{
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    struct complaint c = {.number = "P-26-073-00001-0",
                          .pin = "123456",
                          .token = "tok1",
                          .office_id = o.id,
                          .category = "waiting_time",
                          .body = "Antrean <lama> 'sekali'",
                          .identity = CID_ANONYMOUS,
                          .channel = "paper",
                          .state = CMP_RECEIVED,
                          .received_at = T0,
                          .deadline_at = T0 + 1000,
                          .updated_at = T0};
    CHECK_INT(complaints_insert(db, &c, "petugas"), ERR_OK);
    struct complaint d = c;
    d.number = "P-26-073-00002-9";
    d.token = "tok2";
    d.deadline_at = T0 + 5000;
    CHECK_INT(complaints_insert(db, &d, "petugas"), ERR_OK);
    /* Nothing is overdue before the deadline. */
    int64_t n = -1;
    CHECK_INT(complaints_escalate(db, T0 + 1000, &n), ERR_OK);
    CHECK_INT(n, 0);
    /* One second past: escalated once, and never again. */
    CHECK_INT(complaints_escalate(db, T0 + 1001, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(complaints_escalate(db, T0 + 2000, &n), ERR_OK);
    CHECK_INT(n, 0);
    struct complaint got;
    CHECK_INT(complaints_get(db, A, c.number, &got), ERR_OK);
    CHECK_INT(got.escalated_at, T0 + 1001);
    CHECK_STR(got.escalation_reason, "verification_overdue");
    CHECK_STR(got.body, "Antrean <lama> 'sekali'");
    struct complaint_event *ev;
    size_t ne;
    CHECK_INT(complaints_events(db, A, got.id, &ev, &ne), ERR_OK);
    CHECK_INT(ne, 2);
    CHECK_STR(ev[1].action, "escalate");
    /* Answered, then the reply window passes: closed by the job. */
    CHECK_INT(complaints_get(db, A, d.number, &got), ERR_OK);
    got.state = CMP_ANSWERED;
    got.answered_at = T0 + 100;
    got.deadline_at = T0 + 100 + 10 * 86400;
    got.public_answer = "Sudah ditangani";
    struct complaint_event e = {.at = T0 + 100,
                                .actor = "camat",
                                .action = "answer",
                                .state_after = CMP_ANSWERED};
    CHECK_INT(complaints_apply(db, &got, 1, &e), ERR_OK);
    CHECK_INT(complaints_apply(db, &got, 1, &e), ERR_CONFLICT);
    CHECK_INT(complaints_escalate(db, T0 + 20 * 86400, &n), ERR_OK);
    CHECK_INT(n, 0); /* answered: no escalation */
    CHECK_INT(complaints_autoclose(db, T0 + 100 + 10 * 86400, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(complaints_autoclose(db, T0 + 101 + 10 * 86400, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(complaints_get(db, A, d.number, &got), ERR_OK);
    CHECK_INT(got.state, CMP_CLOSED);
    /* Lists: the Sekkab's, and by numbers. */
    struct complaint *items;
    size_t ni;
    struct complaint_filter f = {
        .state = -1, .escalated_only = true, .limit = 10};
    CHECK_INT(complaints_list(db, A, &f, &items, &ni), ERR_OK);
    CHECK_INT(ni, 1);
    const char *nums[] = {d.number};
    struct complaint_filter g = {
        .state = -1, .numbers = nums, .n_numbers = 1, .limit = 10};
    CHECK_INT(complaints_list(db, A, &g, &items, &ni), ERR_OK);
    CHECK_INT(ni, 1);
    CHECK_STR(items[0].number, d.number);
    /* Photos round trip byte for byte. */
    unsigned char png[] = {0x89, 'P',  'N', 'G',  '\r', '\n',
                           0x1a, '\n', 0,   0xff, 0x00, 0x7f};
    int64_t pid = 0;
    CHECK_INT(photos_put(db, "image/png", png, sizeof(png), T0, &pid), ERR_OK);
    const char *mime;
    unsigned char *data;
    size_t len = 0;
    CHECK_INT(photos_get(db, A, pid, &mime, &data, &len), ERR_OK);
    CHECK_INT(len, sizeof(png));
    CHECK(memcmp(data, png, sizeof(png)) == 0);
    CHECK(db_run(db, NULL, "DELETE FROM complaint_events WHERE id > $1",
                 DV_INT(0)) != ERR_OK);
}

/* Numbers of a complaint list, in order, joined by spaces (arena). */
static const char *list_numbers(const struct complaint_filter *f)
{
    struct complaint *items = NULL;
    size_t n = 0;
    if (complaints_list(db, A, f, &items, &n) != ERR_OK)
        return "(error)";
    const char *out = "";
    for (size_t i = 0; i < n; i++)
        out =
            arena_printf(A, "%s%s%s", out, i ? " " : "", items[i].number + 14);
    return out;
}

static void test_complaints_list(void)
{
    /* Five complaints about one office, three received in one second;
     * the list is one query whatever the filter (numbers end "-0n"). */
    struct office o;
    CHECK_INT(offices_get(db, A, "35.10.10", &o), ERR_OK);
    const int64_t t1 = T0 + 100000;
    struct {
        const char *number, *category;
        enum complaint_state state;
        int64_t at, deadline;
    } rows[] = {
        {"P-26-074-0001-01", "waiting_time", CMP_RECEIVED, t1, t1 + 300},
        {"P-26-074-0001-02", "fees", CMP_RECEIVED, t1, t1 + 100},
        {"P-26-074-0001-03", "staff_behaviour", CMP_CLOSED, t1, 0},
        {"P-26-074-0001-04", "fees", CMP_REJECTED, t1 + 10, 0},
        {"P-26-074-0001-05", "waiting_time", CMP_ANSWERED, t1 + 20, t1 + 50},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        struct complaint c = {.number = rows[i].number,
                              .pin = "123456",
                              .token = rows[i].number,
                              .office_id = o.id,
                              .category = rows[i].category,
                              .body = "isi",
                              .identity = CID_ANONYMOUS,
                              .channel = "paper",
                              .state = rows[i].state,
                              .received_at = rows[i].at,
                              .deadline_at = rows[i].deadline,
                              .updated_at = rows[i].at};
        CHECK_INT(complaints_insert(db, &c, "petugas"), ERR_OK);
    }
    /* By deadline (earliest first, none last), or newest first. */
    struct complaint_filter f = {.office_id = o.id, .state = -1};
    CHECK_STR(list_numbers(&f), "05 02 01 03 04");
    f.newest_first = true;
    CHECK_STR(list_numbers(&f), "05 04 03 02 01");
    /* Pages after a key: the rows of one second are neither repeated nor
     * skipped. */
    f.limit = 2;
    CHECK_STR(list_numbers(&f), "05 04");
    f.after_at = t1 + 10;
    f.after_id = 0;
    struct complaint *items;
    size_t n;
    CHECK_INT(complaints_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 2);
    f.after_id = items[0].id; /* 05's id: after_at alone is not a key */
    f.after_at = t1 + 20;
    CHECK_STR(list_numbers(&f), "04 03");
    CHECK_INT(complaints_list(db, A, &f, &items, &n), ERR_OK);
    f.after_at = items[1].received_at;
    f.after_id = items[1].id;
    CHECK_STR(list_numbers(&f), "02 01");
    f.after_at = t1;
    CHECK_INT(complaints_list(db, A, &f, &items, &n), ERR_OK);
    f.after_id = items[1].id;
    CHECK_STR(list_numbers(&f), "");
    f.limit = 0;
    f.after_at = f.after_id = 0;
    /* Open and closed in Open311's sense; categories as a list. */
    f.open_only = true;
    CHECK_STR(list_numbers(&f), "05 02 01");
    f.open_only = false;
    f.closed_only = true;
    CHECK_STR(list_numbers(&f), "04 03");
    f.closed_only = false;
    const char *cats[] = {"fees", "staff_behaviour"};
    f.categories = cats;
    f.n_categories = 2;
    CHECK_STR(list_numbers(&f), "04 03 02");
    f.n_categories = 1;
    CHECK_STR(list_numbers(&f), "04 02");
    f.categories = NULL;
    /* Numbers: exactly those named (a number's text is matched whole, so
     * one number is never found inside another). */
    const char *nums[] = {"P-26-074-0001-01", "P-26-074-0001-0", "04"};
    f.numbers = nums;
    f.n_numbers = 3;
    CHECK_STR(list_numbers(&f), "01");
    /* The received window [from, to). */
    f.numbers = NULL;
    f.from = t1 + 10;
    f.to = t1 + 20;
    CHECK_STR(list_numbers(&f), "04");
    f.from = f.to = 0;
    /* Lists longer than their caps are refused, not cut. */
    const char *many[COMPLAINT_LIST_NUMBERS + 1];
    for (size_t i = 0; i <= COMPLAINT_LIST_NUMBERS; i++)
        many[i] = "P-26-074-0001-01";
    f.numbers = many;
    f.n_numbers = COMPLAINT_LIST_NUMBERS;
    CHECK_STR(list_numbers(&f), "01");
    f.n_numbers = COMPLAINT_LIST_NUMBERS + 1;
    CHECK_INT(complaints_list(db, A, &f, &items, &n), ERR_INVALID);
    f.numbers = NULL;
    const char *many_cats[COMPLAINT_LIST_CATEGORIES + 1];
    for (size_t i = 0; i <= COMPLAINT_LIST_CATEGORIES; i++)
        many_cats[i] = "fees";
    f.categories = many_cats;
    f.n_categories = COMPLAINT_LIST_CATEGORIES;
    CHECK_STR(list_numbers(&f), "04 02");
    f.n_categories = COMPLAINT_LIST_CATEGORIES + 1;
    CHECK_INT(complaints_list(db, A, &f, &items, &n), ERR_INVALID);
}

/* Office readiness on both drivers: the checklist, append-only
 * assessments, findings with guarded updates, escalation at the exact
 * instant, reports and referrals, socialisation, the summary. */
static void test_readiness(void)
{
    struct office o, to;
    CHECK_INT(offices_get(db, A, "35.10.09", &o), ERR_OK);
    CHECK_INT(offices_get(db, A, "35.10.10", &to), ERR_OK);
    struct facility_item *list;
    size_t n_list = 0;
    CHECK_INT(facilities_list(db, A, &list, &n_list), ERR_OK);
    CHECK(n_list >= 12);
    struct assessment_item items[2] = {
        {"toilet", {"Toilet bersih", "Clean toilet"}, true, FAC_MET, "ok", 0},
        {"parking", {"Parkir", "Parking"}, true, FAC_PARTLY, NULL, 0}};
    struct readiness_item sc[2] = {{true, FAC_MET}, {true, FAC_PARTLY}};
    struct assessment as = {.office_id = o.id,
                            .assessed_on = "2026-09-21",
                            .created_at = T0,
                            .actor = "camat",
                            .score = readiness_score(sc, 2),
                            .items = items,
                            .n_items = 2};
    CHECK_INT(assessments_insert(db, &as, 0), ERR_OK);
    struct assessment got;
    CHECK_INT(assessments_latest(db, A, o.id, &got), ERR_OK);
    CHECK_INT(got.score.pct, 50);
    CHECK_INT(got.n_items, 2);
    CHECK_STR(got.items[1].code, "parking");
    CHECK_INT(got.items[1].status, FAC_PARTLY);
    CHECK(got.items[1].note == NULL);
    CHECK_INT(assessments_latest(db, A, to.id, &got), ERR_NOT_FOUND);
    /* Append-only on both drivers. */
    CHECK(db_run(db, NULL,
                 "UPDATE assessments SET score_pct = 100 WHERE"
                 " id = $1",
                 DV_INT(as.id)) != ERR_OK);
    CHECK(db_run(db, NULL,
                 "DELETE FROM assessment_items WHERE"
                 " assessment_id = $1",
                 DV_INT(as.id)) != ERR_OK);
    /* A finding due at T0 + 1000. */
    struct finding f = {.item_code = "parking",
                        .observed = FAC_NOT_MET,
                        .text = "Tanpa atap",
                        .due_days = 2,
                        .due_at = T0 + 1000};
    int64_t insp = 0;
    CHECK_INT(inspections_insert(db, o.id, "2026-09-21", NULL, T0, 0,
                                 "pemeriksa", &f, 1, &insp),
              ERR_OK);
    int64_t last = 0;
    CHECK_INT(inspections_last(db, o.id, &last), ERR_OK);
    CHECK_INT(last, T0);
    CHECK_INT(inspections_last(db, to.id, &last), ERR_OK);
    CHECK_INT(last, 0);
    int64_t n = -1;
    CHECK_INT(readiness_escalate(db, T0 + 1000, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(readiness_escalate(db, T0 + 1001, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(readiness_escalate(db, T0 + 5000, &n), ERR_OK);
    CHECK_INT(n, 0);
    struct finding g;
    CHECK_INT(findings_get(db, A, f.id, &g), ERR_OK);
    CHECK_STR(g.escalation_reason, "finding_overdue");
    CHECK_STR(g.item_name.en, "Safe and comfortable parking");
    /* Guarded: the version seen. */
    g.state = FINDING_ANSWERED;
    g.answered_at = T0 + 2000;
    g.answer = "Sudah";
    struct readiness_event ev = {T0 + 2000, "camat", "answer", "Sudah", 0};
    CHECK_INT(findings_apply(db, &g, 1, &ev), ERR_OK);
    CHECK_INT(findings_apply(db, &g, 1, &ev), ERR_CONFLICT);
    struct readiness_event *evs;
    size_t ne = 0;
    CHECK_INT(readiness_events_of(db, A, "finding", f.id, &evs, &ne), ERR_OK);
    CHECK_INT(ne, 3); /* create, escalate, answer */
    CHECK_STR(evs[1].action, "escalate");
    /* A report, acknowledged late: escalated once. */
    struct inability_report r = {.office_id = o.id,
                                 .services = "SKTM",
                                 .reasons = "staff",
                                 .details = "d",
                                 .support_requested = "s",
                                 .expected_by = "2026-12-31",
                                 .created_at = T0,
                                 .actor = "camat",
                                 .ack_due_at = T0 + 3000,
                                 .decision = -1};
    CHECK_INT(inability_insert(db, &r, 0), ERR_OK);
    CHECK_INT(readiness_escalate(db, T0 + 3000, &n), ERR_OK);
    CHECK_INT(n, 0);
    CHECK_INT(readiness_escalate(db, T0 + 3001, &n), ERR_OK);
    CHECK_INT(n, 1);
    struct inability_report rr;
    CHECK_INT(inability_get(db, A, r.id, &rr), ERR_OK);
    CHECK_STR(rr.escalation_reason, "inability_unacknowledged");
    CHECK_INT(rr.decision, -1);
    rr.state = INS_DECIDED;
    rr.decision = IND_REFER;
    rr.decided_at = rr.acknowledged_at = T0 + 4000;
    rr.refer_to_office_id = to.id;
    rr.until_day = "2026-10-31";
    struct readiness_event dev = {T0 + 4000, "sekda", "decide", NULL, 0};
    CHECK_INT(inability_apply(db, &rr, 1, &dev), ERR_OK);
    CHECK_INT(referrals_insert(db, &rr, "2026-09-22", T0 + 4000), ERR_OK);
    struct referral ref;
    bool found = false;
    CHECK_INT(referral_for(db, A, o.id, "SKTM", "2026-09-21", &ref, &found),
              ERR_OK);
    CHECK(!found); /* the day before it starts */
    CHECK_INT(referral_for(db, A, o.id, "SKTM", "2026-10-31", &ref, &found),
              ERR_OK);
    CHECK(found);
    CHECK_STR(ref.to_code, "35.10.10");
    CHECK_INT(referral_for(db, A, o.id, "SKTM", "2026-11-01", &ref, &found),
              ERR_OK);
    CHECK(!found);
    CHECK_INT(referral_for(db, A, o.id, "AKTA", "2026-10-01", &ref, &found),
              ERR_OK);
    CHECK(!found);
    /* Socialisation and the district report. */
    struct socialisation s = {.office_id = o.id,
                              .held_on = "2026-09-01",
                              .forum = FORUM_MAJELIS_TAKLIM,
                              .place = "Masjid",
                              .village_code = "35.10.09.2001",
                              .audience = 75,
                              .materials = "leaflet",
                              .created_at = T0,
                              .actor = "camat"};
    CHECK_INT(socialisation_insert(db, &s, 0), ERR_OK);
    struct socialisation_district *d;
    size_t nd = 0;
    CHECK_INT(socialisation_report(db, A, "35.10", "35.10.09", "2026-09-01",
                                   "2026-09-30", "2026-03-30", &d, &nd),
              ERR_OK);
    CHECK_INT(nd, 1);
    CHECK_INT(d[0].activities, 1);
    CHECK_INT(d[0].audience, 75);
    CHECK_INT(d[0].religious, 1);
    CHECK_INT(d[0].n_reached, 1);
    CHECK(d[0].n_villages > 1);
    CHECK_INT(socialisation_report(db, A, "35.10", NULL, "2026-09-02",
                                   "2027-06-30", "2026-12-30", &d, &nd),
              ERR_OK);
    CHECK_INT(nd, 25);
    for (size_t i = 0; i < nd; i++)
        CHECK_INT(d[i].n_reached, 0);
    /* The oversight's summary. */
    struct readiness_summary *sum;
    size_t ns = 0;
    struct readiness_summary_filter sf = {.office_id = o.id};
    CHECK_INT(readiness_summaries(db, A, &sf, T0 + 5000, &sum, &ns), ERR_OK);
    CHECK_INT(ns, 1);
    CHECK(sum[0].assessed);
    CHECK_INT(sum[0].score_pct, 50);
    CHECK_INT(sum[0].inspected_at, T0);
    CHECK_INT(sum[0].open_findings, 1);
    CHECK_INT(sum[0].overdue_findings, 0); /* answered */
    CHECK_INT(sum[0].open_inability, 0);
    struct readiness_summary_filter all = {.district = "35.10.09"};
    CHECK_INT(readiness_summaries(db, A, &all, T0, &sum, &ns), ERR_OK);
    CHECK(ns >= 2); /* the kecamatan office and its villages' offices */
    for (size_t i = 0; i < ns; i++)
        CHECK(strncmp(sum[i].code, "35.10.09", 8) == 0);
}

static void test_text_roundtrip(void)
{
    /* Hostile and non-ASCII text is stored as text, byte for byte. */
    const char *texts[] = {"'; DROP TABLE users; --", "\"quoted\" \\ back",
                           "Kelurahan Kampung Mandar — ‘Banyuwangi’",
                           "$1 $2 ? :name @x", "%_ LIKE wildcards"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        CHECK_INT(catalogue_put_category(db, "tmp", texts[i], "x", 99), ERR_OK);
        struct category *cats;
        size_t n;
        CHECK_INT(categories_list(db, A, &cats, &n), ERR_OK);
        CHECK_STR(cats[n - 1].name.id, texts[i]);
    }
    struct office_filter f = {.level = -1, .q = "%"};
    struct office *items;
    size_t n;
    CHECK_INT(offices_list(db, A, &f, &items, &n), ERR_OK);
    CHECK_INT(n, 0); /* "%" is searched as text, not a wildcard */
}

/* Notifications' outbox: claims guarded by state and due time, leases
 * that run out, outcomes recorded by the holder only, resend, consent,
 * late notices once (store/notify.h). */
static enum err put_msg(enum notify_channel ch, const char *to, int64_t at,
                        int64_t *id)
{
    char key[33];
    crypto_random_hex(key, 16);
    struct notify_msg m = {.idem_key = key,
                           .channel = ch,
                           .recipient = to,
                           .event = "application.received",
                           .ref_no = "X",
                           .subject = "",
                           .body = "b",
                           .created_at = at};
    enum err rc = notify_outbox_put(db, &m);
    *id = m.id;
    return rc;
}

static void test_notify_outbox(void)
{
    int64_t m1, m2, m3, m4;
    CHECK_INT(put_msg(NCH_SMS, "+6281200000001", T0, &m1), ERR_OK);
    CHECK_INT(put_msg(NCH_SMS, "+6281200000002", T0 + 1, &m2), ERR_OK);
    CHECK_INT(put_msg(NCH_SMS, "+6281200000003", T0 + 2, &m3), ERR_OK);
    CHECK_INT(put_msg(NCH_EMAIL, "a@b.id", T0 + 3, &m4), ERR_OK);
    struct notify_msg m;
    bool got = false;
    /* Not due yet. */
    CHECK_INT(notify_outbox_claim(db, A, T0 - 1, 60, "A", true, true, &m, &got),
              ERR_OK);
    CHECK(!got);
    /* Oldest first; each claim takes a different message. */
    int64_t now = T0 + 10;
    CHECK_INT(notify_outbox_claim(db, A, now, 60, "A", true, false, &m, &got),
              ERR_OK);
    CHECK(got);
    CHECK_INT(m.id, m1);
    CHECK_INT(m.state, NST_SENDING);
    CHECK_INT(m.attempts, 1);
    CHECK_INT(m.next_at, now + 60);
    CHECK_INT(notify_outbox_claim(db, A, now, 60, "B", true, false, &m, &got),
              ERR_OK);
    CHECK_INT(m.id, m2);
    CHECK_INT(notify_outbox_claim(db, A, now, 60, "B", true, false, &m, &got),
              ERR_OK);
    CHECK_INT(m.id, m3);
    /* E-mail off for this sender: nothing else for it. */
    CHECK_INT(notify_outbox_claim(db, A, now, 60, "B", true, false, &m, &got),
              ERR_OK);
    CHECK(!got);
    /* A's lease runs out: B takes m1 over; A can no longer record it. */
    now = T0 + 71;
    CHECK_INT(notify_outbox_claim(db, A, now, 60, "B", true, false, &m, &got),
              ERR_OK);
    CHECK_INT(m.id, m1);
    CHECK_INT(m.attempts, 2);
    bool kept = true;
    CHECK_INT(notify_outbox_sent(db, m1, "A", now, &kept), ERR_OK);
    CHECK(!kept);
    CHECK_INT(notify_outbox_sent(db, m1, "B", now, &kept), ERR_OK);
    CHECK(kept);
    CHECK_INT(notify_outbox_get(db, A, m1, &m), ERR_OK);
    CHECK_INT(m.state, NST_SENT);
    CHECK_INT(m.sent_at, now);
    /* Failures: given up (m3), or queued again for later (m2). */
    CHECK_INT(notify_outbox_failed(db, m3, "B", now, now, true, false,
                                   "gateway answered 400"),
              ERR_OK);
    CHECK_INT(notify_outbox_failed(db, m2, "B", now, now + 500, false, false,
                                   "gateway answered 500"),
              ERR_OK);
    CHECK_INT(notify_outbox_get(db, A, m2, &m), ERR_OK);
    CHECK_INT(m.state, NST_QUEUED);
    CHECK_INT(m.next_at, now + 500);
    CHECK_STR(m.last_error, "gateway answered 500");
    CHECK_INT(notify_outbox_resend(db, m2, now), ERR_NOT_FOUND); /* queued */
    /* Nothing due before then: m1 sent, m3 failed, m4 an e-mail. */
    CHECK_INT(
        notify_outbox_claim(db, A, now + 499, 60, "B", true, false, &m, &got),
        ERR_OK);
    CHECK(!got);
    CHECK_INT(
        notify_outbox_claim(db, A, now + 500, 60, "B", true, false, &m, &got),
        ERR_OK);
    CHECK(got);
    CHECK_INT(m.id, m2);
    CHECK_INT(m.attempts, 2);
    CHECK_INT(notify_outbox_failed(db, m2, "B", now + 500, now + 500, true,
                                   false, "gave up"),
              ERR_OK);
    CHECK_INT(notify_outbox_get(db, A, m2, &m), ERR_OK);
    CHECK_INT(m.state, NST_FAILED);
    CHECK_INT(notify_outbox_resend(db, m2, now + 600), ERR_OK);
    CHECK_INT(notify_outbox_get(db, A, m2, &m), ERR_OK);
    CHECK_INT(m.state, NST_QUEUED);
    CHECK_INT(m.attempts, 0);
    CHECK_INT(notify_outbox_resend(db, m1, now + 600),
              ERR_NOT_FOUND); /* sent */
    struct notify_stats st;
    CHECK_INT(notify_outbox_stats(db, A, now + 600, &st), ERR_OK);
    CHECK_INT(st.count[NCH_SMS][NST_SENT], 1);
    CHECK_INT(st.count[NCH_SMS][NST_FAILED], 1);
    CHECK_INT(st.count[NCH_SMS][NST_QUEUED], 1);
    CHECK_INT(st.count[NCH_EMAIL][NST_QUEUED], 1);
    CHECK_INT(st.sent_day[NCH_SMS], 1);
    CHECK_INT(st.latency_max_s[NCH_SMS], now - T0);
    CHECK_STR(st.last_error[NCH_SMS], "gave up");
    /* Consent: withdrawn by address; late notices once. */
    struct notify_sub s = {.kind = "application",
                           .ref_id = 999999,
                           .channel = NCH_SMS,
                           .address = "+6281200000009",
                           .lang = LANG_EN,
                           .token = "0123456789abcdef0123456789abcdef",
                           .created_at = T0};
    CHECK_INT(notify_sub_add(db, &s), ERR_OK);
    struct notify_sub *subs = NULL;
    size_t n = 0;
    CHECK_INT(notify_subs_of(db, A, "application", 999999, &subs, &n), ERR_OK);
    CHECK_INT(n, 1);
    CHECK_INT(subs[0].lang, LANG_EN);
    int64_t changed = 0;
    CHECK_INT(notify_subs_stop_address(db, NCH_SMS, "+6281200000009", T0 + 5,
                                       &changed),
              ERR_OK);
    CHECK_INT(changed, 1);
    CHECK_INT(notify_subs_of(db, A, "application", 999999, &subs, &n), ERR_OK);
    CHECK_INT(n, 0);
    struct notify_sub by;
    CHECK_INT(notify_sub_by_token(db, A, s.token, &by), ERR_OK);
    CHECK_INT(by.stopped_at, T0 + 5);
    int64_t app_id = 0;
    CHECK_INT(db_int(db, &app_id,
                     "SELECT MIN(id) FROM applications WHERE"
                     " id > $1",
                     DV_INT(0)),
              ERR_OK);
    bool claimed = false;
    CHECK_INT(notify_late_claim(db, app_id, T0, &claimed), ERR_OK);
    CHECK(claimed);
    CHECK_INT(notify_late_claim(db, app_id, T0 + 1, &claimed), ERR_OK);
    CHECK(!claimed);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_store sqlite|postgresql [URL]\n");
        return 2;
    }
    crypto_init();
    char url[512];
    char dir[] = "/tmp/sp-store-XXXXXX";
    bool pg = strcmp(argv[1], "postgresql") == 0;
    if (pg) {
        const char *u = argc > 2 ? argv[2] : getenv("SP_TEST_PG_URL");
        if (!u || !*u) {
            fprintf(stderr, "test_store: no PostgreSQL URL: skipped\n");
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
    A = arena_new();
    RUN(test_migrate_idempotent);
    RUN(test_seed_regency);
    RUN(test_offices);
    RUN(test_regions);
    RUN(test_catalogue_versions);
    RUN(test_catalogue_scheduled);
    RUN(test_users_sessions);
    RUN(test_apikeys);
    RUN(test_throttle);
    RUN(test_signin);
    RUN(test_devices_replays);
    RUN(test_audit_append_only);
    RUN(test_workcal);
    RUN(test_applications);
    RUN(test_complaints);
    RUN(test_complaints_list);
    RUN(test_readiness);
    RUN(test_text_roundtrip);
    RUN(test_notify_outbox);
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
