/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: notifications, free of HTTP: the citizen's consent at intake
 * (and on the complaint form), the messages each event puts in the outbox
 * inside the event's own transaction, the sender that delivers them
 * (e-mail over SMTP, SMS/WhatsApp through an HTTP gateway, signed
 * webhooks) with retries, the late notices, tracking by text message
 * (CEK, STOP, help) and the stop link.
 *
 * Delivery: at least once, exactly once as far as a sender can know. Each
 * message has an idempotency key (the SMS gateway's "id", the e-mail's
 * Message-ID and X-Satupintu-Id, the webhook's X-Satupintu-Id); a sender
 * that dies after the receiving side took a message but before recording
 * it leaves the message to be sent again when its lease ends, with the
 * same key, which the receiving side can use to drop the repeat.
 */
#ifndef SP_SVC_NOTIFY_H
#define SP_SVC_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/ferr.h"
#include "core/lang.h"
#include "core/notify.h"
#include "core/office.h"
#include "store/applications.h"
#include "store/complaints.h"
#include "store/notify.h"
#include "svc/svc.h"

/* The channels and the sender's settings of this process (the
 * environment, read once by serve; docs in README.md). */
struct notify_config {
    const char *smtp_url;   /* SATUPINTU_SMTP_URL, or NULL: e-mail off */
    const char *smtp_from;  /* SATUPINTU_SMTP_FROM */
    const char *smtp_ca;    /* SATUPINTU_SMTP_CA, or NULL: the system's */
    const char *sms_url;    /* SATUPINTU_SMS_URL, or NULL: SMS off */
    const char *sms_token;  /* SATUPINTU_SMS_TOKEN (bearer, inbound HMAC) */
    const char *public_url; /* the links in messages */
    int64_t backoff_s;      /* the first retry's wait (0: at once) */
    int64_t backoff_max_s;  /* the longest wait */
    int max_attempts;       /* tries before a message is failed */
    int64_t timeout_s;      /* one try's limit */
    int64_t lease_s;        /* a claim's length (> timeout_s) */
};

bool notify_sms_on(const struct notify_config *cfg);
bool notify_email_on(const struct notify_config *cfg);

/* The consent given at intake or with a complaint. */
struct notify_consent {
    bool sms;       /* SMS/WhatsApp to the phone given */
    bool email;     /* e-mail to the address given */
    enum lang lang; /* the messages' language */
};

/*
 * Check the consent of an intake against the phone and e-mail given:
 * SMS needs a mobile number, e-mail an address (field errors "notify").
 * A channel that is off gives a warning (*warn_id, *warn_en), not an
 * error: nothing will be sent on it.
 */
void notify_check_consent(const struct svc_ctx *c,
                          const struct notify_consent *consent,
                          const char *phone, const char *email,
                          struct field_errors *fe, const char **warn_id,
                          const char **warn_en);

/* What the intake's messages need that does not change with the
 * application: the office the intake already has, and the webhooks read
 * before its transaction (notify_intake_prepare()), so that on SQLite the
 * one writer is not held while they are read. */
struct notify_prep {
    struct office office;  /* the application's office */
    struct webhook *hooks; /* the active webhooks (arena) */
    size_t n_hooks;
};
enum err notify_intake_prepare(const struct svc_ctx *c,
                               const struct office *office,
                               struct notify_prep *p)
    __attribute__((warn_unused_result));
/*
 * Inside the intake's transaction: record the consent of application a
 * (channels that are on) and queue the "received" messages (to the
 * subscriptions just recorded: a new application has no others) and
 * webhooks (those of p).
 */
enum err notify_intake(const struct svc_ctx *c, const struct application *a,
                       const struct notify_consent *consent,
                       const struct notify_prep *p)
    __attribute__((warn_unused_result));
/* Inside an action's transaction: the messages and webhooks of the
 * action's event on a (updated), with note (reason, missing list). */
enum err notify_appl_action(const struct svc_ctx *c,
                            const struct application *a,
                            enum appl_action action, const char *note)
    __attribute__((warn_unused_result));
/* Inside the complaint's transaction: consent (the contact's channel)
 * when given, and the "received" messages and webhooks. */
enum err notify_complaint_filed(const struct svc_ctx *c,
                                const struct complaint *k,
                                const struct notify_consent *consent)
    __attribute__((warn_unused_result));
enum err notify_complaint_action(const struct svc_ctx *c,
                                 const struct complaint *k,
                                 enum complaint_action action)
    __attribute__((warn_unused_result));

/* ---- The sender ------------------------------------------------------ */

struct notify_run {
    int64_t sent;      /* delivered */
    int64_t retried;   /* failed, to be tried again */
    int64_t failed;    /* given up */
    int64_t cancelled; /* consent withdrawn, webhook revoked */
    int64_t late;      /* late notices queued */
};

/*
 * Claim one due message for owner at now and try it: *tried false when
 * none was due. run counts the outcome.
 */
enum err notify_deliver_one(struct db *db, const struct notify_config *cfg,
                            const char *owner, int64_t now, bool *tried,
                            struct notify_run *run)
    __attribute__((warn_unused_result));
/* Queue the late notices of applications whose promise passed in the last
 * NOTIFY_LATE_WINDOW_S (each once, whichever instance finds it). */
#define NOTIFY_LATE_WINDOW_S (7 * 86400)
enum err notify_late_run(struct db *db, const struct notify_config *cfg,
                         int utc_offset_min, int64_t now,
                         struct notify_run *run)
    __attribute__((warn_unused_result));

/* ---- Text messages in, the stop link --------------------------------- */

enum notify_inbound_outcome {
    NINB_DONE,     /* answered (the reply is queued) */
    NINB_BAD_FROM, /* the sender's number is not a phone number */
};
/*
 * A text from a phone: CEK (through the same throttle as the tracking
 * page, counted against the phone), STOP (every consent of that number
 * withdrawn), or help. The reply goes out through the outbox.
 */
enum err notify_inbound(const struct svc_ctx *c, const char *from,
                        const char *text, enum notify_reply *reply,
                        enum notify_inbound_outcome *outcome)
    __attribute__((warn_unused_result));
/* True when signature ("sha256=<hex>") is the HMAC-SHA256 of body under
 * the SMS token (constant time). */
bool notify_inbound_signed(const struct notify_config *cfg, const char *body,
                           size_t len, const char *signature);

enum notify_stop_outcome {
    NSTOP_FOUND,     /* the token names a consent (*sub) */
    NSTOP_UNKNOWN,   /* no such token (counted as a failed secret) */
    NSTOP_THROTTLED, /* this address failed too often */
};
/* Look up the stop link's token; when stop, withdraw every consent of its
 * record. */
enum err notify_stop(const struct svc_ctx *c, const char *token, bool stop,
                     struct notify_sub *sub, enum notify_stop_outcome *out)
    __attribute__((warn_unused_result));

/* ---- Administration -------------------------------------------------- */

/*
 * A new webhook for url (https://, or http:// to a loopback address) and
 * the event codes given; field errors to fe. *secret is the new secret,
 * to be shown once. Inside the caller's transaction.
 */
enum err notify_webhook_create(const struct svc_ctx *c, const char *url,
                               const char *const *events, size_t n_events,
                               const char *label, struct field_errors *fe,
                               struct webhook *out)
    __attribute__((warn_unused_result));

#endif
