/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * main.c: satupintu's entry: settings, subcommand dispatch, help.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/log.h"
#include "cli/cli.h"
#include "svc/perf.h"
#include "store/db.h"
#include "store/migrate.h"

static const char usage[] =
    "satupintu — Satu Pintu, the one stop public service server\n"
    "\n"
    "Usage: satupintu COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  init        create or upgrade the database and load the bundled data\n"
    "  serve       run the web server\n"
    "  migrate     upgrade the database schema only\n"
    "  import      import reference data (regions, catalogue, calendar)\n"
    "  user        manage staff accounts (add, passwd, disable, list)\n"
    "  apikey      manage API keys (create, revoke, list)\n"
    "  measures    recompute the performance measures (rebuild)\n"
    "  version     print the version\n"
    "\n"
    "Common options (also as environment variables):\n"
    "  --db URL          sqlite:PATH or postgresql://...   [SATUPINTU_DB]\n"
    "                    default: sqlite:satupintu.db\n"
    "  --listen A:P      address and port to serve on      [SATUPINTU_LISTEN]\n"
    "                    default: 127.0.0.1:8080\n"
    "  --threads N       worker threads (1-256)            "
    "[SATUPINTU_THREADS]\n"
    "  --trust-proxy     believe X-Forwarded-For/-Proto    "
    "[SATUPINTU_TRUST_PROXY=1]\n"
    "  --static-dir DIR  serve /static/ from DIR instead of the copy\n"
    "                    built into the binary             "
    "[SATUPINTU_STATIC_DIR]\n"
    "\n"
    "Run 'satupintu COMMAND --help' for a command's own options.\n";

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    return false;
}

bool cli_settings(struct cli_settings *s, int *argc, char **argv)
{
    const char *env;
    s->db_url =
        (env = getenv("SATUPINTU_DB")) && *env ? env : "sqlite:satupintu.db";
    s->listen =
        (env = getenv("SATUPINTU_LISTEN")) && *env ? env : "127.0.0.1:8080";
    s->threads = 8;
    if ((env = getenv("SATUPINTU_THREADS")) && *env)
        s->threads = (unsigned)atoi(env);
    s->trust_proxy =
        (env = getenv("SATUPINTU_TRUST_PROXY")) && strcmp(env, "1") == 0;
    s->static_dir = (env = getenv("SATUPINTU_STATIC_DIR")) && *env ? env : NULL;
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        const char *threads = NULL;
        if (strcmp(a, "--db") == 0)
            target = &s->db_url;
        else if (strcmp(a, "--listen") == 0)
            target = &s->listen;
        else if (strcmp(a, "--threads") == 0)
            target = &threads;
        else if (strcmp(a, "--static-dir") == 0)
            target = &s->static_dir;
        else if (strcmp(a, "--trust-proxy") == 0) {
            s->trust_proxy = true;
            continue;
        }
        if (!target) {
            argv[out++] = argv[i];
            continue;
        }
        if (i + 1 >= *argc) {
            fprintf(stderr, "satupintu: %s needs a value\n", a);
            return false;
        }
        *target = argv[++i];
        if (threads)
            s->threads = (unsigned)atoi(threads);
    }
    if (s->threads < 1 || s->threads > 256) {
        fprintf(stderr, "satupintu: --threads must be 1 to 256\n");
        return false;
    }
    *argc = out;
    argv[out] = NULL;
    return true;
}

enum err cli_open_db(const struct cli_settings *s, struct db **out,
                     bool migrate)
{
    enum err rc = db_open(s->db_url, out);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu: cannot open the database %s\n",
                strncmp(s->db_url, "postgres", 8) == 0 ? "(PostgreSQL)"
                                                       : s->db_url);
        return rc;
    }
    int applied = 0, version = 0, before = 0;
    if (migrate)
        rc = migrate_current(*out, &before);
    if (migrate && rc == ERR_OK)
        rc = migrate_up(*out, &applied);
    /* A database of applications written before the measures were kept
     * (schema < 7): compute them once, now. */
    if (rc == ERR_OK && applied > 0 && before > 0 && before < 7) {
        struct perf_rebuild_report rep;
        rc = perf_rebuild(*out, &rep);
        if (rc == ERR_OK)
            printf("Computed the performance measures of %lld applications\n",
                   (long long)rep.applications);
    }
    if (rc == ERR_OK)
        rc = migrate_current(*out, &version);
    if (rc == ERR_OK && version < migrate_latest()) {
        fprintf(stderr,
                "satupintu: the database schema is at version %d, this "
                "program needs %d: run 'satupintu init' (or migrate)\n",
                version, migrate_latest());
        rc = ERR_INVALID;
    }
    if (rc != ERR_OK) {
        db_close(*out);
        *out = NULL;
    }
    return rc;
}

static int cmd_version(int argc, char **argv)
{
    if (argv && cli_wants_help(argc, argv)) {
        puts("Usage: satupintu version\n\nPrint the program's version and "
             "the database schema version it needs.");
        return 0;
    }
    printf("satupintu %s (schema %d)\n", SP_VERSION, migrate_latest());
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;                 /* subcommand */
        int (*fn)(int argc, char **argv); /* its function */
    } cmds[] = {
        {"init", cmd_init},       {"serve", cmd_serve},
        {"migrate", cmd_migrate}, {"import", cmd_import},
        {"user", cmd_user},       {"apikey", cmd_apikey},
        {"version", cmd_version}, {"measures", cmd_measures},
    };
    crypto_init();
    const char *level = getenv("SATUPINTU_LOG");
    if (level && strcmp(level, "debug") == 0)
        log_set_level(LOG_DEBUG);
    else if (level && strcmp(level, "warn") == 0)
        log_set_level(LOG_WARN);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(0, NULL);
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
        if (strcmp(argv[1], cmds[i].name) == 0)
            return cmds[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "satupintu: unknown command '%s'\n\n%s", argv[1], usage);
    return 2;
}
