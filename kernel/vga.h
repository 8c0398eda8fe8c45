/*
 * VGA text mode (80x25 at 0xB8000): a mirror of the serial console for the
 * QEMU window, Bochs and real screens, drawn by the terminal emulator of
 * kernel/vt.h (so the shell's line editing shows as on a terminal), with
 * the hardware cursor kept on the emulator's cursor.
 */
#ifndef KERNEL_VGA_H
#define KERNEL_VGA_H

#include "kernel/kdefs.h"

/* Clear the screen and put the cursor at the top left. */
void vga_init(void);

/* Draw one console output byte (see kernel/vt.h for what it understands). */
void vga_putc(char c);

#endif /* KERNEL_VGA_H */
