/*
 * usertests: time and scheduling. sleep accuracy, preemption sharing the
 * CPU between hogs, real-time priority over normal tasks, SIGSTOP/SIGCONT,
 * CPU accounting, and setsched/getsched validation. One tick is 1 ms.
 * Every test that makes itself SCHED_RT puts itself back before it ends
 * (a failing test simply exits, taking its class with it).
 */
#include "ut.h"

static const struct sched_param normal_default = { SCHED_NORMAL, 0, 10, 100 };

/* Set PID's scheduling parameters, failing the test if refused. */
static void set_params(int pid, int cls, int prio, int quantum, int period)
{
	struct sched_param sp = { cls, prio, quantum, period };
	CHECK_OK(setsched(pid, &sp));
}

static int sleep_within_a_tick(void)
{
	for (int i = 0; i < 5; i++) {
		unsigned t0 = uptime();
		CHECK_EQ(sleep_ms(50), 0);
		unsigned slept = uptime() - t0;
		if (slept < 50 || slept > 51)
			ut_fail(__FILE__, __LINE__, "sleep_ms(50) took %u ticks, want 50..51", slept);
	}
	unsigned t0 = uptime();
	CHECK_EQ(sleep_ms(0), 0);
	CHECK(uptime() - t0 <= 1);
	return 0;
}

/* Two CPU hogs both progress under preemption; neither gets under 25%. */
static int two_hogs_share_cpu(void)
{
	int a = ut_helper(NULL, "spin", NULL), b = ut_helper(NULL, "spin", NULL);
	sleep_ms(200);
	struct procstat sa = ut_stat(a), sb = ut_stat(b);
	unsigned total = sa.ticks_total + sb.ticks_total;
	printf("hog ticks over 200 ms: %u and %u\n", sa.ticks_total, sb.ticks_total);
	CHECK(sa.ticks_total > 0);
	CHECK(sb.ticks_total > 0);
	CHECK(total >= 100);
	CHECK(sa.ticks_total * 4 >= total);
	CHECK(sb.ticks_total * 4 >= total);
	for (int i = 0; i < 2; i++) {
		int pid = i ? b : a;
		CHECK_OK(kill(pid, SIGKILL));
		CHECK_EQ(WTERMSIG(ut_wait(pid)), SIGKILL);
	}
	return 0;
}

/* A real-time task's 10 ms sleeps end on time although a normal hog runs. */
static int rt_wakeups_on_time(void)
{
	int hog = ut_helper(NULL, "spin", NULL);
	sleep_ms(20);
	set_params(0, SCHED_RT, 10, 10, 100);
	for (int i = 0; i < 20; i++) {
		unsigned t0 = uptime();
		sleep_ms(10);
		unsigned slept = uptime() - t0;
		if (slept < 10 || slept > 11)
			ut_fail(__FILE__, __LINE__, "RT sleep_ms(10) #%d took %u ticks, want 10..11",
				i, slept);
	}
	CHECK_OK(setsched(0, &normal_default));
	struct procstat h = ut_stat(hog);
	CHECK(h.ticks_total >= 100);   /* the hog did run meanwhile */
	CHECK_OK(kill(hog, SIGKILL));
	ut_wait(hog);
	return 0;
}

/* While a real-time task computes, a normal one gets no CPU at all. */
static int rt_busy_starves_normal(void)
{
	int hog = ut_helper(NULL, "spin", NULL);
	sleep_ms(20);
	set_params(0, SCHED_RT, 5, 10, 100);
	unsigned before = ut_stat(hog).ticks_total;
	ut_spin_ms(50);
	unsigned during = ut_stat(hog).ticks_total - before;
	CHECK_OK(setsched(0, &normal_default));
	CHECK_EQ(during, 0);
	sleep_ms(30);
	CHECK(ut_stat(hog).ticks_total > before);   /* and it runs again after */
	CHECK_OK(kill(hog, SIGKILL));
	ut_wait(hog);
	return 0;
}

/* SIGSTOP freezes a spinning child (no ticks, PSTATE_STOPPED); SIGCONT resumes it. */
static int stop_and_continue(void)
{
	int pid = ut_helper(NULL, "spin", NULL);
	sleep_ms(20);
	CHECK_OK(kill(pid, SIGSTOP));
	struct procstat s1 = ut_stat(pid);
	CHECK_EQ(s1.state, PSTATE_STOPPED);
	sleep_ms(50);
	struct procstat s2 = ut_stat(pid);
	CHECK_EQ(s2.state, PSTATE_STOPPED);
	CHECK_EQ(s2.ticks_total, s1.ticks_total);
	CHECK_OK(kill(pid, SIGCONT));
	CHECK_EQ(ut_stat(pid).state, PSTATE_RUNNABLE);
	sleep_ms(50);
	CHECK(ut_stat(pid).ticks_total > s2.ticks_total);
	CHECK_OK(kill(pid, SIGKILL));
	CHECK_EQ(WTERMSIG(ut_wait(pid)), SIGKILL);
	return 0;
}

/* A process that computes for 250 ms fills its 100-tick accounting window. */
static int accounting_window(void)
{
	set_params(0, SCHED_NORMAL, 0, 10, 100);
	ut_spin_ms(250);
	struct procstat st = ut_stat(0);
	CHECK(st.ticks_total >= 200);
	CHECK(st.ticks_window >= 80);
	CHECK(st.ticks_window <= 100);
	CHECK(st.ticks_current <= 100);
	return 0;
}

static int getsched_defaults(void)
{
	struct sched_param sp;
	CHECK_OK(getsched(0, &sp));
	CHECK_EQ(sp.sched_class, SCHED_NORMAL);
	CHECK_EQ(sp.priority, 0);
	CHECK(sp.quantum >= 1 && sp.quantum <= 1000);
	CHECK(sp.period >= 1 && sp.period <= 10000);
	struct procstat st = ut_stat(0);
	CHECK_EQ(st.sched.sched_class, sp.sched_class);
	CHECK_EQ(st.sched.quantum, sp.quantum);
	CHECK_EQ(st.sched.period, sp.period);
	return 0;
}

static int setsched_round_trip(void)
{
	struct sched_param got;
	static const struct sched_param want[] = {
		{ SCHED_NORMAL, 0, 5, 50 }, { SCHED_NORMAL, 0, 1, 1 },
		{ SCHED_NORMAL, 0, 1000, 10000 }, { SCHED_RT, 1, 10, 100 },
		{ SCHED_RT, SCHED_RT_LEVELS - 1, 20, 200 }, { SCHED_NORMAL, 0, 10, 100 },
	};
	for (unsigned i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CHECK_OK(setsched(0, &want[i]));
		CHECK_OK(getsched(getpid(), &got));
		CHECK_EQ(got.sched_class, want[i].sched_class);
		CHECK_EQ(got.priority, want[i].priority);
		CHECK_EQ(got.quantum, want[i].quantum);
		CHECK_EQ(got.period, want[i].period);
	}
	return 0;
}

/* Every out-of-range field is -EINVAL, and a refused call changes nothing. */
static int setsched_rejects_bad_params(void)
{
	static const struct sched_param bad[] = {
		{ 7, 0, 10, 100 },                      /* no such class */
		{ -1, 0, 10, 100 },
		{ SCHED_NORMAL, 3, 10, 100 },           /* normal tasks have priority 0 */
		{ SCHED_RT, 0, 10, 100 },               /* RT priority 1..31 */
		{ SCHED_RT, SCHED_RT_LEVELS, 10, 100 },
		{ SCHED_RT, -5, 10, 100 },
		{ SCHED_NORMAL, 0, 0, 100 },            /* quantum 1..1000 */
		{ SCHED_NORMAL, 0, 1001, 100 },
		{ SCHED_NORMAL, 0, -10, 100 },
		{ SCHED_NORMAL, 0, 10, 0 },             /* period 1..10000 */
		{ SCHED_NORMAL, 0, 10, 10001 },
	};
	struct sched_param before, after;
	CHECK_OK(getsched(0, &before));
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		if (setsched(0, &bad[i]) != -1 || errno != EINVAL)
			ut_fail(__FILE__, __LINE__, "setsched {%d, %d, %d, %d} (errno %s, want EINVAL)",
				bad[i].sched_class, bad[i].priority, bad[i].quantum, bad[i].period,
				ut_errname(errno));
	}
	CHECK_OK(getsched(0, &after));
	CHECK(memcmp(&before, &after, sizeof(before)) == 0);
	CHECK_FAILS(setsched(99999, &normal_default), ESRCH);
	CHECK_FAILS(getsched(99999, &after), ESRCH);
	return 0;
}

/* setsched of another process changes that process, as getsched and procstat see. */
static int setsched_other_process(void)
{
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	sleep_ms(20);   /* let it start (kill_sigkill_child_before_it_runs tests the other case) */
	set_params(pid, SCHED_NORMAL, 0, 3, 30);
	struct sched_param sp;
	CHECK_OK(getsched(pid, &sp));
	CHECK_EQ(sp.quantum, 3);
	CHECK_EQ(sp.period, 30);
	struct procstat st = ut_stat(pid);
	CHECK_EQ(st.sched.quantum, 3);
	CHECK_EQ(st.sched.period, 30);
	CHECK_OK(getsched(0, &sp));
	CHECK(sp.quantum != 3 || sp.period != 30);   /* ours did not change */
	CHECK_OK(kill(pid, SIGKILL));
	ut_wait(pid);
	return 0;
}

const struct ut_test ut_sched_tests[] = {
	{ "sleep_wakes_within_a_tick", sleep_within_a_tick },
	{ "sched_two_hogs_share_cpu", two_hogs_share_cpu },
	{ "sched_rt_wakeups_on_time_despite_hog", rt_wakeups_on_time },
	{ "sched_rt_busy_task_starves_normal", rt_busy_starves_normal },
	{ "sched_sigstop_freezes_sigcont_resumes", stop_and_continue },
	{ "sched_accounting_window_of_busy_task", accounting_window },
	{ "getsched_defaults_normal_class", getsched_defaults },
	{ "setsched_getsched_round_trip", setsched_round_trip },
	{ "setsched_rejects_bad_params_einval", setsched_rejects_bad_params },
	{ "setsched_other_process", setsched_other_process },
	{ NULL, NULL },
};
