/*
 * init: the first process. The kernel starts it (as /bin/init, or the
 * program named by init= on its command line) with descriptors 0, 1 and 2
 * open on the console.
 *
 *   init                 run /bin/sh on the console, and start a new one
 *                        whenever it ends
 *   init PROG [ARG...]   run PROG once with those arguments, wait for it,
 *                        and exit with its status (128 + N if signal N
 *                        killed it)
 *
 * Rights (docs/rights.md): init holds every right. It passes RIGHT_RT and
 * RIGHT_RECORD to the program it runs (the shell passes them on only
 * through its `rt` command) but not RIGHT_SIGNAL, so nothing a user starts
 * can signal what it did not start. The kernel ignores signals sent to
 * init by others; if init itself exits or faults, the machine powers off.
 *
 * Invariant: init waits with wait(), so it also reaps any other child that
 * ends while it waits for the shell.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#define SHELL        "/bin/sh"
#define RESPAWN_WAIT 1000   /* ms to wait before restarting a shell that lived less than this */

/*
 * Spawn ARGV[0] with ARGV, the console as 0, 1, 2, holding the rights a
 * user may pass on (RIGHT_RT, RIGHT_RECORD), in a new process group that
 * has the console, and wait until that child ends. Returns its wait
 * status, or -1 (with a message) if it could not be started.
 */
static int run(char *const argv[])
{
	int status, pid;

	fflush(stdout);
	pid = spawnx(argv[0], argv, NULL, RIGHT_RT | RIGHT_RECORD, SPAWN_PGID_FOREGROUND);
	if (pid < 0) {
		fprintf(stderr, "init: cannot start %s: %s\n", argv[0], strerror(errno));
		return -1;
	}
	for (;;) {
		int r = wait(&status);

		if (r == pid)
			return status;
		if (r < 0) {
			fprintf(stderr, "init: wait: %s\n", strerror(errno));
			return -1;
		}
	}
}

/* Print how a shell ended, in one line. */
static void report(int status)
{
	if (WIFSIGNALED(status))
		printf("init: %s killed by signal %d; starting a new one\n", SHELL,
		       WTERMSIG(status));
	else
		printf("init: %s exited with status %d; starting a new one\n", SHELL,
		       WEXITSTATUS(status));
}

int main(int argc, char *argv[])
{
	static char *const shell_argv[] = { SHELL, NULL };

	if (argc > 1) {
		int status = run(argv + 1);

		if (status < 0)
			return 127;
		return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
	}
	for (;;) {
		unsigned started = uptime();
		int status = run(shell_argv);

		if (status >= 0)
			report(status);
		if (uptime() - started < RESPAWN_WAIT)
			sleep_ms(RESPAWN_WAIT);
	}
}
