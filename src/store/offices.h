/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * offices.h: offices, service points, regions and service categories in
 * the database. Text in returned structs is copied into the caller's arena.
 */
#ifndef SP_STORE_OFFICES_H
#define SP_STORE_OFFICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/lang.h"
#include "core/office.h"

struct arena;
struct db;

struct office_filter {
    const char *q;            /* name contains (case-insensitive), or NULL */
    int level;                /* enum office_level, or -1 for any */
    bool service_points_only; /* only offices with a service_point_since */
    const char *district;     /* district code the office lies in, or NULL */
    bool q_code;              /* q also matches the code ("35.10.09") */
};

/* One office by code or id; ERR_NOT_FOUND if none. Served from a cache
 * shared by the process's connections, checked against the catalogue
 * version (store/versions.h) at every request. */
enum err offices_get(struct db *db, struct arena *a, const char *code,
                     struct office *out) __attribute__((warn_unused_result));
enum err offices_get_by_id(struct db *db, struct arena *a, int64_t id,
                           struct office *out)
    __attribute__((warn_unused_result));
/* Offices matching f, ordered by code; *items is an arena array. */
/* A copy of src with its strings in a. */
void office_copy(struct arena *a, const struct office *src, struct office *o);
enum err offices_list(struct db *db, struct arena *a,
                      const struct office_filter *f, struct office **items,
                      size_t *n_items) __attribute__((warn_unused_result));
/*
 * Save the editable fields of an existing office (name, address, phone,
 * hours, service_point_since, map position, accepted_services) by id.
 * ERR_NOT_FOUND if it does not exist.
 */
enum err offices_update(struct db *db, const struct office *o)
    __attribute__((warn_unused_result));

/* Offices that are service points on date (YYYY-MM-DD). */
enum err offices_count_service_points(struct db *db, const char *date,
                                      int64_t *n)
    __attribute__((warn_unused_result));

struct region {
    const char *code;         /* "35.10.01" */
    const char *name;         /* "Pesanggaran" */
    const char *level;        /* "province" ... "village" */
    const char *parent;       /* parent code or NULL */
    const char *village_kind; /* "kelurahan"/"desa" for villages, or NULL */
};

enum err regions_get(struct db *db, struct arena *a, const char *code,
                     struct region *out) __attribute__((warn_unused_result));
/* Districts of a regency, or villages of a district, ordered by code. */
enum err regions_children(struct db *db, struct arena *a, const char *parent,
                          struct region **items, size_t *n_items)
    __attribute__((warn_unused_result));

struct category {
    const char *code;  /* "keterangan" */
    struct text2 name; /* category name */
};

enum err categories_list(struct db *db, struct arena *a,
                         struct category **items, size_t *n_items)
    __attribute__((warn_unused_result));

#endif
