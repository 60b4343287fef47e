/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * apps.h: what the intake, workflow and tracking handlers share: loading
 * an office with its calendar and a service, the promised date, intake
 * validation and registration, actions on an application, and who may
 * see which application. HTML and JSON handlers call the same functions,
 * so both answer the same rules.
 */
#ifndef SP_APP_APPS_H
#define SP_APP_APPS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "core/calendar.h"
#include "core/office.h"
#include "core/service.h"
#include "store/applications.h"

/* An office, its calendar, and a service as accepted there. */
struct intake_ctx {
    struct office office;   /* the service point */
    struct service_def svc; /* the current standard */
    int64_t service_id;     /* services.id */
    struct calendar cal;    /* the office's working-time calendar */
};

/* What a front-office officer (or an API client) hands in. */
struct intake_form {
    const char *nik;         /* as typed */
    const char *name;        /* citizen's name */
    const char *village;     /* village region code, or "" */
    const char *phone;       /* phone */
    const char *email;       /* e-mail, or "" */
    const char *fields_json; /* the service's own fields (JSON object) */
    const char **reqs;       /* requirement codes handed in */
    size_t n_reqs;
};

/* What intake_check() found beyond field errors. */
struct intake_check {
    const struct requirement **missing; /* mandatory, not handed in */
    size_t n_missing;
    const char *nik_digits;     /* the NIK's 16 digits, when valid */
    const char *district;       /* "Kecamatan Banyuwangi, Kabupaten ..." */
    const char *warnings_id[4]; /* warnings in Bahasa Indonesia */
    const char *warnings_en[4]; /* and English */
    size_t n_warnings;
};

/*
 * Load office_code and service_code for intake. ERR_NOT_FOUND when either
 * is unknown; the acceptance rules are checked by intake_check().
 */
enum err apps_load_ctx(struct request *req, const char *office_code,
                       const char *service_code, struct intake_ctx *ctx);
/* The promised instant for a hand-in at t. */
struct deadline apps_promise(const struct intake_ctx *ctx, int64_t t);
/* ISO 8601 with the office's offset, e.g. "2026-03-03T15:30:00+07:00". */
const char *apps_iso(struct request *req, int64_t t, int offset_min);
/* "Selasa, 3 Maret 2026 pukul 15.30 WIB" / "Tuesday 3 March 2026, 15:30
 * WIB" for people. */
const char *apps_when(struct request *req, int64_t t, int offset_min);

/*
 * Validate an intake: office is a service point accepting the service and
 * in the user's scope; requirements known, mandatory ones present (else
 * chk->missing); NIK, name, village, phone, e-mail, fields. Field errors
 * to fe; warnings (unknown district, an open application of the same NIK
 * for the service) to chk.
 */
enum err intake_check(struct request *req, const struct intake_ctx *ctx,
                      const struct intake_form *form, struct field_errors *fe,
                      struct intake_check *chk);
/* Register a checked intake in one transaction; *out is the new
 * application (registration number, PIN, promised date). */
enum err intake_register(struct request *req, const struct intake_ctx *ctx,
                         const struct intake_form *form,
                         const struct intake_check *chk,
                         struct application *out);

/* True when the signed-in user may see application a. */
bool apps_can_see(const struct request *req, const struct application *a);

/* The result of an action attempt. */
enum apps_outcome {
    APPS_DONE,        /* recorded */
    APPS_NOT_ALLOWED, /* state or role forbids it (message in msg) */
    APPS_NEEDS_NOTE,  /* reason/missing list/collector required */
    APPS_STALE,       /* someone else acted first */
};

/*
 * Take action on a (loaded, visible to the user) with note; expected is
 * the version the user saw (0: the current one). On APPS_DONE, *a is
 * updated.
 */
enum err apps_act(struct request *req, struct application *a,
                  enum app_action action, const char *note, int expected,
                  enum apps_outcome *outcome);

/* An application as JSON; staff get the citizen's data and version. */
json_t *apps_json(struct request *req, const struct application *a,
                  int offset_min, bool staff);

/* The tracking URL (with number and PIN) for receipts and QR codes. */
const char *apps_track_url(struct request *req, const struct application *a);

/* The survey URL of the receipt (token of the application). */
const char *apps_survey_url(struct request *req, const struct application *a);

/* Handlers (intake.c, work.c, track.c). */
void h_intake_services(struct request *req, struct response *res);
void h_intake_form(struct request *req, struct response *res);
void h_intake_submit(struct request *req, struct response *res);
void h_api_intake(struct request *req, struct response *res);
void h_api_promise(struct request *req, struct response *res);
void h_work(struct request *req, struct response *res);
void h_application(struct request *req, struct response *res);
void h_application_event(struct request *req, struct response *res);
void h_receipt(struct request *req, struct response *res);
void h_api_application(struct request *req, struct response *res);
void h_api_application_event(struct request *req, struct response *res);
void h_track(struct request *req, struct response *res);
void h_api_track(struct request *req, struct response *res);

#endif
