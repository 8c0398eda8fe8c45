/*
 * Tests of the test harness itself: pattern selection, and the two
 * self-tests that must fail (selftest.fail) and panic (selftest.panic).
 * The self-tests are KTEST_EXPLICIT: a default run never selects them, and
 * `make test-kernel KTEST=selftest.fail` must exit nonzero.
 */
#include "kernel/ktest.h"
#include "kernel/panic.h"
#include "kernel/string.h"

KTEST(ktest, pattern_matching)
{
	struct ktest t = { "pmm.alloc_all_then_free", NULL, 0 };
	KT_EXPECT(ktest_matches("*", &t));
	KT_EXPECT(ktest_matches("pmm", &t));                  /* prefix */
	KT_EXPECT(ktest_matches("pmm.*", &t));
	KT_EXPECT(ktest_matches("vm.*,pmm.alloc_*", &t));     /* list */
	KT_EXPECT(ktest_matches("*.alloc_all_then_fre?", &t));
	KT_EXPECT(!ktest_matches("vm", &t));
	KT_EXPECT(!ktest_matches("pmm.alloc", &(struct ktest){ "pm", NULL, 0 }));
	KT_EXPECT(!ktest_matches("*free_", &t));
	KT_EXPECT(!ktest_matches("", &t));
}

KTEST(ktest, explicit_tests_need_a_named_pattern)
{
	struct ktest t = { "selftest.fail", NULL, KTEST_EXPLICIT };
	KT_EXPECT(!ktest_matches("*", &t));
	KT_EXPECT(!ktest_matches("*fail", &t));
	KT_EXPECT(ktest_matches("selftest", &t));
	KT_EXPECT(ktest_matches("selftest.fail", &t));
	KT_EXPECT(ktest_matches("vm.*,selftest.*", &t));
}

KTEST_DECLARE(selftest, fail, KTEST_EXPLICIT)
{
	KT_EXPECT_EQ(1 + 1, 3);
}

KTEST_DECLARE(selftest, panic, KTEST_EXPLICIT)
{
	PANIC("selftest.panic panics on purpose");
}
