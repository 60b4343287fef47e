/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* html.c: escaping HTML writer (see html.h). */
#include "base/html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

void html_raw_n(struct buf *b, const char *s, size_t n)
{
    buf_append(b, s, n);
}

void html_raw_trusted(struct buf *b, const struct buf *fragment)
{
    buf_append(b, buf_cstr(fragment), fragment->len);
}

/* Escape s[0..n), which text_is_safe() accepts. */
static void escape(struct buf *b, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        buf_append(b, s + start, i - start);
        buf_puts(b, rep);
        start = i + 1;
    }
    buf_append(b, s + start, n - start);
}

void html_text_n(struct buf *b, const char *s, size_t n)
{
    if (text_is_safe(s, n)) {
        escape(b, s, n);
        return;
    }
    /* Stored text from before the door's rules (or from another tool):
     * no control character or noncharacter reaches the page. */
    struct buf clean;
    buf_init(&clean, n * 3 + 1);
    text_safe_append(&clean, s, n);
    escape(b, buf_cstr(&clean), clean.len);
    buf_free(&clean);
}

void html_text(struct buf *b, const char *s)
{
    if (s)
        html_text_n(b, s, strlen(s));
}

/*
 * Write s escaped, honouring the flags, width and precision of a "%s"
 * spec: precision cuts s (in bytes, before escaping), width pads with
 * spaces (left unless '-').
 */
static void string_spec(struct buf *b, const char *spec, const char *s)
{
    const char *p = spec + 1;
    bool left = false;
    while (*p == '-' || *p == '+' || *p == ' ' || *p == '#' || *p == '0') {
        if (*p == '-')
            left = true;
        p++;
    }
    size_t width = 0, prec = (size_t)-1;
    while (*p >= '0' && *p <= '9')
        width = width * 10 + (size_t)(*p++ - '0');
    if (*p == '.') {
        p++;
        prec = 0;
        while (*p >= '0' && *p <= '9')
            prec = prec * 10 + (size_t)(*p++ - '0');
    }
    size_t n = strlen(s);
    if (n > prec)
        n = prec;
    size_t pad = width > n ? width - n : 0;
    for (size_t i = 0; !left && i < pad; i++)
        buf_putc(b, ' ');
    html_text_n(b, s, n);
    for (size_t i = 0; left && i < pad; i++)
        buf_putc(b, ' ');
}

/*
 * A conversion html_printf() does not support is a programming error that
 * no input can cause: stop at once, in every build. Reading on would take
 * the next arguments with the wrong types (an assert() would vanish under
 * NDEBUG and let that happen).
 */
static _Noreturn void unsupported(const char *fmt, const char *spec_at)
{
    fprintf(stderr,
            "html_printf: unsupported conversion at offset %td of "
            "\"%s\"\n",
            spec_at - fmt, fmt);
    abort();
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void html_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            buf_puts(b, p);
            break;
        }
        buf_append(b, p, (size_t)(pct - p));
        const char *q = pct + 1;
        if (*q == '%') {
            buf_putc(b, '%');
            p = q + 1;
            continue;
        }
        while (*q && strchr("-+ #0123456789.", *q))
            q++;
        int lmod = 0; /* 0 int, 1 long, 2 long long, 3 size_t, 4 intmax */
        bool hmod = false;
        if (*q == 'h') {
            q++;
            hmod = true;
            if (*q == 'h')
                q++;
        } else if (*q == 'l') {
            q++;
            lmod = 1;
            if (*q == 'l') {
                q++;
                lmod = 2;
            }
        } else if (*q == 'z') {
            q++;
            lmod = 3;
        } else if (*q == 'j') {
            q++;
            lmod = 4;
        }
        char conv = *q;
        char spec[32];
        size_t speclen = (size_t)(q - pct) + 1;
        if (speclen >= sizeof(spec))
            unsupported(fmt, pct);
        memcpy(spec, pct, speclen);
        spec[speclen] = '\0';
        /* %s and %c take char * and int only (%ls, %lc are wide). */
        if ((conv == 's' || conv == 'c') && (lmod || hmod))
            unsupported(fmt, pct);
        if (conv == 'f' && (lmod > 1 || hmod))
            unsupported(fmt, pct);
        char tmp[64];
        switch (conv) {
        case 's': {
            const char *s = va_arg(ap, const char *);
            string_spec(b, spec, s ? s : "");
            break;
        }
        case 'c':
            snprintf(tmp, sizeof(tmp), spec, va_arg(ap, int));
            html_text(b, tmp);
            break;
        case 'f':
            snprintf(tmp, sizeof(tmp), spec, va_arg(ap, double));
            buf_puts(b, tmp);
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
            /* The branches differ in the type va_arg() reads, which the
             * clone check does not see. */
            switch (lmod) {
            // NOLINTNEXTLINE(bugprone-branch-clone)
            case 0:
                snprintf(tmp, sizeof(tmp), spec, va_arg(ap, int));
                break;
            case 1:
                snprintf(tmp, sizeof(tmp), spec, va_arg(ap, long));
                break;
            case 2:
                snprintf(tmp, sizeof(tmp), spec, va_arg(ap, long long));
                break;
            case 3:
                snprintf(tmp, sizeof(tmp), spec, va_arg(ap, size_t));
                break;
            default:
                snprintf(tmp, sizeof(tmp), spec, va_arg(ap, intmax_t));
                break;
            }
            buf_puts(b, tmp);
            break;
        default: /* '*' width, %e %g %a %o %p %n %m, a trailing '%'... */
            unsupported(fmt, pct);
        }
        p = q + 1;
    }
    va_end(ap);
}
#pragma GCC diagnostic pop

void html_urlenc(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            buf_putc(b, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, enc, 3);
        }
    }
}
