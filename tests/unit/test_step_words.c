/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_step_words.c: SOP steps in citizens' words (core/service.h
 * step_public_name): the shipped codes in both languages, never the staff
 * code itself; a code not in the table and no code at all read by the
 * state the step reaches; an out-of-range state.
 */
#include <string.h>

#include "core/service.h"
#include "test.h"

static void test_known_codes(void)
{
    CHECK_STR(step_public_name("VERIFIKASI", STEP_VERIFIED, LANG_ID),
              "Pemeriksaan berkas");
    CHECK_STR(step_public_name("VERIFIKASI", STEP_VERIFIED, LANG_EN),
              "Checking your documents");
    CHECK_STR(step_public_name("KONSEP", STEP_IN_PROCESS, LANG_ID),
              "Penyusunan surat");
    CHECK_STR(step_public_name("TTD", STEP_SIGNED, LANG_EN),
              "Signing your document");
    CHECK_STR(step_public_name("SERAH", STEP_READY, LANG_ID),
              "Siap diserahkan kepada Anda");
    /* The code wins over the state (PROSES_DINAS reaches in_process). */
    CHECK_STR(step_public_name("PROSES_DINAS", STEP_IN_PROCESS, LANG_EN),
              "Being processed by the agency");
    /* Codes compare exactly: lower case is another code. */
    CHECK_STR(step_public_name("verifikasi", STEP_IN_PROCESS, LANG_ID),
              "Pemrosesan permohonan");
}

static void test_no_staff_codes(void)
{
    static const char *const codes[] = {
        "TERIMA", "VERIFIKASI",   "COCOK",       "REKAM",
        "KIRIM",  "PROSES_DINAS", "KONSEP",      "TTD",
        "SERAH",  "CEK_LAPANGAN", "KLARIFIKASI", "KOORDINASI",
        "TELAAH", "INPUT_OSS",    "VERVAL",      "USUL_DINSOS"};
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        for (int l = LANG_ID; l <= LANG_EN; l++) {
            const char *w =
                step_public_name(codes[i], STEP_IN_PROCESS, (enum lang)l);
            CHECK_NOT_CONTAINS(w, codes[i]);
            CHECK_NOT_CONTAINS(w, "_");
            /* Every shipped code has its own words, not the fallback. */
            CHECK(strcmp(w, step_public_name("X_UNKNOWN", STEP_IN_PROCESS,
                                             (enum lang)l)) != 0);
        }
    }
}

static void test_fallback_by_state(void)
{
    CHECK_STR(step_public_name("PERIKSA_LAIN", STEP_RECEIVED, LANG_ID),
              "Penerimaan berkas");
    CHECK_STR(step_public_name(NULL, STEP_VERIFIED, LANG_EN),
              "Checking your documents");
    CHECK_STR(step_public_name("X", STEP_SIGNED, LANG_ID),
              "Penandatanganan surat");
    CHECK_STR(step_public_name("X", STEP_READY, LANG_EN),
              "Ready to be handed to you");
    CHECK_STR(step_public_name("X", STEP_STATE__COUNT, LANG_EN),
              "Processing your application");
}

int main(void)
{
    RUN(test_known_codes);
    RUN(test_no_staff_codes);
    RUN(test_fallback_by_state);
    TEST_END();
}
