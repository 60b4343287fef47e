/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* seed.c: reference data loading (see seed.h). */
#include "store/seed.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"
#include "base/ferr.h"
#include "base/params.h"
#include "core/hours.h"
#include "core/region.h"
#include "core/service.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/workcal.h"

static void report(struct seed_report *rep, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void report(struct seed_report *rep, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->error, sizeof(rep->error), fmt, ap);
    va_end(ap);
}

static int column(char **fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i], name) == 0)
            return (int)i;
    return -1;
}

static int parent_column(char **fields, size_t n, int code_col)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(fields[i]);
        if ((int)i != code_col && len > 5 &&
            strcmp(fields[i] + len - 5, "_code") == 0)
            return (int)i;
    }
    return -1;
}

/* Import rows of one CSV; inside the caller's transaction. */
static __attribute__((warn_unused_result)) enum err
regions_rows(struct db *db, struct arena *a, const char *data, size_t len,
             const char *label, struct seed_report *rep)
{
    struct csv_reader r;
    char *fields[CSV_MAX_FIELDS];
    size_t n = 0;
    csv_init(&r, data, len);
    enum err rc = csv_next(&r, a, fields, &n);
    if (rc != ERR_OK) {
        report(rep, "%s: empty or unreadable header", label);
        return ERR_INVALID;
    }
    int c_code = column(fields, n, "code");
    int c_name = column(fields, n, "name");
    int c_parent = parent_column(fields, n, c_code);
    int c_type = column(fields, n, "type");
    if (c_code < 0 || c_name < 0) {
        report(rep, "%s: header needs 'code' and 'name' columns", label);
        return ERR_INVALID;
    }
    size_t ncols = n;
    while ((rc = csv_next(&r, a, fields, &n)) == ERR_OK) {
        if (n != ncols) {
            report(rep, "%s line %zu: %zu fields, header has %zu", label,
                   r.line, n, ncols);
            return ERR_INVALID;
        }
        const char *code = fields[c_code];
        enum region_level level;
        if (!region_code_level(code, &level)) {
            report(rep, "%s line %zu: '%.40s' is not a region code", label,
                   r.line, code);
            return ERR_INVALID;
        }
        char parent[16] = "";
        if (level != REGION_PROVINCE)
            region_parent(code, parent);
        if (c_parent >= 0 && level != REGION_PROVINCE &&
            strcmp(parent, fields[c_parent]) != 0) {
            report(rep, "%s line %zu: parent '%.40s' does not match code %s",
                   label, r.line, fields[c_parent], code);
            return ERR_INVALID;
        }
        if (!*fields[c_name] || strlen(fields[c_name]) > 200) {
            report(rep, "%s line %zu: name missing or too long", label, r.line);
            return ERR_INVALID;
        }
        const char *kind = NULL;
        enum office_level ol;
        if (level == REGION_VILLAGE && region_village_kind(code, &ol))
            kind = office_level_code(ol);
        if (c_type >= 0 && level == REGION_VILLAGE && *fields[c_type])
            kind = fields[c_type];
        rc = db_run(db, NULL,
                    "INSERT INTO regions (code, parent_code, level, name,"
                    " village_kind) VALUES ($1, $2, $3, $4, $5)"
                    " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                    " village_kind = excluded.village_kind",
                    DV_TEXT(code), DV_TEXT(*parent ? parent : NULL),
                    DV_TEXT(region_level_code(level)), DV_TEXT(fields[c_name]),
                    DV_TEXT(kind));
        if (rc == ERR_CONFLICT) {
            report(rep, "%s line %zu: parent region %s is not loaded", label,
                   r.line, parent);
            return rc;
        }
        if (rc != ERR_OK) {
            report(rep, "%s line %zu: database error", label, r.line);
            return rc;
        }
        rep->regions++;
    }
    if (rc == ERR_INVALID) {
        report(rep, "%s line %zu: malformed CSV (quotes)", label, r.line);
        return rc;
    }
    return ERR_OK;
}

enum err seed_regions_csv(struct db *db, const char *data, size_t len,
                          const char *label, struct seed_report *rep)
{
    struct arena *a = arena_new();
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = regions_rows(db, a, data, len, label, rep);
    rc = db_tx_end(db, rc);
    arena_free(a);
    return rc;
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static struct text2 jtext(json_t *o, const char *key)
{
    json_t *t = json_object_get(o, key);
    struct text2 r = {jstr(t, "id"), jstr(t, "en")};
    return r;
}

/* Build a service_def from one catalogue entry (strings borrowed). */
static void service_from_json(json_t *js, struct arena *a,
                              struct service_def *d)
{
    memset(d, 0, sizeof(*d));
    d->code = jstr(js, "code");
    d->category = jstr(js, "category");
    d->name = jtext(js, "name");
    d->agency = json_string_value(json_object_get(js, "agency"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(js, "accepted_at"), i, v)
    {
        enum office_level l;
        if (office_level_parse(json_string_value(v), &l))
            d->accepted_levels |= 1u << l;
    }
    json_t *reqs = json_object_get(js, "requirements");
    d->n_reqs = json_array_size(reqs);
    d->reqs = arena_alloc(a, (d->n_reqs + 1) * sizeof(*d->reqs));
    json_array_foreach(reqs, i, v)
    {
        d->reqs[i].code = jstr(v, "code");
        d->reqs[i].name = jtext(v, "name");
        d->reqs[i].mandatory = json_is_true(json_object_get(v, "mandatory"));
        size_t k;
        json_t *lv;
        json_array_foreach(json_object_get(v, "mandatory_at"), k, lv)
        {
            enum office_level l;
            if (office_level_parse(json_string_value(lv), &l))
                d->reqs[i].mandatory_levels |= 1u << l;
        }
    }
    json_t *steps = json_object_get(js, "steps");
    d->n_steps = json_array_size(steps);
    d->steps = arena_alloc(a, (d->n_steps + 1) * sizeof(*d->steps));
    json_array_foreach(steps, i, v)
    {
        d->steps[i].code = jstr(v, "code");
        d->steps[i].name = jtext(v, "name");
        if (!role_parse(jstr(v, "role"), &d->steps[i].role))
            d->steps[i].role = ROLE__COUNT;
        if (!step_state_parse(jstr(v, "state"), &d->steps[i].state))
            d->steps[i].state = STEP_STATE__COUNT;
    }
    json_t *tl = json_object_get(js, "time_limit");
    d->time_amount = (int)json_integer_value(json_object_get(tl, "amount"));
    if (!time_unit_parse(jstr(tl, "unit"), &d->time_unit))
        d->time_amount = 0;
    d->fee = json_integer_value(json_object_get(js, "fee"));
    d->asks_purpose = json_is_true(json_object_get(js, "asks_purpose"));
    for (int c = 0; c < COMP__COUNT; c++)
        d->comp[c] =
            jtext(js, service_component_key((enum service_component)c));
    d->active = true;
}

static __attribute__((warn_unused_result)) enum err
catalogue_rows(struct db *db, struct arena *a, json_t *root, int64_t now,
               struct seed_report *rep)
{
    size_t i;
    json_t *v;
    enum err rc = ERR_OK;
    json_array_foreach(json_object_get(root, "categories"), i, v)
    {
        rc = catalogue_put_category(db, jstr(v, "code"), jtext(v, "name").id,
                                    jtext(v, "name").en, (int)i);
        if (rc != ERR_OK) {
            report(rep, "catalogue: category %zu not saved", i);
            return rc;
        }
    }
    json_array_foreach(json_object_get(root, "services"), i, v)
    {
        struct service_def d;
        service_from_json(v, a, &d);
        struct field_errors fe = {0};
        service_validate(&d, a, &fe);
        if (ferr_any(&fe)) {
            report(rep, "catalogue: service %zu (%.20s): %s: %s", i, d.code,
                   fe.items[0].field, fe.items[0].msg_en);
            return ERR_INVALID;
        }
        int64_t exists = 0;
        rc =
            db_int(db, &exists, "SELECT COUNT(*) FROM services WHERE code = $1",
                   DV_TEXT(d.code));
        if (rc == ERR_OK && !exists) {
            rc = catalogue_save(db, &d, 0, now, NULL);
            rep->services++;
        }
        if (rc != ERR_OK) {
            report(rep, "catalogue: service %s not saved", d.code);
            return rc;
        }
    }
    return ERR_OK;
}

enum err seed_catalogue(struct db *db, const char *json, size_t len,
                        int64_t now, struct seed_report *rep)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!root) {
        report(rep, "catalogue: JSON error at line %d: %s", jerr.line,
               jerr.text);
        return ERR_INVALID;
    }
    struct arena *a = arena_new();
    enum err rc = db_begin(db);
    if (rc == ERR_OK)
        rc = catalogue_rows(db, a, root, now, rep);
    rc = db_tx_end(db, rc);
    arena_free(a);
    json_decref(root);
    return rc;
}

/* Insert an office unless one with the code exists. */
static __attribute__((warn_unused_result)) enum err
put_office(struct db *db, const char *code, const char *level,
           const char *region, const char *name, const char *address,
           const char *hours, int offset, const char *since, int64_t now,
           struct seed_report *rep)
{
    int64_t changed = 0;
    enum err rc = db_run(
        db, &changed,
        "INSERT INTO offices (code, level, region_code, name, address, hours,"
        " utc_offset_min, service_point_since, created_at) VALUES ($1, $2,"
        " $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING",
        DV_TEXT(code), DV_TEXT(level), DV_TEXT(region), DV_TEXT(name),
        DV_TEXT(address), DV_TEXT(hours), DV_INT(offset), DV_TEXT(since),
        DV_INT(now));
    rep->offices += changed;
    return rc;
}

static bool in_list(json_t *list, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v)
    {
        if (strcmp(json_string_value(v) ? json_string_value(v) : "", s) == 0)
            return true;
    }
    return false;
}

/* A region that gets an office (offices_rows()), all arena text. */
struct region_office {
    char *code, *name, *level, *kind; /* the region */
    char *district, *regency;         /* the names of its district and
                                         regency */
};

static void region_office_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct region_office *r = out;
    r->code = arena_strdup(a, db_col_text(st, 0));
    r->name = arena_strdup(a, db_col_text(st, 1));
    r->level = arena_strdup(a, db_col_text(st, 2));
    r->kind = arena_strdup(a, db_col_text(st, 3));
    r->district = arena_strdup(a, db_col_text(st, 4));
    r->regency = arena_strdup(a, db_col_text(st, 5));
}

static __attribute__((warn_unused_result)) enum err
offices_rows(struct db *db, struct arena *a, json_t *cfg, int64_t now,
             struct seed_report *rep)
{
    const char *regency = jstr(cfg, "regency_code");
    const char *hours = jstr(cfg, "default_hours");
    int offset =
        (int)json_integer_value(json_object_get(cfg, "utc_offset_min"));
    json_t *sp = json_object_get(cfg, "service_points");
    const char *since = jstr(sp, "since");
    bool all_kec = json_is_true(json_object_get(sp, "all_kecamatan"));
    json_t *kel_in = json_object_get(sp, "kelurahan_in_districts");
    struct hours h;
    if (!hours_parse(hours, &h)) {
        report(rep, "regency settings: default_hours is malformed");
        return ERR_INVALID;
    }
    struct db_rows got;
    enum err rc = db_get_list(
        db, a, region_office_row, sizeof(struct region_office), &got,
        "SELECT r.code, r.name, r.level, r.village_kind, d.name, g.name"
        " FROM regions r"
        " JOIN regions g ON g.code = $1"
        " LEFT JOIN regions d ON d.code = r.parent_code AND r.level = "
        "'village'"
        " WHERE (r.level = 'district' AND r.parent_code = $1) OR"
        " (r.level = 'village' AND substr(r.code, 1, 5) = $1)"
        " ORDER BY r.code",
        DV_TEXT(regency));
    if (rc != ERR_OK)
        return rc;
    /* Collected first: one statement at a time keeps both drivers simple. */
    struct region_office *rows = got.items;
    size_t n = got.n;
    if (n == 0) {
        report(rep, "regency %s has no districts loaded", regency);
        return ERR_INVALID;
    }
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct region_office *r = &rows[i];
        if (strcmp(r->level, "district") == 0) {
            rc = put_office(
                db, r->code, "kecamatan", r->code,
                arena_printf(a, "Kantor Kecamatan %s", r->name),
                arena_printf(a, "Kecamatan %s, %s", r->name, r->regency), hours,
                offset, all_kec ? since : NULL, now, rep);
            continue;
        }
        bool kel = r->kind && strcmp(r->kind, "kelurahan") == 0;
        char district[16];
        region_parent(r->code, district);
        bool point = kel && in_list(kel_in, district);
        rc = put_office(db, r->code, kel ? "kelurahan" : "desa", r->code,
                        arena_printf(a, "Kantor %s %s",
                                     kel ? "Kelurahan" : "Desa", r->name),
                        arena_printf(a, "%s %s, Kecamatan %s, %s",
                                     kel ? "Kelurahan" : "Desa", r->name,
                                     r->district, r->regency),
                        hours, offset, point ? since : NULL, now, rep);
    }
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(cfg, "agencies"), i, v)
    {
        if (rc == ERR_OK)
            rc = put_office(db, jstr(v, "code"), "agency", regency,
                            jstr(v, "name"), jstr(v, "address"), hours, offset,
                            NULL, now, rep);
    }
    if (rc != ERR_OK && !rep->error[0])
        report(rep, "offices could not be written");
    return rc;
}

/* Give every office without a number the next free one, by code. */
static __attribute__((warn_unused_result)) enum err
number_offices(struct db *db, struct arena *a)
{
    struct db_rows r;
    enum err rc = db_get_list(db, a, db_row_int, sizeof(int64_t), &r,
                              "SELECT id FROM offices WHERE number IS NULL"
                              " AND id > $1 ORDER BY code",
                              DV_INT(0));
    const int64_t *ids = r.items;
    size_t n = r.n;
    int64_t top = 0;
    if (rc == ERR_OK && n) {
        rc = db_int(db, &top,
                    "SELECT COALESCE(MAX(number), 0) FROM offices WHERE"
                    " id > $1",
                    DV_INT(0));
    }
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        rc = db_run(db, NULL, "UPDATE offices SET number = $1 WHERE id = $2",
                    DV_INT(top + 1 + (int64_t)i), DV_INT(ids[i]));
    return rc;
}

enum err seed_regency(struct db *db, const char *settings_json,
                      seed_loader load, void *ctx, int64_t now,
                      struct seed_report *rep)
{
    json_error_t jerr;
    json_t *cfg = json_loads(settings_json, 0, &jerr);
    if (!cfg) {
        report(rep, "regency settings: JSON error at line %d: %s", jerr.line,
               jerr.text);
        return ERR_INVALID;
    }
    struct arena *a = arena_new();
    enum err rc = db_begin(db);
    /* One database serves one regency (ARCHITECTURE.md, "One database
     * per regency"): another regency's settings never overwrite these. */
    const char *stored = NULL;
    enum err src = rc == ERR_OK
                       ? seed_get_setting(db, a, "regency_code", &stored)
                       : ERR_NOT_FOUND;
    if (rc == ERR_OK && src != ERR_OK && src != ERR_NOT_FOUND)
        rc = src;
    if (rc == ERR_OK && src == ERR_OK &&
        strcmp(stored, jstr(cfg, "regency_code")) != 0) {
        report(rep,
               "this database belongs to regency %s, and the settings are "
               "for %s: one database serves one regency, so create another "
               "database for %s (--db URL)",
               stored, jstr(cfg, "regency_code"), jstr(cfg, "regency_code"));
        rc = ERR_CONFLICT;
    }
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(cfg, "regions"), i, v)
    {
        const char *path = json_string_value(v);
        size_t len = 0;
        const char *data = path ? load(ctx, path, &len) : NULL;
        if (rc == ERR_OK && !data) {
            report(rep, "regions file %s is missing", path ? path : "?");
            rc = ERR_NOT_FOUND;
        }
        if (rc == ERR_OK)
            rc = regions_rows(db, a, data, len, path, rep);
    }
    if (rc == ERR_OK)
        rc = offices_rows(db, a, cfg, now, rep);
    if (rc == ERR_OK)
        rc = seed_put_setting(db, "regency_code", jstr(cfg, "regency_code"));
    if (rc == ERR_OK)
        rc = seed_put_setting(
            db, "utc_offset_min",
            arena_printf(a, "%lld",
                         (long long)json_integer_value(
                             json_object_get(cfg, "utc_offset_min"))));
    /* Office numbers (for registration numbers): fixed once given. */
    if (rc == ERR_OK)
        rc = number_offices(db, a);
    json_array_foreach(json_object_get(cfg, "calendars"), i, v)
    {
        const char *path = json_string_value(v);
        size_t len = 0;
        const char *data = path ? load(ctx, path, &len) : NULL;
        if (rc == ERR_OK && !data) {
            report(rep, "calendar file %s is missing", path ? path : "?");
            rc = ERR_NOT_FOUND;
        }
        int64_t rows = 0;
        const char *error = NULL;
        if (rc == ERR_OK)
            rc =
                workcal_import_rows(db, a, data, len, path, now, &rows, &error);
        if (rc != ERR_OK && error)
            report(rep, "%s: %s", path, error);
        rep->holidays += rows;
    }
    const char *cat_path = jstr(cfg, "catalogue");
    size_t cat_len = 0;
    const char *cat = *cat_path ? load(ctx, cat_path, &cat_len) : NULL;
    json_t *root = NULL;
    if (rc == ERR_OK && cat) {
        root = json_loadb(cat, cat_len, 0, &jerr);
        if (!root) {
            report(rep, "%s: JSON error at line %d: %s", cat_path, jerr.line,
                   jerr.text);
            rc = ERR_INVALID;
        }
    }
    if (rc == ERR_OK && root)
        rc = catalogue_rows(db, a, root, now, rep);
    rc = db_tx_end(db, rc);
    json_decref(root);
    json_decref(cfg);
    arena_free(a);
    return rc;
}

enum err seed_put_setting(struct db *db, const char *name, const char *value)
{
    return db_run(db, NULL,
                  "INSERT INTO settings (name, value) VALUES ($1, $2)"
                  " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                  DV_TEXT(name), DV_TEXT(value));
}

enum err seed_utc_offset(struct db *db, int *offset)
{
    *offset = 0;
    struct arena *a = arena_new();
    const char *text = NULL;
    int64_t v = 0;
    enum err rc = seed_get_setting(db, a, "utc_offset_min", &text);
    if (rc == ERR_OK && !str_to_int(text, -720, 840, &v))
        rc = ERR_INVALID;
    if (rc == ERR_OK)
        *offset = (int)v;
    arena_free(a);
    return rc;
}

enum err seed_get_setting(struct db *db, struct arena *a, const char *name,
                          const char **value)
{
    return db_get_one(db, a, db_row_text, value,
                      "SELECT value FROM settings WHERE name = $1",
                      DV_TEXT(name));
}

enum err seed_regency_info(struct db *db, struct arena *a, const char **code,
                           const char **name)
{
    *name = NULL;
    enum err rc = seed_get_setting(db, a, "regency_code", code);
    if (rc != ERR_OK)
        return rc;
    rc = db_get_one(db, a, db_row_text, name,
                    "SELECT name FROM regions WHERE code = $1", DV_TEXT(*code));
    /* A regency code without its region row: the name stays unknown. */
    return rc == ERR_NOT_FOUND ? ERR_OK : rc;
}
