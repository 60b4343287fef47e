/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * apps.c: what the application pages and the JSON API show of an
 * application (times for people, the receipt's links), shared by the
 * intake, work-list and tracking handlers (see apps.h). The rules are the
 * service's (svc/applications.c).
 */
#include "app/apps.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/utf8.h"
#include "core/nik.h"
#include "core/regno.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"

const char *apps_iso(struct request *req, int64_t t, int offset_min)
{
    char *out = arena_alloc(req->arena, 32);
    civil_format_iso(t, offset_min, out);
    return out;
}

const char *apps_when(struct request *req, int64_t t, int offset_min)
{
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
    int64_t local = t + (int64_t)offset_min * 60;
    int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t secs = local - days * 86400;
    struct civil_date d = civil_from_days(days);
    int wd = civil_weekday(days);
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60);
    const char *zone = office_zone_name(offset_min);
    if (req->lang == LANG_EN)
        return arena_printf(req->arena, "%s %d %s %d, %02d:%02d %s",
                            days_en[wd], d.day, months_en[d.month - 1], d.year,
                            hh, mm, zone);
    return arena_printf(req->arena, "%s, %d %s %d pukul %02d.%02d %s",
                        days_id[wd], d.day, months_id[d.month - 1], d.year, hh,
                        mm, zone);
}
