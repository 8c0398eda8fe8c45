/*
 * usertests: user memory. sbrk growing and shrinking the heap (pages mapped
 * and unmapped, as procstat counts them), its refusals, and malloc under a
 * long random mix of malloc/free/realloc with every block's contents checked.
 * The sbrk tests put the break back where they found it, so malloc (which
 * also uses sbrk) is never confused.
 */
#include "ut.h"

#define PAGE 4096u

/* The number of pages in [0, ADDR) rounded up: pages a break at ADDR needs. */
static unsigned pages_below(uintptr_t addr)
{
	return (unsigned)((addr + PAGE - 1) / PAGE);
}

static int sbrk_grow_and_shrink(void)
{
	char *start = sbrk(0);
	unsigned pages0 = ut_stat(0).pages;
	char *p = sbrk(3 * PAGE);
	CHECK(p == start);
	CHECK((char *)sbrk(0) == start + 3 * PAGE);
	unsigned want = pages0 + pages_below((uintptr_t)start + 3 * PAGE)
		- pages_below((uintptr_t)start);
	CHECK_EQ(ut_stat(0).pages, want);
	memset(p, 0x5A, 3 * PAGE);
	for (unsigned i = 0; i < 3 * PAGE; i++)
		CHECK(p[i] == 0x5A);
	CHECK((char *)sbrk(-(int)(3 * PAGE)) == start + 3 * PAGE);
	CHECK((char *)sbrk(0) == start);
	CHECK_EQ(ut_stat(0).pages, pages0);
	/* Fresh pages come zeroed, never with a previous owner's data. */
	p = sbrk(2 * PAGE);
	CHECK(p == start);
	uintptr_t first = ((uintptr_t)start + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	for (uintptr_t a = first; a < (uintptr_t)start + 2 * PAGE; a++)
		CHECK(*(char *)a == 0);
	CHECK((char *)sbrk(-(int)(2 * PAGE)) == start + 2 * PAGE);
	return 0;
}

static int sbrk_absurd_increment_enomem(void)
{
	char *start = sbrk(0);
	unsigned pages0 = ut_stat(0).pages;
	errno = 0;
	CHECK(sbrk(0x7FFFFFFF) == (void *)-1);
	CHECK_EQ(errno, ENOMEM);
	/* Into the stack region: refused however much memory is free. */
	errno = 0;
	CHECK(sbrk((int)(USER_STACK_TOP - USER_STACK_SIZE - (uintptr_t)start)) == (void *)-1);
	CHECK_EQ(errno, ENOMEM);
	/* Below the start of the heap, into the program. */
	errno = 0;
	CHECK(sbrk(-0x10000000) == (void *)-1);
	CHECK_EQ(errno, ENOMEM);
	CHECK((char *)sbrk(0) == start);
	CHECK_EQ(ut_stat(0).pages, pages0);
	return 0;
}

/*
 * Asking for more than all of RAM fails, and the pages mapped on the way
 * are given back: the break and the process's page count are unchanged,
 * and the heap still grows afterwards.
 */
static int sbrk_beyond_ram_rolls_back(void)
{
	struct sysinfo si;
	char *start = sbrk(0);
	unsigned pages0 = ut_stat(0).pages;
	CHECK_OK(sysinfo(&si));
	int huge = (int)((si.total_pages + 1024) * PAGE);
	errno = 0;
	CHECK(sbrk(huge) == (void *)-1);
	CHECK_EQ(errno, ENOMEM);
	CHECK((char *)sbrk(0) == start);
	CHECK_EQ(ut_stat(0).pages, pages0);
	CHECK((char *)sbrk(PAGE) == start);
	CHECK((char *)sbrk(-(int)PAGE) == start + PAGE);
	return 0;
}

/*
 * shrink_touch: grow the heap past a page boundary, shrink it back, then
 * touch the page that was given back; the kernel must have unmapped it.
 */
static int h_shrink_touch(int argc, char **argv)
{
	(void)argc; (void)argv;
	uintptr_t start = (uintptr_t)sbrk(0);
	uintptr_t page = ((start + PAGE - 1) & ~(uintptr_t)(PAGE - 1)) + PAGE;
	int grow = (int)(page + PAGE - start);
	if (sbrk(grow) == (void *)-1)
		return 1;
	*(volatile char *)page = 1;
	sbrk(-grow);
	*(volatile char *)page = 2;
	return 0;
}

const struct ut_helper ut_mem_helpers[] = {
	{ "shrink_touch", h_shrink_touch },
	{ NULL, NULL },
};

static int sbrk_shrink_unmaps(void)
{
	int status = ut_wait(ut_helper(NULL, "shrink_touch", NULL));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	return 0;
}

/* ---- malloc stress ---- */

#define SLOTS 200
#define OPS   5000

struct block {
	unsigned char *p;
	size_t size;
	unsigned char fill;   /* every byte of the block holds this */
};

/* Check that B still holds its fill byte everywhere. */
static void check_block(const struct block *b, int op)
{
	for (size_t i = 0; i < b->size; i++)
		if (b->p[i] != b->fill)
			ut_fail(__FILE__, __LINE__, "op %d: block %p byte %u is %u, want %u",
				op, (void *)b->p, (unsigned)i, b->p[i], b->fill);
}

/* A random size: mostly small, sometimes a few pages. */
static size_t random_size(void)
{
	unsigned r = (unsigned)rand();
	if (r % 16 == 0)
		return 1 + (r >> 4) % 20000;
	return (r >> 4) % 300;
}

static int malloc_stress(void)
{
	static struct block blocks[SLOTS];
	struct libc_heap_stats st0, st;
	libc_heap_check(&st0);   /* blocks in use before (stdio's buffers, say) */
	srand(12345);
	for (int op = 0; op < OPS; op++) {
		struct block *b = &blocks[(unsigned)rand() % SLOTS];
		unsigned what = (unsigned)rand() % 3;
		if (b->p)
			check_block(b, op);
		if (!b->p || what == 0) {                 /* (re)allocate fresh */
			free(b->p);
			b->size = random_size();
			b->p = malloc(b->size);
			CHECK(b->p != NULL);
			CHECK(((uintptr_t)b->p & 15) == 0);
		} else if (what == 1) {                   /* resize, keeping the contents */
			size_t size = random_size();
			unsigned char *p = realloc(b->p, size);
			CHECK(p != NULL);
			b->p = p;
			b->size = size < b->size ? size : b->size;
			check_block(b, op);
			b->size = size;
		} else {                                  /* free */
			free(b->p);
			b->p = NULL;
			continue;
		}
		b->fill = (unsigned char)(op * 7 + 1);
		memset(b->p, b->fill, b->size);
	}
	for (int i = 0; i < SLOTS; i++) {
		if (blocks[i].p)
			check_block(&blocks[i], OPS);
		free(blocks[i].p);
	}
	libc_heap_check(&st);
	CHECK_EQ(st.used_blocks, st0.used_blocks);
	unsigned char *z = calloc(1000, 4);
	CHECK(z != NULL);
	for (int i = 0; i < 4000; i++)
		CHECK(z[i] == 0);
	free(z);
	CHECK(calloc(0x10000, 0x10000) == NULL);   /* the product overflows */
	return 0;
}

/* Most of a process's memory can be allocated and written, and then freed. */
static int malloc_big_blocks(void)
{
	enum { N = 8, SIZE = 1 << 20 };
	char *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = malloc(SIZE);
		CHECK(p[i] != NULL);
		memset(p[i], i + 1, SIZE);
	}
	for (int i = 0; i < N; i++) {
		CHECK(p[i][0] == i + 1 && p[i][SIZE - 1] == i + 1);
		free(p[i]);
	}
	errno = 0;
	CHECK(malloc(0x7FFFFFF0u) == NULL);
	CHECK_EQ(errno, ENOMEM);
	return 0;
}

/*
 * A buffer that ends exactly at the first byte of an unmapped page is
 * refused; one byte shorter it is fine. (The heap's break, page aligned,
 * is the first unmapped byte.)
 */
static int buffer_ending_on_unmapped_byte_efault(void)
{
	uint32_t brk = (uint32_t)(uintptr_t)sbrk(0);
	if (brk % 4096)
		CHECK(sbrk((int)(4096 - brk % 4096)) != (void *)-1);
	brk = (uint32_t)(uintptr_t)sbrk(0);
	CHECK(brk % 4096 == 0);
	memset((void *)(uintptr_t)(brk - 16), 'x', 16);
	int fds[2];
	CHECK_OK(pipe(fds));
	CHECK_EQ(ut_syscall(SYS_write, (uint32_t)fds[1], brk - 16, 16), 16);
	CHECK_ERR(ut_syscall(SYS_write, (uint32_t)fds[1], brk - 16, 17), EFAULT);
	CHECK_ERR(ut_syscall(SYS_write, (uint32_t)fds[1], brk, 1), EFAULT);
	CHECK_OK(close(fds[0]));
	CHECK_OK(close(fds[1]));
	return 0;
}

const struct ut_test ut_mem_tests[] = {
	{ "buffer_ending_on_unmapped_byte_efault", buffer_ending_on_unmapped_byte_efault },
	{ "sbrk_grow_and_shrink_maps_pages", sbrk_grow_and_shrink },
	{ "sbrk_absurd_increment_enomem", sbrk_absurd_increment_enomem },
	{ "sbrk_beyond_ram_enomem_rolls_back", sbrk_beyond_ram_rolls_back },
	{ "sbrk_shrink_unmaps_pages", sbrk_shrink_unmaps },
	{ "malloc_stress_random_ops_keep_contents", malloc_stress },
	{ "malloc_big_blocks_and_enomem", malloc_big_blocks },
	{ NULL, NULL },
};
