/*
 * The real i386 archive, run: a static 32-bit Linux program linked with
 * build/libc/libc.a and nothing else (no libgcc), so the code that TalOS
 * programs will get is exercised where long and pointers are 32 bits wide.
 * The host's x86_64 Linux runs it through its i386 compatibility layer; the
 * host test libc.i386_archive runs it and reads its exit status.
 *
 * The three syscall stubs libc leaves undefined are provided here with
 * Linux's own i386 system calls (write = 4, exit = 1) and a static arena.
 * Output: one line per failed check, then "i386: N checks, M failed".
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINUX_EXIT  1
#define LINUX_WRITE 4

static long linux_syscall(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}

static _Noreturn void linux_exit(int status)
{
	linux_syscall(LINUX_EXIT, status, 0, 0);
	for (;;)
		;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	return linux_syscall(LINUX_WRITE, fd, (long)buf, (long)n);
}

_Noreturn void abort(void)
{
	linux_exit(134);
}

static char arena[8 << 20];
static size_t arena_used;

void *sbrk(intptr_t inc)
{
	void *old = arena + arena_used;

	if (inc > 0 && (size_t)inc > sizeof(arena) - arena_used) {
		errno = ENOMEM;
		return (void *)-1;
	}
	arena_used += (size_t)inc;
	return old;
}

/* ---- Checks ---- */

static int checks, failures;

static void say(const char *s)
{
	write(STDOUT_FILENO, s, strlen(s));
}

static void check_str(int line, const char *got, const char *want)
{
	char msg[256];

	checks++;
	if (strcmp(got, want) != 0) {
		failures++;
		snprintf(msg, sizeof(msg), "i386_smoke.c:%d: got \"%s\", expected \"%s\"\n",
			 line, got, want);
		say(msg);
	}
}

/* The text of the format must be WANT. */
#define CHECK_FMT(want, ...)                                                 \
	do {                                                                 \
		char buf_[128];                                              \
		snprintf(buf_, sizeof(buf_), __VA_ARGS__);                   \
		check_str(__LINE__, buf_, want);                             \
	} while (0)

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void formats(void)
{
	CHECK_FMT("4 4 4", "%zu %zu %zu", sizeof(long), sizeof(void *), sizeof(size_t));
	CHECK_FMT("-2147483648", "%ld", LONG_MIN);
	CHECK_FMT("4294967295", "%lu", ULONG_MAX);
	CHECK_FMT("ffffffff", "%lx", ULONG_MAX);
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK_FMT("4294967295", "%zu", SIZE_MAX);
	CHECK_FMT("-1", "%zd", SIZE_MAX);
	CHECK_FMT("-2147483648", "%td", PTRDIFF_MIN);
	CHECK_FMT("-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK_FMT("0xfffff000", "%p", (void *)0xfffff000u);
	CHECK_FMT("  -0042|+7", "%7.4d|%+d", -42, 7);
	CHECK_FMT("0x00ff", "%#06hhx", 0x1ff);
}

static void conversions(void)
{
	char buf[64], *end;
	unsigned long long ull;
	unsigned long ul;
	long l;

	/* errno is read after each call: argument evaluation order is unspecified. */
	errno = 0;
	l = strtol("2147483648", &end, 10);
	snprintf(buf, sizeof(buf), "%ld %d", l, errno);
	check_str(__LINE__, buf, "2147483647 34");          /* LONG_MAX is 32-bit here */
	errno = 0;
	l = strtol("-2147483648", &end, 10);
	snprintf(buf, sizeof(buf), "%ld %d", l, errno);
	check_str(__LINE__, buf, "-2147483648 0");
	ul = strtoul("4294967296", &end, 0);
	snprintf(buf, sizeof(buf), "%lu %d", ul, errno);
	check_str(__LINE__, buf, "4294967295 34");
	snprintf(buf, sizeof(buf), "%lu", strtoul("-1", &end, 10));
	check_str(__LINE__, buf, "4294967295");
	errno = 0;
	ull = strtoull("0xffffffffffffffff", &end, 0);
	snprintf(buf, sizeof(buf), "%llu %d", ull, errno);
	check_str(__LINE__, buf, "18446744073709551615 0");
	ull = strtoull("18446744073709551616", &end, 10);
	snprintf(buf, sizeof(buf), "%llu %d", ull, errno);
	check_str(__LINE__, buf, "18446744073709551615 34");
	snprintf(buf, sizeof(buf), "%lld", strtoll("-9223372036854775808", &end, 10));
	check_str(__LINE__, buf, "-9223372036854775808");
	ldiv_t d = ldiv(-7L, 2L);
	snprintf(buf, sizeof(buf), "%ld %ld %d", d.quot, d.rem, atoi("  -99x"));
	check_str(__LINE__, buf, "-3 -1 -99");
	check_str(__LINE__, strerror(ENOMEM), "out of memory");
}

static void sorting_and_heap(void)
{
	static int a[5000];
	static void *p[300];
	struct libc_heap_stats st;
	char buf[64];
	int sorted = 1, aligned = 1;

	srand(5);
	for (int i = 0; i < 5000; i++)
		a[i] = rand() % 1000 - 500;
	qsort(a, 5000, sizeof(int), cmp_int);
	for (int i = 1; i < 5000; i++)
		sorted &= a[i - 1] <= a[i];
	snprintf(buf, sizeof(buf), "%d", sorted);
	check_str(__LINE__, buf, "1");

	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 300; i++) {
			p[i] = malloc((size_t)(rand() % 3000));
			aligned &= (uintptr_t)p[i] % 16 == 0;
			memset(p[i], i, 1);
		}
		for (int i = 0; i < 300; i++)
			p[i] = realloc(p[i], (size_t)(rand() % 5000) + 1);
		for (int i = 0; i < 300; i++)
			free(p[i * 7 % 300]);
	}
	libc_heap_check(&st);
	snprintf(buf, sizeof(buf), "%d %zu %zu", aligned, st.used_blocks, st.free_blocks);
	check_str(__LINE__, buf, "1 0 1");
}

void _start(void)
{
	char line[64];

	formats();
	conversions();
	sorting_and_heap();
	snprintf(line, sizeof(line), "i386: %d checks, %d failed\n", checks, failures);
	say(line);
	linux_exit(failures != 0);
}
