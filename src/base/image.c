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

/* The size w x h scaled so that its longer side is max_side (at least 1). */
static void fit(long w, long h, int max_side, long *ow, long *oh)
{
    if (w >= h) {
        *ow = max_side;
        *oh = (h * max_side + w / 2) / w;
    } else {
        *oh = max_side;
        *ow = (w * max_side + h / 2) / h;
    }
    if (*ow < 1)
        *ow = 1;
    if (*oh < 1)
        *oh = 1;
}

/*
 * Area average of interleaved 8-bit pixels (ch channels) from sw x sh to
 * dw x dh (dw <= sw, dh <= sh): each output pixel is the mean of the
 * input pixels whose box it covers. dst has dw * dh * ch bytes.
 */
static void shrink(const unsigned char *src, long sw, long sh, int ch,
                   unsigned char *dst, long dw, long dh)
{
    if (ch < 1 || ch > 4)
        return; /* gray, RGB or RGBA only */
    for (long oy = 0; oy < dh; oy++) {
        long y0 = oy * sh / dh, y1 = (oy + 1) * sh / dh;
        if (y1 <= y0)
            y1 = y0 + 1;
        for (long ox = 0; ox < dw; ox++) {
            long x0 = ox * sw / dw, x1 = (ox + 1) * sw / dw;
            if (x1 <= x0)
                x1 = x0 + 1;
            unsigned long sum[4] = {0, 0, 0, 0};
            for (long y = y0; y < y1; y++) {
                const unsigned char *p =
                    src + ((size_t)y * (size_t)sw + (size_t)x0) * (size_t)ch;
                for (long x = x0; x < x1; x++)
                    for (int k = 0; k < ch; k++)
                        sum[k] += *p++;
            }
            unsigned long n = (unsigned long)((y1 - y0) * (x1 - x0));
            unsigned char *q =
                dst + ((size_t)oy * (size_t)dw + (size_t)ox) * (size_t)ch;
            for (int k = 0; k < ch; k++)
                q[k] = (unsigned char)((sum[k] + n / 2) / n);
        }
    }
}

/* The minimal EXIF block with only the orientation (big-endian TIFF
 * header, one IFD, tag 0x0112, SHORT, count 1), when it is not 1. */
static void write_orientation(j_compress_ptr dst, int orientation)
{
    if (orientation == 1)
        return;
    unsigned char exif[] = {'E', 'x', 'i', 'f', 0, 0,    'M',  'M', 0, 0x2A, 0,
                            0,   0,   8,   0,   1, 0x01, 0x12, 0,   3, 0,    0,
                            0,   1,   0,   0,   0, 0,    0,    0,   0, 0};
    exif[25] = (unsigned char)orientation;
    jpeg_write_marker(dst, JPEG_APP0 + 1, exif, sizeof(exif));
}

/* The state of a scaled JPEG, in the arena (see struct jstate). */
struct jscaled {
    struct jpeg_decompress_struct in;
    struct jpeg_compress_struct dst;
    struct jerr err;
    bool have_dst;
    unsigned char *pixels; /* the decoded picture (malloc) */
    unsigned char *small;  /* the averaged picture (malloc) */
    unsigned char *mem;    /* libjpeg's output (malloc) */
    unsigned long mem_len;
};

static enum err scale_jpeg(struct arena *a, const unsigned char *data,
                           size_t len, int max_side, unsigned char **out,
                           size_t *out_len)
{
    struct jscaled *s = arena_alloc(a, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->in.err = jpeg_std_error(&s->err.pub);
    s->dst.err = &s->err.pub;
    s->err.pub.error_exit = jerr_exit;
    s->err.pub.output_message = jerr_quiet;
    if (setjmp(s->err.jump)) {
        if (s->have_dst)
            jpeg_destroy_compress(&s->dst);
        jpeg_destroy_decompress(&s->in);
        free(s->pixels);
        free(s->small);
        free(s->mem);
        return ERR_INVALID;
    }
    jpeg_create_decompress(&s->in);
    jpeg_mem_src(&s->in, data, (unsigned long)len);
    jpeg_save_markers(&s->in, JPEG_APP0 + 1, 0xFFFF);
    if (jpeg_read_header(&s->in, TRUE) != JPEG_HEADER_OK ||
        s->in.image_width == 0 || s->in.image_height == 0 ||
        (long)s->in.image_width * (long)s->in.image_height >
            IMAGE_MAX_PIXELS_SCALED) {
        jpeg_destroy_decompress(&s->in);
        return ERR_INVALID;
    }
    int orientation = jpeg_orientation(&s->in);
    long w = (long)s->in.image_width, h = (long)s->in.image_height;
    long longer = w > h ? w : h;
    /* The smallest M/8 that keeps the longer side at least max_side. */
    unsigned m = 1;
    while (m < 8 && (longer * (long)m + 7) / 8 < max_side)
        m++;
    s->in.scale_num = m;
    s->in.scale_denom = 8;
    s->in.dct_method = JDCT_ISLOW;
    if (s->in.jpeg_color_space == JCS_CMYK ||
        s->in.jpeg_color_space == JCS_YCCK)
        s->in.out_color_space = JCS_CMYK;
    else if (s->in.num_components == 1)
        s->in.out_color_space = JCS_GRAYSCALE;
    else
        s->in.out_color_space = JCS_RGB;
    jpeg_start_decompress(&s->in);
    long sw = (long)s->in.output_width, sh = (long)s->in.output_height;
    int ch = s->in.output_components;
    size_t row = (size_t)sw * (size_t)ch;
    /* Zeroed: a short file leaves no garbage behind. */
    s->pixels = calloc(1, row * (size_t)sh);
    if (!s->pixels)
        abort();
    while (s->in.output_scanline < s->in.output_height) {
        JSAMPROW rp = s->pixels + row * s->in.output_scanline;
        jpeg_read_scanlines(&s->in, &rp, 1);
    }
    /* The target from the picture's own size (the DCT scale rounds up). */
    long dw, dh;
    fit(w, h, max_side, &dw, &dh);
    if (dw > sw)
        dw = sw;
    if (dh > sh)
        dh = sh;
    s->small = malloc((size_t)dw * (size_t)dh * (size_t)ch);
    if (!s->small)
        abort();
    shrink(s->pixels, sw, sh, ch, s->small, dw, dh);
    jpeg_create_compress(&s->dst);
    s->have_dst = true;
    jpeg_mem_dest(&s->dst, &s->mem, &s->mem_len);
    s->dst.image_width = (JDIMENSION)dw;
    s->dst.image_height = (JDIMENSION)dh;
    s->dst.input_components = ch;
    s->dst.in_color_space = s->in.out_color_space;
    jpeg_set_defaults(&s->dst);
    jpeg_set_quality(&s->dst, 85, TRUE);
    s->dst.write_JFIF_header = FALSE;
    jpeg_start_compress(&s->dst, TRUE);
    write_orientation(&s->dst, orientation);
    size_t drow = (size_t)dw * (size_t)ch;
    while (s->dst.next_scanline < s->dst.image_height) {
        JSAMPROW rp = s->small + drow * s->dst.next_scanline;
        jpeg_write_scanlines(&s->dst, &rp, 1);
    }
    jpeg_finish_compress(&s->dst);
    jpeg_finish_decompress(&s->in);
    jpeg_destroy_compress(&s->dst);
    jpeg_destroy_decompress(&s->in);
    *out = arena_alloc(a, s->mem_len ? s->mem_len : 1);
    memcpy(*out, s->mem, s->mem_len);
    *out_len = s->mem_len;
    free(s->pixels);
    free(s->small);
    free(s->mem);
    return ERR_OK;
}

/* The state of jpeg_size, in the arena (see struct jstate). */
struct jheader {
    struct jpeg_decompress_struct in;
    struct jerr err;
};

/* Width and height from a JPEG's header, false when it has none. */
static bool jpeg_size(struct arena *a, const unsigned char *data, size_t len,
                      long *w, long *h)
{
    struct jheader *s = arena_alloc(a, sizeof(*s));
    memset(s, 0, sizeof(*s));
    s->in.err = jpeg_std_error(&s->err.pub);
    s->err.pub.error_exit = jerr_exit;
    s->err.pub.output_message = jerr_quiet;
    if (setjmp(s->err.jump)) {
        jpeg_destroy_decompress(&s->in);
        return false;
    }
    jpeg_create_decompress(&s->in);
    jpeg_mem_src(&s->in, data, (unsigned long)len);
    bool ok = jpeg_read_header(&s->in, TRUE) == JPEG_HEADER_OK;
    *w = ok ? (long)s->in.image_width : 0;
    *h = ok ? (long)s->in.image_height : 0;
    jpeg_destroy_decompress(&s->in);
    return ok;
}

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
    write_orientation(&s->dst, orientation);
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
                          size_t len, int max_side, unsigned char **out,
                          size_t *out_len)
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
    long w = (long)img.width, h = (long)img.height;
    if (max_side > 0 && (w > h ? w : h) > max_side) {
        long dw, dh;
        fit(w, h, max_side, &dw, &dh);
        int ch = (int)PNG_IMAGE_PIXEL_CHANNELS(img.format);
        unsigned char *small = malloc((size_t)dw * (size_t)dh * (size_t)ch);
        if (!small)
            abort();
        shrink(pixels, w, h, ch, small, dw, dh);
        free(pixels);
        pixels = small;
        img.width = (png_uint_32)dw;
        img.height = (png_uint_32)dh;
        stride = PNG_IMAGE_ROW_STRIDE(img);
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
    return image_prepare(a, data, len, 0, mime, out, out_len);
}

enum err image_prepare(struct arena *a, const unsigned char *data, size_t len,
                       int max_side, const char **mime, unsigned char **out,
                       size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    *mime = image_type(data, len);
    if (!*mime)
        return ERR_INVALID;
    if (strcmp(*mime, "image/jpeg") == 0) {
        long w = 0, h = 0;
        if (max_side > 0 && jpeg_size(a, data, len, &w, &h) &&
            (w > h ? w : h) > max_side)
            return scale_jpeg(a, data, len, max_side, out, out_len);
        return clean_jpeg(a, data, len, out, out_len);
    }
    return clean_png(a, data, len, max_side, out, out_len);
}
