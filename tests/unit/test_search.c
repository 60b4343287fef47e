/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_search.c: the forgiving search (core/search.h) on a small
 * catalogue of its own: words, one typo at each edge (changed, added,
 * dropped, swapped, too short), prefixes, synonyms and their longest
 * phrase, word order, fields and their weights, rare words weighing more,
 * the order of ties, the synonym list's syntax. The real catalogue with
 * the bundled list is tested over HTTP (tests/http/test_usability.c).
 */
#include <string.h>

#include "base/arena.h"
#include "core/search.h"
#include "test.h"

static const struct search_doc docs[] = {
    {{"Penerbitan Akta Kelahiran Birth Certificate", "AKTA-LAHIR",
      "Akta bagi anak yang lahir", "Surat keterangan lahir, Kartu Keluarga"}},
    {{"Penerbitan Akta Kematian Death Certificate", "AKTA-MATI",
      "Akta bagi yang meninggal", "Surat keterangan kematian, Kartu Keluarga"}},
    {{"Surat Keterangan Domisili Penduduk Certificate of Residence", "DOMISILI",
      "Tempat tinggal", "KTP-el, Kartu Keluarga"}},
    {{"Surat Keterangan Domisili Lembaga/Organisasi Certificate of "
      "Domicile for an Organisation",
      "DOMISILI-LEMBAGA", "Alamat lembaga", "Akta pendirian"}},
    {{"Perekaman KTP-el Baru", "KTP-EL", "Kartu tanda penduduk",
      "Kartu "
      "Keluarga"}},
    {{"Surat Pengantar Pindah (SKPWNI)", "PINDAH", "Pindah keluar desa",
      "KTP-el, Kartu Keluarga"}},
    {{"Surat Keterangan Riwayat Tanah", "RIWAYAT-TANAH", "",
      "Sketsa bidang tanah, kutipan letter C"}},
};
#define N_DOCS (sizeof(docs) / sizeof(docs[0]))

static const char synonyms[] = "# a comment line\n"
                               "\n"
                               "akta, akte\n"
                               "ktp el, e ktp, ektp, kartu tanda penduduk\n"
                               "pindah, surat pindah, skpwni\n";

/* The code of the first hit for q ("" when none), and the number of hits. */
static const char *first(struct arena *a, const struct search_synonyms *syn,
                         const char *q, size_t *n)
{
    struct search_hit *hits;
    search_rank(a, q, docs, N_DOCS, syn, &hits, n);
    return *n ? docs[hits[0].doc].fields[SEARCH_CODE] : "";
}

static void test_queries(void)
{
    struct arena *a = arena_new();
    struct search_synonyms syn;
    size_t bad = 0;
    CHECK_INT(search_synonyms_parse(a, synonyms, &syn, &bad), ERR_OK);
    CHECK_INT(syn.n_groups, 3);
    static const struct {
        const char *q, *want;
        const char *why;
    } cases[] = {
        {"akta kelahiran", "AKTA-LAHIR", "two words"},
        {"kelahiran akta", "AKTA-LAHIR", "word order"},
        {"akte kematian", "AKTA-MATI", "a synonym"},
        {"AKTA KEMATIAN", "AKTA-MATI", "capitals"},
        {"akta kemtian", "AKTA-MATI", "a letter dropped"},
        {"akta kematiaan", "AKTA-MATI", "a letter added"},
        {"akta kenatian", "AKTA-MATI", "a letter changed"},
        {"akta kemaitan", "AKTA-MATI", "two letters swapped"},
        {"e-ktp", "KTP-EL", "a phrase of the group, punctuation"},
        {"ektp", "KTP-EL", "one word of the group"},
        {"surat pindah", "PINDAH", "the longest phrase of a group"},
        {"skpwni", "PINDAH", "the code in the name"},
        {"domi", "DOMISILI", "a prefix, the shorter name first"},
        {"domisili lembaga", "DOMISILI-LEMBAGA", "more words matched"},
        {"letter c", "RIWAYAT-TANAH", "words of the requirements"},
        {"meninggal", "AKTA-MATI", "words of the description"},
        {"riwayat-tanah", "RIWAYAT-TANAH", "the code"},
        {"residence", "DOMISILI", "the English name"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t n = 0;
        const char *got = first(a, &syn, cases[i].q, &n);
        if (strcmp(got, cases[i].want) != 0)
            fprintf(stderr, "  case %s (%s): got %s\n", cases[i].q,
                    cases[i].why, got);
        CHECK_STR(got, cases[i].want);
    }
    /* Nothing to look for, nothing found. */
    size_t n = 9;
    first(a, &syn, "", &n);
    CHECK_INT(n, 0);
    first(a, &syn, "x - ?", &n);
    CHECK_INT(n, 0);
    first(a, &syn, "zzzz qqqq", &n);
    CHECK_INT(n, 0);
    /* Typos only from 4 letters: "akt" is a prefix, "akx" nothing. */
    first(a, &syn, "akx", &n);
    CHECK_INT(n, 0);
    CHECK_STR(first(a, &syn, "akt", &n), "AKTA-LAHIR");
    /* Two typos are not one. */
    first(a, &syn, "kemtiaan", &n);
    CHECK_INT(n, 0);
    /* Without the list, "akte" is still one typo from "akta". */
    CHECK_STR(first(a, NULL, "akte kematian", &n), "AKTA-MATI");
    arena_free(a);
}

static void test_order(void)
{
    struct arena *a = arena_new();
    struct search_hit *hits;
    size_t n = 0;
    /* "kartu keluarga" is in almost every requirements list and weighs
     * little; "tanah" in one name weighs much. */
    search_rank(a, "kartu keluarga tanah", docs, N_DOCS, NULL, &hits, &n);
    CHECK(n >= 2);
    CHECK_STR(docs[hits[0].doc].fields[SEARCH_CODE], "RIWAYAT-TANAH");
    /* Best first: no hit scores more than the one before it. */
    search_rank(a, "surat keterangan domisili", docs, N_DOCS, NULL, &hits, &n);
    for (size_t i = 1; i < n; i++)
        CHECK(hits[i].score <= hits[i - 1].score + 1e-9);
    CHECK_STR(docs[hits[0].doc].fields[SEARCH_CODE], "DOMISILI");
    arena_free(a);
}

static void test_synonym_syntax(void)
{
    struct arena *a = arena_new();
    struct search_synonyms syn;
    size_t bad = 0;
    CHECK_INT(search_synonyms_parse(a, "akta, akte\nsendiri\n", &syn, &bad),
              ERR_INVALID);
    CHECK_INT(bad, 2);
    CHECK_INT(search_synonyms_parse(a, "a,b\n,,\n", &syn, &bad), ERR_INVALID);
    CHECK_INT(bad, 2);
    CHECK_INT(search_synonyms_parse(a, "", &syn, &bad), ERR_OK);
    CHECK_INT(syn.n_groups, 0);
    CHECK_INT(search_synonyms_parse(a, "x, y\r\n# z\r\nu,v", &syn, &bad),
              ERR_OK);
    CHECK_INT(syn.n_groups, 2);
    CHECK_STR(syn.groups[1].phrases[1][0], "v");
    size_t nw = 0;
    const char **w = search_words(a, "KTP-el  (Rusak/Hilang) é", &nw);
    CHECK_INT(nw, 5);
    CHECK_STR(w[0], "ktp");
    CHECK_STR(w[1], "el");
    CHECK_STR(w[3], "hilang");
    CHECK_STR(w[4], "é");
    CHECK(w[5] == NULL);
    arena_free(a);
}

int main(void)
{
    RUN(test_queries);
    RUN(test_order);
    RUN(test_synonym_syntax);
    TEST_END();
}
