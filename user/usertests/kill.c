/*
 * usertests: kill. Bad signals and pids are refused; SIGKILL and SIGTERM
 * end a child whatever it is doing (sleeping, computing, or not yet run)
 * at once, and its parent sees the signal in the wait status. (Children
 * blocked on a pipe: pipe.c; SIGSTOP and SIGCONT: sched.c.)
 */
#include "ut.h"

static int kill_bad_args(void)
{
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	sleep_ms(20);
	CHECK_FAILS(kill(pid, 0), EINVAL);
	CHECK_FAILS(kill(pid, 99), EINVAL);
	CHECK_FAILS(kill(pid, -9), EINVAL);
	CHECK_FAILS(kill(99999, SIGKILL), ESRCH);
	CHECK_FAILS(kill(-5, SIGKILL), ESRCH);
	CHECK_EQ(ut_stat(pid).state, PSTATE_SLEEPING);   /* none of that touched it */
	CHECK_OK(kill(pid, SIGKILL));
	int status = ut_wait(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

static int kill_sleeping_child(void)
{
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_SLEEPING);
	unsigned t0 = uptime();
	CHECK_OK(kill(pid, SIGKILL));
	int status = ut_wait(pid);
	CHECK(uptime() - t0 < 100);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

/*
 * SIGKILL sent before the child has even run: it must still die at once,
 * not first carry out what it was started to do (here: sleep 100 s).
 */
static int kill_child_before_it_runs(void)
{
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	unsigned t0 = uptime();
	CHECK_OK(kill(pid, SIGKILL));
	int status = ut_wait(pid);
	unsigned took = uptime() - t0;
	if (took >= 100)
		ut_fail(__FILE__, __LINE__, "killed child took %u ms to die, want < 100", took);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

static int kill_sigterm_running_child(void)
{
	int pid = ut_helper(NULL, "spin", NULL);
	sleep_ms(20);
	CHECK_OK(kill(pid, SIGTERM));
	int status = ut_wait(pid);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	return 0;
}

/*
 * SIGSTOP to a sleeping child stops it: when its sleep ends it does not
 * run (no ticks, state stopped) until SIGCONT.
 */
static int sigstop_sleeping_child_stays_stopped(void)
{
	int child = ut_helper(NULL, "sleep", "30", NULL);    /* sleeps 30 ms, then exits */
	sleep_ms(10);
	CHECK_OK(kill(child, SIGSTOP));
	sleep_ms(60);                                        /* its sleep is over */
	struct procstat st = ut_stat(child);
	CHECK_EQ(st.state, PSTATE_STOPPED);
	CHECK_OK(kill(child, SIGCONT));
	int status = ut_wait(child);
	CHECK(WIFEXITED(status));
	return 0;
}

const struct ut_test ut_kill_tests[] = {
	{ "kill_sigstop_sleeping_child_stays_stopped", sigstop_sleeping_child_stays_stopped },
	{ "kill_bad_signal_einval_bad_pid_esrch", kill_bad_args },
	{ "kill_sigkill_sleeping_child", kill_sleeping_child },
	{ "kill_sigkill_child_before_it_runs", kill_child_before_it_runs },
	{ "kill_sigterm_running_child", kill_sigterm_running_child },
	{ NULL, NULL },
};
