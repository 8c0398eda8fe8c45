/*
 * popc diagnostics: a user error at a source position (the message, the
 * line and a caret), and an internal error (popc's own bug). The driver
 * exits on either; a caller that compiles many programs in one process
 * (the fuzzer) sets popc_recover and gets control back after a user
 * error, while an internal error aborts so that it is seen as a crash.
 *
 * Invariant: neither function returns to its caller.
 */
#include "popc.h"
#include <stdarg.h>
#include <stdlib.h>

struct program *popc_prog;
jmp_buf *popc_recover;

/* Exit status of an internal error: neither success nor a user error. */
#define POPC_INTERNAL 3

void popc_error(int line, int col, const char *fmt, ...)
{
	const char *s = popc_prog->src, *e;
	va_list ap;
	int l;

	fprintf(stderr, "%s:%d:%d: ", popc_prog->file, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	for (l = 1; l < line && *s; s++)
		if (*s == '\n')
			l++;
	if (line > 0 && *s) {
		for (e = s; *e && *e != '\n'; e++)
			;
		fprintf(stderr, "  %.*s\n  ", (int)(e - s), s);
		for (l = 1; l < col && s + l - 1 < e; l++)
			fputc(s[l - 1] == '\t' ? '\t' : ' ', stderr);
		fprintf(stderr, "^\n");
	}
	if (popc_recover)
		longjmp(*popc_recover, 1);
	exit(1);
}


void popc_internal(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: internal error: ", popc_prog->file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (please report this bug with the source)\n");
	if (popc_recover)
		abort();
	exit(POPC_INTERNAL);
}
