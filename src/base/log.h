/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.h: one-line log records on standard error, with a UTC timestamp and
 * a level. Personal data (NIK, passwords, tokens) is never passed here
 * unmasked.
 *
 * A record is always one line: log_msg() escapes the formatted message
 * with log_escape() (backslash and every ASCII control character, CR and
 * LF included), so a request path, an address or a user name cannot end
 * a record and forge another.
 */
#ifndef SP_BASE_LOG_H
#define SP_BASE_LOG_H

#include <stdbool.h>
#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/*
 * The form of every record: LOG_TEXT (the default) is "TIME LEVEL
 * MESSAGE"; LOG_JSON (SATUPINTU_LOG_FORMAT=json) is one JSON object per
 * line, {"time", "level", "msg"}, and for each request the access record
 * of log_access().
 */
enum log_format { LOG_TEXT, LOG_JSON };
void log_set_format(enum log_format format);
enum log_format log_get_format(void);

/* One answered request, for the access log. */
struct log_access {
    const char *request_id; /* the request's id (X-Request-Id) */
    const char *method;     /* "GET" */
    const char *path;       /* the decoded path: text lines only */
    const char *route;      /* the matched route's pattern, or NULL */
    const char *client;     /* the client's address: text lines only */
    int status;             /* HTTP status */
    size_t bytes;           /* body bytes sent */
    double ms;              /* milliseconds from arrival to answer */
    double db_ms;           /* of which in the database */
    bool cut;               /* a streamed answer that did not end well */
};
/*
 * Write the access record of a request, at info level. As text: "ID
 * METHOD PATH STATUS BYTES TIMEms CLIENT" (unchanged since the first
 * release). As JSON, no personal data: the route's pattern instead of
 * the path (a path can hold a registration number), never a query
 * string or a body, and instead of the address a pseudonym: a keyed hash
 * with a key drawn at start and never stored, so that one process's
 * lines from one client can be told together and nobody can recover the
 * address from them.
 */
void log_access(const struct log_access *a);

/* Records below level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
/* The level in force. */
enum log_level log_get_level(void);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Copy the NUL-terminated in to out (cap > 0 bytes, always NUL-terminated)
 * with backslash written as "\\", tab, LF and CR as "\t", "\n", "\r", and
 * every other byte below 0x20 and DEL as "\xHH" (lower-case hex). Other
 * bytes, UTF-8 included, are copied as they are. An escape that does not
 * fit is left out whole, never cut. Returns the bytes written (without the
 * NUL).
 */
size_t log_escape(char *out, size_t cap, const char *in);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
