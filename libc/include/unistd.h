/*
 * <unistd.h>: the POSIX system interfaces.
 *
 * Every function here is a syscall stub (libc/unistd.c): one int 0x80 into
 * the kernel, numbers and flags from the shared ABI header
 * <talos/syscall.h>, which this header includes (SEEK_*, SIG*, FD_MAX, ...).
 * On failure each returns -1 (sbrk: (void *)-1) and sets errno to the
 * kernel's error code. Host tests of the pure part of libc provide their own
 * stand-ins for sbrk and write.
 * Deviations: pids and file offsets are plain ints (no pid_t, off_t); kill
 * is declared here as well as being a signal.h function in POSIX.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <stdint.h>
#include <talos/syscall.h>

/* A byte count or -1: the signed type as wide as size_t. */
typedef __PTRDIFF_TYPE__ ssize_t;

/* ---- Processes ---- */

/* End the process at once with exit status STATUS & 0xFF; stdio is not flushed (see exit). */
_Noreturn void _exit(int status);

/* The caller's process id. Never fails. */
int getpid(void);

/*
 * Send signal SIG (SIGINT, SIGKILL, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
 * SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN) to process PID, or with PID
 * below -1 to each process of group -PID the caller may signal. Returns 0,
 * or -1 with errno ESRCH (no such process), EINVAL (bad SIG) or EPERM (the
 * caller may signal only itself and its descendants, and nobody init).
 */
int kill(int pid, int sig);

/*
 * Sleep for SECONDS. Returns 0, or the seconds left (rounded up) when a
 * signal handler interrupted the sleep.
 */
unsigned sleep(unsigned seconds);

/* SIGALRM in MS milliseconds (0: cancel). Returns the ms left of the previous alarm. */
int alarm_ms(unsigned ms);

/* SIGALRM in SECONDS (0: cancel). Returns the seconds left of the previous alarm, rounded up. */
unsigned alarm(unsigned seconds);

/*
 * Process groups and the console's foreground group (job control).
 * setpgid puts process PID (0: the caller; else a child) into group PGID
 * (0: a new group named by PID); getpgid tells PID's group (0: the
 * caller). tcsetpgrp makes PGID the foreground group of the console FD
 * (ENOTTY when FD is not the console); tcgetpgrp reads it. -1 with errno
 * on failure (EPERM, ESRCH, ENOTTY, EINVAL).
 */
int setpgid(int pid, int pgid);
int getpgid(int pid);
int tcsetpgrp(int fd, int pgid);
int tcgetpgrp(int fd);

/* ---- Descriptors ---- */

/*
 * Read up to COUNT bytes from FD into BUF. Returns the number read (0 at
 * the end of a file, or of a pipe whose writers are all closed); a console
 * read returns at most one line. -1 with errno set on error.
 */
ssize_t read(int fd, void *buf, size_t count);

/*
 * Write up to COUNT bytes from BUF to file descriptor FD. Returns the number
 * written (possibly fewer than COUNT), or -1 with errno set (EPIPE: a pipe
 * with no reader left).
 */
ssize_t write(int fd, const void *buf, size_t count);

/* Close FD. Returns 0, or -1 with errno EBADF. */
int close(int fd);

/*
 * Move FD's offset to OFFSET from the start (SEEK_SET), the current offset
 * (SEEK_CUR) or the end (SEEK_END). Returns the new offset, or -1 with errno
 * ESPIPE (a pipe or the console) or EINVAL.
 */
int lseek(int fd, int offset, int whence);

/*
 * Make a pipe: FDS[0] reads what FDS[1] writes, through a kernel buffer.
 * Returns 0, or -1 with errno EMFILE or ENFILE.
 */
int pipe(int fds[2]);

/* A new descriptor (the lowest free one) for the same open file as FD. */
int dup(int fd);

/* Make NEWFD name the open file of OLDFD, closing NEWFD first. Returns NEWFD. */
int dup2(int oldfd, int newfd);

/* ---- Files ---- */

/*
 * Paths may be absolute or relative to the working directory, which a
 * spawned child inherits.
 */

/*
 * Remove the created (writable) file PATH; initrd files give EROFS. An
 * open file keeps its bytes until its last descriptor is closed.
 */
int unlink(const char *path);

/* Remove the empty directory PATH. 0, or -1 with errno ENOTEMPTY, ENOTDIR, EROFS, ... */
int rmdir(const char *path);

/* Make PATH the working directory. 0, or -1 with errno ENOENT or ENOTDIR. */
int chdir(const char *path);

/*
 * Store the working directory's absolute path in BUF (SIZE bytes). Returns
 * BUF, or NULL with errno ERANGE (too small) or ENOENT (it was removed).
 */
char *getcwd(char *buf, size_t size);

/* ---- Memory ---- */

/*
 * Move the end of the process's data segment (the "break") by INCREMENT
 * bytes. Returns the old break, so sbrk(0) reads it and a successful
 * sbrk(n > 0) returns the start of N fresh bytes. On failure returns
 * (void *)-1 and sets errno (ENOMEM).
 */
void *sbrk(intptr_t increment);

#endif /* _UNISTD_H */
