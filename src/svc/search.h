/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * search.h: the catalogue search (issue 15): what people type finds the
 * service, best match first (the rules in core/search.h).
 *
 * One function, called by the public catalogue, the API and the counter's
 * service picker. Everything it reads is the current catalogue and the
 * synonym list, so a cache keyed by the catalogue's version may keep its
 * answers (or the documents and parsed synonyms it builds).
 */
#ifndef SP_SVC_SEARCH_H
#define SP_SVC_SEARCH_H

#include <stddef.h>

#include "store/catalogue.h"
#include "svc/svc.h"

/*
 * The services of f (category, level, agency; include_inactive) whose
 * name, code, description or requirements match f->q, best first, as
 * catalogue_list() gives them (without requirements and steps). With no
 * query (NULL, or no word of two letters), catalogue_list()'s order.
 */
enum err search_services(const struct svc_ctx *c,
                         const struct service_filter *f,
                         struct service_def **items, size_t *n_items)
    __attribute__((warn_unused_result));

#endif
