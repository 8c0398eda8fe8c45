/*
 * <stdio.h>: formatted output into strings (part of C11 7.21).
 *
 * Everything rests on libc_vfmt, a formatter that hands each output char to
 * a callback; a destination is just a callback and its context. The string
 * functions below use it with a bounded buffer as the context. Streams
 * (FILE, printf, puts) come with the syscalls and plug in the same way: a
 * FILE's callback fills its buffer and writes it out.
 *
 * Conversions: %d %i (signed decimal), %u (unsigned decimal), %o (octal),
 * %x %X (hex), %c (char), %s (string), %p (pointer), %%.
 * Flags: '-' left-justify in the field; '0' pad numbers with zeros (ignored
 * with '-' or with a precision); '+' always give a signed number a sign;
 * ' ' give a non-negative signed number a leading space; '#' alternative
 * form ("0" before octal, "0x"/"0X" before non-zero hex).
 * Width and precision are digits or '*' (taken from an int argument; a
 * negative width means '-', a negative precision means none). Precision is
 * the minimum number of digits for integers (".0" prints 0 as nothing) and
 * the maximum number of chars for %s.
 * Length modifiers for integer conversions: hh (char), h (short), l (long),
 * ll (long long), z (size_t), t (ptrdiff_t), j (intmax_t).
 * Deviations: no floating point (%f %e %g %a), no %n, no wide characters.
 * An unsupported or malformed conversion (including a length modifier on
 * %c, %s, %p or %%) is copied to the output as written and consumes no
 * argument beyond those of its '*'s. %s of NULL prints "(null)". %p prints "0x" and the address in
 * lower-case hex, with the '-' flag, width and precision applying as to %x.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>

#define EOF (-1)

/* va_list's underlying type, named without defining stdarg.h's macros here. */
#define __LIBC_VA_LIST __builtin_va_list
#define __LIBC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/*
 * Format FMT with the arguments in AP, passing each output char to
 * PUT(CTX, c) in order. Returns the number of chars produced, or -1 with
 * errno = ERANGE when that number does not fit in an int (the chars
 * already produced stay produced).
 */
int libc_vfmt(void (*put)(void *ctx, char c), void *ctx, const char *fmt,
	      __LIBC_VA_LIST ap);

/*
 * Format into BUF, writing at most SIZE bytes including a terminating NUL
 * (nothing at all when SIZE is 0). Returns the length the whole output has,
 * so the output was truncated exactly when the result is >= SIZE; -1 as for
 * libc_vfmt.
 */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      __LIBC_VA_LIST ap);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__LIBC_PRINTF(3, 4);

/* Format into BUF, which must be large enough; returns the length written. */
int vsprintf(char *restrict buf, const char *restrict fmt, __LIBC_VA_LIST ap);
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__LIBC_PRINTF(2, 3);

#endif /* _STDIO_H */
