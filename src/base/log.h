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

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

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
