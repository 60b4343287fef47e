/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.h: the counter queue in the database: service groups, per office
 * its change counter and booking quotas, counters, tickets and their
 * events (append-only), bookings and slot use. The rules (order, states,
 * figures) are core/queue.h's; the transactions are the services'
 * (svc/queue.h).
 *
 * Ordering of concurrent writes: every change to an office's queue starts
 * with queue_office_touch() inside its transaction, an UPDATE of the
 * office's row in queue_offices. On PostgreSQL that row lock is held
 * until the commit, so the calls of one office happen one after another
 * and each sees what the one before committed (READ COMMITTED gives every
 * statement a fresh snapshot); SQLite's BEGIN IMMEDIATE serialises all
 * writers anyway. The counter it increments (seq) is also what every
 * server instance watches to refresh the display boards
 * (queue_office_seqs()).
 *
 * Text in returned structs is copied into the caller's arena.
 */
#ifndef SP_STORE_QUEUE_H
#define SP_STORE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/lang.h"
#include "core/queue.h"

struct arena;
struct db;

/* A service group: the letter of its tickets and the categories of the
 * catalogue it serves. */
struct queue_group {
    const char *code;       /* "B" */
    struct text2 name;      /* "Surat keterangan ..." */
    const char *categories; /* "keterangan,legalisasi" ("" for none) */
    int ord;                /* display order */
    bool active;            /* offered at kiosks */
};

enum err queue_groups_list(struct db *db, struct arena *a, bool active_only,
                           struct queue_group **items, size_t *n_items)
    __attribute__((warn_unused_result));

/* An office's queue settings and change counter. */
struct queue_office {
    int64_t office_id; /* offices.id */
    int64_t seq;       /* change counter: every queue write adds one */
    int slot_minutes;  /* booking slot length */
    int slot_quota;    /* bookings per slot */
    int booking_days;  /* how many days ahead bookings are taken */
};

/*
 * Make sure office_id has its queue row and at least one counter: a new
 * service point starts with counter "1" ("Loket 1") serving every group.
 * Idempotent and safe when several instances do it at once.
 */
enum err queue_office_ensure(struct db *db, int64_t office_id, int64_t now)
    __attribute__((warn_unused_result));
/* The settings (defaults when the office has no queue row yet). */
enum err queue_office_get(struct db *db, int64_t office_id,
                          struct queue_office *out)
    __attribute__((warn_unused_result));
/* Change the booking settings (inside a transaction with the audit). */
enum err queue_office_set(struct db *db, int64_t office_id, int slot_minutes,
                          int slot_quota, int booking_days, int64_t now)
    __attribute__((warn_unused_result));
/*
 * Inside a write transaction, first: lock the office's queue row and add
 * one to its change counter (*seq: the new value, may be NULL). The row
 * must exist (queue_office_ensure()).
 */
enum err queue_office_touch(struct db *db, int64_t office_id, int64_t now,
                            int64_t *seq) __attribute__((warn_unused_result));

/* Every office's change counter (for the display boards' watcher). */
struct queue_seq {
    int64_t office_id; /* offices.id */
    int64_t seq;       /* its change counter */
};
enum err queue_office_seqs(struct db *db, struct arena *a,
                           struct queue_seq **items, size_t *n_items)
    __attribute__((warn_unused_result));

struct queue_counter {
    int64_t id;             /* queue_counters.id */
    int64_t office_id;      /* its office */
    const char *code;       /* "1", "2", "A1" */
    const char *name;       /* "Loket 1" */
    const char *serves;     /* "*" or "A,B" */
    bool active;            /* calls and transfers only to active ones */
    int64_t user_id;        /* the officer signed in to it, or 0 */
    const char *user_login; /* their login, or NULL */
    const char *user_name;  /* their name, or NULL */
    int64_t signed_in_at;   /* when, or 0 */
};

/* An office's counters by code (active_only: without the inactive). */
enum err queue_counters_list(struct db *db, struct arena *a, int64_t office_id,
                             bool active_only, struct queue_counter **items,
                             size_t *n_items)
    __attribute__((warn_unused_result));
enum err queue_counter_get(struct db *db, struct arena *a, int64_t office_id,
                           const char *code, struct queue_counter *out)
    __attribute__((warn_unused_result));
enum err queue_counter_get_by_id(struct db *db, struct arena *a, int64_t id,
                                 struct queue_counter *out)
    __attribute__((warn_unused_result));
/* Create or change counter code of office_id. */
enum err queue_counter_put(struct db *db, int64_t office_id, const char *code,
                           const char *name, const char *serves, bool active,
                           int64_t now) __attribute__((warn_unused_result));
/*
 * Sign user_id in to counter_id (and out of any other counter), or with
 * counter_id 0 out of every counter.
 */
enum err queue_counter_sign_in(struct db *db, int64_t user_id,
                               int64_t counter_id, int64_t now)
    __attribute__((warn_unused_result));
/* The counter user_id is signed in to; ERR_NOT_FOUND when none. */
enum err queue_counter_of_user(struct db *db, struct arena *a, int64_t user_id,
                               struct queue_counter *out)
    __attribute__((warn_unused_result));

struct queue_ticket {
    int64_t id;                  /* queue_tickets.id */
    int64_t office_id;           /* its office */
    const char *day;             /* local day "YYYY-MM-DD" */
    char group;                  /* group letter */
    int64_t number;              /* per office, group and day */
    const char *label;           /* "B-017" */
    bool priority;               /* priority service */
    int64_t booking_id;          /* from a booking, or 0 */
    const char *channel;         /* "kiosk", "desk", "api" */
    int64_t device_id;           /* the kiosk that issued it, or 0 */
    enum queue_state state;      /* current state */
    int64_t issued_at;           /* Unix seconds */
    int64_t queue_at;            /* place in the queue (issue or slot) */
    int64_t counter_id;          /* the counter that called it, or 0 */
    const char *counter_code;    /* its code, or NULL */
    const char *counter_name;    /* its name, or NULL */
    int64_t transfer_counter_id; /* waits for this counter only, or 0 */
    const char *transfer_code;   /* its code, or NULL */
    int calls;                   /* calls since issue or transfer */
    int64_t called_at;           /* first call, or 0 */
    int64_t last_called_at;      /* latest call, or 0 */
    int64_t started_at;          /* service started, or 0 */
    int64_t finished_at;         /* served, or 0 */
    int64_t ended_at;            /* no-show or expired, or 0 */
    int64_t application_id;      /* the application registered, or 0 */
    const char *regno;           /* its registration number, or NULL */
    int64_t served_by;           /* the officer who finished it, or 0 */
    int version;                 /* optimistic concurrency */
};

/* The next number of group on day at office_id, from a counter row
 * locked by the caller's transaction (restarts every day). */
enum err queue_next_number(struct db *db, int64_t office_id, const char *day,
                           char group, int64_t *number)
    __attribute__((warn_unused_result));
/* Insert t (t->id set) with the SHA-256 of its follow token. */
enum err queue_ticket_insert(struct db *db, struct queue_ticket *t,
                             const char *token_hash)
    __attribute__((warn_unused_result));
enum err queue_ticket_get(struct db *db, struct arena *a, int64_t id,
                          struct queue_ticket *out)
    __attribute__((warn_unused_result));
/* The ticket whose follow token hashes to token_hash. */
enum err queue_ticket_by_token(struct db *db, struct arena *a,
                               const char *token_hash, struct queue_ticket *out)
    __attribute__((warn_unused_result));
/* The latest ticket linked to application_id; ERR_NOT_FOUND when none. */
enum err queue_ticket_of_application(struct db *db, struct arena *a,
                                     int64_t application_id,
                                     struct queue_ticket *out)
    __attribute__((warn_unused_result));
/* The ticket counter_id has called or is serving; ERR_NOT_FOUND if none. */
enum err queue_ticket_at_counter(struct db *db, struct arena *a,
                                 int64_t counter_id, const char *day,
                                 struct queue_ticket *out)
    __attribute__((warn_unused_result));
/* Where a ticket stands. */
struct queue_where {
    struct queue_ticket ticket; /* the ticket */
    int64_t ahead;              /* waiting before it (0 once called) */
    bool has_estimate;          /* an estimate could be made */
    int64_t estimate_min;       /* minutes, when has_estimate */
};

/*
 * The waiting tickets of office_id on day, as the ordering rule sees
 * them (struct queue_cand, day borrowed from `day`).
 */
enum err queue_waiting(struct db *db, struct arena *a, int64_t office_id,
                       const char *day, struct queue_cand **items,
                       size_t *n_items) __attribute__((warn_unused_result));
/*
 * Write t's state fields (state, counter, transfer counter, calls, the
 * times, application, served_by) if the row still has version expected,
 * and add one to the version. ERR_CONFLICT when another change came first.
 */
enum err queue_ticket_update(struct db *db, const struct queue_ticket *t,
                             int expected) __attribute__((warn_unused_result));
/* Append an event of t (its office and day) to the history. */
enum err queue_event_add(struct db *db, const struct queue_ticket *t,
                         int64_t at, const char *actor, const char *action,
                         int64_t counter_id, const char *note)
    __attribute__((warn_unused_result));
/*
 * Link ticket_id (of office_id, called or being served) to
 * application_id; ERR_NOT_FOUND when no such ticket.
 */
enum err queue_ticket_link(struct db *db, int64_t ticket_id, int64_t office_id,
                           int64_t application_id)
    __attribute__((warn_unused_result));
/* Calls of group today at office_id and the first of them (pace). */
enum err queue_pace(struct db *db, int64_t office_id, const char *day,
                    char group, int64_t *calls, int64_t *first_call_at)
    __attribute__((warn_unused_result));

/* One line of a display board. */
struct queue_board_call {
    const char *label;        /* "B-017" */
    const char *counter_code; /* "2" */
    const char *counter_name; /* "Loket 2" */
    int64_t at;               /* when called */
    enum queue_state state;   /* called or serving (the "serving" list) */
    bool priority;            /* priority ticket */
    int64_t event_id;         /* the call's event (the "calls" list) */
};

struct queue_board {
    int64_t seq;                      /* the office's change counter */
    int64_t waiting;                  /* tickets waiting today */
    struct queue_board_call *serving; /* called or served now, by counter */
    size_t n_serving;
    struct queue_board_call *calls; /* the last five calls, newest first */
    size_t n_calls;
};
/*
 * What a display board shows for office_id on day. The change counter is
 * read first, so a change made while the rest is read is seen again at
 * the next look at the counter.
 */
enum err queue_board_get(struct db *db, struct arena *a, int64_t office_id,
                         const char *day, struct queue_board *out)
    __attribute__((warn_unused_result));

/*
 * The jobs: tickets of days before today still waiting, called or being
 * served become expired (with an event); *n how many.
 */
enum err queue_expire(struct db *db, const char *today, int64_t now, int64_t *n)
    __attribute__((warn_unused_result));

/* Bookings. */
enum booking_state {
    BOOKING_BOOKED,     /* holds its place in the slot */
    BOOKING_CHECKED_IN, /* turned into a ticket at the office */
    BOOKING_NO_SHOW,    /* the slot passed without the citizen */
    BOOKING_CANCELLED,  /* cancelled by the citizen */
};
const char *booking_state_code(enum booking_state s);

struct queue_booking {
    int64_t id;               /* queue_bookings.id */
    const char *code;         /* "K7QM9XPA" */
    int64_t office_id;        /* the office */
    const char *office_code;  /* its code */
    const char *office_name;  /* its name */
    const char *day;          /* "YYYY-MM-DD" */
    const char *slot;         /* "08:30" */
    int64_t slot_start;       /* Unix seconds */
    int64_t slot_end;         /* Unix seconds */
    int64_t service_id;       /* services.id */
    const char *service_code; /* "SKTM" */
    char group;               /* the group of the service */
    const char *name;         /* the citizen's name */
    const char *phone;        /* and phone */
    enum booking_state state; /* see above */
    int64_t ticket_id;        /* the ticket it became, or 0 */
    int64_t created_at;       /* Unix seconds */
};

/*
 * Take one place of slot on day at office_id if fewer than quota are
 * taken: *taken true (and the use counted) or false (full). Race-free: a
 * single guarded UPDATE.
 */
enum err queue_slot_take(struct db *db, int64_t office_id, const char *day,
                         const char *slot, int quota, bool *taken)
    __attribute__((warn_unused_result));
/* Give a place back (a cancelled booking). */
enum err queue_slot_give(struct db *db, int64_t office_id, const char *day,
                         const char *slot) __attribute__((warn_unused_result));
/* Places taken in slot on day at office_id (0 when none). */
enum err queue_slot_used(struct db *db, int64_t office_id, const char *day,
                         const char *slot, int64_t *used)
    __attribute__((warn_unused_result));
/* Insert b (b->id set) with the SHA-256 of its follow token and the
 * address it came from. */
enum err queue_booking_insert(struct db *db, struct queue_booking *b,
                              const char *token_hash, const char *addr)
    __attribute__((warn_unused_result));
enum err queue_booking_by_code(struct db *db, struct arena *a, const char *code,
                               struct queue_booking *out)
    __attribute__((warn_unused_result));
enum err queue_booking_by_token(struct db *db, struct arena *a,
                                const char *token_hash,
                                struct queue_booking *out)
    __attribute__((warn_unused_result));
/* Move booking id from state `from` to `to` (ticket_id when checked in);
 * *changed false when it was not in `from` any more. */
enum err queue_booking_move(struct db *db, int64_t id, enum booking_state from,
                            enum booking_state to, int64_t ticket_id,
                            int64_t now, bool *changed)
    __attribute__((warn_unused_result));
/* Open bookings (booked) of phone at office_id on day. */
enum err queue_bookings_of_phone(struct db *db, int64_t office_id,
                                 const char *day, const char *phone, int64_t *n)
    __attribute__((warn_unused_result));
/* The jobs: bookings still booked whose slot ended before `before` become
 * no-shows; *n how many. */
enum err queue_bookings_release(struct db *db, int64_t before, int64_t now,
                                int64_t *n) __attribute__((warn_unused_result));

/*
 * The figures, aggregated by the database (no ticket is read into memory):
 * per key of a dimension, the counts, and the histograms of waiting and
 * service times in seconds.
 */
enum queue_fig_dim {
    QFD_TOTAL,        /* one key, "" */
    QFD_OFFICE,       /* the office's code */
    QFD_GROUP,        /* the group letter */
    QFD_DAY,          /* the ticket's local day */
    QFD_HOUR,         /* the local hour of issue, "7" */
    QFD_OFFICE_GROUP, /* QFD_OFFICE and QFD_GROUP in one statement: each
                         row says which in its dim */
};
struct queue_fig_filter {
    int64_t office_id;    /* one office, or 0 */
    const char *district; /* the offices of a district, or NULL */
    const char *from_day; /* first day, inclusive */
    const char *to_day;   /* last day, inclusive */
    int utc_offset_min;   /* the zone of the hours */
    size_t cap;           /* at most this many rows (ERR_TOO_LARGE beyond) */
};
struct queue_fig_count {
    enum queue_fig_dim dim; /* the row's dimension */
    const char *key;        /* see enum queue_fig_dim */
    int64_t issued;         /* tickets */
    int64_t served;         /* done */
    int64_t no_shows;       /* no_show */
};
struct queue_fig_value {
    enum queue_fig_dim dim; /* the row's dimension */
    const char *key;        /* see enum queue_fig_dim */
    char kind;     /* 'w' waiting (called tickets), 's' service (done) */
    int64_t value; /* seconds (a wait can be below 0: called before its
                      booked slot) */
    int64_t n;     /* tickets with it */
};
/* Counts per key (in no particular order). */
enum err queue_fig_counts(struct db *db, struct arena *a,
                          const struct queue_fig_filter *f,
                          enum queue_fig_dim dim,
                          struct queue_fig_count **items, size_t *n_items)
    __attribute__((warn_unused_result));
/* The histograms per key (in no particular order). */
enum err queue_fig_values(struct db *db, struct arena *a,
                          const struct queue_fig_filter *f,
                          enum queue_fig_dim dim,
                          struct queue_fig_value **items, size_t *n_items)
    __attribute__((warn_unused_result));

#endif
