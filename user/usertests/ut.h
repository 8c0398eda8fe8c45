/*
 * usertests: the user-level test suite of TalOS's system calls.
 *
 * One program plays three roles, chosen by its arguments:
 *   usertests [PREFIX]        the runner (main.c): runs every test whose name
 *                             starts with PREFIX, each in a child process,
 *                             and prints the KT line protocol;
 *   usertests -t NAME         one test, run in that child (exit 0 = pass);
 *   usertests -h HELPER ARGS  a helper process a test spawns (a CPU hog, a
 *                             sleeper, a deliberate fault, a pipe writer...).
 *
 * A test is a function returning 0; it fails through the CHECK macros,
 * which print "FAIL: file:line: what (got X, want Y)" and end the process.
 * Invariant: every helper a test spawns is tracked (ut_helper/ut_track)
 * until it is reaped (ut_wait), so a failing test never leaves one running.
 */
#ifndef USERTESTS_UT_H
#define USERTESTS_UT_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <talos.h>
#include <unistd.h>

#include "talos/syscall.h"

#define UT_SELF "/bin/usertests"   /* this program, as tests spawn it */

/* A test: NAME is printed as "user.NAME"; FN returns 0 or fails by a CHECK. */
struct ut_test {
	const char *name;
	int (*fn)(void);
};

/*
 * A helper process: FN gets the whole command line, so argv[0] is the
 * program, argv[1] "-h", argv[2] NAME and its own arguments start at argv[3].
 */
struct ut_helper {
	const char *name;
	int (*fn)(int argc, char **argv);
};

/* Each group file exports its tests and helpers, both ending with {NULL}. */
extern const struct ut_test ut_syscall_tests[], ut_proc_tests[], ut_kill_tests[],
	ut_fault_tests[], ut_sched_tests[], ut_mem_tests[], ut_file_tests[], ut_fd_tests[],
	ut_pipe_tests[], ut_ext_tests[], ut_extfair_tests[], ut_dion_tests[], ut_dioncpu_tests[],
	ut_fpu_tests[], ut_fs_tests[], ut_signal_tests[], ut_rights_tests[],
	ut_uaccess_tests[];
extern const struct ut_helper ut_proc_helpers[], ut_fault_helpers[], ut_mem_helpers[],
	ut_pipe_helpers[], ut_extfair_helpers[], ut_dion_helpers[], ut_dioncpu_helpers[],
	ut_fpu_helpers[], ut_fs_helpers[], ut_signal_helpers[], ut_rights_helpers[];

/* ---- Checks (run inside a test's process) ---- */

/*
 * Print "FAIL: FILE:LINE: " and the formatted message to stdout, kill and
 * reap every tracked helper, and exit with status 1.
 */
_Noreturn void ut_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The symbolic name of a (positive) errno value, e.g. "ENOENT". */
const char *ut_errname(int err);

/* COND must hold. */
#define CHECK(cond) \
	do { if (!(cond)) ut_fail(__FILE__, __LINE__, "%s", #cond); } while (0)

/* GOT must equal WANT (both evaluated once, compared as long). */
#define CHECK_EQ(got, want) \
	do { long g_ = (long)(got), w_ = (long)(want); \
	     if (g_ != w_) ut_fail(__FILE__, __LINE__, "%s (got %ld, want %ld)", \
				   #got, g_, w_); } while (0)

/* A raw syscall result RES must be the negated error code ERR (e.g. EFAULT). */
#define CHECK_ERR(res, err) \
	do { int r_ = (int)(res); \
	     if (r_ != -(err)) ut_fail(__FILE__, __LINE__, "%s (got %d %s, want -%s)", \
				       #res, r_, r_ < 0 ? ut_errname(-r_) : "", #err); } while (0)

/* A libc call CALL must fail: return -1 with errno set to ERR. */
#define CHECK_FAILS(call, err) \
	do { errno = 0; long r_ = (long)(call); \
	     if (r_ != -1 || errno != (err)) \
		     ut_fail(__FILE__, __LINE__, "%s (got %ld errno %s, want -1 errno %s)", \
			     #call, r_, ut_errname(errno), #err); } while (0)

/* A libc call CALL must succeed (not return -1); evaluates to its result. */
#define CHECK_OK(call) \
	({ errno = 0; long r_ = (long)(call); \
	   if (r_ == -1) ut_fail(__FILE__, __LINE__, "%s failed (errno %s)", \
				 #call, ut_errname(errno)); r_; })

/* ---- Raw system calls ---- */

/*
 * Enter the kernel with `int 0x80` directly, bypassing libc: call NR with
 * arguments A1..A3. Returns the kernel's raw result (a negated errno on
 * failure). Tests use it to hand the kernel pointers and numbers libc would
 * never pass, so the kernel's own validation is what gets tested.
 */
static inline int ut_syscall(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
	int res;
	__asm__ volatile("int $0x80"
			 : "=a"(res)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(0), "D"(0)
			 : "memory");
	return res;
}

/* The same with four arguments (A4 in ESI). */
static inline int ut_syscall4(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
	int res;
	__asm__ volatile("int $0x80"
			 : "=a"(res)
			 : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(0)
			 : "memory");
	return res;
}

/* Addresses a user pointer must never be allowed to reach. */
#define UT_KERNEL_ADDR 0x00100000u   /* the kernel image (kernel space) */
#define UT_UNMAPPED    0x7FFF0000u   /* user space between heap and stack */
#define UT_WRAP_ADDR   0xFFFFFFF0u   /* with length 0x100 the range wraps past 4 GiB */

/* An address inside this program's own (read-only) code. */
#define UT_TEXT_ADDR ((uint32_t)(uintptr_t)&ut_fail)

/* ---- Helper processes ---- */

/*
 * Spawn UT_SELF as helper NAME with the NULL-terminated string arguments
 * that follow, descriptors from FDMAP (NULL: the test's own 0, 1, 2),
 * holding the test's rights (a helper without any: spawn it directly).
 * The child is tracked. Fails the test if spawn fails; returns the pid.
 */
int ut_helper(const int fdmap[3], const char *name, ...);

/* Track PID, a child spawned directly with spawn(); fails when the table is full. */
void ut_track(int pid);

/* Stop tracking PID: the test reaped it itself (with wait). */
void ut_untrack(int pid);

/* Wait for tracked child PID (blocking) and stop tracking it; returns its wait status. */
int ut_wait(int pid);

/* Kill (SIGKILL) and reap every tracked child; returns how many there were. */
int ut_reap_all(void);

/* procstat of PID, failing the test if it fails. */
struct procstat ut_stat(int pid);

/* Busy-wait until uptime() has advanced by MS ticks. */
void ut_spin_ms(unsigned ms);

#endif /* USERTESTS_UT_H */
