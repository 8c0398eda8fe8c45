/*
 * Tests of paging (kernel/vm.c): the identity map, mapping and unmapping
 * pages, and the faults unmapped and read-only pages raise.
 */
#include "kernel/ktest.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "tests/kernel/catch.h"

extern char __kernel_start[];

/* Read the word at VA with a 2-byte instruction (mov eax, [ecx]) a catch can skip. */
static uint32_t read_word(uint32_t va)
{
	uint32_t v = 0xFFFFFFFFu;
	__asm__ volatile(".byte 0x8b, 0x01" : "+a"(v) : "c"(va) : "memory");
	return v;
}

/* Write V at VA with a 2-byte instruction (mov [ecx], eax). */
static void write_word(uint32_t va, uint32_t v)
{
	__asm__ volatile(".byte 0x89, 0x01" : : "a"(v), "c"(va) : "memory");
}

KTEST(vm, paging_enabled_with_kernel_identity_mapped)
{
	KT_EXPECT(read_cr0() & 0x80000000u);
	KT_EXPECT_EQ(read_cr3(), (uint32_t)vm_kernel_pd());
	uint32_t pa, flags;
	KT_EXPECT(vm_translate(vm_kernel_pd(), (uint32_t)__kernel_start, &pa, &flags));
	KT_EXPECT_EQ(pa, (uint32_t)__kernel_start);
	KT_EXPECT(flags & PTE_W);
	KT_EXPECT(!(flags & PTE_U));             /* kernel pages are not user-accessible */
	KT_EXPECT(!vm_translate(vm_kernel_pd(), 0, &pa, NULL));
}

KTEST(vm, map_then_unmap_scratch_page)
{
	uint32_t pa = pmm_alloc_zeroed();
	KT_EXPECT(pa != 0);
	uint32_t va = VM_SCRATCH + 5 * PAGE_SIZE;
	KT_EXPECT_EQ(vm_map(vm_kernel_pd(), va, pa, PTE_W), 0);
	*(volatile uint32_t *)(va + 8) = 0xC0FFEE;
	KT_EXPECT_EQ(*(uint32_t *)(pa + 8), 0xC0FFEE);     /* same page through the identity map */
	uint32_t got;
	KT_EXPECT(vm_translate(vm_kernel_pd(), va + 8, &got, NULL));
	KT_EXPECT_EQ(got, pa + 8);
	KT_EXPECT_EQ(vm_unmap(vm_kernel_pd(), va), pa);
	KT_EXPECT(!vm_translate(vm_kernel_pd(), va, &got, NULL));
	KT_EXPECT_EQ(vm_unmap(vm_kernel_pd(), va), 0);     /* second unmap finds nothing */
	pmm_free(pa);
}

KTEST(vm, unmapped_access_faults_with_address)
{
	uint32_t va = VM_SCRATCH + 9 * PAGE_SIZE + 0x10;
	catch_begin(T_PGFLT, 2);
	uint32_t v = read_word(va);
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
	KT_EXPECT_EQ(c.cr2, va);
	KT_EXPECT_EQ(c.err & 1, 0);                  /* page not present */
	KT_EXPECT_EQ(c.err & 2, 0);                  /* on a read */
	KT_EXPECT_EQ(v, 0xFFFFFFFFu);                /* the load never happened */
}

KTEST(vm, null_pointer_faults)
{
	catch_begin(T_PGFLT, 2);
	read_word(0);
	struct caught c = catch_end();
	KT_EXPECT_EQ(c.count, 1);
	KT_EXPECT_EQ(c.cr2, 0);
}

KTEST(vm, read_only_page_rejects_kernel_write)
{
	uint32_t pa = pmm_alloc_zeroed();
	KT_EXPECT(pa != 0);
	uint32_t va = VM_SCRATCH + 7 * PAGE_SIZE;
	KT_EXPECT_EQ(vm_map(vm_kernel_pd(), va, pa, 0), 0);
	KT_EXPECT_EQ(read_word(va), 0);                  /* reading is fine */
	catch_begin(T_PGFLT, 2);
	write_word(va, 1);
	struct caught c = catch_end();
	vm_unmap(vm_kernel_pd(), va);
	pmm_free(pa);
	KT_EXPECT_EQ(c.count, 1);
	KT_EXPECT_EQ(c.err & 3, 3);                      /* protection violation on a write */
	KT_EXPECT_EQ(*(uint32_t *)pa, 0);
}

KTEST(vm, remap_replaces_old_mapping)
{
	uint32_t a = pmm_alloc_zeroed(), b = pmm_alloc_zeroed();
	KT_EXPECT(a && b);
	*(uint32_t *)a = 1;
	*(uint32_t *)b = 2;
	uint32_t va = VM_SCRATCH + 11 * PAGE_SIZE;
	vm_map(vm_kernel_pd(), va, a, PTE_W);
	KT_EXPECT_EQ(read_word(va), 1);
	vm_map(vm_kernel_pd(), va, b, PTE_W);
	KT_EXPECT_EQ(read_word(va), 2);                  /* the stale TLB entry was flushed */
	vm_unmap(vm_kernel_pd(), va);
	pmm_free(a);
	pmm_free(b);
}
