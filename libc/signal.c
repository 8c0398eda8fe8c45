/*
 * Signals (<signal.h>), the alarm (<unistd.h>), process groups and rights
 * (<unistd.h>, <talos.h>): the stubs of system calls 60-69.
 *
 * libc_sigrestore is where every handler returns: it calls sigreturn,
 * which resumes the interrupted code with the registers saved in the
 * signal frame; it never returns itself. Invariant, as in unistd.c: a
 * failing call returns -1 with errno set and a successful one leaves
 * errno alone.
 */
#include <signal.h>
#include <talos.h>
#include <unistd.h>
#include "syscall.h"

#define STR_(x) #x
#define STR(x) STR_(x)

void libc_sigrestore(void);
__asm__(".text\n"
	".globl libc_sigrestore\n"
	"libc_sigrestore:\n"
	"\tmovl $" STR(SYS_sigreturn) ", %eax\n"
	"\tint $0x80\n");

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct sigaction a;

	if (act) {
		a = *act;
		a.sa_restorer = libc_sigrestore;
	}
	return libc_result(libc_syscall(SYS_sigaction, (uint32_t)sig, LIBC_W(act ? &a : NULL),
					LIBC_W(old), 0, 0));
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { handler, 0, 0 }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return libc_result(libc_syscall(SYS_sigprocmask, (uint32_t)how, LIBC_W(set),
					LIBC_W(old), 0, 0));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int alarm_ms(unsigned ms)
{
	return libc_result(libc_syscall(SYS_alarm, ms, 0, 0, 0, 0));
}

unsigned alarm(unsigned seconds)
{
	int left = alarm_ms(seconds > 2000000 ? 2000000000u : seconds * 1000);

	return left <= 0 ? 0 : ((unsigned)left + 999) / 1000;
}

int spawnx(const char *path, char *const argv[], const int fdmap[3], unsigned rights, int pgid)
{
	return libc_result(libc_syscall(SYS_spawnx, LIBC_W(path), LIBC_W(argv), LIBC_W(fdmap),
					rights, (uint32_t)pgid));
}

unsigned rights(unsigned drop)
{
	return (unsigned)libc_syscall(SYS_rights, drop, 0, 0, 0, 0);
}

int setpgid(int pid, int pgid)
{
	return libc_result(libc_syscall(SYS_setpgid, (uint32_t)pid, (uint32_t)pgid, 0, 0, 0));
}

int getpgid(int pid)
{
	return libc_result(libc_syscall(SYS_getpgid, (uint32_t)pid, 0, 0, 0, 0));
}

int tcsetpgrp(int fd, int pgid)
{
	return libc_result(libc_syscall(SYS_tcsetpgrp, (uint32_t)fd, (uint32_t)pgid, 0, 0, 0));
}

int tcgetpgrp(int fd)
{
	return libc_result(libc_syscall(SYS_tcgetpgrp, (uint32_t)fd, 0, 0, 0, 0));
}
