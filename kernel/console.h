/*
 * The kernel console: every byte goes to COM1 (with \n sent as \r\n) and is
 * mirrored on the VGA text screen.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "kernel/kdefs.h"

void console_init(void);
void console_putc(char c);
void console_write(const char *s, size_t n);

/* Write a NUL-terminated string with no locking or formatting (panic path). */
void console_write_raw(const char *s);

/* Wait until serial output has left the UART. */
void console_flush(void);

#endif /* KERNEL_CONSOLE_H */
