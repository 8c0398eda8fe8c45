/*
 * Tests of the kernel heap (kernel/kheap.c): sizes and alignment, reuse
 * after free, merging, growth, exhaustion and corruption detection.
 */
#include "kernel/kheap.h"
#include "kernel/ktest.h"
#include "kernel/string.h"
#include "talos/param.h"

static void expect_heap_sound(void)
{
	const char *why = kheap_check();
	if (why)
		KT_FAIL("heap damaged: %s", why);
}

KTEST(kheap, many_sizes_aligned_and_distinct)
{
	static void *ptrs[64];
	for (int i = 0; i < 64; i++) {
		size_t n = 1 + (size_t)i * 37;
		ptrs[i] = kmalloc(n);
		KT_EXPECT(ptrs[i] != NULL);
		KT_EXPECT_EQ((uint32_t)ptrs[i] % 8, 0);
		memset(ptrs[i], i, n);
	}
	for (int i = 0; i < 64; i++) {
		const uint8_t *p = ptrs[i];
		for (size_t k = 0; k < 1 + (size_t)i * 37; k++)
			if (p[k] != i)
				KT_FAIL("block %d byte %u overwritten (%u)", i, (unsigned)k, p[k]);
	}
	for (int i = 0; i < 64; i++)
		kfree(ptrs[i]);
	expect_heap_sound();
}

KTEST(kheap, freed_space_is_reused)
{
	void *a = kmalloc(200);
	kfree(a);
	void *b = kmalloc(200);
	KT_EXPECT(a == b);
	kfree(b);
}

KTEST(kheap, fragmentation_then_merge)
{
	static void *ptrs[100];
	struct kheap_stats before, mid, after;
	kheap_get_stats(&before);
	for (int i = 0; i < 100; i++)
		ptrs[i] = kmalloc(64);
	for (int i = 0; i < 100; i += 2)
		kfree(ptrs[i]);
	kheap_get_stats(&mid);
	KT_EXPECT(mid.free_blocks >= 50);           /* holes between live blocks */
	expect_heap_sound();
	/* A block bigger than any hole must not go into one. */
	void *big = kmalloc(1000);
	KT_EXPECT(big != NULL);
	for (int i = 0; i < 100; i += 2)
		KT_EXPECT((char *)big + 1000 <= (char *)ptrs[i] || (char *)big >= (char *)ptrs[i] + 64);
	kfree(big);
	for (int i = 1; i < 100; i += 2)
		kfree(ptrs[i]);
	kheap_get_stats(&after);
	KT_EXPECT_EQ(after.used_bytes, before.used_bytes);
	KT_EXPECT(after.free_blocks <= before.free_blocks + 1);   /* holes merged again */
	expect_heap_sound();
}

KTEST(kheap, large_block_grows_heap)
{
	struct kheap_stats st;
	uint32_t size = 3 * 1024 * 1024;
	uint8_t *p = kmalloc(size);
	KT_EXPECT(p != NULL);
	kheap_get_stats(&st);
	KT_EXPECT(st.heap_bytes >= size);
	p[0] = 1;
	p[size - 1] = 2;
	kfree(p);
	expect_heap_sound();
}

KTEST(kheap, exhaustion_returns_null)
{
	KT_EXPECT(kmalloc(PARAM_HEAP_MAX) == NULL);
	KT_EXPECT(kmalloc(0) == NULL);
	KT_EXPECT(kmalloc((size_t)-1) == NULL);
	expect_heap_sound();
}

KTEST(kheap, overrun_detected)
{
	uint8_t *p = kmalloc(24);
	KT_EXPECT(kheap_validate(p) == NULL);
	uint8_t saved[8];
	memcpy(saved, p + 24, 8);
	memset(p + 24, 0x41, 8);                         /* write past the end */
	const char *why = kheap_validate(p);
	KT_EXPECT(why != NULL && strncmp(why, "footer overwritten", 18) == 0);
	KT_EXPECT(kheap_check() != NULL);
	memcpy(p + 24, saved, 8);                        /* repair before freeing */
	KT_EXPECT(kheap_validate(p) == NULL);
	kfree(p);
	expect_heap_sound();
}

KTEST(kheap, double_free_and_foreign_pointer_detected)
{
	uint8_t *p = kmalloc(40);
	uint8_t *q = kmalloc(40);        /* keeps P from merging with its neighbour */
	kfree(p);
	const char *why = kheap_validate(p);
	KT_EXPECT(why != NULL && strncmp(why, "double free", 11) == 0);
	static uint32_t not_heap[4];
	why = kheap_validate(&not_heap[2]);
	KT_EXPECT(why != NULL && strncmp(why, "pointer outside the heap", 24) == 0);
	why = kheap_validate(q + 8);
	KT_EXPECT(why != NULL);
	kfree(q);
	expect_heap_sound();
}

KTEST(kheap, zalloc_zeroes)
{
	uint8_t *p = kmalloc(300);
	memset(p, 0xFF, 300);
	kfree(p);
	p = kzalloc(300);
	for (int i = 0; i < 300; i++)
		KT_EXPECT_EQ(p[i], 0);
	kfree(p);
}

KTEST(kheap, random_pattern_stress)
{
	static uint8_t *ptrs[128];
	static uint32_t sizes[128];
	uint32_t seed = 12345;
	for (int round = 0; round < 4000; round++) {
		seed = seed * 1103515245u + 12345u;
		int i = (seed >> 8) % 128;
		if (ptrs[i]) {
			for (uint32_t k = 0; k < sizes[i]; k++)
				if (ptrs[i][k] != (uint8_t)i)
					KT_FAIL("round %d: block %d corrupted at %u", round, i, k);
			kfree(ptrs[i]);
			ptrs[i] = NULL;
		} else {
			sizes[i] = 1 + (seed >> 12) % 2000;
			ptrs[i] = kmalloc(sizes[i]);
			KT_EXPECT(ptrs[i] != NULL);
			memset(ptrs[i], i, sizes[i]);
		}
	}
	for (int i = 0; i < 128; i++) {
		kfree(ptrs[i]);
		ptrs[i] = NULL;
	}
	expect_heap_sound();
}
