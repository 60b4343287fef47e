/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * outbound.h: the program's outgoing connections, with libcurl: an e-mail
 * over SMTP (smtp:// with STARTTLS when the server offers it, and
 * required when the URL carries credentials; smtps:// with TLS from the
 * start) and an HTTP POST (http:// or https://; redirects are not
 * followed). Nothing here knows what is sent. Call outbound_init() once
 * before any thread uses these.
 */
#ifndef SP_BASE_OUTBOUND_H
#define SP_BASE_OUTBOUND_H

#include <stddef.h>

#include "base/err.h"

#define OUTBOUND_ERROR_MAX 200

void outbound_init(void);

/*
 * Send message (RFC 5322 text, CR LF) from from_addr to to_addr through
 * the SMTP server at url, within timeout_s seconds. TLS (smtps://, or
 * STARTTLS: required when the URL names a user, else taken when offered)
 * verifies the server's certificate and name against ca_file, or the
 * system's trusted authorities when ca_file is NULL. ERR_IO with a
 * reason in error (no credentials in it) when the server did not take
 * it.
 */
enum err outbound_smtp(const char *url, const char *ca_file,
                       const char *from_addr, const char *to_addr,
                       const char *message, size_t len, long timeout_s,
                       char error[OUTBOUND_ERROR_MAX])
    __attribute__((warn_unused_result));
/*
 * POST body (len bytes) to url with the header lines headers (NULL-
 * terminated; "Name: value"), within timeout_s seconds. *status is the
 * HTTP status of the answer (0 when none came; ERR_IO then, with the
 * reason in error). The answer's body is read and dropped.
 */
enum err outbound_post(const char *url, const char *const *headers,
                       const char *body, size_t len, long timeout_s,
                       long *status, char error[OUTBOUND_ERROR_MAX])
    __attribute__((warn_unused_result));

#endif
