/*
 * File and directory system calls: check every argument a user program
 * passes (descriptors, flags, user pointers, path lengths; paths are made
 * absolute by kernel/fspath.h), then call the
 * file layer (kernel/file.h) or the ramfs on kernel-checked memory.
 *
 * User buffers are checked whole with uaccess_check and then used in
 * place: user memory is mapped in the current address space and stays so
 * for the whole call (kernel/uaccess.h), even while a pipe or console read
 * blocks. A call that would install descriptors first makes sure the table
 * has room, so a full table never leaves a file created or a pipe made.
 */
#include "kernel/file.h"
#include "kernel/fspath.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"

/* The descriptor table of the calling process. */
static struct fdtable *my_fds(void)
{
	return &proc_current()->files;
}

/* Number of free slots in T. */
static int free_fds(struct fdtable *t)
{
	int n = 0;
	for (int fd = 0; fd < FD_MAX; fd++)
		n += t->fd[fd] == NULL;
	return n;
}

int32_t sys_open(uint32_t upath, uint32_t flags, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	int err = fspath_user(upath, path);
	if (err)
		return err;
	struct fdtable *t = my_fds();
	if (free_fds(t) == 0)
		return -EMFILE;
	struct file *f = file_open(path, (int)flags, &err);
	if (!f)
		return err;
	return fd_install(t, f);
}

/* Shared checks of read and write: the file of FD, and N bytes at UBUF. */
static int rw_args(uint32_t fd, uint32_t ubuf, uint32_t n, bool write, struct file **f)
{
	*f = fd_get(my_fds(), (int)fd);
	if (!*f)
		return -EBADF;
	if (n > INT32_MAX)
		return -EINVAL;        /* the count could not be returned */
	return uaccess_check(ubuf, n, write);
}

int32_t sys_read(uint32_t fd, uint32_t ubuf, uint32_t n, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct file *f;
	int err = rw_args(fd, ubuf, n, true, &f);
	if (err)
		return err;
	return file_read(f, (void *)ubuf, n);
}

int32_t sys_write(uint32_t fd, uint32_t ubuf, uint32_t n, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct file *f;
	int err = rw_args(fd, ubuf, n, false, &f);
	if (err)
		return err;
	return file_write(f, (const void *)ubuf, n);
}

int32_t sys_close(uint32_t fd, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	struct fdtable *t = my_fds();
	struct file *f = fd_get(t, (int)fd);
	if (!f)
		return -EBADF;
	t->fd[fd] = NULL;
	file_close(f);
	return 0;
}

int32_t sys_lseek(uint32_t fd, uint32_t offset, uint32_t whence, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct file *f = fd_get(my_fds(), (int)fd);
	if (!f)
		return -EBADF;
	return file_lseek(f, (int32_t)offset, (int)whence);
}

int32_t sys_readdir(uint32_t upath, uint32_t index, uint32_t udirent, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	int err = fspath_user(upath, path);
	if (err)
		return err;
	if (uaccess_check(udirent, sizeof(struct dirent), true))
		return -EFAULT;
	struct dirent de;
	int found = ramfs_readdir(&ramfs_root, path, (int)index, &de);
	if (found == 1)
		memcpy((void *)udirent, &de, sizeof(de));
	return found;
}

int32_t sys_pipe(uint32_t ufds, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (uaccess_check(ufds, 2 * sizeof(int), true))
		return -EFAULT;
	struct fdtable *t = my_fds();
	if (free_fds(t) < 2)
		return -EMFILE;
	struct file *r, *w;
	int err = file_pipe(&r, &w);
	if (err)
		return err;
	int *fds = (int *)ufds;
	fds[0] = fd_install(t, r);
	fds[1] = fd_install(t, w);
	return 0;
}

int32_t sys_dup(uint32_t fd, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	struct fdtable *t = my_fds();
	struct file *f = fd_get(t, (int)fd);
	if (!f)
		return -EBADF;
	if (free_fds(t) == 0)
		return -EMFILE;
	return fd_install(t, file_dup(f));
}

int32_t sys_dup2(uint32_t oldfd, uint32_t newfd, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct fdtable *t = my_fds();
	struct file *f = fd_get(t, (int)oldfd);
	if (!f || newfd >= FD_MAX)
		return -EBADF;
	if (newfd == oldfd)
		return (int32_t)newfd;
	struct file *old = t->fd[newfd];
	t->fd[newfd] = file_dup(f);
	if (old)
		file_close(old);       /* after the dup: OLD may be F itself */
	return (int32_t)newfd;
}

int32_t sys_fstat(uint32_t fd, uint32_t ust, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct file *f = fd_get(my_fds(), (int)fd);
	if (!f)
		return -EBADF;
	if (uaccess_check(ust, sizeof(struct stat), true))
		return -EFAULT;
	struct stat st;
	file_stat(f, &st);
	memcpy((void *)ust, &st, sizeof(st));
	return 0;
}

int32_t sys_unlink(uint32_t upath, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	int err = fspath_user(upath, path);
	if (err)
		return err;
	return ramfs_unlink(&ramfs_root, path);
}
