/*
 * First-fit allocator with boundary tags. Blocks tile the heap from
 * VM_HEAP_BASE to the break with no gaps; neighbouring free blocks are
 * always merged, so two free blocks are never adjacent. The free list is
 * doubly linked and unordered. All of it runs with interrupts off, so it may
 * be called from interrupt handlers (but not while they could be re-entered).
 */
#include "kernel/kheap.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/string.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include "talos/param.h"

#define MAGIC_USED   0xA110CA7Eu
#define MAGIC_FREE   0xF4EEB10Cu
#define MAGIC_FOOT   0xF007F007u
#define OVERHEAD     16u                 /* header + footer */
#define MIN_BLOCK    32u                 /* overhead + two list links */

struct header {
	uint32_t magic;                      /* MAGIC_USED or MAGIC_FREE */
	uint32_t size;                       /* whole block, multiple of 8 */
};

struct footer {
	uint32_t size;                       /* equal to the header's */
	uint32_t magic;                      /* MAGIC_FOOT */
};

struct free_links {                          /* payload of a free block */
	struct header *next, *prev;
};

static uint32_t brk = VM_HEAP_BASE;          /* end of the mapped heap */
static struct header *free_list;

static struct footer *footer_of(struct header *h)
{
	return (struct footer *)((char *)h + h->size - sizeof(struct footer));
}

static struct free_links *links_of(struct header *h)
{
	return (struct free_links *)(h + 1);
}

static void set_block(struct header *h, uint32_t size, uint32_t magic)
{
	h->magic = magic;
	h->size = size;
	footer_of(h)->size = size;
	footer_of(h)->magic = MAGIC_FOOT;
}

static void list_push(struct header *h)
{
	links_of(h)->prev = NULL;
	links_of(h)->next = free_list;
	if (free_list)
		links_of(free_list)->prev = h;
	free_list = h;
}

static void list_remove(struct header *h)
{
	struct free_links *l = links_of(h);
	if (l->prev)
		links_of(l->prev)->next = l->next;
	else
		free_list = l->next;
	if (l->next)
		links_of(l->next)->prev = l->prev;
}

/* Make H (already marked free) part of the free list, merged with free neighbours. */
static void insert_free(struct header *h)
{
	uint32_t next = (uint32_t)h + h->size;
	if (next < brk && ((struct header *)next)->magic == MAGIC_FREE) {
		struct header *n = (struct header *)next;
		list_remove(n);
		set_block(h, h->size + n->size, MAGIC_FREE);
	}
	if ((uint32_t)h > VM_HEAP_BASE) {
		struct footer *pf = (struct footer *)h - 1;
		struct header *p = (struct header *)((char *)h - pf->size);
		if (p->magic == MAGIC_FREE) {
			list_remove(p);
			set_block(p, p->size + h->size, MAGIC_FREE);
			h = p;
		}
	}
	list_push(h);
}

/* Map enough new pages for at least BYTES more; false when out of memory. */
static bool grow(uint32_t bytes)
{
	uint32_t len = ALIGN_UP(bytes, PAGE_SIZE);
	if (brk + len > VM_HEAP_BASE + PARAM_HEAP_MAX || brk + len < brk)
		return false;
	for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
		uint32_t pa = pmm_alloc();
		if (!pa) {
			while (off > 0) {
				off -= PAGE_SIZE;
				pmm_free(vm_unmap(vm_kernel_pd(), brk + off));
			}
			return false;
		}
		vm_map(vm_kernel_pd(), brk + off, pa, PTE_W);
	}
	struct header *h = (struct header *)brk;
	brk += len;
	set_block(h, len, MAGIC_FREE);
	insert_free(h);
	return true;
}

static struct header *find_fit(uint32_t size)
{
	for (struct header *h = free_list; h; h = links_of(h)->next)
		if (h->size >= size)
			return h;
	return NULL;
}

void *kmalloc(size_t n)
{
	if (n == 0 || n > PARAM_HEAP_MAX)
		return NULL;
	uint32_t size = ALIGN_UP((uint32_t)n, 8) + OVERHEAD;
	if (size < MIN_BLOCK)
		size = MIN_BLOCK;

	bool was = irq_save();
	struct header *h = find_fit(size);
	if (!h && grow(size))
		h = find_fit(size);
	if (!h) {
		irq_restore(was);
		return NULL;
	}
	list_remove(h);
	if (h->size - size >= MIN_BLOCK) {
		struct header *rest = (struct header *)((char *)h + size);
		set_block(rest, h->size - size, MAGIC_FREE);
		list_push(rest);
		set_block(h, size, MAGIC_USED);
	} else {
		set_block(h, h->size, MAGIC_USED);
	}
	irq_restore(was);
	return h + 1;
}

void *kzalloc(size_t n)
{
	void *p = kmalloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

/* What is wrong with the block whose header is H, or NULL. */
static const char *block_damage(const struct header *h)
{
	if (h->magic != MAGIC_USED && h->magic != MAGIC_FREE)
		return "bad header magic (not a heap block, or its header was overwritten)";
	if (h->size < MIN_BLOCK || h->size % 8 != 0 || (uint32_t)h + h->size > brk)
		return "bad block size in header";
	const struct footer *f = footer_of((struct header *)h);
	if (f->magic != MAGIC_FOOT || f->size != h->size)
		return "footer overwritten (write past the end of the block)";
	return NULL;
}

const char *kheap_validate(const void *p)
{
	uint32_t a = (uint32_t)p;
	if (a < VM_HEAP_BASE + sizeof(struct header) || a >= brk || a % 8 != 0)
		return "pointer outside the heap";
	const struct header *h = (const struct header *)p - 1;
	if (h->magic == MAGIC_FREE)
		return "double free (block already free)";
	return block_damage(h);
}

void kfree(void *p)
{
	if (!p)
		return;
	bool was = irq_save();
	const char *why = kheap_validate(p);
	if (why)
		PANIC("kfree(%p): %s", p, why);
	struct header *h = (struct header *)p - 1;
	set_block(h, h->size, MAGIC_FREE);
	insert_free(h);
	irq_restore(was);
}

const char *kheap_check(void)
{
	bool was = irq_save();
	const char *why = NULL;
	bool prev_free = false;
	for (uint32_t a = VM_HEAP_BASE; a < brk && !why; ) {
		const struct header *h = (const struct header *)a;
		why = block_damage(h);
		if (!why && h->magic == MAGIC_FREE && prev_free)
			why = "two adjacent free blocks (missed merge)";
		if (!why) {
			prev_free = h->magic == MAGIC_FREE;
			a += h->size;
		}
	}
	irq_restore(was);
	return why;
}

void kheap_get_stats(struct kheap_stats *st)
{
	bool was = irq_save();
	memset(st, 0, sizeof(*st));
	st->heap_bytes = brk - VM_HEAP_BASE;
	for (uint32_t a = VM_HEAP_BASE; a < brk; ) {
		const struct header *h = (const struct header *)a;
		if (block_damage(h))
			break;
		if (h->magic == MAGIC_FREE) {
			st->free_bytes += h->size;
			st->free_blocks++;
		} else {
			st->used_bytes += h->size;
			st->used_blocks++;
		}
		a += h->size;
	}
	irq_restore(was);
}
