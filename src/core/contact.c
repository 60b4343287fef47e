/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* contact.c: phone and e-mail shapes (see contact.h). */
#include "core/contact.h"

#include <string.h>

#include "base/utf8.h"

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

static const struct {
    const char *code, *id, *en;
} no_phone[] = {
    {"no_phone", "Tidak punya HP", "Has no phone"},
    {"not_remembered", "Nomor tidak diingat", "Does not remember the number"},
    {"declined", "Tidak bersedia memberikan nomor",
     "Prefers not to give a number"},
};
#define N_NO_PHONE (sizeof(no_phone) / sizeof(no_phone[0]))

size_t contact_no_phone_n(void)
{
    return N_NO_PHONE;
}

const char *contact_no_phone_code(size_t k)
{
    return k < N_NO_PHONE ? no_phone[k].code : "";
}

const char *contact_no_phone_label(size_t k, enum lang lang)
{
    if (k >= N_NO_PHONE)
        return "";
    return lang == LANG_EN ? no_phone[k].en : no_phone[k].id;
}

static bool chars_between(const char *s, size_t min, size_t max)
{
    if (!s)
        return false;
    size_t n = utf8_length(s, strlen(s));
    return n >= min && n <= max;
}

bool contact_no_phone_reason_valid(const char *reason)
{
    return chars_between(reason, CONTACT_REASON_MIN_CHARS,
                         CONTACT_REASON_MAX_CHARS);
}

const char *contact_no_phone_reason_text(const char *reason, enum lang lang)
{
    for (size_t k = 0; reason && k < N_NO_PHONE; k++)
        if (strcmp(reason, no_phone[k].code) == 0)
            return contact_no_phone_label(k, lang);
    return reason ? reason : "";
}

bool contact_purpose_valid(const char *purpose)
{
    return chars_between(purpose, PURPOSE_MIN_CHARS, PURPOSE_MAX_CHARS);
}
