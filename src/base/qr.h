/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * qr.h: QR codes as SVG, drawn by the server (libqrencode), for receipts.
 */
#ifndef SP_BASE_QR_H
#define SP_BASE_QR_H

#include <stdbool.h>

#include "base/buf.h"

/*
 * Append an <svg role="img"> of the QR code of text (error correction
 * level M) with a 4-module quiet zone, scaled to size_px, named by label
 * (its text alternative, escaped: aria-label and <title>); false when text
 * cannot be encoded (too long).
 */
bool qr_svg(struct buf *out, const char *text, int size_px, const char *label);

#endif
