/*
 * Declarations shared between libc's own source files and not part of any
 * public header. User programs never include this file.
 */
#ifndef LIBC_INTERNAL_H
#define LIBC_INTERNAL_H

/*
 * Format a one-line message like snprintf (at most LIBC_FATAL_MAX chars;
 * longer ones are cut), write it and a newline to standard error (fd 2),
 * then abort(). For errors a program cannot recover from: a failed
 * assertion, a corrupted heap.
 */
#define LIBC_FATAL_MAX 255
_Noreturn void libc_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* LIBC_INTERNAL_H */
