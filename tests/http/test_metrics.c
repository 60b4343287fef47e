/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_metrics.c: GET /metrics and the JSON access log.
 *
 * /metrics is parsed by the Prometheus client library's own parser
 * (tests/http/prom_parse.py under Debian's /usr/bin/python3 with
 * python3-prometheus-client, $SP_PROM_PARSE) and its counters must move
 * by exactly the requests made between two scrapes. Who may read it: the
 * addresses of SATUPINTU_METRICS_ALLOW (loopback by default), or a
 * bearer token, throttled like every secret. The server runs behind
 * --trust-proxy so that each request comes from the address its
 * X-Forwarded-For names.
 *
 * The JSON access log (SATUPINTU_LOG_FORMAT=json): every line parses,
 * and no line holds a query string, a PIN, a registration number, a NIK,
 * a name or the client's address.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client.h"
#include "test.h"

static const char *bin;
static const char *parser;

#define TOKEN "metrics-token-0123456789abcdef0123456789abcdef"

/* "X-Forwarded-For: ADDR" (static). */
static const char *from(const char *addr)
{
    static char h[128];
    snprintf(h, sizeof(h), "X-Forwarded-For: %s", addr);
    return h;
}

/* Scrape /metrics from addr (with header extra, may be NULL) and parse
 * it: the parser's lines into out. The HTTP status. */
static long scrape(struct client *c, const struct server *s, const char *addr,
                   const char *extra, struct buf *out)
{
    char headers[512];
    snprintf(headers, sizeof(headers), "%s%s%s", from(addr), extra ? "\n" : "",
             extra ? extra : "");
    struct resp r;
    buf_reset(out);
    if (!client_req(c, "GET", "/metrics", NULL, NULL, headers, &r))
        return -1;
    long status = r.status;
    if (status == 200) {
        CHECK_CONTAINS(resp_header(&r, "Content-Type"),
                       "text/plain; version=0.0.4");
        char path[160], cmd[512];
        snprintf(path, sizeof(path), "%s/metrics.txt", s->dir);
        FILE *f = fopen(path, "w");
        CHECK(f != NULL);
        if (f) {
            fwrite(r.body.data, 1, r.body.len, f);
            fclose(f);
        }
        snprintf(cmd, sizeof(cmd), "/usr/bin/python3 '%s' '%s'", parser, path);
        FILE *p = popen(cmd, "r");
        CHECK(p != NULL);
        char line[2048];
        while (p && fgets(line, sizeof(line), p))
            buf_puts(out, line);
        CHECK_INT(p ? pclose(p) : -1, 0); /* it parsed */
    }
    resp_free(&r);
    return status;
}

/* The value of sample "NAME{LABELS}" in parsed lines, or -1. */
static double sample(const struct buf *parsed, const char *name_labels)
{
    const char *p = buf_cstr(parsed);
    size_t n = strlen(name_labels);
    while (p && *p) {
        const char *sp = strchr(p, ' '); /* after the type */
        if (sp && strncmp(sp + 1, name_labels, n) == 0 && sp[1 + n] == ' ')
            return strtod(sp + 2 + n, NULL);
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return -1;
}

static void get_n(struct client *c, const char *path, int n, long want)
{
    for (int i = 0; i < n; i++) {
        struct resp r;
        CHECK(client_req(c, "GET", path, NULL, NULL, from("127.0.0.1"), &r));
        CHECK_INT(r.status, want);
        resp_free(&r);
    }
}

static void test_counters_move(void)
{
    setenv("SATUPINTU_JOBS_INTERVAL", "1", 1);
    struct server s;
    const char *extra[] = {"--trust-proxy", NULL};
    CHECK(server_start_with(&s, bin, extra));
    struct client *c = client_new(&s);
    struct buf m1, m2;
    buf_init(&m1, 1 << 22);
    buf_init(&m2, 1 << 22);
    CHECK_INT(scrape(c, &s, "127.0.0.1", NULL, &m1), 200);
    const char *ok =
        "satupintu_http_requests_total{method=\"GET\",route=\"/api/v1/"
        "services/{}\",status=\"200\"}";
    const char *missing =
        "satupintu_http_requests_total{method=\"GET\",route=\"/api/v1/"
        "services/{}\",status=\"404\"}";
    const char *count = "satupintu_http_request_duration_seconds_count{"
                        "method=\"GET\",route=\"/api/v1/services/{}\"}";
    const char *le_inf = "satupintu_http_request_duration_seconds_bucket{"
                         "le=\"+Inf\",method=\"GET\",route=\"/api/v1/"
                         "services/{}\"}";
    const char *none404 = "satupintu_http_requests_total{method=\"any\","
                          "route=\"none\",status=\"404\"}";
    double ok1 = sample(&m1, ok), miss1 = sample(&m1, missing);
    double none1 = sample(&m1, none404);
    double db1 = sample(&m1, "satupintu_db_seconds_total{}");
    double st1 = sample(&m1, "satupintu_db_statements_total{}");
    CHECK(db1 >= 0 && st1 >= 0);
    get_n(c, "/api/v1/services/DOMISILI", 7, 200);
    get_n(c, "/api/v1/services/NO_SUCH_SERVICE", 3, 404);
    get_n(c, "/no/such/page", 2, 404);
    CHECK_INT(scrape(c, &s, "127.0.0.1", NULL, &m2), 200);
    CHECK_INT(sample(&m2, ok) - (ok1 < 0 ? 0 : ok1), 7);
    CHECK_INT(sample(&m2, missing) - (miss1 < 0 ? 0 : miss1), 3);
    CHECK_INT(sample(&m2, none404) - (none1 < 0 ? 0 : none1), 2);
    CHECK_INT(sample(&m2, count), 10);
    CHECK_INT(sample(&m2, le_inf), 10);
    /* Buckets are cumulative. */
    const char *les[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                         "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};
    double prev = 0;
    for (size_t i = 0; i < sizeof(les) / sizeof(les[0]); i++) {
        char name[256];
        snprintf(name, sizeof(name),
                 "satupintu_http_request_duration_seconds_bucket{le=\"%s\","
                 "method=\"GET\",route=\"/api/v1/services/{}\"}",
                 les[i]);
        double v = sample(&m2, name);
        CHECK(v >= prev);
        prev = v;
    }
    CHECK(sample(&m2, "satupintu_http_request_duration_seconds_sum{method="
                      "\"GET\",route=\"/api/v1/services/{}\"}") > 0);
    CHECK(sample(&m2, "satupintu_db_seconds_total{}") > db1);
    CHECK(sample(&m2, "satupintu_db_statements_total{}") > st1);
    CHECK(sample(&m2, "satupintu_http_request_db_seconds_total{method="
                      "\"GET\",route=\"/api/v1/services/{}\"}") > 0);
    CHECK(sample(&m2, "satupintu_http_connections_open{}") >= 1);
    CHECK(sample(&m2, "satupintu_http_connections_total{}") >= 1);
    CHECK_CONTAINS(buf_cstr(&m2), "gauge satupintu_build_info{schema=\"");
    CHECK(sample(&m2, "satupintu_start_time_seconds{}") > 1.7e9);
    CHECK(sample(&m2, "process_resident_memory_bytes{}") > 1e6);
    /* The jobs run every second here: wait (generously) for a run. */
    double last = -1;
    for (int i = 0; i < 100 && last <= 0; i++) {
        CHECK_INT(scrape(c, &s, "127.0.0.1", NULL, &m2), 200);
        last = sample(&m2, "satupintu_jobs_last_success_timestamp_seconds{}");
        if (last <= 0)
            usleep(100 * 1000);
    }
    CHECK(last > 1.7e9);
    CHECK(sample(&m2, "satupintu_jobs_runs_total{result=\"ok\"}") >= 1);
    CHECK(sample(&m2, "satupintu_jobs_last_duration_seconds{}") >= 0);
    CHECK(sample(&m2, "satupintu_jobs_items_total{item=\""
                      "complaints_escalated\"}") >= 0);
    buf_free(&m1);
    buf_free(&m2);
    client_free(c);
    CHECK_INT(server_stop(&s), 0);
    unsetenv("SATUPINTU_JOBS_INTERVAL");
}

static void test_who_may_read(void)
{
    setenv("SATUPINTU_METRICS_TOKEN", TOKEN, 1);
    struct server s;
    const char *extra[] = {"--trust-proxy", NULL};
    CHECK(server_start_with(&s, bin, extra));
    struct client *c = client_new(&s);
    struct buf m;
    buf_init(&m, 1 << 22);
    CHECK_INT(scrape(c, &s, "127.0.0.1", NULL, &m), 200);
    CHECK_INT(scrape(c, &s, "::1", NULL, &m), 200);
    CHECK_INT(scrape(c, &s, "203.0.113.5", NULL, &m), 403);
    CHECK_INT(scrape(c, &s, "203.0.113.5", "Authorization: Bearer " TOKEN, &m),
              200);
    /* An API key is no metrics token, and the token is no API key. */
    CHECK_INT(scrape(c, &s, "203.0.113.6", "Authorization: Bearer sp_0123", &m),
              401);
    struct resp r;
    CHECK(client_req(c, "GET", "/api/v1/me", NULL, NULL,
                     "Authorization: Bearer " TOKEN, &r));
    CHECK_INT(r.status, 401);
    resp_free(&r);
    /* Guessing: the address is refused after 30 wrong tokens, then even
     * with the right one; another address is not. */
    long last = 0;
    int wrong = 0;
    for (; wrong < 40 && last != 429; wrong++)
        last =
            scrape(c, &s, "203.0.113.7",
                   "Authorization: Bearer wrong-token-wrong-token-wrong-t", &m);
    CHECK_INT(last, 429);
    CHECK_INT(wrong, 31); /* 30 failures counted, the 31st refused */
    CHECK_INT(scrape(c, &s, "203.0.113.7", "Authorization: Bearer " TOKEN, &m),
              429);
    CHECK_INT(scrape(c, &s, "203.0.113.8", "Authorization: Bearer " TOKEN, &m),
              200);
    CHECK(
        sample(&m, "satupintu_throttled_total{reason=\"too_many_requests\"}") >=
        2);
    CHECK(sample(&m, "satupintu_http_requests_total{method=\"GET\",route=\""
                     "/metrics\",status=\"429\"}") >= 2);
    /* Each failure was counted in a transaction of its own (one after
     * the other): SQLite's writer committed at least 30 groups. */
    double groups = sample(&m, "satupintu_db_groups_total{}");
    CHECK(groups >= 30);
    CHECK(sample(&m, "satupintu_db_group_transactions_total{}") >= groups);
    CHECK_INT(sample(&m, "satupintu_db_group_failed_total{}"), 0);
    client_free(c);
    CHECK_INT(server_stop(&s), 0);
    unsetenv("SATUPINTU_METRICS_TOKEN");

    /* Another allow list: loopback is no longer in it. */
    setenv("SATUPINTU_METRICS_ALLOW", "10.9.0.0/16, 192.0.2.7", 1);
    CHECK(server_start_with(&s, bin, extra));
    c = client_new(&s);
    CHECK_INT(scrape(c, &s, "10.9.200.1", NULL, &m), 200);
    CHECK_INT(scrape(c, &s, "192.0.2.7", NULL, &m), 200);
    CHECK_INT(scrape(c, &s, "192.0.2.8", NULL, &m), 403);
    CHECK_INT(scrape(c, &s, "127.0.0.1", NULL, &m), 403);
    CHECK_INT(scrape(c, &s, "10.10.0.1", "Authorization: Bearer " TOKEN, &m),
              403); /* no token configured: a token opens nothing */
    client_free(c);
    CHECK_INT(server_stop(&s), 0);
    /* A list that does not parse stops serve with status 2. */
    setenv("SATUPINTU_METRICS_ALLOW", "10.9.0.0/33", 1);
    struct server bad;
    CHECK(server_init(&bad, bin, NULL));
    CHECK(!server_serve(&bad, NULL));
    CHECK_INT(server_wait_exit(&bad, 30), 2);
    server_stop(&bad);
    unsetenv("SATUPINTU_METRICS_ALLOW");
    setenv("SATUPINTU_METRICS_TOKEN", "short", 1);
    CHECK(server_init(&bad, bin, NULL));
    CHECK(!server_serve(&bad, NULL));
    CHECK_INT(server_wait_exit(&bad, 30), 2);
    server_stop(&bad);
    unsetenv("SATUPINTU_METRICS_TOKEN");
    buf_free(&m);
}

static void test_json_access_log(void)
{
    setenv("SATUPINTU_LOG_FORMAT", "json", 1);
    struct server s;
    CHECK(server_init(&s, bin, NULL));
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add loket --role front_office "
             "--office 35.10.09 --password-stdin --db '%s' >/dev/null 2>&1",
             bin, s.db_url);
    CHECK_INT(system(cmd), 0);
    struct buf out;
    buf_init(&out, 4096);
    const char *args[] = {"apikey", "create", "--user", "loket", NULL};
    CHECK_INT(server_cli(&s, &out, args), 0);
    char key[64];
    snprintf(key, sizeof(key), "%.51s", buf_cstr(&out));
    buf_free(&out);
    server_log_to(&s, "serve.log");
    CHECK(server_serve(&s, NULL));
    struct client *c = client_new(&s);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
    const char *nik = "3510094101900007";
    char js[512];
    snprintf(js, sizeof(js),
             "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\",\"citizen\":"
             "{\"nik\":\"%s\",\"name\":\"Siti Rahayu Lestari\",\"phone\":"
             "\"081298765432\"},\"requirements\":[\"KTP\",\"KK\","
             "\"PENGANTAR_RT\",\"PENGANTAR_DESA\"]}",
             nik);
    struct resp r;
    CHECK(client_req(c, "POST", "/api/v1/applications", js, "application/json",
                     auth, &r));
    CHECK_INT(r.status, 201);
    json_t *j = json_loads(buf_cstr(&r.body), 0, NULL);
    char regno[32] = "", pin[16] = "";
    snprintf(regno, sizeof(regno), "%s",
             json_string_value(json_object_get(j, "registration_no")));
    snprintf(pin, sizeof(pin), "%s",
             json_string_value(json_object_get(j, "pin")));
    json_decref(j);
    resp_free(&r);
    char path[256];
    snprintf(path, sizeof(path), "/track?no=%s&pin=%s", regno, pin);
    get_n(c, path, 1, 200);
    snprintf(path, sizeof(path), "/api/v1/track/%s?pin=%s", regno, pin);
    get_n(c, path, 1, 200);
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    CHECK(client_req(c, "GET", path, NULL, NULL, auth, &r));
    CHECK_INT(r.status, 200);
    resp_free(&r);
    get_n(c, "/nothing/here?secret=letmein", 1, 404);
    client_free(c);
    CHECK_INT(server_halt(&s), 0);

    struct buf log;
    buf_init(&log, 1 << 22);
    CHECK(read_file(s.log_path, &log));
    const char *text = buf_cstr(&log);
    CHECK_NOT_CONTAINS(text, regno);
    CHECK_NOT_CONTAINS(text, pin);
    CHECK_NOT_CONTAINS(text, nik);
    CHECK_NOT_CONTAINS(text, "Siti");
    CHECK_NOT_CONTAINS(text, "letmein");
    CHECK_NOT_CONTAINS(text, "?");
    CHECK_NOT_CONTAINS(text, "127.0.0.1\""); /* a pseudonym, not the address */
    CHECK_NOT_CONTAINS(text, key);
    /* Every line is one JSON object; the access lines carry their fields. */
    size_t lines = 0, access = 0;
    const char *routes[] = {"/api/v1/applications", "/track",
                            "/api/v1/track/{}", "/api/v1/applications/{}"};
    bool seen[4] = {false};
    bool null_route = false;
    char client0[32] = "";
    bool same_client = true;
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        json_error_t e;
        json_t *o = json_loadb(p, n, 0, &e);
        CHECK(o != NULL);
        if (!o)
            fprintf(stderr, "  not JSON: %.*s\n", (int)n, p);
        lines++;
        if (o && json_string_value(json_object_get(o, "time")) &&
            json_string_value(json_object_get(o, "level"))) {
            const char *type = json_string_value(json_object_get(o, "type"));
            if (type && strcmp(type, "access") == 0) {
                access++;
                CHECK(json_object_get(o, "path") == NULL);
                CHECK(json_is_integer(json_object_get(o, "status")));
                CHECK(json_is_integer(json_object_get(o, "bytes")));
                CHECK(json_is_number(json_object_get(o, "ms")));
                CHECK(json_is_number(json_object_get(o, "db_ms")));
                CHECK_INT(
                    strlen(json_string_value(json_object_get(o, "request_id"))),
                    16);
                const char *cl =
                    json_string_value(json_object_get(o, "client"));
                CHECK(cl && strlen(cl) == 16);
                if (cl && !client0[0])
                    snprintf(client0, sizeof(client0), "%s", cl);
                else if (cl && strcmp(cl, client0) != 0)
                    same_client = false;
                const char *route =
                    json_string_value(json_object_get(o, "route"));
                null_route |= json_is_null(json_object_get(o, "route"));
                for (size_t i = 0; route && i < 4; i++)
                    seen[i] |= strcmp(route, routes[i]) == 0;
            } else {
                CHECK(json_string_value(json_object_get(o, "msg")) != NULL);
            }
        } else {
            CHECK(!"a line without time and level");
        }
        json_decref(o);
        p += n + (nl ? 1 : 0);
    }
    CHECK(lines > access);
    CHECK_INT(access, 5);
    for (size_t i = 0; i < 4; i++)
        CHECK(seen[i]);
    CHECK(null_route);  /* the 404 */
    CHECK(same_client); /* one client, one pseudonym */
    buf_free(&log);
    server_stop(&s);
    unsetenv("SATUPINTU_LOG_FORMAT");

    /* Another value is refused. */
    setenv("SATUPINTU_LOG_FORMAT", "xml", 1);
    char v[512];
    snprintf(v, sizeof(v), "%s version >/dev/null 2>&1", bin);
    CHECK_INT(WEXITSTATUS(system(v)), 2);
    unsetenv("SATUPINTU_LOG_FORMAT");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    bin = argv[1];
    parser = getenv("SP_PROM_PARSE");
    if (!parser || access(parser, R_OK) != 0 ||
        access("/usr/bin/python3", X_OK) != 0 ||
        system("/usr/bin/python3 -c 'import prometheus_client.parser' "
               ">/dev/null 2>&1") != 0) {
        fprintf(stderr, "test_metrics: needs /usr/bin/python3 with "
                        "python3-prometheus-client (scripts/install-deps.sh "
                        "test) and SP_PROM_PARSE\n");
        return 1;
    }
    RUN(test_counters_move);
    RUN(test_who_may_read);
    RUN(test_json_access_log);
    TEST_END();
}
