/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * applications.h: the application (permohonan) services, free of HTTP:
 * loading an office with its calendar and a service for intake, the
 * promised date, checking and registering an intake, who may see an
 * application, and taking a workflow action on one. The HTML and JSON
 * handlers (app/intake.c, app/work.c) call the same functions, so both
 * answer the same rules.
 */
#ifndef SP_SVC_APPLICATIONS_H
#define SP_SVC_APPLICATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ferr.h"
#include "core/calendar.h"
#include "core/office.h"
#include "core/service.h"
#include "store/applications.h"
#include "svc/notify.h"
#include "svc/svc.h"

/* An office, its calendar, and a service as accepted there. */
struct intake_ctx {
    struct office office;   /* the service point */
    struct service_def svc; /* the current standard */
    int64_t service_id;     /* services.id */
    struct calendar cal;    /* the office's working-time calendar */
};

/* What a front-office officer (or an API client) hands in. */
struct intake_form {
    const char *nik;             /* as typed */
    const char *name;            /* citizen's name */
    const char *village;         /* village region code, or "" */
    const char *phone;           /* phone, or "" with a reason */
    const char *no_phone_reason; /* why no phone: a preset code or typed
                                    words (core/contact.h), or "" */
    const char *purpose;         /* the letter's purpose (keperluan), or "" */
    const char *email;           /* e-mail, or "" */
    const char *fields_json;     /* the service's own fields (JSON object) */
    const char **reqs;           /* requirement codes handed in */
    size_t n_reqs;
    int64_t ticket_id; /* the queue ticket served at the counter (linked
                          in the same transaction when it is still
                          called or being served there), or 0 */
    struct notify_consent notify; /* messages the citizen agreed to */
};

/* What intake_check() found beyond field errors. */
struct intake_check {
    const struct requirement **missing; /* mandatory, not handed in */
    size_t n_missing;
    const char *nik_digits;     /* the NIK's 16 digits, when valid */
    const char *district;       /* "Kecamatan Banyuwangi, Kabupaten ..." */
    const char *village_name;   /* the village's name, or NULL */
    const char *warnings_id[4]; /* warnings in Bahasa Indonesia */
    const char *warnings_en[4]; /* and English */
    size_t n_warnings;
};

/*
 * Load office_code and service_code for intake. ERR_NOT_FOUND when either
 * is unknown; the acceptance rules are checked by intake_check().
 */
enum err intake_load(const struct svc_ctx *c, const char *office_code,
                     const char *service_code, struct intake_ctx *ctx)
    __attribute__((warn_unused_result));
/* The promised instant for a hand-in at t. */
struct deadline intake_promise(const struct intake_ctx *ctx, int64_t t);

enum intake_outcome {
    INTAKE_OK,      /* may be registered */
    INTAKE_INVALID, /* field errors */
    INTAKE_MISSING, /* a mandatory requirement is missing (chk->missing) */
    INTAKE_DENIED,  /* not at this office (scope_intake) */
};

/*
 * Check an intake: the office is a service point accepting the service and
 * the user registers there; requirements known, the mandatory ones present
 * (else chk->missing); NIK, name, village, phone (or, without one, the
 * reason why), the purpose where the service asks for it, e-mail, fields.
 * Field
 * errors to fe; warnings (unknown district, an open application of the
 * same NIK for the service) to chk.
 */
enum err intake_check(const struct svc_ctx *c, const struct intake_ctx *ctx,
                      const struct intake_form *form, struct field_errors *fe,
                      struct intake_check *chk, enum intake_outcome *outcome)
    __attribute__((warn_unused_result));
/*
 * Register a checked intake in one transaction (with the replay of c, if
 * any); *out is the new application (registration number, PIN, promised
 * date). ERR_CONFLICT: a twin with the same replay key came first.
 */
enum err intake_register(const struct svc_ctx *c, const struct intake_ctx *ctx,
                         const struct intake_form *form,
                         const struct intake_check *chk,
                         struct application *out)
    __attribute__((warn_unused_result));

/* True when c's user may see application a (scope_application). */
bool appl_visible(const struct svc_ctx *c, const struct application *a);

/* The result of an action attempt. */
enum appl_outcome {
    APPL_DONE,        /* recorded */
    APPL_NOT_ALLOWED, /* state or role forbids it */
    APPL_NEEDS_NOTE,  /* reason/missing list/collector required */
    APPL_STALE,       /* someone else acted first */
};

/*
 * Take action on a (loaded, visible to the user) with note; expected is
 * the version the user saw (0: the current one). On APPL_DONE, *a is
 * updated.
 */
enum err appl_act(const struct svc_ctx *c, struct application *a,
                  enum appl_action action, const char *note, int expected,
                  enum appl_outcome *outcome)
    __attribute__((warn_unused_result));

#endif
