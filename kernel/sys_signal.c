/*
 * System calls of signals, rights and process groups (numbers 60-69; the
 * ABI and the rules in include/talos/syscall.h). Each handler validates
 * every argument before acting and returns a value or -errno.
 */
#include "kernel/file.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/syscall.h"
#include "kernel/trap.h"
#include "kernel/uaccess.h"
#include "talos/errno.h"

#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP) | 1u)

static bool user_code_addr(uint32_t a)
{
	return a >= USER_BASE && a < USER_TOP;
}

int32_t sys_sigaction(uint32_t sig, uint32_t uact, uint32_t uold, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct proc *me = proc_current();
	struct sig_state *s = &me->sig;
	if (sig == 0 || sig >= NSIG)
		return -EINVAL;
	if (uold && uaccess_check(uold, sizeof(struct sigaction), true))
		return -EFAULT;
	struct sigaction act;
	if (uact) {
		if (uaccess_check(uact, sizeof(act), false))
			return -EFAULT;
		act = *(const struct sigaction *)uact;
		uint32_t h = (uint32_t)act.sa_handler;
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (h != (uint32_t)SIG_DFL && h != (uint32_t)SIG_IGN &&
		    (!user_code_addr(h) || !user_code_addr((uint32_t)act.sa_restorer)))
			return -EFAULT;
	}
	if (uold) {
		struct sigaction *old = (struct sigaction *)uold;
		old->sa_handler = (void (*)(int))s->handler[sig];
		old->sa_mask = s->hmask[sig];
		old->sa_restorer = (void (*)(void))s->restorer[sig];
	}
	if (uact) {
		s->handler[sig] = (uint32_t)act.sa_handler;
		s->hmask[sig] = act.sa_mask & ~UNBLOCKABLE;
		s->restorer[sig] = (uint32_t)act.sa_restorer;
		/* A signal ignored from now on (by SIG_IGN or by default) is no longer pending. */
		if (act.sa_handler == SIG_IGN || (act.sa_handler == SIG_DFL &&
						  (sig == SIGCHLD || sig == SIGCONT)))
			s->pending &= ~SIG_BIT(sig);
	}
	return 0;
}

int32_t sys_sigreturn(uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	struct proc *me = proc_current();
	/* Entered from user mode: the frame is at the top of the kernel stack. */
	struct trapframe *tf = (struct trapframe *)(sched_stack_top(&me->task) -
						    sizeof(struct trapframe));
	return sig_return(tf);
}

int32_t sys_sigprocmask(uint32_t how, uint32_t uset, uint32_t uold, uint32_t a4, uint32_t a5)
{
	(void)a4; (void)a5;
	struct sig_state *s = &proc_current()->sig;
	if (how > SIG_SETMASK)
		return -EINVAL;
	if (uold && uaccess_check(uold, sizeof(unsigned), true))
		return -EFAULT;
	if (uset && uaccess_check(uset, sizeof(unsigned), false))
		return -EFAULT;
	if (uold)
		*(unsigned *)uold = s->blocked;
	if (uset) {
		uint32_t set = *(const unsigned *)uset & ~UNBLOCKABLE;
		if (how == SIG_BLOCK)
			s->blocked |= set;
		else if (how == SIG_UNBLOCK)
			s->blocked &= ~set;
		else
			s->blocked = set;
	}
	return 0;      /* a signal unblocked here is delivered on the way out */
}

int32_t sys_alarm(uint32_t ms, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	return sig_alarm(ms);
}

/* Does any live process (other than init) belong to group PGID? */
static bool group_exists(int pgid)
{
	for (int i = 0; i < PARAM_NPROC; i++) {
		const struct proc *q = &proc_table[i];
		if (q->in_use && !q->zombie && q->pgid == pgid)
			return true;
	}
	return false;
}

/*
 * May ME put process P into group PGID: P's own pid's, or an existing one
 * whose every live member ME may signal?
 */
static bool may_join(const struct proc *me, const struct proc *p, int pgid)
{
	if (pgid == p->pid)
		return true;
	bool found = false;
	for (int i = 0; i < PARAM_NPROC; i++) {
		const struct proc *q = &proc_table[i];
		if (!q->in_use || q->zombie || q->pgid != pgid)
			continue;
		if (!sig_may_signal(me, q))
			return false;
		found = true;
	}
	return found;
}

int32_t sys_spawnx(uint32_t upath, uint32_t uargv, uint32_t ufdmap, uint32_t rights,
		   uint32_t pgid)
{
	struct proc *me = proc_current();
	if (rights & ~me->rights)
		return -EPERM;                  /* only rights it holds can be passed on */
	int g = (int)pgid;
	if (g < SPAWN_PGID_FOREGROUND)
		return -EINVAL;
	if (g > 0 && !may_join(me, me, g))
		return group_exists(g) ? -EPERM : -ESRCH;
	if (g == SPAWN_PGID_FOREGROUND && !tty_may_take_console())
		return -EPERM;
	int pid = sys_spawn(upath, uargv, ufdmap, 0, 0);
	if (pid < 0)
		return pid;
	/* The child has not run yet: the kernel is not preempted. */
	struct proc *c = proc_find(pid);
	c->rights = rights;
	if (g == SPAWN_PGID_NEW || g == SPAWN_PGID_FOREGROUND)
		c->pgid = pid;
	else if (g > 0)
		c->pgid = g;
	if (g == SPAWN_PGID_FOREGROUND)
		tty_set_fg_group(pid);          /* cannot fail: checked above, C is our child */
	return pid;
}

int32_t sys_rights(uint32_t drop, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	struct proc *me = proc_current();
	me->rights &= ~drop;
	return (int32_t)me->rights;
}

int32_t sys_setpgid(uint32_t pid, uint32_t pgid, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	struct proc *me = proc_current();
	if ((int)pgid < 0 || (int)pid < 0)
		return -EINVAL;
	struct proc *p = pid == 0 ? me : proc_find((int)pid);
	if (!p || p->zombie)
		return -ESRCH;
	if (p != me && (p->pid == 1 || (p->parent != me && !(me->rights & RIGHT_SIGNAL))))
		return -EPERM;
	int g = pgid == 0 ? p->pid : (int)pgid;
	if (!may_join(me, p, g))
		return group_exists(g) ? -EPERM : -ESRCH;
	p->pgid = g;
	return 0;
}

/* Is descriptor FD of the current process the console? */
static bool is_console(uint32_t fd)
{
	struct file *f = fd_get(&proc_current()->files, (int)fd);
	return f && f->type == FILE_CONSOLE;
}

int32_t sys_tcsetpgrp(uint32_t fd, uint32_t pgid, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a3; (void)a4; (void)a5;
	if (!is_console(fd))
		return -ENOTTY;
	if ((int)pgid <= 0)
		return -EINVAL;
	return tty_set_fg_group((int)pgid);
}

int32_t sys_tcgetpgrp(uint32_t fd, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	if (!is_console(fd))
		return -ENOTTY;
	return tty_fg_group();
}

int32_t sys_getpgid(uint32_t pid, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
	(void)a2; (void)a3; (void)a4; (void)a5;
	struct proc *p = pid == 0 ? proc_current() : proc_find((int)pid);
	if (!p || p->zombie)
		return -ESRCH;
	return p->pgid;
}
