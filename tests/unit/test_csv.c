/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_csv.c: the RFC 4180 reader (base/csv.h). Each case is an input and
 * the rows it must give, written as one string per row with fields joined
 * by '|', each with the line it starts on; or the row and line where the
 * reader must stop with ERR_INVALID. Then the field writer of the exports
 * (csv_put_field): quoting, safe text, and the formula guard at its edges.
 */
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/csv.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ROWS 6

struct csv_case {
    const char *name;           /* for failure messages */
    const char *in;             /* input */
    size_t len;                 /* bytes of in (0: strlen) */
    const char *rows[MAX_ROWS]; /* fields joined by '|', NULL-terminated */
    size_t n_fields[MAX_ROWS];  /* field count per row */
    size_t lines[MAX_ROWS];     /* r->line of each row */
    int error_row;              /* -1, or the 0-based row that fails */
    size_t error_line;          /* r->line at the failure */
};

static const struct csv_case cases[] = {
    {"simple LF",
     "a,b,c\nd,e,f\n",
     0,
     {"a|b|c", "d|e|f"},
     {3, 3},
     {1, 2},
     -1,
     0},
    {"CRLF", "a,b\r\nc,d\r\n", 0, {"a|b", "c|d"}, {2, 2}, {1, 2}, -1, 0},
    {"no final newline", "a,b\nc", 0, {"a|b", "c"}, {2, 1}, {1, 2}, -1, 0},
    {"quoted comma", "\"a,b\",c\n", 0, {"a,b|c"}, {2}, {1}, -1, 0},
    {"doubled quote",
     "\"say \"\"hi\"\"\",x\n",
     0,
     {"say \"hi\"|x"},
     {2},
     {1},
     -1,
     0},
    {"only a doubled quote", "\"\"\"\"\n", 0, {"\""}, {1}, {1}, -1, 0},
    {"empty quoted", "\"\",a\n", 0, {"|a"}, {2}, {1}, -1, 0},
    {"newline in quotes",
     "a,\"x\ny\"\nb,c\n",
     0,
     {"a|x\ny", "b|c"},
     {2, 2},
     {1, 3},
     -1,
     0},
    {"two newlines in quotes",
     "\"1\n2\n3\"\nz\n",
     0,
     {"1\n2\n3", "z"},
     {1, 1},
     {1, 4},
     -1,
     0},
    {"CRLF in quotes",
     "\"x\r\ny\"\r\nz\r\n",
     0,
     {"x\r\ny", "z"},
     {1, 1},
     {1, 3},
     -1,
     0},
    {"empty fields", ",,\n", 0, {"||"}, {3}, {1}, -1, 0},
    {"trailing comma", "a,\n", 0, {"a|"}, {2}, {1}, -1, 0},
    {"leading comma", ",a\n", 0, {"|a"}, {2}, {1}, -1, 0},
    {"blank lines skipped",
     "a\n\n\nb\n\n",
     0,
     {"a", "b"},
     {1, 1},
     {1, 4},
     -1,
     0},
    {"blank CRLF lines",
     "\r\n\r\na\r\n\r\nb",
     0,
     {"a", "b"},
     {1, 1},
     {3, 5},
     -1,
     0},
    {"BOM skipped",
     "\xEF\xBB\xBFid,name\n35,Jawa Timur\n",
     0,
     {"id|name", "35|Jawa Timur"},
     {2, 2},
     {1, 2},
     -1,
     0},
    {"spaces kept", " a , b \n", 0, {" a | b "}, {2}, {1}, -1, 0},
    {"UTF-8 kept",
     "Kec. Gl\xC3\xA9nmore\n",
     0,
     {"Kec. Gl\xC3\xA9nmore"},
     {1},
     {1},
     -1,
     0},
    {"empty input", "", 0, {NULL}, {0}, {0}, -1, 0},
    {"only BOM", "\xEF\xBB\xBF", 0, {NULL}, {0}, {0}, -1, 0},
    {"only blank lines", "\n\r\n\n", 0, {NULL}, {0}, {0}, -1, 0},
    {"unterminated quote", "\"abc\n", 0, {NULL}, {0}, {0}, 0, 1},
    {"unterminated after rows",
     "a\nb\n\"x\ny\n",
     0,
     {"a", "b"},
     {1, 1},
     {1, 2},
     2,
     3},
    {"text after closing quote", "\"a\"b,c\n", 0, {NULL}, {0}, {0}, 0, 1},
    {"space after closing quote", "x\n\"a\" ,c\n", 0, {"x"}, {1}, {1}, 1, 2},
    {"quote in unquoted field", "ab\"c\n", 0, {NULL}, {0}, {0}, 0, 1},
    {"quote in second unquoted field", "a,b\"\n", 0, {NULL}, {0}, {0}, 0, 1},
    {"error line after quoted newline",
     "\"p\nq\"\nbad\"\n",
     0,
     {"p\nq"},
     {1},
     {1},
     1,
     3},
};

/* Join fields with '|' into out. */
static void join(char *const *fields, size_t n, char *out, size_t outlen)
{
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strncat(out, "|", outlen - strlen(out) - 1);
        strncat(out, fields[i], outlen - strlen(out) - 1);
    }
}

static void test_table(void)
{
    for (size_t c = 0; c < N_ITEMS(cases); c++) {
        const struct csv_case *k = &cases[c];
        struct arena *a = arena_new();
        struct csv_reader r;
        csv_init(&r, k->in, k->len ? k->len : strlen(k->in));
        int before = test_checks_failed;
        size_t n_rows = 0;
        while (n_rows < MAX_ROWS && k->rows[n_rows])
            n_rows++;
        for (size_t row = 0; row < n_rows; row++) {
            char *fields[CSV_MAX_FIELDS];
            size_t n = 99;
            CHECK_INT(csv_next(&r, a, fields, &n), ERR_OK);
            if (n > CSV_MAX_FIELDS)
                break;
            char joined[256];
            join(fields, n, joined, sizeof(joined));
            CHECK_STR(joined, k->rows[row]);
            CHECK_INT(n, k->n_fields[row]);
            CHECK_INT(r.line, k->lines[row]);
        }
        char *fields[CSV_MAX_FIELDS];
        size_t n = 99;
        if (k->error_row >= 0) {
            CHECK_INT(csv_next(&r, a, fields, &n), ERR_INVALID);
            CHECK_INT(r.line, k->error_line);
        } else {
            CHECK_INT(csv_next(&r, a, fields, &n), ERR_NOT_FOUND);
            CHECK_INT(n, 0);
            /* End of input stays the end. */
            CHECK_INT(csv_next(&r, a, fields, &n), ERR_NOT_FOUND);
        }
        if (test_checks_failed != before)
            fprintf(stderr, "  in csv case \"%s\"\n", k->name);
        arena_free(a);
    }
}

/* A row of n one-character fields "x,x,...,x\n". */
static void row_of(size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (i)
            out[o++] = ',';
        out[o++] = 'x';
    }
    out[o++] = '\n';
    out[o] = '\0';
}

static void test_max_fields(void)
{
    char line[CSV_MAX_FIELDS * 2 + 8];
    char *fields[CSV_MAX_FIELDS];
    size_t n = 0;
    struct csv_reader r;
    struct arena *a = arena_new();

    row_of(CSV_MAX_FIELDS, line);
    csv_init(&r, line, strlen(line));
    CHECK_INT(csv_next(&r, a, fields, &n), ERR_OK);
    CHECK_INT(n, CSV_MAX_FIELDS);
    CHECK_STR(fields[CSV_MAX_FIELDS - 1], "x");

    row_of(CSV_MAX_FIELDS + 1, line);
    csv_init(&r, line, strlen(line));
    CHECK_INT(csv_next(&r, a, fields, &n), ERR_INVALID);
    CHECK_INT(r.line, 1);

    /* 64 fields where the last is empty: "x,...,x," has 64 fields. */
    row_of(CSV_MAX_FIELDS - 1, line);
    size_t l = strlen(line);
    line[l - 1] = ',';
    line[l] = '\n';
    line[l + 1] = '\0';
    csv_init(&r, line, strlen(line));
    CHECK_INT(csv_next(&r, a, fields, &n), ERR_OK);
    CHECK_INT(n, CSV_MAX_FIELDS);
    CHECK_STR(fields[CSV_MAX_FIELDS - 1], "");

    /* One comma more makes 65. */
    row_of(CSV_MAX_FIELDS, line);
    l = strlen(line);
    line[l - 1] = ',';
    line[l] = '\n';
    line[l + 1] = '\0';
    csv_init(&r, line, strlen(line));
    CHECK_INT(csv_next(&r, a, fields, &n), ERR_INVALID);
    arena_free(a);
}

static void test_nul_and_invalid_bytes(void)
{
    /* Fields are arena strings: a NUL byte inside one must not cut it
     * short silently, and invalid UTF-8 must not come out as-is. */
    static const char in[] = "a\0b,c\xFF\n";
    struct csv_reader r;
    struct arena *a = arena_new();
    char *fields[CSV_MAX_FIELDS];
    size_t n = 0;
    csv_init(&r, in, sizeof(in) - 1);
    CHECK_INT(csv_next(&r, a, fields, &n), ERR_OK);
    CHECK_INT(n, 2);
    CHECK_STR(fields[0], "a\xEF\xBF\xBD"
                         "b");
    CHECK_STR(fields[1], "c\xEF\xBF\xBD");
    arena_free(a);
}

static void test_formula_guard(void)
{
    static const struct {
        const char *in;
        bool risk;       /* csv_formula_risk(in) */
        const char *out; /* csv_put_field(in) */
    } guard[] = {
        {"=1+1", true, "\"'=1+1\""},
        {"+62812", true, "\"'+62812\""},
        {"-5", true, "\"'-5\""},
        {"@SUM(A1)", true, "\"'@SUM(A1)\""},
        {"=HYPERLINK(\"http://x\")", true, "\"'=HYPERLINK(\"\"http://x\"\")\""},
        /* the first non-blank character decides */
        {" =1", true, "\"' =1\""},
        {"   -x", true, "\"'   -x\""},
        {" \t=1", true, "\"' \t=1\""},
        {"\xC2\xA0=1", true, "\"'\xC2\xA0=1\""}, /* NBSP then = */
        /* tab, CR, LF first: guarded whatever follows */
        {"\tx", true, "\"'\tx\""},
        {"\rx", true, "\"'\nx\""}, /* CR is written as LF */
        {"\r\nx", true, "\"'\nx\""},
        {"\nx", true, "\"'\nx\""},
        {"\t", true, "\"'\t\""},
        /* not a formula */
        {"", false, "\"\""},
        {" ", false, "\" \""},
        {"a=1", false, "\"a=1\""},
        {"Ramah", false, "\"Ramah\""},
        {"1-2", false, "\"1-2\""},
        {"'=1", false, "\"'=1\""},
        {"\xEF\xBC\x9D"
         "1",
         false,
         "\"\xEF\xBC\x9D"
         "1\""}, /* U+FF1D */
        {"x\t=", false, "\"x\t=\""},
        /* a dropped control before = does not hide it */
        {"\x01=1", false, "\"'=1\""},
        {"\x7F+1", false, "\"'+1\""},
        /* quotes doubled, controls and noncharacters dropped */
        {"say \"hi\"", false, "\"say \"\"hi\"\"\""},
        {"a\x01"
         "b\xEF\xBF\xBF"
         "c\xC2\x85"
         "d",
         false, "\"abcd\""},
        {"x\xED\xA0\x80", false, "\"x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
        {"line\r\nnext", false, "\"line\nnext\""},
    };
    for (size_t i = 0; i < N_ITEMS(guard); i++) {
        if (csv_formula_risk(guard[i].in) != guard[i].risk)
            fprintf(stderr, "  case %zu\n", i);
        CHECK_INT(csv_formula_risk(guard[i].in), guard[i].risk);
        struct buf b;
        buf_init(&b, 1024);
        csv_put_field(&b, guard[i].in);
        CHECK_STR(buf_cstr(&b), guard[i].out);
        buf_free(&b);
    }
    CHECK(!csv_formula_risk(NULL));
    struct buf b;
    buf_init(&b, 64);
    csv_put_field(&b, NULL);
    CHECK_STR(buf_cstr(&b), "\"\"");
    buf_free(&b);
}

int main(void)
{
    RUN(test_table);
    RUN(test_max_fields);
    RUN(test_nul_and_invalid_bytes);
    RUN(test_formula_guard);
    TEST_END();
}
