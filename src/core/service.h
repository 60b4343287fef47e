/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * service.h: a service and its service standard (standar pelayanan,
 * PermenPANRB 15/2014: 14 components), and the rules a standard must meet
 * before it is saved.
 *
 * The 14 components map onto this struct as follows: requirements (reqs),
 * procedure (steps, each with the role that performs it), time limit
 * (time_amount + time_unit), cost (fee + COMP_COST text), product, complaint
 * handling, legal basis, facilities, staff competence, internal
 * supervision, number of staff, service guarantee, safety guarantee and
 * performance evaluation (the COMP_* texts). The first six are public.
 */
#ifndef SP_CORE_SERVICE_H
#define SP_CORE_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lang.h"
#include "core/region.h"
#include "core/role.h"

struct arena;
struct field_errors;

#define SERVICE_CODE_MAX 16
#define SERVICE_NAME_MAX 200
#define SERVICE_TEXT_MAX 4000
#define SERVICE_MAX_REQS 30
#define SERVICE_MAX_STEPS 15
#define SERVICE_FEE_MAX 100000000 /* Rp 100 million */

enum time_unit { TIME_WORKING_DAYS, TIME_WORKING_MINUTES };

/* Canonical application states an SOP step leads to, in order. */
enum step_state {
    STEP_RECEIVED,
    STEP_VERIFIED,
    STEP_IN_PROCESS,
    STEP_SIGNED,
    STEP_READY,
    STEP_STATE__COUNT
};

/* Text components of the standard, beside requirements/steps/time/fee. */
enum service_component {
    COMP_DESCRIPTION,
    COMP_COST,
    COMP_PRODUCT,
    COMP_COMPLAINT,
    COMP_LEGAL,
    COMP_FACILITIES,
    COMP_COMPETENCE,
    COMP_SUPERVISION,
    COMP_STAFF,
    COMP_GUARANTEE,
    COMP_SAFETY,
    COMP_EVALUATION,
    COMP__COUNT
};

struct requirement {
    const char *code;          /* e.g. "KTP", unique within the service */
    struct text2 name;         /* document name */
    bool mandatory;            /* registration refused while unchecked */
    unsigned mandatory_levels; /* besides: mandatory at these office levels
                                  only (bits 1u << enum office_level), e.g.
                                  the village head's letter when applying
                                  at the kecamatan */
};

struct sop_step {
    const char *code;      /* e.g. "VERIFIKASI" */
    struct text2 name;     /* what is done */
    enum role role;        /* who does it */
    enum step_state state; /* state reached when done */
};

struct service_def {
    const char *code;         /* "SKTM": stable across versions */
    const char *category;     /* category code */
    struct text2 name;        /* service name */
    unsigned accepted_levels; /* bits (1u << enum office_level) */
    const char *agency;       /* processing agency office code, or NULL */
    struct requirement *reqs; /* arena array */
    size_t n_reqs;
    struct sop_step *steps; /* arena array, in order */
    size_t n_steps;
    int time_amount;                /* days 1..365 or minutes 1..60000 */
    enum time_unit time_unit;       /* working days or working minutes */
    int64_t fee;                    /* rupiah, 0 = free */
    struct text2 comp[COMP__COUNT]; /* text components */
    int version;                    /* 1, 2, ... (set by the store) */
    int64_t id;                     /* services.id (catalogue_list), or 0 */
    bool active;                    /* shown in the catalogue */
    const char *effective_from;     /* "YYYY-MM-DD": in effect from that
                                       local midnight; NULL: from its
                                       saving */
    bool asks_purpose; /* intake asks the purpose of the letter (keperluan):
                          a letter stating what it is for */
};

/* "working_days" / "working_minutes". */
const char *time_unit_code(enum time_unit u);
bool time_unit_parse(const char *s, enum time_unit *out);
/* "received", "verified", "in_process", "signed", "ready". */
const char *step_state_code(enum step_state s);
bool step_state_parse(const char *s, enum step_state *out);
const char *step_state_name(enum step_state s, enum lang lang);
/*
 * What a citizen reads for an SOP step, in plain words, by the step's
 * stable code (TERIMA, VERIFIKASI, KONSEP, TTD, SERAH...): "Pemeriksaan
 * berkas" / "Checking your documents". A code not in the table (a service
 * an administrator wrote) reads by the state the step reaches. The codes
 * stay in the API and on staff pages; the words are for people.
 */
const char *step_public_name(const char *code, enum step_state state,
                             enum lang lang);
/* JSON/form key of a component ("cost", "legal_basis", ...). */
const char *service_component_key(enum service_component c);
const char *service_component_name(enum service_component c, enum lang l);
/* True for the components on the notice board and public pages. */
bool service_component_is_public(enum service_component c);

/* True for 2..16 characters of A-Z 0-9 _ -, starting with A-Z or 0-9. */
bool service_code_valid(const char *code);
/* True for 2..32 characters of a-z 0-9 _. */
bool category_code_valid(const char *code);

/*
 * Check a service standard against the rules; append one field error per
 * problem to fe (field names as in the admin form: "code", "name_id",
 * "time_amount", "req_code[2]", "step_role[0]", "comp_legal_basis_en"...).
 * Rules: every code valid and unique within its list; both names present
 * and at most SERVICE_NAME_MAX bytes; at least one accepted level; 1..30
 * requirements with at least one mandatory; 2..15 steps, the first in state
 * received, the last ready, states never going back; time limit within its
 * unit's range; fee 0..SERVICE_FEE_MAX, and a non-zero fee needs a cost
 * text naming the tariff rule; every component text present in Indonesian
 * (English may be empty) and at most SERVICE_TEXT_MAX bytes.
 */
void service_validate(const struct service_def *s, struct arena *a,
                      struct field_errors *fe);

/* Whether r must be handed in at an office of level l: mandatory
 * everywhere, or at that level. */
bool requirement_mandatory_at(const struct requirement *r, enum office_level l);
/* Human text of the time limit, e.g. "3 hari kerja" / "3 working days". */
const char *service_time_text(const struct service_def *s, struct arena *a,
                              enum lang lang);
/* "Gratis" / "Free", or "Rp 10.000". */
const char *service_fee_text(int64_t fee, struct arena *a, enum lang lang);
/* How a typed fee reads (service_fee_parse()). */
enum fee_parse {
    FEE_OK,        /* a whole number of rupiah */
    FEE_INVALID,   /* not a number of rupiah */
    FEE_AMBIGUOUS, /* a comma with digits after it ("10,5", "10,500"):
                      a decimal mark or a thousands separator? refused */
    FEE_RANGE,     /* more than SERVICE_FEE_MAX */
};
/*
 * A fee as an administrator types it: "10000", "10.000" (Indonesian
 * thousands dots, in groups of three), "Rp 10.000", "Rp10.000,-" or
 * "10.000,00" (no sen); spaces around are ignored. Into *fee (rupiah).
 */
enum fee_parse service_fee_parse(const char *s, int64_t *fee);

#endif
