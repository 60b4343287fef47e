/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_ferr.c: field error lists (base/ferr.h): strings are copied, the
 * first error of a field is found, the list grows past its first
 * allocation.
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/ferr.h"
#include "test.h"

static void test_empty(void)
{
    struct field_errors fe = {0};
    CHECK(!ferr_any(&fe));
    CHECK(ferr_find(&fe, "name_id") == NULL);
}

static void test_add_and_find(void)
{
    struct arena *a = arena_new();
    struct field_errors fe = {0};
    char field[16] = "name_id", code[16] = "required";
    char msg_id[32] = "Wajib diisi.", msg_en[32] = "Required.";
    ferr_add(&fe, a, field, code, msg_id, msg_en);
    /* The caller's strings may change afterwards: ferr copied them. */
    snprintf(field, sizeof(field), "XXXX");
    snprintf(code, sizeof(code), "YYYY");
    snprintf(msg_id, sizeof(msg_id), "ZZZZ");
    snprintf(msg_en, sizeof(msg_en), "WWWW");
    CHECK(ferr_any(&fe));
    CHECK_INT(fe.n_items, 1);
    const struct field_error *e = ferr_find(&fe, "name_id");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->field, "name_id");
        CHECK_STR(e->code, "required");
        CHECK_STR(e->msg_id, "Wajib diisi.");
        CHECK_STR(e->msg_en, "Required.");
    }
    CHECK(ferr_find(&fe, "XXXX") == NULL);
    CHECK(ferr_find(&fe, "name") == NULL); /* whole name only */
    CHECK(ferr_find(&fe, "name_id_") == NULL);

    /* The first error for a field wins. */
    ferr_add(&fe, a, "fee", "out_of_range", "a", "b");
    ferr_add(&fe, a, "name_id", "too_long", "c", "d");
    CHECK_INT(fe.n_items, 3);
    e = ferr_find(&fe, "name_id");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->code, "required");
    e = ferr_find(&fe, "fee");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->code, "out_of_range");
    arena_free(a);
}

static void test_many(void)
{
    struct arena *a = arena_new();
    struct field_errors fe = {0};
    for (int i = 0; i < 100; i++) {
        char f[32];
        snprintf(f, sizeof(f), "req_code[%d]", i);
        ferr_add(&fe, a, f, "invalid_code", "x", "y");
    }
    CHECK_INT(fe.n_items, 100);
    CHECK(fe.cap >= 100);
    const struct field_error *e = ferr_find(&fe, "req_code[0]");
    CHECK(e != NULL);
    e = ferr_find(&fe, "req_code[99]");
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e->field, "req_code[99]");
    CHECK(ferr_find(&fe, "req_code[100]") == NULL);
    /* Order is kept. */
    CHECK_STR(fe.items[0].field, "req_code[0]");
    CHECK_STR(fe.items[57].field, "req_code[57]");
    arena_free(a);
}

int main(void)
{
    RUN(test_empty);
    RUN(test_add_and_find);
    RUN(test_many);
    TEST_END();
}
