/* SPDX-License-Identifier: GPL-2.0 */
/*
 * container_of()
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/stddef.h>

#define container_of(ptr, type, member) \
	((type *)((void *)(ptr) - offsetof(type, member)))

#endif /* _LINUX_CONTAINER_OF_H */
