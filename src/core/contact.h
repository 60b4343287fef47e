/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * contact.h: the shape of a phone number and an e-mail address a citizen
 * gives, checked the same way on every form and API.
 */
#ifndef SP_CORE_CONTACT_H
#define SP_CORE_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"

/* 8 to 15 digits, spaces and hyphens allowed, a leading + allowed. */
bool contact_phone_valid(const char *phone);
/* One @ with text before it, a dot after it, no spaces, <= 254 bytes. */
bool contact_email_valid(const char *email);

/*
 * Does typed (four digits, white space ignored) equal the last four digits
 * of the phone number in contact? False when contact is not a phone number
 * (an e-mail address, empty) or typed is not four digits.
 */
bool contact_phone_last4_matches(const char *contact, const char *typed);

/*
 * Why a citizen registered at the counter gives no phone number: one of
 * the preset codes below, or the officer's own words. The phone is
 * optional at intake only with a reason (docs/ARCHITECTURE.md, "Intake
 * without a phone").
 */
#define CONTACT_REASON_MIN_CHARS 3
#define CONTACT_REASON_MAX_CHARS 200
/* The preset reasons: "no_phone", "not_remembered", "declined". */
size_t contact_no_phone_n(void);
const char *contact_no_phone_code(size_t k);
/* The label of preset k ("Tidak punya HP" / "Has no phone"). */
const char *contact_no_phone_label(size_t k, enum lang lang);
/* A preset code, or typed words of 3 to 200 characters (already one line,
 * trimmed). */
bool contact_no_phone_reason_valid(const char *reason);
/* For people: a preset's label in lang, or the typed words as they are. */
const char *contact_no_phone_reason_text(const char *reason, enum lang lang);

/*
 * The purpose of a letter (keperluan) where the service asks for it:
 * 3 to 200 characters.
 */
#define PURPOSE_MIN_CHARS 3
#define PURPOSE_MAX_CHARS 200
bool contact_purpose_valid(const char *purpose);

#endif
