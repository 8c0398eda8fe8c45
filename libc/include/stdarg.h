/*
 * <stdarg.h>: variable argument lists (C11 7.16).
 *
 * The calling convention decides how arguments are found (on the stack on
 * i386, partly in registers on x86_64), so every macro is the compiler's
 * builtin. A va_list may be passed to another function, which then owns it;
 * to walk the list twice, va_copy it first.
 */
#ifndef _STDARG_H
#define _STDARG_H

typedef __builtin_va_list va_list;

#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type)   __builtin_va_arg(ap, type)
#define va_end(ap)         __builtin_va_end(ap)
#define va_copy(dst, src)  __builtin_va_copy(dst, src)

#endif /* _STDARG_H */
