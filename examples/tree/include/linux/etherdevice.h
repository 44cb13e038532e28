/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ethernet devices
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_ETHERDEVICE_H
#define _LINUX_ETHERDEVICE_H

#include <linux/netdevice.h>
#include <linux/types.h>

#define ETH_ALEN	6
#define ETH_MIN_MTU	68
#define ETH_DATA_LEN	1500

struct net_device *alloc_etherdev(int sizeof_priv);
bool is_valid_ether_addr(const u8 *addr);
void eth_hw_addr_set(struct net_device *dev, const u8 *addr);
void eth_hw_addr_random(struct net_device *dev);
int eth_mac_addr(struct net_device *dev, void *p);
int eth_validate_addr(struct net_device *dev);

#endif /* _LINUX_ETHERDEVICE_H */
