/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * devices.h: the kiosk devices page: the enrolled tablets of an office
 * (or of every office, for an administrator), enrolling this browser as
 * a kiosk, revoking one.
 */
#ifndef SP_VIEWS_DEVICES_H
#define SP_VIEWS_DEVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "store/devices.h"
#include "store/offices.h"
#include "views/view.h"

struct devices_page {
    const struct device *items; /* the devices shown */
    size_t n_items;
    const struct office *offices; /* the choice of office (administrators),
                                     or NULL: the user's own office */
    size_t n_offices;
    const char *own_office; /* the office name when not a choice */
    bool this_is_kiosk;     /* this browser is an enrolled device */
    const char *flash;      /* result of the last action, or NULL */
    const struct field_errors *fe;
};

void view_devices(struct view *v, const struct devices_page *p);

#endif
