/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * crypto.h: the few cryptographic operations the program needs, all from
 * libsodium: random tokens, SHA-256 for storing tokens hashed, HMAC-SHA256
 * for signing webhooks and checking signed requests, argon2id for
 * passwords, constant-time comparison. Call crypto_init() once at start.
 */
#ifndef SP_BASE_CRYPTO_H
#define SP_BASE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

/* Initialise libsodium; aborts if it cannot. Idempotent. */
void crypto_init(void);
/* nbytes random bytes as lower-case hex into out (2 * nbytes + 1 bytes). */
void crypto_random_hex(char *out, size_t nbytes);
/* A password of n characters from an unambiguous alphabet (no 0/O/1/l). */
void crypto_random_password(char *out, size_t n);
/* n random decimal digits into out (n + 1 bytes), e.g. a tracking PIN. */
void crypto_random_digits(char *out, size_t n);
/* n characters drawn uniformly from alphabet (2..256 characters), and a
 * NUL (out holds n + 1 bytes). */
void crypto_random_from(char *out, size_t n, const char *alphabet);
/* SHA-256 of s as 64 hex characters into out[65]. */
void crypto_sha256_hex(const char *s, char out[65]);
/* HMAC-SHA256 of msg[0..len) under key (any length) as 64 hex characters
 * into out[65]. */
void crypto_hmac_sha256_hex(const char *key, const void *msg, size_t len,
                            char out[65]);
/* argon2id hash string of password into out (at least 128 bytes). */
enum err crypto_password_hash(const char *password, char *out, size_t outlen)
    __attribute__((warn_unused_result));
/* True when password matches the stored argon2id hash string. */
bool crypto_password_verify(const char *hash, const char *password);
/* Hashing and checking a password run at most one a CPU at once (set by
 * crypto_init(); 1 before it); more wait their turn: each holds 64 MiB
 * while it runs, so a burst of sign-ins takes that much per CPU, not per
 * thread. *max is that limit, *peak the most that ever ran at once (for
 * tests). */
void crypto_password_limits(unsigned *max, unsigned *peak);
/* Constant-time equality of two NUL-terminated strings. */
bool crypto_str_equal(const char *a, const char *b);

/*
 * A 64-bit digest of n bytes (BLAKE2b), the same on every machine: for
 * checksums of copied tables, not for secrets.
 */
uint64_t crypto_hash64(const void *data, size_t n);
/*
 * A keyed 64-bit digest of s (BLAKE2b with a 32-byte key) as 16 hex
 * characters into out[17]: a pseudonym of s for whoever lacks the key.
 */
void crypto_keyed_hex16(const unsigned char key[32], const char *s,
                        char out[17]);

#endif
