/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* open311.c: the shapes of Open311 GeoReport v2 documents (open311.h). */
#include "views/open311.h"

#include <string.h>

#include "base/arena.h"
#include "base/civil.h"
#include "core/complaint.h"
#include "core/office.h"

#define OPEN311_SPEC_URL "http://wiki.open311.org/GeoReport_v2"

/* ISO 8601 at offset minutes east of UTC, or JSON null for 0. */
static json_t *iso_at(int offset, int64_t t)
{
    if (!t)
        return json_null();
    char out[32];
    civil_format_iso(t, offset, out);
    return json_string(out);
}

const struct complaint_category *
open311_find_category(const struct complaint_category *cats, size_t n,
                      const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cats[i].code, code) == 0)
            return &cats[i];
    return NULL;
}

json_t *open311_discovery(const struct open311_view *v, struct arena *a,
                          const char *url, int64_t changeset)
{
    json_t *endpoint = json_object();
    json_object_set_new(endpoint, "specification",
                        json_string(OPEN311_SPEC_URL));
    json_object_set_new(endpoint, "url", json_string(url));
    json_object_set_new(endpoint, "changeset",
                        iso_at(v->offset_min, changeset));
    json_object_set_new(endpoint, "type", json_string("production"));
    json_object_set_new(endpoint, "formats",
                        json_pack("[s,s]", "text/xml", "application/json"));
    json_t *doc = json_object();
    json_object_set_new(doc, "changeset", iso_at(v->offset_min, changeset));
    json_object_set_new(
        doc, "contact",
        json_string(arena_printf(
            a,
            "Satu Pintu (%s): untuk pertanyaan teknis hubungi Diskominfo "
            "kabupaten. / For technical questions contact the regency's IT "
            "office (Diskominfo).",
            v->base)));
    json_object_set_new(
        doc, "key_service",
        json_string("Kunci API (api_key) untuk mengirim pengaduan diberikan "
                    "oleh administrator kabupaten. / API keys for filing "
                    "complaints are issued by the regency's administrator."));
    json_object_set_new(doc, "endpoints", json_pack("[o]", endpoint));
    return doc;
}

/* A category as an Open311 service. */
static json_t *service_json(const struct complaint_category *c, struct arena *a)
{
    json_t *s = json_object();
    json_object_set_new(s, "service_code", json_string(c->code));
    json_object_set_new(s, "service_name", json_string(c->name.id));
    json_object_set_new(
        s, "description",
        json_string(arena_printf(a, "Complaint: %s. Pengaduan: %s.", c->name.en,
                                 c->name.id)));
    json_object_set_new(s, "metadata", json_true());
    json_object_set_new(s, "type", json_string("realtime"));
    json_object_set_new(
        s, "keywords",
        json_string(arena_printf(a, "pengaduan, complaint, %s, %s", c->name.id,
                                 c->name.en)));
    json_object_set_new(s, "group", json_string("pengaduan"));
    return s;
}

json_t *open311_services(const struct open311_view *v, struct arena *a)
{
    json_t *list = json_array();
    for (size_t i = 0; i < v->n_cats; i++)
        json_array_append_new(list, service_json(&v->cats[i], a));
    return list;
}

json_t *open311_definition(const struct complaint_category *cat,
                           const struct office *offices, size_t n,
                           const char *today)
{
    json_t *values = json_array();
    for (size_t i = 0; i < n; i++)
        if (office_is_service_point(&offices[i], today))
            json_array_append_new(values,
                                  json_pack("{s:s,s:s}", "key", offices[i].code,
                                            "name", offices[i].name));
    json_t *office = json_object();
    json_object_set_new(office, "variable", json_true());
    json_object_set_new(office, "code", json_string("office"));
    json_object_set_new(office, "datatype", json_string("singlevaluelist"));
    json_object_set_new(office, "required", json_true());
    json_object_set_new(
        office, "datatype_description",
        json_string("Kode titik layanan. / The service point's code."));
    json_object_set_new(office, "order", json_integer(1));
    json_object_set_new(office, "description",
                        json_string("Kantor yang diadukan / The office the "
                                    "complaint is about"));
    json_object_set_new(office, "values", values);

    json_t *regno = json_object();
    json_object_set_new(regno, "variable", json_true());
    json_object_set_new(regno, "code", json_string("registration_no"));
    json_object_set_new(regno, "datatype", json_string("string"));
    json_object_set_new(regno, "required", json_false());
    json_object_set_new(regno, "datatype_description",
                        json_string("Nomor registrasi, mis. / A registration "
                                    "number, e.g. 26-009-00042-2"));
    json_object_set_new(regno, "order", json_integer(2));
    json_object_set_new(regno, "description",
                        json_string("Nomor registrasi permohonan yang terkait "
                                    "/ The related application's "
                                    "registration number"));

    json_t *doc = json_object();
    json_object_set_new(doc, "service_code", json_string(cat->code));
    json_object_set_new(doc, "attributes", json_pack("[o,o]", office, regno));
    return doc;
}

json_t *open311_request(const struct open311_view *v, struct arena *a,
                        const struct complaint *c)
{
    const struct complaint_category *cat =
        open311_find_category(v->cats, v->n_cats, c->category);
    const char *notes = c->public_answer && *c->public_answer
                            ? c->public_answer
                            : complaint_state_name(c->state, v->lang);
    const char *agency = c->referred_office_name && *c->referred_office_name
                             ? c->referred_office_name
                             : c->office_name;
    json_t *r = json_object();
    json_object_set_new(r, "service_request_id", json_string(c->number));
    json_object_set_new(r, "status",
                        json_string(complaint_open311_status(c->state)));
    json_object_set_new(r, "status_notes", json_string(notes));
    json_object_set_new(r, "service_name",
                        json_string(cat ? cat->name.id : c->category));
    json_object_set_new(r, "service_code", json_string(c->category));
    json_object_set_new(r, "description", json_string(c->body));
    json_object_set_new(r, "agency_responsible", json_string(agency));
    json_object_set_new(
        r, "service_notice",
        json_string(L(v->lang,
                      "Diverifikasi dalam 3 hari kerja, dijawab dalam 5 hari "
                      "kerja setelahnya.",
                      "Verified within 3 working days, answered within 5 "
                      "working days after that.")));
    json_object_set_new(r, "requested_datetime",
                        iso_at(v->offset_min, c->received_at));
    json_object_set_new(
        r, "updated_datetime",
        iso_at(v->offset_min, c->updated_at ? c->updated_at : c->received_at));
    json_object_set_new(r, "expected_datetime",
                        iso_at(v->offset_min, c->deadline_at));
    json_object_set_new(
        r, "address",
        json_string(c->address && *c->address ? c->address : c->office_name));
    json_object_set_new(r, "address_id", json_null());
    json_object_set_new(r, "zipcode", json_null());
    json_object_set_new(r, "lat", json_null());
    json_object_set_new(r, "long", json_null());
    json_object_set_new(
        r, "media_url",
        c->photo_id ? json_string(arena_printf(a, "%s/complaints/photo/%lld",
                                               v->base, (long long)c->photo_id))
                    : json_null());
    return r;
}

json_t *open311_filed(const struct open311_view *v, struct arena *a,
                      const struct complaint *c)
{
    char due[32];
    civil_format_iso(c->deadline_at, v->offset_min, due);
    const char *notice =
        v->lang == LANG_EN
            ? arena_printf(a,
                           "Complaint %s received; it will be verified by %s. "
                           "Tracking PIN: %s (give it to the complainant; it "
                           "is not shown again).",
                           c->number, due, c->pin)
            : arena_printf(a,
                           "Pengaduan %s diterima dan akan diverifikasi "
                           "paling lambat %s. PIN pelacakan: %s (berikan "
                           "kepada pelapor; tidak ditampilkan lagi).",
                           c->number, due, c->pin);
    json_t *one = json_object();
    json_object_set_new(one, "service_request_id", json_string(c->number));
    json_object_set_new(one, "token", json_string(c->token));
    json_object_set_new(one, "service_notice", json_string(notice));
    json_object_set_new(one, "account_id", json_null());
    return json_pack("[o]", one);
}

json_t *open311_token(const struct complaint *c)
{
    return json_pack("[{s:s,s:s}]", "service_request_id", c->number, "token",
                     c->token);
}

json_t *open311_error(int code, const char *description)
{
    return json_pack("{s:i,s:s}", "code", code, "description", description);
}
