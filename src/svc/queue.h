/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.h: the counter queue's services, free of HTTP, shared by the
 * kiosk, the officer's desk, the API, the display boards, the citizen's
 * phone page, bookings and the jobs.
 *
 * Rules beyond the core table (core/queue.h):
 *   - tickets are issued at a service point only, for an active group,
 *     numbered per office, group and local day (the regency's zone);
 *   - a booking code turns into a ticket of its booking's group, at its
 *     own office, on its day, from QUEUE_BOOKING_EARLY_S before its slot
 *     until QUEUE_BOOKING_GRACE_S after the slot ends; the ticket's place
 *     in the queue is the start of the slot; a wrong code counts as a
 *     failed secret of the address (svc/guard.h);
 *   - a counter calls the next ticket only when it has none called or
 *     being served (QO_COUNTER_BUSY otherwise), so every service time
 *     has an end;
 *   - a transfer goes to another active counter of the same office;
 *   - anonymous doors are rate-limited: a kiosk device issues at most
 *     QUEUE_RATE_DEVICE_MAX tickets an hour; an address books at most
 *     QUEUE_BOOK_RATE_ADDR_MAX times an hour and QUEUE_BOOK_RATE_DAY_MAX a
 *     day, and a phone number holds one open booking per office and day;
 *   - the citizen's ticket and booking pages open with a 128-bit token
 *     (stored as its SHA-256) through the guard: a wrong token counts
 *     against the address, a blocked address is answered "throttled".
 *
 * Every write bumps the office's change counter in its transaction (see
 * store/queue.h), which is what the display boards watch.
 */
#ifndef SP_SVC_QUEUE_H
#define SP_SVC_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "core/office.h"
#include "store/queue.h"
#include "svc/svc.h"

#define QUEUE_RATE_DEVICE_MAX 600        /* tickets per kiosk per hour */
#define QUEUE_BOOK_RATE_ADDR_MAX 5       /* bookings per address per hour */
#define QUEUE_BOOK_RATE_DAY_MAX 20       /* and per day */
#define QUEUE_BOOKING_EARLY_S (2 * 3600) /* check in from 2 h before */
#define QUEUE_BOOKING_GRACE_S (15 * 60)  /* until 15 min after the slot */
#define QUEUE_TOKEN_HEX 32               /* follow tokens: 128 bits */
#define QUEUE_FIG_CAP 500000             /* rows of figures read at most */
#define QUEUE_FIG_DETAIL_DAYS 93         /* by day and hour up to this */

enum queue_outcome {
    QO_DONE,         /* done */
    QO_INVALID,      /* field errors (nothing written) */
    QO_NOBODY,       /* call: nobody waits for this counter */
    QO_COUNTER_BUSY, /* call: the counter has a ticket called or served */
    QO_NOT_ALLOWED,  /* not in this state */
    QO_TOO_EARLY,    /* no-show before QUEUE_MAX_CALLS calls */
    QO_CALLS_USED,   /* recall after QUEUE_MAX_CALLS calls */
    QO_STALE,        /* someone else acted first */
    QO_RATE_LIMITED, /* too many through this door */
    QO_FULL,         /* the booking slot is full */
    QO_NOT_FOUND,    /* unknown token (counted) */
    QO_THROTTLED,    /* this address failed too often */
};

/* What a kiosk, the desk or an API client asks for. */
struct queue_issue_in {
    const struct office *office; /* the service point */
    const char *group;           /* group code (ignored with a booking) */
    bool priority;               /* priority service */
    const char *booking;         /* booking code as typed, or NULL/"" */
    const char *channel;         /* "kiosk", "desk" or "api" */
    int64_t device_id;           /* the kiosk device, or 0 */
};

struct queue_issued {
    struct queue_ticket ticket; /* the new ticket */
    int64_t ahead;              /* tickets before it in its queue */
    const char *token;          /* follow token (shown once; arena) */
    struct queue_group group;   /* its group */
};

/*
 * Issue a ticket (one transaction with its event and, for a booking, the
 * booking checked in). Field errors to fe (QO_INVALID); QO_RATE_LIMITED
 * for a kiosk over its hourly count. ERR_CONFLICT when a twin with c's
 * replay key came first (the replay keeps the ticket id and the token).
 */
enum err queue_issue(const struct svc_ctx *c, const struct queue_issue_in *in,
                     struct field_errors *fe, struct queue_issued *out,
                     enum queue_outcome *outcome)
    __attribute__((warn_unused_result));

/* The groups offered and the counters of office o (counter "1" for every
 * group made first when it has none). */
enum err queue_setup(const struct svc_ctx *c, const struct office *o,
                     struct queue_group **groups, size_t *n_groups,
                     struct queue_counter **counters, size_t *n_counters)
    __attribute__((warn_unused_result));

/*
 * Counter k calls the next ticket (core/queue.h's order); *out is it on
 * QO_DONE. QO_NOBODY when nobody waits for k, QO_COUNTER_BUSY when k has
 * one called or being served (*out is that one).
 */
enum err queue_call_next(const struct svc_ctx *c, const struct queue_counter *k,
                         struct queue_ticket *out, enum queue_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * Take action (recall, no-show, start, finish, transfer) on t; to is the
 * counter of a transfer (else NULL); regno links the application
 * registered for it (finish; NULL or "" for none). expected is the
 * version the officer saw (0: t's). On QO_DONE *t is updated.
 */
enum err queue_act(const struct svc_ctx *c, struct queue_ticket *t,
                   enum queue_action action, const struct queue_counter *to,
                   const char *regno, int expected, enum queue_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * Link the ticket ticket_id of office_id (called or being served) to the
 * application application_id, inside the caller's transaction (intake).
 */
enum err queue_link_in_tx(const struct svc_ctx *c, int64_t ticket_id,
                          int64_t office_id, int64_t application_id)
    __attribute__((warn_unused_result));

/* The position of t now (ahead, estimate from today's pace). */
enum err queue_where_is(const struct svc_ctx *c, const struct queue_ticket *t,
                        struct queue_where *out)
    __attribute__((warn_unused_result));
/* The ticket of a follow token (guarded): QO_DONE, QO_NOT_FOUND (counted)
 * or QO_THROTTLED. */
enum err queue_follow(const struct svc_ctx *c, const char *token,
                      struct queue_where *out, enum queue_outcome *outcome)
    __attribute__((warn_unused_result));

/* A citizen's booking request. */
struct queue_book_in {
    const struct office *office; /* the office */
    const char *date;            /* "YYYY-MM-DD" */
    const char *slot;            /* "08:30" */
    const char *service;         /* service code */
    const char *name;            /* the citizen's name */
    const char *phone;           /* and phone */
};
/* The days from tomorrow ... (up to booking_days ahead; today too while a
 * slot has not begun) on which o takes bookings. */
enum err queue_book_days(const struct svc_ctx *c, const struct office *o,
                         struct queue_book_day **days, size_t *n_days)
    __attribute__((warn_unused_result));
/*
 * Book (one transaction: a place of the slot taken, the booking). Field
 * errors to fe (QO_INVALID), QO_FULL when the slot has no place left,
 * QO_RATE_LIMITED for an address over its counts. *token is the follow
 * token (arena), shown once.
 */
enum err queue_book(const struct svc_ctx *c, const struct queue_book_in *in,
                    struct field_errors *fe, struct queue_booking *out,
                    const char **token, enum queue_outcome *outcome)
    __attribute__((warn_unused_result));
/* A booking by its follow token (guarded, as queue_follow()). */
enum err queue_booking_follow(const struct svc_ctx *c, const char *token,
                              struct queue_booking *out,
                              enum queue_outcome *outcome)
    __attribute__((warn_unused_result));
/* Cancel b (still booked): its place is given back. */
enum err queue_booking_cancel(const struct svc_ctx *c, struct queue_booking *b,
                              enum queue_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * Waiting and service times of the tickets of f's scope, aggregated by the
 * database: the total, per office and per group; per day and per hour of
 * issue too when the period is shorter than QUEUE_FIG_DETAIL_DAYS days
 * (out->detailed). ERR_TOO_LARGE beyond QUEUE_FIG_CAP rows of a
 * histogram (distinct waiting times of a dimension).
 */
enum err queue_figures_get(const struct svc_ctx *c,
                           const struct queue_fig_filter *f,
                           struct queue_figures *out)
    __attribute__((warn_unused_result));

/* The jobs at now: tickets of past days expire, bookings whose slot
 * ended QUEUE_BOOKING_GRACE_S ago become no-shows. */
enum err queue_jobs(struct db *db, int64_t now, int utc_offset_min,
                    int64_t *expired, int64_t *released)
    __attribute__((warn_unused_result));

#endif
