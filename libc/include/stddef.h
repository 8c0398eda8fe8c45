/*
 * <stddef.h>: the basic types and macros of C11 7.19.
 *
 * TalOS's libc ships its own freestanding headers (this one, stdint.h,
 * stdarg.h, stdbool.h, limits.h) so that a user program needs only
 * `-nostdinc -isystem libc/include -isystem include`. Every type is taken
 * from a macro the compiler predefines (gcc and clang both do), so the same
 * header is right for i386 and for the x86_64 host the tests run on.
 * Deviation: max_align_t is not provided.
 */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef __SIZE_TYPE__ size_t;       /* result of sizeof; unsigned */
typedef __PTRDIFF_TYPE__ ptrdiff_t; /* difference of two pointers; signed */
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;     /* wide character (libc has no wide functions yet) */
#endif

#define NULL ((void *)0)

/* Byte offset of MEMBER within struct or union TYPE. */
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif /* _STDDEF_H */
