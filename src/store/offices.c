/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* offices.c: offices, regions and categories (see offices.h). */
#include "store/offices.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/vcache.h"
#include "store/db.h"
#include "store/versions.h"

/* Columns read by office_row(), in order. */
#define OFFICE_COLS                                                            \
    "o.id, o.code, o.level, o.region_code, o.name, o.address, o.phone,"        \
    " o.hours, o.utc_offset_min, o.service_point_since,"                       \
    " (SELECT d.name FROM regions d WHERE d.level = 'district' AND"            \
    "  d.code = substr(o.region_code, 1, 8)),"                                 \
    " o.lat_e6, o.lon_e6, o.accepted_services"

static void office_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct office *o = out;
    memset(o, 0, sizeof(*o));
    o->id = db_col_int(st, 0);
    o->code = arena_strdup(a, db_col_text(st, 1));
    if (!office_level_parse(db_col_text(st, 2), &o->level))
        o->level = OFFICE_KECAMATAN;
    o->region_code = arena_strdup(a, db_col_text(st, 3));
    o->name = arena_strdup(a, db_col_text(st, 4));
    o->address = arena_strdup(a, db_col_text(st, 5));
    o->phone = arena_strdup(a, db_col_text(st, 6));
    if (!hours_parse(db_col_text(st, 7), &o->hours))
        hours_parse(HOURS_DEFAULT, &o->hours);
    o->utc_offset_min = (int)db_col_int(st, 8);
    o->service_point_since = arena_strdup(a, db_col_text(st, 9));
    o->district_name = arena_strdup(a, db_col_text(st, 10));
    o->has_position = !db_col_is_null(st, 11) && !db_col_is_null(st, 12);
    o->lat_e6 = db_col_int(st, 11);
    o->lon_e6 = db_col_int(st, 12);
    o->accepted_services =
        db_col_is_null(st, 13) ? NULL : arena_strdup(a, db_col_text(st, 13));
}

/*
 * Office rows are cached per database (by code and by id), stamped with
 * the catalogue version (store/versions.h), which every change of offices
 * or regions raises.
 */
static void *cache_make(void)
{
    return vcache_new(2048, 8u << 20);
}

static void cache_destroy(void *c)
{
    vcache_free(c);
}

void office_copy(struct arena *a, const struct office *src, struct office *o)
{
    *o = *src;
    o->code = arena_strdup(a, src->code);
    o->region_code = arena_strdup(a, src->region_code);
    o->name = arena_strdup(a, src->name);
    o->address = arena_strdup(a, src->address);
    o->phone = arena_strdup(a, src->phone);
    o->service_point_since = arena_strdup(a, src->service_point_since);
    o->district_name = arena_strdup(a, src->district_name);
    o->accepted_services = arena_strdup(a, src->accepted_services);
}

static void office_copy_v(struct arena *a, const void *src, void *out)
{
    office_copy(a, src, out);
}

/* One office by key ("c:CODE" or "i:ID"), from the cache or the query. */
static enum err office_cached(struct db *db, struct arena *a, const char *key,
                              const char *sql, struct db_val val,
                              struct office *out)
{
    int64_t version = 0;
    enum err rc = data_version(db, DATA_CATALOGUE, &version);
    if (rc != ERR_OK)
        return rc;
    struct vcache *c =
        db_shared(db, DB_SLOT_OFFICES, cache_make, cache_destroy);
    if (vcache_get(c, key, version, office_copy_v, a, out))
        return ERR_OK;
    rc = db_get_one_v(db, a, office_row, out, sql, &val, 1);
    if (rc == ERR_OK && !db_in_tx(db)) {
        struct arena *own = arena_new();
        struct office *keep = arena_alloc(own, sizeof(*keep));
        office_copy(own, out, keep);
        vcache_put(c, key, version, own, keep, arena_used(own));
    }
    return rc;
}

enum err offices_get(struct db *db, struct arena *a, const char *code,
                     struct office *out)
{
    if (!code || strlen(code) > 64)
        return ERR_NOT_FOUND; /* no office code is that long */
    char key[72];
    snprintf(key, sizeof(key), "c:%s", code);
    return office_cached(
        db, a, key, "SELECT " OFFICE_COLS " FROM offices o WHERE o.code = $1",
        DV_TEXT(code), out);
}

enum err offices_get_by_id(struct db *db, struct arena *a, int64_t id,
                           struct office *out)
{
    char key[32];
    snprintf(key, sizeof(key), "i:%lld", (long long)id);
    return office_cached(
        db, a, key, "SELECT " OFFICE_COLS " FROM offices o WHERE o.id = $1",
        DV_INT(id), out);
}

/* A list of offices, as the cache keeps it. */
struct office_list {
    struct office *items;
    size_t n;
};

static void list_copy(struct arena *a, const struct office_list *src,
                      struct office_list *out)
{
    out->n = src->n;
    out->items = arena_alloc(a, (src->n + 1) * sizeof(*out->items));
    for (size_t i = 0; i < src->n; i++)
        office_copy(a, &src->items[i], &out->items[i]);
}

static void list_copy_v(struct arena *a, const void *src, void *out)
{
    list_copy(a, src, out);
}

enum err offices_list(struct db *db, struct arena *a,
                      const struct office_filter *f, struct office **items,
                      size_t *n_items)
{
    const char *level =
        f->level >= 0 ? office_level_code((enum office_level)f->level) : NULL;
    const char *like = f->q && *f->q ? db_like_contains(a, f->q) : NULL;
    *items = NULL;
    *n_items = 0;
    /* Without a name to look for (the oversight pages, the directory),
     * the list comes from the cache of office rows, keyed by the filter. */
    char key[96] = "";
    int64_t version = 0;
    struct vcache *c = NULL;
    if (!like && (!f->district || strlen(f->district) <= 32)) {
        snprintf(key, sizeof(key), "l:%s:%d:%s", level ? level : "",
                 f->service_points_only ? 1 : 0,
                 f->district ? f->district : "");
        enum err vrc = data_version(db, DATA_CATALOGUE, &version);
        if (vrc != ERR_OK)
            return vrc;
        c = db_shared(db, DB_SLOT_OFFICES, cache_make, cache_destroy);
        struct office_list hit;
        if (vcache_get(c, key, version, list_copy_v, a, &hit)) {
            *items = hit.items;
            *n_items = hit.n;
            return ERR_OK;
        }
    }
    struct db_rows r;
    enum err rc = db_get_list(
        db, a, office_row, sizeof(**items), &r,
        "SELECT " OFFICE_COLS " FROM offices o"
        " WHERE (CAST($1 AS TEXT) IS NULL OR o.level = $1)"
        "   AND ($2 = 0 OR o.service_point_since IS NOT NULL)"
        "   AND (CAST($3 AS TEXT) IS NULL OR substr(o.region_code, 1, 8) = $3)"
        "   AND (CAST($4 AS TEXT) IS NULL OR lower(o.name) LIKE lower($4) "
        "ESCAPE '\\')"
        " ORDER BY o.code",
        DV_TEXT(level), DV_INT(f->service_points_only ? 1 : 0),
        DV_TEXT(f->district), DV_TEXT(like));
    *items = r.items;
    *n_items = r.n;
    if (rc == ERR_OK && c && !db_in_tx(db)) {
        struct arena *own = arena_new();
        struct office_list *keep = arena_alloc(own, sizeof(*keep));
        list_copy(own, &(struct office_list){r.items, r.n}, keep);
        vcache_put(c, key, version, own, keep, arena_used(own));
    }
    return rc;
}

enum err offices_update(struct db *db, const struct office *o)
{
    char hours[96];
    hours_format(&o->hours, hours, sizeof(hours));
    int64_t changed = 0;
    enum err rc =
        db_run(db, &changed,
               "UPDATE offices SET name = $1, address = $2,"
               " phone = $3, hours = $4, service_point_since = $5,"
               " lat_e6 = $7, lon_e6 = $8, accepted_services = $9"
               " WHERE id = $6",
               DV_TEXT(o->name), DV_TEXT(o->address), DV_TEXT(o->phone),
               DV_TEXT(hours), DV_TEXT(o->service_point_since), DV_INT(o->id),
               o->has_position ? DV_INT(o->lat_e6) : DV_NULL,
               o->has_position ? DV_INT(o->lon_e6) : DV_NULL,
               DV_TEXT(o->accepted_services));
    if (rc == ERR_OK && changed == 0)
        rc = ERR_NOT_FOUND;
    return rc;
}

static void region_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct region *r = out;
    r->code = arena_strdup(a, db_col_text(st, 0));
    r->name = arena_strdup(a, db_col_text(st, 1));
    r->level = arena_strdup(a, db_col_text(st, 2));
    r->parent = arena_strdup(a, db_col_text(st, 3));
    r->village_kind = arena_strdup(a, db_col_text(st, 4));
}

enum err regions_get(struct db *db, struct arena *a, const char *code,
                     struct region *out)
{
    return db_get_one(db, a, region_row, out,
                      "SELECT code, name, level, parent_code,"
                      " village_kind FROM regions WHERE code = $1",
                      DV_TEXT(code));
}

enum err regions_children(struct db *db, struct arena *a, const char *parent,
                          struct region **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, region_row, sizeof(**items), &r,
                              "SELECT code, name, level, parent_code,"
                              " village_kind FROM regions"
                              " WHERE parent_code = $1 ORDER BY code",
                              DV_TEXT(parent));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

static void category_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct category *c = out;
    c->code = arena_strdup(a, db_col_text(st, 0));
    c->name.id = arena_strdup(a, db_col_text(st, 1));
    c->name.en = arena_strdup(a, db_col_text(st, 2));
}

enum err categories_list(struct db *db, struct arena *a,
                         struct category **items, size_t *n_items)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, category_row, sizeof(**items), &r,
                              "SELECT code, name_id, name_en FROM categories"
                              " WHERE ord >= $1 ORDER BY ord, code",
                              DV_INT(0));
    *items = r.items;
    *n_items = r.n;
    return rc;
}

enum err offices_count_service_points(struct db *db, const char *date,
                                      int64_t *n)
{
    return db_int(db, n,
                  "SELECT COUNT(*) FROM offices WHERE"
                  " service_point_since <= $1",
                  DV_TEXT(date));
}
