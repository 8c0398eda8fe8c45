/*
 * Process memory, for kernel/proc.c (the public calls, proc_sbrk and
 * proc_grow_stack, are declared in kernel/proc.h).
 */
#ifndef KERNEL_PROC_MEM_H
#define KERNEL_PROC_MEM_H

#include "kernel/proc.h"

/* A page directory sharing the kernel's entries, or NULL when out of memory. */
uint32_t *proc_pd_create(void);

/* Free every user page and user page table of PD, and PD itself. */
void proc_pd_destroy(uint32_t *pd);

/*
 * Map the initial stack of P holding ARGC strings ARGV (kernel memory) and
 * return the initial user stack pointer, or 0 when out of memory.
 */
uint32_t proc_setup_stack(struct proc *p, int argc, char *const argv[]);

#endif /* KERNEL_PROC_MEM_H */
