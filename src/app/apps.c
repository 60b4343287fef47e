/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * apps.c: what the application pages and the JSON API show of an
 * application (times for people, the receipt's links), shared by the
 * intake, work-list and tracking handlers (see apps.h). The rules are the
 * service's (svc/applications.c).
 */
#include "app/apps.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/nik.h"
#include "core/humanize.h"
#include "core/regno.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"

const char *apps_iso(struct request *req, int64_t t, int offset_min)
{
    char *out = arena_alloc(req->arena, 32);
    civil_format_iso(t, offset_min, out);
    return out;
}

const char *apps_when(struct request *req, int64_t t, int offset_min)
{
    return human_when(req->arena, t, offset_min, req->lang);
}
