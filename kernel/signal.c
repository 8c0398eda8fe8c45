/*
 * Signals and rights of processes (contract in kernel/signal.h, the ABI in
 * include/talos/syscall.h, the model in docs/rights.md): sending, the
 * default actions, the handler's frame and sigreturn, and the alarm daemon.
 *
 * Everything that touches another process's signal state runs with
 * interrupts off, because the console's Ctrl-C arrives in an interrupt.
 */
#include "kernel/signal.h"
#include "kernel/fpu.h"
#include "kernel/kprintf.h"
#include "kernel/pit.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/trap.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "sched/sched.h"
#include "talos/errno.h"

#define STOP_SIGS   (SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN))
#define USER_EFLAGS 0x0CD5u   /* CF PF AF ZF SF DF OF: what a frame may change */
#define EFLAGS_TF   0x0100u
#define EFLAGS_DF   0x0400u

enum action { ACT_TERM, ACT_IGNORE, ACT_STOP };

static enum action default_action(int sig)
{
	if (sig == SIGCHLD || sig == SIGCONT)
		return ACT_IGNORE;
	return SIG_BIT(sig) & STOP_SIGS ? ACT_STOP : ACT_TERM;
}

/* ---- Rights ---- */

bool sig_may_signal(const struct proc *from, const struct proc *to)
{
	if (to == from)
		return true;
	if (to->pid == 1)
		return false;                   /* init takes signals from nobody else */
	if (from->rights & RIGHT_SIGNAL)
		return true;
	for (const struct proc *q = to->parent; q; q = q->parent)
		if (q == from)
			return true;
	return false;
}

/* ---- Sending ---- */

void sig_report_stop(struct proc *p, int sig)
{
	p->sig.stop_report = sig;
	if (p->parent)
		sched_wakeup(&p->parent->child_exit);
}

/* Stop P for SIG, unless it was killed: it must run to its end. */
static void stop(struct proc *p, int sig)
{
	if (p->killed)
		return;
	sched_stop(&p->task);
	sig_report_stop(p, sig);
}

/* SIG is pending and not blocked in P: run its default action now, or wake P for its handler. */
static void act(struct proc *p, int sig)
{
	struct sig_state *s = &p->sig;
	if (s->handler[sig] != (uint32_t)SIG_DFL) {
		sched_interrupt(&p->task);      /* a blocking call returns -EINTR */
		return;
	}
	s->pending &= ~SIG_BIT(sig);
	if (default_action(sig) == ACT_STOP) {
		stop(p, sig);
	} else if (!p->killed) {
		p->killed = sig;
		sched_kill(&p->task);
	}
}

void sig_post(struct proc *p, int sig)
{
	if (!p->in_use || p->zombie)
		return;
	struct sig_state *s = &p->sig;
	bool was = irq_save();
	if (sig == SIGCONT) {
		s->pending &= ~STOP_SIGS;
		s->stop_report = 0;
		sched_continue(&p->task);
	} else if (SIG_BIT(sig) & STOP_SIGS) {
		s->pending &= ~SIG_BIT(SIGCONT);
	}
	uint32_t h = s->handler[sig];
	if (sig == SIGKILL) {
		p->killed = SIGKILL;
		sched_kill(&p->task);
	} else if (sig == SIGSTOP) {
		stop(p, sig);
	} else if (h != (uint32_t)SIG_IGN &&
		   (h != (uint32_t)SIG_DFL || default_action(sig) != ACT_IGNORE)) {
		s->pending |= SIG_BIT(sig);
		if (!(s->blocked & SIG_BIT(sig)))
			act(p, sig);
	}
	irq_restore(was);
}

int sig_post_group(int pgid, int sig)
{
	int n = 0;
	for (int i = 0; i < PARAM_NPROC; i++) {
		struct proc *p = &proc_table[i];
		if (p->in_use && !p->zombie && p->pgid == pgid && p->pid != 1) {
			sig_post(p, sig);
			n++;
		}
	}
	return n;
}

bool sig_interrupted(void)
{
	struct proc *p = proc_current();
	return p && (p->killed || (p->sig.pending & ~p->sig.blocked));
}

/* ---- Delivery and sigreturn ---- */

/* The process's signal frame is unusable: say so and end it with SIGSEGV. */
static NORETURN void bad_frame(struct proc *p, const char *why, uint32_t addr)
{
	kprintf("pid %d (%s): killed by SIGSEGV (signal %d): %s at %08x\n", p->pid, p->task.name,
		SIGSEGV, why, addr);
	proc_exit(SIGSEGV);
}

void sig_deliver(struct trapframe *tf)
{
	struct proc *p = proc_current();
	struct sig_state *s = &p->sig;
	int sig = __builtin_ctz(s->pending & ~s->blocked);
	s->pending &= ~SIG_BIT(sig);
	uint32_t h = s->handler[sig];
	if (h == (uint32_t)SIG_DFL) {           /* unblocked after it was sent */
		if (default_action(sig) == ACT_TERM)
			proc_exit(sig);
		stop(p, sig);
		sched_yield();                  /* returns once continued */
		return;
	}
	/* The handler's first argument (frame + 4) must be 16-byte aligned. */
	uint32_t sp = tf->user_esp;
	uint32_t fa = ((sp - sizeof(struct sigframe) - 16) & ~15u) + 12;
	if (sp < USER_BASE + sizeof(struct sigframe) + 16 ||
	    uaccess_check(fa, sizeof(struct sigframe), true))
		bad_frame(p, "no room on the stack for a signal frame", sp);
	struct sigframe *f = (struct sigframe *)fa;
	f->ret = s->restorer[sig];
	f->sig = sig;
	f->magic = SIGFRAME_MAGIC;
	f->mask = s->blocked;
	f->edi = tf->edi; f->esi = tf->esi; f->ebp = tf->ebp; f->ebx = tf->ebx;
	f->edx = tf->edx; f->ecx = tf->ecx; f->eax = tf->eax;
	f->eip = tf->eip; f->eflags = tf->eflags; f->esp = sp;
	f->fpu = p->fpu.used;
	if (f->fpu)
		fpu_get_image(&p->fpu, f->fpu_image);
	s->blocked |= s->hmask[sig] | SIG_BIT(sig);
	tf->eip = h;
	tf->user_esp = fa;
	tf->eflags &= ~(EFLAGS_TF | EFLAGS_DF);
}

int32_t sig_return(struct trapframe *tf)
{
	struct proc *p = proc_current();
	uint32_t fa = tf->user_esp - 4;         /* the handler's ret popped the return address */
	if (tf->user_esp < USER_BASE + 4 || uaccess_check(fa, sizeof(struct sigframe), false))
		bad_frame(p, "sigreturn without a readable signal frame", fa);
	struct sigframe f;
	memcpy(&f, (const void *)fa, sizeof(f));
	if (f.magic != SIGFRAME_MAGIC)
		bad_frame(p, "corrupt signal frame (magic)", fa);
	if (f.eip < USER_BASE || f.eip >= USER_TOP)
		bad_frame(p, "corrupt signal frame (eip outside user space)", f.eip);
	if (f.fpu > 1)
		bad_frame(p, "corrupt signal frame (fpu flag)", fa);
	tf->edi = f.edi; tf->esi = f.esi; tf->ebp = f.ebp; tf->ebx = f.ebx;
	tf->edx = f.edx; tf->ecx = f.ecx; tf->eax = f.eax;
	tf->eip = f.eip;
	tf->user_esp = f.esp;
	tf->eflags = (tf->eflags & ~USER_EFLAGS) | (f.eflags & USER_EFLAGS);
	p->sig.blocked = f.mask & ~(SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP) | 1u);
	if (f.fpu)
		fpu_set_image(&p->fpu, f.fpu_image);
	else
		fpu_forget(&p->fpu);
	return (int32_t)f.eax;
}

/* ---- The alarm ---- */

static struct task *alarm_thread;   /* the daemon that sends SIGALRM, once started */
static struct waitq alarm_idle;     /* it waits here while no alarm is set */

/* Send SIGALRM to every process whose alarm is due; sleep until the next one. */
static void alarm_loop(void *arg)
{
	(void)arg;
	for (;;) {
		bool was = irq_save();
		uint64_t now = pit_ticks(), next = 0;
		for (int i = 0; i < PARAM_NPROC; i++) {
			struct proc *p = &proc_table[i];
			if (!p->in_use || p->zombie || !p->sig.alarm_at)
				continue;
			if (p->sig.alarm_at <= now) {
				p->sig.alarm_at = 0;
				sig_post(p, SIGALRM);
			} else if (!next || p->sig.alarm_at < next) {
				next = p->sig.alarm_at;
			}
		}
		if (next)
			sched_sleep_until(next);
		else
			sched_block(&alarm_idle);
		irq_restore(was);
	}
}

int32_t sig_alarm(uint32_t ms)
{
	struct proc *p = proc_current();
	if (ms > 0x7FFFFFFFu)
		return -EINVAL;
	if (ms && !alarm_thread) {
		alarm_thread = sched_kthread("alarm", alarm_loop, NULL);
		if (!alarm_thread)
			return -ENOMEM;
		sched_set_daemon(alarm_thread);
	}
	bool was = irq_save();
	uint64_t now = pit_ticks();
	uint32_t left = p->sig.alarm_at > now ? (uint32_t)(p->sig.alarm_at - now) : 0;
	p->sig.alarm_at = ms ? now + ms : 0;
	irq_restore(was);
	if (ms)
		sched_interrupt(alarm_thread);      /* it recomputes its next wake-up */
	return (int32_t)left;
}
