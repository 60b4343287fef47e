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
/* Migration 17: the same, raised once per transaction. */
#define DV_PGF_ONCE(name, set)                                                 \
    "CREATE OR REPLACE FUNCTION dv_bump_" name "() RETURNS trigger LANGUAGE"   \
    " plpgsql AS $$ BEGIN UPDATE data_versions SET " set " WHERE id = 1"       \
    " AND xmin <> pg_current_xact_id()::xid; RETURN NULL; END $$;"
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
     " PRIMARY KEY (office_id, service_id, day))@NOROWID@;"
     "CREATE INDEX perf_day_day ON perf_day(service_id, day, office_id,"
     " received, completed, on_time, rejected, returned);"
     "CREATE TABLE perf_month ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " month TEXT NOT NULL,"
     " received INTEGER NOT NULL DEFAULT 0,"
     " completed INTEGER NOT NULL DEFAULT 0,"
     " on_time INTEGER NOT NULL DEFAULT 0,"
     " rejected INTEGER NOT NULL DEFAULT 0,"
     " returned INTEGER NOT NULL DEFAULT 0,"
     " PRIMARY KEY (office_id, service_id, month))@NOROWID@;"
     "CREATE INDEX perf_month_month ON perf_month(service_id, month,"
     " office_id, received, completed, on_time, rejected, returned);"
     "CREATE TABLE perf_proc_day ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " day TEXT NOT NULL,"
     " value BIGINT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, service_id, day, value))@NOROWID@;"
     "CREATE INDEX perf_proc_day_day ON perf_proc_day(service_id, day,"
     " office_id, value, n);"
     "CREATE TABLE perf_proc_month ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " month TEXT NOT NULL,"
     " value BIGINT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, service_id, month, value))@NOROWID@;"
     "CREATE INDEX perf_proc_month_month ON perf_proc_month(service_id,"
     " month, office_id, value, n);"
     "CREATE TABLE perf_year ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " year TEXT NOT NULL,"
     " received INTEGER NOT NULL DEFAULT 0,"
     " completed INTEGER NOT NULL DEFAULT 0,"
     " on_time INTEGER NOT NULL DEFAULT 0,"
     " rejected INTEGER NOT NULL DEFAULT 0,"
     " returned INTEGER NOT NULL DEFAULT 0,"
     " PRIMARY KEY (office_id, service_id, year))@NOROWID@;"
     "CREATE INDEX perf_year_year ON perf_year(service_id, year, office_id,"
     " received, completed, on_time, rejected, returned);"
     "CREATE TABLE perf_proc_year ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " service_id BIGINT NOT NULL,"
     " year TEXT NOT NULL,"
     " value BIGINT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, service_id, year, value))@NOROWID@;"
     "CREATE INDEX perf_proc_year_year ON perf_proc_year(service_id, year,"
     " office_id, value, n);"
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
    {8,
     /* Office readiness: the regency's facilities checklist (with the
      * bundled default), self-assessments and their items (append-only),
      * inspections and their findings with follow-up deadlines, the
      * camat's reports of inability and the referrals decided on them,
      * the history of findings and reports (append-only), and the
      * socialisation log. */
     "CREATE TABLE facility_items ("
     " code TEXT PRIMARY KEY,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " criterion_id TEXT NOT NULL DEFAULT '',"
     " criterion_en TEXT NOT NULL DEFAULT '',"
     " mandatory INTEGER NOT NULL DEFAULT 1,"
     " ord INTEGER NOT NULL DEFAULT 0,"
     " active INTEGER NOT NULL DEFAULT 1);"
     "INSERT INTO facility_items (code, name_id, name_en, criterion_id,"
     " criterion_en, mandatory, ord) VALUES"
     " ('service_room', 'Ruang pelayanan khusus', 'Dedicated service room',"
     " 'Ruang tersendiri untuk loket, tidak dipakai untuk keperluan lain',"
     " 'A room of its own for the counter, used for nothing else', 1, 1),"
     " ('waiting_room', 'Ruang tunggu (tempat duduk)', 'Waiting room (seats)',"
     " 'Tempat duduk untuk sedikitnya 10 orang, terlindung dari panas dan"
     " hujan', 'Seats for at least 10 people, sheltered from sun and rain',"
     " 1, 2),"
     " ('toilet', 'Toilet bersih', 'Clean toilet',"
     " 'Toilet untuk umum, bersih, berair dan dapat dikunci',"
     " 'A public toilet, clean, with water, lockable', 1, 3),"
     " ('toilet_accessible', 'Toilet untuk penyandang disabilitas',"
     " 'Toilet usable by people with disabilities',"
     " 'Pintu lebar, pegangan, tanpa anak tangga',"
     " 'A wide door, grab bars, no steps', 0, 4),"
     " ('parking', 'Parkir aman dan nyaman', 'Safe and comfortable parking',"
     " 'Tempat parkir kendaraan roda dua dan empat yang aman',"
     " 'Safe parking for motorcycles and cars', 1, 5),"
     " ('complaint_box', 'Kotak pengaduan', 'Complaint box',"
     " 'Kotak pengaduan terkunci dan formulir di dekatnya',"
     " 'A locked complaint box with slips beside it', 1, 6),"
     " ('service_standard', 'Standar pelayanan dipajang',"
     " 'Service standard on display',"
     " 'Persyaratan, waktu dan biaya tiap layanan terpasang di dinding',"
     " 'Requirements, time and cost of every service on the wall', 1, 7),"
     " ('service_pledge', 'Maklumat pelayanan dipajang',"
     " 'Service pledge (maklumat pelayanan) on display',"
     " 'Maklumat pelayanan ditandatangani kepala kantor dan terpasang',"
     " 'The pledge signed by the head of office, on display', 1, 8),"
     " ('sop_display', 'SOP dipajang', 'SOP on display',"
     " 'Alur pelayanan (SOP) terpasang dan mudah dibaca',"
     " 'The service flow (SOP) on display and easy to read', 1, 9),"
     " ('wheelchair_access', 'Akses kursi roda', 'Wheelchair access',"
     " 'Jalur landai (ram) dari parkir sampai loket',"
     " 'A ramp from the parking to the counter', 0, 10),"
     " ('priority_seating', 'Kursi prioritas', 'Priority seating',"
     " 'Kursi bertanda untuk lansia, ibu hamil dan penyandang disabilitas',"
     " 'Marked seats for the elderly, pregnant women and people with"
     " disabilities', 0, 11),"
     " ('drinking_water', 'Air minum', 'Drinking water',"
     " 'Air minum gratis di ruang tunggu',"
     " 'Free drinking water in the waiting room', 0, 12),"
     " ('information_desk', 'Meja informasi', 'Information desk',"
     " 'Petugas atau meja informasi di dekat pintu masuk',"
     " 'An officer or desk for information near the entrance', 1, 13),"
     " ('queue_system', 'Sistem antrean', 'Queue system',"
     " 'Nomor antrean (mesin atau kartu) dipanggil berurutan',"
     " 'Queue numbers (machine or cards) called in order', 0, 14);"
     "CREATE TABLE assessments ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " assessed_on TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL,"
     " mandatory INTEGER NOT NULL,"
     " mandatory_met INTEGER NOT NULL,"
     " score_pct INTEGER NOT NULL,"
     " all_mandatory INTEGER NOT NULL);"
     "CREATE INDEX assessments_office ON assessments(office_id, id);"
     "CREATE TABLE assessment_items ("
     " assessment_id BIGINT NOT NULL REFERENCES assessments(id),"
     " ord INTEGER NOT NULL,"
     " code TEXT NOT NULL,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " mandatory INTEGER NOT NULL,"
     " status TEXT NOT NULL,"
     " note TEXT,"
     " photo_id BIGINT REFERENCES photos(id),"
     " PRIMARY KEY (assessment_id, code));"
     "CREATE INDEX assessment_items_photo ON assessment_items(photo_id);"
     "CREATE TABLE inspections ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " inspected_on TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL,"
     " note TEXT);"
     "CREATE INDEX inspections_office ON inspections(office_id, id);"
     "CREATE TABLE findings ("
     " id @ID@,"
     " inspection_id BIGINT NOT NULL REFERENCES inspections(id),"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " item_code TEXT NOT NULL,"
     " observed TEXT NOT NULL,"
     " text TEXT NOT NULL,"
     " due_days INTEGER NOT NULL,"
     " due_at BIGINT NOT NULL,"
     " state TEXT NOT NULL,"
     " answered_at BIGINT,"
     " answer TEXT,"
     " answer_photo_id BIGINT REFERENCES photos(id),"
     " closed_at BIGINT,"
     " escalated_at BIGINT,"
     " escalation_reason TEXT,"
     " updated_at BIGINT NOT NULL,"
     " version INTEGER NOT NULL DEFAULT 1);"
     "CREATE INDEX findings_office ON findings(office_id, state);"
     "CREATE INDEX findings_due ON findings(escalated_at, state, due_at);"
     "CREATE INDEX findings_photo ON findings(answer_photo_id);"
     "CREATE TABLE inability_reports ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " services TEXT NOT NULL,"
     " reasons TEXT NOT NULL,"
     " details TEXT NOT NULL,"
     " support_requested TEXT NOT NULL,"
     " expected_by TEXT NOT NULL,"
     " state TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL,"
     " ack_due_at BIGINT NOT NULL,"
     " acknowledged_at BIGINT,"
     " acknowledged_by TEXT,"
     " decision TEXT,"
     " decided_at BIGINT,"
     " decided_by TEXT,"
     " decision_note TEXT,"
     " refer_to_office_id BIGINT REFERENCES offices(id),"
     " until_day TEXT,"
     " escalated_at BIGINT,"
     " escalation_reason TEXT,"
     " updated_at BIGINT NOT NULL,"
     " version INTEGER NOT NULL DEFAULT 1);"
     "CREATE INDEX inability_office ON inability_reports(office_id, state);"
     "CREATE INDEX inability_due ON inability_reports(escalated_at,"
     " acknowledged_at, ack_due_at);"
     "CREATE TABLE referrals ("
     " id @ID@,"
     " report_id BIGINT NOT NULL REFERENCES inability_reports(id),"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " services TEXT NOT NULL,"
     " to_office_id BIGINT NOT NULL REFERENCES offices(id),"
     " from_day TEXT NOT NULL,"
     " until_day TEXT NOT NULL,"
     " created_at BIGINT NOT NULL);"
     "CREATE INDEX referrals_office ON referrals(office_id, until_day);"
     "CREATE TABLE readiness_events ("
     " id @ID@,"
     " kind TEXT NOT NULL,"
     " ref_id BIGINT NOT NULL,"
     " at BIGINT NOT NULL,"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " note TEXT,"
     " photo_id BIGINT REFERENCES photos(id));"
     "CREATE INDEX readiness_events_ref ON readiness_events(kind, ref_id, id);"
     "CREATE INDEX readiness_events_photo ON readiness_events(photo_id);"
     "CREATE TABLE socialisation ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " held_on TEXT NOT NULL,"
     " forum TEXT NOT NULL,"
     " place TEXT NOT NULL,"
     " village_code TEXT REFERENCES regions(code),"
     " audience INTEGER NOT NULL,"
     " materials TEXT NOT NULL,"
     " note TEXT,"
     " photo_id BIGINT REFERENCES photos(id),"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " actor TEXT NOT NULL);"
     "CREATE INDEX socialisation_office ON socialisation(office_id, held_on);"
     "CREATE INDEX socialisation_village ON socialisation(village_code,"
     " held_on);"
     "CREATE INDEX socialisation_photo ON socialisation(photo_id);",

     "CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments"
     " BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;"
     "CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments"
     " BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;"
     "CREATE TRIGGER assessment_items_no_update BEFORE UPDATE ON"
     " assessment_items BEGIN SELECT RAISE(ABORT,"
     " 'assessments are append-only'); END;"
     "CREATE TRIGGER assessment_items_no_delete BEFORE DELETE ON"
     " assessment_items BEGIN SELECT RAISE(ABORT,"
     " 'assessments are append-only'); END;"
     "CREATE TRIGGER readiness_events_no_update BEFORE UPDATE ON"
     " readiness_events BEGIN SELECT RAISE(ABORT,"
     " 'readiness_events is append-only'); END;"
     "CREATE TRIGGER readiness_events_no_delete BEFORE DELETE ON"
     " readiness_events BEGIN SELECT RAISE(ABORT,"
     " 'readiness_events is append-only'); END;",

     "CREATE FUNCTION readiness_append_only() RETURNS trigger"
     " LANGUAGE plpgsql AS $f$ BEGIN"
     " RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $f$;"
     "CREATE TRIGGER assessments_no_change BEFORE UPDATE OR DELETE ON"
     " assessments FOR EACH ROW EXECUTE FUNCTION readiness_append_only();"
     "CREATE TRIGGER assessment_items_no_change BEFORE UPDATE OR DELETE ON"
     " assessment_items FOR EACH ROW EXECUTE FUNCTION"
     " readiness_append_only();"
     "CREATE TRIGGER readiness_events_no_change BEFORE UPDATE OR DELETE ON"
     " readiness_events FOR EACH ROW EXECUTE FUNCTION"
     " readiness_append_only();"},
    {9,
     /* Notifications: the citizen's consent per channel (withdrawn by
      * STOP or the link), the administrators' webhooks, the outbox written
      * in the transaction of the event (claimed by a sender with a lease),
      * and the late notices sent (one per application). */
     "CREATE TABLE notify_subscriptions ("
     " id @ID@,"
     " kind TEXT NOT NULL,"
     " ref_id BIGINT NOT NULL,"
     " channel TEXT NOT NULL,"
     " address TEXT NOT NULL,"
     " lang TEXT NOT NULL,"
     " token TEXT NOT NULL UNIQUE,"
     " created_at BIGINT NOT NULL,"
     " stopped_at BIGINT);"
     "CREATE INDEX notify_subscriptions_ref ON notify_subscriptions(kind,"
     " ref_id);"
     "CREATE INDEX notify_subscriptions_address ON"
     " notify_subscriptions(channel, address);"
     "CREATE TABLE webhooks ("
     " id @ID@,"
     " url TEXT NOT NULL,"
     " events TEXT NOT NULL,"
     " secret TEXT NOT NULL,"
     " label TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " created_by BIGINT REFERENCES users(id),"
     " revoked_at BIGINT);"
     "CREATE TABLE notify_outbox ("
     " id @ID@,"
     " idem_key TEXT NOT NULL UNIQUE,"
     " channel TEXT NOT NULL,"
     " recipient TEXT NOT NULL,"
     " webhook_id BIGINT REFERENCES webhooks(id),"
     " subscription_id BIGINT REFERENCES notify_subscriptions(id),"
     " event TEXT NOT NULL,"
     " ref_no TEXT,"
     " subject TEXT NOT NULL DEFAULT '',"
     " body TEXT NOT NULL,"
     " created_at BIGINT NOT NULL,"
     " state TEXT NOT NULL,"
     " attempts INTEGER NOT NULL DEFAULT 0,"
     " next_at BIGINT NOT NULL,"
     " lease_owner TEXT,"
     " sent_at BIGINT,"
     " last_error TEXT,"
     " last_error_at BIGINT);"
     "CREATE INDEX notify_outbox_due ON notify_outbox(state, next_at);"
     "CREATE INDEX notify_outbox_created ON notify_outbox(created_at);"
     "CREATE INDEX notify_outbox_ref ON notify_outbox(ref_no);"
     "CREATE TABLE notify_late ("
     " application_id BIGINT PRIMARY KEY REFERENCES applications(id),"
     " at BIGINT NOT NULL);",
     NULL, NULL},
    {10,
     /* The counter queue: service groups (bundled), per office its change
      * counter (every queue write bumps it: the row lock that orders the
      * calls of one office, and the number the display boards of every
      * instance watch) and booking quotas, counters, tickets numbered per
      * office, group and day, their history (append-only), bookings and
      * the use of each booking slot. */
     "CREATE TABLE queue_groups ("
     " code TEXT PRIMARY KEY,"
     " name_id TEXT NOT NULL,"
     " name_en TEXT NOT NULL,"
     " categories TEXT NOT NULL DEFAULT '',"
     " ord INTEGER NOT NULL DEFAULT 0,"
     " active INTEGER NOT NULL DEFAULT 1);"
     "INSERT INTO queue_groups (code, name_id, name_en, categories, ord)"
     " VALUES"
     " ('A', 'Administrasi kependudukan', 'Civil registration',"
     "  'kependudukan', 1),"
     " ('B', 'Surat keterangan dan legalisasi',"
     "  'Certificates and legalisation', 'keterangan,legalisasi', 2),"
     " ('C', 'Perizinan dan rekomendasi', 'Licences and recommendations',"
     "  'perizinan,rekomendasi', 3),"
     " ('D', 'Layanan sosial', 'Social services', 'sosial', 4),"
     " ('E', 'Pengambilan dokumen dan informasi',"
     "  'Collecting documents and information', '', 5);"
     "CREATE TABLE queue_offices ("
     " office_id BIGINT PRIMARY KEY REFERENCES offices(id),"
     " seq BIGINT NOT NULL DEFAULT 0,"
     " slot_minutes INTEGER NOT NULL DEFAULT 60,"
     " slot_quota INTEGER NOT NULL DEFAULT 10,"
     " booking_days INTEGER NOT NULL DEFAULT 14,"
     " changed_at BIGINT NOT NULL);"
     "CREATE TABLE queue_counters ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " code TEXT NOT NULL,"
     " name TEXT NOT NULL,"
     " serves TEXT NOT NULL,"
     " active INTEGER NOT NULL DEFAULT 1,"
     " user_id BIGINT REFERENCES users(id),"
     " signed_in_at BIGINT,"
     " created_at BIGINT NOT NULL,"
     " UNIQUE (office_id, code));"
     "CREATE TABLE queue_bookings ("
     " id @ID@,"
     " code TEXT NOT NULL UNIQUE,"
     " token_hash TEXT NOT NULL UNIQUE,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " day TEXT NOT NULL,"
     " slot TEXT NOT NULL,"
     " slot_start BIGINT NOT NULL,"
     " slot_end BIGINT NOT NULL,"
     " service_id BIGINT NOT NULL REFERENCES services(id),"
     " group_code TEXT NOT NULL REFERENCES queue_groups(code),"
     " name TEXT NOT NULL,"
     " phone TEXT NOT NULL,"
     " state TEXT NOT NULL,"
     " ticket_id BIGINT,"
     " addr TEXT NOT NULL DEFAULT '',"
     " created_at BIGINT NOT NULL,"
     " updated_at BIGINT NOT NULL);"
     "CREATE INDEX queue_bookings_slot ON queue_bookings(office_id, day,"
     " slot);"
     "CREATE INDEX queue_bookings_open ON queue_bookings(state, slot_end);"
     "CREATE TABLE queue_slot_use ("
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " day TEXT NOT NULL,"
     " slot TEXT NOT NULL,"
     " n INTEGER NOT NULL,"
     " PRIMARY KEY (office_id, day, slot));"
     "CREATE TABLE queue_tickets ("
     " id @ID@,"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " day TEXT NOT NULL,"
     " group_code TEXT NOT NULL REFERENCES queue_groups(code),"
     " number BIGINT NOT NULL,"
     " label TEXT NOT NULL,"
     " priority INTEGER NOT NULL DEFAULT 0,"
     " booking_id BIGINT REFERENCES queue_bookings(id),"
     " token_hash TEXT NOT NULL UNIQUE,"
     " channel TEXT NOT NULL,"
     " device_id BIGINT REFERENCES devices(id),"
     " state TEXT NOT NULL,"
     " issued_at BIGINT NOT NULL,"
     " queue_at BIGINT NOT NULL,"
     " counter_id BIGINT REFERENCES queue_counters(id),"
     " transfer_counter_id BIGINT REFERENCES queue_counters(id),"
     " calls INTEGER NOT NULL DEFAULT 0,"
     " called_at BIGINT,"
     " last_called_at BIGINT,"
     " started_at BIGINT,"
     " finished_at BIGINT,"
     " ended_at BIGINT,"
     " application_id BIGINT REFERENCES applications(id),"
     " served_by BIGINT REFERENCES users(id),"
     " version INTEGER NOT NULL DEFAULT 1,"
     " UNIQUE (office_id, day, group_code, number));"
     "CREATE INDEX queue_tickets_queue ON queue_tickets(office_id, day,"
     " state);"
     "CREATE INDEX queue_tickets_day ON queue_tickets(day, office_id);"
     "CREATE INDEX queue_tickets_application ON"
     " queue_tickets(application_id);"
     "CREATE TABLE queue_events ("
     " id @ID@,"
     " ticket_id BIGINT NOT NULL REFERENCES queue_tickets(id),"
     " office_id BIGINT NOT NULL REFERENCES offices(id),"
     " day TEXT NOT NULL,"
     " at BIGINT NOT NULL,"
     " actor TEXT NOT NULL,"
     " action TEXT NOT NULL,"
     " counter_id BIGINT REFERENCES queue_counters(id),"
     " state_after TEXT NOT NULL,"
     " note TEXT);"
     "CREATE INDEX queue_events_office ON queue_events(office_id, day, id);"
     "CREATE INDEX queue_events_ticket ON queue_events(ticket_id, id);",

     "CREATE TRIGGER queue_events_no_update BEFORE UPDATE ON"
     " queue_events BEGIN SELECT RAISE(ABORT,"
     " 'queue_events is append-only'); END;"
     "CREATE TRIGGER queue_events_no_delete BEFORE DELETE ON"
     " queue_events BEGIN SELECT RAISE(ABORT,"
     " 'queue_events is append-only'); END;",

     "CREATE FUNCTION queue_events_append_only() RETURNS trigger"
     " LANGUAGE plpgsql AS $f$ BEGIN"
     " RAISE EXCEPTION 'queue_events is append-only'; END $f$;"
     "CREATE TRIGGER queue_events_no_change BEFORE UPDATE OR DELETE"
     " ON queue_events FOR EACH ROW EXECUTE FUNCTION"
     " queue_events_append_only();"},
    {11,
     /* Speed: the versions of the data the server caches (the catalogue
      * and the office directory it shows, with the referrals of services
      * to other offices; the working calendars), raised
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
     DV_SQ("office_closures", DV_CAL)
     DV_SQ("referrals", DV_CAT),
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
     DV_PG("office_closures", "calendar")
     DV_PG("referrals", "catalogue")},
    /* clang-format on */
    {13,
     /* A real office day (issue 15): an office's map position (in
      * millionths of a degree) and, for a desa service point, the services
      * it accepts of those of its level (comma-separated codes, NULL: all);
      * a requirement mandatory at some office levels only; a catalogue
      * version taking effect on a later date, and whether the service asks
      * the purpose of the letter (keperluan); why a citizen gave no
      * phone. */
     "ALTER TABLE offices ADD COLUMN lat_e6 BIGINT;"
     "ALTER TABLE offices ADD COLUMN lon_e6 BIGINT;"
     "ALTER TABLE offices ADD COLUMN accepted_services TEXT;"
     "ALTER TABLE service_requirements ADD COLUMN mandatory_levels TEXT NOT"
     " NULL DEFAULT '';"
     "ALTER TABLE service_versions ADD COLUMN effective_from TEXT;"
     "ALTER TABLE service_versions ADD COLUMN asks_purpose INTEGER NOT NULL"
     " DEFAULT 0;"
     "ALTER TABLE applications ADD COLUMN no_phone_reason TEXT;",
     NULL, NULL},
    {14,
     /* The purpose of the letter (keperluan) the counter recorded, where
      * the service asks for it (service_versions.asks_purpose). */
     "ALTER TABLE applications ADD COLUMN purpose TEXT;", NULL, NULL},
    {17,
     /* PostgreSQL: a version is raised once per transaction, not once per
      * statement. Every UPDATE of the one data_versions row inside a
      * transaction adds a row version that the next must walk past: a
      * load of the national regions (91,000 INSERTs in one transaction)
      * became quadratic (more than ten minutes). One raise is enough:
      * caches compare versions only outside write transactions, so a
      * transaction's changes are seen at its commit, with the number it
      * raised once. A raise in a savepoint is not recognised (its row
      * version belongs to the subtransaction) and is raised again:
      * harmless. SQLite updates the row in place. */
     "", NULL,
     /* clang-format off */
     DV_PGF_ONCE("catalogue", DV_CAT)
     DV_PGF_ONCE("calendar", DV_CAL)
     DV_PGF_ONCE("both", DV_BOTH)},
    /* clang-format on */
    {18,
     /* An intake has no completion time yet: the index of completion
      * times holds the applications that have one (every query of it
      * names a range of them), so that an intake writes one index entry
      * fewer, and the many rows without one stop filling it. */
     "DROP INDEX applications_completed;"
     "CREATE INDEX applications_completed ON applications(completed_at)"
     " WHERE completed_at IS NOT NULL;",
     NULL, NULL},
};

#undef DV_SQ1
#undef DV_PGF_ONCE
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
    bool lite = db_kind(db) == DB_SQLITE;
    /* @ID@: an identity key; @NOROWID@ after a table's closing
     * parenthesis: the table is its primary key (SQLite's WITHOUT ROWID:
     * a range of the key reads one b-tree, no lookups), a plain table on
     * PostgreSQL. */
    static const char *const marks[] = {"@ID@", "@NOROWID@"};
    const char *with[] = {lite ? "INTEGER PRIMARY KEY"
                               : "BIGINT GENERATED BY DEFAULT AS IDENTITY "
                                 "PRIMARY KEY",
                          lite ? " WITHOUT ROWID" : ""};
    struct buf b;
    buf_init(&b, 1u << 24);
    const char *p = sql;
    for (;;) {
        const char *hit = NULL;
        size_t k = 0;
        for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
            const char *h = strstr(p, marks[i]);
            if (h && (!hit || h < hit)) {
                hit = h;
                k = i;
            }
        }
        if (!hit)
            break;
        buf_append(&b, p, (size_t)(hit - p));
        buf_puts(&b, with[k]);
        p = hit + strlen(marks[k]);
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
    return migrate_up_to(db, migrate_latest(), applied);
}

enum err migrate_up_to(struct db *db, int target, int *applied)
{
    *applied = 0;
    int current = 0;
    enum err rc = migrate_current(db, &current);
    if (rc != ERR_OK)
        return rc;
    if (current > migrate_latest()) {
        log_error("migrate: the schema is at version %d, newer than this "
                  "program knows (%d)",
                  current, migrate_latest());
        return ERR_INVALID;
    }
    for (size_t i = 0; i < N_MIGRATIONS; i++) {
        const struct migration *m = &migrations[i];
        if (m->version <= current || m->version > target)
            continue;
        rc = db_begin(db);
        if (rc != ERR_OK)
            return rc;
        bool done = false;
        if (db_kind(db) == DB_POSTGRES) {
            /* Serialise instances migrating at once, then re-check. */
            int64_t n = 0;
            rc = db_exec(db, "SELECT pg_advisory_xact_lock(35100001)");
            if (rc == ERR_OK)
                rc = db_int(db, &n,
                            "SELECT COUNT(*) FROM schema_migrations WHERE "
                            "version = $1",
                            DV_INT(m->version));
            done = rc == ERR_OK && n > 0;
        }
        if (done) {
            db_rollback(db); /* another instance applied it */
            continue;
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
        rc = db_tx_end(db, rc);
        if (rc != ERR_OK) {
            log_error("migrate: version %d failed", m->version);
            return rc;
        }
        (*applied)++;
        log_info("migrate: applied version %d", m->version);
    }
    return ERR_OK;
}
