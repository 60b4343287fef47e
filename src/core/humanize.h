/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * humanize.h: how a date, a time and a number read on a page, in one place
 * (every page, the receipts, the messages to citizens). Machine outputs
 * (JSON, CSV, XLSX, Open311 XML) never use these: they keep ISO 8601 and
 * the decimal point without thousands separators.
 *
 *   time  "Kamis, 3 Desember 2026 pukul 15.30 WIB"
 *         "Thursday, 3 December 2026 at 15:30 WIB"  (WITA at +8, WIT at +9)
 *   date  "Kamis, 3 Desember 2026" / "Thursday, 3 December 2026"
 *   num   "1.234,5" / "1,234.5" (decimal comma and thousands point in
 *         Bahasa Indonesia; the other way round in English)
 *   pct   "92,5 %" (a no-break space before the sign) / "92.5%"
 */
#ifndef SP_CORE_HUMANIZE_H
#define SP_CORE_HUMANIZE_H

#include <stdint.h>

#include "base/civil.h"
#include "core/lang.h"

struct arena;

/* Unix seconds at offset_min minutes east of UTC, with the zone's name. */
const char *human_when(struct arena *a, int64_t unix_s, int offset_min,
                       enum lang lang);
/* A date alone, with its weekday. */
const char *human_date(struct arena *a, struct civil_date d, enum lang lang);
/* "2026-12-03" as human_date(); anything else is returned as it is. */
const char *human_date_iso(struct arena *a, const char *ymd, enum lang lang);
/*
 * A fixed-point number (value / 10^decimals, decimals read as 0..18) with
 * the language's decimal mark and thousands separators into out (40
 * bytes: enough for every int64_t; the longest, INT64_MIN with no
 * decimals, "-9.223.372.036.854.775.808", is 26).
 */
void human_number_buf(int64_t value, int decimals, enum lang lang,
                      char out[40]);
const char *human_number(struct arena *a, int64_t value, int decimals,
                         enum lang lang);
/* A percentage: human_number() and the language's way of writing %. */
const char *human_pct(struct arena *a, int64_t value, int decimals,
                      enum lang lang);

#endif
