/*
 * Process, time and system calls. Each handler validates every argument
 * (pointers through uaccess) before acting, and returns a value or -errno.
 * kill and setsched reach only the processes the caller may signal, and
 * SCHED_RT needs RIGHT_RT (kernel/signal.h).
 */
#include "kernel/fspath.h"
#include "kernel/kheap.h"
#include "kernel/kprintf.h"
#include "kernel/pit.h"
#include "kernel/pmm.h"
#include "kernel/power.h"
#include "kernel/proc.h"
#include "kernel/ramfs.h"
#include "kernel/string.h"
#include "kernel/syscall.h"
#include "kernel/uaccess.h"
#include "talos/errno.h"

int32_t sys_exit(uint32_t status, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	proc_exit(W_EXITCODE((int)status));
}

/* Arguments copied in from user space for spawn. */
struct spawn_args {
	char path[PATH_MAX_LEN];
	int argc;
	char *argv[ARGV_MAX + 1];
	char strings[ARG_MAX_BYTES];
};

static int copy_argv(struct spawn_args *a, uint32_t uargv)
{
	if (uargv == 0) {                         /* no argv: argv[0] is the path */
		a->argc = 1;
		a->argv[0] = a->path;
		return 0;
	}
	uint32_t used = 0;
	for (a->argc = 0;; a->argc++) {
		uint32_t slot = uargv + (uint32_t)a->argc * 4;
		int err = uaccess_check(slot, 4, false);
		if (err)
			return err;
		uint32_t ustr = *(const uint32_t *)slot;
		if (ustr == 0)
			break;
		if (a->argc == ARGV_MAX)
			return -E2BIG;
		int len = uaccess_strcpy(a->strings + used, ustr, ARG_MAX_BYTES - used);
		if (len == -ENAMETOOLONG)
			return -E2BIG;
		if (len < 0)
			return len;
		a->argv[a->argc] = a->strings + used;
		used += (uint32_t)len + 1;
	}
	if (a->argc == 0)
		return -EINVAL;
	return 0;
}

int32_t sys_spawn(uint32_t upath, uint32_t uargv, uint32_t ufdmap, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct proc *me = proc_current();
	struct spawn_args *a = kmalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	int err = fspath_user(upath, a->path);
	if (err >= 0)
		err = copy_argv(a, uargv);
	struct file *fds[3] = { me->files.fd[0], me->files.fd[1], me->files.fd[2] };
	if (err >= 0 && ufdmap) {
		err = uaccess_check(ufdmap, 3 * sizeof(int), false);
		for (int i = 0; i < 3 && err >= 0; i++) {
			int fd = ((const int *)ufdmap)[i];
			fds[i] = fd == -1 ? NULL : fd_get(&me->files, fd);
			if (fd != -1 && !fds[i])
				err = -EBADF;
		}
	}
	if (err >= 0)
		err = proc_spawn(a->path, a->argc, a->argv, me, fds);
	kfree(a);
	return err;
}

int32_t sys_waitpid(uint32_t pid, uint32_t ustatus, uint32_t options, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	if (options & ~(uint32_t)(WNOHANG | WUNTRACED))
		return -EINVAL;
	if ((int)pid < -1 || pid == 0)
		return -EINVAL;
	if (ustatus && uaccess_check(ustatus, sizeof(int), true))
		return -EFAULT;
	int status = 0;
	int r = proc_wait((int)pid, &status, (int)options);
	if (r > 0 && ustatus)
		*(int *)ustatus = status;
	return r;
}

int32_t sys_getpid(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	return proc_current()->pid;
}

int32_t sys_yield(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	sched_yield();
	return 0;
}

int32_t sys_sleep(uint32_t ms, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	uint64_t deadline = pit_ticks() + ms;
	while (pit_ticks() < deadline) {
		if (sig_interrupted())
			return -EINTR;          /* a handler runs; the sleep is not resumed */
		sched_sleep_until(deadline);
	}
	return 0;
}

int32_t sys_uptime(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	return (int32_t)(uint32_t)pit_ticks();
}

int32_t sys_sbrk(uint32_t incr, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	return proc_sbrk((int32_t)incr);
}

/* The process PID names (0: the caller), or NULL. Zombies count only if ZOMBIE_OK. */
static struct proc *target(uint32_t pid, bool zombie_ok)
{
	struct proc *p = pid == 0 ? proc_current() : proc_find((int)pid);
	if (p && p->zombie && !zombie_ok)
		return NULL;
	return p;
}

/* Signals kill accepts: those with a meaning for programs (signal 0 and fault signals are not). */
#define KILL_SIGS (SIG_BIT(SIGINT) | SIG_BIT(SIGKILL) | SIG_BIT(SIGUSR1) | SIG_BIT(SIGUSR2) | \
		   SIG_BIT(SIGALRM) | SIG_BIT(SIGTERM) | SIG_BIT(SIGCHLD) | SIG_BIT(SIGCONT) | \
		   SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN))

/* Send SIG to every process of group PGID the caller may signal: 0, -ESRCH or -EPERM. */
static int kill_group(int pgid, int sig)
{
	struct proc *me = proc_current();
	bool found = false, sent = false;
	for (int i = 0; i < PARAM_NPROC; i++) {
		struct proc *p = &proc_table[i];
		if (!p->in_use || p->zombie || p->pgid != pgid)
			continue;
		found = true;
		if (sig_may_signal(me, p)) {
			sig_post(p, sig);
			sent = true;
		}
	}
	return !found ? -ESRCH : sent ? 0 : -EPERM;
}

int32_t sys_kill(uint32_t pid, uint32_t sig, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	if (sig >= NSIG || !(KILL_SIGS & SIG_BIT(sig)))
		return -EINVAL;
	if ((int)pid < -1)
		return kill_group(-(int)pid, (int)sig);
	struct proc *p = (int)pid > 0 ? target(pid, true) : NULL;
	if (!p)
		return -ESRCH;
	if (!sig_may_signal(proc_current(), p))
		return -EPERM;
	sig_post(p, (int)sig);
	return 0;
}

static bool sched_param_valid(const struct sched_param *sp)
{
	if (sp->sched_class == SCHED_NORMAL) {
		if (sp->priority != 0)
			return false;
	} else if (sp->sched_class == SCHED_RT) {
		if (sp->priority < 1 || sp->priority >= SCHED_RT_LEVELS)
			return false;
	} else {
		return false;
	}
	int min_quantum = sp->sched_class == SCHED_RT ? 0 : 1;     /* RT quantum 0: FIFO */
	return sp->quantum >= min_quantum && sp->quantum <= PARAM_MAX_QUANTUM &&
	       sp->period >= 1 && sp->period <= PARAM_MAX_PERIOD;
}

int32_t sys_setsched(uint32_t pid, uint32_t uparam, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct proc *p = target(pid, false);
	if (!p)
		return -ESRCH;
	if (uaccess_check(uparam, sizeof(struct sched_param), false))
		return -EFAULT;
	struct sched_param sp = *(const struct sched_param *)uparam;
	if (!sched_param_valid(&sp))
		return -EINVAL;
	struct proc *me = proc_current();
	if (!sig_may_signal(me, p) || (sp.sched_class == SCHED_RT && !(me->rights & RIGHT_RT)))
		return -EPERM;
	sched_set_params(&p->task, &sp);
	return 0;
}

int32_t sys_getsched(uint32_t pid, uint32_t uparam, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct proc *p = target(pid, true);
	if (!p)
		return -ESRCH;
	if (uaccess_check(uparam, sizeof(struct sched_param), true))
		return -EFAULT;
	sched_get_params(&p->task, (struct sched_param *)uparam);
	return 0;
}

int32_t sys_procstat(uint32_t pid, uint32_t ust, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct proc *p = target(pid, true);
	if (!p)
		return -ESRCH;
	if (uaccess_check(ust, sizeof(struct procstat), true))
		return -EFAULT;
	proc_stat(p, (struct procstat *)ust);
	return 0;
}

int32_t sys_proclist(uint32_t upids, uint32_t max, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	if ((int)max < 0 || max > PARAM_NPROC * 4)
		return -EINVAL;
	if (uaccess_check(upids, max * sizeof(int), true))
		return -EFAULT;
	return proc_list((int *)upids, (int)max);
}

int32_t sys_poweroff(uint32_t how, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (how == POWEROFF_NORMAL) {
		kprintf("powering off\n");
		power_off();
	}
	if (how == POWEROFF_SUITE_DONE) {
		kprintf("KT exit done\n");
		power_exit(EXIT_SUITE_DONE);
	}
	return -EINVAL;
}

int32_t sys_sysinfo(uint32_t uinfo, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (uaccess_check(uinfo, sizeof(struct sysinfo), true))
		return -EFAULT;
	struct sysinfo *si = (struct sysinfo *)uinfo;
	struct kheap_stats hs;
	kheap_get_stats(&hs);
	si->uptime_ticks = (unsigned)pit_ticks();
	si->free_pages = pmm_free_pages();
	si->total_pages = pmm_total_pages();
	si->nprocs = (unsigned)proc_list(NULL, 0);
	si->heap_bytes = hs.heap_bytes;
	si->fs_pages = ramfs_root.pages_used;
	si->fs_pages_max = ramfs_root.pages_max;
	si->fs_nodes = (unsigned)ramfs_root.count;
	si->fs_nodes_max = PARAM_RAMFS_FILES;
	return 0;
}
