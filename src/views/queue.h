/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.h: the counter queue's pages and JSON shapes: the ticket kiosk and
 * its 58 mm ticket, the officer's desk, the display board for a TV, the
 * citizen's phone page, bookings, the counters' set-up and the figures.
 * Pages go through base/html.h only; the board and the phone page update
 * themselves with /static/queue.js (Server-Sent Events, a periodic
 * refresh where events do not come through).
 */
#ifndef SP_VIEWS_QUEUE_H
#define SP_VIEWS_QUEUE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/office.h"
#include "core/service.h"
#include "store/queue.h"
#include "views/view.h"

/* JSON shapes (API and event streams). */
json_t *json_queue_board(const struct queue_board *b, const char *office_code,
                         const char *day, int offset_min);
json_t *json_queue_ticket(const struct queue_ticket *t, int offset_min);
json_t *json_queue_counter(const struct queue_counter *k);
json_t *json_queue_group(const struct queue_group *g);
json_t *json_queue_booking(const struct queue_booking *b);
json_t *json_queue_figures(const struct queue_figures *f);
json_t *json_queue_where(const struct queue_where *w, int offset_min);

/* The ticket kiosk. */
struct queue_kiosk_page {
    const struct office *office;
    const struct queue_group *groups;
    size_t n_groups;
    bool priority;                 /* the priority screen */
    const struct field_errors *fe; /* a refused booking code, or NULL */
    const char *booking;           /* the code as typed, or NULL */
    const char *csrf;              /* the kiosk's form token (anonymous) */
};
void view_queue_kiosk(struct view *v, const struct queue_kiosk_page *p);

/* The 58 mm ticket the kiosk prints. */
struct queue_ticket_print {
    const struct office *office;
    const struct queue_ticket *ticket;
    const struct queue_group *group;
    int64_t ahead;          /* before it in its queue */
    const char *issued;     /* "Senin, 5 Oktober 2026 pukul 09.00 WIB" */
    const char *follow_url; /* with the token (QR), or NULL: printed once */
    bool kiosk;             /* print, then back to the kiosk */
    int64_t return_after_s; /* ...this many seconds after printing (0:
                               when "Done" is tapped) */
};
void view_queue_ticket(struct view *v, const struct queue_ticket_print *p);

/* The officer's desk. */
struct queue_desk_page {
    const struct office *office;
    const struct queue_counter *counters; /* every counter of the office */
    size_t n_counters;
    const struct queue_counter *mine;   /* the counter signed in to, or NULL */
    const struct queue_ticket *current; /* its ticket, or NULL */
    int64_t waiting;                    /* waiting for the office today */
    const char *flash;                  /* a one-line notice, or NULL */
    bool flash_warn;                    /* the notice is a refusal */
    bool may_intake;                    /* show "register an application" */
};
void view_queue_desk(struct view *v, const struct queue_desk_page *p);

/* The display board (and its first state, for a browser without JS). */
void view_queue_board(struct view *v, const struct office *o,
                      const struct queue_board *b);

/* The citizen's phone page of a ticket. */
void view_queue_follow(struct view *v, const struct office *o,
                       const struct queue_where *w, const char *token);

/* The booking form. */
struct queue_book_page {
    const struct office *office;  /* chosen office, or NULL */
    const struct office *offices; /* service points (to choose) */
    size_t n_offices;
    const struct service_def *services; /* accepted at the office */
    size_t n_services;
    const struct queue_book_day *days; /* days and slots */
    size_t n_days;
    const struct params *form;     /* sent values, or NULL */
    const struct field_errors *fe; /* or NULL */
    const char *csrf;              /* anonymous form token */
    bool full;                     /* the slot chosen was full */
};
void view_queue_book(struct view *v, const struct queue_book_page *p);
/* A booking: code, office, day and slot; the follow link when given;
 * cancel while booked. */
void view_queue_booking(struct view *v, const struct queue_booking *b,
                        const char *follow_url, const char *token,
                        const char *csrf, bool fresh);

/* The counters and booking quotas of an office. */
struct queue_admin_page {
    const struct office *office;
    const struct office *offices; /* to choose (administrators), or NULL */
    size_t n_offices;
    const struct queue_counter *counters;
    size_t n_counters;
    const struct queue_group *groups;
    size_t n_groups;
    const struct queue_office *cfg;
    const struct field_errors *fe;
    const char *flash;
};
void view_queue_admin(struct view *v, const struct queue_admin_page *p);

/* The figures page. */
struct queue_figures_page {
    const struct queue_figures *fig;
    const char *scope_name;       /* "Kantor Kecamatan Genteng", ... */
    const char *from, *to;        /* the period shown */
    const char *office;           /* the office code chosen, or "" */
    const struct office *offices; /* to choose (regency-wide), or NULL */
    size_t n_offices;
    const struct field_errors *fe;
};
void view_queue_figures(struct view *v, const struct queue_figures_page *p);
/*
 * The queue's figures as a section of another page (the oversight pages
 * and the monthly report): a heading, then waiting and service time per
 * group (and per office when by_office).
 */
void view_queue_figures_section(struct view *v, const struct queue_figures *f,
                                bool by_office);

#endif
