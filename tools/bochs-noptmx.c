/*
 * Preloaded into Bochs (LD_PRELOAD) by tools/bochs-screen.sh, so that
 * `make bochs` draws the VGA screen on the terminal it was started from,
 * and by tests/bochs/run.sh, so that the check's screen goes to script's
 * terminal, which is read, instead of one nobody reads (Bochs blocks once
 * that fills).
 *
 * Debian builds Bochs with its debugger, and then the "term" display opens
 * /dev/ptmx and draws the screen on that new pseudo-terminal instead of
 * its own, for a second terminal to attach to; nothing attaches, so the
 * screen is invisible and no key reaches the guest. When /dev/ptmx cannot
 * be opened the display keeps the terminal Bochs runs on. This library
 * makes exactly that one open fail (ENOENT) and passes every other open
 * to the C library unchanged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/types.h>

typedef int open_fn(const char *path, int flags, ...);

/* Open PATH through the C library's function NAME, unless it is /dev/ptmx. */
static int open_unless_ptmx(const char *name, const char *path, int flags, mode_t mode)
{
	if (path && strcmp(path, "/dev/ptmx") == 0) {
		errno = ENOENT;
		return -1;
	}
	open_fn *real = (open_fn *)dlsym(RTLD_NEXT, name);
	if (!real) {
		errno = ENOSYS;
		return -1;
	}
	return real(path, flags, mode);
}

/* The mode argument exists only when FLAGS create a file. */
#define MODE_ARG(flags, mode) \
	do { \
		if ((flags) & (O_CREAT | O_TMPFILE)) { \
			va_list ap; \
			va_start(ap, flags); \
			mode = va_arg(ap, mode_t); \
			va_end(ap); \
		} \
	} while (0)

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	MODE_ARG(flags, mode);
	return open_unless_ptmx("open", path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	MODE_ARG(flags, mode);
	return open_unless_ptmx("open64", path, flags, mode);
}
