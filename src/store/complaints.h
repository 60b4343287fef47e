/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * complaints.h: complaints, their append-only events, categories and
 * photos, and the two jobs the server runs on a schedule: escalation of
 * overdue complaints to the Sekkab's list and closing answered complaints
 * whose reply window passed. Both jobs are single UPDATE statements guarded
 * by their own condition, so several server instances running them at the
 * same moment escalate or close each complaint exactly once.
 */
#ifndef SP_STORE_COMPLAINTS_H
#define SP_STORE_COMPLAINTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/complaint.h"
#include "core/lang.h"

struct arena;
struct db;

/* A photo as stored (after scaling and cleaning, svc_photo()). */
#define PHOTO_MAX_BYTES (2 * 1024 * 1024)
/* A photo as a phone takes it: accepted up to this, then scaled. */
#define PHOTO_MAX_UPLOAD (12 * 1024 * 1024)
/* The longer side of a stored photo, in pixels. */
#define PHOTO_MAX_SIDE 1600

struct complaint {
    int64_t id;                       /* complaints.id */
    const char *number;               /* "P-26-009-00001-3" */
    const char *pin;                  /* 6-digit tracking PIN */
    const char *token;                /* Open311 token (random), or NULL */
    int64_t office_id;                /* the office complained about */
    const char *office_code;          /* its code */
    const char *office_name;          /* its name */
    const char *category;             /* category code */
    const char *regno;                /* related application, or NULL */
    const char *body;                 /* the complaint (text) */
    int64_t photo_id;                 /* photos.id, or 0 */
    enum complaint_identity identity; /* named, confidential, anonymous */
    const char *name;                 /* complainant's name, or NULL */
    const char *contact;              /* phone or e-mail, or NULL */
    const char *address;              /* location text (Open311), or NULL */
    const char *channel;              /* "web", "paper", "kiosk", "open311" */
    const char *slip_date;            /* the date on a paper slip, or NULL */
    enum complaint_state state;       /* current state */
    int64_t received_at;  /* Unix seconds (the slip's date for paper) */
    int64_t verified_at;  /* or 0 */
    int64_t answered_at;  /* or 0 */
    int64_t reopened_at;  /* or 0 */
    int64_t closed_at;    /* or 0 */
    int64_t deadline_at;  /* the current deadline, or 0 */
    int64_t escalated_at; /* when it went to the Sekkab's list, or 0 */
    const char *escalation_reason;    /* why, or NULL */
    const char *public_answer;        /* the answer shown publicly, or NULL */
    int64_t referred_office_id;       /* where it was referred, or 0 */
    const char *referred_office_name; /* and its name, or NULL */
    int verified_in_time; /* 1 verified by its deadline, 0 late, -1 not
                             (yet) known */
    int answered_in_time; /* the first answer: the same */
    int64_t updated_at;   /* last change */
    int version;          /* optimistic concurrency */
};

struct complaint_event {
    int64_t at;         /* Unix seconds */
    const char *actor;  /* staff login, "citizen" or "system" */
    const char *action; /* "submit", "verify", ..., "escalate" */
    enum complaint_state state_after;
    const char *note; /* answer, reason, reply, or NULL */
};

struct complaint_category {
    const char *code;  /* "service_quality" */
    struct text2 name; /* name */
};

/* Next serial of complaint numbers for an office and year. */
enum err complaints_next_serial(struct db *db, int64_t office_id, int year,
                                int64_t *serial)
    __attribute__((warn_unused_result));
/* Insert c (sets c->id) with its first event by actor. */
enum err complaints_insert(struct db *db, struct complaint *c,
                           const char *actor)
    __attribute__((warn_unused_result));
enum err complaints_get(struct db *db, struct arena *a, const char *number,
                        struct complaint *out)
    __attribute__((warn_unused_result));
enum err complaints_get_by_token(struct db *db, struct arena *a,
                                 const char *token, struct complaint *out)
    __attribute__((warn_unused_result));
enum err complaints_events(struct db *db, struct arena *a, int64_t id,
                           struct complaint_event **items, size_t *n_items)
    __attribute__((warn_unused_result));
/*
 * Write the changed state fields of c if the row still has version
 * expected, with the event; ERR_CONFLICT when someone came first.
 */
enum err complaints_apply(struct db *db, const struct complaint *c,
                          int expected, const struct complaint_event *ev)
    __attribute__((warn_unused_result));

/* The most numbers and categories one list may name (each is a bound
 * parameter of the one query). */
#define COMPLAINT_LIST_NUMBERS 100
#define COMPLAINT_LIST_CATEGORIES 80

struct complaint_filter {
    int64_t office_id;             /* complaints about this office, or 0 */
    bool open_only;                /* not closed or rejected */
    bool closed_only;              /* closed or rejected */
    bool escalated_only;           /* the Sekkab's list */
    const char *const *categories; /* these categories (n_categories), or
                                      NULL for all */
    size_t n_categories;           /* 0..COMPLAINT_LIST_CATEGORIES */
    int state;                     /* enum complaint_state, or -1 */
    const char *const *numbers;    /* these numbers only (n_numbers), or
                                      NULL for all */
    size_t n_numbers;              /* 0..COMPLAINT_LIST_NUMBERS */
    int64_t from, to;              /* received within [from, to), 0 = open */
    int limit;                     /* at most (1..1000) */
    bool newest_first;             /* by received time, else by deadline */
    int64_t after_at, after_id;    /* newest_first: only rows after the row
                                      with this (received_at, id), i.e.
                                      older; after_id 0 = from the newest */
};

/*
 * The complaints f selects, in one query: by deadline (the earliest
 * first, those without one last) or newest first; a newest-first list is
 * read page by page by passing the key of the last row read as after_*.
 * An empty numbers or categories list (n 0) does not filter. ERR_INVALID
 * when a list is longer than its cap.
 */
enum err complaints_list(struct db *db, struct arena *a,
                         const struct complaint_filter *f,
                         struct complaint **items, size_t *n_items)
    __attribute__((warn_unused_result));
/*
 * Escalate every complaint whose escalating deadline passed before now
 * and that was not escalated yet: sets escalated_at and the reason, adds
 * an "escalate" event. *count = how many this call escalated.
 */
enum err complaints_escalate(struct db *db, int64_t now, int64_t *count)
    __attribute__((warn_unused_result));
/* Close answered complaints whose reply window ended before now. */
enum err complaints_autoclose(struct db *db, int64_t now, int64_t *count)
    __attribute__((warn_unused_result));

/* What the oversight counts of complaints (docs/MEASURES.md). */
struct complaint_measures {
    int64_t key;              /* office id, or 0 for the total */
    int64_t received;         /* received in the period */
    int64_t verified_in_time; /* ...verified by the verification deadline */
    int64_t answered_in_time; /* ...first answered by the answer deadline */
    int64_t escalated;        /* ...escalated (so far) */
};
/*
 * Complaints about offices received within [from_at, to_at) (Unix
 * seconds), for one office (office_id), the offices of a district, or all;
 * per office (by_office) or one total row.
 */
enum err complaints_measures(struct db *db, struct arena *a, int64_t office_id,
                             const char *district, int64_t from_at,
                             int64_t to_at, bool by_office,
                             struct complaint_measures **rows, size_t *n_rows)
    __attribute__((warn_unused_result));
/* Open complaints now (not closed or rejected), the same grouping: the
 * count in .received. */
enum err complaints_open_now(struct db *db, struct arena *a, int64_t office_id,
                             const char *district, bool by_office,
                             struct complaint_measures **rows, size_t *n_rows)
    __attribute__((warn_unused_result));

/* True when code is an active category. */
enum err complaint_category_known(struct db *db, const char *code, bool *known)
    __attribute__((warn_unused_result));
/* Take a category off the form (kept for old complaints). */
enum err complaint_category_remove(struct db *db, const char *code)
    __attribute__((warn_unused_result));
/* The office (and referred office, or 0) of the complaint with photo id. */
enum err complaints_photo_scope(struct db *db, int64_t photo_id,
                                int64_t *office_id, int64_t *referred_id)
    __attribute__((warn_unused_result));
enum err complaint_categories(struct db *db, struct arena *a,
                              struct complaint_category **items,
                              size_t *n_items)
    __attribute__((warn_unused_result));
enum err complaint_category_put(struct db *db, const char *code,
                                const char *name_id, const char *name_en,
                                int ord) __attribute__((warn_unused_result));

/* Store a photo (base64 of the bytes); *id the new photos.id. */
enum err photos_put(struct db *db, const char *mime, const void *data,
                    size_t len, int64_t now, int64_t *id)
    __attribute__((warn_unused_result));
/* A photo's type and bytes (arena). */
enum err photos_get(struct db *db, struct arena *a, int64_t id,
                    const char **mime, unsigned char **data, size_t *len)
    __attribute__((warn_unused_result));

#endif
