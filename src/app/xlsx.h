/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * xlsx.h: an XLSX workbook (libxlsxwriter) written to a private temporary
 * file and sent as the answer. Text written into a sheet must pass
 * text_safe() (base/text.h) so the sheet's XML stays well-formed.
 */
#ifndef SP_APP_XLSX_H
#define SP_APP_XLSX_H

#include <xlsxwriter.h>

#include "app/app.h"

struct xlsx {
    lxw_workbook *wb;
    lxw_format *bold;    /* a bold format */
    lxw_format *decimal; /* "0.0" */
    char path[32];
};

/* Open a workbook; ERR_IO when the file or the workbook cannot be made. */
enum err xlsx_open(struct xlsx *x) __attribute__((warn_unused_result));
/* Close it and answer it as filename (an attachment); on failure the
 * error is answered instead. The temporary file is removed either way. */
void xlsx_send(struct request *req, struct response *res, struct xlsx *x,
               const char *filename);

#endif
