/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_html.c: the escaping HTML writer (base/html.h): html_text escapes
 * exactly & < > " ', html_printf escapes %s and %c but not numbers and
 * honours flags, width and precision, html_raw writes literals,
 * html_urlenc percent-encodes everything but RFC 3986 unreserved bytes,
 * and a conversion html_printf does not support kills the process with
 * SIGABRT (checked in a forked child). CTest also runs this file as
 * test_html_ndebug, built with html.c under NDEBUG, where an assert()
 * would have vanished.
 */
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "base/buf.h"
#include "base/html.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_text(void)
{
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"&", "&amp;"},
        {"<", "&lt;"},
        {">", "&gt;"},
        {"\"", "&quot;"},
        {"'", "&#39;"},
        {"<script>alert('x')</script>",
         "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
        {"a\" onmouseover=\"x", "a&quot; onmouseover=&quot;x"},
        {"&amp;", "&amp;amp;"}, /* no double-decoding shortcut */
        {"Tom & Jerry's <b>", "Tom &amp; Jerry&#39;s &lt;b&gt;"},
        {"caf\xC3\xA9 / = ` ; %", "caf\xC3\xA9 / = ` ; %"}, /* untouched */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct buf b;
        buf_init(&b, 1024);
        html_text(&b, cases[i].in);
        CHECK_STR(buf_cstr(&b), cases[i].want);
        buf_free(&b);
    }

    struct buf b;
    buf_init(&b, 1024);
    html_text(&b, NULL);
    CHECK_INT(b.len, 0);
    html_text_n(&b, "<a>b", 2); /* only n bytes */
    CHECK_STR(buf_cstr(&b), "&lt;a");
    html_text(&b, "&");
    CHECK_STR(buf_cstr(&b), "&lt;a&amp;"); /* appends */
    buf_free(&b);
}

static void test_raw(void)
{
    struct buf b;
    buf_init(&b, 1024);
    html_raw(&b, "<p class=\"x\">");
    html_text(&b, "<&>");
    html_raw(&b, "</p>");
    CHECK_STR(buf_cstr(&b), "<p class=\"x\">&lt;&amp;&gt;</p>");

    struct buf frag;
    buf_init(&frag, 1024);
    html_raw(&frag, "<li>");
    html_text(&frag, "a<b");
    html_raw(&frag, "</li>");
    buf_reset(&b);
    html_raw(&b, "<ul>");
    html_raw_trusted(&b, &frag);
    html_raw(&b, "</ul>");
    CHECK_STR(buf_cstr(&b), "<ul><li>a&lt;b</li></ul>");
    buf_free(&frag);
    buf_free(&b);
}

static void test_printf_strings(void)
{
    struct buf b;
    buf_init(&b, 1024);
    html_printf(&b, "<a href=\"/x?q=%s\">%s</a>", "\"><script>", "a&b");
    CHECK_STR(buf_cstr(&b),
              "<a href=\"/x?q=&quot;&gt;&lt;script&gt;\">a&amp;b</a>");

    buf_reset(&b);
    html_printf(&b, "[%c][%c]", '<', 'z');
    CHECK_STR(buf_cstr(&b), "[&lt;][z]");

    buf_reset(&b);
    html_printf(&b, "100%% <b>%s</b>", "'");
    CHECK_STR(buf_cstr(&b), "100% <b>&#39;</b>");

    buf_reset(&b);
    html_printf(&b, "no conversions <i>here</i>");
    CHECK_STR(buf_cstr(&b), "no conversions <i>here</i>");

    buf_reset(&b);
    html_printf(&b, "%s", "");
    CHECK_STR(buf_cstr(&b), "");
    buf_free(&b);
}

static void test_printf_numbers(void)
{
    struct buf b;
    buf_init(&b, 1024);
    html_printf(&b, "%d|%i|%u|%x|%X", -42, 7, 3000000000u, 255, 255);
    CHECK_STR(buf_cstr(&b), "-42|7|3000000000|ff|FF");

    buf_reset(&b);
    html_printf(&b, "%lld|%lld", (long long)INT64_MAX, (long long)INT64_MIN);
    CHECK_STR(buf_cstr(&b), "9223372036854775807|-9223372036854775808");

    buf_reset(&b);
    html_printf(&b, "%zu|%ld|%jd|%hhd|%hd", (size_t)18446744073709551615u, -5L,
                (intmax_t)123, (signed char)-1, (short)-300);
    CHECK_STR(buf_cstr(&b), "18446744073709551615|-5|123|-1|-300");

    buf_free(&b);
}

static void test_printf_width(void)
{
    struct buf b;
    buf_init(&b, 1024);
    html_printf(&b, "%05d|%-4d|%4d|%+d|%.3d|%%", 42, 7, 7, 5, 9);
    CHECK_STR(buf_cstr(&b), "00042|7   |   7|+5|009|%");

    buf_reset(&b);
    html_printf(&b, "<td>%d</td><td>%s</td>", 3, "x<y");
    CHECK_STR(buf_cstr(&b), "<td>3</td><td>x&lt;y</td>");
    buf_free(&b);
}

static void test_printf_string_width(void)
{
    /* html.h: flags, width and precision are supported for every listed
     * conversion, %s included. */
    struct buf b;
    buf_init(&b, 1024);
    html_printf(&b, "[%.3s]", "abcdef");
    CHECK_STR(buf_cstr(&b), "[abc]");

    buf_reset(&b);
    html_printf(&b, "[%5s]", "ab");
    CHECK_STR(buf_cstr(&b), "[   ab]");

    buf_reset(&b);
    html_printf(&b, "[%-5s]", "ab");
    CHECK_STR(buf_cstr(&b), "[ab   ]");

    buf_reset(&b);
    html_printf(&b, "[%3c]", 'x');
    CHECK_STR(buf_cstr(&b), "[  x]");
    buf_free(&b);
}

static void test_urlenc(void)
{
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"a b/\xC3\xA9", "a%20b%2F%C3%A9"}, {"", ""},
        {"AZaz09-_.~", "AZaz09-_.~"}, /* unreserved kept */
        {"&=?#+%", "%26%3D%3F%23%2B%25"},   {"\"<>'", "%22%3C%3E%27"},
        {"\x01\x7F\xFF", "%01%7F%FF"},      {"35.10.01", "35.10.01"},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct buf b;
        buf_init(&b, 1024);
        html_urlenc(&b, cases[i].in);
        CHECK_STR(buf_cstr(&b), cases[i].want);
        buf_free(&b);
    }
    struct buf b;
    buf_init(&b, 1024);
    html_urlenc(&b, NULL);
    CHECK_INT(b.len, 0);
    buf_free(&b);
}

static void test_cap(void)
{
    /* The writer respects the buffer's cap: an escape that does not fit
     * is refused whole and the overflow flag is set. */
    struct buf b;
    buf_init(&b, 6);
    html_text(&b, "ab");
    html_text(&b, "&&"); /* 10 more bytes: does not fit */
    CHECK(b.overflow);
    CHECK(b.len <= 6);
    CHECK(strncmp(buf_cstr(&b), "ab", 2) == 0);
    buf_free(&b);
}

/*
 * Call html_printf with the format numbered i: 0 is supported, every other
 * one is accepted by the compiler's format check but not by the writer.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
static void printf_case(int i, struct buf *b)
{
    int n = 0;
    const char *fmt = NULL; /* for formats the compiler would refuse */
    switch (i) {
    case 0:
        html_printf(b, "%d %5.2f %s %c %lu %zu %%", 1, 2.5, "<", 'x', 3ul,
                    (size_t)4);
        return;
    case 1:
        html_printf(b, "%*d", 5, 42);
        return;
    case 2:
        html_printf(b, "%.*s", 2, "abc");
        return;
    case 3:
        html_printf(b, "%e", 1.5);
        return;
    case 4:
        html_printf(b, "%g", 1.5);
        return;
    case 5:
        html_printf(b, "%p", (void *)b);
        return;
    case 6:
        html_printf(b, "%n", &n);
        return;
    case 7:
        html_printf(b, "%o", 8);
        return;
    case 8:
        html_printf(b, "%ls", L"x");
        return;
    case 9:
        html_printf(b, "%lc", (wint_t)'x');
        return;
    case 10:
        html_printf(b, "%Lf", 1.0L);
        return;
    case 11:
        html_printf(b, "%td", (ptrdiff_t)1);
        return;
    case 12:
        html_printf(b, "%a", 1.0);
        return;
    case 13:
        fmt = "50%"; /* a '%' at the end */
        break;
    case 14:
        fmt = "%000000000000000000000000000000000000001d"; /* spec > 31 */
        break;
    default:
        return;
    }
    html_printf(b, fmt, 1);
}
#pragma GCC diagnostic pop
#define N_PRINTF_CASES 15

/* Run printf_case(i) in a child; its wait status. */
static int printf_case_status(int i)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* The child's complaint on stderr is expected: keep it quiet. */
        FILE *null = freopen("/dev/null", "w", stderr);
        (void)null;
        struct buf b;
        buf_init(&b, 1024);
        printf_case(i, &b);
        buf_free(&b);
        _exit(0);
    }
    int st = -1;
    if (pid > 0)
        waitpid(pid, &st, 0);
    return st;
}

static void test_printf_unsupported_aborts(void)
{
    int st = printf_case_status(0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0); /* the control */
    for (int i = 1; i < N_PRINTF_CASES; i++) {
        st = printf_case_status(i);
        if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT))
            fprintf(stderr, "  case %d: not killed by SIGABRT (status %d)\n", i,
                    st);
        CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    }
}

int main(void)
{
    RUN(test_text);
    RUN(test_raw);
    RUN(test_printf_strings);
    RUN(test_printf_numbers);
    RUN(test_printf_width);
    RUN(test_printf_string_width);
    RUN(test_urlenc);
    RUN(test_cap);
    RUN(test_printf_unsupported_aborts);
    TEST_END();
}
