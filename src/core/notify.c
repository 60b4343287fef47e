/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* notify.c: the rules of the messages (see notify.h). */
#include "core/notify.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "base/utf8.h"
#include "core/humanize.h"
#include "core/office.h"

/* ---- Events and channels --------------------------------------------- */

struct event_row {
    const char *code;
    const char *id;
    const char *en;
    bool citizen;
};

static const struct event_row events[NEV__COUNT] = {
    [NEV_APPL_RECEIVED] = {"application.received", "Permohonan diterima",
                           "Application received", true},
    [NEV_APPL_STEP] = {"application.step", "Langkah SOP selesai",
                       "SOP step done", false},
    [NEV_APPL_RETURNED] = {"application.returned",
                           "Dikembalikan untuk dilengkapi",
                           "Returned for completion", true},
    [NEV_APPL_RESUMED] = {"application.resumed",
                          "Dilanjutkan setelah dilengkapi",
                          "Resumed after completion", false},
    [NEV_APPL_READY] = {"application.ready", "Siap diambil",
                        "Ready for pick-up", true},
    [NEV_APPL_REJECTED] = {"application.rejected", "Ditolak", "Rejected", true},
    [NEV_APPL_LATE] = {"application.late", "Terlambat dari janji", "Late",
                       true},
    [NEV_APPL_HANDED_OVER] = {"application.handed_over", "Sudah diserahkan",
                              "Handed over", true},
    [NEV_COMPLAINT_RECEIVED] = {"complaint.received", "Pengaduan diterima",
                                "Complaint received", true},
    [NEV_COMPLAINT_ANSWERED] = {"complaint.answered", "Pengaduan dijawab",
                                "Complaint answered", true},
    [NEV_COMPLAINT_CLOSED] = {"complaint.closed", "Pengaduan ditutup",
                              "Complaint closed", false},
};

const char *notify_event_code(enum notify_event e)
{
    return (unsigned)e < NEV__COUNT ? events[e].code : "unknown";
}

bool notify_event_parse(const char *code, enum notify_event *out)
{
    for (int i = 0; code && i < NEV__COUNT; i++) {
        if (strcmp(code, events[i].code) == 0) {
            *out = (enum notify_event)i;
            return true;
        }
    }
    return false;
}

const char *notify_event_name(enum notify_event e, enum lang lang)
{
    if ((unsigned)e >= NEV__COUNT)
        return "?";
    return L(lang, events[e].id, events[e].en);
}

bool notify_event_for_citizen(enum notify_event e)
{
    return (unsigned)e < NEV__COUNT && events[e].citizen;
}

bool notify_event_is_complaint(enum notify_event e)
{
    return e == NEV_COMPLAINT_RECEIVED || e == NEV_COMPLAINT_ANSWERED ||
           e == NEV_COMPLAINT_CLOSED;
}

static const char *const channel_codes[NCH__COUNT] = {"sms", "email",
                                                      "webhook"};

const char *notify_channel_code(enum notify_channel ch)
{
    return (unsigned)ch < NCH__COUNT ? channel_codes[ch] : "unknown";
}

bool notify_channel_parse(const char *code, enum notify_channel *out)
{
    for (int i = 0; code && i < NCH__COUNT; i++) {
        if (strcmp(code, channel_codes[i]) == 0) {
            *out = (enum notify_channel)i;
            return true;
        }
    }
    return false;
}

const char *notify_channel_name(enum notify_channel ch, enum lang lang)
{
    switch (ch) {
    case NCH_SMS:
        return "SMS/WhatsApp";
    case NCH_EMAIL:
        return "E-mail";
    case NCH_WEBHOOK:
        return L(lang, "Webhook", "Webhook");
    case NCH__COUNT:
        break;
    }
    return "?";
}

/* ---- Phone numbers --------------------------------------------------- */

bool notify_phone_e164(const char *typed, char out[NOTIFY_PHONE_MAX])
{
    out[0] = '\0';
    if (!typed)
        return false;
    char d[24];
    size_t n = 0;
    bool plus = false;
    for (const char *p = typed; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 1 >= sizeof(d))
                return false;
            d[n++] = *p;
        } else if (*p == '+' && n == 0 && !plus) {
            plus = true;
        } else if (*p != ' ' && *p != '-' && *p != '.' && *p != '(' &&
                   *p != ')') {
            return false;
        }
    }
    d[n] = '\0';
    const char *nsn = NULL; /* the Indonesian national number */
    if (plus) {
        if (n >= 2 && d[0] == '6' && d[1] == '2')
            nsn = d + 2;
        else if (n >= 8 && n <= 15 && d[0] != '0') {
            out[0] = '+';
            memcpy(out + 1, d, n + 1);
            return true;
        } else {
            return false;
        }
    } else if (n >= 4 && memcmp(d, "0062", 4) == 0) {
        nsn = d + 4;
    } else if (n >= 1 && d[0] == '0') {
        nsn = d + 1;
    } else if (n >= 2 && d[0] == '6' && d[1] == '2') {
        nsn = d + 2;
    } else if (n >= 1 && d[0] == '8') {
        nsn = d;
    } else {
        return false;
    }
    size_t m = strlen(nsn);
    if (nsn[0] != '8' || m < 9 || m > 12)
        return false;
    out[0] = '+';
    out[1] = '6';
    out[2] = '2';
    memcpy(out + 3, nsn, m + 1);
    return true;
}

const char *notify_phone_mask(struct arena *a, const char *e164)
{
    size_t n = e164 ? strlen(e164) : 0;
    if (n < 9)
        return "****";
    return arena_printf(a, "%.*s****%s", (int)(n - 8), e164, e164 + n - 4);
}

const char *notify_email_mask(struct arena *a, const char *email)
{
    const char *at = email ? strchr(email, '@') : NULL;
    if (!at || at == email)
        return "***";
    return arena_printf(a, "%c***%s", email[0], at);
}

/* ---- SMS segments ---------------------------------------------------- */

/* Septets of cp in GSM 03.38: 1 (default alphabet), 2 (extension), 0 (not
 * in it). */
static int gsm_septets(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
        (cp >= '0' && cp <= '9'))
        return 1;
    if (cp < 128) {
        if (strchr("^{}\\[~]|", (int)cp) && cp != 0)
            return 2;
        if (cp == '\f')
            return 2;
        if (cp == '\n' || cp == '\r' || (cp >= ' ' && cp != '`' && cp < 127))
            return 1;
        return 0;
    }
    static const uint32_t more[] = {
        0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7,
        0x00D8, 0x00F8, 0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B,
        0x03A9, 0x03A0, 0x03A8, 0x03A3, 0x0398, 0x039E, 0x00C6, 0x00E6,
        0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6, 0x00D1, 0x00DC,
        0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0};
    for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
        if (more[i] == cp)
            return 1;
    return cp == 0x20AC ? 2 : 0; /* the euro sign is in the extension */
}

size_t notify_sms_segments(const char *text, enum notify_sms_encoding *enc)
{
    size_t n = strlen(text);
    *enc = SMS_GSM7;
    size_t total = 0; /* septets, or UTF-16 units */
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(text + i, n - i, &cp);
        i += k ? k : 1;
        int s = gsm_septets(cp);
        if (s == 0)
            *enc = SMS_UCS2;
        total += (size_t)(s ? s : 1);
    }
    if (total == 0)
        return 0;
    size_t single = *enc == SMS_GSM7 ? 160 : 70;
    size_t per = *enc == SMS_GSM7 ? 153 : 67;
    if (*enc == SMS_UCS2) {
        total = 0;
        for (size_t i = 0; i < n;) {
            uint32_t cp = 0;
            size_t k = utf8_decode(text + i, n - i, &cp);
            i += k ? k : 1;
            total += cp > 0xFFFF ? 2 : 1;
        }
    }
    if (total <= single)
        return 1;
    /* Several segments: a unit of two (an escape, a surrogate pair) never
     * straddles two segments. */
    size_t segments = 1, used = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(text + i, n - i, &cp);
        i += k ? k : 1;
        size_t w = *enc == SMS_GSM7
                       ? (size_t)(gsm_septets(cp) ? gsm_septets(cp) : 1)
                       : (cp > 0xFFFF ? 2u : 1u);
        if (used + w > per) {
            segments++;
            used = 0;
        }
        used += w;
    }
    return segments;
}

const char *notify_sms_fold(struct arena *a, const char *text)
{
    struct buf b;
    buf_init(&b, 1u << 20);
    size_t n = strlen(text);
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(text + i, n - i, &cp);
        if (k == 0) {
            i++;
            continue;
        }
        switch (cp) {
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x2032:
            buf_putc(&b, '\'');
            break;
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x2033:
            buf_putc(&b, '"');
            break;
        case 0x2010:
        case 0x2011:
        case 0x2012:
        case 0x2013:
        case 0x2014:
        case 0x2212:
            buf_putc(&b, '-');
            break;
        case 0x2026:
            buf_puts(&b, "...");
            break;
        case 0x00A0:
        case 0x202F:
        case 0x2009:
        case '\t':
            buf_putc(&b, ' ');
            break;
        default:
            buf_append(&b, text + i, k);
        }
        i += k;
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* ---- Texts ----------------------------------------------------------- */

/*
 * Templates: {field} is replaced by the field's text; a part between "{?"
 * and "?}" is left out when a field inside it is empty.
 */
struct template
{
    const char *subject_id, *subject_en; /* e-mail */
    const char *email_id, *email_en;     /* e-mail body (the middle) */
    const char *sms_id, *sms_en;         /* SMS */
};

static const struct template templates[NEV__COUNT] = {
    [NEV_APPL_RECEIVED] =
        {"Permohonan {service} diterima – {number}",
         "Application for {service} received – {number}",
         "permohonan {service} Anda sudah kami terima di {office}.\n\n"
         "Nomor registrasi: {number}\n"
         "Dijanjikan selesai: {when}\n\n"
         "Ikuti perkembangannya di {track_url} dengan nomor registrasi dan "
         "PIN yang tertulis di tanda terima Anda.",
         "your application for {service} has been received at {office}.\n\n"
         "Registration number: {number}\n"
         "Promised by: {when}\n\n"
         "Follow it at {track_url} with the registration number and the PIN "
         "printed on your receipt.",
         "Satu Pintu: permohonan {service} diterima di {office}. No {number} "
         "PIN {pin}. Janji selesai {when}. Cek: {track_url} atau SMS CEK "
         "{number} {pin}. Balas STOP utk berhenti.",
         "Satu Pintu: your application for {service} was received at "
         "{office}. No {number} PIN {pin}. Promised by {when}. Track: "
         "{track_url} or text CEK {number} {pin}. Reply STOP to stop."},
    [NEV_APPL_RETURNED] =
        {"Permohonan {number} perlu dilengkapi",
         "Application {number} needs more documents",
         "permohonan {service} Anda (nomor {number}) belum bisa kami "
         "proses karena ada yang perlu dilengkapi:\n\n{note}\n\n"
         "Mohon bawa ke {office}{?, {address}?}{?. Jam buka: {hours}?}. Waktu "
         "penyelesaian berhenti sampai dokumen lengkap.",
         "we cannot process your application for {service} (number "
         "{number}) yet: something is missing:\n\n{note}\n\n"
         "Please bring it to {office}{?, {address}?}{?. Opening hours: "
         "{hours}?}. The clock stops until it is complete.",
         "Satu Pintu: permohonan {number} ({service}) perlu dilengkapi: "
         "{note}. Bawa ke {office}{?, {address}?}{?. Buka {hours}?}.",
         "Satu Pintu: application {number} ({service}) needs: {note}. "
         "Bring it to {office}{?, {address}?}{?. Open {hours}?}."},
    [NEV_APPL_READY] =
        {"{service} siap diambil – {number}",
         "{service} is ready for pick-up – {number}",
         "{service} Anda (nomor {number}) sudah selesai dan siap diambil "
         "di {office}{?, {address}?}.\n\n{?Jam buka: {hours}\n\n?}"
         "Bawa tanda terima dan KTP-el pemohon. Bila diwakilkan, bawa "
         "juga surat kuasa.",
         "your {service} (number {number}) is done and ready for pick-up "
         "at {office}{?, {address}?}.\n\n{?Opening hours: {hours}\n\n?}"
         "Bring the receipt and the applicant's ID card. Someone collecting "
         "for you also brings a letter of authority.",
         "Satu Pintu: {service} no {number} siap diambil di {office}{?, "
         "{address}?}{?. Buka {hours}?}. Bawa tanda terima dan KTP-el.",
         "Satu Pintu: {service} no {number} is ready at {office}{?, "
         "{address}?}{?. Open {hours}?}. Bring the receipt and ID card."},
    [NEV_APPL_REJECTED] =
        {"Permohonan {number} ditolak", "Application {number} rejected",
         "mohon maaf, permohonan {service} Anda (nomor {number}) tidak "
         "dapat kami kabulkan.\n\nAlasannya: {note}\n\n"
         "Bila ada pertanyaan, datang ke {office}{?, {address}?} atau "
         "sampaikan pengaduan.",
         "we are sorry: your application for {service} (number {number}) "
         "cannot be granted.\n\nThe reason: {note}\n\n"
         "With questions, come to {office}{?, {address}?} or make a "
         "complaint.",
         "Satu Pintu: mohon maaf, permohonan {number} ({service}) ditolak. "
         "Alasan: {note}. Info: {office}.",
         "Satu Pintu: sorry, application {number} ({service}) was "
         "rejected. Reason: {note}. Ask at {office}."},
    [NEV_APPL_LATE] =
        {"Mohon maaf: permohonan {number} terlambat",
         "We are sorry: application {number} is late",
         "mohon maaf, permohonan {service} Anda (nomor {number}) belum "
         "selesai pada tanggal yang kami janjikan.\n\n"
         "Perkiraan baru: {when}\n\n"
         "Kami kirim kabar lagi begitu siap diambil. Ikuti di {track_url}.",
         "we are sorry: your application for {service} (number {number}) "
         "was not done by the date we promised.\n\n"
         "New expectation: {when}\n\n"
         "We will message you again as soon as it is ready. Follow it at "
         "{track_url}.",
         "Satu Pintu: mohon maaf, permohonan {number} ({service}) belum "
         "selesai sesuai janji. Perkiraan baru: {when}. Cek: {track_url}",
         "Satu Pintu: sorry, application {number} ({service}) is late. New "
         "expectation: {when}. Track: {track_url}"},
    [NEV_APPL_HANDED_OVER] =
        {"{service} sudah diserahkan – {number}",
         "{service} handed over – {number}",
         "{service} Anda (nomor {number}) sudah diserahkan. Terima "
         "kasih.{?\n\nMohon nilai layanan kami (1 menit, tanpa nama): "
         "{survey_url}?}",
         "your {service} (number {number}) has been handed over. Thank "
         "you.{?\n\nPlease rate our service (1 minute, anonymous): "
         "{survey_url}?}",
         "Satu Pintu: {service} no {number} sudah diserahkan. Terima "
         "kasih.{? Nilai layanan kami: {survey_url}?}",
         "Satu Pintu: {service} no {number} was handed over. Thank you.{? "
         "Rate our service: {survey_url}?}"},
    [NEV_COMPLAINT_RECEIVED] =
        {"Pengaduan {number} diterima", "Complaint {number} received",
         "pengaduan Anda tentang {office} sudah kami terima dengan nomor "
         "{number}.\n\nKami periksa paling lambat {when}, lalu menjawab "
         "dalam 5 hari kerja. Ikuti di {track_url} dengan nomor dan PIN "
         "pengaduan.",
         "your complaint about {office} has been received as number "
         "{number}.\n\nWe check it by {when} and answer within 5 working "
         "days after that. Follow it at {track_url} with the number and "
         "PIN of the complaint.",
         "Satu Pintu: pengaduan {number} tentang {office} diterima. "
         "Diperiksa paling lambat {when}. Cek: {track_url}",
         "Satu Pintu: complaint {number} about {office} received. Checked "
         "by {when}. Track: {track_url}"},
    [NEV_COMPLAINT_ANSWERED] =
        {"Pengaduan {number} sudah dijawab", "Complaint {number} answered",
         "pengaduan Anda nomor {number} sudah dijawab:\n\n{note}\n\n"
         "Buka {track_url} untuk menerima jawaban ini atau membalasnya "
         "dalam 10 hari.",
         "your complaint number {number} has been answered:\n\n{note}\n\n"
         "Open {track_url} to accept the answer or to reply within 10 "
         "days.",
         "Satu Pintu: pengaduan {number} dijawab: {note}. Terima atau "
         "balas dlm 10 hari: {track_url}",
         "Satu Pintu: complaint {number} answered: {note}. Accept or "
         "reply within 10 days: {track_url}"},
};

/* The fields a template may name, in the order they are shortened when
 * an SMS is too long (the first ones first). */
enum field {
    F_NOTE,
    F_SERVICE,
    F_OFFICE,
    F_ADDRESS,
    F_HOURS,
    F_NAME,
    F_NUMBER,
    F_PIN,
    F_WHEN,
    F_STATUS,
    F_TRACK,
    F_SURVEY,
    F_STOP,
    F__COUNT
};
static const char *const field_names[F__COUNT] = {
    "note", "service", "office", "address",   "hours",      "name",    "number",
    "pin",  "when",    "status", "track_url", "survey_url", "stop_url"};
#define F_SHORTENED 5 /* note .. hours may be shortened */

static void vars_array(const struct notify_vars *v, const char *f[F__COUNT])
{
    const char *all[F__COUNT] = {
        v->note,      v->service,    v->office,  v->address, v->hours,
        v->name,      v->number,     v->pin,     v->when,    v->status,
        v->track_url, v->survey_url, v->stop_url};
    for (int i = 0; i < F__COUNT; i++)
        f[i] = all[i] ? all[i] : "";
}

/* The field named at p (after '{') of length n, or -1. */
static int field_at(const char *p, size_t n)
{
    for (int i = 0; i < F__COUNT; i++)
        if (strlen(field_names[i]) == n && memcmp(field_names[i], p, n) == 0)
            return i;
    return -1;
}

/* Does the optional part [p, end) name an empty field? */
static bool part_has_empty(const char *p, const char *end,
                           const char *const f[F__COUNT])
{
    for (; p < end; p++) {
        if (*p != '{')
            continue;
        const char *close = memchr(p, '}', (size_t)(end - p));
        if (!close)
            return false;
        int k = field_at(p + 1, (size_t)(close - p - 1));
        if (k >= 0 && !*f[k])
            return true;
        p = close;
    }
    return false;
}

/* Expand the template [p, end) with the fields f into b. */
static void expand(struct buf *b, const char *p, const char *end,
                   const char *const f[F__COUNT])
{
    while (p < end) {
        if (p + 1 < end && p[0] == '{' && p[1] == '?') {
            const char *close = strstr(p + 2, "?}");
            if (!close || close > end)
                return;
            if (!part_has_empty(p + 2, close, f))
                expand(b, p + 2, close, f);
            p = close + 2;
            continue;
        }
        if (*p == '{') {
            const char *close = memchr(p, '}', (size_t)(end - p));
            int k = close ? field_at(p + 1, (size_t)(close - p - 1)) : -1;
            if (k >= 0) {
                buf_puts(b, f[k]);
                p = close + 1;
                continue;
            }
        }
        buf_putc(b, *p++);
    }
}

static const char *expand_arena(struct arena *a, const char *tpl,
                                const char *const f[F__COUNT])
{
    struct buf b;
    buf_init(&b, 1u << 20);
    expand(&b, tpl, tpl + strlen(tpl), f);
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

/* The first `chars` code points of s, with "..." when cut (arena). */
static const char *shorten(struct arena *a, const char *s, size_t chars)
{
    size_t n = strlen(s), i = 0, k = 0;
    if (utf8_length(s, n) <= chars)
        return s;
    size_t keep = chars > 3 ? chars - 3 : 0;
    while (i < n && k < keep) {
        uint32_t cp = 0;
        size_t step = utf8_decode(s + i, n - i, &cp);
        i += step ? step : 1;
        k++;
    }
    while (i > 0 && s[i - 1] == ' ')
        i--;
    return arena_printf(a, "%.*s...", (int)i, s);
}

static bool sms_fits(const char *text)
{
    enum notify_sms_encoding enc;
    return notify_sms_segments(text, &enc) <= NOTIFY_SMS_MAX_SEGMENTS;
}

/* Expand an SMS template, folding the fields and shortening them in order
 * until the text fits. */
static const char *sms_fit(struct arena *a, const char *tpl,
                           const char *f[F__COUNT])
{
    for (int i = 0; i < F__COUNT; i++)
        f[i] = notify_sms_fold(a, f[i]);
    const char *text = notify_sms_fold(a, expand_arena(a, tpl, f));
    for (int k = 0; k < F_SHORTENED && !sms_fits(text); k++) {
        const char *full = f[k];
        size_t len = utf8_length(full, strlen(full));
        size_t lo = 0, hi = len; /* the longest that fits, by bisection */
        while (lo < hi) {
            size_t mid = (lo + hi + 1) / 2;
            f[k] = shorten(a, full, mid);
            if (sms_fits(expand_arena(a, tpl, f)))
                lo = mid;
            else
                hi = mid - 1;
        }
        /* A field keeps at least a few characters when it had them. */
        f[k] = shorten(a, full, lo < 12 && len >= 12 ? 12 : lo);
        text = expand_arena(a, tpl, f);
    }
    /* Still too long (a very long number or link): cut the end. */
    size_t len = utf8_length(text, strlen(text));
    while (!sms_fits(text) && len > 0) {
        len--;
        text = shorten(a, text, len);
    }
    return text;
}

bool notify_compose(struct arena *a, enum notify_event e, enum lang lang,
                    enum notify_channel ch, const struct notify_vars *v,
                    struct notify_text *out)
{
    out->subject = "";
    out->body = "";
    if (!notify_event_for_citizen(e) || ch == NCH_WEBHOOK)
        return false;
    const struct template *t = &templates[e];
    const char *f[F__COUNT];
    vars_array(v, f);
    if (ch == NCH_SMS) {
        out->body = sms_fit(a, L(lang, t->sms_id, t->sms_en), f);
        return true;
    }
    f[F_PIN] = ""; /* never in an e-mail */
    out->subject = expand_arena(a, L(lang, t->subject_id, t->subject_en), f);
    const char *middle = expand_arena(a, L(lang, t->email_id, t->email_en), f);
    const char *greeting =
        *f[F_NAME]
            ? arena_printf(a, "%s %s,", L(lang, "Yth.", "Dear"), f[F_NAME])
            : L(lang, "Yth. Bapak/Ibu,", "Dear citizen,");
    const char *footer =
        *f[F_STOP]
            ? arena_printf(a, "%s %s",
                           L(lang,
                             "Pesan ini dikirim otomatis karena Anda setuju "
                             "menerima kabar dari Satu Pintu. Berhenti "
                             "menerima pesan:",
                             "This message was sent automatically because "
                             "you agreed to hear from Satu Pintu. Stop these "
                             "messages:"),
                           f[F_STOP])
            : L(lang, "Pesan ini dikirim otomatis oleh Satu Pintu.",
                "This message was sent automatically by Satu Pintu.");
    /* The body starts with a lower-case word after the greeting's comma
     * in Bahasa Indonesia and English alike. */
    out->body = arena_printf(a, "%s\n\n%s%s\n\n%s\n%s\n\n-- \n%s\n", greeting,
                             "", middle, L(lang, "Salam,", "Regards,"),
                             *f[F_OFFICE] ? f[F_OFFICE] : "Satu Pintu", footer);
    return true;
}

const char *notify_reply_text(struct arena *a, enum notify_reply r,
                              enum lang lang, const struct notify_vars *v)
{
    const char *tpl = "";
    switch (r) {
    case NREPLY_STATUS:
        tpl = L(lang,
                "Satu Pintu: permohonan {number} ({service}): {status}.{? "
                "Janji selesai {when}.?}{? Kantor: {office}.?}",
                "Satu Pintu: application {number} ({service}): {status}.{? "
                "Promised by {when}.?}{? Office: {office}.?}");
        break;
    case NREPLY_NO_MATCH:
        tpl = L(lang,
                "Satu Pintu: nomor atau PIN tidak cocok. Kirim CEK <nomor "
                "registrasi> <PIN> persis seperti di tanda terima.",
                "Satu Pintu: the number or the PIN does not match. Send CEK "
                "<registration number> <PIN> as on the receipt.");
        break;
    case NREPLY_BAD_CHECK:
        tpl = L(lang,
                "Satu Pintu: nomor registrasi salah ketik. Periksa lagi "
                "tanda terima Anda.",
                "Satu Pintu: the registration number has a typing error. "
                "Check your receipt.");
        break;
    case NREPLY_GUARDED:
        tpl = L(lang,
                "Satu Pintu: nomor ini sementara perlu tanggal lahir "
                "pemohon. Cek di {track_url}",
                "Satu Pintu: this number needs the applicant's birth date "
                "for now. Track it at {track_url}");
        break;
    case NREPLY_THROTTLED:
        tpl = L(lang,
                "Satu Pintu: terlalu banyak percobaan salah. Coba lagi "
                "dalam 1 jam.",
                "Satu Pintu: too many wrong tries. Try again in an hour.");
        break;
    case NREPLY_STOPPED:
        tpl = L(lang,
                "Satu Pintu: Anda tidak akan menerima pesan lagi. Cek status "
                "kapan saja: kirim CEK <nomor> <PIN>.",
                "Satu Pintu: you will get no more messages. Check a status "
                "any time: send CEK <number> <PIN>.");
        break;
    case NREPLY_HELP:
        tpl = L(lang,
                "Satu Pintu: kirim CEK <nomor registrasi> <PIN> untuk status "
                "permohonan, atau STOP untuk berhenti menerima pesan.",
                "Satu Pintu: send CEK <registration number> <PIN> for the "
                "status of an application, or STOP to get no more "
                "messages.");
        break;
    }
    const char *f[F__COUNT];
    vars_array(v, f);
    return sms_fit(a, tpl, f);
}

const char *notify_hours_text(struct arena *a, const struct hours *h,
                              enum lang lang)
{
    static const char *const id[] = {"Min", "Sen", "Sel", "Rab",
                                     "Kam", "Jum", "Sab"};
    static const char *const en[] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};
    struct buf b;
    buf_init(&b, 1024);
    /* Monday first; runs of days with the same hours together. */
    for (int k = 1; k <= 7;) {
        int d = k % 7;
        if (h->open[d] < 0) {
            k++;
            continue;
        }
        int last = k;
        while (last + 1 <= 7 && h->open[(last + 1) % 7] == h->open[d] &&
               h->close[(last + 1) % 7] == h->close[d])
            last++;
        const char *const *names = lang == LANG_EN ? en : id;
        char sep = lang == LANG_EN ? ':' : '.';
        if (b.len)
            buf_puts(&b, ", ");
        if (last > k)
            buf_printf(&b, "%s-%s", names[d], names[last % 7]);
        else
            buf_puts(&b, names[d]);
        buf_printf(&b, " %02d%c%02d-%02d%c%02d", h->open[d] / 60, sep,
                   h->open[d] % 60, h->close[d] / 60, sep, h->close[d] % 60);
        k = last + 1;
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

const char *notify_when(struct arena *a, int64_t t, int offset_min,
                        enum lang lang)
{
    return human_when(a, t, offset_min, lang);
}

/* ---- What a citizen texts in ----------------------------------------- */

static bool is_sep(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#' ||
           c == ',' || c == ':' || c == ';';
}

static bool word_is(const char *p, size_t n, const char *word)
{
    if (strlen(word) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != word[i])
            return false;
    }
    return true;
}

void notify_inbound_parse(const char *text, struct notify_inbound *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = NIN_HELP;
    if (!text)
        return;
    const char *p = text;
    while (is_sep(*p))
        p++;
    const char *w = p;
    while ((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z'))
        w++;
    size_t wn = (size_t)(w - p);
    const char *rest = w;
    while (is_sep(*rest))
        rest++;
    if (!*rest && (word_is(p, wn, "STOP") || word_is(p, wn, "BERHENTI") ||
                   word_is(p, wn, "UNREG"))) {
        out->kind = NIN_STOP;
        return;
    }
    if (!word_is(p, wn, "CEK") && !word_is(p, wn, "CHECK"))
        return;
    out->kind = NIN_CEK;
    /* The PIN: the last word, six digits (an optional "PIN" before it). */
    size_t n = strlen(rest);
    while (n > 0 && is_sep(rest[n - 1]))
        n--;
    size_t start = n;
    while (start > 0 && !is_sep(rest[start - 1]))
        start--;
    size_t end_no = start;
    if (n - start == 6 && strspn(rest + start, "0123456789") >= 6 &&
        start > 0) {
        memcpy(out->pin, rest + start, 6);
        out->pin[6] = '\0';
        while (end_no > 0 && is_sep(rest[end_no - 1]))
            end_no--;
        /* "... PIN 123456" */
        if (end_no >= 3 && word_is(rest + end_no - 3, 3, "PIN") &&
            (end_no == 3 || is_sep(rest[end_no - 4]))) {
            end_no -= 3;
            while (end_no > 0 && is_sep(rest[end_no - 1]))
                end_no--;
        }
    } else {
        end_no = n;
    }
    /* The number: what is left, separators as spaces, capped. */
    size_t k = 0;
    for (size_t i = 0; i < end_no && k + 1 < sizeof(out->number); i++)
        out->number[k++] = (char)(is_sep(rest[i]) ? ' ' : rest[i]);
    out->number[k] = '\0';
}

/* ---- Delivery -------------------------------------------------------- */

int64_t notify_retry_delay(int attempts, int64_t base_s, int64_t cap_s)
{
    if (base_s <= 0 || attempts < 1)
        return 0;
    int64_t d = base_s;
    for (int i = 1; i < attempts && d < cap_s; i++)
        d *= 2;
    return d > cap_s ? cap_s : d;
}

bool notify_gives_up(int attempts, int max_attempts)
{
    return attempts >= max_attempts;
}

const char *notify_signature_base(struct arena *a, int64_t timestamp,
                                  const char *body, size_t body_len,
                                  size_t *len)
{
    char head[32];
    int h = snprintf(head, sizeof(head), "%lld.", (long long)timestamp);
    size_t hn = h > 0 ? (size_t)h : 0;
    char *out = arena_alloc(a, hn + body_len + 1);
    memcpy(out, head, hn);
    if (body_len)
        memcpy(out + hn, body, body_len);
    out[hn + body_len] = '\0';
    *len = hn + body_len;
    return out;
}

int64_t notify_late_expectation(const struct calendar *cal,
                                const struct service_def *s, int64_t now)
{
    int days = 1;
    if (s->time_unit == TIME_WORKING_DAYS)
        days = (s->time_amount + 1) / 2;
    if (days < 1)
        days = 1;
    struct deadline d = cal_add_working_days(cal, now, days);
    return d.ok ? d.at : 0;
}
