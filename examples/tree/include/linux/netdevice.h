/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Network devices
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

#include <linux/device.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct ethtool_ops;
struct net_device;

enum netdev_tx {
	NETDEV_TX_OK	= 0x00,
	NETDEV_TX_BUSY	= 0x10,
};
typedef enum netdev_tx netdev_tx_t;

struct napi_struct {
	struct net_device *dev;
	int (*poll)(struct napi_struct *napi, int budget);
	unsigned long state;
};

struct rtnl_link_stats64 {
	u64 rx_packets;
	u64 tx_packets;
	u64 rx_bytes;
	u64 tx_bytes;
	u64 rx_errors;
	u64 tx_errors;
	u64 rx_dropped;
	u64 tx_dropped;
	u64 rx_missed_errors;
};

struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb,
				      struct net_device *dev);
	void (*ndo_get_stats64)(struct net_device *dev,
				struct rtnl_link_stats64 *storage);
	int (*ndo_set_mac_address)(struct net_device *dev, void *addr);
	int (*ndo_validate_addr)(struct net_device *dev);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
};

struct net_device {
	char name[16];
	const struct net_device_ops *netdev_ops;
	const struct ethtool_ops *ethtool_ops;
	unsigned int mtu;
	unsigned int min_mtu;
	unsigned int max_mtu;
	struct device dev;
};

void *netdev_priv(const struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
void free_netdev(struct net_device *dev);

#define SET_NETDEV_DEV(net, pdev)	((net)->dev.parent = (pdev))

void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *napi, int budget));
void netif_napi_del(struct napi_struct *napi);
void napi_enable(struct napi_struct *n);
void napi_disable(struct napi_struct *n);
void napi_schedule(struct napi_struct *n);
bool napi_complete_done(struct napi_struct *n, int work_done);

void netif_start_queue(struct net_device *dev);
void netif_stop_queue(struct net_device *dev);
void netif_wake_queue(struct net_device *dev);
bool netif_running(const struct net_device *dev);
bool netif_device_present(const struct net_device *dev);
bool netif_carrier_ok(const struct net_device *dev);
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);

__printf(2, 3) void netdev_err(const struct net_device *dev, const char *format, ...);
__printf(2, 3) void netdev_warn(const struct net_device *dev, const char *format, ...);
__printf(2, 3) void netdev_info(const struct net_device *dev, const char *format, ...);
__printf(2, 3) void netdev_dbg(const struct net_device *dev, const char *format, ...);

#endif /* _LINUX_NETDEVICE_H */
