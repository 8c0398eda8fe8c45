/*
 * usertests: SafeX extensions from user space. ext_load, ext_lookup,
 * ext_call, ext_stat, handle_close and task_open with good and bad
 * arguments: rejection and link messages, error codes, pointers the kernel
 * must refuse, the CPU reservation, contained faults and exceptions, task
 * capabilities, the Dionisys interfaces outside any application, unloading
 * and page accounting.
 *
 * The objects are the kernel tests' (tests/kernel/ext/NAME.tas, packed as
 * /ext/test/NAME.to): basic exports nothing, identity, add, divide, count,
 * ticks (cap task), spin and throw7; forbidden is rejected (cli); badlink
 * imports an interface the kernel does not have. /ext/monitor.to and
 * /ext/pid.to are the Popcorn monitor and PID handler (user/ext/), which
 * read and write their application's attributes; /ext/avg.po is a kernel
 * plugin (user/plugins/avg.c).
 * Invariant: every test closes the handles it opened, so it leaves the
 * kernel as it found it (the runner's no_pages_leaked checks that too).
 */
#include <talos/ext_iface.h>
#include "ut.h"

#define BASIC     "/ext/test/basic.to"
#define FORBIDDEN "/ext/test/forbidden.to"
#define BADLINK   "/ext/test/badlink.to"
#define MON_EXT   "/ext/monitor.to"
#define PID_EXT   "/ext/pid.to"
#define AVG_PLUGIN "/ext/avg.po"

static char msg[256];

/* Load PATH, failing the test with the loader's message if it is refused. */
static int load(const char *path)
{
	msg[0] = '\0';
	int h = ext_load(path, msg, sizeof(msg));
	if (h < 0)
		ut_fail(__FILE__, __LINE__, "ext_load(%s): errno %s: %s", path, ut_errname(errno), msg);
	return h;
}

/* A call of NARGS integer arguments A, B under a reservation of RES ticks. */
static struct ext_call ints(int nargs, int a, int b, int res)
{
	struct ext_call c;
	memset(&c, 0, sizeof(c));
	c.nargs = nargs;
	c.args[0] = a;
	c.args[1] = b;
	c.reservation = res;
	return c;
}

/* Call export NAME of H with C; the call itself must succeed. */
static struct ext_call run(int h, const char *name, struct ext_call c)
{
	if (ext_call(h, name, &c) != 0)
		ut_fail(__FILE__, __LINE__, "ext_call(%s): errno %s", name, ut_errname(errno));
	return c;
}

/* A call of export "ticks" with task handle T as its capability. */
static struct ext_call task_arg(int t)
{
	struct ext_call c = ints(1, t, 0, 0);
	c.handle_mask = 1;
	return c;
}

/* ---- Tests ---- */

static int load_call_stat_unload(void)
{
	int h = load(BASIC);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.nexports, 8);
	CHECK(strcmp(st.name, "basic.to") == 0);
	CHECK(st.code_bytes > 0);
	struct ext_call c = run(h, "add", ints(2, 40, 2, 0));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, 42);
	c = run(h, "nothing", ints(0, 0, 0, 10));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, 0);
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.invocations, 2);
	CHECK_EQ(st.completed, 2);
	CHECK_EQ(st.overruns + st.faults + st.raised, 0);
	CHECK_OK(handle_close(h));
	return 0;
}

/* Closing the only handle unloads: the handle is gone for every call. */
static int close_last_handle_unloads(void)
{
	int h = load(BASIC);
	struct ext_stat st;
	CHECK_OK(handle_close(h));
	CHECK_FAILS(ext_stat(h, &st), EBADF);
	struct ext_call c = ints(2, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "add", &c), EBADF);
	CHECK_FAILS(handle_close(h), EBADF);
	return 0;
}

static int rejected_object_ereject(void)
{
	strcpy(msg, "untouched");
	CHECK_FAILS(ext_load(FORBIDDEN, msg, sizeof(msg)), EREJECT);
	printf("%s\n", msg);
	CHECK(strncmp(msg, "E_FORBIDDEN", 11) == 0);
	return 0;
}

static int link_failure_elink(void)
{
	strcpy(msg, "untouched");
	CHECK_FAILS(ext_load(BADLINK, msg, sizeof(msg)), ELINK);
	printf("%s\n", msg);
	CHECK(strncmp(msg, "E_LINK import no_such_interface", 31) == 0);
	return 0;
}

/* A short message buffer gets a truncated, NUL-terminated message. */
static int reject_message_truncated(void)
{
	char small[8];
	memset(small, 'x', sizeof(small));
	CHECK_FAILS(ext_load(FORBIDDEN, small, sizeof(small)), EREJECT);
	CHECK(memcmp(small, "E_FORBI", 7) == 0);
	CHECK_EQ(small[7], '\0');
	return 0;
}

/* A path that names no file; a directory is not an object either. */
static int missing_file_enoent(void)
{
	CHECK_FAILS(ext_load("/ext/test/no_such_object.to", msg, sizeof(msg)), ENOENT);
	CHECK_FAILS(ext_load("/ext/test", msg, sizeof(msg)), EISDIR);
	return 0;
}

/* Not an extension handle: never opened, negative, closed, or a task handle. */
static int bad_handle_ebadf(void)
{
	struct ext_call c = ints(2, 1, 2, 0);
	struct ext_stat st;
	CHECK_FAILS(ext_call(57, "add", &c), EBADF);
	CHECK_FAILS(ext_call(-1, "add", &c), EBADF);
	CHECK_FAILS(ext_stat(1000, &st), EBADF);
	CHECK_FAILS(handle_close(57), EBADF);
	int t = CHECK_OK(task_open(0));
	CHECK_FAILS(ext_call(t, "add", &c), EBADF);
	CHECK_FAILS(ext_stat(t, &st), EBADF);
	CHECK_OK(handle_close(t));
	return 0;
}

static int unknown_export_enoent(void)
{
	int h = load(BASIC);
	struct ext_call c = ints(2, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "no_such_export", &c), ENOENT);
	CHECK_FAILS(ext_call(h, "", &c), ENOENT);
	CHECK_FAILS(ext_call(h, "ad", &c), ENOENT);
	/* By index: one past the last export, negative, huge. */
	CHECK_FAILS(ext_call_index(h, 8, &c), ENOENT);
	CHECK_FAILS(ext_call_index(h, -1, &c), ENOENT);
	CHECK_FAILS(ext_call_index(h, 0x7fffffff, &c), ENOENT);
	CHECK_EQ(ext_lookup(h, "add"), 1);
	CHECK_OK(ext_call_index(h, 1, &c));
	CHECK_EQ(c.result, 3);
	CHECK_OK(handle_close(h));
	return 0;
}

/* Argument count and reservation outside their ranges; the export still works after. */
static int wrong_nargs_or_reservation_einval(void)
{
	int h = load(BASIC);
	struct ext_call c = ints(1, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(3, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(-1, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(EXT_MAX_ARGS + 1, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(2, 1, 2, -1);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(2, 1, 2, 1001);
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = run(h, "add", ints(2, 1, 2, 1000));
	CHECK_EQ(c.result, 3);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.invocations, 1);              /* refused calls never started */
	CHECK_OK(handle_close(h));
	return 0;
}

/* A handle passed where the export takes an int, and an int where it takes a task. */
static int handle_for_int_einval(void)
{
	int h = load(BASIC);
	int t = CHECK_OK(task_open(0));
	struct ext_call c = ints(2, t, 2, 0);
	c.handle_mask = 1;
	CHECK_FAILS(ext_call(h, "add", &c), EINVAL);
	c = ints(1, t, 0, 0);                      /* ticks wants a capability */
	CHECK_FAILS(ext_call(h, "ticks", &c), EINVAL);
	c = task_arg(h);                           /* an extension is not a task */
	CHECK_FAILS(ext_call(h, "ticks", &c), EBADF);
	CHECK_OK(handle_close(t));
	CHECK_OK(handle_close(h));
	return 0;
}

/* Every pointer argument of the extension calls, in kernel, unmapped or read-only memory. */
static int bad_pointers_efault(void)
{
	int h = load(BASIC);
	uint32_t okmsg = (uint32_t)(uintptr_t)msg, path = (uint32_t)(uintptr_t)BASIC;
	uint32_t add_index = (uint32_t)CHECK_OK(ext_lookup(h, "add"));
	const uint32_t bad[] = { UT_KERNEL_ADDR, UT_UNMAPPED, 0 };

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t p = bad[i];
		CHECK_ERR(ut_syscall(SYS_ext_load, p, okmsg, sizeof(msg)), EFAULT);
		CHECK_ERR(ut_syscall(SYS_ext_lookup, (uint32_t)h, p, 0), EFAULT);
		CHECK_ERR(ut_syscall(SYS_ext_call, (uint32_t)h, add_index, p), EFAULT);
		CHECK_ERR(ut_syscall(SYS_ext_stat, (uint32_t)h, p, 0), EFAULT);
		if (p)   /* a NULL message buffer is allowed: no message wanted */
			CHECK_ERR(ut_syscall(SYS_ext_load, path, p, 64), EFAULT);
	}
	/* Outputs in this program's read-only code, a range wrapping past 4 GiB. */
	CHECK_ERR(ut_syscall(SYS_ext_call, (uint32_t)h, add_index, UT_TEXT_ADDR), EFAULT);
	CHECK_ERR(ut_syscall(SYS_ext_stat, (uint32_t)h, UT_TEXT_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_ext_load, path, UT_TEXT_ADDR, 64), EFAULT);
	CHECK_ERR(ut_syscall(SYS_ext_load, path, UT_WRAP_ADDR, 0x100), EFAULT);
	/* A struct ext_call that ends past the user stack top. */
	CHECK_ERR(ut_syscall(SYS_ext_call, (uint32_t)h, add_index, USER_TOP - 8), EFAULT);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.invocations, 0);
	CHECK_OK(handle_close(h));
	return 0;
}

/*
 * `spin` never returns: a 20-tick reservation ends it with EXT_ABORT_OVERRUN
 * after 20 ticks charged to it, and a CPU hog child keeps getting the CPU,
 * during the invocation (which the scheduler preempts) and after it.
 */
static int spin_aborted_by_reservation(void)
{
	int hog = ut_helper(NULL, "spin", NULL);
	sleep_ms(30);
	unsigned hog_before = ut_stat(hog).ticks_total, t0 = uptime();
	int h = load(BASIC);
	struct ext_call c = run(h, "spin", ints(0, 0, 0, 20));
	unsigned spent = uptime() - t0, hog_during = ut_stat(hog).ticks_total;
	sleep_ms(30);
	unsigned hog_after = ut_stat(hog).ticks_total;
	printf("spin: %u ticks charged, %u ticks elapsed; hog ticks %u -> %u -> %u\n",
	       c.ticks, spent, hog_before, hog_during, hog_after);
	CHECK_EQ(c.status, EXT_ABORT_OVERRUN);
	CHECK_EQ(c.ticks, 20);
	CHECK(spent >= 20);
	CHECK(hog_during > hog_before);            /* preempted: the hog ran meanwhile */
	CHECK(hog_after > hog_during);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.overruns, 1);
	CHECK(st.ticks >= 20);
	c = run(h, "add", ints(2, 1, 2, 0));       /* still usable after the abort */
	CHECK_EQ(c.result, 3);
	CHECK_OK(handle_close(h));
	CHECK_OK(kill(hog, SIGKILL));
	ut_wait(hog);
	return 0;
}

static int divide_by_zero_fault_vector_0(void)
{
	int h = load(BASIC);
	struct ext_call c = run(h, "divide", ints(2, 7, 0, 0));
	CHECK_EQ(c.status, EXT_ABORT_FAULT);
	CHECK_EQ(c.fault_vector, 0);
	c = run(h, "divide", ints(2, (int)0x80000000u, -1, 0));
	CHECK_EQ(c.status, EXT_ABORT_FAULT);
	CHECK_EQ(c.fault_vector, 0);
	c = run(h, "divide", ints(2, 42, 6, 0));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, 7);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.faults, 2);
	CHECK_OK(handle_close(h));
	return 0;
}

static int throw7_raised(void)
{
	int h = load(BASIC);
	struct ext_call c = run(h, "throw7", ints(0, 0, 0, 0));
	CHECK_EQ(c.status, EXT_RAISED);
	CHECK_EQ(c.exception, 7);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.raised, 1);
	CHECK_OK(handle_close(h));
	return 0;
}

/*
 * `ticks` with a task capability for a CPU hog child returns the child's
 * total ticks (between procstat's figures before and after the call).
 * Once the child is gone, the same handle reaches no process: -ESRCH, as a
 * value of a call that completed.
 */
static int task_capability_ticks(void)
{
	int child = ut_helper(NULL, "spin", NULL);
	sleep_ms(50);
	int h = load(BASIC);
	int t = CHECK_OK(task_open(child));
	unsigned before = ut_stat(child).ticks_total;
	struct ext_call c = run(h, "ticks", task_arg(t));
	unsigned after = ut_stat(child).ticks_total;
	printf("ticks: procstat %u, extension %d, procstat %u\n", before, c.result, after);
	CHECK_EQ(c.status, EXT_OK);
	CHECK(before > 0);
	CHECK((unsigned)c.result >= before && (unsigned)c.result <= after);
	CHECK_OK(kill(child, SIGKILL));
	ut_wait(child);
	c = run(h, "ticks", task_arg(t));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, -ESRCH);
	CHECK_OK(handle_close(t));
	CHECK_OK(handle_close(h));
	return 0;
}

/* A process that has exited but not been waited for is gone for extensions. */
static int task_capability_of_zombie_esrch(void)
{
	int child = ut_helper(NULL, "spin", NULL);
	int h = load(BASIC);
	int t = CHECK_OK(task_open(child));
	CHECK_OK(kill(child, SIGKILL));
	for (int i = 0; i < 100 && ut_stat(child).state != PSTATE_ZOMBIE; i++)
		sleep_ms(1);
	CHECK_EQ(ut_stat(child).state, PSTATE_ZOMBIE);
	struct ext_call c = run(h, "ticks", task_arg(t));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, -ESRCH);
	CHECK_FAILS(task_open(child), ESRCH);
	ut_wait(child);
	CHECK_OK(handle_close(t));
	CHECK_OK(handle_close(h));
	return 0;
}

/* The call struct is checked whole: here only its first word is mapped. */
static int call_struct_straddling_stack_top_efault(void)
{
	int h = load(BASIC);
	CHECK_ERR(ut_syscall(SYS_ext_call, (uint32_t)h, 0, USER_STACK_TOP - 4), EFAULT);
	CHECK_OK(handle_close(h));
	return 0;
}

static int task_open_bad_pid_esrch(void)
{
	CHECK_FAILS(task_open(99999), ESRCH);
	CHECK_FAILS(task_open(-5), ESRCH);
	int child = ut_helper(NULL, "exit", "0", NULL);
	ut_wait(child);
	CHECK_FAILS(task_open(child), ESRCH);
	return 0;
}

/*
 * Called with ext_call, an extension runs for no Dionisys application: the
 * monitor's get_attribute ends the call with exception EXT_EXC_ATTRIBUTE,
 * and the PID handler's set_attribute fails (-ENOENT) without changing
 * what it computes. Both stay usable.
 */
static int dionisys_interfaces_without_application(void)
{
	int m = load(MON_EXT);
	int t = CHECK_OK(task_open(0));
	struct ext_call c = run(m, "monitor", task_arg(t));
	CHECK_EQ(c.status, EXT_RAISED);
	CHECK_EQ(c.exception, EXT_EXC_ATTRIBUTE);
	struct ext_stat st;
	CHECK_OK(ext_stat(m, &st));
	CHECK_EQ(st.raised, 1);
	CHECK_OK(handle_close(t));
	CHECK_OK(handle_close(m));
	int h = load(PID_EXT);
	c = run(h, "handle", ints(1, -15, 0, 0));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, -21);
	c = run(h, "handle", ints(1, -15, 0, 0));
	CHECK_EQ(c.result, -22);
	CHECK_OK(handle_close(h));
	return 0;
}

/* Numbers 32 and 33 were the test stores' calls: no call has them now. */
static int removed_calls_enosys(void)
{
	int h = load(BASIC);
	char name[32] = "target_cpu";
	CHECK_ERR(ut_syscall4(32, (uint32_t)h, 0, 0, (uint32_t)(uintptr_t)name), ENOSYS);
	CHECK_ERR(ut_syscall(33, (uint32_t)h, (uint32_t)(uintptr_t)name, 1), ENOSYS);
	CHECK_OK(handle_close(h));
	return 0;
}

/* Free pages and kernel heap pages of the machine now. */
static void pages(unsigned *free_pages, unsigned *heap_pages)
{
	struct sysinfo si;
	CHECK_OK(sysinfo(&si));
	*free_pages = si.free_pages;
	*heap_pages = si.heap_bytes / 4096;
}

/*
 * 200 load/call/unload cycles give back every page: the free page count
 * after equals the count before, less what the kernel heap newly mapped
 * (it never shrinks), which must itself stay under a page per 50 cycles.
 */
static int load_unload_200_no_page_leak(void)
{
	unsigned free0, heap0, free1, heap1;
	CHECK_OK(handle_close(load(BASIC)));       /* warm the heap up */
	pages(&free0, &heap0);
	for (int i = 0; i < 200; i++) {
		int h = load(BASIC);
		struct ext_call c = run(h, "add", ints(2, i, 1, 0));
		if (c.result != i + 1)
			ut_fail(__FILE__, __LINE__, "round %d: add gave %d", i, c.result);
		CHECK_OK(handle_close(h));
	}
	pages(&free1, &heap1);
	printf("free pages %u -> %u, kernel heap pages %u -> %u\n", free0, free1, heap0, heap1);
	CHECK_EQ((long)free0 - (long)free1, (long)heap1 - (long)heap0);
	CHECK(heap1 - heap0 <= 4);
	return 0;
}

/*
 * A kernel plugin (user/plugins/avg.c, /ext/avg.po) through the same calls:
 * the suite boots with plugins=unisolated, since QEMU does not enforce the
 * segment limits that isolate plugins (docs/plugins.md).
 */
static int plugin_through_the_same_calls(void)
{
	int h = load(AVG_PLUGIN);
	CHECK(strncmp(msg, "OK avg.po: plugin,", 18) == 0);
	struct ext_call c = run(h, "avg", ints(1, 8, 0, 0));
	CHECK_EQ(c.status, EXT_OK);
	CHECK_EQ(c.result, 1);
	c = run(h, "avg", ints(1, 16, 0, 0));
	CHECK_EQ(c.result, 3);
	struct ext_stat st;
	CHECK_OK(ext_stat(h, &st));
	CHECK_EQ(st.invocations, 2u);
	CHECK_EQ(st.nexports, 1);
	c = ints(2, 1, 2, 0);
	CHECK_FAILS(ext_call(h, "avg", &c), EINVAL);      /* wrong argument count */
	CHECK_OK(handle_close(h));
	return 0;
}

const struct ut_test ut_ext_tests[] = {
	{ "ext_load_call_stat_unload", load_call_stat_unload },
	{ "ext_close_last_handle_unloads", close_last_handle_unloads },
	{ "ext_rejected_object_ereject", rejected_object_ereject },
	{ "ext_link_failure_elink", link_failure_elink },
	{ "ext_reject_message_truncated", reject_message_truncated },
	{ "ext_missing_file_enoent", missing_file_enoent },
	{ "ext_bad_handle_ebadf", bad_handle_ebadf },
	{ "ext_unknown_export_enoent", unknown_export_enoent },
	{ "ext_wrong_nargs_or_reservation_einval", wrong_nargs_or_reservation_einval },
	{ "ext_handle_for_int_einval", handle_for_int_einval },
	{ "ext_bad_pointers_efault", bad_pointers_efault },
	{ "ext_spin_aborted_by_reservation", spin_aborted_by_reservation },
	{ "ext_divide_by_zero_fault_vector_0", divide_by_zero_fault_vector_0 },
	{ "ext_throw7_raised", throw7_raised },
	{ "ext_task_capability_ticks", task_capability_ticks },
	{ "ext_task_open_bad_pid_esrch", task_open_bad_pid_esrch },
	{ "ext_task_capability_of_zombie_esrch", task_capability_of_zombie_esrch },
	{ "ext_call_struct_straddling_stack_top_efault", call_struct_straddling_stack_top_efault },
	{ "ext_dionisys_interfaces_without_application", dionisys_interfaces_without_application },
	{ "ext_removed_calls_enosys", removed_calls_enosys },
	{ "ext_load_unload_200_no_page_leak", load_unload_200_no_page_leak },
	{ "ext_plugin_through_the_same_calls", plugin_through_the_same_calls },
	{ NULL, NULL },
};
