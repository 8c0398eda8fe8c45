/*
 * The small pieces of <stdlib.h>: integer arithmetic (abs, div and their
 * long variants), binary search and the pseudo-random generator.
 *
 * Invariant: the generator's whole state is rand_state; srand(1) and a
 * fresh process give the same sequence.
 */
#include <stdlib.h>
#include <stdint.h>

int abs(int n) { return n < 0 ? -n : n; }
long labs(long n) { return n < 0 ? -n : n; }
long long llabs(long long n) { return n < 0 ? -n : n; }

/* C99 and later define / and % to truncate toward zero, which is what div promises. */
div_t div(int num, int den)
{
	div_t r = { num / den, num % den };
	return r;
}

ldiv_t ldiv(long num, long den)
{
	ldiv_t r = { num / den, num % den };
	return r;
}

/*
 * Keep the candidates in [lo, hi): each step compares KEY with the middle
 * element and discards the half that cannot hold it.
 */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *elem = (const char *)base + mid * size;
		int c = cmp(key, elem);

		if (c == 0)
			return (void *)elem;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The linear congruential generator documented in stdlib.h. */
static uint64_t rand_state = 1;

int rand(void)
{
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);          /* 31 bits: 0 .. RAND_MAX */
}

void srand(unsigned seed)
{
	rand_state = seed;
}
