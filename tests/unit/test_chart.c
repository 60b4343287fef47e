/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_chart.c: the SVG charts of the oversight pages (views/chart.h).
 * Every drawing is parsed with libxml2 as XML and every coordinate checked
 * to be a plain number inside the viewBox (tests/svg_check.h); then: the
 * decimal separator at the boundaries in both languages, the points of a
 * known series at hand-worked coordinates, gaps splitting the line, no
 * data at all, one x position, automatic and fixed ranges (zero, negative,
 * equal bounds), long labels shortened or turned, hostile text escaped,
 * the table holding every value, unique ids, the six series styles, the
 * sparkline's points and summary, and the extremes of int64_t.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "base/buf.h"
#include "base/html.h"
#include "svg_check.h"
#include "test.h"
#include "views/chart.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))
#define NO CHART_NONE
#define OUT_MAX ((size_t)16 * 1024 * 1024)

static const char *const months_id[12] = {"Jan", "Feb", "Mar", "Apr",
                                          "Mei", "Jun", "Jul", "Agu",
                                          "Sep", "Okt", "Nov", "Des"};

/* ---- helpers ---------------------------------------------------------- */

/* out parsed and checked (svg_check.h); NULL (and a failed check) when it
 * is not well-formed. */
static xmlDocPtr parse_checked(const struct buf *out)
{
    CHECK(!out->overflow);
    xmlDocPtr doc = svg_parse(buf_cstr(out), out->len, false);
    CHECK(doc != NULL);
    if (!doc) {
        fprintf(stderr, "not well-formed:\n%s\n", buf_cstr(out));
        return NULL;
    }
    size_t n_svg = 0;
    CHECK(svg_check_doc(doc, &n_svg));
    CHECK(n_svg >= 1);
    return doc;
}

/* Draw c into out (reset first) and parse it. */
static xmlDocPtr draw(struct buf *out, const struct chart *c,
                      const char *prefix)
{
    buf_reset(out);
    chart_line(out, c, prefix);
    return parse_checked(out);
}

static xmlXPathObjectPtr xp(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, (const xmlChar *)"s", (const xmlChar *)SVG_NS);
    xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
    xmlXPathFreeContext(ctx);
    if (!r)
        fprintf(stderr, "bad XPath %s\n", expr);
    return r;
}

/* The number of nodes expr selects (-1 when doc is NULL). */
static int xp_count(xmlDocPtr doc, const char *expr)
{
    if (!doc)
        return -1;
    xmlXPathObjectPtr r = xp(doc, expr);
    int n = r && r->nodesetval ? r->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(r);
    return n;
}

/* string(expr), in a static ring of buffers (valid for 8 calls). */
static const char *xp_str(xmlDocPtr doc, const char *expr)
{
    static char ring[8][4096];
    static int next;
    char *slot = ring[next++ % 8];
    slot[0] = '\0';
    if (!doc)
        return slot;
    char full[512];
    snprintf(full, sizeof(full), "string(%s)", expr);
    xmlXPathObjectPtr r = xp(doc, full);
    if (r && r->stringval)
        snprintf(slot, 4096, "%s", (const char *)r->stringval);
    xmlXPathFreeObject(r);
    return slot;
}

/* A coordinate attribute in hundredths (svg_num); -1 when absent or bad. */
static int64_t xp_num(xmlDocPtr doc, const char *expr)
{
    const char *s = xp_str(doc, expr);
    int64_t v;
    if (!svg_num(s, strlen(s), &v)) {
        fprintf(stderr, "%s: not a number: \"%s\"\n", expr, s);
        return -1;
    }
    return v;
}

/* No "nan" or "inf" in any case anywhere in s. */
static bool no_nan_inf(const char *s)
{
    for (const char *p = s; *p; p++) {
        char a = (char)tolower((unsigned char)p[0]);
        if (!p[1] || !p[2])
            break;
        char b = (char)tolower((unsigned char)p[1]);
        char c = (char)tolower((unsigned char)p[2]);
        if ((a == 'n' && b == 'a' && c == 'n') ||
            (a == 'i' && b == 'n' && c == 'f'))
            return false;
    }
    return true;
}

/* The plot's edges from the axis lines, in hundredths. */
struct plot {
    int64_t left, right, top, bottom;
};

static struct plot plot_of(xmlDocPtr doc)
{
    struct plot p = {
        xp_num(doc, "//s:g[@class='chart-axes']/s:line[1]/@x1"),
        xp_num(doc, "//s:g[@class='chart-axes']/s:line[2]/@x2"),
        xp_num(doc, "//s:g[@class='chart-axes']/s:line[1]/@y1"),
        xp_num(doc, "//s:g[@class='chart-axes']/s:line[1]/@y2"),
    };
    return p;
}

/* Split "x,y x,y ..." into at most max pairs; returns how many. */
static size_t parse_points(const char *s, int64_t *xs, int64_t *ys, size_t max)
{
    size_t n = 0;
    const char *p = s;
    while (*p && n < max) {
        size_t len = strcspn(p, " ");
        const char *comma = memchr(p, ',', len);
        if (!comma || !svg_num(p, (size_t)(comma - p), &xs[n]) ||
            !svg_num(comma + 1, len - (size_t)(comma + 1 - p), &ys[n]))
            return 0;
        n++;
        p += len;
        while (*p == ' ')
            p++;
    }
    return n;
}

/* ---- chart_format ----------------------------------------------------- */

static void test_format(void)
{
    static const struct {
        int64_t v;
        int decimals;
        enum lang lang;
        const char *want;
    } cases[] = {
        {0, 0, LANG_ID, "0"},
        {0, 1, LANG_ID, "0,0"},
        {0, 1, LANG_EN, "0.0"},
        {0, 2, LANG_EN, "0.00"},
        {5, 0, LANG_ID, "5"},
        {5, 1, LANG_ID, "0,5"},
        {5, 1, LANG_EN, "0.5"},
        {5, 2, LANG_ID, "0,05"},
        {-5, 0, LANG_EN, "-5"},
        {-5, 1, LANG_ID, "-0,5"},
        {-5, 1, LANG_EN, "-0.5"},
        {-5, 3, LANG_ID, "-0,005"},
        {875, 1, LANG_ID, "87,5"},
        {875, 1, LANG_EN, "87.5"},
        {875, 0, LANG_ID, "875"},
        {1000, 0, LANG_ID, "1.000"}, /* thousands grouped */
        {1000, 0, LANG_EN, "1,000"},
        {999, 0, LANG_ID, "999"},
        {123456, 1, LANG_ID, "12.345,6"},
        {1000, 1, LANG_ID, "100,0"},
        {1000, 1, LANG_EN, "100.0"},
        {1000, 3, LANG_EN, "1.000"},
        {1000, 4, LANG_ID, "0,1000"},
        {-1000, 1, LANG_ID, "-100,0"},
        {INT64_MAX, 0, LANG_ID, "9.223.372.036.854.775.807"},
        {INT64_MAX, 1, LANG_ID, "922.337.203.685.477.580,7"},
        {INT64_MAX, 1, LANG_EN, "922,337,203,685,477,580.7"},
        {INT64_MAX, 18, LANG_EN, "9.223372036854775807"},
        {INT64_MIN, 0, LANG_EN, "-9,223,372,036,854,775,808"},
        {INT64_MIN, 1, LANG_ID, "-922.337.203.685.477.580,8"},
        {INT64_MIN, 18, LANG_ID, "-9,223372036854775808"},
        {INT64_MIN + 1, 2, LANG_EN, "-92,233,720,368,547,758.07"},
        {1, 18, LANG_ID, "0,000000000000000001"},
        {875, -1, LANG_ID, "875"},                  /* read as 0 */
        {875, 19, LANG_EN, "0.000000000000000875"}, /* read as 18 */
        {-1, 40, LANG_ID, "-0,000000000000000001"}, /* read as 18 */
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        char out[40];
        memset(out, 'X', sizeof(out));
        chart_format(cases[i].v, cases[i].decimals, cases[i].lang, out);
        CHECK_STR(out, cases[i].want);
        for (size_t k = 32; k < sizeof(out); k++)
            CHECK(out[k] == 'X'); /* nothing past the 32 bytes */
    }
}

/* ---- line chart: points ----------------------------------------------- */

static void test_points(void)
{
    static const char *const xl[5] = {"A", "B", "C", "D", "E"};
    static const int64_t v[5] = {0, 250, 500, 750, 1000};
    struct chart_series s = {"Genteng", v};
    struct chart c = {.title = "t",
                      .x_labels = xl,
                      .n_x = 5,
                      .series = &s,
                      .n_series = 1,
                      .decimals = 1,
                      .unit = "%",
                      .y_min = 0,
                      .y_max = 1000,
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "p");
    const char *pts = xp_str(doc, "//s:g[contains(@class,'chart-s1')]"
                                  "/s:polyline/@points");
    /*
     * Worked by hand from chart.c's layout, in hundredths: the widest tick
     * label "100%" is 3 x 556 + 889 = 2557 thousandths of an em, at font
     * 12 with 10 % to spare 2557 x 12 x 11 / 100 = 3375; left = 800 (pad)
     * + 3375 + 600 (gap) = 4775; right = 48000 - 1600 = 46400; so x_i =
     * 4775 + round(i x 41625 / 4): 4775, 15181, 25588, 35994, 46400. The
     * plot runs from y 1400 (1000) to 21400 (0), 20000 high: 250 steps of
     * the value are 5000.
     */
    CHECK_STR(pts, "47.75,214 151.81,164 255.88,114 359.94,64 464,14");

    /* The same, stated against the axes: the ends on the plot's corners,
     * the rest evenly spaced, the middle value half-way up. */
    struct plot p = plot_of(doc);
    int64_t xs[8], ys[8];
    size_t n = parse_points(pts, xs, ys, 8);
    CHECK_INT(n, 5);
    if (n == 5) {
        CHECK_INT(xs[0], p.left);
        CHECK_INT(ys[0], p.bottom);
        CHECK_INT(xs[4], p.right);
        CHECK_INT(ys[4], p.top);
        CHECK(llabs(xs[2] - (p.left + p.right) / 2) <= 1);
        CHECK_INT(ys[2], (p.top + p.bottom) / 2);
        CHECK(llabs((xs[1] - xs[0]) - (xs[3] - xs[2])) <= 1);
    }
    /* Markers on the same points. */
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]//s:circle"), 5);
    CHECK_STR(xp_str(doc, "(//s:g[contains(@class,'chart-s1')]//s:circle)[3]"
                          "/@cy"),
              "114");
    /* Ticks 0 % .. 100 % in steps of 20, as whole numbers. */
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-yticks']/s:text"), 6);
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-yticks']/s:text[1]"), "0%");
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-yticks']/s:text[6]"), "100%");
    xmlFreeDoc(doc);

    /* A fixed range clamps what lies outside it onto its edges. */
    static const int64_t out_of_range[2] = {1200, -100};
    s.values = out_of_range;
    c.n_x = 2;
    doc = draw(&out, &c, "p");
    p = plot_of(doc);
    n = parse_points(xp_str(doc, "//s:g[contains(@class,'chart-s1')]"
                                 "/s:polyline/@points"),
                     xs, ys, 8);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(ys[0], p.top);
        CHECK_INT(ys[1], p.bottom);
    }
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- gaps ------------------------------------------------------------- */

static void test_gaps(void)
{
    static const int64_t v[12] = {100, 200, NO, 300, 400, NO,
                                  500, NO,  NO, 600, 700, 800};
    static const int64_t w[12] = {NO, 10, 20, 30, NO, NO,
                                  NO, NO, NO, NO, NO, 40};
    struct chart_series s[2] = {{"Genteng", v}, {"Kabat", w}};
    struct chart c = {.title = "Gaps",
                      .x_labels = months_id,
                      .n_x = 12,
                      .series = s,
                      .n_series = 2,
                      .decimals = 0,
                      .unit = "",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "g");
    /* Runs [0,1], [3,4], [6] (alone: a marker only), [9,11]. */
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]/s:polyline"),
              3);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]//s:circle"), 8);
    static const size_t want_len[3] = {2, 2, 3};
    int64_t prev_last_x = -1;
    for (size_t k = 0; k < 3; k++) {
        char expr[128];
        snprintf(expr, sizeof(expr),
                 "//s:g[contains(@class,'chart-s1')]/s:polyline[%zu]/@points",
                 k + 1);
        int64_t xs[16], ys[16];
        size_t n = parse_points(xp_str(doc, expr), xs, ys, 16);
        CHECK_INT(n, want_len[k]);
        if (n >= 1)
            CHECK(xs[0] > prev_last_x); /* runs in order, never joined */
        if (n >= 1)
            prev_last_x = xs[n - 1];
    }
    xmlFreeDoc(doc);
    buf_free(&out);
}

static void test_gap_positions(void)
{
    static const int64_t v[4] = {100, NO, 300, 400};
    struct chart_series s = {"Genteng", v};
    struct chart c = {.title = "Gaps",
                      .x_labels = months_id,
                      .n_x = 4,
                      .series = &s,
                      .n_series = 1,
                      .unit = "",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "g");
    /* One polyline (positions 2 and 3) whose first point is the second
     * marker; the value alone at 0 is the first marker, no line to it. */
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]/s:polyline"),
              1);
    int64_t xs[4], ys[4];
    size_t n = parse_points(
        xp_str(doc, "//s:g[contains(@class,'chart-s1')]/s:polyline/@points"),
        xs, ys, 4);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(xs[0], xp_num(doc, "(//s:g[contains(@class,'chart-s1')]"
                                     "//s:circle)[2]/@cx"));
        CHECK(xs[0] > xp_num(doc, "(//s:g[contains(@class,'chart-s1')]"
                                  "//s:circle)[1]/@cx"));
    }
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- no data, one position ------------------------------------------ */

static void test_no_data(void)
{
    static const int64_t none[12] = {NO, NO, NO, NO, NO, NO,
                                     NO, NO, NO, NO, NO, NO};
    static const struct {
        const int64_t *values;
        size_t n_x;
        enum lang lang;
        int64_t y_min, y_max;
        const char *note;
    } cases[] = {
        {none, 12, LANG_ID, 0, 0, "tidak ada data"},
        {none, 12, LANG_EN, 0, 0, "no data"},
        {none, 12, LANG_ID, 0, 1000, "tidak ada data"},
        {none, 1, LANG_EN, 5, 5, "no data"},
        {NULL, 12, LANG_ID, 0, 0, "tidak ada data"},
        {none, 0, LANG_EN, 0, 0, "no data"},
    };
    struct buf out;
    buf_init(&out, OUT_MAX);
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct chart_series s = {"Genteng", cases[i].values};
        struct chart c = {.title = "Kosong",
                          .y_label = "Tepat waktu (%)",
                          .x_label = "Bulan",
                          .x_labels = months_id,
                          .n_x = cases[i].n_x,
                          .series = &s,
                          .n_series = 1,
                          .decimals = 1,
                          .unit = "%",
                          .y_min = cases[i].y_min,
                          .y_max = cases[i].y_max,
                          .lang = cases[i].lang};
        xmlDocPtr doc = draw(&out, &c, "e");
        CHECK(no_nan_inf(buf_cstr(&out)));
        CHECK_STR(xp_str(doc, "//s:text[@class='chart-empty']"), cases[i].note);
        CHECK_INT(xp_count(doc, "//s:polyline"), 0);
        CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-series')]"), 0);
        CHECK(xp_count(doc, "//s:g[@class='chart-yticks']/s:text") >= 2);
        CHECK_INT(xp_count(doc, "//s:g[@class='chart-axes']/s:line"), 2);
        /* The table still lists every position, each without a value. */
        CHECK_INT(xp_count(doc, "//table/tbody/tr"), (int)cases[i].n_x);
        CHECK_INT(xp_count(doc, "//table/tbody/tr/td[.='—']"),
                  (int)cases[i].n_x);
        xmlFreeDoc(doc);
    }
    /* No series at all. */
    struct chart c = {.title = "Kosong", .n_x = 3, .x_labels = months_id};
    xmlDocPtr doc = draw(&out, &c, "e");
    CHECK_STR(xp_str(doc, "//s:text[@class='chart-empty']"), "tidak ada data");
    xmlFreeDoc(doc);
    buf_free(&out);
}

static void test_one_position(void)
{
    static const char *const xl[1] = {"2026-03"};
    static const int64_t v[1] = {875};
    struct chart_series s = {"Genteng", v};
    struct chart c = {.title = "Maret",
                      .x_label = "Bulan",
                      .x_labels = xl,
                      .n_x = 1,
                      .series = &s,
                      .n_series = 1,
                      .decimals = 1,
                      .unit = "%",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "o");
    struct plot p = plot_of(doc);
    CHECK_INT(xp_count(doc, "//s:polyline"), 0); /* one point: no line */
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]//s:circle"), 1);
    /* In the middle of the plot; 87.5 % of 0..100 % (automatic): 175 of
     * the plot's 200 above its bottom at 214. */
    CHECK_INT(xp_num(doc, "//s:g[contains(@class,'chart-s1')]//s:circle/@cx"),
              (p.left + p.right) / 2);
    CHECK_STR(xp_str(doc, "//s:g[contains(@class,'chart-s1')]//s:circle/@cy"),
              "39");
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-xticks']/s:text"), "2026-03");
    CHECK_STR(xp_str(doc, "//table/tbody/tr/td"), "87,5%");
    xmlFreeDoc(doc);
    /* One position whose label is wider than the plot: the label is cut
     * to fit, the point still drawn (chart.c also never divides the gap
     * by n_x - 1 = 0 should a single label ever be turned). */
    static const char *const wide[1] = {
        "Kantor Kecamatan Genteng, Kabupaten Banyuwangi, Jawa Timur, "
        "Indonesia — pelayanan satu pintu"};
    c.x_labels = wide;
    doc = draw(&out, &c, "o");
    CHECK(doc != NULL);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]//s:circle"), 1);
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- ranges ----------------------------------------------------------- */

static void test_ranges(void)
{
    static const struct {
        int64_t v[3];
        size_t n;
        int decimals;
        const char *unit;
        int64_t y_min, y_max;
        enum lang lang;
        int ticks;          /* how many y ticks */
        const char *bottom; /* the lowest tick */
        const char *top;    /* the highest tick */
    } cases[] = {
        /* automatic: 0 .. a round number at or above the largest */
        {{875}, 1, 1, "%", 0, 0, LANG_ID, 6, "0%", "100%"},
        {{1000}, 1, 1, "%", 0, 0, LANG_ID, 6, "0%", "100%"},
        {{1001}, 1, 1, "%", 0, 0, LANG_ID, 4, "0%", "150%"},
        {{7}, 1, 0, "", 0, 0, LANG_ID, 5, "0", "8"},
        {{12, 3}, 2, 0, "", 0, 0, LANG_ID, 4, "0", "15"},
        {{5}, 1, 1, "%", 0, 0, LANG_ID, 6, "0,0%", "0,5%"},
        {{5}, 1, 1, "%", 0, 0, LANG_EN, 6, "0.0%", "0.5%"},
        /* only zeros: 0 .. 5 units */
        {{0, 0}, 2, 1, "%", 0, 0, LANG_ID, 6, "0%", "5%"},
        {{0}, 1, 0, " hari", 0, 0, LANG_ID, 6, "0 hari", "5 hari"},
        /* negative values: a round number below the smallest */
        {{-50, 20, -300}, 3, 0, "", 0, 0, LANG_ID, 5, "-300", "100"},
        {{-5, -1}, 2, 1, "", 0, 0, LANG_ID, 6, "-0,5", "0,0"},
        /* fixed */
        {{875}, 1, 1, "%", 0, 1000, LANG_ID, 6, "0%", "100%"},
        {{50}, 1, 0, "", 3, 97, LANG_ID, 4, "20", "80"},
        {{50}, 1, 0, "", -100, 100, LANG_ID, 5, "-100", "100"},
        /* min == max, and max below min: automatic */
        {{875}, 1, 1, "%", 500, 500, LANG_ID, 6, "0%", "100%"},
        {{875}, 1, 1, "%", 1000, 0, LANG_ID, 6, "0%", "100%"},
    };
    struct buf out;
    buf_init(&out, OUT_MAX);
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct chart_series s = {"s", cases[i].v};
        struct chart c = {.title = "r",
                          .x_labels = months_id,
                          .n_x = cases[i].n,
                          .series = &s,
                          .n_series = 1,
                          .decimals = cases[i].decimals,
                          .unit = cases[i].unit,
                          .y_min = cases[i].y_min,
                          .y_max = cases[i].y_max,
                          .lang = cases[i].lang};
        xmlDocPtr doc = draw(&out, &c, "r");
        CHECK_INT(xp_count(doc, "//s:g[@class='chart-yticks']/s:text"),
                  cases[i].ticks);
        CHECK_STR(xp_str(doc, "//s:g[@class='chart-yticks']/s:text[1]"),
                  cases[i].bottom);
        CHECK_STR(xp_str(doc, "//s:g[@class='chart-yticks']/s:text[last()]"),
                  cases[i].top);
        if (strcmp(cases[i].top, xp_str(doc, "//s:g[@class='chart-yticks']"
                                             "/s:text[last()]")) != 0)
            fprintf(stderr, "  (case %zu)\n", i);
        xmlFreeDoc(doc);
    }
    buf_free(&out);
}

static void test_zero_line(void)
{
    static const int64_t v[3] = {-50, 20, -300};
    struct chart_series s = {"s", v};
    struct chart c = {.title = "z",
                      .x_labels = months_id,
                      .n_x = 3,
                      .series = &s,
                      .n_series = 1,
                      .unit = "",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "z");
    /* -300 .. 100: zero three quarters up the 200-high plot from 214. */
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-grid']"
                            "/s:line[@stroke='#5b6664']"),
              1);
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-grid']"
                          "/s:line[@stroke='#5b6664']/@y1"),
              "64");
    int64_t xs[4], ys[4];
    size_t n = parse_points(xp_str(doc, "//s:polyline/@points"), xs, ys, 4);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_INT(ys[0], 6400 + 2500); /* -50: an eighth of 200 below 0 */
        CHECK_INT(ys[1], 6400 - 1000); /* 20 */
        CHECK_INT(ys[2], 21400);       /* -300: the bottom */
    }
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- labels ----------------------------------------------------------- */

/* The visible text of a <text> (its last text node, after any <title>). */
static const char *visible(xmlDocPtr doc, const char *text_expr)
{
    char expr[256];
    snprintf(expr, sizeof(expr), "%s/text()[last()]", text_expr);
    return xp_str(doc, expr);
}

static bool ends_with_ellipsis(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && strcmp(s + n - 3, "…") == 0;
}

static void test_long_labels(void)
{
    static const char *const kec = "Kecamatan Banyuwangi Kota";
    const char *xl[12];
    for (size_t i = 0; i < 12; i++)
        xl[i] = kec;
    char legend[256], ylab[256];
    memset(legend, 0, sizeof(legend));
    for (size_t i = 0; i < 200; i++)
        legend[i] = (char)('a' + i % 26);
    snprintf(ylab, sizeof(ylab), "%s",
             "Persentase permohonan yang selesai tepat waktu menurut "
             "standar pelayanan yang berlaku");
    static const int64_t v[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    struct chart_series s[2] = {{legend, v},
                                {"WWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
                                 "WWWWWWWWWWWWWWWWWWWW",
                                 v}};
    struct chart c = {.title = "Panjang",
                      .y_label = ylab,
                      .x_label = ylab,
                      .x_labels = xl,
                      .n_x = 12,
                      .series = s,
                      .n_series = 2,
                      .unit = "",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "l");
    /* Too wide for 12 positions: turned, and each shortened with "…",
     * the full label as the <title>. */
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-xticks']/s:text"
                            "[starts-with(@transform,'rotate(-45 ')]"),
              12);
    for (int i = 1; i <= 12; i++) {
        char expr[128];
        snprintf(expr, sizeof(expr), "//s:g[@class='chart-xticks']/s:text[%d]",
                 i);
        const char *seen = visible(doc, expr);
        CHECK(ends_with_ellipsis(seen));
        CHECK(strlen(seen) < strlen(kec));
        CHECK(strncmp(seen, kec, strlen(seen) - 3) == 0);
        snprintf(expr, sizeof(expr),
                 "//s:g[@class='chart-xticks']/s:text[%d]/s:title", i);
        CHECK_STR(xp_str(doc, expr), kec);
    }
    /* The legend's labels: shortened, the wide letters more. */
    const char *l1 = visible(doc, "//s:g[@class='chart-legend']/s:text[1]");
    const char *l2 = visible(doc, "//s:g[@class='chart-legend']/s:text[2]");
    CHECK(ends_with_ellipsis(l1));
    CHECK(ends_with_ellipsis(l2));
    CHECK(strlen(l2) < strlen(l1));
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-legend']/s:text[1]/s:title"),
              legend);
    /* The axis labels. */
    CHECK(ends_with_ellipsis(
        visible(doc, "//s:g[@class='chart-labels']/s:text[1]")));
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-labels']/s:text[1]/s:title"),
              ylab);
    /* The table keeps every label whole. */
    CHECK_STR(xp_str(doc, "//table/thead/tr/th[2]"), legend);
    CHECK_INT(xp_count(doc, "//table/tbody/tr/th[.='Kecamatan Banyuwangi "
                            "Kota']"),
              12);
    xmlFreeDoc(doc);

    /* Twelve short months stay horizontal, whole. */
    c.x_labels = months_id;
    c.y_label = c.x_label = NULL;
    s[0].label = s[1].label = "Genteng";
    doc = draw(&out, &c, "l");
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-xticks']/s:text"), 12);
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-xticks']/s:text"
                            "[@transform]"),
              0);
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-xticks']/s:text[12]"), "Des");
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-labels']/s:text"), 0);
    xmlFreeDoc(doc);

    /* Sixty days: turned, and only every k-th is written. */
    static char days[60][32];
    const char *dl[60];
    int64_t dv[60];
    for (int i = 0; i < 60; i++) {
        snprintf(days[i], sizeof(days[i]), "2026-%02d-%02d", 3 + i / 30,
                 1 + i % 30);
        dl[i] = days[i];
        dv[i] = i * 10;
    }
    struct chart_series ds = {"Genteng", dv};
    struct chart d = {.title = "Harian",
                      .x_labels = dl,
                      .n_x = 60,
                      .series = &ds,
                      .n_series = 1,
                      .unit = "",
                      .lang = LANG_ID};
    doc = draw(&out, &d, "d");
    int shown = xp_count(doc, "//s:g[@class='chart-xticks']/s:text");
    CHECK(shown >= 8 && shown < 60);
    CHECK_STR(xp_str(doc, "//s:g[@class='chart-xticks']/s:text[1]"),
              "2026-03-01");
    CHECK_INT(xp_count(doc, "//table/tbody/tr"), 60);
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- escaping, table, ids -------------------------------------------- */

static void test_escaping(void)
{
    static const char *const title = "<script>alert(\"x\")</script> & 'q'";
    static const char *const xl[1] = {"<i>Jan</i>"};
    static const int64_t v[1] = {875};
    struct chart_series s = {"Genteng \"A\" <b>", v};
    struct chart c = {.title = title,
                      .y_label = "<y>",
                      .x_label = "\"x\"",
                      .x_labels = xl,
                      .n_x = 1,
                      .series = &s,
                      .n_series = 1,
                      .decimals = 1,
                      .unit = "<u>",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "x\" onload=\"alert(1)");
    const char *html = buf_cstr(&out);
    CHECK_NOT_CONTAINS(html, "<script");
    CHECK_NOT_CONTAINS(html, "<b>");
    CHECK_NOT_CONTAINS(html, "<i>");
    CHECK_NOT_CONTAINS(html, "<u>");
    CHECK_NOT_CONTAINS(html, "<y>");
    CHECK_NOT_CONTAINS(html, "onload=");
    CHECK_CONTAINS(html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                         "&amp; &#39;q&#39;");
    CHECK_CONTAINS(html, "Genteng &quot;A&quot; &lt;b&gt;");
    CHECK_CONTAINS(html, "87,5&lt;u&gt;");
    /* Read back as text: the same strings. */
    CHECK_STR(xp_str(doc, "//s:svg/s:title"), title);
    CHECK_STR(xp_str(doc, "//figcaption"), title);
    CHECK_STR(xp_str(doc, "//table/caption"), title);
    CHECK_STR(xp_str(doc, "//table/thead/tr/th[1]"), "\"x\"");
    CHECK_STR(xp_str(doc, "//table/thead/tr/th[2]"), "Genteng \"A\" <b>");
    CHECK_STR(xp_str(doc, "//table/tbody/tr/th"), "<i>Jan</i>");
    CHECK_STR(xp_str(doc, "//table/tbody/tr/td"), "87,5<u>");
    /* The id prefix keeps only [A-Za-z0-9_-]. */
    CHECK_STR(xp_str(doc, "//s:svg/@aria-labelledby"), "xonloadalert1-title");
    CHECK_STR(xp_str(doc, "//s:svg/s:title/@id"), "xonloadalert1-title");
    xmlFreeDoc(doc);

    buf_reset(&out);
    chart_spark(&out, v, 1, 0, 0, 1, "\"%", "<a>", "'b'", LANG_ID);
    doc = parse_checked(&out);
    CHECK_NOT_CONTAINS(buf_cstr(&out), "<a>");
    CHECK_STR(xp_str(doc, "//s:svg/@aria-label"), "<a> 87,5\"% → 'b' 87,5\"%");
    xmlFreeDoc(doc);
    buf_free(&out);
}

static void test_table(void)
{
    static const char *const xl[4] = {"Jan", "Feb", "Mar", "Apr"};
    static const int64_t a[4] = {875, NO, -5, 1000};
    static const int64_t b[4] = {0, 5, NO, -1000};
    struct chart_series s[2] = {{"Genteng", a}, {"Rata-rata", b}};
    struct chart c = {.title = "Tepat waktu",
                      .x_label = "Bulan",
                      .x_labels = xl,
                      .n_x = 4,
                      .series = s,
                      .n_series = 2,
                      .decimals = 1,
                      .unit = "%",
                      .lang = LANG_ID};
    static const char *const want_id[4][3] = {
        {"Jan", "87,5%", "0,0%"},
        {"Feb", "—", "0,5%"},
        {"Mar", "-0,5%", "—"},
        {"Apr", "100,0%", "-100,0%"},
    };
    static const char *const want_en[4][3] = {
        {"Jan", "87.5%", "0.0%"},
        {"Feb", "—", "0.5%"},
        {"Mar", "-0.5%", "—"},
        {"Apr", "100.0%", "-100.0%"},
    };
    struct buf out;
    buf_init(&out, OUT_MAX);
    for (int lang = 0; lang < 2; lang++) {
        c.lang = lang ? LANG_EN : LANG_ID;
        xmlDocPtr doc = draw(&out, &c, "t");
        CHECK_STR(xp_str(doc, "//table[@class='chart-data']/caption"),
                  "Tepat waktu");
        CHECK_INT(xp_count(doc, "//table/thead/tr/th[@scope='col']"), 3);
        CHECK_STR(xp_str(doc, "//table/thead/tr/th[1]"), "Bulan");
        CHECK_STR(xp_str(doc, "//table/thead/tr/th[2]"), "Genteng");
        CHECK_STR(xp_str(doc, "//table/thead/tr/th[3]"), "Rata-rata");
        CHECK_INT(xp_count(doc, "//table/tbody/tr"), 4);
        CHECK_INT(xp_count(doc, "//table/tbody/tr/td"), 8);
        for (int r = 0; r < 4; r++) {
            const char *const *want = lang ? want_en[r] : want_id[r];
            char expr[96];
            snprintf(expr, sizeof(expr),
                     "//table/tbody/tr[%d]/th[@scope='row']", r + 1);
            CHECK_STR(xp_str(doc, expr), want[0]);
            for (int k = 0; k < 2; k++) {
                snprintf(expr, sizeof(expr), "//table/tbody/tr[%d]/td[%d]",
                         r + 1, k + 1);
                CHECK_STR(xp_str(doc, expr), want[k + 1]);
            }
        }
        /* The table comes after the figure, not inside it. */
        CHECK_INT(xp_count(doc, "//figure//table"), 0);
        CHECK_INT(xp_count(doc, "/div/figure/following-sibling::table"), 1);
        xmlFreeDoc(doc);
    }
    buf_free(&out);
}

static void test_ids(void)
{
    static const int64_t v[12] = {800, 825, 850, 842, NO,  870,
                                  880, 901, 893, 905, 910, 915};
    struct chart_series s = {"Genteng", v};
    struct chart c = {.title = "Satu",
                      .x_labels = months_id,
                      .n_x = 12,
                      .series = &s,
                      .n_series = 1,
                      .decimals = 1,
                      .unit = "%",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    chart_line(&out, &c, "ontime");
    chart_line(&out, &c, "speed");
    chart_line(&out, &c, NULL); /* "chart" */
    chart_spark(&out, v, 12, 0, 0, 1, "%", "Jan", "Des", LANG_ID);
    xmlDocPtr doc = parse_checked(&out);
    CHECK_INT(xp_count(doc, "//s:svg[@role='img']"), 4);
    CHECK_INT(xp_count(doc, "//@id"), 6);
    CHECK_INT(xp_count(doc, "//*[@id=following::*/@id]"), 0); /* unique */
    /* Each chart is named by its own <title> and described by its <desc>. */
    CHECK_INT(xp_count(doc, "//s:svg[@aria-labelledby = s:title/@id]"), 3);
    CHECK_INT(xp_count(doc, "//s:svg[@aria-describedby = s:desc/@id]"), 3);
    CHECK_STR(xp_str(doc, "(//s:svg)[2]/@aria-labelledby"), "speed-title");
    CHECK_STR(xp_str(doc, "(//s:svg)[3]/@aria-labelledby"), "chart-title");
    /* Phones: scaled by the viewBox, no fixed height. */
    CHECK_INT(xp_count(doc, "//s:svg[@class='chart'][@width='100%']"
                            "[not(@height)]"),
              3);
    CHECK_NOT_CONTAINS(buf_cstr(&out), "style=");
    CHECK_NOT_CONTAINS(buf_cstr(&out), "<script");
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- six series, told apart without colour --------------------------- */

static void test_styles(void)
{
    int64_t v[6][12];
    struct chart_series s[7];
    static const char *const names[7] = {
        "Genteng", "Kabat", "Srono", "Giri", "Licin", "Songgon", "Tegaldlimo"};
    for (int k = 0; k < 6; k++) {
        for (int i = 0; i < 12; i++)
            v[k][i] = 100 * k + 10 * i;
        s[k].label = names[k];
        s[k].values = v[k];
    }
    s[6].label = names[6];
    s[6].values = v[0];
    struct chart c = {.title = "Enam",
                      .x_labels = months_id,
                      .n_x = 12,
                      .series = s,
                      .n_series = 6,
                      .unit = "",
                      .lang = LANG_ID};
    struct buf out;
    buf_init(&out, OUT_MAX);
    xmlDocPtr doc = draw(&out, &c, "s");
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-series')]"), 6);
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-legend']/s:text"), 6);
    /* The dash patterns: none for the first, five different ones after,
     * and the legend's sample line drawn with the same. */
    char dash[6][64];
    for (int k = 0; k < 6; k++) {
        char expr[128];
        snprintf(expr, sizeof(expr),
                 "//s:g[contains(@class,'chart-s%d')]/s:polyline/"
                 "@stroke-dasharray",
                 k + 1);
        snprintf(dash[k], sizeof(dash[k]), "%s", xp_str(doc, expr));
        snprintf(expr, sizeof(expr),
                 "(//s:g[@class='chart-legend']/s:g/s:line)[%d]/"
                 "@stroke-dasharray",
                 k + 1);
        CHECK_STR(xp_str(doc, expr), dash[k]);
    }
    CHECK_STR(dash[0], "");
    for (int k = 1; k < 6; k++) {
        CHECK(dash[k][0] != '\0');
        for (int j = 0; j < k; j++)
            CHECK(strcmp(dash[j], dash[k]) != 0);
    }
    /* The markers: filled circle, square, triangle, diamond, hollow
     * circle, cross (12 each). */
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]"
                            "/s:g[@fill='#0b5d4b']/s:circle"),
              12);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s2')]//s:rect"), 12);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s3')]"
                            "//s:path[contains(@d,'Z')]"),
              12);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s4')]"
                            "//s:path[contains(@d,'Z')]"),
              12);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s5')]"
                            "/s:g[@fill='#fff']/s:circle"),
              12);
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s6')]"
                            "/s:g[@fill='none']/s:path[not(contains(@d,'Z'))]"),
              12);
    /* The triangle and the diamond differ in shape: 3 and 4 corners. */
    const char *tri =
        xp_str(doc, "(//s:g[contains(@class,'chart-s3')]//s:path)[1]/@d");
    const char *dia =
        xp_str(doc, "(//s:g[contains(@class,'chart-s4')]//s:path)[1]/@d");
    size_t n_tri = 0, n_dia = 0;
    for (const char *p = tri; *p; p++)
        n_tri += *p == 'L';
    for (const char *p = dia; *p; p++)
        n_dia += *p == 'L';
    CHECK_INT(n_tri, 2);
    CHECK_INT(n_dia, 3);
    xmlFreeDoc(doc);

    /* A seventh series repeats the first style, and still draws. */
    c.n_series = 7;
    doc = draw(&out, &c, "s");
    CHECK_INT(xp_count(doc, "//s:g[contains(@class,'chart-s1')]"), 2);
    CHECK_INT(xp_count(doc, "//s:g[@class='chart-legend']/s:text"), 7);
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- sparklines ------------------------------------------------------- */

static void test_spark(void)
{
    static const struct {
        int64_t v[6];
        size_t n;
        bool null_values;
        int64_t y_min, y_max;
        int decimals;
        const char *unit;
        const char *first, *last;
        enum lang lang;
        const char *label;   /* the aria-label */
        int polylines;       /* runs of two or more */
        const char *last_at; /* "cx,cy" of the last value's dot, or NULL */
    } cases[] = {
        /* x = 3 + i x 90 / (n - 1); y = 21 - v x 18 / range (0..1000
         * here, automatic): 915 -> 21 - 16.47 = 4.53 */
        {{800, 825, NO, 900, 915},
         5,
         false,
         0,
         0,
         1,
         "%",
         "Jan",
         "Des",
         LANG_ID,
         "Jan 80,0% → Des 91,5%",
         2,
         "93,4.53"},
        {{800, 825, NO, 900, 915},
         5,
         false,
         0,
         0,
         1,
         "%",
         "Jan",
         "Dec",
         LANG_EN,
         "Jan 80.0% → Dec 91.5%",
         2,
         "93,4.53"},
        /* fixed 0..1000; the ends without a value; the last value at
         * position 2 of 4: x = 3 + 60, y = 21 - 10.8 */
        {{NO, 500, 600, NO},
         4,
         false,
         0,
         1000,
         1,
         "%",
         "Jan",
         "Des",
         LANG_ID,
         "Jan — → Des —",
         1,
         "63,10.2"},
        /* one value, in the middle; automatic 0..800 */
        {{750},
         1,
         false,
         0,
         0,
         1,
         "%",
         "Jan",
         "Des",
         LANG_ID,
         "Jan 75,0% → Des 75,0%",
         0,
         "48,4.12"},
        /* no labels, negative values */
        {{-5, 5},
         2,
         false,
         0,
         0,
         1,
         "",
         NULL,
         "",
         LANG_ID,
         "-0,5 → 0,5",
         1,
         NULL},
        {{NO, NO, NO},
         3,
         false,
         0,
         0,
         1,
         "%",
         "Jan",
         "Des",
         LANG_ID,
         "tidak ada data",
         0,
         NULL},
        {{0}, 0, true, 0, 0, 1, "%", "Jan", "Dec", LANG_EN, "no data", 0, NULL},
        {{0},
         0,
         false,
         0,
         0,
         1,
         "%",
         "Jan",
         "Dec",
         LANG_EN,
         "no data",
         0,
         NULL},
    };
    struct buf out;
    buf_init(&out, OUT_MAX);
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        buf_reset(&out);
        chart_spark(&out, cases[i].null_values ? NULL : cases[i].v, cases[i].n,
                    cases[i].y_min, cases[i].y_max, cases[i].decimals,
                    cases[i].unit, cases[i].first, cases[i].last,
                    cases[i].lang);
        xmlDocPtr doc = parse_checked(&out);
        CHECK(no_nan_inf(buf_cstr(&out)));
        CHECK_STR(xp_str(doc, "/div/s:svg[@class='spark'][@role='img']"
                              "/@aria-label"),
                  cases[i].label);
        CHECK_STR(xp_str(doc, "/div/s:svg/@viewBox"), "0 0 96 24");
        CHECK_INT(xp_count(doc, "//s:polyline"), cases[i].polylines);
        if (cases[i].last_at) {
            char at[64];
            snprintf(at, sizeof(at), "%s,%s",
                     xp_str(doc, "//s:circle[@class='spark-last']/@cx"),
                     xp_str(doc, "//s:circle[@class='spark-last']/@cy"));
            CHECK_STR(at, cases[i].last_at);
        }
        if (!cases[i].last_at && cases[i].polylines == 0)
            CHECK_INT(xp_count(doc, "//s:circle[@class='spark-last']"), 0);
        xmlFreeDoc(doc);
    }

    /* Gaps split the sparkline too: the points of each run. */
    static const int64_t g[5] = {0, 1000, NO, 1000, 0};
    buf_reset(&out);
    chart_spark(&out, g, 5, 0, 1000, 0, "", "a", "b", LANG_ID);
    xmlDocPtr doc = parse_checked(&out);
    CHECK_STR(xp_str(doc, "//s:polyline[1]/@points"), "3,21 25.5,3");
    CHECK_STR(xp_str(doc, "(//s:polyline)[2]/@points"), "70.5,3 93,21");
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* One row per service point: 43 sparklines into one page. */
static void test_spark_rows(void)
{
    int64_t v[43][12];
    for (int r = 0; r < 43; r++)
        for (int i = 0; i < 12; i++)
            v[r][i] = (i * 37 + r * 11) % 1000;
    v[7][11] = NO;
    struct buf out;
    buf_init(&out, OUT_MAX);
    html_raw(&out, "<table><tbody>");
    for (int r = 0; r < 43; r++) {
        html_raw(&out, "<tr><td>");
        chart_spark(&out, v[r], 12, 0, 1000, 1, "%", "Jan", "Des", LANG_ID);
        html_raw(&out, "</td></tr>");
    }
    html_raw(&out, "</tbody></table>");
    xmlDocPtr doc = parse_checked(&out);
    size_t n_svg = 0;
    if (doc)
        CHECK(svg_check_doc(doc, &n_svg));
    CHECK_INT(n_svg, 43);
    CHECK_INT(xp_count(doc, "//s:polyline"), 43);
    CHECK_INT(xp_count(doc, "//s:circle[@class='spark-last']"), 43);
    CHECK_STR(xp_str(doc, "(//s:svg)[8]/@aria-label"), "Jan 7,7% → Des —");
    xmlFreeDoc(doc);
    buf_free(&out);
}

/* ---- the extremes of int64_t ----------------------------------------- */

static void test_extremes(void)
{
    static const struct {
        int64_t v[3];
        int64_t y_min, y_max;
        int decimals;
    } cases[] = {
        {{INT64_MAX, INT64_MIN + 1, 0}, 0, 0, 0},
        {{INT64_MAX, INT64_MAX, INT64_MAX}, 0, 0, 3},
        {{INT64_MIN + 1, INT64_MIN + 1, NO}, 0, 0, 18},
        {{INT64_MAX, 0, INT64_MIN + 1}, INT64_MIN, INT64_MAX, 1},
        {{INT64_MAX, 0, INT64_MIN + 1}, INT64_MIN + 1, INT64_MIN + 2, 40},
        {{1, 2, 3}, INT64_MAX - 1, INT64_MAX, -3},
        {{1, 2, 3}, INT64_MIN, INT64_MIN + 1, 1},
    };
    struct buf out;
    buf_init(&out, OUT_MAX);
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct chart_series s = {"s", cases[i].v};
        struct chart c = {.title = "x",
                          .x_labels = months_id,
                          .n_x = 3,
                          .series = &s,
                          .n_series = 1,
                          .decimals = cases[i].decimals,
                          .unit = "%",
                          .y_min = cases[i].y_min,
                          .y_max = cases[i].y_max,
                          .lang = LANG_ID};
        xmlDocPtr doc = draw(&out, &c, "x");
        CHECK(no_nan_inf(buf_cstr(&out)));
        CHECK(xp_count(doc, "//s:g[@class='chart-yticks']/s:text") >= 1);
        xmlFreeDoc(doc);
        buf_reset(&out);
        chart_spark(&out, cases[i].v, 3, cases[i].y_min, cases[i].y_max,
                    cases[i].decimals, "%", "a", "b", LANG_EN);
        doc = parse_checked(&out);
        CHECK(no_nan_inf(buf_cstr(&out)));
        xmlFreeDoc(doc);
    }
    buf_free(&out);
}

int main(void)
{
    LIBXML_TEST_VERSION
    RUN(test_format);
    RUN(test_points);
    RUN(test_gaps);
    RUN(test_gap_positions);
    RUN(test_no_data);
    RUN(test_one_position);
    RUN(test_ranges);
    RUN(test_zero_line);
    RUN(test_long_labels);
    RUN(test_escaping);
    RUN(test_table);
    RUN(test_ids);
    RUN(test_styles);
    RUN(test_spark);
    RUN(test_spark_rows);
    RUN(test_extremes);
    xmlCleanupParser();
    TEST_END();
}
