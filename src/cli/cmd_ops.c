/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_ops.c: the operations subcommands: backup (SQLite's online backup,
 * checked), copy (a whole installation into another database, verified
 * table by table) and info (which regency and schema a database holds,
 * its tables with rows and checksums for comparing two databases).
 * docs/OPERATIONS.md says when to use which.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/log.h"
#include "cli/cli.h"
#include "store/backup.h"
#include "store/copy.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/seed.h"
#include "store/tables.h"

static const char backup_help[] =
    "Usage: satupintu backup --to FILE [--db URL]\n"
    "\n"
    "Copy the SQLite database to FILE, a new file (never overwritten),\n"
    "while 'serve' runs: SQLite's online backup takes the database as of\n"
    "one instant, writers carry on. The copy is one self-contained file\n"
    "(mode 0600: it holds personal data and password hashes), checked\n"
    "with PRAGMA integrity_check; its size and the rows of every table\n"
    "are printed. Exit status 0 only when the copy is written and\n"
    "checked.\n"
    "On PostgreSQL it prints the pg_dump command to use instead and exits\n"
    "with status 1.\n";

/* A size as "12.3 MiB". */
static void human_size(int64_t bytes, char *out, size_t cap)
{
    if (bytes >= 1024 * 1024)
        snprintf(out, cap, "%.1f MiB", (double)bytes / (1024.0 * 1024.0));
    else
        snprintf(out, cap, "%.1f KiB", (double)bytes / 1024.0);
}

int cmd_backup(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(backup_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    const char *to = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
            to = argv[++i];
            continue;
        }
        fprintf(stderr, "satupintu backup: unexpected argument '%s'\n",
                argv[i]);
        return 2;
    }
    if (!to || !*to) {
        fputs(backup_help, stderr);
        return 2;
    }
    const char *path = backup_sqlite_path(s.db_url);
    if (!path) {
        fputs("satupintu backup: the database is PostgreSQL. Back it up with "
              "pg_dump, which\n"
              "takes a consistent snapshot while every instance runs:\n"
              "\n"
              "  pg_dump --format=custom --file=FILE --dbname=\"$SATUPINTU_DB\""
              "\n"
              "\n"
              "(the same URL as SATUPINTU_DB; as the postgres user on the "
              "database\n"
              "server: sudo -u postgres pg_dump --format=custom "
              "--file=FILE satupintu).\n"
              "Restore into a new, empty database with pg_restore, or move "
              "it into a\n"
              "SQLite file with 'satupintu copy' (docs/OPERATIONS.md, "
              "\"Backups\").\n",
              stderr);
        return 1;
    }
    /* The database must be one this program knows (not newer). */
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    db_close(db);
    struct arena *a = arena_new();
    struct backup_report rep;
    enum err rc = backup_sqlite(path, to, a, &rep);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu backup: %s (nothing written)\n",
                rep.error[0] ? rep.error : err_name(rc));
        arena_free(a);
        return 1;
    }
    char size[32];
    human_size(rep.bytes, size, sizeof(size));
    int64_t total = 0;
    for (size_t i = 0; i < rep.n_tables; i++)
        total += rep.tables[i].rows;
    printf("Backup written to %s: %s (%lld pages), integrity check: %s\n", to,
           size, (long long)rep.pages, rep.integrity);
    printf("%lld rows in %zu tables:\n", (long long)total, rep.n_tables);
    for (size_t i = 0; i < rep.n_tables; i++)
        printf("  %-28s %12lld\n", rep.tables[i].name,
               (long long)rep.tables[i].rows);
    arena_free(a);
    return 0;
}

static const char copy_help[] =
    "Usage: satupintu copy --from URL --to URL\n"
    "\n"
    "Copy a whole installation into another database: from SQLite to\n"
    "PostgreSQL when a regency outgrows one machine, or back. The target\n"
    "is brought to this program's schema and must be empty (a new\n"
    "database: nothing but what the migrations themselves insert); the\n"
    "source must be at this program's schema too. The source is read in\n"
    "one snapshot, the target written in ONE transaction (its triggers\n"
    "off for the copy), PostgreSQL's identity sequences continued past\n"
    "the highest id; then every table is read back and its row count and\n"
    "checksum compared with the source's. Only when every table matches\n"
    "is the transaction committed; otherwise nothing is kept. Stop every\n"
    "'serve' on the source first, or what they write meanwhile is not\n"
    "copied. URLs as --db takes them (sqlite:PATH, postgresql://...).\n";

/* How a database is named in the output: never a PostgreSQL URL. */
static const char *shown(const char *url)
{
    const char *p = backup_sqlite_path(url);
    return p ? p : "PostgreSQL";
}

int cmd_copy(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(copy_help, stdout);
        return 0;
    }
    const char *from = NULL, *to = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
            from = argv[++i];
        } else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
            to = argv[++i];
        } else {
            fprintf(stderr, "satupintu copy: unexpected argument '%s'\n",
                    argv[i]);
            return 2;
        }
    }
    if (!from || !to || !*from || !*to) {
        fputs(copy_help, stderr);
        return 2;
    }
    if (strcmp(from, to) == 0) {
        fputs("satupintu copy: --from and --to are the same database\n",
              stderr);
        return 2;
    }
    struct db *src = NULL, *dst = NULL;
    if (db_open(from, &src) != ERR_OK) {
        fprintf(stderr, "satupintu copy: cannot open the source (%s)\n",
                shown(from));
        return 1;
    }
    if (db_open(to, &dst) != ERR_OK) {
        fprintf(stderr, "satupintu copy: cannot open the target (%s)\n",
                shown(to));
        db_close(src);
        return 1;
    }
    struct arena *a = arena_new();
    struct copy_report rep;
    enum err rc = copy_database(src, dst, a, &rep);
    const char *kf = db_kind(src) == DB_SQLITE ? "SQLite" : "PostgreSQL";
    const char *kt = db_kind(dst) == DB_SQLITE ? "SQLite" : "PostgreSQL";
    db_close(src);
    db_close(dst);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu copy: %s\n",
                rep.error[0] ? rep.error : err_name(rc));
        arena_free(a);
        return 1;
    }
    printf("Copied %lld rows in %zu tables from %s (%s) to %s (%s), schema "
           "version %d, in one transaction.\n",
           (long long)rep.rows, rep.n, kf, shown(from), kt, shown(to),
           rep.schema);
    printf("Every table read back from the target: rows and checksum "
           "match.\n");
    for (size_t i = 0; i < rep.n; i++)
        printf("  %-28s %12lld  %016llx  ok\n", rep.tables[i].name,
               (long long)rep.tables[i].target_rows,
               (unsigned long long)rep.tables[i].target_sum);
    arena_free(a);
    return 0;
}

static const char info_help[] =
    "Usage: satupintu info [--db URL] [--tables]\n"
    "\n"
    "Which database this is: its kind, schema version (and this\n"
    "program's), and the regency it serves. With --tables, every table\n"
    "with its rows and checksum, read in one snapshot: two databases\n"
    "hold the same data when these lines are the same (compare a restored\n"
    "backup or a copy with diff). The checksum does not depend on the\n"
    "order of the rows nor on the kind of database.\n";

int cmd_info(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(info_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    bool with_tables = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--tables") == 0) {
            with_tables = true;
            continue;
        }
        fprintf(stderr, "satupintu info: unexpected argument '%s'\n", argv[i]);
        return 2;
    }
    struct db *db = NULL;
    if (db_open(s.db_url, &db) != ERR_OK) {
        fprintf(stderr, "satupintu info: cannot open the database (%s)\n",
                shown(s.db_url));
        return 1;
    }
    struct arena *a = arena_new();
    int version = 0;
    enum err rc = migrate_current(db, &version);
    if (rc == ERR_OK) {
        printf("Database: %s (%s)\n",
               db_kind(db) == DB_SQLITE ? "SQLite" : "PostgreSQL",
               shown(s.db_url));
        printf("Schema version %d (this program: %d)\n", version,
               migrate_latest());
        const char *code = NULL, *name = NULL;
        enum err grc = seed_regency_info(db, a, &code, &name);
        if (grc == ERR_OK)
            printf("Regency %s%s%s\n", code, name ? " " : "", name ? name : "");
        else
            printf("Regency: none yet (run 'satupintu init')\n");
    }
    if (rc == ERR_OK && with_tables) {
        struct table_set set = {0};
        rc = tables_snapshot_begin(db);
        if (rc == ERR_OK)
            rc = tables_list(db, a, &set);
        for (size_t i = 0; rc == ERR_OK && i < set.n; i++) {
            struct table_sum sum = {0};
            rc = tables_sum(db, &set.items[i], &sum);
            if (rc == ERR_OK)
                printf("  %-28s %12lld  %016llx\n", set.items[i].name,
                       (long long)sum.rows, (unsigned long long)sum.sum);
        }
        tables_snapshot_end(db);
    }
    db_close(db);
    arena_free(a);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu info: %s\n", err_name(rc));
        return 1;
    }
    return 0;
}
