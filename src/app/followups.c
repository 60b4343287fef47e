/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * followups.c: the Sekda's list of escalated complaints with the
 * instructions given (/oversight/escalations), the form to instruct an
 * office, and /followups where the head of that office acknowledges and
 * answers. The rules are svc/followups.c's.
 */
#include <string.h>

#include "app/apps.h"
#include "app/oversight.h"
#include "base/arena.h"
#include "store/readiness.h"
#include "svc/followups.h"
#include "views/oversight.h"

/* The rows of the list with their times for people. */
static struct ov_escalation *
rows_for_view(struct request *req, const struct escalation_row *rows, size_t n)
{
    struct ov_escalation *out =
        arena_alloc(req->arena, (n ? n : 1) * sizeof(*out));
    int off = app_utc_offset(req);
    for (size_t i = 0; i < n; i++) {
        out[i] = (struct ov_escalation){
            .c = &rows[i].c,
            .deadline = rows[i].c.deadline_at
                            ? apps_when(req, rows[i].c.deadline_at, off)
                            : NULL,
            .followup = rows[i].latest,
        };
        if (rows[i].latest) {
            out[i].followup_due = apps_when(req, rows[i].latest->due_at, off);
            out[i].followup_overdue =
                followup_overdue(rows[i].latest, req->now);
        }
    }
    return out;
}

void h_oversight_escalations(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    struct escalation_row *rows = NULL;
    size_t n = 0;
    enum err rc = followup_escalations(&c, &rows, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *flash = NULL;
    if (params_get(&req->query, "instructed"))
        flash = L(req->lang,
                  "Instruksi terkirim; kantor melihatnya di daftar "
                  "instruksinya.",
                  "The instruction was sent; the office sees it in its list "
                  "of instructions.");
    /* Office readiness on the same list: findings escalated and not
     * closed, reports of inability not decided yet. */
    struct ov_readiness_escalations re = {0};
    struct finding *fs = NULL;
    struct inability_report *rs = NULL;
    struct finding_filter ff = {.open_only = true, .escalated_only = true};
    rc = findings_list(req->db, req->arena, &ff, &fs, &re.n_findings);
    if (rc == ERR_OK)
        rc = inability_list(req->db, req->arena, 0, true, &rs, &re.n_reports);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    re.findings = fs;
    re.reports = rs;
    struct view v = app_view(req, res);
    view_oversight_escalations(&v, rows_for_view(req, rows, n), n,
                               role_has(req->who.role, PERM_INSTRUCT), flash,
                               NULL, &re);
}

/* The escalated complaint named in the path, as a row of the list;
 * false with the answer given when it is not on the list. */
static bool one_escalation(struct request *req, struct response *res,
                           struct ov_escalation *out)
{
    struct svc_ctx c = app_svc(req);
    struct escalation_row *rows = NULL;
    size_t n = 0;
    enum err rc = followup_escalations(&c, &rows, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].c.number, req->path_args[0]) == 0) {
            *out = rows_for_view(req, &rows[i], 1)[0];
            return true;
        }
    }
    app_error(req, res, 404, "not_escalated",
              "Pengaduan ini tidak ada di daftar yang dilaporkan ke Sekda "
              "(mungkin sudah selesai).",
              "This complaint is not on the Sekda's list (it may be "
              "closed).");
    return false;
}

void h_oversight_instruct_form(struct request *req, struct response *res)
{
    struct ov_escalation e;
    if (!one_escalation(req, res, &e))
        return;
    struct view v = app_view(req, res);
    view_oversight_instruct(&v, &e, NULL, "", "");
}

void h_oversight_instruct(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    struct instruct_input in = {
        .number = req->path_args[0],
        .text = params_text(&req->form, req->arena, "text"),
        .due_days = params_str(&req->form, req->arena, "due_days"),
    };
    struct field_errors fe = {0};
    struct followup f;
    enum followup_outcome out;
    enum err rc = followup_instruct(&c, &in, &fe, &f, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    switch (out) {
    case FUO_DONE:
    case FUO_REPEATED:
        res_redirect(req, res, "/oversight/escalations?instructed=1");
        return;
    case FUO_INVALID: {
        struct ov_escalation e;
        if (!one_escalation(req, res, &e))
            return;
        res->status = 422;
        struct view v = app_view(req, res);
        view_oversight_instruct(&v, &e, &fe, in.text, in.due_days);
        return;
    }
    case FUO_NOT_ESCALATED:
    case FUO_NOT_FOUND:
    case FUO_STALE:
        break;
    }
    app_error(req, res, 404, "not_escalated",
              "Pengaduan ini tidak ada di daftar yang dilaporkan ke Sekda "
              "(mungkin sudah selesai).",
              "This complaint is not on the Sekda's list (it may be closed).");
}

void h_followups(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    struct followup *items = NULL;
    size_t n = 0;
    enum err rc = followup_list(&c, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct ov_followup_row *rows =
        arena_alloc(req->arena, (n ? n : 1) * sizeof(*rows));
    int off = app_utc_offset(req);
    for (size_t i = 0; i < n; i++)
        rows[i] = (struct ov_followup_row){
            .f = &items[i],
            .due = apps_when(req, items[i].due_at, off),
            .overdue = followup_overdue(&items[i], req->now),
            .about = items[i].ref_number,
        };
    const char *flash = NULL;
    const char *done = params_get(&req->query, "done");
    if (done && strcmp(done, "acknowledged") == 0)
        flash = L(req->lang, "Instruksi diterima.",
                  "The instruction was acknowledged.");
    else if (done && strcmp(done, "answered") == 0)
        flash = L(req->lang, "Jawaban terkirim kepada Sekda.",
                  "The answer was sent to the Sekda.");
    else if (done && strcmp(done, "stale") == 0)
        flash = L(req->lang,
                  "Instruksi ini sudah diubah orang lain; lihat keadaannya "
                  "sekarang.",
                  "Someone else changed this instruction first; see its "
                  "state now.");
    else if (done && strcmp(done, "empty") == 0)
        flash = L(req->lang,
                  "Jawaban tidak boleh kosong (paling banyak 2000 "
                  "karakter).",
                  "The answer must not be empty (at most 2000 characters).");
    struct view v = app_view(req, res);
    view_followups(&v, rows, n, role_has(req->who.role, PERM_FOLLOWUP), flash);
}

/* The follow-up id and version of a POST; false with 404 answered. */
static bool post_ids(struct request *req, struct response *res, int64_t *id,
                     int64_t *version)
{
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return false;
    }
    if (params_int(&req->form, "version", 1, 1000000, version) != ERR_OK)
        *version = 0; /* no version: compare with none, i.e. stale */
    return true;
}

static void after(struct request *req, struct response *res,
                  enum followup_outcome out, const char *done)
{
    switch (out) {
    case FUO_DONE:
    case FUO_REPEATED:
        res_redirect(req, res,
                     arena_printf(req->arena, "/followups?done=%s", done));
        return;
    case FUO_STALE:
        res_redirect(req, res, "/followups?done=stale");
        return;
    case FUO_INVALID:
        res_redirect(req, res, "/followups?done=empty");
        return;
    case FUO_NOT_FOUND:
    case FUO_NOT_ESCALATED:
        break;
    }
    app_fail(req, res, ERR_NOT_FOUND);
}

void h_followup_acknowledge(struct request *req, struct response *res)
{
    int64_t id = 0, version = 0;
    if (!post_ids(req, res, &id, &version))
        return;
    struct svc_ctx c = app_svc(req);
    enum followup_outcome out;
    enum err rc = followup_acknowledge(&c, id, (int)version, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    after(req, res, out, "acknowledged");
}

void h_followup_answer(struct request *req, struct response *res)
{
    int64_t id = 0, version = 0;
    if (!post_ids(req, res, &id, &version))
        return;
    struct svc_ctx c = app_svc(req);
    struct field_errors fe = {0};
    enum followup_outcome out;
    enum err rc = followup_answer(&c, id, (int)version,
                                  params_text(&req->form, req->arena, "answer"),
                                  &fe, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    after(req, res, out, "answered");
}
