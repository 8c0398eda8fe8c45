/*
 * The system call trap, private to libc: every syscall stub goes through
 * libc_syscall and libc_result below. User programs never include this
 * file; they call the stubs declared in <unistd.h>, <talos.h> and friends.
 *
 * The convention is the shared ABI's (include/talos/syscall.h): number in
 * EAX, arguments in EBX, ECX, EDX, ESI, EDI, result in EAX, and a result in
 * [-4095, -1] is a negated error code. Invariant: the kernel changes no
 * register but EAX, so the asm below names only EAX as an output.
 */
#ifndef LIBC_SYSCALL_H
#define LIBC_SYSCALL_H

#include <errno.h>
#include <stdint.h>
#include <talos/syscall.h>

/*
 * Trap into the kernel with call number NR and five arguments (unused ones
 * are ignored by the kernel). Returns EAX exactly as the kernel left it.
 * The "memory" clobber tells gcc the kernel may read or write any buffer
 * an argument points to.
 */
static inline int32_t libc_syscall(int nr, uint32_t a1, uint32_t a2, uint32_t a3,
				   uint32_t a4, uint32_t a5)
{
	int32_t r;

	__asm__ volatile("int $0x80"
			 : "=a"(r)
			 : "0"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
			 : "memory");
	return r;
}

/* True when a raw result is a negated error code, -4095 .. -1. */
static inline int libc_is_error(int32_t r)
{
	return (uint32_t)r >= (uint32_t)-4095;
}

/*
 * Turn a raw result into the C convention: an error code goes to errno and
 * becomes -1; any other value comes back unchanged.
 */
static inline int libc_result(int32_t r)
{
	if (libc_is_error(r)) {
		errno = -r;
		return -1;
	}
	return r;
}

/* Pointers and sizes travel as 32-bit words. */
#define LIBC_W(x) ((uint32_t)(uintptr_t)(x))

#endif /* LIBC_SYSCALL_H */
