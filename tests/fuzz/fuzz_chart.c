/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_chart.c: the SVG charts (views/chart.h) drawn from arbitrary
 * numbers and labels.
 *
 * The input: byte 0 gives n_x (0..40), byte 1 the number of series
 * (0..8), byte 2 the decimals (-2..21, read by the charts as 0..18),
 * byte 3 the language (bit 0), the y range (bits 1-2: automatic, fixed
 * from 16 bytes, two equal bounds, or 0..1000) and how values are read
 * (bits 3-4: int16 with 0x8000 as CHART_NONE, whole int64s, one byte
 * each with 0xFF as CHART_NONE, or one byte choosing among the extremes);
 * then the range and the values (CHART_NONE when the bytes run out);
 * the rest is split at '\n' into the title, the axis labels, the unit,
 * the id prefix, the x labels and the series labels (NULL when it runs
 * out).
 *
 * Invariants:
 *   - chart_line() and chart_spark() (for every series) write well-formed
 *     XML (libxml2, inside a <div>), with exactly one <svg> each, whose
 *     every coordinate is a plain number with at most two decimals inside
 *     its viewBox (tests/svg_check.h): never "nan" or "inf";
 *   - chart_format() writes less than 32 bytes, a decimal mark only when
 *     the decimals (read as 0..18) are not 0, thousands separators only
 *     in the whole part and every three digits, and, the separators taken
 *     out and leading zeros dropped, exactly the value's "%lld".
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../svg_check.h"
#include "base/buf.h"
#include "fuzz.h"
#include "views/chart.h"

#define OUT_MAX ((size_t)64 * 1024 * 1024)
#define MAX_X 40
#define MAX_SERIES 8

/* A cursor over the input. */
struct cur {
    const uint8_t *p;
    size_t n;
};

static bool take(struct cur *c, void *dst, size_t n)
{
    if (c->n < n)
        return false;
    memcpy(dst, c->p, n);
    c->p += n;
    c->n -= n;
    return true;
}

static int64_t take_value(struct cur *c, int mode)
{
    switch (mode) {
    case 0: {
        int16_t v;
        if (!take(c, &v, sizeof(v)) || v == INT16_MIN)
            return CHART_NONE;
        return v;
    }
    case 1: {
        int64_t v;
        return take(c, &v, sizeof(v)) ? v : CHART_NONE;
    }
    case 2: {
        uint8_t b;
        if (!take(c, &b, 1) || b == 0xFF)
            return CHART_NONE;
        return ((int64_t)b - 128) * 10;
    }
    default: {
        static const int64_t pick[8] = {
            INT64_MAX, INT64_MIN + 1, CHART_NONE, 0, 1, -1, 1000, 875};
        uint8_t b;
        return take(c, &b, 1) ? pick[b % 8] : CHART_NONE;
    }
    }
}

/* Check a drawing: well-formed, one <svg>, coordinates inside. */
static void check_drawing(const struct buf *out)
{
    FUZZ_CHECK(!out->overflow);
    xmlDocPtr doc = svg_parse(buf_cstr(out), out->len, true);
    if (!doc)
        fprintf(stderr, "not well-formed:\n%s\n", buf_cstr(out));
    FUZZ_CHECK(doc != NULL);
    size_t n_svg = 0;
    FUZZ_CHECK(svg_check_doc(doc, &n_svg));
    FUZZ_CHECK(n_svg == 1);
    xmlFreeDoc(doc);
}

static void check_format(int64_t v, int decimals, enum lang lang)
{
    char out[32], plain[40], want[32];
    chart_format(v, decimals, lang, out);
    size_t len = strnlen(out, sizeof(out));
    FUZZ_CHECK(len < sizeof(out));
    int d = decimals < 0 ? 0 : decimals > 18 ? 18 : decimals;
    char sep = lang == LANG_EN ? '.' : ',';
    char group = lang == LANG_EN ? ',' : '.';
    size_t n_sep = 0, o = 0;
    size_t whole_end = d > 0 ? len - (size_t)d - 1 : len;
    for (size_t i = 0; i < len; i++) {
        if (out[i] == sep) {
            n_sep++;
            FUZZ_CHECK(len - i - 1 == (size_t)d);
            continue;
        }
        if (out[i] == group) {
            /* In the whole part, followed by a multiple of 3 digits
             * (each group being 3 digits and its separator). */
            FUZZ_CHECK(i > 0 && i < whole_end && (whole_end - i - 1) % 4 == 3);
            continue;
        }
        FUZZ_CHECK((out[i] >= '0' && out[i] <= '9') ||
                   (i == 0 && out[i] == '-'));
        plain[o++] = out[i];
    }
    plain[o] = '\0';
    FUZZ_CHECK(n_sep == (d > 0 ? 1u : 0u));
    /* Leading zeros dropped (after the sign), keeping one digit. */
    char *digits = plain + (plain[0] == '-');
    size_t z = 0;
    while (digits[z] == '0' && digits[z + 1] != '\0')
        z++;
    memmove(digits, digits + z, strlen(digits + z) + 1);
    snprintf(want, sizeof(want), "%" PRId64, v);
    FUZZ_CHECK(strcmp(plain, want) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cur c = {data, size};
    uint8_t head[4] = {0, 0, 0, 0};
    take(&c, head, sizeof(head));
    size_t n_x = head[0] % (MAX_X + 1);
    size_t n_series = head[1] % (MAX_SERIES + 1);
    int decimals = (int)(head[2] % 24) - 2;
    enum lang lang = head[3] & 1 ? LANG_EN : LANG_ID;
    int range = (head[3] >> 1) & 3, mode = (head[3] >> 3) & 3;

    int64_t y_min = 0, y_max = 0;
    if (range == 1) {
        take(&c, &y_min, sizeof(y_min));
        take(&c, &y_max, sizeof(y_max));
    } else if (range == 2) {
        take(&c, &y_min, sizeof(y_min));
        y_max = y_min;
    } else if (range == 3) {
        y_max = 1000;
    }
    int64_t values[MAX_SERIES][MAX_X];
    for (size_t k = 0; k < n_series; k++)
        for (size_t i = 0; i < n_x; i++)
            values[k][i] = take_value(&c, mode);

    /* The labels: the rest, split at '\n'. */
    char *pool = fuzz_cstr(c.p, c.n);
    char *strs[4 + 1 + MAX_X + MAX_SERIES];
    size_t n_strs = 0;
    for (char *s = pool; s && n_strs < sizeof(strs) / sizeof(strs[0]);) {
        strs[n_strs++] = s;
        char *nl = strchr(s, '\n');
        if (nl)
            *nl++ = '\0';
        s = nl;
    }
    size_t next = 0;
#define NEXT_STR() (next < n_strs ? strs[next++] : NULL)
    struct chart ch = {0};
    ch.title = NEXT_STR();
    ch.y_label = NEXT_STR();
    ch.x_label = NEXT_STR();
    ch.unit = NEXT_STR();
    const char *id_prefix = NEXT_STR();
    const char *x_labels[MAX_X];
    for (size_t i = 0; i < n_x; i++)
        x_labels[i] = NEXT_STR();
    struct chart_series series[MAX_SERIES];
    for (size_t k = 0; k < n_series; k++) {
        series[k].label = NEXT_STR();
        series[k].values = values[k];
    }
#undef NEXT_STR
    ch.x_labels = x_labels;
    ch.n_x = n_x;
    ch.series = series;
    ch.n_series = n_series;
    ch.decimals = decimals;
    ch.y_min = y_min;
    ch.y_max = y_max;
    ch.lang = lang;

    struct buf out;
    buf_init(&out, OUT_MAX);
    chart_line(&out, &ch, id_prefix);
    check_drawing(&out);
    for (size_t k = 0; k < n_series; k++) {
        buf_reset(&out);
        chart_spark(&out, values[k], n_x, y_min, y_max, decimals, ch.unit,
                    n_x ? x_labels[0] : NULL, n_x ? x_labels[n_x - 1] : NULL,
                    lang);
        check_drawing(&out);
        for (size_t i = 0; i < n_x; i++)
            check_format(values[k][i], decimals, lang);
    }
    check_format(y_min, decimals, lang);
    check_format(y_max, decimals, lang);
    buf_free(&out);
    free(pool);
    return 0;
}
