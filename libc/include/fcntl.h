/*
 * <fcntl.h>: opening files.
 *
 * The O_* flags are the kernel's, from the shared ABI header. As POSIX
 * allows, this header also makes <sys/stat.h> (fstat) and <unistd.h>
 * (read, write, close, ...) visible.
 * Deviations: open takes no mode argument (TalOS files have no
 * permissions), and there is no fcntl().
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/stat.h>
#include <unistd.h>
#include <talos/syscall.h>

/*
 * Open PATH with FLAGS: one of O_RDONLY, O_WRONLY, O_RDWR, plus O_CREAT
 * (create a writable in-memory file if PATH does not exist), O_TRUNC (empty
 * it) and O_APPEND (every write goes to the end). Returns the lowest free
 * descriptor, or -1 with errno set (ENOENT, EISDIR, EACCES, EMFILE, ...).
 */
int open(const char *path, int flags);

#endif /* _FCNTL_H */
