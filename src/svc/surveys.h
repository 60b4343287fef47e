/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * surveys.h: recording a satisfaction questionnaire so that the published
 * index (IKM) counts only real service users. A questionnaire is accepted
 * through exactly three doors (docs/SECURITY.md rule 31):
 *
 *   - the receipt's survey token, once the application has been handed
 *     over or rejected (a citizen rates what they received), one answer
 *     per application;
 *   - an enrolled kiosk device of the office (store/devices.h), at most
 *     one questionnaire per gap_s seconds and SURVEY_KIOSK_PER_HOUR an
 *     hour, for a service point only;
 *   - paper questionnaires the office enters (app/report.c's import).
 *
 * Anything else is refused and stored nowhere.
 */
#ifndef SP_SVC_SURVEYS_H
#define SP_SVC_SURVEYS_H

#include "base/ferr.h"
#include "core/skm.h"
#include "store/devices.h"
#include "store/surveys.h"
#include "svc/svc.h"

#define SURVEY_KIOSK_PER_HOUR 60
#define SURVEY_SUGGESTION_MAX 2000

struct survey_answers {
    int scores[SKM_ELEMENTS];            /* 1..4, 0 = not answered */
    const char *profile[SKM_DIMENSIONS]; /* codes, or NULL */
    const char *suggestion;              /* or NULL */
};

/* Through which door a questionnaire comes. */
struct survey_door {
    const char *token;           /* the receipt's token, or NULL */
    const struct device *device; /* the enrolled kiosk, or NULL */
    int64_t gap_s;               /* the kiosk's gap between answers */
};

enum survey_outcome {
    SURVEY_RECORDED,          /* stored, counted */
    SURVEY_INVALID,           /* field errors (nothing stored) */
    SURVEY_NO_DOOR,           /* neither a token nor an enrolled kiosk */
    SURVEY_UNKNOWN_TOKEN,     /* no such token (counted as a failure) */
    SURVEY_NOT_YET,           /* the application is not handed over yet */
    SURVEY_ALREADY,           /* this application was rated already */
    SURVEY_NOT_SERVICE_POINT, /* the office takes no applications */
    SURVEY_WAIT,              /* the kiosk's gap or hourly limit */
    SURVEY_THROTTLED,         /* this address failed too often */
};

/* Check the answers' codes and sizes (field errors to fe). */
void survey_check_answers(const struct svc_ctx *c, struct survey_answers *a,
                          struct field_errors *fe);
/*
 * What a token opens, for the form: SURVEY_RECORDED means "may answer"
 * (*t filled), or the reason it may not (SURVEY_UNKNOWN_TOKEN counted).
 */
enum err survey_token_state(const struct svc_ctx *c, const char *token,
                            struct survey_token *t,
                            enum survey_outcome *outcome)
    __attribute__((warn_unused_result));
/*
 * Record a questionnaire through door, about service_code (kiosk only;
 * "" or NULL when not given).
 */
enum err survey_record(const struct svc_ctx *c, struct survey_answers *a,
                       const struct survey_door *door, const char *service_code,
                       struct field_errors *fe, enum survey_outcome *outcome)
    __attribute__((warn_unused_result));

#endif
