/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_notify.c: notifications end to end against the real binary. A real
 * SMTP server (Debian's python3-aiosmtpd, a Maildir) receives the e-mails,
 * parsed back with Python's own e-mail package; a local HTTP server in a
 * thread of this test stands in for the SMS gateway and for a webhook
 * receiver (it can fail the next N requests, or hold them unanswered).
 *
 * What must hold: channels off without configuration (the counter form
 * says so, nothing queued); the messages with the right headers and text
 * (the PIN in the SMS to the applicant's phone only); no consent, nothing;
 * a gateway failing three times then succeeding delivers once; kill -9
 * after the commit and before sending, and kill -9 while the gateway holds
 * the request, deliver after a restart (the same idempotency key); two
 * instances deliver each message once; a rollback sends nothing; webhooks
 * signed with the secret shown once; inbound CEK with the right and a wrong
 * PIN, STOP, a bad signature (401); the stop link.
 *
 * Time: the retry schedule is 0 (SATUPINTU_NOTIFY_BACKOFF=0) and the
 * sender looks every second; every wait is for a condition with a
 * generous upper bound, never a speed.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/crypto.h"
#include "client.h"
#include "store/db.h"
#include "store/notify.h"
#include "test.h"

#define SMS_TOKEN "uji-token-gateway-0123456789"

static struct server srv;
static char key_front[64], key_back[64], key_head[64];

static const char *body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* ---- The stand-in gateway and webhook receiver ------------------------ */

#define MAX_HITS 512

struct hit {
    char path[64];
    char auth[256];
    char sig[128];
    char ts[32];
    char event[64];
    char hook_id[64];
    char *body; /* heap */
    int status; /* what we answered; 0: never answered */
};

static struct {
    int fd;
    int port;
    pthread_t tid;
    pthread_mutex_t mu;
    struct hit hits[MAX_HITS];
    int n;
    int fail_next;   /* answer 500 to the next N */
    atomic_int hang; /* hold requests unanswered while set */
    atomic_bool stop;
} gw = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void header_value(const char *head, const char *name, char *out,
                         size_t cap)
{
    out[0] = '\0';
    size_t n = strlen(name);
    for (const char *p = head; p && *p;) {
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            size_t len = strcspn(v, "\r\n");
            if (len >= cap)
                len = cap - 1;
            memcpy(out, v, len);
            out[len] = '\0';
            return;
        }
        p = strstr(p, "\r\n");
        if (p)
            p += 2;
    }
}

static void serve_one(int c)
{
    struct buf in;
    buf_init(&in, 4u << 20);
    char chunk[4096];
    size_t head_len = 0, want = 0;
    for (;;) {
        ssize_t k = recv(c, chunk, sizeof(chunk), 0);
        if (k <= 0)
            break;
        buf_append(&in, chunk, (size_t)k);
        const char *s = buf_cstr(&in);
        const char *end = strstr(s, "\r\n\r\n");
        if (end && !head_len) {
            head_len = (size_t)(end - s) + 4;
            char cl[32];
            header_value(s, "Content-Length", cl, sizeof(cl));
            want = head_len + (size_t)atol(cl);
        }
        if (head_len && in.len >= want)
            break;
    }
    if (!head_len) {
        buf_free(&in);
        return;
    }
    const char *s = buf_cstr(&in);
    struct hit h = {0};
    sscanf(s, "%*s %63s", h.path);
    header_value(s, "Authorization", h.auth, sizeof(h.auth));
    header_value(s, "X-Satupintu-Signature", h.sig, sizeof(h.sig));
    header_value(s, "X-Satupintu-Timestamp", h.ts, sizeof(h.ts));
    header_value(s, "X-Satupintu-Event", h.event, sizeof(h.event));
    header_value(s, "X-Satupintu-Id", h.hook_id, sizeof(h.hook_id));
    h.body = strdup(s + head_len);
    /* Held: until released, or until the sender goes away. */
    bool gone = false;
    while (atomic_load(&gw.hang) && !atomic_load(&gw.stop)) {
        struct pollfd p = {c, POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            char x;
            if (recv(c, &x, 1, MSG_PEEK) <= 0) {
                gone = true;
                break;
            }
        }
    }
    pthread_mutex_lock(&gw.mu);
    int status = 200;
    if (gone)
        status = 0;
    else if (gw.fail_next > 0) {
        gw.fail_next--;
        status = 500;
    }
    h.status = status;
    if (gw.n < MAX_HITS)
        gw.hits[gw.n++] = h;
    else
        free(h.body);
    pthread_mutex_unlock(&gw.mu);
    if (status) {
        char out[256];
        int n = snprintf(out, sizeof(out),
                         "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
                         "Content-Length: 2\r\nConnection: close\r\n\r\n{}",
                         status, status == 200 ? "OK" : "Error");
        if (send(c, out, (size_t)n, MSG_NOSIGNAL) < 0)
            perror("gateway send");
    }
    buf_free(&in);
}

static void *gw_thread(void *arg)
{
    (void)arg;
    while (!atomic_load(&gw.stop)) {
        struct pollfd p = {gw.fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        int c = accept(gw.fd, NULL, NULL);
        if (c < 0)
            continue;
        serve_one(c);
        close(c);
    }
    return NULL;
}

static bool gw_start(void)
{
    gw.fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    if (bind(gw.fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        listen(gw.fd, 16) != 0 ||
        getsockname(gw.fd, (struct sockaddr *)&a, &len) != 0)
        return false;
    gw.port = ntohs(a.sin_port);
    return pthread_create(&gw.tid, NULL, gw_thread, NULL) == 0;
}

/* The SMS field of a hit ("to", "text", "id") into out (static per call
 * site's buffer). */
static bool sms_field(const struct hit *h, const char *name, char *out,
                      size_t cap)
{
    json_error_t e;
    json_t *j = json_loads(h->body ? h->body : "", 0, &e);
    const char *v = json_string_value(json_object_get(j, name));
    snprintf(out, cap, "%s", v ? v : "");
    json_decref(j);
    return v != NULL;
}

/* Hits on path for SMS to `to` (NULL: any); answered 200 only when ok. */
static int sms_count(const char *to, bool ok_only)
{
    int n = 0;
    pthread_mutex_lock(&gw.mu);
    for (int i = 0; i < gw.n; i++) {
        char t[64];
        if (strcmp(gw.hits[i].path, "/sms") != 0)
            continue;
        sms_field(&gw.hits[i], "to", t, sizeof(t));
        if ((!to || strcmp(t, to) == 0) &&
            (!ok_only || gw.hits[i].status == 200))
            n++;
    }
    pthread_mutex_unlock(&gw.mu);
    return n;
}

/* The text of the last SMS delivered to `to` that contains needle (or any
 * when needle is NULL), into out; false when none. */
static bool sms_text(const char *to, const char *needle, char *out, size_t cap)
{
    bool found = false;
    pthread_mutex_lock(&gw.mu);
    for (int i = gw.n - 1; i >= 0 && !found; i--) {
        char t[64], text[2048];
        if (strcmp(gw.hits[i].path, "/sms") != 0 || gw.hits[i].status != 200)
            continue;
        sms_field(&gw.hits[i], "to", t, sizeof(t));
        sms_field(&gw.hits[i], "text", text, sizeof(text));
        if (strcmp(t, to) == 0 && (!needle || strstr(text, needle))) {
            snprintf(out, cap, "%s", text);
            found = true;
        }
    }
    pthread_mutex_unlock(&gw.mu);
    return found;
}

/* Wait until an SMS to `to` containing needle has been answered 200. */
static bool wait_sms(const char *to, const char *needle, char *out, size_t cap)
{
    for (int i = 0; i < 600; i++) {
        if (sms_text(to, needle, out, cap))
            return true;
        nap_ms(100);
    }
    fprintf(stderr, "  no SMS to %s with \"%s\"\n", to, needle ? needle : "");
    return false;
}

/* ---- The SMTP server ----------------------------------------------------- */

static pid_t smtp_pid;
static char maildir[128];
static int smtp_port;

/* Start aiosmtpd on a free port into dir (a Maildir), with extra options
 * (TLS), or NULL; its port and pid out. */
static bool smtp_run(const char *dir, const char *const *extra, int *port,
                     pid_t *pid)
{
    /* A free port: bound, noted, closed; aiosmtpd binds it next. */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    bind(fd, (struct sockaddr *)&a, sizeof(a));
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    close(fd);
    char listen_on[64];
    snprintf(listen_on, sizeof(listen_on), "127.0.0.1:%d", *port);
    const char *argv[16] = {"python3", "-m", "aiosmtpd", "-n", "-l", listen_on};
    size_t n = 6;
    for (size_t i = 0; extra && extra[i] && n < 12; i++)
        argv[n++] = extra[i];
    argv[n++] = "-c";
    argv[n++] = "aiosmtpd.handlers.Mailbox";
    argv[n++] = dir;
    argv[n] = NULL;
    *pid = fork();
    if (*pid == 0) {
        execv("/usr/bin/python3", (char *const *)(uintptr_t)argv);
        _exit(127);
    }
    /* Ready when it accepts a connection. */
    for (int i = 0; i < 300; i++) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        a.sin_port = htons((uint16_t)*port);
        bool ok = connect(c, (struct sockaddr *)&a, sizeof(a)) == 0;
        close(c);
        if (ok)
            return true;
        nap_ms(100);
    }
    fprintf(stderr, "aiosmtpd did not start (python3-aiosmtpd installed?)\n");
    return false;
}

static bool smtp_start(void)
{
    snprintf(maildir, sizeof(maildir), "%s/mail", srv.dir);
    return smtp_run(maildir, NULL, &smtp_port, &smtp_pid);
}

/* The mails received, as Python's e-mail package reads them: for each,
 * "To|Subject (decoded)|charset|X-Satupintu-Id|Message-ID|List-Unsubscribe"
 * and the decoded body, separated by a line "=====". */
static void mails(struct buf *out)
{
    static const char script[] =
        "import email, email.header, os, sys\n"
        "d = sys.argv[1] + '/new'\n"
        "for f in sorted(os.listdir(d) if os.path.isdir(d) else []):\n"
        "    m = email.message_from_binary_file(open(os.path.join(d, f), "
        "'rb'))\n"
        "    s = str(email.header.make_header(email.header.decode_header("
        "m['Subject'])))\n"
        "    print('|'.join([m['To'], s, m.get_content_charset() or '',"
        " m['X-Satupintu-Id'] or '', m['Message-ID'] or '',"
        " m['List-Unsubscribe'] or '', m['Content-Transfer-Encoding'] or "
        "'']))\n"
        "    print(m.get_payload(decode=True).decode('utf-8'))\n"
        "    print('=====')\n";
    char path[160];
    snprintf(path, sizeof(path), "%s/mails.py", srv.dir);
    FILE *f = fopen(path, "w");
    fputs(script, f);
    fclose(f);
    char cmd[512];
    snprintf(cmd, sizeof(cmd), "/usr/bin/python3 %s %s", path, maildir);
    FILE *p = popen(cmd, "r");
    char chunk[4096];
    size_t n;
    buf_reset(out);
    while (p && (n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        buf_append(out, chunk, n);
    if (p)
        pclose(p);
}

/* Wait until a mail to `to` containing needle has arrived. */
static bool wait_mail(const char *to, const char *needle, struct buf *all)
{
    char want[160];
    snprintf(want, sizeof(want), "<%s>|", to);
    for (int i = 0; i < 300; i++) {
        mails(all);
        const char *p = strstr(buf_cstr(all), want);
        while (p) {
            const char *end = strstr(p, "\n=====");
            if (end &&
                (!needle || (strstr(p, needle) && strstr(p, needle) < end)))
                return true;
            p = strstr(p + 1, want);
        }
        nap_ms(200);
    }
    fprintf(stderr, "  no mail to %s with \"%s\"\n", to, needle ? needle : "");
    return false;
}

/* ---- The server under test ---------------------------------------------- */

static void serve_env(bool sms, bool smtp)
{
    char v[128];
    if (sms) {
        snprintf(v, sizeof(v), "http://127.0.0.1:%d/sms", gw.port);
        setenv("SATUPINTU_SMS_URL", v, 1);
        setenv("SATUPINTU_SMS_TOKEN", SMS_TOKEN, 1);
    } else {
        unsetenv("SATUPINTU_SMS_URL");
        unsetenv("SATUPINTU_SMS_TOKEN");
    }
    if (smtp) {
        snprintf(v, sizeof(v), "smtp://127.0.0.1:%d", smtp_port);
        setenv("SATUPINTU_SMTP_URL", v, 1);
        setenv("SATUPINTU_SMTP_FROM",
               "Satu Pintu Banyuwangi <layanan@banyuwangikab.go.id>", 1);
    } else {
        unsetenv("SATUPINTU_SMTP_URL");
        unsetenv("SATUPINTU_SMTP_FROM");
    }
    setenv("SATUPINTU_PUBLIC_URL", "https://layanan.example.go.id", 1);
    setenv("SATUPINTU_NOTIFY_INTERVAL", "1", 1);
    setenv("SATUPINTU_NOTIFY_BACKOFF", "0", 1);
    setenv("SATUPINTU_NOTIFY_ATTEMPTS", "8", 1);
    setenv("SATUPINTU_NOTIFY_TIMEOUT", "5", 1);
    unsetenv("SATUPINTU_NOTIFY_LEASE");
    unsetenv("SATUPINTU_NOTIFY_SENDER");
}

static bool serve(bool sms, bool smtp)
{
    serve_env(sms, smtp);
    return server_serve(&srv, NULL);
}

static void user(const char *login, const char *role, const char *office)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo 'Sandi-Uji-12345' | %s user add %s --role %s %s %s "
             "--password-stdin --db %s >/dev/null",
             srv.bin, login, role, office ? "--office" : "",
             office ? office : "", srv.db_url);
    CHECK_INT(system(cmd), 0);
}

static void key_for(const char *login, char out[64])
{
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    CHECK_INT(server_cli(&srv, &b, args), 0);
    snprintf(out, 64, "%.51s", buf_cstr(&b));
    buf_free(&b);
}

static long api(const char *key, const char *method, const char *path,
                const char *json, const char *extra, struct resp *r)
{
    struct client *c = client_new(&srv);
    char hdr[512];
    snprintf(hdr, sizeof(hdr), "Authorization: Bearer %s%s%s", key,
             extra ? "\n" : "", extra ? extra : "");
    client_req(c, method, path, json, json ? "application/json" : NULL,
               key ? hdr : extra, r);
    client_free(c);
    return r->status;
}

static json_t *json_of(const struct resp *r)
{
    json_error_t e;
    return json_loads(body(r), 0, &e);
}

struct intake {
    char regno[32];
    char pin[16];
    long status;
    char warnings[512];
};

/* Register DOMISILI at Genteng for phone (and e-mail, may be "") with the
 * notify array (a JSON array text, or NULL for none). */
static struct intake intake(const char *name, const char *phone,
                            const char *email, const char *notify,
                            const char *extra_header)
{
    static int nik_serial = 100;
    char js[2048];
    snprintf(
        js, sizeof(js),
        "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\",\"citizen\":"
        "{\"nik\":\"35101641019%05d\",\"name\":\"%s\",\"village\":"
        "\"35.10.09.2001\",\"phone\":\"%s\",\"email\":\"%s\"%s%s},"
        "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_DESA\"],"
        "\"fields\":{\"keperluan\":\"sekolah\"}}",
        ++nik_serial, name, phone, email, notify ? ",\"notify\":" : "",
        notify ? notify : "");
    struct resp r;
    struct intake out = {0};
    out.status =
        api(key_front, "POST", "/api/v1/applications", js, extra_header, &r);
    json_t *j = json_of(&r);
    snprintf(out.regno, sizeof(out.regno), "%s",
             json_string_value(json_object_get(j, "registration_no"))
                 ? json_string_value(json_object_get(j, "registration_no"))
                 : "");
    snprintf(out.pin, sizeof(out.pin), "%s",
             json_string_value(json_object_get(j, "pin"))
                 ? json_string_value(json_object_get(j, "pin"))
                 : "");
    char *w = json_dumps(json_object_get(j, "warnings"), 0);
    snprintf(out.warnings, sizeof(out.warnings), "%s", w ? w : "");
    free(w);
    json_decref(j);
    if (out.status != 201)
        fprintf(stderr, "  intake: %ld %s\n", out.status, body(&r));
    resp_free(&r);
    return out;
}

/* The outbox rows of a record (a direct look at the database). */
static int outbox_rows(const char *ref_no, const char *event,
                       struct notify_msg *last)
{
    struct db *db = NULL;
    if (db_open(srv.db_url, &db) != ERR_OK)
        return -1;
    struct arena *a = arena_new();
    struct notify_outbox_filter f = {-1, -1, ref_no, 1000};
    struct notify_msg *items = NULL;
    size_t n = 0;
    int count = 0;
    if (notify_outbox_list(db, a, &f, &items, &n) == ERR_OK) {
        for (size_t i = 0; i < n; i++) {
            if (event && strcmp(items[i].event, event) != 0)
                continue;
            if (last && count == 0) {
                *last = items[i];
                last->body = NULL; /* arena goes */
                last->idem_key = NULL;
                last->recipient = NULL;
                last->event = NULL;
                last->ref_no = NULL;
                last->subject = NULL;
                last->last_error = NULL;
            }
            count++;
        }
    }
    arena_free(a);
    db_close(db);
    return count;
}

/* Take a workflow action through the API with the current version. */
static long act(const char *key, const char *regno, const char *action,
                const char *note)
{
    char path[128], js[512];
    struct resp r;
    snprintf(path, sizeof(path), "/api/v1/applications/%s", regno);
    api(key_back, "GET", path, NULL, NULL, &r);
    json_t *j = json_of(&r);
    int version = (int)json_integer_value(json_object_get(j, "version"));
    json_decref(j);
    resp_free(&r);
    snprintf(path, sizeof(path), "/api/v1/applications/%s/events", regno);
    snprintf(js, sizeof(js),
             "{\"action\":\"%s\",\"note\":\"%s\",\"version\":%d}", action, note,
             version);
    long st = api(key, "POST", path, js, NULL, &r);
    resp_free(&r);
    return st;
}

/* Steps by whoever may take them until the application is ready. */
static void to_ready(const char *regno)
{
    for (int k = 0; k < 10; k++) {
        struct resp g;
        char p[128];
        snprintf(p, sizeof(p), "/api/v1/applications/%s", regno);
        api(key_back, "GET", p, NULL, NULL, &g);
        json_t *app = json_of(&g);
        resp_free(&g);
        const char *status = json_string_value(json_object_get(app, "status"));
        bool ready = status && strcmp(status, "ready") == 0;
        json_decref(app);
        if (ready)
            return;
        const char *keys[] = {key_back, key_head, key_front};
        bool moved = false;
        for (int w = 0; w < 3 && !moved; w++)
            moved = act(keys[w], regno, "step", "") == 200;
        CHECK(moved);
    }
}

/* ---- The tests -------------------------------------------------------- */

static void test_channels_off(void)
{
    CHECK(serve(false, false));
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "loket", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/intake/DOMISILI", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "name=\"notify\" value=\"sms\" disabled");
    CHECK_CONTAINS(body(&r), "name=\"notify\" value=\"email\" disabled");
    CHECK_CONTAINS(body(&r), "belum aktif di server ini");
    resp_free(&r);
    client_free(c);
    /* Consent asked for a channel that is off: registered, with a
     * warning, and nothing queued. */
    struct intake a = intake("Budi", "081234567000", "budi@example.id",
                             "[\"sms\",\"email\"]", NULL);
    CHECK_INT(a.status, 201);
    CHECK_CONTAINS(a.warnings, "belum aktif");
    CHECK_INT(outbox_rows(a.regno, NULL, NULL), 0);
    /* Malformed consent: 422 with the field. */
    struct intake bad = intake("Budi", "081234567000", "", "[\"fax\"]", NULL);
    CHECK_INT(bad.status, 422);
    CHECK_INT(server_halt(&srv), 0);
}

static struct intake app_dewi;
static char dewi_stop_url[256];

static void test_messages_delivered(void)
{
    CHECK(serve(true, true));
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "loket", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/intake/DOMISILI", &r);
    CHECK_CONTAINS(body(&r), "name=\"notify\" value=\"sms\">");
    CHECK_NOT_CONTAINS(body(&r), "belum aktif di server ini");
    resp_free(&r);
    client_free(c);

    /* No consent: nothing, ever (checked at the end of the suite too). */
    struct intake quiet =
        intake("Tanpa Pesan", "0812-3456-7002", "diam@example.id", NULL, NULL);
    CHECK_INT(quiet.status, 201);
    CHECK_INT(outbox_rows(quiet.regno, NULL, NULL), 0);

    /* SMS and e-mail, Indonesian; a name that needs UTF-8. */
    app_dewi = intake("Dewi Ñoñó Sartika", "0812-3456-7001", "dewi@example.id",
                      "[\"sms\",\"email\"]", NULL);
    CHECK_INT(app_dewi.status, 201);
    char text[2048];
    CHECK(wait_sms("+6281234567001", app_dewi.regno, text, sizeof(text)));
    CHECK_CONTAINS(text, "Satu Pintu: permohonan");
    CHECK_CONTAINS(text, "diterima di Kantor Kecamatan Genteng");
    CHECK_CONTAINS(text, app_dewi.pin); /* the holder's own phone */
    CHECK_CONTAINS(text, "https://layanan.example.go.id/track?no=");
    CHECK_CONTAINS(text, "Balas STOP");
    CHECK_INT(sms_count("+6281234567001", false), 1);
    /* The gateway's request: bearer token, JSON with the idempotency id. */
    pthread_mutex_lock(&gw.mu);
    const struct hit *h = &gw.hits[gw.n - 1];
    CHECK_STR(h->auth, "Bearer " SMS_TOKEN);
    char id[64];
    sms_field(h, "id", id, sizeof(id));
    CHECK_INT(strlen(id), 32);
    pthread_mutex_unlock(&gw.mu);

    struct buf all;
    buf_init(&all, 8u << 20);
    CHECK(wait_mail("dewi@example.id", app_dewi.regno, &all));
    const char *m = strstr(buf_cstr(&all), "<dewi@example.id>|");
    CHECK(m != NULL);
    if (m) {
        char line[1024];
        sscanf(m, "%1023[^\n]", line);
        /* To|Subject|charset|X-Satupintu-Id|Message-ID|List-Unsubscribe|CTE */
        CHECK_CONTAINS(
            line, "|Permohonan Surat Keterangan Domisili Penduduk diterima – ");
        CHECK_CONTAINS(line, "|utf-8|");
        CHECK_CONTAINS(line, "@banyuwangikab.go.id>|");
        CHECK_CONTAINS(line, "|<https://layanan.example.go.id/notify/stop?t=");
        CHECK_CONTAINS(line, "|quoted-printable");
        const char *end = strstr(m, "\n=====");
        char mail[4096] = "";
        if (end)
            snprintf(mail, sizeof(mail), "%.*s", (int)(end - m), m);
        CHECK_CONTAINS(mail, "Yth. Dewi Ñoñó Sartika,");
        CHECK_CONTAINS(mail, "sudah kami terima di Kantor Kecamatan Genteng");
        CHECK_CONTAINS(mail, "Nomor registrasi: ");
        CHECK_NOT_CONTAINS(mail, app_dewi.pin);     /* never in an e-mail */
        const char *text_part = strchr(mail, '\n'); /* after the headers */
        const char *stop =
            strstr(text_part ? text_part : mail,
                   "https://layanan.example.go.id/notify/stop?t=");
        if (stop)
            sscanf(stop, "%255[^> |\n]", dewi_stop_url);
    }
    CHECK(strlen(dewi_stop_url) > 40);
    buf_free(&all);
}

static void test_english(void)
{
    char js[2048];
    snprintf(js, sizeof(js),
             "{\"office\":\"35.10.09\",\"service\":\"DOMISILI\",\"citizen\":"
             "{\"nik\":\"3510164101900999\",\"name\":\"John\",\"village\":"
             "\"35.10.09.2001\",\"phone\":\"081234567011\",\"email\":\"\","
             "\"notify\":[\"sms\"],\"lang\":\"en\"},"
             "\"requirements\":[\"KTP\",\"KK\",\"PENGANTAR_RT\",\"PENGANTAR_"
             "DESA\"]}");
    struct resp r;
    CHECK_INT(api(key_front, "POST", "/api/v1/applications", js, NULL, &r),
              201);
    resp_free(&r);
    char text[2048];
    CHECK(wait_sms("+6281234567011", "your application", text, sizeof(text)));
    CHECK_CONTAINS(text, "Reply STOP");
}

static void test_retry_then_once(void)
{
    pthread_mutex_lock(&gw.mu);
    gw.fail_next = 3;
    pthread_mutex_unlock(&gw.mu);
    struct intake a =
        intake("Coba Lagi", "0812-3456-7003", "", "[\"sms\"]", NULL);
    CHECK_INT(a.status, 201);
    char text[2048];
    CHECK(wait_sms("+6281234567003", a.regno, text, sizeof(text)));
    /* Four tries, one delivery, one key. */
    CHECK_INT(sms_count("+6281234567003", false), 4);
    CHECK_INT(sms_count("+6281234567003", true), 1);
    char first[64] = "", id[64];
    int same = 0;
    pthread_mutex_lock(&gw.mu);
    for (int i = 0; i < gw.n; i++) {
        char to[64];
        sms_field(&gw.hits[i], "to", to, sizeof(to));
        if (strcmp(to, "+6281234567003") != 0)
            continue;
        sms_field(&gw.hits[i], "id", id, sizeof(id));
        if (!first[0])
            snprintf(first, sizeof(first), "%s", id);
        same += strcmp(first, id) == 0;
    }
    pthread_mutex_unlock(&gw.mu);
    CHECK_INT(same, 4);
    struct notify_msg last;
    for (int i = 0; i < 100; i++) { /* the record follows the answer */
        if (outbox_rows(a.regno, "application.received", &last) == 1 &&
            last.state == NST_SENT)
            break;
        nap_ms(100);
    }
    CHECK_INT(outbox_rows(a.regno, "application.received", &last), 1);
    CHECK_INT(last.state, NST_SENT);
    CHECK_INT(last.attempts, 4);
    /* Still exactly one after more rounds of the sender. */
    struct intake b =
        intake("Penanda", "0812-3456-7004", "", "[\"sms\"]", NULL);
    CHECK(wait_sms("+6281234567004", b.regno, text, sizeof(text)));
    CHECK_INT(sms_count("+6281234567003", true), 1);
}

static void test_workflow_messages(void)
{
    char text[2048];
    CHECK_INT(act(key_back, app_dewi.regno, "step", ""), 200); /* verified */
    CHECK_INT(act(key_back, app_dewi.regno, "return", "Fotokopi KK yang jelas"),
              200);
    CHECK(wait_sms("+6281234567001", "perlu dilengkapi", text, sizeof(text)));
    CHECK_CONTAINS(text, "Fotokopi KK yang jelas");
    CHECK_CONTAINS(text, "Kantor Kecamatan Genteng");
    CHECK_NOT_CONTAINS(text, app_dewi.pin);
    CHECK_INT(act(key_front, app_dewi.regno, "resume", ""), 200);
    to_ready(app_dewi.regno);
    CHECK(wait_sms("+6281234567001", "siap diambil", text, sizeof(text)));
    CHECK_CONTAINS(text, "Bawa tanda terima dan KTP-el");
    struct buf all;
    buf_init(&all, 8u << 20);
    CHECK(wait_mail("dewi@example.id", "siap diambil", &all));
    buf_free(&all);
    CHECK_INT(act(key_front, app_dewi.regno, "hand_over", "Pemohon sendiri"),
              200);
    CHECK(wait_sms("+6281234567001", "sudah diserahkan", text, sizeof(text)));
    CHECK_CONTAINS(text, "https://layanan.example.go.id/survey?t=");
    CHECK_NOT_CONTAINS(text, "Pemohon sendiri");
    /* Steps that are not news for the citizen send nothing: verified. */
    CHECK_INT(outbox_rows(app_dewi.regno, "application.step", NULL), 0);
}

static char hook_secret[80];

static void test_webhooks(void)
{
    user("admin.hook", "administrator", NULL);
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "admin.hook", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/admin/webhooks", &r);
    CHECK_INT(r.status, 200);
    char csrf[128], token[64] = "";
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    const char *t = strstr(body(&r), "name=\"form_token\" value=\"");
    if (t)
        sscanf(t + strlen("name=\"form_token\" value=\""), "%63[0-9a-f]",
               token);
    resp_free(&r);
    /* Not https, not loopback: refused. */
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&url=%s&label=Dinas&events=application.received", csrf,
             urlenc("http://10.0.0.1/hook"));
    client_post(c, "/admin/webhooks", form, &r);
    CHECK_INT(r.status, 422);
    resp_free(&r);
    char url[128], url_enc[256];
    snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook", gw.port);
    snprintf(url_enc, sizeof(url_enc), "%s", urlenc(url));
    snprintf(form, sizeof(form),
             "csrf=%s&form_token=%s&url=%s&label=Dukcapil&events=application."
             "received&events=application.ready",
             csrf, token, url_enc);
    client_post(c, "/admin/webhooks", form, &r);
    CHECK_INT(r.status, 303);
    char loc[256];
    snprintf(loc, sizeof(loc), "%s",
             resp_header(&r, "Location") ? resp_header(&r, "Location") : "");
    resp_free(&r);
    CHECK_CONTAINS(loc, "/admin/webhooks?shown=");
    client_get(c, loc, &r);
    const char *sec = strstr(body(&r), "<code class=\"secret\">");
    if (sec)
        sscanf(sec + strlen("<code class=\"secret\">"), "%79[0-9a-f]",
               hook_secret);
    CHECK_INT(strlen(hook_secret), 64);
    resp_free(&r);
    /* Shown once. */
    client_get(c, loc, &r);
    CHECK_NOT_CONTAINS(body(&r), hook_secret);
    CHECK_CONTAINS(body(&r), "sudah ditampilkan sekali");
    resp_free(&r);
    client_free(c);
    /* The audit log names it, without the secret. */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    int64_t n = 0;
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM audit_log WHERE entity = $1 AND"
                     " after_json LIKE $2",
                     DV_TEXT("webhook"), DV_TEXT("%Dukcapil%")),
              ERR_OK);
    CHECK_INT(n, 1);
    if (n != 1) {
        char cmd[256];
        snprintf(cmd, sizeof(cmd),
                 "sqlite3 %s/test.db 'SELECT entity, action, after_json FROM"
                 " audit_log' >&2",
                 srv.dir);
        if (system(cmd) != 0)
            fprintf(stderr, "  (no sqlite3)\n");
    }
    char like[96];
    snprintf(like, sizeof(like), "%%%s%%", hook_secret);
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM audit_log WHERE after_json LIKE $1"
                     " OR before_json LIKE $1",
                     DV_TEXT(like)),
              ERR_OK);
    CHECK_INT(n, 0);
    db_close(db);

    struct intake a = intake("Hook Satu", "0812-3456-7020", "", NULL, NULL);
    CHECK_INT(a.status, 201);
    bool got = false;
    struct hit copy = {0};
    for (int i = 0; i < 300 && !got; i++) {
        pthread_mutex_lock(&gw.mu);
        for (int k = 0; k < gw.n && !got; k++) {
            if (strcmp(gw.hits[k].path, "/hook") == 0 && gw.hits[k].body &&
                strstr(gw.hits[k].body, a.regno)) {
                copy = gw.hits[k];
                copy.body = strdup(gw.hits[k].body);
                got = true;
            }
        }
        pthread_mutex_unlock(&gw.mu);
        if (!got)
            nap_ms(100);
    }
    CHECK(got);
    if (got) {
        CHECK_STR(copy.event, "application.received");
        CHECK_INT(strlen(copy.hook_id), 32);
        /* The receiver checks the signature over "timestamp.body". */
        struct buf base;
        buf_init(&base, 1 << 20);
        buf_printf(&base, "%s.%s", copy.ts, copy.body);
        char want[65];
        crypto_hmac_sha256_hex(hook_secret, buf_cstr(&base), base.len, want);
        char sig[80];
        snprintf(sig, sizeof(sig), "sha256=%s", want);
        CHECK_STR(copy.sig, sig);
        /* A wrong secret would not match. */
        crypto_hmac_sha256_hex("wrong", buf_cstr(&base), base.len, want);
        CHECK(strstr(copy.sig, want) == NULL);
        buf_free(&base);
        json_error_t e;
        json_t *j = json_loads(copy.body, 0, &e);
        CHECK_STR(json_string_value(json_object_get(j, "event")),
                  "application.received");
        CHECK_STR(json_string_value(json_object_get(j, "id")), copy.hook_id);
        json_t *d = json_object_get(j, "data");
        CHECK_STR(json_string_value(json_object_get(d, "registration_no")),
                  a.regno);
        CHECK_STR(json_string_value(json_object_get(d, "office")), "35.10.09");
        json_decref(j);
        /* No personal data, no PIN. */
        CHECK_NOT_CONTAINS(copy.body, "Hook Satu");
        /* The phone in any form it is stored or sent in (not its last
         * four digits alone: those can turn up in a random event id). */
        CHECK_NOT_CONTAINS(copy.body, "34567020");
        CHECK_NOT_CONTAINS(copy.body, "3456-7020");
        CHECK_NOT_CONTAINS(copy.body, a.pin);
        CHECK_NOT_CONTAINS(copy.body, "3510164101");
        free(copy.body);
    }
    /* Revoked: later events are not queued for it. */
    c = client_new(&srv);
    CHECK_INT(client_login(c, "admin.hook", "Sandi-Uji-12345"), 303);
    client_get(c, "/admin/webhooks", &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    int hook_no = 0;
    const char *rv = strstr(body(&r), "action=\"/admin/webhooks/");
    if (rv)
        hook_no = atoi(rv + strlen("action=\"/admin/webhooks/"));
    resp_free(&r);
    char path[96];
    snprintf(path, sizeof(path), "/admin/webhooks/%d/revoke", hook_no);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    client_free(c);
    struct intake after = intake("Hook Dua", "0812-3456-7021", "", NULL, NULL);
    CHECK_INT(after.status, 201);
    CHECK_INT(outbox_rows(after.regno, NULL, NULL), 0);
}

/* A complaint's messages: with the box ticked on the public form, to the
 * phone given as contact: received, then answered (with the answer). */
static void test_complaint_messages(void)
{
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, "/complaints/new?office=35.10.09", &r);
    CHECK_CONTAINS(body(&r), "name=\"notify\" value=\"contact\"");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&category=waiting_time&body=%s&identity="
             "named&name=Rina&contact=081234567040&notify=contact",
             csrf, "Antrean+terlalu+lama");
    client_post(c, "/complaints", form, &r);
    CHECK_INT(r.status, 201);
    char number[32] = "";
    const char *p = strstr(body(&r), "<strong>P-");
    if (p)
        sscanf(p + 8, "%31[^<]", number);
    resp_free(&r);
    CHECK(number[0] == 'P');
    char text[2048];
    CHECK(wait_sms("+6281234567040", number, text, sizeof(text)));
    CHECK_CONTAINS(text, "diterima");
    CHECK_CONTAINS(text, "/complaints/track?no=");
    /* Without the box: nothing. */
    snprintf(form, sizeof(form),
             "csrf=%s&office=35.10.09&category=waiting_time&body=%s&identity="
             "named&name=Rini&contact=081234567041",
             csrf, "Kursi+kurang");
    client_post(c, "/complaints", form, &r);
    CHECK_INT(r.status, 201);
    resp_free(&r);
    client_free(c);
    /* The officer verifies and answers. */
    user("pengaduan", "complaint_officer", NULL);
    struct client *o = client_new(&srv);
    CHECK_INT(client_login(o, "pengaduan", "Sandi-Uji-12345"), 303);
    const char *acts[][2] = {{"verify", ""},
                             {"answer", "Loket+kedua+dibuka+mulai+Senin"}};
    for (int i = 0; i < 2; i++) {
        char path[96];
        snprintf(path, sizeof(path), "/complaints/%s", number);
        client_get(o, path, &r);
        snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
        const char *v = strstr(body(&r), "name=\"version\" value=\"");
        int version = v ? atoi(v + strlen("name=\"version\" value=\"")) : 1;
        resp_free(&r);
        snprintf(form, sizeof(form), "csrf=%s&version=%d&action=%s&note=%s",
                 csrf, version, acts[i][0], acts[i][1]);
        snprintf(path, sizeof(path), "/complaints/%s/events", number);
        client_post(o, path, form, &r);
        CHECK(r.status == 303 || r.status == 200);
        resp_free(&r);
    }
    client_free(o);
    CHECK(wait_sms("+6281234567040", "dijawab", text, sizeof(text)));
    CHECK_CONTAINS(text, "Loket kedua dibuka mulai Senin");
    CHECK_CONTAINS(text, "10 hari");
    CHECK_INT(sms_count("+6281234567041", false), 0);
}

static long inbound(const char *json, const char *signature, struct resp *r)
{
    char hdr[256];
    snprintf(hdr, sizeof(hdr), "X-Satupintu-Signature: %s",
             signature ? signature : "");
    struct client *c = client_new(&srv);
    client_req(c, "POST", "/api/v1/inbound/sms", json, "application/json",
               signature ? hdr : NULL, r);
    client_free(c);
    return r->status;
}

static const char *sign(const char *body_text)
{
    static char out[80];
    char hex[65];
    crypto_hmac_sha256_hex(SMS_TOKEN, body_text, strlen(body_text), hex);
    snprintf(out, sizeof(out), "sha256=%s", hex);
    return out;
}

static void test_inbound_sms(void)
{
    struct intake a =
        intake("Cek Status", "0812-3456-7030", "", "[\"sms\"]", NULL);
    char text[2048], js[512];
    CHECK(wait_sms("+6281234567030", a.regno, text, sizeof(text)));
    struct resp r;
    /* Right PIN, forgiving case and spacing, from 08... */
    snprintf(js, sizeof(js),
             "{\"from\":\"081234567031\",\"text\":\"  cek  %s   %s \"}",
             a.regno, a.pin);
    CHECK_INT(inbound(js, sign(js), &r), 200);
    CHECK_CONTAINS(body(&r), "\"reply\":\"status\"");
    resp_free(&r);
    CHECK(wait_sms("+6281234567031", a.regno, text, sizeof(text)));
    CHECK_CONTAINS(text, "Diterima");
    CHECK_NOT_CONTAINS(text, a.pin);
    /* Wrong PIN. */
    snprintf(js, sizeof(js),
             "{\"from\":\"+6281234567032\",\"text\":\"CEK %s "
             "000000\"}",
             a.regno);
    CHECK_INT(inbound(js, sign(js), &r), 200);
    CHECK_CONTAINS(body(&r), "\"reply\":\"no_match\"");
    resp_free(&r);
    CHECK(wait_sms("+6281234567032", "tidak cocok", text, sizeof(text)));
    /* Anything else: help. */
    snprintf(js, sizeof(js), "{\"from\":\"081234567032\",\"text\":\"halo\"}");
    CHECK_INT(inbound(js, sign(js), &r), 200);
    CHECK_CONTAINS(body(&r), "\"reply\":\"help\"");
    resp_free(&r);
    /* Bad signature, none, another key's: 401, nothing queued. */
    snprintf(js, sizeof(js), "{\"from\":\"081234567033\",\"text\":\"STOP\"}");
    CHECK_INT(inbound(js, "sha256=00", &r), 401);
    CHECK_CONTAINS(body(&r), "invalid_signature");
    resp_free(&r);
    CHECK_INT(inbound(js, NULL, &r), 401);
    resp_free(&r);
    char other[80];
    char hex[65];
    crypto_hmac_sha256_hex("another-token", js, strlen(js), hex);
    snprintf(other, sizeof(other), "sha256=%s", hex);
    CHECK_INT(inbound(js, other, &r), 401);
    resp_free(&r);
    /* A signed body changed on the way: 401. */
    char tampered[512];
    snprintf(tampered, sizeof(tampered),
             "{\"from\":\"081234567034\",\"text\":\"STOP\"}");
    CHECK_INT(inbound(tampered, sign(js), &r), 401);
    resp_free(&r);
    /* STOP from the applicant's phone: consent withdrawn, the next news
     * about the application is not queued for SMS. */
    snprintf(js, sizeof(js), "{\"from\":\"0812 3456 7030\",\"text\":\"stop\"}");
    CHECK_INT(inbound(js, sign(js), &r), 200);
    CHECK_CONTAINS(body(&r), "\"reply\":\"stopped\"");
    resp_free(&r);
    CHECK(wait_sms("+6281234567030", "tidak akan menerima pesan", text,
                   sizeof(text)));
    CHECK_INT(act(key_back, a.regno, "step", ""), 200);
    CHECK_INT(act(key_back, a.regno, "return", "Surat pengantar RT"), 200);
    CHECK_INT(outbox_rows(a.regno, "application.returned", NULL), 0);
    /* The same throttle as the tracking page: 30 wrong PINs from one
     * phone, then it is told to wait, even with the right PIN. */
    for (int i = 0; i < 30; i++) {
        snprintf(js, sizeof(js),
                 "{\"from\":\"081234567035\",\"text\":\"CEK %s %06d\"}",
                 a.regno, i == 0 ? 111111 : i);
        inbound(js, sign(js), &r);
        resp_free(&r);
    }
    snprintf(js, sizeof(js),
             "{\"from\":\"081234567035\",\"text\":\"CEK %s %s\"}", a.regno,
             a.pin);
    CHECK_INT(inbound(js, sign(js), &r), 200);
    CHECK_CONTAINS(body(&r), "\"reply\":\"throttled\"");
    resp_free(&r);
}

static void test_stop_link(void)
{
    CHECK(dewi_stop_url[0] != '\0');
    const char *path = strstr(dewi_stop_url, "/notify/stop");
    struct client *c = client_new(&srv);
    struct resp r;
    client_get(c, path ? path : "/notify/stop", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), app_dewi.regno);
    CHECK_CONTAINS(body(&r), "Ya, berhenti");
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    const char *t = path ? strstr(path, "t=") : NULL;
    char form[256];
    snprintf(form, sizeof(form), "csrf=%s&t=%s", csrf, t ? t + 2 : "");
    client_post(c, "/notify/stop", form, &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "tidak akan menerima pesan lagi");
    resp_free(&r);
    /* An unknown token: 404, counted like a wrong PIN. */
    client_get(c, "/notify/stop?t=0123456789abcdef0123456789abcdef", &r);
    CHECK_INT(r.status, 404);
    resp_free(&r);
    client_free(c);
}

static void test_rollback_sends_nothing(void)
{
    /* Make the intake's transaction fail after its messages were written:
     * the replay record (the last write) is refused by a trigger. */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    CHECK_INT(db_exec(db, "CREATE TRIGGER test_no_replays BEFORE INSERT ON"
                          " replays BEGIN SELECT RAISE(ABORT, 'test'); END"),
              ERR_OK);
    struct intake a =
        intake("Batal", "0812-3456-7006", "batal@example.id",
               "[\"sms\",\"email\"]", "Idempotency-Key: rollback-test-1");
    CHECK(a.status == 409 || a.status == 500); /* refused, rolled back */
    CHECK_INT(db_exec(db, "DROP TRIGGER test_no_replays"), ERR_OK);
    int64_t n = -1;
    CHECK_INT(db_int(db, &n,
                     "SELECT COUNT(*) FROM notify_outbox WHERE recipient IN"
                     " ($1, $2)",
                     DV_TEXT("+6281234567006"), DV_TEXT("batal@example.id")),
              ERR_OK);
    CHECK_INT(n, 0);
    db_close(db);
    /* A later message goes out; the rolled-back one never does. */
    struct intake b =
        intake("Sesudah", "0812-3456-7007", "", "[\"sms\"]", NULL);
    char text[2048];
    CHECK(wait_sms("+6281234567007", b.regno, text, sizeof(text)));
    CHECK_INT(sms_count("+6281234567006", false), 0);
    struct buf all;
    buf_init(&all, 8u << 20);
    mails(&all);
    CHECK_NOT_CONTAINS(buf_cstr(&all), "batal@example.id");
    /* And the applicant without consent got nothing all along. */
    CHECK_INT(sms_count("+6281234567002", false), 0);
    CHECK_NOT_CONTAINS(buf_cstr(&all), "diam@example.id");
    buf_free(&all);
    CHECK_INT(server_halt(&srv), 0);
}

static void test_kill9_before_send(void)
{
    /* An instance that does not send: the message waits in the outbox. */
    serve_env(true, true);
    setenv("SATUPINTU_NOTIFY_SENDER", "0", 1);
    CHECK(server_serve(&srv, NULL));
    struct intake a =
        intake("Mati Listrik", "0812-3456-7008", "", "[\"sms\"]", NULL);
    CHECK_INT(a.status, 201);
    struct notify_msg m;
    CHECK_INT(outbox_rows(a.regno, "application.received", &m), 1);
    CHECK_INT(m.state, NST_QUEUED);
    server_kill9(&srv);
    CHECK_INT(sms_count("+6281234567008", false), 0);
    /* After the restart it goes out, once. */
    CHECK(serve(true, true));
    char text[2048];
    CHECK(wait_sms("+6281234567008", a.regno, text, sizeof(text)));
    CHECK_INT(sms_count("+6281234567008", false), 1);
}

static void test_kill9_while_sending(void)
{
    /* One try may take 3 s, a claim lasts 4 s. */
    CHECK_INT(server_halt(&srv), 0);
    serve_env(true, true);
    setenv("SATUPINTU_NOTIFY_TIMEOUT", "3", 1);
    setenv("SATUPINTU_NOTIFY_LEASE", "4", 1);
    CHECK(server_serve(&srv, NULL));
    pthread_mutex_lock(&gw.mu);
    int before = gw.n;
    pthread_mutex_unlock(&gw.mu);
    /* The gateway holds the request: the sender is inside its try. */
    atomic_store(&gw.hang, 1);
    struct intake a =
        intake("Tengah Kirim", "0812-3456-7009", "", "[\"sms\"]", NULL);
    CHECK_INT(a.status, 201);
    bool held = false;
    for (int i = 0; i < 300 && !held; i++) {
        /* Claimed, and its request at the gateway, unanswered. */
        struct notify_msg m = {0};
        outbox_rows(a.regno, "application.received", &m);
        pthread_mutex_lock(&gw.mu);
        int seen = gw.n;
        pthread_mutex_unlock(&gw.mu);
        held = m.state == NST_SENDING && seen > before;
        if (!held)
            nap_ms(100);
    }
    CHECK(held);
    /* A gateway that is down never stops intake. */
    struct intake b =
        intake("Tetap Jalan", "0812-3456-7012", "", "[\"sms\"]", NULL);
    CHECK_INT(b.status, 201);
    server_kill9(&srv);
    atomic_store(&gw.hang, 0);
    /* Restart with a short lease: the dead sender's claim runs out and the
     * message goes again, with the same key. */
    serve_env(true, true);
    setenv("SATUPINTU_NOTIFY_TIMEOUT", "3", 1);
    setenv("SATUPINTU_NOTIFY_LEASE", "4", 1);
    CHECK(server_serve(&srv, NULL));
    char text[2048];
    CHECK(wait_sms("+6281234567009", a.regno, text, sizeof(text)));
    CHECK_INT(sms_count("+6281234567009", true), 1);
    /* Every try (the held one, the one after the restart) had one key. */
    char first[64] = "", id[64];
    int tries = 0, same = 0;
    pthread_mutex_lock(&gw.mu);
    for (int i = 0; i < gw.n; i++) {
        char to[64];
        sms_field(&gw.hits[i], "to", to, sizeof(to));
        if (strcmp(to, "+6281234567009") != 0)
            continue;
        sms_field(&gw.hits[i], "id", id, sizeof(id));
        if (!first[0])
            snprintf(first, sizeof(first), "%s", id);
        tries++;
        same += strcmp(id, first) == 0;
    }
    pthread_mutex_unlock(&gw.mu);
    CHECK(tries >= 2);
    CHECK_INT(same, tries);
    CHECK(wait_sms("+6281234567012", b.regno, text, sizeof(text)));
    CHECK_INT(server_halt(&srv), 0);
}

/* Queue a message straight into the outbox (as an event's transaction
 * would). */
static enum err put_sms(struct db *db, const char *to, const char *ref)
{
    char key[33];
    crypto_random_hex(key, 16);
    struct notify_msg m = {.idem_key = key,
                           .channel = NCH_SMS,
                           .recipient = to,
                           .event = "application.received",
                           .ref_no = ref,
                           .subject = "",
                           .body = ref,
                           .created_at = (int64_t)time(NULL)};
    return notify_outbox_put(db, &m);
}

static bool put_while_stopped(const struct server *other, const char *to)
{
    for (int attempt = 0; attempt < 10; attempt++) {
        kill(other->pid, SIGSTOP);
        struct db *db = NULL;
        enum err rc = db_open(srv.db_url, &db);
        if (rc == ERR_OK)
            rc = put_sms(db, to, to);
        db_close(db);
        if (rc == ERR_OK)
            return true;
        kill(other->pid, SIGCONT);
        nap_ms(300);
    }
    return false;
}

static long long logged_sent(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long long sum = 0;
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        const char *p = strstr(line, "notify: ");
        long long n = 0;
        if (p && sscanf(p, "notify: %lld sent,", &n) == 1)
            sum += n;
    }
    fclose(f);
    return sum;
}

static void test_two_instances_once(void)
{
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    char to[32];
    for (int i = 0; i < 30; i++) {
        snprintf(to, sizeof(to), "+628129990%04d", i);
        CHECK_INT(put_sms(db, to, to), ERR_OK);
    }
    db_close(db);
    char log_a[160], log_b[160];
    snprintf(log_a, sizeof(log_a), "%s/a.log", srv.dir);
    snprintf(log_b, sizeof(log_b), "%s/b.log", srv.dir);
    serve_env(true, true);
    struct server a = srv, b = srv;
    CHECK(server_serve_log(&a, NULL, log_a));
    CHECK(server_serve_log(&b, NULL, log_b));
    for (int t = 0; t < 600; t++) {
        int done = 0;
        for (int i = 0; i < 30; i++) {
            snprintf(to, sizeof(to), "+628129990%04d", i);
            done += sms_count(to, true) >= 1;
        }
        if (done == 30)
            break;
        nap_ms(100);
    }
    /* Each instance alone (the other stopped) delivers one more: both
     * really send. */
    CHECK(put_while_stopped(&b, "+6281299910001"));
    char text[256];
    CHECK(wait_sms("+6281299910001", NULL, text, sizeof(text)));
    kill(b.pid, SIGCONT);
    CHECK(put_while_stopped(&a, "+6281299910002"));
    CHECK(wait_sms("+6281299910002", NULL, text, sizeof(text)));
    kill(a.pid, SIGCONT);
    /* Exactly once each: one request per message, no repeat. */
    for (int i = 0; i < 30; i++) {
        snprintf(to, sizeof(to), "+628129990%04d", i);
        CHECK_INT(sms_count(to, false), 1);
    }
    CHECK_INT(sms_count("+6281299910001", false), 1);
    CHECK_INT(sms_count("+6281299910002", false), 1);
    /* The logs agree: 32 sent between them, some by each. */
    long long in_a = 0, in_b = 0;
    for (int t = 0; t < 150; t++) {
        in_a = logged_sent(log_a);
        in_b = logged_sent(log_b);
        if (in_a + in_b >= 32)
            break;
        nap_ms(200);
    }
    CHECK_INT(in_a + in_b, 32);
    CHECK(in_a >= 1);
    CHECK(in_b >= 1);
    CHECK_INT(server_halt(&a), 0);
    CHECK_INT(server_halt(&b), 0);
}

static void test_admin_outbox(void)
{
    CHECK(serve(true, true));
    /* Make one message (a reply to a text, under no consent that could
     * have been withdrawn since) look failed for good: refused (400). */
    struct db *db = NULL;
    CHECK_INT(db_open(srv.db_url, &db), ERR_OK);
    int64_t failed_id = 0;
    CHECK_INT(db_int(db, &failed_id,
                     "SELECT MIN(id) FROM notify_outbox WHERE state = 'sent'"
                     " AND channel = 'sms' AND subscription_id IS NULL AND"
                     " event = 'sms.reply' AND id > $1",
                     DV_INT(0)),
              ERR_OK);
    CHECK_INT(db_run(db, NULL,
                     "UPDATE notify_outbox SET state = 'failed', last_error ="
                     " 'gateway answered 400', last_error_at = 1 WHERE id = $1",
                     DV_INT(failed_id)),
              ERR_OK);
    db_close(db);
    struct client *c = client_new(&srv);
    CHECK_INT(client_login(c, "admin.hook", "Sandi-Uji-12345"), 303);
    struct resp r;
    client_get(c, "/admin/notifications?state=failed", &r);
    CHECK_INT(r.status, 200);
    CHECK_CONTAINS(body(&r), "gateway answered 400");
    CHECK_CONTAINS(body(&r), "+62812****");
    CHECK_NOT_CONTAINS(body(&r), "+6281234567001"); /* masked */
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char path[96], form[256];
    snprintf(path, sizeof(path), "/admin/notifications/%lld/resend",
             (long long)failed_id);
    snprintf(form, sizeof(form), "csrf=%s", csrf);
    client_post(c, path, form, &r);
    CHECK_INT(r.status, 303);
    resp_free(&r);
    /* Resent: sent again, with its own key (the receiver may drop it). */
    struct notify_msg m;
    bool sent = false;
    for (int i = 0; i < 300 && !sent; i++) {
        struct db *d2 = NULL;
        struct arena *a = arena_new();
        if (db_open(srv.db_url, &d2) == ERR_OK &&
            notify_outbox_get(d2, a, failed_id, &m) == ERR_OK)
            sent = m.state == NST_SENT;
        db_close(d2);
        arena_free(a);
        if (!sent)
            nap_ms(100);
    }
    CHECK(sent);
    /* Counters for monitoring. */
    char key_admin[64];
    key_for("admin.hook", key_admin);
    CHECK_INT(
        api(key_admin, "GET", "/api/v1/notifications/stats", NULL, NULL, &r),
        200);
    json_t *j = json_of(&r);
    json_t *sms = json_object_get(json_object_get(j, "channels"), "sms");
    CHECK(json_is_true(json_object_get(sms, "on")));
    CHECK(json_integer_value(
              json_object_get(json_object_get(sms, "counts"), "sent")) >= 30);
    json_decref(j);
    resp_free(&r);
    /* Others may not look. */
    CHECK_INT(
        api(key_front, "GET", "/api/v1/notifications/stats", NULL, NULL, &r),
        403);
    resp_free(&r);
    client_free(c);
    CHECK_INT(server_halt(&srv), 0);
}

/* ---- TLS to the mail server ---------------------------------------------- */

/* Run a shell command; true when it exits 0. */
static bool sh(const char *cmd)
{
    int rc = system(cmd);
    return rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0;
}

/* An e-mail to `to` for an application registered now, on a server whose
 * mail goes to smtp_url with SATUPINTU_SMTP_CA ca (NULL: unset). */
static struct intake mail_through(const char *smtp_url, const char *ca,
                                  const char *to)
{
    serve_env(false, true);
    setenv("SATUPINTU_SMTP_URL", smtp_url, 1);
    if (ca)
        setenv("SATUPINTU_SMTP_CA", ca, 1);
    else
        unsetenv("SATUPINTU_SMTP_CA");
    struct intake a = {0};
    CHECK(server_serve(&srv, NULL));
    a = intake("Surel Aman", "081234567300", to, "[\"email\"]", NULL);
    CHECK_INT(a.status, 201);
    return a;
}

/* The last error of the outbox row of ref_no, once a try has failed. */
static bool wait_mail_error(const char *ref_no, char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < 300; i++) {
        struct db *db = NULL;
        if (db_open(srv.db_url, &db) != ERR_OK)
            return false;
        struct arena *a = arena_new();
        struct notify_outbox_filter f = {-1, -1, ref_no, 10};
        struct notify_msg *items = NULL;
        size_t n = 0;
        bool got = false;
        if (notify_outbox_list(db, a, &f, &items, &n) == ERR_OK)
            for (size_t k = 0; k < n && !got; k++)
                if (items[k].attempts > 0 && items[k].last_error) {
                    snprintf(out, cap, "%s", items[k].last_error);
                    got = true;
                }
        arena_free(a);
        db_close(db);
        if (got)
            return true;
        nap_ms(100);
    }
    return false;
}

/*
 * STARTTLS and SMTPS against a server whose certificate a private
 * authority signed: delivered when SATUPINTU_SMTP_CA names it (aiosmtpd
 * refuses MAIL before STARTTLS, so a delivery proves TLS), refused when
 * another authority is named (the certificate is always verified), and an
 * unreadable SATUPINTU_SMTP_CA stops serve with a message.
 */
static void test_tls_mail(void)
{
    char dir[256], cmd[2048];
    snprintf(dir, sizeof(dir), "%s/tls", srv.dir);
    snprintf(
        cmd, sizeof(cmd),
        "set -e; mkdir -p %s; cd %s;"
        " openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj"
        " '/CN=Satu Pintu test CA' -keyout ca.key -out ca.pem 2>/dev/null;"
        " openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj"
        " '/CN=Another CA' -keyout other.key -out other.pem 2>/dev/null;"
        " openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1'"
        " -keyout mail.key -out mail.csr 2>/dev/null;"
        " printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext;"
        " openssl x509 -req -in mail.csr -CA ca.pem -CAkey ca.key"
        " -CAcreateserial -days 2 -extfile san.ext -out mail.pem 2>/dev/null",
        dir, dir);
    CHECK(sh(cmd));
    char cert[300], key[300], ca[300], other[300];
    snprintf(cert, sizeof(cert), "%s/mail.pem", dir);
    snprintf(key, sizeof(key), "%s/mail.key", dir);
    snprintf(ca, sizeof(ca), "%s/ca.pem", dir);
    snprintf(other, sizeof(other), "%s/other.pem", dir);

    char saved[sizeof(maildir)];
    memcpy(saved, maildir, sizeof(saved));
    char starttls_dir[sizeof(maildir)], smtps_dir[sizeof(maildir)], url[128];
    snprintf(starttls_dir, sizeof(starttls_dir), "%s/mail-starttls", srv.dir);
    snprintf(smtps_dir, sizeof(smtps_dir), "%s/mail-smtps", srv.dir);
    const char *starttls[] = {"--tlscert", cert, "--tlskey", key, NULL};
    const char *smtps[] = {"--smtpscert", cert, "--smtpskey", key, NULL};
    int p1 = 0, p2 = 0;
    pid_t pid1 = -1, pid2 = -1;
    CHECK(smtp_run(starttls_dir, starttls, &p1, &pid1));
    CHECK(smtp_run(smtps_dir, smtps, &p2, &pid2));
    struct buf all;
    buf_init(&all, 8u << 20);

    /* STARTTLS (required by this server) with the private authority. */
    snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", p1);
    struct intake a = mail_through(url, ca, "starttls@example.id");
    snprintf(maildir, sizeof(maildir), "%s", starttls_dir);
    CHECK(wait_mail("starttls@example.id", a.regno, &all));
    CHECK_INT(server_halt(&srv), 0);

    /* SMTPS: TLS from the first byte. */
    snprintf(url, sizeof(url), "smtps://127.0.0.1:%d", p2);
    a = mail_through(url, ca, "smtps@example.id");
    snprintf(maildir, sizeof(maildir), "%s", smtps_dir);
    CHECK(wait_mail("smtps@example.id", a.regno, &all));
    CHECK_INT(server_halt(&srv), 0);

    /* Another authority: the certificate does not verify, nothing is
     * delivered, and the outbox says why. */
    snprintf(url, sizeof(url), "smtps://127.0.0.1:%d", p2);
    a = mail_through(url, other, "palsu@example.id");
    char error[256];
    CHECK(wait_mail_error(a.regno, error, sizeof(error)));
    CHECK_CONTAINS(error, "certificate");
    mails(&all);
    CHECK_NOT_CONTAINS(buf_cstr(&all), "palsu@example.id");
    CHECK_INT(server_halt(&srv), 0);

    /* An unreadable file: serve refuses to start, saying which. */
    serve_env(false, true);
    setenv("SATUPINTU_SMTP_CA", "/nonexistent/ca.pem", 1);
    /* (timeout: should it start after all, the test fails, not hangs) */
    snprintf(cmd, sizeof(cmd),
             "timeout 60 %s serve --listen 127.0.0.1:0 --db %s > %s/serve.out"
             " 2>&1; test $? -eq 2 && grep -q SATUPINTU_SMTP_CA %s/serve.out",
             srv.bin, srv.db_url, dir, dir);
    CHECK(sh(cmd));
    unsetenv("SATUPINTU_SMTP_CA");

    memcpy(maildir, saved, sizeof(maildir));
    buf_free(&all);
    kill(pid1, SIGTERM);
    kill(pid2, SIGTERM);
    waitpid(pid1, NULL, 0);
    waitpid(pid2, NULL, 0);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    crypto_init();
    signal(SIGPIPE, SIG_IGN);
    if (!server_init(&srv, argv[1], NULL))
        return 1;
    if (!gw_start() || !smtp_start())
        return 1;
    user("loket", "front_office", "35.10.09");
    user("petugas.belakang", "back_office", "35.10.09");
    user("camat", "head_of_office", "35.10.09");
    key_for("loket", key_front);
    key_for("petugas.belakang", key_back);
    key_for("camat", key_head);
    RUN(test_channels_off);
    RUN(test_messages_delivered);
    RUN(test_english);
    RUN(test_retry_then_once);
    RUN(test_workflow_messages);
    RUN(test_webhooks);
    RUN(test_complaint_messages);
    RUN(test_inbound_sms);
    RUN(test_stop_link);
    RUN(test_rollback_sends_nothing);
    RUN(test_kill9_before_send);
    RUN(test_kill9_while_sending);
    RUN(test_two_instances_once);
    RUN(test_admin_outbox);
    RUN(test_tls_mail);
    atomic_store(&gw.stop, true);
    pthread_join(gw.tid, NULL);
    kill(smtp_pid, SIGTERM);
    waitpid(smtp_pid, NULL, 0);
    CHECK_INT(server_stop(&srv), -1);
    TEST_END();
}
