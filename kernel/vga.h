/*
 * VGA text mode (80x25 at 0xB8000): a mirror of the serial console for the
 * QEMU window and real screens. Scrolls; understands \n \r \b \t.
 */
#ifndef KERNEL_VGA_H
#define KERNEL_VGA_H

#include "kernel/kdefs.h"

void vga_init(void);
void vga_putc(char c);

#endif /* KERNEL_VGA_H */
