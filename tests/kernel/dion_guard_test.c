/*
 * Tests of the CPU service manager's guard (ext/dion_cpu.c) from inside the
 * kernel, where the budget it gives the application's task can be read
 * directly: a requested timeslice (target + adjustment) is held within
 * max_cpu and within the room left for twice the target over the last and
 * the current period, and a request from an application that has already
 * used more than twice its target in those periods changes nothing.
 * The application's task is the test's own kernel thread.
 */
#include "ext/dion.h"
#include "kernel/ktest.h"
#include "kernel/pit.h"
#include "sched/sched.h"
#include "talos/errno.h"

#define RW (DION_R_OWNER_READ | DION_R_OWNER_WRITE)

/* Target 20 of 100 ticks, at most 60: the room for twice the target is 40. */
static const struct dion_attr_def cpu_defs[] = {
	{ "target_cpu", 20, RW },
	{ "min_cpu", 0, RW },
	{ "max_cpu", 60, RW },
	{ "period", 100, RW },
	{ "actual_cpu", 0, DION_R_OWNER_READ },
	{ "timeslice-adjustment", 0, RW },
};

static struct dion_app *cpu_app(void)
{
	int cd = dion_app_create();
	KT_EXPECT(cd > 0);
	struct dion_app *a = dion_app_find(cd);
	KT_EXPECT_EQ(dion_class_create(a, dion_sm_find("cpu"), cpu_defs, (int)ARRAY_LEN(cpu_defs)),
		     0);
	return a;
}

KTEST(dion, cpu_guard_request_within_max_and_room)
{
	struct task *me = sched_current();
	struct dion_app *a = cpu_app();
	KT_EXPECT_EQ(me->budget, 20);
	KT_EXPECT_EQ(dion_attr_set(a, 0, "timeslice-adjustment", 10), 0);
	KT_EXPECT_EQ(me->budget, 30);              /* 20 + 10: below max_cpu and the room */
	KT_EXPECT_EQ(dion_attr_set(a, 0, "timeslice-adjustment", 30), 0);
	KT_EXPECT_EQ(me->budget, 40);              /* 50 asked, held to the room of 40 */
	KT_EXPECT_EQ(dion_attr_set(a, 0, "timeslice-adjustment", 1000), 0);
	KT_EXPECT_EQ(me->budget, 40);              /* held to max_cpu (60), then the room */
	dion_app_destroy(a);
	KT_EXPECT_EQ(me->budget, -1);
}

KTEST(dion, cpu_guard_counts_the_current_period)
{
	struct task *me = sched_current();
	struct dion_app *a = cpu_app();
	uint64_t w = (pit_ticks() / 100 + 1) * 100;
	sched_sleep_until(w);
	while (pit_ticks() < w + 45)               /* 45 ticks of this period: over 2 * 20 */
		;
	KT_EXPECT_EQ(dion_attr_set(a, 0, "timeslice-adjustment", 10), 0);
	KT_EXPECT_EQ(me->budget, 20);              /* refused: still the target alone */
	KT_EXPECT(me->throttle_pending);
	dion_app_destroy(a);
	KT_EXPECT_EQ(me->budget, -1);
	KT_EXPECT(!me->throttle_pending);
}
