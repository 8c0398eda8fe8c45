/*
 * Paging: the kernel's page directory and mapping primitives.
 *
 * Kernel space is the bottom PARAM_KERNEL_SPACE (1 GiB) of every address
 * space; user space is everything above. Kernel space looks like this:
 *
 *   0x00000000  +------------------------+  page 0 unmapped: NULL faults
 *   0x00001000  | RAM, identity-mapped   |  kernel image at 1 MiB,
 *               |  (virtual == physical) |  then free pages
 *   ram_top     +------------------------+
 *               |        unmapped        |
 *   VM_HEAP_BASE+------------------------+  kmalloc heap, grows upward,
 *               |  kernel heap           |  at most PARAM_HEAP_MAX
 *   VM_SCRATCH  +------------------------+  a window for temporary mappings
 *   0x40000000  +------------------------+  user space starts here
 *
 * Invariant: every page table that covers kernel space is allocated by
 * vm_init() and never freed, so the kernel's page-directory entries never
 * change and can be copied into every process's page directory once.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include "kernel/kdefs.h"
#include "talos/param.h"

#define VM_HEAP_BASE   0x30000000u
#define VM_SCRATCH     0x3F000000u    /* VM_SCRATCH_SIZE bytes of mappable window */
#define VM_SCRATCH_SIZE 0x00400000u

/* Page table entry flags. */
#define PTE_P   0x001u   /* present */
#define PTE_W   0x002u   /* writable */
#define PTE_U   0x004u   /* user-accessible */
#define PTE_ADDR(e) ((e) & ~0xFFFu)

/* Build the kernel page directory and turn paging on. Needs pmm_init(). */
void vm_init(void);

/* The kernel's page directory (physical address == pointer). */
uint32_t *vm_kernel_pd(void);

/*
 * Map the page at virtual VA to physical PA with FLAGS (PTE_W, PTE_U) in PD.
 * Kernel-space addresses must lie in a window vm_init() prepared (else
 * PANIC); user-space page tables are allocated on demand. Returns 0, or
 * -ENOMEM when a page table cannot be allocated. Replaces an old mapping.
 */
int vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags);

/* Remove VA's mapping in PD; returns the physical page it mapped, or 0. */
uint32_t vm_unmap(uint32_t *pd, uint32_t va);

/* The physical address VA maps to in PD (and its PTE flags); false if unmapped. */
bool vm_translate(uint32_t *pd, uint32_t va, uint32_t *pa, uint32_t *flags);

#endif /* KERNEL_VM_H */
