/*
 * The in-kernel test suite.
 *
 * A test is a function registered with KTEST(group, name); the macro places
 * a descriptor in the .ktests section, so tests live beside the code they
 * check (tests/kernel/) and need no central list. With "test" or
 * "test=PATTERN" on the command line the kernel runs the selected tests and
 * reports them over COM1 in this line protocol (judged by tools/ktest.py):
 *
 *   KT begin GROUP.NAME
 *   KT PASS GROUP.NAME              or   KT FAIL GROUP.NAME: FILE:LINE: REASON
 *   KT end GROUP.NAME
 *   ...
 *   KT summary total=T passed=P failed=F
 *   KT exit done
 *
 * PATTERN is a comma-separated list of globs (* and ?) or name prefixes.
 * Tests declared with KTEST_EXPLICIT (the harness's own self-tests, which
 * fail or panic on purpose) run only when a pattern that does not start with
 * a wildcard selects them.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include "kernel/kdefs.h"

struct ktest {
	const char *name;     /* "group.name" */
	void (*fn)(void);     /* the test body; returns on success */
	uint32_t flags;       /* KTEST_* */
};

#define KTEST_EXPLICIT 1u    /* never selected by a pattern starting with a wildcard */

#define KTEST_DECLARE(group, name, flags) \
	static void ktest_##group##_##name(void); \
	static const struct ktest ktest_desc_##group##_##name \
		__attribute__((used, section(".ktests"), aligned(4))) = \
		{ #group "." #name, ktest_##group##_##name, flags }; \
	static void ktest_##group##_##name(void)

#define KTEST(group, name) KTEST_DECLARE(group, name, 0)

/* End the current test as failed; never returns (jumps back to the runner). */
void ktest_fail(const char *file, int line, const char *fmt, ...) PRINTF(3, 4) NORETURN;

#define KT_FAIL(...) ktest_fail(__FILE__, __LINE__, __VA_ARGS__)

#define KT_EXPECT(cond) \
	do { \
		if (!(cond)) \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond); \
	} while (0)

/* Compare two integer values (as 64-bit signed) and show both on failure. */
#define KT_EXPECT_EQ(a, b) \
	do { \
		int64_t kt_a_ = (int64_t)(a), kt_b_ = (int64_t)(b); \
		if (kt_a_ != kt_b_) \
			ktest_fail(__FILE__, __LINE__, "expected %s == %s, got %lld and %lld", \
				   #a, #b, kt_a_, kt_b_); \
	} while (0)

#define KT_EXPECT_STR(a, b) \
	do { \
		const char *kt_a_ = (a), *kt_b_ = (b); \
		if (strcmp(kt_a_, kt_b_) != 0) \
			ktest_fail(__FILE__, __LINE__, "expected %s == \"%s\", got \"%s\"", \
				   #a, kt_b_, kt_a_); \
	} while (0)

/* Does the name match the pattern list (see above)? Exposed for its own tests. */
bool ktest_matches(const char *patterns, const struct ktest *t);

/* Run every selected test, print the summary; returns the number failed. */
int ktest_run(const char *patterns);

#endif /* KERNEL_KTEST_H */
