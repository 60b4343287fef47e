/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * mime.h: an e-mail message as RFC 5322 text with MIME (RFC 2045-2047):
 * a plain-text UTF-8 body in quoted-printable, the subject as encoded
 * words when it is not plain ASCII, CR LF line ends, and lines of at most
 * 76 characters. Pure: the date is an argument.
 */
#ifndef SP_BASE_MIME_H
#define SP_BASE_MIME_H

#include <stdint.h>

#include "base/buf.h"
#include "base/err.h"

struct arena;

struct mime_mail {
    const char *from;        /* "Satu Pintu <noreply@example.go.id>" */
    const char *to;          /* the recipient's address */
    const char *subject;     /* UTF-8 */
    const char *body;        /* UTF-8 plain text, LF line ends */
    const char *message_id;  /* "<id@domain>" */
    const char *id_header;   /* X-Satupintu-Id (idempotency key), or NULL */
    const char *unsubscribe; /* List-Unsubscribe URL, or NULL */
    int64_t date;            /* Unix seconds (UTC) */
};

/*
 * Write the message into out. ERR_INVALID when from, to, the message id,
 * the id header or the unsubscribe link holds a control character (no
 * header can be injected); ERR_TOO_LARGE when out is full.
 */
enum err mime_build(const struct mime_mail *m, struct buf *out)
    __attribute__((warn_unused_result));
/* The address of "Name <addr>", or the text itself when it has no <>
 * (arena). */
const char *mime_address(struct arena *a, const char *from);
/* Quoted-printable of UTF-8 text with LF line ends (CR LF out). */
enum err mime_qp(const char *text, struct buf *out)
    __attribute__((warn_unused_result));

#endif
