/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* period.c: report periods (see period.h). */
#include "core/period.h"

#include <stdio.h>
#include <string.h>

/* The calendar unit of months months starting at year y, month m1. */
static void unit(int y, int m1, int months, struct period *p)
{
    int m2 = m1 + months - 1;
    p->from = (struct civil_date){y, m1, 1};
    p->to = (struct civil_date){y, m2, civil_days_in_month(y, m2)};
    int py = y, pm1 = m1 - months;
    if (pm1 < 1) {
        pm1 += 12;
        py--;
    }
    int pm2 = pm1 + months - 1;
    p->prev_from = (struct civil_date){py, pm1, 1};
    p->prev_to = (struct civil_date){py, pm2, civil_days_in_month(py, pm2)};
    p->months = months;
}

/* Whole string s is a number of exactly digits digits; *v its value. */
static bool digits_are(const char *s, size_t digits, int *v)
{
    if (strlen(s) < digits)
        return false;
    int n = 0;
    for (size_t i = 0; i < digits; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        n = n * 10 + (s[i] - '0');
    }
    *v = n;
    return true;
}

bool period_parse(const char *from, const char *to, const char *period,
                  struct civil_date today, struct period *out)
{
    memset(out, 0, sizeof(*out));
    bool has_from = from && *from, has_to = to && *to;
    if (has_from || has_to) {
        struct civil_date a, b;
        if (!has_from || !has_to || !civil_parse_date(from, &a) ||
            !civil_parse_date(to, &b))
            return false;
        int64_t da = civil_to_days(a), db = civil_to_days(b);
        if (db < da || db - da > 3660)
            return false;
        out->from = a;
        out->to = b;
        out->prev_from = civil_from_days(da - (db - da + 1));
        out->prev_to = civil_from_days(da - 1);
        out->months = 0;
        return true;
    }
    if (!period || !*period) {
        unit(today.year, 1, 12, out);
        return true;
    }
    int y = 0, n = 0;
    size_t len = strlen(period);
    if (!digits_are(period, 4, &y) || y < 2000 || y > 2100)
        return false;
    if (len == 4) {
        unit(y, 1, 12, out);
        return true;
    }
    if (period[4] != '-')
        return false;
    const char *rest = period + 5;
    if (len == 7 && digits_are(rest, 2, &n) && n >= 1 && n <= 12) {
        unit(y, n, 1, out);
        return true;
    }
    if (len == 7 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
        unit(y, 3 * (rest[1] - '0') - 2, 3, out);
        return true;
    }
    if (len == 7 && rest[0] == 'S' && (rest[1] == '1' || rest[1] == '2')) {
        unit(y, 6 * (rest[1] - '0') - 5, 6, out);
        return true;
    }
    return false;
}

void period_month(struct civil_date d, char out[8])
{
    unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u;
    snprintf(out, 8, "%04u-%02u", y, m);
}

void period_last_months(struct civil_date today, int n, char months[][8])
{
    int y = today.year, m = today.month;
    for (int i = n - 1; i >= 0; i--) {
        period_month((struct civil_date){y, m, 1}, months[i]);
        if (--m < 1) {
            m = 12;
            y--;
        }
    }
}

static void empty_days(char a[16], char b[16])
{
    snprintf(a, 16, "9999-12-31");
    snprintf(b, 16, "0000-01-01");
}

void period_split(struct civil_date from, struct civil_date to,
                  struct period_split *out)
{
    memset(out, 0, sizeof(*out));
    empty_days(out->head_from, out->head_to);
    empty_days(out->tail_from, out->tail_to);
    snprintf(out->month_from, 8, "9999-12");
    snprintf(out->month_to, 8, "0000-01");
    snprintf(out->month2_from, 8, "9999-12");
    snprintf(out->month2_to, 8, "0000-01");
    snprintf(out->year_from, 8, "9999");
    snprintf(out->year_to, 8, "0000");
    int64_t f = civil_to_days(from), t = civil_to_days(to);
    if (t < f)
        return;
    /* The first whole month starts at the first 1st on or after from; the
     * last ends at the last month end on or before to. */
    struct civil_date first = from;
    if (first.day != 1) {
        first.day = 1;
        if (++first.month > 12) {
            first.month = 1;
            first.year++;
        }
    }
    struct civil_date last = to;
    if (last.day != civil_days_in_month(last.year, last.month)) {
        if (--last.month < 1) {
            last.month = 12;
            last.year--;
        }
        last.day = civil_days_in_month(last.year, last.month);
    }
    int64_t fd = civil_to_days(first), ld = civil_to_days(last);
    if (fd > ld) { /* no whole month: all days */
        civil_format_date(from, out->head_from);
        civil_format_date(to, out->head_to);
        return;
    }
    /* Whole years inside the whole months: from the first January on or
     * after the first month to the last December on or before the last. */
    int fy = first.month == 1 ? first.year : first.year + 1;
    int ly = last.month == 12 ? last.year : last.year - 1;
    if (fy <= ly && fy >= 0 && fy <= 9999 && ly >= 0 && ly <= 9999) {
        snprintf(out->year_from, 8, "%04u", (unsigned)fy % 10000u);
        snprintf(out->year_to, 8, "%04u", (unsigned)ly % 10000u);
        if (first.year < fy) {
            period_month(first, out->month_from);
            period_month((struct civil_date){fy - 1, 12, 1}, out->month_to);
        }
        if (last.year > ly) {
            period_month((struct civil_date){ly + 1, 1, 1}, out->month2_from);
            period_month(last, out->month2_to);
        }
    } else {
        period_month(first, out->month_from);
        period_month(last, out->month_to);
    }
    if (fd > f) {
        civil_format_date(from, out->head_from);
        civil_format_date(civil_from_days(fd - 1), out->head_to);
    }
    if (ld < t) {
        civil_format_date(civil_from_days(ld + 1), out->tail_from);
        civil_format_date(to, out->tail_to);
    }
}

static const char *const month_id[] = {
    "Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
    "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
static const char *const month_en[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

static const char *month_name(int m, enum lang lang)
{
    if (m < 1 || m > 12)
        return "?";
    return L(lang, month_id[m - 1], month_en[m - 1]);
}

void period_text(struct civil_date from, struct civil_date to, int months,
                 enum lang lang, char *out, size_t n)
{
    static const char *const roman[] = {"I", "II", "III", "IV"};
    bool whole = from.day == 1 &&
                 (months == 1 || months == 3 || months == 6 || months == 12);
    if (whole && months == 1) {
        snprintf(out, n, "%s %d", month_name(from.month, lang), from.year);
    } else if (whole && months == 3) {
        int q = (from.month - 1) / 3;
        if (lang == LANG_EN)
            snprintf(out, n, "Q%d %d", q + 1, from.year);
        else
            snprintf(out, n, "Triwulan %s %d", roman[q & 3], from.year);
    } else if (whole && months == 6) {
        bool second = from.month > 6;
        if (lang == LANG_EN)
            snprintf(out, n, "%s half %d", second ? "Second" : "First",
                     from.year);
        else
            snprintf(out, n, "Semester %s %d", second ? "II" : "I", from.year);
    } else if (whole && months == 12) {
        snprintf(out, n, "%s %d", L(lang, "Tahun", "The year"), from.year);
    } else if (civil_to_days(from) == civil_to_days(to)) {
        snprintf(out, n, "%d %s %d", from.day, month_name(from.month, lang),
                 from.year);
    } else if (from.year == to.year) {
        snprintf(out, n, "%d %s – %d %s %d", from.day,
                 month_name(from.month, lang), to.day,
                 month_name(to.month, lang), to.year);
    } else {
        snprintf(out, n, "%d %s %d – %d %s %d", from.day,
                 month_name(from.month, lang), from.year, to.day,
                 month_name(to.month, lang), to.year);
    }
}

void period_code(const struct period *p, char out[16])
{
    out[0] = '\0';
    if (p->from.day != 1)
        return;
    int y = p->from.year, m = p->from.month;
    if (y < 0 || y > 9999 || m < 1 || m > 12)
        return;
    if (p->months == 1)
        snprintf(out, 16, "%04d-%02d", y, m);
    else if (p->months == 3)
        snprintf(out, 16, "%04d-Q%d", y, (m - 1) / 3 + 1);
    else if (p->months == 6)
        snprintf(out, 16, "%04d-S%d", y, m > 6 ? 2 : 1);
    else if (p->months == 12)
        snprintf(out, 16, "%04d", y);
}

void period_month_label(const char *ym, enum lang lang, char out[16])
{
    static const char *const id[] = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                     "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
    static const char *const en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y = 0, m = 0;
    bool digits = ym && strlen(ym) == 7 && ym[4] == '-';
    for (int i = 0; digits && i < 7; i++)
        digits = i == 4 || (ym[i] >= '0' && ym[i] <= '9');
    if (digits) {
        y = (ym[0] - '0') * 1000 + (ym[1] - '0') * 100 + (ym[2] - '0') * 10 +
            (ym[3] - '0');
        m = (ym[5] - '0') * 10 + (ym[6] - '0');
    }
    if (digits && m >= 1 && m <= 12) {
        snprintf(out, 16, "%s %04d", L(lang, id[m - 1], en[m - 1]), y);
        return;
    }
    snprintf(out, 16, "%s", ym ? ym : "");
}
