/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* err.c: names of enum err values. */
#include "base/err.h"

const char *err_name(enum err e)
{
    switch (e) {
    case ERR_OK:
        return "ok";
    case ERR_INVALID:
        return "invalid";
    case ERR_NOT_FOUND:
        return "not_found";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_TOO_LARGE:
        return "too_large";
    case ERR_DENIED:
        return "forbidden";
    case ERR_UNAUTH:
        return "unauthorized";
    case ERR_THROTTLED:
        return "too_many_requests";
    case ERR_BUSY:
        return "busy";
    case ERR_DB:
        return "database_error";
    case ERR_IO:
        return "io_error";
    case ERR_INTERNAL:
        return "internal_error";
    }
    return "unknown";
}
