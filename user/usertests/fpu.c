/*
 * usertests: floating point. Each process has its own x87 and SSE
 * registers across context switches (three processes computing at once
 * each get their own result every round), and an x87 exception a program
 * unmasked kills it with SIGFPE instead of being ignored; int3 is a
 * breakpoint (SIGTRAP), not a protection fault. (An unmasked SSE exception
 * is delivered the same way by the CPU, but QEMU's TCG never raises it, so
 * `fpufault sse` is there to try by hand on other machines.)
 */
#include "ut.h"

#define RUN_MS 200      /* each process computes this long: many preemptions */

/*
 * x87: all eight registers hold live values (SEED .. SEED + 7) through 4000
 * rounds of adds and a scale, so another process using the FPU in between
 * would overflow or overwrite the register stack. Returns the bits of the
 * result.
 */
static uint64_t x87_sum(int seed)
{
	double start = (double)seed, out;
	double scale = 0.5;
	int n = 4000;
	__asm__ volatile("fldl %1\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"
			 "fld1\n\t" "fadd %%st(1), %%st\n\t"      /* st0..st7 live */
			 "1: fadd %%st(7), %%st\n\t"
			 "fmull %2\n\t"
			 "fadd %%st(1), %%st\n\t"
			 "dec %3\n\t"
			 "jnz 1b\n\t"
			 "faddp\n\t" "faddp\n\t" "faddp\n\t" "faddp\n\t"
			 "faddp\n\t" "faddp\n\t" "faddp\n\t"
			 "fstpl %0"
			 : "=m"(out) : "m"(start), "m"(scale), "r"(n) : "cc", "st", "st(1)", "st(2)",
			   "st(3)", "st(4)", "st(5)", "st(6)", "st(7)");
	uint64_t bits;
	memcpy(&bits, &out, sizeof(bits));
	return bits;
}

/*
 * SSE: four lanes start at SEED and are multiplied and added 4000 times
 * without leaving xmm0..xmm2; returns the bits of the four lanes folded.
 */
__attribute__((target("sse2"))) static uint32_t sse_sum(int seed)
{
	float start[4] = { (float)seed, (float)seed + 1, (float)seed + 2, (float)seed + 3 };
	float mul[4] = { 1.0001f, 0.9999f, 1.0002f, 0.9998f };
	float out[4];
	int n = 4000;
	__asm__ volatile("movups %1, %%xmm0\n\t"
			 "movups %2, %%xmm1\n\t"
			 "movaps %%xmm0, %%xmm2\n\t"
			 "1: mulps %%xmm1, %%xmm0\n\t"
			 "addps %%xmm2, %%xmm0\n\t"
			 "dec %3\n\t"
			 "jnz 1b\n\t"
			 "movups %%xmm0, %0"
			 : "=m"(out) : "m"(start), "m"(mul), "r"(n) : "xmm0", "xmm1", "xmm2", "cc");
	uint32_t bits[4];
	memcpy(bits, out, sizeof(bits));
	return bits[0] ^ (bits[1] << 1) ^ (bits[2] << 2) ^ (bits[3] << 3);
}

/* fpuloop x87|sse SEED: compute for RUN_MS; exit 0 if every round matched the first. */
static int h_fpuloop(int argc, char **argv)
{
	if (argc != 5)
		return 2;
	int seed = atoi(argv[4]);
	int sse = strcmp(argv[3], "sse") == 0;
	uint64_t first = sse ? sse_sum(seed) : x87_sum(seed);
	int wrong = 0, rounds = 1;
	for (unsigned end = uptime() + RUN_MS; uptime() < end; rounds++)
		if ((sse ? sse_sum(seed) : x87_sum(seed)) != first)
			wrong++;
	if (wrong)
		printf("fpuloop %s %d: %d of %d rounds differed\n", argv[3], seed, wrong, rounds);
	return wrong ? 1 : 0;
}

/* fpufault x87|sse|int3: unmask divide-by-zero and divide by zero (or int3). */
__attribute__((target("sse2"))) static int h_fpufault(int argc, char **argv)
{
	if (argc != 4)
		return 2;
	if (strcmp(argv[3], "x87") == 0) {
		uint16_t cw = 0x037F & ~0x0004;          /* ZE unmasked */
		double one = 1.0, zero = 0.0, r;
		__asm__ volatile("fldcw %1\n\t"
				 "fldl %2\n\t"
				 "fdivl %3\n\t"
				 "fstpl %0\n\t"
				 "fwait"
				 : "=m"(r) : "m"(cw), "m"(one), "m"(zero));
	} else if (strcmp(argv[3], "sse") == 0) {
		uint32_t mxcsr = 0x1F80 & ~0x0200;        /* ZM unmasked */
		float one[4] = { 1, 1, 1, 1 }, zero[4] = { 0, 0, 0, 0 };
		__asm__ volatile("ldmxcsr %0\n\t"
				 "movups %1, %%xmm0\n\t"
				 "movups %2, %%xmm1\n\t"
				 "divps %%xmm1, %%xmm0"
				 : : "m"(mxcsr), "m"(one), "m"(zero) : "xmm0", "xmm1");
	} else {
		__asm__ volatile("int3");
	}
	return 0;                                       /* only if nothing trapped */
}

const struct ut_helper ut_fpu_helpers[] = {
	{ "fpuloop", h_fpuloop },
	{ "fpufault", h_fpufault },
	{ NULL, NULL },
};

/* Three processes computing KIND at once, preempted among each other, each get their own result. */
static int three_at_once(const char *kind)
{
	int pids[3];
	char seed[3][8];
	for (int i = 0; i < 3; i++) {
		snprintf(seed[i], sizeof(seed[i]), "%d", 7 + 1000 * i);
		pids[i] = ut_helper(NULL, "fpuloop", kind, seed[i], NULL);
	}
	for (int i = 0; i < 3; i++) {
		int st = ut_wait(pids[i]);
		CHECK(WIFEXITED(st));
		CHECK_EQ(WEXITSTATUS(st), 0);
	}
	return 0;
}

static int fpu_x87_state_per_process(void)
{
	return three_at_once("x87");
}

static int fpu_sse_state_per_process(void)
{
	return three_at_once("sse");
}

/* A fault helper of KIND dies with signal SIG. */
static int dies_with(const char *kind, int sig)
{
	int pid = ut_helper(NULL, "fpufault", kind, NULL);
	int st = ut_wait(pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), sig);
	return 0;
}

static int fpu_x87_divide_by_zero_kills(void)
{
	return dies_with("x87", SIGFPE);
}

static int int3_is_a_breakpoint(void)
{
	return dies_with("int3", SIGTRAP);
}

const struct ut_test ut_fpu_tests[] = {
	{ "fpu_x87_state_per_process", fpu_x87_state_per_process },
	{ "fpu_sse_state_per_process", fpu_sse_state_per_process },
	{ "fpu_x87_divide_by_zero_kills", fpu_x87_divide_by_zero_kills },
	{ "int3_is_a_breakpoint", int3_is_a_breakpoint },
	{ NULL, NULL },
};
