/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311_input.h: what an Open311 request asks for, read and checked
 * (app/open311.c's handlers call these; open311.h says what each route
 * answers).
 *
 * Every input is capped and validated before anything is read or
 * written; every problem found is collected in a struct open311_errors,
 * each as the specification's {code, description} with the description
 * in the request's language, so a client sees all its mistakes at once.
 * The status of the answer is the first problem's code.
 */
#ifndef SP_APP_OPEN311_INPUT_H
#define SP_APP_OPEN311_INPUT_H

#include <jansson.h>

#include "base/params.h"
#include "http/request.h"
#include "store/complaints.h"
#include "store/offices.h"

/* The format a URL's extension names. */
enum open311_format { OPEN311_XML, OPEN311_JSON };

/* The specification's error list: collected, then answered at once. */
struct open311_errors {
    json_t *list; /* [{code, description}] owned, or NULL: no error yet */
    int status;   /* the HTTP status: the first error's code */
};

/* Add an error with HTTP status code, the text in both languages. */
void open311_input_error(const struct request *req, struct open311_errors *e,
                         int code, const char *msg_id, const char *msg_en);

/*
 * Split a last path segment "NAME.xml" / "NAME.json" into NAME (arena)
 * and the format; false for any other extension or an empty NAME.
 */
bool open311_input_split(struct arena *a, const char *seg, const char **name,
                         enum open311_format *fmt);

/* The format of a fixed route ("/open311/v2/services.json"). */
enum open311_format open311_input_format(const struct request *req);

/*
 * Check jurisdiction_id (from params p): absent, empty or the regency's
 * code (the setting regency_code); adds a 400 error otherwise, also when
 * the setting is not there. A database failure is returned.
 */
enum err open311_input_jurisdiction(struct request *req, const struct params *p,
                                    struct open311_errors *e)
    __attribute__((warn_unused_result));

/* The most complaints one listing answers, and its default window. */
#define OPEN311_MAX_RESULTS 1000
#define OPEN311_WINDOW_S (90 * 86400)

/*
 * The listing's query (GET requests): either service_request_id (a
 * comma list of at most 100 numbers, overriding every other parameter;
 * *empty when it names none), or service_code (a comma list of known
 * categories, each once), status (open, closed or both) and the window
 * start_date..end_date (ISO 8601, both inclusive, at most 90 days; the
 * last 90 days up to now when neither is given). Errors are added to e;
 * f is complete only when e has none.
 */
void open311_input_listing(struct request *req,
                           const struct complaint_category *cats, size_t n_cats,
                           struct complaint_filter *f, bool *empty,
                           struct open311_errors *e);

/*
 * The fields of a POST requests (form body only: never the query string,
 * where an api_key would end up in logs): service_code, attribute[office]
 * (a service point today), description, attribute[registration_no],
 * address_string, first_name/last_name, email, phone. On ERR_OK *c is the
 * complaint to file (named when a name was given, else anonymous with no
 * contact kept) and *office its office, unless e has errors. A database
 * failure is returned (e then may hold errors too; the caller frees it).
 */
enum err open311_input_filing(struct request *req,
                              const struct complaint_category *cats,
                              size_t n_cats, struct complaint *c,
                              struct office *office, struct open311_errors *e)
    __attribute__((warn_unused_result));

#endif
