/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* mime.c: e-mail messages (see mime.h). */
#include "base/mime.h"

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/utf8.h"

/* Base64 (RFC 4648) of n bytes into out (4 * ((n + 2) / 3) + 1 bytes). */
static void base64(const unsigned char *in, size_t n, char *out)
{
    static const char abc[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = abc[(v >> 18) & 63];
        out[o++] = abc[(v >> 12) & 63];
        out[o++] = (char)(i + 1 < n ? abc[(v >> 6) & 63] : '=');
        out[o++] = (char)(i + 2 < n ? abc[v & 63] : '=');
    }
    out[o] = '\0';
}

static bool clean_header(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 32 || *s == 127)
            return false;
    return true;
}

static bool plain_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s > 126)
            return false;
    return true;
}

/* The subject: as it is when short plain ASCII, else encoded words of at
 * most 75 characters each (whole UTF-8 sequences), folded. */
static void subject_header(struct buf *out, const char *subject)
{
    if (plain_ascii(subject) && strlen(subject) <= 900) {
        buf_printf(out, "Subject: %s\r\n", subject);
        return;
    }
    buf_puts(out, "Subject:");
    size_t n = strlen(subject);
    size_t i = 0;
    /* "=?UTF-8?B?" + base64 + "?=" <= 75: 45 bytes of text per word. */
    while (i < n) {
        size_t take = 0;
        while (i + take < n) {
            uint32_t cp = 0;
            size_t k = utf8_decode(subject + i + take, n - i - take, &cp);
            if (k == 0)
                k = 1;
            if (take + k > 45)
                break;
            take += k;
        }
        char b64[80];
        base64((const unsigned char *)subject + i, take, b64);
        /* Control characters never reach a header: they are encoded. */
        buf_printf(out, " =?UTF-8?B?%s?=\r\n", b64);
        i += take;
    }
}

enum err mime_qp(const char *text, struct buf *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\r')
            continue;
        if (*p == '\n') {
            buf_puts(out, "\r\n");
            col = 0;
            continue;
        }
        bool line_end =
            p[1] == '\n' || p[1] == '\0' || (p[1] == '\r' && p[2] == '\n');
        bool enc = *p == '=' || *p > 126 || (*p < 32 && *p != '\t') ||
                   ((*p == ' ' || *p == '\t') && line_end) ||
                   (*p == '.' && col == 0);
        size_t w = enc ? 3 : 1;
        if (col + w > 75) { /* soft line break */
            buf_puts(out, "=\r\n");
            col = 0;
        }
        if (enc) {
            char e[4] = {'=', hex[*p >> 4], hex[*p & 15], '\0'};
            buf_puts(out, e);
        } else {
            buf_putc(out, (char)*p);
        }
        col += w;
    }
    return out->overflow ? ERR_TOO_LARGE : ERR_OK;
}

enum err mime_build(const struct mime_mail *m, struct buf *out)
{
    if (!m->to || !*m->to || !clean_header(m->from) || !clean_header(m->to) ||
        !clean_header(m->message_id) || !clean_header(m->id_header) ||
        !clean_header(m->unsubscribe))
        return ERR_INVALID;
    static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int64_t days =
        m->date >= 0 ? m->date / 86400 : -((-m->date + 86399) / 86400);
    int64_t secs = m->date - days * 86400;
    struct civil_date d = civil_from_days(days);
    buf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
               wd[civil_weekday(days)], d.day, mon[d.month - 1], d.year,
               (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
    buf_printf(out, "From: %s\r\nTo: <%s>\r\n", m->from, m->to);
    subject_header(out, m->subject ? m->subject : "");
    if (m->message_id)
        buf_printf(out, "Message-ID: %s\r\n", m->message_id);
    if (m->id_header)
        buf_printf(out, "X-Satupintu-Id: %s\r\n", m->id_header);
    if (m->unsubscribe)
        buf_printf(out, "List-Unsubscribe: <%s>\r\n", m->unsubscribe);
    buf_puts(out, "Auto-Submitted: auto-generated\r\n"
                  "MIME-Version: 1.0\r\n"
                  "Content-Type: text/plain; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    enum err rc = mime_qp(m->body ? m->body : "", out);
    if (rc == ERR_OK)
        buf_puts(out, "\r\n");
    return out->overflow ? ERR_TOO_LARGE : rc;
}

const char *mime_address(struct arena *a, const char *from)
{
    const char *lt = from ? strrchr(from, '<') : NULL;
    const char *gt = lt ? strchr(lt, '>') : NULL;
    if (!lt || !gt)
        return arena_strdup(a, from ? from : "");
    return arena_strndup(a, lt + 1, (size_t)(gt - lt - 1));
}
