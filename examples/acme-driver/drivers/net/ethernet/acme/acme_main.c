// SPDX-License-Identifier: GPL-2.0
/*
 * Acme Networks AN-1000/AN-1100 Gigabit Ethernet driver
 *
 * Copyright (C) 2024 Acme Networks, Inc.
 */

#include <linux/dma-mapping.h>
#include <linux/etherdevice.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/slab.h>

#include "acme.h"

static void acme_irq_enable(struct acme_priv *priv, u32 mask)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->lock, flags);
	priv->int_mask |= mask;
	acme_write(priv, ACME_REG_INT_MASK, priv->int_mask);
	spin_unlock_irqrestore(&priv->lock, flags);
}

static void acme_irq_disable(struct acme_priv *priv, u32 mask)
{
	unsigned long flags;

	spin_lock_irqsave(&priv->lock, flags);
	priv->int_mask &= ~mask;
	acme_write(priv, ACME_REG_INT_MASK, priv->int_mask);
	spin_unlock_irqrestore(&priv->lock, flags);
}

static void acme_update_link(struct acme_priv *priv)
{
	struct net_device *ndev = priv->ndev;
	u32 status = acme_read(priv, ACME_REG_STATUS);

	if (status & ACME_STATUS_LINK_UP) {
		if (!netif_carrier_ok(ndev)) {
			netif_carrier_on(ndev);
			netdev_info(ndev, "link up\n");
		}
	} else if (netif_carrier_ok(ndev)) {
		netif_carrier_off(ndev);
		netdev_info(ndev, "link down\n");
	}
}

static irqreturn_t acme_interrupt(int irq, void *data)
{
	struct acme_priv *priv = data;
	u32 status;

	status = acme_read(priv, ACME_REG_INT_STATUS) & priv->int_mask;
	if (!status)
		return IRQ_NONE;

	acme_write(priv, ACME_REG_INT_STATUS, status);

	if (status & ACME_INT_LINK)
		acme_update_link(priv);

	if (status & (ACME_INT_RX | ACME_INT_TX)) {
		acme_irq_disable(priv, ACME_INT_RX | ACME_INT_TX);
		napi_schedule(&priv->napi);
	}

	return IRQ_HANDLED;
}

static int acme_poll(struct napi_struct *napi, int budget)
{
	struct acme_priv *priv = container_of(napi, struct acme_priv, napi);
	int done;

	acme_clean_tx(priv);
	done = acme_rx(priv, budget);
	if (done < budget && napi_complete_done(napi, done))
		acme_irq_enable(priv, ACME_INT_RX | ACME_INT_TX);

	return done;
}

static int acme_open(struct net_device *ndev)
{
	struct acme_priv *priv = netdev_priv(ndev);
	int err;

	err = acme_alloc_rings(priv);
	if (err)
		return err;

	err = request_irq(priv->pdev->irq, acme_interrupt, IRQF_SHARED,
			  ndev->name, priv);
	if (err) {
		netdev_err(ndev, "cannot request IRQ %d: %d\n",
			   priv->pdev->irq, err);
		goto err_free_rings;
	}

	mutex_lock(&priv->cfg_lock);
	acme_write_coal(priv, rcu_dereference_protected(priv->coal,
				lockdep_is_held(&priv->cfg_lock)));
	mutex_unlock(&priv->cfg_lock);

	napi_enable(&priv->napi);
	acme_write(priv, ACME_REG_CTRL, ACME_CTRL_RX_EN | ACME_CTRL_TX_EN);
	acme_irq_enable(priv, ACME_INT_RX | ACME_INT_TX | ACME_INT_LINK);
	acme_update_link(priv);
	netif_start_queue(ndev);

	return 0;

err_free_rings:
	acme_free_rings(priv);
	return err;
}

static int acme_stop(struct net_device *ndev)
{
	struct acme_priv *priv = netdev_priv(ndev);

	netif_stop_queue(ndev);
	acme_irq_disable(priv, priv->int_mask);
	acme_write(priv, ACME_REG_CTRL, ACME_CTRL_RESET);
	napi_disable(&priv->napi);
	free_irq(priv->pdev->irq, priv);
	netif_carrier_off(ndev);
	acme_free_rings(priv);

	return 0;
}

static void acme_get_stats64(struct net_device *ndev,
			     struct rtnl_link_stats64 *stats)
{
	struct acme_priv *priv = netdev_priv(ndev);
	unsigned int start;

	do {
		start = u64_stats_fetch_begin(&priv->syncp);
		stats->rx_packets = priv->rx_packets;
		stats->rx_bytes = priv->rx_bytes;
		stats->tx_packets = priv->tx_packets;
		stats->tx_bytes = priv->tx_bytes;
	} while (u64_stats_fetch_retry(&priv->syncp, start));
}

static const struct net_device_ops acme_netdev_ops = {
	.ndo_open		= acme_open,
	.ndo_stop		= acme_stop,
	.ndo_start_xmit		= acme_start_xmit,
	.ndo_get_stats64	= acme_get_stats64,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
};

static void acme_read_mac_addr(struct acme_priv *priv)
{
	u32 lo = acme_read(priv, ACME_REG_MAC_LO);
	u32 hi = acme_read(priv, ACME_REG_MAC_HI);
	u8 addr[ETH_ALEN];

	addr[0] = lo;
	addr[1] = lo >> 8;
	addr[2] = lo >> 16;
	addr[3] = lo >> 24;
	addr[4] = hi;
	addr[5] = hi >> 8;

	if (is_valid_ether_addr(addr)) {
		eth_hw_addr_set(priv->ndev, addr);
	} else {
		dev_warn(&priv->pdev->dev, "invalid MAC address %pM, using a random one\n",
			 addr);
		eth_hw_addr_random(priv->ndev);
	}
}

static int acme_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct net_device *ndev;
	struct acme_priv *priv;
	struct acme_coal *coal;
	int err;

	err = pci_enable_device(pdev);
	if (err)
		return err;

	err = pci_request_regions(pdev, ACME_DRV_NAME);
	if (err)
		goto err_disable;

	err = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64));
	if (err)
		goto err_release;

	pci_set_master(pdev);

	ndev = alloc_etherdev(sizeof(*priv));
	if (!ndev) {
		err = -ENOMEM;
		goto err_release;
	}
	SET_NETDEV_DEV(ndev, &pdev->dev);

	priv = netdev_priv(ndev);
	priv->ndev = ndev;
	priv->pdev = pdev;
	priv->caps = id->driver_data;
	priv->rx_ring_size = ACME_DEF_RING_SIZE;
	priv->tx_ring_size = ACME_DEF_RING_SIZE;
	spin_lock_init(&priv->lock);
	mutex_init(&priv->cfg_lock);
	u64_stats_init(&priv->syncp);

	priv->regs = pci_iomap(pdev, 0, 0);
	if (!priv->regs) {
		err = -ENOMEM;
		goto err_free_netdev;
	}

	coal = kzalloc(sizeof(*coal), GFP_KERNEL);
	if (!coal) {
		err = -ENOMEM;
		goto err_unmap;
	}
	coal->usecs = 20;
	coal->frames = 16;
	RCU_INIT_POINTER(priv->coal, coal);

	acme_write(priv, ACME_REG_CTRL, ACME_CTRL_RESET);
	acme_read_mac_addr(priv);

	ndev->netdev_ops = &acme_netdev_ops;
	acme_set_ethtool_ops(ndev);
	ndev->min_mtu = ETH_MIN_MTU;
	ndev->max_mtu = priv->caps & ACME_CAP_JUMBO ? ACME_MAX_JUMBO_MTU
						    : ACME_MAX_MTU;
	netif_napi_add(ndev, &priv->napi, acme_poll);

	pci_set_drvdata(pdev, priv);
	err = register_netdev(ndev);
	if (err)
		goto err_del_napi;

	return 0;

err_del_napi:
	netif_napi_del(&priv->napi);
	kfree(coal);
err_unmap:
	pci_iounmap(pdev, priv->regs);
err_free_netdev:
	free_netdev(ndev);
err_release:
	pci_release_regions(pdev);
err_disable:
	pci_disable_device(pdev);
	return err;
}

static void acme_remove(struct pci_dev *pdev)
{
	struct acme_priv *priv = pci_get_drvdata(pdev);
	struct net_device *ndev = priv->ndev;

	unregister_netdev(ndev);
	netif_napi_del(&priv->napi);
	kfree(rcu_dereference_protected(priv->coal, true));
	pci_iounmap(pdev, priv->regs);
	free_netdev(ndev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
}

static const struct pci_device_id acme_pci_tbl[] = {
	{ PCI_VDEVICE(ACME, PCI_DEVICE_ID_AN1000), 0 },
	{ PCI_VDEVICE(ACME, PCI_DEVICE_ID_AN1100), ACME_CAP_JUMBO },
	{ }
};
MODULE_DEVICE_TABLE(pci, acme_pci_tbl);

static struct pci_driver acme_pci_driver = {
	.name		= ACME_DRV_NAME,
	.id_table	= acme_pci_tbl,
	.probe		= acme_probe,
	.remove		= acme_remove,
};
module_pci_driver(acme_pci_driver);

MODULE_AUTHOR("Anna Lindqvist <anna.lindqvist@example.com>");
MODULE_DESCRIPTION("Acme Networks AN-1000/AN-1100 Ethernet driver");
MODULE_LICENSE("GPL");
