/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: the pages of notifications: the consent boxes of the counter
 * and complaint forms (saying so when a channel is off), the
 * administrators' outbox and webhooks, and the citizen's stop page.
 */
#ifndef SP_VIEWS_NOTIFY_H
#define SP_VIEWS_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "base/params.h"
#include "store/notify.h"
#include "views/view.h"

/* Which channels this server sends on. */
struct notify_offer {
    bool sms;   /* SMS/WhatsApp configured */
    bool email; /* e-mail configured */
};

/*
 * The consent fieldset: checkboxes notify=sms and notify=email (the
 * channels that are off shown disabled, with the reason) and the
 * language notify_lang. complaint: worded for the complaint form (one box
 * for the contact given).
 */
void view_notify_consent(struct view *v, const struct notify_offer *offer,
                         const struct params *form,
                         const struct field_errors *fe, bool complaint);

/* The outbox: counts, latency and last error per channel, the latest
 * messages with a resend button for the failed ones. */
void view_notify_admin(struct view *v, const struct notify_offer *offer,
                       const struct notify_stats *stats,
                       const struct notify_msg *items, size_t n_items,
                       int state, int channel);
/* The webhooks, the form to add one (new_secret shown once). */
void view_webhooks(struct view *v, const struct webhook *items, size_t n_items,
                   const char *new_secret, const struct params *form,
                   const struct field_errors *fe);
/*
 * The stop page: found (a consent for number), done (withdrawn now or
 * before), or not found; token for the confirming form.
 */
void view_notify_stop(struct view *v, bool found, bool done, const char *number,
                      const char *token);

#endif
