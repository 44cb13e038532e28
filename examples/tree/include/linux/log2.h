/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Powers of two
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>

static inline bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

#endif /* _LINUX_LOG2_H */
