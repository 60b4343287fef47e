/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* track.c: opening a record with a secret (see track.h). */
#include "svc/track.h"

#include <string.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "base/text.h"
#include "core/complaint.h"
#include "core/contact.h"
#include "core/nik.h"
#include "core/regno.h"
#include "svc/guard.h"

/* Canonical number of the query's kind; false: malformed or bad check. */
static bool canonical(const struct svc_ctx *c, const struct track_query *q,
                      struct track_result *r)
{
    char canon[REGNO_MAX + 8];
    if (q->kind == TRACK_COMPLAINT) {
        if (!complaint_number_parse(q->number, canon)) {
            /* Tell a typing error from something else entirely. */
            const char *t = q->number ? q->number : "";
            while (*t == ' ')
                t++;
            if ((t[0] == 'P' || t[0] == 'p') && t[1] == '-')
                t += 2;
            char tmp[REGNO_MAX];
            r->outcome = regno_parse(t, tmp) == REGNO_BAD_CHECK
                             ? TRACK_BAD_CHECK
                             : TRACK_MALFORMED;
            return false;
        }
    } else {
        switch (regno_parse(q->number ? q->number : "", canon)) {
        case REGNO_MALFORMED:
            r->outcome = TRACK_MALFORMED;
            return false;
        case REGNO_BAD_CHECK:
            r->outcome = TRACK_BAD_CHECK;
            return false;
        case REGNO_OK:
            break;
        }
    }
    r->number = arena_strdup(c->arena, canon);
    return true;
}

enum err track_lookup(const struct svc_ctx *c, const struct track_query *q,
                      struct track_result *r)
{
    memset(r, 0, sizeof(*r));
    if (!canonical(c, q, r))
        return ERR_OK;
    bool blocked = false, guarded = false;
    enum err rc = guard_check(c, r->number, &blocked, &guarded);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        r->outcome = TRACK_THROTTLED;
        return ERR_OK;
    }
    const char *pin = NULL, *extra = NULL;
    bool fact_ok = false;
    if (q->kind == TRACK_APPLICATION) {
        rc = applications_get(c->db, c->arena, r->number, &r->app);
        if (rc == ERR_OK) {
            pin = r->app.pin;
            fact_ok = nik_birth_matches(r->app.nik, q->fact);
        }
    } else {
        rc = complaints_get(c->db, c->arena, r->number, &r->complaint);
        if (rc == ERR_OK) {
            pin = r->complaint.pin;
            extra = r->complaint.contact;
            fact_ok = contact_phone_last4_matches(extra, q->fact);
        }
    }
    if (rc != ERR_OK && rc != ERR_NOT_FOUND)
        return rc;
    bool pin_ok = pin && q->pin && *q->pin && crypto_str_equal(q->pin, pin);
    bool has_fact = q->fact && *q->fact;
    if (pin_ok && (!guarded || fact_ok)) {
        r->outcome = TRACK_FOUND;
        return ERR_OK;
    }
    memset(&r->app, 0, sizeof(r->app));
    memset(&r->complaint, 0, sizeof(r->complaint));
    r->outcome = guarded && !has_fact ? TRACK_NEEDS_FACT : TRACK_NO_MATCH;
    return guard_failed(c, r->number);
}

enum err track_complaint_token(const struct svc_ctx *c, const char *token,
                               struct track_result *r)
{
    memset(r, 0, sizeof(*r));
    bool blocked = false;
    enum err rc = guard_addr_blocked(c, &blocked);
    if (rc != ERR_OK)
        return rc;
    if (blocked) {
        r->outcome = TRACK_THROTTLED;
        return ERR_OK;
    }
    rc = text_is_hex(token, 32)
             ? complaints_get_by_token(c->db, c->arena, token, &r->complaint)
             : ERR_NOT_FOUND;
    if (rc == ERR_OK) {
        r->outcome = TRACK_FOUND;
        r->number = r->complaint.number;
        return ERR_OK;
    }
    if (rc != ERR_NOT_FOUND)
        return rc;
    r->outcome = TRACK_NO_MATCH;
    return guard_failed(c, NULL);
}
