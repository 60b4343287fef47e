/* skm.c: the satisfaction index, exactly (see skm.h). */
#include "core/skm.h"

#include <math.h>

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
