/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Socket buffers
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/types.h>

struct net_device;

struct sk_buff {
	struct net_device *dev;
	unsigned int len;
	unsigned char *data;
};

void dev_kfree_skb_any(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);

#endif /* _LINUX_SKBUFF_H */
