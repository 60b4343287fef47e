/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * skm.h: the satisfaction survey (Survei Kepuasan Masyarakat) and the
 * satisfaction index (IKM) of PermenPANRB 14/2017.
 *
 * Nine elements U1..U9 in the standard questionnaire's order, each
 * answered 1..4 (or not answered). Per element the NRR is the mean of the
 * answers given; IKM = 25 x the mean of the nine NRR, with weights exactly
 * 1/9 each (other tools round the weight to 0.111 and lose up to a point);
 * the IKM is rounded half up to two decimals before grading: A from 88.31,
 * B from 76.61, C from 65.00, else D. An element nobody answered has no
 * NRR, and then the period has no IKM (choice: the regulation weighs all
 * nine; we do not re-weigh eight). The sample target for N service users
 * is Krejcie & Morgan's S = 3.841 N 0.25 / (0.0025 (N - 1) + 3.841 x 0.25),
 * rounded half up, computed in integers.
 *
 * Pure: no I/O.
 */
#ifndef SP_CORE_SKM_H
#define SP_CORE_SKM_H

#include <stdbool.h>
#include <stdint.h>

#include "core/lang.h"

#define SKM_ELEMENTS 9
#define SKM_REGULATION "PermenPANRB 14/2017"

/* Running totals of answers per element. */
struct skm_totals {
    int64_t sum[SKM_ELEMENTS];   /* sum of the answers given */
    int64_t count[SKM_ELEMENTS]; /* answers given */
    int64_t respondents;         /* questionnaires */
};

/* Add one questionnaire; scores[i] is 1..4, or 0 for not answered. */
void skm_add(struct skm_totals *t, const int scores[SKM_ELEMENTS]);

struct skm_result {
    bool has_nrr[SKM_ELEMENTS]; /* the element had answers */
    double nrr[SKM_ELEMENTS];   /* mean answer (1..4), for display */
    bool has_ikm;               /* every element had answers */
    int64_t ikm_x100;           /* IKM x 100, rounded half up (8831) */
    char grade;                 /* 'A'..'D', or 0 without an IKM */
};

/* NRR, IKM (exact, see above) and grade of the totals. */
void skm_compute(const struct skm_totals *t, struct skm_result *out);
/* The grade of an IKM x 100. */
char skm_grade(int64_t ikm_x100);
/* "Sangat Baik" / "Very good", ... for 'A'..'D'. */
const char *skm_grade_name(char grade, enum lang lang);
/* Krejcie & Morgan sample size for a population of n (n >= 0). */
int64_t skm_sample_target(int64_t n);

/* The element's short name ("Persyaratan" / "Requirements"), 0-based. */
const char *skm_element_name(int element, enum lang lang);
/* The question asked for the element. */
const char *skm_question(int element, enum lang lang);
/*
 * The label of answer 1..4 of an element; for a free service the cost
 * element's best answer is "Gratis" (free = true).
 */
const char *skm_answer(int element, int answer, bool free, enum lang lang);

/* The respondent's profile: four dimensions of coded answers. */
enum skm_dimension {
    SKM_SEX,
    SKM_AGE,
    SKM_EDUCATION,
    SKM_OCCUPATION,
    SKM_DIMENSIONS
};

/* Key of a dimension ("sex", "age_group", "education", "occupation"). */
const char *skm_dimension_key(enum skm_dimension d);
const char *skm_dimension_name(enum skm_dimension d, enum lang lang);
/* Number of codes of a dimension; the k-th code and its label. */
int skm_n_codes(enum skm_dimension d);
const char *skm_code(enum skm_dimension d, int k);
const char *skm_code_name(enum skm_dimension d, int k, enum lang lang);
/* Index of code in the dimension, or -1 when it is not one of them. */
int skm_code_index(enum skm_dimension d, const char *code);

/*
 * The survey token printed on a receipt (the questionnaire's door):
 * SKM_TOKEN_LEN lowercase hex digits, the first 8 the registration
 * instant's seconds since 1970 (as 32 bits: they wrap in 2106), the other
 * 24 the caller's random digits (SKM_TOKEN_RANDOM_HEX of them, 96 bits,
 * from crypto_random_hex()). Tokens made later sort after: an intake adds
 * to the end of the database's index of tokens, not to a random page of
 * it.
 */
#define SKM_TOKEN_LEN 32
#define SKM_TOKEN_RANDOM_HEX 24
void skm_token_format(int64_t now, const char *random_hex,
                      char out[SKM_TOKEN_LEN + 1]);
/* t has a token's shape (not whether one was issued). */
bool skm_token_shaped(const char *t);

#endif
