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

/* Settings shared by subcommands: flags override environment variables. */
struct cli_settings {
    const char *db_url; /* --db, SATUPINTU_DB, default sqlite:satupintu.db */
    const char *listen; /* --listen, SATUPINTU_LISTEN, 127.0.0.1:8080 */
    unsigned threads;   /* --threads, SATUPINTU_THREADS, 8 */
    bool trust_proxy;   /* --trust-proxy, SATUPINTU_TRUST_PROXY=1 */
    const char *static_dir; /* --static-dir, SATUPINTU_STATIC_DIR, or NULL */
};

/*
 * Read --db/--listen/--threads/--trust-proxy out of argv (removing them,
 * *argc updated) on top of the environment. False (with a message on
 * stderr) when a flag lacks its value.
 */
bool cli_settings(struct cli_settings *s, int *argc, char **argv);
/* Open the database and check its schema is current; prints on failure. */
enum err cli_open_db(const struct cli_settings *s, struct db **out,
                     bool migrate);
/* True when argv holds -h or --help. */
bool cli_wants_help(int argc, char **argv);

int cmd_init(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_apikey(int argc, char **argv);
int cmd_measures(int argc, char **argv);

#endif
