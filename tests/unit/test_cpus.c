/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_cpus.c: the CPUs a cgroup quota allows (base/cpus.h), at the edges
 * of the rounding and of the text cgroup v2 writes, and the process's
 * usable CPUs between 1 and the machine's: one when its affinity mask
 * holds one CPU (as under taskset -c 0).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>

#include "base/cpus.h"
#include "test.h"

static void test_quota(void)
{
    CHECK_INT(cpus_of_quota(100000, 100000), 1);
    CHECK_INT(cpus_of_quota(100001, 100000), 2);
    CHECK_INT(cpus_of_quota(99999, 100000), 1);
    CHECK_INT(cpus_of_quota(1, 100000), 1);
    CHECK_INT(cpus_of_quota(200000, 100000), 2);
    CHECK_INT(cpus_of_quota(250000, 100000), 3);
    CHECK_INT(cpus_of_quota(-1, 100000), 0); /* v1: no quota */
    CHECK_INT(cpus_of_quota(0, 100000), 0);
    CHECK_INT(cpus_of_quota(100000, 0), 0);
    CHECK_INT(cpus_of_quota(100000, -5), 0);
}

static void test_cpu_max(void)
{
    CHECK_INT(cpus_of_cpu_max("max 100000\n"), 0);
    CHECK_INT(cpus_of_cpu_max("max"), 0);
    CHECK_INT(cpus_of_cpu_max("150000 100000\n"), 2);
    CHECK_INT(cpus_of_cpu_max("100000 100000"), 1);
    CHECK_INT(cpus_of_cpu_max("50000 100000\n"), 1);
    CHECK_INT(cpus_of_cpu_max("400000 100000\n"), 4);
    CHECK_INT(cpus_of_cpu_max(""), 0);
    CHECK_INT(cpus_of_cpu_max("abc"), 0);
    CHECK_INT(cpus_of_cpu_max("150000"), 0);
    CHECK_INT(cpus_of_cpu_max("150000 x"), 0);
    CHECK_INT(cpus_of_cpu_max("150000 100000 7"), 0);
    CHECK_INT(cpus_of_cpu_max(NULL), 0);
}

static void test_usable(void)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned n = cpus_usable();
    CHECK(n >= 1);
    CHECK(online < 1 || n <= (unsigned)online);
    /* Pinned to one CPU: one. */
    cpu_set_t was, one;
    CHECK_INT(sched_getaffinity(0, sizeof(was), &was), 0);
    size_t first = CPU_SETSIZE;
    for (size_t i = 0; i < CPU_SETSIZE && first == CPU_SETSIZE; i++)
        if (CPU_ISSET(i, &was))
            first = i;
    CHECK(first < CPU_SETSIZE);
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    CHECK_INT(sched_setaffinity(0, sizeof(one), &one), 0);
    CHECK_INT(cpus_usable(), 1);
    CHECK_INT(sched_setaffinity(0, sizeof(was), &was), 0);
    CHECK_INT(cpus_usable(), n);
}

int main(void)
{
    RUN(test_quota);
    RUN(test_cpu_max);
    RUN(test_usable);
    TEST_END();
}
