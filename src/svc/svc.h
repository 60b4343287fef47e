/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * svc.h: the services: what the system does on behalf of someone (register
 * an application, take a workflow step, file a complaint, check a PIN,
 * record a questionnaire, sign in), free of HTTP.
 *
 * A service takes a struct svc_ctx (the database connection, an arena,
 * the instant, who acts and from where) and returns enum err for failures
 * of the machinery (database, I/O) plus, through an out-parameter, the
 * outcome of the attempt as the module's own outcome enum (refused,
 * throttled, stale...). Handlers in app/ build the context from the
 * request, call the service and map its outcome to a status and a page or
 * JSON answer; HTML and JSON handlers therefore answer the same rules.
 *
 * Layer: svc/ may include base/, core/ and store/; never http/, views/ or
 * app/ (tools/check-layers.sh).
 */
#ifndef SP_SVC_SVC_H
#define SP_SVC_SVC_H

#include <stdbool.h>
#include <stdint.h>

#include "base/ferr.h"
#include "core/role.h"

struct arena;
struct db;
struct notify_config;

struct svc_ctx {
    struct db *db;               /* this thread's connection */
    struct arena *arena;         /* results live here */
    int64_t now;                 /* Unix seconds of the request */
    const struct principal *who; /* the signed-in user, or NULL */
    bool via_api_key;            /* who acts through an API key */
    const char *addr;            /* the client's address (throttles) */
    int utc_offset_min;          /* the regency's zone (settings) */
    /* A repeated submission gets the first answer (store/replays.h):
     * set for a form with a one-time token ("form", the token) or an API
     * request with an Idempotency-Key ("idem:<user id>", the key). */
    const char *replay_scope; /* or NULL */
    const char *replay_key;   /* or NULL */
    /* The channels of this process (svc/notify.h); NULL: all off. */
    const struct notify_config *notify;
};

/* The actor written into events: "login", "api:login", or "citizen". */
const char *svc_actor(const struct svc_ctx *c);
/* Today's local date "YYYY-MM-DD" at the regency's offset (arena). */
const char *svc_today(const struct svc_ctx *c);
/* The local day ("YYYY-MM-DD", arena) of instant t in a zone. */
const char *svc_day_at(const struct svc_ctx *c, int64_t t, int utc_offset_min);

/*
 * Inside the transaction that creates something: keep record_key (the new
 * registration or complaint number, an API key's id...) as the answer to
 * c's replay key, when there is one. ERR_CONFLICT when a twin submission
 * committed first (roll back; svc_replay_find() then finds its answer).
 */
enum err svc_replay_record(const struct svc_ctx *c, const char *record_key)
    __attribute__((warn_unused_result));
/* The same, with a secret shown once on the result page (an API key, a
 * one-time password): taken with replays_take_secret(), blanked by the
 * jobs after ten minutes. */
enum err svc_replay_record_secret(const struct svc_ctx *c,
                                  const char *record_key, const char *secret)
    __attribute__((warn_unused_result));
/* Take the secret kept with c's replay key: NULL after the first time. */
enum err svc_replay_take_secret(const struct svc_ctx *c, const char **secret)
    __attribute__((warn_unused_result));
/*
 * The record_key an earlier submission with c's replay key created within
 * REPLAY_KEEP_S; ERR_NOT_FOUND when there is none (or no replay key).
 * *created_at when it was created.
 */
enum err svc_replay_find(const struct svc_ctx *c, const char **record_key,
                         int64_t *created_at)
    __attribute__((warn_unused_result));

/* A photo ready to store: checked by content, scaled down and cleaned. */
struct svc_photo {
    const char *mime;    /* "image/jpeg" or "image/png"; NULL: none sent */
    unsigned char *data; /* (arena) */
    size_t len;
};
/*
 * The photo a phone sent (up to PHOTO_MAX_UPLOAD bytes, store/complaints.h)
 * scaled to PHOTO_MAX_SIDE pixels and stripped of EXIF, GPS and every
 * other marker (image_prepare(), base/image.h); a field error on field
 * when it is too large, not a JPEG or PNG, or still over PHOTO_MAX_BYTES
 * once scaled. Nothing sent (len 0): out->mime NULL, no error.
 */
void svc_photo(const struct svc_ctx *c, const unsigned char *data, size_t len,
               const char *field, struct field_errors *fe,
               struct svc_photo *out);

#endif
