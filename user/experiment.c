/*
 * experiment: the in-guest driver of the SafeX experiment (West & Gloudon,
 * ECRTS 2002): three CPU-bound real-time applications with CPU targets per
 * request period, a bursty disturbance, and a CPU manager either in the
 * kernel (Dionisys) or at user level (usermgr).
 *
 *   experiment WORKLOAD CONFIG SECONDS SEED [--force AT LEN]
 *   experiment              (as init: the same arguments, read from /etc/experiment)
 *
 * WORKLOAD: mpeg (mpegenc asking for 20/100, 30/100 and 80/200 ms) or
 * hardloop (hardloop, 40/400, 100/500 and 60/200). CONFIG: kernel (the
 * applications join the kernel CPU SM themselves: --join; disturbance
 * FIFO), user-fifo (usermgr, disturbance FIFO) or user-rr (usermgr
 * --rr-dist, disturbance round-robin with a 110 ms quantum). The
 * disturbance is `disturb SEED`, at RT priority 30, with --force AT LEN
 * passed on. The driver prints "EXP workload W config C seconds S seed N",
 * starts everything, starts the kernel's CPU recorder (cpu_record: the
 * three applications with their targets, the disturbance with none, every
 * 10 ticks) at the first whole second after a 2 s set-up (time to join,
 * and to fill actual_cpu's 4 periods), sleeps SECONDS, stops the recorder,
 * kills everything, prints "EXP done" and powers off with
 * POWEROFF_SUITE_DONE. tools/experiment.py reads the console.
 *
 * Rights (docs/rights.md): as init it holds them all; it passes RIGHT_RT
 * to the disturbance and to applications that join the CPU SM, and
 * RIGHT_RT with RIGHT_SIGNAL to usermgr, which re-schedules and stops its
 * siblings. It runs at RT priority 31, above the FIFO disturbance (30), so that it
 * wakes up to end the run; it only sleeps. On a usage error or a failure
 * it prints "EXP error: ..." and powers off normally (QEMU status 0).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#define NAPPS        3
#define PRIORITY     31           /* above the disturbance and the usermgr (30) */
#define INTERVAL     10           /* recorder interval, ticks */
#define SETUP_MS     2000         /* set-up, and 4 of the longest periods for actual_cpu */
#define ARGS_FILE    "/etc/experiment"
#define ARGS_MAX     16

struct workload {
	const char *name;             /* as given on the command line */
	const char *program;          /* /bin/NAME */
	int target[NAPPS], period[NAPPS];
};

static const struct workload workloads[] = {
	{ "mpeg", "/bin/mpegenc", { 20, 30, 80 }, { 100, 100, 200 } },
	{ "hardloop", "/bin/hardloop", { 40, 100, 60 }, { 400, 500, 200 } },
};

enum config { KERNEL, USER_FIFO, USER_RR };
static const char *const config_names[] = { "kernel", "user-fifo", "user-rr" };

static int pids[NAPPS + 2];       /* the applications, the disturbance, the usermgr */
static int npids;

/* Print "EXP error: ...", kill what was started and power off (status 0). */
static _Noreturn __attribute__((format(printf, 1, 2))) void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("EXP error: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	for (int i = 0; i < npids; i++)
		kill(pids[i], SIGKILL);
	fflush(stdout);
	poweroff(POWEROFF_NORMAL);
	exit(1);
}

/*
 * Spawn ARGV (NULL-terminated) holding RIGHTS (docs/rights.md); its pid,
 * kept for the end of the run.
 */
static int start(char **argv, unsigned rights)
{
	int pid = spawnx(argv[0], argv, NULL, rights, SPAWN_PGID_INHERIT);
	if (pid < 0)
		fail("spawn %s: %s", argv[0], strerror(errno));
	pids[npids++] = pid;
	return pid;
}

/* Split the one line of ARGS_FILE into ARGV (after argv[0]); the new argc. */
static int read_args(char **argv, int max)
{
	static char line[256];
	FILE *f = fopen(ARGS_FILE, "r");
	if (!f || !fgets(line, sizeof(line), f))
		fail("no arguments, and no %s to read them from", ARGS_FILE);
	fclose(f);
	int argc = 1;
	for (char *w = strtok(line, " \t\n"); w && argc < max - 1; w = strtok(NULL, " \t\n"))
		argv[argc++] = w;
	argv[argc] = NULL;
	return argc;
}

/* A whole number above 0 from S, or a usage failure naming WHAT. */
static int positive(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v <= 0 || v > 1000000)
		fail("usage: %s must be a whole number above 0, not \"%s\"", what, s);
	return (int)v;
}

/* Start the three applications of W; with JOIN they join the kernel CPU SM. */
static void start_apps(const struct workload *w, int join, int *app)
{
	for (int i = 0; i < NAPPS; i++) {
		char target[12], period[12];
		snprintf(target, sizeof(target), "%d", w->target[i]);
		snprintf(period, sizeof(period), "%d", w->period[i]);
		char *argv[] = { (char *)w->program, "--join", target, period, NULL };
		if (!join)
			argv[1] = NULL;
		app[i] = start(argv, join ? RIGHT_RT : 0);     /* joining the CPU SM needs it */
	}
}

/* Start `disturb SEED --fifo|--rr 110 [--force AT LEN]`. */
static int start_disturbance(enum config c, char *seed, char *at, char *len)
{
	char *argv[10] = { "/bin/disturb", seed };
	int n = 2;
	if (c == USER_RR) {
		argv[n++] = "--rr";
		argv[n++] = "110";
	} else {
		argv[n++] = "--fifo";
	}
	if (at) {
		argv[n++] = "--force";
		argv[n++] = at;
		argv[n++] = len;
	}
	argv[n] = NULL;
	return start(argv, RIGHT_RT);                  /* it runs at a real-time priority */
}

/* Start `usermgr [--rr-dist DIST] PID:TARGET:PERIOD ...`. */
static void start_usermgr(const struct workload *w, const int *app, int dist, int rr)
{
	static char specs[NAPPS][40], dist_pid[12];
	char *argv[NAPPS + 4] = { "/bin/usermgr" };
	int n = 1;
	if (rr) {
		snprintf(dist_pid, sizeof(dist_pid), "%d", dist);
		argv[n++] = "--rr-dist";
		argv[n++] = dist_pid;
	}
	for (int i = 0; i < NAPPS; i++) {
		snprintf(specs[i], sizeof(specs[i]), "%d:%d:%d", app[i], w->target[i], w->period[i]);
		argv[n++] = specs[i];
	}
	argv[n] = NULL;
	start(argv, RIGHT_RT | RIGHT_SIGNAL);          /* it re-schedules and stops its siblings */
}

/* Start (or, with N 0, stop) the kernel's CPU recorder. */
static void record(int n, const struct workload *w, const int *app, int dist)
{
	struct cpu_record r;
	memset(&r, 0, sizeof(r));
	r.n = n;
	r.interval = INTERVAL;
	for (int i = 0; i < n && i < NAPPS; i++) {
		r.pids[i] = app[i];
		r.targets[i] = w->target[i];
		r.periods[i] = w->period[i];
	}
	if (n > NAPPS) {
		r.pids[NAPPS] = dist;
		r.targets[NAPPS] = 0;
		r.periods[NAPPS] = 1000;
	}
	if (cpu_record(&r) != 0)
		fail("cpu_record(%d): %s", n, strerror(errno));
}

int main(int argc, char *argv[])
{
	char *args[ARGS_MAX];
	if (argc == 1) {
		args[0] = argv[0];
		argc = read_args(args, ARGS_MAX);
		argv = args;
	}
	if (argc != 5 && !(argc == 8 && strcmp(argv[5], "--force") == 0))
		fail("usage: experiment mpeg|hardloop kernel|user-fifo|user-rr SECONDS SEED "
		     "[--force AT LEN]");
	const struct workload *w = NULL;
	for (unsigned i = 0; i < sizeof(workloads) / sizeof(workloads[0]); i++)
		if (strcmp(argv[1], workloads[i].name) == 0)
			w = &workloads[i];
	int c = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(argv[2], config_names[i]) == 0)
			c = i;
	if (!w || c < 0)
		fail("usage: unknown workload \"%s\" or configuration \"%s\"", argv[1], argv[2]);
	int seconds = positive(argv[3], "SECONDS");
	positive(argv[4], "SEED");
	if (argc == 8) {
		positive(argv[6], "AT");
		positive(argv[7], "LEN");
	}

	struct sched_param me = { SCHED_RT, PRIORITY, 10, 1000 };
	if (setsched(0, &me) != 0)
		fail("setsched(RT %d): %s", PRIORITY, strerror(errno));
	printf("EXP workload %s config %s seconds %d seed %s\n", w->name, config_names[c],
	       seconds, argv[4]);
	fflush(stdout);

	int app[NAPPS];
	start_apps(w, c == KERNEL, app);
	int dist = start_disturbance(c, argv[4], argc == 8 ? argv[6] : NULL,
				     argc == 8 ? argv[7] : NULL);
	if (c != KERNEL)
		start_usermgr(w, app, dist, c == USER_RR);
	printf("EXP pids %d %d %d disturbance %d\n", app[0], app[1], app[2], dist);
	fflush(stdout);

	sleep_ms(SETUP_MS);
	unsigned now = uptime();
	sleep_ms(1000 - now % 1000);
	record(NAPPS + 1, w, app, dist);
	printf("EXP start %u\n", uptime());
	fflush(stdout);
	sleep_ms((unsigned)seconds * 1000);
	record(0, w, app, dist);
	/* Kill all before waiting: a killed process dies when it next runs. */
	for (int i = 0; i < npids; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < npids; i++)
		waitpid(pids[i], NULL, 0);
	printf("EXP done %u\n", uptime());
	fflush(stdout);
	poweroff(POWEROFF_SUITE_DONE);
	return 1;
}
