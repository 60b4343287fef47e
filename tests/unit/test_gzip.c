/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_gzip.c: reading Accept-Encoding (base/gzip.h) as RFC 9110 has it,
 * case by case, and the gzip coding inflating back to the same bytes.
 */
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/gzip.h"
#include "test.h"

static void test_accepted(void)
{
    static const struct {
        const char *header;
        bool gzip;
    } cases[] = {
        {NULL, false},
        {"", false},
        {"identity", false},
        {"gzip", true},
        {"GZip", true},
        {"x-gzip", true},
        {"gzip, deflate, br", true}, /* what browsers send */
        {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
        {"deflate, br", false},
        {"gzip;q=0", false},
        {"gzip; q=0.0", false},
        {"gzip;q=0.000", false},
        {"gzip;q=0.001", true},
        {"gzip;q=1", true},
        {"gzip;Q=0", false},
        {"*", true},
        {"*;q=0", false},
        {"*, gzip;q=0", false}, /* gzip named: its own quality */
        {"gzip;q=0, *", false},
        {"identity;q=1, *;q=0.5", true},
        {"gzipx", false},
        {"xgzip", false},
        {" ,, gzip ,", true},
        {"gzip;level=9", true}, /* no quality: 1 */
        {"br,gzip", true},
        {"gzip;q=", false}, /* no quality given: not acceptable */
        {"a-coding-name-longer-than-sixteen, gzip", true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool got = gzip_accepted(cases[i].header);
        if (got != cases[i].gzip)
            fprintf(stderr, "Accept-Encoding \"%s\": %d\n",
                    cases[i].header ? cases[i].header : "(none)", got);
        CHECK(got == cases[i].gzip);
    }
}

/* Inflate gzip data; the bytes in out. */
static bool inflated(const struct buf *gz, struct buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return false;
    z.next_in = (Bytef *)gz->data;
    z.avail_in = (uInt)gz->len;
    unsigned char chunk[4096];
    int zr = Z_OK;
    while (zr == Z_OK) {
        z.next_out = chunk;
        z.avail_out = sizeof(chunk);
        zr = inflate(&z, Z_NO_FLUSH);
        buf_append(out, chunk, sizeof(chunk) - z.avail_out);
    }
    inflateEnd(&z);
    return zr == Z_STREAM_END;
}

static void test_round_trip(void)
{
    const size_t sizes[] = {0, 1, 1023, 1024, 65536, 300000};
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        struct buf in, gz, back;
        buf_init(&in, 1u << 20);
        buf_init(&gz, 1u << 20);
        buf_init(&back, 1u << 20);
        for (size_t i = 0; i < sizes[k]; i++)
            buf_putc(&in, (char)("katalog layanan "[i % 16] + (i % 97 == 0)));
        CHECK_INT(gzip_compress(in.data, in.len, &gz), ERR_OK);
        /* The gzip header: 1f 8b, deflate. */
        CHECK(gz.len >= 18);
        CHECK((unsigned char)gz.data[0] == 0x1f &&
              (unsigned char)gz.data[1] == 0x8b && gz.data[2] == 8);
        CHECK(inflated(&gz, &back));
        CHECK_INT(back.len, in.len);
        CHECK(in.len == 0 || memcmp(in.data, back.data, in.len) == 0);
        if (sizes[k] >= 65536)
            CHECK(gz.len < in.len / 4);
        buf_free(&in);
        buf_free(&gz);
        buf_free(&back);
    }
    /* A cap too small for the coding: refused, not cut. */
    struct buf small;
    buf_init(&small, 8);
    CHECK_INT(gzip_compress("abcdefghijklmnopqrstuvwxyz", 26, &small),
              ERR_TOO_LARGE);
    buf_free(&small);
}

int main(void)
{
    RUN(test_accepted);
    RUN(test_round_trip);
    TEST_END();
}
