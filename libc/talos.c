/*
 * The TalOS-specific system calls, declared in <talos.h>: spawn, yield,
 * sleep_ms, uptime, readdir, scheduling (setsched, getsched), process
 * inspection (procstat, proclist), sysinfo, poweroff, and the SafeX
 * extension calls (ext_load, ext_lookup, ext_call, ext_stat, handle_close,
 * task_open).
 *
 * Invariant, as in unistd.c: a failing call returns -1 with errno set and
 * a successful one leaves errno alone.
 */
#include <talos.h>
#include "syscall.h"

int spawn(const char *path, char *const argv[], const int fdmap[3])
{
	return libc_result(libc_syscall(SYS_spawn, LIBC_W(path), LIBC_W(argv),
					LIBC_W(fdmap), 0, 0));
}

int yield(void)
{
	return libc_result(libc_syscall(SYS_yield, 0, 0, 0, 0, 0));
}

int sleep_ms(unsigned ms)
{
	return libc_result(libc_syscall(SYS_sleep, ms, 0, 0, 0, 0));
}

/* Cannot fail; the tick count is unsigned, so it is not read as an error. */
unsigned uptime(void)
{
	return (unsigned)libc_syscall(SYS_uptime, 0, 0, 0, 0, 0);
}

int readdir(const char *dir, int index, struct dirent *entry)
{
	return libc_result(libc_syscall(SYS_readdir, LIBC_W(dir), (uint32_t)index,
					LIBC_W(entry), 0, 0));
}

int setsched(int pid, const struct sched_param *param)
{
	return libc_result(libc_syscall(SYS_setsched, (uint32_t)pid, LIBC_W(param), 0, 0, 0));
}

int getsched(int pid, struct sched_param *param)
{
	return libc_result(libc_syscall(SYS_getsched, (uint32_t)pid, LIBC_W(param), 0, 0, 0));
}

int procstat(int pid, struct procstat *st)
{
	return libc_result(libc_syscall(SYS_procstat, (uint32_t)pid, LIBC_W(st), 0, 0, 0));
}

int proclist(int *pids, int max)
{
	return libc_result(libc_syscall(SYS_proclist, LIBC_W(pids), (uint32_t)max, 0, 0, 0));
}

int sysinfo(struct sysinfo *info)
{
	return libc_result(libc_syscall(SYS_sysinfo, LIBC_W(info), 0, 0, 0, 0));
}

int cpu_record(const struct cpu_record *rec)
{
	return libc_result(libc_syscall(SYS_cpu_record, LIBC_W(rec), 0, 0, 0, 0));
}

int poweroff(int how)
{
	return libc_result(libc_syscall(SYS_poweroff, (uint32_t)how, 0, 0, 0, 0));
}

int ext_load(const char *path, char *msg, int msglen)
{
	return libc_result(libc_syscall(SYS_ext_load, LIBC_W(path), LIBC_W(msg),
					(uint32_t)msglen, 0, 0));
}

int ext_lookup(int handle, const char *export_name)
{
	return libc_result(libc_syscall(SYS_ext_lookup, (uint32_t)handle, LIBC_W(export_name),
					0, 0, 0));
}

int ext_call_index(int handle, int export_index, struct ext_call *call)
{
	return libc_result(libc_syscall(SYS_ext_call, (uint32_t)handle, (uint32_t)export_index,
					LIBC_W(call), 0, 0));
}

int ext_call(int handle, const char *export_name, struct ext_call *call)
{
	int index = ext_lookup(handle, export_name);
	return index < 0 ? -1 : ext_call_index(handle, index, call);
}

int ext_stat(int handle, struct ext_stat *st)
{
	return libc_result(libc_syscall(SYS_ext_stat, (uint32_t)handle, LIBC_W(st), 0, 0, 0));
}

int handle_close(int handle)
{
	return libc_result(libc_syscall(SYS_handle_close, (uint32_t)handle, 0, 0, 0, 0));
}

int task_open(int pid)
{
	return libc_result(libc_syscall(SYS_task_open, (uint32_t)pid, 0, 0, 0, 0));
}
