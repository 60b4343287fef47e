/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fuzz_region.c: the region code syntax of core/region.h on arbitrary
 * text, as codes arrive in forms, URLs and imported CSV files.
 *
 * Invariants, for s the input up to its first NUL:
 *   - region_code_level() accepts only "NN", "NN.NN", "NN.NN.NN" and
 *     "NN.NN.NN.NNNN" (digits N), with the matching level;
 *   - region_parent() succeeds exactly for accepted codes below province
 *     level, and writes the code's own prefix, one level up;
 *   - region_village_kind() succeeds exactly for village codes whose last
 *     part starts with 1 (kelurahan), 2 or 3 (desa);
 *   - office_level_parse() accepts only a name office_level_code() gives.
 */
#include <stdbool.h>
#include <string.h>

#include "core/region.h"
#include "fuzz.h"

/* True when s[0..n) matches the shape, 'N' standing for any digit. */
static bool shaped(const char *s, size_t n, const char *shape)
{
    if (strlen(shape) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (shape[i] == 'N' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return false;
    }
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_cstr(data, size);
    size_t n = strlen(s);

    static const char *const shapes[] = {"NN", "NN.NN", "NN.NN.NN",
                                         "NN.NN.NN.NNNN"};
    int want = -1; /* expected level, -1 for malformed */
    for (int i = 0; i < 4; i++)
        if (shaped(s, n, shapes[i]))
            want = i;

    enum region_level level = REGION_PROVINCE;
    bool ok = region_code_level(s, &level);
    FUZZ_CHECK(ok == (want >= 0));
    if (ok) {
        FUZZ_CHECK((int)level == want);
        FUZZ_CHECK(region_level_code(level) != NULL);
    }

    char parent[16];
    memset(parent, 'x', sizeof(parent));
    bool has_parent = region_parent(s, parent);
    FUZZ_CHECK(has_parent == (ok && level != REGION_PROVINCE));
    if (has_parent) {
        size_t pn = strnlen(parent, sizeof(parent));
        FUZZ_CHECK(pn < sizeof(parent) && pn < n);
        FUZZ_CHECK(memcmp(parent, s, pn) == 0 && s[pn] == '.');
        enum region_level up;
        FUZZ_CHECK(region_code_level(parent, &up) && (int)up == want - 1);
    }

    enum office_level kind = OFFICE_AGENCY;
    bool is_village = region_village_kind(s, &kind);
    FUZZ_CHECK(is_village == (want == REGION_VILLAGE &&
                              (s[9] == '1' || s[9] == '2' || s[9] == '3')));
    if (is_village)
        FUZZ_CHECK(kind == (s[9] == '1' ? OFFICE_KELURAHAN : OFFICE_DESA));

    enum office_level parsed;
    if (office_level_parse(s, &parsed))
        FUZZ_CHECK(strcmp(office_level_code(parsed), s) == 0);

    free(s);
    return 0;
}
