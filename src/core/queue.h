/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.h: the counter queue's rules (antrian), pure: no clock, no I/O.
 *
 * A ticket is issued for a service group (a letter, "B") at an office on
 * a local working day and numbered per office, group and day ("B-017").
 * The order in which counters call tickets (queue_pick()):
 *
 *   1. only tickets of the same day that are waiting; a ticket transferred
 *      to a counter waits for that counter alone, any other ticket for
 *      every counter that serves its group;
 *   2. priority tickets (perlakuan khusus, UU 25/2009 Pasal 29: older
 *      people, people with disabilities, pregnant women, people with small
 *      children) before the others;
 *   3. then by the instant the ticket joined the queue (queue_at): the
 *      issue time of a walk-in, the start of its slot for a booking (its
 *      place kept whether the citizen comes early or late in the slot); a
 *      transferred ticket keeps its own;
 *   4. then by id (the order of issue when two instants are equal).
 *
 * What an officer may do with a ticket in which state is the table
 * queue_check() (every cell tested in tests/unit/test_queue.c): call
 * (waiting -> called), recall (called, fewer than QUEUE_MAX_CALLS calls),
 * no-show (called, after QUEUE_MAX_CALLS calls), start (called ->
 * serving), finish (called or serving -> done), transfer (called or
 * serving -> waiting for another counter, its calls counted again from
 * zero). A ticket of an earlier day expires.
 *
 * Figures: waiting time is issue (or slot start, when later) to the first
 * call; service time the first call to finish; both in seconds, summed up
 * as mean (rounded half up), median and 90th percentile by nearest rank,
 * as the performance measures are (docs/MEASURES.md).
 */
#ifndef SP_CORE_QUEUE_H
#define SP_CORE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"

/* Calls before a ticket may be marked a no-show (and the most it gets). */
#define QUEUE_MAX_CALLS 3
/* "B-017": a letter, a hyphen, 3 to 10 digits, NUL. */
#define QUEUE_LABEL_MAX 16
/* Booking codes: 8 characters of this alphabet (no 0/O, 1/I/L). */
#define QUEUE_BOOKING_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define QUEUE_BOOKING_LEN 8
/* Calls of a group today before a wait is estimated from the pace. */
#define QUEUE_PACE_MIN_CALLS 3

enum queue_state {
    QS_WAITING, /* in the queue */
    QS_CALLED,  /* called to a counter, not there yet */
    QS_SERVING, /* at the counter */
    QS_DONE,    /* served */
    QS_NO_SHOW, /* called QUEUE_MAX_CALLS times, never came */
    QS_EXPIRED, /* the day ended before it was served */
    QS__COUNT
};

enum queue_action {
    QA_CALL,     /* waiting -> called (the next ticket, queue_pick) */
    QA_RECALL,   /* called -> called, one more call */
    QA_NO_SHOW,  /* called (after QUEUE_MAX_CALLS calls) -> no_show */
    QA_START,    /* called -> serving */
    QA_FINISH,   /* called/serving -> done */
    QA_TRANSFER, /* called/serving -> waiting for another counter */
    QA_EXPIRE,   /* waiting/called/serving of an earlier day -> expired */
    QA__COUNT
};

/* Stable codes ("waiting", "no_show"...) and names for people. */
const char *queue_state_code(enum queue_state s);
bool queue_state_parse(const char *s, enum queue_state *out);
const char *queue_state_name(enum queue_state s, enum lang lang);
const char *queue_action_code(enum queue_action a);
bool queue_action_parse(const char *s, enum queue_action *out);
/* True for done, no_show and expired. */
bool queue_state_is_final(enum queue_state s);

enum queue_verdict {
    QV_OK,          /* allowed; *next is the result */
    QV_WRONG_STATE, /* not from this state */
    QV_TOO_EARLY,   /* no-show before QUEUE_MAX_CALLS calls */
    QV_CALLS_USED,  /* recall after QUEUE_MAX_CALLS calls */
};

struct queue_pos {
    enum queue_state state; /* current state */
    int calls;              /* calls so far (0 while never called) */
};

/* May action be taken on a ticket at cur? On QV_OK, *next is the state
 * and call count after it (cur and next may be the same object). */
enum queue_verdict queue_check(const struct queue_pos *cur,
                               enum queue_action action,
                               struct queue_pos *next);

/* A group code is one capital letter A..Z. */
bool queue_group_valid(const char *code);
/*
 * "B-017": group letter, hyphen, number with at least three digits.
 * False (out "") for a bad group or a number outside 1..9999999999.
 */
bool queue_label(char group, int64_t number, char out[QUEUE_LABEL_MAX]);

/* Does a counter serving groups ("*": every group; else "A,B,C") serve
 * group? */
bool queue_counter_serves(const char *groups, char group);
/*
 * True when groups is "*" or a comma list of distinct valid group codes
 * (at least one).
 */
bool queue_groups_valid(const char *groups);

/* A waiting ticket as the ordering rule sees it. */
struct queue_cand {
    int64_t id;                  /* ticket id (issue order) */
    char group;                  /* group letter */
    bool priority;               /* priority service */
    int64_t queue_at;            /* joined the queue (issue or slot) */
    int64_t transfer_counter_id; /* waits for this counter only, or 0 */
    const char *day;             /* local day "YYYY-MM-DD" */
    enum queue_state state;      /* only QS_WAITING is callable */
};

/* True when a is called before b (rules 2 to 4 above). */
bool queue_before(const struct queue_cand *a, const struct queue_cand *b);
/* May counter (id, groups) call c on today (rule 1)? */
bool queue_callable(const struct queue_cand *c, int64_t counter_id,
                    const char *groups, const char *today);
/*
 * The ticket counter (counter_id, serving groups) calls next among
 * c[0..n) on today: its index, or -1 when none may be called.
 */
long queue_pick(const struct queue_cand *c, size_t n, int64_t counter_id,
                const char *groups, const char *today);
/*
 * How many tickets of c[0..n) are before t in t's queue today: waiting
 * tickets of t's group that are not transferred (for a transferred t:
 * those transferred to the same counter) and come before it. t itself
 * is never counted (matched by id).
 */
size_t queue_ahead(const struct queue_cand *c, size_t n,
                   const struct queue_cand *t, const char *today);

/*
 * An estimate of the wait, in whole minutes rounded up, for a ticket with
 * ahead tickets before it, from today's pace of its group: calls tickets
 * called from first_call_at to now, so one call every
 * (now - first_call_at) / calls seconds, and the ticket is called after
 * ahead + 1 of them. False (no estimate) with fewer than
 * QUEUE_PACE_MIN_CALLS calls or a span that is not positive.
 */
bool queue_estimate_minutes(int64_t ahead, int64_t calls, int64_t first_call_at,
                            int64_t now, int64_t *minutes);

/* Waiting time: called_at - max(issued_at, queue_at), never below 0. */
int64_t queue_wait_s(int64_t issued_at, int64_t queue_at, int64_t called_at);
/* Service time: finished_at - called_at, never below 0. */
int64_t queue_service_s(int64_t called_at, int64_t finished_at);

struct queue_stats {
    int64_t n;        /* values */
    int64_t mean_s;   /* mean, rounded half up to a second */
    int64_t median_s; /* 50th percentile by nearest rank */
    int64_t p90_s;    /* 90th percentile by nearest rank */
};
/*
 * The statistics of v[0..n) (seconds, >= 0); v is sorted in place. False
 * (and *out zeroed) when n is 0.
 */
bool queue_stats_of(int64_t *v, size_t n, struct queue_stats *out);

/* n values equal to value (a histogram's bar). */
struct queue_bucket {
    int64_t value; /* seconds; below 0 counts as 0 */
    int64_t n;     /* how many; 0 or less is ignored */
};
/*
 * The same statistics from a histogram b[0..n) in any order (sorted in
 * place): what queue_stats_of() gives for the values it stands for.
 */
bool queue_stats_of_hist(struct queue_bucket *b, size_t n,
                         struct queue_stats *out);

/* The figures of one key. */
struct queue_fig_line {
    const char *key;            /* office code, group, day or hour "08" */
    int64_t issued;             /* tickets issued */
    int64_t served;             /* served (done) */
    int64_t no_shows;           /* no-shows */
    struct queue_stats wait;    /* issue (or slot) to first call */
    struct queue_stats service; /* first call to finish (served ones) */
};
struct queue_figures {
    struct queue_fig_line total;      /* everything in the scope */
    struct queue_fig_line *by_office; /* per office code */
    size_t n_office;
    struct queue_fig_line *by_group; /* per group letter */
    size_t n_group;
    struct queue_fig_line *by_day; /* per local day */
    size_t n_day;
    struct queue_fig_line *by_hour; /* per local hour of issue, "07" */
    size_t n_hour;
    bool detailed; /* by day and hour were computed (a short period) */
};

/* A day a booking may be made for, with its slots and places left. */
struct queue_book_day {
    const char *date;   /* "YYYY-MM-DD" */
    int weekday;        /* 0 = Sunday */
    const char **slots; /* "08:30", ... */
    int64_t *left;      /* places left in each */
    size_t n_slots;
};

/*
 * The booking slots of a day open from open_min to close_min (minutes
 * after midnight): one every slot_min minutes from opening, each starting
 * at least slot_min / 2 before closing. Start minutes into starts[0..cap);
 * returns how many (0 for a closed day or a slot_min outside 5..480).
 */
size_t queue_slots(int open_min, int close_min, int slot_min, int *starts,
                   size_t cap);
/*
 * A booking code as typed: case, spaces and hyphens ignored; exactly
 * QUEUE_BOOKING_LEN characters of QUEUE_BOOKING_ALPHABET. out gets the
 * canonical form "K7QM9XPA" (QUEUE_BOOKING_LEN + 1 bytes).
 */
bool queue_booking_code_parse(const char *typed, char *out);

#endif
