/*
 * <errno.h>: the error number of the last failing library call (C11 7.5).
 *
 * The codes are the kernel's own (include/talos/errno.h, the shared ABI
 * header): a syscall returns -CODE and libc stores CODE in errno. Nothing in
 * libc ever sets errno to zero; a caller that wants to detect an error from
 * a function with no failure value (strtol) sets errno = 0 first.
 * Deviation: errno is a plain int, not a per-thread lvalue, because a TalOS
 * process has one thread.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <talos/errno.h>

extern int errno;

#endif /* _ERRNO_H */
