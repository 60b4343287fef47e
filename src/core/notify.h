/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: the rules of the messages Satu Pintu sends (pure: no I/O, no
 * clock). The events that cause a message, the channels, the texts in
 * Bahasa Indonesia and English, phone numbers in E.164, SMS segments,
 * the retry schedule, the base string of a webhook signature, what a
 * citizen texts in (CEK, STOP, anything else), and the new expectation a
 * late notice gives. The outbox and the sender are svc/notify.h.
 */
#ifndef SP_CORE_NOTIFY_H
#define SP_CORE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/hours.h"
#include "core/lang.h"
#include "core/service.h"

struct arena;

/* What happened. Codes ("application.received") are stable: they are
 * stored, sent in webhooks and chosen by administrators. */
enum notify_event {
    NEV_APPL_RECEIVED,      /* registered at the counter */
    NEV_APPL_STEP,          /* another SOP step (verified, in process...) */
    NEV_APPL_RETURNED,      /* returned for completion */
    NEV_APPL_RESUMED,       /* the missing documents were handed in */
    NEV_APPL_READY,         /* ready for pick-up */
    NEV_APPL_REJECTED,      /* rejected, with the reason */
    NEV_APPL_LATE,          /* past the promised date, not ready */
    NEV_APPL_HANDED_OVER,   /* collected */
    NEV_COMPLAINT_RECEIVED, /* a complaint filed */
    NEV_COMPLAINT_ANSWERED, /* answered (accept or reply) */
    NEV_COMPLAINT_CLOSED,   /* closed (accepted, closed or rejected) */
    NEV__COUNT
};

const char *notify_event_code(enum notify_event e);
bool notify_event_parse(const char *code, enum notify_event *out);
/* The event's name for administrators. */
const char *notify_event_name(enum notify_event e, enum lang lang);
/* True when the citizen who consented gets a message for e (the others
 * go to webhooks only). */
bool notify_event_for_citizen(enum notify_event e);
/* True for the events of complaints (the rest are applications'). */
bool notify_event_is_complaint(enum notify_event e);

enum notify_channel { NCH_SMS, NCH_EMAIL, NCH_WEBHOOK, NCH__COUNT };

const char *notify_channel_code(enum notify_channel ch); /* "sms" ... */
bool notify_channel_parse(const char *code, enum notify_channel *out);
const char *notify_channel_name(enum notify_channel ch, enum lang lang);

/* ---- Phone numbers and SMS ------------------------------------------- */

/* Bytes for an E.164 number with its '+' and the NUL. */
#define NOTIFY_PHONE_MAX 17

/*
 * The number a citizen typed (spaces, hyphens, dots and parentheses
 * ignored) in E.164 for an SMS: Indonesian numbers written 08..., 8...,
 * 62... or +62... become +62 and the national number, which must be a
 * mobile number (starting with 8, 9 to 12 digits); a number with another
 * country code (+ and 8 to 15 digits in all, not +0) is kept as written.
 * False (out "") for anything else, a landline among them.
 */
bool notify_phone_e164(const char *typed, char out[NOTIFY_PHONE_MAX]);
/* The number for people and logs with the middle hidden:
 * "+62812****7890" (arena). */
const char *notify_phone_mask(struct arena *a, const char *e164);
/* An e-mail address with the local part hidden: "d***@example.id". */
const char *notify_email_mask(struct arena *a, const char *email);

enum notify_sms_encoding { SMS_GSM7, SMS_UCS2 };
#define NOTIFY_SMS_MAX_SEGMENTS 2

/*
 * The SMS segments text (UTF-8) takes: GSM 03.38 (7 bits; 160 in one
 * segment, 153 per segment when several; the extension characters
 * ^{}\[~]|€ take two, never split across segments) when every character
 * is in the default alphabet or its extension, else UCS-2 (70, or 67 per
 * segment; a character outside the BMP takes two units, never split).
 * 0 for the empty text.
 */
size_t notify_sms_segments(const char *text, enum notify_sms_encoding *enc);
/* text with typographic quotes, dashes, the ellipsis and no-break spaces
 * replaced by their GSM-7 look-alikes (arena). */
const char *notify_sms_fold(struct arena *a, const char *text);

/* ---- Texts ----------------------------------------------------------- */

/* What a message says; every field is text for people, "" when unknown
 * (never NULL). */
struct notify_vars {
    const char *number;     /* registration or complaint number */
    const char *pin;        /* the PIN: only in the SMS "received" */
    const char *name;       /* the citizen's name (e-mail greeting) */
    const char *service;    /* the service's name */
    const char *office;     /* the office's name */
    const char *address;    /* the office's address */
    const char *hours;      /* opening hours (notify_hours_text) */
    const char *when;       /* the promised date or new expectation */
    const char *note;       /* what is missing, the reason, the answer */
    const char *status;     /* the state in words (CEK answers) */
    const char *track_url;  /* where to follow it */
    const char *survey_url; /* the questionnaire, or "" */
    const char *stop_url;   /* the link that stops messages, or "" */
};

struct notify_text {
    const char *subject; /* e-mail subject ("" for SMS) */
    const char *body;    /* plain text */
};

/*
 * The message for event e to a citizen in lang on channel ch (SMS or
 * e-mail), into the arena. An SMS is folded (notify_sms_fold) and fits
 * NOTIFY_SMS_MAX_SEGMENTS: when it would not, the note, then the service,
 * office, address and hours are shortened (ending in "...") until it
 * does. False when e has no citizen's message.
 */
bool notify_compose(struct arena *a, enum notify_event e, enum lang lang,
                    enum notify_channel ch, const struct notify_vars *v,
                    struct notify_text *out);

/* The answers to a text message (always SMS, one or two segments). */
enum notify_reply {
    NREPLY_STATUS,    /* CEK found it: number, status, when */
    NREPLY_NO_MATCH,  /* unknown number or wrong PIN */
    NREPLY_BAD_CHECK, /* the number has a typing error */
    NREPLY_GUARDED,   /* the number needs the second fact: use the page */
    NREPLY_THROTTLED, /* too many wrong tries */
    NREPLY_STOPPED,   /* STOP done */
    NREPLY_HELP,      /* how to use it */
};
const char *notify_reply_text(struct arena *a, enum notify_reply r,
                              enum lang lang, const struct notify_vars *v);

/* "Sen-Kam 07.30-15.30, Jum 07.30-14.00" (arena). */
const char *notify_hours_text(struct arena *a, const struct hours *h,
                              enum lang lang);
/* "Selasa, 3 Maret 2026 pukul 15.30 WIB" / "Tuesday, 3 March 2026 at
 * 15:30 WIB" at the office's offset (arena). (core/humanize.h
 * human_when(): the one way a time is written for people). */
const char *notify_when(struct arena *a, int64_t t, int offset_min,
                        enum lang lang);

/* ---- What a citizen texts in ----------------------------------------- */

enum notify_inbound_kind {
    NIN_CEK,  /* "CEK <number> <PIN>" (number or PIN may be missing) */
    NIN_STOP, /* STOP, BERHENTI or UNREG alone */
    NIN_HELP, /* anything else */
};
struct notify_inbound {
    enum notify_inbound_kind kind;
    char number[32]; /* as typed (for regno_parse), or "" */
    char pin[8];     /* six digits, or "" */
};
/* Read a text: case, spaces, '#', ',' and ':' between the words are
 * forgiven ("cek#26-009-00042-7#123456", "Cek 26 009 00042 7 PIN
 * 123456"). */
void notify_inbound_parse(const char *text, struct notify_inbound *out);

/* ---- Delivery -------------------------------------------------------- */

/*
 * Seconds to wait before the next try after `attempts` failed tries
 * (1, 2, ...): base_s * 2^(attempts - 1), at most cap_s; base_s 0 means
 * at once (tests).
 */
int64_t notify_retry_delay(int attempts, int64_t base_s, int64_t cap_s);
/* True when a message that failed `attempts` times is given up. */
bool notify_gives_up(int attempts, int max_attempts);
/*
 * The string a webhook's HMAC-SHA256 signs: the decimal timestamp, '.',
 * the body's bytes (arena, NUL-terminated; *len its length).
 */
const char *notify_signature_base(struct arena *a, int64_t timestamp,
                                  const char *body, size_t body_len,
                                  size_t *len);

/*
 * The new expectation a late notice gives, from now: half the service's
 * time limit again in working days (at least one) for a service counted
 * in working days, one working day for one counted in working minutes.
 * 0 when the calendar never opens.
 */
int64_t notify_late_expectation(const struct calendar *cal,
                                const struct service_def *s, int64_t now);

#endif
