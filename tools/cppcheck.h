/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cppcheck.h: read by cppcheck before every file (tools/lint-cppcheck.sh),
 * never by the compiler. cppcheck 2.10 does not parse GCC attributes on
 * function pointer members and typedefs (warn_unused_result), so they are
 * hidden from it; the compiler still sees and enforces them.
 */
#define __attribute__(x)
