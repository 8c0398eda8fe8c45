/*
 * Signals, rights and process groups of processes (ABI and rules in
 * include/talos/syscall.h; the model in docs/rights.md).
 *
 * A signal sent to a process is acted on at once when its action is to
 * end, stop or continue the process, or dropped when it is ignored; a
 * signal with a handler (or a blocked one) is left pending, and a pending
 * unblocked signal is delivered on the next return to user mode
 * (sig_deliver): a struct sigframe is pushed on the user stack and the
 * process resumes in its handler. Invariant: `pending` holds only signals
 * that are caught or blocked, so pending & ~blocked is exactly "a handler
 * must run", which is what makes a blocking call return -EINTR.
 *
 * The user frame (the highest address is the interrupted stack pointer):
 *
 *   interrupted esp -> +-------------------+
 *                      | (alignment gap)   |
 *                      | fpu_image[512]    |  struct sigframe, at an address
 *                      | fpu, eip..esp,    |  that makes the handler's first
 *                      | regs, mask, magic |  argument 16-byte aligned
 *                      | sig               |  handler's argument
 *   handler's esp   -> | ret = restorer    |
 *                      +-------------------+
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/kdefs.h"
#include "talos/syscall.h"

struct proc;
struct trapframe;

/* Per-process signal state (zero = no handlers, nothing pending or blocked). */
struct sig_state {
	uint32_t handler[NSIG];    /* SIG_DFL (0), SIG_IGN (1) or a user address */
	uint32_t restorer[NSIG];   /* the handler's return address */
	uint32_t hmask[NSIG];      /* blocked as well while the handler runs */
	uint32_t pending;          /* caught or blocked signals waiting (see invariant) */
	uint32_t blocked;          /* signals held back (never SIGKILL, SIGSTOP) */
	uint64_t alarm_at;         /* tick at which SIGALRM is due; 0: no alarm */
	int stop_report;           /* stop signal not yet reported to waitpid(WUNTRACED); 0: none */
};

/*
 * Send SIG (1..NSIG-1) to P as the kernel (no permission check): act on
 * it or leave it pending as the header comment says. Safe with interrupts
 * off (the console's Ctrl-C path). A zombie ignores it.
 */
void sig_post(struct proc *p, int sig);

/*
 * May FROM signal (and re-schedule) TO? Itself, its descendants, or with
 * RIGHT_SIGNAL anyone; never init, unless FROM is init.
 */
bool sig_may_signal(const struct proc *from, const struct proc *to);

/* Does the current process have a handler to run (so a blocking call must give up)? */
bool sig_interrupted(void);

/*
 * On the way back to user mode with a pending unblocked signal: take the
 * default action of a signal that became unblocked, or push a frame for
 * its handler onto the user stack and point TF at the handler. A stack
 * that cannot take the frame kills the process (SIGSEGV).
 */
void sig_deliver(struct trapframe *tf);

/* The sigreturn call: restore TF from the frame at the user stack. Returns the restored eax. */
int32_t sig_return(struct trapframe *tf);

/*
 * Set the current process's alarm to MS ms from now (0: cancel). Returns
 * the ms that were left of the previous one, -EINVAL (MS above 2^31 - 1)
 * or -ENOMEM (the alarm daemon could not start).
 */
int32_t sig_alarm(uint32_t ms);

/* The child P stopped with SIG: note it for waitpid(WUNTRACED) and wake its parent. */
void sig_report_stop(struct proc *p, int sig);

/* Post SIG to every process of group PGID but init; returns how many got it. */
int sig_post_group(int pgid, int sig);

/* The console (kernel/tty_job.c): the foreground group, and Ctrl-C / Ctrl-Z. */
int tty_fg_group(void);

/* May the current process take the console from its foreground group (see talos/syscall.h)? */
bool tty_may_take_console(void);

/*
 * Make PGID the console's foreground group for the current process.
 * 0, or -EPERM (see the rules in talos/syscall.h), -ESRCH (no such group).
 */
int tty_set_fg_group(int pgid);

/*
 * May the current process read the console now? 0 if it is in the
 * foreground group (or is a kernel thread); otherwise its group gets
 * SIGTTIN and it waits stopped, and this returns 0 once it is continued in
 * the foreground, -EINTR when a handler must run, -EIO when it ignores or
 * blocks SIGTTIN. Call before taking each byte of input.
 */
int tty_job_may_read(void);

/*
 * An input byte C arrived (interrupts off): if it is Ctrl-C or Ctrl-Z,
 * signal the foreground group, echo "^C" / "^Z" and return true (the
 * byte is not input); else return false.
 */
bool tty_signal_char(char c);

#endif /* KERNEL_SIGNAL_H */
