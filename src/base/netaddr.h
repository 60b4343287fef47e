/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * netaddr.h: whether a client address is in a list of addresses and
 * networks, such as SATUPINTU_METRICS_ALLOW ("127.0.0.0/8, ::1,
 * 10.20.0.0/16"). Entries are IPv4 or IPv6 addresses, each with an
 * optional /BITS prefix length, separated by commas and/or spaces. An
 * IPv4-mapped IPv6 address (::ffff:127.0.0.1) counts as its IPv4 address.
 */
#ifndef SP_BASE_NETADDR_H
#define SP_BASE_NETADDR_H

#include <stdbool.h>

/* True when every entry of list parses (an empty list is valid and
 * matches nothing). */
bool netaddr_list_valid(const char *list);
/* True when addr (text, as the server writes it) is in list; false for
 * an address or a list that does not parse. */
bool netaddr_in_list(const char *addr, const char *list);

#endif
