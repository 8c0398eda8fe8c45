/*
 * TalOS error codes, shared by the kernel, libc and host tools.
 *
 * A syscall or kernel interface returns a negative code on failure
 * (-EFAULT, ...); libc stores the positive value in errno. Keep the numbers
 * stable: they are part of the ABI.
 */
#ifndef TALOS_ERRNO_H
#define TALOS_ERRNO_H

#define EPERM     1   /* operation not permitted */
#define ENOENT    2   /* no such file or directory */
#define ESRCH     3   /* no such process */
#define EINTR     4   /* interrupted */
#define EIO       5   /* input/output error */
#define E2BIG     7   /* argument list too long */
#define ENOEXEC   8   /* not an executable (or extension object) */
#define EBADF     9   /* bad handle or file descriptor */
#define ECHILD   10   /* no child process to wait for */
#define EAGAIN   11   /* try again */
#define ENOMEM   12   /* out of memory */
#define EACCES   13   /* permission (capability right) denied */
#define EFAULT   14   /* bad user pointer */
#define EBUSY    16   /* resource busy */
#define EEXIST   17   /* already exists */
#define ENOTDIR  20   /* not a directory */
#define EISDIR   21   /* is a directory */
#define EINVAL   22   /* invalid argument */
#define ENFILE   23   /* system table full */
#define EMFILE   24   /* per-process table full */
#define ENOTTY   25   /* not the console */
#define ENOSPC   28   /* no space left */
#define ESPIPE   29   /* seek on a pipe */
#define EROFS    30   /* read-only file (an initrd file or directory) */
#define EPIPE    32   /* write to a pipe with no reader */
#define EDOM     33   /* argument out of domain */
#define ERANGE   34   /* result out of range */
#define ENAMETOOLONG 36 /* name too long */
#define ENOSYS   38   /* no such syscall */
#define ENOTEMPTY 39  /* directory not empty */
#define EMSGSIZE 90   /* message or input line too long (a console line: refused) */
#define ETIMEDOUT 110 /* reservation or deadline expired */

/* TalOS-specific codes. */
#define EREJECT  200  /* extension object rejected by the verifier */
#define ELINK    201  /* extension import could not be bound */
#define EABORT   202  /* extension invocation aborted (overrun or fault) */

#endif /* TALOS_ERRNO_H */
