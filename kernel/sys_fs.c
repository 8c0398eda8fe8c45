/*
 * Directory and naming system calls: mkdir, rmdir, rename, chdir, getcwd
 * and stat by path. Every path is copied in and made absolute against the
 * caller's working directory (kernel/fspath.h), then handed to the ramfs
 * (kernel/ramfs.h), which says what each error means.
 */
#include "kernel/fspath.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"

int32_t sys_mkdir(uint32_t upath, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	int err = fspath_user(upath, path);
	return err ? err : ramfs_mkdir(&ramfs_root, path);
}

/* Does the path RAW end in a "." or ".." component ("x/.", "..", "a/../")? */
static bool ends_in_dot(const char *raw)
{
	size_t len = strlen(raw);
	while (len > 1 && raw[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && raw[start - 1] != '/')
		start--;
	size_t n = len - start;
	return (n == 1 || n == 2) && raw[start] == '.' && raw[len - 1] == '.';
}

/* rmdir of "." or ".." is -EINVAL, as in POSIX: `rm -r .` must not remove the directory itself. */
int32_t sys_rmdir(uint32_t upath, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	char raw[PATH_MAX_LEN], path[PATH_MAX_LEN];
	int err = uaccess_strcpy(raw, upath, sizeof(raw));
	if (err < 0)
		return err;
	if (ends_in_dot(raw))
		return -EINVAL;
	err = fspath_resolve(fspath_cwd(), raw, path);
	return err ? err : ramfs_rmdir(&ramfs_root, path);
}

int32_t sys_rename(uint32_t ufrom, uint32_t uto, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	char from[PATH_MAX_LEN], to[PATH_MAX_LEN];
	int err = fspath_user(ufrom, from);
	if (!err)
		err = fspath_user(uto, to);
	return err ? err : ramfs_rename(&ramfs_root, from, to);
}

int32_t sys_chdir(uint32_t upath, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	struct ramfs_node *dir;
	int err = fspath_user(upath, path);
	if (!err)
		err = ramfs_find(&ramfs_root, path, &dir);
	if (err)
		return err;
	if (dir->type != DT_DIR)
		return -ENOTDIR;
	struct proc *me = proc_current();
	if (me->cwd)
		ramfs_put(me->cwd);
	me->cwd = dir == &ramfs_root.root ? NULL : ramfs_get(dir);
	return 0;
}

int32_t sys_getcwd(uint32_t ubuf, uint32_t size, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct ramfs_node *cwd = proc_current()->cwd;
	const char *path = cwd ? cwd->path : "/";
	if (cwd && !cwd->linked)
		return -ENOENT;                      /* removed since the chdir */
	uint32_t len = strlen(path);
	if (size <= len)
		return -ERANGE;
	if (uaccess_check(ubuf, len + 1, true))
		return -EFAULT;
	memcpy((void *)ubuf, path, len + 1);
	return (int32_t)len;
}

int32_t sys_stat(uint32_t upath, uint32_t ust, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	char path[PATH_MAX_LEN];
	struct ramfs_node *n;
	int err = fspath_user(upath, path);
	if (!err)
		err = ramfs_find(&ramfs_root, path, &n);
	if (err)
		return err;
	if (uaccess_check(ust, sizeof(struct stat), true))
		return -EFAULT;
	struct stat st;
	ramfs_stat(n, &st);
	memcpy((void *)ust, &st, sizeof(st));
	return 0;
}
