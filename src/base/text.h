/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * text.h: text at the door and text at the exit.
 *
 * At the door (text_normalize(), text_line(), text_lines()) every string a
 * person or a program sends is made into the one form the database keeps:
 *   - valid UTF-8: every invalid sequence (overlongs, surrogates, bytes
 *     above U+10FFFF, truncated sequences) and every NUL becomes U+FFFD;
 *   - no control characters: C0 (U+0000..U+001F), DEL and C1
 *     (U+0080..U+009F) are dropped, except tab and the line breaks as
 *     the shape below says;
 *   - no noncharacters: U+FDD0..U+FDEF and every U+xxFFFE and U+xxFFFF
 *     are dropped;
 *   - Unicode Normalization Form C (GNU libunistring's u8_normalize with
 *     UNINORM_NFC): "e" + U+0301 is stored as U+00E9, so equal texts
 *     compare equal, and a limit in characters means one thing;
 *   - the shape of the field:
 *       TEXT_LINE  (names, addresses, phone numbers, codes, search text:
 *                   every input field): tab, CR, LF and CR LF each become
 *                   one space;
 *       TEXT_LINES (complaint texts, replies, notes, suggestions, the
 *                   service standard's components: every textarea): CR LF
 *                   and a lone CR become LF; tab and LF are kept.
 * Everything else is kept as sent: letters of every script, combining
 * marks, emoji, U+200D ZERO WIDTH JOINER, U+FFFD.
 *
 * At the exit (text_safe(), text_is_safe(), text_safe_append()) every
 * writer of a document (XML, XLSX, CSV, HTML) passes the stored strings
 * through the same rules without the normalisation, so a document stays
 * well-formed whatever the database holds (text stored before these
 * rules, or written by another tool): the result holds only tab, LF and
 * code points that XML 1.0 allows (no C0 but tab and LF, no DEL, no C1, no
 * surrogates, no U+FFFE/U+FFFF or other noncharacters), as valid UTF-8.
 */
#ifndef SP_BASE_TEXT_H
#define SP_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;

enum text_shape {
    TEXT_LINE,  /* one line: tab, CR, LF become spaces */
    TEXT_LINES, /* several lines: CR LF and CR become LF; tab kept */
};

/*
 * s[0..n) (any bytes) at the door: valid UTF-8, no controls, no
 * noncharacters, NFC, shaped (see above). A NUL-terminated arena copy, not
 * trimmed.
 */
char *text_normalize(struct arena *a, const char *s, size_t n,
                     enum text_shape shape);
/*
 * The NUL-terminated s normalised as one line (text_line) or as lines
 * (text_lines), with ASCII white space (space, tab, CR, LF) trimmed from
 * both ends. NULL gives NULL. The helpers for text read from JSON bodies;
 * params_str() and params_text() (params.h) use them for forms.
 */
char *text_line(struct arena *a, const char *s);
char *text_lines(struct arena *a, const char *s);

/*
 * True when s[0..n) is valid UTF-8 holding only tab, LF and characters
 * other than controls and noncharacters: what text_safe() would return
 * unchanged.
 */
bool text_is_safe(const char *s, size_t n);
/* True when s is exactly len lowercase hex digits (the shape of the tokens
 * this program makes); NULL is false. */
bool text_is_hex(const char *s, size_t len);
/*
 * s (NUL-terminated; NULL gives NULL) fit for any document: s itself when
 * text_is_safe(), else an arena copy with invalid sequences replaced by
 * U+FFFD, controls (but tab and LF) and noncharacters dropped, and CR LF
 * or a lone CR made LF. Not normalised to NFC.
 */
const char *text_safe(struct arena *a, const char *s);
/* Append s[0..n) to b as text_safe() would return it. */
void text_safe_append(struct buf *b, const char *s, size_t n);

#endif
