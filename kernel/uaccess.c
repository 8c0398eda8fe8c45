/*
 * User pointer checks (contract in kernel/uaccess.h). Stack pages a
 * process has not touched yet are mapped here, just as its own first touch
 * would map them, so a buffer in a fresh part of the stack is valid.
 */
#include "kernel/uaccess.h"
#include "kernel/pmm.h"
#include "kernel/proc.h"
#include "kernel/vm.h"
#include "talos/errno.h"
#include "talos/syscall.h"

/* The flags of the page table entry for VA in PD; 0 when no page table covers VA. */
static uint32_t pte_flags(const uint32_t *pd, uint32_t va)
{
	uint32_t pde = pd[va >> 22];
	if (!(pde & PTE_P))
		return 0;
	return ((const uint32_t *)PTE_ADDR(pde))[(va >> 12) & 1023] & 0xFFF;
}

/* May the current process access the page containing VA? */
static bool page_ok(const uint32_t *pd, uint32_t va, bool write)
{
	uint32_t flags = pte_flags(pd, va);
	if (!(flags & PTE_P))
		return proc_grow_stack(va);       /* fresh stack pages are user-writable */
	return (flags & PTE_U) && (!write || (flags & PTE_W));
}

int uaccess_check_pages(uint32_t uptr, uint32_t len, bool write)
{
	struct proc *p = proc_current();
	if (!p)
		return -EFAULT;
	if (len == 0)
		return 0;
	if (uptr < USER_BASE || uptr >= USER_TOP || len > USER_TOP - uptr)
		return -EFAULT;
	for (uint32_t va = ALIGN_DOWN(uptr, PAGE_SIZE); va < uptr + len; va += PAGE_SIZE)
		if (!page_ok(p->pd, va, write))
			return -EFAULT;
	return 0;
}

int uaccess_strcpy(char *dst, uint32_t usrc, uint32_t size)
{
	struct proc *p = proc_current();
	if (!p || usrc < USER_BASE || usrc >= USER_TOP)
		return -EFAULT;
	if (size == 0)
		return -ENAMETOOLONG;
	for (uint32_t i = 0; i < size; i++) {
		uint32_t va = usrc + i;
		if (va >= USER_TOP)
			return -EFAULT;
		if ((i == 0 || va % PAGE_SIZE == 0) && !page_ok(p->pd, va, false))
			return -EFAULT;
		dst[i] = *(const char *)va;
		if (dst[i] == '\0')
			return (int)i;
	}
	dst[size - 1] = '\0';
	return -ENAMETOOLONG;
}
