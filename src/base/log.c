/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.c: stderr logging. The level is process-wide, set once at start.
 * Every message is escaped (log_escape()) so one call writes one line.
 */
#include "base/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

/* Bytes of a formatted message before escaping; longer ones are cut. */
#define LOG_MSG_MAX 2048

static enum log_level log_threshold = LOG_INFO;

void log_set_level(enum log_level level)
{
    log_threshold = level;
}

size_t log_escape(char *out, size_t cap, const char *in)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        char esc[4];
        size_t n = 0;
        unsigned char c = *p;
        if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
            esc[n++] = '\\';
            esc[n++] = (char)(c == '\\'   ? '\\'
                              : c == '\n' ? 'n'
                              : c == '\r' ? 'r'
                                          : 't');
        } else if (c < 0x20 || c == 0x7f) {
            esc[n++] = '\\';
            esc[n++] = 'x';
            esc[n++] = hex[c >> 4];
            esc[n++] = hex[c & 15];
        } else {
            esc[n++] = (char)c;
        }
        if (o + n >= cap)
            break;
        for (size_t i = 0; i < n; i++)
            out[o++] = esc[i];
    }
    out[o] = '\0';
    return o;
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    if (level < log_threshold)
        return;
    char msg[LOG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    /* Escaping at most quadruples a byte; 64 for time and level. */
    char line[LOG_MSG_MAX * 4 + 64];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    size_t n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
    n += (size_t)snprintf(line + n, sizeof(line) - n, "%s ", names[level]);
    log_escape(line + n, sizeof(line) - n, msg);
    fprintf(stderr, "%s\n", line);
}
