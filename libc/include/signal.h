/*
 * <signal.h>: signal handlers and the blocked mask.
 *
 * Signal numbers, SIG_DFL, SIG_IGN, SIG_BLOCK..., struct sigaction and the
 * handler's frame come from the shared ABI header <talos/syscall.h> (its
 * comment says what each signal does by default and how delivery works).
 * A handler runs on the program's stack when the process next returns to
 * user mode; a blocking call it interrupted returns -1 with errno EINTR.
 * Deviations: masks are plain unsigned words (no sigset_t functions
 * beyond the few below), and there are no flags (SA_*): a handler always
 * has its own signal blocked while it runs, and calls are never restarted.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <talos/syscall.h>

typedef unsigned sigset_t;
typedef void (*sighandler_t)(int);

#define SIG_ERR ((sighandler_t)-1)

/*
 * Install ACT for SIG (if ACT is not NULL) and store the previous one in
 * OLD (if not NULL). libc fills in sa_restorer. Returns 0, or -1 with
 * errno EINVAL (a bad SIG, or SIGKILL and SIGSTOP, which cannot be
 * caught) or EFAULT (a handler outside user space).
 */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);

/* sigaction with HANDLER and no extra mask. Returns the previous handler, or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler);

/*
 * Change the blocked mask: HOW is SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK
 * with SET (NULL: no change); the previous mask goes to OLD (if not NULL).
 * SIGKILL and SIGSTOP are never blocked. A pending signal unblocked here
 * is delivered before sigprocmask returns. Returns 0, or -1 (EINVAL).
 */
int sigprocmask(int how, const sigset_t *set, sigset_t *old);

/* Send SIG to the calling process. Returns 0, or -1 with errno EINVAL. */
int raise(int sig);

/* Mask helpers: the empty mask, and adding or testing one signal. */
static inline int sigemptyset(sigset_t *set) { *set = 0; return 0; }
static inline int sigaddset(sigset_t *set, int sig) { *set |= SIG_BIT(sig); return 0; }
static inline int sigismember(const sigset_t *set, int sig) { return (*set & SIG_BIT(sig)) != 0; }

#endif /* _SIGNAL_H */
