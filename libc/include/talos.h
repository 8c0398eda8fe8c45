/*
 * <talos.h>: the TalOS system calls that have no POSIX counterpart.
 *
 * Types, limits and flags (struct procstat, SCHED_*, POWEROFF_*, DT_*,
 * PATH_MAX_LEN, ...) come from the shared ABI header <talos/syscall.h>,
 * which this header includes; its comment describes each call's contract.
 * Every call here returns -1 with errno set on failure; the results on
 * success are listed with each one.
 */
#ifndef _TALOS_H
#define _TALOS_H

#include <talos/syscall.h>

/* ---- Processes ---- */

/*
 * Start a new process running the program at PATH with arguments ARGV
 * (argc strings and a NULL; NULL means { PATH }). The child's descriptors
 * 0, 1, 2 are copies of the caller's descriptors FDMAP[0..2] (an entry of
 * -1 leaves that descriptor closed), or of the caller's own 0, 1, 2 when
 * FDMAP is NULL. Returns the child's pid. There is no fork.
 */
int spawn(const char *path, char *const argv[], const int fdmap[3]);

/*
 * spawn, and also pass RIGHTS (RIGHT_* bits the caller holds: else EPERM)
 * to the child and put it in process group PGID: SPAWN_PGID_INHERIT (the
 * caller's, as spawn), SPAWN_PGID_NEW (a new one named by the child's
 * pid), SPAWN_PGID_FOREGROUND (a new one, made the console's foreground
 * group: EPERM unless the caller may take the console) or an existing
 * group whose every process the caller may signal.
 */
int spawnx(const char *path, char *const argv[], const int fdmap[3], unsigned rights, int pgid);

/* Drop the RIGHT_* bits in DROP for good; returns the rights still held (rights(0) reads them). */
unsigned rights(unsigned drop);

/* Give the CPU to another ready process, if any. Returns 0. */
int yield(void);

/* Sleep for at least MS milliseconds (ticks). Returns 0. */
int sleep_ms(unsigned ms);

/* Ticks (milliseconds) since boot. Never fails. */
unsigned uptime(void);

/* Set (setsched) or read (getsched) the scheduling of PID (0: the caller). */
int setsched(int pid, const struct sched_param *param);
int getsched(int pid, struct sched_param *param);

/* Fill ST with the state and accounting of process PID (0: the caller). */
int procstat(int pid, struct procstat *st);

/*
 * Store the pids of up to MAX live or zombie processes in PIDS. Returns the
 * total number of processes, which may exceed MAX.
 */
int proclist(int *pids, int max);

/* Fill INFO with system-wide figures (uptime, pages, processes). */
int sysinfo(struct sysinfo *info);

/*
 * Start the kernel's CPU recorder on the processes REC names (REC->n 0
 * stops it): it prints REC and VIOL lines on the console (talos/syscall.h).
 */
int cpu_record(const struct cpu_record *rec);

/*
 * Power the machine off; HOW is POWEROFF_NORMAL or POWEROFF_SUITE_DONE.
 * Returns only when the kernel refuses (-1, errno EINVAL for a bad HOW).
 */
int poweroff(int how);

/* ---- Files ---- */

/*
 * Fill ENTRY with the INDEX-th entry (from 0) of directory DIR. Returns 1,
 * or 0 when INDEX is past the last entry.
 */
int readdir(const char *dir, int index, struct dirent *entry);

/* ---- SafeX extensions ---- */

/*
 * Verify and link the extension object at PATH. Returns a handle; when the
 * verifier or the linker rejects it, returns -1 with errno EREJECT or ELINK
 * and the one-line reason in MSG (at most MSGLEN bytes, NUL included).
 */
int ext_load(const char *path, char *msg, int msglen);

/*
 * The index of the function EXPORT_NAME of the extension HANDLE, to pass to
 * ext_call_index; fails with ENOENT when there is no such export.
 */
int ext_lookup(int handle, const char *export_name);

/*
 * Run export EXPORT_INDEX of the extension HANDLE with the arguments in
 * CALL. Returns 0 when the invocation ran, even if it was aborted: CALL's
 * status field says how it ended (EXT_OK, EXT_ABORT_*, EXT_FAULT_HANDLED,
 * EXT_RAISED). The extension runs on the caller's CPU time: it is preempted
 * and charged like the caller's own code, and CALL->reservation bounds it.
 */
int ext_call_index(int handle, int export_index, struct ext_call *call);

/* ext_lookup, then ext_call_index: the convenient form for one-off calls. */
int ext_call(int handle, const char *export_name, struct ext_call *call);

/* Fill ST with the statistics of the extension HANDLE. */
int ext_stat(int handle, struct ext_stat *st);

/* Release a handle (an extension or a task object). */
int handle_close(int handle);

/* Open a handle to the task object of process PID (0: the caller). */
int task_open(int pid);

#endif /* _TALOS_H */
