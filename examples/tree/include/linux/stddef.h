/* SPDX-License-Identifier: GPL-2.0 */
/*
 * offsetof()
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#define offsetof(type, member)	__builtin_offsetof(type, member)

#endif /* _LINUX_STDDEF_H */
