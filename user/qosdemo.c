/*
 * qosdemo: three CPU-bound tasks under the Dionisys CPU service manager.
 *
 *   qosdemo [SECONDS]            run the demo for SECONDS (default 10)
 *   qosdemo -c TARGET PERIOD     one task (started by the demo itself)
 *
 * The demo starts three copies of itself as tasks asking for 20 ms of CPU
 * per 100 ms, 30 per 100 and 80 per 200. Each task makes itself a
 * Dionisys application: an attribute class in the SM "cpu" (target_cpu,
 * min_cpu, max_cpu, period, actual_cpu, timeslice-adjustment), the monitor
 * /ext/monitor.to run every 10 ticks, the PID handler /ext/pid.to (both
 * from user/ext/), and an event channel from the one to the other (libc's
 * DJoinCPU makes them all); then it spins. Every second the demo prints each task's share of the CPU over that second (from
 * procstat's ticks_total) beside its target, and the task's actual_cpu and
 * timeslice-adjustment attributes (each task grants the demo read access),
 * then kills the tasks after SECONDS. Monitor and handler names are unique
 * within an SM, so each task names its own "mon.PID" and "pid.PID".
 * Joining the CPU SM needs RIGHT_RT (docs/rights.md): run the demo as
 * `rt 20 qosdemo`, and it passes the right on to its tasks.
 * Exits 0, 1 if a task could not be started or set up, 2 on a usage error.
 */
#include <dionisys.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#define NTASKS      3
#define DEFAULT_SECONDS 10
#define DEMO_PRIORITY 20                    /* RT: above the tasks, below the SM threads */
#define SETUP_MS    500                     /* how long a task may take to set itself up */

/* The tasks' requests: TARGET ticks of CPU per PERIOD ticks. */
static const struct { int target, period; } requests[NTASKS] = {
	{ 20, 100 }, { 30, 100 }, { 80, 200 },
};

/* ---- A task ---- */

/* Spin, the CPU-bound work; never returns. */
static _Noreturn void spin(void)
{
	static volatile unsigned sink;
	for (;;)
		sink = sink * 1103515245u + 12345u;
}

/*
 * The -c role: join the CPU SM asking for TARGET ticks per PERIOD (at
 * least half of it, at most twice it), with the monitor, the handler and
 * their channel, grant the parent read access (DJoinCPU does it all),
 * and spin.
 */
static _Noreturn void task(int target, int period)
{
	char why[160];

	if (DJoinCPU(target, target / 2, 2 * target < period ? 2 * target : period, period,
		     why, sizeof(why)) < 0) {
		fprintf(stderr, "qosdemo: task %d/%d: %s\n", target, period, why);
		exit(1);
	}
	spin();
}

/* ---- The demo ---- */

struct running {
	int pid;                     /* 0: gone */
	int cd;                      /* its application, once it appears in the listing */
	unsigned ticks;              /* its ticks_total at the last sample */
};

/* The class descriptor of the application process PID owns, or 0 while it has none. */
static int class_of(int pid)
{
	struct dion_info d;
	for (int i = 0; DList(i, &d) == 1; i++)
		if (d.kind == DION_CLASS && d.owner == pid)
			return d.cd;
	return 0;
}

/* Start task I as `qosdemo -c TARGET PERIOD`; its pid, or -1 after saying why. */
static int start(int i)
{
	char target[12], period[12];
	char *argv[] = { "/bin/qosdemo", "-c", target, period, NULL };
	snprintf(target, sizeof(target), "%d", requests[i].target);
	snprintf(period, sizeof(period), "%d", requests[i].period);
	/* Joining the CPU SM needs RIGHT_RT: pass it on if we hold it (`rt 20 qosdemo`). */
	int pid = spawnx(argv[0], argv, NULL, rights(0) & RIGHT_RT, SPAWN_PGID_INHERIT);
	if (pid < 0)
		fprintf(stderr, "qosdemo: cannot start a task: %s\n", strerror(errno));
	return pid;
}

/* Print "cpu% (attribute values)" of task T over ELAPSED ticks, and take its new sample. */
static void report(struct running *t, int i, unsigned elapsed)
{
	struct procstat st;
	int actual, adjust;

	if (procstat(t->pid, &st) < 0) {
		printf("  %2d/%-3d  gone", requests[i].target, requests[i].period);
		return;
	}
	unsigned used = st.ticks_total - t->ticks;
	t->ticks = st.ticks_total;
	printf("  %2d/%-3d %3u%% (want %2d%%", requests[i].target, requests[i].period,
	       elapsed ? used * 100 / elapsed : 0, requests[i].target * 100 / requests[i].period);
	if (t->cd > 0 && DGetAttr(t->cd, "actual_cpu", &actual) == 0 &&
	    DGetAttr(t->cd, "timeslice-adjustment", &adjust) == 0)
		printf(", actual %d adj %d)", actual, adjust);
	else
		printf(")");
}

/* Reap a task that ended by itself, and say how. Returns 1 if it had. */
static int ended(struct running *t, int i)
{
	int status;
	if (waitpid(t->pid, &status, WNOHANG) != t->pid)
		return 0;
	printf("qosdemo: task %d/%d (pid %d) ended (%s %d)\n", requests[i].target,
	       requests[i].period, t->pid, WIFSIGNALED(status) ? "signal" : "status",
	       WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	t->pid = 0;
	return 1;
}

static int demo(int seconds)
{
	struct running tasks[NTASKS];
	struct sched_param me = { SCHED_RT, DEMO_PRIORITY, 10, 1000 };
	int failed = 0;

	if (setsched(0, &me) < 0)
		fprintf(stderr, "qosdemo: setsched: %s (the demo may print late)\n",
			strerror(errno));
	memset(tasks, 0, sizeof(tasks));
	for (int i = 0; i < NTASKS; i++) {
		tasks[i].pid = start(i);
		if (tasks[i].pid < 0) {
			tasks[i].pid = 0;
			failed = 1;
		}
	}
	/* Wait for each task to appear in the listing (or to fail). */
	for (unsigned t0 = uptime(); uptime() - t0 < SETUP_MS;) {
		int waiting = 0;
		for (int i = 0; i < NTASKS; i++) {
			if (tasks[i].pid && !tasks[i].cd && !ended(&tasks[i], i))
				tasks[i].cd = class_of(tasks[i].pid);
			if (!tasks[i].pid)
				failed = 1;
			waiting += tasks[i].pid && !tasks[i].cd;
		}
		if (!waiting)
			break;
		sleep_ms(10);
	}
	printf("qosdemo: CPU share per second of tasks TARGET/PERIOD ms; actual_cpu and "
	       "timeslice-adjustment from their attributes\n");
	unsigned last = uptime();
	for (int i = 0; i < NTASKS; i++) {
		struct procstat st;
		if (tasks[i].pid && procstat(tasks[i].pid, &st) == 0)
			tasks[i].ticks = st.ticks_total;
	}
	for (int s = 1; s <= seconds; s++) {
		sleep_ms(1000);
		unsigned now = uptime();
		printf("%3ds", s);
		for (int i = 0; i < NTASKS; i++)
			if (tasks[i].pid && !ended(&tasks[i], i))
				report(&tasks[i], i, now - last);
		printf("\n");
		last = now;
	}
	for (int i = 0; i < NTASKS; i++) {
		if (!tasks[i].pid)
			continue;
		kill(tasks[i].pid, SIGKILL);
		waitpid(tasks[i].pid, NULL, 0);
	}
	return failed;
}

static int usage(void)
{
	fprintf(stderr, "usage: qosdemo [SECONDS]   (SECONDS a whole number above 0, default %d)\n",
		DEFAULT_SECONDS);
	return 2;
}

/* Parse S as a whole number above 0 into *OUT; 0 or -1. */
static int positive(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

int main(int argc, char *argv[])
{
	int seconds = DEFAULT_SECONDS, target, period;

	if (argc == 4 && strcmp(argv[1], "-c") == 0) {
		if (positive(argv[2], &target) < 0 || positive(argv[3], &period) < 0)
			return usage();
		task(target, period);
	}
	if (argc > 2 || (argc == 2 && positive(argv[1], &seconds) < 0))
		return usage();
	return demo(seconds);
}
