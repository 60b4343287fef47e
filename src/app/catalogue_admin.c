/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * catalogue_admin.c: editing the service catalogue. Saving a standard
 * writes a new version (store/catalogue.h); the form shows what was sent,
 * with messages next to the fields, when it does not validate.
 */
#include <string.h>

#include "app/app.h"
#include "base/arena.h"
#include "core/search.h"
#include "store/catalogue.h"
#include "store/db.h"
#include "store/offices.h"
#include "views/json.h"
#include "views/staff.h"

/* Rows read from the form beyond the caps are reported, not dropped. */
#define FORM_MAX_ROWS 40

static const char *form_str(struct request *req, const char *name)
{
    return params_str(&req->form, req->arena, name);
}

static struct text2 form_text2(struct request *req, const char *prefix)
{
    struct text2 t;
    t.id = form_str(req, arena_printf(req->arena, "%s_id", prefix));
    t.en = form_str(req, arena_printf(req->arena, "%s_en", prefix));
    return t;
}

/* The same for a textarea pair: lines kept (params_text). */
static struct text2 form_lines2(struct request *req, const char *prefix)
{
    struct text2 t;
    t.id = params_text(&req->form, req->arena,
                       arena_printf(req->arena, "%s_id", prefix));
    t.en = params_text(&req->form, req->arena,
                       arena_printf(req->arena, "%s_en", prefix));
    return t;
}

/* Build a service from the form; code comes from the path unless new. */
static void service_from_form(struct request *req, struct service_def *s,
                              const char *code, struct field_errors *fe)
{
    memset(s, 0, sizeof(*s));
    s->code = code;
    s->category = form_str(req, "category");
    s->name = form_text2(req, "name");
    s->agency = form_str(req, "agency");
    if (!*s->agency)
        s->agency = NULL;
    for (size_t i = 0; i < params_count(&req->form, "accepted_at"); i++) {
        enum office_level l;
        if (office_level_parse(params_nth(&req->form, "accepted_at", i), &l) &&
            l != OFFICE_AGENCY)
            s->accepted_levels |= 1u << l;
    }
    s->reqs = arena_alloc(req->arena, FORM_MAX_ROWS * sizeof(*s->reqs));
    s->steps = arena_alloc(req->arena, FORM_MAX_ROWS * sizeof(*s->steps));
    for (size_t i = 0; i < FORM_MAX_ROWS; i++) {
        struct requirement r;
        r.code = form_str(req, arena_printf(req->arena, "req_code[%zu]", i));
        r.name = form_text2(req, arena_printf(req->arena, "req_name[%zu]", i));
        r.mandatory = params_bool(
            &req->form, arena_printf(req->arena, "req_mandatory[%zu]", i));
        r.mandatory_levels = 0;
        const char *at = arena_printf(req->arena, "req_mandatory_at[%zu]", i);
        for (size_t k = 0; k < params_count(&req->form, at); k++) {
            enum office_level l;
            if (office_level_parse(params_nth(&req->form, at, k), &l))
                r.mandatory_levels |= 1u << l;
        }
        if (*r.code || *r.name.id || *r.name.en)
            s->reqs[s->n_reqs++] = r;
    }
    for (size_t i = 0; i < FORM_MAX_ROWS; i++) {
        struct sop_step st;
        st.code = form_str(req, arena_printf(req->arena, "step_code[%zu]", i));
        st.name =
            form_text2(req, arena_printf(req->arena, "step_name[%zu]", i));
        if (!*st.code && !*st.name.id && !*st.name.en)
            continue;
        if (!role_parse(
                form_str(req, arena_printf(req->arena, "step_role[%zu]", i)),
                &st.role))
            st.role = ROLE__COUNT;
        if (!step_state_parse(
                form_str(req, arena_printf(req->arena, "step_state[%zu]", i)),
                &st.state))
            st.state = STEP_STATE__COUNT;
        s->steps[s->n_steps++] = st;
    }
    int64_t amount = 0, fee = 0;
    enum err rc = params_int(&req->form, "time_amount", 1, 60000, &amount);
    if (rc != ERR_OK)
        ferr_add(fe, req->arena, "time_amount", "not_a_number",
                 "Isi bilangan bulat positif.",
                 "Give a positive whole "
                 "number.");
    s->time_amount = (int)amount;
    if (!time_unit_parse(form_str(req, "time_unit"), &s->time_unit))
        s->time_unit = TIME_WORKING_DAYS;
    rc = params_int(&req->form, "fee", 0, SERVICE_FEE_MAX, &fee);
    if (rc != ERR_OK)
        ferr_add(fe, req->arena, "fee", "not_a_number",
                 "Isi biaya dalam rupiah, 0 sampai 100000000, tanpa titik.",
                 "Give the fee in rupiah, 0 to 100000000, without "
                 "separators.");
    s->fee = fee;
    for (int c = 0; c < COMP__COUNT; c++)
        s->comp[c] = form_lines2(
            req,
            arena_printf(req->arena, "comp_%s",
                         service_component_key((enum service_component)c)));
    s->active = params_bool(&req->form, "active");
    s->asks_purpose = params_bool(&req->form, "asks_purpose");
}

static void show_form(struct request *req, struct response *res,
                      const struct service_def *s, bool is_new,
                      const struct field_errors *fe)
{
    struct category *cats;
    size_t n_cats;
    struct office *agencies;
    size_t n_agencies;
    struct office_filter f = {.level = OFFICE_AGENCY};
    enum err rc = categories_list(req->db, req->arena, &cats, &n_cats);
    if (rc == ERR_OK)
        rc = offices_list(req->db, req->arena, &f, &agencies, &n_agencies);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    if (!fe && params_get(&req->query, "saved"))
        v.flash = L(req->lang, "Tersimpan sebagai versi baru.",
                    "Saved as a new version.");
    view_admin_service(&v, s, is_new, cats, n_cats, agencies, n_agencies, fe);
}

void h_admin_services(struct request *req, struct response *res)
{
    struct service_filter f = {.level = -1, .include_inactive = true};
    struct service_def *items;
    size_t n;
    enum err rc = catalogue_list(req->db, req->arena, &f, &items, &n);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_admin_services(&v, items, n);
}

void h_admin_service(struct request *req, struct response *res)
{
    struct service_def s;
    bool is_new = strcmp(req->path_args[0], "new") == 0;
    if (is_new) {
        memset(&s, 0, sizeof(s));
        s.code = "";
        s.time_amount = 1;
        s.active = true;
        for (int c = 0; c < COMP__COUNT; c++)
            s.comp[c].id = s.comp[c].en = "";
        s.name.id = s.name.en = "";
    } else {
        enum err rc =
            catalogue_get(req->db, req->arena, req->path_args[0], 0, &s);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
    }
    show_form(req, res, &s, is_new, NULL);
}

void h_admin_service_save(struct request *req, struct response *res)
{
    /* The same form saved twice (a reload): one new version, not two. */
    struct svc_ctx c = app_svc(req);
    const char *first = NULL;
    int64_t first_at = 0;
    enum err rrc = svc_replay_find(&c, &first, &first_at);
    if (rrc == ERR_OK) {
        res_redirect(
            req, res,
            arena_printf(req->arena, "/admin/services/%s?saved=1", first));
        return;
    }
    if (rrc != ERR_NOT_FOUND) {
        app_fail(req, res, rrc);
        return;
    }
    bool is_new = strcmp(req->path_args[0], "new") == 0;
    struct service_def before;
    bool existed = false;
    const char *code = is_new ? form_str(req, "code") : req->path_args[0];
    enum err rc = ERR_OK;
    if (!is_new) {
        rc = catalogue_get(req->db, req->arena, code, 0, &before);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        existed = true;
    }
    struct field_errors fe = {0};
    struct service_def s;
    service_from_form(req, &s, code, &fe);
    service_validate(&s, req->arena, &fe);
    if (!ferr_any(&fe) && s.agency) {
        struct office ag;
        rc = offices_get(req->db, req->arena, s.agency, &ag);
        if (rc == ERR_NOT_FOUND || (rc == ERR_OK && ag.level != OFFICE_AGENCY))
            ferr_add(&fe, req->arena, "agency", "unknown_agency",
                     "Perangkat daerah tidak dikenal.", "Unknown agency.");
        else if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
    }
    if (!ferr_any(&fe) && is_new) {
        int64_t existing = 0;
        rc = catalogue_service_id(req->db, code, &existing);
        if (rc == ERR_OK)
            ferr_add(&fe, req->arena, "code", "taken",
                     "Kode ini sudah dipakai layanan lain.",
                     "This code is used by another service.");
        else if (rc != ERR_NOT_FOUND) {
            app_fail(req, res, rc);
            return;
        }
    }
    if (ferr_any(&fe)) {
        res->status = 422;
        if (existed)
            s.version = before.version;
        show_form(req, res, &s, is_new, &fe);
        return;
    }
    int version = 0;
    rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = catalogue_save(req->db, &s, req->who.user_id, req->now, &version);
    if (rc == ERR_OK)
        rc = catalogue_set_active(req->db, s.code, s.active);
    if (rc == ERR_OK) {
        s.version = version;
        json_t *jb = existed ? json_service(&before, true) : NULL;
        json_t *ja = json_service(&s, true);
        rc = app_audit(req, existed ? "new_version" : "create", "service",
                       s.code, jb, ja);
        json_decref(jb);
        json_decref(ja);
    }
    if (rc == ERR_OK)
        rc = svc_replay_record(&c, s.code);
    rc = db_tx_end(req->db, rc);
    if (rc == ERR_CONFLICT && svc_replay_find(&c, &first, &first_at) == ERR_OK)
        rc = ERR_OK; /* a twin saved it */
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(
        req, res,
        arena_printf(req->arena, "/admin/services/%s?saved=1", s.code));
}

void h_admin_synonyms(struct request *req, struct response *res)
{
    const char *text = "";
    bool custom = false;
    enum err rc = catalogue_synonyms(req->db, req->arena, &text, &custom);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    struct view v = app_view(req, res);
    view_admin_synonyms(&v, text, custom, NULL,
                        params_get(&req->query, "saved")
                            ? L(req->lang, "Tersimpan.", "Saved.")
                            : NULL);
}

void h_admin_synonyms_save(struct request *req, struct response *res)
{
    bool bundled = params_bool(&req->form, "bundled");
    const char *text = params_text(&req->form, req->arena, "synonyms");
    struct search_synonyms syn;
    size_t bad = 0;
    if (!bundled &&
        search_synonyms_parse(req->arena, text, &syn, &bad) != ERR_OK) {
        res->status = 422;
        struct view v = app_view(req, res);
        const char *error =
            req->lang == LANG_EN
                ? arena_printf(req->arena,
                               "Not saved. Line %zu: a group needs two or "
                               "more phrases separated by commas (at most "
                               "%d).",
                               bad, SEARCH_MAX_PHRASES)
                : arena_printf(req->arena,
                               "Tidak disimpan. Baris %zu: satu kelompok "
                               "perlu dua frasa atau lebih, dipisah koma "
                               "(paling banyak %d).",
                               bad, SEARCH_MAX_PHRASES);
        view_admin_synonyms(&v, text, true, error, NULL);
        return;
    }
    const char *before = "";
    bool custom = false;
    enum err rc = db_begin(req->db);
    if (rc == ERR_OK)
        rc = catalogue_synonyms(req->db, req->arena, &before, &custom);
    if (rc == ERR_OK)
        rc = catalogue_put_synonyms(req->db, bundled ? NULL : text);
    if (rc == ERR_OK) {
        json_t *b =
            json_pack("{s:s,s:b}", "synonyms", before, "custom", custom);
        json_t *a = json_pack("{s:s?,s:b}", "synonyms", bundled ? NULL : text,
                              "custom", !bundled);
        rc = app_audit(req, "search_synonyms", "catalogue", "synonyms", b, a);
        json_decref(b);
        json_decref(a);
    }
    rc = db_tx_end(req->db, rc);
    if (rc != ERR_OK) {
        app_fail(req, res, rc);
        return;
    }
    res_redirect(req, res, "/admin/search?saved=1");
}
