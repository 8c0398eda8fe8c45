/*
 * Tests of the formatter (libc_vfmt) and the string functions on top of it:
 * every conversion, flag, width and precision form and length modifier
 * against expected literal strings, the documented deviations, truncation
 * by snprintf, and a randomized comparison with the host's snprintf for the
 * integer conversions, where both follow the C standard to the letter.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "check.h"
#include "tl.h"
#include "talos/errno.h"

_Static_assert(sizeof(long) == 8 && sizeof(size_t) == 8,
	       "the expected strings below assume an LP64 host (x86_64)");

/* tl_snprintf(FMT, ...) must give WANT and return its length. */
static void check_fmt(const char *file, int line, const char *want, const char *fmt, ...)
{
	char out[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tl_vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	check_count++;
	if (strcmp(out, want) != 0 || n != (int)strlen(want))
		check_fail(file, line, "format \"%s\" gave \"%s\" (returned %d), expected \"%s\"",
			   fmt, out, n, want);
}

#define CHECK_FMT(want, ...) check_fmt(__FILE__, __LINE__, want, __VA_ARGS__)

void test_fmt_signed(void)
{
	CHECK_FMT("42", "%d", 42);
	CHECK_FMT("-42", "%d", -42);
	CHECK_FMT("0", "%d", 0);
	CHECK_FMT("-2147483648", "%d", INT_MIN);
	CHECK_FMT("2147483647", "%i", INT_MAX);
	CHECK_FMT("a-1b", "a%db", -1);
	CHECK_FMT("1 22 333", "%d %i %d", 1, 22, 333);
	CHECK_FMT("", "");
	CHECK_FMT("no conversions", "no conversions");
	CHECK_FMT("1000000", "%d", 1000000);
}

void test_fmt_unsigned_bases(void)
{
	CHECK_FMT("4294967295", "%u", UINT_MAX);
	CHECK_FMT("4294967295", "%u", -1);
	CHECK_FMT("0", "%u", 0);
	CHECK_FMT("ff", "%x", 255);
	CHECK_FMT("FF", "%X", 255);
	CHECK_FMT("deadbeef", "%x", 0xdeadbeefu);
	CHECK_FMT("DEADBEEF", "%X", 0xdeadbeefu);
	CHECK_FMT("0", "%x", 0);
	CHECK_FMT("377", "%o", 255);
	CHECK_FMT("0", "%o", 0);
	CHECK_FMT("37777777777", "%o", UINT_MAX);
	CHECK_FMT("10", "%o", 8);
}

void test_fmt_flags(void)
{
	CHECK_FMT("   42", "%5d", 42);
	CHECK_FMT("42   |", "%-5d|", 42);
	CHECK_FMT("00042", "%05d", 42);
	CHECK_FMT("-0042", "%05d", -42);
	CHECK_FMT("42   |", "%-05d|", 42);         /* '-' wins over '0' */
	CHECK_FMT("42   |", "%0-5d|", 42);
	CHECK_FMT("+42", "%+d", 42);
	CHECK_FMT("-42", "%+d", -42);
	CHECK_FMT("+0", "%+d", 0);
	CHECK_FMT(" 42", "% d", 42);
	CHECK_FMT("-42", "% d", -42);
	CHECK_FMT("+42", "%+ d", 42);               /* '+' wins over ' ' */
	CHECK_FMT("+42", "% +d", 42);
	CHECK_FMT(" 0042", "% 05d", 42);
	CHECK_FMT("+0042", "%+05d", 42);
	CHECK_FMT("+42   |", "%-+6d|", 42);
	CHECK_FMT("   +42", "%+6d", 42);
	CHECK_FMT("5", "%+u", 5);                   /* signs only for d and i */
	CHECK_FMT("5", "% x", 5);
	CHECK_FMT("010", "%#o", 8);
	CHECK_FMT("0", "%#o", 0);
	CHECK_FMT("  010", "%#5o", 8);
	CHECK_FMT("010", "%#.3o", 8);               /* already starts with 0 */
	CHECK_FMT("0", "%#.0o", 0);
	CHECK_FMT("0xff", "%#x", 255);
	CHECK_FMT("0XFF", "%#X", 255);
	CHECK_FMT("0", "%#x", 0);                   /* no prefix for zero */
	CHECK_FMT("", "%#.0x", 0);
	CHECK_FMT("0x0000ff", "%#08x", 255);        /* zeros go after the prefix */
	CHECK_FMT("    0xff", "%#8x", 255);
	CHECK_FMT("0xff    |", "%-#8x|", 255);
	CHECK_FMT("0x00ff", "%#.4x", 255);
	CHECK_FMT("     042", "%08.3d", 42);        /* '0' ignored with a precision */
	CHECK_FMT("  -042", "%06.3d", -42);
	CHECK_FMT("000000037777777777", "%018o", UINT_MAX);
}

void test_fmt_width_precision(void)
{
	CHECK_FMT("007", "%.3d", 7);
	CHECK_FMT("-007", "%.3d", -7);
	CHECK_FMT("+007", "%+.3d", 7);
	CHECK_FMT("", "%.0d", 0);                   /* precision 0 prints zero as nothing */
	CHECK_FMT("", "%.d", 0);                    /* "." alone is precision 0 */
	CHECK_FMT("+", "%+.0d", 0);
	CHECK_FMT("     |", "%5.0d|", 0);
	CHECK_FMT("1", "%.0d", 1);
	CHECK_FMT("   00042", "%8.5d", 42);
	CHECK_FMT("-00042  |", "%-8.5d|", -42);
	CHECK_FMT("0000000005", "%.10u", 5);
	CHECK_FMT("abc", "%.2x", 0xabc);
	CHECK_FMT("12345", "%3d", 12345);           /* width never truncates */
	CHECK_FMT("abc", "%.3s", "abcdef");
	CHECK_FMT("", "%.0s", "abc");
	CHECK_FMT("", "%.s", "abc");
	CHECK_FMT("abc", "%.10s", "abc");
	CHECK_FMT("   ab|", "%5.2s|", "abcdef");
	CHECK_FMT("ab   |", "%-5.2s|", "abcdef");
	CHECK_FMT("abcd", "%2s", "abcd");
	CHECK_FMT("     |", "%5s|", "");
	CHECK_FMT("   hi", "%05s", "hi");           /* '0' pads only numbers */
	CHECK_FMT("                                        1", "%41d", 1);
	CHECK_FMT("00000000000000000000000000000000000000001", "%.41d", 1);
	char unterminated[3] = { 'a', 'b', 'c' };
	CHECK_FMT("abc", "%.3s", unterminated);     /* reads no more than the precision */
}

void test_fmt_star(void)
{
	CHECK_FMT("   42", "%*d", 5, 42);
	CHECK_FMT("42   |", "%-*d|", 5, 42);
	CHECK_FMT("42   |", "%*d|", -5, 42);        /* negative width: left-justify */
	CHECK_FMT("007", "%.*d", 3, 7);
	CHECK_FMT("7", "%.*d", -1, 7);              /* negative precision: none */
	CHECK_FMT("0", "%.*d", -1, 0);
	CHECK_FMT("", "%.*d", 0, 0);
	CHECK_FMT("    ab|", "%*.*s|", 6, 2, "abcdef");
	CHECK_FMT("-0003", "%0*d", 5, -3);
	CHECK_FMT("000042", "%0*.*d", 6, -1, 42);   /* no precision, so '0' counts */
	CHECK_FMT("abc", "%.*s", -1, "abc");
	CHECK_FMT("  x|", "%*c|", 3, 'x');
	CHECK_FMT("x  |", "%*c|", -3, 'x');
	CHECK_FMT("1 2", "%*d %d", 0, 1, 2);
}

void test_fmt_length_modifiers(void)
{
	CHECK_FMT("44", "%hhd", 300);
	CHECK_FMT("-56", "%hhd", 200);
	CHECK_FMT("255", "%hhu", 511);
	CHECK_FMT("ff", "%hhx", 0x1ff);
	CHECK_FMT("1", "%hd", 65537);
	CHECK_FMT("-25536", "%hd", 40000);
	CHECK_FMT("65535", "%hu", -1);
	CHECK_FMT("177777", "%ho", -1);
	CHECK_FMT("-9223372036854775808", "%ld", LONG_MIN);
	CHECK_FMT("18446744073709551615", "%lu", ULONG_MAX);
	CHECK_FMT("deadbeefcafe", "%lx", 0xdeadbeefcafeUL);
	CHECK_FMT("-1", "%li", -1L);
	CHECK_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK_FMT("9223372036854775807", "%lli", LLONG_MAX);
	CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK_FMT("ffffffffffffffff", "%llx", ULLONG_MAX);
	CHECK_FMT("FFFFFFFFFFFFFFFF", "%llX", ULLONG_MAX);
	CHECK_FMT("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK_FMT("1234567890123456789", "%lld", 1234567890123456789LL);
	CHECK_FMT("+0", "%+lld", 0LL);
	CHECK_FMT("18446744073709551615", "%zu", SIZE_MAX);
	CHECK_FMT("-5", "%zd", (size_t)-5);
	CHECK_FMT("ff", "%zx", (size_t)255);
	CHECK_FMT("-7", "%td", (ptrdiff_t)-7);
	CHECK_FMT("18446744073709551615", "%tu", (ptrdiff_t)-1);
	CHECK_FMT("-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK_FMT("18446744073709551615", "%ju", UINTMAX_MAX);
	CHECK_FMT("0x00000000ffffffff", "%#018llx", 0xffffffffULL);
	CHECK_FMT("1 2 3", "%hhd %lld %d", 1, 2LL, 3);  /* arguments stay in step */
}

void test_fmt_char_string_pointer(void)
{
	char out[16];
	int x;

	CHECK_FMT("A", "%c", 'A');
	CHECK_FMT("  A|", "%3c|", 'A');
	CHECK_FMT("A  |", "%-3c|", 'A');
	CHECK_FMT("abc", "%c%c%c", 'a', 'b', 'c');
	CHECK_FMT("B", "%c", 256 + 'B');            /* converted to unsigned char */
	memset(out, 'x', sizeof(out));
	CHECK_INT(tl_snprintf(out, sizeof(out), "%c", 0), 1);   /* a NUL char counts */
	CHECK_INT(out[0], '\0');
	CHECK_FMT("hello", "%s", "hello");
	CHECK_FMT("", "%s", "");
	CHECK_FMT("a b", "%s %s", "a", "b");
	CHECK_FMT("(null)", "%s", (char *)NULL);    /* deviation: documented */
	CHECK_FMT("0x0", "%p", (void *)NULL);
	CHECK_FMT("0x1234", "%p", (void *)0x1234);
	CHECK_FMT("0xdeadbeefcafe", "%p", (void *)0xdeadbeefcafeUL);
	CHECK_FMT("    0x1234|", "%10p|", (void *)0x1234);
	CHECK_FMT("0x1234    |", "%-10p|", (void *)0x1234);
	char host[32];
	snprintf(host, sizeof(host), "%p", (void *)&x);
	CHECK_FMT(host, "%p", (void *)&x);          /* same text as glibc for non-NULL */
	CHECK_FMT("%", "%%");
	CHECK_FMT("100%", "100%%");
	CHECK_FMT("5% of 20", "%d%% of %d", 5, 20);
}

/* Formats the compiler would reject in a literal, so pass them in a variable. */
static void check_fmt_var(const char *file, int line, const char *want, const char *fmt, ...)
{
	char out[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tl_vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	check_count++;
	if (strcmp(out, want) != 0 || n != (int)strlen(want))
		check_fail(file, line, "format \"%s\" gave \"%s\", expected \"%s\"", fmt, out, want);
}

void test_fmt_unsupported_verbatim(void)
{
	static const struct { const char *fmt, *want; } cases[] = {
		{ "%f %d", "%f 5" },                /* no argument taken: %d gets 5 */
		{ "%y %d", "%y 5" },
		{ "%5.2y %d", "%5.2y 5" },
		{ "%lc %d", "%lc 5" },              /* no length modifiers on c s p % */
		{ "%ls %d", "%ls 5" },
		{ "%hp %d", "%hp 5" },
		{ "%l% %d", "%l% 5" },
		{ "%n %d", "%n 5" },
		{ "%e%d", "%e5" },
		{ "%d abc%", "5 abc%" },            /* a lone '%' at the end */
		{ "%d %-", "5 %-" },
		{ "%d %5", "5 %5" },
		{ "%d %ll", "5 %ll" },
		{ "%*y %d", "%*y 5" },              /* '*' took the 5, %d takes 6 */
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strncmp(cases[i].fmt, "%*", 2) == 0)
			check_fmt_var(__FILE__, __LINE__, "%*y 6", cases[i].fmt, 5, 6);
		else
			check_fmt_var(__FILE__, __LINE__, cases[i].want, cases[i].fmt, 5);
	}
}

/* A libc_vfmt destination that collects into a growing host buffer. */
struct collect {
	char buf[20000];
	size_t len;
};

static void put_collect(void *ctx, char c)
{
	struct collect *col = ctx;

	if (col->len < sizeof(col->buf))
		col->buf[col->len] = c;
	col->len++;
}

static int vfmt_collect(struct collect *col, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tl_libc_vfmt(put_collect, col, fmt, ap);
	va_end(ap);
	return n;
}

/* A destination that only counts, for the overflow of the int result. */
static void put_nothing(void *ctx, char c)
{
	(void)ctx;
	(void)c;
}

static int vfmt_count(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tl_libc_vfmt(put_nothing, NULL, fmt, ap);
	va_end(ap);
	return n;
}

void test_fmt_callback(void)
{
	static struct collect col;

	col.len = 0;
	CHECK_INT(vfmt_collect(&col, "x=%d, s=%s", 5, "str"), 10);
	CHECK_UINT(col.len, 10);
	CHECK(memcmp(col.buf, "x=5, s=str", 10) == 0);
	col.len = 0;
	CHECK_INT(vfmt_collect(&col, "%15000d|", 7), 15001);    /* nothing is bounded */
	CHECK_UINT(col.len, 15001);
	CHECK_INT(col.buf[14999], '7');
	CHECK_INT(col.buf[0], ' ');
	col.len = 0;
	CHECK_INT(vfmt_collect(&col, ""), 0);
	CHECK_UINT(col.len, 0);

	/* 2^31 + 1 chars do not fit the int result: -1 and ERANGE. */
	tl_errno = 0;
	CHECK_INT(vfmt_count("%*d%*d", 1 << 30, 1, 1 << 30, 2), -1);
	CHECK_INT(tl_errno, ERANGE);
}

void test_fmt_matches_host_snprintf(void)
{
	static const char *const lengths[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
	static const char convs[] = "diuoxX";
	static const long long special[] = {
		0, 1, -1, 7, 8, 255, 256, 65535, 65536, INT_MAX, INT_MIN, UINT_MAX,
		LLONG_MAX, LLONG_MIN, 1000000007, -99999,
	};
	char fmt[64], want[256], got[256];
	int mismatches = 0;

	srand(11);
	for (int iter = 0; iter < 30000 && mismatches == 0; iter++) {
		char conv = convs[rand() % 6];
		bool is_signed = conv == 'd' || conv == 'i';
		const char *len = lengths[rand() % 8];
		int width = rand() % 25, prec = rand() % 22 - 3;
		long long v = rand() % 3 ? special[rand() % 16]
			: (long long)((unsigned long long)rand() << 33 ^ (unsigned long long)rand());
		char *f = fmt;

		*f++ = '%';
		/* Only combinations C defines: '#' is for o, x and X alone. */
		for (const char *flag = is_signed ? "-0+ " : conv == 'u' ? "-0" : "-0#";
		     *flag; flag++)
			if (rand() % 3 == 0)
				*f++ = *flag;
		f += rand() % 2 ? sprintf(f, "%d", width) : 0;
		f += prec >= 0 ? sprintf(f, ".%d", prec) : 0;
		sprintf(f, "%s%c", len, conv);

		/* Pass V with the type the length modifier names. */
		int nh, nt;
		if (len[0] == 'l' && len[1] == 'l') {
			nh = snprintf(want, sizeof(want), fmt, v);
			nt = tl_snprintf(got, sizeof(got), fmt, v);
		} else if (len[0] == 'l' || len[0] == 'z' || len[0] == 't' || len[0] == 'j') {
			nh = snprintf(want, sizeof(want), fmt, (long)v);
			nt = tl_snprintf(got, sizeof(got), fmt, (long)v);
		} else {
			nh = snprintf(want, sizeof(want), fmt, (int)v);
			nt = tl_snprintf(got, sizeof(got), fmt, (int)v);
		}
		check_count++;
		if (nh != nt || strcmp(want, got) != 0) {
			mismatches++;
			check_fail(__FILE__, __LINE__, "format \"%s\" of %lld gave \"%s\", host \"%s\"",
				   fmt, v, got, want);
		}
	}
}

void test_snprintf_truncation(void)
{
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	CHECK_INT(tl_snprintf(buf, 0, "hello"), 5);      /* size 0: nothing written */
	CHECK_INT(buf[0], 'x');
	CHECK_INT(tl_snprintf(NULL, 0, "%d", 12345), 5); /* the usual length query */
	CHECK_INT(tl_snprintf(buf, 1, "hello"), 5);
	CHECK_STR(buf, "");
	CHECK_INT(tl_snprintf(buf, 3, "hello"), 5);
	CHECK_STR(buf, "he");
	CHECK_INT(buf[3], 'x');                          /* nothing past SIZE */
	CHECK_INT(tl_snprintf(buf, 5, "hello"), 5);
	CHECK_STR(buf, "hell");
	CHECK_INT(tl_snprintf(buf, 6, "hello"), 5);      /* exact fit */
	CHECK_STR(buf, "hello");
	memset(buf, 'x', sizeof(buf));
	CHECK_INT(tl_snprintf(buf, 4, "%10d", 1), 10);
	CHECK_STR(buf, "   ");
	CHECK_INT(buf[4], 'x');
	CHECK_INT(tl_snprintf(buf, sizeof(buf), "%s", ""), 0);
	CHECK_STR(buf, "");
	CHECK_INT(tl_snprintf(buf, 8, "%s%s", "abcd", "efgh"), 8);
	CHECK_STR(buf, "abcdefg");
}

static int call_vsprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tl_vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

void test_sprintf(void)
{
	char buf[64];

	CHECK_INT(tl_sprintf(buf, "%s-%d", "id", 42), 5);
	CHECK_STR(buf, "id-42");
	CHECK_INT(tl_sprintf(buf, "%s", ""), 0);
	CHECK_STR(buf, "");
	CHECK_INT(call_vsprintf(buf, "[%5x]", 0xbeef), 7);
	CHECK_STR(buf, "[ beef]");
	memset(buf, 'x', sizeof(buf));
	tl_sprintf(buf, "%d", 7);
	CHECK_INT(buf[1], '\0');
	CHECK_INT(buf[2], 'x');
}
