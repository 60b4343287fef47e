/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_jsonw.c: the JSON written straight into a buffer (base/jsonw.h,
 * views' tracking answer) is byte for byte what jansson writes for the
 * same values: every class of character in strings, nesting, empty
 * containers, integers at their limits, null; and the tracking answer
 * against the jansson code it replaced.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/jsonw.h"
#include "core/service.h"
#include "core/workflow.h"
#include "store/applications.h"
#include "test.h"
#include "views/applications.h"

#define FLAGS (JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(12))

/* jansson's bytes for j (consumed). */
static char *dumped(json_t *j)
{
    char *t = json_dumps(j, FLAGS);
    json_decref(j);
    return t;
}

static const char *const strings[] = {
    "",
    "plain ASCII 0123",
    "quote \" backslash \\ slash / tab \t",
    "\b\f\n\r\t",
    "\x01\x02\x1f\x7f",
    "é ü ñ — …",                 /* two and three bytes */
    "😀 𝄞 \xF4\x8F\xBF\xBF",      /* four bytes, the last code point */
    "\xEF\xBF\xBD \xEF\xBF\xBF", /* U+FFFD, U+FFFF */
    "Jl. <Raya> 'Genteng' \"1\" & co",
    "ZWJ 👩\xE2\x80\x8D💻",
    "\xE2\x80\xA8\xE2\x80\xA9", /* line and paragraph separators */
};

static void test_strings_like_jansson(void)
{
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        struct buf b;
        buf_init(&b, 1 << 16);
        struct jsonw w;
        jw_init(&w, &b);
        jw_str(&w, strings[i]);
        json_t *j = json_string(strings[i]);
        CHECK(j != NULL);
        char *want = dumped(json_pack("[o]", j));
        /* jansson dumps only containers: compare inside the brackets. */
        size_t n = want ? strlen(want) : 0;
        CHECK(n >= 2);
        if (n >= 2) {
            want[n - 1] = '\0';
            CHECK_STR(buf_cstr(&b), want + 1);
        }
        free(want);
        buf_free(&b);
    }
}

static void test_structure_like_jansson(void)
{
    struct buf b;
    buf_init(&b, 1 << 16);
    struct jsonw w;
    jw_init(&w, &b);
    jw_object(&w);
    jw_key(&w, "a");
    jw_int(&w, INT64_MIN);
    jw_key(&w, "b");
    jw_int(&w, INT64_MAX);
    jw_key(&w, "c");
    jw_int(&w, 0);
    jw_key(&w, "d\"é");
    jw_bool(&w, true);
    jw_key(&w, "e");
    jw_bool(&w, false);
    jw_key(&w, "f");
    jw_null(&w);
    jw_key(&w, "g");
    jw_array(&w);
    jw_end(&w);
    jw_key(&w, "h");
    jw_object(&w);
    jw_end(&w);
    jw_key(&w, "i");
    jw_array(&w);
    jw_str(&w, "x");
    jw_array(&w);
    jw_int(&w, -1);
    jw_str(&w, NULL);
    jw_end(&w);
    jw_object(&w);
    jw_key(&w, "k");
    jw_str(&w, "v");
    jw_end(&w);
    jw_end(&w);
    jw_end(&w);
    char *want = dumped(json_pack(
        "{s:I,s:I,s:I,s:b,s:b,s:n,s:[],s:{},s:[s,[I,n],{s:s}]}", "a",
        (json_int_t)INT64_MIN, "b", (json_int_t)INT64_MAX, "c", (json_int_t)0,
        "d\"é", 1, "e", 0, "f", "g", "h", "i", "x", (json_int_t)-1, "k", "v"));
    CHECK_STR(buf_cstr(&b), want);
    free(want);
    buf_free(&b);
}

/* The tracking answer as app/track.c wrote it with jansson before. */
static char *track_by_jansson(const struct track_page *p, const char *promised,
                              const char *const *iso)
{
    const struct application *a = p->app;
    json_t *j =
        json_pack("{s:s,s:s,s:s,s:s,s:{s:s,s:s},s:s,s:b,s:b,s:i}",
                  "registration_no", a->regno, "service", a->service_code,
                  "office", a->office_name, "status", appl_state_code(a->state),
                  "status_text", "id", appl_state_name(a->state, LANG_ID), "en",
                  appl_state_name(a->state, LANG_EN), "promised_at", promised,
                  "provisional", a->provisional, "clock_stopped",
                  p->clock_stopped, "working_days_late", p->days_late);
    json_object_set_new(j, "on_time",
                        p->completed && a->state != APPL_REJECTED
                            ? json_boolean(p->days_late == 0)
                            : json_null());
    json_t *steps = json_array();
    for (size_t i = 0; i < p->n_events; i++) {
        const struct appl_event *e = &p->events[i];
        bool public_note = strcmp(e->action, "return") == 0 ||
                           strcmp(e->action, "reject") == 0;
        /* The step's code and its words for people (null when none). */
        enum step_state st = e->state_after <= APPL_READY
                                 ? (enum step_state)e->state_after
                                 : STEP_IN_PROCESS;
        json_t *words =
            e->step_code
                ? json_pack("{s:s,s:s}", "id",
                            step_public_name(e->step_code, st, LANG_ID), "en",
                            step_public_name(e->step_code, st, LANG_EN))
                : json_null();
        json_array_append_new(steps,
                              json_pack("{s:s,s:s,s:s,s:s?,s:o,s:s?}", "at",
                                        iso[i], "action", e->action, "status",
                                        appl_state_code(e->state_after), "step",
                                        e->step_code, "step_text", words,
                                        "note", public_note ? e->note : NULL));
    }
    json_object_set_new(j, "steps", steps);
    char *t = dumped(j);
    size_t n = strlen(t);
    char *out = malloc(n + 2);
    memcpy(out, t, n);
    out[n] = '\n';
    out[n + 1] = '\0';
    free(t);
    return out;
}

static void test_track_answer(void)
{
    struct appl_event ev[5] = {
        {.action = "submit", .state_after = APPL_RECEIVED, .note = NULL},
        {.action = "step",
         .step_code = "VERIFIKASI",
         .state_after = APPL_VERIFIED,
         .note = NULL},
        {.action = "return",
         .state_after = APPL_RETURNED,
         .note = "Fotokopi KK \"buram\" — ulangi 😀\n"},
        {.action = "note", .state_after = APPL_RETURNED, .note = "rahasia"},
        {.action = "reject", .state_after = APPL_REJECTED, .note = NULL},
    };
    const char *iso[5] = {
        "2026-03-02T10:00:00+07:00", "2026-03-02T11:00:00+07:00",
        "2026-03-03T08:15:00+07:00", "2026-03-03T09:00:00+07:00",
        "2026-03-04T14:59:59+07:00"};
    struct application a = {.regno = "26-009-00042-7",
                            .service_code = "SKTM",
                            .office_name = "Kantor Kecamatan <Genteng>",
                            .provisional = true};
    enum appl_state states[] = {APPL_RECEIVED, APPL_RETURNED, APPL_READY,
                                APPL_REJECTED, APPL_HANDED_OVER};
    for (size_t k = 0; k < sizeof(states) / sizeof(states[0]); k++) {
        for (int late = 0; late <= 3; late += 3) {
            a.state = states[k];
            struct track_page p = {.app = &a,
                                   .events = ev,
                                   .n_events = k % 2 ? 5 : 1 + k,
                                   .days_late = late,
                                   .completed = states[k] == APPL_READY ||
                                                states[k] == APPL_REJECTED ||
                                                states[k] == APPL_HANDED_OVER,
                                   .clock_stopped = states[k] == APPL_RETURNED};
            if (p.n_events > 5)
                p.n_events = 5;
            struct buf b;
            buf_init(&b, 1 << 16);
            view_track_json(&b, &p, "2026-03-09T15:30:00+07:00", iso);
            char *want = track_by_jansson(&p, "2026-03-09T15:30:00+07:00", iso);
            CHECK_STR(buf_cstr(&b), want);
            free(want);
            buf_free(&b);
        }
    }
}

int main(void)
{
    RUN(test_strings_like_jansson);
    RUN(test_structure_like_jansson);
    RUN(test_track_answer);
    TEST_END();
}
