/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * regno.h: registration numbers, and the check digit that guards them.
 *
 * A registration number is YY-OOO-SSSSS-C: the two-digit year, the
 * office's number (fixed per office), a serial per office and year, and a
 * Damm check digit over all the digits before it. Written
 * "26-009-00042-7"; read back with any of spaces, dots or hyphens, or none.
 * The Damm check digit catches every single-digit error and every swap of
 * two neighbouring digits, so a mistyped number is refused before any
 * lookup. Uniqueness comes from the store: the serial is taken from a
 * per-office, per-year counter inside the writing transaction.
 *
 * The fields, so that the digits alone (typed without separators) can
 * always be split again and two offices never share a number:
 *   - office 1..999: three digits, "001".."999";
 *   - office 1000..99999 (a province's offices on one database): as many
 *     zeros as the number has digits less one, then the number: 1000 is
 *     "0001000", 9999 "0009999", 10000 "000010000". "000" never starts a
 *     three-digit office (office 0 does not exist), so a reader knows the
 *     width from the leading zeros: up to two, three digits; z >= 3 of
 *     them, 2z + 1 digits;
 *   - office 0, negative or above 99999: refused (regno_format() returns
 *     false), never wrapped onto another office's numbers;
 *   - serial 1..9999999999: five digits ("00042"), more when needed
 *     ("123456", never with a leading zero); beyond: refused.
 * Numbers written before wider offices existed (offices 1..999) are
 * unchanged.
 */
#ifndef SP_CORE_REGNO_H
#define SP_CORE_REGNO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes for the written form, with the NUL: 2 + 9 + 10 + 1 digits, 3
 * hyphens. */
#define REGNO_MAX 26
#define REGNO_OFFICE_MAX 99999        /* the widest office number */
#define REGNO_SERIAL_MAX 9999999999LL /* the largest serial (10 digits) */

/* The Damm check digit ('0'..'9') of a string of digits. */
char damm_check_digit(const char *digits, size_t n);
/* True when the last digit is the Damm check digit of the others. */
bool damm_valid(const char *digits, size_t n);

/*
 * Write the number for year (>= 0, e.g. 2026; only year % 100 is written),
 * office number 1..REGNO_OFFICE_MAX and serial 1..REGNO_SERIAL_MAX into
 * out, e.g. "26-009-00042-7", "26-0001000-00042-3", and return true.
 * Anything out of range: out is "" and the result false.
 */
bool regno_format(int year, int office_no, int64_t serial, char out[REGNO_MAX]);

enum regno_check {
    REGNO_OK,        /* well-formed, check digit right */
    REGNO_MALFORMED, /* wrong characters, length or fields */
    REGNO_BAD_CHECK, /* digits fine, check digit wrong: a typing error */
};

/*
 * Read what a citizen typed: keep the digits (spaces, '.', '-' skipped),
 * 11 to 22 of them (else REGNO_MALFORMED), verify the check digit (else
 * REGNO_BAD_CHECK: checked before the fields, so every single-digit error
 * and neighbour swap is reported as a typing error), then split the
 * fields as described above (an office field of another width, a serial
 * of fewer than 5 or more than 10 digits, or a longer serial with a
 * leading zero: REGNO_MALFORMED). On REGNO_OK, canon gets the written
 * form, exactly what regno_format() writes for those fields.
 */
enum regno_check regno_parse(const char *typed, char canon[REGNO_MAX]);

#endif
