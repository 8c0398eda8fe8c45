/*
 * Code quality of popc: six functions written in Popcorn
 * (tests/kernel/ext/bench_*.pop) against the same C compiled by GCC
 * (tests/kernel/popcbench/functions.c), once with the kernel's flags and
 * once with plain -O2.
 *
 * Every function is timed the same way: called through one function
 * pointer in one loop, with the same arguments, so a figure is the call,
 * the whole function and its ret. The extension's export is called at its
 * linked entry directly (none of these functions calls an interface or
 * raises with these arguments), not through ext_run: the dispatch cost of
 * ext_run is its own figure (ext_run_empty in ext_bench.c). The loop's own
 * cost, measured without a call, is subtracted from each.
 */
#include "tests/kernel/ext_objs.h"
#include "tests/kernel/popcbench/functions.h"
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/x86.h"

#define ITERS 1000

EXT_OBJ(bench_pid);
EXT_OBJ(bench_sum);
EXT_OBJ(bench_fsm);
EXT_OBJ(bench_movavg);
EXT_OBJ(bench_bucket);
EXT_OBJ(bench_hist);

typedef int bench_fn(int);

static bench_fn *volatile fn_ptr;
static volatile int sink;

static int arg_error(int i) { return (i % 7) - 3; }
static int arg_sixteen(int i) { return 16 - (i & 1); }
static int arg_symbol(int i) { return i % 4; }
static int arg_sample(int i) { return (i * 37) & 255; }
static int arg_tick(int i) { return i; }
static int arg_value(int i) { return (i * 13) % 160 - 16; }

/* Median cycles of ITERS iterations of the loop, calling FN (or nothing if NULL). */
static uint64_t time_loop(bench_fn *fn, bench_fn *arg)
{
	uint64_t s[KBENCH_RUNS];
	fn_ptr = fn;
	for (int r = 0; r < KBENCH_RUNS; r++) {
		uint64_t t0 = rdtsc();
		if (fn)
			for (int i = 0; i < ITERS; i++)
				sink = fn_ptr(arg(i));
		else
			for (int i = 0; i < ITERS; i++)
				sink = arg(i);
		s[r] = rdtsc() - t0;
	}
	return kbench_median(s);
}

/* Cycles of one call of FN with arguments ARG, the loop's own cost taken out. */
static uint32_t per_call(bench_fn *fn, bench_fn *arg)
{
	uint64_t with = time_loop(fn, arg), without = time_loop(NULL, arg);
	return (uint32_t)((with > without ? with - without : 0) / ITERS);
}

struct bench_case {
	const char *what;
	const uint8_t *start, *end;
	const char *export;
	bench_fn *c_k, *c_o2, *arg;
};

/* The ratio popc / gcc in hundredths. */
static uint32_t ratio100(uint32_t popc, uint32_t gcc)
{
	return popc * 100 / (gcc ? gcc : 1);
}

KBENCH(popc_vs_gcc)
{
	static const struct bench_case cases[] = {
		{ "PID step", ktest_obj_bench_pid, ktest_obj_bench_pid_end, "pid_step",
		  pid_step_k, pid_step_o2, arg_error },
		{ "array sum of 16", ktest_obj_bench_sum, ktest_obj_bench_sum_end, "sum",
		  sum_k, sum_o2, arg_sixteen },
		{ "state machine step", ktest_obj_bench_fsm, ktest_obj_bench_fsm_end, "step",
		  step_k, step_o2, arg_symbol },
		{ "moving average of 16", ktest_obj_bench_movavg, ktest_obj_bench_movavg_end,
		  "movavg", movavg_k, movavg_o2, arg_sample },
		{ "token bucket", ktest_obj_bench_bucket, ktest_obj_bench_bucket_end, "take",
		  take_k, take_o2, arg_tick },
		{ "histogram of 8", ktest_obj_bench_hist, ktest_obj_bench_hist_end, "hist",
		  hist_k, hist_o2, arg_value },
	};
	uint32_t worst = 0;
	for (uint32_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct bench_case *c = &cases[i];
		struct ext *e = ext_obj_load(c->start, c->end, c->what);
		bench_fn *entry = (bench_fn *)ext_find_export(e, c->export)->entry;
		uint32_t popc = per_call(entry, c->arg);
		uint32_t k = per_call(c->c_k, c->arg), o2 = per_call(c->c_o2, c->arg);
		uint32_t rk = ratio100(popc, k), ro2 = ratio100(popc, o2);
		if (ro2 > worst)
			worst = ro2;
		kprintf("BENCH popc vs gcc, %s: popc %u, gcc kernel flags %u, gcc -O2 %u "
			"instructions per call (ratios %u.%02u, %u.%02u)\n", c->what, popc, k, o2,
			rk / 100, rk % 100, ro2 / 100, ro2 % 100);
		kobj_put(&e->obj);
	}
	kprintf("BENCH popc vs gcc, worst ratio to plain -O2: %u.%02u (hundredths %u)\n",
		worst / 100, worst % 100, worst);
}
