/*
 * Fatal errors: the one path by which libc reports a bug in the program
 * (a failed assertion, heap corruption) and ends it.
 *
 * Invariant: it formats into a buffer on the stack and never allocates,
 * because the heap may be the thing that is broken.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

_Noreturn void libc_fatal(const char *fmt, ...)
{
	char msg[LIBC_FATAL_MAX + 2];           /* the text, '\n' and NUL */
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(msg, LIBC_FATAL_MAX + 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	else if (n > LIBC_FATAL_MAX)
		n = LIBC_FATAL_MAX;          /* vsnprintf stopped there */
	msg[n++] = '\n';

	/* write may take fewer bytes than offered: keep going until done or an error. */
	for (const char *p = msg; n > 0;) {
		ssize_t w = write(STDERR_FILENO, p, (size_t)n);

		if (w <= 0)
			break;
		p += w;
		n -= (int)w;
	}
	abort();
}

_Noreturn void libc_assert_fail(const char *expr, const char *file, int line,
				const char *func)
{
	libc_fatal("assertion failed: %s, file %s, line %d, function %s",
		   expr, file, line, func);
}
