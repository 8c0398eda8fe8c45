/*
 * Tests of kernel/kprintf.c through ksnprintf: every conversion, flags,
 * widths, precision, 64-bit values and truncation.
 */
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/string.h"

static char buf[128];

#define FMT(...) (ksnprintf(buf, sizeof(buf), __VA_ARGS__), buf)

KTEST(kprintf, decimal)
{
	KT_EXPECT_STR(FMT("%d", 0), "0");
	KT_EXPECT_STR(FMT("%d", 42), "42");
	KT_EXPECT_STR(FMT("%i", -17), "-17");
	KT_EXPECT_STR(FMT("%d", (int)0x80000000), "-2147483648");
	KT_EXPECT_STR(FMT("%u", 4294967295u), "4294967295");
	KT_EXPECT_STR(FMT("%ld", -5L), "-5");
}

KTEST(kprintf, hex)
{
	KT_EXPECT_STR(FMT("%x", 0xdeadbeef), "deadbeef");
	KT_EXPECT_STR(FMT("%X", 0xdeadbeef), "DEADBEEF");
	KT_EXPECT_STR(FMT("%08x", 0x1234), "00001234");
	KT_EXPECT_STR(FMT("%x", 0), "0");
	KT_EXPECT_STR(FMT("%lx", 0xabcUL), "abc");
}

KTEST(kprintf, width_and_justify)
{
	KT_EXPECT_STR(FMT("[%5d]", 42), "[   42]");
	KT_EXPECT_STR(FMT("[%-5d]", 42), "[42   ]");
	KT_EXPECT_STR(FMT("[%05d]", -42), "[-0042]");
	KT_EXPECT_STR(FMT("[%*d]", 4, 7), "[   7]");
	KT_EXPECT_STR(FMT("[%-*d]", 3, 7), "[7  ]");
	KT_EXPECT_STR(FMT("[%2d]", 12345), "[12345]");
}

KTEST(kprintf, strings_and_chars)
{
	KT_EXPECT_STR(FMT("%s|%c|%%", "abc", 'z'), "abc|z|%");
	KT_EXPECT_STR(FMT("[%6s]", "ab"), "[    ab]");
	KT_EXPECT_STR(FMT("[%-6s]", "ab"), "[ab    ]");
	KT_EXPECT_STR(FMT("[%.2s]", "abcdef"), "[ab]");
	const char *volatile null_string = NULL;     /* hidden from the format checker */
	KT_EXPECT_STR(FMT("%s", null_string), "(null)");
	KT_EXPECT_STR(FMT("[%3c]", 'q'), "[  q]");
}

KTEST(kprintf, long_long)
{
	KT_EXPECT_STR(FMT("%llu", 18446744073709551615ull), "18446744073709551615");
	KT_EXPECT_STR(FMT("%lld", -9223372036854775807ll - 1), "-9223372036854775808");
	KT_EXPECT_STR(FMT("%llx", 0x123456789abcdefull), "123456789abcdef");
	KT_EXPECT_STR(FMT("%d %llu %d", 1, 2ull, 3), "1 2 3");
}

KTEST(kprintf, pointer_and_precision)
{
	KT_EXPECT_STR(FMT("%p", (void *)0x1234), "0x00001234");
	KT_EXPECT_STR(FMT("%p", (void *)0), "0x00000000");
	KT_EXPECT_STR(FMT("%.4d", 7), "0007");
	KT_EXPECT_STR(FMT("%.3x", 0xa), "00a");
}

KTEST(kprintf, truncation_returns_full_length)
{
	char small[5];
	KT_EXPECT_EQ(ksnprintf(small, sizeof(small), "%s", "hello world"), 11);
	KT_EXPECT_STR(small, "hell");
	KT_EXPECT_EQ(ksnprintf(small, 1, "abc"), 3);
	KT_EXPECT_STR(small, "");
	KT_EXPECT_EQ(ksnprintf(NULL, 0, "%d", 12345), 5);
}

/* These formats are wrong on purpose: the compiler's format check must not stop them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
KTEST(kprintf, unknown_conversion_shown)
{
	KT_EXPECT_STR(FMT("a%qb"), "a%qb");
	KT_EXPECT_STR(FMT("end%"), "end%");
}
#pragma GCC diagnostic pop
