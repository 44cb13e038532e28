/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Extended acknowledgement messages
 *
 * Miniature tree of the KernelPrBot examples: names and argument counts
 * of the kernel interfaces the example driver uses, not the kernel's header.
 */
#ifndef _LINUX_NETLINK_H
#define _LINUX_NETLINK_H

struct netlink_ext_ack {
	const char *_msg;
};

#define NL_SET_ERR_MSG(extack, msg)		\
	do {					\
		if (extack)			\
			(extack)->_msg = (msg);	\
	} while (0)
#define NL_SET_ERR_MSG_MOD(extack, msg)	NL_SET_ERR_MSG(extack, KBUILD_MODNAME ": " msg)

#endif /* _LINUX_NETLINK_H */
