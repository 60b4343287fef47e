/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * backup.c: SQLite's online backup, checked (see backup.h). Works on the
 * files with the SQLite library itself rather than through db.h: the
 * backup API needs both raw connections, and the copy must not be put
 * back into WAL mode as every db_open() connection is.
 */
#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/tables.h"

/* How long the copy waits for a lock the source holds, in all. */
#define BACKUP_BUSY_MS 30000

__attribute__((format(printf, 2, 3))) static void say(struct backup_report *rep,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->error, sizeof(rep->error), fmt, ap);
    va_end(ap);
}

const char *backup_sqlite_path(const char *url)
{
    if (strncmp(url, "sqlite:", 7) == 0)
        return url + 7;
    if (strncmp(url, "postgres", 8) == 0)
        return NULL;
    size_t n = strlen(url);
    if (!strchr(url, ':') || (n > 3 && strcmp(url + n - 3, ".db") == 0))
        return url;
    return NULL;
}

/* Every table of the copy with its rows, and its integrity. */
static enum err inspect(sqlite3 *db, struct arena *a, struct backup_report *rep)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
    size_t o = 0;
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        int w = snprintf(rep->integrity + o, sizeof(rep->integrity) - o, "%s%s",
                         o ? "; " : "", line ? line : "?");
        if (w > 0 && (size_t)w < sizeof(rep->integrity) - o)
            o += (size_t)w;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK || strcmp(rep->integrity, "ok") != 0) {
        say(rep, "the copy failed its integrity check: %s",
            o ? rep->integrity : sqlite3_errmsg(db));
        return ERR_DB;
    }
    rc = sqlite3_prepare_v2(db,
                            "SELECT name FROM sqlite_master WHERE type = "
                            "'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
                            "'\\' ORDER BY name",
                            -1, &st, NULL);
    size_t cap = 0;
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        if (rep->n_tables == cap)
            rep->tables = arena_grow(a, rep->tables, rep->n_tables, &cap,
                                     sizeof(*rep->tables));
        rep->tables[rep->n_tables++].name =
            arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    for (size_t i = 0; rc == SQLITE_OK && i < rep->n_tables; i++) {
        const char *sql = arena_printf(a, "SELECT COUNT(*) FROM %s",
                                       tables_quote(a, rep->tables[i].name));
        rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
        if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            rep->tables[i].rows = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    rc = rc == SQLITE_OK
             ? sqlite3_prepare_v2(db, "PRAGMA page_count", -1, &st, NULL)
             : rc;
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        rep->pages = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        say(rep, "cannot read the copy: %s", sqlite3_errmsg(db));
        return ERR_DB;
    }
    return ERR_OK;
}

/* Copy src into dst in one step, waiting out a lock for a while. */
static enum err copy_pages(sqlite3 *src, sqlite3 *dst,
                           struct backup_report *rep)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        say(rep, "cannot start the backup: %s", sqlite3_errmsg(dst));
        return ERR_DB;
    }
    int rc = SQLITE_OK;
    for (int waited = 0;; waited += 100) {
        rc = sqlite3_backup_step(b, -1);
        if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
            waited >= BACKUP_BUSY_MS)
            break;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    int fin = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE || fin != SQLITE_OK) {
        say(rep, "the backup failed: %s",
            sqlite3_errstr(rc != SQLITE_DONE ? rc : fin));
        return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? ERR_BUSY : ERR_DB;
    }
    return ERR_OK;
}

enum err backup_sqlite(const char *src_path, const char *dst_path,
                       struct arena *a, struct backup_report *rep)
{
    memset(rep, 0, sizeof(*rep));
    struct stat sst;
    if (stat(src_path, &sst) != 0) {
        say(rep, "the database %s cannot be read: %s", src_path,
            strerror(errno));
        return ERR_NOT_FOUND;
    }
    /* A new file only, readable by its owner alone. */
    int fd = open(dst_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        say(rep, "cannot create %s: %s%s", dst_path, strerror(e),
            e == EEXIST ? " (a backup never overwrites a file)" : "");
        return e == EEXIST ? ERR_CONFLICT : ERR_IO;
    }
    close(fd);
    sqlite3 *src = NULL, *dst = NULL;
    enum err rc = ERR_OK;
    if (sqlite3_open_v2(src_path, &src, SQLITE_OPEN_READWRITE, NULL) !=
            SQLITE_OK ||
        sqlite3_open_v2(dst_path, &dst, SQLITE_OPEN_READWRITE, NULL) !=
            SQLITE_OK) {
        say(rep, "cannot open %s", src ? dst_path : src_path);
        rc = ERR_IO;
    }
    if (rc == ERR_OK) {
        sqlite3_busy_timeout(src, 10000);
        rc = copy_pages(src, dst, rep);
    }
    /* One self-contained file (the source's WAL flag came with page 1). */
    if (rc == ERR_OK && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL,
                                     NULL, NULL) != SQLITE_OK) {
        say(rep, "cannot set the copy's journal mode: %s", sqlite3_errmsg(dst));
        rc = ERR_DB;
    }
    if (rc == ERR_OK)
        rc = inspect(dst, a, rep);
    sqlite3_close(src);
    if (sqlite3_close(dst) != SQLITE_OK && rc == ERR_OK) {
        say(rep, "cannot close the copy");
        rc = ERR_IO;
    }
    struct stat dstat;
    if (rc == ERR_OK && stat(dst_path, &dstat) == 0)
        rep->bytes = (int64_t)dstat.st_size;
    if (rc == ERR_OK) {
        /* The file's contents and its name are on disk. */
        fd = open(dst_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fsync(fd) != 0)
            rc = ERR_IO;
        if (fd >= 0)
            close(fd);
    }
    if (rc != ERR_OK) {
        unlink(dst_path);
        char journal[4096];
        snprintf(journal, sizeof(journal), "%s-journal", dst_path);
        unlink(journal);
    }
    return rc;
}
