/*
 * The C side of the popc-against-GCC benchmark (tests/kernel/popc_bench.c):
 * the same six functions as tests/kernel/ext/bench_*.pop, written as a
 * student would write them in C. mk/ext.mk compiles this file twice: with
 * the kernel's flags (frame pointer, no sibling calls), naming each
 * function NAME_k, and with plain -O2 (only what kernel code needs:
 * freestanding, no SSE, no stack protector), naming it NAME_o2. Each copy
 * has its own state.
 */
#include "tests/kernel/popcbench/functions.h"

#define FN(name) BENCH_SIDE(name)

static struct { int e_prev, u_prev; } st;
static const int data[16] = { 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3 };
static int state, count;
static int ring[16], pos, total;
static int tokens, last;
static int bins[8];

int FN(pid_step)(int e)
{
	int u = ((2000 + 1000 + 500) * e - 1000 * st.e_prev) / 1000 + st.u_prev;
	st.e_prev = e;
	st.u_prev = u;
	return u;
}

int FN(sum)(int n)
{
	int s = 0;
	for (int i = 0; i < n && i < 16; i++)
		s += data[i];
	return s;
}

int FN(step)(int sym)
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

int FN(movavg)(int x)
{
	total = total - ring[pos] + x;
	ring[pos] = x;
	pos = (pos + 1) & 15;
	return total / 16;
}

int FN(take)(int now)
{
	tokens += (now - last) * 3;
	last = now;
	if (tokens > 100)
		tokens = 100;
	if (tokens >= 10) {
		tokens -= 10;
		return 1;
	}
	return 0;
}

int FN(hist)(int x)
{
	int b = x >> 4;
	if (b < 0)
		b = 0;
	if (b > 7)
		b = 7;
	bins[b]++;
	return bins[b];
}
