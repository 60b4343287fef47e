/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_hours.c: weekly opening hours (core/hours.h): the default week,
 * malformed texts (entry count, times, close not after open, separators)
 * and the format round trip.
 */
#include <string.h>

#include "core/hours.h"
#include "test.h"

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_default(void)
{
    struct hours h;
    memset(&h, 0x55, sizeof(h));
    CHECK(hours_parse(HOURS_DEFAULT, &h));
    /* Sunday and Saturday closed. */
    CHECK_INT(h.open[0], -1);
    CHECK_INT(h.open[6], -1);
    /* Monday to Thursday 07:30-15:30 = 450..930. */
    for (int d = 1; d <= 4; d++) {
        CHECK_INT(h.open[d], 450);
        CHECK_INT(h.close[d], 930);
    }
    /* Friday 07:30-14:00 = 450..840. */
    CHECK_INT(h.open[5], 450);
    CHECK_INT(h.close[5], 840);

    static const bool open_day[7] = {false, true, true, true,
                                     true,  true, false};
    for (int d = 0; d < 7; d++)
        CHECK_INT(hours_is_open_day(&h, d), open_day[d]);
    CHECK(!hours_is_open_day(&h, -1));
    CHECK(!hours_is_open_day(&h, 7));
}

static void test_valid_texts(void)
{
    static const struct {
        const char *text;
        int open1, close1; /* Monday */
        int open0;         /* Sunday */
    } cases[] = {
        {"-,-,-,-,-,-,-", -1, -1, -1},
        {"00:00-24:00,00:00-24:00,00:00-24:00,00:00-24:00,00:00-24:00,"
         "00:00-24:00,00:00-24:00",
         0, 1440, 0},
        {"-,08:00-08:01,-,-,-,-,-", 480, 481, -1},
        {"-,23:59-24:00,-,-,-,-,-", 1439, 1440, -1},
        {"09:00-12:00,07:00-16:00,-,-,-,-,-", 420, 960, 540},
    };
    for (size_t i = 0; i < N_ITEMS(cases); i++) {
        struct hours h;
        bool ok = hours_parse(cases[i].text, &h);
        CHECK(ok);
        if (!ok)
            continue;
        CHECK_INT(h.open[1], cases[i].open1);
        if (cases[i].open1 >= 0)
            CHECK_INT(h.close[1], cases[i].close1);
        CHECK_INT(h.open[0], cases[i].open0);
    }
}

static void test_invalid_texts(void)
{
    static const char *const bad[] = {
        /* six entries */
        "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00",
        /* eight entries */
        "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00,-,-",
        /* trailing comma */
        "-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00,-,",
        /* leading comma */
        ",-,07:30-15:30,07:30-15:30,07:30-15:30,07:30-15:30,07:30-14:00",
        /* close equal to open, close before open */
        "-,08:00-08:00,-,-,-,-,-",
        "-,15:30-07:30,-,-,-,-,-",
        /* single-digit hour */
        "-,7:30-15:30,-,-,-,-,-",
        "-,07:30-9:30,-,-,-,-,-",
        /* bad times */
        "-,07:30-24:01,-,-,-,-,-",
        "-,07:60-15:30,-,-,-,-,-",
        "-,25:00-26:00,-,-,-,-,-",
        /* bad separators and spaces */
        "-,07:30~15:30,-,-,-,-,-",
        "-,07:30 - 15:30,-,-,-,-,-",
        "-, 07:30-15:30,-,-,-,-,-",
        "-;07:30-15:30;-;-;-;-;-",
        /* empty and odd closed markers */
        ",,,,,,",
        "-,,-,-,-,-,-",
        "--,-,-,-,-,-,-",
        "x,-,-,-,-,-,-",
        "",
    };
    for (size_t i = 0; i < N_ITEMS(bad); i++) {
        struct hours h;
        bool ok = hours_parse(bad[i], &h);
        if (ok)
            fprintf(stderr, "  hours_parse accepted \"%s\"\n", bad[i]);
        CHECK(!ok);
    }
    struct hours h;
    CHECK(!hours_parse(NULL, &h));
}

static void test_format(void)
{
    static const char *const texts[] = {
        HOURS_DEFAULT,
        "-,-,-,-,-,-,-",
        "00:00-24:00,08:00-08:01,-,10:05-23:59,-,07:30-14:00,09:00-12:00",
    };
    for (size_t i = 0; i < N_ITEMS(texts); i++) {
        struct hours h;
        CHECK(hours_parse(texts[i], &h));
        char out[96];
        hours_format(&h, out, sizeof(out));
        CHECK_STR(out, texts[i]);
    }

    /* Formatting a struct built by hand. */
    struct hours h;
    for (int d = 0; d < 7; d++) {
        h.open[d] = -1;
        h.close[d] = -1;
    }
    h.open[3] = 5;
    h.close[3] = 605;
    char out[96];
    hours_format(&h, out, sizeof(out));
    CHECK_STR(out, "-,-,-,00:05-10:05,-,-,-");
}

int main(void)
{
    RUN(test_default);
    RUN(test_valid_texts);
    RUN(test_invalid_texts);
    RUN(test_format);
    TEST_END();
}
