/*
 * The in-kernel benchmark runner (see kernel/kbench.h).
 */
#include "kernel/kbench.h"
#include "kernel/kprintf.h"
#include "kernel/ktest.h"
#include "kernel/power.h"

extern const struct kbench __kbench_start[], __kbench_end[];

uint64_t kbench_median(uint64_t *samples)
{
	/* Insertion sort: KBENCH_RUNS is small. */
	for (int i = 1; i < KBENCH_RUNS; i++) {
		uint64_t v = samples[i];
		int j = i - 1;
		while (j >= 0 && samples[j] > v) {
			samples[j + 1] = samples[j];
			j--;
		}
		samples[j + 1] = v;
	}
	return samples[KBENCH_RUNS / 2];
}

void kbench_report(const char *name, uint64_t *samples, uint32_t iters, const char *op)
{
	kbench_median(samples);
	kprintf("BENCH %s: median %llu (min %llu, max %llu) cycles per %s\n", name,
		samples[KBENCH_RUNS / 2] / iters, samples[0] / iters,
		samples[KBENCH_RUNS - 1] / iters, op);
}

void kbench_run(const char *pattern)
{
	int n = 0;
	for (const struct kbench *b = __kbench_start; b < __kbench_end; b++) {
		struct ktest as_test = { b->name, NULL, 0 };
		if (!ktest_matches(pattern, &as_test))
			continue;
		b->fn();
		n++;
	}
	kprintf("BENCH done: %d benchmarks\n", n);
	power_exit(EXIT_SUITE_DONE);
}
