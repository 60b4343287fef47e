/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * open311.h: the shapes of Open311 GeoReport v2 documents, as jansson
 * values laid out as the specification's JSON form
 * (http://wiki.open311.org/GeoReport_v2). The handlers (app/open311.c)
 * dump a value as JSON or hand it to views/open311_xml.c for the XML form,
 * so both formats say the same thing.
 *
 * Every function returns a new reference the caller owns (json_decref),
 * takes what it needs as arguments (no request, no database) and copies
 * what it keeps; temporary text comes from the arena given.
 *
 * What this module must not do: put personal data in a GET answer. A
 * complaint's entry (open311_request()) carries its number, category,
 * office, state, public answer, text and times, and never the
 * complainant's name, contact or PIN, whatever the complaint's identity;
 * the PIN is told once, in the answer to the POST that filed it
 * (open311_filed()).
 */
#ifndef SP_VIEWS_OPEN311_H
#define SP_VIEWS_OPEN311_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"
#include "store/complaints.h"
#include "store/offices.h"

struct arena;

/* What an entry needs besides the complaint, taken from the request once:
 * a streamed listing builds entries after its handler has returned. */
struct open311_view {
    enum lang lang;                        /* the answer's language */
    int offset_min;                        /* the regency's zone */
    const char *base;                      /* public base URL, no slash */
    const struct complaint_category *cats; /* for the service names */
    size_t n_cats;                         /* entries in cats */
};

/* The category with code in cats[0..n), or NULL. */
const struct complaint_category *
open311_find_category(const struct complaint_category *cats, size_t n,
                      const char *code);

/*
 * The service discovery document: the specification's URL, the endpoint
 * url (base + the Open311 path), changeset (Unix seconds) and both
 * formats, the contact and key_service notes in both languages.
 */
json_t *open311_discovery(const struct open311_view *v, struct arena *a,
                          const char *url, int64_t changeset);

/* The categories of v as the services list. */
json_t *open311_services(const struct open311_view *v, struct arena *a);

/*
 * The service definition of category cat: the attribute "office"
 * (required; its values are the offices[0..n) that are service points on
 * today, 'YYYY-MM-DD') and "registration_no" (optional).
 */
json_t *open311_definition(const struct complaint_category *cat,
                           const struct office *offices, size_t n,
                           const char *today);

/* One complaint as a request entry: no personal data (see above). */
json_t *open311_request(const struct open311_view *v, struct arena *a,
                        const struct complaint *c);

/*
 * The answer to the POST that filed c (a list of one): number, token and
 * the service_notice with the verification deadline and the PIN, in v's
 * language.
 */
json_t *open311_filed(const struct open311_view *v, struct arena *a,
                      const struct complaint *c);

/* The answer to a token look-up: [{service_request_id, token}]. */
json_t *open311_token(const struct complaint *c);

/* One entry of the specification's error list: {code, description}. */
json_t *open311_error(int code, const char *description);

#endif
