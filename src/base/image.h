/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * image.h: photos that citizens and offices upload, recognised by their
 * content, never by the name or the Content-Type the browser sends; and
 * cleaned of what a camera writes besides the picture (EXIF with the GPS
 * position, XMP, comments, text chunks) before they are stored.
 */
#ifndef SP_BASE_IMAGE_H
#define SP_BASE_IMAGE_H

#include <stddef.h>

#include "base/err.h"

struct arena;

/*
 * The type of data[0..len) by its signature: "image/jpeg" (FF D8 FF) or
 * "image/png" (the 8-byte PNG signature); NULL for anything else.
 */
const char *image_type(const unsigned char *data, size_t len);

/* The largest picture accepted for cleaning (width x height). */
#define IMAGE_MAX_PIXELS (25L * 1000 * 1000)

/*
 * A copy of the JPEG or PNG photo data[0..len) without its metadata:
 *   JPEG: transcoded losslessly (libjpeg: the DCT coefficients are copied,
 *         every APPn and COM marker dropped), with only the EXIF
 *         orientation (read with libexif) written back, so a phone's
 *         portrait photo stays upright;
 *   PNG:  decoded and encoded again (libpng): pixels only, no tEXt, iTXt,
 *         zTXt, eXIf or other ancillary chunks.
 * *out (in the arena) and *out_len; *mime its type. ERR_INVALID when the
 * data is not a JPEG or PNG that decodes, or is larger than
 * IMAGE_MAX_PIXELS.
 */
enum err image_clean(struct arena *a, const unsigned char *data, size_t len,
                     const char **mime, unsigned char **out, size_t *out_len)
    __attribute__((warn_unused_result));

/* A JPEG decoded at a reduced DCT scale may be this large (a 48-megapixel
 * phone photo); it is never held at full size. */
#define IMAGE_MAX_PIXELS_SCALED (100L * 1000 * 1000)

/*
 * image_clean(), and a photo whose longer side exceeds max_side pixels is
 * scaled down to max_side (aspect kept), so a 12 MB phone photo is stored
 * as a few hundred KB:
 *   JPEG: decoded with libjpeg's DCT scaling (M/8, the smallest scale that
 *         is still at least max_side, so the full-size picture is never in
 *         memory), then averaged down to max_side and encoded again at
 *         quality 85 with no marker but the orientation (libexif as
 *         above); JPEGs up to IMAGE_MAX_PIXELS_SCALED;
 *   PNG:  decoded (up to IMAGE_MAX_PIXELS), averaged down, encoded again.
 * A photo within max_side is only cleaned (losslessly for a JPEG).
 * max_side 0: never scaled (image_clean()).
 */
enum err image_prepare(struct arena *a, const unsigned char *data, size_t len,
                       int max_side, const char **mime, unsigned char **out,
                       size_t *out_len) __attribute__((warn_unused_result));

#endif
