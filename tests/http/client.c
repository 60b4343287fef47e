/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* client.c: the HTTP test fixture (see client.h). */
#include "client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct client {
    CURL *curl;             /* one handle: keeps cookies and connections */
    const struct server *s; /* the server it talks to */
};

static bool run_capture(const char *const *argv, struct buf *out, int *status)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        char *args[32];
        size_t n = 0;
        for (; argv[n] && n < 31; n++)
            args[n] = strdup(argv[n]);
        args[n] = NULL;
        execv(args[0], args);
        _exit(127);
    }
    close(fds[1]);
    char chunk[4096];
    ssize_t n;
    while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
        if (out)
            buf_append(out, chunk, (size_t)n);
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
    return true;
}

int server_cli(struct server *s, struct buf *out, const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = s->bin;
    for (size_t i = 0; args[i] && n < 28; i++)
        argv[n++] = args[i];
    argv[n++] = "--db";
    argv[n++] = s->db_url;
    argv[n] = NULL;
    int status = -1;
    run_capture(argv, out, &status);
    return status;
}

bool server_user_add(struct server *s, const char *login, const char *role,
                     const char *office, const char *password)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "echo '%s' | %s user add %s --role %s %s %s --password-stdin"
             " --db %s >/dev/null",
             password, s->bin, login, role, office ? "--office" : "",
             office ? office : "", s->db_url);
    return system(cmd) == 0;
}

bool server_apikey(struct server *s, const char *login, char out[64])
{
    struct buf b;
    buf_init(&b, 4096);
    const char *args[] = {"apikey", "create", "--user", login, NULL};
    bool ok = server_cli(s, &b, args) == 0;
    snprintf(out, 64, "%.51s", buf_cstr(&b));
    buf_free(&b);
    return ok;
}

bool server_start(struct server *s, const char *bin)
{
    return server_start_with(s, bin, NULL);
}

bool server_start_with(struct server *s, const char *bin,
                       const char *const *extra)
{
    return server_init(s, bin, NULL) && server_serve(s, extra);
}

bool server_init(struct server *s, const char *bin, const char *db_url)
{
    memset(s, 0, sizeof(*s));
    s->bin = bin;
    snprintf(s->dir, sizeof(s->dir), "/tmp/sp-http-XXXXXX");
    if (!mkdtemp(s->dir))
        return false;
    if (db_url)
        snprintf(s->db_url, sizeof(s->db_url), "%s", db_url);
    else
        snprintf(s->db_url, sizeof(s->db_url), "sqlite:%s/test.db", s->dir);
    struct buf out;
    buf_init(&out, 1 << 20);
    const char *init[] = {"init", NULL};
    int status = server_cli(s, &out, init);
    const char *pw = strstr(buf_cstr(&out), "one-time password: ");
    if (status != 0 || !pw) {
        fprintf(stderr, "server_init: init failed (%d): %s\n", status,
                buf_cstr(&out));
        buf_free(&out);
        return false;
    }
    sscanf(pw + strlen("one-time password: "), "%63s", s->admin_password);
    buf_free(&out);
    return true;
}

bool server_serve(struct server *s, const char *const *extra)
{
    return server_serve_log(s, extra, NULL);
}

bool server_serve_log(struct server *s, const char *const *extra,
                      const char *log_path)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    s->pid = fork();
    if (s->pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        const char *path =
            log_path ? log_path : (s->log_path[0] ? s->log_path : NULL);
        if (path) {
            int log = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (log < 0)
                _exit(126);
            dup2(log, 2);
            close(log);
        }
        char *args[32] = {strdup(s->bin),      strdup("serve"),
                          strdup("--db"),      strdup(s->db_url),
                          strdup("--listen"),  strdup("127.0.0.1:0"),
                          strdup("--threads"), strdup("4")};
        size_t n = 8;
        for (size_t i = 0; extra && extra[i] && n < 31; i++)
            args[n++] = strdup(extra[i]);
        args[n] = NULL;
        execv(s->bin, args);
        _exit(127);
    }
    close(fds[1]);
    FILE *f = fdopen(fds[0], "r");
    char line[256];
    bool ok = false;
    while (fgets(line, sizeof(line), f)) {
        const char *at = strstr(line, "http://127.0.0.1:");
        if (at) {
            s->port = atoi(at + strlen("http://127.0.0.1:"));
            ok = s->port > 0;
            break;
        }
    }
    fclose(f);
    snprintf(s->url, sizeof(s->url), "http://127.0.0.1:%d", s->port);
    if (!ok)
        fprintf(stderr, "server_serve: serve did not report a port\n");
    return ok;
}

/* The whole file at path, NUL-terminated (caller frees), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b;
    buf_init(&b, 64u << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    size_t len = 0;
    return buf_steal(&b, &len);
}

int file_count(const char *path, const char *needle)
{
    char *text = slurp(path);
    int count = 0;
    const char *p = text ? strstr(text, needle) : NULL;
    while (p) {
        count++;
        p = strstr(p + strlen(needle), needle);
    }
    free(text);
    return count;
}

bool file_wait_for(const char *path, const char *needle, int seconds)
{
    for (int i = 0; i < seconds * 20; i++) {
        if (file_count(path, needle) > 0)
            return true;
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "file_wait_for: \"%s\" not in %s after %d s\n", needle,
            path, seconds);
    return false;
}

void server_kill9(struct server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGKILL);
        waitpid(s->pid, NULL, 0);
        s->pid = 0;
    }
}

int server_halt(struct server *s)
{
    int status = -1;
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int st = 0;
        waitpid(s->pid, &st, 0);
        status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        s->pid = 0;
    }
    return status;
}

int server_stop(struct server *s)
{
    int status = server_halt(s);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "server_stop: could not remove %s\n", s->dir);
    return status;
}

struct client *client_new(const struct server *s)
{
    struct client *c = calloc(1, sizeof(*c));
    c->s = s;
    c->curl = curl_easy_init();
    curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
    return c;
}

void client_free(struct client *c)
{
    if (!c)
        return;
    curl_easy_cleanup(c->curl);
    free(c);
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    buf_append(ud, p, size * n);
    return size * n;
}

bool client_req(struct client *c, const char *method, const char *path,
                const char *body, const char *content_type, const char *header,
                struct resp *r)
{
    memset(r, 0, sizeof(*r));
    buf_init(&r->body, 64u << 20);
    buf_init(&r->headers, 1u << 20);
    char url[8192];
    snprintf(url, sizeof(url), "%s%s", c->s->url, path);
    CURL *h = c->curl;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(h, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    if (body) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    struct curl_slist *hl = NULL;
    char ct[256];
    if (body) {
        snprintf(ct, sizeof(ct), "Content-Type: %s",
                 content_type ? content_type
                              : "application/x-www-form-urlencoded");
        hl = curl_slist_append(hl, ct);
    }
    /* Several headers may come in one string, separated by newlines. */
    for (const char *line = header; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char one[1024];
        if (len < sizeof(one)) {
            memcpy(one, line, len);
            one[len] = '\0';
            hl = curl_slist_append(hl, one);
        }
        line = nl ? nl + 1 : line + len;
    }
    hl = curl_slist_append(hl, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->headers);
    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(hl);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
    if (rc != CURLE_OK) {
        fprintf(stderr, "client: %s %s: %s\n", method, path,
                curl_easy_strerror(rc));
        r->status = -1;
        return false;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
    return true;
}

bool client_get(struct client *c, const char *path, struct resp *r)
{
    return client_req(c, "GET", path, NULL, NULL, NULL, r);
}

bool client_post(struct client *c, const char *path, const char *form,
                 struct resp *r)
{
    return client_req(c, "POST", path, form, NULL, NULL, r);
}

long client_api(struct server *s, const char *key, const char *method,
                const char *path, const char *json, struct resp *r)
{
    struct client *c = client_new(s);
    char auth[128];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key ? key : "");
    client_req(c, method, path, json, json ? "application/json" : NULL,
               key ? auth : NULL, r);
    client_free(c);
    return r->status;
}

void resp_free(struct resp *r)
{
    buf_free(&r->body);
    buf_free(&r->headers);
}

const char *resp_header(const struct resp *r, const char *name)
{
    static _Thread_local char value[4096];
    const char *p = buf_cstr(&r->headers);
    size_t n = strlen(name);
    while (p && *p) {
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *v = p + n + 1;
            while (*v == ' ')
                v++;
            size_t len = strcspn(v, "\r\n");
            if (len >= sizeof(value))
                len = sizeof(value) - 1;
            memcpy(value, v, len);
            value[len] = '\0';
            return value;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

const char *resp_csrf(const struct resp *r)
{
    static _Thread_local char value[128];
    value[0] = '\0';
    const char *p = strstr(buf_cstr(&r->body), "name=\"csrf\" value=\"");
    if (p) {
        p += strlen("name=\"csrf\" value=\"");
        size_t len = strcspn(p, "\"");
        if (len < sizeof(value)) {
            memcpy(value, p, len);
            value[len] = '\0';
        }
    }
    return value;
}

const char *urlenc(const char *s)
{
    static _Thread_local char out[65536];
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s;
         *p && o + 4 < sizeof(out); p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.') {
            out[o++] = (char)*p;
        } else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
    return out;
}

long client_login(struct client *c, const char *login, const char *password)
{
    struct resp r;
    client_get(c, "/login", &r);
    char csrf[128];
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    char form[1024];
    int n =
        snprintf(form, sizeof(form), "csrf=%s&login=%s", csrf, urlenc(login));
    snprintf(form + n, sizeof(form) - (size_t)n, "&password=%s",
             urlenc(password));
    client_post(c, "/login", form, &r);
    long status = r.status;
    resp_free(&r);
    return status;
}

bool client_req_bytes(struct client *c, const char *method, const char *path,
                      const void *body, size_t len, const char *content_type,
                      struct resp *r)
{
    memset(r, 0, sizeof(*r));
    buf_init(&r->body, 64u << 20);
    buf_init(&r->headers, 1u << 20);
    char url[8192];
    snprintf(url, sizeof(url), "%s%s", c->s->url, path);
    CURL *h = c->curl;
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOBODY, 0L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
    char ct[256];
    snprintf(ct, sizeof(ct), "Content-Type: %s", content_type);
    struct curl_slist *hl = curl_slist_append(NULL, ct);
    hl = curl_slist_append(hl, "Expect:");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->headers);
    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(hl);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
    if (rc != CURLE_OK) {
        r->status = -1;
        return false;
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
    return true;
}

void server_log_to(struct server *s, const char *name)
{
    snprintf(s->log_path, sizeof(s->log_path), "%s/%s", s->dir, name);
}

int server_wait_exit(struct server *s, int wait_s)
{
    for (int i = 0; s->pid > 0 && i <= wait_s * 20; i++) {
        int st = 0;
        if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
            s->pid = 0;
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        usleep(50 * 1000);
    }
    return -1;
}

long server_mem_kib(const struct server *s, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof(path), "/proc/%d/status", (int)s->pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    long kib = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            kib = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return kib;
}

bool read_file(const char *path, struct buf *out)
{
    buf_reset(out);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    return true;
}

int raw_connect(const struct server *s, const char *from)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (from) {
        struct sockaddr_in src = {.sin_family = AF_INET};
        inet_pton(AF_INET, from, &src.sin_addr);
        if (bind(fd, (struct sockaddr *)&src, sizeof(src)) != 0) {
            close(fd);
            return -1;
        }
    }
    struct sockaddr_in dst = {.sin_family = AF_INET,
                              .sin_port = htons((uint16_t)s->port)};
    inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

bool raw_read_all(int fd, struct buf *out, int wait_s)
{
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left_ms = (long)wait_s * 1000 - (now.tv_sec - t0.tv_sec) * 1000 -
                       (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (left_ms <= 0)
            return false;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, (int)left_ms) <= 0)
            continue;
        char chunk[65536];
        ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            return true;
        if (n > 0)
            buf_append(out, chunk, (size_t)n);
    }
}

bool raw_read_until(int fd, struct buf *out, const char *needle, int wait_s)
{
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (!strstr(buf_cstr(out), needle)) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        long left = (long)wait_s * 1000 - (now.tv_sec - t0.tv_sec) * 1000 -
                    (now.tv_nsec - t0.tv_nsec) / 1000000;
        if (left <= 0)
            return false;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, (int)left) <= 0)
            continue;
        char chunk[8192];
        ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
            return strstr(buf_cstr(out), needle) != NULL;
        if (n > 0)
            buf_append(out, chunk, (size_t)n);
    }
    return true;
}

int raw_get(const struct server *s, const char *path)
{
    int fd = raw_connect(s, NULL);
    if (fd < 0)
        return -1;
    char req[512];
    int n = snprintf(req, sizeof(req),
                     "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Accept: text/event-stream\r\n\r\n",
                     path);
    if (n <= 0 || (size_t)n >= sizeof(req) ||
        send(fd, req, (size_t)n, 0) != n) {
        close(fd);
        return -1;
    }
    return fd;
}

bool raw_request(const struct server *s, const void *req, size_t len,
                 struct buf *out, int wait_s, bool *closed)
{
    *closed = false;
    int fd = raw_connect(s, NULL);
    if (fd < 0)
        return false;
    const char *p = req;
    size_t sent = 0;
    while (sent < len) {
        ssize_t n = send(fd, p + sent, len - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += (size_t)n;
    }
    *closed = raw_read_all(fd, out, wait_s);
    close(fd);
    return true;
}

size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = hay; len && (p = strstr(p, needle)); p += len)
        n++;
    return n;
}

const char *resp_body(const struct resp *r)
{
    return buf_cstr(&r->body);
}

json_t *resp_json(const struct resp *r)
{
    json_error_t e;
    return json_loads(buf_cstr(&r->body), 0, &e);
}

const char *client_csrf_at(struct client *c, const char *path)
{
    static _Thread_local char csrf[128];
    struct resp r;
    client_get(c, path, &r);
    snprintf(csrf, sizeof(csrf), "%s", resp_csrf(&r));
    resp_free(&r);
    return csrf;
}
