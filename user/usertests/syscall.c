/*
 * usertests: the system call gate itself and the simple calls. Unknown
 * numbers, every pointer argument checked against addresses a process may
 * not use (through ut_syscall, so the kernel's checks are what is tested),
 * and the calls that only report: getpid, yield, uptime, sysinfo, poweroff.
 */
#include "ut.h"

/* Pointers no syscall may accept, and why. */
static const struct {
	uint32_t addr;
	const char *what;
} bad_ptrs[] = {
	{ 0, "NULL" },
	{ UT_KERNEL_ADDR, "a kernel address" },
	{ UT_UNMAPPED, "an unmapped user address" },
	{ UT_WRAP_ADDR, "a range wrapping past 4 GiB" },
	{ USER_TOP - 4, "a range crossing into kernel space at USER_TOP" },
};

#define NBAD (sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))

/*
 * Syscall NR with arguments A1..A3, where the argument numbered PTR_ARG
 * (1..3) is replaced by each bad pointer in turn, must give -EFAULT. NULL
 * is skipped when SKIP_NULL is set: there it is a valid "default" value.
 */
static void check_efault_skip(const char *call, uint32_t nr, uint32_t a1, uint32_t a2,
			      uint32_t a3, int ptr_arg, int skip_null)
{
	for (unsigned i = skip_null ? 1 : 0; i < NBAD; i++) {
		uint32_t a[3] = { a1, a2, a3 };
		a[ptr_arg - 1] = bad_ptrs[i].addr;
		int r = ut_syscall(nr, a[0], a[1], a[2]);
		if (r != -EFAULT)
			ut_fail(__FILE__, __LINE__, "%s with %s (%#x) (got %d %s, want -EFAULT)",
				call, bad_ptrs[i].what, (unsigned)bad_ptrs[i].addr, r,
				r < 0 ? ut_errname(-r) : "");
	}
}

static void check_efault(const char *call, uint32_t nr, uint32_t a1, uint32_t a2,
			 uint32_t a3, int ptr_arg)
{
	check_efault_skip(call, nr, a1, a2, a3, ptr_arg, 0);
}

static int unknown_syscall_enosys(void)
{
	CHECK_ERR(ut_syscall(0, 0, 0, 0), ENOSYS);
	CHECK_ERR(ut_syscall(SYS_COUNT, 0, 0, 0), ENOSYS);
	CHECK_ERR(ut_syscall(1000, 0, 0, 0), ENOSYS);
	CHECK_ERR(ut_syscall(0x80000000u, 0, 0, 0), ENOSYS);
	CHECK_ERR(ut_syscall(0xFFFFFFFFu, 0, 0, 0), ENOSYS);
	return 0;
}

/* Every syscall that writes a result through a pointer refuses bad ones. */
static int out_pointers_efault(void)
{
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	int pid = getpid();
	check_efault("sysinfo", SYS_sysinfo, 0, 0, 0, 1);
	check_efault("procstat", SYS_procstat, (uint32_t)pid, 0, 0, 2);
	check_efault("getsched", SYS_getsched, 0, 0, 0, 2);
	check_efault("fstat", SYS_fstat, (uint32_t)fd, 0, 0, 2);
	check_efault("pipe", SYS_pipe, 0, 0, 0, 1);
	check_efault("proclist", SYS_proclist, 0, 8, 0, 1);
	check_efault("readdir", SYS_readdir, (uint32_t)(uintptr_t)"/", 0, 0, 3);
	check_efault("read", SYS_read, (uint32_t)fd, 0, 16, 2);
	close(fd);
	return 0;
}

/* Every syscall that reads its input through a pointer refuses bad ones. */
static int in_pointers_efault(void)
{
	static char *const argv[] = { UT_SELF, "-h", "exit", "0", NULL };
	static const int fdmap[3] = { 0, 1, 2 };
	check_efault("open path", SYS_open, 0, O_RDONLY, 0, 1);
	check_efault("unlink path", SYS_unlink, 0, 0, 0, 1);
	check_efault("readdir dir", SYS_readdir, 0, 0, 0, 1);
	check_efault("spawn path", SYS_spawn, 0, (uint32_t)(uintptr_t)argv,
		     (uint32_t)(uintptr_t)fdmap, 1);
	/* A NULL argv or fdmap means "the default": only the others are bad. */
	check_efault_skip("spawn argv", SYS_spawn, (uint32_t)(uintptr_t)UT_SELF, 0,
			  (uint32_t)(uintptr_t)fdmap, 2, 1);
	check_efault_skip("spawn fdmap", SYS_spawn, (uint32_t)(uintptr_t)UT_SELF,
			  (uint32_t)(uintptr_t)argv, 0, 3, 1);
	check_efault("setsched", SYS_setsched, 0, 0, 0, 2);
	check_efault("write", SYS_write, 1, 0, 16, 2);
	return 0;
}

/* A pointer into the program's read-only code is fine to read, never to write. */
static int text_pointer_readonly(void)
{
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	int before = CHECK_OK(dup(0));
	close(before);
	CHECK_ERR(ut_syscall(SYS_read, (uint32_t)fd, UT_TEXT_ADDR, 16), EFAULT);
	CHECK_ERR(ut_syscall(SYS_sysinfo, UT_TEXT_ADDR, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_procstat, 0, UT_TEXT_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_fstat, (uint32_t)fd, UT_TEXT_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_pipe, UT_TEXT_ADDR, 0, 0), EFAULT);
	/* The failed pipe left no descriptor behind. */
	int after = CHECK_OK(dup(0));
	CHECK_EQ(after, before);
	close(after);
	/* Reading code is allowed: it may be written out to a pipe. */
	int fds[2];
	CHECK_OK(pipe(fds));
	CHECK_EQ(ut_syscall(SYS_write, (uint32_t)fds[1], UT_TEXT_ADDR, 16), 16);
	close(fds[0]);
	close(fds[1]);
	close(fd);
	return 0;
}

/*
 * A buffer that starts mapped but runs off the top of the stack, or whose
 * length wraps the address past 4 GiB, is refused as a whole.
 */
static int straddling_buffer_efault(void)
{
	char buf[16];
	uint32_t ubuf = (uint32_t)(uintptr_t)buf;
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_ERR(ut_syscall(SYS_read, (uint32_t)fd, USER_STACK_TOP - 8, 16), EFAULT);
	CHECK_ERR(ut_syscall(SYS_write, 1, USER_STACK_TOP - 8, 16), EFAULT);
	CHECK_ERR(ut_syscall(SYS_read, (uint32_t)fd, UT_WRAP_ADDR, 0x100), EFAULT);
	/* The stack lies above 2 GiB: adding a count just under 2 GiB wraps. */
	CHECK(ubuf > 0x80000000u);
	CHECK_ERR(ut_syscall(SYS_read, (uint32_t)fd, ubuf, 0x7FFFFFF0u), EFAULT);
	CHECK_ERR(ut_syscall(SYS_write, 1, ubuf, 0x7FFFFFF0u), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);   /* nothing was read */
	close(fd);
	return 0;
}

static int getpid_matches_procstat(void)
{
	int pid = getpid();
	CHECK(pid > 1);
	struct procstat self = ut_stat(0), byid = ut_stat(pid);
	CHECK_EQ(self.pid, pid);
	CHECK_EQ(byid.pid, pid);
	CHECK(self.ppid >= 1);
	CHECK_EQ(byid.ppid, self.ppid);
	CHECK(strcmp(self.name, "usertests") == 0);
	CHECK_EQ(self.state, PSTATE_RUNNABLE);
	/* Our parent is the runner: alive and also usertests. */
	struct procstat parent = ut_stat(self.ppid);
	CHECK(strcmp(parent.name, "usertests") == 0);
	return 0;
}

static int yield_returns_0(void)
{
	for (int i = 0; i < 100; i++)
		CHECK_EQ(yield(), 0);
	return 0;
}

static int uptime_advances(void)
{
	unsigned t0 = uptime();
	ut_spin_ms(5);
	unsigned t1 = uptime();
	CHECK(t1 >= t0 + 5);
	CHECK(t1 - t0 < 1000);
	return 0;
}

static int sysinfo_sanity(void)
{
	struct sysinfo si;
	int pids[64];
	CHECK_EQ(sysinfo(&si), 0);
	CHECK(si.total_pages > 0);
	CHECK(si.free_pages > 0);
	CHECK(si.free_pages < si.total_pages);
	CHECK(si.heap_bytes > 0);
	CHECK(si.nprocs >= 2);   /* the runner and this test */
	unsigned now = uptime();
	CHECK(si.uptime_ticks <= now);
	CHECK(now - si.uptime_ticks < 100);
	CHECK_EQ(si.nprocs, proclist(pids, 64));
	return 0;
}

/* An unknown "how" is refused, not taken as a reason to power off. */
static int poweroff_bad_how_einval(void)
{
	CHECK_ERR(ut_syscall(SYS_poweroff, 7, 0, 0), EINVAL);
	CHECK_ERR(ut_syscall(SYS_poweroff, (uint32_t)-1, 0, 0), EINVAL);
	return 0;
}

const struct ut_test ut_syscall_tests[] = {
	{ "syscall_unknown_number_enosys", unknown_syscall_enosys },
	{ "syscall_out_pointers_efault", out_pointers_efault },
	{ "syscall_in_pointers_efault", in_pointers_efault },
	{ "syscall_text_pointer_readable_not_writable", text_pointer_readonly },
	{ "syscall_buffer_past_stack_top_efault", straddling_buffer_efault },
	{ "syscall_getpid_matches_procstat", getpid_matches_procstat },
	{ "syscall_yield_returns_0", yield_returns_0 },
	{ "syscall_uptime_advances", uptime_advances },
	{ "syscall_sysinfo_sanity", sysinfo_sanity },
	{ "syscall_poweroff_bad_how_einval", poweroff_bad_how_einval },
	{ NULL, NULL },
};
