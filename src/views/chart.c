/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * chart.c: line charts and sparklines as inline SVG (see chart.h).
 *
 * Every position is an int64_t in hundredths of a user unit ("centi"),
 * written by fmt_c() with at most two decimals; values are mapped onto
 * the axis with unsigned 64-bit arithmetic (muldiv()), so no value, not
 * even INT64_MAX against INT64_MIN + 1, can overflow or give NaN.
 */
#include "views/chart.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/html.h"
#include "base/utf8.h"
#include "core/humanize.h"

/* User units to hundredths. */
#define C(u) ((int64_t)(u)*100)

/*
 * The line chart's drawing, in user units. The page scales it to its
 * width: 480 wide keeps a 12-unit font at about 9 px on a 360 px phone,
 * and static/style.css caps it at 36rem on a desk, where it is 14 px.
 */
#define W C(480)         /* viewBox width */
#define TOP C(14)        /* above the plot: half a tick label */
#define PLOT_H C(200)    /* plot height */
#define PAD C(8)         /* outer padding */
#define TICK_FONT 12     /* y ticks and x labels */
#define LABEL_FONT 13    /* axis labels and the legend */
#define NOTE_FONT 15     /* "no data" */
#define TICK_MAX C(110)  /* widest y tick label */
#define XLABEL_MAX C(80) /* widest x label */
#define YLAB_COL C(22)   /* the turned y axis label's column */
#define LEGEND_ROW C(22) /* one legend row */
/* A shortened label keeps at most this many bytes (and "…"). */
#define FIT_MAX_BYTES 160

/* The sparkline, 96 x 24, with room for the last point's dot. */
#define SPARK_W C(96)
#define SPARK_H C(24)
#define SPARK_PAD C(3)

enum marker {
    MK_CIRCLE,
    MK_SQUARE,
    MK_TRIANGLE,
    MK_DIAMOND,
    MK_RING,
    MK_CROSS
};

/* How series are told apart: colour, dash pattern and marker, so that a
 * black-and-white print still separates them. */
static const struct style {
    const char *color; /* stroke and marker fill */
    const char *dash;  /* stroke-dasharray, or NULL: solid */
    enum marker marker;
} styles[CHART_MAX_SERIES] = {
    {"#0b5d4b", NULL, MK_CIRCLE},         {"#a4161a", "8 4", MK_SQUARE},
    {"#1f4e9c", "2 3", MK_TRIANGLE},      {"#8a5a00", "10 3 2 3", MK_DIAMOND},
    {"#6a3d9a", "12 3 2 3 2 3", MK_RING}, {"#1b1f1e", "4 4", MK_CROSS},
};

/* ---- numbers ---------------------------------------------------------- */

static int clamp_decimals(int decimals)
{
    return decimals < 0 ? 0 : decimals > 18 ? 18 : decimals;
}

static int64_t pow10_i(int k)
{
    int64_t p = 1;
    for (int i = 0; i < k; i++)
        p *= 10;
    return p;
}

void chart_format(int64_t v, int decimals, enum lang lang, char out[32])
{
    /* The one writer of numbers for people (core/humanize.h); its longest
     * answer, INT64_MIN grouped, is 26 bytes. */
    char num[40];
    human_number_buf(v, clamp_decimals(decimals), lang, num);
    size_t n = strnlen(num, 31);
    memcpy(out, num, n);
    out[n] = '\0';
}

/* A coordinate in hundredths as text: "12", "12.5", "12.05", "-3.2". */
static void fmt_c(int64_t c, char out[32])
{
    uint64_t mag = c < 0 ? (uint64_t)0 - (uint64_t)c : (uint64_t)c;
    unsigned long long whole = (unsigned long long)(mag / 100);
    unsigned frac = (unsigned)(mag % 100);
    const char *sign = c < 0 ? "-" : "";
    if (frac == 0)
        snprintf(out, 32, "%s%llu", sign, whole);
    else if (frac % 10 == 0)
        snprintf(out, 32, "%s%llu.%u", sign, whole, frac / 10);
    else
        snprintf(out, 32, "%s%llu.%02u", sign, whole, frac);
}

/* round(a * p / r) for a <= r, r >= 1, p <= 2^31; exact while r * p fits
 * in 63 bits, otherwise a and r lose low bits together (an error far below
 * a hundredth of a user unit). 0 when p is 0. */
static uint64_t muldiv(uint64_t a, uint64_t p, uint64_t r)
{
    if (p == 0)
        return 0;
    while (r > UINT64_MAX / 2 / p) {
        a >>= 1;
        r >>= 1;
    }
    return (a * p + r / 2) / r;
}

/* v rounded down / up to a multiple of step (> 0), saturating. */
static int64_t floor_to(int64_t v, int64_t step)
{
    int64_t q = v / step, out;
    if (v % step != 0 && v < 0)
        q--;
    if (__builtin_mul_overflow(q, step, &out))
        return INT64_MIN;
    return out;
}

static int64_t ceil_to(int64_t v, int64_t step)
{
    int64_t q = v / step, out;
    if (v % step != 0 && v > 0)
        q++;
    if (__builtin_mul_overflow(q, step, &out))
        return INT64_MAX;
    return out;
}

/* The smallest 1, 2 or 5 x 10^k that cuts span into at most 5 steps. */
static int64_t nice_step(uint64_t span)
{
    uint64_t raw = span / 5 + (span % 5 != 0);
    if (raw == 0)
        raw = 1;
    static const uint64_t mult[] = {1, 2, 5};
    uint64_t mag = 1;
    for (;;) {
        for (size_t i = 0; i < 3; i++)
            if (mult[i] * mag >= raw)
                return (int64_t)(mult[i] * mag);
        if (mag > UINT64_MAX / 100)
            return (int64_t)(5 * mag); /* not reached: raw < 3.7e18 */
        mag *= 10;
    }
}

/* The y axis: its range, its ticks and how they are written. */
struct axis {
    int64_t lo, hi;   /* the range, lo < hi */
    int64_t step;     /* between ticks */
    int64_t first;    /* the lowest tick, >= lo */
    int64_t tick_div; /* ticks are written as t / tick_div ... */
    int tick_dec;     /* ... with this many decimals */
};

/* What the values hold: whether any is there, the smallest and largest. */
struct extent {
    bool any;
    int64_t min, max;
};

static void extent_add(struct extent *e, const int64_t *values, size_t n)
{
    for (size_t i = 0; values && i < n; i++) {
        int64_t v = values[i];
        if (v == CHART_NONE)
            continue;
        if (!e->any || v < e->min)
            e->min = v;
        if (!e->any || v > e->max)
            e->max = v;
        e->any = true;
    }
}

static void axis_init(struct axis *a, const struct extent *e, int64_t y_min,
                      int64_t y_max, int decimals)
{
    int d = clamp_decimals(decimals);
    if (y_max > y_min) {
        a->lo = y_min;
        a->hi = y_max;
        a->step = nice_step((uint64_t)y_max - (uint64_t)y_min);
    } else {
        int64_t lo0 = e->any && e->min < 0 ? e->min : 0;
        int64_t hi0 = e->any && e->max > 0 ? e->max : 0;
        if (lo0 == hi0) { /* nothing but zeros, or no value: 0 .. 5 */
            a->step = pow10_i(d);
            a->lo = 0;
            a->hi = 5 * a->step;
        } else {
            a->step = nice_step((uint64_t)hi0 - (uint64_t)lo0);
            a->lo = floor_to(lo0, a->step);
            a->hi = ceil_to(hi0, a->step);
        }
    }
    a->first = ceil_to(a->lo, a->step);
    /* "20%" rather than "20,0%" when every tick is a whole number. */
    int k = 0;
    while (k < d && a->step % pow10_i(k + 1) == 0 &&
           a->first % pow10_i(k + 1) == 0)
        k++;
    a->tick_div = pow10_i(k);
    a->tick_dec = d - k;
}

/* A loop over the ticks t of axis a, lowest first; at most 16 (n counts). */
/* t and n are the names the loop declares: they cannot be parenthesised. */
// NOLINTBEGIN(bugprone-macro-parentheses)
#define AXIS_EACH_TICK(a, t, n)                                                \
    for (int64_t t = (a)->first, n = 0; t <= (a)->hi && n < 16;                \
         n = __builtin_add_overflow(t, (a)->step, &t) ? 16 : n + 1)
// NOLINTEND(bugprone-macro-parentheses)

static void tick_text(const struct axis *a, int64_t t, const char *unit,
                      enum lang lang, char *out, size_t cap)
{
    char num[32];
    chart_format(t / a->tick_div, a->tick_dec, lang, num);
    snprintf(out, cap, "%s%s", num, unit);
}

/* ---- text width ------------------------------------------------------- */

/* Advance widths of ASCII 32..126 in thousandths of an em (Helvetica). */
static const unsigned short ascii_w[95] = {
    278, 278, 355, 556, 556,  889, 667, 191, 333, 333, 389, 584, 278, 333,
    278, 278, 556, 556, 556,  556, 556, 556, 556, 556, 556, 556, 278, 278,
    584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
    500, 667, 556, 833, 722,  778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, 278, 278,  278, 469, 556, 333, 556, 556, 500, 556, 556,
    278, 556, 556, 222, 222,  500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500,  500, 500, 334, 260, 334, 584,
};

/* A code point's estimated advance in thousandths of an em. */
static int64_t cp_width(uint32_t cp)
{
    if (cp >= 32 && cp <= 126)
        return ascii_w[cp - 32];
    /* Below 160 and not printable ASCII: C0, DEL and C1 controls. */
    if (cp < 160 || (cp >= 0x300 && cp < 0x370) ||
        (cp >= 0x200B && cp <= 0x200F))
        return 0; /* controls (dropped at the exit), combining, zero width */
    if (cp >= 0x1100) /* also U+2014 and U+2026 */
        return 1000;  /* wide scripts, emoji, U+FFFD, dashes, ellipsis */
    return 650;       /* accented Latin, Greek, Cyrillic... */
}

/* Thousandths of an em to hundredths of a user unit at font px, with 10 %
 * to spare (system fonts are not Helvetica). */
static int64_t em_to_c(int64_t milli, int font)
{
    return milli * font * 11 / 100;
}

/*
 * s fitted into budget hundredths of a user unit at font px: s itself
 * when it fits (and has at most FIT_MAX_BYTES bytes), otherwise its
 * longest prefix of whole code points that fits with "…" after it.
 * Written into dst (FIT_MAX_BYTES + 4 bytes); *width is the estimate of
 * the result; returns whether s was shortened.
 */
#define FIT_CAP (FIT_MAX_BYTES + 4)
static bool fit(const char *s, int font, int64_t budget, char dst[FIT_CAP],
                int64_t *width)
{
    if (!s)
        s = "";
    size_t n = strlen(s), i = 0, cut = 0;
    int64_t w = 0, w_cut = 0;
    int64_t ell = cp_width(0x2026);
    int64_t budget_milli = budget * 100 / (font * 11);
    bool over = false;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            len = 1; /* shown as U+FFFD, which cp holds */
        int64_t cw = cp_width(cp);
        if (w + cw + ell <= budget_milli && i + len <= FIT_MAX_BYTES) {
            cut = i + len;
            w_cut = w + cw;
        }
        w += cw;
        i += len;
        if (w > budget_milli || i > FIT_MAX_BYTES) {
            over = true;
            break;
        }
    }
    if (!over) {
        memcpy(dst, s, n);
        dst[n] = '\0';
        *width = em_to_c(w, font);
        return false;
    }
    memcpy(dst, s, cut);
    memcpy(dst + cut, "\xE2\x80\xA6", 4); /* "…" and the NUL */
    *width = em_to_c(w_cut + ell, font);
    return true;
}

/* ---- drawing ---------------------------------------------------------- */

static void marker(struct buf *out, enum marker m, int64_t x, int64_t y)
{
    char a[32], b[32], c[32], d[32], e[32], f[32];
    switch (m) {
    case MK_CIRCLE:
    case MK_RING:
        fmt_c(x, a);
        fmt_c(y, b);
        html_printf(out, "<circle cx=\"%s\" cy=\"%s\" r=\"4\"/>", a, b);
        break;
    case MK_SQUARE:
        fmt_c(x - 350, a);
        fmt_c(y - 350, b);
        html_printf(out, "<rect x=\"%s\" y=\"%s\" width=\"7\" height=\"7\"/>",
                    a, b);
        break;
    case MK_TRIANGLE:
        fmt_c(x, a);
        fmt_c(y - 450, b);
        fmt_c(x + 420, c);
        fmt_c(y + 320, d);
        fmt_c(x - 420, e);
        html_printf(out, "<path d=\"M%s %sL%s %sL%s %sZ\"/>", a, b, c, d, e, d);
        break;
    case MK_DIAMOND:
        fmt_c(x, a);
        fmt_c(y - 480, b);
        fmt_c(x + 480, c);
        fmt_c(y, d);
        fmt_c(y + 480, e);
        fmt_c(x - 480, f);
        html_printf(out, "<path d=\"M%s %sL%s %sL%s %sL%s %sZ\"/>", a, b, c, d,
                    a, e, f, d);
        break;
    case MK_CROSS:
        fmt_c(x - 400, a);
        fmt_c(y - 400, b);
        fmt_c(x + 400, c);
        fmt_c(y + 400, d);
        html_printf(out, "<path d=\"M%s %sL%s %sM%s %sL%s %s\"/>", a, b, c, d,
                    a, d, c, b);
        break;
    }
}

/* Open the <g> of a series' markers: filled, hollow or strokes only. */
static void marker_group(struct buf *out, const struct style *st)
{
    if (st->marker == MK_RING)
        html_raw(out, "<g fill=\"#fff\" stroke-width=\"1.5\">");
    else if (st->marker == MK_CROSS)
        html_raw(out, "<g fill=\"none\" stroke-width=\"2\">");
    else
        html_printf(out, "<g fill=\"%s\" stroke-width=\"1\">", st->color);
}

/*
 * A <text> at (x, y) with s fitted into budget, anchored "start",
 * "middle" or "end", turned by turn degrees around (x, y) unless 0; the
 * full text as its <title> when shortened.
 */
static void text_at(struct buf *out, int64_t x, int64_t y, int font,
                    int64_t budget, const char *s, const char *anchor, int turn)
{
    char fitted[FIT_CAP], xs[32], ys[32];
    int64_t w;
    bool cut = fit(s, font, budget, fitted, &w);
    fmt_c(x, xs);
    fmt_c(y, ys);
    html_printf(out,
                "<text x=\"%s\" y=\"%s\" font-size=\"%d\" "
                "text-anchor=\"%s\"",
                xs, ys, font, anchor);
    if (turn)
        html_printf(out, " transform=\"rotate(%d %s %s)\"", turn, xs, ys);
    html_raw(out, ">");
    if (cut)
        html_printf(out, "<title>%s</title>", s);
    html_printf(out, "%s</text>", fitted);
}

static void hline(struct buf *out, int64_t x1, int64_t x2, int64_t y,
                  const char *stroke)
{
    char a[32], b[32], c[32];
    fmt_c(x1, a);
    fmt_c(x2, b);
    fmt_c(y, c);
    html_printf(out,
                "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
                "stroke=\"%s\"/>",
                a, c, b, c, stroke);
}

/* The plot: where everything goes, in hundredths. */
struct frame {
    int64_t left, right; /* plot's x edges */
    int64_t top, bottom; /* plot's y edges */
    int64_t height;      /* viewBox height */
    size_t n_x;          /* x positions */
    struct axis axis;
    bool turned;   /* x labels at 45 degrees */
    size_t every;  /* x labels drawn at every k-th position */
    int64_t xband; /* height of the x labels' band */
};

static int64_t x_of(const struct frame *f, size_t i)
{
    int64_t w = f->right - f->left;
    if (f->n_x <= 1)
        return f->left + w / 2;
    return f->left + (int64_t)muldiv(i, (uint64_t)w, f->n_x - 1);
}

static int64_t y_of(const struct frame *f, int64_t v)
{
    const struct axis *a = &f->axis;
    if (v < a->lo)
        v = a->lo;
    if (v > a->hi)
        v = a->hi;
    uint64_t off = (uint64_t)v - (uint64_t)a->lo;
    uint64_t range = (uint64_t)a->hi - (uint64_t)a->lo;
    uint64_t h = (uint64_t)(f->bottom - f->top);
    return f->bottom - (int64_t)muldiv(off, h, range);
}

static const char *x_label(const struct chart *c, size_t i)
{
    return c->x_labels && c->x_labels[i] ? c->x_labels[i] : "";
}

static bool has_text(const char *s)
{
    return s && *s;
}

/* Place the plot: margins for the tick labels, the y label and the x
 * labels, horizontal when they fit between positions, else turned. */
static void frame_init(struct frame *f, const struct chart *c, const char *unit)
{
    char text[32 + FIT_MAX_BYTES], fitted[FIT_CAP];
    int64_t w, tick_w = 0, xl_w = 0;
    AXIS_EACH_TICK(&f->axis, t, n)
    {
        tick_text(&f->axis, t, unit, c->lang, text, sizeof(text));
        fit(text, TICK_FONT, TICK_MAX, fitted, &w);
        if (w > tick_w)
            tick_w = w;
    }
    for (size_t i = 0; i < c->n_x; i++) {
        fit(x_label(c, i), TICK_FONT, XLABEL_MAX, fitted, &w);
        if (w > xl_w)
            xl_w = w;
    }
    f->n_x = c->n_x;
    int64_t base_left =
        PAD + (has_text(c->y_label) ? YLAB_COL : 0) + tick_w + C(6);

    /* Horizontal: the first and last labels are centred on the edges. */
    int64_t half = xl_w / 2 + C(4);
    f->left = base_left > half ? base_left : half;
    f->right = W - (C(16) > half ? C(16) : half);
    int64_t gap = c->n_x > 1 ? (f->right - f->left) / (int64_t)(c->n_x - 1) : W;
    f->turned = xl_w + C(2) > gap;
    f->every = 1;
    f->xband = C(22);
    if (f->turned) {
        /* Turned 45 degrees, ending at the position: a label reaches
         * back 0.71 of its width, and down as far. */
        int64_t ext = xl_w * 7071 / 10000;
        f->left = base_left > ext + C(8) ? base_left : ext + C(8);
        f->right = W - C(16);
        gap = c->n_x > 1 ? (f->right - f->left) / (int64_t)(c->n_x - 1)
                         : f->right - f->left;
        /* Turned labels gap apart are 0.71 gap apart across their lines:
         * at least 19 keeps a 12-unit font from overlapping. */
        if (gap < C(19))
            f->every = (size_t)((C(19) + gap - 1) / (gap > 0 ? gap : 1));
        f->xband = ext + C(22);
    }
    f->top = TOP;
    f->bottom = TOP + PLOT_H;
}

static void draw_axes(struct buf *out, const struct frame *f,
                      const struct chart *c, const char *unit)
{
    char text[32 + FIT_MAX_BYTES];
    html_raw(out, "<g class=\"chart-grid\">");
    AXIS_EACH_TICK(&f->axis, t, n)
    {
        int64_t y = y_of(f, t);
        hline(out, f->left, f->right, y, t == 0 ? "#5b6664" : "#d5dcda");
    }
    html_raw(out, "</g><g class=\"chart-axes\" stroke=\"#5b6664\">");
    char a[32], b[32], d[32];
    fmt_c(f->left, a);
    fmt_c(f->top, b);
    fmt_c(f->bottom, d);
    html_printf(out, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>", a, b, a,
                d);
    hline(out, f->left, f->right, f->bottom, "#5b6664");
    html_raw(out, "</g><g class=\"chart-yticks\" fill=\"#1b1f1e\">");
    AXIS_EACH_TICK(&f->axis, t, n)
    {
        tick_text(&f->axis, t, unit, c->lang, text, sizeof(text));
        text_at(out, f->left - C(6), y_of(f, t) + C(4), TICK_FONT, TICK_MAX,
                text, "end", 0);
    }
    html_raw(out, "</g><g class=\"chart-xticks\" fill=\"#1b1f1e\">");
    for (size_t i = 0; i < c->n_x; i += f->every) {
        int64_t x = x_of(f, i);
        if (f->turned)
            text_at(out, x + C(4), f->bottom + C(12), TICK_FONT, XLABEL_MAX,
                    x_label(c, i), "end", -45);
        else
            text_at(out, x, f->bottom + C(16), TICK_FONT, XLABEL_MAX,
                    x_label(c, i), "middle", 0);
    }
    html_raw(out, "</g><g class=\"chart-labels\" fill=\"#1b1f1e\">");
    if (has_text(c->y_label))
        text_at(out, PAD + C(14), f->top + PLOT_H / 2, LABEL_FONT, PLOT_H,
                c->y_label, "middle", -90);
    if (has_text(c->x_label))
        text_at(out, (f->left + f->right) / 2, f->bottom + f->xband + C(15),
                LABEL_FONT, W - 2 * PAD, c->x_label, "middle", 0);
    html_raw(out, "</g>");
}

/* One series: a polyline per run of values, then a marker per value. */
static void draw_series(struct buf *out, const struct frame *f,
                        const struct chart_series *s, size_t k)
{
    const struct style *st = &styles[k % CHART_MAX_SERIES];
    html_printf(out,
                "<g class=\"chart-series chart-s%zu\" stroke=\"%s\" "
                "fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\">",
                k % CHART_MAX_SERIES + 1, st->color);
    size_t n = s->values ? f->n_x : 0;
    for (size_t i = 0; i < n;) {
        if (s->values[i] == CHART_NONE) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s->values[j] != CHART_NONE)
            j++;
        if (j - i >= 2) {
            if (st->dash)
                html_printf(out, "<polyline stroke-dasharray=\"%s\" points=\"",
                            st->dash);
            else
                html_raw(out, "<polyline points=\"");
            for (size_t p = i; p < j; p++) {
                char xs[32], ys[32];
                fmt_c(x_of(f, p), xs);
                fmt_c(y_of(f, s->values[p]), ys);
                html_printf(out, "%s%s,%s", p == i ? "" : " ", xs, ys);
            }
            html_raw(out, "\"/>");
        }
        i = j;
    }
    marker_group(out, st);
    for (size_t i = 0; i < n; i++)
        if (s->values[i] != CHART_NONE)
            marker(out, st->marker, x_of(f, i), y_of(f, s->values[i]));
    html_raw(out, "</g></g>");
}

/* The legend from y = top: one column for one series, else two. */
static void draw_legend(struct buf *out, const struct chart *c, int64_t top)
{
    size_t cols = c->n_series > 1 ? 2 : 1;
    int64_t colw = (W - 2 * PAD) / (int64_t)cols;
    html_raw(out, "<g class=\"chart-legend\" fill=\"#1b1f1e\">");
    for (size_t k = 0; k < c->n_series; k++) {
        const struct style *st = &styles[k % CHART_MAX_SERIES];
        int64_t x = PAD + (int64_t)(k % cols) * colw;
        int64_t base = top + (int64_t)(k / cols) * LEGEND_ROW + C(14);
        int64_t ly = base - C(4);
        char a[32], b[32], d[32];
        fmt_c(x, a);
        fmt_c(x + C(28), b);
        fmt_c(ly, d);
        html_printf(out,
                    "<g stroke=\"%s\" stroke-width=\"2\"><line x1=\"%s\" "
                    "y1=\"%s\" x2=\"%s\" y2=\"%s\"",
                    st->color, a, d, b, d);
        if (st->dash)
            html_printf(out, " stroke-dasharray=\"%s\"", st->dash);
        html_raw(out, "/>");
        marker_group(out, st);
        marker(out, st->marker, x + C(14), ly);
        html_raw(out, "</g></g>");
        text_at(out, x + C(34), base, LABEL_FONT, colw - C(46),
                c->series[k].label, "start", 0);
    }
    html_raw(out, "</g>");
}

/* id_prefix with only [A-Za-z0-9_-], at most 40 bytes; "chart" if empty. */
static void clean_id(const char *s, char out[48])
{
    size_t o = 0;
    for (; s && *s && o < 40; s++) {
        char ch = *s;
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
            (ch >= '0' && ch <= '9') || ch == '_' || ch == '-')
            out[o++] = ch;
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, 48, "chart");
}

static void draw_table(struct buf *out, const struct chart *c, const char *unit)
{
    html_printf(out,
                "<table class=\"chart-data\"><caption>%s</caption><thead>"
                "<tr><th scope=\"col\">%s</th>",
                c->title ? c->title : "", c->x_label ? c->x_label : "");
    for (size_t k = 0; k < c->n_series; k++)
        html_printf(out, "<th scope=\"col\">%s</th>",
                    c->series[k].label ? c->series[k].label : "");
    html_raw(out, "</tr></thead><tbody>");
    for (size_t i = 0; i < c->n_x; i++) {
        html_printf(out, "<tr><th scope=\"row\">%s</th>", x_label(c, i));
        for (size_t k = 0; k < c->n_series; k++) {
            const int64_t *v = c->series[k].values;
            if (!v || v[i] == CHART_NONE) {
                html_raw(out, "<td>—</td>");
                continue;
            }
            char num[32];
            chart_format(v[i], c->decimals, c->lang, num);
            html_printf(out, "<td>%s%s</td>", num, unit);
        }
        html_raw(out, "</tr>");
    }
    html_raw(out, "</tbody></table>");
}

void chart_line(struct buf *out, const struct chart *c, const char *id_prefix)
{
    const char *unit = c->unit ? c->unit : "";
    const char *title = c->title ? c->title : "";
    char id[48];
    clean_id(id_prefix, id);

    struct extent e = {0};
    for (size_t k = 0; k < c->n_series; k++)
        extent_add(&e, c->series[k].values, c->n_x);
    struct frame f;
    axis_init(&f.axis, &e, c->y_min, c->y_max, c->decimals);
    frame_init(&f, c, unit);
    int64_t legend_top =
        f.bottom + f.xband + (has_text(c->x_label) ? C(22) : 0) + PAD;
    size_t rows = c->n_series > 1 ? (c->n_series + 1) / 2 : c->n_series;
    f.height = legend_top + (int64_t)rows * LEGEND_ROW + PAD;

    char wv[32], h[32];
    fmt_c(W, wv);
    fmt_c(f.height, h);
    html_printf(out,
                "<figure class=\"chart\"><figcaption>%s</figcaption>"
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                "viewBox=\"0 0 %s %s\" width=\"100%%\" role=\"img\" "
                "aria-labelledby=\"%s-title\" aria-describedby=\"%s-desc\" "
                "font-family=\"system-ui, sans-serif\">"
                "<title id=\"%s-title\">%s</title><desc id=\"%s-desc\">%s"
                "</desc>",
                title, wv, h, id, id, id, title, id,
                L(c->lang, "Angka-angka grafik ini ada di tabel sesudahnya.",
                  "The numbers of this chart are in the table after it."));
    draw_axes(out, &f, c, unit);
    if (e.any && c->n_x > 0) {
        for (size_t k = 0; k < c->n_series; k++)
            draw_series(out, &f, &c->series[k], k);
    } else {
        char xs[32], ys[32];
        fmt_c((f.left + f.right) / 2, xs);
        fmt_c(f.top + PLOT_H / 2 + C(5), ys);
        html_printf(out,
                    "<text class=\"chart-empty\" x=\"%s\" y=\"%s\" "
                    "font-size=\"%d\" text-anchor=\"middle\" "
                    "fill=\"#5b6664\">%s</text>",
                    xs, ys, NOTE_FONT, L(c->lang, "tidak ada data", "no data"));
    }
    draw_legend(out, c, legend_top);
    html_raw(out, "</svg></figure>");
    draw_table(out, c, unit);
}

/* ---- sparkline -------------------------------------------------------- */

static void spark_value(struct buf *out, const char *label, int64_t v,
                        int decimals, const char *unit, enum lang lang)
{
    if (has_text(label))
        html_printf(out, "%s ", label);
    if (v == CHART_NONE) {
        html_raw(out, "—");
        return;
    }
    char num[32];
    chart_format(v, decimals, lang, num);
    html_printf(out, "%s%s", num, unit);
}

void chart_spark(struct buf *out, const int64_t *values, size_t n,
                 int64_t y_min, int64_t y_max, int decimals, const char *unit,
                 const char *first_label, const char *last_label,
                 enum lang lang)
{
    if (!values)
        n = 0;
    if (!unit)
        unit = "";
    struct extent e = {0};
    extent_add(&e, values, n);
    struct frame f = {0};
    axis_init(&f.axis, &e, y_min, y_max, decimals);
    f.n_x = n;
    f.left = SPARK_PAD;
    f.right = SPARK_W - SPARK_PAD;
    f.top = SPARK_PAD;
    f.bottom = SPARK_H - SPARK_PAD;

    html_raw(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" "
                  "viewBox=\"0 0 96 24\" width=\"96\" height=\"24\" "
                  "role=\"img\" aria-label=\"");
    if (!e.any) {
        html_printf(out, "%s\">", L(lang, "tidak ada data", "no data"));
        html_raw(out, "<line x1=\"3\" y1=\"12\" x2=\"93\" y2=\"12\" "
                      "stroke=\"#8a9894\" stroke-dasharray=\"2 3\"/></svg>");
        return;
    }
    spark_value(out, first_label, values[0], decimals, unit, lang);
    html_raw(out, " → ");
    spark_value(out, last_label, values[n - 1], decimals, unit, lang);
    html_raw(out, "\"><g fill=\"none\" stroke=\"#0b5d4b\" "
                  "stroke-width=\"1.5\" stroke-linejoin=\"round\">");
    size_t last = 0;
    for (size_t i = 0; i < n;) {
        if (values[i] == CHART_NONE) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && values[j] != CHART_NONE)
            j++;
        last = j - 1;
        char xs[32], ys[32];
        if (j - i == 1) { /* a lone value: a polyline of one point is
                             invisible, so a small dot */
            fmt_c(x_of(&f, i), xs);
            fmt_c(y_of(&f, values[i]), ys);
            html_printf(out,
                        "<circle cx=\"%s\" cy=\"%s\" r=\"1.5\" "
                        "fill=\"#0b5d4b\" stroke=\"none\"/>",
                        xs, ys);
        } else {
            html_raw(out, "<polyline points=\"");
            for (size_t p = i; p < j; p++) {
                fmt_c(x_of(&f, p), xs);
                fmt_c(y_of(&f, values[p]), ys);
                html_printf(out, "%s%s,%s", p == i ? "" : " ", xs, ys);
            }
            html_raw(out, "\"/>");
        }
        i = j;
    }
    char xs[32], ys[32];
    fmt_c(x_of(&f, last), xs);
    fmt_c(y_of(&f, values[last]), ys);
    html_printf(out,
                "</g><circle class=\"spark-last\" cx=\"%s\" cy=\"%s\" "
                "r=\"2.5\" fill=\"#0b5d4b\"/></svg>",
                xs, ys);
}
