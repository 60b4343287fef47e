/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * public.h: the public pages: home, service catalogue, service detail with
 * the six public components of its standard, the A4 notice-board poster,
 * and the office directory.
 */
#ifndef SP_VIEWS_PUBLIC_H
#define SP_VIEWS_PUBLIC_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/office.h"
#include "core/service.h"
#include "store/offices.h"
#include "views/view.h"

void view_home(struct view *v, const struct category *cats, size_t n_cats,
               size_t n_services, size_t n_points);
void view_catalogue(struct view *v, const struct service_def *items,
                    size_t n_items, const struct category *cats, size_t n_cats,
                    const char *q, const char *category);
/* offices: the service points that accept it (may be empty). */
/* chosen: the office picked for the promise (or NULL); promise: "if you
 * apply now at chosen, promised by ..." for people (or NULL). */
/* notes: per office a line shown under it (a referral), or NULL. */
void view_service(struct view *v, const struct service_def *s,
                  const char *category_name, const struct office *offices,
                  size_t n_offices, const struct office *chosen,
                  const char *promise, bool provisional,
                  const char *const *notes);
struct ov_item;

/* The office's performance for its public page (svc/oversight.h), or
 * NULL for none. */
struct office_perf {
    const struct ov_item *item; /* the office's figures, or NULL */
    int64_t min_completed;      /* below: "too few to measure" */
    const char *period_text;    /* "Tahun 2026" */
};
/* office may be NULL: a poster without an office line. */
void view_poster(struct view *v, const struct service_def *s,
                 const struct office *office);
/* A village found by its name whose office is not a service point: the
 * service point that serves it (its kecamatan office). */
struct served_village {
    const struct office *village; /* "Kantor Desa Kembiritan" */
    const struct office *by;      /* "Kantor Kecamatan Genteng" */
};
struct office_list_page {
    const struct office *items; /* ordered by code (kecamatan first) */
    size_t n_items;
    const struct open_state *open; /* open[i] for items[i] */
    int64_t now;                   /* for "open now / opens at" */
    const struct served_village *served;
    size_t n_served;
    const struct region *districts; /* the filter's choices */
    size_t n_districts;
    const char *q, *level, *district, *today;
};
/* The office directory, grouped by kecamatan, with open now / opens at. */
void view_offices(struct view *v, const struct office_list_page *p);
/* "Buka, tutup pukul 15.30" / "Tutup, buka besok pukul 07.30" (arena). */
const char *view_open_text(struct view *v, const struct open_state *s,
                           int64_t now, int offset_min);
/* What the office page shows of the office's readiness. */
struct assessment;
struct referral;
struct office_readiness {
    const struct assessment *last;    /* or NULL: not assessed */
    int64_t inspected_at;             /* or 0 */
    const struct referral *referrals; /* in force today */
    size_t n_referrals;
};
/* Where an office sends people: for a desa or kelurahan office that is
 * not a service point, the kecamatan office (a link on its page). */
struct office_extra {
    const struct open_state *open; /* open now / opens at, or NULL */
    int64_t now;
    const struct office *apply_at; /* or NULL */
};
/* perf may be NULL (no figures); r may be NULL (an agency); x may be
 * NULL. */
void view_office(struct view *v, const struct office *o,
                 const struct service_def *services, size_t n_services,
                 const char *today, const struct office_perf *perf,
                 const struct office_readiness *r,
                 const struct office_extra *x);
/* The same in two parts: up to the list of services (what changes only
 * with the catalogue and the offices, so app/ may keep it; from x only
 * apply_at), and the rest: whether it is open now (x->open, as of x->now),
 * the facilities and referrals (r, may be NULL), the performance block and
 * the end of the page, which change with time, every assessment, intake
 * and action. */
void view_office_top(struct view *v, const struct office *o,
                     const struct service_def *services, size_t n_services,
                     const char *today, const struct office_extra *x);
void view_office_bottom(struct view *v, const struct office *o,
                        const struct service_def *services, size_t n_services,
                        const char *today, const struct office_perf *perf,
                        const struct office_readiness *r,
                        const struct office_extra *x);
/* The weekly hours as a table. */
void view_hours(struct view *v, const struct hours *h, int utc_offset_min);

#endif
