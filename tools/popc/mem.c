/*
 * popc memory: every allocation of a compilation comes from here, so one
 * call (popc_release) gives it all back; the driver exits after one
 * compilation, the fuzzer (tests/popc/fuzz.c) runs thousands in one
 * process. popc_alloc'd memory carries a small header linking it into the
 * list of live blocks; popc_node carves small objects out of big blocks.
 *
 * Invariant: every block of the list is either live or freed with
 * popc_free; nothing allocated here is freed with free().
 */
#include "popc.h"
#include <stdlib.h>
#include <string.h>

/* Header of a block: its neighbours in the list of live blocks. */
struct block {
	struct block *prev, *next;
	max_align_t align[];          /* the caller's memory, aligned for anything */
};
static struct block *live;

/* Where popc_node carves the next small object, and how much is left. */
static char *carve;
static size_t left;

void *popc_alloc(size_t n)
{
	struct block *b = calloc(1, sizeof *b + (n ? n : 1));

	if (!b) {
		fprintf(stderr, "popc: out of memory\n");
		exit(2);
	}
	b->next = live;
	if (live)
		live->prev = b;
	live = b;
	return b->align;
}

void popc_free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)((char *)p - offsetof(struct block, align));
	if (b->prev)
		b->prev->next = b->next;
	else
		live = b->next;
	if (b->next)
		b->next->prev = b->prev;
	free(b);
}

void popc_release(void)
{
	while (live) {
		struct block *b = live;
		live = b->next;
		free(b);
	}
	carve = NULL;
	left = 0;
}

/* Small objects that live as long as the compilation (syntax tree nodes,
 * names, lines of text) come from big zeroed blocks: no header each. */
void *popc_node(size_t n)
{
	enum { BLOCK = 1 << 20 };
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n > BLOCK / 16)
		return popc_alloc(n);
	if (n > left) {
		carve = popc_alloc(BLOCK);
		left = BLOCK;
	}
	p = carve;
	carve += n;
	left -= n;
	return p;
}

char *popc_strdup(const char *s)
{
	char *d = popc_node(strlen(s) + 1);

	strcpy(d, s);
	return d;
}
