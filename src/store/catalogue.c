/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* catalogue.c: versioned service standards (see catalogue.h). */
#include "store/catalogue.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/buf.h"
#include "base/vcache.h"
#include "store/db.h"
#include "store/versions.h"

const char *catalogue_levels_text(struct arena *a, unsigned levels)
{
    struct buf b;
    buf_init(&b, 256);
    for (int l = 0; l < OFFICE_LEVEL__COUNT; l++) {
        if (levels & (1u << l)) {
            if (b.len)
                buf_putc(&b, ',');
            buf_puts(&b, office_level_code((enum office_level)l));
        }
    }
    char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

unsigned catalogue_levels_parse(const char *text)
{
    unsigned levels = 0;
    const char *p = text ? text : "";
    while (*p) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char word[32];
        if (n < sizeof(word)) {
            memcpy(word, p, n);
            word[n] = '\0';
            enum office_level l;
            if (office_level_parse(word, &l))
                levels |= 1u << l;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return levels;
}

/* Columns read by version_row(), in order. */
#define VERSION_COLS                                                           \
    "s.code, s.active, v.id, v.version, v.category, v.name_id, v.name_en,"     \
    " v.accepted_levels, v.agency_code, v.time_amount, v.time_unit, v.fee,"    \
    " v.asks_purpose"

static int64_t version_row(struct db_stmt *st, struct arena *a,
                           struct service_def *d)
{
    memset(d, 0, sizeof(*d));
    d->code = arena_strdup(a, db_col_text(st, 0));
    d->active = db_col_int(st, 1) != 0;
    int64_t version_id = db_col_int(st, 2);
    d->version = (int)db_col_int(st, 3);
    d->category = arena_strdup(a, db_col_text(st, 4));
    d->name.id = arena_strdup(a, db_col_text(st, 5));
    d->name.en = arena_strdup(a, db_col_text(st, 6));
    d->accepted_levels = catalogue_levels_parse(db_col_text(st, 7));
    d->agency = arena_strdup(a, db_col_text(st, 8));
    d->time_amount = (int)db_col_int(st, 9);
    if (!time_unit_parse(db_col_text(st, 10), &d->time_unit))
        d->time_unit = TIME_WORKING_DAYS;
    d->fee = db_col_int(st, 11);
    d->asks_purpose = db_col_int(st, 12) != 0;
    for (int c = 0; c < COMP__COUNT; c++)
        d->comp[c].id = d->comp[c].en = "";
    return version_id;
}

/* Where load_text() puts a component's text: the definition and its
 * arena. */
struct texts_ctx {
    struct service_def *d; /* the definition being read */
    struct arena *a;       /* its arena */
};

/* One service_texts row into the component it names (ctx: texts_ctx). */
static void load_text(struct db_stmt *st, void *ctx)
{
    struct texts_ctx *t = ctx;
    const char *key = db_col_text(st, 0);
    for (int c = 0; c < COMP__COUNT; c++) {
        if (key && strcmp(key, service_component_key(
                                   (enum service_component)c)) == 0) {
            t->d->comp[c].id = arena_strdup(t->a, db_col_text(st, 1));
            t->d->comp[c].en = arena_strdup(t->a, db_col_text(st, 2));
        }
    }
}

static void requirement_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct requirement *r = out;
    r->code = arena_strdup(a, db_col_text(st, 0));
    r->name.id = arena_strdup(a, db_col_text(st, 1));
    r->name.en = arena_strdup(a, db_col_text(st, 2));
    r->mandatory = db_col_int(st, 3) != 0;
    r->mandatory_levels = catalogue_levels_parse(db_col_text(st, 4));
}

static void step_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct sop_step *s = out;
    s->code = arena_strdup(a, db_col_text(st, 0));
    s->name.id = arena_strdup(a, db_col_text(st, 1));
    s->name.en = arena_strdup(a, db_col_text(st, 2));
    if (!role_parse(db_col_text(st, 3), &s->role))
        s->role = ROLE_BACK;
    if (!step_state_parse(db_col_text(st, 4), &s->state))
        s->state = STEP_IN_PROCESS;
}

/* A version row with the id of its version (catalogue_get()). */
struct version_hit {
    struct service_def *d; /* filled by version_row() */
    int64_t vid;           /* service_versions.id */
};

static void version_hit_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct version_hit *h = out;
    h->vid = version_row(st, a, h->d);
}

void catalogue_copy_def(struct arena *a, const struct service_def *src,
                        struct service_def *d)
{
    *d = *src;
    d->code = arena_strdup(a, src->code);
    d->category = arena_strdup(a, src->category);
    d->name.id = arena_strdup(a, src->name.id);
    d->name.en = arena_strdup(a, src->name.en);
    d->agency = arena_strdup(a, src->agency);
    for (int c = 0; c < COMP__COUNT; c++) {
        d->comp[c].id = arena_strdup(a, src->comp[c].id);
        d->comp[c].en = arena_strdup(a, src->comp[c].en);
    }
    d->reqs = arena_alloc(a, (src->n_reqs + 1) * sizeof(*d->reqs));
    for (size_t i = 0; i < src->n_reqs; i++) {
        d->reqs[i] = src->reqs[i];
        d->reqs[i].code = arena_strdup(a, src->reqs[i].code);
        d->reqs[i].name.id = arena_strdup(a, src->reqs[i].name.id);
        d->reqs[i].name.en = arena_strdup(a, src->reqs[i].name.en);
    }
    d->steps = arena_alloc(a, (src->n_steps + 1) * sizeof(*d->steps));
    for (size_t i = 0; i < src->n_steps; i++) {
        d->steps[i] = src->steps[i];
        d->steps[i].code = arena_strdup(a, src->steps[i].code);
        d->steps[i].name.id = arena_strdup(a, src->steps[i].name.id);
        d->steps[i].name.en = arena_strdup(a, src->steps[i].name.en);
    }
}

static void def_copy_v(struct arena *a, const void *src, void *out)
{
    catalogue_copy_def(a, src, out);
}

/*
 * Service standards (and ids of service codes) are cached per database,
 * stamped with the catalogue version (store/versions.h), which every
 * change of a service, a version or its parts raises.
 */
static void *cache_make(void)
{
    return vcache_new(4096, 16u << 20);
}

static void cache_destroy(void *c)
{
    vcache_free(c);
}

static enum err catalogue_load(struct db *db, struct arena *a, const char *code,
                               int version, struct service_def *out);

enum err catalogue_get(struct db *db, struct arena *a, const char *code,
                       int version, struct service_def *out)
{
    if (!code || strlen(code) > 64)
        return ERR_NOT_FOUND; /* no service code is that long */
    int64_t cv = 0;
    enum err rc = data_version(db, DATA_CATALOGUE, &cv);
    if (rc != ERR_OK)
        return rc;
    struct vcache *c =
        db_shared(db, DB_SLOT_CATALOGUE, cache_make, cache_destroy);
    char key[96];
    snprintf(key, sizeof(key), "d:%s@%d", code, version);
    if (vcache_get(c, key, cv, def_copy_v, a, out))
        return ERR_OK;
    rc = catalogue_load(db, a, code, version, out);
    if (rc == ERR_OK && !db_in_tx(db)) {
        struct arena *own = arena_new();
        struct service_def *keep = arena_alloc(own, sizeof(*keep));
        catalogue_copy_def(own, out, keep);
        vcache_put(c, key, cv, own, keep, arena_used(own));
    }
    return rc;
}

static enum err catalogue_load(struct db *db, struct arena *a, const char *code,
                               int version, struct service_def *out)
{
    struct version_hit hit = {.d = out};
    enum err rc = db_get_one(db, a, version_hit_row, &hit,
                             "SELECT " VERSION_COLS " FROM services s"
                             " JOIN service_versions v ON v.service_id = s.id"
                             " WHERE s.code = $1 AND v.version = CASE WHEN"
                             " $2 = 0 THEN s.current_version ELSE $2 END",
                             DV_TEXT(code), DV_INT(version));
    struct texts_ctx t = {.d = out, .a = a};
    if (rc == ERR_OK)
        rc = db_each(db, load_text, &t,
                     "SELECT component, text_id, text_en"
                     " FROM service_texts WHERE version_id = $1",
                     DV_INT(hit.vid));
    struct db_rows r = {0};
    if (rc == ERR_OK)
        rc = db_get_list(db, a, requirement_row, sizeof(*out->reqs), &r,
                         "SELECT code, name_id, name_en, mandatory,"
                         " mandatory_levels FROM service_requirements"
                         " WHERE version_id = $1"
                         " ORDER BY ord",
                         DV_INT(hit.vid));
    out->reqs = r.items;
    out->n_reqs = r.n;
    struct db_rows s = {0};
    if (rc == ERR_OK)
        rc = db_get_list(db, a, step_row, sizeof(*out->steps), &s,
                         "SELECT code, name_id, name_en, role, state"
                         " FROM service_steps WHERE version_id = $1"
                         " ORDER BY ord",
                         DV_INT(hit.vid));
    out->steps = s.items;
    out->n_steps = s.n;
    return rc;
}

/* A catalogue_list() row: the version, its description and the id. */
static void list_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct service_def *d = out;
    version_row(st, a, d);
    d->id = db_col_int(st, 15);
    if (!db_col_is_null(st, 13)) {
        d->comp[COMP_DESCRIPTION].id = arena_strdup(a, db_col_text(st, 13));
        d->comp[COMP_DESCRIPTION].en = arena_strdup(a, db_col_text(st, 14));
    }
}

enum err catalogue_list(struct db *db, struct arena *a,
                        const struct service_filter *f,
                        struct service_def **items, size_t *n_items)
{
    const char *like = f->q && *f->q ? db_like_contains(a, f->q) : NULL;
    const char *level =
        f->level >= 0
            ? arena_printf(a, "%%%s%%",
                           office_level_code((enum office_level)f->level))
            : NULL;
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, list_row, sizeof(**items), &r,
        "SELECT " VERSION_COLS ", t.text_id, t.text_en, s.id FROM services s"
        " JOIN service_versions v ON v.service_id = s.id"
        "  AND v.version = s.current_version"
        " LEFT JOIN service_texts t ON t.version_id = v.id"
        "  AND t.component = 'description'"
        " WHERE ($1 = 1 OR s.active = 1)"
        "   AND (CAST($2 AS TEXT) IS NULL OR v.category = $2)"
        "   AND (CAST($3 AS TEXT) IS NULL OR lower(v.name_id) LIKE lower($3) "
        "ESCAPE '\\'"
        "        OR lower(v.name_en) LIKE lower($3) ESCAPE '\\'"
        "        OR lower(s.code) LIKE lower($3) ESCAPE '\\')"
        "   AND (CAST($4 AS TEXT) IS NULL OR v.accepted_levels LIKE $4)"
        "   AND (CAST($5 AS TEXT) IS NULL OR v.agency_code = $5)"
        " ORDER BY v.category, v.name_id",
        DV_INT(f->include_inactive ? 1 : 0), DV_TEXT(f->category),
        DV_TEXT(like), DV_TEXT(level), DV_TEXT(f->agency));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

/* Where requirement_text_row() appends a service's requirement names. */
struct req_texts_ctx {
    const struct service_def *items; /* the services asked about */
    size_t n_items;
    const char **texts; /* per item, the names so far */
    size_t at;          /* the item of the previous row */
    struct arena *a;
};

static void requirement_text_row(struct db_stmt *st, void *ctx)
{
    struct req_texts_ctx *t = ctx;
    const char *code = db_col_text(st, 0);
    /* items are few: look each code up when it changes */
    if (t->at >= t->n_items || strcmp(t->items[t->at].code, code) != 0)
        for (t->at = 0;
             t->at < t->n_items && strcmp(t->items[t->at].code, code) != 0;
             t->at++)
            ;
    if (t->at < t->n_items)
        t->texts[t->at] = arena_printf(t->a, "%s %s / %s", t->texts[t->at],
                                       db_col_text(st, 1), db_col_text(st, 2));
}

enum err catalogue_requirement_texts(struct db *db, struct arena *a,
                                     const struct service_def *items,
                                     size_t n_items, const char ***texts)
{
    *texts = arena_alloc(a, (n_items + 1) * sizeof(**texts));
    for (size_t i = 0; i < n_items; i++)
        (*texts)[i] = "";
    struct req_texts_ctx t = {
        .items = items, .n_items = n_items, .texts = *texts, .at = 0, .a = a};
    return db_each(db, requirement_text_row, &t,
                   "SELECT s.code, r.name_id, r.name_en FROM services s"
                   " JOIN service_versions v ON v.service_id = s.id"
                   "  AND v.version = s.current_version"
                   " JOIN service_requirements r ON r.version_id = v.id"
                   " WHERE s.id > $1 ORDER BY s.code, r.ord",
                   DV_INT(0));
}

#define SYNONYMS_SETTING "search_synonyms"
#define SYNONYMS_BUNDLED "data/search-synonyms.csv"

static void text_row(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = arena_strdup(a, db_col_text(st, 0));
}

enum err catalogue_synonyms(struct db *db, struct arena *a, const char **text,
                            bool *custom)
{
    *text = "";
    *custom = false;
    enum err rc = db_get_one(db, a, text_row, text,
                             "SELECT value FROM settings WHERE name = $1",
                             DV_TEXT(SYNONYMS_SETTING));
    if (rc == ERR_OK) {
        *custom = true;
        return ERR_OK;
    }
    if (rc != ERR_NOT_FOUND)
        return rc;
    const struct embedded_file *f = embedded_find(SYNONYMS_BUNDLED);
    *text = f ? (const char *)f->data : "";
    return ERR_OK;
}

enum err catalogue_put_synonyms(struct db *db, const char *text)
{
    enum err rc =
        text ? db_run(db, NULL,
                      "INSERT INTO settings (name, value) VALUES ($1, $2)"
                      " ON CONFLICT (name) DO UPDATE SET value ="
                      " excluded.value",
                      DV_TEXT(SYNONYMS_SETTING), DV_TEXT(text))
             : db_run(db, NULL, "DELETE FROM settings WHERE name = $1",
                      DV_TEXT(SYNONYMS_SETTING));
    /* The search's answers are kept with the catalogue's version (no
     * trigger watches settings): a new list is a new version. */
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "UPDATE data_versions SET catalogue = catalogue + 1"
                    " WHERE id = $1",
                    DV_INT(1));
    return rc;
}

/* The listed services being filled by catalogue_list_full(). */
struct full_ctx {
    struct service_def *d; /* the list */
    size_t n;              /* its length */
    size_t *cap;           /* capacity of each one's requirements or steps */
    struct arena *a;       /* its arena */
};

/* The index of the service sid in the list, or n when not listed. */
static size_t by_service(const struct full_ctx *f, int64_t sid)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->d[i].id == sid)
            return i;
    return f->n;
}

/* A service_texts row: service id, component, text_id, text_en. */
static void full_text(struct db_stmt *st, void *ctx)
{
    struct full_ctx *f = ctx;
    size_t i = by_service(f, db_col_int(st, 0));
    const char *key = db_col_text(st, 1);
    for (int c = 0; i < f->n && key && c < COMP__COUNT; c++)
        if (strcmp(key, service_component_key((enum service_component)c)) ==
            0) {
            f->d[i].comp[c].id = arena_strdup(f->a, db_col_text(st, 2));
            f->d[i].comp[c].en = arena_strdup(f->a, db_col_text(st, 3));
        }
}

/* A service_requirements row: service id, then requirement_row()'s. */
static void full_requirement(struct db_stmt *st, void *ctx)
{
    struct full_ctx *f = ctx;
    size_t i = by_service(f, db_col_int(st, 0));
    if (i == f->n)
        return;
    struct service_def *d = &f->d[i];
    d->reqs =
        arena_grow(f->a, d->reqs, d->n_reqs, &f->cap[i], sizeof(*d->reqs));
    struct requirement *r = &d->reqs[d->n_reqs++];
    r->code = arena_strdup(f->a, db_col_text(st, 1));
    r->name.id = arena_strdup(f->a, db_col_text(st, 2));
    r->name.en = arena_strdup(f->a, db_col_text(st, 3));
    r->mandatory = db_col_int(st, 4) != 0;
    r->mandatory_levels = catalogue_levels_parse(db_col_text(st, 5));
}

/* A service_steps row: service id, then step_row()'s. */
static void full_step(struct db_stmt *st, void *ctx)
{
    struct full_ctx *f = ctx;
    size_t i = by_service(f, db_col_int(st, 0));
    if (i == f->n)
        return;
    struct service_def *d = &f->d[i];
    d->steps =
        arena_grow(f->a, d->steps, d->n_steps, &f->cap[i], sizeof(*d->steps));
    struct sop_step *p = &d->steps[d->n_steps++];
    p->code = arena_strdup(f->a, db_col_text(st, 1));
    p->name.id = arena_strdup(f->a, db_col_text(st, 2));
    p->name.en = arena_strdup(f->a, db_col_text(st, 3));
    if (!role_parse(db_col_text(st, 4), &p->role))
        p->role = ROLE_BACK;
    if (!step_state_parse(db_col_text(st, 5), &p->state))
        p->state = STEP_IN_PROCESS;
}

enum err catalogue_list_full(struct db *db, struct arena *a,
                             const struct service_filter *f,
                             struct service_def **items, size_t *n_items)
{
    enum err rc = catalogue_list(db, a, f, items, n_items);
    if (rc != ERR_OK || *n_items == 0)
        return rc;
    struct full_ctx c = {.d = *items, .n = *n_items, .a = a};
    c.cap = arena_alloc(a, c.n * sizeof(*c.cap));
    memset(c.cap, 0, c.n * sizeof(*c.cap));
    /* One query per component table, for every current version. */
    rc = db_each(db, full_text, &c,
                 "SELECT s.id, t.component, t.text_id, t.text_en"
                 " FROM service_texts t JOIN service_versions v ON v.id ="
                 " t.version_id JOIN services s ON s.id = v.service_id AND"
                 " s.current_version = v.version WHERE v.id > $1",
                 DV_INT(0));
    if (rc == ERR_OK)
        rc = db_each(db, full_requirement, &c,
                     "SELECT s.id, r.code, r.name_id, r.name_en,"
                     " r.mandatory, r.mandatory_levels FROM"
                     " service_requirements r JOIN"
                     " service_versions v ON v.id = r.version_id JOIN services"
                     " s ON s.id = v.service_id AND s.current_version ="
                     " v.version WHERE v.id > $1 ORDER BY s.id, r.ord",
                     DV_INT(0));
    if (rc == ERR_OK) {
        memset(c.cap, 0, c.n * sizeof(*c.cap));
        rc = db_each(db, full_step, &c,
                     "SELECT s.id, p.code, p.name_id, p.name_en, p.role,"
                     " p.state FROM service_steps p JOIN service_versions v ON"
                     " v.id = p.version_id JOIN services s ON s.id ="
                     " v.service_id AND s.current_version = v.version WHERE"
                     " v.id > $1 ORDER BY s.id, p.ord",
                     DV_INT(0));
    }
    return rc;
}

enum err catalogue_save(struct db *db, const struct service_def *def,
                        int64_t user_id, int64_t now, int *version)
{
    struct arena *a = arena_new();
    int64_t service_id = 0, current = 0;
    enum err rc = db_run(db, NULL,
                         "INSERT INTO services (code, current_version, active)"
                         " VALUES ($1, 0, 1) ON CONFLICT (code) DO NOTHING",
                         DV_TEXT(def->code));
    if (rc == ERR_OK)
        rc = db_int(db, &service_id, "SELECT id FROM services WHERE code = $1",
                    DV_TEXT(def->code));
    if (rc == ERR_OK)
        rc = db_int(db, &current,
                    "SELECT current_version FROM services WHERE id = $1",
                    DV_INT(service_id));
    int64_t vid = 0;
    int next = (int)current + 1;
    if (rc == ERR_OK)
        rc = db_int(
            db, &vid,
            "INSERT INTO service_versions (service_id, version, category,"
            " name_id, name_en, accepted_levels, agency_code, time_amount,"
            " time_unit, fee, created_at, created_by, asks_purpose) VALUES"
            " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            " RETURNING id",
            DV_INT(service_id), DV_INT(next), DV_TEXT(def->category),
            DV_TEXT(def->name.id), DV_TEXT(def->name.en ? def->name.en : ""),
            DV_TEXT(catalogue_levels_text(a, def->accepted_levels)),
            DV_TEXT(def->agency && *def->agency ? def->agency : NULL),
            DV_INT(def->time_amount), DV_TEXT(time_unit_code(def->time_unit)),
            DV_INT(def->fee), DV_INT(now), user_id ? DV_INT(user_id) : DV_NULL,
            DV_INT(def->asks_purpose ? 1 : 0));
    for (int c = 0; rc == ERR_OK && c < COMP__COUNT; c++)
        rc = db_run(db, NULL,
                    "INSERT INTO service_texts (version_id, component,"
                    " text_id, text_en) VALUES ($1, $2, $3, $4)",
                    DV_INT(vid),
                    DV_TEXT(service_component_key((enum service_component)c)),
                    DV_TEXT(def->comp[c].id ? def->comp[c].id : ""),
                    DV_TEXT(def->comp[c].en ? def->comp[c].en : ""));
    for (size_t i = 0; rc == ERR_OK && i < def->n_reqs; i++) {
        const struct requirement *r = &def->reqs[i];
        rc = db_run(db, NULL,
                    "INSERT INTO service_requirements (version_id, ord, code,"
                    " name_id, name_en, mandatory, mandatory_levels) VALUES"
                    " ($1, $2, $3, $4, $5, $6, $7)",
                    DV_INT(vid), DV_INT(i), DV_TEXT(r->code),
                    DV_TEXT(r->name.id), DV_TEXT(r->name.en ? r->name.en : ""),
                    DV_INT(r->mandatory ? 1 : 0),
                    DV_TEXT(catalogue_levels_text(a, r->mandatory_levels)));
    }
    for (size_t i = 0; rc == ERR_OK && i < def->n_steps; i++) {
        const struct sop_step *s = &def->steps[i];
        rc = db_run(db, NULL,
                    "INSERT INTO service_steps (version_id, ord, code,"
                    " name_id, name_en, role, state) VALUES ($1, $2, $3, $4,"
                    " $5, $6, $7)",
                    DV_INT(vid), DV_INT(i), DV_TEXT(s->code),
                    DV_TEXT(s->name.id), DV_TEXT(s->name.en ? s->name.en : ""),
                    DV_TEXT(role_code(s->role)),
                    DV_TEXT(step_state_code(s->state)));
    }
    if (rc == ERR_OK)
        rc = db_run(db, NULL,
                    "UPDATE services SET current_version = $1 WHERE id = $2",
                    DV_INT(next), DV_INT(service_id));
    if (rc == ERR_OK && version)
        *version = next;
    arena_free(a);
    return rc;
}

enum err catalogue_set_active(struct db *db, const char *code, bool active)
{
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed, "UPDATE services SET active = $1 WHERE code = $2",
               DV_INT(active ? 1 : 0), DV_TEXT(code));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

enum err catalogue_put_category(struct db *db, const char *code,
                                const char *name_id, const char *name_en,
                                int ord)
{
    return db_run(db, NULL,
                  "INSERT INTO categories (code, name_id, name_en, ord)"
                  " VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO UPDATE"
                  " SET name_id = excluded.name_id,"
                  " name_en = excluded.name_en, ord = excluded.ord",
                  DV_TEXT(code), DV_TEXT(name_id), DV_TEXT(name_en),
                  DV_INT(ord));
}

static void id_copy_v(struct arena *a, const void *src, void *out)
{
    (void)a;
    *(int64_t *)out = *(const int64_t *)src;
}

enum err catalogue_service_id(struct db *db, const char *code, int64_t *id)
{
    if (!code || strlen(code) > 64)
        return ERR_NOT_FOUND;
    int64_t cv = 0;
    enum err rc = data_version(db, DATA_CATALOGUE, &cv);
    if (rc != ERR_OK)
        return rc;
    struct vcache *c =
        db_shared(db, DB_SLOT_CATALOGUE, cache_make, cache_destroy);
    char key[80];
    snprintf(key, sizeof(key), "i:%s", code);
    if (vcache_get(c, key, cv, id_copy_v, NULL, id))
        return ERR_OK;
    rc = db_int(db, id, "SELECT id FROM services WHERE code = $1",
                DV_TEXT(code));
    if (rc == ERR_OK && !db_in_tx(db)) {
        struct arena *own = arena_new();
        int64_t *keep = arena_alloc(own, sizeof(*keep));
        *keep = *id;
        vcache_put(c, key, cv, own, keep, sizeof(*keep));
    }
    return rc;
}

enum err catalogue_code_of(struct db *db, struct arena *a, int64_t id,
                           const char **code)
{
    return db_get_one(db, a, db_row_text, code,
                      "SELECT code FROM services WHERE id = $1", DV_INT(id));
}

enum err catalogue_count_active(struct db *db, int64_t *n)
{
    return db_int(db, n, "SELECT COUNT(*) FROM services WHERE active = $1",
                  DV_INT(1));
}
