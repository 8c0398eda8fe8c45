/*
 * The ramfs: a flat table of files named by absolute paths. Files come
 * from the initrd (read-only; their bytes stay in the boot module's
 * memory) or are created by open(O_CREAT) (writable; a kmalloc'd buffer).
 * Directories are not stored: "/bin/sh" implies "/" and "/bin".
 *
 * Invariant: the linked nodes of a ramfs are exactly sorted[0..count), in
 * strcmp order of their paths, with no duplicates and no path that is both
 * a file and a directory (no file path is a prefix of another path followed
 * by '/'). A node leaves that table when it is unlinked but lives on while
 * open files hold references to it.
 *
 * A path here is "/" or "/" followed by non-empty components separated by
 * single slashes, none of them "." or "..", shorter than PATH_MAX_LEN.
 *
 * The system's namespace is ramfs_root; tests build their own instances.
 */
#ifndef KERNEL_RAMFS_H
#define KERNEL_RAMFS_H

#include "kernel/kdefs.h"
#include "talos/param.h"
#include "talos/syscall.h"

struct ramfs_node {
	char path[PATH_MAX_LEN];  /* absolute path, NUL-terminated */
	uint8_t *data;            /* the bytes: in the initrd, or a kmalloc'd buffer */
	uint32_t size;            /* bytes of the file */
	uint32_t capacity;        /* writable: bytes allocated at data (0 for initrd files) */
	bool writable;            /* created in memory (initrd files are read-only) */
	bool linked;              /* reachable by its path (in the sorted table) */
	int refs;                 /* open files using the node; a slot is free when
	                             !linked && refs == 0 */
};

struct ramfs {
	struct ramfs_node nodes[PARAM_RAMFS_FILES];     /* storage for every node */
	struct ramfs_node *sorted[PARAM_RAMFS_FILES];   /* linked nodes, in path order */
	int count;                                      /* entries of sorted */
};

extern struct ramfs ramfs_root;

/*
 * Fill the empty (zeroed) FS with the files of the initrd IMAGE of LEN
 * bytes. The image is checked whole first (magic, entry count, each
 * entry's data inside the image, paths well-formed, no duplicates, no
 * file that is also a directory); on any error FS stays empty, a line
 * saying what is wrong is printed, and -EINVAL is returned. The image must
 * stay in memory: its files are not copied.
 */
int ramfs_mount(struct ramfs *fs, const void *image, uint32_t len);

/* ramfs_mount on ramfs_root, at boot. */
int ramfs_init(const void *image, uint32_t len);

/*
 * The whole contents of the file PATH in FS (for loaders): *DATA and
 * *SIZE, valid until the file is next written or removed (*DATA may be
 * NULL when *SIZE is 0). 0, or -ENOENT, -EISDIR, -ENOTDIR, -EINVAL,
 * -ENAMETOOLONG.
 */
int ramfs_lookup_in(struct ramfs *fs, const char *path, const uint8_t **data, uint32_t *size);

/* ramfs_lookup_in on ramfs_root. */
int ramfs_lookup(const char *path, const uint8_t **data, uint32_t *size);

/*
 * Open PATH in FS with the O_* FLAGS of open(2): create it if missing and
 * O_CREAT is given, truncate it with O_TRUNC. On success *NODE gets the
 * node with one more reference (drop it with ramfs_put) and 0 is returned.
 * Errors: -ENOENT, -EISDIR (a directory), -ENOTDIR (a component is a file),
 * -EACCES (write access or O_TRUNC on an initrd file), -ENOSPC (node table
 * full), -EINVAL / -ENAMETOOLONG (bad path).
 */
int ramfs_open(struct ramfs *fs, const char *path, int flags, struct ramfs_node **node);

/* Drop a reference from ramfs_open; an unlinked node is freed with its last one. */
void ramfs_put(struct ramfs_node *node);

/* Copy up to N bytes at OFFSET into BUF; returns the bytes copied (0 at or past the end). */
uint32_t ramfs_read(struct ramfs_node *node, uint32_t offset, void *buf, uint32_t n);

/*
 * Write N bytes from BUF at OFFSET of a writable NODE, growing the file (a
 * gap past the old end reads as zeroes). Returns N, -ENOSPC if the file
 * would pass PARAM_RAMFS_FILE_MAX bytes, or -ENOMEM; nothing is written on
 * error.
 */
int ramfs_write(struct ramfs_node *node, uint32_t offset, const void *buf, uint32_t n);

/*
 * Remove the created file PATH from FS's namespace (open files keep it
 * until closed). 0, or -ENOENT, -EACCES (an initrd file), -EISDIR,
 * -ENOTDIR, -EINVAL, -ENAMETOOLONG.
 */
int ramfs_unlink(struct ramfs *fs, const char *path);

/*
 * The INDEX-th (from 0) distinct immediate child of directory DIR, in path
 * order, into *DE: a file with its size, or a subdirectory (DT_DIR) with its
 * number of entries. 1 if there is one, 0 past the last, or -ENOENT,
 * -ENOTDIR, -EINVAL, -ENAMETOOLONG.
 */
int ramfs_readdir(struct ramfs *fs, const char *dir, int index, struct dirent *de);

#endif /* KERNEL_RAMFS_H */
