/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * view.h: what every page needs to render, and the page frame.
 *
 * Views write HTML through the escaping writer (base/html.h) only; they
 * never touch the database or the HTTP library. A handler fills a struct
 * view from the request and passes the data the page shows.
 */
#ifndef SP_VIEWS_VIEW_H
#define SP_VIEWS_VIEW_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/ferr.h"
#include "base/html.h"
#include "core/lang.h"
#include "core/role.h"

struct arena;

struct view {
    struct buf *out;     /* the response body */
    struct arena *arena; /* the request arena */
    enum lang lang;      /* page language */
    const char *path;    /* current path (for the language switch) */
    const char *query;   /* current query string for the switch, or "" */
    bool signed_in;      /* a staff user is signed in */
    const struct principal *who; /* the user, when signed_in */
    const char *csrf;            /* CSRF token for forms (may be NULL) */
    const char *request_id;      /* shown on error pages */
    const char *flash;           /* a one-line notice at the top, or NULL */
    int utc_offset_min;          /* the regency's zone, for times shown */
    const char *form_token;      /* a fresh one-time token for forms that
                                    create something (view_form_token) */
    bool kiosk; /* an office's kiosk page: the frame has no staff links,
                   no menu and no way out but the language switch */
};

/* Short for L(v->lang, id, en). */
#define T(v, id, en) L((v)->lang, (id), (en))

/*
 * Open the page: doctype, head with title, the header with the site name,
 * navigation, language switch and the user's menu, then <main>. print_only
 * pages (posters, receipts) get a minimal frame. On a kiosk (v->kiosk) the
 * header holds the site name (not a link) and the language switch only,
 * and the footer no links: a citizen at the office's tablet cannot wander
 * to the staff sign-in, the work list or another site.
 */
void view_begin(struct view *v, const char *title);
void view_begin_print(struct view *v, const char *title);
/* Close <main>, the footer and the document. */
void view_end(struct view *v);
/* <input type=hidden name=csrf>. */
void view_csrf(struct view *v);
/*
 * <input type=hidden name=form_token>: a fresh random token in every form
 * that creates something, so that sending the same form twice (a reload,
 * a double click) shows the first result instead of creating a second
 * record (store/replays.h).
 */
void view_form_token(struct view *v);
/* The error message for field, as a <p class=field-error>, if any. */
void view_field_error(struct view *v, const struct field_errors *fe,
                      const char *field);
/* A summary box listing all field errors (for screen readers and print). */
void view_error_summary(struct view *v, const struct field_errors *fe);
/*
 * A labelled text input with its value and error:
 * name, label (both languages chosen by caller), value, extra attributes
 * as a literal (e.g. "required maxlength=200").
 */
void view_input(struct view *v, const struct field_errors *fe, const char *name,
                const char *label, const char *value, const char *type,
                bool required, int maxlength);
/*
 * The same for digits a citizen types (NIK, PIN, the last digits of a
 * phone): inputmode="numeric" so that phones bring up the number pad, the
 * given HTML pattern (NULL: none), and autocomplete="off" so that a shared
 * counter or kiosk browser neither offers nor keeps a PIN or a NIK.
 */
void view_input_digits(struct view *v, const struct field_errors *fe,
                       const char *name, const char *label, const char *value,
                       bool required, int maxlength, const char *pattern);
void view_textarea(struct view *v, const struct field_errors *fe,
                   const char *name, const char *label, const char *value,
                   int rows, int maxlength);
struct requirement;
/*
 * What a requirement's checklist line says besides its name: NULL when it
 * must be handed in everywhere; "tidak wajib" when nowhere; for one
 * mandatory at some office levels only, at an office of level `level`
 * "wajib di kantor Kecamatan" or "tidak wajib di kantor Desa", and with
 * no office known (level -1) "wajib bila diajukan di kantor Kecamatan; di
 * kantor lain tidak wajib". requirement_note: in the given language (the
 * bilingual poster), view_requirement_note: in the page's.
 */
const char *requirement_note(struct arena *a, const struct requirement *r,
                             int level, enum lang lang);
const char *view_requirement_note(struct view *v, const struct requirement *r,
                                  int level);
/* <script src=/static/photo.js>: photos scaled in the browser before
 * upload (inputs with data-max-side), when JavaScript is on. */
void view_photo_script(struct view *v);
/* The error page for a status (400, 403, 404, 405, 413, 422, 500...). */
void view_error_page(struct view *v, int status, const char *message);

#endif
