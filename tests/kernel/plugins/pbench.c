/*
 * Benchmark plugin (tests/kernel/plugin_bench.c): an empty export and the
 * PID step of tests/kernel/ext/bench_pid.pop, in C.
 */
#include "talos/plugin.h"

int nothing(void)
{
	return 0;
}
PLUGIN_EXPORT(nothing, "");

static struct {
	int e_prev, u_prev;
} st;

int pid_step(int e)
{
	int u = ((2000 + 1000 + 500) * e - 1000 * st.e_prev) / 1000 + st.u_prev;
	st.e_prev = e;
	st.u_prev = u;
	return u;
}
PLUGIN_EXPORT(pid_step, "i");
