/*
 * Host tests of usermgr's arithmetic (user/mgr/ctl.c): the priority, the
 * PID controller, actual_cpu and the guard must be the kernel CPU service
 * manager's (ext/dion_cpu.c) and the PID handler's (user/ext/pid.pop).
 *
 * Prints "pass NAME" or "FAIL NAME: REASON" per test and ends with
 * "usermgr: N passed, M failed"; exit status 1 if any failed.
 */
#include <stdio.h>

#include "ctl.h"

static int passed, failed;
static const char *current;
static int current_failed;

#define EXPECT_EQ(a, b) do { \
	long long a_ = (a), b_ = (b); \
	if (a_ != b_ && !current_failed) { \
		printf("FAIL %s: %s is %lld, expected %lld (line %d)\n", current, #a, a_, b_, \
		       __LINE__); \
		current_failed = 1; \
	} \
} while (0)

#define TEST(name) static void name(void)

static void run(const char *name, void (*fn)(void))
{
	current = name;
	current_failed = 0;
	fn();
	if (current_failed)
		failed++;
	else {
		printf("pass %s\n", name);
		passed++;
	}
}

/* The kernel SM's priorities: 20/100 at 5, 30/100 at 7, 80/200 at 10; never below 1. */
TEST(priority_matches_kernel_sm)
{
	EXPECT_EQ(ctl_priority(20, 100), 5);
	EXPECT_EQ(ctl_priority(30, 100), 7);
	EXPECT_EQ(ctl_priority(80, 200), 10);
	EXPECT_EQ(ctl_priority(40, 400), 2);
	EXPECT_EQ(ctl_priority(100, 500), 5);
	EXPECT_EQ(ctl_priority(1, 1000), 1);
}

/* pid.pop's expectations: handle(-15) twice gives -21, then -22. */
TEST(pid_matches_handler)
{
	struct ctl c;
	ctl_init(&c, 20, 100);
	EXPECT_EQ(ctl_pid(&c, -15), -21);
	EXPECT_EQ(ctl_pid(&c, -15), -22);
	/* u keeps its thousandths: 0.1 tick of error per run adds up. */
	ctl_init(&c, 20, 100);
	int u = 0;
	for (int i = 0; i < 20; i++)
		u = ctl_pid(&c, 1);
	EXPECT_EQ(u, 3);   /* 1.4 + 19 * 0.1 = 3.3 */
}

/*
 * actual_cpu is the target until something is measured, ignores the period
 * the application joined in, then is the mean of the last 4 complete periods.
 */
TEST(actual_is_mean_of_last_four)
{
	struct ctl c;
	ctl_init(&c, 20, 100);
	EXPECT_EQ(c.actual, 20);
	ctl_period_end(&c, 95);   /* the join period: it ran unmanaged before */
	EXPECT_EQ(c.actual, 20);
	ctl_period_end(&c, 10);
	EXPECT_EQ(c.actual, 10);
	ctl_period_end(&c, 30);
	EXPECT_EQ(c.actual, 20);
	ctl_period_end(&c, 20);
	ctl_period_end(&c, 20);
	EXPECT_EQ(c.actual, 20);
	ctl_period_end(&c, 50);   /* the 10 drops out: (30+20+20+50)/4 */
	EXPECT_EQ(c.actual, 30);
}

/* The request is target + adjustment within [0, 2*target capped at the period]. */
TEST(guard_clamps_request)
{
	struct ctl c;
	ctl_init(&c, 20, 100);
	EXPECT_EQ(c.max, 40);
	EXPECT_EQ(ctl_guard(&c, -50, 20, 0), 0);
	EXPECT_EQ(c.request, 0);
	EXPECT_EQ(c.timeslice, 0);
	EXPECT_EQ(ctl_guard(&c, 5, 20, 0), 0);
	EXPECT_EQ(c.timeslice, 25 < 20 ? 25 : 20);   /* last 20: no room above the target */
	EXPECT_EQ(ctl_guard(&c, 500, 0, 0), 0);
	EXPECT_EQ(c.request, 40);
	EXPECT_EQ(c.timeslice, 40);                 /* last 0: room 40 */
	ctl_init(&c, 80, 100);
	EXPECT_EQ(c.max, 100);                      /* capped at the period */
}

/* Above the target, the timeslice is at most the room 2*target - last. */
TEST(guard_room_after_short_period)
{
	struct ctl c;
	ctl_init(&c, 30, 100);
	EXPECT_EQ(ctl_guard(&c, 20, 15, 0), 0);
	EXPECT_EQ(c.request, 50);
	EXPECT_EQ(c.timeslice, 45);                 /* 60 - 15 */
	ctl_period_end(&c, 45);                     /* a long period: room 15, but target kept */
	EXPECT_EQ(c.timeslice, 30);
}

/* More than twice the target over the last and current periods blocks the application. */
TEST(guard_blocks_over_twice_target)
{
	struct ctl c;
	ctl_init(&c, 20, 100);
	EXPECT_EQ(ctl_guard(&c, 0, 30, 10), 0);     /* 40: exactly twice, allowed */
	EXPECT_EQ(ctl_guard(&c, 3, 30, 11), 1);     /* 41: blocked */
	EXPECT_EQ(c.request, 20);                   /* and nothing changed */
}

int main(void)
{
	run("priority_matches_kernel_sm", priority_matches_kernel_sm);
	run("pid_matches_handler", pid_matches_handler);
	run("actual_is_mean_of_last_four", actual_is_mean_of_last_four);
	run("guard_clamps_request", guard_clamps_request);
	run("guard_room_after_short_period", guard_room_after_short_period);
	run("guard_blocks_over_twice_target", guard_blocks_over_twice_target);
	printf("usermgr: %d passed, %d failed\n", passed, failed);
	return failed || !passed;
}
