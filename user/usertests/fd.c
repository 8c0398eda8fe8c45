/*
 * usertests: descriptors. Bad descriptors (-1, out of range, closed) are
 * -EBADF for every call that takes one; dup takes the lowest free slot,
 * dup2 replaces its target; the table holds FD_MAX entries and then says
 * -EMFILE; and dup2 can point stdout into a pipe and back.
 * A test's fds 0, 1, 2 are the console and the runner's pipe: tests here
 * restore them before any check can print.
 */
#include "ut.h"

/* Descriptors that are never open in a test: invalid, out of range, unused. */
static const int bad_fds[] = { -1, -100, FD_MAX, 99, 12 };

#define NBADFD (sizeof(bad_fds) / sizeof(bad_fds[0]))

static int bad_fd_ebadf_everywhere(void)
{
	char buf[4] = "abc";
	struct stat st;
	for (unsigned i = 0; i < NBADFD; i++) {
		int fd = bad_fds[i];
		CHECK_FAILS(read(fd, buf, 1), EBADF);
		CHECK_FAILS(write(fd, buf, 1), EBADF);
		CHECK_FAILS(close(fd), EBADF);
		CHECK_FAILS(lseek(fd, 0, SEEK_SET), EBADF);
		CHECK_FAILS(fstat(fd, &st), EBADF);
		CHECK_FAILS(dup(fd), EBADF);
		CHECK_FAILS(dup2(fd, 5), EBADF);
	}
	return 0;
}

static int closed_fd_ebadf(void)
{
	char c;
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_OK(close(fd));
	CHECK_FAILS(close(fd), EBADF);
	CHECK_FAILS(read(fd, &c, 1), EBADF);
	CHECK_FAILS(dup(fd), EBADF);
	return 0;
}

static int dup_takes_lowest_free(void)
{
	int a = CHECK_OK(open("/etc/motd", O_RDONLY));
	int b = CHECK_OK(dup(a));
	CHECK_EQ(b, a + 1);
	CHECK_OK(close(a));
	CHECK_EQ(dup(b), a);   /* the hole left by a is reused */
	/* dup shares the offset: both see the same file position. */
	char c;
	CHECK_EQ(read(a, &c, 1), 1);
	CHECK_EQ(lseek(b, 0, SEEK_CUR), 1);
	close(a);
	close(b);
	return 0;
}

static int dup2_semantics(void)
{
	int a = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_EQ(dup2(a, a), a);                 /* onto itself: nothing happens */
	CHECK_EQ(dup2(a, 10), 10);
	CHECK_EQ(lseek(10, 5, SEEK_SET), 5);
	CHECK_EQ(lseek(a, 0, SEEK_CUR), 5);      /* one open file, two descriptors */
	int other = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_EQ(dup2(other, 10), 10);           /* replaces (closes) the old 10 */
	CHECK_EQ(lseek(10, 0, SEEK_CUR), 0);
	CHECK_FAILS(dup2(a, FD_MAX), EBADF);
	CHECK_FAILS(dup2(a, -1), EBADF);
	close(a);
	close(other);
	close(10);
	return 0;
}

/* The table holds FD_MAX descriptors; the next one is -EMFILE, for dup, open and pipe. */
static int fd_table_full_emfile(void)
{
	int n = 0, fds[2];
	while (dup(0) >= 0)
		n++;
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(n, FD_MAX - 3);
	CHECK_FAILS(open("/etc/motd", O_RDONLY), EMFILE);
	CHECK_FAILS(open("/tmp/fd_full_new", O_RDWR | O_CREAT), EMFILE);
	CHECK_FAILS(pipe(fds), EMFILE);
	/* With one slot free, pipe needs two: it fails and leaks nothing. */
	CHECK_OK(close(FD_MAX - 1));
	CHECK_FAILS(pipe(fds), EMFILE);
	CHECK_EQ(dup(0), FD_MAX - 1);
	for (int fd = 3; fd < FD_MAX; fd++)
		CHECK_OK(close(fd));
	CHECK_EQ(dup(0), 3);
	close(3);
	CHECK_FAILS(open("/tmp/fd_full_new", O_RDONLY), ENOENT);   /* the full table created nothing */
	return 0;
}

/* Point stdout into a pipe with dup2, print, put stdout back, read what was printed. */
static int dup2_redirects_stdout(void)
{
	int fds[2];
	char buf[64];
	CHECK_OK(pipe(fds));
	int saved = CHECK_OK(dup(1));
	fflush(stdout);
	CHECK_OK(dup2(fds[1], 1));
	printf("through the pipe %d\n", 42);
	fflush(stdout);
	int moved = dup2(saved, 1);
	close(saved);
	CHECK_EQ(moved, 1);
	close(fds[1]);
	int len = 0, n;
	while ((n = read(fds[0], buf + len, sizeof(buf) - 1 - (size_t)len)) > 0)
		len += n;
	buf[len] = '\0';
	close(fds[0]);
	CHECK(strcmp(buf, "through the pipe 42\n") == 0);
	return 0;
}

/* Zero-length reads and writes succeed with 0 and move nothing. */
static int write_zero_length(void)
{
	CHECK_EQ(write(1, "", 0), 0);
	CHECK_EQ(ut_syscall(SYS_write, 1, 0, 0), 0);   /* no bytes: no pointer to check */
	char c;
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_EQ(read(fd, &c, 0), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	return 0;
}

const struct ut_test ut_fd_tests[] = {
	{ "fd_bad_fd_ebadf_for_every_call", bad_fd_ebadf_everywhere },
	{ "fd_closed_fd_ebadf", closed_fd_ebadf },
	{ "fd_dup_takes_lowest_free_and_shares_offset", dup_takes_lowest_free },
	{ "fd_dup2_onto_self_open_and_out_of_range", dup2_semantics },
	{ "fd_table_full_emfile_leaks_nothing", fd_table_full_emfile },
	{ "fd_dup2_redirects_stdout_into_pipe", dup2_redirects_stdout },
	{ "fd_zero_length_read_write", write_zero_length },
	{ NULL, NULL },
};
