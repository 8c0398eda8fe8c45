/*
 * In-kernel benchmarks: figures, never verdicts.
 *
 * A benchmark is a function registered with KBENCH(name) (section .kbench).
 * With "bench" or "bench=PATTERN" on the command line the kernel runs them
 * in a kernel thread and each prints lines
 *
 *   BENCH NAME: median M (min A, max B) cycles per OP
 *
 * through kbench_report(). Under QEMU with -icount shift=0 a cycle of the
 * time stamp counter is one guest instruction, so the figures are exact and
 * repeatable (make bench prints how that was checked).
 */
#ifndef KERNEL_KBENCH_H
#define KERNEL_KBENCH_H

#include "kernel/kdefs.h"

struct kbench {
	const char *name;
	void (*fn)(void);
};

#define KBENCH(name) \
	static void kbench_##name(void); \
	static const struct kbench kbench_desc_##name \
		__attribute__((used, section(".kbench"), aligned(4))) = { #name, kbench_##name }; \
	static void kbench_##name(void)

#define KBENCH_RUNS 21   /* samples per figure; the median is reported */

/* Sort SAMPLES (KBENCH_RUNS values) and return their median. */
uint64_t kbench_median(uint64_t *samples);

/*
 * Report sample set SAMPLES (KBENCH_RUNS values, each the cycles of ITERS
 * operations) as the per-operation median, min and max, named NAME with
 * unit text OP ("call", "instruction"...). Sorts SAMPLES.
 */
void kbench_report(const char *name, uint64_t *samples, uint32_t iters, const char *op);

/* Run the benchmarks whose names match PATTERN (as for tests), then exit. */
void kbench_run(const char *pattern) NORETURN;

#endif /* KERNEL_KBENCH_H */
