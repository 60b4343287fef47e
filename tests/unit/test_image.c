/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_image.c: photos by content and cleaned of their metadata
 * (base/image.h): a JPEG with EXIF (GPS position, camera make,
 * orientation) comes out with the GPS and make gone and the orientation
 * kept; a PNG with text chunks comes out with pixels only; anything else
 * is refused.
 */
#include <libexif/exif-data.h>
#include <png.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "base/arena.h"
#include "base/image.h"
#include "test.h"

static void add_entry(ExifData *ed, ExifIfd ifd, ExifTag tag, ExifFormat format,
                      unsigned long components, const void *data, unsigned size)
{
    ExifEntry *e = exif_entry_new();
    e->tag = tag;
    e->format = format;
    e->components = components;
    e->size = size;
    e->data = malloc(size);
    memcpy(e->data, data, size);
    exif_content_add_entry(ed->ifd[ifd], e);
    exif_entry_unref(e);
}

/* An EXIF block with a GPS position, a camera make and orientation 6. */
static void make_exif(unsigned char **buf, unsigned *len)
{
    ExifData *ed = exif_data_new();
    exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
    unsigned char orient[2];
    exif_set_short(orient, EXIF_BYTE_ORDER_INTEL, 6);
    add_entry(ed, EXIF_IFD_0, EXIF_TAG_ORIENTATION, EXIF_FORMAT_SHORT, 1,
              orient, 2);
    add_entry(ed, EXIF_IFD_0, EXIF_TAG_MAKE, EXIF_FORMAT_ASCII, 10, "SECRETCAM",
              10);
    add_entry(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE_REF,
              EXIF_FORMAT_ASCII, 2, "S", 2);
    unsigned char lat[24];
    ExifRational r[3] = {{8, 1}, {13, 1}, {4242, 100}};
    for (int i = 0; i < 3; i++)
        exif_set_rational(lat + 8 * i, EXIF_BYTE_ORDER_INTEL, r[i]);
    add_entry(ed, EXIF_IFD_GPS, (ExifTag)EXIF_TAG_GPS_LATITUDE,
              EXIF_FORMAT_RATIONAL, 3, lat, 24);
    exif_data_save_data(ed, buf, len);
    exif_data_unref(ed);
}

/* A w x h JPEG (3 or 1 components), with the APP1 marker exif (or
 * none) and a comment. */
static unsigned char *make_jpeg_sized(int w, int h, int comps,
                                      const unsigned char *exif,
                                      unsigned exif_len, unsigned long *len)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    jpeg_mem_dest(&c, &out, len);
    c.image_width = (JDIMENSION)w;
    c.image_height = (JDIMENSION)h;
    c.input_components = comps;
    c.in_color_space = comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    if (exif)
        jpeg_write_marker(&c, JPEG_APP0 + 1, exif, exif_len);
    const char *comment = "SECRETCOMMENT!";
    jpeg_write_marker(&c, JPEG_COM, (const JOCTET *)comment, 14);
    unsigned char *row = malloc((size_t)w * (size_t)comps);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w * comps; x++)
            row[x] = (unsigned char)((x / 16 + y / 16) % 2 ? 200 : 40);
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    free(row);
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return out;
}

/* A 24x16 JPEG, with the APP1 marker exif (or none). */
static unsigned char *make_jpeg(const unsigned char *exif, unsigned exif_len,
                                unsigned long *len)
{
    struct jpeg_compress_struct c;
    struct jpeg_error_mgr e;
    c.err = jpeg_std_error(&e);
    jpeg_create_compress(&c);
    unsigned char *out = NULL;
    jpeg_mem_dest(&c, &out, len);
    c.image_width = 24;
    c.image_height = 16;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_start_compress(&c, TRUE);
    if (exif)
        jpeg_write_marker(&c, JPEG_APP0 + 1, exif, exif_len);
    jpeg_write_m_header(&c, JPEG_COM, 14);
    const char *comment = "SECRETCOMMENT!";
    for (int i = 0; i < 14; i++)
        jpeg_write_m_byte(&c, comment[i]);
    unsigned char row[24 * 3];
    for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 24 * 3; x++)
            row[x] = (unsigned char)(x * 7 + y * 13);
        JSAMPROW rp = row;
        jpeg_write_scanlines(&c, &rp, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return out;
}

static bool contains(const unsigned char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

/* The EXIF of a JPEG: the entries of IFD_GPS and the orientation. */
static void exif_of(const unsigned char *jpeg, size_t len, int *gps,
                    int *orientation, bool *any)
{
    *gps = 0;
    *orientation = 0;
    *any = false;
    ExifData *ed = exif_data_new_from_data(jpeg, (unsigned)len);
    if (!ed)
        return;
    for (int i = 0; i < EXIF_IFD_COUNT; i++)
        *any |= ed->ifd[i]->count > 0;
    *gps = (int)ed->ifd[EXIF_IFD_GPS]->count;
    ExifEntry *e = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
    if (e)
        *orientation = exif_get_short(e->data, exif_data_get_byte_order(ed));
    exif_data_unref(ed);
}

static void test_jpeg_gps_gone(void)
{
    struct arena *a = arena_new();
    unsigned char *exif = NULL;
    unsigned exif_len = 0;
    make_exif(&exif, &exif_len);
    unsigned long len = 0;
    unsigned char *jpeg = make_jpeg(exif, exif_len, &len);
    free(exif);
    /* The input really carries the position, the make and a comment. */
    int gps = 0, orientation = 0;
    bool any = false;
    exif_of(jpeg, len, &gps, &orientation, &any);
    CHECK_INT(gps, 2);
    CHECK_INT(orientation, 6);
    CHECK(contains(jpeg, len, "SECRETCAM"));
    CHECK(contains(jpeg, len, "SECRETCOMMENT"));
    const char *mime = NULL;
    unsigned char *out = NULL;
    size_t out_len = 0;
    CHECK_INT(image_clean(a, jpeg, len, &mime, &out, &out_len), ERR_OK);
    CHECK_STR(mime, "image/jpeg");
    CHECK_STR(image_type(out, out_len), "image/jpeg");
    exif_of(out, out_len, &gps, &orientation, &any);
    CHECK_INT(gps, 0);         /* the position is gone */
    CHECK_INT(orientation, 6); /* the photo stays upright */
    CHECK(!contains(out, out_len, "SECRETCAM"));
    CHECK(!contains(out, out_len, "SECRETCOMMENT"));
    /* The picture is the same: it decodes to the same size. */
    struct jpeg_decompress_struct d;
    struct jpeg_error_mgr e;
    d.err = jpeg_std_error(&e);
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, out, (unsigned long)out_len);
    CHECK_INT(jpeg_read_header(&d, TRUE), JPEG_HEADER_OK);
    CHECK_INT(d.image_width, 24);
    CHECK_INT(d.image_height, 16);
    jpeg_destroy_decompress(&d);
    /* Without EXIF: no EXIF comes out (orientation 1 is not written). */
    unsigned long plain_len = 0;
    unsigned char *plain = make_jpeg(NULL, 0, &plain_len);
    CHECK_INT(image_clean(a, plain, plain_len, &mime, &out, &out_len), ERR_OK);
    exif_of(out, out_len, &gps, &orientation, &any);
    CHECK(!any);
    free(plain);
    /* A cut-off JPEG does not decode: refused. */
    CHECK_INT(image_clean(a, jpeg, 200, &mime, &out, &out_len), ERR_INVALID);
    free(jpeg);
    arena_free(a);
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

static void test_png_text_gone(void)
{
    struct arena *a = arena_new();
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    img.width = 8;
    img.height = 8;
    img.format = PNG_FORMAT_RGB;
    unsigned char pixels[8 * 8 * 3];
    for (size_t i = 0; i < sizeof(pixels); i++)
        pixels[i] = (unsigned char)(i * 3);
    unsigned char png[4096];
    png_alloc_size_t png_len = sizeof(png);
    CHECK(png_image_write_to_memory(&img, png, &png_len, 0, pixels, 0, NULL));
    /* Put a tEXt chunk with a position before IEND (the last 12 bytes). */
    const char text[] = "GPS\0-8.2194,114.3691";
    size_t tlen = sizeof(text) - 1;
    unsigned char with[4096 + 64];
    size_t at = png_len - 12;
    memcpy(with, png, at);
    unsigned char *c = with + at;
    c[0] = 0;
    c[1] = 0;
    c[2] = 0;
    c[3] = (unsigned char)tlen;
    memcpy(c + 4, "tEXt", 4);
    memcpy(c + 8, text, tlen);
    uint32_t crc = crc32_of(c + 4, 4 + tlen);
    for (int i = 0; i < 4; i++)
        c[8 + tlen + (size_t)i] = (unsigned char)(crc >> (24 - 8 * i));
    size_t with_len = at + 12 + tlen;
    memcpy(with + with_len, png + at, 12);
    with_len += 12;
    CHECK(contains(with, with_len, "114.3691"));
    const char *mime = NULL;
    unsigned char *out = NULL;
    size_t out_len = 0;
    CHECK_INT(image_clean(a, with, with_len, &mime, &out, &out_len), ERR_OK);
    CHECK_STR(mime, "image/png");
    CHECK(!contains(out, out_len, "114.3691"));
    CHECK(!contains(out, out_len, "tEXt"));
    /* The same pixels come back. */
    png_image back;
    memset(&back, 0, sizeof(back));
    back.version = PNG_IMAGE_VERSION;
    CHECK(png_image_begin_read_from_memory(&back, out, out_len));
    back.format = PNG_FORMAT_RGB;
    unsigned char again[8 * 8 * 3];
    CHECK(png_image_finish_read(&back, NULL, again, 0, NULL));
    CHECK(memcmp(again, pixels, sizeof(pixels)) == 0);
    /* A damaged text chunk is dropped (its CRC fails), the picture kept. */
    with[at + 8] ^= 0x20;
    CHECK_INT(image_clean(a, with, with_len, &mime, &out, &out_len), ERR_OK);
    CHECK(!contains(out, out_len, "114.3691"));
    /* A damaged header is refused, as is something else entirely. */
    with[18] ^= 0x01; /* IHDR's width: its CRC no longer matches */
    CHECK_INT(image_clean(a, with, with_len, &mime, &out, &out_len),
              ERR_INVALID);
    CHECK_INT(image_clean(a, (const unsigned char *)"GIF89a....", 10, &mime,
                          &out, &out_len),
              ERR_INVALID);
    CHECK(mime == NULL);
    arena_free(a);
}

/* Width and height of a JPEG. */
static void jpeg_dims(const unsigned char *p, size_t n, long *w, long *h)
{
    struct jpeg_decompress_struct d;
    struct jpeg_error_mgr e;
    d.err = jpeg_std_error(&e);
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, p, (unsigned long)n);
    *w = *h = 0;
    if (jpeg_read_header(&d, TRUE) == JPEG_HEADER_OK) {
        *w = (long)d.image_width;
        *h = (long)d.image_height;
    }
    jpeg_destroy_decompress(&d);
}

/* A phone photo is scaled down to the longer side asked for, its GPS
 * gone and its orientation kept; one within the size is not touched
 * beyond cleaning; a PNG is scaled too. */
static void test_scaled(void)
{
    struct arena *a = arena_new();
    unsigned char *exif = NULL;
    unsigned exif_len = 0;
    make_exif(&exif, &exif_len);
    static const struct {
        int w, h, comps, max_side;
        long want_w, want_h;
    } cases[] = {
        {4000, 3000, 3, 1600, 1600, 1200}, /* landscape, DCT 3/8 then area */
        {3000, 4000, 3, 1600, 1200, 1600}, /* portrait */
        {4000, 3000, 1, 1600, 1600, 1200}, /* grey */
        {1601, 1200, 3, 1600, 1600, 1199}, /* one pixel over */
        {1600, 1200, 3, 1600, 1600, 1200}, /* exactly: cleaned only */
        {800, 600, 3, 1600, 800, 600},     /* small: cleaned only */
        {6400, 100, 3, 1600, 1600, 25},    /* a strip */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned long len = 0;
        unsigned char *jpeg = make_jpeg_sized(
            cases[i].w, cases[i].h, cases[i].comps, exif, exif_len, &len);
        const char *mime = NULL;
        unsigned char *out = NULL;
        size_t out_len = 0;
        CHECK_INT(image_prepare(a, jpeg, len, cases[i].max_side, &mime, &out,
                                &out_len),
                  ERR_OK);
        CHECK_STR(mime, "image/jpeg");
        long w = 0, h = 0;
        jpeg_dims(out, out_len, &w, &h);
        if (w != cases[i].want_w || h != cases[i].want_h)
            fprintf(stderr, "  case %zu: %ldx%ld\n", i, w, h);
        CHECK_INT(w, cases[i].want_w);
        CHECK_INT(h, cases[i].want_h);
        int gps = 0, orientation = 0;
        bool any = false;
        exif_of(out, out_len, &gps, &orientation, &any);
        CHECK_INT(gps, 0);
        CHECK_INT(orientation, 6);
        CHECK(!contains(out, out_len, "SECRETCAM"));
        CHECK(!contains(out, out_len, "SECRETCOMMENT"));
        free(jpeg);
    }
    free(exif);
    /* A 3000 x 1000 PNG becomes 1600 x 533; its pixels are averaged
     * (black and white stripes two pixels wide become grey-ish). */
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    img.width = 3000;
    img.height = 1000;
    img.format = PNG_FORMAT_GRAY;
    unsigned char *px = malloc(3000 * 1000);
    for (size_t i = 0; i < 3000 * 1000; i++)
        px[i] = (i % 3000) / 2 % 2 ? 255 : 0;
    png_alloc_size_t plen = 0;
    CHECK(png_image_write_get_memory_size(img, plen, 0, px, 0, NULL));
    unsigned char *png = malloc(plen);
    CHECK(png_image_write_to_memory(&img, png, &plen, 0, px, 0, NULL));
    free(px);
    const char *mime = NULL;
    unsigned char *out = NULL;
    size_t out_len = 0;
    CHECK_INT(image_prepare(a, png, plen, 1600, &mime, &out, &out_len), ERR_OK);
    CHECK_STR(mime, "image/png");
    png_image back;
    memset(&back, 0, sizeof(back));
    back.version = PNG_IMAGE_VERSION;
    CHECK(png_image_begin_read_from_memory(&back, out, out_len));
    CHECK_INT(back.width, 1600);
    CHECK_INT(back.height, 533);
    png_image_free(&back);
    free(png);
    /* Not a picture, however it is asked. */
    CHECK_INT(image_prepare(a, (const unsigned char *)"GIF89a....", 10, 1600,
                            &mime, &out, &out_len),
              ERR_INVALID);
    arena_free(a);
}

static void test_types(void)
{
    CHECK_STR(image_type((const unsigned char *)"\xFF\xD8\xFF\xE0", 4),
              "image/jpeg");
    CHECK(image_type((const unsigned char *)"\xFF\xD8", 2) == NULL);
    CHECK_STR(image_type((const unsigned char *)"\x89PNG\r\n\x1a\n", 8),
              "image/png");
    CHECK(image_type((const unsigned char *)"<svg", 4) == NULL);
}

int main(void)
{
    RUN(test_types);
    RUN(test_jpeg_gps_gone);
    RUN(test_png_text_gone);
    RUN(test_scaled);
    TEST_END();
}
