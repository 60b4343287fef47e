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
    const char *day;       /* the versions in effect on this local day
                              ("YYYY-MM-DD"); NULL: the current ones
                              (as of the last save or promotion) */
};

/* One version of a service, for the editor's history (newest first). */
struct service_version_info {
    int version;
    int64_t created_at;         /* Unix seconds */
    const char *created_by;     /* login, or NULL */
    const char *effective_from; /* "YYYY-MM-DD", or NULL: from its saving */
    bool current;               /* services.current_version */
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
 * The version of code in effect on local day ("YYYY-MM-DD", the day of
 * the instant in question in the office's zone, or the regency's): the
 * highest version whose effective_from is NULL or not after day. Cached
 * as catalogue_get().
 */
enum err catalogue_in_effect(struct db *db, struct arena *a, const char *code,
                             const char *day, struct service_def *out)
    __attribute__((warn_unused_result));
/*
 * The versions matching f in effect on f->day (or the current ones),
 * ordered by category and name; requirements,
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
                                     size_t n_items, const char *day,
                                     const char ***texts)
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
 * new) and make it current, unless def->effective_from schedules it for
 * a later day (then catalogue_promote() or a reader asking for that day
 * finds it); *version = the version written. The caller checks that
 * effective days follow the version order (a later version never takes
 * effect before an earlier one). def must have
 * passed service_validate(). Does not begin or commit a transaction.
 */
enum err catalogue_save(struct db *db, const struct service_def *def,
                        int64_t user_id, int64_t now, int *version)
    __attribute__((warn_unused_result));
/*
 * Make current, for every service, the version in effect on day (a
 * version scheduled for a day now reached); *changed = services changed.
 * Run by the jobs; what asks for a day (catalogue_in_effect(), f->day)
 * does not wait for it.
 */
enum err catalogue_promote(struct db *db, const char *day, int64_t *changed)
    __attribute__((warn_unused_result));
/* Every version of code, newest first (arena). */
enum err catalogue_versions(struct db *db, struct arena *a, const char *code,
                            struct service_version_info **items, size_t *n)
    __attribute__((warn_unused_result));
/*
 * Withdraw the versions of code scheduled for a day after day (not yet
 * in effect, so no application has them); *cancelled = how many.
 */
enum err catalogue_cancel_scheduled(struct db *db, const char *code,
                                    const char *day, int64_t *cancelled)
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
