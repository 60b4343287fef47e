/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * throttle.h: counters in time windows, the one throttle behind
 * every secret that is checked (passwords, tracking PINs, survey and
 * complaint tokens, device credentials) and every anonymous door
 * (complaints, kiosks). The rules (which key, which window, which limit)
 * live with the callers and in docs/SECURITY.md; this file only counts.
 *
 * A counter is a row (key, window_start, n). throttle_hit() adds one in
 * a single statement (an upsert with RETURNING), so two requests at once
 * never both see the old count: a caller that reserves an attempt with
 * throttle_hit() before doing the expensive check gets an exact limit
 * under any concurrency. A window opens at the first hit after the last
 * one expired and lasts window_s seconds, so a burst is counted in one
 * window (a window aligned to the clock could split it); a new window
 * starts from 0, so in the worst case 2 x limit attempts fit in a span of
 * window_s seconds around the end of one (written in SECURITY.md's
 * bounds).
 *
 * Keys are built by the caller ("signin:pair:LOGIN ADDR", "pin:no:P-...");
 * they may hold any text. Hits are not part of the caller's transaction
 * when called outside one, which is how callers use them: a failure stays
 * counted even when the request's work is rolled back.
 */
#ifndef SP_STORE_THROTTLE_H
#define SP_STORE_THROTTLE_H

#include <stdint.h>

#include "base/err.h"

struct db;

/* Add one to key's counter in its open window (opening one at now when
 * none is open); *n = the new count (1 for the first hit of a window). */
enum err throttle_hit(struct db *db, const char *key, int64_t window_s,
                      int64_t now, int64_t *n)
    __attribute__((warn_unused_result));
/* key's count in its window open at now (0 when none). window_s is
 * unused (the window carries its own end). */
enum err throttle_count(struct db *db, const char *key, int64_t window_s,
                        int64_t now, int64_t *n)
    __attribute__((warn_unused_result));
/* Two keys' counts in their open windows, read in one query (0 when
 * none); the window lengths are unused, as in throttle_count(). */
enum err throttle_count2(struct db *db, const char *key1, int64_t window1_s,
                         const char *key2, int64_t window2_s, int64_t now,
                         int64_t *n1, int64_t *n2)
    __attribute__((warn_unused_result));
/* Give one back (a reserved attempt that succeeded); never below 0. */
enum err throttle_refund(struct db *db, const char *key, int64_t window_s,
                         int64_t now) __attribute__((warn_unused_result));
/* Forget key's counter (after a successful sign-in). */
enum err throttle_clear(struct db *db, const char *key)
    __attribute__((warn_unused_result));
/* Forget every counter whose key starts with prefix. */
enum err throttle_clear_prefix(struct db *db, const char *prefix)
    __attribute__((warn_unused_result));
/* Delete counters whose window ended by `now` (the jobs thread). */
enum err throttle_expire(struct db *db, int64_t now, int64_t *deleted)
    __attribute__((warn_unused_result));

#endif
