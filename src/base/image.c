/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* image.c: photo types by content, and metadata stripped (see image.h). */
#include "base/image.h"

#include <libexif/exif-data.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "base/arena.h"

const char *image_type(const unsigned char *d, size_t n)
{
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    return NULL;
}

/* libjpeg reports errors by calling error_exit, which must not return:
 * jump back to the caller instead of the default exit(). */
struct jerr {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
};

static void jerr_exit(j_common_ptr cinfo)
{
    struct jerr *e = (struct jerr *)(void *)cinfo->err;
    longjmp(e->jump, 1);
}

static void jerr_quiet(j_common_ptr cinfo)
{
    (void)cinfo; /* corrupt-data warnings are not logged */
}

/* The EXIF orientation (1..8) of the saved APP1 markers, 1 when none. */
static int jpeg_orientation(j_decompress_ptr in)
{
    int orientation = 1;
    for (jpeg_saved_marker_ptr m = in->marker_list; m; m = m->next) {
        if (m->marker != JPEG_APP0 + 1 || m->data_length < 6 ||
            memcmp(m->data, "Exif\0\0", 6) != 0)
            continue;
        ExifData *ed = exif_data_new_from_data(m->data, m->data_length);
        if (!ed)
            continue;
        ExifEntry *e = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
        if (e && e->format == EXIF_FORMAT_SHORT && e->components == 1 &&
            e->size >= 2) {
            ExifShort v = exif_get_short(e->data, exif_data_get_byte_order(ed));
            if (v >= 1 && v <= 8)
                orientation = v;
        }
        exif_data_unref(ed);
        break;
    }
    return orientation;
}

/* Everything clean_jpeg changes after setjmp lives here, in the arena
 * (automatic variables changed between setjmp and longjmp would be
 * indeterminate afterwards). */
struct jstate {
    struct jpeg_decompress_struct in;
    struct jpeg_compress_struct dst;
    struct jerr err; /* shared by both */
    bool have_dst;
    unsigned char *mem; /* libjpeg's output (malloc) */
    unsigned long mem_len;
};

static enum err clean_jpeg(struct arena *a, const unsigned char *data,
                           size_t len, unsigned char **out, size_t *out_len)
{
    struct jstate *s = arena_alloc(a, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->in.err = jpeg_std_error(&s->err.pub);
    s->dst.err = &s->err.pub;
    s->err.pub.error_exit = jerr_exit;
    s->err.pub.output_message = jerr_quiet;
    if (setjmp(s->err.jump)) {
        if (s->have_dst)
            jpeg_destroy_compress(&s->dst);
        jpeg_destroy_decompress(&s->in);
        free(s->mem);
        return ERR_INVALID;
    }
    jpeg_create_decompress(&s->in);
    jpeg_mem_src(&s->in, data, (unsigned long)len);
    jpeg_save_markers(&s->in, JPEG_APP0 + 1, 0xFFFF);
    if (jpeg_read_header(&s->in, TRUE) != JPEG_HEADER_OK ||
        s->in.image_width == 0 || s->in.image_height == 0 ||
        (long)s->in.image_width * (long)s->in.image_height > IMAGE_MAX_PIXELS) {
        jpeg_destroy_decompress(&s->in);
        return ERR_INVALID;
    }
    int orientation = jpeg_orientation(&s->in);
    jvirt_barray_ptr *coef = jpeg_read_coefficients(&s->in);
    jpeg_create_compress(&s->dst);
    s->have_dst = true;
    jpeg_copy_critical_parameters(&s->in, &s->dst);
    jpeg_mem_dest(&s->dst, &s->mem, &s->mem_len);
    jpeg_write_coefficients(&s->dst, coef);
    if (orientation != 1) {
        /* A minimal EXIF block: one IFD with the orientation only
         * (big-endian TIFF header, tag 0x0112, SHORT, count 1). */
        unsigned char exif[] = {
            'E',  'x',  'i', 'f', 0, 0, 'M', 'M', 0, 0x2A, 0, 0, 0, 8, 0, 1,
            0x01, 0x12, 0,   3,   0, 0, 0,   1,   0, 0,    0, 0, 0, 0, 0, 0};
        exif[25] = (unsigned char)orientation;
        jpeg_write_marker(&s->dst, JPEG_APP0 + 1, exif, sizeof(exif));
    }
    jpeg_finish_compress(&s->dst);
    jpeg_finish_decompress(&s->in);
    jpeg_destroy_compress(&s->dst);
    jpeg_destroy_decompress(&s->in);
    *out = arena_alloc(a, s->mem_len ? s->mem_len : 1);
    memcpy(*out, s->mem, s->mem_len);
    *out_len = s->mem_len;
    free(s->mem);
    return ERR_OK;
}

static enum err clean_png(struct arena *a, const unsigned char *data,
                          size_t len, unsigned char **out, size_t *out_len)
{
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, data, len))
        return ERR_INVALID;
    if ((long)img.width * (long)img.height > IMAGE_MAX_PIXELS) {
        png_image_free(&img);
        return ERR_INVALID;
    }
    /* Keep the natural format (grey or colour, with or without alpha),
     * 8 bits per channel; a palette is expanded. */
    img.format &=
        ~(png_uint_32)(PNG_FORMAT_FLAG_COLORMAP | PNG_FORMAT_FLAG_LINEAR);
    size_t stride = PNG_IMAGE_ROW_STRIDE(img);
    size_t size = PNG_IMAGE_BUFFER_SIZE(img, stride);
    unsigned char *pixels = malloc(size);
    if (!pixels)
        abort();
    if (!png_image_finish_read(&img, NULL, pixels, (png_int_32)stride, NULL)) {
        free(pixels);
        png_image_free(&img);
        return ERR_INVALID;
    }
    png_alloc_size_t need = 0;
    enum err rc = ERR_INVALID;
    if (png_image_write_get_memory_size(img, need, 0, pixels,
                                        (png_int_32)stride, NULL)) {
        unsigned char *buf = arena_alloc(a, need ? need : 1);
        png_alloc_size_t got = need;
        if (png_image_write_to_memory(&img, buf, &got, 0, pixels,
                                      (png_int_32)stride, NULL)) {
            *out = buf;
            *out_len = got;
            rc = ERR_OK;
        }
    }
    free(pixels);
    png_image_free(&img);
    return rc;
}

enum err image_clean(struct arena *a, const unsigned char *data, size_t len,
                     const char **mime, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    *mime = image_type(data, len);
    if (!*mime)
        return ERR_INVALID;
    if (strcmp(*mime, "image/jpeg") == 0)
        return clean_jpeg(a, data, len, out, out_len);
    return clean_png(a, data, len, out, out_len);
}
