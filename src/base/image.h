/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * image.h: photos that citizens and offices upload, recognised by their
 * content, never by the name or the Content-Type the browser sends.
 */
#ifndef SP_BASE_IMAGE_H
#define SP_BASE_IMAGE_H

#include <stddef.h>

/*
 * The type of data[0..len) by its signature: "image/jpeg" (FF D8 FF) or
 * "image/png" (the 8-byte PNG signature); NULL for anything else.
 */
const char *image_type(const unsigned char *data, size_t len);

#endif
