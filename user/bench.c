/*
 * bench: the TalOS micro-benchmarks, in guest instructions.
 *
 * `make bench` boots this program as the first process (init=/bin/bench)
 * under QEMU TCG with -icount shift=0, where each guest instruction moves
 * virtual time on by 1 ns and the time stamp counter by one tick: rdtsc
 * differences are instruction counts. The calibration loop checks that.
 *
 * Every figure is measured in BENCH_RUNS runs of a fixed number of
 * operations; each run gives a cost per operation, and the median, minimum
 * and maximum over the runs are printed for tools/bench.py to collect:
 *
 *     BENCHDEF name: what one operation is
 *     BENCH name: median N (min A, max B) instructions per OP
 *
 * then the machine is powered off with POWEROFF_SUITE_DONE (QEMU exits 33).
 * The same binary is its own partner process in the two-process figures
 * ("--yield-child N", "--pipe-child", "--spin-child"). Invariant: inside a
 * timed region nothing is printed and nothing is done but the operation and
 * its error check.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#include "mgr/mgr.h"

#define BENCH_RUNS   21          /* runs per figure: the median is the 11th */
#define CALIB_ITERS  10000000u   /* iterations of the 2-instruction calibration loop */
#define CALIB_SHORT  50000u      /* iterations of each short calibration run */
#define SYSCALL_OPS  2000        /* getpid calls per run */
#define YIELD_OPS    500         /* yields by the parent per run (two switches each) */
#define PIPE_OPS     500         /* pipe round trips per run */
#define SPAWN_OPS    10          /* spawn + exit + wait per run */
#define WARMUP_OPS   20          /* untimed operations before the first run */
#define CHILD_SLACK  100         /* extra yields by the yield partner (see bench_yield) */

/* The time stamp counter: guest instructions since reset under icount. */
static inline uint64_t bench_tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Say what went wrong (printf-style) and end the run with a status tools/bench.py rejects. */
static _Noreturn __attribute__((format(printf, 1, 2))) void bench_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("bench: error: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	fflush(stdout);
	poweroff(POWEROFF_NORMAL);
	exit(1);
}

/* Ticks since T0, which must fit in 32 bits (no 64-bit division in here). */
static uint32_t bench_since(uint64_t t0)
{
	uint64_t d = bench_tsc() - t0;
	if (d > UINT32_MAX)
		bench_fail("a timed run took more than 2^32 ticks");
	return (uint32_t)d;
}

static int bench_cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Print the BENCH line of NAME from its BENCH_RUNS per-operation costs. */
static void bench_report(const char *name, const uint32_t *per_op, const char *op)
{
	uint32_t s[BENCH_RUNS];
	memcpy(s, per_op, sizeof(s));
	qsort(s, BENCH_RUNS, sizeof(s[0]), bench_cmp_u32);
	printf("BENCH %s: median %u (min %u, max %u) instructions per %s\n",
	       name, (unsigned)s[BENCH_RUNS / 2], (unsigned)s[0],
	       (unsigned)s[BENCH_RUNS - 1], op);
	fflush(stdout);
}

/* Print NUM / DEN with four decimals, by long division in 32 bits. */
static void bench_print_ratio(uint32_t num, uint32_t den)
{
	uint32_t r = num % den;
	printf("%u.", (unsigned)(num / den));
	for (int i = 0; i < 4; i++) {
		/* r < den < 2^28 here, so r * 10 cannot overflow. */
		r *= 10;
		printf("%u", (unsigned)(r / den));
		r %= den;
	}
}

/* ---- Calibration ---- */

/* Run the loop "1: dec ecx; jnz 1b" ITERS times: exactly 2 * ITERS instructions. */
static uint32_t bench_loop(uint32_t iters)
{
	uint64_t t0 = bench_tsc();
	__asm__ volatile("1: dec %0\n\tjnz 1b" : "+c"(iters) : : "cc");
	return bench_since(t0);
}

/*
 * One long loop (timer interrupts land in it: each costs its handler's
 * instructions), and BENCH_RUNS short ones, whose median is clear of them
 * and shows the few instructions of rdtsc and its surroundings.
 */
static void bench_calibrate(void)
{
	uint32_t ticks = bench_loop(CALIB_ITERS);
	printf("calibration: loop of %u instructions took %u tsc ticks (ratio ",
	       2 * CALIB_ITERS, (unsigned)ticks);
	bench_print_ratio(ticks, 2 * CALIB_ITERS);
	printf(")\n");

	uint32_t runs[BENCH_RUNS];
	for (int i = 0; i < BENCH_RUNS; i++)
		runs[i] = bench_loop(CALIB_SHORT);
	qsort(runs, BENCH_RUNS, sizeof(runs[0]), bench_cmp_u32);
	printf("calibration: %d loops of %u instructions: median %u tsc ticks\n",
	       BENCH_RUNS, 2 * CALIB_SHORT, (unsigned)runs[BENCH_RUNS / 2]);
	fflush(stdout);
}

/* ---- Null system call ---- */

/* SYSCALL_OPS getpid calls by "mov eax, SYS_getpid; int 0x80", loop dec/jnz. */
static uint32_t bench_raw_getpid_run(void)
{
	uint32_t n = SYSCALL_OPS;
	uint64_t t0 = bench_tsc();
	__asm__ volatile("1: mov %1, %%eax\n\t"
			 "int $0x80\n\t"
			 "dec %0\n\t"
			 "jnz 1b"
			 : "+c"(n) : "i"(SYS_getpid) : "eax", "cc", "memory");
	return bench_since(t0);
}

static uint32_t bench_libc_getpid_run(void)
{
	uint64_t t0 = bench_tsc();
	for (int i = 0; i < SYSCALL_OPS; i++)
		getpid();
	return bench_since(t0);
}

static void bench_syscall(void)
{
	uint32_t raw[BENCH_RUNS], libc[BENCH_RUNS];
	bench_raw_getpid_run();
	bench_libc_getpid_run();
	for (int r = 0; r < BENCH_RUNS; r++) {
		raw[r] = bench_raw_getpid_run() / SYSCALL_OPS;
		libc[r] = bench_libc_getpid_run() / SYSCALL_OPS;
	}
	bench_report("syscall_raw", raw, "getpid");
	bench_report("syscall_libc", libc, "getpid");
}

/* ---- Partner processes ---- */

/* Spawn /bin/bench with MODE (and COUNT, if not negative) as its arguments. */
static int bench_spawn_partner(char *mode, int count, const int fdmap[3])
{
	char num[16];
	snprintf(num, sizeof(num), "%d", count);
	char *argv[] = { "/bin/bench", mode, count >= 0 ? num : NULL, NULL };
	int pid = spawn("/bin/bench", argv, fdmap);
	if (pid < 0)
		bench_fail("spawn /bin/bench %s: errno %d", mode, errno);
	return pid;
}

/* Wait for partner PID (WHAT names it), which must have exited with status 0. */
static void bench_reap(int pid, const char *what)
{
	int status;
	if (waitpid(pid, &status, 0) != pid)
		bench_fail("waitpid for the %s partner: errno %d", what, errno);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		bench_fail("the %s partner ended with wait status %#x", what, status);
}

/* The yield partner: yield COUNT times, then exit. */
static int bench_yield_child(int count)
{
	for (int i = 0; i < count; i++)
		yield();
	return 0;
}

/* The pipe partner: echo each byte from fd 0 to fd 1 until end of file. */
static int bench_pipe_child(void)
{
	char c;
	while (read(STDIN_FILENO, &c, 1) == 1)
		if (write(STDOUT_FILENO, &c, 1) != 1)
			return 1;
	return 0;
}

/* ---- Context switch and pipe ---- */

/*
 * Parent and partner are the only runnable processes, each yielding in a
 * loop, so every yield switches to the other: a parent yield returns after
 * two switches. The partner yields CHILD_SLACK more times than the parent,
 * so it is still there at the parent's last yield; it then runs its last
 * yields alone while the parent waits for it. The warm-up covers the
 * partner's start-up, which runs at the parent's first yield.
 */
static void bench_yield(void)
{
	int total = WARMUP_OPS + BENCH_RUNS * YIELD_OPS;
	int pid = bench_spawn_partner("--yield-child", total + CHILD_SLACK, NULL);
	uint32_t per_switch[BENCH_RUNS];
	for (int i = 0; i < WARMUP_OPS; i++)
		yield();
	for (int r = 0; r < BENCH_RUNS; r++) {
		uint64_t t0 = bench_tsc();
		for (int i = 0; i < YIELD_OPS; i++)
			yield();
		per_switch[r] = bench_since(t0) / (2 * YIELD_OPS);
	}
	bench_reap(pid, "yield");
	bench_report("switch_yield", per_switch, "switch");
}

/* One byte to the partner and back. */
static void bench_round_trip(int to, int from)
{
	char c = 'x';
	if (write(to, &c, 1) != 1 || read(from, &c, 1) != 1)
		bench_fail("pipe round trip: errno %d", errno);
}

/*
 * A byte goes to the partner over one pipe and comes back over another.
 * The partner blocks reading while the parent writes and reads, so each
 * round trip is two switches, as in xv6's pipe ping-pong.
 */
static void bench_pipe(void)
{
	int down[2], up[2];
	if (pipe(down) != 0 || pipe(up) != 0)
		bench_fail("pipe: errno %d", errno);
	int fdmap[3] = { down[0], up[1], STDERR_FILENO };
	int pid = bench_spawn_partner("--pipe-child", -1, fdmap);
	close(down[0]);
	close(up[1]);

	uint32_t per_trip[BENCH_RUNS], per_switch[BENCH_RUNS];
	for (int i = 0; i < WARMUP_OPS; i++)
		bench_round_trip(down[1], up[0]);
	for (int r = 0; r < BENCH_RUNS; r++) {
		uint64_t t0 = bench_tsc();
		for (int i = 0; i < PIPE_OPS; i++)
			bench_round_trip(down[1], up[0]);
		per_trip[r] = bench_since(t0) / PIPE_OPS;
		per_switch[r] = per_trip[r] / 2;
	}
	close(down[1]);                  /* the partner reads end of file and exits */
	close(up[0]);
	bench_reap(pid, "pipe");
	bench_report("pipe_roundtrip", per_trip, "round trip");
	bench_report("switch_pipe", per_switch, "switch");
}

/* ---- Process creation ---- */

static void bench_spawn_true(void)
{
	char *argv[] = { "/bin/true", NULL };
	int status;
	int pid = spawn("/bin/true", argv, NULL);
	if (pid < 0)
		bench_fail("spawn /bin/true: errno %d", errno);
	if (waitpid(pid, &status, 0) != pid)
		bench_fail("waitpid for /bin/true: errno %d", errno);
	if (status != 0)
		bench_fail("/bin/true ended with wait status %#x", status);
}

static void bench_spawn(void)
{
	uint32_t per_op[BENCH_RUNS];
	for (int i = 0; i < 2; i++)
		bench_spawn_true();
	for (int r = 0; r < BENCH_RUNS; r++) {
		uint64_t t0 = bench_tsc();
		for (int i = 0; i < SPAWN_OPS; i++)
			bench_spawn_true();
		per_op[r] = bench_since(t0) / SPAWN_OPS;
	}
	bench_report("spawn_exit_wait", per_op, "spawn+exit+wait");
}

/* ---- Extension call from user space ---- */

#define EXT_OPS 1000            /* ext_call invocations per run */

/*
 * EXT_OPS calls of the empty export `nothing` of the test extension, by
 * index, through "int 0x80" in a loop as bench_raw_getpid_run does: the
 * user-level cost of running an extension that does nothing.
 */
static uint32_t bench_ext_call_run(int h, int index, struct ext_call *c)
{
	uint32_t n = EXT_OPS;
	uint64_t t0 = bench_tsc();
	__asm__ volatile("1: mov %1, %%eax\n\t"
			 "int $0x80\n\t"
			 "dec %0\n\t"
			 "jnz 1b"
			 : "+S"(n) : "i"(SYS_ext_call), "b"(h), "c"(index), "d"(c)
			 : "eax", "cc", "memory");
	return bench_since(t0);
}

static void bench_ext_call(void)
{
	char msg[128];
	int h = ext_load("/ext/test/basic.to", msg, sizeof(msg));
	if (h < 0)
		bench_fail("ext_load: %s", msg);
	int index = ext_lookup(h, "nothing");
	if (index < 0)
		bench_fail("ext_lookup(nothing): errno %d", errno);
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	bench_ext_call_run(h, index, &c);
	if (c.status != EXT_OK)
		bench_fail("ext_call(nothing): status %d", c.status);
	uint32_t per_op[BENCH_RUNS];
	for (int r = 0; r < BENCH_RUNS; r++)
		per_op[r] = bench_ext_call_run(h, index, &c) / EXT_OPS;
	bench_report("ext_call_user_empty", per_op, "call");
	handle_close(h);
}

/* ---- The experiment's user-level manager ---- */

#define SIGNAL_OPS   1000        /* kill(SIGCONT) calls per run */
#define STAT_OPS     1000        /* procstat calls per run */
#define PASS_OPS     10          /* manager passes per run, 10 ticks apart */
#define BENCH_RT     30          /* bench's RT priority while it manages spinners */

/* The spin partner: burn CPU until killed. */
static _Noreturn void bench_spin_child(void)
{
	static volatile unsigned sink;
	for (;;)
		sink = sink * 1103515245u + 12345u;
}

/*
 * kill(SIGCONT) and procstat on a partner blocked reading an empty pipe:
 * what usermgr pays to continue an application and to read its CPU use.
 */
static void bench_signal_stat(void)
{
	int down[2];
	if (pipe(down) != 0)
		bench_fail("pipe: errno %d", errno);
	int fdmap[3] = { down[0], STDOUT_FILENO, STDERR_FILENO };
	int pid = bench_spawn_partner("--pipe-child", -1, fdmap);
	close(down[0]);
	struct procstat st;
	uint32_t sig[BENCH_RUNS], stat[BENCH_RUNS];
	for (int i = 0; i < WARMUP_OPS; i++)
		if (kill(pid, SIGCONT) != 0 || procstat(pid, &st) != 0)
			bench_fail("kill or procstat of the partner: errno %d", errno);
	for (int r = 0; r < BENCH_RUNS; r++) {
		uint64_t t0 = bench_tsc();
		for (int i = 0; i < SIGNAL_OPS; i++)
			if (kill(pid, SIGCONT) != 0)
				bench_fail("kill(SIGCONT): errno %d", errno);
		sig[r] = bench_since(t0) / SIGNAL_OPS;
		t0 = bench_tsc();
		for (int i = 0; i < STAT_OPS; i++)
			if (procstat(pid, &st) != 0)
				bench_fail("procstat: errno %d", errno);
		stat[r] = bench_since(t0) / STAT_OPS;
	}
	close(down[1]);                  /* the partner reads end of file and exits */
	bench_reap(pid, "pipe");
	bench_report("exp_signal", sig, "kill");
	bench_report("exp_stat_read", stat, "procstat");
}

/*
 * usermgr's pass (user/mgr/mgr.c) over three spinning partners with the
 * mpeg workload's requests (20/100, 30/100, 80/200): bench runs at RT
 * priority 30 like usermgr, sleeps to each multiple of 10 ticks (the
 * partners run meanwhile) and times the pass alone, its procstat reads,
 * PID runs, guards and signals.
 */
static void bench_user_period(void)
{
	static const int target[3] = { 20, 30, 80 }, period[3] = { 100, 100, 200 };
	static struct mgr m;
	int pids[3];
	struct sched_param rt = { SCHED_RT, BENCH_RT, 10, 1000 };
	struct sched_param normal = { SCHED_NORMAL, 0, 10, 100 };

	if (setsched(0, &rt) != 0)
		bench_fail("setsched(RT %d): errno %d", BENCH_RT, errno);
	mgr_init(&m, 0);
	for (int i = 0; i < 3; i++) {
		pids[i] = bench_spawn_partner("--spin-child", -1, NULL);
		if (mgr_add(&m, pids[i], target[i], period[i], uptime()) != 0)
			bench_fail("mgr_add(%d): errno %d", pids[i], errno);
	}
	uint32_t per_op[BENCH_RUNS];
	unsigned now = 0;
	for (int r = -2; r < BENCH_RUNS; r++) {      /* two runs of warm-up */
		uint32_t sum = 0;
		for (int i = 0; i < PASS_OPS; i++) {
			sleep_ms(MGR_PASS - uptime() % MGR_PASS);
			now = uptime();
			uint64_t t0 = bench_tsc();
			if (mgr_pass(&m, now - now % MGR_PASS) != 3)
				bench_fail("a spinning partner of the manager is gone");
			sum += bench_since(t0);
		}
		if (r >= 0)
			per_op[r] = sum / PASS_OPS;
	}
	unsigned signals = m.signals;
	mgr_release(&m);
	/* Kill all before waiting: a killed partner dies when it next runs, after higher ones. */
	for (int i = 0; i < 3; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < 3; i++)
		waitpid(pids[i], NULL, 0);
	if (setsched(0, &normal) != 0)
		bench_fail("setsched(normal): errno %d", errno);
	printf("bench: exp_user_period_3apps: %u signals in %d passes\n", signals,
	       (BENCH_RUNS + 2) * PASS_OPS);
	bench_report("exp_user_period_3apps", per_op, "pass");
}

/* ---- Main ---- */

/* Print what one operation of figure NAME is, and how many make a run. */
static void bench_define(const char *name, const char *text, int ops)
{
	printf("BENCHDEF %s: %s; %d runs of %d\n", name, text, BENCH_RUNS, ops);
}

static void bench_definitions(void)
{
	bench_define("syscall_raw", "getpid by \"mov eax, SYS_getpid; int 0x80\" in a loop "
		     "(the op includes the mov and the loop's dec/jnz)", SYSCALL_OPS);
	bench_define("syscall_libc", "libc getpid() in a C loop (call, stub, int 0x80, loop)",
		     SYSCALL_OPS);
	bench_define("switch_yield", "two processes each looping on yield(): "
		     "time / switches, counting both sides", 2 * YIELD_OPS);
	bench_define("pipe_roundtrip", "1 byte parent->child->parent over two pipes "
		     "(write + read on each side)", PIPE_OPS);
	bench_define("switch_pipe", "the pipe round trip / 2, as xv6's pipe ping-pong",
		     2 * PIPE_OPS);
	bench_define("spawn_exit_wait", "spawn(\"/bin/true\") + waitpid in the parent, "
		     "the child's whole life included", SPAWN_OPS);
	bench_define("ext_call_user_empty", "ext_call of an empty export by index through "
		     "\"int 0x80\" in a loop (as syscall_raw)", EXT_OPS);
	bench_define("exp_signal", "kill(pid, SIGCONT) to a partner blocked on a pipe",
		     SIGNAL_OPS);
	bench_define("exp_stat_read", "procstat of a partner blocked on a pipe", STAT_OPS);
	bench_define("exp_user_period_3apps", "one pass of usermgr (user/mgr/mgr.c) over "
		     "three spinning partners: three procstat reads, PID and guard for each, "
		     "and the SIGSTOP/SIGCONT it sends; passes 10 ticks apart", PASS_OPS);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--yield-child") == 0)
		return bench_yield_child(atoi(argv[2]));
	if (argc == 2 && strcmp(argv[1], "--pipe-child") == 0)
		return bench_pipe_child();
	if (argc == 2 && strcmp(argv[1], "--spin-child") == 0)
		bench_spin_child();
	if (argc != 1) {
		fprintf(stderr, "usage: bench  (then powers the machine off)\n");
		return 2;
	}

	struct sysinfo si;
	if (sysinfo(&si) != 0)
		bench_fail("sysinfo: errno %d", errno);
	printf("bench: pid %d; processes alive at the start: %u\n", getpid(), si.nprocs);
	bench_definitions();
	bench_calibrate();
	bench_syscall();
	bench_yield();
	bench_pipe();
	bench_spawn();
	bench_ext_call();
	bench_signal_stat();
	bench_user_period();
	printf("bench: done\n");
	fflush(stdout);
	poweroff(POWEROFF_SUITE_DONE);
	return 1;
}
