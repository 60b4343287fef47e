/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * err.h: the one error type of the program.
 *
 * A fallible function returns enum err and writes its results through
 * out-parameters. Bad user input is not an error: validators collect field
 * errors instead (see base/form.h). Allocation failure is not an error
 * either: it aborts (see base/arena.h).
 */
#ifndef SP_BASE_ERR_H
#define SP_BASE_ERR_H

enum err {
    ERR_OK = 0,
    ERR_INVALID,   /* malformed input that a caller should have checked */
    ERR_NOT_FOUND, /* the record does not exist */
    ERR_CONFLICT,  /* unique key violated, or a concurrent change won */
    ERR_TOO_LARGE, /* a capped size was exceeded (answered 413) */
    ERR_DENIED,    /* authenticated but not allowed (403) */
    ERR_UNAUTH,    /* not authenticated (401 / login page) */
    ERR_THROTTLED, /* too many attempts (429) */
    ERR_BUSY,      /* database locked or serialization failure: retry */
    ERR_DB,        /* any other database failure */
    ERR_IO,        /* file or socket failure */
    ERR_INTERNAL,  /* the program's own fault: an answer or a record that
                      could not be built (a library refused it) */
};

/* Stable lower-case name of an error, for logs and JSON error codes. */
const char *err_name(enum err e);

#endif
