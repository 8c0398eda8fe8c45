/*
 * The kernel's own symbol table, for backtraces.
 *
 * The build links the kernel twice: the second link adds a table of every
 * function symbol of the first (tools/gensyms.py), placed after .text so no
 * code moves between the links.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include "kernel/kdefs.h"

/*
 * Name of the function containing ADDR and the offset into it, or NULL when
 * ADDR lies outside the kernel's text.
 */
const char *ksyms_lookup(uint32_t addr, uint32_t *offset);

#endif /* KERNEL_KSYMS_H */
