/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* crypto.c: libsodium wrappers (see crypto.h). */
#include "base/crypto.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void crypto_init(void)
{
    if (sodium_init() < 0)
        abort();
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
    if (crypto_pwhash_str_alg(out, password, strlen(password),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return ERR_IO; /* out of memory for the hash */
    return ERR_OK;
}

bool crypto_password_verify(const char *hash, const char *password)
{
    if (!hash || !password)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
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
