/*
 * A stand-in user program: compiled against the TalOS headers only
 * (-nostdinc -isystem libc/include), then renamed with the tl_ prefix like
 * libc itself, so the tests can call it. It checks the freestanding headers
 * at compile time and gives the tests the assert macro and stdarg.h to run.
 */
#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The headers must describe the ABI they are compiled for. */
_Static_assert(sizeof(int8_t) == 1 && sizeof(int16_t) == 2, "exact widths");
_Static_assert(sizeof(int32_t) == 4 && sizeof(int64_t) == 8, "exact widths");
_Static_assert(sizeof(uintptr_t) == sizeof(void *), "uintptr_t holds a pointer");
_Static_assert(sizeof(size_t) == sizeof(ptrdiff_t), "size_t and ptrdiff_t match");
_Static_assert(INT32_MAX == 2147483647 && INT32_MIN == -INT32_MAX - 1, "int32 range");
_Static_assert(UINT64_MAX == UINT64_C(18446744073709551615), "uint64 range");
_Static_assert(INT64_C(1) << 62 > 0 && INTMAX_MAX == INT64_MAX, "64-bit constants");
_Static_assert(SIZE_MAX == UINTPTR_MAX, "flat address space");
_Static_assert(CHAR_BIT == 8 && UCHAR_MAX == 255 && USHRT_MAX == 65535, "small types");
_Static_assert(UINT_MAX == 4294967295u, "int is 32 bits");
_Static_assert(ULONG_MAX / 2 == LONG_MAX && ULLONG_MAX / 2 == LLONG_MAX, "long ranges");
_Static_assert(((char)-1 < 0) == (CHAR_MIN < 0), "signedness of char");
_Static_assert(true == 1 && false == 0 && __bool_true_false_are_defined, "stdbool");
static_assert(sizeof(bool) == 1, "static_assert from assert.h");

/* assert() enabled: the line of the assert is exported for the test. */
enum { USER_ASSERT_LINE = __LINE__ + 3 };
int user_assert(int x)
{
	assert(x > 0);
	return x;
}
const int user_assert_line = USER_ASSERT_LINE;

/* With NDEBUG, assert must not even evaluate its argument. */
#define NDEBUG
#include <assert.h>
int user_assert_ndebug(int *counter)
{
	assert(++*counter < 0);
	return *counter;
}

/* Including assert.h again without NDEBUG turns assert back on. */
#undef NDEBUG
#include <assert.h>
int user_assert_again(int x)
{
	assert(x != 0);
	return x;
}

/* The limits as the TalOS headers give them, for comparison with the host's. */
long long user_limit(int which)
{
	switch (which) {
	case 0: return INT_MIN;
	case 1: return INT_MAX;
	case 2: return LONG_MIN;
	case 3: return LONG_MAX;
	case 4: return LLONG_MIN;
	case 5: return SHRT_MIN;
	case 6: return SCHAR_MIN;
	case 7: return PTRDIFF_MIN;
	default: return INT64_MIN;
	}
}

/* Sum N int arguments: exercises the TalOS stdarg.h. */
long long user_sum(int n, ...)
{
	long long sum = 0;
	va_list ap, again;

	va_start(ap, n);
	va_copy(again, ap);
	for (int i = 0; i < n; i++)
		sum += va_arg(ap, int);
	for (int i = 0; i < n; i++)
		sum += va_arg(again, int);            /* the copy walks the same list */
	va_end(again);
	va_end(ap);
	return sum / 2;
}

struct pair {
	char a;
	int b;
};

size_t user_offsetof_b(void)
{
	return offsetof(struct pair, b);
}

/* snprintf as a user program calls it, through the TalOS stdio.h. */
int user_format(char *buf, size_t size, int x, const char *s)
{
	return snprintf(buf, size, "[%05d|%-4s]", x, s);
}
