/*
 * <sys/wait.h>: waiting for child processes.
 *
 * The status encoding and its macros (WIFEXITED, WEXITSTATUS, WIFSIGNALED,
 * WTERMSIG, WIFSTOPPED, WSTOPSIG) and WNOHANG, WUNTRACED come from the
 * shared ABI header: a child that returned CODE from main has WIFEXITED
 * and WEXITSTATUS == CODE & 0xFF; one killed by signal SIG has WIFSIGNALED
 * and WTERMSIG == SIG; one that stopped (reported with WUNTRACED only) has
 * WIFSTOPPED and WSTOPSIG == the stop signal.
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <talos/syscall.h>

/*
 * Wait for the child PID (-1: any child) to end, reap it and store its
 * status in *STATUS (if STATUS is not NULL). With WNOHANG in OPTIONS,
 * returns 0 at once when no such child has ended yet; with WUNTRACED, a
 * child that stopped since it was last reported is reported too (and not
 * reaped). Returns the child's pid, or -1 with errno ECHILD (no such
 * child), EINTR (a signal handler must run) or EINVAL.
 */
int waitpid(int pid, int *status, int options);

/* waitpid(-1, STATUS, 0): wait for any child. */
int wait(int *status);

#endif /* _SYS_WAIT_H */
