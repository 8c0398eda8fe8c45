/*
 * The physical page allocator: one bit per 4 KiB page of RAM.
 *
 * Built from the multiboot memory map: pages in available regions are
 * free, except the first megabyte (BIOS and devices), the kernel image and
 * the boot modules. Physical memory is identity-mapped in kernel space, so
 * a physical address returned here is also a usable kernel pointer.
 */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include "kernel/kdefs.h"

#define PAGE_SIZE  4096u
#define PAGE_SHIFT 12

/* Build the free map from boot_info. Call once, before anything allocates. */
void pmm_init(void);

/* Allocate one page; returns its physical address, or 0 when memory is exhausted. */
uint32_t pmm_alloc(void);

/* Allocate one page filled with zeroes (0 when exhausted). */
uint32_t pmm_alloc_zeroed(void);

/* Free a page from pmm_alloc. Panics on a double free or a foreign address. */
void pmm_free(uint32_t pa);

/* Is the page at PA currently allocated (or reserved)? */
bool pmm_is_used(uint32_t pa);

uint32_t pmm_free_pages(void);    /* pages free now */
uint32_t pmm_total_pages(void);   /* pages managed (free + allocated, not reserved) */
uint32_t pmm_ram_top(void);       /* one past the highest managed physical address */

#endif /* KERNEL_PMM_H */
