/*
 * Paths as processes give them: absolute, or relative to the process's
 * working directory (struct proc's cwd, a referenced ramfs directory node;
 * NULL means the root). Resolution is by name only ("a/.." is "." even if
 * a is a file: the ramfs has no links), and its result is a path as the
 * ramfs takes it (kernel/ramfs.h), shorter than PATH_MAX_LEN.
 */
#ifndef KERNEL_FSPATH_H
#define KERNEL_FSPATH_H

#include "kernel/kdefs.h"
#include "talos/param.h"
#include "talos/syscall.h"

struct ramfs_node;

/*
 * Resolve PATH against the directory CWD (NULL: the root) into OUT
 * (PATH_MAX_LEN bytes): empty components and "." are dropped, ".." goes up
 * (not above the root). 0, or -ENOENT (PATH is empty, or relative while
 * CWD was removed), -ENAMETOOLONG.
 */
int fspath_resolve(const struct ramfs_node *cwd, const char *path, char *out);

/*
 * Copy the user string at UPATH (shorter than PATH_MAX_LEN) and resolve it
 * against the current process's working directory into OUT. 0, or
 * -EFAULT, -ENAMETOOLONG, -ENOENT.
 */
int fspath_user(uint32_t upath, char *out);

/* The working directory of the current process (NULL: the root, or no process). */
struct ramfs_node *fspath_cwd(void);

#endif /* KERNEL_FSPATH_H */
