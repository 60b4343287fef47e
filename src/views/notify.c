/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notify.c: the pages of notifications (see notify.h). */
#include "views/notify.h"

#include <stdio.h>
#include <string.h>

#include "base/civil.h"
#include "base/html.h"
#include "core/humanize.h"

static bool sent_has(const struct params *form, const char *name,
                     const char *value)
{
    for (size_t i = 0; form && i < params_count(form, name); i++)
        if (strcmp(params_nth(form, name, i), value) == 0)
            return true;
    return false;
}

static void checkbox(struct view *v, const char *value, const char *label,
                     bool on, bool checked, const char *off_reason)
{
    html_printf(v->out,
                "<label class=\"check\"><input type=\"checkbox\" "
                "name=\"notify\" value=\"%s\"%s%s> %s",
                value, checked && on ? " checked" : "", on ? "" : " disabled",
                label);
    if (!on)
        html_printf(v->out, " <span class=\"tag\">%s</span>", off_reason);
    html_raw(v->out, "</label><br>");
}

void view_notify_consent(struct view *v, const struct notify_offer *offer,
                         const struct params *form,
                         const struct field_errors *fe, bool complaint)
{
    const char *off =
        T(v, "belum aktif di server ini", "not switched on on this server");
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "Kabar lewat pesan", "Messages"));
    view_field_error(v, fe, "notify");
    if (complaint) {
        checkbox(v, "contact",
                 T(v, "Kirim kabar pengaduan ke telepon/e-mail di atas",
                   "Send news of the complaint to the phone/e-mail above"),
                 offer->sms || offer->email,
                 sent_has(form, "notify", "contact"), off);
    } else {
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v,
                      "Tanyakan kepada pemohon. Kabar dikirim hanya bila "
                      "pemohon setuju; berhenti kapan saja dengan membalas "
                      "STOP atau lewat tautan di e-mail.",
                      "Ask the applicant. Messages are sent only with their "
                      "consent; they stop any time by replying STOP or by "
                      "the link in an e-mail."));
        checkbox(v, "sms",
                 T(v, "SMS/WhatsApp ke nomor telepon di atas",
                   "SMS/WhatsApp to the phone number above"),
                 offer->sms, sent_has(form, "notify", "sms"), off);
        checkbox(
            v, "email",
            T(v, "E-mail ke alamat di atas", "E-mail to the address above"),
            offer->email, sent_has(form, "notify", "email"), off);
    }
    if (!offer->sms && !offer->email)
        html_printf(v->out, "<p class=\"muted\">%s</p>",
                    T(v,
                      "Pengiriman pesan belum diatur oleh administrator: "
                      "tidak ada pesan yang dikirim.",
                      "Messages have not been set up by the administrator: "
                      "none are sent."));
    const char *lang = form ? params_get(form, "notify_lang") : NULL;
    bool en = lang && strcmp(lang, "en") == 0;
    html_printf(v->out,
                "<div class=\"field\"><label for=\"f-notify-lang\">%s</label>"
                "<select id=\"f-notify-lang\" name=\"notify_lang\">"
                "<option value=\"id\"%s>Bahasa Indonesia</option>"
                "<option value=\"en\"%s>English</option></select></div>"
                "</fieldset>",
                T(v, "Bahasa pesan", "Language of the messages"),
                en ? "" : " selected", en ? " selected" : "");
}

static const char *when(struct view *v, int64_t t)
{
    return t ? human_when(v->arena, t, v->utc_offset_min, v->lang) : "—";
}

void view_notify_admin(struct view *v, const struct notify_offer *offer,
                       const struct notify_stats *st,
                       const struct notify_msg *items, size_t n_items,
                       int state, int channel)
{
    view_begin(v, T(v, "Pesan keluar", "Outgoing messages"));
    html_printf(
        v->out, "<h1>%s</h1><p><a href=\"/admin/webhooks\">%s</a></p>",
        T(v, "Pesan keluar", "Outgoing messages"),
        T(v, "Webhook untuk sistem lain", "Webhooks for other systems"));
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th></tr></thead><tbody>",
                T(v, "Saluran", "Channel"), T(v, "Status", "Status"),
                T(v, "Menunggu", "Queued"), T(v, "Terkirim", "Sent"),
                T(v, "Gagal", "Failed"),
                T(v, "Antrean tertua", "Oldest queued"),
                T(v, "Terkirim 24 jam (rata-rata/maks. detik)",
                  "Sent in 24 h (average/max. seconds)"),
                T(v, "Galat terakhir", "Last error"), T(v, "Pada", "At"));
    for (int ch = 0; ch < NCH__COUNT; ch++) {
        bool on =
            ch == NCH_WEBHOOK || (ch == NCH_SMS ? offer->sms : offer->email);
        const char *oldest = when(v, st->oldest_queued_at[ch]);
        const char *err_at = when(v, st->last_error_at[ch]);
        html_printf(v->out,
                    "<tr><td>%s</td><td>%s</td><td>%lld</td><td>%lld</td>"
                    "<td>%lld</td><td>%s</td><td>%lld (%lld/%lld)</td>"
                    "<td>%s</td><td>%s</td></tr>",
                    notify_channel_name((enum notify_channel)ch, v->lang),
                    on ? T(v, "aktif", "on") : T(v, "mati", "off"),
                    (long long)st->count[ch][NST_QUEUED] +
                        (long long)st->count[ch][NST_SENDING],
                    (long long)st->count[ch][NST_SENT],
                    (long long)st->count[ch][NST_FAILED], oldest,
                    (long long)st->sent_day[ch],
                    (long long)st->latency_avg_s[ch],
                    (long long)st->latency_max_s[ch],
                    st->last_error[ch] ? st->last_error[ch] : "—", err_at);
    }
    html_raw(v->out, "</tbody></table>");
    /* Filters. */
    html_printf(v->out,
                "<form method=\"get\" action=\"/admin/notifications\" "
                "class=\"filters\"><label>%s <select name=\"state\"><option "
                "value=\"\">%s</option>",
                T(v, "Status", "Status"), T(v, "semua", "all"));
    for (int s = 0; s < NST__COUNT; s++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    notify_state_code((enum notify_state)s),
                    s == state ? " selected" : "",
                    notify_state_name((enum notify_state)s, v->lang));
    html_printf(v->out,
                "</select></label> <label>%s <select name=\"channel\">"
                "<option value=\"\">%s</option>",
                T(v, "Saluran", "Channel"), T(v, "semua", "all"));
    for (int ch = 0; ch < NCH__COUNT; ch++)
        html_printf(v->out, "<option value=\"%s\"%s>%s</option>",
                    notify_channel_code((enum notify_channel)ch),
                    ch == channel ? " selected" : "",
                    notify_channel_name((enum notify_channel)ch, v->lang));
    html_printf(v->out,
                "</select></label> <button type=\"submit\">%s</button></form>",
                T(v, "Tampilkan", "Show"));
    html_printf(
        v->out,
        "<table class=\"list\"><thead><tr><th>#</th><th>%s</th>"
        "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
        "<th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
        T(v, "Dibuat", "Created"), T(v, "Saluran", "Channel"),
        T(v, "Penerima", "Recipient"), T(v, "Peristiwa", "Event"),
        T(v, "Nomor", "Number"), T(v, "Status", "Status"),
        T(v, "Percobaan", "Tries"), T(v, "Terkirim", "Sent"),
        T(v, "Galat terakhir", "Last error"));
    for (size_t i = 0; i < n_items; i++) {
        const struct notify_msg *m = &items[i];
        const char *created = when(v, m->created_at);
        const char *sent = when(v, m->sent_at);
        /* Administrators see no message text and no full address. */
        const char *to = m->channel == NCH_SMS
                             ? notify_phone_mask(v->arena, m->recipient)
                         : m->channel == NCH_EMAIL
                             ? notify_email_mask(v->arena, m->recipient)
                             : m->recipient;
        html_printf(v->out,
                    "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td>"
                    "<td>%s</td><td>%s</td><td>%s</td><td>%d</td><td>%s</td>"
                    "<td>%s</td><td>",
                    (long long)m->id, created,
                    notify_channel_name(m->channel, v->lang), to, m->event,
                    m->ref_no ? m->ref_no : "—",
                    notify_state_name(m->state, v->lang), m->attempts, sent,
                    m->last_error ? m->last_error : "—");
        if (m->state == NST_FAILED) {
            html_printf(v->out,
                        "<form method=\"post\" action=\"/admin/notifications/"
                        "%lld/resend\">",
                        (long long)m->id);
            view_csrf(v);
            html_printf(v->out, "<button type=\"submit\">%s</button></form>",
                        T(v, "Kirim ulang", "Resend"));
        }
        html_raw(v->out, "</td></tr>");
    }
    if (!n_items)
        html_printf(v->out, "<tr><td colspan=\"11\">%s</td></tr>",
                    T(v, "Belum ada pesan.", "No messages yet."));
    html_raw(v->out, "</tbody></table>");
    view_end(v);
}

void view_webhooks(struct view *v, const struct webhook *items, size_t n_items,
                   const char *new_secret, const struct params *form,
                   const struct field_errors *fe)
{
    view_begin(v, "Webhook");
    html_printf(v->out, "<h1>Webhook</h1><p>%s</p>",
                T(v,
                  "Setiap peristiwa dikirim sebagai JSON (POST) dengan tanda "
                  "tangan HMAC-SHA256 atas cap waktu, titik dan isi pesan di "
                  "X-Satupintu-Signature (sha256=...) dan cap waktu di "
                  "X-Satupintu-Timestamp. Tanpa data pribadi.",
                  "Each event is POSTed as JSON, signed with HMAC-SHA256 over "
                  "the timestamp, a dot and the body in "
                  "X-Satupintu-Signature (sha256=...), with the timestamp in "
                  "X-Satupintu-Timestamp. No personal data."));
    if (new_secret)
        html_printf(v->out,
                    "<div class=\"flash\" role=\"status\"><p>%s</p><p><code "
                    "class=\"secret\">%s</code></p></div>",
                    T(v,
                      "Rahasia webhook baru. Salin sekarang: rahasia ini "
                      "tidak akan ditampilkan lagi.",
                      "The new webhook's secret. Copy it now: it will not "
                      "be shown again."),
                    new_secret);
    html_printf(v->out,
                "<table class=\"list\"><thead><tr><th>#</th><th>%s</th>"
                "<th>URL</th><th>%s</th><th>%s</th><th></th></tr></thead>"
                "<tbody>",
                T(v, "Keterangan", "Label"), T(v, "Peristiwa", "Events"),
                T(v, "Dibuat", "Created"));
    for (size_t i = 0; i < n_items; i++) {
        const char *created = when(v, items[i].created_at);
        html_printf(v->out,
                    "<tr><td>%lld</td><td>%s</td><td><code>%s</code></td>"
                    "<td>%s</td><td>%s</td><td>",
                    (long long)items[i].id, items[i].label, items[i].url,
                    items[i].events, created);
        if (items[i].revoked_at) {
            html_printf(v->out, "%s", T(v, "Dicabut", "Revoked"));
        } else {
            html_printf(v->out,
                        "<form method=\"post\" action=\"/admin/webhooks/%lld/"
                        "revoke\">",
                        (long long)items[i].id);
            view_csrf(v);
            html_printf(v->out,
                        "<button class=\"danger\" type=\"submit\">%s</button>"
                        "</form>",
                        T(v, "Cabut", "Revoke"));
        }
        html_raw(v->out, "</td></tr>");
    }
    html_printf(v->out, "</tbody></table><h2>%s</h2>",
                T(v, "Tambah webhook", "Add a webhook"));
    view_error_summary(v, fe);
    html_raw(v->out, "<form method=\"post\" action=\"/admin/webhooks\">");
    view_form_token(v);
    view_csrf(v);
    const char *url = form ? params_get(form, "url") : NULL;
    const char *label = form ? params_get(form, "label") : NULL;
    view_input(v, fe, "url",
               T(v, "Alamat (https://...)", "Address (https://...)"),
               url ? url : "", "url", true, 500);
    view_input(v, fe, "label",
               T(v, "Keterangan (untuk apa)", "Label (what it is for)"),
               label ? label : "", "text", true, 100);
    html_printf(v->out, "<fieldset><legend>%s</legend>",
                T(v, "Peristiwa", "Events"));
    view_field_error(v, fe, "events");
    for (int e = 0; e < NEV__COUNT; e++) {
        const char *code = notify_event_code((enum notify_event)e);
        html_printf(v->out,
                    "<label class=\"check\"><input type=\"checkbox\" "
                    "name=\"events\" value=\"%s\"%s> <code>%s</code> %s"
                    "</label><br>",
                    code, sent_has(form, "events", code) ? " checked" : "",
                    code, notify_event_name((enum notify_event)e, v->lang));
    }
    html_printf(v->out, "</fieldset><button type=\"submit\">%s</button></form>",
                T(v, "Tambah", "Add"));
    view_end(v);
}

void view_notify_stop(struct view *v, bool found, bool done, const char *number,
                      const char *token)
{
    view_begin(v, T(v, "Berhenti menerima pesan", "Stop messages"));
    html_printf(v->out, "<section class=\"slip\"><h1>%s</h1>",
                T(v, "Berhenti menerima pesan", "Stop messages"));
    if (!found) {
        html_printf(v->out, "<p>%s</p></section>",
                    T(v,
                      "Tautan ini tidak dikenal. Periksa lagi tautan di "
                      "e-mail Anda.",
                      "This link is not known. Check the link in your "
                      "e-mail."));
    } else if (done) {
        html_printf(v->out, "<p>%s <strong>%s</strong>.</p></section>",
                    T(v, "Anda tidak akan menerima pesan lagi tentang",
                      "You will get no more messages about"),
                    number);
    } else {
        html_printf(
            v->out,
            "<p>%s <strong>%s</strong>?</p><form method=\"post\" "
            "action=\"/notify/stop\"><input type=\"hidden\" "
            "name=\"t\" value=\"%s\">",
            T(v, "Berhenti menerima pesan tentang", "Stop the messages about"),
            number, token);
        view_csrf(v);
        html_printf(v->out,
                    "<button type=\"submit\">%s</button></form></section>",
                    T(v, "Ya, berhenti", "Yes, stop them"));
    }
    view_end(v);
}
