/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* humanize.c: dates, times and numbers for people (see humanize.h). */
#include "core/humanize.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/office.h"

static const char *const days_id[] = {"Minggu", "Senin", "Selasa", "Rabu",
                                      "Kamis",  "Jumat", "Sabtu"};
static const char *const days_en[] = {"Sunday",    "Monday",   "Tuesday",
                                      "Wednesday", "Thursday", "Friday",
                                      "Saturday"};
static const char *const months_id[] = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
static const char *const months_en[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

static const char *day_part(struct arena *a, int64_t days, enum lang lang)
{
    struct civil_date d = civil_from_days(days);
    int wd = civil_weekday(days);
    int m = d.month >= 1 && d.month <= 12 ? d.month - 1 : 0;
    if (wd < 0 || wd > 6)
        wd = 0;
    return arena_printf(a, "%s, %d %s %d",
                        lang == LANG_EN ? days_en[wd] : days_id[wd], d.day,
                        lang == LANG_EN ? months_en[m] : months_id[m], d.year);
}

const char *human_when(struct arena *a, int64_t unix_s, int offset_min,
                       enum lang lang)
{
    int64_t local = unix_s + (int64_t)offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60);
    const char *zone = office_zone_name(offset_min);
    const char *day = day_part(a, days, lang);
    if (lang == LANG_EN)
        return arena_printf(a, "%s at %02d:%02d %s", day, hh, mm, zone);
    return arena_printf(a, "%s pukul %02d.%02d %s", day, hh, mm, zone);
}

const char *human_date(struct arena *a, struct civil_date d, enum lang lang)
{
    return day_part(a, civil_to_days(d), lang);
}

const char *human_date_iso(struct arena *a, const char *ymd, enum lang lang)
{
    struct civil_date d;
    if (!ymd || !civil_parse_date(ymd, &d))
        return ymd;
    return human_date(a, d, lang);
}

void human_number_buf(int64_t value, int decimals, enum lang lang, char out[40])
{
    int dec = decimals < 0 ? 0 : decimals > 18 ? 18 : decimals;
    char mark = lang == LANG_EN ? '.' : ',';
    char group = lang == LANG_EN ? ',' : '.';
    /* The magnitude in unsigned arithmetic: -INT64_MIN does not fit. */
    uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    char digits[24]; /* least significant first; at most 20 */
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag);
    while (n < dec + 1)
        digits[n++] = '0';
    size_t o = 0;
    if (value < 0)
        out[o++] = '-';
    for (int i = n - 1; i >= 0; i--) {
        out[o++] = digits[i];
        int whole_pos = i - dec; /* digits of the whole part still to come */
        if (whole_pos > 0 && whole_pos % 3 == 0)
            out[o++] = group;
        if (i == dec && dec > 0)
            out[o++] = mark;
    }
    out[o] = '\0';
}

const char *human_number(struct arena *a, int64_t value, int decimals,
                         enum lang lang)
{
    char *out = arena_alloc(a, 40);
    human_number_buf(value, decimals, lang, out);
    return out;
}

const char *human_pct(struct arena *a, int64_t value, int decimals,
                      enum lang lang)
{
    char num[40];
    human_number_buf(value, decimals, lang, num);
    /* Bahasa Indonesia: "92,5 %" with U+00A0 so it never breaks apart. */
    return arena_printf(a, "%s%s", num, lang == LANG_EN ? "%" : "\xc2\xa0%");
}
