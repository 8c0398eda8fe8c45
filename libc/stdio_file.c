/*
 * stdio streams: the table of FILEs, their buffers, and the byte-moving
 * core (fopen, fclose, fflush, fread, fwrite, fgetc, fputc and the marks).
 * Formatted output and the line/string helpers sit on top, in
 * stdio_print.c.
 *
 * Invariant: every stream obeys the buffer rule in stdio_file.h, and a
 * stream switches from reading to writing (or back) only through
 * drop_input (or flush_out), so no byte is read twice or written late.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stdio_file.h"

static unsigned char buffers[FOPEN_MAX][BUFSIZ];

/* Slots 0, 1, 2 are the standard streams; fopen uses the others. */
static FILE files[FOPEN_MAX] = {
	{ .used = 1, .fd = STDIN_FILENO, .flags = FILE_CAN_READ,
	  .buffering = FILE_LINE, .buf = buffers[0] },
	{ .used = 1, .fd = STDOUT_FILENO, .flags = FILE_CAN_WRITE,
	  .buffering = FILE_LINE, .buf = buffers[1] },
	{ .used = 1, .fd = STDERR_FILENO, .flags = FILE_CAN_WRITE,
	  .buffering = FILE_NONE, .buf = buffers[2] },
};

FILE *stdin = &files[0];
FILE *stdout = &files[1];
FILE *stderr = &files[2];

/* Write all N bytes at P to FD, however many write() calls it takes. Returns 0 or -1. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write F's pending output and leave it idle. Returns 0, or EOF (error mark set). */
static int flush_out(FILE *f)
{
	int r = 0;

	if (f->state == FILE_WRITING && write_all(f->fd, f->buf, f->len) < 0) {
		f->error = 1;
		r = EOF;
	}
	if (f->state == FILE_WRITING) {
		f->len = 0;
		f->state = FILE_IDLE;
	}
	return r;
}

/*
 * Throw away F's unread input and leave it idle. The descriptor's offset
 * is moved back over the bytes thrown away, so a following write lands
 * where the program thinks it is; on a pipe or the console (no offset)
 * those bytes are simply gone, and lseek's ESPIPE is not left in errno.
 */
static void drop_input(FILE *f)
{
	int saved_errno = errno;

	if (f->state != FILE_READING)
		return;
	if (f->len > f->pos)
		lseek(f->fd, -(int)(f->len - f->pos), SEEK_CUR);
	errno = saved_errno;
	f->pos = f->len = 0;
	f->state = FILE_IDLE;
}

int libc_stdio_flush_all(void)
{
	int r = 0;

	for (int i = 0; i < FOPEN_MAX; i++)
		if (files[i].used && flush_out(&files[i]) == EOF)
			r = EOF;
	return r;
}

int fflush(FILE *f)
{
	if (!f)
		return libc_stdio_flush_all();
	drop_input(f);
	return flush_out(f);
}

/*
 * Parse an fopen MODE into open() flags and stream flags. Returns 0, or -1
 * for a mode that is not one of r w a r+ w+ a+ (each with an optional 'b').
 */
static int parse_mode(const char *mode, int *oflags, int *sflags)
{
	int plus = 0;

	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+')
			plus = 1;
		else if (*m != 'b')
			return -1;
	}
	switch (mode[0]) {
	case 'r': *oflags = 0; *sflags = FILE_CAN_READ; break;
	case 'w': *oflags = O_CREAT | O_TRUNC; *sflags = FILE_CAN_WRITE; break;
	case 'a': *oflags = O_CREAT | O_APPEND; *sflags = FILE_CAN_WRITE; break;
	default: return -1;
	}
	if (plus) {
		*oflags |= O_RDWR;
		*sflags = FILE_CAN_READ | FILE_CAN_WRITE;
	} else {
		*oflags |= mode[0] == 'r' ? O_RDONLY : O_WRONLY;
	}
	return 0;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, sflags, fd;
	FILE *f = NULL;

	if (parse_mode(mode, &oflags, &sflags) < 0) {
		errno = EINVAL;
		return NULL;
	}
	for (int i = STDERR_FILENO + 1; i < FOPEN_MAX && !f; i++)
		if (!files[i].used)
			f = &files[i];
	if (!f) {
		errno = EMFILE;
		return NULL;
	}
	fd = open(path, oflags);
	if (fd < 0)
		return NULL;
	*f = (FILE){ .used = 1, .fd = fd, .flags = sflags, .buffering = FILE_FULL,
		     .buf = buffers[f - files] };
	return f;
}

int fclose(FILE *f)
{
	int r = fflush(f);

	if (close(f->fd) < 0)
		r = EOF;
	f->used = 0;
	return r;
}

/*
 * Make F ready to write: it must be open for writing, and unread input
 * is dropped first. Returns 0, or EOF with the error mark and errno set.
 */
static int start_writing(FILE *f)
{
	if (!(f->flags & FILE_CAN_WRITE)) {
		f->error = 1;
		errno = EBADF;
		return EOF;
	}
	drop_input(f);
	f->state = FILE_WRITING;
	return 0;
}

size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	const unsigned char *p = buf;
	size_t total = size * n, left = total;

	if (total == 0 || start_writing(f) == EOF)
		return 0;
	if (f->buffering == FILE_NONE)
		return write_all(f->fd, p, total) < 0 ? (f->error = 1, 0) : n;
	while (left > 0) {
		size_t room = BUFSIZ - f->len, k = left < room ? left : room;

		if (f->len == 0 && left >= BUFSIZ) {
			/* Nothing pending and a whole buffer's worth: skip the copy. */
			if (write_all(f->fd, p, left) < 0) {
				f->error = 1;
				return 0;
			}
			return n;
		}
		memcpy(f->buf + f->len, p, k);
		f->len += k;
		p += k;
		left -= k;
		if (f->len == BUFSIZ && flush_out(f) == EOF)
			return 0;
		f->state = FILE_WRITING;
	}
	if (f->buffering == FILE_LINE && memchr(buf, '\n', total) && flush_out(f) == EOF)
		return 0;
	return n;
}

int fputc(int c, FILE *f)
{
	unsigned char b = (unsigned char)c;

	return fwrite(&b, 1, 1, f) == 1 ? b : EOF;
}

/*
 * Fill F's buffer with one read(). A line-buffered or unbuffered stream is
 * interactive, so stdout is flushed first: the user sees the prompt before
 * the program waits. Returns 0, or EOF with F's eof or error mark set.
 */
static int refill(FILE *f)
{
	ssize_t got;

	if (!(f->flags & FILE_CAN_READ)) {
		f->error = 1;
		errno = EBADF;
		return EOF;
	}
	if (flush_out(f) == EOF)
		return EOF;
	if (f->buffering != FILE_FULL && f != stdout)
		fflush(stdout);
	got = read(f->fd, f->buf, BUFSIZ);
	if (got <= 0) {
		if (got < 0)
			f->error = 1;
		else
			f->eof = 1;
		f->pos = f->len = 0;
		f->state = FILE_IDLE;
		return EOF;
	}
	f->pos = 0;
	f->len = (size_t)got;
	f->state = FILE_READING;
	return 0;
}

/* Once the end of input has been seen, F stays at the end until clearerr. */
int fgetc(FILE *f)
{
	if (f->state != FILE_READING || f->pos == f->len) {
		if (f->eof || refill(f) == EOF)
			return EOF;
	}
	return f->buf[f->pos++];
}

size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *p = buf;
	size_t total = size * n, done = 0;

	while (done < total) {
		size_t avail, k;

		if (f->state != FILE_READING || f->pos == f->len) {
			if (f->eof || refill(f) == EOF)
				break;
		}
		avail = f->len - f->pos;
		k = total - done < avail ? total - done : avail;
		memcpy(p + done, f->buf + f->pos, k);
		f->pos += k;
		done += k;
	}
	return size ? done / size : 0;
}

int feof(FILE *f)
{
	return f->eof;
}

int ferror(FILE *f)
{
	return f->error;
}

void clearerr(FILE *f)
{
	f->eof = 0;
	f->error = 0;
}
