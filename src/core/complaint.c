/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* complaint.c: complaint states, clocks and the action table. */
#include "core/complaint.h"

#include <stdio.h>
#include <string.h>

#include "core/regno.h"

struct name_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static const struct name_row states[CMP_STATE__COUNT] = {
    [CMP_RECEIVED] = {"received", "Diterima", "Received"},
    [CMP_VERIFIED] = {"verified", "Diverifikasi", "Verified"},
    [CMP_REFERRED] = {"referred", "Diteruskan ke instansi terkait",
                      "Referred to the responsible office"},
    [CMP_ANSWERED] = {"answered", "Sudah dijawab", "Answered"},
    [CMP_CLOSED] = {"closed", "Selesai", "Closed"},
    [CMP_REOPENED] = {"reopened", "Dibuka kembali", "Reopened"},
    [CMP_REJECTED] = {"rejected", "Ditolak", "Rejected"},
};

static const struct name_row actions[CA__COUNT] = {
    [CA_VERIFY] = {"verify", "Verifikasi", "Verify"},
    [CA_REFER] = {"refer", "Teruskan", "Refer"},
    [CA_ANSWER] = {"answer", "Jawab", "Answer"},
    [CA_REJECT] = {"reject", "Tolak", "Reject"},
    [CA_ACCEPT] = {"accept", "Terima jawaban", "Accept the answer"},
    [CA_REPLY] = {"reply", "Tanggapi", "Reply"},
    [CA_CLOSE] = {"close", "Tutup", "Close"},
    [CA_NOTE] = {"note", "Catatan", "Note"},
};

static const char *const identities[] = {"named", "confidential", "anonymous"};

const char *complaint_state_code(enum complaint_state s)
{
    return (unsigned)s < CMP_STATE__COUNT ? states[s].code : "unknown";
}

bool complaint_state_parse(const char *s, enum complaint_state *out)
{
    for (int i = 0; s && i < CMP_STATE__COUNT; i++) {
        if (strcmp(s, states[i].code) == 0) {
            *out = (enum complaint_state)i;
            return true;
        }
    }
    return false;
}

const char *complaint_state_name(enum complaint_state s, enum lang lang)
{
    if ((unsigned)s >= CMP_STATE__COUNT)
        return "?";
    return L(lang, states[s].id, states[s].en);
}

const char *complaint_open311_status(enum complaint_state s)
{
    return s == CMP_CLOSED || s == CMP_REJECTED ? "closed" : "open";
}

const char *complaint_action_code(enum complaint_action a)
{
    return (unsigned)a < CA__COUNT ? actions[a].code : "unknown";
}

bool complaint_action_parse(const char *s, enum complaint_action *out)
{
    for (int i = 0; s && i < CA__COUNT; i++) {
        if (strcmp(s, actions[i].code) == 0) {
            *out = (enum complaint_action)i;
            return true;
        }
    }
    return false;
}

const char *complaint_action_name(enum complaint_action a, enum lang lang)
{
    if ((unsigned)a >= CA__COUNT)
        return "?";
    return L(lang, actions[a].id, actions[a].en);
}

const char *complaint_identity_code(enum complaint_identity i)
{
    return (unsigned)i < 3 ? identities[i] : "unknown";
}

bool complaint_identity_parse(const char *s, enum complaint_identity *out)
{
    for (int i = 0; s && i < 3; i++) {
        if (strcmp(s, identities[i]) == 0) {
            *out = (enum complaint_identity)i;
            return true;
        }
    }
    return false;
}

int64_t complaint_deadline(const struct calendar *cal,
                           const struct complaint_clock *c, bool *provisional)
{
    struct deadline d = {0};
    switch (c->state) {
    case CMP_RECEIVED:
        d = cal_add_working_days(cal, c->received_at, COMPLAINT_VERIFY_DAYS);
        break;
    case CMP_VERIFIED:
    case CMP_REFERRED:
        d = cal_add_working_days(cal, c->verified_at, COMPLAINT_ANSWER_DAYS);
        break;
    case CMP_REOPENED:
        d = cal_add_working_days(cal, c->reopened_at, COMPLAINT_ANSWER_DAYS);
        break;
    case CMP_ANSWERED:
        return c->answered_at + (int64_t)COMPLAINT_REPLY_DAYS * 86400;
    case CMP_CLOSED:
    case CMP_REJECTED:
    case CMP_STATE__COUNT:
        return 0;
    }
    if (provisional)
        *provisional = d.provisional;
    return d.ok ? d.at : 0;
}

bool complaint_is_overdue(const struct complaint_clock *c, int64_t deadline,
                          int64_t now)
{
    bool escalating = c->state == CMP_RECEIVED || c->state == CMP_VERIFIED ||
                      c->state == CMP_REFERRED || c->state == CMP_REOPENED;
    return escalating && deadline > 0 && now > deadline;
}

#define S(x) (1u << (x))

bool complaint_allowed(enum complaint_state state, enum complaint_action action,
                       enum complaint_actor actor, enum role role,
                       bool has_note, enum complaint_state *next)
{
    unsigned open =
        S(CMP_RECEIVED) | S(CMP_VERIFIED) | S(CMP_REFERRED) | S(CMP_REOPENED);
    bool officer = actor == CACTOR_STAFF && role == ROLE_COMPLAINT;
    bool head = actor == CACTOR_STAFF && role == ROLE_HEAD;
    bool ok = false;
    enum complaint_state to = state;
    switch (action) {
    case CA_VERIFY:
        ok = officer && state == CMP_RECEIVED;
        to = CMP_VERIFIED;
        break;
    case CA_REFER:
        ok = officer && (state == CMP_VERIFIED || state == CMP_REOPENED) &&
             has_note;
        to = CMP_REFERRED;
        break;
    case CA_ANSWER:
        ok = (officer || head) &&
             (S(state) &
              (S(CMP_VERIFIED) | S(CMP_REFERRED) | S(CMP_REOPENED))) &&
             has_note;
        to = CMP_ANSWERED;
        break;
    case CA_REJECT:
        ok = officer && (S(state) & open) && has_note;
        to = CMP_REJECTED;
        break;
    case CA_ACCEPT:
        ok = actor == CACTOR_CITIZEN && state == CMP_ANSWERED;
        to = CMP_CLOSED;
        break;
    case CA_REPLY:
        ok = actor == CACTOR_CITIZEN && state == CMP_ANSWERED && has_note;
        to = CMP_REOPENED;
        break;
    case CA_CLOSE:
        ok = actor == CACTOR_SYSTEM && state == CMP_ANSWERED;
        to = CMP_CLOSED;
        break;
    case CA_NOTE:
        ok = (officer || head) && has_note;
        to = state;
        break;
    case CA__COUNT:
        break;
    }
    if (ok && next)
        *next = to;
    return ok;
}

bool complaint_number_parse(const char *typed, char out[32])
{
    if (!typed)
        return false;
    while (*typed == ' ')
        typed++;
    if ((typed[0] == 'P' || typed[0] == 'p') && typed[1] == '-')
        typed += 2;
    char canon[REGNO_MAX];
    if (regno_parse(typed, canon) != REGNO_OK)
        return false;
    snprintf(out, 32, "P-%s", canon);
    return true;
}

const char *complaint_escalation_reason(const char *code, enum lang lang)
{
    static const struct name_row reasons[] = {
        {"verification_overdue", "Tidak diverifikasi dalam 3 hari kerja",
         "Not verified within 3 working days"},
        {"answer_overdue",
         "Tidak dijawab dalam 5 hari kerja setelah verifikasi",
         "Not answered within 5 working days of verification"},
        {"followup_overdue", "Instruksi Sekda tidak dijawab tepat waktu",
         "The Sekda's instruction was not answered in time"},
        /* Office readiness (store/readiness.c's escalation job). */
        {"finding_overdue",
         "Temuan pemeriksaan tidak ditindaklanjuti sampai batas waktu",
         "An inspection finding was not followed up by its deadline"},
        {"inability_unacknowledged",
         "Laporan ketidakmampuan belum diterima Sekda dalam 3 hari kerja",
         "A report of inability was not acknowledged within 3 working "
         "days"},
    };
    /* Earlier versions wrote the complaint's escalation note as one
     * sentence in both languages: read it as its code. */
    if (code && strncmp(code, "Belum diverifikasi", 18) == 0)
        code = "verification_overdue";
    else if (code && strncmp(code, "Belum dijawab", 13) == 0)
        code = "answer_overdue";
    for (size_t i = 0; code && i < sizeof(reasons) / sizeof(reasons[0]); i++)
        if (strcmp(code, reasons[i].code) == 0)
            return L(lang, reasons[i].id, reasons[i].en);
    return L(lang, "Lewat batas waktu", "Past its deadline");
}
