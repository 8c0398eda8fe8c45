/*
 * The POSIX-like system calls: processes (_exit, getpid, kill, waitpid,
 * wait, sleep), descriptors (open, read, write, close, lseek, pipe, dup,
 * dup2, fstat), files (unlink) and the heap break (sbrk).
 *
 * Each is one trap through libc_syscall. Invariant: every stub that can
 * fail returns -1 with errno set (sbrk: (void *)-1), and none touches errno
 * on success.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "syscall.h"

_Noreturn void _exit(int status)
{
	/* The kernel never returns from exit; the loop only tells gcc so. */
	for (;;)
		libc_syscall(SYS_exit, (uint32_t)status, 0, 0, 0, 0);
}

int getpid(void)
{
	return libc_syscall(SYS_getpid, 0, 0, 0, 0, 0);
}

int kill(int pid, int sig)
{
	return libc_result(libc_syscall(SYS_kill, (uint32_t)pid, (uint32_t)sig, 0, 0, 0));
}

int waitpid(int pid, int *status, int options)
{
	return libc_result(libc_syscall(SYS_waitpid, (uint32_t)pid, LIBC_W(status),
					(uint32_t)options, 0, 0));
}

int wait(int *status)
{
	return waitpid(-1, status, 0);
}

/*
 * Sleep for SECONDS. The kernel counts in milliseconds with 32 bits, so a
 * long sleep is cut into pieces of at most a million seconds. Returns 0,
 * or the seconds not slept (rounded up) when a signal handler interrupted it.
 */
unsigned sleep(unsigned seconds)
{
	while (seconds > 0) {
		unsigned part = seconds > 1000000 ? 1000000 : seconds;
		unsigned start = (unsigned)libc_syscall(SYS_uptime, 0, 0, 0, 0, 0);

		if (libc_syscall(SYS_sleep, part * 1000, 0, 0, 0, 0) == -EINTR) {
			unsigned slept = (unsigned)libc_syscall(SYS_uptime, 0, 0, 0, 0, 0) - start;

			return seconds - slept / 1000;
		}
		seconds -= part;
	}
	return 0;
}

int open(const char *path, int flags)
{
	return libc_result(libc_syscall(SYS_open, LIBC_W(path), (uint32_t)flags, 0, 0, 0));
}

ssize_t read(int fd, void *buf, size_t count)
{
	return libc_result(libc_syscall(SYS_read, (uint32_t)fd, LIBC_W(buf), count, 0, 0));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return libc_result(libc_syscall(SYS_write, (uint32_t)fd, LIBC_W(buf), count, 0, 0));
}

int close(int fd)
{
	return libc_result(libc_syscall(SYS_close, (uint32_t)fd, 0, 0, 0, 0));
}

int lseek(int fd, int offset, int whence)
{
	return libc_result(libc_syscall(SYS_lseek, (uint32_t)fd, (uint32_t)offset,
					(uint32_t)whence, 0, 0));
}

int pipe(int fds[2])
{
	return libc_result(libc_syscall(SYS_pipe, LIBC_W(fds), 0, 0, 0, 0));
}

int dup(int fd)
{
	return libc_result(libc_syscall(SYS_dup, (uint32_t)fd, 0, 0, 0, 0));
}

int dup2(int oldfd, int newfd)
{
	return libc_result(libc_syscall(SYS_dup2, (uint32_t)oldfd, (uint32_t)newfd, 0, 0, 0));
}

int fstat(int fd, struct stat *st)
{
	return libc_result(libc_syscall(SYS_fstat, (uint32_t)fd, LIBC_W(st), 0, 0, 0));
}

int unlink(const char *path)
{
	return libc_result(libc_syscall(SYS_unlink, LIBC_W(path), 0, 0, 0, 0));
}

/* The old break is an address, so it is checked for an error code, not for < 0. */
void *sbrk(intptr_t increment)
{
	int32_t r = libc_syscall(SYS_sbrk, (uint32_t)increment, 0, 0, 0, 0);

	if (libc_is_error(r)) {
		errno = -r;
		return (void *)-1;
	}
	return (void *)(uintptr_t)(uint32_t)r;
}
