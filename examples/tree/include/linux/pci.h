/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI devices and drivers
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/device.h>
#include <linux/module.h>
#include <linux/types.h>

struct pci_device_id {
	u32 vendor, device;
	u32 subvendor, subdevice;
	u32 class, class_mask;
	unsigned long driver_data;
};

struct pci_dev {
	struct device dev;
	unsigned short vendor;
	unsigned short device;
	unsigned int irq;
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
};

#define PCI_ANY_ID	(~0)
#define PCI_VDEVICE(vend, dev) \
	.vendor = PCI_VENDOR_ID_##vend, .device = (dev), \
	.subvendor = PCI_ANY_ID, .subdevice = PCI_ANY_ID

int __must_check pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
int __must_check pci_request_regions(struct pci_dev *dev, const char *name);
void pci_release_regions(struct pci_dev *dev);
void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long max);
void pci_iounmap(struct pci_dev *dev, void __iomem *addr);
const char *pci_name(const struct pci_dev *pdev);
void pci_set_drvdata(struct pci_dev *pdev, void *data);
void *pci_get_drvdata(struct pci_dev *pdev);
int __must_check pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);

#define module_pci_driver(__pci_driver) \
	module_driver(__pci_driver, pci_register_driver, pci_unregister_driver)

#endif /* _LINUX_PCI_H */
