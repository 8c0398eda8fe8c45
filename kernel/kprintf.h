/*
 * Kernel formatted output.
 *
 * Conversions: %d %i %u %x %X %p %s %c %%, with the flags '-' (left-justify)
 * and '0' (zero padding), a field width (digits or '*'), a precision ('.N',
 * for %s the maximum length, for integers the minimum digits), and the
 * length modifiers l (32-bit on i386) and ll (64-bit). %p prints 0x and
 * eight hex digits. An unknown conversion is printed as-is, so a typo shows.
 */
#ifndef KERNEL_KPRINTF_H
#define KERNEL_KPRINTF_H

#include "kernel/kdefs.h"

/* Print to the console. A single call's output is not interleaved with others. */
int kprintf(const char *fmt, ...) PRINTF(1, 2);
int vkprintf(const char *fmt, va_list ap);

/*
 * Format into BUF (always NUL-terminated when SIZE > 0); returns the length
 * the full output would have had, as C's snprintf does.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF(3, 4);
int vksnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* KERNEL_KPRINTF_H */
