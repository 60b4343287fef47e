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
#include "base/csv.h"
#include "base/text.h"
#include "base/utf8.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/surveys.h"
#include "views/survey.h"

#include "app/complaints.h"
#include "svc/devices.h"
#include "svc/surveys.h"

/* Read a questionnaire from the form; field errors to fe. */
static void answers_from_form(struct request *req, struct survey_answers *a,
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
}

static void show_form(struct request *req, struct response *res,
                      struct survey_form *f, const struct field_errors *fe)
{
    struct service_def *services = NULL;
    size_t n_services = 0;
    struct service_filter sf = {.level = -1, .day = app_today(req)};
    enum err rc =
        catalogue_list(req->db, req->arena, &sf, &services, &n_services);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    f->services = services;
    f->n_services = n_services;
    f->free = true;
    for (size_t i = 0; i < n_services; i++)
        if (strcmp(services[i].code, f->service) == 0)
            f->free = services[i].fee == 0;
    struct view v = app_view(req, res);
    v.kiosk = f->kiosk; /* the kiosk's frame: no staff links */
    view_survey(&v, f, fe);
}

/* A notice instead of the form: why this questionnaire cannot be taken. */
static void notice(struct request *req, struct response *res,
                   enum survey_outcome o, bool kiosk)
{
    struct view v = app_view(req, res);
    v.kiosk = kiosk;
    const char *back = kiosk ? "/survey/kiosk" : "/";
    switch (o) {
    case SURVEY_UNKNOWN_TOKEN:
        res->status = 404;
        view_survey_notice(
            &v, L(req->lang, "Tautan tidak dikenal", "Unknown link"),
            L(req->lang,
              "Tautan survei ini tidak dikenal. Periksa kode QR pada tanda "
              "terima.",
              "This survey link is unknown. Check the QR code on the "
              "receipt."),
            back);
        return;
    case SURVEY_NOT_YET:
        res->status = 409;
        view_survey_notice(
            &v, L(req->lang, "Belum dapat diisi", "Not open yet"),
            L(req->lang,
              "Survei dapat diisi setelah dokumen Anda diserahkan (atau "
              "permohonan selesai diputuskan). Buka lagi tautan ini "
              "setelah itu.",
              "The survey opens once your document has been handed over "
              "(or the application decided). Open this link again then."),
            back);
        return;
    case SURVEY_ALREADY:
        res->status = 409;
        view_survey_notice(&v, L(req->lang, "Sudah diisi", "Already answered"),
                           L(req->lang,
                             "Survei untuk permohonan ini sudah diisi; satu "
                             "permohonan satu jawaban. Terima kasih.",
                             "This application's survey was answered "
                             "already: one answer per application. Thank "
                             "you."),
                           back);
        return;
    case SURVEY_NOT_SERVICE_POINT:
        res->status = 409;
        view_survey_notice(
            &v, L(req->lang, "Bukan titik layanan", "Not a service point"),
            L(req->lang,
              "Kantor kiosk ini belum menjadi titik layanan, jadi survei "
              "belum dibuka di sini.",
              "This kiosk's office is not a service point, so the survey "
              "is not open here."),
            back);
        return;
    case SURVEY_WAIT:
        res->status = 429;
        view_survey_notice(
            &v, L(req->lang, "Tunggu sebentar", "Please wait"),
            L(req->lang,
              "Kiosk ini baru saja menerima jawaban. Coba lagi sebentar "
              "lagi.",
              "This kiosk has just received an answer. Try again shortly."),
            back);
        return;
    case SURVEY_THROTTLED:
        res->status = 429;
        view_survey_notice(
            &v, L(req->lang, "Terlalu banyak percobaan", "Too many attempts"),
            L(req->lang,
              "Terlalu banyak tautan yang salah dari alamat ini. Coba lagi "
              "dalam satu jam.",
              "Too many wrong links from this address. Try again in an "
              "hour."),
            back);
        return;
    case SURVEY_NO_DOOR:
    case SURVEY_RECORDED:
    case SURVEY_INVALID:
    default:
        res->status = o == SURVEY_NO_DOOR ? 403 : 200;
        view_survey_notice(
            &v,
            L(req->lang, "Survei kepuasan masyarakat",
              "Public satisfaction survey"),
            L(req->lang,
              "Survei diisi oleh pengguna layanan: lewat kode QR pada tanda "
              "terima setelah dokumen diserahkan, di kiosk survei kantor, "
              "atau pada lembar kuesioner di kantor.",
              "The survey is answered by those who used a service: through "
              "the QR code on the receipt once the document was handed "
              "over, at the office's survey kiosk, or on a paper "
              "questionnaire at the office."),
            "/");
        return;
    }
}

/* The form for a receipt's token (office and service from the
 * application), or a notice why not. */
static void token_form(struct request *req, struct response *res,
                       const char *token, const struct field_errors *fe)
{
    struct svc_ctx c = app_svc(req);
    struct survey_token t;
    enum survey_outcome o;
    enum err rc = survey_token_state(&c, token, &t, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o != SURVEY_RECORDED) {
        notice(req, res, o, false);
        return;
    }
    struct office off;
    const char *scode = NULL;
    rc = offices_get_by_id(req->db, req->arena, t.office_id, &off);
    if (rc == ERR_OK)
        rc = catalogue_code_of(req->db, req->arena, t.service_id, &scode);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct survey_form f = {.token = token,
                            .office = off.code,
                            .office_name = off.name,
                            .service = scode,
                            .sent = fe ? &req->form : NULL};
    if (fe)
        res->status = 422;
    show_form(req, res, &f, fe);
}

void h_survey_form(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    const char *token = params_get(&req->query, "t");
    if (token && *token) {
        token_form(req, res, token, NULL);
        return;
    }
    notice(req, res, SURVEY_NO_DOOR, false);
    res->status = 200; /* the explanation page itself */
}

void h_survey_kiosk(struct request *req, struct response *res)
{
    app_anon_csrf(req, res);
    struct device dev;
    if (!app_kiosk(req, res, &dev))
        return;
    struct survey_form f = {.office = dev.office_code,
                            .office_name = dev.office_name,
                            .service = "",
                            .kiosk = true};
    show_form(req, res, &f, NULL);
}

void h_survey_submit(struct request *req, struct response *res)
{
    struct field_errors fe = {0};
    struct survey_answers a;
    answers_from_form(req, &a, &fe);
    bool kiosk = params_bool(&req->form, "kiosk");
    const char *token = params_str(&req->form, req->arena, "t");
    const char *service = params_str(&req->form, req->arena, "service");
    struct device dev;
    if (kiosk && !app_kiosk(req, res, &dev))
        return;
    struct svc_ctx c = app_svc(req);
    struct survey_door door = {.token = *token ? token : NULL,
                               .device = kiosk ? &dev : NULL,
                               .gap_s = app_of(req)->kiosk_gap_s};
    enum survey_outcome o = SURVEY_INVALID;
    enum err rc = ERR_OK;
    if (!ferr_any(&fe))
        rc = survey_record(&c, &a, &door, service, &fe, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (o == SURVEY_INVALID) {
        if (*token && !kiosk) {
            token_form(req, res, token, &fe);
            return;
        }
        res->status = 422;
        struct survey_form f = {.office = kiosk ? dev.office_code : "",
                                .service = service,
                                .kiosk = kiosk,
                                .sent = &req->form};
        show_form(req, res, &f, &fe);
        return;
    }
    if (o != SURVEY_RECORDED) {
        notice(req, res, o, kiosk);
        return;
    }
    struct view v = app_view(req, res);
    view_survey_thanks(&v, kiosk, kiosk ? dev.office_code : "");
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
    struct survey_answers a;
    memset(&a, 0, sizeof(a));
    json_t *scores = json_object_get(body, "scores");
    if (!json_is_array(scores) || json_array_size(scores) != SKM_ELEMENTS) {
        ferr_add(&fe, req->arena, "scores", "nine_scores",
                 "'scores' harus larik sembilan nilai (1-4 atau null).",
                 "'scores' must be an array of nine values (1-4 or null).");
    } else {
        bool any = false;
        for (int i = 0; i < SKM_ELEMENTS; i++) {
            json_t *sc = json_array_get(scores, (size_t)i);
            if (json_is_null(sc))
                continue;
            json_int_t v = json_integer_value(sc);
            if (!json_is_integer(sc) || v < 1 || v > 4) {
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
    const char *service = json_string_value(json_object_get(body, "service"));
    const char *token = json_string_value(json_object_get(body, "token"));
    char *sv = arena_strdup(req->arena, service ? service : "");
    char *t = arena_strdup(req->arena, token ? token : "");
    json_decref(body);
    /* The doors: the receipt's token, or an enrolled kiosk's credential. */
    struct svc_ctx c = app_svc(req);
    struct device dev;
    enum device_outcome dout = DEVICE_NONE;
    enum err rc = ERR_OK;
    const char *cred = req->device_token;
    if (!*t && cred && *cred)
        rc = device_check(&c, cred, &dev, &dout);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    if (!*t && dout != DEVICE_OK) {
        if (dout == DEVICE_THROTTLED)
            app_fail(req, res, ERR_THROTTLED);
        else if (dout == DEVICE_UNKNOWN || dout == DEVICE_REVOKED)
            app_error(req, res, 403, "unknown_device",
                      "Kredensial perangkat tidak dikenal atau sudah "
                      "dicabut; jawaban tidak dicatat.",
                      "The device credential is unknown or revoked; the "
                      "answers were not recorded.");
        else
            app_error(req, res, 401, "channel_required",
                      "Jawaban survei diterima hanya dengan token dari "
                      "tanda terima (setelah dokumen diserahkan) atau dari "
                      "kiosk kantor yang terdaftar (header "
                      "X-Satupintu-Device).",
                      "Survey answers are accepted only with the receipt's "
                      "token (after the hand-over) or from an enrolled "
                      "office kiosk (header X-Satupintu-Device).");
        return;
    }
    struct survey_door door = {.token = *t ? t : NULL,
                               .device = *t ? NULL : &dev,
                               .gap_s = app_of(req)->kiosk_gap_s};
    enum survey_outcome o = SURVEY_INVALID;
    if (!ferr_any(&fe))
        rc = survey_record(&c, &a, &door, sv, &fe, &o);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    switch (o) {
    case SURVEY_RECORDED:
        app_json(req, res, 201, json_pack("{s:s}", "status", "recorded"));
        return;
    case SURVEY_INVALID:
        app_json_field_errors(req, res, &fe);
        return;
    case SURVEY_UNKNOWN_TOKEN:
        app_error(req, res, 403, "unknown_token",
                  "Token survei tidak dikenal; jawaban tidak dicatat.",
                  "Unknown survey token; the answers were not recorded.");
        return;
    case SURVEY_NOT_YET:
        app_error(req, res, 409, "not_yet_valid",
                  "Survei untuk permohonan ini dapat diisi setelah dokumen "
                  "diserahkan.",
                  "This application's survey opens once the document has "
                  "been handed over.");
        return;
    case SURVEY_ALREADY:
        app_error(req, res, 409, "already_answered",
                  "Survei untuk permohonan ini sudah diisi.",
                  "This application's survey was answered already.");
        return;
    case SURVEY_NOT_SERVICE_POINT:
        app_error(req, res, 409, "not_a_service_point",
                  "Kantor kiosk ini bukan titik layanan.",
                  "This kiosk's office is not a service point.");
        return;
    case SURVEY_WAIT:
    case SURVEY_THROTTLED:
        app_error(req, res, 429, "too_many_requests",
                  "Terlalu banyak jawaban atau percobaan. Coba lagi nanti.",
                  "Too many answers or attempts. Try again later.");
        return;
    case SURVEY_NO_DOOR:
    default:
        app_error(req, res, 401, "channel_required",
                  "Jawaban survei memerlukan token atau kiosk terdaftar.",
                  "Survey answers need a token or an enrolled kiosk.");
        return;
    }
}
