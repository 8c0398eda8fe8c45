/*
 * <stdio.h>: formatted output into strings (part of C11 7.21).
 *
 * Everything rests on libc_vfmt, a formatter that hands each output char to
 * a callback; a destination is just a callback and its context. The string
 * functions below use it with a bounded buffer as the context. Streams
 * (FILE, printf, puts; libc/stdio_file.c and libc/stdio_print.c) plug in
 * the same way: a FILE's callback fills its buffer and writes it out.
 *
 * Conversions: %d %i (signed decimal), %u (unsigned decimal), %o (octal),
 * %x %X (hex), %c (char), %s (string), %p (pointer), %%.
 * Flags: '-' left-justify in the field; '0' pad numbers with zeros (ignored
 * with '-' or with a precision); '+' always give a signed number a sign;
 * ' ' give a non-negative signed number a leading space; '#' alternative
 * form ("0" before octal, "0x"/"0X" before non-zero hex).
 * Width and precision are digits or '*' (taken from an int argument; a
 * negative width means '-', a negative precision means none). Precision is
 * the minimum number of digits for integers (".0" prints 0 as nothing) and
 * the maximum number of chars for %s.
 * Length modifiers for integer conversions: hh (char), h (short), l (long),
 * ll (long long), z (size_t), t (ptrdiff_t), j (intmax_t).
 * Deviations: no floating point (%f %e %g %a), no %n, no wide characters.
 * An unsupported or malformed conversion (including a length modifier on
 * %c, %s, %p or %%) is copied to the output as written and consumes no
 * argument beyond those of its '*'s. %s of NULL prints "(null)". %p prints "0x" and the address in
 * lower-case hex, with the '-' flag, width and precision applying as to %x.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>

#define EOF (-1)

/* va_list's underlying type, named without defining stdarg.h's macros here. */
#define __LIBC_VA_LIST __builtin_va_list
#define __LIBC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

/*
 * Format FMT with the arguments in AP, passing each output char to
 * PUT(CTX, c) in order. Returns the number of chars produced, or -1 with
 * errno = ERANGE when that number does not fit in an int (the chars
 * already produced stay produced).
 */
int libc_vfmt(void (*put)(void *ctx, char c), void *ctx, const char *fmt,
	      __LIBC_VA_LIST ap);

/*
 * Format into BUF, writing at most SIZE bytes including a terminating NUL
 * (nothing at all when SIZE is 0). Returns the length the whole output has,
 * so the output was truncated exactly when the result is >= SIZE; -1 as for
 * libc_vfmt.
 */
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt,
	      __LIBC_VA_LIST ap);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__LIBC_PRINTF(3, 4);

/* Format into BUF, which must be large enough; returns the length written. */
int vsprintf(char *restrict buf, const char *restrict fmt, __LIBC_VA_LIST ap);
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__LIBC_PRINTF(2, 3);

/* ---- Streams ----
 *
 * A FILE is a descriptor plus a buffer of BUFSIZ bytes. stdin (fd 0) and
 * stdout (fd 1) are line-buffered: output goes out at each '\n', and input
 * is read one read() at a time (a console read returns one line). stderr
 * (fd 2) is unbuffered: each call writes its output at once. Files from
 * fopen are fully buffered. Before a line-buffered or unbuffered stream
 * reads, stdout is flushed, so a prompt without '\n' appears before the
 * program waits for input. exit() flushes every stream; _exit() does not.
 * A stream opened for update ("r+", "w+") may switch between reading and
 * writing at any time: the library flushes or seeks back as needed.
 * Deviations: at most FOPEN_MAX streams are open at once (stdin, stdout and
 * stderr included); there is no fseek, ftell, ungetc, setvbuf or scanf;
 * getc, putc, getchar and putchar are functions, not macros.
 */

#define BUFSIZ    1024   /* bytes of each stream's buffer */
#define FOPEN_MAX 16     /* streams open at once, the three standard ones included */

typedef struct libc_file FILE;   /* opaque: see libc/stdio_file.h */

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

/*
 * Open PATH with MODE: "r" (read), "w" (write; create or truncate), "a"
 * (append; create), "r+" (read and write), "w+" (read and write; create or
 * truncate), "a+" (read, and append; create). A 'b' anywhere in MODE is
 * accepted and ignored. Returns the stream, or NULL with errno set (EINVAL
 * for a bad MODE, EMFILE when FOPEN_MAX streams are open, or open's error).
 */
FILE *fopen(const char *restrict path, const char *restrict mode);

/* Flush F, close its descriptor and free the stream. Returns 0, or EOF on error. */
int fclose(FILE *f);

/* Write out F's pending output (every output stream when F is NULL). Returns 0 or EOF. */
int fflush(FILE *f);

/*
 * Read up to N items of SIZE bytes into BUF; write N items of SIZE bytes
 * from BUF. Return the number of whole items done: fewer than N at the end
 * of input or on an error (tell them apart with feof and ferror).
 */
size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f);

/* The next byte of F as an unsigned char, or EOF at the end of input or on error. */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);                 /* getc(stdin) */

/*
 * Read a line of at most SIZE - 1 bytes into S, keeping the '\n', and add
 * a NUL. Returns S, or NULL if nothing was read before the end of input or
 * an error.
 */
char *fgets(char *restrict s, int size, FILE *restrict f);

/* Write byte C to F. Returns C as an unsigned char, or EOF on error. */
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);                /* putc(c, stdout) */

/* Write string S to F (fputs), or S and a '\n' to stdout (puts). Return >= 0, or EOF. */
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

/* True once F has met the end of input (feof) or an error (ferror). */
int feof(FILE *f);
int ferror(FILE *f);
/* Forget F's end-of-input and error marks, so reading may be tried again. */
void clearerr(FILE *f);

/*
 * Formatted output to a stream: the conversions described at the top of
 * this header. Return the number of chars written, or -1 on error.
 */
int vfprintf(FILE *restrict f, const char *restrict fmt, __LIBC_VA_LIST ap);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __LIBC_PRINTF(2, 3);
int vprintf(const char *restrict fmt, __LIBC_VA_LIST ap);
int printf(const char *restrict fmt, ...) __LIBC_PRINTF(1, 2);

/* Write "S: " (when S is neither NULL nor empty), strerror(errno) and '\n' to stderr. */
void perror(const char *s);

/*
 * Give the file or directory FROM the name TO (libc/dir.c); an existing
 * file TO, or an empty directory TO, is replaced. 0, or -1 with errno set.
 */
int rename(const char *from, const char *to);

#endif /* _STDIO_H */
