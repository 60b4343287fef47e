/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * pg_smoke.c: smoke test of the PostgreSQL driver (store/db_pg.c) alone.
 *
 * Calls db_pg_driver's functions directly, without db.c, against the URL
 * in argv[1] or $SP_TEST_PG_URL (start a throwaway cluster with
 * scripts/pg-cluster.sh). Exits 0 when every check passes, 1 when any
 * fails, 77 (skipped) when no URL is given. It must not be pointed at a
 * database that matters: it drops and creates tables pg_smoke_t and
 * pg_smoke_c.
 *
 * Build: gcc -std=c17 -Isrc $(pkg-config --cflags libpq) \
 *          tests/store/pg_smoke.c src/store/db_pg.c src/base/err.c -lpq
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

/* The driver under test. */
static const struct db_driver *const drv = &db_pg_driver;

/* Number of failed checks. */
static int n_failed;

/* Number of checks run. */
static int n_checks;

/* Record a check; print the failing expression and line. */
#define CHECK(cond)                                                            \
    do {                                                                       \
        n_checks++;                                                            \
        if (!(cond)) {                                                         \
            n_failed++;                                                        \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);    \
        }                                                                      \
    } while (0)

/* True when a and b are both NULL or equal strings. */
static int str_eq(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Insert (name, n) with RETURNING id; n < 0 binds NULL. Result of step. */
static enum err insert_row(struct db *db, const char *name, int64_t n,
                           int64_t *id)
{
    struct db_stmt *st = NULL;
    bool row = false;
    enum err rc;

    *id = 0;
    rc = drv->prepare(db,
                      "INSERT INTO pg_smoke_t(name, n) VALUES ($1, $2) "
                      "RETURNING id",
                      &st);
    if (rc != ERR_OK)
        return rc;
    drv->bind_text(st, 1, name, -1);
    if (n < 0)
        drv->bind_null(st, 2);
    else
        drv->bind_int(st, 2, n);
    rc = drv->step(st, &row);
    if (rc == ERR_OK && row)
        *id = drv->col_int(st, 0);
    if (rc == ERR_OK) {
        CHECK(row);
        CHECK(drv->changes(st) == 1);
        CHECK(drv->step(st, &row) == ERR_OK && !row);
    }
    drv->finalize(st);
    return rc;
}

/* Create the table and run every check against db. */
static void run_checks(struct db *db)
{
    struct db_stmt *st = NULL;
    bool row = false;
    int64_t id1 = 0, id2 = 0, id3 = 0, id = 0;
    int n_rows = 0;

    /* Multi-statement exec, as migrations use it. */
    CHECK(drv->exec(db,
                    "DROP TABLE IF EXISTS pg_smoke_t; "
                    "CREATE TABLE pg_smoke_t("
                    " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    " name TEXT UNIQUE, n BIGINT); "
                    "CREATE INDEX pg_smoke_t_n ON pg_smoke_t(n)") == ERR_OK);
    CHECK(drv->exec(db, "") == ERR_OK);
    CHECK(drv->exec(db, "SELECT no_such_column FROM pg_smoke_t") == ERR_DB);
    CHECK(strstr(drv->errmsg(db), "no_such_column") != NULL);

    /* Session settings from open(). */
    CHECK(drv->prepare(db,
                       "SELECT current_setting('TimeZone'), "
                       "current_setting('client_min_messages')",
                       &st) == ERR_OK);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(str_eq(drv->col_text(st, 0), "UTC"));
    CHECK(str_eq(drv->col_text(st, 1), "warning"));
    drv->finalize(st);

    /* Insert with $1/$2 and RETURNING id. */
    CHECK(insert_row(db, "alpha", 10, &id1) == ERR_OK);
    CHECK(insert_row(db, "beta", 20, &id2) == ERR_OK);
    CHECK(insert_row(db, "gamma", -1, &id3) == ERR_OK);
    CHECK(id1 > 0 && id2 > id1 && id3 > id2);

    /* Unique violation is ERR_CONFLICT, with a message, and not logged. */
    CHECK(insert_row(db, "alpha", 99, &id) == ERR_CONFLICT);
    CHECK(strstr(drv->errmsg(db), "pg_smoke_t_name_key") != NULL);

    /* Two placeholders, two rows, iterate. */
    CHECK(drv->prepare(db,
                       "SELECT name, n FROM pg_smoke_t "
                       "WHERE name = $1 OR n = $2 ORDER BY id",
                       &st) == ERR_OK);
    drv->bind_text(st, 1, "alphabet", 5); /* "alpha": len honoured */
    drv->bind_int(st, 2, 20);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(drv->col_count(st) == 2);
    CHECK(str_eq(drv->col_text(st, 0), "alpha"));
    CHECK(drv->col_int(st, 1) == 10);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(str_eq(drv->col_text(st, 0), "beta"));
    CHECK(drv->col_int(st, 1) == 20);
    CHECK(drv->step(st, &row) == ERR_OK && !row);
    CHECK(drv->step(st, &row) == ERR_OK && !row);
    drv->finalize(st);

    /* The same placeholder used twice: gamma by name, beta (20) by n. */
    CHECK(drv->prepare(db,
                       "SELECT count(*) FROM pg_smoke_t "
                       "WHERE name = $1 OR n = length($1) * 4",
                       &st) == ERR_OK);
    drv->bind_text(st, 1, "gamma", -1);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(drv->col_int(st, 0) == 2);
    drv->finalize(st);

    /* NULL handling: stored NULL reads back as NULL, 0 as an integer. */
    CHECK(drv->prepare(db, "SELECT n, name FROM pg_smoke_t WHERE id = $1",
                       &st) == ERR_OK);
    drv->bind_int(st, 1, id3);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(drv->col_is_null(st, 0));
    CHECK(drv->col_text(st, 0) == NULL);
    CHECK(drv->col_int(st, 0) == 0);
    CHECK(!drv->col_is_null(st, 1));
    CHECK(str_eq(drv->col_text(st, 1), "gamma"));
    drv->finalize(st);

    /* A bound NULL, and a skipped slot ($1 unbound) is NULL too. */
    CHECK(drv->prepare(db, "SELECT $1::text IS NULL, $2::text IS NULL, $3",
                       &st) == ERR_OK);
    drv->bind_null(st, 2);
    drv->bind_text(st, 3, "x", -1);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(str_eq(drv->col_text(st, 0), "t"));
    CHECK(str_eq(drv->col_text(st, 1), "t"));
    CHECK(str_eq(drv->col_text(st, 2), "x"));
    drv->finalize(st);

    /* Rebinding a slot replaces the value; UPDATE counts changes. */
    CHECK(drv->prepare(db,
                       "UPDATE pg_smoke_t SET n = $1 WHERE n IS NULL "
                       "OR n > $2",
                       &st) == ERR_OK);
    drv->bind_int(st, 1, 7);
    drv->bind_int(st, 2, 0);
    drv->bind_int(st, 2, 15); /* only beta (20) and gamma (NULL) */
    CHECK(drv->step(st, &row) == ERR_OK && !row);
    CHECK(drv->changes(st) == 2);
    drv->finalize(st);

    /* Extreme integers round-trip through text. */
    CHECK(drv->prepare(db, "SELECT $1::bigint, $2::bigint", &st) == ERR_OK);
    drv->bind_int(st, 1, INT64_MIN);
    drv->bind_int(st, 2, INT64_MAX);
    CHECK(drv->step(st, &row) == ERR_OK && row);
    CHECK(drv->col_int(st, 0) == INT64_MIN);
    CHECK(drv->col_int(st, 1) == INT64_MAX);
    drv->finalize(st);

    /* Other integrity violations are conflicts too. */
    CHECK(drv->exec(db, "ALTER TABLE pg_smoke_t ADD CHECK (n >= 0)") == ERR_OK);
    CHECK(insert_row(db, "delta", 0, &id) == ERR_OK);
    CHECK(drv->prepare(db, "UPDATE pg_smoke_t SET n = -1 WHERE id = $1", &st) ==
          ERR_OK);
    drv->bind_int(st, 1, id);
    CHECK(drv->step(st, &row) == ERR_CONFLICT);
    CHECK(drv->step(st, &row) == ERR_CONFLICT); /* the error repeats */
    CHECK(drv->changes(st) == 0);
    drv->finalize(st);
    CHECK(drv->prepare(db, "INSERT INTO pg_smoke_t(name, n) VALUES ($1, $2)",
                       &st) == ERR_OK);
    drv->bind_text(st, 1, "eps", -1);
    drv->bind_int(st, 2, 1);
    CHECK(drv->step(st, &row) == ERR_OK);
    drv->finalize(st);

    /* Transactions are plain SQL; a rollback undoes the insert. */
    CHECK(drv->exec(db, "BEGIN") == ERR_OK);
    CHECK(insert_row(db, "zeta", 1, &id) == ERR_OK);
    CHECK(drv->exec(db, "ROLLBACK") == ERR_OK);
    CHECK(drv->prepare(db, "SELECT name FROM pg_smoke_t ORDER BY id", &st) ==
          ERR_OK);
    while (drv->step(st, &row) == ERR_OK && row)
        n_rows++;
    CHECK(n_rows == 5);
    drv->finalize(st);

    /* A syntax error is ERR_DB, reported at step (logged to stderr). */
    CHECK(drv->prepare(db, "SELEC 1", &st) == ERR_OK);
    CHECK(drv->step(st, &row) == ERR_DB && !row);
    CHECK(strstr(drv->errmsg(db), "syntax error") != NULL);
    drv->finalize(st);

    /* Foreign key and NOT NULL violations are conflicts. */
    CHECK(drv->exec(db, "CREATE TABLE pg_smoke_c("
                        " t_id BIGINT NOT NULL REFERENCES pg_smoke_t(id))") ==
          ERR_OK);
    CHECK(drv->prepare(db, "INSERT INTO pg_smoke_c(t_id) VALUES ($1)", &st) ==
          ERR_OK);
    drv->bind_int(st, 1, id1 + 1000000);
    CHECK(drv->step(st, &row) == ERR_CONFLICT);
    CHECK(strstr(drv->errmsg(db), "foreign key") != NULL);
    drv->finalize(st);
    CHECK(drv->prepare(db, "INSERT INTO pg_smoke_c(t_id) VALUES ($1)", &st) ==
          ERR_OK);
    drv->bind_null(st, 1);
    CHECK(drv->step(st, &row) == ERR_CONFLICT);
    drv->finalize(st);
    CHECK(drv->exec(db, "INSERT INTO pg_smoke_c VALUES (NULL)") ==
          ERR_CONFLICT);
    CHECK(drv->exec(db, "DROP TABLE pg_smoke_c") == ERR_OK);
}

/* Lock timeouts and serialization failures are ERR_BUSY (two sessions). */
static void run_busy_checks(struct db *a, struct db *b)
{
    struct db_stmt *st = NULL;
    bool row = false;

    /* b waits for a's row lock and gives up: 55P03 lock_not_available. */
    CHECK(drv->exec(a,
                    "BEGIN; "
                    "UPDATE pg_smoke_t SET n = n + 1 WHERE name = 'alpha'") ==
          ERR_OK);
    CHECK(drv->exec(b, "SET lock_timeout = '100ms'") == ERR_OK);
    CHECK(drv->prepare(b, "UPDATE pg_smoke_t SET n = 0 WHERE name = $1", &st) ==
          ERR_OK);
    drv->bind_text(st, 1, "alpha", -1);
    CHECK(drv->step(st, &row) == ERR_BUSY);
    CHECK(strstr(drv->errmsg(b), "lock timeout") != NULL);
    drv->finalize(st);
    CHECK(drv->exec(a, "COMMIT") == ERR_OK);

    /* a's snapshot predates b's update of the row: 40001. */
    CHECK(drv->exec(a, "BEGIN ISOLATION LEVEL REPEATABLE READ; "
                       "SELECT count(*) FROM pg_smoke_t") == ERR_OK);
    CHECK(drv->exec(b, "UPDATE pg_smoke_t SET n = 3 WHERE name = 'beta'") ==
          ERR_OK);
    CHECK(drv->prepare(a, "UPDATE pg_smoke_t SET n = 4 WHERE name = $1", &st) ==
          ERR_OK);
    drv->bind_text(st, 1, "beta", -1);
    CHECK(drv->step(st, &row) == ERR_BUSY);
    drv->finalize(st);
    CHECK(drv->exec(a, "ROLLBACK") == ERR_OK);
}

int main(int argc, char **argv)
{
    const char *url = argc > 1 ? argv[1] : getenv("SP_TEST_PG_URL");
    struct db *db = NULL, *db2 = NULL;

    if (url == NULL || url[0] == '\0') {
        fprintf(stderr, "pg_smoke: no URL (argv[1] or SP_TEST_PG_URL): "
                        "skipped\n");
        return 77;
    }

    /* A refused connection is ERR_DB with *out NULL. */
    db = (struct db *)1;
    CHECK(drv->open("postgresql://postgres@127.0.0.1:1/none", &db) == ERR_DB);
    CHECK(db == NULL);

    if (drv->open(url, &db) != ERR_OK) {
        fprintf(stderr, "pg_smoke: cannot connect\n");
        return 1;
    }
    CHECK(db->drv == drv);
    run_checks(db);
    if (drv->open(url, &db2) != ERR_OK) {
        fprintf(stderr, "pg_smoke: cannot open a second connection\n");
        return 1;
    }
    run_busy_checks(db, db2);
    drv->close(db2);
    CHECK(drv->exec(db, "DROP TABLE pg_smoke_t") == ERR_OK);
    drv->close(db);

    fprintf(stderr, "pg_smoke: %d/%d checks passed\n", n_checks - n_failed,
            n_checks);
    return n_failed == 0 ? 0 : 1;
}
