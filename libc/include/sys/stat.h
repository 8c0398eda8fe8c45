/*
 * <sys/stat.h>: what kind of object a descriptor names.
 *
 * struct stat is the kernel's (shared ABI header): a size, a type (DT_FILE,
 * or 0 for pipes and the console) and whether the file may be written.
 * Deviation: there is no stat() by path; open the file and fstat it.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <talos/syscall.h>

/* Fill ST for descriptor FD. Returns 0, or -1 with errno EBADF or EFAULT. */
int fstat(int fd, struct stat *st);

#endif /* _SYS_STAT_H */
