/*
 * Two-level i386 paging with 4 KiB pages. Page tables are pages from the
 * physical allocator, reached through the identity map.
 */
#include "kernel/vm.h"
#include "kernel/pmm.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "talos/errno.h"

#define PDE_INDEX(va) ((va) >> 22)
#define PTE_INDEX(va) (((va) >> 12) & 0x3FF)
#define TABLE_SPAN    0x400000u      /* bytes covered by one page table */
#define CR0_PG        0x80000000u
#define CR0_WP        0x00010000u    /* honour read-only pages in ring 0 too */

static uint32_t *kernel_pd;

/* Allocate zeroed page tables covering [start, end) of kernel space. */
static void prepare_tables(uint32_t start, uint32_t end)
{
	for (uint32_t va = ALIGN_DOWN(start, TABLE_SPAN); va < end; va += TABLE_SPAN) {
		if (kernel_pd[PDE_INDEX(va)] & PTE_P)
			continue;
		uint32_t pt = pmm_alloc_zeroed();
		if (!pt)
			PANIC("out of memory for kernel page tables");
		kernel_pd[PDE_INDEX(va)] = pt | PTE_P | PTE_W;
	}
}

void vm_init(void)
{
	kernel_pd = (uint32_t *)pmm_alloc_zeroed();
	if (!kernel_pd)
		PANIC("out of memory for the kernel page directory");

	uint32_t top = pmm_ram_top();
	prepare_tables(0, top);
	prepare_tables(VM_HEAP_BASE, VM_HEAP_BASE + PARAM_HEAP_MAX);
	prepare_tables(VM_SCRATCH, VM_SCRATCH + VM_SCRATCH_SIZE);

	for (uint32_t va = PAGE_SIZE; va < top; va += PAGE_SIZE)
		vm_map(kernel_pd, va, va, PTE_W);

	write_cr3((uint32_t)kernel_pd);
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

uint32_t *vm_kernel_pd(void)
{
	return kernel_pd;
}

/* The PTE for VA in PD, or NULL when no page table covers it. */
static uint32_t *pte_of(uint32_t *pd, uint32_t va)
{
	uint32_t pde = pd[PDE_INDEX(va)];
	if (!(pde & PTE_P))
		return NULL;
	return (uint32_t *)PTE_ADDR(pde) + PTE_INDEX(va);
}

int vm_map(uint32_t *pd, uint32_t va, uint32_t pa, uint32_t flags)
{
	ASSERT(va % PAGE_SIZE == 0 && pa % PAGE_SIZE == 0);
	uint32_t *pte = pte_of(pd, va);
	if (!pte) {
		if (va < PARAM_KERNEL_SPACE)
			PANIC("vm_map: %08x is outside the kernel's mappable windows", va);
		uint32_t pt = pmm_alloc_zeroed();
		if (!pt)
			return -ENOMEM;
		pd[PDE_INDEX(va)] = pt | PTE_P | PTE_W | PTE_U;
		pte = pte_of(pd, va);
	}
	*pte = pa | flags | PTE_P;
	invlpg(va);
	return 0;
}

uint32_t vm_unmap(uint32_t *pd, uint32_t va)
{
	uint32_t *pte = pte_of(pd, va);
	if (!pte || !(*pte & PTE_P))
		return 0;
	uint32_t pa = PTE_ADDR(*pte);
	*pte = 0;
	invlpg(va);
	return pa;
}

bool vm_translate(uint32_t *pd, uint32_t va, uint32_t *pa, uint32_t *flags)
{
	uint32_t *pte = pte_of(pd, va);
	if (!pte || !(*pte & PTE_P))
		return false;
	*pa = PTE_ADDR(*pte) | (va & 0xFFF);
	if (flags)
		*flags = *pte & 0xFFF;
	return true;
}
