/*
 * usertests: processes. spawn (errors, argv, fdmap), exit statuses,
 * waitpid and wait, zombies, procstat and proclist, and the process table
 * filling up. The helpers here are the simple children the other
 * groups spawn too: exit N, sleep MS, spin, and reporters.
 */
#include "ut.h"

/* ---- Helpers ---- */

/* exit N: exit with status N. */
static _Noreturn int h_exit(int argc, char **argv)
{
	exit(argc > 3 ? atoi(argv[3]) : 0);
}

/* sleep MS: sleep MS milliseconds, then exit 0. */
static int h_sleep(int argc, char **argv)
{
	sleep_ms(argc > 3 ? (unsigned)atoi(argv[3]) : 1000000);
	return 0;
}

/* spin: burn CPU until killed. */
static _Noreturn int h_spin(int argc, char **argv)
{
	(void)argc; (void)argv;
	volatile unsigned n = 0;
	for (;;)
		n++;
}

/* args: print argc, then each argument in brackets on its own line. */
static int h_args(int argc, char **argv)
{
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("[%s]\n", argv[i]);
	printf("end=%s\n", argv[argc] == NULL ? "NULL" : "not NULL");
	return 0;
}

/* report: print "pid=P ppid=Q" as this process sees itself. */
static int h_report(int argc, char **argv)
{
	(void)argc; (void)argv;
	struct procstat st;
	if (procstat(0, &st) != 0)
		return 1;
	printf("pid=%d ppid=%d\n", getpid(), st.ppid);
	return 0;
}

/*
 * closedfds: started with fdmap {-1, pipe, -1}: fds 0 and 2 must be closed
 * and fd 1 open. Exit 0 when so, else the number of the first wrong check.
 */
static int h_closedfds(int argc, char **argv)
{
	(void)argc; (void)argv;
	char c;
	if (read(0, &c, 1) != -1 || errno != EBADF)
		return 10;
	if (write(2, "x", 1) != -1 || errno != EBADF)
		return 11;
	if (write(1, "ok", 2) != 2)
		return 12;
	return 0;
}

const struct ut_helper ut_proc_helpers[] = {
	{ "exit", h_exit }, { "sleep", h_sleep }, { "spin", h_spin },
	{ "args", h_args }, { "report", h_report }, { "closedfds", h_closedfds },
	{ NULL, NULL },
};

/* Read everything from FD into BUF (NUL-terminated, at most SIZE - 1 bytes). */
static void read_all(int fd, char *buf, int size)
{
	int len = 0, n;
	while (len < size - 1 && (n = read(fd, buf + len, (size_t)(size - 1 - len))) > 0)
		len += n;
	buf[len] = '\0';
}

/* ---- spawn ---- */

static int spawn_missing_enoent(void)
{
	char *argv[] = { "/bin/no_such_program", NULL };
	CHECK_FAILS(spawn("/bin/no_such_program", argv, NULL), ENOENT);
	CHECK_FAILS(spawn("/no_such_dir/prog", argv, NULL), ENOENT);
	return 0;
}

static int spawn_non_elf_enoexec(void)
{
	char *argv[] = { "/etc/motd", NULL };
	CHECK_FAILS(spawn("/etc/motd", argv, NULL), ENOEXEC);
	return 0;
}

/* Paths hold PATH_MAX_LEN bytes with the NUL: 55 characters fit, 56 do not. */
static int spawn_long_path_enametoolong(void)
{
	char path[200];
	char *argv[] = { path, NULL };
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[PATH_MAX_LEN - 1] = '\0';
	CHECK_FAILS(spawn(path, argv, NULL), ENOENT);
	path[PATH_MAX_LEN - 1] = 'a';
	path[PATH_MAX_LEN] = '\0';
	CHECK_FAILS(spawn(path, argv, NULL), ENAMETOOLONG);
	path[sizeof(path) - 1] = '\0';
	path[PATH_MAX_LEN] = 'a';
	CHECK_FAILS(spawn(path, argv, NULL), ENAMETOOLONG);
	return 0;
}

/* ARGV_MAX arguments are accepted, one more is E2BIG, and so is a huge one. */
static int spawn_too_many_args_e2big(void)
{
	char *argv[ARGV_MAX + 2] = { UT_SELF, "-h", "exit", "0" };
	for (int i = 4; i < ARGV_MAX; i++)
		argv[i] = "x";
	argv[ARGV_MAX] = NULL;
	int pid = CHECK_OK(spawn(UT_SELF, argv, NULL));
	ut_track(pid);
	CHECK_EQ(ut_wait(pid), 0);
	argv[ARGV_MAX] = "x";
	argv[ARGV_MAX + 1] = NULL;
	CHECK_FAILS(spawn(UT_SELF, argv, NULL), E2BIG);

	char *big = malloc(ARG_MAX_BYTES + 16);
	CHECK(big != NULL);
	memset(big, 'b', ARG_MAX_BYTES + 15);
	big[ARG_MAX_BYTES + 15] = '\0';
	char *argv2[] = { UT_SELF, "-h", "exit", "0", big, NULL };
	CHECK_FAILS(spawn(UT_SELF, argv2, NULL), E2BIG);
	free(big);
	return 0;
}

static int spawn_fdmap_bad_fd_ebadf(void)
{
	char *argv[] = { UT_SELF, "-h", "exit", "0", NULL };
	int bad_high[3] = { 0, 99, 2 }, bad_neg[3] = { 0, 1, -2 }, closed[3] = { 0, 1, 9 };
	CHECK_FAILS(spawn(UT_SELF, argv, bad_high), EBADF);
	CHECK_FAILS(spawn(UT_SELF, argv, bad_neg), EBADF);
	CHECK_FAILS(spawn(UT_SELF, argv, closed), EBADF);
	return 0;
}

/* fdmap -1 leaves that descriptor closed in the child. */
static int spawn_fdmap_minus_one_closed(void)
{
	int fds[2];
	char buf[8];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { -1, fds[1], -1 };
	int pid = ut_helper(fdmap, "closedfds", NULL);
	close(fds[1]);
	read_all(fds[0], buf, sizeof(buf));
	close(fds[0]);
	CHECK_EQ(ut_wait(pid), 0);
	CHECK(strcmp(buf, "ok") == 0);
	return 0;
}

static int spawn_passes_argv(void)
{
	int fds[2];
	char out[256];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { 0, fds[1], 2 };
	int pid = ut_helper(fdmap, "args", "one", "two words", "", "last", NULL);
	close(fds[1]);
	read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	CHECK_EQ(ut_wait(pid), 0);
	const char *want = "argc=7\n[" UT_SELF "]\n[-h]\n[args]\n[one]\n[two words]\n[]\n"
		"[last]\nend=NULL\n";
	if (strcmp(out, want) != 0)
		ut_fail(__FILE__, __LINE__, "child printed \"%s\", want \"%s\"", out, want);
	return 0;
}

/* ---- exit and wait ---- */

static int exit_status_values(void)
{
	static char *const codes[] = { "0", "1", "42", "255" };
	for (int i = 0; i < 4; i++) {
		int status = ut_wait(ut_helper(NULL, "exit", codes[i], NULL));
		CHECK(WIFEXITED(status));
		CHECK(!WIFSIGNALED(status));
		CHECK_EQ(WEXITSTATUS(status), atoi(codes[i]));
	}
	return 0;
}

static int waitpid_nonchild_echild(void)
{
	int status;
	struct procstat self = ut_stat(0);
	CHECK_FAILS(waitpid(-1, &status, 0), ECHILD);
	CHECK_FAILS(waitpid(self.ppid, &status, 0), ECHILD);
	CHECK_FAILS(waitpid(getpid(), &status, 0), ECHILD);
	CHECK_FAILS(waitpid(99999, &status, WNOHANG), ECHILD);
	CHECK_FAILS(wait(&status), ECHILD);
	return 0;
}

static int waitpid_wnohang_running_child(void)
{
	int status = -1;
	int pid = ut_helper(NULL, "sleep", "200", NULL);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	CHECK_EQ(waitpid(-1, &status, WNOHANG), 0);
	CHECK_EQ(ut_wait(pid), 0);
	return 0;
}

/* Bad options and a bad status pointer are refused, and the child is not lost. */
static int waitpid_bad_args(void)
{
	int status;
	int pid = ut_helper(NULL, "exit", "5", NULL);
	CHECK_FAILS(waitpid(pid, &status, 4), EINVAL);
	CHECK_FAILS(waitpid(pid, &status, -1), EINVAL);
	CHECK_ERR(ut_syscall(SYS_waitpid, (uint32_t)pid, UT_KERNEL_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_waitpid, (uint32_t)pid, UT_UNMAPPED, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_waitpid, (uint32_t)pid, UT_TEXT_ADDR, 0), EFAULT);
	status = ut_wait(pid);
	CHECK_EQ(WEXITSTATUS(status), 5);
	return 0;
}

static int wait_any_reaps_each_child(void)
{
	int pids[3];
	pids[0] = ut_helper(NULL, "exit", "1", NULL);
	pids[1] = ut_helper(NULL, "exit", "2", NULL);
	pids[2] = ut_helper(NULL, "exit", "3", NULL);
	int seen = 0;
	for (int n = 0; n < 3; n++) {
		int status;
		int pid = CHECK_OK(wait(&status));
		int i = 0;
		while (i < 3 && pids[i] != pid)
			i++;
		CHECK(i < 3);
		CHECK(!(seen & (1 << i)));
		seen |= 1 << i;
		CHECK_EQ(WEXITSTATUS(status), i + 1);
	}
	for (int i = 0; i < 3; i++)
		ut_untrack(pids[i]);
	int status;
	CHECK_FAILS(wait(&status), ECHILD);
	return 0;
}

static int zombie_until_waited(void)
{
	int pid = ut_helper(NULL, "exit", "7", NULL);
	sleep_ms(30);
	struct procstat st = ut_stat(pid);
	CHECK_EQ(st.state, PSTATE_ZOMBIE);
	CHECK_EQ(st.pages, 0);
	CHECK_EQ(WEXITSTATUS(ut_wait(pid)), 7);
	CHECK_FAILS(procstat(pid, &st), ESRCH);
	return 0;
}

/* ---- procstat, proclist ---- */

static int child_sees_its_pid_and_ppid(void)
{
	int fds[2];
	char out[64], want[64];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { 0, fds[1], 2 };
	int pid = ut_helper(fdmap, "report", NULL);
	close(fds[1]);
	read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	CHECK_EQ(ut_wait(pid), 0);
	snprintf(want, sizeof(want), "pid=%d ppid=%d\n", pid, getpid());
	if (strcmp(out, want) != 0)
		ut_fail(__FILE__, __LINE__, "child printed \"%s\", want \"%s\"", out, want);
	return 0;
}

static int proclist_contains_self(void)
{
	int pids[128];
	int me = getpid(), parent = ut_stat(0).ppid;
	int n = CHECK_OK(proclist(pids, 128));
	CHECK(n >= 2);
	int found_me = 0, found_parent = 0;
	for (int i = 0; i < n; i++) {
		found_me += pids[i] == me;
		found_parent += pids[i] == parent;
		for (int j = 0; j < i; j++)
			CHECK(pids[i] != pids[j]);
	}
	CHECK_EQ(found_me, 1);
	CHECK_EQ(found_parent, 1);
	/* A short array gets the first entries only, and the full count. */
	pids[1] = -12345;
	CHECK_EQ(proclist(pids, 1), n);
	CHECK_EQ(pids[1], -12345);
	CHECK_EQ(proclist(NULL, 0), n);
	CHECK_FAILS(proclist(pids, -1), EINVAL);
	return 0;
}

static int procstat_missing_pid_esrch(void)
{
	struct procstat st;
	CHECK_FAILS(procstat(99999, &st), ESRCH);
	CHECK_FAILS(procstat(-1, &st), ESRCH);
	int pid = ut_helper(NULL, "exit", "0", NULL);
	ut_wait(pid);
	CHECK_FAILS(procstat(pid, &st), ESRCH);
	return 0;
}

/*
 * Spawn sleeping children until the table is full (-EAGAIN); then kill and
 * reap them all, after which spawning works again.
 */
static int proc_table_full_eagain(void)
{
	int before = proclist(NULL, 0), n = 0;
	for (;;) {
		char *argv[] = { UT_SELF, "-h", "sleep", "100000", NULL };
		errno = 0;
		int pid = spawn(UT_SELF, argv, NULL);
		if (pid < 0)
			break;
		ut_track(pid);
		n++;
		CHECK(n < 200);
	}
	int err = errno;
	int full = proclist(NULL, 0);
	printf("table full at %d processes (%d spawned here)\n", full, n);
	if (err != EAGAIN)
		ut_fail(__FILE__, __LINE__, "spawn %d failed with errno %s, want EAGAIN",
			n + 1, ut_errname(err));
	CHECK(n >= 8);
	CHECK_EQ(full, before + n);
	sleep_ms(50);   /* all asleep now (see kill_sigkill_child_before_it_runs) */
	CHECK_EQ(ut_reap_all(), n);
	CHECK_EQ(proclist(NULL, 0), before);
	CHECK_EQ(ut_wait(ut_helper(NULL, "exit", "0", NULL)), 0);
	return 0;
}

const struct ut_test ut_proc_tests[] = {
	{ "spawn_missing_program_enoent", spawn_missing_enoent },
	{ "spawn_non_elf_enoexec", spawn_non_elf_enoexec },
	{ "spawn_long_path_enametoolong", spawn_long_path_enametoolong },
	{ "spawn_too_many_args_e2big", spawn_too_many_args_e2big },
	{ "spawn_fdmap_bad_fd_ebadf", spawn_fdmap_bad_fd_ebadf },
	{ "spawn_fdmap_minus_one_leaves_fd_closed", spawn_fdmap_minus_one_closed },
	{ "spawn_passes_argv", spawn_passes_argv },
	{ "exit_status_0_1_42_255", exit_status_values },
	{ "waitpid_nonchild_echild", waitpid_nonchild_echild },
	{ "waitpid_wnohang_running_child_0", waitpid_wnohang_running_child },
	{ "waitpid_bad_options_and_status_pointer", waitpid_bad_args },
	{ "wait_any_reaps_each_child_once", wait_any_reaps_each_child },
	{ "zombie_until_waited_then_gone", zombie_until_waited },
	{ "child_sees_its_pid_and_ppid", child_sees_its_pid_and_ppid },
	{ "proclist_contains_self_and_parent", proclist_contains_self },
	{ "procstat_missing_pid_esrch", procstat_missing_pid_esrch },
	{ "proc_table_full_eagain_then_recovers", proc_table_full_eagain },
	{ NULL, NULL },
};
