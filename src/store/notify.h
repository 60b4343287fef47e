/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: the notifications' tables: the citizens' consent
 * (subscriptions), the administrators' webhooks, the outbox, and the late
 * notices already given.
 *
 * The outbox is written in the transaction of the event that causes a
 * message, so a message exists exactly when its event committed. A sender
 * claims a due message with one guarded UPDATE (state queued, or sending
 * with its lease run out, and due): two senders never hold the same
 * message, and a sender that died holding one loses it when the lease
 * ends. Only the holder (lease_owner) can record the outcome.
 */
#ifndef SP_STORE_NOTIFY_H
#define SP_STORE_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/lang.h"
#include "core/notify.h"

struct arena;
struct db;

/* A citizen's consent to messages about one record on one channel. */
struct notify_sub {
    int64_t id;                  /* notify_subscriptions.id */
    const char *kind;            /* "application" or "complaint" */
    int64_t ref_id;              /* applications.id or complaints.id */
    enum notify_channel channel; /* NCH_SMS or NCH_EMAIL */
    const char *address;         /* E.164 number or e-mail address */
    enum lang lang;              /* the language of the messages */
    const char *token;           /* the stop link's token (32 hex) */
    int64_t created_at;          /* Unix seconds */
    int64_t stopped_at;          /* withdrawn, or 0 */
    const char *number;          /* the record's number (when read) */
};

/* Insert s (sets s->id). */
enum err notify_sub_add(struct db *db, struct notify_sub *s)
    __attribute__((warn_unused_result));
/* The consents still given for a record (arena array). */
enum err notify_subs_of(struct db *db, struct arena *a, const char *kind,
                        int64_t ref_id, struct notify_sub **items, size_t *n)
    __attribute__((warn_unused_result));
/* The consent with this id (stopped or not); ERR_NOT_FOUND when none. */
enum err notify_sub_get(struct db *db, struct arena *a, int64_t id,
                        struct notify_sub *out)
    __attribute__((warn_unused_result));
/* The consent with this stop token; ERR_NOT_FOUND when none. */
enum err notify_sub_by_token(struct db *db, struct arena *a, const char *token,
                             struct notify_sub *out)
    __attribute__((warn_unused_result));
/* Withdraw every consent for a record; *changed how many were given. */
enum err notify_subs_stop_ref(struct db *db, const char *kind, int64_t ref_id,
                              int64_t now, int64_t *changed)
    __attribute__((warn_unused_result));
/* Withdraw every consent to a channel's address (STOP by SMS). */
enum err notify_subs_stop_address(struct db *db, enum notify_channel ch,
                                  const char *address, int64_t now,
                                  int64_t *changed)
    __attribute__((warn_unused_result));

/* An integration's endpoint. */
struct webhook {
    int64_t id;         /* webhooks.id */
    const char *url;    /* https://... */
    const char *events; /* event codes, comma-separated */
    const char *secret; /* the HMAC key (shown once when created) */
    const char *label;  /* what it is for */
    int64_t created_at; /* Unix seconds */
    int64_t revoked_at; /* or 0 */
};

enum err webhooks_add(struct db *db, struct webhook *w, int64_t created_by)
    __attribute__((warn_unused_result));
enum err webhooks_get(struct db *db, struct arena *a, int64_t id,
                      struct webhook *out) __attribute__((warn_unused_result));
/* Every webhook, newest first; the active ones only when active_only. */
enum err webhooks_list(struct db *db, struct arena *a, bool active_only,
                       struct webhook **items, size_t *n)
    __attribute__((warn_unused_result));
/* ERR_NOT_FOUND when there is no such active webhook. */
enum err webhooks_revoke(struct db *db, int64_t id, int64_t now)
    __attribute__((warn_unused_result));

/* The states of an outbox message. */
enum notify_state {
    NST_QUEUED,    /* waiting until next_at */
    NST_SENDING,   /* claimed by a sender until next_at (its lease) */
    NST_SENT,      /* the receiving side took it */
    NST_FAILED,    /* given up after the last try */
    NST_CANCELLED, /* consent withdrawn or webhook revoked before sending */
    NST__COUNT
};
#define NOTIFY_STATES NST__COUNT
const char *notify_state_code(enum notify_state s); /* "queued", ... */
bool notify_state_parse(const char *code, enum notify_state *out);
const char *notify_state_name(enum notify_state s, enum lang lang);

struct notify_msg {
    int64_t id;                  /* notify_outbox.id */
    const char *idem_key;        /* idempotency key, unique */
    enum notify_channel channel; /* sms, email, webhook */
    const char *recipient;       /* E.164, e-mail, or "webhook:<id>" */
    int64_t webhook_id;          /* or 0 */
    int64_t subscription_id;     /* the consent it was sent under, or 0 */
    const char *event;           /* event code */
    const char *ref_no;          /* registration/complaint number, or NULL */
    const char *subject;         /* e-mail subject, or "" */
    const char *body;            /* text (JSON for a webhook) */
    int64_t created_at;          /* when its event committed */
    enum notify_state state;     /* where it is */
    int attempts;                /* tries so far (claims) */
    int64_t next_at;             /* due (queued) or lease end (sending) */
    int64_t sent_at;             /* or 0 */
    const char *last_error;      /* the last failure, or NULL */
    int64_t last_error_at;       /* or 0 */
};

/* Queue m (state queued, due at m->created_at); sets m->id. */
enum err notify_outbox_put(struct db *db, struct notify_msg *m)
    __attribute__((warn_unused_result));
/*
 * Claim the next due message of the channels given (sms, email on when
 * true; webhooks always) for owner until now + lease_s: *got false when
 * none is due. The claim counts as an attempt.
 */
enum err notify_outbox_claim(struct db *db, struct arena *a, int64_t now,
                             int64_t lease_s, const char *owner, bool sms,
                             bool email, struct notify_msg *out, bool *got)
    __attribute__((warn_unused_result));
/* Record a delivery by owner; *kept false when the lease was lost (another
 * sender took the message over after it ran out). */
enum err notify_outbox_sent(struct db *db, int64_t id, const char *owner,
                            int64_t now, bool *kept)
    __attribute__((warn_unused_result));
/* Record a failed try by owner: queued again for next_at, or failed for
 * good when give_up (or cancelled when cancel: consent withdrawn, webhook
 * revoked). */
enum err notify_outbox_failed(struct db *db, int64_t id, const char *owner,
                              int64_t now, int64_t next_at, bool give_up,
                              bool cancel, const char *error)
    __attribute__((warn_unused_result));
/* Queue a failed message again (an administrator's resend): attempts
 * start again. ERR_NOT_FOUND when it is not failed. */
enum err notify_outbox_resend(struct db *db, int64_t id, int64_t now)
    __attribute__((warn_unused_result));
enum err notify_outbox_get(struct db *db, struct arena *a, int64_t id,
                           struct notify_msg *out)
    __attribute__((warn_unused_result));

struct notify_outbox_filter {
    int state;          /* enum notify_state, or -1 */
    int channel;        /* enum notify_channel, or -1 */
    const char *ref_no; /* one record's messages, or NULL */
    int limit;          /* 1..1000 */
};
/* The newest messages first. */
enum err notify_outbox_list(struct db *db, struct arena *a,
                            const struct notify_outbox_filter *f,
                            struct notify_msg **items, size_t *n)
    __attribute__((warn_unused_result));

/* What the administrators and monitoring see, per channel. */
struct notify_stats {
    int64_t count[NCH__COUNT][NOTIFY_STATES]; /* messages per state */
    int64_t oldest_queued_at[NCH__COUNT];     /* or 0 */
    int64_t sent_day[NCH__COUNT];             /* sent in the last 24 h */
    int64_t latency_avg_s[NCH__COUNT];        /* of those: event to sent */
    int64_t latency_max_s[NCH__COUNT];
    const char *last_error[NCH__COUNT]; /* or NULL */
    int64_t last_error_at[NCH__COUNT];  /* or 0 */
};
enum err notify_outbox_stats(struct db *db, struct arena *a, int64_t now,
                             struct notify_stats *out)
    __attribute__((warn_unused_result));

/*
 * Open applications (not returned, not ready) whose promise passed in
 * [since, now) without a late notice yet: their registration numbers
 * (arena), at most limit.
 */
enum err notify_late_candidates(struct db *db, struct arena *a, int64_t since,
                                int64_t now, int limit, const char ***regnos,
                                size_t *n) __attribute__((warn_unused_result));
/* Record the late notice of an application: *claimed false when one was
 * recorded already (by this or another instance). */
enum err notify_late_claim(struct db *db, int64_t application_id, int64_t now,
                           bool *claimed) __attribute__((warn_unused_result));

#endif
