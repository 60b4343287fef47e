/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* contact.c: phone and e-mail shapes (see contact.h). */
#include "core/contact.h"

#include <string.h>

bool contact_phone_valid(const char *p)
{
    size_t digits = 0;
    for (size_t i = 0; p && p[i]; i++) {
        if (p[i] >= '0' && p[i] <= '9')
            digits++;
        else if (!(p[i] == '+' && i == 0) && p[i] != ' ' && p[i] != '-')
            return false;
    }
    return digits >= 8 && digits <= 15;
}

bool contact_email_valid(const char *e)
{
    if (!e)
        return false;
    const char *at = strchr(e, '@');
    size_t n = strlen(e);
    return n <= 254 && at && at != e && !strchr(at + 1, '@') &&
           strchr(at + 1, '.') && e[n - 1] != '.' && !strchr(e, ' ');
}

bool contact_phone_last4_matches(const char *contact, const char *typed)
{
    if (!contact || !typed || !contact_phone_valid(contact))
        return false;
    char want[5] = "", got[5] = "";
    size_t n = 0;
    for (size_t i = strlen(contact); i > 0 && n < 4; i--)
        if (contact[i - 1] >= '0' && contact[i - 1] <= '9')
            want[3 - n++] = contact[i - 1];
    if (n != 4)
        return false;
    n = 0;
    for (const char *p = typed; *p; p++) {
        if (*p == ' ')
            continue;
        if (*p < '0' || *p > '9' || n == 4)
            return false;
        got[n++] = *p;
    }
    return n == 4 && strcmp(want, got) == 0;
}
