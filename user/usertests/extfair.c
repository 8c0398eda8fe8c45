/*
 * usertests: QoS safety of extension calls. An extension runs on its
 * caller's CPU time, preempted and charged like the caller's own code, so a
 * process that calls a spinning extension back to back with the largest
 * reservation gets exactly the share it would get by spinning in user space:
 * half against an equal competitor, nothing against a higher priority,
 * everything (one reservation at a time) above a lower one.
 *
 * Each test runs two helpers for FAIR_MS of virtual time and asserts each
 * one's share of the ticks that passed, read from procstat. The runner
 * itself sleeps at the top real-time priority so that it can always wake.
 */
#include "ut.h"

#define FAIR_MS 5000
#define EXT_BASIC "/ext/test/basic.to"

/*
 * extcall [PRIO]: load the basic extension and call its `spin` export with
 * the largest reservation forever, at RT priority PRIO if given. After each
 * call it writes '.' to stdout if the invocation ended as it must (an
 * overrun charged exactly the reservation), else 'X'.
 */
static _Noreturn int h_extcall(int argc, char **argv)
{
	(void)argc; (void)argv;
	char msg[128];
	int h = ext_load(EXT_BASIC, msg, sizeof(msg));
	int spin = h < 0 ? -1 : ext_lookup(h, "spin");
	if (spin < 0)
		exit(2);
	for (;;) {
		struct ext_call c;
		memset(&c, 0, sizeof(c));
		c.reservation = EXT_MAX_RESERVATION;
		int r = ext_call_index(h, spin, &c);
		int ok = r == 0 && c.status == EXT_ABORT_OVERRUN &&
			  c.ticks == EXT_MAX_RESERVATION;
		write(1, ok ? "." : "X", 1);
	}
}

const struct ut_helper ut_extfair_helpers[] = {
	{ "extcall", h_extcall },
	{ NULL, NULL },
};

static void set_rt(int pid, int prio)
{
	struct sched_param sp = { SCHED_RT, prio, 10, 100 };
	CHECK_OK(setsched(pid, &sp));
}

/* What one run measured: each helper's ticks and the ticks that passed. */
struct shares {
	unsigned caller, spinner, elapsed;
	int good, bad;          /* the caller's invocations that ended right, and wrong */
};

/*
 * Start the extension caller and a user-space spinner at the priorities
 * given (0: normal), let them compete for FAIR_MS, then stop both and count.
 */
static struct shares compete(int caller_prio, int spinner_prio)
{
	struct sched_param me;
	CHECK_OK(getsched(0, &me));
	set_rt(0, SCHED_RT_LEVELS - 1);
	int fds[2];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { 0, fds[1], 2 };
	int caller = ut_helper(fdmap, "extcall", NULL);
	CHECK_OK(close(fds[1]));
	int spinner = ut_helper(NULL, "spin", NULL);
	if (caller_prio)
		set_rt(caller, caller_prio);
	if (spinner_prio)
		set_rt(spinner, spinner_prio);

	sleep_ms(100);                     /* let both get going */
	unsigned c0 = ut_stat(caller).ticks_total, s0 = ut_stat(spinner).ticks_total;
	unsigned t0 = uptime();
	sleep_ms(FAIR_MS);
	struct shares r = { ut_stat(caller).ticks_total - c0, ut_stat(spinner).ticks_total - s0,
			    uptime() - t0, 0, 0 };
	CHECK_OK(kill(caller, SIGKILL));
	CHECK_OK(kill(spinner, SIGKILL));
	ut_wait(caller);
	ut_wait(spinner);
	char buf[256];
	int n;
	while ((n = (int)read(fds[0], buf, sizeof(buf))) > 0)
		for (int i = 0; i < n; i++)
			buf[i] == '.' ? r.good++ : r.bad++;
	CHECK_OK(close(fds[0]));
	CHECK_OK(setsched(0, &me));
	printf("extension caller %u ticks (%u%%), spinner %u ticks (%u%%) of %u; "
	       "invocations %d right, %d wrong\n", r.caller, r.caller * 100 / r.elapsed,
	       r.spinner, r.spinner * 100 / r.elapsed, r.elapsed, r.good, r.bad);
	return r;
}

/* Both normal: each gets between 40% and 60%, as two user-space spinners would. */
static int ext_caller_shares_cpu_equally(void)
{
	struct shares r = compete(0, 0);
	CHECK(r.caller * 100 >= r.elapsed * 40 && r.caller * 100 <= r.elapsed * 60);
	CHECK(r.spinner * 100 >= r.elapsed * 40 && r.spinner * 100 <= r.elapsed * 60);
	CHECK_EQ(r.bad, 0);
	return 0;
}

/* The caller below the spinner in RT priority: the spinner gets at least 95%. */
static int ext_caller_below_rt_spinner_starves(void)
{
	struct shares r = compete(5, 10);
	CHECK(r.spinner * 100 >= r.elapsed * 95);
	CHECK(r.caller * 100 <= r.elapsed * 5);
	CHECK_EQ(r.bad, 0);
	return 0;
}

/*
 * The caller above the spinner: the caller gets at least 95%, and still
 * every invocation ends at its reservation (at least four of them ran).
 */
static int ext_caller_above_rt_spinner_wins(void)
{
	struct shares r = compete(10, 5);
	CHECK(r.caller * 100 >= r.elapsed * 95);
	CHECK_EQ(r.bad, 0);
	CHECK(r.good >= 4);
	return 0;
}

const struct ut_test ut_extfair_tests[] = {
	{ "extfair_equal_shares", ext_caller_shares_cpu_equally },
	{ "extfair_lower_rt_caller_starves", ext_caller_below_rt_spinner_starves },
	{ "extfair_higher_rt_caller_wins", ext_caller_above_rt_spinner_wins },
	{ NULL, NULL },
};
