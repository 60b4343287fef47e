/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.h: the complaint box's services, shared by the public form,
 * the kiosk, the officer's paper slips, Open311 and the scheduled jobs:
 * filing a complaint (validated, rate-limited per address, device or API
 * key, with its number, PIN, token and verification deadline) and taking
 * an action on one (by staff or by the complainant).
 *
 * Rules beyond the core table (core/complaint.h):
 *   - a complaint naming a registration number concerns that application's
 *     office: the number must exist, and an office chosen as well must be
 *     the same one (else a field error naming the right office);
 *   - a kiosk files for its enrolled device's office only;
 *   - a complaint officer bound to one office enters paper slips for that
 *     office only (scope_complaint_slip);
 *   - anonymous doors are rate-limited (COMPLAINT_RATE_*; 429);
 *   - every text is capped at COMPLAINT_TEXT_MAX characters, the citizen's
 *     reply included.
 */
#ifndef SP_SVC_COMPLAINTS_H
#define SP_SVC_COMPLAINTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "core/office.h"
#include "store/complaints.h"
#include "svc/notify.h"
#include "svc/svc.h"

/* Per address from the public form: 5 per 10 minutes and 20 a day. */
#define COMPLAINT_RATE_ADDR_MAX 5
#define COMPLAINT_RATE_ADDR_WINDOW_S 600
#define COMPLAINT_RATE_ADDR_DAY_MAX 20
/* Per enrolled kiosk device: 30 an hour. */
#define COMPLAINT_RATE_DEVICE_MAX 30
/* Per API key (Open311): 600 an hour. */
#define COMPLAINT_RATE_KEY_MAX 600

/* What a complainant (or an officer typing a paper slip) hands in. */
struct complaint_input {
    const char *office;         /* office code, or "" (from regno) */
    const char *category;       /* category code */
    const char *regno;          /* related registration number, or "" */
    const char *body;           /* the text */
    const char *identity;       /* "named", "confidential", "anonymous" */
    const char *name;           /* name (named/confidential), or "" */
    const char *contact;        /* phone or e-mail, or "" */
    const char *address;        /* location text, or "" */
    const char *channel;        /* "web", "paper", "kiosk", "open311" */
    const char *slip_date;      /* paper: the date on the slip, or "" */
    int64_t device_id;          /* kiosk: the enrolled device */
    int64_t device_office_id;   /* kiosk: the device's office */
    const unsigned char *photo; /* photo bytes, or NULL */
    size_t photo_len;
    struct notify_consent notify; /* messages to the contact agreed to */
};

enum complaint_outcome {
    CMPO_DONE,          /* filed, or the action recorded */
    CMPO_INVALID,       /* field errors (nothing written) */
    CMPO_RATE_LIMITED,  /* too many from this address/device/key */
    CMPO_NOT_ALLOWED,   /* not in this state, or not for this actor */
    CMPO_NOTE_REQUIRED, /* an answer, reason or note is needed */
    CMPO_TOO_LONG,      /* the note is over COMPLAINT_TEXT_MAX */
    CMPO_NO_OFFICE,     /* a referral without a valid office */
    CMPO_WINDOW_CLOSED, /* the complainant's reply window passed */
    CMPO_STALE,         /* someone else acted first */
};

/*
 * Validate in and file the complaint (one transaction with its photo and
 * first event). Field errors go to fe (CMPO_INVALID, nothing written); on
 * CMPO_DONE *out is the stored complaint.
 */
enum err complaint_create(const struct svc_ctx *c,
                          const struct complaint_input *in,
                          struct field_errors *fe, struct complaint *out,
                          enum complaint_outcome *outcome)
    __attribute__((warn_unused_result));
/*
 * File a validated complaint k for office o: a number (the registration
 * number's form with "P-"), PIN, token and the verification deadline, the
 * photo if any and the first event by actor, in one transaction: a
 * failure writes nothing. k->received_at 0 means now. Not counted against
 * any rate limit (a paper slip, a test's history).
 */
enum err complaint_file(const struct svc_ctx *c, const struct office *o,
                        struct complaint *k, const char *actor,
                        const char *photo_mime, const unsigned char *photo,
                        size_t photo_len) __attribute__((warn_unused_result));
/*
 * The same with the complainant's consent to messages (or NULL), and,
 * when door is not NULL, the complaint counted against the rate limit of
 * its door (door and subject as complaint_rate_ok()), all in that one
 * transaction: a complaint is never filed without its message and its
 * count, nor counted without being filed.
 */
enum err complaint_file_notify(const struct svc_ctx *c, const struct office *o,
                               struct complaint *k, const char *actor,
                               const char *photo_mime,
                               const unsigned char *photo, size_t photo_len,
                               const struct notify_consent *consent,
                               const char *door, const char *subject)
    __attribute__((warn_unused_result));
/*
 * Is another complaint through this door allowed now? key is "addr",
 * "device" or "key" (an API key's user); subject the address, device id
 * or user id. Counted by complaint_file_notify().
 */
enum err complaint_rate_ok(const struct svc_ctx *c, const char *door,
                           const char *subject, bool *ok)
    __attribute__((warn_unused_result));
/*
 * Take action on k by actor (staff: c->who; the complainant; the system)
 * with note; expected is the version the actor saw (0: the current one);
 * refer_to the office code for a referral. On CMPO_DONE *k is updated.
 */
enum err complaint_act(const struct svc_ctx *c, struct complaint *k,
                       enum complaint_action action, enum complaint_actor actor,
                       const char *note, int expected, const char *refer_to,
                       enum complaint_outcome *outcome)
    __attribute__((warn_unused_result));
/*
 * The acknowledgement of a complaint filed with c's one-time form token
 * (the page a browser is sent to after filing): TRACK-like throttled
 * lookup. *found false for an unknown token (counted as a failure);
 * *show_pin true while the acknowledgement is fresh: within
 * COMPLAINT_ACK_PIN_S of filing (COMPLAINT_ACK_PIN_KIOSK_S at a kiosk,
 * where the next citizen stands at the same screen).
 */
#define COMPLAINT_ACK_PIN_S (30 * 60)
#define COMPLAINT_ACK_PIN_KIOSK_S (3 * 60)
enum err complaint_acknowledgement(const struct svc_ctx *c, struct complaint *k,
                                   bool *found, bool *show_pin, bool *throttled)
    __attribute__((warn_unused_result));
/* Run the scheduled jobs once (escalation, auto-close) at now. */
enum err complaints_jobs(struct db *db, int64_t now, int64_t *escalated,
                         int64_t *closed) __attribute__((warn_unused_result));

#endif
