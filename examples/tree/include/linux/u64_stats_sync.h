/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 64-bit statistics on 32-bit machines
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_U64_STATS_SYNC_H
#define _LINUX_U64_STATS_SYNC_H

#include <linux/types.h>

struct u64_stats_sync {
	unsigned int seq;
};

void u64_stats_init(struct u64_stats_sync *syncp);
void u64_stats_update_begin(struct u64_stats_sync *syncp);
void u64_stats_update_end(struct u64_stats_sync *syncp);
unsigned int u64_stats_fetch_begin(const struct u64_stats_sync *syncp);
bool u64_stats_fetch_retry(const struct u64_stats_sync *syncp,
			   unsigned int start);

#endif /* _LINUX_U64_STATS_SYNC_H */
