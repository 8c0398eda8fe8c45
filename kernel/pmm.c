/*
 * Bitmap page allocator. A set bit means "in use" (allocated or reserved);
 * every page starts in use and only available RAM is cleared. Allocation
 * scans a word at a time from a rotating hint, so freeing and reallocating
 * does not always return the same page (which helps catch stale pointers).
 */
#include "kernel/pmm.h"
#include "kernel/multiboot.h"
#include "kernel/panic.h"
#include "kernel/string.h"
#include "kernel/x86.h"
#include "talos/param.h"

#define MAX_PAGES  (PARAM_MAX_RAM / PAGE_SIZE)
#define LOW_MEMORY 0x100000u      /* the first MiB stays reserved */

static uint32_t bitmap[MAX_PAGES / 32];
static uint32_t npages;           /* pages below ram_top */
static uint32_t nfree, nmanaged;
static uint32_t hint;             /* word index to start the next search at */

extern char __kernel_start[], __kernel_end[];

static inline bool bit_test(uint32_t pg) { return bitmap[pg / 32] & (1u << (pg % 32)); }
static inline void bit_set(uint32_t pg) { bitmap[pg / 32] |= 1u << (pg % 32); }
static inline void bit_clear(uint32_t pg) { bitmap[pg / 32] &= ~(1u << (pg % 32)); }

/* Mark [start, end) in use, page-rounded outward. */
static void reserve(uint32_t start, uint32_t end)
{
	for (uint32_t pg = start / PAGE_SIZE; pg < ALIGN_UP(end, PAGE_SIZE) / PAGE_SIZE && pg < npages; pg++) {
		if (!bit_test(pg)) {
			bit_set(pg);
			nfree--;
			nmanaged--;
		}
	}
}

void pmm_init(void)
{
	memset(bitmap, 0xFF, sizeof(bitmap));
	uint64_t top = 0;
	for (int i = 0; i < boot_info.nregions; i++) {
		const struct mb_region *r = &boot_info.regions[i];
		if (r->available && r->base + r->len > top)
			top = r->base + r->len;
	}
	if (top > PARAM_MAX_RAM)
		top = PARAM_MAX_RAM;
	npages = (uint32_t)(top / PAGE_SIZE);

	/* Free whole pages inside available regions. */
	for (int i = 0; i < boot_info.nregions; i++) {
		const struct mb_region *r = &boot_info.regions[i];
		if (!r->available)
			continue;
		uint64_t first = ALIGN_UP(r->base, PAGE_SIZE) / PAGE_SIZE;
		uint64_t last = (r->base + r->len) / PAGE_SIZE;
		for (uint64_t pg = first; pg < last && pg < npages; pg++) {
			if (bit_test((uint32_t)pg)) {
				bit_clear((uint32_t)pg);
				nfree++;
				nmanaged++;
			}
		}
	}
	reserve(0, LOW_MEMORY);
	reserve((uint32_t)__kernel_start, (uint32_t)__kernel_end);
	for (int i = 0; i < boot_info.nmodules; i++)
		reserve(boot_info.modules[i].start, boot_info.modules[i].end);
	if (nfree == 0)
		PANIC("no usable RAM in the memory map (%d regions)", boot_info.nregions);
}

uint32_t pmm_alloc(void)
{
	bool was = irq_save();
	uint32_t words = (npages + 31) / 32;
	for (uint32_t n = 0; n < words; n++) {
		uint32_t w = (hint + n) % words;
		if (bitmap[w] == 0xFFFFFFFFu)
			continue;
		uint32_t bit = (uint32_t)__builtin_ctz(~bitmap[w]);
		uint32_t pg = w * 32 + bit;
		if (pg >= npages)
			continue;
		bit_set(pg);
		nfree--;
		hint = w;
		irq_restore(was);
		return pg * PAGE_SIZE;
	}
	irq_restore(was);
	return 0;
}

uint32_t pmm_alloc_zeroed(void)
{
	uint32_t pa = pmm_alloc();
	if (pa)
		memset((void *)pa, 0, PAGE_SIZE);
	return pa;
}

void pmm_free(uint32_t pa)
{
	uint32_t pg = pa / PAGE_SIZE;
	if (pa % PAGE_SIZE != 0 || pg >= npages || pa < LOW_MEMORY)
		PANIC("pmm_free: %08x is not a page this allocator manages", pa);
	bool was = irq_save();
	if (!bit_test(pg))
		PANIC("pmm_free: double free of page %08x", pa);
	if (pa >= (uint32_t)__kernel_start && pa < (uint32_t)__kernel_end)
		PANIC("pmm_free: page %08x belongs to the kernel image", pa);
	bit_clear(pg);
	nfree++;
	irq_restore(was);
}

bool pmm_is_used(uint32_t pa)
{
	uint32_t pg = pa / PAGE_SIZE;
	return pg >= npages || bit_test(pg);
}

uint32_t pmm_free_pages(void) { return nfree; }
uint32_t pmm_total_pages(void) { return nmanaged; }
uint32_t pmm_ram_top(void) { return npages * PAGE_SIZE; }
