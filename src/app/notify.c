/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.c: the notification handlers: text messages in from the SMS
 * gateway, the stop link, the administrators' outbox and webhooks, and
 * the counters for monitoring. The rules are svc/notify.h's.
 */
#include "app/notify.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "store/db.h"
#include "svc/notify.h"
#include "views/notify.h"

struct notify_offer app_notify_offer(const struct request *req)
{
    const struct notify_config *cfg = app_of(req)->notify;
    struct notify_offer o = {notify_sms_on(cfg), notify_email_on(cfg)};
    return o;
}

struct notify_consent app_notify_consent(const struct request *req)
{
    struct notify_consent c = {false, false, LANG_ID};
    for (size_t i = 0; i < params_count(&req->form, "notify"); i++) {
        const char *v = params_nth(&req->form, "notify", i);
        if (strcmp(v, "sms") == 0)
            c.sms = true;
        else if (strcmp(v, "email") == 0)
            c.email = true;
        else if (strcmp(v, "contact") == 0)
            c.sms = c.email = true; /* the complaint's contact, either */
    }
    const char *lang = params_get(&req->form, "notify_lang");
    if (lang && strcmp(lang, "en") == 0)
        c.lang = LANG_EN;
    return c;
}

bool app_notify_consent_json(struct request *req, json_t *citizen,
                             struct notify_consent *out,
                             struct field_errors *fe)
{
    memset(out, 0, sizeof(*out));
    out->lang = LANG_ID;
    json_t *notify = json_object_get(citizen, "notify");
    if (notify && !json_is_array(notify)) {
        ferr_add(fe, req->arena, "citizen.notify", "invalid",
                 "'notify' harus larik: \"sms\", \"email\".",
                 "'notify' must be an array of \"sms\", \"email\".");
        return false;
    }
    for (size_t i = 0; i < json_array_size(notify); i++) {
        const char *v = json_string_value(json_array_get(notify, i));
        if (v && strcmp(v, "sms") == 0) {
            out->sms = true;
        } else if (v && strcmp(v, "email") == 0) {
            out->email = true;
        } else {
            ferr_add(fe, req->arena, "citizen.notify", "unknown_channel",
                     "Saluran tidak dikenal: pakai \"sms\" atau \"email\".",
                     "Unknown channel: use \"sms\" or \"email\".");
            return false;
        }
    }
    json_t *lang = json_object_get(citizen, "lang");
    if (lang) {
        const char *l = json_string_value(lang);
        if (l && strcmp(l, "en") == 0) {
            out->lang = LANG_EN;
        } else if (!l || strcmp(l, "id") != 0) {
            ferr_add(fe, req->arena, "citizen.lang", "invalid",
                     "'lang' harus \"id\" atau \"en\".",
                     "'lang' must be \"id\" or \"en\".");
            return false;
        }
    }
    return true;
}

/* ---- Text messages in ------------------------------------------------ */

static const char *const reply_codes[] = {[NREPLY_STATUS] = "status",
                                          [NREPLY_NO_MATCH] = "no_match",
                                          [NREPLY_BAD_CHECK] = "bad_check",
                                          [NREPLY_GUARDED] = "needs_fact",
                                          [NREPLY_THROTTLED] = "throttled",
                                          [NREPLY_STOPPED] = "stopped",
                                          [NREPLY_HELP] = "help"};

void h_inbound_sms(struct request *req, struct response *res)
{
    const struct notify_config *cfg = app_of(req)->notify;
    if (!notify_sms_on(cfg)) {
        app_error(req, res, 404, "sms_off", "SMS belum aktif di server ini.",
                  "SMS is not switched on on this server.");
        return;
    }
    /* The gateway signs the raw body with the shared token. */
    if (!notify_inbound_signed(cfg, req->body ? req->body : "", req->body_len,
                               req->signature)) {
        app_error(req, res, 401, "invalid_signature",
                  "Tanda tangan X-Satupintu-Signature tidak sah.",
                  "The X-Satupintu-Signature signature is not valid.");
        return;
    }
    json_error_t e;
    json_t *body = json_loadb(req->body ? req->body : "", req->body_len,
                              JSON_REJECT_DUPLICATES, &e);
    const char *from = json_string_value(json_object_get(body, "from"));
    const char *text = json_string_value(json_object_get(body, "text"));
    if (!json_is_object(body) || !from || !text) {
        json_decref(body);
        app_error(req, res, 400, "invalid_json",
                  "Kirim objek JSON {\"from\", \"text\"}.",
                  "Send a JSON object {\"from\", \"text\"}.");
        return;
    }
    from = text_line(req->arena, from);
    text = text_line(req->arena, text);
    json_decref(body);
    struct svc_ctx c = app_svc(req);
    enum notify_reply reply;
    enum notify_inbound_outcome out;
    enum err rc = notify_inbound(&c, from, text, &reply, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == NINB_BAD_FROM) {
        app_error(req, res, 422, "invalid_from", "'from' bukan nomor telepon.",
                  "'from' is not a phone number.");
        return;
    }
    app_json(req, res, 200, json_pack("{s:s}", "reply", reply_codes[reply]));
}

/* ---- The stop link ----------------------------------------------------- */

static void stop_page(struct request *req, struct response *res, bool stop)
{
    const char *token =
        stop ? params_get(&req->form, "t") : params_get(&req->query, "t");
    struct svc_ctx c = app_svc(req);
    struct notify_sub sub;
    enum notify_stop_outcome out;
    enum err rc = notify_stop(&c, token, stop, &sub, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == NSTOP_THROTTLED) {
        app_fail(req, res, ERR_THROTTLED);
        return;
    }
    if (out == NSTOP_UNKNOWN)
        res->status = 404;
    app_anon_csrf(req, res);
    struct view v = app_view(req, res);
    view_notify_stop(&v, out == NSTOP_FOUND, sub.stopped_at != 0,
                     sub.number ? sub.number : "", token ? token : "");
}

void h_notify_stop_form(struct request *req, struct response *res)
{
    stop_page(req, res, false);
}

void h_notify_stop(struct request *req, struct response *res)
{
    stop_page(req, res, true);
}

/* ---- Administration ------------------------------------------------------ */

void h_admin_notifications(struct request *req, struct response *res)
{
    const char *st = params_get(&req->query, "state");
    const char *ch = params_get(&req->query, "channel");
    enum notify_state state;
    enum notify_channel channel;
    struct notify_outbox_filter f = {
        .state = st && notify_state_parse(st, &state) ? (int)state : -1,
        .channel = ch && notify_channel_parse(ch, &channel) ? (int)channel : -1,
        .ref_no = NULL,
        .limit = 200};
    struct notify_stats stats;
    struct notify_msg *items = NULL;
    size_t n = 0;
    enum err rc = notify_outbox_stats(req->db, req->arena, req->now, &stats);
    if (rc == ERR_OK)
        rc = notify_outbox_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct notify_offer offer = app_notify_offer(req);
    struct view v = app_view(req, res);
    view_notify_admin(&v, &offer, &stats, items, n, f.state, f.channel);
}

void h_admin_notification_resend(struct request *req, struct response *res)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = notify_outbox_resend(req->db, id, req->now);
    if (rc == ERR_OK)
        rc = app_audit(req, "resend", "notification", req->path_args[0], NULL,
                       NULL);
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/notifications?state=queued");
}

void h_api_notify_stats(struct request *req, struct response *res)
{
    struct notify_stats st;
    enum err rc = notify_outbox_stats(req->db, req->arena, req->now, &st);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct notify_offer offer = app_notify_offer(req);
    json_t *channels = json_object();
    for (int ch = 0; ch < NCH__COUNT; ch++) {
        json_t *counts = json_object();
        for (int s = 0; s < NST__COUNT; s++)
            json_object_set_new(counts, notify_state_code((enum notify_state)s),
                                json_integer(st.count[ch][s]));
        bool on =
            ch == NCH_WEBHOOK || (ch == NCH_SMS ? offer.sms : offer.email);
        json_t *j = json_pack(
            "{s:b,s:o,s:I,s:I,s:I,s:I,s:s?}", "on", on, "counts", counts,
            "oldest_queued_age_s",
            (json_int_t)(st.oldest_queued_at[ch]
                             ? req->now - st.oldest_queued_at[ch]
                             : 0),
            "sent_24h", (json_int_t)st.sent_day[ch], "latency_avg_s",
            (json_int_t)st.latency_avg_s[ch], "latency_max_s",
            (json_int_t)st.latency_max_s[ch], "last_error", st.last_error[ch]);
        json_object_set_new(channels,
                            notify_channel_code((enum notify_channel)ch), j);
    }
    app_json(req, res, 200, json_pack("{s:o}", "channels", channels));
}

/* The secret of a webhook created by a form with a one-time token, taken
 * once (POST-redirect-GET, as API keys). */
static const char *take_secret(struct request *req, bool *was_shown)
{
    *was_shown = false;
    const char *t = params_get(&req->query, "shown");
    if (!t || strlen(t) != 32)
        return NULL;
    struct svc_ctx c = app_svc(req);
    c.replay_scope = "form";
    c.replay_key = t;
    const char *secret = NULL;
    if (svc_replay_take_secret(&c, &secret) != ERR_OK)
        return NULL;
    *was_shown = !secret;
    return secret;
}

static void show_webhooks(struct request *req, struct response *res,
                          const char *secret, const struct field_errors *fe)
{
    struct webhook *items = NULL;
    size_t n = 0;
    enum err rc = webhooks_list(req->db, req->arena, false, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_webhooks(&v, items, n, secret, fe ? &req->form : NULL, fe);
}

void h_admin_webhooks(struct request *req, struct response *res)
{
    bool was_shown = false;
    const char *secret = take_secret(req, &was_shown);
    show_webhooks(req, res,
                  was_shown ? L(req->lang,
                                "(sudah ditampilkan sekali; cabut dan buat "
                                "baru bila hilang)",
                                "(shown once already; revoke it and add "
                                "another if lost)")
                            : secret,
                  NULL);
}

void h_admin_webhook_create(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK && c.replay_key) { /* the same form twice */
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/webhooks?shown=%s", c.replay_key));
        return;
    }
    if (rc != ERR_NOT_FOUND && rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *url = params_str(&req->form, req->arena, "url");
    const char *label = params_str(&req->form, req->arena, "label");
    size_t n_events = params_count(&req->form, "events");
    const char **events =
        arena_alloc(req->arena, (n_events + 1) * sizeof(*events));
    for (size_t i = 0; i < n_events; i++)
        events[i] = params_nth(&req->form, "events", i);
    struct field_errors fe = {0};
    struct webhook w = {0};
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = notify_webhook_create(&c, url, events, n_events, label, &fe, &w);
    if (rc == ERR_OK && ferr_any(&fe)) {
        db_rollback(req->db);
        res->status = 422;
        show_webhooks(req, res, NULL, &fe);
        return;
    }
    /* w is filled only when the webhook was created. */
    const char *key =
        rc == ERR_OK ? arena_printf(req->arena, "%lld", (long long)w.id) : "";
    if (rc == ERR_OK)
        rc = svc_replay_record_secret(&c, key, w.secret);
    if (rc == ERR_OK) {
        /* The audit log never holds the secret. */
        json_t *after = json_pack("{s:s,s:s,s:s}", "url", w.url, "events",
                                  w.events, "label", w.label);
        rc = app_audit(req, "create", "webhook", key, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (c.replay_key) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/webhooks?shown=%s", c.replay_key));
        return;
    }
    res->status = 201;
    show_webhooks(req, res, w.secret, NULL);
}

void h_admin_webhook_revoke(struct request *req, struct response *res)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = webhooks_revoke(req->db, id, req->now);
    if (rc == ERR_OK)
        rc = app_audit(req, "revoke", "webhook", req->path_args[0], NULL, NULL);
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/webhooks");
}
