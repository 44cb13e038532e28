/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Acme Networks AN-1000/AN-1100 Gigabit Ethernet driver
 *
 * Copyright (C) 2024 Acme Networks, Inc.
 */

#ifndef _ACME_H
#define _ACME_H

#include <linux/bits.h>
#include <linux/io.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>

#define ACME_DRV_NAME		"acme"

#define PCI_VENDOR_ID_ACME	0x1d9c
#define PCI_DEVICE_ID_AN1000	0x1000
#define PCI_DEVICE_ID_AN1100	0x1100

/* BAR 0 registers */
#define ACME_REG_CTRL		0x0000
#define ACME_REG_STATUS		0x0004
#define ACME_REG_INT_STATUS	0x0008	/* write 1 to clear */
#define ACME_REG_INT_MASK	0x000c
#define ACME_REG_MAC_LO		0x0010
#define ACME_REG_MAC_HI		0x0014
#define ACME_REG_RX_COAL	0x0020

#define ACME_CTRL_RESET		BIT(0)
#define ACME_CTRL_RX_EN		BIT(1)
#define ACME_CTRL_TX_EN		BIT(2)

#define ACME_STATUS_LINK_UP	BIT(0)

#define ACME_INT_RX		BIT(0)
#define ACME_INT_TX		BIT(1)
#define ACME_INT_LINK		BIT(2)
#define ACME_INT_ERR		BIT(3)

#define ACME_COAL_USECS		GENMASK(15, 0)
#define ACME_COAL_FRAMES	GENMASK(23, 16)
#define ACME_COAL_MAX_USECS	1000
#define ACME_COAL_MAX_FRAMES	255

/* Capabilities, from the PCI ID table */
#define ACME_CAP_JUMBO		BIT(0)

#define ACME_MAX_MTU		1500
#define ACME_MAX_JUMBO_MTU	9000

#define ACME_DEF_RING_SIZE	512
#define ACME_MIN_RING_SIZE	64
#define ACME_MAX_RING_SIZE	4096

/* Receive interrupt coalescing, replaced as a whole under cfg_lock */
struct acme_coal {
	u32 usecs;
	u32 frames;
	struct rcu_head rcu;
};

struct acme_ring;

struct acme_priv {
	struct net_device *ndev;
	struct pci_dev *pdev;
	void __iomem *regs;
	u32 caps;

	struct napi_struct napi;
	struct acme_ring *rx_ring;
	struct acme_ring *tx_ring;
	unsigned int rx_ring_size;	/* under cfg_lock */
	unsigned int tx_ring_size;	/* under cfg_lock */

	spinlock_t lock;		/* protects int_mask */
	u32 int_mask;

	struct mutex cfg_lock;		/* serialises configuration changes */
	struct acme_coal __rcu *coal;

	struct u64_stats_sync syncp;
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
};

static inline u32 acme_read(struct acme_priv *priv, u32 reg)
{
	return readl(priv->regs + reg);
}

static inline void acme_write(struct acme_priv *priv, u32 reg, u32 val)
{
	writel(val, priv->regs + reg);
}

/* acme_ring.c */
int acme_alloc_rings(struct acme_priv *priv);
void acme_free_rings(struct acme_priv *priv);
int acme_rx(struct acme_priv *priv, int budget);
bool acme_clean_tx(struct acme_priv *priv);
netdev_tx_t acme_start_xmit(struct sk_buff *skb, struct net_device *ndev);

/* acme_ethtool.c */
void acme_set_ethtool_ops(struct net_device *ndev);
void acme_write_coal(struct acme_priv *priv, const struct acme_coal *coal);

#endif /* _ACME_H */
