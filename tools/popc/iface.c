/*
 * popc interface table: the kernel interfaces an extension may call, built
 * from the X-macro list in include/talos/ext_iface.h, the same list the
 * kernel's interface table is built from.
 *
 * Invariant: this file adds nothing to the list; a new interface appears
 * in the language when it is added to ext_iface.h.
 */
#include "popc.h"
#include <string.h>
#include <talos/ext_iface.h>

#define POPC_IFACE_ENTRY(NAME, ARGS) { #NAME, ARGS },
const struct iface popc_ifaces[] = { EXT_IFACE_LIST(POPC_IFACE_ENTRY) };
const int popc_niface = (int)(sizeof popc_ifaces / sizeof popc_ifaces[0]);

int popc_iface_find(const char *name)
{
	int i;

	for (i = 0; i < popc_niface; i++)
		if (!strcmp(popc_ifaces[i].name, name))
			return i;
	return -1;
}
