/*
 * The bytes of ramfs files (contract in kernel/ramfs.h): initrd files are
 * read in place; a created file keeps its bytes in page frames from the
 * page allocator, found through its index page, never in the kernel heap.
 *
 * Invariant: node->pages is the number of pages the node holds (its index
 * page, once it has one, and every nonzero index entry), and the sum over
 * the nodes of a filesystem is fs->pages_used <= fs->pages_max. Bytes of a
 * data page past node->size are zero.
 */
#include "kernel/ramfs.h"
#include "kernel/panic.h"
#include "kernel/pmm.h"
#include "kernel/string.h"

#define INDEX_ENTRIES (PARAM_RAMFS_FILE_MAX / PAGE_SIZE)   /* data pages of a file */

_Static_assert(INDEX_ENTRIES * sizeof(uint32_t) <= PAGE_SIZE, "the index fits in one page");

/* A page of FS's budget, zeroed; 0 when the budget is spent or RAM is exhausted. */
static uint32_t take_page(struct ramfs_node *node)
{
	struct ramfs *fs = node->fs;
	if (fs->pages_used >= fs->pages_max)
		return 0;
	uint32_t pa = pmm_alloc_zeroed();
	if (pa) {
		fs->pages_used++;
		node->pages++;
	}
	return pa;
}

static void give_page(struct ramfs_node *node, uint32_t pa)
{
	pmm_free(pa);
	node->fs->pages_used--;
	node->pages--;
}

void ramfs_data_free(struct ramfs_node *node)
{
	if (!node->index)
		return;
	for (uint32_t i = 0; i < INDEX_ENTRIES; i++)
		if (node->index[i])
			give_page(node, node->index[i]);
	give_page(node, (uint32_t)node->index);
	node->index = NULL;
	ASSERT(node->pages == 0);
}

void ramfs_truncate(struct ramfs_node *node)
{
	ASSERT(node->writable && node->type == DT_FILE);
	ramfs_data_free(node);
	node->size = 0;
}

uint32_t ramfs_read(struct ramfs_node *node, uint32_t offset, void *buf, uint32_t n)
{
	if (offset >= node->size)
		return 0;
	if (n > node->size - offset)
		n = node->size - offset;
	if (!node->writable) {
		memcpy(buf, node->image + offset, n);
		return n;
	}
	uint8_t *out = buf;
	for (uint32_t done = 0; done < n; ) {
		uint32_t pos = offset + done;
		uint32_t in_page = pos % PAGE_SIZE;
		uint32_t k = PAGE_SIZE - in_page < n - done ? PAGE_SIZE - in_page : n - done;
		uint32_t pa = node->index ? node->index[pos / PAGE_SIZE] : 0;
		if (pa)
			memcpy(out + done, (const uint8_t *)pa + in_page, k);
		else
			memset(out + done, 0, k);    /* a page never written: a gap */
		done += k;
	}
	return n;
}

/*
 * Give NODE the pages for bytes [OFFSET, OFFSET + N): returns how many of
 * those bytes have their page (N, or fewer when the budget or RAM ran out;
 * the pages taken are kept, zeroed, for the bytes that fit).
 */
static uint32_t reserve(struct ramfs_node *node, uint32_t offset, uint32_t n)
{
	if (!node->index) {
		node->index = (uint32_t *)take_page(node);
		if (!node->index)
			return 0;
	}
	uint32_t end = offset + n;
	for (uint32_t p = offset / PAGE_SIZE; p * PAGE_SIZE < end; p++) {
		if (node->index[p])
			continue;
		node->index[p] = take_page(node);
		if (!node->index[p]) {
			uint32_t fit = p * PAGE_SIZE;
			return fit > offset ? fit - offset : 0;
		}
	}
	return n;
}

int ramfs_write(struct ramfs_node *node, uint32_t offset, const void *buf, uint32_t n)
{
	ASSERT(node->writable && node->type == DT_FILE);
	if (n == 0)
		return 0;
	if (offset >= PARAM_RAMFS_FILE_MAX)
		return -ENOSPC;
	if (n > PARAM_RAMFS_FILE_MAX - offset)
		n = PARAM_RAMFS_FILE_MAX - offset;    /* up to the size limit, then ENOSPC */
	bool had_index = node->index != NULL;
	uint32_t k = reserve(node, offset, n);
	if (k == 0) {
		int err = node->fs->pages_used >= node->fs->pages_max ? -ENOSPC : -ENOMEM;
		if (!had_index && node->pages == 1)
			ramfs_data_free(node);        /* an index page for no data goes back */
		return err;
	}
	const uint8_t *in = buf;
	for (uint32_t done = 0; done < k; ) {
		uint32_t pos = offset + done;
		uint32_t in_page = pos % PAGE_SIZE;
		uint32_t c = PAGE_SIZE - in_page < k - done ? PAGE_SIZE - in_page : k - done;
		memcpy((uint8_t *)node->index[pos / PAGE_SIZE] + in_page, in + done, c);
		done += c;
	}
	if (offset + k > node->size)
		node->size = offset + k;
	return (int)k;
}
