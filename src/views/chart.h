/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * chart.h: the charts of the oversight pages, drawn on the server as inline
 * SVG (no JavaScript), written through the escaping HTML writer
 * (base/html.h) like every page.
 *
 * What the charts promise:
 *   - no inline style attribute (the Content-Security-Policy has style-src
 *     'self'): only SVG presentation attributes (fill, stroke, font-size,
 *     text-anchor...) and classes styled in static/style.css ("charts");
 *   - black-and-white printing: the series differ by dash pattern and
 *     marker shape (filled or hollow), not only by colour;
 *   - phones: a viewBox with width="100%" and no height, so the drawing
 *     scales with the page;
 *   - screen readers and print: every number of a line chart is also in a
 *     <table> after the figure;
 *   - integer arithmetic only (positions in hundredths of a user unit), so
 *     no NaN or infinity can reach the page, whatever the values;
 *     coordinates are written with at most 2 decimals;
 *   - labels are shortened with "…" (by an estimate of their width in a
 *     sans-serif font) so that they stay inside the viewBox; the full text
 *     is the <title> of a shortened label and is always in the table.
 *
 * Views never touch the database: the caller passes the numbers.
 */
#ifndef SP_VIEWS_CHART_H
#define SP_VIEWS_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "core/lang.h"

/* One series of a line chart: values[i] for x position i; CHART_NONE = no
 * value (a gap in the line). */
#define CHART_NONE INT64_MIN

/* At most this many series are told apart by style; more repeat them. */
#define CHART_MAX_SERIES 6

struct chart_series {
    const char *label;     /* legend text (already in the page language) */
    const int64_t *values; /* n values (the chart's n_x); NULL: all none */
};

struct chart {
    const char *title;   /* shown as <title> and as the figure caption */
    const char *y_label; /* axis label, e.g. "Tepat waktu (%)"; "" or NULL:
                            none */
    const char *x_label; /* e.g. "Bulan"; "" or NULL: none */
    const char *const *x_labels;       /* n_x short labels, e.g. "Jan", "Feb" or
                                          "2026-03"; NULL entries read as "" */
    size_t n_x;                        /* x positions (0: no data) */
    const struct chart_series *series; /* n_series series */
    size_t n_series;                   /* 1..6 */
    int decimals;     /* values are scaled by 10^decimals (875 with 1 = 87.5);
                         read as 0..18 */
    const char *unit; /* appended to tick labels and table cells, e.g. "%",
                         or "" (NULL: "") */
    int64_t y_min, y_max; /* fixed axis range in scaled units; y_max <= y_min
                             means automatic: 0 .. a round number above the
                             largest value (below the smallest when some are
                             negative) */
    enum lang lang;       /* the decimal separator: comma in Bahasa Indonesia
                             (87,5), point in English (87.5); the "no data" note */
};

/*
 * A <figure class="chart"> with a <figcaption> (the title) and the SVG
 * line chart: title, axis labels, y ticks and grid lines (a darker line at
 * 0 when the range spans it), x labels (horizontal when they fit between
 * the positions, otherwise turned 45 degrees and, when too dense, only
 * every k-th), one line with point markers per series and a legend. After
 * the figure, a <table class="chart-data"> holding every number of the
 * chart: caption = title, first column the x label, one column per series,
 * "—" for CHART_NONE.
 *
 * The SVG has role="img", aria-labelledby pointing at its <title> and
 * aria-describedby at a <desc> that points to the table. Its ids are
 * "PREFIX-title" and "PREFIX-desc", PREFIX being id_prefix with every byte
 * outside [A-Za-z0-9_-] dropped and cut at 40 bytes ("chart" when nothing
 * is left or id_prefix is NULL): give each chart of a page its own prefix.
 *
 * Values: a run of consecutive values is one <polyline>, so a CHART_NONE
 * splits the line; a value alone between gaps is a marker only. A value
 * outside a fixed range is drawn on the range's edge (the table has the
 * true value). When no series has any value (or n_x is 0), the axes are
 * drawn with the note "tidak ada data" / "no data".
 *
 * Appends to out; its cap and sticky overflow flag apply (base/buf.h).
 */
void chart_line(struct buf *out, const struct chart *c, const char *id_prefix);

/*
 * A small inline sparkline of one series for a table row: <svg
 * class="spark"> of 96 x 24, a polyline per run of values (gaps at
 * CHART_NONE), the last value marked with a dot; role="img" with an
 * aria-label naming the first and the last position, e.g. "Jan 80,0% →
 * Des 91,5%" ("—" for a position without a value; "tidak ada data" / "no
 * data" when there is no value at all). first_label or last_label NULL or
 * "": that label is left out. y range as in struct chart (y_max <= y_min:
 * automatic). Linear in n; appends to out.
 */
void chart_spark(struct buf *out, const int64_t *values, size_t n,
                 int64_t y_min, int64_t y_max, int decimals, const char *unit,
                 const char *first_label, const char *last_label,
                 enum lang lang);

/*
 * A scaled value as text for people, as every page writes numbers
 * (core/humanize.h human_number_buf): the language's decimal mark and
 * thousands separator: 875, 1 -> "87,5" (LANG_ID) or "87.5" (LANG_EN);
 * -5, 1 -> "-0,5"; 1000, 0 -> "1.000" / "1,000". decimals is read as
 * 0..18. Every int64_t is formatted (INT64_MIN too: CHART_NONE is the
 * caller's to check); the longest result, "-9.223.372.036.854.775.808",
 * fits the 32 bytes of out.
 */
void chart_format(int64_t v, int decimals, enum lang lang, char out[32]);

#endif
