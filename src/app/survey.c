/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * survey.c: the satisfaction survey: the questionnaire on a phone (from
 * the receipt's link, one response per application) and at the exit
 * kiosk (throttled per device), the JSON API, the IKM report in HTML
 * (the A4 publication), CSV, XLSX and JSON, and the import of paper
 * questionnaires.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/csv.h"
#include "base/text.h"
#include "base/utf8.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "views/survey.h"

#define SUGGESTION_MAX 2000
#define KIOSK_COOKIE "sp_kiosk"
/* A kiosk (or an address without a token) may send one questionnaire per
 * KIOSK_GAP_S and KIOSK_PER_HOUR per hour: nobody can stuff the box. */
#define KIOSK_GAP_S 20
#define KIOSK_PER_HOUR 60
#define ADDR_PER_HOUR 120

/* Read a questionnaire from form fields or JSON (by getter). */
struct answers {
    int scores[SKM_ELEMENTS];
    const char *profile[SKM_DIMENSIONS];
    const char *suggestion;
};

static void check_profile(struct request *req, struct answers *a,
                          struct field_errors *fe)
{
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        const char *code = a->profile[d];
        if (code && *code && skm_code_index((enum skm_dimension)d, code) < 0)
            ferr_add(fe, req->arena, skm_dimension_key((enum skm_dimension)d),
                     "unknown_code", "Pilihan tidak dikenal.",
                     "Unknown choice.");
        if (code && !*code)
            a->profile[d] = NULL;
    }
    if (a->suggestion &&
        utf8_length(a->suggestion, strlen(a->suggestion)) > SUGGESTION_MAX)
        ferr_add(fe, req->arena, "suggestion", "too_long",
                 "Saran paling banyak 2000 karakter.",
                 "At most 2000 characters.");
    if (a->suggestion && !*a->suggestion)
        a->suggestion = NULL;
}

static void answers_from_form(struct request *req, struct answers *a,
                              struct field_errors *fe)
{
    memset(a, 0, sizeof(*a));
    bool any = false;
    for (int e = 0; e < SKM_ELEMENTS; e++) {
        char name[16];
        snprintf(name, sizeof(name), "u%d", e + 1);
        int64_t v = 0;
        enum err rc = params_int(&req->form, name, 1, 4, &v);
        if (rc == ERR_INVALID)
            ferr_add(fe, req->arena, name, "out_of_range",
                     "Pilih salah satu jawaban 1 sampai 4.",
                     "Choose one of the answers 1 to 4.");
        a->scores[e] = rc == ERR_OK ? (int)v : 0;
        any |= rc == ERR_OK;
    }
    if (!any)
        ferr_add(fe, req->arena, "u1", "no_answers",
                 "Jawab minimal satu pertanyaan.",
                 "Answer at least one question.");
    for (int d = 0; d < SKM_DIMENSIONS; d++)
        a->profile[d] = params_str(&req->form, req->arena,
                                   skm_dimension_key((enum skm_dimension)d));
    a->suggestion = params_text(&req->form, req->arena, "suggestion");
    check_profile(req, a, fe);
}

static const char *kiosk_device(struct request *req, struct response *res)
{
    const char *d = req_cookie(req, KIOSK_COOKIE);
    if (d && strlen(d) == 32)
        return d;
    char *fresh = arena_alloc(req->arena, 33);
    crypto_random_hex(fresh, 16);
    res_cookie(req, res, KIOSK_COOKIE, fresh, 10 * 365 * 24 * 3600);
    return fresh;
}

/* The service points for the office choice. */
static enum err points(struct request *req, struct office **items, size_t *n)
{
    struct office_filter f = {.level = -1, .service_points_only = true};
    return offices_list(req->db, req->arena, &f, items, n);
}

static void show_form(struct request *req, struct response *res,
                      struct survey_form *f, const struct field_errors *fe)
{
    struct office *offices = NULL;
    size_t n_offices = 0;
    struct service_def *services = NULL;
    size_t n_services = 0;
    struct service_filter sf = {.level = -1};
    enum err rc = points(req, &offices, &n_offices);
    if (rc == ERR_OK)
        rc = catalogue_list(req->db, req->arena, &sf, &services, &n_services);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    f->offices = offices;
    f->n_offices = n_offices;
    f->services = services;
    f->n_services = n_services;
    f->free = true;
    for (size_t i = 0; i < n_services; i++)
        if (strcmp(services[i].code, f->service) == 0)
            f->free = services[i].fee == 0;
    struct view v = app_view(req, res);
    view_survey(&v, f, fe);
}

void h_survey_form(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    struct survey_form f = {.office = "", .service = ""};
    const char *token = params_get(&req->query, "t");
    if (token && *token) {
        int64_t app_id, office_id, service_id;
        bool answered;
        enum err rc = surveys_token(req->db, token, &app_id, &office_id,
                                    &service_id, &answered);
        struct view v = app_view(req, res);
        if (rc == ERR_NOT_FOUND) {
            res->status = 404;
            view_survey_notice(
                &v, L(req->lang, "Tautan tidak dikenal", "Unknown link"),
                L(req->lang,
                  "Tautan survei ini tidak dikenal. Periksa "
                  "kode QR pada tanda terima.",
                  "This survey link is unknown. Check the QR "
                  "code on the receipt."),
                "/survey");
            return;
        }
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        if (answered) {
            res->status = 409;
            view_survey_notice(&v,
                               L(req->lang, "Sudah diisi", "Already answered"),
                               L(req->lang,
                                 "Survei untuk permohonan ini sudah diisi. "
                                 "Terima kasih.",
                                 "The survey of this application has been "
                                 "answered. Thank you."),
                               "/");
            return;
        }
        struct office o;
        rc = offices_get_by_id(req->db, req->arena, office_id, &o);
        const char *scode = NULL;
        if (rc == ERR_OK && catalogue_code_of(req->db, req->arena, service_id,
                                              &scode) != ERR_OK)
            scode = NULL;
        if (rc != ERR_OK || !scode) {
            app_fail(req, res, rc == ERR_OK ? ERR_NOT_FOUND : rc);
            return;
        }
        f.token = token;
        f.office = o.code;
        f.service = scode;
    } else {
        const char *office = params_get(&req->query, "office");
        const char *service = params_get(&req->query, "service");
        f.office = office ? office : "";
        f.service = service ? service : "";
    }
    show_form(req, res, &f, NULL);
}

void h_survey_kiosk(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    kiosk_device(req, res);
    const char *office = params_get(&req->query, "office");
    struct office o;
    if (!office || offices_get(req->db, req->arena, office, &o) != ERR_OK) {
        app_error(req, res, 404, "not_found",
                  "Sebutkan kantor kiosk ini: /survey/kiosk?office=KODE.",
                  "Name this kiosk's office: /survey/kiosk?office=CODE.");
        return;
    }
    struct survey_form f = {.office = o.code, .service = "", .kiosk = true};
    show_form(req, res, &f, NULL);
}

/*
 * Store a questionnaire for office_code (and service_code, token) from
 * channel; field errors to fe; *outcome 0 stored, 1 token already used,
 * 2 throttled.
 */
static enum err store_answers(struct request *req, struct response *res,
                              const struct answers *a, const char *office_code,
                              const char *service_code, const char *token,
                              const char *channel, bool kiosk,
                              struct field_errors *fe, int *outcome)
{
    *outcome = 0;
    struct survey s = {0};
    struct office o;
    bool by_token = token && *token;
    /* With a token, the office and service come from the application. */
    enum err rc =
        by_token ? ERR_OK : offices_get(req->db, req->arena, office_code, &o);
    if (rc == ERR_NOT_FOUND) {
        ferr_add(fe, req->arena, "office", "unknown_office", "Pilih kantor.",
                 "Choose the office.");
        return ERR_OK;
    }
    if (rc != ERR_OK)
        return rc;
    if (!by_token)
        s.office_id = o.id;
    if (!by_token && service_code && *service_code) {
        rc = catalogue_service_id(req->db, service_code, &s.service_id);
        if (rc == ERR_NOT_FOUND) {
            ferr_add(fe, req->arena, "service", "unknown_service",
                     "Layanan tidak dikenal.", "Unknown service.");
            return ERR_OK;
        }
        if (rc != ERR_OK)
            return rc;
    }
    if (token && *token) {
        int64_t office_id, service_id;
        bool answered;
        rc = surveys_token(req->db, token, &s.application_id, &office_id,
                           &service_id, &answered);
        if (rc == ERR_NOT_FOUND) {
            ferr_add(fe, req->arena, "token", "unknown_token",
                     "Tautan survei tidak dikenal.", "Unknown survey link.");
            return ERR_OK;
        }
        if (rc != ERR_OK)
            return rc;
        if (answered) {
            *outcome = 1;
            return ERR_OK;
        }
        s.office_id = office_id;
        s.service_id = service_id;
    } else {
        /* Walk-in answers: throttled per device and per address. */
        const char *device = kiosk ? kiosk_device(req, res) : NULL;
        int64_t by_device = 0, by_addr = 0, last = 0, unused = 0;
        rc = surveys_recent(req->db, device, req->remote_addr, req->now - 3600,
                            &by_device, &by_addr);
        if (rc == ERR_OK && device)
            rc = surveys_recent(req->db, device, req->remote_addr,
                                req->now - KIOSK_GAP_S, &last, &unused);
        if (rc != ERR_OK)
            return rc;
        if ((device && (last > 0 || by_device >= KIOSK_PER_HOUR)) ||
            by_addr >= ADDR_PER_HOUR) {
            *outcome = 2;
            return ERR_OK;
        }
        s.device = device;
    }
    memcpy(s.scores, a->scores, sizeof(s.scores));
    memcpy(s.profile, a->profile, sizeof(s.profile));
    s.suggestion = a->suggestion;
    s.channel = channel;
    s.answered_at = req->now;
    s.answered_day = app_today(req);
    s.addr = req->remote_addr;
    int64_t id = 0;
    rc = surveys_insert(req->db, &s, &id);
    if (rc == ERR_CONFLICT) {
        *outcome = 1; /* answered at the same moment elsewhere */
        return ERR_OK;
    }
    return rc;
}

void h_survey_submit(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    struct answers a;
    answers_from_form(req, &a, &fe);
    bool kiosk = params_bool(&req->form, "kiosk");
    const char *office = params_str(&req->form, req->arena, "office");
    const char *service = params_str(&req->form, req->arena, "service");
    const char *token = params_str(&req->form, req->arena, "t");
    int outcome = 0;
    enum err rc = ERR_OK;
    if (!ferr_any(&fe))
        rc = store_answers(req, res, &a, office, service, token,
                           kiosk ? "kiosk" : "web", kiosk, &fe, &outcome);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        struct survey_form f = {.office = office,
                                .service = service,
                                .token = *token ? token : NULL,
                                .kiosk = kiosk,
                                .sent = &req->form};
        show_form(req, res, &f, &fe);
        return;
    }
    struct view v = app_view(req, res);
    if (outcome == 1) {
        res->status = 409;
        view_survey_notice(&v, L(req->lang, "Sudah diisi", "Already answered"),
                           L(req->lang,
                             "Survei untuk permohonan ini sudah diisi; satu "
                             "permohonan satu jawaban.",
                             "This application's survey was answered "
                             "already: one answer per application."),
                           "/");
        return;
    }
    if (outcome == 2) {
        res->status = 429;
        view_survey_notice(
            &v, L(req->lang, "Tunggu sebentar", "Please wait"),
            L(req->lang,
              "Terlalu banyak jawaban dari perangkat ini. "
              "Coba lagi sebentar lagi.",
              "Too many answers from this device. Try again "
              "shortly."),
            kiosk ? arena_printf(req->arena, "/survey/kiosk?office=%s", office)
                  : "/survey");
        return;
    }
    view_survey_thanks(&v, kiosk, office);
}

void h_api_survey(struct request *req, struct response *res)
{
    /* JSON only: a cross-site form cannot send it without the browser
     * asking first, so no cookie-borne forgery. */
    if (strncmp(req->content_type, "application/json", 16) != 0) {
        app_error(req, res, 415, "unsupported_media_type",
                  "Kirim JSON dengan Content-Type: application/json.",
                  "Send JSON with Content-Type: application/json.");
        return;
    }
    json_error_t e;
    json_t *body = json_loadb(req->body, req->body_len, 0, &e);
    if (!json_is_object(body)) {
        json_decref(body);
        app_error(req, res, 400, "invalid_json",
                  "Isi permintaan bukan objek JSON yang sah.",
                  "The request body is not a valid JSON object.");
        return;
    }
    struct field_errors fe = {0};
    struct answers a;
    memset(&a, 0, sizeof(a));
    json_t *scores = json_object_get(body, "scores");
    if (!json_is_array(scores) || json_array_size(scores) != SKM_ELEMENTS) {
        ferr_add(&fe, req->arena, "scores", "nine_scores",
                 "'scores' harus larik sembilan nilai (1-4 atau null).",
                 "'scores' must be an array of nine values (1-4 or null).");
    } else {
        bool any = false;
        for (int i = 0; i < SKM_ELEMENTS; i++) {
            json_t *s = json_array_get(scores, (size_t)i);
            if (json_is_null(s))
                continue;
            json_int_t v = json_integer_value(s);
            if (!json_is_integer(s) || v < 1 || v > 4) {
                ferr_add(&fe, req->arena,
                         arena_printf(req->arena, "scores[%d]", i),
                         "out_of_range", "Nilai harus 1 sampai 4 atau null.",
                         "A score is 1 to 4, or null.");
                continue;
            }
            a.scores[i] = (int)v;
            any = true;
        }
        if (!any && !ferr_any(&fe))
            ferr_add(&fe, req->arena, "scores", "no_answers",
                     "Jawab minimal satu unsur.",
                     "Answer at least one element.");
    }
    json_t *resp = json_object_get(body, "respondent");
    for (int d = 0; d < SKM_DIMENSIONS; d++) {
        const char *v = json_string_value(
            json_object_get(resp, skm_dimension_key((enum skm_dimension)d)));
        a.profile[d] = v ? arena_strdup(req->arena, v) : NULL;
    }
    const char *sug = json_string_value(json_object_get(body, "suggestion"));
    a.suggestion = text_lines(req->arena, sug);
    check_profile(req, &a, &fe);
    const char *office = json_string_value(json_object_get(body, "office"));
    const char *service = json_string_value(json_object_get(body, "service"));
    const char *token = json_string_value(json_object_get(body, "token"));
    char *o = arena_strdup(req->arena, office ? office : "");
    char *sv = arena_strdup(req->arena, service ? service : "");
    char *t = arena_strdup(req->arena, token ? token : "");
    json_decref(body);
    int outcome = 0;
    enum err rc = ERR_OK;
    if (!ferr_any(&fe))
        rc = store_answers(req, res, &a, o, sv, t, "api", false, &fe, &outcome);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (ferr_any(&fe)) {
        app_json_field_errors(req, res, &fe);
        return;
    }
    if (outcome == 1) {
        app_error(req, res, 409, "already_answered",
                  "Survei untuk permohonan ini sudah diisi.",
                  "This application's survey was answered already.");
        return;
    }
    if (outcome == 2) {
        app_error(req, res, 429, "too_many_requests",
                  "Terlalu banyak jawaban dari alamat ini.",
                  "Too many answers from this address.");
        return;
    }
    app_json(req, res, 201, json_pack("{s:s}", "status", "recorded"));
}
