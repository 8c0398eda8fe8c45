/*
 * The libc host test runner, and the host's stand-ins for the syscall stubs
 * the TalOS libc leaves undefined (tl_sbrk, tl_write, tl_abort).
 *
 * Each test runs in a child process (a fresh heap, and a crash or a hang
 * costs only that test). Output, one line per test:
 *   pass libc.NAME
 *   FAIL libc.NAME: file:line: what was found, what was expected
 * then "libc: N checks" and, last, "libc: N passed, M failed". Exits 1 when
 * a test failed or none passed.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "tl.h"
#include "talos/errno.h"

#define TEST_TIMEOUT 60                /* seconds before a test counts as hung */

struct test {
	const char *name;
	void (*fn)(void);
};

#define LIBC_TABLE_ENTRY(name) { #name, test_##name },
static const struct test tests[] = { LIBC_TESTS(LIBC_TABLE_ENTRY) };

const char *undefined_symbols_file;
const char *i386_smoke_program;
unsigned long check_count;
static const char *current;            /* name of the running test */
static int failed_checks;
static char first_failure[512];

void check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (failed_checks++ > 0)
		return;                        /* the first failure is the one reported */
	n = snprintf(first_failure, sizeof(first_failure), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(first_failure + n, sizeof(first_failure) - (size_t)n, fmt, ap);
	va_end(ap);
}

/* ---- tl_sbrk: the heap's break over a static arena ---- */

#define ARENA_SIZE (64u << 20)
#define BREAK_START 8                  /* deliberately not 16-aligned */

static _Alignas(16) char arena[ARENA_SIZE];
static char *brk_now = arena + BREAK_START;
static size_t brk_limit = ARENA_SIZE - BREAK_START;
unsigned long sbrk_calls;

void sbrk_set_limit(size_t limit) { brk_limit = limit; }
size_t sbrk_used(void) { return (size_t)(brk_now - (arena + BREAK_START)); }

void *tl_sbrk(intptr_t inc)
{
	char *old = brk_now;
	size_t used = sbrk_used();

	sbrk_calls++;
	if ((inc > 0 && (uintptr_t)inc > brk_limit - used) ||
	    (inc < 0 && (uintptr_t)-inc > used)) {
		tl_errno = ENOMEM;
		return (void *)-1;
	}
	brk_now += inc;
	return old;
}

/* ---- tl_write and tl_abort ---- */

static char stderr_text[4096];
static size_t stderr_len;
static jmp_buf abort_jmp;
static bool abort_armed;

long tl_write(int fd, const void *buf, size_t n)
{
	(void)fd;
	if (n > sizeof(stderr_text) - 1 - stderr_len)
		n = sizeof(stderr_text) - 1 - stderr_len;
	memcpy(stderr_text + stderr_len, buf, n);
	stderr_len += n;
	stderr_text[stderr_len] = '\0';
	return (long)n;
}

const char *captured_stderr(void) { return stderr_text; }

_Noreturn void tl_abort(void)
{
	if (abort_armed)
		longjmp(abort_jmp, 1);
	stderr_text[strcspn(stderr_text, "\n")] = '\0';
	printf("FAIL libc.%s: unexpected abort(): %s\n", current, stderr_text);
	fflush(stdout);
	_exit(1);
}

bool expect_abort(void (*fn)(void *), void *arg)
{
	stderr_len = 0;
	stderr_text[0] = '\0';
	abort_armed = true;
	if (setjmp(abort_jmp) == 0) {
		fn(arg);
		abort_armed = false;
		return false;
	}
	abort_armed = false;
	return true;
}

/* ---- Running the tests ---- */

/* In the child: run T, print its result line, send the check count on FD. */
static _Noreturn void run_child(const struct test *t, int fd)
{
	alarm(TEST_TIMEOUT);
	current = t->name;
	t->fn();
	if (write(fd, &check_count, sizeof(check_count)) != sizeof(check_count))
		failed_checks++;
	if (failed_checks == 0)
		printf("pass libc.%s\n", t->name);
	else if (failed_checks == 1)
		printf("FAIL libc.%s: %s\n", t->name, first_failure);
	else
		printf("FAIL libc.%s: %s (and %d more failed checks)\n", t->name,
		       first_failure, failed_checks - 1);
	fflush(stdout);
	_exit(failed_checks ? 1 : 0);
}

/* Run T in a child; returns true if it passed. Adds its checks to *CHECKS. */
static bool run_test(const struct test *t, unsigned long *checks)
{
	int fds[2], status;
	unsigned long n;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) != 0 || (pid = fork()) < 0) {
		printf("FAIL libc.%s: cannot start a child process\n", t->name);
		return false;
	}
	if (pid == 0) {
		close(fds[0]);
		run_child(t, fds[1]);
	}
	close(fds[1]);
	if (read(fds[0], &n, sizeof(n)) == sizeof(n))
		*checks += n;
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		printf("FAIL libc.%s: %s (signal %d)\n", t->name,
		       sig == SIGALRM ? "timed out" : "crashed", sig);
		return false;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv)
{
	unsigned long checks = 0;
	int passed = 0, failed = 0;

	undefined_symbols_file = argc > 1 ? argv[1] : NULL;
	i386_smoke_program = argc > 2 ? argv[2] : NULL;
	for (size_t i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (run_test(&tests[i], &checks))
			passed++;
		else
			failed++;
	}
	printf("libc: %lu checks\n", checks);
	printf("libc: %d passed, %d failed\n", passed, failed);
	return failed > 0 || passed == 0;
}
