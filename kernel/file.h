/*
 * Open files and descriptor tables.
 *
 * A struct file is one open object: a ramfs file (with its own offset), one
 * end of a pipe, or the console. Descriptors are indexes into a process's
 * table of FD_MAX pointers to files; dup, dup2 and spawn's fdmap make
 * several descriptors (in one or several processes) share a file, counted
 * by refs. The file goes away when the last reference is dropped.
 *
 * Operations take buffers the kernel may use directly: kernel memory, or
 * user memory of the current process that the syscall layer (sys_file.c)
 * has already checked with uaccess. Errors are negated errno values.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include "kernel/kdefs.h"
#include "talos/syscall.h"

enum file_type {
	FILE_RAMFS = 1,     /* a ramfs file */
	FILE_PIPE_READ,     /* the read end of a pipe */
	FILE_PIPE_WRITE,    /* the write end of a pipe */
	FILE_CONSOLE,       /* the serial console (cooked line input) */
};

struct ramfs_node;
struct pipe;

struct file {
	enum file_type type;
	int refs;                  /* descriptors (in all processes) that point here */
	int flags;                 /* O_* given to open (access mode, O_APPEND) */
	uint32_t offset;           /* FILE_RAMFS: position of the next read or write */
	struct ramfs_node *node;   /* FILE_RAMFS */
	struct pipe *pipe;         /* FILE_PIPE_* */
};

/* The descriptor table of one process. */
struct fdtable {
	struct file *fd[FD_MAX];
};

/* Open the absolute PATH in the ramfs with O_* FLAGS; returns the file or NULL with *ERR set. */
struct file *file_open(const char *path, int flags, int *err);

/* A new console file (refs 1); NULL when out of memory. */
struct file *file_console(void);

/* Create a pipe: *READ and *WRITE get its ends (refs 1 each). 0 or -ENOMEM. */
int file_pipe(struct file **read, struct file **write);

/* Another reference to F; returns F. */
struct file *file_dup(struct file *f);

/* Drop one reference; the last one closes the file (pipe ends wake their peers). */
void file_close(struct file *f);

/* Read up to N bytes into BUF; may block (pipe, console). Bytes read, 0 at end, or -errno. */
int file_read(struct file *f, void *buf, uint32_t n);

/* Write N bytes from BUF; may block (pipe). Bytes written or -errno (-EPIPE: no reader). */
int file_write(struct file *f, const void *buf, uint32_t n);

/* Move a ramfs file's offset (SEEK_*); the new offset, or -ESPIPE / -EINVAL. */
int file_lseek(struct file *f, int32_t offset, int whence);

/* Fill *ST for F: a ramfs file's size, type and identity; zeroes for pipes and the console. */
void file_stat(struct file *f, struct stat *st);

/* Descriptor table operations. */
int fd_install(struct fdtable *t, struct file *f);         /* lowest free fd, or -EMFILE */
struct file *fd_get(struct fdtable *t, int fd);            /* NULL when FD is not open */
void fd_close_all(struct fdtable *t);

#endif /* KERNEL_FILE_H */
