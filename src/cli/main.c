/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * main.c: satupintu's entry: settings, subcommand dispatch, help.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crypto.h"
#include "base/params.h"
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
    "  jobs        run the scheduled jobs once (run [--at ISO8601])\n"
    "  backup      copy the SQLite database while it runs (--to FILE)\n"
    "  copy        copy an installation into another database (--from,\n"
    "              --to), e.g. from SQLite to PostgreSQL\n"
    "  info        the database's schema and regency (--tables: rows and\n"
    "              checksums)\n"
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

/* The numeric settings: flag, variable, field, range, default. */
static const struct num_setting {
    const char *flag;  /* "--threads" */
    const char *env;   /* "SATUPINTU_THREADS" */
    size_t offset;     /* of the unsigned field in struct cli_settings */
    unsigned min, max; /* accepted range */
    unsigned def;      /* default */
} num_settings[] = {
    /* Twice the old 8: a thread waits for its group's COMMIT while its
     * other connections wait with it (docs/ARCHITECTURE.md). */
    {"--threads", "SATUPINTU_THREADS", offsetof(struct cli_settings, threads),
     1, 256, 16},
    {"--max-connections", "SATUPINTU_MAX_CONNECTIONS",
     offsetof(struct cli_settings, max_connections), 1, 100000, 1000},
    {"--max-conn-per-addr", "SATUPINTU_MAX_CONN_PER_ADDR",
     offsetof(struct cli_settings, max_conn_per_addr), 0, 100000, 64},
    {"--idle-timeout", "SATUPINTU_IDLE_TIMEOUT",
     offsetof(struct cli_settings, idle_timeout), 1, 3600, 30},
    {"--header-timeout", "SATUPINTU_HEADER_TIMEOUT",
     offsetof(struct cli_settings, header_timeout), 1, 3600, 10},
    {"--body-timeout", "SATUPINTU_BODY_TIMEOUT",
     offsetof(struct cli_settings, body_timeout), 1, 86400, 30},
    {"--body-min-rate", "SATUPINTU_BODY_MIN_RATE",
     offsetof(struct cli_settings, body_min_rate), 0, 1u << 30, 1024},
    {"--body-budget", "SATUPINTU_BODY_BUDGET",
     offsetof(struct cli_settings, body_budget_mib), 4, 1u << 20, 64},
    {"--report-threads", "SATUPINTU_REPORT_THREADS",
     offsetof(struct cli_settings, report_threads), 0, 256, 0},
    /* 0: by the database (cmd_serve.c). */
    {"--write-threads", "SATUPINTU_WRITE_THREADS",
     offsetof(struct cli_settings, write_threads), 0, 256, 0},
    {"--commit-delay", "SATUPINTU_COMMIT_DELAY_MS",
     offsetof(struct cli_settings, commit_delay_ms), 0, 1000, 0},
    {"--sqlite-mmap", "SATUPINTU_SQLITE_MMAP_MIB",
     offsetof(struct cli_settings, sqlite_mmap_mib), 0, 2047, 0},
};

/* Set the numeric setting n from text (named by what) within its range. */
static bool set_num(struct cli_settings *s, const struct num_setting *n,
                    const char *what, const char *text)
{
    int64_t v = 0;
    if (!str_to_int(text, n->min, n->max, &v)) {
        fprintf(stderr, "satupintu: %s must be a whole number from %u to %u\n",
                what, n->min, n->max);
        return false;
    }
    *(unsigned *)(void *)((char *)s + n->offset) = (unsigned)v;
    return true;
}

bool cli_settings(struct cli_settings *s, int *argc, char **argv)
{
    const char *env;
    memset(s, 0, sizeof(*s));
    s->db_url =
        (env = getenv("SATUPINTU_DB")) && *env ? env : "sqlite:satupintu.db";
    s->listen =
        (env = getenv("SATUPINTU_LISTEN")) && *env ? env : "127.0.0.1:8080";
    s->trust_proxy =
        (env = getenv("SATUPINTU_TRUST_PROXY")) && strcmp(env, "1") == 0;
    s->reuse_port =
        (env = getenv("SATUPINTU_REUSE_PORT")) && strcmp(env, "1") == 0;
    s->static_dir = (env = getenv("SATUPINTU_STATIC_DIR")) && *env ? env : NULL;
    const size_t n_num = sizeof(num_settings) / sizeof(num_settings[0]);
    bool per_addr_set = false;
    for (size_t k = 0; k < n_num; k++) {
        const struct num_setting *n = &num_settings[k];
        *(unsigned *)(void *)((char *)s + n->offset) = n->def;
        if ((env = getenv(n->env)) && *env) {
            if (!set_num(s, n, n->env, env))
                return false;
            per_addr_set |=
                n->offset == offsetof(struct cli_settings, max_conn_per_addr);
        }
    }
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        const struct num_setting *num = NULL;
        if (strcmp(a, "--db") == 0)
            target = &s->db_url;
        else if (strcmp(a, "--listen") == 0)
            target = &s->listen;
        else if (strcmp(a, "--static-dir") == 0)
            target = &s->static_dir;
        else if (strcmp(a, "--trust-proxy") == 0) {
            s->trust_proxy = true;
            continue;
        } else if (strcmp(a, "--reuse-port") == 0) {
            s->reuse_port = true;
            continue;
        }
        for (size_t k = 0; !target && !num && k < n_num; k++)
            if (strcmp(a, num_settings[k].flag) == 0)
                num = &num_settings[k];
        if (!target && !num) {
            argv[out++] = argv[i];
            continue;
        }
        if (i + 1 >= *argc) {
            fprintf(stderr, "satupintu: %s needs a value\n", a);
            return false;
        }
        if (target) {
            *target = argv[++i];
            continue;
        }
        if (!set_num(s, num, a, argv[++i]))
            return false;
        per_addr_set |=
            num->offset == offsetof(struct cli_settings, max_conn_per_addr);
    }
    /* Behind a proxy every connection comes from the proxy's address:
     * limit clients at the proxy instead (OPERATIONS.md). */
    if (s->trust_proxy && !per_addr_set)
        s->max_conn_per_addr = 0;
    *argc = out;
    argv[out] = NULL;
    return true;
}

enum err cli_open_db(const struct cli_settings *s, struct db **out,
                     bool migrate)
{
    int before = 0;
    return cli_open_db_ex(s, out, migrate, &before);
}

enum err cli_open_db_ex(const struct cli_settings *s, struct db **out,
                        bool migrate, int *schema_before)
{
    enum err rc = db_open(s->db_url, out);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu: cannot open the database %s\n",
                strncmp(s->db_url, "postgres", 8) == 0 ? "(PostgreSQL)"
                                                       : s->db_url);
        return rc;
    }
    int applied = 0, version = 0, before = 0;
    rc = migrate_current(*out, &before);
    *schema_before = before;
    /* A newer program upgraded this database: this one does not know its
     * tables, and writing with it could break them (OPERATIONS.md). */
    if (rc == ERR_OK && before > migrate_latest()) {
        fprintf(stderr,
                "satupintu: the database schema is at version %d, newer "
                "than this program knows (%d): a newer satupintu upgraded "
                "it. Run that version (or restore the backup taken before "
                "the upgrade); this one refuses to use the database\n",
                before, migrate_latest());
        rc = ERR_INVALID;
    }
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
        {"jobs", cmd_jobs},       {"backup", cmd_backup},
        {"copy", cmd_copy},       {"info", cmd_info},
    };
    crypto_init();
    const char *level = getenv("SATUPINTU_LOG");
    if (level && strcmp(level, "debug") == 0)
        log_set_level(LOG_DEBUG);
    else if (level && strcmp(level, "warn") == 0)
        log_set_level(LOG_WARN);
    const char *format = getenv("SATUPINTU_LOG_FORMAT");
    if (format && strcmp(format, "json") == 0) {
        log_set_format(LOG_JSON);
    } else if (format && *format && strcmp(format, "text") != 0) {
        fprintf(stderr, "satupintu: SATUPINTU_LOG_FORMAT must be text or "
                        "json\n");
        return 2;
    }
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
