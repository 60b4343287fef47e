/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cpus.h: how many CPUs this process may use, for the defaults that
 * follow them (report threads, password hashes at once). Not the CPUs
 * the machine has: those of the process's affinity mask (taskset,
 * systemd's CPUAffinity=, a container's cpuset), fewer when its cgroup's
 * CPU quota allows fewer (systemd's CPUQuota=, docker --cpus): cgroup v2
 * cpu.max, or v1 cpu.cfs_quota_us over cpu.cfs_period_us, rounded up.
 */
#ifndef SP_BASE_CPUS_H
#define SP_BASE_CPUS_H

/* The CPUs this process may use, at least 1. */
unsigned cpus_usable(void);
/* The CPUs a quota of quota microseconds per period allows, rounded up;
 * 0 when it sets no limit (a quota or period of 0 or less). */
unsigned cpus_of_quota(long long quota, long long period);
/* The CPUs a cgroup v2 cpu.max text allows ("150000 100000": 2); 0 for
 * "max ..." (no limit) and for text that does not parse. */
unsigned cpus_of_cpu_max(const char *text);

#endif
