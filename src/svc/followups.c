/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* followups.c: the Sekda's instructions (see followups.h). */
#include "svc/followups.h"

#include <string.h>

#include "base/arena.h"
#include "base/params.h"
#include "base/utf8.h"
#include "core/role.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"

bool followup_overdue(const struct followup *f, int64_t now)
{
    return !f->answered_at && f->due_at < now;
}

/* Text of 1..max characters after trimming, else a field error. */
static const char *text_field(const struct svc_ctx *c, struct field_errors *fe,
                              const char *field, const char *in, size_t max)
{
    const char *t = str_trim(c->arena, in ? in : "");
    if (!*t)
        ferr_add(fe, c->arena, field, "required", "Wajib diisi.", "Required.");
    else if (utf8_length(t, strlen(t)) > max)
        ferr_add(fe, c->arena, field, "too_long",
                 "Terlalu panjang (paling banyak 2000 karakter).",
                 "Too long (at most 2000 characters).");
    return t;
}

enum err followup_instruct(const struct svc_ctx *c,
                           const struct instruct_input *in,
                           struct field_errors *fe, struct followup *out,
                           enum followup_outcome *outcome)
{
    memset(out, 0, sizeof(*out));
    *outcome = FUO_INVALID;
    if (!c->who || !role_has(c->who->role, PERM_INSTRUCT)) {
        *outcome = FUO_NOT_FOUND;
        return ERR_OK;
    }
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(c, &first, &first_at);
    if (rc == ERR_OK) {
        *outcome = FUO_REPEATED;
        return ERR_OK;
    }
    if (rc != ERR_NOT_FOUND)
        return rc;
    struct complaint k;
    rc = complaints_get(c->db, c->arena, in->number ? in->number : "", &k);
    if (rc == ERR_NOT_FOUND) {
        *outcome = FUO_NOT_FOUND;
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    if (!k.escalated_at || k.state == CMP_CLOSED || k.state == CMP_REJECTED) {
        *outcome = FUO_NOT_ESCALATED;
        return ERR_OK;
    }
    const char *text = text_field(c, fe, "text", in->text, FOLLOWUP_TEXT_MAX);
    int64_t days = FOLLOWUP_DUE_DEFAULT;
    const char *d = in->due_days ? in->due_days : "";
    if (*d && !str_to_int(d, FOLLOWUP_DUE_MIN, FOLLOWUP_DUE_MAX, &days))
        ferr_add(fe, c->arena, "due_days", "out_of_range",
                 "Batas tindak lanjut: 1 sampai 30 hari kerja.",
                 "Follow-up within 1 to 30 working days.");
    if (ferr_any(fe))
        return ERR_OK;
    /* The office that must answer: where the complaint is being handled. */
    int64_t office_id =
        k.referred_office_id ? k.referred_office_id : k.office_id;
    struct office o;
    struct calendar cal;
    rc = offices_get_by_id(c->db, c->arena, office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, c->arena, &o, &cal);
    if (rc != ERR_OK)
        return rc;
    struct deadline due = cal_add_working_days(&cal, c->now, (int)days);
    if (!due.ok)
        return ERR_INVALID;
    *out = (struct followup){
        .kind = "instruction",
        .ref_id = k.id,
        .ref_number = k.number,
        .office_id = o.id,
        .office_code = o.code,
        .office_name = o.name,
        .text = text,
        .created_at = c->now,
        .actor = svc_actor(c),
        .due_days = (int)days,
        .due_at = due.at,
        .version = 1,
    };
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = followups_create(c->db, out, c->who->user_id);
    if (rc == ERR_OK)
        rc = svc_replay_record(c, k.number);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = FUO_REPEATED;
        return ERR_OK;
    }
    if (rc == ERR_OK)
        *outcome = FUO_DONE;
    return rc;
}

/* The follow-up id if c->who may act on it, else FUO_NOT_FOUND. */
static enum err load_own(const struct svc_ctx *c, int64_t id,
                         struct followup *f, enum followup_outcome *outcome)
{
    enum err rc = followups_get(c->db, c->arena, id, f);
    if (rc == ERR_OK && (!c->who || !scope_followup(c->who, f->office_id)))
        rc = ERR_NOT_FOUND; /* another office's: as if none */
    if (rc == ERR_NOT_FOUND) {
        *outcome = FUO_NOT_FOUND;
        return ERR_NOT_FOUND;
    }
    return rc;
}

enum err followup_acknowledge(const struct svc_ctx *c, int64_t id, int expected,
                              enum followup_outcome *outcome)
{
    struct followup f;
    enum err rc = load_own(c, id, &f, outcome);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    if (rc != ERR_OK)
        return rc;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = followups_acknowledge(c->db, id, expected, svc_actor(c), c->now);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = FUO_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK)
        *outcome = FUO_DONE;
    return rc;
}

enum err followup_answer(const struct svc_ctx *c, int64_t id, int expected,
                         const char *answer, struct field_errors *fe,
                         enum followup_outcome *outcome)
{
    *outcome = FUO_INVALID;
    struct followup f;
    enum err rc = load_own(c, id, &f, outcome);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK;
    if (rc != ERR_OK)
        return rc;
    const char *text = text_field(c, fe, "answer", answer, FOLLOWUP_TEXT_MAX);
    if (ferr_any(fe)) {
        *outcome = FUO_INVALID;
        return ERR_OK;
    }
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = followups_answer(c->db, id, expected, svc_actor(c), text, c->now);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = FUO_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK)
        *outcome = FUO_DONE;
    return rc;
}

enum err followup_escalations(const struct svc_ctx *c,
                              struct escalation_row **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    struct complaint_filter f = {
        .open_only = true, .escalated_only = true, .state = -1, .limit = 500};
    struct complaint *items = NULL;
    size_t n_items = 0;
    enum err rc = complaints_list(c->db, c->arena, &f, &items, &n_items);
    struct followup *fs = NULL;
    size_t n_fs = 0;
    if (rc == ERR_OK)
        rc = followups_of_escalated(c->db, c->arena, &fs, &n_fs);
    if (rc != ERR_OK)
        return rc;
    struct escalation_row *out =
        arena_alloc(c->arena, (n_items ? n_items : 1) * sizeof(*out));
    for (size_t i = 0; i < n_items; i++) {
        out[i].c = items[i];
        out[i].latest = NULL;
        /* fs is by complaint, newest first: the first match is the
         * latest. */
        for (size_t k = 0; k < n_fs; k++) {
            if (fs[k].ref_id == items[i].id) {
                out[i].latest = &fs[k];
                break;
            }
        }
    }
    *rows = out;
    *n = n_items;
    return ERR_OK;
}

enum err followup_list(const struct svc_ctx *c, struct followup **items,
                       size_t *n)
{
    *items = NULL;
    *n = 0;
    if (!c->who)
        return ERR_DENIED;
    int64_t office = 0;
    if (!role_has(c->who->role, PERM_ESCALATIONS)) {
        if (!scope_followup(c->who, c->who->office_id))
            return ERR_DENIED;
        office = c->who->office_id;
    }
    return followups_for_office(c->db, c->arena, office, false, items, n);
}
