/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* migrate.c: the schema, version by version (see migrate.h). */
#include "store/migrate.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/log.h"
#include "store/db.h"

struct migration {
    int version;            /* 1, 2, ... */
    const char *sql;        /* both dialects; @ID@ = id column type */
    const char *sqlite_sql; /* SQLite only, or NULL */
    const char *pg_sql;     /* PostgreSQL only, or NULL */
};

/* Migration 11's triggers (see there). */
#define DV_SQ1(t, op, set)                                                     \
    "CREATE TRIGGER dv_" t "_" op " AFTER " op " ON " t                        \
    " BEGIN UPDATE data_versions SET " set " WHERE id = 1; END;"
#define DV_SQ(t, set)                                                          \
    DV_SQ1(t, "insert", set) DV_SQ1(t, "update", set) DV_SQ1(t, "delete", set)
#define DV_CAT "catalogue = catalogue + 1"
#define DV_CAL "calendar = calendar + 1"
#define DV_BOTH "catalogue = catalogue + 1, calendar = calendar + 1"
#define DV_PGF(name, set)                                                      \
    "CREATE FUNCTION dv_bump_" name "() RETURNS trigger LANGUAGE plpgsql AS"   \
    " $$ BEGIN UPDATE data_versions SET " set " WHERE id = 1; RETURN NULL;"    \
    " END $$;"
#define DV_PG(t, name)                                                         \
    "CREATE TRIGGER dv_" t                                                     \
    " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON " t                      \
    " FOR EACH STATEMENT EXECUTE FUNCTION dv_bump_" name "();"

static const struct migration migrations[] = {
    {1,
     "CREATE TABLE regions ("
     " code TEXT PRIMARY KEY,"
     " parent_code TEXT REFERENCES regions(code),"
     " level TEXT NOT NULL,"
     " name TEXT NOT NULL,"
     " village_kind TEXT);"
     "CREATE INDEX regions_parent ON regions(parent_code);"

     "CREATE TABLE offices ("
     " id @ID@,"
     " code TEXT NOT NULL UNIQUE,"
     " level TEXT NOT NULL,"
     " region_code TEXT REFERENCES regions(code),"
     " parent_id BIGINT REFERENCES offices(id),"
     " name TEXT NOT NULL,"
     " address TEXT NOT NULL DEFAULT '',"
     " phone TEXT NOT NULL DEFAULT '',"
     " hours TEXT NOT NULL,"
     " utc_offset_min INTEGER NOT NULL DEFAULT 420,"
     " service_point_since TEXT,"
     " created_at BIGINT NOT NULL);"
     "CREATE INDEX offices_level ON offices(level);"

     "CREATE TABLE categories ("
     " code TEXT PRIMARY KEY,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " ord INTEGER NOT NULL DEFAULT 0);"

     "CREATE TABLE services ("
     " id @ID@,"
     " code TEXT NOT NULL UNIQUE,"
     " current_version INTEGER NOT NULL DEFAULT 0,"
     " active INTEGER NOT NULL DEFAULT 1);"

     "CREATE TABLE service_versions ("
     " id @ID@,"
     " service_id BIGINT NOT NULL REFERENCES services(id),"
     " version INTEGER NOT NULL,"
     " category TEXT NOT NULL REFERENCES categories(code),"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " accepted_levels TEXT NOT NULL,"
     " agency_code TEXT,"
     " time_amount INTEGER NOT NULL,"
     " time_unit TEXT NOT NULL,"
     " fee BIGINT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT,"
     " UNIQUE (service_id, version));"

     "CREATE TABLE service_texts ("
     " version_id BIGINT NOT NULL REFERENCES service_versions(id),"
     " component TEXT NOT NULL,"
     " text_id TEXT NOT NULL,"
     " text_en TEXT NOT NULL,"
     " PRIMARY KEY (version_id, component));"

     "CREATE TABLE service_requirements ("
     " version_id BIGINT NOT NULL REFERENCES service_versions(id),"
     " ord INTEGER NOT NULL,"
     " code TEXT NOT NULL,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " mandatory INTEGER NOT NULL,"
     " PRIMARY KEY (version_id, ord));"

     "CREATE TABLE service_steps ("
     " version_id BIGINT NOT NULL REFERENCES service_versions(id),"
     " ord INTEGER NOT NULL,"
     " code TEXT NOT NULL,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " role TEXT NOT NULL,"
     " state TEXT NOT NULL,"
     " PRIMARY KEY (version_id, ord));"

     "CREATE TABLE users ("
     " id @ID@,"
     " login TEXT NOT NULL UNIQUE,"
     " full_name TEXT NOT NULL,"
     " role TEXT NOT NULL,"
     " office_id BIGINT REFERENCES offices(id),"
     " password_hash TEXT NOT NULL,"
     " must_change_password INTEGER NOT NULL DEFAULT 0,"
     " disabled INTEGER NOT NULL DEFAULT 0,"
     " created_at BIGINT NOT NULL,"
     " updated_at BIGINT NOT NULL);"

     "CREATE TABLE sessions ("
     " token_hash TEXT PRIMARY KEY,"
     " user_id BIGINT NOT NULL REFERENCES users(id),"
     " csrf TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " last_seen BIGINT NOT NULL);"
     "CREATE INDEX sessions_user ON sessions(user_id);"

     "CREATE TABLE api_keys ("
     " id @ID@,"
     " user_id BIGINT NOT NULL REFERENCES users(id),"
     " prefix TEXT NOT NULL,"
     " key_hash TEXT NOT NULL UNIQUE,"
     " label TEXT NOT NULL DEFAULT '',"
     " created_at BIGINT NOT NULL,"
     " revoked_at BIGINT,"
     " last_used_at BIGINT);"

     "CREATE TABLE login_failures ("
     " id @ID@,"
     " login TEXT NOT NULL,"
     " addr TEXT NOT NULL,"
     " at BIGINT NOT NULL);"
     "CREATE INDEX login_failures_login ON login_failures(login, at);"
     "CREATE INDEX login_failures_addr ON login_failures(addr, at);"

     "CREATE TABLE audit_log ("
     " id @ID@,"
     " at BIGINT NOT NULL,"
     " user_id BIGINT,"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " entity TEXT NOT NULL,"
     " entity_key TEXT NOT NULL,"
     " before_json TEXT,"
     " after_json TEXT,"
     " addr TEXT NOT NULL DEFAULT '');"
     "CREATE INDEX audit_log_entity ON audit_log(entity, entity_key);",

     /* SQLite: the audit log is append-only. */
     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
     " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
     " BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",

     /* PostgreSQL: the same, with a trigger function. */
     "CREATE FUNCTION audit_log_append_only() RETURNS trigger"
     " LANGUAGE plpgsql AS $f$ BEGIN"
     " RAISE EXCEPTION 'audit_log is append-only'; END $f$;"
     "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE"
     " ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();"},
    {2,
     /* Working time: the national calendar and office closures. */
     "CREATE TABLE holidays ("
     " day TEXT PRIMARY KEY,"
     " kind TEXT NOT NULL,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL);"
     "CREATE TABLE calendar_years ("
     " year INTEGER PRIMARY KEY,"
     " loaded_at BIGINT NOT NULL,"
     " source TEXT NOT NULL DEFAULT '');"
     "CREATE TABLE office_closures ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " day TEXT NOT NULL,"
     " reason TEXT NOT NULL,"
     " PRIMARY KEY (office_id, day));"
     /* Registration numbers: a fixed number per office, and counters. */
     "ALTER TABLE offices ADD COLUMN number INTEGER;"
     "UPDATE offices SET number = (SELECT COUNT(*) FROM offices o2"
     " WHERE o2.code <= offices.code);"
     "CREATE TABLE counters ("
     " name TEXT PRIMARY KEY,"
     " value BIGINT NOT NULL);"
     /* Applications and their events (the history: append-only). */
     "CREATE TABLE applications ("
     " id @ID@,"
     " regno TEXT NOT NULL UNIQUE,"
     " pin TEXT NOT NULL,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL REFERENCES services(id),"
     " service_version INTEGER NOT NULL,"
     " nik TEXT NOT NULL,"
     " citizen_name TEXT NOT NULL,"
     " village_code TEXT,"
     " phone TEXT NOT NULL,"
     " email TEXT,"
     " fields_json TEXT NOT NULL DEFAULT '{}',"
     " fee BIGINT NOT NULL,"
     " state TEXT NOT NULL,"
     " next_step INTEGER NOT NULL,"
     " before_return TEXT,"
     " submitted_at BIGINT NOT NULL,"
     " promised_at BIGINT NOT NULL,"
     " provisional INTEGER NOT NULL DEFAULT 0,"
     " minutes_left BIGINT,"
     " completed_at BIGINT,"
     " collected_by TEXT,"
     " version INTEGER NOT NULL DEFAULT 1,"
     " created_by BIGINT REFERENCES users(id));"
     "CREATE INDEX applications_office ON applications(office_id, state,"
     " promised_at);"
     "CREATE INDEX applications_nik ON applications(nik);"
     "CREATE INDEX applications_service ON applications(service_id, state);"
     "CREATE TABLE application_requirements ("
     " application_id BIGINT NOT NULL REFERENCES applications(id),"
     " code TEXT NOT NULL,"
     " PRIMARY KEY (application_id, code));"
     "CREATE TABLE application_events ("
     " id @ID@,"
     " application_id BIGINT NOT NULL REFERENCES applications(id),"
     " at BIGINT NOT NULL,"
     " user_id BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " step_code TEXT,"
     " state_after TEXT NOT NULL,"
     " promised_at BIGINT,"
     " note TEXT);"
     "CREATE INDEX application_events_app ON application_events"
     "(application_id, id);"
     "CREATE TABLE track_failures ("
     " id @ID@,"
     " regno TEXT NOT NULL,"
     " addr TEXT NOT NULL,"
     " at BIGINT NOT NULL);"
     "CREATE INDEX track_failures_regno ON track_failures(regno, at);"
     "CREATE INDEX track_failures_addr ON track_failures(addr, at);",

     "CREATE TRIGGER application_events_no_update BEFORE UPDATE ON"
     " application_events BEGIN SELECT RAISE(ABORT,"
     " 'application_events is append-only'); END;"
     "CREATE TRIGGER application_events_no_delete BEFORE DELETE ON"
     " application_events BEGIN SELECT RAISE(ABORT,"
     " 'application_events is append-only'); END;",

     "CREATE FUNCTION application_events_append_only() RETURNS trigger"
     " LANGUAGE plpgsql AS $f$ BEGIN"
     " RAISE EXCEPTION 'application_events is append-only'; END $f$;"
     "CREATE TRIGGER application_events_no_change BEFORE UPDATE OR DELETE"
     " ON application_events FOR EACH ROW EXECUTE FUNCTION"
     " application_events_append_only();"},
    {3,
     /* Deployment settings of the regency (zone, code), from init. */
     "CREATE TABLE settings ("
     " name TEXT PRIMARY KEY,"
     " value TEXT NOT NULL);",
     NULL, NULL},
    {4,
     /* Satisfaction surveys (SKM). */
     "ALTER TABLE applications ADD COLUMN survey_token TEXT;"
     "CREATE UNIQUE INDEX applications_survey_token ON"
     " applications(survey_token);"
     "CREATE TABLE surveys ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT REFERENCES services(id),"
     " application_id BIGINT UNIQUE REFERENCES applications(id),"
     " channel TEXT NOT NULL,"
     " answered_at BIGINT NOT NULL,"
     " answered_day TEXT NOT NULL,"
     " u1 INTEGER, u2 INTEGER, u3 INTEGER, u4 INTEGER, u5 INTEGER,"
     " u6 INTEGER, u7 INTEGER, u8 INTEGER, u9 INTEGER,"
     " sex TEXT, age_group TEXT, education TEXT, occupation TEXT,"
     " suggestion TEXT,"
     " device TEXT,"
     " addr TEXT NOT NULL DEFAULT '',"
     " batch TEXT);"
     "CREATE INDEX surveys_office_day ON surveys(office_id, answered_day);"
     "CREATE INDEX surveys_device ON surveys(device, answered_at);"
     "CREATE TABLE skm_user_counts ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " period_from TEXT NOT NULL,"
     " period_to TEXT NOT NULL,"
     " users BIGINT NOT NULL,"
     " PRIMARY KEY (office_id, period_from, period_to));",
     NULL, NULL},
    {5,
     /* The complaint box. */
     "CREATE TABLE complaint_categories ("
     " code TEXT PRIMARY KEY,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " ord INTEGER NOT NULL DEFAULT 0,"
     " active INTEGER NOT NULL DEFAULT 1);"
     "INSERT INTO complaint_categories (code, name_id, name_en, ord) VALUES"
     " ('service_quality', 'Mutu pelayanan', 'Service quality', 1),"
     " ('staff_behaviour', 'Perilaku petugas', 'Staff behaviour', 2),"
     " ('facilities', 'Sarana dan prasarana', 'Facilities', 3),"
     " ('fees', 'Biaya/pungutan', 'Fees', 4),"
     " ('waiting_time', 'Waktu tunggu', 'Waiting time', 5),"
     " ('other', 'Lainnya', 'Other', 6);"
     "CREATE TABLE photos ("
     " id @ID@,"
     " mime TEXT NOT NULL,"
     " data_b64 TEXT NOT NULL,"
     " bytes BIGINT NOT NULL,"
     " created_at BIGINT NOT NULL);"
     "CREATE TABLE complaints ("
     " id @ID@,"
     " number TEXT NOT NULL UNIQUE,"
     " pin TEXT NOT NULL,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " category TEXT NOT NULL REFERENCES complaint_categories(code),"
     " regno TEXT,"
     " body TEXT NOT NULL,"
     " photo_id BIGINT REFERENCES photos(id),"
     " identity TEXT NOT NULL,"
     " name TEXT,"
     " contact TEXT,"
     " address TEXT,"
     " channel TEXT NOT NULL,"
     " slip_date TEXT,"
     " state TEXT NOT NULL,"
     " received_at BIGINT NOT NULL,"
     " verified_at BIGINT,"
     " answered_at BIGINT,"
     " reopened_at BIGINT,"
     " closed_at BIGINT,"
     " deadline_at BIGINT,"
     " escalated_at BIGINT,"
     " escalation_reason TEXT,"
     " public_answer TEXT,"
     " referred_office_id BIGINT REFERENCES offices(id),"
     " token TEXT UNIQUE,"
     " updated_at BIGINT NOT NULL,"
     " version INTEGER NOT NULL DEFAULT 1);"
     "CREATE INDEX complaints_office ON complaints(office_id, state,"
     " deadline_at);"
     "CREATE INDEX complaints_deadline ON complaints(escalated_at,"
     " deadline_at);"
     "CREATE INDEX complaints_updated ON complaints(updated_at);"
     "CREATE TABLE complaint_events ("
     " id @ID@,"
     " complaint_id BIGINT NOT NULL REFERENCES complaints(id),"
     " at BIGINT NOT NULL,"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " state_after TEXT NOT NULL,"
     " note TEXT);"
     "CREATE INDEX complaint_events_c ON complaint_events(complaint_id, id);",

     "CREATE TRIGGER complaint_events_no_update BEFORE UPDATE ON"
     " complaint_events BEGIN SELECT RAISE(ABORT,"
     " 'complaint_events is append-only'); END;"
     "CREATE TRIGGER complaint_events_no_delete BEFORE DELETE ON"
     " complaint_events BEGIN SELECT RAISE(ABORT,"
     " 'complaint_events is append-only'); END;",

     "CREATE FUNCTION complaint_events_append_only() RETURNS trigger"
     " LANGUAGE plpgsql AS $f$ BEGIN"
     " RAISE EXCEPTION 'complaint_events is append-only'; END $f$;"
     "CREATE TRIGGER complaint_events_no_change BEFORE UPDATE OR DELETE"
     " ON complaint_events FOR EACH ROW EXECUTE FUNCTION"
     " complaint_events_append_only();"},
    {6,
     /* Integrity: one throttle for every secret and anonymous door, the
      * addresses a user signed in from, enrolled kiosk devices, one-time
      * form tokens and idempotency keys, survey channels that count. */
     "CREATE TABLE throttle ("
     " key TEXT PRIMARY KEY,"
     " window_start BIGINT NOT NULL,"
     " expires_at BIGINT NOT NULL,"
     " n INTEGER NOT NULL);"
     "CREATE INDEX throttle_expires ON throttle(expires_at);"
     "DROP TABLE login_failures;"
     "DROP TABLE track_failures;"
     "CREATE TABLE user_addresses ("
     " user_id BIGINT NOT NULL REFERENCES users(id),"
     " addr TEXT NOT NULL,"
     " last_ok_at BIGINT NOT NULL,"
     " PRIMARY KEY (user_id, addr));"
     "CREATE TABLE devices ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " label TEXT NOT NULL,"
     " token_hash TEXT NOT NULL UNIQUE,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " revoked_at BIGINT,"
     " last_seen_at BIGINT);"
     "CREATE INDEX devices_office ON devices(office_id);"
     "CREATE TABLE replays ("
     " scope TEXT NOT NULL,"
     " key_hash TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " status INTEGER NOT NULL,"
     " location TEXT,"
     " body TEXT,"
     " secret TEXT,"
     " PRIMARY KEY (scope, key_hash));"
     "CREATE INDEX replays_created ON replays(created_at);"
     "ALTER TABLE surveys ADD COLUMN device_id BIGINT REFERENCES devices(id);"
     /* Walk-in answers of earlier versions cannot be tied to a service
      * user: kept, but no longer counted. A receipt's answer counts when
      * its application has been handed over or rejected. */
     "UPDATE surveys SET channel = 'receipt' WHERE application_id IS NOT"
     " NULL AND channel <> 'paper' AND EXISTS (SELECT 1 FROM applications a"
     " WHERE a.id = surveys.application_id AND a.state IN ('handed_over',"
     " 'rejected'));"
     "UPDATE surveys SET channel = 'unverified' WHERE channel NOT IN"
     " ('receipt', 'paper');",
     NULL, NULL},
    {7,
     /* Oversight: what the processing of each application took, the
      * performance aggregates kept with every intake and action (day and
      * month rows; service 0 of the processing histograms is the office's
      * working-day services together), the complaint clocks kept, follow-ups
      * (the Sekda's instructions to an office), and the regency's minimum
      * for ranking. */
     "ALTER TABLE applications ADD COLUMN returned_at BIGINT;"
     "ALTER TABLE applications ADD COLUMN paused_minutes BIGINT NOT NULL"
     " DEFAULT 0;"
     "ALTER TABLE applications ADD COLUMN proc_minutes BIGINT;"
     "CREATE INDEX applications_open ON applications(promised_at) WHERE"
     " state IN ('received', 'verified', 'in_process', 'signed');"
     "CREATE INDEX applications_completed ON applications(completed_at);"
     "CREATE TABLE perf_day ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " day TEXT NOT NULL,"
     " received INTEGER NOT NULL DEFAULT 0,"
     " completed INTEGER NOT NULL DEFAULT 0,"
     " on_time INTEGER NOT NULL DEFAULT 0,"
     " rejected INTEGER NOT NULL DEFAULT 0,"
     " returned INTEGER NOT NULL DEFAULT 0,"
     " PRIMARY KEY (office_id, service_id, day));"
     "CREATE INDEX perf_day_day ON perf_day(day);"
     "CREATE TABLE perf_month ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " month TEXT NOT NULL,"
     " received INTEGER NOT NULL DEFAULT 0,"
     " completed INTEGER NOT NULL DEFAULT 0,"
     " on_time INTEGER NOT NULL DEFAULT 0,"
     " rejected INTEGER NOT NULL DEFAULT 0,"
     " returned INTEGER NOT NULL DEFAULT 0,"
     " PRIMARY KEY (office_id, service_id, month));"
     "CREATE INDEX perf_month_month ON perf_month(month);"
     "CREATE TABLE perf_proc_day ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " day TEXT NOT NULL,"
     " value BIGINT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, service_id, day, value));"
     "CREATE INDEX perf_proc_day_day ON perf_proc_day(day);"
     "CREATE TABLE perf_proc_month ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " month TEXT NOT NULL,"
     " value BIGINT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, service_id, month, value));"
     "CREATE INDEX perf_proc_month_month ON perf_proc_month(month);"
     "ALTER TABLE complaints ADD COLUMN verified_in_time INTEGER;"
     "ALTER TABLE complaints ADD COLUMN answered_in_time INTEGER;"
     "CREATE INDEX complaints_received ON complaints(received_at);"
     "CREATE INDEX surveys_day ON surveys(answered_day, office_id);"
     "CREATE TABLE followups ("
     " id @ID@,"
     " kind TEXT NOT NULL,"
     " ref_id BIGINT NOT NULL,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " text TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL,"
     " due_days INTEGER NOT NULL,"
     " due_at BIGINT NOT NULL,"
     " acknowledged_at BIGINT,"
     " acknowledged_by TEXT,"
     " answered_at BIGINT,"
     " answered_by TEXT,"
     " answer TEXT,"
     " version INTEGER NOT NULL DEFAULT 1);"
     "CREATE INDEX followups_office ON followups(office_id, answered_at);"
     "CREATE INDEX followups_ref ON followups(kind, ref_id);"
     "INSERT INTO settings (name, value) VALUES"
     " ('oversight_min_completed', '20') ON CONFLICT (name) DO NOTHING;",
     NULL, NULL},
    {11,
     /* Speed: the versions of the data the server caches (the catalogue
      * and the office directory it shows; the working calendars), raised
      * by triggers on every change of the tables they are made of, by
      * whatever writes them (this server, another instance, the CLI, a
      * hand-written UPDATE). A cached copy is used only while the version
      * it was made at is still the current one. */
     "CREATE TABLE data_versions ("
     " id INTEGER PRIMARY KEY,"
     " catalogue BIGINT NOT NULL,"
     " calendar BIGINT NOT NULL);"
     "INSERT INTO data_versions (id, catalogue, calendar) VALUES (1, 1, 1);",
     /* SQLite: a row trigger per table and operation. */
     /* clang-format off */
     DV_SQ("regions", DV_CAT)
     DV_SQ("categories", DV_CAT)
     DV_SQ("services", DV_CAT)
     DV_SQ("service_versions", DV_CAT)
     DV_SQ("service_texts", DV_CAT)
     DV_SQ("service_requirements", DV_CAT)
     DV_SQ("service_steps", DV_CAT)
     DV_SQ("offices", DV_BOTH)
     DV_SQ("holidays", DV_CAL)
     DV_SQ("calendar_years", DV_CAL)
     DV_SQ("office_closures", DV_CAL),
     /* PostgreSQL: a statement trigger per table. */
     DV_PGF("catalogue", DV_CAT)
     DV_PGF("calendar", DV_CAL)
     DV_PGF("both", DV_BOTH)
     DV_PG("regions", "catalogue")
     DV_PG("categories", "catalogue")
     DV_PG("services", "catalogue")
     DV_PG("service_versions", "catalogue")
     DV_PG("service_texts", "catalogue")
     DV_PG("service_requirements", "catalogue")
     DV_PG("service_steps", "catalogue")
     DV_PG("offices", "both")
     DV_PG("holidays", "calendar")
     DV_PG("calendar_years", "calendar")
     DV_PG("office_closures", "calendar")},
    /* clang-format on */
};

#undef DV_SQ1
#undef DV_SQ
#undef DV_CAT
#undef DV_CAL
#undef DV_BOTH
#undef DV_PGF
#undef DV_PG

#define N_MIGRATIONS (sizeof(migrations) / sizeof(migrations[0]))

int migrate_latest(void)
{
    return migrations[N_MIGRATIONS - 1].version;
}

/* The SQL of m for db's dialect, @ID@ replaced; caller frees. */
static char *dialect_sql(struct db *db, const char *sql)
{
    const char *id = db_kind(db) == DB_SQLITE
                         ? "INTEGER PRIMARY KEY"
                         : "BIGINT GENERATED BY DEFAULT AS IDENTITY "
                           "PRIMARY KEY";
    struct buf b;
    buf_init(&b, 1u << 24);
    const char *p = sql;
    const char *hit;
    while ((hit = strstr(p, "@ID@")) != NULL) {
        buf_append(&b, p, (size_t)(hit - p));
        buf_puts(&b, id);
        p = hit + 4;
    }
    buf_puts(&b, p);
    return buf_steal(&b, NULL);
}

enum err migrate_current(struct db *db, int *version)
{
    int64_t v = 0;
    enum err rc = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                              " version INTEGER PRIMARY KEY,"
                              " applied_at BIGINT NOT NULL)");
    if (rc != ERR_OK)
        return rc;
    rc = db_int(db, &v,
                "SELECT MAX(version) FROM schema_migrations WHERE "
                "version > $1",
                DV_INT(0));
    if (rc == ERR_NOT_FOUND) {
        v = 0;
        rc = ERR_OK;
    }
    *version = (int)v;
    return rc;
}

enum err migrate_up(struct db *db, int *applied)
{
    *applied = 0;
    int current = 0;
    enum err rc = migrate_current(db, &current);
    if (rc != ERR_OK)
        return rc;
    for (size_t i = 0; i < N_MIGRATIONS; i++) {
        const struct migration *m = &migrations[i];
        if (m->version <= current)
            continue;
        rc = db_begin(db);
        if (rc != ERR_OK)
            return rc;
        if (db_kind(db) == DB_POSTGRES) {
            /* Serialise instances migrating at once, then re-check. */
            rc = db_exec(db, "SELECT pg_advisory_xact_lock(35100001)");
            int64_t done = 0;
            if (rc == ERR_OK &&
                db_int(db, &done,
                       "SELECT COUNT(*) FROM schema_migrations WHERE "
                       "version = $1",
                       DV_INT(m->version)) == ERR_OK &&
                done) {
                db_rollback(db);
                continue;
            }
        }
        char *sql = dialect_sql(db, m->sql);
        if (rc == ERR_OK)
            rc = db_exec(db, sql);
        free(sql);
        const char *extra =
            db_kind(db) == DB_SQLITE ? m->sqlite_sql : m->pg_sql;
        if (rc == ERR_OK && extra)
            rc = db_exec(db, extra);
        if (rc == ERR_OK)
            rc = db_run(db, NULL,
                        "INSERT INTO schema_migrations (version, applied_at)"
                        " VALUES ($1, $2)",
                        DV_INT(m->version), DV_INT(time(NULL)));
        if (rc != ERR_OK) {
            db_rollback(db);
            log_error("migrate: version %d failed", m->version);
            return rc;
        }
        rc = db_commit(db);
        if (rc != ERR_OK)
            return rc;
        (*applied)++;
        log_info("migrate: applied version %d", m->version);
    }
    return ERR_OK;
}
