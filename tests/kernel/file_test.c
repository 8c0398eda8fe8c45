/*
 * Tests of open files and descriptor tables (kernel/file.c) on the system
 * ramfs, with files created under /tmp/ktf- and removed again: access
 * modes, offsets and lseek, O_APPEND, O_TRUNC, stat, reference counting
 * with dup and close, pipes through files, and the descriptor table.
 */
#include "kernel/file.h"
#include "kernel/ktest.h"
#include "kernel/pipe.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"

/* Open PATH with FLAGS, expecting success. */
static struct file *open_ok(const char *path, int flags)
{
	int err = 0;
	struct file *f = file_open(path, flags, &err);
	if (!f)
		KT_FAIL("open %s: error %d", path, err);
	return f;
}

static int open_err(const char *path, int flags)
{
	int err = 0;
	struct file *f = file_open(path, flags, &err);
	if (f)
		KT_FAIL("open %s succeeded", path);
	return err;
}

KTEST(file, write_seek_read)
{
	struct file *f = open_ok("/tmp/ktf-a", O_RDWR | O_CREAT);
	KT_EXPECT_EQ(file_write(f, "abcdef", 6), 6);
	KT_EXPECT_EQ(f->offset, 6);
	char buf[8];
	KT_EXPECT_EQ(file_read(f, buf, sizeof(buf)), 0);       /* at the end */
	KT_EXPECT_EQ(file_lseek(f, 2, SEEK_SET), 2);
	KT_EXPECT_EQ(file_read(f, buf, 3), 3);
	KT_EXPECT_EQ(memcmp(buf, "cde", 3), 0);
	KT_EXPECT_EQ(file_lseek(f, -1, SEEK_CUR), 4);
	KT_EXPECT_EQ(file_lseek(f, -6, SEEK_END), 0);
	KT_EXPECT_EQ(file_lseek(f, -7, SEEK_END), -EINVAL);
	KT_EXPECT_EQ(file_lseek(f, 0, 3), -EINVAL);
	KT_EXPECT_EQ(f->offset, 0);                            /* failed seeks move nothing */
	KT_EXPECT_EQ(file_lseek(f, 2, SEEK_END), 8);           /* past the end is allowed */
	KT_EXPECT_EQ(file_write(f, "!", 1), 1);
	struct stat st;
	file_stat(f, &st);
	KT_EXPECT_EQ(st.size, 9);
	KT_EXPECT_EQ(st.type, DT_FILE);
	KT_EXPECT_EQ(st.writable, 1);
	file_close(f);
	KT_EXPECT_EQ(ramfs_unlink(&ramfs_root, "/tmp/ktf-a"), 0);
}

KTEST(file, access_modes_enforced)
{
	struct file *w = open_ok("/tmp/ktf-m", O_WRONLY | O_CREAT);
	struct file *r = open_ok("/tmp/ktf-m", O_RDONLY);
	char buf[4];
	KT_EXPECT_EQ(file_read(w, buf, 1), -EBADF);
	KT_EXPECT_EQ(file_write(r, "x", 1), -EBADF);
	KT_EXPECT_EQ(file_write(w, "xy", 2), 2);
	KT_EXPECT_EQ(file_read(r, buf, sizeof(buf)), 2);        /* each file has its offset */
	file_close(w);
	file_close(r);
	KT_EXPECT_EQ(open_err("/tmp/ktf-m", O_ACCMODE), -EINVAL);
	KT_EXPECT_EQ(open_err("/tmp/ktf-m", 0x8000), -EINVAL);
	KT_EXPECT_EQ(open_err("/tmp/ktf-none", O_RDONLY), -ENOENT);
	KT_EXPECT_EQ(open_err("/tmp", O_RDONLY), -EISDIR);
	KT_EXPECT_EQ(ramfs_unlink(&ramfs_root, "/tmp/ktf-m"), 0);
}

KTEST(file, append_and_truncate)
{
	struct file *f = open_ok("/tmp/ktf-log", O_WRONLY | O_CREAT | O_APPEND);
	KT_EXPECT_EQ(file_write(f, "one ", 4), 4);
	KT_EXPECT_EQ(file_lseek(f, 0, SEEK_SET), 0);
	KT_EXPECT_EQ(file_write(f, "two", 3), 3);               /* still at the end */
	KT_EXPECT_EQ(f->offset, 7);
	struct file *r = open_ok("/tmp/ktf-log", O_RDONLY);
	char buf[8];
	KT_EXPECT_EQ(file_read(r, buf, sizeof(buf)), 7);
	KT_EXPECT_EQ(memcmp(buf, "one two", 7), 0);
	struct file *t = open_ok("/tmp/ktf-log", O_WRONLY | O_TRUNC);
	struct stat st;
	file_stat(r, &st);
	KT_EXPECT_EQ(st.size, 0);
	file_close(t);
	file_close(r);
	file_close(f);
	KT_EXPECT_EQ(ramfs_unlink(&ramfs_root, "/tmp/ktf-log"), 0);
}

KTEST(file, dup_shares_offset_until_last_close)
{
	struct file *f = open_ok("/tmp/ktf-d", O_RDWR | O_CREAT);
	struct ramfs_node *node = f->node;
	KT_EXPECT(file_dup(f) == f);
	KT_EXPECT_EQ(f->refs, 2);
	KT_EXPECT_EQ(node->refs, 1);                 /* one open file, two references */
	KT_EXPECT_EQ(file_write(f, "shared", 6), 6);
	file_close(f);
	KT_EXPECT_EQ(f->refs, 1);
	KT_EXPECT_EQ(f->offset, 6);                  /* the survivor sees the same offset */
	KT_EXPECT_EQ(ramfs_unlink(&ramfs_root, "/tmp/ktf-d"), 0);
	KT_EXPECT_EQ(file_lseek(f, 0, SEEK_SET), 0);
	char buf[8];
	KT_EXPECT_EQ(file_read(f, buf, sizeof(buf)), 6);   /* unlinked, still open */
	file_close(f);
	KT_EXPECT_EQ(node->refs, 0);
	KT_EXPECT(!node->linked);
}

KTEST(file, pipe_ends_through_files)
{
	struct file *r, *w;
	KT_EXPECT_EQ(file_pipe(&r, &w), 0);
	KT_EXPECT(r->pipe == w->pipe);
	char buf[8];
	KT_EXPECT_EQ(file_read(w, buf, 1), -EBADF);
	KT_EXPECT_EQ(file_write(r, "x", 1), -EBADF);
	KT_EXPECT_EQ(file_lseek(r, 0, SEEK_SET), -ESPIPE);
	KT_EXPECT_EQ(file_write(w, "hey", 3), 3);
	struct stat st;
	file_stat(r, &st);
	KT_EXPECT_EQ(st.type, 0);
	KT_EXPECT_EQ(st.writable, 0);
	file_dup(w);
	file_close(w);                               /* a reference remains: no EOF yet */
	KT_EXPECT(r->pipe->writer_open);
	file_close(w);
	KT_EXPECT_EQ(file_read(r, buf, sizeof(buf)), 3);
	KT_EXPECT_EQ(file_read(r, buf, sizeof(buf)), 0);
	file_close(r);
}

KTEST(file, console_does_not_seek)
{
	struct file *c = file_console();
	KT_EXPECT(c != NULL);
	KT_EXPECT_EQ(file_lseek(c, 0, SEEK_SET), -ESPIPE);
	struct stat st;
	file_stat(c, &st);
	KT_EXPECT_EQ(st.type, 0);
	file_close(c);
}

KTEST(file, fd_table_lowest_free_and_full)
{
	struct fdtable t;
	memset(&t, 0, sizeof(t));
	struct file *c = file_console();
	for (int fd = 0; fd < FD_MAX; fd++)
		KT_EXPECT_EQ(fd_install(&t, fd ? file_dup(c) : c), fd);
	KT_EXPECT_EQ(c->refs, FD_MAX);
	KT_EXPECT_EQ(fd_install(&t, c), -EMFILE);
	KT_EXPECT(fd_get(&t, -1) == NULL);
	KT_EXPECT(fd_get(&t, FD_MAX) == NULL);
	file_close(t.fd[3]);
	t.fd[3] = NULL;
	KT_EXPECT(fd_get(&t, 3) == NULL);
	KT_EXPECT_EQ(fd_install(&t, file_dup(c)), 3);
	file_dup(c);                                 /* keep C alive to look at it */
	fd_close_all(&t);
	KT_EXPECT_EQ(c->refs, 1);
	for (int fd = 0; fd < FD_MAX; fd++)
		KT_EXPECT(t.fd[fd] == NULL);
	file_close(c);
}
