/*
 * Tests of the timer (kernel/pit.c): ticks advance at 1000 Hz of guest
 * time. Under QEMU -icount, guest time follows instructions exactly, so the
 * bounds here are tight without being flaky.
 */
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "kernel/x86.h"

KTEST(pit, ticks_advance)
{
	uint64_t t0 = pit_ticks();
	uint64_t deadline = rdtsc() + 4000000000ull;
	while (pit_ticks() < t0 + 3 && rdtsc() < deadline)
		hlt();
	KT_EXPECT(pit_ticks() >= t0 + 3);
}

KTEST(pit, sleep_lasts_requested_ticks)
{
	uint64_t t0 = pit_ticks();
	pit_sleep_ms(50);
	uint64_t slept = pit_ticks() - t0;
	KT_EXPECT(slept >= 50);
	KT_EXPECT(slept <= 52);
}

static volatile uint32_t hook_calls;
static pit_hook_fn *chained_hook;

static void count_hook(struct trapframe *tf)
{
	hook_calls++;
	if (chained_hook)
		chained_hook(tf);
}

KTEST(pit, tick_hook_runs_every_tick)
{
	hook_calls = 0;
	chained_hook = pit_set_tick_hook(count_hook);
	uint64_t t0 = pit_ticks();
	pit_sleep_ms(20);
	pit_set_tick_hook(chained_hook);
	uint64_t elapsed = pit_ticks() - t0;
	KT_EXPECT(hook_calls >= elapsed - 1 && hook_calls <= elapsed + 1);
}

KTEST(pit, tsc_advances)
{
	uint64_t a = rdtsc();
	pit_sleep_ms(2);
	uint64_t b = rdtsc();
	KT_EXPECT(b > a);
}
