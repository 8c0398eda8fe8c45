/*
 * usermgr: the user-level CPU service manager of the SafeX experiment.
 *
 *   usermgr [--rr-dist PID] PID:TARGET:PERIOD ...
 *
 * Manages each process PID so that it gets TARGET ticks (ms) of CPU per
 * request period of PERIOD ticks, with the kernel CPU service manager's
 * policy written again at user level (user/mgr/): the same static RT
 * priority, actual_cpu, PID controller and guard, but measured with
 * procstat and enforced with SIGSTOP and SIGCONT, every 10 ms (passes at
 * multiples of 10 ticks). The manager runs at RT priority 30, FIFO, the
 * disturbance's priority: a FIFO disturbance keeps it from running until
 * it blocks. With --rr-dist PID (the paper's RR configuration) it also
 * demotes the disturbance PID to RT priority 1 while an application is
 * short of its target in its current period, and restores it (RT 30,
 * quantum 110) otherwise.
 *
 * Runs until every managed process is gone, or until SIGKILL. Exits 0, 1
 * if a process could not be managed, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talos.h>
#include <unistd.h>

#include "mgr/mgr.h"

static int usage(void)
{
	fprintf(stderr, "usage: usermgr [--rr-dist PID] PID:TARGET:PERIOD ...  "
		"(0 < TARGET <= PERIOD <= 10000 ticks)\n");
	return 2;
}

/* Parse a whole number above 0 from *S up to a character in STOP; 0 or -1. */
static int number(const char **s, const char *stop, int *out)
{
	char *end;
	long v = strtol(*s, &end, 10);
	if (end == *s || !strchr(stop, *end) || v <= 0 || v > 100000)
		return -1;
	*out = (int)v;
	*s = end + (*end != '\0');
	return 0;
}

/* Parse "PID:TARGET:PERIOD". 0 or -1. */
static int parse_app(const char *s, int *pid, int *target, int *period)
{
	if (number(&s, ":", pid) || number(&s, ":", target) || number(&s, "", period))
		return -1;
	return *target <= *period && *period <= 10000 ? 0 : -1;
}

/* Sleep until the next multiple of MGR_PASS ticks; that tick. */
static unsigned next_pass(void)
{
	unsigned now = uptime();
	unsigned next = (now / MGR_PASS + 1) * MGR_PASS;
	sleep_ms(next - now);
	now = uptime();
	return now - now % MGR_PASS;
}

int main(int argc, char *argv[])
{
	static struct mgr m;
	int first = 1, dist = 0;

	if (argc > 2 && strcmp(argv[1], "--rr-dist") == 0) {
		const char *s = argv[2];
		if (number(&s, "", &dist))
			return usage();
		first = 3;
	}
	if (first >= argc || argc - first > MGR_APPS_MAX)
		return usage();
	struct sched_param me = { SCHED_RT, MGR_PRIORITY, 0, 1000 };   /* quantum 0: FIFO */
	if (setsched(0, &me) != 0) {
		fprintf(stderr, "usermgr: setsched(RT %d, FIFO): %s\n", MGR_PRIORITY,
			strerror(errno));
		return 1;
	}
	mgr_init(&m, dist);
	unsigned now = uptime();
	for (int i = first; i < argc; i++) {
		int pid, target, period;
		if (parse_app(argv[i], &pid, &target, &period))
			return usage();
		if (mgr_add(&m, pid, target, period, now) != 0) {
			fprintf(stderr, "usermgr: cannot manage pid %d: %s\n", pid, strerror(errno));
			return 1;
		}
	}
	while (mgr_pass(&m, next_pass()) > 0)
		;
	mgr_release(&m);
	return 0;
}
