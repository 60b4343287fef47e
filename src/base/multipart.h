/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * multipart.h: multipart/form-data (RFC 7578) for forms with a file
 * (the complaint photo). Text parts become form parameters (repaired to
 * UTF-8); file parts are kept as bytes. Total: any input parses or fails
 * with ERR_INVALID, never reads outside the body.
 */
#ifndef SP_BASE_MULTIPART_H
#define SP_BASE_MULTIPART_H

#include <stddef.h>

#include "base/err.h"
#include "base/params.h"

struct arena;

/* Files sent in one body (a self-assessment has a photo per item; the
 * body cap bounds their bytes). A file input left empty (no name, no
 * bytes) is not counted. */
#define MULTIPART_MAX_FILES 16

struct upload {
    const char *field;         /* form field name */
    const char *filename;      /* as sent (not trusted), may be "" */
    const unsigned char *data; /* bytes, borrowed from the body */
    size_t len;                /* bytes */
};

struct uploads {
    struct upload items[MULTIPART_MAX_FILES];
    size_t n_items;
};

/* The boundary of a multipart/form-data Content-Type, or NULL. */
const char *multipart_boundary(struct arena *a, const char *content_type);
/*
 * Parse body with boundary: fields into form, files (parts with a
 * filename) into files. ERR_INVALID for a malformed body, ERR_TOO_LARGE
 * beyond the caps.
 */
enum err multipart_parse(struct arena *a, const char *body, size_t len,
                         const char *boundary, struct params *form,
                         struct uploads *files)
    __attribute__((warn_unused_result));

#endif
