/*
 * Tests of the fatal-error path (libc_fatal, assert), of the freestanding
 * headers as a user program sees them (user_side.c), and of the i386
 * archive: it must leave undefined exactly the syscall stubs, and the
 * program i386_smoke.c linked with it must pass its own checks.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/wait.h>
#include "check.h"
#include "tl.h"

static void fatal_short(void *arg)
{
	(void)arg;
	tl_libc_fatal("code %d: %s", 42, "broken");
}

static void fatal_long(void *arg)
{
	tl_libc_fatal("%s", (const char *)arg);
}

void test_fatal_message(void)
{
	static char longmsg[1000];

	CHECK(expect_abort(fatal_short, NULL));
	CHECK_STR(captured_stderr(), "code 42: broken\n");
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	CHECK(expect_abort(fatal_long, longmsg));
	CHECK_UINT(strlen(captured_stderr()), 255 + 1);     /* cut to 255 chars, then '\n' */
	CHECK_INT(captured_stderr()[255], '\n');
}

static void assert_fails(void *arg)
{
	(void)arg;
	tl_user_assert(-1);
}

static void assert_again_fails(void *arg)
{
	(void)arg;
	tl_user_assert_again(0);
}

void test_assert_macro(void)
{
	char want[256];
	int counter = 0;

	CHECK_INT(tl_user_assert(5), 5);                   /* true: no effect */
	CHECK(expect_abort(assert_fails, NULL));
	snprintf(want, sizeof(want),
		 "assertion failed: x > 0, file tests/libc/user_side.c, line %d, function user_assert\n",
		 tl_user_assert_line);
	CHECK_STR(captured_stderr(), want);

	CHECK_INT(tl_user_assert_ndebug(&counter), 0);     /* NDEBUG: not even evaluated */
	CHECK_INT(counter, 0);
	CHECK(expect_abort(assert_again_fails, NULL));     /* re-included without NDEBUG */
	CHECK(strstr(captured_stderr(), "assertion failed: x != 0,") != NULL);
	CHECK(strstr(captured_stderr(), "function user_assert_again") != NULL);
}

void test_headers_on_host(void)
{
	char buf[32];

	/* The TalOS limits.h and stdint.h agree with the host's on x86_64. */
	CHECK_INT(tl_user_limit(0), INT_MIN);
	CHECK_INT(tl_user_limit(1), INT_MAX);
	CHECK_INT(tl_user_limit(2), LONG_MIN);
	CHECK_INT(tl_user_limit(3), LONG_MAX);
	CHECK_INT(tl_user_limit(4), LLONG_MIN);
	CHECK_INT(tl_user_limit(5), SHRT_MIN);
	CHECK_INT(tl_user_limit(6), SCHAR_MIN);
	CHECK_INT(tl_user_limit(7), PTRDIFF_MIN);
	CHECK_INT(tl_user_limit(8), INT64_MIN);
	CHECK_INT(tl_user_sum(4, 1, 2, 3, -10), -4);       /* stdarg.h, va_copy included */
	CHECK_INT(tl_user_sum(0), 0);
	CHECK_UINT(tl_user_offsetof_b(), 4);
	CHECK_INT(tl_user_format(buf, sizeof(buf), 42, "ab"), 12);
	CHECK_STR(buf, "[00042|ab  ]");
}

/*
 * The archive may leave undefined only the syscall stubs: anything else (a
 * libgcc helper such as __udivdi3, a stray host symbol) would break every
 * user program's link. Once the syscall layer joins the archive, the list
 * shrinks; it must never grow.
 */
void test_archive_undefined_symbols(void)
{
	static const char *const allowed[] = { "abort", "sbrk", "write" };
	char line[256];
	FILE *f;

	check_count++;
	if (!undefined_symbols_file || !(f = fopen(undefined_symbols_file, "r"))) {
		check_fail(__FILE__, __LINE__, "no list of the archive's undefined symbols (argv[1])");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		bool ok = false;

		line[strcspn(line, "\n")] = '\0';
		for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			ok |= strcmp(line, allowed[i]) == 0;
		check_count++;
		if (!ok)
			check_fail(__FILE__, __LINE__,
				   "libc.a needs \"%s\": only abort, sbrk and write may be left undefined",
				   line);
	}
	fclose(f);
}

void test_i386_archive(void)
{
	char cmd[512], out[4096];
	size_t len = 0;
	FILE *p;
	int status, n32, f32;

	check_count++;
	if (!i386_smoke_program) {
		check_fail(__FILE__, __LINE__, "no i386 program to run (argv[2])");
		return;
	}
	snprintf(cmd, sizeof(cmd), "%s 2>&1", i386_smoke_program);   /* a command line: "qemu-i386 PROG" */
	p = popen(cmd, "r");
	if (!p) {
		check_fail(__FILE__, __LINE__, "cannot run %s", i386_smoke_program);
		return;
	}
	len = fread(out, 1, sizeof(out) - 1, p);
	out[len] = '\0';
	status = pclose(p);
	out[strcspn(out, "\n")] = '\0';      /* the first line says what went wrong */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		check_fail(__FILE__, __LINE__, "%s failed (wait status %#x): %s",
			   i386_smoke_program, status, out);
	else if (sscanf(out, "i386: %d checks, %d failed", &n32, &f32) != 2 || f32 != 0)
		check_fail(__FILE__, __LINE__, "unexpected output: %s", out);
	else
		check_count += (unsigned long)n32;   /* its checks count as this test's */
}
