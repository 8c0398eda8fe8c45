/*
 * The errno variable and strerror's table of messages.
 *
 * Invariant: every code in include/talos/errno.h has a message here (the
 * host tests check each one), so a new code must be added to both.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int errno;

/* Indexed by code; a NULL entry is a number that is not an error code. */
static const char *const messages[] = {
	[0]            = "no error",
	[EPERM]        = "operation not permitted",
	[ENOENT]       = "no such file or directory",
	[ESRCH]        = "no such process",
	[EINTR]        = "interrupted",
	[EIO]          = "input/output error",
	[E2BIG]        = "argument list too long",
	[ENOEXEC]      = "not an executable",
	[EBADF]        = "bad handle or file descriptor",
	[ECHILD]       = "no child process",
	[EAGAIN]       = "resource temporarily unavailable, try again",
	[ENOMEM]       = "out of memory",
	[EACCES]       = "permission denied",
	[EFAULT]       = "bad address",
	[EBUSY]        = "resource busy",
	[EEXIST]       = "already exists",
	[ENOTDIR]      = "not a directory",
	[EISDIR]       = "is a directory",
	[EINVAL]       = "invalid argument",
	[ENFILE]       = "too many open objects in the system",
	[EMFILE]       = "too many open handles in this process",
	[ENOTTY]       = "not the console",
	[ENOSPC]       = "no space left",
	[ESPIPE]       = "illegal seek",
	[EROFS]        = "read-only file system",
	[EPIPE]        = "broken pipe",
	[EDOM]         = "argument out of domain",
	[ERANGE]       = "result out of range",
	[ENAMETOOLONG] = "name too long",
	[ENOSYS]       = "function not implemented",
	[ENOTEMPTY]    = "directory not empty",
	[EMSGSIZE]     = "line too long",
	[ETIMEDOUT]    = "timed out",
	[EREJECT]      = "extension rejected by the verifier",
	[ELINK]        = "extension import could not be bound",
	[EABORT]       = "extension invocation aborted",
};

char *strerror(int err)
{
	static char unknown[32];

	if (err >= 0 && (size_t)err < sizeof(messages) / sizeof(messages[0]) &&
	    messages[err])
		return (char *)messages[err];
	snprintf(unknown, sizeof(unknown), "unknown error %d", err);
	return unknown;
}
