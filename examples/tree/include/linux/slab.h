/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel memory allocator
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp_types.h>
#include <linux/types.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void *kmalloc_array(size_t n, size_t size, gfp_t flags);
void *kcalloc(size_t n, size_t size, gfp_t flags);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
void kfree(const void *objp);
void kvfree(const void *addr);

#endif /* _LINUX_SLAB_H */
