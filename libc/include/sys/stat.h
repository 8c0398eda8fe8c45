/*
 * <sys/stat.h>: what kind of object a descriptor or a path names, and mkdir.
 *
 * struct stat is the kernel's (shared ABI header): a size, a type (DT_FILE,
 * DT_DIR, or 0 for pipes and the console), whether the file may be written,
 * and its identity (dev and ino: equal for the same file).
 * Deviation: mkdir takes no mode (TalOS files have no permission bits).
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <talos/syscall.h>

/* Fill ST for descriptor FD. Returns 0, or -1 with errno EBADF or EFAULT. */
int fstat(int fd, struct stat *st);

/* Fill ST for the file or directory PATH. 0, or -1 with errno ENOENT, ENOTDIR, ... */
int stat(const char *path, struct stat *st);

/* Make the directory PATH (its parent must exist). 0, or -1 with errno EEXIST, ENOENT, ... */
int mkdir(const char *path);

#endif /* _SYS_STAT_H */
