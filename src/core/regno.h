/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * regno.h: registration numbers, and the check digit that guards them.
 *
 * A registration number is YY OOO SSSSS C: the two-digit year, the
 * office's number (001..999, fixed per office), a serial per office and
 * year (00001.., more digits when needed), and a Damm check digit over all
 * the digits before it. Written "26-009-00042-7"; read back with any of
 * spaces, dots or hyphens. The Damm check digit catches every single-digit
 * error and every swap of two neighbouring digits, so a mistyped number is
 * refused before any lookup. Uniqueness comes from the store: the serial is
 * taken from a per-office, per-year counter inside the writing transaction.
 */
#ifndef SP_CORE_REGNO_H
#define SP_CORE_REGNO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REGNO_MAX 24 /* bytes for the written form, with the NUL */

/* The Damm check digit ('0'..'9') of a string of digits. */
char damm_check_digit(const char *digits, size_t n);
/* True when the last digit is the Damm check digit of the others. */
bool damm_valid(const char *digits, size_t n);

/*
 * Write the number for year (e.g. 2026), office number 1..999 and serial
 * >= 1 into out, e.g. "26-009-00042-7".
 */
void regno_format(int year, int office_no, int64_t serial, char out[REGNO_MAX]);

enum regno_check {
    REGNO_OK,        /* well-formed, check digit right */
    REGNO_MALFORMED, /* wrong characters or length */
    REGNO_BAD_CHECK, /* digits fine, check digit wrong: a typing error */
};

/*
 * Read what a citizen typed: keep the digits (spaces, '.', '-' skipped),
 * 11 to 16 of them, and verify the check digit. On REGNO_OK, canon gets
 * the written form ("26-009-00042-7").
 */
enum regno_check regno_parse(const char *typed, char canon[REGNO_MAX]);

#endif
