/*
 * The kernel interface table: the functions extensions may import, by the
 * name and signature listed in include/talos/ext_iface.h.
 */
#ifndef EXT_IFACE_H
#define EXT_IFACE_H

#include "kernel/kdefs.h"

struct ext_iface {
	const char *name;
	const char *args;      /* one character per argument: i, n, t (see ext_iface.h) */
	uint32_t fn;           /* address of the kernel function */
};

/* The interface named NAME, or NULL. */
const struct ext_iface *ext_iface_find(const char *name);

#endif /* EXT_IFACE_H */
