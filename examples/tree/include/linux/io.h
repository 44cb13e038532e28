/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory-mapped I/O
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>

u32 readl(const volatile void __iomem *addr);
void writel(u32 value, volatile void __iomem *addr);
u32 ioread32(const void __iomem *addr);
void iowrite32(u32 value, void __iomem *addr);

#endif /* _LINUX_IO_H */
