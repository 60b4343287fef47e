/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* measures.c: the arithmetic of the performance measures (measures.h). */
#include "core/measures.h"

#include <stdlib.h>
#include <string.h>

int64_t measure_day_minutes(const struct hours *h)
{
    int64_t minutes = 0, days = 0;
    for (int wd = 0; wd < 7; wd++) {
        if (h->open[wd] < 0 || h->close[wd] <= h->open[wd])
            continue;
        minutes += h->close[wd] - h->open[wd];
        days++;
    }
    return days ? (2 * minutes + days) / (2 * days) : 0;
}

int64_t measure_tenths_of_days(int64_t minutes, int64_t day_minutes)
{
    if (day_minutes <= 0 || minutes <= 0)
        return 0;
    return (20 * minutes + day_minutes) / (2 * day_minutes);
}

bool measure_percentile(const struct measure_bucket *b, size_t n, int pct,
                        int64_t *out)
{
    int64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += b[i].n > 0 ? b[i].n : 0;
    if (total <= 0 || pct < 1 || pct > 100)
        return false;
    int64_t need = (total * pct + 99) / 100; /* ceil(pct/100 x N) */
    if (need < 1)
        need = 1;
    /* Buckets in value order (what the store returns): one cumulative
     * walk. */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = b[i - 1].value <= b[i].value;
    if (sorted) {
        int64_t cum = 0;
        for (size_t i = 0; i < n; i++) {
            cum += b[i].n > 0 ? b[i].n : 0;
            if (cum >= need) {
                *out = b[i].value;
                return true;
            }
        }
        return false;
    }
    /* In any other order: repeatedly take the smallest value above the
     * last. */
    bool have_last = false;
    int64_t last = 0, seen = 0;
    for (;;) {
        bool found = false;
        int64_t v = 0, count = 0;
        for (size_t i = 0; i < n; i++) {
            if (b[i].n <= 0 || (have_last && b[i].value <= last))
                continue;
            if (!found || b[i].value < v) {
                v = b[i].value;
                found = true;
            }
        }
        if (!found)
            return false;
        for (size_t i = 0; i < n; i++)
            if (b[i].n > 0 && b[i].value == v)
                count += b[i].n;
        seen += count;
        if (seen >= need) {
            *out = v;
            return true;
        }
        last = v;
        have_last = true;
    }
}

bool measure_pct_x10(int64_t part, int64_t whole, int64_t *out)
{
    if (whole <= 0)
        return false;
    /* 1000 x part / whole, rounded half up. */
    *out = (2000 * part + whole) / (2 * whole);
    return true;
}

/* Higher rate first (on_time/completed compared by cross-multiplication:
 * counts below 3e9 cannot overflow), more completed first, then code. */
static int rank_cmp(const struct measure_rankable *a,
                    const struct measure_rankable *b)
{
    int64_t l = a->on_time * b->completed;
    int64_t r = b->on_time * a->completed;
    if (l != r)
        return l > r ? -1 : 1;
    if (a->completed != b->completed)
        return a->completed > b->completed ? -1 : 1;
    return strcmp(a->code ? a->code : "", b->code ? b->code : "");
}

static int code_cmp(const struct measure_rankable *a,
                    const struct measure_rankable *b)
{
    return strcmp(a->code ? a->code : "", b->code ? b->code : "");
}

/* Stable merge sort of idx[0..n) by cmp on items; tmp holds n entries. */
static void merge_sort(size_t *idx, size_t *tmp, size_t n,
                       const struct measure_rankable *items,
                       int (*cmp)(const struct measure_rankable *,
                                  const struct measure_rankable *))
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = cmp(&items[idx[j]], &items[idx[i]]) < 0 ? idx[j++]
                                                                   : idx[i++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
        }
        memcpy(idx, tmp, n * sizeof(*idx));
    }
}

void measure_rank(const struct measure_rankable *items, size_t n,
                  int64_t min_completed, int *rank, size_t *order)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        rank[i] = 0;
        if (items[i].completed > 0 && items[i].completed >= min_completed)
            order[k++] = i;
    }
    size_t ranked = k;
    for (size_t i = 0; i < n; i++)
        if (!(items[i].completed > 0 && items[i].completed >= min_completed))
            order[k++] = i;
    size_t *tmp = malloc((n ? n : 1) * sizeof(*tmp));
    if (!tmp)
        abort();
    merge_sort(order, tmp, ranked, items, rank_cmp);
    merge_sort(order + ranked, tmp, n - ranked, items, code_cmp);
    free(tmp);
    for (size_t i = 0; i < ranked; i++)
        rank[order[i]] = (int)i + 1;
}
