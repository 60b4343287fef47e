/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * devices.h: kiosk devices as the kiosk pages and the API meet them: the
 * credential a tablet presents (cookie sp_device, or the header
 * X-Satupintu-Device for the API) is 256 random bits; a wrong one counts
 * as a failed secret of the address (svc/guard.h), and an address that
 * failed too often is answered "throttled" for wrong ones (a valid
 * credential still works, so no stranger can lock a kiosk out).
 */
#ifndef SP_SVC_DEVICES_H
#define SP_SVC_DEVICES_H

#include <stdbool.h>

#include "store/devices.h"
#include "svc/svc.h"

enum device_outcome {
    DEVICE_OK,        /* *out is the enrolled device */
    DEVICE_NONE,      /* no credential presented */
    DEVICE_UNKNOWN,   /* unknown credential (counted) */
    DEVICE_REVOKED,   /* the device was enrolled, then revoked */
    DEVICE_THROTTLED, /* unknown, and the address failed too often */
};

/* The device holding token (NULL/"" = none presented). */
enum err device_check(const struct svc_ctx *c, const char *token,
                      struct device *out, enum device_outcome *outcome)
    __attribute__((warn_unused_result));

#endif
