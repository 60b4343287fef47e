/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* crypto.c: libsodium wrappers (see crypto.h). */
#include "base/crypto.h"

#include "base/cpus.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Password hashes running at once, at most one a CPU: each takes 64 MiB
 * (argon2id's interactive limit) and a CPU for its whole time, so more
 * at once would only add memory (see crypto.h). */
static pthread_mutex_t gate_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static unsigned gate_max = 1, gate_running, gate_peak;

void crypto_init(void)
{
    if (sodium_init() < 0)
        abort();
    unsigned cpus = cpus_usable();
    pthread_mutex_lock(&gate_mu);
    gate_max = cpus < 64 ? cpus : 64;
    pthread_mutex_unlock(&gate_mu);
}

static void gate_enter(void)
{
    pthread_mutex_lock(&gate_mu);
    while (gate_running >= gate_max)
        pthread_cond_wait(&gate_cv, &gate_mu);
    gate_running++;
    if (gate_running > gate_peak)
        gate_peak = gate_running;
    pthread_mutex_unlock(&gate_mu);
}

static void gate_leave(void)
{
    pthread_mutex_lock(&gate_mu);
    gate_running--;
    pthread_cond_signal(&gate_cv);
    pthread_mutex_unlock(&gate_mu);
}

void crypto_password_limits(unsigned *max, unsigned *peak)
{
    pthread_mutex_lock(&gate_mu);
    *max = gate_max;
    *peak = gate_peak;
    pthread_mutex_unlock(&gate_mu);
}

void crypto_random_hex(char *out, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof(raw))
        abort();
    randombytes_buf(raw, nbytes);
    sodium_bin2hex(out, nbytes * 2 + 1, raw, nbytes);
    sodium_memzero(raw, sizeof(raw));
}

void crypto_random_password(char *out, size_t n)
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz"
                                   "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
    out[n] = '\0';
}

void crypto_random_digits(char *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (char)('0' + randombytes_uniform(10));
    out[n] = '\0';
}

void crypto_random_from(char *out, size_t n, const char *alphabet)
{
    size_t k = strlen(alphabet);
    if (k < 2 || k > 256)
        abort();
    for (size_t i = 0; i < n; i++)
        out[i] = alphabet[randombytes_uniform((uint32_t)k)];
    out[n] = '\0';
}

void crypto_sha256_hex(const char *s, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
    sodium_bin2hex(out, 65, h, sizeof(h));
}

void crypto_hmac_sha256_hex(const char *key, const void *msg, size_t len,
                            char out[65])
{
    unsigned char h[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, strlen(key));
    crypto_auth_hmacsha256_update(&st, msg, len);
    crypto_auth_hmacsha256_final(&st, h);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

enum err crypto_password_hash(const char *password, char *out, size_t outlen)
{
    if (outlen < crypto_pwhash_STRBYTES)
        return ERR_INVALID;
    gate_enter();
    int rc = crypto_pwhash_str_alg(
        out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
        crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
    gate_leave();
    return rc == 0 ? ERR_OK : ERR_IO; /* ERR_IO: out of memory for it */
}

bool crypto_password_verify(const char *hash, const char *password)
{
    if (!hash || !password)
        return false;
    gate_enter();
    bool ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    gate_leave();
    return ok;
}

bool crypto_str_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb)
        return false;
    return sodium_memcmp(a, b, na) == 0;
}

uint64_t crypto_hash64(const void *data, size_t n)
{
    unsigned char out[crypto_generichash_BYTES_MIN];
    crypto_generichash(out, sizeof(out), data, n, NULL, 0);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | out[i];
    return v;
}

void crypto_keyed_hex16(const unsigned char key[32], const char *s,
                        char out[17])
{
    unsigned char raw[crypto_generichash_BYTES_MIN];
    crypto_generichash(raw, sizeof(raw), (const unsigned char *)s, strlen(s),
                       key, 32);
    sodium_bin2hex(out, 17, raw, 8);
}
