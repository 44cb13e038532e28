/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DMA addressing
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_DMA_MAPPING_H
#define _LINUX_DMA_MAPPING_H

#include <linux/device.h>
#include <linux/types.h>

#define DMA_BIT_MASK(n)	(((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))

int dma_set_mask_and_coherent(struct device *dev, u64 mask);

#endif /* _LINUX_DMA_MAPPING_H */
