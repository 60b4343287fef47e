/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* xlsx.c: a workbook sent as the answer (see xlsx.h). */
#include "app/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"

enum err xlsx_open(struct xlsx *x)
{
    memset(x, 0, sizeof(*x));
    snprintf(x->path, sizeof(x->path), "/tmp/sp-xlsx-XXXXXX");
    int fd = mkstemp(x->path);
    if (fd < 0)
        return ERR_IO;
    close(fd);
    x->wb = workbook_new(x->path);
    if (!x->wb) {
        unlink(x->path);
        return ERR_IO;
    }
    x->bold = workbook_add_format(x->wb);
    format_set_bold(x->bold);
    x->decimal = workbook_add_format(x->wb);
    format_set_num_format(x->decimal, "0.0");
    return ERR_OK;
}

void xlsx_send(struct request *req, struct response *res, struct xlsx *x,
               const char *filename)
{
    lxw_error err = workbook_close(x->wb);
    x->wb = NULL;
    FILE *f = err == LXW_NO_ERROR ? fopen(x->path, "rb") : NULL;
    bool ok = f != NULL;
    if (f) {
        char chunk[16384];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
            buf_append(&res->body, chunk, n);
        ok = !ferror(f) && !res->body.overflow;
        fclose(f);
    }
    unlink(x->path);
    if (!ok) {
        buf_reset(&res->body);
        app_fail(req, res, ERR_IO);
        return;
    }
    res->content_type =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    res_header(
        req, res, "Content-Disposition",
        arena_printf(req->arena, "attachment; filename=\"%s\"", filename));
}
