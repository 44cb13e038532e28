/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register fields
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H

#include <linux/bits.h>

#define FIELD_PREP(mask, val)	(((val) << __builtin_ctzl(mask)) & (mask))
#define FIELD_GET(mask, reg)	(((reg) & (mask)) >> __builtin_ctzl(mask))

#endif /* _LINUX_BITFIELD_H */
