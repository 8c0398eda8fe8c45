/*
 * Job control on the console (contract in kernel/signal.h, rules in
 * include/talos/syscall.h): the foreground process group, the characters
 * that signal it (Ctrl-C: SIGINT, Ctrl-Z: SIGTSTP), and the stop of a
 * background process that reads the console (SIGTTIN).
 *
 * Invariant: fg_pgid names the group allowed to read the console; every
 * other reader waits stopped until it is continued in the foreground.
 */
#include "kernel/console.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

#define CTRL_C 0x03
#define CTRL_Z 0x1A

static int fg_pgid = 1;       /* at boot: init's group */

int tty_fg_group(void)
{
	return fg_pgid;
}

bool tty_may_take_console(void)
{
	const struct proc *me = proc_current();
	if (me->pgid == fg_pgid)
		return true;
	for (int i = 0; i < PARAM_NPROC; i++) {
		const struct proc *q = &proc_table[i];
		if (q->in_use && !q->zombie && q->pgid == fg_pgid && !sig_may_signal(me, q))
			return false;
	}
	return true;
}

int tty_set_fg_group(int pgid)
{
	struct proc *me = proc_current();
	bool found = false, reachable = false;
	for (int i = 0; i < PARAM_NPROC; i++) {
		const struct proc *q = &proc_table[i];
		if (!q->in_use || q->zombie || q->pgid != pgid)
			continue;
		found = true;
		reachable |= sig_may_signal(me, q);
	}
	if (!found)
		return -ESRCH;
	if (!reachable || !tty_may_take_console())
		return -EPERM;
	fg_pgid = pgid;
	tty_input_ready();              /* blocked readers look again at whether they may read */
	return 0;
}

int tty_job_may_read(void)
{
	struct proc *me = proc_current();
	for (;;) {
		if (!me || me->pgid == fg_pgid)
			return 0;
		if (sig_interrupted())
			return -EINTR;
		if (me->pid == 1 || me->sig.handler[SIGTTIN] == (uint32_t)SIG_IGN ||
		    (me->sig.blocked & SIG_BIT(SIGTTIN)))
			return -EIO;
		sig_post_group(me->pgid, SIGTTIN);
		if (sig_interrupted())
			return -EINTR;          /* it has a handler for SIGTTIN */
		sched_yield();                  /* stopped: back here once continued */
	}
}

bool tty_signal_char(char c)
{
	if (c != CTRL_C && c != CTRL_Z)
		return false;
	console_write(c == CTRL_C ? "^C\n" : "^Z\n", 3);
	sig_post_group(fg_pgid, c == CTRL_C ? SIGINT : SIGTSTP);
	return true;
}
