/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * contact.h: the shape of a phone number and an e-mail address a citizen
 * gives, checked the same way on every form and API.
 */
#ifndef SP_CORE_CONTACT_H
#define SP_CORE_CONTACT_H

#include <stdbool.h>

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

#endif
