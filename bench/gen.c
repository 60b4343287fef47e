/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * gen.c: a regency-year of applications, for the benchmarks.
 *
 *   gen [--n N] [--seed S] [--sample FILE] [--sample-size K] [--plan FILE] URL
 *   gen stats URL
 *
 * URL is a database created by `satupintu init` (sqlite:PATH; PostgreSQL
 * works too). gen inserts N applications (default 500000) handed in at the
 * regency's service points over the working days of 2026 up to now (or the
 * whole year once it is over), each at an office that accepts the service,
 * inside that office's opening hours, with the real rules of the program:
 *
 *  - registration numbers from the per-office, per-year counters (read at
 *    the start, written back in every transaction) and regno_format();
 *  - promised instants from workcal_load() and cal_add_working_days() /
 *    cal_add_working_minutes(), exactly as apps_promise() computes them;
 *    a return keeps the working minutes left and a resume computes the new
 *    promise from them, as apps_act() does;
 *  - tracking PINs from crypto_random_digits();
 *  - NIKs that nik_parse() accepts: a district code of the regency whose
 *    database this is (the regency of the service point; Banyuwangi's
 *    in the bundled settings; mostly the
 *    office's own), a real birth date (day + 40 for women), serial > 0.
 *
 * Each application lives its life up to now: the SOP steps done by the
 * step's role, most on time and some late, a few returned for completion
 * (most of them resumed, the rest rejected after ten working days), a few
 * rejected at verification, and the product handed over some days after it
 * is ready (a few never collected). What lies in the future is cut off, so
 * recent applications are still open. The events are the history the
 * server would have written; the application row is its last state.
 *
 * Staff actors are invented logins per office ("fo.143", "bo.143",
 * "kepala.143") with no user rows behind them (user_id NULL).
 *
 * Rows are written with multi-row INSERTs (placeholder lists only: every
 * value is bound), N_PER_TX applications per transaction. The application
 * ids are given explicitly (MAX(id) + 1.. inside the write transaction) so
 * that requirement and event rows can be batched too.
 *
 * --sample FILE writes K (default 20000) random "REGNO PIN" lines for the
 * tracking benchmark; --plan FILE writes, for every service point and
 * service it accepts, "OFFICE SERVICE DISTRICT VILLAGE REQ,REQ" with the
 * mandatory requirement codes, for the intake benchmark.
 *
 * `gen stats URL` prints row counts as "name value" lines.
 *
 * A benchmark tool: not part of the server, built by bench/run.sh against
 * the static library of a release build.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/log.h"
#include "core/calendar.h"
#include "core/nik.h"
#include "core/office.h"
#include "core/regno.h"
#include "core/service.h"
#include "core/workflow.h"
#include "store/applications.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/workcal.h"

#define YEAR 2026
#define N_PER_TX 5000   /* applications per transaction */
#define PIN_DIGITS 6    /* as intake_register() */
#define MAX_EVENTS 48   /* events of one application, at most */
#define DAY_MINUTES 450 /* a working day, roughly, in working minutes */
#define APPS_PER_STMT 2 /* rows per multi-row INSERT: small, since */
#define REQS_PER_STMT 8 /* SQLite looks $n names up linearly */
#define EVENTS_PER_STMT 4

/* ---- random numbers: xoshiro256**, seeded by splitmix64 ---------------- */

static uint64_t rng_s[4];

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static void rng_seed(uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng_s[i] = splitmix(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(void)
{
    uint64_t r = rotl(rng_s[1] * 5, 7) * 9;
    uint64_t t = rng_s[1] << 17;
    rng_s[2] ^= rng_s[0];
    rng_s[3] ^= rng_s[1];
    rng_s[1] ^= rng_s[2];
    rng_s[0] ^= rng_s[3];
    rng_s[2] ^= t;
    rng_s[3] = rotl(rng_s[3], 45);
    return r;
}

/* Uniform in [0, 1). */
static double rnd(void)
{
    return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [lo, hi]. */
static int64_t rnd_int(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

static const char *pick(const char *const *list, size_t n)
{
    return list[rng_next() % n];
}

/* Index drawn from cumulative weights cum[0..n) (cum[n-1] = total). */
static size_t pick_cum(const double *cum, size_t n)
{
    double x = rnd() * cum[n - 1];
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cum[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- people ---------------------------------------------------------------
 */

static const char *const given_m[] = {
    "Agus",     "Ahmad", "Arif",   "Bambang", "Budi",      "Dedi",
    "Eko",      "Fajar", "Hadi",   "Hendra",  "Imam",      "Joko",
    "Muhammad", "Rizky", "Slamet", "Sugeng",  "Supriyadi", "Taufik",
    "Wahyu",    "Yudi",  "Andik",  "Sunardi", "Misnadi",   "Hasan"};
static const char *const given_f[] = {
    "Aisyah",  "Ayu",      "Dewi",    "Endah", "Fitri",   "Indah",
    "Lestari", "Nur",      "Puji",    "Ratna", "Rina",    "Siti",
    "Sri",     "Sulastri", "Wulan",   "Yuni",  "Nurul",   "Maryam",
    "Sumiati", "Suwarni",  "Ningsih", "Anisa", "Kartini", "Rohmah"};
static const char *const family[] = {
    "Santoso",   "Wibowo",    "Hidayat",    "Setiawan",  "Prasetyo",
    "Kurniawan", "Rahmawati", "Susanti",    "Handayani", "Wulandari",
    "Maulana",   "Saputra",   "Hasanah",    "Fauziah",   "Purnomo",
    "Suryadi",   "Hariyanto", "Sulistyo",   "Nugroho",   "Ramadhan",
    "Safitri",   "Anggraini", "Firmansyah", "Efendi"};
static const char *const operators[] = {"0812", "0813", "0821", "0822", "0852",
                                        "0853", "0856", "0857", "0858", "0877",
                                        "0878", "0881", "0895", "0896"};
static const char *const reject_reasons[] = {
    "Persyaratan tidak memenuhi ketentuan",
    "Data pada dokumen tidak sesuai dengan data kependudukan",
    "Pemohon bukan penduduk wilayah ini",
    "Permohonan ganda; sudah diproses dengan nomor lain"};

struct citizen {
    char nik[17];
    char name[64];
    char phone[20];
    char email[80];
    bool female;
};

/* A fake NIK that nik_parse() accepts: district, birth date, serial. */
static void make_citizen(struct citizen *c, const char *regency4,
                         const char *district2)
{
    c->female = rnd() < 0.5;
    const char *first =
        c->female ? pick(given_f, sizeof(given_f) / sizeof(given_f[0]))
                  : pick(given_m, sizeof(given_m) / sizeof(given_m[0]));
    const char *last = pick(family, sizeof(family) / sizeof(family[0]));
    snprintf(c->name, sizeof(c->name), "%s %s", first, last);
    int year = (int)rnd_int(1945, 2008);
    int month = (int)rnd_int(1, 12);
    int day = (int)rnd_int(1, civil_days_in_month(year, month));
    /* Every field within its width (the same digits), so that compilers
     * see the 16 characters fit. */
    snprintf(c->nik, sizeof(c->nik), "%.4s%.2s%02u%02u%02u%04u", regency4,
             district2, (unsigned)(day + (c->female ? 40 : 0)) % 100u,
             (unsigned)month % 100u, (unsigned)year % 100u,
             (unsigned)rnd_int(1, 9999) % 10000u);
    snprintf(c->phone, sizeof(c->phone), "%s%08lld",
             pick(operators, sizeof(operators) / sizeof(operators[0])),
             (long long)rnd_int(0, 99999999));
    c->email[0] = '\0';
    if (rnd() < 0.15) {
        snprintf(c->email, sizeof(c->email), "%s.%s%02d@gmail.com", first, last,
                 (int)rnd_int(0, 99));
        for (char *p = c->email; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
    }
}

/* ---- the regency ------------------------------------------------------- */

/* Applications per year, relative, by service code (others 1). */
static const struct {
    const char *code;
    double weight;
} service_weights[] = {
    {"KK", 14},
    {"KTP-EL", 8},
    {"KTP-EL-GANTI", 6},
    {"AKTA-LAHIR", 8},
    {"AKTA-MATI", 2},
    {"PINDAH", 3},
    {"KIA", 4},
    {"DOMISILI", 6},
    {"DOMISILI-USAHA", 2},
    {"DOMISILI-LEMBAGA", 0.3},
    {"SKTM", 8},
    {"AHLI-WARIS", 1.5},
    {"BELUM-MENIKAH", 3},
    {"SKU", 5},
    {"PENGHASILAN", 3},
    {"SK-LAHIR", 2},
    {"SK-KEMATIAN", 1},
    {"BEDA-IDENTITAS", 1.5},
    {"PENGANTAR-SKCK", 5},
    {"PENGANTAR-NIKAH", 2},
    {"RIWAYAT-TANAH", 1},
    {"KERAMAIAN", 1},
    {"PENELITIAN", 0.5},
    {"PROPOSAL", 1},
    {"BEASISWA", 1.5},
    {"NIB-UMK", 2},
    {"REKOM-PBG", 0.5},
    {"DISPENSASI-NIKAH", 0.3},
    {"DTKS", 3},
    {"PBI-JK", 2},
    {"LEGALISASI", 4},
};

/* Busier on Mondays, quieter on the short Friday; a few busy months. */
static const double weekday_weight[7] = {0, 1.25, 1.1, 1.0, 0.95, 0.7, 0};
static const double month_weight[12] = {1.1,  1.0,  1.0, 1.0, 1.0, 0.95,
                                        1.15, 1.05, 1.0, 1.0, 1.0, 0.9};

struct svc {
    struct service_def def; /* current version, with steps and reqs */
    int64_t id;             /* services.id */
    double weight;          /* relative demand */
};

struct point {
    struct office o;         /* the service point */
    struct calendar cal;     /* its working-time calendar */
    int number;              /* offices.number */
    int64_t since_day;       /* first day as a service point */
    char regency4[5];        /* "3510" of 35.10.16 */
    char district2[3];       /* "16" of 35.10.16 */
    struct region *villages; /* villages its citizens come from */
    size_t n_villages;
    size_t *svcs;    /* indexes into the services it accepts */
    double *svc_cum; /* cumulative weights over svcs */
    size_t n_svcs;
    char counter[64];              /* counters.name for YEAR */
    int64_t serial;                /* last serial given */
    char fo[24], bo[24], head[24]; /* invented staff logins */
};

struct regency {
    struct svc *svcs;
    size_t n_svcs;
    struct point *points;
    size_t n_points;
    double *point_cum; /* cumulative office weights */
};

/* A planned submission: when, where, what. */
struct plan {
    int64_t at;     /* Unix seconds */
    uint16_t point; /* index into regency.points */
    uint16_t svc;   /* index into point's svcs */
};

static int plan_cmp(const void *a, const void *b)
{
    const struct plan *x = a, *y = b;
    return (x->at > y->at) - (x->at < y->at);
}

static double weight_of(const char *code)
{
    for (size_t i = 0; i < sizeof(service_weights) / sizeof(service_weights[0]);
         i++)
        if (strcmp(service_weights[i].code, code) == 0)
            return service_weights[i].weight;
    return 1.0;
}

static enum err load_regency(struct db *db, struct arena *a, struct regency *r)
{
    memset(r, 0, sizeof(*r));
    struct service_filter sf = {.level = -1};
    struct service_def *list = NULL;
    size_t n = 0;
    enum err rc = catalogue_list(db, a, &sf, &list, &n);
    if (rc != ERR_OK)
        return rc;
    r->svcs = arena_alloc(a, (n + 1) * sizeof(*r->svcs));
    for (size_t i = 0; i < n && rc == ERR_OK; i++) {
        struct svc *s = &r->svcs[r->n_svcs];
        rc = catalogue_get(db, a, list[i].code, 0, &s->def);
        if (rc == ERR_OK)
            rc = db_int(db, &s->id, "SELECT id FROM services WHERE code = $1",
                        DV_TEXT(list[i].code));
        if (rc == ERR_OK && s->def.active && s->def.n_steps >= 2) {
            s->weight = weight_of(s->def.code);
            r->n_svcs++;
        }
    }
    if (rc != ERR_OK)
        return rc;

    struct office_filter of = {.level = -1, .service_points_only = true};
    struct office *offices = NULL;
    rc = offices_list(db, a, &of, &offices, &n);
    if (rc != ERR_OK)
        return rc;
    r->points = arena_alloc(a, (n + 1) * sizeof(*r->points));
    r->point_cum = arena_alloc(a, (n + 1) * sizeof(double));
    double total = 0;
    for (size_t i = 0; i < n && rc == ERR_OK; i++) {
        struct point *p = &r->points[r->n_points];
        memset(p, 0, sizeof(*p));
        p->o = offices[i];
        struct civil_date since;
        if (p->o.level == OFFICE_AGENCY || !p->o.service_point_since ||
            !civil_parse_date(p->o.service_point_since, &since))
            continue;
        p->since_day = civil_to_days(since);
        rc = workcal_load(db, a, &p->o, &p->cal);
        if (rc == ERR_OK)
            rc = applications_office_number(db, p->o.id, &p->number);
        if (rc != ERR_OK)
            break;
        char district[16];
        snprintf(district, sizeof(district), "%.8s", p->o.region_code);
        snprintf(p->district2, sizeof(p->district2), "%.2s", district + 6);
        snprintf(p->regency4, sizeof(p->regency4), "%.2s%.2s", district,
                 district + 3);
        if (p->o.level == OFFICE_KECAMATAN) {
            rc =
                regions_children(db, a, district, &p->villages, &p->n_villages);
        } else {
            p->villages = arena_alloc(a, sizeof(*p->villages));
            rc = regions_get(db, a, p->o.region_code, p->villages);
            p->n_villages = rc == ERR_OK ? 1 : 0;
        }
        if (rc != ERR_OK)
            break;
        p->svcs = arena_alloc(a, (r->n_svcs + 1) * sizeof(size_t));
        p->svc_cum = arena_alloc(a, (r->n_svcs + 1) * sizeof(double));
        double w = 0;
        for (size_t k = 0; k < r->n_svcs; k++) {
            if (!office_accepts(&p->o, &r->svcs[k].def))
                continue;
            w += r->svcs[k].weight;
            p->svcs[p->n_svcs] = k;
            p->svc_cum[p->n_svcs++] = w;
        }
        if (!p->n_svcs)
            continue;
        snprintf(p->counter, sizeof(p->counter), "regno:%lld:%d",
                 (long long)p->o.id, YEAR);
        snprintf(p->fo, sizeof(p->fo), "fo.%03d", p->number);
        snprintf(p->bo, sizeof(p->bo), "bo.%03d", p->number);
        snprintf(p->head, sizeof(p->head), "kepala.%03d", p->number);
        /* A kecamatan serves more people the more villages it has; a
         * town kelurahan serves its own. */
        double ow = p->o.level == OFFICE_KECAMATAN
                        ? 1.0 + 0.1 * (double)p->n_villages
                        : 0.5;
        total += ow * (0.8 + 0.45 * rnd());
        r->point_cum[r->n_points++] = total;
    }
    if (rc == ERR_OK && (!r->n_points || !r->n_svcs)) {
        fprintf(stderr, "gen: no service points or services: run "
                        "`satupintu init` first\n");
        rc = ERR_NOT_FOUND;
    }
    return rc;
}

/* ---- the plan: when and where each application is handed in ------------ */

static struct plan *make_plan(const struct regency *r, size_t n, int64_t from,
                              int64_t until)
{
    const struct calendar *cal0 = &r->points[0].cal;
    int64_t d0 = cal_local_day(cal0, from), d1 = cal_local_day(cal0, until);
    size_t n_days = (size_t)(d1 - d0 + 1);
    double *day_cum = xcalloc(n_days, sizeof(double));
    double total = 0;
    for (size_t i = 0; i < n_days; i++) {
        int64_t day = d0 + (int64_t)i;
        if (cal_is_working_day(cal0, day, NULL)) {
            struct civil_date cd = civil_from_days(day);
            total +=
                weekday_weight[civil_weekday(day)] * month_weight[cd.month - 1];
        }
        day_cum[i] = total;
    }
    struct plan *plan = xcalloc(n, sizeof(*plan));
    for (size_t i = 0; i < n;) {
        int64_t day = d0 + (int64_t)pick_cum(day_cum, n_days);
        size_t pi = pick_cum(r->point_cum, r->n_points);
        const struct point *p = &r->points[pi];
        int wd = civil_weekday(day);
        if (day < p->since_day || !cal_is_working_day(&p->cal, day, NULL) ||
            p->cal.hours.open[wd] < 0)
            continue;
        /* Most people come in the morning: density falls through the day. */
        int span = p->cal.hours.close[wd] - p->cal.hours.open[wd];
        double u = 1.0 - sqrt(rnd());
        int64_t at = day * 86400 - (int64_t)p->cal.utc_offset_min * 60 +
                     (int64_t)(p->cal.hours.open[wd] + u * span) * 60 +
                     rnd_int(0, 59);
        if (at < from || at >= until)
            continue;
        plan[i].at = at;
        plan[i].point = (uint16_t)pi;
        plan[i].svc = (uint16_t)pick_cum(p->svc_cum, p->n_svcs);
        i++;
    }
    free(day_cum);
    qsort(plan, n, sizeof(*plan), plan_cmp);
    return plan;
}

/* ---- one application's life -------------------------------------------- */

struct gen_event {
    int64_t at;
    const char *actor;
    const char *action;    /* "submit", "step", "return", ... */
    const char *step_code; /* or NULL */
    enum appl_state after;
    int64_t promised_at;  /* 0: none (NULL) */
    const char *note;     /* or NULL */
    bool provisional;     /* of promised_at (submit, resume) */
    int64_t minutes_left; /* working minutes kept (return) */
};

struct life {
    struct gen_event ev[MAX_EVENTS];
    size_t n;
};

static int64_t wm_add(const struct calendar *c, int64_t t, int64_t m)
{
    struct deadline d = cal_add_working_minutes(c, t, m);
    return d.ok ? d.at : t + m * 60;
}

static void add_event(struct life *l, struct gen_event e)
{
    if (l->n == MAX_EVENTS)
        return;
    /* Events follow each other; never two in the same minute. */
    if (l->n && e.at < l->ev[l->n - 1].at + 60)
        e.at = l->ev[l->n - 1].at + 60;
    l->ev[l->n++] = e;
}

static const char *actor_of(const struct point *p, enum role role)
{
    return role == ROLE_FRONT ? p->fo : role == ROLE_HEAD ? p->head : p->bo;
}

/* Working minutes, from the start, at which steps from..n-1 are done. */
static void step_times(int64_t *out, size_t from, size_t n, int64_t budget)
{
    double u[SERVICE_MAX_STEPS + 1];
    size_t k = n - from;
    for (size_t i = 0; i + 1 < k; i++)
        u[i] = rnd();
    /* Sorted uniforms (insertion sort: at most 14), the last at 1. */
    for (size_t i = 1; i + 1 < k; i++)
        for (size_t j = i; j > 0 && u[j - 1] > u[j]; j--) {
            double t = u[j];
            u[j] = u[j - 1];
            u[j - 1] = t;
        }
    u[k - 1] = 1.0;
    for (size_t i = 0; i < k; i++)
        out[from + i] = (int64_t)(u[i] * (double)budget);
}

/* Working minutes the steps take: mostly within the promise, some late. */
static int64_t budget_of(const struct svc *s, int64_t promised_minutes)
{
    if (rnd() < 0.06) {
        int64_t extra = s->def.time_unit == TIME_WORKING_MINUTES
                            ? rnd_int(10, 2 * DAY_MINUTES)
                            : rnd_int(1, 4) * DAY_MINUTES + rnd_int(0, 200);
        return promised_minutes + extra;
    }
    int64_t b = (int64_t)((0.3 + 0.67 * rnd()) * (double)promised_minutes);
    return b > 5 ? b : 5;
}

/*
 * The life of an application handed in at t0 with promise due: every
 * event, in order; what happens after `now` is cut off by the caller.
 */
static void live(struct life *l, const struct point *p, const struct svc *s,
                 int64_t t0, struct deadline due, const char *citizen)
{
    const struct service_def *d = &s->def;
    const struct calendar *cal = &p->cal;
    size_t n = d->n_steps;
    l->n = 0;
    enum appl_state state = appl_state_of_step(d->steps[0].state);
    add_event(l, (struct gen_event){t0, p->fo, "submit", NULL, state, due.at,
                                    NULL, due.provisional, 0});
    bool prov = false;
    int64_t minutes = cal_working_minutes_between(cal, t0, due.at, &prov);
    int64_t at_min[SERVICE_MAX_STEPS + 1];
    step_times(at_min, 1, n, budget_of(s, minutes));

    double fate = rnd();
    if (fate < 0.012) { /* rejected at verification */
        add_event(l, (struct gen_event){
                         wm_add(cal, t0, at_min[1] / 2 + 1), p->bo, "reject",
                         NULL, APPL_REJECTED, 0,
                         pick(reject_reasons, sizeof(reject_reasons) /
                                                  sizeof(reject_reasons[0])),
                         false, 0});
        return;
    }
    /* Returned before step k, when the state then allows a return. */
    size_t return_before = 0;
    if (fate < 0.057) {
        size_t ok[SERVICE_MAX_STEPS];
        size_t n_ok = 0;
        for (size_t k = 1; k < n; k++) {
            enum appl_state before = appl_state_of_step(d->steps[k - 1].state);
            if (before == APPL_RECEIVED || before == APPL_VERIFIED ||
                before == APPL_IN_PROCESS)
                ok[n_ok++] = k;
        }
        if (n_ok)
            return_before = ok[rng_next() % n_ok];
    }
    int64_t base = t0;
    int64_t prev_min = 0;
    for (size_t k = 1; k < n; k++) {
        if (k == return_before) {
            int64_t tr =
                wm_add(cal, base, prev_min + (at_min[k] - prev_min) / 2 + 1);
            bool p2 = false;
            int64_t left = cal_working_minutes_between(cal, tr, due.at, &p2);
            const struct requirement *miss = &d->reqs[rng_next() % d->n_reqs];
            add_event(l,
                      (struct gen_event){
                          tr, state == APPL_RECEIVED ? p->fo : p->bo, "return",
                          NULL, APPL_RETURNED, 0, miss->name.id, false, left});
            if (rnd() >= 0.75) { /* never completed: rejected later */
                add_event(
                    l, (struct gen_event){
                           wm_add(cal, tr, 10 * DAY_MINUTES + rnd_int(0, 300)),
                           p->bo, "reject", NULL, APPL_REJECTED, 0,
                           "Berkas tidak dilengkapi dalam 10 hari kerja", false,
                           0});
                return;
            }
            int64_t tres =
                wm_add(cal, tr, rnd_int(1, 6) * DAY_MINUTES + rnd_int(0, 200));
            struct deadline nd = cal_add_working_minutes(cal, tres, left);
            due.at = nd.ok ? nd.at : due.at;
            due.provisional = nd.provisional;
            add_event(l, (struct gen_event){tres, p->fo, "resume", NULL, state,
                                            due.at, NULL, due.provisional, 0});
            /* The remaining steps start over from the resumption. */
            base = l->ev[l->n - 1].at;
            prev_min = 0;
            step_times(at_min, k, n, budget_of(s, left));
        }
        state = appl_state_of_step(d->steps[k].state);
        add_event(l, (struct gen_event){
                         wm_add(cal, base, at_min[k] > 0 ? at_min[k] : 1),
                         actor_of(p, d->steps[k].role), "step",
                         d->steps[k].code, state, 0, NULL, false, 0});
        prev_min = at_min[k];
    }
    if (rnd() < 0.025)
        return; /* never collected */
    int64_t ready = l->ev[l->n - 1].at;
    int64_t wait = d->time_unit == TIME_WORKING_MINUTES
                       ? rnd_int(1, 20)
                       : (int64_t)(-log(1.0 - rnd()) * 2.0) * DAY_MINUTES +
                             rnd_int(5, 240);
    add_event(l,
              (struct gen_event){wm_add(cal, ready, wait), p->fo, "hand_over",
                                 NULL, APPL_HANDED_OVER, 0, citizen, false, 0});
}

/* ---- multi-row inserts ----------------------------------------------------
 */

/* Rows waiting for one table, written with INSERTs of up to max_rows. */
struct batch {
    const char *head; /* "INSERT INTO t (a, b) VALUES " */
    size_t n_cols;
    size_t max_rows;
    struct db_val *vals; /* pending rows, n_cols values each */
    size_t n_vals, cap_vals;
    int64_t written; /* rows written so far */
};

static void batch_row(struct batch *b, const struct db_val *row)
{
    if (b->n_vals + b->n_cols > b->cap_vals) {
        b->cap_vals = b->cap_vals ? 2 * b->cap_vals : 4096;
        b->vals = xrealloc(b->vals, b->cap_vals * sizeof(*b->vals));
    }
    memcpy(b->vals + b->n_vals, row, b->n_cols * sizeof(*row));
    b->n_vals += b->n_cols;
}

/* The INSERT of rows rows: placeholders only, every value is bound. */
static char *batch_sql(const struct batch *b, size_t rows)
{
    size_t cap = strlen(b->head) + rows * b->n_cols * 8 + 16;
    char *sql = xmalloc(cap);
    size_t len = (size_t)snprintf(sql, cap, "%s", b->head);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < b->n_cols; c++)
            len += (size_t)snprintf(sql + len, cap - len, "%s$%zu",
                                    c   ? ", "
                                    : r ? ", ("
                                        : "(",
                                    c + 1 + r * b->n_cols);
        len += (size_t)snprintf(sql + len, cap - len, ")");
    }
    return sql;
}

static enum err batch_flush(struct db *db, struct batch *b)
{
    enum err rc = ERR_OK;
    size_t rows = b->n_vals / b->n_cols;
    char *full = NULL;
    for (size_t r = 0; r < rows && rc == ERR_OK; r += b->max_rows) {
        size_t k = rows - r < b->max_rows ? rows - r : b->max_rows;
        char *sql = k == b->max_rows ? full : NULL;
        if (!sql) {
            sql = batch_sql(b, k);
            if (k == b->max_rows)
                full = sql;
        }
        rc = db_run_v(db, NULL, sql, b->vals + r * b->n_cols, k * b->n_cols);
        if (sql != full)
            free(sql);
    }
    free(full);
    if (rc == ERR_OK)
        b->written += (int64_t)rows;
    b->n_vals = 0;
    return rc;
}

/* ---- writing ---------------------------------------------------------------
 */

struct sample {
    char (*regno)[REGNO_MAX];
    char (*pin)[PIN_DIGITS + 1];
    size_t n, cap;
    int64_t seen;
};

/* Reservoir sampling: every application equally likely. */
static void sample_offer(struct sample *s, const char *regno, const char *pin)
{
    s->seen++;
    size_t slot = s->n;
    if (s->n == s->cap) {
        uint64_t j = rng_next() % (uint64_t)s->seen;
        if (j >= s->cap)
            return;
        slot = (size_t)j;
    } else {
        s->n++;
    }
    snprintf(s->regno[slot], REGNO_MAX, "%s", regno);
    snprintf(s->pin[slot], PIN_DIGITS + 1, "%s", pin);
}

static int64_t now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct counts {
    int64_t by_state[APPL_STATE__COUNT];
};

/* Write application i of the plan (and its rows) into the batches. */
static void one(struct arena *a, const struct regency *r, const struct plan *pl,
                int64_t id, int64_t now, struct batch *apps, struct batch *reqs,
                struct batch *events, struct sample *smp, struct counts *cnt)
{
    struct point *p = &r->points[pl->point];
    const struct svc *s = &r->svcs[p->svcs[pl->svc]];
    const struct service_def *d = &s->def;

    struct citizen c;
    make_citizen(&c, p->regency4,
                 rnd() < 0.92 ? p->district2
                              : arena_printf(a, "%02d", (int)rnd_int(1, 25)));
    const char *village = p->n_villages && rnd() < 0.9
                              ? p->villages[rng_next() % p->n_villages].code
                              : NULL;
    char *pin = arena_alloc(a, PIN_DIGITS + 1);
    crypto_random_digits(pin, PIN_DIGITS);
    char *regno = arena_alloc(a, REGNO_MAX);
    regno_format(YEAR, p->number, ++p->serial, regno);
    sample_offer(smp, regno, pin);

    /* The promise, as apps_promise() makes it. */
    struct deadline due =
        d->time_unit == TIME_WORKING_MINUTES
            ? cal_add_working_minutes(&p->cal, pl->at, d->time_amount)
            : cal_add_working_days(&p->cal, pl->at, d->time_amount);
    if (!due.ok)
        due.at = pl->at + 86400;

    const char *name = arena_strdup(a, c.name);
    static struct life l;
    live(&l, p, s, pl->at, due, name);

    /* Keep what happened up to now; replay it into the current state. */
    size_t kept = 0;
    while (kept < l.n && l.ev[kept].at <= now)
        kept++;
    enum appl_state state = APPL_RECEIVED, before = APPL_RECEIVED;
    size_t next_step = 0;
    int64_t promised = due.at, left = 0, completed = 0;
    bool provisional = due.provisional;
    for (size_t i = 0; i < kept; i++) {
        const struct gen_event *e = &l.ev[i];
        if (strcmp(e->action, "submit") == 0) {
            next_step = 1;
        } else if (strcmp(e->action, "step") == 0) {
            next_step++;
        } else if (strcmp(e->action, "return") == 0) {
            before = state;
            left = e->minutes_left;
        } else if (strcmp(e->action, "resume") == 0) {
            promised = e->promised_at;
            provisional = e->provisional;
            left = 0;
        }
        state = e->after;
        if (appl_state_is_completed(state) && !completed)
            completed = e->at;
    }
    cnt->by_state[state]++;

    struct db_val row[] = {
        DV_INT(id),
        DV_TEXT(regno),
        DV_TEXT(pin),
        DV_INT(p->o.id),
        DV_INT(s->id),
        DV_INT(d->version),
        DV_TEXT(arena_strdup(a, c.nik)),
        DV_TEXT(name),
        DV_TEXT(village),
        DV_TEXT(arena_strdup(a, c.phone)),
        DV_TEXT(*c.email ? arena_strdup(a, c.email) : NULL),
        DV_TEXT("{}"),
        DV_INT(d->fee),
        DV_TEXT(appl_state_code(state)),
        DV_INT(next_step),
        state == APPL_RETURNED ? DV_TEXT(appl_state_code(before)) : DV_NULL,
        DV_INT(pl->at),
        DV_INT(promised),
        DV_INT(provisional ? 1 : 0),
        state == APPL_RETURNED ? DV_INT(left) : DV_NULL,
        completed ? DV_INT(completed) : DV_NULL,
        /* collected_by: the hand-over's note (the citizen, in person). */
        state == APPL_HANDED_OVER ? DV_TEXT(name) : DV_NULL,
        DV_INT(kept),
    };
    batch_row(apps, row);

    for (size_t k = 0; k < d->n_reqs; k++)
        if (requirement_mandatory_at(&d->reqs[k], p->o.level) || rnd() < 0.35)
            batch_row(reqs,
                      (struct db_val[]){DV_INT(id), DV_TEXT(d->reqs[k].code)});
    for (size_t i = 0; i < kept; i++) {
        const struct gen_event *e = &l.ev[i];
        batch_row(events, (struct db_val[]){
                              DV_INT(id), DV_INT(e->at), DV_TEXT(e->actor),
                              DV_TEXT(e->action), DV_TEXT(e->step_code),
                              DV_TEXT(appl_state_code(e->after)),
                              e->promised_at ? DV_INT(e->promised_at) : DV_NULL,
                              DV_TEXT(e->note)});
    }
}

/* Read each point's counter for YEAR (created at 0 when missing). */
static enum err counters_read(struct db *db, struct regency *r)
{
    enum err rc = ERR_OK;
    for (size_t i = 0; i < r->n_points && rc == ERR_OK; i++) {
        struct point *p = &r->points[i];
        rc = db_run(db, NULL,
                    "INSERT INTO counters (name, value) VALUES ($1, 0)"
                    " ON CONFLICT (name) DO NOTHING",
                    DV_TEXT(p->counter));
        if (rc == ERR_OK)
            rc = db_int(db, &p->serial,
                        "SELECT value FROM counters WHERE name = $1",
                        DV_TEXT(p->counter));
    }
    return rc;
}

static enum err counters_write(struct db *db, const struct regency *r)
{
    enum err rc = ERR_OK;
    for (size_t i = 0; i < r->n_points && rc == ERR_OK; i++)
        rc = db_run(db, NULL, "UPDATE counters SET value = $1 WHERE name = $2",
                    DV_INT(r->points[i].serial), DV_TEXT(r->points[i].counter));
    return rc;
}

static int write_plan(const char *path, const struct regency *r)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    for (size_t i = 0; i < r->n_points; i++) {
        const struct point *p = &r->points[i];
        for (size_t k = 0; k < p->n_svcs; k++) {
            const struct service_def *d = &r->svcs[p->svcs[k]].def;
            fprintf(f, "%s %s %s %s ", p->o.code, d->code, p->district2,
                    p->n_villages ? p->villages[k % p->n_villages].code : "-");
            bool first = true;
            for (size_t q = 0; q < d->n_reqs; q++)
                if (requirement_mandatory_at(&d->reqs[q], p->o.level)) {
                    fprintf(f, "%s%s", first ? "" : ",", d->reqs[q].code);
                    first = false;
                }
            fputs(first ? "-\n" : "\n", f);
        }
    }
    return fclose(f) == 0 ? 0 : 1;
}

static int write_sample(const char *path, const struct sample *s)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    for (size_t i = 0; i < s->n; i++)
        fprintf(f, "%s %s\n", s->regno[i], s->pin[i]);
    return fclose(f) == 0 ? 0 : 1;
}

static int stats(struct db *db)
{
    static const struct {
        const char *name;
        const char *sql;
    } q[] = {
        {"applications", "SELECT COUNT(*) FROM applications WHERE id > $1"},
        {"events", "SELECT COUNT(*) FROM application_events WHERE id > $1"},
        {"requirements", "SELECT COUNT(*) FROM application_requirements"
                         " WHERE application_id > $1"},
        {"offices_with_applications",
         "SELECT COUNT(DISTINCT office_id) FROM applications WHERE id > $1"},
    };
    for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
        int64_t v = 0;
        if (db_int(db, &v, q[i].sql, DV_INT(0)) != ERR_OK)
            return 1;
        printf("%s %lld\n", q[i].name, (long long)v);
    }
    for (int s = 0; s < APPL_STATE__COUNT; s++) {
        int64_t v = 0;
        if (db_int(db, &v, "SELECT COUNT(*) FROM applications WHERE state = $1",
                   DV_TEXT(appl_state_code((enum appl_state)s))) != ERR_OK)
            return 1;
        printf("state.%s %lld\n", appl_state_code((enum appl_state)s),
               (long long)v);
    }
    return 0;
}

static int usage(void)
{
    fputs("usage: gen [--n N] [--seed S] [--sample FILE] [--sample-size K]"
          " [--plan FILE] URL\n       gen stats URL\n",
          stderr);
    return 2;
}

int main(int argc, char **argv)
{
    long long n = 500000, seed = 2026, sample_size = 20000;
    const char *url = NULL, *sample_path = NULL, *plan_path = NULL;
    bool stats_only = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc)
            n = atoll(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = atoll(argv[++i]);
        else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
            sample_path = argv[++i];
        else if (strcmp(argv[i], "--sample-size") == 0 && i + 1 < argc)
            sample_size = atoll(argv[++i]);
        else if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc)
            plan_path = argv[++i];
        else if (strcmp(argv[i], "stats") == 0 && !url)
            stats_only = true;
        else if (argv[i][0] != '-' && !url)
            url = argv[i];
        else
            return usage();
    }
    if (!url || n < 0 || sample_size < 1)
        return usage();
    crypto_init();
    log_set_level(LOG_WARN);
    rng_seed((uint64_t)seed);
    struct db *db = NULL;
    if (db_open(url, &db) != ERR_OK)
        return 1;
    if (stats_only) {
        int st = stats(db);
        db_close(db);
        return st;
    }
    if (db_kind(db) == DB_SQLITE &&
        db_exec(db, "PRAGMA cache_size = -262144") != ERR_OK)
        fprintf(stderr, "gen: the cache size could not be set\n");

    struct arena *keep = arena_new();
    struct regency r;
    enum err rc = load_regency(db, keep, &r);
    if (rc != ERR_OK) {
        fprintf(stderr, "gen: cannot load the regency: %s\n", err_name(rc));
        return 1;
    }
    if (plan_path && write_plan(plan_path, &r) != 0)
        return 1;

    /* The window: 2026 from the first service point, up to now. */
    int64_t from = INT64_MAX;
    for (size_t i = 0; i < r.n_points; i++) {
        int64_t t = r.points[i].since_day * 86400 -
                    (int64_t)r.points[i].cal.utc_offset_min * 60;
        from = t < from ? t : from;
    }
    int64_t year_end =
        civil_to_days((struct civil_date){YEAR + 1, 1, 1}) * 86400 -
        (int64_t)r.points[0].cal.utc_offset_min * 60;
    int64_t now = (int64_t)time(NULL);
    int64_t until = now < year_end ? now : year_end;
    if (until <= from) {
        fprintf(stderr, "gen: the clock is before %d's service points\n", YEAR);
        return 1;
    }

    int64_t t_start = now_s();
    struct plan *plan = make_plan(&r, (size_t)n, from, until);
    struct batch apps = {
        "INSERT INTO applications (id, regno, pin, office_id, service_id,"
        " service_version, nik, citizen_name, village_code, phone, email,"
        " fields_json, fee, state, next_step, before_return, submitted_at,"
        " promised_at, provisional, minutes_left, completed_at, collected_by,"
        " version) VALUES ",
        23,
        APPS_PER_STMT,
        NULL,
        0,
        0,
        0};
    struct batch reqs = {"INSERT INTO application_requirements"
                         " (application_id, code) VALUES ",
                         2,
                         REQS_PER_STMT,
                         NULL,
                         0,
                         0,
                         0};
    struct batch events = {
        "INSERT INTO application_events (application_id, at, actor, action,"
        " step_code, state_after, promised_at, note) VALUES ",
        8,
        EVENTS_PER_STMT,
        NULL,
        0,
        0,
        0};
    struct sample smp = {xcalloc((size_t)sample_size, REGNO_MAX),
                         xcalloc((size_t)sample_size, PIN_DIGITS + 1), 0,
                         (size_t)sample_size, 0};
    struct counts cnt = {0};

    rc = db_begin(db);
    if (rc == ERR_OK)
        rc = counters_read(db, &r);
    if (rc == ERR_OK)
        rc = db_commit(db);
    for (long long i = 0; i < n && rc == ERR_OK; i += N_PER_TX) {
        struct arena *a = arena_new();
        int64_t id = 0;
        rc = db_begin(db);
        if (rc == ERR_OK)
            rc = db_int(db, &id,
                        "SELECT COALESCE(MAX(id), 0) FROM applications"
                        " WHERE id > $1",
                        DV_INT(-1));
        for (long long k = i; k < i + N_PER_TX && k < n && rc == ERR_OK; k++)
            one(a, &r, &plan[k], ++id, now, &apps, &reqs, &events, &smp, &cnt);
        if (rc == ERR_OK)
            rc = batch_flush(db, &apps);
        if (rc == ERR_OK)
            rc = batch_flush(db, &reqs);
        if (rc == ERR_OK)
            rc = batch_flush(db, &events);
        if (rc == ERR_OK)
            rc = counters_write(db, &r);
        if (rc == ERR_OK)
            rc = db_commit(db);
        else
            db_rollback(db);
        arena_free(a);
        if (rc == ERR_OK && (i / N_PER_TX) % 20 == 19)
            fprintf(stderr, "gen: %lld applications\n",
                    i + N_PER_TX < n ? i + N_PER_TX : n);
    }
    if (rc == ERR_OK && db_kind(db) == DB_POSTGRES)
        rc = db_exec(db, "SELECT setval(pg_get_serial_sequence("
                         "'applications', 'id'), (SELECT MAX(id) FROM"
                         " applications))");
    if (rc != ERR_OK) {
        fprintf(stderr, "gen: writing failed: %s (%s)\n", err_name(rc),
                db_errmsg(db));
        return 1;
    }
    double secs = (double)(now_s() - t_start) / 1e9;
    if (db_kind(db) == DB_SQLITE &&
        db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)") != ERR_OK)
        fprintf(stderr, "gen: the WAL checkpoint failed\n");
    int64_t rows = apps.written + reqs.written + events.written;
    char from_s[32], until_s[32];
    civil_format_iso(from, 420, from_s);
    civil_format_iso(until, 420, until_s);
    printf("window %s %s\n", from_s, until_s);
    printf("applications %lld\n", (long long)apps.written);
    printf("events %lld\n", (long long)events.written);
    printf("requirements %lld\n", (long long)reqs.written);
    printf("rows %lld\n", (long long)rows);
    printf("seconds %.1f\n", secs);
    printf("applications_per_s %.0f\n", (double)apps.written / secs);
    printf("rows_per_s %.0f\n", (double)rows / secs);
    for (int s = 0; s < APPL_STATE__COUNT; s++)
        printf("state.%s %lld\n", appl_state_code((enum appl_state)s),
               (long long)cnt.by_state[s]);
    if (sample_path && write_sample(sample_path, &smp) != 0)
        return 1;
    free(plan);
    free(apps.vals);
    free(reqs.vals);
    free(events.vals);
    free(smp.regno);
    free(smp.pin);
    arena_free(keep);
    db_close(db);
    return 0;
}
