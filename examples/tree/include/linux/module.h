/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Module information
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#define MODULE_INFO(tag, info)		static const char __mod_##tag[] = #tag "=" info
#define MODULE_LICENSE(license)		MODULE_INFO(license, license)
#define MODULE_AUTHOR(author)		MODULE_INFO(author, author)
#define MODULE_DESCRIPTION(desc)	MODULE_INFO(description, desc)
#define MODULE_DEVICE_TABLE(type, name)	extern typeof(name) __mod_device_table_##name

#define module_driver(driver, register_fn, unregister_fn)	\
static int __init driver##_init(void)				\
{								\
	return register_fn(&(driver));				\
}								\
static void __exit driver##_exit(void)				\
{								\
	unregister_fn(&(driver));				\
}

#endif /* _LINUX_MODULE_H */
