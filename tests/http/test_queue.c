/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_queue.c: HTTP tests of the counter queue against the real binary:
 * the API and who may use it (kiosk devices, front-office keys of the
 * office, not a browser session, not another office, not the back
 * office), calling with its refusals, transfer, the counters' set-up and
 * its scope, the kiosk with its 58 mm ticket and a repeated form, the
 * citizen's phone page and its token, bookings (quota, validation, the
 * address limit), the officer's desk with an intake that links the
 * ticket, the figures and who sees them, and the display board's event
 * stream read by a client: a call seen on the stream (waited for with a
 * generous bound, never a speed assertion), the stream ended by a
 * restart, a new stream on the restarted server seeing the next call,
 * and the day's numbering continuing after the restart.
 */
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "store/db.h"
#include "test.h"

#define OFFICE "35.10.09"
#define OTHER "35.10.17"
#define PASSWORD "Sandi-Uji-12345"

static struct server srv;
static char key_front[128], key_front2[128], key_other[128], key_back[128],
    key_head[128], key_sekda[128];

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo '" PASSWORD "' | %s user add %s --role %s %s %s "
             "--password-stdin --db '%s' >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

static void bearer(const char *login, char out[128])
{
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &b, args), 0);
    snprintf(out, 128, "Authorization: Bearer %.51s", buf_cstr(&b));
    buf_free(&b);
}

static long post_json(struct client *c, const char *path, const char *js,
                      const char *header, struct resp *r)
{
    client_req(c, "POST", path, js, "application/json", header, r);
    return r->status;
}

/* Issue a ticket of group through the API with key; its id and label. */
static long issue(struct client *c, const char *key, const char *office,
                  const char *group, bool priority, int64_t *id, char label[16])
{
    char path[128], js[128];
    snprintf(path, sizeof(path), "/api/v1/offices/%s/queue/tickets", office);
    snprintf(js, sizeof(js), "{\"group\":\"%s\",\"priority\":%s}", group,
             priority ? "true" : "false");
    struct resp r;
    long st = post_json(c, path, js, key, &r);
    if (id)
        *id = 0;
    if (label)
        label[0] = '\0';
    json_t *j = json_of(&r);
    if (st == 201 && j) {
        if (id)
            *id = json_integer_value(json_object_get(j, "id"));
        if (label)
            snprintf(label, 16, "%s",
                     json_string_value(json_object_get(j, "ticket")));
    }
    json_decref(j);
    resp_free(&r);
    return st;
}

/* POST .../queue/call for counter; the label called (or ""). */
static long call(struct client *c, const char *key, const char *counter,
                 char label[16], int64_t *id)
{
    char js[64];
    snprintf(js, sizeof(js), "{\"counter\":\"%s\"}", counter);
    struct resp r;
    long st =
        post_json(c, "/api/v1/offices/" OFFICE "/queue/call", js, key, &r);
    label[0] = '\0';
    json_t *j = json_of(&r);
    if (j) {
        const char *t = json_string_value(json_object_get(j, "ticket"));
        snprintf(label, 16, "%s", t ? t : "");
        if (id)
            *id = json_integer_value(json_object_get(j, "id"));
    }
    json_decref(j);
    resp_free(&r);
    return st;
}

static long act(struct client *c, const char *key, int64_t id,
                const char *action, const char *js)
{
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/queue/tickets/%lld/%s", (long long)id,
             action);
    struct resp r;
    long st = post_json(c, path, js ? js : "{}", key, &r);
    resp_free(&r);
    return st;
}

static const char *csrf_of(struct client *c, const char *path, char out[128])
{
    struct resp r;
    client_get(c, path, &r);
    snprintf(out, 128, "%s", resp_csrf(&r));
    resp_free(&r);
    return out;
}

static void test_defaults_and_doors(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/api/v1/offices/" OFFICE "/queue", &r);
    CHECK_INT(r.status, 200);
    json_t *j = json_of(&r);
    CHECK(j != NULL);
    json_t *counters = json_object_get(j, "counters");
    CHECK_INT(json_array_size(counters), 1);
    json_t *k = json_array_get(counters, 0);
    CHECK_STR(json_string_value(json_object_get(k, "code")), "1");
    CHECK_STR(
        json_string_value(json_array_get(json_object_get(k, "groups"), 0)),
        "*");
    CHECK_INT(json_array_size(json_object_get(j, "groups")), 5);
    CHECK_INT(json_integer_value(json_object_get(j, "waiting")), 0);
    CHECK_INT(json_array_size(json_object_get(j, "calls")), 0);
    json_decref(j);
    resp_free(&r);
    client_get(c, "/api/v1/offices/99.99.99/queue", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);

    /* Issued by the office's front office: B-001, nobody ahead. */
    int64_t id = 0;
    char label[16];
    CHECK_INT(issue(c, key_front, OFFICE, "B", false, &id, label), 201);
    CHECK_STR(label, "B-001");
    CHECK_INT(issue(c, key_front, OFFICE, "B", false, NULL, label), 201);
    CHECK_STR(label, "B-002");
    post_json(c, "/api/v1/offices/" OFFICE "/queue/tickets",
              "{\"group\":\"B\",\"priority\":false,\"booking\":null}",
              key_front, &r);
    CHECK_INT(r.status, 201);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "ticket")), "B-003");
    CHECK_INT(json_integer_value(json_object_get(j, "ahead")), 2);
    const char *url = json_string_value(json_object_get(j, "follow_url"));
    CHECK(url && strstr(url, "/queue/ticket?t="));
    CHECK(url && strlen(strstr(url, "?t=") + 3) == 32);
    CHECK(json_string_value(json_object_get(j, "issued_at")) &&
          strstr(json_string_value(json_object_get(j, "issued_at")), "+07:00"));
    json_decref(j);
    resp_free(&r);

    /* Refused: nobody (no device, no key), the back office, another
     * office's front office, a head of office's key at their own office
     * is fine. */
    CHECK_INT(issue(c, NULL, OFFICE, "A", false, NULL, NULL), 401);
    CHECK_INT(issue(c, key_back, OFFICE, "A", false, NULL, NULL), 403);
    CHECK_INT(issue(c, key_other, OFFICE, "A", false, NULL, NULL), 403);
    CHECK_INT(issue(c, key_head, OFFICE, "A", false, NULL, label), 201);
    CHECK_STR(label, "A-001");
    CHECK_INT(issue(c,
                    "Authorization: Bearer sp_0000000000000000000000000"
                    "00000000000000000000000",
                    OFFICE, "A", false, NULL, NULL),
              401);
    /* A browser session (a signed-in officer, no key): not a door. */
    struct client *browser = client_new(&srv);
    CHECK_INT(client_login(browser, "loket", PASSWORD), 303);
    CHECK_INT(issue(browser, NULL, OFFICE, "A", false, NULL, NULL), 401);
    client_free(browser);
    /* A device credential that is not one. */
    CHECK_INT(issue(c,
                    "X-Satupintu-Device: "
                    "00000000000000000000000000000000000000000000000000000"
                    "00000000000",
                    OFFICE, "A", false, NULL, NULL),
              403);
    /* Bad input. */
    CHECK_INT(issue(c, key_front, OFFICE, "Q", false, NULL, NULL), 422);
    CHECK_INT(issue(c, key_front, "99.99.99", "A", false, NULL, NULL), 404);
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/queue/tickets",
                        "{\"group\":\"A\",\"priority\":\"yes\"}", key_front,
                        &r),
              422);
    resp_free(&r);
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/queue/tickets", "[1,2]",
                        key_front, &r),
              400);
    resp_free(&r);
    client_req(c, "POST", "/api/v1/offices/" OFFICE "/queue/tickets", "group=A",
               "application/x-www-form-urlencoded", key_front, &r);
    CHECK_INT(r.status, 415);
    resp_free(&r);
    client_free(c);
}

static void test_calling(void)
{
    struct client *c = client_new(&srv);
    char label[16];
    int64_t id = 0;
    /* A priority ticket issued last is called first. */
    CHECK_INT(issue(c, key_front, OFFICE, "C", true, NULL, label), 201);
    CHECK_STR(label, "C-001");
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "C-001");
    /* Busy until finished or marked. */
    CHECK_INT(call(c, key_front2, "1", label, NULL), 409);
    /* No-show only after three calls. */
    CHECK_INT(act(c, key_front, id, "no_show", NULL), 409);
    CHECK_INT(act(c, key_front, id, "recall", NULL), 200);
    CHECK_INT(act(c, key_front, id, "no_show", NULL), 409);
    CHECK_INT(act(c, key_front, id, "recall", NULL), 200);
    CHECK_INT(act(c, key_front, id, "recall", NULL), 409); /* 3 used */
    CHECK_INT(act(c, key_front, id, "no_show", NULL), 200);
    CHECK_INT(act(c, key_front, id, "finish", NULL), 409); /* final */
    /* Then by issue time: A-001? No: B-001 was issued first. */
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "B-001");
    CHECK_INT(act(c, key_front, id, "start", NULL), 200);
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    /* Unknown actions and counters; another office; the back office. */
    CHECK_INT(act(c, key_front, id, "call", NULL), 404);
    CHECK_INT(act(c, key_front, id, "explode", NULL), 404);
    CHECK_INT(act(c, key_other, id, "recall", NULL), 404);
    CHECK_INT(act(c, key_back, id, "recall", NULL), 403);
    CHECK_INT(act(c, key_front, 999999, "recall", NULL), 404);
    CHECK_INT(call(c, key_front, "9", label, NULL), 422);
    CHECK_INT(call(c, key_other, "1", label, NULL), 403);
    CHECK_INT(call(c, key_back, "1", label, NULL), 403);
    CHECK_INT(call(c, key_sekda, "1", label, NULL), 403);
    /* A session cannot post JSON to the staff API (no CSRF field). */
    struct client *browser = client_new(&srv);
    CHECK_INT(client_login(browser, "loket", PASSWORD), 303);
    CHECK_INT(call(browser, NULL, "1", label, NULL), 403);
    client_free(browser);
    /* A stale version is refused. */
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "B-002");
    CHECK_INT(act(c, key_front, id, "finish", "{\"version\":1}"), 409);
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    /* Finish with an application of another office: 422. */
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "B-003");
    CHECK_INT(
        act(c, key_front, id, "finish", "{\"application\":\"26-999-00001-0\"}"),
        422);
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "A-001");
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    /* Nobody waits: 204. */
    struct resp r;
    post_json(c, "/api/v1/offices/" OFFICE "/queue/call", "{\"counter\":\"1\"}",
              key_front, &r);
    CHECK_INT(r.status, 204);
    CHECK_INT(r.body.len, 0);
    resp_free(&r);
    client_free(c);
}

/* The head of office sets up counter 2 (group D only) at /queue/admin. */
static void test_setup_and_transfer(void)
{
    struct client *head = client_new(&srv);
    CHECK_INT(client_login(head, "camat", PASSWORD), 303);
    char csrf[128];
    struct resp r;
    client_get(head, "/queue/admin", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Loket 1") != NULL);
    resp_free(&r);
    csrf_of(head, "/queue/admin", csrf);
    char form[512];
    snprintf(form, sizeof(form),
             "csrf=%s&office=%s&code=2&name=Loket+2&group=D&active=1", csrf,
             OTHER); /* the office named is ignored: the head's own */
    client_post(head, "/queue/admin/counters", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&office=%s&code=x!&name=&active=1",
             csrf, OFFICE);
    client_post(head, "/queue/admin/counters", form, &r);
    CHECK_INT(r.status, 422);
    CHECK(strstr(body(&r), "field-error") != NULL);
    resp_free(&r);
    /* Not for the front office; not through a key's CSRF-free door. */
    struct client *front = client_new(&srv);
    CHECK_INT(client_login(front, "loket", PASSWORD), 303);
    client_get(front, "/queue/admin", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(front);

    struct client *c = client_new(&srv);
    client_get(c, "/api/v1/offices/" OFFICE "/queue", &r);
    json_t *j = json_of(&r);
    json_t *counters = json_object_get(j, "counters");
    CHECK_INT(json_array_size(counters), 2);
    json_t *k2 = json_array_get(counters, 1);
    CHECK_STR(json_string_value(json_object_get(k2, "code")), "2");
    CHECK_STR(
        json_string_value(json_array_get(json_object_get(k2, "groups"), 0)),
        "D");
    json_decref(j);
    resp_free(&r);
    client_get(c, "/api/v1/offices/" OTHER "/queue", &r);
    j = json_of(&r);
    CHECK_INT(json_array_size(json_object_get(j, "counters")), 1);
    json_decref(j);
    resp_free(&r);

    /* Counter 2 serves D: nobody. A ticket of A called at 1 and
     * transferred to 2 waits for 2 alone. */
    char label[16];
    int64_t id = 0;
    CHECK_INT(call(c, key_front, "2", label, NULL), 204);
    CHECK_INT(issue(c, key_front, OFFICE, "A", false, NULL, label), 201);
    CHECK_STR(label, "A-002");
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_INT(act(c, key_front, id, "transfer", "{\"counter\":\"1\"}"), 422);
    CHECK_INT(act(c, key_front, id, "transfer", "{\"counter\":\"7\"}"), 422);
    CHECK_INT(act(c, key_front, id, "transfer", "{\"counter\":\"2\"}"), 200);
    CHECK_INT(call(c, key_front, "1", label, NULL), 204);
    CHECK_INT(call(c, key_front2, "2", label, &id), 200);
    CHECK_STR(label, "A-002");
    CHECK_INT(act(c, key_front2, id, "finish", NULL), 200);
    client_free(c);
    client_free(head);
}

/* Enrol browser c as a kiosk of the head's office, then sign out. */
static void enrol(struct client *c, const char *login)
{
    CHECK_INT(client_login(c, login, PASSWORD), 303);
    char csrf[128], form[256];
    csrf_of(c, "/devices", csrf);
    snprintf(form, sizeof(form), "csrf=%s&label=Kiosk+antrean", csrf);
    struct resp r;
    client_post(c, "/devices", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    csrf_of(c, "/staff", csrf);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, "/logout", form, &r);
    resp_free(&r);
}

/* The form_token of the first form in an HTML body (static). */
static const char *form_token(const struct resp *r)
{
    static char out[64];
    out[0] = '\0';
    const char *p = strstr(body(r), "name=\"form_token\" value=\"");
    if (p)
        sscanf(p + strlen("name=\"form_token\" value=\""), "%32[0-9a-f]", out);
    return out;
}

static char follow_token[40];

static void test_kiosk(void)
{
    struct client *stranger = client_new(&srv);
    struct resp r;
    client_get(stranger, "/queue/kiosk", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(stranger);

    struct client *k = client_new(&srv);
    enrol(k, "camat");
    client_get(k, "/queue/kiosk", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Kantor Kecamatan Genteng") != NULL);
    CHECK_INT(count_of(body(&r), "class=\"kiosk-group\""), 5);
    CHECK(strstr(body(&r), "/queue/kiosk?priority=1") != NULL);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    char token[64];
    snprintf(token, sizeof(token), "%s", form_token(&r));
    CHECK_INT(strlen(token), 32);
    resp_free(&r);
    char form[512];
    snprintf(form, sizeof(form), "csrf=%s&form_token=%s&group=E&priority=1",
             csrf, token);
    client_post(k, "/queue/kiosk", form, &r);
    CHECK_INT(r.status, 303);
    const char *loc = resp_header(&r, "Location");
    char where[256] = "";
    snprintf(where, sizeof(where), "%s", loc ? loc : "");
    CHECK(strstr(where, "/queue/kiosk/ticket?f=") != NULL);
    resp_free(&r);
    /* The same form again (a double tap): the same ticket, no second. */
    client_post(k, "/queue/kiosk", form, &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(resp_header(&r, "Location"), where);
    resp_free(&r);
    /* The ticket: E-001, priority, the QR code of its follow URL once. */
    client_get(k, where, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "E-001") != NULL);
    CHECK(strstr(body(&r), "PRIORITAS") != NULL);
    CHECK(strstr(body(&r), "class=\"queue-ticket\"") != NULL);
    CHECK(strstr(body(&r), "<svg") != NULL);
    const char *t = strstr(body(&r), "/queue/ticket?t=");
    follow_token[0] = '\0';
    if (t)
        sscanf(t + strlen("/queue/ticket?t="), "%32[0-9a-f]", follow_token);
    CHECK_INT(strlen(follow_token), 32);
    resp_free(&r);
    client_get(k, where, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "E-001") != NULL);
    CHECK(strstr(body(&r), "/queue/ticket?t=") == NULL); /* printed once */
    resp_free(&r);
    /* Another browser cannot read the kiosk's ticket page. */
    struct client *other = client_new(&srv);
    client_get(other, where, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(other);
    /* A wrong booking code: the kiosk again with the message. */
    client_get(k, "/queue/kiosk", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    snprintf(token, sizeof(token), "%s", form_token(&r));
    resp_free(&r);
    snprintf(form, sizeof(form), "csrf=%s&form_token=%s&booking=ZZZZ-2222",
             csrf, token);
    client_post(k, "/queue/kiosk", form, &r);
    CHECK_INT(r.status, 422);
    CHECK(strstr(body(&r), "Kode booking tidak dikenal") != NULL);
    resp_free(&r);
    client_free(k);

    /* The ticket is there for counters: priority E first. */
    struct client *c = client_new(&srv);
    char label[16];
    int64_t id = 0;
    CHECK_INT(issue(c, key_front, OFFICE, "A", false, NULL, label), 201);
    CHECK_INT(call(c, key_front, "1", label, &id), 200);
    CHECK_STR(label, "E-001");
    client_free(c);
}

static void test_follow(void)
{
    struct client *c = client_new(&srv);
    char path[128];
    struct resp r;
    snprintf(path, sizeof(path), "/queue/ticket?t=%s", follow_token);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "E-001") != NULL);
    CHECK(strstr(body(&r), "Loket 1") != NULL); /* called there */
    resp_free(&r);
    snprintf(path, sizeof(path), "/api/v1/queue/follow?t=%s", follow_token);
    client_get(c, path, &r);
    CHECK_INT(r.status, 200);
    json_t *j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "ticket")), "E-001");
    CHECK_STR(json_string_value(json_object_get(j, "state")), "called");
    CHECK_STR(json_string_value(json_object_get(j, "counter")), "1");
    CHECK(json_object_get(j, "version") == NULL);
    json_decref(j);
    resp_free(&r);
    /* The waiting A ticket's page says how many are ahead. */
    client_get(c, "/api/v1/queue/follow?t=00000000000000000000000000000000",
               &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_get(c, "/queue/ticket?t=short", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(c);
}

/* The bookable (date, slot) pairs the booking form offers, latest last
 * (from the server's own list, so no calendar is computed here). */
struct offer {
    char date[16];
    char slot[8];
};
static size_t offers(struct client *c, struct offer *out, size_t cap)
{
    struct resp r;
    client_get(c, "/queue/book?office=" OFFICE, &r);
    size_t n = 0;
    for (const char *q = strstr(body(&r), "<option value=\"20"); q && n < cap;
         q = strstr(q + 1, "<option value=\"20"))
        if (sscanf(q + strlen("<option value=\""), "%10s %5s", out[n].date,
                   out[n].slot) == 2)
            n++;
    resp_free(&r);
    return n;
}

static void test_bookings(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/queue/book", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "/queue/book?office=" OFFICE) != NULL);
    resp_free(&r);
    struct offer o[64];
    size_t n_offers = offers(c, o, 64);
    CHECK(n_offers >= 8);
    if (n_offers < 8)
        return;
    const char *date = o[n_offers - 1].date, *slot = o[n_offers - 1].slot;
    /* The office allows one booking per slot from now on. */
    struct client *head = client_new(&srv);
    CHECK_INT(client_login(head, "camat", PASSWORD), 303);
    char csrf[128], form[512];
    csrf_of(head, "/queue/admin", csrf);
    snprintf(form, sizeof(form),
             "csrf=%s&slot_minutes=60&slot_quota=1&booking_days=14", csrf);
    client_post(head, "/queue/admin/settings", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_free(head);

    char js[512];
    snprintf(js, sizeof(js),
             "{\"date\":\"%s\",\"slot\":\"%s\",\"service\":\"SKTM\","
             "\"name\":\"Warga Uji\",\"phone\":\"081234500001\"}",
             date, slot);
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/bookings", js, NULL, &r),
              201);
    json_t *j = json_of(&r);
    const char *code = json_string_value(json_object_get(j, "code"));
    CHECK(code && strlen(code) == 8);
    CHECK_STR(json_string_value(json_object_get(j, "group")), "B");
    const char *fu = json_string_value(json_object_get(j, "follow_url"));
    CHECK(fu && strstr(fu, "/queue/booking?t="));
    char follow[256];
    snprintf(follow, sizeof(follow), "%s",
             fu && strstr(fu, "/queue/") ? strstr(fu, "/queue/") : "/");
    json_decref(j);
    resp_free(&r);
    /* Full: the same slot for another phone. */
    snprintf(js, sizeof(js),
             "{\"date\":\"%s\",\"slot\":\"%s\",\"service\":\"SKTM\","
             "\"name\":\"Warga Dua\",\"phone\":\"081234500002\"}",
             date, slot);
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/bookings", js, NULL, &r),
              409);
    j = json_of(&r);
    CHECK_STR(
        json_string_value(json_object_get(json_object_get(j, "error"), "code")),
        "slot_full");
    json_decref(j);
    resp_free(&r);
    /* Field errors, one per field. */
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/bookings",
                        "{\"date\":\"2026-02-30\",\"slot\":\"x\","
                        "\"service\":\"NOPE\",\"name\":\"\",\"phone\":\"1\"}",
                        NULL, &r),
              422);
    CHECK(strstr(body(&r), "\"field\":\"date\"") != NULL);
    CHECK(strstr(body(&r), "\"field\":\"service\"") != NULL);
    CHECK(strstr(body(&r), "\"field\":\"name\"") != NULL);
    CHECK(strstr(body(&r), "\"field\":\"phone\"") != NULL);
    resp_free(&r);
    /* The booking's page opens with its token, and cancels. */
    client_get(c, follow, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "booked") != NULL);
    char csrf2[128];
    snprintf(csrf2, sizeof(csrf2), "%s", resp_csrf(&r));
    resp_free(&r);
    const char *tok = strstr(follow, "t=") + 2;
    snprintf(form, sizeof(form), "csrf=%s&t=%s", csrf2, tok);
    client_post(c, "/queue/booking/cancel", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(c, follow, &r);
    CHECK(strstr(body(&r), "cancelled") != NULL);
    resp_free(&r);
    /* The place is free again. */
    CHECK_INT(post_json(c, "/api/v1/offices/" OFFICE "/bookings", js, NULL, &r),
              201);
    resp_free(&r);
    /* The address limit: 5 an hour. Two so far (a full slot and a 422
     * are not counted): three more in other slots, then 429. */
    for (int i = 3; i <= 6; i++) {
        const struct offer *x = &o[n_offers - (size_t)i];
        snprintf(js, sizeof(js),
                 "{\"date\":\"%s\",\"slot\":\"%s\",\"service\":\"SKTM\","
                 "\"name\":\"Warga\",\"phone\":\"08123450000%d\"}",
                 x->date, x->slot, i);
        CHECK_INT(
            post_json(c, "/api/v1/offices/" OFFICE "/bookings", js, NULL, &r),
            i <= 5 ? 201 : 429);
        resp_free(&r);
    }
    client_free(c);
}

/* The desk in the browser: counter, call, intake links the ticket. */
static void test_desk_and_intake(void)
{
    struct client *c = client_new(&srv);
    char label[16];
    CHECK_INT(issue(c, key_front, OFFICE, "B", false, NULL, label), 201);
    struct client *front = client_new(&srv);
    CHECK_INT(client_login(front, "loket2", PASSWORD), 303);
    struct resp r;
    client_get(front, "/queue/desk", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Pilih loket Anda") != NULL);
    char csrf[128], form[256];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    /* Loket 1 still has E-001 called by loket: finish it first. */
    int64_t e_id = 0;
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_int(db, &e_id, "SELECT id FROM queue_tickets WHERE label = $1",
                     DV_TEXT("E-001")),
              ERR_OK);
    CHECK_INT(act(c, key_front, e_id, "finish", NULL), 200);
    snprintf(form, sizeof(form), "csrf=%s&counter=1", csrf);
    client_post(front, "/queue/desk/counter", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_post(front, "/queue/desk/call", form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_get(front, "/queue/desk", &r);
    CHECK(strstr(body(&r), "A-003") != NULL || strstr(body(&r), label) != NULL);
    resp_free(&r);
    /* Whatever was called first, serve the queue until B's ticket. */
    int64_t current = 0;
    char current_label[16] = "";
    for (int i = 0; i < 5; i++) {
        struct db_stmt *st = NULL;
        CHECK_INT(db_query(db, &st,
                           "SELECT t.id, t.label FROM queue_tickets t JOIN"
                           " queue_counters k ON k.id = t.counter_id WHERE"
                           " k.code = '1' AND t.state = 'called' AND"
                           " k.office_id = (SELECT id FROM offices WHERE"
                           " code = $1)",
                           DV_TEXT(OFFICE)),
                  ERR_OK);
        bool row = false;
        current = 0;
        if (db_step(st, &row) == ERR_OK && row) {
            current = db_col_int(st, 0);
            snprintf(current_label, sizeof(current_label), "%s",
                     db_col_text(st, 1));
        }
        db_finalize(st);
        if (!current || strcmp(current_label, label) == 0)
            break;
        CHECK_INT(act(c, key_front, current, "finish", NULL), 200);
        client_post(front, "/queue/desk/call", form, &r);
        resp_free(&r);
    }
    CHECK_STR(current_label, label);
    /* Register an application at the counter: the ticket is linked. */
    char path[128];
    client_get(front, "/intake/DOMISILI", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    char tok[64];
    snprintf(tok, sizeof(tok), "%s", form_token(&r));
    resp_free(&r);
    char intake[1024];
    snprintf(intake, sizeof(intake),
             "csrf=%s&form_token=%s&nik=3510090101900001&name=Warga+Antre&"
             "phone=081234567890&req=KTP&req=KK&req=PENGANTAR_RT&req=PENGANTAR_"
             "DESA&confirm=1",
             csrf, tok);
    client_post(front, "/intake/DOMISILI", intake, &r);
    CHECK_INT(r.status, 303);
    const char *loc = resp_header(&r, "Location");
    char regno[32] = "";
    if (loc)
        sscanf(loc, "/applications/%31[0-9-]", regno);
    resp_free(&r);
    CHECK(strlen(regno) > 10);
    int64_t linked = 0;
    CHECK_INT(db_int(db, &linked,
                     "SELECT COUNT(*) FROM queue_tickets t JOIN applications"
                     " a ON a.id = t.application_id WHERE a.regno = $1 AND"
                     " t.id = $2",
                     DV_TEXT(regno), DV_INT(current)),
              ERR_OK);
    CHECK_INT(linked, 1);
    /* The desk finishes it; the application shows its times. */
    client_get(front, "/queue/desk", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    CHECK(strstr(body(&r), regno) != NULL);
    const char *v = strstr(body(&r), "name=\"version\" value=\"");
    int version = v ? atoi(v + strlen("name=\"version\" value=\"")) : 0;
    resp_free(&r);
    snprintf(path, sizeof(path), "/queue/desk/tickets/%lld/finish",
             (long long)current);
    snprintf(form, sizeof(form), "csrf=%s&version=%d", csrf, version);
    client_post(front, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    client_req(c, "GET", path, NULL, NULL, key_front, &r);
    CHECK_INT(r.status, 200);
    json_t *j = json_of(&r);
    json_t *q = json_object_get(j, "queue");
    CHECK_STR(json_string_value(json_object_get(q, "ticket")), label);
    CHECK(json_is_integer(json_object_get(q, "wait_s")));
    CHECK(json_is_integer(json_object_get(q, "service_s")));
    json_decref(j);
    resp_free(&r);
    snprintf(path, sizeof(path), "/applications/%s", regno);
    client_get(front, path, &r);
    CHECK(strstr(body(&r), "Nomor antrean") != NULL);
    resp_free(&r);
    /* The back office has no desk. */
    struct client *back = client_new(&srv);
    CHECK_INT(client_login(back, "proses", PASSWORD), 303);
    client_get(back, "/queue/desk", &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_free(back);
    db_close(db);
    client_free(front);
    client_free(c);
}

static void test_figures(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_req(c, "GET", "/api/v1/reports/queue", NULL, NULL, key_head, &r);
    CHECK_INT(r.status, 200);
    json_t *j = json_of(&r);
    json_t *total = json_object_get(j, "total");
    CHECK(json_integer_value(json_object_get(total, "served")) >= 5);
    CHECK_INT(json_integer_value(json_object_get(total, "no_shows")), 1);
    CHECK(json_is_integer(
        json_object_get(json_object_get(total, "wait"), "p90_s")));
    CHECK_STR(json_string_value(json_object_get(j, "office")), OFFICE);
    CHECK(json_array_size(json_object_get(j, "hours")) >= 1);
    json_decref(j);
    resp_free(&r);
    /* A head of office sees their own office whatever they ask for. */
    client_req(c, "GET", "/api/v1/reports/queue?office=" OTHER, NULL, NULL,
               key_head, &r);
    j = json_of(&r);
    CHECK_STR(json_string_value(json_object_get(j, "office")), OFFICE);
    json_decref(j);
    resp_free(&r);
    client_req(c, "GET", "/api/v1/reports/queue", NULL, NULL, key_front, &r);
    CHECK_INT(r.status, 403);
    resp_free(&r);
    client_req(c, "GET", "/api/v1/reports/queue?office=" OTHER, NULL, NULL,
               key_sekda, &r);
    CHECK_INT(r.status, 200);
    j = json_of(&r);
    CHECK_INT(json_integer_value(
                  json_object_get(json_object_get(j, "total"), "issued")),
              0);
    json_decref(j);
    resp_free(&r);
    client_req(c, "GET", "/api/v1/reports/queue?from=2026-13-01", NULL, NULL,
               key_sekda, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    client_get(c, "/api/v1/reports/queue", &r);
    CHECK_INT(r.status, 401);
    resp_free(&r);
    struct client *sekda = client_new(&srv);
    CHECK_INT(client_login(sekda, "sekda", PASSWORD), 303);
    client_get(sekda, "/queue/figures?office=" OFFICE, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Waktu tunggu antrean") != NULL);
    CHECK(strstr(body(&r), "Per jam") != NULL);
    resp_free(&r);
    /* The oversight pages and the monthly report carry the queue: the
     * regency's page per office, the office's page per group, the report
     * as a page, CSV (columns of seconds) and XLSX. */
    client_get(sekda, "/oversight", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Antrean loket") != NULL);
    CHECK(strstr(body(&r), "Per kantor") != NULL);
    CHECK(strstr(body(&r), "<th scope=\"row\">" OFFICE "</th>") != NULL);
    resp_free(&r);
    /* Today, as the server counts it. */
    char day[16] = "";
    client_get(c, "/api/v1/offices/" OFFICE "/queue", &r);
    j = json_of(&r);
    snprintf(day, sizeof(day), "%s",
             json_string_value(json_object_get(j, "day")));
    json_decref(j);
    resp_free(&r);
    char path[128];
    snprintf(path, sizeof(path), "/oversight/report?from=%s&to=%s", day, day);
    client_get(sekda, path, &r);
    CHECK_INT(r.status, 200);
    /* A printed page of its own, after the summary (the summary fills its
     * A4 page). */
    CHECK(strstr(body(&r), "<section class=\"report-page\"><h1>Antrean loket"
                           "</h1>") != NULL);
    CHECK(strstr(body(&r), "<th scope=\"row\">" OFFICE "</th>") != NULL);
    resp_free(&r);
    snprintf(path, sizeof(path), "/oversight/report?from=%s&to=%s&format=csv",
             day, day);
    client_get(sekda, path, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Antrean: nomor diambil") != NULL);
    resp_free(&r);
    snprintf(path, sizeof(path),
             "/oversight/report?from=%s&to=%s&format=xlsx&lang=en", day, day);
    client_get(sekda, path, &r);
    CHECK_INT(r.status, 200);
    CHECK(r.body.len > 1000 && memcmp(buf_cstr(&r.body), "PK", 2) == 0);
    resp_free(&r);
    client_free(sekda);
    struct client *head = client_new(&srv);
    CHECK_INT(client_login(head, "camat", PASSWORD), 303);
    client_get(head, "/oversight/offices/" OFFICE, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Antrean loket") != NULL);
    CHECK(strstr(body(&r), "Per kelompok layanan") != NULL);
    resp_free(&r);
    client_get(head, "/oversight/offices/" OFFICE "?format=csv", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "Antrean: tunggu median (detik)") != NULL);
    resp_free(&r);
    client_free(head);
    client_free(c);
}

/* ---- The event stream ---------------------------------------------------- */

static int open_stream(const struct server *s, const char *office)
{
    char path[64];
    snprintf(path, sizeof(path), "/queue/%s/events", office);
    return raw_get(s, path);
}

#define read_until raw_read_until

static void test_event_stream_and_restart(void)
{
    struct client *c = client_new(&srv);
    int fd = open_stream(&srv, OFFICE);
    CHECK(fd >= 0);
    struct buf in;
    buf_init(&in, 1u << 20);
    /* The headers, the retry hint and the board as it is. */
    CHECK(read_until(fd, &in, "event: board", 20));
    CHECK(strstr(buf_cstr(&in), "text/event-stream") != NULL);
    CHECK(strstr(buf_cstr(&in), "retry: 2000") != NULL);
    /* A call made now appears on the stream. */
    char label[16];
    int64_t id = 0;
    CHECK_INT(issue(c, key_front, OFFICE, "D", false, NULL, label), 201);
    CHECK_INT(call(c, key_front, "2", label, &id), 200);
    char needle[64];
    snprintf(needle, sizeof(needle), "\"serving\":[{\"ticket\":\"%s\"", label);
    CHECK(read_until(fd, &in, needle, 20));
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    /* A restart ends the stream (and serve exits cleanly with it). */
    int port = srv.port;
    CHECK_INT(server_halt(&srv), 0);
    buf_reset(&in);
    struct buf rest;
    buf_init(&rest, 1u << 20);
    CHECK(raw_read_all(fd, &rest, 20)); /* closed by the server */
    buf_free(&rest);
    close(fd);
    /* The same port again, as a browser's EventSource reconnects. */
    char listen[64];
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
    const char *args[] = {"--listen", listen, NULL};
    CHECK(server_serve(&srv, args));
    CHECK_INT(srv.port, port);
    fd = open_stream(&srv, OFFICE);
    CHECK(fd >= 0);
    CHECK(read_until(fd, &in, "event: board", 20));
    /* The day's numbering goes on after the restart. */
    CHECK_INT(issue(c, key_front, OFFICE, "D", false, NULL, label), 201);
    CHECK_STR(label, "D-002");
    CHECK_INT(call(c, key_front, "2", label, &id), 200);
    snprintf(needle, sizeof(needle), "\"serving\":[{\"ticket\":\"D-002\"");
    CHECK(read_until(fd, &in, needle, 20));
    CHECK_INT(act(c, key_front, id, "finish", NULL), 200);
    close(fd);
    buf_free(&in);
    client_free(c);
}

/* The board page carries what the script needs and the first state. */
static void test_board_page(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/queue/" OFFICE "/board", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "data-events=\"/queue/" OFFICE "/events\"") != NULL);
    CHECK(strstr(body(&r), "/static/queue.js") != NULL);
    CHECK(strstr(body(&r), "http-equiv=\"refresh\"") != NULL); /* noscript */
    CHECK(strstr(body(&r), "D-002") != NULL); /* the last calls */
    resp_free(&r);
    client_get(c, "/static/queue.js", &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(body(&r), "EventSource") != NULL);
    resp_free(&r);
    client_get(c, "/queue/99.99.99/board", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_get(c, "/queue/99.99.99/events", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(c);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!server_start(&srv, argv[1]))
        return 1;
    user("loket", "front_office", OFFICE);
    user("loket2", "front_office", OFFICE);
    user("loketgiri", "front_office", OTHER);
    user("proses", "back_office", OFFICE);
    user("camat", "head_of_office", OFFICE);
    user("sekda", "sekkab", NULL);
    bearer("loket", key_front);
    bearer("loket2", key_front2);
    bearer("loketgiri", key_other);
    bearer("proses", key_back);
    bearer("camat", key_head);
    bearer("sekda", key_sekda);
    RUN(test_defaults_and_doors);
    RUN(test_calling);
    RUN(test_setup_and_transfer);
    RUN(test_kiosk);
    RUN(test_follow);
    RUN(test_bookings);
    RUN(test_desk_and_intake);
    RUN(test_figures);
    RUN(test_event_stream_and_restart);
    RUN(test_board_page);
    CHECK_INT(server_stop(&srv), 0);
    TEST_END();
}
