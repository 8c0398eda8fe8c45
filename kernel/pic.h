/*
 * The two 8259A interrupt controllers, remapped so IRQ 0-15 arrive on
 * vectors 32-47 (clear of the CPU exceptions). Every IRQ starts masked; a
 * driver unmasks its line after installing its handler.
 */
#ifndef KERNEL_PIC_H
#define KERNEL_PIC_H

#include "kernel/kdefs.h"

void pic_init(void);
void pic_unmask(int irq);
void pic_mask(int irq);

/* Acknowledge IRQ (end of interrupt); call before returning from its handler. */
void pic_eoi(int irq);

/* An IRQ with no handler arrived: acknowledge it and count it. */
void pic_spurious(int irq);

/* How many unhandled IRQs have arrived since boot. */
uint32_t pic_spurious_count(void);

#endif /* KERNEL_PIC_H */
