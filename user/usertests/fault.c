/*
 * usertests: user faults. Each helper commits one fault a program can make;
 * the kernel must kill only that process, with the signal the fault maps to
 * (SIGSEGV for page and protection faults, SIGFPE for divide errors,
 * SIGILL for invalid opcodes), and the test that spawned it must carry on.
 * Addresses go through volatile variables so the compiler cannot see (and
 * replace by a trap of its own) the undefined behaviour it is asked for.
 */
#include "ut.h"

/* ---- Helpers: each one faults, and returns 0 only if it survived ---- */

static int f_null_read(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile uintptr_t addr = 0;
	int value = *(volatile int *)addr;
	(void)value;
	return 0;
}

static int f_text_write(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile uintptr_t addr = UT_TEXT_ADDR;
	*(volatile char *)addr = 0;
	return 0;
}

static int f_kernel_read(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile uintptr_t addr = UT_KERNEL_ADDR;
	int value = *(volatile int *)addr;
	(void)value;
	return 0;
}

static int f_kernel_write(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile uintptr_t addr = UT_KERNEL_ADDR;
	*(volatile int *)addr = 0;
	return 0;
}

static int f_divide(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile int zero = 0, one = 1;
	volatile int q = one / zero;
	(void)q;
	return 0;
}

static int f_ud2(int argc, char **argv)
{
	(void)argc; (void)argv;
	__asm__ volatile("ud2");
	return 0;
}

static int f_hlt(int argc, char **argv)
{
	(void)argc; (void)argv;
	__asm__ volatile("hlt");
	return 0;
}

static int f_kernel_jump(int argc, char **argv)
{
	(void)argc; (void)argv;
	void (*volatile target)(void) = (void (*)(void))UT_KERNEL_ADDR;
	target();
	return 0;
}

static int f_unmapped_jump(int argc, char **argv)
{
	(void)argc; (void)argv;
	void (*volatile target)(void) = (void (*)(void))UT_UNMAPPED;
	target();
	return 0;
}

/* The depth recursion stops at: never reached, the stack runs out first. */
static volatile int recursion_limit = 1 << 30;

/* Recurse with 1 KiB frames until the stack runs out. */
static int recurse(int depth)
{
	volatile char frame[1024];
	if (depth == recursion_limit)
		return 0;
	frame[0] = (char)depth;
	frame[sizeof(frame) - 1] = (char)depth;
	return recurse(depth + 1) + frame[0] + frame[sizeof(frame) - 1];
}

static int f_stack_overflow(int argc, char **argv)
{
	(void)argc; (void)argv;
	recurse(0);
	return 0;
}

const struct ut_helper ut_fault_helpers[] = {
	{ "null_read", f_null_read },         { "text_write", f_text_write },
	{ "kernel_read", f_kernel_read },     { "kernel_write", f_kernel_write },
	{ "divide", f_divide },               { "ud2", f_ud2 },
	{ "hlt", f_hlt },                     { "kernel_jump", f_kernel_jump },
	{ "unmapped_jump", f_unmapped_jump }, { "stack_overflow", f_stack_overflow },
	{ NULL, NULL },
};

/* ---- Tests ---- */

/*
 * Run fault helper NAME; it must die by signal SIG. Then this process must
 * still work: its own pid, a system call and a fresh heap block.
 */
static int expect_killed(const char *name, int sig)
{
	int pid = ut_helper(NULL, name, NULL);
	int status = ut_wait(pid);
	if (!WIFSIGNALED(status))
		ut_fail(__FILE__, __LINE__, "helper %s exited with status %d, want signal %d",
			name, WEXITSTATUS(status), sig);
	CHECK_EQ(WTERMSIG(status), sig);
	CHECK_EQ(ut_stat(0).pid, getpid());
	char *p = malloc(100);
	CHECK(p != NULL);
	memset(p, 1, 100);
	free(p);
	return 0;
}

static int null_read(void) { return expect_killed("null_read", SIGSEGV); }
static int text_write(void) { return expect_killed("text_write", SIGSEGV); }
static int kernel_read(void) { return expect_killed("kernel_read", SIGSEGV); }
static int kernel_write(void) { return expect_killed("kernel_write", SIGSEGV); }
static int divide(void) { return expect_killed("divide", SIGFPE); }
static int ud2(void) { return expect_killed("ud2", SIGILL); }
static int hlt(void) { return expect_killed("hlt", SIGSEGV); }
static int kernel_jump(void) { return expect_killed("kernel_jump", SIGSEGV); }
static int unmapped_jump(void) { return expect_killed("unmapped_jump", SIGSEGV); }
static int stack_overflow(void) { return expect_killed("stack_overflow", SIGSEGV); }

/* Faults in a row leave the system as it was: no pages lost per fault. */
static int faults_free_their_pages(void)
{
	struct sysinfo a, b;
	expect_killed("null_read", SIGSEGV);   /* warm up: first-use allocations */
	CHECK_OK(sysinfo(&a));
	for (int i = 0; i < 5; i++)
		expect_killed("stack_overflow", SIGSEGV);
	CHECK_OK(sysinfo(&b));
	long lost = (long)a.free_pages - (long)b.free_pages
		- (long)(b.heap_bytes - a.heap_bytes) / 4096;
	if (lost != 0)
		ut_fail(__FILE__, __LINE__, "%ld pages lost over 5 stack overflows "
			"(free %u -> %u)", lost, a.free_pages, b.free_pages);
	return 0;
}

const struct ut_test ut_fault_tests[] = {
	{ "fault_null_deref_sigsegv", null_read },
	{ "fault_write_own_text_sigsegv", text_write },
	{ "fault_read_kernel_memory_sigsegv", kernel_read },
	{ "fault_write_kernel_memory_sigsegv", kernel_write },
	{ "fault_divide_by_zero_sigfpe", divide },
	{ "fault_ud2_sigill", ud2 },
	{ "fault_privileged_hlt_sigsegv", hlt },
	{ "fault_jump_into_kernel_sigsegv", kernel_jump },
	{ "fault_jump_to_unmapped_sigsegv", unmapped_jump },
	{ "fault_stack_overflow_sigsegv", stack_overflow },
	{ "fault_killed_processes_free_their_pages", faults_free_their_pages },
	{ NULL, NULL },
};
