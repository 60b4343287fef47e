/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * admin.c: administration handlers: users and roles, API keys, offices
 * and service points, the service catalogue, the audit log. Every change
 * is one transaction together with its audit record.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "store/users.h"
#include "store/workcal.h"
#include "views/json.h"
#include "views/staff.h"

#define TEMP_PASSWORD_LEN 14

/*
 * A secret created by a form with a one-time token is shown on a page of
 * its own (POST-redirect-GET): ?shown=TOKEN takes it once. NULL when the
 * query has none or it was shown already; *was_shown tells the latter.
 * A database failure is returned (the secret then stays to be taken).
 */
static __attribute__((warn_unused_result)) enum err
take_shown(struct request *req, const char **secret, bool *was_shown)
{
    *was_shown = false;
    *secret = NULL;
    const char *t = params_get(&req->query, "shown");
    if (!t || strlen(t) != 32)
        return ERR_OK;
    struct svc_ctx c = app_svc(req);
    c.replay_scope = "form";
    c.replay_key = t;
    enum err rc = svc_replay_take_secret(&c, secret);
    if (rc == ERR_NOT_FOUND)
        return ERR_OK; /* no such form: nothing to show */
    if (rc == ERR_OK)
        *was_shown = !*secret;
    return rc;
}

/* Finish the transaction; on failure answer the error and return false. */
static bool tx_done(struct request *req, struct response *res, enum err rc)
{
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    return true;
}

static json_t *user_json(const struct user *u)
{
    return json_pack("{s:s,s:s,s:s,s:s?,s:b}", "login", u->login, "full_name",
                     u->full_name, "role", role_code(u->role), "office",
                     u->office_code, "disabled", u->disabled);
}

static __attribute__((warn_unused_result)) enum err
all_offices(struct request *req, struct office **items, size_t *n)
{
    struct office_filter f = {.level = -1};
    return offices_list(req->db, req->arena, &f, items, n);
}

/*
 * Check role and office for a user: office-bound roles need an office
 * (a region office, or an agency where the role allows it); regency-wide
 * roles have none. Fills u->role and u->office_id. A database failure
 * is returned.
 */
static __attribute__((warn_unused_result)) enum err
check_role_office(struct request *req, struct field_errors *fe, struct user *u,
                  bool is_self)
{
    enum role r;
    if (!role_parse(params_get(&req->form, "role"), &r)) {
        ferr_add(fe, req->arena, "role", "invalid_role", "Pilih peran.",
                 "Choose a role.");
        return ERR_OK;
    }
    if (!role_may_assign(&req->who, r, is_self)) {
        ferr_add(fe, req->arena, "role", "role_not_allowed",
                 "Anda tidak boleh mengubah peran Anda sendiri.",
                 "You may not change your own role.");
        return ERR_OK;
    }
    u->role = r;
    u->office_id = 0;
    const char *code = params_str(&req->form, req->arena, "office");
    struct office o;
    if (*code) {
        enum err rc = offices_get(req->db, req->arena, code, &o);
        if (rc == ERR_NOT_FOUND) {
            ferr_add(fe, req->arena, "office", "unknown_office",
                     "Kantor tidak dikenal.", "Unknown office.");
            return ERR_OK;
        }
        if (rc != ERR_OK)
            return rc;
        u->office_id = o.id;
    }
    if (role_needs_office(r) && !*code)
        ferr_add(fe, req->arena, "office", "office_required",
                 "Peran ini harus terikat pada satu kantor.",
                 "This role must be bound to one office.");
    else if (*code && role_is_regency_wide(r))
        ferr_add(fe, req->arena, "office", "office_not_allowed",
                 "Peran tingkat kabupaten tidak terikat pada kantor.",
                 "Regency-wide roles are not bound to an office.");
    else if (*code && o.level == OFFICE_AGENCY && !role_allows_agency(r))
        ferr_add(fe, req->arena, "office", "agency_not_allowed",
                 "Peran ini tidak dapat ditempatkan di perangkat daerah.",
                 "This role cannot be placed at a regency agency.");
    return ERR_OK;
}

static void check_full_name(struct request *req, struct field_errors *fe,
                            const char *name)
{
    if (!*name)
        ferr_add(fe, req->arena, "full_name", "required", "Wajib diisi.",
                 "Required.");
    else if (strlen(name) > 100)
        ferr_add(fe, req->arena, "full_name", "too_long",
                 "Paling banyak 100 karakter.", "At most 100 characters.");
}

static void show_calendar(struct request *req, struct response *res, int year,
                          const struct field_errors *fe,
                          const char *import_error);

static void show_users(struct request *req, struct response *res,
                       const struct field_errors *fe, const char *password)
{
    struct user *users;
    size_t n_users;
    struct office *offices;
    size_t n_offices;
    enum err rc = users_list(req->db, req->arena, &users, &n_users);
    if (rc == ERR_OK)
        rc = all_offices(req, &offices, &n_offices);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_users(&v, users, n_users, offices, n_offices, &req->form, fe,
               password);
}

void h_admin_users(struct request *req, struct response *res)
{
    bool was_shown = false;
    const char *password = NULL;
    enum err rc = take_shown(req, &password, &was_shown);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_users(req, res, NULL,
               was_shown ? L(req->lang,
                             "(sudah ditampilkan sekali; atur ulang bila "
                             "hilang)",
                             "(shown once already; reset it if lost)")
                         : password);
}

void h_admin_user_create(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    struct user u = {0};
    u.login = params_str(&req->form, req->arena, "login");
    u.full_name = params_str(&req->form, req->arena, "full_name");
    u.must_change_password = true;
    if (!user_login_valid(u.login))
        ferr_add(&fe, req->arena, "login", "invalid_login",
                 "3-32 karakter: huruf kecil, angka, titik, garis bawah "
                 "atau tanda hubung, diawali huruf.",
                 "3-32 characters: lower-case letters, digits, dot, "
                 "underscore or hyphen, starting with a letter.");
    check_full_name(req, &fe, u.full_name);
    enum err rc = check_role_office(req, &fe, &u, false);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        show_users(req, res, &fe, NULL);
        return;
    }
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) { /* the same form twice: the first result */
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/users?shown=%s", c.replay_key));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    char password[TEMP_PASSWORD_LEN + 1], hash[256];
    crypto_random_password(password, TEMP_PASSWORD_LEN);
    int64_t id = 0;
    db_snapshot_end(req->db); /* the hash takes a while and reads nothing */
    rc = crypto_password_hash(password, hash, sizeof(hash));
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = users_create(req->db, &u, hash, req->now, &id);
    if (rc == ERR_OK)
        rc = svc_replay_record_secret(&c, u.login, password);
    if (rc == ERR_OK) {
        struct user saved;
        rc = users_get_by_id(req->db, req->arena, id, &saved);
        json_t *after = rc == ERR_OK ? user_json(&saved) : NULL;
        if (rc == ERR_OK)
            rc = app_audit(req, "create", "user", u.login, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc == ERR_CONFLICT) {
        ferr_add(&fe, req->arena, "login", "taken",
                 "Nama pengguna ini sudah dipakai.",
                 "This user name is taken.");
        res->status = 422;
        show_users(req, res, &fe, NULL);
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (c.replay_key) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/users?shown=%s", c.replay_key));
        return;
    }
    res->status = 201;
    show_users(req, res, NULL, password);
}

static void show_user(struct request *req, struct response *res,
                      const struct user *u, const struct field_errors *fe,
                      const char *password)
{
    struct office *offices;
    size_t n;
    enum err rc = all_offices(req, &offices, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (!fe && !password && params_get(&req->query, "saved"))
        v.flash = L(req->lang, "Tersimpan.", "Saved.");
    view_user(&v, u, offices, n, fe, password);
}

void h_admin_user(struct request *req, struct response *res)
{
    struct user u;
    enum err rc = users_get(req->db, req->arena, req->path_args[0], &u);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_user(req, res, &u, NULL, NULL);
}

void h_admin_user_update(struct request *req, struct response *res)
{
    struct user before, u;
    enum err rc = users_get(req->db, req->arena, req->path_args[0], &before);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    u = before;
    bool is_self = before.id == req->who.user_id;
    struct field_errors fe = {0};
    u.full_name = params_str(&req->form, req->arena, "full_name");
    u.disabled = params_bool(&req->form, "disabled");
    check_full_name(req, &fe, u.full_name);
    rc = check_role_office(req, &fe, &u, is_self);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (is_self && u.disabled)
        ferr_add(&fe, req->arena, "disabled", "self_disable",
                 "Anda tidak dapat menonaktifkan akun Anda sendiri.",
                 "You cannot disable your own account.");
    if (!ferr_any(&fe) && role_has(before.role, PERM_USERS) &&
        !before.disabled && (!role_has(u.role, PERM_USERS) || u.disabled)) {
        int64_t admins = 0;
        rc = users_count_admins(req->db, &admins);
        if (rc != ERR_OK) { /* unknown: never demote on a guess */
            app_fail(req, res, rc);
            return;
        }
        if (admins <= 1)
            ferr_add(&fe, req->arena, "role", "last_admin",
                     "Ini administrator terakhir yang aktif.",
                     "This is the last active administrator.");
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        u.full_name = params_get(&req->form, "full_name");
        show_user(req, res, &u, &fe, NULL);
        return;
    }
    bool reset = params_bool(&req->form, "reset_password");
    char password[TEMP_PASSWORD_LEN + 1], hash[256];
    rc = ERR_OK;
    if (reset) {
        crypto_random_password(password, TEMP_PASSWORD_LEN);
        db_snapshot_end(req->db); /* the hash takes a while */
        rc = crypto_password_hash(password, hash, sizeof(hash));
    }
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = users_update(req->db, &u, req->now);
    if (rc == ERR_OK && reset) {
        rc = users_set_password(req->db, u.id, hash, true, req->now);
        if (rc == ERR_OK)
            rc = sessions_delete_user(req->db, u.id);
    }
    struct user after;
    if (rc == ERR_OK)
        rc = users_get_by_id(req->db, req->arena, u.id, &after);
    if (rc == ERR_OK) {
        json_t *jb = user_json(&before), *ja = user_json(&after);
        if (reset)
            json_object_set_new(ja, "password_reset", json_true());
        rc = app_audit(req, "update", "user", u.login, jb, ja);
        json_decref(jb);
        json_decref(ja);
    }
    if (!tx_done(req, res, rc))
        return;
    if (reset) {
        show_user(req, res, &after, NULL, password);
        return;
    }
    res_redirect(req, res,
                 arena_printf(req->arena, "/admin/users/%s?saved=1", u.login));
}

static void show_apikeys(struct request *req, struct response *res,
                         const char *new_key, const struct field_errors *fe)
{
    struct api_key *keys;
    size_t n_keys;
    struct user *users;
    size_t n_users;
    enum err rc = apikeys_list(req->db, req->arena, &keys, &n_keys);
    if (rc == ERR_OK)
        rc = users_list(req->db, req->arena, &users, &n_users);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_apikeys(&v, keys, n_keys, users, n_users, new_key, fe);
}

void h_admin_apikeys(struct request *req, struct response *res)
{
    bool was_shown = false;
    const char *key = NULL;
    enum err rc = take_shown(req, &key, &was_shown);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    show_apikeys(req, res,
                 was_shown ? L(req->lang,
                               "(sudah ditampilkan sekali; cabut dan buat "
                               "baru bila hilang)",
                               "(shown once already; revoke it and create "
                               "another if lost)")
                           : key,
                 NULL);
}

void h_admin_apikey_create(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    const char *login = params_str(&req->form, req->arena, "user");
    const char *label = params_str(&req->form, req->arena, "label");
    struct user u;
    enum err rc = users_get(req->db, req->arena, login, &u);
    if (rc == ERR_NOT_FOUND || (rc == ERR_OK && u.disabled))
        ferr_add(&fe, req->arena, "user", "unknown_user",
                 "Pilih pengguna aktif.", "Choose an active user.");
    else if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (!*label || strlen(label) > 100)
        ferr_add(&fe, req->arena, "label", "required",
                 "Isi keterangan (paling banyak 100 karakter).",
                 "Give a label (at most 100 characters).");
    if (ferr_any(&fe)) {
        res->status = 422;
        show_apikeys(req, res, NULL, &fe);
        return;
    }
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) { /* the same form twice: no second key */
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/apikeys?shown=%s", c.replay_key));
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    char key[56];
    int64_t id = 0;
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = apikeys_create(req->db, u.id, label, req->now, key, &id);
    if (rc == ERR_OK)
        rc = svc_replay_record_secret(
            &c, arena_printf(req->arena, "%lld", (long long)id), key);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)id, "user",
                                  u.login, "label", label);
        rc = app_audit(req, "create", "api_key",
                       arena_printf(req->arena, "%lld", (long long)id), NULL,
                       after);
        json_decref(after);
    }
    if (!tx_done(req, res, rc))
        return;
    if (c.replay_key) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/apikeys?shown=%s", c.replay_key));
        return;
    }
    res->status = 201;
    show_apikeys(req, res, key, NULL);
}

void h_admin_apikey_revoke(struct request *req, struct response *res)
{
    int64_t id = 0;
    if (!str_to_int(req->path_args[0], 1, INT64_MAX, &id)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = apikeys_revoke(req->db, id, req->now);
    if (rc == ERR_OK)
        rc = app_audit(req, "revoke", "api_key", req->path_args[0], NULL, NULL);
    if (!tx_done(req, res, rc))
        return;
    res_redirect(req, res, "/admin/apikeys");
}

/* The offices table, filtered by the query (q: name or code contains,
 * level, district: a kecamatan's code; unknown values filter nothing). */
void h_admin_offices(struct request *req, struct response *res)
{
    struct office_filter f = {.level = -1, .q_code = true};
    struct admin_offices_page p = {0};
    p.q = params_str(&req->query, req->arena, "q");
    f.q = *p.q ? p.q : NULL;
    enum office_level level;
    if (office_level_parse(params_get(&req->query, "level"), &level)) {
        f.level = (int)level;
        p.level = office_level_code(level);
    }
    struct office_filter df = {.level = OFFICE_KECAMATAN};
    struct office *ds = NULL;
    enum err rc = offices_list(req->db, req->arena, &df, &ds, &p.n_districts);
    p.districts = ds;
    const char *district = params_get(&req->query, "district");
    for (size_t i = 0; rc == ERR_OK && district && i < p.n_districts; i++)
        if (strcmp(district, p.districts[i].region_code) == 0)
            f.district = p.district = p.districts[i].region_code;
    struct office *items = NULL;
    size_t n = 0;
    if (rc == ERR_OK)
        rc = offices_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    p.today = app_today(req);
    struct view v = app_view(req, res);
    view_admin_offices(&v, items, n, &p);
}

/*
 * The office at the path, if the user may edit it: an administrator any,
 * a head of office only their own (ERR_DENIED otherwise).
 */
static __attribute__((warn_unused_result)) enum err
editable_office(struct request *req, struct office *o, bool *full)
{
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], o);
    *full = role_has(req->who.role, PERM_OFFICES);
    if (rc == ERR_OK && !*full && !scope_allows(&req->who, o->id))
        rc = ERR_DENIED;
    return rc;
}

/* The services a desa office may be limited to (an administrator's
 * choice, for the subset of a desa service point); none otherwise. */
static enum err subset_services(struct request *req, const struct office *o,
                                bool full, struct service_def **items,
                                size_t *n)
{
    *items = NULL;
    *n = 0;
    if (!full || o->level != OFFICE_DESA)
        return ERR_OK;
    struct service_filter f = {.level = (int)o->level, .day = app_today(req)};
    return catalogue_list(req->db, req->arena, &f, items, n);
}

void h_admin_office(struct request *req, struct response *res)
{
    struct office o;
    bool full = false;
    enum err rc = editable_office(req, &o, &full);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct closure *closures;
    size_t n_closures;
    rc = workcal_closures(req->db, req->arena, o.id, &closures, &n_closures);
    struct service_def *svcs = NULL;
    size_t n_svcs = 0;
    if (rc == ERR_OK)
        rc = subset_services(req, &o, full, &svcs, &n_svcs);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (params_get(&req->query, "saved"))
        v.flash = L(req->lang, "Tersimpan.", "Saved.");
    view_admin_office(&v, &o, NULL, NULL, full, closures, n_closures, svcs,
                      n_svcs);
}

static json_t *office_json(const struct office *o)
{
    char hours[96];
    hours_format(&o->hours, hours, sizeof(hours));
    char lat[16] = "", lon[16] = "";
    if (o->has_position) {
        office_format_coord(o->lat_e6, lat);
        office_format_coord(o->lon_e6, lon);
    }
    return json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?}", "name", o->name,
                     "address", o->address, "phone", o->phone, "hours", hours,
                     "service_point_since", o->service_point_since, "lat",
                     o->has_position ? lat : NULL, "lon",
                     o->has_position ? lon : NULL, "accepted_services",
                     o->accepted_services);
}

/* Read the office form into o (copy of the stored one); errors to fe. */
static void office_from_form(struct request *req, struct office *o,
                             struct field_errors *fe, bool full)
{
    if (full)
        o->name = params_str(&req->form, req->arena, "name");
    o->address = params_str(&req->form, req->arena, "address");
    o->phone = params_str(&req->form, req->arena, "phone");
    const char *since =
        full ? params_str(&req->form, req->arena, "service_point_since")
             : (o->service_point_since ? o->service_point_since : "");
    if (!*o->name || strlen(o->name) > 200)
        ferr_add(fe, req->arena, "name", "required",
                 "Isi nama kantor (paling banyak 200 karakter).",
                 "Give the office name (at most 200 characters).");
    if (strlen(o->address) > 300)
        ferr_add(fe, req->arena, "address", "too_long",
                 "Paling banyak 300 karakter.", "At most 300 characters.");
    if (strlen(o->phone) > 30 ||
        strspn(o->phone, "0123456789+-() ") != strlen(o->phone))
        ferr_add(fe, req->arena, "phone", "invalid_phone",
                 "Nomor telepon: angka, spasi, + - ( ) saja.",
                 "Phone number: digits, spaces and + - ( ) only.");
    struct civil_date d;
    if (*since && !civil_parse_date(since, &d))
        ferr_add(fe, req->arena, "service_point_since", "invalid_date",
                 "Tanggal tidak valid; gunakan TTTT-BB-HH.",
                 "Not a valid date; use YYYY-MM-DD.");
    else if (*since && o->level == OFFICE_AGENCY)
        ferr_add(fe, req->arena, "service_point_since", "agency",
                 "Perangkat daerah bukan titik layanan.",
                 "A regency agency is not a service point.");
    o->service_point_since = *since ? since : NULL;
    const char *lat = params_str(&req->form, req->arena, "lat");
    const char *lon = params_str(&req->form, req->arena, "lon");
    if (!*lat && !*lon) {
        o->has_position = false;
    } else if (!office_parse_coord(lat, 90, &o->lat_e6) ||
               !office_parse_coord(lon, 180, &o->lon_e6)) {
        ferr_add(fe, req->arena, "lat", "invalid_position",
                 "Lintang -90 sampai 90 dan bujur -180 sampai 180, derajat "
                 "desimal (mis. -8.2194 dan 114.3691).",
                 "Latitude -90 to 90 and longitude -180 to 180, decimal "
                 "degrees (e.g. -8.2194 and 114.3691).");
    } else {
        o->has_position = true;
    }
    if (full && o->level == OFFICE_DESA) {
        struct buf only;
        buf_init(&only, 8192);
        for (size_t i = 0; i < params_count(&req->form, "only"); i++) {
            const char *code = params_nth(&req->form, "only", i);
            if (strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
                    strlen(code) ||
                !*code)
                continue;
            if (only.len)
                buf_putc(&only, ',');
            buf_puts(&only, code);
        }
        o->accepted_services =
            only.len ? arena_strdup(req->arena, buf_cstr(&only)) : NULL;
        if (only.overflow)
            ferr_add(fe, req->arena, "only", "too_many",
                     "Terlalu banyak layanan.", "Too many services.");
        buf_free(&only);
    }
    for (int d2 = 0; d2 < 7; d2++) {
        char fo[24], fc[24];
        snprintf(fo, sizeof(fo), "open_%d", d2);
        snprintf(fc, sizeof(fc), "close_%d", d2);
        const char *open = params_str(&req->form, req->arena, fo);
        const char *close = params_str(&req->form, req->arena, fc);
        if (!*open && !*close) {
            o->hours.open[d2] = o->hours.close[d2] = -1;
            continue;
        }
        int om = 0, cm = 0;
        if (!civil_parse_hhmm(open, &om) || !civil_parse_hhmm(close, &cm) ||
            cm <= om)
            ferr_add(fe, req->arena, fo, "invalid_hours",
                     "Isi jam buka dan tutup (JJ:MM), tutup setelah buka.",
                     "Give opening and closing times (HH:MM), closing "
                     "after opening.");
        o->hours.open[d2] = om;
        o->hours.close[d2] = cm;
    }
    bool any_open = false;
    for (int d2 = 0; d2 < 7; d2++)
        any_open |= o->hours.open[d2] >= 0;
    if (!any_open)
        ferr_add(fe, req->arena, "open_1", "no_open_day",
                 "Kantor harus buka minimal satu hari dalam seminggu.",
                 "The office must open on at least one day a week.");
}

void h_admin_office_update(struct request *req, struct response *res)
{
    struct office before, o;
    bool full = false;
    enum err rc = editable_office(req, &before, &full);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    o = before;
    struct field_errors fe = {0};
    office_from_form(req, &o, &fe, full);
    /* A desa office becomes a service point only when its last
     * self-assessment meets every mandatory item, or with a written
     * reason (audited below). */
    const char *override = NULL;
    if (!ferr_any(&fe) && !before.service_point_since &&
        o.service_point_since) {
        struct assessment last;
        rc = assessments_latest(req->db, req->arena, o.id, &last);
        bool assessed = rc == ERR_OK;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        const char *reason =
            params_text(&req->form, req->arena, "readiness_override");
        switch (readiness_service_point(o.level == OFFICE_DESA, assessed,
                                        assessed && last.score.all_mandatory,
                                        reason)) {
        case SPV_ALLOWED:
            break;
        case SPV_OVERRIDDEN:
            override = reason;
            break;
        case SPV_NOT_ASSESSED:
            ferr_add(&fe, req->arena, "service_point_since", "not_assessed",
                     "Kantor desa ini belum menilai kesiapannya. Isi alasan "
                     "tertulis untuk tetap mengaktifkan.",
                     "This desa office has not assessed its readiness. Give "
                     "a written reason to enable it all the same.");
            break;
        case SPV_NOT_READY:
            ferr_add(
                &fe, req->arena, "service_point_since", "not_ready",
                arena_printf(req->arena,
                             "Penilaian terakhir memenuhi %d dari %d "
                             "butir wajib. Isi alasan tertulis untuk "
                             "tetap mengaktifkan.",
                             last.score.mandatory_met, last.score.mandatory),
                arena_printf(req->arena,
                             "The last assessment meets %d of %d "
                             "mandatory items. Give a written reason to "
                             "enable it all the same.",
                             last.score.mandatory_met, last.score.mandatory));
            break;
        }
        if (override && strlen(override) > 500)
            ferr_add(&fe, req->arena, "readiness_override", "too_long",
                     "Paling banyak 500 karakter.", "At most 500 characters.");
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        struct service_def *svcs = NULL;
        size_t n_svcs = 0;
        rc = subset_services(req, &before, full, &svcs, &n_svcs);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        struct view v = app_view(req, res);
        view_admin_office(&v, &before, &req->form, &fe, full, NULL, 0, svcs,
                          n_svcs);
        return;
    }
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = offices_update(req->db, &o);
    if (rc == ERR_OK) {
        json_t *jb = office_json(&before), *ja = office_json(&o);
        rc = app_audit(req, "update", "office", o.code, jb, ja);
        json_decref(jb);
        json_decref(ja);
    }
    if (rc == ERR_OK && override) {
        json_t *why = json_pack("{s:s,s:s}", "service_point_since",
                                o.service_point_since, "reason", override);
        rc = app_audit(req, "service_point_override", "office", o.code, NULL,
                       why);
        json_decref(why);
    }
    if (!tx_done(req, res, rc))
        return;
    res_redirect(req, res,
                 arena_printf(req->arena, "/admin/offices/%s?saved=1", o.code));
}

void h_admin_audit(struct request *req, struct response *res)
{
    const char *entity = params_get(&req->query, "entity");
    const char *key = params_get(&req->query, "key");
    struct audit_entry *items;
    size_t n;
    enum err rc =
        audit_list(req->db, req->arena, entity && *entity ? entity : NULL,
                   key && *key ? key : NULL, 500, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_audit(&v, items, n);
}

/* Office closures: an administrator or the office's head. */
void h_admin_closure_add(struct request *req, struct response *res)
{
    struct office o;
    bool full = false;
    enum err rc = editable_office(req, &o, &full);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct field_errors fe = {0};
    const char *day = params_str(&req->form, req->arena, "day");
    const char *reason = params_str(&req->form, req->arena, "reason");
    struct civil_date d;
    if (!civil_parse_date(day, &d))
        ferr_add(&fe, req->arena, "day", "invalid_date",
                 "Tanggal tidak valid; gunakan TTTT-BB-HH.",
                 "Not a valid date; use YYYY-MM-DD.");
    if (!*reason || strlen(reason) > 200)
        ferr_add(&fe, req->arena, "reason", "required",
                 "Isi alasan (paling banyak 200 karakter).",
                 "Give a reason (at most 200 characters).");
    if (ferr_any(&fe)) {
        res->status = 422;
        struct view v = app_view(req, res);
        view_admin_office(&v, &o, NULL, &fe, full, NULL, 0, NULL, 0);
        return;
    }
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = workcal_put_closure(req->db, o.id, day, reason);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:s,s:s}", "day", day, "reason", reason);
        rc = app_audit(req, "add_closure", "office", o.code, NULL, after);
        json_decref(after);
    }
    if (!tx_done(req, res, rc))
        return;
    res_redirect(req, res,
                 arena_printf(req->arena, "/admin/offices/%s?saved=1", o.code));
}

void h_admin_closure_delete(struct request *req, struct response *res)
{
    struct office o;
    bool full = false;
    enum err rc = editable_office(req, &o, &full);
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = workcal_delete_closure(req->db, o.id, req->path_args[1]);
    if (rc == ERR_OK) {
        json_t *before = json_pack("{s:s}", "day", req->path_args[1]);
        rc = app_audit(req, "remove_closure", "office", o.code, before, NULL);
        json_decref(before);
    }
    if (!tx_done(req, res, rc))
        return;
    res_redirect(req, res,
                 arena_printf(req->arena, "/admin/offices/%s?saved=1", o.code));
}

void h_admin_calendar(struct request *req, struct response *res)
{
    int64_t year = 0;
    if (params_int(&req->query, "year", 2000, 2100, &year) != ERR_OK) {
        struct civil_date today;
        year = civil_parse_date(app_today(req), &today) ? today.year : 2026;
    }
    show_calendar(req, res, (int)year, NULL, NULL);
}

/* From 1 November on: next year's calendar is not loaded yet. */
static bool next_year_missing(struct request *req, const int *years,
                              size_t n_years)
{
    struct civil_date today;
    if (!civil_parse_date(app_today(req), &today) || today.month < 11)
        return false;
    for (size_t i = 0; i < n_years; i++)
        if (years[i] == today.year + 1)
            return false;
    return true;
}

/* "Diimpor: ..." after an import (the counts from the redirect), or NULL. */
static const char *import_flash(struct request *req)
{
    int64_t added = 0, replaced = 0, unchanged = 0;
    if (params_int(&req->query, "added", 0, 100000, &added) != ERR_OK ||
        params_int(&req->query, "replaced", 0, 100000, &replaced) != ERR_OK ||
        params_int(&req->query, "unchanged", 0, 100000, &unchanged) != ERR_OK)
        return NULL;
    long long all =
        (long long)added + (long long)replaced + (long long)unchanged;
    if (req->lang == LANG_EN)
        return arena_printf(req->arena,
                            "Imported: %lld days saved (%lld new, %lld "
                            "replaced, %lld already the same).",
                            all, (long long)added, (long long)replaced,
                            (long long)unchanged);
    return arena_printf(req->arena,
                        "Diimpor: %lld hari disimpan (%lld baru, %lld "
                        "diganti, %lld sudah sama).",
                        all, (long long)added, (long long)replaced,
                        (long long)unchanged);
}

static void show_calendar(struct request *req, struct response *res, int year,
                          const struct field_errors *fe,
                          const char *import_error)
{
    struct holiday *items;
    size_t n;
    int *years;
    size_t n_years;
    enum err rc = workcal_holidays(req->db, req->arena, year, &items, &n);
    if (rc == ERR_OK)
        rc = workcal_years(req->db, req->arena, &years, &n_years);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (!fe && !import_error) {
        v.flash = import_flash(req);
        if (!v.flash && params_get(&req->query, "saved"))
            v.flash = L(req->lang, "Tersimpan.", "Saved.");
    }
    struct calendar_page p = {
        .year = year,
        .items = items,
        .n_items = n,
        .years = years,
        .n_years = n_years,
        .fe = fe,
        .sent = req->method == HTTP_POST ? &req->form : NULL,
        .import_error = import_error,
        .next_year_missing = next_year_missing(req, years, n_years),
    };
    view_calendar(&v, &p);
}

void h_admin_calendar_add(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    struct holiday h = {
        .day = params_str(&req->form, req->arena, "day"),
        .kind = params_str(&req->form, req->arena, "kind"),
        .name_id = params_str(&req->form, req->arena, "name_id"),
        .name_en = params_str(&req->form, req->arena, "name_en"),
    };
    struct civil_date d = {0};
    if (!civil_parse_date(h.day, &d))
        ferr_add(&fe, req->arena, "day", "invalid_date",
                 "Tanggal tidak valid; gunakan TTTT-BB-HH.",
                 "Not a valid date; use YYYY-MM-DD.");
    if (strcmp(h.kind, "libur_nasional") != 0 &&
        strcmp(h.kind, "cuti_bersama") != 0)
        ferr_add(&fe, req->arena, "kind", "invalid_kind",
                 "Pilih libur nasional atau cuti bersama.",
                 "Choose national holiday or collective leave.");
    if (!*h.name_id || strlen(h.name_id) > 200 || strlen(h.name_en) > 200)
        ferr_add(&fe, req->arena, "name_id", "required",
                 "Isi nama hari libur (paling banyak 200 karakter).",
                 "Give the holiday's name (at most 200 characters).");
    if (!*h.name_en)
        h.name_en = h.name_id;
    if (ferr_any(&fe)) {
        res->status = 422;
        struct civil_date today;
        int year = d.year                                     ? d.year
                   : civil_parse_date(app_today(req), &today) ? today.year
                                                              : 2026;
        show_calendar(req, res, year, &fe, NULL);
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = workcal_put_holiday(req->db, &h, req->now);
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:s,s:s,s:s,s:s}", "day", h.day, "kind", h.kind,
                      "name_id", h.name_id, "name_en", h.name_en);
        rc = app_audit(req, "put_holiday", "calendar", h.day, NULL, after);
        json_decref(after);
    }
    if (!tx_done(req, res, rc))
        return;
    res_redirect(
        req, res,
        arena_printf(req->arena, "/admin/calendar?year=%d&saved=1", d.year));
}

/* GET: ask before removing a holiday. */
void h_admin_calendar_delete_ask(struct request *req, struct response *res)
{
    struct holiday h;
    bool found = false;
    enum err rc =
        workcal_holiday(req->db, req->arena, req->path_args[0], &h, &found);
    if (rc == ERR_OK && !found)
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_calendar_delete(&v, &h);
}

void h_admin_calendar_delete(struct request *req, struct response *res)
{
    const char *day = req->path_args[0];
    struct civil_date d;
    if (!civil_parse_date(day, &d)) {
        app_fail(req, res, ERR_NOT_FOUND);
        return;
    }
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = workcal_delete_holiday(req->db, day);
    if (rc == ERR_OK) {
        json_t *before = json_pack("{s:s}", "day", day);
        rc = app_audit(req, "remove_holiday", "calendar", day, before, NULL);
        json_decref(before);
    }
    if (!tx_done(req, res, rc))
        return;
    res_redirect(
        req, res,
        arena_printf(req->arena, "/admin/calendar?year=%d&saved=1", d.year));
}

/* Why an import was refused, in the page's language. */
static const char *import_problem(struct request *req,
                                  const struct workcal_import *r)
{
    struct arena *a = req->arena;
    bool en = req->lang == LANG_EN;
    const char *day = r->day ? r->day : "";
    const char *kept = r->existing.name_id ? r->existing.name_id : "";
    switch (r->problem) {
    case WORKCAL_BAD_ROW:
        return en ? arena_printf(a,
                                 "Line %zu: needs a date YYYY-MM-DD, the kind "
                                 "libur_nasional or cuti_bersama, and a name "
                                 "(\"%s\").",
                                 r->line, day)
                  : arena_printf(a,
                                 "Baris %zu: perlu tanggal TTTT-BB-HH, jenis "
                                 "libur_nasional atau cuti_bersama, dan nama "
                                 "(\"%s\").",
                                 r->line, day);
    case WORKCAL_MALFORMED:
        return en ? arena_printf(a,
                                 "Line %zu: not valid CSV (an unclosed "
                                 "quote?).",
                                 r->line)
                  : arena_printf(a,
                                 "Baris %zu: bukan CSV yang sah (tanda kutip "
                                 "tidak ditutup?).",
                                 r->line);
    case WORKCAL_TWICE:
        return en ? arena_printf(a,
                                 "Line %zu: the date %s is in the file twice.",
                                 r->line, day)
                  : arena_printf(a,
                                 "Baris %zu: tanggal %s muncul dua kali dalam "
                                 "berkas.",
                                 r->line, day);
    case WORKCAL_DIFFERS:
        return en ? arena_printf(a,
                                 "Line %zu: the date %s is already kept as "
                                 "\"%s\". Not overwritten: tick \"replace\" "
                                 "to replace it, or remove that line.",
                                 r->line, day, kept)
                  : arena_printf(a,
                                 "Baris %zu: tanggal %s sudah ada sebagai "
                                 "\"%s\". Tidak ditimpa: centang \"ganti\" "
                                 "untuk menggantinya, atau hapus baris itu.",
                                 r->line, day, kept);
    case WORKCAL_EMPTY:
        return L(req->lang, "Tidak ada hari libur dalam teks.",
                 "There are no holidays in the text.");
    case WORKCAL_OK:
        break;
    }
    return "?";
}

void h_admin_calendar_import(struct request *req, struct response *res)
{
    const char *csv = params_get(&req->form, "csv");
    bool replace = params_bool(&req->form, "replace");
    int64_t year = 0;
    if (params_int(&req->form, "year", 2000, 2100, &year) != ERR_OK) {
        struct civil_date today;
        year = civil_parse_date(app_today(req), &today) ? today.year : 2026;
    }
    struct workcal_import r = {0};
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = workcal_import(
            req->db, req->arena, csv ? csv : "", csv ? strlen(csv) : 0, "admin",
            req->now, replace ? WORKCAL_REPLACE : WORKCAL_REFUSE_CHANGES, &r);
    if (rc == ERR_INVALID) {
        db_rollback(req->db);
        res->status = 422;
        show_calendar(req, res, (int)year, NULL,
                      arena_printf(req->arena, "%s %s",
                                   L(req->lang, "Tidak ada yang diimpor.",
                                     "Nothing was imported."),
                                   import_problem(req, &r)));
        return;
    }
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:I,s:I,s:I}", "added", (json_int_t)r.added,
                                  "replaced", (json_int_t)r.replaced,
                                  "unchanged", (json_int_t)r.unchanged);
        rc = app_audit(req, "import", "calendar", "csv", NULL, after);
        json_decref(after);
    }
    if (!tx_done(req, res, rc))
        return;
    /* Stay on the year being edited when the file covers it, else go to
     * the file's first year. */
    int shown = (int)year;
    if (r.first_year && (shown < r.first_year || shown > r.last_year))
        shown = r.first_year;
    res_redirect(req, res,
                 arena_printf(req->arena,
                              "/admin/calendar?year=%d&added=%lld&replaced="
                              "%lld&unchanged=%lld",
                              shown, (long long)r.added, (long long)r.replaced,
                              (long long)r.unchanged));
}
