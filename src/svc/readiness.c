/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* readiness.c: the office readiness services (see readiness.h). */
#include "svc/readiness.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/utf8.h"
#include "core/calendar.h"
#include "store/catalogue.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"

static size_t chars(const char *s)
{
    return s ? utf8_length(s, strlen(s)) : 0;
}

static void too_long(struct field_errors *fe, struct arena *a,
                     const char *field)
{
    ferr_add(fe, a, field, "too_long", "Paling banyak 2000 karakter.",
             "At most 2000 characters.");
}

/* A photo checked by content and cleaned of its metadata, ready to store
 * (*mime NULL when none was sent). */
struct clean_photo {
    const char *mime;
    unsigned char *data;
    size_t len;
};

static void check_photo(const struct svc_ctx *c, const struct rd_upload *u,
                        const char *field, struct field_errors *fe,
                        struct clean_photo *out)
{
    memset(out, 0, sizeof(*out));
    if (!u || !u->data || !u->len)
        return;
    struct svc_photo p;
    svc_photo(c, u->data, u->len, field, fe, &p);
    out->mime = p.mime;
    out->data = p.data;
    out->len = p.len;
}

static enum err put_photo(const struct svc_ctx *c, const struct clean_photo *p,
                          int64_t *id)
{
    *id = 0;
    if (!p->mime)
        return ERR_OK;
    return photos_put(c->db, p->mime, p->data, p->len, c->now, id);
}

static int64_t user_id(const struct svc_ctx *c)
{
    return c->who ? c->who->user_id : 0;
}

static bool is_date(const char *s)
{
    struct civil_date d;
    return s && strlen(s) == 10 && civil_parse_date(s, &d);
}

enum err readiness_assess(const struct svc_ctx *c, const struct office *o,
                          const struct assess_input *in, size_t n,
                          struct field_errors *fe, struct assessment *out,
                          enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    memset(out, 0, sizeof(*out));
    *outcome = RDO_INVALID;
    if (!c->who || !scope_assess(c->who, o->id)) {
        *outcome = RDO_DENIED;
        return ERR_OK;
    }
    struct facility_item *list;
    size_t n_list;
    enum err rc = facilities_list(c->db, a, &list, &n_list);
    if (rc != ERR_OK)
        return rc;
    struct assessment_item *items = arena_alloc(a, (n + 1) * sizeof(*items));
    struct clean_photo *photos = arena_alloc(a, (n + 1) * sizeof(*photos));
    struct readiness_item *scored = arena_alloc(a, (n + 1) * sizeof(*scored));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *field = arena_printf(a, "items[%zu]", i);
        const struct facility_item *def = NULL;
        for (size_t j = 0; in[i].code && j < n_list; j++)
            if (strcmp(in[i].code, list[j].code) == 0)
                def = &list[j];
        if (!def) {
            ferr_add(fe, a, arena_printf(a, "%s.code", field), "unknown_item",
                     arena_printf(a, "Butir '%.40s' tidak ada di daftar.",
                                  in[i].code ? in[i].code : ""),
                     arena_printf(a, "Item '%.40s' is not on the checklist.",
                                  in[i].code ? in[i].code : ""));
            continue;
        }
        bool twice = false;
        for (size_t j = 0; j < k; j++)
            twice |= strcmp(items[j].code, def->code) == 0;
        if (twice) {
            ferr_add(
                fe, a, arena_printf(a, "%s.code", field), "repeated",
                arena_printf(a, "Butir '%s' dinilai dua kali.", def->code),
                arena_printf(a, "Item '%s' is assessed twice.", def->code));
            continue;
        }
        enum facility_status st;
        if (!facility_status_parse(in[i].status, &st)) {
            ferr_add(fe, a, arena_printf(a, "%s.status", field),
                     "invalid_status",
                     arena_printf(a,
                                  "%s: pilih terpenuhi, sebagian, atau "
                                  "belum terpenuhi.",
                                  def->name.id),
                     arena_printf(a, "%s: choose met, partly or not met.",
                                  def->name.en));
            continue;
        }
        if (chars(in[i].note) > READINESS_TEXT_MAX)
            too_long(fe, a, arena_printf(a, "%s.note", field));
        check_photo(c, &in[i].photo, arena_printf(a, "%s.photo", field), fe,
                    &photos[k]);
        items[k] = (struct assessment_item){
            def->code,
            def->name,
            def->mandatory,
            st,
            in[i].note && *in[i].note ? in[i].note : NULL,
            0};
        scored[k] = (struct readiness_item){def->mandatory, st};
        k++;
    }
    for (size_t j = 0; j < n_list; j++) {
        if (!list[j].mandatory)
            continue;
        bool given = false;
        for (size_t i = 0; i < k; i++)
            given |= strcmp(items[i].code, list[j].code) == 0;
        if (!given)
            ferr_add(fe, a, "items", "missing_mandatory",
                     arena_printf(a, "Butir wajib belum dinilai: %s",
                                  list[j].name.id),
                     arena_printf(a, "A mandatory item is not assessed: %s",
                                  list[j].name.en));
    }
    if (ferr_any(fe))
        return ERR_OK;
    out->office_id = o->id;
    out->assessed_on = svc_today(c);
    out->created_at = c->now;
    out->actor = svc_actor(c);
    out->score = readiness_score(scored, k);
    out->items = items;
    out->n_items = k;
    rc = db_begin(c->db);
    for (size_t i = 0; rc == ERR_OK && i < k; i++)
        rc = put_photo(c, &photos[i], &items[i].photo_id);
    if (rc == ERR_OK)
        rc = assessments_insert(c->db, out, user_id(c));
    if (rc == ERR_OK)
        rc = svc_replay_record(c, arena_printf(a, "%lld", (long long)out->id));
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_OK)
        *outcome = RDO_DONE;
    return rc;
}

/* The due instant of n working days from now at office o. */
static enum err due_of(const struct svc_ctx *c, const struct office *o,
                       int64_t n, int64_t *at)
{
    struct calendar cal;
    enum err rc = workcal_load(c->db, c->arena, o, &cal);
    if (rc != ERR_OK)
        return rc;
    struct deadline d = cal_add_working_days(&cal, c->now, (int)n);
    if (!d.ok)
        return ERR_INVALID; /* the office never opens */
    *at = d.at;
    return ERR_OK;
}

enum err readiness_inspect(const struct svc_ctx *c, const struct office *o,
                           const char *note, const struct finding_input *in,
                           size_t n, struct field_errors *fe,
                           int64_t *inspection_id,
                           enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    *inspection_id = 0;
    *outcome = RDO_INVALID;
    if (!c->who || !scope_inspect(c->who, o->id) || o->level == OFFICE_AGENCY) {
        *outcome = RDO_DENIED;
        return ERR_OK;
    }
    struct facility_item *list;
    size_t n_list;
    enum err rc = facilities_list(c->db, a, &list, &n_list);
    if (rc != ERR_OK)
        return rc;
    if (chars(note) > READINESS_TEXT_MAX)
        too_long(fe, a, "note");
    struct finding *fs = arena_alloc(a, (n + 1) * sizeof(*fs));
    for (size_t i = 0; i < n; i++) {
        const char *field = arena_printf(a, "findings[%zu]", i);
        memset(&fs[i], 0, sizeof(fs[i]));
        bool known = false;
        for (size_t j = 0; in[i].item && j < n_list; j++)
            known |= strcmp(in[i].item, list[j].code) == 0;
        if (!known)
            ferr_add(fe, a, arena_printf(a, "%s.item", field), "unknown_item",
                     "Pilih butir dari daftar.",
                     "Choose an item of the checklist.");
        if (!facility_status_parse(in[i].observed, &fs[i].observed))
            ferr_add(fe, a, arena_printf(a, "%s.observed", field),
                     "invalid_status",
                     "Pilih terpenuhi, sebagian, atau belum terpenuhi.",
                     "Choose met, partly or not met.");
        size_t len = chars(in[i].text);
        if (len == 0)
            ferr_add(fe, a, arena_printf(a, "%s.text", field), "required",
                     "Tulis temuan dan tindak lanjut yang diminta.",
                     "Write the finding and the follow-up asked for.");
        else if (len > READINESS_TEXT_MAX)
            too_long(fe, a, arena_printf(a, "%s.text", field));
        if (in[i].due_days < FINDING_DAYS_MIN ||
            in[i].due_days > FINDING_DAYS_MAX)
            ferr_add(fe, a, arena_printf(a, "%s.due_days", field),
                     "out_of_range", "Batas waktu 1 sampai 60 hari kerja.",
                     "A deadline of 1 to 60 working days.");
        fs[i].item_code = in[i].item;
        fs[i].text = in[i].text;
        fs[i].due_days = (int)in[i].due_days;
    }
    if (ferr_any(fe))
        return ERR_OK;
    for (size_t i = 0; i < n; i++) {
        rc = due_of(c, o, fs[i].due_days, &fs[i].due_at);
        if (rc != ERR_OK)
            return rc;
    }
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = inspections_insert(c->db, o->id, svc_today(c),
                                note && *note ? note : NULL, c->now, user_id(c),
                                svc_actor(c), fs, n, inspection_id);
    if (rc == ERR_OK)
        rc = svc_replay_record(
            c, arena_printf(a, "%lld", (long long)*inspection_id));
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_OK)
        *outcome = RDO_DONE;
    return rc;
}

enum err finding_act(const struct svc_ctx *c, struct finding *f,
                     enum finding_action action, const char *note,
                     const struct rd_upload *photo, int64_t due_days,
                     int expected, struct field_errors *fe,
                     enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    *outcome = RDO_DENIED;
    bool mine = action == FA_ANSWER
                    ? c->who && scope_assess(c->who, f->office_id)
                    : c->who && scope_inspect(c->who, f->office_id);
    if (!mine)
        return ERR_OK;
    enum finding_state next;
    if (!finding_allowed(f->state, action, &next)) {
        *outcome = RDO_NOT_ALLOWED;
        return ERR_OK;
    }
    *outcome = RDO_INVALID;
    size_t len = chars(note);
    if (action == FA_ANSWER && len == 0)
        ferr_add(fe, a, "note", "required", "Tulis tindak lanjut kantor.",
                 "Write what the office did.");
    if (len > READINESS_TEXT_MAX)
        too_long(fe, a, "note");
    if (action == FA_REOPEN &&
        (due_days < FINDING_DAYS_MIN || due_days > FINDING_DAYS_MAX))
        ferr_add(fe, a, "due_days", "out_of_range",
                 "Batas waktu 1 sampai 60 hari kerja.",
                 "A deadline of 1 to 60 working days.");
    struct clean_photo p;
    check_photo(c, action == FA_ANSWER ? photo : NULL, "photo", fe, &p);
    if (ferr_any(fe))
        return ERR_OK;
    struct finding n = *f;
    n.state = next;
    struct readiness_event ev = {c->now, svc_actor(c),
                                 finding_action_code(action), len ? note : NULL,
                                 0};
    enum err rc = ERR_OK;
    if (action == FA_REOPEN) {
        struct office o;
        rc = offices_get_by_id(c->db, a, f->office_id, &o);
        if (rc == ERR_OK)
            rc = due_of(c, &o, due_days, &n.due_at);
        if (rc != ERR_OK)
            return rc;
        n.due_days = (int)due_days;
        n.closed_at = 0;
    } else if (action == FA_CLOSE) {
        n.closed_at = c->now;
    }
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = put_photo(c, &p, &ev.photo_id);
    if (action == FA_ANSWER) {
        n.answered_at = c->now;
        n.answer = note;
        n.answer_photo_id = ev.photo_id;
    }
    if (rc == ERR_OK)
        rc = findings_apply(c->db, &n, expected ? expected : f->version, &ev);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = RDO_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK) {
        n.version = (expected ? expected : f->version) + 1;
        *f = n;
        *outcome = RDO_DONE;
    }
    return rc;
}

/* Join codes with ",". */
static const char *joined(struct arena *a, const char **codes, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(codes[i]) + 1;
    char *s = arena_alloc(a, len);
    s[0] = '\0';
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(codes[i]);
        if (i)
            s[at++] = ',';
        memcpy(s + at, codes[i], l);
        at += l;
        s[at] = '\0';
    }
    return s;
}

enum err inability_file(const struct svc_ctx *c, const struct office *o,
                        const struct inability_input *in,
                        struct field_errors *fe, struct inability_report *out,
                        enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    memset(out, 0, sizeof(*out));
    *outcome = RDO_DENIED;
    if (!c->who || !scope_assess(c->who, o->id))
        return ERR_OK;
    *outcome = RDO_INVALID;
    enum err rc = ERR_OK;
    for (size_t i = 0; i < in->n_services; i++) {
        struct service_def s;
        rc = catalogue_in_effect(c->db, a, in->services[i], svc_today(c), &s);
        if (rc == ERR_NOT_FOUND || (rc == ERR_OK && !office_accepts(o, &s)))
            ferr_add(fe, a, arena_printf(a, "services[%zu]", i),
                     "unknown_service",
                     arena_printf(a,
                                  "Layanan '%.40s' tidak diterima di "
                                  "kantor ini.",
                                  in->services[i]),
                     arena_printf(a,
                                  "Service '%.40s' is not accepted at "
                                  "this office.",
                                  in->services[i]));
        else if (rc != ERR_OK)
            return rc;
        for (size_t j = 0; j < i; j++)
            if (strcmp(in->services[i], in->services[j]) == 0)
                ferr_add(fe, a, arena_printf(a, "services[%zu]", i), "repeated",
                         "Layanan disebut dua kali.",
                         "The service is named twice.");
    }
    if (in->n_reasons == 0)
        ferr_add(fe, a, "reasons", "required",
                 "Pilih paling sedikit satu "
                 "alasan.",
                 "Choose at least one reason.");
    for (size_t i = 0; i < in->n_reasons; i++) {
        enum inability_reason r;
        if (!inability_reason_parse(in->reasons[i], &r))
            ferr_add(fe, a, arena_printf(a, "reasons[%zu]", i),
                     "unknown_reason",
                     "Alasan: staff, room, equipment, network, budget, other.",
                     "Reasons: staff, room, equipment, network, budget, "
                     "other.");
    }
    size_t dl = chars(in->details);
    if (dl == 0)
        ferr_add(fe, a, "details", "required", "Jelaskan keadaan kantor.",
                 "Describe the office's situation.");
    else if (dl > READINESS_TEXT_MAX)
        too_long(fe, a, "details");
    size_t sl = chars(in->support_requested);
    if (sl == 0)
        ferr_add(fe, a, "support_requested", "required",
                 "Sebutkan dukungan yang diminta.",
                 "Name the support requested.");
    else if (sl > READINESS_TEXT_MAX)
        too_long(fe, a, "support_requested");
    const char *today = svc_today(c);
    if (!is_date(in->expected_by))
        ferr_add(fe, a, "expected_by", "invalid_date",
                 "Tanggal kesanggupan: TTTT-BB-HH.",
                 "The date expected: YYYY-MM-DD.");
    else if (strcmp(in->expected_by, today) < 0)
        ferr_add(fe, a, "expected_by", "past",
                 "Tanggal kesanggupan tidak boleh sudah lewat.",
                 "The date expected cannot be in the past.");
    if (ferr_any(fe))
        return ERR_OK;
    out->office_id = o->id;
    out->office_code = o->code;
    out->office_name = o->name;
    out->services = joined(a, in->services, in->n_services);
    out->reasons = joined(a, in->reasons, in->n_reasons);
    out->details = in->details;
    out->support_requested = in->support_requested;
    out->expected_by = in->expected_by;
    out->created_at = c->now;
    out->actor = svc_actor(c);
    out->decision = -1;
    rc = due_of(c, o, INABILITY_ACK_DAYS, &out->ack_due_at);
    if (rc != ERR_OK)
        return rc;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = inability_insert(c->db, out, user_id(c));
    if (rc == ERR_OK)
        rc = svc_replay_record(c, arena_printf(a, "%lld", (long long)out->id));
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_OK)
        *outcome = RDO_DONE;
    return rc;
}

static enum err report_apply(const struct svc_ctx *c,
                             struct inability_report *r,
                             struct inability_report *n, int expected,
                             const struct readiness_event *ev, bool referral,
                             enum readiness_outcome *outcome)
{
    enum err rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = inability_apply(c->db, n, expected ? expected : r->version, ev);
    if (rc == ERR_OK && referral)
        rc = referrals_insert(c->db, n, svc_today(c), c->now);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = RDO_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK) {
        n->version = (expected ? expected : r->version) + 1;
        *r = *n;
        *outcome = RDO_DONE;
    }
    return rc;
}

enum err inability_acknowledge(const struct svc_ctx *c,
                               struct inability_report *r, int expected,
                               enum readiness_outcome *outcome)
{
    *outcome = RDO_DENIED;
    if (!c->who || !role_has(c->who->role, PERM_INSTRUCT))
        return ERR_OK;
    if (r->state != INS_SUBMITTED) {
        *outcome = RDO_NOT_ALLOWED;
        return ERR_OK;
    }
    struct inability_report n = *r;
    n.state = INS_ACKNOWLEDGED;
    n.acknowledged_at = c->now;
    n.acknowledged_by = svc_actor(c);
    struct readiness_event ev = {c->now, svc_actor(c), "acknowledge", NULL, 0};
    return report_apply(c, r, &n, expected, &ev, false, outcome);
}

enum err inability_decide(const struct svc_ctx *c, struct inability_report *r,
                          const struct decision_input *in, int expected,
                          struct field_errors *fe,
                          enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    *outcome = RDO_DENIED;
    if (!c->who || !role_has(c->who->role, PERM_INSTRUCT))
        return ERR_OK;
    if (r->state == INS_DECIDED) {
        *outcome = RDO_NOT_ALLOWED;
        return ERR_OK;
    }
    *outcome = RDO_INVALID;
    enum inability_decision d = IND_ACCEPT;
    if (!inability_decision_parse(in->decision, &d))
        ferr_add(fe, a, "decision", "invalid_decision",
                 "Keputusan: support, refer atau accept.",
                 "The decision: support, refer or accept.");
    const char *today = svc_today(c);
    if (!is_date(in->until))
        ferr_add(fe, a, "until", "invalid_date", "Sampai tanggal: TTTT-BB-HH.",
                 "Until: YYYY-MM-DD.");
    else if (strcmp(in->until, today) < 0)
        ferr_add(fe, a, "until", "past", "Tanggal tidak boleh sudah lewat.",
                 "The date cannot be in the past.");
    if (chars(in->note) > READINESS_TEXT_MAX)
        too_long(fe, a, "note");
    if (d == IND_SUPPORT && chars(in->note) == 0)
        ferr_add(fe, a, "note", "required", "Sebutkan dukungan yang diberikan.",
                 "Name the support given.");
    struct office to = {0};
    if (d == IND_REFER) {
        enum err rc = in->refer_to && *in->refer_to
                          ? offices_get(c->db, a, in->refer_to, &to)
                          : ERR_NOT_FOUND;
        if (rc == ERR_NOT_FOUND ||
            (rc == ERR_OK &&
             (to.id == r->office_id || to.level == OFFICE_AGENCY ||
              !office_is_service_point(&to, today))))
            ferr_add(fe, a, "refer_to", "invalid_office",
                     "Pilih kantor titik layanan lain sebagai tujuan.",
                     "Choose another office that is a service point.");
        else if (rc != ERR_OK)
            return rc;
    }
    if (ferr_any(fe))
        return ERR_OK;
    struct inability_report n = *r;
    n.state = INS_DECIDED;
    if (!n.acknowledged_at) {
        n.acknowledged_at = c->now;
        n.acknowledged_by = svc_actor(c);
    }
    n.decision = (int)d;
    n.decided_at = c->now;
    n.decided_by = svc_actor(c);
    n.decision_note = in->note && *in->note ? in->note : NULL;
    n.until_day = in->until;
    n.refer_to_office_id = d == IND_REFER ? to.id : 0;
    n.refer_to_code = d == IND_REFER ? to.code : NULL;
    n.refer_to_name = d == IND_REFER ? to.name : NULL;
    const char *what =
        d == IND_REFER
            ? arena_printf(a, "%s -> %s, %s %s", inability_decision_code(d),
                           to.code, in->until,
                           n.decision_note ? n.decision_note : "")
            : arena_printf(a, "%s, %s %s", inability_decision_code(d),
                           in->until, n.decision_note ? n.decision_note : "");
    struct readiness_event ev = {c->now, svc_actor(c), "decide", what, 0};
    return report_apply(c, r, &n, expected, &ev, d == IND_REFER, outcome);
}

enum err socialisation_log(const struct svc_ctx *c, const struct office *o,
                           const struct socialisation_input *in,
                           struct field_errors *fe, struct socialisation *out,
                           enum readiness_outcome *outcome)
{
    struct arena *a = c->arena;
    memset(out, 0, sizeof(*out));
    *outcome = RDO_DENIED;
    if (!c->who || !scope_assess(c->who, o->id))
        return ERR_OK;
    *outcome = RDO_INVALID;
    if (!is_date(in->date))
        ferr_add(fe, a, "date", "invalid_date", "Tanggal: TTTT-BB-HH.",
                 "The date: YYYY-MM-DD.");
    else if (strcmp(in->date, svc_today(c)) > 0)
        ferr_add(fe, a, "date", "future",
                 "Tanggal kegiatan tidak boleh di masa depan.",
                 "The activity's date cannot be in the future.");
    if (!forum_parse(in->forum, &out->forum))
        ferr_add(fe, a, "forum", "unknown_forum", "Pilih forum kegiatan.",
                 "Choose the forum.");
    size_t pl = chars(in->place);
    if (pl == 0 || pl > 200)
        ferr_add(fe, a, "place", "required",
                 "Isi tempat kegiatan (paling banyak 200 karakter).",
                 "Give the place (at most 200 characters).");
    enum err rc = ERR_OK;
    if (in->village && *in->village) {
        struct region v;
        rc = regions_get(c->db, a, in->village, &v);
        /* A village of the regency the office serves: the same district
         * for a kecamatan office, its own village for a desa office. */
        char district[16] = "";
        if (o->region_code)
            snprintf(district, sizeof(district), "%.8s", o->region_code);
        if (rc == ERR_NOT_FOUND ||
            (rc == ERR_OK && (strcmp(v.level, "village") != 0 ||
                              strncmp(v.code, district, 8) != 0)))
            ferr_add(fe, a, "village", "unknown_village",
                     "Pilih desa/kelurahan di kecamatan kantor ini.",
                     "Choose a village of this office's district.");
        else if (rc != ERR_OK)
            return rc;
    }
    if (in->audience < 0 || in->audience > 100000)
        ferr_add(fe, a, "audience", "out_of_range",
                 "Jumlah peserta: bilangan 0 sampai 100000.",
                 "The audience: a number from 0 to 100000.");
    size_t ml = chars(in->materials);
    if (ml == 0)
        ferr_add(fe, a, "materials", "required",
                 "Sebutkan bahan yang dipakai (leaflet, pengumuman, ...).",
                 "Name the materials used (leaflet, announcement, ...).");
    else if (ml > READINESS_TEXT_MAX)
        too_long(fe, a, "materials");
    if (chars(in->note) > READINESS_TEXT_MAX)
        too_long(fe, a, "note");
    struct clean_photo p;
    check_photo(c, &in->photo, "photo", fe, &p);
    if (ferr_any(fe))
        return ERR_OK;
    out->office_id = o->id;
    out->office_name = o->name;
    out->held_on = in->date;
    out->place = in->place;
    out->village_code = in->village && *in->village ? in->village : NULL;
    out->audience = in->audience;
    out->materials = in->materials;
    out->note = in->note && *in->note ? in->note : NULL;
    out->created_at = c->now;
    out->actor = svc_actor(c);
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = put_photo(c, &p, &out->photo_id);
    if (rc == ERR_OK)
        rc = socialisation_insert(c->db, out, user_id(c));
    if (rc == ERR_OK)
        rc = svc_replay_record(c, arena_printf(a, "%lld", (long long)out->id));
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_OK)
        *outcome = RDO_DONE;
    return rc;
}

enum err readiness_referral(const struct svc_ctx *c, int64_t office_id,
                            const char *service, bool *referred,
                            struct referral *r, const char **msg_id,
                            const char **msg_en)
{
    *referred = false;
    *msg_id = *msg_en = NULL;
    const char *today = svc_today(c);
    enum err rc =
        referral_for(c->db, c->arena, office_id, service, today, r, referred);
    if (rc != ERR_OK || !*referred)
        return rc;
    struct civil_date d;
    char day[32] = "";
    if (civil_parse_date(r->until_day, &d))
        snprintf(day, sizeof(day), "%02d-%02d-%04d", d.day, d.month, d.year);
    *msg_id = arena_printf(c->arena,
                           "Layanan ini untuk sementara tidak diterima di "
                           "kantor ini. Silakan ajukan di %s sampai tanggal "
                           "%s.",
                           r->to_name, day);
    *msg_en = arena_printf(c->arena,
                           "This service is not accepted at this office for "
                           "the time being. Please apply at %s until %s.",
                           r->to_name, r->until_day);
    return ERR_OK;
}

enum err readiness_jobs(struct db *db, int64_t now, int64_t *count)
{
    return readiness_escalate(db, now, count);
}
