/*
 * usertests: files. Reading and seeking an initrd file (/etc/motd, which
 * the initrd always holds), the refusals of open/unlink/lseek, in-memory
 * files created with O_CREAT (write, read back, O_TRUNC, O_APPEND, unlink),
 * readdir and fstat. Created files live under /tmp, named after their test,
 * and each test unlinks what it created.
 */
#include "ut.h"

#define MOTD "/etc/motd"

/* Read the whole of PATH into BUF (SIZE bytes); returns its length. */
static int slurp(const char *path, char *buf, int size)
{
	int fd = CHECK_OK(open(path, O_RDONLY));
	int len = 0, n;
	while ((n = CHECK_OK(read(fd, buf + len, (size_t)(size - len)))) > 0)
		len += n;
	close(fd);
	return len;
}

static int read_and_seek_initrd_file(void)
{
	static char whole[8192];
	char buf[16];
	int size = slurp(MOTD, whole, sizeof(whole));
	CHECK(size > 8);
	CHECK(size < (int)sizeof(whole));
	int fd = CHECK_OK(open(MOTD, O_RDONLY));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.size, size);
	CHECK_EQ(st.type, DT_FILE);
	CHECK_EQ(st.writable, 0);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(memcmp(buf, whole, 4) == 0);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 6);
	CHECK_EQ(read(fd, buf, 2), 2);
	CHECK(memcmp(buf, whole + 6, 2) == 0);
	CHECK_EQ(lseek(fd, 1, SEEK_SET), 1);
	CHECK_EQ(read(fd, buf, 3), 3);
	CHECK(memcmp(buf, whole + 1, 3) == 0);
	CHECK_EQ(lseek(fd, -1, SEEK_END), size - 1);
	CHECK_EQ(read(fd, buf, 16), 1);
	CHECK_EQ(buf[0], whole[size - 1]);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), size);
	close(fd);
	return 0;
}

static int read_past_end_returns_0(void)
{
	char buf[16];
	int fd = CHECK_OK(open(MOTD, O_RDONLY));
	int size = CHECK_OK(lseek(fd, 0, SEEK_END));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	/* Seeking beyond the end is allowed; reading there gives end of file. */
	CHECK_EQ(lseek(fd, size + 100, SEEK_SET), size + 100);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	return 0;
}

static int lseek_bad_args(void)
{
	int fd = CHECK_OK(open(MOTD, O_RDONLY));
	CHECK_EQ(lseek(fd, 3, SEEK_SET), 3);
	CHECK_FAILS(lseek(fd, 0, 3), EINVAL);
	CHECK_FAILS(lseek(fd, 0, -1), EINVAL);
	CHECK_FAILS(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_FAILS(lseek(fd, -4, SEEK_CUR), EINVAL);
	CHECK_FAILS(lseek(fd, -100000, SEEK_END), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 3);   /* refused seeks moved nothing */
	close(fd);
	CHECK_FAILS(lseek(fd, 0, SEEK_SET), EBADF);
	CHECK_FAILS(lseek(-1, 0, SEEK_SET), EBADF);
	return 0;
}

static int open_missing_enoent(void)
{
	CHECK_FAILS(open("/etc/no_such_file", O_RDONLY), ENOENT);
	CHECK_FAILS(open("/no_such_dir/file", O_RDONLY), ENOENT);
	CHECK_FAILS(open("/no_such_file", O_WRONLY), ENOENT);   /* no O_CREAT: not created */
	return 0;
}

/* Paths hold PATH_MAX_LEN bytes with the NUL: 55 characters fit, 56 do not. */
static int long_path_enametoolong(void)
{
	char path[300];
	struct dirent e;
	memset(path, 'p', sizeof(path));
	path[0] = '/';
	path[PATH_MAX_LEN - 1] = '\0';
	CHECK_FAILS(open(path, O_RDONLY), ENOENT);
	path[PATH_MAX_LEN - 1] = 'p';
	path[PATH_MAX_LEN] = '\0';
	CHECK_FAILS(open(path, O_RDONLY), ENAMETOOLONG);
	CHECK_FAILS(open(path, O_RDWR | O_CREAT), ENAMETOOLONG);
	CHECK_FAILS(unlink(path), ENAMETOOLONG);
	CHECK_FAILS(readdir(path, 0, &e), ENAMETOOLONG);
	path[PATH_MAX_LEN] = 'p';
	path[sizeof(path) - 1] = '\0';
	CHECK_FAILS(open(path, O_RDONLY), ENAMETOOLONG);
	return 0;
}

static int open_bad_flags_einval(void)
{
	CHECK_FAILS(open(MOTD, O_ACCMODE), EINVAL);        /* access mode 3 is none */
	CHECK_FAILS(open(MOTD, 0x8000), EINVAL);            /* unknown flag bit */
	CHECK_FAILS(open(MOTD, O_RDONLY | 0x10), EINVAL);
	return 0;
}

static int open_directory_eisdir_under_file_enotdir(void)
{
	CHECK_FAILS(open("/bin", O_RDONLY), EISDIR);
	CHECK_FAILS(open("/", O_RDONLY), EISDIR);
	CHECK_FAILS(open("/etc/motd/x", O_RDONLY), ENOTDIR);
	CHECK_FAILS(open("/etc/motd/x", O_RDWR | O_CREAT), ENOTDIR);
	return 0;
}

/* An initrd file cannot be written or removed, however it is asked. */
static int initrd_file_read_only(void)
{
	CHECK_FAILS(open(MOTD, O_WRONLY), EROFS);
	CHECK_FAILS(open(MOTD, O_RDWR), EROFS);
	CHECK_FAILS(open(MOTD, O_RDWR | O_TRUNC), EROFS);
	int fd = CHECK_OK(open(MOTD, O_RDONLY));
	CHECK_FAILS(write(fd, "x", 1), EBADF);
	close(fd);
	CHECK_FAILS(unlink(MOTD), EROFS);
	CHECK_FAILS(unlink("/bin/usertests"), EROFS);
	char buf[4];
	fd = CHECK_OK(open(MOTD, O_RDONLY));   /* still there */
	CHECK_EQ(read(fd, buf, 4), 4);
	close(fd);
	return 0;
}

static int create_write_read_unlink(void)
{
	const char *path = "/tmp/ut_create";
	char buf[64];
	int fd = CHECK_OK(open(path, O_RDWR | O_CREAT));
	CHECK_EQ(write(fd, "hello, ", 7), 7);
	CHECK_EQ(write(fd, "world", 5), 5);
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.size, 12);
	CHECK_EQ(st.type, DT_FILE);
	CHECK_EQ(st.writable, 1);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 12);
	CHECK(memcmp(buf, "hello, world", 12) == 0);
	/* Overwrite in the middle, then write past the end. */
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7);
	CHECK_EQ(write(fd, "WORLD!!", 7), 7);
	close(fd);
	CHECK_EQ(slurp(path, buf, sizeof(buf)), 14);
	CHECK(memcmp(buf, "hello, WORLD!!", 14) == 0);
	/* O_CREAT of an existing file opens it as it is. */
	fd = CHECK_OK(open(path, O_RDONLY | O_CREAT));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 14);
	close(fd);
	CHECK_OK(unlink(path));
	CHECK_FAILS(open(path, O_RDONLY), ENOENT);
	CHECK_FAILS(unlink(path), ENOENT);
	return 0;
}

static int trunc_empties_file(void)
{
	const char *path = "/tmp/ut_trunc";
	char buf[16];
	int fd = CHECK_OK(open(path, O_WRONLY | O_CREAT));
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	close(fd);
	fd = CHECK_OK(open(path, O_RDWR | O_TRUNC));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK_EQ(st.size, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, "ab", 2), 2);
	close(fd);
	CHECK_EQ(slurp(path, buf, sizeof(buf)), 2);
	/* A write-only descriptor cannot read. */
	fd = CHECK_OK(open(path, O_WRONLY));
	CHECK_FAILS(read(fd, buf, 1), EBADF);
	close(fd);
	CHECK_OK(unlink(path));
	return 0;
}

static int append_writes_at_end(void)
{
	const char *path = "/tmp/ut_append";
	char buf[32];
	int fd = CHECK_OK(open(path, O_WRONLY | O_CREAT));
	CHECK_EQ(write(fd, "abc", 3), 3);
	close(fd);
	fd = CHECK_OK(open(path, O_RDWR | O_APPEND));
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(write(fd, "def", 3), 3);   /* goes to the end despite the seek */
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "abcdef", 6) == 0);
	close(fd);
	CHECK_OK(unlink(path));
	return 0;
}

/* An unlinked file stays readable through descriptors already open. */
static int unlinked_file_readable_while_open(void)
{
	const char *path = "/tmp/ut_unlinked";
	char buf[16];
	int fd = CHECK_OK(open(path, O_RDWR | O_CREAT));
	CHECK_EQ(write(fd, "still here", 10), 10);
	CHECK_OK(unlink(path));
	CHECK_FAILS(open(path, O_RDONLY), ENOENT);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 10);
	CHECK(memcmp(buf, "still here", 10) == 0);
	close(fd);
	/* The name is free again. */
	fd = CHECK_OK(open(path, O_RDWR | O_CREAT));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	CHECK_OK(unlink(path));
	return 0;
}

/* Look up NAME in directory DIR with readdir; fills E. Returns 1 if found. */
static int find_entry(const char *dir, const char *name, struct dirent *e)
{
	for (int i = 0; i < 1000; i++) {
		int r = CHECK_OK(readdir(dir, i, e));
		if (r == 0)
			return 0;
		CHECK_EQ(r, 1);
		if (strcmp(e->name, name) == 0)
			return 1;
	}
	ut_fail(__FILE__, __LINE__, "readdir(%s) never ends", dir);
}

static int readdir_finds_usertests(void)
{
	struct dirent e;
	CHECK(find_entry("/", "bin", &e));
	CHECK_EQ(e.type, DT_DIR);
	CHECK(e.size >= 1);
	CHECK(find_entry("/", "etc", &e));
	CHECK_EQ(e.type, DT_DIR);
	CHECK(find_entry("/bin", "usertests", &e));
	CHECK_EQ(e.type, DT_FILE);
	int fd = CHECK_OK(open(UT_SELF, O_RDONLY));
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	close(fd);
	CHECK_EQ(e.size, st.size);
	CHECK(find_entry("/etc", "motd", &e));
	CHECK(!find_entry("/bin", "no_such_program", &e));
	/* Indexes are stable: the same index names the same entry twice. */
	struct dirent a, b;
	CHECK_EQ(readdir("/bin", 0, &a), 1);
	CHECK_EQ(readdir("/bin", 0, &b), 1);
	CHECK(strcmp(a.name, b.name) == 0);
	return 0;
}

static int readdir_errors(void)
{
	struct dirent e;
	CHECK_FAILS(readdir("/no_such_dir", 0, &e), ENOENT);
	CHECK_FAILS(readdir(MOTD, 0, &e), ENOTDIR);
	CHECK_FAILS(readdir("/", -1, &e), EINVAL);
	CHECK_EQ(readdir("/", 100000, &e), 0);
	CHECK_ERR(ut_syscall(SYS_readdir, (uint32_t)(uintptr_t)"/", 0, UT_TEXT_ADDR), EFAULT);
	return 0;
}

/* A created file shows up in its directory, with its size, until unlinked. */
static int readdir_sees_created_file(void)
{
	const char *path = "/tmp/ut_listed";
	struct dirent e;
	int fd = CHECK_OK(open(path, O_WRONLY | O_CREAT));
	CHECK_EQ(write(fd, "12345", 5), 5);
	close(fd);
	CHECK(find_entry("/tmp", "ut_listed", &e));
	CHECK_EQ(e.type, DT_FILE);
	CHECK_EQ(e.size, 5);
	CHECK(find_entry("/", "tmp", &e));
	CHECK_EQ(e.type, DT_DIR);
	CHECK_OK(unlink(path));
	/* Gone: /tmp no longer lists it (or /tmp itself went with its last file). */
	for (int i = 0; readdir("/tmp", i, &e) == 1; i++)
		CHECK(strcmp(e.name, "ut_listed") != 0);
	return 0;
}

static int fstat_kinds_and_errors(void)
{
	struct stat st;
	int fds[2];
	CHECK_OK(pipe(fds));
	CHECK_OK(fstat(fds[0], &st));
	CHECK_EQ(st.type, 0);
	CHECK_EQ(st.writable, 0);
	close(fds[0]);
	close(fds[1]);
	CHECK_OK(fstat(0, &st));   /* the console */
	CHECK_EQ(st.type, 0);
	CHECK_FAILS(fstat(-1, &st), EBADF);
	CHECK_FAILS(fstat(FD_MAX, &st), EBADF);
	CHECK_FAILS(fstat(fds[0], &st), EBADF);
	return 0;
}

const struct ut_test ut_file_tests[] = {
	{ "file_read_and_lseek_initrd_file", read_and_seek_initrd_file },
	{ "file_read_past_end_returns_0", read_past_end_returns_0 },
	{ "file_lseek_bad_whence_or_offset_einval", lseek_bad_args },
	{ "file_open_missing_enoent", open_missing_enoent },
	{ "file_long_path_enametoolong", long_path_enametoolong },
	{ "file_open_bad_flags_einval", open_bad_flags_einval },
	{ "file_open_directory_eisdir_under_file_enotdir", open_directory_eisdir_under_file_enotdir },
	{ "file_initrd_file_read_only_erofs_ebadf", initrd_file_read_only },
	{ "file_create_write_read_unlink", create_write_read_unlink },
	{ "file_o_trunc_empties_file", trunc_empties_file },
	{ "file_o_append_writes_at_end", append_writes_at_end },
	{ "file_unlinked_file_readable_while_open", unlinked_file_readable_while_open },
	{ "readdir_root_and_bin_find_usertests", readdir_finds_usertests },
	{ "readdir_errors", readdir_errors },
	{ "readdir_sees_created_file", readdir_sees_created_file },
	{ "fstat_pipe_console_and_bad_fd", fstat_kinds_and_errors },
	{ NULL, NULL },
};
