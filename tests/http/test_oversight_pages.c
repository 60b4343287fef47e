/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_oversight_pages.c: HTTP tests of the oversight pages (issue 10),
 * the real server on a temporary SQLite database.
 *
 * The data: one application through the JSON API (a distinctive NIK,
 * phone and e-mail), made overdue by moving its promise into the past in
 * the database; and a March 2026 written straight into the database
 * (applications with their submit and completion events, then `satupintu
 * measures rebuild`, the supported path for imported histories): Genteng
 * 3 completed (2 on time), Giri 2 (both on time), Muncar 4 (all on time),
 * open overdue applications at Giri and Pesanggaran. Every date is fixed
 * (March 2026, February 2026 slips), so nothing depends on when the test
 * runs; the public office block counts the current year, so its data is
 * written twice, in this year and the next, and whichever year the
 * request falls in counts the same.
 *
 * Tested:
 *  - who sees what: sekkab, bupati, administrator see /oversight; a head
 *    of office is sent to their own office and gets 404 for another
 *    office's page and lists (403 when another office is asked for in the
 *    query); front office, back office and complaint officers get 403 on
 *    every oversight page; anonymous readers are sent to sign in;
 *  - no NIK (only masked), phone or e-mail on any oversight page or
 *    export, nor on the one application page, for sekkab, bupati and the
 *    administrator;
 *  - the minimum count (min-1 listed without a rank, min ranked) on
 *    /oversight (min_completed=), /performance and the office's public
 *    block (the setting);
 *  - the exports parse: CSV (header, the total, a row per office or
 *    service or application, numbers), XLSX (unzipped, every part
 *    well-formed: sheet names, values);
 *  - the overdue list's filters and its three orders, a district, from-to
 *    periods with both ends included, the report's default month;
 *  - wrong queries: 422 with the message in the request's language and
 *    no figures;
 *  - the Sekda's instruction end to end, its validation, the one form
 *    sent twice, a stale version, another office's head, the Bupati (sees,
 *    cannot instruct), a follow-up overdue (its deadline written in the
 *    past) in red;
 *  - hostile office names and complaint or instruction texts escaped.
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/csv.h"
#include "client.h"
#include "core/calendar.h"
#include "core/regno.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"
#include "test.h"

static struct server srv;

#define PW "Sandi-Uji-12345"
#define PERIOD "period=2026-03"

/* The citizen behind the API application, and the one behind a late
 * application written into the database: what must never show. */
#define NIK_API "3510167112889137"
#define NIK_API_MIDDLE "71128891" /* the digits the mask hides */
#define NIK_API_MASKED "351016********37"
#define PHONE_API "081377712345"
#define PHONE_API_CORE "77712345"
#define EMAIL_API "rahasia.warga@contoh.id"
#define NIK_DB "3510165208850042"
#define NIK_DB_MIDDLE "52088500"
#define NIK_DB_MASKED "351016********42"
#define PHONE_DB "085799912345"
#define PHONE_DB_CORE "99912345"
#define EMAIL_DB "warga.khusus@contoh.id"

#define GENTENG "35.10.09"
#define GIRI "35.10.17"
#define MUNCAR "35.10.05"
#define PESANGGARAN "35.10.01"
#define GLAGAH "35.10.15" /* public block: enough this year */
#define LICIN "35.10.24"  /* public block: one short */

static char regno_api[32];     /* overdue now, Genteng (API) */
static char regno_late[32];    /* completed late in March, Genteng */
static char regno_ontime[32];  /* completed on time in March, Genteng */
static char regno_giri_od[32]; /* overdue now, Giri */
static char regno_pes_od[32];  /* overdue now, Pesanggaran, in process */
static char complaint1[32];    /* escalated, Genteng: instructed */
static char complaint2[32];    /* escalated, Giri: follow-up overdue */

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static bool starts(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo '" PW "' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

/* A browser signed in as login. */
static struct client *signed_in(const char *login)
{
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, login, PW), 303);
    return c;
}

/* GET path; the status. */
static long get(struct client *c, const char *path, struct resp *r)
{
    client_get(c, path, r);
    return r->status;
}

/* The status of GET path (the answer dropped). */
static long status_of(struct client *c, const char *path)
{
    struct resp r;
    long st = get(c, path, &r);
    resp_free(&r);
    return st;
}

/* Run SQL on the server's database; false (with the error) on failure. */
static bool sql(const char *q, const struct db_val *args, size_t n)
{
    struct db *db = NULL;
    enum err rc = db_open(srv.db_url, &db);
    if (rc == ERR_OK)
        rc = db_run_v(db, NULL, q, args, n);
    if (db)
        db_close(db);
    if (rc != ERR_OK)
        fprintf(stderr, "  SQL failed (%s): %s\n", err_name(rc), q);
    return rc == ERR_OK;
}

/* One integer from the server's database (-1 on failure). */
static int64_t sql_int(const char *q, const char *text_arg)
{
    struct db *db = NULL;
    int64_t n = -1;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return -1;
    if (db_int(db, &n, q, DV_TEXT(text_arg)) != ERR_OK)
        n = -1;
    db_close(db);
    return n;
}

/* Local time in Banyuwangi (WIB, UTC+7) as Unix seconds. */
static int64_t wib(int y, int m, int d, int hh, int mm)
{
    return civil_to_days((struct civil_date){y, m, d}) * 86400 +
           (int64_t)(hh - 7) * 3600 + (int64_t)mm * 60;
}

/*
 * An application written into the database as the server would have
 * written it: the row (state ready with completed_at when done, else
 * received) and its events, submit and, when done, the step to ready.
 * Its number is a valid one of the office (serial 90000 + serial).
 */
static void insert_app(struct db *db, const char *office, const char *service,
                       int serial, const char *nik, const char *phone,
                       const char *email, int64_t submitted, int64_t promised,
                       int64_t done_at, char regno[32])
{
    int64_t office_id = 0, office_no = 0, service_id = 0, version = 0;
    CHECK_INT(db_int(db, &office_id, "SELECT id FROM offices WHERE code = $1",
                     DV_TEXT(office)),
              ERR_OK);
    CHECK_INT(db_int(db, &office_no,
                     "SELECT number FROM offices WHERE code = $1",
                     DV_TEXT(office)),
              ERR_OK);
    CHECK_INT(db_int(db, &service_id, "SELECT id FROM services WHERE code = $1",
                     DV_TEXT(service)),
              ERR_OK);
    CHECK_INT(db_int(db, &version,
                     "SELECT current_version FROM services WHERE code = $1",
                     DV_TEXT(service)),
              ERR_OK);
    char no[REGNO_MAX];
    CHECK(regno_format(2026, (int)office_no, 90000 + serial, no));
    snprintf(regno, 32, "%s", no);
    int64_t id = 0;
    CHECK_INT(db_int(db, &id,
                     "INSERT INTO applications (regno, pin, office_id,"
                     " service_id, service_version, nik, citizen_name, phone,"
                     " email, fee, state, next_step, submitted_at,"
                     " promised_at, completed_at) VALUES ($1, '424242', $2,"
                     " $3, $4, $5, 'Warga Uji', $6, $7, 0, $8, $9, $10, $11,"
                     " $12) RETURNING id",
                     DV_TEXT(no), DV_INT(office_id), DV_INT(service_id),
                     DV_INT(version), DV_TEXT(nik), DV_TEXT(phone),
                     DV_TEXT(email), DV_TEXT(done_at ? "ready" : "received"),
                     DV_INT(done_at ? 9 : 0), DV_INT(submitted),
                     DV_INT(promised), done_at ? DV_INT(done_at) : DV_NULL),
              ERR_OK);
    CHECK_INT(db_run(db, NULL,
                     "INSERT INTO application_events (application_id, at,"
                     " actor, action, state_after, promised_at) VALUES ($1,"
                     " $2, 'fo.uji', 'submit', 'received', $3)",
                     DV_INT(id), DV_INT(submitted), DV_INT(promised)),
              ERR_OK);
    if (done_at)
        CHECK_INT(db_run(db, NULL,
                         "INSERT INTO application_events (application_id, at,"
                         " actor, action, state_after) VALUES ($1, $2,"
                         " 'bo.uji', 'step', 'ready')",
                         DV_INT(id), DV_INT(done_at)),
                  ERR_OK);
}

/* n applications of office completed on day (y, m, d): late ones first. */
static void insert_completed(struct db *db, const char *office, int *serial,
                             int y, int m, int d, int n, int late)
{
    for (int i = 0; i < n; i++) {
        char no[32];
        int64_t sub = wib(y, m, d, 9, 0);
        int64_t promise = wib(y, m, d + 1, 15, 0);
        int64_t done =
            i < late ? wib(y, m, d + 3, 10, 0) : wib(y, m, d + 1, 10, 0);
        insert_app(db, office, "DOMISILI-USAHA", (*serial)++,
                   "3510160101900001", "081200000001", NULL, sub, promise, done,
                   no);
    }
}

/* POST a multipart form (fields: name, value, ..., NULL). */
static long post_multipart(struct client *c, const char *path,
                           const char *const *fields, struct resp *r)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    for (size_t i = 0; fields[i]; i += 2)
        buf_printf(&b,
                   "--XyZ\r\nContent-Disposition: form-data; name=\"%s\""
                   "\r\n\r\n%s\r\n",
                   fields[i], fields[i + 1]);
    buf_puts(&b, "--XyZ--\r\n");
    client_req_bytes(c, "POST", path, b.data, b.len,
                     "multipart/form-data; boundary=XyZ", r);
    buf_free(&b);
    return r->status;
}

/* A paper slip dated date at office (escalated at once: its verification
 * deadline passed long ago); the complaint number into number. */
static void paper_slip(struct client *o, const char *office, const char *text,
                       const char *date, char number[32])
{
    struct resp r;
    get(o, "/complaints/paper", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    const char *fields[] = {"csrf",     csrf,        "office",    office,
                            "category", "fees",      "body",      text,
                            "identity", "anonymous", "slip_date", date,
                            NULL};
    CHECK_INT(post_multipart(o, "/complaints/paper", fields, &r), 303);
    const char *loc = resp_header(&r, "Location");
    number[0] = '\0';
    if (loc)
        sscanf(loc, "/complaints/%31[^?]", number);
    resp_free(&r);
    CHECK(number[0] == 'P');
}

static void test_setup(void)
{
    user("sekda", "sekkab", NULL);
    user("bupati", "bupati", NULL);
    user("admin2", "administrator", NULL);
    user("camat.genteng", "head_of_office", GENTENG);
    user("camat.giri", "head_of_office", GIRI);
    user("loket.genteng", "front_office", GENTENG);
    user("proses.genteng", "back_office", GENTENG);
    user("pengaduan", "complaint_officer", NULL);

    /* The API application, then its promise moved into March 2026: open
     * and overdue now, whenever now is. */
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", "loket.genteng", NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %.51s", buf_cstr(&out));
    buf_free(&out);
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(
        c, "POST", "/api/v1/applications",
        "{\"office\":\"" GENTENG "\",\"service\":\"DOMISILI\","
        "\"citizen\":{\"nik\":\"" NIK_API "\",\"name\":\"Siti Uji\","
        "\"village\":\"35.10.09.2001\",\"phone\":\"" PHONE_API "\","
        "\"email\":\"" EMAIL_API "\"},\"requirements\":[\"KTP\","
        "\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"],\"fields\":{\"keperluan\":"
        "\"sekolah\"}}",
        "application/json", auth, &r);
    CHECK_INT(r.status, 201);
    const char *p = strstr(body(&r), "\"registration_no\"");
    if (p)
        sscanf(p, "\"registration_no\": \"%31[^\"]", regno_api);
    if (!regno_api[0] && p)
        sscanf(p, "\"registration_no\":\"%31[^\"]", regno_api);
    CHECK(regno_api[0] != '\0');
    resp_free(&r);
    client_free(c);
    struct db_val mv[] = {DV_INT(wib(2026, 3, 2, 15, 0)), DV_TEXT(regno_api)};
    CHECK(sql("UPDATE applications SET promised_at = $1 WHERE regno = $2", mv,
              2));

    /* March 2026. */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    if (!db)
        return;
    CHECK_INT(db_begin(db), ERR_OK);
    int serial = 1;
    /* Genteng: one late (with the distinctive citizen), two on time. */
    insert_app(db, GENTENG, "DOMISILI-USAHA", serial++, NIK_DB, PHONE_DB,
               EMAIL_DB, wib(2026, 3, 2, 9, 0), wib(2026, 3, 3, 15, 0),
               wib(2026, 3, 6, 10, 0), regno_late);
    insert_app(db, GENTENG, "DOMISILI-USAHA", serial++, NIK_DB, PHONE_DB,
               EMAIL_DB, wib(2026, 3, 2, 9, 0), wib(2026, 3, 3, 15, 0),
               wib(2026, 3, 3, 10, 0), regno_ontime);
    insert_completed(db, GENTENG, &serial, 2026, 3, 9, 1, 0);
    insert_completed(db, GIRI, &serial, 2026, 3, 9, 2, 0);
    insert_completed(db, MUNCAR, &serial, 2026, 3, 9, 4, 0);
    /* Giri: open, promised in March: overdue now. */
    insert_app(db, GIRI, "DOMISILI-USAHA", serial++, NIK_DB, PHONE_DB, EMAIL_DB,
               wib(2026, 3, 10, 9, 0), wib(2026, 3, 11, 15, 0), 0,
               regno_giri_od);
    /* Pesanggaran: in process, promised later in March: overdue now. */
    insert_app(db, PESANGGARAN, "AHLI-WARIS", serial++, NIK_DB, PHONE_DB,
               EMAIL_DB, wib(2026, 3, 16, 9, 0), wib(2026, 3, 18, 15, 0), 0,
               regno_pes_od);
    CHECK_INT(db_run(db, NULL,
                     "UPDATE applications SET state = 'in_process',"
                     " next_step = 2 WHERE regno = $1",
                     DV_TEXT(regno_pes_od)),
              ERR_OK);
    /* The public block counts the current year: this year and the next,
     * so that the test reads the same on New Year's Eve. */
    time_t now = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&now, &tm);
    for (int y = tm.tm_year + 1900; y <= tm.tm_year + 1901; y++) {
        insert_completed(db, GLAGAH, &serial, y, 1, 12, 3, 1);
        insert_completed(db, LICIN, &serial, y, 1, 12, 2, 0);
    }
    CHECK_INT(db_tx_end(db, ERR_OK), ERR_OK);
    db_close(db);
    const char *rebuild[] = {"measures", "rebuild", NULL};
    CHECK_INT(server_cli(&srv, NULL, rebuild), 0);

    /* Two escalated complaints: slips dated in February 2026. */
    struct client *o = signed_in("pengaduan");
    paper_slip(o, GENTENG,
               "Diminta uang <script>alert('x')</script> \"Rp 50.000\"",
               "2026-02-02", complaint1);
    paper_slip(o, GIRI, "Petugas tidak ada di loket", "2026-02-02", complaint2);
    client_free(o);
    CHECK_INT(sql_int("SELECT COUNT(*) FROM complaints WHERE number = $1 AND"
                      " escalated_at IS NOT NULL",
                      complaint1),
              1);
    CHECK_INT(sql_int("SELECT COUNT(*) FROM complaints WHERE number = $1 AND"
                      " escalated_at IS NOT NULL",
                      complaint2),
              1);
}

static const char *row_of(const char *text, const char *needle);

/* Every oversight page a regency-wide reader can open (with the
 * period), the exports among them. */
static const char *const regency_pages[] = {
    "/oversight?" PERIOD,
    "/oversight?" PERIOD "&district=35.10.09",
    "/oversight/offices/" GENTENG "?" PERIOD,
    "/oversight/offices/" GENTENG "?" PERIOD "&format=csv",
    "/oversight/offices/" GENTENG "/applications?which=overdue",
    "/oversight/offices/" GENTENG "/applications?which=overdue&format=csv",
    "/oversight/offices/" GENTENG "/applications?which=late&" PERIOD,
    "/oversight/offices/" GENTENG "/applications?which=late&" PERIOD
    "&format=csv",
    "/oversight/offices/" GENTENG "/applications?which=completed&" PERIOD,
    "/oversight/offices/" GENTENG "/applications?which=received&" PERIOD,
    "/oversight/offices/" GENTENG "/applications?which=received&" PERIOD
    "&service=DOMISILI-USAHA&format=csv",
    "/oversight/offices/" GIRI "/applications?which=overdue",
    "/oversight/overdue",
    "/oversight/overdue?format=csv",
    "/oversight/overdue?sort=office&state=received&min_days=1",
    "/oversight/trends",
    "/oversight/trends?office=" GENTENG,
    "/oversight/report?" PERIOD,
    "/oversight/report?" PERIOD "&format=csv",
    "/oversight/report?" PERIOD "&format=xlsx",
    "/followups",
};

static void test_who_sees_what(void)
{
    /* Regency-wide readers: every page. */
    const char *regency[] = {"sekda", "bupati", "admin2"};
    for (size_t u = 0; u < 3; u++) {
        struct client *c = signed_in(regency[u]);
        for (size_t i = 0; i < sizeof(regency_pages) / sizeof(*regency_pages);
             i++) {
            long st = status_of(c, regency_pages[i]);
            bool admin_followups =
                u == 2 && strcmp(regency_pages[i], "/followups") == 0;
            if (st != (admin_followups ? 403 : 200))
                fprintf(stderr, "  %s: %s: %ld\n", regency[u], regency_pages[i],
                        st);
            CHECK_INT(st, admin_followups ? 403 : 200);
        }
        struct resp r;
        CHECK_INT(get(c, "/oversight?" PERIOD, &r), 200);
        CHECK_CONTAINS(body(&r), "Peringkat kantor");
        CHECK_CONTAINS(body(&r), "Kantor Kecamatan Giri");
        CHECK_CONTAINS(body(&r), "Kantor Kecamatan Muncar");
        resp_free(&r);
        /* The escalations: the Sekda and the Bupati, not IT. */
        CHECK_INT(status_of(c, "/oversight/escalations"), u == 2 ? 403 : 200);
        client_free(c);
    }

    /* A head of office: their own office. */
    struct client *h = signed_in("camat.genteng");
    struct resp r;
    CHECK_INT(get(h, "/oversight?" PERIOD, &r), 303);
    CHECK_STR(resp_header(&r, "Location"),
              "/oversight/offices/" GENTENG "?" PERIOD);
    resp_free(&r);
    CHECK_INT(get(h, "/oversight/offices/" GENTENG "?" PERIOD, &r), 200);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    CHECK_NOT_CONTAINS(body(&r), "Kantor Kecamatan Giri");
    /* Per officer: the office's staff, the counter officer with the API
     * application open (no steps in March). */
    CHECK_CONTAINS(body(&r), "Per petugas");
    const char *officer = row_of(body(&r), ">loket.genteng<");
    CHECK_CONTAINS(officer, "Petugas Loket");
    CHECK_CONTAINS(officer, "<td>0</td><td>1</td>");
    CHECK_CONTAINS(body(&r), ">proses.genteng<");
    CHECK_NOT_CONTAINS(body(&r), ">camat.giri<");
    resp_free(&r);
    /* From yesterday to tomorrow (around now, whenever now is): the
     * registration is a step in the period. */
    char around[128], from[16], to[16];
    time_t now = time(NULL);
    civil_format_date(civil_from_days((int64_t)(now + 7 * 3600) / 86400 - 1),
                      from);
    civil_format_date(civil_from_days((int64_t)(now + 7 * 3600) / 86400 + 1),
                      to);
    snprintf(around, sizeof(around),
             "/oversight/offices/" GENTENG "?from=%s&to=%s", from, to);
    CHECK_INT(get(h, around, &r), 200);
    CHECK_CONTAINS(row_of(body(&r), ">loket.genteng<"), "<td>1</td><td>1</td>");
    resp_free(&r);
    CHECK_INT(
        get(h, "/oversight/offices/" GENTENG "/applications?which=late&" PERIOD,
            &r),
        200);
    CHECK_CONTAINS(body(&r), regno_late);
    resp_free(&r);
    /* Another office's page and lists: as if there were none. */
    static const char *const other[] = {
        "/oversight/offices/" GIRI,
        "/oversight/offices/" GIRI "?" PERIOD "&format=csv",
        "/oversight/offices/" GIRI "/applications?which=overdue",
        "/oversight/offices/" GIRI "/applications?which=late&" PERIOD,
        "/oversight/offices/" GIRI "/applications?which=received&format=csv",
    };
    for (size_t i = 0; i < sizeof(other) / sizeof(*other); i++) {
        CHECK_INT(get(h, other[i], &r), 404);
        CHECK_NOT_CONTAINS(body(&r), regno_giri_od);
        resp_free(&r);
    }
    /* Another office asked for by name in the query: refused. */
    static const char *const asked[] = {
        "/oversight/overdue?office=" GIRI,
        "/oversight/trends?office=" GIRI,
        "/oversight/report?office=" GIRI,
        "/oversight/report?district=35.10.17",
    };
    for (size_t i = 0; i < sizeof(asked) / sizeof(*asked); i++) {
        CHECK_INT(get(h, asked[i], &r), 403);
        CHECK_NOT_CONTAINS(body(&r), regno_giri_od);
        CHECK_NOT_CONTAINS(body(&r), "Kantor Kecamatan Giri");
        resp_free(&r);
    }
    /* The regency-wide lists narrowed to the own office. */
    CHECK_INT(get(h, "/oversight/overdue", &r), 200);
    CHECK_CONTAINS(body(&r), regno_api);
    CHECK_NOT_CONTAINS(body(&r), regno_giri_od);
    resp_free(&r);
    CHECK_INT(get(h, "/oversight/overdue?format=csv", &r), 200);
    CHECK_CONTAINS(body(&r), regno_api);
    CHECK_NOT_CONTAINS(body(&r), regno_giri_od);
    resp_free(&r);
    CHECK_INT(get(h, "/oversight/report?" PERIOD, &r), 200);
    CHECK_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
    CHECK_NOT_CONTAINS(body(&r), "Kantor Kecamatan Giri");
    resp_free(&r);
    CHECK_INT(get(h, "/oversight/trends", &r), 200);
    CHECK_NOT_CONTAINS(body(&r), "Kantor Kecamatan Giri");
    resp_free(&r);
    /* Not the Sekda's list, nor the instruction. */
    CHECK_INT(status_of(h, "/oversight/escalations"), 403);
    client_free(h);

    /* Those who serve citizens: no oversight at all. */
    static const char *const denied[] = {
        "/oversight",
        "/oversight?" PERIOD,
        "/oversight/offices/" GENTENG,
        "/oversight/offices/" GENTENG "?format=csv",
        "/oversight/offices/" GENTENG "/applications?which=overdue",
        "/oversight/overdue",
        "/oversight/overdue?format=csv",
        "/oversight/trends",
        "/oversight/report",
        "/oversight/report?format=xlsx",
        "/oversight/escalations",
        "/followups",
    };
    const char *serving[] = {"loket.genteng", "proses.genteng", "pengaduan"};
    for (size_t u = 0; u < 3; u++) {
        struct client *c = signed_in(serving[u]);
        for (size_t i = 0; i < sizeof(denied) / sizeof(*denied); i++) {
            long st = status_of(c, denied[i]);
            if (st != 403)
                fprintf(stderr, "  %s: %s: %ld\n", serving[u], denied[i], st);
            CHECK_INT(st, 403);
        }
        client_free(c);
    }
    /* Anonymous: to the sign-in page. */
    struct client *anon = client_new(&srv);
    for (size_t i = 0; i < sizeof(denied) / sizeof(*denied); i++) {
        CHECK_INT(get(anon, denied[i], &r), 303);
        const char *loc = resp_header(&r, "Location");
        CHECK(loc && starts(loc, "/login"));
        resp_free(&r);
    }
    client_free(anon);
}

/* ---- what must never show ------------------------------------------- */

/*
 * The XLSX in r unzipped into the server's directory: every part of the
 * archive parsed by libxml2 (false if one is not well-formed), the text
 * of all of them into out.
 */
static bool xlsx_parts(const struct resp *r, struct buf *out)
{
    char path[160], dir[160], cmd[512];
    snprintf(path, sizeof(path), "%s/ov.xlsx", srv.dir);
    snprintf(dir, sizeof(dir), "%s/ov-xlsx", srv.dir);
    if (!r->body.data || r->body.len == 0)
        return false;
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fwrite(r->body.data, 1, r->body.len, f);
    fclose(f);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && unzip -q -o '%s' -d '%s'", dir,
             path, dir);
    if (system(cmd) != 0)
        return false;
    snprintf(cmd, sizeof(cmd),
             "cd '%s' && find . -type f \\( -name '*.xml' -o -name '*.rels' "
             "\\) | sort",
             dir);
    FILE *list = popen(cmd, "r");
    if (!list)
        return false;
    bool ok = true;
    size_t parts = 0;
    char name[256];
    while (fgets(name, sizeof(name), list)) {
        name[strcspn(name, "\n")] = '\0';
        char file[512];
        snprintf(file, sizeof(file), "%s/%s", dir, name);
        struct buf part;
        buf_init(&part, 16u << 20);
        if (!read_file(file, &part))
            ok = false;
        xmlDocPtr d = xmlReadMemory(
            part.data ? part.data : "", (int)part.len, name, NULL,
            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!d) {
            fprintf(stderr, "  %s is not well-formed XML\n", name);
            ok = false;
        }
        xmlFreeDoc(d);
        buf_printf(out, "\n<!-- %s -->\n", name);
        buf_append(out, part.data ? part.data : "", part.len);
        buf_free(&part);
        parts++;
    }
    if (pclose(list) != 0)
        ok = false;
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s'", dir, path);
    if (system(cmd) != 0)
        ok = false;
    return ok && parts >= 5;
}

/* No NIK (but masked), phone or e-mail of either citizen in text. */
static void check_no_personal(const char *who, const char *path,
                              const char *text)
{
    static const char *const secrets[] = {
        NIK_API, NIK_API_MIDDLE, PHONE_API_CORE, EMAIL_API, "rahasia.warga",
        NIK_DB,  NIK_DB_MIDDLE,  PHONE_DB_CORE,  EMAIL_DB,  "424242",
    };
    for (size_t i = 0; i < sizeof(secrets) / sizeof(*secrets); i++) {
        if (strstr(text, secrets[i])) {
            fprintf(stderr, "  %s: %s shows %s\n", who, path, secrets[i]);
            CHECK(false);
        }
    }
}

static void test_no_personal_data(void)
{
    const char *readers[] = {"sekda", "bupati", "admin2"};
    for (size_t u = 0; u < 3; u++) {
        struct client *c = signed_in(readers[u]);
        struct resp r;
        size_t n_pages = sizeof(regency_pages) / sizeof(*regency_pages);
        for (size_t i = 0; i < n_pages; i++) {
            get(c, regency_pages[i], &r);
            if (strstr(regency_pages[i], "format=xlsx")) {
                struct buf x;
                buf_init(&x, 64u << 20);
                CHECK(xlsx_parts(&r, &x));
                CHECK_CONTAINS(buf_cstr(&x), "Kantor Kecamatan Genteng");
                check_no_personal(readers[u], regency_pages[i], buf_cstr(&x));
                buf_free(&x);
            } else {
                check_no_personal(readers[u], regency_pages[i], body(&r));
            }
            resp_free(&r);
        }
        /* The applications behind the figures are on the lists... */
        get(c, "/oversight/overdue", &r);
        CHECK_CONTAINS(body(&r), regno_api);
        CHECK_CONTAINS(body(&r), regno_giri_od);
        resp_free(&r);
        get(c, "/oversight/offices/" GENTENG "/applications?which=late&" PERIOD,
            &r);
        CHECK_CONTAINS(body(&r), regno_late);
        CHECK_NOT_CONTAINS(body(&r), regno_ontime);
        resp_free(&r);
        /* ...and each opens read-only: the NIK masked, no contacts. */
        const char *apps[] = {regno_api, regno_late, regno_giri_od};
        const char *masked[] = {NIK_API_MASKED, NIK_DB_MASKED, NIK_DB_MASKED};
        for (size_t i = 0; i < 3; i++) {
            char path[96];
            snprintf(path, sizeof(path), "/applications/%s", apps[i]);
            CHECK_INT(get(c, path, &r), 200);
            CHECK_CONTAINS(body(&r), apps[i]);
            CHECK_CONTAINS(body(&r), masked[i]);
            CHECK_NOT_CONTAINS(body(&r), "name=\"action\"");
            check_no_personal(readers[u], path, body(&r));
            resp_free(&r);
            /* The receipt holds the PIN: not for oversight. */
            snprintf(path, sizeof(path), "/applications/%s/receipt", apps[i]);
            CHECK_INT(status_of(c, path), 404);
        }
        if (u < 2) {
            get(c, "/oversight/escalations", &r);
            check_no_personal(readers[u], "/oversight/escalations", body(&r));
            resp_free(&r);
        }
        client_free(c);
    }
    /* The public page: no personal data either. */
    struct client *anon = client_new(&srv);
    struct resp r;
    CHECK_INT(get(anon, "/performance?" PERIOD, &r), 200);
    check_no_personal("anonymous", "/performance", body(&r));
    CHECK_NOT_CONTAINS(body(&r), regno_late);
    resp_free(&r);
    CHECK_INT(get(anon, "/offices/" GENTENG, &r), 200);
    check_no_personal("anonymous", "/offices/" GENTENG, body(&r));
    resp_free(&r);
    client_free(anon);
}

/* ---- the minimum count ----------------------------------------------- */

/* The table row (<tr>...</tr>) of body holding needle, in a static copy
 * ("" when there is none). */
static const char *row_of(const char *text, const char *needle)
{
    static char row[16384];
    row[0] = '\0';
    const char *at = strstr(text, needle);
    if (!at)
        return row;
    const char *start = at;
    while (start > text && strncmp(start, "<tr", 3) != 0)
        start--;
    const char *end = strstr(at, "</tr>");
    if (!end)
        return row;
    snprintf(row, sizeof(row), "%.*s", (int)(end - start), start);
    return row;
}

static void set_min_completed(const char *v)
{
    struct db_val a[] = {DV_TEXT(v)};
    CHECK(sql("UPDATE settings SET value = $1 WHERE name ="
              " 'oversight_min_completed'",
              a, 1));
}

static void test_minimum_count(void)
{
    struct client *c = signed_in("sekda");
    struct resp r;
    /* min = 3: Genteng's 3 completed are ranked, Giri's 2 are not. */
    get(c, "/oversight?" PERIOD "&min_completed=3", &r);
    const char *g = row_of(body(&r), ">Kantor Kecamatan Genteng<");
    CHECK(starts(g, "<tr><td>2</td>"));
    CHECK_CONTAINS(g, "66,7\xc2\xa0%");
    const char *m = row_of(body(&r), ">Kantor Kecamatan Muncar<");
    CHECK(starts(m, "<tr><td>1</td>"));
    CHECK_CONTAINS(m, "100,0\xc2\xa0%");
    const char *k = row_of(body(&r), ">Kantor Kecamatan Giri<");
    CHECK_CONTAINS(k, "title=\"terlalu sedikit permohonan selesai\">–</td>");
    CHECK_CONTAINS(k, "terlalu sedikit untuk diukur");
    CHECK_NOT_CONTAINS(k, "100,0\xc2\xa0%");
    CHECK_CONTAINS(body(&r), "kurang dari 3 permohonan selesai");
    /* Muncar first, Genteng second, Giri after the ranked. */
    const char *pm = strstr(body(&r), ">Kantor Kecamatan Muncar<");
    const char *pg = strstr(body(&r), ">Kantor Kecamatan Genteng<");
    const char *pk = strstr(body(&r), ">Kantor Kecamatan Giri<");
    CHECK(pm && pg && pk && pm < pg && pg < pk);
    resp_free(&r);
    /* min = 4: Genteng one short. */
    get(c, "/oversight?" PERIOD "&min_completed=4", &r);
    g = row_of(body(&r), ">Kantor Kecamatan Genteng<");
    CHECK_CONTAINS(g, "terlalu sedikit untuk diukur");
    CHECK_NOT_CONTAINS(g, "66,7\xc2\xa0%");
    CHECK(starts(row_of(body(&r), ">Kantor Kecamatan Muncar<"),
                 "<tr><td>1</td>"));
    resp_free(&r);
    /* min = 2: Giri ranked too, after Muncar (a tie: more completed
     * first). */
    get(c, "/oversight?" PERIOD "&min_completed=2", &r);
    CHECK(
        starts(row_of(body(&r), ">Kantor Kecamatan Giri<"), "<tr><td>2</td>"));
    CHECK(starts(row_of(body(&r), ">Kantor Kecamatan Genteng<"),
                 "<tr><td>3</td>"));
    resp_free(&r);
    /* The default (20): nobody ranked. */
    get(c, "/oversight?" PERIOD, &r);
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Muncar<"),
                   "terlalu sedikit untuk diukur");
    CHECK_CONTAINS(body(&r), "kurang dari 20 permohonan selesai");
    resp_free(&r);
    /* In English. */
    get(c, "/oversight?" PERIOD "&min_completed=4&lang=en", &r);
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Genteng<"),
                   "too few to measure");
    resp_free(&r);
    /* The printed report says the same. */
    get(c, "/oversight/report?" PERIOD "&min_completed=3", &r);
    k = row_of(body(&r), "<td>Kantor Kecamatan Giri</td>");
    CHECK(starts(k, "<tr><td>–</td>"));
    CHECK_CONTAINS(k, "terlalu sedikit");
    g = row_of(body(&r), "<td>Kantor Kecamatan Genteng</td>");
    CHECK(starts(g, "<tr><td>2</td>"));
    CHECK_CONTAINS(g, "66,7\xc2\xa0%");
    resp_free(&r);
    client_free(c);

    /* The public page and the office block: the setting. */
    struct client *anon = client_new(&srv);
    set_min_completed("3");
    get(anon, "/performance?" PERIOD, &r);
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Genteng<"),
                   "66,7\xc2\xa0%");
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Giri<"),
                   "terlalu sedikit untuk diukur");
    CHECK_NOT_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Giri<"),
                       "100,0\xc2\xa0%");
    resp_free(&r);
    get(anon, "/offices/" GLAGAH, &r);
    CHECK_CONTAINS(body(&r), "Kinerja kantor ini");
    CHECK_CONTAINS(body(&r), "66,7\xc2\xa0%");
    resp_free(&r);
    get(anon, "/offices/" LICIN, &r);
    CHECK_CONTAINS(body(&r), "Kinerja kantor ini");
    CHECK_CONTAINS(body(&r), "terlalu sedikit untuk diukur");
    CHECK_NOT_CONTAINS(body(&r), "100,0\xc2\xa0%");
    resp_free(&r);
    get(anon, "/offices/" LICIN "?lang=en", &r);
    CHECK_CONTAINS(body(&r), "too few to measure");
    resp_free(&r);
    set_min_completed("4");
    get(anon, "/performance?" PERIOD, &r);
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Genteng<"),
                   "terlalu sedikit untuk diukur");
    CHECK_CONTAINS(row_of(body(&r), ">Kantor Kecamatan Muncar<"),
                   "100,0\xc2\xa0%");
    resp_free(&r);
    get(anon, "/offices/" GLAGAH, &r);
    CHECK_CONTAINS(body(&r), "terlalu sedikit untuk diukur");
    CHECK_NOT_CONTAINS(body(&r), "66,7\xc2\xa0%");
    resp_free(&r);
    set_min_completed("20");
    client_free(anon);
}

/* ---- the exports ------------------------------------------------------ */

/* Every row of the CSV in r: fields[row][col] (arena strings); the
 * number of rows, or -1 if the CSV is malformed. */
static long csv_rows(const struct resp *r, struct arena *a, char ***rows,
                     size_t *cols, size_t max_rows)
{
    struct csv_reader rd;
    csv_init(&rd, r->body.data ? r->body.data : "", r->body.len);
    char *f[CSV_MAX_FIELDS];
    size_t n = 0, k = 0;
    enum err rc;
    while ((rc = csv_next(&rd, a, f, &n)) == ERR_OK) {
        if (k == max_rows)
            return -1;
        rows[k] = arena_alloc(a, (n + 1) * sizeof(char *));
        for (size_t i = 0; i < n; i++)
            rows[k][i] = f[i];
        rows[k][n] = NULL;
        cols[k++] = n;
    }
    return rc == ERR_NOT_FOUND ? (long)k : -1;
}

/* A number as CSV writes it: digits, optionally a sign and a point. */
static bool is_number(const char *s)
{
    char *end = NULL;
    if (!s || !*s)
        return false;
    (void)strtod(s, &end);
    return *end == '\0' && !strchr(s, ',');
}

/* The 0-based index of the row whose column col equals v, or -1. */
static long find_row(char ***rows, const size_t *cols, long n, size_t col,
                     const char *v)
{
    for (long i = 0; i < n; i++)
        if (cols[i] > col && strcmp(rows[i][col], v) == 0)
            return i;
    return -1;
}

/* The value (<v>) of cell ref ("E7") in a sheet's XML, static copy. */
static const char *cell(const char *sheet, const char *ref)
{
    static char v[64];
    v[0] = '\0';
    char open[32];
    snprintf(open, sizeof(open), "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, open);
    if (!c)
        return v;
    const char *end = strstr(c, "</c>");
    const char *val = strstr(c, "<v>");
    if (val && end && val < end)
        sscanf(val + 3, "%63[^<]", v);
    return v;
}

/* Genteng's head assesses the office: every item met but the parking,
 * partly (9 of the 10 are mandatory, drinking water is not: 8 of 9 met,
 * 88.9%, shown rounded as 89). */
static void assess_genteng(void)
{
    static const char *const codes[] = {
        "service_room",     "waiting_room",     "toilet",         "parking",
        "complaint_box",    "service_standard", "service_pledge", "sop_display",
        "information_desk", "drinking_water"};
    char js[2048];
    size_t at = (size_t)snprintf(js, sizeof(js), "{\"items\":[");
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        at += (size_t)snprintf(
            js + at, sizeof(js) - at, "%s{\"code\":\"%s\",\"status\":\"%s\"}",
            i ? "," : "", codes[i],
            strcmp(codes[i], "parking") == 0 ? "partly" : "met");
    snprintf(js + at, sizeof(js) - at, "]}");
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", "camat.genteng", NULL};
    CHECK_INT(server_cli(&srv, &out, args), 0);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %.51s", buf_cstr(&out));
    buf_free(&out);
    struct client *k = client_new(&srv);
    struct resp r;
    client_req(k, "POST", "/api/v1/offices/" GENTENG "/assessments", js,
               "application/json", auth, &r);
    CHECK_INT(r.status, 201);
    resp_free(&r);
    client_free(k);
}

static void test_exports(void)
{
    struct client *c = signed_in("bupati");
    struct arena *a = arena_new();
    struct resp r;
    char **rows[128];
    size_t cols[128];
    assess_genteng();

    /* The report: the header, the regency, one row per service point. */
    CHECK_INT(
        get(c, "/oversight/report?" PERIOD "&min_completed=3&format=csv", &r),
        200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/csv");
    long n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2 + 43);
    long points = n - 2;
    /* 25 columns of the applications and complaints, then 9 of the counter
     * queue (no tickets in this month's data: zeros and empty times), then
     * 3 of the offices' readiness. */
    for (long i = 0; i < n; i++)
        CHECK_INT(cols[i], 37);
    if (n >= 2) {
        CHECK_STR(rows[0][25], "Antrean: nomor diambil");
        CHECK_STR(rows[0][33], "Antrean: layanan p90 (detik)");
        CHECK_STR(rows[1][25], "0");
        CHECK_STR(rows[1][28], "");
        CHECK_STR(rows[0][34], "Kesiapan: skor (%)");
        CHECK_STR(rows[0][36], "Kesiapan: temuan lewat batas");
        /* The regency's row has no readiness of its own. */
        CHECK_STR(rows[1][34], "");
        CHECK_STR(rows[1][36], "");
        CHECK_STR(rows[0][0], "Dari");
        CHECK_STR(rows[0][4], "Peringkat");
        CHECK_STR(rows[0][8], "Tepat waktu (%)");
        CHECK_STR(rows[1][3], "Kabupaten");
        CHECK_STR(rows[1][6], "9"); /* completed in March */
        CHECK_STR(rows[1][7], "8");
        CHECK_STR(rows[1][8], "88.9");
        CHECK_STR(rows[1][9], "3"); /* overdue now */
    }
    for (long i = 1; i < n; i++) {
        CHECK_STR(rows[i][0], "2026-03-01");
        CHECK_STR(rows[i][1], "2026-03-31");
        for (size_t k = 5; k <= 7; k++)
            CHECK(is_number(rows[i][k]));
    }
    long gi = find_row(rows, cols, n, 2, GENTENG);
    CHECK(gi >= 2);
    if (gi >= 2) {
        CHECK_STR(rows[gi][3], "Kantor Kecamatan Genteng");
        CHECK_STR(rows[gi][4], "2"); /* rank */
        CHECK_STR(rows[gi][5], "3"); /* received */
        CHECK_STR(rows[gi][6], "3"); /* completed */
        CHECK_STR(rows[gi][7], "2"); /* on time */
        CHECK_STR(rows[gi][8], "66.7");
        CHECK_STR(rows[gi][9], "1"); /* overdue now: the API one */
        CHECK(is_number(rows[gi][13]) && is_number(rows[gi][14]));
        CHECK_STR(rows[gi][15], "hari kerja");
        CHECK_STR(rows[gi][34], "89"); /* 8 of 9 mandatory items met */
        CHECK_INT((long)strlen(rows[gi][35]), 10); /* YYYY-MM-DD */
        CHECK_STR(rows[gi][36], "0");
    }
    long ki = find_row(rows, cols, n, 2, GIRI);
    CHECK(ki >= 2);
    if (ki >= 2) {
        CHECK_STR(rows[ki][4], ""); /* not ranked */
        CHECK_STR(rows[ki][6], "2");
        CHECK_STR(rows[ki][34], ""); /* never assessed */
        CHECK_STR(rows[ki][35], "");
        CHECK_STR(rows[ki][36], "0");
    }
    resp_free(&r);

    /* The same as XLSX: a summary sheet and one per office. */
    CHECK_INT(
        get(c, "/oversight/report?" PERIOD "&min_completed=3&format=xlsx", &r),
        200);
    CHECK_CONTAINS(resp_header(&r, "Content-Type"), "spreadsheetml");
    struct buf x;
    buf_init(&x, 64u << 20);
    CHECK(xlsx_parts(&r, &x));
    resp_free(&r);
    const char *wb = strstr(buf_cstr(&x), "<!-- ./xl/workbook.xml -->");
    CHECK(wb != NULL);
    if (wb) {
        CHECK_CONTAINS(wb, "<sheet name=\"Ringkasan\"");
        CHECK_CONTAINS(wb, "<sheet name=\"" GENTENG "\"");
        CHECK_CONTAINS(wb, "<sheet name=\"" GIRI "\"");
        const char *end = strstr(wb + 10, "<!-- ");
        size_t sheets = 0;
        for (const char *s = strstr(wb, "<sheet "); s && (!end || s < end);
             s = strstr(s + 1, "<sheet "))
            sheets++;
        /* ... and the counter queue's and readiness sheets at the end. */
        CHECK_CONTAINS(wb, "<sheet name=\"Antrean\"");
        CHECK_CONTAINS(wb, "<sheet name=\"Kesiapan\"");
        CHECK_INT(sheets, 1 + (size_t)points + 2);
    }
    const char *s1 = strstr(buf_cstr(&x), "<!-- ./xl/worksheets/sheet1.xml");
    CHECK(s1 != NULL);
    if (s1 && gi >= 2) {
        /* Row 5 (1-based) is the regency; the offices follow in the CSV's
         * order: Genteng is row 4 + gi. */
        char ref[32];
        snprintf(ref, sizeof(ref), "E%ld", 4 + gi);
        CHECK_STR(cell(s1, ref), "3"); /* completed */
        snprintf(ref, sizeof(ref), "G%ld", 4 + gi);
        CHECK_STR(cell(s1, ref), "66.7");
        snprintf(ref, sizeof(ref), "C%ld", 4 + gi);
        CHECK_STR(cell(s1, ref), "2");  /* rank */
        CHECK_STR(cell(s1, "E5"), "9"); /* the regency */
    }
    buf_free(&x);
    get(c, "/oversight/report?" PERIOD "&format=xlsx&lang=en", &r);
    buf_init(&x, 64u << 20);
    CHECK(xlsx_parts(&r, &x));
    CHECK_CONTAINS(buf_cstr(&x), "<sheet name=\"Summary\"");
    CHECK_CONTAINS(buf_cstr(&x), "Completed on time");
    buf_free(&x);
    resp_free(&r);

    /* One office by service. */
    CHECK_INT(
        get(c, "/oversight/offices/" GENTENG "?" PERIOD "&format=csv", &r),
        200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK(n > 3);
    if (n > 3) {
        CHECK_STR(rows[0][2], "Kode layanan");
        CHECK_STR(rows[1][3], "Kantor Kecamatan Genteng");
        CHECK_STR(rows[1][6], "3");
    }
    long si = find_row(rows, cols, n, 2, "DOMISILI-USAHA");
    CHECK(si >= 2);
    if (si >= 2) {
        CHECK_STR(rows[si][5], "3");
        CHECK_STR(rows[si][6], "3");
        CHECK_STR(rows[si][7], "2");
        CHECK_STR(rows[si][8], "66.7");
    }
    CHECK(find_row(rows, cols, n, 2, "SK-LAHIR") < 0); /* desa only */
    resp_free(&r);

    /* The lists: a header and a row per application. */
    CHECK_INT(get(c,
                  "/oversight/offices/" GENTENG
                  "/applications?which=late&" PERIOD "&format=csv",
                  &r),
              200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(rows[0][0], "Nomor");
        CHECK_INT(cols[1], 10);
        CHECK_STR(rows[1][0], regno_late);
        CHECK_STR(rows[1][1], GENTENG);
        CHECK_STR(rows[1][3], "DOMISILI-USAHA");
        CHECK_STR(rows[1][7], "2026-03-03T15:00:00+07:00");
        CHECK_STR(rows[1][8], "2026-03-06T10:00:00+07:00");
        CHECK_STR(rows[1][9], "3"); /* Wed, Thu, Fri */
    }
    resp_free(&r);
    CHECK_INT(get(c,
                  "/oversight/offices/" GENTENG
                  "/applications?which=completed&" PERIOD "&format=csv",
                  &r),
              200);
    CHECK_INT(csv_rows(&r, a, rows, cols, 128), 1 + 3);
    resp_free(&r);
    CHECK_INT(get(c, "/oversight/overdue?format=csv", &r), 200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 1 + 3);
    CHECK(find_row(rows, cols, n, 0, regno_api) > 0);
    CHECK(find_row(rows, cols, n, 0, regno_giri_od) > 0);
    for (long i = 1; i < n; i++) {
        CHECK_INT(cols[i], 10);
        CHECK(is_number(rows[i][9]) && atoi(rows[i][9]) > 0);
        CHECK_STR(rows[i][8], ""); /* not completed */
    }
    resp_free(&r);
    /* Filtered: one office, by service. */
    CHECK_INT(get(c, "/oversight/overdue?office=" GIRI "&format=csv", &r), 200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2);
    CHECK(find_row(rows, cols, n, 0, regno_giri_od) == 1);
    resp_free(&r);
    CHECK_INT(get(c, "/oversight/overdue?service=DOMISILI&format=csv", &r),
              200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2);
    CHECK(find_row(rows, cols, n, 0, regno_api) == 1);
    resp_free(&r);
    CHECK_INT(get(c, "/oversight/overdue?district=35.10.17&format=csv", &r),
              200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2);
    CHECK(find_row(rows, cols, n, 0, regno_giri_od) == 1);
    resp_free(&r);
    CHECK_INT(get(c, "/oversight/overdue?state=verified&format=csv", &r), 200);
    CHECK_INT(csv_rows(&r, a, rows, cols, 128), 1);
    resp_free(&r);
    CHECK_INT(get(c, "/oversight/overdue?state=in_process&format=csv", &r),
              200);
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK_INT(n, 2);
    CHECK(find_row(rows, cols, n, 0, regno_pes_od) == 1);
    resp_free(&r);
    arena_free(a);
    client_free(c);
}

/* The registration numbers of a list's CSV, in order, joined by spaces
 * (static); the working days late of each into late[] (at most 8). */
static const char *list_order(struct client *c, const char *path, int late[8])
{
    static char out[256];
    out[0] = '\0';
    struct arena *a = arena_new();
    char **rows[16];
    size_t cols[16];
    struct resp r;
    get(c, path, &r);
    long n = csv_rows(&r, a, rows, cols, 16);
    for (long i = 1; i < n; i++) {
        if (i <= 8)
            late[i - 1] = atoi(rows[i][9]);
        size_t len = strlen(out);
        snprintf(out + len, sizeof(out) - len, "%s%s", i > 1 ? " " : "",
                 rows[i][0]);
    }
    resp_free(&r);
    arena_free(a);
    return out;
}

static void test_filters_and_periods(void)
{
    struct client *c = signed_in("sekda");
    int late[8] = {0};
    char want[256];
    /* Sorted: the longest overdue first (the default), by office, by
     * service. */
    snprintf(want, sizeof(want), "%s %s %s", regno_api, regno_giri_od,
             regno_pes_od);
    CHECK_STR(list_order(c, "/oversight/overdue?format=csv", late), want);
    CHECK_STR(list_order(c, "/oversight/overdue?sort=late&format=csv", late),
              want);
    CHECK(late[0] > late[1] && late[1] > late[2] && late[2] > 0);
    snprintf(want, sizeof(want), "%s %s %s", regno_pes_od, regno_api,
             regno_giri_od);
    CHECK_STR(list_order(c, "/oversight/overdue?sort=office&format=csv", late),
              want);
    snprintf(want, sizeof(want), "%s %s %s", regno_pes_od, regno_api,
             regno_giri_od); /* AHLI-WARIS, DOMISILI, DOMISILI-USAHA */
    CHECK_STR(list_order(c, "/oversight/overdue?sort=service&format=csv", late),
              want);
    /* Days late: at least Giri's (days late only grow while the test
     * runs, so Giri's count still holds a moment later). */
    list_order(c, "/oversight/overdue?format=csv", late);
    char path[128];
    snprintf(path, sizeof(path), "/oversight/overdue?min_days=%d&format=csv",
             late[1] > 1000 ? 1000 : late[1]);
    snprintf(want, sizeof(want), "%s %s", regno_api, regno_giri_od);
    CHECK_STR(list_order(c, path, late), want);
    if (late[0] + 2 <= 1000) {
        snprintf(path, sizeof(path),
                 "/oversight/overdue?min_days=%d&format=csv", late[0] + 2);
        CHECK_STR(list_order(c, path, late), "");
    }
    snprintf(want, sizeof(want), "%s %s %s", regno_api, regno_giri_od,
             regno_pes_od);
    CHECK_STR(list_order(c, "/oversight/overdue?min_days=0&format=csv", late),
              want);
    /* ...the page says how many. */
    struct resp r;
    get(c, "/oversight/overdue?office=" GIRI, &r);
    CHECK_CONTAINS(body(&r), "Terlambat: <strong>1</strong>");
    CHECK_CONTAINS(body(&r), "<option value=\"" GIRI "\" selected>");
    resp_free(&r);

    /* A district: its offices only. */
    get(c, "/oversight?" PERIOD "&district=35.10.17", &r);
    CHECK_CONTAINS(body(&r), ">Kantor Kecamatan Giri<");
    CHECK_NOT_CONTAINS(body(&r), ">Kantor Kecamatan Genteng<");
    CHECK_CONTAINS(body(&r), "<option value=\"35.10.17\" selected>");
    resp_free(&r);

    /* From and to, both ends included: the 6th of March holds the late
     * completion alone, the 3rd the on-time one. */
    struct arena *a = arena_new();
    char **rows[128];
    size_t cols[128];
    get(c, "/oversight/report?from=2026-03-06&to=2026-03-06&format=csv", &r);
    long n = csv_rows(&r, a, rows, cols, 128);
    long gi = find_row(rows, cols, n, 2, GENTENG);
    CHECK(gi > 1);
    if (gi > 1) {
        CHECK_STR(rows[gi][0], "2026-03-06");
        CHECK_STR(rows[gi][6], "1");
        CHECK_STR(rows[gi][7], "0");
        CHECK_STR(rows[gi][8], "0.0");
    }
    resp_free(&r);
    get(c, "/oversight/report?from=2026-03-02&to=2026-03-03&format=csv", &r);
    n = csv_rows(&r, a, rows, cols, 128);
    gi = find_row(rows, cols, n, 2, GENTENG);
    if (gi > 1) {
        CHECK_STR(rows[gi][5], "2"); /* both handed in on the 2nd */
        CHECK_STR(rows[gi][6], "1");
        CHECK_STR(rows[gi][8], "100.0");
    }
    CHECK_STR(rows[1][6], "1"); /* the regency */
    resp_free(&r);
    /* The page shows the dates back in its form. */
    get(c, "/oversight?from=2026-03-02&to=2026-03-03", &r);
    CHECK_CONTAINS(body(&r),
                   "name=\"from\" type=\"date\" value=\"2026-03-02\"");
    CHECK_CONTAINS(body(&r), "href=\"/oversight/offices/" GENTENG
                             "?from=2026-03-02&amp;to=2026-03-03\"");
    resp_free(&r);

    /* The report's default: the last whole month (the month before the
     * one the request falls in: asked around the request). */
    char before[16], after[16];
    for (int k = 0; k < 2; k++) {
        time_t t = time(NULL) + 7 * 3600;
        struct tm tm;
        gmtime_r(&t, &tm);
        int y = tm.tm_year + 1900, m = tm.tm_mon; /* the month before */
        if (m == 0) {
            y--;
            m = 12;
        }
        snprintf(k ? after : before, 16, "%04d-%02d", y, m);
        if (k == 0)
            get(c, "/oversight/report?format=csv", &r);
    }
    n = csv_rows(&r, a, rows, cols, 128);
    CHECK(n > 1);
    if (n > 1) {
        bool ok = strncmp(rows[1][0], before, 7) == 0 ||
                  strncmp(rows[1][0], after, 7) == 0;
        CHECK(ok);
        CHECK_STR(rows[1][0] + 7, "-01");
        CHECK(strncmp(rows[1][0], rows[1][1], 8) == 0); /* one month */
        int y = 0, m = 0, d = 0;
        CHECK_INT(sscanf(rows[1][1], "%d-%d-%d", &y, &m, &d), 3);
        CHECK_INT(d, civil_days_in_month(y, m));
    }
    resp_free(&r);
    arena_free(a);
    client_free(c);
}

/* ---- wrong queries ---------------------------------------------------- */

struct bad_query {
    const char *path;
    const char *id, *en; /* the message */
};

static void test_wrong_queries(void)
{
    static const struct bad_query cases[] = {
        {"/oversight?period=2026-13", "Periode tidak valid", "Invalid period"},
        {"/oversight?period=1999", "Periode tidak valid", "Invalid period"},
        {"/oversight?period=2026-Q5", "Periode tidak valid", "Invalid period"},
        {"/oversight?from=2026-03-10&to=2026-03-01", "Periode tidak valid",
         "Invalid period"},
        {"/oversight?from=2026-03-10", "Periode tidak valid", "Invalid period"},
        {"/oversight?from=2016-01-01&to=2026-12-31", "Periode tidak valid",
         "Invalid period"},
        {"/oversight?district=99.99", "Kecamatan tidak dikenal",
         "Unknown district"},
        {"/oversight?district=35.10.09.2001", "Kecamatan tidak dikenal",
         "Unknown district"},
        {"/oversight?min_completed=-1", "min_completed: bilangan",
         "min_completed: a number"},
        {"/oversight/offices/" GENTENG "?period=2026-00", "Periode tidak valid",
         "Invalid period"},
        {"/oversight/offices/" GENTENG "?service=NOPE", "Layanan tidak dikenal",
         "Unknown service"},
        {"/oversight/offices/" GENTENG "/applications?which=all",
         "Daftar tidak dikenal", "Unknown list"},
        {"/oversight/offices/" GENTENG "/applications?which=late&period=x",
         "Periode tidak valid", "Invalid period"},
        {"/oversight/overdue?office=99.99.99", "Kantor tidak dikenal",
         "Unknown office"},
        {"/oversight/overdue?state=lost", "Status tidak dikenal",
         "Unknown status"},
        {"/oversight/overdue?sort=name", "Urutan: late, office atau service",
         "Sort: late, office or service"},
        {"/oversight/overdue?min_days=1001", "Hari terlambat", "Days late"},
        {"/oversight/overdue?min_days=-1", "Hari terlambat", "Days late"},
        {"/oversight/overdue?service=NOPE&format=csv", "Layanan tidak dikenal",
         "Unknown service"},
        {"/oversight/trends?office=99.99.99", "Kantor tidak dikenal",
         "Unknown office"},
        {"/oversight/report?period=2026-S3", "Periode tidak valid",
         "Invalid period"},
        {"/oversight/report?" PERIOD "&format=pdf", "Format: csv atau xlsx",
         "Format: csv or xlsx"},
        {"/oversight/report?office=99.99.99&format=csv", "Kantor tidak dikenal",
         "Unknown office"},
        {"/performance?period=2026-13", "Periode tidak valid",
         "Invalid period"},
    };
    struct client *c = signed_in("sekda");
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        for (int en = 0; en < 2; en++) {
            char path[256];
            snprintf(path, sizeof(path), "%s%slang=%s", cases[i].path,
                     strchr(cases[i].path, '?') ? "&" : "?", en ? "en" : "id");
            struct resp r;
            long st = get(c, path, &r);
            if (st != 422)
                fprintf(stderr, "  %s: %ld\n", path, st);
            CHECK_INT(st, 422);
            CHECK_CONTAINS(resp_header(&r, "Content-Type"), "text/html");
            CHECK_CONTAINS(body(&r), en ? cases[i].en : cases[i].id);
            CHECK_NOT_CONTAINS(body(&r), en ? cases[i].id : cases[i].en);
            /* Nothing else: no figures, no list. */
            CHECK_NOT_CONTAINS(body(&r), "class=\"headline\"");
            CHECK_NOT_CONTAINS(body(&r), "<table");
            CHECK_NOT_CONTAINS(body(&r), "Kantor Kecamatan Genteng");
            CHECK_NOT_CONTAINS(body(&r), regno_api);
            resp_free(&r);
        }
    }
    /* An office that does not exist in the path: 404. */
    CHECK_INT(status_of(c, "/oversight/offices/99.99.99"), 404);
    CHECK_INT(status_of(c, "/oversight/offices/99.99.99/applications"), 404);
    client_free(c);
}

/* ---- the Sekda's instructions ---------------------------------------- */

/* The instruct form of complaint number: its csrf and form_token. */
static void instruct_form(struct client *c, const char *number, char csrf[128],
                          char token[64])
{
    char path[128];
    snprintf(path, sizeof(path), "/oversight/escalations/%s/instruct", number);
    struct resp r;
    CHECK_INT(get(c, path, &r), 200);
    snprintf(csrf, 128, "%s", resp_csrf(&r));
    token[0] = '\0';
    const char *t = strstr(body(&r), "name=\"form_token\" value=\"");
    if (t)
        sscanf(t + strlen("name=\"form_token\" value=\""), "%63[0-9a-f]",
               token);
    CHECK(strlen(token) >= 16);
    resp_free(&r);
}

/* POST the instruction; the status (the answer into r, to be freed). */
static long instruct(struct client *c, const char *number, const char *csrf,
                     const char *token, const char *text, const char *due,
                     struct resp *r)
{
    char path[128];
    snprintf(path, sizeof(path), "/oversight/escalations/%s/instruct", number);
    struct buf form;
    buf_init(&form, 1u << 20);
    buf_printf(&form, "csrf=%s&form_token=%s&due_days=%s&text=", csrf, token,
               due);
    /* urlenc() has a small static buffer: encode long texts here. */
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9'))
            buf_putc(&form, (char)*p);
        else
            buf_printf(&form, "%%%02X", *p);
    }
    client_post(c, path, buf_cstr(&form), r);
    buf_free(&form);
    return r->status;
}

static int64_t count_followups(const char *number)
{
    return sql_int("SELECT COUNT(*) FROM followups f JOIN complaints c ON"
                   " c.id = f.ref_id WHERE f.kind = 'instruction' AND"
                   " c.number = $1",
                   number);
}

/* POST /followups/{id}/{what} with version (and answer); the status and
 * Location (static copy). */
static long followup_post(struct client *c, int64_t id, const char *what,
                          int version, const char *answer, char loc[128])
{
    struct resp r;
    get(c, "/followups", &r);
    char form[8192], path[96];
    snprintf(form, sizeof(form), "csrf=%s&version=%d%s%s", resp_csrf(&r),
             version, answer ? "&answer=" : "", answer ? urlenc(answer) : "");
    resp_free(&r);
    snprintf(path, sizeof(path), "/followups/%lld/%s", (long long)id, what);
    client_post(c, path, form, &r);
    const char *l = resp_header(&r, "Location");
    snprintf(loc, 128, "%s", l ? l : "");
    long st = r.status;
    resp_free(&r);
    return st;
}

#define INSTRUCTION "Periksa petugas loket dan laporkan hasilnya."
#define ANSWER "Petugas sudah ditegur; loket diawasi kepala seksi."

static int64_t main_followup; /* the instruction the flow follows */

static void test_instruct_flow(void)
{
    struct client *s = signed_in("sekda");
    struct resp r;
    /* The list in words, with the way to instruct. */
    CHECK_INT(get(s, "/oversight/escalations", &r), 200);
    CHECK_CONTAINS(body(&r), complaint1);
    CHECK_CONTAINS(body(&r), complaint2);
    CHECK_CONTAINS(body(&r), "Tidak diverifikasi dalam 3 hari kerja");
    CHECK_NOT_CONTAINS(body(&r), "verification_overdue");
    CHECK_CONTAINS(body(&r), "Beri instruksi kepada kantor");
    resp_free(&r);
    get(s, "/oversight/escalations?lang=en", &r);
    CHECK_CONTAINS(body(&r), "Not verified within 3 working days");
    resp_free(&r);

    /* Refused: nothing stored. */
    char csrf[128], token[64];
    instruct_form(s, complaint1, csrf, token);
    char text2001[2002], text2000[4001];
    memset(text2001, 'x', 2001);
    text2001[2001] = '\0';
    for (int i = 0; i < 2000; i++)
        memcpy(text2000 + 2 * i, "\xC3\xA9", 2); /* 2000 x U+00E9 */
    text2000[4000] = '\0';
    static const struct {
        const char *text, *due, *msg;
    } bad[] = {
        {INSTRUCTION, "0", "1 sampai 30 hari kerja"},
        {INSTRUCTION, "31", "1 sampai 30 hari kerja"},
        {INSTRUCTION, "tiga", "1 sampai 30 hari kerja"},
        {"   ", "3", "Wajib diisi"},
        {NULL, "3", "Terlalu panjang"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        CHECK_INT(instruct(s, complaint1, csrf, token,
                           bad[i].text ? bad[i].text : text2001, bad[i].due,
                           &r),
                  422);
        CHECK_CONTAINS(body(&r), bad[i].msg);
        CHECK_CONTAINS(body(&r), "name=\"form_token\"");
        resp_free(&r);
    }
    CHECK_INT(count_followups(complaint1), 0);
    /* Boundaries: 30 working days with 2000 characters, 1 day. */
    CHECK_INT(instruct(s, complaint1, csrf, token, text2000, "30", &r), 303);
    resp_free(&r);
    instruct_form(s, complaint1, csrf, token);
    CHECK_INT(instruct(s, complaint1, csrf, token, "Satu hari", "1", &r), 303);
    resp_free(&r);
    CHECK_INT(count_followups(complaint1), 2);
    /* The one form sent twice: one instruction. */
    instruct_form(s, complaint1, csrf, token);
    CHECK_INT(instruct(s, complaint1, csrf, token, INSTRUCTION, "5", &r), 303);
    CHECK_STR(resp_header(&r, "Location"),
              "/oversight/escalations?instructed=1");
    resp_free(&r);
    CHECK_INT(instruct(s, complaint1, csrf, token, INSTRUCTION, "5", &r), 303);
    resp_free(&r);
    CHECK_INT(count_followups(complaint1), 3);
    CHECK_INT(
        sql_int("SELECT COUNT(*) FROM followups WHERE text = $1", INSTRUCTION),
        1);
    main_followup =
        sql_int("SELECT id FROM followups WHERE text = $1", INSTRUCTION);
    CHECK(main_followup > 0);
    /* Due in 5 working days of Genteng's calendar from when it was
     * given. */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    if (db) {
        struct arena *a = arena_new();
        int64_t created = 0, due = 0, days = 0;
        CHECK_INT(db_int(db, &created,
                         "SELECT created_at FROM followups WHERE id = $1",
                         DV_INT(main_followup)),
                  ERR_OK);
        CHECK_INT(db_int(db, &due, "SELECT due_at FROM followups WHERE id = $1",
                         DV_INT(main_followup)),
                  ERR_OK);
        CHECK_INT(db_int(db, &days,
                         "SELECT due_days FROM followups WHERE id = $1",
                         DV_INT(main_followup)),
                  ERR_OK);
        CHECK_INT(days, 5);
        struct office o;
        struct calendar cal;
        CHECK_INT(offices_get(db, a, GENTENG, &o), ERR_OK);
        CHECK_INT(workcal_load(db, a, &o, &cal), ERR_OK);
        struct deadline d = cal_add_working_days(&cal, created, 5);
        CHECK(d.ok);
        CHECK_INT(due, d.at);
        /* Five working days are at least four whole days later. */
        CHECK(due - created >= 4 * 86400);
        arena_free(a);
        db_close(db);
    }
    get(s, "/oversight/escalations?instructed=1", &r);
    CHECK_CONTAINS(body(&r), "Instruksi terkirim");
    CHECK_CONTAINS(body(&r), INSTRUCTION);
    CHECK_CONTAINS(body(&r), "belum diterima kantor");
    CHECK_CONTAINS(body(&r), "Instruksi baru");
    resp_free(&r);
    /* The complaint's history tells it in words. */
    char path[128];
    snprintf(path, sizeof(path), "/complaints/%s", complaint1);
    CHECK_INT(get(s, path, &r), 200);
    CHECK_CONTAINS(body(&r), "Instruksi Sekda kepada kantor");
    CHECK_CONTAINS(body(&r), INSTRUCTION);
    resp_free(&r);
    /* Not escalated, or no such complaint: 404. */
    CHECK_INT(status_of(s, "/oversight/escalations/P-26-073-99999-0/instruct"),
              404);
    CHECK_INT(instruct(s, "P-26-073-99999-0", csrf, "feedfacefeedface",
                       INSTRUCTION, "3", &r),
              404);
    resp_free(&r);
    /* The Sekda does not answer for an office. */
    char loc[128];
    CHECK_INT(followup_post(s, main_followup, "acknowledge", 1, NULL, loc),
              403);

    /* The Bupati sees the list and the instructions, cannot instruct. */
    struct client *b = signed_in("bupati");
    CHECK_INT(get(b, "/oversight/escalations", &r), 200);
    CHECK_CONTAINS(body(&r), complaint1);
    CHECK_CONTAINS(body(&r), INSTRUCTION);
    CHECK_NOT_CONTAINS(body(&r), "/instruct\"");
    char bcsrf[128];
    snprintf(bcsrf, sizeof(bcsrf), "%s", resp_csrf(&r));
    resp_free(&r);
    snprintf(path, sizeof(path), "/oversight/escalations/%s/instruct",
             complaint1);
    CHECK_INT(status_of(b, path), 403);
    CHECK_INT(instruct(b, complaint1, bcsrf, "0123456789abcdef0123456789abcdef",
                       "Dari Bupati", "3", &r),
              403);
    resp_free(&r);
    CHECK_INT(count_followups(complaint1), 3);
    CHECK_INT(get(b, "/followups", &r), 200);
    CHECK_CONTAINS(body(&r), INSTRUCTION);
    CHECK_NOT_CONTAINS(body(&r), "/acknowledge\"");
    resp_free(&r);
    client_free(b);

    /* The head of Genteng: sees it, acknowledges, answers. */
    struct client *h = signed_in("camat.genteng");
    CHECK_INT(get(h, "/followups", &r), 200);
    CHECK_CONTAINS(body(&r), INSTRUCTION);
    CHECK_CONTAINS(body(&r), complaint1);
    char fu[64];
    snprintf(fu, sizeof(fu), "action=\"/followups/%lld/acknowledge\"",
             (long long)main_followup);
    CHECK_CONTAINS(body(&r), fu);
    resp_free(&r);
    /* Another office's head: as if there were none. */
    struct client *g = signed_in("camat.giri");
    CHECK_INT(get(g, "/followups", &r), 200);
    CHECK_NOT_CONTAINS(body(&r), INSTRUCTION);
    resp_free(&r);
    CHECK_INT(followup_post(g, main_followup, "acknowledge", 1, NULL, loc),
              404);
    CHECK_INT(followup_post(g, main_followup, "answer", 1, "Bukan kami", loc),
              404);
    CHECK_INT(sql_int("SELECT COUNT(*) FROM followups WHERE text = $1 AND"
                      " acknowledged_at IS NULL AND answered_at IS NULL",
                      INSTRUCTION),
              1);
    client_free(g);
    CHECK_INT(followup_post(h, main_followup, "acknowledge", 1, NULL, loc),
              303);
    CHECK_STR(loc, "/followups?done=acknowledged");
    /* The same version again: someone else changed it. */
    CHECK_INT(followup_post(h, main_followup, "acknowledge", 1, NULL, loc),
              303);
    CHECK_STR(loc, "/followups?done=stale");
    get(h, loc, &r);
    CHECK_CONTAINS(body(&r), "Instruksi ini sudah diubah orang lain");
    resp_free(&r);
    get(h, "/followups?done=stale&lang=en", &r);
    CHECK_CONTAINS(body(&r), "Someone else changed this instruction first");
    resp_free(&r);
    CHECK_INT(followup_post(h, main_followup, "answer", 1, ANSWER, loc), 303);
    CHECK_STR(loc, "/followups?done=stale");
    /* An empty answer is refused, the right version answers. */
    CHECK_INT(followup_post(h, main_followup, "answer", 2, "  ", loc), 303);
    CHECK_STR(loc, "/followups?done=empty");
    CHECK_INT(followup_post(h, main_followup, "answer", 2, text2001, loc), 303);
    CHECK_STR(loc, "/followups?done=empty");
    CHECK_INT(sql_int("SELECT COUNT(*) FROM followups WHERE text = $1 AND"
                      " answered_at IS NULL",
                      INSTRUCTION),
              1);
    CHECK_INT(followup_post(h, main_followup, "answer", 2, ANSWER, loc), 303);
    CHECK_STR(loc, "/followups?done=answered");
    CHECK_INT(followup_post(h, main_followup, "answer", 2, ANSWER, loc), 303);
    CHECK_STR(loc, "/followups?done=stale");
    CHECK_INT(
        sql_int("SELECT COUNT(*) FROM followups WHERE answer = $1", ANSWER), 1);
    get(h, "/followups", &r);
    CHECK_CONTAINS(body(&r), ANSWER);
    resp_free(&r);
    client_free(h);
    /* The Sekda reads the answer on the list and in the history. */
    get(s, "/oversight/escalations", &r);
    CHECK_CONTAINS(body(&r), ANSWER);
    resp_free(&r);
    snprintf(path, sizeof(path), "/complaints/%s", complaint1);
    get(s, path, &r);
    CHECK_CONTAINS(body(&r), "Instruksi diterima kantor");
    CHECK_CONTAINS(body(&r), "Kantor menjawab instruksi");
    CHECK_CONTAINS(body(&r), ANSWER);
    resp_free(&r);
    client_free(s);
}

/* The <article> of the escalation list or /followups that holds needle
 * (static copy; "" if none). */
static const char *article_of(const char *text, const char *needle)
{
    static char art[16384];
    art[0] = '\0';
    const char *at = strstr(text, needle);
    if (!at)
        return art;
    const char *start = at;
    while (start > text && strncmp(start, "<article", 8) != 0)
        start--;
    const char *end = strstr(at, "</article>");
    if (end)
        snprintf(art, sizeof(art), "%.*s", (int)(end - start), start);
    return art;
}

#define LATE_INSTRUCTION "Jelaskan mengapa loket kosong."

static void test_followup_overdue(void)
{
    /* An instruction about Giri's complaint, due in February 2026:
     * written into the database, so its deadline is past whenever the
     * test runs. */
    int64_t k2 =
        sql_int("SELECT id FROM complaints WHERE number = $1", complaint2);
    int64_t giri = sql_int("SELECT id FROM offices WHERE code = $1", GIRI);
    struct db_val a[] = {DV_INT(k2), DV_INT(giri), DV_TEXT(LATE_INSTRUCTION),
                         DV_INT(wib(2026, 2, 10, 10, 0)),
                         DV_INT(wib(2026, 2, 13, 15, 30))};
    CHECK(sql("INSERT INTO followups (kind, ref_id, office_id, text,"
              " created_at, actor, due_days, due_at) VALUES ('instruction',"
              " $1, $2, $3, $4, 'sekda', 3, $5)",
              a, 5));
    struct client *s = signed_in("sekda");
    struct resp r;
    get(s, "/oversight/escalations", &r);
    const char *late = article_of(body(&r), LATE_INSTRUCTION);
    CHECK(starts(late, "<article class=\"escalation overdue\""));
    CHECK_CONTAINS(late, "<div class=\"followup overdue\">");
    CHECK_CONTAINS(late, "terlambat, belum dijawab");
    /* The answered one is not. */
    const char *done = article_of(body(&r), ANSWER);
    CHECK(starts(done, "<article class=\"escalation\""));
    CHECK_NOT_CONTAINS(done, "overdue");
    resp_free(&r);
    /* The head of Giri sees it in red; the head of Genteng does not see
     * it at all, and their open instructions are not overdue. */
    struct client *g = signed_in("camat.giri");
    get(g, "/followups", &r);
    late = article_of(body(&r), LATE_INSTRUCTION);
    CHECK(starts(late, "<article class=\"followup overdue\""));
    CHECK_CONTAINS(late, "<strong class=\"late\">terlambat</strong>");
    resp_free(&r);
    get(g, "/followups?lang=en", &r);
    CHECK_CONTAINS(article_of(body(&r), LATE_INSTRUCTION), ">overdue</strong>");
    resp_free(&r);
    struct client *h = signed_in("camat.genteng");
    get(h, "/followups", &r);
    CHECK_NOT_CONTAINS(body(&r), LATE_INSTRUCTION);
    CHECK_NOT_CONTAINS(body(&r), "followup overdue");
    CHECK_CONTAINS(article_of(body(&r), "Satu hari"),
                   "<article class=\"followup\"");
    resp_free(&r);
    client_free(h);
    /* Answered late: no longer overdue (it was answered). */
    int64_t id =
        sql_int("SELECT id FROM followups WHERE text = $1", LATE_INSTRUCTION);
    char loc[128];
    CHECK_INT(followup_post(g, id, "answer", 1, "Maaf, terlambat.", loc), 303);
    CHECK_STR(loc, "/followups?done=answered");
    client_free(g);
    get(s, "/oversight/escalations", &r);
    late = article_of(body(&r), LATE_INSTRUCTION);
    CHECK(starts(late, "<article class=\"escalation\""));
    CHECK_CONTAINS(late, "Maaf, terlambat.");
    resp_free(&r);
    client_free(s);
}

/* ---- escaping --------------------------------------------------------- */

#define EVIL_NAME "Kantor <script>alert(1)</script> \"Muncar\" & 'Co'"
#define EVIL_NAME_HTML                                                         \
    "Kantor &lt;script&gt;alert(1)&lt;/script&gt; &quot;Muncar&quot; &amp; "   \
    "&#39;Co&#39;"
#define EVIL_INSTRUCTION "Periksa <img src=x onerror=alert(2)> \"segera\""

static void test_escaping(void)
{
    struct db_val a[] = {DV_TEXT(EVIL_NAME), DV_TEXT(MUNCAR)};
    CHECK(sql("UPDATE offices SET name = $1 WHERE code = $2", a, 2));
    struct db_val b[] = {DV_TEXT(EVIL_NAME), DV_TEXT(GIRI)};
    CHECK(sql("UPDATE offices SET name = $1 WHERE code = $2", b, 2));
    struct db_val f[] = {DV_TEXT("=HYPERLINK(\"http://x\") Licin"),
                         DV_TEXT(LICIN)};
    CHECK(sql("UPDATE offices SET name = $1 WHERE code = $2", f, 2));
    struct client *s = signed_in("sekda");
    /* A hostile instruction, about Genteng's complaint. */
    char csrf[128], token[64];
    instruct_form(s, complaint1, csrf, token);
    struct resp r;
    /* The complaint's own text on the form: escaped. */
    char path[128];
    snprintf(path, sizeof(path), "/oversight/escalations/%s/instruct",
             complaint1);
    get(s, path, &r);
    CHECK_CONTAINS(body(&r), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK_NOT_CONTAINS(body(&r), "<script>alert(");
    resp_free(&r);
    CHECK_INT(instruct(s, complaint1, csrf, token, EVIL_INSTRUCTION, "3", &r),
              303);
    resp_free(&r);
    static const char *const pages[] = {
        "/oversight?" PERIOD "&min_completed=3",
        "/oversight/offices/" MUNCAR "?" PERIOD,
        "/oversight/offices/" MUNCAR "/applications?which=completed&" PERIOD,
        "/oversight/overdue",
        "/oversight/trends",
        "/oversight/trends?office=" MUNCAR,
        "/oversight/report?" PERIOD,
        "/oversight/escalations",
        "/followups",
        "/performance?" PERIOD,
    };
    for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++) {
        CHECK_INT(get(s, pages[i], &r), 200);
        if (strstr(body(&r), "<script>alert") || strstr(body(&r), "<img src=x"))
            fprintf(stderr, "  %s: not escaped\n", pages[i]);
        CHECK_NOT_CONTAINS(body(&r), "<script>alert");
        CHECK_NOT_CONTAINS(body(&r), "<img src=x");
        if (strcmp(pages[i], "/oversight/escalations") == 0 ||
            strcmp(pages[i], "/followups") == 0)
            CHECK_CONTAINS(body(&r),
                           "Periksa &lt;img src=x onerror=alert(2)&gt; "
                           "&quot;segera&quot;");
        else
            CHECK_CONTAINS(body(&r), EVIL_NAME_HTML);
        resp_free(&r);
    }
    /* The CSV holds the name as it is, quoted; the XLSX escaped XML. */
    struct arena *ar = arena_new();
    char **rows[128];
    size_t cols[128];
    get(s, "/oversight/report?" PERIOD "&format=csv", &r);
    long n = csv_rows(&r, ar, rows, cols, 128);
    long mi = find_row(rows, cols, n, 2, MUNCAR);
    CHECK(mi > 1);
    if (mi > 1)
        CHECK_STR(rows[mi][3], EVIL_NAME);
    /* A name that starts like a formula never is one in a spreadsheet. */
    long li = find_row(rows, cols, n, 2, LICIN);
    CHECK(li > 1);
    if (li > 1) {
        CHECK(!csv_formula_risk(rows[li][3]));
        CHECK_CONTAINS(rows[li][3], "HYPERLINK");
    }
    resp_free(&r);
    /* Query parameters come back encoded, never as markup. */
    CHECK_INT(get(s,
                  "/oversight/overdue?sort=late&x=%3Cscript%3Ealert(3)%3C/"
                  "script%3E&%22%3E%3Cb%3E=1",
                  &r),
              200);
    CHECK_NOT_CONTAINS(body(&r), "<script>alert(3)");
    CHECK_NOT_CONTAINS(body(&r), "\"><b>");
    CHECK_CONTAINS(body(&r), "x=%3Cscript%3Ealert%283%29");
    resp_free(&r);
    CHECK_INT(get(s,
                  "/oversight/offices/" GENTENG
                  "/applications?which=late&" PERIOD "&y=%22%3E%3Cscript%3E",
                  &r),
              200);
    CHECK_NOT_CONTAINS(body(&r), "\"><script>");
    resp_free(&r);
    get(s, "/oversight/report?" PERIOD "&format=xlsx", &r);
    struct buf x;
    buf_init(&x, 64u << 20);
    CHECK(xlsx_parts(&r, &x)); /* every part well-formed */
    CHECK_CONTAINS(buf_cstr(&x), "&lt;script&gt;alert(1)&lt;/script&gt;");
    buf_free(&x);
    resp_free(&r);
    arena_free(ar);
    client_free(s);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    RUN(test_setup);
    RUN(test_who_sees_what);
    RUN(test_no_personal_data);
    RUN(test_minimum_count);
    RUN(test_exports);
    RUN(test_filters_and_periods);
    RUN(test_wrong_queries);
    RUN(test_instruct_flow);
    RUN(test_followup_overdue);
    RUN(test_escaping);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
