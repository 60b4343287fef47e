/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* surveys.c: questionnaires and their sums (see surveys.h). */
#include "store/surveys.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "store/db.h"

enum err surveys_insert(struct db *db, const struct survey *s, int64_t *id)
{
    struct db_val v[SKM_ELEMENTS];
    for (int i = 0; i < SKM_ELEMENTS; i++)
        v[i] = s->scores[i] >= 1 && s->scores[i] <= 4 ? DV_INT(s->scores[i])
                                                      : DV_NULL;
    return db_int(
        db, id,
        "INSERT INTO surveys (office_id, service_id, application_id, channel,"
        " answered_at, answered_day, u1, u2, u3, u4, u5, u6, u7, u8, u9, sex,"
        " age_group, education, occupation, suggestion, device, addr, batch,"
        " device_id)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
        " $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id",
        DV_INT(s->office_id), s->service_id ? DV_INT(s->service_id) : DV_NULL,
        s->application_id ? DV_INT(s->application_id) : DV_NULL,
        DV_TEXT(s->channel), DV_INT(s->answered_at), DV_TEXT(s->answered_day),
        v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
        DV_TEXT(s->profile[SKM_SEX]), DV_TEXT(s->profile[SKM_AGE]),
        DV_TEXT(s->profile[SKM_EDUCATION]), DV_TEXT(s->profile[SKM_OCCUPATION]),
        DV_TEXT(s->suggestion), DV_TEXT(s->device),
        DV_TEXT(s->addr ? s->addr : ""), DV_TEXT(s->batch),
        s->device_id ? DV_INT(s->device_id) : DV_NULL);
}

/* The scope's WHERE clause on surveys s JOIN offices o: $1..$5. */
#define SCOPE_WHERE                                                            \
    " WHERE ($1 = 0 OR s.office_id = $1)"                                      \
    "   AND (CAST($2 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $2)"    \
    "   AND ($3 = 0 OR s.service_id = $3)"                                     \
    "   AND s.answered_day >= $4 AND s.answered_day <= $5"                     \
    "   AND s.channel IN " SURVEY_COUNTED_CHANNELS

#define SCOPE_VALS(sc)                                                         \
    DV_INT((sc)->office_id), DV_TEXT((sc)->district),                          \
        DV_INT((sc)->service_id), DV_TEXT((sc)->from), DV_TEXT((sc)->to)

/* The totals row (ctx: struct skm_totals). */
static void totals_row(struct db_stmt *st, void *ctx)
{
    struct skm_totals *t = ctx;
    t->respondents = db_col_int(st, 0);
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        t->sum[i] = db_col_int(st, 1 + 2 * i);
        t->count[i] = db_col_int(st, 2 + 2 * i);
    }
}

/* One dimension of the respondents' profile being counted. */
struct profile_ctx {
    enum skm_dimension d; /* the dimension */
    int64_t *counts;      /* its SKM_MAX_CODES counts */
};

static void profile_row(struct db_stmt *st, void *ctx)
{
    struct profile_ctx *p = ctx;
    int k = skm_code_index(p->d, db_col_text(st, 0));
    if (k >= 0 && k < SKM_MAX_CODES)
        p->counts[k] += db_col_int(st, 1);
}

enum err surveys_totals(struct db *db, const struct survey_scope *sc,
                        struct skm_totals *t,
                        int64_t profile[SKM_DIMENSIONS][SKM_MAX_CODES])
{
    memset(t, 0, sizeof(*t));
    memset(profile, 0, sizeof(int64_t) * SKM_DIMENSIONS * SKM_MAX_CODES);
    enum err rc = db_each(
        db, totals_row, t,
        "SELECT COUNT(*), SUM(u1), COUNT(u1), SUM(u2), COUNT(u2), SUM(u3),"
        " COUNT(u3), SUM(u4), COUNT(u4), SUM(u5), COUNT(u5), SUM(u6),"
        " COUNT(u6), SUM(u7), COUNT(u7), SUM(u8), COUNT(u8), SUM(u9),"
        " COUNT(u9) FROM surveys s JOIN offices o ON o.id = "
        "s.office_id" SCOPE_WHERE,
        SCOPE_VALS(sc));
    static const char *const sql[SKM_DIMENSIONS] = {
        "SELECT s.sex, COUNT(*) FROM surveys s JOIN offices o ON"
        " o.id = s.office_id" SCOPE_WHERE " GROUP BY s.sex",
        "SELECT s.age_group, COUNT(*) FROM surveys s JOIN offices o ON"
        " o.id = s.office_id" SCOPE_WHERE " GROUP BY s.age_group",
        "SELECT s.education, COUNT(*) FROM surveys s JOIN offices o ON"
        " o.id = s.office_id" SCOPE_WHERE " GROUP BY s.education",
        "SELECT s.occupation, COUNT(*) FROM surveys s JOIN offices o ON"
        " o.id = s.office_id" SCOPE_WHERE " GROUP BY s.occupation",
    };
    for (int d = 0; rc == ERR_OK && d < SKM_DIMENSIONS; d++) {
        struct profile_ctx p = {(enum skm_dimension)d, profile[d]};
        rc = db_each(db, profile_row, &p, sql[d], SCOPE_VALS(sc));
    }
    return rc;
}

static void suggestion_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct suggestion *s = out;
    s->day = arena_strdup(a, db_col_text(st, 0));
    s->office = arena_strdup(a, db_col_text(st, 1));
    s->text = arena_strdup(a, db_col_text(st, 2));
}

enum err surveys_suggestions(struct db *db, struct arena *a,
                             const struct survey_scope *sc, int limit,
                             struct suggestion **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, suggestion_row, sizeof(**items), &r,
        "SELECT s.answered_day, o.name, s.suggestion FROM surveys s JOIN"
        " offices o ON o.id = s.office_id" SCOPE_WHERE
        " AND s.suggestion IS NOT NULL AND s.suggestion <> ''"
        " ORDER BY s.answered_at DESC, s.id DESC LIMIT $6",
        SCOPE_VALS(sc), DV_INT(limit));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

/* Unix seconds of local midnight starting date (YYYY-MM-DD). */
static int64_t day_start(const char *date, int offset_min)
{
    struct civil_date d;
    if (!civil_parse_date(date, &d))
        return 0;
    return civil_to_days(d) * 86400 - (int64_t)offset_min * 60;
}

enum err surveys_service_users(struct db *db, const struct survey_scope *sc,
                               int offset_min, int64_t *n, bool *from_apps)
{
    int64_t from = day_start(sc->from, offset_min);
    int64_t to = day_start(sc->to, offset_min) + 86400;
    *from_apps = true;
    enum err rc = db_int(
        db, n,
        "SELECT COUNT(*) FROM applications a JOIN offices o ON"
        " o.id = a.office_id WHERE ($1 = 0 OR a.office_id = $1)"
        " AND (CAST($2 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $2)"
        " AND ($3 = 0 OR a.service_id = $3)"
        " AND a.completed_at >= $4 AND a.completed_at < $5",
        DV_INT(sc->office_id), DV_TEXT(sc->district), DV_INT(sc->service_id),
        DV_INT(from), DV_INT(to));
    if (rc != ERR_OK || *n > 0)
        return rc;
    *from_apps = false;
    return db_int(db, n,
                  "SELECT COALESCE(SUM(c.users), 0) FROM skm_user_counts c"
                  " JOIN offices o ON o.id = c.office_id"
                  " WHERE ($1 = 0 OR c.office_id = $1)"
                  " AND (CAST($2 AS TEXT) IS NULL OR"
                  "  substr(o.region_code, 1, 8) = $2)"
                  " AND c.period_from >= $3 AND c.period_to <= $4"
                  " AND NOT EXISTS (SELECT 1 FROM skm_user_counts w"
                  "  WHERE w.office_id = c.office_id"
                  "  AND w.period_from >= $3 AND w.period_to <= $4"
                  "  AND w.period_from <= c.period_from"
                  "  AND w.period_to >= c.period_to"
                  "  AND (w.period_from <> c.period_from"
                  "   OR w.period_to <> c.period_to))",
                  DV_INT(sc->office_id), DV_TEXT(sc->district),
                  DV_TEXT(sc->from), DV_TEXT(sc->to));
}

enum err surveys_put_user_count(struct db *db, int64_t office_id,
                                const char *from, const char *to, int64_t users)
{
    return db_run(db, NULL,
                  "INSERT INTO skm_user_counts (office_id, period_from,"
                  " period_to, users) VALUES ($1, $2, $3, $4) ON CONFLICT"
                  " (office_id, period_from, period_to) DO UPDATE SET"
                  " users = excluded.users",
                  DV_INT(office_id), DV_TEXT(from), DV_TEXT(to), DV_INT(users));
}

/* One channel's count into its field (ctx: struct survey_channels). */
static void channel_row(struct db_stmt *st, void *ctx)
{
    struct survey_channels *out = ctx;
    const char *ch = db_col_text(st, 0);
    int64_t n = db_col_int(st, 1);
    if (!ch)
        return;
    if (strcmp(ch, "receipt") == 0)
        out->receipt = n;
    else if (strcmp(ch, "kiosk") == 0)
        out->kiosk = n;
    else if (strcmp(ch, "paper") == 0)
        out->paper = n;
}

enum err surveys_channels(struct db *db, const struct survey_scope *sc,
                          struct survey_channels *out)
{
    memset(out, 0, sizeof(*out));
    return db_each(db, channel_row, out,
                   "SELECT s.channel, COUNT(*) FROM surveys s JOIN"
                   " offices o ON o.id = s.office_id" SCOPE_WHERE
                   " GROUP BY s.channel",
                   SCOPE_VALS(sc));
}

enum err surveys_device_recent(struct db *db, int64_t device_id, int64_t since,
                               int64_t *n)
{
    return db_int(db, n,
                  "SELECT COUNT(*) FROM surveys WHERE device_id = $1 AND"
                  " answered_at >= $2",
                  DV_INT(device_id), DV_INT(since));
}

static void token_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct survey_token *t = out;
    t->appl_id = db_col_int(st, 0);
    t->office_id = db_col_int(st, 1);
    t->service_id = db_col_int(st, 2);
    t->answered = db_col_int(st, 3) > 0;
    t->state = arena_strdup(a, db_col_text(st, 4));
}

enum err surveys_token(struct db *db, struct arena *a, const char *token,
                       struct survey_token *out)
{
    memset(out, 0, sizeof(*out));
    return db_get_one(db, a, token_row, out,
                      "SELECT a.id, a.office_id, a.service_id,"
                      " (SELECT COUNT(*) FROM surveys s WHERE"
                      "  s.application_id = a.id), a.state"
                      " FROM applications a WHERE a.survey_token = $1",
                      DV_TEXT(token));
}

#define TOTAL_SUMS                                                             \
    "COUNT(*), SUM(u1), COUNT(u1), SUM(u2), COUNT(u2), SUM(u3), COUNT(u3),"    \
    " SUM(u4), COUNT(u4), SUM(u5), COUNT(u5), SUM(u6), COUNT(u6), SUM(u7),"    \
    " COUNT(u7), SUM(u8), COUNT(u8), SUM(u9), COUNT(u9)"

static void totals_at(struct db_stmt *st, int col, struct skm_totals *t)
{
    t->respondents = db_col_int(st, col);
    for (int i = 0; i < SKM_ELEMENTS; i++) {
        t->sum[i] = db_col_int(st, col + 1 + 2 * i);
        t->count[i] = db_col_int(st, col + 2 + 2 * i);
    }
}

static void group_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct survey_group_totals *g = out;
    g->key = db_col_int(st, 0);
    totals_at(st, 1, &g->t);
}

enum err surveys_totals_by(struct db *db, struct arena *a,
                           const struct survey_scope *sc, bool by_service,
                           struct survey_group_totals **rows, size_t *n_rows)
{
    struct db_rows r;
    enum err rc =
        by_service
            ? db_get_list(db, a, group_row, sizeof(struct survey_group_totals),
                          &r,
                          "SELECT s.service_id, " TOTAL_SUMS
                          " FROM surveys s JOIN offices o ON o.id ="
                          " s.office_id" SCOPE_WHERE
                          " AND s.service_id IS NOT NULL GROUP BY s.service_id",
                          SCOPE_VALS(sc))
            : db_get_list(db, a, group_row, sizeof(struct survey_group_totals),
                          &r,
                          "SELECT s.office_id, " TOTAL_SUMS
                          " FROM surveys s JOIN offices o ON o.id ="
                          " s.office_id" SCOPE_WHERE " GROUP BY s.office_id",
                          SCOPE_VALS(sc));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}

static void month_totals_row(struct db_stmt *st, struct arena *a, void *out)
{
    (void)a;
    struct survey_month_totals *m = out;
    snprintf(m->month, sizeof(m->month), "%s",
             db_col_text(st, 0) ? db_col_text(st, 0) : "");
    totals_at(st, 1, &m->t);
}

enum err surveys_totals_by_month(struct db *db, struct arena *a,
                                 const struct survey_scope *sc,
                                 struct survey_month_totals **rows,
                                 size_t *n_rows)
{
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, month_totals_row, sizeof(struct survey_month_totals), &r,
        "SELECT substr(s.answered_day, 1, 7), " TOTAL_SUMS
        " FROM surveys s JOIN offices o ON o.id = s.office_id" SCOPE_WHERE
        " GROUP BY substr(s.answered_day, 1, 7)"
        " ORDER BY substr(s.answered_day, 1, 7)",
        SCOPE_VALS(sc));
    *rows = r.items;
    *n_rows = r.n;
    return rc;
}
