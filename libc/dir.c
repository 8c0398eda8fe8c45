/*
 * The directory and naming system calls: mkdir, rmdir, rename, chdir,
 * getcwd and stat by path (<sys/stat.h>, <unistd.h>, <stdio.h>).
 *
 * Each is one trap through libc_syscall; like the stubs of unistd.c, each
 * returns -1 (getcwd: NULL) with errno set on failure and leaves errno
 * alone on success.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "syscall.h"

int mkdir(const char *path)
{
	return libc_result(libc_syscall(SYS_mkdir, LIBC_W(path), 0, 0, 0, 0));
}

int rmdir(const char *path)
{
	return libc_result(libc_syscall(SYS_rmdir, LIBC_W(path), 0, 0, 0, 0));
}

int rename(const char *from, const char *to)
{
	return libc_result(libc_syscall(SYS_rename, LIBC_W(from), LIBC_W(to), 0, 0, 0));
}

int chdir(const char *path)
{
	return libc_result(libc_syscall(SYS_chdir, LIBC_W(path), 0, 0, 0, 0));
}

char *getcwd(char *buf, size_t size)
{
	return libc_result(libc_syscall(SYS_getcwd, LIBC_W(buf), (uint32_t)size, 0, 0, 0)) < 0
	       ? NULL : buf;
}

int stat(const char *path, struct stat *st)
{
	return libc_result(libc_syscall(SYS_stat, LIBC_W(path), LIBC_W(st), 0, 0, 0));
}
