/*
 * Segment selectors (the GDT itself is in boot/gdt.asm) and the task-state
 * segment, whose only job in TalOS is to tell the CPU which kernel stack to
 * use when an interrupt arrives in user mode (or in a kernel plugin, ring 1).
 */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include "kernel/kdefs.h"

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10
#define SEG_UCODE (0x18 | 3)   /* with RPL 3 */
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS   0x28
/* Kernel plugins (ext/plugin.h): two call gates and the running plugin's segments. */
#define SEG_PLUGIN_GATE  0x30
#define SEG_PLUGIN_RET   0x38
#define SEG_PLUGIN_CODE  0x40
#define SEG_PLUGIN_DATA  0x48
#define SEG_PLUGIN_STACK 0x50

/* Fill the TSS descriptor and load the task register. */
void gdt_init_tss(void);

/* The kernel stack top the CPU switches to on a trap from user mode (or ring 1). */
void gdt_set_kernel_stack(uint32_t esp0);
uint32_t gdt_kernel_stack(void);

/* Write the descriptor of selector SEL (its index; the RPL bits are ignored). */
void gdt_set_descriptor(uint32_t sel, uint64_t desc);

/* Set or clear the present bit of the descriptor of SEL. */
void gdt_set_present(uint32_t sel, bool present);

#endif /* KERNEL_GDT_H */
