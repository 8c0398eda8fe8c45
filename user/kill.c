/*
 * kill: send a signal to processes.
 *
 *   kill [-SIGNAL] PID...
 *
 * SIGNAL is a name (INT, KILL, USR1, USR2, ALRM, TERM, CHLD, CONT, STOP,
 * TSTP, TTIN, with or without "SIG") or a number; the default is TERM. A
 * process may signal only its descendants unless it holds RIGHT_SIGNAL
 * (docs/rights.md), so the shell's own `kill` built-in, which reaches the
 * shell's jobs, comes first; this program serves scripts and programs
 * that hold the right. Exits 0, 1 if some PID could not be signalled, or
 * 2 for a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "INT", SIGINT }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
};

/* The signal named by S (after the '-'), or -1. */
static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (strcmp(s, signals[i].name) == 0)
			return signals[i].sig;
	n = strtol(s, &end, 10);
	return *s && *end == '\0' && n > 0 && n < 128 ? (int)n : -1;
}

static int usage(void)
{
	fprintf(stderr, "usage: kill [-SIGNAL] PID...\n");
	return 2;
}

int main(int argc, char *argv[])
{
	int sig = SIGTERM, first = 1, status = 0;

	if (argc > 1 && argv[1][0] == '-') {
		sig = parse_signal(argv[1] + 1);
		if (sig < 0) {
			fprintf(stderr, "kill: %s: unknown signal\n", argv[1]);
			return usage();
		}
		first = 2;
	}
	if (first >= argc)
		return usage();
	for (int i = first; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*argv[i] == '\0' || *end != '\0' || pid <= 0) {
			fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
			status = 1;
		} else if (kill((int)pid, sig) < 0) {
			fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}
