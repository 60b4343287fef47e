/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * devices.c: enrolling and revoking kiosk devices (heads of office for
 * their office, administrators for any service point). Enrolling gives
 * this browser the device cookie; every kiosk page reads its office from
 * there.
 */
#include <string.h>

#include "app/app.h"
#include "app/complaints.h"
#include "base/arena.h"
#include "store/db.h"
#include "store/devices.h"
#include "store/offices.h"
#include "svc/devices.h"
#include "views/devices.h"

/* Browsers keep a cookie at most 400 days (Chromium's cap), whatever the
 * server asks: the kiosk pages send it again on every visit. */
#define DEVICE_COOKIE_MAX_AGE (400 * 24 * 3600)

static void show(struct request *req, struct response *res, const char *flash,
                 const struct field_errors *fe)
{
    struct devices_page p = {.flash = flash, .fe = fe};
    bool everywhere = role_is_regency_wide(req->who.role);
    struct device *items = NULL;
    size_t n = 0;
    enum err rc = devices_list(req->db, req->arena,
                               everywhere ? 0 : req->who.office_id, &items, &n);
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct office own;
    if (rc == ERR_OK && everywhere) {
        struct office_filter f = {.level = -1, .service_points_only = true};
        rc = offices_list(req->db, req->arena, &f, &offices, &n_offices);
    } else if (rc == ERR_OK) {
        rc = offices_get_by_id(req->db, req->arena, req->who.office_id, &own);
        p.own_office = own.name;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    p.items = items;
    p.n_items = n;
    p.offices = everywhere ? offices : NULL;
    p.n_offices = n_offices;
    struct svc_ctx c = app_svc(req);
    struct device mine;
    enum device_outcome o;
    rc = device_check(&c, req_cookie(req, DEVICE_COOKIE), &mine, &o);
    p.this_is_kiosk = rc == ERR_OK && o == DEVICE_OK;
    struct view v = app_view(req, res);
    view_devices(&v, &p);
}

bool app_kiosk(struct request *req, struct response *res, struct device *dev)
{
    struct svc_ctx c = app_svc(req);
    enum device_outcome o;
    const char *token = req_cookie(req, DEVICE_COOKIE);
    enum err rc = device_check(&c, token, dev, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return false;
    }
    switch (o) {
    case DEVICE_OK:
        /* Keep the tablet enrolled for as long as it is used. */
        res_cookie(req, res, DEVICE_COOKIE, token, DEVICE_COOKIE_MAX_AGE);
        return true;
    case DEVICE_THROTTLED:
        app_fail(req, res, ERR_THROTTLED);
        return false;
    case DEVICE_REVOKED:
        app_error(req, res, 403, "device_revoked",
                  "Perangkat ini sudah dicabut sebagai kiosk kantor. Kepala "
                  "kantor atau administrator dapat mendaftarkannya lagi di "
                  "menu Perangkat kiosk.",
                  "This device was revoked as an office kiosk. The head of "
                  "office or an administrator can enrol it again under "
                  "Kiosk devices.");
        return false;
    case DEVICE_NONE:
    case DEVICE_UNKNOWN:
    default:
        app_error(req, res, 403, "not_a_kiosk",
                  "Perangkat ini belum didaftarkan sebagai kiosk kantor. "
                  "Kepala kantor atau administrator mendaftarkannya di menu "
                  "Perangkat kiosk.",
                  "This device is not enrolled as an office kiosk. The head "
                  "of office or an administrator enrols it under Kiosk "
                  "devices.");
        return false;
    }
}

void h_devices(struct request *req, struct response *res)
{
    if (!role_is_regency_wide(req->who.role) && req->who.office_id <= 0) {
        app_fail(req, res, ERR_DENIED);
        return;
    }
    const char *flash = NULL;
    if (params_get(&req->query, "enrolled"))
        flash = L(req->lang, "Browser ini sekarang kiosk terdaftar.",
                  "This browser is now an enrolled kiosk.");
    else if (params_get(&req->query, "revoked"))
        flash = L(req->lang, "Perangkat dicabut.", "The device was revoked.");
    show(req, res, flash, NULL);
}

void h_device_enrol(struct request *req, struct response *res)
{
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rc = svc_replay_find(&c, &first, &first_at);
    if (rc == ERR_OK) { /* the same form twice: enrolled already */
        res_redirect(req, res, "/devices?enrolled=1");
        return;
    }
    if (rc != ERR_NOT_FOUND) {
        app_fail(req, res, rc);
        return;
    }
    struct field_errors fe = {0};
    const char *label = params_str(&req->form, req->arena, "label");
    if (!*label || strlen(label) > 100)
        ferr_add(&fe, req->arena, "label", "required",
                 "Beri nama perangkat (paling banyak 100 karakter).",
                 "Name the device (at most 100 characters).");
    struct office o;
    if (role_is_regency_wide(req->who.role)) {
        rc = offices_get(req->db, req->arena,
                         params_str(&req->form, req->arena, "office"), &o);
    } else {
        rc = offices_get_by_id(req->db, req->arena, req->who.office_id, &o);
    }
    if (rc == ERR_NOT_FOUND || (rc == ERR_OK && !scope_allows(&req->who, o.id)))
        ferr_add(&fe, req->arena, "office", "unknown_office", "Pilih kantor.",
                 "Choose the office.");
    else if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        show(req, res, NULL, &fe);
        return;
    }
    char token[DEVICE_TOKEN_HEX + 1];
    int64_t id = 0;
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = devices_create(req->db, o.id, label, req->who.user_id, req->now,
                            token, &id);
    const char *key = arena_printf(req->arena, "%lld", (long long)id);
    if (rc == ERR_OK)
        rc = svc_replay_record(&c, key);
    if (rc == ERR_OK) {
        json_t *after =
            json_pack("{s:s,s:s}", "office", o.code, "label", label);
        rc = app_audit(req, "enrol", "device", key, NULL, after);
        json_decref(after);
    }
    rc = db_tx_end(req->db, rc);
    if (rc == ERR_CONFLICT) {
        res_redirect(req, res, "/devices?enrolled=1");
        return;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_cookie(req, res, DEVICE_COOKIE, token, DEVICE_COOKIE_MAX_AGE);
    res_redirect(req, res, "/devices?enrolled=1");
}

void h_device_revoke(struct request *req, struct response *res)
{
    int64_t id = 0;
    struct device d;
    enum err rc = str_to_int(req->path_args[0], 1, INT64_MAX, &id)
                      ? devices_get(req->db, req->arena, id, &d)
                      : ERR_NOT_FOUND;
    if (rc == ERR_OK && !scope_allows(&req->who, d.office_id))
        rc = ERR_NOT_FOUND; /* another office's device: as if none */
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = devices_revoke(req->db, id, req->now);
    if (rc == ERR_OK)
        rc = app_audit(req, "revoke", "device", req->path_args[0], NULL, NULL);
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/devices?revoked=1");
}
