/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * hours.h: an office's weekly opening hours.
 *
 * Stored as one text of seven comma-separated entries, Sunday first, each
 * "HH:MM-HH:MM" or "-" for closed, e.g.
 *   "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00,-"
 * The default (HOURS_DEFAULT) is the regency government's working week:
 * Monday to Thursday 07:30-15:30, Friday 07:30-14:00, closed at weekends.
 */
#ifndef SP_CORE_HOURS_H
#define SP_CORE_HOURS_H

#include <stdbool.h>
#include <stddef.h>

#define HOURS_DEFAULT                                                          \
    "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00,-"

struct hours {
    int open[7];  /* minutes after midnight, Sunday = 0; -1 closed */
    int close[7]; /* minutes after midnight; > open when open */
};

/* Parse the stored text; false when malformed or close <= open. */
bool hours_parse(const char *text, struct hours *out);
/* Format as the stored text into out (at least 96 bytes). */
void hours_format(const struct hours *h, char *out, size_t outlen);
/* True when the office opens on weekday wd (0 = Sunday). */
bool hours_is_open_day(const struct hours *h, int wd);

#endif
