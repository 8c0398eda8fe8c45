/*
 * System call dispatch. The entry stub for int 0x80 saves a trapframe;
 * syscall_dispatch() looks the number up in the table and calls the
 * handler with the five argument registers; the handler's result (a value,
 * or a negated errno) goes back in EAX.
 *
 * Handlers live beside their subsystem (sys_proc.c, sys_file.c, ...) and are
 * named sys_NAME; the table is in syscall.c.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "kernel/kdefs.h"

struct trapframe;

typedef int32_t syscall_fn(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5);

/* Install the int 0x80 handler. */
void syscall_init(void);

/* File and directory calls (kernel/sys_file.c). */
syscall_fn sys_open, sys_read, sys_write, sys_close, sys_lseek, sys_readdir, sys_pipe,
	sys_dup, sys_dup2, sys_fstat, sys_unlink;

/* Directory and naming calls (kernel/sys_fs.c). */
syscall_fn sys_mkdir, sys_rmdir, sys_rename, sys_chdir, sys_getcwd, sys_stat;

/* Process and scheduling calls (kernel/sys_proc.c). */
syscall_fn sys_exit, sys_spawn, sys_waitpid, sys_getpid, sys_yield, sys_sleep, sys_uptime,
	sys_sbrk, sys_kill, sys_setsched, sys_getsched, sys_procstat, sys_proclist,
	sys_poweroff, sys_sysinfo;

/* Extension calls (ext/sys_ext.c). */
syscall_fn sys_ext_load, sys_ext_call, sys_ext_stat, sys_handle_close, sys_task_open,
	sys_ext_lookup;

/* Dionisys calls (ext/sys_dion.c). */
syscall_fn sys_dion_init_app, sys_dion_attrclass, sys_dion_create, sys_dion_destroy,
	sys_dion_attr_get, sys_dion_attr_set, sys_dion_grant, sys_dion_list, sys_dion_attr_list;

/* The CPU recorder (kernel/cpurec.c). */
syscall_fn sys_cpu_record;

/* Signals, rights and process groups (kernel/sys_signal.c). */
syscall_fn sys_sigaction, sys_sigreturn, sys_sigprocmask, sys_alarm, sys_spawnx, sys_rights,
	sys_setpgid, sys_tcsetpgrp, sys_tcgetpgrp, sys_getpgid;

#endif /* KERNEL_SYSCALL_H */
