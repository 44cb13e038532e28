/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compiler helpers and annotations
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)

#define __iomem
#define __rcu
#define __must_check		__attribute__((__warn_unused_result__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))

#endif /* _LINUX_COMPILER_H */
