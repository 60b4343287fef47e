/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * followups.h: what an office must acknowledge and answer by a deadline
 * in working days: the Sekda's instruction about an escalated complaint
 * (kind "instruction", ref_id the complaint). Changed only by guarded
 * updates (the version the user saw), each together with an event of the
 * thing it is about.
 */
#ifndef SP_STORE_FOLLOWUPS_H
#define SP_STORE_FOLLOWUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

struct arena;
struct db;

struct followup {
    int64_t id;
    const char *kind;        /* "instruction" */
    int64_t ref_id;          /* the complaint */
    const char *ref_number;  /* its number (for people), or NULL */
    int64_t office_id;       /* the office that must answer */
    const char *office_code; /* and its code */
    const char *office_name; /* and name */
    const char *text;        /* what is asked */
    int64_t created_at;
    const char *actor;       /* who asked (login) */
    int due_days;            /* working days given */
    int64_t due_at;          /* the deadline */
    int64_t acknowledged_at; /* 0 until acknowledged */
    const char *acknowledged_by;
    int64_t answered_at; /* 0 until answered */
    const char *answered_by;
    const char *answer;
    int version;
};

/* Insert f (sets f->id) with the event "instruct" on the complaint; in
 * the caller's transaction. */
enum err followups_create(struct db *db, struct followup *f, int64_t created_by)
    __attribute__((warn_unused_result));
enum err followups_get(struct db *db, struct arena *a, int64_t id,
                       struct followup *out)
    __attribute__((warn_unused_result));
/* The follow-ups of one thing (kind, ref_id), newest first. */
enum err followups_of(struct db *db, struct arena *a, const char *kind,
                      int64_t ref_id, struct followup **items, size_t *n)
    __attribute__((warn_unused_result));
/* The follow-ups of an office (0: every office), unanswered first then
 * newest first; open_only: not answered yet. */
enum err followups_for_office(struct db *db, struct arena *a, int64_t office_id,
                              bool open_only, struct followup **items,
                              size_t *n) __attribute__((warn_unused_result));
/* The instructions about complaints on the Sekda's list now (escalated,
 * neither closed nor rejected), by complaint, newest first. */
enum err followups_of_escalated(struct db *db, struct arena *a,
                                struct followup **items, size_t *n)
    __attribute__((warn_unused_result));
/* Acknowledge (once) / answer (once; acknowledges too), each with its
 * event on the complaint ("followup_ack", "followup_answer"); in the
 * caller's transaction. ERR_CONFLICT when the version moved or it was
 * done already. */
enum err followups_acknowledge(struct db *db, int64_t id, int expected,
                               const char *by, int64_t now)
    __attribute__((warn_unused_result));
enum err followups_answer(struct db *db, int64_t id, int expected,
                          const char *by, const char *answer, int64_t now)
    __attribute__((warn_unused_result));

#endif
