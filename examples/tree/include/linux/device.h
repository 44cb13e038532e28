/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Devices and their messages
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/types.h>

struct device {
	struct device *parent;
	void *driver_data;
};

__printf(2, 3) void dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void dev_warn(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void dev_info(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void dev_dbg(const struct device *dev, const char *fmt, ...);

#endif /* _LINUX_DEVICE_H */
