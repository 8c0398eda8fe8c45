/*
 * Checking user pointers before the kernel touches them.
 *
 * A user range is acceptable when it lies inside [USER_BASE, USER_TOP)
 * without wrapping and every page of it is mapped user-accessible (and
 * writable, for a range the kernel will write) in the current process's
 * page directory. Pages are never unmapped behind a syscall's back (only the
 * process itself changes its mappings, and it is inside the syscall), so
 * after a successful check the kernel may use the pointer directly.
 */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include "kernel/kdefs.h"

/* 0 if the current process may access [UPTR, UPTR+LEN) (writing if WRITE), else -EFAULT. */
int uaccess_check(uint32_t uptr, uint32_t len, bool write);

/*
 * Copy the user string at USRC (with its NUL) into DST of SIZE bytes.
 * Returns the length, -EFAULT for a bad pointer, -ENAMETOOLONG when the
 * string does not fit.
 */
int uaccess_strcpy(char *dst, uint32_t usrc, uint32_t size);

#endif /* KERNEL_UACCESS_H */
