/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-copy update
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_RCUPDATE_H
#define _LINUX_RCUPDATE_H

#include <linux/compiler.h>
#include <linux/types.h>

void rcu_read_lock(void);
void rcu_read_unlock(void);
void rcu_read_lock_bh(void);
void rcu_read_unlock_bh(void);
void synchronize_rcu(void);
void call_rcu(struct rcu_head *head, void (*func)(struct rcu_head *head));
void kvfree_call_rcu(struct rcu_head *head, void *ptr);

#define rcu_dereference(p)			READ_ONCE(p)
#define rcu_dereference_bh(p)			READ_ONCE(p)
#define rcu_dereference_check(p, c)		READ_ONCE(p)
#define rcu_dereference_protected(p, c)		(p)
#define rcu_access_pointer(p)			READ_ONCE(p)
#define rcu_assign_pointer(p, v)		WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v)			do { (p) = (v); } while (0)
#define rcu_replace_pointer(rcu_ptr, ptr, c)				\
({									\
	typeof(ptr) __old = rcu_dereference_protected(rcu_ptr, c);	\
	rcu_assign_pointer(rcu_ptr, ptr);				\
	__old;								\
})

#define kfree_rcu(ptr, rhf)	kvfree_call_rcu(&((ptr)->rhf), (void *)(ptr))

#endif /* _LINUX_RCUPDATE_H */
