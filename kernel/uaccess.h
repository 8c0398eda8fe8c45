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
#include "kernel/pmm.h"
#include "kernel/proc.h"
#include "kernel/vm.h"
#include "talos/syscall.h"

/* uaccess_check for every case (several pages, stack growth, errors). */
int uaccess_check_pages(uint32_t uptr, uint32_t len, bool write);

/*
 * 0 if the current process may access [UPTR, UPTR+LEN) (writing if WRITE),
 * else -EFAULT. Inline for the common case, a range inside one page that
 * is mapped with the rights needed (every system call with a struct takes
 * this path); anything else goes to uaccess_check_pages.
 */
static inline int uaccess_check(uint32_t uptr, uint32_t len, bool write)
{
	struct proc *p = proc_current();
	uint32_t need = PTE_P | PTE_U | (write ? PTE_W : 0);
	if (p && len && uptr >= USER_BASE && uptr < USER_TOP &&
	    len <= PAGE_SIZE - (uptr & (PAGE_SIZE - 1))) {
		uint32_t pde = p->pd[uptr >> 22];
		if ((pde & PTE_P) &&
		    (((const uint32_t *)PTE_ADDR(pde))[(uptr >> 12) & 1023] & need) == need)
			return 0;
	}
	return uaccess_check_pages(uptr, len, write);
}

/*
 * Copy the user string at USRC (with its NUL) into DST of SIZE bytes.
 * Returns the length, -EFAULT for a bad pointer, -ENAMETOOLONG when the
 * string does not fit.
 */
int uaccess_strcpy(char *dst, uint32_t usrc, uint32_t size);

#endif /* KERNEL_UACCESS_H */
