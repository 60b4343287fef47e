/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* readiness.c: office readiness in the database (see readiness.h). */
#include "store/readiness.h"

#include <string.h>

#include "base/arena.h"
#include "store/db.h"
#include "store/offices.h"

static struct db_val opt_int(int64_t v)
{
    return v ? DV_INT(v) : DV_NULL;
}

static const char *dup(struct arena *a, struct db_stmt *st, int col)
{
    return arena_strdup(a, db_col_text(st, col));
}

/* ---- the checklist ---------------------------------------------------- */

static void item_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct facility_item *it = out;
    it->code = dup(a, st, 0);
    it->name.id = dup(a, st, 1);
    it->name.en = dup(a, st, 2);
    it->criterion.id = dup(a, st, 3);
    it->criterion.en = dup(a, st, 4);
    it->mandatory = db_col_int(st, 5) != 0;
    it->ord = (int)db_col_int(st, 6);
}

enum err facilities_list(struct db *db, struct arena *a,
                         struct facility_item **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, item_row, sizeof(struct facility_item), &r,
                              "SELECT code, name_id, name_en, criterion_id,"
                              " criterion_en, mandatory, ord FROM"
                              " facility_items WHERE active = $1"
                              " ORDER BY ord, code",
                              DV_INT(1));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err facilities_put(struct db *db, const struct facility_item *it)
{
    return db_run(db, NULL,
                  "INSERT INTO facility_items (code, name_id, name_en,"
                  " criterion_id, criterion_en, mandatory, ord, active) VALUES"
                  " ($1, $2, $3, $4, $5, $6, $7, 1) ON CONFLICT (code) DO"
                  " UPDATE SET name_id = excluded.name_id, name_en ="
                  " excluded.name_en, criterion_id = excluded.criterion_id,"
                  " criterion_en = excluded.criterion_en, mandatory ="
                  " excluded.mandatory, ord = excluded.ord, active = 1",
                  DV_TEXT(it->code), DV_TEXT(it->name.id), DV_TEXT(it->name.en),
                  DV_TEXT(it->criterion.id), DV_TEXT(it->criterion.en),
                  DV_INT(it->mandatory ? 1 : 0), DV_INT(it->ord));
}

enum err facilities_remove(struct db *db, const char *code)
{
    int64_t changed = 0;
    enum err rc = db_run(db, &changed,
                         "UPDATE facility_items SET active = 0 WHERE code = $1",
                         DV_TEXT(code));
    return rc == ERR_OK && changed == 0 ? ERR_NOT_FOUND : rc;
}

/* ---- assessments ------------------------------------------------------ */

enum err assessments_insert(struct db *db, struct assessment *as,
                            int64_t created_by)
{
    enum err rc =
        db_int(db, &as->id,
               "INSERT INTO assessments (office_id, assessed_on, created_at,"
               " created_by, actor, mandatory, mandatory_met, score_pct,"
               " all_mandatory) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
               " RETURNING id",
               DV_INT(as->office_id), DV_TEXT(as->assessed_on),
               DV_INT(as->created_at), opt_int(created_by), DV_TEXT(as->actor),
               DV_INT(as->score.mandatory), DV_INT(as->score.mandatory_met),
               DV_INT(as->score.pct), DV_INT(as->score.all_mandatory ? 1 : 0));
    for (size_t i = 0; rc == ERR_OK && i < as->n_items; i++) {
        const struct assessment_item *it = &as->items[i];
        rc = db_run(db, NULL,
                    "INSERT INTO assessment_items (assessment_id, ord, code,"
                    " name_id, name_en, mandatory, status, note, photo_id)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    DV_INT(as->id), DV_INT(i), DV_TEXT(it->code),
                    DV_TEXT(it->name.id), DV_TEXT(it->name.en),
                    DV_INT(it->mandatory ? 1 : 0),
                    DV_TEXT(facility_status_code(it->status)),
                    DV_TEXT(it->note), opt_int(it->photo_id));
    }
    return rc;
}

#define A_COLS                                                                 \
    "id, office_id, assessed_on, created_at, actor, mandatory,"                \
    " mandatory_met, score_pct, all_mandatory"

static void assessment_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct assessment *as = out;
    as->id = db_col_int(st, 0);
    as->office_id = db_col_int(st, 1);
    as->assessed_on = dup(a, st, 2);
    as->created_at = db_col_int(st, 3);
    as->actor = dup(a, st, 4);
    as->score.mandatory = (int)db_col_int(st, 5);
    as->score.mandatory_met = (int)db_col_int(st, 6);
    as->score.pct = (int)db_col_int(st, 7);
    as->score.all_mandatory = db_col_int(st, 8) != 0;
}

static void aitem_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct assessment_item *it = out;
    it->code = dup(a, st, 0);
    it->name.id = dup(a, st, 1);
    it->name.en = dup(a, st, 2);
    it->mandatory = db_col_int(st, 3) != 0;
    if (!facility_status_parse(db_col_text(st, 4), &it->status))
        it->status = FAC_NOT_MET;
    it->note = dup(a, st, 5);
    it->photo_id = db_col_int(st, 6);
}

static enum err with_items(struct db *db, struct arena *a,
                           struct assessment *out)
{
    struct db_rows r;
    enum err rc =
        db_get_list(db, a, aitem_row, sizeof(struct assessment_item), &r,
                    "SELECT code, name_id, name_en, mandatory,"
                    " status, note, photo_id FROM assessment_items"
                    " WHERE assessment_id = $1 ORDER BY ord",
                    DV_INT(out->id));
    out->items = r.items;
    out->n_items = r.n;
    return rc;
}

enum err assessments_latest(struct db *db, struct arena *a, int64_t office_id,
                            struct assessment *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = db_get_one(db, a, assessment_row, out,
                             "SELECT " A_COLS " FROM assessments WHERE"
                             " office_id = $1 ORDER BY id DESC LIMIT 1",
                             DV_INT(office_id));
    return rc == ERR_OK ? with_items(db, a, out) : rc;
}

enum err assessments_get(struct db *db, struct arena *a, int64_t id,
                         struct assessment *out)
{
    memset(out, 0, sizeof(*out));
    enum err rc = db_get_one(db, a, assessment_row, out,
                             "SELECT " A_COLS " FROM assessments WHERE id = $1",
                             DV_INT(id));
    return rc == ERR_OK ? with_items(db, a, out) : rc;
}

enum err assessments_history(struct db *db, struct arena *a, int64_t office_id,
                             struct assessment **items, size_t *n)
{
    struct db_rows r;
    enum err rc =
        db_get_list(db, a, assessment_row, sizeof(struct assessment), &r,
                    "SELECT " A_COLS " FROM assessments WHERE"
                    " office_id = $1 ORDER BY id DESC LIMIT 200",
                    DV_INT(office_id));
    *items = r.items;
    *n = r.n;
    return rc;
}

/* ---- inspections and findings ---------------------------------------- */

static enum err event_add(struct db *db, const char *kind, int64_t ref_id,
                          const struct readiness_event *ev)
{
    return db_run(db, NULL,
                  "INSERT INTO readiness_events (kind, ref_id, at, actor,"
                  " action, note, photo_id) VALUES ($1, $2, $3, $4, $5, $6,"
                  " $7)",
                  DV_TEXT(kind), DV_INT(ref_id), DV_INT(ev->at),
                  DV_TEXT(ev->actor), DV_TEXT(ev->action), DV_TEXT(ev->note),
                  opt_int(ev->photo_id));
}

enum err inspections_insert(struct db *db, int64_t office_id,
                            const char *inspected_on, const char *note,
                            int64_t now, int64_t created_by, const char *actor,
                            struct finding *findings, size_t n, int64_t *id)
{
    enum err rc = db_int(db, id,
                         "INSERT INTO inspections (office_id, inspected_on,"
                         " created_at, created_by, actor, note) VALUES ($1,"
                         " $2, $3, $4, $5, $6) RETURNING id",
                         DV_INT(office_id), DV_TEXT(inspected_on), DV_INT(now),
                         opt_int(created_by), DV_TEXT(actor), DV_TEXT(note));
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct finding *f = &findings[i];
        f->inspection_id = *id;
        f->office_id = office_id;
        f->state = FINDING_OPEN;
        f->updated_at = now;
        f->version = 1;
        rc =
            db_int(db, &f->id,
                   "INSERT INTO findings (inspection_id, office_id,"
                   " item_code, observed, text, due_days, due_at, state,"
                   " updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                   " 'open', $8) RETURNING id",
                   DV_INT(*id), DV_INT(office_id), DV_TEXT(f->item_code),
                   DV_TEXT(facility_status_code(f->observed)), DV_TEXT(f->text),
                   DV_INT(f->due_days), DV_INT(f->due_at), DV_INT(now));
        struct readiness_event ev = {now, actor, "create", f->text, 0};
        if (rc == ERR_OK)
            rc = event_add(db, "finding", f->id, &ev);
    }
    return rc;
}

enum err inspections_last(struct db *db, int64_t office_id, int64_t *at)
{
    *at = 0;
    enum err rc = db_int(db, at,
                         "SELECT MAX(created_at) FROM inspections WHERE"
                         " office_id = $1",
                         DV_INT(office_id));
    if (rc == ERR_NOT_FOUND) {
        *at = 0;
        rc = ERR_OK;
    }
    return rc;
}

#define F_COLS                                                                 \
    "f.id, f.inspection_id, i.inspected_on, i.actor, f.office_id, o.code,"     \
    " o.name, f.item_code, COALESCE(fi.name_id, f.item_code),"                 \
    " COALESCE(fi.name_en, f.item_code), f.observed, f.text, f.due_days,"      \
    " f.due_at, f.state, f.answered_at, f.answer, f.answer_photo_id,"          \
    " f.closed_at, f.escalated_at, f.escalation_reason, f.updated_at,"         \
    " f.version"
#define F_FROM                                                                 \
    " FROM findings f JOIN inspections i ON i.id = f.inspection_id"            \
    " JOIN offices o ON o.id = f.office_id"                                    \
    " LEFT JOIN facility_items fi ON fi.code = f.item_code"

static void finding_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct finding *f = out;
    int k = 0;
    f->id = db_col_int(st, k++);
    f->inspection_id = db_col_int(st, k++);
    f->inspected_on = dup(a, st, k++);
    f->inspector = dup(a, st, k++);
    f->office_id = db_col_int(st, k++);
    f->office_code = dup(a, st, k++);
    f->office_name = dup(a, st, k++);
    f->item_code = dup(a, st, k++);
    f->item_name.id = dup(a, st, k++);
    f->item_name.en = dup(a, st, k++);
    if (!facility_status_parse(db_col_text(st, k++), &f->observed))
        f->observed = FAC_NOT_MET;
    f->text = dup(a, st, k++);
    f->due_days = (int)db_col_int(st, k++);
    f->due_at = db_col_int(st, k++);
    if (!finding_state_parse(db_col_text(st, k++), &f->state))
        f->state = FINDING_OPEN;
    f->answered_at = db_col_int(st, k++);
    f->answer = dup(a, st, k++);
    f->answer_photo_id = db_col_int(st, k++);
    f->closed_at = db_col_int(st, k++);
    f->escalated_at = db_col_int(st, k++);
    f->escalation_reason = dup(a, st, k++);
    f->updated_at = db_col_int(st, k++);
    f->version = (int)db_col_int(st, k++);
}

enum err findings_get(struct db *db, struct arena *a, int64_t id,
                      struct finding *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, finding_row, out,
                      "SELECT " F_COLS F_FROM " WHERE f.id = $1", DV_INT(id));
}

enum err findings_list(struct db *db, struct arena *a,
                       const struct finding_filter *f, struct finding **items,
                       size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, finding_row, sizeof(struct finding), &r,
        "SELECT " F_COLS F_FROM
        " WHERE ($1 = 0 OR f.office_id = $1) AND ($2 = 0 OR f.state <>"
        " 'closed') AND ($3 = 0 OR f.escalated_at IS NOT NULL)"
        " ORDER BY CASE WHEN f.state = 'closed' THEN 1 ELSE 0 END, f.due_at,"
        " f.id LIMIT 500",
        DV_INT(f->office_id), DV_INT(f->open_only ? 1 : 0),
        DV_INT(f->escalated_only ? 1 : 0));
    *items = r.items;
    *n = r.n;
    return rc;
}

static void event_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct readiness_event *e = out;
    e->at = db_col_int(st, 0);
    e->actor = dup(a, st, 1);
    e->action = dup(a, st, 2);
    e->note = dup(a, st, 3);
    e->photo_id = db_col_int(st, 4);
}

enum err readiness_events_of(struct db *db, struct arena *a, const char *kind,
                             int64_t ref_id, struct readiness_event **items,
                             size_t *n)
{
    struct db_rows r;
    enum err rc =
        db_get_list(db, a, event_row, sizeof(struct readiness_event), &r,
                    "SELECT at, actor, action, note, photo_id FROM"
                    " readiness_events WHERE kind = $1 AND ref_id ="
                    " $2 ORDER BY id",
                    DV_TEXT(kind), DV_INT(ref_id));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err findings_apply(struct db *db, const struct finding *f, int expected,
                        const struct readiness_event *ev)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "UPDATE findings SET state = $1, due_days = $2, due_at = $3,"
        " answered_at = $4, answer = $5, answer_photo_id = $6, closed_at ="
        " $7, updated_at = $8, version = version + 1 WHERE id = $9 AND"
        " version = $10",
        DV_TEXT(finding_state_code(f->state)), DV_INT(f->due_days),
        DV_INT(f->due_at), opt_int(f->answered_at), DV_TEXT(f->answer),
        opt_int(f->answer_photo_id), opt_int(f->closed_at), DV_INT(ev->at),
        DV_INT(f->id), DV_INT(expected));
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    return rc == ERR_OK ? event_add(db, "finding", f->id, ev) : rc;
}

/* ---- reports of inability -------------------------------------------- */

enum err inability_insert(struct db *db, struct inability_report *r,
                          int64_t created_by)
{
    enum err rc = db_int(
        db, &r->id,
        "INSERT INTO inability_reports (office_id, services, reasons,"
        " details, support_requested, expected_by, state, created_at,"
        " created_by, actor, ack_due_at, updated_at) VALUES ($1, $2, $3, $4,"
        " $5, $6, 'submitted', $7, $8, $9, $10, $7) RETURNING id",
        DV_INT(r->office_id), DV_TEXT(r->services), DV_TEXT(r->reasons),
        DV_TEXT(r->details), DV_TEXT(r->support_requested),
        DV_TEXT(r->expected_by), DV_INT(r->created_at), opt_int(created_by),
        DV_TEXT(r->actor), DV_INT(r->ack_due_at));
    r->state = INS_SUBMITTED;
    r->version = 1;
    struct readiness_event ev = {r->created_at, r->actor, "submit", r->details,
                                 0};
    return rc == ERR_OK ? event_add(db, "inability", r->id, &ev) : rc;
}

#define R_COLS                                                                 \
    "r.id, r.office_id, o.code, o.name, r.services, r.reasons, r.details,"     \
    " r.support_requested, r.expected_by, r.state, r.created_at, r.actor,"     \
    " r.ack_due_at, r.acknowledged_at, r.acknowledged_by, r.decision,"         \
    " r.decided_at, r.decided_by, r.decision_note, r.refer_to_office_id,"      \
    " t.code, t.name, r.until_day, r.escalated_at, r.escalation_reason,"       \
    " r.updated_at, r.version"
#define R_FROM                                                                 \
    " FROM inability_reports r JOIN offices o ON o.id = r.office_id"           \
    " LEFT JOIN offices t ON t.id = r.refer_to_office_id"

static void report_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct inability_report *r = out;
    int k = 0;
    r->id = db_col_int(st, k++);
    r->office_id = db_col_int(st, k++);
    r->office_code = dup(a, st, k++);
    r->office_name = dup(a, st, k++);
    r->services = dup(a, st, k++);
    r->reasons = dup(a, st, k++);
    r->details = dup(a, st, k++);
    r->support_requested = dup(a, st, k++);
    r->expected_by = dup(a, st, k++);
    if (!inability_state_parse(db_col_text(st, k++), &r->state))
        r->state = INS_SUBMITTED;
    r->created_at = db_col_int(st, k++);
    r->actor = dup(a, st, k++);
    r->ack_due_at = db_col_int(st, k++);
    r->acknowledged_at = db_col_int(st, k++);
    r->acknowledged_by = dup(a, st, k++);
    enum inability_decision d;
    r->decision =
        inability_decision_parse(db_col_text(st, k++), &d) ? (int)d : -1;
    r->decided_at = db_col_int(st, k++);
    r->decided_by = dup(a, st, k++);
    r->decision_note = dup(a, st, k++);
    r->refer_to_office_id = db_col_int(st, k++);
    r->refer_to_code = dup(a, st, k++);
    r->refer_to_name = dup(a, st, k++);
    r->until_day = dup(a, st, k++);
    r->escalated_at = db_col_int(st, k++);
    r->escalation_reason = dup(a, st, k++);
    r->updated_at = db_col_int(st, k++);
    r->version = (int)db_col_int(st, k++);
}

enum err inability_get(struct db *db, struct arena *a, int64_t id,
                       struct inability_report *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, report_row, out,
                      "SELECT " R_COLS R_FROM " WHERE r.id = $1", DV_INT(id));
}

enum err inability_list(struct db *db, struct arena *a, int64_t office_id,
                        bool open_only, struct inability_report **items,
                        size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, report_row, sizeof(struct inability_report), &r,
        "SELECT " R_COLS R_FROM
        " WHERE ($1 = 0 OR r.office_id = $1) AND ($2 = 0 OR r.state <>"
        " 'decided') ORDER BY CASE WHEN r.state = 'decided' THEN 1 ELSE 0"
        " END, r.id DESC LIMIT 500",
        DV_INT(office_id), DV_INT(open_only ? 1 : 0));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err inability_apply(struct db *db, const struct inability_report *r,
                         int expected, const struct readiness_event *ev)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "UPDATE inability_reports SET state = $1, acknowledged_at = $2,"
        " acknowledged_by = $3, decision = $4, decided_at = $5, decided_by ="
        " $6, decision_note = $7, refer_to_office_id = $8, until_day = $9,"
        " updated_at = $10, version = version + 1 WHERE id = $11 AND"
        " version = $12",
        DV_TEXT(inability_state_code(r->state)), opt_int(r->acknowledged_at),
        DV_TEXT(r->acknowledged_by),
        r->decision >= 0 ? DV_TEXT(inability_decision_code(
                               (enum inability_decision)r->decision))
                         : DV_NULL,
        opt_int(r->decided_at), DV_TEXT(r->decided_by),
        DV_TEXT(r->decision_note), opt_int(r->refer_to_office_id),
        DV_TEXT(r->until_day), DV_INT(ev->at), DV_INT(r->id), DV_INT(expected));
    if (rc == ERR_OK && changed == 0)
        return ERR_CONFLICT;
    return rc == ERR_OK ? event_add(db, "inability", r->id, ev) : rc;
}

enum err referrals_insert(struct db *db, const struct inability_report *r,
                          const char *from_day, int64_t now)
{
    return db_run(db, NULL,
                  "INSERT INTO referrals (report_id, office_id, services,"
                  " to_office_id, from_day, until_day, created_at) VALUES"
                  " ($1, $2, $3, $4, $5, $6, $7)",
                  DV_INT(r->id), DV_INT(r->office_id), DV_TEXT(r->services),
                  DV_INT(r->refer_to_office_id), DV_TEXT(from_day),
                  DV_TEXT(r->until_day), DV_INT(now));
}

static void referral_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct referral *r = out;
    r->services = dup(a, st, 0);
    r->from_day = dup(a, st, 1);
    r->until_day = dup(a, st, 2);
    r->to_office_id = db_col_int(st, 3);
    r->to_code = dup(a, st, 4);
    r->to_name = dup(a, st, 5);
}

enum err referrals_in_force(struct db *db, struct arena *a, int64_t office_id,
                            const char *day, struct referral **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, referral_row, sizeof(struct referral), &r,
        "SELECT f.services, f.from_day, f.until_day, f.to_office_id, t.code,"
        " t.name FROM referrals f JOIN offices t ON t.id = f.to_office_id"
        " WHERE f.office_id = $1 AND f.from_day <= $2 AND f.until_day >= $2"
        " ORDER BY f.id",
        DV_INT(office_id), DV_TEXT(day));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err referral_for(struct db *db, struct arena *a, int64_t office_id,
                      const char *service, const char *day,
                      struct referral *out, bool *found)
{
    *found = false;
    struct referral *items;
    size_t n;
    enum err rc = referrals_in_force(db, a, office_id, day, &items, &n);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct referral_rule rule = {items[i].services, items[i].from_day,
                                     items[i].until_day};
        if (referral_applies(&rule, service, day)) {
            *out = items[i];
            *found = true;
            break;
        }
    }
    return rc;
}

/* ---- escalation ------------------------------------------------------- */

enum err readiness_escalate(struct db *db, int64_t now, int64_t *count)
{
    *count = 0;
    int64_t findings = 0, reports = 0;
    enum err rc = db_begin(db);
    /* The events first, for exactly the rows the UPDATEs below take (the
     * transaction holds the write lock on SQLite; PostgreSQL re-checks
     * escalated_at IS NULL after waiting for a row lock). */
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO readiness_events (kind, ref_id, at, actor,"
                    " action, note) SELECT 'finding', id, $1, 'system',"
                    " 'escalate', 'finding_overdue' FROM findings WHERE"
                    " escalated_at IS NULL AND state = 'open' AND due_at < $1",
                    DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(db, &findings,
                    "UPDATE findings SET escalated_at = $1, escalation_reason"
                    " = 'finding_overdue' WHERE escalated_at IS NULL AND"
                    " state = 'open' AND due_at < $1",
                    DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "INSERT INTO readiness_events (kind, ref_id, at, actor,"
                    " action, note) SELECT 'inability', id, $1, 'system',"
                    " 'escalate', 'inability_unacknowledged' FROM"
                    " inability_reports WHERE escalated_at IS NULL AND"
                    " acknowledged_at IS NULL AND ack_due_at < $1",
                    DV_INT(now));
    if (rc == ERR_OK)
        rc = db_run(db, &reports,
                    "UPDATE inability_reports SET escalated_at = $1,"
                    " escalation_reason = 'inability_unacknowledged' WHERE"
                    " escalated_at IS NULL AND acknowledged_at IS NULL AND"
                    " ack_due_at < $1",
                    DV_INT(now));
    rc = db_tx_end(db, rc);
    if (rc == ERR_OK)
        *count = findings + reports;
    return rc;
}

/* ---- socialisation ---------------------------------------------------- */

enum err socialisation_insert(struct db *db, struct socialisation *s,
                              int64_t created_by)
{
    return db_int(db, &s->id,
                  "INSERT INTO socialisation (office_id, held_on, forum,"
                  " place, village_code, audience, materials, note, photo_id,"
                  " created_at, created_by, actor) VALUES ($1, $2, $3, $4,"
                  " $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                  DV_INT(s->office_id), DV_TEXT(s->held_on),
                  DV_TEXT(forum_code(s->forum)), DV_TEXT(s->place),
                  DV_TEXT(s->village_code), DV_INT(s->audience),
                  DV_TEXT(s->materials), DV_TEXT(s->note), opt_int(s->photo_id),
                  DV_INT(s->created_at), opt_int(created_by),
                  DV_TEXT(s->actor));
}

static void soc_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct socialisation *s = out;
    int k = 0;
    s->id = db_col_int(st, k++);
    s->office_id = db_col_int(st, k++);
    s->office_name = dup(a, st, k++);
    s->held_on = dup(a, st, k++);
    if (!forum_parse(db_col_text(st, k++), &s->forum))
        s->forum = FORUM_OTHER;
    s->place = dup(a, st, k++);
    s->village_code = dup(a, st, k++);
    s->village_name = dup(a, st, k++);
    s->audience = db_col_int(st, k++);
    s->materials = dup(a, st, k++);
    s->note = dup(a, st, k++);
    s->photo_id = db_col_int(st, k++);
    s->created_at = db_col_int(st, k++);
    s->actor = dup(a, st, k++);
}

enum err socialisation_list(struct db *db, struct arena *a, int64_t office_id,
                            const char *from, const char *to,
                            struct socialisation **items, size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, soc_row, sizeof(struct socialisation), &r,
        "SELECT s.id, s.office_id, o.name, s.held_on, s.forum, s.place,"
        " s.village_code, g.name, s.audience, s.materials, s.note,"
        " s.photo_id, s.created_at, s.actor FROM socialisation s JOIN"
        " offices o ON o.id = s.office_id LEFT JOIN regions g ON g.code ="
        " s.village_code WHERE s.office_id = $1 AND (CAST($2 AS TEXT) IS"
        " NULL OR s.held_on >= $2) AND (CAST($3 AS TEXT) IS NULL OR"
        " s.held_on <= $3) ORDER BY s.held_on DESC, s.id DESC LIMIT 500",
        DV_INT(office_id), DV_TEXT(from), DV_TEXT(to));
    *items = r.items;
    *n = r.n;
    return rc;
}

struct dist_counts {
    const char *code;
    int64_t activities, audience, religious;
};

static void dist_counts_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct dist_counts *d = out;
    d->code = dup(a, st, 0);
    d->activities = db_col_int(st, 1);
    d->audience = db_col_int(st, 2);
    d->religious = db_col_int(st, 3);
}

struct village_hit {
    const char *code;
    int64_t recent; /* activities within the six months */
};

static void village_hit_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct village_hit *v = out;
    v->code = dup(a, st, 0);
    v->recent = db_col_int(st, 1);
}

enum err socialisation_report(struct db *db, struct arena *a,
                              const char *regency, const char *district,
                              const char *from, const char *to,
                              const char *six_from,
                              struct socialisation_district **items, size_t *n)
{
    *items = NULL;
    *n = 0;
    struct region *ds = NULL;
    size_t nd = 0;
    enum err rc;
    if (district) {
        ds = arena_alloc(a, sizeof(*ds));
        rc = regions_get(db, a, district, ds);
        nd = 1;
    } else {
        rc = regions_children(db, a, regency, &ds, &nd);
    }
    if (rc != ERR_OK)
        return rc;
    struct db_rows cr, hr;
    rc = db_get_list(
        db, a, dist_counts_row, sizeof(struct dist_counts), &cr,
        "SELECT substr(o.region_code, 1, 8), COUNT(*), SUM(s.audience),"
        " SUM(CASE WHEN s.forum IN ('pengajian', 'majelis_taklim',"
        " 'khotbah_jumat', 'church', 'pura') THEN 1 ELSE 0 END) FROM"
        " socialisation s JOIN offices o ON o.id = s.office_id WHERE"
        " s.held_on >= $1 AND s.held_on <= $2 GROUP BY"
        " substr(o.region_code, 1, 8)",
        DV_TEXT(from), DV_TEXT(to));
    if (rc == ERR_OK)
        rc =
            db_get_list(db, a, village_hit_row, sizeof(struct village_hit), &hr,
                        "SELECT village_code, SUM(CASE WHEN held_on >= $1"
                        " THEN 1 ELSE 0 END) FROM socialisation WHERE"
                        " village_code IS NOT NULL AND held_on <= $2"
                        " GROUP BY village_code",
                        DV_TEXT(six_from), DV_TEXT(to));
    if (rc != ERR_OK)
        return rc;
    const struct dist_counts *counts = cr.items;
    const struct village_hit *hits = hr.items;
    *items = arena_alloc(a, (nd + 1) * sizeof(**items));
    for (size_t i = 0; i < nd; i++) {
        struct socialisation_district *d = &(*items)[i];
        memset(d, 0, sizeof(*d));
        d->code = ds[i].code;
        d->name = ds[i].name;
        for (size_t k = 0; k < cr.n; k++) {
            if (counts[k].code && strcmp(counts[k].code, d->code) == 0) {
                d->activities = counts[k].activities;
                d->audience = counts[k].audience;
                d->religious = counts[k].religious;
            }
        }
        struct region *vs = NULL;
        size_t nv = 0;
        rc = regions_children(db, a, d->code, &vs, &nv);
        if (rc != ERR_OK)
            return rc;
        d->villages = arena_alloc(a, (nv + 1) * sizeof(*d->villages));
        d->n_villages = nv;
        for (size_t v = 0; v < nv; v++) {
            struct village_reach *r = &d->villages[v];
            r->code = vs[v].code;
            r->name = vs[v].name;
            r->reached = r->ever_reached = false;
            for (size_t k = 0; k < hr.n; k++) {
                if (strcmp(hits[k].code, r->code) != 0)
                    continue;
                r->ever_reached = true;
                r->reached = hits[k].recent > 0;
            }
            d->n_reached += r->reached;
        }
    }
    *n = nd;
    return ERR_OK;
}

/* ---- the oversight's summary ------------------------------------------ */

static void summary_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct readiness_summary *s = out;
    int k = 0;
    s->office_id = db_col_int(st, k++);
    s->code = dup(a, st, k++);
    s->name = dup(a, st, k++);
    s->level = dup(a, st, k++);
    s->region_code = dup(a, st, k++);
    s->service_point = !db_col_is_null(st, k++);
    s->assessed = !db_col_is_null(st, k);
    s->assessed_at = db_col_int(st, k++);
    s->assessed_on = dup(a, st, k++);
    s->score_pct = (int)db_col_int(st, k++);
    s->all_mandatory = db_col_int(st, k++) != 0;
    s->inspected_at = db_col_int(st, k++);
    s->open_findings = db_col_int(st, k++);
    s->overdue_findings = db_col_int(st, k++);
    s->open_inability = db_col_int(st, k++);
}

enum err readiness_summaries(struct db *db, struct arena *a,
                             const struct readiness_summary_filter *f,
                             int64_t now, struct readiness_summary **items,
                             size_t *n)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, summary_row, sizeof(struct readiness_summary), &r,
        "SELECT o.id, o.code, o.name, o.level, o.region_code,"
        " o.service_point_since, la.created_at, la.assessed_on,"
        " la.score_pct, la.all_mandatory,"
        " (SELECT MAX(i.created_at) FROM inspections i WHERE i.office_id ="
        " o.id),"
        " (SELECT COUNT(*) FROM findings f WHERE f.office_id = o.id AND"
        " f.state <> 'closed'),"
        " (SELECT COUNT(*) FROM findings f WHERE f.office_id = o.id AND"
        " f.state = 'open' AND f.due_at < $1),"
        " (SELECT COUNT(*) FROM inability_reports x WHERE x.office_id ="
        " o.id AND x.state <> 'decided')"
        " FROM offices o LEFT JOIN assessments la ON la.id = (SELECT"
        " MAX(z.id) FROM assessments z WHERE z.office_id = o.id)"
        " WHERE o.level <> 'agency' AND ($2 = 0 OR o.id = $2)"
        " AND (CAST($3 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $3)"
        " AND ($4 = 0 OR o.service_point_since IS NOT NULL)"
        " ORDER BY o.code",
        DV_INT(now), DV_INT(f->office_id), DV_TEXT(f->district),
        DV_INT(f->service_points_only ? 1 : 0));
    *items = r.items;
    *n = r.n;
    return rc;
}

enum err readiness_photo_office(struct db *db, int64_t photo_id,
                                int64_t *office_id)
{
    return db_int(
        db, office_id,
        "SELECT office_id FROM (SELECT a.office_id AS office_id FROM"
        " assessment_items i JOIN assessments a ON a.id = i.assessment_id"
        " WHERE i.photo_id = $1 UNION ALL SELECT office_id FROM findings"
        " WHERE answer_photo_id = $1 UNION ALL SELECT f.office_id FROM"
        " readiness_events e JOIN findings f ON e.kind = 'finding' AND f.id ="
        " e.ref_id WHERE e.photo_id = $1 UNION ALL SELECT office_id FROM"
        " socialisation WHERE photo_id = $1) p LIMIT 1",
        DV_INT(photo_id));
}
