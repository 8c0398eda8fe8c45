/*
 * The memory of a process: its page directory, its user pages, the initial
 * stack with the program's arguments, the heap (sbrk) and the stack that
 * grows on demand. Layout in kernel/proc.h.
 *
 * Invariant: p->pages counts exactly the user pages mapped in p->pd (page
 * tables not included), so exit can check that it freed everything.
 */
#include "kernel/proc_mem.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include "talos/errno.h"

#define STACK_BOTTOM (USER_STACK_TOP - USER_STACK_SIZE)
#define KERNEL_PDES  (PARAM_KERNEL_SPACE >> 22)

/* A page directory sharing the kernel's entries, or NULL. */
uint32_t *proc_pd_create(void)
{
	uint32_t *pd = (uint32_t *)pmm_alloc_zeroed();
	if (pd)
		memcpy(pd, vm_kernel_pd(), KERNEL_PDES * sizeof(uint32_t));
	return pd;
}

/* Free every user page, user page table and PD itself. */
void proc_pd_destroy(uint32_t *pd)
{
	for (uint32_t i = KERNEL_PDES; i < 1024; i++) {
		if (!(pd[i] & PTE_P))
			continue;
		uint32_t *pt = (uint32_t *)PTE_ADDR(pd[i]);
		for (int j = 0; j < 1024; j++)
			if (pt[j] & PTE_P)
				pmm_free(PTE_ADDR(pt[j]));
		pmm_free((uint32_t)pt);
	}
	pmm_free((uint32_t)pd);
}

/* Map a fresh zeroed user page at VA in P's space; false when out of memory. */
static bool map_user_page(struct proc *p, uint32_t va)
{
	uint32_t pa = pmm_alloc_zeroed();
	if (!pa)
		return false;
	if (vm_map(p->pd, va, pa, PTE_U | PTE_W) != 0) {
		pmm_free(pa);
		return false;
	}
	p->pages++;
	return true;
}

bool proc_grow_stack(uint32_t addr)
{
	struct proc *p = proc_current();
	if (!p || addr < STACK_BOTTOM || addr >= USER_STACK_TOP)
		return false;
	return map_user_page(p, ALIGN_DOWN(addr, PAGE_SIZE));
}

/*
 * Build the initial stack: the argument strings at the top, then the argv
 * array, then argv and argc, where the program's _start finds them:
 *
 *   esp -> [argc][argv] ... [argv[0]] ... [argv[argc-1]][NULL] ... strings
 *
 * Returns the initial user stack pointer, or 0 when out of memory.
 */
uint32_t proc_setup_stack(struct proc *p, int argc, char *const argv[])
{
	uint32_t need = 0;
	for (int i = 0; i < argc; i++)
		need += strlen(argv[i]) + 1;
	need = ALIGN_UP(need, 4) + (uint32_t)(argc + 3) * 4;
	uint32_t lowest = ALIGN_DOWN(USER_STACK_TOP - need, PAGE_SIZE);
	for (uint32_t va = lowest; va < USER_STACK_TOP; va += PAGE_SIZE)
		if (!map_user_page(p, va))
			return 0;

	/* Write through the kernel's identity map of each page. */
	uint32_t sp = USER_STACK_TOP;
	uint32_t ptrs[ARGV_MAX + 1];
	for (int i = argc - 1; i >= 0; i--) {
		uint32_t len = strlen(argv[i]) + 1;
		sp -= len;
		for (uint32_t k = 0; k < len; k++) {
			uint32_t pa;
			vm_translate(p->pd, sp + k, &pa, NULL);
			*(char *)pa = argv[i][k];
		}
		ptrs[i] = sp;
	}
	ptrs[argc] = 0;
	sp = ALIGN_DOWN(sp, 4);
	uint32_t words[ARGV_MAX + 3];
	words[0] = (uint32_t)argc;
	words[1] = sp - (uint32_t)(argc + 1) * 4;       /* where argv[] will start */
	for (int i = 0; i <= argc; i++)
		words[2 + i] = ptrs[i];
	uint32_t nwords = (uint32_t)argc + 3;
	sp -= nwords * 4;
	for (uint32_t i = 0; i < nwords; i++) {
		uint32_t pa;
		vm_translate(p->pd, sp + i * 4, &pa, NULL);
		*(uint32_t *)pa = words[i];
	}
	return sp;
}

int32_t proc_sbrk(int32_t incr)
{
	struct proc *p = proc_current();
	uint32_t old = p->brk;
	int64_t want = (int64_t)old + incr;
	if (want < p->heap_start || want > STACK_BOTTOM - PAGE_SIZE)
		return -ENOMEM;
	uint32_t new_brk = (uint32_t)want;
	for (uint32_t va = ALIGN_UP(old, PAGE_SIZE); va < ALIGN_UP(new_brk, PAGE_SIZE); va += PAGE_SIZE) {
		if (!map_user_page(p, va)) {
			/* Undo the pages mapped so far. */
			for (uint32_t u = ALIGN_UP(old, PAGE_SIZE); u < va; u += PAGE_SIZE) {
				pmm_free(vm_unmap(p->pd, u));
				p->pages--;
			}
			return -ENOMEM;
		}
	}
	for (uint32_t va = ALIGN_UP(new_brk, PAGE_SIZE); va < ALIGN_UP(old, PAGE_SIZE); va += PAGE_SIZE) {
		pmm_free(vm_unmap(p->pd, va));
		p->pages--;
	}
	p->brk = new_brk;
	return (int32_t)old;
}
