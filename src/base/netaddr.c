/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* netaddr.c: address lists (see netaddr.h). */
#include "base/netaddr.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An address as 16 bytes (IPv4 as IPv4-mapped IPv6) and its family. */
struct addr {
    unsigned char b[16];
    bool v4; /* an IPv4 address (or IPv4-mapped) */
};

static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                         0, 0, 0, 0, 0xff, 0xff};

static bool parse_addr(const char *s, struct addr *out)
{
    memset(out, 0, sizeof(*out));
    unsigned char v4[4];
    if (inet_pton(AF_INET, s, v4) == 1) {
        memcpy(out->b, mapped, 12);
        memcpy(out->b + 12, v4, 4);
        out->v4 = true;
        return true;
    }
    if (inet_pton(AF_INET6, s, out->b) == 1) {
        out->v4 = memcmp(out->b, mapped, 12) == 0;
        return true;
    }
    return false;
}

/* One entry "ADDR[/BITS]" into a network (bits counted on 128, an IPv4
 * prefix shifted by 96). */
static bool parse_net(const char *s, size_t n, struct addr *net, int *bits)
{
    char text[64];
    if (n == 0 || n >= sizeof(text))
        return false;
    memcpy(text, s, n);
    text[n] = '\0';
    char *slash = strchr(text, '/');
    long len = -1;
    if (slash) {
        *slash = '\0';
        char *end = NULL;
        if (!slash[1] || strlen(slash + 1) > 3)
            return false;
        len = strtol(slash + 1, &end, 10);
        if (*end || len < 0)
            return false;
    }
    if (!parse_addr(text, net))
        return false;
    int max = net->v4 ? 32 : 128;
    if (len > max)
        return false;
    *bits = (int)(len < 0 ? max : len) + (net->v4 ? 96 : 0);
    return true;
}

static bool in_net(const struct addr *a, const struct addr *net, int bits)
{
    int full = bits / 8, rest = bits % 8;
    if (memcmp(a->b, net->b, (size_t)full) != 0)
        return false;
    if (!rest)
        return true;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a->b[full] & mask) == (net->b[full] & mask);
}

/* Walk the entries of list: fn(entry) for each; false at a bad one. */
static bool each(const char *list, const struct addr *a, bool *hit)
{
    const char *p = list ? list : "";
    for (;;) {
        p += strspn(p, ", \t");
        if (!*p)
            return true;
        size_t n = strcspn(p, ", \t");
        struct addr net;
        int bits = 0;
        if (!parse_net(p, n, &net, &bits))
            return false;
        if (a && hit && in_net(a, &net, bits))
            *hit = true;
        p += n;
    }
}

bool netaddr_list_valid(const char *list)
{
    return each(list, NULL, NULL);
}

bool netaddr_in_list(const char *addr, const char *list)
{
    struct addr a;
    if (!addr || !parse_addr(addr, &a))
        return false;
    bool hit = false;
    return each(list, &a, &hit) && hit;
}
