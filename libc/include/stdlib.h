/*
 * <stdlib.h>: numeric conversion, integer arithmetic, sorting and
 * searching, pseudo-random numbers and memory allocation (C11 7.22).
 *
 * Not provided: atexit, getenv, system, everything with floating point
 * (atof, strtod, ...), and lldiv (its 64-bit division would make libc depend
 * on libgcc on i386). exit and abort belong to the syscall layer of libc
 * (libc/exit.c); the pure part only calls abort.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

/* ---- String to integer ---- */

/*
 * Convert the initial part of S to an integer. Leading white space
 * (isspace) is skipped, then an optional '+' or '-', then digits in BASE
 * (2-36; letters a-z/A-Z are the digits 10-35). BASE 0 means: "0x" or "0X"
 * prefix selects 16, a leading "0" selects 8, otherwise 10; BASE 16 also
 * accepts an "0x" prefix. If ENDP is not NULL, *ENDP is set to the first char
 * not converted (S itself when there were no digits). On overflow the result
 * is the type's MAX (or MIN for a negative strtol/strtoll) and errno is set
 * to ERANGE; for an invalid BASE the result is 0 and errno is EINVAL.
 * strtoul and strtoull accept a '-' and negate the value in the unsigned
 * type, as C says ("-1" gives ULONG_MAX).
 */
long strtol(const char *restrict s, char **restrict endp, int base);
long long strtoll(const char *restrict s, char **restrict endp, int base);
unsigned long strtoul(const char *restrict s, char **restrict endp, int base);
unsigned long long strtoull(const char *restrict s, char **restrict endp, int base);

/*
 * strtol(S, NULL, 10) converted to int or long. Deviation (the standard
 * leaves out-of-range input undefined): the result saturates and errno is
 * ERANGE.
 */
int atoi(const char *s);
long atol(const char *s);

/* ---- Integer arithmetic ---- */

typedef struct { int quot; int rem; } div_t;
typedef struct { long quot; long rem; } ldiv_t;

/* Absolute value. Undefined for the most negative value, as in C. */
int abs(int n);
long labs(long n);
long long llabs(long long n);
/* Quotient (truncated toward zero) and remainder of NUM / DEN in one call. */
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);

/* ---- Sorting and searching ---- */

/*
 * Sort N elements of SIZE bytes at BASE into the order defined by CMP (which
 * returns <0, 0 or >0 like strcmp). Introsort: quicksort with a
 * median-of-three pivot, insertion sort for short runs, and heapsort when
 * the recursion gets too deep, so the worst case is O(N log N). Not stable.
 */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));

/*
 * Binary search for KEY in the N sorted elements of SIZE bytes at BASE;
 * CMP(KEY, ELEMENT) compares like strcmp. Returns a matching element (any
 * one, if several match) or NULL.
 */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* ---- Pseudo-random numbers ---- */

#define RAND_MAX 0x7fffffff

/*
 * The next number of a pseudo-random sequence in [0, RAND_MAX]. The
 * generator is a 64-bit linear congruential one (Knuth's MMIX constants:
 * x = x * 6364136223846793005 + 1442695040888963407 mod 2^64) returning
 * bits 33-63 of the state, whose low bits are the most random. Not
 * suitable for cryptography. Without srand the sequence is that of srand(1).
 */
int rand(void);
/* Start a new sequence: the same SEED always gives the same sequence. */
void srand(unsigned seed);

/* ---- Memory ---- */

/*
 * Allocate SIZE bytes, aligned to 16, uninitialised. malloc(0) returns a
 * unique pointer that may be passed to free. On failure returns NULL with
 * errno = ENOMEM. The heap grows with sbrk (unistd.h).
 */
void *malloc(size_t size);
/*
 * Release a block from malloc, calloc or realloc; free(NULL) does nothing.
 * A pointer that was not allocated, a block freed twice or a block whose
 * bookkeeping was overwritten prints a message and calls abort().
 */
void free(void *ptr);
/* N elements of SIZE bytes, zeroed; NULL (ENOMEM) when N * SIZE overflows. */
void *calloc(size_t n, size_t size);
/*
 * Resize the block at PTR to SIZE bytes, keeping its contents up to the
 * smaller size, moving it only when it cannot grow in place. realloc(NULL,
 * SIZE) is malloc(SIZE). Deviation (implementation-defined in C):
 * realloc(PTR, 0) shrinks the block to the minimum and returns it; it does
 * not free it. On failure returns NULL with errno = ENOMEM and leaves the
 * old block untouched.
 */
void *realloc(void *ptr, size_t size);

/*
 * TalOS extension: walk the whole heap and check every block's header,
 * footer and free-list links; a damaged heap prints a message and calls
 * abort(), as free does. Returns the totals below (if ST is not NULL). Use it
 * to catch heap corruption near its cause, or to look for leaks.
 */
struct libc_heap_stats {
	size_t heap_bytes;   /* bytes from the first block to the end of the heap */
	size_t used_blocks;  /* blocks allocated and not yet freed */
	size_t used_bytes;   /* their sizes, bookkeeping included */
	size_t free_blocks;  /* free blocks (never two adjacent ones) */
	size_t free_bytes;   /* their sizes */
};
void libc_heap_check(struct libc_heap_stats *st);

/* ---- Process ---- */

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/*
 * End the process with exit status STATUS & 0xFF, after flushing every
 * stdio stream (stdout, stderr and the files fopen opened). There is no
 * atexit: nothing else runs. Returning N from main is exit(N).
 */
_Noreturn void exit(int status);

/*
 * End the process abnormally: flush the stdio streams, write "abort" and a
 * newline to standard error, and exit with status 134 (128 + 6, the status
 * a Unix shell shows for SIGABRT; TalOS has no SIGABRT). assert and the
 * heap checks of malloc call it after printing their own message.
 */
_Noreturn void abort(void);

#endif /* _STDLIB_H */
