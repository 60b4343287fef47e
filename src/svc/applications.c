/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * applications.c: intake at the counter and actions on applications, free
 * of HTTP (see applications.h).
 */
#include "svc/applications.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/contact.h"
#include "core/measures.h"
#include "core/nik.h"
#include "core/regno.h"
#include "core/skm.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/perf.h"
#include "store/workcal.h"
#include "svc/readiness.h"
#include "svc/queue.h"

#define PIN_DIGITS 6
#define NAME_MAX_CHARS 100
#define FIELDS_MAX 4096

enum err intake_load(const struct svc_ctx *c, const char *office_code,
                     const char *service_code, struct intake_ctx *ctx)
{
    memset(ctx, 0, sizeof(*ctx));
    enum err rc = offices_get(c->db, c->arena, office_code, &ctx->office);
    /* The standard in effect now in the office's zone (a registration
     * takes it; docs/ARCHITECTURE.md, "Versioned service standards"). */
    if (rc == ERR_OK)
        rc = catalogue_in_effect(
            c->db, c->arena, service_code,
            svc_day_at(c, c->now, ctx->office.utc_offset_min), &ctx->svc);
    if (rc == ERR_OK)
        rc = catalogue_service_id(c->db, service_code, &ctx->service_id);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, c->arena, &ctx->office, &ctx->cal);
    return rc;
}

enum err intake_load_at(const struct svc_ctx *c, struct intake_ctx *ctx,
                        int64_t t)
{
    const char *day = svc_day_at(c, t, ctx->office.utc_offset_min);
    if (strlen(day) != 10)
        return ERR_OK; /* past the year 9999: no version is dated there */
    return catalogue_in_effect(c->db, c->arena, ctx->svc.code, day, &ctx->svc);
}

struct deadline intake_promise(const struct intake_ctx *ctx, int64_t t)
{
    if (ctx->svc.time_unit == TIME_WORKING_MINUTES)
        return cal_add_working_minutes(&ctx->cal, t, ctx->svc.time_amount);
    return cal_add_working_days(&ctx->cal, t, ctx->svc.time_amount);
}

static void warn(struct intake_check *chk, const char *id, const char *en)
{
    if (chk->n_warnings < 4) {
        chk->warnings_id[chk->n_warnings] = id;
        chk->warnings_en[chk->n_warnings] = en;
        chk->n_warnings++;
    }
}

/* A region by code: *known tells whether it is there; a database failure
 * is returned (never read as "unknown"). */
static __attribute__((warn_unused_result)) enum err
region_lookup(const struct svc_ctx *c, const char *code, struct region *r,
              bool *known)
{
    enum err rc = regions_get(c->db, c->arena, code, r);
    *known = rc == ERR_OK;
    return rc == ERR_NOT_FOUND ? ERR_OK : rc;
}

static __attribute__((warn_unused_result)) enum err
check_nik(const struct svc_ctx *c, const char *typed, struct field_errors *fe,
          struct intake_check *chk)
{
    struct arena *a = c->arena;
    struct nik n;
    enum nik_verdict v = nik_parse(typed, &n);
    struct region regency = {0}, district = {0};
    bool regency_known = false, district_known = false;
    enum err rc = ERR_OK;
    if (v == NIK_VALID)
        rc = region_lookup(c, n.regency, &regency, &regency_known);
    if (rc == ERR_OK && v == NIK_VALID)
        rc = region_lookup(c, n.district, &district, &district_known);
    if (rc != ERR_OK)
        return rc;
    switch (nik_classify(v, regency_known, district_known)) {
    case NIK_VALID:
        chk->nik_digits = arena_strdup(a, n.digits);
        chk->district =
            arena_printf(a, "Kecamatan %s, %s", district.name, regency.name);
        return ERR_OK;
    case NIK_VALID_WARNING:
        chk->nik_digits = arena_strdup(a, n.digits);
        chk->district =
            arena_printf(a, "%s (kecamatan %s)", regency.name, n.district);
        warn(chk,
             arena_printf(a,
                          "Kode kecamatan %s pada NIK tidak ada di daftar "
                          "wilayah sekarang (kecamatan mungkin sudah "
                          "dimekarkan atau berganti nama). NIK tetap "
                          "diterima; periksa KTP-el.",
                          n.district),
             arena_printf(a,
                          "District code %s of the NIK is not in today's "
                          "region list (the district may have been split or "
                          "renamed). The NIK is accepted; check the ID card.",
                          n.district));
        return ERR_OK;
    case NIK_BAD_FORMAT:
        ferr_add(fe, a, "nik", "invalid_format", "NIK harus 16 angka.",
                 "The NIK must be 16 digits.");
        return ERR_OK;
    case NIK_BAD_DATE:
        ferr_add(fe, a, "nik", "invalid_date",
                 "Tanggal lahir dalam NIK (angka ke-7 sampai 12) tidak ada. "
                 "Untuk perempuan tanggal ditambah 40.",
                 "The birth date in the NIK (digits 7 to 12) does not exist. "
                 "For women the day has 40 added.");
        return ERR_OK;
    case NIK_BAD_SERIAL:
        ferr_add(fe, a, "nik", "invalid_serial",
                 "Empat angka terakhir NIK tidak boleh 0000.",
                 "The last four digits of a NIK cannot be 0000.");
        return ERR_OK;
    case NIK_UNKNOWN_REGION:
        ferr_add(fe, a, "nik", "unknown_region",
                 "Kode provinsi/kabupaten pada NIK tidak dikenal.",
                 "The province/regency code of the NIK is unknown.");
        return ERR_OK;
    }
    return ERR_OK;
}

enum err intake_check(const struct svc_ctx *c, const struct intake_ctx *ctx,
                      const struct intake_form *form, struct field_errors *fe,
                      struct intake_check *chk, enum intake_outcome *outcome)
{
    *outcome = INTAKE_OK;
    struct arena *a = c->arena;
    memset(chk, 0, sizeof(*chk));
    const struct office *o = &ctx->office;
    const struct service_def *s = &ctx->svc;
    if (!office_is_service_point(o, svc_today(c)))
        ferr_add(fe, a, "office", "not_a_service_point",
                 "Kantor ini belum menjadi titik layanan.",
                 "This office is not a service point yet.");
    else if (!s->active || !office_accepts(o, s))
        ferr_add(fe, a, "service", "not_accepted_here",
                 "Layanan ini tidak diterima di kantor ini.",
                 "This service is not accepted at this office.");
    else {
        /* Referred elsewhere by the Sekda (a report of inability). */
        bool referred = false;
        struct referral r;
        const char *msg_id, *msg_en;
        enum err rc = readiness_referral(c, o->id, s->code, &referred, &r,
                                         &msg_id, &msg_en);
        if (rc != ERR_OK)
            return rc;
        if (referred)
            ferr_add(fe, a, "service", "referred", msg_id, msg_en);
    }
    if (!c->who || !scope_intake(c->who, o->id)) {
        *outcome = INTAKE_DENIED;
        return ERR_OK;
    }

    /* Requirements: every code known; the mandatory ones present. */
    for (size_t i = 0; i < form->n_reqs; i++) {
        bool known = false;
        for (size_t k = 0; k < s->n_reqs; k++)
            known |= strcmp(form->reqs[i], s->reqs[k].code) == 0;
        if (!known)
            ferr_add(
                fe, a, "requirements", "unknown_requirement",
                arena_printf(a, "Persyaratan '%.20s' tidak dikenal.",
                             form->reqs[i]),
                arena_printf(a, "Unknown requirement '%.20s'.", form->reqs[i]));
    }
    /* An array of pointers: sizeof a pointer is meant. */
    chk->missing = arena_alloc(
        a, (s->n_reqs + 1) *
               sizeof(*chk->missing)); // NOLINT(bugprone-sizeof-expression)
    for (size_t k = 0; k < s->n_reqs; k++) {
        bool given = false;
        for (size_t i = 0; i < form->n_reqs; i++)
            given |= strcmp(form->reqs[i], s->reqs[k].code) == 0;
        if (requirement_mandatory_at(&s->reqs[k], o->level) && !given)
            chk->missing[chk->n_missing++] = &s->reqs[k];
    }

    enum err rc = check_nik(c, form->nik, fe, chk);
    if (rc != ERR_OK)
        return rc;
    size_t name_chars = utf8_length(form->name, strlen(form->name));
    if (name_chars < 2 || name_chars > NAME_MAX_CHARS)
        ferr_add(fe, a, "name", "invalid_name",
                 "Isi nama lengkap (2 sampai 100 karakter).",
                 "Give the full name (2 to 100 characters).");
    if (*form->village) {
        struct region v;
        bool known = false;
        rc = region_lookup(c, form->village, &v, &known);
        if (rc != ERR_OK)
            return rc;
        if (!known || strcmp(v.level, "village") != 0)
            ferr_add(fe, a, "village", "unknown_village",
                     "Desa/kelurahan tidak dikenal.", "Unknown village.");
        else
            chk->village_name = v.name;
    }
    const char *reason = form->no_phone_reason ? form->no_phone_reason : "";
    if (*form->phone && !contact_phone_valid(form->phone))
        ferr_add(fe, a, "phone", "invalid_phone",
                 "Nomor telepon 8 sampai 15 angka (boleh diawali +).",
                 "A phone number of 8 to 15 digits (may start with +).");
    else if (!*form->phone && !*reason)
        ferr_add(fe, a, "phone", "phone_or_reason",
                 "Isi nomor telepon, atau pilih alasan tidak ada nomor.",
                 "Give a phone number, or choose why there is none.");
    else if (!*form->phone && !contact_no_phone_reason_valid(reason))
        ferr_add(fe, a, "no_phone_reason", "invalid_reason",
                 "Tulis alasan tidak ada nomor telepon (3 sampai 200 "
                 "karakter).",
                 "Write why there is no phone number (3 to 200 "
                 "characters).");
    const char *purpose = form->purpose ? form->purpose : "";
    if (s->asks_purpose && !*purpose)
        ferr_add(fe, a, "purpose", "purpose_required",
                 "Isi keperluan surat (mis. untuk melamar pekerjaan).",
                 "Give the purpose of the letter (e.g. to apply for a job).");
    else if (s->asks_purpose && !contact_purpose_valid(purpose))
        ferr_add(fe, a, "purpose", "invalid_purpose",
                 "Keperluan surat 3 sampai 200 karakter.",
                 "The purpose of the letter: 3 to 200 characters.");
    if (*form->email && !contact_email_valid(form->email))
        ferr_add(fe, a, "email", "invalid_email", "Alamat e-mail tidak valid.",
                 "Not a valid e-mail address.");
    const char *nw_id = NULL, *nw_en = NULL;
    notify_check_consent(c, &form->notify, form->phone, form->email, fe, &nw_id,
                         &nw_en);
    if (nw_id)
        warn(chk, nw_id, nw_en);
    if (form->fields_json && strlen(form->fields_json) > FIELDS_MAX)
        ferr_add(fe, a, "fields", "too_large",
                 "Isian tambahan terlalu besar (maks. 4 KB).",
                 "The service's fields are too large (max. 4 KB).");

    if (chk->nik_digits) {
        int64_t same = 0;
        rc = applications_open_same(c->db, chk->nik_digits, s->code, &same);
        if (rc != ERR_OK)
            return rc;
        if (same > 0)
            warn(chk,
                 arena_printf(a,
                              "NIK ini sudah punya %lld permohonan %s yang "
                              "masih berjalan. Pastikan ini bukan "
                              "pendaftaran ganda.",
                              (long long)same, s->name.id),
                 arena_printf(a,
                              "This NIK already has %lld open application(s) "
                              "for %s. Make sure this is not a duplicate.",
                              (long long)same, s->name.en));
    }
    if (ferr_any(fe))
        *outcome = INTAKE_INVALID;
    else if (chk->n_missing)
        *outcome = INTAKE_MISSING;
    return ERR_OK;
}
enum err intake_register(const struct svc_ctx *c, const struct intake_ctx *ctx,
                         const struct intake_form *form,
                         const struct intake_check *chk,
                         struct application *out)
{
    memset(out, 0, sizeof(*out));
    struct arena *a = c->arena;
    struct deadline due = intake_promise(ctx, c->now);
    if (!due.ok)
        return ERR_INVALID; /* the office never opens */
    int year = civil_from_days(cal_local_day(&ctx->cal, c->now)).year;
    char *pin = arena_alloc(a, PIN_DIGITS + 1);
    crypto_random_digits(pin, PIN_DIGITS);
    char *regno = arena_alloc(a, REGNO_MAX);
    int64_t serial = 0;
    int number = 0;
    /* The office's number and the webhooks for the messages are read
     * before the transaction (the office is the intake's own): on SQLite
     * a transaction holds the one writer, and what can be read outside it
     * is read outside. */
    enum err rc = applications_office_number(c->db, ctx->office.id, &number);
    struct notify_prep prep;
    if (rc == ERR_OK)
        rc = notify_intake_prepare(c, &ctx->office, &prep);
    if (rc != ERR_OK)
        return rc;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = applications_next_serial(c->db, ctx->office.id, year, &serial);
    if (rc == ERR_OK) {
        if (!regno_format(year, number, serial, regno))
            rc = ERR_INVALID; /* an office number beyond the format */
    }
    if (rc == ERR_OK) {
        out->regno = regno;
        out->pin = pin;
        out->office_id = ctx->office.id;
        out->office_code = ctx->office.code;
        out->office_name = ctx->office.name;
        out->service_code = ctx->svc.code;
        out->service_version = ctx->svc.version;
        out->service_name_id = ctx->svc.name.id;
        out->service_name_en = ctx->svc.name.en;
        out->nik = chk->nik_digits;
        out->citizen_name = form->name;
        out->village_code = *form->village ? form->village : NULL;
        out->phone = form->phone;
        /* A reason only without a phone; a purpose only where asked. */
        out->no_phone_reason =
            !*form->phone && form->no_phone_reason && *form->no_phone_reason
                ? form->no_phone_reason
                : NULL;
        out->purpose = ctx->svc.asks_purpose && form->purpose && *form->purpose
                           ? form->purpose
                           : NULL;
        out->email = *form->email ? form->email : NULL;
        out->fields_json = form->fields_json ? form->fields_json : "{}";
        out->fee = ctx->svc.fee;
        /* Step 0 (receiving at the counter) is the registration. */
        out->state = appl_state_of_step(ctx->svc.steps[0].state);
        out->next_step = 1;
        char rnd[SKM_TOKEN_RANDOM_HEX + 1];
        crypto_random_hex(rnd, SKM_TOKEN_RANDOM_HEX / 2);
        char *token = arena_alloc(a, SKM_TOKEN_LEN + 1);
        skm_token_format(c->now, rnd, token);
        out->survey_token = token;
        out->submitted_at = c->now;
        out->promised_at = due.at;
        out->provisional = due.provisional;
        rc = applications_insert(c->db, out, form->reqs, form->n_reqs,
                                 ctx->service_id, c->who ? c->who->user_id : 0,
                                 svc_actor(c));
    }
    if (rc == ERR_OK && form->ticket_id) {
        /* The citizen's queue ticket: waiting and service time per
         * application. A ticket no longer at the counter is left alone. */
        rc = queue_link_in_tx(c, form->ticket_id, ctx->office.id, out->id);
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    if (rc == ERR_OK) {
        char day[16];
        civil_format_date(civil_from_days(cal_local_day(&ctx->cal, c->now)),
                          day);
        struct perf_delta d = {.received = 1};
        rc = perf_count(c->db, ctx->office.id, ctx->service_id, day, &d);
    }
    if (rc == ERR_OK)
        rc = notify_intake(c, out, &form->notify, &prep);
    if (rc == ERR_OK)
        rc = svc_replay_record(c, out->regno);
    return db_tx_end(c->db, rc);
}

bool appl_visible(const struct svc_ctx *c, const struct application *a)
{
    return c->who && scope_application(c->who, a->office_id, a->agency_code);
}

enum err appl_act(const struct svc_ctx *c, struct application *a,
                  enum appl_action action, const char *note, int expected,
                  enum appl_outcome *outcome)
{
    struct arena *ar = c->arena;
    enum role role = c->who ? c->who->role : ROLE__COUNT;
    *outcome = APPL_NOT_ALLOWED;
    struct service_def s;
    enum err rc =
        catalogue_get(c->db, ar, a->service_code, a->service_version, &s);
    if (rc != ERR_OK)
        return rc;
    bool has_note = note && *note;
    struct wf_app cur = {a->state, a->next_step, a->before_return}, next;
    switch (wf_check(&s, &cur, action, role, has_note, &next)) {
    case WF_OK:
        break;
    case WF_NOTE_REQUIRED:
        *outcome = APPL_NEEDS_NOTE;
        return ERR_OK;
    case WF_WRONG_STATE:
    case WF_WRONG_ROLE:
        return ERR_OK;
    }
    struct office o;
    struct calendar cal;
    rc = offices_get_by_id(c->db, ar, a->office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, ar, &o, &cal);
    if (rc != ERR_OK)
        return rc;
    struct application n = *a;
    n.state = next.state;
    n.next_step = next.next_step;
    n.before_return = next.before_return;
    struct appl_event ev = {.at = c->now,
                            .actor = svc_actor(c),
                            .action = appl_action_code(action),
                            .state_after = next.state,
                            .note = has_note ? note : NULL};
    if (action == ACT_STEP)
        ev.step_code = s.steps[a->next_step].code;
    bool prov = false;
    if (action == ACT_RETURN) {
        n.minutes_left =
            cal_working_minutes_between(&cal, c->now, a->promised_at, &prov);
        n.returned_at = c->now;
    } else if (action == ACT_RESUME) {
        struct deadline d =
            cal_add_working_minutes(&cal, c->now, a->minutes_left);
        n.promised_at = d.ok ? d.at : a->promised_at;
        n.provisional = d.provisional;
        n.minutes_left = 0;
        ev.promised_at = n.promised_at;
    }
    /* The stopped clock: the working minutes spent returned. */
    if (a->state == APPL_RETURNED && n.state != APPL_RETURNED) {
        if (a->returned_at)
            n.paused_minutes += cal_working_minutes_between(
                &cal, a->returned_at, c->now, &prov);
        n.returned_at = 0;
    }
    bool completes = appl_state_is_completed(n.state) && !a->completed_at;
    if (completes)
        n.completed_at = c->now;
    if (action == ACT_HAND_OVER)
        n.collected_by = note;
    /* What the oversight counts (store/perf.h, docs/MEASURES.md). */
    char day[16];
    civil_format_date(civil_from_days(cal_local_day(&cal, c->now)), day);
    struct perf_delta delta = {0};
    int64_t proc_value = 0;
    if (action == ACT_RETURN)
        delta.returned = 1;
    if (completes) {
        delta.completed = 1;
        /* A rejection while the clock is stopped is on time. */
        delta.on_time = a->state == APPL_RETURNED || c->now <= n.promised_at;
        delta.rejected = n.state == APPL_REJECTED;
        int64_t minutes =
            cal_working_minutes_between(&cal, a->submitted_at, c->now, &prov) -
            n.paused_minutes;
        if (minutes < 0)
            minutes = 0;
        proc_value = s.time_unit == TIME_WORKING_MINUTES
                         ? minutes
                         : measure_tenths_of_days(
                               minutes, measure_day_minutes(&cal.hours));
    }
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = applications_apply(c->db, &n, expected > 0 ? expected : a->version,
                                &ev, c->who ? c->who->user_id : 0);
    if (rc == ERR_OK && (delta.returned || delta.completed))
        rc = perf_count(c->db, a->office_id, a->service_id, day, &delta);
    if (rc == ERR_OK && completes)
        rc = perf_proc(c->db, a->office_id, a->service_id, day, proc_value,
                       s.time_unit != TIME_WORKING_MINUTES);
    if (rc == ERR_OK)
        rc = notify_appl_action(c, &n, action, has_note ? note : NULL);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = APPL_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK) {
        n.version = (expected > 0 ? expected : a->version) + 1;
        *a = n;
        *outcome = APPL_DONE;
    }
    return rc;
}
