/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* skm.c: the satisfaction index, exactly (see skm.h). */
#include "core/skm.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/text.h"

void skm_add(struct skm_totals *t, const int scores[SKM_ELEMENTS])
{
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        if (scores[i] >= 1 && scores[i] <= 4) {
            t->sum[i] += scores[i];
            t->count[i]++;
        }
    }
    t->respondents++;
}

char skm_grade(int64_t ikm_x100)
{
    if (ikm_x100 >= 8831)
        return 'A';
    if (ikm_x100 >= 7661)
        return 'B';
    if (ikm_x100 >= 6500)
        return 'C';
    return 'D';
}

static __int128 gcd128(__int128 a, __int128 b)
{
    if (a < 0)
        a = -a;
    while (b) {
        __int128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/*
 * Sum of sum[i]/count[i] as an exact fraction num/den; false when the
 * numbers grow past what 128 bits hold safely.
 */
static bool exact_sum(const struct skm_totals *t, __int128 *num, __int128 *den)
{
    const __int128 limit = (__int128)1 << 100;
    __int128 n = 0, d = 1;
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        __int128 a = t->sum[i], b = t->count[i];
        if (b <= 0)
            return false; /* no answers: no mean to add */
        __int128 g = gcd128(d, b);
        __int128 l = d / g * b; /* lcm(d, b) */
        if (l > limit)
            return false;
        n = n * (l / d) + a * (l / b);
        d = l;
        __int128 r = gcd128(n, d);
        if (r > 1) {
            n /= r;
            d /= r;
        }
        if (n > limit)
            return false;
    }
    *num = n;
    *den = d;
    return true;
}

void skm_compute(const struct skm_totals *t, struct skm_result *out)
{
    out->has_ikm = t->respondents > 0;
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        out->has_nrr[i] = t->count[i] > 0;
        out->nrr[i] =
            out->has_nrr[i] ? (double)t->sum[i] / (double)t->count[i] : 0.0;
        out->has_ikm &= out->has_nrr[i];
    }
    out->ikm_x100 = 0;
    out->grade = 0;
    if (!out->has_ikm)
        return;
    /* IKM x 100 = 2500 / 9 x sum(NRR); round half up. */
    __int128 num, den;
    if (exact_sum(t, &num, &den)) {
        __int128 p = 2500 * num, q = 9 * den;
        out->ikm_x100 = (int64_t)((2 * p + q) / (2 * q));
    } else {
        long double s = 0;
        for (int i = 0; i < SKM_ELEMENTS; i++)
            s += (long double)t->sum[i] / (long double)t->count[i];
        out->ikm_x100 = (int64_t)floorl(s * 2500.0L / 9.0L + 0.5L + 1e-9L);
    }
    out->grade = skm_grade(out->ikm_x100);
}

const char *skm_grade_name(char grade, enum lang lang)
{
    switch (grade) {
    case 'A':
        return L(lang, "Sangat Baik", "Very good");
    case 'B':
        return L(lang, "Baik", "Good");
    case 'C':
        return L(lang, "Kurang Baik", "Poor");
    case 'D':
        return L(lang, "Tidak Baik", "Very poor");
    default:
        return L(lang, "Belum dapat dihitung", "Not computable yet");
    }
}

int64_t skm_sample_target(int64_t n)
{
    if (n <= 0)
        return 0;
    /* x 100000: 96025 N / (250 (N - 1) + 96025), half up. */
    __int128 p = (__int128)96025 * n;
    __int128 q = (__int128)250 * (n - 1) + 96025;
    return (int64_t)((2 * p + q) / (2 * q));
}

struct element_text {
    const char *name_id, *name_en;         /* short name */
    const char *question_id, *question_en; /* question */
    const char *answers_id[4];             /* labels of 1..4 */
    const char *answers_en[4];
};

/* The standard questionnaire (PermenPANRB 14/2017, appendix). */
static const struct element_text elements[SKM_ELEMENTS] = {
    {"Persyaratan",
     "Requirements",
     "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan "
     "dengan jenis pelayanannya?",
     "How well do the requirements fit the service?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
     {"Not suitable", "Less suitable", "Suitable", "Very suitable"}},
    {"Prosedur",
     "Procedure",
     "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di "
     "unit ini?",
     "How easy is the procedure of this office?",
     {"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"},
     {"Not easy", "Less easy", "Easy", "Very easy"}},
    {"Waktu pelayanan",
     "Speed",
     "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan "
     "pelayanan?",
     "How fast was the service?",
     {"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"},
     {"Not fast", "Less fast", "Fast", "Very fast"}},
    {"Biaya/tarif",
     "Cost/tariff",
     "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam "
     "pelayanan?",
     "How fair was the cost of the service?",
     {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"},
     {"Very expensive", "Rather expensive", "Cheap", "Free"}},
    {"Produk layanan",
     "Product",
     "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan "
     "antara yang tercantum dalam standar pelayanan dengan hasil yang "
     "diberikan?",
     "How well did the product match the service standard?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
     {"Not suitable", "Less suitable", "Suitable", "Very suitable"}},
    {"Kompetensi pelaksana",
     "Staff competence",
     "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam "
     "pelayanan?",
     "How competent were the staff?",
     {"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"},
     {"Not competent", "Less competent", "Competent", "Very competent"}},
    {"Perilaku pelaksana",
     "Staff behaviour",
     "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan "
     "terkait kesopanan dan keramahan?",
     "How polite and friendly were the staff?",
     {"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
      "Sangat sopan dan ramah"},
     {"Not polite or friendly", "Less polite and friendly",
      "Polite and friendly", "Very polite and friendly"}},
    {"Sarana dan prasarana",
     "Facilities",
     "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     "How good are the facilities?",
     {"Buruk", "Cukup", "Baik", "Sangat baik"},
     {"Poor", "Fair", "Good", "Very good"}},
    {"Penanganan pengaduan",
     "Complaint handling",
     "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna "
     "layanan?",
     "How are users' complaints handled?",
     {"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
      "Dikelola dengan baik"},
     {"None", "Exists but does not work", "Works, not fully", "Well managed"}},
};

const char *skm_element_name(int element, enum lang lang)
{
    if (element < 0 || element >= SKM_ELEMENTS)
        return "?";
    return L(lang, elements[element].name_id, elements[element].name_en);
}

const char *skm_question(int element, enum lang lang)
{
    if (element < 0 || element >= SKM_ELEMENTS)
        return "?";
    return L(lang, elements[element].question_id,
             elements[element].question_en);
}

const char *skm_answer(int element, int answer, bool free, enum lang lang)
{
    if (element < 0 || element >= SKM_ELEMENTS || answer < 1 || answer > 4)
        return "?";
    if (element == 3 && answer == 4 && !free)
        return L(lang, "Sangat murah", "Very cheap");
    return L(lang, elements[element].answers_id[answer - 1],
             elements[element].answers_en[answer - 1]);
}

struct code_row {
    const char *code; /* stable code */
    const char *id;   /* Bahasa Indonesia */
    const char *en;   /* English */
};

static const struct code_row sexes[] = {
    {"L", "Laki-laki", "Male"},
    {"P", "Perempuan", "Female"},
};
static const struct code_row ages[] = {
    {"<20", "Di bawah 20 tahun", "Under 20"},
    {"20-29", "20-29 tahun", "20-29"},
    {"30-39", "30-39 tahun", "30-39"},
    {"40-49", "40-49 tahun", "40-49"},
    {"50-59", "50-59 tahun", "50-59"},
    {"60+", "60 tahun ke atas", "60 and over"},
};
static const struct code_row educations[] = {
    {"none", "Tidak sekolah", "No schooling"},
    {"sd", "SD", "Primary school"},
    {"smp", "SMP", "Junior high school"},
    {"sma", "SMA/SMK", "Senior high school"},
    {"d3", "D1-D3", "Diploma"},
    {"s1", "D4/S1", "Bachelor"},
    {"s2", "S2", "Master"},
    {"s3", "S3", "Doctorate"},
};
static const struct code_row occupations[] = {
    {"pns", "PNS/ASN", "Civil servant"},
    {"tni", "TNI", "Armed forces"},
    {"polri", "POLRI", "Police"},
    {"swasta", "Pegawai swasta", "Private employee"},
    {"wirausaha", "Wirausaha", "Self-employed"},
    {"pelajar", "Pelajar/Mahasiswa", "Student"},
    {"lainnya", "Lainnya", "Other"},
};

struct dimension_row {
    const char *key;              /* JSON/form key */
    const char *id, *en;          /* name */
    const struct code_row *codes; /* the codes */
    int n;                        /* how many */
};

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))
static const struct dimension_row dimensions[SKM_DIMENSIONS] = {
    [SKM_SEX] = {"sex", "Jenis kelamin", "Sex", sexes, N_OF(sexes)},
    [SKM_AGE] = {"age_group", "Usia", "Age", ages, N_OF(ages)},
    [SKM_EDUCATION] = {"education", "Pendidikan", "Education", educations,
                       N_OF(educations)},
    [SKM_OCCUPATION] = {"occupation", "Pekerjaan utama", "Main occupation",
                        occupations, N_OF(occupations)},
};

const char *skm_dimension_key(enum skm_dimension d)
{
    return (unsigned)d < SKM_DIMENSIONS ? dimensions[d].key : "?";
}

const char *skm_dimension_name(enum skm_dimension d, enum lang lang)
{
    if ((unsigned)d >= SKM_DIMENSIONS)
        return "?";
    return L(lang, dimensions[d].id, dimensions[d].en);
}

int skm_n_codes(enum skm_dimension d)
{
    return (unsigned)d < SKM_DIMENSIONS ? dimensions[d].n : 0;
}

const char *skm_code(enum skm_dimension d, int k)
{
    if (k < 0 || k >= skm_n_codes(d))
        return "?";
    return dimensions[d].codes[k].code;
}

const char *skm_code_name(enum skm_dimension d, int k, enum lang lang)
{
    if (k < 0 || k >= skm_n_codes(d))
        return "?";
    return L(lang, dimensions[d].codes[k].id, dimensions[d].codes[k].en);
}

int skm_code_index(enum skm_dimension d, const char *code)
{
    for (int k = 0; code && k < skm_n_codes(d); k++)
        if (strcmp(code, dimensions[d].codes[k].code) == 0)
            return k;
    return -1;
}

void skm_token_format(int64_t now, const char *random_hex,
                      char out[SKM_TOKEN_LEN + 1])
{
    snprintf(out, SKM_TOKEN_LEN + 1, "%08x%.24s", (unsigned)(uint32_t)now,
             random_hex);
}

bool skm_token_shaped(const char *t)
{
    return text_is_hex(t, SKM_TOKEN_LEN);
}
