/*
 * The heap: malloc, free, calloc, realloc and libc_heap_check. A
 * boundary-tag allocator with segregated free lists, on memory from sbrk.
 *
 * The heap is one run of blocks from heap_lo up to an epilogue header at
 * its end. Each block records its size at both ends, so free reaches both
 * neighbours in O(1) and merges with the free ones:
 *
 *   block (ALIGN-aligned, size a multiple of ALIGN)
 *   +-------------+-------------------------------------+----------+
 *   | size, magic | payload (used) or free-list links   | size | U |
 *   +-------------+-------------------------------------+----------+
 *   ^ header      ^ block + HDR_SIZE: what malloc returns  ^ footer, U = in use
 *
 * The footer word just before heap_lo is a "fence" marked in use, and the
 * epilogue (size 0, in use) ends the heap, so the first and last blocks need
 * no special case. If something else moved the break between two of our
 * sbrk calls, the foreign memory becomes a "gap" block that is never free.
 *
 * Invariants: blocks tile [heap_lo, epilogue) exactly; no two free blocks
 * are adjacent; a block is on a free list exactly when its magic is
 * MAGIC_FREE; every footer equals size | (in use ? TAG_USED : 0).
 */
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "internal.h"

#define ALIGN      16            /* payload alignment and block-size granule */
#define HDR_SIZE   ALIGN         /* the header, padded so payloads stay aligned */
#define FTR_SIZE   sizeof(size_t)
#define TAG_USED   ((size_t)1)   /* footer bit 0 (free: sizes are multiples of ALIGN) */
#define GROW_MIN   (64 * 1024)   /* least number of bytes asked of sbrk at a time */
#define NBINS      20            /* number of free lists, by size class */
#define MAX_REQUEST ((size_t)INTPTR_MAX / 2)  /* larger requests fail at once */

#define MAGIC_USED 0xa110c8edu   /* allocated */
#define MAGIC_FREE 0xf7eeb10cu   /* free, on a free list */
#define MAGIC_GAP  0x9a9a9a9au   /* memory between two runs of ours: never free */

struct header {
	size_t size;       /* bytes in the whole block: header, payload, footer */
	uint32_t magic;    /* MAGIC_USED, MAGIC_FREE or MAGIC_GAP */
};

/* A free block keeps its doubly linked free-list links at its payload. */
struct links {
	struct header *next, *prev;
};

/* The smallest block: room for the links of a free block. */
#define MIN_BLOCK  ((HDR_SIZE + sizeof(struct links) + FTR_SIZE + ALIGN - 1) & ~(size_t)(ALIGN - 1))

_Static_assert(sizeof(struct header) <= HDR_SIZE, "header must fit in HDR_SIZE");

static char *heap_lo;   /* first block; NULL until the first sbrk */
static char *heap_end;  /* end of the heap: the epilogue is its last HDR_SIZE bytes */
/* bins[k] holds free blocks of sizes [MIN_BLOCK << k, MIN_BLOCK << (k + 1)); the last, all larger. */
static struct header *bins[NBINS];

/* ---- Blocks ---- */

static struct links *links(struct header *b) { return (struct links *)((char *)b + HDR_SIZE); }
static size_t *footer(struct header *b) { return (size_t *)((char *)b + b->size - FTR_SIZE); }
static struct header *next_block(struct header *b) { return (struct header *)((char *)b + b->size); }
static struct header *epilogue(void) { return (struct header *)(heap_end - HDR_SIZE); }

/* Write B's header and footer. */
static void set_block(struct header *b, size_t size, uint32_t magic)
{
	b->size = size;
	b->magic = magic;
	*footer(b) = size | (magic == MAGIC_FREE ? 0 : TAG_USED);
}

/* The block before B if it is free, else NULL; read from its footer. */
static struct header *prev_if_free(struct header *b)
{
	size_t tag = *(size_t *)((char *)b - FTR_SIZE);
	struct header *prev = (struct header *)((char *)b - tag);

	if (tag & TAG_USED)
		return NULL;
	if (prev->magic != MAGIC_FREE || prev->size != tag)
		libc_fatal("malloc: heap corrupted: bad free block before %p", (void *)b);
	return prev;
}

/* ---- Free lists ---- */

static int bin_index(size_t size)
{
	int k = 0;

	while (k < NBINS - 1 && size >= (MIN_BLOCK << (k + 1)))
		k++;
	return k;
}

static void list_insert(struct header *b)
{
	struct header **head = &bins[bin_index(b->size)];

	links(b)->prev = NULL;
	links(b)->next = *head;
	if (*head)
		links(*head)->prev = b;
	*head = b;
}

/* Unlink B; its size must still be the one it was inserted with. */
static void list_remove(struct header *b)
{
	struct links *l = links(b);

	if (l->prev)
		links(l->prev)->next = l->next;
	else
		bins[bin_index(b->size)] = l->next;
	if (l->next)
		links(l->next)->prev = l->prev;
}

/*
 * Make the SIZE bytes at B one free block, merged with a free neighbour on
 * either side, and put it on its free list. Returns the merged block.
 */
static struct header *release(struct header *b, size_t size)
{
	struct header *next = (struct header *)((char *)b + size);
	struct header *prev = prev_if_free(b);

	if (next->magic == MAGIC_FREE) {
		list_remove(next);
		size += next->size;
	} else if (next->magic != MAGIC_USED && next->magic != MAGIC_GAP) {
		libc_fatal("malloc: heap corrupted: bad header at %p", (void *)next);
	}
	if (prev) {
		list_remove(prev);
		size += prev->size;
		b->magic = MAGIC_FREE;   /* B's stale header still catches a double free */
		b = prev;
	}
	set_block(b, size, MAGIC_FREE);
	list_insert(b);
	return b;
}

/*
 * Mark B (off every free list) in use with NEED bytes. The rest of B goes
 * back as a free block when it is big enough to be one.
 */
static void carve(struct header *b, size_t need)
{
	size_t total = b->size;

	if (total - need >= MIN_BLOCK) {
		set_block(b, need, MAGIC_USED);
		release((struct header *)((char *)b + need), total - need);
	} else {
		set_block(b, total, MAGIC_USED);
	}
}

/* First fit, searching from the size class of NEED upward. */
static struct header *find_fit(size_t need)
{
	for (int k = bin_index(need); k < NBINS; k++)
		for (struct header *b = bins[k]; b; b = links(b)->next)
			if (b->size >= need)
				return b;
	return NULL;
}

/* ---- Growing the heap ---- */

/*
 * Get N (a multiple of ALIGN) more bytes from sbrk as a free block at the
 * top of the heap. Returns that block, merged with a free block below it,
 * or NULL when sbrk fails.
 */
static struct header *extend_heap(size_t n)
{
	char *brk = sbrk(0);
	char *start;     /* the new block's header */
	size_t total;    /* bytes to ask sbrk for */

	if (brk == (char *)-1 || n > MAX_REQUEST)
		return NULL;
	if (heap_end && brk < heap_end)
		libc_fatal("malloc: the break was moved down into the heap");
	if (heap_end && brk == heap_end) {
		/* Contiguous: the old epilogue becomes the new block's header. */
		start = heap_end - HDR_SIZE;
		total = n;
	} else {
		/* A new run: align, one granule whose last word is the fence, the block, an epilogue. */
		size_t pad = (ALIGN - (uintptr_t)brk % ALIGN) % ALIGN;

		start = brk + pad + ALIGN;
		total = pad + ALIGN + n + HDR_SIZE;
	}
	if (sbrk((intptr_t)total) != brk)
		return NULL;           /* sbrk failed */

	if (!heap_end) {
		heap_lo = start;
		*(size_t *)(start - FTR_SIZE) = TAG_USED;                /* the fence */
	} else if (start != heap_end - HDR_SIZE) {
		/* Bridge from the old epilogue; the gap's footer is the new fence. */
		set_block(epilogue(), (size_t)(start - (heap_end - HDR_SIZE)), MAGIC_GAP);
	}
	heap_end = brk + total;
	epilogue()->size = 0;
	epilogue()->magic = MAGIC_USED;
	return release((struct header *)start, n);
}

/*
 * Grow the heap by at least NEED bytes: by GROW_MIN at a time, to make
 * fewer sbrk calls, but by exactly NEED when the break cannot go that far.
 */
static struct header *grow_heap(size_t need)
{
	struct header *b = NULL;

	if (need < GROW_MIN)
		b = extend_heap(GROW_MIN);
	return b ? b : extend_heap(need);
}

/* ---- The public interface ---- */

/* Block size for a request of N bytes, or 0 if it is too large. */
static size_t block_size(size_t n)
{
	size_t size;

	if (n > MAX_REQUEST)
		return 0;
	size = (n + HDR_SIZE + FTR_SIZE + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return size < MIN_BLOCK ? MIN_BLOCK : size;
}

/*
 * The block of a pointer passed to free or realloc (named in WHO), after
 * checking that it is a block in use with intact header and footer.
 */
static struct header *checked_block(void *ptr, const char *who)
{
	uintptr_t p = (uintptr_t)ptr;
	struct header *b = (struct header *)((char *)ptr - HDR_SIZE);

	if (!heap_lo || p < (uintptr_t)heap_lo + HDR_SIZE || p >= (uintptr_t)heap_end ||
	    p % ALIGN != 0)
		libc_fatal("%s: %p was not returned by malloc", who, ptr);
	if (b->magic == MAGIC_FREE)
		libc_fatal("%s: %p was already freed (double free)", who, ptr);
	if (b->magic != MAGIC_USED || b->size < MIN_BLOCK || b->size % ALIGN != 0 ||
	    b->size > (size_t)(heap_end - HDR_SIZE - (char *)b))
		libc_fatal("%s: %p: heap corrupted or not a malloc pointer", who, ptr);
	if (*footer(b) != (b->size | TAG_USED))
		libc_fatal("%s: %p: heap corrupted: write past the end of the block", who, ptr);
	return b;
}

void *malloc(size_t n)
{
	size_t need = block_size(n);
	struct header *b;

	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	b = find_fit(need);
	if (!b)
		b = grow_heap(need);
	if (!b) {
		errno = ENOMEM;
		return NULL;
	}
	list_remove(b);
	carve(b, need);
	return (char *)b + HDR_SIZE;
}

void free(void *ptr)
{
	struct header *b;

	if (!ptr)
		return;
	b = checked_block(ptr, "free");
	release(b, b->size);
}

void *calloc(size_t n, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(n, size, &bytes)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

/*
 * In place when possible: shrinking splits off the tail; growing takes the
 * free block after B, first extending the heap when B (or that free block)
 * is the last one. Otherwise allocates, copies and frees.
 */
void *realloc(void *ptr, size_t n)
{
	struct header *b, *next;
	size_t need = block_size(n), avail;
	void *moved;

	if (!ptr)
		return malloc(n);
	b = checked_block(ptr, "realloc");
	if (need == 0) {
		errno = ENOMEM;
		return NULL;
	}
	if (need <= b->size) {
		carve(b, need);
		return ptr;
	}
	next = next_block(b);
	avail = b->size + (next->magic == MAGIC_FREE ? next->size : 0);
	if (avail < need && (next == epilogue() ||
			     (next->magic == MAGIC_FREE && next_block(next) == epilogue())))
		grow_heap(need - avail);     /* on success NEXT is a free block, big enough */
	if (next->magic == MAGIC_FREE && b->size + next->size >= need) {
		list_remove(next);
		set_block(b, b->size + next->size, MAGIC_USED);
		carve(b, need);
		return ptr;
	}
	moved = malloc(n);
	if (!moved)
		return NULL;
	memcpy(moved, ptr, b->size - HDR_SIZE - FTR_SIZE);
	free(ptr);
	return moved;
}

void libc_heap_check(struct libc_heap_stats *st)
{
	struct libc_heap_stats s = { 0, 0, 0, 0, 0 };
	size_t listed = 0;
	bool prev_free = false;

	for (struct header *b = (struct header *)heap_lo; heap_lo && b != epilogue();
	     b = next_block(b)) {
		if (b->size % ALIGN != 0 || b->size < ALIGN ||
		    b->size > (size_t)((char *)epilogue() - (char *)b) ||
		    (b->magic != MAGIC_USED && b->magic != MAGIC_FREE && b->magic != MAGIC_GAP))
			libc_fatal("heap check: bad header at %p", (void *)b);
		if (*footer(b) != (b->size | (b->magic == MAGIC_FREE ? 0 : TAG_USED)))
			libc_fatal("heap check: footer of %p does not match its header", (void *)b);
		if (b->magic == MAGIC_FREE && prev_free)
			libc_fatal("heap check: free blocks not merged at %p", (void *)b);
		prev_free = b->magic == MAGIC_FREE;
		if (b->magic == MAGIC_FREE) {
			s.free_blocks++;
			s.free_bytes += b->size;
		} else if (b->magic == MAGIC_USED) {
			s.used_blocks++;
			s.used_bytes += b->size;
		}
	}
	for (int k = 0; k < NBINS; k++) {
		for (struct header *b = bins[k], *prev = NULL; b; prev = b, b = links(b)->next) {
			if (b->magic != MAGIC_FREE || bin_index(b->size) != k ||
			    links(b)->prev != prev || ++listed > s.free_blocks)
				libc_fatal("heap check: free list %d damaged at %p", k, (void *)b);
		}
	}
	if (listed != s.free_blocks)
		libc_fatal("heap check: %zu free blocks, %zu on free lists",
			   s.free_blocks, listed);
	s.heap_bytes = heap_lo ? (size_t)(heap_end - heap_lo) : 0;
	if (st)
		*st = s;
}
