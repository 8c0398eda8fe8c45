/*
 * qsort: introsort over elements of any size.
 *
 * Quicksort picks the median of the first, middle and last elements as the
 * pivot, so sorted, reversed and all-equal inputs split evenly. Runs of at
 * most INSERTION_MAX elements are finished by insertion sort, which is
 * faster on short runs. If the partitions keep coming out lopsided (more
 * than 2 log2(n) levels deep) the remaining range is heapsorted, which
 * bounds the worst case at O(n log n) whatever the input.
 *
 * Invariant: every element moves only by swap(), byte by byte, so any
 * element size works and nothing is allocated.
 */
#include <stdlib.h>

#define INSERTION_MAX 12   /* ranges this short are insertion-sorted */

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = base + i * size; p > base && cmp(p - size, p) > 0; p -= size)
			swap(p - size, p, size);
}

/*
 * Restore the max-heap property below ROOT in the heap of the first N
 * elements: the children of element i are 2i+1 and 2i+2.
 */
static void sift_down(char *base, size_t root, size_t n, size_t size, cmp_fn cmp)
{
	for (;;) {
		size_t child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;                     /* the larger child */
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

static void heap_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(base, i, n, size, cmp);
	for (size_t end = n - 1; end > 0; end--) {
		swap(base, base + end * size, size);   /* largest to its final place */
		sift_down(base, 0, end, size, cmp);
	}
}

/*
 * Put the median of the first, middle and last elements at BASE, to serve
 * as the pivot.
 */
static void median_to_front(char *base, size_t n, size_t size, cmp_fn cmp)
{
	char *a = base, *m = base + (n / 2) * size, *z = base + (n - 1) * size;

	if (cmp(m, a) < 0)
		swap(m, a, size);
	if (cmp(z, m) < 0) {
		swap(z, m, size);
		if (cmp(m, a) < 0)
			swap(m, a, size);
	}
	swap(a, m, size);            /* a <= m <= z: move the median m to the front */
}

/*
 * Hoare partition around the pivot at BASE. Both scans stop at elements
 * equal to the pivot, which is what keeps all-equal input balanced.
 * Returns the pivot's final index p: elements before p are <= the pivot,
 * elements after it are >= the pivot.
 */
static size_t partition(char *base, size_t n, size_t size, cmp_fn cmp)
{
	size_t i = 0, j = n;

	for (;;) {
		do
			i++;
		while (i < n && cmp(base + i * size, base) < 0);
		do
			j--;
		while (j > 0 && cmp(base + j * size, base) > 0);
		if (i >= j)
			break;
		swap(base + i * size, base + j * size, size);
	}
	swap(base, base + j * size, size);
	return j;
}

/*
 * Sort N elements at BASE, allowing DEPTH more levels of partitioning.
 * Recurses into the smaller side and loops on the larger one, so the stack
 * stays O(log n) deep.
 */
static void intro_sort(char *base, size_t n, size_t size, cmp_fn cmp, unsigned depth)
{
	while (n > INSERTION_MAX) {
		if (depth-- == 0) {
			heap_sort(base, n, size, cmp);
			return;
		}
		median_to_front(base, n, size, cmp);
		size_t p = partition(base, n, size, cmp);
		char *right = base + (p + 1) * size;
		size_t nright = n - p - 1;

		if (p < nright) {
			intro_sort(base, p, size, cmp, depth);
			base = right;
			n = nright;
		} else {
			intro_sort(right, nright, size, cmp, depth);
			n = p;
		}
	}
	insertion_sort(base, n, size, cmp);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	unsigned depth = 0;

	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;                           /* 2 * floor(log2(n)) */
	if (size > 0)
		intro_sort(base, n, size, cmp, depth);
}
