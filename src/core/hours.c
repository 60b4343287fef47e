/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* hours.c: weekly opening hours. */
#include "core/hours.h"

#include <stdio.h>
#include <string.h>

#include "base/civil.h"

bool hours_parse(const char *text, struct hours *out)
{
    if (!text)
        return false;
    struct hours h;
    const char *p = text;
    for (int d = 0; d < 7; d++) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if ((d < 6 && !end) || (d == 6 && end))
            return false;
        if (n == 1 && p[0] == '-') {
            h.open[d] = h.close[d] = -1;
        } else {
            char a[6], b[6];
            if (n != 11 || p[5] != '-')
                return false;
            memcpy(a, p, 5);
            a[5] = '\0';
            memcpy(b, p + 6, 5);
            b[5] = '\0';
            if (!civil_parse_hhmm(a, &h.open[d]) ||
                !civil_parse_hhmm(b, &h.close[d]) || h.close[d] <= h.open[d])
                return false;
        }
        p = end ? end + 1 : p + n;
    }
    *out = h;
    return true;
}

void hours_format(const struct hours *h, char *out, size_t outlen)
{
    size_t o = 0;
    out[0] = '\0';
    for (int d = 0; d < 7 && o < outlen; d++) {
        int n;
        if (h->open[d] < 0)
            n = snprintf(out + o, outlen - o, "%s-", d ? "," : "");
        else
            n = snprintf(out + o, outlen - o, "%s%02d:%02d-%02d:%02d",
                         d ? "," : "", h->open[d] / 60 % 100, h->open[d] % 60,
                         h->close[d] / 60 % 100, h->close[d] % 60);
        if (n < 0)
            return;
        o += (size_t)n;
    }
}

bool hours_is_open_day(const struct hours *h, int wd)
{
    return wd >= 0 && wd < 7 && h->open[wd] >= 0;
}
