/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_notify_rules.c: the rules of the messages (core/notify.h) and what they
 * travel in (base/mime.h, the HMAC of base/crypto.h): phone numbers to
 * E.164 at every boundary, SMS segments of GSM-7 and UCS-2 at 160/161,
 * 306/307, 70/71 and 134/135, every citizen's text in both languages on
 * both channels within two segments even with the longest fields, the PIN
 * never in an e-mail, the inbound commands, the retry schedule, the
 * signature's base string against a known HMAC, and MIME headers that
 * cannot be injected.
 */
#include <stdlib.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/crypto.h"
#include "base/mime.h"
#include "core/notify.h"
#include "test.h"

static struct arena *A;

static void test_events_and_channels(void)
{
    for (int i = 0; i < NEV__COUNT; i++) {
        enum notify_event e;
        CHECK(notify_event_parse(notify_event_code((enum notify_event)i), &e));
        CHECK_INT(e, i);
    }
    enum notify_event e;
    CHECK(!notify_event_parse("application.unknown", &e));
    CHECK(!notify_event_parse(NULL, &e));
    CHECK(notify_event_for_citizen(NEV_APPL_READY));
    CHECK(!notify_event_for_citizen(NEV_APPL_STEP));
    CHECK(!notify_event_for_citizen(NEV_COMPLAINT_CLOSED));
    CHECK(notify_event_is_complaint(NEV_COMPLAINT_ANSWERED));
    CHECK(!notify_event_is_complaint(NEV_APPL_LATE));
    enum notify_channel ch;
    CHECK(notify_channel_parse("email", &ch) && ch == NCH_EMAIL);
    CHECK(!notify_channel_parse("fax", &ch));
}

static void test_phone_e164(void)
{
    static const struct {
        const char *in;
        const char *out; /* NULL: refused */
    } cases[] = {
        {"081234567890", "+6281234567890"},
        {"0812-3456-7890", "+6281234567890"},
        {"0812 3456 789", "+628123456789"},
        {"+62 812 3456 7890", "+6281234567890"},
        {"6281234567890", "+6281234567890"},
        {"006281234567890", "+6281234567890"},
        {"81234567890", "+6281234567890"},
        {"(0812) 345.678", "+62812345678"},
        /* The national number: 9 to 12 digits, a mobile (8...). */
        {"08123456", NULL},                   /* 7 */
        {"0812345678", "+62812345678"},       /* 9 */
        {"0812345678901", "+62812345678901"}, /* 12 */
        {"08123456789012", NULL},             /* 13 */
        {"0215551234", NULL},                 /* a Jakarta landline */
        {"+62215551234", NULL},
        /* Another country as written: 8 to 15 digits. */
        {"+6591234567", "+6591234567"},
        {"+1234567", NULL},                       /* 7 digits */
        {"+12345678", "+12345678"},               /* 8 */
        {"+123456789012345", "+123456789012345"}, /* 15 */
        {"+1234567890123456", NULL},              /* 16 */
        {"+0812345678", NULL},
        {"", NULL},
        {"0812-3456-78x0", NULL},
        {"++6281234567890", NULL},
        {"0812+34567890", NULL},
        {"1234567890", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[NOTIFY_PHONE_MAX];
        bool ok = notify_phone_e164(cases[i].in, out);
        if (ok != (cases[i].out != NULL))
            fprintf(stderr, "  case %s\n", cases[i].in);
        CHECK(ok == (cases[i].out != NULL));
        CHECK_STR(out, cases[i].out ? cases[i].out : "");
    }
    char out[NOTIFY_PHONE_MAX];
    CHECK(!notify_phone_e164(NULL, out));
    CHECK_STR(notify_phone_mask(A, "+6281234567890"), "+62812****7890");
    CHECK_STR(notify_email_mask(A, "dewi@example.id"), "d***@example.id");
}

static char *repeat(const char *unit, size_t n)
{
    size_t u = strlen(unit);
    char *s = arena_alloc(A, u * n + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * u, unit, u);
    s[u * n] = '\0';
    return s;
}

static void test_segments(void)
{
    enum notify_sms_encoding enc;
    CHECK_INT(notify_sms_segments("", &enc), 0);
    CHECK_INT(notify_sms_segments(repeat("a", 160), &enc), 1);
    CHECK_INT(enc, SMS_GSM7);
    CHECK_INT(notify_sms_segments(repeat("a", 161), &enc), 2);
    CHECK_INT(notify_sms_segments(repeat("a", 306), &enc), 2);
    CHECK_INT(notify_sms_segments(repeat("a", 307), &enc), 3);
    /* The extension takes two septets: 80 euro signs fill one segment. */
    CHECK_INT(notify_sms_segments(repeat("€", 80), &enc), 1);
    CHECK_INT(enc, SMS_GSM7);
    CHECK_INT(notify_sms_segments(repeat("[", 81), &enc), 2);
    /* An escape pair never straddles two segments: 152 a + '{' needs a
     * second segment for the pair (153 + 1 would not fit). */
    char *t = arena_printf(A, "%s{%s", repeat("a", 152), repeat("a", 152));
    CHECK_INT(notify_sms_segments(t, &enc), 3);
    /* é, Ä and £ are GSM-7; ê and the em dash are not. */
    CHECK_INT(notify_sms_segments(repeat("é", 160), &enc), 1);
    CHECK_INT(enc, SMS_GSM7);
    CHECK_INT(notify_sms_segments(repeat("ê", 70), &enc), 1);
    CHECK_INT(enc, SMS_UCS2);
    CHECK_INT(notify_sms_segments(repeat("ê", 71), &enc), 2);
    CHECK_INT(notify_sms_segments(repeat("ê", 134), &enc), 2);
    CHECK_INT(notify_sms_segments(repeat("ê", 135), &enc), 3);
    /* An emoji is two UTF-16 units. */
    CHECK_INT(notify_sms_segments(repeat("😀", 35), &enc), 1);
    CHECK_INT(notify_sms_segments(repeat("😀", 36), &enc), 2);
    /* A backtick is not in GSM-7. */
    CHECK_INT(notify_sms_segments("a`b", &enc), 1);
    CHECK_INT(enc, SMS_UCS2);
    /* Folding keeps a text GSM-7. */
    const char *f = notify_sms_fold(A, "“Kartu” – siap…\u00a0ya");
    CHECK_STR(f, "\"Kartu\" - siap... ya");
    notify_sms_segments(f, &enc);
    CHECK_INT(enc, SMS_GSM7);
}

static struct notify_vars long_vars(void)
{
    struct notify_vars v = {
        .number = "26-0001000-1234567890-3",
        .pin = "987650",
        .name = "Dewi Ñoñó Sartika",
        .service = repeat("Surat Keterangan ", 12),
        .office = "Kantor Kelurahan Sumberrejo Kecamatan Banyuwangi",
        .address = repeat("Jl. Raya Jember ", 10),
        .hours = "Sen-Kam 07.30-15.30, Jum 07.30-14.00",
        .when = "Selasa, 30 September 2026 pukul 15.30 WIB",
        .note = repeat("Fotokopi KK yang dilegalisir; ", 40),
        .status = "Sedang diproses",
        .track_url = "https://layanan.banyuwangikab.go.id/track?no=26-0001000-"
                     "1234567890-3",
        .survey_url = "https://layanan.banyuwangikab.go.id/survey?t="
                      "0123456789abcdef0123456789abcdef",
        .stop_url = "https://layanan.banyuwangikab.go.id/notify/stop?t="
                    "0123456789abcdef0123456789abcdef",
    };
    return v;
}

static void test_texts_fit_and_pin(void)
{
    struct notify_vars big = long_vars();
    struct notify_vars small = {.number = "26-009-00042-7",
                                .pin = "654321",
                                .service = "Kartu Keluarga",
                                .office = "Kantor Kecamatan Genteng",
                                .address = "Jl. Gajah Mada 1",
                                .hours = "Sen-Jum 07.30-15.30",
                                .when = "Rabu, 4 Maret 2026 pukul 15.30 WIB",
                                .note = "Fotokopi KK",
                                .track_url = "https://x.id/track?no=1",
                                .survey_url = "",
                                .stop_url = "https://x.id/notify/stop?t=1"};
    int composed = 0;
    for (int e = 0; e < NEV__COUNT; e++) {
        for (int l = 0; l < 2; l++) {
            for (int which = 0; which < 2; which++) {
                const struct notify_vars *v = which ? &big : &small;
                struct notify_text sms, mail;
                bool ok = notify_compose(A, (enum notify_event)e, (enum lang)l,
                                         NCH_SMS, v, &sms);
                CHECK(ok == notify_event_for_citizen((enum notify_event)e));
                if (!ok)
                    continue;
                composed++;
                enum notify_sms_encoding enc;
                size_t seg = notify_sms_segments(sms.body, &enc);
                if (seg < 1 || seg > 2)
                    fprintf(stderr, "  %s/%d: %zu segments: %s\n",
                            notify_event_code((enum notify_event)e), l, seg,
                            sms.body);
                CHECK(seg >= 1 && seg <= 2);
                CHECK_STR(sms.subject, "");
                CHECK(notify_compose(A, (enum notify_event)e, (enum lang)l,
                                     NCH_EMAIL, v, &mail));
                CHECK(*mail.subject);
                /* The PIN: in the SMS of a new application only, never in
                 * an e-mail. */
                CHECK_NOT_CONTAINS(mail.body, v->pin);
                CHECK_NOT_CONTAINS(mail.subject, v->pin);
                if (e == NEV_APPL_RECEIVED && !which)
                    CHECK_CONTAINS(sms.body, "654321");
                if (e != NEV_APPL_RECEIVED)
                    CHECK_NOT_CONTAINS(sms.body, v->pin);
                CHECK_CONTAINS(mail.body, v->number);
                if (!which) {
                    CHECK_CONTAINS(sms.body, v->number);
                    CHECK_CONTAINS(mail.body, v->stop_url);
                    CHECK_NOT_CONTAINS(sms.body, "{");
                    CHECK_NOT_CONTAINS(mail.body, "{");
                }
            }
        }
    }
    CHECK_INT(composed, 8 * 2 * 2);
    /* The words, in both languages. */
    struct notify_text t;
    CHECK(notify_compose(A, NEV_APPL_READY, LANG_ID, NCH_SMS, &small, &t));
    CHECK_STR(t.body, "Satu Pintu: Kartu Keluarga no 26-009-00042-7 siap "
                      "diambil di Kantor Kecamatan Genteng, Jl. Gajah Mada "
                      "1. Buka Sen-Jum 07.30-15.30. Bawa tanda terima dan "
                      "KTP-el.");
    CHECK(notify_compose(A, NEV_APPL_READY, LANG_EN, NCH_EMAIL, &small, &t));
    CHECK_STR(t.subject,
              "Kartu Keluarga is ready for pick-up – 26-009-00042-7");
    CHECK_CONTAINS(t.body, "Dear citizen,");
    CHECK_CONTAINS(t.body, "Opening hours: Sen-Jum 07.30-15.30");
    /* An optional sentence with an empty field is left out. */
    CHECK(
        notify_compose(A, NEV_APPL_HANDED_OVER, LANG_ID, NCH_SMS, &small, &t));
    CHECK_NOT_CONTAINS(t.body, "Nilai layanan");
    small.survey_url = "https://x.id/survey?t=ab";
    CHECK(
        notify_compose(A, NEV_APPL_HANDED_OVER, LANG_ID, NCH_SMS, &small, &t));
    CHECK_CONTAINS(t.body, "Nilai layanan kami: https://x.id/survey?t=ab");
    /* The long note is shortened, the number and link stay whole. */
    CHECK(notify_compose(A, NEV_APPL_RETURNED, LANG_ID, NCH_SMS, &big, &t));
    CHECK_CONTAINS(t.body, "...");
    CHECK_CONTAINS(t.body, big.number);
    /* Replies fit too. */
    for (int r = NREPLY_STATUS; r <= NREPLY_HELP; r++) {
        enum notify_sms_encoding enc;
        const char *text =
            notify_reply_text(A, (enum notify_reply)r, LANG_ID, &big);
        CHECK(notify_sms_segments(text, &enc) <= 2);
        CHECK(notify_sms_segments(text, &enc) >= 1);
        CHECK_NOT_CONTAINS(text, "987650");
    }
}

static void test_inbound(void)
{
    static const struct {
        const char *text;
        enum notify_inbound_kind kind;
        const char *number;
        const char *pin;
    } cases[] = {
        {"CEK 26-009-00042-7 123456", NIN_CEK, "26-009-00042-7", "123456"},
        {"  cek   26-009-00042-7   123456  ", NIN_CEK, "26-009-00042-7",
         "123456"},
        {"Cek#26-009-00042-7#123456", NIN_CEK, "26-009-00042-7", "123456"},
        {"CEK 26 009 00042 7 PIN 123456", NIN_CEK, "26 009 00042 7", "123456"},
        {"cek 26009000427 pin: 123456", NIN_CEK, "26009000427", "123456"},
        {"CEK26-009-00042-7 123456", NIN_CEK, "26-009-00042-7", "123456"},
        {"CEK 26-009-00042-7", NIN_CEK, "26-009-00042-7", ""},
        {"CEK 26-009-00042-7 12345", NIN_CEK, "26-009-00042-7 12345", ""},
        {"CEK", NIN_CEK, "", ""},
        {"STOP", NIN_STOP, "", ""},
        {" stop\n", NIN_STOP, "", ""},
        {"Berhenti", NIN_STOP, "", ""},
        {"UNREG", NIN_STOP, "", ""},
        {"STOP please", NIN_HELP, "", ""},
        {"STOPP", NIN_HELP, "", ""},
        {"halo", NIN_HELP, "", ""},
        {"", NIN_HELP, "", ""},
        {"CEKAP 1", NIN_HELP, "", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct notify_inbound in;
        notify_inbound_parse(cases[i].text, &in);
        if (in.kind != cases[i].kind || strcmp(in.number, cases[i].number) ||
            strcmp(in.pin, cases[i].pin))
            fprintf(stderr, "  case '%s': %d '%s' '%s'\n", cases[i].text,
                    in.kind, in.number, in.pin);
        CHECK_INT(in.kind, cases[i].kind);
        CHECK_STR(in.number, cases[i].number);
        CHECK_STR(in.pin, cases[i].pin);
    }
}

static void test_retry_and_signature(void)
{
    CHECK_INT(notify_retry_delay(1, 30, 3600), 30);
    CHECK_INT(notify_retry_delay(2, 30, 3600), 60);
    CHECK_INT(notify_retry_delay(3, 30, 3600), 120);
    CHECK_INT(notify_retry_delay(7, 30, 3600), 1920);
    CHECK_INT(notify_retry_delay(8, 30, 3600), 3600);  /* 3840 capped */
    CHECK_INT(notify_retry_delay(60, 30, 3600), 3600); /* no overflow */
    CHECK_INT(notify_retry_delay(3, 0, 3600), 0);      /* tests: at once */
    CHECK_INT(notify_retry_delay(0, 30, 3600), 0);
    CHECK(!notify_gives_up(7, 8));
    CHECK(notify_gives_up(8, 8));
    size_t len = 0;
    const char *b = notify_signature_base(A, 1767225600, "{\"a\":1}", 7, &len);
    CHECK_STR(b, "1767225600.{\"a\":1}");
    CHECK_INT(len, 18);
    /* RFC 4231 test case 2. */
    char hex[65];
    const char *msg = "what do ya want for nothing?";
    crypto_hmac_sha256_hex("Jefe", msg, strlen(msg), hex);
    CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b9"
                   "64ec3843");
}

static void test_mime(void)
{
    struct buf b;
    buf_init(&b, 1 << 20);
    struct mime_mail m = {.from = "Satu Pintu <noreply@banyuwangikab.go.id>",
                          .to = "dewi@example.id",
                          .subject = "Kartu Keluarga siap – 26-009-00042-7",
                          .body = "Yth. Dewi Ñoñó,\n\n.baris titik\nakhir "
                                  "spasi \n1=1\n",
                          .message_id = "<k1@banyuwangikab.go.id>",
                          .id_header = "k1",
                          .unsubscribe = "https://x.id/notify/stop?t=1",
                          .date = 1772611200}; /* 2026-03-04 08:00 UTC */
    CHECK_INT(mime_build(&m, &b), ERR_OK);
    const char *s = buf_cstr(&b);
    CHECK_CONTAINS(s, "Date: Wed, 04 Mar 2026 08:00:00 +0000\r\n");
    CHECK_CONTAINS(s, "From: Satu Pintu <noreply@banyuwangikab.go.id>\r\n");
    CHECK_CONTAINS(s, "To: <dewi@example.id>\r\n");
    CHECK_CONTAINS(s, "Subject: =?UTF-8?B?");
    CHECK_CONTAINS(s, "Content-Type: text/plain; charset=UTF-8\r\n");
    CHECK_CONTAINS(s, "Content-Transfer-Encoding: quoted-printable\r\n");
    CHECK_CONTAINS(s, "X-Satupintu-Id: k1\r\n");
    CHECK_CONTAINS(s, "Yth. Dewi =C3=91o=C3=B1=C3=B3,\r\n");
    CHECK_CONTAINS(s, "\r\n=2Ebaris titik\r\n");
    CHECK_CONTAINS(s, "akhir spasi=20\r\n");
    CHECK_CONTAINS(s, "1=3D1\r\n");
    /* No header injection. */
    m.to = "dewi@example.id\r\nBcc: x@y.z";
    buf_reset(&b);
    CHECK_INT(mime_build(&m, &b), ERR_INVALID);
    m.to = "dewi@example.id";
    m.subject = "a\r\nBcc: x@y.z";
    buf_reset(&b);
    CHECK_INT(mime_build(&m, &b), ERR_OK);
    CHECK_NOT_CONTAINS(buf_cstr(&b), "\r\nBcc");
    /* Long lines are wrapped at 76 with soft breaks. */
    buf_reset(&b);
    CHECK_INT(mime_qp(repeat("x", 200), &b), ERR_OK);
    const char *q = buf_cstr(&b);
    for (const char *line = q; *line;) {
        const char *end = strstr(line, "\r\n");
        size_t n = end ? (size_t)(end - line) : strlen(line);
        CHECK(n <= 76);
        line = end ? end + 2 : line + n;
    }
    CHECK_STR(mime_address(A, m.from), "noreply@banyuwangikab.go.id");
    CHECK_STR(mime_address(A, "a@b.c"), "a@b.c");
    buf_free(&b);
}

int main(void)
{
    A = arena_new();
    crypto_init();
    RUN(test_events_and_channels);
    RUN(test_phone_e164);
    RUN(test_segments);
    RUN(test_texts_fit_and_pin);
    RUN(test_inbound);
    RUN(test_retry_and_signature);
    RUN(test_mime);
    arena_free(A);
    TEST_END();
}
