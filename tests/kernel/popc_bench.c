/*
 * Code quality of popc: three functions written in Popcorn
 * (tests/kernel/ext/bench_*.pop) and run as extensions, against the same C
 * compiled by GCC -O2 into the kernel. Each side's figure is the cost of
 * the function itself: the extension's through ext_run minus ext_run of an
 * empty export, the C function's through a call minus a call of an empty
 * function. Run with `make bench`.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/x86.h"

#define ITERS 1000

EXT_OBJ(basic);
EXT_OBJ(bench_pid);
EXT_OBJ(bench_sum);
EXT_OBJ(bench_fsm);

/* ---- The C side, as a student would write it ---- */

static struct { int e_prev, u_prev; } st;
static const int data[16] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3 };
static int state, count;

__attribute__((noinline)) static int c_empty(int x)
{
	return x;
}

__attribute__((noinline)) static int c_pid_step(int e)
{
	int u = ((2000 + 1000 + 500) * e - 1000 * st.e_prev) / 1000 + st.u_prev;
	st.e_prev = e;
	st.u_prev = u;
	return u;
}

__attribute__((noinline)) static int c_sum(int n)
{
	int s = 0;
	for (int i = 0; i < n && i < 16; i++)
		s += data[i];
	return s;
}

__attribute__((noinline)) static int c_step(int sym)
{
	if (state == 0) {
		if (sym == 1)
			state = 1;
	} else if (state == 1) {
		if (sym == 2)
			state = 2;
		else if (sym != 1)
			state = 0;
	} else {
		if (sym == 3)
			count++;
		state = 0;
	}
	return count;
}

static int (*volatile fn_ptr)(int);

/* Median cycles of one call of FN(arg(i)), for ITERS calls. */
static uint64_t time_native(int (*fn)(int), int (*arg)(int))
{
	uint64_t s[KBENCH_RUNS];
	fn_ptr = fn;
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++)
			fn_ptr(arg(i));
		s[r] = rdtsc() - t0;
	}
	return kbench_median(s) / ITERS;
}

static uint64_t time_ext(struct ext_invocation *inv, int (*arg)(int))
{
	uint64_t s[KBENCH_RUNS];
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (int i = 0; i < ITERS; i++) {
			uint32_t a = (uint32_t)arg(i);
			ext_run(inv, &a, 10);
		}
		s[r] = rdtsc() - t0;
	}
	return kbench_median(s) / ITERS;
}

static int arg_error(int i) { return (i % 7) - 3; }
static int arg_sixteen(int i) { return 16 - (i & 1); }
static int arg_symbol(int i) { return i % 4; }

static void compare(const char *what, const uint8_t *start, const uint8_t *end,
		    const char *export, int (*c_fn)(int), int (*arg)(int),
		    struct ext_invocation *empty, uint64_t c_base)
{
	struct ext *e = ext_obj_load(start, end, what);
	struct ext_invocation inv;
	ext_prepare(&inv, e, ext_find_export(e, export));
	uint64_t popc = time_ext(&inv, arg) - time_ext(empty, arg);
	uint64_t gcc = time_native(c_fn, arg) - c_base;
	uint32_t ratio100 = (uint32_t)(popc * 100 / (gcc ? gcc : 1));
	kprintf("BENCH popc vs gcc -O2, %s: popc %llu, gcc %llu instructions per call "
		"(ratio %u.%02u)\n", what, popc, gcc, ratio100 / 100, ratio100 % 100);
	ext_release(&inv);
}

KBENCH(popc_vs_gcc)
{
	/* The baselines: an empty extension export and an empty C function, each taking an int. */
	struct ext *basic = EXT_OBJ_LOAD(basic);
	struct ext_invocation empty;
	ext_prepare(&empty, basic, ext_find_export(basic, "identity"));
	uint64_t c_base = time_native(c_empty, arg_error);
	compare("PID step", ktest_obj_bench_pid, ktest_obj_bench_pid_end, "pid_step", c_pid_step,
		arg_error, &empty, c_base);
	compare("array sum of 16", ktest_obj_bench_sum, ktest_obj_bench_sum_end, "sum", c_sum,
		arg_sixteen, &empty, c_base);
	compare("state machine step", ktest_obj_bench_fsm, ktest_obj_bench_fsm_end, "step", c_step,
		arg_symbol, &empty, c_base);
	ext_release(&empty);
	kobj_put(&basic->obj);
}
