/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ethtool operations
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_ETHTOOL_H
#define _LINUX_ETHTOOL_H

#include <linux/bits.h>
#include <linux/netlink.h>
#include <linux/types.h>

struct net_device;

struct ethtool_drvinfo {
	u32 cmd;
	char driver[32];
	char version[32];
	char fw_version[32];
	char bus_info[32];
};

struct ethtool_ringparam {
	u32 cmd;
	u32 rx_max_pending;
	u32 tx_max_pending;
	u32 rx_pending;
	u32 tx_pending;
};

struct kernel_ethtool_ringparam {
	u32 rx_buf_len;
};

struct ethtool_coalesce {
	u32 cmd;
	u32 rx_coalesce_usecs;
	u32 rx_max_coalesced_frames;
	u32 use_adaptive_rx_coalesce;
};

struct kernel_ethtool_coalesce {
	u8 use_cqe_mode_rx;
};

#define ETHTOOL_COALESCE_RX_USECS		BIT(0)
#define ETHTOOL_COALESCE_RX_MAX_FRAMES		BIT(1)
#define ETHTOOL_COALESCE_USE_ADAPTIVE_RX	BIT(18)

struct ethtool_ops {
	u32 supported_coalesce_params;
	void (*get_drvinfo)(struct net_device *dev,
			    struct ethtool_drvinfo *info);
	u32 (*get_link)(struct net_device *dev);
	int (*get_coalesce)(struct net_device *dev,
			    struct ethtool_coalesce *ec,
			    struct kernel_ethtool_coalesce *kec,
			    struct netlink_ext_ack *extack);
	int (*set_coalesce)(struct net_device *dev,
			    struct ethtool_coalesce *ec,
			    struct kernel_ethtool_coalesce *kec,
			    struct netlink_ext_ack *extack);
	void (*get_ringparam)(struct net_device *dev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack);
	int (*set_ringparam)(struct net_device *dev,
			     struct ethtool_ringparam *ring,
			     struct kernel_ethtool_ringparam *kring,
			     struct netlink_ext_ack *extack);
};

u32 ethtool_op_get_link(struct net_device *dev);

#endif /* _LINUX_ETHTOOL_H */
