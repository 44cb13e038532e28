/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lock validator annotations
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_LOCKDEP_H
#define _LINUX_LOCKDEP_H

int lock_is_held(const void *lock);

#define lockdep_is_held(lock)		lock_is_held(lock)
#define lockdep_assert_held(lock)	do { (void)lockdep_is_held(lock); } while (0)

#endif /* _LINUX_LOCKDEP_H */
