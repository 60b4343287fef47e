/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* readiness.c: the rules of office readiness (see readiness.h). */
#include "core/readiness.h"

#include <string.h>

#include "base/civil.h"

struct name_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static bool parse(const struct name_row *rows, size_t n, const char *s,
                  int *out)
{
    for (size_t i = 0; s && i < n; i++) {
        if (strcmp(s, rows[i].code) == 0) {
            *out = (int)i;
            return true;
        }
    }
    return false;
}

static const struct name_row statuses[FAC_STATUS__COUNT] = {
    [FAC_MET] = {"met", "Terpenuhi", "Met"},
    [FAC_PARTLY] = {"partly", "Sebagian", "Partly met"},
    [FAC_NOT_MET] = {"not_met", "Belum terpenuhi", "Not met"},
};

const char *facility_status_code(enum facility_status s)
{
    return (unsigned)s < FAC_STATUS__COUNT ? statuses[s].code : "not_met";
}

bool facility_status_parse(const char *s, enum facility_status *out)
{
    int i = 0;
    if (!parse(statuses, FAC_STATUS__COUNT, s, &i))
        return false;
    *out = (enum facility_status)i;
    return true;
}

const char *facility_status_name(enum facility_status s, enum lang lang)
{
    if ((unsigned)s >= FAC_STATUS__COUNT)
        return "?";
    return L(lang, statuses[s].id, statuses[s].en);
}

struct readiness_score readiness_score(const struct readiness_item *items,
                                       size_t n)
{
    struct readiness_score r = {0, 0, 0, false};
    for (size_t i = 0; i < n; i++) {
        if (!items[i].mandatory)
            continue;
        r.mandatory++;
        if (items[i].status == FAC_MET)
            r.mandatory_met++;
    }
    if (r.mandatory > 0)
        r.pct = (r.mandatory_met * 200 + r.mandatory) / (2 * r.mandatory);
    r.all_mandatory = r.mandatory > 0 && r.mandatory_met == r.mandatory;
    return r;
}

enum service_point_verdict readiness_service_point(bool is_desa,
                                                   bool has_assessment,
                                                   bool all_mandatory,
                                                   const char *override_reason)
{
    if (!is_desa || (has_assessment && all_mandatory))
        return SPV_ALLOWED;
    if (override_reason && *override_reason)
        return SPV_OVERRIDDEN;
    return has_assessment ? SPV_NOT_READY : SPV_NOT_ASSESSED;
}

static const struct name_row reasons[INR__COUNT] = {
    [INR_STAFF] = {"staff", "Petugas tidak cukup", "Not enough staff"},
    [INR_ROOM] = {"room", "Ruang pelayanan tidak ada", "No service room"},
    [INR_EQUIPMENT] = {"equipment", "Peralatan tidak cukup",
                       "Not enough equipment"},
    [INR_NETWORK] = {"network", "Jaringan internet tidak ada",
                     "No network connection"},
    [INR_BUDGET] = {"budget", "Anggaran tidak cukup", "Not enough budget"},
    [INR_OTHER] = {"other", "Lainnya", "Other"},
};

const char *inability_reason_code(enum inability_reason r)
{
    return (unsigned)r < INR__COUNT ? reasons[r].code : "other";
}

bool inability_reason_parse(const char *s, enum inability_reason *out)
{
    int i = 0;
    if (!parse(reasons, INR__COUNT, s, &i))
        return false;
    *out = (enum inability_reason)i;
    return true;
}

const char *inability_reason_name(enum inability_reason r, enum lang lang)
{
    if ((unsigned)r >= INR__COUNT)
        return "?";
    return L(lang, reasons[r].id, reasons[r].en);
}

static const struct name_row decisions[IND__COUNT] = {
    [IND_SUPPORT] = {"support", "Didukung", "Supported"},
    [IND_REFER] = {"refer", "Dialihkan ke kantor lain", "Referred"},
    [IND_ACCEPT] = {"accept", "Diterima dengan batas waktu",
                    "Accepted with a deadline"},
};

const char *inability_decision_code(enum inability_decision d)
{
    return (unsigned)d < IND__COUNT ? decisions[d].code : "accept";
}

bool inability_decision_parse(const char *s, enum inability_decision *out)
{
    int i = 0;
    if (!parse(decisions, IND__COUNT, s, &i))
        return false;
    *out = (enum inability_decision)i;
    return true;
}

const char *inability_decision_name(enum inability_decision d, enum lang lang)
{
    if ((unsigned)d >= IND__COUNT)
        return "?";
    return L(lang, decisions[d].id, decisions[d].en);
}

/* Is code one of the ","-joined codes of list? */
static bool in_list(const char *list, const char *code)
{
    size_t n = strlen(code);
    if (n == 0)
        return false;
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        if (!end)
            break;
        p = end + 1;
    }
    return false;
}

bool referral_applies(const struct referral_rule *r, const char *service,
                      const char *day)
{
    if (!r->from_day || !r->until_day || !day || !service)
        return false;
    /* Dates as "YYYY-MM-DD" compare as text. */
    if (strcmp(day, r->from_day) < 0 || strcmp(day, r->until_day) > 0)
        return false;
    return !r->services || !*r->services || in_list(r->services, service);
}

static const struct name_row fstates[FINDING_STATE__COUNT] = {
    [FINDING_OPEN] = {"open", "Menunggu tindak lanjut kantor",
                      "Awaiting the office's follow-up"},
    [FINDING_ANSWERED] = {"answered", "Dijawab kantor",
                          "Answered by the office"},
    [FINDING_CLOSED] = {"closed", "Selesai", "Closed"},
};

static const struct name_row factions[FA__COUNT] = {
    [FA_ANSWER] = {"answer", "Jawab", "Answer"},
    [FA_CLOSE] = {"close", "Tutup", "Close"},
    [FA_REOPEN] = {"reopen", "Buka kembali", "Reopen"},
};

const char *finding_state_code(enum finding_state s)
{
    return (unsigned)s < FINDING_STATE__COUNT ? fstates[s].code : "open";
}

bool finding_state_parse(const char *s, enum finding_state *out)
{
    int i = 0;
    if (!parse(fstates, FINDING_STATE__COUNT, s, &i))
        return false;
    *out = (enum finding_state)i;
    return true;
}

const char *finding_state_name(enum finding_state s, enum lang lang)
{
    if ((unsigned)s >= FINDING_STATE__COUNT)
        return "?";
    return L(lang, fstates[s].id, fstates[s].en);
}

const char *finding_action_code(enum finding_action a)
{
    return (unsigned)a < FA__COUNT ? factions[a].code : "?";
}

bool finding_action_parse(const char *s, enum finding_action *out)
{
    int i = 0;
    if (!parse(factions, FA__COUNT, s, &i))
        return false;
    *out = (enum finding_action)i;
    return true;
}

bool finding_allowed(enum finding_state state, enum finding_action action,
                     enum finding_state *next)
{
    switch (action) {
    case FA_ANSWER:
        *next = FINDING_ANSWERED;
        return state == FINDING_OPEN;
    case FA_CLOSE:
        *next = FINDING_CLOSED;
        return state == FINDING_OPEN || state == FINDING_ANSWERED;
    case FA_REOPEN:
        *next = FINDING_OPEN;
        return state == FINDING_ANSWERED || state == FINDING_CLOSED;
    case FA__COUNT:
    default:
        return false;
    }
}

static const struct name_row istates[INS__COUNT] = {
    [INS_SUBMITTED] = {"submitted", "Dikirim ke Sekda", "Sent to the Sekda"},
    [INS_ACKNOWLEDGED] = {"acknowledged", "Diterima Sekda",
                          "Acknowledged by the Sekda"},
    [INS_DECIDED] = {"decided", "Diputuskan", "Decided"},
};

const char *inability_state_code(enum inability_state s)
{
    return (unsigned)s < INS__COUNT ? istates[s].code : "submitted";
}

bool inability_state_parse(const char *s, enum inability_state *out)
{
    int i = 0;
    if (!parse(istates, INS__COUNT, s, &i))
        return false;
    *out = (enum inability_state)i;
    return true;
}

const char *inability_state_name(enum inability_state s, enum lang lang)
{
    if ((unsigned)s >= INS__COUNT)
        return "?";
    return L(lang, istates[s].id, istates[s].en);
}

static const struct name_row forums[FORUM__COUNT] = {
    [FORUM_PENGAJIAN] = {"pengajian", "Pengajian", "Pengajian (Qur'an study)"},
    [FORUM_MAJELIS_TAKLIM] = {"majelis_taklim", "Majelis taklim",
                              "Majelis taklim"},
    [FORUM_KHOTBAH_JUMAT] = {"khotbah_jumat", "Khotbah Jumat", "Friday sermon"},
    [FORUM_CHURCH] = {"church", "Gereja", "Church"},
    [FORUM_PURA] = {"pura", "Pura", "Pura (temple)"},
    [FORUM_MUSYAWARAH_DESA] = {"musyawarah_desa", "Musyawarah desa",
                               "Village meeting"},
    [FORUM_POSYANDU] = {"posyandu", "Posyandu", "Posyandu (health post)"},
    [FORUM_SCHOOL] = {"school", "Sekolah", "School"},
    [FORUM_MARKET] = {"market", "Pasar", "Market"},
    [FORUM_RADIO] = {"radio", "Radio", "Radio"},
    [FORUM_SOCIAL_MEDIA] = {"social_media", "Media sosial", "Social media"},
    [FORUM_OTHER] = {"other", "Lainnya", "Other"},
};

const char *forum_code(enum forum f)
{
    return (unsigned)f < FORUM__COUNT ? forums[f].code : "other";
}

bool forum_parse(const char *s, enum forum *out)
{
    int i = 0;
    if (!parse(forums, FORUM__COUNT, s, &i))
        return false;
    *out = (enum forum)i;
    return true;
}

const char *forum_name(enum forum f, enum lang lang)
{
    if ((unsigned)f >= FORUM__COUNT)
        return "?";
    return L(lang, forums[f].id, forums[f].en);
}

bool forum_is_religious(enum forum f)
{
    return f == FORUM_PENGAJIAN || f == FORUM_MAJELIS_TAKLIM ||
           f == FORUM_KHOTBAH_JUMAT || f == FORUM_CHURCH || f == FORUM_PURA;
}

bool readiness_code_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 2 || n > 32 || s[0] < 'a' || s[0] > 'z')
        return false;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

bool readiness_six_months_before(const char *day, char out[16])
{
    struct civil_date d;
    if (!day || !civil_parse_date(day, &d))
        return false;
    d.month -= 6;
    if (d.month < 1) {
        d.month += 12;
        d.year -= 1;
    }
    int last = civil_days_in_month(d.year, d.month);
    if (d.day > last)
        d.day = last;
    return civil_format_date(d, out);
}
