/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * guard.h: the limits on guessing secrets, in one place (docs/SECURITY.md
 * rules 38 and 39 state them and their bounds). Every path that checks a
 * secret goes through these functions: passwords (svc/signin.c), tracking
 * PINs of applications and complaints in every form (HTML, API, Open311;
 * svc/track.c), survey and complaint tokens, kiosk device credentials.
 *
 * Secrets other than passwords (PINs, tokens, device credentials):
 *   - an address that failed GUARD_ADDR_MAX times within an hour is
 *     refused (429) until the hour's window ends, whatever it asks for;
 *   - a number (registration or complaint) that failed GUARD_NUMBER_MAX
 *     times within a 30-day window, from any addresses, is *guarded*: the
 *     PIN alone no longer opens it; the holder adds a second fact the
 *     receipt's holder knows and a guesser does not (the birth date in the
 *     NIK for an application, the last four digits of the phone given for
 *     a complaint). The rightful holder is never locked out by strangers,
 *     and the PIN alone can be guessed at most 2 x GUARD_NUMBER_MAX times
 *     per 30 days (a window boundary) whatever the number of addresses.
 * Failures are counted after the check (a PIN compare is instant), so
 * concurrent requests can overshoot a limit by at most the number of
 * worker threads.
 */
#ifndef SP_SVC_GUARD_H
#define SP_SVC_GUARD_H

#include <stdbool.h>

#include "base/err.h"
#include "svc/svc.h"

#define GUARD_ADDR_MAX 30                  /* failures per address */
#define GUARD_ADDR_WINDOW_S 3600           /* per hour */
#define GUARD_NUMBER_MAX 10                /* failures per number */
#define GUARD_NUMBER_WINDOW_S (30 * 86400) /* per 30 days */

/* Has this address failed too often (secrets other than passwords)? */
enum err guard_addr_blocked(const struct svc_ctx *c, bool *blocked)
    __attribute__((warn_unused_result));
/* Is number guarded (needs the second fact)? */
enum err guard_number_guarded(const struct svc_ctx *c, const char *number,
                              bool *guarded)
    __attribute__((warn_unused_result));
/* Both of the above in one query. */
enum err guard_check(const struct svc_ctx *c, const char *number, bool *blocked,
                     bool *guarded) __attribute__((warn_unused_result));
/* Count a failed check by this address, against number when not NULL. */
enum err guard_failed(const struct svc_ctx *c, const char *number)
    __attribute__((warn_unused_result));

#endif
