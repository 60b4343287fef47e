/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * track.h: the one lookup behind every path where a citizen opens a record
 * with a secret: an application or a complaint by its number and PIN (the
 * tracking page, the complaint page with reply and accept, the JSON API),
 * and a complaint by its link token (the acknowledgement's link, Open311
 * tokens). All go through the same throttle (svc/guard.h).
 *
 * A number the check digit refuses is a typing error, answered at once and
 * not counted. A wrong PIN, an unknown number, and (for a guarded number)
 * a missing or wrong second fact are failures: counted against the address
 * and the number. While a number is guarded the answer for the PIN alone is
 * TRACK_NEEDS_FACT whether the PIN was right or not, so the answer tells a
 * guesser nothing.
 */
#ifndef SP_SVC_TRACK_H
#define SP_SVC_TRACK_H

#include "store/applications.h"
#include "store/complaints.h"
#include "svc/svc.h"

enum track_kind { TRACK_APPLICATION, TRACK_COMPLAINT };

enum track_outcome {
    TRACK_FOUND,      /* the record is in the result */
    TRACK_MALFORMED,  /* not a number of this kind at all */
    TRACK_BAD_CHECK,  /* a typing error caught by the check digit */
    TRACK_NO_MATCH,   /* unknown number, wrong PIN or wrong second fact */
    TRACK_NEEDS_FACT, /* the number is guarded: PIN and second fact */
    TRACK_THROTTLED,  /* this address failed too often */
};

struct track_query {
    enum track_kind kind;
    const char *number; /* as typed */
    const char *pin;    /* as typed, or NULL */
    const char *fact;   /* second fact as typed (birth date for an
                           application, last 4 phone digits for a
                           complaint), or NULL */
};

struct track_result {
    enum track_outcome outcome;
    const char *number;         /* canonical form, when well-formed */
    struct application app;     /* TRACK_APPLICATION, when found */
    struct complaint complaint; /* TRACK_COMPLAINT, when found */
};

enum err track_lookup(const struct svc_ctx *c, const struct track_query *q,
                      struct track_result *r)
    __attribute__((warn_unused_result));
/* A complaint by its link token (32 hex digits): TRACK_FOUND, or
 * TRACK_NO_MATCH (counted), or TRACK_THROTTLED. */
enum err track_complaint_token(const struct svc_ctx *c, const char *token,
                               struct track_result *r)
    __attribute__((warn_unused_result));

#endif
