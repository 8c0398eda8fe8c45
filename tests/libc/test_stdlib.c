/*
 * Tests of ctype.h and the non-allocating part of stdlib.h: the strto*
 * family (bases, signs, white space, endptr, overflow, errno), atoi/atol,
 * abs/div, rand/srand, bsearch and qsort (inputs of many shapes and sizes,
 * several element sizes, and an adversary that makes plain quicksort
 * quadratic).
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "tl.h"
#include "talos/errno.h"

/* ---- ctype ---- */

void test_ctype_classes(void)
{
	static const struct {
		const char *name;
		int (*tl)(int);
		int (*host)(int);
	} fns[] = {
		{ "isalpha", tl_isalpha, isalpha }, { "isdigit", tl_isdigit, isdigit },
		{ "isalnum", tl_isalnum, isalnum }, { "isspace", tl_isspace, isspace },
		{ "isupper", tl_isupper, isupper }, { "islower", tl_islower, islower },
		{ "isxdigit", tl_isxdigit, isxdigit }, { "isprint", tl_isprint, isprint },
		{ "isgraph", tl_isgraph, isgraph }, { "ispunct", tl_ispunct, ispunct },
		{ "iscntrl", tl_iscntrl, iscntrl },
	};

	/* The host's "C" locale is the reference for ASCII; above it, no class. */
	for (size_t f = 0; f < sizeof(fns) / sizeof(fns[0]); f++) {
		int bad = -2;

		for (int c = -1; c <= 255 && bad == -2; c++) {
			bool want = c >= 0 && c < 128 && fns[f].host(c);

			if ((fns[f].tl(c) != 0) != want)
				bad = c;
		}
		check_count++;
		if (bad != -2)
			check_fail(__FILE__, __LINE__, "%s(%d) disagrees with the C locale",
				   fns[f].name, bad);
	}
	CHECK(tl_isspace('\v') && tl_isspace('\f') && tl_isspace('\r'));
	CHECK(!tl_isspace('\0') && !tl_isspace(0x85));
	CHECK(tl_ispunct('!') && tl_ispunct('~') && !tl_ispunct(' ') && !tl_ispunct('a'));
	CHECK(tl_iscntrl(0x7f) && !tl_isprint(0x7f) && tl_isprint(' ') && !tl_isgraph(' '));
	CHECK(!tl_isalpha(EOF) && !tl_isdigit(EOF) && !tl_isspace(EOF));
	CHECK(!tl_isalpha(0xe9) && !tl_isprint(0xa0));
	CHECK(tl_isxdigit('F') && tl_isxdigit('f') && !tl_isxdigit('g'));
}

void test_toupper_tolower(void)
{
	int bad = -2;

	for (int c = -1; c <= 255 && bad == -2; c++) {
		int up = c >= 'a' && c <= 'z' ? c - 32 : c;
		int down = c >= 'A' && c <= 'Z' ? c + 32 : c;

		if (tl_toupper(c) != up || tl_tolower(c) != down)
			bad = c;
	}
	CHECK_INT(bad, -2);
	CHECK_INT(tl_toupper('q'), 'Q');
	CHECK_INT(tl_tolower('Q'), 'q');
	CHECK_INT(tl_toupper('1'), '1');
	CHECK_INT(tl_toupper(EOF), EOF);
	CHECK_INT(tl_tolower(0xc9), 0xc9);
}

/* ---- strto* ---- */

/* strtol of S in BASE must give WANT and stop after USED chars, errno untouched. */
#define CHECK_STRTOL(s, base, want, used)                                    \
	do {                                                                 \
		const char *s_ = (s);                                        \
		char *e_ = NULL;                                             \
		tl_errno = 0;                                                \
		CHECK_INT(tl_strtol(s_, &e_, base), want);                   \
		CHECK_INT(e_ - s_, used);                                    \
		CHECK_INT(tl_errno, 0);                                      \
	} while (0)

void test_strtol_bases(void)
{
	CHECK_STRTOL("12345", 10, 12345, 5);
	CHECK_STRTOL("0", 10, 0, 1);
	CHECK_STRTOL("1010", 2, 10, 4);
	CHECK_STRTOL("1012", 2, 5, 3);               /* '2' is not a binary digit */
	CHECK_STRTOL("777", 8, 511, 3);
	CHECK_STRTOL("778", 8, 63, 2);
	CHECK_STRTOL("ff", 16, 255, 2);
	CHECK_STRTOL("FF", 16, 255, 2);
	CHECK_STRTOL("0xff", 16, 255, 4);            /* base 16 takes a 0x prefix */
	CHECK_STRTOL("0XfF", 16, 255, 4);
	CHECK_STRTOL("zz", 36, 35 * 36 + 35, 2);
	CHECK_STRTOL("Zz", 36, 1295, 2);
	CHECK_STRTOL("hello", 36, 29234652, 5);
	CHECK_STRTOL("9", 9, 0, 0);                  /* no digit at all */
	CHECK_STRTOL("0x1A", 0, 26, 4);              /* base 0: hex */
	CHECK_STRTOL("0X1a", 0, 26, 4);
	CHECK_STRTOL("017", 0, 15, 3);               /* base 0: octal */
	CHECK_STRTOL("0", 0, 0, 1);
	CHECK_STRTOL("089", 0, 0, 1);                /* octal stops at 8 */
	CHECK_STRTOL("42", 0, 42, 2);                /* base 0: decimal */
	CHECK_STRTOL("-0x10", 0, -16, 5);
	CHECK_STRTOL("0x", 0, 0, 1);                 /* "0x" without hex digits is "0" */
	CHECK_STRTOL("0xg", 16, 0, 1);
	CHECK_STRTOL("0x10", 10, 0, 1);              /* no prefix in base 10 */
	CHECK_STRTOL("0b101", 0, 0, 1);              /* C11 has no 0b prefix */
	CHECK_INT(tl_strtol("123", NULL, 10), 123);  /* a NULL endp is allowed */
}

void test_strtol_space_sign_endptr(void)
{
	CHECK_STRTOL("  \t\n\v\f\r-42xyz", 10, -42, 10);
	CHECK_STRTOL("+7", 10, 7, 2);
	CHECK_STRTOL("-0", 10, 0, 2);
	CHECK_STRTOL("   12 34", 10, 12, 5);
	CHECK_STRTOL("-", 10, 0, 0);                 /* a sign alone: nothing parsed */
	CHECK_STRTOL("+", 10, 0, 0);
	CHECK_STRTOL("   ", 10, 0, 0);
	CHECK_STRTOL("", 10, 0, 0);
	CHECK_STRTOL("  +-1", 10, 0, 0);
	CHECK_STRTOL("- 1", 10, 0, 0);
	CHECK_STRTOL("abc", 10, 0, 0);
	CHECK_STRTOL("\xa0" "5", 10, 0, 0);          /* only ASCII white space */
	CHECK_STRTOL("12abc", 16, 0x12abc, 5);
	CHECK_STRTOL("-  ", 10, 0, 0);
}

void test_strtol_overflow(void)
{
	char buf[64], *end;

	snprintf(buf, sizeof(buf), "%ld", LONG_MAX);
	CHECK_STRTOL(buf, 10, LONG_MAX, (long)strlen(buf));
	snprintf(buf, sizeof(buf), "%ld", LONG_MIN);
	CHECK_STRTOL(buf, 10, LONG_MIN, (long)strlen(buf));      /* fits: no ERANGE */

	snprintf(buf, sizeof(buf), "%lu", (unsigned long)LONG_MAX + 1);
	tl_errno = 0;
	CHECK_INT(tl_strtol(buf, &end, 10), LONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	CHECK_INT(end - buf, (long)strlen(buf));

	snprintf(buf, sizeof(buf), "-%lu", (unsigned long)LONG_MAX + 2);
	tl_errno = 0;
	CHECK_INT(tl_strtol(buf, &end, 10), LONG_MIN);
	CHECK_INT(tl_errno, ERANGE);

	const char *huge = "  99999999999999999999999999999999999999tail";
	tl_errno = 0;
	CHECK_INT(tl_strtol(huge, &end, 10), LONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	CHECK_STR(end, "tail");                      /* endptr passes every digit */
	tl_errno = 0;
	CHECK_INT(tl_strtol("-99999999999999999999999999", &end, 0), LONG_MIN);
	CHECK_INT(tl_errno, ERANGE);
	tl_errno = 0;
	CHECK_INT(tl_strtol("0x7fffffffffffffffffff", NULL, 0), LONG_MAX);
	CHECK_INT(tl_errno, ERANGE);

	tl_errno = EDOM;                             /* success leaves errno alone */
	CHECK_INT(tl_strtol("5", NULL, 10), 5);
	CHECK_INT(tl_errno, EDOM);
}

void test_strtoul(void)
{
	char buf[64], *end;

	tl_errno = 0;
	CHECK_UINT(tl_strtoul("-1", &end, 10), ULONG_MAX);       /* negated in the type */
	CHECK_INT(tl_errno, 0);
	CHECK_UINT(tl_strtoul("-2", NULL, 10), ULONG_MAX - 1);
	CHECK_UINT(tl_strtoul("4294967295", NULL, 10), 4294967295UL);
	CHECK_UINT(tl_strtoul("0xFFFFFFFF", NULL, 16), 0xffffffffUL);
	snprintf(buf, sizeof(buf), "%lu", ULONG_MAX);
	CHECK_UINT(tl_strtoul(buf, &end, 10), ULONG_MAX);
	CHECK_INT(tl_errno, 0);
	strcat(buf, "0");                            /* ten times too big */
	CHECK_UINT(tl_strtoul(buf, &end, 10), ULONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	CHECK_INT(*end, '\0');
	tl_errno = 0;
	snprintf(buf, sizeof(buf), "-%lu0", ULONG_MAX);
	CHECK_UINT(tl_strtoul(buf, NULL, 10), ULONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	CHECK_UINT(tl_strtoul(" +11", NULL, 2), 3);
	CHECK_UINT(tl_strtoul("z", NULL, 36), 35);
}

void test_strtoll_strtoull(void)
{
	char *end;

	tl_errno = 0;
	CHECK_INT(tl_strtoll("9223372036854775807", &end, 10), LLONG_MAX);
	CHECK_INT(tl_strtoll("-9223372036854775808", &end, 10), LLONG_MIN);
	CHECK_INT(tl_strtoll("-0x8000000000000000", &end, 0), LLONG_MIN);
	CHECK_INT(tl_errno, 0);
	CHECK_INT(tl_strtoll("9223372036854775808", &end, 10), LLONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	tl_errno = 0;
	CHECK_INT(tl_strtoll("-9223372036854775809", &end, 10), LLONG_MIN);
	CHECK_INT(tl_errno, ERANGE);
	tl_errno = 0;
	CHECK_UINT(tl_strtoull("18446744073709551615", &end, 10), ULLONG_MAX);
	CHECK_UINT(tl_strtoull("0xffffffffffffffff", &end, 0), ULLONG_MAX);
	CHECK_UINT(tl_strtoull("1777777777777777777777", &end, 8), ULLONG_MAX);
	CHECK_UINT(tl_strtoull("1111111111111111111111111111111111111111111111111111111111111111",
			       &end, 2), ULLONG_MAX);
	CHECK_UINT(tl_strtoull("3w5e11264sgsf", &end, 36), ULLONG_MAX);
	CHECK_INT(tl_errno, 0);
	CHECK_UINT(tl_strtoull("18446744073709551616", &end, 10), ULLONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	tl_errno = 0;
	CHECK_UINT(tl_strtoull("3w5e11264sgsg", &end, 36), ULLONG_MAX);
	CHECK_INT(tl_errno, ERANGE);
	tl_errno = 0;
	CHECK_UINT(tl_strtoull("-1", NULL, 10), ULLONG_MAX);
	CHECK_UINT(tl_strtoull("1000000000000", NULL, 10), 1000000000000ULL);
	CHECK_INT(tl_errno, 0);
}

void test_strtol_invalid_base(void)
{
	static const int bases[] = { 1, 37, -1, 100, INT_MIN };
	const char *s = "  123";
	char *end;

	for (size_t i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		tl_errno = 0;
		end = NULL;
		CHECK_INT(tl_strtol(s, &end, bases[i]), 0);
		CHECK_INT(tl_errno, EINVAL);
		CHECK_PTR(end, s);
		tl_errno = 0;
		CHECK_UINT(tl_strtoull(s, &end, bases[i]), 0);
		CHECK_INT(tl_errno, EINVAL);
	}
}

void test_atoi_atol(void)
{
	CHECK_INT(tl_atoi("42"), 42);
	CHECK_INT(tl_atoi("  -17abc"), -17);
	CHECK_INT(tl_atoi(""), 0);
	CHECK_INT(tl_atoi("0x10"), 0);                /* always base 10 */
	CHECK_INT(tl_atoi("2147483647"), INT_MAX);
	CHECK_INT(tl_atoi("-2147483648"), INT_MIN);
	tl_errno = 0;
	CHECK_INT(tl_atoi("2147483648"), INT_MAX);    /* saturates (documented) */
	CHECK_INT(tl_errno, ERANGE);
	CHECK_INT(tl_atoi("-99999999999"), INT_MIN);
	CHECK_INT(tl_atol("-123456"), -123456);
	CHECK_INT(tl_atol("99999999999999999999"), LONG_MAX);
}

/* ---- Arithmetic, rand, bsearch ---- */

void test_abs_div(void)
{
	CHECK_INT(tl_abs(-5), 5);
	CHECK_INT(tl_abs(5), 5);
	CHECK_INT(tl_abs(0), 0);
	CHECK_INT(tl_abs(INT_MAX), INT_MAX);
	CHECK_INT(tl_abs(-INT_MAX), INT_MAX);
	CHECK_INT(tl_labs(-LONG_MAX), LONG_MAX);
	CHECK_INT(tl_llabs(-LLONG_MAX), LLONG_MAX);

	tl_div_t d = tl_div(7, 2);
	CHECK_INT(d.quot, 3);
	CHECK_INT(d.rem, 1);
	d = tl_div(-7, 2);                           /* truncates toward zero */
	CHECK_INT(d.quot, -3);
	CHECK_INT(d.rem, -1);
	d = tl_div(7, -2);
	CHECK_INT(d.quot, -3);
	CHECK_INT(d.rem, 1);
	d = tl_div(-8, -2);
	CHECK_INT(d.quot, 4);
	CHECK_INT(d.rem, 0);
	tl_ldiv_t l = tl_ldiv(-100000000007L, 10L);
	CHECK_INT(l.quot, -10000000000L);
	CHECK_INT(l.rem, -7);
}

void test_rand_srand(void)
{
	int first[8], again[8];
	unsigned long long state = 1;
	double sum = 0;
	int odd = 0;

	for (int i = 0; i < 8; i++)
		first[i] = tl_rand();
	/* The documented generator, computed here independently. */
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	CHECK_INT(first[0], (int)(state >> 33));
	tl_srand(1);                                 /* srand(1) restarts the default sequence */
	for (int i = 0; i < 8; i++)
		again[i] = tl_rand();
	CHECK(memcmp(first, again, sizeof(first)) == 0);
	tl_srand(42);
	for (int i = 0; i < 8; i++)
		again[i] = tl_rand();
	CHECK(memcmp(first, again, sizeof(first)) != 0);
	tl_srand(42);
	CHECK_INT(tl_rand(), again[0]);

	for (int i = 0; i < 100000; i++) {
		int r = tl_rand();

		if (r < 0 || r > TL_RAND_MAX) {
			check_fail(__FILE__, __LINE__, "rand() = %d out of range", r);
			break;
		}
		sum += r;
		odd += r & 1;
	}
	CHECK(sum / 100000 > TL_RAND_MAX * 0.48 && sum / 100000 < TL_RAND_MAX * 0.52);
	CHECK(odd > 48000 && odd < 52000);           /* the low bit is random too */
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

void test_bsearch(void)
{
	int a[100], key;

	for (int i = 0; i < 100; i++)
		a[i] = 2 * i;
	int found = 0;
	for (int i = 0; i < 100; i++) {
		key = 2 * i;
		found += tl_bsearch(&key, a, 100, sizeof(int), cmp_int) == &a[i];
	}
	CHECK_INT(found, 100);
	key = 7;
	CHECK_PTR(tl_bsearch(&key, a, 100, sizeof(int), cmp_int), NULL);
	key = -1;
	CHECK_PTR(tl_bsearch(&key, a, 100, sizeof(int), cmp_int), NULL);
	key = 1000;
	CHECK_PTR(tl_bsearch(&key, a, 100, sizeof(int), cmp_int), NULL);
	key = 0;
	CHECK_PTR(tl_bsearch(&key, a, 0, sizeof(int), cmp_int), NULL);
	CHECK_PTR(tl_bsearch(&key, a, 1, sizeof(int), cmp_int), &a[0]);
	key = 4;
	CHECK_PTR(tl_bsearch(&key, a, 2, sizeof(int), cmp_int), NULL);
	CHECK_PTR(tl_bsearch(&key, a, 3, sizeof(int), cmp_int), &a[2]);
}

/* ---- qsort ---- */

static unsigned long comparisons;

static int cmp_int_counted(const void *a, const void *b)
{
	comparisons++;
	return cmp_int(a, b);
}

/* Fill A[N] in one of the shapes quicksorts are known to trip on. */
static void fill(int *a, size_t n, int shape)
{
	for (size_t i = 0; i < n; i++) {
		switch (shape) {
		case 0: a[i] = rand(); break;                          /* random */
		case 1: a[i] = (int)i; break;                          /* sorted */
		case 2: a[i] = (int)(n - i); break;                    /* reversed */
		case 3: a[i] = 7; break;                               /* all equal */
		case 4: a[i] = (int)(i < n / 2 ? i : n - i); break;    /* organ pipe */
		case 5: a[i] = rand() % 3; break;                      /* few distinct */
		case 6: a[i] = (int)(i % 2 ? i : n + i); break;        /* interleaved */
		default: a[i] = i % 100 == 0 ? rand() : (int)i; break; /* nearly sorted */
		}
	}
}

void test_qsort_patterns(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 5, 12, 13, 17, 100, 1000, 10007, 100000 };
	static const char *const shapes[] = { "random", "sorted", "reversed", "equal",
					      "organ-pipe", "few-distinct", "interleaved",
					      "nearly-sorted" };
	static int a[100000], want[100000];

	srand(7);
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		for (int shape = 0; shape < 8; shape++) {
			size_t n = sizes[s];
			/*
			 * Introsort's worst case: 2 log2(n) levels of partitioning
			 * (n comparisons each), then heapsort (2 n log2(n)). Organ-pipe
			 * and nearly-sorted inputs do reach the heapsort fallback.
			 */
			double bound = 4.5 * (double)n * (n > 1 ? __builtin_log2((double)n) : 1) + 64;

			fill(a, n, shape);
			memcpy(want, a, n * sizeof(int));
			qsort(want, n, sizeof(int), cmp_int);        /* the host's, as reference */
			comparisons = 0;
			tl_qsort(a, n, sizeof(int), cmp_int_counted);
			check_count++;
			if (memcmp(a, want, n * sizeof(int)) != 0)
				check_fail(__FILE__, __LINE__, "%s input of %zu ints not sorted",
					   shapes[shape], n);
			check_count++;
			if (comparisons > bound)
				check_fail(__FILE__, __LINE__,
					   "%s input of %zu ints took %lu comparisons (> %.0f)",
					   shapes[shape], n, comparisons, bound);
		}
	}
}

struct record {
	char tag[13];                /* an odd size: 13 + 4 bytes, no padding tricks */
	int key;
};

static int cmp_record(const void *a, const void *b)
{
	return cmp_int(&((const struct record *)a)->key, &((const struct record *)b)->key);
}

static int cmp_byte(const void *a, const void *b)
{
	return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void test_qsort_element_sizes(void)
{
	unsigned char bytes[1000];
	struct record recs[500];
	char *words[] = { "pear", "apple", "fig", "banana", "cherry", "apple", "date" };
	long long wide[300];

	srand(3);
	for (int i = 0; i < 1000; i++)
		bytes[i] = (unsigned char)rand();
	tl_qsort(bytes, 1000, 1, cmp_byte);
	bool ok = true;
	for (int i = 1; i < 1000; i++)
		ok &= bytes[i - 1] <= bytes[i];
	CHECK(ok);

	for (int i = 0; i < 500; i++) {
		recs[i].key = rand() % 1000;
		snprintf(recs[i].tag, sizeof(recs[i].tag), "k%d", recs[i].key);
	}
	tl_qsort(recs, 500, sizeof(struct record), cmp_record);
	ok = true;
	for (int i = 0; i < 500; i++) {
		char tag[13];

		snprintf(tag, sizeof(tag), "k%d", recs[i].key);
		ok &= strcmp(tag, recs[i].tag) == 0;     /* records moved whole */
		ok &= i == 0 || recs[i - 1].key <= recs[i].key;
	}
	CHECK(ok);

	tl_qsort(words, 7, sizeof(char *), cmp_str);
	CHECK_STR(words[0], "apple");
	CHECK_STR(words[1], "apple");
	CHECK_STR(words[2], "banana");
	CHECK_STR(words[6], "pear");

	for (int i = 0; i < 300; i++)
		wide[i] = (long long)rand() * (i % 2 ? -1 : 1) << 20;
	tl_qsort(wide, 300, sizeof(long long), cmp_ll);
	ok = true;
	for (int i = 1; i < 300; i++)
		ok &= wide[i - 1] <= wide[i];
	CHECK(ok);
	tl_qsort(NULL, 0, sizeof(int), cmp_int);     /* nothing to sort: must not touch BASE */
}

/*
 * McIlroy's adversary ("A Killer Adversary for Quicksort", 1999): the
 * comparison function decides the values of the elements only as the sort
 * looks at them, always so that the current pivot candidate comes out
 * small. Against a plain quicksort this forces n^2/2-ish comparisons;
 * introsort must stay O(n log n) by switching to heapsort.
 */
static int *adv_val;              /* value of each element, GAS while undecided */
static int adv_gas, adv_solid, adv_candidate;

static int cmp_adversary(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	comparisons++;
	if (adv_val[x] == adv_gas && adv_val[y] == adv_gas)
		adv_val[x == adv_candidate ? x : y] = adv_solid++;   /* freeze one */
	if (adv_val[x] == adv_gas)
		adv_candidate = x;
	else if (adv_val[y] == adv_gas)
		adv_candidate = y;
	return (adv_val[x] > adv_val[y]) - (adv_val[x] < adv_val[y]);
}

void test_qsort_not_quadratic(void)
{
	enum { N = 20000 };
	static int idx[N], val[N], order[N];

	for (int i = 0; i < N; i++) {
		idx[i] = i;
		val[i] = N;                              /* every value undecided */
	}
	adv_val = val;
	adv_gas = N;
	adv_solid = 0;
	adv_candidate = 0;
	comparisons = 0;
	tl_qsort(idx, N, sizeof(int), cmp_adversary);
	/* The result must be sorted by the values the adversary settled on. */
	bool ok = true;
	for (int i = 1; i < N; i++)
		ok &= val[idx[i - 1]] <= val[idx[i]];
	CHECK(ok);
	check_count++;
	if (comparisons > 4.0 * N * __builtin_log2(N))
		check_fail(__FILE__, __LINE__, "adversary forced %lu comparisons for %d elements",
			   comparisons, N);

	/* The same input (now fixed) sorted again, and its sorted order. */
	for (int i = 0; i < N; i++)
		order[i] = val[i];
	comparisons = 0;
	tl_qsort(order, N, sizeof(int), cmp_int_counted);
	CHECK(comparisons < 4.0 * N * __builtin_log2(N));
}
