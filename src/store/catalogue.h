/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * catalogue.h: services and their versioned service standards.
 *
 * A service (code) has versions 1, 2, ...; saving a changed standard writes
 * a new version and makes it current, and nothing of an older version is
 * changed, so what was registered under it keeps it. Callers wrap saves in
 * a transaction together with the audit record.
 */
#ifndef SP_STORE_CATALOGUE_H
#define SP_STORE_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/service.h"

struct arena;
struct db;

struct service_filter {
    const char *q;         /* name or code contains, or NULL */
    const char *category;  /* category code, or NULL */
    int level;             /* enum office_level accepted, or -1 */
    const char *agency;    /* processing agency code, or NULL */
    bool include_inactive; /* also services taken out of the catalogue */
};

/*
 * The service code at version (0 = current), complete with requirements,
 * steps and texts, allocated in a. ERR_NOT_FOUND if there is none. Served
 * from a cache shared by the process's connections, checked against the
 * catalogue version (store/versions.h) at every request.
 */
enum err catalogue_get(struct db *db, struct arena *a, const char *code,
                       int version, struct service_def *out)
    __attribute__((warn_unused_result));
/*
 * Current versions matching f, ordered by category and name; requirements,
 * steps and texts other than the description are not loaded (n_reqs and
 * n_steps are 0).
 */
enum err catalogue_list(struct db *db, struct arena *a,
                        const struct service_filter *f,
                        struct service_def **items, size_t *n_items)
    __attribute__((warn_unused_result));
/*
 * The same, complete: requirements, steps and every text, read with one
 * query per component table (not one per service).
 */
enum err catalogue_list_full(struct db *db, struct arena *a,
                             const struct service_filter *f,
                             struct service_def **items, size_t *n_items)
    __attribute__((warn_unused_result));
/* A copy of src with everything it points to in a. */
void catalogue_copy_def(struct arena *a, const struct service_def *src,
                        struct service_def *d);
/*
 * The requirements' names of the current versions of services (both
 * languages, one text per service, for the search): *texts[i] belongs to
 * items[i] (matched by code); "" for a service without any.
 */
enum err catalogue_requirement_texts(struct db *db, struct arena *a,
                                     const struct service_def *items,
                                     size_t n_items, const char ***texts)
    __attribute__((warn_unused_result));
/*
 * The search's synonym list (core/search.h): the regency's own when an
 * administrator saved one (*custom), else the bundled
 * data/search-synonyms.csv. Text in the arena.
 */
enum err catalogue_synonyms(struct db *db, struct arena *a, const char **text,
                            bool *custom) __attribute__((warn_unused_result));
/* Save the regency's synonym list (NULL: back to the bundled one). */
enum err catalogue_put_synonyms(struct db *db, const char *text)
    __attribute__((warn_unused_result));
/*
 * Write def as the next version of def->code (creating the service when
 * new) and make it current; *version = the version written. def must have
 * passed service_validate(). Does not begin or commit a transaction.
 */
enum err catalogue_save(struct db *db, const struct service_def *def,
                        int64_t user_id, int64_t now, int *version)
    __attribute__((warn_unused_result));
/* Show or hide a service in the catalogue. */
enum err catalogue_set_active(struct db *db, const char *code, bool active)
    __attribute__((warn_unused_result));
/* Create or rename a category. */
enum err catalogue_put_category(struct db *db, const char *code,
                                const char *name_id, const char *name_en,
                                int ord) __attribute__((warn_unused_result));
/* The id of service code; ERR_NOT_FOUND when there is none. */
enum err catalogue_service_id(struct db *db, const char *code, int64_t *id)
    __attribute__((warn_unused_result));
/* The code of service id (arena); ERR_NOT_FOUND when there is none. */
enum err catalogue_code_of(struct db *db, struct arena *a, int64_t id,
                           const char **code)
    __attribute__((warn_unused_result));
/* How many services the public catalogue shows. */
enum err catalogue_count_active(struct db *db, int64_t *n)
    __attribute__((warn_unused_result));
/* The accepted levels bitmask as "kecamatan,kelurahan" (arena). */
const char *catalogue_levels_text(struct arena *a, unsigned levels);
/* Parse "kecamatan,kelurahan"; unknown names are ignored. */
unsigned catalogue_levels_parse(const char *text);

#endif
