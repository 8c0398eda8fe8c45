/*
 * Stream output and input helpers on top of the byte core of
 * stdio_file.c: formatted output (vfprintf and friends, through
 * libc_vfmt), the string and char conveniences (fputs, puts, putc,
 * putchar, getc, getchar, fgets) and perror.
 *
 * Invariant: everything here goes through fwrite or fgetc, so buffering
 * and the stream's marks are handled in one place.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/*
 * vfprintf gathers formatted chars in a small chunk on the stack and hands
 * them to fwrite a chunk at a time, so even an unbuffered stream (stderr)
 * gets one write() per chunk rather than one per char.
 */
#define CHUNK 128

struct chunk {
	FILE *f;
	size_t n;          /* chars waiting in buf */
	int failed;        /* an fwrite came up short */
	char buf[CHUNK];
};

static void chunk_flush(struct chunk *c)
{
	if (c->n > 0 && fwrite(c->buf, 1, c->n, c->f) != c->n)
		c->failed = 1;
	c->n = 0;
}

static void chunk_put(void *ctx, char ch)
{
	struct chunk *c = ctx;

	c->buf[c->n++] = ch;
	if (c->n == CHUNK)
		chunk_flush(c);
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct chunk c = { .f = f };
	int n = libc_vfmt(chunk_put, &c, fmt, ap);

	chunk_flush(&c);
	return c.failed ? -1 : n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t len = strlen(s);

	return fwrite(s, 1, len, f) == len ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
	int i = 0;

	if (size <= 0)
		return NULL;
	while (i < size - 1) {
		int c = fgetc(f);

		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && size > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
