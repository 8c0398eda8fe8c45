/*
 * usertests: pipes. Data in order through one pipe, end of file once every
 * writer is gone, -EPIPE once every reader is gone, transfers far larger
 * than the pipe's buffer between two processes in both directions (so both
 * sides block and wake), and killing a process blocked on a pipe.
 * Transfers carry a pattern whose byte at offset i is pattern_byte(i).
 */
#include "ut.h"

#define BIG_TRANSFER (256 * 1024)   /* far more than a pipe buffers */

static unsigned char pattern_byte(unsigned i)
{
	return (unsigned char)(i * 31 + (i >> 8) + 7);
}

/* ---- Helpers ---- */

/* pipewrite N: write N pattern bytes to stdout in odd-sized pieces; exit 0 if all went. */
static int h_pipewrite(int argc, char **argv)
{
	unsigned n = argc > 3 ? (unsigned)atoi(argv[3]) : 0;
	unsigned char buf[1000];
	for (unsigned off = 0; off < n;) {
		unsigned len = n - off < 777 ? n - off : 777;
		for (unsigned i = 0; i < len; i++)
			buf[i] = pattern_byte(off + i);
		if (write(1, buf, len) != (int)len)
			return 1;
		off += len;
	}
	return 0;
}

/* piperead N: read stdin to end of file; exit 0 if it was exactly N pattern bytes. */
static int h_piperead(int argc, char **argv)
{
	unsigned n = argc > 3 ? (unsigned)atoi(argv[3]) : 0, off = 0;
	unsigned char buf[1500];
	int got;
	while ((got = read(0, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < got; i++, off++)
			if (off >= n || buf[i] != pattern_byte(off))
				return 1;
	}
	return got == 0 && off == n ? 0 : 2;
}

/* readblock: block reading stdin until killed (or until end of file: exit 3). */
static int h_readblock(int argc, char **argv)
{
	(void)argc; (void)argv;
	char c;
	while (read(0, &c, 1) > 0)
		;
	return 3;
}

const struct ut_helper ut_pipe_helpers[] = {
	{ "pipewrite", h_pipewrite }, { "piperead", h_piperead },
	{ "readblock", h_readblock },
	{ NULL, NULL },
};

/* ---- Tests ---- */

static int data_through_in_order(void)
{
	int fds[2];
	char buf[32];
	CHECK_OK(pipe(fds));
	CHECK(fds[0] >= 3 && fds[1] >= 3 && fds[0] != fds[1]);
	CHECK_EQ(write(fds[1], "abc", 3), 3);
	CHECK_EQ(write(fds[1], "defgh", 5), 5);
	CHECK_EQ(read(fds[0], buf, 2), 2);
	CHECK(memcmp(buf, "ab", 2) == 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 6);   /* what is there, without waiting */
	CHECK(memcmp(buf, "cdefgh", 6) == 0);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

static int eof_after_writer_closes(void)
{
	int fds[2];
	char buf[8];
	CHECK_OK(pipe(fds));
	int extra = CHECK_OK(dup(fds[1]));
	CHECK_EQ(write(fds[1], "xy", 2), 2);
	close(fds[1]);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 2);   /* a writer (extra) is left */
	close(extra);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 0);
	close(fds[0]);
	return 0;
}

static int write_no_reader_epipe(void)
{
	int fds[2];
	CHECK_OK(pipe(fds));
	close(fds[0]);
	CHECK_FAILS(write(fds[1], "x", 1), EPIPE);
	CHECK_FAILS(write(fds[1], "x", 1), EPIPE);
	close(fds[1]);
	return 0;
}

static int wrong_end_ebadf_and_no_seek(void)
{
	int fds[2];
	char c;
	CHECK_OK(pipe(fds));
	CHECK_FAILS(read(fds[1], &c, 1), EBADF);
	CHECK_FAILS(write(fds[0], "x", 1), EBADF);
	CHECK_FAILS(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	CHECK_FAILS(lseek(fds[1], 0, SEEK_CUR), ESPIPE);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

/* A helper writes BIG_TRANSFER bytes into a pipe; we read and check them all. */
static int large_transfer_from_child(void)
{
	int fds[2];
	char count[16];
	static unsigned char buf[4096];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { 0, fds[1], 2 };
	snprintf(count, sizeof(count), "%d", BIG_TRANSFER);
	int pid = ut_helper(fdmap, "pipewrite", count, NULL);
	close(fds[1]);
	unsigned off = 0;
	int n;
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (int i = 0; i < n; i++, off++)
			if (off >= BIG_TRANSFER || buf[i] != pattern_byte(off))
				ut_fail(__FILE__, __LINE__, "byte %u is %u, want %u", off, buf[i],
					pattern_byte(off));
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(off, BIG_TRANSFER);
	close(fds[0]);
	CHECK_EQ(ut_wait(pid), 0);
	return 0;
}

/* We write BIG_TRANSFER bytes into a pipe; a helper reads and checks them all. */
static int large_transfer_to_child(void)
{
	int fds[2];
	char count[16];
	static unsigned char buf[5000];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { fds[0], 1, 2 };
	snprintf(count, sizeof(count), "%d", BIG_TRANSFER);
	int pid = ut_helper(fdmap, "piperead", count, NULL);
	close(fds[0]);
	for (unsigned off = 0; off < BIG_TRANSFER;) {
		unsigned len = BIG_TRANSFER - off < sizeof(buf) ? BIG_TRANSFER - off : sizeof(buf);
		for (unsigned i = 0; i < len; i++)
			buf[i] = pattern_byte(off + i);
		CHECK_EQ(write(fds[1], buf, len), len);   /* all of it, blocking as needed */
		off += len;
	}
	close(fds[1]);
	int status = ut_wait(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	return 0;
}

/* A writer blocked on a full pipe gets -EPIPE when the reader goes away. */
static int blocked_writer_gets_epipe(void)
{
	int fds[2];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { fds[0], 1, 2 };
	int pid = ut_helper(fdmap, "sleep", "50", NULL);   /* holds the read end, then exits */
	close(fds[0]);
	static char buf[3 * 4096];
	unsigned t0 = uptime();
	CHECK_FAILS(write(fds[1], buf, sizeof(buf)), EPIPE);
	CHECK(uptime() - t0 >= 40);   /* it did block until the reader left */
	close(fds[1]);
	CHECK_EQ(ut_wait(pid), 0);
	return 0;
}

/* A process blocked reading an empty pipe can be killed, and dies at once. */
static int kill_blocked_reader(void)
{
	int fds[2];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { fds[0], 1, 2 };
	int pid = ut_helper(fdmap, "readblock", NULL);
	close(fds[0]);
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_BLOCKED);
	unsigned t0 = uptime();
	CHECK_OK(kill(pid, SIGTERM));
	int status = ut_wait(pid);
	CHECK(uptime() - t0 < 100);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
	/* With the reader dead, the write end now has no reader. */
	CHECK_FAILS(write(fds[1], "x", 1), EPIPE);
	close(fds[1]);
	return 0;
}

const struct ut_test ut_pipe_tests[] = {
	{ "pipe_data_through_in_order", data_through_in_order },
	{ "pipe_eof_after_last_writer_closes", eof_after_writer_closes },
	{ "pipe_write_no_reader_epipe", write_no_reader_epipe },
	{ "pipe_wrong_end_ebadf_lseek_espipe", wrong_end_ebadf_and_no_seek },
	{ "pipe_large_transfer_from_child", large_transfer_from_child },
	{ "pipe_large_transfer_to_child", large_transfer_to_child },
	{ "pipe_blocked_writer_gets_epipe", blocked_writer_gets_epipe },
	{ "pipe_kill_blocked_reader", kill_blocked_reader },
	{ NULL, NULL },
};
