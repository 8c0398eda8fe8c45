/*
 * Open files and descriptor tables (contract in kernel/file.h). A file
 * dispatches on its type to the ramfs, a pipe end or the console; the
 * access mode given to open is enforced here, once, for every type.
 *
 * Invariant: f->refs counts the descriptor-table slots (in every process)
 * and kernel holders pointing at F; at zero the file is freed and its
 * node or pipe end released.
 */
#include "kernel/file.h"
#include "kernel/kheap.h"
#include "kernel/panic.h"
#include "kernel/pipe.h"
#include "kernel/ramfs.h"
#include "kernel/tty.h"

#define OPEN_FLAGS (O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND)

/* A new file of TYPE with access FLAGS and one reference; NULL when out of memory. */
static struct file *file_new(enum file_type type, int flags)
{
	struct file *f = kzalloc(sizeof(*f));
	if (f) {
		f->type = type;
		f->flags = flags;
		f->refs = 1;
	}
	return f;
}

struct file *file_open(const char *path, int flags, int *err)
{
	if ((flags & ~OPEN_FLAGS) || (flags & O_ACCMODE) == O_ACCMODE) {
		*err = -EINVAL;
		return NULL;
	}
	struct ramfs_node *node;
	*err = ramfs_open(&ramfs_root, path, flags, &node);
	if (*err)
		return NULL;
	struct file *f = file_new(FILE_RAMFS, flags);
	if (!f) {
		ramfs_put(node);
		*err = -ENOMEM;
		return NULL;
	}
	f->node = node;
	return f;
}

struct file *file_console(void)
{
	return file_new(FILE_CONSOLE, O_RDWR);
}

int file_pipe(struct file **read, struct file **write)
{
	struct pipe *p = pipe_create();
	*read = file_new(FILE_PIPE_READ, O_RDONLY);
	*write = file_new(FILE_PIPE_WRITE, O_WRONLY);
	if (!p || !*read || !*write) {
		kfree(p);
		kfree(*read);
		kfree(*write);
		return -ENOMEM;
	}
	(*read)->pipe = (*write)->pipe = p;
	return 0;
}

struct file *file_dup(struct file *f)
{
	ASSERT(f->refs > 0);
	f->refs++;
	return f;
}

void file_close(struct file *f)
{
	ASSERT(f->refs > 0);
	if (--f->refs > 0)
		return;
	switch (f->type) {
	case FILE_RAMFS:
		ramfs_put(f->node);
		break;
	case FILE_PIPE_READ:
	case FILE_PIPE_WRITE:
		pipe_close(f->pipe, f->type == FILE_PIPE_WRITE);
		break;
	case FILE_CONSOLE:
		break;
	}
	kfree(f);
}

int file_read(struct file *f, void *buf, uint32_t n)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	switch (f->type) {
	case FILE_RAMFS: {
		uint32_t k = ramfs_read(f->node, f->offset, buf, n);
		f->offset += k;
		return (int)k;
	}
	case FILE_PIPE_READ:
		return pipe_read(f->pipe, buf, n);
	case FILE_CONSOLE:
		return tty_read(buf, n);
	case FILE_PIPE_WRITE:
		break;
	}
	return -EBADF;
}

int file_write(struct file *f, const void *buf, uint32_t n)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	switch (f->type) {
	case FILE_RAMFS: {
		if (f->flags & O_APPEND)
			f->offset = f->node->size;
		int k = ramfs_write(f->node, f->offset, buf, n);
		if (k > 0)
			f->offset += (uint32_t)k;
		return k;
	}
	case FILE_PIPE_WRITE:
		return pipe_write(f->pipe, buf, n);
	case FILE_CONSOLE:
		return tty_write(buf, n);
	case FILE_PIPE_READ:
		break;
	}
	return -EBADF;
}

int file_lseek(struct file *f, int32_t offset, int whence)
{
	if (f->type != FILE_RAMFS)
		return -ESPIPE;
	int64_t base;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->offset;
		break;
	case SEEK_END:
		base = f->node->size;
		break;
	default:
		return -EINVAL;
	}
	int64_t pos = base + offset;
	if (pos < 0 || pos > INT32_MAX)
		return -EINVAL;        /* the result must be a non-negative int */
	f->offset = (uint32_t)pos;
	return (int)pos;
}

void file_stat(struct file *f, struct stat *st)
{
	if (f->type == FILE_RAMFS) {
		ramfs_stat(f->node, st);
		return;
	}
	st->size = 0;
	st->type = 0;
	st->writable = 0;
	st->dev = STAT_DEV_NONE;
	st->ino = 0;
}

int fd_install(struct fdtable *t, struct file *f)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		if (!t->fd[fd]) {
			t->fd[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_get(struct fdtable *t, int fd)
{
	if (fd < 0 || fd >= FD_MAX)
		return NULL;
	return t->fd[fd];
}

void fd_close_all(struct fdtable *t)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		struct file *f = t->fd[fd];
		if (f) {
			t->fd[fd] = NULL;
			file_close(f);
		}
	}
}
