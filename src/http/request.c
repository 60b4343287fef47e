/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* request.c: response helpers (see request.h). */
#include "http/request.h"

#include <string.h>

#include "base/arena.h"

void res_header(struct request *req, struct response *res, const char *name,
                const char *value)
{
    if (res->n_headers >= HTTP_MAX_HEADERS)
        return;
    res->headers[res->n_headers].name = name;
    res->headers[res->n_headers].value = arena_strdup(req->arena, value);
    res->n_headers++;
}

void res_stream(struct response *res, http_stream_fn fn, http_stream_end_fn end,
                void *ctx)
{
    buf_reset(&res->body);
    res->stream = fn;
    res->stream_end = end;
    res->stream_ctx = ctx;
}

void res_stream_parked(struct response *res, http_stream_fn fn,
                       http_stream_end_fn end, void *ctx, uint64_t topic)
{
    res_stream(res, fn, end, ctx);
    res->stream_parks = true;
    res->stream_topic = topic;
}

void res_cookie(struct request *req, struct response *res, const char *name,
                const char *value, int64_t max_age)
{
    char *c =
        arena_printf(req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s",
                     name, value, req->tls ? "; Secure" : "");
    if (max_age > 0)
        c = arena_printf(req->arena, "%s; Max-Age=%lld", c, (long long)max_age);
    else if (max_age < 0)
        c = arena_printf(req->arena, "%s; Max-Age=0", c);
    res_header(req, res, "Set-Cookie", c);
}

bool http_local_path(const char *location)
{
    if (!location || location[0] != '/' || location[1] == '/' ||
        location[1] == '\\')
        return false;
    for (const char *p = location; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return false;
    return true;
}

void res_redirect(struct request *req, struct response *res,
                  const char *location)
{
    res->status = 303;
    res_header(req, res, "Location",
               http_local_path(location) ? location : "/");
}

bool req_wants_json(const struct request *req)
{
    if (strncmp(req->path, "/api/", 5) == 0)
        return true;
    return req->accept && strstr(req->accept, "application/json") &&
           !strstr(req->accept, "text/html");
}

const char *req_cookie(const struct request *req, const char *name)
{
    return params_get(&req->cookies, name);
}
