/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * replay.c: run a fuzz target without libFuzzer, so that every build
 * replays the seed corpus and the saved crashers as an ordinary test.
 *
 *   replay_NAME PATH...
 *
 * Each PATH is a file or a directory; a directory's files are replayed in
 * name order (not recursively; names starting with '.' such as .gitkeep are
 * skipped). Each file's bytes go, in a heap block of exactly that size (so
 * ASan sees reads past the end), to LLVMFuzzerTestOneInput(). The file name
 * is printed to stderr first, so a crash names its input. A broken
 * invariant aborts the process, which fails the test; otherwise the last
 * line is "N passed, 0 failed" and the status is 0. A PATH that cannot be
 * read is a failure (status 1): a missing corpus must not pass silently.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Replay one file; false when it cannot be read. */
static bool replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return false;
    }
    size_t cap = 4096, len = 0;
    uint8_t *data = xmalloc(cap);
    size_t got;
    while ((got = fread(data + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            cap *= 2;
            data = xrealloc(data, cap);
        }
    }
    bool ok = !ferror(f);
    fclose(f);
    if (!ok) {
        perror(path);
        free(data);
        return false;
    }
    /* An exact-size copy: one byte past the input is out of bounds. */
    uint8_t *exact = xmalloc(len ? len : 1);
    if (len)
        memcpy(exact, data, len);
    free(data);
    fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return true;
}

static int skip_dot(const struct dirent *e)
{
    return e->d_name[0] != '.';
}

/* Replay every regular file in dir, adding to *n_files; false on error. */
static bool replay_dir(const char *dir, size_t *n_files)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, skip_dot, alphasort);
    if (n < 0) {
        perror(dir);
        return false;
    }
    bool ok = true;
    for (int i = 0; i < n; i++) {
        size_t size = strlen(dir) + strlen(names[i]->d_name) + 2;
        char *path = xmalloc(size);
        snprintf(path, size, "%s/%s", dir, names[i]->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(path))
                (*n_files)++;
            else
                ok = false;
        }
        free(path);
        free(names[i]);
    }
    free(names);
    return ok;
}

int main(int argc, char **argv)
{
    size_t n_files = 0;
    bool ok = true;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            ok = replay_dir(argv[i], &n_files) && ok;
        } else if (replay_file(argv[i])) {
            n_files++;
        } else {
            ok = false;
        }
    }
    printf("%zu passed, %d failed\n", n_files, ok ? 0 : 1);
    return ok ? 0 : 1;
}
