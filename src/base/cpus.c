/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* cpus.c: the CPUs this process may use (see cpus.h). */
/* sched_getaffinity() and CPU_COUNT() are GNU's. */
#define _GNU_SOURCE // NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp)
#include "base/cpus.h"

#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned cpus_of_quota(long long quota, long long period)
{
    if (quota <= 0 || period <= 0)
        return 0;
    long long n = (quota + period - 1) / period;
    return n > 4096 ? 4096 : (unsigned)n;
}

unsigned cpus_of_cpu_max(const char *text)
{
    if (!text || strncmp(text, "max", 3) == 0)
        return 0;
    char *end = NULL;
    long long quota = strtoll(text, &end, 10);
    if (end == text || *end != ' ')
        return 0;
    const char *p = end + 1;
    long long period = strtoll(p, &end, 10);
    if (end == p || (*end != '\0' && *end != '\n'))
        return 0;
    return cpus_of_quota(quota, period);
}

/* The first line of path into buf; false when it cannot be read. */
static bool read_line(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fgets(buf, (int)n, f) != NULL;
    fclose(f);
    return ok;
}

/* A number alone on a line (cgroup v1's files); 0 when it is not one. */
static long long number_of(const char *text)
{
    char *end = NULL;
    long long v = strtoll(text, &end, 10);
    if (end == text || (*end != '\0' && *end != '\n'))
        return 0;
    return v;
}

/* The CPUs the cgroup's quota allows, 0 when none is set or found. */
static unsigned quota_cpus(void)
{
    char buf[128];
    if (read_line("/sys/fs/cgroup/cpu.max", buf, sizeof(buf)))
        return cpus_of_cpu_max(buf);
    char q[64], p[64];
    if (read_line("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", q, sizeof(q)) &&
        read_line("/sys/fs/cgroup/cpu/cpu.cfs_period_us", p, sizeof(p)))
        return cpus_of_quota(number_of(q), number_of(p));
    return 0;
}

unsigned cpus_usable(void)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = online > 0 ? (unsigned)online : 1;
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        int k = CPU_COUNT(&set);
        if (k > 0 && (unsigned)k < n)
            n = (unsigned)k;
    }
    unsigned q = quota_cpus();
    if (q && q < n)
        n = q;
    return n ? n : 1;
}
