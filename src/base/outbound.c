/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* outbound.c: SMTP and HTTP POST with libcurl (see outbound.h). */
#include "base/outbound.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

void outbound_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

struct upload {
    const char *data; /* what is left to send */
    size_t left;
};

static size_t on_read(char *out, size_t size, size_t n, void *ud)
{
    struct upload *u = ud;
    size_t k = size * n < u->left ? size * n : u->left;
    memcpy(out, u->data, k);
    u->data += k;
    u->left -= k;
    return k;
}

static size_t on_discard(char *p, size_t size, size_t n, void *ud)
{
    (void)p;
    (void)ud;
    return size * n;
}

/* True when the URL's authority names a user ("scheme://user...@host"). */
static bool has_credentials(const char *url)
{
    const char *p = strstr(url, "://");
    if (!p)
        return false;
    p += 3;
    size_t end = strcspn(p, "/?#");
    const char *at = memchr(p, '@', end);
    return at != NULL;
}

static void common(CURL *h, const char *url, long timeout_s)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
                     timeout_s < 10 ? timeout_s : 10L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
}

static void reason(char error[OUTBOUND_ERROR_MAX], CURLcode rc,
                   const char *detail)
{
    snprintf(error, OUTBOUND_ERROR_MAX, "%.60s%s%.120s", curl_easy_strerror(rc),
             detail && *detail ? ": " : "", detail ? detail : "");
}

enum err outbound_smtp(const char *url, const char *ca_file,
                       const char *from_addr, const char *to_addr,
                       const char *message, size_t len, long timeout_s,
                       char error[OUTBOUND_ERROR_MAX])
{
    error[0] = '\0';
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(error, OUTBOUND_ERROR_MAX, "curl_easy_init failed");
        return ERR_IO;
    }
    char detail[CURL_ERROR_SIZE] = "";
    char from[320], to[320];
    snprintf(from, sizeof(from), "<%s>", from_addr);
    snprintf(to, sizeof(to), "<%s>", to_addr);
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    struct upload u = {message, len};
    common(h, url, timeout_s);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(h, CURLOPT_USE_SSL,
                     has_credentials(url) ? (long)CURLUSESSL_ALL
                                          : (long)CURLUSESSL_TRY);
    /* Never without verification: a private mail server names its own
     * authority (SATUPINTU_SMTP_CA). */
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (ca_file)
        curl_easy_setopt(h, CURLOPT_CAINFO, ca_file);
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(h, CURLOPT_READDATA, &u);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK)
        reason(error, rc, detail);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? ERR_OK : ERR_IO;
}

enum err outbound_post(const char *url, const char *const *headers,
                       const char *body, size_t len, long timeout_s,
                       long *status, char error[OUTBOUND_ERROR_MAX])
{
    error[0] = '\0';
    *status = 0;
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(error, OUTBOUND_ERROR_MAX, "curl_easy_init failed");
        return ERR_IO;
    }
    char detail[CURL_ERROR_SIZE] = "";
    struct curl_slist *hl = NULL;
    for (size_t i = 0; headers && headers[i]; i++)
        hl = curl_slist_append(hl, headers[i]);
    hl = curl_slist_append(hl, "Expect:");
    common(h, url, timeout_s);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_discard);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "Satu Pintu");
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, status);
    else
        reason(error, rc, detail);
    curl_slist_free_all(hl);
    curl_easy_cleanup(h);
    return rc == CURLE_OK ? ERR_OK : ERR_IO;
}
