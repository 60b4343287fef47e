/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* test_netaddr.c: address lists of SATUPINTU_METRICS_ALLOW (base/netaddr). */
#include "base/netaddr.h"
#include "test.h"

static void test_valid_lists(void)
{
    static const struct {
        const char *list;
        bool valid;
    } cases[] = {
        {"", true},
        {"127.0.0.0/8,::1", true},
        {"127.0.0.0/8, ::1 10.0.0.0/16", true},
        {"  ,  ", true},
        {"0.0.0.0/0", true},
        {"::/0", true},
        {"10.0.0.1/32", true},
        {"10.0.0.1/33", false},
        {"::1/128", true},
        {"::1/129", false},
        {"10.0.0.1/", false},
        {"10.0.0.1/-1", false},
        {"10.0.0.1/8x", false},
        {"10.0.0.256", false},
        {"localhost", false},
        {"127.0.0.1;rm", false},
        {"fe80::1%eth0", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (netaddr_list_valid(cases[i].list) != cases[i].valid)
            fprintf(stderr, "  list '%s'\n", cases[i].list);
        CHECK(netaddr_list_valid(cases[i].list) == cases[i].valid);
    }
}

static void test_membership(void)
{
    static const struct {
        const char *addr, *list;
        bool in;
    } cases[] = {
        {"127.0.0.1", "127.0.0.0/8,::1", true},
        {"127.255.255.255", "127.0.0.0/8", true},
        {"128.0.0.0", "127.0.0.0/8", false},
        {"126.255.255.255", "127.0.0.0/8", false},
        {"::1", "127.0.0.0/8,::1", true},
        {"::2", "127.0.0.0/8,::1", false},
        {"::ffff:127.0.0.1", "127.0.0.0/8", true}, /* IPv4-mapped */
        {"::ffff:10.0.0.1", "127.0.0.0/8", false},
        {"10.20.3.4", "10.20.0.0/16", true},
        {"10.21.0.0", "10.20.0.0/16", false},
        {"10.20.0.0", "10.20.0.0/15", true},
        {"10.21.255.255", "10.20.0.0/15", true},
        {"10.22.0.0", "10.20.0.0/15", false},
        {"192.168.1.7", "192.168.1.7", true}, /* a bare address: /32 */
        {"192.168.1.8", "192.168.1.7", false},
        {"192.168.1.8", "0.0.0.0/0", true},
        {"2001:db8::1", "0.0.0.0/0", false}, /* IPv4 everything: no v6 */
        {"2001:db8::1", "2001:db8::/32", true},
        {"2001:db9::1", "2001:db8::/32", false},
        {"2001:db8::1", "::/0", true},
        {"10.0.0.1", "::/0", true},
        {"10.0.0.1", "", false},
        {"unknown", "0.0.0.0/0", false},
        {"", "0.0.0.0/0", false},
        {"10.0.0.1", "10.0.0.0/8,bogus", false}, /* a bad list: nothing */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool got = netaddr_in_list(cases[i].addr, cases[i].list);
        if (got != cases[i].in)
            fprintf(stderr, "  %s in '%s'\n", cases[i].addr, cases[i].list);
        CHECK(got == cases[i].in);
    }
    CHECK(!netaddr_in_list(NULL, "0.0.0.0/0"));
}

int main(void)
{
    RUN(test_valid_lists);
    RUN(test_membership);
    TEST_END();
}
