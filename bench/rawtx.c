/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * rawtx.c: what SQLite itself commits, durably, on this disk: the
 * reference for the intake benchmark (bench/run.sh).
 *
 *   rawtx row FILE SECONDS      single-row transactions: BEGIN IMMEDIATE,
 *                               one INSERT of a short row, COMMIT, in a
 *                               new table of FILE
 *   rawtx intake FILE SECONDS   transactions shaped like an intake, on a
 *                               copy of a Satu Pintu database (FILE):
 *                               the serial counter (upsert + increment),
 *                               the application row, three requirement
 *                               rows, the submit event and the two
 *                               performance counters (perf_day,
 *                               perf_month), as store/applications.c and
 *                               store/perf.c write them
 *
 * One connection, one transaction after the other, the way SQLite is fast
 * without any server around it: WAL, synchronous=FULL (every COMMIT on
 * disk before the next), statements prepared once. Prints
 *   RAW transactions N
 *   RAW seconds S
 *   RAW tps T
 * Only libsqlite3: no part of the server.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "rawtx: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
    exit(1);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK)
        die(db, sql);
    return st;
}

/* Step st to its end (rows ignored), reset it; exit on error. */
static void run(sqlite3 *db, sqlite3_stmt *st)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE)
        die(db, sqlite3_sql(st));
    sqlite3_reset(st);
}

/* The first column of the first row of st, reset after. */
static sqlite3_int64 one(sqlite3 *db, sqlite3_stmt *st)
{
    if (sqlite3_step(st) != SQLITE_ROW)
        die(db, sqlite3_sql(st));
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    while (sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_reset(st);
    return v;
}

int main(int argc, char **argv)
{
    if (argc != 4 ||
        (strcmp(argv[1], "row") != 0 && strcmp(argv[1], "intake") != 0)) {
        fprintf(stderr, "usage: rawtx row|intake FILE SECONDS\n");
        return 2;
    }
    bool intake = strcmp(argv[1], "intake") == 0;
    double seconds = atof(argv[3]);
    sqlite3 *db = NULL;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK)
        die(db, "open");
    sqlite3_busy_timeout(db, 10000);
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     " PRAGMA foreign_keys=ON;",
                     NULL, NULL, NULL) != SQLITE_OK)
        die(db, "pragmas");
    sqlite3_stmt *begin = prep(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *commit = prep(db, "COMMIT");
    long n = 0;
    double t0 = now_s(), t = t0;
    if (!intake) {
        if (sqlite3_exec(db,
                         "CREATE TABLE IF NOT EXISTS raw_row (id INTEGER"
                         " PRIMARY KEY, at INTEGER NOT NULL, v TEXT NOT"
                         " NULL)",
                         NULL, NULL, NULL) != SQLITE_OK)
            die(db, "create");
        sqlite3_stmt *ins =
            prep(db, "INSERT INTO raw_row (at, v) VALUES (?1, ?2)");
        while (t - t0 < seconds) {
            run(db, begin);
            sqlite3_bind_int64(ins, 1, (sqlite3_int64)n);
            sqlite3_bind_text(ins, 2, "26-009-00042-7", -1, SQLITE_STATIC);
            run(db, ins);
            run(db, commit);
            n++;
            t = now_s();
        }
    } else {
        /* An office and a service that exist; a year of our own. */
        sqlite3_stmt *q = prep(db, "SELECT MIN(id) FROM offices WHERE"
                                   " service_point_since IS NOT NULL");
        sqlite3_int64 office = one(db, q);
        sqlite3_finalize(q);
        q = prep(db, "SELECT MIN(id) FROM services");
        sqlite3_int64 service = one(db, q);
        sqlite3_finalize(q);
        sqlite3_stmt *ctr0 = prep(db, "INSERT INTO counters (name, value)"
                                      " VALUES ('regno:raw:2099', 0) ON"
                                      " CONFLICT (name) DO NOTHING");
        sqlite3_stmt *ctr = prep(db, "UPDATE counters SET value = value + 1"
                                     " WHERE name = 'regno:raw:2099'"
                                     " RETURNING value");
        sqlite3_stmt *app = prep(
            db, "INSERT INTO applications (regno, pin, office_id,"
                " service_id, service_version, nik, citizen_name,"
                " village_code, phone, email, fields_json, fee, state,"
                " next_step, submitted_at, promised_at, provisional, version,"
                " created_by, survey_token) VALUES (?1, '123456', ?2, ?3, 1,"
                " ?4, 'Warga Uji', NULL, '081234567890', NULL, '{}', 0,"
                " 'received', 1, ?5, ?6, 0, 1, NULL, ?7) RETURNING id");
        sqlite3_stmt *req = prep(db, "INSERT INTO application_requirements"
                                     " (application_id, code) VALUES (?1, ?2)"
                                     " ON CONFLICT DO NOTHING");
        sqlite3_stmt *ev = prep(
            db, "INSERT INTO application_events (application_id, at, user_id,"
                " actor, action, step_code, state_after, promised_at, note)"
                " VALUES (?1, ?2, NULL, 'api:bench', 'submit', NULL,"
                " 'received', ?3, NULL)");
        sqlite3_stmt *pd = prep(
            db, "INSERT INTO perf_day (office_id, service_id, day, received,"
                " completed, on_time, rejected, returned) VALUES (?1, ?2,"
                " '2099-01-02', 1, 0, 0, 0, 0) ON CONFLICT (office_id,"
                " service_id, day) DO UPDATE SET received = perf_day.received"
                " + excluded.received");
        sqlite3_stmt *pm = prep(
            db, "INSERT INTO perf_month (office_id, service_id, month,"
                " received, completed, on_time, rejected, returned) VALUES"
                " (?1, ?2, '2099-01', 1, 0, 0, 0, 0) ON CONFLICT (office_id,"
                " service_id, month) DO UPDATE SET received ="
                " perf_month.received + excluded.received");
        static const char *const reqs[] = {"KTP", "KK", "PENGANTAR_RT"};
        while (t - t0 < seconds) {
            run(db, begin);
            run(db, ctr0);
            sqlite3_int64 serial = one(db, ctr);
            char regno[32], nik[20];
            snprintf(regno, sizeof(regno), "99-999-%07lld-0",
                     (long long)serial);
            snprintf(nik, sizeof(nik), "351009%02ld0190%04ld", 1 + n % 28,
                     1 + n % 9999);
            sqlite3_bind_text(app, 1, regno, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(app, 2, office);
            sqlite3_bind_int64(app, 3, service);
            sqlite3_bind_text(app, 4, nik, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(app, 5, 4070908800 + n);
            sqlite3_bind_int64(app, 6, 4071081600 + n);
            char token[40];
            snprintf(token, sizeof(token), "raw%029lld", (long long)serial);
            sqlite3_bind_text(app, 7, token, -1, SQLITE_TRANSIENT);
            sqlite3_int64 id = one(db, app);
            for (int i = 0; i < 3; i++) {
                sqlite3_bind_int64(req, 1, id);
                sqlite3_bind_text(req, 2, reqs[i], -1, SQLITE_STATIC);
                run(db, req);
            }
            sqlite3_bind_int64(ev, 1, id);
            sqlite3_bind_int64(ev, 2, 4070908800 + n);
            sqlite3_bind_int64(ev, 3, 4071081600 + n);
            run(db, ev);
            sqlite3_bind_int64(pd, 1, office);
            sqlite3_bind_int64(pd, 2, service);
            run(db, pd);
            sqlite3_bind_int64(pm, 1, office);
            sqlite3_bind_int64(pm, 2, service);
            run(db, pm);
            run(db, commit);
            n++;
            t = now_s();
        }
    }
    printf("RAW transactions %ld\nRAW seconds %.3f\nRAW tps %.1f\n", n, t - t0,
           (double)n / (t - t0));
    sqlite3_close_v2(db);
    return 0;
}
