/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* image.c: photo types by content (see image.h). */
#include "base/image.h"

#include <string.h>

const char *image_type(const unsigned char *d, size_t n)
{
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
        return "image/jpeg";
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    return NULL;
}
