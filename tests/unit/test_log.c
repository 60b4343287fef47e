/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_log.c: log records are one line whatever their fields hold
 * (base/log.h): log_escape() at every control byte, backslash, DEL, UTF-8
 * and the output cap; log_msg() with CR/LF in a field writes one line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_escape_table(void)
{
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"", ""},
        {"plain /path 200", "plain /path 200"},
        {"a\nb", "a\\nb"},
        {"a\rb", "a\\rb"},
        {"a\tb", "a\\tb"},
        {"\r\n2026-01-01T00:00:00Z info forged",
         "\\r\\n2026-01-01T00:00:00Z info forged"},
        {"back\\slash", "back\\\\slash"},
        {"\\n", "\\\\n"}, /* a literal backslash-n stays distinguishable */
        {"\x01", "\\x01"},
        {"\x1b[31mred", "\\x1b[31mred"}, /* terminal escapes */
        {"\x1f", "\\x1f"},               /* last C0 */
        {" ", " "},                      /* first printable */
        {"~", "~"},                      /* last printable ASCII */
        {"\x7f", "\\x7f"},               /* DEL */
        {"caf\xC3\xA9 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xF0\x9F\x98\x80"},
        {"\xC2\x85", "\xC2\x85"}, /* C1 as UTF-8: not an ASCII control */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[256];
        size_t n = log_escape(out, sizeof(out), cases[i].in);
        if (strcmp(out, cases[i].want) != 0)
            fprintf(stderr, "  log_escape case %zu\n", i);
        CHECK_STR(out, cases[i].want);
        CHECK_INT(n, strlen(cases[i].want));
    }
}

/* Every byte 0..255 (but NUL): no control byte survives, only escapes. */
static void test_escape_every_byte(void)
{
    for (int c = 1; c < 256; c++) {
        char in[2] = {(char)c, '\0'};
        char out[8];
        log_escape(out, sizeof(out), in);
        for (const char *p = out; *p; p++)
            CHECK(!((unsigned char)*p < 0x20 || *p == 0x7f));
        if (c < 0x20 || c == 0x7f || c == '\\')
            CHECK(out[0] == '\\');
        else
            CHECK(out[0] == (char)c && out[1] == '\0');
    }
}

/* The cap: NUL-terminated always, and an escape is never cut in half. */
static void test_escape_cap(void)
{
    char out[8];
    CHECK_INT(log_escape(out, sizeof(out), "abcdefghij"), 7);
    CHECK_STR(out, "abcdefg");
    /* "abcde" + "\n" needs 7 bytes + NUL = 8: fits. */
    CHECK_INT(log_escape(out, sizeof(out), "abcde\n"), 7);
    CHECK_STR(out, "abcde\\n");
    /* "abcdef" + "\n" would need 9: the escape is left out whole. */
    CHECK_INT(log_escape(out, sizeof(out), "abcdef\nX"), 6);
    CHECK_STR(out, "abcdef");
    CHECK_INT(log_escape(out, sizeof(out), "abcd\x01"), 4);
    CHECK_STR(out, "abcd");
    CHECK_INT(log_escape(out, 1, "abc"), 0);
    CHECK_STR(out, "");
}

/* log_msg() with CR/LF in an argument writes exactly one line. */
static void test_msg_one_line(void)
{
    char path[] = "/tmp/sp-test-log-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    log_info("%s GET %s 404 0 0.1ms %s", "0123456789abcdef",
             "/x\r\n2026-01-01T00:00:00Z info forged GET / 200", "127.0.0.1");
    log_warn("user %s", "a\\b\x1b");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char text[4096] = "";
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(text, 1, sizeof(text) - 1, f) : 0;
    text[n] = '\0';
    if (f)
        fclose(f);
    close(fd);
    unlink(path);
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    CHECK_INT(lines, 2);
    CHECK_CONTAINS(text,
                   " info 0123456789abcdef GET /x\\r\\n2026-01-01T00:00:00Z "
                   "info forged GET / 200 404 0 0.1ms 127.0.0.1\n");
    CHECK_CONTAINS(text, " warn user a\\\\b\\x1b\n");
    CHECK(strchr(text, '\r') == NULL);
}

int main(void)
{
    RUN(test_escape_table);
    RUN(test_escape_every_byte);
    RUN(test_escape_cap);
    RUN(test_msg_one_line);
    TEST_END();
}
