/*
 * usertests: the CPU service manager end to end, in virtual time. Each
 * application is a CPU-bound helper that joins the "cpu" service manager
 * with a target per period, attaches the SafeX paper's monitor
 * (/ext/monitor.to) and PID handler (/ext/pid.to) through an event
 * channel, and spins. The test measures each helper's share of the CPU
 * from procstat and asserts it against the target. The runner sleeps at a
 * real-time priority above the applications' so that it always wakes.
 *
 * The Dionisys calls are made raw (ut_syscall) so that these tests check
 * the kernel's ABI itself.
 */
#include "ut.h"
#include "talos/dionisys.h"

#define SETTLE_MS 1000       /* let the controllers settle before measuring */

/* Join the CPU SM with TARGET ticks per PERIOD, attach the monitor and HANDLER_PATH. */
static int join_cpu(int target, int period, int max, const char *handler_path)
{
	int cd = ut_syscall(SYS_dion_init_app, 0, 0, 0);
	if (cd <= 0)
		return -1;
	const unsigned ext_rw = DION_R_ALL & ~(DION_R_OTHER_WRITE);
	struct dion_attr_def defs[] = {
		{ "target_cpu", target, DION_R_ALL },
		{ "min_cpu", 0, DION_R_ALL },
		{ "max_cpu", max, DION_R_ALL },
		{ "period", period, DION_R_ALL },
		{ "actual_cpu", 0, DION_R_OWNER_READ | DION_R_EXT_READ | DION_R_OTHER_READ },
		{ "timeslice-adjustment", 0, ext_rw },
	};
	if (ut_syscall4(SYS_dion_attrclass, (uint32_t)cd, (uint32_t)(uintptr_t)"cpu",
			(uint32_t)(uintptr_t)defs, 6) != 0)
		return -2;
	/* Monitor and handler names are unique within the SM: make them the app's own. */
	char mon[DION_NAME_MAX], pid[DION_NAME_MAX];
	snprintf(mon, sizeof(mon), "mon%d", getpid());
	snprintf(pid, sizeof(pid), "pid%d", getpid());
	struct dion_create req;
	memset(&req, 0, sizeof(req));
	req.kind = DION_MONITOR;
	req.cd = cd;
	strcpy(req.name, mon);
	req.period = 10;
	strcpy(req.path, "/ext/monitor.to");
	if (ut_syscall(SYS_dion_create, (uint32_t)(uintptr_t)&req, 0, 0) != 0) {
		printf("monitor: %s\n", req.msg);
		return -3;
	}
	req.kind = DION_HANDLER;
	strcpy(req.name, pid);
	strcpy(req.path, handler_path);
	if (ut_syscall(SYS_dion_create, (uint32_t)(uintptr_t)&req, 0, 0) != 0) {
		printf("handler: %s\n", req.msg);
		return -4;
	}
	req.kind = DION_CHANNEL;
	strcpy(req.name, mon);
	strcpy(req.handler, pid);
	if (ut_syscall(SYS_dion_create, (uint32_t)(uintptr_t)&req, 0, 0) <= 0)
		return -5;
	return cd;
}

/*
 * cpuapp TARGET PERIOD MAX HANDLER: join the CPU SM, say "ok" (or "fail N")
 * on stdout, then spin forever.
 */
static _Noreturn int h_cpuapp(int argc, char **argv)
{
	if (argc != 7)
		exit(2);
	int cd = join_cpu(atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), argv[6]);
	if (cd < 0)
		printf("fail %d\n", cd);
	else
		printf("ok\n");
	fflush(stdout);
	volatile unsigned n = 0;
	for (;;)
		n++;
}

const struct ut_helper ut_dioncpu_helpers[] = {
	{ "cpuapp", h_cpuapp },
	{ NULL, NULL },
};

struct app {
	int target, period, max;
	const char *handler;
	int pid;
	unsigned ticks0, ticks;
};

/* Start every app in APPS, wait until each has joined, then measure for MS. */
static unsigned run_apps(struct app *apps, int n, unsigned ms)
{
	struct sched_param me, top = { SCHED_RT, SCHED_RT_LEVELS - 2, 10, 100 };
	CHECK_OK(getsched(0, &me));
	CHECK_OK(setsched(0, &top));
	for (int i = 0; i < n; i++) {
		int fds[2];
		CHECK_OK(pipe(fds));
		int fdmap[3] = { 0, fds[1], 2 };
		char t[12], p[12], m[12];
		snprintf(t, sizeof(t), "%d", apps[i].target);
		snprintf(p, sizeof(p), "%d", apps[i].period);
		snprintf(m, sizeof(m), "%d", apps[i].max);
		apps[i].pid = ut_helper(fdmap, "cpuapp", t, p, m, apps[i].handler, NULL);
		CHECK_OK(close(fds[1]));
		char line[32] = "";
		int got = (int)read(fds[0], line, sizeof(line) - 1);
		CHECK_OK(close(fds[0]));
		if (got < 2 || strncmp(line, "ok", 2) != 0)
			ut_fail(__FILE__, __LINE__, "app %d did not join: %s", i, line);
	}
	sleep_ms(SETTLE_MS);
	for (int i = 0; i < n; i++)
		apps[i].ticks0 = ut_stat(apps[i].pid).ticks_total;
	unsigned t0 = uptime();
	sleep_ms(ms);
	unsigned elapsed = uptime() - t0;
	for (int i = 0; i < n; i++) {
		apps[i].ticks = ut_stat(apps[i].pid).ticks_total - apps[i].ticks0;
		printf("app %d/%d: %u ticks of %u (%u.%u%%)\n", apps[i].target, apps[i].period,
		       apps[i].ticks, elapsed, apps[i].ticks * 100 / elapsed,
		       apps[i].ticks * 1000 / elapsed % 10);
	}
	for (int i = 0; i < n; i++) {
		CHECK_OK(kill(apps[i].pid, SIGKILL));
		ut_wait(apps[i].pid);
	}
	CHECK_OK(setsched(0, &me));
	return elapsed;
}

/* Is TICKS of ELAPSED within TOL_PERMILLE of TARGET/PERIOD? */
static int near(unsigned ticks, unsigned elapsed, int target, int period, int tol_permille)
{
	int got = (int)(ticks * 1000 / elapsed), want = target * 1000 / period;
	return got >= want - tol_permille && got <= want + tol_permille;
}

/* The paper's three targets, no disturbance: each within 2 points of its share over 10 s. */
static int dioncpu_three_apps_on_target(void)
{
	struct app apps[] = {
		{ 20, 100, 40, "/ext/pid.to", 0, 0, 0 },
		{ 30, 100, 60, "/ext/pid.to", 0, 0, 0 },
		{ 80, 200, 160, "/ext/pid.to", 0, 0, 0 },
	};
	unsigned elapsed = run_apps(apps, 3, 10000);
	for (int i = 0; i < 3; i++)
		CHECK(near(apps[i].ticks, elapsed, apps[i].target, apps[i].period, 20));
	return 0;
}

/*
 * A handler that always asks for 1,000 ticks more than the target, with
 * max_cpu the whole period: the guard still holds it near 20%, beside a
 * well-behaved application that keeps its 30%.
 */
static int dioncpu_greedy_handler_held_to_target(void)
{
	struct app apps[] = {
		{ 20, 100, 100, "/ext/test/greedy.to", 0, 0, 0 },
		{ 30, 100, 60, "/ext/pid.to", 0, 0, 0 },
	};
	unsigned elapsed = run_apps(apps, 2, 5000);
	CHECK(near(apps[0].ticks, elapsed, 20, 100, 20));
	CHECK(near(apps[1].ticks, elapsed, 30, 100, 20));
	return 0;
}

/* The CPU recorder: bad requests are refused, a good one starts, n = 0 stops it. */
static int cpu_record_requests(void)
{
	struct cpu_record r;
	memset(&r, 0, sizeof(r));
	r.n = 1;
	r.interval = 10;
	r.pids[0] = getpid();
	r.targets[0] = 5;
	r.periods[0] = 100;
	CHECK_ERR(ut_syscall(SYS_cpu_record, UT_KERNEL_ADDR, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_cpu_record, UT_UNMAPPED, 0, 0), EFAULT);
	struct cpu_record bad = r;
	bad.n = CPU_RECORD_MAX + 1;
	CHECK_ERR(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&bad, 0, 0), EINVAL);
	bad = r;
	bad.interval = 0;
	CHECK_ERR(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&bad, 0, 0), EINVAL);
	bad = r;
	bad.periods[0] = 105;                     /* not a multiple of the interval */
	CHECK_ERR(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&bad, 0, 0), EINVAL);
	bad = r;
	bad.targets[0] = -1;
	CHECK_ERR(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&bad, 0, 0), EINVAL);
	CHECK_EQ(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&r, 0, 0), 0);
	sleep_ms(50);
	memset(&r, 0, sizeof(r));
	CHECK_EQ(ut_syscall(SYS_cpu_record, (uint32_t)(uintptr_t)&r, 0, 0), 0);
	return 0;
}

const struct ut_test ut_dioncpu_tests[] = {
	{ "cpu_record_requests", cpu_record_requests },
	{ "dioncpu_three_apps_on_target", dioncpu_three_apps_on_target },
	{ "dioncpu_greedy_handler_held_to_target", dioncpu_greedy_handler_held_to_target },
	{ NULL, NULL },
};
