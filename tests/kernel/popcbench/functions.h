/*
 * The C side of the popc-against-GCC benchmark: six functions, each in two
 * copies, NAME_k (the kernel's flags) and NAME_o2 (plain -O2), compiled
 * from tests/kernel/popcbench/functions.c.
 */
#ifndef TESTS_KERNEL_POPCBENCH_FUNCTIONS_H
#define TESTS_KERNEL_POPCBENCH_FUNCTIONS_H

#define BENCH_FUNCS(side) \
	int pid_step_##side(int); int sum_##side(int); int step_##side(int); \
	int movavg_##side(int); int take_##side(int); int hist_##side(int);
BENCH_FUNCS(k)
BENCH_FUNCS(o2)

#ifdef BENCH_SIDE_O2
#define BENCH_SIDE(name) name##_o2
#else
#define BENCH_SIDE(name) name##_k
#endif

#endif
