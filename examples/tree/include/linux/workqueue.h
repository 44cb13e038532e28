/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Work items
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	unsigned long data;
	struct list_head entry;
	work_func_t func;
};

void __init_work(struct work_struct *work, work_func_t func);
bool schedule_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_work(struct work_struct *work);

#define INIT_WORK(work, func)	__init_work(work, func)

#endif /* _LINUX_WORKQUEUE_H */
