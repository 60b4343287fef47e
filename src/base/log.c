/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.c: stderr logging. The level is process-wide, set once at start.
 * Every message is escaped (log_escape()) so one call writes one line.
 */
#include "base/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/crypto.h"
#include "base/utf8.h"

/* Bytes of a formatted message before escaping; longer ones are cut. */
#define LOG_MSG_MAX 2048

static enum log_level log_threshold = LOG_INFO;
static enum log_format log_form = LOG_TEXT;

void log_set_format(enum log_format format)
{
    log_form = format;
}

enum log_format log_get_format(void)
{
    return log_form;
}

void log_set_level(enum log_level level)
{
    log_threshold = level;
}

enum log_level log_get_level(void)
{
    return log_threshold;
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

static const char *const level_names[] = {"debug", "info", "warn", "error"};

/* The current UTC time as "2026-11-29T02:46:40Z" into out[32]. */
static void stamp(char out[32])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* s as a JSON string (quotes included) into b; bytes of invalid UTF-8 as
 * U+FFFD, so the line always parses. */
static void json_str(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    bool valid = utf8_valid(s, strlen(s));
    buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
        } else if (c == '\n') {
            buf_puts(b, "\\n");
        } else if (c == '\r') {
            buf_puts(b, "\\r");
        } else if (c == '\t') {
            buf_puts(b, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            char e[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
            buf_puts(b, e);
        } else if (c >= 0x80 && !valid) {
            buf_puts(b, "\\ufffd");
        } else {
            buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '"');
}

/* Write b and a newline as one record. */
static void emit(struct buf *b)
{
    buf_putc(b, '\n');
    fwrite(b->data ? b->data : "", 1, b->len, stderr);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    if (level < log_threshold)
        return;
    char msg[LOG_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    char when[32];
    stamp(when);
    if (log_form == LOG_JSON) {
        struct buf b;
        buf_init(&b, LOG_MSG_MAX * 8);
        buf_printf(&b, "{\"time\":\"%s\",\"level\":\"%s\",\"msg\":", when,
                   level_names[level]);
        json_str(&b, msg);
        buf_putc(&b, '}');
        emit(&b);
        buf_free(&b);
        return;
    }
    /* Escaping at most quadruples a byte; 64 for time and level. */
    char line[LOG_MSG_MAX * 4 + 64];
    size_t n = (size_t)snprintf(line, sizeof(line), "%s %s ", when,
                                level_names[level]);
    log_escape(line + n, sizeof(line) - n, msg);
    fprintf(stderr, "%s\n", line);
}

/* The key of the clients' pseudonyms, drawn once per process. */
static unsigned char pseudonym_key[32];
static pthread_once_t pseudonym_once = PTHREAD_ONCE_INIT;

static void pseudonym_init(void)
{
    char hex[65];
    crypto_random_hex(hex, 32);
    for (size_t i = 0; i < sizeof(pseudonym_key); i++)
        pseudonym_key[i] = (unsigned char)hex[i] ^ (unsigned char)hex[32 + i];
}

void log_access(const struct log_access *a)
{
    if (LOG_INFO < log_threshold)
        return;
    if (log_form == LOG_TEXT) {
        log_msg(LOG_INFO, "%s %s %s %d %zu %.1fms %s%s", a->request_id,
                a->method, a->path, a->status, a->bytes, a->ms,
                a->client ? a->client : "-", a->cut ? " (stream cut)" : "");
        return;
    }
    pthread_once(&pseudonym_once, pseudonym_init);
    char client[17] = "";
    if (a->client)
        crypto_keyed_hex16(pseudonym_key, a->client, client);
    char when[32];
    stamp(when);
    struct buf b;
    buf_init(&b, 4096);
    buf_printf(&b,
               "{\"time\":\"%s\",\"level\":\"info\",\"type\":\"access\","
               "\"request_id\":",
               when);
    json_str(&b, a->request_id ? a->request_id : "");
    buf_puts(&b, ",\"method\":");
    json_str(&b, a->method ? a->method : "");
    buf_puts(&b, ",\"route\":");
    if (a->route)
        json_str(&b, a->route);
    else
        buf_puts(&b, "null");
    buf_printf(&b,
               ",\"status\":%d,\"bytes\":%zu,\"ms\":%.1f,\"db_ms\":%.1f,"
               "\"client\":\"%s\"%s}",
               a->status, a->bytes, a->ms, a->db_ms, client,
               a->cut ? ",\"cut\":true" : "");
    emit(&b);
    buf_free(&b);
}
