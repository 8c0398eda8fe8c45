/*
 * The string destinations of libc_vfmt: vsnprintf, snprintf, vsprintf and
 * sprintf. Each keeps a cursor into the caller's buffer as the callback's
 * context.
 *
 * Invariant: at most SIZE - 1 chars are stored and, when SIZE > 0, a NUL
 * always follows them, however long the full output is.
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>

/* A buffer being filled: the next free byte and the room left before the NUL. */
struct bounded {
	char *next;
	size_t room;
};

static void put_bounded(void *ctx, char c)
{
	struct bounded *b = ctx;

	if (b->room > 0) {
		*b->next++ = c;
		b->room--;
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct bounded b = { buf, size > 0 ? size - 1 : 0 };
	int n = libc_vfmt(put_bounded, &b, fmt, ap);

	if (size > 0)
		*b.next = '\0';
	return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* No bound is known, so the room is "everything": the caller guarantees it. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
