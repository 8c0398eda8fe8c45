/*
 * The system call table and dispatcher (ABI in include/talos/syscall.h).
 * Handlers run with interrupts enabled, so the timer keeps ticking during
 * long calls; the trap exit path disables them again.
 */
#include "kernel/syscall.h"
#include "kernel/proc.h"
#include "kernel/trap.h"
#include "kernel/x86.h"
#include "talos/syscall.h"

static syscall_fn *const table[SYS_COUNT] = {
	[SYS_exit] = sys_exit,         [SYS_spawn] = sys_spawn,
	[SYS_waitpid] = sys_waitpid,   [SYS_getpid] = sys_getpid,
	[SYS_yield] = sys_yield,       [SYS_sleep] = sys_sleep,
	[SYS_uptime] = sys_uptime,     [SYS_open] = sys_open,
	[SYS_read] = sys_read,         [SYS_write] = sys_write,
	[SYS_close] = sys_close,       [SYS_lseek] = sys_lseek,
	[SYS_readdir] = sys_readdir,   [SYS_pipe] = sys_pipe,
	[SYS_dup2] = sys_dup2,         [SYS_sbrk] = sys_sbrk,
	[SYS_kill] = sys_kill,         [SYS_setsched] = sys_setsched,
	[SYS_getsched] = sys_getsched, [SYS_procstat] = sys_procstat,
	[SYS_proclist] = sys_proclist, [SYS_poweroff] = sys_poweroff,
	[SYS_sysinfo] = sys_sysinfo,   [SYS_fstat] = sys_fstat,
	[SYS_dup] = sys_dup,           [SYS_unlink] = sys_unlink,
	[SYS_ext_load] = sys_ext_load, [SYS_ext_call] = sys_ext_call,
	[SYS_ext_stat] = sys_ext_stat, [SYS_handle_close] = sys_handle_close,
	[SYS_task_open] = sys_task_open, [SYS_ext_lookup] = sys_ext_lookup,
	[SYS_dion_init_app] = sys_dion_init_app, [SYS_dion_attrclass] = sys_dion_attrclass,
	[SYS_dion_create] = sys_dion_create, [SYS_dion_destroy] = sys_dion_destroy,
	[SYS_dion_attr_get] = sys_dion_attr_get, [SYS_dion_attr_set] = sys_dion_attr_set,
	[SYS_dion_grant] = sys_dion_grant, [SYS_dion_list] = sys_dion_list,
	[SYS_dion_attr_list] = sys_dion_attr_list, [SYS_cpu_record] = sys_cpu_record,
	[SYS_mkdir] = sys_mkdir,       [SYS_rmdir] = sys_rmdir,
	[SYS_rename] = sys_rename,     [SYS_chdir] = sys_chdir,
	[SYS_getcwd] = sys_getcwd,     [SYS_stat] = sys_stat,
	[SYS_sigaction] = sys_sigaction, [SYS_sigreturn] = sys_sigreturn,
	[SYS_sigprocmask] = sys_sigprocmask, [SYS_alarm] = sys_alarm,
	[SYS_spawnx] = sys_spawnx,     [SYS_rights] = sys_rights,
	[SYS_setpgid] = sys_setpgid,   [SYS_tcsetpgrp] = sys_tcsetpgrp,
	[SYS_tcgetpgrp] = sys_tcgetpgrp, [SYS_getpgid] = sys_getpgid,
};

static void syscall_trap(struct trapframe *tf)
{
	uint32_t nr = tf->eax;
	/* Killed before it could notice (say, before it first ran): die instead of starting to wait. */
	proc_exit_if_killed();
	sti();
	if (nr >= SYS_COUNT || !table[nr])
		tf->eax = (uint32_t)-ENOSYS;
	else
		tf->eax = (uint32_t)table[nr](tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
	cli();
}

void syscall_init(void)
{
	trap_set_handler(T_SYSCALL, syscall_trap);
}
