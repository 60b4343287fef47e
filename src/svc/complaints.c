/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* complaints.c: filing complaints and acting on them (see complaints.h). */
#include "svc/complaints.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/regno.h"
#include "store/applications.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/throttle.h"
#include "store/workcal.h"
#include "svc/guard.h"

/* The slip's date at noon in the regency's zone. */
static int64_t parse_day_noon(const char *date, int offset_min, bool *ok)
{
    struct civil_date d;
    *ok = civil_parse_date(date, &d);
    return *ok ? civil_to_days(d) * 86400 + 12 * 3600 - (int64_t)offset_min * 60
               : 0;
}

static size_t chars(const char *s)
{
    return s ? utf8_length(s, strlen(s)) : 0;
}

/* The throttle keys and limits of a door. */
struct door {
    const char *key;  /* throttle key */
    int64_t window_s; /* its window */
    int64_t max;      /* complaints per window */
};

static size_t doors_of(const struct svc_ctx *c, const char *door,
                       const char *subject, struct door out[2])
{
    if (strcmp(door, "addr") == 0) {
        out[0] = (struct door){
            arena_printf(c->arena, "complaint:addr:%s", subject),
            COMPLAINT_RATE_ADDR_WINDOW_S, COMPLAINT_RATE_ADDR_MAX};
        out[1] = (struct door){
            arena_printf(c->arena, "complaint:addr-day:%s", subject), 86400,
            COMPLAINT_RATE_ADDR_DAY_MAX};
        return 2;
    }
    if (strcmp(door, "device") == 0) {
        out[0] = (struct door){
            arena_printf(c->arena, "complaint:device:%s", subject), 3600,
            COMPLAINT_RATE_DEVICE_MAX};
        return 1;
    }
    out[0] = (struct door){arena_printf(c->arena, "complaint:key:%s", subject),
                           3600, COMPLAINT_RATE_KEY_MAX};
    return 1;
}

enum err complaint_rate_ok(const struct svc_ctx *c, const char *door,
                           const char *subject, bool *ok)
{
    struct door d[2];
    size_t n = doors_of(c, door, subject, d);
    *ok = true;
    for (size_t i = 0; i < n; i++) {
        int64_t count = 0;
        enum err rc =
            throttle_count(c->db, d[i].key, d[i].window_s, c->now, &count);
        if (rc != ERR_OK)
            return rc;
        if (count >= d[i].max)
            *ok = false;
    }
    return ERR_OK;
}

/* Count one complaint through the door (inside complaint_file()'s
 * transaction). */
static __attribute__((warn_unused_result)) enum err
count_filed(const struct svc_ctx *c, const char *door, const char *subject)
{
    struct door d[2];
    size_t n = doors_of(c, door, subject, d);
    for (size_t i = 0; i < n; i++) {
        int64_t count = 0;
        enum err rc =
            throttle_hit(c->db, d[i].key, d[i].window_s, c->now, &count);
        if (rc != ERR_OK)
            return rc;
    }
    return ERR_OK;
}

/* The office the complaint concerns: from its registration number, the
 * device, or the form; field errors when they disagree. */
static __attribute__((warn_unused_result)) enum err
resolve_office(const struct svc_ctx *c, const struct complaint_input *in,
               const char *regno, struct field_errors *fe, struct office *o,
               bool *found)
{
    struct arena *a = c->arena;
    *found = false;
    int64_t appl_office = 0;
    if (*regno) {
        enum err rc = applications_office_of(c->db, regno, &appl_office);
        if (rc == ERR_NOT_FOUND) {
            ferr_add(fe, a, "regno", "unknown_application",
                     "Tidak ada permohonan dengan nomor registrasi ini.",
                     "There is no application with this registration "
                     "number.");
        } else if (rc != ERR_OK) {
            return rc;
        }
    }
    enum err rc = ERR_NOT_FOUND;
    if (in->device_office_id) /* a kiosk: its own office, nothing else */
        rc = offices_get_by_id(c->db, a, in->device_office_id, o);
    else if (in->office && *in->office)
        rc = offices_get(c->db, a, in->office, o);
    else if (appl_office)
        rc = offices_get_by_id(c->db, a, appl_office, o);
    if (rc == ERR_NOT_FOUND) {
        ferr_add(fe, a, "office", "unknown_office", "Pilih kantor.",
                 "Choose the office.");
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    if (appl_office && appl_office != o->id) {
        struct office right;
        rc = offices_get_by_id(c->db, a, appl_office, &right);
        if (rc != ERR_OK)
            return rc;
        ferr_add(fe, a, "office", "office_mismatch",
                 arena_printf(a,
                              "Permohonan ini diajukan di %s, bukan di %s. "
                              "Pilih %s atau kosongkan nomor registrasi.",
                              right.name, o->name, right.name),
                 arena_printf(a,
                              "This application was handed in at %s, not "
                              "at %s. Choose %s or leave the registration "
                              "number empty.",
                              right.name, o->name, right.name));
        return ERR_OK;
    }
    *found = true;
    return ERR_OK;
}

enum err complaint_create(const struct svc_ctx *c,
                          const struct complaint_input *in,
                          struct field_errors *fe, struct complaint *out,
                          enum complaint_outcome *outcome)
{
    struct arena *a = c->arena;
    memset(out, 0, sizeof(*out));
    *outcome = CMPO_INVALID;
    bool paper = strcmp(in->channel, "paper") == 0;
    bool kiosk = strcmp(in->channel, "kiosk") == 0;
    /* Anonymous doors first: nothing else is looked at when full. */
    const char *door = kiosk ? "device" : "addr";
    const char *subject =
        kiosk ? arena_printf(a, "%lld", (long long)in->device_id)
              : (c->addr ? c->addr : "");
    if (!paper) {
        bool ok = true;
        enum err rc = complaint_rate_ok(c, door, subject, &ok);
        if (rc != ERR_OK)
            return rc;
        if (!ok) {
            *outcome = CMPO_RATE_LIMITED;
            return ERR_OK;
        }
    }
    char regno[REGNO_MAX] = "";
    if (*in->regno && regno_parse(in->regno, regno) != REGNO_OK) {
        ferr_add(fe, a, "regno", "check_digit",
                 "Nomor registrasi salah ketik: periksa tanda terima.",
                 "The registration number has a typing error: check the "
                 "receipt.");
        regno[0] = '\0';
    }
    struct office o;
    bool have_office = false;
    enum err rc = resolve_office(c, in, regno, fe, &o, &have_office);
    if (rc != ERR_OK)
        return rc;
    if (have_office && paper &&
        (!c->who || !scope_complaint_slip(c->who, o.id)))
        ferr_add(fe, a, "office", "outside_scope",
                 "Anda hanya dapat mencatat pengaduan untuk kantor Anda.",
                 "You can only enter complaints about your own office.");
    bool known = false;
    rc = complaint_category_known(c->db, in->category, &known);
    if (rc != ERR_OK)
        return rc;
    if (!known)
        ferr_add(fe, a, "category", "unknown_category",
                 "Pilih jenis pengaduan.", "Choose a category.");
    size_t n_chars = chars(in->body);
    if (n_chars == 0)
        ferr_add(fe, a, "body", "required", "Tulis isi pengaduan.",
                 "Write your complaint.");
    else if (n_chars > COMPLAINT_TEXT_MAX)
        ferr_add(fe, a, "body", "too_long", "Paling banyak 4000 karakter.",
                 "At most 4000 characters.");
    enum complaint_identity id = CID_ANONYMOUS;
    if (!complaint_identity_parse(in->identity, &id))
        ferr_add(fe, a, "identity", "required",
                 "Pilih: dengan nama, rahasia, atau tanpa nama.",
                 "Choose: named, confidential or anonymous.");
    else if (id != CID_ANONYMOUS && !*in->name)
        ferr_add(fe, a, "name", "required", "Isi nama, atau pilih tanpa nama.",
                 "Give your name, or choose anonymous.");
    if (chars(in->name) > 100)
        ferr_add(fe, a, "name", "too_long", "Paling banyak 100 karakter.",
                 "At most 100 characters.");
    if (chars(in->contact) > 100)
        ferr_add(fe, a, "contact", "too_long", "Paling banyak 100 karakter.",
                 "At most 100 characters.");
    /* Scaled down and stripped of EXIF (the GPS position of where it was
     * taken, often the complainant's home) before it is stored. */
    struct svc_photo photo;
    svc_photo(c, in->photo, in->photo_len, "photo", fe, &photo);
    int64_t received = c->now;
    if (paper) {
        bool ok = false;
        received = parse_day_noon(in->slip_date, c->utc_offset_min, &ok);
        if (!ok)
            ferr_add(fe, a, "slip_date", "invalid_date",
                     "Tanggal pada lembar: TTTT-BB-HH.",
                     "The date on the slip: YYYY-MM-DD.");
        else if (received > c->now + 86400)
            ferr_add(fe, a, "slip_date", "future",
                     "Tanggal lembar tidak boleh di masa depan.",
                     "The slip's date cannot be in the future.");
    }
    if (ferr_any(fe) || !have_office)
        return ERR_OK;

    out->office_id = o.id;
    out->office_code = o.code;
    out->office_name = o.name;
    out->category = in->category;
    out->regno = *regno ? arena_strdup(a, regno) : NULL;
    out->body = in->body;
    out->identity = id;
    out->name = id == CID_ANONYMOUS || !*in->name ? NULL : in->name;
    out->contact = *in->contact ? in->contact : NULL;
    out->address = in->address && *in->address ? in->address : NULL;
    out->channel = in->channel;
    out->slip_date = paper ? in->slip_date : NULL;
    out->received_at = received;
    rc = complaint_file_notify(c, &o, out, svc_actor(c), photo.mime, photo.data,
                               photo.len, &in->notify, paper ? NULL : door,
                               subject);
    if (rc == ERR_OK)
        *outcome = CMPO_DONE;
    return rc;
}

enum err complaint_file(const struct svc_ctx *c, const struct office *o,
                        struct complaint *k, const char *actor,
                        const char *photo_mime, const unsigned char *photo,
                        size_t photo_len)
{
    return complaint_file_notify(c, o, k, actor, photo_mime, photo, photo_len,
                                 NULL, NULL, NULL);
}

enum err complaint_file_notify(const struct svc_ctx *c, const struct office *o,
                               struct complaint *k, const char *actor,
                               const char *photo_mime,
                               const unsigned char *photo, size_t photo_len,
                               const struct notify_consent *consent,
                               const char *door, const char *subject)
{
    struct arena *a = c->arena;
    struct calendar cal;
    enum err rc = workcal_load(c->db, a, o, &cal);
    if (rc != ERR_OK)
        return rc;
    if (!k->received_at)
        k->received_at = c->now;
    struct complaint_clock clock = {CMP_RECEIVED, k->received_at, 0, 0, 0};
    int year = civil_from_days(cal_local_day(&cal, c->now)).year;
    char *pin = arena_alloc(a, 8), *token = arena_alloc(a, 40);
    crypto_random_digits(pin, 6);
    crypto_random_hex(token, 16);
    k->pin = pin;
    k->token = token;
    k->office_id = o->id;
    k->office_code = o->code;
    k->office_name = o->name;
    k->state = CMP_RECEIVED;
    k->deadline_at = complaint_deadline(&cal, &clock, NULL);
    k->updated_at = c->now;
    int number = 0;
    int64_t serial = 0;
    rc = db_begin(c->db);
    if (rc == ERR_OK && photo_mime)
        rc = photos_put(c->db, photo_mime, photo, photo_len, c->now,
                        &k->photo_id);
    if (rc == ERR_OK)
        rc = applications_office_number(c->db, o->id, &number);
    if (rc == ERR_OK)
        rc = complaints_next_serial(c->db, o->id, year, &serial);
    if (rc == ERR_OK) {
        char no[REGNO_MAX];
        if (!regno_format(year, number, serial, no))
            rc = ERR_INVALID; /* an office number beyond the format */
        k->number = arena_printf(a, "P-%s", no);
        if (rc == ERR_OK)
            rc = complaints_insert(c->db, k, actor);
    }
    if (rc == ERR_OK)
        rc = notify_complaint_filed(c, k, consent);
    if (rc == ERR_OK)
        rc = svc_replay_record(c, k->number);
    if (rc == ERR_OK && door)
        rc = count_filed(c, door, subject);
    return db_tx_end(c->db, rc);
}

enum err complaints_jobs(struct db *db, int64_t now, int64_t *escalated,
                         int64_t *closed)
{
    enum err rc = complaints_escalate(db, now, escalated);
    if (rc == ERR_OK)
        rc = complaints_autoclose(db, now, closed);
    return rc;
}

enum err complaint_act(const struct svc_ctx *c, struct complaint *k,
                       enum complaint_action action, enum complaint_actor actor,
                       const char *note, int expected, const char *refer_to,
                       enum complaint_outcome *outcome)
{
    *outcome = CMPO_NOT_ALLOWED;
    bool has_note = note && *note;
    if (chars(note) > COMPLAINT_TEXT_MAX) {
        *outcome = CMPO_TOO_LONG;
        return ERR_OK;
    }
    if (actor == CACTOR_CITIZEN && action == CA_REPLY &&
        c->now > k->deadline_at) {
        *outcome = CMPO_WINDOW_CLOSED;
        return ERR_OK;
    }
    enum role role = c->who ? c->who->role : ROLE__COUNT;
    enum complaint_state next;
    if (!complaint_allowed(k->state, action, actor, role, has_note, &next)) {
        /* Allowed with a note? Then the note is what is missing. */
        if (!has_note &&
            complaint_allowed(k->state, action, actor, role, true, &next))
            *outcome = CMPO_NOTE_REQUIRED;
        return ERR_OK;
    }
    struct complaint n = *k;
    n.state = next;
    struct office o;
    struct calendar cal;
    enum err rc = offices_get_by_id(c->db, c->arena, k->office_id, &o);
    if (rc == ERR_OK)
        rc = workcal_load(c->db, c->arena, &o, &cal);
    if (rc != ERR_OK)
        return rc;
    switch (action) {
    case CA_VERIFY:
        n.verified_at = c->now;
        /* The deadline running until now is the verification's. */
        n.verified_in_time = c->now <= k->deadline_at;
        break;
    case CA_REFER: {
        struct office to;
        rc = refer_to && *refer_to ? offices_get(c->db, c->arena, refer_to, &to)
                                   : ERR_NOT_FOUND;
        if (rc == ERR_NOT_FOUND) {
            *outcome = CMPO_NO_OFFICE;
            return ERR_OK;
        }
        if (rc != ERR_OK)
            return rc;
        n.referred_office_id = to.id;
        break;
    }
    case CA_ANSWER:
        if (!k->answered_at) /* the first answer is the one measured */
            n.answered_in_time = c->now <= k->deadline_at;
        n.answered_at = c->now;
        n.public_answer = note;
        break;
    case CA_REPLY:
        n.reopened_at = c->now;
        break;
    case CA_ACCEPT:
    case CA_CLOSE:
    case CA_REJECT:
        n.closed_at = c->now;
        if (action == CA_REJECT)
            n.public_answer = note;
        break;
    case CA_NOTE:
    case CA__COUNT:
        break;
    }
    struct complaint_clock clock = {n.state, n.received_at, n.verified_at,
                                    n.answered_at, n.reopened_at};
    n.deadline_at = complaint_deadline(&cal, &clock, NULL);
    struct complaint_event ev = {
        .at = c->now,
        .actor = actor == CACTOR_CITIZEN ? "citizen" : svc_actor(c),
        .action = complaint_action_code(action),
        .state_after = n.state,
        .note = has_note ? note : NULL};
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = complaints_apply(c->db, &n, expected ? expected : k->version, &ev);
    if (rc == ERR_OK)
        rc = notify_complaint_action(c, &n, action);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_CONFLICT) {
        *outcome = CMPO_STALE;
        return ERR_OK;
    }
    if (rc == ERR_OK) {
        n.version = (expected ? expected : k->version) + 1;
        *k = n;
        *outcome = CMPO_DONE;
    }
    return rc;
}

enum err complaint_acknowledgement(const struct svc_ctx *c, struct complaint *k,
                                   bool *found, bool *show_pin, bool *throttled)
{
    *found = *show_pin = *throttled = false;
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK || blocked) {
        *throttled = blocked;
        return rc;
    }
    const char *number = NULL;
    int64_t created = 0;
    rc = svc_replay_find(c, &number, &created);
    if (rc == ERR_OK)
        rc = complaints_get(c->db, c->arena, number, k);
    if (rc == ERR_NOT_FOUND)
        return guard_failed(c, NULL);
    if (rc != ERR_OK)
        return rc;
    *found = true;
    int64_t keep = strcmp(k->channel, "kiosk") == 0 ? COMPLAINT_ACK_PIN_KIOSK_S
                                                    : COMPLAINT_ACK_PIN_S;
    *show_pin = c->now - created <= keep;
    return ERR_OK;
}
