/*
 * ps: list the processes, one per line:
 *
 *   PID PPID STATE  CLASS  PRI QUANT  TICKS WINDOW NAME
 *
 * STATE is run, sleep, block, stop or zombie; CLASS is normal or rt (with
 * its priority PRI); QUANT is the round-robin quantum in ticks; TICKS the
 * CPU ticks used since the process started, WINDOW those used in the last
 * full accounting window (of the process's period). Exits 0, or 1 if the
 * process list could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <talos.h>

#define MAX_SHOWN 128   /* processes listed at most */

static const char *state_name(int state)
{
	switch (state) {
	case PSTATE_RUNNABLE: return "run";
	case PSTATE_SLEEPING: return "sleep";
	case PSTATE_BLOCKED:  return "block";
	case PSTATE_STOPPED:  return "stop";
	case PSTATE_ZOMBIE:   return "zombie";
	default:              return "?";
	}
}

int main(int argc, char *argv[])
{
	static int pids[MAX_SHOWN];
	int n;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	n = proclist(pids, MAX_SHOWN);
	if (n < 0) {
		fprintf(stderr, "ps: %s\n", strerror(errno));
		return 1;
	}
	printf("%5s %5s %-6s %-6s %3s %5s %8s %6s %s\n",
	       "PID", "PPID", "STATE", "CLASS", "PRI", "QUANT", "TICKS", "WINDOW", "NAME");
	for (int i = 0; i < n && i < MAX_SHOWN; i++) {
		struct procstat st;

		if (procstat(pids[i], &st) < 0)
			continue;           /* it ended and was reaped since proclist */
		printf("%5d %5d %-6s %-6s %3d %5d %8u %6u %s\n", st.pid, st.ppid,
		       state_name(st.state), st.sched.sched_class == SCHED_RT ? "rt" : "normal",
		       st.sched.priority, st.sched.quantum, st.ticks_total, st.ticks_window,
		       st.name);
	}
	if (n > MAX_SHOWN)
		printf("(%d more processes not shown)\n", n - MAX_SHOWN);
	return 0;
}
