/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notify.c: consent, the outbox, the sender, text messages in (see
 * notify.h). */
#include "svc/notify.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/mime.h"
#include "base/outbound.h"
#include "base/text.h"
#include "core/contact.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"
#include "svc/guard.h"
#include "svc/track.h"

bool notify_sms_on(const struct notify_config *cfg)
{
    return cfg && cfg->sms_url && *cfg->sms_url;
}

bool notify_email_on(const struct notify_config *cfg)
{
    return cfg && cfg->smtp_url && *cfg->smtp_url && cfg->smtp_from &&
           *cfg->smtp_from;
}

static const char *base_url(const struct svc_ctx *c)
{
    const char *u = c->notify ? c->notify->public_url : NULL;
    return u && *u ? u : "http://localhost";
}

void notify_check_consent(const struct svc_ctx *c,
                          const struct notify_consent *consent,
                          const char *phone, const char *email,
                          struct field_errors *fe, const char **warn_id,
                          const char **warn_en)
{
    *warn_id = *warn_en = NULL;
    char e164[NOTIFY_PHONE_MAX];
    if (consent->sms && !notify_phone_e164(phone, e164))
        ferr_add(fe, c->arena, "notify", "not_a_mobile",
                 "Pesan SMS/WhatsApp perlu nomor HP (08...).",
                 "SMS/WhatsApp messages need a mobile number (08...).");
    if (consent->email && (!email || !*email))
        ferr_add(fe, c->arena, "notify", "no_email",
                 "Pesan e-mail perlu alamat e-mail.",
                 "E-mail messages need an e-mail address.");
    bool sms_off = consent->sms && !notify_sms_on(c->notify);
    bool email_off = consent->email && !notify_email_on(c->notify);
    if (sms_off || email_off) {
        *warn_id = sms_off && email_off
                       ? "SMS/WhatsApp dan e-mail belum aktif: tidak ada pesan "
                         "yang akan dikirim."
                   : sms_off ? "SMS/WhatsApp belum aktif: tidak ada SMS yang "
                               "akan dikirim."
                             : "E-mail belum aktif: tidak ada e-mail yang akan "
                               "dikirim.";
        *warn_en = sms_off && email_off
                       ? "SMS/WhatsApp and e-mail are off: no messages will be "
                         "sent."
                   : sms_off ? "SMS/WhatsApp is off: no SMS will be sent."
                             : "E-mail is off: no e-mail will be sent.";
    }
}

/* A new idempotency key (arena). */
static const char *new_key(struct arena *a)
{
    char *k = arena_alloc(a, 33);
    crypto_random_hex(k, 16);
    return k;
}

/* ---- Webhooks: who wants an event ------------------------------------- */

static bool hook_wants(const struct webhook *w, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = w->events; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && memcmp(p, code, n) == 0)
            return true;
        p += len;
        if (*p == ',')
            p++;
    }
    return false;
}

/* Queue event e to the webhooks hooks[0..n) that want it; data is
 * taken. */
static enum err queue_webhooks_to(const struct svc_ctx *c, enum notify_event e,
                                  const char *ref_no, json_t *data,
                                  const struct webhook *hooks, size_t n)
{
    enum err rc = ERR_OK;
    char at[32];
    civil_format_iso(c->now, c->utc_offset_min, at);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        if (!hook_wants(&hooks[i], notify_event_code(e)))
            continue;
        const char *key = new_key(c->arena);
        json_t *j =
            json_pack("{s:s,s:s,s:s,s:O}", "id", key, "event",
                      notify_event_code(e), "occurred_at", at, "data", data);
        char *body = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
        json_decref(j);
        struct notify_msg m = {
            .idem_key = key,
            .channel = NCH_WEBHOOK,
            .recipient =
                arena_printf(c->arena, "webhook:%lld", (long long)hooks[i].id),
            .webhook_id = hooks[i].id,
            .event = notify_event_code(e),
            .ref_no = ref_no,
            .subject = "",
            .body = arena_strdup(c->arena, body ? body : "{}"),
            .created_at = c->now};
        free(body);
        rc = notify_outbox_put(c->db, &m);
    }
    json_decref(data);
    return rc;
}

/* Queue the event for every active webhook that wants it; data is the
 * event's own object (taken). */
static enum err queue_webhooks(const struct svc_ctx *c, enum notify_event e,
                               const char *ref_no, json_t *data)
{
    struct webhook *hooks = NULL;
    size_t n = 0;
    enum err rc = webhooks_list(c->db, c->arena, true, &hooks, &n);
    if (rc != ERR_OK) {
        json_decref(data);
        return rc;
    }
    return queue_webhooks_to(c, e, ref_no, data, hooks, n);
}

/* Queue a citizen's message on subscription s. */
static enum err queue_citizen(const struct svc_ctx *c, enum notify_event e,
                              const struct notify_sub *s, const char *ref_no,
                              const struct notify_vars *v)
{
    if ((s->channel == NCH_SMS && !notify_sms_on(c->notify)) ||
        (s->channel == NCH_EMAIL && !notify_email_on(c->notify)))
        return ERR_OK; /* off: nothing grows in a queue nobody empties */
    struct notify_vars with_stop = *v;
    with_stop.stop_url = s->channel == NCH_EMAIL
                             ? arena_printf(c->arena, "%s/notify/stop?t=%s",
                                            base_url(c), s->token)
                             : "";
    struct notify_text t;
    if (!notify_compose(c->arena, e, s->lang, s->channel, &with_stop, &t))
        return ERR_OK;
    struct notify_msg m = {.idem_key = new_key(c->arena),
                           .channel = s->channel,
                           .recipient = s->address,
                           .subscription_id = s->id,
                           .event = notify_event_code(e),
                           .ref_no = ref_no,
                           .subject = t.subject,
                           .body = t.body,
                           .created_at = c->now};
    return notify_outbox_put(c->db, &m);
}

/* ---- Applications ----------------------------------------------------- */

static enum err appl_vars(const struct svc_ctx *c, const struct application *a,
                          const struct office *o, enum lang lang,
                          enum notify_event e, const char *note, int64_t when,
                          struct notify_vars *v)
{
    memset(v, 0, sizeof(*v));
    v->number = a->regno;
    v->pin = e == NEV_APPL_RECEIVED ? a->pin : "";
    v->name = a->citizen_name ? a->citizen_name : "";
    v->service = L(lang, a->service_name_id, a->service_name_en);
    v->office = o->name;
    v->address = o->address ? o->address : "";
    v->hours = notify_hours_text(c->arena, &o->hours, lang);
    v->when = when ? notify_when(c->arena, when, o->utc_offset_min, lang) : "";
    v->note = note ? note : "";
    v->status = appl_state_name(a->state, lang);
    v->track_url =
        arena_printf(c->arena, "%s/track?no=%s", base_url(c), a->regno);
    v->survey_url = e == NEV_APPL_HANDED_OVER && a->survey_token
                        ? arena_printf(c->arena, "%s/survey?t=%s", base_url(c),
                                       a->survey_token)
                        : "";
    v->stop_url = "";
    return ERR_OK;
}

/* The webhook body of an application's event e. */
static json_t *appl_hook_data(const struct application *a,
                              const struct office *o, enum notify_event e,
                              int64_t when)
{
    /* Integrations get no personal data: the number, where, what, state. */
    json_t *data =
        json_pack("{s:s,s:s,s:s,s:s}", "registration_no", a->regno, "office",
                  a->office_code ? a->office_code : o->code, "service",
                  a->service_code, "status", appl_state_code(a->state));
    if (when) {
        char iso[32];
        civil_format_iso(when, o->utc_offset_min, iso);
        json_object_set_new(data,
                            e == NEV_APPL_LATE ? "expected_at" : "promised_at",
                            json_string(iso));
    }
    return data;
}

/* Event e of application a at office o to the subscriptions subs[0..n)
 * and the webhooks hooks[0..n_hooks). */
static enum err appl_event_to(const struct svc_ctx *c,
                              const struct application *a,
                              const struct office *o, enum notify_event e,
                              const char *note, int64_t when,
                              const struct notify_sub *subs, size_t n,
                              const struct webhook *hooks, size_t n_hooks)
{
    enum err rc = ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct notify_vars v;
        rc = appl_vars(c, a, o, subs[i].lang, e, note, when, &v);
        if (rc == ERR_OK)
            rc = queue_citizen(c, e, &subs[i], a->regno, &v);
    }
    if (rc != ERR_OK)
        return rc;
    return queue_webhooks_to(c, e, a->regno, appl_hook_data(a, o, e, when),
                             hooks, n_hooks);
}

/* Every message and webhook of event e on application a. */
static enum err appl_event(const struct svc_ctx *c, const struct application *a,
                           enum notify_event e, const char *note, int64_t when)
{
    struct office o;
    enum err rc = offices_get_by_id(c->db, c->arena, a->office_id, &o);
    struct notify_sub *subs = NULL;
    size_t n = 0;
    if (rc == ERR_OK && notify_event_for_citizen(e))
        rc = notify_subs_of(c->db, c->arena, "application", a->id, &subs, &n);
    struct webhook *hooks = NULL;
    size_t n_hooks = 0;
    if (rc == ERR_OK)
        rc = webhooks_list(c->db, c->arena, true, &hooks, &n_hooks);
    if (rc != ERR_OK)
        return rc;
    return appl_event_to(c, a, &o, e, note, when, subs, n, hooks, n_hooks);
}

enum err notify_intake_prepare(const struct svc_ctx *c,
                               const struct office *office,
                               struct notify_prep *p)
{
    memset(p, 0, sizeof(*p));
    p->office = *office;
    return webhooks_list(c->db, c->arena, true, &p->hooks, &p->n_hooks);
}

enum err notify_intake(const struct svc_ctx *c, const struct application *a,
                       const struct notify_consent *consent,
                       const struct notify_prep *p)
{
    enum err rc = ERR_OK;
    struct notify_sub subs[2];
    size_t n_subs = 0;
    char e164[NOTIFY_PHONE_MAX];
    if (consent && consent->sms && notify_sms_on(c->notify) &&
        notify_phone_e164(a->phone, e164)) {
        char *token = arena_alloc(c->arena, 33);
        crypto_random_hex(token, 16);
        struct notify_sub s = {.kind = "application",
                               .ref_id = a->id,
                               .channel = NCH_SMS,
                               .address = arena_strdup(c->arena, e164),
                               .lang = consent->lang,
                               .token = token,
                               .created_at = c->now};
        rc = notify_sub_add(c->db, &s);
        subs[n_subs++] = s;
    }
    if (rc == ERR_OK && consent && consent->email &&
        notify_email_on(c->notify) && a->email &&
        contact_email_valid(a->email)) {
        char *token = arena_alloc(c->arena, 33);
        crypto_random_hex(token, 16);
        struct notify_sub s = {.kind = "application",
                               .ref_id = a->id,
                               .channel = NCH_EMAIL,
                               .address = a->email,
                               .lang = consent->lang,
                               .token = token,
                               .created_at = c->now};
        rc = notify_sub_add(c->db, &s);
        subs[n_subs++] = s;
    }
    if (rc == ERR_OK)
        rc = appl_event_to(c, a, &p->office, NEV_APPL_RECEIVED, NULL,
                           a->promised_at, subs, n_subs, p->hooks, p->n_hooks);
    return rc;
}

enum err notify_appl_action(const struct svc_ctx *c,
                            const struct application *a,
                            enum appl_action action, const char *note)
{
    enum notify_event e;
    int64_t when = 0;
    switch (action) {
    case ACT_STEP:
        e = a->state == APPL_READY ? NEV_APPL_READY : NEV_APPL_STEP;
        break;
    case ACT_RETURN:
        e = NEV_APPL_RETURNED;
        break;
    case ACT_RESUME:
        e = NEV_APPL_RESUMED;
        when = a->promised_at;
        break;
    case ACT_REJECT:
        e = NEV_APPL_REJECTED;
        break;
    case ACT_HAND_OVER:
        e = NEV_APPL_HANDED_OVER;
        note = NULL; /* the collector's name is not the citizen's news */
        break;
    case ACT_NOTE:
    case ACT__COUNT:
    default:
        return ERR_OK; /* internal notes tell nobody */
    }
    return appl_event(c, a, e, note, when);
}

/* ---- Complaints ------------------------------------------------------- */

static enum err complaint_event(const struct svc_ctx *c,
                                const struct complaint *k, enum notify_event e)
{
    struct notify_sub *subs = NULL;
    size_t n = 0;
    enum err rc = ERR_OK;
    if (notify_event_for_citizen(e))
        rc = notify_subs_of(c->db, c->arena, "complaint", k->id, &subs, &n);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        enum lang lang = subs[i].lang;
        struct notify_vars v = {
            .number = k->number,
            .pin = "",
            .name = k->name ? k->name : "",
            .service = "",
            .office = k->office_name ? k->office_name : "",
            .address = "",
            .hours = "",
            .when = k->deadline_at ? notify_when(c->arena, k->deadline_at,
                                                 c->utc_offset_min, lang)
                                   : "",
            .note = k->public_answer ? k->public_answer : "",
            .status = complaint_state_name(k->state, lang),
            .track_url = arena_printf(c->arena, "%s/complaints/track?no=%s",
                                      base_url(c), k->number),
            .survey_url = "",
            .stop_url = ""};
        rc = queue_citizen(c, e, &subs[i], k->number, &v);
    }
    if (rc != ERR_OK)
        return rc;
    /* No complainant's name, contact or text for integrations. */
    json_t *data = json_pack("{s:s,s:s,s:s,s:s}", "complaint_no", k->number,
                             "office", k->office_code ? k->office_code : "",
                             "category", k->category ? k->category : "",
                             "status", complaint_state_code(k->state));
    return queue_webhooks(c, e, k->number, data);
}

enum err notify_complaint_filed(const struct svc_ctx *c,
                                const struct complaint *k,
                                const struct notify_consent *consent)
{
    enum err rc = ERR_OK;
    char e164[NOTIFY_PHONE_MAX];
    bool want = consent && (consent->sms || consent->email) && k->contact;
    struct notify_sub s = {.kind = "complaint",
                           .ref_id = k->id,
                           .lang = consent ? consent->lang : LANG_ID,
                           .created_at = c->now};
    if (want && contact_email_valid(k->contact) && notify_email_on(c->notify)) {
        s.channel = NCH_EMAIL;
        s.address = k->contact;
    } else if (want && !contact_email_valid(k->contact) &&
               notify_phone_e164(k->contact, e164) &&
               notify_sms_on(c->notify)) {
        s.channel = NCH_SMS;
        s.address = arena_strdup(c->arena, e164);
    }
    if (s.address) {
        char *token = arena_alloc(c->arena, 33);
        crypto_random_hex(token, 16);
        s.token = token;
        rc = notify_sub_add(c->db, &s);
    }
    if (rc == ERR_OK)
        rc = complaint_event(c, k, NEV_COMPLAINT_RECEIVED);
    return rc;
}

enum err notify_complaint_action(const struct svc_ctx *c,
                                 const struct complaint *k,
                                 enum complaint_action action)
{
    switch (action) {
    case CA_ANSWER:
        return complaint_event(c, k, NEV_COMPLAINT_ANSWERED);
    case CA_ACCEPT:
    case CA_CLOSE:
    case CA_REJECT:
        return complaint_event(c, k, NEV_COMPLAINT_CLOSED);
    case CA_VERIFY:
    case CA_REFER:
    case CA_REPLY:
    case CA_NOTE:
    case CA__COUNT:
        break;
    }
    return ERR_OK;
}

/* ---- The sender ------------------------------------------------------- */

/* Send an SMS through the gateway: 2xx taken; *permanent for a refusal
 * that another try will not change (4xx but 408 and 429). */
static enum err send_sms(const struct notify_config *cfg, struct arena *a,
                         const struct notify_msg *m, char *error,
                         bool *permanent)
{
    json_t *j = json_pack("{s:s,s:s,s:s}", "to", m->recipient, "text", m->body,
                          "id", m->idem_key);
    char *body = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    const char *headers[] = {
        "Content-Type: application/json",
        arena_printf(a, "Authorization: Bearer %s",
                     cfg->sms_token ? cfg->sms_token : ""),
        arena_printf(a, "Idempotency-Key: %s", m->idem_key), NULL};
    long status = 0;
    enum err rc = outbound_post(cfg->sms_url, headers, body ? body : "{}",
                                body ? strlen(body) : 2, (long)cfg->timeout_s,
                                &status, error);
    free(body);
    if (rc == ERR_OK && (status < 200 || status > 299)) {
        snprintf(error, OUTBOUND_ERROR_MAX, "gateway answered %ld", status);
        *permanent =
            status >= 400 && status < 500 && status != 408 && status != 429;
        rc = ERR_IO;
    }
    return rc;
}

static enum err send_email(const struct notify_config *cfg, struct arena *a,
                           const struct notify_msg *m,
                           const struct notify_sub *sub, int64_t now,
                           char *error)
{
    const char *from_addr = mime_address(a, cfg->smtp_from);
    const char *at = strchr(from_addr, '@');
    struct mime_mail mail = {
        .from = cfg->smtp_from,
        .to = m->recipient,
        .subject = m->subject,
        .body = m->body,
        .message_id = arena_printf(a, "<%s@%s>", m->idem_key,
                                   at ? at + 1 : "satupintu.invalid"),
        .id_header = m->idem_key,
        .unsubscribe =
            sub && sub->token
                ? arena_printf(a, "%s/notify/stop?t=%s",
                               cfg->public_url ? cfg->public_url : "",
                               sub->token)
                : NULL,
        .date = now};
    struct buf b;
    buf_init(&b, 4u << 20);
    enum err rc = mime_build(&mail, &b);
    if (rc != ERR_OK)
        snprintf(error, OUTBOUND_ERROR_MAX, "message not built: %s",
                 err_name(rc));
    else
        rc = outbound_smtp(cfg->smtp_url, cfg->smtp_ca, from_addr, m->recipient,
                           buf_cstr(&b), b.len, (long)cfg->timeout_s, error);
    buf_free(&b);
    return rc;
}

static enum err send_webhook(const struct notify_config *cfg, struct arena *a,
                             const struct notify_msg *m,
                             const struct webhook *w, int64_t now, char *error)
{
    size_t len = 0;
    const char *base =
        notify_signature_base(a, now, m->body, strlen(m->body), &len);
    char sig[65];
    crypto_hmac_sha256_hex(w->secret, base, len, sig);
    const char *headers[] = {
        "Content-Type: application/json",
        arena_printf(a, "X-Satupintu-Id: %s", m->idem_key),
        arena_printf(a, "X-Satupintu-Event: %s", m->event),
        arena_printf(a, "X-Satupintu-Timestamp: %lld", (long long)now),
        arena_printf(a, "X-Satupintu-Signature: sha256=%s", sig),
        NULL};
    long status = 0;
    enum err rc = outbound_post(w->url, headers, m->body, strlen(m->body),
                                (long)cfg->timeout_s, &status, error);
    if (rc == ERR_OK && (status < 200 || status > 299)) {
        snprintf(error, OUTBOUND_ERROR_MAX, "endpoint answered %ld", status);
        rc = ERR_IO;
    }
    return rc;
}

enum err notify_deliver_one(struct db *db, const struct notify_config *cfg,
                            const char *owner, int64_t now, bool *tried,
                            struct notify_run *run)
{
    *tried = false;
    struct arena *a = arena_new();
    struct notify_msg m;
    bool got = false;
    enum err rc =
        notify_outbox_claim(db, a, now, cfg->lease_s, owner, notify_sms_on(cfg),
                            notify_email_on(cfg), &m, &got);
    if (rc != ERR_OK || !got) {
        arena_free(a);
        return rc;
    }
    *tried = true;
    char error[OUTBOUND_ERROR_MAX] = "";
    bool permanent = false, cancel = false;
    struct notify_sub sub = {0};
    bool have_sub = false;
    if (m.subscription_id) {
        rc = notify_sub_get(db, a, m.subscription_id, &sub);
        have_sub = rc == ERR_OK;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
        if (have_sub && sub.stopped_at) {
            cancel = true; /* consent withdrawn after it was queued */
            snprintf(error, sizeof(error), "consent withdrawn");
        }
    }
    enum err sent = ERR_IO;
    if (rc == ERR_OK && !cancel) {
        switch (m.channel) {
        case NCH_SMS:
            sent = send_sms(cfg, a, &m, error, &permanent);
            break;
        case NCH_EMAIL:
            sent = send_email(cfg, a, &m, have_sub ? &sub : NULL, now, error);
            break;
        case NCH_WEBHOOK: {
            struct webhook w;
            rc = webhooks_get(db, a, m.webhook_id, &w);
            if (rc == ERR_NOT_FOUND || (rc == ERR_OK && w.revoked_at)) {
                cancel = true;
                snprintf(error, sizeof(error), "webhook revoked");
                rc = ERR_OK;
            } else if (rc == ERR_OK) {
                sent = send_webhook(cfg, a, &m, &w, now, error);
            }
            break;
        }
        case NCH__COUNT:
            permanent = true;
            break;
        }
    }
    if (rc == ERR_OK && sent == ERR_OK) {
        bool kept = false;
        rc = notify_outbox_sent(db, m.id, owner, now, &kept);
        if (rc == ERR_OK && !kept)
            log_warn("notify: message %lld was taken over before its "
                     "delivery was recorded",
                     (long long)m.id);
        run->sent++;
        log_debug("notify: %s message %lld sent (%s)",
                  notify_channel_code(m.channel), (long long)m.id, m.event);
    } else if (rc == ERR_OK) {
        bool give_up =
            permanent || notify_gives_up(m.attempts, cfg->max_attempts);
        int64_t next = now + notify_retry_delay(m.attempts, cfg->backoff_s,
                                                cfg->backoff_max_s);
        rc = notify_outbox_failed(db, m.id, owner, now, next, give_up, cancel,
                                  error);
        if (cancel)
            run->cancelled++;
        else if (give_up)
            run->failed++;
        else
            run->retried++;
        log_info("notify: %s message %lld %s after try %d: %s",
                 notify_channel_code(m.channel), (long long)m.id,
                 cancel    ? "cancelled"
                 : give_up ? "failed"
                           : "to be tried again",
                 m.attempts, error);
    }
    arena_free(a);
    return rc;
}

enum err notify_late_run(struct db *db, const struct notify_config *cfg,
                         int utc_offset_min, int64_t now,
                         struct notify_run *run)
{
    struct arena *a = arena_new();
    const char **regnos = NULL;
    size_t n = 0;
    enum err rc = notify_late_candidates(db, a, now - NOTIFY_LATE_WINDOW_S, now,
                                         100, &regnos, &n);
    struct svc_ctx c = {.db = db,
                        .arena = a,
                        .now = now,
                        .utc_offset_min = utc_offset_min,
                        .notify = cfg};
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct application app;
        struct office o;
        struct calendar cal;
        struct service_def s;
        rc = applications_get(db, a, regnos[i], &app);
        if (rc == ERR_OK)
            rc = offices_get_by_id(db, a, app.office_id, &o);
        if (rc == ERR_OK)
            rc = workcal_load(db, a, &o, &cal);
        if (rc == ERR_OK)
            rc =
                catalogue_get(db, a, app.service_code, app.service_version, &s);
        if (rc != ERR_OK)
            break;
        int64_t expect = notify_late_expectation(&cal, &s, now);
        bool claimed = false;
        rc = db_begin(db);
        if (rc == ERR_OK)
            rc = notify_late_claim(db, app.id, now, &claimed);
        if (rc == ERR_OK && claimed)
            rc = appl_event(&c, &app, NEV_APPL_LATE, NULL, expect);
        rc = db_tx_end(db, rc);
        if (rc == ERR_OK && claimed)
            run->late++;
    }
    arena_free(a);
    return rc;
}

/* ---- Text messages in ------------------------------------------------- */

bool notify_inbound_signed(const struct notify_config *cfg, const char *body,
                           size_t len, const char *signature)
{
    if (!notify_sms_on(cfg) || !cfg->sms_token || !*cfg->sms_token ||
        !signature || strncmp(signature, "sha256=", 7) != 0)
        return false;
    char want[65];
    crypto_hmac_sha256_hex(cfg->sms_token, body, len, want);
    char got[65];
    size_t n = strlen(signature + 7);
    if (n != 64)
        return false;
    for (size_t i = 0; i < 64; i++) { /* hex in either case */
        char ch = signature[7 + i];
        got[i] = (char)(ch >= 'A' && ch <= 'F' ? ch - 'A' + 'a' : ch);
    }
    got[64] = '\0';
    return crypto_str_equal(want, got);
}

/* Queue the reply SMS to an inbound text (no consent needed: they asked). */
static enum err queue_reply(const struct svc_ctx *c, const char *to,
                            const char *ref_no, const char *text)
{
    struct notify_msg m = {.idem_key = new_key(c->arena),
                           .channel = NCH_SMS,
                           .recipient = to,
                           .event = "sms.reply",
                           .ref_no = ref_no,
                           .subject = "",
                           .body = text,
                           .created_at = c->now};
    return notify_outbox_put(c->db, &m);
}

enum err notify_inbound(const struct svc_ctx *c, const char *from,
                        const char *text, enum notify_reply *reply,
                        enum notify_inbound_outcome *outcome)
{
    *reply = NREPLY_HELP;
    *outcome = NINB_DONE;
    char e164[NOTIFY_PHONE_MAX];
    if (!notify_phone_e164(from, e164)) {
        *outcome = NINB_BAD_FROM;
        return ERR_OK;
    }
    struct notify_inbound in;
    notify_inbound_parse(text, &in);
    enum lang lang = LANG_ID;
    struct notify_vars v = {0};
    const char *ref_no = NULL;
    enum err rc = ERR_OK;
    bool stop = false;
    if (in.kind == NIN_STOP) {
        *reply = NREPLY_STOPPED;
        stop = true;
    } else if (in.kind == NIN_CEK) {
        /* The tracking page's lookup and throttle; the phone is the
         * "address" its failures are counted against. */
        struct svc_ctx t = *c;
        t.addr = arena_printf(c->arena, "sms:%s", e164);
        struct track_query q = {.kind = TRACK_APPLICATION,
                                .number = in.number,
                                .pin = in.pin,
                                .fact = NULL};
        struct track_result r;
        rc = track_lookup(&t, &q, &r);
        if (rc != ERR_OK)
            return rc;
        switch (r.outcome) {
        case TRACK_FOUND: {
            *reply = NREPLY_STATUS;
            ref_no = r.app.regno;
            struct notify_sub *subs = NULL;
            size_t n = 0;
            rc = notify_subs_of(c->db, c->arena, "application", r.app.id, &subs,
                                &n);
            for (size_t i = 0; rc == ERR_OK && i < n; i++)
                if (subs[i].lang == LANG_EN)
                    lang = LANG_EN;
            struct office o;
            if (rc == ERR_OK)
                rc = offices_get_by_id(c->db, c->arena, r.app.office_id, &o);
            if (rc != ERR_OK)
                return rc;
            bool done = appl_state_is_completed(r.app.state);
            v.number = r.app.regno;
            v.service = L(lang, r.app.service_name_id, r.app.service_name_en);
            v.status = appl_state_name(r.app.state, lang);
            v.when = done || r.app.state == APPL_RETURNED
                         ? ""
                         : notify_when(c->arena, r.app.promised_at,
                                       o.utc_offset_min, lang);
            v.office = r.app.state == APPL_READY ? o.name : "";
            break;
        }
        case TRACK_BAD_CHECK:
            *reply = NREPLY_BAD_CHECK;
            break;
        case TRACK_NEEDS_FACT:
            *reply = NREPLY_GUARDED;
            v.track_url = arena_printf(c->arena, "%s/track", base_url(c));
            break;
        case TRACK_THROTTLED:
            *reply = NREPLY_THROTTLED;
            break;
        case TRACK_MALFORMED:
        case TRACK_NO_MATCH:
            *reply = in.number[0] && in.pin[0] ? NREPLY_NO_MATCH : NREPLY_HELP;
            break;
        }
    }
    const char *answer = notify_reply_text(c->arena, *reply, lang, &v);
    rc = db_begin(c->db);
    if (rc == ERR_OK && stop) {
        int64_t changed = 0;
        rc = notify_subs_stop_address(c->db, NCH_SMS, e164, c->now, &changed);
    }
    if (rc == ERR_OK)
        rc = queue_reply(c, arena_strdup(c->arena, e164), ref_no, answer);
    return db_tx_end(c->db, rc);
}

enum err notify_stop(const struct svc_ctx *c, const char *token, bool stop,
                     struct notify_sub *sub, enum notify_stop_outcome *out)
{
    memset(sub, 0, sizeof(*sub));
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        *out = NSTOP_THROTTLED;
        return ERR_OK;
    }
    rc = text_is_hex(token, 32)
             ? notify_sub_by_token(c->db, c->arena, token, sub)
             : ERR_NOT_FOUND;
    if (rc == ERR_NOT_FOUND) {
        *out = NSTOP_UNKNOWN;
        return guard_failed(c, NULL);
    }
    if (rc != ERR_OK)
        return rc;
    *out = NSTOP_FOUND;
    if (!stop)
        return ERR_OK;
    int64_t changed = 0;
    rc = db_begin(c->db);
    if (rc == ERR_OK)
        rc = notify_subs_stop_ref(c->db, sub->kind, sub->ref_id, c->now,
                                  &changed);
    rc = db_tx_end(c->db, rc);
    if (rc == ERR_OK && !sub->stopped_at)
        sub->stopped_at = c->now;
    return rc;
}

/* ---- Administration --------------------------------------------------- */

/* http:// is allowed to a loopback host only (a local relay, the tests). */
static bool webhook_url_ok(const char *url)
{
    if (!url || strlen(url) > 500 || strpbrk(url, " \t\r\n\"<>\\"))
        return false;
    if (strncmp(url, "https://", 8) == 0)
        return url[8] && url[8] != '/';
    if (strncmp(url, "http://", 7) != 0)
        return false;
    const char *host = url + 7;
    static const char *const loopback[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(loopback[i]);
        if (strncmp(host, loopback[i], n) == 0 &&
            (host[n] == ':' || host[n] == '/' || host[n] == '\0'))
            return true;
    }
    return false;
}

enum err notify_webhook_create(const struct svc_ctx *c, const char *url,
                               const char *const *events, size_t n_events,
                               const char *label, struct field_errors *fe,
                               struct webhook *out)
{
    memset(out, 0, sizeof(*out));
    struct arena *a = c->arena;
    if (!webhook_url_ok(url))
        ferr_add(fe, a, "url", "invalid_url",
                 "Alamat harus https://... (http:// hanya ke 127.0.0.1).",
                 "The address must be https://... (http:// only to "
                 "127.0.0.1).");
    struct buf b;
    buf_init(&b, 4096);
    bool seen[NEV__COUNT] = {false};
    for (size_t i = 0; i < n_events; i++) {
        enum notify_event e;
        if (!notify_event_parse(events[i], &e)) {
            ferr_add(fe, a, "events", "unknown_event",
                     "Jenis peristiwa tidak dikenal.", "Unknown event type.");
            continue;
        }
        if (seen[e])
            continue;
        seen[e] = true;
        if (b.len)
            buf_putc(&b, ',');
        buf_puts(&b, notify_event_code(e));
    }
    if (!b.len)
        ferr_add(fe, a, "events", "required",
                 "Pilih paling sedikit satu "
                 "jenis peristiwa.",
                 "Choose at least one event type.");
    if (!label || !*label || strlen(label) > 100)
        ferr_add(fe, a, "label", "required",
                 "Isi keterangan (paling banyak 100 karakter).",
                 "Give a label (at most 100 characters).");
    out->events = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    if (ferr_any(fe))
        return ERR_OK;
    char *secret = arena_alloc(a, 65);
    crypto_random_hex(secret, 32);
    out->url = url;
    out->secret = secret;
    out->label = label;
    out->created_at = c->now;
    return webhooks_add(c->db, out, c->who ? c->who->user_id : 0);
}
