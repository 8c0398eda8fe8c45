/*
 * usertests: user pointers at the edges the other tests leave out. A
 * one-byte buffer, a result struct whose first word is mapped and the rest
 * not, a path string running into an unmapped page, results aimed at
 * read-only code, counts that would overflow a length, argument strings
 * that fit one by one but not together: each is -EFAULT, -EINVAL or -E2BIG,
 * and the kernel keeps running.
 */
#include "ut.h"

/* One byte is checked like any other length. */
static int one_byte_unmapped_efault(void)
{
	int fd = CHECK_OK(open("/etc/motd", O_RDONLY));
	CHECK_ERR(ut_syscall(SYS_read, (uint32_t)fd, UT_UNMAPPED, 1), EFAULT);
	CHECK_ERR(ut_syscall(SYS_write, 1, UT_UNMAPPED, 1), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	return 0;
}

/* A result struct is checked whole: here only its first word is mapped. */
static int struct_straddling_stack_top_efault(void)
{
	uint32_t last_word = USER_STACK_TOP - 4;
	CHECK_ERR(ut_syscall(SYS_sysinfo, last_word, 0, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_procstat, 0, last_word, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_getsched, 0, last_word, 0), EFAULT);
	return 0;
}

/* Results the kernel would write into this program's read-only code. */
static int results_into_text_efault(void)
{
	CHECK_ERR(ut_syscall(SYS_getsched, 0, UT_TEXT_ADDR, 0), EFAULT);
	CHECK_ERR(ut_syscall(SYS_readdir, (uint32_t)(uintptr_t)"/", 0, UT_TEXT_ADDR), EFAULT);
	CHECK_ERR(ut_syscall(SYS_waitpid, (uint32_t)-1, UT_TEXT_ADDR, WNOHANG), EFAULT);
	return 0;
}

/* A path whose last bytes before an unmapped page hold no NUL. */
static int string_into_unmapped_page_efault(void)
{
	volatile char *end = (volatile char *)(uintptr_t)(USER_STACK_TOP - 2);
	char saved[2] = { end[0], end[1] };
	end[0] = '/';
	end[1] = 'x';
	int r = ut_syscall(SYS_open, USER_STACK_TOP - 2, O_RDONLY, 0);
	end[0] = saved[0];
	end[1] = saved[1];
	CHECK_ERR(r, EFAULT);
	return 0;
}

/* Counts that are negative, or whose byte length would overflow, and pid 0. */
static int counts_out_of_range_einval(void)
{
	int pids[4];
	CHECK_ERR(ut_syscall(SYS_proclist, (uint32_t)(uintptr_t)pids, (uint32_t)-1, 0), EINVAL);
	CHECK_ERR(ut_syscall(SYS_proclist, (uint32_t)(uintptr_t)pids, 0x40000001u, 0), EINVAL);
	CHECK_ERR(ut_syscall(SYS_waitpid, 0, 0, WNOHANG), EINVAL);
	CHECK_ERR(ut_syscall(SYS_kill, 0, SIGCONT, 0), ESRCH);          /* pid 0 is no process */
	return 0;
}

/* Argument strings are copied into one buffer: their lengths add up. */
static int spawn_argument_bytes_add_up_e2big(void)
{
	char *a = malloc(3000), *b = malloc(3000);
	CHECK(a && b);
	memset(a, 'a', 2999);
	memset(b, 'b', 2999);
	a[2999] = b[2999] = '\0';
	char *argv[] = { UT_SELF, "-h", "exit", "0", a, b, NULL };
	CHECK_FAILS(spawn(UT_SELF, argv, NULL), E2BIG);     /* 6000 bytes > ARG_MAX_BYTES */
	free(a);
	free(b);
	return 0;
}

const struct ut_test ut_uaccess_tests[] = {
	{ "uaccess_one_byte_unmapped_efault", one_byte_unmapped_efault },
	{ "uaccess_struct_straddling_stack_top_efault", struct_straddling_stack_top_efault },
	{ "uaccess_results_into_text_efault", results_into_text_efault },
	{ "uaccess_string_into_unmapped_page_efault", string_into_unmapped_page_efault },
	{ "uaccess_counts_out_of_range_einval", counts_out_of_range_einval },
	{ "uaccess_spawn_argument_bytes_add_up_e2big", spawn_argument_bytes_add_up_e2big },
	{ NULL, NULL },
};
