/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * queue.h: the counter queue's handlers: the ticket kiosk (an enrolled
 * device) and its ticket, the officer's desk, the display board and its
 * event stream, the citizen's phone page, bookings, the counters' set-up,
 * the figures and the JSON API. The rules are the services'
 * (svc/queue.h); the boards' shared state is app/board.h.
 */
#ifndef SP_APP_QUEUE_H
#define SP_APP_QUEUE_H

#include "app/app.h"
#include "store/queue.h"

void h_queue_kiosk(struct request *req, struct response *res);
void h_queue_kiosk_issue(struct request *req, struct response *res);
void h_queue_kiosk_ticket(struct request *req, struct response *res);
void h_queue_board(struct request *req, struct response *res);
void h_queue_events(struct request *req, struct response *res);
void h_queue_follow(struct request *req, struct response *res);
void h_queue_book_form(struct request *req, struct response *res);
void h_queue_book(struct request *req, struct response *res);
void h_queue_booking(struct request *req, struct response *res);
void h_queue_booking_cancel(struct request *req, struct response *res);
void h_queue_desk(struct request *req, struct response *res);
void h_queue_desk_counter(struct request *req, struct response *res);
void h_queue_desk_call(struct request *req, struct response *res);
void h_queue_desk_act(struct request *req, struct response *res);
void h_queue_admin(struct request *req, struct response *res);
void h_queue_admin_counter(struct request *req, struct response *res);
void h_queue_admin_settings(struct request *req, struct response *res);
void h_queue_figures(struct request *req, struct response *res);
void h_api_queue(struct request *req, struct response *res);
void h_api_queue_issue(struct request *req, struct response *res);
void h_api_queue_call(struct request *req, struct response *res);
void h_api_queue_act(struct request *req, struct response *res);
void h_api_queue_follow(struct request *req, struct response *res);
void h_api_bookings(struct request *req, struct response *res);
void h_api_report_queue(struct request *req, struct response *res);

/*
 * The ticket the signed-in officer's counter has called or is serving
 * today, not linked to an application yet: the one an intake at the
 * counter links. ERR_NOT_FOUND when there is none; a database failure
 * is returned as such (the intake then fails rather than lose the link).
 */
enum err queue_current_ticket(struct request *req, struct queue_ticket *out)
    __attribute__((warn_unused_result));
/* The queue figures of office_id (0: every office in district, or the
 * regency) for [from, to] (for the oversight pages and the report). */
enum err queue_figures_of(struct request *req, int64_t office_id,
                          const char *district, const char *from,
                          const char *to, struct queue_figures *out)
    __attribute__((warn_unused_result));

#endif
