/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz.h: what every fuzz target shares. Each fuzz_NAME.c defines
 * LLVMFuzzerTestOneInput() for one parser and states its invariants with
 * FUZZ_CHECK(), which aborts: libFuzzer then saves the input, and replay.c
 * (the same target without libFuzzer) fails its CTest test.
 *
 * A target must not leak, keep state between inputs, read a clock or touch
 * the file system: one input, one verdict, in every build.
 */
#ifndef SP_TESTS_FUZZ_H
#define SP_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

/* The libFuzzer entry point; always returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the code under test: abort with file and line if not. */
#define FUZZ_CHECK(cond)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__,        \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

/*
 * A NUL-terminated heap copy of data[0..size) for parsers that take a C
 * string (it ends at the first NUL byte, as a C caller would see it);
 * caller frees with free().
 */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = xmalloc(size + 1);
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
