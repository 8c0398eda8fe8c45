/*
 * usertests: the runner, and the dispatch of the three roles (see ut.h).
 *
 * The runner starts each test as a child `usertests -t NAME`, holding the
 * runner's rights (every right, as init; docs/rights.md), whose stdout
 * and stderr go into a pipe, waits for it with a 10 s timeout (polling
 * waitpid with WNOHANG), then forwards what the child printed and judges it
 * by its exit status, printing the kernel's line protocol:
 *
 *   KT begin user.NAME / KT PASS user.NAME | KT FAIL user.NAME: REASON /
 *   KT end user.NAME ... KT summary total=T passed=P failed=F
 *
 * The pipe is read only once the child has ended, so a test may print no
 * more than a pipe buffers (4 KiB); tests print a line or two.
 * As init (pid 1) it then powers the machine off with POWEROFF_SUITE_DONE;
 * run by hand it exits with the number of failed tests.
 * Invariant: a protocol line is flushed before anything else can print, so
 * the kernel's own console lines never split one.
 */
#include "ut.h"

#define TIMEOUT_MS   30000   /* a test still running after this is killed */
#define POLL_MS      10      /* how often the runner looks at a running test */
#define REASON_MAX   200     /* bytes of a FAIL reason kept */
#define MAX_PIDS     128     /* more processes than the kernel's table holds */

static const struct ut_test *const groups[] = {
	ut_syscall_tests, ut_proc_tests, ut_kill_tests, ut_fault_tests, ut_sched_tests,
	ut_mem_tests, ut_file_tests, ut_fd_tests, ut_pipe_tests, ut_ext_tests, ut_extfair_tests,
	ut_dion_tests, ut_dioncpu_tests, ut_fpu_tests, ut_fs_tests, ut_signal_tests,
	ut_rights_tests, ut_uaccess_tests,
};

static const struct ut_helper *const helper_groups[] = {
	ut_proc_helpers, ut_fault_helpers, ut_mem_helpers, ut_pipe_helpers, ut_extfair_helpers,
	ut_dion_helpers, ut_dioncpu_helpers, ut_fpu_helpers, ut_fs_helpers, ut_signal_helpers,
	ut_rights_helpers,
};

#define NGROUPS(a) (sizeof(a) / sizeof((a)[0]))

/* Page accounting of the machine at one moment (for no_pages_leaked). */
struct pages_sample {
	unsigned free_pages;   /* free physical pages */
	unsigned heap_pages;   /* pages the kernel heap has mapped (it never shrinks) */
	unsigned own_pages;    /* user pages of the runner itself */
};

/* ---- Running one test in a child ---- */

/* Find test NAME in the tables, or NULL. */
static const struct ut_test *find_test(const char *name)
{
	for (unsigned g = 0; g < NGROUPS(groups); g++)
		for (const struct ut_test *t = groups[g]; t->name; t++)
			if (strcmp(t->name, name) == 0)
				return t;
	return NULL;
}

/* The `-t NAME` role: run one test; its exit status is the verdict. */
static int run_one(const char *name)
{
	const struct ut_test *t = find_test(name);
	if (!t) {
		printf("FAIL: no test named %s\n", name);
		return 2;
	}
	int res = t->fn();
	if (res != 0)
		ut_fail(__FILE__, __LINE__, "test returned %d", res);
	int left = ut_reap_all();
	if (left)
		ut_fail(__FILE__, __LINE__, "test left %d helper(s) running", left);
	return 0;
}

/* The `-h NAME ARGS` role: run a helper process (ARGV is the whole command line). */
static int run_helper(int argc, char **argv)
{
	for (unsigned g = 0; g < NGROUPS(helper_groups); g++)
		for (const struct ut_helper *h = helper_groups[g]; h->name; h++)
			if (strcmp(h->name, argv[2]) == 0)
				return h->fn(argc, argv);
	printf("usertests: no helper named %s\n", argv[2]);
	return 2;
}

/* ---- The runner ---- */

/*
 * Kill the orphans a failed test left behind: helpers of a test process
 * that died by a signal (a crash, or the runner's timeout kill: either way
 * it could not kill them itself) now have no parent.
 * Any parentless usertests but this runner is such an orphan. Left alive,
 * they would hold the output pipe open and hog the CPU for later tests.
 */
static void kill_strays(void)
{
	int pids[MAX_PIDS], me = getpid();
	int np = proclist(pids, MAX_PIDS);
	for (int i = 0; i < np && i < MAX_PIDS; i++) {
		struct procstat st;
		if (pids[i] == me || procstat(pids[i], &st) != 0)
			continue;
		if (st.ppid == 0 && st.state != PSTATE_ZOMBIE && strcmp(st.name, "usertests") == 0) {
			kill(pids[i], SIGKILL);
			kill(pids[i], SIGCONT);
		}
	}
}

/*
 * Print one LINE the test wrote; keep the text after "FAIL: " of the first
 * FAIL line in REASON. A line that could pass for a protocol line ("KT ..."
 * or "PANIC ...") gets a "> " in front, so a test can never forge a verdict.
 */
static void forward_line(const char *line, char *reason)
{
	if (strncmp(line, "FAIL: ", 6) == 0 && reason[0] == '\0')
		snprintf(reason, REASON_MAX, "%s", line + 6);
	int fake = strncmp(line, "KT ", 3) == 0 || strncmp(line, "PANIC", 5) == 0;
	printf("%s%s\n", fake ? "> " : "", line);
}

/*
 * Copy what the test printed (readable from FD until end of file) to our
 * stdout, line by line; REASON gets its first FAIL reason, or stays empty.
 */
static void forward_output(int fd, char *reason)
{
	char line[REASON_MAX + 40], buf[256];
	size_t len = 0;
	int n;
	reason[0] = '\0';
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				line[len] = '\0';
				forward_line(line, reason);
				len = 0;
			} else if (len < sizeof(line) - 1) {
				line[len++] = buf[i];
			}
		}
	}
	if (len > 0) {
		line[len] = '\0';
		forward_line(line, reason);
	}
	fflush(stdout);
}

/* Explain a failed wait STATUS (nonzero) when the child printed no reason. */
static void describe_status(int status, char *reason)
{
	if (WIFSIGNALED(status))
		snprintf(reason, REASON_MAX, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(reason, REASON_MAX, "exit status %d", WEXITSTATUS(status));
}

/*
 * Run test T in a child; print its KT lines. Returns 1 if it passed.
 */
static int run_test(const struct ut_test *t)
{
	char reason[REASON_MAX] = "";
	printf("KT begin user.%s\n", t->name);
	fflush(stdout);

	int fds[2], status = 0, timed_out = 0;
	if (pipe(fds) != 0) {
		snprintf(reason, REASON_MAX, "runner: pipe failed (errno %s)", ut_errname(errno));
		goto verdict;
	}
	char *argv[] = { UT_SELF, "-t", (char *)t->name, NULL };
	int fdmap[3] = { STDIN_FILENO, fds[1], fds[1] };
	/* Each test holds the runner's rights; the hostile ones spawn helpers without. */
	int pid = spawnx(UT_SELF, argv, fdmap, rights(0), SPAWN_PGID_INHERIT);
	int err = errno;
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		snprintf(reason, REASON_MAX, "runner: spawn failed (errno %s)", ut_errname(err));
		goto verdict;
	}
	unsigned start = uptime();
	int got;
	while ((got = waitpid(pid, &status, WNOHANG)) == 0) {
		if (uptime() - start >= TIMEOUT_MS) {
			kill(pid, SIGKILL);
			kill(pid, SIGCONT);   /* in case it was stopped */
			got = waitpid(pid, &status, 0);
			timed_out = 1;
			break;
		}
		sleep_ms(POLL_MS);
	}
	err = errno;
	if (status != 0 || got != pid)
		kill_strays();
	forward_output(fds[0], reason);
	close(fds[0]);
	if (got != pid)
		snprintf(reason, REASON_MAX, "runner: waitpid(%d) gave %d (errno %s)", pid, got,
			 ut_errname(err));
	else if (timed_out)
		snprintf(reason, REASON_MAX, "timeout");
	else if (status == 0)
		reason[0] = '\0';
	else if (reason[0] == '\0')
		describe_status(status, reason);

verdict:
	if (reason[0])
		printf("KT FAIL user.%s: %s\n", t->name, reason);
	else
		printf("KT PASS user.%s\n", t->name);
	printf("KT end user.%s\n", t->name);
	fflush(stdout);
	return reason[0] == '\0';
}

static struct pages_sample sample_pages(void)
{
	struct pages_sample s = { 0, 0, 0 };
	struct sysinfo si;
	struct procstat st;
	if (sysinfo(&si) == 0) {
		s.free_pages = si.free_pages;
		s.heap_pages = si.heap_bytes / 4096;
	}
	if (procstat(0, &st) == 0)
		s.own_pages = st.pages;
	return s;
}

/*
 * The final test, judged here in the runner: every page free before the
 * first test is free again after the last, except pages the kernel heap or
 * the runner itself took meanwhile (both are accounted, not leaked).
 */
static int check_no_pages_leaked(struct pages_sample before)
{
	sleep_ms(50);   /* let exited orphans free themselves */
	struct pages_sample after = sample_pages();
	long leaked = ((long)before.free_pages - (long)after.free_pages)
		- ((long)after.heap_pages - (long)before.heap_pages)
		- ((long)after.own_pages - (long)before.own_pages);
	printf("KT begin user.no_pages_leaked\n");
	printf("free pages %u -> %u, kernel heap pages %u -> %u, runner pages %u -> %u\n",
	       before.free_pages, after.free_pages, before.heap_pages, after.heap_pages,
	       before.own_pages, after.own_pages);
	if (leaked != 0)
		printf("KT FAIL user.no_pages_leaked: %ld pages leaked (got %u free, want %ld)\n",
		       leaked, after.free_pages, (long)after.free_pages + leaked);
	else
		printf("KT PASS user.no_pages_leaked\n");
	printf("KT end user.no_pages_leaked\n");
	fflush(stdout);
	return leaked == 0;
}

/* Does test NAME match the command-line PREFIX (with or without "user.")? */
static int selected(const char *name, const char *prefix)
{
	if (strncmp(prefix, "user.", 5) == 0)
		prefix += 5;
	return strncmp(name, prefix, strlen(prefix)) == 0;
}

/* The runner role: run the tests matching PREFIX; returns the number failed. */
static int run_all(const char *prefix)
{
	int total = 0, passed = 0;
	struct pages_sample before = sample_pages();
	for (unsigned g = 0; g < NGROUPS(groups); g++) {
		for (const struct ut_test *t = groups[g]; t->name; t++) {
			if (!selected(t->name, prefix))
				continue;
			total++;
			passed += run_test(t);
		}
	}
	if (selected("no_pages_leaked", prefix)) {
		total++;
		passed += check_no_pages_leaked(before);
	}
	if (total == 0)
		fprintf(stderr, "usertests: no test name starts with \"%s\"\n", prefix);
	printf("KT summary total=%d passed=%d failed=%d\n", total, passed, total - passed);
	fflush(stdout);
	return total - passed;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "-t") == 0)
		return run_one(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "-h") == 0)
		return run_helper(argc, argv);
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: usertests [PREFIX]   (run the tests whose names start with PREFIX)\n");
		return 2;
	}
	int failed = run_all(argc == 2 ? argv[1] : "");
	if (getpid() == 1)
		poweroff(POWEROFF_SUITE_DONE);
	return failed;
}
