/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_password_gate.c: password hashes run at most one a CPU at once
 * (base/crypto.h): four times as many threads as the limit check a
 * password together; every check is right, and no more than the limit
 * ever ran at once (each hash holds 64 MiB while it runs). Before
 * crypto_init() the limit is 1.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "base/crypto.h"
#include "test.h"

#define MAX_THREADS 64

static char hash[256];

struct check {
    bool right, wrong;
};

static void *check_main(void *arg)
{
    struct check *c = arg;
    c->right = crypto_password_verify(hash, "Sandi-Uji-12345");
    c->wrong = crypto_password_verify(hash, "Sandi-Uji-12346");
    return NULL;
}

static void test_gate(void)
{
    unsigned max = 0, peak = 0;
    crypto_password_limits(&max, &peak);
    CHECK_INT(max, 1); /* before crypto_init() */
    crypto_init();
    crypto_password_limits(&max, &peak);
    CHECK(max >= 1 && max <= 64);
    CHECK_INT(crypto_password_hash("Sandi-Uji-12345", hash, sizeof(hash)),
              ERR_OK);
    unsigned n = 4 * max > MAX_THREADS ? MAX_THREADS : 4 * max;
    if (n < 4)
        n = 4;
    pthread_t t[MAX_THREADS];
    struct check c[MAX_THREADS] = {{false, false}};
    for (unsigned i = 0; i < n; i++)
        CHECK_INT(pthread_create(&t[i], NULL, check_main, &c[i]), 0);
    for (unsigned i = 0; i < n; i++) {
        pthread_join(t[i], NULL);
        CHECK(c[i].right);
        CHECK(!c[i].wrong);
    }
    crypto_password_limits(&max, &peak);
    CHECK(peak >= 1);
    CHECK(peak <= max);
}

int main(void)
{
    RUN(test_gate);
    TEST_END();
}
