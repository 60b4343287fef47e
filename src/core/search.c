/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* search.c: forgiving service search (see search.h). */
#include "core/search.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "base/arena.h"

static const double field_weight[SEARCH_FIELDS] = {[SEARCH_NAME] = 10,
                                                   [SEARCH_CODE] = 8,
                                                   [SEARCH_DESCRIPTION] = 3,
                                                   [SEARCH_REQUIREMENTS] = 2};

#define M_EXACT 1.0
#define M_SYNONYM 0.9 /* another phrase of the typed one's group */
#define M_PREFIX 0.85
#define M_TYPO 0.7

static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

const char **search_words(struct arena *a, const char *text, size_t *n)
{
    *n = 0;
    size_t len = text ? strlen(text) : 0, cap = 0;
    const char **out = NULL;
    for (size_t i = 0; i < len;) {
        if (!word_byte((unsigned char)text[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && word_byte((unsigned char)text[j]))
            j++;
        char *w = arena_alloc(a, j - i + 1);
        for (size_t k = 0; k < j - i; k++) {
            static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            static const char lower[] = "abcdefghijklmnopqrstuvwxyz";
            const char *at = text[i + k] ? strchr(upper, text[i + k]) : NULL;
            w[k] = text[i + k];
            if (at)
                w[k] = lower[at - upper];
        }
        w[j - i] = '\0';
        out = arena_grow(a, out, *n, &cap, sizeof(*out));
        out[(*n)++] = w;
        i = j;
    }
    out = arena_grow(a, out, *n, &cap, sizeof(*out));
    out[*n] = NULL;
    return out;
}

enum err search_synonyms_parse(struct arena *a, const char *text,
                               struct search_synonyms *out, size_t *bad_line)
{
    memset(out, 0, sizeof(*out));
    *bad_line = 0;
    struct search_group *groups = NULL;
    size_t n_groups = 0, cap = 0, line = 0;
    const char *p = text ? text : "";
    while (*p) {
        line++;
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *l = arena_alloc(a, len + 1);
        memcpy(l, p, len);
        l[len] = '\0';
        p = end ? end + 1 : p + len;
        const char *s = l;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s || *s == '#')
            continue;
        const char ***phrases = NULL;
        size_t n_phrases = 0, pcap = 0;
        for (char *part = l; part;) {
            char *comma = strchr(part, ',');
            if (comma)
                *comma = '\0';
            size_t nw = 0;
            const char **words = search_words(a, part, &nw);
            if (nw > 0) {
                if (n_phrases == SEARCH_MAX_PHRASES) {
                    *bad_line = line;
                    return ERR_INVALID;
                }
                phrases =
                    arena_grow(a, phrases, n_phrases, &pcap, sizeof(*phrases));
                phrases[n_phrases++] = words;
            }
            part = comma ? comma + 1 : NULL;
        }
        if (n_phrases < 2 || n_groups == SEARCH_MAX_GROUPS) {
            *bad_line = line;
            return ERR_INVALID;
        }
        groups = arena_grow(a, groups, n_groups, &cap, sizeof(*groups));
        groups[n_groups].phrases = phrases;
        groups[n_groups].n_phrases = n_phrases;
        n_groups++;
    }
    out->groups = groups;
    out->n_groups = n_groups;
    return ERR_OK;
}

/* One typo apart: one letter changed, added or dropped, or two
 * neighbouring letters swapped (both words of 4 or more). */
static bool one_typo(const char *q, const char *d)
{
    size_t lq = strlen(q), ld = strlen(d);
    if (lq < 4 || ld < 4 || (lq > ld ? lq - ld : ld - lq) > 1)
        return false;
    size_t i = 0;
    while (i < lq && i < ld && q[i] == d[i])
        i++;
    if (i == lq && i == ld)
        return true; /* equal */
    if (lq == ld) {
        if (strcmp(q + i + 1, d + i + 1) == 0)
            return true; /* changed */
        return i + 1 < lq && q[i] == d[i + 1] && q[i + 1] == d[i] &&
               strcmp(q + i + 2, d + i + 2) == 0; /* swapped */
    }
    if (lq > ld)
        return strcmp(q + i + 1, d + i) == 0; /* one added */
    return strcmp(q + i, d + i + 1) == 0;     /* one dropped */
}

/* How well query word q matches document word d. */
static double word_match(const char *q, const char *d)
{
    if (strcmp(q, d) == 0)
        return M_EXACT;
    size_t lq = strlen(q);
    if (lq >= 3 && strncmp(q, d, lq) == 0)
        return M_PREFIX;
    if (one_typo(q, d))
        return M_TYPO;
    return 0;
}

/* A unit of the query: one word, or a synonym group. */
struct unit {
    const char *word;                 /* a single word, or NULL */
    const struct search_group *group; /* or the group */
    size_t typed;                     /* the group's phrase typed */
};

/* Best match of a phrase (its words) in a field's words. A phrase of one
 * word matches loosely, a longer one word for word. */
static double phrase_match(const char *const *phrase, const char **words,
                           size_t n)
{
    size_t k = 0;
    while (phrase[k])
        k++;
    if (k == 1) {
        double best = 0;
        for (size_t i = 0; i < n && best < M_EXACT; i++) {
            double m = word_match(phrase[0], words[i]);
            if (m > best)
                best = m;
        }
        return best;
    }
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && strcmp(phrase[j], words[i + j]) == 0)
            j++;
        if (j == k)
            return M_EXACT;
    }
    return 0;
}

static double unit_match(const struct unit *u, const char **words, size_t n)
{
    if (u->word) {
        const char *one[2] = {u->word, NULL};
        return phrase_match(one, words, n);
    }
    double best = 0;
    for (size_t i = 0; i < u->group->n_phrases && best < M_EXACT; i++) {
        double m = phrase_match(u->group->phrases[i], words, n);
        if (i != u->typed && m > M_SYNONYM)
            m = M_SYNONYM; /* what was typed first, then its synonyms */
        if (m > best)
            best = m;
    }
    return best;
}

/* The longest phrase of a group that the query's words start with at i:
 * its length in words, 0 when none. */
static size_t synonym_at(const struct search_synonyms *syn, const char **q,
                         size_t n, size_t i, const struct search_group **g,
                         size_t *typed)
{
    size_t best = 0;
    for (size_t k = 0; syn && k < syn->n_groups; k++) {
        for (size_t p = 0; p < syn->groups[k].n_phrases; p++) {
            const char *const *ph = syn->groups[k].phrases[p];
            size_t j = 0;
            while (ph[j] && i + j < n && strcmp(ph[j], q[i + j]) == 0)
                j++;
            if (!ph[j] && j > best) {
                best = j;
                *g = &syn->groups[k];
                *typed = p;
            }
        }
    }
    return best;
}

/* x before y: a higher score, more units matched, then the shorter name
 * (the more specific service: "domisili" finds Domisili Penduduk before
 * Domisili Lembaga/Organisasi). */
static bool better(const struct search_hit *x, const struct search_hit *y)
{
    if (fabs(x->score - y->score) > 1e-9)
        return x->score > y->score;
    if (x->matched != y->matched)
        return x->matched > y->matched;
    return x->name_words < y->name_words;
}

void search_rank(struct arena *a, const char *query,
                 const struct search_doc *docs, size_t n_docs,
                 const struct search_synonyms *syn, struct search_hit **hits,
                 size_t *n_hits)
{
    *hits = NULL;
    *n_hits = 0;
    size_t nq = 0;
    const char **q = search_words(a, query, &nq);
    struct unit *units = arena_alloc(a, (nq + 1) * sizeof(*units));
    size_t n_units = 0;
    for (size_t i = 0; i < nq;) {
        const struct search_group *g = NULL;
        size_t typed = 0;
        size_t k = synonym_at(syn, q, nq, i, &g, &typed);
        if (k > 0) {
            units[n_units++] = (struct unit){NULL, g, typed};
            i += k;
        } else {
            if (strlen(q[i]) >= 2)
                units[n_units++] = (struct unit){q[i], NULL, 0};
            i++;
        }
    }
    if (n_units == 0 || n_docs == 0)
        return;
    /* The words of every field, and each unit's best match per document. */
    double *m = arena_alloc(a, n_docs * n_units * sizeof(*m));
    size_t *name_words = arena_alloc(a, n_docs * sizeof(*name_words));
    for (size_t d = 0; d < n_docs; d++) {
        size_t n_words[SEARCH_FIELDS];
        const char **words[SEARCH_FIELDS];
        for (int f = 0; f < SEARCH_FIELDS; f++)
            words[f] = search_words(a, docs[d].fields[f], &n_words[f]);
        name_words[d] = n_words[SEARCH_NAME];
        for (size_t u = 0; u < n_units; u++) {
            double best = 0;
            for (int f = 0; f < SEARCH_FIELDS; f++) {
                double v = field_weight[f] *
                           unit_match(&units[u], words[f], n_words[f]);
                if (v > best)
                    best = v;
            }
            m[d * n_units + u] = best;
        }
    }
    double *weight = arena_alloc(a, n_units * sizeof(*weight));
    for (size_t u = 0; u < n_units; u++) {
        size_t df = 0;
        for (size_t d = 0; d < n_docs; d++)
            df += m[d * n_units + u] > 0;
        weight[u] = df ? log1p((double)n_docs / (double)df) : 0;
    }
    struct search_hit *out = arena_alloc(a, n_docs * sizeof(*out));
    size_t n = 0;
    for (size_t d = 0; d < n_docs; d++) {
        struct search_hit h = {d, 0, 0, name_words[d]};
        for (size_t u = 0; u < n_units; u++) {
            double v = m[d * n_units + u];
            if (v > 0) {
                h.matched++;
                h.score += weight[u] * v;
            }
        }
        if (h.matched == 0)
            continue;
        /* Insertion sort, stable: the catalogue is small. */
        size_t at = n;
        while (at > 0 && better(&h, &out[at - 1])) {
            out[at] = out[at - 1];
            at--;
        }
        out[at] = h;
        n++;
    }
    *hits = out;
    *n_hits = n;
}
