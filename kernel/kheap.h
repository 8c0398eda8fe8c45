/*
 * The kernel heap: kmalloc/kfree of any size, in the heap window of kernel
 * space (kernel/vm.h), growing a page at a time up to PARAM_HEAP_MAX.
 *
 * Every block carries a header and a footer with magic numbers:
 *
 *   +-------+------+--------------------------+------+-------+
 *   | magic | size | payload (8-byte aligned)  | size | magic |
 *   +-------+------+--------------------------+------+-------+
 *    header (8)                                 footer (8)
 *
 * size counts the whole block. Free blocks keep free-list links in their
 * payload. kfree checks both ends, so a double free, a foreign pointer or a
 * write past the end of a block panics with a message naming the block.
 */
#ifndef KERNEL_KHEAP_H
#define KERNEL_KHEAP_H

#include "kernel/kdefs.h"

/* Allocate N bytes (8-byte aligned); NULL when the heap cannot grow. */
void *kmalloc(size_t n);

/* kmalloc, then fill with zeroes. */
void *kzalloc(size_t n);

/* Free a block from kmalloc (NULL is ignored). Panics on corruption. */
void kfree(void *p);

/* Why P is not a valid allocated block ("double free", ...), or NULL if it is. */
const char *kheap_validate(const void *p);

/* Walk every block; returns a description of the first damage found, or NULL. */
const char *kheap_check(void);

struct kheap_stats {
	uint32_t heap_bytes;    /* size of the heap window mapped so far */
	uint32_t used_bytes;    /* in allocated blocks, headers included */
	uint32_t free_bytes;    /* in free blocks */
	uint32_t used_blocks, free_blocks;
};
void kheap_get_stats(struct kheap_stats *st);

#endif /* KERNEL_KHEAP_H */
