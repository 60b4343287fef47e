/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* search.c: the catalogue search (see search.h). */
#include "svc/search.h"

#include "base/arena.h"
#include "core/search.h"

enum err search_services(const struct svc_ctx *c,
                         const struct service_filter *f,
                         struct service_def **items, size_t *n_items)
{
    struct arena *a = c->arena;
    struct service_filter all = *f;
    all.q = NULL;
    if (!all.day)
        all.day = svc_today(c); /* the standards in effect today */
    struct service_def *list = NULL;
    size_t n = 0;
    enum err rc = catalogue_list(c->db, a, &all, &list, &n);
    size_t n_words = 0;
    const char **words = search_words(a, f->q, &n_words);
    size_t real = 0; /* words of two letters or more */
    for (size_t i = 0; i < n_words; i++)
        real += words[i][0] && words[i][1];
    if (rc != ERR_OK || real == 0) {
        *items = list;
        *n_items = n;
        return rc;
    }
    const char **reqs = NULL;
    rc = catalogue_requirement_texts(c->db, a, list, n,
                                     all.day ? all.day : svc_today(c), &reqs);
    const char *syn_text = "";
    bool custom = false;
    if (rc == ERR_OK)
        rc = catalogue_synonyms(c->db, a, &syn_text, &custom);
    if (rc != ERR_OK)
        return rc;
    struct search_synonyms syn;
    size_t bad_line = 0;
    if (search_synonyms_parse(a, syn_text, &syn, &bad_line) != ERR_OK)
        syn = (struct search_synonyms){NULL, 0}; /* saved lists are checked */
    struct search_doc *docs = arena_alloc(a, (n + 1) * sizeof(*docs));
    for (size_t i = 0; i < n; i++) {
        const struct service_def *s = &list[i];
        docs[i].fields[SEARCH_NAME] =
            arena_printf(a, "%s %s", s->name.id ? s->name.id : "",
                         s->name.en ? s->name.en : "");
        docs[i].fields[SEARCH_CODE] = s->code;
        docs[i].fields[SEARCH_DESCRIPTION] = arena_printf(
            a, "%s %s",
            s->comp[COMP_DESCRIPTION].id ? s->comp[COMP_DESCRIPTION].id : "",
            s->comp[COMP_DESCRIPTION].en ? s->comp[COMP_DESCRIPTION].en : "");
        docs[i].fields[SEARCH_REQUIREMENTS] = reqs[i];
    }
    struct search_hit *hits = NULL;
    size_t n_hits = 0;
    search_rank(a, f->q, docs, n, &syn, &hits, &n_hits);
    *items = arena_alloc(a, (n_hits + 1) * sizeof(**items));
    for (size_t i = 0; i < n_hits; i++)
        (*items)[i] = list[hits[i].doc];
    *n_items = n_hits;
    return ERR_OK;
}
