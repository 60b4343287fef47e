/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * notify.h: the notification handlers, and what the intake and complaint
 * handlers ask of them: the channels offered and the consent given.
 */
#ifndef SP_APP_NOTIFY_H
#define SP_APP_NOTIFY_H

#include <jansson.h>
#include <stdbool.h>

#include "app/app.h"
#include "svc/notify.h"
#include "views/notify.h"

/* The channels this server sends on (for the forms). */
struct notify_offer app_notify_offer(const struct request *req);
/* The consent of a form: notify=sms|email|contact, notify_lang=id|en. */
struct notify_consent app_notify_consent(const struct request *req);
/* The consent of the intake API's citizen object ("notify": ["sms",
 * "email"], "lang": "id"|"en"); false with a field error when malformed. */
bool app_notify_consent_json(struct request *req, json_t *citizen,
                             struct notify_consent *out,
                             struct field_errors *fe);

void h_inbound_sms(struct request *req, struct response *res);
void h_notify_stop_form(struct request *req, struct response *res);
void h_notify_stop(struct request *req, struct response *res);
void h_admin_notifications(struct request *req, struct response *res);
void h_admin_notification_resend(struct request *req, struct response *res);
void h_admin_webhooks(struct request *req, struct response *res);
void h_admin_webhook_create(struct request *req, struct response *res);
void h_admin_webhook_revoke(struct request *req, struct response *res);
void h_api_notify_stats(struct request *req, struct response *res);

#endif
