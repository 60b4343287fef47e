/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* svc.c: the service context's helpers (see svc.h). */
#include "svc/svc.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/image.h"
#include "store/complaints.h"
#include "store/db.h"
#include "store/replays.h"

const char *svc_actor(const struct svc_ctx *c)
{
    if (!c->who)
        return "citizen";
    if (c->via_api_key)
        return arena_printf(c->arena, "api:%s", c->who->login);
    return c->who->login;
}

const char *svc_today(const struct svc_ctx *c)
{
    return svc_day_at(c, c->now, c->utc_offset_min);
}

const char *svc_day_at(const struct svc_ctx *c, int64_t t, int utc_offset_min)
{
    int64_t local = t + (int64_t)utc_offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    char *out = arena_alloc(c->arena, 16);
    civil_format_date(civil_from_days(days), out);
    return out;
}

enum err svc_replay_record(const struct svc_ctx *c, const char *record_key)
{
    if (!c->replay_scope || !c->replay_key)
        return ERR_OK;
    struct replay r = {.status = 201, .body = record_key};
    return replays_put(c->db, c->replay_scope, c->replay_key, c->now, &r);
}

enum err svc_replay_record_secret(const struct svc_ctx *c,
                                  const char *record_key, const char *secret)
{
    if (!c->replay_scope || !c->replay_key)
        return ERR_OK;
    struct replay r = {.status = 201, .body = record_key, .secret = secret};
    return replays_put(c->db, c->replay_scope, c->replay_key, c->now, &r);
}

enum err svc_replay_take_secret(const struct svc_ctx *c, const char **secret)
{
    *secret = NULL;
    if (!c->replay_scope || !c->replay_key)
        return ERR_OK;
    return replays_take_secret(c->db, c->arena, c->replay_scope, c->replay_key,
                               secret);
}

enum err svc_replay_find(const struct svc_ctx *c, const char **record_key,
                         int64_t *created_at)
{
    *record_key = NULL;
    *created_at = 0;
    if (!c->replay_scope || !c->replay_key)
        return ERR_NOT_FOUND;
    struct replay r;
    enum err rc = replays_get(c->db, c->arena, c->replay_scope, c->replay_key,
                              c->now - REPLAY_KEEP_S, &r);
    if (rc == ERR_OK) {
        *record_key = r.body;
        *created_at = r.created_at;
    }
    return rc;
}

void svc_photo(const struct svc_ctx *c, const unsigned char *data, size_t len,
               const char *field, struct field_errors *fe,
               struct svc_photo *out)
{
    memset(out, 0, sizeof(*out));
    if (!data || !len)
        return;
    if (len > PHOTO_MAX_UPLOAD) {
        ferr_add(fe, c->arena, field, "too_large", "Foto paling besar 12 MB.",
                 "A photo of at most 12 MB.");
        return;
    }
    db_snapshot_end(c->db); /* decoding and scaling read nothing */
    if (image_prepare(c->arena, data, len, PHOTO_MAX_SIDE, &out->mime,
                      &out->data, &out->len) != ERR_OK) {
        memset(out, 0, sizeof(*out));
        ferr_add(fe, c->arena, field, "not_an_image",
                 "Berkas ini bukan foto JPEG atau PNG.",
                 "This file is not a JPEG or PNG photo.");
        return;
    }
    if (out->len > PHOTO_MAX_BYTES) {
        memset(out, 0, sizeof(*out));
        ferr_add(fe, c->arena, field, "too_large",
                 "Foto ini tetap lebih dari 2 MB setelah diperkecil: pilih "
                 "foto JPEG.",
                 "This photo is still over 2 MB once scaled down: choose a "
                 "JPEG photo.");
    }
}
