/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* qr.c: QR code to SVG (see qr.h). One <path> of unit squares. */
#include "base/qr.h"

#include <qrencode.h>

#include "base/html.h"

bool qr_svg(struct buf *out, const char *text, int size_px, const char *label)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return false;
    int w = q->width, quiet = 4, total = w + 2 * quiet;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" "
               "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"",
               size_px, size_px, total, total);
    html_text(out, label);
    buf_puts(out, "\"><title>");
    html_text(out, label);
    buf_printf(out,
               "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
               "<path fill=\"#000\" d=\"",
               total, total);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (q->data[y * w + x] & 1)
                buf_printf(out, "M%d %dh1v1h-1z", x + quiet, y + quiet);
    buf_puts(out, "\"/></svg>");
    QRcode_free(q);
    return true;
}
