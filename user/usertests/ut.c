/*
 * usertests: what every test's process shares (contracts in ut.h): the
 * failure path of the CHECK macros, error names, and the table of helper
 * processes a test has spawned and not yet reaped.
 * Invariant: a pid is in `tracked` from its spawn until its reaping, so
 * ut_fail can always clean up before the test process exits.
 */
#include <stdarg.h>

#include "ut.h"

#define UT_MAX_TRACKED 80   /* more than the process table holds */

static int tracked[UT_MAX_TRACKED];
static int ntracked;

static const char *const errnames[] = {
	[EPERM] = "EPERM",     [ENOENT] = "ENOENT",   [ESRCH] = "ESRCH",
	[EINTR] = "EINTR",     [EIO] = "EIO",         [E2BIG] = "E2BIG",
	[ENOEXEC] = "ENOEXEC", [EBADF] = "EBADF",     [ECHILD] = "ECHILD",
	[EAGAIN] = "EAGAIN",   [ENOMEM] = "ENOMEM",   [EACCES] = "EACCES",
	[EFAULT] = "EFAULT",   [EBUSY] = "EBUSY",     [EEXIST] = "EEXIST",
	[ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR",   [EINVAL] = "EINVAL",
	[ENFILE] = "ENFILE",   [EMFILE] = "EMFILE",   [ENOTTY] = "ENOTTY", [ENOSPC] = "ENOSPC",
	[ESPIPE] = "ESPIPE",   [EROFS] = "EROFS",     [EPIPE] = "EPIPE",     [EDOM] = "EDOM",
	[ERANGE] = "ERANGE",   [ENAMETOOLONG] = "ENAMETOOLONG",
	[ENOSYS] = "ENOSYS",   [ENOTEMPTY] = "ENOTEMPTY", [EMSGSIZE] = "EMSGSIZE",
	[ETIMEDOUT] = "ETIMEDOUT",
	[EREJECT] = "EREJECT", [ELINK] = "ELINK",     [EABORT] = "EABORT",
};

const char *ut_errname(int err)
{
	static char other[16];
	if (err == 0)
		return "0";
	if (err > 0 && err < (int)(sizeof(errnames) / sizeof(errnames[0])) && errnames[err])
		return errnames[err];
	snprintf(other, sizeof(other), "E#%d", err);
	return other;
}

_Noreturn void ut_fail(const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("FAIL: %s:%d: %s\n", file, line, msg);
	fflush(stdout);
	ut_reap_all();
	exit(1);
}

void ut_track(int pid)
{
	if (ntracked == UT_MAX_TRACKED)
		ut_fail(__FILE__, __LINE__, "more than %d helpers at once", UT_MAX_TRACKED);
	tracked[ntracked++] = pid;
}

int ut_helper(const int fdmap[3], const char *name, ...)
{
	char *argv[ARGV_MAX + 1] = { UT_SELF, "-h", (char *)name };
	int argc = 3;
	va_list ap;
	va_start(ap, name);
	for (char *arg = va_arg(ap, char *); arg; arg = va_arg(ap, char *)) {
		if (argc == ARGV_MAX)
			ut_fail(__FILE__, __LINE__, "helper %s: too many arguments", name);
		argv[argc++] = arg;
	}
	va_end(ap);
	argv[argc] = NULL;
	errno = 0;
	int pid = spawnx(UT_SELF, argv, fdmap, rights(0), SPAWN_PGID_INHERIT);
	if (pid < 0)
		ut_fail(__FILE__, __LINE__, "spawn of helper %s failed (errno %s)",
			name, ut_errname(errno));
	ut_track(pid);
	return pid;
}

void ut_untrack(int pid)
{
	for (int i = 0; i < ntracked; i++) {
		if (tracked[i] == pid) {
			tracked[i] = tracked[--ntracked];
			return;
		}
	}
}

int ut_wait(int pid)
{
	int status = 0;
	errno = 0;
	int got = waitpid(pid, &status, 0);
	if (got != pid)
		ut_fail(__FILE__, __LINE__, "waitpid(%d) (got %d errno %s, want %d)",
			pid, got, ut_errname(errno), pid);
	ut_untrack(pid);
	return status;
}

int ut_reap_all(void)
{
	int n = ntracked;
	for (int i = 0; i < ntracked; i++) {
		kill(tracked[i], SIGKILL);
		kill(tracked[i], SIGCONT);   /* a stopped helper must run to die */
	}
	for (int i = 0; i < ntracked; i++) {
		int status;
		waitpid(tracked[i], &status, 0);
	}
	ntracked = 0;
	return n;
}

struct procstat ut_stat(int pid)
{
	struct procstat st;
	errno = 0;
	if (procstat(pid, &st) != 0)
		ut_fail(__FILE__, __LINE__, "procstat(%d) failed (errno %s)", pid,
			ut_errname(errno));
	return st;
}

void ut_spin_ms(unsigned ms)
{
	unsigned start = uptime();
	while (uptime() - start < ms)
		;
}
