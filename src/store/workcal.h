/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * workcal.h: the working-time calendar in the database: national holidays
 * and collective leave (by year, imported from the yearly decree and
 * editable by an administrator), the years loaded, and per-office
 * closures; and the loader that turns them into a core struct calendar.
 */
#ifndef SP_STORE_WORKCAL_H
#define SP_STORE_WORKCAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/calendar.h"
#include "core/office.h"

struct arena;
struct db;

struct holiday {
    const char *day;     /* "2026-03-19" */
    const char *kind;    /* "libur_nasional" or "cuti_bersama" */
    const char *name_id; /* name in Bahasa Indonesia */
    const char *name_en; /* name in English */
};

struct closure {
    const char *day;    /* "2026-07-01" */
    const char *reason; /* why the office is closed */
};

/* What an import found wrong (the first problem; its line and date). */
enum workcal_problem {
    WORKCAL_OK,
    WORKCAL_BAD_ROW,   /* not a date, a kind and a name */
    WORKCAL_MALFORMED, /* not CSV (an unclosed quote...) */
    WORKCAL_TWICE,     /* the same date twice in the file */
    WORKCAL_DIFFERS,   /* the date is kept with another kind or name */
    WORKCAL_EMPTY,     /* no holiday at all */
};
/* A date already kept with another kind or name: */
enum workcal_mode {
    WORKCAL_REFUSE_CHANGES, /* is a problem (nothing is imported) */
    WORKCAL_REPLACE,        /* takes the file's kind and names */
};
struct workcal_import {
    int64_t added;     /* new dates */
    int64_t unchanged; /* dates kept already, just so */
    int64_t replaced;  /* dates kept with another kind or name, replaced */
    int first_year;    /* the earliest year in the file (0: none) */
    int last_year;     /* the latest */
    enum workcal_problem problem;
    size_t line;             /* the line of the problem (1-based) */
    const char *day;         /* its date as written (arena), or NULL */
    struct holiday existing; /* WORKCAL_DIFFERS: what is kept */
};
/*
 * Import a calendar CSV inside the caller's transaction: one holiday a
 * line, date,kind,name_id[,name_en] (kinds libur_nasional or cuti_bersama,
 * also written "Libur Nasional", "cuti bersama"); a first line
 * date,kind,... is a header and skipped, so the header is optional. Every
 * year it covers is marked loaded. On a problem (ERR_INVALID) out says
 * which; the caller rolls back.
 */
enum err workcal_import(struct db *db, struct arena *a, const char *data,
                        size_t len, const char *source, int64_t now,
                        enum workcal_mode mode, struct workcal_import *out)
    __attribute__((warn_unused_result));
/*
 * workcal_import() with WORKCAL_REPLACE in one transaction, for the
 * command line and init: *rows the holidays in the file; on error nothing
 * is written and *error (static text or arena, English) says which line
 * and why.
 */
enum err workcal_import_csv(struct db *db, struct arena *a, const char *data,
                            size_t len, const char *source, int64_t now,
                            int64_t *rows, const char **error)
    __attribute__((warn_unused_result));
/* The same inside the caller's transaction. */
enum err workcal_import_rows(struct db *db, struct arena *a, const char *data,
                             size_t len, const char *source, int64_t now,
                             int64_t *rows, const char **error)
    __attribute__((warn_unused_result));
/* The holiday kept for day ("YYYY-MM-DD"), if any (*found). */
enum err workcal_holiday(struct db *db, struct arena *a, const char *day,
                         struct holiday *h, bool *found)
    __attribute__((warn_unused_result));
/* Holidays of a year (0 = all), by date. */
enum err workcal_holidays(struct db *db, struct arena *a, int year,
                          struct holiday **items, size_t *n_items)
    __attribute__((warn_unused_result));
/* Add or rename one holiday; marks its year loaded. */
enum err workcal_put_holiday(struct db *db, const struct holiday *h,
                             int64_t now) __attribute__((warn_unused_result));
enum err workcal_delete_holiday(struct db *db, const char *day)
    __attribute__((warn_unused_result));
/* The years loaded, ascending. */
enum err workcal_years(struct db *db, struct arena *a, int **years,
                       size_t *n_years) __attribute__((warn_unused_result));
enum err workcal_closures(struct db *db, struct arena *a, int64_t office_id,
                          struct closure **items, size_t *n_items)
    __attribute__((warn_unused_result));
enum err workcal_put_closure(struct db *db, int64_t office_id, const char *day,
                             const char *reason)
    __attribute__((warn_unused_result));
enum err workcal_delete_closure(struct db *db, int64_t office_id,
                                const char *day)
    __attribute__((warn_unused_result));
/* The calendar of office o (hours and zone from o; holidays, closures and
 * loaded years cached per office, checked against the calendar version,
 * store/versions.h, at every request). */
enum err workcal_load(struct db *db, struct arena *a, const struct office *o,
                      struct calendar *out) __attribute__((warn_unused_result));
/* The calendars of n offices at once (cals[i] for offices[i]): three
 * queries whatever n (the loaded years, the holidays, every closure of
 * these offices), for reports over many offices. */
enum err workcal_load_all(struct db *db, struct arena *a,
                          const struct office *offices, size_t n,
                          struct calendar *cals)
    __attribute__((warn_unused_result));

#endif
