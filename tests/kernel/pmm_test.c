/*
 * Tests of the physical page allocator (kernel/pmm.c).
 */
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/pmm.h"
#include "kernel/string.h"

extern char __kernel_start[], __kernel_end[];

KTEST(pmm, alloc_returns_aligned_free_pages)
{
	uint32_t before = pmm_free_pages();
	uint32_t a = pmm_alloc(), b = pmm_alloc();
	KT_EXPECT(a != 0 && b != 0 && a != b);
	KT_EXPECT_EQ(a % PAGE_SIZE, 0);
	KT_EXPECT_EQ(b % PAGE_SIZE, 0);
	KT_EXPECT(pmm_is_used(a) && pmm_is_used(b));
	KT_EXPECT_EQ(pmm_free_pages(), before - 2);
	pmm_free(a);
	pmm_free(b);
	KT_EXPECT(!pmm_is_used(a) && !pmm_is_used(b));
	KT_EXPECT_EQ(pmm_free_pages(), before);
}

KTEST(pmm, reserved_regions_never_handed_out)
{
	KT_EXPECT(pmm_is_used(0));
	KT_EXPECT(pmm_is_used(0x9F000));                   /* low memory */
	KT_EXPECT(pmm_is_used((uint32_t)__kernel_start));
	KT_EXPECT(pmm_is_used((uint32_t)__kernel_end - PAGE_SIZE));
	KT_EXPECT(pmm_is_used(pmm_ram_top()));              /* beyond RAM */
}

/*
 * Take every free page, check each is distinct, in RAM and outside the
 * kernel, then give them all back. The list of pages is threaded through
 * the pages themselves, so the test needs no memory of its own.
 */
KTEST(pmm, alloc_all_then_free)
{
	uint32_t before = pmm_free_pages();
	uint32_t head = 0, count = 0;
	for (uint32_t pa; (pa = pmm_alloc()) != 0; count++) {
		if (pa < 0x100000 || pa >= pmm_ram_top() ||
		    (pa >= (uint32_t)__kernel_start && pa < (uint32_t)__kernel_end))
			KT_FAIL("page %08x handed out from a reserved region", pa);
		*(uint32_t *)pa = head;
		head = pa;
	}
	KT_EXPECT_EQ(count, before);
	KT_EXPECT_EQ(pmm_free_pages(), 0);
	KT_EXPECT_EQ(pmm_alloc(), 0);                       /* exhausted */
	while (head) {
		uint32_t next = *(uint32_t *)head;
		pmm_free(head);
		head = next;
	}
	KT_EXPECT_EQ(pmm_free_pages(), before);
}

KTEST(pmm, zeroed_page_is_zero)
{
	uint32_t pa = pmm_alloc();
	KT_EXPECT(pa != 0);
	memset((void *)pa, 0xAB, PAGE_SIZE);
	pmm_free(pa);
	/* Allocate until the dirty page comes back zeroed (bounded search). */
	for (int i = 0; i < 100000; i++) {
		uint32_t z = pmm_alloc_zeroed();
		KT_EXPECT(z != 0);
		const uint32_t *w = (const uint32_t *)z;
		for (uint32_t k = 0; k < PAGE_SIZE / 4; k++)
			KT_EXPECT_EQ(w[k], 0);
		pmm_free(z);
		if (z == pa)
			return;
	}
	KT_FAIL("freed page %08x never came back", pa);
}

KTEST(pmm, counts_consistent)
{
	KT_EXPECT(pmm_total_pages() > 1000);
	KT_EXPECT(pmm_free_pages() <= pmm_total_pages());
	KT_EXPECT(pmm_ram_top() > (uint32_t)__kernel_end);
}
