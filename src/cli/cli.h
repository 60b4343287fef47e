/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cli.h: the command line of satupintu (server and admin tool). Each
 * subcommand is a function taking its own arguments (argv[0] is the
 * subcommand's name) and returning the process exit status.
 */
#ifndef SP_CLI_CLI_H
#define SP_CLI_CLI_H

#include <stdbool.h>

#include "base/err.h"

struct db;

/*
 * Settings shared by subcommands: flags override environment variables.
 * The limits are serve's (http/server.h, SECURITY.md rule 30); a limit
 * of 0 switches it off where the range allows 0.
 */
struct cli_settings {
    const char *db_url; /* --db, SATUPINTU_DB, default sqlite:satupintu.db */
    const char *listen; /* --listen, SATUPINTU_LISTEN, 127.0.0.1:8080 */
    unsigned threads;   /* --threads, SATUPINTU_THREADS, 16 (1-256) */
    bool trust_proxy;   /* --trust-proxy, SATUPINTU_TRUST_PROXY=1 */
    const char *static_dir; /* --static-dir, SATUPINTU_STATIC_DIR, or NULL */
    bool reuse_port; /* --reuse-port, SATUPINTU_REUSE_PORT=1: share the port
                        with other instances (else a port in use is an
                        error) */
    unsigned max_connections;   /* --max-connections,
                                   SATUPINTU_MAX_CONNECTIONS, 1000 */
    unsigned max_conn_per_addr; /* --max-conn-per-addr,
                                   SATUPINTU_MAX_CONN_PER_ADDR, 64; 0 (off)
                                   by default with --trust-proxy */
    unsigned idle_timeout;      /* --idle-timeout, SATUPINTU_IDLE_TIMEOUT,
                                   30 s */
    unsigned header_timeout;    /* --header-timeout,
                                   SATUPINTU_HEADER_TIMEOUT, 10 s */
    unsigned body_timeout;      /* --body-timeout, SATUPINTU_BODY_TIMEOUT,
                                   30 s ... */
    unsigned body_min_rate;     /* ... plus 1 s per this many bytes:
                                   --body-min-rate, SATUPINTU_BODY_MIN_RATE,
                                   1024 bytes/s */
    unsigned body_budget_mib;   /* --body-budget, SATUPINTU_BODY_BUDGET,
                                   64 MiB of bodies in flight */
    unsigned report_threads;    /* --report-threads,
                                   SATUPINTU_REPORT_THREADS, 0: twice the
                                   online CPUs (http/server.h) */
    unsigned write_threads;     /* --write-threads, SATUPINTU_WRITE_THREADS,
                                   threads that handle POSTs; 0: 32 on
                                   SQLite, 8 on PostgreSQL */
    unsigned commit_delay_ms;   /* --commit-delay, SATUPINTU_COMMIT_DELAY_MS,
                                   0: how long SQLite's group committer
                                   waits for more transactions */
    unsigned sqlite_mmap_mib;   /* --sqlite-mmap, SATUPINTU_SQLITE_MMAP_MIB,
                                   0 (off): MiB of the SQLite file each
                                   reading connection maps into memory */
};

/*
 * Read the flags above out of argv (removing them, *argc updated) on top
 * of the environment. False (with a message on stderr) when a flag lacks
 * its value or a number is not a whole number in its range.
 */
bool cli_settings(struct cli_settings *s, int *argc, char **argv);
/* Open the database and check its schema is current; prints on failure. */
enum err cli_open_db(const struct cli_settings *s, struct db **out,
                     bool migrate) __attribute__((warn_unused_result));
/* The same, telling the schema version found before any migration (0:
 * a new database). */
enum err cli_open_db_ex(const struct cli_settings *s, struct db **out,
                        bool migrate, int *schema_before)
    __attribute__((warn_unused_result));
/* True when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);

int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_apikey(int argc, char **argv);
int cmd_measures(int argc, char **argv);
int cmd_jobs(int argc, char **argv);
/* cmd_ops.c: backup, copy, info. */
int cmd_backup(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_info(int argc, char **argv);

#endif
