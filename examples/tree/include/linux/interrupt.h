/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interrupt handlers
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/device.h>
#include <linux/types.h>

enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
};
typedef enum irqreturn irqreturn_t;

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

#define IRQF_SHARED		0x00000080
#define IRQF_ONESHOT		0x00002000

int __must_check request_threaded_irq(unsigned int irq, irq_handler_t handler,
				      irq_handler_t thread_fn,
				      unsigned long flags, const char *name,
				      void *dev_id);
int __must_check request_irq(unsigned int irq, irq_handler_t handler,
			     unsigned long flags, const char *name,
			     void *dev_id);
int __must_check devm_request_irq(struct device *dev, unsigned int irq,
				  irq_handler_t handler, unsigned long flags,
				  const char *name, void *dev_id);
const void *free_irq(unsigned int irq, void *dev_id);
void disable_irq(unsigned int irq);
void enable_irq(unsigned int irq);
void synchronize_irq(unsigned int irq);

#endif /* _LINUX_INTERRUPT_H */
