/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * public.c: handlers of the public pages and the public JSON API: the
 * catalogue, a service's standard, the poster, the office directory.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "svc/oversight.h"
#include "app/apps.h"
#include "app/readiness.h"
#include "base/arena.h"
#include "base/embedded.h"
#include "base/ferr.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "store/readiness.h"
#include "store/workcal.h"
#include "svc/readiness.h"
#include "svc/search.h"
#include "views/json.h"
#include "views/public.h"
#include "views/readiness.h"

/* Longest search text accepted; longer is cut (not an error). */
#define SEARCH_MAX 100

static const char *search_text(struct request *req, const char *name)
{
    const char *q = params_str(&req->query, req->arena, name);
    if (strlen(q) > SEARCH_MAX)
        return arena_strndup(req->arena, q, SEARCH_MAX);
    return q;
}

void h_home(struct request *req, struct response *res)
{
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct category *cats;
    size_t n_cats;
    int64_t n_services = 0, n_points = 0;
    enum err rc = categories_list(req->db, req->arena, &cats, &n_cats);
    if (rc == ERR_OK)
        rc = catalogue_count_active(req->db, &n_services);
    if (rc == ERR_OK)
        rc = offices_count_service_points(req->db, app_today(req), &n_points);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_home(&v, cats, n_cats, (size_t)n_services, (size_t)n_points);
    app_doc_keep(req, res, &doc);
}

/* Read the catalogue filter from the query string. */
static void service_filter(struct request *req, struct service_filter *f)
{
    memset(f, 0, sizeof(*f));
    f->level = -1;
    f->day = app_today(req); /* the standards in effect today */
    f->q = search_text(req, "q");
    const char *cat = params_str(&req->query, req->arena, "category");
    f->category = *cat ? cat : NULL;
    enum office_level l;
    if (office_level_parse(params_get(&req->query, "level"), &l))
        f->level = (int)l;
}

void h_catalogue(struct request *req, struct response *res)
{
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct service_filter f;
    service_filter(req, &f);
    struct service_def *items;
    size_t n;
    struct category *cats;
    size_t n_cats;
    struct svc_ctx c = app_svc(req);
    enum err rc = search_services(&c, &f, &items, &n);
    if (rc == ERR_OK)
        rc = categories_list(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_catalogue(&v, items, n, cats, n_cats, f.q, f.category);
    app_doc_keep(req, res, &doc);
}

/* The service points that accept s today. */
static __attribute__((warn_unused_result)) enum err
accepting_offices(struct request *req, const struct service_def *s,
                  struct office **out, size_t *n_out)
{
    struct office_filter f = {.level = -1, .service_points_only = true};
    struct office *all;
    size_t n;
    enum err rc = offices_list(req->db, req->arena, &f, &all, &n);
    if (rc != ERR_OK)
        return rc;
    const char *today = app_today(req);
    *out = arena_alloc(req->arena, (n + 1) * sizeof(**out));
    *n_out = 0;
    for (size_t i = 0; i < n; i++)
        if (office_is_service_point(&all[i], today) &&
            office_accepts(&all[i], s))
            (*out)[(*n_out)++] = all[i];
    return ERR_OK;
}

void h_service(struct request *req, struct response *res)
{
    /* With ?office= the page promises a date from now: never kept. */
    const char *want = params_get(&req->query, "office");
    struct app_doc doc = {0};
    if (!want && app_doc_cached(req, res, &doc))
        return;
    struct service_def s;
    enum err rc = catalogue_in_effect(req->db, req->arena, req->path_args[0],
                                      app_today(req), &s);
    if (rc == ERR_OK && !s.active)
        rc = ERR_NOT_FOUND;
    struct office *offices = NULL;
    size_t n_offices = 0;
    if (rc == ERR_OK)
        rc = accepting_offices(req, &s, &offices, &n_offices);
    struct category *cats = NULL;
    size_t n_cats = 0;
    if (rc == ERR_OK)
        rc = categories_list(req->db, req->arena, &cats, &n_cats);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *cat_name = s.category;
    for (size_t i = 0; i < n_cats; i++)
        if (strcmp(cats[i].code, s.category) == 0)
            cat_name = text2_get(&cats[i].name, req->lang);
    /* "If you apply now at office X, promised by ...". */
    const struct office *chosen = NULL;
    const char *promise = NULL;
    bool provisional = false;
    for (size_t i = 0; want && i < n_offices; i++) {
        if (strcmp(offices[i].code, want) != 0)
            continue;
        struct intake_ctx ctx;
        struct svc_ctx c = app_svc(req);
        enum err lrc = intake_load(&c, want, s.code, &ctx);
        if (lrc != ERR_OK && lrc != ERR_NOT_FOUND) {
            app_fail(req, res, lrc);
            return;
        }
        if (lrc == ERR_OK) {
            struct deadline d = intake_promise(&ctx, req->now);
            if (d.ok) {
                chosen = &offices[i];
                promise = apps_when(req, d.at, ctx.office.utc_offset_min);
                provisional = d.provisional;
            }
        }
    }
    /* Offices where the service is referred elsewhere say so. */
    const char **notes =
        arena_alloc(req->arena, (n_offices + 1) * sizeof(char *));
    for (size_t i = 0; i < n_offices; i++) {
        struct svc_ctx c = app_svc(req);
        bool referred = false;
        struct referral r;
        const char *msg_id, *msg_en;
        notes[i] = NULL;
        rc = readiness_referral(&c, offices[i].id, s.code, &referred, &r,
                                &msg_id, &msg_en);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        if (referred) {
            notes[i] = L(req->lang, msg_id, msg_en);
            if (chosen == &offices[i])
                chosen = NULL; /* no promise where it is not accepted */
        }
    }
    struct view v = app_view(req, res);
    view_service(&v, &s, cat_name, offices, n_offices, chosen, promise,
                 provisional, notes);
    app_doc_keep(req, res, &doc);
}

void h_poster(struct request *req, struct response *res)
{
    struct service_def s;
    enum err rc = catalogue_in_effect(req->db, req->arena, req->path_args[0],
                                      app_today(req), &s);
    if (rc == ERR_OK && !s.active)
        rc = ERR_NOT_FOUND;
    struct office o, *office = NULL;
    const char *code = params_get(&req->query, "office");
    if (rc == ERR_OK && code && *code) {
        rc = offices_get(req->db, req->arena, code, &o);
        office = &o;
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    /* A poster only where the service is offered (a KTP-el poster on a
     * kelurahan's wall would send people to the wrong door). */
    if (office && !office_accepts(office, &s)) {
        const char *id = arena_printf(
            req->arena,
            "%s tidak dilayani di %s. Lihat kantor yang melayaninya di "
            "halaman layanan /services/%s.",
            s.name.id, office->name, s.code);
        const char *en = arena_printf(
            req->arena,
            "%s is not offered at %s. See the offices that offer it on the "
            "service's page /services/%s.",
            text2_get(&s.name, LANG_EN), office->name, s.code);
        app_error(req, res, 404, "not_offered_here", id, en);
        return;
    }
    struct view v = app_view(req, res);
    view_poster(&v, &s, office);
}

/* Read the office filter; "" (default) means service points only. */
static void office_filter(struct request *req, struct office_filter *f,
                          const char **level_out)
{
    memset(f, 0, sizeof(*f));
    f->level = -1;
    f->q = search_text(req, "q");
    const char *d = params_str(&req->query, req->arena, "district");
    f->district = *d ? d : NULL;
    const char *level = params_str(&req->query, req->arena, "level");
    enum office_level l;
    if (office_level_parse(level, &l))
        f->level = (int)l;
    else if (strcmp(level, "all") != 0)
        f->service_points_only = true;
    *level_out = level;
}

void h_offices(struct request *req, struct response *res)
{
    /* Not kept (app_doc_keep): each office's "open now" changes with the
     * clock. */
    struct office_filter f;
    const char *level;
    office_filter(req, &f, &level);
    /* Set before the call: a list that fails leaves them untouched, and
     * the arrays below are sized by n. */
    struct office *items = NULL;
    size_t n = 0;
    struct region *districts = NULL;
    size_t n_districts = 0;
    enum err rc = offices_list(req->db, req->arena, &f, &items, &n);
    /* A village's name finds the service point that serves it: its own
     * office when it is one (then among the items), else its kecamatan's. */
    struct served_village *served = NULL;
    size_t n_served = 0;
    if (rc == ERR_OK && f.q && *f.q && f.service_points_only) {
        struct office_filter vf = {
            .q = f.q, .level = -1, .district = f.district};
        struct office *all = NULL;
        size_t n_all = 0;
        rc = offices_list(req->db, req->arena, &vf, &all, &n_all);
        served = arena_alloc(req->arena, (n_all + 1) * sizeof(*served));
        for (size_t i = 0; rc == ERR_OK && i < n_all && n_served < 20; i++) {
            char district[16];
            struct office *by = arena_alloc(req->arena, sizeof(*by));
            if ((all[i].level != OFFICE_DESA &&
                 all[i].level != OFFICE_KELURAHAN) ||
                office_is_service_point(&all[i], app_today(req)) ||
                !region_parent(all[i].region_code, district) ||
                offices_get(req->db, req->arena, district, by) != ERR_OK ||
                !office_is_service_point(by, app_today(req)))
                continue;
            served[n_served++] = (struct served_village){&all[i], by};
        }
    }
    struct calendar *cals = arena_alloc(req->arena, (n + 1) * sizeof(*cals));
    struct open_state *open = arena_alloc(req->arena, (n + 1) * sizeof(*open));
    if (rc == ERR_OK && n)
        rc = workcal_load_all(req->db, req->arena, items, n, cals);
    for (size_t i = 0; rc == ERR_OK && i < n; i++)
        open[i] = cal_open_state(&cals[i], req->now);
    if (rc == ERR_OK) {
        /* The districts of the regency the offices belong to. */
        struct office_filter kf = {.level = OFFICE_KECAMATAN};
        struct office *kec;
        size_t n_kec;
        rc = offices_list(req->db, req->arena, &kf, &kec, &n_kec);
        if (rc == ERR_OK && n_kec) {
            char regency[16];
            if (region_parent(kec[0].region_code, regency))
                rc = regions_children(req->db, req->arena, regency, &districts,
                                      &n_districts);
        }
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    struct office_list_page p = {
        .items = items,
        .n_items = n,
        .open = open,
        .now = req->now,
        .served = served,
        .n_served = n_served,
        .districts = districts,
        .n_districts = n_districts,
        .q = f.q,
        .level = level,
        .district = f.district,
        .today = app_today(req),
    };
    view_offices(&v, &p);
}

/* Services an office accepts (current versions, active). */
static __attribute__((warn_unused_result)) enum err
office_services(struct request *req, const struct office *o,
                struct service_def **out, size_t *n_out)
{
    struct service_filter f = {.level = -1, .day = app_today(req)};
    struct service_def *all;
    size_t n;
    enum err rc = catalogue_list(req->db, req->arena, &f, &all, &n);
    if (rc != ERR_OK)
        return rc;
    *out = arena_alloc(req->arena, (n + 1) * sizeof(**out));
    *n_out = 0;
    for (size_t i = 0; i < n; i++)
        if (office_accepts(o, &all[i]))
            (*out)[(*n_out)++] = all[i];
    return ERR_OK;
}

void h_office(struct request *req, struct response *res)
{
    /* The office and its services are kept; its performance figures
     * (which every intake and action changes) and whether it is open now
     * are computed every time. */
    struct app_doc doc;
    bool kept = app_doc_cached(req, res, &doc);
    if (kept && doc.rc != ERR_OK)
        return; /* answered 503 */
    struct office o;
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], &o);
    struct service_def *services = NULL;
    size_t n = 0;
    if (rc == ERR_OK && !kept)
        rc = office_services(req, &o, &services, &n);
    /* Open now, and (kept) where a village office sends its people. */
    struct calendar cal;
    if (rc == ERR_OK)
        rc = workcal_load(req->db, req->arena, &o, &cal);
    struct open_state open;
    struct office kec;
    struct office_extra x = {NULL, req->now, NULL};
    if (rc == ERR_OK) {
        open = cal_open_state(&cal, req->now);
        x.open = &open;
    }
    char district[16];
    if (rc == ERR_OK && !kept &&
        (o.level == OFFICE_DESA || o.level == OFFICE_KELURAHAN) &&
        !office_is_service_point(&o, app_today(req)) &&
        region_parent(o.region_code, district)) {
        rc = offices_get(req->db, req->arena, district, &kec);
        if (rc == ERR_OK)
            x.apply_at = &kec;
        else if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    /* Readiness: the last assessment's facilities, referrals in force. */
    struct assessment last;
    bool assessed = false;
    int64_t inspected = 0;
    struct referral *refs = NULL;
    size_t n_refs = 0;
    if (rc == ERR_OK) {
        rc = assessments_latest(req->db, req->arena, o.id, &last);
        assessed = rc == ERR_OK;
        if (rc == ERR_NOT_FOUND)
            rc = ERR_OK;
    }
    if (rc == ERR_OK)
        rc = inspections_last(req->db, o.id, &inspected);
    if (rc == ERR_OK)
        rc = referrals_in_force(req->db, req->arena, o.id, app_today(req),
                                &refs, &n_refs);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (!kept) {
        view_office_top(&v, &o, services, n, app_today(req), &x);
        app_doc_keep(req, res, &doc);
    }
    /* Its performance this year so far (the public figures). */
    struct svc_ctx c = app_svc(req);
    struct ov_query q = {.office_id = o.id, .current_only = true};
    struct civil_date today;
    struct ov_report r;
    struct office_perf perf = {0};
    char *period = arena_alloc(req->arena, 96);
    if (civil_parse_date(app_today(req), &today) &&
        period_parse(NULL, NULL, NULL, today, &q.period)) {
        rc = oversight_min_completed(&c, &q.min_completed);
        if (rc == ERR_OK)
            rc = oversight_report(&c, &q, &r);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        period_text(q.period.from, q.period.to, q.period.months, req->lang,
                    period, 96);
        perf = (struct office_perf){r.n_items ? &r.items[0] : NULL,
                                    q.min_completed, period};
    }
    /* Kept pages carry no services: load them when a referral needs
     * their names. */
    if (kept && n_refs && office_services(req, &o, &services, &n) != ERR_OK) {
        app_fail(req, res, ERR_DB);
        return;
    }
    struct office_readiness rd = {assessed ? &last : NULL, inspected, refs,
                                  n_refs};
    view_office_bottom(&v, &o, services, n, app_today(req), &perf,
                       o.level == OFFICE_AGENCY ? NULL : &rd, &x);
}

void h_lang(struct request *req, struct response *res)
{
    enum lang l;
    if (!lang_parse(req->path_args[0], &l)) {
        app_error(req, res, 404, "not_found",
                  "Bahasa yang tersedia: id dan en.",
                  "Available languages: id and en.");
        return;
    }
    res_cookie(req, res, "sp_lang", lang_code(l), 365 * 24 * 3600);
    const char *next = params_get(&req->query, "next");
    res_redirect(req, res, http_local_path(next) ? next : "/");
}

void h_healthz(struct request *req, struct response *res)
{
    bool ok = db_ping(req->db);
    const char *regency = app_of(req)->regency_code;
    app_json(req, res, ok ? 200 : 503,
             json_pack("{s:s,s:s,s:s}", "status",
                       ok ? "ok" : "database_unavailable", "version",
                       SP_VERSION, "regency", regency ? regency : ""));
}

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return "application/octet-stream";
    if (strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (strcmp(dot, ".png") == 0)
        return "image/png";
    return "application/octet-stream";
}

/* A static file name: 1..64 of [A-Za-z0-9._-], not starting with '.':
 * no slash, so no directory can be named, and no "..". */
static bool static_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || name[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* Read dir/name into res->body; false when it is not a readable file. */
static bool static_from_dir(const char *dir, const char *name,
                            struct request *req, struct response *res)
{
    char *path = arena_printf(req->arena, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
              st.st_size < (off_t)(HTTP_MAX_RESPONSE / 2);
    char chunk[16384];
    ssize_t n;
    while (ok && (n = read(fd, chunk, sizeof(chunk))) > 0) {
        buf_append(&res->body, chunk, (size_t)n);
        ok = buf_status(&res->body) == ERR_OK;
    }
    close(fd);
    return ok;
}

void h_static(struct request *req, struct response *res)
{
    /* The name is checked by shape before any lookup, then looked up
     * exactly: in the directory given with --static-dir when there is
     * one, else in the table compiled into the binary. */
    const char *name = req->path + strlen("/static/");
    const struct app *app = app_of(req);
    bool found = false;
    if (static_name_ok(name)) {
        if (app->static_dir) {
            found = static_from_dir(app->static_dir, name, req, res);
        } else {
            const struct embedded_file *f =
                embedded_find(arena_printf(req->arena, "static/%s", name));
            if (f) {
                buf_append(&res->body, f->data, f->len);
                found = buf_status(&res->body) == ERR_OK;
            }
        }
    }
    if (!found) {
        app_error(req, res, 404, "not_found", "Berkas tidak ditemukan.",
                  "File not found.");
        return;
    }
    res->content_type = mime_of(name);
    res_header(req, res, "Cache-Control", "public, max-age=3600");
}

/*
 * The catalogue's list: a summary of each service (what a list shows, and
 * the address of its details), or with ?detail=full every service complete
 * as at its own address (for a client that keeps a copy of the catalogue).
 * An empty detail is no detail.
 */
void h_api_services(struct request *req, struct response *res)
{
    const char *detail = params_str(&req->query, req->arena, "detail");
    bool full = strcmp(detail, "full") == 0;
    if (*detail && !full && strcmp(detail, "summary") != 0) {
        struct field_errors fe = {0};
        ferr_add(&fe, req->arena, "detail", "invalid",
                 "Nilai 'detail' harus 'summary' (ringkasan, bawaan) atau"
                 " 'full' (lengkap).",
                 "'detail' must be 'summary' (the default) or 'full'.");
        app_json_field_errors(req, res, &fe);
        return;
    }
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct service_filter f;
    service_filter(req, &f);
    struct service_def *items;
    size_t n;
    /* The order of the forgiving search; a summary is in its rows, a
     * service complete comes from one read of the whole catalogue (one
     * query per component table). */
    struct svc_ctx c = app_svc(req);
    enum err rc = search_services(&c, &f, &items, &n);
    struct service_def *all = NULL;
    size_t n_all = 0;
    if (rc == ERR_OK && full) {
        struct service_filter every = f;
        every.q = NULL;
        rc = catalogue_list_full(req->db, req->arena, &every, &all, &n_all);
    }
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!full) {
            json_array_append_new(list, json_service_summary(&items[i]));
            continue;
        }
        for (size_t k = 0; k < n_all; k++)
            if (strcmp(all[k].code, items[i].code) == 0)
                json_array_append_new(list,
                                      json_service(&all[k], req->signed_in));
    }
    app_json(req, res, 200, json_pack("{s:o}", "items", list));
    app_doc_keep(req, res, &doc);
}

void h_api_service(struct request *req, struct response *res)
{
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct service_def s;
    enum err rc = catalogue_in_effect(req->db, req->arena, req->path_args[0],
                                      app_today(req), &s);
    if (rc == ERR_OK && !s.active)
        rc = ERR_NOT_FOUND;
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    app_json(req, res, 200, json_service(&s, req->signed_in));
    app_doc_keep(req, res, &doc);
}

void h_api_offices(struct request *req, struct response *res)
{
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct office_filter f;
    const char *level;
    office_filter(req, &f, &level);
    struct office *items;
    size_t n;
    enum err rc = offices_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    const char *today = app_today(req);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_office(&items[i], today));
    app_json(req, res, 200, json_pack("{s:o}", "items", list));
    app_doc_keep(req, res, &doc);
}

void h_api_office(struct request *req, struct response *res)
{
    struct app_doc doc;
    if (app_doc_cached(req, res, &doc))
        return;
    struct office o;
    struct service_def *services = NULL;
    size_t n = 0;
    enum err rc = offices_get(req->db, req->arena, req->path_args[0], &o);
    if (rc == ERR_OK)
        rc = office_services(req, &o, &services, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    json_t *j = json_office(&o, app_today(req));
    json_t *codes = json_array();
    const char **list = arena_alloc(req->arena, (n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(codes, json_string(services[i].code));
        list[i] = services[i].code;
    }
    json_object_set_new(j, "services", codes);
    rc = readiness_office_json(req, &o, list, n, j);
    if (rc != ERR_OK) {
        json_decref(j);
        app_fail(req, res, rc);
        return;
    }
    app_json(req, res, 200, j);
    app_doc_keep(req, res, &doc);
}

void h_api_me(struct request *req, struct response *res)
{
    app_json(req, res, 200,
             json_pack("{s:s,s:s,s:s,s:b}", "login", req->who.login, "name",
                       req->who.name, "role", role_code(req->who.role),
                       "via_api_key", req->via_api_key));
}
