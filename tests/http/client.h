/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * client.h: the HTTP test fixture: the real satupintu binary on a free
 * port with a temporary SQLite database, and a libcurl client with its
 * own cookie jar (one per simulated browser).
 */
#ifndef SP_TEST_CLIENT_H
#define SP_TEST_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <jansson.h>

#include "base/buf.h"

struct server {
    const char *bin;         /* path of the satupintu binary */
    pid_t pid;               /* serve process */
    int port;                /* bound port */
    char dir[64];            /* temporary directory */
    char db_url[128];        /* sqlite:DIR/test.db */
    char url[64];            /* http://127.0.0.1:PORT */
    char admin_password[64]; /* one-time password printed by init */
    char log_path[128];      /* when set: serve's standard error (its
                                log) is appended to this file */
};

/* init + serve; false (with a message) when the server did not start. */
bool server_start(struct server *s, const char *bin);
/* The same with extra serve arguments (NULL-terminated list). */
bool server_start_with(struct server *s, const char *bin,
                       const char *const *extra);
/* Create the database (db_url NULL: a temporary SQLite file) with init. */
bool server_init(struct server *s, const char *bin, const char *db_url);
/* Start serve on s's database (again, or a second instance). */
bool server_serve(struct server *s, const char *const *extra);
/* The same with the server's log (its stderr) appended to log_path. */
bool server_serve_log(struct server *s, const char *const *extra,
                      const char *log_path);
/*
 * Wait until the file at path contains needle: true as soon as it does,
 * false after about `seconds` seconds (a generous bound, not a timing).
 */
bool file_wait_for(const char *path, const char *needle, int seconds);
/* How many times needle occurs in the file at path (0 if unreadable). */
int file_count(const char *path, const char *needle);
/* kill -9 the serve process (a crash). */
void server_kill9(struct server *s);
/* SIGTERM and wait, keeping the directory; the exit status. */
int server_halt(struct server *s);
/* SIGTERM, wait; returns the exit status (0 = clean). Removes the dir. */
int server_stop(struct server *s);
/* From the next server_serve() on, append serve's log to DIR/name
 * (s->log_path). */
void server_log_to(struct server *s, const char *name);
/* The exit status of a serve that ends by itself within wait_s seconds,
 * or -1 while it still runs. */
int server_wait_exit(struct server *s, int wait_s);
/* A field of serve's /proc/PID/status in KiB ("VmRSS", "VmHWM"), or -1. */
long server_mem_kib(const struct server *s, const char *field);
/* The whole file at path into out (cleared first); false if unreadable. */
bool read_file(const char *path, struct buf *out);

/* Raw sockets, for what curl would normalise. */
/* A TCP connection to the server from source address from ("127.0.0.2";
 * NULL: the default), blocking; -1 on failure. */
int raw_connect(const struct server *s, const char *from);
/* Read fd into out until the peer closes it (true) or wait_s seconds
 * pass (false). */
bool raw_read_all(int fd, struct buf *out, int wait_s);
/* Read fd into out until out holds needle (true), or the peer closes or
 * wait_s seconds pass (false): a generous bound for a condition, never a
 * measured speed. */
bool raw_read_until(int fd, struct buf *out, const char *needle, int wait_s);
/* GET path on a new raw connection (for an event stream); fd or -1. */
int raw_get(const struct server *s, const char *path);
/* Send len bytes of req on a new connection from 127.0.0.1 and read the
 * answer as raw_read_all(); *closed tells whether the server closed the
 * connection. False when the connection failed. */
bool raw_request(const struct server *s, const void *req, size_t len,
                 struct buf *out, int wait_s, bool *closed);
/* Occurrences of needle in the NUL-terminated hay. */
size_t count_of(const char *hay, const char *needle);

/* Run "satupintu ARGS..." against the server's database; stdout into out
 * (may be NULL); returns the exit status. args is NULL-terminated. */
int server_cli(struct server *s, struct buf *out, const char *const *args);
/* A user of role (bound to office, or NULL) with password, made by the
 * CLI; true when it was made. */
bool server_user_add(struct server *s, const char *login, const char *role,
                     const char *office, const char *password);
/* A new API key of login's into out[64]; true when it was made. */
bool server_apikey(struct server *s, const char *login, char out[64]);

struct resp {
    long status;        /* HTTP status */
    struct buf body;    /* body */
    struct buf headers; /* raw header block */
};

struct client;

struct client *client_new(const struct server *s);
void client_free(struct client *c);
/* method "GET"/"POST"/...; body may be NULL; header (may be NULL) is one
 * header line, or several separated by newlines. */
bool client_req(struct client *c, const char *method, const char *path,
                const char *body, const char *content_type, const char *header,
                struct resp *r);
bool client_get(struct client *c, const char *path, struct resp *r);
/* A request with a body of exact bytes (may hold NULs). */
bool client_req_bytes(struct client *c, const char *method, const char *path,
                      const void *body, size_t len, const char *content_type,
                      struct resp *r);
/* POST an urlencoded form. */
bool client_post(struct client *c, const char *path, const char *form,
                 struct resp *r);
void resp_free(struct resp *r);
/* One API request on a new connection to s with the bearer key (NULL:
 * none) and a JSON body (NULL: none); the status. */
long client_api(struct server *s, const char *key, const char *method,
                const char *path, const char *json, struct resp *r);
/* The value of a response header (case-insensitive), a copy kept per
 * thread until the next call; or NULL. */
const char *resp_header(const struct resp *r, const char *name);
/* The csrf hidden field's value in an HTML body (a per-thread copy), or "". */
const char *resp_csrf(const struct resp *r);
/* The body as text, and parsed as JSON (NULL if it is not; json_decref
 * it). */
const char *resp_body(const struct resp *r);
json_t *resp_json(const struct resp *r);
/* URL-encode s into a per-thread buffer (for building forms). */
const char *urlenc(const char *s);
/*
 * Sign in: GET /login, POST the form. Returns the final status after
 * following no redirects (303 on success).
 */
long client_login(struct client *c, const char *login, const char *password);
/* The csrf token of the form c gets at path (a per-thread copy). */
const char *client_csrf_at(struct client *c, const char *path);

#endif
