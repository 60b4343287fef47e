/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth.c: signing in and out, the password change, the workspace.
 *
 * Sign-in answers the same for an unknown user and a wrong password (and
 * spends the same hashing time), counts failures per account and per
 * address, and rotates the session: a new token at every sign-in.
 */
#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/crypto.h"
#include "base/log.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/users.h"
#include "svc/signin.h"
#include "views/staff.h"

const char *app_anon_csrf(struct request *req, struct response *res)
{
    if (req->csrf_token)
        return req->csrf_token;
    char *token = arena_alloc(req->arena, 65);
    crypto_random_hex(token, 32);
    res_cookie(req, res, "sp_csrf", token, 0);
    req->csrf_token = token;
    return token;
}

void h_login_form(struct request *req, struct response *res)
{
    if (req->signed_in && !req->via_api_key) {
        res_redirect(req, res, "/staff");
        return;
    }
    app_anon_csrf(req, res);
    struct view v = app_view(req, res);
    const char *next = params_get(&req->query, "next");
    view_login(&v, "", http_local_path(next) ? next : "", NULL);
}

static void login_again(struct request *req, struct response *res, int status,
                        const char *login, const char *msg_id,
                        const char *msg_en)
{
    res->status = status;
    struct view v = app_view(req, res);
    const char *next = params_get(&req->form, "next");
    view_login(&v, login, http_local_path(next) ? next : "",
               L(req->lang, msg_id, msg_en));
}

void h_login(struct request *req, struct response *res)
{
    const char *login = params_str(&req->form, req->arena, "login");
    const char *password = params_get(&req->form, "password");
    if (!*login || !password || !*password) {
        login_again(req, res, 422, login, "Isi nama pengguna dan kata sandi.",
                    "Enter your user name and password.");
        return;
    }
    if (strlen(login) > 64 || strlen(password) > 4 * 128) {
        login_again(req, res, 422, "", "Nama pengguna atau kata sandi salah.",
                    "Wrong user name or password.");
        return;
    }
    struct svc_ctx c = app_svc(req);
    struct user u;
    enum signin_outcome outcome;
    enum err rc = signin_attempt(&c, login, password, &u, &outcome);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (outcome == SIGNIN_THROTTLED) {
        res_header(req, res, "Retry-After", "900");
        login_again(req, res, 429, login,
                    "Terlalu banyak percobaan gagal dari alamat ini. Tunggu "
                    "15 menit lalu coba lagi, atau masuk dari kantor Anda.",
                    "Too many failed attempts from this address. Wait 15 "
                    "minutes and try again, or sign in from your office.");
        return;
    }
    if (outcome != SIGNIN_OK) {
        log_info("%s sign-in failed for a user from %s", req->request_id,
                 req->remote_addr);
        login_again(req, res, 401, login,
                    "Nama pengguna atau kata sandi salah.",
                    "Wrong user name or password.");
        return;
    }
    char token[65];
    rc = db_begin(req->db);
    if (rc == ERR_OK && req->session_token)
        rc = sessions_delete(req->db, req->session_token);
    if (rc == ERR_OK) {
        char csrf[65]; /* kept with the session, read back with it */
        rc = sessions_create(req->db, u.id, req->now, token, csrf);
    }
    if (rc == ERR_OK)
        rc = signin_succeeded(&c, &u);
    if (rc == ERR_OK) {
        req->signed_in = true;
        req->who.user_id = u.id;
        req->who.login = u.login;
        rc = app_audit(req, "sign_in", "user", u.login, NULL, NULL);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_cookie(req, res, "sp_session", token, 0);
    res_cookie(req, res, "sp_csrf", "", -1);
    const char *next = params_get(&req->form, "next");
    if (u.must_change_password)
        res_redirect(req, res, "/account/password");
    else
        res_redirect(req, res,
                     http_local_path(next) && *next ? next : "/staff");
}

void h_logout(struct request *req, struct response *res)
{
    /* The cookie is cleared either way; the session must end in the
     * database too, or the sign-out is reported as failed. */
    enum err rc = sessions_delete(req->db, req->session_token);
    res_cookie(req, res, "sp_session", "", -1);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/");
}

void h_password_form(struct request *req, struct response *res)
{
    struct view v = app_view(req, res);
    view_password(&v, NULL, req->must_change_password);
}

void h_password(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    const char *current = params_get(&req->form, "current");
    const char *fresh = params_get(&req->form, "new");
    const char *confirm = params_get(&req->form, "confirm");
    struct user u;
    enum err rc = users_get_by_id(req->db, req->arena, req->who.user_id, &u);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct svc_ctx c = app_svc(req);
    enum signin_outcome out;
    rc = signin_recheck(&c, &u, current, &out);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (out == SIGNIN_THROTTLED) {
        app_error(req, res, 429, "too_many_attempts",
                  "Terlalu banyak kata sandi salah. Coba lagi 15 menit lagi.",
                  "Too many wrong passwords. Try again in 15 minutes.");
        return;
    }
    if (out != SIGNIN_OK)
        ferr_add(&fe, req->arena, "current", "wrong_password",
                 "Kata sandi sekarang salah.",
                 "The current password is wrong.");
    if (!user_password_ok(fresh))
        ferr_add(&fe, req->arena, "new", "weak_password",
                 "Kata sandi baru 10 sampai 128 karakter, tidak hanya spasi.",
                 "The new password needs 10 to 128 characters, not only "
                 "spaces.");
    else if (!confirm || strcmp(fresh, confirm) != 0)
        ferr_add(&fe, req->arena, "confirm", "mismatch",
                 "Kedua isian kata sandi baru tidak sama.",
                 "The two new passwords differ.");
    else if (current && strcmp(fresh, current) == 0)
        ferr_add(&fe, req->arena, "new", "unchanged",
                 "Kata sandi baru harus berbeda dari yang sekarang.",
                 "The new password must differ from the current one.");
    if (ferr_any(&fe)) {
        res->status = 422;
        struct view v = app_view(req, res);
        view_password(&v, &fe, req->must_change_password);
        return;
    }
    /* A new session token: the old one (and every other session of the
     * user) ends with the old password. */
    char token[65], hash[256];
    db_snapshot_end(req->db); /* the hash takes a while and reads nothing */
    rc = crypto_password_hash(fresh, hash, sizeof(hash));
    if (rc == ERR_OK)
        rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = users_set_password(req->db, u.id, hash, false, req->now);
    if (rc == ERR_OK)
        rc = sessions_delete_user(req->db, u.id);
    if (rc == ERR_OK) {
        char csrf[65]; /* kept with the session, read back with it */
        rc = sessions_create(req->db, u.id, req->now, token, csrf);
    }
    if (rc == ERR_OK)
        rc = app_audit(req, "change_password", "user", u.login, NULL, NULL);
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_cookie(req, res, "sp_session", token, 0);
    res_redirect(req, res, "/staff");
}

void h_staff_home(struct request *req, struct response *res)
{
    const char *office_name = NULL, *office_code = NULL;
    if (req->who.office_id) {
        struct office o;
        enum err rc =
            offices_get_by_id(req->db, req->arena, req->who.office_id, &o);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        office_name = o.name;
        office_code = o.code;
    }
    struct view v = app_view(req, res);
    view_staff_home(&v, office_name, office_code);
}
