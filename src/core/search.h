/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * search.h: finding a service the way people type its name (issue 15).
 * "akte", "e-ktp", "ktp el", "surat pindah", "domisli" find the service,
 * the best match first. Pure: the documents and the synonym list are
 * arguments (the caller may keep both between requests).
 *
 * Text is cut into words: runs of letters and digits, ASCII letters
 * folded to lower case, everything else a separator ("KTP-el" is the two
 * words ktp, el). A query is read left to right into units: the longest
 * phrase of the synonym list found there is one unit meaning any phrase of
 * its group ("e ktp" = "ktp el" = "ektp"); any other word of two or more
 * characters is a unit of its own. A unit matches a field of a document
 * when one of its phrases occurs there word for word, a single word also
 *   - exactly (1.0),
 *   - as the start of a longer word, from 3 characters ("domi": 0.85),
 *   - with one typo, both words of 4 or more characters: one letter
 *     changed, added, dropped or two neighbours swapped ("akte" for
 *     "akta", "domisli": 0.7).
 * A document's fields weigh: the name 10, the code 8, the description 3,
 * the requirements 2. A unit weighs ln(1 + N / df), df the documents it
 * matches (common words such as "surat" weigh little). The hits: every
 * document matching a unit, ordered by the sum over units of weight x the
 * best field weight x the match (so one rare word in the name counts more
 * than three common ones in the requirements), then by the number of
 * units matched, then by the shorter name (the more specific service),
 * then by the
 * caller's order (stable). A phrase of a group other than the one typed
 * matches at most 0.9 ("nikah" finds Pengantar Nikah before Belum
 * Menikah).
 */
#ifndef SP_CORE_SEARCH_H
#define SP_CORE_SEARCH_H

#include <stddef.h>

#include "base/err.h"

struct arena;

enum search_field {
    SEARCH_NAME,         /* the name in both languages */
    SEARCH_CODE,         /* the service code */
    SEARCH_DESCRIPTION,  /* the description in both languages */
    SEARCH_REQUIREMENTS, /* the requirements' names in both languages */
    SEARCH_FIELDS
};

/* A document: the text of each field (NULL or "" for none). */
struct search_doc {
    const char *fields[SEARCH_FIELDS];
};

/* One group of phrases meaning the same, each as its words. */
struct search_group {
    const char **const *phrases; /* phrases[i][j]: word j of phrase i,
                                    NULL-terminated words */
    size_t n_phrases;
};
struct search_synonyms {
    const struct search_group *groups;
    size_t n_groups;
};

/*
 * Parse a synonym list: one group a line, its phrases separated by commas
 * ("akta, akte, akte kelahiran"); "#" starts a comment line; blank lines
 * are skipped. A group needs two phrases. ERR_INVALID with *bad_line
 * (1-based) on a line with fewer than two phrases or over
 * SEARCH_MAX_PHRASES; everything in the arena.
 */
#define SEARCH_MAX_PHRASES 32
#define SEARCH_MAX_GROUPS 2000
enum err search_synonyms_parse(struct arena *a, const char *text,
                               struct search_synonyms *out, size_t *bad_line)
    __attribute__((warn_unused_result));

struct search_hit {
    size_t doc;        /* index into the documents */
    int matched;       /* units matched */
    double score;      /* see above */
    size_t name_words; /* words of its name (shorter first on a tie) */
};

/*
 * Rank docs[0..n_docs) for query: the hits, best first, into *hits (arena)
 * and their number into *n_hits (0 for a query without a unit).
 */
void search_rank(struct arena *a, const char *query,
                 const struct search_doc *docs, size_t n_docs,
                 const struct search_synonyms *syn, struct search_hit **hits,
                 size_t *n_hits);

/* The words of text as search reads them (arena; NULL-terminated). */
const char **search_words(struct arena *a, const char *text, size_t *n);

#endif
