/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * nik.h: the Indonesian population number (Nomor Induk Kependudukan).
 *
 * 16 digits: the district code without dots (province 2, regency 2,
 * district 2), the birth date as DDMMYY with 40 added to the day for
 * women, and a serial 0001..9999. The date must exist in 19YY or 20YY.
 * Whether the province, regency and district exist is a question for the
 * region table (the caller); nik_classify() turns the answers into the
 * verdict: unknown province or regency is invalid, an unknown district in
 * a known regency is accepted with a warning (districts split and are
 * renamed; people keep their NIK).
 *
 * A NIK is personal data: nik_mask() is what logs and public pages show.
 */
#ifndef SP_CORE_NIK_H
#define SP_CORE_NIK_H

#include <stdbool.h>

#include "base/civil.h"

struct nik {
    char digits[17];    /* the 16 digits */
    char province[3];   /* "35" */
    char regency[6];    /* "35.10" */
    char district[9];   /* "35.10.16" */
    char sex;           /* 'L' (male) or 'P' (female) */
    int day, month, yy; /* birth day (1..31), month, two-digit year */
};

enum nik_verdict {
    NIK_VALID,          /* all known */
    NIK_VALID_WARNING,  /* district unknown inside a known regency */
    NIK_BAD_FORMAT,     /* not 16 digits */
    NIK_BAD_DATE,       /* the birth date does not exist */
    NIK_BAD_SERIAL,     /* serial 0000 */
    NIK_UNKNOWN_REGION, /* province or regency unknown */
};

/*
 * Parse s into out: spaces, dots and dashes anywhere are ignored (as
 * people copy a NIK from a KTP or a KK: "3510 1601 0190 0001",
 * "35.10.16.010190.0001"), anything else but the 16 digits is
 * NIK_BAD_FORMAT; out->digits is the normalised NIK that is stored. Returns
 * NIK_VALID when format, date and serial are right (regions unchecked),
 * else the first problem.
 */
enum nik_verdict nik_parse(const char *s, struct nik *out);
/* The verdict once the regions were looked up. */
enum nik_verdict nik_classify(enum nik_verdict parsed, bool regency_known,
                              bool district_known);
/* "351016********01": district code and the last two digits. */
void nik_mask(const char *digits, char out[17]);
/*
 * Does a birth date the holder typed match the one in the NIK's digits?
 * typed is "YYYY-MM-DD" (a date field), "DD-MM-YYYY" or "DD/MM/YYYY";
 * day (the NIK's day minus 40 for women), month and the year's last two
 * digits must match. False for anything unparsable. The second fact a
 * receipt's holder knows and a guesser of tracking PINs does not.
 */
bool nik_birth_matches(const char *digits, const char *typed);
/* The birth year, given the current year (20YY unless in the future). */
int nik_birth_year(const struct nik *n, int this_year);

#endif
