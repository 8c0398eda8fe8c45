/*
 * Segment selectors (the GDT itself is in boot/gdt.asm) and the task-state
 * segment, whose only job in TalOS is to tell the CPU which kernel stack to
 * use when an interrupt arrives in user mode.
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include "kernel/kdefs.h"

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UCODE (0x18 | 3)   /* with RPL 3 */
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS   0x28

/* Fill the TSS descriptor and load the task register. */
void gdt_init_tss(void);

/* The kernel stack top the CPU switches to on a trap from user mode. */
void gdt_set_kernel_stack(uint32_t esp0);

#endif /* KERNEL_GDT_H */
