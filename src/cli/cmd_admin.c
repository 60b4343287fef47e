/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_admin.c: the admin subcommands: init, migrate, import, user, apikey.
 * Changes made here are written to the audit log with the actor "cli".
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/civil.h"
#include "base/crypto.h"
#include "base/embedded.h"
#include "base/params.h"
#include "cli/cli.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/offices.h"
#include "store/seed.h"
#include "store/users.h"
#include "store/workcal.h"
#include "svc/jobs.h"
#include "svc/perf.h"
#include "svc/signin.h"

#define FILE_MAX (64u * 1024 * 1024)
#define TEMP_PASSWORD_LEN 14

/* Read a whole file; caller frees. NULL (with a message) on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "satupintu: cannot read %s: %s\n", path,
                strerror(errno));
        return NULL;
    }
    struct buf b;
    buf_init(&b, FILE_MAX);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        buf_append(&b, chunk, n);
        if (buf_status(&b) != ERR_OK) {
            fprintf(stderr, "satupintu: %s is larger than 64 MiB\n", path);
            fclose(f);
            buf_free(&b);
            return NULL;
        }
    }
    fclose(f);
    return buf_steal(&b, len);
}

/* Loader for seed_regency(): files relative to a directory, or embedded. */
struct loader {
    const char *dir; /* directory of the settings file, or NULL */
    char *owned[16]; /* files read, freed at the end */
    size_t n_owned;  /* entries in owned */
};

static const char *load_file(void *ctx, const char *path, size_t *len)
{
    struct loader *l = ctx;
    if (!l->dir) {
        char name[512];
        snprintf(name, sizeof(name), "data/%s", path);
        const struct embedded_file *f = embedded_find(name);
        if (!f)
            return NULL;
        *len = f->len;
        return (const char *)f->data;
    }
    if (l->n_owned == sizeof(l->owned) / sizeof(l->owned[0]))
        return NULL;
    char full[4096];
    if (path[0] == '/')
        snprintf(full, sizeof(full), "%s", path);
    else
        snprintf(full, sizeof(full), "%s/%s", l->dir, path);
    char *data = read_file(full, len);
    if (data)
        l->owned[l->n_owned++] = data;
    return data;
}

static const char init_help[] =
    "Usage: satupintu init [--db URL] [--regency FILE] [--if-new]\n"
    "\n"
    "Create or upgrade the database schema and load the reference data:\n"
    "the regions, one office per kecamatan and village of the regency, the\n"
    "service points as launched and the service catalogue. Without\n"
    "--regency the bundled Kabupaten Banyuwangi settings are used; FILE is\n"
    "a settings JSON like data/regency.json, with its files relative to it.\n"
    "Running it again changes nothing. When the database has no\n"
    "administrator yet, creates the user 'admin' and prints its one-time\n"
    "password (to be changed at the first sign-in).\n"
    "One database serves one regency: settings for another regency than\n"
    "the one stored are refused.\n"
    "  --regency FILE  the settings [SATUPINTU_REGENCY]\n"
    "  --if-new        load the data only into a new database; an existing\n"
    "                  one only gets its schema brought up to date (the\n"
    "                  systemd unit's first start)\n";

/* Print which regency the database serves. */
static void print_regency(struct db *db)
{
    struct arena *a = arena_new();
    const char *code = NULL, *name = NULL;
    if (seed_regency_info(db, a, &code, &name) == ERR_OK)
        printf("Regency %s%s%s\n", code, name ? " " : "", name ? name : "");
    arena_free(a);
}

int cmd_init(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(init_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    const char *regency = getenv("SATUPINTU_REGENCY");
    if (regency && !*regency)
        regency = NULL;
    bool if_new = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--regency") == 0 && i + 1 < argc) {
            regency = argv[++i];
        } else if (strcmp(argv[i], "--if-new") == 0) {
            if_new = true;
        } else {
            fprintf(stderr, "satupintu init: unexpected argument '%s'\n",
                    argv[i]);
            return 2;
        }
    }
    struct db *db = NULL;
    int before = 0;
    if (cli_open_db_ex(&s, &db, true, &before) != ERR_OK)
        return 1;
    if (if_new && before > 0) {
        int now_at = 0;
        enum err vrc = migrate_current(db, &now_at);
        if (vrc == ERR_OK)
            printf("Database exists (schema version %d); nothing loaded\n",
                   now_at);
        print_regency(db);
        db_close(db);
        return vrc == ERR_OK ? 0 : 1;
    }
    struct loader loader = {0};
    char *settings = NULL;
    const char *settings_text = NULL;
    char dir[4096];
    if (regency) {
        size_t len = 0;
        settings = read_file(regency, &len);
        if (!settings) {
            db_close(db);
            return 1;
        }
        snprintf(dir, sizeof(dir), "%s", regency);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof(dir), ".");
        loader.dir = dir;
        settings_text = settings;
    } else {
        const struct embedded_file *f = embedded_find("data/regency.json");
        settings_text = f ? (const char *)f->data : "{}";
    }
    struct seed_report rep = {0};
    enum err rc = seed_regency(db, settings_text, load_file, &loader,
                               (int64_t)time(NULL), &rep);
    for (size_t i = 0; i < loader.n_owned; i++)
        free(loader.owned[i]);
    free(settings);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu init: %s\n",
                rep.error[0] ? rep.error : err_name(rc));
        db_close(db);
        return 1;
    }
    int version = 0;
    rc = migrate_current(db, &version);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu init: %s\n", err_name(rc));
        db_close(db);
        return 1;
    }
    printf("Database ready (schema version %d)\n", version);
    print_regency(db);
    printf("Loaded %lld regions; created %lld offices and %lld services\n",
           (long long)rep.regions, (long long)rep.offices,
           (long long)rep.services);
    int64_t admins = 0;
    rc = users_count_admins(db, &admins);
    struct arena *a = arena_new();
    struct user existing;
    if (rc == ERR_OK && admins == 0 &&
        users_get(db, a, "admin", &existing) == ERR_NOT_FOUND) {
        char password[TEMP_PASSWORD_LEN + 1];
        crypto_random_password(password, TEMP_PASSWORD_LEN);
        struct user u = {.login = "admin",
                         .full_name = "Administrator",
                         .role = ROLE_ADMIN,
                         .must_change_password = true};
        int64_t id = 0;
        int64_t now = (int64_t)time(NULL);
        char hash[256];
        rc = crypto_password_hash(password, hash, sizeof(hash));
        if (rc == ERR_OK)
            rc = db_begin(db);
        if (rc == ERR_OK)
            rc = users_create(db, &u, hash, now, &id);
        if (rc == ERR_OK)
            rc = audit_append(db, 0, "cli", "create", "user", "admin", NULL,
                              "{\"login\":\"admin\",\"role\":"
                              "\"administrator\"}",
                              "", now);
        rc = db_tx_end(db, rc);
        if (rc == ERR_OK)
            printf("First administrator: user admin, one-time password: "
                   "%s\n",
                   password);
    } else if (rc == ERR_OK) {
        printf("Administrator exists (reset a password with 'satupintu "
               "user passwd LOGIN')\n");
    }
    arena_free(a);
    db_close(db);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu init: %s\n", err_name(rc));
        return 1;
    }
    return 0;
}

int cmd_migrate(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        puts("Usage: satupintu migrate [--db URL] [--to VERSION]\n\nUpgrade "
             "the database schema to this program's version (or only up to\n"
             "VERSION: a staged upgrade); loads no data. A schema newer "
             "than\nthis program knows is refused.");
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    int64_t to = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--to") == 0 && i + 1 < argc &&
            str_to_int(argv[i + 1], 1, migrate_latest(), &to)) {
            i++;
            continue;
        }
        fprintf(stderr,
                "satupintu migrate: unexpected argument '%s' (--to takes a "
                "version from 1 to %d)\n",
                argv[i], migrate_latest());
        return 2;
    }
    struct db *db = NULL;
    int version = 0, applied = 0;
    if (to) {
        /* Only up to a version: the schema check of cli_open_db() would
         * refuse the older schema this leaves. */
        if (db_open(s.db_url, &db) != ERR_OK) {
            fprintf(stderr, "satupintu migrate: cannot open the database\n");
            return 1;
        }
        if (migrate_up_to(db, (int)to, &applied) != ERR_OK) {
            fprintf(stderr, "satupintu migrate: failed (see the log above)\n");
            db_close(db);
            return 1;
        }
    } else if (cli_open_db(&s, &db, true) != ERR_OK) {
        return 1;
    }
    enum err rc = migrate_current(db, &version);
    db_close(db);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu migrate: %s\n", err_name(rc));
        return 1;
    }
    printf("Schema at version %d\n", version);
    return 0;
}

static const char import_help[] =
    "Usage: satupintu import regions FILE... [--db URL]\n"
    "       satupintu import catalogue FILE [--db URL]\n"
    "       satupintu import calendar FILE... [--db URL]\n"
    "\n"
    "regions: CSV files with a header naming 'code' and 'name' columns and\n"
    "optionally the parent ('*_code') and 'type' columns (the layout of\n"
    "data/regions/); RFC 4180 quoting. Load parents before children\n"
    "(provinces, regencies, districts, villages). Each file is imported\n"
    "whole or not at all.\n"
    "catalogue: a service catalogue JSON (layout of data/services.json);\n"
    "services whose code exists are left as they are.\n"
    "calendar: national holidays and collective leave (the yearly decree),\n"
    "CSV date,kind,name_id,name_en with kind libur_nasional or\n"
    "cuti_bersama (layout of data/calendar/ID-2026.csv); every year in the\n"
    "file is marked loaded, so its promised dates are no longer\n"
    "provisional.\n";

int cmd_import(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(import_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    if (argc < 3 ||
        (strcmp(argv[1], "regions") != 0 && strcmp(argv[1], "catalogue") != 0 &&
         strcmp(argv[1], "calendar") != 0)) {
        fputs(import_help, stderr);
        return 2;
    }
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    int status = 0;
    for (int i = 2; i < argc && status == 0; i++) {
        size_t len = 0;
        char *data = read_file(argv[i], &len);
        if (!data) {
            status = 1;
            break;
        }
        struct seed_report rep = {0};
        enum err rc;
        if (strcmp(argv[1], "calendar") == 0) {
            struct arena *a = arena_new();
            const char *error = NULL;
            rc = workcal_import_csv(db, a, data, len, argv[i],
                                    (int64_t)time(NULL), &rep.holidays, &error);
            if (error)
                snprintf(rep.error, sizeof(rep.error), "%s: %s", argv[i],
                         error);
            arena_free(a);
        } else if (strcmp(argv[1], "regions") == 0) {
            rc = seed_regions_csv(db, data, len, argv[i], &rep);
        } else {
            rc = seed_catalogue(db, data, len, (int64_t)time(NULL), &rep);
        }
        free(data);
        if (rc != ERR_OK) {
            fprintf(stderr, "satupintu import: %s (nothing of it imported)\n",
                    rep.error[0] ? rep.error : err_name(rc));
            status = 1;
        } else if (strcmp(argv[1], "calendar") == 0) {
            printf("%s: %lld holidays\n", argv[i], (long long)rep.holidays);
        } else if (strcmp(argv[1], "regions") == 0) {
            printf("%s: %lld regions\n", argv[i], (long long)rep.regions);
        } else {
            printf("%s: %lld new services\n", argv[i], (long long)rep.services);
        }
    }
    db_close(db);
    return status;
}

/* Read a password from standard input (one line). */
static bool read_password(char *out, size_t cap)
{
    if (!fgets(out, (int)cap, stdin))
        return false;
    out[strcspn(out, "\r\n")] = '\0';
    return true;
}

static const char user_help[] =
    "Usage: satupintu user add LOGIN --role ROLE [--office CODE]\n"
    "                          [--name \"FULL NAME\"] [--password-stdin]\n"
    "       satupintu user passwd LOGIN [--password-stdin]\n"
    "       satupintu user disable LOGIN\n"
    "       satupintu user enable LOGIN\n"
    "       satupintu user list\n"
    "\n"
    "Roles: administrator, sekkab, bupati, head_of_office, front_office,\n"
    "back_office, complaint_officer. Office-bound roles need --office (an\n"
    "office code such as 35.10.09 or DISPENDUKCAPIL). Without\n"
    "--password-stdin a temporary password is generated, printed once, and\n"
    "must be changed at the first sign-in.\n";

static int user_add(struct db *db, struct arena *a, int argc, char **argv)
{
    struct user u = {.must_change_password = true};
    const char *role = NULL, *office = NULL;
    bool from_stdin = false;
    u.login = argv[2];
    u.full_name = argv[2];
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
            role = argv[++i];
        else if (strcmp(argv[i], "--office") == 0 && i + 1 < argc)
            office = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
            u.full_name = argv[++i];
        else if (strcmp(argv[i], "--password-stdin") == 0)
            from_stdin = true;
        else {
            fprintf(stderr, "satupintu user add: unexpected '%s'\n", argv[i]);
            return 2;
        }
    }
    if (!user_login_valid(u.login)) {
        fprintf(stderr, "satupintu user add: the user name must be 3-32 "
                        "characters of a-z 0-9 . _ -, starting with a "
                        "letter\n");
        return 2;
    }
    if (!role || !role_parse(role, &u.role)) {
        fprintf(stderr, "satupintu user add: --role is one of "
                        "administrator, sekkab, bupati, head_of_office, "
                        "front_office, back_office, complaint_officer\n");
        return 2;
    }
    if (role_needs_office(u.role) && !office) {
        fprintf(stderr, "satupintu user add: role %s needs --office CODE\n",
                role);
        return 2;
    }
    if (office) {
        struct office o;
        if (offices_get(db, a, office, &o) != ERR_OK) {
            fprintf(stderr, "satupintu user add: unknown office '%s'\n",
                    office);
            return 2;
        }
        u.office_id = o.id;
    }
    char password[256];
    if (from_stdin) {
        if (!read_password(password, sizeof(password)) ||
            !user_password_ok(password)) {
            fprintf(stderr, "satupintu user add: the password needs 10 to "
                            "128 characters\n");
            return 2;
        }
        u.must_change_password = false;
    } else {
        crypto_random_password(password, TEMP_PASSWORD_LEN);
    }
    int64_t id = 0, now = (int64_t)time(NULL);
    char hash[256];
    enum err rc = crypto_password_hash(password, hash, sizeof(hash));
    if (rc == ERR_OK)
        rc = db_begin(db);
    if (rc == ERR_OK)
        rc = users_create(db, &u, hash, now, &id);
    if (rc == ERR_OK) {
        json_t *after = json_pack("{s:s,s:s,s:s?}", "login", u.login, "role",
                                  role_code(u.role), "office", office);
        char *text = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
        rc = text ? audit_append(db, 0, "cli", "create", "user", u.login, NULL,
                                 text, "", now)
                  : ERR_INTERNAL;
        free(text);
        json_decref(after);
    }
    rc = db_tx_end(db, rc);
    if (rc == ERR_CONFLICT) {
        fprintf(stderr, "satupintu user add: user '%s' exists\n", u.login);
        return 1;
    }
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu user add: %s\n", err_name(rc));
        return 1;
    }
    if (from_stdin)
        printf("Created user %s\n", u.login);
    else
        printf("Created user %s; one-time password: %s\n", u.login, password);
    return 0;
}

static int user_change(struct db *db, struct arena *a, const char *what,
                       const char *login, bool from_stdin)
{
    struct user u;
    enum err rc = users_get(db, a, login, &u);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu user %s: no user '%s'\n", what, login);
        return 1;
    }
    int64_t now = (int64_t)time(NULL);
    char password[256] = "", hash[256] = "";
    bool generated = false;
    bool passwd = strcmp(what, "passwd") == 0;
    /* The password is read and hashed before the transaction: neither
     * holds the database's write lock meanwhile. */
    if (passwd) {
        if (from_stdin) {
            if (!read_password(password, sizeof(password)))
                password[0] = '\0';
            if (!user_password_ok(password)) {
                fprintf(stderr, "satupintu user passwd: the password needs "
                                "10 to 128 characters\n");
                return 2;
            }
        } else {
            crypto_random_password(password, TEMP_PASSWORD_LEN);
            generated = true;
        }
        rc = crypto_password_hash(password, hash, sizeof(hash));
    }
    if (rc == ERR_OK)
        rc = db_begin(db);
    if (rc == ERR_OK && passwd) {
        rc = users_set_password(db, u.id, hash, generated, now);
        if (rc == ERR_OK)
            rc = sessions_delete_user(db, u.id);
        if (rc == ERR_OK) {
            struct svc_ctx c = {.db = db, .arena = a, .now = now};
            rc = signin_forget(&c, u.login);
        }
    } else if (rc == ERR_OK) {
        u.disabled = strcmp(what, "disable") == 0;
        int64_t admins = 0;
        if (u.disabled && role_has(u.role, PERM_USERS))
            rc = users_count_admins(db, &admins);
        if (rc == ERR_OK && u.disabled && role_has(u.role, PERM_USERS) &&
            admins <= 1) {
            db_rollback(db);
            fprintf(stderr,
                    "satupintu user disable: %s is the last active "
                    "administrator\n",
                    u.login);
            return 1;
        }
        rc = users_update(db, &u, now);
    }
    if (rc == ERR_OK)
        rc = audit_append(db, 0, "cli", what, "user", u.login, NULL, NULL, "",
                          now);
    rc = db_tx_end(db, rc);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu user %s: %s\n", what, err_name(rc));
        return 1;
    }
    if (generated)
        printf("New one-time password for %s: %s\n", u.login, password);
    else
        printf("User %s: %s done\n", u.login, what);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(user_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    if (argc < 2) {
        fputs(user_help, stderr);
        return 2;
    }
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    struct arena *a = arena_new();
    int status = 2;
    if (strcmp(argv[1], "list") == 0) {
        struct user *users;
        size_t n;
        status = 1;
        if (users_list(db, a, &users, &n) == ERR_OK) {
            for (size_t i = 0; i < n; i++)
                printf("%-20s %-18s %-16s %s%s\n", users[i].login,
                       role_code(users[i].role),
                       users[i].office_code ? users[i].office_code : "-",
                       users[i].full_name,
                       users[i].disabled ? " (disabled)" : "");
            status = 0;
        }
    } else if (argc >= 3 && strcmp(argv[1], "add") == 0) {
        status = user_add(db, a, argc, argv);
    } else if (argc == 3 && (strcmp(argv[1], "passwd") == 0 ||
                             strcmp(argv[1], "disable") == 0 ||
                             strcmp(argv[1], "enable") == 0)) {
        status = user_change(db, a, argv[1], argv[2], false);
    } else if (argc == 4 && strcmp(argv[1], "passwd") == 0 &&
               strcmp(argv[3], "--password-stdin") == 0) {
        status = user_change(db, a, argv[1], argv[2], true);
    } else {
        fputs(user_help, stderr);
    }
    arena_free(a);
    db_close(db);
    return status;
}

static const char apikey_help[] =
    "Usage: satupintu apikey create --user LOGIN [--label TEXT]\n"
    "       satupintu apikey revoke ID\n"
    "       satupintu apikey list\n"
    "\n"
    "create prints the new key once, alone on standard output; only its\n"
    "hash is stored. Clients send it as 'Authorization: Bearer KEY'. The\n"
    "key acts with the role and office scope of its user.\n";

int cmd_apikey(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(apikey_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    if (argc < 2) {
        fputs(apikey_help, stderr);
        return 2;
    }
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    struct arena *a = arena_new();
    int status = 2;
    int64_t now = (int64_t)time(NULL);
    if (strcmp(argv[1], "create") == 0) {
        const char *login = NULL, *label = "";
        for (int i = 2; i + 1 < argc; i += 2) {
            if (strcmp(argv[i], "--user") == 0)
                login = argv[i + 1];
            else if (strcmp(argv[i], "--label") == 0)
                label = argv[i + 1];
        }
        struct user u;
        if (!login || users_get(db, a, login, &u) != ERR_OK || u.disabled) {
            fprintf(stderr, "satupintu apikey create: --user must name an "
                            "active user\n");
        } else {
            char key[56];
            int64_t id = 0;
            enum err rc = db_begin(db);
            if (rc == ERR_OK)
                rc = apikeys_create(db, u.id, label, now, key, &id);
            char idtext[24];
            snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
            if (rc == ERR_OK)
                rc = audit_append(db, 0, "cli", "create", "api_key", idtext,
                                  NULL, NULL, "", now);
            rc = db_tx_end(db, rc);
            status = rc == ERR_OK ? 0 : 1;
            if (rc == ERR_OK) {
                printf("%s\n", key);
                fprintf(stderr, "API key %lld created for %s\n", (long long)id,
                        login);
            }
        }
    } else if (strcmp(argv[1], "revoke") == 0 && argc == 3) {
        int64_t id = 0;
        enum err rc =
            str_to_int(argv[2], 1, INT64_MAX, &id) ? ERR_OK : ERR_NOT_FOUND;
        if (rc == ERR_OK)
            rc = db_begin(db);
        if (rc == ERR_OK)
            rc = apikeys_revoke(db, id, now);
        if (rc == ERR_OK)
            rc = audit_append(db, 0, "cli", "revoke", "api_key", argv[2], NULL,
                              NULL, "", now);
        rc = db_tx_end(db, rc);
        status = rc == ERR_OK ? 0 : 1;
        if (rc == ERR_NOT_FOUND)
            fprintf(stderr, "satupintu apikey revoke: no active key %s\n",
                    argv[2]);
        else if (rc == ERR_OK)
            printf("API key %s revoked\n", argv[2]);
    } else if (strcmp(argv[1], "list") == 0) {
        struct api_key *keys;
        size_t n;
        status = 1;
        if (apikeys_list(db, a, &keys, &n) == ERR_OK) {
            for (size_t i = 0; i < n; i++)
                printf("%-5lld %s… %-16s %-8s %s\n", (long long)keys[i].id,
                       keys[i].prefix, keys[i].login,
                       keys[i].revoked_at ? "revoked" : "active",
                       keys[i].label);
            status = 0;
        }
    } else {
        fputs(apikey_help, stderr);
    }
    arena_free(a);
    db_close(db);
    return status;
}

static const char measures_help[] =
    "Usage: satupintu measures rebuild [--db URL]\n"
    "\n"
    "Recompute the performance measures the oversight pages read (counts\n"
    "per office, service and day, and processing times) from the\n"
    "applications and their events, in one transaction. The server keeps\n"
    "them itself with every intake and action; rebuild after writing\n"
    "applications by other means (a bulk import, the benchmark generator).\n";

int cmd_measures(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(measures_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    if (argc != 2 || strcmp(argv[1], "rebuild") != 0) {
        fputs(measures_help, stderr);
        return 2;
    }
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    struct perf_rebuild_report rep;
    enum err rc = perf_rebuild(db, &rep);
    db_close(db);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu measures rebuild: %s\n", err_name(rc));
        return 1;
    }
    printf("Recomputed the measures of %lld applications (%lld events):"
           " %lld day rows, %lld processing rows\n",
           (long long)rep.applications, (long long)rep.events,
           (long long)rep.day_rows, (long long)rep.proc_rows);
    return 0;
}

static const char jobs_help[] =
    "Usage: satupintu jobs run [--at ISO8601] [--db URL]\n"
    "\n"
    "Run the scheduled jobs once, as every `serve` does each\n"
    "SATUPINTU_JOBS_INTERVAL seconds: complaint escalation and closing, the\n"
    "escalation of overdue readiness findings and unacknowledged reports of\n"
    "inability, forgetting expired throttles. --at runs them as of that\n"
    "instant (e.g. 2026-03-05T15:30:01+07:00) instead of now, to check a\n"
    "deadline; each change still happens once.\n";

int cmd_jobs(int argc, char **argv)
{
    struct cli_settings s;
    if (cli_wants_help(argc, argv)) {
        fputs(jobs_help, stdout);
        return 0;
    }
    if (!cli_settings(&s, &argc, argv))
        return 2;
    int64_t at = (int64_t)time(NULL);
    if (argc == 4 && strcmp(argv[2], "--at") == 0) {
        if (civil_check_iso(argv[3], &at) != CIVIL_ISO_OK) {
            fprintf(stderr, "satupintu jobs run: --at: not an ISO 8601"
                            " instant\n");
            return 2;
        }
    } else if (argc != 2) {
        fputs(jobs_help, stderr);
        return 2;
    }
    if (strcmp(argv[1], "run") != 0) {
        fputs(jobs_help, stderr);
        return 2;
    }
    struct db *db = NULL;
    if (cli_open_db(&s, &db, false) != ERR_OK)
        return 1;
    struct jobs_result r;
    enum err rc = jobs_run(db, at, &r);
    db_close(db);
    if (rc != ERR_OK) {
        fprintf(stderr, "satupintu jobs run: %s\n", err_name(rc));
        return 1;
    }
    printf("%lld complaints escalated, %lld closed, %lld readiness items"
           " escalated, %lld services took their scheduled standard\n",
           (long long)r.escalated, (long long)r.closed,
           (long long)r.readiness_escalated, (long long)r.versions_promoted);
    return 0;
}
