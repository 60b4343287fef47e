/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * app.h: the application: its context, the entry the HTTP server calls,
 * and the helpers every handler uses (answering errors and JSON, building
 * the view of a request, auditing).
 *
 * Handlers are thin: parse -> validate -> core -> store -> view. They get
 * their database connection from req->db (one per server thread).
 */
#ifndef SP_APP_APP_H
#define SP_APP_APP_H

#include <jansson.h>
#include <stdbool.h>

#include "base/err.h"
#include "http/request.h"
#include "http/router.h"
#include "http/server.h"
#include "svc/svc.h"
#include "views/view.h"

struct http_server;
struct vcache;

struct app {
    const char *db_url;         /* database URL, one connection per thread */
    const char *static_dir;     /* serve /static from here, or NULL: embedded */
    const char *public_url;     /* "https://layanan.example.go.id", or NULL:
                               from the request's Host header */
    int utc_offset_min;         /* the regency's zone (settings), e.g. 420 */
    int64_t kiosk_gap_s;        /* a survey kiosk's least gap between answers
                                   (SATUPINTU_KIOSK_GAP, default 20) */
    int64_t ticket_return_s;    /* a kiosk's ticket stays on screen this many
                                   seconds after printing (SATUPINTU_TICKET_
                                   RETURN, default 10; 0: until "Done") */
    struct http_server *server; /* the server, for waking the display
                                   boards' streams (app/board.h), or NULL */
    const struct notify_config *notify; /* the message channels, or NULL */
    struct vcache *docs;       /* rendered public documents, or NULL: none
                                  kept (see app_doc_cached) */
    const char *regency_code;  /* the regency this database serves
                                  ("35.10"; settings), for /healthz */
    const char *metrics_allow; /* addresses served /metrics without a
                                  token (SATUPINTU_METRICS_ALLOW) */
    const char *metrics_token; /* a scraper's bearer token for /metrics
                                  (SATUPINTU_METRICS_TOKEN), or NULL */
};

/*
 * The rendered public documents (the catalogue, a service, the office
 * directory, an office, as HTML per language and as JSON) are kept in
 * app->docs, stamped with the catalogue version (store/versions.h) read
 * before rendering, and keyed by the path, the query (less lang), the
 * language, whether an API key was sent, and today's date: any change of
 * the catalogue or the offices, from any instance or the CLI, shows at
 * the next request. Nothing is kept for a signed-in user's pages.
 *
 *   struct app_doc d;
 *   if (app_doc_cached(req, res, &d))
 *       return;      (kept, or the database failed: answered either way,
 *                     d.rc tells which)
 *   ... render into res ...
 *   app_doc_keep(req, res, &d);
 */
struct app_doc {
    const char *key; /* arena, or NULL: this request keeps nothing */
    int64_t version; /* the catalogue version read before rendering */
    enum err rc;     /* ERR_OK, or the failure app_doc_cached() answered */
};
bool app_doc_cached(struct request *req, struct response *res,
                    struct app_doc *d);
void app_doc_keep(struct request *req, struct response *res,
                  const struct app_doc *d);

/* The server's entry: route req (see http/server.h). ctx is struct app. */
void app_handle(void *ctx, struct request *req, struct response *res);
/* The server's question where req is handled (http/server.h): a report
 * (its route is flagged ROUTE_REPORT) by the report workers, a POST (a
 * write, which waits for its COMMIT) by the write workers, the rest in
 * the thread of its connection. */
enum http_pool app_pool_of(void *ctx, struct request *req);
/* The application's settings for req (the struct app serve filled). */
const struct app *app_of(const struct request *req);
/* The regency's UTC offset in minutes (settings; e.g. 420 for WIB). */
int app_utc_offset(const struct request *req);
/* The service context of req: its connection, arena, instant, who acts
 * (NULL when nobody is signed in) and the client's address. */
struct svc_ctx app_svc(const struct request *req);

/* The route table (routes.c). */
extern const struct route app_routes[];
extern const size_t app_n_routes;

/* A view of req for rendering into res. */
struct view app_view(struct request *req, struct response *res);
/*
 * Answer an error in the client's format (JSON for the API, else HTML) and
 * language. Also the router's error hook.
 */
void app_error(struct request *req, struct response *res, int status,
               const char *code, const char *msg_id, const char *msg_en);
/* Answer an enum err from the store: 404, 409, 503, or 500 (logged). */
void app_fail(struct request *req, struct response *res, enum err rc);
/* Answer 422 with field errors (JSON) — HTML handlers re-render instead. */
void app_json_field_errors(struct request *req, struct response *res,
                           const struct field_errors *fe);
/*
 * The request's body as a JSON object (duplicate keys refused) into *out,
 * to be released by the caller; false after answering 415 (not
 * application/json) or 400 (not a JSON object), with *out NULL.
 */
bool app_json_body(struct request *req, struct response *res, json_t **out);
/* Answer JSON (takes the reference of body). */
void app_json(struct request *req, struct response *res, int status,
              json_t *body);
/*
 * Record a staff change in the audit log; before and after are JSON
 * objects (borrowed; may be NULL). Part of the caller's transaction.
 */
enum err app_audit(struct request *req, const char *action, const char *entity,
                   const char *key, json_t *before, json_t *after)
    __attribute__((warn_unused_result));
/* The CSRF token of an anonymous visitor's forms (a double-submit cookie,
 * set here when missing). */
const char *app_anon_csrf(struct request *req, struct response *res);
/* Today's date (YYYY-MM-DD) at the regency's offset. */
const char *app_today(struct request *req);

/* Handlers, grouped by file. */
void h_home(struct request *req, struct response *res);
void h_catalogue(struct request *req, struct response *res);
void h_service(struct request *req, struct response *res);
void h_poster(struct request *req, struct response *res);
void h_offices(struct request *req, struct response *res);
void h_office(struct request *req, struct response *res);
void h_static(struct request *req, struct response *res);
void h_healthz(struct request *req, struct response *res);
void h_metrics(struct request *req, struct response *res);
void h_lang(struct request *req, struct response *res);

void h_login_form(struct request *req, struct response *res);
void h_login(struct request *req, struct response *res);
void h_logout(struct request *req, struct response *res);
void h_password_form(struct request *req, struct response *res);
void h_password(struct request *req, struct response *res);
void h_staff_home(struct request *req, struct response *res);

void h_api_services(struct request *req, struct response *res);
void h_api_service(struct request *req, struct response *res);
void h_api_offices(struct request *req, struct response *res);
void h_api_office(struct request *req, struct response *res);
void h_api_me(struct request *req, struct response *res);

void h_admin_users(struct request *req, struct response *res);
void h_admin_user_create(struct request *req, struct response *res);
void h_admin_user(struct request *req, struct response *res);
void h_admin_user_update(struct request *req, struct response *res);
void h_admin_apikeys(struct request *req, struct response *res);
void h_admin_apikey_create(struct request *req, struct response *res);
void h_admin_apikey_revoke(struct request *req, struct response *res);
void h_admin_offices(struct request *req, struct response *res);
void h_admin_office(struct request *req, struct response *res);
void h_admin_office_update(struct request *req, struct response *res);
void h_admin_services(struct request *req, struct response *res);
void h_admin_service(struct request *req, struct response *res);
void h_admin_service_save(struct request *req, struct response *res);
void h_admin_service_cancel(struct request *req, struct response *res);
void h_admin_service_compare(struct request *req, struct response *res);
void h_admin_audit(struct request *req, struct response *res);
void h_survey_form(struct request *req, struct response *res);
void h_survey_kiosk(struct request *req, struct response *res);
void h_survey_submit(struct request *req, struct response *res);
void h_api_survey(struct request *req, struct response *res);
void h_report_ikm(struct request *req, struct response *res);
void h_api_report_ikm(struct request *req, struct response *res);
void h_admin_survey_import_form(struct request *req, struct response *res);
void h_admin_survey_import(struct request *req, struct response *res);
void h_api_survey_import(struct request *req, struct response *res);
void h_admin_survey_users(struct request *req, struct response *res);
void h_admin_closure_add(struct request *req, struct response *res);
void h_admin_closure_delete(struct request *req, struct response *res);
void h_admin_calendar(struct request *req, struct response *res);
void h_admin_calendar_add(struct request *req, struct response *res);
void h_admin_calendar_delete(struct request *req, struct response *res);
void h_admin_calendar_delete_ask(struct request *req, struct response *res);
void h_admin_synonyms(struct request *req, struct response *res);
void h_admin_synonyms_save(struct request *req, struct response *res);
void h_admin_calendar_import(struct request *req, struct response *res);
/*
 * The enrolled kiosk device of this browser (its cookie, sent again so the
 * browser keeps it), or false with the answer given (not a kiosk, revoked,
 * throttled).
 */
struct device;
bool app_kiosk(struct request *req, struct response *res, struct device *dev);
void h_devices(struct request *req, struct response *res);
void h_device_enrol(struct request *req, struct response *res);
void h_device_revoke(struct request *req, struct response *res);

#endif
