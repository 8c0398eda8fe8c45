/*
 * <unistd.h>: the POSIX system interfaces libc builds on.
 *
 * These are syscall stubs: libc declares them here and uses them (malloc
 * grows the heap with sbrk; fatal messages go out through write) but the
 * pure part of libc does not define them. The syscall layer of libc (int
 * 0x80, numbers from the shared ABI header) provides their bodies; host
 * tests provide stand-ins.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <stdint.h>

/* A byte count or -1: the signed type as wide as size_t. */
typedef __PTRDIFF_TYPE__ ssize_t;

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/*
 * Move the end of the process's data segment (the "break") by INCREMENT
 * bytes. Returns the old break, so sbrk(0) reads it and a successful
 * sbrk(n > 0) returns the start of N fresh bytes. On failure returns
 * (void *)-1 and sets errno (ENOMEM).
 */
void *sbrk(intptr_t increment);

/*
 * Write up to COUNT bytes from BUF to file descriptor FD. Returns the number
 * written (possibly fewer than COUNT), or -1 with errno set.
 */
ssize_t write(int fd, const void *buf, size_t count);

#endif /* _UNISTD_H */
