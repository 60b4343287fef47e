/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * metrics.c: GET /metrics, the counters of base/metrics.h and SQLite's
 * writer (its group COMMITs) in the Prometheus text format, for the
 * monitoring only: answered to client
 * addresses in SATUPINTU_METRICS_ALLOW (default loopback), or to a
 * scraper that sends "Authorization: Bearer TOKEN" with the token of
 * SATUPINTU_METRICS_TOKEN. The token is a secret like any other: compared
 * in constant time (as SHA-256 digests of equal length), a wrong one
 * counts against the address (svc/guard.h) and an address that failed
 * too often is refused (429) even with the right one. The client address
 * is the one the server believes (the first X-Forwarded-For entry behind
 * a trusted proxy), so nginx must not pass /metrics on
 * (docs/OPERATIONS.md, "Monitoring").
 */
#include <string.h>

#include "app/app.h"
#include "base/crypto.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/netaddr.h"
#include "store/db.h"
#include "svc/guard.h"

/* Bytes of the Prometheus text at most (a few hundred routes). */
#define METRICS_MAX_TEXT (8u * 1024 * 1024)

/* The token in the request equals the configured one (constant time). */
static bool token_ok(const char *sent, const char *want)
{
    char a[65], b[65];
    crypto_sha256_hex(sent, a);
    crypto_sha256_hex(want, b);
    return crypto_str_equal(a, b);
}

/* SQLite's writer: its group COMMITs (their size is the ratio). */
static void writer_metrics(struct db *db, struct buf *out)
{
    if (db_kind(db) != DB_SQLITE)
        return;
    struct db_writer_stats st;
    db_writer_stats(db, &st);
    const struct {
        const char *name; /* the metric */
        const char *help; /* its # HELP line */
        uint64_t value;   /* now */
    } rows[] = {
        {"satupintu_db_groups_total",
         "SQLite: group COMMITs that held a transaction.", st.groups},
        {"satupintu_db_group_transactions_total",
         "SQLite: transactions committed in those groups.", st.transactions},
        {"satupintu_db_group_failed_total",
         "SQLite: transactions whose group failed.", st.failed},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        metrics_render_counter(out, rows[i].name, rows[i].help, rows[i].value);
}

void h_metrics(struct request *req, struct response *res)
{
    const struct app *app = app_of(req);
    bool allowed = netaddr_in_list(req->remote_addr, app->metrics_allow);
    const char *auth = req->authorization;
    if (!allowed && app->metrics_token && auth &&
        strncmp(auth, "Bearer ", 7) == 0) {
        if (!req->db) {
            app_fail(req, res, ERR_BUSY); /* cannot count a failure */
            return;
        }
        struct svc_ctx c = app_svc(req);
        bool blocked = false;
        enum err rc = guard_addr_blocked(&c, &blocked);
        if (rc != ERR_OK) {
            app_fail(req, res, rc);
            return;
        }
        if (blocked) {
            res_header(req, res, "Retry-After", "3600");
            app_fail(req, res, ERR_THROTTLED);
            return;
        }
        if (!token_ok(auth + 7, app->metrics_token)) {
            if (guard_failed(&c, NULL) != ERR_OK)
                log_warn("%s could not count a failed metrics token",
                         req->request_id);
            res_header(req, res, "WWW-Authenticate", "Bearer");
            app_error(req, res, 401, "unauthorized", "Token metrik salah.",
                      "Wrong metrics token.");
            return;
        }
        allowed = true;
    }
    if (!allowed) {
        app_error(req, res, 403, "forbidden",
                  "Metrik hanya untuk pemantauan server.",
                  "The metrics are for the server's monitoring only.");
        return;
    }
    struct buf text;
    buf_init(&text, METRICS_MAX_TEXT);
    enum err rc = metrics_render(&text);
    if (rc != ERR_OK) {
        buf_free(&text);
        app_fail(req, res, rc);
        return;
    }
    if (req->db)
        writer_metrics(req->db, &text);
    res->status = 200;
    res->content_type = "text/plain; version=0.0.4; charset=utf-8";
    buf_append(&res->body, text.data ? text.data : "", text.len);
    buf_free(&text);
}
