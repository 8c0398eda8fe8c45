/*
 * The ramfs: a table of files and directories named by absolute paths.
 * Files come from the initrd (read-only; their bytes stay in the boot
 * module's memory) or are created by open(O_CREAT) (writable; their bytes
 * live in page frames, kernel/ramfs_data.c). Directories are nodes of
 * their own: those that hold initrd files are made at mount and are
 * read-only, mkdir makes writable ones. The root is not in the table
 * (fs->root) and can be neither removed nor renamed.
 *
 * Invariant: the linked nodes of a ramfs are exactly sorted[0..count), in
 * strcmp order of their paths, with no duplicates, and the parent of every
 * linked node is a linked directory (or the root). A node leaves that
 * table when it is unlinked but lives on while references hold it (open
 * files, a process's working directory).
 *
 * Space: every page a created file uses (its data pages and one index
 * page) counts against the filesystem's budget, fs->pages_max; a write
 * that would pass it writes what fits and then gives -ENOSPC, so a full
 * filesystem takes nothing from the rest of the kernel. Removing a file
 * (or truncating it) gives all its pages back at once, or with the last
 * reference of an unlinked file still open.
 *
 * Read-only nodes (!writable: initrd files, their directories, /tmp):
 * opening them for writing, truncating, unlinking, renaming or removing
 * them is -EROFS; files may still be created in read-only directories.
 *
 * A path here is "/" or "/" followed by non-empty components separated by
 * single slashes, none of them "." or "..", shorter than PATH_MAX_LEN
 * (kernel/fspath.h turns what a process passes into one).
 *
 * The system's namespace is ramfs_root; tests build their own instances.
 */
#ifndef KERNEL_RAMFS_H
#define KERNEL_RAMFS_H

#include "kernel/kdefs.h"
#include "talos/param.h"
#include "talos/syscall.h"

/*
 * A created file's bytes: INDEX is one page of PARAM_RAMFS_FILE_MAX /
 * PAGE_SIZE physical addresses, entry i holding bytes [i*4096, i*4096+4096),
 * 0 for a page never written (it reads as zeroes):
 *
 *   index page: [ pa0 | pa1 | 0 | pa3 | ... ]     -> data pages
 */
struct ramfs_node {
	char path[PATH_MAX_LEN];  /* absolute path, NUL-terminated */
	int type;                 /* DT_FILE or DT_DIR */
	const uint8_t *image;     /* initrd file: its bytes in the boot module */
	uint32_t *index;          /* created file: its index page, NULL while it has no pages */
	uint32_t size;            /* bytes of the file */
	uint32_t pages;           /* created file: pages it holds (data and index) */
	bool writable;            /* created (initrd files and their directories are not) */
	bool linked;              /* reachable by its path (in the sorted table) */
	int refs;                 /* open files and working directories using the node; a
	                             slot is free when !linked && refs == 0 */
	struct ramfs *fs;         /* the filesystem it belongs to */
};

struct ramfs {
	struct ramfs_node root;                         /* "/", never in the table */
	struct ramfs_node nodes[PARAM_RAMFS_FILES];     /* storage for every other node */
	struct ramfs_node *sorted[PARAM_RAMFS_FILES];   /* linked nodes, in path order */
	int count;                                      /* entries of sorted */
	uint32_t pages_used;                            /* pages held by created files */
	uint32_t pages_max;                             /* the budget of pages_used */
};

extern struct ramfs ramfs_root;

/*
 * Fill the empty (zeroed, or cleared) FS with the files of the initrd
 * IMAGE of LEN bytes, and the read-only directories above them. The image
 * is checked whole first (magic, entry count, each entry's data inside the
 * image, paths well-formed, no duplicates, no file that is also a
 * directory); on any error FS stays empty, a line saying what is wrong is
 * printed, and -EINVAL is returned. The image must stay in memory: its
 * files are not copied. FS's budget (pages_max) is left as it is.
 */
int ramfs_mount(struct ramfs *fs, const void *image, uint32_t len);

/*
 * Set up ramfs_root at boot: the budget min(PARAM_RAMFS_PAGES, half the
 * pages of RAM), the initrd IMAGE mounted (none when NULL; an image
 * rejected leaves it empty, with ramfs_mount's -EINVAL), and /tmp: a
 * directory for created files that, like the initrd's, cannot be removed.
 */
int ramfs_init(const void *image, uint32_t len);

/* Empty FS: every node goes, every page of created files is given back. No file may be open. */
void ramfs_clear(struct ramfs *fs);

/* The whole bytes of a file, contiguous, for loaders (ramfs_lookup). */
struct ramfs_blob {
	const uint8_t *data;      /* SIZE bytes (NULL when SIZE is 0) */
	uint32_t size;
	uint8_t *copy;            /* a kmalloc'd copy behind DATA (created files), or NULL */
};

/*
 * The contents of the file PATH in FS into *B: initrd files in place,
 * created files copied to the kernel heap. Release with ramfs_blob_free.
 * 0, or -ENOENT, -EISDIR, -ENOTDIR, -EINVAL, -ENAMETOOLONG, -ENOMEM.
 */
int ramfs_lookup_in(struct ramfs *fs, const char *path, struct ramfs_blob *b);

/* ramfs_lookup_in on ramfs_root. */
int ramfs_lookup(const char *path, struct ramfs_blob *b);

/* Give back what ramfs_lookup_in took for B. */
void ramfs_blob_free(struct ramfs_blob *b);

/*
 * The linked node PATH (file or directory) in FS into *NODE, without a
 * reference. 0, or -ENOENT, -ENOTDIR (a component is a file), -EINVAL,
 * -ENAMETOOLONG.
 */
int ramfs_find(struct ramfs *fs, const char *path, struct ramfs_node **node);

/*
 * Open PATH in FS with the O_* FLAGS of open(2): create it if missing and
 * O_CREAT is given (its directory must exist), truncate it with O_TRUNC.
 * On success *NODE gets the node with one more reference (drop it with
 * ramfs_put) and 0 is returned. Errors: -ENOENT (no such file, or no such
 * directory to create it in), -EISDIR (a directory), -ENOTDIR (a component
 * is a file), -EROFS (write access or O_TRUNC on an initrd file), -ENOSPC
 * (node table full), -EINVAL / -ENAMETOOLONG (bad path).
 */
int ramfs_open(struct ramfs *fs, const char *path, int flags, struct ramfs_node **node);

/* One more reference to NODE (a working directory); returns NODE. */
struct ramfs_node *ramfs_get(struct ramfs_node *node);

/* Drop a reference; an unlinked node is freed, with its pages, with its last one. */
void ramfs_put(struct ramfs_node *node);

/* Copy up to N bytes at OFFSET into BUF; returns the bytes copied (0 at or past the end). */
uint32_t ramfs_read(struct ramfs_node *node, uint32_t offset, void *buf, uint32_t n);

/*
 * Write N bytes from BUF at OFFSET of a writable file NODE, growing it (a
 * gap past the old end reads as zeroes). Returns the bytes written: N, or
 * fewer when the budget (or RAM) runs out part of the way; -ENOSPC when
 * not one byte fits (the budget is spent, or the file would pass
 * PARAM_RAMFS_FILE_MAX bytes), -ENOMEM when RAM has no page left.
 */
int ramfs_write(struct ramfs_node *node, uint32_t offset, const void *buf, uint32_t n);

/* Cut the writable file NODE to 0 bytes, giving its pages back. */
void ramfs_truncate(struct ramfs_node *node);

/*
 * Remove the created file PATH from FS's namespace (open files keep it
 * until closed). 0, or -ENOENT, -EROFS (an initrd file), -EISDIR, -ENOTDIR,
 * -EINVAL, -ENAMETOOLONG.
 */
int ramfs_unlink(struct ramfs *fs, const char *path);

/*
 * Make the directory PATH; its parent must exist. 0, or -EEXIST, -ENOENT,
 * -ENOTDIR, -ENOSPC (node table full), -EINVAL, -ENAMETOOLONG.
 */
int ramfs_mkdir(struct ramfs *fs, const char *path);

/*
 * Remove the empty directory PATH (a process that has it as working
 * directory keeps the node, but reaches nothing through it). 0, or
 * -ENOTEMPTY, -ENOTDIR, -ENOENT, -EROFS (an initrd directory), -EBUSY (the
 * root), -EINVAL, -ENAMETOOLONG.
 */
int ramfs_rmdir(struct ramfs *fs, const char *path);

/*
 * Rename FROM to TO (a file or a directory with everything below it);
 * open files and working directories follow. An existing TO is replaced
 * when both are files, or both directories and TO is empty. 0 (FROM == TO
 * too), or -ENOENT (FROM, or TO's directory), -EROFS (either is read-only),
 * -EISDIR (a file onto a directory), -ENOTDIR (a directory onto a file, or
 * a component is a file), -ENOTEMPTY, -EINVAL (TO inside FROM), -EBUSY
 * (the root), -ENAMETOOLONG (a path below would become too long).
 */
int ramfs_rename(struct ramfs *fs, const char *from, const char *to);

/*
 * The INDEX-th (from 0) entry of directory DIR, in path order, into *DE: a
 * file with its size, or a subdirectory (DT_DIR) with its number of
 * entries. 1 if there is one, 0 past the last, or -ENOENT, -ENOTDIR,
 * -EINVAL, -ENAMETOOLONG.
 */
int ramfs_readdir(struct ramfs *fs, const char *dir, int index, struct dirent *de);

/* Fill *ST for NODE: size (entries for a directory), type, writable, identity. */
void ramfs_stat(struct ramfs_node *node, struct stat *st);

/* ---- Shared by the ramfs's own files (ramfs.c, ramfs_mount.c, ramfs_data.c) ---- */

/* 0 if PATH is well-formed (see above), else -EINVAL or -ENAMETOOLONG. */
int ramfs_path_check(const char *path);

/* The linked node of the well-formed PATH in FS (the root for "/"), or NULL. */
struct ramfs_node *ramfs_node_at(struct ramfs *fs, const char *path);

/*
 * Link a free node slot of TYPE under the well-formed, absent PATH, as
 * WRITABLE or not; NULL when the table is full. Its parent is not checked.
 */
struct ramfs_node *ramfs_insert(struct ramfs *fs, const char *path, int type, bool writable);

/* Give back every page of created file NODE. */
void ramfs_data_free(struct ramfs_node *node);

#endif /* KERNEL_RAMFS_H */
