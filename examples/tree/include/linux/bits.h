/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Single bits and masks
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

#define BIT(nr)			(1UL << (nr))
#define GENMASK(h, l)		(((~0UL) << (l)) & (~0UL >> (63 - (h))))

#endif /* _LINUX_BITS_H */
