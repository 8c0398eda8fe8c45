/*
 * Benchmarks of the SafeX runtime: what an extension invocation costs next
 * to a native call of the same function, what the dispatch path (argument
 * checks, reservation, recovery point) costs on its own, and what loading
 * (verify + link) and unloading cost. Run with `make bench`.
 */
#include "tests/kernel/ext_objs.h"
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/string.h"
#include "kernel/x86.h"

EXT_OBJ(basic);
EXT_OBJ(pid);

#define ITERS 1000

/* The native counterparts, kept out of line so each is a real call. */
__attribute__((noinline)) static int native_nothing(void)
{
	return 0;
}

static struct { int e_prev, u_prev; } c_pid;

__attribute__((noinline)) static int native_pid_step(int e)
{
	int u = 7 * e - 2 * c_pid.e_prev + c_pid.u_prev;
	c_pid.u_prev = u;
	c_pid.e_prev = e;
	return u;
}

static int (*volatile nothing_ptr)(void) = native_nothing;
static int (*volatile pid_ptr)(int) = native_pid_step;

/* Cycles of an empty loop of ITERS rounds, subtracted from every figure. */
static uint64_t loop_overhead(void)
{
	uint64_t best = ~0ull;
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			;
		uint64_t t = rdtsc() - t0;
		if (t < best)
			best = t;
	}
	return best;
}

KBENCH(ext_invoke_empty)
{
	struct ext *e = EXT_OBJ_LOAD(basic);
	const struct ext_export *x = ext_find_export(e, "nothing");
	uint64_t base = loop_overhead(), s[KBENCH_RUNS];
	struct ext_call c;

	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			nothing_ptr();
		s[r] = rdtsc() - t0 - base;
	}
	kbench_report("native C call, empty function", s, ITERS, "call");

	struct ext_invocation inv;
	ext_prepare(&inv, e, x);
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			ext_run(&inv, NULL, 10);
		s[r] = rdtsc() - t0 - base;
	}
	ext_release(&inv);
	kbench_report("extension, empty function, ext_run (dispatch: stack check, reservation, "
		      "recovery point)", s, ITERS, "call");

	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			ext_invoke(e, x, NULL, 0, 10, &c);
		s[r] = rdtsc() - t0 - base;
	}
	kbench_report("extension, empty function, ext_invoke (dispatch + cycle accounting)", s,
		      ITERS, "call");
	kobj_put(&e->obj);
}

KBENCH(ext_invoke_pid_step)
{
	struct ext *e = EXT_OBJ_LOAD(pid);
	const struct ext_export *x = ext_find_export(e, "pid_step");
	uint64_t base = loop_overhead(), s[KBENCH_RUNS];
	struct ext_call c;
	uint32_t arg = 3;

	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			pid_ptr(3);
		s[r] = rdtsc() - t0 - base;
	}
	kbench_report("native C call, PID step", s, ITERS, "call");

	struct ext_invocation inv;
	ext_prepare(&inv, e, x);
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			ext_run(&inv, &arg, 10);
		s[r] = rdtsc() - t0 - base;
	}
	ext_release(&inv);
	kbench_report("extension, PID step, ext_run", s, ITERS, "call");

	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		for (volatile int i = 0; i < ITERS; i++)
			ext_invoke(e, x, &arg, 1, 10, &c);
		s[r] = rdtsc() - t0 - base;
	}
	kbench_report("extension, PID step, ext_invoke", s, ITERS, "call");
	kobj_put(&e->obj);
}

KBENCH(ext_load_unload)
{
	uint64_t load_s[KBENCH_RUNS], unload_s[KBENCH_RUNS];
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		struct ext *e = EXT_OBJ_LOAD(basic);
		uint64_t t1 = rdtsc();
		kobj_put(&e->obj);
		uint64_t t2 = rdtsc();
		load_s[r] = t1 - t0;
		unload_s[r] = t2 - t1;
	}
	kbench_report("load (verify + link), tests/kernel/ext/basic.tas", load_s, 1, "load");
	kbench_report("unload, tests/kernel/ext/basic.tas", unload_s, 1, "unload");
}
