/*
 * Tests of the allocator: alignment, calloc, realloc in place and moved,
 * coalescing (freed memory is reused instead of growing the heap), a long
 * random stress run that verifies every block's contents, out-of-memory
 * behaviour, a break moved by someone else, and the detection of misuse
 * (double free, bad pointers, overruns) through abort().
 *
 * tl_libc_heap_check walks the whole heap after each phase; it aborts on
 * any inconsistency, which the harness reports as a failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "tl.h"
#include "talos/errno.h"

static bool aligned(const void *p)
{
	return (uintptr_t)p % 16 == 0;
}

static struct tl_heap_stats stats(void)
{
	struct tl_heap_stats st;

	tl_libc_heap_check(&st);
	return st;
}

void test_malloc_basic(void)
{
	static const size_t sizes[] = { 0, 1, 2, 7, 8, 15, 16, 17, 24, 31, 32, 33, 100,
					1000, 4095, 4096, 65536, 100000, 1 << 20 };
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	unsigned char *p[N];
	bool ok = true;

	for (size_t i = 0; i < N; i++) {
		p[i] = tl_malloc(sizes[i]);
		CHECK(p[i] != NULL);
		CHECK(aligned(p[i]));                      /* even though the break started misaligned */
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (size_t i = 0; i < N; i++)             /* no block overlaps another */
		for (size_t j = 0; j < sizes[i]; j++)
			ok &= p[i][j] == i + 1;
	CHECK(ok);
	CHECK(p[0] != p[1]);                       /* malloc(0) is a unique pointer */
	CHECK_UINT(stats().used_blocks, N);
	for (size_t i = 0; i < N; i++)
		tl_free(p[i]);
	tl_free(NULL);                             /* does nothing */
	CHECK_UINT(stats().used_blocks, 0);
	CHECK_UINT(stats().free_blocks, 1);        /* everything merged back */
}

void test_calloc(void)
{
	/* Dirty some memory, free it, and calloc must still hand out zeros. */
	unsigned char *dirty = tl_malloc(4000);
	memset(dirty, 0xaa, 4000);
	tl_free(dirty);
	unsigned char *z = tl_calloc(1000, 4);
	bool zero = z != NULL;
	for (int i = 0; zero && i < 4000; i++)
		zero = z[i] == 0;
	CHECK(zero);
	CHECK(aligned(z));
	tl_free(z);

	void *e = tl_calloc(0, 16);
	CHECK(e != NULL);
	tl_free(e);
	tl_errno = 0;
	CHECK_PTR(tl_calloc(SIZE_MAX / 2, 3), NULL);      /* N * SIZE overflows */
	CHECK_INT(tl_errno, ENOMEM);
	tl_errno = 0;
	CHECK_PTR(tl_calloc((size_t)1 << 33, (size_t)1 << 32), NULL);
	CHECK_INT(tl_errno, ENOMEM);
	CHECK_UINT(stats().used_blocks, 0);
}

void test_realloc(void)
{
	char *p = tl_realloc(NULL, 100);           /* realloc(NULL) is malloc */
	char *blocker = tl_malloc(10);             /* right after P */
	CHECK(p != NULL);
	for (int i = 0; i < 100; i++)
		p[i] = (char)i;

	char *q = tl_realloc(p, 40);               /* shrinking stays in place... */
	CHECK_PTR(q, p);
	CHECK_UINT(stats().free_blocks, 2);        /* ...and frees the tail */
	q = tl_realloc(p, 90);                     /* grows back into the freed tail */
	CHECK_PTR(q, p);
	bool same = true;
	for (int i = 0; i < 40; i++)
		same &= p[i] == (char)i;
	CHECK(same);

	/* Grow past the blocker: must move and keep the contents. */
	q = tl_realloc(p, 5000);
	CHECK(q != NULL && q != p);
	same = true;
	for (int i = 0; i < 40; i++)
		same &= q[i] == (char)i;
	CHECK(same);
	CHECK(aligned(q));

	/* Q is the last block but for free space: growing it extends the heap in place. */
	size_t before = sbrk_used();
	char *r = tl_realloc(q, 500000);
	CHECK_PTR(r, q);
	CHECK(sbrk_used() > before);
	same = true;
	for (int i = 0; i < 40; i++)
		same &= r[i] == (char)i;
	CHECK(same);
	memset(r, 'r', 500000);

	/* realloc(P, 0) keeps a minimum block (documented) and returns it. */
	char *s = tl_realloc(r, 0);
	CHECK_PTR(s, r);
	tl_free(s);
	tl_free(blocker);
	CHECK_UINT(stats().used_blocks, 0);

	/* A failed realloc returns NULL and leaves the old block intact. */
	char *keep = tl_malloc(64);
	memset(keep, 'k', 64);
	sbrk_set_limit(sbrk_used());
	tl_errno = 0;
	CHECK_PTR(tl_realloc(keep, 10 << 20), NULL);
	CHECK_INT(tl_errno, ENOMEM);
	CHECK(keep[0] == 'k' && keep[63] == 'k');
	CHECK_PTR(tl_realloc(keep, SIZE_MAX), NULL);
	tl_free(keep);
	CHECK_UINT(stats().used_blocks, 0);
}

void test_malloc_coalescing(void)
{
	enum { N = 200 };
	void *p[N];

	/* Free in three orders; each time all memory must merge into one block. */
	for (int order = 0; order < 3; order++) {
		for (int i = 0; i < N; i++)
			p[i] = tl_malloc(100 + (size_t)i * 10);
		for (int i = 0; i < N; i++) {
			int k = order == 0 ? i : order == 1 ? N - 1 - i
				: i < N / 2 ? 2 * i : 2 * (i - N / 2) + 1;  /* evens, then odds */
			tl_free(p[k]);
		}
		struct tl_heap_stats st = stats();
		CHECK_UINT(st.used_blocks, 0);
		CHECK_UINT(st.free_blocks, 1);
	}

	/* The merged space serves one big request without asking sbrk for more. */
	size_t heap = stats().heap_bytes;
	unsigned long calls = sbrk_calls;
	void *big = tl_malloc(heap - 256);
	CHECK(big != NULL);
	CHECK_UINT(sbrk_calls, calls);

	/* A hole between two live blocks is reused by a request that fits it. */
	void *a = tl_malloc(1000), *hole = tl_malloc(1000), *b = tl_malloc(1000);
	tl_free(hole);
	void *again = tl_malloc(900);
	CHECK_PTR(again, hole);
	tl_free(a);
	tl_free(b);
	tl_free(again);
	tl_free(big);
	CHECK_UINT(stats().free_blocks, 1);
}

/* The byte pattern block ID holds at offset I. */
static unsigned char pattern(unsigned id, size_t i)
{
	return (unsigned char)(id * 31 + i * 7);
}

void test_malloc_stress(void)
{
	enum { SLOTS = 500, OPS = 40000 };
	static unsigned char *slot[SLOTS];
	static size_t size[SLOTS];
	static unsigned id[SLOTS];
	unsigned next_id = 1, corrupt = 0, failures = 0;

	srand(2024);
	for (int op = 0; op < OPS; op++) {
		int s = rand() % SLOTS;
		size_t n = rand() % 16 == 0 ? (size_t)rand() % 100000 : (size_t)rand() % 600;

		/* Whatever happens to a block, its contents must be intact first. */
		for (size_t i = 0; slot[s] && i < size[s]; i++)
			corrupt += slot[s][i] != pattern(id[s], i);
		if (slot[s] && rand() % 3 == 0) {          /* free */
			tl_free(slot[s]);
			slot[s] = NULL;
		} else if (rand() % 2 == 0) {              /* free, then a fresh block */
			tl_free(slot[s]);
			slot[s] = tl_malloc(n);
			id[s] = next_id++;
			size[s] = n;
			failures += slot[s] == NULL;
			for (size_t i = 0; slot[s] && i < n; i++)
				slot[s][i] = pattern(id[s], i);
		} else {                                   /* realloc keeps the common prefix */
			unsigned char *r = tl_realloc(slot[s], n);
			size_t keep = !slot[s] ? 0 : size[s] < n ? size[s] : n;

			failures += r == NULL;
			for (size_t i = 0; r && i < keep; i++)
				corrupt += r[i] != pattern(id[s], i);
			if (!slot[s])
				id[s] = next_id++;
			slot[s] = r;
			size[s] = n;
			for (size_t i = keep; r && i < n; i++)
				r[i] = pattern(id[s], i);
		}
		if (slot[s] && !aligned(slot[s]))
			corrupt++;
		if (op % 5000 == 0)
			tl_libc_heap_check(NULL);
	}
	CHECK_UINT(corrupt, 0);
	CHECK_UINT(failures, 0);

	size_t live = 0;
	for (int s = 0; s < SLOTS; s++)
		live += slot[s] != NULL;
	CHECK_UINT(stats().used_blocks, live);
	for (int s = 0; s < SLOTS; s++)
		tl_free(slot[s]);
	struct tl_heap_stats st = stats();
	CHECK_UINT(st.used_blocks, 0);
	CHECK_UINT(st.free_blocks, 1);
	CHECK_UINT(st.free_bytes + 16, st.heap_bytes);   /* all but the epilogue is free */
}

void test_malloc_out_of_memory(void)
{
	sbrk_set_limit(1 << 20);                   /* a 1 MiB heap at most */
	tl_errno = 0;
	CHECK_PTR(tl_malloc(2 << 20), NULL);
	CHECK_INT(tl_errno, ENOMEM);
	CHECK_PTR(tl_malloc(SIZE_MAX), NULL);
	CHECK_PTR(tl_malloc(SIZE_MAX - 15), NULL);   /* must not wrap while rounding up */
	CHECK_PTR(tl_malloc((size_t)INTPTR_MAX), NULL);

	/* Fill the heap with 10 KiB blocks until malloc says no. */
	void *p[200];
	int n = 0;
	while (n < 200 && (p[n] = tl_malloc(10000)) != NULL)
		n++;
	CHECK(n >= 100 && n <= 104);               /* nearly all of the 1 MiB is usable */
	CHECK_INT(tl_errno, ENOMEM);
	void *small = tl_malloc(100);              /* the leftover still serves small requests */
	CHECK(small != NULL);
	tl_free(small);
	for (int i = 0; i < n; i += 2)             /* free every other block */
		tl_free(p[i]);
	CHECK_PTR(tl_malloc(30000), NULL);         /* fragmented: no 30 KB run */
	void *fits = tl_malloc(9000);              /* but the holes are usable */
	CHECK(fits != NULL);
	tl_free(fits);
	for (int i = 1; i < n; i += 2)
		tl_free(p[i]);
	void *whole = tl_malloc(900000);           /* merged again: a big one fits */
	CHECK(whole != NULL);
	tl_free(whole);
	CHECK_UINT(stats().free_blocks, 1);
}

void test_malloc_foreign_sbrk(void)
{
	void *a = tl_malloc(100);
	size_t used = sbrk_used();

	/* Someone else takes 1000 bytes of break after our heap. */
	char *theirs = tl_sbrk(1000);
	memset(theirs, 'T', 1000);
	void *big = tl_malloc(200000);             /* our heap must grow around it */
	CHECK(big != NULL);
	CHECK(aligned(big));
	CHECK((char *)big > theirs + 999 || (char *)big + 200000 <= theirs);
	memset(big, 'B', 200000);
	bool intact = true;
	for (int i = 0; i < 1000; i++)
		intact &= theirs[i] == 'T';
	CHECK(intact);
	CHECK(sbrk_used() > used + 1000);
	tl_free(a);
	tl_free(big);
	struct tl_heap_stats st = stats();         /* the gap is walked over, never freed */
	CHECK_UINT(st.used_blocks, 0);
	CHECK_UINT(st.free_blocks, 2);             /* one free run on each side of the gap */
	void *c = tl_malloc(50);
	CHECK(c != NULL);
	tl_free(c);
}

/* ---- Misuse ---- */

static void do_free(void *p) { tl_free(p); }

static void do_realloc(void *p) { tl_realloc(p, 10); }

/* FN(ARG) must abort() with a message containing WANT. */
static void check_aborts(const char *file, int line, void (*fn)(void *), void *arg,
			 const char *want)
{
	check_count++;
	if (!expect_abort(fn, arg))
		check_fail(file, line, "no abort(); expected \"%s\"", want);
	else if (!strstr(captured_stderr(), want))
		check_fail(file, line, "message \"%s\" does not say \"%s\"",
			   captured_stderr(), want);
}

#define CHECK_ABORTS(fn, arg, want) check_aborts(__FILE__, __LINE__, fn, arg, want)

void test_malloc_detects_misuse(void)
{
	char *a = tl_malloc(100), *b = tl_malloc(100), *c = tl_malloc(100);
	int on_stack;

	memset(c, 0, 100);

	tl_free(a);
	CHECK_ABORTS(do_free, a, "double free");
	tl_free(b);                                /* B merges into A: B's header is stale */
	CHECK_ABORTS(do_free, b, "double free");
	CHECK_ABORTS(do_realloc, b, "double free");
	CHECK_ABORTS(do_free, a, "double free");
	CHECK_ABORTS(do_free, c + 16, "heap corrupted or not a malloc pointer");
	CHECK_ABORTS(do_free, c + 1, "was not returned by malloc");
	CHECK_ABORTS(do_free, &on_stack, "was not returned by malloc");
	CHECK(strncmp(captured_stderr(), "free: 0x", 8) == 0);   /* names the pointer */
	CHECK(captured_stderr()[strlen(captured_stderr()) - 1] == '\n');

	/* Writing past the end of C clobbers its footer; free notices. */
	char *d = tl_malloc(24);
	size_t usable = 48 - 16 - 8;               /* the minimum block on x86_64 */
	memset(d, 'o', usable + 1);
	CHECK_ABORTS(do_free, d, "write past the end");

	/* A header overwritten from the block before. */
	char *e = tl_malloc(32), *f = tl_malloc(32);
	memset(f - 16, 0x55, 16);
	CHECK_ABORTS(do_free, f, "heap corrupted");
	(void)e;
	(void)c;
}

static void do_heap_check(void *arg)
{
	(void)arg;
	tl_libc_heap_check(NULL);
}

void test_heap_check_detects_corruption(void)
{
	char *a = tl_malloc(64), *b = tl_malloc(64), *c = tl_malloc(64);

	CHECK(!expect_abort(do_heap_check, NULL));  /* a sound heap passes */
	tl_free(b);
	/* Overwrite B's free-list links (a use after free). */
	memset(b, 0x77, 16);
	CHECK_ABORTS(do_heap_check, NULL, "heap check: free list");
	memset(b, 0, 16);                          /* links repaired (B is alone in its list) */
	CHECK(!expect_abort(do_heap_check, NULL));
	/* An overrun past the end of A clobbers A's footer. */
	memset(a, 0x11, 64 + 16);
	CHECK_ABORTS(do_heap_check, NULL, "heap check: footer");
	(void)c;
}
