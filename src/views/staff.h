/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * staff.h: sign-in, password change, the staff workspace and the
 * administration pages (users, API keys, offices, catalogue, audit log).
 */
#ifndef SP_VIEWS_STAFF_H
#define SP_VIEWS_STAFF_H

#include <stddef.h>

#include "base/params.h"
#include "core/office.h"
#include "core/service.h"
#include "store/catalogue.h"
#include "store/offices.h"
#include "store/users.h"
#include "store/workcal.h"
#include "views/view.h"

void view_login(struct view *v, const char *login, const char *next,
                const char *error);
void view_password(struct view *v, const struct field_errors *fe, bool forced);
void view_staff_home(struct view *v, const char *office_name,
                     const char *office_code);

/* Users: the list with a creation form (values and errors of a failed
 * attempt), and one user's edit page. offices: for the office choice. */
void view_users(struct view *v, const struct user *users, size_t n_users,
                const struct office *offices, size_t n_offices,
                const struct params *form, const struct field_errors *fe,
                const char *new_password);
void view_user(struct view *v, const struct user *u,
               const struct office *offices, size_t n_offices,
               const struct field_errors *fe, const char *new_password);

void view_apikeys(struct view *v, const struct api_key *keys, size_t n_keys,
                  const struct user *users, size_t n_users, const char *new_key,
                  const struct field_errors *fe);

/* The offices table's filters. */
struct admin_offices_page {
    const char *q;                  /* name or code typed, or "" */
    const char *level;              /* level code chosen, or NULL */
    const char *district;           /* kecamatan code chosen, or NULL */
    const struct office *districts; /* the kecamatan offices to choose */
    size_t n_districts;
    const char *today; /* YYYY-MM-DD, for "scheduled" */
};
void view_admin_offices(struct view *v, const struct office *items,
                        size_t n_items, const struct admin_offices_page *p);
/* full: the administrator's form (name and service point too); a head
 * of office edits address, phone and hours only. */
void view_admin_office(struct view *v, const struct office *o,
                       const struct params *form, const struct field_errors *fe,
                       bool full, const struct closure *closures,
                       size_t n_closures, const struct service_def *services,
                       size_t n_services);

/* The catalogue for its editors; scheduled[i]: the day a newer version
 * of items[i] takes effect, or NULL. */
void view_admin_services(struct view *v, const struct service_def *items,
                         size_t n_items, const char *const *scheduled);
/* The search's synonym list, to edit (custom: the regency's own). */
void view_admin_synonyms(struct view *v, const char *text, bool custom,
                         const char *error, const char *flash);
/* The service standard form; s is the current version (or a new one). */
/* The service standard editor: the form (prefilled with s, the newest
 * version, or what was sent), the versions and their effective days. */
struct admin_service_page {
    const struct service_def *s;
    bool is_new;
    const struct category *cats;
    size_t n_cats;
    const struct office *agencies;
    size_t n_agencies;
    const struct field_errors *fe;
    const char *fee_typed;       /* the fee as sent, or NULL: s->fee */
    const char *effective_typed; /* the effective day as sent, or NULL */
    const struct service_version_info *versions; /* newest first */
    size_t n_versions;
    int in_effect;     /* the version in effect today */
    const char *today; /* "YYYY-MM-DD" (regency) */
};
void view_admin_service(struct view *v, const struct admin_service_page *p);
/* Two versions of a service side by side, differing fields marked. */
void view_admin_service_compare(struct view *v, const struct service_def *a,
                                const struct service_def *b,
                                const struct service_version_info *versions,
                                size_t n_versions);

void view_audit(struct view *v, const struct audit_entry *items,
                size_t n_items);

/* The holiday calendar of a year, the years loaded, the add and import
 * forms (calendar_admin.c). */
struct calendar_page {
    int year;                    /* the year shown (and edited) */
    const struct holiday *items; /* its holidays */
    size_t n_items;
    const int *years; /* the years loaded */
    size_t n_years;
    const struct field_errors *fe; /* the add form's errors */
    const struct params *sent;     /* what was sent (kept on error) */
    const char *import_error;      /* why the import was refused */
    bool next_year_missing;        /* from 1 November: next year not loaded */
};
void view_calendar(struct view *v, const struct calendar_page *p);
/* "Remove this holiday?" with the button that does it. */
void view_calendar_delete(struct view *v, const struct holiday *h);
/* An office's closures with the add form (a section of the office page). */
void view_closures(struct view *v, const struct office *o,
                   const struct closure *items, size_t n_items,
                   const struct field_errors *fe);

#endif
