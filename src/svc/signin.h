/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * signin.h: staff sign-in with a password, throttled so that nobody can
 * guess a password and no stranger can lock an officer out
 * (docs/SECURITY.md rule 5):
 *
 *   - per account and address: SIGNIN_PAIR_MAX attempts per 15 minutes;
 *     the attempt is *reserved* (counted atomically) before the password
 *     is hashed, so parallel guesses get exactly that many evaluations;
 *     a success forgets the pair's count;
 *   - per address over all accounts: SIGNIN_ADDR_MAX failed attempts per
 *     15 minutes, also reserved first (a success gives its reservation
 *     back, so an office whose staff share one address is not held back
 *     by their own sign-ins);
 *   - per account from everywhere: after SIGNIN_ACCOUNT_MAX failures in
 *     an hour the account is under attack, and only addresses the user
 *     signed in from in the last SIGNIN_KNOWN_DAYS days may still try
 *     (the office's own address keeps working).
 *
 * An unknown login and a wrong password answer alike and cost the same
 * hashing time; a disabled account answers as a wrong password.
 */
#ifndef SP_SVC_SIGNIN_H
#define SP_SVC_SIGNIN_H

#include "base/err.h"
#include "store/users.h"
#include "svc/svc.h"

#define SIGNIN_PAIR_MAX 5
#define SIGNIN_ADDR_MAX 20
#define SIGNIN_WINDOW_S (15 * 60)
#define SIGNIN_ACCOUNT_MAX 50
#define SIGNIN_ACCOUNT_WINDOW_S 3600
#define SIGNIN_KNOWN_DAYS 90

enum signin_outcome {
    SIGNIN_OK,        /* *out is the user; the caller starts a session
                         and calls signin_succeeded() in its transaction */
    SIGNIN_WRONG,     /* unknown user, wrong password, or disabled */
    SIGNIN_THROTTLED, /* too many attempts: try later (429) */
};

/*
 * Check login and password from c->addr. The attempt is reserved first,
 * in a transaction of its own that commits before any hashing (call it
 * with none open): a failure later leaves it counted, never lost. A wrong
 * password is counted against the account before returning.
 */
enum err signin_attempt(const struct svc_ctx *c, const char *login,
                        const char *password, struct user *out,
                        enum signin_outcome *outcome)
    __attribute__((warn_unused_result));

/*
 * The sign-in of u from c->addr succeeded: forget the pair's count, give
 * the address's reservation back and remember the address as one u signs
 * in from. Call it inside the transaction that starts the session, so
 * that either both happen or neither does.
 */
enum err signin_succeeded(const struct svc_ctx *c, const struct user *u)
    __attribute__((warn_unused_result));

/*
 * Check the current password of a signed-in user u (the password-change
 * form): the same limit as a sign-in, SIGNIN_PAIR_MAX wrong ones per
 * SIGNIN_WINDOW_S for the user whatever the address, so that a stolen
 * session cannot be used to guess the password. *outcome SIGNIN_OK,
 * SIGNIN_WRONG or SIGNIN_THROTTLED (nothing checked).
 */
enum err signin_recheck(const struct svc_ctx *c, const struct user *u,
                        const char *password, enum signin_outcome *outcome)
    __attribute__((warn_unused_result));

/* Forget every sign-in count of login (an administrator re-enabled the
 * account or gave it a new password). */
enum err signin_forget(const struct svc_ctx *c, const char *login)
    __attribute__((warn_unused_result));

#endif
