// SPDX-License-Identifier: GPL-2.0
/*
 * Acme Networks AN-1000/AN-1100 Gigabit Ethernet driver: ethtool operations
 *
 * Copyright (C) 2024 Acme Networks, Inc.
 */

#include <linux/bitfield.h>
#include <linux/ethtool.h>
#include <linux/log2.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "acme.h"

static void acme_get_drvinfo(struct net_device *ndev,
			     struct ethtool_drvinfo *info)
{
	struct acme_priv *priv = netdev_priv(ndev);

	strscpy(info->driver, ACME_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, pci_name(priv->pdev), sizeof(info->bus_info));
}

static void acme_get_ringparam(struct net_device *ndev,
			       struct ethtool_ringparam *ring,
			       struct kernel_ethtool_ringparam *kring,
			       struct netlink_ext_ack *extack)
{
	struct acme_priv *priv = netdev_priv(ndev);

	ring->rx_max_pending = ACME_MAX_RING_SIZE;
	ring->tx_max_pending = ACME_MAX_RING_SIZE;

	mutex_lock(&priv->cfg_lock);
	ring->rx_pending = priv->rx_ring_size;
	ring->tx_pending = priv->tx_ring_size;
	mutex_unlock(&priv->cfg_lock);
}

static int acme_set_ringparam(struct net_device *ndev,
			      struct ethtool_ringparam *ring,
			      struct kernel_ethtool_ringparam *kring,
			      struct netlink_ext_ack *extack)
{
	struct acme_priv *priv = netdev_priv(ndev);
	const struct acme_coal *coal;
	int err = 0;

	if (ring->rx_pending < ACME_MIN_RING_SIZE ||
	    ring->tx_pending < ACME_MIN_RING_SIZE ||
	    !is_power_of_2(ring->rx_pending) ||
	    !is_power_of_2(ring->tx_pending)) {
		NL_SET_ERR_MSG(extack, "ring sizes must be powers of 2, at least 64");
		return -EINVAL;
	}

	if (netif_running(ndev)) {
		NL_SET_ERR_MSG(extack, "bring the interface down first");
		return -EBUSY;
	}

	mutex_lock(&priv->cfg_lock);
	coal = rcu_dereference_protected(priv->coal,
					 lockdep_is_held(&priv->cfg_lock));
	if (ring->rx_pending <= coal->frames) {
		NL_SET_ERR_MSG(extack, "rx ring must be larger than rx-frames");
		err = -EINVAL;
	} else {
		priv->rx_ring_size = ring->rx_pending;
		priv->tx_ring_size = ring->tx_pending;
	}
	mutex_unlock(&priv->cfg_lock);

	return err;
}

void acme_write_coal(struct acme_priv *priv, const struct acme_coal *coal)
{
	acme_write(priv, ACME_REG_RX_COAL,
		   FIELD_PREP(ACME_COAL_USECS, coal->usecs) |
		   FIELD_PREP(ACME_COAL_FRAMES, coal->frames));
}

static int acme_get_coalesce(struct net_device *ndev,
			     struct ethtool_coalesce *ec,
			     struct kernel_ethtool_coalesce *kec,
			     struct netlink_ext_ack *extack)
{
	struct acme_priv *priv = netdev_priv(ndev);
	const struct acme_coal *coal;

	rcu_read_lock();
	coal = rcu_dereference(priv->coal);
	ec->rx_coalesce_usecs = coal->usecs;
	ec->rx_max_coalesced_frames = coal->frames;
	rcu_read_unlock();

	return 0;
}

static int acme_set_coalesce(struct net_device *ndev,
			     struct ethtool_coalesce *ec,
			     struct kernel_ethtool_coalesce *kec,
			     struct netlink_ext_ack *extack)
{
	struct acme_priv *priv = netdev_priv(ndev);
	struct acme_coal *coal, *old;

	if (ec->rx_coalesce_usecs > ACME_COAL_MAX_USECS ||
	    ec->rx_max_coalesced_frames > ACME_COAL_MAX_FRAMES)
		return -EINVAL;

	coal = kmalloc(sizeof(*coal), GFP_KERNEL);
	if (!coal)
		return -ENOMEM;

	coal->usecs = ec->rx_coalesce_usecs;
	coal->frames = ec->rx_max_coalesced_frames;

	mutex_lock(&priv->cfg_lock);
	if (coal->frames >= priv->rx_ring_size) {
		mutex_unlock(&priv->cfg_lock);
		kfree(coal);
		NL_SET_ERR_MSG(extack, "rx-frames must be smaller than the rx ring");
		return -EINVAL;
	}

	old = rcu_replace_pointer(priv->coal, coal,
				  lockdep_is_held(&priv->cfg_lock));
	if (netif_running(ndev))
		acme_write_coal(priv, coal);
	mutex_unlock(&priv->cfg_lock);

	kfree_rcu(old, rcu);
	return 0;
}

static const struct ethtool_ops acme_ethtool_ops = {
	.supported_coalesce_params = ETHTOOL_COALESCE_RX_USECS |
				     ETHTOOL_COALESCE_RX_MAX_FRAMES,
	.get_drvinfo		= acme_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_ringparam		= acme_get_ringparam,
	.set_ringparam		= acme_set_ringparam,
	.get_coalesce		= acme_get_coalesce,
	.set_coalesce		= acme_set_coalesce,
};

void acme_set_ethtool_ops(struct net_device *ndev)
{
	ndev->ethtool_ops = &acme_ethtool_ops;
}
