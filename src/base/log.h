/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.h: one-line log records on standard error, with a UTC timestamp and
 * a level. Personal data (NIK, passwords, tokens) is never passed here
 * unmasked.
 */
#ifndef SP_BASE_LOG_H
#define SP_BASE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Records below level are dropped (default LOG_INFO). */
void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
