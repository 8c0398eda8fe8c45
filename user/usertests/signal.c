/*
 * usertests: signals. SIGKILL ends a child stopped while sleeping or
 * blocked (each within its own time limit); handlers run while the
 * process computes, interrupt a sleep (EINTR, not restarted), nest, see
 * SIGCHLD and SIGALRM; sigreturn restores the registers the handler
 * clobbered, the FPU/SSE state and the mask; a handler that corrupts its
 * frame, a handler at an unmapped address and a sigreturn without a frame
 * each kill only their own process (SIGSEGV). waitpid(WUNTRACED) reports
 * stops.
 */
#include <signal.h>

#include "ut.h"

#define DEATH_LIMIT_MS 200    /* a killed child must be gone within this */

/*
 * Wait up to MS for child PID to end (polling with WNOHANG). Returns its
 * status, or fails the test (killing it) when it is still there.
 */
static int wait_within(int pid, unsigned ms)
{
	unsigned t0 = uptime();
	for (;;) {
		int status, r = waitpid(pid, &status, WNOHANG);
		if (r == pid) {
			ut_untrack(pid);
			return status;
		}
		if (uptime() - t0 > ms)
			ut_fail(__FILE__, __LINE__, "child %d still there %u ms after it was killed "
				"(state %d)", pid, ms, ut_stat(pid).state);
		sleep_ms(2);
	}
}

/* ---- SIGKILL of a stopped child ---- */

static int sigkill_stopped_sleeper(void)
{
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	sleep_ms(20);
	CHECK_OK(kill(pid, SIGSTOP));
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_STOPPED);
	CHECK_OK(kill(pid, SIGKILL));
	int status = wait_within(pid, DEATH_LIMIT_MS);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

static int sigkill_stopped_pipe_reader(void)
{
	int fds[2];
	CHECK_OK(pipe(fds));
	int fdmap[3] = { fds[0], STDOUT_FILENO, STDERR_FILENO };
	int pid = ut_helper(fdmap, "readin", NULL);
	close(fds[0]);
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_BLOCKED);
	CHECK_OK(kill(pid, SIGSTOP));
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_STOPPED);
	CHECK_OK(kill(pid, SIGKILL));
	int status = wait_within(pid, DEATH_LIMIT_MS);
	close(fds[1]);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

/* A stopped child is reported by waitpid(WUNTRACED), once, and not reaped. */
static int waitpid_wuntraced_reports_stop(void)
{
	int pid = ut_helper(NULL, "spin", NULL);
	sleep_ms(10);
	int status = 0;
	CHECK_EQ(waitpid(pid, &status, WNOHANG | WUNTRACED), 0);
	CHECK_OK(kill(pid, SIGSTOP));
	CHECK_EQ(waitpid(pid, &status, WUNTRACED), pid);
	CHECK(WIFSTOPPED(status));
	CHECK(!WIFSIGNALED(status));
	CHECK_EQ(WSTOPSIG(status), SIGSTOP);
	CHECK_EQ(waitpid(pid, &status, WNOHANG | WUNTRACED), 0);   /* reported once */
	CHECK_OK(kill(pid, SIGCONT));
	CHECK_OK(kill(pid, SIGKILL));
	status = ut_wait(pid);
	CHECK_EQ(WTERMSIG(status), SIGKILL);
	return 0;
}

/* ---- Handlers ---- */

static volatile int got[NSIG];
static volatile unsigned got_at;
static char order[16];
static volatile int norder;

static void count(int sig)
{
	got[sig]++;
	got_at = uptime();
}

static void install(int sig, void (*fn)(int))
{
	struct sigaction sa = { fn, 0, 0 };
	CHECK_OK(sigaction(sig, &sa, NULL));
}

/* Handler of the "catch" helper: stop spinning. */
static void h_catch_flag(int sig)
{
	got[sig]++;
}

/* Helper: catch SIGUSR1, spin until it came, exit 42. */
static int h_catch_spin(int argc, char **argv)
{
	(void)argc; (void)argv;
	install(SIGUSR1, h_catch_flag);
	while (!got[SIGUSR1])
		;
	return 42;
}

/* Helper: catch SIGUSR1, sleep long; exit 43 if the sleep said EINTR. */
static int h_catch_sleep(int argc, char **argv)
{
	(void)argc; (void)argv;
	install(SIGUSR1, h_catch_flag);
	int r = sleep_ms(100000);
	return r == -1 && errno == EINTR && got[SIGUSR1] == 1 ? 43 : 1;
}

/* Helper: read descriptor 0 until end of file. */
static int h_readin(int argc, char **argv)
{
	(void)argc; (void)argv;
	char c;
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	return 0;
}

static int handler_runs_while_computing(void)
{
	int pid = ut_helper(NULL, "catchspin", NULL);
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_RUNNABLE);
	CHECK_OK(kill(pid, SIGUSR1));
	int status = wait_within(pid, 1000);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
	return 0;
}

static int handler_interrupts_sleep_eintr(void)
{
	int pid = ut_helper(NULL, "catchsleep", NULL);
	sleep_ms(20);
	CHECK_EQ(ut_stat(pid).state, PSTATE_SLEEPING);
	CHECK_OK(kill(pid, SIGUSR1));
	int status = wait_within(pid, 100);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 43);
	return 0;
}

/* USR1's handler raises USR1 (blocked: pending) and USR2 (delivered nested). */
static void nest_usr1(int sig)
{
	(void)sig;
	order[norder++] = 'a';
	if (norder == 1) {
		raise(SIGUSR1);
		raise(SIGUSR2);
	}
	order[norder++] = 'c';
}

static void nest_usr2(int sig)
{
	(void)sig;
	order[norder++] = 'b';
}

static int handlers_nest_and_block_their_own_signal(void)
{
	install(SIGUSR1, nest_usr1);
	install(SIGUSR2, nest_usr2);
	CHECK_OK(raise(SIGUSR1));
	order[norder] = '\0';
	/* a, then USR2 nested (b), c; then the USR1 left pending runs once unblocked: a c. */
	if (strcmp(order, "abcac") != 0)
		ut_fail(__FILE__, __LINE__, "handlers ran in order \"%s\", want \"abcac\"", order);
	return 0;
}

static int sigprocmask_holds_signal_until_unblocked(void)
{
	install(SIGUSR2, count);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGKILL);                        /* never blocked */
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK_EQ(old, 0);
	CHECK_OK(raise(SIGUSR2));
	CHECK_EQ(got[SIGUSR2], 0);
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &old));
	CHECK_EQ(old, SIG_BIT(SIGUSR2));
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK_EQ(got[SIGUSR2], 1);                       /* delivered on the way out */
	CHECK_FAILS(sigprocmask(7, &set, NULL), EINVAL);
	return 0;
}

static int sig_ign_and_dfl(void)
{
	CHECK(signal(SIGUSR1, SIG_IGN) == SIG_DFL);
	CHECK_OK(raise(SIGUSR1));                        /* ignored: still here */
	CHECK(signal(SIGUSR1, SIG_DFL) == SIG_IGN);
	CHECK_OK(raise(SIGCHLD));                        /* default: ignored */
	int pid = ut_helper(NULL, "sleep", "100000", NULL);
	sleep_ms(10);
	CHECK_OK(kill(pid, SIGUSR2));                    /* default: the end */
	int status = wait_within(pid, DEATH_LIMIT_MS);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR2);
	return 0;
}

static int sigaction_bad_args(void)
{
	struct sigaction sa = { count, 0, 0 }, old;
	CHECK_FAILS(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_FAILS(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_FAILS(sigaction(0, &sa, NULL), EINVAL);
	CHECK_FAILS(sigaction(NSIG, &sa, NULL), EINVAL);
	sa.sa_handler = (void (*)(int))UT_KERNEL_ADDR;
	CHECK_FAILS(sigaction(SIGUSR1, &sa, NULL), EFAULT);
	CHECK_ERR(ut_syscall(SYS_sigaction, SIGUSR1, UT_UNMAPPED, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_sigaction, SIGUSR1, 0, UT_TEXT_ADDR), EFAULT);
	CHECK_OK(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_handler == SIG_DFL);
	return 0;
}

static void on_chld(int sig)
{
	got[sig]++;
}

static int sigchld_when_child_exits(void)
{
	install(SIGCHLD, on_chld);
	int pid = ut_helper(NULL, "sleep", "30", NULL);
	unsigned t0 = uptime();
	int r = sleep_ms(5000);
	CHECK_EQ(r, -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(got[SIGCHLD], 1);
	unsigned took = uptime() - t0;
	if (took < 30 || took > 60)
		ut_fail(__FILE__, __LINE__, "SIGCHLD came after %u ms, the child slept 30", took);
	CHECK(WIFEXITED(ut_wait(pid)));
	return 0;
}

static int alarm_fires_after_ms(void)
{
	install(SIGALRM, count);
	CHECK_EQ(alarm_ms(1000), 0);
	int left = alarm_ms(0);                          /* cancel: about 1000 were left */
	if (left < 990 || left > 1000)
		ut_fail(__FILE__, __LINE__, "alarm_ms(0) said %d ms were left, want 990..1000",
			left);
	unsigned t0 = uptime();
	CHECK_EQ(alarm_ms(50), 0);
	CHECK_EQ(sleep_ms(2000), -1);
	CHECK_EQ(errno, EINTR);
	CHECK_EQ(got[SIGALRM], 1);
	unsigned after = got_at - t0;
	if (after < 50 || after > 52)
		ut_fail(__FILE__, __LINE__, "SIGALRM after %u ticks, want 50..52", after);
	/* While computing, too. */
	t0 = uptime();
	CHECK_EQ(alarm_ms(20), 0);
	while (got[SIGALRM] < 2 && uptime() - t0 < 1000)
		;
	after = got_at - t0;
	if (after < 20 || after > 22)
		ut_fail(__FILE__, __LINE__, "SIGALRM while computing after %u ticks, want 20..22",
			after);
	CHECK_FAILS(alarm_ms(0x80000000u), EINVAL);
	return 0;
}

/* Clobber the caller-saved registers and xmm0, which sigreturn must restore. */
static void clobber(int sig)
{
	got[sig]++;
	__asm__ volatile("movl $0, %%ecx\n\tmovl $0, %%edx\n\tpxor %%xmm0, %%xmm0"
			 ::: "ecx", "edx");   /* xmm0: gcc uses no SSE here, nothing to tell it */
}

static int sigreturn_restores_registers_and_sse(void)
{
	install(SIGUSR1, clobber);
	uint32_t in = 0x13572468u, sse_out, res, ecx, edx;
	__asm__ volatile("movd %[in], %%xmm0\n\t"
			 "int $0x80\n\t"
			 "movd %%xmm0, %[out]"
			 : "=a"(res), "=c"(ecx), "=d"(edx), [out] "=r"(sse_out)
			 : "a"(SYS_kill), "b"(getpid()), "c"(SIGUSR1), "d"(0xABCDEF01u), [in] "r"(in)
			 : "memory");
	CHECK_EQ(got[SIGUSR1], 1);
	CHECK_EQ(res, 0);
	CHECK_EQ(ecx, SIGUSR1);
	CHECK_EQ(edx, 0xABCDEF01u);
	CHECK_EQ(sse_out, in);
	return 0;
}

/* The frame of the handler whose argument is at ARG: it starts 4 bytes below (the return address). */
static volatile struct sigframe *frame_of(int *arg)
{
	uintptr_t a = (uintptr_t)arg - 4;
	__asm__("" : "+r"(a));       /* an address gcc cannot trace back to ARG's object */
	return (volatile struct sigframe *)a;
}

/* Handlers that break their own frame. */
static void bad_magic(int sig)
{
	volatile struct sigframe *f = frame_of(&sig);
	f->magic = 0;
}

static void kernel_eip(int sig)
{
	volatile struct sigframe *f = frame_of(&sig);
	f->eip = UT_KERNEL_ADDR;
}

static void bad_fpu_flag(int sig)
{
	volatile struct sigframe *f = frame_of(&sig);
	f->fpu = 7;
}

/* A harmless corruption: privileged EFLAGS bits (IOPL 3, IF off) are not taken. */
static void iopl_eflags(int sig)
{
	volatile struct sigframe *f = frame_of(&sig);
	f->eflags = (f->eflags | 0x3000u) & ~0x200u;
}

/* Helper: install the handler named by argv[3], raise SIGUSR1; exit 0 if still alive. */
static int h_corrupt(int argc, char **argv)
{
	(void)argc;
	const char *how = argv[3];
	void (*fn)(int) = strcmp(how, "magic") == 0 ? bad_magic :
			  strcmp(how, "eip") == 0 ? kernel_eip :
			  strcmp(how, "fpu") == 0 ? bad_fpu_flag : iopl_eflags;
	install(SIGUSR1, fn);
	raise(SIGUSR1);
	uint32_t flags;
	__asm__ volatile("pushfl; popl %0" : "=r"(flags));
	return (flags & 0x3000u) == 0 && (flags & 0x200u) ? 0 : 3;   /* IOPL 0, interrupts on */
}

/* Helper: a handler at an unmapped user address. */
static int h_unmapped_handler(int argc, char **argv)
{
	(void)argc; (void)argv;
	install(SIGUSR1, (void (*)(int))UT_UNMAPPED);
	raise(SIGUSR1);
	return 0;
}

/* Helper: sigreturn with no frame on the stack. */
static int h_bare_sigreturn(int argc, char **argv)
{
	(void)argc; (void)argv;
	ut_syscall(SYS_sigreturn, 0, 0, 0);
	return 0;
}

static int corrupt_frames_kill_only_their_process(void)
{
	static const char *const kinds[] = { "magic", "eip", "fpu" };
	for (unsigned i = 0; i < 3; i++) {
		int status = ut_wait(ut_helper(NULL, "corrupt", kinds[i], NULL));
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
			ut_fail(__FILE__, __LINE__, "frame with a bad %s: status %#x, want SIGSEGV",
				kinds[i], status);
	}
	int status = ut_wait(ut_helper(NULL, "corrupt", "eflags", NULL));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	status = ut_wait(ut_helper(NULL, "unmappedhandler", NULL));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	status = ut_wait(ut_helper(NULL, "baresigreturn", NULL));
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
	return 0;
}

const struct ut_test ut_signal_tests[] = {
	{ "signal_sigkill_child_stopped_while_sleeping", sigkill_stopped_sleeper },
	{ "signal_sigkill_child_stopped_while_blocked_on_pipe", sigkill_stopped_pipe_reader },
	{ "signal_waitpid_wuntraced_reports_stop_once", waitpid_wuntraced_reports_stop },
	{ "signal_handler_runs_while_computing", handler_runs_while_computing },
	{ "signal_handler_interrupts_sleep_eintr", handler_interrupts_sleep_eintr },
	{ "signal_handlers_nest_and_block_their_own", handlers_nest_and_block_their_own_signal },
	{ "signal_sigprocmask_holds_until_unblocked", sigprocmask_holds_signal_until_unblocked },
	{ "signal_ign_and_dfl", sig_ign_and_dfl },
	{ "signal_sigaction_bad_args", sigaction_bad_args },
	{ "signal_sigchld_when_child_exits", sigchld_when_child_exits },
	{ "signal_alarm_fires_after_ms", alarm_fires_after_ms },
	{ "signal_sigreturn_restores_registers_and_sse", sigreturn_restores_registers_and_sse },
	{ "signal_corrupt_frames_kill_only_their_process", corrupt_frames_kill_only_their_process },
	{ NULL, NULL },
};

const struct ut_helper ut_signal_helpers[] = {
	{ "catchspin", h_catch_spin }, { "catchsleep", h_catch_sleep }, { "readin", h_readin },
	{ "corrupt", h_corrupt }, { "unmappedhandler", h_unmapped_handler },
	{ "baresigreturn", h_bare_sigreturn },
	{ NULL, NULL },
};
