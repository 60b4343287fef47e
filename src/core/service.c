/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* service.c: service standard rules (see service.h). */
#include "core/service.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/ferr.h"
#include "core/humanize.h"

const char *time_unit_code(enum time_unit u)
{
    return u == TIME_WORKING_MINUTES ? "working_minutes" : "working_days";
}

bool time_unit_parse(const char *s, enum time_unit *out)
{
    if (s && strcmp(s, "working_days") == 0) {
        *out = TIME_WORKING_DAYS;
        return true;
    }
    if (s && strcmp(s, "working_minutes") == 0) {
        *out = TIME_WORKING_MINUTES;
        return true;
    }
    return false;
}

struct name_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static const struct name_row states[STEP_STATE__COUNT] = {
    [STEP_RECEIVED] = {"received", "Diterima", "Received"},
    [STEP_VERIFIED] = {"verified", "Diverifikasi", "Verified"},
    [STEP_IN_PROCESS] = {"in_process", "Diproses", "In process"},
    [STEP_SIGNED] = {"signed", "Ditandatangani", "Signed"},
    [STEP_READY] = {"ready", "Siap diambil", "Ready for pick-up"},
};

const char *step_state_code(enum step_state s)
{
    return (unsigned)s < STEP_STATE__COUNT ? states[s].code : "unknown";
}

bool step_state_parse(const char *s, enum step_state *out)
{
    for (int i = 0; s && i < STEP_STATE__COUNT; i++) {
        if (strcmp(s, states[i].code) == 0) {
            *out = (enum step_state)i;
            return true;
        }
    }
    return false;
}

const char *step_state_name(enum step_state s, enum lang lang)
{
    if ((unsigned)s >= STEP_STATE__COUNT)
        return "?";
    return L(lang, states[s].id, states[s].en);
}

/* Steps in citizens' words, by the codes of the shipped catalogue. */
static const struct name_row public_steps[] = {
    {"TERIMA", "Penerimaan berkas", "Receiving your documents"},
    {"VERIFIKASI", "Pemeriksaan berkas", "Checking your documents"},
    {"COCOK", "Pencocokan dengan dokumen asli",
     "Comparing with the original documents"},
    {"REKAM", "Perekaman foto dan sidik jari",
     "Recording your photo and fingerprints"},
    {"KIRIM", "Pengiriman berkas ke dinas",
     "Sending your documents to the agency"},
    {"PROSES_DINAS", "Diproses oleh dinas", "Being processed by the agency"},
    {"KONSEP", "Penyusunan surat", "Preparing your document"},
    {"TTD", "Penandatanganan surat", "Signing your document"},
    {"SERAH", "Siap diserahkan kepada Anda", "Ready to be handed to you"},
    {"CEK_LAPANGAN", "Pemeriksaan di lapangan", "Checking on site"},
    {"KLARIFIKASI", "Klarifikasi dengan ahli waris dan saksi",
     "Talking with the heirs and witnesses"},
    {"KOORDINASI", "Koordinasi dengan pihak terkait",
     "Coordinating with the authorities concerned"},
    {"TELAAH", "Penelaahan permohonan", "Reviewing your application"},
    {"INPUT_OSS", "Pendaftaran di OSS", "Registering in OSS"},
    {"VERVAL", "Verifikasi dan validasi lapangan",
     "Checking and confirming on site"},
    {"USUL_DINSOS", "Pengusulan ke Dinas Sosial",
     "Proposing to the social affairs agency"},
};

/* By the state a step reaches, for codes not in the table. */
static const struct name_row public_by_state[STEP_STATE__COUNT] = {
    [STEP_RECEIVED] = {"received", "Penerimaan berkas",
                       "Receiving your documents"},
    [STEP_VERIFIED] = {"verified", "Pemeriksaan berkas",
                       "Checking your documents"},
    [STEP_IN_PROCESS] = {"in_process", "Pemrosesan permohonan",
                         "Processing your application"},
    [STEP_SIGNED] = {"signed", "Penandatanganan surat",
                     "Signing your document"},
    [STEP_READY] = {"ready", "Siap diserahkan kepada Anda",
                    "Ready to be handed to you"},
};

const char *step_public_name(const char *code, enum step_state state,
                             enum lang lang)
{
    for (size_t i = 0; code && i < sizeof(public_steps) / sizeof(*public_steps);
         i++)
        if (strcmp(code, public_steps[i].code) == 0)
            return L(lang, public_steps[i].id, public_steps[i].en);
    if ((unsigned)state >= STEP_STATE__COUNT)
        state = STEP_IN_PROCESS;
    return L(lang, public_by_state[state].id, public_by_state[state].en);
}

struct comp_row {
    const char *key; /* JSON and form key */
    const char *id;  /* label in Bahasa Indonesia */
    const char *en;  /* label in English */
    bool public;     /* on the notice board */
};

static const struct comp_row comps[COMP__COUNT] = {
    [COMP_DESCRIPTION] = {"description", "Uraian", "Description", true},
    [COMP_COST] = {"cost", "Biaya/tarif", "Cost/tariff", true},
    [COMP_PRODUCT] = {"product", "Produk pelayanan", "Service product", true},
    [COMP_COMPLAINT] = {"complaint_handling",
                        "Penanganan pengaduan, saran dan masukan",
                        "Complaints, suggestions and feedback", true},
    [COMP_LEGAL] = {"legal_basis", "Dasar hukum", "Legal basis", false},
    [COMP_FACILITIES] = {"facilities", "Sarana, prasarana dan/atau fasilitas",
                         "Facilities and infrastructure", false},
    [COMP_COMPETENCE] = {"competence", "Kompetensi pelaksana",
                         "Staff competence", false},
    [COMP_SUPERVISION] = {"supervision", "Pengawasan internal",
                          "Internal supervision", false},
    [COMP_STAFF] = {"staff", "Jumlah pelaksana", "Number of staff", false},
    [COMP_GUARANTEE] = {"guarantee", "Jaminan pelayanan", "Service guarantee",
                        false},
    [COMP_SAFETY] = {"safety", "Jaminan keamanan dan keselamatan pelayanan",
                     "Security and safety guarantee", false},
    [COMP_EVALUATION] = {"evaluation", "Evaluasi kinerja pelaksana",
                         "Performance evaluation", false},
};

const char *service_component_key(enum service_component c)
{
    return (unsigned)c < COMP__COUNT ? comps[c].key : "unknown";
}

const char *service_component_name(enum service_component c, enum lang l)
{
    if ((unsigned)c >= COMP__COUNT)
        return "?";
    return L(l, comps[c].id, comps[c].en);
}

bool service_component_is_public(enum service_component c)
{
    return (unsigned)c < COMP__COUNT && comps[c].public;
}

bool service_code_valid(const char *code)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    if (n < 2 || n > SERVICE_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '_' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}

bool category_code_valid(const char *code)
{
    if (!code)
        return false;
    size_t n = strlen(code);
    if (n < 2 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return false;
    return true;
}

/* Check a name pair: Indonesian required, both within max bytes. */
static void check_text(struct arena *a, struct field_errors *fe,
                       const char *field, const struct text2 *t, size_t max,
                       bool en_required)
{
    char *fid = arena_printf(a, "%s_id", field);
    char *fen = arena_printf(a, "%s_en", field);
    if (blank(t->id))
        ferr_add(fe, a, fid, "required", "Wajib diisi.", "Required.");
    else if (strlen(t->id) > max)
        ferr_add(fe, a, fid, "too_long",
                 arena_printf(a, "Paling banyak %zu karakter.", max),
                 arena_printf(a, "At most %zu characters.", max));
    if (en_required && blank(t->en))
        ferr_add(fe, a, fen, "required", "Wajib diisi.", "Required.");
    else if (t->en && strlen(t->en) > max)
        ferr_add(fe, a, fen, "too_long",
                 arena_printf(a, "Paling banyak %zu karakter.", max),
                 arena_printf(a, "At most %zu characters.", max));
}

static void check_list_code(struct arena *a, struct field_errors *fe,
                            const char *field, size_t i, const char *code,
                            bool duplicate)
{
    char *f = arena_printf(a, "%s[%zu]", field, i);
    if (!service_code_valid(code))
        ferr_add(fe, a, f, "invalid_code",
                 "Kode 2-16 karakter: huruf besar, angka, _ atau -.",
                 "Code of 2-16 characters: capitals, digits, _ or -.");
    else if (duplicate)
        ferr_add(fe, a, f, "duplicate", "Kode ini sudah dipakai di daftar.",
                 "This code is already used in the list.");
}

/* True when hay contains the lower-case ASCII word needle, any case. */
static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay && *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               (hay[i] == needle[i] || hay[i] + ('a' - 'A') == needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

void service_validate(const struct service_def *s, struct arena *a,
                      struct field_errors *fe)
{
    if (!service_code_valid(s->code))
        ferr_add(fe, a, "code", "invalid_code",
                 "Kode 2-16 karakter: huruf besar, angka, _ atau -.",
                 "Code of 2-16 characters: capitals, digits, _ or -.");
    if (!category_code_valid(s->category))
        ferr_add(fe, a, "category", "required", "Pilih kategori.",
                 "Choose a category.");
    check_text(a, fe, "name", &s->name, SERVICE_NAME_MAX, true);
    if ((s->accepted_levels & ((1u << OFFICE_AGENCY) - 1)) == 0)
        ferr_add(fe, a, "accepted_at", "required",
                 "Pilih minimal satu tingkat kantor yang menerima layanan.",
                 "Choose at least one office level that accepts it.");

    if (s->n_reqs == 0 || s->n_reqs > SERVICE_MAX_REQS)
        ferr_add(fe, a, "requirements", "count", "Isi 1 sampai 30 persyaratan.",
                 "Give 1 to 30 requirements.");
    bool any_mandatory = false;
    for (size_t i = 0; i < s->n_reqs; i++) {
        const struct requirement *r = &s->reqs[i];
        bool dup = false;
        for (size_t j = 0; j < i; j++)
            if (r->code && s->reqs[j].code &&
                strcmp(r->code, s->reqs[j].code) == 0)
                dup = true;
        check_list_code(a, fe, "req_code", i, r->code, dup);
        check_text(a, fe, arena_printf(a, "req_name[%zu]", i), &r->name,
                   SERVICE_NAME_MAX, false);
        any_mandatory |= r->mandatory;
        /* Mandatory at a level only where the service is filed at all. */
        unsigned filed = s->accepted_levels & ((1u << OFFICE_AGENCY) - 1);
        if ((r->mandatory_levels & ~filed) != 0)
            ferr_add(fe, a, arena_printf(a, "req_mandatory_at[%zu]", i),
                     "level_not_accepted",
                     "Wajib hanya di tingkat kantor yang menerima layanan "
                     "ini.",
                     "Mandatory only at office levels that accept this "
                     "service.");
    }
    if (s->n_reqs && !any_mandatory)
        ferr_add(fe, a, "requirements", "no_mandatory",
                 "Minimal satu persyaratan wajib.",
                 "At least one requirement must be mandatory.");

    if (s->n_steps < 2 || s->n_steps > SERVICE_MAX_STEPS)
        ferr_add(fe, a, "steps", "count", "Isi 2 sampai 15 langkah SOP.",
                 "Give 2 to 15 SOP steps.");
    for (size_t i = 0; i < s->n_steps; i++) {
        const struct sop_step *st = &s->steps[i];
        bool dup = false;
        for (size_t j = 0; j < i; j++)
            if (st->code && s->steps[j].code &&
                strcmp(st->code, s->steps[j].code) == 0)
                dup = true;
        check_list_code(a, fe, "step_code", i, st->code, dup);
        check_text(a, fe, arena_printf(a, "step_name[%zu]", i), &st->name,
                   SERVICE_NAME_MAX, false);
        if (st->role != ROLE_FRONT && st->role != ROLE_BACK &&
            st->role != ROLE_HEAD)
            ferr_add(fe, a, arena_printf(a, "step_role[%zu]", i),
                     "invalid_role",
                     "Pelaksana: petugas loket, petugas proses atau kepala "
                     "kantor.",
                     "Performer: front office, back office or head of "
                     "office.");
        if ((unsigned)st->state >= STEP_STATE__COUNT ||
            (i > 0 && st->state < s->steps[i - 1].state))
            ferr_add(fe, a, arena_printf(a, "step_state[%zu]", i),
                     "state_order",
                     "Status langkah tidak boleh mundur dari langkah "
                     "sebelumnya.",
                     "A step's state may not go back from the previous "
                     "step's.");
    }
    if (s->n_steps >= 2) {
        if (s->steps[0].state != STEP_RECEIVED)
            ferr_add(fe, a, "step_state[0]", "first_state",
                     "Langkah pertama harus berstatus diterima.",
                     "The first step must lead to 'received'.");
        if (s->steps[s->n_steps - 1].state != STEP_READY)
            ferr_add(fe, a, arena_printf(a, "step_state[%zu]", s->n_steps - 1),
                     "last_state",
                     "Langkah terakhir harus berstatus siap diambil.",
                     "The last step must lead to 'ready for pick-up'.");
    }

    int max = s->time_unit == TIME_WORKING_DAYS ? 365 : 60000;
    if (s->time_amount < 1 || s->time_amount > max)
        ferr_add(fe, a, "time_amount", "out_of_range",
                 s->time_unit == TIME_WORKING_DAYS
                     ? "Jangka waktu 1 sampai 365 hari kerja."
                     : "Jangka waktu 1 sampai 60000 menit kerja.",
                 s->time_unit == TIME_WORKING_DAYS
                     ? "Time limit of 1 to 365 working days."
                     : "Time limit of 1 to 60000 working minutes.");
    if (s->fee < 0 || s->fee > SERVICE_FEE_MAX)
        ferr_add(fe, a, "fee", "out_of_range",
                 "Biaya 0 (gratis) sampai Rp 100.000.000.",
                 "Fee from 0 (free) to Rp 100,000,000.");

    for (int c = 0; c < COMP__COUNT; c++) {
        char *f = arena_printf(a, "comp_%s", comps[c].key);
        check_text(a, fe, f, &s->comp[c], SERVICE_TEXT_MAX, false);
    }
    if (s->fee > 0 && ferr_find(fe, "comp_cost_id") == NULL &&
        !contains_ci(s->comp[COMP_COST].id, "rp") &&
        !contains_ci(s->comp[COMP_COST].id, "tarif") &&
        !contains_ci(s->comp[COMP_COST].id, "retribusi"))
        ferr_add(fe, a, "comp_cost_id", "tariff_rule",
                 "Layanan berbayar: sebutkan tarif dan dasar hukumnya.",
                 "A paid service: state the tariff and its legal basis.");
}

bool requirement_mandatory_at(const struct requirement *r, enum office_level l)
{
    if (r->mandatory)
        return true;
    if ((unsigned)l >= OFFICE_LEVEL__COUNT)
        return false;
    return (r->mandatory_levels & (1u << l)) != 0;
}

const char *service_time_text(const struct service_def *s, struct arena *a,
                              enum lang lang)
{
    if (s->time_unit == TIME_WORKING_DAYS)
        return arena_printf(
            a, "%d %s", s->time_amount,
            L(lang, "hari kerja",
              s->time_amount == 1 ? "working day" : "working days"));
    return arena_printf(
        a, "%d %s", s->time_amount,
        L(lang, "menit kerja",
          s->time_amount == 1 ? "working minute" : "working minutes"));
}

const char *service_fee_text(int64_t fee, struct arena *a, enum lang lang)
{
    if (fee == 0)
        return L(lang, "Gratis", "Free");
    /* Thousands grouped: '.' in Indonesian, ',' in English. */
    return arena_printf(a, "Rp %s", human_number(a, fee, 0, lang));
}

enum fee_parse service_fee_parse(const char *s, int64_t *fee)
{
    *fee = 0;
    if (!s)
        return FEE_INVALID;
    while (*s == ' ')
        s++;
    if ((s[0] == 'R' || s[0] == 'r') && (s[1] == 'P' || s[1] == 'p')) {
        s += 2;
        if (*s == '.')
            s++;
        while (*s == ' ')
            s++;
    }
    /* The digits, with dots between groups of three. */
    int64_t v = 0;
    size_t group = 0, groups = 0;
    bool range = false;
    const char *p = s;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            group++;
            if (v > SERVICE_FEE_MAX)
                range = true;
            else
                v = v * 10 + (*p - '0');
        } else if (*p == '.') {
            /* the first group 1-3 digits, every later one exactly 3 */
            if (group == 0 || group > 3 || (groups > 0 && group != 3))
                return FEE_INVALID;
            groups++;
            group = 0;
        } else {
            break;
        }
    }
    if (group == 0 || (groups > 0 && group != 3))
        return FEE_INVALID;
    if (*p == ',') {
        /* ",-" and ",00" say "no sen"; other digits are ambiguous
         * ("10,000": ten thousand in English, ten in Indonesian) */
        p++;
        if (*p == '-') {
            p++;
        } else if (p[0] == '0' && p[1] == '0' &&
                   !(p[2] >= '0' && p[2] <= '9')) {
            p += 2;
        } else if (*p >= '0' && *p <= '9') {
            return FEE_AMBIGUOUS;
        } else {
            return FEE_INVALID;
        }
    }
    while (*p == ' ')
        p++;
    if (*p)
        return FEE_INVALID;
    if (range || v > SERVICE_FEE_MAX)
        return FEE_RANGE;
    *fee = v;
    return FEE_OK;
}
